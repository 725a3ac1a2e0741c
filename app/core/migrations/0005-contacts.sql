-- Media and influencer contacts: a workspace-wide contact book.

CREATE TABLE outlets (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length (trim (name)) > 0)
) STRICT;
