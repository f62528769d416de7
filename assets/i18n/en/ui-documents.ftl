# Otau desktop UI — documents: the card's documents panel, the register, checking a QR code and
# the monthly summary (English). Every id here also exists in ../kk and ../ru.

ui-documents-nav = Documents
ui-documents-nav-summary = Monthly summary

## The documents panel of a person card

ui-documents-panel = Documents
ui-documents-issue-certificate = Registration certificate
ui-documents-issue-statement = Payment statement
ui-documents-issue-decision = Print the decision
ui-documents-decisions = Subsidy decisions
ui-documents-no-decisions = No subsidy decision for this family yet.
ui-documents-issued = Documents issued
ui-documents-none = No document has been issued to this family yet.
ui-documents-reprint = Reprint
ui-documents-reprint-hint = Printed as the original, marked "DUPLICATE".
ui-documents-working = Preparing…

## Saved file

ui-documents-saved = { $kind } { $number } saved
ui-documents-saved-duplicate = Duplicate of { $kind } { $number } saved
ui-documents-open = Open
ui-documents-print = Print
ui-documents-print-hint = Opens the system's print dialog
ui-documents-printing = Preparing…
ui-documents-open-hint = Opens the document in the system's viewer, to print it.
ui-documents-folder = Documents folder: { $path }

## Statuses

ui-documents-status-issued = Issued
ui-documents-status-duplicate = Duplicate
ui-documents-status-voided = Voided
ui-documents-voided-on = Voided on { $date } ({ $who }): { $reason }

## The register

ui-documents-title = Document register
ui-documents-subtitle = Every document the office issued: number, kind, to whom and by whom.
ui-documents-search = Search by number, kind, name or who issued it
ui-documents-found = { $count ->
        [0] Nothing found
        [one] { $count } line
       *[other] { $count } lines
    }
ui-documents-col-number = Number
ui-documents-col-kind = Kind
ui-documents-col-subject = To / about
ui-documents-col-issued-on = Issued on
ui-documents-col-issued-by = Issued by
ui-documents-col-status = Status
ui-documents-void = Void
ui-documents-void-title = Void document { $number }
ui-documents-void-note = The document stays in the register and its QR code will show it as voided. This cannot be undone.
ui-documents-void-reason = Reason
ui-documents-void-confirm = Void it
ui-documents-void-done = Document { $number } voided.

## Checking a paper

ui-documents-verify = Check a document
ui-documents-verify-note = Read the document's QR code with a scanner and paste its text here.
ui-documents-verify-payload = QR code text
ui-documents-verify-run = Check
ui-documents-verify-valid = Valid
ui-documents-verify-valid-note = Signed by office { $office } and not voided.
ui-documents-verify-tampered = Not valid
ui-documents-verify-tampered-note = The QR code was altered or forged. Do not accept the document.
ui-documents-verify-unknown_office = Unknown office
ui-documents-verify-unknown_office-note = This database has no key of office { $office }. Get it from the centre.
ui-documents-verify-voided = Voided
ui-documents-verify-voided-note = The document is genuine but was voided. Do not accept it.
ui-documents-verify-office = Office

## The monthly summary

ui-documents-summary-title = Monthly summary
ui-documents-summary-period = { $from } – { $to }
ui-documents-summary-month = Month
ui-documents-summary-show = Show
ui-documents-summary-prev = Previous month
ui-documents-summary-next = Next month
ui-documents-summary-open = Open
ui-documents-summary-closed = Closed { $date } · { $who }
ui-documents-summary-closed-note = The month is closed: its figures are frozen.
ui-documents-summary-pdf = Save PDF
ui-documents-summary-xlsx = Save XLSX
ui-documents-summary-close = Close the month
ui-documents-summary-close-confirm = Yes, close { $month }
ui-documents-summary-close-note = A closed month's figures are frozen for good; entries recorded later count in the next open month.
ui-documents-summary-not-over = A month can be closed only after it ends.
ui-documents-summary-closed-done = Month { $month } closed.
ui-documents-summary-arrived = Arrived
ui-documents-summary-registered = Registered
ui-documents-summary-families = families
ui-documents-summary-persons = persons
ui-documents-summary-late = Late entries of the closed month { $month }: arrived { $arrived_families } families / { $arrived_persons } persons, registered { $families } families / { $persons } persons.
ui-documents-summary-countries = By country of origin
ui-documents-summary-age = By age group
ui-documents-summary-education = By education
ui-documents-summary-statuses = Kandas status
ui-documents-summary-quota = Regional quota, { $year }
ui-documents-summary-quota-total = Quota
ui-documents-summary-quota-before = Before the month
ui-documents-summary-quota-month = In the month
ui-documents-summary-quota-left = Left
ui-documents-summary-subsidies = Subsidies of the month
ui-documents-summary-subsidy = Subsidy
ui-documents-summary-accrued = Accrued
ui-documents-summary-approved = Approved
ui-documents-summary-paid = Paid
ui-documents-summary-total = Total
ui-documents-summary-mci = { $amount } MCI
ui-documents-summary-not-kept = Not kept in this database.
ui-documents-summary-no-subsidies = No subsidy entries in the month.
ui-documents-summary-none = None
ui-documents-col-country = Country
ui-documents-col-group = Group
ui-documents-col-families = Families
ui-documents-col-persons = Persons

## Errors

ui-documents-err-no-folder = The documents folder is not known: set OTAU_DOCS_DIR.
ui-documents-err-folder = The folder { $path } could not be made ({ $detail }): the document was not registered.
ui-documents-err-write = The file { $path } could not be written ({ $detail }): the document was not registered.
ui-documents-err-not-saved = { $path } is not a document Otau saved.
ui-documents-err-open = { $path } could not be opened ({ $detail }). Open it from the folder yourself.
ui-documents-err-not-printable = { $path } is not a PDF, so it cannot be printed from the window. Open the file and print it from its viewer.
ui-documents-err-reason = Write why the document is voided.
ui-documents-voided-by-office = Voided by office { $office } on { $date }
ui-documents-verify-as-of = As of the last exchange with the centre, { $at }.
