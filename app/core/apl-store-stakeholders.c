/* apl-store-stakeholders.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's stakeholder records: the register, its groups, each plan's
 * map and the relationships between stakeholders. Every change is one
 * transaction; callers change their objects only once it has committed.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-stakeholder-private.h"
#include "apl-store-db.h"

/* Indexed by AplStakeholderField. */
static const char * const stakeholder_update_sql[APL_STAKEHOLDER_N_FIELDS] = {
  "UPDATE stakeholders SET name = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE stakeholders SET description = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE stakeholders SET concerns = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE stakeholders SET channels = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE stakeholders SET owner = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE stakeholders SET notes = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE stakeholders SET last_reviewed = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
};

#define STAKEHOLDER_SELECT \
  "SELECT id, name, description, concerns, channels, owner, notes, last_reviewed, " \
  "       kind, group_id, created_at, updated_at FROM stakeholders "

/* Helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static gboolean
fail (AplStore *self)
{
  _apl_store_rollback (self);
  return FALSE;
}

/* Runs a statement that must change exactly one row, in its own
 * transaction; @missing is the sentence for a row that is gone. */
static gboolean
finish_single_change (AplStore      *self,
                      sqlite3_stmt  *stmt,
                      const char    *missing,
                      GError       **error)
{
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);

  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, missing);
      return fail (self);
    }

  return _apl_store_commit (self, error);
}

static AplRelationshipKind
relationship_kind_from_string (const char *text)
{
  if (g_strcmp0 (text, "reports-to") == 0)
    return APL_RELATIONSHIP_REPORTS_TO;
  if (g_strcmp0 (text, "allied-with") == 0)
    return APL_RELATIONSHIP_ALLIED_WITH;
  return APL_RELATIONSHIP_INFLUENCES;
}

void
_apl_group_row_clear (AplGroupRow *row)
{
  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->name, g_free);
}

void
_apl_stakeholder_row_clear (AplStakeholderRow *row)
{
  for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
    g_clear_pointer (&row->fields[i], g_free);
  g_clear_pointer (&row->created, g_free);
  g_clear_pointer (&row->updated, g_free);
}

/* Groups */

gboolean
_apl_store_load_stakeholder_groups (AplStore  *self,
                                    GArray    *rows,
                                    GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT id, key, name, position FROM stakeholder_groups ORDER BY position, id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplGroupRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.key = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL : g_strdup (column_text (stmt, 1));
      row.name = g_strdup (column_text (stmt, 2));
      row.position = sqlite3_column_int (stmt, 3);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_insert_stakeholder_group (AplStore     *self,
                                     const char   *name,
                                     AplGroupRow  *row,
                                     GError      **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO stakeholder_groups (name, position) "
                             "SELECT ?1, coalesce (max (position), 0) + 1 FROM stakeholder_groups",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);

  row->id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  stmt = _apl_store_prepare (self, "SELECT position FROM stakeholder_groups WHERE id = ?1", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row->position = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (!_apl_store_commit (self, error))
    return FALSE;

  row->key = NULL;
  row->name = g_strdup (name);
  return TRUE;
}

gboolean
_apl_store_write_stakeholder_group_name (AplStore    *self,
                                         gint64       id,
                                         const char  *name,
                                         GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  /* A renamed seeded group becomes the user's own: it loses its key, so
   * that it is no longer translated behind the user's back. */
  stmt = _apl_store_prepare (self,
                             "UPDATE stakeholder_groups SET key = NULL, name = ?1 WHERE id = ?2",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return finish_single_change (self, stmt, _("The stakeholder group no longer exists."), error);
}

gboolean
_apl_store_delete_stakeholder_group (AplStore  *self,
                                     gint64     id,
                                     GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 used = 0;

  if (!_apl_store_begin (self, error))
    return FALSE;

  /* Deleted stakeholders still hold their group until they are purged,
   * because their deletion can be undone. */
  stmt = _apl_store_prepare (self, "SELECT count(*) FROM stakeholders WHERE group_id = ?1", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    used = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (used > 0)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The group still has %d stakeholder: move it to another group first.",
                                "The group still has %d stakeholders: move them to another group first.",
                                (gulong) used),
                   (int) used);
      return fail (self);
    }

  stmt = _apl_store_prepare (self, "DELETE FROM stakeholder_groups WHERE id = ?1", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_int64 (stmt, 1, id);
  return finish_single_change (self, stmt, _("The stakeholder group no longer exists."), error);
}

/* Stakeholders */

static void
stakeholder_row_from_stmt (sqlite3_stmt      *stmt,
                           AplStakeholderRow *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
    row->fields[i] = g_strdup (column_text (stmt, 1 + i));
  row->kind = g_strcmp0 (column_text (stmt, 8), "person") == 0
    ? APL_STAKEHOLDER_KIND_PERSON : APL_STAKEHOLDER_KIND_ORGANISATION;
  row->group_id = sqlite3_column_int64 (stmt, 9);
  row->created = g_strdup (column_text (stmt, 10));
  row->updated = g_strdup (column_text (stmt, 11));
}

gboolean
_apl_store_load_stakeholders (AplStore  *self,
                              GArray    *rows,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, STAKEHOLDER_SELECT "WHERE deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplStakeholderRow row = { 0 };

      stakeholder_row_from_stmt (stmt, &row);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_insert_stakeholder (AplStore           *self,
                               const char         *name,
                               AplStakeholderKind  kind,
                               gint64              group_id,
                               AplStakeholderRow  *row,
                               GError            **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO stakeholders (name, kind, group_id, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?4)",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, apl_stakeholder_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, group_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);

  id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  if (!_apl_store_commit (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, STAKEHOLDER_SELECT "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stakeholder_row_from_stmt (stmt, row);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_write_stakeholder (AplStore            *self,
                              gint64               id,
                              AplStakeholderField  field,
                              const char          *text,
                              AplStakeholderKind   kind,
                              gint64               group_id,
                              char               **updated,
                              GError             **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  if (field == APL_STAKEHOLDER_COLUMN_KIND)
    {
      stmt = _apl_store_prepare (self,
                                 "UPDATE stakeholders SET kind = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
                                 error);
      if (stmt == NULL)
        return fail (self);
      sqlite3_bind_text (stmt, 1, apl_stakeholder_kind_to_string (kind), -1, SQLITE_STATIC);
    }
  else if (field == APL_STAKEHOLDER_COLUMN_GROUP)
    {
      stmt = _apl_store_prepare (self,
                                 "UPDATE stakeholders SET group_id = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
                                 error);
      if (stmt == NULL)
        return fail (self);
      sqlite3_bind_int64 (stmt, 1, group_id);
    }
  else
    {
      g_return_val_if_fail (field < APL_STAKEHOLDER_N_FIELDS, fail (self));
      stmt = _apl_store_prepare (self, stakeholder_update_sql[field], error);
      if (stmt == NULL)
        return fail (self);
      if (field == APL_STAKEHOLDER_FIELD_LAST_REVIEWED && (text == NULL || *text == '\0'))
        sqlite3_bind_null (stmt, 1);
      else
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
    }

  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!finish_single_change (self, stmt, _("The stakeholder no longer exists."), error))
    return FALSE;

  *updated = g_steal_pointer (&now);
  return TRUE;
}

gboolean
_apl_store_set_stakeholder_deleted (AplStore  *self,
                                    gint64     id,
                                    gboolean   deleted,
                                    GError   **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             deleted
                             ? "UPDATE stakeholders SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL"
                             : "UPDATE stakeholders SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL",
                             error);
  if (stmt == NULL)
    return fail (self);

  if (deleted)
    sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return finish_single_change (self, stmt,
                               deleted
                               ? _("The stakeholder no longer exists.")
                               : _("The stakeholder can no longer be restored."),
                               error);
}

gboolean
_apl_store_purge_deleted_stakeholders (AplStore  *self,
                                       GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  /* Their places on maps and their relationships go with them (CASCADE). */
  stmt = _apl_store_prepare (self, "DELETE FROM stakeholders WHERE deleted_at IS NOT NULL", error);
  if (stmt == NULL || !_apl_store_step_done (self, stmt, error))
    return fail (self);

  return _apl_store_commit (self, error);
}

gboolean
_apl_store_list_stakeholder_plans (AplStore  *self,
                                   gint64     stakeholder_id,
                                   GArray    *plan_ids,
                                   GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT p.id FROM stakeholder_placements AS sp "
                             "JOIN plans AS p ON p.id = sp.plan_id "
                             "WHERE sp.stakeholder_id = ?1 AND p.deleted_at IS NULL ORDER BY p.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stakeholder_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (plan_ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Placements */

gboolean
_apl_store_load_placements (AplStore  *self,
                            gint64     plan_id,
                            GArray    *rows,
                            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Deleted stakeholders keep their places until purged; the register
   * adds them back if their deletion is undone. */
  stmt = _apl_store_prepare (self,
                             "SELECT sp.stakeholder_id, sp.influence, sp.interest, sp.attitude, sp.strength "
                             "FROM stakeholder_placements AS sp "
                             "JOIN stakeholders AS s ON s.id = sp.stakeholder_id "
                             "WHERE sp.plan_id = ?1 AND s.deleted_at IS NULL "
                             "ORDER BY sp.stakeholder_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplPlacementRow row;

      row.stakeholder_id = sqlite3_column_int64 (stmt, 0);
      row.influence = sqlite3_column_int (stmt, 1);
      row.interest = sqlite3_column_int (stmt, 2);
      if (!apl_attitude_from_string (column_text (stmt, 3), &row.attitude))
        row.attitude = APL_ATTITUDE_NEUTRAL;
      row.strength = sqlite3_column_int (stmt, 4);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_insert_placement (AplStore               *self,
                             gint64                  plan_id,
                             const AplPlacementRow  *row,
                             GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO stakeholder_placements "
                             "  (plan_id, stakeholder_id, influence, interest, attitude, strength) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, row->stakeholder_id);
  sqlite3_bind_int (stmt, 3, row->influence);
  sqlite3_bind_int (stmt, 4, row->interest);
  sqlite3_bind_text (stmt, 5, apl_attitude_to_string (row->attitude), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, row->strength);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The stakeholder is already on this plan’s map."));
      return fail (self);
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan or the stakeholder no longer exists."));
      return fail (self);
    }
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return fail (self);
    }

  return _apl_store_commit (self, error);
}

gboolean
_apl_store_write_placement (AplStore               *self,
                            gint64                  plan_id,
                            const AplPlacementRow  *row,
                            GError                **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "UPDATE stakeholder_placements "
                             "SET influence = ?3, interest = ?4, attitude = ?5, strength = ?6 "
                             "WHERE plan_id = ?1 AND stakeholder_id = ?2",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, row->stakeholder_id);
  sqlite3_bind_int (stmt, 3, row->influence);
  sqlite3_bind_int (stmt, 4, row->interest);
  sqlite3_bind_text (stmt, 5, apl_attitude_to_string (row->attitude), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, row->strength);
  return finish_single_change (self, stmt, _("The stakeholder is no longer on this plan’s map."), error);
}

gboolean
_apl_store_delete_placement (AplStore  *self,
                             gint64     plan_id,
                             gint64     stakeholder_id,
                             GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "DELETE FROM stakeholder_placements WHERE plan_id = ?1 AND stakeholder_id = ?2",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, stakeholder_id);
  return finish_single_change (self, stmt, _("The stakeholder is no longer on this plan’s map."), error);
}

/* The deleted stakeholders that still have a place on the plan's map, so
 * that a map kept in memory knows which of its hidden places an Undo may
 * still bring back. */
gboolean
_apl_store_load_hidden_placements (AplStore  *self,
                                   gint64     plan_id,
                                   GArray    *stakeholder_ids,
                                   GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT sp.stakeholder_id FROM stakeholder_placements AS sp "
                             "JOIN stakeholders AS s ON s.id = sp.stakeholder_id "
                             "WHERE sp.plan_id = ?1 AND s.deleted_at IS NOT NULL "
                             "ORDER BY sp.stakeholder_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (stakeholder_ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Relationships */

gboolean
_apl_store_load_relationships (AplStore  *self,
                               GArray    *rows,
                               GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT r.id, r.from_id, r.to_id, r.kind FROM stakeholder_relationships AS r "
                             "JOIN stakeholders AS a ON a.id = r.from_id "
                             "JOIN stakeholders AS b ON b.id = r.to_id "
                             "WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL ORDER BY r.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplRelationshipRow row;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.from_id = sqlite3_column_int64 (stmt, 1);
      row.to_id = sqlite3_column_int64 (stmt, 2);
      row.kind = relationship_kind_from_string (column_text (stmt, 3));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_insert_relationship (AplStore            *self,
                                AplRelationshipRow  *row,
                                GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO stakeholder_relationships (from_id, to_id, kind) VALUES (?1, ?2, ?3)",
                             error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_int64 (stmt, 1, row->from_id);
  sqlite3_bind_int64 (stmt, 2, row->to_id);
  sqlite3_bind_text (stmt, 3, apl_relationship_kind_to_string (row->kind), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("These two stakeholders already have that relationship."));
      return fail (self);
    }
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return fail (self);
    }

  row->id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  return _apl_store_commit (self, error);
}

gboolean
_apl_store_delete_relationship (AplStore  *self,
                                gint64     id,
                                GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, "DELETE FROM stakeholder_relationships WHERE id = ?1", error);
  if (stmt == NULL)
    return fail (self);

  sqlite3_bind_int64 (stmt, 1, id);
  return finish_single_change (self, stmt, _("The relationship no longer exists."), error);
}
