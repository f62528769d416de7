//! The same person in two offices, as the sync screen shows it: the cases the centre handed this
//! office, each with this office's person as its registry holds them beside what the other office
//! registered, the key both share read into its parts, and the decisions made on it (here, and in
//! the other office once the centre handed that over); and a decision ("the same person" or
//! "different people", with a reason) recorded through the store.

use otau_store::registry::{FamilyView, PersonView};
use otau_store::sync::crossing::{CrossCaseView, CrossDecision, CrossDecisionRec};
use otau_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::desk::Desk;
use crate::error::ApiResult;
use crate::Now;

/// A decision on a case of the same person in two offices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CrossChoice {
    /// Both records are one person.
    SamePerson,
    /// Two people who share a name and birth date, or a mistyped number.
    DifferentPeople,
}

/// What the other office registered, as the centre handed it over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OtherRecord {
    /// Its registration number there.
    #[serde(default)]
    pub regno: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: Option<String>,
    /// Given name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Patronymic.
    #[serde(default)]
    pub patronymic: Option<String>,
    /// Birth date (`YYYY-MM-DD`).
    #[serde(default)]
    pub birth_date: Option<String>,
    /// IIN.
    #[serde(default)]
    pub iin: Option<String>,
    /// When it was registered there (UTC, RFC 3339).
    #[serde(default)]
    pub registered_at: Option<String>,
}

/// A decision as the screen shows it: which office, who, when, what and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CrossDecisionItem {
    /// The office whose person decided.
    pub office_code: String,
    /// Its name, when known.
    pub office_name: Option<String>,
    /// Whether it is this office.
    pub this_office: bool,
    /// `same_person` or `different_people`.
    pub decision: String,
    /// Why.
    pub reason: String,
    /// Who (login).
    pub decided_by: String,
    /// When (UTC, RFC 3339).
    pub decided_at: String,
}

/// One case of the same person in two offices.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CrossCaseItem {
    /// Its id (the same in both offices).
    pub id: Uuid,
    /// What both records share: `iin`, `doc` (an identity document) or `name` (the name in any
    /// script with the birth date).
    pub key_kind: String,
    /// The shared IIN, document number or name (folded as the centre compares names).
    pub key_value: String,
    /// The kind of the shared document (`passport`, …), for `doc`.
    pub key_document: Option<String>,
    /// The shared birth date, for `name`.
    pub key_birth_date: Option<String>,
    /// This office's person as its registry holds them (absent when the record is not here).
    pub here: Option<PersonView>,
    /// Their family.
    pub family: Option<FamilyView>,
    /// The other office's code.
    pub other_office: String,
    /// Its name, when this database knows it.
    pub other_office_name: Option<String>,
    /// What the other office registered.
    pub other: OtherRecord,
    /// When the centre found it (UTC, RFC 3339).
    pub found_at: String,
    /// Nobody decided it yet.
    pub open: bool,
    /// The decisions on it, the first first.
    pub decisions: Vec<CrossDecisionItem>,
}

/// The cases of this office, and whether the signed-in user may decide them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CrossCasesScreen {
    /// Open ones first, then the newest.
    pub cases: Vec<CrossCaseItem>,
    /// Cases nobody decided yet.
    pub open: u32,
    /// The signed-in user may decide them (those who correct the registry).
    pub may_decide: bool,
}

/// The parts of a shared key: `iin:…`, `doc:<kind>:<number>`, `name:<name>|<birth date>`.
pub(crate) fn key_parts(key: &str) -> (String, String, Option<String>, Option<String>) {
    let (kind, rest) = key.split_once(':').unwrap_or(("", key));
    match kind {
        "doc" => match rest.split_once(':') {
            Some((document, number)) => ("doc".into(), number.into(), Some(document.into()), None),
            None => ("doc".into(), rest.into(), None, None),
        },
        "name" => match rest.rsplit_once('|') {
            Some((name, born)) => ("name".into(), name.into(), None, Some(born.into())),
            None => ("name".into(), rest.into(), None, None),
        },
        "iin" => ("iin".into(), rest.into(), None, None),
        _ => (kind.into(), rest.into(), None, None),
    }
}

fn decision_item(store: &Store, own: &str, d: CrossDecisionRec) -> CrossDecisionItem {
    CrossDecisionItem {
        office_name: store.office_name(&d.office_code).ok().flatten(),
        this_office: d.office_code == own,
        office_code: d.office_code,
        decision: d.decision,
        reason: d.reason,
        decided_by: d.decided_by,
        decided_at: d.decided_at,
    }
}

fn case_item(store: &Store, own: &str, view: CrossCaseView) -> ApiResult<CrossCaseItem> {
    let (key_kind, key_value, key_document, key_birth_date) = key_parts(&view.key);
    let here = view.regno.as_deref().and_then(|r| store.person(r).ok());
    let family = view.regno.as_deref().and_then(|r| store.family(r).ok());
    let decisions: Vec<CrossDecisionItem> =
        store.cross_decisions(view.id)?.into_iter().map(|d| decision_item(store, own, d)).collect();
    Ok(CrossCaseItem {
        id: view.id,
        key_kind,
        key_value,
        key_document,
        key_birth_date,
        here,
        family,
        other_office_name: store.office_name(&view.other_office)?,
        other_office: view.other_office,
        other: serde_json::from_value(view.other).unwrap_or_default(),
        found_at: view.found_at,
        open: decisions.is_empty(),
        decisions,
    })
}

impl Desk {
    /// The cases of the same person in two offices: the open ones, or all when `all`.
    pub fn cross_cases(&self, all: bool) -> ApiResult<CrossCasesScreen> {
        self.with(|store, actor| {
            let (_, own) = store.device_identity()?;
            let mut cases = vec![];
            for view in store.cross_cases()? {
                let item = case_item(store, &own, view)?;
                if all || item.open {
                    cases.push(item);
                }
            }
            // Open first; the store gives the newest first within each.
            cases.sort_by_key(|c| !c.open);
            let open = u32::try_from(cases.iter().filter(|c| c.open).count()).unwrap_or(u32::MAX);
            Ok(CrossCasesScreen { cases, open, may_decide: actor.role.permissions().may_edit })
        })
    }

    /// Decides a case with a reason, as the signed-in user; the decision travels to the office's
    /// devices and, through the centre, to the other office. A sync is asked for.
    pub fn decide_cross_case(
        &self,
        id: Uuid,
        choice: CrossChoice,
        reason: &str,
        now: Now,
    ) -> ApiResult<CrossCasesScreen> {
        let decision = match choice {
            CrossChoice::SamePerson => CrossDecision::SamePerson,
            CrossChoice::DifferentPeople => CrossDecision::DifferentPeople,
        };
        self.acting(now, |store, ctx| Ok(store.decide_cross_case(ctx, id, decision, reason)?))?;
        self.background().request();
        self.cross_cases(false)
    }
}

#[cfg(test)]
mod tests {
    use super::key_parts;

    #[test]
    fn a_shared_key_is_read_into_its_parts() {
        let s = |v: &str| v.to_string();
        assert_eq!(key_parts("iin:850412310211"), (s("iin"), s("850412310211"), None, None));
        assert_eq!(
            key_parts("doc:passport:FA2233445"),
            (s("doc"), s("FA2233445"), Some(s("passport")), None)
        );
        assert_eq!(
            key_parts("name:seitkali nursultan|1985-04-12"),
            (s("name"), s("seitkali nursultan"), None, Some(s("1985-04-12")))
        );
    }
}
