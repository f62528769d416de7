//! Turning the rows of an office's spreadsheet into families to register: the column mapping,
//! the conversion of each cell, the grouping of rows into families and the validation of each.
//!
//! # Design
//! This is the pure half of an import: it gets a [`Sheet`] (already read from an XLSX or CSV
//! file by the store) and a [`Mapping`], and returns every family it would register and every
//! row it refuses, with the reason. It never looks at the registry: whether a family is already
//! registered is the store's question (`otau_store::import`), asked of these families.
//!
//! - A row is one person. Rows with the same value in the mapping's `family_key` column make one
//!   family, in the order of the file; a blank family key continues the family of the row above
//!   (spreadsheets often merge that cell over a family's rows). Without a `family_key`, every row
//!   is a family of one (its head).
//! - Family fields (arrival date, region, …) are taken from the family's rows, the head's first;
//!   a field without a column, or blank in every row, takes the mapping's default.
//! - A family with one bad row is refused whole, each of its other rows naming the bad one: a
//!   family registered without a member could not be completed by importing the corrected file
//!   again, since the family would then be "already registered".
//! - Spreadsheet programs drop the leading zero of numbers: an IIN of 11 digits (people born
//!   2000–2009) gets its zero back; the check digit and the birth date still have to agree.

use crate::code::{Coded, FieldError};
use crate::model::{
    AccommodationCategory, ConsentInput, ConsentMethod, ConsentPurpose, ConsentTerm, DocumentInput,
    DocumentKind, Education, FamilyInput, MemberInput, NoConsentInput, NoConsentReason, Relation,
    Sex,
};
use crate::regions;
use crate::validate::validate_imported_family;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One cell as read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (CSV cells are always text).
    Text(String),
    /// A whole number (an XLSX number without a fraction).
    Int(i64),
    /// A date (an XLSX cell formatted as a date).
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, trimmed (`""` when empty).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    /// Whether the cell has nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A table read from a file: the header row's names and the data rows after it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sheet {
    /// The column names, as in the header row.
    pub headers: Vec<String>,
    /// The data rows, blank rows left out.
    pub rows: Vec<SheetRow>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    /// The row's number in the file, counting from 1 as a spreadsheet program shows it.
    pub number: usize,
    /// The cells, in the order of the headers.
    pub cells: Vec<Cell>,
}

/// A field of the registry that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// Surname as written.
    Surname,
    /// Given name as written.
    GivenName,
    /// Patronymic as written.
    Patronymic,
    /// Surname in Latin, as on the document.
    SurnameLatin,
    /// Given name in Latin.
    GivenNameLatin,
    /// Patronymic in Latin.
    PatronymicLatin,
    /// Date of birth.
    BirthDate,
    /// Sex.
    Sex,
    /// IIN.
    Iin,
    /// Citizenship.
    Citizenship,
    /// Education.
    Education,
    /// Relation to the head.
    Relation,
    /// Phone.
    Phone,
    /// E-mail.
    Email,
    /// Kind of identity document.
    DocumentKind,
    /// Document number.
    DocumentNumber,
    /// Issuing country of the document.
    DocumentIssuingCountry,
    /// Date of issue.
    DocumentIssuedOn,
    /// Valid until.
    DocumentValidUntil,
    /// Date of consent to personal data processing.
    ConsentGivenOn,
    /// Purpose named in the consent.
    ConsentPurpose,
    /// Family: date of arrival.
    ArrivalDate,
    /// Family: country of origin.
    CountryOfOrigin,
    /// Family: region of settlement.
    Region,
    /// Family: town or village.
    Settlement,
    /// Family: accommodation category.
    AccommodationCategory,
    /// Family: address.
    Address,
}

impl ImportField {
    /// Every field.
    pub const ALL: [ImportField; 27] = [
        ImportField::Surname,
        ImportField::GivenName,
        ImportField::Patronymic,
        ImportField::SurnameLatin,
        ImportField::GivenNameLatin,
        ImportField::PatronymicLatin,
        ImportField::BirthDate,
        ImportField::Sex,
        ImportField::Iin,
        ImportField::Citizenship,
        ImportField::Education,
        ImportField::Relation,
        ImportField::Phone,
        ImportField::Email,
        ImportField::DocumentKind,
        ImportField::DocumentNumber,
        ImportField::DocumentIssuingCountry,
        ImportField::DocumentIssuedOn,
        ImportField::DocumentValidUntil,
        ImportField::ConsentGivenOn,
        ImportField::ConsentPurpose,
        ImportField::ArrivalDate,
        ImportField::CountryOfOrigin,
        ImportField::Region,
        ImportField::Settlement,
        ImportField::AccommodationCategory,
        ImportField::Address,
    ];

    /// The snake_case name, as in a mapping file.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The fields that need a column or a default.
    pub const REQUIRED: [ImportField; 8] = [
        ImportField::Surname,
        ImportField::GivenName,
        ImportField::BirthDate,
        ImportField::Sex,
        ImportField::ArrivalDate,
        ImportField::CountryOfOrigin,
        ImportField::Region,
        ImportField::Settlement,
    ];

    /// The path of the same field in a [`FamilyInput`]'s validation (`document.number`).
    pub fn input_path(self) -> &'static str {
        use ImportField::*;
        match self {
            Surname => "surname",
            GivenName => "given_name",
            Patronymic => "patronymic",
            SurnameLatin => "surname_latin",
            GivenNameLatin => "given_name_latin",
            PatronymicLatin => "patronymic_latin",
            BirthDate => "birth_date",
            Sex => "sex",
            Iin => "iin",
            Citizenship => "citizenship",
            Education => "education",
            Relation => "relation",
            Phone => "phone",
            Email => "email",
            DocumentKind => "document.kind",
            DocumentNumber => "document.number",
            DocumentIssuingCountry => "document.issuing_country",
            DocumentIssuedOn => "document.issued_on",
            DocumentValidUntil => "document.valid_until",
            ConsentGivenOn => "consent.given_on",
            ConsentPurpose => "consent.purpose",
            ArrivalDate => "arrival_date",
            CountryOfOrigin => "country_of_origin",
            Region => "region",
            Settlement => "settlement",
            AccommodationCategory => "accommodation_category",
            Address => "address",
        }
    }

    /// Whether the field is the family's (taken from the head's row first), not each person's.
    pub fn is_family_field(self) -> bool {
        use ImportField::*;
        matches!(
            self,
            ArrivalDate | CountryOfOrigin | Region | Settlement | AccommodationCategory | Address
        )
    }
}

fn one() -> usize {
    1
}

/// How the columns of a file map onto the registry's fields: the mapping file a clerk confirms.
/// The format is this struct's serde form; see `otau_store::import` for a full example.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// XLSX: the sheet to read (default: the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row with the column names, counting from 1 (default 1); data follows it.
    #[serde(default = "one")]
    pub header_row: usize,
    /// CSV: the separator (default: whichever of `;`, `,`, tab the header row has most of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Extra date formats (chrono `strftime`), tried after `YYYY-MM-DD` and `DD.MM.YYYY`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_formats: Vec<String>,
    /// The column whose value groups rows into families (a family number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_key: Option<String>,
    /// Field → column name.
    #[serde(default)]
    pub columns: BTreeMap<ImportField, String>,
    /// Field → (text in the file → value): `{"sex": {"Е": "male", "Ә": "female"}}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<ImportField, BTreeMap<String, String>>,
    /// Field → value used where the file has no column or a blank cell.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defaults: BTreeMap<ImportField, String>,
}

impl Mapping {
    /// Reads a mapping file.
    pub fn from_json(s: &str) -> Result<Mapping, FieldError> {
        serde_json::from_str(s).map_err(|e| {
            FieldError::new("mapping", &ImportProblem::MappingInvalid { detail: e.to_string() })
        })
    }
}

/// A problem with a mapping, a row or a family of an import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    /// The mapping file is not readable.
    #[error("the mapping is not readable: {detail}")]
    MappingInvalid {
        /// What the reader said.
        detail: String,
    },
    /// A column named in the mapping is not in the file.
    #[error("no column {column:?}")]
    ColumnMissing {
        /// The column named.
        column: String,
        /// The columns the file has.
        columns: String,
    },
    /// A field every row needs has neither a column nor a default.
    #[error("{field} has no column and no default")]
    FieldUnmapped {
        /// The field.
        field: String,
    },
    /// Rows are grouped into families but no column says who is the head.
    #[error("grouped rows need a relation column")]
    RelationUnmapped,
    /// The file has no data rows.
    #[error("no data rows")]
    NoRows,
    /// A date cell that is not a date.
    #[error("{value:?} is not a date")]
    BadDate {
        /// The text of the cell.
        value: String,
    },
    /// A value not in the field's list.
    #[error("{value:?} is not one of {allowed}")]
    BadValue {
        /// The text of the cell.
        value: String,
        /// The values allowed.
        allowed: String,
    },
    /// The first data row has no family key.
    #[error("no family key")]
    FamilyKeyMissing,
    /// Another row of the same family is refused.
    #[error("row {row} of the same family is refused")]
    FamilyRefused {
        /// That row.
        row: usize,
    },
    /// The family is already registered.
    #[error("already registered as {regno}")]
    AlreadyRegistered {
        /// The registration number of the person matched.
        regno: String,
        /// Why they match (`same_iin`, `same_document`, `same_name_and_birth_date`).
        reason: String,
    },
    /// Rows of one family disagree on a family field (arrival date, region, …).
    #[error("{value:?} differs from the family's {family_value:?}")]
    FamilyFieldConflict {
        /// This row's value.
        value: String,
        /// The value of the family (from its head's row).
        family_value: String,
    },
    /// The same person appears earlier in the file.
    #[error("the same person as row {row}")]
    RepeatedInFile {
        /// The earlier row.
        row: usize,
    },
    /// A member looks like someone already registered, the head does not.
    #[error("looks like {regno} {name}")]
    LikelyDuplicate {
        /// The person matched.
        regno: String,
        /// Their name.
        name: String,
        /// Why.
        reason: String,
    },
}

impl Coded for ImportProblem {
    fn code(&self) -> &'static str {
        match self {
            ImportProblem::MappingInvalid { .. } => "import-mapping-invalid",
            ImportProblem::ColumnMissing { .. } => "import-column-missing",
            ImportProblem::FieldUnmapped { .. } => "import-field-unmapped",
            ImportProblem::RelationUnmapped => "import-relation-unmapped",
            ImportProblem::NoRows => "import-no-rows",
            ImportProblem::BadDate { .. } => "import-bad-date",
            ImportProblem::BadValue { .. } => "import-bad-value",
            ImportProblem::FamilyKeyMissing => "import-family-key-missing",
            ImportProblem::FamilyRefused { .. } => "import-family-refused",
            ImportProblem::FamilyFieldConflict { .. } => "import-family-field-conflict",
            ImportProblem::AlreadyRegistered { .. } => "import-already-registered",
            ImportProblem::RepeatedInFile { .. } => "import-repeated-in-file",
            ImportProblem::LikelyDuplicate { .. } => "import-likely-duplicate",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let args: Vec<(&str, String)> = match self {
            ImportProblem::MappingInvalid { detail } => vec![("detail", detail.clone())],
            ImportProblem::ColumnMissing { column, columns } => {
                vec![("column", column.clone()), ("columns", columns.clone())]
            }
            ImportProblem::FieldUnmapped { field } => vec![("field", field.clone())],
            ImportProblem::BadDate { value } => vec![("value", value.clone())],
            ImportProblem::BadValue { value, allowed } => {
                vec![("value", value.clone()), ("allowed", allowed.clone())]
            }
            ImportProblem::FamilyRefused { row } | ImportProblem::RepeatedInFile { row } => {
                vec![("row", row.to_string())]
            }
            ImportProblem::FamilyFieldConflict { value, family_value } => {
                vec![("value", value.clone()), ("family_value", family_value.clone())]
            }
            ImportProblem::AlreadyRegistered { regno, reason } => {
                vec![("regno", regno.clone()), ("reason", reason.clone())]
            }
            ImportProblem::LikelyDuplicate { regno, name, reason } => {
                vec![("regno", regno.clone()), ("name", name.clone()), ("reason", reason.clone())]
            }
            ImportProblem::RelationUnmapped
            | ImportProblem::NoRows
            | ImportProblem::FamilyKeyMissing => vec![],
        };
        args.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// One problem of a refused row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The field (`iin`, `document.number`, `arrival_date`), if the problem is one field's.
    pub field: Option<String>,
    /// The column of the file that field comes from, if any.
    pub column: Option<String>,
    /// Message id.
    pub code: String,
    /// Message arguments.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedRow {
    /// Row number in the file.
    pub row: usize,
    /// The family key of the row, if any.
    pub family_key: Option<String>,
    /// Every problem found.
    pub problems: Vec<RowProblem>,
}

/// A family ready to be registered, with the rows it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparedFamily {
    /// Its family key (the row number of a family of one).
    pub key: String,
    /// The rows, in the order of `input.members`.
    pub rows: Vec<usize>,
    /// The family.
    pub input: FamilyInput,
}

/// Which column fills which field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnUse {
    /// The field.
    pub field: ImportField,
    /// The column's name, if the file has one for it.
    pub column: Option<String>,
    /// The default value, if the mapping gives one.
    pub default: Option<String>,
}

/// Everything a sheet gives: the mapping as applied, the families ready, the rows refused.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prepared {
    /// Data rows read.
    pub rows: usize,
    /// The mapping as applied (every mapped or defaulted field).
    pub columns: Vec<ColumnUse>,
    /// The column grouping rows into families.
    pub family_key: Option<String>,
    /// Families that passed every check, in the order of the file.
    pub families: Vec<PreparedFamily>,
    /// Rows refused, in the order of the file.
    pub refused: Vec<RefusedRow>,
}

/// Folds a header or a value for comparing: lowercase, single spaces, ё as е, no trailing dot.
fn fold(s: &str) -> String {
    let s: String = s.trim().to_lowercase().replace('ё', "е");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches('.').trim().to_string()
}

struct Resolved<'m> {
    mapping: &'m Mapping,
    index: BTreeMap<ImportField, usize>,
    family_key: Option<usize>,
}

impl Resolved<'_> {
    /// The cell of a field in a row, if not blank.
    fn cell(&self, row: &SheetRow, field: ImportField) -> Option<Cell> {
        self.index.get(&field).and_then(|&i| row.cells.get(i)).filter(|c| !c.is_blank()).cloned()
    }

    /// The default of a field, if the mapping gives one.
    fn default(&self, field: ImportField) -> Option<Cell> {
        self.mapping
            .defaults
            .get(&field)
            .filter(|v| !v.trim().is_empty())
            .map(|v| Cell::Text(v.clone()))
    }

    fn column(&self, field: ImportField) -> Option<String> {
        self.mapping.columns.get(&field).cloned()
    }
}

/// Checks a mapping against a file's headers: every column named exists, every field a family
/// needs has a column or a default, every default reads. Problems name `columns.FIELD`,
/// `defaults.FIELD`, `family_key` or `FIELD`.
fn resolve<'m>(mapping: &'m Mapping, headers: &[String]) -> Result<Resolved<'m>, Vec<FieldError>> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let find = |name: &str| folded.iter().position(|h| *h == fold(name));
    let columns = headers.join(", ");
    let mut errors = vec![];
    let mut index = BTreeMap::new();
    for (field, column) in &mapping.columns {
        match find(column) {
            Some(i) => {
                index.insert(*field, i);
            }
            None => errors.push(FieldError::new(
                format!("columns.{}", field.name()),
                &ImportProblem::ColumnMissing { column: column.clone(), columns: columns.clone() },
            )),
        }
    }
    let family_key = match &mapping.family_key {
        Some(column) => match find(column) {
            Some(i) => Some(i),
            None => {
                errors.push(FieldError::new(
                    "family_key",
                    &ImportProblem::ColumnMissing { column: column.clone(), columns },
                ));
                None
            }
        },
        None => None,
    };
    use ImportField::*;
    for field in ImportField::REQUIRED {
        if !mapping.columns.contains_key(&field) && !mapping.defaults.contains_key(&field) {
            errors.push(FieldError::new(
                field.name(),
                &ImportProblem::FieldUnmapped { field: field.name() },
            ));
        }
    }
    if mapping.family_key.is_some() && !mapping.columns.contains_key(&Relation) {
        errors.push(FieldError::new("columns.relation", &ImportProblem::RelationUnmapped));
    }
    for (field, value) in &mapping.defaults {
        if let Err(p) = convert(mapping, *field, &Cell::Text(value.clone())) {
            errors.push(FieldError::new(format!("defaults.{}", field.name()), &p));
        }
    }
    if errors.is_empty() {
        Ok(Resolved { mapping, index, family_key })
    } else {
        Err(errors)
    }
}

/// A converted value.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Date(NaiveDate),
    Sex(Sex),
    Relation(Relation),
    Education(Education),
    DocumentKind(DocumentKind),
    Category(AccommodationCategory),
}

impl Value {
    /// The value as a clerk would write it, for messages.
    fn text(&self) -> String {
        fn name<T: Serialize>(v: &T) -> String {
            serde_json::to_value(v)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }
        match self {
            Value::Text(s) => s.clone(),
            Value::Date(d) => d.to_string(),
            Value::Sex(v) => name(v),
            Value::Relation(v) => name(v),
            Value::Education(v) => name(v),
            Value::DocumentKind(v) => name(v),
            Value::Category(v) => name(v),
        }
    }
}

fn convert(mapping: &Mapping, field: ImportField, cell: &Cell) -> Result<Value, ImportProblem> {
    use ImportField::*;
    let user = |text: &str| -> Option<String> {
        mapping.values.get(&field).and_then(|table| {
            table.iter().find(|(k, _)| fold(k) == fold(text)).map(|(_, v)| v.clone())
        })
    };
    Ok(match field {
        BirthDate | DocumentIssuedOn | DocumentValidUntil | ConsentGivenOn | ArrivalDate => {
            Value::Date(parse_date(cell, &mapping.date_formats)?)
        }
        Sex => Value::Sex(list_value(&cell.text(), user(&cell.text()), SEX)?),
        Relation => Value::Relation(list_value(&cell.text(), user(&cell.text()), RELATION)?),
        Education => Value::Education(list_value(&cell.text(), user(&cell.text()), EDUCATION)?),
        DocumentKind => {
            Value::DocumentKind(list_value(&cell.text(), user(&cell.text()), DOCUMENT_KIND)?)
        }
        AccommodationCategory => {
            Value::Category(list_value(&cell.text(), user(&cell.text()), CATEGORY)?)
        }
        Iin => Value::Text(iin_text(cell)),
        CountryOfOrigin | Citizenship | DocumentIssuingCountry => {
            let text = user(&cell.text()).unwrap_or_else(|| cell.text());
            Value::Text(country_code(&text))
        }
        Region => {
            let text = user(&cell.text()).unwrap_or_else(|| cell.text());
            Value::Text(region_code(&text))
        }
        _ => Value::Text(user(&cell.text()).unwrap_or_else(|| cell.text())),
    })
}

/// Reads a date cell: a date, an Excel day number, or text as `YYYY-MM-DD`, `DD.MM.YYYY`,
/// `DD/MM/YYYY`, `DD-MM-YYYY`, then the mapping's own formats.
fn parse_date(cell: &Cell, formats: &[String]) -> Result<NaiveDate, ImportProblem> {
    match cell {
        Cell::Date(d) => Ok(*d),
        // Excel's day numbers (1900 date system) count from 30.12.1899 for every date after
        // 28.02.1900.
        Cell::Int(n) if (61..=2_958_465).contains(n) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(Days::new(*n as u64)))
            .ok_or(ImportProblem::BadDate { value: n.to_string() }),
        other => {
            let text = other.text();
            // "2026-09-14 00:00:00" from a program that writes dates with a time.
            let date_part = text.split([' ', 'T']).next().unwrap_or_default();
            ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"]
                .iter()
                .map(|f| f.to_string())
                .chain(formats.iter().cloned())
                .find_map(|f| {
                    NaiveDate::parse_from_str(date_part, &f)
                        .or_else(|_| NaiveDate::parse_from_str(&text, &f))
                        .ok()
                })
                // `%Y` reads "26" as the year 26: a two-digit year is refused, not guessed.
                .filter(|d| d.year() >= 1800)
                .ok_or(ImportProblem::BadDate { value: text })
        }
    }
}

fn iin_text(cell: &Cell) -> String {
    let digits: String = cell.text().chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 11 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{digits}")
    } else {
        digits
    }
}

/// A country code, or the code of a country written by name in any of the three languages.
fn country_code(text: &str) -> String {
    let f = fold(text);
    regions::COUNTRIES
        .iter()
        .find(|c| [c.name_kk, c.name_ru, c.name_en].iter().any(|n| fold(n) == f))
        .map(|c| c.code.to_string())
        .unwrap_or_else(|| text.trim().to_uppercase())
}

/// A region code, or the code of a region written by name (with or without "облысы",
/// "область", "Region").
fn region_code(text: &str) -> String {
    let strip = |s: &str| -> String {
        let f = fold(s);
        ["облысы", "область", "region", "обл"]
            .iter()
            .fold(f, |acc, w| acc.split(' ').filter(|p| p != w).collect::<Vec<_>>().join(" "))
    };
    let wanted = strip(text);
    regions::REGIONS
        .iter()
        .find(|r| [r.name_kk, r.name_ru, r.name_en].iter().any(|n| strip(n) == wanted))
        .map(|r| r.code.to_string())
        .unwrap_or_else(|| text.trim().to_uppercase())
}

type Synonyms<T> = &'static [(T, &'static [&'static str])];

const SEX: Synonyms<Sex> = &[
    (Sex::Male, &["male", "m", "м", "е", "ер", "еркек", "муж", "мужской", "мужчина", "man"]),
    (Sex::Female, &["female", "f", "ж", "ә", "әйел", "жен", "женский", "женщина", "woman"]),
];

const RELATION: Synonyms<Relation> = &[
    (
        Relation::Head,
        &["head", "басшы", "басшысы", "отбасы басшысы", "глава", "глава семьи", "заявитель"],
    ),
    (
        Relation::Spouse,
        &[
            "spouse",
            "wife",
            "husband",
            "жұбайы",
            "зайыбы",
            "әйелі",
            "күйеуі",
            "супруг",
            "супруга",
            "жена",
            "муж",
        ],
    ),
    (
        Relation::Child,
        &["child", "son", "daughter", "бала", "баласы", "ұлы", "қызы", "сын", "дочь", "ребенок"],
    ),
    (
        Relation::Parent,
        &["parent", "father", "mother", "әкесі", "анасы", "ата-анасы", "отец", "мать"],
    ),
    (
        Relation::Sibling,
        &[
            "sibling",
            "brother",
            "sister",
            "бауыры",
            "ағасы",
            "інісі",
            "әпкесі",
            "қарындасы",
            "сіңлісі",
            "брат",
            "сестра",
        ],
    ),
    (Relation::Grandchild, &["grandchild", "немересі", "шөбересі", "внук", "внучка"]),
    (Relation::Grandparent, &["grandparent", "атасы", "әжесі", "дедушка", "бабушка"]),
    (
        Relation::ChildInLaw,
        &["child_in_law", "келіні", "күйеу баласы", "невестка", "сноха", "зять"],
    ),
    (
        Relation::OtherRelative,
        &["other_relative", "туысы", "басқа туысы", "родственник", "другой родственник"],
    ),
];

const EDUCATION: Synonyms<Education> = &[
    (Education::Higher, &["higher", "жоғары", "высшее"]),
    (
        Education::SecondaryVocational,
        &[
            "secondary_vocational",
            "орта кәсіптік",
            "техникалық және кәсіптік",
            "среднее специальное",
            "средне-специальное",
            "среднее профессиональное",
            "колледж",
        ],
    ),
    (
        Education::GeneralSecondary,
        &["general_secondary", "орта", "жалпы орта", "среднее", "общее среднее", "school"],
    ),
    (Education::None, &["none", "жоқ", "білімі жоқ", "нет", "без образования"]),
];

const DOCUMENT_KIND: Synonyms<DocumentKind> = &[
    (
        DocumentKind::Passport,
        &["passport", "паспорт", "төлқұжат", "шетелдік паспорт", "загранпаспорт"],
    ),
    (
        DocumentKind::BirthCertificate,
        &["birth_certificate", "туу туралы куәлік", "свидетельство о рождении", "свид. о рождении"],
    ),
    (DocumentKind::IdCard, &["id_card", "жеке куәлік", "удостоверение личности", "удостоверение"]),
    (
        DocumentKind::ResidencePermit,
        &["residence_permit", "ықтиярхат", "тұруға ықтиярхат", "вид на жительство"],
    ),
    (
        DocumentKind::StatelessCertificate,
        &[
            "stateless_certificate",
            "азаматтығы жоқ адамның куәлігі",
            "удостоверение лица без гражданства",
        ],
    ),
    (DocumentKind::Other, &["other", "басқа", "другой", "иной"]),
];

const CATEGORY: Synonyms<AccommodationCategory> = &[
    (AccommodationCategory::EmployerRequest, &["employer_request"]),
    (AccommodationCategory::FamilyReunification, &["family_reunification"]),
    (AccommodationCategory::RegionInvites, &["region_invites"]),
    (AccommodationCategory::GovernmentRegion, &["government_region"]),
];

/// A list value: the mapping's own translation first, then the built-in words (Kazakh, Russian,
/// English and the snake_case names).
fn list_value<T: Copy + Serialize + serde::de::DeserializeOwned>(
    text: &str,
    user: Option<String>,
    synonyms: Synonyms<T>,
) -> Result<T, ImportProblem> {
    let bad = || ImportProblem::BadValue {
        value: text.trim().to_string(),
        allowed: synonyms.iter().map(|(_, words)| words[0]).collect::<Vec<_>>().join(", "),
    };
    if let Some(v) = user {
        return serde_json::from_value(serde_json::Value::String(v.trim().to_string()))
            .map_err(|_| bad());
    }
    let f = fold(text).replace(['-', ' '], "_");
    let g = fold(text);
    synonyms
        .iter()
        .find(|(_, words)| {
            words.iter().any(|w| fold(w) == g || fold(w).replace(['-', ' '], "_") == f)
        })
        .map(|(v, _)| *v)
        .ok_or_else(bad)
}

/// One row converted: the member, the family fields it carries, and its problems.
struct ConvertedRow {
    member: Option<MemberInput>,
    family: BTreeMap<ImportField, Value>,
    problems: Vec<RowProblem>,
}

fn convert_row(r: &Resolved<'_>, row: &SheetRow, grouped: bool) -> ConvertedRow {
    let mut problems = vec![];
    let mut values: BTreeMap<ImportField, Value> = BTreeMap::new();
    for field in ImportField::ALL {
        // A family field's default is applied to the family, after its rows are compared.
        let cell = match field.is_family_field() {
            true => r.cell(row, field),
            false => r.cell(row, field).or_else(|| r.default(field)),
        };
        let Some(cell) = cell else { continue };
        match convert(r.mapping, field, &cell) {
            Ok(v) => {
                values.insert(field, v);
            }
            Err(p) => problems.push(RowProblem {
                field: Some(field.input_path().to_string()),
                column: r.column(field),
                code: p.code().to_string(),
                args: p.args(),
            }),
        }
    }
    let mut family = BTreeMap::new();
    let mut text = |f: ImportField| match values.remove(&f) {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    };
    let surname = text(ImportField::Surname).unwrap_or_default();
    let given_name = text(ImportField::GivenName).unwrap_or_default();
    let patronymic = text(ImportField::Patronymic);
    let surname_latin = text(ImportField::SurnameLatin);
    let given_name_latin = text(ImportField::GivenNameLatin);
    let patronymic_latin = text(ImportField::PatronymicLatin);
    let iin = text(ImportField::Iin);
    let citizenship = text(ImportField::Citizenship);
    let phone = text(ImportField::Phone);
    let email = text(ImportField::Email);
    let document_number = text(ImportField::DocumentNumber);
    let document_country = text(ImportField::DocumentIssuingCountry);
    let consent_purpose = text(ImportField::ConsentPurpose);
    let date = |values: &mut BTreeMap<ImportField, Value>, f| match values.remove(&f) {
        Some(Value::Date(d)) => Some(d),
        _ => None,
    };
    let birth_date = date(&mut values, ImportField::BirthDate);
    let issued_on = date(&mut values, ImportField::DocumentIssuedOn);
    let valid_until = date(&mut values, ImportField::DocumentValidUntil);
    let consent_on = date(&mut values, ImportField::ConsentGivenOn);
    let sex = match values.remove(&ImportField::Sex) {
        Some(Value::Sex(s)) => Some(s),
        _ => None,
    };
    let relation = match values.remove(&ImportField::Relation) {
        Some(Value::Relation(x)) => Some(x),
        _ => None,
    };
    let education = match values.remove(&ImportField::Education) {
        Some(Value::Education(x)) => Some(x),
        _ => None,
    };
    let document_kind = match values.remove(&ImportField::DocumentKind) {
        Some(Value::DocumentKind(x)) => Some(x),
        _ => None,
    };
    for (field, value) in values {
        if field.is_family_field() {
            family.insert(field, value);
        }
    }
    // Required member fields that are blank with no default.
    let mut missing = |field: ImportField, blank: bool| {
        if blank && !problems.iter().any(|p| p.field.as_deref() == Some(field.input_path())) {
            problems.push(RowProblem {
                field: Some(field.input_path().to_string()),
                column: r.column(field),
                code: "value-required".to_string(),
                args: BTreeMap::new(),
            });
        }
    };
    missing(ImportField::BirthDate, birth_date.is_none());
    missing(ImportField::Sex, sex.is_none());
    if grouped {
        missing(ImportField::Relation, relation.is_none());
    }
    let member = match (birth_date, sex) {
        (Some(birth_date), Some(sex)) => Some(MemberInput {
            relation: relation.unwrap_or(Relation::Head),
            surname,
            given_name,
            patronymic,
            surname_latin,
            given_name_latin,
            patronymic_latin,
            birth_date,
            sex,
            iin,
            citizenship,
            education,
            document: document_number.map(|number| DocumentInput {
                kind: document_kind.unwrap_or(DocumentKind::Other),
                number,
                issuing_country: document_country.unwrap_or_default(),
                issued_on,
                valid_until,
            }),
            phone,
            email,
            // A list kept before consent was required has no consent columns: each person's
            // consent is recorded as still to be collected, and the card says so.
            no_consent: consent_on.is_none().then_some(NoConsentInput {
                reason: NoConsentReason::ToCollect,
                covered_by: None,
                note: None,
            }),
            consent: consent_on.map(|given_on| ConsentInput {
                given_on,
                purpose_code: ConsentPurpose::Adaptation,
                purpose: consent_purpose.unwrap_or_default(),
                term: ConsentTerm::ProgrammeEnd,
                valid_until: None,
                method: ConsentMethod::SignedForm,
            }),
        }),
        _ => None,
    };
    ConvertedRow { member, family, problems }
}

/// Prepares a sheet for import on `today`: checks the mapping against the headers (an error
/// there refuses the whole file), converts every row, groups rows into families, validates each
/// family with [`validate_imported_family`], and returns the families ready and the rows refused.
pub fn prepare(
    sheet: &Sheet,
    mapping: &Mapping,
    today: NaiveDate,
) -> Result<Prepared, Vec<FieldError>> {
    let resolved = resolve(mapping, &sheet.headers)?;
    if sheet.rows.is_empty() {
        return Err(vec![FieldError::new("file", &ImportProblem::NoRows)]);
    }
    let grouped = resolved.family_key.is_some();
    let family_defaults: BTreeMap<ImportField, Value> = ImportField::ALL
        .iter()
        .filter(|f| f.is_family_field())
        .filter_map(|f| {
            let cell = resolved.default(*f)?;
            convert(mapping, *f, &cell).ok().map(|v| (*f, v))
        })
        .collect();
    let mut columns: Vec<ColumnUse> = ImportField::ALL
        .iter()
        .filter(|f| mapping.columns.contains_key(f) || mapping.defaults.contains_key(f))
        .map(|f| ColumnUse {
            field: *f,
            column: mapping.columns.get(f).cloned(),
            default: mapping.defaults.get(f).cloned(),
        })
        .collect();
    columns.sort_by_key(|c| c.field);

    // Group rows by family key, in the order of first appearance.
    let mut order: Vec<String> = vec![];
    let mut groups: HashMap<String, Vec<&SheetRow>> = HashMap::new();
    let mut refused: BTreeMap<usize, RefusedRow> = BTreeMap::new();
    let mut current: Option<String> = None;
    for row in &sheet.rows {
        let key = match resolved.family_key {
            Some(i) => {
                let cell = row.cells.get(i).cloned().unwrap_or(Cell::Empty);
                if cell.is_blank() {
                    current.clone()
                } else {
                    Some(cell.text())
                }
            }
            None => Some(format!("#{}", row.number)),
        };
        let Some(key) = key else {
            refused.insert(
                row.number,
                RefusedRow {
                    row: row.number,
                    family_key: None,
                    problems: vec![RowProblem {
                        field: None,
                        column: mapping.family_key.clone(),
                        code: ImportProblem::FamilyKeyMissing.code().to_string(),
                        args: BTreeMap::new(),
                    }],
                },
            );
            continue;
        };
        current = Some(key.clone());
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(row);
    }

    let mut families = vec![];
    for key in order {
        let rows = groups.remove(&key).unwrap_or_default();
        let family_key = grouped.then(|| key.clone());
        let converted: Vec<ConvertedRow> =
            rows.iter().map(|row| convert_row(&resolved, row, grouped)).collect();
        // The head's row first, so the family's fields come from it.
        let mut idx: Vec<usize> = (0..rows.len()).collect();
        idx.sort_by_key(|&i| {
            converted[i].member.as_ref().map(|m| m.relation != Relation::Head).unwrap_or(true)
        });
        // A family field comes from the first row that has it (the head's first); a row that
        // says otherwise is refused rather than silently overruled.
        let mut family_values: BTreeMap<ImportField, &Value> = BTreeMap::new();
        let mut conflicts: BTreeMap<usize, Vec<RowProblem>> = BTreeMap::new();
        for &i in &idx {
            for (f, v) in &converted[i].family {
                match family_values.get(f) {
                    None => {
                        family_values.insert(*f, v);
                    }
                    Some(first) if *first != v => {
                        conflicts.entry(i).or_default().push(RowProblem {
                            field: Some(f.input_path().to_string()),
                            column: resolved.column(*f),
                            code: ImportProblem::FamilyFieldConflict {
                                value: v.text(),
                                family_value: first.text(),
                            }
                            .code()
                            .to_string(),
                            args: ImportProblem::FamilyFieldConflict {
                                value: v.text(),
                                family_value: first.text(),
                            }
                            .args(),
                        });
                    }
                    Some(_) => {}
                }
            }
        }
        for (f, v) in &family_defaults {
            family_values.entry(*f).or_insert(v);
        }
        let mut bad: Vec<(usize, Vec<RowProblem>)> = converted
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                !c.problems.is_empty() || c.member.is_none() || conflicts.contains_key(i)
            })
            .map(|(i, c)| {
                let mut ps = c.problems.clone();
                ps.extend(conflicts.get(&i).cloned().unwrap_or_default());
                (i, ps)
            })
            .collect();
        let members: Vec<MemberInput> = converted.iter().filter_map(|c| c.member.clone()).collect();
        let text = |f: ImportField| match family_values.get(&f) {
            Some(Value::Text(s)) => s.clone(),
            _ => String::new(),
        };
        let input = FamilyInput {
            arrival_date: match family_values.get(&ImportField::ArrivalDate) {
                Some(Value::Date(d)) => *d,
                _ => NaiveDate::MIN,
            },
            country_of_origin: text(ImportField::CountryOfOrigin),
            region: text(ImportField::Region),
            settlement: text(ImportField::Settlement),
            accommodation_category: match family_values.get(&ImportField::AccommodationCategory) {
                Some(Value::Category(c)) => Some(*c),
                _ => None,
            },
            address: Some(text(ImportField::Address)).filter(|s| !s.is_empty()),
            members,
        };
        let head_row = idx.first().copied().unwrap_or(0);
        if bad.is_empty() {
            let mut input = input;
            // A document's issuing country defaults to the family's country of origin.
            for m in &mut input.members {
                if let Some(d) = m.document.as_mut().filter(|d| d.issuing_country.is_empty()) {
                    d.issuing_country = input.country_of_origin.clone();
                }
            }
            if input.arrival_date == NaiveDate::MIN {
                bad.push((
                    head_row,
                    vec![problem_for(&resolved, "arrival_date", "value-required", BTreeMap::new())],
                ));
            } else if let Err(errors) = validate_imported_family(&input, today) {
                for e in errors {
                    let (member, path) = split_member_path(&e.field);
                    let i = member.unwrap_or(head_row);
                    let p = problem_for(&resolved, &path, &e.code, e.args.clone());
                    match bad.iter_mut().find(|(j, _)| *j == i) {
                        Some((_, ps)) => ps.push(p),
                        None => bad.push((i, vec![p])),
                    }
                }
            } else {
                families.push(PreparedFamily {
                    key: key.clone(),
                    rows: rows.iter().map(|r| r.number).collect(),
                    input,
                });
                continue;
            }
        }
        bad.sort_by_key(|(i, _)| *i);
        let first_bad = rows[bad[0].0].number;
        for (i, row) in rows.iter().enumerate() {
            let problems = match bad.iter().find(|(j, _)| *j == i) {
                Some((_, ps)) => ps.clone(),
                None => vec![RowProblem {
                    field: None,
                    column: None,
                    code: ImportProblem::FamilyRefused { row: first_bad }.code().to_string(),
                    args: ImportProblem::FamilyRefused { row: first_bad }.args(),
                }],
            };
            refused.insert(
                row.number,
                RefusedRow { row: row.number, family_key: family_key.clone(), problems },
            );
        }
    }
    Ok(Prepared {
        rows: sheet.rows.len(),
        columns,
        family_key: mapping.family_key.clone(),
        families,
        refused: refused.into_values().collect(),
    })
}

/// `members[2].document.number` → (Some(2), "document.number"); `region` → (None, "region").
fn split_member_path(path: &str) -> (Option<usize>, String) {
    if let Some(rest) = path.strip_prefix("members[") {
        if let Some((n, tail)) = rest.split_once(']') {
            return (n.parse().ok(), tail.trim_start_matches('.').to_string());
        }
    }
    (None, path.to_string())
}

fn problem_for(
    r: &Resolved<'_>,
    path: &str,
    code: &str,
    args: BTreeMap<String, String>,
) -> RowProblem {
    let field = ImportField::ALL.iter().find(|f| f.input_path() == path).copied();
    RowProblem {
        field: Some(path.to_string()),
        column: field.and_then(|f| r.column(f)),
        code: code.to_string(),
        args,
    }
}

/// Column names a mapping is proposed from (folded), per field: Kazakh, Russian and English.
const HEADER_WORDS: &[(ImportField, &[&str])] = &[
    (ImportField::Surname, &["тегі", "фамилия", "surname", "last name"]),
    (ImportField::GivenName, &["аты", "имя", "given name", "first name", "name"]),
    (
        ImportField::Patronymic,
        &["әкесінің аты", "әкесінің аты (бар болса)", "отчество", "patronymic"],
    ),
    (
        ImportField::SurnameLatin,
        &["тегі (латын)", "тегі латынша", "фамилия (лат)", "фамилия латиницей", "surname (latin)"],
    ),
    (
        ImportField::GivenNameLatin,
        &["аты (латын)", "аты латынша", "имя (лат)", "имя латиницей", "given name (latin)"],
    ),
    (
        ImportField::PatronymicLatin,
        &["әкесінің аты (латын)", "отчество (лат)", "patronymic (latin)"],
    ),
    (
        ImportField::BirthDate,
        &["туған күні", "туған күні мен жылы", "дата рождения", "birth date", "date of birth"],
    ),
    (ImportField::Sex, &["жынысы", "пол", "sex", "gender"]),
    (ImportField::Iin, &["жсн", "иин", "iin"]),
    (ImportField::Citizenship, &["азаматтығы", "гражданство", "citizenship"]),
    (ImportField::Education, &["білімі", "образование", "education"]),
    (
        ImportField::Relation,
        &["туыстығы", "туыстық қатынасы", "родство", "степень родства", "relation"],
    ),
    (ImportField::Phone, &["телефон", "телефоны", "phone"]),
    (ImportField::Email, &["email", "e-mail", "электрондық пошта", "эл. почта"]),
    (ImportField::DocumentKind, &["құжат түрі", "вид документа", "тип документа", "document type"]),
    (
        ImportField::DocumentNumber,
        &["құжат нөмірі", "номер документа", "document number", "паспорт №", "№ паспорта"],
    ),
    (
        ImportField::DocumentIssuingCountry,
        &["құжатты берген ел", "страна выдачи", "issuing country"],
    ),
    (ImportField::DocumentIssuedOn, &["берілген күні", "дата выдачи", "date of issue"]),
    (
        ImportField::DocumentValidUntil,
        &["жарамдылық мерзімі", "действителен до", "срок действия", "valid until"],
    ),
    (
        ImportField::ArrivalDate,
        &["келген күні", "дата прибытия", "arrival date", "date of arrival"],
    ),
    (
        ImportField::CountryOfOrigin,
        &["шыққан елі", "келген елі", "страна исхода", "страна прибытия", "country of origin"],
    ),
    (ImportField::Region, &["өңір", "облыс", "регион", "область", "region"]),
    (ImportField::Settlement, &["елді мекен", "населенный пункт", "settlement", "town"]),
    (
        ImportField::AccommodationCategory,
        &["қоныстандыру санаты", "категория расселения", "accommodation category"],
    ),
    (ImportField::Address, &["мекенжайы", "мекенжай", "адрес", "address"]),
];

const FAMILY_KEY_WORDS: &[&str] = &[
    "отбасы №",
    "отбасы нөмірі",
    "отбасы",
    "№ семьи",
    "номер семьи",
    "семья",
    "family",
    "family no",
    "family number",
];

/// Proposes a mapping from a file's column names (Kazakh, Russian or English headings), for a
/// clerk to check and confirm. Columns it does not recognise are left out.
pub fn suggest_mapping(headers: &[String]) -> Mapping {
    let mut mapping = Mapping { header_row: 1, ..Mapping::default() };
    for h in headers {
        let f = fold(h);
        if mapping.family_key.is_none() && FAMILY_KEY_WORDS.iter().any(|w| fold(w) == f) {
            mapping.family_key = Some(h.clone());
            continue;
        }
        if let Some((field, _)) =
            HEADER_WORDS.iter().find(|(_, words)| words.iter().any(|w| fold(w) == f))
        {
            mapping.columns.entry(*field).or_insert_with(|| h.clone());
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }

    const HEADERS: [&str; 9] = [
        "Отбасы №",
        "Тегі",
        "Аты",
        "Туған күні",
        "Жынысы",
        "ЖСН",
        "Туыстығы",
        "Құжат нөмірі",
        "Құжат түрі",
    ];

    fn sheet(rows: &[[&str; 9]]) -> Sheet {
        Sheet {
            headers: HEADERS.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| SheetRow { number: i + 2, cells: r.iter().map(|s| t(s)).collect() })
                .collect(),
        }
    }

    fn mapping() -> Mapping {
        let mut m = suggest_mapping(&HEADERS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        m.defaults = BTreeMap::from([
            (ImportField::ArrivalDate, "14.09.2026".into()),
            (ImportField::CountryOfOrigin, "Өзбекстан".into()),
            (ImportField::Region, "Павлодар облысы".into()),
            (ImportField::Settlement, "Павлодар".into()),
        ]);
        m
    }

    fn today() -> NaiveDate {
        d("2026-11-25")
    }

    #[test]
    fn a_mapping_is_proposed_from_kazakh_headings() {
        let m = mapping();
        assert_eq!(m.family_key.as_deref(), Some("Отбасы №"));
        assert_eq!(m.columns.get(&ImportField::Surname).map(String::as_str), Some("Тегі"));
        assert_eq!(m.columns.get(&ImportField::Iin).map(String::as_str), Some("ЖСН"));
        assert_eq!(m.columns.len(), 8);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(Mapping::from_json(&json).unwrap(), m);
    }

    #[test]
    fn rows_group_into_families_with_their_fields_and_names_in_any_language() {
        let s = sheet(&[
            [
                "1",
                "Сейітқали",
                "Нұрсұлтан",
                "12.04.1985",
                "ер",
                "850412310211",
                "басшысы",
                "FA2233445",
                "паспорт",
            ],
            ["", "Сейітқали", "Әлия", "1988-11-03", "әйел", "", "жұбайы", "FA2233446", "паспорт"],
            ["2", "Омаров", "Бақыт", "1970-01-05", "М", "", "глава", "", ""],
        ]);
        let p = prepare(&s, &mapping(), today()).expect("prepared");
        assert_eq!(p.refused, vec![]);
        assert_eq!(p.families.len(), 2);
        let f = &p.families[0];
        assert_eq!(f.rows, [2, 3]);
        assert_eq!(f.input.region, "KZ-55");
        assert_eq!(f.input.country_of_origin, "UZ");
        assert_eq!(f.input.arrival_date, d("2026-09-14"));
        assert_eq!(f.input.members[1].relation, Relation::Spouse);
        let doc = f.input.members[0].document.as_ref().unwrap();
        assert_eq!((doc.kind, doc.issuing_country.as_str()), (DocumentKind::Passport, "UZ"));
        assert_eq!(p.families[1].input.members[0].sex, Sex::Male);
    }

    #[test]
    fn a_bad_row_refuses_its_family_and_names_the_column() {
        let s = sheet(&[
            ["1", "Сейітқали", "Нұрсұлтан", "1985-04-12", "ер", "850412310212", "басшысы", "", ""],
            ["1", "Сейітқали", "Әлия", "31.02.1988", "әйел", "", "жұбайы", "", ""],
            ["2", "Омаров", "Бақыт", "1970-01-05", "x", "", "басшысы", "", ""],
            ["3", "Қасым", "Ерлан", "1990-01-01", "ер", "", "басшысы", "", ""],
        ]);
        let p = prepare(&s, &mapping(), today()).expect("prepared");
        assert_eq!(p.families.len(), 1);
        assert_eq!(p.families[0].rows, [5]);
        let rows: Vec<usize> = p.refused.iter().map(|r| r.row).collect();
        assert_eq!(rows, [2, 3, 4]);
        // Row 3's date is not a date: the whole family is refused; row 2 (its own IIN is
        // checked only when the family converts) names row 3.
        assert_eq!(p.refused[1].problems[0].code, "import-bad-date");
        assert_eq!(p.refused[1].problems[0].column.as_deref(), Some("Туған күні"));
        assert_eq!(p.refused[0].problems[0].code, "import-family-refused");
        assert_eq!(p.refused[0].problems[0].args["row"], "3");
        assert_eq!(p.refused[2].problems[0].code, "import-bad-value");
        assert_eq!(p.refused[2].problems[0].column.as_deref(), Some("Жынысы"));
    }

    #[test]
    fn validation_problems_land_on_the_row_of_the_member() {
        let s = sheet(&[
            ["1", "Сейітқали", "Нұрсұлтан", "1985-04-12", "ер", "850412310212", "басшысы", "", ""],
            ["1", "Сейітқали", "Әлия", "1988-11-03", "әйел", "", "жұбайы", "", ""],
        ]);
        let p = prepare(&s, &mapping(), today()).expect("prepared");
        assert!(p.families.is_empty());
        assert_eq!(p.refused[0].problems[0].field.as_deref(), Some("iin"));
        assert_eq!(p.refused[0].problems[0].column.as_deref(), Some("ЖСН"));
        assert_eq!(p.refused[0].problems[0].code, "iin-check-digit");
        assert_eq!(p.refused[1].problems[0].code, "import-family-refused");
    }

    #[test]
    fn rows_of_a_family_that_disagree_on_its_fields_are_refused() {
        let mut m = mapping();
        m.columns.remove(&ImportField::DocumentKind);
        m.columns.insert(ImportField::Region, "Құжат түрі".into());
        let s = sheet(&[
            ["1", "Сейітқали", "Нұрсұлтан", "1985-04-12", "ер", "", "басшысы", "", "KZ-55"],
            ["1", "Сейітқали", "Әлия", "1988-11-03", "әйел", "", "жұбайы", "", "Ақмола облысы"],
            ["1", "Сейітқали", "Ұлжан", "2014-02-27", "әйел", "", "қызы", "", ""],
        ]);
        let p = prepare(&s, &m, today()).expect("prepared");
        assert!(p.families.is_empty());
        let conflict = &p.refused[1].problems[0];
        assert_eq!(conflict.code, "import-family-field-conflict");
        assert_eq!(
            (conflict.args["value"].as_str(), conflict.args["family_value"].as_str()),
            ("KZ-11", "KZ-55")
        );
        assert_eq!(p.refused[2].problems[0].args["row"], "3");
    }

    #[test]
    fn a_family_without_a_head_is_refused_on_its_first_row() {
        let s = sheet(&[["7", "Ахмет", "Бола", "2015-01-01", "ер", "", "ұлы", "", ""]]);
        let p = prepare(&s, &mapping(), today()).expect("prepared");
        assert_eq!(p.refused[0].problems[0].code, "family-no-head");
        assert_eq!(p.refused[0].family_key.as_deref(), Some("7"));
    }

    #[test]
    fn a_bad_mapping_refuses_the_whole_file_naming_what_to_fix() {
        let mut m = mapping();
        m.columns.insert(ImportField::Phone, "Телефон".into());
        m.defaults.remove(&ImportField::Region);
        m.defaults.insert(ImportField::ArrivalDate, "soon".into());
        let e = prepare(&sheet(&[]), &m, today()).expect_err("refused");
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["columns.phone", "region", "defaults.arrival_date"]);
        assert!(e[0].args["columns"].contains("Тегі"));
        assert!(Mapping::from_json(r#"{"colums": {}}"#).is_err(), "a typo is refused");
    }

    #[test]
    fn cells_from_spreadsheets() {
        assert_eq!(parse_date(&Cell::Int(46279), &[]), Ok(d("2026-09-14")));
        assert_eq!(parse_date(&t("14/09/2026"), &[]), Ok(d("2026-09-14")));
        assert_eq!(parse_date(&t("2026-09-14 00:00:00"), &[]), Ok(d("2026-09-14")));
        assert_eq!(parse_date(&t("14 Sep 2026"), &["%d %b %Y".into()]), Ok(d("2026-09-14")));
        assert!(parse_date(&t("14.09.26"), &[]).is_err());
        assert_eq!(iin_text(&Cell::Int(61211600012)), "061211600012");
        assert_eq!(iin_text(&t("8504 1231 0211")), "850412310211");
        assert_eq!(region_code("Северо-Казахстанская область"), "KZ-59");
        assert_eq!(region_code("Abai Region"), "KZ-10");
        assert_eq!(region_code("kz-55"), "KZ-55");
        assert_eq!(country_code("Китай"), "CN");
        assert_eq!(country_code("mn"), "MN");
    }

    #[test]
    fn the_mappings_own_values_come_first() {
        let mut m = mapping();
        m.values.insert(
            ImportField::Sex,
            BTreeMap::from([("1".into(), "male".into()), ("2".into(), "female".into())]),
        );
        let s = sheet(&[["1", "Омаров", "Бақыт", "1970-01-05", "1", "", "басшысы", "", ""]]);
        let p = prepare(&s, &m, today()).expect("prepared");
        assert_eq!(p.families[0].input.members[0].sex, Sex::Male);
    }
}
