// Data the case-work UI tests give the mocked Rust side: a head of family whose status was
// granted and ends soon, the region's quota, the family's plan with one item and one service,
// and the office-wide case-work screen — shaped by the generated types.
import type { CaseworkPanel } from "../lib/bindings/CaseworkPanel";
import type { CaseworkScreen } from "../lib/bindings/CaseworkScreen";
import type { PlanScreen } from "../lib/bindings/PlanScreen";
import type { StatusRec } from "../lib/bindings/StatusRec";

export const GRANTED: StatusRec = {
  id: "s1",
  person_id: "p1",
  applied_on: "2025-11-01",
  recommended_on: "2025-11-20",
  recommendation: "recommended",
  decided_on: "2025-12-10",
  decision: "granted",
  refusal_reason: null,
  granted_until: "2026-12-10",
  extended_on: null,
  extension_months: null,
  extended_until: null,
  ended_on: null,
  end_reason: null,
  end_note: null,
  valid_until: "2026-12-10",
  version: 1,
};

/** The panel of the head: granted, 15 days left, the family not included in the quota. */
export function panel(overrides: Partial<CaseworkPanel> = {}): CaseworkPanel {
  return {
    today: "2026-11-25",
    today_display: "25.11.2026",
    status: {
      regno: "PVL01-2026-00001",
      name: "Сейітқали Нұрсұлтан Болатұлы",
      family_regno: "PVL01-2026-00001",
      on: "2026-11-25",
      state: { state: "granted", from: "2025-12-10", until: "2026-12-10" },
      days_left: 15,
      can_extend: true,
      current: GRANTED,
      history: [GRANTED],
    },
    status_form: {
      applied_on: "01.11.2025",
      recommended_on: "20.11.2025",
      recommendation: "recommended",
      decided_on: "10.12.2025",
      decision: "granted",
      refusal_reason: "",
      correction: "",
      family: false,
    },
    extension_months: 6,
    family_size: 2,
    inclusion: null,
    quota: { region: "KZ-55", year: 2026, quota: 3, effective_from: "2026-01-01", used: 2, remaining: 1 },
    ...overrides,
  };
}

/** The family's plan: one housing item by the clerk, one legal consultation. */
export function plan(): PlanScreen {
  return {
    today_display: "25.11.2026",
    plan: {
      family_regno: "PVL01-2026-00001",
      head_name: "Сейітқали Нұрсұлтан Болатұлы",
      on: "2026-11-25",
      stay: {
        stay: { id: "st1", family_id: "f1", started_on: "2026-09-14", planned_end: "2027-03-14", ended_on: null, version: 1 },
        days_left: 109,
      },
      items: [
        {
          item: {
            id: "i1",
            family_id: "f1",
            number: 1,
            area: "housing",
            description: "Пәтер іздеу",
            responsible_id: "u1",
            due_date: "2026-11-20",
            state: "planned",
            done_on: null,
            note: null,
            version: 1,
          },
          responsible_login: "aigerim",
          responsible_name: "Айгерім Сапарова",
          overdue: true,
          services: 1,
        },
      ],
      services: [
        {
          service: {
            id: "sv1",
            family_id: "f1",
            person_id: null,
            kind: "legal_consultation",
            given_on: "2026-11-24",
            given_by: "u1",
            plan_item_id: "i1",
            note: null,
            version: 1,
          },
          category: "legal",
          person_regno: null,
          person_name: null,
          given_by_login: "aigerim",
          plan_item: 1,
        },
      ],
      open_items: 1,
      overdue_items: 1,
    },
    members: [
      { regno: "PVL01-2026-00001", name: "Сейітқали Нұрсұлтан Болатұлы" },
      { regno: "PVL01-2026-00002", name: "Сейітқали Әлия" },
    ],
    users: [
      { login: "aigerim", full_name: "Айгерім Сапарова" },
      { login: "marat", full_name: "Марат Ахметов" },
    ],
    areas: [
      "arrival_transport",
      "family_composition",
      "financial_help",
      "employment_training",
      "housing",
      "language_courses",
      "legal",
      "medical",
      "social",
      "educational",
    ],
    states: ["planned", "in_progress", "done", "cancelled"],
    service_kinds: ["information_consultation", "legal_consultation", "housing_search_help"],
  };
}

/** The office-wide screen: one status ending, Pavlodar's quota, one service this month. */
export function screen(may_set_quota = false): CaseworkScreen {
  return {
    today: "2026-11-25",
    due: [
      {
        regno: "PVL01-2026-00001",
        name: "Сейітқали Нұрсұлтан Болатұлы",
        family_regno: "PVL01-2026-00001",
        state: { state: "granted", from: "2025-12-10", until: "2026-12-10" },
        until: "2026-12-10",
        days_left: 15,
        can_extend: true,
      },
    ],
    due_within_days: 30,
    quota: {
      year: 2026,
      on: "2026-11-25",
      national: null,
      regions: [{ region: "KZ-55", year: 2026, quota: 977, effective_from: "2026-01-01", used: 117, remaining: 860 }],
    },
    services: {
      year: 2026,
      month: 11,
      counts: {
        total: 1,
        by_kind: [
          ["information_consultation", 0],
          ["legal_consultation", 1],
        ],
        by_category: [["legal", 1]],
      },
      families_served: 1,
      plan_items_done: 0,
      families_staying: 1,
      stays_ended: 0,
    },
    may_set_quota,
  };
}
