-- Maker–checker by person, not only by login: who set the password a user signs in with now
-- (the user, or the administrator who made the account or reset its password). A payment line
-- is not approved by whoever set its preparer's password, nor by an account whose password its
-- preparer set. Travels with the user's record; unknown (NULL) for passwords set before.
ALTER TABLE users ADD COLUMN password_set_by TEXT REFERENCES users(id);
