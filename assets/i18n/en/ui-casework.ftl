# The desktop app's case work: the status and quota panel of the card, the adaptation plan and
# the office-wide case-work screen.

## Problems

ui-casework-required = This field is needed: fill it in.
ui-casework-number = "{ $value }" is not a whole number: type digits only.
ui-casework-status-refusal-reason-missing = A refusal needs its reason: write it in this field.
ui-casework-status-stage-recorded = This stage is already recorded as { $value }. To correct it, write why in "Reason for correction".
ui-casework-status-incomplete = A date and its value go together: give both (for example the date of the recommendation and the recommendation).
ui-casework-status-no-application = No application is recorded: give the date of the application first.
ui-casework-quota-none = No quota for { $year } ({ $region }) is in force on { $on }: an administrator sets it on the "Case work" screen.
ui-casework-quota-exceeded = The quota for { $year } ({ $region }) is { $quota } people and { $used } are already included: only { $remaining } { $remaining ->
        [one] place is
       *[other] places are
    } left, so { $people } people cannot be included. Include fewer people or wait for a change of the quota.
ui-casework-quota-people = { $people } people cannot be included from a family of { $family_size }: give 1 to { $family_size }.
ui-casework-plan-unknown-user = There is no active user "{ $login }": choose a user of this office.
ui-casework-plan-unknown-item = The plan has no item { $number }: reload the plan.

## Card panel

ui-casework-nav = Case work
ui-casework-panel-title = Case work
ui-casework-open-plan = Adaptation plan
ui-casework-save = Save
ui-casework-saved-status = Status decision saved.
ui-casework-saved-extend = Status extended.
ui-casework-saved-end = Status ended.
ui-casework-saved-quota = Family included in the quota.
ui-casework-saved-item = Plan item added.
ui-casework-saved-service = Service recorded.
ui-casework-saved-stay = Stay saved.
ui-casework-saved-state = State of the item changed.
ui-casework-whole-family = For the whole family ({ $count } people)
ui-casework-stage-applied = Application
ui-casework-stage-recommended = Commission
ui-casework-stage-decided = Decision
ui-casework-stage-term = Term
ui-casework-stage-extended = Extension
ui-casework-stage-ended = Ended
ui-casework-months = { $months ->
        [one] { $months } month
       *[other] { $months } months
    }
ui-casework-earlier = { $count ->
        [one] One earlier application
       *[other] { $count } earlier applications
    }
ui-casework-no-application = No application for the kandas status is recorded yet.
ui-casework-action-status = Record decision
ui-casework-action-extend = Extend ({ $months } mo.)
ui-casework-action-end = End
ui-casework-action-quota = Include in the quota
ui-casework-form-status = Status application and decision
ui-casework-form-extend = Extend the status
ui-casework-form-end = End the status
ui-casework-form-quota = Inclusion in the regional quota
ui-casework-not-yet = — not yet —
ui-casework-recommended-yes = Recommended
ui-casework-recommended-no = Not recommended
ui-casework-decision-granted = Granted
ui-casework-decision-refused = Refused
ui-casework-correction = Reason for correction
ui-casework-correction-hint = Only when changing a stage already recorded.
ui-casework-extend-note = A status is extended once, by { $months } months from the end of its year (reference data).
ui-casework-ended-on = First day without the status
ui-casework-quota-title = Quota of { $region }, { $year }
ui-casework-quota-left = { $remaining } { $remaining ->
        [one] place is
       *[other] places are
    } left of { $quota } ({ $used } included).
ui-casework-included = Included on { $date }: { $people } people ({ $region }, { $year }).
ui-casework-people-hint = Empty: the whole family ({ $count })
ui-casework-decision-note = Decision number or note

## Adaptation plan

ui-casework-plan-title = Individual adaptation and integration plan
ui-casework-plan-open-items = { $open } open, { $overdue } overdue
ui-casework-item-add = Add an item
ui-casework-service-add = Record a service
ui-casework-me = Me
ui-casework-whole-family-served = The whole family
ui-casework-items = Plan items by area
ui-casework-items-note = The state can be changed in the list
ui-casework-items-none = The plan has no items yet: add the first one.
ui-casework-item-services = { $count ->
        [one] one service given
       *[other] { $count } services given
    }
ui-casework-overdue = overdue
ui-casework-services = Services given
ui-casework-services-count = { $count ->
        [one] one service
       *[other] { $count } services
    }
ui-casework-services-none = No service has been recorded for this family yet.
ui-casework-stay = Stay at the centre
ui-casework-stay-edit = Change
ui-casework-stay-now = Now
ui-casework-stay-left = left on { $date }
ui-casework-stay-over = { $days } days past the planned end
ui-casework-stay-days = { $days } days to the planned end
ui-casework-stay-none = The stay starts with the first plan item.
ui-casework-stay-ended-on = Day the family left
ui-casework-stay-ended-hint = Empty while the family is at the centre.

## Case-work screen

ui-casework-title = Case work
ui-casework-col-person = Person
ui-casework-col-days = Days left
ui-casework-can-extend = can be extended
ui-casework-month-services = Services in { $month }
ui-casework-services-none-month = No service has been given this month.
ui-casework-families-served = Families served
ui-casework-items-done = Plan items done
ui-casework-families-staying = Families at the centre
ui-casework-quota-table = Regional quota for { $year }
ui-casework-quota-on = as on { $date }
ui-casework-year-prev = Previous year
ui-casework-year-next = Next year
ui-casework-set-quota = Set a quota
ui-casework-quota-saved = Quota saved.
ui-casework-quota-order = Order or source
ui-casework-quota-table-none = No quota is set and no family is included for { $year }.
ui-casework-col-changed = In force from
ui-casework-change = Change
ui-casework-national = Kazakhstan (total)
