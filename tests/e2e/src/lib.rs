//! Harness for the end-to-end tests: starts the real `otau-desktop` window through tauri-driver
//! (which runs `/usr/bin/WebKitWebDriver`), gives each test a fresh temporary folder and
//! database, and offers small blocking helpers to type, click, wait for text and save screenshots.
//!
//! # Design
//! Tests are plain `#[test]` functions: each [`App`] owns a small tokio runtime and blocks on the
//! async WebDriver client, so its `Drop` can always end the session and stop the driver, even
//! when the test panics. Only one WebDriver session can exist at a time, so [`App::start`] takes
//! a process-wide lock (for `cargo test`); nextest runs these tests one at a time through the
//! `desktop-app` test group in `.config/nextest.toml`.
//!
//! Nothing here touches the user's folders: the app's `OTAU_DB`, `HOME` and XDG folders all point
//! into the test's temporary folder.

use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use fantoccini::key::Key;
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// How long to wait for the driver, the window or a piece of text before failing.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The native WebDriver for WebKitGTK (Debian package `webkit2gtk-driver`).
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";

static ONE_SESSION: Mutex<()> = Mutex::new(());

/// Anything that went wrong while driving the app, with what was being done.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Result of a harness step.
pub type Result<T> = std::result::Result<T, Error>;

fn err(what: impl fmt::Display) -> Error {
    Error(what.to_string())
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where screenshots go: `<repo>/test-artefacts/e2e/`.
pub fn artefacts_dir() -> PathBuf {
    repo_root().join("test-artefacts").join("e2e")
}

/// The `otau-desktop` binary to test: `OTAU_DESKTOP_BIN`, else `$CARGO_TARGET_DIR/debug/`,
/// else the workspace's `target/debug/`.
pub fn desktop_binary() -> Result<PathBuf> {
    let path = match std::env::var_os("OTAU_DESKTOP_BIN").filter(|v| !v.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => std::env::var_os("CARGO_TARGET_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("target"))
            .join("debug")
            .join("otau-desktop"),
    };
    if !path.is_file() {
        return Err(err(format!(
            "the desktop app is not built: {} does not exist. Run scripts/test.sh (it builds the \
             UI and otau-desktop, then runs these tests), or set OTAU_DESKTOP_BIN",
            path.display()
        )));
    }
    path.canonicalize().map_err(|e| err(format!("cannot resolve {}: {e}", path.display())))
}

/// The tauri-driver binary: `TAURI_DRIVER`, else on `PATH`, else `~/.cargo/bin/tauri-driver`.
pub fn tauri_driver() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("TAURI_DRIVER").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin")))
        .map(|dir| dir.join("tauri-driver"))
        .find(|path| path.is_file());
    on_path.ok_or_else(|| {
        err("tauri-driver is not installed: run scripts/test.sh, or \
             `cargo install tauri-driver --locked --version ^2`")
    })
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| err(format!("no free port on 127.0.0.1: {e}")))?;
    listener
        .local_addr()
        .map(|addr| addr.port())
        .map_err(|e| err(format!("no free port on 127.0.0.1: {e}")))
}

/// Asks `GET /status` of a WebDriver on 127.0.0.1 and says whether it is ready.
fn driver_ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if std::io::Write::write_all(&mut stream, request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let Some((head, body)) = response.split_once("\r\n\r\n") else {
        return false;
    };
    if !head.starts_with("HTTP/1.1 200") {
        return false;
    }
    // A chunked body still contains the JSON text; look for `"ready":true` loosely.
    body.replace(' ', "").contains("\"ready\":true")
}

/// A tauri-driver process, stopped with its whole process group when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(env: &[(&str, OsString)]) -> Result<Driver> {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return Err(err("no display: run the end-to-end tests under Xvfb, e.g. \
                 `xvfb-run -a -s \"-screen 0 1280x800x24\" cargo nextest run -p otau-e2e` \
                 (scripts/test.sh does this)"));
        }
        if !Path::new(WEBKIT_DRIVER).is_file() {
            return Err(err(format!(
                "{WEBKIT_DRIVER} is missing: install the Debian package webkit2gtk-driver \
                 (scripts/setup-system.sh does)"
            )));
        }
        let driver = tauri_driver()?;
        let port = free_port()?;
        let native_port = free_port()?;
        let mut command = Command::new(&driver);
        command
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-host")
            .arg("127.0.0.1")
            .arg("--native-driver")
            .arg(WEBKIT_DRIVER)
            .stdin(Stdio::null())
            // Its own process group, so the driver, WebKitWebDriver and the app can all be
            // stopped together even if the session could not be ended.
            .process_group(0);
        for (key, value) in env {
            command.env(key, value);
        }
        let child =
            command.spawn().map_err(|e| err(format!("cannot start {}: {e}", driver.display())))?;
        let mut driver = Driver { child, port };
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if driver_ready(port) {
                return Ok(driver);
            }
            if let Ok(Some(status)) = driver.child.try_wait() {
                return Err(err(format!("tauri-driver exited early ({status})")));
            }
            if Instant::now() > deadline {
                driver.stop();
                return Err(err(format!(
                    "tauri-driver did not answer GET /status on port {port} within {TIMEOUT:?}"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return self.kill_group(libc::SIGKILL);
        }
        // tauri-driver stops WebKitWebDriver on SIGTERM; then make sure nothing is left.
        self.kill_group(libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.kill_group(libc::SIGKILL);
        let _ = self.child.wait();
    }

    fn kill_group(&self, signal: libc::c_int) {
        if let Ok(pid) = libc::pid_t::try_from(self.child.id()) {
            // SAFETY: `kill` has no memory-safety preconditions; the group is the one we made.
            unsafe {
                libc::kill(-pid, signal);
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The running desktop app in a WebDriver session. Dropping it ends the session, stops the
/// driver and removes the test's temporary folder.
pub struct App {
    name: String,
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    // Field order matters: the driver stops before the folder goes.
    _driver: Driver,
    dir: tempfile::TempDir,
    db_path: PathBuf,
    screenshots: u32,
    _one_session: MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app for the test `name` with a fresh temporary database, and waits until the
    /// page has rendered. Panics with a clear message when something is missing.
    pub fn start(name: &str) -> App {
        App::start_with(name, &[])
    }

    /// Like [`App::start`], with extra environment variables for the app (they override the
    /// harness's own, e.g. `("OTAU_LANG", "ru")`).
    pub fn start_with(name: &str, env: &[(&str, &str)]) -> App {
        match App::try_start(name, env) {
            Ok(app) => app,
            Err(e) => panic!("{name}: cannot start the desktop app: {e}"),
        }
    }

    /// Like [`App::start_with`], returning the error instead of panicking.
    pub fn try_start(name: &str, extra_env: &[(&str, &str)]) -> Result<App> {
        let one_session = ONE_SESSION.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let binary = desktop_binary()?;
        let dir = tempfile::Builder::new()
            .prefix(&format!("otau-e2e-{name}-"))
            .tempdir()
            .map_err(|e| err(format!("cannot make a temporary folder: {e}")))?;
        let db_path = dir.path().join("otau.sqlite");
        let home = dir.path().join("home");
        for sub in ["", ".local/share", ".cache", ".config"] {
            std::fs::create_dir_all(home.join(sub))
                .map_err(|e| err(format!("cannot make {}: {e}", home.join(sub).display())))?;
        }
        let mut env = vec![
            ("OTAU_DB", db_path.clone().into_os_string()),
            ("OTAU_LANG", OsString::from("kk")),
            ("HOME", home.clone().into_os_string()),
            ("XDG_DATA_HOME", home.join(".local/share").into_os_string()),
            ("XDG_CACHE_HOME", home.join(".cache").into_os_string()),
            ("XDG_CONFIG_HOME", home.join(".config").into_os_string()),
        ];
        env.extend(extra_env.iter().map(|(key, value)| (*key, OsString::from(value))));
        let driver = Driver::start(&env)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| err(format!("cannot start a tokio runtime: {e}")))?;
        let url = format!("http://127.0.0.1:{}", driver.port);
        let client = runtime.block_on(async {
            let mut capabilities = serde_json::Map::new();
            capabilities
                .insert("tauri:options".into(), json!({ "application": binary.to_string_lossy() }));
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            ClientBuilder::new(connector).capabilities(capabilities).connect(&url).await
        });
        let client = client.map_err(|e| err(format!("cannot open a WebDriver session: {e}")))?;
        let mut app = App {
            name: name.to_owned(),
            runtime,
            client: Some(client),
            _driver: driver,
            dir,
            db_path,
            screenshots: 0,
            _one_session: one_session,
        };
        app.wait_for("#app > *")?;
        app.settle()?;
        Ok(app)
    }

    /// Waits until the page's fonts have loaded and two frames have been painted, so what the
    /// DOM says is also what a screenshot shows.
    pub fn settle(&self) -> Result<()> {
        let client = self.client()?;
        let script = "const done = arguments[arguments.length - 1];\
             const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));\
             (async () => {\
               await frame(); await frame();\
               await document.fonts.ready;\
               await frame(); await frame();\
               done(document.fonts.status);\
             })();";
        let status = self
            .runtime
            .block_on(async {
                tokio::time::timeout(TIMEOUT, client.execute_async(script, vec![])).await
            })
            .map_err(|_| err(format!("the page did not settle within {TIMEOUT:?}")))?
            .map_err(|e| err(format!("the page did not settle: {e}")))?;
        if status != json!("loaded") {
            return Err(err(format!("fonts did not load: document.fonts.status is {status}")));
        }
        Ok(())
    }

    fn client(&self) -> Result<&Client> {
        self.client.as_ref().ok_or_else(|| err("the session has ended"))
    }

    /// The test's temporary folder.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The database path the app was given in `OTAU_DB`.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    fn find(&self, css: &str) -> Result<Element> {
        let client = self.client()?;
        self.runtime
            .block_on(client.find(Locator::Css(css)))
            .map_err(|e| err(format!("no element {css}: {e}")))
    }

    /// Waits until an element matching `css` exists.
    pub fn wait_for(&mut self, css: &str) -> Result<()> {
        let client = self.client()?;
        self.runtime
            .block_on(
                client
                    .wait()
                    .at_most(TIMEOUT)
                    .every(Duration::from_millis(50))
                    .for_element(Locator::Css(css)),
            )
            .map(|_| ())
            .map_err(|e| err(format!("{css} did not appear within {TIMEOUT:?}: {e}")))
    }

    /// The visible text of the element matching `css`.
    pub fn text(&self, css: &str) -> Result<String> {
        let element = self.find(css)?;
        self.runtime
            .block_on(element.text())
            .map_err(|e| err(format!("cannot read the text of {css}: {e}")))
    }

    /// Waits until the element matching `css` shows exactly `expected` (surrounding spaces
    /// ignored), and panics with what it showed instead.
    pub fn wait_for_text(&mut self, css: &str, expected: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = String::new();
        while Instant::now() < deadline {
            match self.text(css) {
                Ok(text) if text.trim() == expected => return,
                Ok(text) => last = text,
                Err(e) => last = e.to_string(),
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{}: {css} should show {expected:?}, showed {last:?}", self.name);
    }

    /// Clicks the element matching `css`.
    pub fn click(&mut self, css: &str) {
        let result =
            self.find(css).and_then(|element| self.runtime.block_on(element.click()).map_err(err));
        if let Err(e) = result {
            panic!("{}: cannot click {css}: {e}", self.name);
        }
    }

    /// Types `text` into the element matching `css`.
    pub fn type_into(&mut self, css: &str, text: &str) {
        let result = self
            .find(css)
            .and_then(|element| self.runtime.block_on(element.send_keys(text)).map_err(err));
        if let Err(e) = result {
            panic!("{}: cannot type into {css}: {e}", self.name);
        }
    }

    /// Presses `key` (e.g. [`Key::Enter`]) in the element matching `css`.
    pub fn press(&mut self, css: &str, key: Key) {
        self.type_into(css, &char::from(key).to_string());
    }

    /// The value of the attribute `name` of the element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        let element = self.find(css).ok()?;
        self.runtime.block_on(element.attr(name)).ok().flatten()
    }

    /// Runs `script` in the page and returns its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        let client = self.client()?;
        self.runtime
            .block_on(client.execute(script, args))
            .map_err(|e| err(format!("script failed: {e}")))
    }

    /// Calls a Rust command through the page's IPC, as the UI does, and returns its answer.
    pub fn invoke(&self, command: &str, args: Value) -> Result<Value> {
        let client = self.client()?;
        let script = "const done = arguments[arguments.length - 1];\
             window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])\
               .then((value) => done({ ok: value }), (error) => done({ error: String(error) }));";
        let answer = self
            .runtime
            .block_on(client.execute_async(script, vec![json!(command), args]))
            .map_err(|e| err(format!("invoke {command} failed: {e}")))?;
        match answer {
            Value::Object(mut map) if map.contains_key("ok") => {
                Ok(map.remove("ok").unwrap_or(Value::Null))
            }
            other => Err(err(format!("invoke {command} failed: {other}"))),
        }
    }

    /// Saves a screenshot of the page as `test-artefacts/e2e/<test>-<NN>-<label>.png` and
    /// returns its path.
    pub fn screenshot(&mut self, label: &str) -> PathBuf {
        if let Err(e) = self.settle() {
            panic!("{}: screenshot {label}: {e}", self.name);
        }
        self.screenshots += 1;
        let dir = artefacts_dir();
        let path = dir.join(format!("{}-{:02}-{label}.png", self.name, self.screenshots));
        let png = self
            .client()
            .and_then(|client| self.runtime.block_on(client.screenshot()).map_err(err));
        let saved = png.and_then(|png| {
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, png))
                .map_err(|e| err(format!("cannot write {}: {e}", path.display())))
        });
        if let Err(e) = saved {
            panic!("{}: screenshot {label}: {e}", self.name);
        }
        path
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            // Ending the session closes the app; a failure here is cleaned up by the driver's
            // process group being stopped next.
            let _ = self.runtime.block_on(async {
                tokio::time::timeout(Duration::from_secs(10), client.close()).await
            });
        }
    }
}
