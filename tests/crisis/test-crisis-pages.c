/* test-crisis-pages.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The crisis-plan pages in the real window: "New Plan from Scenario" end to
 * end (menu action, assistant, the new plan selected with its crisis cell,
 * scenario and plan health), and ticking a checklist step during an
 * exercise records its time.
 *
 * With APLOMB_SCREENSHOT_DIR set, also saves the Crisis Cell and Scenarios
 * pages and the overview with plan health there (crisis-cell.png,
 * scenarios.png, overview.png, and -dark variants).
 */

#include "config.h"

#include <glib/gstdio.h>

#ifndef CRISIS_PAGES_PART
#define CRISIS_PAGES_PART 1
#endif
#include <string.h>

#include "apl-activation-history.h"
#include "apl-application.h"
#include "apl-approvals.h"
#include "apl-contact-book.h"
#include "apl-crisis-cell-page.h"
#include "apl-plan-health.h"
#include "apl-scenario-assistant.h"
#include "apl-scenarios-page.h"
#include "apl-window.h"

typedef struct
{
  char           *dir;
  char           *path;
  AplApplication *app;
  AplWindow      *window;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static AplStore *
store (Fixture *fixture)
{
  return apl_application_get_store (fixture->app);
}

static void
stop_activation_cb (GApplication *app)
{
  g_signal_stop_emission_by_name (app, "activate");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("aplomb-crisis-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->app = apl_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  apl_application_open_store (fixture->app, fixture->path, &error);
  g_assert_no_error (error);
  fixture->window = apl_window_new (fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (200);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const run_argv[] = { "test-crisis-pages", NULL };
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  spin (20);

  g_signal_connect (fixture->app, "activate", G_CALLBACK (stop_activation_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 1, (char **) run_argv), ==, 0);
  if (store (fixture) != NULL)
    apl_store_close (store (fixture));
  g_clear_object (&fixture->app);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static AplScenarioAssistant *
find_assistant (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AplScenarioAssistant *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (APL_IS_SCENARIO_ASSISTANT (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Opens the assistant from the window's action (the menu item and the
 * empty state's button use it), picks a scenario and a language in its
 * rows, and answers "Create Plan". */
static AplPlan *
run_assistant (Fixture         *fixture,
               AplScenarioKind  kind,
               guint            language_row)
{
  AplScenarioAssistant *assistant;
  const char *preview;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-plan-from-scenario", NULL));
  spin (100);
  assistant = find_assistant ();
  g_assert_nonnull (assistant);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (fixture->window));

  adw_combo_row_set_selected (template_child (assistant, APL_TYPE_SCENARIO_ASSISTANT, "scenario_row"), kind);
  adw_combo_row_set_selected (template_child (assistant, APL_TYPE_SCENARIO_ASSISTANT, "language_row"), language_row);
  preview = adw_action_row_get_subtitle (template_child (assistant, APL_TYPE_SCENARIO_ASSISTANT, "preview_row"));
  g_assert_cmpstr (preview, ==, apl_crisis_starter_scenario_title (kind, language_row == 1 ? "fr" : "en"));

  /* The dialog's own button, as a click would. */
  button = find_button (GTK_WIDGET (assistant), "_Create Plan");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  spin (300);
  g_assert_null (find_assistant ());
  return apl_window_get_selected_plan (fixture->window);
}

G_GNUC_UNUSED static void
test_assistant_end_to_end (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *plans = apl_store_get_plans (store (fixture));
  g_autoptr(AplCrisisRole) lead = NULL;
  guint before = g_list_model_get_n_items (plans);
  AplCrisisCellPage *cell;
  AplScenariosPage *scenarios;
  AplPlanHealth *health;
  AdwViewStack *stack;
  GtkListBox *roles_list;
  GtkListBoxRow *first;
  AplPlan *plan;

  plan = run_assistant (fixture, APL_SCENARIO_KIND_INDUSTRIAL_ACCIDENT, 1);
  g_assert_nonnull (plan);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, before + 1);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Plan de crise : accident industriel");
  g_assert_cmpstr (apl_plan_get_language (plan), ==, "fr");

  /* The pages show the new plan: its roles, flagged without a person… */
  cell = template_child (fixture->window, APL_TYPE_WINDOW, "crisis_cell_page");
  g_assert_true (apl_crisis_cell_page_get_plan (cell) == plan);
  roles_list = template_child (cell, APL_TYPE_CRISIS_CELL_PAGE, "roles_list");
  first = gtk_list_box_get_row_at_index (roles_list, 0);
  g_assert_true (ADW_IS_EXPANDER_ROW (first));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Crisis lead");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (first)), ==, "Nobody holds this role");

  /* …and its scenario, in French. */
  scenarios = template_child (fixture->window, APL_TYPE_WINDOW, "scenarios_page");
  g_assert_nonnull (apl_scenarios_page_get_scenario (scenarios));
  g_assert_cmpstr (apl_scenario_get_title (apl_scenarios_page_get_scenario (scenarios)), ==, "Accident industriel");

  /* Plan health on the overview lists the roles without a person; its
   * first item leads to the crisis cell. */
  stack = template_child (fixture->window, APL_TYPE_WINDOW, "view_stack");
  adw_view_stack_set_visible_child_name (stack, "overview");
  spin (100);
  health = APL_PLAN_HEALTH (find_widget (template_child (fixture->window, APL_TYPE_WINDOW, "overview"), APL_TYPE_PLAN_HEALTH));
  g_assert_nonnull (health);
  g_assert_true (apl_plan_health_get_plan (health) == plan);
  /* …and the starter holding statement, which nobody approved yet. */
  g_assert_cmpuint (apl_plan_health_get_n_items (health), ==,
                    g_list_model_get_n_items (apl_store_get_crisis_roles (store (fixture), plan, NULL)) + 1);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (health), GTK_TYPE_LIST_BOX), "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_widget (GTK_WIDGET (health), GTK_TYPE_LIST_BOX)), 0));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "crisis-cell");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (gtk_list_box_get_row_at_index (roles_list, 0))));

  /* Naming the person clears the flag and the health item. */
  lead = g_list_model_get_item (apl_store_get_crisis_roles (store (fixture), plan, NULL), 0);
  g_assert_true (apl_crisis_role_set_field (lead, APL_ROLE_FIELD_PERSON, "Claire Martin", NULL));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (gtk_list_box_get_row_at_index (roles_list, 0))), ==,
                   "Claire Martin");
  apl_plan_health_refresh (health);
  g_assert_cmpuint (apl_plan_health_get_n_items (health), ==,
                    g_list_model_get_n_items (apl_store_get_crisis_roles (store (fixture), plan, NULL)) - 1 + 2 + 1);

  /* English too. */
  plan = run_assistant (fixture, APL_SCENARIO_KIND_CYBER_ATTACK, 0);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Crisis plan: cyber-attack");
  g_assert_cmpstr (apl_scenario_get_title (apl_scenarios_page_get_scenario (scenarios)), ==, "Cyber-attack");
}

/* During an exercise, ticking a step records the time it was ticked. */
G_GNUC_UNUSED static void
test_tick_records_time (Fixture       *fixture,
                        gconstpointer  data)
{
  AplScenariosPage *page;
  GtkListBox *steps_list;
  GtkListBoxRow *row;
  GtkCheckButton *check;
  AplActivation *activation;
  AplChecklistStep *step;
  AplScenario *scenario;
  const char *ticked;

  run_assistant (fixture, APL_SCENARIO_KIND_SERVICE_OUTAGE, 0);
  page = template_child (fixture->window, APL_TYPE_WINDOW, "scenarios_page");
  adw_view_stack_set_visible_child_name (template_child (fixture->window, APL_TYPE_WINDOW, "view_stack"), "scenarios");
  spin (100);
  scenario = apl_scenarios_page_get_scenario (page);
  g_assert_nonnull (scenario);

  steps_list = template_child (page, APL_TYPE_SCENARIOS_PAGE, "steps_list");
  row = gtk_list_box_get_row_at_index (steps_list, 0);
  check = g_object_get_data (G_OBJECT (row), "check");
  step = g_object_get_data (G_OBJECT (row), "step");
  g_assert_nonnull (check);
  /* Before an activation, the tick boxes cannot be used. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scenarios.start", "s", "exercise"));
  activation = apl_store_get_running_activation (store (fixture), scenario, NULL);
  g_assert_nonnull (activation);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  g_assert_nonnull (strstr (gtk_label_get_text (template_child (page, APL_TYPE_SCENARIOS_PAGE, "activation_label")),
                            "Exercise running since"));

  /* A click on the tick box, as the user does. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (check)));
  spin (50);
  g_assert_true (gtk_check_button_get_active (check));
  ticked = apl_activation_get_ticked_at (activation, step);
  g_assert_nonnull (ticked);
  g_assert_true (g_str_has_suffix (ticked, "Z"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "done at"));

  /* The time survives switching away and back (it is on disk). */
  apl_scenarios_page_set_plan (page, NULL);
  apl_scenarios_page_set_plan (page, apl_window_get_selected_plan (fixture->window));
  row = gtk_list_box_get_row_at_index (steps_list, 0);
  g_assert_true (gtk_check_button_get_active (g_object_get_data (G_OBJECT (row), "check")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scenarios.end", NULL));
  g_assert_null (apl_store_get_running_activation (store (fixture), scenario, NULL));
  row = gtk_list_box_get_row_at_index (steps_list, 0);
  g_assert_false (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (row), "check")));
}

static gint64 fake_now;

static GDateTime *
fake_clock (void)
{
  return g_date_time_new_from_unix_utc (fake_now);
}

static AplScenariosPage *
show_scenarios_page (Fixture *fixture)
{
  AplScenariosPage *page = template_child (fixture->window, APL_TYPE_WINDOW, "scenarios_page");

  adw_view_stack_set_visible_child_name (template_child (fixture->window, APL_TYPE_WINDOW, "view_stack"), "scenarios");
  spin (100);
  g_assert_nonnull (apl_scenarios_page_get_scenario (page));
  return page;
}

/* A prepared answer is typed into a text view under its question, and
 * saved after a pause in typing, not at each key. */
G_GNUC_UNUSED static void
test_answer_text_view (Fixture       *fixture,
                       gconstpointer  data)
{
  AplScenariosPage *page;
  GtkListBox *questions_list;
  GtkListBoxRow *row;
  AplQuestion *question;
  GtkTextView *view;
  GtkWidget *heading;
  GtkTextBuffer *buffer;
  g_autofree char *original = NULL;

  run_assistant (fixture, APL_SCENARIO_KIND_DATA_BREACH, 0);
  page = show_scenarios_page (fixture);
  questions_list = template_child (page, APL_TYPE_SCENARIOS_PAGE, "questions_list");
  row = gtk_list_box_get_row_at_index (questions_list, 0);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  question = g_object_get_data (G_OBJECT (row), "question");
  g_assert_nonnull (question);
  original = g_strdup (apl_question_get_field (question, APL_QUESTION_FIELD_ANSWER));

  view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_WORD_CHAR);
  /* The question is the heading right above the answer. */
  heading = gtk_widget_get_prev_sibling (GTK_WIDGET (view));
  g_assert_true (GTK_IS_LABEL (heading));
  g_assert_true (gtk_widget_has_css_class (heading, "heading"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==,
                   apl_question_get_field (question, APL_QUESTION_FIELD_QUESTION));

  buffer = gtk_text_view_get_buffer (view);
  {
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, original);
  }

  /* Two lines, typed: nothing saved until the pause… */
  gtk_text_buffer_set_text (buffer, "We found the breach on Monday.\nCustomers are being told today.", -1);
  g_assert_cmpstr (apl_question_get_field (question, APL_QUESTION_FIELD_ANSWER), ==, original);
  /* …then saved, both lines, and shown under the question's row. */
  spin (APL_SCENARIOS_PAGE_SAVE_DELAY_MS + 200);
  g_assert_cmpstr (apl_question_get_field (question, APL_QUESTION_FIELD_ANSWER), ==,
                   "We found the breach on Monday.\nCustomers are being told today.");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "We found the breach on Monday.\nCustomers are being told today.");

  /* Leaving the scenario saves what is still waiting. */
  gtk_text_buffer_set_text (buffer, "Changed at the last second.", -1);
  apl_scenarios_page_set_plan (page, NULL);
  g_assert_cmpstr (apl_question_get_field (question, APL_QUESTION_FIELD_ANSWER), ==, "Changed at the last second.");
}

/* A step's target can be cleared, which is not a target of 0 minutes. */
G_GNUC_UNUSED static void
test_clear_target (Fixture       *fixture,
                   gconstpointer  data)
{
  AplScenariosPage *page;
  GtkListBoxRow *row;
  AplChecklistStep *step;
  GtkCheckButton *none;
  GtkSpinButton *target;
  int before;

  run_assistant (fixture, APL_SCENARIO_KIND_SERVICE_OUTAGE, 0);
  page = show_scenarios_page (fixture);
  row = gtk_list_box_get_row_at_index (template_child (page, APL_TYPE_SCENARIOS_PAGE, "steps_list"), 0);
  step = g_object_get_data (G_OBJECT (row), "step");
  none = g_object_get_data (G_OBJECT (row), "no-target");
  g_assert_nonnull (none);
  target = g_object_get_data (G_OBJECT (none), "spin");
  before = apl_checklist_step_get_target_minutes (step);
  g_assert_cmpint (before, >=, 0);
  g_assert_false (gtk_check_button_get_active (none));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "within"));

  /* A click on "No target". */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (none)));
  spin (50);
  g_assert_cmpint (apl_checklist_step_get_target_minutes (step), ==, -1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (target)));
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "within"));

  /* It stays cleared on disk: a fresh page shows it so. */
  apl_scenarios_page_set_plan (page, NULL);
  apl_scenarios_page_set_plan (page, apl_window_get_selected_plan (fixture->window));
  row = gtk_list_box_get_row_at_index (template_child (page, APL_TYPE_SCENARIOS_PAGE, "steps_list"), 0);
  none = g_object_get_data (G_OBJECT (row), "no-target");
  g_assert_true (gtk_check_button_get_active (none));

  /* Unticking brings back the value the spin button kept. */
  target = g_object_get_data (G_OBJECT (none), "spin");
  gtk_spin_button_set_value (target, 90);
  g_assert_cmpint (apl_checklist_step_get_target_minutes (g_object_get_data (G_OBJECT (row), "step")), ==, -1);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (none)));
  spin (50);
  g_assert_cmpint (apl_checklist_step_get_target_minutes (g_object_get_data (G_OBJECT (row), "step")), ==, 90);
}

static AplActivationHistory *
find_history (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AplActivationHistory *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (APL_IS_ACTIVATION_HISTORY (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root) && g_object_get_data (G_OBJECT (root), "done") != NULL)
    g_ptr_array_add (rows, root);
  else if (ADW_IS_ACTION_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* An exercise, ended from the page, is in the history with its end time,
 * its ticked steps and the late one marked; the history is read-only. */
G_GNUC_UNUSED static void
test_activation_history (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  AplScenariosPage *page;
  GtkListBox *steps_list;
  AplChecklistStep *first, *second;
  AplActivationHistory *history;
  AplActivation *activation;
  AplScenario *scenario;
  GtkWidget *late_row = NULL, *on_time_row = NULL;
  guint n_not_done = 0;

  fake_now = 1767225600; /* 2026-01-01 00:00 UTC */
  apl_crisis_set_clock (fake_clock);
  run_assistant (fixture, APL_SCENARIO_KIND_CYBER_ATTACK, 0);
  page = show_scenarios_page (fixture);
  scenario = apl_scenarios_page_get_scenario (page);
  steps_list = template_child (page, APL_TYPE_SCENARIOS_PAGE, "steps_list");
  first = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (steps_list, 0)), "step");
  second = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (steps_list, 1)), "step");
  g_assert_cmpint (apl_checklist_step_get_target_minutes (first), >=, 0);

  /* No activation yet: the history says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scenarios.history", NULL));
  spin (100);
  history = find_history ();
  g_assert_nonnull (history);
  g_assert_cmpuint (apl_activation_history_get_n_activations (history), ==, 0);
  gtk_window_destroy (GTK_WINDOW (history));
  spin (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scenarios.start", "s", "exercise"));
  activation = apl_store_get_running_activation (store (fixture), scenario, NULL);
  /* The first step on time, the second one late. */
  g_assert_true (gtk_widget_activate (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (steps_list, 0)),
                                                         "check")));
  fake_now += (apl_checklist_step_get_target_minutes (second) + 10) * 60;
  g_assert_true (gtk_widget_activate (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (steps_list, 1)),
                                                         "check")));
  spin (50);
  fake_now += 60;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scenarios.end", NULL));
  g_assert_false (apl_activation_is_running (activation));
  g_assert_nonnull (apl_activation_get_ended_at (activation));

  /* Ctrl+H's action opens it, over the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scenarios.history", NULL));
  spin (200);
  history = find_history ();
  g_assert_nonnull (history);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history)) == GTK_WINDOW (fixture->window));
  g_assert_cmpuint (apl_activation_history_get_n_activations (history), ==, 1);

  collect_rows (GTK_WIDGET (history), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (g_object_get_data (G_OBJECT (row), "done") == NULL)
        n_not_done++;
      if (g_strcmp0 (title, apl_checklist_step_get_action (first)) == 0)
        on_time_row = row;
      if (g_strcmp0 (title, apl_checklist_step_get_action (second)) == 0)
        late_row = row;
      /* Read-only: nothing in a row can be changed or clicked. */
      g_assert_null (find_widget (row, GTK_TYPE_EDITABLE));
      g_assert_null (find_widget (row, GTK_TYPE_CHECK_BUTTON));
      g_assert_null (find_widget (row, GTK_TYPE_BUTTON));
    }
  g_assert_nonnull (on_time_row);
  g_assert_nonnull (late_row);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (on_time_row), "done")));
  g_assert_false (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (on_time_row), "late")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (on_time_row)), "(+0 min)"));
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (late_row), "late")));
  g_assert_nonnull (find_widget (late_row, GTK_TYPE_LABEL));
  /* The other steps of the level were not done, and say so. */
  g_assert_cmpuint (n_not_done, >, 0);

  apl_crisis_set_clock (NULL);
}

/* The overview shows the approval trail's head, length and state, and a
 * stale-contacts item that leads to the Contacts page. */
G_GNUC_UNUSED static void
test_health_trail_and_contacts (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *expected = NULL;
  AplApprovalStep *step = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 30);
  AdwViewStack *stack = template_child (fixture->window, APL_TYPE_WINDOW, "view_stack");
  AplPlanHealth *health;
  AdwActionRow *trail_row;
  GtkListBox *list;
  GListModel *messages;
  AplMessage *statement = NULL;
  AplPlan *plan;
  guint n;

  plan = run_assistant (fixture, APL_SCENARIO_KIND_PRODUCT_RECALL, 0);
  adw_view_stack_set_visible_child_name (stack, "overview");
  spin (100);
  health = APL_PLAN_HEALTH (find_widget (template_child (fixture->window, APL_TYPE_WINDOW, "overview"), APL_TYPE_PLAN_HEALTH));
  trail_row = template_child (health, APL_TYPE_PLAN_HEALTH, "trail_row");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (trail_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (trail_row), ==, "No approval recorded yet.");
  g_assert_cmpstr (gtk_label_get_text (template_child (health, APL_TYPE_PLAN_HEALTH, "trail_state_label")), ==, "Intact");

  /* Approve the starter holding statement. */
  messages = apl_store_get_messages (store (fixture), plan, NULL);
  n = g_list_model_get_n_items (messages);
  for (guint i = 0; i < n && statement == NULL; i++)
    {
      AplMessage *message = g_list_model_get_item (messages, i);

      if (apl_message_get_phase (message) == APL_PHASE_HOLDING_STATEMENT)
        statement = message;
      g_object_unref (message);
    }
  g_assert_nonnull (statement);
  apl_approval_step_add_approver (step, "Carla", "");
  g_ptr_array_add (steps, step);
  g_assert_true (apl_store_set_approval_route (store (fixture), plan, steps, &error));
  g_assert_true (apl_store_submit_for_approval (store (fixture), statement, "Writer", "Comms lead", &error));
  g_assert_true (apl_store_decide_approval (store (fixture), statement, APL_DECISION_APPROVE, NULL, "Carla", "Legal",
                                            "", &error));
  g_assert_no_error (error);

  /* A stale contact in the book. */
  contact = apl_contact_book_create (apl_contact_book_get (store (fixture), NULL), "Olga Stale", &error);
  g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_LAST_VERIFIED, "2020-01-01", &error));
  g_assert_no_error (error);

  apl_plan_health_refresh (health);
  head = apl_store_get_trail_head (store (fixture), apl_plan_get_uuid (plan), NULL);
  expected = g_strdup_printf ("Head %.12s · 2 events", head);
  g_assert_cmpstr (adw_action_row_get_subtitle (trail_row), ==, expected);
  g_assert_cmpstr (gtk_label_get_text (template_child (health, APL_TYPE_PLAN_HEALTH, "trail_state_label")), ==, "Intact");

  /* The approved statement is no longer an item; the stale contact is,
   * and it leads to the Contacts page. */
  list = template_child (health, APL_TYPE_PLAN_HEALTH, "list");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      g_assert_null (strstr (title, "holding statement"));
      if (strstr (title, "media contact is stale") != NULL)
        {
          g_signal_emit_by_name (list, "row-activated", row);
          break;
        }
    }
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "contacts");
}

/* Screenshots */

static void
save_snapshot (GtkWidget  *widget,
               const char *path)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
}

static void
fill_people (AplStore *st,
             AplPlan  *plan)
{
  static const char * const people[][3] = {
    { "Claire Martin", "Hugo Lefèvre", "+33 6 12 34 56 78" },
    { "Alex Morgan", "", "+44 7700 900123" },
    { "Sam Lee", "Priya Shah", "+44 7700 900456" },
  };
  GListModel *roles = apl_store_get_crisis_roles (st, plan, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (roles, i);

      apl_crisis_role_set_field (role, APL_ROLE_FIELD_PERSON, people[i][0], NULL);
      apl_crisis_role_set_field (role, APL_ROLE_FIELD_DEPUTY, people[i][1], NULL);
      apl_crisis_role_set_field (role, APL_ROLE_FIELD_CONTACT, people[i][2], NULL);
    }
}

/* The holding statement submitted to Legal: one event on the trail, and
 * the statement still waiting for its approval. */
static void
submit_statement (AplStore *st,
                  AplPlan  *plan)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  AplApprovalStep *step = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 30);
  GListModel *messages = apl_store_get_messages (st, plan, NULL);

  apl_approval_step_add_approver (step, "Carla Rossi", "");
  g_ptr_array_add (steps, step);
  apl_store_set_approval_route (st, plan, steps, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);

      if (apl_message_get_phase (message) == APL_PHASE_HOLDING_STATEMENT)
        apl_store_submit_for_approval (st, message, "Alex Morgan", "Comms lead", NULL);
    }
}

static void
take_screenshots (Fixture    *fixture,
                  const char *dir)
{
  static const char * const pages[] = { "crisis-cell", "scenarios", "overview" };
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwViewStack *stack = template_child (fixture->window, APL_TYPE_WINDOW, "view_stack");
  AplScenariosPage *scenarios = template_child (fixture->window, APL_TYPE_WINDOW, "scenarios_page");
  GtkListBox *steps_list;
  AplPlan *plan;

  plan = run_assistant (fixture, APL_SCENARIO_KIND_CYBER_ATTACK, 0);
  fill_people (store (fixture), plan);
  submit_statement (store (fixture), plan);
  apl_window_select_plan (fixture->window, plan);
  gtk_widget_activate_action (GTK_WIDGET (scenarios), "scenarios.start", "s", "exercise");
  steps_list = template_child (scenarios, APL_TYPE_SCENARIOS_PAGE, "steps_list");
  gtk_widget_activate (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (steps_list, 0)), "check"));
  gtk_widget_activate (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (steps_list, 1)), "check"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_list_box_get_row_at_index (
    template_child (template_child (fixture->window, APL_TYPE_WINDOW, "crisis_cell_page"), APL_TYPE_CRISIS_CELL_PAGE,
                    "roles_list"), 1)), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    for (int dark = 0; dark <= 1; dark++)
      {
        g_autofree char *name = g_strdup_printf ("%s%s.png", pages[i], dark ? "-dark" : "");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        adw_view_stack_set_visible_child_name (stack, pages[i]);
        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        spin (500);
        if (g_str_equal (pages[i], "scenarios"))
          {
            /* Scroll to the checklist, the part this page is about. */
            GtkWidget *details = find_widget (GTK_WIDGET (scenarios), ADW_TYPE_PREFERENCES_PAGE);
            GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (details, GTK_TYPE_SCROLLED_WINDOW));
            GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

            if (!dark)
              {
                /* The top first: the risk matrix. */
                g_autofree char *top = g_build_filename (dir, "scenarios-risk.png", NULL);

                gtk_adjustment_set_value (adjustment, 0);
                spin (300);
                save_snapshot (GTK_WIDGET (fixture->window), top);
              }
            gtk_adjustment_set_value (adjustment, 560);
            spin (300);
          }
        save_snapshot (GTK_WIDGET (fixture->window), path);
        g_test_message ("saved %s", path);

        if (g_str_equal (pages[i], "crisis-cell") && !dark)
          {
            /* And the RACI grid further down. */
            GtkWidget *cell = template_child (fixture->window, APL_TYPE_WINDOW, "crisis_cell_page");
            GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (cell, GTK_TYPE_SCROLLED_WINDOW));
            g_autofree char *raci = g_build_filename (dir, "crisis-cell-raci.png", NULL);

            gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 900);
            spin (300);
            save_snapshot (GTK_WIDGET (fixture->window), raci);
            gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 0);
          }
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  /* Without a display, a skip, said in TAP as tests/gui does. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (g_getenv ("APLOMB_SCREENSHOT_DIR") != NULL)
    {
      Fixture fixture = { 0, };

      fixture_set_up (&fixture, NULL);
      take_screenshots (&fixture, g_getenv ("APLOMB_SCREENSHOT_DIR"));
      fixture_tear_down (&fixture, NULL);
      return 0;
    }

  /* Two binaries from this file (CRISIS_PAGES_PART 1 and 2), so that each
   * stays within its time budget. */
#if CRISIS_PAGES_PART != 2
  g_test_add ("/crisis-pages/assistant-end-to-end", Fixture, NULL,
              fixture_set_up, test_assistant_end_to_end, fixture_tear_down);
  g_test_add ("/crisis-pages/tick-records-time", Fixture, NULL,
              fixture_set_up, test_tick_records_time, fixture_tear_down);
  g_test_add ("/crisis-pages/health-trail-and-contacts", Fixture, NULL,
              fixture_set_up, test_health_trail_and_contacts, fixture_tear_down);
#else
  g_test_add ("/crisis-pages/answer-text-view", Fixture, NULL,
              fixture_set_up, test_answer_text_view, fixture_tear_down);
  g_test_add ("/crisis-pages/clear-target", Fixture, NULL,
              fixture_set_up, test_clear_target, fixture_tear_down);
  g_test_add ("/crisis-pages/activation-history", Fixture, NULL,
              fixture_set_up, test_activation_history, fixture_tear_down);
#endif

  return g_test_run ();
}
