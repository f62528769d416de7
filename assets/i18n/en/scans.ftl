# Scans of identity documents: what is refused, and the card's scans.
scan-empty = The file is empty: choose the scan again.
scan-too-large = The file is { $size } MB; a scan may be at most { $limit } MB. Scan at 200–300 dpi, or send the photo at a smaller size.
scan-not-accepted = This file is not a JPEG, PNG or PDF, whatever its name says. Scan the document to one of these.
scan-unreadable = This { $kind } file cannot be read: it is damaged or cut short. Scan the document again.
scan-too-many-pixels = The image is { $width }×{ $height } pixels; at most { $limit } a side. Send it at a smaller size.
scan-encrypted = The PDF is locked with a password, so nobody could open it later. Save it without a password.

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
