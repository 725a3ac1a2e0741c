/* apl-scenario-assistant.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "New Plan from Scenario": the user picks a kind of crisis and the plan's
 * language; Aplomb creates a plan with real starting content for it. A
 * blank page is the enemy of a plan that gets written at all.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-scenario-assistant.h"
#include "apl-window.h"

struct _AplScenarioAssistant
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *scenario_row;
  AdwComboRow      *language_row;
  AdwActionRow     *preview_row;

  AplStore         *store;
};

G_DEFINE_FINAL_TYPE (AplScenarioAssistant, apl_scenario_assistant, ADW_TYPE_MESSAGE_DIALOG)

/* Starter content exists in these languages; names in their own language. */
static const struct { const char *code; const char *name; } languages[] = {
  { "en", "English" },
  { "fr", "Français" },
};

static const char *
selected_language (AplScenarioAssistant *self)
{
  guint position = adw_combo_row_get_selected (self->language_row);

  return position < G_N_ELEMENTS (languages) ? languages[position].code : "en";
}

/* Callbacks */

static void
choice_changed_cb (AplScenarioAssistant *self)
{
  guint kind = adw_combo_row_get_selected (self->scenario_row);

  if (kind >= APL_N_SCENARIO_KINDS || self->preview_row == NULL)
    return;
  adw_action_row_set_subtitle (self->preview_row,
                               apl_crisis_starter_scenario_title (kind, selected_language (self)));
}

static void
response_cb (AplScenarioAssistant *self,
             const char           *response)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (g_strcmp0 (response, "create") != 0)
    return;

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  plan = apl_scenario_assistant_create (self, &error);
  if (!APL_IS_WINDOW (parent))
    return;
  if (plan == NULL)
    apl_window_show_error (APL_WINDOW (parent), error->message);
  else
    apl_window_select_plan (APL_WINDOW (parent), plan);
}

/* GObject */

static void
apl_scenario_assistant_dispose (GObject *object)
{
  AplScenarioAssistant *self = APL_SCENARIO_ASSISTANT (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_SCENARIO_ASSISTANT);
  G_OBJECT_CLASS (apl_scenario_assistant_parent_class)->dispose (object);
}

static void
apl_scenario_assistant_class_init (AplScenarioAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_scenario_assistant_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-scenario-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, AplScenarioAssistant, scenario_row);
  gtk_widget_class_bind_template_child (widget_class, AplScenarioAssistant, language_row);
  gtk_widget_class_bind_template_child (widget_class, AplScenarioAssistant, preview_row);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
}

static void
apl_scenario_assistant_init (AplScenarioAssistant *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char * const *locales = g_get_language_names ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (AplScenarioKind kind = 0; kind < APL_N_SCENARIO_KINDS; kind++)
    gtk_string_list_append (kinds, apl_scenario_kind_get_name (kind));
  adw_combo_row_set_model (self->scenario_row, G_LIST_MODEL (kinds));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (names, languages[i].name);
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  /* Start in the user's language when there is content in it. */
  adw_combo_row_set_selected (self->language_row, g_str_has_prefix (locales[0], "fr") ? 1 : 0);

  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  choice_changed_cb (self);
}

/* Public API */

AplScenarioAssistant *
apl_scenario_assistant_new (GtkWindow *parent,
                            AplStore  *store)
{
  AplScenarioAssistant *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (APL_IS_STORE (store), NULL);

  self = g_object_new (APL_TYPE_SCENARIO_ASSISTANT, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * apl_scenario_assistant_set_choice:
 * @language: "en" or "fr"
 *
 * Preselects a scenario and a language, as if the user had picked them.
 */
void
apl_scenario_assistant_set_choice (AplScenarioAssistant *self,
                                   AplScenarioKind       kind,
                                   const char           *language)
{
  g_return_if_fail (APL_IS_SCENARIO_ASSISTANT (self));
  g_return_if_fail (kind < APL_N_SCENARIO_KINDS);

  adw_combo_row_set_selected (self->scenario_row, kind);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, language) == 0)
      adw_combo_row_set_selected (self->language_row, i);
}

/**
 * apl_scenario_assistant_create:
 *
 * Creates the plan for the current choice; the "create" response calls it.
 *
 * Returns: (transfer full): the new plan
 */
AplPlan *
apl_scenario_assistant_create (AplScenarioAssistant  *self,
                               GError               **error)
{
  guint kind;

  g_return_val_if_fail (APL_IS_SCENARIO_ASSISTANT (self), NULL);

  kind = adw_combo_row_get_selected (self->scenario_row);
  if (kind >= APL_N_SCENARIO_KINDS)
    kind = APL_SCENARIO_KIND_OTHER;
  return apl_store_create_plan_from_scenario (self->store, kind, selected_language (self), error);
}
