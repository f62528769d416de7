# Subsidies, the payment ledger, subsidy rules and recalculation: messages, labels and headings.

## Kinds, states and other values.
subsidy_kind-relocation = Relocation subsidy
subsidy_kind-rent = Rent and utilities subsidy
subsidy_kind-mobility_certificate = Economic mobility certificate
subsidy_kind-employer = Employer subsidy
instalment_state-awaiting_approval = Awaiting approval
instalment_state-approved = Approved
instalment_state-paid = Paid
instalment_state-cancelled = Cancelled
entry_kind-accrued = Accrued
entry_kind-approved = Approved
entry_kind-paid = Paid
entry_kind-reversed = Reversed
settlement_type-town = Town
settlement_type-village = Village
basis-per_member = per family member
basis-per_family = per family
basis-share_of_cost = share of the cost
reimbursement_status-open = Open
reimbursement_status-settled = Settled
reimbursement_status-waived = Waived

## Explanations of amounts, to be read aloud.
subsidy-explain-per-member = { $members ->
    [one] { $members } person
   *[other] { $members } persons
} × { $mci } MCI × { $mci_tenge } = { $amount }
subsidy-explain-per-family = { $mci } MCI × { $mci_tenge } = { $amount }
subsidy-explain-tier = { $settlement ->
    [village] village
   *[town] town
}, { $members ->
    [one] { $members } person
   *[other] { $members } persons
}: { $mci } MCI × { $mci_tenge } = { $amount }
subsidy-explain-share = { $percent }% × { $cost } = { $share } (at most { $cap_mci } MCI × { $mci_tenge } = { $cap })
subsidy-explain-share-capped = { $percent }% × { $cost } = { $share }, above the cap: { $cap_mci } MCI × { $mci_tenge } = { $cap }
subsidy-explain-share-uncapped = { $percent }% × { $cost } = { $share }

## Refusals and errors.
subsidy-invalid = { $count ->
    [one] One fact of the decision needs correcting.
   *[other] { $count } facts of the decision need correcting.
}
subsidy-no-rule = No rule for the { $kind ->
    [relocation] relocation subsidy
    [rent] rent and utilities subsidy
    [mobility_certificate] economic mobility certificate
    [employer] employer subsidy
   *[other] { $kind }
} is in force on { $on }. Check the decision date, or ask the administrator to add the rule (otau rule add).
subsidy-rule-not-in-force = Rule { $rule } does not apply to decisions of { $on }.
subsidy-no-mci = No MCI is recorded for { $on }. Ask the administrator to add it (otau mci add).
subsidy-overflow = An amount is too large to compute. Check the facts entered.
subsidy-not-eligible = { $count ->
    [one] The family cannot get this subsidy now:
   *[other] The family cannot get this subsidy now, for { $count } reasons:
}
subsidy-refused-not-in-quota = The family is not included in the regional quota. Record the quota decision first.
subsidy-refused-quota-later = The family was included in the quota on { $included_on }, after the decision date { $decided_on }. The decision date must be on or after the inclusion.
subsidy-refused-status = The head's kandas status is not in force on { $decided_on }. Record the status or its extension first.
subsidy-refused-iin-missing = { $name } ({ $regno }) has no IIN. Record it: an IIN is required before any payment.
subsidy-refused-already-granted = The family already has the { $kind ->
    [relocation] relocation subsidy
    [rent] rent and utilities subsidy
    [mobility_certificate] economic mobility certificate
    [employer] employer subsidy
   *[other] { $kind }
} by decision { $decision }; it is granted only once.
subsidy-refused-moved-away = The family moved away from the region on { $on }.
subsidy-no-members = The family has no members.
subsidy-due-before-decision = The first due date is before the decision date ({ $decided_on }). Use that date or a later one.
subsidy-field-not-used = This is not used for the { $kind ->
    [relocation] relocation subsidy
    [rent] rent and utilities subsidy
    [mobility_certificate] economic mobility certificate
    [employer] employer subsidy
   *[other] { $kind }
}: leave it out.
subsidy-settlement-type-required = Say whether the family lives in a town or a village.
subsidy-housing-cost-required = Enter the cost of the housing.
subsidy-housing-cost-positive = The cost of the housing must be more than zero.
subsidy-months-range = The number of months must be from 1 to { $max }.
subsidy-decision-before-arrival = The decision date is before the family's arrival ({ $arrival_date }).
subsidy-bad-number = "{ $value }" is not a decision number: write it as PVL01-S-2024-00001.
subsidy-already-moved-away = The family's move away on { $on } is already recorded.
subsidy-cli-bad-kind = Unknown subsidy "{ $value }": use relocation, rent, mobility_certificate or employer.
subsidy-cli-bad-settlement = Unknown settlement type "{ $value }": use town or village.
# A reason the system wrote in the ledger (kept as a code, translated here).
ledger-reason-moved-away = moved away on { $on }: { $reason }
ledger-reason-recalculation = recalculation after a change of the MCI or of the rule
ledger-maker-checker = { $login } prepared instalment { $seq } of { $decision } and cannot approve it: another manager must.
ledger-maker-checker-account = { $approver } cannot approve instalment { $seq } of { $decision }: { $setter } set the password { $owner } signs in with, so the preparer and the approver may be one person. Another manager must approve it, or { $owner } first sets a password of their own.
ledger-wrong-state = Instalment { $seq } of { $decision } is { $state ->
    [awaiting_approval] awaiting approval
    [approved] approved
    [paid] paid
    [cancelled] cancelled
   *[other] { $state }
}; this needs it { $needed ->
    [awaiting_approval] awaiting approval
    [approved] approved
    [unpaid] unpaid
   *[other] { $needed }
}.
ledger-nothing = Nothing in { $decision } is { $needed ->
    [awaiting_approval] awaiting approval
    [approved] approved and due by the payment date
    [unpaid] unpaid
   *[other] { $needed }
}. Check the decision: otau subsidy show { $decision }
ledger-paid-final = Instalment { $seq } of { $decision } is paid and never changes. If money must come back, that is a reimbursement case.
ledger-no-instalment = Decision { $decision } has no instalment { $seq }.
ledger-paid-before-decision = The payment date is before the decision date ({ $decided_on }).
ledger-bad-month = "{ $value }" is not a month: write it as YYYY-MM.
ledger-period-order = The end of the period is before its start ({ $from }).
recalc-not-proposed = No recalculation is proposed for instalment { $seq } of { $decision }: see otau recalc list.
recalc-bad-ref = "{ $value }" is not an instalment: write DECISION/N, e.g. PVL01-S-2026-00001/3.
rule-version-next = The next version of rule { $id } is { $next }: give that version or none.
rule-json = The rules are not readable: { $detail }. See the format in assets/reference/subsidy_rules.json.
rule-bad-id = Rule id "{ $id }" is not valid: use lowercase Latin letters, digits and dashes (e.g. rent-2027).
rule-bad-version = Rule { $id }: versions start at 1.
rule-ends-before-start = Rule { $id } ends ({ $valid_to }) before it starts ({ $valid_from }).
rule-amount-or-tiers = Rule { $id } needs exactly one of amount_mci and tiers (tiers only in a rule per family).
rule-field-not-for-basis = Rule { $id }: a rule { $basis ->
    [per_member] per family member
    [per_family] per family
   *[share_of_cost] paying a share of a cost
} does not use { $field }; remove it.
rule-non-positive = Rule { $id }: { $field } must be more than zero.
rule-percent = Rule { $id }: the percentage must be from 1 to 100.
rule-months = Rule { $id }: { $field } must be from 1 to { $max }.
rule-tiers = Rule { $id }: { $found } tiers cover a family of { $members } in a { $settlement ->
    [village] village
   *[town] town
}; exactly one tier must cover each family size.
rule-duplicate-version = Rule { $id } version { $version } is given twice.
rule-kind-changed = Rule { $id } is for the { $was ->
    [relocation] relocation subsidy
    [rent] rent and utilities subsidy
    [mobility_certificate] economic mobility certificate
    [employer] employer subsidy
   *[other] { $was }
}; a new version cannot change that. Give the new rule a new id.
rule-overlap = Rules { $first } and { $second } for the { $kind ->
    [relocation] relocation subsidy
    [rent] rent and utilities subsidy
    [mobility_certificate] economic mobility certificate
    [employer] employer subsidy
   *[other] { $kind }
} are both in force from { $on }. End the earlier rule first (a new version of it with valid_to).

## The command line.
subsidy-cli-decision = Decision { $number }: { $kind ->
    [relocation] relocation subsidy
    [rent] rent and utilities subsidy
    [mobility_certificate] economic mobility certificate
    [employer] employer subsidy
   *[other] { $kind }
}, family { $regno }
subsidy-cli-basis = Rule { $rule }, version { $version }; decided on { $decided_on }; { $members ->
    [one] { $members } family member
   *[other] { $members } family members
}
subsidy-cli-total = Total: { $amount }
subsidy-cli-approved = Approved: instalments { $seqs } of { $number }.
subsidy-cli-paid = Payment order { $order } of { $paid_on } recorded: instalments { $seqs } of { $number }.
subsidy-cli-reversed = Reversed: instalments { $seqs } of { $number }.
subsidy-cli-moved-away = Family { $regno } moved away on { $on }: instalments cancelled: { $cancelled }; reimbursement cases opened: { $cases }.
subsidy-cli-case = To pay back: { $amount } under { $decision } (the term ends on { $term_ends_on }).
subsidy-cli-eligible = The family can get this subsidy under rule { $rule }.
ledger-cli-statement = Family { $regno }, { $name }
ledger-cli-due = Due in { $month }: { $count ->
    [one] { $count } instalment
   *[other] { $count } instalments
}, { $total } (approved { $approved }, awaiting approval { $awaiting }).
ledger-cli-awaiting = Awaiting approval: { $count ->
    [one] { $count } instalment
   *[other] { $count } instalments
}, { $total }.
ledger-cli-paid = Paid from { $from } to { $to }: { $count ->
    [one] { $count } payment
   *[other] { $count } payments
}, { $total }.
ledger-cli-totals = Instalments due from { $from } to { $to }; paid in the period: { $paid }.
ledger-cli-reconciles = The totals reconcile with the ledger.
ledger-cli-not-reconciled = The totals do not reconcile with the ledger: report this to the administrator.
ledger-cli-rebuilt = Ledger lines rebuilt from the entries: { $count }.
ledger-cli-all-kinds = All subsidies
ledger-cli-departure = Moved away on { $on }: { $reason }
mci-cli-added = MCI from { $from }: { $tenge }.
mci-cli-recalc = Unpaid instalments that would change: { $count }. See otau recalc list.
rule-cli-added = Rule { $id }, version { $version }, added.
rule-cli-loaded = Shipped rules loaded: { $count }.
recalc-cli-none = No recalculation is proposed.
recalc-cli-applied = Recalculations applied: { $count }.
recalc-cli-blocked = { $decision }/{ $seq } cannot be recalculated: { $reason }
subsidy-col-seq = No.
subsidy-col-due = Due
subsidy-col-mci = MCI
subsidy-col-amount = Amount
subsidy-col-state = State
subsidy-col-explanation = Explanation
subsidy-col-decision = Decision
subsidy-col-family = Family
subsidy-col-kind = Subsidy
subsidy-col-entry = Entry
subsidy-col-by = By
subsidy-col-order = Payment order
subsidy-col-paid-on = Paid on
subsidy-col-old = Old
subsidy-col-new = New
subsidy-col-difference = Difference
subsidy-col-rule = Rule
subsidy-col-version = Version
subsidy-col-valid = In force
subsidy-col-terms = Terms
subsidy-col-decisions = Decisions
subsidy-col-current = Current
ledger-col-accrued = Accrued
ledger-col-reversed = Reversed
ledger-col-net = Net accrued
ledger-col-awaiting = Awaiting approval
ledger-col-approved = Approved, unpaid
ledger-col-paid = Paid
ledger-col-paid-in-period = Paid in the period

## Field names.
field-subsidy-quota = Regional quota
field-subsidy-status = Kandas status
field-subsidy-kind = Subsidy
field-subsidy-moved_away = Move away from the region
field-subsidy-members = Family members
field-subsidy-decided_on = Decision date
field-subsidy-first_due_on = First due date
field-subsidy-settlement_type = Town or village
field-subsidy-housing_cost = Housing cost
field-subsidy-months = Months
field-subsidy-reason = Reason
field-subsidy-moved_on = Date of the move
field-subsidy-instalment = Instalment
field-subsidy-family = Family
field-ledger-order_number = Payment order number
field-ledger-paid_on = Payment date
field-ledger-reason = Reason
field-ledger-month = Month
field-ledger-from = From
field-ledger-to = To
field-mci-effective_from = In force from
field-mci-tenge = MCI in tenge
field-mci-purpose = Purpose
field-mci-reason = Reason
field-rule-file = Rules file
field-rule-version = Rule version
field-recalc-instalment = Instalment
