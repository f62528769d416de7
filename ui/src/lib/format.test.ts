// Tests of the display formats: dates as DD.MM.YYYY, initials, translated errors and labels.
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { errorText, formatDate, formatSize, formatTime, initials, label, problemText, shownArgs } from "./format";
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

  it("writes the end of a sign-in lock in local time, the time alone when it is today", () => {
    const soon = new Date(Date.now() + 3 * 60_000).toISOString();
    const args = { login: "aigerim", until: "2026-11-25 09:31 UTC", until_utc: soon };
    expect(shownArgs(args).until).toBe(formatTime(soon));
    expect(shownArgs(args).until).not.toContain("UTC");
    setLang("en");
    const locked = new ApiError("sign_in", { code: "store-sign-in-locked", args });
    expect(errorText(locked)).toBe(
      `Too many failed sign-ins for aigerim: try again after ${formatTime(soon)}, or ask the administrator to set a new password.`,
    );
    // Another day: the date too.
    expect(shownArgs({ until_utc: "2001-02-03T04:05:06Z" }).until).toMatch(/^03\.02\.2001 \d\d:05$/);
    expect(shownArgs({ login: "x" })).toEqual({ login: "x" });
  });

  it("writes sizes as people read them", () => {
    expect(formatSize(900)).toBe("900 B");
    expect(formatSize(1500)).toBe("2 KB");
    expect(formatSize(3 * 1024 * 1024 + 1)).toBe("3.1 MB");
    expect(formatSize(25 * 1024 * 1024)).toBe("25 MB");
  });

  it("labels values, and shows an unknown one as it is", () => {
    expect(label("relation", "spouse")).toBe("Жұбайы");
    expect(label("relation", "cousin")).toBe("cousin");
    expect(label("sex", null)).toBe("");
  });
});
