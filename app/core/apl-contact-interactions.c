/* apl-contact-interactions.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interaction log of a contact: what was said, when, how and by whom.
 * Logging an interaction moves the contact's "last contacted" date
 * forward; deleting the latest one moves it back. A deletion hands back
 * the entry, so that an Undo puts it back as it was, with its id.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-private.h"

#define LINE_MAX_BYTES 2000
#define SUMMARY_MAX_BYTES (64 * 1024)

void
apl_contact_interaction_free (AplContactInteraction *interaction)
{
  if (interaction == NULL)
    return;
  g_free (interaction->date);
  g_free (interaction->channel);
  g_free (interaction->summary);
  g_free (interaction->by_whom);
  g_free (interaction);
}

static gboolean
check_book (AplContactBook  *self,
            AplContact      *contact,
            GError         **error)
{
  if (apl_contact_book_get_store (self) == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (_apl_contact_get_book (contact) != self)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The contact no longer exists."));
      return FALSE;
    }
  return TRUE;
}

/* One line of at most LINE_MAX_BYTES, trimmed. */
static char *
clean_line (const char  *text,
            const char  *what,
            GError     **error)
{
  char *line;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > LINE_MAX_BYTES)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The text for “%s” is too long."), what);
      return NULL;
    }
  line = g_strdup (text);
  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return g_strstrip (line);
}

/* Tells the contact object and those showing it. */
static void
apply_last_contacted (AplContact *contact,
                      const char *date)
{
  _apl_contact_apply_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED, date, NULL);
}

/**
 * apl_contact_book_list_interactions:
 *
 * Returns: (transfer full) (element-type AplContactInteraction): the
 * contact's log, newest first, or %NULL with @error set
 */
GPtrArray *
apl_contact_book_list_interactions (AplContactBook  *self,
                                    AplContact      *contact,
                                    GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_contact_interaction_free);
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);
  g_return_val_if_fail (APL_IS_CONTACT (contact), NULL);

  if (!check_book (self, contact, error))
    return NULL;
  _apl_contact_book_lock (self);
  ok = _apl_store_list_contact_interactions (apl_contact_book_get_store (self), apl_contact_get_id (contact),
                                             list, error);
  _apl_contact_book_unlock (self);
  return ok ? g_steal_pointer (&list) : NULL;
}

/**
 * apl_contact_book_add_interaction:
 * @date: (nullable): when, as the user wrote it (YYYY-MM-DD, DD/MM/YYYY…);
 *   %NULL or empty for today
 * @channel: (nullable): how
 * @summary: what was said, not empty
 * @by_whom: (nullable): who spoke to the contact
 *
 * Logs an interaction; the contact's last-contacted date moves to @date
 * when it is later.
 *
 * Returns: the new entry's id, or 0 with @error set
 */
gint64
apl_contact_book_add_interaction (AplContactBook  *self,
                                  AplContact      *contact,
                                  const char      *date,
                                  const char      *channel,
                                  const char      *summary,
                                  const char      *by_whom,
                                  GError         **error)
{
  g_autoptr(AplContactInteraction) interaction = g_new0 (AplContactInteraction, 1);
  g_autofree char *last_contacted = NULL;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), 0);
  g_return_val_if_fail (APL_IS_CONTACT (contact), 0);

  if (!check_book (self, contact, error))
    return 0;

  if (date == NULL || *date == '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      interaction->date = g_date_time_format (now, "%Y-%m-%d");
    }
  else
    {
      interaction->date = apl_contact_normalize_field (APL_CONTACT_FIELD_LAST_CONTACTED, date, error);
      if (interaction->date == NULL)
        return 0;
    }
  interaction->channel = clean_line (channel, _("Channel"), error);
  if (interaction->channel == NULL)
    return 0;
  interaction->by_whom = clean_line (by_whom, _("By"), error);
  if (interaction->by_whom == NULL)
    return 0;
  if (summary == NULL || !g_utf8_validate (summary, -1, NULL) || strlen (summary) > SUMMARY_MAX_BYTES)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The text of the entry is too long."));
      return 0;
    }
  interaction->summary = g_strstrip (g_strdup (summary));
  if (*interaction->summary == '\0')
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("Write what was said: an entry of the log needs it."));
      return 0;
    }
  interaction->contact_id = apl_contact_get_id (contact);

  _apl_contact_book_lock (self);
  ok = _apl_store_insert_contact_interaction (apl_contact_book_get_store (self), interaction, &last_contacted, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return 0;
  apply_last_contacted (contact, last_contacted);
  return interaction->id;
}

/**
 * apl_contact_book_delete_interaction:
 *
 * Deletes an entry of the contact's log.
 *
 * Returns: (transfer full) (nullable): the deleted entry, for
 * apl_contact_book_restore_interaction() (Undo), or %NULL with @error set
 */
AplContactInteraction *
apl_contact_book_delete_interaction (AplContactBook  *self,
                                     AplContact      *contact,
                                     gint64           interaction_id,
                                     GError         **error)
{
  AplContactInteraction *deleted = NULL;
  g_autofree char *last_contacted = NULL;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);
  g_return_val_if_fail (APL_IS_CONTACT (contact), NULL);

  if (!check_book (self, contact, error))
    return NULL;
  _apl_contact_book_lock (self);
  ok = _apl_store_delete_contact_interaction (apl_contact_book_get_store (self), apl_contact_get_id (contact),
                                              interaction_id, &deleted, &last_contacted, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return NULL;
  apply_last_contacted (contact, last_contacted);
  return deleted;
}

/**
 * apl_contact_book_restore_interaction:
 * @interaction: an entry apl_contact_book_delete_interaction() returned
 *
 * Puts a deleted entry back, with its id (Undo).
 */
gboolean
apl_contact_book_restore_interaction (AplContactBook               *self,
                                      AplContact                   *contact,
                                      const AplContactInteraction  *interaction,
                                      GError                      **error)
{
  AplContactInteraction copy = *interaction;
  g_autofree char *last_contacted = NULL;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  g_return_val_if_fail (APL_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (interaction->contact_id == apl_contact_get_id (contact), FALSE);

  if (!check_book (self, contact, error))
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_insert_contact_interaction (apl_contact_book_get_store (self), &copy, &last_contacted, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return FALSE;
  apply_last_contacted (contact, last_contacted);
  return TRUE;
}
