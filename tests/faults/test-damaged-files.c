/* test-damaged-files.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workspaces Aplomb cannot or must not write: read-only files and folders,
 * a workspace open in another process, files cut short, scribbled on, or
 * not SQLite at all, a damaged write-ahead log. Each gets a message a user
 * understands and is left exactly as it was; none crashes Aplomb.
 *
 * Tests run as root, which ignores file modes: read-only cases use an
 * immutable file (chattr +i) and a child process that drops to "nobody".
 * Each is skipped where that is not possible.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apl-store.h"
#include "test-util.h"

#define N_PLANS       12
#define N_BIT_FLIPS   150

static const char *self_exe;

/* Child mode: opens a workspace and reports the outcome on stdout, as
 * "ok" or "error CODE MESSAGE"; with "hold", keeps it open until killed. */
static int
run_child (const char *path,
           gboolean    hold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = apl_store_open (path, &error);

  if (store == NULL)
    {
      g_print ("error %d %s\n", error->code, error->message);
      return 0;
    }
  g_print ("ok\n");
  fflush (stdout);
  if (hold)
    pause ();
  return 0;
}

/* Helpers */

static AplStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* A workspace big enough to span several pages of each table. */
static GBytes *
make_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = open_store (path);

  for (guint i = 0; i < N_PLANS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan %u", i + 1);
      g_autofree char *summary = g_strnfill (1500, (char) ('a' + i));
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      g_assert_no_error (error);
      apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, summary, &error);
      g_assert_no_error (error);
    }
  g_assert_finalize_object (store);
  return test_read_file (path);
}

static void
write_file (const char *path,
            const void *data,
            gsize       size)
{
  g_autoptr(GError) error = NULL;

  /* Not G_FILE_SET_CONTENTS_NONE: GLib 2.74 then writes over the old file
   * in place without cutting it to the new length. */
  g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
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
assert_user_message (const char *message)
{
  g_assert_nonnull (message);
  g_test_message ("message: %s", message);
  /* A sentence: a capital, or the name of the file in quotes, first. */
  g_assert_true (g_unichar_isupper (g_utf8_get_char (message))
                 || g_str_has_prefix (message, "“"));
  g_assert_true (g_str_has_suffix (message, "."));
  g_assert_true (g_utf8_validate (message, -1, NULL));
  /* No SQLite wording, which only a developer understands. */
  g_assert_null (strstr (message, "SQLITE"));
  g_assert_null (strstr (message, "database disk image"));
  g_assert_null (strstr (message, "btree"));
}

/* Opening @path fails with one of the codes given (ending with -1), the
 * message is for a user, and the file has not changed. */
static void
assert_refused (const char *path,
                GBytes     *before,
                ...)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);
  gboolean expected = FALSE;
  va_list codes;
  int code;

  if (store != NULL)
    g_error ("a damaged workspace was opened as if it were sound");
  g_assert_nonnull (error);
  g_assert_true (error->domain == APL_STORE_ERROR);
  va_start (codes, before);
  while ((code = va_arg (codes, int)) != -1)
    expected |= error->code == code;
  va_end (codes);
  if (!expected)
    g_error ("unexpected error %d: %s", error->code, error->message);
  assert_user_message (error->message);
  test_assert_file_unchanged (path, before);
}

static void
assert_sound (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = apl_store_check (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Runs in the forked child before exec: file modes apply to nobody. */
static void
drop_to_nobody (gpointer data)
{
  struct passwd *nobody = data;

  if (setgroups (0, NULL) != 0 || setgid (nobody->pw_gid) != 0 || setuid (nobody->pw_uid) != 0)
    _exit (99);
}

static char *
open_as (const char    *path,
         struct passwd *user)
{
  const char *argv[] = { self_exe, "--child-open", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                drop_to_nobody, user, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_strchomp (out);
  return out;
}

/* The code and message a child printed. */
static int
child_error_code (const char  *out,
                  const char **message)
{
  char *end = NULL;
  int code;

  g_assert_true (g_str_has_prefix (out, "error "));
  code = (int) g_ascii_strtoll (out + strlen ("error "), &end, 10);
  g_assert_true (end != NULL && *end == ' ');
  *message = end + 1;
  return code;
}

/* Read-only */

static void
test_immutable_file (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *chattr = g_find_program_in_path ("chattr");
  g_autoptr(GBytes) before = make_workspace (path);
  g_autofree char *err = NULL;
  int status = -1;

  if (chattr != NULL)
    {
      const char *argv[] = { chattr, "+i", path, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, &err, &status, NULL);
    }
  if (chattr == NULL || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("chattr +i is not available here (not root, or not on this file system)");
      test_remove_tree (dir);
      return;
    }

  /* Even root cannot open it for writing. */
  assert_refused (path, before, APL_STORE_ERROR_PERMISSION, APL_STORE_ERROR_READ_ONLY, -1);

  {
    const char *argv[] = { chattr, "-i", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  test_remove_tree (dir);
}

static struct passwd *
nobody_or_skip (void)
{
  struct passwd *nobody = getpwnam ("nobody");

  if (getuid () != 0 || nobody == NULL || nobody->pw_uid == 0)
    {
      g_test_skip ("needs root and a “nobody” user to drop to");
      return NULL;
    }
  if (g_access (self_exe, X_OK) != 0)
    {
      g_test_skip ("the test binary is not reachable");
      return NULL;
    }
  return nobody;
}

/* A workspace its user may read but not write (another user's file). */
static void
test_read_only_file (void)
{
  struct passwd *nobody = nobody_or_skip ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GBytes) before = NULL;
  const char *message;
  int code;

  if (nobody == NULL)
    return;

  dir = test_make_tmp_dir ();
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  path = g_build_filename (dir, "workspace.sqlite3", NULL);
  before = make_workspace (path);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  out = open_as (path, nobody);
  code = child_error_code (out, &message);
  g_test_message ("read-only file: %s", message);
  g_assert_true (code == APL_STORE_ERROR_PERMISSION || code == APL_STORE_ERROR_READ_ONLY);
  assert_user_message (message);
  test_assert_file_unchanged (path, before);

  test_remove_tree (dir);
}

/* The user's own workspace in a folder they may not write to: SQLite's
 * write-ahead log cannot be made beside it. Also a new workspace there. */
static void
test_read_only_folder (void)
{
  struct passwd *nobody = nobody_or_skip ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GBytes) before = NULL;
  const char *message;
  int code;

  if (nobody == NULL)
    return;

  dir = test_make_tmp_dir ();
  path = g_build_filename (dir, "workspace.sqlite3", NULL);
  before = make_workspace (path);
  g_assert_cmpint (chown (path, nobody->pw_uid, nobody->pw_gid), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  out = open_as (path, nobody);
  g_test_message ("read-only folder: %s", out);
  code = child_error_code (out, &message);
  g_assert_true (code == APL_STORE_ERROR_READ_ONLY || code == APL_STORE_ERROR_PERMISSION);
  assert_user_message (message);
  test_assert_file_unchanged (path, before);

  g_free (out);
  new_path = g_build_filename (dir, "new.sqlite3", NULL);
  out = open_as (new_path, nobody);
  g_test_message ("new workspace in a read-only folder: %s", out);
  code = child_error_code (out, &message);
  g_assert_true (code == APL_STORE_ERROR_READ_ONLY || code == APL_STORE_ERROR_PERMISSION);
  assert_user_message (message);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));

  test_remove_tree (dir);
}

/* Locked */

static void
test_locked (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) before = make_workspace (path);
  const char *argv[] = { self_exe, "--child-hold", path, NULL };
  g_autoptr(GError) error = NULL;
  char line[16] = { 0 };
  AplStore *store;
  GPid pid;
  int out_fd;
  int status;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, line, sizeof line - 1), ==, 3);
  g_assert_cmpstr (line, ==, "ok\n");

  store = apl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_LOCKED);
  assert_user_message (error->message);
  g_assert_nonnull (strstr (error->message, "already open"));
  g_clear_error (&error);

  /* The holder dies without closing: the kernel releases its lock, and
   * the next open works at once. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_close (out_fd, NULL);
  g_spawn_close_pid (pid);

  store = open_store (path);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, N_PLANS);
  assert_sound (store);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Cut short */

static void
test_truncated (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  gsize size = g_bytes_get_size (pristine);
  guint page_size;
  guint n_pages = test_page_count (path, &page_size);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  const gsize fixed[] = { 1, 15, 16, 50, 99, 100, 101 };

  g_assert_cmpuint (n_pages, >=, 4);
  g_array_append_vals (lengths, fixed, G_N_ELEMENTS (fixed));
  for (guint p = 1; p < n_pages; p++)
    {
      gsize at_page = (gsize) p * page_size;
      gsize mid_page = at_page + page_size / 2;

      g_array_append_val (lengths, at_page);
      if (mid_page < size)
        g_array_append_val (lengths, mid_page);
    }

  for (guint i = 0; i < lengths->len; i++)
    {
      gsize length = g_array_index (lengths, gsize, i);
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (pristine, 0, length);

      g_test_message ("cut to %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes", length, size);
      remove_side_files (path);
      write_file (path, g_bytes_get_data (cut, NULL), length);
      assert_refused (path, cut, APL_STORE_ERROR_CORRUPT, APL_STORE_ERROR_NOT_WORKSPACE, -1);
    }

  test_remove_tree (dir);
}

/* Scribbled on */

static void
test_scribbled_pages (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  guint n_pages = test_page_count (path, NULL);
  guint refused = 0;

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autoptr(GBytes) damaged = NULL;
      g_autoptr(GError) error = NULL;
      AplStore *store;

      remove_side_files (path);
      write_file (path, g_bytes_get_data (pristine, NULL), g_bytes_get_size (pristine));
      test_scribble_page (path, page);
      damaged = test_read_file (path);

      store = apl_store_open (path, &error);
      if (store == NULL)
        {
          g_assert_true (g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT)
                         || g_error_matches (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE));
          assert_user_message (error->message);
          test_assert_file_unchanged (path, damaged);
          refused++;
        }
      else
        {
          g_autoptr(GPtrArray) problems = NULL;

          /* A page no table uses (free, zeroed by secure_delete) can
           * take the damage; the full check must still run. */
          problems = apl_store_check (store, &error);
          g_assert_no_error (error);
          g_test_message ("page %u scribbled: opened, %u problems", page, problems->len);
          g_assert_finalize_object (store);
        }
    }
  g_test_message ("%u of %u scribbled pages refused", refused, n_pages);
  g_assert_cmpuint (refused, >, 0);

  test_remove_tree (dir);
}

/* A few bytes changed anywhere: whatever opens must not crash Aplomb, be
 * it on opening, listing, checking or editing. */
static void
test_bit_flips (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  gsize size = g_bytes_get_size (pristine);
  guint opened = 0, refused = 0, flagged = 0;

  for (guint round = 0; round < N_BIT_FLIPS; round++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (pristine, NULL), size);
      g_autoptr(GError) error = NULL;
      guint n_flips = (guint) g_test_rand_int_range (1, 9);
      AplStore *store;

      for (guint f = 0; f < n_flips; f++)
        {
          /* Half of them in the first page, where the header and the
           * schema live. */
          gsize at = g_test_rand_bit () ? (gsize) g_test_rand_int_range (0, 4096)
                                        : (gsize) g_test_rand_int_range (0, (gint32) size);

          data[MIN (at, size - 1)] ^= (guint8) g_test_rand_int_range (1, 256);
        }
      remove_side_files (path);
      write_file (path, data, size);

      store = apl_store_open (path, &error);
      if (store == NULL)
        {
          assert_user_message (error->message);
          refused++;
          continue;
        }

      opened++;
      {
        g_autoptr(GPtrArray) problems = apl_store_check (store, NULL);
        GListModel *plans = apl_store_get_plans (store);
        g_autoptr(GError) edit_error = NULL;

        if (problems == NULL || problems->len > 0)
          flagged++;
        for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
          {
            g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);

            if (!apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, "Night editor", &edit_error))
              {
                assert_user_message (edit_error->message);
                g_clear_error (&edit_error);
              }
          }
        g_assert_finalize_object (store);
      }
    }
  g_test_message ("%u damaged copies: %u refused on opening, %u opened (%u of them flagged by the check)",
                  N_BIT_FLIPS, refused, opened, flagged);

  test_remove_tree (dir);
}

/* Not SQLite at all */

static void
test_not_sqlite (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path);
  g_autofree char *garbage_tail = NULL;
  static const struct { const char *what; const char *data; gsize size; } files[] = {
    { "a zip file", "PK\003\004\024\000\000\000\010\000", 10 },
    { "an old SQLite 2 file", "** This file contains an SQLite 2.1 database **", 47 },
    { "a plan file", "<?xml version=\"1.0\"?>\n<plan xmlns=\"https://aplomb.github.io/ns/plan/1\"/>\n", 73 },
    { "a text file", "Crisis plan\n\nCall the press office first.\n", 42 },
    { "zero bytes", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) before = g_bytes_new_static (files[i].data, files[i].size);

      g_test_message ("%s", files[i].what);
      remove_side_files (path);
      write_file (path, files[i].data, files[i].size);
      assert_refused (path, before, APL_STORE_ERROR_NOT_WORKSPACE, APL_STORE_ERROR_CORRUPT, -1);
    }

  /* The right magic, then rubbish: a header SQLite itself refuses. */
  {
    gsize size = g_bytes_get_size (pristine);
    g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (pristine, NULL), size);
    g_autoptr(GBytes) before = NULL;

    memset (data + 16, 0xFF, 84);
    remove_side_files (path);
    write_file (path, data, size);
    before = g_bytes_new (data, size);
    assert_refused (path, before, APL_STORE_ERROR_NOT_WORKSPACE, APL_STORE_ERROR_CORRUPT, -1);
  }

  test_remove_tree (dir);
}

/* A damaged write-ahead log */

/* After a crash the last edits live in the -wal file. Damage to its tail
 * loses those frames, as SQLite's checksums decide, never the file. */
static void
test_damaged_wal (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.sqlite3", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(GBytes) db_bytes = NULL;
  g_autoptr(GBytes) wal_bytes = NULL;
  g_autoptr(GBytes) pristine = make_workspace (path);
  g_autoptr(GError) error = NULL;
  AplStore *store = open_store (path);
  gsize wal_size;

  /* Edits that stay in the log while the store is open: a crash now
   * would leave both files as they are. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("After the last checkpoint %u", i);
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      g_assert_no_error (error);
    }
  db_bytes = test_read_file (path);
  wal_bytes = test_read_file (wal);
  g_assert_finalize_object (store);
  wal_size = g_bytes_get_size (wal_bytes);
  g_assert_cmpuint (wal_size, >, 32);

  for (guint round = 0; round < 20; round++)
    {
      g_autofree guint8 *damaged = g_memdup2 (g_bytes_get_data (wal_bytes, NULL), wal_size);
      gsize at = (gsize) g_test_rand_int_range (0, (gint32) wal_size);
      guint n_plans;

      damaged[at] ^= 0x5A;
      g_unlink (copy_wal);
      g_unlink (copy);
      write_file (copy, g_bytes_get_data (db_bytes, NULL), g_bytes_get_size (db_bytes));
      write_file (copy_wal, damaged, wal_size);

      store = open_store (copy);
      n_plans = g_list_model_get_n_items (apl_store_get_plans (store));
      g_assert_cmpuint (n_plans, >=, N_PLANS);
      g_assert_cmpuint (n_plans, <=, N_PLANS + 5);
      assert_sound (store);
      g_assert_finalize_object (store);
    }

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--child-open") == 0)
    return run_child (argv[2], FALSE);
  if (argc == 3 && strcmp (argv[1], "--child-hold") == 0)
    return run_child (argv[2], TRUE);

  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);
  self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_add_func ("/faults/files/immutable-file", test_immutable_file);
  g_test_add_func ("/faults/files/read-only-file", test_read_only_file);
  g_test_add_func ("/faults/files/read-only-folder", test_read_only_folder);
  g_test_add_func ("/faults/files/locked", test_locked);
  g_test_add_func ("/faults/files/truncated", test_truncated);
  g_test_add_func ("/faults/files/scribbled-pages", test_scribbled_pages);
  g_test_add_func ("/faults/files/bit-flips", test_bit_flips);
  g_test_add_func ("/faults/files/not-sqlite", test_not_sqlite);
  g_test_add_func ("/faults/files/damaged-wal", test_damaged_wal);

  return g_test_run ();
}
