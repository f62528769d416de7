//! Figures, not a check (ignored by default; `scripts/measure-desktop.sh` runs it on a release
//! build): the time from asking for the window to a usable sign-in screen, the memory of the
//! app's process tree (PSS of the app, WebKitWebProcess and WebKitNetworkProcess) after start and
//! after 10 searches, and how long those searches take, on an office of about 100,000 persons.
//!
//! `OTAU_MEASURE_FAMILIES` sets the number of demo families (default 26,000, about 97,000
//! persons: one office numbers at most 99,999 persons a year); `OTAU_MEASURE_RUNS` the number of starts whose times are reported (default 3).
// Measurements (seconds, rates, MiB) are floating point; no money is computed here.
#![allow(clippy::disallowed_types)]

use std::time::{Duration, Instant};

use otau_e2e::{App, Memory, CLERK};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn show(label: &str, memory: &Memory) {
    println!(
        "{label}: PSS {:.1} MiB (RSS {:.1} MiB) — {}",
        memory.pss_kib as f64 / 1024.0,
        memory.rss_kib as f64 / 1024.0,
        memory
            .processes
            .iter()
            .map(|(name, pss, _)| format!("{name} {:.1} MiB", *pss as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[test]
#[ignore = "figures for scripts/measure-desktop.sh, not a check"]
fn startup_time_memory_and_search_on_100000_persons() {
    let families = env_number("OTAU_MEASURE_FAMILIES", 26_000);
    let runs = env_number("OTAU_MEASURE_RUNS", 3).max(1);
    let db_dir = tempfile::tempdir().expect("temp dir");
    let db = db_dir.path().join("office.sqlite");
    let started = Instant::now();

    // The office is built once; each run starts the app on a copy of it.
    let mut startups = Vec::new();
    for run in 0..runs {
        let source = db.clone();
        let mut app = App::start_office("measure", &[], |otau| {
            if run == 0 {
                otau.office()?;
                otau.demo(families)?;
                let target = otau_e2e::Otau::db_path(otau).to_path_buf();
                std::fs::copy(&target, &source)
                    .map_err(|e| otau_e2e::Error::new(format!("cannot keep the office: {e}")))?;
            } else {
                let target = otau_e2e::Otau::db_path(otau).to_path_buf();
                std::fs::copy(&source, &target)
                    .map_err(|e| otau_e2e::Error::new(format!("cannot copy the office: {e}")))?;
            }
            Ok(())
        });
        if run == 0 {
            println!(
                "office of {families} demo families built in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        startups.push(app.startup());
        println!(
            "start {}: {:.2} s to a usable sign-in screen",
            run + 1,
            app.startup().as_secs_f64()
        );
        if run + 1 < runs {
            continue;
        }

        std::thread::sleep(Duration::from_secs(2));
        let after_start = app.memory().unwrap_or_else(|e| panic!("{e}"));
        show("memory after start", &after_start);

        let (login, password, _) = CLERK;
        app.sign_in(login, password);
        let persons = app.invoke("home", serde_json::json!({})).unwrap_or_else(|e| panic!("{e}"))
            ["home"]["persons"]
            .as_i64()
            .unwrap_or_default();
        println!("persons in the office: {persons}");
        app.chord(otau_e2e::Key::Control, 'k');
        app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
        let queries = [
            "Nursultan",
            "Нурсултан",
            "Нұрсұлтан",
            "Seitkali",
            "Сейітқали",
            "Aigerim",
            "Айгерим",
            "Zhumabaev",
            "Омаров",
            "Kasymov",
        ];
        let mut store_ms = Vec::new();
        let mut window_ms = Vec::new();
        for query in queries {
            let asked = Instant::now();
            app.replace_text(query);
            app.wait_until(&format!("results for {query}"), |app| {
                app.value("#find-query") == query
                    && (app.count("[data-testid=find-hit]") > 0
                        || app.count("[data-testid=find-none]") > 0)
            });
            window_ms.push(asked.elapsed().as_secs_f64() * 1000.0);
            let answer = app
                .invoke("find", serde_json::json!({ "query": query, "limit": 50 }))
                .unwrap_or_else(|e| panic!("{e}"));
            store_ms.push(answer["micros"].as_f64().unwrap_or_default() / 1000.0);
        }
        std::thread::sleep(Duration::from_secs(2));
        let after_search = app.memory().unwrap_or_else(|e| panic!("{e}"));
        show("memory after 10 searches", &after_search);
        store_ms.sort_by(f64::total_cmp);
        window_ms.sort_by(f64::total_cmp);
        println!(
            "search in the store: median {:.1} ms, slowest {:.1} ms; typed query to results on screen \
             (WebDriver typing included): median {:.0} ms, slowest {:.0} ms",
            store_ms[store_ms.len() / 2],
            store_ms[store_ms.len() - 1],
            window_ms[window_ms.len() / 2],
            window_ms[window_ms.len() - 1]
        );
        app.screenshot("search");
    }
    startups.sort();
    println!(
        "start-up: median {:.2} s of {} starts (fastest {:.2} s, slowest {:.2} s)",
        startups[startups.len() / 2].as_secs_f64(),
        startups.len(),
        startups[0].as_secs_f64(),
        startups[startups.len() - 1].as_secs_f64()
    );
}
