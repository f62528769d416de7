// Data the sync tests give the mocked Rust side: the status, a conflict over a surname, a
// record that did not take effect, a review case of one instalment paid twice, the places and
// summary of a packet, a person registered in two offices, a family paid the same subsidy in two
// offices — shaped by the generated types, so a change on the Rust side shows here as a type
// error.
import type {
  CaseItem,
  ConflictItem,
  CrossCaseItem,
  PacketImported,
  PacketPlaces,
  PaymentCaseItem,
  SideView,
  SyncPanel,
} from "../lib/api-sync";

/** The status of an enrolled computer that synced 5 minutes ago, with nothing waiting. */
export function panel(extra: Partial<SyncPanel> = {}): SyncPanel {
  return {
    enrolled: true,
    centre_name: "Павлодар облысы",
    centre_url: "https://127.0.0.1:8443",
    packets_only: false,
    last_sync_at: "2026-12-06T09:00:00.000Z",
    minutes_since_sync: 5,
    unreachable_since: null,
    waiting: 0,
    open_conflicts: 0,
    open_cases: 0,
    open_cross_cases: 0,
    open_payment_cases: 0,
    syncing: false,
    progress: null,
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

/** One USB stick (KINGSTON) holding the centre's answer, and the home folder. */
export function places(extra: Partial<PacketPlaces> = {}): PacketPlaces {
  return {
    drives: [{ path: "/media/aigerim/KINGSTON", name: "KINGSTON" }],
    home: "/home/aigerim",
    file_name: "otau-DEMO01-2026-12-06.otau",
    default_path: "/media/aigerim/KINGSTON/otau-DEMO01-2026-12-06.otau",
    files: [
      {
        path: "/media/aigerim/KINGSTON/centre-answer.otau",
        name: "centre-answer.otau",
        drive: "KINGSTON",
        modified: "2026-12-06T08:40:00Z",
        bytes: 20_480,
      },
      { path: "/home/aigerim/old.otau", name: "old.otau", drive: null, modified: "2026-12-01T08:40:00Z", bytes: 2_048 },
    ],
    ...extra,
  };
}

/** The centre's answer imported: 4 acknowledged, 12 applied, a conflict, a voided paper and a case. */
export function imported(extra: Partial<PacketImported> = {}): PacketImported {
  return {
    path: "/media/aigerim/KINGSTON/centre-answer.otau",
    packet_id: "0193feed-0000-7000-8000-000000000001",
    centre_name: "Орталық",
    device_name: "Counter",
    office: "DEMO01",
    first: 31,
    last: 57,
    report: { pushed: 4, duplicates: 0, applied: 12, already_held: 3, overruled: 0, conflicts: 1, cases: 0, reference: 3, blocks: 1, restore: null },
    voided_papers: 1,
    cross_cases: 1,
    cross_decisions: 0,
    other_reference: 2,
    ...extra,
  };
}

/** Нұрсұлтан Сейітқали, registered here and in AKM01 with the same IIN. */
export function crossCase(extra: Partial<CrossCaseItem> = {}): CrossCaseItem {
  const person = {
    id: "0193aaaa-0000-7000-8000-000000000001",
    family_id: "0193aaaa-0000-7000-8000-0000000000f1",
    regno: "DEMO01-2026-00301",
    relation: "head" as const,
    surname: "Сейітқали",
    given_name: "Нұрсұлтан",
    patronymic: "Болатұлы",
    surname_latin: "SEIITKALI",
    given_name_latin: "NURSULTAN",
    patronymic_latin: null,
    birth_date: "1985-04-12",
    sex: "male" as const,
    iin: "850412310211",
    citizenship: null,
    education: null,
    phone: null,
    email: null,
    version: 1,
  };
  const view = {
    person,
    family_regno: "DEMO01-2026-00301",
    documents: [
      {
        id: "0193aaaa-0000-7000-8000-0000000000d1",
        person_id: person.id,
        kind: "passport" as const,
        number: "FA2233445",
        number_norm: "FA2233445",
        issuing_country: "UZ",
        issued_on: "2019-05-20",
        valid_until: "2029-05-19",
        version: 1,
      },
    ],
    consents: [],
    withdrawals: [],
    scans: [],
  };
  return {
    id: "0193c105-0000-7000-8000-000000000001",
    key_kind: "iin",
    key_value: "850412310211",
    key_document: null,
    key_birth_date: null,
    here: view,
    family: {
      family: {
        id: person.family_id,
        office_id: "0193aaaa-0000-7000-8000-0000000000a1",
        regno: "DEMO01-2026-00301",
        registered_on: "2026-09-14",
        arrival_date: "2026-09-14",
        country_of_origin: "UZ",
        region: "KZ-55",
        settlement: "Павлодар",
        accommodation_category: null,
        address: null,
        version: 1,
      },
      members: [view],
    },
    other_office: "AKM01",
    other_office_name: "Ақмола облыстық бейімдеу орталығы",
    other: {
      regno: "AKM01-2026-00017",
      surname: "Сейиткали",
      given_name: "Нурсултан",
      patronymic: null,
      birth_date: "1985-04-12",
      iin: "850412310211",
      registered_at: "2026-11-02T06:10:00.000Z",
    },
    found_at: "2026-12-06T07:30:00.000Z",
    open: true,
    decisions: [],
    ...extra,
  };
}

/** A family paid the relocation subsidy here and, before, in Akmola: open, linked by the head's IIN. */
export function paymentCase(extra: Partial<PaymentCaseItem> = {}): PaymentCaseItem {
  return {
    id: "0193c2a7-0000-7000-8000-000000000001",
    subsidy_kind: "relocation",
    key: "iin:840302307707",
    key_kind: "iin",
    key_value: "840302307707",
    key_document: null,
    key_birth_date: null,
    here: {
      office: "DEMO01",
      office_name: "Павлодар облыстық бейімдеу орталығы",
      regno: "DEMO01-2026-00312",
      head: "Қасымов Ержан",
      amount: { tiyn: 30_275_000, text: "302\u00a0750\u00a0₸" },
      paid_on: "2026-12-01",
    },
    other: {
      office: "AKM01",
      office_name: "Ақмола облыстық бейімдеу орталығы",
      regno: "AKM01-2026-00017",
      head: "Касымов Ержан",
      amount: { tiyn: 30_275_000, text: "302\u00a0750\u00a0₸" },
      paid_on: "2026-10-20",
    },
    found_at: "2026-12-06T10:00:00.000Z",
    open: true,
    decision: null,
    reason: null,
    decided_by: null,
    decided_office: null,
    decided_here: false,
    decided_at: null,
    ...extra,
  };
}
