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
//! into the test's temporary folder. A test that needs an office prepares its database with the
//! real `otau` command line ([`Otau`]) before the app starts, as an administrator would.

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

pub mod centre;

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

impl Error {
    /// An error saying `what` went wrong.
    pub fn new(what: impl fmt::Display) -> Error {
        err(what)
    }
}

/// Result of a harness step.
pub type Result<T> = std::result::Result<T, Error>;

fn err(what: impl fmt::Display) -> Error {
    Error(what.to_string())
}

/// The repository's root folder: from the crate's folder as cargo or nextest gives it to the
/// running test, so a test binary built from another checkout sharing the build folder (and
/// not rebuilt, its sources being the same) still reads this checkout's files; else as built.
pub fn repo_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join("../..")
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

/// The `otau` command line: `OTAU_CLI_BIN`, else `otau` beside the desktop app's binary.
pub fn otau_binary() -> Result<PathBuf> {
    let path = match std::env::var_os("OTAU_CLI_BIN").filter(|v| !v.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => desktop_binary()?.with_file_name("otau"),
    };
    if !path.is_file() {
        return Err(err(format!(
            "the otau command line is not built: {} does not exist. Run scripts/test.sh, or \
             `cargo build -p otau-cli`, or set OTAU_CLI_BIN",
            path.display()
        )));
    }
    Ok(path)
}

/// The office secret the databases of these tests are encrypted under (the demo office's, so a
/// database `scripts/demo-office.sh` made opens with it too).
pub const OFFICE_SECRET: &str = "demo-office-secret";

/// The demo office's administrator password in tests.
pub const ADMIN_PASSWORD: &str = "admin-password";
/// The clerk every prepared office has: login, password and full name.
pub const CLERK: (&str, &str, &str) = ("aigerim", "aigerim-password", "Айгерім Сапарова");

/// The `otau` command line working on a test's database, as an office administrator.
pub struct Otau {
    db: PathBuf,
    password: String,
}

impl Otau {
    /// The command line on the database `db`, whose administrator `admin` has `password`
    /// (a database the test keeps across several runs of the app).
    pub fn on(db: &Path, password: &str) -> Otau {
        Otau { db: db.to_path_buf(), password: password.to_owned() }
    }

    /// Runs `otau --db <db> <args>` as `admin` (password in `OTAU_PASSWORD`), with `stdin`
    /// as standard input, and returns its standard output; fails with its messages otherwise.
    pub fn run(&self, args: &[&str], stdin: &str) -> Result<String> {
        self.run_with_password(args, stdin, &self.password)
    }

    /// [`Otau::run`] with `password` in `OTAU_PASSWORD` (a command as another user).
    pub fn run_with_password(&self, args: &[&str], stdin: &str, password: &str) -> Result<String> {
        let bin = otau_binary()?;
        let mut child = Command::new(&bin)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("OTAU_PASSWORD", password)
            .env("OTAU_OFFICE_SECRET", OFFICE_SECRET)
            .env("OTAU_LANG", "en")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| err(format!("cannot run {}: {e}", bin.display())))?;
        if let Some(mut input) = child.stdin.take() {
            std::io::Write::write_all(&mut input, stdin.as_bytes())
                .map_err(|e| err(format!("otau {args:?}: cannot write its input: {e}")))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| err(format!("otau {args:?} did not finish: {e}")))?;
        if !out.status.success() {
            return Err(err(format!(
                "otau {args:?} failed ({}): {}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Creates office PVL01 with its administrator and the clerk [`CLERK`], who has signed in on
    /// this computer once and set her own password.
    pub fn office(&self) -> Result<()> {
        self.run(
            &[
                "init",
                "--office",
                "PVL01",
                "--office-name",
                "Павлодар облыстық бейімдеу орталығы",
                "--region",
                "KZ-55",
                "--admin",
                "admin",
            ],
            "",
        )?;
        let (login, password, name) = CLERK;
        self.run(
            &[
                "--user",
                "admin",
                "user",
                "add",
                "--password-stdin",
                "--login",
                login,
                "--role",
                "clerk",
                "--full-name",
                name,
            ],
            &format!("{password}\n"),
        )?;
        // She has worked on this computer before and chose her own password: it alone opens
        // the database, and nobody else knows it.
        self.run_with_password(
            &["--user", login, "user", "password", login],
            &format!("{password}\n"),
            password,
        )?;
        Ok(())
    }

    /// The database this command line works on.
    pub fn db_path(&self) -> &Path {
        &self.db
    }

    /// Registers `count` demo families.
    pub fn demo(&self, count: usize) -> Result<()> {
        self.run(&["--user", "admin", "demo", "--families", &count.to_string()], "").map(|_| ())
    }

    /// Registers the family in a JSON file (the format of `otau family add --file`); returns
    /// the command's JSON answer.
    pub fn add_family(&self, json: &str) -> Result<Value> {
        let file = self.db.with_extension(format!("family-{}.json", json.len()));
        std::fs::write(&file, json)
            .map_err(|e| err(format!("cannot write {}: {e}", file.display())))?;
        let path = file.to_string_lossy().into_owned();
        let out = self.run(&["--json", "--user", "admin", "family", "add", "--file", &path], "")?;
        serde_json::from_str(&out).map_err(|e| err(format!("otau family add said {out}: {e}")))
    }
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

/// Two different free ports (both are held until both are known, so they cannot be the same).
fn two_free_ports() -> Result<(u16, u16)> {
    let bind = || {
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|e| err(format!("no free port on 127.0.0.1: {e}")))
    };
    let (a, b) = (bind()?, bind()?);
    let port = |l: &TcpListener| {
        l.local_addr()
            .map(|addr| addr.port())
            .map_err(|e| err(format!("no free port on 127.0.0.1: {e}")))
    };
    Ok((port(&a)?, port(&b)?))
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
        let (port, native_port) = two_free_ports()?;
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

/// Memory of a process tree, in kibibytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// Proportional set size, summed: shared pages counted once across the tree.
    pub pss_kib: u64,
    /// Resident set size, summed (shared pages counted in every process).
    pub rss_kib: u64,
    /// Each process: its name, PSS and RSS.
    pub processes: Vec<(String, u64, u64)>,
}

impl Memory {
    /// The memory of the first process named `app` below `root` and all its descendants.
    fn of_app_under(root: u32, app: &str) -> Result<Memory> {
        let mut parent_of = std::collections::HashMap::new();
        let mut name_of = std::collections::HashMap::new();
        let entries =
            std::fs::read_dir("/proc").map_err(|e| err(format!("cannot read /proc: {e}")))?;
        for entry in entries.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            // `pid (comm) state ppid …`; comm may hold spaces, so split at the last ')'.
            let Some((head, rest)) = stat.rsplit_once(')') else { continue };
            let name = head.split_once('(').map(|(_, n)| n.to_owned()).unwrap_or_default();
            let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok());
            if let Some(ppid) = ppid {
                parent_of.insert(pid, ppid);
                name_of.insert(pid, name);
            }
        }
        let below = |pid: u32, ancestor: u32| {
            let mut current = pid;
            for _ in 0..64 {
                if current == ancestor {
                    return true;
                }
                match parent_of.get(&current) {
                    Some(&p) if p != 0 => current = p,
                    _ => return false,
                }
            }
            false
        };
        let app = name_of
            .iter()
            .filter(|(pid, name)| name.as_str() == app && below(**pid, root))
            .map(|(pid, _)| *pid)
            .min()
            .ok_or_else(|| err(format!("no {app} process below the driver")))?;
        let mut memory = Memory::default();
        let mut pids: Vec<u32> = name_of.keys().copied().filter(|pid| below(*pid, app)).collect();
        pids.sort_unstable();
        for pid in pids {
            let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
                continue;
            };
            let field = |key: &str| {
                rollup
                    .lines()
                    .find(|l| l.starts_with(key))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            let (pss, rss) = (field("Pss:"), field("Rss:"));
            memory.pss_kib += pss;
            memory.rss_kib += rss;
            memory.processes.push((name_of.get(&pid).cloned().unwrap_or_default(), pss, rss));
        }
        Ok(memory)
    }
}

/// The running desktop app in a WebDriver session. Dropping it ends the session, stops the
/// driver and removes the test's temporary folder.
pub struct App {
    name: String,
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    // Field order matters: the driver stops before the folder goes.
    driver: Driver,
    dir: tempfile::TempDir,
    db_path: PathBuf,
    screenshots: u32,
    startup: Duration,
    // The app's process name (its binary's, as `/proc/<pid>/stat` gives it), for `memory`.
    process: String,
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

    /// Starts the app on an office prepared by `prepare` with the `otau` command line (it
    /// runs before the window opens), with extra environment variables.
    pub fn start_office(
        name: &str,
        env: &[(&str, &str)],
        prepare: impl FnOnce(&Otau) -> Result<()>,
    ) -> App {
        match App::try_start_prepared(name, env, prepare) {
            Ok(app) => app,
            Err(e) => panic!("{name}: cannot start the desktop app: {e}"),
        }
    }

    /// Like [`App::start_with`], returning the error instead of panicking.
    pub fn try_start(name: &str, extra_env: &[(&str, &str)]) -> Result<App> {
        App::try_start_prepared(name, extra_env, |_| Ok(()))
    }

    /// Like [`App::start_office`], returning the error instead of panicking.
    pub fn try_start_prepared(
        name: &str,
        extra_env: &[(&str, &str)],
        prepare: impl FnOnce(&Otau) -> Result<()>,
    ) -> Result<App> {
        App::try_start_binary(name, &desktop_binary()?, extra_env, prepare)
    }

    /// Starts another Tauri app, `binary`, exactly as the desktop app is started (the same
    /// driver, temporary folders and environment), and waits until its page has rendered
    /// something inside `#app` with its fonts loaded: a baseline to measure Otau against (see
    /// [`App::startup`] and [`App::memory`]), with `env` added to its environment. Panics with
    /// a clear message when it cannot.
    pub fn start_binary_with(name: &str, binary: &Path, env: &[(&str, &str)]) -> App {
        let started = binary
            .canonicalize()
            .map_err(|e| err(format!("{} is not built: {e}", binary.display())))
            .and_then(|binary| App::try_start_binary(name, &binary, env, |_| Ok(())));
        match started {
            Ok(app) => app,
            Err(e) => panic!("{name}: cannot start {}: {e}", binary.display()),
        }
    }

    fn try_start_binary(
        name: &str,
        binary: &Path,
        extra_env: &[(&str, &str)],
        prepare: impl FnOnce(&Otau) -> Result<()>,
    ) -> Result<App> {
        let one_session = ONE_SESSION.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // The kernel keeps the first 15 bytes of a process's name.
        let process: String = binary
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(15).collect())
            .unwrap_or_default();
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
        prepare(&Otau { db: db_path.clone(), password: ADMIN_PASSWORD.to_owned() })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| err(format!("cannot start a tokio runtime: {e}")))?;
        // On a busy machine the native driver sometimes drops the very first session request;
        // a fresh driver is tried again before giving up.
        let mut attempt = 0;
        let (driver, client, launched) = loop {
            attempt += 1;
            let driver = Driver::start(&env)?;
            let url = format!("http://127.0.0.1:{}", driver.port);
            // A new session launches the app: the start-up time runs from here.
            let launched = Instant::now();
            let client = runtime.block_on(async {
                let mut capabilities = serde_json::Map::new();
                capabilities.insert(
                    "tauri:options".into(),
                    json!({ "application": binary.to_string_lossy() }),
                );
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                ClientBuilder::new(connector).capabilities(capabilities).connect(&url).await
            });
            match client {
                Ok(client) => break (driver, client, launched),
                Err(e) if attempt >= 3 => {
                    return Err(err(format!("cannot open a WebDriver session: {e}")))
                }
                Err(e) => {
                    eprintln!("{name}: no WebDriver session ({e}); trying again");
                    drop(driver);
                    std::thread::sleep(Duration::from_millis(500));
                }
            }
        };
        let mut app = App {
            name: name.to_owned(),
            runtime,
            client: Some(client),
            driver,
            dir,
            db_path,
            screenshots: 0,
            startup: Duration::ZERO,
            process,
            _one_session: one_session,
        };
        app.wait_for("#app > *")?;
        app.wait_for_fonts()?;
        app.startup = launched.elapsed();
        app.settle()?;
        Ok(app)
    }

    /// Waits until the page's fonts have loaded (the first screen is then drawn with them).
    fn wait_for_fonts(&self) -> Result<()> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.execute("return document.fonts.status;", vec![])? == json!("loaded") {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(err(format!("fonts did not load within {TIMEOUT:?}")))
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
        let status = self.execute_async(client, script, "the page did not settle")?;
        if status != json!("loaded") {
            return Err(err(format!("fonts did not load: document.fonts.status is {status}")));
        }
        Ok(())
    }

    /// Runs an asynchronous script (it calls its last argument with its answer) for at most
    /// [`TIMEOUT`]; a failure or the timeout is said as `failure` and what happened.
    fn execute_async(&self, client: &Client, script: &str, failure: &str) -> Result<Value> {
        self.runtime
            .block_on(async {
                tokio::time::timeout(TIMEOUT, client.execute_async(script, vec![])).await
            })
            .map_err(|_| err(format!("{failure} within {TIMEOUT:?}")))?
            .map_err(|e| err(format!("{failure}: {e}")))
    }

    fn client(&self) -> Result<&Client> {
        self.client.as_ref().ok_or_else(|| err("the session has ended"))
    }

    /// Time from asking for the window (which launches the app) to its first screen in the page
    /// with its fonts loaded. Excludes [`App::settle`]'s extra frames: under Xvfb, WebKit's frame
    /// clock runs slowly once the page is idle, which says nothing about the app.
    pub fn startup(&self) -> Duration {
        self.startup
    }

    /// Memory of the running app's process tree (the app, WebKitWebProcess,
    /// WebKitNetworkProcess), from `/proc`.
    pub fn memory(&self) -> Result<Memory> {
        let driver = self.driver.child.id();
        Memory::of_app_under(driver, &self.process)
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

    /// The rendered text of the element matching `css` (`innerText`: what the window shows,
    /// line breaks included). WebKitWebDriver's own "element text" leaves out text that is cut
    /// with an ellipsis, so the page is asked directly.
    pub fn text(&self, css: &str) -> Result<String> {
        let value = self.execute(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
            vec![json!(css)],
        )?;
        match value {
            Value::String(text) => Ok(text),
            _ => Err(err(format!("no element {css}"))),
        }
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
        self.fail(&format!("{css} should show {expected:?}, showed {last:?}"));
    }

    /// Clicks the element matching `css`, brought to the middle of the window first: at the
    /// edge WebDriver scrolls it to, a sticky bar (the registration form's save bar) may lie over
    /// it and take the click.
    pub fn click(&mut self, css: &str) {
        let _ = self.execute(
            "const e = document.querySelector(arguments[0]);\
             if (e) e.scrollIntoView({ block: 'center', inline: 'nearest' });",
            vec![json!(css)],
        );
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

    /// Puts the file `name` holding `bytes` on the file input `css`, as the system's file
    /// chooser does when a person picks it (the chooser itself is the desktop's, not the page's).
    pub fn choose_file(&mut self, css: &str, name: &str, bytes: &[u8]) {
        use base64::prelude::{Engine, BASE64_STANDARD};
        let script = "const [css, name, base64] = arguments;\
             const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));\
             const input = document.querySelector(css);\
             const files = new DataTransfer();\
             files.items.add(new File([bytes], name));\
             input.files = files.files;\
             input.dispatchEvent(new Event('change', { bubbles: true }));";
        let args = vec![json!(css), json!(name), json!(BASE64_STANDARD.encode(bytes))];
        if let Err(e) = self.execute(script, args) {
            self.fail(&format!("cannot choose {name} on {css}: {e}"));
        }
    }

    /// Calls a Rust command through the page's IPC, as the UI does, and returns its answer.
    pub fn invoke(&self, command: &str, args: Value) -> Result<Value> {
        let client = self.client()?;
        let script = "const done = arguments[arguments.length - 1];\
             window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])\
               .then((value) => done({ ok: value }), (error) => done({ error: error }));";
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

    /// Types `text` into whatever has the keyboard focus, as a person at the keyboard would.
    /// WebDriver keys such as [`Key::Tab`] may be mixed in; modifier keys stay pressed until
    /// [`Key::Null`] or the end of the text.
    pub fn keys(&mut self, text: &str) {
        let client = match self.client() {
            Ok(client) => client,
            Err(e) => panic!("{}: cannot type: {e}", self.name),
        };
        let result = self.runtime.block_on(async {
            let element = client.active_element().await?;
            element.send_keys(text).await
        });
        if let Err(e) = result {
            panic!("{}: cannot type {text:?}: {e}", self.name);
        }
    }

    /// Presses `key` with `modifier` held (e.g. Ctrl+S) where the focus is; the modifier is
    /// released when the call ends.
    pub fn chord(&mut self, modifier: Key, key: char) {
        self.keys(&format!("{}{key}{}", char::from(modifier), char::from(Key::Null)));
    }

    /// Replaces the text of the focused field: Ctrl+A, then `text`. (Modifiers are pressed in a
    /// call of their own: WebKitWebDriver releases them only when a call ends.)
    pub fn replace_text(&mut self, text: &str) {
        self.chord(Key::Control, 'a');
        self.keys(text);
    }

    /// Scrolls the element matching `css` into view (before a screenshot of it).
    pub fn scroll_to(&mut self, css: &str) {
        let done = self.execute(
            "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({ block: 'start' }); return !!e;",
            vec![json!(css)],
        );
        if done.ok() != Some(json!(true)) {
            self.fail(&format!("cannot scroll to {css}: no such element"));
        }
    }

    /// Presses Tab `n` times.
    pub fn tab(&mut self, n: usize) {
        self.keys(&char::from(Key::Tab).to_string().repeat(n));
    }

    /// The `id` of the element that has the keyboard focus.
    pub fn focused(&self) -> String {
        self.execute("return document.activeElement ? document.activeElement.id : '';", vec![])
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The current value of the form field matching `css`.
    pub fn value(&self, css: &str) -> String {
        self.execute(
            "const e = document.querySelector(arguments[0]); return e ? String(e.value) : null;",
            vec![json!(css)],
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("{}: no field {css}", self.name))
    }

    /// Whether the checkbox or radio button matching `css` is checked.
    pub fn checked(&self, css: &str) -> bool {
        self.execute(
            "const e = document.querySelector(arguments[0]); return !!(e && e.checked);",
            vec![json!(css)],
        )
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.execute("return document.querySelectorAll(arguments[0]).length;", vec![json!(css)])
            .ok()
            .and_then(|v| v.as_u64())
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    }

    /// Waits until `check` holds, and panics with `what` when it does not in time.
    pub fn wait_until(&mut self, what: &str, mut check: impl FnMut(&App) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if check(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.fail(&format!("gave up waiting until {what}"));
    }

    /// Waits until the text of the element matching `css` contains `part`.
    pub fn wait_for_text_containing(&mut self, css: &str, part: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = String::new();
        while Instant::now() < deadline {
            match self.text(css) {
                Ok(text) if text.contains(part) => return,
                Ok(text) => last = text,
                Err(e) => last = e.to_string(),
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.fail(&format!("{css} should contain {part:?}, showed {last:?}"));
    }

    /// Signs in on the sign-in screen with the keyboard and waits for the home screen.
    pub fn sign_in(&mut self, login: &str, password: &str) {
        self.wait_for("#signin-login")
            .unwrap_or_else(|e| panic!("{}: no sign-in screen: {e}", self.name));
        self.type_into("#signin-login", login);
        self.type_into("#signin-password", password);
        self.press("#signin-password", Key::Enter);
        // A user who has not signed in on this computer before is asked the office secret once.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if self.find("[data-testid=home]").is_ok() {
                break;
            }
            if self.find("#signin-office-secret").is_ok() {
                self.type_into("#signin-office-secret", OFFICE_SECRET);
                self.press("#signin-office-secret", Key::Enter);
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.wait_for("[data-testid=home]")
            .unwrap_or_else(|e| panic!("{}: the home screen did not open: {e}", self.name));
    }

    /// Resizes the window to `width`×`height` (the outer size, as a person would set it) and
    /// waits until the page has been laid out again.
    pub fn resize(&mut self, width: u32, height: u32) {
        let resized = self.client().and_then(|client| {
            self.runtime.block_on(client.set_window_size(width, height)).map_err(err)
        });
        if let Err(e) = resized.and_then(|()| self.settle()) {
            self.fail(&format!("cannot resize the window to {width}×{height}: {e}"));
        }
    }

    /// What on the page scrolls sideways or reaches past its right edge: the page itself, a box
    /// that scrolls sideways (a table in a scrolling frame), or a visible element beyond the
    /// right of the screen's content, of a panel that clips it, or of the window. Each as
    /// `tag.class "text"` with its widths; empty when the screen fits.
    pub fn sideways(&self) -> Result<Vec<String>> {
        let script = r#"
            const out = [];
            const doc = document.scrollingElement || document.documentElement;
            const width = document.documentElement.clientWidth;
            if (doc.scrollWidth > width + 1) out.push(`the page: ${doc.scrollWidth} px wide in ${width}`);
            const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} "${(el.textContent || "").trim().slice(0, 40)}"`;
            // Inside the screen, the edge is the right of the content's box (its padding is the
            // screen's margin); elsewhere the window's.
            const main = document.querySelector("main");
            let inner = width;
            if (main) {
              const box = main.getBoundingClientRect();
              inner = box.left + main.clientWidth - parseFloat(getComputedStyle(main).paddingRight);
            }
            for (const el of document.querySelectorAll("body *")) {
              const style = getComputedStyle(el);
              if (style.display === "none" || style.visibility === "hidden") continue;
              const rect = el.getBoundingClientRect();
              if (rect.width === 0 || rect.height === 0) continue;
              let edge = main && main.contains(el) ? inner : width;
              // The panel it is drawn in is an edge (what passes it is drawn over by the next
              // panel or the window's edge), and so is a box that clips what overflows it.
              const panel = el.closest(".panel");
              if (panel && panel !== el) {
                const box = panel.getBoundingClientRect();
                edge = Math.min(edge, box.left + panel.clientLeft + panel.clientWidth);
              }
              for (let up = el.parentElement; up && up !== main; up = up.parentElement) {
                const clip = getComputedStyle(up).overflowX;
                if (clip === "hidden" || clip === "clip") {
                  const box = up.getBoundingClientRect();
                  edge = Math.min(edge, box.left + up.clientLeft + up.clientWidth);
                  break;
                }
              }
              const scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1;
              if (scrolls) out.push(`${name(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth}`);
              else if (rect.right > edge + 1 && el.children.length === 0) out.push(`${name(el)} reaches past the edge: its right at ${Math.round(rect.right)} px, the edge at ${Math.round(edge)}`);
            }
            return out.slice(0, 40);
        "#;
        let found = self.execute(script, vec![])?;
        serde_json::from_value(found).map_err(|e| err(format!("sideways: {e}")))
    }

    /// Walks the screen with the Tab key, as a person without a mouse does, up to `max` steps
    /// or until the focus comes back to where it started, and returns each element reached
    /// that shows no focus ring (no outline, no shadow, on itself or on the box around a
    /// borderless field) as `tag.class "text"`, with how many elements were reached.
    pub fn focus_without_ring(&mut self, max: usize) -> Result<(usize, Vec<String>)> {
        let script = r#"
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const ring = (node) => {
              if (!node) return false;
              const s = getComputedStyle(node);
              const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
              return outline || (s.boxShadow && s.boxShadow !== "none");
            };
            const shown = ring(el) || (el.matches("input, textarea, select") && ring(el.parentElement));
            const text = (el.textContent || el.getAttribute("aria-label") || el.id || "").trim().slice(0, 40);
            const key = el.dataset.testid || el.id || `${el.tagName}:${text}`;
            const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "";
            return { key, shown, name: `${el.tagName.toLowerCase()}${cls} "${text}"` };
        "#;
        let mut seen = std::collections::HashSet::new();
        let mut missing = vec![];
        for _ in 0..max {
            self.tab(1);
            let found = self.execute(script, vec![])?;
            let Some(key) = found.get("key").and_then(Value::as_str).map(str::to_owned) else {
                continue;
            };
            if !seen.insert(key) {
                break;
            }
            if found.get("shown") != Some(&Value::Bool(true)) {
                let name = found.get("name").and_then(Value::as_str).unwrap_or("?");
                missing.push(name.to_owned());
            }
        }
        Ok((seen.len(), missing))
    }

    /// Runs axe-core (the copy the UI's development packages install) on the page and returns
    /// its violations of WCAG 2.1 A and AA, each as `rule: help — targets`; empty when none.
    pub fn accessibility_violations(&self) -> Result<Vec<String>> {
        let path = repo_root().join("ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).map_err(|e| {
            err(format!(
                "{}: {e} (run `npm ci` in ui/, which the test command does)",
                path.display()
            ))
        })?;
        self.execute(&format!("if (!window.axe) {{ {source} }} return true;"), vec![])?;
        let script = r#"
            const done = arguments[arguments.length - 1];
            window.axe
              .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
              .then((r) => done(r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`)))
              .catch((e) => done([`axe failed: ${e}`]));
        "#;
        let found = self.execute_async(self.client()?, script, "axe did not finish")?;
        serde_json::from_value(found).map_err(|e| err(format!("axe: {e}")))
    }

    /// Saves what the window shows as `<test>-failed.png`, then panics with `message`.
    pub fn fail(&mut self, message: &str) -> ! {
        let png = self
            .client()
            .and_then(|client| self.runtime.block_on(client.screenshot()).map_err(err));
        if let Ok(png) = png {
            let dir = artefacts_dir();
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{}-failed.png", self.name)), png);
        }
        panic!("{}: {message}", self.name);
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
