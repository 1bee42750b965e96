-- A transaction's user is its account's user, and deleting a user already deletes its accounts
-- and with them their transactions (accounts.user_id, transactions.account_id, both cascading).
-- The second reference only cost a lookup and a row lock in users per written transaction.
ALTER TABLE transactions DROP CONSTRAINT transactions_user_id_fkey;
