/* apl-crisis.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of a crisis plan that follow best practice: scenarios with
 * their risk and escalation levels, the crisis cell and its RACI grid,
 * checklists per scenario and level, activations (exercises and real
 * ones), the channels the organisation owns, and prepared questions and
 * answers. Every setter writes through to the workspace in its own
 * transaction and notifies only once it has committed.
 */

#pragma once

#include <gio/gio.h>

#include "apl-plan.h"
#include "apl-store.h"

G_BEGIN_DECLS

/* Enumerations: each has a stable key (stored, printed by aplomb-tool) and
 * a translated name for people. */

typedef enum
{
  APL_SCENARIO_KIND_CYBER_ATTACK,
  APL_SCENARIO_KIND_DATA_BREACH,
  APL_SCENARIO_KIND_PRODUCT_RECALL,
  APL_SCENARIO_KIND_SOCIAL_MEDIA_BACKLASH,
  APL_SCENARIO_KIND_MISINFORMATION,
  APL_SCENARIO_KIND_INDUSTRIAL_ACCIDENT,
  APL_SCENARIO_KIND_EXECUTIVE_MISCONDUCT,
  APL_SCENARIO_KIND_SERVICE_OUTAGE,
  APL_SCENARIO_KIND_NATURAL_DISASTER,
  APL_SCENARIO_KIND_OTHER,
  APL_N_SCENARIO_KINDS
} AplScenarioKind;

typedef enum
{
  APL_LEVEL_WATCH,
  APL_LEVEL_ALERT,
  APL_LEVEL_CRISIS,
  APL_N_LEVELS
} AplLevel;

typedef enum
{
  APL_ROLE_CRISIS_LEAD,
  APL_ROLE_SPOKESPERSON,
  APL_ROLE_COMMS_LEAD,
  APL_ROLE_LEGAL,
  APL_ROLE_IT_SECURITY,
  APL_ROLE_HR,
  APL_ROLE_CUSTOMER_SERVICE,
  APL_ROLE_SOCIAL_MEDIA,
  APL_ROLE_OPERATIONS,
  APL_ROLE_RISK_COMPLIANCE,
  APL_ROLE_CUSTOM,
  APL_N_ROLE_KINDS
} AplRoleKind;

typedef enum
{
  APL_OWNED_CHANNEL_WEBSITE,
  APL_OWNED_CHANNEL_SOCIAL_ACCOUNT,
  APL_OWNED_CHANNEL_INTRANET,
  APL_OWNED_CHANNEL_HOTLINE,
  APL_OWNED_CHANNEL_SMS_GATEWAY,
  APL_OWNED_CHANNEL_EMAIL_LIST,
  APL_OWNED_CHANNEL_OTHER,
  APL_N_OWNED_CHANNEL_KINDS
} AplOwnedChannelKind;

typedef enum
{
  APL_ACTIVATION_EXERCISE,
  APL_ACTIVATION_REAL,
} AplActivationKind;

/**
 * AplRaci:
 * @APL_RACI_NONE: the role has no part in the task
 * @APL_RACI_RESPONSIBLE: does the work
 * @APL_RACI_ACCOUNTABLE: answers for it and signs it off (one per task)
 * @APL_RACI_CONSULTED: is asked before
 * @APL_RACI_INFORMED: is told after
 */
typedef enum
{
  APL_RACI_NONE,
  APL_RACI_RESPONSIBLE,
  APL_RACI_ACCOUNTABLE,
  APL_RACI_CONSULTED,
  APL_RACI_INFORMED,
  APL_N_RACI
} AplRaci;

const char *apl_scenario_kind_get_key        (AplScenarioKind     kind);
const char *apl_scenario_kind_get_name       (AplScenarioKind     kind);
gboolean    apl_scenario_kind_from_key       (const char         *key,
                                              AplScenarioKind    *kind);
const char *apl_level_get_key                (AplLevel            level);
const char *apl_level_get_name               (AplLevel            level);
gboolean    apl_level_from_key               (const char         *key,
                                              AplLevel           *level);
const char *apl_role_kind_get_key            (AplRoleKind         kind);
const char *apl_role_kind_get_name           (AplRoleKind         kind);
gboolean    apl_role_kind_from_key           (const char         *key,
                                              AplRoleKind        *kind);
const char *apl_owned_channel_kind_get_key   (AplOwnedChannelKind kind);
const char *apl_owned_channel_kind_get_name  (AplOwnedChannelKind kind);
gboolean    apl_owned_channel_kind_from_key  (const char         *key,
                                              AplOwnedChannelKind *kind);
const char *apl_raci_get_letter              (AplRaci             raci);

/* Records */

typedef enum
{
  APL_SCENARIO_FIELD_TITLE,
  APL_SCENARIO_FIELD_DESCRIPTION,
  /* One early-warning signal a line. */
  APL_SCENARIO_FIELD_SIGNALS,
  APL_SCENARIO_FIELD_WATCH_TRIGGER,
  APL_SCENARIO_FIELD_WATCH_ACTIONS,
  APL_SCENARIO_FIELD_ALERT_TRIGGER,
  APL_SCENARIO_FIELD_ALERT_ACTIONS,
  APL_SCENARIO_FIELD_CRISIS_TRIGGER,
  APL_SCENARIO_FIELD_CRISIS_ACTIONS,
  APL_SCENARIO_N_FIELDS
} AplScenarioField;

typedef enum
{
  APL_ROLE_FIELD_CUSTOM_NAME,
  APL_ROLE_FIELD_PERSON,
  APL_ROLE_FIELD_DEPUTY,
  /* How to reach the person 24/7. */
  APL_ROLE_FIELD_CONTACT,
  APL_ROLE_FIELD_RESPONSIBILITIES,
  /* YYYY-MM-DD, or empty when never reviewed. */
  APL_ROLE_FIELD_REVIEWED_ON,
  APL_ROLE_N_FIELDS
} AplRoleField;

typedef enum
{
  APL_QUESTION_FIELD_QUESTION,
  APL_QUESTION_FIELD_ANSWER,
  APL_QUESTION_FIELD_LANGUAGE,
  APL_QUESTION_N_FIELDS
} AplQuestionField;

typedef enum
{
  APL_OWNED_CHANNEL_FIELD_NAME,
  APL_OWNED_CHANNEL_FIELD_PUBLISHERS,
  /* Where the credentials are kept: a place, never the secret. */
  APL_OWNED_CHANNEL_FIELD_CREDENTIALS_LOCATION,
  APL_OWNED_CHANNEL_N_FIELDS
} AplOwnedChannelField;

#define APL_TYPE_SCENARIO      (apl_scenario_get_type ())
#define APL_TYPE_CRISIS_ROLE   (apl_crisis_role_get_type ())
#define APL_TYPE_CHECKLIST_STEP (apl_checklist_step_get_type ())
#define APL_TYPE_QUESTION      (apl_question_get_type ())
#define APL_TYPE_OWNED_CHANNEL (apl_owned_channel_get_type ())
#define APL_TYPE_RACI_TASK     (apl_raci_task_get_type ())
#define APL_TYPE_ACTIVATION    (apl_activation_get_type ())

G_DECLARE_FINAL_TYPE (AplScenario, apl_scenario, APL, SCENARIO, GObject)
G_DECLARE_FINAL_TYPE (AplCrisisRole, apl_crisis_role, APL, CRISIS_ROLE, GObject)
G_DECLARE_FINAL_TYPE (AplChecklistStep, apl_checklist_step, APL, CHECKLIST_STEP, GObject)
G_DECLARE_FINAL_TYPE (AplQuestion, apl_question, APL, QUESTION, GObject)
G_DECLARE_FINAL_TYPE (AplOwnedChannel, apl_owned_channel, APL, OWNED_CHANNEL, GObject)
G_DECLARE_FINAL_TYPE (AplRaciTask, apl_raci_task, APL, RACI_TASK, GObject)
G_DECLARE_FINAL_TYPE (AplActivation, apl_activation, APL, ACTIVATION, GObject)

gint64           apl_scenario_get_id              (AplScenario         *self);
gint64           apl_scenario_get_plan_id         (AplScenario         *self);
AplScenarioKind  apl_scenario_get_kind            (AplScenario         *self);
gboolean         apl_scenario_set_kind            (AplScenario         *self,
                                                   AplScenarioKind      kind,
                                                   GError             **error);
const char      *apl_scenario_get_field           (AplScenario         *self,
                                                   AplScenarioField     field);
gboolean         apl_scenario_set_field           (AplScenario         *self,
                                                   AplScenarioField     field,
                                                   const char          *value,
                                                   GError             **error);
const char      *apl_scenario_get_title           (AplScenario         *self);
const char      *apl_scenario_get_trigger         (AplScenario         *self,
                                                   AplLevel             level);
const char      *apl_scenario_get_actions         (AplScenario         *self,
                                                   AplLevel             level);
char           **apl_scenario_get_signals         (AplScenario         *self);
int              apl_scenario_get_likelihood      (AplScenario         *self);
int              apl_scenario_get_impact          (AplScenario         *self);
gboolean         apl_scenario_set_risk            (AplScenario         *self,
                                                   int                  likelihood,
                                                   int                  impact,
                                                   GError             **error);

gint64           apl_crisis_role_get_id           (AplCrisisRole       *self);
gint64           apl_crisis_role_get_plan_id      (AplCrisisRole       *self);
AplRoleKind      apl_crisis_role_get_kind         (AplCrisisRole       *self);
const char      *apl_crisis_role_get_name         (AplCrisisRole       *self);
const char      *apl_crisis_role_get_field        (AplCrisisRole       *self,
                                                   AplRoleField         field);
gboolean         apl_crisis_role_set_field        (AplCrisisRole       *self,
                                                   AplRoleField         field,
                                                   const char          *value,
                                                   GError             **error);
const char      *apl_crisis_role_get_created      (AplCrisisRole       *self);
gboolean         apl_crisis_role_lacks_person     (AplCrisisRole       *self);
gboolean         apl_crisis_role_lacks_deputy     (AplCrisisRole       *self);
gboolean         apl_crisis_role_mark_reviewed    (AplCrisisRole       *self,
                                                   GError             **error);

gint64           apl_checklist_step_get_id        (AplChecklistStep    *self);
gint64           apl_checklist_step_get_scenario_id (AplChecklistStep  *self);
AplLevel         apl_checklist_step_get_level     (AplChecklistStep    *self);
const char      *apl_checklist_step_get_action    (AplChecklistStep    *self);
gboolean         apl_checklist_step_set_action    (AplChecklistStep    *self,
                                                   const char          *action,
                                                   GError             **error);
gint64           apl_checklist_step_get_role_id   (AplChecklistStep    *self);
gboolean         apl_checklist_step_set_role      (AplChecklistStep    *self,
                                                   AplCrisisRole       *role,
                                                   GError             **error);
int              apl_checklist_step_get_target_minutes (AplChecklistStep *self);
gboolean         apl_checklist_step_set_target_minutes (AplChecklistStep *self,
                                                        int               minutes,
                                                        GError          **error);
char            *apl_format_target_minutes        (int                  minutes);

gint64           apl_question_get_id              (AplQuestion         *self);
gint64           apl_question_get_scenario_id     (AplQuestion         *self);
const char      *apl_question_get_field           (AplQuestion         *self,
                                                   AplQuestionField     field);
gboolean         apl_question_set_field           (AplQuestion         *self,
                                                   AplQuestionField     field,
                                                   const char          *value,
                                                   GError             **error);

gint64           apl_owned_channel_get_id         (AplOwnedChannel     *self);
AplOwnedChannelKind apl_owned_channel_get_kind    (AplOwnedChannel     *self);
gboolean         apl_owned_channel_set_kind       (AplOwnedChannel     *self,
                                                   AplOwnedChannelKind  kind,
                                                   GError             **error);
const char      *apl_owned_channel_get_field      (AplOwnedChannel     *self,
                                                   AplOwnedChannelField field);
gboolean         apl_owned_channel_set_field      (AplOwnedChannel     *self,
                                                   AplOwnedChannelField field,
                                                   const char          *value,
                                                   GError             **error);

gint64           apl_raci_task_get_id             (AplRaciTask         *self);
const char      *apl_raci_task_get_name           (AplRaciTask         *self);
gboolean         apl_raci_task_set_name           (AplRaciTask         *self,
                                                   const char          *name,
                                                   GError             **error);

gint64           apl_activation_get_id            (AplActivation       *self);
gint64           apl_activation_get_scenario_id   (AplActivation       *self);
AplActivationKind apl_activation_get_kind         (AplActivation       *self);
const char      *apl_activation_get_started_at    (AplActivation       *self);
const char      *apl_activation_get_ended_at      (AplActivation       *self);
gboolean         apl_activation_is_running        (AplActivation       *self);
const char      *apl_activation_get_ticked_at     (AplActivation       *self,
                                                   AplChecklistStep    *step);
gboolean         apl_activation_tick              (AplActivation       *self,
                                                   AplChecklistStep    *step,
                                                   gboolean             done,
                                                   GError             **error);
gboolean         apl_activation_end               (AplActivation       *self,
                                                   GError             **error);

/* The store's side: lists are GListModels that emit items-changed. */

GListModel      *apl_store_get_scenarios          (AplStore            *self,
                                                   AplPlan             *plan,
                                                   GError             **error);
AplScenario     *apl_store_find_scenario          (AplStore            *self,
                                                   AplPlan             *plan,
                                                   gint64               id);
AplScenario     *apl_store_add_scenario           (AplStore            *self,
                                                   AplPlan             *plan,
                                                   AplScenarioKind      kind,
                                                   const char          *title,
                                                   GError             **error);
gboolean         apl_store_delete_scenario        (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   GError             **error);
gboolean         apl_store_undelete_scenario      (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   GError             **error);

GListModel      *apl_store_get_crisis_roles       (AplStore            *self,
                                                   AplPlan             *plan,
                                                   GError             **error);
AplCrisisRole   *apl_store_find_crisis_role       (AplStore            *self,
                                                   AplPlan             *plan,
                                                   gint64               id);
AplCrisisRole   *apl_store_add_crisis_role        (AplStore            *self,
                                                   AplPlan             *plan,
                                                   AplRoleKind          kind,
                                                   const char          *custom_name,
                                                   GError             **error);
gboolean         apl_store_delete_crisis_role     (AplStore            *self,
                                                   AplCrisisRole       *role,
                                                   GError             **error);
gboolean         apl_store_undelete_crisis_role   (AplStore            *self,
                                                   AplCrisisRole       *role,
                                                   GError             **error);

GListModel      *apl_store_get_raci_tasks         (AplStore            *self,
                                                   AplPlan             *plan,
                                                   GError             **error);
AplRaciTask     *apl_store_add_raci_task          (AplStore            *self,
                                                   AplPlan             *plan,
                                                   const char          *name,
                                                   GError             **error);
gboolean         apl_store_delete_raci_task       (AplStore            *self,
                                                   AplRaciTask         *task,
                                                   GError             **error);
gboolean         apl_store_undelete_raci_task     (AplStore            *self,
                                                   AplRaciTask         *task,
                                                   GError             **error);
AplRaci          apl_store_get_raci               (AplStore            *self,
                                                   AplRaciTask         *task,
                                                   AplCrisisRole       *role);
gboolean         apl_store_set_raci               (AplStore            *self,
                                                   AplRaciTask         *task,
                                                   AplCrisisRole       *role,
                                                   AplRaci              value,
                                                   GError             **error);

GListModel      *apl_store_get_checklist          (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   AplLevel             level,
                                                   GError             **error);
AplChecklistStep *apl_store_add_checklist_step    (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   AplLevel             level,
                                                   const char          *action,
                                                   AplCrisisRole       *role,
                                                   int                  target_minutes,
                                                   GError             **error);
gboolean         apl_store_move_checklist_step    (AplStore            *self,
                                                   AplChecklistStep    *step,
                                                   guint                position,
                                                   GError             **error);
gboolean         apl_store_delete_checklist_step  (AplStore            *self,
                                                   AplChecklistStep    *step,
                                                   GError             **error);
gboolean         apl_store_undelete_checklist_step (AplStore           *self,
                                                    AplChecklistStep   *step,
                                                    GError            **error);

GListModel      *apl_store_get_questions          (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   GError             **error);
AplQuestion     *apl_store_add_question           (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   const char          *language,
                                                   const char          *question,
                                                   const char          *answer,
                                                   GError             **error);
gboolean         apl_store_delete_question        (AplStore            *self,
                                                   AplQuestion         *question,
                                                   GError             **error);
gboolean         apl_store_undelete_question      (AplStore            *self,
                                                   AplQuestion         *question,
                                                   GError             **error);

GListModel      *apl_store_get_owned_channels     (AplStore            *self,
                                                   AplPlan             *plan,
                                                   GError             **error);
AplOwnedChannel *apl_store_add_owned_channel      (AplStore            *self,
                                                   AplPlan             *plan,
                                                   AplOwnedChannelKind  kind,
                                                   const char          *name,
                                                   GError             **error);
gboolean         apl_store_delete_owned_channel   (AplStore            *self,
                                                   AplOwnedChannel     *channel,
                                                   GError             **error);
gboolean         apl_store_undelete_owned_channel (AplStore            *self,
                                                   AplOwnedChannel     *channel,
                                                   GError             **error);

AplActivation   *apl_store_start_activation       (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   AplActivationKind    kind,
                                                   GError             **error);
AplActivation   *apl_store_get_running_activation (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   GError             **error);

/**
 * AplActivationEntry:
 * @step_id: the checklist step
 * @level: the escalation level the step belongs to
 * @action: what the step says to do
 * @target_minutes: its target from activation, -1 for none
 * @ticked_at: (nullable): when it was ticked (UTC, ISO 8601); %NULL when
 *   it was not done
 * @minutes: minutes from the start of the activation to the tick, -1 when
 *   not ticked
 * @late: ticked after its target
 *
 * One line of an activation's after-action record.
 */
typedef struct
{
  gint64    step_id;
  AplLevel  level;
  char     *action;
  int       target_minutes;
  char     *ticked_at;
  int       minutes;
  gboolean  late;
} AplActivationEntry;

void             apl_activation_entry_free        (AplActivationEntry  *entry);
GPtrArray       *apl_store_list_activations       (AplStore            *self,
                                                   AplScenario         *scenario,
                                                   GError             **error);
GPtrArray       *apl_store_get_activation_entries (AplStore            *self,
                                                   AplActivation       *activation,
                                                   GError             **error);

/* Starter content and the "new plan from a scenario" assistant's core. */

const char      *apl_crisis_starter_scenario_title (AplScenarioKind    kind,
                                                    const char        *language);
AplScenario     *apl_store_add_starter_scenario   (AplStore            *self,
                                                   AplPlan             *plan,
                                                   AplScenarioKind      kind,
                                                   const char          *language,
                                                   GError             **error);
AplPlan         *apl_store_create_plan_from_scenario (AplStore         *self,
                                                      AplScenarioKind   kind,
                                                      const char       *language,
                                                      GError          **error);

/* For tests: the clock that activations and reviews read. NULL restores
 * the real one. */
void             apl_crisis_set_clock             (GDateTime *(*now) (void));

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplActivationEntry, apl_activation_entry_free)

G_END_DECLS
