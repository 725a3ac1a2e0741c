-- Stakeholders: a register shared by every plan of the workspace, and each
-- plan's own power/interest map of them.

-- The groups a stakeholder belongs to. The seeded groups carry a stable key
-- and no name: the application shows them in the user's language. Groups
-- the user adds carry their own text and no key.
CREATE TABLE stakeholder_groups (
  id        INTEGER PRIMARY KEY,
  key       TEXT UNIQUE CHECK (key IS NULL OR key GLOB '[a-z]*'),
  name      TEXT NOT NULL DEFAULT '',
  position  INTEGER NOT NULL,
  CHECK ((key IS NULL) = (length (trim (name)) > 0))
) STRICT;

INSERT INTO stakeholder_groups (key, position) VALUES
  ('employees', 1),
  ('customers', 2),
  ('investors', 3),
  ('regulators', 4),
  ('authorities', 5),
  ('media', 6),
  ('partners', 7),
  ('communities', 8),
  ('ngos', 9),
  ('unions', 10),
  ('others', 11);

-- A deleted stakeholder keeps its row (and its places on maps) with
-- deleted_at set until the deletion can no longer be undone.
CREATE TABLE stakeholders (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length (trim (name)) > 0),
  kind          TEXT NOT NULL DEFAULT 'organisation' CHECK (kind IN ('person', 'organisation')),
  group_id      INTEGER NOT NULL REFERENCES stakeholder_groups (id) ON DELETE RESTRICT,
  description   TEXT NOT NULL DEFAULT '',
  concerns      TEXT NOT NULL DEFAULT '',
  channels      TEXT NOT NULL DEFAULT '',
  owner         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  last_reviewed TEXT CHECK (last_reviewed IS NULL OR last_reviewed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
) STRICT;

CREATE INDEX stakeholders_live ON stakeholders (deleted_at, id);
CREATE INDEX stakeholders_group ON stakeholders (group_id);

-- Where a stakeholder sits on one plan's map. The same stakeholder has its
-- own place on each plan; both ends cascade, so purging a plan or a
-- stakeholder takes its places with it.
CREATE TABLE stakeholder_placements (
  plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
  influence      INTEGER NOT NULL CHECK (influence BETWEEN 0 AND 100),
  interest       INTEGER NOT NULL CHECK (interest BETWEEN 0 AND 100),
  attitude       TEXT NOT NULL DEFAULT 'neutral' CHECK (attitude IN ('critic', 'neutral', 'supporter')),
  strength       INTEGER NOT NULL DEFAULT 1 CHECK (strength BETWEEN 1 AND 3),
  PRIMARY KEY (plan_id, stakeholder_id)
) STRICT, WITHOUT ROWID;

-- "Which plans is this stakeholder on?" before a deletion.
CREATE INDEX stakeholder_placements_stakeholder ON stakeholder_placements (stakeholder_id);

-- How stakeholders bear on each other, whatever the plan.
CREATE TABLE stakeholder_relationships (
  id         INTEGER PRIMARY KEY,
  from_id    INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
  to_id      INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('influences', 'reports-to', 'allied-with')),
  CHECK (from_id <> to_id),
  UNIQUE (from_id, to_id, kind)
) STRICT;

CREATE INDEX stakeholder_relationships_to ON stakeholder_relationships (to_id);
