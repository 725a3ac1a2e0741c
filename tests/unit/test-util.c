/* test-util.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"

/* Every test gets its own folder, so a failure never leaks into the next
 * test and nothing is left behind in the developer's /tmp. */
char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("aplomb-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
test_remove_tree (const char *path)
{
  struct stat st;

  /* lstat, not g_file_test: a symbolic link to a folder must not make us
   * empty the folder it points to. */
  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

GBytes *
test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* A refused file must be left exactly as the user had it: any byte that
 * changed could be their data. */
void
test_assert_file_unchanged (const char *path,
                            GBytes     *before)
{
  g_autoptr(GBytes) after = test_read_file (path);

  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));
}

guint
test_file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static sqlite3 *
open_db (const char *path,
         int         flags)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    g_error ("sqlite3 could not open %s: %s", path, sqlite3_errstr (rc));
  return db;
}

/* Creates the file when needed: tests use it to make other programs'
 * databases as well as to alter workspaces behind the store's back. */
void
test_sqlite_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("sqlite3 could not run “%s” on %s: %s", sql, path, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static sqlite3_stmt *
query (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

/* Reading never creates the file: a typo in a path must fail the test. */
gint64
test_sqlite_int (const char *path,
                 const char *sql)
{
  sqlite3 *db = open_db (path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = query (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

char *
test_sqlite_text (const char *path,
                  const char *sql)
{
  sqlite3 *db = open_db (path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = query (db, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

/* Reads the page size from the file header (big-endian, at offset 16;
 * 1 means 65536) rather than assuming SQLite's default. */
guint
test_page_count (const char *path,
                 guint      *page_size)
{
  g_autoptr(GBytes) bytes = test_read_file (path);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);
  guint psize;

  g_assert_cmpuint (size, >=, 100);
  g_assert_cmpmem (data, 16, "SQLite format 3", 16);
  psize = ((guint) data[16] << 8) | data[17];
  if (psize == 1)
    psize = 65536;
  g_assert_cmpuint (size % psize, ==, 0);

  if (page_size != NULL)
    *page_size = psize;
  return (guint) (size / psize);
}

/* Overwrites one whole page (numbered from 1, as SQLite does) with a
 * pattern that no b-tree page starts with, as a failing disk would. */
void
test_scribble_page (const char *path,
                    guint       page)
{
  guint page_size;
  guint n_pages = test_page_count (path, &page_size);
  g_autofree guint8 *garbage = g_malloc (page_size);
  int fd;

  g_assert_cmpuint (page, >=, 1);
  g_assert_cmpuint (page, <=, n_pages);
  memset (garbage, 0xA5, page_size);

  /* In place, like a bad sector: same file, same inode, same mode. */
  fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, page_size, (off_t) (page - 1) * page_size), ==, (gssize) page_size);
  g_assert_true (g_close (fd, NULL));
}

/* Titles such as “Copy of …” and a new plan's language follow the user's
 * locale: pin it so the tests read the same on every machine. */
void
test_force_c_locale (void)
{
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LANG");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
}
