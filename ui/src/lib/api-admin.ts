// Typed wrappers around the administration commands (generated in `./bindings/commands.ts`):
// the backup panel and "Back up now", the administrators' users screen — adding a user,
// setting a temporary password, deactivating and activating, the sign-in log — and the office
// settings screen.
import * as commands from "./bindings/commands";
import type { BackupPanel } from "./bindings/BackupPanel";
import type { NewUserForm } from "./bindings/NewUserForm";
import type { OfficeSettingsForm } from "./bindings/OfficeSettingsForm";
import type { OfficeSettingsScreen } from "./bindings/OfficeSettingsScreen";
import type { UsersScreen } from "./bindings/UsersScreen";
import type { SessionInfo } from "./bindings/SessionInfo";

export type { BackupPanel, NewUserForm, OfficeSettingsForm, OfficeSettingsScreen, UsersScreen };
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

/** The office settings screen (administrators): the office's name, this computer's documents
 *  folder and idle lock, and where each comes from. */
export function officeSettings(): Promise<OfficeSettingsScreen> {
  return commands.office_settings();
}

/** Saves the office settings; the screen as it then stands. */
export function saveOfficeSettings(form: OfficeSettingsForm): Promise<OfficeSettingsScreen> {
  return commands.save_office_settings({ form });
}
