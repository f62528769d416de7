# A person's history (the card): names of case-work, subsidy and document records.
ui-history-mci = { $mci } MCI

ui-history-action-subsidy-prepare = Subsidy decision prepared
ui-history-action-subsidy-approve = Payment approved
ui-history-action-subsidy-pay = Payment made
ui-history-action-subsidy-reverse = Payment reversed
ui-history-action-subsidy-move-away = Family moved away from the region
ui-history-action-subsidy-recalc = Payment recalculated
ui-history-action-rule-add = Subsidy rule added
ui-history-action-mci-add = MCI amount added
ui-history-action-mci-correct = MCI amount corrected
ui-history-action-document-issue = Document issued
ui-history-action-document-reprint = Document copy issued
ui-history-action-document-void = Document voided
ui-history-action-month-close = Month closed
ui-history-action-office-key = Office key created
ui-history-action-office-trust = Another office's key added

ui-history-entity-subsidy_decision = Subsidy decision
ui-history-entity-subsidy_instalment = Subsidy instalment
ui-history-entity-ledger_entry = Payment ledger entry
ui-history-entity-family_departure = Move away from the region
ui-history-entity-reimbursement_case = Reimbursement case
ui-history-entity-issued_document = Issued document
ui-history-entity-document_void = Document voiding
ui-history-entity-quota_row = Regional quota
ui-history-entity-mci_row = MCI amount
ui-history-entity-subsidy_rule = Subsidy rule
ui-history-entity-casework_setting = Case-work setting
ui-history-entity-office = Office
ui-history-entity-user = User
ui-history-entity-office_key = Office key
ui-history-entity-known_office_key = Another office's key
ui-history-entity-closed_month = Closed month

ui-history-field-subsidy_kind = Kind of subsidy
ui-history-field-first_due_on = First payment due
ui-history-field-housing_cost_tiyn = Housing cost
ui-history-field-instalments = Number of instalments
ui-history-field-months = Number of months
ui-history-field-settlement_type = Type of settlement
ui-history-field-total_tiyn = Total amount
ui-history-field-amount_tiyn = Amount
ui-history-field-amount_mci = Amount in MCI
ui-history-field-mci_tenge = Value of 1 MCI
ui-history-field-mci_effective_from = MCI in force from
ui-history-field-explanation = Calculation
ui-history-field-reverses_kind = Entry reversed
ui-history-field-order_number = Payment order number
ui-history-field-paid_on = Paid on
ui-history-field-moved_on = Moved away on
ui-history-field-status = Status
ui-history-field-term_ends_on = Reimbursement due by
ui-history-field-voided_on = Voided on
ui-history-field-issued_on = Issued on
ui-history-field-seq = Sequence number
ui-history-field-subsidy_decision-kind = Kind of subsidy
ui-history-field-subsidy_decision-number = Decision number
ui-history-field-subsidy_decision-members = Family members
ui-history-field-subsidy_instalment-seq = Instalment number
ui-history-field-subsidy_instalment-due_date = Payment due
ui-history-field-ledger_entry-kind = Kind of entry
ui-history-field-ledger_entry-due_date = Payment due
ui-history-field-issued_document-kind = Kind of document
ui-history-field-issued_document-number = Document number
ui-history-field-document_void-number = Document number
ui-history-field-reimbursement_case-amount_tiyn = Amount to reimburse
ui-history-field-consent-basis = Basis
ui-history-field-consent-reason = Reason in words

ui-history-more = … { $count } more { $count ->
    [one] record
   *[other] records
}: { $entity }
