//! Translation of stable message codes into Kazakh, Russian and English, once, at the edge.
//!
//! The messages live in `assets/i18n/{kk,ru,en}/*.ftl` (Fluent), the same files the UI loads, so a
//! code reads the same in the app and on the command line. Libraries never produce text for
//! people; they produce codes and arguments (`otau_core::Coded`), and the edges call [`tr`].
#![deny(missing_docs)]

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// A language Otau speaks: the one list of languages, for the command line, the desktop app
/// and its interface.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh, the default.
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// All languages, the default first.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// A language by its tag exactly (`kk`, `ru`, `en`; case and surrounding spaces ignored),
    /// as a setting names it.
    pub fn parse(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Kk => 0,
            Lang::Ru => 1,
            Lang::En => 2,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The language tag was not one of kk, ru, en.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language '{}': use kk, ru or en", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // On the command line also the other common names of each language.
        match s.trim().to_ascii_lowercase().as_str() {
            "kz" | "kaz" => Ok(Lang::Kk),
            "rus" => Ok(Lang::Ru),
            "eng" => Ok(Lang::En),
            other => Lang::parse(other).ok_or_else(|| UnknownLang(other.to_string())),
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/ftl_files.rs"));

/// The Fluent sources of one language, as shipped (every `.ftl` file of its folder).
pub fn sources(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Kk => KK,
        Lang::Ru => RU,
        Lang::En => EN,
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(build_bundle))
}

fn build_bundle(lang: Lang) -> Bundle {
    let id = unic_langid::LanguageIdentifier::from_str(lang.tag()).unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminal output and PDF text must not carry Unicode isolation marks.
    bundle.set_use_isolating(false);
    for source in sources(lang) {
        // A broken entry is skipped (Fluent parses the rest); the tests check every file parses.
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// Whether a message with this id exists in this language.
pub fn has(lang: Lang, code: &str) -> bool {
    bundles()[lang.index()].has_message(code)
}

/// Translates `code` with `args` into `lang`; falls back to English, then to the code itself.
pub fn tr(lang: Lang, code: &str, args: &BTreeMap<String, String>) -> String {
    for l in [lang, Lang::En] {
        if let Some(text) = format(&bundles()[l.index()], code, args) {
            return text;
        }
    }
    if args.is_empty() {
        code.to_string()
    } else {
        let list: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{code} ({})", list.join(", "))
    }
}

/// Translates a code that takes no arguments.
pub fn tr0(lang: Lang, code: &str) -> String {
    tr(lang, code, &BTreeMap::new())
}

fn format(bundle: &Bundle, code: &str, args: &BTreeMap<String, String>) -> Option<String> {
    let message = bundle.get_message(code)?;
    let pattern = message.value()?;
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        // Numbers become Fluent numbers so plural rules apply; everything else stays a string.
        match v.parse::<i64>() {
            Ok(n) if !v.starts_with('0') || v == "0" => fargs.set(k.as_str(), FluentValue::from(n)),
            _ => fargs.set(k.as_str(), FluentValue::from(v.as_str())),
        }
    }
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
    Some(text.into_owned())
}

/// Every message id defined in a language's shipped files.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = vec![];
    for source in sources(lang) {
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.push(m.id.name.to_string());
            }
        }
    }
    ids.sort();
    ids
}

/// The label of an enum value in a language: the message `{prefix}-{value}` of its snake_case
/// name (`relation-head`, `education-higher`), or the name itself where there is no message.
pub fn value_label<T: Serialize>(lang: Lang, prefix: &str, value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => {
            let id = format!("{prefix}-{s}");
            let text = tr(lang, &id, &BTreeMap::new());
            if text == id {
                s
            } else {
                text
            }
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_parses() {
        for lang in Lang::ALL {
            for (i, source) in sources(lang).iter().enumerate() {
                if let Err((_, errs)) = FluentResource::try_new(source.to_string()) {
                    panic!("{lang} file #{i} has errors: {errs:?}");
                }
            }
        }
    }

    #[test]
    fn every_message_exists_in_all_three_languages() {
        let en = message_ids(Lang::En);
        for lang in [Lang::Kk, Lang::Ru] {
            let other = message_ids(lang);
            let missing: Vec<_> = en.iter().filter(|id| !other.contains(id)).collect();
            let extra: Vec<_> = other.iter().filter(|id| !en.contains(id)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has ids English lacks: {extra:?}");
        }
    }

    #[test]
    fn regression_the_shipped_files_are_embedded_from_this_checkout() {
        for lang in Lang::ALL {
            assert!(sources(lang).len() >= 5, "{lang}: {} files", sources(lang).len());
            assert!(has(lang, "store-bad-credentials"), "{lang}");
            assert!(has(lang, "field-iin"), "{lang}");
        }
        assert_eq!(tr0(Lang::Kk, "store-bad-credentials"), "Логин немесе құпиясөз қате.");
    }

    #[test]
    fn no_message_id_is_defined_twice() {
        for lang in Lang::ALL {
            let ids = message_ids(lang);
            let mut twice: Vec<&String> =
                ids.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
            twice.dedup();
            assert!(twice.is_empty(), "{lang}: defined in two files: {twice:?}");
        }
    }

    #[test]
    fn unknown_code_falls_back_to_the_code_with_its_arguments() {
        let mut args = BTreeMap::new();
        args.insert("n".to_string(), "3".to_string());
        assert_eq!(tr(Lang::Kk, "no-such-code", &args), "no-such-code (n=3)");
    }

    #[test]
    fn a_refusal_for_a_role_names_the_action_in_words() {
        let args = |action: &str| {
            BTreeMap::from([
                ("role".to_string(), "Маман".to_string()),
                ("action".to_string(), action.to_string()),
            ])
        };
        let kk = tr(Lang::Kk, "store-forbidden", &args("approve-payment"));
        assert!(kk.contains("төлемді бекіту"), "{kk}");
        assert!(!kk.contains("approve-payment"), "{kk}");
        let ru = tr(Lang::Ru, "store-forbidden", &args("void-document"));
        assert!(ru.contains("аннулирование документа"), "{ru}");
        let en = tr(Lang::En, "store-forbidden", &args("close-month"));
        assert!(en.contains("closing a month"), "{en}");
        // An action added later still shows, by its code, until it has words.
        assert!(tr(Lang::En, "store-forbidden", &args("new-action")).contains("new-action"));
    }

    #[test]
    fn language_tags_parse() {
        assert_eq!("KK".parse::<Lang>(), Ok(Lang::Kk));
        assert_eq!("ru".parse::<Lang>(), Ok(Lang::Ru));
        assert!("de".parse::<Lang>().is_err());
    }
}
