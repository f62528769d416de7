# Messages of the store's errors.
store-database = The database failed: { $detail }. Nothing was saved; try again, and if it repeats, call the administrator.
store-migration = The database could not be brought up to date: { $detail }.
store-schema-too-new = This database was made by a newer Otau (schema { $found }; this one knows up to { $supported }). Update Otau before opening it.
store-not-initialised = This database has no office yet. Create it with: otau init --office CODE --office-name NAME --region KZ-NN
store-already-initialised = This database already belongs to office { $office }.
store-invalid = { $count ->
    [one] One field needs correcting.
   *[other] { $count } fields need correcting.
}
store-duplicates = { $count ->
    [one] A member looks like a person already registered. Check before saving.
   *[other] { $count } matches with people already registered. Check before saving.
}
store-iin-taken = IIN { $iin } is already registered as { $regno }. Open that record instead of registering the person again.
store-not-found = No { $what } with number { $key }. Check the number.
store-bad-credentials = Wrong login or password.
store-forbidden =
    Your role ({ $role }) may not do this: { $action ->
        [read] viewing records
        [register-family] registering a family
        [edit-registry] correcting the registry
        [manage-users] managing users
        [manage-reference] changing reference data
        [issue-document] issuing a document
        [void-document] voiding a document
        [close-month] closing a month
        [prepare-subsidy] preparing a subsidy
        [approve-payment] approving a payment
        [record-payment] recording a payment
        [reverse-payment] reversing a payment
        [see-views] seeing who looked at a person's data
        [back-up] backing up the database
        [export-personal-data] exporting everything held about a person
       *[other] { $action }
    }. Ask a user with the right role.
store-login-taken = The login { $login } is taken: choose another.
store-version-conflict = Someone changed this record while you were editing it. Reload it and make your change again.
store-sequence-exhausted = All registration numbers of { $year } have been used.
store-password = The password could not be processed: { $detail }.
store-corrupt = Stored data is damaged: { $detail }. Call the administrator.
store-unknown-role = Unknown role "{ $value }": use clerk, manager or admin.
store-bad-login = A login is 2 to 32 characters: Latin letters, digits, dot, dash or underscore.
store-short-password = The password must have at least { $min } characters: choose several unrelated words, or letters, digits and signs mixed.
store-unknown-region = Unknown region "{ $value }": use a code such as KZ-55.
store-required = This field is required.
password-too-simple = The password is one character repeated, too few different characters or a run such as 12345678: choose several unrelated words, or at least { $min } letters, digits and signs mixed.
password-common = This password is among the first any guesser tries: choose several unrelated words, or at least { $min } letters, digits and signs mixed.
password-like-login = The password is the login or the name: choose several unrelated words that are not your name, or at least { $min } letters, digits and signs mixed.
store-sign-in-locked = Too many failed sign-ins for { $login }: try again after { $until }, or ask the administrator to set a new password.
store-user-inactive = The user { $login } is deactivated and cannot sign in: ask the administrator.
store-deactivate-self = An administrator cannot deactivate themselves: another administrator must do it.
store-last-admin = { $login } is the last active administrator: add or activate another administrator first.
access-kind-card = viewed the card
access-kind-print = printed
access-kind-export = exported
access-kind-search = found in a search
store-database-in-use = The database { $path } is open in the Otau app or another otau command: close them and try again.
store-backup-damaged = The backup { $path } cannot be used ({ $detail }): choose another backup; nothing was changed.
store-backup-too-new = This backup was made by a newer Otau (schema { $found }; this one knows up to { $supported }): update Otau before restoring it.
store-backup-other-office = This backup is of office { $backup }, and this database is of office { $here }: choose a backup of { $here }, or add --force to replace the database with the other office's.
store-backup-mismatch = The copy just written holds { $copy } ({ $what }) where the database held { $source }: it was not kept; try again, and if it happens again check the disk.
store-file-failed = A file could not be written or read: { $detail }. Check that the disk has free space and that the folder can be written to.
store-cancelled = Stopped before the end: nothing was saved. Start again when you are ready.
store-consent-not-in-force = The consent of { $name } ({ $regno }) { $state ->
        [withdrawn] was withdrawn on { $since }
       *[other] expired on { $since }
    }: no new document about the family is issued while it is so (Law 94-V). Record a new consent if the person gives one; the statement of what is held about them can still be exported.
store-consent-nothing-to-withdraw = { $regno } has no consent in force to withdraw: the card shows what is recorded.
consent-withdrawn-before-given = The withdrawal is dated before the consent was given ({ $given_on }): check the date.
