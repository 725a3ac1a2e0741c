/* apl-store-contacts.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's contact book: contacts, their outlets, segments, the search
 * index and imports. Every change is one transaction; an import is one
 * transaction around all its records.
 *
 * The full-text index (contacts_fts) is written here, in the same
 * transaction as the contact, and not by triggers: the workspace runs with
 * trusted_schema=OFF, under which SQLite refuses a trigger that writes to
 * a virtual table. tests/contacts/test-contacts-store.c checks both.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-private.h"
#include "apl-store-db.h"
#include "apl-text.h"

#define CONTACT_SELECT \
  "SELECT c.id, c.name, c.kind, coalesce (o.name, ''), c.role, c.beats, c.languages, c.region, " \
  "       c.country, c.emails, c.phones, c.socials, c.website, coalesce (c.reach, ''), " \
  "       c.relationship, c.owner, c.notes, coalesce (c.last_contacted, ''), " \
  "       coalesce (c.last_verified, ''), c.do_not_contact, c.dnc_reason, c.lawful_basis, " \
  "       c.source, c.created_at, c.updated_at " \
  "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id "

/* ?1 full-text query, ?2 ",kind,...,", ?3 ",relationship,...,", ?4 ",beat,",
 * ?5 ",language,", ?6 country, ?7 stale cut-off date, ?8 include
 * do-not-contact, ?9 segment; NULL (or 0) for "any". */
#define CONTACT_FROM_WHERE \
  "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id " \
  "WHERE c.deleted_at IS NULL " \
  "  AND (?1 IS NULL OR c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1)) " \
  "  AND (?2 IS NULL OR instr (?2, ',' || c.kind || ',') > 0) " \
  "  AND (?3 IS NULL OR instr (?3, ',' || c.relationship || ',') > 0) " \
  "  AND (?4 IS NULL OR instr (',' || lower (replace (c.beats, ', ', ',')) || ',', ?4) > 0) " \
  "  AND (?5 IS NULL OR instr (',' || lower (replace (c.languages, ', ', ',')) || ',', ?5) > 0) " \
  "  AND (?6 IS NULL OR c.country = ?6 COLLATE NOCASE) " \
  "  AND (?7 IS NULL OR c.last_verified IS NULL OR c.last_verified < ?7) " \
  "  AND (?8 = 1 OR c.do_not_contact = 0) " \
  "  AND (?9 = 0 OR c.id IN (SELECT contact_id FROM contact_segment_members WHERE segment_id = ?9)) "

#define QUERY(order) "SELECT c.id " CONTACT_FROM_WHERE "ORDER BY " order

/* Indexed by AplContactSort, then ascending / descending. */
static const char * const query_sql[APL_CONTACT_N_SORTS][2] = {
  { QUERY ("c.sort_name, c.id"),
    QUERY ("c.sort_name DESC, c.id DESC") },
  { QUERY ("o.sort_name IS NULL, o.sort_name, c.sort_name, c.id"),
    QUERY ("o.sort_name IS NULL, o.sort_name DESC, c.sort_name, c.id") },
  { QUERY ("c.kind, c.sort_name, c.id"),
    QUERY ("c.kind DESC, c.sort_name, c.id") },
  { QUERY ("c.beats = '', lower (c.beats), c.sort_name, c.id"),
    QUERY ("c.beats = '', lower (c.beats) DESC, c.sort_name, c.id") },
  { QUERY ("CASE c.relationship WHEN 'cold' THEN 0 WHEN 'warm' THEN 1 ELSE 2 END, c.sort_name, c.id"),
    QUERY ("CASE c.relationship WHEN 'cold' THEN 0 WHEN 'warm' THEN 1 ELSE 2 END DESC, c.sort_name, c.id") },
  { QUERY ("c.last_verified IS NOT NULL, c.last_verified, c.sort_name, c.id"),
    QUERY ("c.last_verified IS NULL, c.last_verified DESC, c.sort_name, c.id") },
};

/* Indexed by AplContactField; ?1 value, ?2 now, ?3 id. The name also
 * writes its sort key (?4); the outlet is written by id. */
static const char * const field_update_sql[APL_CONTACT_N_FIELDS] = {
  "UPDATE contacts SET name = ?1, sort_name = ?4, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET kind = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET outlet_id = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET role = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET beats = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET languages = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET region = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET country = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET emails = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET phones = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET socials = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET website = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET reach = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET relationship = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET owner = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET notes = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET last_contacted = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET last_verified = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET do_not_contact = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET dnc_reason = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET lawful_basis = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
  "UPDATE contacts SET source = ?1, updated_at = ?2 WHERE id = ?3 AND deleted_at IS NULL",
};

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

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Binds a field's text as its column's type: NULL for an empty date or
 * reach, integers for reach and do-not-contact. */
static void
bind_field (sqlite3_stmt    *stmt,
            int              index,
            AplContactField  field,
            const char      *value)
{
  switch (field)
    {
    case APL_CONTACT_FIELD_REACH:
      if (is_empty (value))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value, NULL, 10));
      break;
    case APL_CONTACT_FIELD_LAST_CONTACTED:
    case APL_CONTACT_FIELD_LAST_VERIFIED:
      if (is_empty (value))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
      break;
    case APL_CONTACT_FIELD_DO_NOT_CONTACT:
      sqlite3_bind_int (stmt, index, g_strcmp0 (value, "1") == 0);
      break;
    default:
      sqlite3_bind_text (stmt, index, value ? value : "", -1, SQLITE_TRANSIENT);
      break;
    }
}

static void
record_from_stmt (sqlite3_stmt     *stmt,
                  AplContactRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    record->fields[i] = g_strdup (column_text (stmt, 1 + i));
  record->created = g_strdup (column_text (stmt, 1 + APL_CONTACT_N_FIELDS));
  record->updated = g_strdup (column_text (stmt, 2 + APL_CONTACT_N_FIELDS));
}

/* The outlet's id, created when @create and it does not exist yet;
 * 0 for no outlet (or none of that name). */
static gboolean
outlet_id (AplStore    *self,
           const char  *name,
           gboolean     create,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *id = 0;
  if (is_empty (name))
    return TRUE;

  if (create)
    {
      g_autofree char *sort_name = apl_text_fold (name);

      stmt = _apl_store_prepare (self,
                                 "INSERT INTO outlets (name, sort_name) VALUES (?1, ?2) "
                                 "ON CONFLICT (name) DO NOTHING",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, sort_name, -1, SQLITE_TRANSIENT);
      if (!_apl_store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = _apl_store_prepare (self, "SELECT id FROM outlets WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Rewrites the contact's search entry from its row. */
static gboolean
reindex (AplStore  *self,
         gint64     id,
         GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self, "DELETE FROM contacts_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO contacts_fts (rowid, name, outlet, beats, emails) "
                             "SELECT c.id, c.name, coalesce (o.name, ''), c.beats, c.emails "
                             "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id WHERE c.id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _apl_store_step_done (self, stmt, error);
}

static gboolean
write_emails (AplStore    *self,
              gint64       id,
              const char  *emails,
              gboolean     clear,
              GError     **error)
{
  g_auto(GStrv) items = NULL;
  sqlite3_stmt *stmt;

  if (clear)
    {
      stmt = _apl_store_prepare (self, "DELETE FROM contact_emails WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_apl_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (is_empty (emails))
    return TRUE;

  items = g_strsplit (emails, "\n", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (items[i][0] == '\0')
        continue;
      stmt = _apl_store_prepare (self,
                                 "INSERT OR IGNORE INTO contact_emails (contact_id, email) VALUES (?1, ?2)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, items[i], -1, SQLITE_TRANSIENT);
      if (!_apl_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Binds every column of a full row: ?1 name, ?2 sort key, ?3 kind, ?4
 * outlet, then the other fields in AplContactField order, ?24 now. */
static gboolean
bind_row (AplStore          *self,
          sqlite3_stmt      *stmt,
          AplContactRecord  *record,
          gint64             outlet,
          const char        *now)
{
  g_autofree char *sort_name = apl_text_fold (record->fields[APL_CONTACT_FIELD_NAME]);

  sqlite3_bind_text (stmt, 1, record->fields[APL_CONTACT_FIELD_NAME], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sort_name, -1, SQLITE_TRANSIENT);
  bind_field (stmt, 3, APL_CONTACT_FIELD_KIND, record->fields[APL_CONTACT_FIELD_KIND]);
  if (outlet > 0)
    sqlite3_bind_int64 (stmt, 4, outlet);
  else
    sqlite3_bind_null (stmt, 4);
  for (guint i = APL_CONTACT_FIELD_ROLE; i < APL_CONTACT_N_FIELDS; i++)
    bind_field (stmt, i + 2, i, record->fields[i]);
  sqlite3_bind_text (stmt, 24, now, -1, SQLITE_TRANSIENT);
  return TRUE;
}

/* Inserts a normalized record inside the caller's transaction. */
static gboolean
insert_row (AplStore          *self,
            AplContactRecord  *record,
            GError           **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;
  gint64 outlet = 0;

  if (!outlet_id (self, record->fields[APL_CONTACT_FIELD_OUTLET], TRUE, &outlet, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "INSERT INTO contacts (name, sort_name, kind, outlet_id, role, beats, languages, "
                             "  region, country, emails, phones, socials, website, reach, relationship, "
                             "  owner, notes, last_contacted, last_verified, do_not_contact, dnc_reason, "
                             "  lawful_basis, source, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                             "  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?24)",
                             error);
  if (stmt == NULL)
    return FALSE;
  bind_row (self, stmt, record, outlet, now);
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  record->id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  g_free (record->created);
  record->created = g_strdup (now);
  g_free (record->updated);
  record->updated = g_strdup (now);

  return write_emails (self, record->id, record->fields[APL_CONTACT_FIELD_EMAILS], FALSE, error)
         && reindex (self, record->id, error);
}

static gboolean
update_row (AplStore          *self,
            AplContactRecord  *record,
            GError           **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;
  gint64 outlet = 0;

  if (!outlet_id (self, record->fields[APL_CONTACT_FIELD_OUTLET], TRUE, &outlet, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "UPDATE contacts SET name = ?1, sort_name = ?2, kind = ?3, outlet_id = ?4, "
                             "  role = ?5, beats = ?6, languages = ?7, region = ?8, country = ?9, "
                             "  emails = ?10, phones = ?11, socials = ?12, website = ?13, reach = ?14, "
                             "  relationship = ?15, owner = ?16, notes = ?17, last_contacted = ?18, "
                             "  last_verified = ?19, do_not_contact = ?20, dnc_reason = ?21, "
                             "  lawful_basis = ?22, source = ?23, updated_at = ?24 "
                             "WHERE id = ?25 AND deleted_at IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;
  bind_row (self, stmt, record, outlet, now);
  sqlite3_bind_int64 (stmt, 25, record->id);
  if (!_apl_store_step_done (self, stmt, error))
    return FALSE;

  return write_emails (self, record->id, record->fields[APL_CONTACT_FIELD_EMAILS], TRUE, error)
         && reindex (self, record->id, error);
}

/* Binds a filter to the parameters of CONTACT_FROM_WHERE. */
static void
bind_filter (sqlite3_stmt           *stmt,
             const AplContactFilter *filter,
             const char             *stale_cutoff)
{
  g_autofree char *query = apl_contact_search_to_query (filter->search);

  if (query != NULL)
    sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);

  if (filter->kinds != 0)
    {
      GString *kinds = g_string_new (",");

      for (guint i = 0; i < APL_CONTACT_N_KINDS; i++)
        if (filter->kinds & (1u << i))
          g_string_append_printf (kinds, "%s,", apl_contact_kind_to_string (i));
      sqlite3_bind_text (stmt, 2, kinds->str, -1, SQLITE_TRANSIENT);
      g_string_free (kinds, TRUE);
    }

  if (filter->relationships != 0)
    {
      GString *relationships = g_string_new (",");

      for (guint i = 0; i < APL_CONTACT_N_RELATIONSHIPS; i++)
        if (filter->relationships & (1u << i))
          g_string_append_printf (relationships, "%s,", apl_contact_relationship_to_string (i));
      sqlite3_bind_text (stmt, 3, relationships->str, -1, SQLITE_TRANSIENT);
      g_string_free (relationships, TRUE);
    }

  if (!is_empty (filter->beat))
    {
      g_autofree char *lower = g_ascii_strdown (filter->beat, -1);
      g_autofree char *tag = g_strdup_printf (",%s,", g_strstrip (lower));

      sqlite3_bind_text (stmt, 4, tag, -1, SQLITE_TRANSIENT);
    }
  if (!is_empty (filter->language))
    {
      g_autofree char *lower = g_ascii_strdown (filter->language, -1);
      g_autofree char *tag = g_strdup_printf (",%s,", g_strstrip (lower));

      sqlite3_bind_text (stmt, 5, tag, -1, SQLITE_TRANSIENT);
    }
  if (!is_empty (filter->country))
    sqlite3_bind_text (stmt, 6, filter->country, -1, SQLITE_TRANSIENT);
  if (filter->stale_only && stale_cutoff != NULL)
    sqlite3_bind_text (stmt, 7, stale_cutoff, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, filter->include_do_not_contact ? 1 : 0);
  sqlite3_bind_int64 (stmt, 9, filter->segment_id);
}

/* Contacts */

gboolean
_apl_store_load_contact (AplStore          *self,
                         gint64             id,
                         AplContactRecord  *record,
                         GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, CONTACT_SELECT "WHERE c.id = ?1 AND c.deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record_from_stmt (stmt, record);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                           _("The contact no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_insert_contact (AplStore          *self,
                           AplContactRecord  *record,
                           GError           **error)
{
  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!insert_row (self, record, error))
    return fail (self);
  return _apl_store_commit (self, error);
}

gboolean
_apl_store_write_contact_field (AplStore         *self,
                                gint64            id,
                                AplContactField   field,
                                const char       *value,
                                char            **updated,
                                GError          **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (field < APL_CONTACT_N_FIELDS, FALSE);

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self, field_update_sql[field], error);
  if (stmt == NULL)
    return fail (self);

  if (field == APL_CONTACT_FIELD_OUTLET)
    {
      gint64 outlet = 0;

      /* The statement above stays bound while the outlet is looked up:
       * it is a different cached statement. */
      if (!outlet_id (self, value, TRUE, &outlet, error))
        return fail (self);
      if (outlet > 0)
        sqlite3_bind_int64 (stmt, 1, outlet);
      else
        sqlite3_bind_null (stmt, 1);
    }
  else
    bind_field (stmt, 1, field, value);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (field == APL_CONTACT_FIELD_NAME)
    {
      g_autofree char *sort_name = apl_text_fold (value);

      sqlite3_bind_text (stmt, 4, sort_name, -1, SQLITE_TRANSIENT);
    }

  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                           _("The contact no longer exists."));
      return fail (self);
    }

  if (field == APL_CONTACT_FIELD_EMAILS && !write_emails (self, id, value, TRUE, error))
    return fail (self);
  if ((field == APL_CONTACT_FIELD_NAME || field == APL_CONTACT_FIELD_OUTLET
       || field == APL_CONTACT_FIELD_BEATS || field == APL_CONTACT_FIELD_EMAILS)
      && !reindex (self, id, error))
    return fail (self);

  if (!_apl_store_commit (self, error))
    return FALSE;

  if (updated != NULL)
    *updated = g_steal_pointer (&now);
  return TRUE;
}

gboolean
_apl_store_set_contact_deleted (AplStore  *self,
                                gint64     id,
                                gboolean   deleted,
                                guint     *n_segments,
                                GError   **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  if (n_segments != NULL)
    {
      *n_segments = 0;
      stmt = _apl_store_prepare (self,
                                 "SELECT count(*) FROM contact_segment_members WHERE contact_id = ?1",
                                 error);
      if (stmt == NULL)
        return fail (self);
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *n_segments = (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  stmt = deleted
    ? _apl_store_prepare (self, "UPDATE contacts SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL", error)
    : _apl_store_prepare (self, "UPDATE contacts SET deleted_at = NULL WHERE id = ?2 AND deleted_at IS NOT NULL "
                                "AND ?1 IS NOT NULL", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                           _("The contact no longer exists."));
      return fail (self);
    }
  return _apl_store_commit (self, error);
}

gboolean
_apl_store_purge_deleted_contacts (AplStore  *self,
                                   GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;

  stmt = _apl_store_prepare (self,
                             "DELETE FROM contacts_fts WHERE rowid IN "
                             "(SELECT id FROM contacts WHERE deleted_at IS NOT NULL)",
                             error);
  if (stmt == NULL || !_apl_store_step_done (self, stmt, error))
    return fail (self);

  stmt = _apl_store_prepare (self, "DELETE FROM contacts WHERE deleted_at IS NOT NULL", error);
  if (stmt == NULL || !_apl_store_step_done (self, stmt, error))
    return fail (self);

  return _apl_store_commit (self, error);
}

gboolean
_apl_store_query_contact_ids (AplStore               *self,
                              const AplContactFilter *filter,
                              const char             *stale_cutoff,
                              AplContactSort          sort,
                              gboolean                descending,
                              GArray                 *ids,
                              GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (sort < APL_CONTACT_N_SORTS, FALSE);

  stmt = _apl_store_prepare (self, query_sql[sort][descending ? 1 : 0], error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, stale_cutoff);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_count_contacts (AplStore               *self,
                           const AplContactFilter *filter,
                           const char             *stale_cutoff,
                           gint64                 *count,
                           GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, "SELECT count(*) " CONTACT_FROM_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, stale_cutoff);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_ROW)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Segments */

gboolean
_apl_store_list_contact_segments (AplStore   *self,
                                  GPtrArray  *segments,
                                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, "SELECT id, name, filter FROM contact_segments ORDER BY name COLLATE NOCASE",
                             error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplContactSegment *segment = g_new0 (AplContactSegment, 1);

      segment->id = sqlite3_column_int64 (stmt, 0);
      segment->name = g_strdup (column_text (stmt, 1));
      segment->filter = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL : g_strdup (column_text (stmt, 2));
      g_ptr_array_add (segments, segment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64
_apl_store_insert_contact_segment (AplStore    *self,
                                   const char  *name,
                                   const char  *filter,
                                   GError     **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!_apl_store_begin (self, error))
    return 0;
  stmt = _apl_store_prepare (self,
                             "INSERT INTO contact_segments (name, filter, created_at) VALUES (?1, ?2, ?3)",
                             error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (filter != NULL)
    sqlite3_bind_text (stmt, 2, filter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("There is already a segment called “%s”."), name);
      return fail (self);
    }
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return fail (self);
    }
  id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  if (!_apl_store_commit (self, error))
    return 0;
  return id;
}

gboolean
_apl_store_delete_contact_segment (AplStore  *self,
                                   gint64     id,
                                   GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, "DELETE FROM contact_segments WHERE id = ?1", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);
  return _apl_store_commit (self, error);
}

gboolean
_apl_store_set_segment_member (AplStore  *self,
                               gint64     segment_id,
                               gint64     contact_id,
                               gboolean   member,
                               GError   **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = member
    ? _apl_store_prepare (self,
                          "INSERT OR IGNORE INTO contact_segment_members (segment_id, contact_id) "
                          "SELECT ?1, ?2 FROM contact_segments WHERE id = ?1 AND filter IS NULL",
                          error)
    : _apl_store_prepare (self,
                          "DELETE FROM contact_segment_members WHERE segment_id = ?1 AND contact_id = ?2",
                          error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_int64 (stmt, 1, segment_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);
  return _apl_store_commit (self, error);
}

/* Import */

gboolean
_apl_store_contacts_import_begin (AplStore  *self,
                                  GError   **error)
{
  return _apl_store_begin (self, error);
}

gboolean
_apl_store_contacts_import_end (AplStore  *self,
                                gboolean   commit,
                                GError   **error)
{
  if (!commit)
    {
      _apl_store_rollback (self);
      return TRUE;
    }
  return _apl_store_commit (self, error);
}

/* The live contact that @record duplicates: same e-mail address, or same
 * name (ignoring case and accents) and outlet; 0 when there is none. */
static gboolean
find_duplicate (AplStore                *self,
                const AplContactRecord  *record,
                gint64                  *id,
                GError                 **error)
{
  g_autofree char *sort_name = NULL;
  sqlite3_stmt *stmt;
  gint64 outlet = 0;
  int rc;

  *id = 0;
  if (!is_empty (record->fields[APL_CONTACT_FIELD_EMAILS]))
    {
      g_auto(GStrv) emails = g_strsplit (record->fields[APL_CONTACT_FIELD_EMAILS], "\n", -1);

      for (guint i = 0; emails[i] != NULL && *id == 0; i++)
        {
          stmt = _apl_store_prepare (self,
                                     "SELECT e.contact_id FROM contact_emails e "
                                     "JOIN contacts c ON c.id = e.contact_id "
                                     "WHERE e.email = ?1 AND c.deleted_at IS NULL LIMIT 1",
                                     error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, emails[i], -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            *id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              _apl_store_set_error (self, rc, error);
              return FALSE;
            }
        }
      if (*id != 0)
        return TRUE;
    }

  if (!outlet_id (self, record->fields[APL_CONTACT_FIELD_OUTLET], FALSE, &outlet, error))
    return FALSE;
  /* A new outlet name means a contact we cannot already have with it. */
  if (outlet == 0 && !is_empty (record->fields[APL_CONTACT_FIELD_OUTLET]))
    return TRUE;

  sort_name = apl_text_fold (record->fields[APL_CONTACT_FIELD_NAME]);
  stmt = _apl_store_prepare (self,
                             "SELECT id FROM contacts WHERE sort_name = ?1 AND outlet_id IS ?2 "
                             "AND deleted_at IS NULL LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sort_name, -1, SQLITE_TRANSIENT);
  if (outlet > 0)
    sqlite3_bind_int64 (stmt, 2, outlet);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Adds or merges one normalized record inside the import's transaction. */
gboolean
_apl_store_contacts_import_record (AplStore                *self,
                                   AplContactRecord        *record,
                                   AplContactDuplicates     policy,
                                   AplContactImportOutcome *outcome,
                                   GError                 **error)
{
  AplContactRecord existing = { 0 };
  gint64 duplicate = 0;
  gboolean ok;

  if (!find_duplicate (self, record, &duplicate, error))
    return FALSE;

  if (duplicate == 0)
    {
      *outcome = APL_CONTACT_IMPORT_CREATED;
      return insert_row (self, record, error);
    }

  if (policy == APL_CONTACT_DUPLICATES_SKIP)
    {
      *outcome = APL_CONTACT_IMPORT_SKIPPED;
      return TRUE;
    }

  if (!_apl_store_load_contact (self, duplicate, &existing, error))
    return FALSE;
  _apl_contact_record_merge (&existing, record);
  ok = update_row (self, &existing, error);
  record->id = duplicate;
  _apl_contact_record_clear (&existing);
  *outcome = APL_CONTACT_IMPORT_MERGED;
  return ok;
}
