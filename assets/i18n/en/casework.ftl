# Case work: kandas status, regional quota, adaptation plan and services, import of spreadsheets.

## Kandas status

status-no-application = No application is recorded: give the date of the application first (--applied).
status-date-in-future = The date is later than today ({ $today }): check the date.
status-before-stage = The date is before the { $stage ->
        [applied_on] application
        [recommended_on] recommendation
       *[decided_on] decision
    } ({ $date }): check both dates.
status-incomplete = A date and its value go together: give both (for example --recommended with --recommendation).
status-refusal-reason-missing = A refusal needs its reason: give it with --refusal-reason.
status-reason-without-refusal = A refusal reason is given, but the status was not refused: remove the reason or record the refusal.
status-not-granted = The status was not granted, so it cannot be extended or ended: record the decision to grant it first.
status-extended-after-expiry = The status expired after { $until }: an extension must be decided while it is in force. Record a new application instead.
status-extension-length = An extension of { $months } months is not possible: give 1 to { $max } months.
status-already-extended = The status was already extended on { $on }: it can be extended only once.
status-already-ended = The status already ended on { $on }: nothing more can be recorded on it.
status-stage-recorded = This stage is already recorded as { $value }. To correct it, say why with --correction "reason".
status-none = { $regno } has no kandas status recorded: record the application and the decision first.

## Regional quota

quota-unknown-region = "{ $value }" is not a region: give a region code such as KZ-55, or KZ for the national total.
quota-year = The year { $year } is outside 1991–2100: check the year.
quota-negative = A quota of { $people } people is not possible: give zero or more.
quota-effective-after-year = A quota for { $year } cannot come into force on { $effective_from }, after that year: check the date and the year.
quota-duplicate-row = The quota table has two rows for { $region } { $year } from { $effective_from }: keep one.
quota-json = The quota table cannot be read ({ $detail }): correct the file or restore the one shipped with Otau.
quota-none = No quota for { $region } in { $year } is in force on { $on }: an administrator sets it with otau quota set.
quota-exceeded = The quota of { $region } for { $year } is { $quota } people; { $used } are already included, so { $remaining } { $remaining ->
        [one] place is
       *[other] places are
    } left and { $people } cannot be included. Include fewer people (--people) or wait for a change of the quota.
quota-people = { $people } people cannot be included from a family of { $family_size }: give 1 to { $family_size }.
quota-already-included = The family is already included in the quota ({ $region }, { $year }) by the decision of { $on }.
quota-date-in-future = The decision date is later than today ({ $today }): check the date.

## Plan, services, stay

plan-required = This field is empty: fill it in.
plan-date-in-future = The date is later than today ({ $today }): check the date.
plan-before-arrival = The date is before the family's arrival ({ $arrival_date }): check the date.
plan-end-before-start = The end is before the start ({ $start }): check both dates.
plan-stay-length = A stay of { $months } months is not possible: give 1 to 24 months.
plan-not-a-member = { $regno } is not a member of the family { $family_regno }: give a member of this family.
plan-unknown-user = There is no active user "{ $login }": give the login of a user of this office (otau user list).
plan-unknown-item = The plan has no item { $number }: see the items with otau plan show.
plan-not-in-list = "{ $value }" is not one of the values allowed: { $allowed }.
plan-bad-month = "{ $value }" is not a month: write it as YYYY-MM, for example 2026-11.

## Import of spreadsheets

import-mapping-invalid = The mapping file cannot be read ({ $detail }): correct it (see README.md) or make a new one with --suggest-mapping.
import-column-missing = The file has no column "{ $column }": correct the mapping. The file's columns are: { $columns }.
import-field-unmapped = The field { $field } has neither a column nor a default in the mapping: add one of them.
import-relation-unmapped = Rows are grouped into families, so a column must say each person's relation to the head: map "relation".
import-no-rows = The file has no data rows below the heading row: check the file and "header_row".
import-bad-date = "{ $value }" is not a date: write it as DD.MM.YYYY or YYYY-MM-DD.
import-bad-value = "{ $value }" is not understood: use one of { $allowed }, or add it to "values" in the mapping.
import-family-key-missing = The first row has no family number: fill in the family column.
import-family-refused = Row { $row } of the same family is refused, so the whole family waits: correct that row and import again.
import-family-field-conflict = "{ $value }" differs from the family's "{ $family_value }" (from its head's row): one family has one value; correct the row or split the family.
import-already-registered = Already registered as { $regno } ({ $reason }): skipped.
import-repeated-in-file = The same person as in row { $row }: remove one of the two rows.
import-likely-duplicate = Looks like { $regno } { $name } ({ $reason }): check whether it is the same person and register this family by hand.
import-file-kind = Files of type ".{ $ext }" cannot be imported: save the spreadsheet as XLSX or CSV.
import-header-row = Row { $row } of the file (the heading row) is empty or missing: check "header_row" in the mapping.
import-file-unreadable = Cannot read { $path }: { $detail }.
import-file-too-large = The file holds { $size_mb } MB, at most { $max_mb } MB are imported: split it into several files.
import-too-many-rows = The sheet has more than { $max } rows: split it into several files of at most { $max } rows.
import-too-many-columns = The sheet has a value beyond column { $max }: remove what lies beyond the register's columns (or save only those columns) and import again.
import-csv-not-utf8 = { $path } is not in UTF-8: save it again as "CSV UTF-8".
import-delimiter = "{ $value }" cannot separate CSV columns: use ";", "," or a tab.
import-sheet-missing = The file has no sheet "{ $sheet }": its sheets are { $sheets }.
import-refused-sheet = Refused rows
import-refused-row = Row in the file
import-refused-reasons = Why it was refused

## Command line

cli-bad-days = "{ $value }" is not a number of days: write it like 30d, 30 or 2w.
cli-status-term = from { $from } until { $until } ({ $days } days left)
cli-status-since = since { $on }
cli-status-on = On
cli-status-state = Status
cli-status-extension = { $on }, { $months } months
cli-status-rules = A status is granted for 12 months and can be extended once by { $months } months.
cli-status-due-none = No status ends within { $days } days.
cli-status-due = { $count ->
        [one] One status ends
       *[other] { $count } statuses end
    } within { $days } days:
cli-status-can-extend = can be extended
cli-col-days-left = Days left
cli-quota-national = Kazakhstan (total)
cli-col-quota = Quota
cli-col-used = Included
cli-col-remaining = Left
cli-quota-set = Quota of { $region } for { $year }: { $people } people from { $from }.
cli-quota-included = Family { $regno } included in the quota of { $region } for { $year }: { $people } people.
cli-quota-title = Regional quota for { $year } (as on { $on }):
cli-plan-head = Head of the family
cli-plan-left = left on { $on }
cli-plan-stay-days = { $days } days to the planned end
cli-plan-stay = Stay at the centre
cli-plan-open = Open items
cli-plan-open-count = { $open } open, { $overdue } overdue
cli-plan-overdue = overdue
cli-service-recorded = Service recorded: { $kind }, { $on }.
cli-service-summary = Services in { $month }: { $total }. Families served: { $families }; plan items done: { $done }; families at the centre: { $staying }; families that left: { $left }.
cli-col-count = Number
cli-col-label = Name
cli-import-dry-run = Dry run of { $file }: { $rows } rows read. Would create { $families } families ({ $persons } persons); { $skipped } already registered; { $refused } rows refused ({ $refused_families } families). Nothing was changed.
cli-import-done = Imported { $file }: { $rows } rows read. Created { $families } families ({ $persons } persons); { $skipped } already registered; { $refused } rows refused ({ $refused_families } families).
cli-import-field = Field
cli-import-column = Column
cli-import-family-key = Family number
cli-import-default = default
cli-import-rows = Rows
cli-import-members = Members
cli-import-skipped = Already registered (skipped):
cli-import-refused = Refused rows:
cli-import-row = Row
cli-import-reason = Reason

## Values

status_state-no_status = No status
status_state-applied = Applied
status_state-recommended = Recommended by the commission
status_state-refused = Refused
status_state-granted = Granted
status_state-extended = Extended
status_state-expired = Expired
status_state-ended_by_citizenship = Ended: citizenship
status_state-ended = Ended
recommendation-recommended = recommended
recommendation-not_recommended = not recommended
decision-granted = granted
decision-refused = refused
end_reason-citizenship = citizenship of Kazakhstan
end_reason-left_country = left Kazakhstan
end_reason-death = death
end_reason-other = other reason
plan_area-arrival_transport = Arrival and transport
plan_area-family_composition = Family composition
plan_area-financial_help = Financial help
plan_area-employment_training = Employment and training
plan_area-housing = Housing search
plan_area-language_courses = Language courses
plan_area-legal = Legal services
plan_area-medical = Medical services
plan_area-social = Social services
plan_area-educational = Educational services
plan_state-planned = Planned
plan_state-in_progress = In progress
plan_state-done = Done
plan_state-cancelled = Cancelled
service_category-information = Information services
service_category-legal = Legal services
service_category-social = Social services
service_category-medical = Medical services
service_category-educational = Educational services
service_kind-information_consultation = Information on rights, duties and resettlement
service_kind-labour_market_information = Information on jobs in the region
service_kind-settlement_information = Information on housing and settlements
service_kind-arrival_meeting = Meeting on arrival and transport
service_kind-legal_consultation = Legal consultation
service_kind-status_application_help = Help with the kandas status application
service_kind-quota_application_help = Help with the regional quota application
service_kind-residence_permit_help = Help with the residence permit
service_kind-citizenship_help = Help with the citizenship application
service_kind-documents_help = Help with documents (IIN, address registration, translations)
service_kind-temporary_accommodation = Temporary accommodation at the centre
service_kind-housing_search_help = Help finding housing
service_kind-employment_help = Help finding a job
service_kind-benefits_help = Help applying for subsidies and benefits
service_kind-social_consultation = Social consultation
service_kind-psychological_support = Psychological support
service_kind-polyclinic_attachment = Attachment to a polyclinic
service_kind-medical_examination = Medical examination
service_kind-medical_referral = First medical aid and referral
service_kind-kazakh_language_course = Kazakh language course
service_kind-russian_language_course = Russian language course
service_kind-script_course = Kazakh script course
service_kind-vocational_training = Vocational training
service_kind-school_placement = Place at a school or kindergarten
service_kind-culture_course = History, culture, traditions and laws of Kazakhstan

## Field names

field-applied_on = Date of application
field-recommended_on = Date of recommendation
field-recommendation = Recommendation
field-decided_on = Date of decision
field-decision = Decision
field-refusal_reason = Reason for refusal
field-extended_on = Date of extension
field-extension_months = Length of extension
field-ended_on = End date
field-end_reason = Reason for the end
field-valid_until = Valid until
field-regno = Registration number
field-people = People
field-year = Year
field-effective_from = In force from
field-note = Note
field-area = Area of the plan
field-description = What is to be done
field-responsible = Responsible
field-due_date = Due date
field-state = State
field-done_on = Date done
field-number = Item number
field-given_on = Date given
field-person = Person served
field-given_by = Given by
field-plan_item = Plan item
field-kind = Kind of service
field-started_on = First day at the centre
field-planned_end = Planned end
field-stay_months = Length of stay
field-month = Month
field-within = Period
field-mapping = Mapping file
field-file = File
field-on = Date
