// Who is signed in and whether the screen is locked, as the shell last said. The shell is the
// authority (it refuses every command while locked); this mirrors it for the screens.
import type { AppInfo, SessionInfo } from "./api";

const state = $state<{ info: AppInfo | null; session: SessionInfo | null; locked: boolean }>({
  info: null,
  session: null,
  locked: false,
});

/** The app's start-up information, once known. */
export function appState(): { info: AppInfo | null; session: SessionInfo | null; locked: boolean } {
  return state;
}

/** Records the start-up information. */
export function setInfo(info: AppInfo | null): void {
  state.info = info;
}

/** Records a new session (after sign-in or unlock), or none (after sign-out). */
export function setSession(session: SessionInfo | null): void {
  state.session = session;
  state.locked = session?.locked ?? false;
}

/** Marks the screen locked or unlocked. */
export function setLocked(locked: boolean): void {
  state.locked = locked;
}
