# Messages and headings of the otau command line.
cli-error = Error
cli-invalid-input = { $count ->
    [one] One field needs correcting; nothing was saved.
   *[other] { $count } fields need correcting; nothing was saved.
}
cli-member = Member { $n }
cli-duplicate-line = member { $n } looks like { $regno } { $name } ({ $birth }): { $reason }
cli-duplicate-hint = If they are different people, register again with --allow-duplicate.
cli-user-required = Say who is acting: --user LOGIN (the password comes from OTAU_PASSWORD or standard input).
cli-password-required = A password is needed: set OTAU_PASSWORD or give it on standard input.
cli-reference-data = The shipped reference data is damaged: { $detail }.
cli-bad-lang = Unknown language "{ $value }": use kk, ru or en.
cli-bad-date = "{ $value }" is not a date: write it as YYYY-MM-DD.
cli-bad-purpose = Unknown MCI purpose "{ $value }": use social_payments or fines_and_other.
cli-file-unreadable = Cannot read { $path }: { $detail }.
cli-file-invalid = { $path } is not a valid family file (line { $line }, column { $column }): { $detail }. See the family file format in README.md.
cli-init-done = Office { $office } ({ $name }) is ready in { $db }.
cli-user-added = User { $login } added with role { $role }.
cli-demo-done = Registered { $families } demo families; the registry now has { $total_families } families and { $total_persons } persons.
cli-demo-casework = Case work: { $done }. Refused by the office's rules: { $refused }.
cli-demo-spec = The demo population cannot be made: { $detail }.
cli-manager-password = The password of the manager { $login } is read from $OTAU_MANAGER_PASSWORD, which is not set.
cli-index-rebuilt = Search index rebuilt: { $count } persons.
cli-audit-ok = The audit is intact: { $rows } rows checked.
cli-audit-broken = The audit was changed or cut at row { $seq }. Report this to the administrator.
cli-family-registered = Family registered: { $regno }
cli-family-regno = Family number
cli-name-latin = Name in Latin
cli-find-none = Nobody found for "{ $query }".
cli-iin-valid = IIN { $iin } is valid.
cli-mci-at = On { $date } the MCI is { $tenge } ₸ (in force from { $from }).
cli-mci-none = No MCI is recorded for { $date }.
cli-col-regno = Number
cli-col-name = Name
cli-col-login = Login
cli-col-role = Role
cli-col-when = When
cli-col-who = Who
cli-col-action = Action
cli-col-what = Record
cli-col-changes = Changes
cli-audit-created = created
