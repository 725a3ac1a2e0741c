/* apl-plan-overview.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan's description, edited in place. Every keystroke is saved; a value
 * the workspace refuses (an empty title, a date that does not exist) is
 * marked and kept in the field, never thrown away.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-error.h"
#include "apl-plan-health.h"
#include "apl-plan-overview.h"

struct _AplPlanOverview
{
  GtkWidget             parent_instance;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *plan_group;
  AdwEntryRow          *title_row;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *owner_row;
  AdwComboRow          *language_row;
  AdwEntryRow          *next_review_row;
  GtkLabel             *review_due_label;
  GtkTextView          *summary_view;
  AdwActionRow         *created_row;
  AdwActionRow         *updated_row;

  AplPlan              *plan;
  GtkStringList        *language_names;
  /* Set while the widgets are filled from the plan, so that filling them
   * is not taken for an edit. */
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (AplPlanOverview, apl_plan_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Language names are shown in their own language, as language pickers do. */
static const struct { const char *code; const char *name; } languages[] = {
  { "en", "English" },
  { "fr", "Français" },
  { "de", "Deutsch" },
  { "es", "Español" },
  { "it", "Italiano" },
  { "nl", "Nederlands" },
  { "pt", "Português" },
};

/* Helpers */

static AdwEntryRow *
row_for_field (AplPlanOverview *self,
               AplPlanField     field)
{
  switch (field)
    {
    case APL_PLAN_FIELD_TITLE:
      return self->title_row;
    case APL_PLAN_FIELD_ORGANISATION:
      return self->organisation_row;
    case APL_PLAN_FIELD_OWNER:
      return self->owner_row;
    case APL_PLAN_FIELD_NEXT_REVIEW:
      return self->next_review_row;
    case APL_PLAN_FIELD_SCENARIO_SUMMARY:
    case APL_PLAN_FIELD_LANGUAGE:
    case APL_PLAN_N_FIELDS:
    default:
      return NULL;
    }
}

static char *
format_timestamp (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
mark_field (AplPlanOverview *self,
            GtkWidget       *widget,
            const GError    *error)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      adw_preferences_group_set_description (self->plan_group, NULL);
      return;
    }

  gtk_widget_add_css_class (widget, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                  -1);
  adw_preferences_group_set_description (self->plan_group, error->message);
}

static void
save_field (AplPlanOverview *self,
            AplPlanField     field,
            GtkWidget       *widget,
            const char      *value)
{
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || self->syncing)
    return;

  if (apl_plan_set_field (self->plan, field, value, &error))
    {
      mark_field (self, widget, NULL);
      return;
    }

  mark_field (self, widget, error);
  /* A refused value is shown where it was typed; anything else (a full
   * disk, a closed workspace) needs the window's attention too. */
  if (!g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* The store trims titles; a title typed with a trailing space (the user
 * is about to type the next word) must not lose it. */
static void
set_entry_text (GtkEditable *editable,
                const char  *text)
{
  g_autofree char *shown = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (g_strcmp0 (shown, text) != 0)
    gtk_editable_set_text (editable, text);
}

static guint
language_position (AplPlanOverview *self,
                   const char      *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
sync_from_plan (AplPlanOverview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *summary = NULL;
  GtkTextIter start, end;
  guint position;

  if (self->plan == NULL)
    return;

  self->syncing = TRUE;

  for (AplPlanField field = 0; field < APL_PLAN_N_FIELDS; field++)
    {
      AdwEntryRow *row = row_for_field (self, field);

      /* An entry showing a refused value keeps it until the user fixes it. */
      if (row != NULL && !gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
        set_entry_text (GTK_EDITABLE (row), apl_plan_get_field (self->plan, field));
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  summary = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (summary, apl_plan_get_scenario_summary (self->plan)) != 0)
    gtk_text_buffer_set_text (buffer, apl_plan_get_scenario_summary (self->plan), -1);

  position = language_position (self, apl_plan_get_language (self->plan));
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* A plan imported in another language keeps it, shown by its code. */
      gtk_string_list_append (self->language_names, apl_plan_get_language (self->plan));
      position = g_list_model_get_n_items (G_LIST_MODEL (self->language_names)) - 1;
    }
  adw_combo_row_set_selected (self->language_row, position);

  gtk_widget_set_visible (GTK_WIDGET (self->review_due_label), apl_plan_is_review_due (self->plan, NULL));

  created = format_timestamp (apl_plan_get_created (self->plan));
  updated = format_timestamp (apl_plan_get_updated (self->plan));
  adw_action_row_set_subtitle (self->created_row, created);
  adw_action_row_set_subtitle (self->updated_row, updated);

  self->syncing = FALSE;
}

/* Callbacks */

static void
field_changed_cb (GtkEditable     *editable,
                  AplPlanOverview *self)
{
  for (AplPlanField field = 0; field < APL_PLAN_N_FIELDS; field++)
    if (GTK_EDITABLE (row_for_field (self, field)) == editable)
      {
        save_field (self, field, GTK_WIDGET (editable), gtk_editable_get_text (editable));
        return;
      }
}

static void
summary_changed_cb (AplPlanOverview *self,
                    GtkTextBuffer   *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  save_field (self, APL_PLAN_FIELD_SCENARIO_SUMMARY, GTK_WIDGET (self->summary_view), text);
}

static void
language_selected_cb (AplPlanOverview *self)
{
  guint position = adw_combo_row_get_selected (self->language_row);
  const char *code;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  code = position < G_N_ELEMENTS (languages)
    ? languages[position].code
    : gtk_string_list_get_string (self->language_names, position);
  save_field (self, APL_PLAN_FIELD_LANGUAGE, GTK_WIDGET (self->language_row), code);
}

static void
plan_notify_cb (AplPlanOverview *self)
{
  sync_from_plan (self);
}

/* GObject */

static void
apl_plan_overview_dispose (GObject *object)
{
  AplPlanOverview *self = APL_PLAN_OVERVIEW (object);

  apl_plan_overview_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_PLAN_OVERVIEW);

  G_OBJECT_CLASS (apl_plan_overview_parent_class)->dispose (object);
}

static void
apl_plan_overview_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AplPlanOverview *self = APL_PLAN_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_plan_overview_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AplPlanOverview *self = APL_PLAN_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      apl_plan_overview_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_plan_overview_class_init (AplPlanOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_plan_overview_dispose;
  object_class->get_property = apl_plan_overview_get_property;
  object_class->set_property = apl_plan_overview_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, APL_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AplPlanOverview::error:
   * @message: a sentence for the user
   *
   * A change could not be saved for a reason the field itself cannot show.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (APL_TYPE_PLAN_HEALTH);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-plan-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, page);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, plan_group);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, title_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, owner_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, language_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, next_review_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, review_due_label);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, summary_view);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, created_row);
  gtk_widget_class_bind_template_child (widget_class, AplPlanOverview, updated_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, language_selected_cb);
}

static void
apl_plan_overview_init (AplPlanOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->language_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (self->language_names, languages[i].name);
  self->syncing = TRUE;
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (self->language_names));
  self->syncing = FALSE;
  g_object_unref (self->language_names);

  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (summary_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

AplPlan *
apl_plan_overview_get_plan (AplPlanOverview *self)
{
  g_return_val_if_fail (APL_IS_PLAN_OVERVIEW (self), NULL);
  return self->plan;
}

void
apl_plan_overview_set_plan (AplPlanOverview *self,
                            AplPlan         *plan)
{
  g_return_if_fail (APL_IS_PLAN_OVERVIEW (self));
  g_return_if_fail (plan == NULL || APL_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_func (self->plan, plan_notify_cb, self);
  g_set_object (&self->plan, plan);

  /* A refused value belongs to the plan it was typed for. */
  for (AplPlanField field = 0; field < APL_PLAN_N_FIELDS; field++)
    {
      AdwEntryRow *row = row_for_field (self, field);

      if (row != NULL)
        mark_field (self, GTK_WIDGET (row), NULL);
    }

  if (plan != NULL)
    {
      g_signal_connect_object (plan, "notify", G_CALLBACK (plan_notify_cb), self, G_CONNECT_SWAPPED);
      sync_from_plan (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * apl_plan_overview_edit_title:
 *
 * Puts the keyboard in the title, with the title selected, ready to type a
 * new one: this is how plans are renamed.
 */
void
apl_plan_overview_edit_title (AplPlanOverview *self)
{
  g_return_if_fail (APL_IS_PLAN_OVERVIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
}
