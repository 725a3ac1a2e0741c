-- Crisis communication plans. A deleted plan keeps its row with deleted_at
-- set until the user can no longer undo the deletion; then it is purged.
CREATE TABLE plans (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),
  title            TEXT NOT NULL CHECK (length (trim (title)) > 0),
  organisation     TEXT NOT NULL DEFAULT '',
  owner            TEXT NOT NULL DEFAULT '',
  scenario_summary TEXT NOT NULL DEFAULT '',
  language         TEXT NOT NULL DEFAULT 'en' CHECK (length (language) BETWEEN 2 AND 35),
  next_review      TEXT CHECK (next_review IS NULL OR next_review GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT
) STRICT;

CREATE INDEX plans_live ON plans (deleted_at, id);
