-- The login id of a web connection sealed under a key derived from the installation's pepper, not
-- the encryption key: after a lost encryption key a password alone repairs the connection
-- (operations.md §8.4), and the login id is still never stored in the clear.
ALTER TABLE connections ADD COLUMN login_id_sealed text;
