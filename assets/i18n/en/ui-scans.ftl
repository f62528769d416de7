# The scans on the person card.
ui-scans-title = Scans of the document
ui-scans-attach = Attach a scan
ui-scans-attaching = Attaching…
ui-scans-hint = An electronic copy instead of a paper one: JPEG, PNG or PDF, up to 4 MB, kept encrypted in the office database.
ui-scans-none = No scan attached yet.
ui-scans-attached = Scan attached.
ui-scans-open = Open the scan { $name }
ui-scans-pages = PDF, { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}
ui-scans-added = attached { $date } by { $login }
ui-scans-print = Print
ui-scans-remove = Take off the card
ui-scans-remove-confirm = Take this scan off the card? Its record stays in the history.
ui-scans-close = Close
ui-scans-loading = Opening the scan…
ui-scans-page = { $name }, page { $page } of { $pages }
ui-action-scan-attach = Scan attached
ui-action-scan-remove = Scan taken off the card
ui-entity-document-scan = Scan of a document
ui-history-field-document_scan-kind = File type
ui-history-field-document_scan-bytes = Size, bytes
ui-history-field-document_scan-sha256 = SHA-256
ui-history-field-document_scan-width = Width, px
ui-history-field-document_scan-height = Height, px
ui-history-field-document_scan-pages = Pages
ui-history-field-document_scan-file_name = File
ui-history-field-document_scan-added_on = Attached on
ui-history-field-document_scan-added_by = Attached by
ui-history-field-document_scan-removed_on = Taken off on
ui-history-field-document_scan-removed_by = Taken off by
ui-history-field-document_scan-document_id = Document
ui-history-field-document_scan-person_id = Person
