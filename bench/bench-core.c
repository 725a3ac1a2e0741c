/* bench-core.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The in-process figures, each timed against its floor in the same
 * process, the two taking turns so that a busy machine slows both:
 *
 *   bench-core edit   --workspace WS [--rounds R] [--count N]
 *   bench-core export --workspace WS [--rounds R] [--count N]
 *   bench-core render [--length CHARS] [--rounds R] [--count N]
 *   bench-core search --workspace WS [--rounds R]
 *
 * Prints one JSON object: {"aplomb": [ms...], "floor": [ms...], ...}, or
 * {"missing": "what is missing"} when the feature is not there yet.
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "apl-channel.h"
#include "apl-messages.h"
#include "apl-placeholder.h"
#include "apl-plan-xml.h"
#include "apl-store.h"
#include "bench-contacts.h"
#include "bench-data.h"

static char *opt_workspace;
static int opt_rounds = 5;
static int opt_count = 0;
static int opt_length = 10000;

static const GOptionEntry entries[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &opt_workspace, "Workspace file", "FILE" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds, Aplomb and floor taking turns", "N" },
  { "count", 0, 0, G_OPTION_ARG_INT, &opt_count, "Operations per round", "N" },
  { "length", 0, 0, G_OPTION_ARG_INT, &opt_length, "Message length in characters (render)", "N" },
  { NULL }
};

G_GNUC_NORETURN static void
die (const char *what,
     const char *message)
{
  g_printerr ("bench-core: %s: %s\n", what, message);
  exit (1);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_samples (const char *key,
               GArray     *samples)
{
  g_print ("\"%s\": [", key);
  for (guint i = 0; i < samples->len; i++)
    g_print ("%s%.6f", i ? ", " : "", g_array_index (samples, double, i));
  g_print ("]");
}

static void
print_result (GArray     *aplomb,
              GArray     *floor_,
              const char *extra)
{
  g_print ("{");
  print_samples ("aplomb", aplomb);
  g_print (", ");
  print_samples ("floor", floor_);
  if (extra != NULL)
    g_print (", %s", extra);
  g_print ("}\n");
}

static void
print_missing (const char *why)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (const char *p = why; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  g_print ("{\"missing\": \"%s\"}\n", escaped->str);
}

/* Edit durability */

static const char *
sqlite_exec_or_die (sqlite3    *db,
                    const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    die (sql, message ? message : sqlite3_errmsg (db));
  return sql;
}

static char *
edit_value (guint n)
{
  /* A real scenario summary is a paragraph; each edit changes it, as
   * typing does, so that nothing is skipped as unchanged. */
  return g_strdup_printf ("Une cyberattaque par rançongiciel paralyse la messagerie et la facturation ; "
                          "les données de 12 000 clients pourraient être exposées. Révision n° %u.", n);
}

static int
bench_edit (void)
{
  g_autoptr(GArray) aplomb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  int count = opt_count > 0 ? opt_count : 20;
  guint serial = 0;
  gint64 plan_id = 0;

  for (int round = 0; round < opt_rounds; round++)
    {
      /* Aplomb: apl_plan_set_field returns once the change is committed
       * (WAL, synchronous=FULL: fsync'd). */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(AplStore) store = apl_store_open (opt_workspace, &error);
        g_autoptr(AplPlan) plan = NULL;

        if (store == NULL)
          die (opt_workspace, error->message);
        if (g_list_model_get_n_items (apl_store_get_plans (store)) == 0)
          die (opt_workspace, "the workspace has no plan");
        plan = g_list_model_get_item (apl_store_get_plans (store), 0);
        plan_id = apl_plan_get_id (plan);

        for (int i = 0; i < count; i++)
          {
            g_autofree char *value = edit_value (++serial);
            double t0 = now_ms (), t1;

            if (!apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, value, &error))
              die ("apl_plan_set_field", error->message);
            t1 = now_ms ();
            g_array_append_val (aplomb, (double) { t1 - t0 });
          }
        apl_store_close (store);
      }

      /* Floor: the same file, the store's pragmas, one statement prepared
       * once (the store caches its statements too). */
      {
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;

        if (sqlite3_open_v2 (opt_workspace, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
          die (opt_workspace, sqlite3_errmsg (db));
        sqlite_exec_or_die (db, "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;"
                                "PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        if (sqlite3_prepare_v2 (db, "UPDATE plans SET scenario_summary = ?1, updated_at = ?2 WHERE id = ?3",
                                -1, &stmt, NULL) != SQLITE_OK)
          die ("prepare", sqlite3_errmsg (db));

        for (int i = 0; i < count; i++)
          {
            g_autofree char *value = edit_value (++serial);
            g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
            g_autofree char *now = g_date_time_format_iso8601 (dt);
            double t0 = now_ms (), t1;

            sqlite_exec_or_die (db, "BEGIN IMMEDIATE");
            sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64 (stmt, 3, plan_id);
            if (sqlite3_step (stmt) != SQLITE_DONE)
              die ("update", sqlite3_errmsg (db));
            sqlite3_reset (stmt);
            sqlite_exec_or_die (db, "COMMIT");
            t1 = now_ms ();
            g_array_append_val (floor_, (double) { t1 - t0 });
          }
        sqlite3_finalize (stmt);
        sqlite3_close (db);
      }
    }

  print_result (aplomb, floor_, NULL);
  return 0;
}

/* XML export */

static int
bench_export (void)
{
  g_autoptr(GArray) aplomb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = apl_store_open (opt_workspace, &error);
  g_autoptr(AplPlan) largest = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GListModel *plans;
  gsize largest_size = 0;
  int count = opt_count > 0 ? opt_count : 20;
  xmlDocPtr doc;
  char extra[128];

  if (store == NULL)
    die (opt_workspace, error->message);

  /* The largest plan that exists: the one whose file is biggest. */
  plans = apl_store_get_plans (store);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);
      g_autoptr(GBytes) b = apl_plan_export_to_bytes (store, plan, &error);

      if (b == NULL)
        die ("export", error->message);
      if (g_bytes_get_size (b) > largest_size)
        {
          largest_size = g_bytes_get_size (b);
          g_set_object (&largest, plan);
          g_clear_pointer (&bytes, g_bytes_unref);
          bytes = g_bytes_ref (b);
        }
    }
  if (largest == NULL)
    die (opt_workspace, "the workspace has no plan");

  /* Floor: libxml2 writing the same document from a tree it already
   * holds, with nothing to read from the workspace and nothing to check. */
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) largest_size, "plan.xml", "UTF-8", XML_PARSE_NONET);
  if (doc == NULL)
    die ("xmlReadMemory", "the exported plan does not parse");

  for (int round = 0; round < opt_rounds; round++)
    {
      double t0 = now_ms (), t1;

      for (int i = 0; i < count; i++)
        {
          g_autoptr(GBytes) b = apl_plan_export_to_bytes (store, largest, &error);
          if (b == NULL)
            die ("export", error->message);
        }
      t1 = now_ms ();
      g_array_append_val (aplomb, (double) { (t1 - t0) / count });

      t0 = now_ms ();
      for (int i = 0; i < count; i++)
        {
          xmlChar *out = NULL;
          int size = 0;

          xmlDocDumpMemoryEnc (doc, &out, &size, "UTF-8");
          xmlFree (out);
        }
      t1 = now_ms ();
      g_array_append_val (floor_, (double) { (t1 - t0) / count });
    }
  xmlFreeDoc (doc);

  g_snprintf (extra, sizeof extra, "\"bytes\": %" G_GSIZE_FORMAT, largest_size);
  print_result (aplomb, floor_, extra);
  apl_store_close (store);
  return 0;
}

/* Message render and count, per keystroke */

static int
bench_render (void)
{
  g_autoptr(GArray) aplomb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *names = apl_placeholder_standard_names ();
  int count = opt_count > 0 ? opt_count : 50;
  g_autofree char *start = NULL;
  g_autoptr(GString) text = NULL;
  BenchRng rng;
  char extra[64];

  bench_rng_init (&rng, 7);
  start = bench_message_text (&rng, TRUE, (guint) opt_length);
  text = g_string_new (start);

  /* Most placeholders filled, two left empty: the editor lists those. */
  for (guint i = 0; names[i] != NULL; i++)
    if (i % 4 != 3)
      g_hash_table_insert (values, (char *) names[i], (char *) "Énergies du Rhône SA");

  for (int round = 0; round < opt_rounds; round++)
    for (int i = 0; i < count; i++)
      {
        /* A keystroke in the middle of the text. */
        gsize at = (text->len / 2) + (gsize) i;
        double t0, t1;

        while (at < text->len && ((guchar) text->str[at] & 0xC0) == 0x80)
          at++;
        g_string_insert_c (text, (gssize) at, 'e');

        /* What the message editor does on each change of the body:
         * render, parse the body for highlighting, count the rendered
         * text for the channel, parse the preview for unfilled ones. */
        t0 = now_ms ();
        {
          g_autoptr(AplRendered) rendered = apl_placeholder_render (text->str, values);
          g_autoptr(GArray) found = apl_placeholder_parse (text->str);
          AplCount c = apl_channel_count (APL_CHANNEL_X, rendered->text);
          g_autofree char *label = apl_count_format (&c);
          g_autoptr(GArray) left = apl_placeholder_parse (rendered->text);
        }
        t1 = now_ms ();
        g_array_append_val (aplomb, (double) { t1 - t0 });

        /* Floor: the least any counter does: copy the text, count it. */
        t0 = now_ms ();
        {
          g_autofree char *copy = g_strdup (text->str);
          volatile glong n = g_utf8_strlen (copy, -1);
          (void) n;
        }
        t1 = now_ms ();
        g_array_append_val (floor_, (double) { t1 - t0 });
      }

  g_snprintf (extra, sizeof extra, "\"chars\": %ld", g_utf8_strlen (start, -1));
  print_result (aplomb, floor_, extra);
  return 0;
}

/* Contacts search, per keystroke */

static const char *queries[] = {
  "lefevre",           /* no accent: finds Lefèvre and Lefebvre? only Lefèvre */
  "jean-francois le",
  "o'brien guard",
  "cybersecurite",
  "helene monde",
};

static int
bench_search (void)
{
  g_autoptr(GArray) aplomb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = apl_store_open (opt_workspace, &error);
  g_autofree char *why = NULL;
  g_autofree char *extra = NULL;
  BenchSearch *search;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 total;

  if (store == NULL)
    die (opt_workspace, error->message);
  search = bench_search_new (store, &why);
  if (search == NULL)
    {
      print_missing (why);
      return 0;
    }
  total = bench_search_type (search, "", &error);
  if (total <= 0)
    {
      g_autofree char *message = g_strdup_printf ("the workspace holds no contact to search (%" G_GINT64_FORMAT ")", total);
      print_missing (message);
      bench_search_free (search);
      return 0;
    }

  /* Floor: SQLite alone on the same file, the bare full-text lookup of
   * the same words as prefixes, without sorting, filters or rows. */
  if (sqlite3_open_v2 (opt_workspace, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1", -1, &stmt, NULL) != SQLITE_OK)
    die ("floor", sqlite3_errmsg (db));

  for (int round = 0; round < opt_rounds; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        const char *query = queries[q];

        for (const char *end = g_utf8_next_char (query); ; end = g_utf8_next_char (end))
          {
            g_autofree char *typed = g_strndup (query, (gsize) (end - query));
            g_auto(GStrv) words = g_strsplit (typed, " ", -1);
            g_autoptr(GString) match = g_string_new (NULL);
            double t0, t1;

            t0 = now_ms ();
            if (bench_search_type (search, typed, &error) < 0)
              die ("search", error ? error->message : "failed");
            t1 = now_ms ();
            g_array_append_val (aplomb, (double) { t1 - t0 });

            /* Each typed word as a quoted prefix, as FTS5 wants it. */
            for (guint w = 0; words[w]; w++)
              {
                g_autofree char *folded = g_utf8_casefold (words[w], -1);
                if (*folded == '\0')
                  continue;
                g_string_append_printf (match, "%s\"", match->len ? " " : "");
                for (const char *p = folded; *p; p++)
                  {
                    if (*p == '"')
                      g_string_append_c (match, '"');
                    g_string_append_c (match, *p);
                  }
                g_string_append (match, "\"*");
              }
            t0 = now_ms ();
            sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
            while (sqlite3_step (stmt) == SQLITE_ROW)
              ;
            sqlite3_reset (stmt);
            t1 = now_ms ();
            g_array_append_val (floor_, (double) { t1 - t0 });

            if (*end == '\0')
              break;
          }
      }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  extra = g_strdup_printf ("\"contacts\": %" G_GINT64_FORMAT ", \"through\": \"%s\"",
                           total, bench_search_describe (search));
  print_result (aplomb, floor_, extra);
  bench_search_free (search);
  apl_store_close (store);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("edit|export|render|search");
  g_autoptr(GError) error = NULL;
  const char *figure;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || opt_rounds < 1)
    {
      g_printerr ("usage: bench-core edit|export|render|search [--workspace FILE] [--rounds N] [--count N]\n");
      return 2;
    }
  figure = argv[1];
  if (g_str_equal (figure, "render"))
    return bench_render ();
  if (opt_workspace == NULL)
    {
      g_printerr ("bench-core: %s needs --workspace\n", figure);
      return 2;
    }
  if (g_str_equal (figure, "edit"))
    return bench_edit ();
  if (g_str_equal (figure, "export"))
    return bench_export ();
  if (g_str_equal (figure, "search"))
    return bench_search ();
  g_printerr ("bench-core: unknown figure %s\n", figure);
  return 2;
}
