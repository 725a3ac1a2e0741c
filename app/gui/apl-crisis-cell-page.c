/* apl-crisis-cell-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The crisis cell of a plan: its roles with the person, the deputy, how to
 * reach them around the clock and what they do; a RACI grid of the plan's
 * key tasks against those roles; and the channels the organisation owns.
 * Every keystroke is saved; a value the workspace refuses stays in its
 * field, marked. The lists are short (a dozen roles), so rows are rebuilt
 * when a list changes.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-crisis-cell-page.h"
#include "apl-page-feedback.h"
#include "apl-window.h"

struct _AplCrisisCellPage
{
  GtkWidget          parent_instance;

  AdwPreferencesPage *page;
  GtkListBox         *roles_list;
  GtkGrid            *raci_grid;
  AdwEntryRow        *new_task_row;
  GtkListBox         *channels_list;

  AplStore           *store;
  AplPlan            *plan;
  GListModel         *roles;
  GListModel         *tasks;
  GListModel         *channels;
};

G_DEFINE_FINAL_TYPE (AplCrisisCellPage, apl_crisis_cell_page, GTK_TYPE_WIDGET)

static const char * const raci_choices[] = { "–", "R", "A", "C", "I", NULL };

static void rebuild_roles (AplCrisisCellPage *self);
static void rebuild_raci (AplCrisisCellPage *self);
static void rebuild_channels (AplCrisisCellPage *self);

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

static GtkWidget *
flag_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, style);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "crisis-flag");
  return label;
}

/* Roles */

static void
update_role_row (AdwExpanderRow *row,
                 AplCrisisRole  *role)
{
  const char *person = apl_crisis_role_get_field (role, APL_ROLE_FIELD_PERSON);
  const char *deputy = apl_crisis_role_get_field (role, APL_ROLE_FIELD_DEPUTY);
  const char *reviewed = apl_crisis_role_get_field (role, APL_ROLE_FIELD_REVIEWED_ON);
  GtkWidget *no_person = g_object_get_data (G_OBJECT (row), "no-person");
  GtkWidget *no_deputy = g_object_get_data (G_OBJECT (row), "no-deputy");
  AdwActionRow *review_row = g_object_get_data (G_OBJECT (row), "review-row");
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_crisis_role_get_name (role));
  if (apl_crisis_role_lacks_person (role))
    subtitle = g_strdup (_("Nobody holds this role"));
  else if (*deputy != '\0')
    /* Translators: a person, then their deputy */
    subtitle = g_strdup_printf (_("%s, deputy %s"), person, deputy);
  else
    subtitle = g_strdup (person);
  adw_expander_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (no_person, apl_crisis_role_lacks_person (role));
  gtk_widget_set_visible (no_deputy, apl_crisis_role_lacks_deputy (role));
  adw_action_row_set_subtitle (review_row, *reviewed != '\0' ? reviewed : _("Never"));

  /* Edits made elsewhere (another window, the assistant) show here too;
   * a refused value being fixed keeps what the user typed. */
  for (AplRoleField field = 0; field < APL_ROLE_N_FIELDS; field++)
    {
      g_autofree char *key = g_strdup_printf ("entry-%d", field);
      GtkEditable *entry = g_object_get_data (G_OBJECT (row), key);

      if (entry != NULL && !gtk_widget_has_css_class (GTK_WIDGET (entry), "error")
          && g_strcmp0 (gtk_editable_get_text (entry), apl_crisis_role_get_field (role, field)) != 0)
        gtk_editable_set_text (entry, apl_crisis_role_get_field (role, field));
    }
}

static void
role_notify_cb (AplCrisisRole *role,
                GParamSpec    *pspec,
                GtkWidget     *row)
{
  update_role_row (ADW_EXPANDER_ROW (row), role);
}

static void
role_field_changed_cb (GtkEditable       *editable,
                       AplCrisisCellPage *self)
{
  AplCrisisRole *role = g_object_get_data (G_OBJECT (editable), "role");
  AplRoleField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  g_autoptr(GError) error = NULL;

  apl_crisis_role_set_field (role, field, gtk_editable_get_text (editable), &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (editable), error);
}

static void
mark_reviewed_cb (GtkButton         *button,
                  AplCrisisCellPage *self)
{
  AplCrisisRole *role = g_object_get_data (G_OBJECT (button), "role");
  g_autoptr(GError) error = NULL;

  if (!apl_crisis_role_mark_reviewed (role, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
}

static void
remove_role_cb (GtkButton         *button,
                AplCrisisCellPage *self)
{
  AplCrisisRole *role = g_object_get_data (G_OBJECT (button), "role");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_object_ref (role);
  /* Translators: %s is a crisis-cell role */
  title = g_strdup_printf (_("Role “%s” removed"), apl_crisis_role_get_name (role));
  if (!apl_store_delete_crisis_role (self->store, role, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  else
    apl_page_offer_undo (GTK_WIDGET (self), self->store, title, role, (AplUndoFunc) apl_store_undelete_crisis_role);
  g_object_unref (role);
}

static GtkWidget *
make_role_row (AplCrisisCellPage *self,
               AplCrisisRole     *role)
{
  static const struct { AplRoleField field; const char *title; } fields[] = {
    { APL_ROLE_FIELD_PERSON, N_("Person") },
    { APL_ROLE_FIELD_DEPUTY, N_("Deputy") },
    { APL_ROLE_FIELD_CONTACT, N_("24/7 Contact") },
    { APL_ROLE_FIELD_RESPONSIBILITIES, N_("Responsibilities") },
    { APL_ROLE_FIELD_CUSTOM_NAME, N_("Role Name") },
  };
  GtkWidget *row = plain_expander_row ();
  GtkWidget *no_person = flag_label (_("No person"), "error");
  GtkWidget *no_deputy = flag_label (_("No deputy"), "warning");
  GtkWidget *review_row = adw_action_row_new ();
  GtkWidget *review_button = gtk_button_new_with_mnemonic (_("_Mark Reviewed"));
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove Role"));

  g_object_set_data_full (G_OBJECT (row), "role", g_object_ref (role), g_object_unref);
  g_object_set_data (G_OBJECT (row), "no-person", no_person);
  g_object_set_data (G_OBJECT (row), "no-deputy", no_deputy);
  g_object_set_data (G_OBJECT (row), "review-row", review_row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), no_person);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), no_deputy);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *key = g_strdup_printf ("entry-%d", fields[i].field);
      GtkWidget *entry;

      /* Standard roles keep their translated name. */
      if (fields[i].field == APL_ROLE_FIELD_CUSTOM_NAME && apl_crisis_role_get_kind (role) != APL_ROLE_CUSTOM)
        continue;
      entry = entry_row (_(fields[i].title), apl_crisis_role_get_field (role, fields[i].field));
      g_object_set_data (G_OBJECT (row), key, entry);
      g_object_set_data (G_OBJECT (entry), "role", role);
      g_object_set_data (G_OBJECT (entry), "field", GINT_TO_POINTER (fields[i].field));
      g_signal_connect_object (entry, "changed", G_CALLBACK (role_field_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (review_row), _("Last Reviewed"));
  gtk_widget_add_css_class (review_row, "property");
  gtk_widget_set_valign (review_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (review_button, _("Record that the person, deputy and contact were checked today"));
  g_object_set_data (G_OBJECT (review_button), "role", role);
  g_signal_connect_object (review_button, "clicked", G_CALLBACK (mark_reviewed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (review_row), review_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), review_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), "");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  g_object_set_data (G_OBJECT (remove_button), "role", role);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (remove_role_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  update_role_row (ADW_EXPANDER_ROW (row), role);
  g_signal_connect_object (role, "notify", G_CALLBACK (role_notify_cb), row, 0);
  return row;
}

static void
rebuild_roles (AplCrisisCellPage *self)
{
  guint n;

  apl_page_clear_list (self->roles_list);
  if (self->roles == NULL)
    return;

  n = g_list_model_get_n_items (self->roles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (self->roles, i);

      gtk_list_box_append (self->roles_list, make_role_row (self, role));
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No roles yet: add at least a crisis lead and a spokesperson."));
      gtk_list_box_append (self->roles_list, row);
    }
}

/* RACI */

static void
raci_selected_cb (GtkDropDown       *dropdown,
                  GParamSpec        *pspec,
                  AplCrisisCellPage *self)
{
  AplRaciTask *task = g_object_get_data (G_OBJECT (dropdown), "task");
  AplCrisisRole *role = g_object_get_data (G_OBJECT (dropdown), "role");
  guint value = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (value >= APL_N_RACI || self->store == NULL)
    return;
  if (!apl_store_set_raci (self->store, task, role, value, &error))
    {
      apl_page_show_error (GTK_WIDGET (self), error);
      g_signal_handlers_block_by_func (dropdown, raci_selected_cb, self);
      gtk_drop_down_set_selected (dropdown, apl_store_get_raci (self->store, task, role));
      g_signal_handlers_unblock_by_func (dropdown, raci_selected_cb, self);
    }
}

static void
remove_task_cb (GtkButton         *button,
                AplCrisisCellPage *self)
{
  AplRaciTask *task = g_object_ref (g_object_get_data (G_OBJECT (button), "task"));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  /* Translators: %s is a key task of the RACI grid */
  title = g_strdup_printf (_("Task “%s” removed"), apl_raci_task_get_name (task));
  if (!apl_store_delete_raci_task (self->store, task, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  else
    apl_page_offer_undo (GTK_WIDGET (self), self->store, title, task, (AplUndoFunc) apl_store_undelete_raci_task);
  g_object_unref (task);
}

static void
rebuild_raci (AplCrisisCellPage *self)
{
  GtkWidget *child;
  guint n_roles, n_tasks;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->raci_grid))) != NULL)
    gtk_grid_remove (self->raci_grid, child);
  if (self->roles == NULL || self->tasks == NULL)
    return;

  n_roles = g_list_model_get_n_items (self->roles);
  n_tasks = g_list_model_get_n_items (self->tasks);

  for (guint r = 0; r < n_roles; r++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (self->roles, r);
      GtkWidget *label = gtk_label_new (apl_crisis_role_get_name (role));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->raci_grid, label, r + 1, 0, 1, 1);
    }

  for (guint t = 0; t < n_tasks; t++)
    {
      g_autoptr(AplRaciTask) task = g_list_model_get_item (self->tasks, t);
      GtkWidget *name = gtk_label_new (apl_raci_task_get_name (task));
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
      gtk_label_set_width_chars (GTK_LABEL (name), 16);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_grid_attach (self->raci_grid, name, 0, t + 1, 1, 1);

      for (guint r = 0; r < n_roles; r++)
        {
          g_autoptr(AplCrisisRole) role = g_list_model_get_item (self->roles, r);
          GtkWidget *dropdown = gtk_drop_down_new_from_strings (raci_choices);
          /* Translators: a cell of the RACI grid: a task, then a role */
          g_autofree char *label = g_strdup_printf (_("%s: %s"), apl_raci_task_get_name (task),
                                                    apl_crisis_role_get_name (role));

          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), apl_store_get_raci (self->store, task, role));
          gtk_widget_set_halign (dropdown, GTK_ALIGN_CENTER);
          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (dropdown), "task", g_object_ref (task), g_object_unref);
          g_object_set_data_full (G_OBJECT (dropdown), "role", g_object_ref (role), g_object_unref);
          gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          gtk_widget_set_tooltip_text (dropdown, label);
          g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (raci_selected_cb), self, 0);
          gtk_grid_attach (self->raci_grid, dropdown, r + 1, t + 1, 1, 1);
        }

      g_object_set_data_full (G_OBJECT (remove), "task", g_object_ref (task), g_object_unref);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Task"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Task"), -1);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_task_cb), self, 0);
      gtk_grid_attach (self->raci_grid, remove, n_roles + 1, t + 1, 1, 1);
    }

  if (n_tasks == 0)
    gtk_grid_attach (self->raci_grid,
                     gtk_label_new (_("No key tasks yet: add the decisions and jobs a crisis needs.")),
                     0, 1, MAX (n_roles, 1) + 1, 1);
}

static void
add_task_cb (AplCrisisCellPage *self)
{
  g_autoptr(AplRaciTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  task = apl_store_add_raci_task (self->store, self->plan, gtk_editable_get_text (GTK_EDITABLE (self->new_task_row)),
                                  &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (self->new_task_row), error);
  if (task != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->new_task_row), "");
}

/* Channels */

static void
channel_field_changed_cb (GtkEditable       *editable,
                          AplCrisisCellPage *self)
{
  AplOwnedChannel *channel = g_object_get_data (G_OBJECT (editable), "channel");
  AplOwnedChannelField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  apl_owned_channel_set_field (channel, field, gtk_editable_get_text (editable), &error);
  apl_page_mark_field (GTK_WIDGET (self), GTK_WIDGET (editable), error);
  row = gtk_widget_get_ancestor (GTK_WIDGET (editable), ADW_TYPE_EXPANDER_ROW);
  if (error == NULL && field == APL_OWNED_CHANNEL_FIELD_NAME && row != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_owned_channel_get_field (channel, field));
}

static void
channel_kind_cb (AdwComboRow       *combo,
                 GParamSpec        *pspec,
                 AplCrisisCellPage *self)
{
  AplOwnedChannel *channel = g_object_get_data (G_OBJECT (combo), "channel");
  guint kind = adw_combo_row_get_selected (combo);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  if (kind >= APL_N_OWNED_CHANNEL_KINDS)
    return;
  if (!apl_owned_channel_set_kind (channel, kind, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  row = gtk_widget_get_ancestor (GTK_WIDGET (combo), ADW_TYPE_EXPANDER_ROW);
  if (row != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                   apl_owned_channel_kind_get_name (apl_owned_channel_get_kind (channel)));
}

static void
remove_channel_cb (GtkButton         *button,
                   AplCrisisCellPage *self)
{
  AplOwnedChannel *channel = g_object_ref (g_object_get_data (G_OBJECT (button), "channel"));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  /* Translators: %s is a channel's name */
  title = g_strdup_printf (_("Channel “%s” removed"), apl_owned_channel_get_field (channel, APL_OWNED_CHANNEL_FIELD_NAME));
  if (!apl_store_delete_owned_channel (self->store, channel, &error))
    apl_page_show_error (GTK_WIDGET (self), error);
  else
    apl_page_offer_undo (GTK_WIDGET (self), self->store, title, channel, (AplUndoFunc) apl_store_undelete_owned_channel);
  g_object_unref (channel);
}

static GtkWidget *
make_channel_row (AplCrisisCellPage *self,
                  AplOwnedChannel   *channel)
{
  static const struct { AplOwnedChannelField field; const char *title; } fields[] = {
    { APL_OWNED_CHANNEL_FIELD_NAME, N_("Name") },
    { APL_OWNED_CHANNEL_FIELD_PUBLISHERS, N_("Who Can Publish") },
    { APL_OWNED_CHANNEL_FIELD_CREDENTIALS_LOCATION, N_("Where the Credentials Are Kept") },
  };
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *row = plain_expander_row ();
  GtkWidget *kind = adw_combo_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove Channel"));

  g_object_set_data_full (G_OBJECT (row), "channel", g_object_ref (channel), g_object_unref);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 apl_owned_channel_get_field (channel, APL_OWNED_CHANNEL_FIELD_NAME));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), apl_owned_channel_kind_get_name (apl_owned_channel_get_kind (channel)));

  for (AplOwnedChannelKind k = 0; k < APL_N_OWNED_CHANNEL_KINDS; k++)
    gtk_string_list_append (kinds, apl_owned_channel_kind_get_name (k));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), apl_owned_channel_get_kind (channel));
  g_object_set_data (G_OBJECT (kind), "channel", channel);
  g_signal_connect_object (kind, "notify::selected", G_CALLBACK (channel_kind_cb), self, 0);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *entry = entry_row (_(fields[i].title), apl_owned_channel_get_field (channel, fields[i].field));

      g_object_set_data (G_OBJECT (entry), "channel", channel);
      g_object_set_data (G_OBJECT (entry), "field", GINT_TO_POINTER (fields[i].field));
      g_signal_connect_object (entry, "changed", G_CALLBACK (channel_field_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
      if (i == 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kind);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), "");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  g_object_set_data (G_OBJECT (remove_button), "channel", channel);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (remove_channel_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);
  return row;
}

static void
rebuild_channels (AplCrisisCellPage *self)
{
  guint n;

  apl_page_clear_list (self->channels_list);
  if (self->channels == NULL)
    return;
  n = g_list_model_get_n_items (self->channels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplOwnedChannel) channel = g_list_model_get_item (self->channels, i);

      gtk_list_box_append (self->channels_list, make_channel_row (self, channel));
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No channels yet."));
      gtk_list_box_append (self->channels_list, row);
    }
}

/* Callbacks */

static void
roles_changed_cb (AplCrisisCellPage *self)
{
  rebuild_roles (self);
  rebuild_raci (self);
}

/* Actions */

static void
add_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AplCrisisCellPage *self = APL_CRISIS_CELL_PAGE (widget);
  g_autoptr(AplCrisisRole) role = NULL;
  g_autoptr(GError) error = NULL;
  AplRoleKind kind;

  if (self->plan == NULL || !apl_role_kind_from_key (g_variant_get_string (parameter, NULL), &kind))
    return;
  role = apl_store_add_crisis_role (self->store, self->plan, kind,
                                    kind == APL_ROLE_CUSTOM ? _("New role") : NULL, &error);
  if (role == NULL)
    {
      apl_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  apl_crisis_cell_page_show_role (self, apl_crisis_role_get_id (role));
}

static void
add_channel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplCrisisCellPage *self = APL_CRISIS_CELL_PAGE (widget);
  g_autoptr(AplOwnedChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *last;

  if (self->plan == NULL)
    return;
  channel = apl_store_add_owned_channel (self->store, self->plan, APL_OWNED_CHANNEL_WEBSITE, _("New channel"), &error);
  if (channel == NULL)
    {
      apl_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  last = gtk_widget_get_last_child (GTK_WIDGET (self->channels_list));
  if (ADW_IS_EXPANDER_ROW (last))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (last), TRUE);
      gtk_widget_grab_focus (last);
    }
}

/* GObject */

static void
apl_crisis_cell_page_dispose (GObject *object)
{
  AplCrisisCellPage *self = APL_CRISIS_CELL_PAGE (object);

  apl_crisis_cell_page_set_plan (self, NULL);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_CRISIS_CELL_PAGE);
  G_OBJECT_CLASS (apl_crisis_cell_page_parent_class)->dispose (object);
}

static void
apl_crisis_cell_page_class_init (AplCrisisCellPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_crisis_cell_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-crisis-cell-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AplCrisisCellPage, page);
  gtk_widget_class_bind_template_child (widget_class, AplCrisisCellPage, roles_list);
  gtk_widget_class_bind_template_child (widget_class, AplCrisisCellPage, raci_grid);
  gtk_widget_class_bind_template_child (widget_class, AplCrisisCellPage, new_task_row);
  gtk_widget_class_bind_template_child (widget_class, AplCrisisCellPage, channels_list);
  gtk_widget_class_bind_template_callback (widget_class, add_task_cb);

  gtk_widget_class_install_action (widget_class, "cell.add-role", "s", add_role_action);
  gtk_widget_class_install_action (widget_class, "cell.add-channel", NULL, add_channel_action);
}

static void
apl_crisis_cell_page_init (AplCrisisCellPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.add-role", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.add-channel", FALSE);
}

/* Public API */

void
apl_crisis_cell_page_set_store (AplCrisisCellPage *self,
                                AplStore          *store)
{
  g_return_if_fail (APL_IS_CRISIS_CELL_PAGE (self));
  g_return_if_fail (store == NULL || APL_IS_STORE (store));

  apl_crisis_cell_page_set_plan (self, NULL);
  g_set_object (&self->store, store);
}

void
apl_crisis_cell_page_set_plan (AplCrisisCellPage *self,
                               AplPlan           *plan)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (APL_IS_CRISIS_CELL_PAGE (self));
  g_return_if_fail (plan == NULL || APL_IS_PLAN (plan));

  if (plan == self->plan)
    return;

  if (self->roles != NULL)
    g_signal_handlers_disconnect_by_data (self->roles, self);
  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_data (self->tasks, self);
  if (self->channels != NULL)
    g_signal_handlers_disconnect_by_data (self->channels, self);
  g_clear_object (&self->roles);
  g_clear_object (&self->tasks);
  g_clear_object (&self->channels);
  g_set_object (&self->plan, plan);

  if (plan != NULL && self->store != NULL)
    {
      GListModel *roles = apl_store_get_crisis_roles (self->store, plan, &error);
      GListModel *tasks = roles ? apl_store_get_raci_tasks (self->store, plan, &error) : NULL;
      GListModel *channels = tasks ? apl_store_get_owned_channels (self->store, plan, &error) : NULL;

      if (channels != NULL)
        {
          self->roles = g_object_ref (roles);
          self->tasks = g_object_ref (tasks);
          self->channels = g_object_ref (channels);
          g_signal_connect_object (roles, "items-changed", G_CALLBACK (roles_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (tasks, "items-changed", G_CALLBACK (rebuild_raci), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (channels, "items-changed", G_CALLBACK (rebuild_channels), self, G_CONNECT_SWAPPED);
        }
      else
        apl_page_show_error (GTK_WIDGET (self), error);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.add-role", self->roles != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cell.add-channel", self->channels != NULL);
  rebuild_roles (self);
  rebuild_raci (self);
  rebuild_channels (self);
}

AplPlan *
apl_crisis_cell_page_get_plan (AplCrisisCellPage *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_CELL_PAGE (self), NULL);
  return self->plan;
}

/**
 * apl_crisis_cell_page_show_role:
 *
 * Opens the role's row and puts the keyboard in its first field: where
 * plan health sends the user to name a person or a deputy.
 */
void
apl_crisis_cell_page_show_role (AplCrisisCellPage *self,
                                gint64             role_id)
{
  g_return_if_fail (APL_IS_CRISIS_CELL_PAGE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->roles_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AplCrisisRole *role = g_object_get_data (G_OBJECT (child), "role");

      if (role != NULL && apl_crisis_role_get_id (role) == role_id)
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), TRUE);
          gtk_widget_grab_focus (child);
          return;
        }
    }
}
