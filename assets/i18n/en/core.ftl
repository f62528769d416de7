# Messages of otau-core: error codes (what is wrong and what to fix) and field names.
# Dates in arguments are YYYY-MM-DD.

## IIN

iin-length = An IIN has 12 digits, this one has { $found }: check the number against the document.
iin-not-digits = An IIN has only digits: remove letters, spaces and other signs.
iin-century = The 7th digit of an IIN is 1 to 6, this one has { $digit }: check the number against the document.
iin-birth-date = The first six digits of an IIN are the date of birth (YYMMDD), but { $digits } is not a real date: check the number against the document.
iin-check-digit = The IIN's check digit does not match: for these first 11 digits the last one must be { $expected }, not { $found }. Check every digit against the document.
iin-never-issued = No IIN is ever issued with these first 11 digits: check the number against the document.

## Money

money-empty = No amount is entered: enter an amount.
money-invalid = “{ $input }” is not an amount: write digits, grouped by spaces if you like, with a comma before tiyn, e.g. 1 033 760,50.
money-too-many-decimals = “{ $input }” has more than two digits after the comma: keep at most two.
money-overflow = The amount is too large: check the number of digits.

## MCI table

mci-empty = The MCI table has no rows: add at least one row (date, purpose, tenge).
mci-duplicate-row = The MCI table has two rows from { $effective_from } for { $purpose ->
        [social_payments] social payments
       *[other] fines and other payments
    }: keep one of them.
mci-non-positive = The MCI row from { $effective_from } says { $tenge } tenge: an MCI is a positive whole number of tenge, correct the amount.
mci-json = The MCI table file cannot be read ({ $detail }): correct the file or restore the one shipped with Otau.

## Office codes and registration numbers

office-code-length = An office code has 2 to 8 characters, this one has { $found }: use the code the centre gave your office.
office-code-chars = The office code “{ $value }” may contain only Latin capital letters and digits: remove the other characters.
office-code-start = The office code “{ $value }” must start with a letter: use the code the centre gave your office.
regno-format = “{ $value }” is not a registration number: write it like PVL01-2026-00042 (office, year, five-digit number).
regno-year = The year { $year } is outside 1991–9999: check the year in the registration number.
regno-seq = The number { $seq } is outside 1–99999: check the last part of the registration number.

## Validation of a family

value-required = This field is empty: fill it in.
family-no-members = The family has no members: add the head of the family.
family-no-head = No member is marked as the head of the family: mark exactly one member as the head.
family-several-heads = { $count } members are marked as the head of the family: keep one head and give the others their relation to the head.
name-not-latin = “{ $char }” is not a Latin letter: write the name exactly as on the document's Latin line, with Latin letters, spaces, hyphens and apostrophes only.
name-no-letters = The name has no letters: write it as on the document.
date-in-future = The date is later than today ({ $today }): check the date.
birth-after-arrival = The date of birth is later than the arrival date ({ $arrival_date }): check both dates.
birth-date-too-early = The date of birth is before { $min }: check the year.
arrival-date-too-early = The arrival date is before { $min }: check the year.
iin-birth-date-mismatch = The IIN gives the date of birth { $iin_birth_date }, but { $birth_date } is entered: check the IIN and the date of birth against the document.
iin-sex-mismatch = The IIN is that of a { $iin_sex ->
        [male] man
       *[other] woman
    }, but the other sex is entered: check the IIN and the sex against the document.
iin-duplicate = The same IIN is already entered for member { $other_number } of this family: check whose IIN it is.
document-duplicate = The same document number is already entered for member { $other_number } of this family: check whose document it is.
country-code-format = “{ $value }” is not a country code: write two Latin capital letters, e.g. UZ, CN, MN.
region-unknown = “{ $value }” is not a region of Kazakhstan: choose a region from the list (e.g. KZ-55 for Pavlodar Region).
document-number-format = A document number has { $min } to { $max } letters and digits (spaces, hyphens and dots do not count): check the number against the document.
passport-number-format = A passport number has { $min } to { $max } Latin letters and digits: check the number against the passport.
document-issued-before-birth = The date of issue is before the date of birth ({ $birth_date }): check both dates.
document-valid-until-before-issue = The expiry date is not after the date of issue ({ $issued_on }): check both dates.
phone-format = The phone number is not in international form: write + and the country code, 10 to 15 digits in all, e.g. +7 701 555 12 34.
email-format = The e-mail address is not valid: it looks like name@example.kz.
text-too-long = The text has { $found } characters, at most { $max } are accepted: shorten it.
text-control-character = The text has an invisible control character ({ $code_point }), which is never stored: type the value again without it (copying from another program can bring one in).
text-direction-control = The text has a hidden text-direction mark ({ $code_point }), which makes it read differently from how it is stored: type the value again without it.
consent-required = Member { $number } { $name } has no consent to personal data processing: record the consent (purpose, date, term, method) or the reason there is none (a child covered by a parent's consent, or another reason).
consent-and-reason = Both a consent and a reason why there is none are entered: keep one of them.
consent-until-before-given = The consent's last day is before the day it was given ({ $given_on }): check both dates.
consent-not-a-minor = The person is { $age } years old, not a minor: record their own consent.
consent-cover-unknown = There is no other member { $number } in this family: choose whose consent covers this person.
consent-cover-without-consent = Member { $number } has no consent of their own to cover this person: record their consent first, or choose another member.
consent-cover-minor = Member { $number } is a minor and cannot consent for another: choose an adult member.
consent-to-collect-import-only = "Consent to be collected" is only for people from an imported list: record the consent or the reason there is none.

## Field names

field-surname = Surname
field-given_name = Given name
field-patronymic = Patronymic
field-surname_latin = Surname (Latin)
field-given_name_latin = Given name (Latin)
field-patronymic_latin = Patronymic (Latin)
field-birth_date = Date of birth
field-sex = Sex
field-iin = IIN
field-citizenship = Citizenship
field-education = Education
field-document = Identity document
field-document-number = Document number
field-document-kind = Document type
field-document-issuing_country = Issuing country
field-document-issued_on = Date of issue
field-document-valid_until = Valid until
field-phone = Phone
field-email = E-mail
field-consent = Consent to personal data processing
field-consent-given_on = Date of consent
field-consent-purpose = Purpose of processing
field-consent-purpose_code = Purpose
field-consent-term = Term of consent
field-consent-valid_until = Consent valid until
field-consent-method = How consent was given
field-no_consent = No consent of their own
field-no_consent-reason = Reason there is no consent
field-no_consent-covered_by = Covered by the consent of
field-no_consent-note = Reason in words
field-relation = Relation to the head
field-members = Family members
field-arrival_date = Date of arrival
field-country_of_origin = Country of origin
field-region = Region
field-settlement = Town or village
field-accommodation_category = Accommodation category
field-address = Address
