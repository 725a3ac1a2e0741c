/* apl-contact-log-group.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A contact's interaction log in the detail panel: a form to log what was
 * said (today, and by the user named in Preferences, unless changed), and
 * the entries, newest first, each with a delete button. The page offers
 * Undo for a deletion (its toast), which calls
 * apl_contact_log_group_undo_delete().
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-contact-log-group.h"

struct _AplContactLogGroup
{
  AdwPreferencesGroup    parent_instance;

  AdwExpanderRow        *add_row;
  AdwEntryRow           *date_row;
  AdwEntryRow           *channel_row;
  AdwEntryRow           *summary_row;
  AdwEntryRow           *by_row;
  GtkListBox            *entries;

  AplContactBook        *book;
  AplContact            *contact;
  char                  *by_whom;
  guint                  n_entries;
  /* Kept for Undo while the page's toast shows. */
  AplContactInteraction *deleted;
  AplContact            *deleted_from;
};

G_DEFINE_FINAL_TYPE (AplContactLogGroup, apl_contact_log_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  DELETED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (AplContactLogGroup *self);

static void
mark (GtkWidget *row,
      gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
reset_form (AplContactLogGroup *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->channel_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->summary_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->by_row), self->by_whom ? self->by_whom : "");
  mark (GTK_WIDGET (self->date_row), FALSE);
  mark (GTK_WIDGET (self->summary_row), FALSE);
}

static void
delete_clicked_cb (GtkButton          *button,
                   AplContactLogGroup *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "id");
  g_autoptr(GError) error = NULL;
  AplContactInteraction *deleted;

  if (self->contact == NULL)
    return;
  deleted = apl_contact_book_delete_interaction (self->book, self->contact, id, &error);
  if (deleted == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  g_clear_pointer (&self->deleted, apl_contact_interaction_free);
  g_set_object (&self->deleted_from, self->contact);
  self->deleted = deleted;
  reload (self);
  g_signal_emit (self, signals[DELETED], 0, deleted->summary);
}

static GtkWidget *
entry_row (AplContactLogGroup          *self,
           const AplContactInteraction *interaction)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autoptr(GString) subtitle = g_string_new (interaction->date);
  g_autofree char *title = g_markup_escape_text (interaction->summary, -1);
  g_autofree char *escaped = NULL;

  if (*interaction->channel != '\0')
    g_string_append_printf (subtitle, " · %s", interaction->channel);
  if (*interaction->by_whom != '\0')
    /* TRANSLATORS: who spoke to the contact, in a log entry */
    g_string_append_printf (subtitle, " · %s", interaction->by_whom);
  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete this entry of the log"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Entry"), -1);
  g_object_set_data_full (G_OBJECT (button), "id", g_memdup2 (&interaction->id, sizeof interaction->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload (AplContactLogGroup *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries))) != NULL)
    gtk_list_box_remove (self->entries, child);
  self->n_entries = 0;
  if (self->contact == NULL)
    return;
  list = apl_contact_book_list_interactions (self->book, self->contact, &error);
  if (list == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    gtk_list_box_append (self->entries, entry_row (self, g_ptr_array_index (list, i)));
  self->n_entries = list->len;
  gtk_widget_set_visible (GTK_WIDGET (self->entries), list->len > 0);
}

static void
add_clicked_cb (AplContactLogGroup *self)
{
  g_autoptr(GError) error = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *summary = gtk_editable_get_text (GTK_EDITABLE (self->summary_row));

  if (self->contact == NULL)
    return;
  if (apl_contact_book_add_interaction (self->book, self->contact, date,
                                        gtk_editable_get_text (GTK_EDITABLE (self->channel_row)), summary,
                                        gtk_editable_get_text (GTK_EDITABLE (self->by_row)), &error) == 0)
    {
      /* The form keeps what was typed; the field at fault is marked. */
      g_autofree char *stripped = g_strstrip (g_strdup (summary));
      gboolean empty = stripped[0] == '\0';

      mark (GTK_WIDGET (self->summary_row), empty);
      mark (GTK_WIDGET (self->date_row), !empty);
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  reset_form (self);
  reload (self);
}

/* GObject */

static void
apl_contact_log_group_dispose (GObject *object)
{
  AplContactLogGroup *self = APL_CONTACT_LOG_GROUP (object);

  g_clear_object (&self->contact);
  g_clear_object (&self->deleted_from);
  g_clear_object (&self->book);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_CONTACT_LOG_GROUP);
  G_OBJECT_CLASS (apl_contact_log_group_parent_class)->dispose (object);
}

static void
apl_contact_log_group_finalize (GObject *object)
{
  AplContactLogGroup *self = APL_CONTACT_LOG_GROUP (object);

  g_free (self->by_whom);
  g_clear_pointer (&self->deleted, apl_contact_interaction_free);
  G_OBJECT_CLASS (apl_contact_log_group_parent_class)->finalize (object);
}

static void
apl_contact_log_group_class_init (AplContactLogGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_contact_log_group_dispose;
  object_class->finalize = apl_contact_log_group_finalize;

  /**
   * AplContactLogGroup::deleted:
   * @summary: what the deleted entry said
   *
   * An entry was deleted: the page offers Undo.
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AplContactLogGroup::failed:
   * @message: what went wrong, for the user
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-contact-log-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AplContactLogGroup, add_row);
  gtk_widget_class_bind_template_child (widget_class, AplContactLogGroup, date_row);
  gtk_widget_class_bind_template_child (widget_class, AplContactLogGroup, channel_row);
  gtk_widget_class_bind_template_child (widget_class, AplContactLogGroup, summary_row);
  gtk_widget_class_bind_template_child (widget_class, AplContactLogGroup, by_row);
  gtk_widget_class_bind_template_child (widget_class, AplContactLogGroup, entries);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
apl_contact_log_group_init (AplContactLogGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->entries), FALSE);
  reset_form (self);
}

/* Public API */

GtkWidget *
apl_contact_log_group_new (void)
{
  return g_object_new (APL_TYPE_CONTACT_LOG_GROUP, NULL);
}

/**
 * apl_contact_log_group_set_contact:
 * @contact: (nullable): the contact whose log to show
 */
void
apl_contact_log_group_set_contact (AplContactLogGroup *self,
                                   AplContactBook     *book,
                                   AplContact         *contact)
{
  g_return_if_fail (APL_IS_CONTACT_LOG_GROUP (self));

  g_set_object (&self->book, book);
  if (g_set_object (&self->contact, contact))
    reset_form (self);
  reload (self);
}

/**
 * apl_contact_log_group_set_by_whom:
 *
 * Who the form says spoke to the contact, unless changed: the user's name
 * from Preferences.
 */
void
apl_contact_log_group_set_by_whom (AplContactLogGroup *self,
                                   const char         *name)
{
  g_return_if_fail (APL_IS_CONTACT_LOG_GROUP (self));

  g_free (self->by_whom);
  self->by_whom = g_strdup (name);
  gtk_editable_set_text (GTK_EDITABLE (self->by_row), name ? name : "");
}

guint
apl_contact_log_group_get_n_entries (AplContactLogGroup *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_LOG_GROUP (self), 0);
  return self->n_entries;
}

/**
 * apl_contact_log_group_undo_delete:
 *
 * Puts back the entry deleted last.
 */
gboolean
apl_contact_log_group_undo_delete (AplContactLogGroup  *self,
                                   GError             **error)
{
  g_autoptr(AplContactInteraction) deleted = NULL;
  g_autoptr(AplContact) from = NULL;

  g_return_val_if_fail (APL_IS_CONTACT_LOG_GROUP (self), FALSE);

  deleted = g_steal_pointer (&self->deleted);
  from = g_steal_pointer (&self->deleted_from);
  if (deleted == NULL || from == NULL || self->book == NULL)
    return TRUE;
  if (!apl_contact_book_restore_interaction (self->book, from, deleted, error))
    return FALSE;
  if (from == self->contact)
    reload (self);
  return TRUE;
}
