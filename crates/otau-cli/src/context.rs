//! What every command needs: the language, the output mode, the database (unlocked with the
//! vault's keys) and the acting user. The clock is read here, once per command, and passed into
//! the libraries.
//!
//! The keys of an encrypted database come from the `--user`'s own wrap on this computer (their
//! password), or else from the office secret (`$OTAU_OFFICE_SECRET`, or a line of standard
//! input); a user signed in with the office secret gets a wrap of their own for next time.

use crate::error::CliError;
use chrono::{DateTime, Local, NaiveDate, Utc};
use otau_i18n::Lang;
use otau_store::vault::{self, Unlock, VaultError, VaultFile, VaultKeys};
use otau_store::{Action, Actor, Context, FileKind, Store, StoreError};
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
    /// The acting user's password, once read.
    password: Option<(String, zeroize::Zeroizing<String>)>,
    /// The keys file and the keys it was unlocked to, once opened.
    vault: Option<(VaultFile, VaultKeys)>,
}

impl Ctx {
    /// Builds the context from the parsed options.
    pub fn new(lang: Lang, json: bool, db: Option<PathBuf>, user: Option<String>) -> Ctx {
        let db = db.unwrap_or_else(default_db_path);
        Ctx { lang, json, db, user, stdin_lines: None, password: None, vault: None }
    }

    /// Opens the database (creating and migrating it if needed): an encrypted one with the
    /// vault's keys, a plain (older) one as it is. An encrypted file without its keys file is
    /// refused as locked.
    pub fn open(&mut self) -> Result<Store, CliError> {
        let Some(file) = VaultFile::read(&self.db).map_err(StoreError::from)? else {
            return match otau_store::file_kind(&self.db)? {
                FileKind::Encrypted => Err(StoreError::from(VaultError::Locked).into()),
                FileKind::Plain | FileKind::Missing => Ok(Store::open(&self.db)?),
            };
        };
        let keys = match &self.vault {
            Some((_, keys)) => keys.clone(),
            None => self.unlock(&file)?,
        };
        let store = Store::open_encrypted(&self.db, &keys)?;
        self.vault = Some((file, keys));
        Ok(store)
    }

    /// The keys of the database at `--db`, or — when it has no keys file (a computer being
    /// restored) — those of the keys file beside `other` (a backup carries its own): unlocked
    /// as [`Ctx::open`] unlocks them; none for a plain database.
    pub fn keys_beside(&mut self, other: &std::path::Path) -> Result<Option<VaultKeys>, CliError> {
        if let Some((_, keys)) = &self.vault {
            return Ok(Some(keys.clone()));
        }
        let file = match VaultFile::read(&self.db).map_err(StoreError::from)? {
            Some(file) => file,
            None => match VaultFile::read(other).map_err(StoreError::from)? {
                Some(file) => file,
                None => return Ok(None),
            },
        };
        Ok(Some(self.unlock(&file)?))
    }

    /// The keys file and its keys, when the database is encrypted and was opened.
    pub fn vault(&self) -> Option<&(VaultFile, VaultKeys)> {
        self.vault.as_ref()
    }

    /// Keeps a changed keys file as the one this command holds.
    pub fn set_vault(&mut self, file: VaultFile, keys: VaultKeys) {
        self.vault = Some((file, keys));
    }

    /// The keys: the `--user`'s wrap, else the office secret.
    fn unlock(&mut self, file: &VaultFile) -> Result<VaultKeys, CliError> {
        let from_env = office_secret_from_env();
        if let Some(login) = self.user.clone() {
            let password = self.acting_password(&login)?;
            match vault::keys_for_sign_in(
                file,
                &login,
                &password,
                from_env.as_deref().map(String::as_str),
            ) {
                Ok(keys) => return Ok(keys),
                // A wrong password is said by the sign-in, which counts it, when the office
                // secret opens the database; without it, only as a secret that opens nothing.
                Err(VaultError::NeedsOfficeSecret { .. }) if std::io::stdin().is_terminal() => {}
                Err(e) => return Err(StoreError::from(e).into()),
            }
        }
        let secret = match from_env {
            Some(secret) => secret,
            None => zeroize::Zeroizing::new(
                self.secret_line(&prompt(self.lang, "cli-office-secret-prompt"))?,
            ),
        };
        Ok(file.unlock(Unlock::OfficeSecret(&secret)).map_err(StoreError::from)?)
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
    /// A user signed in on an encrypted database gets a wrap of their own on this computer (or
    /// a new one after a password change); a deactivated user's wrap is removed.
    pub fn actor(&mut self, store: &Store) -> Result<Actor, CliError> {
        let login = self.user.clone().ok_or(CliError::coded("cli-user-required"))?;
        let password = self.acting_password(&login)?;
        let (at, _) = self.now();
        let signed = store.sign_in_at(at, &login, &password);
        if let Some((file, keys)) = self.vault.as_mut() {
            match &signed {
                Ok(actor) => vault::remember_user(&self.db, file, keys, &actor.login, &password)
                    .map_err(StoreError::from)?,
                Err(StoreError::UserInactive { .. }) if file.remove_user(&login) => {
                    file.save(&self.db).map_err(StoreError::from)?
                }
                Err(_) => {}
            }
        }
        Ok(signed?)
    }

    /// The acting user's password: `$OTAU_PASSWORD`, else a line of standard input (read once
    /// per command).
    pub fn acting_password(&mut self, login: &str) -> Result<zeroize::Zeroizing<String>, CliError> {
        if let Some((held, password)) = &self.password {
            if held == login {
                return Ok(password.clone());
            }
        }
        let password = zeroize::Zeroizing::new(match std::env::var("OTAU_PASSWORD") {
            Ok(p) if !p.is_empty() => p,
            _ => self.secret_line(&format!("{login}: "))?,
        });
        self.password = Some((login.to_string(), password.clone()));
        Ok(password)
    }

    /// A new office secret: `$OTAU_OFFICE_SECRET` when `from_env`, else a line of standard
    /// input (prompted twice on a terminal); checked as a password is.
    pub fn new_office_secret(
        &mut self,
        from_env: bool,
    ) -> Result<zeroize::Zeroizing<String>, CliError> {
        let secret = match office_secret_from_env().filter(|_| from_env) {
            Some(secret) => secret,
            None => {
                let first = zeroize::Zeroizing::new(
                    self.secret_line(&prompt(self.lang, "cli-office-secret-new"))?,
                );
                if std::io::stdin().is_terminal() {
                    let again = zeroize::Zeroizing::new(
                        self.secret_line(&prompt(self.lang, "cli-office-secret-again"))?,
                    );
                    if *again != *first {
                        return Err(CliError::coded("cli-office-secret-mismatch"));
                    }
                }
                first
            }
        };
        otau_core::password::check_new_password(&secret, "", None).map_err(|e| {
            let mut e = e;
            e.field = "office_secret".into();
            CliError::Fields(vec![e])
        })?;
        Ok(secret)
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

/// `$OTAU_OFFICE_SECRET`, when set.
fn office_secret_from_env() -> Option<zeroize::Zeroizing<String>> {
    std::env::var("OTAU_OFFICE_SECRET").ok().filter(|s| !s.is_empty()).map(zeroize::Zeroizing::new)
}

fn prompt(lang: Lang, id: &str) -> String {
    format!("{}: ", crate::error::msg(lang, id, &[]))
}

/// `$OTAU_DB` is handled by clap; this is the platform's data folder.
fn default_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("otau").join("otau.sqlite")
}
