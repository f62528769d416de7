-- The office's signing secrets sealed (ChaCha20-Poly1305) under the key-encryption key the
-- vault keeps, never in the clear. `office_signing_keys` keeps the public half and its history
-- (append-only); the sealed secret of each key is here, this device's own bookkeeping, written
-- outside the event log and never sent. A row may be sealed again under a new key
-- (`otau vault encrypt`), never removed.
CREATE TABLE office_signing_secrets (
    key_id  TEXT PRIMARY KEY REFERENCES office_signing_keys(id),
    nonce   TEXT NOT NULL,
    sealed  TEXT NOT NULL
);
CREATE TRIGGER office_signing_secrets_no_delete BEFORE DELETE ON office_signing_secrets
BEGIN SELECT RAISE(ABORT, 'office_signing_secrets keeps every key'); END;

-- No secret is written in the clear again: a new key's row has an empty `secret_key`.
CREATE TRIGGER office_signing_keys_no_plain_secret BEFORE INSERT ON office_signing_keys
WHEN NEW.secret_key <> ''
BEGIN SELECT RAISE(ABORT, 'office_signing_keys holds no secret in the clear'); END;

-- The one update the append-only table allows: a secret written in the clear by an older build
-- blanked, once its sealed form is held; every other column as it was.
DROP TRIGGER office_signing_keys_no_update;
CREATE TRIGGER office_signing_keys_no_update BEFORE UPDATE ON office_signing_keys
WHEN NOT (
    OLD.secret_key <> '' AND NEW.secret_key = ''
    AND NEW.id IS OLD.id AND NEW.office_id IS OLD.office_id
    AND NEW.public_key IS OLD.public_key AND NEW.created_at IS OLD.created_at
    AND NEW.version IS OLD.version
    AND EXISTS (SELECT 1 FROM office_signing_secrets WHERE key_id = OLD.id)
)
BEGIN SELECT RAISE(ABORT, 'office_signing_keys is append-only'); END;
