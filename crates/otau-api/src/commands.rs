//! The commands the desktop UI may call: for each, its name, its arguments (snake_case, as the
//! UI sends them) and its answer, in one table ([`commands!`]). The table gives
//! [`dispatch`], the one function the desktop shell registers, and [`each`], from which the
//! TypeScript of every command is generated (`ui/src/lib/bindings/commands.ts`), so a command's
//! name and arguments are written once.
//!
//! # Design
//! A command only reads its arguments and calls the desk; the clock is read by the caller and
//! comes in as [`Now`]. A command that changes data takes `now`; one that only reads takes
//! nothing of the clock but the date where it needs one.

use otau_i18n::Lang;
use serde_json::Value;

use otau_core::casework::plan::PlanItemState;
use otau_core::model::Sex;
use otau_store::Registered;

use crate::backups::BackupPanel;
use crate::casework::{
    CaseworkPanel, CaseworkScreen, EndForm, ExtendForm, InclusionForm, PlanItemForm, PlanScreen,
    QuotaForm, ServiceForm, StatusForm, StayForm,
};
use crate::consent::{SavedExport, WithdrawalForm};
use crate::crossing::{CrossCasesScreen, CrossChoice};
use crate::desk::{
    self, Access, Desk, FamilyCheck, FindResult, HomeScreen, IinCheck, PersonCard, ReadDate,
    Reference, SessionInfo,
};
use crate::documents::{
    DocFormat, DocumentRow, FamilyDocuments, IssueKind, PrintablePdf, RegisterScreen,
    SavedDocument, SummaryScreen, VerifyResult,
};
use crate::error::{code, ApiError, ApiResult};
use crate::form::{ConsentForm, FamilyForm, MemberForm};
use crate::import::{ImportOpened, ImportOutcome, ImportProgress, ImportSetup, RefusedRowsFile};
use crate::office_settings::{OfficeSettingsForm, OfficeSettingsScreen};
use crate::packets::{PacketExported, PacketImported, PacketPlaces, PacketProgress, Roots};
use crate::scans::ScanFile;
use crate::settings::AppInfo;
use crate::subsidy::{
    PaymentsScreen, PrepareForm, Recalculations, ReferenceData, SubsidyPreview, SubsidyStatement,
};
use crate::sync::{
    CasesScreen, ConflictsScreen, EnrolForm, JoinForm, PaymentCasesScreen, SyncPanel,
};
use crate::users::{NewUserForm, UsersScreen};
use crate::Now;
use otau_store::sync::payments::PaymentDecision;
use otau_store::sync::{CaseDecision, ConflictChoice};
use uuid::Uuid;

/// One command as the TypeScript generator sees it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// The name the UI invokes.
    pub name: &'static str,
    /// What it does (the first line of its documentation).
    pub doc: &'static str,
    /// Its arguments: name and Rust type, in order.
    pub args: &'static [(&'static str, &'static str)],
}

/// The command table: each entry is a command's documentation, its name with the desk and the
/// moment as `desk` and `now`, its arguments, its answer and its body.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])+
        fn $name:ident($desk:ident, $now:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $answer:ty $body:block
    )*) => {
        /// The arguments of each command, as the UI sends them.
        #[allow(non_camel_case_types)]
        mod args {
            use super::*;
            $(
                #[derive(serde::Deserialize)]
                pub struct $name { $(pub $arg: $ty,)* }
            )*
        }

        /// Runs the command `name` with its JSON arguments at `now`, without asking the desk
        /// whether it may; `None` when there is no such command.
        fn run(desk: &Desk, name: &str, args: Value, now: Now) -> Option<ApiResult<Value>> {
            // A command without arguments may be invoked with none at all.
            let args = if args.is_null() { Value::Object(Default::default()) } else { args };
            match name {
                $(stringify!($name) => Some((|| -> ApiResult<Value> {
                    #[allow(unused_variables)]
                    let args::$name { $($arg,)* } = serde_json::from_value(args)
                        .map_err(|e| bad_arguments(name, &e))?;
                    #[allow(unused_variables)]
                    let ($desk, $now) = (desk, now);
                    let answer: $answer = $body?;
                    serde_json::to_value(answer).map_err(|e| bad_answer(name, &e))
                })()),)*
                _ => None,
            }
        }

        /// Every command, in the order of the table, with the types of its arguments and answer.
        pub fn each(mut visit: impl FnMut(Command, &mut dyn FnMut(&mut dyn TypesOf))) {
            $(
                visit(
                    Command {
                        name: stringify!($name),
                        doc: first_line(&[$($doc),+]),
                        args: &[$((stringify!($arg), stringify!($ty))),*],
                    },
                    &mut |types: &mut dyn TypesOf| {
                        $(types.arg(stringify!($arg), &ts_of::<$ty>());)*
                        types.answer(&ts_of::<$answer>());
                    },
                );
            )*
        }

        /// The names of every command.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Visits the types of every command's arguments and answer (for the generator).
        pub fn visit_types(visitor: &mut impl ts_rs::TypeVisitor) {
            $(
                $(visitor.visit::<$ty>();)*
                visitor.visit::<$answer>();
            )*
        }
    };
}

/// Runs the command `name` with its JSON arguments at `now`, once the desk admits it
/// ([`Desk::admit`] with [`access`]); `None` when there is no such command.
pub fn dispatch(desk: &Desk, name: &str, args: Value, now: Now) -> Option<ApiResult<Value>> {
    if !NAMES.contains(&name) {
        return None;
    }
    if let Err(refused) = desk.admit(access(name), now) {
        return Some(Err(refused));
    }
    run(desk, name, args, now)
}

/// What the command `name` needs of the session. Every command not named here reads or
/// changes records or opens a file, so a new command is refused while the desk is locked or
/// nobody is signed in unless it is added here on purpose.
pub fn access(name: &str) -> Access {
    match name {
        "app_info" | "session" | "sign_out" | "lock" => Access::Open,
        "reference" | "read_date" | "check_iin" | "is_minor" => Access::Typing,
        "sign_in" | "sign_in_with_secret" | "unlock" | "join_office" => Access::Starts,
        // The sidebar asks for the sync status, and the import screens for their progress, on
        // a timer: that is nobody at the keyboard.
        "sync_status" | "packet_progress" | "import_progress" | "backup_status" => Access::Poll,
        _ => Access::Personal,
    }
}

/// How a type is written in TypeScript and the generated files it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsType {
    /// The type as written where it is used (`FamilyForm`, `string | null`, `Array<number>`).
    pub name: String,
    /// The generated types it names, as paths under the bindings folder (without `.ts`).
    pub imports: Vec<String>,
}

/// What the TypeScript generator learns of a command's types.
pub trait TypesOf {
    /// An argument's name and type.
    fn arg(&mut self, name: &'static str, ty: &TsType);
    /// The answer's type.
    fn answer(&mut self, ty: &TsType);
}

fn ts_config() -> ts_rs::Config {
    // 64-bit integers (counts, versions, tiyn) are far below 2^53: numbers, not bigints.
    ts_rs::Config::new().with_large_int("number")
}

/// A Rust type as TypeScript, with the generated files its name refers to.
fn ts_of<T: ts_rs::TS + 'static + ?Sized>() -> TsType {
    /// The generated files a type's name names: itself, or the types it is made of
    /// (`Option<T>`, `Vec<T>`).
    struct Named(Vec<String>);
    impl ts_rs::TypeVisitor for Named {
        fn visit<U: ts_rs::TS + 'static + ?Sized>(&mut self) {
            match U::output_path() {
                Some(path) => {
                    let path = path.with_extension("").to_string_lossy().replace('\\', "/");
                    if !self.0.contains(&path) {
                        self.0.push(path);
                    }
                }
                None => U::visit_generics(self),
            }
        }
    }
    let mut named = Named(vec![]);
    ts_rs::TypeVisitor::visit::<T>(&mut named);
    TsType { name: T::name(&ts_config()), imports: named.0 }
}

fn first_line(doc: &[&'static str]) -> &'static str {
    doc.first().map_or("", |line| line.trim())
}

fn bad_arguments(name: &str, error: &serde_json::Error) -> ApiError {
    let mut e = ApiError::coded(code::BAD_ARGUMENTS);
    e.message = Some(format!("{name}: {error}"));
    e.args.insert("command".into(), name.to_owned());
    e
}

fn bad_answer(name: &str, error: &serde_json::Error) -> ApiError {
    let mut e = ApiError::coded(code::INTERNAL);
    e.message = Some(format!("{name}: {error}"));
    e
}

commands! {
    /// The app's version, database, start-up language, idle time and office.
    fn app_info(desk, now) -> AppInfo { Ok::<_, ApiError>(desk.app_info()) }

    /// The reference lists (regions, countries) the forms choose from.
    fn reference(desk, now) -> Reference { Ok::<_, ApiError>(desk::reference()) }

    /// Signs a user in; they are the "who" of every change until sign-out.
    fn sign_in(desk, now, login: String, password: String) -> SessionInfo {
        desk.sign_in_at(&login, &password, now)
    }

    /// Signs a user in with the office secret, asked once of a user who has no key on this
    /// computer yet (`sign_in` refused with `vault-needs-office-secret`).
    fn sign_in_with_secret(desk, now, login: String, password: String, office_secret: String) -> SessionInfo {
        desk.sign_in_with_secret(&login, &password, &office_secret, now)
    }

    /// The current session, if any (the UI asks after a reload).
    fn session(desk, now) -> Option<SessionInfo> { desk.session() }

    /// Signs out.
    fn sign_out(desk, now) -> () { desk.sign_out() }

    /// Locks the screen (idle time passed, or the user asked).
    fn lock(desk, now) -> () { desk.lock() }

    /// Someone is at the keyboard: the desk's idle time starts again (the window says so on input).
    fn still_here(desk, now) -> () { Ok::<_, ApiError>(()) }

    /// Unlocks with the same user's password, or signs another user in.
    fn unlock(desk, now, login: String, password: String) -> SessionInfo {
        desk.unlock(&login, &password, now)
    }

    /// The home screen: counts, arrivals, statuses ending soon, recent work.
    fn home(desk, now) -> HomeScreen { desk.home(now.today) }

    /// Finds persons by any spelling of a name, an IIN or a document number.
    fn find(desk, now, query: String, limit: u32) -> FindResult {
        desk.find(&query, usize::try_from(limit).unwrap_or(50))
    }

    /// Reads a date as typed (`DD.MM.YYYY`, `YYYY-MM-DD`, …).
    fn read_date(desk, now, text: String) -> ReadDate { desk::read_date(&text) }

    /// Whether a person born on the date typed is a minor today: the form then starts their
    /// consent as covered by a representative's (false while the date cannot be read).
    fn is_minor(desk, now, birth_date: String) -> bool {
        Ok::<_, ApiError>(crate::consent::is_minor(&birth_date, now.today))
    }

    /// Checks an IIN and its agreement with the birth date and sex typed so far.
    fn check_iin(desk, now, iin: String, birth_date: String, sex: Option<Sex>) -> IinCheck {
        Ok::<_, ApiError>(desk::check_iin(&iin, &birth_date, sex))
    }

    /// Checks a registration form as it stands: problems and likely duplicates.
    fn check_family(desk, now, form: FamilyForm) -> FamilyCheck {
        desk.check_family(&form, now.today)
    }

    /// Registers a family as the signed-in user.
    fn register_family(desk, now, form: FamilyForm, allow_duplicates: bool) -> Registered {
        desk.register_family(&form, allow_duplicates, now)
    }

    /// The person card: the person, the family, the history, status and quota.
    fn person_card(desk, now, regno: String) -> PersonCard { desk.person_card(&regno, now) }

    /// Corrects a person with a reason, as the signed-in user.
    fn edit_person(
        desk, now, regno: String, member: MemberForm, base_version: i64, reason: String,
    ) -> PersonCard {
        desk.edit_person(&regno, &member, base_version, &reason, now)
    }

    /// Records a consent the person gave after registration (or a corrected one).
    fn record_consent(desk, now, regno: String, form: ConsentForm) -> PersonCard {
        desk.record_consent(&regno, &form, now)
    }

    /// Records the withdrawal of the person's consent, received by the signed-in user.
    fn withdraw_consent(desk, now, regno: String, form: WithdrawalForm) -> PersonCard {
        desk.withdraw_consent(&regno, &form, now)
    }

    /// Attaches a scan or photo (base64) to one of the person's documents.
    fn attach_scan(
        desk, now, regno: String, document_id: String, file_name: String, content_base64: String,
    ) -> PersonCard {
        desk.attach_scan(&regno, &document_id, &file_name, &content_base64, now)
    }

    /// A scan of a document whole, to be shown.
    fn open_scan(desk, now, scan_id: String) -> ScanFile { desk.open_scan(&scan_id, now) }

    /// Takes a scan off the person's card.
    fn remove_scan(desk, now, scan_id: String) -> PersonCard { desk.remove_scan(&scan_id, now) }

    /// Saves everything held about the person in one JSON file in the documents folder.
    fn export_person(desk, now, regno: String) -> SavedExport {
        desk.export_person(desk.docs_folder().as_deref(), &regno, now)
    }

    /// The case-work panel of a person card: status, family and quota.
    fn casework_panel(desk, now, regno: String) -> CaseworkPanel {
        desk.casework_panel(&regno, now.today)
    }

    /// Records stages of a kandas status (for the person or the whole family).
    fn record_status(desk, now, regno: String, form: StatusForm) -> CaseworkPanel {
        desk.record_status(&regno, &form, now)
    }

    /// Extends a kandas status once.
    fn extend_status(desk, now, regno: String, form: ExtendForm) -> CaseworkPanel {
        desk.extend_status(&regno, &form, now)
    }

    /// Ends a kandas status (citizenship or another reason).
    fn end_status(desk, now, regno: String, form: EndForm) -> CaseworkPanel {
        desk.end_status(&regno, &form, now)
    }

    /// Includes the family in the regional quota.
    fn include_in_quota(desk, now, regno: String, form: InclusionForm) -> CaseworkPanel {
        desk.include_in_quota(&regno, &form, now)
    }

    /// The family's adaptation plan, services and stay.
    fn plan_screen(desk, now, regno: String) -> PlanScreen { desk.plan_screen(&regno, now.today) }

    /// Adds a plan item.
    fn add_plan_item(desk, now, regno: String, form: PlanItemForm) -> PlanScreen {
        desk.add_plan_item(&regno, &form, now)
    }

    /// Changes the state of a plan item.
    fn update_plan_item(desk, now, regno: String, number: i64, state: PlanItemState) -> PlanScreen {
        desk.update_plan_item(&regno, number, state, now)
    }

    /// Records a service given to the family.
    fn record_service(desk, now, regno: String, form: ServiceForm) -> PlanScreen {
        desk.record_service(&regno, &form, now)
    }

    /// Records the family's stay at the centre (its planned end, or that it ended).
    fn set_stay(desk, now, regno: String, form: StayForm) -> PlanScreen {
        desk.set_stay(&regno, &form, now)
    }

    /// The office-wide case-work screen of a year (none: this year).
    fn casework_screen(desk, now, year: Option<i32>) -> CaseworkScreen {
        desk.casework_screen(year, now.today)
    }

    /// Sets a region's quota for a year (administrators).
    fn set_quota(desk, now, form: QuotaForm) -> CaseworkScreen { desk.set_quota(&form, now) }

    /// A family's subsidies: decisions, ledger entries, totals.
    fn subsidy_statement(desk, now, regno: String) -> SubsidyStatement {
        desk.subsidy_statement(&regno, now.today)
    }

    /// Eligibility and the instalments a form would give; saves nothing.
    fn subsidy_preview(desk, now, regno: String, form: PrepareForm) -> SubsidyPreview {
        desk.subsidy_preview(&regno, &form, now.today)
    }

    /// Prepares a subsidy decision as the signed-in user.
    fn prepare_subsidy(desk, now, regno: String, form: PrepareForm) -> SubsidyStatement {
        desk.prepare_subsidy(&regno, &form, now)
    }

    /// Approves instalments of a decision (none named: every one awaiting approval).
    fn approve_subsidy(desk, now, number: String, seqs: Vec<u32>) -> SubsidyStatement {
        desk.approve_subsidy(&number, &seqs, now)
    }

    /// Records a payment order for approved instalments.
    fn pay_subsidy(
        desk, now, number: String, seqs: Vec<u32>, order: String, paid_on: String,
    ) -> SubsidyStatement {
        desk.pay_subsidy(&number, &seqs, &order, &paid_on, now)
    }

    /// Reverses unpaid instalments with a reason.
    fn reverse_subsidy(desk, now, number: String, seqs: Vec<u32>, reason: String) -> SubsidyStatement {
        desk.reverse_subsidy(&number, &seqs, &reason, now)
    }

    /// Records that the family moved away from the region.
    fn move_away(desk, now, regno: String, on: String, reason: String) -> SubsidyStatement {
        desk.move_away(&regno, &on, &reason, now)
    }

    /// The office's payments; an empty month and period mean the current month.
    fn payments(desk, now, month: String, from: String, to: String) -> PaymentsScreen {
        desk.payments(&month, &from, &to, now.today)
    }

    /// Applies recalculations (`DECISION/SEQ`; none: every one proposed).
    fn approve_recalc(desk, now, references: Vec<String>, reason: String) -> Recalculations {
        desk.approve_recalc(&references, &reason, now)
    }

    /// The MCI table, the subsidy rules and the recalculations they propose.
    fn reference_data(desk, now) -> ReferenceData { desk.reference_data() }

    /// Adds an MCI row (administrators).
    fn add_mci(desk, now, from: String, purpose: String, tenge: String, note: String) -> ReferenceData {
        desk.add_mci(&from, &purpose, &tenge, &note, now)
    }

    /// Adds subsidy rules from JSON, as `otau rule add --file` (administrators).
    fn add_rules(desk, now, json: String) -> ReferenceData { desk.add_rules(&json, now) }

    /// Issues a document into the documents folder.
    fn issue_document(desk, now, kind: IssueKind, subject: String, format: DocFormat) -> SavedDocument {
        desk.issue_document(desk.docs_folder().as_deref(), kind, &subject, format, now)
    }

    /// Reprints a document as a duplicate into the documents folder.
    fn reprint_document(desk, now, number: String, format: DocFormat) -> SavedDocument {
        desk.reprint_document(desk.docs_folder().as_deref(), &number, format, now)
    }

    /// Opens a document of the register (its PDF or XLSX in the documents folder) in the viewer.
    fn open_document(desk, now, path: String) -> () { desk.open_document(&path) }

    /// A saved PDF of the register, to print from the window through the system's dialog.
    fn document_pdf(desk, now, path: String) -> PrintablePdf { desk.document_pdf(&path) }

    /// The documents panel of a person card.
    fn family_documents(desk, now, regno: String) -> FamilyDocuments {
        desk.family_documents(desk.docs_folder().as_deref(), &regno)
    }

    /// The register of issued documents, narrowed by words.
    fn document_register(desk, now, query: String, limit: u32) -> RegisterScreen {
        desk.document_register(desk.docs_folder().as_deref(), &query, usize::try_from(limit).unwrap_or(200))
    }

    /// Voids a document with a reason (managers).
    fn void_document(desk, now, number: String, reason: String) -> DocumentRow {
        desk.void_document(&number, &reason, now)
    }

    /// Checks the text of a paper's QR code.
    fn verify_document(desk, now, payload: String) -> VerifyResult { desk.verify_document(&payload) }

    /// The monthly summary (none: the month before this one).
    fn monthly_summary(desk, now, month: Option<String>) -> SummaryScreen {
        desk.monthly_summary(desk.docs_folder().as_deref(), month.as_deref(), now.today)
    }

    /// Closes a month once it is over (managers).
    fn close_month(desk, now, month: String) -> SummaryScreen {
        desk.close_month(desk.docs_folder().as_deref(), &month, now)
    }

    /// Sync as the sidebar and the sync screen show it: the centre, the last sync, what waits.
    fn sync_status(desk, now) -> SyncPanel { desk.sync_status(now) }

    /// Syncs now, in the background: the answer comes at once and says a sync is under way.
    fn sync_now(desk, now) -> SyncPanel { desk.sync_now(now) }

    /// Enrols this office database with its centre by a one-time code (administrators).
    fn enrol_device(desk, now, form: EnrolForm) -> SyncPanel { desk.enrol_device(&form, now) }

    /// Joins an office on a new install and signs its administrator in on this computer.
    fn join_office(desk, now, form: JoinForm) -> SessionInfo { desk.join_office(&form, now) }

    /// The conflicts sync found (resolved ones too when `all`).
    fn sync_conflicts(desk, now, all: bool) -> ConflictsScreen { desk.sync_conflicts(all) }

    /// Resolves a conflict: keep the value, take the other or type the right one, with a reason.
    fn resolve_conflict(
        desk, now, id: Uuid, choice: ConflictChoice, reason: String,
    ) -> ConflictsScreen {
        desk.resolve_conflict(id, &choice, &reason, now)
    }

    /// The review cases sync opened (decided ones too when `all`).
    fn review_cases(desk, now, all: bool) -> CasesScreen { desk.review_cases(all) }

    /// Decides a review case with a reason (managers).
    fn decide_case(desk, now, id: Uuid, decision: CaseDecision, reason: String) -> CasesScreen {
        desk.decide_case(id, decision, &reason, now)
    }

    /// One family paid the same one-time subsidy here and in another office (decided ones
    /// too when `all`).
    fn payment_cases(desk, now, all: bool) -> PaymentCasesScreen { desk.payment_cases(all) }

    /// Decides a payment case with a reason (managers): both payments stand, or one is to be
    /// recovered.
    fn decide_payment_case(
        desk, now, id: Uuid, decision: PaymentDecision, reason: String,
    ) -> PaymentCasesScreen {
        desk.decide_payment_case(id, decision, &reason, now)
    }

    /// Where packets may go and come from: the removable drives, a new file's name, the packets on them.
    fn packet_places(desk, now) -> PacketPlaces { desk.packet_places_in(&Roots::from_env(), now) }

    /// Writes the packet for the centre to a new file (every event it has not acknowledged).
    fn export_packet(desk, now, path: String) -> PacketExported { desk.export_packet(&path, now) }

    /// Imports the centre's packet; `packet_progress` says how far it is meanwhile.
    fn import_packet(desk, now, path: String) -> PacketImported { desk.import_packet(&path, now) }

    /// How far the packet import under way is.
    fn packet_progress(desk, now) -> PacketProgress { Ok::<_, ApiError>(desk.packet_progress()) }

    /// Opens a spreadsheet for import from its name and bytes (base64): its columns and the suggested mapping.
    fn import_open(desk, now, file_name: String, content_base64: String) -> ImportOpened {
        desk.import_open(&file_name, &content_base64)
    }

    /// Reads the open spreadsheet again on another sheet or with its headings in another row.
    fn import_reread(desk, now, sheet: Option<String>, header_row: u32) -> ImportOpened {
        desk.import_reread(sheet, header_row)
    }

    /// The dry run: what importing the open spreadsheet would do, every refused row with why.
    fn import_check(desk, now, setup: ImportSetup) -> ImportOutcome { desk.import_check(&setup, now) }

    /// Imports the open spreadsheet; `import_progress` says how far it is, `import_cancel` stops it.
    fn import_run(desk, now, setup: ImportSetup) -> ImportOutcome { desk.import_run(&setup, now) }

    /// How far the check or import under way is.
    fn import_progress(desk, now) -> ImportProgress { Ok::<_, ApiError>(desk.import_progress()) }

    /// Stops the check or import under way; nothing of a stopped import is written.
    fn import_cancel(desk, now) -> ImportProgress { Ok::<_, ApiError>(desk.import_cancel()) }

    /// Closes the open spreadsheet: the desk forgets it.
    fn import_close(desk, now) -> () { desk.import_close(); Ok::<_, ApiError>(()) }

    /// Saves the rows the last check refused as a spreadsheet in the documents folder.
    fn import_save_refused(desk, now, lang: Lang) -> RefusedRowsFile {
        desk.import_save_refused(lang)
    }

    /// Opens the refused rows' spreadsheet saved last.
    fn import_open_refused(desk, now) -> () { desk.import_open_refused() }

    /// The office settings screen: the office's name, this computer's documents folder and idle lock.
    fn office_settings(desk, now) -> OfficeSettingsScreen { desk.office_settings(now) }

    /// Saves the office settings (administrators).
    fn save_office_settings(desk, now, form: OfficeSettingsForm) -> OfficeSettingsScreen {
        desk.save_office_settings(&form, now)
    }

    /// The backup panel: the last backup (when, where, size), one running, the last failure.
    fn backup_status(desk, now) -> BackupPanel { desk.backup_panel(now) }

    /// Writes a backup now, in the background (administrators and managers).
    fn back_up_now(desk, now) -> BackupPanel { desk.back_up_now(now) }

    /// The users screen: users, their last sign-in and lock, the sign-in log (administrators).
    fn users_screen(desk, now) -> UsersScreen { desk.users_screen(now) }

    /// Adds a user with the password typed twice (administrators).
    fn add_user(desk, now, form: NewUserForm) -> UsersScreen { desk.add_user(&form, now) }

    /// Sets a temporary password for a user on this device (administrators).
    fn reset_password(
        desk, now, login: String, password: String, password_again: String,
    ) -> UsersScreen {
        desk.reset_password(&login, &password, &password_again, now)
    }

    /// Changes the signed-in user's own password (the current one checked).
    fn change_own_password(
        desk, now, current: String, password: String, password_again: String,
    ) -> SessionInfo {
        desk.change_own_password(&current, &password, &password_again, now)
    }

    /// Deactivates or activates a user (administrators; never oneself or the last administrator).
    fn set_user_active(desk, now, login: String, active: bool) -> UsersScreen {
        desk.set_user_active(&login, active, now)
    }

    /// The cases of the same person in two offices (decided ones too when `all`).
    fn cross_cases(desk, now, all: bool) -> CrossCasesScreen { desk.cross_cases(all) }

    /// Decides a case of the same person in two offices, with a reason.
    fn decide_cross_case(
        desk, now, id: Uuid, decision: CrossChoice, reason: String,
    ) -> CrossCasesScreen {
        desk.decide_cross_case(id, decision, &reason, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{desk, now};

    #[test]
    fn a_command_runs_with_its_arguments_and_answers_json() {
        let (_dir, desk) = desk();
        let args = serde_json::json!({ "login": "aigerim", "password": "aigerim-password" });
        let session = dispatch(&desk, "sign_in", args, now()).and_then(Result::ok);
        assert_eq!(session.as_ref().map(|s| s["actor"]["login"].clone()), Some("aigerim".into()));
        assert_eq!(
            session.map(|s| s["permissions"]["may_approve"].clone()),
            Some(false.into()),
            "a clerk approves nothing"
        );
        let home = dispatch(&desk, "home", Value::Null, now()).and_then(Result::ok);
        assert_eq!(home.map(|h| h["home"]["families"].clone()), Some(0.into()));
    }

    #[test]
    fn unknown_commands_and_wrong_arguments_are_told_apart() {
        let (_dir, desk) = desk();
        assert!(dispatch(&desk, "no_such_command", Value::Null, now()).is_none());
        let wrong = dispatch(&desk, "sign_in", serde_json::json!({ "login": 5 }), now());
        assert_eq!(wrong.and_then(Result::err).map(|e| e.code), Some(code::BAD_ARGUMENTS.into()));
    }

    #[test]
    fn every_command_is_in_the_table_once() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
        let mut seen = 0;
        each(|command, _| {
            assert!(!command.doc.is_empty(), "{} is documented", command.name);
            seen += 1;
        });
        assert_eq!(seen, NAMES.len());
    }
}
