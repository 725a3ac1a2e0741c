-- Message templates: holding statements and key messages, their versions,
-- and the values a plan gives to their placeholders. Everything cascades
-- from plans(id), so purging a plan purges its messages and their history.

CREATE TABLE messages (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  -- Messages saying the same thing in other languages or channels share it.
  variant_group TEXT NOT NULL CHECK (length (variant_group) = 36),
  title         TEXT NOT NULL CHECK (length (trim (title)) > 0),
  scenario      TEXT NOT NULL DEFAULT '',
  phase         TEXT NOT NULL CHECK (phase IN ('holding-statement', 'first-update', 'follow-up',
                                                'resolution', 'internal-briefing')),
  audience      TEXT NOT NULL DEFAULT '',
  channel       TEXT NOT NULL CHECK (channel IN ('press-release', 'website', 'email', 'intranet',
                                                  'sms', 'x', 'linkedin', 'facebook', 'instagram',
                                                  'phone-script', 'qa-sheet')),
  language      TEXT NOT NULL CHECK (length (language) BETWEEN 2 AND 35),
  subject       TEXT NOT NULL DEFAULT '',
  body          TEXT NOT NULL DEFAULT '',
  -- Title, subject and body without case or accents, for search. Written
  -- by the store with the same folding as the rest of Aplomb. (An FTS5
  -- index would need a trigger to follow plan purges, and virtual tables
  -- in triggers are refused with trusted_schema=OFF.)
  search_text   TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  -- Set while the deletion can still be undone; purged on the next session.
  deleted_at    TEXT
) STRICT;

CREATE INDEX messages_plan ON messages (plan_id, deleted_at, id);
CREATE INDEX messages_variant_group ON messages (variant_group);

-- Every saved change. Edits by the same author in quick succession are
-- folded into one version (see apl-store-messages.c), so that a version is
-- a draft, not a keystroke.
CREATE TABLE message_versions (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  number        INTEGER NOT NULL CHECK (number > 0),
  kind          TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'restored')),
  restored_from INTEGER CHECK (restored_from IS NULL OR restored_from > 0),
  author        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  saved_at      TEXT NOT NULL,
  title         TEXT NOT NULL,
  scenario      TEXT NOT NULL,
  phase         TEXT NOT NULL,
  audience      TEXT NOT NULL,
  channel       TEXT NOT NULL,
  language      TEXT NOT NULL,
  subject       TEXT NOT NULL,
  body          TEXT NOT NULL,
  UNIQUE (message_id, number)
) STRICT;

-- Values of a plan's placeholders: the facts of the incident ({{incident}},
-- {{date}}, {{time}}), the plan's own custom names, and per-plan overrides
-- of the organisation's ({{spokesperson}} …). A value with a language
-- applies to messages in that language and wins over the one without
-- (language ''), so French and English variants each read naturally.
CREATE TABLE plan_placeholders (
  plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  name     TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9_]*'),
  language TEXT NOT NULL DEFAULT '' CHECK (language = '' OR length (language) BETWEEN 2 AND 35),
  value    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, name, language)
) STRICT, WITHOUT ROWID;
