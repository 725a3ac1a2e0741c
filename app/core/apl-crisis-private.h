/* apl-crisis-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the crisis-plan records need from the store, and the store from
 * them. No SQLite type appears here: only apl-store*.c see SQLite.
 */

#pragma once

#include "apl-crisis.h"

G_BEGIN_DECLS

/* The columns a record's setter writes. The scenario's text columns come
 * first, in AplScenarioField order, then the role's in AplRoleField order. */
typedef enum
{
  APL_CRISIS_COLUMN_SCENARIO_TEXT,
  APL_CRISIS_COLUMN_SCENARIO_KIND = APL_CRISIS_COLUMN_SCENARIO_TEXT + APL_SCENARIO_N_FIELDS,
  APL_CRISIS_COLUMN_SCENARIO_RISK,
  APL_CRISIS_COLUMN_ROLE_TEXT,
  APL_CRISIS_COLUMN_STEP_ACTION = APL_CRISIS_COLUMN_ROLE_TEXT + APL_ROLE_N_FIELDS,
  APL_CRISIS_COLUMN_STEP_ROLE,
  APL_CRISIS_COLUMN_STEP_TARGET,
  APL_CRISIS_COLUMN_QUESTION_TEXT,
  APL_CRISIS_COLUMN_CHANNEL_TEXT = APL_CRISIS_COLUMN_QUESTION_TEXT + APL_QUESTION_N_FIELDS,
  APL_CRISIS_COLUMN_CHANNEL_KIND = APL_CRISIS_COLUMN_CHANNEL_TEXT + APL_OWNED_CHANNEL_N_FIELDS,
  APL_CRISIS_COLUMN_TASK_NAME,
  APL_CRISIS_N_COLUMNS
} AplCrisisColumn;

/**
 * AplCrisisValue:
 * @text: the text to write, %NULL to write NULL (text columns)
 * @number: the number to write (number columns)
 * @number2: a second number (the impact, with the likelihood in @number)
 * @is_null: write NULL instead of @number
 */
typedef struct
{
  const char *text;
  gint64      number;
  gint64      number2;
  gboolean    is_null;
} AplCrisisValue;

typedef struct
{
  gint64           id;
  gint64           plan_id;
  AplScenarioKind  kind;
  const char      *fields[APL_SCENARIO_N_FIELDS];
  int              likelihood;
  int              impact;
} AplScenarioRow;

typedef struct
{
  gint64       id;
  gint64       plan_id;
  AplRoleKind  kind;
  const char  *fields[APL_ROLE_N_FIELDS];
  const char  *created;
} AplRoleRow;

typedef struct
{
  gint64       id;
  gint64       scenario_id;
  AplLevel     level;
  const char  *action;
  gint64       role_id;
  int          target_minutes;
} AplStepRow;

char            *_apl_crisis_now_iso              (void);
void             _apl_store_crisis_reload         (AplStore             *self,
                                                   AplPlan              *plan);

AplScenario     *_apl_scenario_new                (AplStore             *store,
                                                   const AplScenarioRow *row);
AplCrisisRole   *_apl_crisis_role_new             (AplStore             *store,
                                                   const AplRoleRow     *row);
AplChecklistStep *_apl_checklist_step_new         (AplStore             *store,
                                                   const AplStepRow     *row);
AplQuestion     *_apl_question_new                (AplStore             *store,
                                                   gint64                id,
                                                   gint64                scenario_id,
                                                   const char * const   *fields);
AplOwnedChannel *_apl_owned_channel_new           (AplStore             *store,
                                                   gint64                id,
                                                   gint64                plan_id,
                                                   AplOwnedChannelKind   kind,
                                                   const char * const   *fields);
AplRaciTask     *_apl_raci_task_new               (AplStore             *store,
                                                   gint64                id,
                                                   gint64                plan_id,
                                                   const char           *name);
AplActivation   *_apl_activation_new              (AplStore             *store,
                                                   gint64                id,
                                                   gint64                scenario_id,
                                                   AplActivationKind     kind,
                                                   const char           *started_at,
                                                   const char           *ended_at);
void             _apl_activation_add_tick         (AplActivation        *self,
                                                   gint64                step_id,
                                                   const char           *ticked_at);

gboolean         _apl_store_crisis_write          (AplStore             *self,
                                                   AplCrisisColumn       column,
                                                   gint64                id,
                                                   const AplCrisisValue *value,
                                                   const char           *now,
                                                   GError              **error);
gboolean         _apl_store_crisis_tick           (AplStore             *self,
                                                   gint64                activation_id,
                                                   gint64                step_id,
                                                   gboolean              done,
                                                   const char           *now,
                                                   GError              **error);
gboolean         _apl_store_crisis_end_activation (AplStore             *self,
                                                   gint64                activation_id,
                                                   const char           *now,
                                                   GError              **error);

/* Starter content, in one transaction: a scenario with its levels,
 * checklist and questions, and the crisis-cell roles, RACI tasks and
 * channels the plan does not have yet. */
typedef struct
{
  AplRoleKind  kind;
  const char  *responsibilities;
} AplStarterRole;

typedef struct
{
  AplLevel     level;
  AplRoleKind  role;
  int          minutes;
  const char  *action;
} AplStarterStep;

typedef struct
{
  const char  *name;
  /* One AplRaci per AplRoleKind (APL_ROLE_CUSTOM excluded). */
  AplRaci      raci[APL_ROLE_CUSTOM];
} AplStarterTask;

typedef struct
{
  AplOwnedChannelKind  kind;
  const char          *name;
} AplStarterChannel;

typedef struct
{
  const char  *question;
  const char  *answer;
} AplStarterQuestion;

typedef struct
{
  AplScenarioKind           kind;
  const char               *language;
  const char               *fields[APL_SCENARIO_N_FIELDS];
  int                       likelihood;
  int                       impact;
  const AplStarterRole     *roles;
  guint                     n_roles;
  const AplStarterStep     *steps;
  guint                     n_steps;
  const AplStarterTask     *tasks;
  guint                     n_tasks;
  const AplStarterChannel  *channels;
  guint                     n_channels;
  const AplStarterQuestion *questions;
  guint                     n_questions;
} AplStarterContent;

gint64           _apl_store_insert_starter        (AplStore                *self,
                                                   AplPlan                 *plan,
                                                   const AplStarterContent *content,
                                                   GError                 **error);

G_END_DECLS
