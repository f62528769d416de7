// Typed wrappers around the administration commands (generated in `./bindings/commands.ts`):
// the backup panel and "Back up now", and the administrators' users screen — adding a user,
// setting a temporary password, deactivating and activating, the sign-in log.
import * as commands from "./bindings/commands";
import type { BackupPanel } from "./bindings/BackupPanel";
import type { NewUserForm } from "./bindings/NewUserForm";
import type { UsersScreen } from "./bindings/UsersScreen";
import type { SessionInfo } from "./bindings/SessionInfo";

export type { BackupPanel, NewUserForm, UsersScreen };
export type { LastBackup } from "./bindings/LastBackup";
export type { SignInAttempt } from "./bindings/SignInAttempt";
export type { UserRow } from "./bindings/UserRow";

/** The last backup, one running, the last failure. */
export function backupStatus(): Promise<BackupPanel> {
  return commands.backup_status();
}

/** Starts a backup in the background (administrators and managers). */
export function backUpNow(): Promise<BackupPanel> {
  return commands.back_up_now();
}

/** The users screen (administrators). */
export function usersScreen(): Promise<UsersScreen> {
  return commands.users_screen();
}

/** Adds a user with the password typed twice. */
export function addUser(form: NewUserForm): Promise<UsersScreen> {
  return commands.add_user({ form });
}

/** Sets a temporary password for `login` on this computer. */
export function resetPassword(login: string, password: string, passwordAgain: string): Promise<UsersScreen> {
  return commands.reset_password({ login, password, password_again: passwordAgain });
}

/** Deactivates or activates `login`. */
export function setUserActive(login: string, active: boolean): Promise<UsersScreen> {
  return commands.set_user_active({ login, active });
}

/** Changes the signed-in user's own password; the session comes back without the notice. */
export function changeOwnPassword(current: string, password: string, passwordAgain: string): Promise<SessionInfo> {
  return commands.change_own_password({ current, password, password_again: passwordAgain });
}
