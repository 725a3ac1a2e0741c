/* apl-store-export.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what a plan file holds beyond the plan's own fields: the
 * stakeholders on the plan's map with their places and relationships, the
 * plan's messages with their versions, and its placeholder values. Every
 * list is read in an order that does not depend on the workspace's own row
 * ids where it can (names, then UUIDs), so that the same plan gives the same
 * file in any workspace it is imported into.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include "apl-plan-record.h"
#include "apl-store-conn.h"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/* Ends a loop over rows: TRUE when every row was read. */
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

static gboolean
read_stakeholders (AplConn        *self,
                   gint64          plan_id,
                   AplPlanRecord  *record,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                             "SELECT s.uuid, s.kind, g.key, g.name, s.name, s.description, s.concerns, "
                             "       s.channels, s.owner, s.notes, s.last_reviewed, s.created_at, s.updated_at, "
                             "       sp.influence, sp.interest, sp.attitude, sp.strength "
                             "FROM stakeholder_placements AS sp "
                             "JOIN stakeholders AS s ON s.id = sp.stakeholder_id "
                             "JOIN stakeholder_groups AS g ON g.id = s.group_id "
                             "WHERE sp.plan_id = ?1 AND s.deleted_at IS NULL AND s.uuid IS NOT NULL "
                             "ORDER BY s.name, s.uuid",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplStakeholderRecord *stakeholder = _apl_stakeholder_record_new ();
      AplPlacementRecord *placement = g_new0 (AplPlacementRecord, 1);

      stakeholder->id = column_dup (stmt, 0);
      stakeholder->kind = column_dup (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        stakeholder->group_key = column_dup (stmt, 2);
      else
        stakeholder->group_name = column_dup (stmt, 3);
      for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
        stakeholder->fields[i] = column_dup (stmt, 4 + i);
      stakeholder->created = column_dup (stmt, 11);
      stakeholder->updated = column_dup (stmt, 12);
      g_ptr_array_add (record->stakeholders, stakeholder);

      placement->stakeholder = g_strdup (stakeholder->id);
      placement->influence = sqlite3_column_int (stmt, 13);
      placement->interest = sqlite3_column_int (stmt, 14);
      placement->attitude = column_dup (stmt, 15);
      placement->strength = sqlite3_column_int (stmt, 16);
      g_ptr_array_add (record->placements, placement);
    }
  return finish_rows (self, stmt, rc, error);
}

/* Relationships are the workspace's, not the plan's: the file carries those
 * between two stakeholders that are both on the plan's map. */
static gboolean
read_relationships (AplConn        *self,
                    gint64          plan_id,
                    AplPlanRecord  *record,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                             "SELECT f.uuid, t.uuid, r.kind FROM stakeholder_relationships AS r "
                             "JOIN stakeholders AS f ON f.id = r.from_id "
                             "JOIN stakeholders AS t ON t.id = r.to_id "
                             "WHERE f.deleted_at IS NULL AND t.deleted_at IS NULL "
                             "  AND f.uuid IS NOT NULL AND t.uuid IS NOT NULL "
                             "  AND EXISTS (SELECT 1 FROM stakeholder_placements "
                             "              WHERE plan_id = ?1 AND stakeholder_id = r.from_id) "
                             "  AND EXISTS (SELECT 1 FROM stakeholder_placements "
                             "              WHERE plan_id = ?1 AND stakeholder_id = r.to_id) "
                             "ORDER BY f.name, f.uuid, t.name, t.uuid, r.kind",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplRelationshipRecord *relationship = g_new0 (AplRelationshipRecord, 1);

      relationship->from = column_dup (stmt, 0);
      relationship->to = column_dup (stmt, 1);
      relationship->kind = column_dup (stmt, 2);
      g_ptr_array_add (record->relationships, relationship);
    }
  return finish_rows (self, stmt, rc, error);
}

static gboolean
read_versions (AplConn           *self,
               gint64             message_id,
               AplMessageRecord  *message,
               GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                             "SELECT number, kind, restored_from, author, created_at, saved_at, "
                             "       title, scenario, phase, audience, channel, language, subject, body "
                             "FROM message_versions WHERE message_id = ?1 ORDER BY number",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplVersionRecord *version = _apl_version_record_new ();

      version->number = (guint) sqlite3_column_int64 (stmt, 0);
      version->kind = column_dup (stmt, 1);
      version->restored_from = (guint) sqlite3_column_int64 (stmt, 2);
      version->author = column_dup (stmt, 3);
      version->created = column_dup (stmt, 4);
      version->saved = column_dup (stmt, 5);
      for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
        version->fields[i] = column_dup (stmt, 6 + i);
      g_ptr_array_add (message->versions, version);
    }
  return finish_rows (self, stmt, rc, error);
}

static gboolean
read_messages (AplConn        *self,
               gint64          plan_id,
               AplPlanRecord  *record,
               GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                             "SELECT id, uuid, variant_group, title, scenario, phase, audience, channel, "
                             "       language, subject, body, created_at, updated_at "
                             "FROM messages WHERE plan_id = ?1 AND deleted_at IS NULL AND uuid IS NOT NULL "
                             "ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplMessageRecord *message = _apl_message_record_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);

      message->id = column_dup (stmt, 1);
      message->variant_group = column_dup (stmt, 2);
      for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
        message->fields[i] = column_dup (stmt, 3 + i);
      message->created = column_dup (stmt, 11);
      message->updated = column_dup (stmt, 12);
      g_ptr_array_add (record->messages, message);
      g_array_append_val (ids, id);
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  /* One statement at a time: the versions query reuses the cache. */
  for (guint i = 0; i < ids->len; i++)
    if (!read_versions (self, g_array_index (ids, gint64, i), g_ptr_array_index (record->messages, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
read_placeholders (AplConn        *self,
                   gint64          plan_id,
                   AplPlanRecord  *record,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                             "SELECT name, language, value FROM plan_placeholders "
                             "WHERE plan_id = ?1 ORDER BY name, language",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplPlaceholderRecord *placeholder = g_new0 (AplPlaceholderRecord, 1);

      placeholder->name = column_dup (stmt, 0);
      placeholder->language = column_dup (stmt, 1);
      placeholder->value = column_dup (stmt, 2);
      g_ptr_array_add (record->placeholders, placeholder);
    }
  return finish_rows (self, stmt, rc, error);
}

/**
 * _apl_store_read_plan_parts:
 * @self: the connection to read through (the store's, or a worker's)
 * @plan_id: the plan's row
 * @record: a record filled from the plan's own fields
 *
 * Adds the stakeholders, map, relationships, messages, placeholder values
 * and the format 3 sections of the plan to @record, in the order the file
 * writes them.
 */
gboolean
_apl_store_read_plan_parts (AplConn        *self,
                            gint64          plan_id,
                            AplPlanRecord  *record,
                            GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return read_stakeholders (self, plan_id, record, error)
         && read_relationships (self, plan_id, record, error)
         && read_messages (self, plan_id, record, error)
         && read_placeholders (self, plan_id, record, error)
         && _apl_store_read_plan_sections (self, plan_id, record, error);
}
