// The history of a person as people read it: audit rows grouped into the pieces of work they
// belong to (a registration writes the family, each person, document and consent at once), and
// for each record what changed, from what to what, with field names and values in words.
import type { AuditEntry } from "./bindings/AuditEntry";
import type { JsonValue } from "./bindings/serde_json/JsonValue";
import { formatDate, label } from "./format";
import { t } from "./i18n";
import { countryName, regionName } from "./reference.svelte";

/** Columns that are bookkeeping, not facts a clerk entered. */
const HIDDEN = new Set(["id", "version", "family_id", "person_id", "office_id", "number_norm", "password_hash"]);

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
];

function order(key: string): number {
  const index = ORDER.indexOf(key);
  return index < 0 ? ORDER.length : index;
}

/** One field of a record, before and after. */
export interface FieldChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** One record touched by a piece of work. */
export interface RecordChange {
  entity: string;
  /** Whether the record was created (no "before"). */
  created: boolean;
  fields: FieldChange[];
}

/** A piece of work: who did what, when, why, and the records it touched. */
export interface WorkItem {
  at: string;
  user: string;
  action: string;
  reason: string | null;
  records: RecordChange[];
}

/** A value as shown to people. */
export function showValue(key: string, value: JsonValue | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value !== "string") return typeof value === "object" ? JSON.stringify(value) : String(value);
  const prefix = ENUMS[key];
  if (prefix) return label(prefix, value);
  if (key === "region") return regionName(value);
  if (COUNTRIES.has(key)) return countryName(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return value;
}

/** The name of a field of a record of `entity`, as the forms name it. */
export function fieldLabel(entity: string, key: string): string {
  const candidates =
    entity === "document"
      ? [`field-document-${key}`, `field-${key}`]
      : entity === "consent"
        ? [`field-consent-${key}`, `field-${key}`]
        : [`field-${key}`];
  for (const id of [...candidates, `ui-audit-field-${key}`]) {
    const text = t(id);
    if (text !== id) return text;
  }
  return key;
}

function asObject(value: JsonValue | null | undefined): Record<string, JsonValue | undefined> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, JsonValue | undefined>) : {};
}

/** What changed in one audit row. */
export function recordChange(entry: AuditEntry): RecordChange {
  const before = asObject(entry.before);
  const after = asObject(entry.after);
  const created = entry.before === null || entry.before === undefined;
  const fields: FieldChange[] = [];
  for (const key of Object.keys(after)) {
    if (HIDDEN.has(key)) continue;
    const was = showValue(key, before[key]);
    const now = showValue(key, after[key]);
    if (created ? now === "—" : was === now) continue;
    fields.push({ key, label: fieldLabel(entry.entity, key), before: created ? "" : was, after: now });
  }
  fields.sort((a, b) => order(a.key) - order(b.key));
  return { entity: entry.entity, created, fields };
}

/** Groups audit rows (newest first) into pieces of work, keeping their order. */
export function workItems(entries: readonly AuditEntry[]): WorkItem[] {
  const items: WorkItem[] = [];
  for (const entry of entries) {
    const last = items.at(-1);
    const record = recordChange(entry);
    if (last && last.at === entry.at && last.user === entry.user_login && last.action === entry.action) {
      last.records.push(record);
      last.reason ??= entry.reason;
    } else {
      items.push({ at: entry.at, user: entry.user_login, action: entry.action, reason: entry.reason, records: [record] });
    }
  }
  // Within a piece of work, records in the order they were written (family, person, …).
  for (const item of items) item.records.reverse();
  return items;
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
  "office.init": "ui-action-office-init",
  "reference.load": "ui-action-reference",
  "reference.status_rules": "ui-action-reference",
  "reference.stay_months": "ui-action-reference",
};

const ENTITIES: Record<string, string> = {
  family: "ui-entity-family",
  person: "ui-entity-person",
  document: "ui-entity-document",
  consent: "ui-entity-consent",
  kandas_status: "ui-entity-status",
  quota_inclusion: "ui-entity-quota",
  plan_item: "ui-entity-plan",
  service: "ui-entity-service",
  stay: "ui-entity-stay",
};
