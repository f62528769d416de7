//! What every command needs: the language, the output mode, the database and the acting user.
//! The clock is read here, once per command, and passed into the libraries.

use crate::error::CliError;
use chrono::{DateTime, Local, NaiveDate, Utc};
use otau_i18n::Lang;
use otau_store::{Action, Actor, Context, Store};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

/// The environment of one command.
pub struct Ctx {
    /// Language of messages.
    pub lang: Lang,
    /// JSON output.
    pub json: bool,
    /// Database path.
    pub db: PathBuf,
    /// `--user`.
    pub user: Option<String>,
    /// Lines of standard input not yet consumed.
    stdin_lines: Option<std::vec::IntoIter<String>>,
}

impl Ctx {
    /// Builds the context from the parsed options.
    pub fn new(lang: Lang, json: bool, db: Option<PathBuf>, user: Option<String>) -> Ctx {
        let db = db.unwrap_or_else(default_db_path);
        Ctx { lang, json, db, user, stdin_lines: None }
    }

    /// Opens the database (creating and migrating it if needed).
    pub fn open(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.db)?)
    }

    /// The moment and the local date of this command.
    #[allow(clippy::disallowed_methods)] // The clock is read here, at the edge, and nowhere below.
    pub fn now(&self) -> (DateTime<Utc>, NaiveDate) {
        (Utc::now(), Local::now().date_naive())
    }

    /// Who acts and when: the `--user` signed in, the moment and the date of this command, as
    /// every change takes them.
    pub fn acting(&mut self, store: &Store) -> Result<Context, CliError> {
        let actor = self.actor(store)?;
        let (at, today) = self.now();
        Ok(Context::new(&actor, at, today))
    }

    /// Signs in the `--user` to read personal data: refused without one (every command that
    /// shows a person, a family, the ledger or the history asks this first), and unless the
    /// role may read.
    pub fn reading(&mut self, store: &Store) -> Result<Context, CliError> {
        if self.user.is_none() {
            return Err(CliError::coded("cli-user-required-to-read"));
        }
        let acting = self.acting(store)?;
        acting.actor.require(Action::Read)?;
        Ok(acting)
    }

    /// Signs in the `--user` with the password from `$OTAU_PASSWORD` or standard input.
    pub fn actor(&mut self, store: &Store) -> Result<Actor, CliError> {
        let login = self.user.clone().ok_or(CliError::coded("cli-user-required"))?;
        let password = self.acting_password(&login)?;
        let (at, _) = self.now();
        Ok(store.sign_in_at(at, &login, &password)?)
    }

    /// The acting user's password: `$OTAU_PASSWORD`, else a line of standard input.
    pub fn acting_password(&mut self, login: &str) -> Result<String, CliError> {
        match std::env::var("OTAU_PASSWORD") {
            Ok(p) if !p.is_empty() => Ok(p),
            _ => self.secret_line(&format!("{login}: ")),
        }
    }

    /// A secret from standard input: prompted without echo on a terminal, else the next line.
    pub fn secret_line(&mut self, prompt: &str) -> Result<String, CliError> {
        if std::io::stdin().is_terminal() {
            return rpassword::prompt_password(prompt)
                .map_err(|_| CliError::coded("cli-password-required"));
        }
        self.stdin_line()
    }

    /// A new user's password, asked for explicitly: the next line of standard input when
    /// `from_stdin` (`--password-stdin`), else typed twice without echo at a terminal. Never
    /// `$OTAU_PASSWORD`, which is the acting user's.
    pub fn new_password(&mut self, login: &str, from_stdin: bool) -> Result<String, CliError> {
        if from_stdin {
            return self.stdin_line();
        }
        if !std::io::stdin().is_terminal() {
            return Err(CliError::with("cli-new-password-how", &[("login", login.to_owned())]));
        }
        let asked = |prompt: String| {
            rpassword::prompt_password(prompt).map_err(|_| CliError::coded("cli-password-required"))
        };
        let first = asked(format!("{login} (new): "))?;
        let again = asked(format!("{login} (again): "))?;
        if first != again {
            return Err(CliError::with("cli-passwords-differ", &[("login", login.to_owned())]));
        }
        Ok(first)
    }

    /// The next line of standard input (all of it is read at the first call).
    fn stdin_line(&mut self) -> Result<String, CliError> {
        if self.stdin_lines.is_none() {
            let lines: Vec<String> =
                std::io::stdin().lock().lines().map_while(Result::ok).collect();
            self.stdin_lines = Some(lines.into_iter());
        }
        self.stdin_lines
            .as_mut()
            .and_then(Iterator::next)
            .map(|l| l.trim_end_matches(['\r', '\n']).to_string())
            .filter(|l| !l.is_empty())
            .ok_or(CliError::coded("cli-password-required"))
    }
}

/// `$OTAU_DB` is handled by clap; this is the platform's data folder.
fn default_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("otau").join("otau.sqlite")
}
