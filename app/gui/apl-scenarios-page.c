/* apl-scenarios-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan's crisis scenarios: the list on the left; on the right the
 * selected scenario with its risk on a small matrix, its early-warning
 * signals, its escalation levels, the checklist of each level and the
 * questions journalists will ask. During an exercise or a real
 * activation the checklist's tick boxes come alive and ticking a step
 * records the time. Every edit is saved at once; refused values stay in
 * their field, marked.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-activation-history.h"
#include "apl-risk-matrix.h"
#include "apl-scenarios-page.h"
#include "apl-page-feedback.h"
#include "apl-window.h"

struct _AplScenariosPage
{
  GtkWidget           parent_instance;

  GtkPaned           *paned;
  GtkListBox         *scenario_list;
  GtkStack           *stack;
  AdwEntryRow        *title_row;
  AdwComboRow        *kind_row;
  AdwEntryRow        *description_row;
  AplRiskMatrix      *risk_matrix;
  GtkSpinButton      *likelihood_spin;
  GtkSpinButton      *impact_spin;
  GtkTextView        *signals_view;
  GtkListBox         *levels_list;
  GtkDropDown        *level_dropdown;
  GtkLabel           *activation_label;
  GtkWidget          *start_exercise_button;
  GtkWidget          *start_real_button;
  GtkWidget          *end_button;
  GtkListBox         *steps_list;
  AdwEntryRow        *new_step_row;
  GtkListBox         *questions_list;
  AdwEntryRow        *new_question_row;

  AplStore           *store;
  AplPlan            *plan;
  GListModel         *scenarios;
  GListModel         *roles;
  AplScenario        *scenario;
  GListModel         *steps;
  GListModel         *questions;
  AplActivation      *activation;
  AplLevel            level;
  /* The answer typed into and not saved yet: saved after a pause, like
   * the message editor, or at once when the page moves on. */
  GtkTextView        *pending_answer;
  guint               answer_source;
  /* Set while widgets are filled from the scenario, so that filling them
   * is not taken for an edit. */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (AplScenariosPage, apl_scenarios_page, GTK_TYPE_WIDGET)

static void show_scenario (AplScenariosPage *self, AplScenario *scenario);
static void rebuild_steps (AplScenariosPage *self);
static void rebuild_questions (AplScenariosPage *self);
static void flush_answer (AplScenariosPage *self);

/* Helpers */

/* Titles and subtitles here are the user's text, never markup: an "&"
 * in "Q&A" must show as it was typed. */
static GtkWidget *
plain_expander_row (void)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static char *
local_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M");
}

static const char *
role_name (AplScenariosPage *self,
           gint64            role_id)
{
  AplCrisisRole *role = self->plan ? apl_store_find_crisis_role (self->store, self->plan, role_id) : NULL;

  return role != NULL ? apl_crisis_role_get_name (role) : _("No role");
}

/* Scenario list */

static GtkWidget *
make_scenario_row (AplScenario *scenario)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (apl_scenario_get_title (scenario));
  GtkWidget *kind = gtk_label_new (apl_scenario_kind_get_name (apl_scenario_get_kind (scenario)));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_bind_property (scenario, "title", title, "label", G_BINDING_DEFAULT);
  g_object_set_data_full (G_OBJECT (row), "scenario", g_object_ref (scenario), g_object_unref);
  return row;
}

static GtkListBoxRow *
row_for_scenario (AplScenariosPage *self,
                  gint64            id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AplScenario *scenario = g_object_get_data (G_OBJECT (child), "scenario");

      if (scenario != NULL && apl_scenario_get_id (scenario) == id)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

static void
rebuild_scenario_list (AplScenariosPage *self)
{
  gint64 selected = self->scenario ? apl_scenario_get_id (self->scenario) : 0;
  GtkListBoxRow *row;
  guint n;

  apl_page_clear_list (self->scenario_list);
  n = self->scenarios ? g_list_model_get_n_items (self->scenarios) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplScenario) scenario = g_list_model_get_item (self->scenarios, i);

      gtk_list_box_append (self->scenario_list, make_scenario_row (scenario));
    }

  row = row_for_scenario (self, selected);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->scenario_list, 0);
  if (row != NULL)
    gtk_list_box_select_row (self->scenario_list, row);
  else
    show_scenario (self, NULL);
}

/* Escalation levels */

static void
level_field_changed_cb (GtkEditable      *editable,
                        AplScenariosPage *self)
{
  AplScenarioField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->scenario == NULL)
    return;
  apl_scenario_set_field (self->scenario, field, gtk_editable_get_text (editable), &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (editable), error);
}

static void
rebuild_levels (AplScenariosPage *self)
{
  apl_page_clear_list (self->levels_list);
  if (self->scenario == NULL)
    return;

  for (AplLevel level = 0; level < APL_N_LEVELS; level++)
    {
      GtkWidget *row = plain_expander_row ();
      GtkWidget *trigger = entry_row (_("Trigger"), apl_scenario_get_trigger (self->scenario, level));
      GtkWidget *actions = entry_row (_("What Happens"), apl_scenario_get_actions (self->scenario, level));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_level_get_name (level));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), apl_scenario_get_trigger (self->scenario, level));
      g_object_bind_property (self->scenario, level == APL_LEVEL_WATCH ? "watch-trigger"
                                              : level == APL_LEVEL_ALERT ? "alert-trigger" : "crisis-trigger",
                              row, "subtitle", G_BINDING_DEFAULT);
      g_object_set_data (G_OBJECT (trigger), "field", GINT_TO_POINTER (APL_SCENARIO_FIELD_WATCH_TRIGGER + 2 * level));
      g_object_set_data (G_OBJECT (actions), "field", GINT_TO_POINTER (APL_SCENARIO_FIELD_WATCH_ACTIONS + 2 * level));
      g_signal_connect_object (trigger, "changed", G_CALLBACK (level_field_changed_cb), self, 0);
      g_signal_connect_object (actions, "changed", G_CALLBACK (level_field_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), trigger);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);
      gtk_list_box_append (self->levels_list, row);
    }
}

/* Checklist */

static void
update_step_row (AplScenariosPage *self,
                 GtkWidget        *row)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (row), "step");
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
  g_autofree char *target = apl_format_target_minutes (apl_checklist_step_get_target_minutes (step));
  const char *ticked = self->activation ? apl_activation_get_ticked_at (self->activation, step) : NULL;
  GString *subtitle = g_string_new (role_name (self, apl_checklist_step_get_role_id (step)));

  if (*target != '\0')
    g_string_append_printf (subtitle, " · %s", target);
  if (ticked != NULL)
    {
      g_autofree char *at = local_time (ticked);
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (apl_activation_get_started_at (self->activation), NULL);
      g_autoptr(GDateTime) done = g_date_time_new_from_iso8601 (ticked, NULL);
      int minutes = start && done ? (int) (g_date_time_difference (done, start) / G_TIME_SPAN_MINUTE) : 0;

      /* Translators: when a checklist step was done: a time, then minutes since activation */
      g_string_append_printf (subtitle, " · ");
      g_string_append_printf (subtitle, _("done at %s (+%d min)"), at, minutes);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_checklist_step_get_action (step));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  g_signal_handlers_block_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_check_button_set_active (check, ticked != NULL);
  g_signal_handlers_unblock_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_widget_set_sensitive (GTK_WIDGET (check), self->activation != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (check),
                               self->activation ? _("Tick when done: the time is recorded")
                                                : _("Start an exercise or an activation to tick steps"));
}

static void
update_step_rows (AplScenariosPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "step") != NULL)
      update_step_row (self, child);
}

static void
step_toggled_cb (GtkCheckButton   *check,
                 AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (check), "step");
  g_autoptr(GError) error = NULL;

  if (self->activation == NULL)
    return;
  if (!apl_activation_tick (self->activation, step, gtk_check_button_get_active (check), &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  update_step_rows (self);
}

static void
step_action_changed_cb (GtkEditable      *editable,
                        AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (editable), "step");
  g_autoptr(GError) error = NULL;

  apl_checklist_step_set_action (step, gtk_editable_get_text (editable), &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (editable), error);
}

static void
step_role_selected_cb (AdwComboRow      *combo,
                       GParamSpec       *pspec,
                       AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (combo), "step");
  guint position = adw_combo_row_get_selected (combo);
  g_autoptr(AplCrisisRole) role = NULL;
  g_autoptr(GError) error = NULL;

  if (position == GTK_INVALID_LIST_POSITION || self->roles == NULL)
    return;
  if (position > 0)
    role = g_list_model_get_item (self->roles, position - 1);
  if (!apl_checklist_step_set_role (step, role, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
}

static void
step_target_changed_cb (GtkSpinButton    *spin,
                        AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (spin), "step");
  GtkCheckButton *none = g_object_get_data (G_OBJECT (spin), "no-target");
  g_autoptr(GError) error = NULL;

  if (none != NULL && gtk_check_button_get_active (none))
    return;
  if (!apl_checklist_step_set_target_minutes (step, gtk_spin_button_get_value_as_int (spin), &error))
    apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (spin), error);
}

/* "No target" is not the same as a target of 0 minutes ("at once"): the
 * check box clears the target, the spin button keeps the last value for
 * when it is unticked. */
static void
step_no_target_toggled_cb (GtkCheckButton   *check,
                           AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (check), "step");
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (check), "spin");
  gboolean none = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (spin), !none);
  if (!apl_checklist_step_set_target_minutes (step, none ? -1 : gtk_spin_button_get_value_as_int (spin), &error))
    apl_page_show_error (GTK_WIDGET (self), error);
}

static void
step_move_cb (GtkButton        *button,
              AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_get_data (G_OBJECT (button), "step");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (self->steps);
  guint position = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplChecklistStep) item = g_list_model_get_item (self->steps, i);

      if (item == step)
        position = i;
    }
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;
  if (!apl_store_move_checklist_step (self->store, step, position + delta, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
}

static void
step_remove_cb (GtkButton        *button,
                AplScenariosPage *self)
{
  AplChecklistStep *step = g_object_ref (g_object_get_data (G_OBJECT (button), "step"));
  g_autoptr(GError) error = NULL;

  if (!apl_store_delete_checklist_step (self->store, step, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  else
    apl_page_offer_undo (GTK_WIDGET (self), self->store, _("Step removed"), step, (AplUndoFunc) apl_store_undelete_checklist_step);
  g_object_unref (step);
}

static GtkWidget *
small_button (const char *icon,
              const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
make_step_row (AplScenariosPage *self,
               AplChecklistStep *step)
{
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);
  GtkWidget *row = plain_expander_row ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *action = entry_row (_("Action"), apl_checklist_step_get_action (step));
  GtkWidget *role = adw_combo_row_new ();
  GtkWidget *target_row = adw_action_row_new ();
  GtkWidget *target = gtk_spin_button_new_with_range (0, 43200, 5);
  GtkWidget *no_target = gtk_check_button_new_with_mnemonic (_("_No target"));
  int minutes = apl_checklist_step_get_target_minutes (step);
  GtkWidget *tools_row = adw_action_row_new ();
  GtkWidget *up = small_button ("go-up-symbolic", _("Move Step Up"));
  GtkWidget *down = small_button ("go-down-symbolic", _("Move Step Down"));
  GtkWidget *remove = small_button ("user-trash-symbolic", _("Remove Step"));
  guint selected = 0;
  guint n_roles = self->roles ? g_list_model_get_n_items (self->roles) : 0;
  /* Translators: the accessible name of a checklist step's tick box */
  g_autofree char *check_label = g_strdup_printf (_("Done: %s"), apl_checklist_step_get_action (step));

  g_object_set_data_full (G_OBJECT (row), "step", g_object_ref (step), g_object_unref);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (check), "step", step);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (step_toggled_cb), self, 0);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);

  g_object_set_data (G_OBJECT (action), "step", step);
  g_signal_connect_object (action, "changed", G_CALLBACK (step_action_changed_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action);

  gtk_string_list_append (role_names, _("No role"));
  for (guint i = 0; i < n_roles; i++)
    {
      g_autoptr(AplCrisisRole) r = g_list_model_get_item (self->roles, i);

      gtk_string_list_append (role_names, apl_crisis_role_get_name (r));
      if (apl_crisis_role_get_id (r) == apl_checklist_step_get_role_id (step))
        selected = i + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role), _("Responsible Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (role), G_LIST_MODEL (role_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), selected);
  g_object_set_data (G_OBJECT (role), "step", step);
  g_signal_connect_object (role, "notify::selected", G_CALLBACK (step_role_selected_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), role);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target_row), _("Target (Minutes from Activation)"));
  /* Without a target, the spin button offers an hour for when one is set. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (target), minutes >= 0 ? minutes : 60);
  gtk_widget_set_valign (target, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (target, minutes >= 0);
  gtk_widget_set_valign (no_target, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (no_target, _("The step has no target time"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (no_target), minutes < 0);
  g_object_set_data (G_OBJECT (no_target), "step", step);
  g_object_set_data (G_OBJECT (no_target), "spin", target);
  g_object_set_data (G_OBJECT (target), "no-target", no_target);
  g_object_set_data (G_OBJECT (row), "no-target", no_target);
  g_signal_connect_object (no_target, "toggled", G_CALLBACK (step_no_target_toggled_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), no_target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Target in minutes from activation"), -1);
  g_object_set_data (G_OBJECT (target), "step", step);
  g_signal_connect_object (target, "value-changed", G_CALLBACK (step_target_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), target);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tools_row), "");
  g_object_set_data (G_OBJECT (up), "step", step);
  g_object_set_data (G_OBJECT (up), "delta", GINT_TO_POINTER (-1));
  g_object_set_data (G_OBJECT (down), "step", step);
  g_object_set_data (G_OBJECT (down), "delta", GINT_TO_POINTER (1));
  g_object_set_data (G_OBJECT (remove), "step", step);
  g_signal_connect_object (up, "clicked", G_CALLBACK (step_move_cb), self, 0);
  g_signal_connect_object (down, "clicked", G_CALLBACK (step_move_cb), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (step_remove_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (tools_row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (tools_row), down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (tools_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), tools_row);

  g_signal_connect_object (step, "notify", G_CALLBACK (update_step_rows), self, G_CONNECT_SWAPPED);
  update_step_row (self, row);
  return row;
}

static void
rebuild_steps (AplScenariosPage *self)
{
  guint n;

  apl_page_clear_list (self->steps_list);
  if (self->steps == NULL)
    return;
  n = g_list_model_get_n_items (self->steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplChecklistStep) step = g_list_model_get_item (self->steps, i);

      gtk_list_box_append (self->steps_list, make_step_row (self, step));
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No steps at this level yet."));
      gtk_list_box_append (self->steps_list, row);
    }
}

static void
load_steps (AplScenariosPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->steps != NULL)
    g_signal_handlers_disconnect_by_data (self->steps, self);
  g_clear_object (&self->steps);
  if (self->scenario != NULL)
    {
      GListModel *steps = apl_store_get_checklist (self->store, self->scenario, self->level, &error);

      if (steps == NULL)
        apl_page_show_error (GTK_WIDGET (self), error);
      else
        {
          self->steps = g_object_ref (steps);
          g_signal_connect_object (steps, "items-changed", G_CALLBACK (rebuild_steps), self, G_CONNECT_SWAPPED);
        }
    }
  rebuild_steps (self);
}

/* Activation */

static void
update_activation (AplScenariosPage *self)
{
  gboolean running = self->activation != NULL;

  if (running)
    {
      g_autofree char *since = local_time (apl_activation_get_started_at (self->activation));
      g_autofree char *text = apl_activation_get_kind (self->activation) == APL_ACTIVATION_REAL
        /* Translators: %s is a time of day */
        ? g_strdup_printf (_("Real activation running since %s"), since)
        : g_strdup_printf (_("Exercise running since %s"), since);

      gtk_label_set_text (self->activation_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->activation_label), "warning");
    }
  else
    {
      gtk_label_set_text (self->activation_label, _("Not activated"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->activation_label), "warning");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenarios.start", self->scenario != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenarios.end", running);
  gtk_widget_set_visible (self->start_exercise_button, !running);
  gtk_widget_set_visible (self->start_real_button, !running);
  gtk_widget_set_visible (self->end_button, running);
  update_step_rows (self);
}

static void
set_activation (AplScenariosPage *self,
                AplActivation    *activation)
{
  if (self->activation != NULL)
    g_signal_handlers_disconnect_by_data (self->activation, self);
  g_set_object (&self->activation, activation);
  if (activation != NULL)
    g_signal_connect_object (activation, "ticked", G_CALLBACK (update_step_rows), self, G_CONNECT_SWAPPED);
  update_activation (self);
}

/* Questions */

static void
question_field_changed_cb (GtkEditable      *editable,
                           AplScenariosPage *self)
{
  AplQuestion *question = g_object_get_data (G_OBJECT (editable), "question");
  AplQuestionField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  apl_question_set_field (question, field, gtk_editable_get_text (editable), &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (editable), error);
  row = gtk_widget_get_ancestor (GTK_WIDGET (editable), ADW_TYPE_EXPANDER_ROW);
  if (error == NULL && field == APL_QUESTION_FIELD_QUESTION && row != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_question_get_field (question, field));
}

static void
question_remove_cb (GtkButton        *button,
                    AplScenariosPage *self)
{
  AplQuestion *question = g_object_ref (g_object_get_data (G_OBJECT (button), "question"));
  g_autoptr(GError) error = NULL;

  if (!apl_store_delete_question (self->store, question, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  else
    apl_page_offer_undo (GTK_WIDGET (self), self->store, _("Question removed"), question, (AplUndoFunc) apl_store_undelete_question);
  g_object_unref (question);
}

/* Saves the pending answer now, if there is one. */
static void
flush_answer (AplScenariosPage *self)
{
  g_autoptr(GtkTextView) view = g_steal_pointer (&self->pending_answer);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AplQuestion *question;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_clear_handle_id (&self->answer_source, g_source_remove);
  if (view == NULL)
    return;
  question = g_object_get_data (G_OBJECT (view), "question");
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  apl_question_set_field (question, APL_QUESTION_FIELD_ANSWER, text, &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (view), error);
}

static gboolean
answer_timeout_cb (gpointer data)
{
  AplScenariosPage *self = data;

  self->answer_source = 0;
  flush_answer (self);
  return G_SOURCE_REMOVE;
}

static void
answer_changed_cb (GtkTextBuffer    *buffer,
                   AplScenariosPage *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (buffer), "view");

  /* Another answer still waiting is saved first, so that typing in two
   * answers quickly loses neither. */
  if (self->pending_answer != NULL && self->pending_answer != view)
    flush_answer (self);
  if (self->pending_answer == NULL)
    self->pending_answer = g_object_ref (view);
  g_clear_handle_id (&self->answer_source, g_source_remove);
  self->answer_source = g_timeout_add (APL_SCENARIOS_PAGE_SAVE_DELAY_MS, answer_timeout_cb, self);
}

/* An answer is paragraphs a spokesperson reads out: a text view, under
 * the question as its heading, not a one-line entry. */
static GtkWidget *
make_answer_box (AplScenariosPage *self,
                 AplQuestion      *question)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (apl_question_get_field (question, APL_QUESTION_FIELD_QUESTION));
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  /* Translators: the accessible name of a prepared answer's text, %s is the question */
  g_autofree char *label = g_strdup_printf (_("Prepared answer to: %s"),
                                            apl_question_get_field (question, APL_QUESTION_FIELD_QUESTION));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_selectable (GTK_LABEL (heading), FALSE);
  gtk_widget_add_css_class (heading, "heading");
  g_object_bind_property (question, "question", heading, "label", G_BINDING_DEFAULT);
  gtk_box_append (GTK_BOX (box), heading);

  gtk_text_buffer_set_text (buffer, apl_question_get_field (question, APL_QUESTION_FIELD_ANSWER), -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (view, _("Saved as you type"));
  g_object_set_data_full (G_OBJECT (view), "question", g_object_ref (question), g_object_unref);
  g_object_set_data (G_OBJECT (buffer), "view", view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (answer_changed_cb), self, 0);
  gtk_box_append (GTK_BOX (box), view);
  return box;
}

static GtkWidget *
make_question_row (AplScenariosPage *self,
                   AplQuestion      *question)
{
  GtkWidget *row = plain_expander_row ();
  GtkWidget *text = entry_row (_("Question"), apl_question_get_field (question, APL_QUESTION_FIELD_QUESTION));
  GtkWidget *answer = make_answer_box (self, question);
  GtkWidget *tools_row = adw_action_row_new ();
  GtkWidget *remove = small_button ("user-trash-symbolic", _("Remove Question"));
  GtkWidget *language = gtk_label_new (apl_question_get_field (question, APL_QUESTION_FIELD_LANGUAGE));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_question_get_field (question, APL_QUESTION_FIELD_QUESTION));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), apl_question_get_field (question, APL_QUESTION_FIELD_ANSWER));
  gtk_widget_add_css_class (language, "caption");
  gtk_widget_add_css_class (language, "dim-label");
  gtk_widget_set_tooltip_text (language, _("Language of the question and answer"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), language);
  g_object_bind_property (question, "answer", row, "subtitle", G_BINDING_DEFAULT);
  g_object_set_data (G_OBJECT (row), "question", question);

  g_object_set_data (G_OBJECT (text), "question", question);
  g_object_set_data (G_OBJECT (text), "field", GINT_TO_POINTER (APL_QUESTION_FIELD_QUESTION));
  g_signal_connect_object (text, "changed", G_CALLBACK (question_field_changed_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), answer);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tools_row), "");
  g_object_set_data_full (G_OBJECT (remove), "question", g_object_ref (question), g_object_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (question_remove_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (tools_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), tools_row);
  return row;
}

static void
rebuild_questions (AplScenariosPage *self)
{
  guint n;

  flush_answer (self);
  apl_page_clear_list (self->questions_list);
  if (self->questions == NULL)
    return;
  n = g_list_model_get_n_items (self->questions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplQuestion) question = g_list_model_get_item (self->questions, i);

      gtk_list_box_append (self->questions_list, make_question_row (self, question));
    }
}

/* The selected scenario */

static void
show_scenario (AplScenariosPage *self,
               AplScenario      *scenario)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->signals_view);
  g_autoptr(GError) error = NULL;
  AplActivation *activation = NULL;

  flush_answer (self);
  if (self->questions != NULL)
    g_signal_handlers_disconnect_by_data (self->questions, self);
  g_clear_object (&self->questions);
  g_set_object (&self->scenario, scenario);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenarios.delete", scenario != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenarios.history", scenario != NULL);
  gtk_stack_set_visible_child_name (self->stack, scenario != NULL ? "scenario" : "empty");

  self->syncing = TRUE;
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (self->title_row), NULL);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (self->description_row), NULL);
  if (scenario != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), apl_scenario_get_title (scenario));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             apl_scenario_get_field (scenario, APL_SCENARIO_FIELD_DESCRIPTION));
      adw_combo_row_set_selected (self->kind_row, apl_scenario_get_kind (scenario));
      apl_risk_matrix_set_risk (self->risk_matrix, apl_scenario_get_likelihood (scenario),
                                apl_scenario_get_impact (scenario));
      gtk_spin_button_set_value (self->likelihood_spin, apl_scenario_get_likelihood (scenario));
      gtk_spin_button_set_value (self->impact_spin, apl_scenario_get_impact (scenario));
      gtk_text_buffer_set_text (buffer, apl_scenario_get_field (scenario, APL_SCENARIO_FIELD_SIGNALS), -1);

      self->questions = apl_store_get_questions (self->store, scenario, &error);
      if (self->questions != NULL)
        {
          g_object_ref (self->questions);
          g_signal_connect_object (self->questions, "items-changed", G_CALLBACK (rebuild_questions), self,
                                   G_CONNECT_SWAPPED);
        }
      activation = apl_store_get_running_activation (self->store, scenario, error ? NULL : &error);
    }
  self->syncing = FALSE;

  if (error != NULL)
    apl_page_show_error (GTK_WIDGET (self), error);
  set_activation (self, activation);
  rebuild_levels (self);
  load_steps (self);
  rebuild_questions (self);
}

/* Callbacks */

static void
scenario_selected_cb (AplScenariosPage *self,
                      GtkListBoxRow    *row)
{
  AplScenario *scenario = row ? g_object_get_data (G_OBJECT (row), "scenario") : NULL;

  if (scenario != self->scenario)
    show_scenario (self, scenario);
}

static void
scenario_field_changed_cb (GtkEditable      *editable,
                           AplScenariosPage *self)
{
  AplScenarioField field = GTK_WIDGET (editable) == GTK_WIDGET (self->title_row)
    ? APL_SCENARIO_FIELD_TITLE : APL_SCENARIO_FIELD_DESCRIPTION;
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->scenario == NULL)
    return;
  apl_scenario_set_field (self->scenario, field, gtk_editable_get_text (editable), &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (editable), error);
}

static void
signals_changed_cb (AplScenariosPage *self,
                    GtkTextBuffer    *buffer)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  if (self->syncing || self->scenario == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  apl_scenario_set_field (self->scenario, APL_SCENARIO_FIELD_SIGNALS, text, &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (self->signals_view), error);
}

static void
kind_selected_cb (AplScenariosPage *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  if (self->syncing || self->scenario == NULL || kind >= APL_N_SCENARIO_KINDS)
    return;
  if (!apl_scenario_set_kind (self->scenario, kind, &error))
    {
      apl_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  row = gtk_list_box_get_selected_row (self->scenario_list);
  if (row != NULL)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);

      gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), apl_scenario_kind_get_name (kind));
    }
}

static void
save_risk (AplScenariosPage *self,
           int               likelihood,
           int               impact)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->scenario == NULL)
    return;
  if (!apl_scenario_set_risk (self->scenario, likelihood, impact, &error))
    apl_page_show_error (GTK_WIDGET (self), error);

  /* Keep the matrix and the spin buttons showing the same thing. */
  self->syncing = TRUE;
  apl_risk_matrix_set_risk (self->risk_matrix, apl_scenario_get_likelihood (self->scenario),
                            apl_scenario_get_impact (self->scenario));
  gtk_spin_button_set_value (self->likelihood_spin, apl_scenario_get_likelihood (self->scenario));
  gtk_spin_button_set_value (self->impact_spin, apl_scenario_get_impact (self->scenario));
  self->syncing = FALSE;
}

static void
risk_chosen_cb (AplScenariosPage *self,
                int               likelihood,
                int               impact)
{
  save_risk (self, likelihood, impact);
}

static void
risk_spin_changed_cb (AplScenariosPage *self)
{
  save_risk (self, gtk_spin_button_get_value_as_int (self->likelihood_spin),
             gtk_spin_button_get_value_as_int (self->impact_spin));
}

static void
level_selected_cb (AplScenariosPage *self)
{
  guint level = gtk_drop_down_get_selected (self->level_dropdown);

  if (level >= APL_N_LEVELS || level == self->level)
    return;
  self->level = level;
  load_steps (self);
}

static void
add_step_cb (AplScenariosPage *self)
{
  g_autoptr(AplChecklistStep) step = NULL;
  g_autoptr(GError) error = NULL;

  if (self->scenario == NULL)
    return;
  step = apl_store_add_checklist_step (self->store, self->scenario, self->level,
                                       gtk_editable_get_text (GTK_EDITABLE (self->new_step_row)), NULL, -1, &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (self->new_step_row), error);
  if (step != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->new_step_row), "");
}

static void
add_question_cb (AplScenariosPage *self)
{
  g_autoptr(AplQuestion) question = NULL;
  g_autoptr(GError) error = NULL;

  if (self->scenario == NULL)
    return;
  question = apl_store_add_question (self->store, self->scenario, apl_plan_get_language (self->plan),
                                     gtk_editable_get_text (GTK_EDITABLE (self->new_question_row)), "", &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (self->new_question_row), error);
  if (question != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->new_question_row), "");
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplScenariosPage *self = APL_SCENARIOS_PAGE (widget);
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  AplScenarioKind kind;

  if (self->plan == NULL || !apl_scenario_kind_from_key (g_variant_get_string (parameter, NULL), &kind))
    return;
  scenario = apl_store_add_starter_scenario (self->store, self->plan, kind, apl_plan_get_language (self->plan), &error);
  if (scenario == NULL)
    {
      apl_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  apl_scenarios_page_show_scenario (self, apl_scenario_get_id (scenario));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplScenariosPage *self = APL_SCENARIOS_PAGE (widget);
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->scenario == NULL)
    return;
  scenario = g_object_ref (self->scenario);
  /* Translators: %s is a scenario's title */
  title = g_strdup_printf (_("Scenario “%s” deleted"), apl_scenario_get_title (scenario));
  if (!apl_store_delete_scenario (self->store, scenario, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  else
    apl_page_offer_undo (GTK_WIDGET (self), self->store, title, scenario, (AplUndoFunc) apl_store_undelete_scenario);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AplScenariosPage *self = APL_SCENARIOS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AplActivation *activation;

  if (self->scenario == NULL)
    return;
  activation = apl_store_start_activation (self->store, self->scenario,
                                           g_strcmp0 (g_variant_get_string (parameter, NULL), "real") == 0
                                           ? APL_ACTIVATION_REAL : APL_ACTIVATION_EXERCISE,
                                           &error);
  if (activation == NULL)
    apl_page_show_error (GTK_WIDGET (self), error);
  set_activation (self, activation);
}

/* Ending is the moment the record closes: say when, and where to read it. */
static void
show_ended (AplScenariosPage *self,
            AplActivation    *activation)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *at = local_time (apl_activation_get_ended_at (activation));
  g_autofree char *title = apl_activation_get_kind (activation) == APL_ACTIVATION_REAL
    /* Translators: %s is a time of day */
    ? g_strdup_printf (_("Activation ended at %s"), at)
    : g_strdup_printf (_("Exercise ended at %s"), at);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_History"));
  adw_toast_set_action_name (toast, "scenarios.history");
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplScenariosPage *self = APL_SCENARIOS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->activation == NULL)
    return;
  if (!apl_activation_end (self->activation, &error))
    {
      apl_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  show_ended (self, self->activation);
  set_activation (self, NULL);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AplScenariosPage *self = APL_SCENARIOS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AplActivationHistory *history;

  if (self->scenario == NULL || self->store == NULL)
    return;
  history = apl_activation_history_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->scenario);
  gtk_window_present (GTK_WINDOW (history));
}

/* GObject */

static void
apl_scenarios_page_dispose (GObject *object)
{
  AplScenariosPage *self = APL_SCENARIOS_PAGE (object);

  apl_scenarios_page_set_plan (self, NULL);
  flush_answer (self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_SCENARIOS_PAGE);
  G_OBJECT_CLASS (apl_scenarios_page_parent_class)->dispose (object);
}

static void
apl_scenarios_page_class_init (AplScenariosPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_scenarios_page_dispose;

  g_type_ensure (APL_TYPE_RISK_MATRIX);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-scenarios-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, paned);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, scenario_list);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, risk_matrix);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, likelihood_spin);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, impact_spin);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, signals_view);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, levels_list);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, activation_label);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, start_exercise_button);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, start_real_button);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, end_button);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, new_step_row);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, questions_list);
  gtk_widget_class_bind_template_child (widget_class, AplScenariosPage, new_question_row);
  gtk_widget_class_bind_template_callback (widget_class, scenario_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, scenario_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, risk_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, risk_spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, level_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_step_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_question_cb);

  gtk_widget_class_install_action (widget_class, "scenarios.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "scenarios.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "scenarios.start", "s", start_action);
  gtk_widget_class_install_action (widget_class, "scenarios.end", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "scenarios.history", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "scenarios.history", NULL);
}

static void
apl_scenarios_page_init (AplScenariosPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) level_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->syncing = TRUE;
  for (AplScenarioKind kind = 0; kind < APL_N_SCENARIO_KINDS; kind++)
    gtk_string_list_append (kinds, apl_scenario_kind_get_name (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  for (AplLevel level = 0; level < APL_N_LEVELS; level++)
    gtk_string_list_append (level_names, apl_level_get_name (level));
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (level_names));
  /* The crisis checklist is the one people open first. */
  self->level = APL_LEVEL_CRISIS;
  gtk_drop_down_set_selected (self->level_dropdown, APL_LEVEL_CRISIS);
  self->syncing = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->signals_view), "changed",
                           G_CALLBACK (signals_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenarios.add", FALSE);
  show_scenario (self, NULL);
}

/* Public API */

void
apl_scenarios_page_set_store (AplScenariosPage *self,
                              AplStore         *store)
{
  g_return_if_fail (APL_IS_SCENARIOS_PAGE (self));
  g_return_if_fail (store == NULL || APL_IS_STORE (store));

  apl_scenarios_page_set_plan (self, NULL);
  g_set_object (&self->store, store);
}

void
apl_scenarios_page_set_plan (AplScenariosPage *self,
                             AplPlan          *plan)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (APL_IS_SCENARIOS_PAGE (self));
  g_return_if_fail (plan == NULL || APL_IS_PLAN (plan));

  if (plan == self->plan)
    return;

  if (self->scenarios != NULL)
    g_signal_handlers_disconnect_by_data (self->scenarios, self);
  if (self->roles != NULL)
    g_signal_handlers_disconnect_by_data (self->roles, self);
  g_clear_object (&self->scenarios);
  g_clear_object (&self->roles);
  show_scenario (self, NULL);
  g_set_object (&self->plan, plan);

  if (plan != NULL && self->store != NULL)
    {
      GListModel *scenarios = apl_store_get_scenarios (self->store, plan, &error);
      GListModel *roles = scenarios ? apl_store_get_crisis_roles (self->store, plan, &error) : NULL;

      if (roles != NULL)
        {
          self->scenarios = g_object_ref (scenarios);
          self->roles = g_object_ref (roles);
          g_signal_connect_object (scenarios, "items-changed", G_CALLBACK (rebuild_scenario_list), self,
                                   G_CONNECT_SWAPPED);
          /* Role names appear in the checklist. */
          g_signal_connect_object (roles, "items-changed", G_CALLBACK (rebuild_steps), self, G_CONNECT_SWAPPED);
        }
      else
        apl_page_show_error (GTK_WIDGET (self), error);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenarios.add", self->scenarios != NULL);
  rebuild_scenario_list (self);
}

AplPlan *
apl_scenarios_page_get_plan (AplScenariosPage *self)
{
  g_return_val_if_fail (APL_IS_SCENARIOS_PAGE (self), NULL);
  return self->plan;
}

/**
 * apl_scenarios_page_show_scenario:
 *
 * Selects the scenario: where plan health and "Add Scenario" lead.
 */
void
apl_scenarios_page_show_scenario (AplScenariosPage *self,
                                  gint64            scenario_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (APL_IS_SCENARIOS_PAGE (self));

  row = row_for_scenario (self, scenario_id);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->scenario_list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

AplScenario *
apl_scenarios_page_get_scenario (AplScenariosPage *self)
{
  g_return_val_if_fail (APL_IS_SCENARIOS_PAGE (self), NULL);
  return self->scenario;
}

/**
 * apl_scenarios_page_set_level:
 *
 * Shows the checklist of @level, as choosing it in the drop-down does.
 */
void
apl_scenarios_page_set_level (AplScenariosPage *self,
                              AplLevel          level)
{
  g_return_if_fail (APL_IS_SCENARIOS_PAGE (self));
  g_return_if_fail (level < APL_N_LEVELS);

  gtk_drop_down_set_selected (self->level_dropdown, level);
}
