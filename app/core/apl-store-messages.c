/* apl-store-messages.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's message templates, their version history and the values of a
 * plan's placeholders. Every change is one transaction, and the objects
 * change only once it has committed.
 *
 * Versions: every saved change lands in a version. To keep the history a
 * list of drafts rather than of keystrokes, a change by the same author
 * less than APL_MESSAGE_VERSION_WINDOW_SECONDS after the latest version's
 * last save is folded into that version (its saved_at moves on, its text
 * becomes the current one). A different author, a pause, or a restore
 * starts a new version; a restored version is never folded into, so the
 * history always shows the restore itself.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-approvals-private.h"
#include "apl-message-private.h"
#include "apl-store-db.h"
#include "apl-text.h"

#define LISTS_KEY  "apl-message-lists"
#define PURGED_KEY "apl-messages-purged"

/* Words of a search beyond this many are ignored. */
#define MAX_SEARCH_WORDS 8

static GDateTime *(*clock_func) (void);

static const char * const standard_names[] = {
  "organisation", "website", "hotline", "spokesperson", "incident", "date", "time", "next_update", NULL,
};

/* Indexed by AplMessageField. The search text is rewritten with every
 * field: computing it is cheap, and one statement shape keeps this simple. */
static const char * const update_sql[APL_MESSAGE_N_FIELDS] = {
  "UPDATE messages SET title = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET scenario = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET phase = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET audience = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET channel = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET language = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET subject = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
  "UPDATE messages SET body = ?1, search_text = ?2, updated_at = ?3 WHERE id = ?4 AND deleted_at IS NULL",
};

#define MESSAGE_SELECT \
  "SELECT id, plan_id, variant_group, title, scenario, phase, audience, channel, language, " \
  "       subject, body, updated_at FROM messages "

#define INSERT_VERSION \
  "INSERT INTO message_versions (message_id, number, kind, restored_from, author, created_at, saved_at, " \
  "                              title, scenario, phase, audience, channel, language, subject, body) " \
  "SELECT id, ?2, ?3, ?4, ?5, ?6, ?6, title, scenario, phase, audience, channel, language, subject, body " \
  "FROM messages WHERE id = ?1"

/* Clock */

void
apl_messages_set_clock (GDateTime *(*now) (void))
{
  clock_func = now;
}

GDateTime *
_apl_messages_now (void)
{
  return clock_func != NULL ? clock_func () : g_date_time_new_now_utc ();
}

char *
_apl_messages_now_iso (void)
{
  g_autoptr(GDateTime) now = _apl_messages_now ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static char *
make_search_text (const char * const *fields)
{
  g_autofree char *joined = g_strjoin ("\n", fields[APL_MESSAGE_FIELD_TITLE],
                                       fields[APL_MESSAGE_FIELD_SUBJECT],
                                       fields[APL_MESSAGE_FIELD_BODY], NULL);

  return apl_text_fold (joined);
}

static GHashTable *
get_lists (AplStore *self)
{
  GHashTable *lists = g_object_get_data (G_OBJECT (self), LISTS_KEY);

  if (lists == NULL)
    {
      lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      g_object_set_data_full (G_OBJECT (self), LISTS_KEY, lists, (GDestroyNotify) g_hash_table_unref);
    }
  return lists;
}

static AplMessage *
message_from_row (AplStore     *self,
                  sqlite3_stmt *stmt)
{
  const char *fields[APL_MESSAGE_N_FIELDS];

  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    fields[i] = column_text (stmt, 3 + i);

  return _apl_message_new (self, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                           column_text (stmt, 2), fields, column_text (stmt, 11));
}

static void
copy_fields (AplMessage  *message,
             const char **fields)
{
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    fields[i] = apl_message_get_field (message, i);
}

static gboolean
purge_deleted (AplStore  *self,
               GError   **error)
{
  sqlite3_stmt *stmt;

  if (g_object_get_data (G_OBJECT (self), PURGED_KEY) != NULL)
    return TRUE;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, "DELETE FROM messages WHERE deleted_at IS NOT NULL", error);
  if (stmt == NULL || !_apl_store_step_done (self, stmt, error))
    {
      _apl_store_rollback (self);
      return FALSE;
    }
  if (!_apl_store_commit (self, error))
    return FALSE;

  g_object_set_data (G_OBJECT (self), PURGED_KEY, GINT_TO_POINTER (1));
  return TRUE;
}

/* Deletions from an earlier session can no longer be undone: erase them
 * the first time this session looks at messages. Lists leave out deleted
 * messages anyway, so they may leave the erasing for after the workspace
 * check (@may_wait); a search must not find them, so it does not. */
static gboolean
purge_deleted_once (AplStore  *self,
                    gboolean   may_wait,
                    GError   **error)
{
  return may_wait ? _apl_store_when_checked (self, purge_deleted, error) : purge_deleted (self, error);
}

static GListStore *
load_list (AplStore  *self,
           gint64     plan_id,
           GError   **error)
{
  GHashTable *lists = get_lists (self);
  GListStore *list = g_hash_table_lookup (lists, &plan_id);
  sqlite3_stmt *stmt;
  gint64 *key;
  int rc;

  if (list != NULL)
    return list;

  if (!purge_deleted_once (self, TRUE, error))
    return NULL;

  stmt = _apl_store_prepare (self, MESSAGE_SELECT "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  list = g_list_store_new (APL_TYPE_MESSAGE);
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AplMessage) message = message_from_row (self, stmt);

      g_list_store_append (list, message);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_object_unref (list);
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  key = g_new (gint64, 1);
  *key = plan_id;
  g_hash_table_insert (lists, key, list);
  return list;
}

static gboolean
find_in_list (GListStore *list,
              gint64      id,
              guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (apl_message_get_id (item) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Keeps the list in creation order when an undeleted message comes back. */
static void
insert_sorted (GListStore *list,
               AplMessage *message)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (apl_message_get_id (item) > apl_message_get_id (message))
        break;
    }
  g_list_store_insert (list, i, message);
}

static gboolean
insert_version (AplStore       *self,
                gint64          message_id,
                guint           number,
                const char     *kind,
                guint           restored_from,
                const char     *author,
                const char     *now,
                GError        **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self, INSERT_VERSION, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_int64 (stmt, 2, number);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  if (restored_from > 0)
    sqlite3_bind_int64 (stmt, 4, restored_from);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return _apl_store_step_done (self, stmt, error);
}

static gint64
seconds_between (const char *earlier,
                 const char *later)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (earlier, NULL);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (later, NULL);

  if (a == NULL || b == NULL)
    return G_MAXINT64;
  return g_date_time_difference (b, a) / G_TIME_SPAN_SECOND;
}

/* Folds the change into the latest version or starts a new one (see the
 * comment at the top of the file). */
static gboolean
record_version (AplStore    *self,
                gint64       message_id,
                const char  *author,
                const char  *now,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 version_id = 0;
  guint number = 0;
  gboolean fold = FALSE;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT id, number, kind, author, saved_at FROM message_versions "
                             "WHERE message_id = ?1 ORDER BY number DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 elapsed = seconds_between (column_text (stmt, 4), now);

      version_id = sqlite3_column_int64 (stmt, 0);
      number = (guint) sqlite3_column_int64 (stmt, 1);
      fold = g_strcmp0 (column_text (stmt, 2), "restored") != 0
             && g_strcmp0 (column_text (stmt, 3), author) == 0
             && elapsed >= 0 && elapsed < APL_MESSAGE_VERSION_WINDOW_SECONDS
             && !_apl_store_approval_seals_version (self, message_id, number);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!fold)
    return insert_version (self, message_id, number + 1, "edited", 0, author, now, error);

  stmt = _apl_store_prepare (self,
                             "UPDATE message_versions SET saved_at = ?2, title = m.title, scenario = m.scenario, "
                             "       phase = m.phase, audience = m.audience, channel = m.channel, "
                             "       language = m.language, subject = m.subject, body = m.body "
                             "FROM (SELECT * FROM messages WHERE id = ?1) AS m "
                             "WHERE message_versions.id = ?3",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, version_id);
  return _apl_store_step_done (self, stmt, error);
}

/* Messages */

/**
 * apl_store_get_messages:
 *
 * Returns: (transfer none): a #GListModel of the plan's #AplMessage, in
 * creation order, kept up to date by the store
 */
GListModel *
apl_store_get_messages (AplStore  *self,
                        AplPlan   *plan,
                        GError   **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  return (GListModel *) load_list (self, apl_plan_get_id (plan), error);
}

/**
 * apl_store_find_message:
 *
 * Returns: (transfer full): the message with this id, if it and its plan
 * exist
 */
AplMessage *
apl_store_find_message (AplStore  *self,
                        gint64     id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 plan_id = 0;
  GListStore *list;
  guint position;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  stmt = _apl_store_prepare (self, "SELECT plan_id FROM messages WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      plan_id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  if (plan_id == 0 || apl_store_find_plan (self, plan_id) == NULL
      || (list = load_list (self, plan_id, NULL)) == NULL
      || !find_in_list (list, id, &position))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("There is no message %lld."), (long long) id);
      return NULL;
    }

  return g_list_model_get_item (G_LIST_MODEL (list), position);
}

/**
 * apl_store_add_message:
 * @fields: (nullable) (array fixed-size=APL_MESSAGE_N_FIELDS): the new
 *   message's fields; %NULL entries take a default (the plan's language, a
 *   press release, a holding statement)
 * @variant_group: (nullable): the group of messages this one is a variant
 *   of; %NULL for a message of its own
 * @author: who creates it, for the version history
 *
 * Returns: (transfer full): the new message, already in the plan's list
 */
AplMessage *
apl_store_add_message (AplStore           *self,
                       AplPlan            *plan,
                       const char * const *fields,
                       const char         *variant_group,
                       const char         *author,
                       GError            **error)
{
  g_autofree char *group = NULL;
  g_autofree char *now = NULL;
  g_autofree char *title = NULL;
  g_autofree char *search_text = NULL;
  const char *values[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplMessage *message;
  GListStore *list;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  list = load_list (self, apl_plan_get_id (plan), error);
  if (list == NULL)
    return NULL;

  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    values[i] = fields != NULL && fields[i] != NULL ? fields[i] : "";
  if (*values[APL_MESSAGE_FIELD_TITLE] == '\0')
    values[APL_MESSAGE_FIELD_TITLE] = _("Untitled message");
  if (*values[APL_MESSAGE_FIELD_PHASE] == '\0')
    values[APL_MESSAGE_FIELD_PHASE] = apl_phase_get_key (APL_PHASE_HOLDING_STATEMENT);
  if (*values[APL_MESSAGE_FIELD_CHANNEL] == '\0')
    values[APL_MESSAGE_FIELD_CHANNEL] = apl_channel_get_key (APL_CHANNEL_PRESS_RELEASE);
  if (*values[APL_MESSAGE_FIELD_LANGUAGE] == '\0')
    values[APL_MESSAGE_FIELD_LANGUAGE] = apl_plan_get_language (plan);

  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    if (!apl_message_validate_field (i, values[i], error))
      return NULL;
  title = g_strstrip (g_strdup (values[APL_MESSAGE_FIELD_TITLE]));
  values[APL_MESSAGE_FIELD_TITLE] = title;

  group = variant_group != NULL ? g_strdup (variant_group) : g_uuid_string_random ();
  if (strlen (group) != 36)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The message could not be linked to its variants."));
      return NULL;
    }
  now = _apl_messages_now_iso ();
  search_text = make_search_text (values);

  if (!_apl_store_begin (self, error))
    return NULL;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO messages (plan_id, variant_group, title, scenario, phase, audience, "
                             "                      channel, language, subject, body, search_text, "
                             "                      created_at, updated_at) "
                             "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12 "
                             "FROM plans WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  sqlite3_bind_text (stmt, 2, group, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    sqlite3_bind_text (stmt, 3 + i, values[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, search_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan “%s” no longer exists."), apl_plan_get_title (plan));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (_apl_store_get_db (self));

  if (!insert_version (self, id, 1, "created", 0, author ? author : "", now, error))
    goto fail;

  if (!_apl_store_commit (self, error))
    return NULL;

  message = _apl_message_new (self, id, apl_plan_get_id (plan), group, values, now);
  g_list_store_append (list, message);
  return message;

fail:
  _apl_store_rollback (self);
  return NULL;
}

/**
 * apl_store_add_variant:
 * @message: the message to copy
 * @language: the variant's language
 * @channel: the variant's channel
 *
 * Copies @message as a variant in another language or channel, linked to
 * it. The text is copied as it is, ready to be translated or shortened.
 *
 * Returns: (transfer full): the variant
 */
AplMessage *
apl_store_add_variant (AplStore    *self,
                       AplMessage  *message,
                       const char  *language,
                       AplChannel   channel,
                       const char  *author,
                       GError     **error)
{
  const char *fields[APL_MESSAGE_N_FIELDS];
  g_autoptr(GPtrArray) variants = NULL;
  AplPlan *plan;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_MESSAGE (message), NULL);
  g_return_val_if_fail (channel < APL_N_CHANNELS, NULL);

  plan = apl_store_find_plan (self, apl_message_get_plan_id (message));
  if (plan == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The plan no longer exists."));
      return NULL;
    }

  variants = apl_store_get_variants (self, message, error);
  if (variants == NULL)
    return NULL;
  for (guint i = 0; i < variants->len; i++)
    {
      AplMessage *variant = g_ptr_array_index (variants, i);

      if (g_strcmp0 (apl_message_get_language (variant), language) == 0
          && apl_message_get_channel (variant) == channel)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("This message already has a variant in “%s” for %s: “%s”."),
                       language, apl_channel_get_name (channel), apl_message_get_title (variant));
          return NULL;
        }
    }

  copy_fields (message, fields);
  fields[APL_MESSAGE_FIELD_LANGUAGE] = language;
  fields[APL_MESSAGE_FIELD_CHANNEL] = apl_channel_get_key (channel);
  if (!apl_channel_has_subject (channel))
    fields[APL_MESSAGE_FIELD_SUBJECT] = "";

  return apl_store_add_message (self, plan, fields, apl_message_get_variant_group (message), author, error);
}

static gboolean
set_message_deleted (AplStore    *self,
                     AplMessage  *message,
                     gboolean     deleted,
                     GError     **error)
{
  g_autofree char *now = _apl_messages_now_iso ();
  GListStore *list;
  sqlite3_stmt *stmt;
  guint position;

  list = load_list (self, apl_message_get_plan_id (message), error);
  if (list == NULL)
    return FALSE;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             deleted
                             ? "UPDATE messages SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL"
                             : "UPDATE messages SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, apl_message_get_id (message));
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      if (deleted)
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                     _("The message “%s” no longer exists."), apl_message_get_title (message));
      else
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                     _("The message “%s” can no longer be restored."), apl_message_get_title (message));
      goto fail;
    }

  if (!_apl_store_commit (self, error))
    return FALSE;

  if (deleted && find_in_list (list, apl_message_get_id (message), &position))
    g_list_store_remove (list, position);
  else if (!deleted)
    insert_sorted (list, message);
  return TRUE;

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/**
 * apl_store_delete_message:
 *
 * Takes the message out of its plan's list. It stays in the workspace,
 * hidden, until the next session, so apl_store_undelete_message() can
 * bring it back with its history.
 */
gboolean
apl_store_delete_message (AplStore    *self,
                          AplMessage  *message,
                          GError     **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);

  return set_message_deleted (self, message, TRUE, error);
}

gboolean
apl_store_undelete_message (AplStore    *self,
                            AplMessage  *message,
                            GError     **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);

  return set_message_deleted (self, message, FALSE, error);
}

/**
 * apl_store_search_messages:
 *
 * Finds the plan's messages that match every word of @query's text (in
 * title, subject or body, ignoring case and accents: “securite” finds
 * “Sécurité”) and its filters.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in creation order
 */
GArray *
apl_store_search_messages (AplStore               *self,
                           AplPlan                *plan,
                           const AplMessageQuery  *query,
                           GError                **error)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GArray *ids;
  sqlite3_stmt *stmt;
  guint n_words = 0;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* Deleted messages of an earlier session must not come back in a search. */
  if (!purge_deleted_once (self, FALSE, error))
    return NULL;

  folded = apl_text_fold (query->text ? query->text : "");
  words = g_strsplit_set (g_strstrip (folded), " \t\n\r", -1);

  stmt = _apl_store_prepare (self,
                             "SELECT id FROM messages "
                             "WHERE plan_id = ?1 AND deleted_at IS NULL "
                             "  AND (?2 IS NULL OR channel = ?2) "
                             "  AND (?3 IS NULL OR language = ?3) "
                             "  AND (?4 IS NULL OR phase = ?4) "
                             "  AND instr (search_text, ?5) > 0 AND instr (search_text, ?6) > 0 "
                             "  AND instr (search_text, ?7) > 0 AND instr (search_text, ?8) > 0 "
                             "  AND instr (search_text, ?9) > 0 AND instr (search_text, ?10) > 0 "
                             "  AND instr (search_text, ?11) > 0 AND instr (search_text, ?12) > 0 "
                             "  AND (?13 IS NULL OR scenario = ?13) "
                             "ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  if (query->channel != NULL)
    sqlite3_bind_text (stmt, 2, query->channel, -1, SQLITE_TRANSIENT);
  if (query->language != NULL)
    sqlite3_bind_text (stmt, 3, query->language, -1, SQLITE_TRANSIENT);
  if (query->phase != NULL)
    sqlite3_bind_text (stmt, 4, query->phase, -1, SQLITE_TRANSIENT);
  if (query->scenario != NULL)
    sqlite3_bind_text (stmt, 13, query->scenario, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 13);
  /* instr (x, '') is 1: unused words match everything. */
  for (guint i = 0; i < MAX_SEARCH_WORDS; i++)
    sqlite3_bind_text (stmt, 5 + i, "", 0, SQLITE_STATIC);
  for (guint i = 0; words[i] != NULL && n_words < MAX_SEARCH_WORDS; i++)
    if (*words[i] != '\0')
      sqlite3_bind_text (stmt, 5 + n_words++, words[i], -1, SQLITE_TRANSIENT);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return ids;
}

gboolean
_apl_store_write_message_field (AplStore         *self,
                                AplMessage       *message,
                                AplMessageField   field,
                                const char       *value,
                                const char       *author,
                                GError          **error)
{
  g_autofree char *now = _apl_messages_now_iso ();
  g_autofree char *search_text = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS];
  sqlite3_stmt *stmt;

  copy_fields (message, fields);
  fields[field] = value;
  search_text = make_search_text (fields);

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, update_sql[field], error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, search_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, apl_message_get_id (message));
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The message “%s” no longer exists."), apl_message_get_title (message));
      goto fail;
    }

  if (!record_version (self, apl_message_get_id (message), author, now, error)
      || !_apl_store_approval_on_message_edited (self, apl_message_get_id (message), author, error))
    goto fail;

  if (!_apl_store_commit (self, error))
    return FALSE;

  _apl_message_apply (message, fields, now);
  return TRUE;

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* Versions */

GPtrArray *
_apl_store_list_message_versions (AplStore    *self,
                                  AplMessage  *message,
                                  GError     **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_message_version_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT id, number, kind, restored_from, author, created_at, saved_at, "
                             "       title, scenario, phase, audience, channel, language, subject, body "
                             "FROM message_versions WHERE message_id = ?1 ORDER BY number DESC",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, apl_message_get_id (message));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplMessageVersion *version = g_new0 (AplMessageVersion, 1);
      const char *kind = column_text (stmt, 2);

      version->id = sqlite3_column_int64 (stmt, 0);
      version->number = (guint) sqlite3_column_int64 (stmt, 1);
      version->kind = g_str_equal (kind, "created") ? APL_VERSION_CREATED
                      : g_str_equal (kind, "restored") ? APL_VERSION_RESTORED
                      : APL_VERSION_EDITED;
      version->restored_from = (guint) sqlite3_column_int64 (stmt, 3);
      version->author = g_strdup (column_text (stmt, 4));
      version->created_at = g_strdup (column_text (stmt, 5));
      version->saved_at = g_strdup (column_text (stmt, 6));
      for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
        version->fields[i] = g_strdup (column_text (stmt, 7 + i));
      g_ptr_array_add (versions, version);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

gboolean
_apl_store_restore_message_version (AplStore    *self,
                                    AplMessage  *message,
                                    guint        number,
                                    const char  *author,
                                    GError     **error)
{
  g_autofree char *now = _apl_messages_now_iso ();
  g_autofree char *search_text = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  AplMessageVersion *version = NULL;
  guint latest = 0;
  sqlite3_stmt *stmt;

  versions = _apl_store_list_message_versions (self, message, error);
  if (versions == NULL)
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      AplMessageVersion *candidate = g_ptr_array_index (versions, i);

      latest = MAX (latest, candidate->number);
      if (candidate->number == number)
        version = candidate;
    }
  if (version == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("Version %u of “%s” does not exist."), number, apl_message_get_title (message));
      return FALSE;
    }

  search_text = make_search_text ((const char * const *) version->fields);

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "UPDATE messages SET title = ?1, scenario = ?2, phase = ?3, audience = ?4, "
                             "       channel = ?5, language = ?6, subject = ?7, body = ?8, "
                             "       search_text = ?9, updated_at = ?10 "
                             "WHERE id = ?11 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    sqlite3_bind_text (stmt, 1 + i, version->fields[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, search_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, apl_message_get_id (message));
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The message “%s” no longer exists."), apl_message_get_title (message));
      goto fail;
    }

  if (!insert_version (self, apl_message_get_id (message), latest + 1, "restored", number, author, now, error)
      || !_apl_store_approval_on_message_edited (self, apl_message_get_id (message), author, error))
    goto fail;

  if (!_apl_store_commit (self, error))
    return FALSE;

  _apl_message_apply (message, (const char * const *) version->fields, now);
  return TRUE;

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* Variants */

/**
 * apl_store_get_variants:
 *
 * Returns: (transfer full) (element-type AplMessage): the messages of
 * @message's variant group, @message included, in creation order
 */
GPtrArray *
apl_store_get_variants (AplStore    *self,
                        AplMessage  *message,
                        GError     **error)
{
  GListStore *list;
  GPtrArray *variants;
  guint n;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_MESSAGE (message), NULL);

  list = load_list (self, apl_message_get_plan_id (message), error);
  if (list == NULL)
    return NULL;

  variants = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      AplMessage *item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (apl_message_get_variant_group (item), apl_message_get_variant_group (message)) == 0)
        g_ptr_array_add (variants, item);
      else
        g_object_unref (item);
    }
  return variants;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * apl_store_get_plan_languages:
 *
 * Returns: (transfer full) (element-type utf8): the languages the plan
 * speaks: its own language first, then every other language one of its
 * messages is written in, in alphabetical order
 */
GPtrArray *
apl_store_get_plan_languages (AplStore  *self,
                              AplPlan   *plan,
                              GError   **error)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *languages;
  GListStore *list;
  guint n;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  list = load_list (self, apl_plan_get_id (plan), error);
  if (list == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *language = apl_message_get_language (item);

      if (g_strcmp0 (language, apl_plan_get_language (plan)) != 0 && !str_array_contains (others, language))
        g_ptr_array_add (others, g_strdup (language));
    }
  g_ptr_array_sort (others, compare_strings);

  languages = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (languages, g_strdup (apl_plan_get_language (plan)));
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (languages, g_strdup (g_ptr_array_index (others, i)));
  return languages;
}

void
apl_variant_slot_clear (AplVariantSlot *slot)
{
  g_clear_pointer (&slot->language, g_free);
  g_clear_object (&slot->message);
}

/**
 * apl_store_get_variant_slots:
 *
 * The variants @message should have: one for each language the plan speaks
 * (see apl_store_get_plan_languages()) in each channel its group uses. A
 * group with an English press release and an English SMS, in a plan that
 * also speaks French, should have French ones too.
 *
 * Returns: (transfer full) (element-type AplVariantSlot): every slot, by
 * language then channel; a missing variant has no message
 */
GArray *
apl_store_get_variant_slots (AplStore    *self,
                             AplMessage  *message,
                             GError     **error)
{
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  gboolean used[APL_N_CHANNELS] = { FALSE, };
  AplPlan *plan;
  GArray *slots;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_MESSAGE (message), NULL);

  plan = apl_store_find_plan (self, apl_message_get_plan_id (message));
  if (plan == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The plan no longer exists."));
      return NULL;
    }
  variants = apl_store_get_variants (self, message, error);
  if (variants == NULL)
    return NULL;
  languages = apl_store_get_plan_languages (self, plan, error);
  if (languages == NULL)
    return NULL;

  for (guint i = 0; i < variants->len; i++)
    used[apl_message_get_channel (g_ptr_array_index (variants, i))] = TRUE;

  slots = g_array_new (FALSE, TRUE, sizeof (AplVariantSlot));
  g_array_set_clear_func (slots, (GDestroyNotify) apl_variant_slot_clear);
  for (guint l = 0; l < languages->len; l++)
    for (AplChannel channel = 0; channel < APL_N_CHANNELS; channel++)
      {
        AplVariantSlot slot = { NULL, channel, NULL };

        if (!used[channel])
          continue;
        slot.language = g_strdup (g_ptr_array_index (languages, l));
        for (guint i = 0; i < variants->len && slot.message == NULL; i++)
          {
            AplMessage *variant = g_ptr_array_index (variants, i);

            if (apl_message_get_channel (variant) == channel
                && g_strcmp0 (apl_message_get_language (variant), slot.language) == 0)
              slot.message = g_object_ref (variant);
          }
        g_array_append_val (slots, slot);
      }
  return slots;
}

/* Placeholder values */

/**
 * apl_placeholder_standard_names:
 *
 * Returns: (transfer none): the placeholders every plan knows
 */
const char * const *
apl_placeholder_standard_names (void)
{
  return standard_names;
}

static const char * const month_names_en[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

static const char * const month_names_fr[] = {
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
  "août", "septembre", "octobre", "novembre", "décembre",
};

/* In the message's language, not the user's: a French statement gets a
 * French date even on an English desktop. */
static char *
format_date (GDateTime  *when,
             const char *language)
{
  int month = g_date_time_get_month (when) - 1;

  if (g_str_has_prefix (language, "fr"))
    return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (when),
                            month_names_fr[month], g_date_time_get_year (when));
  if (g_str_has_prefix (language, "en"))
    return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (when),
                            month_names_en[month], g_date_time_get_year (when));
  return g_date_time_format (when, "%Y-%m-%d");
}

/**
 * apl_store_get_placeholder_values:
 * @language: the language the values are for (dates are written in it)
 *
 * Every placeholder the plan knows, with its value: {{organisation}} (the
 * plan's organisation, else the profile's), {{website}}, {{hotline}} and
 * {{spokesperson}} from the organisation profile, {{incident}}, {{date}}
 * and {{time}} (today and now unless the plan sets them), and the plan's
 * own placeholders. A value the plan sets overrides the others.
 *
 * Returns: (transfer full) (element-type utf8 utf8): name to value; "" for
 * a placeholder without a value yet
 */
GHashTable *
apl_store_get_placeholder_values (AplStore    *self,
                                  AplPlan     *plan,
                                  const char  *language,
                                  GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) utc = _apl_messages_now ();
  g_autoptr(GDateTime) now = g_date_time_to_local (utc);
  AplOrganisation *organisation = apl_store_get_organisation (self);
  const char *organisation_name;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  organisation_name = apl_plan_get_organisation (plan);
  if (organisation_name == NULL || *organisation_name == '\0')
    organisation_name = organisation ? apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME) : "";

#define SET(name, value) g_hash_table_insert (values, g_strdup (name), g_strdup ((value) ? (value) : ""))
  SET ("organisation", organisation_name);
  SET ("website", organisation ? apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_WEBSITE) : "");
  SET ("hotline", organisation ? apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_PRESS_HOTLINE) : "");
  SET ("spokesperson", organisation ? apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_SPOKESPERSON) : "");
  SET ("incident", "");
  SET ("next_update", "");
  g_hash_table_insert (values, g_strdup ("date"), format_date (now, language ? language : "en"));
  g_hash_table_insert (values, g_strdup ("time"), g_date_time_format (now, "%H:%M"));
#undef SET

  /* Values for all languages first, so that the language's own win. */
  stmt = _apl_store_prepare (self,
                             "SELECT name, value FROM plan_placeholders "
                             "WHERE plan_id = ?1 AND (language = '' OR language = ?2) "
                             "ORDER BY language = '' DESC, name",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  sqlite3_bind_text (stmt, 2, language ? language : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 0);
      const char *value = column_text (stmt, 1);

      /* An empty plan value does not hide the organisation's. */
      if (*value != '\0' || !g_hash_table_contains (values, name))
        g_hash_table_insert (values, g_strdup (name), g_strdup (value));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&values);
}

/**
 * apl_store_set_placeholder_value:
 * @name: a placeholder name, standard or the plan's own (a new name
 *   defines a placeholder for the plan)
 * @language: (nullable): the language of the messages it is for; %NULL for
 *   all of them
 * @value: its value for this plan; "" for none yet
 */
gboolean
apl_store_set_placeholder_value (AplStore    *self,
                                 AplPlan     *plan,
                                 const char  *name,
                                 const char  *language,
                                 const char  *value,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_PLAN (plan), FALSE);

  if (!apl_placeholder_is_valid_name (name))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not a placeholder name; use lower-case letters, digits and _ only."),
                   name ? name : "");
      return FALSE;
    }
  if (value == NULL)
    value = "";
  if (!apl_text_check (value, 4096, error))
    return FALSE;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self,
                             "INSERT INTO plan_placeholders (plan_id, name, language, value) VALUES (?1, ?2, ?4, ?3) "
                             "ON CONFLICT (plan_id, name, language) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, language ? language : "", -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;
  return _apl_store_commit (self, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}
