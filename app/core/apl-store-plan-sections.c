/* apl-store-plan-sections.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections format 3 adds to plan files, read from the workspace for
 * export (importing them is apl-store-plan-sections-import.c), through a
 * connection (apl-store-conn.h), so that both can run in a worker thread:
 *
 * - contacts: those in the segments the plan's messages address, and those
 *   an earlier plan file brought with the plan (plan_contacts), with their
 *   outlets. The contact book belongs to the workspace: a contact of the
 *   file that the workspace already holds (same id, else same e-mail, else
 *   same name at the same outlet) is reused as it is, never overwritten.
 * - the crisis plan: crisis-cell roles, scenarios with their checklists and
 *   prepared questions, the RACI grid and the owned channels. Their ids in
 *   the file are derived from the plan's id and their place in the plan,
 *   since the workspace keeps no identifier of its own for them.
 * - approvals: the plan's route, and its trail as a read-only record. The
 *   trail the workspace keeps (approval_events) is never written here: a
 *   file's trail is kept apart (imported_trail_events) and only exported
 *   again while the workspace has no trail of its own for the plan.
 *
 * With replace, a section the file holds replaces the plan's; a section it
 * leaves out leaves the plan's as it is.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact.h"
#include "apl-contact-filter.h"
#include "apl-contact-private.h"
#include "apl-store-conn.h"
#include "apl-store-import-private.h"
#include "apl-text.h"

/* A UUID (version 5 layout) derived from the plan's id, the kind of item
 * and its place in the plan: the same plan gives the same ids in every
 * workspace it is imported into with replace. */
static char *
derived_uuid (const char *plan_uuid,
              const char *kind,
              guint       index)
{
  g_autofree char *key = g_strdup_printf ("%s/%s/%u", plan_uuid, kind, index);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_get_digest (checksum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static void
set_int (AplXmlNode *node,
         const char *attribute,
         gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  _apl_xml_node_set (node, attribute, text);
}

/* Export: contacts */

#define PLAN_CONTACT_IDS \
  "SELECT sm.contact_id FROM contact_segment_members AS sm " \
  "JOIN message_audiences AS a ON a.segment_id = sm.segment_id " \
  "JOIN messages AS m ON m.id = a.message_id " \
  "WHERE m.plan_id = ?1 AND m.deleted_at IS NULL " \
  "UNION SELECT contact_id FROM plan_contacts WHERE plan_id = ?1"

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
read_outlets (AplConn     *self,
              GPtrArray   *names,
              AplXmlNode  *section,
              GError     **error)
{
  /* By name, so that a file lists them in the same order whichever
   * workspace wrote it (found with 40 outlets: comparing the array's
   * slots instead of the names gave the hash table's order). */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      sqlite3_stmt *stmt = _apl_conn_prepare (self,
                                              "SELECT name, type, reach, region FROM outlets WHERE name = ?1",
                                              error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      _apl_conn_bind_text (stmt, 1, g_ptr_array_index (names, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          AplXmlNode *outlet = _apl_xml_node_new ("outlet", NULL);

          /* Before the contacts, in the schema's order. */
          _apl_xml_node_insert (section, i, outlet);
          _apl_xml_node_set (outlet, "name", _apl_conn_column_text (stmt, 0));
          _apl_xml_node_set (outlet, "type", _apl_conn_column_text (stmt, 1));
          if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
            set_int (outlet, "reach", sqlite3_column_int64 (stmt, 2));
          _apl_xml_node_add_text (outlet, "region", _apl_conn_column_text (stmt, 3));
          rc = SQLITE_DONE;
        }
      if (!_apl_conn_finish_rows (self, stmt, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* The members of the filter-defined segments the plan's messages address,
 * as they are now (the filter runs when used), as a JSON array of ids. */
static char *
filtered_members (AplConn  *self,
                  gint64    plan_id,
                  GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cutoff = _apl_contact_book_stale_cutoff_for (self->store);
  GString *json = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT DISTINCT s.filter FROM contact_segments AS s "
                            "JOIN message_audiences AS a ON a.segment_id = s.id "
                            "JOIN messages AS m ON m.id = a.message_id "
                            "WHERE m.plan_id = ?1 AND m.deleted_at IS NULL AND s.filter IS NOT NULL "
                            "ORDER BY s.filter",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  {
    g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_free);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (filters, g_strdup (_apl_conn_column_text (stmt, 0)));
    if (!_apl_conn_finish_rows (self, stmt, rc, error))
      goto fail;

    for (guint i = 0; i < filters->len; i++)
      {
        /* A filter the book cannot read selects nobody there either. */
        g_autoptr(AplContactFilter) filter = apl_contact_filter_parse (g_ptr_array_index (filters, i), NULL);

        if (filter != NULL && !_apl_store_filter_contact_ids_on (self, filter, cutoff, ids, error))
          goto fail;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%lld", i > 0 ? "," : "", (long long) g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);

fail:
  g_string_free (json, TRUE);
  return NULL;
}

static gboolean
read_contacts (AplConn        *self,
               gint64          plan_id,
               AplPlanRecord  *record,
               GError        **error)
{
  g_autoptr(GHashTable) outlets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *filtered = filtered_members (self, plan_id, error);
  AplXmlNode *section;
  sqlite3_stmt *stmt;
  int rc;

  if (filtered == NULL)
    return FALSE;
  section = _apl_xml_node_new ("contacts", NULL);

  stmt = _apl_conn_prepare (self,
                            "SELECT c.uuid, c.name, c.kind, coalesce (o.name, ''), c.role, c.beats, c.languages, "
                            "       c.region, c.country, c.emails, c.phones, c.socials, c.website, "
                            "       coalesce (c.reach, ''), c.relationship, c.owner, c.notes, "
                            "       coalesce (c.last_contacted, ''), coalesce (c.last_verified, ''), "
                            "       c.do_not_contact, c.dnc_reason, c.lawful_basis, c.source, "
                            "       c.created_at, c.updated_at "
                            "FROM contacts AS c LEFT JOIN outlets AS o ON o.id = c.outlet_id "
                            "WHERE c.deleted_at IS NULL AND c.uuid IS NOT NULL "
                            "  AND (c.id IN (" PLAN_CONTACT_IDS ") OR c.id IN (SELECT value FROM json_each (?2))) "
                            "ORDER BY c.sort_name, c.uuid",
                            error);
  if (stmt == NULL)
    {
      _apl_xml_node_free (section);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, filtered, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *contact = _apl_xml_node_new ("contact", section);

      _apl_xml_node_set (contact, "id", _apl_conn_column_text (stmt, 0));
      for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
        _apl_xml_node_add_text (contact, apl_contact_field_to_string (f), _apl_conn_column_text (stmt, 1 + f));
      _apl_xml_node_add_text (contact, "created", _apl_conn_column_text (stmt, 1 + APL_CONTACT_N_FIELDS));
      _apl_xml_node_add_text (contact, "updated", _apl_conn_column_text (stmt, 2 + APL_CONTACT_N_FIELDS));

      if (*_apl_conn_column_text (stmt, 3) != '\0')
        g_hash_table_add (outlets, g_strdup (_apl_conn_column_text (stmt, 3)));
    }
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    {
      _apl_xml_node_free (section);
      return FALSE;
    }

  if (APL_XML_NODE_N_CHILDREN (section) == 0)
    {
      _apl_xml_node_free (section);
      return TRUE;
    }

  names = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, outlets);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (names, key);
  }
  if (!read_outlets (self, names, section, error))
    {
      _apl_xml_node_free (section);
      return FALSE;
    }
  record->contacts = section;
  return TRUE;
}

/* Export: crisis plan */

static gboolean
read_roles (AplConn     *self,
            gint64       plan_id,
            const char  *plan_uuid,
            AplXmlNode  *section,
            GHashTable  *role_uuids,
            GError     **error)
{
  sqlite3_stmt *stmt;
  guint index = 0;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT id, role_key, custom_name, person, deputy, contact, responsibilities, "
                            "       reviewed_on, created_at, updated_at "
                            "FROM crisis_roles WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *role = _apl_xml_node_new ("role", section);
      char *uuid = derived_uuid (plan_uuid, "role", index++);

      g_hash_table_insert (role_uuids, _apl_conn_new_id (sqlite3_column_int64 (stmt, 0)), uuid);
      _apl_xml_node_set (role, "id", uuid);
      _apl_xml_node_set (role, "key", _apl_conn_column_text (stmt, 1));
      _apl_xml_node_add_text (role, "name", _apl_conn_column_text (stmt, 2));
      _apl_xml_node_add_text (role, "person", _apl_conn_column_text (stmt, 3));
      _apl_xml_node_add_text (role, "deputy", _apl_conn_column_text (stmt, 4));
      _apl_xml_node_add_text (role, "contact", _apl_conn_column_text (stmt, 5));
      _apl_xml_node_add_text (role, "responsibilities", _apl_conn_column_text (stmt, 6));
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        _apl_xml_node_add_text (role, "reviewed-on", _apl_conn_column_text (stmt, 7));
      _apl_xml_node_add_text (role, "created", _apl_conn_column_text (stmt, 8));
      _apl_xml_node_add_text (role, "updated", _apl_conn_column_text (stmt, 9));
    }
  return _apl_conn_finish_rows (self, stmt, rc, error);
}

const char * const _apl_scenario_texts[11] = {
  "title", "description", "signals", "watch-trigger", "watch-actions", "alert-trigger",
  "alert-actions", "crisis-trigger", "crisis-actions", "created", "updated",
};

static gboolean
read_scenario_items (AplConn     *self,
                     gint64       scenario_id,
                     AplXmlNode  *scenario,
                     GHashTable  *role_uuids,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT level, role_id, target_minutes, action FROM checklist_steps "
                            "WHERE scenario_id = ?1 AND deleted_at IS NULL "
                            "ORDER BY CASE level WHEN 'watch' THEN 0 WHEN 'alert' THEN 1 ELSE 2 END, position, id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *step = _apl_xml_node_new ("step", scenario);
      gint64 role_id = sqlite3_column_int64 (stmt, 1);
      const char *role = g_hash_table_lookup (role_uuids, &role_id);

      _apl_xml_node_set (step, "level", _apl_conn_column_text (stmt, 0));
      /* A role deleted (and not yet purged) leaves the step without one. */
      if (role != NULL)
        _apl_xml_node_set (step, "role", role);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        set_int (step, "target-minutes", sqlite3_column_int64 (stmt, 2));
      _apl_xml_node_add_text (step, "action", _apl_conn_column_text (stmt, 3));
    }
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    return FALSE;

  stmt = _apl_conn_prepare (self,
                            "SELECT language, question, answer FROM scenario_questions "
                            "WHERE scenario_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *question = _apl_xml_node_new ("question", scenario);

      _apl_xml_node_set (question, "language", _apl_conn_column_text (stmt, 0));
      _apl_xml_node_add_text (question, "text", _apl_conn_column_text (stmt, 1));
      _apl_xml_node_add_text (question, "answer", _apl_conn_column_text (stmt, 2));
    }
  return _apl_conn_finish_rows (self, stmt, rc, error);
}

static gboolean
read_scenarios (AplConn     *self,
                gint64       plan_id,
                const char  *plan_uuid,
                AplXmlNode  *section,
                GHashTable  *role_uuids,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT id, kind, likelihood, impact, title, description, signals, "
                            "       watch_trigger, watch_actions, alert_trigger, alert_actions, "
                            "       crisis_trigger, crisis_actions, created_at, updated_at "
                            "FROM crisis_scenarios WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *scenario = _apl_xml_node_new ("scenario", section);
      g_autofree char *uuid = derived_uuid (plan_uuid, "scenario", ids->len);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      _apl_xml_node_set (scenario, "id", uuid);
      _apl_xml_node_set (scenario, "kind", _apl_conn_column_text (stmt, 1));
      set_int (scenario, "likelihood", sqlite3_column_int64 (stmt, 2));
      set_int (scenario, "impact", sqlite3_column_int64 (stmt, 3));
      for (guint k = 0; k < G_N_ELEMENTS (_apl_scenario_texts); k++)
        _apl_xml_node_add_text (scenario, _apl_scenario_texts[k], _apl_conn_column_text (stmt, 4 + k));
      g_array_append_val (ids, id);
      g_ptr_array_add (nodes, scenario);
    }
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    if (!read_scenario_items (self, g_array_index (ids, gint64, i), g_ptr_array_index (nodes, i), role_uuids, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_raci (AplConn     *self,
           gint64       plan_id,
           const char  *plan_uuid,
           AplXmlNode  *section,
           GHashTable  *role_uuids,
           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT id, name FROM raci_tasks WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *task = _apl_xml_node_new ("raci-task", section);
      g_autofree char *uuid = derived_uuid (plan_uuid, "raci-task", ids->len);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      _apl_xml_node_set (task, "id", uuid);
      _apl_xml_node_add_text (task, "name", _apl_conn_column_text (stmt, 1));
      g_array_append_val (ids, id);
      g_ptr_array_add (nodes, task);
    }
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = _apl_conn_prepare (self, "SELECT role_id, value FROM raci_cells WHERE task_id = ?1 ORDER BY role_id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 role_id = sqlite3_column_int64 (stmt, 0);
          const char *role = g_hash_table_lookup (role_uuids, &role_id);
          AplXmlNode *cell;

          if (role == NULL)
            continue;
          cell = _apl_xml_node_new ("cell", g_ptr_array_index (nodes, i));
          _apl_xml_node_set (cell, "role", role);
          _apl_xml_node_set (cell, "value", _apl_conn_column_text (stmt, 1));
        }
      if (!_apl_conn_finish_rows (self, stmt, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Where a channel's credentials are kept stays in the workspace: a plan
 * file travels to people who need not know it. */
static gboolean
read_channels (AplConn     *self,
               gint64       plan_id,
               AplXmlNode  *section,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT kind, name, publishers FROM owned_channels "
                            "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *channel = _apl_xml_node_new ("channel", section);

      _apl_xml_node_set (channel, "kind", _apl_conn_column_text (stmt, 0));
      _apl_xml_node_add_text (channel, "name", _apl_conn_column_text (stmt, 1));
      _apl_xml_node_add_text (channel, "publishers", _apl_conn_column_text (stmt, 2));
    }
  return _apl_conn_finish_rows (self, stmt, rc, error);
}

static gboolean
read_crisis (AplConn        *self,
             gint64          plan_id,
             AplPlanRecord  *record,
             GError        **error)
{
  g_autoptr(GHashTable) role_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  AplXmlNode *section = _apl_xml_node_new ("crisis-plan", NULL);

  if (!read_roles (self, plan_id, record->id, section, role_uuids, error)
      || !read_scenarios (self, plan_id, record->id, section, role_uuids, error)
      || !read_raci (self, plan_id, record->id, section, role_uuids, error)
      || !read_channels (self, plan_id, section, error)
      || APL_XML_NODE_N_CHILDREN (section) == 0)
    {
      _apl_xml_node_free (section);
      return error == NULL || *error == NULL;
    }
  record->crisis = section;
  return TRUE;
}

/* Export: approvals */

static gboolean
read_route (AplConn     *self,
            gint64       plan_id,
            AplXmlNode  *section,
            GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT id, rule, timing, target_minutes, role FROM approval_steps "
                            "WHERE plan_id = ?1 ORDER BY position",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplXmlNode *step = _apl_xml_node_new ("step", section);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      _apl_xml_node_set (step, "rule", _apl_conn_column_text (stmt, 1));
      _apl_xml_node_set (step, "timing", _apl_conn_column_text (stmt, 2));
      set_int (step, "target-minutes", sqlite3_column_int64 (stmt, 3));
      _apl_xml_node_add_text (step, "role", _apl_conn_column_text (stmt, 4));
      g_array_append_val (ids, id);
      g_ptr_array_add (nodes, step);
    }
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = _apl_conn_prepare (self,
                                "SELECT name, deputy FROM approval_approvers WHERE step_id = ?1 ORDER BY position",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          AplXmlNode *approver = _apl_xml_node_new ("approver", g_ptr_array_index (nodes, i));

          _apl_xml_node_add_text (approver, "name", _apl_conn_column_text (stmt, 0));
          _apl_xml_node_add_text (approver, "deputy", _apl_conn_column_text (stmt, 1));
        }
      if (!_apl_conn_finish_rows (self, stmt, rc, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_event (AplXmlNode   *trail,
           sqlite3_stmt *stmt)
{
  AplXmlNode *event = _apl_xml_node_new ("event", trail);

  set_int (event, "seq", sqlite3_column_int64 (stmt, 0));
  set_int (event, "message", sqlite3_column_int64 (stmt, 5));
  set_int (event, "version", sqlite3_column_int64 (stmt, 7));
  _apl_xml_node_add_text (event, "occurred", _apl_conn_column_text (stmt, 1));
  _apl_xml_node_add_text (event, "actor", _apl_conn_column_text (stmt, 2));
  _apl_xml_node_add_text (event, "actor-role", _apl_conn_column_text (stmt, 3));
  _apl_xml_node_add_text (event, "kind", _apl_conn_column_text (stmt, 4));
  _apl_xml_node_add_text (event, "message-title", _apl_conn_column_text (stmt, 6));
  _apl_xml_node_add_text (event, "text-hash", _apl_conn_column_text (stmt, 8));
  _apl_xml_node_add_text (event, "detail", _apl_conn_column_text (stmt, 9));
  _apl_xml_node_add_text (event, "comment", _apl_conn_column_text (stmt, 10));
  _apl_xml_node_add_text (event, "prev-hash", _apl_conn_column_text (stmt, 11));
  _apl_xml_node_add_text (event, "hash", _apl_conn_column_text (stmt, 12));
}

/* The workspace's own trail for the plan; without one, the record a plan
 * file brought, as it came. */
static gboolean
read_trail (AplConn     *self,
            gint64       plan_id,
            const char  *plan_uuid,
            AplXmlNode  *section,
            GError     **error)
{
  AplXmlNode *trail = _apl_xml_node_new ("trail", NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_conn_prepare (self,
                            "SELECT seq, occurred_at, actor, actor_role, kind, message_id, message_title, "
                            "       message_version, text_hash, detail, comment, prev_hash, hash "
                            "FROM approval_events WHERE plan_uuid = ?1 ORDER BY seq",
                            error);
  if (stmt == NULL)
    goto fail;
  _apl_conn_bind_text (stmt, 1, plan_uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_event (trail, stmt);
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    goto fail;

  if (APL_XML_NODE_N_CHILDREN (trail) == 0)
    {
      stmt = _apl_conn_prepare (self,
                                "SELECT seq, occurred_at, actor, actor_role, kind, message_id, message_title, "
                                "       message_version, text_hash, detail, comment, prev_hash, hash "
                                "FROM imported_trail_events WHERE plan_id = ?1 ORDER BY seq",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        add_event (trail, stmt);
      if (!_apl_conn_finish_rows (self, stmt, rc, error))
        goto fail;
    }

  if (APL_XML_NODE_N_CHILDREN (trail) == 0)
    {
      _apl_xml_node_free (trail);
      return TRUE;
    }

  {
    AplXmlNode *head = g_ptr_array_index (trail->children, APL_XML_NODE_N_CHILDREN (trail) - 1);

    _apl_xml_node_set (trail, "head-seq", _apl_xml_node_get (head, "seq"));
    _apl_xml_node_set (trail, "head-hash", _apl_xml_node_child_text (head, "hash"));
  }
  _apl_xml_node_insert (section, -1, trail);
  return TRUE;

fail:
  _apl_xml_node_free (trail);
  return FALSE;
}

static gboolean
read_approvals (AplConn        *self,
                gint64          plan_id,
                AplPlanRecord  *record,
                GError        **error)
{
  AplXmlNode *section = _apl_xml_node_new ("approvals", NULL);

  if (!read_route (self, plan_id, section, error)
      || !read_trail (self, plan_id, record->id, section, error)
      || APL_XML_NODE_N_CHILDREN (section) == 0)
    {
      _apl_xml_node_free (section);
      return error == NULL || *error == NULL;
    }
  record->approvals = section;
  return TRUE;
}

/**
 * _apl_store_read_plan_sections:
 * @record: a record with the plan's id set
 *
 * Adds the format 3 sections of the plan to @record; a section with
 * nothing in it is left out.
 */
gboolean
_apl_store_read_plan_sections (AplConn        *self,
                               gint64          plan_id,
                               AplPlanRecord  *record,
                               GError        **error)
{
  GError *local_error = NULL;

  if (!read_contacts (self, plan_id, record, &local_error)
      || !read_crisis (self, plan_id, record, &local_error)
      || !read_approvals (self, plan_id, record, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  return local_error == NULL;
}
