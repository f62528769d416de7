// Data the UI tests give the mocked Rust side: an office, a clerk's session, a registered
// family of two with its history, the reference lists — shaped by the generated types, so a
// change on the Rust side shows here as a type error.
import type { ConsentRec } from "../lib/bindings/ConsentRec";
import type { HistoryEntry } from "../lib/bindings/HistoryEntry";
import type { HomeScreen } from "../lib/bindings/HomeScreen";
import type { PersonCard } from "../lib/bindings/PersonCard";
import type { Permissions } from "../lib/bindings/Permissions";
import type { PersonRec } from "../lib/bindings/PersonRec";
import type { Reference } from "../lib/bindings/Reference";
import type { SessionInfo } from "../lib/bindings/SessionInfo";
import { emptyMember } from "../lib/forms";

export const OFFICE = {
  id: "o1",
  code: "PVL01",
  name: "Павлодар облыстық бейімдеу орталығы",
  region: "KZ-55",
  version: 1,
};

/** What each role may do, as Rust's `Role::permissions` says. */
export const PERMISSIONS: Record<"clerk" | "manager" | "admin", Permissions> = {
  clerk: {
    may_register: true, may_edit: true, may_manage_users: false, may_manage_reference: false,
    may_issue_documents: true, may_void_documents: false, may_close_month: false,
    may_prepare_subsidy: true, may_approve: false, may_record_payment: false, may_reverse: false,
    may_see_summaries: false, may_resolve_conflicts: true, may_decide_cases: false, may_enrol: false,
    may_see_views: false, may_back_up: false, may_export_person: false,
  },
  manager: {
    may_register: true, may_edit: true, may_manage_users: false, may_manage_reference: false,
    may_issue_documents: true, may_void_documents: true, may_close_month: true,
    may_prepare_subsidy: true, may_approve: true, may_record_payment: true, may_reverse: true,
    may_see_summaries: true, may_resolve_conflicts: true, may_decide_cases: true, may_enrol: false,
    may_see_views: true, may_back_up: true, may_export_person: true,
  },
  admin: {
    may_register: true, may_edit: true, may_manage_users: true, may_manage_reference: true,
    may_issue_documents: true, may_void_documents: false, may_close_month: false,
    may_prepare_subsidy: true, may_approve: true, may_record_payment: true, may_reverse: true,
    may_see_summaries: true, may_resolve_conflicts: true, may_decide_cases: true, may_enrol: true,
    may_see_views: true, may_back_up: true, may_export_person: true,
  },
};

export const SESSION: SessionInfo = {
  actor: { user_id: "u1", login: "aigerim", role: "clerk", full_name: "Айгерім Сапарова" },
  permissions: PERMISSIONS.clerk,
  office: OFFICE,
  idle_seconds: 900,
  locked: false,
  recovery_code: null,
  choose_own_password: false,
};

export const REFERENCE: Reference = {
  regions: [
    { code: "KZ-55", kk: "Павлодар облысы", ru: "Павлодарская область", en: "Pavlodar Region" },
    { code: "KZ-10", kk: "Абай облысы", ru: "область Абай", en: "Abai Region" },
  ],
  countries: [
    { code: "UZ", kk: "Өзбекстан", ru: "Узбекистан", en: "Uzbekistan" },
    { code: "CN", kk: "Қытай", ru: "Китай", en: "China" },
  ],
};

export const HEAD: PersonRec = {
  id: "p1",
  family_id: "f1",
  regno: "PVL01-2026-00001",
  relation: "head",
  surname: "Сейітқали",
  given_name: "Нұрсұлтан",
  patronymic: "Болатұлы",
  surname_latin: "SEIITKALI",
  given_name_latin: "NURSULTAN",
  patronymic_latin: null,
  birth_date: "1985-04-12",
  sex: "male",
  iin: "850412310211",
  citizenship: null,
  education: "higher",
  phone: "+77020000000",
  email: null,
  version: 2,
};

const SPOUSE: PersonRec = {
  ...HEAD,
  id: "p2",
  regno: "PVL01-2026-00002",
  relation: "spouse",
  given_name: "Әлия",
  patronymic: null,
  given_name_latin: "ALIYA",
  birth_date: "1988-11-03",
  sex: "female",
  iin: null,
  phone: null,
  version: 1,
};

export const HISTORY: HistoryEntry[] = [
  {
    seq: 9,
    at: "2026-11-25T09:30:00Z",
    user_login: "aigerim",
    origin: "local",
    device_id: null,
    not_applied: [],
    dropped: false,
    action: "person.edit",
    entity: "person",
    entity_id: "p1",
    reason: "Жаңа телефон нөмірі",
    before: { ...HEAD, phone: "+77015551234", version: 1 },
    after: { ...HEAD },
    money_before: {},
    money_after: {},
  },
  {
    seq: 3,
    at: "2026-09-14T05:00:00Z",
    user_login: "admin",
    origin: "local",
    device_id: null,
    not_applied: [],
    dropped: false,
    action: "family.register",
    entity: "person",
    entity_id: "p1",
    reason: null,
    before: null,
    after: { ...HEAD, phone: "+77015551234", version: 1 },
    money_before: {},
    money_after: {},
  },
  {
    seq: 2,
    at: "2026-09-14T05:00:00Z",
    user_login: "admin",
    origin: "local",
    device_id: null,
    not_applied: [],
    dropped: false,
    action: "family.register",
    entity: "family",
    entity_id: "f1",
    reason: null,
    before: null,
    after: { id: "f1", regno: "PVL01-2026-00001", arrival_date: "2026-09-14", region: "KZ-55", settlement: "Павлодар", version: 1 },
    money_before: {},
    money_after: {},
  },
];

export function card(): PersonCard {
  const consent: ConsentRec = {
    id: "c1",
    person_id: HEAD.id,
    given_on: "2026-09-14",
    purpose: "",
    basis: "given",
    purpose_code: "adaptation",
    term: "until_date",
    valid_until: "2031-09-13",
    method: "signed_form",
    covered_by: null,
    reason: null,
    version: 1,
  };
  const head = { person: HEAD, family_regno: HEAD.regno, documents: [], consents: [consent], withdrawals: [], scans: [] };
  return {
    today: "2026-11-25",
    person: head,
    age: 41,
    family: {
      family: {
        id: "f1",
        office_id: "o1",
        regno: HEAD.regno,
        registered_on: "2026-09-14",
        arrival_date: "2026-09-14",
        country_of_origin: "UZ",
        region: "KZ-55",
        settlement: "Павлодар",
        accommodation_category: "region_invites",
        address: null,
        version: 1,
      },
      members: [head, { person: SPOUSE, family_regno: HEAD.regno, documents: [], consents: [], withdrawals: [], scans: [] }],
    },
    history: HISTORY,
    status: {
      regno: HEAD.regno,
      name: "Сейітқали Нұрсұлтан Болатұлы",
      family_regno: HEAD.regno,
      on: "2026-11-25",
      state: { state: "granted", from: "2025-12-10", until: "2026-12-10" },
      days_left: 15,
      can_extend: true,
      current: null,
      history: [],
    },
    quota: { region: "KZ-55", year: 2026, quota: 1200, effective_from: "2026-01-01", used: 340, remaining: 860 },
    form: {
      ...emptyMember("head"),
      surname: HEAD.surname,
      given_name: HEAD.given_name,
      patronymic: "Болатұлы",
      birth_date: "12.04.1985",
      sex: "male",
      iin: HEAD.iin ?? "",
      phone: "+77020000000",
      consent: { ...emptyMember("head").consent, basis: "given", given_on: "14.09.2026", term: "until_date", valid_until: "13.09.2031" },
    },
    viewed_by: null,
    consent: { status: "in_force", since: null },
    covered_by: null,
  };
}

export function homeScreen(): HomeScreen {
  return {
    home: {
      today: "2026-11-25",
      families: 1234,
      persons: 4321,
      arrivals: [
        { regno: "PVL01-2026-00010", head_name: "Омаров Бауыржан", members: 5, country_of_origin: "CN", settlement: "Павлодар", arrival_date: "2026-11-25" },
        { regno: "PVL01-2026-00001", head_name: "Сейітқали Нұрсұлтан", members: 3, country_of_origin: "UZ", settlement: "Екібастұз", arrival_date: "2026-11-21" },
      ],
      recent_work: [
        { at: "2026-11-25T09:30:00Z", user_login: "aigerim", action: "person.edit", regno: "PVL01-2026-00001", name: "Сейітқали Нұрсұлтан", reason: "Жаңа телефон нөмірі" },
      ],
    },
    due: [
      { regno: "PVL01-2026-00007", name: "Төлеуов Ержан", family_regno: "PVL01-2026-00007", state: { state: "granted", from: "2025-12-05", until: "2026-12-05" }, until: "2026-12-05", days_left: 10, can_extend: true },
    ],
    due_within_days: 30,
  };
}
