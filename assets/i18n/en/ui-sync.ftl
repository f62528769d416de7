# Otau desktop UI — sync with the centre: the sidebar's status, the sync screen (status,
# enrolment, conflicts, review cases), joining an office from the sign-in screen, and the history
# of changes synced from another device (English). Every id here also exists in ../kk and ../ru.

## Codes of the sync screens (otau-api)

desk-sync-required = Fill this in.
desk-sync-has-office = This database already belongs to an office: sign in instead.

## The sidebar

ui-sync-nav = Sync
ui-sync-open = Open the sync screen
ui-sync-now = Sync now
ui-sync-syncing = Syncing…
ui-sync-never = Not synced yet
ui-sync-just-now = Synced just now
ui-sync-minutes-ago = Synced { $minutes } min ago
ui-sync-last-at = Last sync { $moment }
ui-sync-waiting = { $count ->
        [one] { $count } change waiting to be sent
       *[other] { $count } changes waiting to be sent
    }
ui-sync-all-sent = Everything is sent
ui-sync-conflicts-count = { $count ->
        [one] { $count } conflict to resolve
       *[other] { $count } conflicts to resolve
    }
ui-sync-cases-count = { $count ->
        [one] { $count } review case
       *[other] { $count } review cases
    }
ui-sync-unreachable = Centre unreachable since { $moment }
ui-sync-not-enrolled = Not connected to a centre
ui-sync-works-offline = Everything works offline.

## The sync screen: status

ui-sync-title = Sync with the centre
ui-sync-subtitle = This computer's work goes to the centre and to the office's other computers, and theirs comes here. Sync runs in the background and never stops your work.
ui-sync-status = Status
ui-sync-centre = Centre
ui-sync-last = Last sync
ui-sync-waiting-label = Waiting to be sent
ui-sync-conflicts-label = Conflicts
ui-sync-cases-label = Review cases
ui-sync-background = Background sync
ui-sync-background-every = every { $minutes } min
ui-sync-background-off = off: sync with the button
ui-sync-problem = Last problem
ui-sync-report = Last sync: { $pushed } sent, { $applied } received, { $conflicts } new conflicts, { $cases } new review cases.
ui-sync-not-enrolled-note = This office database works on its own. Connect it to the centre so that its records reach the centre and the office's other computers.

## Enrolment

ui-sync-enrol-title = Connect this computer to the centre
ui-sync-enrol-note = Paste the one-time code the centre gave. This office's records are sent to the centre; from then on it syncs in the background.
ui-sync-enrol-centre = Centre address
ui-sync-enrol-centre-hint = For example https://centre.example.kz:8443
ui-sync-enrol-code = Enrolment code
ui-sync-enrol-name = Name of this computer
ui-sync-enrol-name-hint = Shown at the centre, e.g. "Counter 2" (optional)
ui-sync-enrol-submit = Connect
ui-sync-enrol-busy = Sending this office's records…
ui-sync-enrol-done = This computer is connected to the centre.
ui-sync-enrol-admins = Only an administrator can connect this computer to a centre.

## Conflicts

ui-sync-conflicts = Conflicts
ui-sync-conflicts-note = The same field was changed differently on two computers. Choose the right value and say why: the choice reaches every computer of the office.
ui-sync-conflicts-none = No conflicts to resolve.
ui-sync-show-resolved = Show resolved ones
ui-sync-kept = Stays for now
ui-sync-proposed = The other value
ui-sync-choose-kept = Keep this
ui-sync-choose-proposed = Take this
ui-sync-typed = Type the right value
ui-sync-reason = Reason
ui-sync-reason-hint = Kept in the history, e.g. "checked against the passport"
ui-sync-resolve = Resolve
ui-sync-choose = Choose one of the values, or type the right one.
ui-sync-this-device = this computer
ui-sync-other-device = device { $device }
ui-sync-said = “{ $reason }”
# States and decisions, named as the library names an enumeration's values (<enum>-<value>).
sync_state-open = To resolve
sync_state-resolved = Resolved
sync_state-decided = Decided
ui-sync-resolved = Resolved by { $login } on { $date }: { $value }
ui-sync-dismissed = Dismissed by { $login } on { $date }
ui-sync-resolved-why = Reason: { $reason }
ui-sync-resolve-done = Conflict resolved. It goes to the other computers with the next sync.
ui-sync-duplicate = A record that did not take effect
ui-sync-duplicate-note = Another computer took this record's number or key first, so it did not take effect. Register again what is still needed, then dismiss it here.
ui-sync-dismiss = Dismiss
ui-sync-resolve-not-allowed = Your role does not resolve conflicts.

## Review cases

ui-sync-cases = Review cases
ui-sync-cases-note = Two computers recorded facts about money or identity that cannot both stand without a manager: payments never merge.
ui-sync-cases-none = No review cases.
# What the two facts of a review case share.
case_key-line_kind = The same instalment approved or paid twice
case_key-line_settled = The same instalment both paid and reversed
case_key-iin = One IIN registered twice
ui-sync-first = First fact
ui-sync-second = Second fact
ui-sync-decision = Decision
ui-sync-decision-choose = Choose…
case_decision-both_stand = Both stand
case_decision-correction = Money recovered or the record corrected
case_decision-same_person = The same person
case_decision-different_people = Different people
ui-sync-decide = Decide
ui-sync-decided = Decided by { $login } on { $date }: { $decision }
ui-sync-decide-done = Review case decided.
ui-sync-choose-decision = Choose a decision.
ui-sync-cases-managers = A manager decides review cases.

## Joining an office on a new computer (the sign-in screen)

ui-sync-join-hint = A new computer of an office that already works with a centre?
ui-sync-join-link = Join an office
ui-sync-join-title = Join an office
ui-sync-join-subtitle = This computer receives the office's records from the centre. Passwords never travel: set the administrator's password for this computer.
ui-sync-join-login = Administrator's login
ui-sync-join-password = New password on this computer
ui-sync-join-password-hint = At least 8 characters
ui-sync-join-submit = Join the office
ui-sync-join-busy = Receiving the office's records…
ui-sync-join-back = Back to sign-in

## History of changes

ui-sync-history-remote = Synced from another device
ui-sync-history-remote-device = Synced from another device ({ $device })
ui-sync-history-not-applied = did not take effect: a conflict
ui-sync-history-dropped = This record did not take effect here: it clashed with a record already held (see the conflicts on the sync screen)
ui-sync-action-resolve = Conflict resolved
ui-sync-action-decide = Review case decided
ui-sync-entity-conflict = Sync conflict
ui-sync-entity-case = Review case
ui-history-field-sync_conflict-state = State
ui-history-field-review_case-state = State
ui-history-field-review_case-decision = Decision

## Packets on a USB stick (otau-api `packets`)

desk-packet-path-required = Name the file.
desk-packet-exists = { $path } exists already: a packet never replaces a file. Choose another name.
desk-packet-unwritable = Cannot write { $path }: { $detail }.
desk-packet-file-unreadable = Cannot read { $path }: { $detail }.
desk-packet-busy = A packet is being imported already: wait until it ends.
ui-sync-subtitle-packets = This computer has no line to the centre: its work goes to the centre and the office's other computers, and theirs comes here, in packets carried on a USB stick.
ui-sync-by-packet = Exchanges packets on a USB stick (no line to the centre)
ui-packet-title = Exchange by USB stick
ui-packet-note = Where there is no line to the centre, carry a packet on a USB stick: export this computer's work for the centre, then import the packet the centre writes in answer. Packets are encrypted and signed: a lost stick shows nothing about a person.
ui-packet-export-title = Export for the centre
ui-packet-export-note = The packet carries every change the centre has not acknowledged yet, so a lost packet costs nothing: the next one carries it again.
ui-packet-import-title = Import from the centre
ui-packet-import-note = Choose the packet the centre wrote for this computer, or type its path.
ui-packet-file = File
ui-packet-drives = USB drives
ui-packet-home = Home folder
ui-packet-no-drive = No USB drive found: the packet goes to the home folder. Insert a stick and press “Look again”.
ui-packet-refresh = Look again
ui-packet-export = Export packet
ui-packet-exporting = Writing the packet…
ui-packet-exported = Packet written to { $path }
ui-packet-exported-events = { $events ->
        [0] No change waits: the packet tells the centre this computer's state.
        [one] { $events } change for { $centre }.
       *[other] { $events } changes for { $centre }.
    }
ui-packet-exported-enrolment = It carries this computer's enrolment: the centre's answer completes it.
ui-packet-carry = Carry it to the centre and bring back its answer.
ui-packet-found = Packets found
ui-packet-found-none = No packet on the USB drives or in the home folder. Type the path below.
ui-packet-written-at = written { $moment }
ui-packet-import = Import packet
ui-packet-importing = Importing…
ui-packet-opening = Opening and checking the packet…
ui-packet-progress = { $done } of { $total } changes applied
ui-packet-imported = Packet imported
ui-packet-from-to = From { $centre } to { $device }, office { $office }
ui-packet-range = The office's changes { $first }–{ $last }
ui-packet-range-none = No new changes of the office in it
ui-packet-sum-acknowledged = This computer's changes the centre acknowledged
ui-packet-sum-applied = Changes of the office's other computers applied here
ui-packet-sum-held = Changes already held here
ui-packet-sum-conflicts = New conflicts to resolve
ui-packet-sum-cases = New review cases
ui-packet-sum-voided = Papers voided in other offices
ui-packet-sum-cross = People also registered in another office
ui-packet-sum-cross-decisions = Other offices' decisions on them
ui-packet-sum-reference = Reference items (MCI, rules, quotas, offices)
ui-packet-sum-blocks = Blocks of registration numbers
ui-packet-refused = Packet not imported

## The same person in two offices

ui-cross-title = The same person in two offices
ui-cross-note = The centre found a person registered here who is also registered in another office. Compare both records and say whether they are one person: your decision reaches the other office.
ui-cross-none = No person waits for a decision.
ui-cross-show-decided = Show decided ones
ui-cross-label = In two offices
ui-cross-count = { $count ->
        [one] { $count } person in two offices
       *[other] { $count } persons in two offices
    }
ui-cross-shared-iin = The same IIN: { $value }
ui-cross-shared-doc = The same document: { $document } { $value }
ui-cross-shared-name = The same name and birth date ({ $date }), in any script
ui-cross-found = Found by the centre { $moment }
ui-cross-here = In this office
ui-cross-there = In { $office }
ui-cross-office-code = office { $code }
ui-cross-name = Name
ui-cross-name-latin = In Latin letters
ui-cross-birth = Birth date
ui-cross-iin = IIN
ui-cross-documents = Documents
ui-cross-regno = Registration number
ui-cross-family = Family
ui-cross-registered = Registered
ui-cross-not-here = This person's record is not on this computer yet: sync first.
ui-cross-same = The same person
ui-cross-different = Different people
ui-cross-reason = Reason
ui-cross-reason-hint = What you compared: documents, photo, a call to the other office…
ui-cross-reason-required = Say why: the other office reads it.
ui-cross-decided-here = { $login } decided on { $moment }: { $decision }
ui-cross-decided-there = { $office } ({ $login }) decided on { $moment }: { $decision }
ui-cross-decide-done = The decision is recorded. It goes to the centre and the other office with the next sync.
ui-cross-editors = Those who correct the registry decide these cases.

## One family paid the same one-time subsidy in two offices

ui-paycase-title = The same subsidy paid in two offices
ui-paycase-note = The centre found a family paid a one-time subsidy here that another office also paid. Compare both payments and decide whether both stand or one is to be recovered: your decision reaches the other office.
ui-paycase-none = No payment waits for a decision.
ui-paycase-label = Paid twice
ui-paycase-count = { $count ->
        [one] { $count } family paid in two offices
       *[other] { $count } families paid in two offices
    }
ui-paycase-paid-here = Paid in this office
ui-paycase-paid-there = Paid in { $office }
ui-paycase-family = Family
ui-paycase-head = Head of family
ui-paycase-kind = Subsidy
ui-paycase-amount = Amount
ui-paycase-paid-on = Paid on
ui-paycase-keep = Both payments stand
ui-paycase-recover = Recover one
ui-paycase-reason-hint = What you checked: the rules, the family's documents, a call to the other office…
ui-paycase-managers = Only a manager decides these cases, as only a manager approves payments.
payment_decision-keep_both = Both payments stand
payment_decision-recover = One payment is to be recovered
ui-sync-progress-sending = Sending changes: { $done } of { $total }
ui-sync-progress-receiving = Receiving changes: { $done } of { $total }
