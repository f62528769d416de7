//! What a password must be, and how long a login waits after failed sign-ins: rules as pure
//! functions (no clock, no storage; the store counts and keeps the failures).
//!
//! # Context
//! Law 94-V asks the operator to control access to personal data. A password anyone could
//! guess in a few tries (`aaaaaaaa`, `12345678`, `qwerty123`, the login itself) controls
//! nothing, and an unlimited number of tries lets any password be guessed in time.
//!
//! # Design
//! The refusals each name what to choose instead (the messages are `password-*` codes), and the
//! list of common passwords is small and embedded: the first ones every guesser tries, in the
//! Latin and the Cyrillic keyboard layouts.

use crate::code::FieldError;

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The fewest different characters a password may have.
pub const MIN_DISTINCT_CHARS: usize = 4;
/// Failed sign-ins in a row a login is allowed before it is locked.
pub const FREE_FAILURES: u32 = 5;
/// The longest a login is locked for after failed sign-ins (one day).
pub const MAX_LOCK_MINUTES: i64 = 24 * 60;

/// The passwords tried first (compared without case).
const COMMON: &str = include_str!("password_common.txt");

/// Checks a new password for `login` (and the user's full name, when known). Each refusal is
/// one field error on `password` whose message says what to choose.
pub fn check_new_password(
    password: &str,
    login: &str,
    full_name: Option<&str>,
) -> Result<(), FieldError> {
    let refuse =
        |code: &str| Err(FieldError::bare("password", code).with_arg("min", MIN_PASSWORD_CHARS));
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < MIN_PASSWORD_CHARS {
        return refuse("store-short-password");
    }
    let lower = password.to_lowercase();
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT_CHARS || is_run(&lower) {
        return refuse("password-too-simple");
    }
    if is_common(&lower) {
        return refuse("password-common");
    }
    if is_like_name(&lower, login, full_name) {
        return refuse("password-like-login");
    }
    Ok(())
}

/// `abcdefgh`, `12345678`, `98765432`: each character the one after (or before) the last.
fn is_run(lower: &str) -> bool {
    let codes: Vec<i64> = lower.chars().map(|c| i64::from(u32::from(c))).collect();
    let steps: Vec<i64> = codes.windows(2).map(|w| w[1] - w[0]).collect();
    steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1)
}

fn is_common(lower: &str) -> bool {
    // `password1`, `qwerty2024!`: a common word with digits or signs added at its end.
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    COMMON
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .any(|w| w == lower || w == stem)
}

/// The login or a word of the name, reversed or not, with at most digits and signs around it
/// (`aigerim`, `Aigerim1990`, `miregia`), or the whole name run together.
fn is_like_name(lower: &str, login: &str, full_name: Option<&str>) -> bool {
    let core: String = lower
        .trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ')
        .to_owned();
    let letters: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut names: Vec<String> = vec![login.trim().to_lowercase()];
    if let Some(name) = full_name {
        let name = name.to_lowercase();
        names.extend(name.split_whitespace().map(str::to_owned));
        names.push(name.chars().filter(|c| c.is_alphanumeric()).collect());
    }
    names.iter().filter(|n| n.chars().count() >= 3).any(|n| {
        let reversed: String = n.chars().rev().collect();
        [core.as_str(), letters.as_str()].iter().any(|p| *p == n || *p == reversed)
    })
}

/// How long a login is locked after its `failures`-th failed sign-in in a row: none for the
/// first [`FREE_FAILURES`], then 1, 2, 4 … minutes, at most [`MAX_LOCK_MINUTES`].
pub fn lock_minutes(failures: u32) -> Option<i64> {
    let over = failures.checked_sub(FREE_FAILURES)?;
    Some(
        1i64.checked_shl(over)
            .filter(|m| (1..MAX_LOCK_MINUTES).contains(m))
            .unwrap_or(MAX_LOCK_MINUTES),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(password: &str) -> Option<String> {
        check_new_password(password, "aigerim", Some("Айгерім Сәрсенова")).err().map(|e| e.code)
    }

    #[test]
    fn weak_passwords_are_refused_each_with_its_reason() {
        for (password, expected) in [
            ("short", Some("store-short-password")),
            ("aaaaaaaa", Some("password-too-simple")),
            ("abababab", Some("password-too-simple")),
            ("12345678", Some("password-too-simple")),
            ("hgfedcba", Some("password-too-simple")),
            ("password", Some("password-common")),
            ("Qwerty123!", Some("password-common")),
            ("йцукенгш", Some("password-common")),
            ("1q2w3e4r", Some("password-common")),
            ("Aigerim1990", Some("password-like-login")),
            ("mireGIA!", Some("password-like-login")),
            ("Сәрсенова", Some("password-like-login")),
            ("айгерімсәрсенова", Some("password-like-login")),
            ("aigerim-password", None),
            ("жасыл алма терезе", None),
            ("Tundik-7-Kiiz", None),
        ] {
            assert_eq!(code(password).as_deref(), expected, "{password}");
        }
    }

    #[test]
    fn a_login_is_locked_longer_after_each_failure_past_the_free_ones() {
        let minutes: Vec<Option<i64>> = (1..=9).map(lock_minutes).collect();
        assert_eq!(minutes, [None, None, None, None, Some(1), Some(2), Some(4), Some(8), Some(16)]);
        assert_eq!(lock_minutes(40), Some(MAX_LOCK_MINUTES));
        assert_eq!(lock_minutes(u32::MAX), Some(MAX_LOCK_MINUTES));
    }
}
