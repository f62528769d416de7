// Tests of the history as people read it: audit rows grouped into pieces of work, what changed
// from what to what in words, and bookkeeping columns left out.
import { afterEach, describe, expect, it } from "vitest";
import { HISTORY, REFERENCE } from "../test/fixtures";
import { actionLabel, entityLabel, fieldLabel, recordChange, showValue, workItems } from "./audit";
import { DEFAULT_LANG, setLang } from "./i18n";
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
