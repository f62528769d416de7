# Otau desktop UI — administration: the backup panel of the home screen and the administrators'
# users screen (English). Every id here also exists in ../kk and ../ru.

## Codes of the users screen (otau-api)
desk-passwords-differ = The two passwords are not the same: type the same password twice.
desk-current-password-wrong = This is not your current password: type the password you signed in with.

## The backup panel
ui-backup-title = Backup
ui-backup-now = Back up now
ui-backup-running = A backup is being written and checked…
ui-backup-copying = Copying the database: { $percent }%
ui-backup-checking = Checking the copy by opening it…
ui-backup-last = Last backup: { $when }, { $size }, checked by opening it.
ui-backup-none = No backup yet. Backups go to { $folder }.
ui-backup-due = The last backup is more than a day old: one is written when someone signs in, or press Back up now.
ui-backup-failed = The backup failed: { $reason } Check that the disk has free space and that the folder { $folder } can be written to, then press Back up now (or ask a manager or the administrator).

## The users screen
ui-users-nav = Users
ui-users-title = Users
ui-users-note = Who may sign in to this office and with which role; passwords are set on this computer.
ui-users-list = Users of the office
ui-users-login = Login
ui-users-full-name = Full name
ui-users-role = Role
ui-users-state = Sign-in
ui-users-active = Active
ui-users-inactive = Deactivated
ui-users-last-sign-in = Last sign-in
ui-users-locked-until = Locked until
ui-users-set-password = Set password
ui-users-deactivate = Deactivate
ui-users-activate = Activate
ui-users-temporary-password = Temporary password
ui-users-password = Password
ui-users-password-again = Password again
ui-users-password-rule = At least 8 characters: several unrelated words, or letters, digits and signs mixed; not the login or the name.
ui-users-save-password = Save password
ui-users-cancel = Cancel
ui-users-add = Add a user
ui-users-add-save = Add user
ui-users-added = User { $login } added.
ui-users-password-set = A temporary password is set for { $login }: tell them, and ask them to change it.
ui-users-deactivated = { $login } is deactivated and can no longer sign in.
ui-users-activated = { $login } may sign in again.
ui-users-log = Sign-in log
ui-users-log-none = No sign-in attempts yet.
ui-users-when = When
ui-users-outcome = Outcome
ui-users-outcome-success = Signed in
ui-users-outcome-failure = Wrong login or password
ui-users-outcome-locked = Refused: locked after failures
ui-users-outcome-inactive = Refused: deactivated

## One's own password (the top bar's key button, and the notice after an administrator set it)
ui-own-password = My password
ui-own-password-title = Choose your own password
ui-own-password-note = Only you should know your password. Whoever set the one you have now may not approve what you prepare until you choose your own.
ui-own-password-due = An administrator set your password. Choose one only you know: until then, payments you prepare are approved by someone other than them.
ui-own-password-choose = Choose my password
ui-own-password-current = Current password
ui-own-password-new = New password
ui-own-password-again = New password again
ui-own-password-save = Save my password
ui-own-password-cancel = Cancel
ui-own-password-saved = Your password is changed; only you know it now.

## Importing a spreadsheet
desk-import-no-file = No spreadsheet is open for import: choose the file again.
desk-import-busy = A check or an import is already running: wait for it to end or stop it.
desk-import-not-received = The file did not arrive whole: choose it again.
desk-import-nothing-refused = No row was refused in the last check: there is nothing to save.
desk-import-no-folder = No documents folder is set to save the refused rows in: set one in the office settings.
