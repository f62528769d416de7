// Typed wrappers around the subsidy and ledger commands (generated in `./bindings/commands.ts`):
// a family's statement, the preview and preparation of a decision, approval, payment, reversal,
// a move away, the office's payments, recalculations and the reference data. Money arrives as
// integer tiyn with the text Rust formatted; explanations as a Fluent code and its arguments.
import * as commands from "./bindings/commands";
import type { Explained } from "./bindings/Explained";
import type { Note } from "./bindings/Note";
import type { PaymentsScreen } from "./bindings/PaymentsScreen";
import type { PrepareForm } from "./bindings/PrepareForm";
import type { Recalculations } from "./bindings/Recalculations";
import type { ReferenceData } from "./bindings/ReferenceData";
import type { SubsidyPreview } from "./bindings/SubsidyPreview";
import type { SubsidyStatement } from "./bindings/SubsidyStatement";
import { t } from "./i18n";

export type { DecisionCard } from "./bindings/DecisionCard";
export type { EntryRow } from "./bindings/EntryRow";
export type { InstalmentRow } from "./bindings/InstalmentRow";
export type { LineRow } from "./bindings/LineRow";
export type { Money } from "./bindings/Money";
export type { RecalcRow } from "./bindings/RecalcRow";
export type { Totals } from "./bindings/Totals";
export type {
  Explained,
  PaymentsScreen,
  PrepareForm,
  Recalculations,
  ReferenceData,
  SubsidyPreview,
  SubsidyStatement,
};

/** The kinds of subsidy, in the order the form offers them. */
export const SUBSIDY_KINDS = ["relocation", "rent", "mobility_certificate", "employer"] as const;

/** A reason of a ledger entry in the current language: as typed, or the system's code translated. */
export function noteText(note: Note): string {
  if (typeof note === "string") return note;
  return explain(note);
}

/** An explanation of an amount in the current language (`4 адам × 70 АЕК × … = … ₸`). */
export function explain(e: Explained): string {
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(e.args)) if (value !== undefined) args[key] = value;
  return t(e.code, args);
}

/** The subsidies of the family of `regno` (any member). */
export function subsidyStatement(regno: string): Promise<SubsidyStatement> {
  return commands.subsidy_statement({ regno });
}

/** Eligibility and the instalments the form would give; saves nothing. */
export function subsidyPreview(regno: string, form: PrepareForm): Promise<SubsidyPreview> {
  return commands.subsidy_preview({ regno, form });
}

/** Prepares a decision as the signed-in user. */
export function prepareSubsidy(regno: string, form: PrepareForm): Promise<SubsidyStatement> {
  return commands.prepare_subsidy({ regno, form });
}

/** Approves instalments of a decision (none named: every one awaiting approval). */
export function approveSubsidy(number: string, seqs: number[]): Promise<SubsidyStatement> {
  return commands.approve_subsidy({ number, seqs });
}

/** Records a payment order for approved instalments. */
export function paySubsidy(number: string, seqs: number[], order: string, paidOn: string): Promise<SubsidyStatement> {
  return commands.pay_subsidy({ number, seqs, order, paid_on: paidOn });
}

/** Reverses unpaid instalments with a reason. */
export function reverseSubsidy(number: string, seqs: number[], reason: string): Promise<SubsidyStatement> {
  return commands.reverse_subsidy({ number, seqs, reason });
}

/** Records that the family moved away from the region. */
export function moveAway(regno: string, on: string, reason: string): Promise<SubsidyStatement> {
  return commands.move_away({ regno, on, reason });
}

/** The office's payments; empty month and period mean the current month. */
export function payments(month: string, from: string, to: string): Promise<PaymentsScreen> {
  return commands.payments({ month, from, to });
}

/** Applies recalculations (none named: every one proposed). */
export function approveRecalc(references: string[], reason: string): Promise<Recalculations> {
  return commands.approve_recalc({ references, reason });
}

/** The MCI table, the subsidy rules and the recalculations they propose. */
export function referenceData(): Promise<ReferenceData> {
  return commands.reference_data();
}

/** Adds an MCI row. */
export function addMci(from: string, purpose: string, tenge: string, note: string): Promise<ReferenceData> {
  return commands.add_mci({ from, purpose, tenge, note });
}

/** Adds subsidy rules from a JSON text (validated by Rust). */
export function addRules(json: string): Promise<ReferenceData> {
  return commands.add_rules({ json });
}

/** The badge class of an instalment's state. */
export function stateTone(state: string): string {
  switch (state) {
    case "paid":
      return "badge-success";
    case "approved":
      return "badge-accent";
    case "cancelled":
      return "badge-danger";
    default:
      return "badge-warning";
  }
}
