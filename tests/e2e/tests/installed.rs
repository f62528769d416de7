//! The installed Debian package in a real window: `scripts/install-test.sh` installs the package
//! in a clean Debian root, creates an office there with the installed `otau` and starts
//! tauri-driver inside that root; this test connects to that driver, opens the installed
//! `/usr/bin/otau-desktop`, signs in as the office's administrator and checks that the home
//! screen shows and that the app works on the default database the command line created.
//!
//! It is `#[ignore]`d: it needs that driver, whose address and the office's logins the install
//! test passes in `OTAU_INSTALLED_*`. Run without them (`--ignored` by hand), it fails and says
//! so; it never passes without checking. Unlike the other tests it does not use [`otau_e2e::App`],
//! which starts a driver and an app of its own.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// What the install test tells this test, each from an `OTAU_INSTALLED_*` variable.
struct Installed {
    driver: String,
    app: String,
    login: String,
    password: String,
    office_secret: String,
    db: String,
}

impl Installed {
    fn from_env() -> Result<Installed, String> {
        let var = |name: &str| match std::env::var(name) {
            Ok(value) if !value.is_empty() => Ok(value),
            _ => Err(format!(
                "{name} is not set: this test checks the installed package and is run by \
                 scripts/install-test.sh, which installs it in a clean Debian root and starts \
                 tauri-driver there"
            )),
        };
        Ok(Installed {
            driver: var("OTAU_INSTALLED_DRIVER")?,
            app: var("OTAU_INSTALLED_APP")?,
            login: var("OTAU_INSTALLED_LOGIN")?,
            password: var("OTAU_INSTALLED_PASSWORD")?,
            office_secret: var("OTAU_INSTALLED_OFFICE_SECRET")?,
            db: var("OTAU_INSTALLED_DB")?,
        })
    }
}

#[test]
#[ignore = "run by scripts/install-test.sh against the package installed in a clean Debian root"]
fn the_installed_app_signs_in_on_the_office_the_installed_command_line_created() {
    let installed = Installed::from_env().unwrap_or_else(|e| panic!("{e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a tokio runtime: {e}"));
    let result = runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("tauri:options".into(), json!({ "application": installed.app }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&installed.driver)
            .await
            .map_err(|e| format!("no WebDriver session at {}: {e}", installed.driver))?;
        let checked = sign_in_and_check(&client, &installed).await;
        // The page as it is, signed in or not, once WebKit has painted what the DOM says (under
        // Xvfb its frames lag behind the DOM).
        let shot = match &checked {
            Ok(()) => "installed-home.png",
            Err(_) => "installed-failed.png",
        };
        let settle = "const done = arguments[arguments.length - 1];\
             const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));\
             (async () => { await frame(); await frame(); await document.fonts.ready;\
               await frame(); await frame(); done(true); })();";
        let _ = tokio::time::timeout(otau_e2e::TIMEOUT, client.execute_async(settle, vec![])).await;
        if let Ok(png) = client.screenshot().await {
            let dir = otau_e2e::artefacts_dir();
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(shot), png);
        }
        // Ending the session closes the app; the install test stops the driver.
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        checked
    });
    if let Err(e) = result {
        panic!("the installed app: {e}");
    }
}

async fn sign_in_and_check(client: &Client, installed: &Installed) -> Result<(), String> {
    wait_for(client, "#signin-login").await?;
    type_into(client, "#signin-login", &installed.login).await?;
    let enter = char::from(fantoccini::key::Key::Enter);
    type_into(client, "#signin-password", &format!("{}{enter}", installed.password)).await?;
    // The administrator signed in on this computer when `otau init` created the office, so the
    // password alone should open the database; should the app still ask for the office secret
    // once, it is given.
    let deadline = Instant::now() + otau_e2e::TIMEOUT;
    loop {
        if client.find(Locator::Css("[data-testid=home]")).await.is_ok() {
            break;
        }
        if client.find(Locator::Css("#signin-office-secret")).await.is_ok() {
            let secret = format!("{}{enter}", installed.office_secret);
            type_into(client, "#signin-office-secret", &secret).await?;
            wait_for(client, "[data-testid=home]").await?;
            break;
        }
        if Instant::now() > deadline {
            let message = text(client, "[data-testid=signin-message]").await.unwrap_or_default();
            return Err(format!(
                "the home screen did not open within {:?} after signing in as {} (the sign-in \
                 screen says {message:?})",
                otau_e2e::TIMEOUT,
                installed.login
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let greeting = text(client, "[data-testid=home-greeting]").await?;
    if !greeting.contains(&installed.login) {
        return Err(format!("the home screen greets {greeting:?}, not {}", installed.login));
    }

    // The database the app opened is the one the installed command line made: both default to
    // <data folder>/otau/otau.sqlite, and nothing told the app otherwise.
    let script = "const done = arguments[arguments.length - 1];\
         window.__TAURI_INTERNALS__.invoke('app_info', {})\
           .then((value) => done({ ok: value }), (error) => done({ error: String(error) }));";
    let answer = client
        .execute_async(script, vec![])
        .await
        .map_err(|e| format!("app_info could not be asked: {e}"))?;
    let info = answer.get("ok").cloned().ok_or_else(|| format!("app_info failed: {answer}"))?;
    if info.get("db_path") != Some(&Value::String(installed.db.clone()))
        || info.get("db_from_env") != Some(&Value::Bool(false))
    {
        return Err(format!(
            "the app should work on the default database {} (not one named by OTAU_DB): {info}",
            installed.db
        ));
    }
    eprintln!(
        "installed app: signed in as {}; {greeting}; database {}",
        installed.login, installed.db
    );
    Ok(())
}

async fn wait_for(client: &Client, css: &str) -> Result<(), String> {
    client
        .wait()
        .at_most(otau_e2e::TIMEOUT)
        .every(Duration::from_millis(50))
        .for_element(Locator::Css(css))
        .await
        .map(|_| ())
        .map_err(|e| format!("{css} did not appear within {:?}: {e}", otau_e2e::TIMEOUT))
}

async fn type_into(client: &Client, css: &str, text: &str) -> Result<(), String> {
    let element =
        client.find(Locator::Css(css)).await.map_err(|e| format!("no element {css}: {e}"))?;
    element.send_keys(text).await.map_err(|e| format!("cannot type into {css}: {e}"))
}

/// The rendered text of the element matching `css`, as the window shows it.
async fn text(client: &Client, css: &str) -> Result<String, String> {
    let value = client
        .execute(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
            vec![json!(css)],
        )
        .await
        .map_err(|e| format!("cannot read {css}: {e}"))?;
    match value {
        Value::String(text) => Ok(text),
        _ => Err(format!("no element {css}")),
    }
}
