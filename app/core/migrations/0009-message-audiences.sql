-- A message's audience as references to the stakeholder groups and contact
-- segments it is written for, so that the list follows a renamed group and
-- removing a group or a segment can say which messages address it first.
-- (The free-text messages.audience column stays for plans imported from
-- files that name an audience the workspace does not have.)
--
-- Rows cascade from the message (and so from its plan), and from the group
-- or segment: once the user has confirmed the removal, the message simply
-- stops addressing it.
CREATE TABLE message_audiences (
  id          INTEGER PRIMARY KEY,
  message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  group_id    INTEGER REFERENCES stakeholder_groups (id) ON DELETE CASCADE,
  segment_id  INTEGER REFERENCES contact_segments (id) ON DELETE CASCADE,
  -- Exactly one of the two.
  CHECK ((group_id IS NULL) <> (segment_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX message_audiences_message_group
  ON message_audiences (message_id, group_id) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX message_audiences_message_segment
  ON message_audiences (message_id, segment_id) WHERE segment_id IS NOT NULL;
CREATE INDEX message_audiences_group ON message_audiences (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX message_audiences_segment ON message_audiences (segment_id) WHERE segment_id IS NOT NULL;
