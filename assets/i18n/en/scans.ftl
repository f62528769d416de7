# Scans of identity documents: what is refused, and the card's scans.
scan-empty = The file is empty: choose the scan again.
scan-too-large = The file is { $size } MB; a scan may be at most { $limit } MB. Scan at 200–300 dpi, or send the photo at a smaller size.
scan-not-accepted = This file is not a JPEG, PNG or PDF, whatever its name says. Scan the document to one of these.
scan-unreadable = This { $kind } file cannot be read: it is damaged or cut short. Scan the document again.
scan-too-many-pixels = The image is { $width }×{ $height } pixels; at most { $limit } a side. Send it at a smaller size.
scan-encrypted = The PDF is locked with a password, so nobody could open it later. Save it without a password.
