# Importing the register an office kept in a spreadsheet.
ui-import-title = Import a register from a spreadsheet
ui-import-subtitle = Families from an XLSX or CSV file: check which column holds what, see every row that would be refused, then import.
ui-import-by-hand = Register by hand
ui-import-file = The file
ui-import-choose = Choose a file…
ui-import-choose-another = Choose another file…
ui-import-reading = Reading the file…
ui-import-file-facts = { $size }, { $rows } rows, { $columns } columns
ui-import-kinds = An XLSX or CSV file (save an XLS or ODS file as XLSX first), at most 64 MB.
ui-import-sheet = Sheet
ui-import-header-row = Headings in row
ui-import-reread = Read again
ui-import-mapping = Which column holds what
ui-import-mapping-note = Suggested from the file's headings: correct what is wrong. Fields marked * need a column or a value for every row (the default fills blank cells).
ui-import-family-key = Family number
ui-import-each-row-a-family = None: each row is a family of one
ui-import-field = Field
ui-import-column = Column in the file
ui-import-examples = In the file
ui-import-default = Default
ui-import-no-column = — no column —
ui-import-default-of = Default for { $field }
ui-import-check = Check the file
ui-import-checking = Checking…
ui-import-running = Progress
ui-import-starting = Reading the file…
ui-import-stopping = Stopping after the family at hand…
ui-import-progress-checking = Checking family { $done } of { $total }
ui-import-progress-registering = Registering family { $done } of { $total }
ui-import-stop = Stop
ui-import-stopped = Stopped: nothing was imported. Check the file again when you are ready.
ui-import-would = What the import will do
ui-import-did = What was imported
ui-import-to-register = To register
ui-import-registered = Registered
ui-import-families-persons = { $families ->
    [one] 1 family
   *[other] { $families } families
  }, { $persons ->
    [one] 1 person
   *[other] { $persons } persons
  }
ui-import-already = Already registered, skipped
ui-import-families-count = { $families ->
    [one] 1 family
   *[other] { $families } families
  }
ui-import-refused = Refused
ui-import-rows-in-families = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
  } in { $families ->
    [one] 1 family
   *[other] { $families } families
  }
ui-import-run = Import { $families ->
    [one] 1 family
   *[other] { $families } families
  }
ui-import-changed = The mapping was changed after the check: check the file again before importing.
ui-import-refused-rows = Refused rows
ui-import-save-refused = Save the refused rows to correct
ui-import-refused-saved = { $rows ->
    [one] 1 refused row saved, with its reasons, in
   *[other] { $rows } refused rows saved, with their reasons, in
  }
ui-import-row = Row
ui-import-family-no = Family №
ui-import-why = Why
ui-import-families-to-register = The families to register
ui-import-families-registered = The families registered
ui-import-already-list = The families already registered
ui-import-rows = Rows
ui-import-head = Head of the family
ui-import-members = Members
ui-import-regno = Registration number
ui-import-and-more = …and { $count } more.
ui-register-import = Import from a spreadsheet
