// Tests of the UI translations: every language loads all its .ftl files without problems, the
// UI's own labels (ui.ftl) exist in all three languages, every id the code uses exists, and the
// current language switches at run time.
import { FluentResource } from "@fluent/bundle";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildBundles,
  DEFAULT_LANG,
  getLang,
  hasMessage,
  LANGS,
  loadedFiles,
  loadProblems,
  parseLang,
  setLang,
  t,
} from "./i18n";

// ui.ftl and the areas' own ui-<area>.ftl files.
const UI_FTL: Record<string, string> = import.meta.glob("../../../assets/i18n/*/ui{,-*}.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
});

const CODE: Record<string, string> = import.meta.glob(["../**/*.svelte", "../**/*.ts", "!../**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

function uiIds(lang: string): string[] {
  const path = Object.keys(UI_FTL).find((p) => p.includes(`/${lang}/ui.ftl`));
  expect(path, `assets/i18n/${lang}/ui.ftl exists`).toBeDefined();
  const paths = Object.keys(UI_FTL).filter((p) => p.includes(`/${lang}/ui`));
  const ids = paths.flatMap((p) => new FluentResource(UI_FTL[p] ?? "").body.map((entry) => entry.id));
  return ids.sort();
}

afterEach(() => setLang(DEFAULT_LANG));

describe("loading", () => {
  it("loads ui.ftl for all three languages", () => {
    for (const lang of LANGS) {
      expect(loadedFiles()[lang]).toContain("ui.ftl");
    }
  });

  it("finds no syntax errors or duplicate ids in any .ftl file", () => {
    expect(loadProblems()).toEqual([]);
  });

  it("loads the same set of files for every language", () => {
    const files = loadedFiles();
    expect(files.ru).toEqual(files.kk);
    expect(files.en).toEqual(files.kk);
  });

  it("reports a duplicate id as a problem", () => {
    const { problems } = buildBundles({
      "x/kk/a.ftl": "same = one\n",
      "x/kk/b.ftl": "same = two\n",
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ lang: "kk", file: "b.ftl" });
  });
});

describe("ui.ftl", () => {
  it("has the same ids in kk, ru and en", () => {
    const kk = uiIds("kk");
    expect(kk.length).toBeGreaterThan(10);
    expect(uiIds("ru")).toEqual(kk);
    expect(uiIds("en")).toEqual(kk);
  });

  it("gives every id a value in every language", () => {
    for (const lang of LANGS) {
      for (const id of uiIds(lang)) {
        expect(hasMessage(lang, id), `${lang}: ${id}`).toBe(true);
      }
    }
  });

  it("has every id the code asks for", () => {
    const used = new Set<string>();
    for (const source of Object.values(CODE)) {
      for (const match of source.matchAll(/["'`](ui-[a-z0-9]+(?:-[a-z0-9]+)*)["'`]/g)) {
        used.add(match[1] as string);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const kk = new Set(uiIds("kk"));
    expect([...used].filter((id) => !kk.has(id))).toEqual([]);
  });

  it("writes Kazakh with Kazakh letters", () => {
    setLang("kk");
    expect(t("ui-signin-password")).toBe("Құпиясөз");
    expect(t("ui-signin-error-empty")).toBe("Логин мен құпиясөзді енгізіңіз.");
  });
});

describe("t and the current language", () => {
  it("starts in Kazakh", () => {
    expect(getLang()).toBe("kk");
    expect(t("ui-signin-title")).toBe("Жүйеге кіру");
  });

  it("switches language at run time", () => {
    setLang("ru");
    expect(getLang()).toBe("ru");
    expect(t("ui-signin-title")).toBe("Вход в систему");
    setLang("en");
    expect(t("ui-signin-title")).toBe("Sign in");
    expect(document.documentElement.lang).toBe("en");
  });

  it("fills in arguments without isolation marks", () => {
    setLang("en");
    expect(t("ui-app-version", { version: "1.2.3" })).toBe("Version 1.2.3");
  });

  it("shows the id of a message nobody has", () => {
    expect(t("ui-no-such-message")).toBe("ui-no-such-message");
  });

  it("reads language codes", () => {
    expect(parseLang(" RU ")).toBe("ru");
    expect(parseLang("kz")).toBeUndefined();
    expect(parseLang(null)).toBeUndefined();
  });
});
