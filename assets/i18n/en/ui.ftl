# Otau desktop UI labels — English.
# Every id here must also exist in ../kk/ui.ftl and ../ru/ui.ftl (a UI test checks it).

## The app

ui-app-name = Otau
ui-app-wordmark = Otau — Отау
ui-app-tagline = Registration for kandas adaptation and integration centres
ui-app-feature-register = Register a family in minutes
ui-app-feature-search = Find anyone by any spelling of their name
ui-app-feature-offline = Works without an internet connection
ui-app-version = Version { $version }
ui-app-data-at = Database:
ui-app-database = Database: { $path }

## Language switcher

ui-lang-switcher = Interface language
ui-lang-kk = Қазақша
ui-lang-ru = Русский
ui-lang-en = English

## Sign-in screen

ui-signin-office-placeholder = Adaptation and integration centre
ui-signin-title = Sign in
ui-signin-subtitle = Use the login and password your office administrator gave you.
ui-signin-login = Login
ui-signin-password = Password
ui-signin-show-password = Show password
ui-signin-hide-password = Hide password
ui-signin-caps-lock = Caps Lock is on
ui-signin-submit = Sign in
ui-signin-error-empty = Enter your login and password.
ui-signin-error-no-login = Enter your login.
ui-signin-error-no-password = Enter your password.
ui-signin-not-ready = The database connection is not ready yet. Please try again later.
ui-signin-help = If you cannot sign in, contact your office administrator.

## Words shared by the working screens

ui-nav-label = Main menu
ui-nav-home = Home
ui-nav-find = Find
ui-nav-register = Register a family
ui-lock-now = Lock the screen
ui-sign-out = Sign out
ui-back = Back
ui-cancel = Cancel
ui-loading = Loading…
ui-today = Today
ui-until = until { $date }
ui-days-left = { $days ->
        [0] last day
        [one] { $days } day left
       *[other] { $days } days left
    }
ui-choose = — choose —
ui-not-given = Not given
ui-open-record = Open the record
ui-error-unexpected = Unexpected error: { $detail }. Try again; if it happens again, contact your administrator.
ui-col-name = Name
ui-col-latin = In Latin letters
ui-col-regno = Reg. number
ui-col-head = Head of family
ui-col-members = Members
ui-col-from = From
ui-col-when = When
ui-col-who = Who
ui-col-what = What was done
ui-col-whom = Concerning
ui-col-reason = Reason

## Keyboard shortcuts

ui-keys-title = Keyboard shortcuts
ui-key-search = Find
ui-key-new-family = Register a new family
ui-key-add-member = Add a family member
ui-key-save = Save
ui-key-edit = Correct the record
ui-key-lock = Lock the screen
ui-key-home = Home
ui-key-back = Back to the previous screen

## Home

ui-home-greeting = Welcome, { $name }!
ui-home-today = Today is { $date }
ui-home-figures = Office figures
ui-home-families = families registered
ui-home-persons = persons registered
ui-home-arrivals-week = families arrived in 7 days
ui-home-arrivals-today = { $count } today
ui-home-due-short = statuses ending within { $days } days
ui-home-arrivals = Latest arrivals
ui-home-arrivals-note = Last 7 days, today's first
ui-home-arrivals-none = No family arrived in the last 7 days.
ui-home-due = Statuses ending within { $days } days
ui-home-due-none = No kandas status ends within the next { $days } days.
ui-home-due-more = { $count } more
ui-home-work = Recent work
ui-home-work-none = Nothing has been recorded yet.

## Actions and records (history)

ui-action-family-register = Family registered
ui-action-person-edit = Record corrected
ui-action-status-record = Kandas status recorded
ui-action-status-extend = Status extended
ui-action-status-end = Status ended
ui-action-quota-include = Included in the quota
ui-action-quota-set = Quota set
ui-action-plan-add = Adaptation plan item added
ui-action-plan-update = Adaptation plan changed
ui-action-plan-stay = Stay at the centre recorded
ui-action-service-record = Service given
ui-action-user-add = User added
ui-action-user-password = Password set
ui-action-user-activate = User activated
ui-action-user-deactivate = User deactivated
ui-action-office-key-rotate = New signing key of the office
ui-action-office-init = Office created
ui-action-reference = Reference data loaded
ui-entity-family = Family
ui-entity-person = Personal data
ui-entity-document = Document
ui-entity-consent = Consent
ui-entity-status = Kandas status
ui-entity-quota = Quota
ui-entity-plan = Plan
ui-entity-service = Service
ui-entity-stay = Stay at the centre
ui-audit-field-registered_on = Registered on
ui-audit-field-granted_until = Granted until
ui-audit-field-extended_until = Extended until
ui-audit-field-end_note = Note on the end

## Find

ui-find-title = Find a person
ui-find-subtitle = Type a name in any spelling (Latin, Russian or Kazakh Cyrillic), an IIN or a document number.
ui-find-placeholder = Name, IIN or document number
ui-find-start = Results appear as you type. For example:
ui-find-example-latin = Latin
ui-find-example-russian = Russian
ui-find-example-kazakh = Kazakh
ui-find-example-iin = start of an IIN
ui-find-none = Nobody found for “{ $query }”. Try another spelling, the IIN or a document number.
ui-find-count = Found: { $count }
ui-find-took = { $ms } ms

## Register a family

ui-register-title = Register a family
ui-register-subtitle = First the family's arrival and settlement, then each member. Required fields are marked *.
ui-register-clear = Clear the form
ui-register-clear-confirm = Confirm clearing
ui-register-family = Family
ui-register-members = Family members ({ $count })
ui-register-member-number = Member { $number }
ui-register-member-unnamed = No name entered yet
ui-register-remove-member = Remove
ui-register-add-member = Add a family member
ui-register-hint = Everything is checked as you type. Save with Ctrl+S.
ui-register-member-duplicate = May be registered already
ui-register-duplicates-note = Likely duplicates of people already registered: { $count }. Check them before saving.
ui-register-duplicates-show = Show
ui-register-problems = Fields to correct: { $count }
ui-register-save = Register the family
ui-register-save-anyway = Register anyway
ui-register-done-title = Family registered
ui-register-done-text = Registration numbers given: { $count } { $count ->
        [one] person
       *[other] persons
    }.
ui-register-open-card = Open the card
ui-register-another = Register the next family
ui-date-placeholder = DD.MM.YYYY
ui-iin-placeholder = 12 digits
ui-iin-valid = Valid IIN · { $birth_date } · { $sex }
ui-citizenship-origin = Same as country of origin
ui-member-relation = Relation to the head
ui-member-latin-note = In Latin letters — exactly as on the document, letter for letter.
ui-consent-note = The date of consent and the purpose of processing are recorded.
ui-consent-default-purpose = Adaptation and integration services
ui-dup-title = Likely duplicates of people already registered: { $count }
ui-dup-explain = These may be the same people. Open the record and compare: if it is the same person, do not register them again.
ui-dup-col-new = Person in the form
ui-dup-col-existing = Already registered
ui-dup-col-reason = Why alike
ui-dup-member = Member { $number }: { $name }
ui-dup-allow = I have checked: these are different people; register the family anyway

## Person card

ui-card-age = { $age ->
        [one] { $age } year old
       *[other] { $age } years old
    }
ui-card-family = Family: { $regno }
ui-card-edit = Correct
ui-card-edit-title = Correct the record
ui-card-edit-note = Every change is kept in the history with its reason.
ui-card-reason-hint = For example: typo corrected from the document; new phone number.
ui-card-save = Save the correction
ui-card-saved = Correction saved.
ui-card-reload = Open the record again
ui-card-personal = Personal data
ui-card-latin = Spelling in Latin letters
ui-card-no-document = No document entered.
ui-card-contacts = Contacts and consent
ui-card-consent-given = given { $date }
ui-card-consent-missing = No consent recorded
ui-card-history = History of changes
ui-card-history-note = Who changed what, and when
ui-card-history-reason = Reason: { $reason }
ui-viewed-by-title = Viewed by
ui-viewed-by-count = { $shown } of { $total }, newest first
ui-viewed-by-none = Nobody has looked at this person's data yet.
ui-viewed-by-family = the whole family
ui-card-status = Kandas status and quota
ui-card-status-term = { $from } – { $until }
ui-card-status-since = since { $date }
ui-card-quota = { $region }: quota for { $year }
ui-card-quota-none = No quota is set for this region this year.
ui-card-quota-total = quota
ui-card-quota-used = used
ui-card-quota-left = left
ui-card-casework-note = Shown here only: status and quota decisions are recorded separately.
ui-card-family-title = Family

## Screen lock

ui-lock-title = Screen locked
ui-lock-text = { $name } ({ $login }), enter your password to go on working. Unsaved work is still there.
ui-lock-other-text = Sign in as another user. The previous user's unsaved form will be closed.
ui-lock-unlock = Unlock
ui-lock-other-user = Sign in as another user
ui-lock-same-user = Go on as { $login }

## Errors of the desktop app (codes from the Rust side)

desk-signed-out = Nobody is signed in: enter your login and password to go on.
desk-locked = The screen is locked: enter your password to go on.
desk-no-database = It is not known where the database is: give the file's path in the OTAU_DB variable and start the app again.
desk-date-format = “{ $value }” is not a date: write it as DD.MM.YYYY (e.g. 14.09.2026) or YYYY-MM-DD.
desk-internal = Internal error of the app: start the app again; if it happens again, contact your administrator.
desk-bad-arguments = The app asked for { $command } wrongly: start the app again; if it happens again, contact your administrator.
store-reason-required = Give the reason for the correction: it is kept in the history of changes.
ui-consent-basis-given = Consent given
ui-consent-basis-minor = A minor: a representative's consent
ui-consent-basis-no_capacity = Without capacity: a representative's consent
ui-consent-basis-other = No consent: another reason
ui-consent-basis-to_collect = To be collected
ui-consent-member = Member { $number }
ui-consent-to-collect-note = From an imported list: record the consent when the person gives it.
ui-consent-covered-by = Covered by the consent of { $name } ({ $regno })
ui-consent-expired = Consent expired on { $date }
ui-consent-withdrawn-on = Consent withdrawn on { $date }
ui-consent-until = until { $date }
ui-consent-warning = Without consent in force, nothing beyond what the law requires is done with this person's data: no new documents are issued about the family; a statement of everything held can be saved.
ui-consent-withdrawal = Withdrawal
ui-consent-withdrawal-line = { $date } · { $method } · received by { $by }
ui-consent-record = Record consent
ui-consent-record-save = Save consent
ui-consent-withdraw = Record withdrawal
ui-consent-withdraw-save = Save withdrawal
ui-consent-withdrawn_on = Date of withdrawal
ui-consent-withdrawal-method = How it was withdrawn
ui-consent-withdrawal-note = Note
ui-consent-withdrawal-received_by = Received by
ui-consent-export = Everything held, as a file
ui-consent-exported = Saved: { $path }. It holds personal data: give it only to the person or as the law requires.
ui-action-consent-record = Consent recorded
ui-action-consent-withdraw = Consent withdrawn
ui-entity-consent-withdrawal = Withdrawal of consent

# The office secret at sign-in and the recovery code shown once after joining an office.
ui-office-secret = Office secret
ui-office-secret-hint = The first time you sign in on this computer, enter the office secret your administrator gave you.
ui-recovery-code-title = Recovery code
ui-recovery-code-hint = Write this code down now and keep it away from this computer. It is shown only once and opens the database if the office secret is lost.
ui-recovery-code-done = I have written it down
