/* apl-activation-history.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The after-action view of a scenario: every exercise and real activation,
 * newest first, with the time each checklist step was ticked, the steps
 * done later than their target and those nobody ticked. Read-only on
 * purpose: it is the record a review works from, so nothing here can
 * change it.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-activation-history.h"

struct _AplActivationHistory
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  AdwPreferencesPage *page;

  guint               n_activations;
};

G_DEFINE_FINAL_TYPE (AplActivationHistory, apl_activation_history, ADW_TYPE_WINDOW)

/* Helpers */

static char *
local_time (const char *iso8601,
            const char *format)
{
  g_autoptr(GDateTime) utc = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, format);
}

static GtkWidget *
make_entry_row (const AplActivationEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GString *subtitle = g_string_new (apl_level_get_name (entry->level));
  g_autofree char *target = apl_format_target_minutes (entry->target_minutes);
  const char *state;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->action);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  if (*target != '\0')
    g_string_append_printf (subtitle, " · %s", target);
  if (entry->ticked_at != NULL)
    {
      g_autofree char *at = local_time (entry->ticked_at, "%H:%M");

      g_string_append (subtitle, " · ");
      /* Translators: when a checklist step was done: a time, then minutes since activation */
      g_string_append_printf (subtitle, _("done at %s (+%d min)"), at, entry->minutes);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  if (entry->ticked_at == NULL)
    {
      icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
      state = _("Not done");
    }
  else if (entry->late)
    {
      icon = gtk_image_new_from_icon_name ("alarm-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      state = _("Late");
    }
  else
    {
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      state = _("On time");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  gtk_widget_set_tooltip_text (icon, state);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* Late and not-done steps are what a review looks for: say so in words
   * too, not only with an icon's colour. */
  if (entry->ticked_at == NULL || entry->late)
    {
      GtkWidget *label = gtk_label_new (state);

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, entry->late ? "warning" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  g_object_set_data (G_OBJECT (row), "late", GINT_TO_POINTER (entry->late));
  g_object_set_data (G_OBJECT (row), "done", GINT_TO_POINTER (entry->ticked_at != NULL));
  return row;
}

static GtkWidget *
make_activation_group (AplStore      *store,
                       AplActivation *activation)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = local_time (apl_activation_get_started_at (activation), "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gboolean real = apl_activation_get_kind (activation) == APL_ACTIVATION_REAL;
  guint n_done = 0, n_late = 0;

  if (apl_activation_is_running (activation))
    title = real
      /* Translators: %s is a date and time */
      ? g_strdup_printf (_("Real activation · %s, still running"), start)
      : g_strdup_printf (_("Exercise · %s, still running"), start);
  else
    {
      g_autofree char *end = local_time (apl_activation_get_ended_at (activation), "%Y-%m-%d %H:%M");

      title = real
        /* Translators: a real activation's start and end: two dates and times */
        ? g_strdup_printf (_("Real activation · %s to %s"), start, end)
        /* Translators: an exercise's start and end: two dates and times */
        : g_strdup_printf (_("Exercise · %s to %s"), start, end);
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  entries = apl_store_get_activation_entries (store, activation, &error);
  if (entries == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), error->message);
      return group;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      AplActivationEntry *entry = g_ptr_array_index (entries, i);

      n_done += entry->ticked_at != NULL;
      n_late += entry->late;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_entry_row (entry));
    }

  if (entries->len == 0)
    description = g_strdup (_("No step was ticked."));
  else
    /* Translators: how a checklist went: "5 of 7 steps done, 1 late" */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step done, %u late",
                                                "%u of %u steps done, %u late", entries->len),
                                   n_done, entries->len, n_late);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

/* GObject */

static void
apl_activation_history_class_init (AplActivationHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-activation-history.ui");
  gtk_widget_class_bind_template_child (widget_class, AplActivationHistory, window_title);
  gtk_widget_class_bind_template_child (widget_class, AplActivationHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, AplActivationHistory, page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
apl_activation_history_init (AplActivationHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * apl_activation_history_new:
 *
 * Returns: (transfer floating): the history of @scenario's exercises and
 * activations, as they are now
 */
AplActivationHistory *
apl_activation_history_new (GtkWindow   *parent,
                            AplStore    *store,
                            AplScenario *scenario)
{
  AplActivationHistory *self;
  g_autoptr(GPtrArray) activations = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (APL_IS_STORE (store), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);

  self = g_object_new (APL_TYPE_ACTIVATION_HISTORY, "transient-for", parent, NULL);
  adw_window_title_set_subtitle (self->window_title, apl_scenario_get_title (scenario));

  activations = apl_store_list_activations (store, scenario, &error);
  if (activations == NULL)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), error->message);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      gtk_stack_set_visible_child_name (self->stack, "history");
      return self;
    }

  for (guint i = 0; i < activations->len; i++)
    adw_preferences_page_add (self->page,
                              ADW_PREFERENCES_GROUP (make_activation_group (store, g_ptr_array_index (activations, i))));
  self->n_activations = activations->len;
  gtk_stack_set_visible_child_name (self->stack, activations->len > 0 ? "history" : "empty");
  return self;
}

/* How many exercises and activations the window lists. */
guint
apl_activation_history_get_n_activations (AplActivationHistory *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION_HISTORY (self), 0);
  return self->n_activations;
}
