// Data the subsidy UI tests give the mocked Rust side: a family's statement with one relocation
// decision awaiting approval, its preview, and the office's payments — shaped by the generated
// types, so a change on the Rust side shows here as a type error.
import type { DecisionCard } from "../lib/bindings/DecisionCard";
import type { MciValue } from "../lib/bindings/MciValue";
import type { Money } from "../lib/bindings/Money";
import type { PaymentsScreen } from "../lib/bindings/PaymentsScreen";
import type { SubsidyPreview } from "../lib/bindings/SubsidyPreview";
import type { SubsidyStatement } from "../lib/bindings/SubsidyStatement";
import type { Totals } from "../lib/bindings/Totals";

/** Money as Rust sends it (the text with no-break spaces). */
export function money(tiyn: number, text: string): Money {
  return { tiyn, text: text.replace(/ /g, "\u00a0") };
}

/** The value of one MCI as Rust sends it: whole tenge and its text. */
export function mciValue(tenge: number, text: string): MciValue {
  return { tenge, text: text.replace(/ /g, "\u00a0") };
}

const ZERO = money(0, "0 ₸");
const AMOUNT = money(60_550_000, "605 500 ₸");

export const EXPLANATION = {
  code: "subsidy-explain-per-member",
  args: { members: "2", mci: "70", mci_tenge: "4\u00a0325\u00a0₸", amount: "605\u00a0500\u00a0₸" },
};

export function totals(state: "awaiting" | "approved" | "paid"): Totals {
  return {
    accrued: AMOUNT,
    reversed: ZERO,
    net: AMOUNT,
    awaiting_approval: state === "awaiting" ? AMOUNT : ZERO,
    approved_unpaid: state === "approved" ? AMOUNT : ZERO,
    paid: state === "paid" ? AMOUNT : ZERO,
    reconciles: true,
  };
}

export function decision(state: "awaiting" | "approved" | "paid"): DecisionCard {
  return {
    number: "PVL01-S-2026-00001",
    kind: "relocation",
    rule: "relocation-2023 v1",
    decided_on: "2026-10-01",
    first_due_on: "2026-10-01",
    members: 2,
    settlement_type: null,
    housing_cost: null,
    note: null,
    prepared_by: "aigerim",
    // As the clerk who prepared it sees it.
    prepared_by_you: true,
    total_at_decision: AMOUNT,
    instalments: [
      {
        seq: 1,
        due_date: "2026-10-01",
        state: state === "awaiting" ? "awaiting_approval" : state,
        amount: AMOUNT,
        amount_mci: "140",
        mci_from: "2026-01-01",
        mci: mciValue(4325, "4 325 ₸"),
        explanation: EXPLANATION,
        prepared_by: "aigerim",
        approved_by: state === "awaiting" ? null : "marat",
        order_number: state === "paid" ? "ПП-0042" : null,
        paid_on: state === "paid" ? "2026-11-20" : null,
      },
    ],
    totals: totals(state),
  };
}

export function statement(decisions: DecisionCard[]): SubsidyStatement {
  return {
    today: "2026-11-25",
    family_regno: "PVL01-2026-00001",
    head_name: "Сейітқали Нұрсұлтан",
    decisions,
    entries: decisions.map((d) => ({
      decision_number: d.number,
      seq: 1,
      kind: "accrued",
      reverses_kind: null,
      due_date: "2026-10-01",
      amount: AMOUNT,
      amount_mci: "140",
      mci_from: "2026-01-01",
      mci: mciValue(4325, "4 325 ₸"),
      explanation: EXPLANATION,
      order_number: null,
      paid_on: null,
      reason: null,
      acted_by: "aigerim",
      at: "2026-11-25T09:30:00Z",
    })),
    totals: decisions[0]?.totals ?? totals("awaiting"),
    departure: null,
    cases: [],
  };
}

export const PREVIEW: SubsidyPreview = {
  eligible: true,
  refusals: [],
  rule: "relocation-2023 v1",
  needs_settlement_type: false,
  needs_housing_cost: false,
  instalments: [
    {
      seq: 1,
      due_date: "2026-10-01",
      amount: AMOUNT,
      amount_mci: "140",
      mci_from: "2026-01-01",
      mci: mciValue(4325, "4 325 ₸"),
      explanation: EXPLANATION,
    },
  ],
  total: AMOUNT,
};

export const PAYMENTS: PaymentsScreen = {
  awaiting: [
    {
      decision_number: "PVL01-S-2026-00001",
      family_regno: "PVL01-2026-00001",
      kind: "relocation",
      seq: 1,
      of: 1,
      due_date: "2026-10-01",
      state: "awaiting_approval",
      amount: AMOUNT,
      amount_mci: "140",
      prepared_by: "aigerim",
    },
  ],
  awaiting_total: AMOUNT,
  month: "2026-11",
  due: [],
  due_total: ZERO,
  due_approved: ZERO,
  due_awaiting: ZERO,
  from: "2026-11-01",
  to: "2026-11-30",
  paid: [],
  paid_total: ZERO,
  totals: [{ kind: null, totals: totals("awaiting"), paid_in_period: ZERO }],
  reconciles: true,
  recalc: {
    proposals: [
      {
        reference: "PVL01-S-2026-00002/4",
        family_regno: "PVL01-2026-00001",
        kind: "rent",
        due_date: "2027-01-01",
        state: "awaiting_approval",
        prepared_by: "aigerim",
        old_amount: money(10_812_500, "108 125 ₸"),
        old_mci: mciValue(4325, "4 325 ₸"),
        new_amount: money(11_250_000, "112 500 ₸"),
        new_mci: mciValue(4500, "4 500 ₸"),
        difference: money(437_500, "4 375 ₸"),
        explanation: { code: "subsidy-explain-per-family", args: { mci: "25", mci_tenge: "4\u00a0500\u00a0₸", amount: "112\u00a0500\u00a0₸" } },
      },
    ],
    blocked: [],
    total_difference: money(437_500, "4 375 ₸"),
  },
};
