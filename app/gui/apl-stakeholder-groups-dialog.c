/* apl-stakeholder-groups-dialog.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace's list of stakeholder groups: rename one in place, add one
 * of the organisation's own, remove one nobody belongs to (with Undo). The
 * rows follow the register's group list, so the stakeholders page and this
 * dialog never disagree.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-stakeholder-groups-dialog.h"

struct _AplStakeholderGroupsDialog
{
  AdwPreferencesWindow    parent_instance;

  /* Template widgets */
  GtkListBox             *group_list;
  AdwEntryRow            *new_name_row;
  AdwPreferencesGroup    *new_group;

  AplStakeholderRegister *stakeholders;
  /* The name of the group last removed, kept for Undo. */
  char                   *removed_name;
};

G_DEFINE_FINAL_TYPE (AplStakeholderGroupsDialog, apl_stakeholder_groups_dialog, ADW_TYPE_PREFERENCES_WINDOW)

/* Helpers */

static void
toast (AplStakeholderGroupsDialog *self,
       const char                 *title,
       const char                 *undo_action)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, undo_action != NULL ? 5 : 0);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, undo_action);
    }
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

/* How many stakeholders of the register are in @group: a group in use
 * cannot be removed, and the row says why before the user tries. */
static guint
count_members (AplStakeholderGroupsDialog *self,
               AplStakeholderGroup        *group)
{
  GListModel *model = G_LIST_MODEL (self->stakeholders);
  guint n = g_list_model_get_n_items (model);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplStakeholder) stakeholder = g_list_model_get_item (model, i);

      if (apl_stakeholder_get_group (stakeholder) == group)
        count++;
    }
  return count;
}

static void
mark_row (GtkWidget    *row,
          const GError *error)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error->message, -1);
}

/* Callbacks */

static void
rename_apply_cb (AdwEntryRow                *row,
                 AplStakeholderGroupsDialog *self)
{
  AplStakeholderGroup *group = g_object_get_data (G_OBJECT (row), "group");
  g_autoptr(GError) error = NULL;

  /* A refused name stays in the row, marked, until the user fixes it. */
  if (!apl_stakeholder_group_set_name (group, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    toast (self, error->message, NULL);
  mark_row (GTK_WIDGET (row), error);
}

static void
add_apply_cb (AplStakeholderGroupsDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (apl_stakeholder_register_add_group (self->stakeholders,
                                          gtk_editable_get_text (GTK_EDITABLE (self->new_name_row)),
                                          &error) == NULL)
    {
      toast (self, error->message, NULL);
      mark_row (GTK_WIDGET (self->new_name_row), error);
      return;
    }
  mark_row (GTK_WIDGET (self->new_name_row), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), "");
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  AplStakeholderGroupsDialog *self = user_data;
  AplStakeholderGroup *group = item;
  guint members = count_members (self, group);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Group name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), apl_stakeholder_group_get_name (group));
  g_object_set_data_full (G_OBJECT (row), "group", g_object_ref (group), g_object_unref);
  g_signal_connect_object (row, "apply", G_CALLBACK (rename_apply_cb), self, 0);

  /* Translators: %s is a stakeholder group's name */
  label = g_strdup_printf (_("Remove the group “%s”"), apl_stakeholder_group_get_name (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* A button with an action takes its sensitivity from the action: only
   * an unused group's button gets one. */
  if (members > 0)
    {
      g_autofree char *why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "In use by %u stakeholder: it cannot be removed",
                                                           "In use by %u stakeholders: it cannot be removed",
                                                           members),
                                              members);

      gtk_widget_set_sensitive (remove, FALSE);
      gtk_widget_set_tooltip_text (remove, why);
    }
  else
    {
      gtk_widget_set_tooltip_text (remove, _("Remove Group"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "groups.remove");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                              g_variant_new_int64 (apl_stakeholder_group_get_id (group)));
    }
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  return row;
}

/* Actions */

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplStakeholderGroupsDialog *self = APL_STAKEHOLDER_GROUPS_DIALOG (widget);
  GListModel *groups = apl_stakeholder_register_get_groups (self->stakeholders);
  gint64 id = g_variant_get_int64 (parameter);
  guint n = g_list_model_get_n_items (groups);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (groups, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;

      if (apl_stakeholder_group_get_id (group) != id)
        continue;

      name = g_strdup (apl_stakeholder_group_get_name (group));
      if (!apl_stakeholder_register_remove_group (self->stakeholders, group, &error))
        {
          toast (self, error->message, NULL);
          return;
        }
      g_free (self->removed_name);
      self->removed_name = g_steal_pointer (&name);
      /* Translators: %s is a stakeholder group's name */
      title = g_strdup_printf (_("Group “%s” removed"), self->removed_name);
      toast (self, title, "groups.undo-remove");
      return;
    }
}

/* A removed group comes back under the same name, at the end of the list:
 * no stakeholder belonged to it, so nothing else needs restoring. */
static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplStakeholderGroupsDialog *self = APL_STAKEHOLDER_GROUPS_DIALOG (widget);
  g_autofree char *name = g_steal_pointer (&self->removed_name);
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    return;
  if (apl_stakeholder_register_add_group (self->stakeholders, name, &error) == NULL)
    toast (self, error->message, NULL);
}

/* GObject */

static void
apl_stakeholder_groups_dialog_dispose (GObject *object)
{
  AplStakeholderGroupsDialog *self = APL_STAKEHOLDER_GROUPS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_STAKEHOLDER_GROUPS_DIALOG);
  g_clear_object (&self->stakeholders);
  g_clear_pointer (&self->removed_name, g_free);

  G_OBJECT_CLASS (apl_stakeholder_groups_dialog_parent_class)->dispose (object);
}

static void
apl_stakeholder_groups_dialog_class_init (AplStakeholderGroupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_stakeholder_groups_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-stakeholder-groups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AplStakeholderGroupsDialog, group_list);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholderGroupsDialog, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, AplStakeholderGroupsDialog, new_group);
  gtk_widget_class_bind_template_callback (widget_class, add_apply_cb);

  gtk_widget_class_install_action (widget_class, "groups.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "groups.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
apl_stakeholder_groups_dialog_init (AplStakeholderGroupsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * apl_stakeholder_groups_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer full): a dialog editing @stakeholders' groups
 */
AplStakeholderGroupsDialog *
apl_stakeholder_groups_dialog_new (GtkWindow              *parent,
                                   AplStakeholderRegister *stakeholders)
{
  AplStakeholderGroupsDialog *self;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (stakeholders), NULL);

  self = g_object_new (APL_TYPE_STAKEHOLDER_GROUPS_DIALOG, "transient-for", parent, NULL);
  self->stakeholders = g_object_ref (stakeholders);
  gtk_list_box_bind_model (self->group_list, apl_stakeholder_register_get_groups (stakeholders),
                           create_row_cb, self, NULL);
  return self;
}
