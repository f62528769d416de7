// The one place the UI talks to the Rust side: `call` wraps Tauri's `invoke` and turns a failed
// command into an `ApiError` carrying the shell's stable code, its arguments, the fields it
// concerns and the likely duplicates it found. Only the generated `bindings/commands.ts` calls
// it, one typed function per command; tests mock the IPC in one place (`@tauri-apps/api/mocks`).
// A refusal because the shell locked itself shows the lock screen from here, whichever screen
// asked; one because the user was deactivated meanwhile shows the sign-in screen, saying so.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError as ApiErrorData } from "./bindings/ApiError";
import type { DuplicateHit } from "./bindings/DuplicateHit";
import type { FieldError } from "./bindings/FieldError";
import { Code } from "./bindings/codes";
import { appState, endSession, setLocked } from "./session.svelte";

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

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!hasBackend()) {
    throw new ApiError(command, { code: "no-backend", message: "the page is not running inside the Otau app" });
  }
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) {
      const data = error as Partial<ApiErrorData> & { code: unknown };
      const refused = new ApiError(command, { ...data, code: String(data.code) });
      // The shell locked itself (its own idle time passed): the lock screen shows, as after
      // the window's lock, and whatever was being typed stays for the same user.
      if (refused.code === Code.Locked && appState().session) setLocked(true);
      // The user was deactivated meanwhile: the shell signed them out, and the sign-in screen
      // says why.
      if (refused.code === Code.UserInactive && appState().session) {
        endSession({ id: refused.code, args: refused.args });
      }
      throw refused;
    }
    throw new ApiError(command, { code: "ipc", message: String(error) });
  }
}

