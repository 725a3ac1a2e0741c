/* apl-contact-outlets.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outlets as their own records: the newspaper, channel or podcast a
 * contact works for, with its type, audience and region. Contacts name
 * their outlet; the outlet's details are edited here, once for all its
 * contacts.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-private.h"

#define LINE_MAX_BYTES 2000
/* More people than live on Earth is a typing error. */
#define REACH_MAX G_GINT64_CONSTANT (10000000000)

static const char * const outlet_types[] = {
  "newspaper", "tv", "radio", "online", "agency", "trade-press", "newsletter", "podcast", "other", NULL
};

void
apl_contact_outlet_free (AplContactOutlet *outlet)
{
  if (outlet == NULL)
    return;
  g_free (outlet->name);
  g_free (outlet->type);
  g_free (outlet->region);
  g_free (outlet);
}

/**
 * apl_contact_outlet_types:
 *
 * Returns: (transfer none): the outlet type keys, %NULL-terminated
 */
const char * const *
apl_contact_outlet_types (void)
{
  return outlet_types;
}

/**
 * apl_contact_outlet_type_get_label:
 *
 * Returns: the type's name for the user, or @type itself when unknown
 */
const char *
apl_contact_outlet_type_get_label (const char *type)
{
  const char * const labels[] = {
    C_("outlet type", "Newspaper"), C_("outlet type", "TV"), C_("outlet type", "Radio"),
    C_("outlet type", "Online"), C_("outlet type", "Agency"), C_("outlet type", "Trade Press"),
    C_("outlet type", "Newsletter"), C_("outlet type", "Podcast"), C_("outlet type", "Other"),
  };

  for (guint i = 0; outlet_types[i] != NULL; i++)
    if (g_strcmp0 (type, outlet_types[i]) == 0)
      return labels[i];
  return type;
}

/**
 * apl_contact_book_find_outlet:
 * @name: the outlet's name, as a contact names it (case ignored)
 *
 * Returns: (transfer full) (nullable): the outlet, or %NULL with @error set
 */
AplContactOutlet *
apl_contact_book_find_outlet (AplContactBook  *self,
                              const char      *name,
                              GError         **error)
{
  AplContactOutlet *outlet = NULL;
  AplStore *store;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  store = apl_contact_book_get_store (self);
  if (store == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return NULL;
    }
  _apl_contact_book_lock (self);
  ok = _apl_store_load_contact_outlet (store, name ? name : "", &outlet, error);
  _apl_contact_book_unlock (self);
  return ok ? outlet : NULL;
}

/**
 * apl_contact_book_update_outlet:
 * @type: one of apl_contact_outlet_types()
 * @reach: the audience, or -1 when unknown
 * @region: (nullable): where it publishes
 *
 * Changes an outlet's details, for every contact that works for it.
 * Invalid values are refused with %APL_STORE_ERROR_INVALID and change
 * nothing.
 */
gboolean
apl_contact_book_update_outlet (AplContactBook  *self,
                                gint64           outlet_id,
                                const char      *type,
                                gint64           reach,
                                const char      *region,
                                GError         **error)
{
  g_autofree char *clean_region = NULL;
  AplContactOutlet outlet = { 0 };
  AplStore *store;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);

  store = apl_contact_book_get_store (self);
  if (store == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (type == NULL || !g_strv_contains (outlet_types, type))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not a type of outlet (newspaper, TV, radio, online, agency, trade press, newsletter, podcast or other)."),
                   type ? type : "");
      return FALSE;
    }
  if (reach < -1 || reach > REACH_MAX)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("The reach is a number of people, from 0 to 10 000 000 000."));
      return FALSE;
    }
  if (region == NULL)
    region = "";
  if (!g_utf8_validate (region, -1, NULL) || strlen (region) > LINE_MAX_BYTES)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The region is too long."));
      return FALSE;
    }
  clean_region = g_strstrip (g_strdelimit (g_strdup (region), "\r\n\t", ' '));

  outlet.id = outlet_id;
  outlet.type = (char *) type;
  outlet.reach = reach;
  outlet.region = clean_region;
  _apl_contact_book_lock (self);
  ok = _apl_store_write_contact_outlet (store, &outlet, error);
  _apl_contact_book_unlock (self);
  return ok;
}
