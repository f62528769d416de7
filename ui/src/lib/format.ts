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

/** An error's message arguments as shown: a lock's end (`until_utc`, a UTC moment) is written
 *  in the computer's local time, as `until` — the time of day alone when it is today. */
export function shownArgs(args: Record<string, string>): Record<string, string> {
  const until = args.until_utc;
  if (!until) return args;
  const end = new Date(until);
  if (Number.isNaN(end.getTime())) return args;
  const today = isoDay(new Date()) === isoDay(end);
  return { ...args, until: today ? formatTime(until) : formatMoment(until) };
}

/** The translated message of an error coming from a command (or anything thrown). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return t(error.code, shownArgs(error.args) as Args);
  return t("ui-error-unexpected", { detail: String(error) });
}

/** A size in bytes as people read it: `900 B`, `512 KB`, `3.4 MB`. */
export function formatSize(bytes: number): string {
  const kb = 1024;
  const mb = kb * 1024;
  if (bytes < kb) return `${bytes} B`;
  if (bytes < mb) return `${Math.ceil(bytes / kb)} KB`;
  if (bytes < 10 * mb) return `${(Math.ceil((bytes * 10) / mb) / 10).toFixed(1)} MB`;
  return `${Math.ceil(bytes / mb)} MB`;
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
