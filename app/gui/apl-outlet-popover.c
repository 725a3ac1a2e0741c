/* apl-outlet-popover.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An outlet's type, reach and region, edited from the detail panel of one
 * of its contacts. The outlet is shared: saving changes it for all of its
 * contacts, which the Save button says. A value the store refuses stays as
 * typed, its field marked, with the reason under the fields.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-outlet-popover.h"

struct _AplOutletPopover
{
  GtkPopover        parent_instance;

  GtkLabel         *title_label;
  GtkDropDown      *type_dropdown;
  GtkEntry         *reach_entry;
  GtkEntry         *region_entry;
  GtkLabel         *error_label;
  GtkWidget        *save_button;

  AplContactBook   *book;
  AplContactOutlet *outlet;
};

G_DEFINE_FINAL_TYPE (AplOutletPopover, apl_outlet_popover, GTK_TYPE_POPOVER)

static void
show_problem (AplOutletPopover *self,
              GtkWidget        *field,
              const char       *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->reach_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->region_entry), "error");
  if (field != NULL)
    gtk_widget_add_css_class (field, "error");
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
save_clicked_cb (AplOutletPopover *self)
{
  if (apl_outlet_popover_save (self))
    gtk_popover_popdown (GTK_POPOVER (self));
}

/* GObject */

static void
apl_outlet_popover_dispose (GObject *object)
{
  AplOutletPopover *self = APL_OUTLET_POPOVER (object);

  g_clear_object (&self->book);
  g_clear_pointer (&self->outlet, apl_contact_outlet_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_OUTLET_POPOVER);
  G_OBJECT_CLASS (apl_outlet_popover_parent_class)->dispose (object);
}

static void
apl_outlet_popover_class_init (AplOutletPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_outlet_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-outlet-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AplOutletPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, AplOutletPopover, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AplOutletPopover, reach_entry);
  gtk_widget_class_bind_template_child (widget_class, AplOutletPopover, region_entry);
  gtk_widget_class_bind_template_child (widget_class, AplOutletPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, AplOutletPopover, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
apl_outlet_popover_init (AplOutletPopover *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char * const *types = apl_contact_outlet_types ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; types[i] != NULL; i++)
    gtk_string_list_append (labels, apl_contact_outlet_type_get_label (types[i]));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (labels));
  gtk_popover_set_default_widget (GTK_POPOVER (self), self->save_button);
}

/* Public API */

GtkWidget *
apl_outlet_popover_new (void)
{
  return g_object_new (APL_TYPE_OUTLET_POPOVER, NULL);
}

/**
 * apl_outlet_popover_set_outlet:
 * @name: the outlet a contact names
 *
 * Fills the fields from the workspace.
 *
 * Returns: whether there is such an outlet
 */
gboolean
apl_outlet_popover_set_outlet (AplOutletPopover *self,
                               AplContactBook   *book,
                               const char       *name)
{
  const char * const *types = apl_contact_outlet_types ();
  g_autoptr(GError) error = NULL;
  g_autofree char *reach = NULL;

  g_return_val_if_fail (APL_IS_OUTLET_POPOVER (self), FALSE);

  g_set_object (&self->book, book);
  g_clear_pointer (&self->outlet, apl_contact_outlet_free);
  show_problem (self, NULL, NULL);
  if (book == NULL || name == NULL || *name == '\0')
    return FALSE;
  self->outlet = apl_contact_book_find_outlet (book, name, &error);
  if (self->outlet == NULL)
    {
      show_problem (self, NULL, error->message);
      return FALSE;
    }
  gtk_label_set_text (self->title_label, self->outlet->name);
  for (guint i = 0; types[i] != NULL; i++)
    if (g_strcmp0 (types[i], self->outlet->type) == 0)
      gtk_drop_down_set_selected (self->type_dropdown, i);
  reach = self->outlet->reach >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, self->outlet->reach) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->reach_entry), reach);
  gtk_editable_set_text (GTK_EDITABLE (self->region_entry), self->outlet->region);
  return TRUE;
}

/**
 * apl_outlet_popover_save:
 *
 * What the Save button does.
 *
 * Returns: whether the outlet was saved; otherwise the field at fault is
 * marked and the reason shown
 */
gboolean
apl_outlet_popover_save (AplOutletPopover *self)
{
  const char * const *types = apl_contact_outlet_types ();
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *reach_text = NULL;
  gint64 reach = -1;

  g_return_val_if_fail (APL_IS_OUTLET_POPOVER (self), FALSE);
  if (self->outlet == NULL || selected >= g_strv_length ((char **) types))
    return FALSE;

  /* "120 000", "1.2M", "45k": read as a contact's reach is. */
  reach_text = apl_contact_normalize_field (APL_CONTACT_FIELD_REACH,
                                            gtk_editable_get_text (GTK_EDITABLE (self->reach_entry)), &error);
  if (reach_text == NULL)
    {
      show_problem (self, GTK_WIDGET (self->reach_entry), error->message);
      return FALSE;
    }
  if (*reach_text != '\0')
    reach = g_ascii_strtoll (reach_text, NULL, 10);
  if (!apl_contact_book_update_outlet (self->book, self->outlet->id, types[selected], reach,
                                       gtk_editable_get_text (GTK_EDITABLE (self->region_entry)), &error))
    {
      show_problem (self, g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID)
                            ? GTK_WIDGET (self->reach_entry) : NULL,
                    error->message);
      return FALSE;
    }
  show_problem (self, NULL, NULL);
  return TRUE;
}
