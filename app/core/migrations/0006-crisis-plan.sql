-- Crisis plans that follow best practice: scenarios with their escalation
-- levels, the crisis cell and its RACI grid, checklists (playbooks),
-- activations (exercises and real ones), the channels the organisation
-- owns, and prepared questions and answers. Everything cascades from
-- plans(id), so purging a plan purges all of it. Rows a user deletes keep
-- deleted_at while the deletion can be undone; they are purged on the next
-- session.

-- A scenario always has exactly three escalation levels (watch, alert,
-- crisis), each with the trigger that starts it and what happens then:
-- they are columns, not rows.
CREATE TABLE crisis_scenarios (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('cyber-attack', 'data-breach', 'product-recall',
                                                'social-media-backlash', 'misinformation',
                                                'industrial-accident', 'executive-misconduct',
                                                'service-outage', 'natural-disaster', 'other')),
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  description     TEXT NOT NULL DEFAULT '',
  likelihood      INTEGER NOT NULL DEFAULT 3 CHECK (likelihood BETWEEN 1 AND 5),
  impact          INTEGER NOT NULL DEFAULT 3 CHECK (impact BETWEEN 1 AND 5),
  -- One early-warning signal a line.
  signals         TEXT NOT NULL DEFAULT '',
  watch_trigger   TEXT NOT NULL DEFAULT '',
  watch_actions   TEXT NOT NULL DEFAULT '',
  alert_trigger   TEXT NOT NULL DEFAULT '',
  alert_actions   TEXT NOT NULL DEFAULT '',
  crisis_trigger  TEXT NOT NULL DEFAULT '',
  crisis_actions  TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
) STRICT;

CREATE INDEX crisis_scenarios_plan ON crisis_scenarios (plan_id, deleted_at, id);

-- The crisis cell. A role is either one of the standard ones (role_key) or
-- a custom one, named by the user (role_key 'custom').
CREATE TABLE crisis_roles (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  role_key         TEXT NOT NULL CHECK (role_key IN ('crisis-lead', 'spokesperson', 'comms-lead', 'legal',
                                                     'it-security', 'hr', 'customer-service',
                                                     'social-media', 'operations', 'risk-compliance',
                                                     'custom')),
  custom_name      TEXT NOT NULL DEFAULT '',
  person           TEXT NOT NULL DEFAULT '',
  deputy           TEXT NOT NULL DEFAULT '',
  -- How to reach the person around the clock: a phone number, a duty line.
  contact          TEXT NOT NULL DEFAULT '',
  responsibilities TEXT NOT NULL DEFAULT '',
  reviewed_on      TEXT CHECK (reviewed_on IS NULL OR reviewed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT,
  CHECK (role_key <> 'custom' OR length (trim (custom_name)) > 0)
) STRICT;

CREATE INDEX crisis_roles_plan ON crisis_roles (plan_id, deleted_at, id);

-- RACI: the plan's key tasks against its roles. A missing cell means the
-- role has no part in the task.
CREATE TABLE raci_tasks (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (length (trim (name)) > 0),
  deleted_at  TEXT
) STRICT;

CREATE INDEX raci_tasks_plan ON raci_tasks (plan_id, deleted_at, id);

CREATE TABLE raci_cells (
  task_id     INTEGER NOT NULL REFERENCES raci_tasks (id) ON DELETE CASCADE,
  role_id     INTEGER NOT NULL REFERENCES crisis_roles (id) ON DELETE CASCADE,
  value       TEXT NOT NULL CHECK (value IN ('R', 'A', 'C', 'I')),
  PRIMARY KEY (task_id, role_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX raci_cells_role ON raci_cells (role_id);

-- Checklists (playbooks): ordered steps per scenario and escalation level,
-- each with the role that does it and a target time from activation.
CREATE TABLE checklist_steps (
  id              INTEGER PRIMARY KEY,
  scenario_id     INTEGER NOT NULL REFERENCES crisis_scenarios (id) ON DELETE CASCADE,
  level           TEXT NOT NULL CHECK (level IN ('watch', 'alert', 'crisis')),
  position        INTEGER NOT NULL DEFAULT 0,
  action          TEXT NOT NULL CHECK (length (trim (action)) > 0),
  -- A purged role leaves the step without one rather than taking it along.
  role_id         INTEGER REFERENCES crisis_roles (id) ON DELETE SET NULL,
  target_minutes  INTEGER CHECK (target_minutes IS NULL OR target_minutes BETWEEN 0 AND 43200),
  deleted_at      TEXT
) STRICT;

CREATE INDEX checklist_steps_scenario ON checklist_steps (scenario_id, deleted_at, level, position, id);
CREATE INDEX checklist_steps_role ON checklist_steps (role_id);

-- An exercise or a real activation of a scenario's plan, and the steps
-- ticked during it with the time they were ticked.
CREATE TABLE activations (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  scenario_id  INTEGER NOT NULL REFERENCES crisis_scenarios (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('exercise', 'real')),
  started_at   TEXT NOT NULL,
  ended_at     TEXT
) STRICT;

CREATE INDEX activations_scenario ON activations (scenario_id, ended_at);
CREATE INDEX activations_plan ON activations (plan_id);

CREATE TABLE activation_ticks (
  activation_id  INTEGER NOT NULL REFERENCES activations (id) ON DELETE CASCADE,
  step_id        INTEGER NOT NULL REFERENCES checklist_steps (id) ON DELETE CASCADE,
  ticked_at      TEXT NOT NULL,
  PRIMARY KEY (activation_id, step_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX activation_ticks_step ON activation_ticks (step_id);

-- Channels the organisation owns, who may publish on them, and where the
-- credentials are kept: the place (a password manager entry, a safe),
-- never the secret itself.
CREATE TABLE owned_channels (
  id                   INTEGER PRIMARY KEY,
  plan_id              INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  name                 TEXT NOT NULL CHECK (length (trim (name)) > 0),
  kind                 TEXT NOT NULL CHECK (kind IN ('website', 'social-account', 'intranet', 'hotline',
                                                     'sms-gateway', 'email-list', 'other')),
  publishers           TEXT NOT NULL DEFAULT '',
  credentials_location TEXT NOT NULL DEFAULT '',
  deleted_at           TEXT
) STRICT;

CREATE INDEX owned_channels_plan ON owned_channels (plan_id, deleted_at, id);

-- Questions journalists will ask, with the answer prepared in advance.
CREATE TABLE scenario_questions (
  id           INTEGER PRIMARY KEY,
  scenario_id  INTEGER NOT NULL REFERENCES crisis_scenarios (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL DEFAULT 0,
  language     TEXT NOT NULL CHECK (length (language) BETWEEN 2 AND 35),
  question     TEXT NOT NULL CHECK (length (trim (question)) > 0),
  answer       TEXT NOT NULL DEFAULT '',
  deleted_at   TEXT
) STRICT;

CREATE INDEX scenario_questions_scenario ON scenario_questions (scenario_id, deleted_at, position, id);
