//! The command line's shape: global options and every command, as clap definitions.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Otau: registration, case work and subsidies of kandas families at an adaptation centre.
#[derive(Debug, Parser)]
#[command(name = "otau", version, about, propagate_version = true)]
pub struct Cli {
    /// The office database (default: $OTAU_DB, else the platform's data folder).
    #[arg(long, global = true, env = "OTAU_DB")]
    pub db: Option<PathBuf>,
    /// Print one JSON document instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages and tables: kk (default), ru or en.
    #[arg(long, global = true, env = "OTAU_LANG", default_value = "kk")]
    pub lang: String,
    /// The user acting (commands that change data); the password comes from $OTAU_PASSWORD
    /// or the first line of standard input.
    #[arg(long, global = true)]
    pub user: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a database for an office, with its first administrator.
    Init(InitArgs),
    /// Users of the office.
    #[command(subcommand)]
    User(UserCommand),
    /// Fill the database with realistic demo families.
    Demo(DemoArgs),
    /// Families: register, show.
    #[command(subcommand)]
    Family(FamilyCommand),
    /// Persons: show.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Find persons by any spelling of a name, an IIN or a document number.
    Find(FindArgs),
    /// The history of a person and their family (who changed what, when, before and after);
    /// `otau audit verify` checks the whole audit.
    Audit(AuditArgs),
    /// Identity numbers.
    #[command(subcommand)]
    Iin(IinCommand),
    /// The monthly calculation index.
    #[command(subcommand)]
    Mci(MciCommand),
    /// Subsidies: prepare a decision, approve, pay, reverse, record a move away.
    #[command(subcommand)]
    Subsidy(crate::commands::subsidy_args::SubsidyCommand),
    /// The payment ledger: a family's statement, what is due, awaiting approval, paid, totals.
    #[command(subcommand)]
    Ledger(crate::commands::subsidy_args::LedgerCommand),
    /// Subsidy rules: reference data with validity periods.
    #[command(subcommand)]
    Rule(crate::commands::subsidy_args::RuleCommand),
    /// Recalculations proposed after an MCI row or a rule changed.
    #[command(subcommand)]
    Recalc(crate::commands::subsidy_args::RecalcCommand),
    /// Recompute the search index from the records.
    RebuildIndex,
    /// Check the audit (as `otau audit verify`).
    VerifyAudit,
    /// Kandas status of persons: record, extend, end, show, due, rules.
    #[command(subcommand)]
    Status(crate::commands::casework::StatusCommand),
    /// Regional quota: set, include, show.
    #[command(subcommand)]
    Quota(crate::commands::casework::QuotaCommand),
    /// Individual adaptation and integration plan: add, update, show, stay.
    #[command(subcommand)]
    Plan(crate::commands::casework::PlanCommand),
    /// Services given to families: record, summary, kinds.
    #[command(subcommand)]
    Service(crate::commands::casework::ServiceCommand),
    /// Import families from an office's XLSX or CSV file.
    Import(crate::commands::import::ImportArgs),
    /// Documents: certificates, statements, reprints, the register, voiding, office keys.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Reports: the monthly summary (PDF or XLSX) and closing a month.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Check a document's QR code: valid, tampered, unknown office or voided (exit status 0
    /// only for a valid document).
    Verify(VerifyArgs),
    /// The centre: serve devices, offices, enrolment codes, devices, reference data.
    #[command(subcommand)]
    Centre(crate::commands::centre::CentreCommand),
    /// Sync with the centre: enrol, sync now, status, conflicts and review cases.
    Sync(crate::commands::sync::SyncArgs),
    /// Packets on a stick for a device with no line: write one for the centre, import the
    /// centre's.
    #[command(subcommand)]
    Packet(crate::commands::packet::PacketCommand),
    /// Back up the office database: a checked copy, rotated (administrators and managers).
    Backup(crate::commands::backup::BackupArgs),
    /// Restore the office database from a backup, checked first; the database replaced is
    /// backed up before. Never while the app has the database open.
    Restore(crate::commands::backup::RestoreArgs),
    /// Encryption at rest: the office secret, the recovery code, encrypting an older database.
    #[command(subcommand)]
    Vault(crate::commands::vault::VaultCommand),
    /// The office's document-signing key.
    #[command(subcommand)]
    Key(crate::commands::vault::KeyCommand),
}

/// `otau init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Office code, unique in the country (e.g. PVL01).
    #[arg(long)]
    pub office: String,
    /// Office name.
    #[arg(long)]
    pub office_name: String,
    /// Region code (ISO 3166-2, e.g. KZ-55).
    #[arg(long)]
    pub region: String,
    /// Login of the first administrator (password: $OTAU_PASSWORD or standard input).
    #[arg(long, default_value = "admin")]
    pub admin: String,
    /// Read the office secret (which encrypts the database) from standard input, after the
    /// administrator's password, rather than from $OTAU_OFFICE_SECRET or a prompt.
    #[arg(long)]
    pub secret_stdin: bool,
}

/// `otau user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The new user's password is asked for explicitly: with `--password-stdin`, a
    /// line of standard input (after the acting user's password when $OTAU_PASSWORD is not
    /// set); otherwise typed twice at a terminal. $OTAU_PASSWORD is never the new user's.
    Add {
        /// Login.
        #[arg(long)]
        login: String,
        /// Role: clerk, manager or admin.
        #[arg(long)]
        role: String,
        /// Full name.
        #[arg(long)]
        full_name: Option<String>,
        /// Read the new user's password from a line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password on this device (administrators, or a user their own; the new
    /// password is read from standard input after the acting user's). A device that joined an
    /// office receives its users without passwords: they never travel between devices. Setting
    /// a password ends a lock its failed sign-ins earned.
    Password {
        /// Login.
        login: String,
    },
    /// List users.
    List,
    /// Deactivate a user who left (administrators): they can no longer sign in on any device
    /// of the office. An administrator cannot deactivate themselves or the last administrator.
    Deactivate {
        /// Login.
        login: String,
    },
    /// Activate a deactivated user again (administrators).
    Activate {
        /// Login.
        login: String,
    },
    /// The sign-in attempts on this device, newest first, with their outcome (administrators).
    SignIns {
        /// Only this login's attempts.
        #[arg(long)]
        login: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

/// `otau demo`
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many families (of every office given by `--offices` together).
    #[arg(long, default_value_t = 100, conflicts_with = "persons")]
    pub families: usize,
    /// How many persons instead (whole families are added until there are this many).
    #[arg(long)]
    pub persons: Option<usize>,
    /// Seed of the generator (the same seed gives the same families).
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Years of registration, `2015-2026` or `2026`, spread over their working days up to
    /// today (an office numbers at most 99,999 persons a year). Without it every family is
    /// registered today.
    #[arg(long, value_parser = parse_years)]
    pub years: Option<(i32, i32)>,
    /// The offices the population is spread over, `PVL01,PVL02,…` (this database's among
    /// them): this database gets its office's share, so the same command on each office's
    /// database makes one population whose numbers never collide.
    #[arg(long, value_delimiter = ',')]
    pub offices: Vec<String>,
    /// Case work after registration: kandas statuses, quota inclusions, subsidy decisions.
    #[arg(long)]
    pub casework: bool,
    /// A manager who approves and pays the subsidies (password from
    /// `$OTAU_MANAGER_PASSWORD`); without one they await approval.
    #[arg(long, requires = "casework")]
    pub manager: Option<String>,
}

/// `2015-2026` or `2026`.
fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let year = |t: &str| t.trim().parse::<i32>().map_err(|_| format!("not a year: {t:?}"));
    let (first, last) = match s.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(s)?, year(s)?),
    };
    if !(1992..=2100).contains(&first) || last < first || last > 2100 {
        return Err(format!("not a range of years from 1992: {s:?}"));
    }
    Ok((first, last))
}

/// `otau family …`
#[derive(Debug, Subcommand)]
pub enum FamilyCommand {
    /// Register a family from a JSON file (format: README.md).
    Add {
        /// The family file.
        #[arg(long)]
        file: PathBuf,
        /// Register even if members look like people already registered.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Show a family by the registration number of any member.
    Show {
        /// Registration number.
        regno: String,
    },
}

/// `otau person …`
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Show a person.
    Show {
        /// Registration number.
        regno: String,
    },
    /// Correct a person's record (the fields given; the others stay), with a reason.
    Edit(Box<PersonEditArgs>),
    /// Who looked at a person's card, printed or exported their data, newest first (managers
    /// and administrators).
    Views {
        /// Registration number.
        regno: String,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Record a consent to the processing of personal data given after registration (or a
    /// corrected one): it speaks for the person from now on.
    Consent(Box<ConsentArgs>),
    /// Record the withdrawal of a person's consent, received by the signed-in user.
    WithdrawConsent {
        /// Registration number.
        regno: String,
        /// The day it was withdrawn (YYYY-MM-DD or DD.MM.YYYY).
        #[arg(long)]
        on: String,
        /// How: signed_form (a signed application), eds, or representative.
        #[arg(long, default_value = "signed_form")]
        method: String,
        /// A note (the application's number, …).
        #[arg(long)]
        note: Option<String>,
    },
    /// Attach a scan or photo of a person's identity document (JPEG, PNG or PDF, at most
    /// 4 MB), checked by its content.
    AttachScan {
        /// Registration number.
        regno: String,
        /// The file.
        file: PathBuf,
        /// The id of the document it is a copy of (default: the person's latest document).
        #[arg(long)]
        document: Option<String>,
    },
    /// Everything held about a person in one JSON file (managers and administrators).
    Export {
        /// Registration number.
        regno: String,
        /// The file to write (default: person-REGNO-DATE.json in the current folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
    },
}

/// `otau person consent`: a consent given after registration.
#[derive(Debug, Args)]
pub struct ConsentArgs {
    /// Registration number.
    pub regno: String,
    /// The day it was given (YYYY-MM-DD or DD.MM.YYYY).
    #[arg(long)]
    pub on: String,
    /// The purpose: adaptation, status_and_quota, state_support, employment or other.
    #[arg(long, default_value = "adaptation")]
    pub purpose: String,
    /// The purpose in words (required with --purpose other).
    #[arg(long, default_value = "")]
    pub purpose_text: String,
    /// The last day it holds; without it, until the end of the adaptation programme.
    #[arg(long)]
    pub until: Option<String>,
    /// How it was given: signed_form, eds, or representative.
    #[arg(long, default_value = "signed_form")]
    pub method: String,
}

/// `otau person edit`: the fields to correct.
#[derive(Debug, Args)]
pub struct PersonEditArgs {
    /// Registration number.
    pub regno: String,
    /// Why (kept in the history).
    #[arg(long)]
    pub reason: String,
    /// Surname.
    #[arg(long)]
    pub surname: Option<String>,
    /// Given name.
    #[arg(long)]
    pub given_name: Option<String>,
    /// Patronymic ("" to clear it).
    #[arg(long)]
    pub patronymic: Option<String>,
    /// Surname in Latin letters, exactly as on the document.
    #[arg(long)]
    pub surname_latin: Option<String>,
    /// Given name in Latin letters, exactly as on the document.
    #[arg(long)]
    pub given_name_latin: Option<String>,
    /// IIN.
    #[arg(long)]
    pub iin: Option<String>,
    /// Phone ("" to clear it).
    #[arg(long)]
    pub phone: Option<String>,
    /// E-mail ("" to clear it).
    #[arg(long)]
    pub email: Option<String>,
}

/// `otau find`
#[derive(Debug, Args)]
pub struct FindArgs {
    /// Name (any script), IIN or document number; several words narrow the search.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// `otau audit REGNO` or `otau audit verify`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AuditArgs {
    /// Registration number of the person.
    #[arg(required = true)]
    pub regno: Option<String>,
    /// Check the audit instead.
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
}

/// `otau audit verify`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check that nothing in the database was changed outside Otau: the log's chain, its signed
    /// checkpoints (a cut tail, a rewritten chain), every record against its events and the
    /// search and ledger projections against a rebuild. Each finding says where; the exit
    /// status is 0 only when nothing was found.
    Verify,
}

/// `otau iin …`
#[derive(Debug, Subcommand)]
pub enum IinCommand {
    /// Check an IIN: valid, or which rule it breaks; its birth date and sex.
    Check {
        /// The IIN.
        iin: String,
    },
}

/// `otau mci …`
#[derive(Debug, Subcommand)]
pub enum MciCommand {
    /// The MCI in force on a date, and the table row it comes from.
    At {
        /// Date, YYYY-MM-DD.
        date: String,
        /// Purpose: social_payments (default) or fines_and_other.
        #[arg(long, default_value = "social_payments")]
        purpose: String,
    },
    /// Add an MCI row, or correct one (administrator); lists the recalculations it proposes.
    Add(crate::commands::subsidy_args::MciAddArgs),
}

/// `otau doc …`
#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Issue a family's registration certificate (any member's registration number).
    Certificate {
        /// Registration number.
        regno: String,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
    },
    /// Issue a family's payment statement.
    Statement {
        /// Registration number.
        regno: String,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
    },
    /// Issue a subsidy decision: each instalment with its due date, the MCI applied and the
    /// explanation of its amount.
    Decision {
        /// Decision number.
        number: String,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
    },
    /// Reprint an issued document exactly, marked "ДУБЛИКАТ / DUPLICATE".
    Reprint {
        /// Document number.
        number: String,
        /// The file to write (.pdf; .xlsx for a monthly summary).
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
    },
    /// The register of issued documents, newest first.
    Register {
        /// At most this many lines.
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Void an issued document (managers); it stays in the register with the reason.
    Void {
        /// Document number.
        number: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// This office's public key, for the centre to hand to other offices.
    Key,
    /// Trust another office's public key, so its papers verify here (administrators).
    Trust {
        /// The office's code.
        #[arg(long)]
        office: String,
        /// Its public key, as `otau doc key` prints it (base64url: it may start with `-`).
        #[arg(long, allow_hyphen_values = true)]
        key: String,
        /// Its name.
        #[arg(long)]
        name: Option<String>,
    },
}

/// `otau report …`
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The monthly summary of the office as PDF or XLSX (by the file's extension).
    Monthly {
        /// Month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// The file to write: .pdf or .xlsx.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
    },
    /// Close a month once its summary is approved (managers): its numbers never change again.
    Close {
        /// Month, YYYY-MM.
        #[arg(long)]
        month: String,
    },
}

/// `otau verify`
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["qr", "image"])))]
pub struct VerifyArgs {
    /// The text of the QR code.
    #[arg(long)]
    pub qr: Option<String>,
    /// A scan or photo of the paper (PNG or JPEG).
    #[arg(long)]
    pub image: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_public_key_may_start_with_a_hyphen() {
        let cli = Cli::try_parse_from([
            "otau",
            "doc",
            "trust",
            "--office",
            "PVL01",
            "--key",
            "-Xb9Qk",
            "--name",
            "Павлодар",
        ]);
        let Ok(Cli { command: Command::Doc(DocCommand::Trust { key, .. }), .. }) = cli else {
            panic!("not parsed: {cli:?}");
        };
        assert_eq!(key, "-Xb9Qk");
    }
}
