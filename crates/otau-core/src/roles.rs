//! Roles and what each may do: the one place permissions are decided. The store refuses by
//! these rules, and the screens show only what the signed-in role may do, from the same rules
//! ([`Permissions`]), never by comparing role names themselves.

use crate::code::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a user is employed as.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Registers families and prepares work.
    Clerk,
    /// Approves what clerks prepared; sees summaries.
    Manager,
    /// Runs the office's installation: users, reference data.
    Admin,
}

impl Role {
    /// The role's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// Whether this role may do `action`.
    pub fn may(self, action: Action) -> bool {
        match action {
            Action::RegisterFamily | Action::EditRegistry | Action::Read => true,
            Action::ManageUsers | Action::ManageReference => self == Role::Admin,
            Action::IssueDocument => true,
            Action::VoidDocument | Action::CloseMonth => self == Role::Manager,
            Action::PrepareSubsidy => true,
            Action::ApprovePayment | Action::RecordPayment | Action::ReversePayment => {
                matches!(self, Role::Manager | Role::Admin)
            }
            // Who looked at whom is for those who answer for the office's data.
            Action::SeeViews => matches!(self, Role::Manager | Role::Admin),
            // A backup holds every record: those who keep the office's data take it.
            Action::BackUp => matches!(self, Role::Manager | Role::Admin),
            // Everything held about one person leaves the database whole: those answerable
            // for the office's data (managers, administrators), not every clerk.
            Action::ExportPersonalData => matches!(self, Role::Manager | Role::Admin),
        }
    }

    /// Whether this role may withdraw a line of the ledger: any unpaid one with
    /// [`Action::ReversePayment`]; otherwise a clerk only their own that nobody approved yet.
    pub fn may_reverse(self, prepared_by_self: bool, approved: bool) -> bool {
        self.may(Action::ReversePayment) || (self == Role::Clerk && prepared_by_self && !approved)
    }

    /// Everything this role may do, as flags for the screens.
    pub fn permissions(self) -> Permissions {
        Permissions {
            may_register: self.may(Action::RegisterFamily),
            may_edit: self.may(Action::EditRegistry),
            may_manage_users: self.may(Action::ManageUsers),
            may_manage_reference: self.may(Action::ManageReference),
            may_issue_documents: self.may(Action::IssueDocument),
            may_void_documents: self.may(Action::VoidDocument),
            may_close_month: self.may(Action::CloseMonth),
            may_prepare_subsidy: self.may(Action::PrepareSubsidy),
            may_approve: self.may(Action::ApprovePayment),
            may_record_payment: self.may(Action::RecordPayment),
            may_reverse: self.may(Action::ReversePayment),
            // Managers see the office's figures; administrators too, as they keep its data.
            may_see_summaries: matches!(self, Role::Manager | Role::Admin),
            // Sync: a conflict is settled by a correction of the record; a review case is about
            // money; enrolling the office's database is the installation's, like its users.
            may_resolve_conflicts: self.may(Action::EditRegistry),
            may_decide_cases: self.may(Action::ApprovePayment),
            may_enrol: self.may(Action::ManageUsers),
            may_see_views: self.may(Action::SeeViews),
            may_back_up: self.may(Action::BackUp),
            may_export_person: self.may(Action::ExportPersonalData),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = FieldError;
    /// A role by its name; the problem names the field `role`.
    fn from_str(s: &str) -> Result<Self, FieldError> {
        match s {
            "clerk" => Ok(Role::Clerk),
            "manager" => Ok(Role::Manager),
            "admin" => Ok(Role::Admin),
            other => Err(FieldError::bare("role", "store-unknown-role").with_arg("value", other)),
        }
    }
}

/// Things a user may or may not do; checked in the library, not only in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the registry.
    Read,
    /// Register a family.
    RegisterFamily,
    /// Correct a registry record.
    EditRegistry,
    /// Add or change users.
    ManageUsers,
    /// Change reference data (MCI, rules, quotas).
    ManageReference,
    /// Issue or reprint a document.
    IssueDocument,
    /// Void an issued document.
    VoidDocument,
    /// Close a month once its summary is approved.
    CloseMonth,
    /// Prepare a subsidy decision.
    PrepareSubsidy,
    /// Approve prepared ledger lines and recalculations (maker–checker: never one's own).
    ApprovePayment,
    /// Record that a payment order was executed.
    RecordPayment,
    /// Reverse unpaid ledger lines; record a family's move away.
    ReversePayment,
    /// See who looked at a person's data ("viewed by").
    SeeViews,
    /// Back up the office database (and see its backups).
    BackUp,
    /// Export everything held about one person (Law 94-V: the person's right to know it).
    ExportPersonalData,
}

impl Action {
    /// A stable name for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::RegisterFamily => "register-family",
            Action::EditRegistry => "edit-registry",
            Action::ManageUsers => "manage-users",
            Action::ManageReference => "manage-reference",
            Action::IssueDocument => "issue-document",
            Action::VoidDocument => "void-document",
            Action::CloseMonth => "close-month",
            Action::PrepareSubsidy => "prepare-subsidy",
            Action::ApprovePayment => "approve-payment",
            Action::RecordPayment => "record-payment",
            Action::ReversePayment => "reverse-payment",
            Action::SeeViews => "see-views",
            Action::BackUp => "back-up",
            Action::ExportPersonalData => "export-personal-data",
        }
    }
}

/// What the signed-in role may do, as the screens ask it: each flag is [`Role::may`] of one
/// [`Action`], so a button shows exactly when the library would accept its command.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Register a family.
    pub may_register: bool,
    /// Correct registry records.
    pub may_edit: bool,
    /// Add users.
    pub may_manage_users: bool,
    /// Change reference data: MCI, subsidy rules, quotas.
    pub may_manage_reference: bool,
    /// Issue and reprint documents.
    pub may_issue_documents: bool,
    /// Void documents.
    pub may_void_documents: bool,
    /// Close a month.
    pub may_close_month: bool,
    /// Prepare a subsidy decision.
    pub may_prepare_subsidy: bool,
    /// Approve ledger lines and recalculations (never one's own).
    pub may_approve: bool,
    /// Record payments.
    pub may_record_payment: bool,
    /// Reverse any unpaid line and record a move away.
    pub may_reverse: bool,
    /// See the office's monthly summary.
    pub may_see_summaries: bool,
    /// Resolve a sync conflict (choose or type the right value, with a reason).
    pub may_resolve_conflicts: bool,
    /// Decide a review case of two facts about money or identity.
    pub may_decide_cases: bool,
    /// Enrol this office database with a centre.
    pub may_enrol: bool,
    /// See who looked at a person's card, printed or exported their data.
    pub may_see_views: bool,
    /// Back up the office database now.
    pub may_back_up: bool,
    /// Export everything held about one person.
    #[serde(default)]
    pub may_export_person: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_approve_and_close_months_administrators_keep_the_reference_data() {
        let clerk = Role::Clerk.permissions();
        assert!(clerk.may_register && clerk.may_prepare_subsidy && clerk.may_issue_documents);
        assert!(!clerk.may_approve && !clerk.may_close_month && !clerk.may_manage_reference);
        let manager = Role::Manager.permissions();
        assert!(manager.may_approve && manager.may_close_month && manager.may_void_documents);
        assert!(!manager.may_manage_users && !manager.may_manage_reference);
        let admin = Role::Admin.permissions();
        assert!(admin.may_manage_users && admin.may_manage_reference && admin.may_approve);
        assert!(!admin.may_close_month);
        assert!(manager.may_back_up && admin.may_back_up && !clerk.may_back_up);
    }

    #[test]
    fn a_clerk_withdraws_only_their_own_unapproved_line() {
        assert!(Role::Clerk.may_reverse(true, false));
        assert!(!Role::Clerk.may_reverse(true, true));
        assert!(!Role::Clerk.may_reverse(false, false));
        assert!(Role::Manager.may_reverse(false, true));
    }

    #[test]
    fn roles_read_by_name() {
        assert_eq!("manager".parse::<Role>(), Ok(Role::Manager));
        let e = "boss".parse::<Role>().err();
        assert_eq!(e.as_ref().map(|e| e.code.as_str()), Some("store-unknown-role"));
    }
}
