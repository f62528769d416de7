// Who is signed in and whether the screen is locked, as the shell last said. The shell is the
// authority (it refuses every command while locked); this mirrors it for the screens.
import type { AppInfo, SessionInfo } from "./api";

/** Why the session ended without the user asking (a message id and its arguments), shown by
 *  the sign-in screen. */
export interface Notice {
  id: string;
  args: Record<string, string>;
}

const state = $state<{
  info: AppInfo | null;
  session: SessionInfo | null;
  locked: boolean;
  notice: Notice | null;
}>({
  info: null,
  session: null,
  locked: false,
  notice: null,
});

/** The app's start-up information, once known. */
export function appState(): {
  info: AppInfo | null;
  session: SessionInfo | null;
  locked: boolean;
  notice: Notice | null;
} {
  return state;
}

/** Ends the session because the shell did (a user deactivated meanwhile), saying why. */
export function endSession(notice: Notice): void {
  state.session = null;
  state.locked = false;
  state.notice = notice;
}

/** Records the start-up information. */
export function setInfo(info: AppInfo | null): void {
  state.info = info;
}

/** Records a new session (after sign-in or unlock), or none (after sign-out). */
export function setSession(session: SessionInfo | null): void {
  state.session = session;
  state.locked = session?.locked ?? false;
  if (session) state.notice = null;
}

/** Marks the screen locked or unlocked. */
export function setLocked(locked: boolean): void {
  state.locked = locked;
}
