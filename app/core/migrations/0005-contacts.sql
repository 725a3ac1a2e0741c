-- Media and influencer contacts: a contact book shared by every plan of the
-- workspace, the outlets the contacts work for, saved segments of it, and
-- what was said to whom.

CREATE TABLE outlets (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),
  -- The name without case or accents, for sorting; written by the store.
  sort_name  TEXT NOT NULL DEFAULT '',
  type       TEXT NOT NULL DEFAULT 'other' CHECK (type IN ('newspaper', 'tv', 'radio', 'online', 'agency',
                                                           'trade-press', 'newsletter', 'podcast', 'other')),
  reach      INTEGER CHECK (reach IS NULL OR reach >= 0),
  region     TEXT NOT NULL DEFAULT ''
) STRICT;

-- Lists (e-mails, phones, social handles) are one item a line; beats and
-- languages are comma-separated tags. Dates are YYYY-MM-DD.
CREATE TABLE contacts (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL DEFAULT 'journalist'
                 CHECK (kind IN ('journalist', 'editor', 'producer', 'columnist', 'influencer',
                                 'blogger', 'podcaster', 'analyst', 'other')),
  name           TEXT NOT NULL CHECK (length (trim (name)) > 0),
  -- The name without case or accents, for sorting and for finding the same
  -- person twice; written by the store with Aplomb's text folding.
  sort_name      TEXT NOT NULL DEFAULT '',
  outlet_id      INTEGER REFERENCES outlets (id) ON DELETE SET NULL,
  role           TEXT NOT NULL DEFAULT '',
  beats          TEXT NOT NULL DEFAULT '',
  languages      TEXT NOT NULL DEFAULT '',
  region         TEXT NOT NULL DEFAULT '',
  country        TEXT NOT NULL DEFAULT '',
  emails         TEXT NOT NULL DEFAULT '',
  phones         TEXT NOT NULL DEFAULT '',
  socials        TEXT NOT NULL DEFAULT '',
  website        TEXT NOT NULL DEFAULT '',
  reach          INTEGER CHECK (reach IS NULL OR reach >= 0),
  relationship   TEXT NOT NULL DEFAULT 'cold' CHECK (relationship IN ('cold', 'warm', 'trusted')),
  owner          TEXT NOT NULL DEFAULT '',
  notes          TEXT NOT NULL DEFAULT '',
  last_contacted TEXT CHECK (last_contacted IS NULL OR last_contacted GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  last_verified  TEXT CHECK (last_verified IS NULL OR last_verified GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
  dnc_reason     TEXT NOT NULL DEFAULT '',
  lawful_basis   TEXT NOT NULL DEFAULT '',
  source         TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  -- Set while the deletion can still be undone; purged on the next session.
  deleted_at     TEXT
) STRICT;

-- The orders the contact list can be shown in, and the stale filter.
CREATE INDEX contacts_name ON contacts (sort_name, id);
CREATE INDEX contacts_outlet ON contacts (outlet_id, sort_name);
CREATE INDEX contacts_kind ON contacts (kind, sort_name);
CREATE INDEX contacts_verified ON contacts (last_verified, sort_name);
CREATE INDEX outlets_sort ON outlets (sort_name);
CREATE INDEX contacts_deleted ON contacts (deleted_at) WHERE deleted_at IS NOT NULL;

-- Each e-mail address on its own row, for finding duplicates on import.
-- Written by the store with the contacts' emails column.
CREATE TABLE contact_emails (
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  email      TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (contact_id, email)
) STRICT, WITHOUT ROWID;

CREATE INDEX contact_emails_email ON contact_emails (email);

-- Search as you type over name, outlet, beats and e-mails, ignoring case
-- and accents. The store writes it in the same transaction as the contact:
-- with trusted_schema=OFF, SQLite refuses a trigger that writes to a
-- virtual table ("unsafe use of virtual table"), so it cannot be a trigger.
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
  name, outlet, beats, emails,
  tokenize = "unicode61 remove_diacritics 2",
  prefix = '2 3'
);

-- What was said to whom.
CREATE TABLE contact_interactions (
  id          INTEGER PRIMARY KEY,
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
  channel     TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  by_whom     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX contact_interactions_contact ON contact_interactions (contact_id, date);

-- Saved lists: hand-picked (members below) or defined by a filter, kept as
-- a short description such as "kind=journalist;beat=health;language=fr".
CREATE TABLE contact_segments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),
  filter     TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE contact_segment_members (
  segment_id INTEGER NOT NULL REFERENCES contact_segments (id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  PRIMARY KEY (segment_id, contact_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX contact_segment_members_contact ON contact_segment_members (contact_id);
