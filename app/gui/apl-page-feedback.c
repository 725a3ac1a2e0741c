/* apl-page-feedback.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a page of the window answers an edit, the same way on every page: a
 * refused value is marked where it was typed and kept there, a failure the
 * field cannot show goes to the window, and a deletion offers Undo.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-page-feedback.h"
#include "apl-window.h"

/**
 * apl_page_show_error:
 * @page: any widget inside the window
 *
 * Tells the user, in the window's toast, that something was not saved.
 */
void
apl_page_show_error (GtkWidget    *page,
                     const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (page);

  if (APL_IS_WINDOW (root))
    apl_window_show_error (APL_WINDOW (root), error->message);
  else
    g_warning ("%s", error->message);
}

/**
 * apl_page_mark_field:
 * @field: the widget the value was typed in
 * @error: (nullable): why the value was refused; %NULL clears the mark
 *
 * Marks @field (style and accessible description) with the reason a value
 * was refused; errors other than a refused value (a full disk) also reach
 * the window.
 */
void
apl_page_mark_field (GtkWidget    *page,
                     GtkWidget    *field,
                     const GError *error)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  gtk_widget_add_css_class (field, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error->message, -1);
  if (!g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID))
    apl_page_show_error (page, error);
}

/**
 * apl_page_clear_list:
 *
 * Removes the rows of @list, keeping its placeholder.
 */
void
apl_page_clear_list (GtkListBox *list)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static void
undo_clicked_cb (AdwToast  *toast,
                 GtkWidget *page)
{
  AplUndoFunc undo = g_object_get_data (G_OBJECT (toast), "undo");
  AplStore *store = g_object_get_data (G_OBJECT (toast), "store");
  gpointer object = g_object_get_data (G_OBJECT (toast), "object");
  g_autoptr(GError) error = NULL;

  if (!undo (store, object, &error))
    apl_page_show_error (page, error);
}

/**
 * apl_page_offer_undo:
 * @title: what was deleted, in a sentence
 * @object: the deleted record, kept alive by the toast
 * @undo: the store function that brings @object back
 *
 * Deletions offer Undo in a toast rather than asking first.
 */
void
apl_page_offer_undo (GtkWidget   *page,
                     AplStore    *store,
                     const char  *title,
                     gpointer     object,
                     AplUndoFunc  undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (page, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  g_return_if_fail (APL_IS_STORE (store));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "object", g_object_ref (object), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "store", g_object_ref (store), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "undo", undo);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), page, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
