-- Crisis plans that follow best practice: scenarios with their escalation
-- levels, the crisis cell, checklists, activations, owned channels and
-- prepared questions and answers. Everything cascades from plans(id).

CREATE TABLE crisis_scenarios (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0,
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  likelihood  INTEGER NOT NULL DEFAULT 3 CHECK (likelihood BETWEEN 1 AND 5),
  impact      INTEGER NOT NULL DEFAULT 3 CHECK (impact BETWEEN 1 AND 5),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
) STRICT;
