-- The workspace itself: the organisation profile that templates and plans
-- use. One row, always there, so readers never have to handle its absence.
CREATE TABLE organisation (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  name          TEXT NOT NULL DEFAULT '',
  website       TEXT NOT NULL DEFAULT '',
  press_hotline TEXT NOT NULL DEFAULT '',
  spokesperson  TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO organisation (id) VALUES (1);
