//! The centre's monthly summaries, every part a real process, on SQLite and on PostgreSQL: the
//! country's summary equals the offices' own summaries added up, to the person and the tiyn; a
//! region's is its offices' alone; a month closes at the centre only once every office of the
//! scope has closed it, and is frozen from then on, a family recorded late counting in the next
//! month as it does in the office; the paper comes as PDF and XLSX.
// A test is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

mod sync_kit;

use chrono::Datelike;
use otau_api::words::OFFICE_RECORDS;
use otau_print::{Month, MonthlySummaryData};
use serde_json::{json, Value};
use sync_kit::*;

/// An office's own summary of `month`, read in its database.
fn own(device: &Device, month: Month) -> MonthlySummaryData {
    otau_store::vault::open_with_secret(&device.db, "Otau office secret 2026")
        .expect("open")
        .monthly_summary(month, &OFFICE_RECORDS)
        .expect("summary")
}

/// The figures a summary is checked by, as (name, value) pairs: every count and every amount.
fn figures(d: &Value) -> Vec<(String, i64)> {
    let mut out = vec![];
    for part in ["arrivals", "registered"] {
        for what in ["families", "persons"] {
            out.push((format!("{part}.{what}"), d[part][what].as_i64().unwrap_or(0)));
        }
    }
    for group in ["by_age", "by_education"] {
        if let Some(map) = d[group].as_object() {
            for (k, v) in map {
                out.push((format!("{group}.{k}"), v.as_i64().unwrap_or(0)));
            }
        }
    }
    for c in d["by_country"].as_array().into_iter().flatten() {
        let name = c["country"].as_str().unwrap_or("?");
        out.push((format!("country.{name}.persons"), c["counts"]["persons"].as_i64().unwrap_or(0)));
    }
    for row in d["subsidies"].as_array().into_iter().flatten() {
        let name = row["subsidy_ru"].as_str().unwrap_or("?");
        for what in ["accrued", "approved", "paid"] {
            for unit in ["mci", "tenge"] {
                let v = row[what][unit].as_i64().unwrap_or(0);
                out.push((format!("subsidy.{name}.{what}.{unit}"), v));
            }
        }
    }
    for what in ["granted", "extended", "ending"] {
        out.push((format!("statuses.{what}"), d["statuses"][what].as_i64().unwrap_or(0)));
    }
    out.sort();
    out
}

/// The figures of several summaries added up, as the test itself adds them.
fn sum_of(parts: &[Value]) -> Vec<(String, i64)> {
    let mut sums: std::collections::BTreeMap<String, i64> = Default::default();
    for p in parts {
        for (k, v) in figures(p) {
            *sums.entry(k).or_default() += v;
        }
    }
    sums.into_iter().filter(|(k, v)| *v != 0 || !k.starts_with("country.")).collect()
}

fn nonzero(v: Vec<(String, i64)>) -> Vec<(String, i64)> {
    v.into_iter().filter(|(_, n)| *n != 0).collect()
}

fn report(centre: &Centre, month: Month, region: Option<&str>, out: &std::path::Path) -> Value {
    let month = month.to_string();
    let mut args = vec!["report", "monthly", "--month", &month, "--out"];
    let out = out.to_str().expect("path").to_string();
    args.push(&out);
    if let Some(r) = region {
        args.extend_from_slice(&["--region", r]);
    }
    centre.admin(&args)
}

/// A family of two that arrived on `arrival`, recorded today.
fn late_family(device: &Device, arrival: chrono::NaiveDate) {
    family_arriving(device, "latecomer", arrival);
}

/// A family of two named by `tag` that arrived on `arrival`, recorded today.
fn family_arriving(device: &Device, tag: &str, arrival: chrono::NaiveDate) {
    let mut f = family_json(tag, 2);
    f["arrival_date"] = json!(arrival.to_string());
    let file = device.db.with_extension(format!("{tag}.json"));
    std::fs::write(&file, f.to_string()).expect("file");
    let file = file.to_str().expect("path");
    device.ok(&["--user", "admin", "family", "add", "--file", file, "--allow-duplicate"]);
}

fn the_country_summary_is_the_offices_summaries_added_up(database_url: Option<String>) {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::on(database_url);
    let a = demo_office(dir.path(), &centre, 24);
    let c = other_office(dir.path(), &centre);
    c.register("second", 3);
    a.sync();
    c.sync();

    let today = chrono::Local::now().date_naive();
    let this: Month = format!("{}-{:02}", today.year(), today.month()).parse().expect("month");
    let before = this.prev();

    // The country: every figure is the sum of the two offices' own summaries.
    let pdf = dir.path().join("country.pdf");
    let country = report(&centre, this, None, &pdf);
    assert_eq!(country["number"], format!("KZ-{this}"));
    let data = &country["report"]["data"];
    let offices: Vec<Value> =
        [&a, &c].iter().map(|d| serde_json::to_value(own(d, this)).expect("json")).collect();
    assert_eq!(nonzero(figures(data)), nonzero(sum_of(&offices)), "{data:#}");
    assert!(data["registered"]["persons"].as_i64().unwrap_or(0) > 20, "{data:#}");
    let paid = data["subsidies"]
        .as_array()
        .map(|rows| rows.iter().map(|r| r["paid"]["tenge"].as_i64().unwrap_or(0)).sum::<i64>());
    assert!(paid.unwrap_or(0) > 0, "the demo office paid a subsidy: {data:#}");
    assert_eq!(data["offices"].as_array().map(Vec::len), Some(2));
    assert_eq!(country["report"]["open"], json!(["AKM01", "DEMO01"]));
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let xlsx = dir.path().join("country.xlsx");
    report(&centre, this, None, &xlsx);
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"), "a workbook");
    // The file is there now: it is replaced only when asked.
    let month = this.to_string();
    let again = ["report", "monthly", "--month", &month, "--out", xlsx.to_str().expect("path")];
    let (success, refused) = centre.try_admin(&again);
    assert!(!success);
    assert_eq!(refused["error"]["code"], "cli-file-exists-force", "{refused:#}");
    let mut forced = again.to_vec();
    forced.push("--force");
    centre.admin(&forced);
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"), "a workbook");

    // A region: its offices alone.
    let akmola = report(&centre, this, Some("KZ-11"), &dir.path().join("akmola.pdf"));
    assert_eq!(nonzero(figures(&akmola["report"]["data"])), nonzero(sum_of(&offices[1..])));

    // Closing last month at the centre waits for the offices; DEMO01 closes, then Pavlodar's
    // region closes at the centre, while the country still waits for AKM01.
    let month = before.to_string();
    let close = |region: &str| {
        centre.try_admin(&[
            "report",
            "close",
            "--month",
            &month,
            "--region",
            region,
            "--by",
            "Ә. Бек",
        ])
    };
    let (closed, refusal) = close("KZ-55");
    assert!(!closed, "DEMO01 has not closed {month}");
    assert!(refusal.to_string().contains("DEMO01"), "{refusal:#}");
    let manager = std::process::Command::new(bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--json", "--db", a.db.to_str().expect("path"), "--user", "manager"])
        .args(["report", "close", "--month", &month])
        .env("OTAU_PASSWORD", "manager-demo")
        .output()
        .expect("close runs");
    assert!(manager.status.success(), "{}", String::from_utf8_lossy(&manager.stderr));
    a.sync();
    let (closed, v) = close("KZ-55");
    assert!(closed, "{v:#}");
    let (again, _) = close("KZ-55");
    assert!(!again, "a month closes once");
    let (country_closed, v) =
        centre.try_admin(&["report", "close", "--month", &month, "--by", "Ә. Бек"]);
    assert!(!country_closed && v.to_string().contains("AKM01"), "{v:#}");

    // Frozen: a family that arrived last month, recorded now, leaves the closed month as it was
    // and counts late in this one, at DEMO01 and at the centre alike.
    let frozen = report(&centre, before, Some("KZ-55"), &dir.path().join("before.pdf"));
    late_family(&a, before.first_day());
    a.sync();
    let after = report(&centre, before, Some("KZ-55"), &dir.path().join("before2.pdf"));
    assert_eq!(frozen["report"], after["report"], "a closed month never changes");
    assert!(after["report"]["data"]["closed"].is_object());
    let now = report(&centre, this, Some("KZ-55"), &dir.path().join("now.pdf"));
    let late = &now["report"]["data"]["late"];
    assert_eq!(late[0]["month"], month, "{late:#}");
    assert_eq!(late[0]["arrivals"]["families"], 1, "{late:#}");
    let a_now = serde_json::to_value(own(&a, this)).expect("json");
    assert_eq!(nonzero(figures(&now["report"]["data"])), nonzero(sum_of(&[a_now])));
}

#[test]
fn the_country_summary_is_the_offices_summaries_added_up_on_sqlite() {
    the_country_summary_is_the_offices_summaries_added_up(None);
}

#[test]
fn the_country_summary_is_the_offices_summaries_added_up_on_postgres() {
    let pg = otau_centre::pg_temp::PgServer::start();
    the_country_summary_is_the_offices_summaries_added_up(Some(pg.create("reports", None)));
}

/// A month closed on one device kept the row number of its last family as the watermark of
/// late entries; another device of the office, whose rows are numbered in another order, then
/// told a late family from a counted one differently, and the two devices (and the centre's
/// replica) disagreed on the next month's summary.
#[test]
fn a_late_family_counts_alike_on_every_device_of_the_office() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 24);
    a.sync();
    let b = join(dir.path(), "laptop", &centre, "DEMO01", "laptop-admin");
    let today = chrono::Local::now().date_naive();
    let this: Month = format!("{}-{:02}", today.year(), today.month()).parse().expect("month");
    let before = this.prev();
    // The laptop records, offline, a family that arrived last month; meanwhile the counter
    // registers more families and the manager closes last month there.
    late_family(&b, before.first_day());
    for tag in ["more1", "more2", "more3"] {
        family_arriving(&a, tag, today);
    }
    let manager = std::process::Command::new(bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--json", "--db", a.db.to_str().expect("path"), "--user", "manager"])
        .args(["report", "close", "--month", &before.to_string()])
        .env("OTAU_PASSWORD", "manager-demo")
        .output()
        .expect("close runs");
    assert!(manager.status.success(), "{}", String::from_utf8_lossy(&manager.stderr));
    a.sync();
    b.sync();
    a.sync();
    let on_a = own(&a, this);
    let on_b = own(&b, this);
    assert_eq!(on_a.late, on_b.late, "both devices count the late family alike");
    assert_eq!(on_a.late.len(), 1, "{:?}", on_a.late);
    assert_eq!(on_a.late[0].arrivals.families, 1);
    assert_eq!(on_a.arrivals, on_b.arrivals);
    assert_eq!(on_a.registered, on_b.registered);
    let at_centre = report(&centre, this, Some("KZ-55"), &dir.path().join("now.xlsx"));
    assert_eq!(
        at_centre["report"]["data"]["late"],
        serde_json::to_value(&on_a.late).expect("json")
    );
}
