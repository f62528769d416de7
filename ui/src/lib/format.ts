// Display formats shared by every screen: calendar dates as DD.MM.YYYY (how Kazakh and Russian
// office papers write them), moments in the computer's local time, names as written, and the
// translated text of an error. Formatting only: no date is read or judged here.
import { ApiError, cleanArgs } from "./api";
import { t, type Args } from "./i18n";

/** `2026-09-14` → `14.09.2026`; anything else is returned as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** An RFC 3339 moment in local time: `14.09.2026 10:05`. */
export function formatMoment(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Only the local time of day of an RFC 3339 moment: `10:05`. */
export function formatTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** `YYYY-MM-DD` of a local moment (for comparing with dates from Rust). */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** Initials for an avatar: the first letters of the surname and the given name. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join("");
}

/** The translated message of an error coming from a command (or anything thrown). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return t(error.code, error.args as Args);
  return t("ui-error-unexpected", { detail: String(error) });
}

/** A label for a stable value (`relation-spouse`, `sex-male`); the value itself if unknown. */
export function label(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const id = `${prefix}-${value}`;
  const text = t(id);
  return text === id ? value : text;
}

/** The translated text of one field problem. */
export function problemText(problem: { code: string; args?: { [key in string]?: string } }): string {
  return t(problem.code, cleanArgs(problem.args));
}
