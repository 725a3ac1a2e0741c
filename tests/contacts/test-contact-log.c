/* test-contact-log.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contact book's second round: the fast import (duplicates found in
 * memory, new contacts written in batches, the search index written at the
 * end, on the import's own connection), the interaction log, outlets and
 * the stale period on the command line.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "apl-contact-book.h"
#include "apl-store-private.h"
#include "test-util.h"

static AplStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static AplContactBook *
get_book (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  AplContactBook *book = apl_contact_book_get (store, &error);

  g_assert_no_error (error);
  return book;
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

static GArray *
find_ids (AplContactBook *book,
          const char     *text)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GError) error = NULL;
  GArray *ids;

  filter->search = g_strdup (text);
  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  return ids;
}

static AplContact *
find_one (AplContactBook *book,
          const char     *text)
{
  g_autoptr(GArray) ids = find_ids (book, text);
  g_autoptr(GError) error = NULL;
  AplContact *contact;

  g_assert_cmpuint (ids->len, ==, 1);
  contact = apl_contact_book_find (book, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  return contact;
}

/* The contact called @name among those @text finds. */
static AplContact *
find_named (AplContactBook *book,
            const char     *text,
            const char     *name)
{
  g_autoptr(GArray) ids = find_ids (book, text);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      AplContact *contact = apl_contact_book_find (book, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      if (g_strcmp0 (apl_contact_get_name (contact), name) == 0)
        return contact;
      g_object_unref (contact);
    }
  g_assert_not_reached ();
  return NULL;
}

/* More rows than one batch of new contacts, with duplicates inside the
 * file (by e-mail, by name and outlet, either case) and of contacts the
 * book already had: every one is counted, merged and searchable. */
static void
test_import_batches_and_duplicates (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GString) csv = g_string_new ("Name,Outlet,E-mail,Phone,Beats\n");
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AplContact) old = NULL;
  g_autoptr(AplContact) merged = NULL;
  g_autoptr(AplContact) by_name = NULL;
  AplContactImportOptions options = { 0 };
  AplContactImportReport report;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);
  old = apl_contact_book_create (book, "Zoé Ancienne", &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (old, APL_CONTACT_FIELD_EMAILS, "zoe@ancien.example", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "Person %u,Outlet %u,p%u@example.org,,beat%u\n", i, i % 7, i, i % 5);
  /* Row 302: the same e-mail as row 10, in capitals: merged, phone added. */
  g_string_append (csv, "Someone Else,,P10@EXAMPLE.ORG,+33 1 11 11 11 11,\n");
  /* Same name (other case and accents) and outlet as row 250. */
  g_string_append (csv, "PERSON 250,outlet 5,,+33 1 22 22 22 22,\n");
  /* Merged into the contact the book had: now found by its new beat. */
  g_string_append (csv, "Zoe,,zoe@ancien.example,,geopolitique\n");
  file = write_file (dir, "many.csv", csv->str);

  options.duplicates = APL_CONTACT_DUPLICATES_MERGE;
  g_assert_true (apl_contact_book_import_file (book, file, &options, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 300);
  g_assert_cmpuint (report.merged, ==, 3);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (apl_contact_book_count (book, NULL, NULL), ==, 301);

  /* Every new contact is in the search index, the first and the last. */
  g_object_unref (find_named (book, "p0@example", "Person 0"));
  g_object_unref (find_one (book, "p299@example"));
  merged = find_named (book, "p10@example", "Person 10");
  g_assert_cmpstr (apl_contact_get_field (merged, APL_CONTACT_FIELD_EMAILS), ==, "p10@example.org");
  g_assert_cmpstr (apl_contact_get_field (merged, APL_CONTACT_FIELD_PHONES), ==, "+33 1 11 11 11 11");
  by_name = find_named (book, "person 250", "Person 250");
  g_assert_cmpstr (apl_contact_get_field (by_name, APL_CONTACT_FIELD_PHONES), ==, "+33 1 22 22 22 22");
  {
    g_autoptr(AplContact) zoe = find_one (book, "geopolitique");

    g_assert_cmpint (apl_contact_get_id (zoe), ==, apl_contact_get_id (old));
  }

  /* Again, skipping: nothing new, nothing changed. */
  options.duplicates = APL_CONTACT_DUPLICATES_SKIP;
  g_assert_true (apl_contact_book_import_file (book, file, &options, &report, NULL, NULL, NULL, &error));
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 303);
  apl_contact_import_report_clear (&report);
  g_assert_cmpint (apl_contact_book_count (book, NULL, NULL), ==, 301);

  g_object_unref (store);
  /* Every contact has its own stable identifier when the workspace keeps one. */
  if (test_sqlite_int (path, "SELECT count(*) FROM pragma_table_info ('contacts') WHERE name = 'uuid'") == 1)
    g_assert_cmpint (test_sqlite_int (path, "SELECT count(DISTINCT uuid) FROM contacts"), ==, 301);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM contacts WHERE emails <> ''"), ==, 301);
  test_remove_tree (dir);
}

typedef struct
{
  GMutex          mutex;
  GCond           cond;
  gboolean        paused;
  gboolean        go_on;
  AplContactBook *book;
  char           *file;
  gboolean        ok;
} Worker;

static void
pause_cb (guint64  done,
          guint64  total,
          gpointer data)
{
  Worker *worker = data;

  g_mutex_lock (&worker->mutex);
  if (!worker->paused)
    {
      worker->paused = TRUE;
      g_cond_broadcast (&worker->cond);
      while (!worker->go_on)
        g_cond_wait (&worker->cond, &worker->mutex);
    }
  g_mutex_unlock (&worker->mutex);
}

static gpointer
import_thread (gpointer data)
{
  Worker *worker = data;
  AplContactImportReport report;

  worker->ok = apl_contact_book_import_file (worker->book, worker->file, NULL, &report, pause_cb, worker,
                                             NULL, NULL);
  apl_contact_import_report_clear (&report);
  /* The import may end before its first pause. */
  g_mutex_lock (&worker->mutex);
  worker->paused = TRUE;
  g_cond_broadcast (&worker->cond);
  g_mutex_unlock (&worker->mutex);
  return NULL;
}

/* An import in a worker thread has its own connection: while it runs, the
 * main thread reads the book as it was (no half-imported contacts), and
 * its own edits are not part of the import's transaction. */
static void
test_import_own_connection (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GString) csv = g_string_new ("Name,E-mail\n");
  g_autoptr(GError) error = NULL;
  Worker worker = { 0 };
  GThread *thread;
  AplStore *store;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (csv, "Person %u,p%u@example.org\n", i, i);
  store = open_store (path);
  worker.book = get_book (store);
  worker.file = write_file (dir, "many.csv", csv->str);
  g_object_unref (apl_contact_book_create (worker.book, "Before", &error));
  g_assert_no_error (error);

  g_mutex_init (&worker.mutex);
  g_cond_init (&worker.cond);
  thread = g_thread_new ("import", import_thread, &worker);
  g_mutex_lock (&worker.mutex);
  while (!worker.paused)
    g_cond_wait (&worker.cond, &worker.mutex);
  g_mutex_unlock (&worker.mutex);

  /* Mid-import: hundreds of rows are written, none is visible yet. */
  g_assert_cmpint (apl_contact_book_count (worker.book, NULL, &error), ==, 1);
  g_assert_no_error (error);

  g_mutex_lock (&worker.mutex);
  worker.go_on = TRUE;
  g_cond_broadcast (&worker.cond);
  g_mutex_unlock (&worker.mutex);
  g_thread_join (thread);
  g_assert_true (worker.ok);
  g_assert_cmpint (apl_contact_book_count (worker.book, NULL, &error), ==, 2001);

  g_mutex_clear (&worker.mutex);
  g_cond_clear (&worker.cond);
  g_free (worker.file);
  g_object_unref (store);
  test_remove_tree (dir);
}

static guint
n_notify (AplContact *contact)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (contact), "n-notify"));
}

static void
notify_cb (AplContact *contact)
{
  g_object_set_data (G_OBJECT (contact), "n-notify", GUINT_TO_POINTER (n_notify (contact) + 1));
}

static void
test_interactions (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(AplContactInteraction) deleted = NULL;
  gint64 first, second;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);
  contact = apl_contact_book_create (book, "Marie Lefèvre", &error);
  g_assert_no_error (error);
  g_signal_connect (contact, "notify::last-contacted", G_CALLBACK (notify_cb), NULL);

  first = apl_contact_book_add_interaction (book, contact, "14/03/2025", "Phone", "Briefed her on the recall",
                                            "Sam", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, "2025-03-14");
  g_assert_cmpuint (n_notify (contact), ==, 1);

  second = apl_contact_book_add_interaction (book, contact, "2025-06-01", "E-mail", "  Sent the statement  ",
                                             NULL, &error);
  g_assert_no_error (error);
  /* An older entry does not move the date back. */
  g_assert_cmpint (apl_contact_book_add_interaction (book, contact, "2024-01-01", "Lunch", "Met", "Sam", &error),
                   >, 0);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, "2025-06-01");

  log = apl_contact_book_list_interactions (book, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (((AplContactInteraction *) log->pdata[0])->summary, ==, "Sent the statement");
  g_assert_cmpstr (((AplContactInteraction *) log->pdata[2])->channel, ==, "Lunch");

  /* Deleting the latest moves the date back; Undo puts both back. */
  deleted = apl_contact_book_delete_interaction (book, contact, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, "2025-03-14");
  g_assert_true (apl_contact_book_restore_interaction (book, contact, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, "2025-06-01");
  g_clear_pointer (&log, g_ptr_array_unref);
  log = apl_contact_book_list_interactions (book, contact, &error);
  g_assert_cmpint (((AplContactInteraction *) log->pdata[0])->id, ==, second);

  /* What a user can get wrong is refused and changes nothing. */
  g_assert_cmpint (apl_contact_book_add_interaction (book, contact, "yesterday", "", "Hi", "", &error), ==, 0);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (apl_contact_book_add_interaction (book, contact, NULL, "Phone", "   ", "", &error), ==, 0);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (apl_contact_book_delete_interaction (book, contact, 9999, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Without a date: today. */
  g_assert_cmpint (apl_contact_book_add_interaction (book, contact, NULL, "Phone", "Called", "", &error), >, 0);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    g_assert_cmpstr (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_CONTACTED), ==, today);
  }

  g_clear_object (&contact);
  g_object_unref (store);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM contact_interactions"), ==, 4);
  test_remove_tree (dir);
}

static void
test_outlets (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(AplContactOutlet) outlet = NULL;
  g_autoptr(AplContactOutlet) again = NULL;
  AplContactBook *book;
  AplStore *store;

  store = open_store (path);
  book = get_book (store);
  contact = apl_contact_book_create (book, "Jean Dupont", &error);
  g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_OUTLET, "France Info", &error));
  g_assert_no_error (error);

  outlet = apl_contact_book_find_outlet (book, "france info", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outlet->name, ==, "France Info");
  g_assert_cmpstr (outlet->type, ==, "other");
  g_assert_cmpint (outlet->reach, ==, -1);

  g_assert_true (apl_contact_book_update_outlet (book, outlet->id, "radio", 1200000, " Île-de-France\n", &error));
  g_assert_no_error (error);
  g_assert_false (apl_contact_book_update_outlet (book, outlet->id, "blog", 10, "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_contact_book_update_outlet (book, outlet->id, "tv", -5, "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_contact_book_update_outlet (book, 9999, "tv", 5, "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  again = apl_contact_book_find_outlet (book, "France Info", &error);
  g_assert_cmpstr (again->type, ==, "radio");
  g_assert_cmpint (again->reach, ==, 1200000);
  g_assert_cmpstr (again->region, ==, "Île-de-France");
  g_assert_cmpstr (apl_contact_outlet_type_get_label ("trade-press"), ==, "Trade Press");
  g_assert_null (apl_contact_book_find_outlet (book, "Nowhere", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);

  g_clear_object (&contact);
  g_object_unref (store);
  test_remove_tree (dir);
}

static char *
run_tool (const char  *path,
          int         *status,
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
  va_start (ap, status);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, status,
                &error);
  g_assert_no_error (error);
  *status = WIFEXITED (*status) ? WEXITSTATUS (*status) : -1;
  return out;
}

static guint
n_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* "contacts stale --months N": verified 3 months ago is stale after 2,
 * not after 6 (the default) nor 12. */
static void
test_cli_stale_months (void)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_months (now, -3);
  g_autofree char *date = g_date_time_format (then, "%Y-%m-%d");
  g_autofree char *csv = g_strdup_printf ("Name,Last verified\nRecent,%s\nNever,\n", date);
  int status = -1;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return;
    }
  dir = test_make_tmp_dir ();
  path = g_build_filename (dir, "workspace.sqlite3", NULL);
  file = write_file (dir, "c.csv", csv);
  g_free (run_tool (path, &status, "contacts", "import", file, NULL));
  g_assert_cmpint (status, ==, 0);

  out = run_tool (path, &status, "contacts", "stale", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_tool (path, &status, "contacts", "stale", "--months", "2", NULL);
  g_assert_cmpuint (n_lines (out), ==, 2);
  g_assert_nonnull (strstr (out, "Recent"));
  g_clear_pointer (&out, g_free);
  out = run_tool (path, &status, "contacts", "stale", "--months", "12", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_tool (path, &status, "contacts", "stale", "--months", "61", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contacts/import/batches-duplicates", test_import_batches_and_duplicates);
  g_test_add_func ("/contacts/import/own-connection", test_import_own_connection);
  g_test_add_func ("/contacts/interactions", test_interactions);
  g_test_add_func ("/contacts/outlets", test_outlets);
  g_test_add_func ("/contacts/cli/stale-months", test_cli_stale_months);
  return g_test_run ();
}
