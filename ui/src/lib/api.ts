// The registry's commands as the screens call them: thin wrappers around the functions generated
// from Rust in `./bindings/commands.ts` (each command's name and arguments written once, in Rust),
// never `invoke` itself. A failed command throws an `ApiError` (`./ipc`) carrying the shell's
// stable code, its arguments, the fields it concerns and the likely duplicates it found.
import * as commands from "./bindings/commands";
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

export { ApiError, call, cleanArgs, hasBackend } from "./ipc";
export { Code } from "./bindings/codes";
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

/** The app's version, database, start-up language, idle time and office. */
export function appInfo(): Promise<AppInfo> {
  return commands.app_info();
}

/** Regions and countries the forms choose from. */
export function reference(): Promise<Reference> {
  return commands.reference();
}

/** Signs a user in; with the office secret when this computer asked for it once
 *  (`vault-needs-office-secret`). */
export function signIn(login: string, password: string, officeSecret?: string): Promise<SessionInfo> {
  if (officeSecret) return commands.sign_in_with_secret({ login, password, office_secret: officeSecret });
  return commands.sign_in({ login, password });
}

/** The current session, if any. */
export function session(): Promise<SessionInfo | null> {
  return commands.session();
}

/** Signs out. */
export function signOut(): Promise<void> {
  return commands.sign_out();
}

/** Locks the screen. */
export function lock(): Promise<void> {
  return commands.lock();
}

/** Tells the shell someone is at the keyboard: its idle time starts again. */
export function stillHere(): Promise<void> {
  return commands.still_here();
}

/** Unlocks with a password (the same user, or another who then takes over). */
export function unlock(login: string, password: string): Promise<SessionInfo> {
  return commands.unlock({ login, password });
}

/** The home screen. */
export function home(): Promise<HomeScreen> {
  return commands.home();
}

/** Finds persons by any spelling, an IIN or a document number. */
export function find(query: string, limit = 50): Promise<FindResult> {
  return commands.find({ query, limit });
}

/** Reads a date as typed. */
export function readDate(text: string): Promise<ReadDate> {
  return commands.read_date({ text });
}

/** Checks an IIN and its agreement with the birth date and sex typed so far. */
export function checkIin(iin: string, birthDate: string, sex: Sex | null): Promise<IinCheck> {
  return commands.check_iin({ iin, birth_date: birthDate, sex });
}

/** Checks a registration form as it stands. */
export function checkFamily(form: FamilyForm): Promise<FamilyCheck> {
  return commands.check_family({ form });
}

/** Registers a family. */
export function registerFamily(form: FamilyForm, allowDuplicates: boolean): Promise<Registered> {
  return commands.register_family({ form, allow_duplicates: allowDuplicates });
}

/** The person card. */
export function personCard(regno: string): Promise<PersonCard> {
  return commands.person_card({ regno });
}

/** Corrects a person with a reason. */
export function editPerson(
  regno: string,
  member: MemberForm,
  baseVersion: number,
  reason: string,
): Promise<PersonCard> {
  return commands.edit_person({ regno, member, base_version: baseVersion, reason });
}
