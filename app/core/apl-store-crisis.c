/* apl-store-crisis.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of crisis plans: scenarios, the crisis cell and its
 * RACI grid, checklists, activations, owned channels, questions and
 * answers. Every change is one transaction; lists change (items-changed)
 * only once it has committed. Lists are loaded the first time they are
 * asked for and kept for the session, like the message lists.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-crisis-private.h"
#include "apl-store-db.h"

#define CACHE_KEY  "apl-crisis-cache"
#define RACI_KEY   "apl-crisis-raci"
#define PURGED_KEY "apl-crisis-purged"

typedef enum
{
  VALUE_TEXT,
  VALUE_TEXT_OR_NULL,
  VALUE_NUMBER_OR_NULL,
  VALUE_NUMBER_PAIR,
} ValueType;

/* Indexed by AplCrisisColumn. ?1 is the value, ?2 the time of the change,
 * ?3 the record's id, ?4 a second number. Changing who holds a role, their
 * deputy or their 24/7 contact counts as reviewing the role. */
static const struct { const char *sql; ValueType type; } columns[APL_CRISIS_N_COLUMNS] = {
  { "UPDATE crisis_scenarios SET title = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET description = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET signals = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET watch_trigger = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET watch_actions = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET alert_trigger = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET alert_actions = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET crisis_trigger = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET crisis_actions = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET kind = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_scenarios SET likelihood = ?1, impact = ?4, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_NUMBER_PAIR },
  { "UPDATE crisis_roles SET custom_name = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_roles SET person = ?1, reviewed_on = substr (?2, 1, 10), updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_roles SET deputy = ?1, reviewed_on = substr (?2, 1, 10), updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_roles SET contact = ?1, reviewed_on = substr (?2, 1, 10), updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_roles SET responsibilities = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT },
  { "UPDATE crisis_roles SET reviewed_on = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL", VALUE_TEXT_OR_NULL },
  { "UPDATE checklist_steps SET action = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE checklist_steps SET role_id = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_NUMBER_OR_NULL },
  { "UPDATE checklist_steps SET target_minutes = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_NUMBER_OR_NULL },
  { "UPDATE scenario_questions SET question = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE scenario_questions SET answer = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE scenario_questions SET language = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE owned_channels SET name = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE owned_channels SET publishers = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE owned_channels SET credentials_location = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE owned_channels SET kind = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
  { "UPDATE raci_tasks SET name = ?1 WHERE id = ?3 AND deleted_at IS NULL AND ?2 IS NOT NULL", VALUE_TEXT },
};

static const char * const raci_keys[APL_N_RACI] = { "", "R", "A", "C", "I" };

#define SCENARIO_SELECT \
  "SELECT id, plan_id, kind, title, description, signals, watch_trigger, watch_actions, " \
  "       alert_trigger, alert_actions, crisis_trigger, crisis_actions, likelihood, impact " \
  "FROM crisis_scenarios "
#define ROLE_SELECT \
  "SELECT id, plan_id, role_key, custom_name, person, deputy, contact, responsibilities, " \
  "       reviewed_on, created_at FROM crisis_roles "
#define STEP_SELECT \
  "SELECT id, scenario_id, level, action, role_id, target_minutes FROM checklist_steps "
#define QUESTION_SELECT \
  "SELECT id, scenario_id, question, answer, language FROM scenario_questions "
#define CHANNEL_SELECT \
  "SELECT id, plan_id, kind, name, publishers, credentials_location FROM owned_channels "

/* Helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static GHashTable *
get_cache (AplStore *self)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_object_set_data_full (G_OBJECT (self), CACHE_KEY, cache, (GDestroyNotify) g_hash_table_unref);
    }
  return cache;
}

/* "task:role" → AplRaci */
static GHashTable *
get_raci (AplStore *self)
{
  GHashTable *raci = g_object_get_data (G_OBJECT (self), RACI_KEY);

  if (raci == NULL)
    {
      raci = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (self), RACI_KEY, raci, (GDestroyNotify) g_hash_table_unref);
    }
  return raci;
}

static gboolean
fail (AplStore  *self,
      int        rc,
      GError   **error)
{
  _apl_store_set_error (self, rc, error);
  return FALSE;
}

static gboolean
rollback (AplStore *self)
{
  _apl_store_rollback (self);
  return FALSE;
}

/* Deletions from an earlier session can no longer be undone: erase them
 * the first time this session looks at a crisis plan. Scenarios go first
 * so that their steps and questions go with them. */
static gboolean
purge_deleted_once (AplStore  *self,
                    GError   **error)
{
  static const char * const purges[] = {
    "DELETE FROM crisis_scenarios WHERE deleted_at IS NOT NULL",
    "DELETE FROM crisis_roles WHERE deleted_at IS NOT NULL",
    "DELETE FROM raci_tasks WHERE deleted_at IS NOT NULL",
    "DELETE FROM checklist_steps WHERE deleted_at IS NOT NULL",
    "DELETE FROM scenario_questions WHERE deleted_at IS NOT NULL",
    "DELETE FROM owned_channels WHERE deleted_at IS NOT NULL",
  };

  if (g_object_get_data (G_OBJECT (self), PURGED_KEY) != NULL)
    return TRUE;

  if (!_apl_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (purges); i++)
    {
      sqlite3_stmt *stmt = _apl_store_prepare (self, purges[i], error);

      if (stmt == NULL || !_apl_store_step_done (self, stmt, error))
        return rollback (self);
    }
  if (!_apl_store_commit (self, error))
    return FALSE;

  g_object_set_data (G_OBJECT (self), PURGED_KEY, GINT_TO_POINTER (1));
  return TRUE;
}

typedef GObject *(*RowFunc) (AplStore *self, sqlite3_stmt *stmt);

/* Runs @stmt (its parameters bound) and fills a new list from its rows. */
static GListStore *
load_rows (AplStore      *self,
           sqlite3_stmt  *stmt,
           GType          type,
           RowFunc        row_func,
           GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = row_func (self, stmt);

      g_list_store_append (list, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef gint64 (*IdFunc) (gpointer item);

static gboolean
list_find (GListModel *list,
           IdFunc      get_id,
           gint64      id,
           guint      *position)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      if (get_id (item) == id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Lists keep creation order; an undeleted record goes back to its place. */
static void
list_insert_by_id (GListStore *list,
                   IdFunc      get_id,
                   gpointer    item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (get_id (other) > get_id (item))
        break;
    }
  g_list_store_insert (list, i, item);
}

static void
cache_remove_item (AplStore   *self,
                   const char *key,
                   IdFunc      get_id,
                   gint64      id)
{
  GListStore *list = g_hash_table_lookup (get_cache (self), key);
  guint position;

  if (list != NULL && list_find (G_LIST_MODEL (list), get_id, id, &position))
    g_list_store_remove (list, position);
}

static void
cache_insert_item (AplStore   *self,
                   const char *key,
                   IdFunc      get_id,
                   gpointer    item)
{
  GListStore *list = g_hash_table_lookup (get_cache (self), key);

  if (list != NULL && !list_find (G_LIST_MODEL (list), get_id, get_id (item), NULL))
    list_insert_by_id (list, get_id, item);
}

/* Sets or clears deleted_at on one record; @delete_sql and @undelete_sql
 * take ?1 the time and ?2 the id. */
static gboolean
set_deleted (AplStore    *self,
             const char  *sql,
             gint64       id,
             gboolean     deleted,
             const char  *what,
             GError     **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, sql, error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_apl_store_step_done (self, stmt, error))
    return rollback (self);
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      if (deleted)
        /* Translators: %s is what was deleted: "scenario", "role"… */
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                     _("The %s no longer exists."), what);
      else
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                     _("The %s can no longer be restored."), what);
      return rollback (self);
    }
  return _apl_store_commit (self, error);
}

static gint64
insert_done (AplStore  *self,
             GError   **error)
{
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The plan no longer exists."));
      return 0;
    }
  return sqlite3_last_insert_rowid (_apl_store_get_db (self));
}

/* Writing one column */

gboolean
_apl_store_crisis_write (AplStore             *self,
                         AplCrisisColumn       column,
                         gint64                id,
                         const AplCrisisValue *value,
                         const char           *now,
                         GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (column < APL_CRISIS_N_COLUMNS, FALSE);

  if (self == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, columns[column].sql, error);
  if (stmt == NULL)
    return rollback (self);

  switch (columns[column].type)
    {
    case VALUE_TEXT:
      sqlite3_bind_text (stmt, 1, value->text ? value->text : "", -1, SQLITE_TRANSIENT);
      break;
    case VALUE_TEXT_OR_NULL:
      if (value->text == NULL)
        sqlite3_bind_null (stmt, 1);
      else
        sqlite3_bind_text (stmt, 1, value->text, -1, SQLITE_TRANSIENT);
      break;
    case VALUE_NUMBER_OR_NULL:
      if (value->is_null)
        sqlite3_bind_null (stmt, 1);
      else
        sqlite3_bind_int64 (stmt, 1, value->number);
      break;
    case VALUE_NUMBER_PAIR:
    default:
      sqlite3_bind_int64 (stmt, 1, value->number);
      sqlite3_bind_int64 (stmt, 4, value->number2);
      break;
    }
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);

  if (!_apl_store_step_done (self, stmt, error))
    return rollback (self);
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("That part of the plan no longer exists: it was deleted."));
      return rollback (self);
    }
  return _apl_store_commit (self, error);
}

/* Scenarios */

static GObject *
scenario_from_row (AplStore     *self,
                   sqlite3_stmt *stmt)
{
  AplScenarioRow row = { 0, };

  row.id = sqlite3_column_int64 (stmt, 0);
  row.plan_id = sqlite3_column_int64 (stmt, 1);
  if (!apl_scenario_kind_from_key (column_text (stmt, 2), &row.kind))
    row.kind = APL_SCENARIO_KIND_OTHER;
  for (guint i = 0; i < APL_SCENARIO_N_FIELDS; i++)
    row.fields[i] = column_text (stmt, 3 + i);
  row.likelihood = sqlite3_column_int (stmt, 12);
  row.impact = sqlite3_column_int (stmt, 13);
  return G_OBJECT (_apl_scenario_new (self, &row));
}

static gint64
scenario_id (gpointer item)
{
  return apl_scenario_get_id (item);
}

static char *
plan_key (const char *what,
          gint64      plan_id)
{
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, what, plan_id);
}

/**
 * apl_store_get_scenarios:
 *
 * Returns: (transfer none): a #GListModel of the plan's #AplScenario, in
 * creation order
 */
GListModel *
apl_store_get_scenarios (AplStore  *self,
                         AplPlan   *plan,
                         GError   **error)
{
  g_autofree char *key = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  key = plan_key ("scenarios", apl_plan_get_id (plan));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list != NULL)
    return G_LIST_MODEL (list);

  if (!purge_deleted_once (self, error))
    return NULL;
  stmt = _apl_store_prepare (self, SCENARIO_SELECT "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  list = load_rows (self, stmt, APL_TYPE_SCENARIO, scenario_from_row, error);
  if (list == NULL)
    return NULL;
  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), list);
  return G_LIST_MODEL (list);
}

/**
 * apl_store_find_scenario:
 *
 * Returns: (transfer none) (nullable): the plan's scenario with that id
 */
AplScenario *
apl_store_find_scenario (AplStore *self,
                         AplPlan  *plan,
                         gint64    id)
{
  GListModel *list = apl_store_get_scenarios (self, plan, NULL);
  guint position;
  g_autoptr(AplScenario) scenario = NULL;

  if (list == NULL || !list_find (list, scenario_id, id, &position))
    return NULL;
  scenario = g_list_model_get_item (list, position);
  return scenario;
}

static AplScenario *
read_scenario (AplStore  *self,
               gint64     id,
               GError   **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self, SCENARIO_SELECT "WHERE id = ?1", error);
  AplScenario *scenario = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    scenario = APL_SCENARIO (scenario_from_row (self, stmt));
  else if (rc == SQLITE_DONE)
    g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The scenario no longer exists."));
  else
    _apl_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return scenario;
}

static gint64
insert_scenario (AplStore        *self,
                 gint64           plan_id,
                 AplScenarioKind  kind,
                 const char     **fields,
                 int              likelihood,
                 int              impact,
                 const char      *now,
                 GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO crisis_scenarios (plan_id, kind, title, description, signals, "
                             "  watch_trigger, watch_actions, alert_trigger, alert_actions, crisis_trigger, "
                             "  crisis_actions, likelihood, impact, created_at, updated_at) "
                             "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14 "
                             "FROM plans WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, apl_scenario_kind_get_key (kind), -1, SQLITE_STATIC);
  for (guint i = 0; i < APL_SCENARIO_N_FIELDS; i++)
    sqlite3_bind_text (stmt, 3 + i, fields[i] ? fields[i] : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, likelihood);
  sqlite3_bind_int (stmt, 13, impact);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return 0;
  return insert_done (self, error);
}

/**
 * apl_store_add_scenario:
 * @title: the scenario's title, not empty
 *
 * Returns: (transfer full): the new scenario, already in
 * apl_store_get_scenarios(), with likelihood and impact at 3
 */
AplScenario *
apl_store_add_scenario (AplStore         *self,
                        AplPlan          *plan,
                        AplScenarioKind   kind,
                        const char       *title,
                        GError          **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  const char *fields[APL_SCENARIO_N_FIELDS] = { NULL, };
  GListModel *list;
  AplScenario *scenario;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, NULL);

  clean = g_strstrip (g_strdup (title ? title : ""));
  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The scenario title cannot be empty."));
      return NULL;
    }
  list = apl_store_get_scenarios (self, plan, error);
  if (list == NULL)
    return NULL;

  fields[APL_SCENARIO_FIELD_TITLE] = clean;
  if (!_apl_store_begin (self, error))
    return NULL;
  id = insert_scenario (self, apl_plan_get_id (plan), kind, fields, 3, 3, now, error);
  if (id == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  scenario = read_scenario (self, id, error);
  if (scenario != NULL)
    g_list_store_append (G_LIST_STORE (list), scenario);
  return scenario;
}

gboolean
apl_store_delete_scenario (AplStore     *self,
                           AplScenario  *scenario,
                           GError      **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), FALSE);

  if (!set_deleted (self, "UPDATE crisis_scenarios SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    apl_scenario_get_id (scenario), TRUE, _("scenario"), error))
    return FALSE;
  key = plan_key ("scenarios", apl_scenario_get_plan_id (scenario));
  cache_remove_item (self, key, scenario_id, apl_scenario_get_id (scenario));
  return TRUE;
}

gboolean
apl_store_undelete_scenario (AplStore     *self,
                             AplScenario  *scenario,
                             GError      **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), FALSE);

  if (!set_deleted (self, "UPDATE crisis_scenarios SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                    apl_scenario_get_id (scenario), FALSE, _("scenario"), error))
    return FALSE;
  key = plan_key ("scenarios", apl_scenario_get_plan_id (scenario));
  cache_insert_item (self, key, scenario_id, scenario);
  return TRUE;
}

/* Crisis-cell roles */

static GObject *
role_from_row (AplStore     *self,
               sqlite3_stmt *stmt)
{
  AplRoleRow row = { 0, };

  row.id = sqlite3_column_int64 (stmt, 0);
  row.plan_id = sqlite3_column_int64 (stmt, 1);
  if (!apl_role_kind_from_key (column_text (stmt, 2), &row.kind))
    row.kind = APL_ROLE_CUSTOM;
  for (guint i = 0; i < APL_ROLE_N_FIELDS; i++)
    row.fields[i] = column_text (stmt, 3 + i);
  row.created = column_text (stmt, 9);
  return G_OBJECT (_apl_crisis_role_new (self, &row));
}

static gint64
role_id (gpointer item)
{
  return apl_crisis_role_get_id (item);
}

/**
 * apl_store_get_crisis_roles:
 *
 * Returns: (transfer none): a #GListModel of the plan's #AplCrisisRole, in
 * creation order
 */
GListModel *
apl_store_get_crisis_roles (AplStore  *self,
                            AplPlan   *plan,
                            GError   **error)
{
  g_autofree char *key = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  key = plan_key ("roles", apl_plan_get_id (plan));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list != NULL)
    return G_LIST_MODEL (list);

  if (!purge_deleted_once (self, error))
    return NULL;
  stmt = _apl_store_prepare (self, ROLE_SELECT "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  list = load_rows (self, stmt, APL_TYPE_CRISIS_ROLE, role_from_row, error);
  if (list == NULL)
    return NULL;
  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), list);
  return G_LIST_MODEL (list);
}

/**
 * apl_store_find_crisis_role:
 *
 * Returns: (transfer none) (nullable): the plan's role with that id, %NULL
 * when there is none (or it was deleted)
 */
AplCrisisRole *
apl_store_find_crisis_role (AplStore *self,
                            AplPlan  *plan,
                            gint64    id)
{
  GListModel *list = apl_store_get_crisis_roles (self, plan, NULL);
  g_autoptr(AplCrisisRole) role = NULL;
  guint position;

  if (id == 0 || list == NULL || !list_find (list, role_id, id, &position))
    return NULL;
  role = g_list_model_get_item (list, position);
  return role;
}

static gint64
insert_role (AplStore     *self,
             gint64        plan_id,
             AplRoleKind   kind,
             const char   *custom_name,
             const char   *responsibilities,
             const char   *now,
             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO crisis_roles (plan_id, role_key, custom_name, responsibilities, "
                             "                          created_at, updated_at) "
                             "SELECT ?1, ?2, ?3, ?4, ?5, ?5 FROM plans WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, apl_role_kind_get_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, custom_name ? custom_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, responsibilities ? responsibilities : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return 0;
  return insert_done (self, error);
}

static AplCrisisRole *
read_role (AplStore  *self,
           gint64     id,
           GError   **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self, ROLE_SELECT "WHERE id = ?1", error);
  AplCrisisRole *role = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    role = APL_CRISIS_ROLE (role_from_row (self, stmt));
  else if (rc == SQLITE_DONE)
    g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The role no longer exists."));
  else
    _apl_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return role;
}

/**
 * apl_store_add_crisis_role:
 * @kind: a standard role, or %APL_ROLE_CUSTOM
 * @custom_name: (nullable): the role's name; required for a custom role,
 *   optional (it replaces the standard name) otherwise
 *
 * Returns: (transfer full): the new role, without a person yet
 */
AplCrisisRole *
apl_store_add_crisis_role (AplStore     *self,
                           AplPlan      *plan,
                           AplRoleKind   kind,
                           const char   *custom_name,
                           GError      **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = g_strstrip (g_strdup (custom_name ? custom_name : ""));
  AplCrisisRole *role;
  GListModel *list;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);
  g_return_val_if_fail (kind < APL_N_ROLE_KINDS, NULL);

  if (kind == APL_ROLE_CUSTOM && *clean == '\0')
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A custom role needs a name."));
      return NULL;
    }
  list = apl_store_get_crisis_roles (self, plan, error);
  if (list == NULL || !_apl_store_begin (self, error))
    return NULL;
  id = insert_role (self, apl_plan_get_id (plan), kind, clean, "", now, error);
  if (id == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  role = read_role (self, id, error);
  if (role != NULL)
    g_list_store_append (G_LIST_STORE (list), role);
  return role;
}

gboolean
apl_store_delete_crisis_role (AplStore       *self,
                              AplCrisisRole  *role,
                              GError        **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (role), FALSE);

  if (!set_deleted (self, "UPDATE crisis_roles SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    apl_crisis_role_get_id (role), TRUE, _("role"), error))
    return FALSE;
  key = plan_key ("roles", apl_crisis_role_get_plan_id (role));
  cache_remove_item (self, key, role_id, apl_crisis_role_get_id (role));
  return TRUE;
}

gboolean
apl_store_undelete_crisis_role (AplStore       *self,
                                AplCrisisRole  *role,
                                GError        **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (role), FALSE);

  if (!set_deleted (self, "UPDATE crisis_roles SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                    apl_crisis_role_get_id (role), FALSE, _("role"), error))
    return FALSE;
  key = plan_key ("roles", apl_crisis_role_get_plan_id (role));
  cache_insert_item (self, key, role_id, role);
  return TRUE;
}

/* RACI */

static gint64
task_id (gpointer item)
{
  return apl_raci_task_get_id (item);
}

static GObject *
task_from_row (AplStore     *self,
               sqlite3_stmt *stmt)
{
  return G_OBJECT (_apl_raci_task_new (self, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                       column_text (stmt, 2)));
}

static char *
raci_key (gint64 task,
          gint64 role)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, task, role);
}

/**
 * apl_store_get_raci_tasks:
 *
 * Returns: (transfer none): a #GListModel of the plan's #AplRaciTask, the
 * rows of its RACI grid
 */
GListModel *
apl_store_get_raci_tasks (AplStore  *self,
                          AplPlan   *plan,
                          GError   **error)
{
  g_autofree char *key = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  key = plan_key ("tasks", apl_plan_get_id (plan));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list != NULL)
    return G_LIST_MODEL (list);

  if (!purge_deleted_once (self, error))
    return NULL;

  /* The cells first: the grid asks for them as soon as it has the rows. */
  stmt = _apl_store_prepare (self,
                             "SELECT c.task_id, c.role_id, c.value FROM raci_cells c "
                             "JOIN raci_tasks t ON t.id = c.task_id WHERE t.plan_id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = column_text (stmt, 2);

      for (guint i = 1; i < APL_N_RACI; i++)
        if (strcmp (value, raci_keys[i]) == 0)
          g_hash_table_replace (get_raci (self),
                                raci_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1)),
                                GUINT_TO_POINTER (i));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }

  stmt = _apl_store_prepare (self, "SELECT id, plan_id, name FROM raci_tasks WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  list = load_rows (self, stmt, APL_TYPE_RACI_TASK, task_from_row, error);
  if (list == NULL)
    return NULL;
  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), list);
  return G_LIST_MODEL (list);
}

static gint64
insert_task (AplStore    *self,
             gint64       plan_id,
             const char  *name,
             GError     **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self,
                                           "INSERT INTO raci_tasks (plan_id, name) "
                                           "SELECT ?1, ?2 FROM plans WHERE id = ?1 AND deleted_at IS NULL",
                                           error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return 0;
  return insert_done (self, error);
}

AplRaciTask *
apl_store_add_raci_task (AplStore    *self,
                         AplPlan     *plan,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  AplRaciTask *task;
  GListModel *list;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The task name cannot be empty."));
      return NULL;
    }
  list = apl_store_get_raci_tasks (self, plan, error);
  if (list == NULL || !_apl_store_begin (self, error))
    return NULL;
  id = insert_task (self, apl_plan_get_id (plan), clean, error);
  if (id == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  task = _apl_raci_task_new (self, id, apl_plan_get_id (plan), clean);
  g_list_store_append (G_LIST_STORE (list), task);
  return task;
}

static gint64
task_plan_id (AplStore    *self,
              AplRaciTask *task)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Tasks do not keep their plan id public; the cache knows it. */
  g_hash_table_iter_init (&iter, get_cache (self));
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "tasks/")
        && list_find (G_LIST_MODEL (value), task_id, apl_raci_task_get_id (task), NULL))
      return g_ascii_strtoll ((const char *) key + strlen ("tasks/"), NULL, 10);
  return 0;
}

gboolean
apl_store_delete_raci_task (AplStore     *self,
                            AplRaciTask  *task,
                            GError      **error)
{
  gint64 plan_id;
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_RACI_TASK (task), FALSE);

  plan_id = task_plan_id (self, task);
  if (!set_deleted (self, "UPDATE raci_tasks SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    apl_raci_task_get_id (task), TRUE, _("task"), error))
    return FALSE;
  /* Remembered on the object so that undo finds its list again. */
  g_object_set_data (G_OBJECT (task), "apl-plan-id", GSIZE_TO_POINTER ((gsize) plan_id));
  key = plan_key ("tasks", plan_id);
  cache_remove_item (self, key, task_id, apl_raci_task_get_id (task));
  return TRUE;
}

gboolean
apl_store_undelete_raci_task (AplStore     *self,
                              AplRaciTask  *task,
                              GError      **error)
{
  gint64 plan_id;
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_RACI_TASK (task), FALSE);

  if (!set_deleted (self, "UPDATE raci_tasks SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                    apl_raci_task_get_id (task), FALSE, _("task"), error))
    return FALSE;
  plan_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "apl-plan-id"));
  key = plan_key ("tasks", plan_id);
  cache_insert_item (self, key, task_id, task);
  return TRUE;
}

/**
 * apl_store_get_raci:
 *
 * Returns: the role's part in the task. The plan's tasks must have been
 * loaded with apl_store_get_raci_tasks().
 */
AplRaci
apl_store_get_raci (AplStore      *self,
                    AplRaciTask   *task,
                    AplCrisisRole *role)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), APL_RACI_NONE);
  g_return_val_if_fail (APL_IS_RACI_TASK (task), APL_RACI_NONE);
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (role), APL_RACI_NONE);

  key = raci_key (apl_raci_task_get_id (task), apl_crisis_role_get_id (role));
  return GPOINTER_TO_UINT (g_hash_table_lookup (get_raci (self), key));
}

/**
 * apl_store_set_raci:
 *
 * Sets the role's part in the task; %APL_RACI_NONE removes it.
 */
gboolean
apl_store_set_raci (AplStore       *self,
                    AplRaciTask    *task,
                    AplCrisisRole  *role,
                    AplRaci         value,
                    GError        **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_RACI_TASK (task), FALSE);
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (role), FALSE);
  g_return_val_if_fail (value < APL_N_RACI, FALSE);

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = value == APL_RACI_NONE
    ? _apl_store_prepare (self, "DELETE FROM raci_cells WHERE task_id = ?1 AND role_id = ?2 AND ?3 IS NOT NULL", error)
    : _apl_store_prepare (self,
                          "INSERT INTO raci_cells (task_id, role_id, value) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (task_id, role_id) DO UPDATE SET value = excluded.value",
                          error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, apl_raci_task_get_id (task));
  sqlite3_bind_int64 (stmt, 2, apl_crisis_role_get_id (role));
  sqlite3_bind_text (stmt, 3, raci_keys[value], -1, SQLITE_STATIC);
  if (!_apl_store_step_done (self, stmt, error))
    return rollback (self);
  if (!_apl_store_commit (self, error))
    return FALSE;

  key = raci_key (apl_raci_task_get_id (task), apl_crisis_role_get_id (role));
  if (value == APL_RACI_NONE)
    g_hash_table_remove (get_raci (self), key);
  else
    g_hash_table_replace (get_raci (self), g_steal_pointer (&key), GUINT_TO_POINTER (value));
  return TRUE;
}

/* Checklists */

static GObject *
step_from_row (AplStore     *self,
               sqlite3_stmt *stmt)
{
  AplStepRow row = { 0, };

  row.id = sqlite3_column_int64 (stmt, 0);
  row.scenario_id = sqlite3_column_int64 (stmt, 1);
  if (!apl_level_from_key (column_text (stmt, 2), &row.level))
    row.level = APL_LEVEL_WATCH;
  row.action = column_text (stmt, 3);
  row.role_id = sqlite3_column_int64 (stmt, 4);
  row.target_minutes = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 5);
  return G_OBJECT (_apl_checklist_step_new (self, &row));
}

static gint64
step_id (gpointer item)
{
  return apl_checklist_step_get_id (item);
}

static char *
checklist_key (gint64   scenario,
               AplLevel level)
{
  return g_strdup_printf ("steps/%" G_GINT64_FORMAT "/%d", scenario, level);
}

/**
 * apl_store_get_checklist:
 *
 * Returns: (transfer none): a #GListModel of the #AplChecklistStep of the
 * scenario at @level, in their order
 */
GListModel *
apl_store_get_checklist (AplStore     *self,
                         AplScenario  *scenario,
                         AplLevel      level,
                         GError      **error)
{
  g_autofree char *key = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (level < APL_N_LEVELS, NULL);

  key = checklist_key (apl_scenario_get_id (scenario), level);
  list = g_hash_table_lookup (get_cache (self), key);
  if (list != NULL)
    return G_LIST_MODEL (list);

  if (!purge_deleted_once (self, error))
    return NULL;
  stmt = _apl_store_prepare (self,
                             STEP_SELECT "WHERE scenario_id = ?1 AND level = ?2 AND deleted_at IS NULL "
                             "ORDER BY position, id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_scenario_get_id (scenario));
  sqlite3_bind_text (stmt, 2, apl_level_get_key (level), -1, SQLITE_STATIC);
  list = load_rows (self, stmt, APL_TYPE_CHECKLIST_STEP, step_from_row, error);
  if (list == NULL)
    return NULL;
  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), list);
  return G_LIST_MODEL (list);
}

static gint64
insert_step (AplStore    *self,
             gint64       scenario,
             AplLevel     level,
             const char  *action,
             gint64       role,
             int          minutes,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO checklist_steps (scenario_id, level, position, action, role_id, target_minutes) "
                             "SELECT ?1, ?2, coalesce ((SELECT max (position) + 1 FROM checklist_steps "
                             "                          WHERE scenario_id = ?1 AND level = ?2), 0), ?3, ?4, ?5 "
                             "FROM crisis_scenarios WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, scenario);
  sqlite3_bind_text (stmt, 2, apl_level_get_key (level), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  if (role > 0)
    sqlite3_bind_int64 (stmt, 4, role);
  else
    sqlite3_bind_null (stmt, 4);
  if (minutes >= 0)
    sqlite3_bind_int (stmt, 5, minutes);
  else
    sqlite3_bind_null (stmt, 5);
  if (!_apl_store_step_done (self, stmt, error))
    return 0;
  return insert_done (self, error);
}

/**
 * apl_store_add_checklist_step:
 * @role: (nullable): who does it
 * @target_minutes: minutes from activation, or -1 for no target
 *
 * Adds a step at the end of the scenario's checklist for @level.
 *
 * Returns: (transfer full): the new step
 */
AplChecklistStep *
apl_store_add_checklist_step (AplStore       *self,
                              AplScenario    *scenario,
                              AplLevel        level,
                              const char     *action,
                              AplCrisisRole  *role,
                              int             target_minutes,
                              GError        **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (action ? action : ""));
  AplStepRow row = { 0, };
  AplChecklistStep *step;
  GListModel *list;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (role == NULL || APL_IS_CRISIS_ROLE (role), NULL);

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("A checklist step needs an action."));
      return NULL;
    }
  if (target_minutes > 43200)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A target time is at most 30 days after activation."));
      return NULL;
    }
  list = apl_store_get_checklist (self, scenario, level, error);
  if (list == NULL || !_apl_store_begin (self, error))
    return NULL;
  id = insert_step (self, apl_scenario_get_id (scenario), level, clean,
                    role ? apl_crisis_role_get_id (role) : 0, target_minutes, error);
  if (id == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  row.id = id;
  row.scenario_id = apl_scenario_get_id (scenario);
  row.level = level;
  row.action = clean;
  row.role_id = role ? apl_crisis_role_get_id (role) : 0;
  row.target_minutes = target_minutes < 0 ? -1 : target_minutes;
  step = _apl_checklist_step_new (self, &row);
  g_list_store_append (G_LIST_STORE (list), step);
  return step;
}

/**
 * apl_store_move_checklist_step:
 * @position: the step's new place in its checklist, from 0
 *
 * Reorders a checklist; the whole new order is written in one transaction.
 */
gboolean
apl_store_move_checklist_step (AplStore          *self,
                               AplChecklistStep  *step,
                               guint              position,
                               GError           **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) order = NULL;
  GListStore *list;
  guint from, n;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (step), FALSE);

  key = checklist_key (apl_checklist_step_get_scenario_id (step), apl_checklist_step_get_level (step));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list == NULL || !list_find (G_LIST_MODEL (list), step_id, apl_checklist_step_get_id (step), &from))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The checklist step no longer exists."));
      return FALSE;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  position = MIN (position, n - 1);
  if (position == from)
    return TRUE;

  order = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    if (i != from)
      g_ptr_array_add (order, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_ptr_array_insert (order, position, g_object_ref (step));

  if (!_apl_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      sqlite3_stmt *stmt = _apl_store_prepare (self, "UPDATE checklist_steps SET position = ?1 WHERE id = ?2", error);

      if (stmt == NULL)
        return rollback (self);
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, apl_checklist_step_get_id (g_ptr_array_index (order, i)));
      if (!_apl_store_step_done (self, stmt, error))
        return rollback (self);
    }
  if (!_apl_store_commit (self, error))
    return FALSE;

  g_list_store_splice (list, 0, n, order->pdata, order->len);
  return TRUE;
}

gboolean
apl_store_delete_checklist_step (AplStore          *self,
                                 AplChecklistStep  *step,
                                 GError           **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (step), FALSE);

  if (!set_deleted (self, "UPDATE checklist_steps SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    apl_checklist_step_get_id (step), TRUE, _("checklist step"), error))
    return FALSE;
  key = checklist_key (apl_checklist_step_get_scenario_id (step), apl_checklist_step_get_level (step));
  cache_remove_item (self, key, step_id, apl_checklist_step_get_id (step));
  return TRUE;
}

gboolean
apl_store_undelete_checklist_step (AplStore          *self,
                                   AplChecklistStep  *step,
                                   GError           **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GListStore) reloaded = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (step), FALSE);

  if (!set_deleted (self, "UPDATE checklist_steps SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                    apl_checklist_step_get_id (step), FALSE, _("checklist step"), error))
    return FALSE;

  /* Back to its place in the order, which is by position, not by id. */
  key = checklist_key (apl_checklist_step_get_scenario_id (step), apl_checklist_step_get_level (step));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list == NULL)
    return TRUE;
  stmt = _apl_store_prepare (self,
                             "SELECT id FROM checklist_steps WHERE scenario_id = ?1 AND level = ?2 "
                             "AND deleted_at IS NULL ORDER BY position, id",
                             error);
  if (stmt != NULL)
    {
      guint i = 0;

      sqlite3_bind_int64 (stmt, 1, apl_checklist_step_get_scenario_id (step));
      sqlite3_bind_text (stmt, 2, apl_level_get_key (apl_checklist_step_get_level (step)), -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (sqlite3_column_int64 (stmt, 0) == apl_checklist_step_get_id (step))
            break;
          i++;
        }
      sqlite3_reset (stmt);
      g_list_store_insert (list, MIN (i, g_list_model_get_n_items (G_LIST_MODEL (list))), step);
    }
  else
    g_list_store_append (list, step);
  g_clear_error (error);
  return TRUE;
}

/* Questions and answers */

static GObject *
question_from_row (AplStore     *self,
                   sqlite3_stmt *stmt)
{
  const char *fields[APL_QUESTION_N_FIELDS] = {
    column_text (stmt, 2), column_text (stmt, 3), column_text (stmt, 4),
  };

  return G_OBJECT (_apl_question_new (self, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                      fields));
}

static gint64
question_id (gpointer item)
{
  return apl_question_get_id (item);
}

/**
 * apl_store_get_questions:
 *
 * Returns: (transfer none): a #GListModel of the scenario's #AplQuestion,
 * in every language, in their order
 */
GListModel *
apl_store_get_questions (AplStore     *self,
                         AplScenario  *scenario,
                         GError      **error)
{
  g_autofree char *key = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);

  key = plan_key ("questions", apl_scenario_get_id (scenario));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list != NULL)
    return G_LIST_MODEL (list);

  if (!purge_deleted_once (self, error))
    return NULL;
  stmt = _apl_store_prepare (self, QUESTION_SELECT "WHERE scenario_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_scenario_get_id (scenario));
  list = load_rows (self, stmt, APL_TYPE_QUESTION, question_from_row, error);
  if (list == NULL)
    return NULL;
  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), list);
  return G_LIST_MODEL (list);
}

static gint64
insert_question (AplStore    *self,
                 gint64       scenario,
                 const char  *language,
                 const char  *question,
                 const char  *answer,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO scenario_questions (scenario_id, position, language, question, answer) "
                             "SELECT ?1, coalesce ((SELECT max (position) + 1 FROM scenario_questions "
                             "                      WHERE scenario_id = ?1), 0), ?2, ?3, ?4 "
                             "FROM crisis_scenarios WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, scenario);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, question, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, answer ? answer : "", -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return 0;
  return insert_done (self, error);
}

/**
 * apl_store_add_question:
 * @language: the language of the question and its answer ("en", "fr")
 * @answer: (nullable): the prepared answer
 *
 * Returns: (transfer full): the new question, at the end of the list
 */
AplQuestion *
apl_store_add_question (AplStore     *self,
                        AplScenario  *scenario,
                        const char   *language,
                        const char   *question,
                        const char   *answer,
                        GError      **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (question ? question : ""));
  const char *fields[APL_QUESTION_N_FIELDS];
  AplQuestion *item;
  GListModel *list;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL)
      || (answer != NULL && !g_utf8_validate (answer, -1, NULL)))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The question cannot be empty."));
      return NULL;
    }
  if (language == NULL || strlen (language) < 2 || strlen (language) > 35)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not a language code: use “en”, “fr”…"), language ? language : "");
      return NULL;
    }
  list = apl_store_get_questions (self, scenario, error);
  if (list == NULL || !_apl_store_begin (self, error))
    return NULL;
  id = insert_question (self, apl_scenario_get_id (scenario), language, clean, answer, error);
  if (id == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  fields[APL_QUESTION_FIELD_QUESTION] = clean;
  fields[APL_QUESTION_FIELD_ANSWER] = answer;
  fields[APL_QUESTION_FIELD_LANGUAGE] = language;
  item = _apl_question_new (self, id, apl_scenario_get_id (scenario), fields);
  g_list_store_append (G_LIST_STORE (list), item);
  return item;
}

gboolean
apl_store_delete_question (AplStore     *self,
                           AplQuestion  *question,
                           GError      **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_QUESTION (question), FALSE);

  if (!set_deleted (self, "UPDATE scenario_questions SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    apl_question_get_id (question), TRUE, _("question"), error))
    return FALSE;
  key = plan_key ("questions", apl_question_get_scenario_id (question));
  cache_remove_item (self, key, question_id, apl_question_get_id (question));
  return TRUE;
}

gboolean
apl_store_undelete_question (AplStore     *self,
                             AplQuestion  *question,
                             GError      **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_QUESTION (question), FALSE);

  if (!set_deleted (self, "UPDATE scenario_questions SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                    apl_question_get_id (question), FALSE, _("question"), error))
    return FALSE;
  key = plan_key ("questions", apl_question_get_scenario_id (question));
  cache_insert_item (self, key, question_id, question);
  return TRUE;
}

/* Owned channels */

static GObject *
channel_from_row (AplStore     *self,
                  sqlite3_stmt *stmt)
{
  const char *fields[APL_OWNED_CHANNEL_N_FIELDS] = {
    column_text (stmt, 3), column_text (stmt, 4), column_text (stmt, 5),
  };
  AplOwnedChannelKind kind;

  if (!apl_owned_channel_kind_from_key (column_text (stmt, 2), &kind))
    kind = APL_OWNED_CHANNEL_OTHER;
  return G_OBJECT (_apl_owned_channel_new (self, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                           kind, fields));
}

static gint64
channel_id (gpointer item)
{
  return apl_owned_channel_get_id (item);
}

/**
 * apl_store_get_owned_channels:
 *
 * Returns: (transfer none): a #GListModel of the plan's #AplOwnedChannel
 */
GListModel *
apl_store_get_owned_channels (AplStore  *self,
                              AplPlan   *plan,
                              GError   **error)
{
  g_autofree char *key = NULL;
  GListStore *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  key = plan_key ("channels", apl_plan_get_id (plan));
  list = g_hash_table_lookup (get_cache (self), key);
  if (list != NULL)
    return G_LIST_MODEL (list);

  if (!purge_deleted_once (self, error))
    return NULL;
  stmt = _apl_store_prepare (self, CHANNEL_SELECT "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_plan_get_id (plan));
  list = load_rows (self, stmt, APL_TYPE_OWNED_CHANNEL, channel_from_row, error);
  if (list == NULL)
    return NULL;
  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), list);
  return G_LIST_MODEL (list);
}

static gint64
insert_channel (AplStore             *self,
                gint64                plan_id,
                AplOwnedChannelKind   kind,
                const char           *name,
                GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO owned_channels (plan_id, kind, name) "
                             "SELECT ?1, ?2, ?3 FROM plans WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, apl_owned_channel_kind_get_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return 0;
  return insert_done (self, error);
}

AplOwnedChannel *
apl_store_add_owned_channel (AplStore             *self,
                             AplPlan              *plan,
                             AplOwnedChannelKind   kind,
                             const char           *name,
                             GError              **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  const char *fields[APL_OWNED_CHANNEL_N_FIELDS] = { NULL, };
  AplOwnedChannel *channel;
  GListModel *list;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);
  g_return_val_if_fail (kind < APL_N_OWNED_CHANNEL_KINDS, NULL);

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The channel needs a name."));
      return NULL;
    }
  list = apl_store_get_owned_channels (self, plan, error);
  if (list == NULL || !_apl_store_begin (self, error))
    return NULL;
  id = insert_channel (self, apl_plan_get_id (plan), kind, clean, error);
  if (id == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  fields[APL_OWNED_CHANNEL_FIELD_NAME] = clean;
  channel = _apl_owned_channel_new (self, id, apl_plan_get_id (plan), kind, fields);
  g_object_set_data (G_OBJECT (channel), "apl-plan-id", GSIZE_TO_POINTER ((gsize) apl_plan_get_id (plan)));
  g_list_store_append (G_LIST_STORE (list), channel);
  return channel;
}

static gint64
channel_plan_id (AplStore        *self,
                 AplOwnedChannel *channel)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self, "SELECT plan_id FROM owned_channels WHERE id = ?1", NULL);
  gint64 plan_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, apl_owned_channel_get_id (channel));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    plan_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return plan_id;
}

gboolean
apl_store_delete_owned_channel (AplStore         *self,
                                AplOwnedChannel  *channel,
                                GError          **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (channel), FALSE);

  if (!set_deleted (self, "UPDATE owned_channels SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                    apl_owned_channel_get_id (channel), TRUE, _("channel"), error))
    return FALSE;
  key = plan_key ("channels", channel_plan_id (self, channel));
  cache_remove_item (self, key, channel_id, apl_owned_channel_get_id (channel));
  return TRUE;
}

gboolean
apl_store_undelete_owned_channel (AplStore         *self,
                                  AplOwnedChannel  *channel,
                                  GError          **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (channel), FALSE);

  if (!set_deleted (self, "UPDATE owned_channels SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL AND ?1 IS NOT NULL",
                    apl_owned_channel_get_id (channel), FALSE, _("channel"), error))
    return FALSE;
  key = plan_key ("channels", channel_plan_id (self, channel));
  cache_insert_item (self, key, channel_id, channel);
  return TRUE;
}

/* Activations */

static char *
activation_key (gint64 scenario)
{
  return g_strdup_printf ("activation/%" G_GINT64_FORMAT, scenario);
}

/**
 * apl_store_get_running_activation:
 *
 * Returns: (transfer none) (nullable): the exercise or activation of the
 * scenario that is still running, with its ticks; %NULL (and no error)
 * when none is
 */
AplActivation *
apl_store_get_running_activation (AplStore     *self,
                                  AplScenario  *scenario,
                                  GError      **error)
{
  g_autofree char *key = NULL;
  AplActivation *activation;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);

  key = activation_key (apl_scenario_get_id (scenario));
  activation = g_hash_table_lookup (get_cache (self), key);
  if (activation != NULL)
    return apl_activation_is_running (activation) ? activation : NULL;

  stmt = _apl_store_prepare (self,
                             "SELECT id, kind, started_at FROM activations "
                             "WHERE scenario_id = ?1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_scenario_get_id (scenario));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    activation = _apl_activation_new (self, sqlite3_column_int64 (stmt, 0), apl_scenario_get_id (scenario),
                                      strcmp (column_text (stmt, 1), "real") == 0
                                      ? APL_ACTIVATION_REAL : APL_ACTIVATION_EXERCISE,
                                      column_text (stmt, 2), NULL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  if (activation == NULL)
    return NULL;

  stmt = _apl_store_prepare (self, "SELECT step_id, ticked_at FROM activation_ticks WHERE activation_id = ?1", error);
  if (stmt == NULL)
    {
      g_object_unref (activation);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, apl_activation_get_id (activation));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _apl_activation_add_tick (activation, sqlite3_column_int64 (stmt, 0), column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_object_unref (activation);
      fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (get_cache (self), g_steal_pointer (&key), activation);
  return activation;
}

/**
 * apl_store_start_activation:
 * @kind: an exercise, or the real thing
 *
 * Starts the clock for the scenario's checklists. Only one activation of a
 * scenario runs at a time.
 *
 * Returns: (transfer none): the running activation
 */
AplActivation *
apl_store_start_activation (AplStore           *self,
                            AplScenario        *scenario,
                            AplActivationKind   kind,
                            GError            **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autoptr(GError) local_error = NULL;
  AplActivation *activation;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);

  activation = apl_store_get_running_activation (self, scenario, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (activation != NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("An exercise or activation of this scenario is already running: end it first."));
      return NULL;
    }

  if (!_apl_store_begin (self, error))
    return NULL;
  stmt = _apl_store_prepare (self,
                             "INSERT INTO activations (plan_id, scenario_id, kind, started_at) "
                             "SELECT plan_id, id, ?2, ?3 FROM crisis_scenarios WHERE id = ?1 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    {
      rollback (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, apl_scenario_get_id (scenario));
  sqlite3_bind_text (stmt, 2, kind == APL_ACTIVATION_REAL ? "real" : "exercise", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error) || (id = insert_done (self, error)) == 0)
    {
      rollback (self);
      return NULL;
    }
  if (!_apl_store_commit (self, error))
    return NULL;

  activation = _apl_activation_new (self, id, apl_scenario_get_id (scenario), kind, now, NULL);
  g_hash_table_replace (get_cache (self), activation_key (apl_scenario_get_id (scenario)), activation);
  return activation;
}

gboolean
_apl_store_crisis_tick (AplStore    *self,
                        gint64       activation_id,
                        gint64       step,
                        gboolean     done,
                        const char  *now,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  if (self == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = done
    ? _apl_store_prepare (self,
                          "INSERT INTO activation_ticks (activation_id, step_id, ticked_at) "
                          "SELECT ?1, ?2, ?3 FROM activations WHERE id = ?1 AND ended_at IS NULL "
                          "ON CONFLICT DO NOTHING",
                          error)
    : _apl_store_prepare (self,
                          "DELETE FROM activation_ticks WHERE activation_id = ?1 AND step_id = ?2 AND ?3 IS NOT NULL",
                          error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, activation_id);
  sqlite3_bind_int64 (stmt, 2, step);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!_apl_store_step_done (self, stmt, error))
    return rollback (self);
  return _apl_store_commit (self, error);
}

gboolean
_apl_store_crisis_end_activation (AplStore    *self,
                                  gint64       activation_id,
                                  const char  *now,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (self == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, "UPDATE activations SET ended_at = ?1 WHERE id = ?2 AND ended_at IS NULL", error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, activation_id);
  if (!_apl_store_step_done (self, stmt, error))
    return rollback (self);
  return _apl_store_commit (self, error);
}

/* Activation history: the after-action record */

static AplActivation *
activation_from_row (AplStore     *self,
                     sqlite3_stmt *stmt,
                     gint64        scenario_id)
{
  return _apl_activation_new (self, sqlite3_column_int64 (stmt, 0), scenario_id,
                              strcmp (column_text (stmt, 1), "real") == 0
                              ? APL_ACTIVATION_REAL : APL_ACTIVATION_EXERCISE,
                              column_text (stmt, 2), column_text (stmt, 3));
}

/**
 * apl_store_list_activations:
 *
 * Every exercise and real activation of the scenario, the running one
 * included (the same object apl_store_get_running_activation() returns).
 *
 * Returns: (transfer full) (element-type AplActivation): newest first, or
 * %NULL with @error set
 */
GPtrArray *
apl_store_list_activations (AplStore     *self,
                            AplScenario  *scenario,
                            GError      **error)
{
  g_autoptr(GPtrArray) activations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  AplActivation *running;
  gint64 scenario_id;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_SCENARIO (scenario), NULL);

  scenario_id = apl_scenario_get_id (scenario);
  running = apl_store_get_running_activation (self, scenario, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stmt = _apl_store_prepare (self,
                             "SELECT id, kind, started_at, coalesce (ended_at, '') FROM activations "
                             "WHERE scenario_id = ?1 ORDER BY started_at DESC, id DESC",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (running != NULL && sqlite3_column_int64 (stmt, 0) == apl_activation_get_id (running))
        g_ptr_array_add (activations, g_object_ref (running));
      else
        g_ptr_array_add (activations, activation_from_row (self, stmt, scenario_id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&activations);
}

void
apl_activation_entry_free (AplActivationEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->action);
  g_free (entry->ticked_at);
  g_free (entry);
}

static int
minutes_between (const char *start,
                 const char *end)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 (start, NULL);
  g_autoptr(GDateTime) to = g_date_time_new_from_iso8601 (end, NULL);

  if (from == NULL || to == NULL)
    return -1;
  return (int) MAX (g_date_time_difference (to, from) / G_TIME_SPAN_MINUTE, 0);
}

/**
 * apl_store_get_activation_entries:
 *
 * What an after-action review reads: the steps ticked during the
 * activation with their times and whether they were late against their
 * targets, and the steps of the same escalation levels that nobody ticked.
 * A ticked step deleted since keeps its line until the deletion is purged
 * (next session): the purge takes its ticks along (ON DELETE CASCADE).
 *
 * Returns: (transfer full) (element-type AplActivationEntry): in checklist
 * order (watch, alert, crisis, then each level's order), or %NULL with
 * @error set
 */
GPtrArray *
apl_store_get_activation_entries (AplStore       *self,
                                  AplActivation  *activation,
                                  GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_activation_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  g_return_val_if_fail (APL_IS_ACTIVATION (activation), NULL);

  stmt = _apl_store_prepare (self,
                             "SELECT s.id, s.level, s.action, coalesce (s.target_minutes, -1), t.ticked_at "
                             "FROM checklist_steps s "
                             "LEFT JOIN activation_ticks t ON t.step_id = s.id AND t.activation_id = ?1 "
                             "WHERE s.scenario_id = ?2 "
                             "  AND (t.ticked_at IS NOT NULL "
                             "       OR (s.deleted_at IS NULL AND s.level IN "
                             "           (SELECT s2.level FROM activation_ticks t2 "
                             "            JOIN checklist_steps s2 ON s2.id = t2.step_id "
                             "            WHERE t2.activation_id = ?1))) "
                             "ORDER BY CASE s.level WHEN 'watch' THEN 0 WHEN 'alert' THEN 1 ELSE 2 END, "
                             "         s.position, s.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, apl_activation_get_id (activation));
  sqlite3_bind_int64 (stmt, 2, apl_activation_get_scenario_id (activation));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplActivationEntry *entry = g_new0 (AplActivationEntry, 1);

      entry->step_id = sqlite3_column_int64 (stmt, 0);
      if (!apl_level_from_key (column_text (stmt, 1), &entry->level))
        entry->level = APL_LEVEL_CRISIS;
      entry->action = g_strdup (column_text (stmt, 2));
      entry->target_minutes = sqlite3_column_int (stmt, 3);
      entry->minutes = -1;
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          entry->ticked_at = g_strdup (column_text (stmt, 4));
          entry->minutes = minutes_between (apl_activation_get_started_at (activation), entry->ticked_at);
          entry->late = entry->target_minutes >= 0 && entry->minutes > entry->target_minutes;
        }
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Starter content */

static gboolean
plan_has_role (GListModel  *roles,
               AplRoleKind  kind)
{
  guint n = g_list_model_get_n_items (roles);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (roles, i);

      if (apl_crisis_role_get_kind (role) == kind)
        return TRUE;
    }
  return FALSE;
}

static gint64
role_id_for_kind (GHashTable *new_roles,
                  GListModel *roles,
                  AplRoleKind kind)
{
  guint n = g_list_model_get_n_items (roles);

  if (g_hash_table_contains (new_roles, GINT_TO_POINTER (kind)))
    return (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (new_roles, GINT_TO_POINTER (kind)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (roles, i);

      if (apl_crisis_role_get_kind (role) == kind)
        return apl_crisis_role_get_id (role);
    }
  return 0;
}

static gboolean
plan_has_task (GListModel *tasks,
               const char *name)
{
  guint n = g_list_model_get_n_items (tasks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplRaciTask) task = g_list_model_get_item (tasks, i);

      if (g_strcmp0 (apl_raci_task_get_name (task), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
insert_raci_cell (AplStore    *self,
                  gint64       task,
                  gint64       role,
                  AplRaci      value,
                  GError     **error)
{
  sqlite3_stmt *stmt = _apl_store_prepare (self,
                                           "INSERT OR REPLACE INTO raci_cells (task_id, role_id, value) VALUES (?1, ?2, ?3)",
                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task);
  sqlite3_bind_int64 (stmt, 2, role);
  sqlite3_bind_text (stmt, 3, raci_keys[value], -1, SQLITE_STATIC);
  return _apl_store_step_done (self, stmt, error);
}

/* Forgets the plan's cached lists so that they are read again, with the
 * new rows, and announced as a whole. */
static void
reload_plan_lists (AplStore *self,
                   AplPlan  *plan)
{
  static const char * const kinds[] = { "scenarios", "roles", "tasks", "channels" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *key = plan_key (kinds[i], apl_plan_get_id (plan));
      GListStore *list = g_hash_table_lookup (get_cache (self), key);
      g_autoptr(GListStore) fresh = NULL;
      g_autoptr(GPtrArray) items = NULL;
      GListModel *model;
      guint n;

      if (list == NULL)
        continue;

      /* Keep the same list object (widgets hold it) and swap its
       * contents: stealing it hands the cache's reference to us, and the
       * cache's copy of the key, which is ours to free. */
      {
        gpointer stolen_key = NULL;

        g_hash_table_steal_extended (get_cache (self), key, &stolen_key, NULL);
        g_free (stolen_key);
      }
      if (i == 0)
        model = apl_store_get_scenarios (self, plan, NULL);
      else if (i == 1)
        model = apl_store_get_crisis_roles (self, plan, NULL);
      else if (i == 2)
        model = apl_store_get_raci_tasks (self, plan, NULL);
      else
        model = apl_store_get_owned_channels (self, plan, NULL);
      if (model == NULL)
        {
          g_hash_table_insert (get_cache (self), g_strdup (key), list);
          continue;
        }
      fresh = g_object_ref (G_LIST_STORE (model));
      n = g_list_model_get_n_items (model);
      items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint j = 0; j < n; j++)
        g_ptr_array_add (items, g_list_model_get_item (model, j));
      g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), items->pdata, items->len);
      g_hash_table_replace (get_cache (self), g_strdup (key), list);
    }
}

/**
 * _apl_store_crisis_reload:
 *
 * After a plan file replaced @plan's crisis plan: the lists of it that
 * pages hold (scenarios, roles, RACI tasks, channels) are read again and
 * announce the change, keeping the same list objects.
 */
void
_apl_store_crisis_reload (AplStore *self,
                          AplPlan  *plan)
{
  reload_plan_lists (self, plan);
}

/**
 * _apl_store_insert_starter:
 *
 * Writes @content into @plan in one transaction: the scenario with its
 * levels, checklist and questions, plus the roles, RACI tasks and
 * channels the plan does not have yet. Nothing is written when any part
 * fails.
 *
 * Returns: the new scenario's id, or 0 with @error set
 */
gint64
_apl_store_insert_starter (AplStore                *self,
                          AplPlan                 *plan,
                          const AplStarterContent *content,
                          GError                 **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autoptr(GHashTable) new_roles = g_hash_table_new (NULL, NULL);
  GListModel *roles, *tasks, *channels;
  gint64 plan_id = apl_plan_get_id (plan);
  gint64 scenario;

  roles = apl_store_get_crisis_roles (self, plan, error);
  tasks = roles ? apl_store_get_raci_tasks (self, plan, error) : NULL;
  channels = tasks ? apl_store_get_owned_channels (self, plan, error) : NULL;
  if (channels == NULL || apl_store_get_scenarios (self, plan, error) == NULL)
    return 0;

  if (!_apl_store_begin (self, error))
    return 0;

  scenario = insert_scenario (self, plan_id, content->kind, (const char **) content->fields,
                              content->likelihood, content->impact, now, error);
  if (scenario == 0)
    goto fail;

  for (guint i = 0; i < content->n_roles; i++)
    {
      const AplStarterRole *r = &content->roles[i];
      gint64 id;

      if (plan_has_role (roles, r->kind) || g_hash_table_contains (new_roles, GINT_TO_POINTER (r->kind)))
        continue;
      id = insert_role (self, plan_id, r->kind, "", r->responsibilities, now, error);
      if (id == 0)
        goto fail;
      g_hash_table_insert (new_roles, GINT_TO_POINTER (r->kind), GSIZE_TO_POINTER ((gsize) id));
    }

  for (guint i = 0; i < content->n_steps; i++)
    {
      const AplStarterStep *s = &content->steps[i];

      if (insert_step (self, scenario, s->level, s->action, role_id_for_kind (new_roles, roles, s->role),
                       s->minutes, error) == 0)
        goto fail;
    }

  for (guint i = 0; i < content->n_tasks; i++)
    {
      const AplStarterTask *t = &content->tasks[i];
      gint64 task;

      if (plan_has_task (tasks, t->name))
        continue;
      task = insert_task (self, plan_id, t->name, error);
      if (task == 0)
        goto fail;
      for (AplRoleKind k = 0; k < APL_ROLE_CUSTOM; k++)
        {
          gint64 role = role_id_for_kind (new_roles, roles, k);

          if (t->raci[k] != APL_RACI_NONE && role != 0 && !insert_raci_cell (self, task, role, t->raci[k], error))
            goto fail;
        }
    }

  if (g_list_model_get_n_items (channels) == 0)
    for (guint i = 0; i < content->n_channels; i++)
      if (insert_channel (self, plan_id, content->channels[i].kind, content->channels[i].name, error) == 0)
        goto fail;

  for (guint i = 0; i < content->n_questions; i++)
    if (insert_question (self, scenario, content->language, content->questions[i].question,
                         content->questions[i].answer, error) == 0)
      goto fail;

  if (!_apl_store_commit (self, error))
    return 0;

  /* The RACI cells of the new tasks are read with the tasks. */
  reload_plan_lists (self, plan);
  return scenario;

fail:
  _apl_store_rollback (self);
  return 0;
}
