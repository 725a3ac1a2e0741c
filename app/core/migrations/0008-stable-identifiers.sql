-- Stable identifiers for the parts of a plan that travel in plan files
-- (data/aplomb-plan.md, "Identifiers"): a stakeholder and a message keep
-- the same UUID in every workspace they are imported into, so that a
-- re-import updates them rather than duplicating them.
--
-- ALTER TABLE cannot add a column with a generated default, so rows written
-- before this step get a UUID here, and rows inserted later without one get
-- one from a trigger: the store code that adds stakeholders and messages
-- does not need to know about plan files. A plan-file import sets the UUID
-- itself on insert. (A random version 4 UUID, lower case.)

ALTER TABLE stakeholders ADD COLUMN uuid TEXT
  CHECK (uuid IS NULL OR (length (uuid) = 36 AND uuid NOT GLOB '*[^0-9a-f-]*'));

UPDATE stakeholders
   SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'
                     || substr (hex (randomblob (2)), 2) || '-'
                     || substr ('89ab', 1 + (abs (random ()) % 4), 1)
                     || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))
 WHERE uuid IS NULL;

CREATE UNIQUE INDEX stakeholders_uuid ON stakeholders (uuid);

CREATE TRIGGER stakeholders_uuid AFTER INSERT ON stakeholders
  WHEN NEW.uuid IS NULL
BEGIN
  UPDATE stakeholders
     SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'
                       || substr (hex (randomblob (2)), 2) || '-'
                       || substr ('89ab', 1 + (abs (random ()) % 4), 1)
                       || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))
   WHERE id = NEW.id;
END;

-- A message's UUID is unique within its plan only: importing a plan file
-- as a new plan copies its messages with the same identifiers, and a
-- REPLACE import matches messages by UUID within the replaced plan.
ALTER TABLE messages ADD COLUMN uuid TEXT
  CHECK (uuid IS NULL OR (length (uuid) = 36 AND uuid NOT GLOB '*[^0-9a-f-]*'));

UPDATE messages
   SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'
                     || substr (hex (randomblob (2)), 2) || '-'
                     || substr ('89ab', 1 + (abs (random ()) % 4), 1)
                     || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))
 WHERE uuid IS NULL;

CREATE UNIQUE INDEX messages_uuid ON messages (plan_id, uuid);

CREATE TRIGGER messages_uuid AFTER INSERT ON messages
  WHEN NEW.uuid IS NULL
BEGIN
  UPDATE messages
     SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'
                       || substr (hex (randomblob (2)), 2) || '-'
                       || substr ('89ab', 1 + (abs (random ()) % 4), 1)
                       || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))
   WHERE id = NEW.id;
END;
