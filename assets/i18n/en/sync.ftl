# The device's side of sync: what the office database refuses or reports, and `otau sync …`.
store-numbers-exhausted = This device has used every { $series ->
        [regno] registration number
        [document] document number
        [decision] decision number
       *[plan] plan item number
    } of { $year } the centre reserved for it: sync with the centre to receive more.
sync-already-enrolled = This database is already enrolled with a centre.
sync-not-enrolled = This database is not enrolled with a centre: run otau sync enrol first.
sync-wrong-office = The code is for office { $detail }: use a code of this database's office.
sync-bad-reference = Reference data from the centre does not read: { $detail }.
sync-bad-block = A block of numbers from the centre does not read: { $detail }.
sync-bad-value = A value from the centre does not read: { $detail }.
sync-unknown-operation = An event from the centre has an operation this Otau does not know ({ $detail }): update Otau.
sync-wrong-office-event = An event from the centre belongs to another office ({ $detail }).
sync-conflict-resolved = This conflict is already resolved.
sync-case-decided = This review case is already decided.
store-conflict-choose = Choose one of the two values, or type one (names, contacts, addresses and numbers only).
store-conflict-dismiss-only = A record the centre did not take can only be dismissed: register again what is still needed.
cli-sync-enrolled = This device is enrolled with the centre.
cli-sync-done = Synced: { $pushed } sent, { $applied } received, { $conflicts } new conflicts.
cli-sync-restored-device = This database had been restored from a backup: its own events came back from the centre.
cli-sync-restored-forked = This database had been restored from a backup and written to since: it has a new identity at the centre, and nothing was lost.
cli-sync-restored-centre = The centre had been restored from a backup: what it lost was sent again.
cli-sync-cases-opened = { $count } new review cases for a manager (otau sync cases).
cli-sync-not-enrolled = This database is not enrolled with a centre.
cli-sync-centre = Centre
cli-sync-address = Address
cli-sync-last = Last sync
cli-sync-waiting = Events waiting to be sent
cli-sync-open-conflicts = Conflicts to resolve
cli-sync-open-payment-cases = Families paid twice across offices to decide
cli-sync-open-cases = Review cases to decide
cli-sync-unreachable-since = Centre unreachable since
cli-sync-last-error = Last problem
cli-sync-col-id = Id
cli-sync-col-record = Record
cli-sync-col-field = Field
cli-sync-col-kept = Stays
cli-sync-col-proposed = Other value
cli-sync-col-key = Shared
cli-sync-col-state = State
cli-sync-choose = Say which value to keep: --take kept, --take proposed, --take dismiss or --value.
cli-sync-resolved = Conflict { $id } resolved.
cli-sync-decided = Review case { $id } decided.
cli-user-password-set = The password of { $login } is set on this device.
cli-sync-col-here = Here
cli-sync-col-there = In the other office
cli-sync-col-same-by = Same by
