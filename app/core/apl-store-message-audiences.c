/* apl-store-message-audiences.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who a message is written for: references to the workspace's stakeholder
 * groups and contact segments (migration 0009). The references follow a
 * renamed group, and the group and segment lists can ask which messages
 * address them before they remove one (which then takes it out of those
 * audiences, by cascade).
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-message-private.h"
#include "apl-store-db.h"

/* Helpers */

static GArray *
collect_ids (AplStore      *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

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

static gboolean
change_audience (AplStore         *self,
                 AplMessage       *message,
                 AplAudienceKind   kind,
                 gint64            id,
                 gboolean          add,
                 GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_MESSAGE (message), FALSE);
  g_return_val_if_fail (kind == APL_AUDIENCE_GROUP || kind == APL_AUDIENCE_SEGMENT, FALSE);

  if (!_apl_store_begin (self, error))
    return FALSE;

  /* The message must still be there; a group or segment removed meanwhile
   * fails its foreign key, and is reported below. */
  if (add)
    stmt = _apl_store_prepare (self,
                               "INSERT OR IGNORE INTO message_audiences (message_id, group_id, segment_id) "
                               "SELECT id, CASE ?2 WHEN 0 THEN ?3 END, CASE ?2 WHEN 1 THEN ?3 END "
                               "FROM messages WHERE id = ?1 AND deleted_at IS NULL",
                               error);
  else
    stmt = _apl_store_prepare (self,
                               "DELETE FROM message_audiences WHERE message_id = ?1 "
                               "  AND ((?2 = 0 AND group_id = ?3) OR (?2 = 1 AND segment_id = ?3))",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, apl_message_get_id (message));
  sqlite3_bind_int (stmt, 2, kind == APL_AUDIENCE_GROUP ? 0 : 1);
  sqlite3_bind_int64 (stmt, 3, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   kind == APL_AUDIENCE_GROUP
                   ? _("This stakeholder group no longer exists.")
                   : _("This contact segment no longer exists."));
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      goto fail;
    }

  return _apl_store_commit (self, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* Public API */

/**
 * apl_store_get_message_audience:
 *
 * Returns: (transfer full) (element-type AplAudienceRef): the stakeholder
 *   groups, then the contact segments, @message is written for
 */
GArray *
apl_store_get_message_audience (AplStore    *self,
                                AplMessage  *message,
                                GError     **error)
{
  GArray *refs;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_MESSAGE (message), NULL);

  stmt = _apl_store_prepare (self,
                             "SELECT group_id, segment_id FROM message_audiences WHERE message_id = ?1 "
                             "ORDER BY group_id IS NULL, coalesce (group_id, segment_id)",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_message_get_id (message));

  refs = g_array_new (FALSE, FALSE, sizeof (AplAudienceRef));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplAudienceRef ref;

      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          ref.kind = APL_AUDIENCE_GROUP;
          ref.id = sqlite3_column_int64 (stmt, 0);
        }
      else
        {
          ref.kind = APL_AUDIENCE_SEGMENT;
          ref.id = sqlite3_column_int64 (stmt, 1);
        }
      g_array_append_val (refs, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (refs);
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return refs;
}

/**
 * apl_store_add_message_audience:
 * @kind: a stakeholder group or a contact segment
 * @id: the group's or segment's id
 *
 * Adds a group or segment to the audience of @message. Adding one that is
 * already there changes nothing.
 */
gboolean
apl_store_add_message_audience (AplStore         *self,
                                AplMessage       *message,
                                AplAudienceKind   kind,
                                gint64            id,
                                GError          **error)
{
  return change_audience (self, message, kind, id, TRUE, error);
}

gboolean
apl_store_remove_message_audience (AplStore         *self,
                                   AplMessage       *message,
                                   AplAudienceKind   kind,
                                   gint64            id,
                                   GError          **error)
{
  return change_audience (self, message, kind, id, FALSE, error);
}

/**
 * apl_store_message_audiences_using_group:
 *
 * For the stakeholder groups list, before it removes a group: the
 * messages (of plans not deleted) whose audience includes it.
 *
 * Returns: (transfer full) (element-type gint64): message ids, by id
 */
GArray *
apl_store_message_audiences_using_group (AplStore  *self,
                                         gint64     group_id,
                                         GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  stmt = _apl_store_prepare (self,
                             "SELECT m.id FROM message_audiences a "
                             "JOIN messages m ON m.id = a.message_id AND m.deleted_at IS NULL "
                             "JOIN plans p ON p.id = m.plan_id AND p.deleted_at IS NULL "
                             "WHERE a.group_id = ?1 ORDER BY m.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  return collect_ids (self, stmt, error);
}

/**
 * apl_store_message_audiences_using_segment:
 *
 * Like apl_store_message_audiences_using_group(), for a contact segment.
 *
 * Returns: (transfer full) (element-type gint64): message ids, by id
 */
GArray *
apl_store_message_audiences_using_segment (AplStore  *self,
                                           gint64     segment_id,
                                           GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  stmt = _apl_store_prepare (self,
                             "SELECT m.id FROM message_audiences a "
                             "JOIN messages m ON m.id = a.message_id AND m.deleted_at IS NULL "
                             "JOIN plans p ON p.id = m.plan_id AND p.deleted_at IS NULL "
                             "WHERE a.segment_id = ?1 ORDER BY m.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, segment_id);
  return collect_ids (self, stmt, error);
}
