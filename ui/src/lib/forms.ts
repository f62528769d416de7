// The registration and edit forms in the UI: empty forms to start from, and how the problems
// the Rust side reports (`members[1].iin`, `arrival_date`) find the field they belong to. The UI
// never judges a value itself; it only places the messages.
import type { FamilyForm } from "./bindings/FamilyForm";
import type { FieldError } from "./bindings/FieldError";
import type { MemberForm } from "./bindings/MemberForm";
import type { Relation } from "./bindings/Relation";

export type { FamilyForm, FieldError, MemberForm, Relation };

/** A member with nothing typed yet. */
export function emptyMember(relation: Relation): MemberForm {
  return {
    relation,
    surname: "",
    given_name: "",
    patronymic: "",
    surname_latin: "",
    given_name_latin: "",
    patronymic_latin: "",
    birth_date: "",
    sex: null,
    iin: "",
    citizenship: "",
    education: null,
    document: { kind: "passport", number: "", issuing_country: "", issued_on: "", valid_until: "" },
    phone: "",
    email: "",
    consent: {
      basis: null,
      given_on: "",
      purpose_code: "adaptation",
      purpose: "",
      term: "programme_end",
      valid_until: "",
      method: "signed_form",
      covered_by: null,
      note: "",
    },
  };
}

/** A new family: its head and nothing typed yet. */
export function emptyFamily(): FamilyForm {
  return {
    arrival_date: "",
    country_of_origin: "",
    region: "",
    settlement: "",
    accommodation_category: null,
    address: "",
    members: [emptyMember("head")],
  };
}

/** The relation a newly added member most likely has: the spouse second, then children. */
export function nextRelation(members: readonly MemberForm[]): Relation {
  return members.some((m) => m.relation === "spouse") || members.length !== 1 ? "child" : "spouse";
}

/** Problems grouped by the path of their field. */
export type ErrorMap = Map<string, FieldError[]>;

/** Groups problems by field path. */
export function errorMap(problems: readonly FieldError[]): ErrorMap {
  const map: ErrorMap = new Map();
  for (const problem of problems) {
    map.set(problem.field, [...(map.get(problem.field) ?? []), problem]);
  }
  return map;
}

/** The DOM id of the input for a field path: `members[1].document.number` → `f-members-1-document-number`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-")}`;
}

/**
 * The message id naming a field, as the Rust side names it (`field-document-number`): the
 * path without the member's index.
 */
export function fieldLabelId(path: string): string {
  const parts = path.split(".").map((part) => part.replace(/\[\d+\]$/, ""));
  const rest = parts[0] === "members" && parts.length > 1 ? parts.slice(1) : parts;
  return `field-${rest.join("-")}`;
}

/** The member a path belongs to (`members[2].iin` → 2), if any. */
export function memberIndex(path: string): number | null {
  const match = /^members\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : null;
}

/**
 * Problems that belong to the fields of the form after a member was removed at `removed`:
 * those of later members move up by one, those of the removed member go.
 */
export function shiftAfterRemoval(problems: readonly FieldError[], removed: number): FieldError[] {
  const out: FieldError[] = [];
  for (const problem of problems) {
    const index = memberIndex(problem.field);
    if (index === null || index < removed) out.push(problem);
    else if (index > removed) out.push({ ...problem, field: problem.field.replace(/^members\[\d+\]/, `members[${index - 1}]`) });
  }
  return out;
}

/** A deep copy of a form (forms are plain data). */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
