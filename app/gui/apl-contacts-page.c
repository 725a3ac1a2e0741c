/* apl-contacts-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace's media and influencer contacts: a list that stays smooth
 * at 100 000 rows (search, filters and sorting run in SQLite; only the
 * rows on screen become objects), the selected contact's details, the
 * review of stale contacts, and import and export.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "apl-application.h"
#include "apl-contact-import-dialog.h"
#include "apl-contacts-page-private.h"

G_DEFINE_FINAL_TYPE (AplContactsPage, apl_contacts_page, GTK_TYPE_WIDGET)

/* Which column a sort probe met first: see sorter_changed_cb(). */
static int probed_column = -1;

/* The fields of the detail panel, in the order shown, by group. */
static const AplContactField identity_fields[] = {
  APL_CONTACT_FIELD_NAME, APL_CONTACT_FIELD_KIND, APL_CONTACT_FIELD_OUTLET, APL_CONTACT_FIELD_ROLE,
  APL_CONTACT_FIELD_BEATS, APL_CONTACT_FIELD_LANGUAGES, APL_CONTACT_FIELD_REGION, APL_CONTACT_FIELD_COUNTRY,
};
static const AplContactField reach_fields[] = {
  APL_CONTACT_FIELD_EMAILS, APL_CONTACT_FIELD_PHONES, APL_CONTACT_FIELD_SOCIALS, APL_CONTACT_FIELD_WEBSITE,
  APL_CONTACT_FIELD_REACH,
};
static const AplContactField relation_fields[] = {
  APL_CONTACT_FIELD_RELATIONSHIP, APL_CONTACT_FIELD_OWNER, APL_CONTACT_FIELD_LAST_CONTACTED,
  APL_CONTACT_FIELD_LAST_VERIFIED, APL_CONTACT_FIELD_NOTES,
};
static const AplContactField consent_fields[] = {
  APL_CONTACT_FIELD_DO_NOT_CONTACT, APL_CONTACT_FIELD_DNC_REASON, APL_CONTACT_FIELD_LAWFUL_BASIS,
  APL_CONTACT_FIELD_SOURCE,
};

/* Helpers */

void
_apl_contacts_page_show_toast (AplContactsPage *self,
                               const char      *title,
                               const char      *undo_action)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_apl_contacts_page_show_error (AplContactsPage *self,
                               const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Lists are kept one item a line; in a one-line row they read better
 * separated by semicolons, which the store splits on again. */
static gboolean
is_list_field (AplContactField field)
{
  return field == APL_CONTACT_FIELD_EMAILS || field == APL_CONTACT_FIELD_PHONES
         || field == APL_CONTACT_FIELD_SOCIALS;
}

static char *
field_for_display (AplContact      *contact,
                   AplContactField  field)
{
  const char *value = apl_contact_get_field (contact, field);
  g_auto(GStrv) items = NULL;

  if (!is_list_field (field))
    return g_strdup (value);
  items = g_strsplit (value, "\n", -1);
  return g_strjoinv ("; ", items);
}

static void ensure_list (AplContactsPage *self);

/* The label, with the stale count as last counted: typing a search
 * changes what is shown, not how many contacts are stale. */
static void
update_shown_count (AplContactsPage *self)
{
  g_autofree char *text = NULL;
  gint64 n_stale = self->n_stale;
  guint n;

  if (self->list == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact shown", "%u contacts shown", n), n);
  if (n_stale > 0)
    {
      g_autofree char *both = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d stale", "%s · %d stale",
                                                            (gulong) n_stale),
                                               text, (int) n_stale);

      gtk_label_set_text (self->count_label, both);
    }
  else
    gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.review-stale", n_stale > 0);
}

/* Counts the stale contacts again (a query over the whole book), after
 * anything that may have changed them. */
static void
update_count (AplContactsPage *self)
{
  g_autoptr(AplContactFilter) stale = NULL;

  if (self->list == NULL)
    return;
  stale = apl_contact_filter_new ();
  stale->stale_only = TRUE;
  self->n_stale = apl_contact_book_count (self->book, stale, NULL);
  update_shown_count (self);
}

/* Detail panel */

static void
mark_row (GtkWidget *row,
          gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
fill_row (AplContactsPage *self,
          AplContactField  field)
{
  GtkWidget *row = self->rows[field];
  g_autofree char *text = NULL;

  if (row == NULL || self->shown == NULL)
    return;

  self->filling = TRUE;
  if (field == APL_CONTACT_FIELD_KIND)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), apl_contact_get_kind (self->shown));
  else if (field == APL_CONTACT_FIELD_RELATIONSHIP)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), apl_contact_get_relationship (self->shown));
  else if (field == APL_CONTACT_FIELD_DO_NOT_CONTACT)
    gtk_switch_set_active (GTK_SWITCH (g_object_get_data (G_OBJECT (row), "switch")),
                           apl_contact_get_do_not_contact (self->shown));
  else
    {
      text = field_for_display (self->shown, field);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      mark_row (row, FALSE);
    }
  if (field == APL_CONTACT_FIELD_LAST_VERIFIED)
    mark_row (row, apl_contact_get_stale (self->shown));
  if (field == APL_CONTACT_FIELD_OUTLET)
    gtk_widget_set_sensitive (self->outlet_button, *apl_contact_get_outlet (self->shown) != '\0');
  self->filling = FALSE;
}

static void
shown_notify_cb (AplContact      *contact,
                 GParamSpec      *pspec,
                 AplContactsPage *self)
{
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    if (g_strcmp0 (pspec->name, apl_contact_field_to_string (i)) == 0)
      fill_row (self, i);
}

static void
show_contact (AplContactsPage *self,
              AplContact      *contact)
{
  if (self->shown == contact)
    return;
  if (self->shown != NULL)
    {
      g_clear_signal_handler (&self->shown_notify_id, self->shown);
      g_clear_object (&self->shown);
    }
  if (contact == NULL)
    {
      apl_contact_log_group_set_contact (self->log_group, self->book, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  self->shown = g_object_ref (contact);
  self->shown_notify_id = g_signal_connect (contact, "notify", G_CALLBACK (shown_notify_cb), self);
  /* Logged by the user named in Preferences, unless changed. */
  if (APL_IS_APPLICATION (g_application_get_default ()))
    {
      g_autofree char *user = g_settings_get_string (
        apl_application_get_settings (APL_APPLICATION (g_application_get_default ())), "user-name");

      apl_contact_log_group_set_by_whom (self->log_group, user);
    }
  apl_contact_log_group_set_contact (self->log_group, self->book, contact);
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    fill_row (self, i);
  gtk_stack_set_visible_child_name (self->detail_stack, "contact");
}

static void
write_field (AplContactsPage *self,
             GtkWidget       *row,
             AplContactField  field,
             const char      *value)
{
  g_autoptr(GError) error = NULL;

  if (self->shown == NULL || self->filling)
    return;
  if (!apl_contact_set_field (self->shown, field, value, &error))
    {
      /* The row keeps what the user typed, marked, until corrected. */
      mark_row (row, TRUE);
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  mark_row (row, field == APL_CONTACT_FIELD_LAST_VERIFIED && apl_contact_get_stale (self->shown));
  if (field == APL_CONTACT_FIELD_DO_NOT_CONTACT || field == APL_CONTACT_FIELD_LAST_VERIFIED)
    update_count (self);
}

static void
entry_apply_cb (AdwEntryRow     *row,
                AplContactsPage *self)
{
  AplContactField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));

  write_field (self, GTK_WIDGET (row), field, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
combo_selected_cb (AdwComboRow     *row,
                   GParamSpec      *pspec,
                   AplContactsPage *self)
{
  AplContactField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  write_field (self, GTK_WIDGET (row), field,
               field == APL_CONTACT_FIELD_KIND ? apl_contact_kind_to_string (selected)
                                               : apl_contact_relationship_to_string (selected));
}

static void
switch_active_cb (GtkSwitch       *sw,
                  GParamSpec      *pspec,
                  AplContactsPage *self)
{
  write_field (self, g_object_get_data (G_OBJECT (sw), "row"), APL_CONTACT_FIELD_DO_NOT_CONTACT,
               gtk_switch_get_active (sw) ? "1" : "0");
}

static void
outlet_popover_show_cb (AplContactsPage *self)
{
  if (self->shown != NULL)
    apl_outlet_popover_set_outlet (self->outlet_popover, self->book, apl_contact_get_outlet (self->shown));
}

static void
log_deleted_cb (AplContactLogGroup *group,
                const char         *summary,
                AplContactsPage    *self)
{
  g_autofree char *title = g_strdup_printf (_("Log entry “%s” deleted"), summary);

  _apl_contacts_page_show_toast (self, title, "contacts.undo-delete-interaction");
}

static void
log_failed_cb (AplContactLogGroup *group,
               const char         *message,
               AplContactsPage    *self)
{
  _apl_contacts_page_show_error (self, message);
}

static void
undo_delete_interaction_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!apl_contact_log_group_undo_delete (self->log_group, &error))
    _apl_contacts_page_show_error (self, error->message);
}

static GtkWidget *
make_row (AplContactsPage *self,
          AplContactField  field)
{
  GtkWidget *row;

  if (field == APL_CONTACT_FIELD_KIND || field == APL_CONTACT_FIELD_RELATIONSHIP)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      guint n = field == APL_CONTACT_FIELD_KIND ? APL_CONTACT_N_KINDS : APL_CONTACT_N_RELATIONSHIPS;

      for (guint i = 0; i < n; i++)
        gtk_string_list_append (labels, field == APL_CONTACT_FIELD_KIND ? apl_contact_kind_get_label (i)
                                                                        : apl_contact_relationship_get_label (i));
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
    }
  else if (field == APL_CONTACT_FIELD_DO_NOT_CONTACT)
    {
      GtkWidget *sw = gtk_switch_new ();

      row = adw_action_row_new ();
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Left out of exports and audiences"));
      g_object_set_data (G_OBJECT (row), "switch", sw);
      g_object_set_data (G_OBJECT (sw), "row", row);
      g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), self);
    }
  else
    {
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (entry_apply_cb), self);
    }
  if (field == APL_CONTACT_FIELD_OUTLET)
    {
      /* The outlet's own details, shared by all its contacts. */
      self->outlet_popover = APL_OUTLET_POPOVER (apl_outlet_popover_new ());
      self->outlet_button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->outlet_button), "document-properties-symbolic");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->outlet_button), GTK_WIDGET (self->outlet_popover));
      gtk_widget_set_valign (self->outlet_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->outlet_button, "flat");
      gtk_widget_set_tooltip_text (self->outlet_button, _("The outlet’s type, reach and region"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->outlet_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Outlet Details"), -1);
      g_signal_connect_swapped (self->outlet_popover, "show", G_CALLBACK (outlet_popover_show_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), self->outlet_button);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), apl_contact_field_get_label (field));
  g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (field));
  self->rows[field] = row;
  return row;
}

static void
add_group (AplContactsPage       *self,
           const char            *title,
           const AplContactField *fields,
           guint                  n_fields)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < n_fields; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_row (self, fields[i]));
  gtk_box_append (self->detail_box, group);
}

/* Selection */

static void
selection_changed_cb (AplContactsPage *self)
{
  g_autoptr(AplContact) contact = NULL;

  if (self->selection != NULL)
    {
      gpointer item = gtk_single_selection_get_selected_item (self->selection);

      if (item != NULL)
        contact = g_object_ref (item);
    }
  /* During a review, the panel shows the contact under review. */
  if (self->review_ids == NULL)
    show_contact (self, contact);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete", contact != NULL);
  _apl_contacts_page_segments_update (self);
}

/* Filters and sorting */

void
_apl_contacts_page_apply_filter (AplContactsPage *self)
{
  g_autoptr(AplContactFilter) filter = NULL;

  if (self->list == NULL)
    return;
  filter = apl_contact_filter_new ();
  /* A segment's filter, then what is typed and toggled on top of it. */
  _apl_contacts_page_segment_filter (self, filter);
  {
    const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
    char *search = filter->search != NULL && *filter->search != '\0' && *typed != '\0'
      ? g_strjoin (" ", filter->search, typed, NULL)
      : g_strdup (filter->search != NULL && *filter->search != '\0' ? filter->search : typed);

    g_free (filter->search);
    filter->search = search;
  }
  filter->stale_only |= gtk_toggle_button_get_active (self->stale_toggle);
  filter->include_do_not_contact |= gtk_toggle_button_get_active (self->dnc_toggle);
  apl_contact_list_set_filter (self->list, filter);
  update_shown_count (self);
}

static void
search_changed_cb (AplContactsPage *self)
{
  _apl_contacts_page_apply_filter (self);
}

static void
filter_toggled_cb (AplContactsPage *self)
{
  _apl_contacts_page_apply_filter (self);
}

/* Each column carries a sorter that never sorts anything itself: it only
 * tells which column the view asks first, and in which direction. The
 * list then sorts in SQL; a GtkSortListModel would have to make an object
 * of every one of 100 000 rows. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      column)
{
  if (probed_column < 0)
    probed_column = GPOINTER_TO_INT (column);
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   AplContactsPage *self)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  if (self->list == NULL)
    return;
  probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_column < 0 || order == GTK_ORDERING_EQUAL)
    apl_contact_list_set_sort (self->list, APL_CONTACT_SORT_NAME, FALSE);
  else
    apl_contact_list_set_sort (self->list, probed_column, order == GTK_ORDERING_LARGER);
}

static GtkListItemFactory *
label_factory (const char *property,
               gboolean    stale_mark)
{
  g_autofree char *ui = NULL;
  g_autofree char *stale = g_markup_escape_text (_("Stale: not verified recently"), -1);
  g_autofree char *mark = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  if (stale_mark)
    mark = g_strdup_printf (
      "        <child>"
      "          <object class='GtkImage'>"
      "            <property name='icon-name'>dialog-warning-symbolic</property>"
      "            <property name='tooltip-text'>%s</property>"
      "            <accessibility><property name='label'>%s</property></accessibility>"
      "            <style><class name='warning'/></style>"
      "            <binding name='visible'>"
      "              <lookup name='stale' type='AplContact'><lookup name='item'>GtkListItem</lookup></lookup>"
      "            </binding>"
      "          </object>"
      "        </child>", stale, stale);
  else
    mark = g_strdup ("");

  /* Bound through expressions, so an edit in the detail panel shows in
   * its row at once. */
  ui = g_strdup_printf (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<interface>"
    "  <template class='GtkListItem'>"
    "    <property name='child'>"
    "      <object class='GtkBox'>"
    "        <property name='spacing'>6</property>"
    "        <child>"
    "          <object class='GtkLabel'>"
    "            <property name='xalign'>0</property>"
    "            <property name='ellipsize'>end</property>"
    "            <property name='hexpand'>True</property>"
    "            <binding name='label'>"
    "              <lookup name='%s' type='AplContact'><lookup name='item'>GtkListItem</lookup></lookup>"
    "            </binding>"
    "          </object>"
    "        </child>"
    "%s"
    "      </object>"
    "    </property>"
    "  </template>"
    "</interface>",
    property,
    mark);
  len = strlen (ui);
  bytes = g_bytes_new_take (g_steal_pointer (&ui), len);
  return gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
}

static void
add_column (AplContactsPage *self,
            AplContactSort   sort,
            const char      *title,
            const char      *property,
            gboolean         expand)
{
  g_autoptr(GtkListItemFactory) factory = label_factory (property, sort == APL_CONTACT_SORT_LAST_VERIFIED);
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (sort), NULL));

  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->column_view, column);
  self->columns[sort] = column;
  g_object_unref (column);
}

/* Review of stale contacts */

static void
review_show_current (AplContactsPage *self)
{
  g_autoptr(AplContact) contact = NULL;
  g_autofree char *text = NULL;

  while (self->review_ids != NULL && self->review_index < self->review_ids->len && contact == NULL)
    {
      contact = apl_contact_book_find (self->book, g_array_index (self->review_ids, gint64, self->review_index), NULL);
      if (contact == NULL)
        self->review_index++;
    }
  if (contact == NULL)
    {
      g_clear_pointer (&self->review_ids, g_array_unref);
      gtk_revealer_set_reveal_child (self->review_revealer, FALSE);
      _apl_contacts_page_show_toast (self, _("All stale contacts reviewed"), NULL);
      selection_changed_cb (self);
      update_count (self);
      return;
    }
  text = g_strdup_printf (_("Stale contact %u of %u: are these details still right?"),
                          self->review_index + 1, self->review_ids->len);
  gtk_label_set_text (self->review_label, text);
  gtk_revealer_set_reveal_child (self->review_revealer, TRUE);
  show_contact (self, contact);
}

static void
review_stale_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GError) error = NULL;

  filter->stale_only = TRUE;
  g_clear_pointer (&self->review_ids, g_array_unref);
  self->review_ids = apl_contact_book_query (self->book, filter, APL_CONTACT_SORT_LAST_VERIFIED, FALSE, &error);
  if (self->review_ids == NULL)
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  self->review_index = 0;
  review_show_current (self);
}

static void
still_right_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->shown == NULL)
    return;
  if (!apl_contact_mark_verified (self->shown, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  if (self->review_ids != NULL)
    {
      self->review_index++;
      review_show_current (self);
    }
  update_count (self);
}

static void
review_skip_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);

  if (self->review_ids == NULL)
    return;
  self->review_index++;
  review_show_current (self);
}

static void
review_stop_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);

  g_clear_pointer (&self->review_ids, g_array_unref);
  gtk_revealer_set_reveal_child (self->review_revealer, FALSE);
  selection_changed_cb (self);
}

static void
review_edit_clicked_cb (AplContactsPage *self)
{
  if (self->rows[APL_CONTACT_FIELD_NAME] != NULL)
    gtk_widget_grab_focus (self->rows[APL_CONTACT_FIELD_NAME]);
}

/* Add and delete */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (self->book == NULL)
    return;
  contact = apl_contact_book_create (self->book, _("New contact"), &error);
  if (contact == NULL)
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  position = apl_contact_list_find (self->list, apl_contact_get_id (contact));
  if (position != G_MAXUINT)
    apl_contacts_page_select (self, position);
  else
    show_contact (self, contact);
  if (self->rows[APL_CONTACT_FIELD_NAME] != NULL)
    gtk_widget_grab_focus (self->rows[APL_CONTACT_FIELD_NAME]);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *segments = NULL;
  g_autofree char *plans = NULL;
  guint in_segments = 0;
  guint in_plans = 0;

  contact = apl_contacts_page_get_selected (self);
  if (contact == NULL)
    return;
  if (!apl_contact_book_delete (self->book, contact, &in_segments, &in_plans, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  g_set_object (&self->deleted, contact);
  /* Said at once, with Undo: the contact may be someone a plan counts on. */
  if (in_segments > 0)
    segments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u segment", "in %u segments", in_segments),
                                in_segments);
  if (in_plans > 0)
    plans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "in the audiences of %u plan",
                                          "in the audiences of %u plans", in_plans),
                             in_plans);
  if (segments != NULL && plans != NULL)
    /* Translators: "“Name” deleted; it was in 2 segments and in the audiences of 1 plan" */
    title = g_strdup_printf (_("“%s” deleted; it was %s and %s"), apl_contact_get_name (contact), segments, plans);
  else if (segments != NULL || plans != NULL)
    /* Translators: "“Name” deleted; it was in 2 segments" */
    title = g_strdup_printf (_("“%s” deleted; it was %s"), apl_contact_get_name (contact),
                             segments != NULL ? segments : plans);
  else
    title = g_strdup_printf (_("“%s” deleted"), apl_contact_get_name (contact));
  _apl_contacts_page_show_toast (self, title, "contacts.undo-delete");
  update_count (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  g_autoptr(AplContact) contact = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;
  guint position;

  if (contact == NULL)
    return;
  if (!apl_contact_book_undelete (self->book, contact, &error))
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  position = apl_contact_list_find (self->list, apl_contact_get_id (contact));
  if (position != G_MAXUINT)
    apl_contacts_page_select (self, position);
  update_count (self);
}

/* Import */

typedef struct
{
  AplContactsPage         *page;   /* strong */
  char                    *path;
  int                     *columns;
  AplContactImportOptions  options;
  AplContactImportReport   report;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_object_unref (job->page);
  g_free (job->path);
  g_free (job->columns);
  if (job->report.problems != NULL)
    apl_contact_import_report_clear (&job->report);
  g_free (job);
}

static gboolean
progress_tick_cb (gpointer data)
{
  AplContactsPage *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* Runs in the worker thread: only stores a number for the main thread. */
static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  AplContactsPage *self = user_data;

  g_atomic_int_set (&self->progress_permille, total > 0 ? (int) MIN (1000, done * 1000 / total) : 0);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  GError *error = NULL;

  if (apl_contact_book_import_file (job->page->book, job->path, &job->options, &job->report,
                                    import_progress_cb, job->page, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_busy (AplContactsPage *self,
          gboolean         busy,
          const char      *label)
{
  /* The import writes on its own connection and holds the workspace's
   * write lock until it ends: an edit here would wait for it, so the list
   * and the detail panel wait; the window and Cancel stay live. */
  gtk_widget_set_sensitive (self->toolbar, !busy);
  gtk_widget_set_sensitive (self->paned, !busy);
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  if (label != NULL)
    gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_atomic_int_set (&self->progress_permille, 0);
  if (busy && self->progress_source == 0)
    self->progress_source = g_timeout_add (100, progress_tick_cb, self);
  else if (!busy)
    g_clear_handle_id (&self->progress_source, g_source_remove);
}

static void start_import (AplContactsPage *self,
                          const char      *path,
                          gboolean         dry_run,
                          gboolean         skip_bad);
static void run_import   (AplContactsPage      *self,
                          const char           *path,
                          const int            *columns,
                          guint                 n_columns,
                          AplContactDuplicates  duplicates,
                          gboolean              dry_run,
                          gboolean              skip_bad);

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AplContactsPage  *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "path"));

  if (g_strcmp0 (response, "import") == 0)
    start_import (self, path, FALSE, FALSE);
  else if (g_strcmp0 (response, "import-good") == 0)
    start_import (self, path, FALSE, TRUE);
}

static void
show_preview (AplContactsPage *self,
              ImportJob       *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u new contact", "%u new contacts", job->report.created),
                          job->report.created);
  g_string_append (body, "\n");
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u merged into an existing contact",
                                             "%u merged into existing contacts", job->report.merged),
                          job->report.merged);
  if (job->report.bad > 0)
    {
      g_string_append (body, "\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u record could not be read:",
                                                 "%u records could not be read:", job->report.bad),
                              job->report.bad);
      for (guint i = 0; i < job->report.problems->len && i < 5; i++)
        g_string_append_printf (body, "\n%s", (const char *) g_ptr_array_index (job->report.problems, i));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       NULL, body->str));
  adw_message_dialog_format_heading (dialog, _("Import “%s”?"), name);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (job->report.bad > 0)
    adw_message_dialog_add_response (dialog, "import-good", _("Import the _Good Records"));
  else
    adw_message_dialog_add_response (dialog, "import", _("_Import"));
  adw_message_dialog_set_response_appearance (dialog, job->report.bad > 0 ? "import-good" : "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, job->report.bad > 0 ? "import-good" : "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (job->path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE, NULL);
  g_clear_object (&self->import_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _apl_contacts_page_show_toast (self, _("Import cancelled: the contact book is as it was"), NULL);
      else if (job->options.dry_run && job->report.bad > 0 && job->report.problems != NULL)
        show_preview (self, job);
      else
        _apl_contacts_page_show_error (self, error->message);
      return;
    }

  if (job->options.dry_run)
    {
      show_preview (self, job);
      return;
    }

  /* The worker could not tell the lists: the main thread does. */
  _apl_contact_book_imported (self->book);
  {
    g_autofree char *title =
      g_strdup_printf (_("Imported %u new contacts, merged %u"), job->report.created, job->report.merged);

    _apl_contacts_page_show_toast (self, title, NULL);
  }
  update_count (self);
}

static void
start_import (AplContactsPage *self,
              const char      *path,
              gboolean         dry_run,
              gboolean         skip_bad)
{
  run_import (self, path, NULL, 0, APL_CONTACT_DUPLICATES_MERGE, dry_run, skip_bad);
}

static void
run_import (AplContactsPage      *self,
            const char           *path,
            const int            *columns,
            guint                 n_columns,
            AplContactDuplicates  duplicates,
            gboolean              dry_run,
            gboolean              skip_bad)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->page = g_object_ref (self);
  job->path = g_strdup (path);
  job->options.dry_run = dry_run;
  /* The preview counts every bad record instead of stopping at one. */
  job->options.skip_bad_records = dry_run || skip_bad;
  job->options.duplicates = duplicates;
  if (columns != NULL)
    {
      job->columns = g_memdup2 (columns, sizeof (int) * n_columns);
      job->options.columns = job->columns;
      job->options.n_columns = n_columns;
      job->options.format = APL_CONTACT_FORMAT_CSV;
    }

  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  set_busy (self, TRUE, dry_run ? _("Reading the file…") : _("Importing…"));

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
cancel_clicked_cb (AplContactsPage *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
mapping_import_cb (AplContactImportDialog *dialog,
                   AplContactsPage        *self)
{
  guint n_columns = 0;
  const int *columns = apl_contact_import_dialog_get_columns (dialog, &n_columns);

  run_import (self, apl_contact_import_dialog_get_path (dialog), columns, n_columns,
              apl_contact_import_dialog_get_duplicates (dialog), FALSE,
              apl_contact_import_dialog_get_skip_bad (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    AplContactsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      /* A CSV file goes through the column-mapping step; a vCard has its
       * own field names and goes straight to the preview of its counts. */
      if (path != NULL)
        apl_contacts_page_import_file (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
contacts_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Contacts (vCard, CSV)"));
  gtk_file_filter_add_pattern (filter, "*.vcf");
  gtk_file_filter_add_pattern (filter, "*.vcard");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = contacts_filter ();

  if (self->book == NULL || self->import_cancellable != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Contacts"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export */

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    AplContactsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      AplContactFormat format = apl_contact_format_from_path (path);
      guint written = 0, excluded = 0;

      if (format == APL_CONTACT_FORMAT_AUTO)
        format = APL_CONTACT_FORMAT_VCARD;
      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
      if (stream == NULL
          || !apl_contact_book_export (self->book, apl_contact_list_get_ids (self->list), format, FALSE,
                                       G_OUTPUT_STREAM (stream), &written, &excluded, NULL, &error)
          || !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
        _apl_contacts_page_show_error (self, error->message);
      else
        {
          g_autofree char *title = excluded > 0
            ? g_strdup_printf (_("Exported %u contacts; %u marked do-not-contact left out"), written, excluded)
            : g_strdup_printf (_("Exported %u contacts"), written);

          _apl_contacts_page_show_toast (self, title, NULL);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = contacts_filter ();

  if (self->book == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Contacts"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("contacts.vcf"));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (APL_CONTACTS_PAGE (widget)->search_entry));
}

/* GObject */

static void
apl_contacts_page_dispose (GObject *object)
{
  AplContactsPage *self = APL_CONTACTS_PAGE (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  show_contact (self, NULL);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->deleted);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->review_ids, g_array_unref);
  _apl_contacts_page_segments_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_CONTACTS_PAGE);
  G_OBJECT_CLASS (apl_contacts_page_parent_class)->dispose (object);
}

static void
apl_contacts_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (apl_contacts_page_parent_class)->map (widget);
  ensure_list (APL_CONTACTS_PAGE (widget));
}

static void
apl_contacts_page_class_init (AplContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_contacts_page_dispose;
  widget_class->map = apl_contacts_page_map;

  g_type_ensure (APL_TYPE_CONTACT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-contacts-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, segments_button);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, stale_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, dnc_toggle);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, review_content);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, review_revealer);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, review_label);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AplContactsPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_edit_clicked_cb);

  gtk_widget_class_install_action (widget_class, "contacts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contacts.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "contacts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "contacts.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "contacts.review-stale", NULL, review_stale_action);
  gtk_widget_class_install_action (widget_class, "contacts.still-right", NULL, still_right_action);
  gtk_widget_class_install_action (widget_class, "contacts.review-skip", NULL, review_skip_action);
  gtk_widget_class_install_action (widget_class, "contacts.review-stop", NULL, review_stop_action);
  gtk_widget_class_install_action (widget_class, "contacts.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "contacts.undo-delete-interaction", NULL,
                                   undo_delete_interaction_action);
  _apl_contacts_page_segments_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contacts.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "contacts.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "contacts.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "contacts.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "contacts.focus-search", NULL);
}

static void
apl_contacts_page_init (AplContactsPage *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, APL_CONTACT_SORT_NAME, _("Name"), "name", TRUE);
  add_column (self, APL_CONTACT_SORT_OUTLET, _("Outlet"), "outlet", TRUE);
  add_column (self, APL_CONTACT_SORT_KIND, _("Kind"), "kind-label", FALSE);
  add_column (self, APL_CONTACT_SORT_BEATS, _("Beats"), "beats", TRUE);
  add_column (self, APL_CONTACT_SORT_RELATIONSHIP, _("Relationship"), "relationship-label", FALSE);
  add_column (self, APL_CONTACT_SORT_LAST_VERIFIED, _("Last Verified"), "last-verified", FALSE);
  /* Shown sorted by name, as the list is. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[APL_CONTACT_SORT_NAME], GTK_SORT_ASCENDING);
  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);

  add_group (self, _("Contact"), identity_fields, G_N_ELEMENTS (identity_fields));
  add_group (self, _("Reaching Them"), reach_fields, G_N_ELEMENTS (reach_fields));
  add_group (self, _("Relationship"), relation_fields, G_N_ELEMENTS (relation_fields));
  add_group (self, _("Consent"), consent_fields, G_N_ELEMENTS (consent_fields));
  self->log_group = APL_CONTACT_LOG_GROUP (apl_contact_log_group_new ());
  g_signal_connect (self->log_group, "deleted", G_CALLBACK (log_deleted_cb), self);
  g_signal_connect (self->log_group, "failed", G_CALLBACK (log_failed_cb), self);
  gtk_box_append (self->detail_box, GTK_WIDGET (self->log_group));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.review-stale", FALSE);
  _apl_contacts_page_segments_init (self);
}

/* Public API */

/**
 * apl_contacts_page_set_store:
 *
 * The contact book is the workspace's, not a plan's: the page is given
 * the store once and shows the same book whatever plan is selected.
 */
void
apl_contacts_page_set_store (AplContactsPage *self,
                             AplStore        *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (APL_IS_CONTACTS_PAGE (self));

  if (self->store == store)
    return;
  self->store = store;
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  show_contact (self, NULL);
  if (self->book != NULL)
    g_settings_unbind (self->book, "stale-months");
  self->book = NULL;
  if (store == NULL)
    return;

  self->book = apl_contact_book_get (store, &error);
  if (self->book == NULL)
    {
      _apl_contacts_page_show_error (self, error->message);
      return;
    }
  /* The stale period is a preference; the book re-runs the lists when it
   * changes. */
  if (APL_IS_APPLICATION (g_application_get_default ()))
    g_settings_bind (apl_application_get_settings (APL_APPLICATION (g_application_get_default ())),
                     "stale-months", self->book, "stale-months", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->book, "notify::stale-months", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->book, "changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->book, "contact-removed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  /* The list (a query over every contact) is read when the page is first
   * shown, not while the window is built: most sessions start elsewhere. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_list (self);
}

/* Fills the list from the book, once the page is shown or asked for it. */
static void
ensure_list (AplContactsPage *self)
{
  if (self->book == NULL || self->list != NULL)
    return;
  self->list = apl_contact_list_new (self->book);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->list, "notify::n-items", G_CALLBACK (update_shown_count), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  _apl_contacts_page_segments_reload (self, 0);
  _apl_contacts_page_apply_filter (self);
  update_count (self);
  /* The selection picked a first row before anyone listened. */
  selection_changed_cb (self);
}

/**
 * apl_contacts_page_import_file:
 * @path: a vCard or CSV file
 *
 * What choosing a file in the import dialog does: a CSV file opens the
 * column-mapping step, a vCard file is read and its counts shown.
 *
 * Returns: (transfer none) (nullable): the column-mapping window, when
 * one opened
 */
GtkWindow *
apl_contacts_page_import_file (AplContactsPage *self,
                               const char      *path)
{
  g_autoptr(GError) error = NULL;
  AplContactImportDialog *dialog;

  g_return_val_if_fail (APL_IS_CONTACTS_PAGE (self), NULL);

  if (self->book == NULL || self->import_cancellable != NULL)
    return NULL;
  if (apl_contact_format_from_path (path) != APL_CONTACT_FORMAT_CSV)
    {
      start_import (self, path, TRUE, FALSE);
      return NULL;
    }
  dialog = apl_contact_import_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->book, path,
                                          &error);
  if (dialog == NULL)
    {
      _apl_contacts_page_show_error (self, error->message);
      return NULL;
    }
  g_signal_connect_object (dialog, "import", G_CALLBACK (mapping_import_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/**
 * apl_contacts_page_set_plan:
 *
 * The book does not depend on the plan; kept so the window treats every
 * page alike.
 */
void
apl_contacts_page_set_plan (AplContactsPage *self,
                            AplPlan         *plan)
{
  g_return_if_fail (APL_IS_CONTACTS_PAGE (self));
}

/**
 * apl_contacts_page_get_list:
 *
 * Returns: (transfer none) (nullable): the list the page shows
 */
AplContactList *
apl_contacts_page_get_list (AplContactsPage *self)
{
  g_return_val_if_fail (APL_IS_CONTACTS_PAGE (self), NULL);
  ensure_list (self);
  return self->list;
}

/**
 * apl_contacts_page_get_selected:
 *
 * Returns: (transfer full) (nullable): the selected contact
 */
AplContact *
apl_contacts_page_get_selected (AplContactsPage *self)
{
  gpointer item;

  g_return_val_if_fail (APL_IS_CONTACTS_PAGE (self), NULL);
  ensure_list (self);
  if (self->selection == NULL)
    return NULL;
  item = gtk_single_selection_get_selected_item (self->selection);
  return item ? g_object_ref (item) : NULL;
}

void
apl_contacts_page_select (AplContactsPage *self,
                          guint            position)
{
  g_return_if_fail (APL_IS_CONTACTS_PAGE (self));
  ensure_list (self);
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, position);
}

GtkColumnView *
apl_contacts_page_get_column_view (AplContactsPage *self)
{
  g_return_val_if_fail (APL_IS_CONTACTS_PAGE (self), NULL);
  ensure_list (self);
  return self->column_view;
}
