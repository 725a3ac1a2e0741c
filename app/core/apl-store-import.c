/* apl-store-import.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a plan read from a plan file. The file has been read and checked
 * in full before we get here; what remains is one transaction, so that a
 * failing disk leaves the workspace exactly as it was.
 *
 * What changes in memory once it has committed: the plan object, the
 * organisation profile, a replaced plan's message list and, when one is
 * already loaded, the stakeholder register with its groups, relationships
 * and loaded maps.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-approvals-private.h"
#include "apl-contact-book.h"
#include "apl-crisis-private.h"
#include "apl-message-private.h"
#include "apl-plan-private.h"
#include "apl-plan-record.h"
#include "apl-stakeholder-private.h"
#include "apl-store-conn.h"
#include "apl-store-import-private.h"

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const char   *value)
{
  sqlite3_bind_text (stmt, index, value ? value : "", -1, SQLITE_TRANSIENT);
}

/* The column next_review holds NULL, not "", when no date is set. */
static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL || *value == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* Binds the six plan fields to ?1 … ?6 in the column order used below. */
static void
bind_fields (sqlite3_stmt        *stmt,
             const char * const  *fields)
{
  bind_value (stmt, 1, fields[APL_PLAN_FIELD_TITLE]);
  bind_value (stmt, 2, fields[APL_PLAN_FIELD_ORGANISATION]);
  bind_value (stmt, 3, fields[APL_PLAN_FIELD_OWNER]);
  bind_value (stmt, 4, fields[APL_PLAN_FIELD_SCENARIO_SUMMARY]);
  bind_value (stmt, 5, fields[APL_PLAN_FIELD_LANGUAGE]);
  bind_date (stmt, 6, fields[APL_PLAN_FIELD_NEXT_REVIEW]);
}

static gboolean
update_plan (AplConn             *self,
             gint64               plan_id,
             const char * const  *fields,
             const char          *updated,
             GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_conn_prepare (self,
                             "UPDATE plans SET title = ?1, organisation = ?2, owner = ?3, "
                             "  scenario_summary = ?4, language = ?5, next_review = ?6, updated_at = ?7 "
                             "WHERE id = ?8 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_fields (stmt, fields);
  bind_value (stmt, 7, updated);
  sqlite3_bind_int64 (stmt, 8, plan_id);
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan “%s” no longer exists."), fields[APL_PLAN_FIELD_TITLE]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_plan (AplConn             *self,
             const char          *uuid,
             const char * const  *fields,
             const char          *created,
             const char          *updated,
             gint64              *id,
             GError             **error)
{
  sqlite3_stmt *stmt;

  /* A plan deleted in this session can still be undone; the file the user
   * chose to import now wins over that undo, and the uuid stays unique. */
  stmt = _apl_conn_prepare (self, "DELETE FROM plans WHERE uuid = ?1 AND deleted_at IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  bind_value (stmt, 1, uuid);
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;

  stmt = _apl_conn_prepare (self,
                             "INSERT INTO plans (title, organisation, owner, scenario_summary, language, "
                             "                   next_review, uuid, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_fields (stmt, fields);
  bind_value (stmt, 7, uuid);
  bind_value (stmt, 8, created);
  bind_value (stmt, 9, updated);
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
is_profile_empty (AplOrganisation *organisation)
{
  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    if (*apl_organisation_get_field (organisation, i) != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
write_profile (AplConn              *self,
               const AplPlanRecord  *record,
               GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_conn_prepare (self,
                             "UPDATE organisation SET name = ?1, website = ?2, press_hotline = ?3, "
                             "  spokesperson = ?4 WHERE id = 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    bind_value (stmt, i + 1, record->profile[i]);
  return _apl_conn_step_done (self, stmt, error);
}

/* Brings the in-memory plan in line with the row just committed, so that
 * windows showing it update through the usual notify signals. */
static void
apply_to_plan (AplPlan            *plan,
               const char * const *fields,
               const char         *updated)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
    {
      if (g_strcmp0 (apl_plan_get_field (plan, i), fields[i]) == 0)
        continue;
      _apl_plan_apply (plan, i, fields[i], updated);
      changed = TRUE;
    }

  /* Same text, newer time: the time still has to follow the file. */
  if (!changed && g_strcmp0 (apl_plan_get_updated (plan), updated) != 0)
    _apl_plan_apply (plan, APL_PLAN_FIELD_TITLE, fields[APL_PLAN_FIELD_TITLE], updated);
}

/* A replaced plan's message list follows the rows just committed: removed
 * messages leave it, updated ones change (and notify), new ones are added
 * at the end, as the workspace orders them. */
static void
apply_to_messages (AplStore                   *self,
                   GListModel                 *messages,
                   const AplPlanRecord        *record,
                   const AplImportResolution  *res,
                   gint64                      plan_id)
{
  g_autoptr(GHashTable) removed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GListStore *list;

  if (!G_IS_LIST_STORE (messages))
    return;
  list = G_LIST_STORE (messages);

  /* Keyed by id, so that a plan with many messages is gone through once. */
  for (guint k = 0; k < res->removed_messages->len; k++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = g_array_index (res->removed_messages, gint64, k);
      g_hash_table_add (removed, key);
    }

  for (guint i = g_list_model_get_n_items (messages); i > 0; i--)
    {
      AplMessage *item = g_list_model_get_item (messages, i - 1);
      gint64 id = apl_message_get_id (item);

      if (g_hash_table_contains (removed, &id))
        {
          g_list_store_remove (list, i - 1);
          g_object_unref (item);
        }
      else
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          g_hash_table_insert (by_id, key, item);
        }
    }

  for (guint m = 0; m < record->messages->len; m++)
    {
      const AplMessageRecord *message = g_ptr_array_index (record->messages, m);
      g_autofree char *title = g_strstrip (g_strdup (message->fields[APL_MESSAGE_FIELD_TITLE]));
      const char *fields[APL_MESSAGE_N_FIELDS];
      AplMessage *item = NULL;

      for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
        fields[f] = message->fields[f];
      fields[APL_MESSAGE_FIELD_TITLE] = title;

      if (res->message_ids[m] != 0)
        item = g_hash_table_lookup (by_id, &res->message_ids[m]);

      if (item != NULL)
        _apl_message_apply (item, fields, message->updated);
      else
        {
          g_autoptr(AplMessage) added = _apl_message_new (self, res->new_message_ids[m], plan_id,
                                                          message->variant_group, fields, message->updated);

          g_list_store_append (list, added);
        }
    }
}

/* apl_organisation_set_field() saves in a transaction of its own, which
 * the import cannot share. The row already holds these values, so each call
 * rewrites the same text and then updates the object and notifies. */
static void
apply_to_profile (AplOrganisation     *organisation,
                  const AplPlanRecord *record)
{
  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!apl_organisation_set_field (organisation, i, record->profile[i], &error))
        g_debug ("Imported organisation profile not shown until the next start: %s", error->message);
    }
}

/* A register already loaded follows the rows just committed: new groups
 * and stakeholders, the relationships, and the maps it holds (every one:
 * a deleted stakeholder the import erased leaves other plans' maps too).
 * One not loaded yet will read them when first asked. */
static void
apply_to_register (AplStore *self)
{
  AplStakeholderRegister *reg = _apl_stakeholder_register_peek (self);
  g_autoptr(GError) error = NULL;

  if (reg != NULL && !_apl_stakeholder_register_reload (reg, 0, &error))
    g_debug ("Imported stakeholders not shown until the next start: %s", error->message);
}

struct _AplImportJob
{
  AplStore             *store;
  AplPlanRecord        *record;
  gboolean              keep_id;
  char                 *uuid;
  char                 *now;
  char                 *title;
  const char           *fields[APL_PLAN_N_FIELDS];
  const char           *created;
  const char           *updated;
  AplPlan              *existing;
  gint64                existing_id;
  gboolean              take_profile;
  GListModel           *messages;
  AplImportResolution   res;
  gint64                id;
};

void
_apl_import_job_free (AplImportJob *job)
{
  if (job == NULL)
    return;
  g_object_unref (job->store);
  g_free (job->uuid);
  g_free (job->now);
  g_free (job->title);
  g_clear_object (&job->existing);
  g_clear_object (&job->messages);
  _apl_import_resolution_clear (&job->res);
  g_free (job);
}

/**
 * _apl_store_import_prepare:
 * @record: a plan read from a file and fully checked; it must outlive the
 *   job
 * @keep_id: %TRUE to update the plan with the record's id, or add it under
 *   that id; %FALSE to add a new plan with a new id
 *
 * On the main thread: reads what the workspace's objects say about the
 * import (the plan it replaces, whether the organisation profile is still
 * empty) and loads the replaced plan's message list, so that it can follow
 * the import once it has committed.
 *
 * Returns: (transfer full) (nullable): the import, for
 * _apl_store_import_write() and _apl_store_import_finish()
 */
AplImportJob *
_apl_store_import_prepare (AplStore       *self,
                           AplPlanRecord  *record,
                           gboolean        keep_id,
                           GError        **error)
{
  AplOrganisation *organisation = apl_store_get_organisation (self);
  AplImportJob *job;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (organisation == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return NULL;
    }

  job = g_new0 (AplImportJob, 1);
  job->store = g_object_ref (self);
  job->record = record;
  job->keep_id = keep_id;
  job->now = _apl_store_now ();

  for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
    job->fields[i] = _apl_plan_record_get_field (record, i);
  /* Titles are stored trimmed, as apl_plan_set_field() does. */
  job->title = g_strstrip (g_strdup (job->fields[APL_PLAN_FIELD_TITLE]));
  job->fields[APL_PLAN_FIELD_TITLE] = job->title;

  if (keep_id)
    {
      AplPlan *existing;

      job->uuid = g_ascii_strdown (record->id, -1);
      job->created = record->values[APL_PLAN_VALUE_CREATED];
      job->updated = record->values[APL_PLAN_VALUE_UPDATED];
      existing = _apl_plan_list_find_uuid (_apl_store_get_plan_list (self), job->uuid);
      if (existing != NULL)
        {
          job->existing = g_object_ref (existing);
          job->existing_id = apl_plan_get_id (existing);
        }
    }
  else
    {
      job->uuid = g_uuid_string_random ();
      job->created = job->now;
      job->updated = job->now;
    }

  /* The profile belongs to the workspace, not to one plan: a file fills it
   * in only when the user has not written one yet. */
  job->take_profile = is_profile_empty (organisation);

  if (job->existing != NULL)
    {
      GListModel *messages = apl_store_get_messages (self, job->existing, error);

      if (messages == NULL)
        {
          _apl_import_job_free (job);
          return NULL;
        }
      job->messages = g_object_ref (messages);
    }
  return job;
}

/**
 * _apl_store_import_write:
 * @conn: the store's connection, or a worker's (then call this in the
 *   worker's thread)
 *
 * Writes the plan, its stakeholders, map, relationships, messages,
 * placeholder values, the format 3 sections (apl-store-plan-sections.c)
 * and, when the workspace has none yet, the organisation profile, in one
 * transaction. A new plan (@keep_id %FALSE) starts its own history: created
 * and updated are now. Otherwise the file's times are kept, except that a
 * plan the workspace already holds keeps its creation time.
 *
 * Cancelling @conn's cancellable (_apl_conn_set_progress()) rolls the
 * transaction back: the workspace stays exactly as it was.
 */
static gboolean write_in_transaction (AplImportJob  *job,
                                      AplConn       *conn,
                                      GError       **error);

static int
read_int_cb (void  *user_data,
             int    n_columns,
             char **values,
             char **names)
{
  if (n_columns > 0 && values[0] != NULL)
    *(gint64 *) user_data = g_ascii_strtoll (values[0], NULL, 10);
  return 0;
}

gboolean
_apl_store_import_write (AplImportJob  *job,
                         AplConn       *conn,
                         GError       **error)
{
  const AplPlanRecord *record = job->record;

  gint64 cache_size = 0;
  gboolean ok;

  conn->total_rows = _apl_import_count_rows (record) + 1;

  /* A plan with thousands of contacts writes far more pages than the
   * connection's cache holds (2 MiB by default): SQLite then writes dirty
   * pages to the WAL before the commit and reads them back. The same
   * budget as a contact import's, for this transaction only. */
  if (conn->total_rows > APL_STORE_IMPORT_LARGE_ROWS)
    {
      if (sqlite3_exec (conn->db, "PRAGMA cache_size", read_int_cb, &cache_size, NULL) != SQLITE_OK)
        cache_size = 0;
      sqlite3_exec (conn->db, "PRAGMA cache_size = -" G_STRINGIFY (APL_STORE_IMPORT_CACHE_KIB), NULL, NULL, NULL);
    }
  ok = write_in_transaction (job, conn, error);
  if (cache_size != 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

      sqlite3_exec (conn->db, sql, NULL, NULL, NULL);
    }
  return ok;
}

static gboolean
write_in_transaction (AplImportJob  *job,
                      AplConn       *conn,
                      GError       **error)
{
  const AplPlanRecord *record = job->record;
  gboolean existing = job->existing_id != 0;

  if (!_apl_conn_begin (conn, error))
    return FALSE;

  if (!_apl_import_resolve (conn, record, job->existing_id, &job->res, error)
      || !_apl_import_resolve_sections (conn, record, job->existing_id, job->keep_id, &job->res, error))
    goto fail;

  if (existing)
    {
      if (!update_plan (conn, job->existing_id, job->fields, job->updated, error))
        goto fail;
      job->id = job->existing_id;
    }
  else if (!insert_plan (conn, job->uuid, job->fields, job->created, job->updated, &job->id, error))
    goto fail;

  if (job->take_profile && !write_profile (conn, record, error))
    goto fail;

  if (!_apl_import_write_parts (conn, record, job->id, existing, &job->res, error))
    goto fail;

  /* The last moment a Cancel still leaves everything as it was. */
  if (g_cancellable_set_error_if_cancelled (conn->cancellable, error))
    goto fail;

  return _apl_conn_commit (conn, error);

fail:
  _apl_conn_rollback (conn);
  return FALSE;
}

/**
 * _apl_store_import_finish:
 *
 * On the main thread, once _apl_store_import_write() has committed: the
 * workspace's objects follow the rows just written, and notify.
 *
 * Returns: (transfer full): the plan, already in apl_store_get_plans().
 */
AplPlan *
_apl_store_import_finish (AplImportJob *job)
{
  AplStore *self = job->store;

  if (job->take_profile)
    apply_to_profile (apl_store_get_organisation (self), job->record);
  apply_to_register (self);

  /* Contact lists re-run their query; a contact the import merged was
   * not changed. The approvals page re-reads the plan's route. */
  if (job->record->contacts != NULL)
    {
      AplContactBook *book = apl_contact_book_get (self, NULL);

      if (book != NULL)
        _apl_contact_book_imported (book);
    }
  if (job->record->approvals != NULL)
    _apl_approvals_emit_changed (self, job->id);

  if (job->existing != NULL)
    {
      /* Pages showing the replaced plan's crisis cell and scenarios hold
       * its cached lists: they follow the file's. */
      if (job->record->crisis != NULL)
        _apl_store_crisis_reload (self, job->existing);
      apply_to_plan (job->existing, job->fields, job->updated);
      apply_to_messages (self, job->messages, job->record, &job->res, job->id);
      return g_object_ref (job->existing);
    }
  else
    {
      AplPlan *plan = _apl_plan_new (self, job->id, job->uuid, job->fields, job->created, job->updated);

      _apl_plan_list_add (_apl_store_get_plan_list (self), plan);
      return plan;
    }
}

/**
 * _apl_store_import_plan:
 *
 * The three steps above, on the main thread and the store's connection.
 */
AplPlan *
_apl_store_import_plan (AplStore       *self,
                        AplPlanRecord  *record,
                        gboolean        keep_id,
                        GError        **error)
{
  AplImportJob *job = _apl_store_import_prepare (self, record, keep_id, error);
  AplConn *conn;
  AplPlan *plan = NULL;

  if (job == NULL)
    return NULL;

  conn = _apl_store_main_connection (self);
  if (_apl_store_import_write (job, conn, error))
    plan = _apl_store_import_finish (job);
  _apl_conn_free (conn);
  _apl_import_job_free (job);
  return plan;
}

/**
 * _apl_store_preview_import_on:
 * @conn: the store's connection, or a worker's (then call this in the
 *   worker's thread)
 *
 * Same as _apl_store_preview_import(), through @conn only: the plan the
 * import would replace is looked up in the workspace file.
 */
gboolean
_apl_store_preview_import_on (AplConn              *conn,
                              const AplPlanRecord  *record,
                              gboolean              keep_id,
                              GPtrArray            *items,
                              GError              **error)
{
  AplImportResolution res = { 0, };
  g_autofree char *title = NULL;
  gint64 plan_id = 0;
  gboolean ok;

  if (keep_id)
    {
      g_autofree char *uuid = g_ascii_strdown (record->id, -1);
      sqlite3_stmt *stmt = _apl_conn_prepare (conn, "SELECT id FROM plans WHERE uuid = ?1 AND deleted_at IS NULL",
                                              error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      bind_value (stmt, 1, uuid);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        plan_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _apl_conn_set_error (conn, rc, error);
          return FALSE;
        }
    }

  ok = _apl_import_resolve (conn, record, plan_id, &res, error)
       && _apl_import_resolve_sections (conn, record, plan_id, keep_id, &res, error);
  if (ok)
    {
      title = g_strstrip (g_strdup (_apl_plan_record_get_field (record, APL_PLAN_FIELD_TITLE)));
      _apl_import_preview_add (items, plan_id != 0 ? APL_IMPORT_MERGE : APL_IMPORT_CREATE, "plan", title);
      _apl_import_preview_parts (record, &res, items);
    }
  _apl_import_resolution_clear (&res);
  return ok;
}

/**
 * _apl_store_preview_import:
 * @record: a plan read from a file and fully checked
 * @keep_id: as for _apl_store_import_plan()
 * @items: (element-type AplImportPreviewItem): where to add what the
 *   import would do
 *
 * Works out what _apl_store_import_plan() would create, reuse and remove,
 * without writing anything.
 */
gboolean
_apl_store_preview_import (AplStore             *self,
                           const AplPlanRecord  *record,
                           gboolean              keep_id,
                           GPtrArray            *items,
                           GError              **error)
{
  AplImportResolution res = { 0, };
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  AplPlan *existing = NULL;
  AplConn *conn;
  gint64 plan_id;
  gboolean ok;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (apl_store_get_organisation (self) == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return FALSE;
    }

  if (keep_id)
    {
      uuid = g_ascii_strdown (record->id, -1);
      existing = _apl_plan_list_find_uuid (_apl_store_get_plan_list (self), uuid);
    }
  plan_id = existing != NULL ? apl_plan_get_id (existing) : 0;

  conn = _apl_store_main_connection (self);
  ok = _apl_import_resolve (conn, record, plan_id, &res, error)
       && _apl_import_resolve_sections (conn, record, plan_id, keep_id, &res, error);
  _apl_conn_free (conn);
  if (!ok)
    {
      _apl_import_resolution_clear (&res);
      return FALSE;
    }

  title = g_strstrip (g_strdup (_apl_plan_record_get_field (record, APL_PLAN_FIELD_TITLE)));
  _apl_import_preview_add (items, existing != NULL ? APL_IMPORT_MERGE : APL_IMPORT_CREATE, "plan", title);
  _apl_import_preview_parts (record, &res, items);
  _apl_import_resolution_clear (&res);
  return TRUE;
}
