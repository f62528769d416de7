// The history of a person as people read it: audit rows grouped into the pieces of work they
// belong to (a registration writes the family, each person, document and consent at once), and
// for each record what changed, from what to what, with field names and values in words. Amounts
// of money come written out by Rust (`money_before`, `money_after` of each row); the UI formats
// none itself.
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { JsonValue } from "./bindings/serde_json/JsonValue";
import { formatDate, label } from "./format";
import { t } from "./i18n";
import { countryName, regionName } from "./reference.svelte";

/** Columns that are bookkeeping, not facts a clerk entered (any `…_id` is hidden too). */
const HIDDEN = new Set([
  "id",
  "version",
  "number_norm",
  "password_hash",
  // Who and when: the piece of work already says it.
  "at",
  "acted_by",
  "prepared_by",
  "recorded_by",
  "issued_at",
  "issued_by",
  "issued_login",
  "voided_at",
  "voided_by",
  "given_by",
  // Rule references, hashes, signatures, payloads and copies of other records.
  "rule_version",
  "rule_id",
  "content_hash",
  "content_json",
  "qr_payload",
  "signature",
  "hash",
  "prev_hash",
  "copy_of",
  "office_code",
  "subject_label",
]);

/** Bookkeeping only for some kinds of record (`seq` numbers an instalment, but not a document). */
const HIDDEN_IN: Record<string, readonly string[]> = {
  issued_document: ["seq", "year"],
  ledger_entry: ["seq"],
  // A conflict or review case in the history says that it was settled; the values are in the
  // record's own change beside it, and the rest is sync's bookkeeping.
  sync_conflict: ["kind", "entity", "field", "kept_json", "proposed_json", "kept_event", "proposed_event", "detail_json", "resolution_json", "resolved_by", "resolved_on"],
  review_case: ["entity", "key", "value", "first_event", "second_event", "decided_by", "decided_on"],
};

function hidden(entity: string, key: string): boolean {
  return HIDDEN.has(key) || key.endsWith("_id") || (HIDDEN_IN[entity]?.includes(key) ?? false);
}

/** Enumerations whose labels depend on the kind of record (`kind` of a service, of a payment…). */
const ENTITY_ENUMS: Record<string, Record<string, string>> = {
  service: { kind: "service_kind" },
  plan_item: { area: "plan_area", state: "plan_state" },
  subsidy_decision: { kind: "subsidy_kind" },
  ledger_entry: { kind: "entry_kind", reverses_kind: "entry_kind", subsidy_kind: "subsidy_kind" },
  issued_document: { kind: "doc-kind" },
  reimbursement_case: { status: "reimbursement_status" },
  sync_conflict: { state: "sync_state" },
  review_case: { state: "sync_state", decision: "case_decision" },
  consent: { basis: "consent_basis", purpose_code: "consent_purpose", term: "consent_term", method: "consent_method" },
  consent_withdrawal: { method: "consent_method" },
};

/** Amounts in hundredths of the MCI: Rust writes the number, the unit is the reader's. */
const MCI = new Set(["amount_mci", "cap_mci"]);

/** Fields shown with the label of an enumeration value. */
const ENUMS: Record<string, string> = {
  relation: "relation",
  sex: "sex",
  education: "education",
  accommodation_category: "category",
  kind: "document_kind",
  role: "role",
  recommendation: "recommendation",
  decision: "decision",
  end_reason: "end_reason",
  settlement_type: "settlement_type",
  subsidy_kind: "subsidy_kind",
};

const COUNTRIES = new Set(["country_of_origin", "citizenship", "issuing_country"]);

/** The order the forms and the card show fields in; others follow in their own order. */
const ORDER = [
  "regno",
  "registered_on",
  "arrival_date",
  "country_of_origin",
  "region",
  "settlement",
  "accommodation_category",
  "address",
  "relation",
  "surname",
  "given_name",
  "patronymic",
  "surname_latin",
  "given_name_latin",
  "patronymic_latin",
  "birth_date",
  "sex",
  "iin",
  "citizenship",
  "education",
  "kind",
  "number",
  "issuing_country",
  "issued_on",
  "valid_until",
  "phone",
  "email",
  "given_on",
  "purpose",
  // Subsidies and payments.
  "subsidy_kind",
  "kind",
  "status",
  "moved_on",
  "decided_on",
  "members",
  "settlement_type",
  "housing_cost_tiyn",
  "months",
  "instalments",
  "first_due_on",
  "total_tiyn",
  "seq",
  "due_date",
  "amount_tiyn",
  "amount_mci",
  "mci_tenge",
  "mci_effective_from",
  "explanation",
  "reverses_kind",
  "order_number",
  "paid_on",
  "term_ends_on",
  "voided_on",
  "reason",
];

/** Kinds of record whose fields read better in their own order (a status: applied, decided, …). */
const ENTITY_ORDER: Record<string, readonly string[]> = {
  consent: ["given_on", "basis", "covered_by", "purpose_code", "purpose", "term", "valid_until", "method", "reason"],
  consent_withdrawal: ["withdrawn_on", "method", "received_by", "note"],
  kandas_status: [
    "applied_on",
    "recommended_on",
    "recommendation",
    "decided_on",
    "decision",
    "refusal_reason",
    "granted_until",
    "extended_on",
    "extension_months",
    "extended_until",
    "valid_until",
    "ended_on",
    "end_reason",
    "end_note",
  ],
};

function order(entity: string, key: string): number {
  const own = ENTITY_ORDER[entity];
  const index = own ? own.indexOf(key) : ORDER.indexOf(key);
  return index < 0 ? ORDER.length : index;
}

/** One field of a record, before and after. */
export interface FieldChange {
  key: string;
  label: string;
  before: string;
  after: string;
  /** A change from another device that did not take effect here: the centre kept the value
   *  another device had set first (a conflict). */
  notApplied?: boolean;
}

/** One record touched by a piece of work. */
export interface RecordChange {
  entity: string;
  /** Whether the record was created (no "before"). */
  created: boolean;
  /** A record from another device that did not take effect here (its number or key was taken
   *  first elsewhere, or this database refused it). */
  dropped?: boolean;
  fields: FieldChange[];
}

/** A piece of work: who did what, when, why, and the records it touched. */
export interface WorkItem {
  at: string;
  user: string;
  action: string;
  reason: string | null;
  records: RecordChange[];
  /** The device it was synced from, when another device of the office made it (origin
   *  `remote`); null when it was made here. */
  syncedFrom: string | null;
}

/** A reason the system wrote as `{"code": …, "args": {…}}` in the current language; text typed by
 * a person as typed. */
function noteText(value: string): string {
  return value.startsWith("{") ? (explanationText(value) ?? value) : value;
}

/** A subsidy explanation stored as `{"code": …, "args": {…}}`, in the current language. */
function explanationText(value: string): string | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== "object") return null;
    const { code, args } = parsed as { code?: unknown; args?: unknown };
    if (typeof code !== "string") return null;
    const clean: Record<string, string> = {};
    if (args && typeof args === "object") {
      for (const [k, v] of Object.entries(args as Record<string, unknown>)) {
        if (typeof v === "string" || typeof v === "number") clean[k] = String(v);
      }
    }
    const text = t(code, clean);
    return text === code ? null : text;
  } catch {
    return null;
  }
}

/**
 * A value as shown to people (`entity` picks the right labels for fields such as `kind`); `money`
 * is the amount as Rust wrote it, for a field that holds money; `people` names the persons a
 * record refers to by id.
 */
export function showValue(
  key: string,
  value: JsonValue | undefined,
  entity = "",
  money?: string,
  people: People = NO_PEOPLE,
): string {
  if (value === null || value === undefined || value === "") return "—";
  // Whose consent covers a child: a person's id, shown by name when the history has that person.
  if (key === "covered_by") return typeof value === "string" ? (people.get(value) ?? "—") : "—";
  if (money !== undefined) return MCI.has(key) ? t("ui-history-mci", { mci: money }) : money;
  if (key === "explanation" && typeof value === "string") return explanationText(value) ?? "—";
  if (key === "reason" && typeof value === "string") return noteText(value);
  if (typeof value !== "string") return typeof value === "object" ? JSON.stringify(value) : String(value);
  const prefix = ENTITY_ENUMS[entity]?.[key] ?? ENUMS[key];
  if (prefix) return label(prefix, value);
  if (key === "region") return regionName(value);
  if (COUNTRIES.has(key)) return countryName(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return value;
}

/** The name of a field of a record of `entity`, as the forms name it. */
export function fieldLabel(entity: string, key: string): string {
  const candidates = [`ui-history-field-${entity}-${key}`];
  candidates.push(
    ...(entity === "document"
      ? [`field-document-${key}`, `field-${key}`]
      : entity === "consent"
        ? [`field-consent-${key}`, `field-no_consent-${key}`, `field-${key}`]
        : entity === "consent_withdrawal"
          ? [`ui-consent-withdrawal-${key}`, `ui-consent-${key}`]
          : [`field-${key}`]),
  );
  for (const id of [...candidates, `ui-audit-field-${key}`, `ui-history-field-${key}`]) {
    const text = t(id);
    if (text !== id) return text;
  }
  return key;
}

/** Persons' names by id, as the history's own person records give them. */
export type People = ReadonlyMap<string, string>;
const NO_PEOPLE: People = new Map();

/** The names of the persons whose records are in `entries` (newest first): each part of a name as
 *  the newest row that holds it says (an edit's row holds only the fields it changed). */
export function peopleOf(entries: readonly HistoryEntry[]): People {
  const parts = new Map<string, { surname?: string; given?: string }>();
  for (const entry of entries) {
    if (entry.entity !== "person") continue;
    const after = asObject(entry.after);
    const name = parts.get(entry.entity_id) ?? {};
    if (name.surname === undefined && typeof after.surname === "string") name.surname = after.surname;
    if (name.given === undefined && typeof after.given_name === "string") name.given = after.given_name;
    parts.set(entry.entity_id, name);
  }
  const people = new Map<string, string>();
  for (const [id, { surname, given }] of parts) {
    const name = [surname, given].filter((part) => part).join(" ");
    if (name) people.set(id, name);
  }
  return people;
}

function asObject(value: JsonValue | null | undefined): Record<string, JsonValue | undefined> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, JsonValue | undefined>) : {};
}

/** What changed in one audit row. */
export function recordChange(entry: HistoryEntry, people: People = NO_PEOPLE): RecordChange {
  const before = asObject(entry.before);
  const after = asObject(entry.after);
  const created = entry.before === null || entry.before === undefined;
  const fields: FieldChange[] = [];
  for (const key of Object.keys(after)) {
    if (hidden(entry.entity, key)) continue;
    // The reason of the piece of work is shown once, above its records.
    const own = after[key];
    if (key === "reason" && entry.reason && typeof own === "string" && own.includes(entry.reason)) continue;
    const was = showValue(key, before[key], entry.entity, entry.money_before[key], people);
    const now = showValue(key, after[key], entry.entity, entry.money_after[key], people);
    if (created ? now === "—" : was === now) continue;
    const change: FieldChange = { key, label: fieldLabel(entry.entity, key), before: created ? "" : was, after: now };
    if (entry.not_applied.includes(key)) change.notApplied = true;
    fields.push(change);
  }
  fields.sort((a, b) => order(entry.entity, a.key) - order(entry.entity, b.key));
  return entry.dropped ? { entity: entry.entity, created, dropped: true, fields } : { entity: entry.entity, created, fields };
}

/**
 * The fields of a whole record as people read them (a record sync kept aside, a fact of a review
 * case): labels, values and amounts as `money` (written by Rust) says, in the card's order.
 */
export function recordFields(
  entity: string,
  value: JsonValue | null | undefined,
  money: { [key in string]?: string } = {},
): FieldChange[] {
  const record = asObject(value);
  const fields: FieldChange[] = [];
  for (const key of Object.keys(record)) {
    if (hidden(entity, key)) continue;
    const shown = showValue(key, record[key], entity, money[key]);
    if (shown === "—") continue;
    fields.push({ key, label: fieldLabel(entity, key), before: "", after: shown });
  }
  fields.sort((a, b) => order(entity, a.key) - order(entity, b.key));
  return fields;
}

/** Groups audit rows (newest first) into pieces of work, keeping their order. */
export function workItems(entries: readonly HistoryEntry[]): WorkItem[] {
  const items: WorkItem[] = [];
  const people = peopleOf(entries);
  for (const entry of entries) {
    const last = items.at(-1);
    const record = recordChange(entry, people);
    const syncedFrom = entry.origin === "remote" ? (entry.device_id ?? "") : null;
    if (
      last &&
      last.at === entry.at &&
      last.user === entry.user_login &&
      last.action === entry.action &&
      last.syncedFrom === syncedFrom
    ) {
      last.records.push(record);
      last.reason ??= entry.reason;
    } else {
      items.push({ at: entry.at, user: entry.user_login, action: entry.action, reason: entry.reason, records: [record], syncedFrom });
    }
  }
  // Within a piece of work, records in the order they were written (family, person, …).
  for (const item of items) item.records.reverse();
  return items;
}

/** A record as the card shows it, and how many more of its kind the piece of work touched. */
export interface RecordGroup {
  record: RecordChange;
  more: number;
}

/**
 * The records of a piece of work worth showing: those with something to show, at most `keep` of
 * each kind (a rent subsidy writes twelve instalments and twelve ledger entries at once); the
 * last one shown of a kind says how many more there are.
 */
export function recordGroups(records: readonly RecordChange[], keep = 2): RecordGroup[] {
  const groups: RecordGroup[] = [];
  const shown = new Map<string, RecordGroup[]>();
  for (const record of records) {
    if (record.fields.length === 0) continue;
    // A record that did not take effect is never folded into "and N more".
    const same = record.dropped ? [] : (shown.get(record.entity) ?? []);
    if (same.length < keep) {
      const group = { record, more: 0 };
      same.push(group);
      if (!record.dropped) shown.set(record.entity, same);
      groups.push(group);
    } else {
      const last = same.at(-1);
      if (last) last.more += 1;
    }
  }
  return groups;
}

/** The words for an action (`person.edit` → "Деректер түзетілді"). */
export function actionLabel(action: string): string {
  const id = ACTIONS[action];
  return id ? t(id) : action;
}

/** The words for a kind of record. */
export function entityLabel(entity: string): string {
  const id = ENTITIES[entity];
  return id ? t(id) : entity;
}

const ACTIONS: Record<string, string> = {
  "family.register": "ui-action-family-register",
  "person.edit": "ui-action-person-edit",
  "consent.record": "ui-action-consent-record",
  "consent.withdraw": "ui-action-consent-withdraw",
  "scan.attach": "ui-action-scan-attach",
  "scan.remove": "ui-action-scan-remove",
  "status.record": "ui-action-status-record",
  "status.extend": "ui-action-status-extend",
  "status.end": "ui-action-status-end",
  "quota.include": "ui-action-quota-include",
  "quota.set": "ui-action-quota-set",
  "plan.add": "ui-action-plan-add",
  "plan.update": "ui-action-plan-update",
  "plan.stay": "ui-action-plan-stay",
  "service.record": "ui-action-service-record",
  "user.add": "ui-action-user-add",
  "user.password": "ui-action-user-password",
  "user.activate": "ui-action-user-activate",
  "user.deactivate": "ui-action-user-deactivate",
  "subsidy.prepare": "ui-history-action-subsidy-prepare",
  "subsidy.approve": "ui-history-action-subsidy-approve",
  "subsidy.pay": "ui-history-action-subsidy-pay",
  "subsidy.reverse": "ui-history-action-subsidy-reverse",
  "subsidy.move_away": "ui-history-action-subsidy-move-away",
  "subsidy.recalc": "ui-history-action-subsidy-recalc",
  "subsidy_rule.add": "ui-history-action-rule-add",
  "subsidy_rule.load_shipped": "ui-history-action-rule-add",
  "mci.add": "ui-history-action-mci-add",
  "mci.correct": "ui-history-action-mci-correct",
  "document.issue": "ui-history-action-document-issue",
  "document.reprint": "ui-history-action-document-reprint",
  "document.void": "ui-history-action-document-void",
  "month.close": "ui-history-action-month-close",
  "office.key": "ui-history-action-office-key",
  "office.key.rotate": "ui-action-office-key-rotate",
  "office.trust": "ui-history-action-office-trust",
  "office.init": "ui-action-office-init",
  "reference.load": "ui-action-reference",
  "reference.status_rules": "ui-action-reference",
  "reference.stay_months": "ui-action-reference",
  // Sync: a conflict resolved, a review case decided.
  "sync.resolve": "ui-sync-action-resolve",
  "sync.decide": "ui-sync-action-decide",
  "cross_case.decide": "ui-sync-action-decide",
  "payment_case.decide": "ui-sync-action-decide",
};

const ENTITIES: Record<string, string> = {
  sync_conflict: "ui-sync-entity-conflict",
  review_case: "ui-sync-entity-case",
  family: "ui-entity-family",
  person: "ui-entity-person",
  document: "ui-entity-document",
  consent: "ui-entity-consent",
  consent_withdrawal: "ui-entity-consent-withdrawal",
  document_scan: "ui-entity-document-scan",
  kandas_status: "ui-entity-status",
  quota_inclusion: "ui-entity-quota",
  plan_item: "ui-entity-plan",
  service: "ui-entity-service",
  stay: "ui-entity-stay",
  subsidy_decision: "ui-history-entity-subsidy_decision",
  subsidy_instalment: "ui-history-entity-subsidy_instalment",
  ledger_entry: "ui-history-entity-ledger_entry",
  family_departure: "ui-history-entity-family_departure",
  reimbursement_case: "ui-history-entity-reimbursement_case",
  issued_document: "ui-history-entity-issued_document",
  document_void: "ui-history-entity-document_void",
  quota_row: "ui-history-entity-quota_row",
  mci_row: "ui-history-entity-mci_row",
  subsidy_rule: "ui-history-entity-subsidy_rule",
  casework_setting: "ui-history-entity-casework_setting",
  office: "ui-history-entity-office",
  user: "ui-history-entity-user",
  office_key: "ui-history-entity-office_key",
  known_office_key: "ui-history-entity-known_office_key",
  closed_month: "ui-history-entity-closed_month",
};
