// Tests of the display formats: dates as DD.MM.YYYY, initials, translated errors and labels.
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { errorText, formatDate, initials, label, problemText } from "./format";
import { DEFAULT_LANG, setLang } from "./i18n";

afterEach(() => setLang(DEFAULT_LANG));

describe("formats", () => {
  it("writes dates as offices do", () => {
    expect(formatDate("2026-09-04")).toBe("04.09.2026");
    expect(formatDate(null)).toBe("");
    expect(formatDate("14.09.2026")).toBe("14.09.2026");
  });

  it("takes initials from the surname and the given name", () => {
    expect(initials("Сейітқали Нұрсұлтан Болатұлы")).toBe("СН");
    expect(initials("әлия")).toBe("Ә");
  });

  it("translates an error by its code and arguments", () => {
    const error = new ApiError("edit_person", { code: "store-iin-taken", args: { iin: "850412310211", regno: "PVL01-2026-00001" } });
    expect(errorText(error)).toContain("850412310211");
    expect(errorText(error)).toContain("PVL01-2026-00001");
    expect(problemText({ code: "desk-date-format", args: { value: "31.02.1985" } })).toBe(
      "«31.02.1985» күн емес: күнді КК.АА.ЖЖЖЖ (мысалы, 14.09.2026) немесе ЖЖЖЖ-АА-КК түрінде жазыңыз.",
    );
    setLang("ru");
    expect(problemText({ code: "value-required" })).toBe("Поле не заполнено: заполните его.");
  });

  it("labels values, and shows an unknown one as it is", () => {
    expect(label("relation", "spouse")).toBe("Жұбайы");
    expect(label("relation", "cousin")).toBe("cousin");
    expect(label("sex", null)).toBe("");
  });
});
