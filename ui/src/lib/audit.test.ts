// Tests of the history as people read it: audit rows grouped into pieces of work, what changed
// from what to what in words, and bookkeeping columns left out.
import { afterEach, describe, expect, it } from "vitest";
import { HISTORY, REFERENCE } from "../test/fixtures";
import { CASE_HISTORY } from "../test/history-fixtures";
import { actionLabel, entityLabel, fieldLabel, recordChange, recordGroups, showValue, workItems } from "./audit";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { JsonValue } from "./bindings/serde_json/JsonValue";
import { DEFAULT_LANG, setLang, t } from "./i18n";
import { setReference } from "./reference.svelte";

afterEach(() => {
  setLang(DEFAULT_LANG);
  setReference(null);
});

describe("history", () => {
  it("groups the rows of one registration into one piece of work", () => {
    const items = workItems(HISTORY);
    expect(items.map((i) => [i.action, i.user, i.records.length])).toEqual([
      ["person.edit", "aigerim", 1],
      ["family.register", "admin", 2],
    ]);
    // Within a piece of work, the records in the order written: the family, then the person.
    expect(items[1]?.records.map((r) => r.entity)).toEqual(["family", "person"]);
    expect(items[0]?.reason).toBe("Жаңа телефон нөмірі");
  });

  it("shows only what a correction changed, before and after", () => {
    const change = recordChange(HISTORY[0]!);
    expect(change.created).toBe(false);
    expect(change.fields).toEqual([{ key: "phone", label: "Телефон", before: "+77015551234", after: "+77020000000" }]);
  });

  it("shows a created record's facts in words, without bookkeeping columns", () => {
    setReference(REFERENCE);
    const change = recordChange(HISTORY[1]!);
    expect(change.created).toBe(true);
    const keys = change.fields.map((f) => f.key);
    expect(keys).not.toContain("id");
    expect(keys).not.toContain("version");
    expect(keys).not.toContain("family_id");
    // In the order of the form.
    expect(keys.slice(0, 5)).toEqual(["regno", "relation", "surname", "given_name", "patronymic"]);
    const shown = Object.fromEntries(change.fields.map((f) => [f.key, f.after]));
    expect(shown).toMatchObject({ relation: "Отбасы басшысы", sex: "Ер", birth_date: "12.04.1985", education: "Жоғары" });
    expect(showValue("region", "KZ-55")).toBe("Павлодар облысы");
    expect(showValue("country_of_origin", "UZ")).toBe("Өзбекстан");
  });

  it("shows a consent (basis, purpose, term, method) and its withdrawal in words, with no code or id", () => {
    const consent = (after: Record<string, JsonValue>): HistoryEntry => ({
      ...HISTORY[1]!,
      entity: "consent",
      entity_id: "c1",
      after,
    });
    const own = consent({
      person_id: "p1",
      given_on: "2026-09-14",
      purpose: "Бейімдеу және кіріктіру қызметтері",
      basis: "given",
      purpose_code: "adaptation",
      term: "programme_end",
      method: "signed_form",
    });
    const child = consent({ person_id: "p2", given_on: "2026-09-14", purpose: "", basis: "minor", covered_by: "0190c3a2-7b1e-7000-8000-000000000001" });
    const shown = (entry: HistoryEntry) => recordChange(entry).fields.map((f) => `${f.label}: ${f.after}`);
    // In Kazakh and Russian no stored code (all Latin) is left; in English no code or id.
    for (const lang of ["kk", "ru"] as const) {
      setLang(lang);
      for (const line of [...shown(own), ...shown(child)]) expect(line).not.toMatch(/[a-z]/i);
    }
    setLang("en");
    for (const line of [...shown(own), ...shown(child)]) {
      expect(line).not.toMatch(/_|[0-9a-f]{8}-[0-9a-f]{4}|: (given|minor|adaptation)$/);
    }
    expect(shown(own)).toEqual([
      "Date of consent: 14.09.2026",
      "Basis: The person's own consent",
      "Purpose: Adaptation and integration services",
      "Purpose of processing: Бейімдеу және кіріктіру қызметтері",
      "Term of consent: Until the end of the adaptation programme",
      "How consent was given: Signed paper form",
    ]);
    expect(shown(child)).toEqual(["Date of consent: 14.09.2026", "Basis: A minor, covered by a representative's consent"]);
    setLang("kk");
    expect(shown(own)).toContain("Негіздеме: Адамның өз келісімі");

    const withdrawal: HistoryEntry = {
      ...HISTORY[0]!,
      entity: "consent_withdrawal",
      entity_id: "w1",
      before: null,
      after: { person_id: "p1", consent_id: "c1", withdrawn_on: "2026-11-02", method: "signed_form", received_by: "aigerim", note: "Өтініш бойынша" },
    };
    expect(shown(withdrawal)).toEqual([
      "Кері қайтарылған күн: 02.11.2026",
      "Кері қайтару тәсілі: Қол қойылған қағаз нысан",
      "Қабылдаған: aigerim",
      "Ескертпе: Өтініш бойынша",
    ]);
    setLang("ru");
    expect(shown(withdrawal).slice(0, 3)).toEqual(["Дата отзыва: 02.11.2026", "Способ отзыва: Подписанная бумажная форма", "Принял(а): aigerim"]);
  });

  it("names the person whose consent covers a child, from the person records of the history", () => {
    const covered = (by: string): HistoryEntry => ({
      ...HISTORY[1]!,
      seq: 4,
      entity: "consent",
      entity_id: "c2",
      after: { person_id: "p2", given_on: "2026-09-14", purpose: "", basis: "minor", covered_by: by },
    });
    const consentOf = (entries: HistoryEntry[]) =>
      workItems(entries)
        .flatMap((i) => i.records)
        .find((r) => r.entity === "consent")!
        .fields.map((f) => `${f.label}: ${f.after}`);
    setLang("en");
    // The head's record (p1) is in the same history: the child's consent names him.
    expect(consentOf([covered("p1"), ...HISTORY])).toEqual([
      "Date of consent: 14.09.2026",
      "Basis: A minor, covered by a representative's consent",
      "Covered by the consent of: Сейітқали Нұрсұлтан",
    ]);
    setLang("kk");
    expect(consentOf([covered("p1"), ...HISTORY])).toContain("Кімнің келісімімен: Сейітқали Нұрсұлтан");
    // A later correction of the given name alone (its row holds only that field) is the name shown.
    const renamed: HistoryEntry = { ...HISTORY[0]!, seq: 10, before: { given_name: "Нурсултан" }, after: { given_name: "Нұрсұлтан-Әли" } };
    expect(consentOf([renamed, covered("p1"), ...HISTORY])).toContain("Кімнің келісімімен: Сейітқали Нұрсұлтан-Әли");
    // A person the history does not hold is left out rather than shown as an id.
    const unknown = consentOf([covered("0190c3a2-7b1e-7000-8000-000000000001"), ...HISTORY]);
    expect(unknown.join(" ")).not.toMatch(/0190c3a2|covered_by/);
    expect(unknown).toHaveLength(2);
  });

  it("names actions, records and fields in the current language", () => {
    expect(actionLabel("person.edit")).toBe("Деректер түзетілді");
    expect(entityLabel("document")).toBe("Құжат");
    expect(fieldLabel("document", "number")).toBe("Құжат нөмірі");
    setLang("en");
    expect(actionLabel("family.register")).toBe("Family registered");
    expect(fieldLabel("person", "registered_on")).toBe("Registered on");
    expect(actionLabel("something.new")).toBe("something.new");
  });
});

describe("field names of case work", () => {
  it("names every field of a kandas status record in each language", () => {
    const keys = [
      "applied_on", "recommended_on", "recommendation", "decided_on", "decision", "refusal_reason",
      "granted_until", "extended_on", "extension_months", "extended_until", "ended_on", "end_reason",
      "end_note", "valid_until",
    ];
    for (const lang of ["kk", "ru", "en"] as const) {
      setLang(lang);
      const unnamed = keys.filter((key) => fieldLabel("kandas_status", key) === key);
      expect(unnamed, lang).toEqual([]);
    }
  });
});

describe("history of case work, subsidies and documents (real audit rows)", () => {
  const items = () => workItems(CASE_HISTORY);
  const find = (action: string, entity: string) => {
    const record = items()
      .filter((i) => i.action === action)
      .flatMap((i) => i.records)
      .find((r) => r.entity === entity);
    if (!record) throw new Error(`no ${entity} in ${action}`);
    return Object.fromEntries(record.fields.map((f) => [f.label, f.before ? `${f.before} → ${f.after}` : f.after]));
  };

  it("names every action and kind of record in words", () => {
    expect(items().map((i) => actionLabel(i.action))).toEqual([
      "Отбасы өңірден көшіп кетті",
      "Құжат жойылды",
      "Құжат берілді",
      "Төлем кері қайтарылды",
      "Субсидия шешімі дайындалды",
      "Төлем төленді",
      "Төлем бекітілді",
      "Субсидия шешімі дайындалды",
      "Қызмет көрсетілді",
      "Бейімдеу жоспары өзгертілді",
      "Бейімдеу жоспарына тармақ қосылды",
      "Квотаға енгізілді",
      "Мәртебе ұзартылды",
      "Қандас мәртебесі жазылды",
      "Отбасы тіркелді",
    ]);
    const prepared = items().find((i) => i.action === "subsidy.prepare" && i.records.length === 3);
    expect(prepared?.records.map((r) => entityLabel(r.entity))).toEqual([
      "Субсидия шешімі",
      "Субсидия төлемі",
      "Төлем кітабындағы жазба",
    ]);
    setLang("ru");
    expect(actionLabel("subsidy.approve")).toBe("Выплата утверждена");
    expect(entityLabel("issued_document")).toBe("Выданный документ");
    setLang("en");
    expect(actionLabel("document.void")).toBe("Document voided");
    expect(entityLabel("reimbursement_case")).toBe("Reimbursement case");
  });

  it("shows a subsidy decision with its kind, number, dates and total in tenge", () => {
    const decision = CASE_HISTORY.find((e) => e.entity === "subsidy_decision" && e.entity_id.endsWith("19f5"));
    const change = recordChange(decision!);
    expect(change.fields.map((f) => [f.label, f.after])).toEqual([
      ["Субсидия түрі", "Көшуге арналған субсидия"],
      ["Шешім нөмірі", "PVL01-S-2026-00001"],
      ["Шешім күні", "20.11.2026"],
      ["Отбасы мүшелерінің саны", "3"],
      ["Төлемдер саны", "1"],
      ["Бірінші төлем мерзімі", "01.12.2026"],
      ["Барлық сомасы", "908\u00a0250\u00a0₸"],
    ]);
  });

  it("shows a paid ledger entry in words, with the explanation in the current language", () => {
    const paid = find("subsidy.pay", "ledger_entry");
    expect(paid).toEqual({
      "Жазба түрі": "Төленді",
      "Субсидия түрі": "Көшуге арналған субсидия",
      "Төлеу мерзімі": "01.12.2026",
      "Сомасы": "908\u00a0250\u00a0₸",
      "АЕК бойынша сомасы": "210 АЕК",
      "1 АЕК мөлшері": "4\u00a0325\u00a0₸",
      "АЕК қолданысқа енген күн": "01.01.2026",
      "Есептелуі": "3 адам × 70 АЕК × 4\u00a0325\u00a0₸ = 908\u00a0250\u00a0₸",
      "Төлем тапсырмасының нөмірі": "PO-17",
      "Төленген күн": "05.12.2026",
    });
    setLang("ru");
    const ru = find("subsidy.pay", "ledger_entry");
    expect(ru["Расчёт"]).toBe("3 чел. × 70 МРП × 4\u00a0325\u00a0₸ = 908\u00a0250\u00a0₸");
    expect(ru["Сумма в МРП"]).toBe("210 МРП");
    expect(ru["Вид записи"]).toBe("Выплачено");
  });

  it("shows a reversal, a move away and a reimbursement case without repeating the reason", () => {
    const reversed = find("subsidy.reverse", "ledger_entry");
    expect(reversed["Жазба түрі"]).toBe("Кері қайтарылды");
    expect(reversed["Кері қайтарылған жазба"]).toBe("Есептелді");
    expect(reversed["Себебі"]).toBeUndefined();
    expect(items().find((i) => i.action === "subsidy.reverse")?.reason).toBe("contract ended");
    expect(find("subsidy.move_away", "family_departure")).toEqual({ "Көшіп кеткен күн": "06.12.2026" });
    expect(find("subsidy.move_away", "reimbursement_case")).toEqual({
      "Күйі": "Ашық",
      "Қайтарылуға тиіс сома": "908\u00a0250\u00a0₸",
      "Қайтару мерзімі": "20.11.2027",
    });
  });

  it("shows an issued and a voided document by kind, number and date, never its payload", () => {
    expect(find("document.issue", "issued_document")).toEqual({
      "Құжат түрі": "Тіркеу туралы анықтама",
      "Құжат нөмірі": "PVL01-2026-D00001",
      "Берілген күн": "06.12.2026",
    });
    expect(find("document.void", "document_void")).toEqual({
      "Құжат нөмірі": "PVL01-2026-D00001",
      "Жойылған күн": "06.12.2026",
    });
  });

  it("shows case work with the labels of its own kind of record", () => {
    expect(find("service.record", "service")).toEqual({ "Қызмет түрі": "Заң кеңесі", "Көрсетілген күн": "06.12.2026" });
    expect(find("plan.update", "plan_item")).toEqual({
      "Орындалған күн": "— → 06.12.2026",
      "Күйі": "Жоспарланды → Орындалды",
    });
    expect(find("plan.add", "plan_item")["Жоспар бөлімі"]).toBe("Тұрғын үй іздеу");
    expect(find("quota.include", "quota_inclusion")).toMatchObject({ "Адам саны": "3", "Жыл": "2026" });
    const extended = items().find((i) => i.action === "status.extend")?.records[0];
    expect(extended?.fields.map((f) => f.key)).toEqual(["extended_on", "extension_months", "extended_until", "valid_until"]);
  });

  it("never shows a raw key, id, hash, payload or JSON in any language", () => {
    const raw = /^[0-9a-f]{8}-[0-9a-f]{4}-|^\{|^\[|[A-Za-z0-9_-]{40,}|_tiyn|OTAU1\|/;
    for (const lang of ["kk", "ru", "en"] as const) {
      setLang(lang);
      for (const item of workItems(CASE_HISTORY)) {
        expect(actionLabel(item.action), `${lang} ${item.action}`).not.toBe(item.action);
        for (const record of item.records) {
          expect(entityLabel(record.entity), `${lang} ${record.entity}`).not.toBe(record.entity);
          for (const field of record.fields) {
            expect(field.label, `${lang} ${record.entity}.${field.key}`).not.toBe(field.key);
            expect(field.after, `${lang} ${record.entity}.${field.key}`).not.toMatch(raw);
          }
        }
      }
      // Every key present in the rows is either named or hidden as bookkeeping.
      for (const entry of CASE_HISTORY) {
        const shown = new Set(recordChange(entry).fields.map((f) => f.key));
        for (const key of Object.keys(entry.after as object)) {
          if (!shown.has(key)) continue;
          expect(fieldLabel(entry.entity, key), `${lang} ${entry.entity}.${key}`).not.toBe(key);
        }
      }
      const shownKeys = CASE_HISTORY.flatMap((e) => recordChange(e).fields.map((f) => f.key));
      for (const key of ["id", "version", "family_id", "decision_id", "content_hash", "content_json", "qr_payload", "rule_id", "acted_by", "subject_id"]) {
        expect(shownKeys, `${lang} ${key}`).not.toContain(key);
      }
    }
  });
});

describe("money in the history", () => {
  it("shows integer tiyn as the tenge text Rust wrote, never formatting money itself", () => {
    // Rust's texts for 103376000, 1050, 5, 0 and -90825000 tiyn (`otau_core::money`).
    for (const [tiyn, text] of [
      [103376000, "1\u00a0033\u00a0760\u00a0₸"],
      [1050, "10,50\u00a0₸"],
      [5, "0,05\u00a0₸"],
      [0, "0\u00a0₸"],
      [-90825000, "-908\u00a0250\u00a0₸"],
    ] as const) {
      expect(showValue("amount_tiyn", tiyn, "ledger_entry", text)).toBe(text);
    }
    expect(showValue("amount_mci", 1550, "ledger_entry", "15,50")).toBe("15,50 АЕК");
    expect(showValue("mci_tenge", 4325, "ledger_entry", "4\u00a0325\u00a0₸")).toBe("4\u00a0325\u00a0₸");
  });
});

describe("records of one piece of work", () => {
  it("shows at most two of a kind and says how many more there are", () => {
    const instalment = CASE_HISTORY.find((e) => e.entity === "subsidy_instalment")!;
    const decision = CASE_HISTORY.find((e) => e.entity === "subsidy_decision")!;
    const after = instalment.after as Record<string, JsonValue>;
    const twelve = Array.from({ length: 12 }, (_, i) => recordChange({ ...instalment, after: { ...after, seq: i + 1 } }));
    const groups = recordGroups([recordChange(decision), ...twelve]);
    expect(groups.map((g) => [g.record.entity, g.more])).toEqual([
      ["subsidy_decision", 0],
      ["subsidy_instalment", 0],
      ["subsidy_instalment", 10],
    ]);
    expect(groups[2]?.record.fields.find((f) => f.key === "seq")?.after).toBe("2");
    expect(t("ui-history-more", { count: 10, entity: entityLabel("subsidy_instalment") })).toBe("… тағы 10 жазба: Субсидия төлемі");
    setLang("ru");
    expect(t("ui-history-more", { count: 3, entity: "x" })).toBe("… ещё 3 записи: x");
  });
});

describe("every kind of record and action the store writes", () => {
  // From `crates/otau-store/src`: each `const ENTITY` and each action passed to `Store::write`.
  const entities = [
    "casework_setting", "office_key", "known_office_key", "issued_document", "document_void", "closed_month",
    "ledger_entry", "mci_row", "office", "plan_item", "service", "stay", "quota_row", "quota_inclusion",
    "family", "person", "document", "consent", "consent_withdrawal", "kandas_status", "subsidy_decision", "subsidy_instalment",
    "family_departure", "reimbursement_case", "subsidy_rule", "user",
  ];
  const actions = [
    "consent.record", "consent.withdraw",
    "document.issue", "document.reprint", "document.void", "family.register", "mci.add", "mci.correct",
    "month.close", "office.init", "office.key", "office.trust", "person.edit", "plan.add", "plan.stay",
    "plan.update", "quota.include", "quota.set", "reference.status_rules", "reference.stay_months",
    "service.record", "status.end", "status.extend", "status.record", "subsidy.approve", "subsidy.move_away",
    "subsidy.pay", "subsidy.prepare", "subsidy.recalc", "subsidy.reverse", "subsidy_rule.add",
    "subsidy_rule.load_shipped", "user.add",
  ];

  it("has a name in each language", () => {
    for (const lang of ["kk", "ru", "en"] as const) {
      setLang(lang);
      expect(entities.filter((e) => entityLabel(e) === e), lang).toEqual([]);
      expect(actions.filter((a) => actionLabel(a) === a), lang).toEqual([]);
    }
  });
});
