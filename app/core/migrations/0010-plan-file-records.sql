-- Plan files, format 3 (data/aplomb-plan.md): what a plan file carries
-- that the workspace had no place for.
--
-- An approval trail received in a plan file, kept as the read-only record
-- it came as, so that the plan can be exported again with it and anyone
-- can verify its chain. It is NOT part of the workspace's own trail
-- (approval_events): an import must never add events to that chain, so a
-- file cannot forge who approved what here. The record belongs to its plan
-- and goes with it; while the plan exists, no row can be changed.
CREATE TABLE imported_trail_events (
  plan_id          INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  seq              INTEGER NOT NULL CHECK (seq > 0),
  occurred_at      TEXT NOT NULL,
  actor            TEXT NOT NULL,
  actor_role       TEXT NOT NULL,
  kind             TEXT NOT NULL,
  message_id       INTEGER NOT NULL,
  message_title    TEXT NOT NULL,
  message_version  INTEGER NOT NULL,
  text_hash        TEXT NOT NULL,
  detail           TEXT NOT NULL,
  comment          TEXT NOT NULL,
  prev_hash        TEXT NOT NULL CHECK (length (prev_hash) = 64),
  hash             TEXT NOT NULL CHECK (length (hash) = 64),
  PRIMARY KEY (plan_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER imported_trail_events_no_update BEFORE UPDATE ON imported_trail_events
BEGIN
  SELECT RAISE (ABORT, 'an imported approval trail is a read-only record');
END;

-- The contacts a plan file brought with a plan: they are the plan's too,
-- besides those in the segments its messages address, so that the plan
-- exports with them again.
CREATE TABLE plan_contacts (
  plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  PRIMARY KEY (plan_id, contact_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX plan_contacts_contact ON plan_contacts (contact_id);

-- Contacts get a stable identifier, as stakeholders and messages did in
-- 0008, so that a plan file's contacts are matched by it on re-import.
-- Rows inserted without one get one from the trigger, so the contact book's
-- own code does not need to know about plan files.
ALTER TABLE contacts ADD COLUMN uuid TEXT
  CHECK (uuid IS NULL OR (length (uuid) = 36 AND uuid NOT GLOB '*[^0-9a-f-]*'));

UPDATE contacts
   SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'
                     || substr (hex (randomblob (2)), 2) || '-'
                     || substr ('89ab', 1 + (abs (random ()) % 4), 1)
                     || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))
 WHERE uuid IS NULL;

CREATE UNIQUE INDEX contacts_uuid ON contacts (uuid);

CREATE TRIGGER contacts_uuid AFTER INSERT ON contacts
  WHEN NEW.uuid IS NULL
BEGIN
  UPDATE contacts
     SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'
                       || substr (hex (randomblob (2)), 2) || '-'
                       || substr ('89ab', 1 + (abs (random ()) % 4), 1)
                       || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))
   WHERE id = NEW.id;
END;
