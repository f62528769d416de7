# Otau desktop UI — subsidies and the payment ledger — English.
# Every id here must also exist in ../kk/ui-subsidy.ftl and ../ru/ui-subsidy.ftl.

## Navigation

ui-subsidy-nav-payments = Payments
ui-subsidy-nav-reference = Reference data

## Person card panel

ui-subsidy-panel-title = Subsidies
ui-subsidy-panel-count = { $count ->
    [0] no decisions
    [one] { $count } decision
   *[other] { $count } decisions
}
ui-subsidy-panel-none = The family has no subsidy yet.
ui-subsidy-panel-open = The family's subsidies

## Family subsidy screen

ui-subsidy-title = The family's subsidies
ui-subsidy-prepare = Prepare a subsidy
ui-subsidy-prepare-note = Check first: the eligibility and the instalments are shown, then save.
ui-subsidy-kind = Kind of subsidy
ui-subsidy-decided-on = Decision date
ui-subsidy-first-due = First due date
ui-subsidy-first-due-hint = Empty: the decision date
ui-subsidy-settlement-type = Settlement type
ui-subsidy-housing-cost = Housing cost, ₸
ui-subsidy-note = Note
ui-subsidy-check = Check
ui-subsidy-save = Save
ui-subsidy-eligible = The family is eligible. Rule: { $rule }
ui-subsidy-not-eligible = The subsidy cannot be granted:
ui-subsidy-preview-needs = Fill in what the rule asks for to compute the instalments.
ui-subsidy-prepared = Decision { $number } prepared: it awaits a manager's approval.
ui-subsidy-total = Total
ui-subsidy-decision-meta = { $date } · { $members } persons · { $rule } · prepared by { $by }
ui-subsidy-mci-from = from { $date }
ui-subsidy-mci-value = 1 MCI = { $value }
ui-subsidy-approved-by = approved by { $login }
ui-subsidy-paid-by-order = payment order No. { $order } of { $date }
ui-subsidy-approve = Approve
ui-subsidy-approved = { $number } approved.
ui-subsidy-pay = Mark paid
ui-subsidy-pay-save = Record the payment
ui-subsidy-paid-done = Payment of { $number } recorded.
ui-subsidy-order = Payment order number
ui-subsidy-paid-on = Payment date
ui-subsidy-paid-on-order = Paid · order
ui-subsidy-reverse = Reverse
ui-subsidy-reverse-save = Record the reversal
ui-subsidy-reversed = Unpaid instalments of { $number } reversed.
ui-subsidy-reason = Reason
ui-subsidy-move-away = Moved away
ui-subsidy-move-away-save = Record the move
ui-subsidy-moved-on = Date of the move
ui-subsidy-moved-away-on = The family moved away from the region on { $date }
ui-subsidy-moved-away-done = The move away was recorded.
ui-subsidy-ledger = Payment ledger
ui-subsidy-ledger-note = Entries never change: a correction is a reversal and a new decision
ui-subsidy-totals = Totals
ui-subsidy-accrued = Accrued
ui-subsidy-reversed-total = Reversed
ui-subsidy-net = Net
ui-subsidy-awaiting = Awaiting approval
ui-subsidy-approved-unpaid = Approved, unpaid
ui-subsidy-paid = Paid
ui-subsidy-reconciles = The totals reconcile with the ledger
ui-subsidy-not-reconciled = The totals do not reconcile with the ledger
ui-subsidy-cases = Reimbursement cases
ui-subsidy-case = { $decision }: { $amount } to reimburse by { $date }
ui-subsidy-date-placeholder = DD.MM.YYYY

## Columns

ui-subsidy-col-due = Due
ui-subsidy-col-mci-row = MCI
ui-subsidy-col-mci = MCI count
ui-subsidy-in-mci = { $mci } MCI
ui-subsidy-col-amount = Amount
ui-subsidy-col-state = State
ui-subsidy-col-explanation = Computation
ui-subsidy-col-when = When
ui-subsidy-col-decision = Decision
ui-subsidy-col-decision-family = Decision · family
ui-subsidy-col-entry = Entry
ui-subsidy-col-by = By
ui-subsidy-col-detail = Detail
ui-subsidy-col-family = Family
ui-subsidy-col-old = Old
ui-subsidy-col-new = New
ui-subsidy-col-difference = Difference

## Payments screen

ui-subsidy-payments-title = Payments
ui-subsidy-payments-note = Approval, payment and totals of every subsidy of the centre
ui-subsidy-month = Month
ui-subsidy-from = From
ui-subsidy-to = To
ui-subsidy-show = Show
ui-subsidy-awaiting-title = Awaiting approval
ui-subsidy-awaiting-none = Nothing awaits approval.
ui-subsidy-count-total = { $count } · { $total }
ui-subsidy-due-title = Due in { $month }
ui-subsidy-due-sums = Total { $total } · approved { $approved } · awaiting { $awaiting }
ui-subsidy-due-none = Nothing falls due this month.
ui-subsidy-paid-title = Paid from { $from } to { $to }
ui-subsidy-paid-none = No payments in this period.
ui-subsidy-paid-in-period = Paid in period
ui-subsidy-all-kinds = All kinds
ui-subsidy-recalc-title = Recalculation proposals
ui-subsidy-recalc-sum = { $count } proposals · difference { $total }
ui-subsidy-recalc-none = No recalculation proposed.
ui-subsidy-recalc-approve-all = Approve all
ui-subsidy-recalc-applied = Recalculation applied.
ui-subsidy-recalc-open = Open the recalculation proposals
ui-subsidy-month-placeholder = YYYY-MM
ui-subsidy-period-totals = Totals of { $from } – { $to }

## Reference data screen

ui-subsidy-reference-title = Reference data
ui-subsidy-reference-note = The MCI table and the subsidy rules: a change proposes recalculating unpaid instalments
ui-subsidy-mci-title = Monthly calculation index (MCI)
ui-subsidy-mci-from-col = In force from
ui-subsidy-mci-purpose = Purpose
ui-subsidy-mci-tenge = 1 MCI, ₸
ui-subsidy-mci-add = Add the row
ui-subsidy-mci-added = MCI row added. Recalculations proposed: { $count }.
ui-subsidy-purpose-social = Benefits and social payments
ui-subsidy-purpose-fines = Fines, taxes and other
ui-subsidy-rules-title = Subsidy rules
ui-subsidy-rule = Rule
ui-subsidy-rule-valid = Valid
ui-subsidy-rule-terms = Amount
ui-subsidy-rule-decisions = Decisions
ui-subsidy-rule-amount = { $mci } MCI
ui-subsidy-rule-share = { $percent }% of the cost, at most { $cap } MCI
ui-subsidy-rule-months = { $months } months
ui-subsidy-rule-json = A new rule version (JSON)
ui-subsidy-rule-json-hint = One rule or {"{"}"rules": [...]{"}"}: each is added as the next version of its id.
ui-subsidy-rule-add = Add the rule
ui-subsidy-rule-added = Rule added. Recalculations proposed: { $count }.
