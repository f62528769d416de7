// Translations of the Otau UI: loads every Fluent file of every language from the shared
// `assets/i18n/{kk,ru,en}/*.ftl` (the same files the Rust side reads), formats messages with
// `t(id, args)` and holds the current language, which can be switched at run time. Reading
// `t()` or `getLang()` inside a Svelte template or `$derived` re-renders it when the language
// changes.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { createSubscriber } from "svelte/reactivity";
import type { Lang } from "./bindings/Lang";

/** A language the interface speaks: Rust's one list of languages (`otau_i18n::Lang`). */
export type { Lang };

/** All languages, the default first. */
export const LANGS: readonly Lang[] = ["kk", "ru", "en"];

/** The language the app starts in unless told otherwise. */
export const DEFAULT_LANG: Lang = "kk";

/** Arguments of a message: `{ $name }` placeables. */
export type Args = Record<string, FluentVariable>;

/** Returns `value` as a language if it is one of kk, ru, en (case and spaces ignored). */
export function parseLang(value: unknown): Lang | undefined {
  if (typeof value !== "string") return undefined;
  const code = value.trim().toLowerCase();
  return (LANGS as readonly string[]).includes(code) ? (code as Lang) : undefined;
}

/** The raw `.ftl` sources, keyed by their path relative to `ui/src/lib`. */
const SOURCES: Record<string, string> = import.meta.glob("../../../assets/i18n/*/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** One problem found while loading the `.ftl` files (a syntax error or a duplicate id). */
export interface LoadProblem {
  lang: Lang;
  file: string;
  message: string;
}

interface Loaded {
  bundles: Record<Lang, FluentBundle>;
  files: Record<Lang, string[]>;
  problems: LoadProblem[];
}

/** Builds one bundle per language from `.ftl` sources keyed by path (`…/<lang>/<name>.ftl`). */
export function buildBundles(sources: Record<string, string>): Loaded {
  const bundles = {} as Record<Lang, FluentBundle>;
  const files = {} as Record<Lang, string[]>;
  const problems: LoadProblem[] = [];
  for (const lang of LANGS) {
    // Isolation marks (U+2068/U+2069) only matter for right-to-left text; we have none.
    bundles[lang] = new FluentBundle(lang, { useIsolating: false });
    files[lang] = [];
  }
  for (const path of Object.keys(sources).sort()) {
    const match = /\/([a-z]{2})\/([^/]+\.ftl)$/.exec(path);
    const lang = parseLang(match?.[1]);
    const file = match?.[2];
    if (!lang || !file) continue;
    files[lang].push(file);
    const resource = new FluentResource(sources[path] ?? "");
    for (const error of bundles[lang].addResource(resource)) {
      problems.push({ lang, file, message: error.message });
    }
  }
  return { bundles, files, problems };
}

const loaded = buildBundles(SOURCES);
for (const problem of loaded.problems) {
  console.warn(`i18n: ${problem.lang}/${problem.file}: ${problem.message}`);
}

/** Which `.ftl` files were loaded for each language. */
export function loadedFiles(): Record<Lang, readonly string[]> {
  return loaded.files;
}

/** Problems found while loading the `.ftl` files; empty when all is well. */
export function loadProblems(): readonly LoadProblem[] {
  return loaded.problems;
}

/** Whether `id` is a message in `lang`. */
export function hasMessage(lang: Lang, id: string): boolean {
  return loaded.bundles[lang].hasMessage(id);
}

// The current language, and a way for Svelte to know when it changes.
let current: Lang = DEFAULT_LANG;
const listeners = new Set<() => void>();
const track = createSubscriber((update) => {
  listeners.add(update);
  return () => listeners.delete(update);
});

/** The current language (reactive in templates). */
export function getLang(): Lang {
  track();
  return current;
}

/** Switches the whole interface to `lang`. */
export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  for (const listener of [...listeners]) listener();
}

/** Formats message `id` in `lang`, or returns `undefined` if that language lacks it. */
export function format(lang: Lang, id: string, args?: Args): string | undefined {
  const bundle = loaded.bundles[lang];
  const message = bundle.getMessage(id);
  if (!message?.value) return undefined;
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, args ?? null, errors);
  for (const error of errors) console.warn(`i18n: ${lang}/${id}: ${error.message}`);
  return text;
}

/**
 * Translates `id` into the current language. A message missing there falls back to Kazakh,
 * then Russian, then English, and finally to the id itself so a gap is visible, never blank.
 */
export function t(id: string, args?: Args): string {
  const lang = getLang();
  for (const candidate of [lang, ...LANGS]) {
    const text = format(candidate, id, args);
    if (text !== undefined) return text;
  }
  return id;
}
