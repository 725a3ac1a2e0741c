/* test-crisis.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crisis plans without a window: every record type is stored and read back
 * after reopening, refused values leave things as they were, deletions can
 * be undone and cascade from plans, ticking a checklist step records its
 * time, the "new plan from a scenario" core gives every scenario type real
 * content in English and in French, and plan health finds what is missing
 * or stale, also through aplomb-tool.
 */

#include "config.h"

#include <string.h>

#include "apl-approvals.h"
#include "apl-contact-book.h"
#include "apl-crisis.h"
#include "apl-messages.h"
#include "apl-health.h"
#include "apl-store.h"
#include "test-util.h"

static gint64 fake_now;

static GDateTime *
fake_clock (void)
{
  return g_date_time_new_from_unix_utc (fake_now);
}

typedef struct
{
  char     *dir;
  char     *path;
  AplStore *store;
  AplPlan  *plan;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fake_now = 1767225600; /* 2026-01-01 00:00 UTC */
  apl_crisis_set_clock (fake_clock);

  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Riverside water", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  apl_crisis_set_clock (NULL);
  g_clear_object (&fixture->plan);
  if (fixture->store != NULL)
    apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Closes and opens the workspace again: what comes back is what is on disk. */
static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id = apl_plan_get_id (fixture->plan);

  g_clear_object (&fixture->plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->plan = g_object_ref (apl_store_find_plan (fixture->store, plan_id));
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_ticked_cb (AplActivation *activation,
                 gint64         step_id,
                 guint         *count)
{
  (*count)++;
}

static gpointer
item (GListModel *model,
      guint       position)
{
  gpointer object = g_list_model_get_item (model, position);

  g_assert_nonnull (object);
  g_object_unref (object); /* the list keeps it */
  return object;
}

/* Storage */

static void
test_scenario_storage (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_auto(GStrv) signals = NULL;
  GListModel *scenarios;
  guint changes = 0;

  scenarios = apl_store_get_scenarios (fixture->store, fixture->plan, &error);
  g_assert_no_error (error);
  g_signal_connect (scenarios, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  scenario = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_SERVICE_OUTAGE,
                                     "  Network outage  ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_cmpstr (apl_scenario_get_title (scenario), ==, "Network outage");

  g_assert_true (apl_scenario_set_field (scenario, APL_SCENARIO_FIELD_DESCRIPTION, "The network is down.", &error));
  g_assert_true (apl_scenario_set_field (scenario, APL_SCENARIO_FIELD_SIGNALS, "Calls spike\n\n  Status page red \n", &error));
  g_assert_true (apl_scenario_set_field (scenario, APL_SCENARIO_FIELD_ALERT_TRIGGER, "Down for an hour", &error));
  g_assert_true (apl_scenario_set_field (scenario, APL_SCENARIO_FIELD_CRISIS_ACTIONS, "Hourly updates", &error));
  g_assert_true (apl_scenario_set_risk (scenario, 4, 2, &error));
  g_assert_true (apl_scenario_set_kind (scenario, APL_SCENARIO_KIND_CYBER_ATTACK, &error));
  g_assert_no_error (error);

  /* Refused values change nothing, in memory or on disk. */
  g_assert_false (apl_scenario_set_field (scenario, APL_SCENARIO_FIELD_TITLE, "   ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_scenario_set_risk (scenario, 6, 1, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (apl_scenario_get_title (scenario), ==, "Network outage");

  g_clear_object (&scenario);
  reopen (fixture);
  scenarios = apl_store_get_scenarios (fixture->store, fixture->plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  scenario = g_object_ref (item (scenarios, 0));
  g_assert_cmpstr (apl_scenario_get_title (scenario), ==, "Network outage");
  g_assert_cmpstr (apl_scenario_get_field (scenario, APL_SCENARIO_FIELD_DESCRIPTION), ==, "The network is down.");
  g_assert_cmpstr (apl_scenario_get_trigger (scenario, APL_LEVEL_ALERT), ==, "Down for an hour");
  g_assert_cmpstr (apl_scenario_get_actions (scenario, APL_LEVEL_CRISIS), ==, "Hourly updates");
  g_assert_cmpint (apl_scenario_get_likelihood (scenario), ==, 4);
  g_assert_cmpint (apl_scenario_get_impact (scenario), ==, 2);
  g_assert_cmpint (apl_scenario_get_kind (scenario), ==, APL_SCENARIO_KIND_CYBER_ATTACK);
  signals = apl_scenario_get_signals (scenario);
  g_assert_cmpuint (g_strv_length (signals), ==, 2);
  g_assert_cmpstr (signals[1], ==, "Status page red");
}

static void
test_role_storage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplCrisisRole) lead = NULL;
  g_autoptr(AplCrisisRole) custom = NULL;
  GListModel *roles;
  guint notified = 0;

  lead = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_SPOKESPERSON, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_crisis_role_lacks_person (lead));
  g_assert_false (apl_crisis_role_lacks_deputy (lead));
  g_assert_cmpstr (apl_crisis_role_get_name (lead), ==, "Spokesperson");

  /* A custom role must have a name. */
  g_assert_null (apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_CUSTOM, " ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  custom = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_CUSTOM, "Union liaison", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_crisis_role_get_name (custom), ==, "Union liaison");

  g_signal_connect (lead, "notify::lacks-deputy", G_CALLBACK (count_notify_cb), &notified);
  fake_now += 86400 * 10;
  g_assert_true (apl_crisis_role_set_field (lead, APL_ROLE_FIELD_PERSON, "Alex Morgan", &error));
  g_assert_no_error (error);
  g_assert_false (apl_crisis_role_lacks_person (lead));
  g_assert_true (apl_crisis_role_lacks_deputy (lead));
  /* Naming the person is reviewing the role. */
  g_assert_cmpstr (apl_crisis_role_get_field (lead, APL_ROLE_FIELD_REVIEWED_ON), ==, "2026-01-11");
  g_assert_true (apl_crisis_role_set_field (lead, APL_ROLE_FIELD_DEPUTY, "Sam Lee", &error));
  g_assert_true (apl_crisis_role_set_field (lead, APL_ROLE_FIELD_CONTACT, "+44 20 7946 0001", &error));
  g_assert_true (apl_crisis_role_set_field (lead, APL_ROLE_FIELD_RESPONSIBILITIES, "Speaks for us.", &error));
  g_assert_no_error (error);
  g_assert_false (apl_crisis_role_lacks_deputy (lead));
  /* The flag came up with the person and went with the deputy. */
  g_assert_cmpuint (notified, ==, 2);

  g_assert_false (apl_crisis_role_set_field (lead, APL_ROLE_FIELD_REVIEWED_ON, "2026-02-30", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_crisis_role_set_field (custom, APL_ROLE_FIELD_CUSTOM_NAME, "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&lead);
  g_clear_object (&custom);
  reopen (fixture);
  roles = apl_store_get_crisis_roles (fixture->store, fixture->plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (roles), ==, 2);
  lead = g_object_ref (item (roles, 0));
  g_assert_cmpint (apl_crisis_role_get_kind (lead), ==, APL_ROLE_SPOKESPERSON);
  g_assert_cmpstr (apl_crisis_role_get_field (lead, APL_ROLE_FIELD_PERSON), ==, "Alex Morgan");
  g_assert_cmpstr (apl_crisis_role_get_field (lead, APL_ROLE_FIELD_DEPUTY), ==, "Sam Lee");
  g_assert_cmpstr (apl_crisis_role_get_field (lead, APL_ROLE_FIELD_CONTACT), ==, "+44 20 7946 0001");
  g_assert_cmpstr (apl_crisis_role_get_field (lead, APL_ROLE_FIELD_RESPONSIBILITIES), ==, "Speaks for us.");
  g_assert_cmpstr (apl_crisis_role_get_name (item (roles, 1)), ==, "Union liaison");
}

static void
test_raci_and_channels (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplCrisisRole) lead = NULL;
  g_autoptr(AplCrisisRole) legal = NULL;
  g_autoptr(AplRaciTask) task = NULL;
  g_autoptr(AplOwnedChannel) channel = NULL;
  GListModel *tasks, *channels, *roles;

  lead = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_CRISIS_LEAD, NULL, &error);
  legal = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_LEGAL, NULL, &error);
  task = apl_store_add_raci_task (fixture->store, fixture->plan, "Approve statements", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_set_raci (fixture->store, task, lead, APL_RACI_ACCOUNTABLE, &error));
  g_assert_true (apl_store_set_raci (fixture->store, task, legal, APL_RACI_RESPONSIBLE, &error));
  g_assert_true (apl_store_set_raci (fixture->store, task, legal, APL_RACI_CONSULTED, &error));
  g_assert_no_error (error);

  channel = apl_store_add_owned_channel (fixture->store, fixture->plan, APL_OWNED_CHANNEL_SMS_GATEWAY, "SMS alerts", &error);
  g_assert_no_error (error);
  g_assert_true (apl_owned_channel_set_field (channel, APL_OWNED_CHANNEL_FIELD_PUBLISHERS, "Comms lead, duty officer", &error));
  g_assert_true (apl_owned_channel_set_field (channel, APL_OWNED_CHANNEL_FIELD_CREDENTIALS_LOCATION,
                                              "Password manager, vault “Crisis”", &error));
  g_assert_true (apl_owned_channel_set_kind (channel, APL_OWNED_CHANNEL_HOTLINE, &error));
  g_assert_no_error (error);
  g_assert_false (apl_owned_channel_set_field (channel, APL_OWNED_CHANNEL_FIELD_NAME, "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&lead);
  g_clear_object (&legal);
  g_clear_object (&task);
  g_clear_object (&channel);
  reopen (fixture);

  roles = apl_store_get_crisis_roles (fixture->store, fixture->plan, &error);
  tasks = apl_store_get_raci_tasks (fixture->store, fixture->plan, &error);
  channels = apl_store_get_owned_channels (fixture->store, fixture->plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 1);
  g_assert_cmpstr (apl_raci_task_get_name (item (tasks, 0)), ==, "Approve statements");
  g_assert_cmpint (apl_store_get_raci (fixture->store, item (tasks, 0), item (roles, 0)), ==, APL_RACI_ACCOUNTABLE);
  g_assert_cmpint (apl_store_get_raci (fixture->store, item (tasks, 0), item (roles, 1)), ==, APL_RACI_CONSULTED);
  g_assert_true (apl_store_set_raci (fixture->store, item (tasks, 0), item (roles, 1), APL_RACI_NONE, &error));
  g_assert_cmpint (apl_store_get_raci (fixture->store, item (tasks, 0), item (roles, 1)), ==, APL_RACI_NONE);

  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 1);
  channel = g_object_ref (item (channels, 0));
  g_assert_cmpint (apl_owned_channel_get_kind (channel), ==, APL_OWNED_CHANNEL_HOTLINE);
  g_assert_cmpstr (apl_owned_channel_get_field (channel, APL_OWNED_CHANNEL_FIELD_PUBLISHERS), ==, "Comms lead, duty officer");
  g_assert_cmpstr (apl_owned_channel_get_field (channel, APL_OWNED_CHANNEL_FIELD_CREDENTIALS_LOCATION), ==,
                   "Password manager, vault “Crisis”");
}

static void
test_checklist_and_questions (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(AplCrisisRole) spokesperson = NULL;
  g_autoptr(AplChecklistStep) first = NULL;
  g_autoptr(AplChecklistStep) second = NULL;
  g_autoptr(AplChecklistStep) third = NULL;
  g_autoptr(AplQuestion) question = NULL;
  g_autofree char *within = NULL;
  GListModel *steps, *questions;

  scenario = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_DATA_BREACH, "Breach", &error);
  spokesperson = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_SPOKESPERSON, NULL, &error);
  g_assert_no_error (error);

  first = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Convene the cell", NULL, 15, &error);
  second = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Holding statement out",
                                         spokesperson, 60, &error);
  third = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Brief staff", NULL, -1, &error);
  g_assert_no_error (error);
  g_assert_null (apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "", NULL, 5, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (apl_store_move_checklist_step (fixture->store, third, 0, &error));
  g_assert_true (apl_checklist_step_set_target_minutes (first, 20, &error));
  g_assert_true (apl_checklist_step_set_action (first, "Convene the crisis cell", &error));
  g_assert_no_error (error);
  within = apl_format_target_minutes (60);
  g_assert_cmpstr (within, ==, "within 1 hour");

  question = apl_store_add_question (fixture->store, scenario, "fr", "Que s'est-il passé ?", "[faits]", &error);
  g_assert_no_error (error);
  g_assert_true (apl_question_set_field (question, APL_QUESTION_FIELD_ANSWER, "Le [date], [faits confirmés].", &error));
  g_assert_no_error (error);
  g_assert_false (apl_question_set_field (question, APL_QUESTION_FIELD_QUESTION, " ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&scenario);
  g_clear_object (&spokesperson);
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&third);
  g_clear_object (&question);
  reopen (fixture);

  scenario = g_object_ref (item (apl_store_get_scenarios (fixture->store, fixture->plan, NULL), 0));
  steps = apl_store_get_checklist (fixture->store, scenario, APL_LEVEL_CRISIS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 3);
  g_assert_cmpstr (apl_checklist_step_get_action (item (steps, 0)), ==, "Brief staff");
  g_assert_cmpint (apl_checklist_step_get_target_minutes (item (steps, 0)), ==, -1);
  g_assert_cmpstr (apl_checklist_step_get_action (item (steps, 1)), ==, "Convene the crisis cell");
  g_assert_cmpint (apl_checklist_step_get_target_minutes (item (steps, 1)), ==, 20);
  g_assert_cmpint (apl_checklist_step_get_role_id (item (steps, 2)), ==,
                   apl_crisis_role_get_id (item (apl_store_get_crisis_roles (fixture->store, fixture->plan, NULL), 0)));
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_checklist (fixture->store, scenario, APL_LEVEL_WATCH, NULL)), ==, 0);

  questions = apl_store_get_questions (fixture->store, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 1);
  g_assert_cmpstr (apl_question_get_field (item (questions, 0), APL_QUESTION_FIELD_LANGUAGE), ==, "fr");
  g_assert_cmpstr (apl_question_get_field (item (questions, 0), APL_QUESTION_FIELD_ANSWER), ==,
                   "Le [date], [faits confirmés].");
}

/* Ticking a step during an exercise records the time it was ticked. */
static void
test_activation_ticks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(AplChecklistStep) step = NULL;
  g_autoptr(AplChecklistStep) other = NULL;
  AplActivation *activation;
  guint ticked = 0;

  scenario = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_CYBER_ATTACK, "Ransomware", &error);
  step = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Holding statement out", NULL, 60, &error);
  other = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Brief staff", NULL, 90, &error);
  g_assert_no_error (error);

  g_assert_null (apl_store_get_running_activation (fixture->store, scenario, &error));
  g_assert_no_error (error);
  activation = apl_store_start_activation (fixture->store, scenario, APL_ACTIVATION_EXERCISE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_activation_get_started_at (activation), ==, "2026-01-01T00:00:00Z");
  g_assert_null (apl_store_start_activation (fixture->store, scenario, APL_ACTIVATION_REAL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_signal_connect (activation, "ticked", G_CALLBACK (count_ticked_cb), &ticked);
  fake_now += 47 * 60;
  g_assert_true (apl_activation_tick (activation, step, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ticked, ==, 1);
  g_assert_cmpstr (apl_activation_get_ticked_at (activation, step), ==, "2026-01-01T00:47:00Z");
  /* Ticking again keeps the first time. */
  fake_now += 60;
  g_assert_true (apl_activation_tick (activation, step, TRUE, &error));
  g_assert_cmpstr (apl_activation_get_ticked_at (activation, step), ==, "2026-01-01T00:47:00Z");
  g_assert_true (apl_activation_tick (activation, other, TRUE, &error));
  g_assert_true (apl_activation_tick (activation, other, FALSE, &error));
  g_assert_null (apl_activation_get_ticked_at (activation, other));

  g_clear_object (&scenario);
  g_clear_object (&step);
  g_clear_object (&other);
  reopen (fixture);

  scenario = g_object_ref (item (apl_store_get_scenarios (fixture->store, fixture->plan, NULL), 0));
  activation = apl_store_get_running_activation (fixture->store, scenario, &error);
  g_assert_no_error (error);
  g_assert_nonnull (activation);
  step = g_object_ref (item (apl_store_get_checklist (fixture->store, scenario, APL_LEVEL_CRISIS, NULL), 0));
  g_assert_cmpstr (apl_activation_get_ticked_at (activation, step), ==, "2026-01-01T00:47:00Z");
  g_assert_true (apl_activation_end (activation, &error));
  g_assert_false (apl_activation_is_running (activation));
  g_assert_false (apl_activation_tick (activation, step, FALSE, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (apl_store_get_running_activation (fixture->store, scenario, &error));
  g_assert_no_error (error);
}

/* The after-action record: every activation, newest first, with its end
 * time, and per step when it was ticked and whether that was late. */
static void
test_activation_history (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(AplChecklistStep) statement = NULL;
  g_autoptr(AplChecklistStep) briefing = NULL;
  g_autoptr(AplChecklistStep) hotline = NULL;
  g_autoptr(AplChecklistStep) watch = NULL;
  g_autoptr(GPtrArray) activations = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AplActivation *exercise, *real;
  AplActivationEntry *entry;

  scenario = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_CYBER_ATTACK, "Ransomware", &error);
  statement = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Holding statement out", NULL, 60, &error);
  briefing = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Brief staff", NULL, 30, &error);
  hotline = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_CRISIS, "Open the hotline", NULL, -1, &error);
  watch = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_WATCH, "Watch the logs", NULL, 10, &error);
  g_assert_no_error (error);

  activations = apl_store_list_activations (fixture->store, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activations->len, ==, 0);
  g_clear_pointer (&activations, g_ptr_array_unref);

  exercise = apl_store_start_activation (fixture->store, scenario, APL_ACTIVATION_EXERCISE, &error);
  g_assert_no_error (error);
  fake_now += 45 * 60;
  g_assert_true (apl_activation_tick (exercise, statement, TRUE, &error));
  g_assert_true (apl_activation_tick (exercise, briefing, TRUE, &error));
  fake_now += 75 * 60;
  g_assert_true (apl_activation_end (exercise, &error));
  g_assert_no_error (error);
  /* Ending records the end time. */
  g_assert_cmpstr (apl_activation_get_ended_at (exercise), ==, "2026-01-01T02:00:00Z");

  /* A step deleted since keeps its line in the record while the deletion
   * can be undone. */
  g_assert_true (apl_store_delete_checklist_step (fixture->store, briefing, &error));
  g_assert_no_error (error);
  entries = apl_store_get_activation_entries (fixture->store, exercise, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((AplActivationEntry *) g_ptr_array_index (entries, 1))->action, ==, "Brief staff");
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_true (apl_store_undelete_checklist_step (fixture->store, briefing, &error));
  g_assert_no_error (error);

  fake_now += 86400;
  real = apl_store_start_activation (fixture->store, scenario, APL_ACTIVATION_REAL, &error);
  g_assert_no_error (error);

  g_clear_object (&statement);
  g_clear_object (&briefing);
  g_clear_object (&hotline);
  g_clear_object (&watch);
  g_clear_object (&scenario);
  reopen (fixture);
  scenario = g_object_ref (item (apl_store_get_scenarios (fixture->store, fixture->plan, NULL), 0));

  activations = apl_store_list_activations (fixture->store, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activations->len, ==, 2);
  real = g_ptr_array_index (activations, 0);
  exercise = g_ptr_array_index (activations, 1);
  g_assert_true (real == apl_store_get_running_activation (fixture->store, scenario, NULL));
  g_assert_cmpint (apl_activation_get_kind (real), ==, APL_ACTIVATION_REAL);
  g_assert_true (apl_activation_is_running (real));
  g_assert_cmpint (apl_activation_get_kind (exercise), ==, APL_ACTIVATION_EXERCISE);
  g_assert_cmpstr (apl_activation_get_started_at (exercise), ==, "2026-01-01T00:00:00Z");
  g_assert_cmpstr (apl_activation_get_ended_at (exercise), ==, "2026-01-01T02:00:00Z");

  /* The exercise: the crisis level's steps, ticked or not; the watch
   * level, where nothing was ticked, is not part of it. */
  entries = apl_store_get_activation_entries (fixture->store, exercise, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "Holding statement out");
  g_assert_cmpint (entry->level, ==, APL_LEVEL_CRISIS);
  g_assert_cmpstr (entry->ticked_at, ==, "2026-01-01T00:45:00Z");
  g_assert_cmpint (entry->minutes, ==, 45);
  g_assert_cmpint (entry->target_minutes, ==, 60);
  g_assert_false (entry->late);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "Brief staff");
  g_assert_cmpint (entry->minutes, ==, 45);
  g_assert_true (entry->late);
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->action, ==, "Open the hotline");
  g_assert_null (entry->ticked_at);
  g_assert_cmpint (entry->minutes, ==, -1);
  g_assert_cmpint (entry->target_minutes, ==, -1);
  g_assert_false (entry->late);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Nothing ticked yet in the real one. */
  entries = apl_store_get_activation_entries (fixture->store, real, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(AplCrisisRole) role = NULL;
  g_autoptr(AplChecklistStep) step = NULL;
  g_autoptr(AplQuestion) question = NULL;
  GListModel *scenarios, *roles, *steps, *questions;
  guint changes = 0;

  scenario = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_OTHER, "Strike", &error);
  role = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_HR, NULL, &error);
  step = apl_store_add_checklist_step (fixture->store, scenario, APL_LEVEL_ALERT, "Call unions", role, 30, &error);
  question = apl_store_add_question (fixture->store, scenario, "en", "How long?", "", &error);
  g_assert_no_error (error);
  scenarios = apl_store_get_scenarios (fixture->store, fixture->plan, NULL);
  roles = apl_store_get_crisis_roles (fixture->store, fixture->plan, NULL);
  steps = apl_store_get_checklist (fixture->store, scenario, APL_LEVEL_ALERT, NULL);
  questions = apl_store_get_questions (fixture->store, scenario, NULL);
  g_signal_connect (scenarios, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  g_assert_true (apl_store_delete_scenario (fixture->store, scenario, &error));
  g_assert_true (apl_store_delete_crisis_role (fixture->store, role, &error));
  g_assert_true (apl_store_delete_checklist_step (fixture->store, step, &error));
  g_assert_true (apl_store_delete_question (fixture->store, question, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (roles), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 0);
  /* Deleting twice is refused, not silently done. */
  g_assert_false (apl_store_delete_scenario (fixture->store, scenario, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (apl_store_undelete_scenario (fixture->store, scenario, &error));
  g_assert_true (apl_store_undelete_crisis_role (fixture->store, role, &error));
  g_assert_true (apl_store_undelete_checklist_step (fixture->store, step, &error));
  g_assert_true (apl_store_undelete_question (fixture->store, question, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (roles), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 1);

  /* A deletion left at the end of a session is gone in the next one. */
  g_assert_true (apl_store_delete_crisis_role (fixture->store, role, &error));
  g_clear_object (&scenario);
  g_clear_object (&role);
  g_clear_object (&step);
  g_clear_object (&question);
  reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_crisis_roles (fixture->store, fixture->plan, NULL)), ==, 0);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM crisis_roles"), ==, 0);
  /* The step lost its role with the purge, and stayed. */
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM checklist_steps WHERE role_id IS NULL"), ==, 1);
}

static void
test_plan_purge_cascades (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const tables[] = {
    "crisis_scenarios", "crisis_roles", "raci_tasks", "raci_cells", "checklist_steps",
    "activations", "activation_ticks", "owned_channels", "scenario_questions",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  AplActivation *activation;

  plan = apl_store_create_plan_from_scenario (fixture->store, APL_SCENARIO_KIND_CYBER_ATTACK, "en", &error);
  g_assert_no_error (error);
  scenario = g_object_ref (item (apl_store_get_scenarios (fixture->store, plan, NULL), 0));
  activation = apl_store_start_activation (fixture->store, scenario, APL_ACTIVATION_EXERCISE, &error);
  g_assert_true (apl_activation_tick (activation,
                                      item (apl_store_get_checklist (fixture->store, scenario, APL_LEVEL_CRISIS, NULL), 0),
                                      TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (apl_store_delete_plan (fixture->store, plan, &error));
  g_assert_true (apl_store_purge_deleted_plans (fixture->store, &error));
  g_assert_no_error (error);
  g_clear_object (&scenario);
  g_clear_object (&plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->plan);
  g_clear_object (&fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (test_sqlite_int (fixture->path, sql), ==, 0);
    }
}

/* The assistant's core, for every scenario type and both languages. */
static gboolean
looks_french (const char *text)
{
  static const char * const words[] = { " le ", " la ", " les ", " des ", " du ", " et ", " une ", " un ",
                                         "é", "è", "à", " de ", "ç", " ? ", "l'", "d'", " en " };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_plan_from_scenario (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const languages[] = { "en", "fr" };

  for (AplScenarioKind kind = 0; kind < APL_N_SCENARIO_KINDS; kind++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(AplPlan) plan = NULL;
        gboolean french = l == 1;
        GListModel *scenarios, *roles, *questions, *tasks, *channels, *messages;
        AplScenario *scenario;
        guint n_steps = 0;
        g_autoptr(GPtrArray) health = NULL;

        plan = apl_store_create_plan_from_scenario (fixture->store, kind, languages[l], &error);
        g_assert_no_error (error);
        g_assert_cmpstr (apl_plan_get_language (plan), ==, languages[l]);
        if (french)
          g_assert_true (g_str_has_prefix (apl_plan_get_title (plan), "Plan de crise"));
        else
          g_assert_true (g_str_has_prefix (apl_plan_get_title (plan), "Crisis plan"));

        scenarios = apl_store_get_scenarios (fixture->store, plan, &error);
        g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
        scenario = item (scenarios, 0);
        g_assert_cmpint (apl_scenario_get_kind (scenario), ==, kind);
        for (AplScenarioField f = 0; f < APL_SCENARIO_N_FIELDS; f++)
          {
            const char *text = apl_scenario_get_field (scenario, f);

            g_assert_cmpstr (text, !=, "");
            if (french && f != APL_SCENARIO_FIELD_TITLE)
              g_assert_true (looks_french (text));
          }

        roles = apl_store_get_crisis_roles (fixture->store, plan, &error);
        g_assert_cmpuint (g_list_model_get_n_items (roles), >=, 7);
        for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
          {
            const char *resp = apl_crisis_role_get_field (item (roles, i), APL_ROLE_FIELD_RESPONSIBILITIES);

            g_assert_cmpstr (resp, !=, "");
            g_assert_true (!french || looks_french (resp));
          }

        for (AplLevel level = 0; level < APL_N_LEVELS; level++)
          {
            GListModel *steps = apl_store_get_checklist (fixture->store, scenario, level, &error);
            guint n = g_list_model_get_n_items (steps);

            g_assert_cmpuint (n, >, 0);
            n_steps += n;
            for (guint i = 0; i < n; i++)
              {
                AplChecklistStep *step = item (steps, i);

                /* Every starter step has someone to do it. */
                g_assert_nonnull (apl_store_find_crisis_role (fixture->store, plan, apl_checklist_step_get_role_id (step)));
                g_assert_true (!french || looks_french (apl_checklist_step_get_action (step)));
              }
          }
        g_assert_cmpuint (n_steps, >=, 12);

        questions = apl_store_get_questions (fixture->store, scenario, &error);
        g_assert_cmpuint (g_list_model_get_n_items (questions), >=, 8);
        for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
          {
            AplQuestion *q = item (questions, i);

            g_assert_cmpstr (apl_question_get_field (q, APL_QUESTION_FIELD_LANGUAGE), ==, languages[l]);
            g_assert_cmpstr (apl_question_get_field (q, APL_QUESTION_FIELD_ANSWER), !=, "");
            g_assert_true (!french || looks_french (apl_question_get_field (q, APL_QUESTION_FIELD_ANSWER)));
          }

        tasks = apl_store_get_raci_tasks (fixture->store, plan, &error);
        g_assert_cmpuint (g_list_model_get_n_items (tasks), >=, 5);
        /* Each key task has exactly one accountable role. */
        for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
          {
            guint n_accountable = 0;

            for (guint r = 0; r < g_list_model_get_n_items (roles); r++)
              if (apl_store_get_raci (fixture->store, item (tasks, i), item (roles, r)) == APL_RACI_ACCOUNTABLE)
                n_accountable++;
            g_assert_cmpuint (n_accountable, ==, 1);
          }
        channels = apl_store_get_owned_channels (fixture->store, plan, &error);
        g_assert_cmpuint (g_list_model_get_n_items (channels), >=, 3);

        messages = apl_store_get_messages (fixture->store, plan, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (messages), >, 0);
        for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
          g_assert_cmpstr (apl_message_get_language (item (messages, i)), ==, languages[l]);

        /* A fresh plan from a scenario lacks only people and the approval
         * of its holding statement: the statement and the checklists are
         * there. */
        health = apl_plan_health_check (fixture->store, plan, NULL, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < health->len; i++)
          {
            AplHealthItem *h = g_ptr_array_index (health, i);

            if (i < g_list_model_get_n_items (roles))
              g_assert_cmpint (h->rule, ==, APL_HEALTH_ROLE_WITHOUT_PERSON);
            else
              g_assert_cmpint (h->rule, ==, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED);
          }
        g_assert_cmpuint (health->len, ==, g_list_model_get_n_items (roles) + 1);
      }
}

/* Plan health */

static gboolean
has_rule (GPtrArray     *items,
          AplHealthRule  rule,
          gint64         target)
{
  for (guint i = 0; i < items->len; i++)
    {
      AplHealthItem *h = g_ptr_array_index (items, i);

      if (h->rule == rule && (target < 0 || h->target_id == target))
        return TRUE;
    }
  return FALSE;
}

static void
test_health_rules (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(AplCrisisRole) lead = NULL;
  g_autoptr(AplCrisisRole) spokesperson = NULL;
  g_autoptr(AplScenario) outage = NULL;
  g_autoptr(AplScenario) breach = NULL;
  g_autoptr(AplMessage) statement = NULL;
  g_autoptr(AplChecklistStep) step = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2026);

  /* An empty plan: no crisis cell, no scenario. */
  items = apl_plan_health_check (fixture->store, fixture->plan, &today, &error);
  g_assert_no_error (error);
  g_assert_true (has_rule (items, APL_HEALTH_NO_CRISIS_CELL, -1));
  g_assert_true (has_rule (items, APL_HEALTH_NO_SCENARIO, -1));
  g_assert_cmpint (((AplHealthItem *) g_ptr_array_index (items, 0))->severity, ==, APL_HEALTH_CRITICAL);
  g_clear_pointer (&items, g_ptr_array_unref);

  lead = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_CRISIS_LEAD, NULL, &error);
  spokesperson = apl_store_add_crisis_role (fixture->store, fixture->plan, APL_ROLE_SPOKESPERSON, NULL, &error);
  g_assert_true (apl_crisis_role_set_field (spokesperson, APL_ROLE_FIELD_PERSON, "Alex Morgan", &error));
  outage = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_SERVICE_OUTAGE, "Outage", &error);
  breach = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_DATA_BREACH, "Data breach", &error);
  step = apl_store_add_checklist_step (fixture->store, breach, APL_LEVEL_WATCH, "Check logs", lead, 60, &error);
  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_SCENARIO] = "DATA BREACH";
  fields[APL_MESSAGE_FIELD_PHASE] = "holding-statement";
  fields[APL_MESSAGE_FIELD_CHANNEL] = "website";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  statement = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Alex", &error);
  g_assert_true (apl_plan_set_field (fixture->plan, APL_PLAN_FIELD_NEXT_REVIEW, "2025-12-31", &error));
  g_assert_no_error (error);

  items = apl_plan_health_check (fixture->store, fixture->plan, &today, &error);
  g_assert_no_error (error);
  g_assert_false (has_rule (items, APL_HEALTH_NO_CRISIS_CELL, -1));
  g_assert_false (has_rule (items, APL_HEALTH_NO_SCENARIO, -1));
  g_assert_true (has_rule (items, APL_HEALTH_ROLE_WITHOUT_PERSON, apl_crisis_role_get_id (lead)));
  g_assert_false (has_rule (items, APL_HEALTH_ROLE_WITHOUT_PERSON, apl_crisis_role_get_id (spokesperson)));
  g_assert_true (has_rule (items, APL_HEALTH_PERSON_WITHOUT_DEPUTY, apl_crisis_role_get_id (spokesperson)));
  g_assert_true (has_rule (items, APL_HEALTH_ROLE_WITHOUT_CONTACT, apl_crisis_role_get_id (spokesperson)));
  g_assert_true (has_rule (items, APL_HEALTH_SCENARIO_WITHOUT_CHECKLIST, apl_scenario_get_id (outage)));
  g_assert_false (has_rule (items, APL_HEALTH_SCENARIO_WITHOUT_CHECKLIST, apl_scenario_get_id (breach)));
  /* The statement names "DATA BREACH": case does not matter. It exists
   * but nobody approved it: a lesser item than none at all. */
  g_assert_true (has_rule (items, APL_HEALTH_SCENARIO_WITHOUT_HOLDING_STATEMENT, apl_scenario_get_id (outage)));
  g_assert_false (has_rule (items, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED, apl_scenario_get_id (outage)));
  g_assert_false (has_rule (items, APL_HEALTH_SCENARIO_WITHOUT_HOLDING_STATEMENT, apl_scenario_get_id (breach)));
  g_assert_true (has_rule (items, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED, apl_scenario_get_id (breach)));
  /* An empty contact book has nothing stale. */
  g_assert_false (has_rule (items, APL_HEALTH_CONTACTS_STALE, -1));
  g_assert_true (has_rule (items, APL_HEALTH_PLAN_REVIEW_PASSED, -1));
  g_assert_false (has_rule (items, APL_HEALTH_ROLE_NOT_REVIEWED, -1));
  /* Critical items come first. */
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpint (((AplHealthItem *) g_ptr_array_index (items, i - 1))->severity, <=,
                     ((AplHealthItem *) g_ptr_array_index (items, i))->severity);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Seven months later, roles nobody looked at are stale. */
  g_date_add_months (&today, APL_ROLE_REVIEW_MONTHS + 1);
  items = apl_plan_health_check (fixture->store, fixture->plan, &today, &error);
  g_assert_true (has_rule (items, APL_HEALTH_ROLE_NOT_REVIEWED, apl_crisis_role_get_id (spokesperson)));
  g_clear_pointer (&items, g_ptr_array_unref);
  fake_now += 86400 * 200;
  g_assert_true (apl_crisis_role_mark_reviewed (spokesperson, &error));
  g_assert_true (apl_crisis_role_set_field (spokesperson, APL_ROLE_FIELD_DEPUTY, "Sam Lee", &error));
  g_assert_true (apl_crisis_role_set_field (spokesperson, APL_ROLE_FIELD_CONTACT, "+33 1 23 45 67 89", &error));
  items = apl_plan_health_check (fixture->store, fixture->plan, &today, &error);
  g_assert_no_error (error);
  g_assert_false (has_rule (items, APL_HEALTH_ROLE_NOT_REVIEWED, apl_crisis_role_get_id (spokesperson)));
  g_assert_false (has_rule (items, APL_HEALTH_PERSON_WITHOUT_DEPUTY, -1));
  g_assert_false (has_rule (items, APL_HEALTH_ROLE_WITHOUT_CONTACT, -1));
}

static AplHealthItem *
find_rule (GPtrArray     *items,
           AplHealthRule  rule)
{
  for (guint i = 0; i < items->len; i++)
    {
      AplHealthItem *h = g_ptr_array_index (items, i);

      if (h->rule == rule)
        return h;
    }
  return NULL;
}

/* A holding statement counts once an approval covers its exact text (or it
 * is pre-approved); an edit uncovers it at once. Stale media contacts are
 * one item with their count, leading to the Contacts page. */
static void
test_health_approvals_and_contacts (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(AplScenario) outage = NULL;
  g_autoptr(AplMessage) statement = NULL;
  g_autoptr(AplContact) fresh = NULL;
  g_autoptr(AplContact) old1 = NULL;
  g_autoptr(AplContact) old2 = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplApprovalStep *step = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 30);
  AplContactBook *book;
  AplHealthItem *found;
  gint64 id;

  outage = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_SERVICE_OUTAGE, "Outage", &error);
  g_assert_no_error (error);
  id = apl_scenario_get_id (outage);
  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_PHASE] = "holding-statement";
  fields[APL_MESSAGE_FIELD_CHANNEL] = "website";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = "Our service is interrupted; we are restoring it.";
  statement = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Alex", &error);
  g_assert_no_error (error);
  apl_approval_step_add_approver (step, "Carla", "");
  g_ptr_array_add (steps, step);
  g_assert_true (apl_store_set_approval_route (fixture->store, fixture->plan, steps, &error));
  g_assert_no_error (error);

  /* In review is not approved. */
  g_assert_true (apl_store_submit_for_approval (fixture->store, statement, "Alex", "Comms lead", &error));
  g_assert_no_error (error);
  items = apl_plan_health_check (fixture->store, fixture->plan, NULL, &error);
  g_assert_no_error (error);
  found = find_rule (items, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED);
  g_assert_true (found != NULL);
  if (found == NULL)
    return;
  g_assert_cmpint (found->severity, ==, APL_HEALTH_WARNING);
  g_assert_cmpint (found->target, ==, APL_HEALTH_TARGET_MESSAGES);
  g_assert_cmpint (found->target_id, ==, id);
  g_assert_cmpstr (found->detail, ==, "No holding statement is approved (or pre-approved) for the scenario “Outage”.");
  g_clear_pointer (&items, g_ptr_array_unref);

  g_assert_true (apl_store_decide_approval (fixture->store, statement, APL_DECISION_APPROVE, NULL, "Carla", "Legal",
                                            "", &error));
  g_assert_no_error (error);
  items = apl_plan_health_check (fixture->store, fixture->plan, NULL, &error);
  g_assert_false (has_rule (items, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED, -1));
  g_assert_false (has_rule (items, APL_HEALTH_SCENARIO_WITHOUT_HOLDING_STATEMENT, -1));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Pre-approved is still covered. */
  g_assert_true (apl_store_set_pre_approved (fixture->store, statement, TRUE, "Carla", "Legal", &error));
  g_assert_no_error (error);
  items = apl_plan_health_check (fixture->store, fixture->plan, NULL, &error);
  g_assert_false (has_rule (items, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED, -1));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* One changed word and the approval no longer covers the text. */
  g_assert_true (apl_message_set_field (statement, APL_MESSAGE_FIELD_BODY,
                                        "Our service is interrupted; we are fixing it.", "Alex", &error));
  g_assert_no_error (error);
  items = apl_plan_health_check (fixture->store, fixture->plan, NULL, &error);
  g_assert_true (has_rule (items, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED, id));
  g_assert_false (has_rule (items, APL_HEALTH_SCENARIO_WITHOUT_HOLDING_STATEMENT, -1));
  g_assert_false (has_rule (items, APL_HEALTH_CONTACTS_STALE, -1));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Contacts last verified years ago are stale; one verified when it was
   * added is not. */
  book = apl_contact_book_get (fixture->store, &error);
  g_assert_no_error (error);
  fresh = apl_contact_book_create (book, "Nadia Fresh", &error);
  old1 = apl_contact_book_create (book, "Olivier Ancien", &error);
  old2 = apl_contact_book_create (book, "Olga Stale", &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (old1, APL_CONTACT_FIELD_LAST_VERIFIED, "2020-01-01", &error));
  g_assert_true (apl_contact_set_field (old2, APL_CONTACT_FIELD_LAST_VERIFIED, "2021-06-30", &error));
  g_assert_no_error (error);
  items = apl_plan_health_check (fixture->store, fixture->plan, NULL, &error);
  g_assert_no_error (error);
  found = find_rule (items, APL_HEALTH_CONTACTS_STALE);
  g_assert_true (found != NULL);
  if (found == NULL)
    return;
  g_assert_cmpint (found->severity, ==, APL_HEALTH_WARNING);
  g_assert_cmpint (found->target, ==, APL_HEALTH_TARGET_CONTACTS);
  g_assert_cmpstr (found->detail, ==, "2 media contacts are stale: not verified for more than 6 months.");
  g_assert_cmpstr (apl_health_rule_get_key (found->rule), ==, "stale-contacts");
}

/* aplomb-tool plans show */

static int
run_tool (const char  *path,
          char       **out,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("APLOMB_TOOL"));
  g_ptr_array_add (args, (gpointer) "--workspace");
  g_ptr_array_add (args, (gpointer) path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplCrisisRole) spokesperson = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GListModel *roles;

  /* aplomb-tool reads the real clock: the roles were reviewed today. */
  fake_now = g_get_real_time () / G_USEC_PER_SEC;
  plan = apl_store_create_plan_from_scenario (fixture->store, APL_SCENARIO_KIND_PRODUCT_RECALL, "fr", &error);
  g_assert_no_error (error);
  roles = apl_store_get_crisis_roles (fixture->store, plan, &error);
  spokesperson = g_object_ref (item (roles, 1));
  g_assert_cmpint (apl_crisis_role_get_kind (spokesperson), ==, APL_ROLE_SPOKESPERSON);
  g_assert_true (apl_crisis_role_set_field (spokesperson, APL_ROLE_FIELD_PERSON, "Camille\tDurand", &error));
  g_assert_no_error (error);
  plan_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_plan_get_id (plan));
  g_clear_object (&spokesperson);
  g_clear_object (&plan);
  g_clear_object (&fixture->plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->store);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "plans", "show", plan_id, NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  /* Eight roles without a person, the spokesperson's missing deputy and
   * contact, and the starter holding statement nobody approved yet. */
  g_assert_cmpuint (g_strv_length (lines), ==, 8 + 2 + 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (columns), ==, 3);
      g_assert_true (g_str_equal (columns[0], "critical") || g_str_equal (columns[0], "warning"));
    }
  g_assert_nonnull (strstr (out, "critical\trole-without-person\t"));
  g_assert_nonnull (strstr (out, "warning\tperson-without-deputy\tCamille Durand (Spokesperson) has no deputy."));
  g_assert_nonnull (strstr (out, "warning\tholding-statement-not-approved\t"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "stats", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "scenarios\t1\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "plans", "show", "999", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (fixture->path, &out, &err, "plans", "show", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crisis/storage/scenario", Fixture, NULL, fixture_set_up, test_scenario_storage, fixture_tear_down);
  g_test_add ("/crisis/storage/role", Fixture, NULL, fixture_set_up, test_role_storage, fixture_tear_down);
  g_test_add ("/crisis/storage/raci-and-channels", Fixture, NULL, fixture_set_up, test_raci_and_channels, fixture_tear_down);
  g_test_add ("/crisis/storage/checklist-and-questions", Fixture, NULL, fixture_set_up, test_checklist_and_questions, fixture_tear_down);
  g_test_add ("/crisis/activation/ticks", Fixture, NULL, fixture_set_up, test_activation_ticks, fixture_tear_down);
  g_test_add ("/crisis/activation/history", Fixture, NULL, fixture_set_up, test_activation_history, fixture_tear_down);
  g_test_add ("/crisis/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/crisis/plan-purge-cascades", Fixture, NULL, fixture_set_up, test_plan_purge_cascades, fixture_tear_down);
  g_test_add ("/crisis/plan-from-scenario", Fixture, NULL, fixture_set_up, test_plan_from_scenario, fixture_tear_down);
  g_test_add ("/crisis/health", Fixture, NULL, fixture_set_up, test_health_rules, fixture_tear_down);
  g_test_add ("/crisis/health/approvals-and-contacts", Fixture, NULL, fixture_set_up,
              test_health_approvals_and_contacts, fixture_tear_down);
  g_test_add ("/crisis/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
