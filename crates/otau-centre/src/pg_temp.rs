//! A throwaway PostgreSQL for tests and benchmarks: Debian's binaries (`postgresql` package), a
//! temporary cluster listening on 127.0.0.1 only, stopped when the guard is dropped. As root the
//! cluster runs as the `postgres` user (`runuser`); as anyone else, as that user.
//!
//! Not used by the centre itself: it exists so the same story tests run on a real PostgreSQL
//! without anything installed by hand beyond the package.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running temporary PostgreSQL server.
pub struct PgServer {
    bin: PathBuf,
    dir: tempfile::TempDir,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    as_root: bool,
}

/// The newest `/usr/lib/postgresql/*/bin` holding `initdb`, if PostgreSQL is installed.
pub fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

impl PgServer {
    fn run(&self, tool: &str, args: &[&str]) -> std::process::Output {
        let exe = self.bin.join(tool);
        let out = if self.as_root {
            Command::new("runuser")
                .arg("-u")
                .arg("postgres")
                .arg("--")
                .arg(&exe)
                .args(args)
                .output()
        } else {
            Command::new(&exe).args(args).output()
        }
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
        out
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Starts a new cluster; panics when PostgreSQL is not installed or does not start (it is
    /// for tests and benchmarks).
    pub fn start() -> PgServer {
        let as_root = effective_uid() == 0;
        let dir = tempfile::tempdir().expect("a temporary folder for the cluster");
        if as_root {
            let ok = Command::new("chown")
                .arg("postgres:postgres")
                .arg(dir.path())
                .status()
                .expect("chown runs");
            assert!(ok.success(), "chown");
        }
        let bin = bin_dir().expect("PostgreSQL is installed (scripts/setup-system.sh installs it)");
        let server = PgServer { bin, dir, port: free_port(), as_root };
        let data = server.data();
        let data = data.to_str().expect("a temporary folder's path is UTF-8");
        let out = server.run(
            "initdb",
            &["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        );
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let opts = format!(
            "-k {} -c listen_addresses=127.0.0.1 -p {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            server.dir.path().display(),
            server.port
        );
        let log = server.dir.path().join("log");
        let log_path = log.to_str().expect("a temporary folder's path is UTF-8");
        let out = server.run("pg_ctl", &["-D", data, "-o", &opts, "-l", log_path, "-w", "start"]);
        assert!(
            out.status.success(),
            "pg_ctl start: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        server
    }

    fn port_arg(&self) -> String {
        self.port.to_string()
    }

    /// Makes a database (optionally a copy of another) and returns its URL.
    pub fn create(&self, name: &str, template: Option<&str>) -> String {
        let port = self.port_arg();
        let mut args = vec!["-h", "127.0.0.1", "-p", &port, "-U", "postgres"];
        if let Some(t) = template {
            args.extend(["-T", t]);
        }
        args.push(name);
        let out = self.run("createdb", &args);
        assert!(out.status.success(), "createdb: {}", String::from_utf8_lossy(&out.stderr));
        self.url(name)
    }

    /// Drops a database.
    pub fn drop_db(&self, name: &str) {
        let port = self.port_arg();
        let out = self.run("dropdb", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name]);
        assert!(out.status.success(), "dropdb: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// The URL of a database.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// The cluster's folder.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            "pg_ctl",
            &["-D", data.to_str().unwrap_or_default(), "-m", "immediate", "-w", "stop"],
        );
    }
}

fn effective_uid() -> u32 {
    // The owner of /proc/self is the effective user.
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(1)
}
