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
