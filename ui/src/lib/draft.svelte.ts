// The registration form being filled, kept outside the screen so that nothing typed is lost
// when the clerk opens a likely duplicate's card, looks something up, or a save is refused.
import type { FamilyForm, FieldError, Registered } from "./api";
import type { DuplicateHit } from "./bindings/DuplicateHit";
import { emptyFamily } from "./forms";

/** The draft: the form, what was touched, what the Rust side said about it. */
export interface Draft {
  form: FamilyForm;
  /** Paths of the fields the clerk has left at least once. */
  touched: string[];
  /** Whether a save was attempted (then every problem shows). */
  submitted: boolean;
  /** Problems found by the last check or refused save. */
  problems: FieldError[];
  /** Likely duplicates found by the last check or refused save. */
  duplicates: DuplicateHit[];
  /** The clerk has looked at the duplicates and registers anyway. */
  allowDuplicates: boolean;
  /** A refusal that is not about one field (`store-iin-taken`, …). */
  refusal: { code: string; args: Record<string, string> } | null;
  /** The family just registered, shown until a new one is started. */
  result: Registered | null;
}

function fresh(): Draft {
  return {
    form: emptyFamily(),
    touched: [],
    submitted: false,
    problems: [],
    duplicates: [],
    allowDuplicates: false,
    refusal: null,
    result: null,
  };
}

export const draft: Draft = $state(fresh());

/** Starts a new, empty form. */
export function resetDraft(): void {
  Object.assign(draft, fresh());
}

/** Whether anything was typed into the form. */
export function draftHasContent(): boolean {
  return JSON.stringify(draft.form) !== JSON.stringify(emptyFamily());
}
