-- Approval workflow: each plan's approval route, submissions of a message
-- for approval, the decisions on them, each message's approval status, and
-- the trail: an append-only, hash-chained list of every change of status.
--
-- Routes, submissions, decisions and statuses cascade from plans(id) and
-- messages(id): they are the workflow's working state and go with the plan
-- or message when it is purged.
--
-- The trail does NOT cascade: an approval record is an archive, and erasing
-- a plan must not erase who approved what. Events name their plan by uuid
-- and their message by id and title, without foreign keys, so that a purged
-- plan's or message's events stay (and keep verifying) after it is gone.
-- Triggers refuse every UPDATE and DELETE of an event, so no path through
-- the store, including the purge, can change the trail.

-- A plan's route: ordered steps. A step with timing 'with-previous' runs in
-- parallel with the step before it (they form one stage); 'after-previous'
-- starts a new stage once every step of the previous stage has approved.
CREATE TABLE approval_steps (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL CHECK (position >= 0),
  role            TEXT NOT NULL CHECK (length (trim (role)) BETWEEN 1 AND 200),
  -- 'one-of': one approver (or a deputy) is enough; 'all-of': every
  -- approver must approve, each in person or through their deputy.
  rule            TEXT NOT NULL CHECK (rule IN ('one-of', 'all-of')),
  timing          TEXT NOT NULL CHECK (timing IN ('after-previous', 'with-previous')),
  target_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (target_minutes BETWEEN 0 AND 43200),
  UNIQUE (plan_id, position)
) STRICT;

CREATE TABLE approval_approvers (
  step_id   INTEGER NOT NULL REFERENCES approval_steps (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL CHECK (position >= 0),
  name      TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 200),
  deputy    TEXT NOT NULL DEFAULT '' CHECK (length (deputy) <= 200),
  PRIMARY KEY (step_id, position)
) STRICT, WITHOUT ROWID;

-- One row per message that ever entered the workflow; a message without
-- one is a draft. approved_* keep the exact text of the last approval, so
-- that an edit can be shown as a diff against it; "covered" is computed:
-- the hash of the message's current text equals approved_hash.
CREATE TABLE message_approvals (
  message_id         INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'changes-requested',
                                                     'approved', 'rejected', 'retired')),
  pre_approved       INTEGER NOT NULL DEFAULT 0 CHECK (pre_approved IN (0, 1)),
  approved_hash      TEXT CHECK (approved_hash IS NULL OR length (approved_hash) = 64),
  approved_version   INTEGER,
  approved_at        TEXT,
  approved_subject   TEXT,
  approved_body      TEXT,
  approved_channel   TEXT,
  approved_language  TEXT,
  updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX message_approvals_status ON message_approvals (status);

CREATE TABLE approval_submissions (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  message_id      INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  version_number  INTEGER NOT NULL CHECK (version_number > 0),
  text_hash       TEXT NOT NULL CHECK (length (text_hash) = 64),
  submitter       TEXT NOT NULL CHECK (length (trim (submitter)) > 0),
  submitter_role  TEXT NOT NULL DEFAULT '',
  submitted_at    TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('open', 'approved', 'changes-requested', 'rejected',
                                                 'withdrawn', 'superseded')),
  closed_at       TEXT
) STRICT;

CREATE INDEX approval_submissions_message ON approval_submissions (message_id, id);
CREATE INDEX approval_submissions_plan ON approval_submissions (plan_id, state);
-- At most one open submission per message.
CREATE UNIQUE INDEX approval_submissions_open ON approval_submissions (message_id) WHERE state = 'open';

CREATE TABLE approval_decisions (
  id              INTEGER PRIMARY KEY,
  submission_id   INTEGER NOT NULL REFERENCES approval_submissions (id) ON DELETE CASCADE,
  -- The route cannot change while a submission is open; once it changes,
  -- a closed submission's decisions keep the step's role as it was.
  step_id         INTEGER REFERENCES approval_steps (id) ON DELETE SET NULL,
  step_role       TEXT NOT NULL,
  decision        TEXT NOT NULL CHECK (decision IN ('approve', 'request-changes', 'reject')),
  actor           TEXT NOT NULL CHECK (length (trim (actor)) > 0),
  actor_role      TEXT NOT NULL DEFAULT '',
  -- The named approver the decision counts for: the actor, or the approver
  -- the actor is deputy of.
  acting_for      TEXT NOT NULL,
  comment         TEXT NOT NULL DEFAULT '',
  text_hash       TEXT NOT NULL CHECK (length (text_hash) = 64),
  decided_at      TEXT NOT NULL,
  CHECK (decision <> 'request-changes' OR length (trim (comment)) > 0)
) STRICT;

CREATE INDEX approval_decisions_submission ON approval_decisions (submission_id, id);
CREATE INDEX approval_decisions_step ON approval_decisions (step_id);

-- The trail. seq counts from 1 within a plan; hash is the SHA-256 of the
-- previous event's hash and this event's fields (apl-approvals.c documents
-- the exact serialisation); the first event's prev_hash is 64 zeros.
CREATE TABLE approval_events (
  id               INTEGER PRIMARY KEY,
  plan_uuid        TEXT NOT NULL CHECK (length (plan_uuid) = 36),
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
  UNIQUE (plan_uuid, seq)
) STRICT;

CREATE INDEX approval_events_message ON approval_events (message_id);

-- The last event of each plan's chain, so that cutting events off the end
-- of a chain is noticed too. It only ever moves forward by one.
CREATE TABLE approval_chain_heads (
  plan_uuid  TEXT PRIMARY KEY CHECK (length (plan_uuid) = 36),
  seq        INTEGER NOT NULL CHECK (seq > 0),
  hash       TEXT NOT NULL CHECK (length (hash) = 64)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER approval_events_no_update BEFORE UPDATE ON approval_events
BEGIN
  SELECT RAISE (ABORT, 'the approval trail is append-only: events cannot be changed');
END;

CREATE TRIGGER approval_events_no_delete BEFORE DELETE ON approval_events
BEGIN
  SELECT RAISE (ABORT, 'the approval trail is append-only: events cannot be deleted');
END;

CREATE TRIGGER approval_chain_heads_forward BEFORE UPDATE ON approval_chain_heads
WHEN NEW.plan_uuid <> OLD.plan_uuid OR NEW.seq <> OLD.seq + 1
BEGIN
  SELECT RAISE (ABORT, 'the approval trail is append-only: its head only moves forward');
END;

CREATE TRIGGER approval_chain_heads_no_delete BEFORE DELETE ON approval_chain_heads
BEGIN
  SELECT RAISE (ABORT, 'the approval trail is append-only: its head cannot be deleted');
END;
