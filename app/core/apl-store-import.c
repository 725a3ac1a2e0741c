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
 * organisation profile, and a replaced plan's message list. The
 * stakeholder register, when one is already loaded, is not told about the
 * stakeholders and places the import added (it has no way to be told yet);
 * it shows them the next time the workspace is opened.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-message-private.h"
#include "apl-plan-private.h"
#include "apl-plan-record.h"
#include "apl-store-db.h"
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
update_plan (AplStore            *self,
             AplPlan             *plan,
             const char * const  *fields,
             const char          *updated,
             GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "UPDATE plans SET title = ?1, organisation = ?2, owner = ?3, "
                             "  scenario_summary = ?4, language = ?5, next_review = ?6, updated_at = ?7 "
                             "WHERE id = ?8 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_fields (stmt, fields);
  bind_value (stmt, 7, updated);
  sqlite3_bind_int64 (stmt, 8, apl_plan_get_id (plan));
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan “%s” no longer exists."), apl_plan_get_title (plan));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_plan (AplStore            *self,
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
  stmt = _apl_store_prepare (self, "DELETE FROM plans WHERE uuid = ?1 AND deleted_at IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  bind_value (stmt, 1, uuid);
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
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
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
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
write_profile (AplStore             *self,
               const AplPlanRecord  *record,
               GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "UPDATE organisation SET name = ?1, website = ?2, press_hotline = ?3, "
                             "  spokesperson = ?4 WHERE id = 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    bind_value (stmt, i + 1, record->profile[i]);
  return _apl_store_step_done (self, stmt, error);
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

/**
 * _apl_store_import_plan:
 * @record: a plan read from a file and fully checked
 * @keep_id: %TRUE to update the plan with the record's id, or add it under
 *   that id; %FALSE to add a new plan with a new id
 *
 * Writes the plan, its stakeholders, map, relationships, messages and
 * placeholder values (see apl-store-import-parts.c) and, when the workspace
 * has none yet, the organisation profile, in one transaction. A new plan (@keep_id %FALSE) starts its own
 * history: created and updated are now. Otherwise the file's times are
 * kept, except that a plan the workspace already holds keeps its creation
 * time.
 *
 * Returns: (transfer full): the plan, already in apl_store_get_plans().
 */
AplPlan *
_apl_store_import_plan (AplStore             *self,
                        const AplPlanRecord  *record,
                        gboolean              keep_id,
                        GError              **error)
{
  AplOrganisation *organisation = apl_store_get_organisation (self);
  g_autofree char *uuid = NULL;
  g_autofree char *now = _apl_store_now ();
  g_autofree char *title = NULL;
  const char *fields[APL_PLAN_N_FIELDS];
  const char *created;
  const char *updated;
  AplPlan *existing = NULL;
  AplPlan *plan = NULL;
  AplImportResolution res = { 0, };
  GListModel *messages = NULL;
  gboolean take_profile;
  gint64 id = 0;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (organisation == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return NULL;
    }

  for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
    fields[i] = _apl_plan_record_get_field (record, i);
  /* Titles are stored trimmed, as apl_plan_set_field() does. */
  title = g_strstrip (g_strdup (fields[APL_PLAN_FIELD_TITLE]));
  fields[APL_PLAN_FIELD_TITLE] = title;

  if (keep_id)
    {
      uuid = g_ascii_strdown (record->id, -1);
      created = record->values[APL_PLAN_VALUE_CREATED];
      updated = record->values[APL_PLAN_VALUE_UPDATED];
      existing = _apl_plan_list_find_uuid (_apl_store_get_plan_list (self), uuid);
    }
  else
    {
      uuid = g_uuid_string_random ();
      created = now;
      updated = now;
    }

  /* The profile belongs to the workspace, not to one plan: a file fills it
   * in only when the user has not written one yet. */
  take_profile = is_profile_empty (organisation);

  /* The replaced plan's message list, loaded now (outside the transaction)
   * so that it can follow the import once it has committed. */
  if (existing != NULL)
    {
      messages = apl_store_get_messages (self, existing, error);
      if (messages == NULL)
        return NULL;
    }

  if (!_apl_store_begin (self, error))
    return NULL;

  if (!_apl_import_resolve (self, record, existing != NULL ? apl_plan_get_id (existing) : 0, &res, error))
    goto fail;

  if (existing != NULL)
    {
      if (!update_plan (self, existing, fields, updated, error))
        goto fail;
      id = apl_plan_get_id (existing);
    }
  else if (!insert_plan (self, uuid, fields, created, updated, &id, error))
    goto fail;

  if (take_profile && !write_profile (self, record, error))
    goto fail;

  if (!_apl_import_write_parts (self, record, id, existing != NULL, &res, error))
    goto fail;

  if (!_apl_store_commit (self, error))
    goto out;

  if (take_profile)
    apply_to_profile (organisation, record);

  if (existing != NULL)
    {
      apply_to_plan (existing, fields, updated);
      apply_to_messages (self, messages, record, &res, id);
      plan = g_object_ref (existing);
    }
  else
    {
      plan = _apl_plan_new (self, id, uuid, fields, created, updated);
      _apl_plan_list_add (_apl_store_get_plan_list (self), plan);
    }
  goto out;

fail:
  _apl_store_rollback (self);
out:
  _apl_import_resolution_clear (&res);
  return plan;
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

  if (!_apl_import_resolve (self, record, existing != NULL ? apl_plan_get_id (existing) : 0, &res, error))
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
