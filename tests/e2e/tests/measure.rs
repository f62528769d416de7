//! Figures, not a check (ignored by default; `scripts/measure-desktop.sh` runs it on release
//! builds): Otau's desktop app against a bare Tauri 2 app (`tests/bare-tauri`: one window, one
//! static page), both started the same way under the same display — the time from asking for the
//! window to a usable first screen, and the memory of the process tree (PSS of the app,
//! WebKitWebProcess and WebKitNetworkProcess) after start, beside the bare app as Tauri makes it
//! and beside it painted on the CPU as Otau's window is — then a clerk's working day on an
//! office of about 100,000 persons: 500 searches typed in the find box, 100 cards opened from the
//! results, 50 families registered, 20 registration certificates issued from the card; memory at
//! the start of the day (after sign-in) and at its end, and how long the day took.
//!
//! Families are registered through `check_family` and `register_family`, the commands the
//! registration form calls when it is saved (typing 50 families of three into the form would
//! make the day hours long and measure WebDriver's typing); everything else goes through the
//! window. Each figure is printed, and also as a row of BENCHMARKS.md's table, appended to the
//! file named by `OTAU_BENCH_ROWS` when it is set.
//!
//! `OTAU_MEASURE_FAMILIES` sets the number of demo families (default 26,000, about 100,000
//! persons, registered over 2025 and 2026: one office numbers at most 99,999 persons a year, and
//! the day registers more); `OTAU_MEASURE_RUNS` the number of
//! starts of each app whose figures are reported (default 3, medians); `OTAU_BARE_BIN` the bare
//! app (default: `bare-tauri` beside the desktop app's binary).
// Measurements (seconds, rates, MiB) are floating point; no money is computed here.
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use otau_core::population::spelling::{self, Passport, FEMALE, MALE, SURNAMES};
use otau_e2e::{App, Error, Key, Memory, Otau, ADMIN_PASSWORD, CLERK};
use serde_json::{json, Value};

/// The working day.
const SEARCHES: usize = 500;
const CARDS: usize = 100;
const FAMILIES: usize = 50;
const CERTIFICATES: usize = 20;

/// The variable that has WebKitGTK paint on the CPU, as the desktop app sets it for itself.
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// How long the window is left alone before its memory is read (WebKit settles after a load).
const QUIET: Duration = Duration::from_secs(3);
/// How long the app is left alone before the memory of the day's start and end is read: longer
/// than the quarter minute without a command after which the app gives its page cache and freed
/// memory back, checked every quarter minute (src-tauri/src/main.rs, memory.rs), so both are
/// read in the same settled state.
const SETTLED: Duration = Duration::from_secs(35);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn show(label: &str, memory: &Memory) {
    println!(
        "{label}: PSS {:.1} MiB (RSS {:.1} MiB) — {}",
        mib(memory.pss_kib),
        mib(memory.rss_kib),
        memory
            .processes
            .iter()
            .map(|(name, pss, _)| format!("{name} {:.1} MiB", mib(*pss)))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

fn median<T: Clone + Ord>(values: &[T]) -> T {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2].clone()
}

/// Prints a row of the benchmark table and appends it to `OTAU_BENCH_ROWS` when set.
/// Starts the bare app `runs` times with `env` in its environment: its start-up times and its
/// memory after start (PSS, KiB), each start shown.
fn bare_app(
    bare: &std::path::Path,
    label: &str,
    env: &[(&str, &str)],
    runs: usize,
) -> (Vec<Duration>, Vec<u64>) {
    let (mut startups, mut memories) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let app = App::start_binary_with("measure-bare", bare, env);
        startups.push(app.startup());
        std::thread::sleep(QUIET);
        let memory = app.memory().unwrap_or_else(|e| panic!("{e}"));
        println!("{label}, start {}: {:.2} s to its page", run + 1, app.startup().as_secs_f64());
        show(&format!("{label}, memory after start"), &memory);
        memories.push(memory.pss_kib);
    }
    (startups, memories)
}

fn row(persons: usize, figure: &str, otau: &str, baseline: &str, ratio: f64, goal: &str) {
    let line = format!("| {persons} | {figure} | {otau} | {baseline} | {ratio:.2}x | {goal} |");
    println!("{line}");
    if let Some(path) = std::env::var_os("OTAU_BENCH_ROWS").filter(|v| !v.is_empty()) {
        let written = std::fs::OpenOptions::new().create(true).append(true).open(&path).and_then(
            |mut file| std::io::Write::write_all(&mut file, format!("{line}\n").as_bytes()),
        );
        if let Err(e) = written {
            panic!("cannot append to {}: {e}", PathBuf::from(path).display());
        }
    }
}

/// The bare Tauri 2 app: `OTAU_BARE_BIN`, else `bare-tauri` beside the desktop app.
fn bare_binary() -> PathBuf {
    match std::env::var_os("OTAU_BARE_BIN").filter(|v| !v.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => otau_e2e::desktop_binary()
            .unwrap_or_else(|e| panic!("{e}"))
            .with_file_name("bare-tauri"),
    }
}

/// Copies the office database and what lies beside it (its key file) to `target`.
fn copy_office(source: &Path, target: &Path) -> otau_e2e::Result<()> {
    let (Some(dir), Some(name)) = (source.parent(), source.file_name()) else {
        return Err(Error::new(format!("{} is not a file", source.display())));
    };
    let name = name.to_string_lossy().into_owned();
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::new(format!("{}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file.strip_prefix(&name) {
            let to = PathBuf::from(format!("{}{rest}", target.display()));
            std::fs::copy(entry.path(), &to).map_err(|e| {
                Error::new(format!("cannot copy the office to {}: {e}", to.display()))
            })?;
        }
    }
    Ok(())
}

/// A clerk's query `i` of the day: a surname and a given name of the demo office's lists, in
/// Kazakh Cyrillic, in the Russian form or in Latin letters, or a surname alone.
fn query(i: usize) -> String {
    let surname = SURNAMES[(i * 7 + 3) % SURNAMES.len()];
    let given = if i.is_multiple_of(2) {
        MALE[(i * 13 + 5) % MALE.len()]
    } else {
        FEMALE[(i * 11) % FEMALE.len()]
    };
    let surname =
        if i.is_multiple_of(2) { surname.to_owned() } else { spelling::feminine(surname) };
    // A search whose first hit's card is opened (every fifth) is of a surname alone, which
    // always finds someone.
    match if i % (SEARCHES / CARDS) == SEARCHES / CARDS - 1 { 3 } else { i % 4 } {
        0 => format!("{surname} {given}"),
        1 => format!(
            "{} {}",
            spelling::russian_form(&surname, false),
            spelling::russian_form(given, true)
        ),
        2 => format!(
            "{} {}",
            spelling::latin(&surname, Passport::Kz),
            spelling::latin(given, Passport::Kz)
        ),
        _ => surname,
    }
}

/// The passport number of the head of the `j`th family registered during the day.
fn passport(j: usize) -> String {
    format!("ZD{:07}", 4_200_000 + j)
}

fn member(
    relation: &str,
    surname: &str,
    given: &str,
    patronymic: &str,
    birth: &str,
    sex: &str,
) -> Value {
    let upper = |text: &str| spelling::latin(text, Passport::Uz).to_uppercase();
    json!({
        "relation": relation,
        "surname": surname,
        "given_name": given,
        "patronymic": patronymic,
        "surname_latin": upper(surname),
        "given_name_latin": upper(given),
        "patronymic_latin": "",
        "birth_date": birth,
        "sex": sex,
        "iin": "",
        "citizenship": "",
        "education": if relation == "child" { "general_secondary" } else { "higher" },
        "document": {
            "kind": if relation == "child" { "birth_certificate" } else { "passport" },
            "number": "",
            "issuing_country": "UZ",
            "issued_on": "2019-05-20",
            "valid_until": if relation == "child" { "" } else { "2029-05-19" },
        },
        "phone": "",
        "email": "",
        "consent": {
            "basis": if relation == "child" { "minor" } else { "given" },
            "given_on": "2026-09-14",
            "purpose_code": "adaptation",
            "purpose": "",
            "term": "programme_end",
            "valid_until": "",
            "method": "signed_form",
            "covered_by": if relation == "child" { json!(0) } else { Value::Null },
            "note": "",
        },
    })
}

/// The registration form of the `j`th family of the day: a head, a spouse and a child.
fn family_form(j: usize) -> Value {
    let surname = SURNAMES[(j * 5 + 1) % SURNAMES.len()];
    let father = MALE[(j * 3 + 2) % MALE.len()];
    let head = MALE[(j * 11 + 7) % MALE.len()];
    let mut members = vec![
        member("head", surname, head, &spelling::patronymic(father, true), "1984-03-17", "male"),
        member(
            "spouse",
            &spelling::feminine(surname),
            FEMALE[(j * 7 + 1) % FEMALE.len()],
            "",
            "1987-10-02",
            "female",
        ),
        member("child", surname, MALE[(j * 17 + 4) % MALE.len()], "", "2015-06-21", "male"),
    ];
    members[0]["document"]["number"] = json!(passport(j));
    members[1]["document"]["number"] = json!(format!("ZE{:07}", 4_200_000 + j));
    members[2]["document"]["number"] = json!(format!("I-ZF {:07}", 4_200_000 + j));
    json!({
        "arrival_date": "2026-09-14",
        "country_of_origin": "UZ",
        "region": "KZ-55",
        "settlement": "Павлодар",
        "accommodation_category": "region_invites",
        "address": "",
        "members": members,
    })
}

/// Types `text` in the find box (already focused) and waits for its results on screen.
fn search(app: &mut App, text: &str) {
    app.replace_text(text);
    app.wait_until(&format!("results for {text}"), |app| {
        app.value("#find-query") == text
            && (app.count("[data-testid=find-hit]") > 0 || app.count("[data-testid=find-none]") > 0)
    });
}

/// Back to the find box with Ctrl+K, as the clerk does from any screen.
fn to_find_box(app: &mut App) {
    app.chord(Key::Control, 'k');
    app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
}

/// Enter on the selected (first) hit; waits until a card shows and returns its number.
fn open_first_hit(app: &mut App) -> String {
    app.keys(&char::from(Key::Enter).to_string());
    app.wait_until("a card opens", |app| {
        app.text("[data-testid=card-regno]").is_ok_and(|t| !t.trim().is_empty())
    });
    app.text("[data-testid=card-regno]").unwrap_or_default().trim().to_owned()
}

#[test]
#[ignore = "figures for scripts/measure-desktop.sh, not a check"]
fn desktop_against_a_bare_tauri_app_and_over_a_working_day_on_100000_persons() {
    let families = env_number("OTAU_MEASURE_FAMILIES", 26_000);
    let runs = env_number("OTAU_MEASURE_RUNS", 3).max(1);
    let bare = bare_binary();

    // The office is built once, before anything is measured; each start of the app gets a copy.
    let office_dir = tempfile::tempdir().expect("temp dir");
    let office = office_dir.path().join("otau.sqlite");
    let started = Instant::now();
    let otau = Otau::on(&office, ADMIN_PASSWORD);
    // Registered over two years: one year numbers at most 99,999 persons, and the day
    // registers more.
    let demo =
        ["--user", "admin", "demo", "--families", &families.to_string(), "--years", "2025-2026"];
    otau.office().and_then(|()| otau.run(&demo, "")).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "office of {families} demo families built in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The bare app, started and measured as Otau is below; then again, painted on the CPU as
    // Otau's window is (src-tauri/src/rendering.rs): what Otau's pages cost beyond that choice.
    let (bare_startups, bare_memory) = bare_app(&bare, "bare Tauri 2", &[], runs);
    let (_, bare_cpu_memory) =
        bare_app(&bare, "bare Tauri 2 painted on the CPU", &[(CPU_PAINTING, "1")], runs);

    let docs = tempfile::tempdir().expect("temp dir");
    let docs_env = docs.path().join("Otau documents").to_string_lossy().into_owned();
    let mut startups = Vec::new();
    let mut after_start = Vec::new();
    let mut last = None;
    for run in 0..runs {
        // One session at a time: the previous start ends before the next begins.
        drop(last.take());
        let app = App::start_office("measure", &[("OTAU_DOCS_DIR", &docs_env)], |otau| {
            copy_office(&office, otau.db_path())
        });
        startups.push(app.startup());
        std::thread::sleep(QUIET);
        let memory = app.memory().unwrap_or_else(|e| panic!("{e}"));
        println!(
            "otau, start {}: {:.2} s to a usable sign-in screen",
            run + 1,
            app.startup().as_secs_f64()
        );
        show("otau, memory after start", &memory);
        after_start.push(memory.pss_kib);
        last = Some(app);
    }
    let Some(mut app) = last else { unreachable!("at least one run") };

    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    let persons = app.invoke("home", json!({})).unwrap_or_else(|e| panic!("{e}"))["home"]
        ["persons"]
        .as_i64()
        .unwrap_or_default();
    println!("persons in the office: {persons}");
    // The table's scale: the office's size to the nearest ten thousand.
    let scale = usize::try_from((persons + 5_000) / 10_000 * 10_000).unwrap_or_default();

    // The working day. Every 10th search is preceded by registering a family; every 5th
    // search opens the first hit's card; every 25th looks the head of a family registered
    // earlier that day up by passport number and issues the family's certificate on the card.
    // The sign-in's backup ends first: what it read is not part of the day.
    let waited = Instant::now();
    while app.invoke("backup_status", json!({})).unwrap_or_else(|e| panic!("{e}"))["running"]
        .as_bool()
        .unwrap_or(false)
    {
        assert!(waited.elapsed() < Duration::from_secs(600), "the sign-in's backup never ended");
        std::thread::sleep(Duration::from_millis(500));
    }
    std::thread::sleep(SETTLED);
    let day_start = app.memory().unwrap_or_else(|e| panic!("{e}"));
    show("memory at the start of the day (signed in, home screen)", &day_start);
    let day = Instant::now();
    let mut registered: Vec<String> = Vec::new();
    let (mut cards, mut certificates) = (0, 0);
    let mut typed_ms = Vec::new();
    let mut store_ms = Vec::new();
    to_find_box(&mut app);
    for i in 0..SEARCHES {
        if i.is_multiple_of(SEARCHES / FAMILIES) {
            let form = family_form(registered.len());
            app.invoke("check_family", json!({ "form": form })).unwrap_or_else(|e| panic!("{e}"));
            let answer = app
                .invoke("register_family", json!({ "form": form, "allow_duplicates": true }))
                .unwrap_or_else(|e| panic!("{e}"));
            registered.push(answer["family_regno"].as_str().unwrap_or_default().to_owned());
        }
        let certificate = i % (SEARCHES / CERTIFICATES) == SEARCHES / CERTIFICATES - 1;
        let text = if certificate { passport(certificates) } else { query(i) };
        let asked = Instant::now();
        search(&mut app, &text);
        if certificate {
            let head = registered[certificates].clone();
            app.wait_until(&format!("{text} finds the head of {head}"), |app| {
                app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(head.as_str())
            });
        }
        typed_ms.push(asked.elapsed().as_secs_f64() * 1000.0);
        if i < 10 {
            let answer = app
                .invoke("find", json!({ "query": text, "limit": 50 }))
                .unwrap_or_else(|e| panic!("{e}"));
            store_ms.push(answer["micros"].as_f64().unwrap_or_default() / 1000.0);
        }
        if i % (SEARCHES / CARDS) == SEARCHES / CARDS - 1 && app.count("[data-testid=find-hit]") > 0
        {
            let card = open_first_hit(&mut app);
            cards += 1;
            if certificate {
                assert_eq!(card, registered[certificates], "the card of the family registered");
                app.click("[data-testid=doc-issue-certificate]");
                app.wait_until("the certificate is saved", |app| {
                    app.text("[data-testid=doc-saved-path]").is_ok_and(|t| t.ends_with(".pdf"))
                        && app.count("[data-testid=doc-row]") > 0
                });
                certificates += 1;
            }
            to_find_box(&mut app);
        }
        if (i + 1).is_multiple_of(100) {
            println!(
                "  {} searches, {cards} cards, {} families, {certificates} certificates: {:.0} s",
                i + 1,
                registered.len(),
                day.elapsed().as_secs_f64()
            );
        }
    }
    let day_took = day.elapsed();
    std::thread::sleep(SETTLED);
    let day_end = app.memory().unwrap_or_else(|e| panic!("{e}"));
    show("memory at the end of the day", &day_end);
    app.screenshot("end-of-day");
    println!(
        "working day: {SEARCHES} searches typed in the find box, {cards} cards opened from the \
         results, {} families registered through the commands check_family and register_family \
         (the form's own), {certificates} certificates issued with the card's button, in {:.0} s",
        registered.len(),
        day_took.as_secs_f64()
    );
    typed_ms.sort_by(f64::total_cmp);
    store_ms.sort_by(f64::total_cmp);
    println!(
        "search in the store (first 10 queries): median {:.1} ms, slowest {:.1} ms; typed query \
         to results on screen (WebDriver typing included, {SEARCHES} searches): median {:.0} ms, \
         slowest {:.0} ms",
        store_ms[store_ms.len() / 2],
        store_ms[store_ms.len() - 1],
        typed_ms[typed_ms.len() / 2],
        typed_ms[typed_ms.len() - 1]
    );
    drop(app);

    let (otau_start, bare_start) = (median(&startups), median(&bare_startups));
    let (otau_memory, bare_memory) = (median(&after_start), median(&bare_memory));
    println!(
        "start-up: otau median {:.2} s of {runs} starts (fastest {:.2} s, slowest {:.2} s); \
         bare Tauri 2 median {:.2} s",
        otau_start.as_secs_f64(),
        startups.iter().min().copied().unwrap_or_default().as_secs_f64(),
        startups.iter().max().copied().unwrap_or_default().as_secs_f64(),
        bare_start.as_secs_f64()
    );
    let memory_row = |figure: &str, bare_kib: u64, bare: &str, goal: &str| {
        let (otau_mib, bare_mib) = (mib(otau_memory), mib(bare_kib));
        let (otau, baseline) =
            (format!("{otau_mib:.0} MiB"), format!("{bare_mib:.0} MiB ({bare})"));
        row(scale, figure, &otau, &baseline, otau_memory as f64 / bare_kib.max(1) as f64, goal);
    };
    memory_row(
        "desktop memory after start (PSS: app, web and network processes)",
        bare_memory,
        "bare Tauri 2",
        "≤ 1.2x",
    );
    memory_row(
        "  the same beside a bare Tauri 2 app painted on the CPU too",
        median(&bare_cpu_memory),
        "bare Tauri 2, CPU",
        "",
    );
    row(
        scale,
        &format!("desktop start-up to a usable first screen (median of {runs} starts)"),
        &format!("{:.2} s", otau_start.as_secs_f64()),
        &format!("{:.2} s (bare Tauri 2)", bare_start.as_secs_f64()),
        otau_start.as_secs_f64() / bare_start.as_secs_f64().max(0.001),
        "",
    );
    row(
        scale,
        &format!(
            "working day: {SEARCHES} searches, {} families, {cards} cards, {certificates} \
             certificates (memory at end / start)",
            registered.len()
        ),
        &format!("{:.0} MiB", mib(day_end.pss_kib)),
        &format!("{:.0} MiB (at start)", mib(day_start.pss_kib)),
        day_end.pss_kib as f64 / day_start.pss_kib.max(1) as f64,
        "≤ 1.3x",
    );
}
