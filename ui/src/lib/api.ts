// The one place the UI talks to the Rust side: typed wrappers around Tauri's `invoke`, one per
// command, using the types generated from Rust in `./bindings`. Screens import these functions,
// never `invoke` itself, so tests can mock the IPC in one place (`@tauri-apps/api/mocks`).
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";

export type { AppInfo } from "./bindings/AppInfo";
export type { Lang as AppLang } from "./bindings/Lang";

/** A command failed: `code` is stable (for deciding what to do), `message` is for logs. */
export class ApiError extends Error {
  readonly code: string;
  readonly command: string;

  constructor(command: string, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.command = command;
    this.code = code;
  }
}

/** Whether the page runs inside the desktop shell (or a test that mocks its IPC). */
export function hasBackend(): boolean {
  if (typeof window === "undefined") return false;
  const internals = (window as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function";
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!hasBackend()) {
    throw new ApiError(command, "no-backend", "the page is not running inside the Otau app");
  }
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) {
      const { code, message } = error as { code: unknown; message?: unknown };
      throw new ApiError(command, String(code), String(message ?? code));
    }
    throw new ApiError(command, "ipc", String(error));
  }
}

/** The app's version, database path and start-up language. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}
