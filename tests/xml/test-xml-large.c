/* test-xml-large.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan file with more contacts than the reader keeps in memory: the
 * import sets them aside in a private temporary file as it streams
 * (apl-xml-spill.c), and must give exactly what a small plan gives: every
 * contact, searchable, exported again byte for byte. When the temporary
 * file cannot be written, the import fails with a sentence and changes
 * nothing.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "apl-contact-book.h"
#include "apl-contact-import.h"
#include "apl-message.h"
#include "apl-messages.h"
#include "test-util.h"
#include "xml-test-util.h"

/* Enough for the set-aside contacts to pass the 1 MiB kept in memory. */
#define N_CONTACTS 4000

static char *
make_csv (void)
{
  GString *csv = g_string_new ("Name,Outlet,Email,Beats,Notes,Last verified\n");

  for (guint i = 0; i < N_CONTACTS; i++)
    g_string_append_printf (csv,
                            "Personne %05u Lefèvre,Outlet %u,person%u@example.org,\"santé, eau\","
                            "\"Rencontrée au salon, n° %u.\nÀ rappeler.\",2026-0%u-1%u\n",
                            i, i % 40, i, i, 1 + i % 9, i % 10);
  return g_string_free (csv, FALSE);
}

/* A plan whose one message addresses a hand-picked segment of every
 * contact of the book, so that its file carries all of them. */
static AplPlan *
build_plan (TestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = make_csv ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);
  AplContactImportOptions options = { .format = APL_CONTACT_FORMAT_CSV };
  AplContactImportReport report;
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AplMessage) message = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplContactSegment segment = { 0, };
  AplContactBook *book;
  AplPlan *plan;

  plan = test_workspace_add_plan (ws, "Product recall");
  book = apl_contact_book_get (ws->store, &error);
  g_assert_no_error (error);

  g_assert_true (apl_contact_book_import_stream (book, stream, "contacts.csv", 0, &options, &report,
                                                 NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, N_CONTACTS);
  apl_contact_import_report_clear (&report);

  /* Members in one transaction: a segment restored after its deletion. */
  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  segment.name = (char *) "Everyone";
  segment.id = apl_contact_book_create_segment (book, segment.name, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_delete_segment (book, segment.id, &error));
  g_assert_true (apl_contact_book_restore_segment (book, &segment, ids, &error));
  g_assert_no_error (error);

  fields[APL_MESSAGE_FIELD_TITLE] = "Recall notice";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "fr";
  fields[APL_MESSAGE_FIELD_BODY] = "Ne consommez pas le lot 42.";
  message = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_add_message_audience (ws->store, message, APL_AUDIENCE_SEGMENT, segment.id, &error));
  g_assert_no_error (error);
  return plan;
}

static char *
export_to_file (TestWorkspace *ws,
                AplPlan       *plan,
                GBytes       **bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ws->dir, "recall.xml", NULL);

  *bytes = apl_plan_export_to_bytes (ws->store, plan, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (*bytes, NULL), g_bytes_get_size (*bytes), &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static guint
search (AplContactBook *book,
        const char     *text)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  filter->search = g_strdup (text);
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  return ids->len;
}

/* Every contact arrives, is found by search, and the plan exports to the
 * same bytes as the file it came from. */
static void
test_many_contacts (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *notes = NULL;
  AplContactBook *book;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  path = export_to_file (&a, plan, &first);
  g_assert_cmpuint (g_bytes_get_size (first), >, 3 * 1024 * 1024);

  g_assert_true (apl_plan_validate_file (path, NULL, &error));
  g_assert_no_error (error);

  copy = apl_plan_import (b.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(*) FROM contacts"), ==, N_CONTACTS);
  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(*) FROM plan_contacts"), ==, N_CONTACTS);
  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(*) FROM outlets"), ==, 40);
  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(DISTINCT uuid) FROM contacts"), ==, N_CONTACTS);
  notes = test_sqlite_text (b.path, "SELECT notes FROM contacts WHERE name = 'Personne 01234 Lefèvre'");
  g_assert_cmpstr (notes, ==, "Rencontrée au salon, n° 1234.\nÀ rappeler.");

  /* The search index holds the new contacts: accents and case ignored. */
  book = apl_contact_book_get (b.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search (book, "personne 01234 lefevre"), ==, 1);
  g_assert_cmpuint (search (book, "person3999@example"), ==, 1);

  second = apl_plan_export_to_bytes (b.store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                   g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  /* Imported again over itself: every contact is matched, none doubled. */
  g_clear_object (&copy);
  copy = apl_plan_import (b.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(*) FROM contacts"), ==, N_CONTACTS);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* The temporary file cannot be made (here: its folder does not exist):
 * a sentence that says so, and the workspace as it was. Through
 * aplomb-tool, whose temporary folder comes from TMPDIR. */
static void
test_no_temporary_file (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing = NULL;
  const char *message;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  path = export_to_file (&a, plan, &bytes);
  before = test_workspace_fingerprint (&b);
  g_clear_object (&b.store);   /* aplomb-tool opens it now */

  missing = g_build_filename (a.dir, "no-such-folder", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", missing, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("APLOMB_TOOL"),
                                         "--workspace", b.path, "import", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  message = g_bytes_get_data (err, NULL);
  g_assert_nonnull (message);
  if (strstr (message, "could not keep the file’s contacts in a temporary file") == NULL)
    g_error ("Unexpected message: %s", message);

  b.store = apl_store_open (b.path, &error);
  g_assert_no_error (error);
  after = test_workspace_fingerprint (&b);
  g_assert_cmpstr (before, ==, after);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/large/many-contacts", test_many_contacts);
  g_test_add_func ("/xml/large/no-temporary-file", test_no_temporary_file);
  return g_test_run ();
}
