// Generated from the Rust of `otau-api` (src/bindings.rs); do not edit.
// Refresh: OTAU_UPDATE_BINDINGS=1 cargo test -p otau-api bindings
// Every command the desktop app answers: its name, its arguments, its answer.
import { call } from "../ipc";
import type { AppInfo } from "./AppInfo";
import type { BackupPanel } from "./BackupPanel";
import type { CaseDecision } from "./CaseDecision";
import type { CasesScreen } from "./CasesScreen";
import type { CaseworkPanel } from "./CaseworkPanel";
import type { CaseworkScreen } from "./CaseworkScreen";
import type { ConflictChoice } from "./ConflictChoice";
import type { ConflictsScreen } from "./ConflictsScreen";
import type { ConsentForm } from "./ConsentForm";
import type { CrossCasesScreen } from "./CrossCasesScreen";
import type { CrossChoice } from "./CrossChoice";
import type { DocFormat } from "./DocFormat";
import type { DocumentRow } from "./DocumentRow";
import type { EndForm } from "./EndForm";
import type { EnrolForm } from "./EnrolForm";
import type { ExtendForm } from "./ExtendForm";
import type { FamilyCheck } from "./FamilyCheck";
import type { FamilyDocuments } from "./FamilyDocuments";
import type { FamilyForm } from "./FamilyForm";
import type { FindResult } from "./FindResult";
import type { HomeScreen } from "./HomeScreen";
import type { IinCheck } from "./IinCheck";
import type { ImportOpened } from "./ImportOpened";
import type { ImportOutcome } from "./ImportOutcome";
import type { ImportProgress } from "./ImportProgress";
import type { ImportSetup } from "./ImportSetup";
import type { InclusionForm } from "./InclusionForm";
import type { IssueKind } from "./IssueKind";
import type { JoinForm } from "./JoinForm";
import type { Lang } from "./Lang";
import type { MemberForm } from "./MemberForm";
import type { NewUserForm } from "./NewUserForm";
import type { OfficeSettingsForm } from "./OfficeSettingsForm";
import type { OfficeSettingsScreen } from "./OfficeSettingsScreen";
import type { PacketExported } from "./PacketExported";
import type { PacketImported } from "./PacketImported";
import type { PacketPlaces } from "./PacketPlaces";
import type { PacketProgress } from "./PacketProgress";
import type { PaymentCasesScreen } from "./PaymentCasesScreen";
import type { PaymentDecision } from "./PaymentDecision";
import type { PaymentsScreen } from "./PaymentsScreen";
import type { PersonCard } from "./PersonCard";
import type { PlanItemForm } from "./PlanItemForm";
import type { PlanItemState } from "./PlanItemState";
import type { PlanScreen } from "./PlanScreen";
import type { PrepareForm } from "./PrepareForm";
import type { PrintablePdf } from "./PrintablePdf";
import type { QuotaForm } from "./QuotaForm";
import type { ReadDate } from "./ReadDate";
import type { Recalculations } from "./Recalculations";
import type { Reference } from "./Reference";
import type { ReferenceData } from "./ReferenceData";
import type { RefusedRowsFile } from "./RefusedRowsFile";
import type { RegisterScreen } from "./RegisterScreen";
import type { Registered } from "./Registered";
import type { SavedDocument } from "./SavedDocument";
import type { SavedExport } from "./SavedExport";
import type { ScanFile } from "./ScanFile";
import type { ServiceForm } from "./ServiceForm";
import type { SessionInfo } from "./SessionInfo";
import type { Sex } from "./Sex";
import type { StatusForm } from "./StatusForm";
import type { StayForm } from "./StayForm";
import type { SubsidyPreview } from "./SubsidyPreview";
import type { SubsidyStatement } from "./SubsidyStatement";
import type { SummaryScreen } from "./SummaryScreen";
import type { SyncPanel } from "./SyncPanel";
import type { UsersScreen } from "./UsersScreen";
import type { VerifyResult } from "./VerifyResult";
import type { WithdrawalForm } from "./WithdrawalForm";

/** The app's version, database, start-up language, idle time and office. */
export function app_info(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** The reference lists (regions, countries) the forms choose from. */
export function reference(): Promise<Reference> {
  return call<Reference>("reference");
}

/** Signs a user in; they are the "who" of every change until sign-out. */
export function sign_in(args: { login: string; password: string }): Promise<SessionInfo> {
  return call<SessionInfo>("sign_in", args);
}

/** Signs a user in with the office secret, asked once of a user who has no key on this */
export function sign_in_with_secret(args: { login: string; password: string; office_secret: string }): Promise<SessionInfo> {
  return call<SessionInfo>("sign_in_with_secret", args);
}

/** The current session, if any (the UI asks after a reload). */
export function session(): Promise<SessionInfo | null> {
  return call<SessionInfo | null>("session");
}

/** Signs out. */
export function sign_out(): Promise<void> {
  return call<void>("sign_out");
}

/** Locks the screen (idle time passed, or the user asked). */
export function lock(): Promise<void> {
  return call<void>("lock");
}

/** Someone is at the keyboard: the desk's idle time starts again (the window says so on input). */
export function still_here(): Promise<void> {
  return call<void>("still_here");
}

/** Unlocks with the same user's password, or signs another user in. */
export function unlock(args: { login: string; password: string }): Promise<SessionInfo> {
  return call<SessionInfo>("unlock", args);
}

/** The home screen: counts, arrivals, statuses ending soon, recent work. */
export function home(): Promise<HomeScreen> {
  return call<HomeScreen>("home");
}

/** Finds persons by any spelling of a name, an IIN or a document number. */
export function find(args: { query: string; limit: number }): Promise<FindResult> {
  return call<FindResult>("find", args);
}

/** Reads a date as typed (`DD.MM.YYYY`, `YYYY-MM-DD`, …). */
export function read_date(args: { text: string }): Promise<ReadDate> {
  return call<ReadDate>("read_date", args);
}

/** Whether a person born on the date typed is a minor today: the form then starts their */
export function is_minor(args: { birth_date: string }): Promise<boolean> {
  return call<boolean>("is_minor", args);
}

/** Checks an IIN and its agreement with the birth date and sex typed so far. */
export function check_iin(args: { iin: string; birth_date: string; sex: Sex | null }): Promise<IinCheck> {
  return call<IinCheck>("check_iin", args);
}

/** Checks a registration form as it stands: problems and likely duplicates. */
export function check_family(args: { form: FamilyForm }): Promise<FamilyCheck> {
  return call<FamilyCheck>("check_family", args);
}

/** Registers a family as the signed-in user. */
export function register_family(args: { form: FamilyForm; allow_duplicates: boolean }): Promise<Registered> {
  return call<Registered>("register_family", args);
}

/** The person card: the person, the family, the history, status and quota. */
export function person_card(args: { regno: string }): Promise<PersonCard> {
  return call<PersonCard>("person_card", args);
}

/** Corrects a person with a reason, as the signed-in user. */
export function edit_person(args: { regno: string; member: MemberForm; base_version: number; reason: string }): Promise<PersonCard> {
  return call<PersonCard>("edit_person", args);
}

/** Records a consent the person gave after registration (or a corrected one). */
export function record_consent(args: { regno: string; form: ConsentForm }): Promise<PersonCard> {
  return call<PersonCard>("record_consent", args);
}

/** Records the withdrawal of the person's consent, received by the signed-in user. */
export function withdraw_consent(args: { regno: string; form: WithdrawalForm }): Promise<PersonCard> {
  return call<PersonCard>("withdraw_consent", args);
}

/** Attaches a scan or photo (base64) to one of the person's documents. */
export function attach_scan(args: { regno: string; document_id: string; file_name: string; content_base64: string }): Promise<PersonCard> {
  return call<PersonCard>("attach_scan", args);
}

/** A scan of a document whole, to be shown. */
export function open_scan(args: { scan_id: string }): Promise<ScanFile> {
  return call<ScanFile>("open_scan", args);
}

/** Takes a scan off the person's card. */
export function remove_scan(args: { scan_id: string }): Promise<PersonCard> {
  return call<PersonCard>("remove_scan", args);
}

/** Saves everything held about the person in one JSON file in the documents folder. */
export function export_person(args: { regno: string }): Promise<SavedExport> {
  return call<SavedExport>("export_person", args);
}

/** The case-work panel of a person card: status, family and quota. */
export function casework_panel(args: { regno: string }): Promise<CaseworkPanel> {
  return call<CaseworkPanel>("casework_panel", args);
}

/** Records stages of a kandas status (for the person or the whole family). */
export function record_status(args: { regno: string; form: StatusForm }): Promise<CaseworkPanel> {
  return call<CaseworkPanel>("record_status", args);
}

/** Extends a kandas status once. */
export function extend_status(args: { regno: string; form: ExtendForm }): Promise<CaseworkPanel> {
  return call<CaseworkPanel>("extend_status", args);
}

/** Ends a kandas status (citizenship or another reason). */
export function end_status(args: { regno: string; form: EndForm }): Promise<CaseworkPanel> {
  return call<CaseworkPanel>("end_status", args);
}

/** Includes the family in the regional quota. */
export function include_in_quota(args: { regno: string; form: InclusionForm }): Promise<CaseworkPanel> {
  return call<CaseworkPanel>("include_in_quota", args);
}

/** The family's adaptation plan, services and stay. */
export function plan_screen(args: { regno: string }): Promise<PlanScreen> {
  return call<PlanScreen>("plan_screen", args);
}

/** Adds a plan item. */
export function add_plan_item(args: { regno: string; form: PlanItemForm }): Promise<PlanScreen> {
  return call<PlanScreen>("add_plan_item", args);
}

/** Changes the state of a plan item. */
export function update_plan_item(args: { regno: string; number: number; state: PlanItemState }): Promise<PlanScreen> {
  return call<PlanScreen>("update_plan_item", args);
}

/** Records a service given to the family. */
export function record_service(args: { regno: string; form: ServiceForm }): Promise<PlanScreen> {
  return call<PlanScreen>("record_service", args);
}

/** Records the family's stay at the centre (its planned end, or that it ended). */
export function set_stay(args: { regno: string; form: StayForm }): Promise<PlanScreen> {
  return call<PlanScreen>("set_stay", args);
}

/** The office-wide case-work screen of a year (none: this year). */
export function casework_screen(args: { year: number | null }): Promise<CaseworkScreen> {
  return call<CaseworkScreen>("casework_screen", args);
}

/** Sets a region's quota for a year (administrators). */
export function set_quota(args: { form: QuotaForm }): Promise<CaseworkScreen> {
  return call<CaseworkScreen>("set_quota", args);
}

/** A family's subsidies: decisions, ledger entries, totals. */
export function subsidy_statement(args: { regno: string }): Promise<SubsidyStatement> {
  return call<SubsidyStatement>("subsidy_statement", args);
}

/** Eligibility and the instalments a form would give; saves nothing. */
export function subsidy_preview(args: { regno: string; form: PrepareForm }): Promise<SubsidyPreview> {
  return call<SubsidyPreview>("subsidy_preview", args);
}

/** Prepares a subsidy decision as the signed-in user. */
export function prepare_subsidy(args: { regno: string; form: PrepareForm }): Promise<SubsidyStatement> {
  return call<SubsidyStatement>("prepare_subsidy", args);
}

/** Approves instalments of a decision (none named: every one awaiting approval). */
export function approve_subsidy(args: { number: string; seqs: Array<number> }): Promise<SubsidyStatement> {
  return call<SubsidyStatement>("approve_subsidy", args);
}

/** Records a payment order for approved instalments. */
export function pay_subsidy(args: { number: string; seqs: Array<number>; order: string; paid_on: string }): Promise<SubsidyStatement> {
  return call<SubsidyStatement>("pay_subsidy", args);
}

/** Reverses unpaid instalments with a reason. */
export function reverse_subsidy(args: { number: string; seqs: Array<number>; reason: string }): Promise<SubsidyStatement> {
  return call<SubsidyStatement>("reverse_subsidy", args);
}

/** Records that the family moved away from the region. */
export function move_away(args: { regno: string; on: string; reason: string }): Promise<SubsidyStatement> {
  return call<SubsidyStatement>("move_away", args);
}

/** The office's payments; an empty month and period mean the current month. */
export function payments(args: { month: string; from: string; to: string }): Promise<PaymentsScreen> {
  return call<PaymentsScreen>("payments", args);
}

/** Applies recalculations (`DECISION/SEQ`; none: every one proposed). */
export function approve_recalc(args: { references: Array<string>; reason: string }): Promise<Recalculations> {
  return call<Recalculations>("approve_recalc", args);
}

/** The MCI table, the subsidy rules and the recalculations they propose. */
export function reference_data(): Promise<ReferenceData> {
  return call<ReferenceData>("reference_data");
}

/** Adds an MCI row (administrators). */
export function add_mci(args: { from: string; purpose: string; tenge: string; note: string }): Promise<ReferenceData> {
  return call<ReferenceData>("add_mci", args);
}

/** Adds subsidy rules from JSON, as `otau rule add --file` (administrators). */
export function add_rules(args: { json: string }): Promise<ReferenceData> {
  return call<ReferenceData>("add_rules", args);
}

/** Issues a document into the documents folder. */
export function issue_document(args: { kind: IssueKind; subject: string; format: DocFormat }): Promise<SavedDocument> {
  return call<SavedDocument>("issue_document", args);
}

/** Reprints a document as a duplicate into the documents folder. */
export function reprint_document(args: { number: string; format: DocFormat }): Promise<SavedDocument> {
  return call<SavedDocument>("reprint_document", args);
}

/** Opens a document of the register (its PDF or XLSX in the documents folder) in the viewer. */
export function open_document(args: { path: string }): Promise<void> {
  return call<void>("open_document", args);
}

/** A saved PDF of the register, to print from the window through the system's dialog. */
export function document_pdf(args: { path: string }): Promise<PrintablePdf> {
  return call<PrintablePdf>("document_pdf", args);
}

/** The documents panel of a person card. */
export function family_documents(args: { regno: string }): Promise<FamilyDocuments> {
  return call<FamilyDocuments>("family_documents", args);
}

/** The register of issued documents, narrowed by words. */
export function document_register(args: { query: string; limit: number }): Promise<RegisterScreen> {
  return call<RegisterScreen>("document_register", args);
}

/** Voids a document with a reason (managers). */
export function void_document(args: { number: string; reason: string }): Promise<DocumentRow> {
  return call<DocumentRow>("void_document", args);
}

/** Checks the text of a paper's QR code. */
export function verify_document(args: { payload: string }): Promise<VerifyResult> {
  return call<VerifyResult>("verify_document", args);
}

/** The monthly summary (none: the month before this one). */
export function monthly_summary(args: { month: string | null }): Promise<SummaryScreen> {
  return call<SummaryScreen>("monthly_summary", args);
}

/** Closes a month once it is over (managers). */
export function close_month(args: { month: string }): Promise<SummaryScreen> {
  return call<SummaryScreen>("close_month", args);
}

/** Sync as the sidebar and the sync screen show it: the centre, the last sync, what waits. */
export function sync_status(): Promise<SyncPanel> {
  return call<SyncPanel>("sync_status");
}

/** Syncs now, in the background: the answer comes at once and says a sync is under way. */
export function sync_now(): Promise<SyncPanel> {
  return call<SyncPanel>("sync_now");
}

/** Enrols this office database with its centre by a one-time code (administrators). */
export function enrol_device(args: { form: EnrolForm }): Promise<SyncPanel> {
  return call<SyncPanel>("enrol_device", args);
}

/** Joins an office on a new install and signs its administrator in on this computer. */
export function join_office(args: { form: JoinForm }): Promise<SessionInfo> {
  return call<SessionInfo>("join_office", args);
}

/** The conflicts sync found (resolved ones too when `all`). */
export function sync_conflicts(args: { all: boolean }): Promise<ConflictsScreen> {
  return call<ConflictsScreen>("sync_conflicts", args);
}

/** Resolves a conflict: keep the value, take the other or type the right one, with a reason. */
export function resolve_conflict(args: { id: string; choice: ConflictChoice; reason: string }): Promise<ConflictsScreen> {
  return call<ConflictsScreen>("resolve_conflict", args);
}

/** The review cases sync opened (decided ones too when `all`). */
export function review_cases(args: { all: boolean }): Promise<CasesScreen> {
  return call<CasesScreen>("review_cases", args);
}

/** Decides a review case with a reason (managers). */
export function decide_case(args: { id: string; decision: CaseDecision; reason: string }): Promise<CasesScreen> {
  return call<CasesScreen>("decide_case", args);
}

/** One family paid the same one-time subsidy here and in another office (decided ones */
export function payment_cases(args: { all: boolean }): Promise<PaymentCasesScreen> {
  return call<PaymentCasesScreen>("payment_cases", args);
}

/** Decides a payment case with a reason (managers): both payments stand, or one is to be */
export function decide_payment_case(args: { id: string; decision: PaymentDecision; reason: string }): Promise<PaymentCasesScreen> {
  return call<PaymentCasesScreen>("decide_payment_case", args);
}

/** Where packets may go and come from: the removable drives, a new file's name, the packets on them. */
export function packet_places(): Promise<PacketPlaces> {
  return call<PacketPlaces>("packet_places");
}

/** Writes the packet for the centre to a new file (every event it has not acknowledged). */
export function export_packet(args: { path: string }): Promise<PacketExported> {
  return call<PacketExported>("export_packet", args);
}

/** Imports the centre's packet; `packet_progress` says how far it is meanwhile. */
export function import_packet(args: { path: string }): Promise<PacketImported> {
  return call<PacketImported>("import_packet", args);
}

/** How far the packet import under way is. */
export function packet_progress(): Promise<PacketProgress> {
  return call<PacketProgress>("packet_progress");
}

/** Opens a spreadsheet for import from its name and bytes (base64): its columns and the suggested mapping. */
export function import_open(args: { file_name: string; content_base64: string }): Promise<ImportOpened> {
  return call<ImportOpened>("import_open", args);
}

/** Reads the open spreadsheet again on another sheet or with its headings in another row. */
export function import_reread(args: { sheet: string | null; header_row: number }): Promise<ImportOpened> {
  return call<ImportOpened>("import_reread", args);
}

/** The dry run: what importing the open spreadsheet would do, every refused row with why. */
export function import_check(args: { setup: ImportSetup }): Promise<ImportOutcome> {
  return call<ImportOutcome>("import_check", args);
}

/** Imports the open spreadsheet; `import_progress` says how far it is, `import_cancel` stops it. */
export function import_run(args: { setup: ImportSetup }): Promise<ImportOutcome> {
  return call<ImportOutcome>("import_run", args);
}

/** How far the check or import under way is. */
export function import_progress(): Promise<ImportProgress> {
  return call<ImportProgress>("import_progress");
}

/** Stops the check or import under way; nothing of a stopped import is written. */
export function import_cancel(): Promise<ImportProgress> {
  return call<ImportProgress>("import_cancel");
}

/** Closes the open spreadsheet: the desk forgets it. */
export function import_close(): Promise<void> {
  return call<void>("import_close");
}

/** Saves the rows the last check refused as a spreadsheet in the documents folder. */
export function import_save_refused(args: { lang: Lang }): Promise<RefusedRowsFile> {
  return call<RefusedRowsFile>("import_save_refused", args);
}

/** Opens the refused rows' spreadsheet saved last. */
export function import_open_refused(): Promise<void> {
  return call<void>("import_open_refused");
}

/** The office settings screen: the office's name, this computer's documents folder and idle lock. */
export function office_settings(): Promise<OfficeSettingsScreen> {
  return call<OfficeSettingsScreen>("office_settings");
}

/** Saves the office settings (administrators). */
export function save_office_settings(args: { form: OfficeSettingsForm }): Promise<OfficeSettingsScreen> {
  return call<OfficeSettingsScreen>("save_office_settings", args);
}

/** The backup panel: the last backup (when, where, size), one running, the last failure. */
export function backup_status(): Promise<BackupPanel> {
  return call<BackupPanel>("backup_status");
}

/** Writes a backup now, in the background (administrators and managers). */
export function back_up_now(): Promise<BackupPanel> {
  return call<BackupPanel>("back_up_now");
}

/** The users screen: users, their last sign-in and lock, the sign-in log (administrators). */
export function users_screen(): Promise<UsersScreen> {
  return call<UsersScreen>("users_screen");
}

/** Adds a user with the password typed twice (administrators). */
export function add_user(args: { form: NewUserForm }): Promise<UsersScreen> {
  return call<UsersScreen>("add_user", args);
}

/** Sets a temporary password for a user on this device (administrators). */
export function reset_password(args: { login: string; password: string; password_again: string }): Promise<UsersScreen> {
  return call<UsersScreen>("reset_password", args);
}

/** Changes the signed-in user's own password (the current one checked). */
export function change_own_password(args: { current: string; password: string; password_again: string }): Promise<SessionInfo> {
  return call<SessionInfo>("change_own_password", args);
}

/** Deactivates or activates a user (administrators; never oneself or the last administrator). */
export function set_user_active(args: { login: string; active: boolean }): Promise<UsersScreen> {
  return call<UsersScreen>("set_user_active", args);
}

/** The cases of the same person in two offices (decided ones too when `all`). */
export function cross_cases(args: { all: boolean }): Promise<CrossCasesScreen> {
  return call<CrossCasesScreen>("cross_cases", args);
}

/** Decides a case of the same person in two offices, with a reason. */
export function decide_cross_case(args: { id: string; decision: CrossChoice; reason: string }): Promise<CrossCasesScreen> {
  return call<CrossCasesScreen>("decide_cross_case", args);
}
