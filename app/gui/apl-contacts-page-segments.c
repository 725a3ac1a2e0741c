/* apl-contacts-page-segments.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved segments on the contacts page: a drop-down shows all contacts or
 * one segment (the search and the toggles then narrow it further), and a
 * menu creates a hand-picked segment from the selection or a
 * filter-defined one from the current search and filters, adds the
 * selection to a hand-picked segment, renames, exports (without the
 * contacts marked do-not-contact unless asked) and deletes, with Undo.
 *
 * The actions that take a name take it as their parameter; an empty one
 * asks for it in a dialog, so that the menu asks and a test or a keyboard
 * shortcut can give it.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-contacts-page-private.h"

/* Helpers */

/* The segment the drop-down shows, or NULL for all contacts. */
static AplContactSegment *
current_segment (AplContactsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->segment_dropdown);

  if (self->segments == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > self->segments->len)
    return NULL;
  return g_ptr_array_index (self->segments, selected - 1);
}

/**
 * _apl_contacts_page_segment_filter:
 * @filter: a new filter, filled with the segment's
 *
 * Returns: whether a segment is shown
 */
gboolean
_apl_contacts_page_segment_filter (AplContactsPage  *self,
                                   AplContactFilter *filter)
{
  AplContactSegment *segment = current_segment (self);
  g_autoptr(AplContactFilter) own = NULL;
  g_autoptr(GError) error = NULL;

  if (segment == NULL || self->book == NULL)
    return FALSE;
  own = apl_contact_book_segment_filter (self->book, segment, &error);
  if (own == NULL)
    {
      _apl_contacts_page_show_error (self, error->message);
      return FALSE;
    }
  g_free (filter->search);
  g_free (filter->beat);
  g_free (filter->language);
  g_free (filter->country);
  *filter = *own;
  /* The strings now belong to @filter. */
  memset (own, 0, sizeof *own);
  return TRUE;
}

/* Which actions make sense now. */
void
_apl_contacts_page_segments_update (AplContactsPage *self)
{
  AplContactSegment *segment = current_segment (self);
  g_autoptr(AplContact) contact = apl_contacts_page_get_selected (self);
  gboolean selected = contact != NULL;
  gboolean hand_picked = FALSE;

  for (guint i = 0; self->segments != NULL && i < self->segments->len; i++)
    hand_picked |= ((AplContactSegment *) g_ptr_array_index (self->segments, i))->filter == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.segment-from-selection", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.segment-from-filter", self->book != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.add-to-segment", selected && hand_picked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.rename-segment", segment != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.export-segment", segment != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete-segment", segment != NULL);
}

/**
 * _apl_contacts_page_segments_reload:
 * @select_id: the segment to show afterwards; 0 to keep the one shown
 *   (or all contacts, when it is gone)
 */
void
_apl_contacts_page_segments_reload (AplContactsPage *self,
                                    gint64           select_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  AplContactSegment *shown = current_segment (self);
  GPtrArray *segments = NULL;
  guint selected = 0;

  if (select_id == 0 && shown != NULL)
    select_id = shown->id;
  if (self->book != NULL)
    {
      segments = apl_contact_book_list_segments (self->book, &error);
      if (segments == NULL)
        _apl_contacts_page_show_error (self, error->message);
    }
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = segments != NULL ? segments
                                    : g_ptr_array_new_with_free_func ((GDestroyNotify) apl_contact_segment_free);

  gtk_string_list_append (names, _("All Contacts"));
  g_menu_remove_all (self->add_to_menu);
  for (guint i = 0; i < self->segments->len; i++)
    {
      AplContactSegment *segment = g_ptr_array_index (self->segments, i);

      gtk_string_list_append (names, segment->name);
      if (segment->id == select_id)
        selected = i + 1;
      if (segment->filter == NULL)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (segment->name, NULL);

          g_menu_item_set_action_and_target_value (item, "contacts.add-to-segment",
                                                   g_variant_new_int64 (segment->id));
          g_menu_append_item (self->add_to_menu, item);
        }
    }

  /* Setting the model fires notify::selected: filter once, below. */
  g_signal_handlers_block_matched (self->segment_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->segment_dropdown, selected);
  g_signal_handlers_unblock_matched (self->segment_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  _apl_contacts_page_segments_update (self);
}

static void
segment_selected_cb (GtkDropDown     *dropdown,
                     GParamSpec      *pspec,
                     AplContactsPage *self)
{
  _apl_contacts_page_apply_filter (self);
  _apl_contacts_page_segments_update (self);
}

/* Asking for a name */

typedef void (*NameFunc) (AplContactsPage *self,
                          const char      *name);

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AplContactsPage  *self)
{
  NameFunc func = g_object_get_data (G_OBJECT (dialog), "func");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "save") == 0)
    func (self, gtk_editable_get_text (entry));
}

static void
ask_name (AplContactsPage *self,
          const char      *heading,
          const char      *body,
          const char      *initial,
          const char      *save_label,
          NameFunc         func)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body));
  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segment name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "save", save_label);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Creating */

static void
create_from_selection (AplContactsPage *self,
                       const char      *name)
{
  g_autoptr(AplContact) contact = apl_contacts_page_get_selected (self);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (contact == NULL)
    return;
  id = apl_contact_book_create_segment (self->book, name, NULL, &error);
  if (id == 0 || !apl_contact_book_add_to_segment (self->book, id, contact, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      if (id != 0)
        apl_contact_book_delete_segment (self->book, id, NULL);
      return;
    }
  _apl_contacts_page_segments_reload (self, id);
  _apl_contacts_page_apply_filter (self);
}

static void
create_from_filter (AplContactsPage *self,
                    const char      *name)
{
  g_autoptr(GError) error = NULL;
  const AplContactFilter *filter;
  gint64 id;

  if (self->list == NULL)
    return;
  /* What the list shows now; a hand-picked segment shown is not part of
   * a filter. */
  filter = apl_contact_list_get_filter (self->list);
  id = apl_contact_book_create_segment (self->book, name, filter, &error);
  if (id == 0)
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->stale_toggle, FALSE);
  gtk_toggle_button_set_active (self->dnc_toggle, FALSE);
  _apl_contacts_page_segments_reload (self, id);
  _apl_contacts_page_apply_filter (self);
}

static void
segment_from_selection_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (*name != '\0')
    create_from_selection (self, name);
  else
    ask_name (self, _("New Segment"), _("A hand-picked list, starting with the selected contact."), "",
              _("C_reate"), create_from_selection);
}

static void
segment_from_filter_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (*name != '\0')
    create_from_filter (self, name);
  else
    ask_name (self, _("New Segment"),
              _("The contacts the current search and filters find, today and whenever the segment is used."),
              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), _("C_reate"), create_from_filter);
}

static void
add_to_segment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(AplContact) contact = apl_contacts_page_get_selected (self);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (contact == NULL)
    return;
  for (guint i = 0; i < self->segments->len; i++)
    {
      AplContactSegment *segment = g_ptr_array_index (self->segments, i);

      if (segment->id != id)
        continue;
      if (!apl_contact_book_add_to_segment (self->book, id, contact, &error))
        _apl_contacts_page_show_error (self, error->message);
      else
        {
          g_autofree char *title = g_strdup_printf (_("“%s” added to “%s”"), apl_contact_get_name (contact),
                                                    segment->name);

          _apl_contacts_page_show_toast (self, title, NULL);
          if (current_segment (self) == segment)
            _apl_contacts_page_apply_filter (self);
        }
      return;
    }
}

/* Renaming and deleting */

static void
rename_current (AplContactsPage *self,
                const char      *name)
{
  AplContactSegment *segment = current_segment (self);
  g_autoptr(GError) error = NULL;

  if (segment == NULL)
    return;
  if (!apl_contact_book_rename_segment (self->book, segment->id, name, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  _apl_contacts_page_segments_reload (self, segment->id);
}

static void
rename_segment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  AplContactSegment *segment = current_segment (self);
  const char *name = g_variant_get_string (parameter, NULL);

  if (segment == NULL)
    return;
  if (*name != '\0')
    rename_current (self, name);
  else
    ask_name (self, _("Rename Segment"), NULL, segment->name, _("_Rename"), rename_current);
}

static void
delete_segment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  AplContactSegment *segment = current_segment (self);
  g_autoptr(GArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (segment == NULL)
    return;
  /* Kept for Undo: the segment as it is, and its members. */
  members = segment->filter == NULL ? apl_contact_book_segment_members (self->book, segment->id, &error)
                                    : g_array_new (FALSE, FALSE, sizeof (gint64));
  if (members == NULL || !apl_contact_book_delete_segment (self->book, segment->id, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->deleted_segment, apl_contact_segment_free);
  g_clear_pointer (&self->deleted_members, g_array_unref);
  self->deleted_segment = g_new0 (AplContactSegment, 1);
  self->deleted_segment->id = segment->id;
  self->deleted_segment->name = g_strdup (segment->name);
  self->deleted_segment->filter = g_strdup (segment->filter);
  self->deleted_members = g_steal_pointer (&members);
  title = g_strdup_printf (_("Segment “%s” deleted"), segment->name);

  gtk_drop_down_set_selected (self->segment_dropdown, 0);
  _apl_contacts_page_segments_reload (self, 0);
  _apl_contacts_page_apply_filter (self);
  _apl_contacts_page_show_toast (self, title, "contacts.undo-delete-segment");
}

static void
undo_delete_segment_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(AplContactSegment) segment = g_steal_pointer (&self->deleted_segment);
  g_autoptr(GArray) members = g_steal_pointer (&self->deleted_members);
  g_autoptr(GError) error = NULL;

  if (segment == NULL)
    return;
  if (!apl_contact_book_restore_segment (self->book, segment, members, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  _apl_contacts_page_segments_reload (self, segment->id);
  _apl_contacts_page_apply_filter (self);
}

/* Export */

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    AplContactsPage *self)
{
  AplContactSegment *segment = current_segment (self);

  if (response == GTK_RESPONSE_ACCEPT && segment != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      const char *include = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "do-not-contact");
      g_autoptr(AplContactFilter) filter = NULL;
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GError) error = NULL;
      AplContactFormat format = apl_contact_format_from_path (path);
      guint written = 0, excluded = 0;

      if (format == APL_CONTACT_FORMAT_AUTO)
        format = APL_CONTACT_FORMAT_VCARD;
      /* The segment itself, whatever the list shows around it; the
       * do-not-contact entries are counted, and left out unless asked. */
      filter = apl_contact_book_segment_filter (self->book, segment, &error);
      if (filter != NULL)
        {
          filter->include_do_not_contact = TRUE;
          ids = apl_contact_book_query (self->book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
        }
      if (ids != NULL)
        stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
      if (stream == NULL
          || !apl_contact_book_export (self->book, ids, format, g_strcmp0 (include, "true") == 0,
                                       G_OUTPUT_STREAM (stream), &written, &excluded, NULL, &error)
          || !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
        _apl_contacts_page_show_error (self, error->message);
      else
        {
          g_autofree char *title = excluded > 0
            ? g_strdup_printf (_("Exported %u contacts of “%s”; %u marked do-not-contact left out"), written,
                               segment->name, excluded)
            : g_strdup_printf (_("Exported %u contacts of “%s”"), written, segment->name);

          _apl_contacts_page_show_toast (self, title, NULL);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_segment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  AplContactSegment *segment = current_segment (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (segment == NULL)
    return;
  gtk_file_filter_set_name (filter, _("vCard or CSV files"));
  gtk_file_filter_add_pattern (filter, "*.vcf");
  gtk_file_filter_add_pattern (filter, "*.csv");
  chooser = gtk_file_chooser_native_new (_("Export Segment"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "do-not-contact",
                               _("Include the contacts marked do-not-contact"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "do-not-contact", "false");
  name = g_strdup_printf ("%s.vcf", segment->name);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Set-up */

void
_apl_contacts_page_segments_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child_full (widget_class, "add_to_submenu", FALSE,
                                             G_STRUCT_OFFSET (AplContactsPage, add_to_menu));
  gtk_widget_class_install_action (widget_class, "contacts.segment-from-selection", "s",
                                   segment_from_selection_action);
  gtk_widget_class_install_action (widget_class, "contacts.segment-from-filter", "s", segment_from_filter_action);
  gtk_widget_class_install_action (widget_class, "contacts.add-to-segment", "x", add_to_segment_action);
  gtk_widget_class_install_action (widget_class, "contacts.rename-segment", "s", rename_segment_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete-segment", NULL, delete_segment_action);
  gtk_widget_class_install_action (widget_class, "contacts.undo-delete-segment", NULL, undo_delete_segment_action);
  gtk_widget_class_install_action (widget_class, "contacts.export-segment", NULL, export_segment_action);
}

void
_apl_contacts_page_segments_init (AplContactsPage *self)
{
  _apl_contacts_page_segments_reload (self, 0);
  g_signal_connect (self->segment_dropdown, "notify::selected", G_CALLBACK (segment_selected_cb), self);
}

void
_apl_contacts_page_segments_dispose (AplContactsPage *self)
{
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->deleted_segment, apl_contact_segment_free);
  g_clear_pointer (&self->deleted_members, g_array_unref);
}
