// The reference lists (regions of Kazakhstan, countries of origin) as the Rust side gives them,
// loaded once, and their names in the current language.
import { reference as loadReference, type Reference } from "./api";
import type { Place } from "./bindings/Place";
import { getLang } from "./i18n";

const state = $state<{ data: Reference | null }>({ data: null });
let loading: Promise<void> | null = null;

/** Loads the lists once (later calls wait for the same load). */
export function ensureReference(): Promise<void> {
  loading ??= loadReference()
    .then((data) => {
      state.data = data;
    })
    .catch((error: unknown) => {
      loading = null;
      console.error("reference failed", error);
    });
  return loading;
}

/** For tests: sets the lists directly. */
export function setReference(data: Reference | null): void {
  state.data = data;
  loading = data ? Promise.resolve() : null;
}

/** The place's name in the current language. */
export function placeName(place: Place): string {
  return place[getLang()];
}

/** The regions, sorted by their name in the current language. */
export function regions(): Place[] {
  return sorted(state.data?.regions ?? []);
}

/** The countries, sorted by their name in the current language. */
export function countries(): Place[] {
  return sorted(state.data?.countries ?? []);
}

function sorted(places: Place[]): Place[] {
  const lang = getLang();
  return [...places].sort((a, b) => a[lang].localeCompare(b[lang], lang));
}

/** The name of a region by code, or the code if unknown. */
export function regionName(code: string): string {
  const place = state.data?.regions.find((r) => r.code === code);
  return place ? placeName(place) : code;
}

/** The name of a country by code, or the code if unknown. */
export function countryName(code: string | null | undefined): string {
  if (!code) return "";
  const place = state.data?.countries.find((c) => c.code === code);
  return place ? placeName(place) : code;
}
