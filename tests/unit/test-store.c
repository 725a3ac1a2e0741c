/* test-store.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace file: where it goes, who may read it, what happens to it
 * when it is old, new, foreign, damaged or already open elsewhere.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apl-store.h"
#include "apl-store-private.h"
#include "test-util.h"

/* 'APLM', as the store writes it. */
#define WORKSPACE_APPLICATION_ID 0x41504C4D

/* Helpers */

static AplStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (APL_IS_STORE (store));
  return store;
}

static void
add_plan (AplStore   *store,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
}

/* Makes a closed workspace holding @n_plans plans, as a user would leave it. */
static void
make_workspace (const char *path,
                guint       n_plans)
{
  AplStore *store = open_store (path);

  for (guint i = 0; i < n_plans; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan %u", i + 1);

      add_plan (store, title);
    }
  g_assert_finalize_object (store);
}

static char *
plan_title_at (AplStore *store,
               guint     position)
{
  g_autoptr(AplPlan) plan = g_list_model_get_item (apl_store_get_plans (store), position);

  g_assert_nonnull (plan);
  return g_strdup (apl_plan_get_title (plan));
}

static guint
count_files_with_suffix (const char *folder,
                         const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static char *
wal_path (const char *path)
{
  return g_strconcat (path, "-wal", NULL);
}

/* Creating and reopening */

static void
test_new_workspace (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *outer = g_build_filename (dir, "data", NULL);
  g_autofree char *folder = g_build_filename (outer, "aplomb", NULL);
  g_autofree char *path = g_build_filename (folder, "workspace.sqlite3", NULL);
  g_autofree char *wal = wal_path (path);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  AplStore *store;

  store = open_store (path);
  g_assert_true (apl_store_is_new (store));
  g_assert_cmpstr (apl_store_get_path (store), ==, path);
  g_assert_cmpint (apl_store_get_latest_schema_version (), >=, 1);
  g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
  g_assert_null (apl_store_get_backup_path (store));
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, 0);

  /* Phone numbers and unreleased statements: only the user may read them,
   * including the write-ahead log that holds the latest edits. */
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_cmpuint (test_file_mode (folder), ==, 0700);
  g_assert_cmpuint (test_file_mode (outer), ==, 0700);

  plan = apl_store_create_plan (store, "Data breach", &error);
  g_assert_no_error (error);
  uuid = g_strdup (apl_plan_get_uuid (plan));
  add_plan (store, "Product recall");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (test_file_mode (wal), ==, 0600);
  g_clear_object (&plan);
  g_assert_finalize_object (store);

  store = open_store (path);
  g_assert_false (apl_store_is_new (store));
  g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
  g_assert_null (apl_store_get_backup_path (store));
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, 2);
  first = plan_title_at (store, 0);
  second = plan_title_at (store, 1);
  g_assert_cmpstr (first, ==, "Data breach");
  g_assert_cmpstr (second, ==, "Product recall");
  g_assert_nonnull (apl_store_find_plan_by_uuid (store, uuid));
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static void
test_existing_folder_keeps_mode (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "shared", NULL);
  g_autofree char *path = g_build_filename (folder, "team.sqlite3", NULL);
  AplStore *store;

  /* The user's own folders (their home, a shared drive) keep the mode they
   * chose; only the file, and folders Aplomb makes, are made private. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);

  store = open_store (path);
  g_assert_cmpuint (test_file_mode (folder), ==, 0755);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static void
test_file_format (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *journal_mode = NULL;

  make_workspace (path, 1);

  /* file(1), backup tools and other programs tell a workspace apart by its
   * application id; WAL is what keeps an edit safe across a crash. */
  g_assert_cmpint (test_sqlite_int (path, "PRAGMA application_id"), ==, WORKSPACE_APPLICATION_ID);
  g_assert_cmpint (test_sqlite_int (path, "PRAGMA user_version"), ==, apl_store_get_latest_schema_version ());
  journal_mode = test_sqlite_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM plans"), ==, 1);

  test_remove_tree (dir);
}

static void
test_tightens_mode (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  AplStore *store;

  make_workspace (path, 1);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  /* A workspace copied with a careless umask gets private again as soon as
   * Aplomb opens it. */
  store = open_store (path);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, 1);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Migrations */

/* A workspace as the first released format left it, built from that
 * format's own migration file rather than through the store, so that the
 * upgrade is tested from real old bytes. */
static void
make_v1_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pragmas = NULL;
  const char *v1 = g_test_get_filename (G_TEST_DIST, "..", "app", "core", "migrations",
                                        "0001-workspace.sql", NULL);

  g_file_get_contents (v1, &sql, NULL, &error);
  g_assert_no_error (error);

  pragmas = g_strdup_printf ("PRAGMA journal_mode = WAL;"
                             "PRAGMA application_id = %d;"
                             "PRAGMA user_version = 1;",
                             WORKSPACE_APPLICATION_ID);
  test_sqlite_exec (path, pragmas);
  test_sqlite_exec (path, sql);
  test_sqlite_exec (path, "UPDATE organisation SET name = 'Riverside Water', "
                          "press_hotline = '+44 20 7946 0000' WHERE id = 1");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static void
assert_is_v1_backup (const char *backup,
                     const char *path)
{
  g_autofree char *name = NULL;

  /* The copy sits beside the workspace, private, and opens as the old
   * format with the user's data in it: that is what makes it a way back. */
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, path));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (test_file_mode (backup), ==, 0600);
  g_assert_cmpint (test_sqlite_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (test_sqlite_int (backup, "PRAGMA application_id"), ==, WORKSPACE_APPLICATION_ID);
  name = test_sqlite_text (backup, "SELECT name FROM organisation");
  g_assert_cmpstr (name, ==, "Riverside Water");
}

static void
test_migration (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *backup = NULL;
  AplOrganisation *organisation;
  AplStore *store;

  make_v1_workspace (path);

  store = open_store (path);
  g_assert_false (apl_store_is_new (store));
  g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
  backup = g_strdup (apl_store_get_backup_path (store));

  /* What the user entered in the old format is still there, and what the
   * new format adds works. */
  organisation = apl_store_get_organisation (store);
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME), ==,
                   "Riverside Water");
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_PRESS_HOTLINE), ==,
                   "+44 20 7946 0000");
  add_plan (store, "Water contamination");
  g_assert_finalize_object (store);

  assert_is_v1_backup (backup, path);
  g_assert_cmpint (test_sqlite_int (path, "PRAGMA user_version"), ==, apl_store_get_latest_schema_version ());

  /* A workspace already in the current format is not copied again: a backup
   * on every start would fill the disk. */
  store = open_store (path);
  g_assert_null (apl_store_get_backup_path (store));
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, 1);
  g_assert_finalize_object (store);
  g_assert_cmpuint (count_files_with_suffix (dir, ".backup"), ==, 1);

  test_remove_tree (dir);
}

static void
test_open_at_version (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  AplStore *store;

  store = apl_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (apl_store_get_schema_version (store), ==, 1);
  g_assert_null (apl_store_get_backup_path (store));
  g_assert_finalize_object (store);
  g_assert_cmpint (test_sqlite_int (path, "PRAGMA user_version"), ==, 1);

  store = open_store (path);
  g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
  g_assert_nonnull (apl_store_get_backup_path (store));
  g_assert_cmpint (test_sqlite_int (apl_store_get_backup_path (store), "PRAGMA user_version"), ==, 1);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Files that must be left alone */

static void
test_refuses_newer_format (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *wal = wal_path (path);
  g_autofree char *pragmas = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  make_workspace (path, 2);

  /* What a later Aplomb would leave: a format this one does not know. A
   * rollback journal keeps every byte in the main file for the comparison. */
  pragmas = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;",
                             apl_store_get_latest_schema_version () + 1);
  test_sqlite_exec (path, pragmas);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = test_read_file (path);

  store = apl_store_open (path, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_TOO_NEW);
  g_assert_null (store);

  /* Never “upgraded down”: the newer Aplomb must find its file intact. */
  test_assert_file_unchanged (path, before);
  g_assert_cmpint (count_files_with_suffix (dir, ".backup"), ==, 0);
  g_assert_cmpint (test_sqlite_int (path, "PRAGMA user_version"), ==,
                   apl_store_get_latest_schema_version () + 1);

  test_remove_tree (dir);
}

static void
test_refuses_text_file (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  g_assert_true (g_file_set_contents (path, "hello", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  before = test_read_file (path);

  store = apl_store_open (path, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE);
  g_assert_null (store);
  test_assert_file_unchanged (path, before);
  g_assert_cmpuint (test_file_mode (path), ==, 0644);

  test_remove_tree (dir);
}

static void
test_refuses_other_database (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "contacts.db", NULL);
  g_autofree char *tagged = g_build_filename (dir, "tagged.db", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) tagged_before = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  /* Another program's database, with tables and no application id. */
  test_sqlite_exec (path, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                          "INSERT INTO contacts VALUES ('Ada Lovelace', '+44 20 7946 0001');");
  before = test_read_file (path);

  store = apl_store_open (path, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE);
  g_assert_null (store);
  test_assert_file_unchanged (path, before);
  name = test_sqlite_text (path, "SELECT name FROM contacts");
  g_assert_cmpstr (name, ==, "Ada Lovelace");

  /* One that says whose it is, with no tables yet. */
  test_sqlite_exec (tagged, "PRAGMA application_id = 305419896; PRAGMA user_version = 7;");
  tagged_before = test_read_file (tagged);
  g_clear_error (&error);
  store = apl_store_open (tagged, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE);
  g_assert_null (store);
  test_assert_file_unchanged (tagged, tagged_before);

  test_remove_tree (dir);
}

static void
test_other_database_keeps_mode (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "contacts.db", NULL);
  g_autoptr(GError) error = NULL;
  AplStore *store;

  test_sqlite_exec (path, "CREATE TABLE contacts (name TEXT);");
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = apl_store_open (path, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE);
  g_assert_null (store);

  g_assert_cmpuint (test_file_mode (path), ==, 0644);

  test_remove_tree (dir);
}

static void
test_refuses_corrupt_workspace (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *wal = wal_path (path);
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;
  guint n_pages;
  guint page;

  /* Enough text to spread the plans over many pages, so that a damaged
   * page in the middle holds plan data and not the file header. */
  summary = g_strnfill (1500, 'x');
  store = open_store (path);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scenario %u", i);
      g_autoptr(GError) set_error = NULL;
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &set_error);

      g_assert_no_error (set_error);
      apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, summary, &set_error);
      g_assert_no_error (set_error);
    }
  g_assert_finalize_object (store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  n_pages = test_page_count (path, NULL);
  g_assert_cmpuint (n_pages, >=, 20);
  page = n_pages / 2;
  g_assert_cmpuint (page, >=, 2);
  test_scribble_page (path, page);
  before = test_read_file (path);

  store = apl_store_open (path, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  /* Whatever is left of the plans is the user's only copy until they find
   * a backup: opening must not “repair” it into something worse. */
  test_assert_file_unchanged (path, before);

  test_remove_tree (dir);
}

static void
test_refuses_symlink (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *target = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *link = g_build_filename (dir, "link.sqlite3", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  make_workspace (target, 1);
  g_assert_cmpint (symlink (target, link), ==, 0);
  before = test_read_file (target);

  store = apl_store_open (link, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION);
  g_assert_null (store);
  test_assert_file_unchanged (target, before);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (test_file_mode (target), ==, 0600);

  test_remove_tree (dir);
}

static void
test_folder_cannot_be_made (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "afile", NULL);
  g_autofree char *path = g_build_filename (file, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  before = test_read_file (file);

  store = apl_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == APL_STORE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  test_assert_file_unchanged (file, before);

  test_remove_tree (dir);
}

/* One program at a time */

static void
test_second_opener_in_process (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  AplStore *first;
  AplStore *second;

  first = open_store (path);
  add_plan (first, "Before");

  second = apl_store_open (path, &error);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_LOCKED);
  g_assert_null (second);
  g_assert_nonnull (strstr (error->message, "already open"));
  g_clear_error (&error);

  /* The window that got there first goes on working. */
  add_plan (first, "After");
  problems = apl_store_check (first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_finalize_object (first);

  second = open_store (path);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (second)), ==, 2);
  g_assert_finalize_object (second);

  test_remove_tree (dir);
}

static void
test_second_process (void)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return;
    }

  dir = test_make_tmp_dir ();
  path = g_build_filename (dir, "workspace.sqlite3", NULL);
  store = open_store (path);
  add_plan (store, "Strike at the depot");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawn (launcher, &error, tool, "--workspace", path, "stats", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "already open"));

  /* The second program was turned away without writing anything. */
  problems = apl_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  add_plan (store, "Flood");
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, 2);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Checks and counts */

static void
test_check_sound (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  make_workspace (path, 5);
  store = open_store (path);
  problems = apl_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static gint64
count_of (GPtrArray  *counts,
          const char *name)
{
  for (guint i = 0; i < counts->len; i++)
    {
      AplStoreCount *count = g_ptr_array_index (counts, i);

      if (g_strcmp0 (count->name, name) == 0)
        return count->count;
    }
  g_assert_not_reached ();
}

static void
test_counts (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) doomed = NULL;
  AplStore *store;

  store = open_store (path);
  empty = apl_store_get_counts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_of (empty, "plans"), ==, 0);

  add_plan (store, "Cyber attack");
  add_plan (store, "Product recall");
  doomed = apl_store_create_plan (store, "Old draft", &error);
  g_assert_no_error (error);
  add_plan (store, "Flood");

  /* A deleted plan that is waiting for Undo is not counted. */
  apl_store_delete_plan (store, doomed, &error);
  g_assert_no_error (error);

  counts = apl_store_get_counts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_of (counts, "plans"), ==, 3);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Where the workspace lives */

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("APLOMB_WORKSPACE"));
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "aplomb", "workspace.sqlite3", NULL);
  g_autofree char *chosen = NULL;
  g_autofree char *unset = NULL;
  g_autofree char *empty = NULL;

  g_setenv ("APLOMB_WORKSPACE", "/srv/comms/team.sqlite3", TRUE);
  chosen = apl_store_default_path ();
  g_assert_cmpstr (chosen, ==, "/srv/comms/team.sqlite3");

  g_unsetenv ("APLOMB_WORKSPACE");
  unset = apl_store_default_path ();
  g_assert_cmpstr (unset, ==, expected);
  g_assert_true (g_str_has_suffix (unset, "/aplomb/workspace.sqlite3"));

  /* An empty variable, as in `APLOMB_WORKSPACE= aplomb`, means no choice. */
  g_setenv ("APLOMB_WORKSPACE", "", TRUE);
  empty = apl_store_default_path ();
  g_assert_cmpstr (empty, ==, expected);

  if (saved != NULL)
    g_setenv ("APLOMB_WORKSPACE", saved, TRUE);
  else
    g_unsetenv ("APLOMB_WORKSPACE");
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  /* First, before any test starts a thread that setenv() could race. */
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/new-workspace", test_new_workspace);
  g_test_add_func ("/store/existing-folder-keeps-mode", test_existing_folder_keeps_mode);
  g_test_add_func ("/store/file-format", test_file_format);
  g_test_add_func ("/store/tightens-mode", test_tightens_mode);
  g_test_add_func ("/store/migration", test_migration);
  g_test_add_func ("/store/open-at-version", test_open_at_version);
  g_test_add_func ("/store/refuses-newer-format", test_refuses_newer_format);
  g_test_add_func ("/store/refuses-text-file", test_refuses_text_file);
  g_test_add_func ("/store/refuses-other-database", test_refuses_other_database);
  g_test_add_func ("/store/other-database-keeps-mode", test_other_database_keeps_mode);
  g_test_add_func ("/store/refuses-corrupt-workspace", test_refuses_corrupt_workspace);
  g_test_add_func ("/store/refuses-symlink", test_refuses_symlink);
  g_test_add_func ("/store/folder-cannot-be-made", test_folder_cannot_be_made);
  g_test_add_func ("/store/second-opener-in-process", test_second_opener_in_process);
  g_test_add_func ("/store/second-process", test_second_process);
  g_test_add_func ("/store/check-sound", test_check_sound);
  g_test_add_func ("/store/counts", test_counts);

  return g_test_run ();
}
