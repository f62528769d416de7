// Consent from the registration form and the person card: the default for a child, a consent
// recorded later, its withdrawal, and everything held about a person saved as one file.
import * as commands from "./bindings/commands";
import type { ConsentForm } from "./bindings/ConsentForm";
import type { PersonCard } from "./bindings/PersonCard";
import type { SavedExport } from "./bindings/SavedExport";
import type { WithdrawalForm } from "./bindings/WithdrawalForm";

export type { ConsentForm, SavedExport, WithdrawalForm };

/** Whether a person born on the date typed is a minor today (Rust counts the age). */
export function isMinor(birthDate: string): Promise<boolean> {
  return commands.is_minor({ birth_date: birthDate });
}

/** Records a consent given after registration. */
export function recordConsent(regno: string, form: ConsentForm): Promise<PersonCard> {
  return commands.record_consent({ regno, form });
}

/** Records the withdrawal of the person's consent. */
export function withdrawConsent(regno: string, form: WithdrawalForm): Promise<PersonCard> {
  return commands.withdraw_consent({ regno, form });
}

/** Saves everything held about the person in the documents folder. */
export function exportPerson(regno: string): Promise<SavedExport> {
  return commands.export_person({ regno });
}
