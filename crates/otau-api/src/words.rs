//! The words documents print for what the store keeps as codes, translated here, at the edge:
//! subsidy names and explanations of amounts in Kazakh and Russian (the languages of the
//! papers), and the names of kinds of document in every language the register is searched in.

use otau_core::subsidy::{Explanation, SubsidyKind};
use otau_i18n::{tr, tr0, Lang};
use otau_print::DocKind;
use otau_store::documents::{OfficeRecords, Words};

/// The translations of `assets/i18n`, as documents use them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Translations;

/// Case work and the ledger of this database, with the words documents print for them.
pub const OFFICE_RECORDS: OfficeRecords<'static> = OfficeRecords { words: &Translations };

impl Words for Translations {
    fn subsidy(&self, kind: SubsidyKind) -> (String, String) {
        let id = format!("subsidy_kind-{}", kind.as_str());
        (tr0(Lang::Kk, &id), tr0(Lang::Ru, &id))
    }

    fn explanation(&self, e: &Explanation) -> (String, String) {
        (tr(Lang::Kk, &e.code, &e.args), tr(Lang::Ru, &e.code, &e.args))
    }

    fn document_kind(&self, kind: DocKind) -> Vec<String> {
        let id = format!("doc-kind-{}", kind.as_str());
        Lang::ALL.iter().map(|lang| tr0(*lang, &id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_name_subsidies_in_kazakh_and_russian() {
        let (kk, ru) = Translations.subsidy(SubsidyKind::Relocation);
        assert!(!kk.is_empty() && !ru.is_empty() && kk != ru);
        assert!(!kk.contains("subsidy_kind"), "{kk}");
        assert_eq!(Translations.document_kind(DocKind::MonthlySummary).len(), 3);
    }
}
