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
#include "apl-store-conn.h"
#include "apl-store-contact-keys.h"
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
#define CONTACT_FILTERS \
  "  AND (?2 IS NULL OR instr (?2, ',' || c.kind || ',') > 0) " \
  "  AND (?3 IS NULL OR instr (?3, ',' || c.relationship || ',') > 0) " \
  "  AND (?4 IS NULL OR instr (',' || lower (replace (c.beats, ', ', ',')) || ',', ?4) > 0) " \
  "  AND (?5 IS NULL OR instr (',' || lower (replace (c.languages, ', ', ',')) || ',', ?5) > 0) " \
  "  AND (?6 IS NULL OR c.country = ?6 COLLATE NOCASE) " \
  "  AND (?7 IS NULL OR c.last_verified IS NULL OR c.last_verified < ?7) " \
  "  AND (?8 = 1 OR c.do_not_contact = 0) " \
  "  AND (?9 = 0 OR c.id IN (SELECT contact_id FROM contact_segment_members WHERE segment_id = ?9)) "

/* Without search text (?1 unused). */
#define CONTACT_FROM_WHERE \
  "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id " \
  "WHERE c.deleted_at IS NULL " CONTACT_FILTERS

/* With search text: the full-text match drives the query (CROSS JOIN keeps
 * it first), so only the matching contacts are read and sorted. A single
 * statement with "?1 IS NULL OR c.id IN (… MATCH ?1)" made SQLite scan
 * every contact on every keystroke. */
#define CONTACT_MATCH_FROM_WHERE \
  "FROM contacts_fts CROSS JOIN contacts c ON c.id = contacts_fts.rowid " \
  "LEFT JOIN outlets o ON o.id = c.outlet_id " \
  "WHERE contacts_fts MATCH ?1 AND c.deleted_at IS NULL " CONTACT_FILTERS

#define QUERY(order) "SELECT c.id " CONTACT_FROM_WHERE "ORDER BY " order
#define MATCH_QUERY(order) "SELECT c.id " CONTACT_MATCH_FROM_WHERE "ORDER BY " order

/* Indexed by AplContactSort, then ascending / descending. */
#define SORTED_QUERIES(Q) { \
  { Q ("c.sort_name, c.id"), \
    Q ("c.sort_name DESC, c.id DESC") }, \
  { Q ("o.sort_name IS NULL, o.sort_name, c.sort_name, c.id"), \
    Q ("o.sort_name IS NULL, o.sort_name DESC, c.sort_name, c.id") }, \
  { Q ("c.kind, c.sort_name, c.id"), \
    Q ("c.kind DESC, c.sort_name, c.id") }, \
  { Q ("c.beats = '', lower (c.beats), c.sort_name, c.id"), \
    Q ("c.beats = '', lower (c.beats) DESC, c.sort_name, c.id") }, \
  { Q ("CASE c.relationship WHEN 'cold' THEN 0 WHEN 'warm' THEN 1 ELSE 2 END, c.sort_name, c.id"), \
    Q ("CASE c.relationship WHEN 'cold' THEN 0 WHEN 'warm' THEN 1 ELSE 2 END DESC, c.sort_name, c.id") }, \
  { Q ("c.last_verified IS NOT NULL, c.last_verified, c.sort_name, c.id"), \
    Q ("c.last_verified IS NULL, c.last_verified DESC, c.sort_name, c.id") }, \
}

static const char * const query_sql[APL_CONTACT_N_SORTS][2] = SORTED_QUERIES (QUERY);
static const char * const match_query_sql[APL_CONTACT_N_SORTS][2] = SORTED_QUERIES (MATCH_QUERY);

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

/* apl_text_fold(), which ASCII text does not need: there it is lower case. */
static char *
fold_name (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return apl_text_fold (text);
  return g_ascii_strdown (text, -1);
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
        sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
      break;
    case APL_CONTACT_FIELD_DO_NOT_CONTACT:
      sqlite3_bind_int (stmt, index, g_strcmp0 (value, "1") == 0);
      break;
    default:
      sqlite3_bind_text (stmt, index, value ? value : "", -1, SQLITE_STATIC);
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

#define INSERT_CONTACT_SQL \
  "INSERT INTO contacts (name, sort_name, kind, outlet_id, role, beats, languages, " \
  "  region, country, emails, phones, socials, website, reach, relationship, " \
  "  owner, notes, last_contacted, last_verified, do_not_contact, dnc_reason, " \
  "  lawful_basis, source, created_at, updated_at, uuid) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, " \
  "  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?24, ?26)"

#define UPDATE_CONTACT_SQL \
  "UPDATE contacts SET name = ?1, sort_name = ?2, kind = ?3, outlet_id = ?4, " \
  "  role = ?5, beats = ?6, languages = ?7, region = ?8, country = ?9, " \
  "  emails = ?10, phones = ?11, socials = ?12, website = ?13, reach = ?14, " \
  "  relationship = ?15, owner = ?16, notes = ?17, last_contacted = ?18, " \
  "  last_verified = ?19, do_not_contact = ?20, dnc_reason = ?21, " \
  "  lawful_basis = ?22, source = ?23, updated_at = ?24 " \
  "WHERE id = ?25 AND deleted_at IS NULL"

/* Binds every column of a full row: ?1 name, ?2 sort key, ?3 kind, ?4
 * outlet, then the other fields in AplContactField order, ?24 now. The
 * strings must outlive the statement's next step. */
static void
bind_row (sqlite3_stmt            *stmt,
          const AplContactRecord  *record,
          const char              *sort_name,
          gint64                   outlet,
          const char              *now)
{
  sqlite3_bind_text (stmt, 1, record->fields[APL_CONTACT_FIELD_NAME], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sort_name, -1, SQLITE_STATIC);
  bind_field (stmt, 3, APL_CONTACT_FIELD_KIND, record->fields[APL_CONTACT_FIELD_KIND]);
  if (outlet > 0)
    sqlite3_bind_int64 (stmt, 4, outlet);
  else
    sqlite3_bind_null (stmt, 4);
  for (guint i = APL_CONTACT_FIELD_ROLE; i < APL_CONTACT_N_FIELDS; i++)
    bind_field (stmt, i + 2, i, record->fields[i]);
  sqlite3_bind_text (stmt, 24, now, -1, SQLITE_STATIC);
}

/* Inserts a normalized record inside the caller's transaction. */
static gboolean
insert_row (AplStore          *self,
            AplContactRecord  *record,
            GError           **error)
{
  g_autofree char *now = _apl_store_now ();
  g_autofree char *sort_name = fold_name (record->fields[APL_CONTACT_FIELD_NAME]);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;
  gint64 outlet = 0;
  gboolean ok;

  if (!outlet_id (self, record->fields[APL_CONTACT_FIELD_OUTLET], TRUE, &outlet, error))
    return FALSE;

  stmt = _apl_store_prepare (self, INSERT_CONTACT_SQL, error);
  if (stmt == NULL)
    return FALSE;
  bind_row (stmt, record, sort_name, outlet, now);
  /* The stable identifier plan files carry (migration 0010). */
  sqlite3_bind_text (stmt, 26, uuid, -1, SQLITE_STATIC);
  ok = _apl_store_step_done (self, stmt, error);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;

  record->id = sqlite3_last_insert_rowid (_apl_store_get_db (self));
  g_free (record->created);
  record->created = g_strdup (now);
  g_free (record->updated);
  record->updated = g_strdup (now);

  return reindex (self, record->id, error);
}

/* Binds a filter to the parameters of CONTACT_FROM_WHERE or, with a
 * full-text @query, of CONTACT_MATCH_FROM_WHERE. */
static void
bind_filter (sqlite3_stmt           *stmt,
             const AplContactFilter *filter,
             const char             *query,
             const char             *stale_cutoff)
{
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
      g_autofree char *sort_name = fold_name (value);

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
                                guint     *n_plans,
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

  /* Plans whose messages address a hand-picked segment the contact is in,
   * and plans a plan file brought the contact with. */
  if (n_plans != NULL)
    {
      *n_plans = 0;
      stmt = _apl_store_prepare (self,
                                 "SELECT count (DISTINCT plan_id) FROM ("
                                 "  SELECT m.plan_id FROM contact_segment_members AS sm "
                                 "  JOIN message_audiences AS a ON a.segment_id = sm.segment_id "
                                 "  JOIN messages AS m ON m.id = a.message_id "
                                 "  WHERE sm.contact_id = ?1 AND m.deleted_at IS NULL "
                                 "  UNION ALL SELECT plan_id FROM plan_contacts WHERE contact_id = ?1) AS used "
                                 "JOIN plans AS p ON p.id = used.plan_id WHERE p.deleted_at IS NULL",
                                 error);
      if (stmt == NULL)
        return fail (self);
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *n_plans = (guint) sqlite3_column_int64 (stmt, 0);
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
  g_autofree char *query = apl_contact_search_to_query (filter->search);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (sort < APL_CONTACT_N_SORTS, FALSE);

  stmt = _apl_store_prepare (self, query != NULL ? match_query_sql[sort][descending ? 1 : 0]
                                                 : query_sql[sort][descending ? 1 : 0], error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, query, stale_cutoff);

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
_apl_store_filter_contact_ids_on (AplConn                *conn,
                                  const AplContactFilter *filter,
                                  const char             *stale_cutoff,
                                  GArray                 *ids,
                                  GError                **error)
{
  g_autofree char *query = apl_contact_search_to_query (filter->search);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Through any connection, so not the store's statement cache. */
  rc = sqlite3_prepare_v2 (conn->db, query != NULL ? "SELECT c.id " CONTACT_MATCH_FROM_WHERE " ORDER BY c.id"
                                                   : "SELECT c.id " CONTACT_FROM_WHERE " ORDER BY c.id",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_filter (stmt, filter, query, stale_cutoff);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_conn_set_error (conn, rc, error);
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
  g_autofree char *query = apl_contact_search_to_query (filter->search);
  sqlite3_stmt *stmt;
  int rc;

  stmt = query != NULL ? _apl_store_prepare (self, "SELECT count(*) " CONTACT_MATCH_FROM_WHERE, error)
                       : _apl_store_prepare (self, "SELECT count(*) " CONTACT_FROM_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter, query, stale_cutoff);
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

/* The ids matching a full-text @query (from apl_contact_search_to_query),
 * ascending, deleted or not: the bare index lookup, for a list that
 * already holds the ordered ids of its other filters. */
gboolean
_apl_store_match_contact_ids (AplStore    *self,
                              const char  *query,
                              GArray      *ids,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1 ORDER BY rowid",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
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

/* Changes whenever any row of the workspace changed, through this
 * connection (total_changes) or another one (data_version): a list
 * keeping query results compares it before reusing them. */
gboolean
_apl_store_contacts_stamp (AplStore *self,
                           gint64    stamp[2])
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, "PRAGMA data_version", NULL);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  stamp[0] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  stamp[1] = sqlite3_total_changes64 (_apl_store_get_db (self));
  return rc == SQLITE_ROW;
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

/* Import
 *
 * An import runs on its own connection to the workspace (usually in a
 * worker thread), in one transaction, with its statements prepared once.
 * What it needs to find duplicates (e-mail addresses, name and outlet
 * keys, outlet names) is read once into hash tables and kept up to date
 * as records arrive, instead of two SELECTs a record. The search index is
 * written at the end in one statement: an FTS5 table written inside a
 * transaction flushes its pending terms at the end of every later
 * statement, which made a row-by-row import cost a segment a row.
 */

/* New contacts get their ids here (the import holds the write lock), and
 * their stable identifier when the workspace keeps one. */
#define IMPORT_INSERT_SQL \
  "INSERT INTO contacts (name, sort_name, kind, outlet_id, role, beats, languages, " \
  "  region, country, emails, phones, socials, website, reach, relationship, " \
  "  owner, notes, last_contacted, last_verified, do_not_contact, dnc_reason, " \
  "  lawful_basis, source, created_at, updated_at, id, uuid) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, " \
  "  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?24, ?25, ?26)"

enum
{
  IMPORT_INSERT_OUTLET,
  IMPORT_UPDATE_CONTACT,
  IMPORT_LOAD_CONTACT,
  IMPORT_N_STATEMENTS
};

static const char * const import_sql[IMPORT_N_STATEMENTS] = {
  "INSERT INTO outlets (name, sort_name) VALUES (?1, ?2)",
  UPDATE_CONTACT_SQL,
  CONTACT_SELECT "WHERE c.id = ?1 AND c.deleted_at IS NULL",
};

struct _AplContactImportBatch
{
  AplStore     *store;
  sqlite3      *db;
  sqlite3_stmt *statements[IMPORT_N_STATEMENTS];
  AplContactKeys keys;       /* apl-store-contact-keys.h */
  GHashTable   *emails;       /* address in ASCII lower case -> contact id */
  GHashTable   *people;       /* folded name, U+001F, outlet id -> contact id */
  GHashTable   *outlets;      /* name in ASCII lower case -> outlet id */
  GHashTable   *reindex;      /* ids of older contacts merged into */
  gint64        last_old_id;  /* contacts above it are new: indexed at the end */
  gint64        next_id;
  sqlite3_stmt *insert;
  GRand        *rand;         /* seeded from the system's entropy */
  guint64       uuid_time;    /* milliseconds since 1970, at the start */
  guint32       uuid_count;   /* contacts given an identifier so far */
  char         *now;
};

/* Ids are positive, so a missing key reads as 0. */
#define POINTER_TO_ID(p) APL_CONTACT_POINTER_TO_KEY (p)

static gboolean
batch_fail (AplContactImportBatch  *batch,
            int                     rc,
            GError                **error)
{
  _apl_store_set_db_error (batch->store, batch->db, rc, error);
  return FALSE;
}

static gboolean
batch_step_done (AplContactImportBatch  *batch,
                 sqlite3_stmt           *stmt,
                 GError                **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return batch_fail (batch, rc, error);
  return TRUE;
}

/* The outlet's id, created when it is new; 0 for no outlet. */
static gboolean
batch_outlet (AplContactImportBatch  *batch,
              const char             *name,
              gint64                 *id,
              GError                **error)
{
  sqlite3_stmt *stmt = batch->statements[IMPORT_INSERT_OUTLET];
  g_autofree char *sort_name = NULL;

  *id = 0;
  if (is_empty (name))
    return TRUE;
  *id = POINTER_TO_ID (g_hash_table_lookup (batch->outlets, _apl_contact_keys_lower (&batch->keys, name, -1)));
  if (*id != 0)
    return TRUE;

  sort_name = apl_text_fold (name);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sort_name, -1, SQLITE_STATIC);
  if (!batch_step_done (batch, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (batch->db);
  _apl_contact_keys_lower (&batch->keys, name, -1);
  _apl_contact_keys_remember (&batch->keys, batch->outlets, *id);
  return TRUE;
}

/* Reads what finding duplicates needs, once. */
static gboolean
batch_load (AplContactImportBatch  *batch,
            GError                **error)
{
  static const char * const sql[] = {
    "SELECT coalesce (max (id), 0) FROM contacts",
    "SELECT id, name FROM outlets",
    "SELECT id, emails FROM contacts WHERE deleted_at IS NULL AND emails <> '' ORDER BY id",
    "SELECT id, sort_name, coalesce (outlet_id, 0) FROM contacts WHERE deleted_at IS NULL",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (batch->db, sql[i], -1, &stmt, NULL);

      if (rc != SQLITE_OK)
        return batch_fail (batch, rc, error);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          switch (i)
            {
            case 0:
              batch->last_old_id = id;
              batch->next_id = id + 1;
              break;
            case 1:
              _apl_contact_keys_lower (&batch->keys, column_text (stmt, 1), -1);
              _apl_contact_keys_remember (&batch->keys, batch->outlets, id);
              break;
            case 2:
              _apl_contact_keys_remember_emails (&batch->keys, batch->emails, column_text (stmt, 1), id);
              break;
            default:
              _apl_contact_keys_person (&batch->keys, column_text (stmt, 1), sqlite3_column_int64 (stmt, 2));
              _apl_contact_keys_remember (&batch->keys, batch->people, id);
              break;
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return batch_fail (batch, rc, error);
    }
  return TRUE;
}

static void
batch_free (AplContactImportBatch *batch)
{
  for (guint i = 0; i < IMPORT_N_STATEMENTS; i++)
    sqlite3_finalize (batch->statements[i]);
  sqlite3_finalize (batch->insert);
  if (batch->db != NULL)
    {
      if (!sqlite3_get_autocommit (batch->db))
        sqlite3_exec (batch->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (batch->db);
    }
  g_clear_pointer (&batch->emails, g_hash_table_unref);
  g_clear_pointer (&batch->people, g_hash_table_unref);
  g_clear_pointer (&batch->outlets, g_hash_table_unref);
  g_clear_pointer (&batch->reindex, g_hash_table_unref);
  _apl_contact_keys_clear (&batch->keys);
  g_clear_pointer (&batch->rand, g_rand_free);
  g_free (batch->now);
  g_free (batch);
}

/**
 * _apl_store_contacts_import_begin:
 *
 * Opens the import's own connection and its transaction (BEGIN
 * IMMEDIATE: other writers wait until it ends; readers, on their own
 * connections, see the book as it was until the commit).
 *
 * Returns: (transfer full) (nullable): the import, to pass to
 * _apl_store_contacts_import_end(), or %NULL with @error set
 */
AplContactImportBatch *
_apl_store_contacts_import_begin (AplStore  *self,
                                  GError   **error)
{
  AplContactImportBatch *batch = g_new0 (AplContactImportBatch, 1);
  int rc;

  batch->store = self;
  batch->db = _apl_store_open_connection (self, error);
  if (batch->db == NULL)
    {
      batch_free (batch);
      return NULL;
    }
  _apl_contact_keys_init (&batch->keys);
  batch->emails = g_hash_table_new (g_str_hash, g_str_equal);
  batch->people = g_hash_table_new (g_str_hash, g_str_equal);
  batch->outlets = g_hash_table_new (g_str_hash, g_str_equal);
  batch->reindex = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  batch->now = _apl_store_now ();
  batch->rand = g_rand_new ();
  batch->uuid_time = (guint64) (g_get_real_time () / 1000);
  batch->uuid_count = g_rand_int (batch->rand) & 0xffff;

  /* Every value was checked in C by _apl_contact_record_normalize(), the
   * same checks as an edit's, before it reaches the store: the schema's
   * CHECK constraints would only check them again, and their lists (kind,
   * relationship) cost a small temporary table a row, a sixth of the
   * import. Types (STRICT), NOT NULL and foreign keys are still enforced.
   * This connection is the import's alone, and closed at its end.
   * Foreign keys are checked at the commit, which a violation fails as a
   * whole. */
  rc = sqlite3_exec (batch->db,
                     "PRAGMA cache_size = -" G_STRINGIFY (APL_STORE_IMPORT_CACHE_KIB) ";"
                     "PRAGMA ignore_check_constraints = ON;"
                     "PRAGMA defer_foreign_keys = ON;"
                     "BEGIN IMMEDIATE",
                     NULL, NULL, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < IMPORT_N_STATEMENTS; i++)
    rc = sqlite3_prepare_v3 (batch->db, import_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                             &batch->statements[i], NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (batch->db,
                             IMPORT_INSERT_SQL,
                             -1, SQLITE_PREPARE_PERSISTENT, &batch->insert, NULL);
  if (rc != SQLITE_OK)
    {
      batch_fail (batch, rc, error);
      batch_free (batch);
      return NULL;
    }
  if (!batch_load (batch, error))
    {
      batch_free (batch);
      return NULL;
    }
  return batch;
}

/* A time-ordered (version 7, RFC 9562) UUID in lower case: the import's
 * start in milliseconds, then a counter, then random bits. One import's
 * identifiers follow each other, so the unique index on them grows at
 * one end instead of taking a random page for every contact (a fifth of
 * the contacts' insert time at 100 000). */
static void
next_uuid (AplContactImportBatch *batch,
           char                   out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint32 count = batch->uuid_count++;
  guint32 r1 = g_rand_int (batch->rand);
  guint32 r2 = g_rand_int (batch->rand);
  guint8 bytes[16];
  char *p = out;

  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) (batch->uuid_time >> (40 - 8 * i));
  /* version 7, then the counter's 32 bits across rand_a and rand_b */
  bytes[6] = 0x70 | ((count >> 28) & 0x0f);
  bytes[7] = (guint8) (count >> 20);
  bytes[8] = 0x80 | ((count >> 14) & 0x3f);
  bytes[9] = (guint8) (count >> 6);
  bytes[10] = (guint8) ((count << 2) & 0xfc) | (r1 & 0x03);
  bytes[11] = (guint8) (r1 >> 8);
  bytes[12] = (guint8) (r1 >> 16);
  bytes[13] = (guint8) (r1 >> 24);
  bytes[14] = (guint8) r2;
  bytes[15] = (guint8) (r2 >> 8);
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';
}

/* Writes a new contact and its e-mail addresses. Row by row: a statement
 * of many rows would keep a statement journal. */
static gboolean
batch_insert (AplContactImportBatch  *batch,
              AplContactRecord       *record,
              const char             *sort_name,
              GError                **error)
{
  sqlite3_stmt *stmt = batch->insert;
  char uuid[37];
  gint64 outlet = 0;

  if (!batch_outlet (batch, record->fields[APL_CONTACT_FIELD_OUTLET], &outlet, error))
    return FALSE;

  record->id = batch->next_id++;
  bind_row (stmt, record, sort_name, outlet, batch->now);
  sqlite3_bind_int64 (stmt, 25, record->id);
  next_uuid (batch, uuid);
  sqlite3_bind_text (stmt, 26, uuid, 36, SQLITE_STATIC);
  if (!batch_step_done (batch, stmt, error))
    return FALSE;

  _apl_contact_keys_person (&batch->keys, sort_name, outlet);
  _apl_contact_keys_remember (&batch->keys, batch->people, record->id);
  _apl_contact_keys_remember_emails (&batch->keys, batch->emails, record->fields[APL_CONTACT_FIELD_EMAILS], record->id);
  return TRUE;
}

static gboolean
batch_load_contact (AplContactImportBatch  *batch,
                    gint64                  id,
                    AplContactRecord       *record,
                    GError                **error)
{
  sqlite3_stmt *stmt = batch->statements[IMPORT_LOAD_CONTACT];
  int rc;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record_from_stmt (stmt, record);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return batch_fail (batch, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
  return TRUE;
}

static gboolean
batch_merge (AplContactImportBatch  *batch,
             gint64                  id,
             AplContactRecord       *record,
             GError                **error)
{
  sqlite3_stmt *stmt = batch->statements[IMPORT_UPDATE_CONTACT];
  AplContactRecord existing = { 0 };
  g_autofree char *sort_name = NULL;
  gint64 old_outlet = 0;
  gint64 outlet = 0;
  gboolean ok;

  if (!batch_load_contact (batch, id, &existing, error)
      || !batch_outlet (batch, existing.fields[APL_CONTACT_FIELD_OUTLET], &old_outlet, error))
    {
      _apl_contact_record_clear (&existing);
      return FALSE;
    }
  _apl_contact_record_merge (&existing, record);
  sort_name = fold_name (existing.fields[APL_CONTACT_FIELD_NAME]);
  if (!batch_outlet (batch, existing.fields[APL_CONTACT_FIELD_OUTLET], &outlet, error))
    {
      _apl_contact_record_clear (&existing);
      return FALSE;
    }

  bind_row (stmt, &existing, sort_name, outlet, batch->now);
  sqlite3_bind_int64 (stmt, 25, id);
  ok = batch_step_done (batch, stmt, error);

  if (ok)
    {
      /* The merge may give the contact an outlet: it is then found under
       * its new name and outlet only, as in the workspace. */
      if (outlet != old_outlet)
        {
          _apl_contact_keys_person (&batch->keys, sort_name, old_outlet);
          if (POINTER_TO_ID (g_hash_table_lookup (batch->people, batch->keys.key->str)) == id)
            g_hash_table_remove (batch->people, batch->keys.key->str);
          _apl_contact_keys_person (&batch->keys, sort_name, outlet);
          _apl_contact_keys_remember (&batch->keys, batch->people, id);
        }
      _apl_contact_keys_remember_emails (&batch->keys, batch->emails, existing.fields[APL_CONTACT_FIELD_EMAILS], id);
      if (id <= batch->last_old_id)
        g_hash_table_add (batch->reindex, g_memdup2 (&id, sizeof id));
    }
  record->id = id;
  _apl_contact_record_clear (&existing);
  return ok;
}

/* Adds or merges one normalized record inside the import's transaction. */
gboolean
_apl_store_contacts_import_record (AplContactImportBatch   *batch,
                                   AplContactRecord        *record,
                                   AplContactDuplicates     policy,
                                   AplContactImportOutcome *outcome,
                                   GError                 **error)
{
  g_autofree char *sort_name = fold_name (record->fields[APL_CONTACT_FIELD_NAME]);
  const char *outlet_name = record->fields[APL_CONTACT_FIELD_OUTLET];
  gint64 duplicate = 0;

  /* Same e-mail address, or same name (ignoring case and accents) and
   * outlet; a new outlet means a contact we cannot already have. */
  if (!is_empty (record->fields[APL_CONTACT_FIELD_EMAILS]))
    duplicate = _apl_contact_keys_find_email (&batch->keys, batch->emails, record->fields[APL_CONTACT_FIELD_EMAILS], NULL);
  if (duplicate == 0)
    {
      gint64 outlet = 0;

      if (!is_empty (outlet_name))
        outlet = POINTER_TO_ID (g_hash_table_lookup (batch->outlets, _apl_contact_keys_lower (&batch->keys, outlet_name, -1)));
      if (outlet != 0 || is_empty (outlet_name))
        duplicate = POINTER_TO_ID (g_hash_table_lookup (batch->people, _apl_contact_keys_person (&batch->keys, sort_name, outlet)));
    }

  if (duplicate == 0)
    {
      *outcome = APL_CONTACT_IMPORT_CREATED;
      return batch_insert (batch, record, sort_name, error);
    }
  if (policy == APL_CONTACT_DUPLICATES_SKIP)
    {
      *outcome = APL_CONTACT_IMPORT_SKIPPED;
      return TRUE;
    }
  *outcome = APL_CONTACT_IMPORT_MERGED;
  return batch_merge (batch, duplicate, record, error);
}

/* The search index of the new contacts and of the older ones merged into,
 * in a few statements. */
static gboolean
batch_index (AplContactImportBatch  *batch,
             GError                **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (g_hash_table_size (batch->reindex) > 0)
    {
      GString *ids = g_string_new ("[");
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, batch->reindex);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", *(gint64 *) key);
      g_string_append_c (ids, ']');

      rc = sqlite3_prepare_v2 (batch->db,
                               "DELETE FROM contacts_fts WHERE rowid IN (SELECT value FROM json_each (?1))",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, ids->str, ids->len, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        {
          rc = sqlite3_prepare_v2 (batch->db,
                                   "INSERT INTO contacts_fts (rowid, name, outlet, beats, emails) "
                                   "SELECT c.id, c.name, coalesce (o.name, ''), c.beats, c.emails "
                                   "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id "
                                   "WHERE c.id IN (SELECT value FROM json_each (?1))",
                                   -1, &stmt, NULL);
          if (rc == SQLITE_OK)
            {
              sqlite3_bind_text (stmt, 1, ids->str, ids->len, SQLITE_STATIC);
              rc = sqlite3_step (stmt);
            }
          sqlite3_finalize (stmt);
        }
      g_string_free (ids, TRUE);
      if (rc != SQLITE_DONE)
        return batch_fail (batch, rc, error);
    }

  rc = sqlite3_prepare_v2 (batch->db,
                           "INSERT INTO contacts_fts (rowid, name, outlet, beats, emails) "
                           "SELECT c.id, c.name, coalesce (o.name, ''), c.beats, c.emails "
                           "FROM contacts c LEFT JOIN outlets o ON o.id = c.outlet_id WHERE c.id > ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, batch->last_old_id);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return batch_fail (batch, rc, error);
  return TRUE;
}

/**
 * _apl_store_contacts_import_end:
 * @batch: (transfer full): the import
 * @commit: %FALSE to leave the workspace as it was
 *
 * Indexes the new contacts for search and commits, or rolls back; then
 * closes the import's connection.
 */
gboolean
_apl_store_contacts_import_end (AplContactImportBatch  *batch,
                                gboolean                commit,
                                GError                **error)
{
  gboolean ok = TRUE;

  if (commit)
    {
      int rc;

      ok = batch_index (batch, error);
      if (ok)
        {
          rc = sqlite3_exec (batch->db, "COMMIT", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            ok = batch_fail (batch, rc, error);
        }
    }
  /* Rolls back whatever was not committed. */
  batch_free (batch);
  return ok;
}

/* Interactions */

static gboolean
set_last_contacted (AplStore    *self,
                    gint64       contact_id,
                    const char  *date,
                    GError     **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;

  stmt = _apl_store_prepare (self,
                             "UPDATE contacts SET last_contacted = ?1, updated_at = ?2 "
                             "WHERE id = ?3 AND last_contacted IS NOT ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  if (date != NULL)
    sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, contact_id);
  return _apl_store_step_done (self, stmt, error);
}

static gboolean
read_last_contacted (AplStore   *self,
                     gint64      contact_id,
                     char      **last_contacted,
                     GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, "SELECT coalesce (last_contacted, '') FROM contacts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *last_contacted = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                             _("The contact no longer exists."));
      else
        _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_list_contact_interactions (AplStore   *self,
                                      gint64      contact_id,
                                      GPtrArray  *interactions,
                                      GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT id, date, channel, summary, by_whom FROM contact_interactions "
                             "WHERE contact_id = ?1 ORDER BY date DESC, id DESC",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AplContactInteraction *interaction = g_new0 (AplContactInteraction, 1);

      interaction->id = sqlite3_column_int64 (stmt, 0);
      interaction->contact_id = contact_id;
      interaction->date = g_strdup (column_text (stmt, 1));
      interaction->channel = g_strdup (column_text (stmt, 2));
      interaction->summary = g_strdup (column_text (stmt, 3));
      interaction->by_whom = g_strdup (column_text (stmt, 4));
      g_ptr_array_add (interactions, interaction);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Inserts @interaction (with its id when it is set: an undone deletion)
 * and moves the contact's last-contacted date forward to it. */
gboolean
_apl_store_insert_contact_interaction (AplStore               *self,
                                       AplContactInteraction  *interaction,
                                       char                  **last_contacted,
                                       GError                **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *current = NULL;

  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!read_last_contacted (self, interaction->contact_id, &current, error))
    return fail (self);

  stmt = _apl_store_prepare (self,
                             "INSERT INTO contact_interactions (id, contact_id, date, channel, summary, by_whom) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             error);
  if (stmt == NULL)
    return fail (self);
  if (interaction->id > 0)
    sqlite3_bind_int64 (stmt, 1, interaction->id);
  sqlite3_bind_int64 (stmt, 2, interaction->contact_id);
  sqlite3_bind_text (stmt, 3, interaction->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, interaction->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, interaction->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, interaction->by_whom, -1, SQLITE_STATIC);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);
  sqlite3_clear_bindings (stmt);
  interaction->id = sqlite3_last_insert_rowid (_apl_store_get_db (self));

  if (strcmp (interaction->date, current) > 0)
    {
      g_free (current);
      current = g_strndup (interaction->date, 10);
      if (!set_last_contacted (self, interaction->contact_id, current, error))
        return fail (self);
    }
  if (!_apl_store_commit (self, error))
    return FALSE;
  *last_contacted = g_steal_pointer (&current);
  return TRUE;
}

/* Deletes an interaction; when it was the one that set the contact's
 * last-contacted date, the date goes back to the latest one left. */
gboolean
_apl_store_delete_contact_interaction (AplStore                *self,
                                       gint64                   contact_id,
                                       gint64                   id,
                                       AplContactInteraction  **deleted,
                                       char                   **last_contacted,
                                       GError                 **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_contact_interaction_free);
  g_autofree char *current = NULL;
  AplContactInteraction *found = NULL;
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;
  if (!read_last_contacted (self, contact_id, &current, error)
      || !_apl_store_list_contact_interactions (self, contact_id, all, error))
    return fail (self);
  for (guint i = 0; i < all->len && found == NULL; i++)
    if (((AplContactInteraction *) g_ptr_array_index (all, i))->id == id)
      found = g_ptr_array_steal_index (all, i);
  if (found == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                           _("That entry of the contact’s log no longer exists."));
      return fail (self);
    }

  stmt = _apl_store_prepare (self, "DELETE FROM contact_interactions WHERE id = ?1", error);
  if (stmt == NULL)
    {
      apl_contact_interaction_free (found);
      return fail (self);
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_apl_store_step_done (self, stmt, error))
    {
      apl_contact_interaction_free (found);
      return fail (self);
    }

  if (strncmp (found->date, current, 10) == 0)
    {
      g_free (current);
      /* The list is newest first. */
      current = all->len > 0
        ? g_strndup (((AplContactInteraction *) g_ptr_array_index (all, 0))->date, 10)
        : g_strdup ("");
      if (!set_last_contacted (self, contact_id, *current ? current : NULL, error))
        {
          apl_contact_interaction_free (found);
          return fail (self);
        }
    }
  if (!_apl_store_commit (self, error))
    {
      apl_contact_interaction_free (found);
      return FALSE;
    }
  *deleted = found;
  *last_contacted = g_steal_pointer (&current);
  return TRUE;
}

/* Outlets */

gboolean
_apl_store_load_contact_outlet (AplStore          *self,
                                const char        *name,
                                AplContactOutlet **outlet,
                                GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self, "SELECT id, name, type, coalesce (reach, -1), region FROM outlets WHERE name = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *outlet = g_new0 (AplContactOutlet, 1);
      (*outlet)->id = sqlite3_column_int64 (stmt, 0);
      (*outlet)->name = g_strdup (column_text (stmt, 1));
      (*outlet)->type = g_strdup (column_text (stmt, 2));
      (*outlet)->reach = sqlite3_column_int64 (stmt, 3);
      (*outlet)->region = g_strdup (column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("There is no outlet called “%s”."), name);
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
_apl_store_write_contact_outlet (AplStore                *self,
                                 const AplContactOutlet  *outlet,
                                 GError                 **error)
{
  sqlite3_stmt *stmt;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, "UPDATE outlets SET type = ?1, reach = ?2, region = ?3 WHERE id = ?4", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_text (stmt, 1, outlet->type, -1, SQLITE_STATIC);
  if (outlet->reach >= 0)
    sqlite3_bind_int64 (stmt, 2, outlet->reach);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, outlet->region, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, outlet->id);
  if (!_apl_store_step_done (self, stmt, error))
    return fail (self);
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The outlet no longer exists."));
      return fail (self);
    }
  return _apl_store_commit (self, error);
}

/* Segments: rename, members, restore (Undo of a deletion) */

gboolean
_apl_store_rename_contact_segment (AplStore    *self,
                                   gint64       id,
                                   const char  *name,
                                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self, "UPDATE contact_segments SET name = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
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
  if (sqlite3_changes (_apl_store_get_db (self)) != 1)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND, _("The segment no longer exists."));
      return fail (self);
    }
  return _apl_store_commit (self, error);
}

gboolean
_apl_store_list_segment_members (AplStore  *self,
                                 gint64     id,
                                 GArray    *ids,
                                 GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _apl_store_prepare (self,
                             "SELECT contact_id FROM contact_segment_members WHERE segment_id = ?1 ORDER BY contact_id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 contact_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, contact_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Puts a deleted segment back with its id, name, filter and members
 * (those still in the book). */
gboolean
_apl_store_restore_contact_segment (AplStore                 *self,
                                    const AplContactSegment  *segment,
                                    GArray                   *members,
                                    GError                  **error)
{
  g_autofree char *now = _apl_store_now ();
  sqlite3_stmt *stmt;
  int rc;

  if (!_apl_store_begin (self, error))
    return FALSE;
  stmt = _apl_store_prepare (self,
                             "INSERT INTO contact_segments (id, name, filter, created_at) VALUES (?1, ?2, ?3, ?4)",
                             error);
  if (stmt == NULL)
    return fail (self);
  sqlite3_bind_int64 (stmt, 1, segment->id);
  sqlite3_bind_text (stmt, 2, segment->name, -1, SQLITE_STATIC);
  if (segment->filter != NULL)
    sqlite3_bind_text (stmt, 3, segment->filter, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("There is already a segment called “%s”."), segment->name);
      return fail (self);
    }
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return fail (self);
    }

  stmt = _apl_store_prepare (self,
                             "INSERT OR IGNORE INTO contact_segment_members (segment_id, contact_id) "
                             "SELECT ?1, id FROM contacts WHERE id = ?2",
                             error);
  if (stmt == NULL)
    return fail (self);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, segment->id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (members, gint64, i));
      if (!_apl_store_step_done (self, stmt, error))
        return fail (self);
    }
  return _apl_store_commit (self, error);
}
