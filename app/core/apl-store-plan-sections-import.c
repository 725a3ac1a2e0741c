/* apl-store-plan-sections-import.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports the sections format 3 adds to plan files (the contacts a plan
 * uses, its crisis plan, its approval route and trail) inside the import's
 * one transaction, through a connection that may be a worker thread's; see
 * apl-store-plan-sections.c for what each section holds and the rules that
 * decide what is reused, replaced or left out.
 *
 * A contact the workspace already holds (same id, else same e-mail, else
 * same name at the same outlet) is reused as it is, never overwritten. The
 * file's approval trail is kept apart, as a read-only record of the plan,
 * never as events of the workspace's own trail.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact.h"
#include "apl-store-conn.h"
#include "apl-store-contact-keys.h"
#include "apl-store-import-private.h"
#include "apl-text.h"
#include "apl-xml-spill.h"

/* Import: resolution */

static const char *
contact_field (const AplXmlNode *contact,
               AplContactField   field)
{
  return _apl_xml_node_child_text (contact, apl_contact_field_to_string (field));
}

/* What finding the file's contacts in the workspace needs, read once in
 * a few statements: one query a contact (four for a new one) took a
 * second per 100 000 contacts, and needed an index on names and one on
 * e-mails that every contact insert and edit then maintained. The keys
 * are a contact import's (apl-store-contact-keys.h). */
typedef struct
{
  AplContactKeys keys;
  GHashTable    *live;       /* uuid → id */
  GHashTable    *deleted;    /* uuid → id, deleted while Undo is possible */
  GHashTable    *emails;     /* e-mail → lowest live id with it */
  GHashTable    *people;     /* person key → lowest id */
  GHashTable    *namesakes;  /* the same key → GArray of the other ids, ascending */
  GHashTable    *outlets;    /* outlet name → id */
} ContactIndex;

#define ID_TO_POINTER(id) APL_CONTACT_KEY_TO_POINTER (id)
#define POINTER_TO_ID(p)  APL_CONTACT_POINTER_TO_KEY (p)

static void
contact_index_clear (ContactIndex *index)
{
  g_clear_pointer (&index->live, g_hash_table_unref);
  g_clear_pointer (&index->deleted, g_hash_table_unref);
  g_clear_pointer (&index->emails, g_hash_table_unref);
  g_clear_pointer (&index->people, g_hash_table_unref);
  g_clear_pointer (&index->namesakes, g_hash_table_unref);
  g_clear_pointer (&index->outlets, g_hash_table_unref);
  _apl_contact_keys_clear (&index->keys);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContactIndex, contact_index_clear)

static gboolean
contact_index_load (AplConn       *self,
                    ContactIndex  *index,
                    GError       **error)
{
  AplContactKeys *keys = &index->keys;
  sqlite3_stmt *stmt;
  int rc;

  _apl_contact_keys_init (keys);
  index->live = g_hash_table_new (g_str_hash, g_str_equal);
  index->deleted = g_hash_table_new (g_str_hash, g_str_equal);
  index->emails = g_hash_table_new (g_str_hash, g_str_equal);
  index->people = g_hash_table_new (g_str_hash, g_str_equal);
  index->namesakes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  index->outlets = g_hash_table_new (g_str_hash, g_str_equal);

  stmt = _apl_conn_prepare (self, "SELECT id, name FROM outlets", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      _apl_contact_keys_lower (keys, _apl_conn_column_text (stmt, 1), -1);
      _apl_contact_keys_remember (keys, index->outlets, sqlite3_column_int64 (stmt, 0));
    }
  if (!_apl_conn_finish_rows (self, stmt, rc, error))
    return FALSE;

  stmt = _apl_conn_prepare (self,
                            "SELECT id, uuid, deleted_at IS NOT NULL, sort_name, coalesce (outlet_id, 0), emails "
                            "FROM contacts ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean deleted = sqlite3_column_int (stmt, 2) != 0;
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      gpointer key;
      GArray *ids;

      if (uuid != NULL)
        {
          g_string_assign (keys->key, uuid);
          _apl_contact_keys_remember (keys, deleted ? index->deleted : index->live, id);
        }
      if (deleted)
        continue;
      _apl_contact_keys_remember_emails (keys, index->emails, _apl_conn_column_text (stmt, 5), id);
      /* Most people are there once: their id is the value itself. */
      _apl_contact_keys_person (keys, _apl_conn_column_text (stmt, 3), sqlite3_column_int64 (stmt, 4));
      if (!g_hash_table_lookup_extended (index->people, keys->key->str, &key, NULL))
        {
          _apl_contact_keys_remember (keys, index->people, id);
          continue;
        }
      ids = g_hash_table_lookup (index->namesakes, key);
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (index->namesakes, key, ids);
        }
      g_array_append_val (ids, id);
    }
  return _apl_conn_finish_rows (self, stmt, rc, error);
}

/* The first contact not yet taken with the same name (ignoring case and
 * accents) at the same outlet (none, or one the workspace has). */
static gint64
find_contact_by_name (ContactIndex     *index,
                      const AplXmlNode *contact,
                      GHashTable       *used)
{
  g_autofree char *sort_name = apl_text_fold (contact_field (contact, APL_CONTACT_FIELD_NAME));
  const char *outlet_name = contact_field (contact, APL_CONTACT_FIELD_OUTLET);
  gint64 outlet = 0;
  gint64 first;
  GArray *ids;

  if (*outlet_name != '\0')
    {
      outlet = POINTER_TO_ID (g_hash_table_lookup (index->outlets,
                                                   _apl_contact_keys_lower (&index->keys, outlet_name, -1)));
      if (outlet == 0)
        return 0;
    }
  first = POINTER_TO_ID (g_hash_table_lookup (index->people, _apl_contact_keys_person (&index->keys, sort_name, outlet)));
  if (first == 0)
    return 0;
  if (!g_hash_table_contains (used, ID_TO_POINTER (first)))
    return first;
  ids = g_hash_table_lookup (index->namesakes, index->keys.key->str);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (!g_hash_table_contains (used, ID_TO_POINTER (g_array_index (ids, gint64, i))))
      return g_array_index (ids, gint64, i);
  return 0;
}

/* The contacts section's items: the section's children, or what the
 * reader set aside (apl-xml-spill.h). */
static guint
count_contact_items (const AplPlanRecord *record)
{
  if (record->contact_items != NULL)
    return _apl_xml_spill_get_n_items (record->contact_items);
  return APL_XML_NODE_N_CHILDREN (record->contacts);
}

static gboolean
resolve_contacts (AplConn              *self,
                  const AplPlanRecord  *record,
                  AplImportResolution  *res,
                  GError              **error)
{
  /* Ids are positive and fit a pointer: no allocation a contact. */
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint n_items = count_contact_items (record);
  g_auto(AplXmlItems) items = { 0, };
  g_auto(ContactIndex) index = { 0, };
  g_autoptr(GError) local_error = NULL;
  const AplXmlNode *item;
  guint i;

  res->contact_ids = g_new0 (gint64, n_items + 1);
  res->contact_purge = g_new0 (gboolean, n_items + 1);
  res->new_outlets = g_ptr_array_new_with_free_func ((GDestroyNotify) _apl_xml_node_free);
  if (!contact_index_load (self, &index, error))
    return FALSE;

  /* Identifiers first, so that an e-mail never takes a contact that a
   * later item of the file names by its id. */
  _apl_xml_items_init (&items, record->contacts, record->contact_items);
  for (i = 0; _apl_xml_items_next (&items, &item, &local_error); i++)
    {
      gint64 id = 0;

      if (!g_str_equal (item->name, "contact"))
        continue;
      id = POINTER_TO_ID (g_hash_table_lookup (index.live, _apl_xml_node_get (item, "id") ?: ""));
      if (id != 0)
        {
          res->contact_ids[i] = id;
          g_hash_table_add (used, ID_TO_POINTER (id));
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _apl_xml_items_clear (&items);
  _apl_xml_items_init (&items, record->contacts, record->contact_items);
  for (i = 0; _apl_xml_items_next (&items, &item, &local_error); i++)
    {
      gint64 id = 0;

      if (g_str_equal (item->name, "outlet"))
        {
          g_autofree char *name = g_strstrip (g_strdup (_apl_xml_node_get (item, "name")));

          id = POINTER_TO_ID (g_hash_table_lookup (index.outlets, _apl_contact_keys_lower (&index.keys, name, -1)));
          if (id == 0)
            g_ptr_array_add (res->new_outlets, _apl_xml_node_copy (item));
          continue;
        }
      if (res->contact_ids[i] != 0)
        continue;

      id = _apl_contact_keys_find_email (&index.keys, index.emails, contact_field (item, APL_CONTACT_FIELD_EMAILS), used);
      if (id == 0)
        id = find_contact_by_name (&index, item, used);
      if (id != 0)
        {
          res->contact_ids[i] = id;
          g_hash_table_add (used, ID_TO_POINTER (id));
        }
      else
        /* The import wins over an Undo still possible for a deleted
         * contact with the same id, as it does for stakeholders. */
        res->contact_purge[i] = g_hash_table_contains (index.deleted, _apl_xml_node_get (item, "id") ?: "");
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* A crisis plan replaced over exercise or activation records would erase
 * them with the scenarios they belong to. */
static gboolean
check_crisis_replace (AplConn     *self,
                      gint64       plan_id,
                      GError     **error)
{
  gint64 n = 0;

  if (!_apl_conn_query_int (self, "SELECT count (*) FROM activations WHERE plan_id = ?1", plan_id, NULL, &n, error))
    return FALSE;
  if (n > 0)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("This plan has exercises or activations on record in this workspace, which replacing its crisis plan would erase. Import the file as a new plan instead."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_route_replace (AplConn     *self,
                     gint64       plan_id,
                     GError     **error)
{
  gint64 n = 0;

  if (!_apl_conn_query_int (self, "SELECT count (*) FROM approval_submissions WHERE plan_id = ?1 AND state = 'open'",
                  plan_id, NULL, &n, error))
    return FALSE;
  if (n > 0)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("Messages of this plan are waiting for approval: its approval route cannot be replaced until they are decided or withdrawn."));
      return FALSE;
    }
  return TRUE;
}

static AplXmlNode *
find_trail (const AplPlanRecord *record)
{
  return record->approvals != NULL ? _apl_xml_node_child (record->approvals, "trail") : NULL;
}

static gboolean
has_route (const AplPlanRecord *record)
{
  return record->approvals != NULL && _apl_xml_node_child (record->approvals, "step") != NULL;
}

/**
 * _apl_import_resolve_sections:
 * @plan_id: the plan the import replaces, or 0 when it adds one
 * @keep_id: whether the plan keeps the file's id (replace)
 *
 * Works out which of the file's contacts the workspace already holds, and
 * whether the file's approval trail is kept. Writes nothing.
 */
gboolean
_apl_import_resolve_sections (AplConn              *self,
                              const AplPlanRecord  *record,
                              gint64                plan_id,
                              gboolean              keep_id,
                              AplImportResolution  *res,
                              GError              **error)
{
  if (record->contacts != NULL && !resolve_contacts (self, record, res, error))
    return FALSE;

  if (plan_id != 0 && record->crisis != NULL && !check_crisis_replace (self, plan_id, error))
    return FALSE;
  if (plan_id != 0 && has_route (record) && !check_route_replace (self, plan_id, error))
    return FALSE;

  if (find_trail (record) != NULL && keep_id)
    {
      g_autofree char *uuid = g_ascii_strdown (record->id, -1);
      gint64 n = 0;

      if (!_apl_conn_query_int (self, "SELECT count (*) FROM approval_events WHERE plan_uuid = ?1", 0, uuid, &n, error))
        return FALSE;
      res->has_local_trail = n > 0;
      res->keep_trail = n == 0;
    }
  return TRUE;
}

void
_apl_import_resolution_clear_sections (AplImportResolution *res)
{
  g_clear_pointer (&res->contact_ids, g_free);
  g_clear_pointer (&res->contact_purge, g_free);
  g_clear_pointer (&res->new_outlets, g_ptr_array_unref);
}

/* Import: writing */

static gboolean
insert_outlet (AplConn           *self,
               const AplXmlNode  *outlet,
               GError           **error)
{
  g_autofree char *name = g_strstrip (g_strdup (_apl_xml_node_get (outlet, "name")));
  g_autofree char *sort_name = apl_text_fold (name);
  sqlite3_stmt *stmt;

  stmt = _apl_conn_prepare (self,
                            "INSERT INTO outlets (name, sort_name, type, reach, region) VALUES (?1, ?2, ?3, ?4, ?5) "
                            "ON CONFLICT (name) DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  _apl_conn_bind_text (stmt, 1, name);
  _apl_conn_bind_text (stmt, 2, sort_name);
  _apl_conn_bind_text (stmt, 3, _apl_xml_node_get (outlet, "type"));
  _apl_conn_bind_optional (stmt, 4, _apl_xml_node_get (outlet, "reach"));
  if (_apl_xml_node_get (outlet, "reach") != NULL)
    sqlite3_bind_int64 (stmt, 4, g_ascii_strtoll (_apl_xml_node_get (outlet, "reach"), NULL, 10));
  _apl_conn_bind_text (stmt, 5, _apl_xml_node_child_text (outlet, "region"));
  return _apl_conn_step_done (self, stmt, error);
}

/* The outlet's id, created when it is new; 0 for no outlet. @known
 * (name in ASCII lower case, as COLLATE NOCASE compares it, to id) saves
 * two statements a contact when a file lists many people of one outlet. */
static gboolean
outlet_for (AplConn     *self,
            GHashTable  *known,
            const char  *name,
            gint64      *id,
            GError     **error)
{
  g_autofree char *sort_name = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  *id = 0;
  if (name == NULL || *name == '\0')
    return TRUE;

  key = g_ascii_strdown (name, -1);
  *id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (known, key));
  if (*id != 0)
    return TRUE;

  sort_name = apl_text_fold (name);
  stmt = _apl_conn_prepare (self,
                            "INSERT INTO outlets (name, sort_name) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  _apl_conn_bind_text (stmt, 1, name);
  _apl_conn_bind_text (stmt, 2, sort_name);
  if (!_apl_conn_step_done (self, stmt, error)
      || !_apl_conn_query_int (self, "SELECT id FROM outlets WHERE name = ?1", 0, name, id, error))
    return FALSE;
  g_hash_table_insert (known, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

static gboolean
purge_contact (AplConn     *self,
               const char  *uuid,
               GError     **error)
{
  gint64 id = 0;

  if (!_apl_conn_query_int (self, "SELECT id FROM contacts WHERE uuid = ?1 AND deleted_at IS NOT NULL", 0, uuid, &id, error))
    return FALSE;
  return _apl_conn_run_with_id (self, "DELETE FROM contacts_fts WHERE rowid = ?1", id, error)
         && _apl_conn_run_with_id (self, "DELETE FROM contacts WHERE id = ?1", id, error);
}

/* The same row the contact book writes; the search
 * entries of the new contacts are written together at the end
 * (index_new_contacts()). */
static gboolean
insert_contact (AplConn           *self,
                GHashTable        *outlets,
                const AplXmlNode  *contact,
                gint64            *id,
                GError           **error)
{
  AplXmlNode *children[APL_XML_CONTACT_N_ELEMENTS];
  const char *fields[APL_XML_CONTACT_N_ELEMENTS];
  const char *name;
  g_autofree char *sort_name = NULL;
  sqlite3_stmt *stmt;
  gint64 outlet = 0;

  _apl_xml_node_find_children (contact, _apl_xml_contact_elements (), APL_XML_CONTACT_N_ELEMENTS, children);
  for (guint f = 0; f < APL_XML_CONTACT_N_ELEMENTS; f++)
    fields[f] = children[f] != NULL && children[f]->text != NULL ? children[f]->text : "";
  name = fields[APL_CONTACT_FIELD_NAME];
  sort_name = apl_text_fold (name);

  if (!outlet_for (self, outlets, fields[APL_CONTACT_FIELD_OUTLET], &outlet, error))
    return FALSE;

  stmt = _apl_conn_prepare (self,
                            "INSERT INTO contacts (name, sort_name, kind, outlet_id, role, beats, languages, "
                            "  region, country, emails, phones, socials, website, reach, relationship, "
                            "  owner, notes, last_contacted, last_verified, do_not_contact, dnc_reason, "
                            "  lawful_basis, source, created_at, updated_at, uuid) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                            "  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _apl_conn_bind_text (stmt, 1, name);
  _apl_conn_bind_text (stmt, 2, sort_name);
  _apl_conn_bind_text (stmt, 3, fields[APL_CONTACT_FIELD_KIND]);
  if (outlet > 0)
    sqlite3_bind_int64 (stmt, 4, outlet);
  else
    sqlite3_bind_null (stmt, 4);
  for (guint f = APL_CONTACT_FIELD_ROLE; f < APL_CONTACT_N_FIELDS; f++)
    {
      const char *value = fields[f];

      if (f == APL_CONTACT_FIELD_REACH)
        {
          if (*value == '\0')
            sqlite3_bind_null (stmt, f + 2);
          else
            sqlite3_bind_int64 (stmt, f + 2, g_ascii_strtoll (value, NULL, 10));
        }
      else if (f == APL_CONTACT_FIELD_LAST_CONTACTED || f == APL_CONTACT_FIELD_LAST_VERIFIED)
        _apl_conn_bind_optional (stmt, f + 2, value);
      else if (f == APL_CONTACT_FIELD_DO_NOT_CONTACT)
        sqlite3_bind_int (stmt, f + 2, g_strcmp0 (value, "1") == 0);
      else
        _apl_conn_bind_text (stmt, f + 2, value);
    }
  _apl_conn_bind_text (stmt, 24, fields[APL_CONTACT_N_FIELDS]);
  _apl_conn_bind_text (stmt, 25, fields[APL_CONTACT_N_FIELDS + 1]);
  _apl_conn_bind_text (stmt, 26, _apl_xml_node_get (contact, "id"));
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

/* The search entries of the contacts above @last_old_id, in one
 * statement: an FTS5 table written inside a transaction flushes its
 * pending terms at the end of every later statement, so one entry a
 * contact cost an index segment a contact. */
static gboolean
index_new_contacts (AplConn  *self,
                    gint64    last_old_id,
                    GError  **error)
{
  return _apl_conn_run_with_id (self,
                       "INSERT INTO contacts_fts (rowid, name, outlet, beats, emails) "
                       "SELECT c.id, c.name, coalesce (o.name, ''), c.beats, c.emails "
                       "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id WHERE c.id > ?1",
                       last_old_id, error);
}

static gboolean
write_contact_rows (AplConn              *self,
                    const AplPlanRecord  *record,
                    gint64                plan_id,
                    gboolean              existing,
                    AplImportResolution  *res,
                    GError              **error)
{
  g_autoptr(GHashTable) outlets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(AplXmlItems) items = { 0, };
  g_autoptr(GError) local_error = NULL;
  const AplXmlNode *item;
  gint64 last_old_id = 0;

  if (existing && !_apl_conn_run_with_id (self, "DELETE FROM plan_contacts WHERE plan_id = ?1", plan_id, error))
    return FALSE;
  /* New contacts get ids above every row there is now (the transaction
   * holds the write lock), which is how index_new_contacts() finds them. */
  if (!_apl_conn_query_int (self, "SELECT coalesce (max (id), 0) FROM contacts WHERE id > ?1", 0, NULL,
                            &last_old_id, error))
    return FALSE;

  for (guint i = 0; i < res->new_outlets->len; i++)
    if (!insert_outlet (self, g_ptr_array_index (res->new_outlets, i), error))
      return FALSE;

  _apl_xml_items_init (&items, record->contacts, record->contact_items);
  for (guint i = 0; _apl_xml_items_next (&items, &item, &local_error); i++)
    {
      sqlite3_stmt *stmt;

      if (!g_str_equal (item->name, "contact"))
        continue;
      if (res->contact_ids[i] == 0)
        {
          if (res->contact_purge[i] && !purge_contact (self, _apl_xml_node_get (item, "id"), error))
            return FALSE;
          if (!insert_contact (self, outlets, item, &res->contact_ids[i], error))
            return FALSE;
        }

      stmt = _apl_conn_prepare (self, "INSERT OR IGNORE INTO plan_contacts (plan_id, contact_id) VALUES (?1, ?2)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, res->contact_ids[i]);
      if (!_apl_conn_step_done (self, stmt, error) || !_apl_conn_row_done (self, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return index_new_contacts (self, last_old_id, error);
}

static gboolean
write_contacts (AplConn              *self,
                const AplPlanRecord  *record,
                gint64                plan_id,
                gboolean              existing,
                AplImportResolution  *res,
                GError              **error)
{
  gboolean ok;

  /* Every field of every contact was checked and normalized by the reader
   * (apl-plan-xml-sections.c), with the checks an edit runs: the schema's
   * CHECK constraints would only check them again, and their lists (kind,
   * relationship) cost a third of the contacts' insert time. The same
   * judgement as a contact import's (apl-store-contacts.c). Types, NOT
   * NULL and foreign keys are still enforced. Changing this setting
   * expires the connection's statements: SQLite compiles them again. */
  sqlite3_exec (self->db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
  ok = write_contact_rows (self, record, plan_id, existing, res, error);
  sqlite3_exec (self->db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
  return ok;
}

static int
int_attribute (const AplXmlNode *node,
               const char       *name,
               int               fallback)
{
  const char *text = _apl_xml_node_get (node, name);

  return text != NULL ? (int) g_ascii_strtoll (text, NULL, 10) : fallback;
}

static gboolean
write_scenario (AplConn           *self,
                const AplXmlNode  *scenario,
                gint64             plan_id,
                GHashTable        *roles,
                GError           **error)
{
  sqlite3_stmt *stmt;
  int positions[3] = { 0, 0, 0 };
  int question_position = 0;
  gint64 id;

  stmt = _apl_conn_prepare (self,
                            "INSERT INTO crisis_scenarios (plan_id, kind, likelihood, impact, title, description, "
                            "  signals, watch_trigger, watch_actions, alert_trigger, alert_actions, "
                            "  crisis_trigger, crisis_actions, created_at, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  _apl_conn_bind_text (stmt, 2, _apl_xml_node_get (scenario, "kind"));
  sqlite3_bind_int (stmt, 3, int_attribute (scenario, "likelihood", 3));
  sqlite3_bind_int (stmt, 4, int_attribute (scenario, "impact", 3));
  for (guint k = 0; k < G_N_ELEMENTS (_apl_scenario_texts); k++)
    _apl_conn_bind_text (stmt, 5 + k, _apl_xml_node_child_text (scenario, _apl_scenario_texts[k]));
  if (!_apl_conn_step_done (self, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (scenario); i++)
    {
      AplXmlNode *child = g_ptr_array_index (scenario->children, i);

      if (g_str_equal (child->name, "step"))
        {
          const char *level = _apl_xml_node_get (child, "level");
          const char *role = _apl_xml_node_get (child, "role");
          gint64 *role_id = role != NULL ? g_hash_table_lookup (roles, role) : NULL;
          int l = g_strcmp0 (level, "watch") == 0 ? 0 : g_strcmp0 (level, "alert") == 0 ? 1 : 2;

          stmt = _apl_conn_prepare (self,
                                    "INSERT INTO checklist_steps (scenario_id, level, position, action, role_id, "
                                    "  target_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          _apl_conn_bind_text (stmt, 2, level);
          sqlite3_bind_int (stmt, 3, positions[l]++);
          _apl_conn_bind_text (stmt, 4, _apl_xml_node_child_text (child, "action"));
          if (role_id != NULL)
            sqlite3_bind_int64 (stmt, 5, *role_id);
          else
            sqlite3_bind_null (stmt, 5);
          _apl_conn_bind_optional (stmt, 6, _apl_xml_node_get (child, "target-minutes"));
          if (_apl_xml_node_get (child, "target-minutes") != NULL)
            sqlite3_bind_int (stmt, 6, int_attribute (child, "target-minutes", 0));
        }
      else if (g_str_equal (child->name, "question"))
        {
          stmt = _apl_conn_prepare (self,
                                    "INSERT INTO scenario_questions (scenario_id, position, language, question, answer) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, question_position++);
          _apl_conn_bind_text (stmt, 3, _apl_xml_node_get (child, "language"));
          _apl_conn_bind_text (stmt, 4, _apl_xml_node_child_text (child, "text"));
          _apl_conn_bind_text (stmt, 5, _apl_xml_node_child_text (child, "answer"));
        }
      else
        continue;
      if (!_apl_conn_step_done (self, stmt, error) || !_apl_conn_row_done (self, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_crisis (AplConn              *self,
              const AplPlanRecord  *record,
              gint64                plan_id,
              gboolean              existing,
              GError              **error)
{
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *items = _apl_xml_node_children (record->crisis);
  sqlite3_stmt *stmt;
  int rc;

  if (existing)
    {
      /* Where each channel's credentials are kept is not in the file: a
       * channel of the same name keeps the workspace's. */
      stmt = _apl_conn_prepare (self,
                                "SELECT name, credentials_location FROM owned_channels "
                                "WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY id DESC",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (credentials, g_strdup (_apl_conn_column_text (stmt, 0)), g_strdup (_apl_conn_column_text (stmt, 1)));
      if (!_apl_conn_finish_rows (self, stmt, rc, error))
        return FALSE;

      if (!_apl_conn_run_with_id (self, "DELETE FROM crisis_scenarios WHERE plan_id = ?1", plan_id, error)
          || !_apl_conn_run_with_id (self, "DELETE FROM raci_tasks WHERE plan_id = ?1", plan_id, error)
          || !_apl_conn_run_with_id (self, "DELETE FROM crisis_roles WHERE plan_id = ?1", plan_id, error)
          || !_apl_conn_run_with_id (self, "DELETE FROM owned_channels WHERE plan_id = ?1", plan_id, error))
        return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      AplXmlNode *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->name, "role"))
        {
          AplXmlNode *reviewed = _apl_xml_node_child (item, "reviewed-on");

          stmt = _apl_conn_prepare (self,
                                    "INSERT INTO crisis_roles (plan_id, role_key, custom_name, person, deputy, contact, "
                                    "  responsibilities, reviewed_on, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, plan_id);
          _apl_conn_bind_text (stmt, 2, _apl_xml_node_get (item, "key"));
          _apl_conn_bind_text (stmt, 3, _apl_xml_node_child_text (item, "name"));
          _apl_conn_bind_text (stmt, 4, _apl_xml_node_child_text (item, "person"));
          _apl_conn_bind_text (stmt, 5, _apl_xml_node_child_text (item, "deputy"));
          _apl_conn_bind_text (stmt, 6, _apl_xml_node_child_text (item, "contact"));
          _apl_conn_bind_text (stmt, 7, _apl_xml_node_child_text (item, "responsibilities"));
          _apl_conn_bind_optional (stmt, 8, reviewed != NULL ? reviewed->text : NULL);
          _apl_conn_bind_text (stmt, 9, _apl_xml_node_child_text (item, "created"));
          _apl_conn_bind_text (stmt, 10, _apl_xml_node_child_text (item, "updated"));
          if (!_apl_conn_step_done (self, stmt, error))
            return FALSE;
          g_hash_table_insert (roles, (gpointer) _apl_xml_node_get (item, "id"),
                               _apl_conn_new_id (sqlite3_last_insert_rowid (self->db)));
        }
      else if (g_str_equal (item->name, "scenario"))
        {
          if (!write_scenario (self, item, plan_id, roles, error))
            return FALSE;
        }
      else if (g_str_equal (item->name, "raci-task"))
        {
          gint64 task;

          stmt = _apl_conn_prepare (self, "INSERT INTO raci_tasks (plan_id, name) VALUES (?1, ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, plan_id);
          _apl_conn_bind_text (stmt, 2, _apl_xml_node_child_text (item, "name"));
          if (!_apl_conn_step_done (self, stmt, error))
            return FALSE;
          task = sqlite3_last_insert_rowid (self->db);

          for (guint k = 0; k < APL_XML_NODE_N_CHILDREN (item); k++)
            {
              AplXmlNode *cell = g_ptr_array_index (item->children, k);
              gint64 *role_id;

              if (!g_str_equal (cell->name, "cell"))
                continue;
              role_id = g_hash_table_lookup (roles, _apl_xml_node_get (cell, "role"));
              stmt = _apl_conn_prepare (self, "INSERT INTO raci_cells (task_id, role_id, value) VALUES (?1, ?2, ?3)",
                                        error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, task);
              sqlite3_bind_int64 (stmt, 2, role_id != NULL ? *role_id : 0);
              _apl_conn_bind_text (stmt, 3, _apl_xml_node_get (cell, "value"));
              if (!_apl_conn_step_done (self, stmt, error))
                return FALSE;
            }
        }
      else if (g_str_equal (item->name, "channel"))
        {
          const char *name = _apl_xml_node_child_text (item, "name");

          stmt = _apl_conn_prepare (self,
                                    "INSERT INTO owned_channels (plan_id, name, kind, publishers, credentials_location) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, plan_id);
          _apl_conn_bind_text (stmt, 2, name);
          _apl_conn_bind_text (stmt, 3, _apl_xml_node_get (item, "kind"));
          _apl_conn_bind_text (stmt, 4, _apl_xml_node_child_text (item, "publishers"));
          _apl_conn_bind_text (stmt, 5, g_hash_table_lookup (credentials, name));
          if (!_apl_conn_step_done (self, stmt, error))
            return FALSE;
        }
      if (!_apl_conn_row_done (self, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_route (AplConn              *self,
             const AplPlanRecord  *record,
             gint64                plan_id,
             gboolean              existing,
             GError              **error)
{
  GPtrArray *items = _apl_xml_node_children (record->approvals);
  int position = 0;

  if (existing && !_apl_conn_run_with_id (self, "DELETE FROM approval_steps WHERE plan_id = ?1", plan_id, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      AplXmlNode *item = g_ptr_array_index (items, i);
      sqlite3_stmt *stmt;
      int approver_position = 0;
      gint64 step;

      if (!g_str_equal (item->name, "step"))
        continue;
      stmt = _apl_conn_prepare (self,
                                "INSERT INTO approval_steps (plan_id, position, role, rule, timing, target_minutes) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int (stmt, 2, position++);
      _apl_conn_bind_text (stmt, 3, _apl_xml_node_child_text (item, "role"));
      _apl_conn_bind_text (stmt, 4, _apl_xml_node_get (item, "rule"));
      _apl_conn_bind_text (stmt, 5, _apl_xml_node_get (item, "timing"));
      sqlite3_bind_int (stmt, 6, int_attribute (item, "target-minutes", 0));
      if (!_apl_conn_step_done (self, stmt, error))
        return FALSE;
      step = sqlite3_last_insert_rowid (self->db);

      for (guint k = 0; k < APL_XML_NODE_N_CHILDREN (item); k++)
        {
          AplXmlNode *approver = g_ptr_array_index (item->children, k);

          if (!g_str_equal (approver->name, "approver"))
            continue;
          stmt = _apl_conn_prepare (self,
                                    "INSERT INTO approval_approvers (step_id, position, name, deputy) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, step);
          sqlite3_bind_int (stmt, 2, approver_position++);
          _apl_conn_bind_text (stmt, 3, _apl_xml_node_child_text (approver, "name"));
          _apl_conn_bind_text (stmt, 4, _apl_xml_node_child_text (approver, "deputy"));
          if (!_apl_conn_step_done (self, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The file's trail as a read-only record of the plan, never as events of
 * the workspace's own trail. */
static gboolean
write_trail (AplConn           *self,
             const AplXmlNode  *trail,
             gint64             plan_id,
             GError           **error)
{
  if (!_apl_conn_run_with_id (self, "DELETE FROM imported_trail_events WHERE plan_id = ?1", plan_id, error))
    return FALSE;

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (trail); i++)
    {
      AplXmlNode *event = g_ptr_array_index (trail->children, i);
      sqlite3_stmt *stmt;

      stmt = _apl_conn_prepare (self,
                                "INSERT INTO imported_trail_events (plan_id, seq, occurred_at, actor, actor_role, "
                                "  kind, message_id, message_title, message_version, text_hash, detail, comment, "
                                "  prev_hash, hash) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (_apl_xml_node_get (event, "seq"), NULL, 10));
      _apl_conn_bind_text (stmt, 3, _apl_xml_node_child_text (event, "occurred"));
      _apl_conn_bind_text (stmt, 4, _apl_xml_node_child_text (event, "actor"));
      _apl_conn_bind_text (stmt, 5, _apl_xml_node_child_text (event, "actor-role"));
      _apl_conn_bind_text (stmt, 6, _apl_xml_node_child_text (event, "kind"));
      sqlite3_bind_int64 (stmt, 7, g_ascii_strtoll (_apl_xml_node_get (event, "message"), NULL, 10));
      _apl_conn_bind_text (stmt, 8, _apl_xml_node_child_text (event, "message-title"));
      sqlite3_bind_int64 (stmt, 9, g_ascii_strtoll (_apl_xml_node_get (event, "version"), NULL, 10));
      _apl_conn_bind_text (stmt, 10, _apl_xml_node_child_text (event, "text-hash"));
      _apl_conn_bind_text (stmt, 11, _apl_xml_node_child_text (event, "detail"));
      _apl_conn_bind_text (stmt, 12, _apl_xml_node_child_text (event, "comment"));
      _apl_conn_bind_text (stmt, 13, _apl_xml_node_child_text (event, "prev-hash"));
      _apl_conn_bind_text (stmt, 14, _apl_xml_node_child_text (event, "hash"));
      if (!_apl_conn_step_done (self, stmt, error) || !_apl_conn_row_done (self, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _apl_import_write_sections:
 *
 * Writes the format 3 sections the file holds, inside the import's
 * transaction; the caller rolls back on error.
 */
gboolean
_apl_import_write_sections (AplConn              *self,
                            const AplPlanRecord  *record,
                            gint64                plan_id,
                            gboolean              existing,
                            AplImportResolution  *res,
                            GError              **error)
{
  AplXmlNode *trail = find_trail (record);

  if (record->contacts != NULL && !write_contacts (self, record, plan_id, existing, res, error))
    return FALSE;
  if (record->crisis != NULL && !write_crisis (self, record, plan_id, existing, error))
    return FALSE;
  if (record->approvals != NULL && !write_route (self, record, plan_id, existing, error))
    return FALSE;
  if (trail != NULL && res->keep_trail && !write_trail (self, trail, plan_id, error))
    return FALSE;
  return TRUE;
}

/* Import: preview */

static guint
count_children (const AplXmlNode *node,
                const char       *name)
{
  guint n = 0;

  for (guint i = 0; node != NULL && i < APL_XML_NODE_N_CHILDREN (node); i++)
    n += g_str_equal (((AplXmlNode *) g_ptr_array_index (node->children, i))->name, name);
  return n;
}

/**
 * _apl_import_preview_sections:
 *
 * Lists the outlets and contacts the import would create or reuse, the
 * crisis plan and approval route it would write, and what it does with
 * the file's approval trail.
 */
void
_apl_import_preview_sections (const AplPlanRecord        *record,
                              const AplImportResolution  *res,
                              GPtrArray                  *items)
{
  AplXmlNode *trail;

  if (record->contacts != NULL)
    {
      g_auto(AplXmlItems) nodes = { 0, };
      const AplXmlNode *node;

      for (guint i = 0; res->new_outlets != NULL && i < res->new_outlets->len; i++)
        _apl_import_preview_add (items, APL_IMPORT_CREATE, "outlet",
                                 _apl_xml_node_get (g_ptr_array_index (res->new_outlets, i), "name"));
      /* The items were read back once already while resolving: a failure
       * now would be the temporary file's, and the import itself reads
       * them again and reports it. */
      _apl_xml_items_init (&nodes, record->contacts, record->contact_items);
      for (guint i = 0; _apl_xml_items_next (&nodes, &node, NULL); i++)
        if (g_str_equal (node->name, "contact"))
          _apl_import_preview_add (items, res->contact_ids[i] != 0 ? APL_IMPORT_MERGE : APL_IMPORT_CREATE,
                                   "contact", contact_field (node, APL_CONTACT_FIELD_NAME));
    }

  if (record->crisis != NULL)
    {
      guint scenarios = count_children (record->crisis, "scenario");
      guint roles = count_children (record->crisis, "role");
      guint tasks = count_children (record->crisis, "raci-task");
      guint channels = count_children (record->crisis, "channel");
      g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scenario", "%u scenarios", scenarios), scenarios);
      g_autofree char *b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u role", "%u roles", roles), roles);
      g_autofree char *c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u RACI task", "%u RACI tasks", tasks), tasks);
      g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u channel", "%u channels", channels), channels);
      /* Translators: the parts of a crisis plan, such as "2 scenarios, 4 roles, 3 RACI tasks, 1 channel" */
      g_autofree char *summary = g_strdup_printf (_("%s, %s, %s, %s"), a, b, c, d);

      _apl_import_preview_add (items, APL_IMPORT_CREATE, "crisis-plan", summary);
    }

  if (has_route (record))
    {
      guint n = count_children (record->approvals, "step");
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n), n);

      _apl_import_preview_add (items, APL_IMPORT_CREATE, "approval-route", summary);
    }

  trail = find_trail (record);
  if (trail != NULL)
    {
      g_autofree char *summary = NULL;
      guint n = APL_XML_NODE_N_CHILDREN (trail);

      if (res->keep_trail)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event, kept as a read-only record",
                                                "%u events, kept as a read-only record", n), n);
      else if (res->has_local_trail)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u event, left out: this workspace keeps its own trail for the plan",
                                                "%u events, left out: this workspace keeps its own trail for the plan",
                                                n), n);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u event, left out: a copy starts its own approval history",
                                                "%u events, left out: a copy starts its own approval history", n),
                                   n);
      _apl_import_preview_add (items, res->keep_trail ? APL_IMPORT_CREATE : APL_IMPORT_SKIP, "approval-trail",
                               summary);
    }
}
