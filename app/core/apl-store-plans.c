/* apl-store-plans.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's plan and organisation records. Every change is one
 * transaction; the in-memory objects change only once it has committed, so
 * what the window shows is always what is on disk.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-plan-private.h"
#include "apl-store-db.h"

/* Indexed by AplPlanField. */
static const char * const plan_columns[APL_PLAN_N_FIELDS] = {
  "title", "organisation", "owner", "scenario_summary", "language", "next_review",
};

static const char * const plan_update_sql[APL_PLAN_N_FIELDS] = {
  "UPDATE plans SET title = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE plans SET organisation = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE plans SET owner = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE plans SET scenario_summary = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE plans SET language = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE plans SET next_review = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
};

static const char * const organisation_update_sql[APL_ORGANISATION_N_FIELDS] = {
  "UPDATE organisation SET name = ?1 WHERE id = 1",
  "UPDATE organisation SET website = ?1 WHERE id = 1",
  "UPDATE organisation SET press_hotline = ?1 WHERE id = 1",
  "UPDATE organisation SET spokesperson = ?1 WHERE id = 1",
};

#define PLAN_SELECT \
  "SELECT id, uuid, title, organisation, owner, scenario_summary, language, " \
  "       next_review, created_at, updated_at FROM plans "

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static AplPlan *
plan_from_row (AplStore     *self,
               sqlite3_stmt *stmt)
{
  const char *fields[APL_PLAN_N_FIELDS];

  G_STATIC_ASSERT (G_N_ELEMENTS (plan_columns) == APL_PLAN_N_FIELDS);

  for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
    fields[i] = column_text (stmt, 2 + i);

  return _apl_plan_new (self, sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                        fields, column_text (stmt, 8), column_text (stmt, 9));
}

static AplPlan *
read_plan (AplStore  *self,
           gint64     id,
           GError   **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self, PLAN_SELECT "WHERE id = ?1", error);
  AplPlan *plan = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan = plan_from_row (self, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                 _("The plan no longer exists."));
  else
    _apl_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return plan;
}

gboolean
_apl_store_load_plans (AplStore  *self,
                       GError   **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self, PLAN_SELECT "WHERE deleted_at IS NULL ORDER BY id", error);
  AplPlanList *list = _apl_store_get_plan_list (self);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AplPlan) plan = plan_from_row (self, stmt);

      _apl_plan_list_add (list, plan);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value == NULL || *value == '\0')
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;
  return sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

/**
 * apl_store_create_plan:
 * @title: the plan's title, not empty
 *
 * Creates a plan for the workspace's organisation, in the user's language.
 *
 * Returns: (transfer full): the new plan, already in apl_store_get_plans().
 */
AplPlan *
apl_store_create_plan (AplStore    *self,
                       const char  *title,
                       GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _apl_store_now ();
  g_autofree char *clean_title = NULL;
  AplOrganisation *organisation;
  sqlite3_stmt *stmt;
  AplPlan *plan;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  if (!apl_plan_validate_field (APL_PLAN_FIELD_TITLE, title, error))
    return NULL;
  clean_title = g_strstrip (g_strdup (title));

  if (!_apl_store_begin (self, error))
    return NULL;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO plans (uuid, title, organisation, language, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                             error);
  if (stmt == NULL)
    goto fail;

  organisation = apl_store_get_organisation (self);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean_title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3,
                     organisation ? apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME) : "",
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, _apl_store_default_language (), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  if (!_apl_store_commit (self, error))
    return NULL;

  plan = read_plan (self, id, error);
  if (plan != NULL)
    _apl_plan_list_add (_apl_store_get_plan_list (self), plan);
  return plan;

fail:
  _apl_store_rollback (self);
  return NULL;
}

/**
 * apl_store_duplicate_plan:
 * @plan: the plan to copy
 * @title: (nullable): the copy's title; %NULL for “Copy of …”
 *
 * Returns: (transfer full): the copy, already in apl_store_get_plans().
 */
AplPlan *
apl_store_duplicate_plan (AplStore    *self,
                          AplPlan     *plan,
                          const char  *title,
                          GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _apl_store_now ();
  g_autofree char *copy_title = NULL;
  sqlite3_stmt *stmt;
  AplPlan *copy;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  if (title != NULL)
    copy_title = g_strdup (title);
  else
    {
      /* Translators: the title of a duplicated plan; %s is the original title */
      copy_title = g_strdup_printf (_("Copy of %s"), apl_plan_get_title (plan));
      /* A long original must not make its own copy fail: shorten it. */
      if (g_utf8_strlen (copy_title, -1) > APL_PLAN_TITLE_MAX_CHARS)
        {
          g_autofree char *head = g_steal_pointer (&copy_title);

          *g_utf8_offset_to_pointer (head, APL_PLAN_TITLE_MAX_CHARS - 1) = '\0';
          copy_title = g_strconcat (head, "…", NULL);
        }
    }
  if (!apl_plan_validate_field (APL_PLAN_FIELD_TITLE, copy_title, error))
    return NULL;

  if (!_apl_store_begin (self, error))
    return NULL;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO plans (uuid, title, organisation, owner, scenario_summary, "
                             "                   language, next_review, created_at, updated_at) "
                             "SELECT ?1, ?2, organisation, owner, scenario_summary, language, next_review, ?3, ?3 "
                             "FROM plans WHERE id = ?4 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, copy_title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, apl_plan_get_id (plan));
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan “%s” no longer exists."), apl_plan_get_title (plan));
      goto fail;
    }

  id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  if (!_apl_store_commit (self, error))
    return NULL;

  copy = read_plan (self, id, error);
  if (copy != NULL)
    _apl_plan_list_add (_apl_store_get_plan_list (self), copy);
  return copy;

fail:
  _apl_store_rollback (self);
  return NULL;
}

static gboolean
set_deleted (AplStore    *self,
             AplPlan     *plan,
             gboolean     deleted,
             GError     **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             deleted
                             ? "UPDATE plans SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL"
                             : "UPDATE plans SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NOT NULL",
                             error);
  if (stmt == NULL)
    goto fail;

  bind_text_or_null (stmt, 1, deleted ? now : NULL);
  sqlite3_bind_int64 (stmt, 2, apl_plan_get_id (plan));
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      if (deleted)
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                     _("The plan “%s” no longer exists."), apl_plan_get_title (plan));
      else
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                     _("The plan “%s” can no longer be restored."), apl_plan_get_title (plan));
      goto fail;
    }

  if (!_apl_store_commit (self, error))
    return FALSE;

  if (deleted)
    _apl_plan_list_remove (_apl_store_get_plan_list (self), plan);
  else
    _apl_plan_list_add (_apl_store_get_plan_list (self), plan);
  return TRUE;

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/**
 * apl_store_delete_plan:
 *
 * Removes the plan from the list. The plan stays in the workspace, hidden,
 * until apl_store_purge_deleted_plans() or the next open, so that
 * apl_store_undelete_plan() can bring it back.
 */
gboolean
apl_store_delete_plan (AplStore  *self,
                       AplPlan   *plan,
                       GError   **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_PLAN (plan), FALSE);

  return set_deleted (self, plan, TRUE, error);
}

/**
 * apl_store_undelete_plan:
 *
 * Undoes apl_store_delete_plan(): the plan returns to its place in the list.
 */
gboolean
apl_store_undelete_plan (AplStore  *self,
                         AplPlan   *plan,
                         GError   **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_PLAN (plan), FALSE);

  return set_deleted (self, plan, FALSE, error);
}

/**
 * apl_store_purge_deleted_plans:
 *
 * Erases deleted plans for good (secure_delete overwrites their pages).
 */
gboolean
apl_store_purge_deleted_plans (AplStore  *self,
                               GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, "DELETE FROM plans WHERE deleted_at IS NOT NULL", error);
  if (stmt == NULL || !_apl_store_step_done (self, stmt, error))
    {
      _apl_store_rollback (self);
      return FALSE;
    }

  return _apl_store_commit (self, error);
}

AplPlan *
apl_store_find_plan (AplStore *self,
                     gint64    id)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  return _apl_plan_list_find (_apl_store_get_plan_list (self), id);
}

AplPlan *
apl_store_find_plan_by_uuid (AplStore   *self,
                             const char *uuid)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  return _apl_plan_list_find_uuid (_apl_store_get_plan_list (self), uuid);
}

gboolean
_apl_store_write_plan_field (AplStore      *self,
                             gint64         plan_id,
                             AplPlanField   field,
                             const char    *value,
                             char         **updated_at,
                             GError       **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (field < APL_PLAN_N_FIELDS, FALSE);

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, plan_update_sql[field], error);
  if (stmt == NULL)
    goto fail;

  if (field == APL_PLAN_FIELD_NEXT_REVIEW)
    bind_text_or_null (stmt, 1, value);
  else
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, plan_id);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan no longer exists."));
      goto fail;
    }

  if (!_apl_store_commit (self, error))
    return FALSE;

  *updated_at = g_steal_pointer (&now);
  return TRUE;

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* Organisation profile */

AplOrganisation *
_apl_store_load_organisation (AplStore  *self,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  AplOrganisation *organisation = NULL;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT name, website, press_hotline, spokesperson FROM organisation WHERE id = 1",
                             error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *fields[APL_ORGANISATION_N_FIELDS];

      for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
        fields[i] = column_text (stmt, i);
      organisation = _apl_organisation_new (self, fields);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT,
                 _("The workspace has lost its organisation profile. Run “aplomb-tool check” or restore it from a backup."));
  else
    _apl_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return organisation;
}

gboolean
_apl_store_write_organisation_field (AplStore              *self,
                                     AplOrganisationField   field,
                                     const char            *value,
                                     GError               **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (field < APL_ORGANISATION_N_FIELDS, FALSE);

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, organisation_update_sql[field], error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    goto fail;

  return _apl_store_commit (self, error);

fail:
  _apl_store_rollback (self);
  return FALSE;
}

/* Counts */

/**
 * apl_store_get_counts:
 *
 * Returns: (transfer full) (element-type AplStoreCount): how many records of
 * each kind the workspace holds, in a fixed order.
 */
GPtrArray *
apl_store_get_counts (AplStore  *self,
                      GError   **error)
{
  static const struct { const char *name; const char *sql; } queries[] = {
    { "plans", "SELECT count(*) FROM plans WHERE deleted_at IS NULL" },
    { "stakeholders", "SELECT count(*) FROM stakeholders WHERE deleted_at IS NULL" },
    { "messages", "SELECT count(*) FROM messages m JOIN plans p ON p.id = m.plan_id "
                  "WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL" },
    { "contacts", "SELECT count(*) FROM contacts WHERE deleted_at IS NULL" },
    { "scenarios", "SELECT count(*) FROM crisis_scenarios s JOIN plans p ON p.id = s.plan_id "
                   "WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL" },
  };
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_store_count_free);

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = _apl_store_prepare (self, queries[i].sql, error);
      AplStoreCount *count;
      int rc;

      if (stmt == NULL)
        return NULL;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          _apl_store_set_error (self, rc, error);
          return NULL;
        }

      count = g_new0 (AplStoreCount, 1);
      count->name = g_strdup (queries[i].name);
      count->count = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      g_ptr_array_add (counts, count);
    }

  return g_steal_pointer (&counts);
}
