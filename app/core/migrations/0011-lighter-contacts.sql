-- Contacts: fewer structures to maintain on every insert and edit,
-- measured on a book of 100 000 contacts (bench/README.md).

-- The store now writes every new contact's stable identifier itself. The
-- trigger that filled a missing one made SQLite keep a statement journal
-- for every INSERT into contacts (a trigger may need a statement rolled
-- back), a dozen small writes to a temporary file a row during an import.
DROP TRIGGER contacts_uuid;

-- The list reads every matching id in one sorted query; for these orders
-- a scan and sort of the table is faster than walking the index and
-- looking up each row (44 ms against 100 ms by name, 70 ms against
-- 115 ms by kind, on 100 000 contacts), and each index cost every import
-- and edit a B-tree insert.
DROP INDEX contacts_name;
DROP INDEX contacts_outlet;
DROP INDEX contacts_kind;
DROP INDEX contacts_verified;

-- Finding duplicates (a contact import, a plan file's contacts) reads
-- names and e-mail addresses once into memory; nothing looks a contact up
-- by one of them in SQL any more. So each address on a row of its own is
-- not needed: the addresses are in contacts.emails, one a line.
DROP TABLE contact_emails;
