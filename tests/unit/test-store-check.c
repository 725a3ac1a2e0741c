/* test-store-check.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The integrity check of a workspace opened with the check in the
 * background (apl_store_open_full(), what the window does to start
 * sooner): it changes when the check runs, never what it decides. A
 * workspace the background check finds damaged is refused with the same
 * message as on opening, and nothing at all is written to it, not even
 * the edit the user made while it was being checked; a sound one takes
 * every edit, the ones made during the check included.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "apl-contact-book.h"
#include "apl-store.h"
#include "test-util.h"

#define N_PLANS    12
#define N_CONTACTS 300

typedef struct
{
  guint   n_emitted;
  GError *error;
} Finished;

/* Helpers */

static void
check_finished_cb (AplStore     *store,
                   const GError *error,
                   Finished     *finished)
{
  finished->n_emitted++;
  g_clear_error (&finished->error);
  if (error != NULL)
    finished->error = g_error_copy (error);
}

/* Runs the main context until nothing is pending, so that the store's
 * news from its worker thread is delivered. */
static void
drain_main_context (void)
{
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static AplStore *
open_checked_later (const char  *path,
                    GError     **error)
{
  return apl_store_open_full (path, APL_STORE_OPEN_CHECK_IN_BACKGROUND, error);
}

/* A closed workspace with plans (read on opening) and contacts (not read
 * on opening, so that damage there is found only by the check). */
static GBytes *
make_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);
  AplContactBook *book;

  g_assert_no_error (error);
  for (guint i = 0; i < N_PLANS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan %u", i + 1);
      g_autofree char *summary = g_strnfill (900, (char) ('a' + i));
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      g_assert_no_error (error);
      g_assert_true (apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, summary, &error));
      g_assert_no_error (error);
    }
  book = apl_contact_book_get (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Journaliste numéro %u de la rédaction", i + 1);
      g_autoptr(AplContact) contact = apl_contact_book_create (book, name, &error);

      g_assert_no_error (error);
      g_assert_nonnull (contact);
    }
  g_assert_finalize_object (store);
  return test_read_file (path);
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static void
remove_side_files (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
}

static void
assert_damaged_message (const GError *error)
{
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_null (strstr (error->message, "btree"));
  g_assert_null (strstr (error->message, "SQLITE"));
}

/* Tests */

/* A sound workspace: readable at once, an edit made while the check may
 * still run waits for it and is saved, and the window hears once that the
 * check passed. */
static void
test_sound (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  Finished finished = { 0, NULL };
  AplStore *store;

  store = open_checked_later (path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "check-finished", G_CALLBACK (check_finished_cb), &finished);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, N_PLANS);

  plan = g_list_model_get_item (apl_store_get_plans (store), 0);
  g_assert_true (apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, "Night editor", &error));
  g_assert_no_error (error);
  g_assert_false (apl_store_is_checking (store));
  g_assert_true (apl_store_wait_for_check (store, &error));
  g_assert_no_error (error);

  drain_main_context ();
  g_assert_cmpuint (finished.n_emitted, ==, 1);
  g_assert_no_error (finished.error);

  g_clear_object (&plan);
  g_assert_finalize_object (store);
  {
    g_autofree char *owner = test_sqlite_text (path, "SELECT owner FROM plans ORDER BY id LIMIT 1");

    g_assert_cmpstr (owner, ==, "Night editor");
  }
  test_remove_tree (dir);
}

/* Plans deleted in an earlier session are erased once the check passed,
 * not while it runs: erasing writes. */
static void
test_purge_after_check (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  g_autoptr(GError) error = NULL;
  AplStore *store;

  /* Deleted, and the session ends before the Undo is used. */
  store = apl_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(AplPlan) plan = g_list_model_get_item (apl_store_get_plans (store), 0);

    g_assert_true (apl_store_delete_plan (store, plan, &error));
    g_assert_no_error (error);
  }
  g_assert_finalize_object (store);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM plans"), ==, N_PLANS);

  store = open_checked_later (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, N_PLANS - 1);
  g_assert_true (apl_store_wait_for_check (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM plans"), ==, N_PLANS - 1);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Pages of a workspace scribbled on in turn. Whatever opening in the
 * background decides, opening the old way (checked before returning)
 * decides the same; when the background check refuses a file that was
 * already open, the edit made meanwhile fails with the damaged message,
 * nothing is written to the file, and the window hears why once. */
static void
test_same_verdict_as_on_opening (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  guint n_pages = test_page_count (path, NULL);
  guint refused_on_opening = 0, refused_by_check = 0, sound = 0;

  /* The first pages (header, schema, plans) one by one, then a sample of
   * the rest (contacts, indexes, the full-text table): each case writes
   * and syncs the file twice, and the test must stay quick. */
  for (guint page = 1; page <= n_pages; page += page < 8 ? 1 : 5)
    {
      g_autoptr(GBytes) damaged = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) checked_error = NULL;
      g_autoptr(GError) edit_error = NULL;
      gboolean edited = FALSE;
      Finished finished = { 0, NULL };
      AplStore *store;
      AplStore *old_way;

      remove_side_files (path);
      write_file (path, pristine);
      test_scribble_page (path, page);
      damaged = test_read_file (path);

      store = open_checked_later (path, &error);
      if (store == NULL)
        {
          /* Found while opening (the file's header, the schema, the plans
           * read for the window): refused as it always was. */
          g_assert_true (g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT)
                         || g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE));
          test_assert_file_unchanged (path, damaged);
          refused_on_opening++;
          continue;
        }
      g_signal_connect (store, "check-finished", G_CALLBACK (check_finished_cb), &finished);

      /* The user edits at once, perhaps while the check still runs. */
      if (g_list_model_get_n_items (apl_store_get_plans (store)) > 0)
        {
          g_autoptr(AplPlan) plan = g_list_model_get_item (apl_store_get_plans (store), 0);

          edited = apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, "Night editor", &edit_error);
        }

      if (!apl_store_wait_for_check (store, &checked_error))
        {
          assert_damaged_message (checked_error);
          /* The edit was refused with the same words, and never written. */
          g_assert_false (edited);
          if (edit_error != NULL)
            assert_damaged_message (edit_error);
          drain_main_context ();
          g_assert_cmpuint (finished.n_emitted, ==, 1);
          assert_damaged_message (finished.error);
          g_assert_finalize_object (store);
          test_assert_file_unchanged (path, damaged);

          /* Opened the old way, the same file is refused on opening. */
          g_clear_error (&error);
          old_way = apl_store_open (path, &error);
          g_assert_null (old_way);
          assert_damaged_message (error);
          test_assert_file_unchanged (path, damaged);
          refused_by_check++;
        }
      else
        {
          /* A page no table uses: sound both ways. */
          drain_main_context ();
          g_assert_cmpuint (finished.n_emitted, ==, 1);
          g_assert_no_error (finished.error);
          g_assert_finalize_object (store);
          remove_side_files (path);
          write_file (path, damaged);
          old_way = apl_store_open (path, &error);
          g_assert_no_error (error);
          g_assert_finalize_object (old_way);
          sound++;
        }
      g_clear_error (&finished.error);
    }

  g_test_message ("%u of %u pages: %u refused on opening, %u by the background check, %u sound",
                  refused_on_opening + refused_by_check + sound, n_pages,
                  refused_on_opening, refused_by_check, sound);
  /* The case this is about must have been met: damage the window's first
   * reads do not see, found by the check after opening. */
  g_assert_cmpuint (refused_by_check, >, 0);

  test_remove_tree (dir);
}

/* Closing (or dropping) a store whose check is still running waits for
 * nothing and leaks nothing. */
static void
test_close_while_checking (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      AplStore *store = open_checked_later (path, &error);

      g_assert_no_error (error);
      g_assert_finalize_object (store);
    }
  /* Nothing pending was left behind for the main context. */
  drain_main_context ();

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-check/sound", test_sound);
  g_test_add_func ("/store-check/purge-after-check", test_purge_after_check);
  g_test_add_func ("/store-check/same-verdict-as-on-opening", test_same_verdict_as_on_opening);
  g_test_add_func ("/store-check/close-while-checking", test_close_while_checking);

  return g_test_run ();
}
