-- The row count of every state table a checkpoint signs (`checkpoint::STATE_TABLES`), kept by
-- triggers as rows come and go, so writing a checkpoint with every change reads 33 small rows
-- instead of counting tables that grow to millions of rows. Device-local bookkeeping, never an
-- event. `otau audit verify` still counts the tables themselves and compares.
CREATE TABLE state_row_counts (
    tbl  TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO state_row_counts (tbl, n) SELECT 'offices', COUNT(*) FROM offices;
INSERT INTO state_row_counts (tbl, n) SELECT 'users', COUNT(*) FROM users;
INSERT INTO state_row_counts (tbl, n) SELECT 'credentials', COUNT(*) FROM credentials;
INSERT INTO state_row_counts (tbl, n) SELECT 'families', COUNT(*) FROM families;
INSERT INTO state_row_counts (tbl, n) SELECT 'persons', COUNT(*) FROM persons;
INSERT INTO state_row_counts (tbl, n) SELECT 'documents', COUNT(*) FROM documents;
INSERT INTO state_row_counts (tbl, n) SELECT 'consents', COUNT(*) FROM consents;
INSERT INTO state_row_counts (tbl, n) SELECT 'mci_rows', COUNT(*) FROM mci_rows;
INSERT INTO state_row_counts (tbl, n) SELECT 'kandas_statuses', COUNT(*) FROM kandas_statuses;
INSERT INTO state_row_counts (tbl, n) SELECT 'casework_settings', COUNT(*) FROM casework_settings;
INSERT INTO state_row_counts (tbl, n) SELECT 'quota_rows', COUNT(*) FROM quota_rows;
INSERT INTO state_row_counts (tbl, n) SELECT 'quota_inclusions', COUNT(*) FROM quota_inclusions;
INSERT INTO state_row_counts (tbl, n) SELECT 'plan_items', COUNT(*) FROM plan_items;
INSERT INTO state_row_counts (tbl, n) SELECT 'services', COUNT(*) FROM services;
INSERT INTO state_row_counts (tbl, n) SELECT 'stays', COUNT(*) FROM stays;
INSERT INTO state_row_counts (tbl, n) SELECT 'office_signing_keys', COUNT(*) FROM office_signing_keys;
INSERT INTO state_row_counts (tbl, n) SELECT 'known_office_keys', COUNT(*) FROM known_office_keys;
INSERT INTO state_row_counts (tbl, n) SELECT 'issued_documents', COUNT(*) FROM issued_documents;
INSERT INTO state_row_counts (tbl, n) SELECT 'document_voids', COUNT(*) FROM document_voids;
INSERT INTO state_row_counts (tbl, n) SELECT 'voided_elsewhere', COUNT(*) FROM voided_elsewhere;
INSERT INTO state_row_counts (tbl, n) SELECT 'closed_months', COUNT(*) FROM closed_months;
INSERT INTO state_row_counts (tbl, n) SELECT 'subsidy_rules', COUNT(*) FROM subsidy_rules;
INSERT INTO state_row_counts (tbl, n) SELECT 'subsidy_decisions', COUNT(*) FROM subsidy_decisions;
INSERT INTO state_row_counts (tbl, n) SELECT 'subsidy_instalments', COUNT(*) FROM subsidy_instalments;
INSERT INTO state_row_counts (tbl, n) SELECT 'ledger_entries', COUNT(*) FROM ledger_entries;
INSERT INTO state_row_counts (tbl, n) SELECT 'family_departures', COUNT(*) FROM family_departures;
INSERT INTO state_row_counts (tbl, n) SELECT 'reimbursement_cases', COUNT(*) FROM reimbursement_cases;
INSERT INTO state_row_counts (tbl, n) SELECT 'sync_conflicts', COUNT(*) FROM sync_conflicts;
INSERT INTO state_row_counts (tbl, n) SELECT 'cross_office_cases', COUNT(*) FROM cross_office_cases;
INSERT INTO state_row_counts (tbl, n) SELECT 'cross_office_decisions', COUNT(*) FROM cross_office_decisions;
INSERT INTO state_row_counts (tbl, n) SELECT 'payment_cases', COUNT(*) FROM payment_cases;
INSERT INTO state_row_counts (tbl, n) SELECT 'payment_case_decisions', COUNT(*) FROM payment_case_decisions;
INSERT INTO state_row_counts (tbl, n) SELECT 'review_cases', COUNT(*) FROM review_cases;

CREATE TRIGGER offices_counted_in AFTER INSERT ON offices
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'offices'; END;
CREATE TRIGGER offices_counted_out AFTER DELETE ON offices
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'offices'; END;
CREATE TRIGGER users_counted_in AFTER INSERT ON users
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'users'; END;
CREATE TRIGGER users_counted_out AFTER DELETE ON users
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'users'; END;
CREATE TRIGGER credentials_counted_in AFTER INSERT ON credentials
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'credentials'; END;
CREATE TRIGGER credentials_counted_out AFTER DELETE ON credentials
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'credentials'; END;
CREATE TRIGGER families_counted_in AFTER INSERT ON families
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'families'; END;
CREATE TRIGGER families_counted_out AFTER DELETE ON families
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'families'; END;
CREATE TRIGGER persons_counted_in AFTER INSERT ON persons
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'persons'; END;
CREATE TRIGGER persons_counted_out AFTER DELETE ON persons
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'persons'; END;
CREATE TRIGGER documents_counted_in AFTER INSERT ON documents
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'documents'; END;
CREATE TRIGGER documents_counted_out AFTER DELETE ON documents
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'documents'; END;
CREATE TRIGGER consents_counted_in AFTER INSERT ON consents
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'consents'; END;
CREATE TRIGGER consents_counted_out AFTER DELETE ON consents
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'consents'; END;
CREATE TRIGGER mci_rows_counted_in AFTER INSERT ON mci_rows
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'mci_rows'; END;
CREATE TRIGGER mci_rows_counted_out AFTER DELETE ON mci_rows
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'mci_rows'; END;
CREATE TRIGGER kandas_statuses_counted_in AFTER INSERT ON kandas_statuses
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'kandas_statuses'; END;
CREATE TRIGGER kandas_statuses_counted_out AFTER DELETE ON kandas_statuses
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'kandas_statuses'; END;
CREATE TRIGGER casework_settings_counted_in AFTER INSERT ON casework_settings
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'casework_settings'; END;
CREATE TRIGGER casework_settings_counted_out AFTER DELETE ON casework_settings
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'casework_settings'; END;
CREATE TRIGGER quota_rows_counted_in AFTER INSERT ON quota_rows
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'quota_rows'; END;
CREATE TRIGGER quota_rows_counted_out AFTER DELETE ON quota_rows
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'quota_rows'; END;
CREATE TRIGGER quota_inclusions_counted_in AFTER INSERT ON quota_inclusions
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'quota_inclusions'; END;
CREATE TRIGGER quota_inclusions_counted_out AFTER DELETE ON quota_inclusions
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'quota_inclusions'; END;
CREATE TRIGGER plan_items_counted_in AFTER INSERT ON plan_items
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'plan_items'; END;
CREATE TRIGGER plan_items_counted_out AFTER DELETE ON plan_items
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'plan_items'; END;
CREATE TRIGGER services_counted_in AFTER INSERT ON services
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'services'; END;
CREATE TRIGGER services_counted_out AFTER DELETE ON services
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'services'; END;
CREATE TRIGGER stays_counted_in AFTER INSERT ON stays
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'stays'; END;
CREATE TRIGGER stays_counted_out AFTER DELETE ON stays
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'stays'; END;
CREATE TRIGGER office_signing_keys_counted_in AFTER INSERT ON office_signing_keys
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'office_signing_keys'; END;
CREATE TRIGGER office_signing_keys_counted_out AFTER DELETE ON office_signing_keys
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'office_signing_keys'; END;
CREATE TRIGGER known_office_keys_counted_in AFTER INSERT ON known_office_keys
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'known_office_keys'; END;
CREATE TRIGGER known_office_keys_counted_out AFTER DELETE ON known_office_keys
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'known_office_keys'; END;
CREATE TRIGGER issued_documents_counted_in AFTER INSERT ON issued_documents
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'issued_documents'; END;
CREATE TRIGGER issued_documents_counted_out AFTER DELETE ON issued_documents
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'issued_documents'; END;
CREATE TRIGGER document_voids_counted_in AFTER INSERT ON document_voids
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'document_voids'; END;
CREATE TRIGGER document_voids_counted_out AFTER DELETE ON document_voids
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'document_voids'; END;
CREATE TRIGGER voided_elsewhere_counted_in AFTER INSERT ON voided_elsewhere
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'voided_elsewhere'; END;
CREATE TRIGGER voided_elsewhere_counted_out AFTER DELETE ON voided_elsewhere
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'voided_elsewhere'; END;
CREATE TRIGGER closed_months_counted_in AFTER INSERT ON closed_months
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'closed_months'; END;
CREATE TRIGGER closed_months_counted_out AFTER DELETE ON closed_months
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'closed_months'; END;
CREATE TRIGGER subsidy_rules_counted_in AFTER INSERT ON subsidy_rules
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'subsidy_rules'; END;
CREATE TRIGGER subsidy_rules_counted_out AFTER DELETE ON subsidy_rules
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'subsidy_rules'; END;
CREATE TRIGGER subsidy_decisions_counted_in AFTER INSERT ON subsidy_decisions
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'subsidy_decisions'; END;
CREATE TRIGGER subsidy_decisions_counted_out AFTER DELETE ON subsidy_decisions
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'subsidy_decisions'; END;
CREATE TRIGGER subsidy_instalments_counted_in AFTER INSERT ON subsidy_instalments
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'subsidy_instalments'; END;
CREATE TRIGGER subsidy_instalments_counted_out AFTER DELETE ON subsidy_instalments
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'subsidy_instalments'; END;
CREATE TRIGGER ledger_entries_counted_in AFTER INSERT ON ledger_entries
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'ledger_entries'; END;
CREATE TRIGGER ledger_entries_counted_out AFTER DELETE ON ledger_entries
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'ledger_entries'; END;
CREATE TRIGGER family_departures_counted_in AFTER INSERT ON family_departures
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'family_departures'; END;
CREATE TRIGGER family_departures_counted_out AFTER DELETE ON family_departures
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'family_departures'; END;
CREATE TRIGGER reimbursement_cases_counted_in AFTER INSERT ON reimbursement_cases
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'reimbursement_cases'; END;
CREATE TRIGGER reimbursement_cases_counted_out AFTER DELETE ON reimbursement_cases
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'reimbursement_cases'; END;
CREATE TRIGGER sync_conflicts_counted_in AFTER INSERT ON sync_conflicts
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'sync_conflicts'; END;
CREATE TRIGGER sync_conflicts_counted_out AFTER DELETE ON sync_conflicts
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'sync_conflicts'; END;
CREATE TRIGGER cross_office_cases_counted_in AFTER INSERT ON cross_office_cases
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'cross_office_cases'; END;
CREATE TRIGGER cross_office_cases_counted_out AFTER DELETE ON cross_office_cases
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'cross_office_cases'; END;
CREATE TRIGGER cross_office_decisions_counted_in AFTER INSERT ON cross_office_decisions
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'cross_office_decisions'; END;
CREATE TRIGGER cross_office_decisions_counted_out AFTER DELETE ON cross_office_decisions
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'cross_office_decisions'; END;
CREATE TRIGGER payment_cases_counted_in AFTER INSERT ON payment_cases
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'payment_cases'; END;
CREATE TRIGGER payment_cases_counted_out AFTER DELETE ON payment_cases
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'payment_cases'; END;
CREATE TRIGGER payment_case_decisions_counted_in AFTER INSERT ON payment_case_decisions
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'payment_case_decisions'; END;
CREATE TRIGGER payment_case_decisions_counted_out AFTER DELETE ON payment_case_decisions
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'payment_case_decisions'; END;
CREATE TRIGGER review_cases_counted_in AFTER INSERT ON review_cases
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'review_cases'; END;
CREATE TRIGGER review_cases_counted_out AFTER DELETE ON review_cases
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'review_cases'; END;
