//! The desk at rest ([`crate::Desk::rest`]): its page cache is given back once no person has
//! made a command for a while, kept while a clerk works, and the next search finds as before.

use chrono::Duration;
use serde_json::{json, Value};

use crate::commands::dispatch;
use crate::testkit::{at, d, desk, family, TODAY};
use crate::{ApiResult, Desk, Now};

/// `seconds` after the tests' moment.
fn after(seconds: i64) -> Now {
    Now { at: at() + Duration::seconds(seconds), today: d(TODAY) }
}

fn call(desk: &Desk, name: &str, args: Value, now: Now) -> ApiResult<Value> {
    dispatch(desk, name, args, now).unwrap_or_else(|| panic!("{name} is a command"))
}

/// The bytes the desk's connection holds in its page cache.
fn cached(desk: &Desk) -> i64 {
    desk.with(|store, _| Ok(store.cache_bytes())).expect("the store")
}

/// Persons found by the example family's surname.
fn found(desk: &Desk, now: Now) -> usize {
    let answer = call(desk, "find", json!({ "query": "Сейітқали", "limit": 50 }), now);
    answer.expect("find")["hits"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_desk_at_rest_gives_its_page_cache_back_and_keeps_it_while_a_clerk_works() {
    let (_dir, desk) = desk();
    let rest = Duration::seconds(15);
    assert!(!desk.rest(after(0), rest), "nothing is open before anyone signs in");

    let login = json!({ "login": "aigerim", "password": "aigerim-password" });
    call(&desk, "sign_in", login, after(0)).expect("sign in");
    let args = json!({ "form": family(), "allow_duplicates": false });
    call(&desk, "register_family", args, after(0)).expect("register");
    let hits = found(&desk, after(0));
    assert!(hits >= 1, "the family registered is found: {hits}");
    let working = cached(&desk);

    // Ten seconds after the clerk's last command: still at work, the cache is kept.
    assert!(!desk.rest(after(10), rest));
    assert!(cached(&desk) >= working, "kept while at work");

    // A quarter minute without a command: given back.
    assert!(desk.rest(after(15), rest));
    let rested = cached(&desk);
    assert!(rested * 2 < working, "given back at rest: {working} bytes, then {rested}");

    // The next search reads what it needs again and finds the same.
    assert_eq!(found(&desk, after(16)), hits);
    assert!(cached(&desk) > rested, "read again");
    assert!(!desk.rest(after(20), rest), "a search is a clerk's command");
}
