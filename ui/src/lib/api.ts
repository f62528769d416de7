// The one place the UI talks to the Rust side: typed wrappers around Tauri's `invoke`, one per
// command, using the types generated from Rust in `./bindings`. Screens import these functions,
// never `invoke` itself, so tests can mock the IPC in one place (`@tauri-apps/api/mocks`).
// A failed command throws an `ApiError` carrying the shell's stable code, its arguments, the
// fields it concerns and the likely duplicates it found.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError as ApiErrorData } from "./bindings/ApiError";
import type { AppInfo } from "./bindings/AppInfo";
import type { DuplicateHit } from "./bindings/DuplicateHit";
import type { FamilyCheck } from "./bindings/FamilyCheck";
import type { FamilyForm } from "./bindings/FamilyForm";
import type { FieldError } from "./bindings/FieldError";
import type { FindResult } from "./bindings/FindResult";
import type { HomeScreen } from "./bindings/HomeScreen";
import type { IinCheck } from "./bindings/IinCheck";
import type { MemberForm } from "./bindings/MemberForm";
import type { PersonCard } from "./bindings/PersonCard";
import type { ReadDate } from "./bindings/ReadDate";
import type { Reference } from "./bindings/Reference";
import type { Registered } from "./bindings/Registered";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Sex } from "./bindings/Sex";

export type { AppInfo } from "./bindings/AppInfo";
export type { Lang as AppLang } from "./bindings/Lang";
export type {
  DuplicateHit,
  FamilyCheck,
  FamilyForm,
  FieldError,
  FindResult,
  HomeScreen,
  IinCheck,
  MemberForm,
  PersonCard,
  ReadDate,
  Reference,
  Registered,
  SessionInfo,
};

/** A command failed: `code` is stable (for deciding what to do and translating it). */
export class ApiError extends Error {
  readonly code: string;
  readonly command: string;
  readonly args: Record<string, string>;
  readonly fields: FieldError[];
  readonly duplicates: DuplicateHit[];

  constructor(command: string, data: Partial<ApiErrorData> & { code: string }) {
    super(data.message ?? data.code);
    this.name = "ApiError";
    this.command = command;
    this.code = data.code;
    this.args = cleanArgs(data.args);
    this.fields = data.fields ?? [];
    this.duplicates = data.duplicates ?? [];
  }
}

/** Message arguments without the `undefined` values the generated type allows. */
export function cleanArgs(args: { [key in string]?: string } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(args ?? {})) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Whether the page runs inside the desktop shell (or a test that mocks its IPC). */
export function hasBackend(): boolean {
  if (typeof window === "undefined") return false;
  const internals = (window as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function";
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!hasBackend()) {
    throw new ApiError(command, { code: "no-backend", message: "the page is not running inside the Otau app" });
  }
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) {
      const data = error as Partial<ApiErrorData> & { code: unknown };
      throw new ApiError(command, { ...data, code: String(data.code) });
    }
    throw new ApiError(command, { code: "ipc", message: String(error) });
  }
}

/** The app's version, database, start-up language, idle time and office. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** Regions and countries the forms choose from. */
export function reference(): Promise<Reference> {
  return call<Reference>("reference");
}

/** Signs a user in. */
export function signIn(login: string, password: string): Promise<SessionInfo> {
  return call<SessionInfo>("sign_in", { login, password });
}

/** The current session, if any. */
export function session(): Promise<SessionInfo | null> {
  return call<SessionInfo | null>("session");
}

/** Signs out. */
export function signOut(): Promise<void> {
  return call<void>("sign_out");
}

/** Locks the screen. */
export function lock(): Promise<void> {
  return call<void>("lock");
}

/** Unlocks with a password (the same user, or another who then takes over). */
export function unlock(login: string, password: string): Promise<SessionInfo> {
  return call<SessionInfo>("unlock", { login, password });
}

/** The home screen. */
export function home(): Promise<HomeScreen> {
  return call<HomeScreen>("home");
}

/** Finds persons by any spelling, an IIN or a document number. */
export function find(query: string, limit = 50): Promise<FindResult> {
  return call<FindResult>("find", { query, limit });
}

/** Reads a date as typed. */
export function readDate(text: string): Promise<ReadDate> {
  return call<ReadDate>("read_date", { text });
}

/** Checks an IIN and its agreement with the birth date and sex typed so far. */
export function checkIin(iin: string, birthDate: string, sex: Sex | null): Promise<IinCheck> {
  return call<IinCheck>("check_iin", { iin, birth_date: birthDate, sex });
}

/** Checks a registration form as it stands. */
export function checkFamily(form: FamilyForm): Promise<FamilyCheck> {
  return call<FamilyCheck>("check_family", { form });
}

/** Registers a family. */
export function registerFamily(form: FamilyForm, allowDuplicates: boolean): Promise<Registered> {
  return call<Registered>("register_family", { form, allow_duplicates: allowDuplicates });
}

/** The person card. */
export function personCard(regno: string): Promise<PersonCard> {
  return call<PersonCard>("person_card", { regno });
}

/** Corrects a person with a reason. */
export function editPerson(
  regno: string,
  member: MemberForm,
  baseVersion: number,
  reason: string,
): Promise<PersonCard> {
  return call<PersonCard>("edit_person", { regno, member, base_version: baseVersion, reason });
}

// Documents: the wrappers of the document commands live in `api-documents.ts` and call through
// the same function, so they throw the same `ApiError`.
export { call as callCommand };
