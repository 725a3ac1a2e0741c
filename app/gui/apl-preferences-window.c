/* apl-preferences-window.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: how Aplomb looks, who the user is (approvals record it), and
 * the organisation profile that message templates fill in.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-preferences-window.h"

struct _AplPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *color_scheme_row;
  AdwEntryRow          *user_name_row;
  AdwEntryRow          *user_role_row;
  GtkSpinButton        *stale_months_spin;
  AdwEntryRow          *organisation_name_row;
  AdwEntryRow          *website_row;
  AdwEntryRow          *hotline_row;
  AdwEntryRow          *spokesperson_row;

  GSettings            *settings;
  AplOrganisation      *organisation;
};

G_DEFINE_FINAL_TYPE (AplPreferencesWindow, apl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Indexed by AplOrganisationField. */
static AdwEntryRow *
row_for_field (AplPreferencesWindow *self,
               AplOrganisationField  field)
{
  AdwEntryRow *rows[] = {
    self->organisation_name_row, self->website_row, self->hotline_row, self->spokesperson_row,
  };

  G_STATIC_ASSERT (APL_ORGANISATION_N_FIELDS == 4);
  return rows[field];
}

/* Callbacks */

static void
organisation_changed_cb (GtkEditable          *editable,
                         AplPreferencesWindow *self)
{
  for (AplOrganisationField field = 0; field < APL_ORGANISATION_N_FIELDS; field++)
    {
      g_autoptr(GError) error = NULL;

      if (GTK_EDITABLE (row_for_field (self, field)) != editable)
        continue;

      if (apl_organisation_set_field (self->organisation, field,
                                      gtk_editable_get_text (editable), &error))
        gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
        }
      return;
    }
}

static void
color_scheme_selected_cb (AplPreferencesWindow *self)
{
  static const char * const schemes[] = { "default", "light", "dark" };
  guint selected = adw_combo_row_get_selected (self->color_scheme_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (schemes))
    g_settings_set_string (self->settings, "color-scheme", schemes[selected]);
}

/* GObject */

static void
apl_preferences_window_dispose (GObject *object)
{
  AplPreferencesWindow *self = APL_PREFERENCES_WINDOW (object);

  /* libadwaita 1.2 may keep the rows alive after the window is gone: the
   * bindings must not keep the settings (and a closed window's rows)
   * listening. */
  if (self->user_name_row != NULL)
    {
      g_settings_unbind (self->user_name_row, "text");
      g_settings_unbind (self->user_role_row, "text");
      g_settings_unbind (self->stale_months_spin, "value");
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (apl_preferences_window_parent_class)->dispose (object);
}

static void
apl_preferences_window_finalize (GObject *object)
{
  AplPreferencesWindow *self = APL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->organisation);

  G_OBJECT_CLASS (apl_preferences_window_parent_class)->finalize (object);
}

static void
apl_preferences_window_class_init (AplPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_preferences_window_dispose;
  object_class->finalize = apl_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, user_role_row);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, stale_months_spin);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, organisation_name_row);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, website_row);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, hotline_row);
  gtk_widget_class_bind_template_child (widget_class, AplPreferencesWindow, spokesperson_row);
  gtk_widget_class_bind_template_callback (widget_class, organisation_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, color_scheme_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
apl_preferences_window_init (AplPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

AplPreferencesWindow *
apl_preferences_window_new (GSettings       *settings,
                            AplOrganisation *organisation)
{
  AplPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (APL_IS_ORGANISATION (organisation), NULL);

  self = g_object_new (APL_TYPE_PREFERENCES_WINDOW, NULL);

  /* Fill the rows before the store is attached, so filling is no edit. */
  for (AplOrganisationField field = 0; field < APL_ORGANISATION_N_FIELDS; field++)
    gtk_editable_set_text (GTK_EDITABLE (row_for_field (self, field)),
                           apl_organisation_get_field (organisation, field));
  adw_combo_row_set_selected (self->color_scheme_row, g_settings_get_enum (settings, "color-scheme"));

  self->settings = g_object_ref (settings);
  self->organisation = g_object_ref (organisation);

  g_settings_bind (settings, "user-name", self->user_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "user-role", self->user_role_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stale-months", self->stale_months_spin, "value", G_SETTINGS_BIND_DEFAULT);

  return self;
}
