/* test-contacts.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contact book as the window and the command line see it: what is
 * saved, searched, imported, merged, exported, and what stays untouched
 * when an import goes wrong.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "apl-contact-book.h"
#include "apl-contact-list.h"
#include "apl-message.h"
#include "apl-messages.h"
#include "apl-store-private.h"
#include "test-util.h"

/* Helpers */

static char *
workspace_path (char **dir)
{
  *dir = test_make_tmp_dir ();
  return g_build_filename (*dir, "workspace.sqlite3", NULL);
}

static AplStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static AplContactBook *
get_book (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  AplContactBook *book = apl_contact_book_get (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (book);
  return book;
}

static AplContact *
add (AplContactBook *book,
     const char     *name,
     const char     *outlet,
     const char     *emails)
{
  g_autoptr(GError) error = NULL;
  AplContact *contact = apl_contact_book_create (book, name, &error);

  g_assert_no_error (error);
  if (outlet != NULL)
    g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_OUTLET, outlet, &error));
  if (emails != NULL)
    g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_EMAILS, emails, &error));
  g_assert_no_error (error);
  return contact;
}

static void
set (AplContact      *contact,
     AplContactField  field,
     const char      *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (apl_contact_set_field (contact, field, value, &error));
  g_assert_no_error (error);
}

/* The names a search finds, in order, joined with "|". */
static char *
search (AplContactBook *book,
        const char     *text)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GString *names = g_string_new (NULL);

  filter->search = g_strdup (text);
  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AplContact) contact = apl_contact_book_find (book, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", apl_contact_get_name (contact));
    }
  return g_string_free (names, FALSE);
}

static gint64
count (AplContactBook         *book,
       const AplContactFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = apl_contact_book_count (book, filter, &error);

  g_assert_no_error (error);
  return n;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
export_to_string (AplContactBook   *book,
                  GArray           *ids,
                  AplContactFormat  format,
                  gboolean          include_dnc,
                  guint            *written,
                  guint            *excluded)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (apl_contact_book_export (book, ids, format, include_dnc, stream, written, excluded,
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static GArray *
all_ids (AplContactBook *book)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GError) error = NULL;
  GArray *ids;

  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  return ids;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n++;
}

/* Tests */

static void
test_fts_triggers_refused (void)
{
  /* Why the store writes the search index itself: under the workspace's
   * connection settings SQLite refuses a trigger that writes to an FTS5
   * table. If a future SQLite accepts it, this test says so. */
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  rc = sqlite3_exec (db,
                     "CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT);"
                     "CREATE VIRTUAL TABLE f USING fts5 (name, tokenize = \"unicode61 remove_diacritics 2\");"
                     "CREATE TRIGGER c_ai AFTER INSERT ON c BEGIN INSERT INTO f (rowid, name) VALUES (new.id, new.name); END;",
                     NULL, NULL, &message);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, "INSERT INTO c (name) VALUES ('Lefèvre')", NULL, NULL, &message);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "unsafe use of virtual table"));
  sqlite3_free (message);

  /* Written directly, as the store does, it works and folds accents. */
  rc = sqlite3_exec (db, "INSERT INTO f (rowid, name) VALUES (1, 'Lefèvre')", NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_crud_and_notify (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(AplContact) marie = NULL;
  g_autoptr(AplContact) again = NULL;
  g_autoptr(GError) error = NULL;
  AplContactBook *book;
  AplStore *store;
  guint notified = 0;
  guint labels = 0;
  gint64 id;

  store = open_store (path);
  book = get_book (store);
  g_assert_true (get_book (store) == book);

  marie = add (book, "  Marie Lefèvre ", "Le Monde", NULL);
  id = apl_contact_get_id (marie);
  g_assert_cmpstr (apl_contact_get_name (marie), ==, "Marie Lefèvre");
  g_assert_cmpint (apl_contact_get_kind (marie), ==, APL_CONTACT_KIND_JOURNALIST);
  g_assert_cmpint (apl_contact_get_relationship (marie), ==, APL_CONTACT_RELATIONSHIP_COLD);
  /* A new contact is verified today, so it is not stale. */
  g_assert_false (apl_contact_get_stale (marie));

  /* One object per contact while someone holds it. */
  again = apl_contact_book_find (book, id, &error);
  g_assert_true (again == marie);

  g_signal_connect (marie, "notify::beats", G_CALLBACK (count_cb), &notified);
  g_signal_connect (marie, "notify::relationship-label", G_CALLBACK (count_cb), &labels);
  set (marie, APL_CONTACT_FIELD_BEATS, "Santé; énergie, santé");
  g_assert_cmpstr (apl_contact_get_field (marie, APL_CONTACT_FIELD_BEATS), ==, "Santé, énergie");
  g_assert_cmpuint (notified, ==, 1);
  set (marie, APL_CONTACT_FIELD_BEATS, "Santé, énergie");
  g_assert_cmpuint (notified, ==, 1);
  set (marie, APL_CONTACT_FIELD_RELATIONSHIP, "trusted");
  g_assert_cmpuint (labels, ==, 1);

  /* Invalid values are refused and the contact keeps its value. */
  g_assert_false (apl_contact_set_field (marie, APL_CONTACT_FIELD_EMAILS, "marie at monde", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_contact_set_field (marie, APL_CONTACT_FIELD_NAME, " ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (apl_contact_get_name (marie), ==, "Marie Lefèvre");

  set (marie, APL_CONTACT_FIELD_REACH, "1,2M");
  set (marie, APL_CONTACT_FIELD_DO_NOT_CONTACT, "yes");
  set (marie, APL_CONTACT_FIELD_DNC_REASON, "On leave until June");
  set (marie, APL_CONTACT_FIELD_LAWFUL_BASIS, "Legitimate interest");
  set (marie, APL_CONTACT_FIELD_SOURCE, "Business card");
  g_clear_object (&again);
  g_clear_object (&marie);
  g_assert_cmpuint (apl_contact_get_n_alive (), ==, 0);

  /* Everything is on disk: a new session reads it back. */
  apl_store_close (store);
  g_object_unref (store);
  store = open_store (path);
  book = get_book (store);
  marie = apl_contact_book_find (book, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_contact_get_outlet (marie), ==, "Le Monde");
  g_assert_cmpstr (apl_contact_get_field (marie, APL_CONTACT_FIELD_REACH), ==, "1200000");
  g_assert_true (apl_contact_get_do_not_contact (marie));
  g_assert_cmpstr (apl_contact_get_field (marie, APL_CONTACT_FIELD_DNC_REASON), ==, "On leave until June");
  g_assert_cmpstr (apl_contact_get_field (marie, APL_CONTACT_FIELD_SOURCE), ==, "Business card");
  g_assert_cmpint (apl_contact_get_relationship (marie), ==, APL_CONTACT_RELATIONSHIP_TRUSTED);
  g_clear_object (&marie);

  g_object_unref (store);
  test_remove_tree (dir);
}

static void
test_search (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(AplContact) marie = NULL;
  g_autoptr(AplContact) jane = NULL;
  g_autoptr(AplContact) paul = NULL;
  AplContactBook *book;
  AplStore *store;
  char *found;

  store = open_store (path);
  book = get_book (store);
  marie = add (book, "Marie Lefèvre", "Le Monde", "marie.lefevre@lemonde.example");
  jane = add (book, "Jane Smith", "Financial Times", "jane@ft.example.com");
  paul = add (book, "Paul Émile", "Libération", NULL);
  set (paul, APL_CONTACT_FIELD_BEATS, "santé, énergie");

#define ASSERT_FINDS(query, expected) \
  found = search (book, query); \
  g_assert_cmpstr (found, ==, expected); \
  g_free (found)

  ASSERT_FINDS ("lefevre", "Marie Lefèvre");
  ASSERT_FINDS ("LEFÈVRE", "Marie Lefèvre");
  ASSERT_FINDS ("lef", "Marie Lefèvre");
  ASSERT_FINDS ("m lef", "Marie Lefèvre");
  ASSERT_FINDS ("emile", "Paul Émile");
  ASSERT_FINDS ("liberation", "Paul Émile");
  ASSERT_FINDS ("sante", "Paul Émile");
  ASSERT_FINDS ("jane@ft.ex", "Jane Smith");
  ASSERT_FINDS ("financial", "Jane Smith");
  ASSERT_FINDS ("monde", "Marie Lefèvre");
  ASSERT_FINDS ("", "Jane Smith|Marie Lefèvre|Paul Émile");
  ASSERT_FINDS ("\"AND* NOT", "");
  ASSERT_FINDS ("zzz", "");

  /* The index follows every edit: name, outlet, beats, e-mails. */
  set (jane, APL_CONTACT_FIELD_NAME, "Jane Doe");
  ASSERT_FINDS ("smith", "");
  ASSERT_FINDS ("doe", "Jane Doe");
  set (jane, APL_CONTACT_FIELD_OUTLET, "Les Échos");
  ASSERT_FINDS ("echos", "Jane Doe");
  ASSERT_FINDS ("financial", "");
  set (jane, APL_CONTACT_FIELD_EMAILS, "jd@lesechos.example");
  ASSERT_FINDS ("jane@ft", "");
  ASSERT_FINDS ("jd", "Jane Doe");

  /* A deleted contact is not found, and its index entry goes with the
   * purge of the next session. */
  g_assert_true (apl_contact_book_delete (book, paul, NULL, NULL, NULL));
  ASSERT_FINDS ("sante", "");
#undef ASSERT_FINDS

  g_clear_object (&marie);
  g_clear_object (&jane);
  g_clear_object (&paul);
  apl_store_close (store);
  g_object_unref (store);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM contacts"), ==, 3);
  store = open_store (path);
  get_book (store);
  g_object_unref (store);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM contacts_fts"), ==, 2);
  test_remove_tree (dir);
}

static void
test_filters_and_segments (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(AplContact) a = NULL;
  g_autoptr(AplContact) b = NULL;
  g_autoptr(AplContact) c = NULL;
  g_autoptr(AplContactFilter) filter = NULL;
  g_autoptr(AplContactFilter) parsed = NULL;
  g_autoptr(AplContactSegment) segment = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AplContactBook *book;
  AplStore *store;
  gint64 picked;
  gint64 defined;

  store = open_store (path);
  book = get_book (store);
  a = add (book, "Alice Health", "Le Figaro", NULL);
  set (a, APL_CONTACT_FIELD_BEATS, "health, science");
  set (a, APL_CONTACT_FIELD_LANGUAGES, "fr, en");
  set (a, APL_CONTACT_FIELD_RELATIONSHIP, "warm");
  b = add (book, "Bob Health", "BBC", NULL);
  set (b, APL_CONTACT_FIELD_BEATS, "Health");
  set (b, APL_CONTACT_FIELD_LANGUAGES, "en");
  set (b, APL_CONTACT_FIELD_RELATIONSHIP, "trusted");
  c = add (book, "Chloé Sport", "L’Équipe", NULL);
  set (c, APL_CONTACT_FIELD_BEATS, "sport");
  set (c, APL_CONTACT_FIELD_LANGUAGES, "fr");
  set (c, APL_CONTACT_FIELD_KIND, "influencer");
  set (c, APL_CONTACT_FIELD_RELATIONSHIP, "trusted");

  /* "Health journalists, French, warm or trusted." */
  filter = apl_contact_filter_new ();
  filter->kinds = 1u << APL_CONTACT_KIND_JOURNALIST;
  filter->beat = g_strdup ("health");
  filter->language = g_strdup ("fr");
  filter->relationships = (1u << APL_CONTACT_RELATIONSHIP_WARM) | (1u << APL_CONTACT_RELATIONSHIP_TRUSTED);
  g_assert_cmpint (count (book, filter), ==, 1);

  text = apl_contact_filter_to_string (filter);
  g_assert_cmpstr (text, ==, "kind=journalist;relationship=warm,trusted;beat=health;language=fr");
  parsed = apl_contact_filter_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_filter_equal (filter, parsed));
  g_assert_null (apl_contact_filter_parse ("colour=blue", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  defined = apl_contact_book_create_segment (book, "Health FR", filter, &error);
  g_assert_no_error (error);
  picked = apl_contact_book_create_segment (book, "Crisis core", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (apl_contact_book_create_segment (book, "crisis CORE", NULL, &error), ==, 0);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (apl_contact_book_add_to_segment (book, picked, b, &error));
  g_assert_true (apl_contact_book_add_to_segment (book, picked, c, &error));
  g_assert_true (apl_contact_book_add_to_segment (book, picked, c, &error));
  g_assert_no_error (error);

  segments = apl_contact_book_list_segments (book, &error);
  g_assert_cmpuint (segments->len, ==, 2);
  segment = apl_contact_book_find_segment (book, "health fr", &error);
  g_assert_no_error (error);
  g_assert_cmpint (segment->id, ==, defined);
  {
    g_autoptr(AplContactFilter) f = apl_contact_book_segment_filter (book, segment, &error);

    /* The filter is evaluated when used: a new health journalist joins. */
    g_autoptr(AplContact) d = add (book, "Dora Santé", NULL, NULL);

    set (d, APL_CONTACT_FIELD_BEATS, "HEALTH");
    set (d, APL_CONTACT_FIELD_LANGUAGES, "FR");
    set (d, APL_CONTACT_FIELD_RELATIONSHIP, "warm");
    g_assert_cmpint (count (book, f), ==, 2);
  }
  g_clear_pointer (&segment, apl_contact_segment_free);
  segment = apl_contact_book_find_segment (book, "Crisis core", &error);
  {
    g_autoptr(AplContactFilter) f = apl_contact_book_segment_filter (book, segment, &error);
    guint in_segments = 0;
    guint in_plans = 0;

    g_assert_cmpint (count (book, f), ==, 2);
    g_assert_true (apl_contact_book_remove_from_segment (book, picked, c, &error));
    g_assert_cmpint (count (book, f), ==, 1);

    /* Deleting a member says how many segments it was in, and how many
     * plans address one of them. */
    g_assert_true (apl_contact_book_delete (book, b, &in_segments, &in_plans, &error));
    g_assert_cmpuint (in_segments, ==, 1);
    g_assert_cmpuint (in_plans, ==, 0);
    g_assert_cmpint (count (book, f), ==, 0);
    g_assert_true (apl_contact_book_undelete (book, b, &error));
    g_assert_cmpint (count (book, f), ==, 1);
  }
  g_assert_null (apl_contact_book_find_segment (book, "nope", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);

  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);
  g_object_unref (store);
  test_remove_tree (dir);
}

static void
test_freshness (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(AplContact) old = NULL;
  g_autoptr(AplContact) recent = NULL;
  g_autoptr(AplContact) never = NULL;
  g_autoptr(AplContactFilter) stale = apl_contact_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) four_months = g_date_time_add_months (now, -4);
  g_autoptr(GDateTime) two_years = g_date_time_add_years (now, -2);
  g_autofree char *four = g_date_time_format (four_months, "%Y-%m-%d");
  g_autofree char *two = g_date_time_format (two_years, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  AplContactBook *book;
  AplStore *store;
  guint notified = 0;

  store = open_store (path);
  book = get_book (store);
  g_assert_cmpint (apl_contact_book_get_stale_months (book), ==, 6);
  old = add (book, "Old Verified", NULL, NULL);
  recent = add (book, "Recently Verified", NULL, NULL);
  never = add (book, "Never Verified", NULL, NULL);
  set (old, APL_CONTACT_FIELD_LAST_VERIFIED, two);
  set (recent, APL_CONTACT_FIELD_LAST_VERIFIED, four);
  set (never, APL_CONTACT_FIELD_LAST_VERIFIED, "");

  stale->stale_only = TRUE;
  g_assert_cmpint (count (book, stale), ==, 2);
  g_assert_true (apl_contact_get_stale (old));
  g_assert_false (apl_contact_get_stale (recent));
  g_assert_true (apl_contact_get_stale (never));

  /* "Still right" makes it fresh, at once and on disk. */
  g_signal_connect (old, "notify::stale", G_CALLBACK (count_cb), &notified);
  g_assert_true (apl_contact_mark_verified (old, &error));
  g_assert_no_error (error);
  g_assert_false (apl_contact_get_stale (old));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (count (book, stale), ==, 1);

  /* A stricter period makes the four-month-old one stale too. */
  apl_contact_book_set_stale_months (book, 3);
  g_assert_cmpint (count (book, stale), ==, 2);
  g_assert_true (apl_contact_get_stale (recent));

  g_clear_object (&old);
  g_clear_object (&recent);
  g_clear_object (&never);
  g_object_unref (store);
  test_remove_tree (dir);
}

static void
test_delete_undo_list (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(AplContactList) list = NULL;
  g_autoptr(AplContact) b = NULL;
  AplContactBook *book;
  AplStore *store;
  Change change = { 0 };

  store = open_store (path);
  book = get_book (store);
  g_object_unref (add (book, "Anna", NULL, NULL));
  b = add (book, "Bruno", NULL, NULL);
  g_object_unref (add (book, "Carla", NULL, NULL));

  list = apl_contact_list_new (book);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &change);

  g_assert_true (apl_contact_book_delete (book, b, NULL, NULL, NULL));
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_assert_true (apl_contact_book_undelete (book, b, NULL));
  g_assert_cmpuint (change.n, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpint (apl_contact_list_get_id (list, 1), ==, apl_contact_get_id (b));

  /* Adding tells the list too. */
  g_object_unref (add (book, "Aaron", NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  {
    g_autoptr(AplContact) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (apl_contact_get_name (first), ==, "Aaron");
  }

  g_clear_object (&b);
  g_clear_object (&list);
  g_object_unref (store);
  test_remove_tree (dir);
}

/* A realistic CSV the way a French spreadsheet saves it. */
static GString *
generate_csv (guint n,
              guint seed)
{
  static const char * const given[] = { "Marie", "Jean", "Zoë", "Hélène", "Paul", "Chloé", "Amir", "Sarah", "Léa", "Tom" };
  static const char * const family[] = { "Lefèvre", "Dupont", "Martin", "O’Brien", "Nguyen", "Da Silva", "Müller", "Smith", "Bernard", "Roux" };
  static const char * const outlets[] = { "Le Monde", "Ouest-France", "France Info; Radio", "BBC", "Les Échos", "\"Le\" Canard", "TF1", "Reuters" };
  static const char * const beats[] = { "santé", "énergie, climat", "économie", "sport", "politique", "tech; numérique" };
  GRand *rand = g_rand_new_with_seed (seed);
  GString *csv = g_string_new ("\xEF\xBB\xBFPrénom;Nom;Média;Courriel;Thématiques;Langue;Relation;Dernière vérification;Notes\r\n");

  for (guint i = 0; i < n; i++)
    {
      const char *outlet = outlets[g_rand_int_range (rand, 0, G_N_ELEMENTS (outlets))];
      g_autofree char *quoted = NULL;
      GString *q = g_string_new ("\"");

      for (const char *p = outlet; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (q, '"');
          g_string_append_c (q, *p);
        }
      g_string_append_c (q, '"');
      quoted = g_string_free (q, FALSE);
      g_string_append_printf (csv, "%s;%s %u;%s;person%u@example.org;\"%s\";fr;%s;2025-%02d-%02d;%s\r\n",
                              given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
                              family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))], i,
                              quoted, i,
                              beats[g_rand_int_range (rand, 0, G_N_ELEMENTS (beats))],
                              (i % 3) == 0 ? "chaud" : "froid",
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                              (i % 50) == 0 ? "\"Appeler avant 10h\r\npas le lundi\"" : "");
    }
  g_rand_free (rand);
  return csv;
}

static void
test_import_csv_and_duplicates (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *file = NULL;
  g_autofree char *again = NULL;
  g_autofree char *found = NULL;
  g_autoptr(GString) csv = generate_csv (200, 7);
  g_autoptr(GError) error = NULL;
  AplContactImportOptions options = { 0 };
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);
  file = write_file (dir, "contacts.csv", csv->str);

  g_assert_true (apl_contact_book_import_file (book, file, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 200);
  g_assert_cmpuint (report.merged, ==, 0);
  g_assert_cmpuint (report.problems->len, ==, 0);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 200);
  found = search (book, "person17@example");
  g_assert_cmpuint (strlen (found), >, 0);

  /* The same file again: every row is a duplicate (same e-mail). */
  options.duplicates = APL_CONTACT_DUPLICATES_SKIP;
  g_assert_true (apl_contact_book_import_file (book, file, &options, &report, NULL, NULL, NULL, &error));
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 200);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 200);

  /* Same name and outlet, no e-mail: merged, and the new phone added. */
  again = write_file (dir, "again.csv",
                      "Nom complet,Média,Téléphone,Courriel\n"
                      "Anne Lenoir,Le Parisien,+33 1 00 00 00 01,\n"
                      "anne lenoir,Le Parisien,+33 1 00 00 00 02,\n"
                      "Anne Lenoir,Autre Média,,\n");
  options.duplicates = APL_CONTACT_DUPLICATES_MERGE;
  g_assert_true (apl_contact_book_import_file (book, again, &options, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 2);
  g_assert_cmpuint (report.merged, ==, 1);
  apl_contact_import_report_clear (&report);
  {
    g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
    g_autoptr(GArray) ids = NULL;
    g_autoptr(AplContact) anne = NULL;

    filter->search = g_strdup ("lenoir parisien");
    ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
    g_assert_cmpuint (ids->len, ==, 1);
    anne = apl_contact_book_find (book, g_array_index (ids, gint64, 0), &error);
    g_assert_cmpstr (apl_contact_get_field (anne, APL_CONTACT_FIELD_PHONES), ==,
                     "+33 1 00 00 00 01\n+33 1 00 00 00 02");
  }

  g_object_unref (store);
  test_remove_tree (dir);
}

static void
test_import_bad_file_changes_nothing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *bad = NULL;
  g_autofree char *vcf = NULL;
  g_autofree char *binary = NULL;
  g_autoptr(GError) error = NULL;
  AplContactImportOptions options = { 0 };
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);
  g_object_unref (add (book, "Already Here", NULL, "here@example.org"));

  bad = write_file (dir, "bad.csv",
                    "Name,Email,Last verified\n"
                    "Good One,good@example.org,2025-01-01\n"
                    "Bad Mail,not-an-email,\n"
                    "Bad Date,ok@example.org,2025-13-45\n"
                    ",nobody@example.org,\n"
                    "Here Again,here@example.org,\n");
  g_assert_false (apl_contact_book_import_file (book, bad, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_cmpuint (report.problems->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 0), "bad.csv:3: "));
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 0), "not-an-email"));
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 1), "bad.csv:4: "));
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 2), "bad.csv:5: "));
  g_assert_cmpuint (report.created + report.merged, ==, 0);
  apl_contact_import_report_clear (&report);
  g_clear_error (&error);
  /* The book is as it was: the good row and the merge were rolled back. */
  g_assert_cmpint (count (book, NULL), ==, 1);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM contacts_fts"), ==, 1);

  /* Asked to, the good records go in and the bad are reported. */
  options.skip_bad_records = TRUE;
  g_assert_true (apl_contact_book_import_file (book, bad, &options, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 1);
  g_assert_cmpuint (report.merged, ==, 1);
  g_assert_cmpuint (report.bad, ==, 3);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 2);

  /* Dry run (the preview): counted, not written. */
  vcf = write_file (dir, "new.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Preview Only\nEND:VCARD\n");
  options.dry_run = TRUE;
  g_assert_true (apl_contact_book_import_file (book, vcf, &options, &report, NULL, NULL, NULL, &error));
  g_assert_cmpuint (report.created, ==, 1);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 2);

  /* A binary file: a clear error, nothing changed. */
  binary = g_build_filename (dir, "photo.csv", NULL);
  {
    guchar data[4096];

    for (guint i = 0; i < sizeof data; i++)
      data[i] = (guchar) (i * 7);
    g_file_set_contents (binary, (const char *) data, sizeof data, NULL);
  }
  g_assert_false (apl_contact_book_import_file (book, binary, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "binary"));
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 2);

  g_object_unref (store);
  test_remove_tree (dir);
}

static void
cancel_after_first_batch_cb (guint64  done,
                             guint64  total,
                             gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_import_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *file = NULL;
  g_autoptr(GString) csv = generate_csv (2000, 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);
  file = write_file (dir, "big.csv", csv->str);
  g_assert_false (apl_contact_book_import_file (book, file, NULL, &report, cancel_after_first_batch_cb,
                                                cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 0);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM outlets"), ==, 0);

  g_object_unref (store);
  test_remove_tree (dir);
}

/* Records are read on one thread and written on another: what reaches
 * the book, and what is reported, is still in the file's order, with the
 * right line, across the chunks the two threads pass each other. */
static void
test_import_problems_in_order (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *file = NULL;
  g_autofree char *nameless = NULL;
  g_autofree char *junk = NULL;
  g_autoptr(GString) csv = g_string_new ("Name,Email\n");
  g_autoptr(GString) bad = g_string_new ("Name,Email\n");
  g_autoptr(GError) error = NULL;
  AplContactImportOptions options = { .skip_bad_records = TRUE };
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);

  /* 1 500 records, two of them bad: line 702 (no name) and line 1 401 (a
   * date the book refuses). */
  for (guint i = 1; i <= 1500; i++)
    {
      if (i == 701)
        g_string_append (csv, ",nobody@example.org\n");
      else
        g_string_append_printf (csv, "Person %u,person%u@example.org\n", i, i);
    }
  file = write_file (dir, "people.csv", csv->str);
  g_assert_true (apl_contact_book_import_file (book, file, &options, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 1499);
  g_assert_cmpuint (report.bad, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (report.problems, 0), "people.csv:702: the contact has no name"));
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 1499);
  /* In the file's order: the first person has the lowest id. */
  g_assert_cmpint (test_sqlite_int (path, "SELECT min (id) = (SELECT id FROM contacts WHERE name = 'Person 1') "
                                          "FROM contacts"), ==, 1);

  /* No column holds names: refused at line 1, nothing written. */
  nameless = write_file (dir, "nameless.csv", "Email,Phone\na@example.org,+33 1 23 45 67 89\n");
  g_assert_false (apl_contact_book_import_file (book, nameless, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nameless.csv:1: no column holds the contacts’ names"));
  g_clear_error (&error);
  apl_contact_import_report_clear (&report);

  /* More than a hundred bad records: not a contact list; stops there and
   * writes nothing, even the good ones before. */
  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (bad, i % 2 ? "Good %u,good%u@example.org\n" : ",bad%u@example.org\n", i, i);
  junk = write_file (dir, "junk.csv", bad->str);
  g_assert_false (apl_contact_book_import_file (book, junk, &options, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "more than 100 records could not be read, so Aplomb stopped at line 201"));
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (count (book, NULL), ==, 1499);

  g_object_unref (store);
  test_remove_tree (dir);
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A contact on screen that an import merges into shows the merged
 * fields at once, and says so (notify), without reopening the book. */
static void
test_import_refreshes_held_contacts (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *file = NULL;
  g_autoptr(AplContact) held = NULL;
  g_autoptr(GError) error = NULL;
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;
  guint notified = 0;

  store = open_store (path);
  book = get_book (store);
  held = apl_contact_book_create (book, "Marie Lefèvre", &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (held, APL_CONTACT_FIELD_EMAILS, "marie@lemonde.example", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (apl_contact_get_field (held, APL_CONTACT_FIELD_BEATS), ==, "");
  g_signal_connect (held, "notify::beats", G_CALLBACK (notified_cb), &notified);

  file = write_file (dir, "merge.csv", "Name,Email,Beats\nMarie Lefèvre,marie@lemonde.example,\"santé, eau\"\n");
  g_assert_true (apl_contact_book_import_file (book, file, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.merged, ==, 1);
  apl_contact_import_report_clear (&report);

  g_assert_cmpstr (apl_contact_get_field (held, APL_CONTACT_FIELD_BEATS), ==, "santé, eau");
  g_assert_cmpuint (notified, ==, 1);

  g_clear_object (&held);
  g_object_unref (store);
  test_remove_tree (dir);
}

/* Deleting a contact that a plan's message addresses (through a segment)
 * says so; deleted plans and messages do not count. */
static void
test_delete_used_by_plan (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(AplContact) amara = NULL;
  g_autoptr(AplPlan) flood = NULL;
  g_autoptr(AplPlan) recall = NULL;
  g_autoptr(AplMessage) notice = NULL;
  g_autoptr(AplMessage) statement = NULL;
  g_autoptr(GError) error = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  guint in_segments = 0, in_plans = 0;
  AplContactBook *book;
  AplStore *store;
  gint64 segment;

  store = open_store (path);
  book = get_book (store);
  amara = add (book, "Amara Diallo", "Radio Sud", "amara@radiosud.example");
  segment = apl_contact_book_create_segment (book, "Local radio", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_add_to_segment (book, segment, amara, &error));
  g_assert_no_error (error);

  flood = apl_store_create_plan (store, "Flood", &error);
  recall = apl_store_create_plan (store, "Recall", &error);
  g_assert_no_error (error);
  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = "We are aware of the situation.";
  notice = apl_store_add_message (store, flood, fields, NULL, "Claire", &error);
  statement = apl_store_add_message (store, recall, fields, NULL, "Claire", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_add_message_audience (store, notice, APL_AUDIENCE_SEGMENT, segment, &error));
  g_assert_true (apl_store_add_message_audience (store, statement, APL_AUDIENCE_SEGMENT, segment, &error));
  g_assert_no_error (error);

  g_assert_true (apl_contact_book_delete (book, amara, &in_segments, &in_plans, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (in_segments, ==, 1);
  g_assert_cmpuint (in_plans, ==, 2);
  g_assert_true (apl_contact_book_undelete (book, amara, &error));

  /* A plan in the bin no longer counts. */
  g_assert_true (apl_store_delete_plan (store, recall, &error));
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_delete (book, amara, &in_segments, &in_plans, &error));
  g_assert_cmpuint (in_plans, ==, 1);

  g_object_unref (store);
  test_remove_tree (dir);
}

static void
test_export (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *path2 = NULL;
  g_autofree char *vcards = NULL;
  g_autofree char *vcard_file = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *second = NULL;
  g_autoptr(AplContact) ok = NULL;
  g_autoptr(AplContact) dnc = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;
  guint written = 0, excluded = 0;

  store = open_store (path);
  book = get_book (store);
  ok = add (book, "Élodie Marchand", "Mediapart", "elodie@example.fr\ne.marchand@example.org");
  set (ok, APL_CONTACT_FIELD_NOTES, "Prefers Signal;\nnever on Fridays, please");
  set (ok, APL_CONTACT_FIELD_BEATS, "justice, police");
  set (ok, APL_CONTACT_FIELD_SOCIALS, "bluesky: @elodie.example");
  dnc = add (book, "Do Not Call", "Tabloid", "dnc@example.org");
  set (dnc, APL_CONTACT_FIELD_DO_NOT_CONTACT, "1");
  set (dnc, APL_CONTACT_FIELD_DNC_REASON, "Asked to be removed");
  ids = all_ids (book);
  g_assert_cmpuint (ids->len, ==, 2);

  /* Do-not-contact is left out of a list for distribution... */
  vcards = export_to_string (book, ids, APL_CONTACT_FORMAT_VCARD, FALSE, &written, &excluded);
  g_assert_cmpuint (written, ==, 1);
  g_assert_cmpuint (excluded, ==, 1);
  g_assert_null (strstr (vcards, "Do Not Call"));
  g_assert_nonnull (strstr (vcards, "VERSION:3.0\r\n"));
  g_free (vcards);
  csv = export_to_string (book, ids, APL_CONTACT_FORMAT_CSV, FALSE, &written, &excluded);
  g_assert_null (strstr (csv, "dnc@example.org"));
  g_assert_true (g_str_has_prefix (csv, "Name,Kind,Outlet,"));

  /* ...unless asked; then it round-trips into another workspace. */
  vcards = export_to_string (book, ids, APL_CONTACT_FORMAT_VCARD4, TRUE, &written, &excluded);
  g_assert_cmpuint (written, ==, 2);
  g_assert_nonnull (strstr (vcards, "VERSION:4.0\r\n"));
  vcard_file = write_file (dir, "out.vcf", vcards);

  path2 = g_build_filename (dir, "second.sqlite3", NULL);
  {
    AplStore *store2 = open_store (path2);
    AplContactBook *book2 = get_book (store2);
    g_autoptr(GArray) ids2 = NULL;
    g_autoptr(AplContact) back = NULL;

    g_assert_true (apl_contact_book_import_file (book2, vcard_file, NULL, &report, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.created, ==, 2);
    apl_contact_import_report_clear (&report);
    ids2 = all_ids (book2);
    back = apl_contact_book_find (book2, g_array_index (ids2, gint64, 1), &error);
    for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
      g_assert_cmpstr (apl_contact_get_field (back, f), ==, apl_contact_get_field (ok, f));
    g_clear_object (&back);
    back = apl_contact_book_find (book2, g_array_index (ids2, gint64, 0), &error);
    g_assert_true (apl_contact_get_do_not_contact (back));
    g_assert_cmpstr (apl_contact_get_field (back, APL_CONTACT_FIELD_DNC_REASON), ==, "Asked to be removed");
    g_clear_object (&back);
    g_object_unref (store2);
  }

  g_clear_object (&ok);
  g_clear_object (&dnc);
  g_object_unref (store);
  test_remove_tree (dir);
}

static void
test_list_model_lazy (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autofree char *file = NULL;
  g_autoptr(GString) csv = generate_csv (20000, 42);
  g_autoptr(AplContactList) list = NULL;
  g_autoptr(GError) error = NULL;
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;
  Change change = { 0 };
  guint n;
  guint alive;

  store = open_store (path);
  book = get_book (store);
  file = write_file (dir, "big.csv", csv->str);
  g_assert_true (apl_contact_book_import_file (book, file, NULL, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 20000);
  apl_contact_import_report_clear (&report);

  alive = apl_contact_get_n_alive ();
  list = apl_contact_list_new (book);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 20000);
  /* Knowing the count made no contact object. */
  g_assert_cmpuint (apl_contact_get_n_alive (), ==, alive);

  /* Rows are made when asked for, and only a few are kept. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(AplContact) contact = g_list_model_get_item (G_LIST_MODEL (list), n - 1 - i);

      g_assert_nonnull (contact);
    }
  g_assert_cmpuint (apl_contact_get_n_alive (), ==, alive + 50);
  for (guint i = 0; i < n; i += 7)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_cmpuint (apl_contact_get_n_alive (), <=, alive + 256);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  /* A search is one items-changed from 0, run by SQLite. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &change);
  apl_contact_list_set_search (list, "person19999@");
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 20000);
  g_assert_cmpuint (change.added, ==, 1);
  apl_contact_list_set_search (list, "person19999@");
  g_assert_cmpuint (change.n, ==, 1);
  apl_contact_list_set_search (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20000);

  /* Sorting by name, both ways. */
  {
    g_autoptr(AplContact) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(AplContact) last = NULL;
    g_autoptr(AplContact) top = NULL;

    apl_contact_list_set_sort (list, APL_CONTACT_SORT_NAME, TRUE);
    top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    last = g_list_model_get_item (G_LIST_MODEL (list), 19999);
    g_assert_true (last == first);
    g_assert_cmpint (g_utf8_collate (apl_contact_get_name (top), apl_contact_get_name (first)), >, 0);

    apl_contact_list_set_sort (list, APL_CONTACT_SORT_OUTLET, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20000);
  }

  g_clear_object (&list);
  g_object_unref (store);
  g_assert_cmpuint (apl_contact_get_n_alive (), ==, 0);
  test_remove_tree (dir);
}

static char *
run_tool (const char  *path,
          int         *status,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("APLOMB_TOOL"));
  g_ptr_array_add (args, (char *) "--workspace");
  g_ptr_array_add (args, (char *) path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (*status) ? WEXITSTATUS (*status) : -1;
  return out;
}

static void
test_cli (void)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  int status = -1;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return;
    }

  path = workspace_path (&dir);
  file = write_file (dir, "media.csv",
                     "Nom;Prénom;Média;Courriel;Dernière vérification;Ne pas contacter\n"
                     "Lefèvre;Marie;Le Monde;marie@lemonde.example;2020-01-01;\n"
                     "Dupont;Jean;France Info;jean@franceinfo.example;;oui\n"
                     "Lefèvre;Marie;Le Monde;;;\n");
  out = run_tool (path, &status, &err, "contacts", "import", file, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "imported 2\nmerged 1\nskipped 0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tool (path, &status, &err, "contacts", "search", "lefevre", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\tMarie Lefèvre\tLe Monde\tmarie@lemonde.example\t2020-01-01\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tool (path, &status, &err, "contacts", "stale", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Jean Dupont"));
  g_assert_nonnull (strstr (out, "Marie Lefèvre"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  exported = g_build_filename (dir, "out.csv", NULL);
  out = run_tool (path, &status, &err, "contacts", "export", "--format", "csv", "-o", exported, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "1 contact marked do-not-contact was left out"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_file_get_contents (exported, &out, NULL, NULL);
  g_assert_nonnull (strstr (out, "Marie Lefèvre"));
  g_assert_null (strstr (out, "Jean Dupont"));
  g_clear_pointer (&out, g_free);

  out = run_tool (path, &status, &err, "contacts", "export", "--format", "vcard4", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tool (path, &status, &err, "contacts", "export", "--segment", "nope", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  bad = write_file (dir, "bad.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Fine\nEND:VCARD\nBEGIN:VCARD\nEMAIL:x@y.z\nEND:VCARD\n");
  out = run_tool (path, &status, &err, "contacts", "import", bad, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "bad.vcf:5: "));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tool (path, &status, &err, "contacts", "import", file, "--duplicates", "sometimes", NULL);
  g_assert_cmpint (status, ==, 2);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contacts/store/fts-triggers-refused", test_fts_triggers_refused);
  g_test_add_func ("/contacts/book/crud", test_crud_and_notify);
  g_test_add_func ("/contacts/book/search", test_search);
  g_test_add_func ("/contacts/book/filters-segments", test_filters_and_segments);
  g_test_add_func ("/contacts/book/freshness", test_freshness);
  g_test_add_func ("/contacts/list/delete-undo", test_delete_undo_list);
  g_test_add_func ("/contacts/list/lazy-20000", test_list_model_lazy);
  g_test_add_func ("/contacts/import/csv-duplicates", test_import_csv_and_duplicates);
  g_test_add_func ("/contacts/import/bad-file", test_import_bad_file_changes_nothing);
  g_test_add_func ("/contacts/import/cancel", test_import_cancel);
  g_test_add_func ("/contacts/import/problems-in-order", test_import_problems_in_order);
  g_test_add_func ("/contacts/import/refreshes-held-contacts", test_import_refreshes_held_contacts);
  g_test_add_func ("/contacts/delete-used-by-plan", test_delete_used_by_plan);
  g_test_add_func ("/contacts/export", test_export);
  g_test_add_func ("/contacts/cli", test_cli);

  return g_test_run ();
}
