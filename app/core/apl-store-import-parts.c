/* apl-store-import-parts.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of a plan file beyond the plan's own fields: stakeholders,
 * their places on the plan's map and their relationships, messages with
 * their versions, and placeholder values. First resolved against the
 * workspace (which stakeholder of the file is one the workspace already
 * holds, which message of a replaced plan is the file's), which is all a
 * preview needs; then written inside the import's one transaction.
 *
 * A stakeholder the workspace already holds is reused as it is: the
 * register belongs to the workspace, and, as with the organisation
 * profile, what the user wrote there is not overwritten by a file. The
 * plan's map, its messages and its placeholder values are the plan's, and
 * come from the file.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-store-conn.h"
#include "apl-store-import-private.h"
#include "apl-text.h"
#include "apl-xml-spill.h"

/* Helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  sqlite3_bind_text (stmt, index, value ? value : "", -1, SQLITE_TRANSIENT);
}

static gboolean
finish_rows (AplConn       *self,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_conn_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Names compare as the user reads them: "Préfecture " is "prefecture". */
static char *
fold_name (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  return apl_text_fold (trimmed);
}

static gint64 *
new_id (gint64 id)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = id;
  return copy;
}

/* Resolution */

static gboolean
resolve_stakeholders (AplConn              *self,
                      const AplPlanRecord  *record,
                      AplImportResolution  *res,
                      GError              **error)
{
  g_autoptr(GHashTable) live_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) deleted_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = record->stakeholders->len;
  sqlite3_stmt *stmt;
  int rc;

  res->stakeholder_ids = g_new0 (gint64, n + 1);
  res->purge_deleted = g_new0 (gboolean, n + 1);
  if (n == 0)
    return TRUE;

  stmt = _apl_conn_prepare (self,
                             "SELECT id, uuid, name, deleted_at IS NOT NULL FROM stakeholders ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean deleted = sqlite3_column_int (stmt, 3) != 0;
      const char *uuid = sqlite3_column_type (stmt, 1) != SQLITE_NULL ? column_text (stmt, 1) : NULL;
      char *folded;
      GArray *ids;

      if (deleted)
        {
          if (uuid != NULL)
            g_hash_table_add (deleted_uuids, g_strdup (uuid));
          continue;
        }
      if (uuid != NULL)
        g_hash_table_insert (live_by_uuid, g_strdup (uuid), new_id (id));

      folded = fold_name (column_text (stmt, 2));
      ids = g_hash_table_lookup (by_name, folded);
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_name, folded, ids);
        }
      else
        g_free (folded);
      g_array_append_val (ids, id);
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  /* Identifiers first, so that a name never takes a stakeholder that a
   * later item of the file names by its id. */
  for (guint i = 0; i < n; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);
      gint64 *id = g_hash_table_lookup (live_by_uuid, stakeholder->id);

      if (id != NULL && !g_hash_table_contains (used, id))
        {
          res->stakeholder_ids[i] = *id;
          g_hash_table_add (used, new_id (*id));
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);
      g_autofree char *folded = NULL;
      GArray *ids;

      if (res->stakeholder_ids[i] != 0)
        continue;

      folded = fold_name (stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME]);
      ids = g_hash_table_lookup (by_name, folded);
      for (guint k = 0; ids != NULL && k < ids->len; k++)
        {
          gint64 id = g_array_index (ids, gint64, k);

          if (!g_hash_table_contains (used, &id))
            {
              res->stakeholder_ids[i] = id;
              g_hash_table_add (used, new_id (id));
              break;
            }
        }

      /* The import wins over an Undo still possible for a deleted
       * stakeholder with the same id, as it does for plans. */
      if (res->stakeholder_ids[i] == 0)
        res->purge_deleted[i] = g_hash_table_contains (deleted_uuids, stakeholder->id);
    }
  return TRUE;
}

/* Seeded groups by key (a key the workspace no longer has lands in
 * “Others”); the user's groups by name, ignoring case and accents, else a
 * new group with the file's name. */
static gboolean
resolve_groups (AplConn              *self,
                const AplPlanRecord  *record,
                AplImportResolution  *res,
                GError              **error)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) new_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = record->stakeholders->len;
  gint64 fallback = 0;
  gint64 *others;
  sqlite3_stmt *stmt;
  int rc;

  res->group_ids = g_new0 (gint64, n + 1);
  res->new_group_index = g_new0 (int, n + 1);
  res->new_groups = g_ptr_array_new_with_free_func (g_free);
  if (n == 0)
    return TRUE;

  stmt = _apl_conn_prepare (self, "SELECT id, key, name FROM stakeholder_groups ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (fallback == 0)
        fallback = id;
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_hash_table_insert (by_key, g_strdup (column_text (stmt, 1)), new_id (id));
      else
        {
          char *folded = fold_name (column_text (stmt, 2));

          if (!g_hash_table_contains (by_name, folded))
            g_hash_table_insert (by_name, folded, new_id (id));
          else
            g_free (folded);
        }
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  others = g_hash_table_lookup (by_key, "others");
  if (others != NULL)
    fallback = *others;

  for (guint i = 0; i < n; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);
      g_autofree char *folded = NULL;
      gint64 *id;

      if (res->stakeholder_ids[i] != 0)
        continue;

      if (stakeholder->group_key != NULL)
        {
          id = g_hash_table_lookup (by_key, stakeholder->group_key);
          res->group_ids[i] = id != NULL ? *id : fallback;
          continue;
        }

      folded = fold_name (stakeholder->group_name);
      id = g_hash_table_lookup (by_name, folded);
      if (id != NULL)
        res->group_ids[i] = *id;
      else if (g_hash_table_contains (new_by_name, folded))
        res->new_group_index[i] = GPOINTER_TO_INT (g_hash_table_lookup (new_by_name, folded));
      else
        {
          res->new_group_index[i] = (int) res->new_groups->len;
          g_hash_table_insert (new_by_name, g_steal_pointer (&folded), GINT_TO_POINTER (res->new_group_index[i]));
          g_ptr_array_add (res->new_groups, g_strstrip (g_strdup (stakeholder->group_name)));
        }
    }

  /* Only a workspace without a single group leaves a seeded key with
   * nowhere to go. */
  for (guint i = 0; i < n; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);

      if (res->stakeholder_ids[i] == 0 && stakeholder->group_key != NULL && res->group_ids[i] == 0)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                       _("The workspace has no stakeholder group to put the imported stakeholders in."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Messages of a replaced plan are matched by UUID; the plan's messages the
 * file does not hold are removed with it. */
static gboolean
resolve_messages (AplConn              *self,
                  const AplPlanRecord  *record,
                  gint64                plan_id,
                  AplImportResolution  *res,
                  GError              **error)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint n = record->messages->len;
  sqlite3_stmt *stmt;
  int rc;

  res->message_ids = g_new0 (gint64, n + 1);
  res->new_message_ids = g_new0 (gint64, n + 1);
  res->removed_messages = g_array_new (FALSE, FALSE, sizeof (gint64));
  res->removed_titles = g_ptr_array_new_with_free_func (g_free);
  if (plan_id == 0)
    return TRUE;

  stmt = _apl_conn_prepare (self,
                             "SELECT id, uuid, title FROM messages "
                             "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_hash_table_insert (by_uuid, g_strdup (column_text (stmt, 1)), new_id (id));
      g_array_append_val (ids, id);
      g_ptr_array_add (titles, g_strdup (column_text (stmt, 2)));
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const AplMessageRecord *message = g_ptr_array_index (record->messages, i);
      gint64 *id = g_hash_table_lookup (by_uuid, message->id);

      if (id != NULL)
        {
          res->message_ids[i] = *id;
          g_hash_table_add (used, new_id (*id));
        }
    }

  for (guint k = 0; k < ids->len; k++)
    if (!g_hash_table_contains (used, &g_array_index (ids, gint64, k)))
      {
        g_array_append_val (res->removed_messages, g_array_index (ids, gint64, k));
        g_ptr_array_add (res->removed_titles, g_strdup (g_ptr_array_index (titles, k)));
      }
  return TRUE;
}

/**
 * _apl_import_resolve:
 * @plan_id: the plan the import replaces, or 0 when it adds one
 *
 * Reads what the workspace holds that the file's parts meet. Writes
 * nothing; call it inside the import's transaction so that what it finds
 * is still true when the import writes.
 */
gboolean
_apl_import_resolve (AplConn              *self,
                     const AplPlanRecord  *record,
                     gint64                plan_id,
                     AplImportResolution  *res,
                     GError              **error)
{
  memset (res, 0, sizeof *res);
  return resolve_stakeholders (self, record, res, error)
         && resolve_groups (self, record, res, error)
         && resolve_messages (self, record, plan_id, res, error);
}

/* Rows an import writes, roughly, for its progress. */
guint64
_apl_import_count_rows (const AplPlanRecord *record)
{
  guint64 n = record->stakeholders->len + record->placements->len + record->relationships->len
              + record->placeholders->len;

  for (guint i = 0; i < record->messages->len; i++)
    n += 1 + ((AplMessageRecord *) g_ptr_array_index (record->messages, i))->versions->len;
  return n + _apl_xml_node_count (record->contacts) + _apl_xml_spill_get_n_nodes (record->contact_items)
         + _apl_xml_node_count (record->crisis)
         + _apl_xml_node_count (record->approvals);
}

void
_apl_import_resolution_clear (AplImportResolution *res)
{
  g_clear_pointer (&res->stakeholder_ids, g_free);
  g_clear_pointer (&res->purge_deleted, g_free);
  g_clear_pointer (&res->group_ids, g_free);
  g_clear_pointer (&res->new_group_index, g_free);
  g_clear_pointer (&res->new_groups, g_ptr_array_unref);
  g_clear_pointer (&res->message_ids, g_free);
  g_clear_pointer (&res->new_message_ids, g_free);
  g_clear_pointer (&res->removed_messages, g_array_unref);
  g_clear_pointer (&res->removed_titles, g_ptr_array_unref);
  _apl_import_resolution_clear_sections (res);
}

/* Writing */

static gboolean
insert_group (AplConn     *self,
              const char  *name,
              gint64      *id,
              GError     **error)
{
  sqlite3_stmt *stmt = _apl_conn_prepare (self,
                                           "INSERT INTO stakeholder_groups (name, position) "
                                           "SELECT ?1, coalesce (max (position), 0) + 1 FROM stakeholder_groups",
                                           error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
insert_stakeholder (AplConn                     *self,
                    const AplStakeholderRecord  *stakeholder,
                    gint64                       group_id,
                    gboolean                     purge_deleted,
                    gint64                      *id,
                    GError                     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME]));
  const char *reviewed = stakeholder->fields[APL_STAKEHOLDER_FIELD_LAST_REVIEWED];
  sqlite3_stmt *stmt;

  if (purge_deleted)
    {
      stmt = _apl_conn_prepare (self, "DELETE FROM stakeholders WHERE uuid = ?1 AND deleted_at IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, stakeholder->id);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = _apl_conn_prepare (self,
                             "INSERT INTO stakeholders (uuid, name, kind, group_id, description, concerns, "
                             "                          channels, owner, notes, last_reviewed, "
                             "                          created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                             error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, stakeholder->id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, stakeholder->kind);
  sqlite3_bind_int64 (stmt, 4, group_id);
  bind_text (stmt, 5, stakeholder->fields[APL_STAKEHOLDER_FIELD_DESCRIPTION]);
  bind_text (stmt, 6, stakeholder->fields[APL_STAKEHOLDER_FIELD_CONCERNS]);
  bind_text (stmt, 7, stakeholder->fields[APL_STAKEHOLDER_FIELD_CHANNELS]);
  bind_text (stmt, 8, stakeholder->fields[APL_STAKEHOLDER_FIELD_OWNER]);
  bind_text (stmt, 9, stakeholder->fields[APL_STAKEHOLDER_FIELD_NOTES]);
  if (reviewed == NULL || *reviewed == '\0')
    sqlite3_bind_null (stmt, 10);
  else
    bind_text (stmt, 10, reviewed);
  bind_text (stmt, 11, stakeholder->created);
  bind_text (stmt, 12, stakeholder->updated);
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
write_stakeholders (AplConn              *self,
                    const AplPlanRecord  *record,
                    AplImportResolution  *res,
                    GError              **error)
{
  g_autofree gint64 *group_ids = g_new0 (gint64, res->new_groups->len + 1);

  for (guint g = 0; g < res->new_groups->len; g++)
    if (!insert_group (self, g_ptr_array_index (res->new_groups, g), &group_ids[g], error))
      return FALSE;

  for (guint i = 0; i < record->stakeholders->len; i++)
    {
      gint64 group_id;

      if (res->stakeholder_ids[i] != 0)
        continue;
      group_id = res->group_ids[i] != 0 ? res->group_ids[i] : group_ids[res->new_group_index[i]];
      if (!insert_stakeholder (self, g_ptr_array_index (record->stakeholders, i), group_id,
                               res->purge_deleted[i], &res->stakeholder_ids[i], error)
          || !_apl_conn_row_done (self, error))
        return FALSE;
    }
  return TRUE;
}

/* The workspace's id of the file's stakeholder @uuid, through @ids (the
 * file's ids to their index); the reader has checked that the file holds
 * it. */
static gint64
stakeholder_id (GHashTable                 *ids,
                const AplImportResolution  *res,
                const char                 *uuid)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (ids, uuid, NULL, &index))
    return 0;
  return res->stakeholder_ids[GPOINTER_TO_UINT (index)];
}

static gboolean
write_map (AplConn              *self,
           const AplPlanRecord  *record,
           gint64                plan_id,
           gboolean              existing,
           AplImportResolution  *res,
           GError              **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < record->stakeholders->len; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);

      g_hash_table_insert (ids, stakeholder->id, GUINT_TO_POINTER (i));
    }

  if (existing)
    {
      stmt = _apl_conn_prepare (self, "DELETE FROM stakeholder_placements WHERE plan_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < record->placements->len; i++)
    {
      const AplPlacementRecord *placement = g_ptr_array_index (record->placements, i);

      stmt = _apl_conn_prepare (self,
                                 "INSERT INTO stakeholder_placements "
                                 "  (plan_id, stakeholder_id, influence, interest, attitude, strength) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, stakeholder_id (ids, res, placement->stakeholder));
      sqlite3_bind_int (stmt, 3, placement->influence);
      sqlite3_bind_int (stmt, 4, placement->interest);
      bind_text (stmt, 5, placement->attitude);
      sqlite3_bind_int (stmt, 6, placement->strength);
      if (!_apl_conn_step_done (self, stmt, error) || !_apl_conn_row_done (self, error))
        return FALSE;
    }

  /* Relationships belong to the workspace: the file's are added to those it
   * already has, and none is removed. */
  for (guint i = 0; i < record->relationships->len; i++)
    {
      const AplRelationshipRecord *relationship = g_ptr_array_index (record->relationships, i);
      gint64 from = stakeholder_id (ids, res, relationship->from);
      gint64 to = stakeholder_id (ids, res, relationship->to);

      if (from == to)
        continue;
      stmt = _apl_conn_prepare (self,
                                 "INSERT INTO stakeholder_relationships (from_id, to_id, kind) "
                                 "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
      bind_text (stmt, 3, relationship->kind);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The same folding as apl-store-messages.c, so that search finds imported
 * messages as it finds typed ones. */
static char *
search_text (char * const *fields)
{
  g_autofree char *joined = g_strjoin ("\n", fields[APL_MESSAGE_FIELD_TITLE], fields[APL_MESSAGE_FIELD_SUBJECT],
                                       fields[APL_MESSAGE_FIELD_BODY], NULL);

  return apl_text_fold (joined);
}

static gboolean
write_versions (AplConn                 *self,
                const AplMessageRecord  *message,
                gint64                   message_id,
                gboolean                 replace,
                GError                 **error)
{
  sqlite3_stmt *stmt;

  if (replace)
    {
      stmt = _apl_conn_prepare (self, "DELETE FROM message_versions WHERE message_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, message_id);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint v = 0; v < message->versions->len; v++)
    {
      const AplVersionRecord *version = g_ptr_array_index (message->versions, v);

      stmt = _apl_conn_prepare (self,
                                 "INSERT INTO message_versions (message_id, number, kind, restored_from, author, "
                                 "  created_at, saved_at, title, scenario, phase, audience, channel, language, "
                                 "  subject, body) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, message_id);
      sqlite3_bind_int64 (stmt, 2, version->number);
      bind_text (stmt, 3, version->kind);
      if (version->restored_from > 0)
        sqlite3_bind_int64 (stmt, 4, version->restored_from);
      else
        sqlite3_bind_null (stmt, 4);
      bind_text (stmt, 5, version->author);
      bind_text (stmt, 6, version->created);
      bind_text (stmt, 7, version->saved);
      for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
        bind_text (stmt, 8 + f, version->fields[f]);
      if (!_apl_conn_step_done (self, stmt, error) || !_apl_conn_row_done (self, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_message (AplConn                 *self,
               const AplMessageRecord  *message,
               gint64                   plan_id,
               gint64                   existing_id,
               gint64                  *id,
               GError                 **error)
{
  g_autofree char *search = search_text (message->fields);
  g_autofree char *title = g_strstrip (g_strdup (message->fields[APL_MESSAGE_FIELD_TITLE]));
  sqlite3_stmt *stmt;

  if (existing_id != 0)
    stmt = _apl_conn_prepare (self,
                               "UPDATE messages SET variant_group = ?2, title = ?3, scenario = ?4, phase = ?5, "
                               "  audience = ?6, channel = ?7, language = ?8, subject = ?9, body = ?10, "
                               "  search_text = ?11, created_at = ?12, updated_at = ?13 "
                               "WHERE id = ?1",
                               error);
  else
    stmt = _apl_conn_prepare (self,
                               "INSERT INTO messages (plan_id, variant_group, title, scenario, phase, audience, "
                               "  channel, language, subject, body, search_text, created_at, updated_at, uuid) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, existing_id != 0 ? existing_id : plan_id);
  bind_text (stmt, 2, message->variant_group);
  for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
    bind_text (stmt, 3 + f, f == APL_MESSAGE_FIELD_TITLE ? title : message->fields[f]);
  bind_text (stmt, 11, search);
  bind_text (stmt, 12, message->created);
  bind_text (stmt, 13, message->updated);
  if (existing_id == 0)
    bind_text (stmt, 14, message->id);
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;

  *id = existing_id != 0 ? existing_id : sqlite3_last_insert_rowid (self->db);
  return write_versions (self, message, *id, existing_id != 0, error);
}

static gboolean
write_messages (AplConn              *self,
                const AplPlanRecord  *record,
                gint64                plan_id,
                gboolean              existing,
                AplImportResolution  *res,
                GError              **error)
{
  sqlite3_stmt *stmt;

  if (existing)
    {
      /* Messages deleted in this session whose Undo is still offered:
       * the file the user chose to import wins, and their UUIDs may be
       * the file's. */
      stmt = _apl_conn_prepare (self, "DELETE FROM messages WHERE plan_id = ?1 AND deleted_at IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;

      for (guint k = 0; k < res->removed_messages->len; k++)
        {
          stmt = _apl_conn_prepare (self, "DELETE FROM messages WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (res->removed_messages, gint64, k));
          if (!_apl_conn_step_done (self, stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < record->messages->len; i++)
    if (!write_message (self, g_ptr_array_index (record->messages, i), plan_id, res->message_ids[i],
                        &res->new_message_ids[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_placeholders (AplConn              *self,
                    const AplPlanRecord  *record,
                    gint64                plan_id,
                    gboolean              existing,
                    GError              **error)
{
  sqlite3_stmt *stmt;

  if (existing)
    {
      stmt = _apl_conn_prepare (self, "DELETE FROM plan_placeholders WHERE plan_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < record->placeholders->len; i++)
    {
      const AplPlaceholderRecord *placeholder = g_ptr_array_index (record->placeholders, i);

      stmt = _apl_conn_prepare (self,
                                 "INSERT INTO plan_placeholders (plan_id, name, language, value) "
                                 "VALUES (?1, ?2, ?3, ?4)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      bind_text (stmt, 2, placeholder->name);
      bind_text (stmt, 3, placeholder->language);
      bind_text (stmt, 4, placeholder->value);
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _apl_import_write_parts:
 * @plan_id: the plan just written
 * @existing: whether the plan was in the workspace before (its map,
 *   messages and placeholder values are then replaced)
 * @res: from _apl_import_resolve() in the same transaction; the ids of
 *   what is created are added to it
 *
 * Called inside the import's transaction; the caller rolls back on error.
 */
gboolean
_apl_import_write_parts (AplConn              *self,
                         const AplPlanRecord  *record,
                         gint64                plan_id,
                         gboolean              existing,
                         AplImportResolution  *res,
                         GError              **error)
{
  return write_stakeholders (self, record, res, error)
         && write_map (self, record, plan_id, existing, res, error)
         && write_messages (self, record, plan_id, existing, res, error)
         && write_placeholders (self, record, plan_id, existing, error)
         && _apl_import_write_sections (self, record, plan_id, existing, res, error);
}

/* Preview */

void
_apl_import_preview_add (GPtrArray       *items,
                         AplImportAction  action,
                         const char      *kind,
                         const char      *name)
{
  AplImportPreviewItem *item = g_new0 (AplImportPreviewItem, 1);

  item->action = action;
  item->kind = kind;
  item->name = g_strdup (name ? name : "");
  g_ptr_array_add (items, item);
}

/**
 * _apl_import_preview_parts:
 *
 * Lists, in the file's order, the groups and stakeholders the import would
 * create or reuse, and the messages it would create, update or remove.
 */
void
_apl_import_preview_parts (const AplPlanRecord        *record,
                           const AplImportResolution  *res,
                           GPtrArray                  *items)
{
  for (guint g = 0; g < res->new_groups->len; g++)
    _apl_import_preview_add (items, APL_IMPORT_CREATE, "group", g_ptr_array_index (res->new_groups, g));

  for (guint i = 0; i < record->stakeholders->len; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);
      g_autofree char *name = g_strstrip (g_strdup (stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME]));

      _apl_import_preview_add (items, res->stakeholder_ids[i] != 0 ? APL_IMPORT_MERGE : APL_IMPORT_CREATE,
                               "stakeholder", name);
    }

  for (guint i = 0; i < record->messages->len; i++)
    {
      const AplMessageRecord *message = g_ptr_array_index (record->messages, i);
      g_autofree char *title = g_strstrip (g_strdup (message->fields[APL_MESSAGE_FIELD_TITLE]));

      _apl_import_preview_add (items, res->message_ids[i] != 0 ? APL_IMPORT_MERGE : APL_IMPORT_CREATE,
                               "message", title);
    }

  for (guint k = 0; k < res->removed_titles->len; k++)
    _apl_import_preview_add (items, APL_IMPORT_REMOVE, "message", g_ptr_array_index (res->removed_titles, k));

  _apl_import_preview_sections (record, res, items);
}
