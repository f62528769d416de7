// Data the sync tests give the mocked Rust side: the status, a conflict over a surname, a
// record that did not take effect, a review case of one instalment paid twice — shaped by the
// generated types, so a change on the Rust side shows here as a type error.
import type { CaseItem, ConflictItem, SideView, SyncPanel } from "../lib/api-sync";

/** The status of an enrolled computer that synced 5 minutes ago, with nothing waiting. */
export function panel(extra: Partial<SyncPanel> = {}): SyncPanel {
  return {
    enrolled: true,
    centre_name: "Павлодар облысы",
    centre_url: "https://127.0.0.1:8443",
    last_sync_at: "2026-12-06T09:00:00.000Z",
    minutes_since_sync: 5,
    unreachable_since: null,
    waiting: 0,
    open_conflicts: 0,
    open_cases: 0,
    open_cross_cases: 0,
    syncing: false,
    background: true,
    interval_minutes: 5,
    problem: null,
    last_report: null,
    ...extra,
  };
}

/** The status of a database that is not connected to a centre. */
export function offline(): SyncPanel {
  return panel({
    enrolled: false,
    centre_name: null,
    centre_url: null,
    last_sync_at: null,
    minutes_since_sync: null,
    background: false,
  });
}

export function side(value: SideView["value"], extra: Partial<SideView> = {}): SideView {
  return {
    value,
    money: {},
    login: "aigerim",
    at: "2026-12-06T08:15:00.000Z",
    device: "0193aa01",
    this_device: false,
    reason: "паспорт бойынша",
    ...extra,
  };
}

/** The head's surname corrected differently here and on the counter. */
export function surnameConflict(extra: Partial<ConflictItem> = {}): ConflictItem {
  return {
    id: "0193c0de-0000-7000-8000-000000000001",
    kind: "field",
    entity: "person",
    field: "surname",
    subject: "DEMO01-2026-00301 Сейітқалиев Нұрсұлтан",
    subject_regno: "DEMO01-2026-00301",
    kept: side("Сейітқалиев"),
    proposed: side("Сейтқали", { login: "admin", device: "0193bb02", this_device: true, reason: "куәлік бойынша" }),
    open: true,
    may_type: true,
    resolution: null,
    resolved_by: null,
    resolved_on: null,
    reason: null,
    ...extra,
  };
}

/** A plan item whose number the counter took first. */
export function duplicateInsert(): ConflictItem {
  return surnameConflict({
    id: "0193c0de-0000-7000-8000-000000000002",
    kind: "duplicate_insert",
    entity: "plan_item",
    field: "number",
    kept: null,
    proposed: side({ number: 3, area: "housing", description: "Пәтер іздеу", due_on: "2026-12-20" }),
    may_type: false,
  });
}

/** One instalment paid on two computers. */
export function paidTwice(extra: Partial<CaseItem> = {}): CaseItem {
  const paid = (order: string, login: string) =>
    side(
      { kind: "paid", amount_tiyn: 103_376_000, order_number: order, paid_on: "2026-12-05", seq: 1 },
      { login, money: { amount_tiyn: "1 033 760 ₸" }, reason: null },
    );
  return {
    id: "0193ca5e-0000-7000-8000-000000000001",
    entity: "ledger_entry",
    key: "line_kind",
    value: "paid",
    subject: "DEMO01-2026-00011 Ахметов Ерлан",
    subject_regno: "DEMO01-2026-00011",
    first: paid("ПП-117", "manager"),
    second: { ...paid("ПП-118", "admin"), this_device: true },
    open: true,
    decision: null,
    reason: null,
    decided_by: null,
    decided_on: null,
    ...extra,
  };
}
