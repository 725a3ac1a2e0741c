/* test-io-faults.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Disks that fill up or fail. A VFS shim (fault-vfs.c) makes the Nth write,
 * sync or truncate fail, and each test walks N over every operation an
 * edit, a migration, a new workspace and a plan import make. Each must end
 * with a message a user understands, the objects in memory as they were,
 * and, once reopened on a sound disk, a sound workspace that holds the
 * earlier data and either all of the change or none of it. Then the real
 * thing: a file size limit (RLIMIT_FSIZE), for the store and for
 * aplomb-tool.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apl-contact-book.h"
#include "apl-contact-import.h"
#include "apl-organisation.h"
#include "apl-plan-xml.h"
#include "apl-store.h"
#include "apl-store-private.h"
#include "fault-vfs.h"
#include "test-util.h"

#define ORGANISATION_NAME "Port authority of Saint-Nazaire"
#define NEW_OWNER         "Head of press, night shift"

/* Every distinct message a fault produced, shown at the end for review. */
static GHashTable *messages_seen;

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

static AplPlan *
plan_at (AplStore *store,
         guint     position)
{
  g_autoptr(AplPlan) plan = g_list_model_get_item (apl_store_get_plans (store), position);

  g_assert_nonnull (plan);
  return plan;
}

/* What a user would see of the workspace: every plan's fields, the
 * organisation, and the record counts. */
static char *
fingerprint (AplStore *store)
{
  GListModel *plans = apl_store_get_plans (store);
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);

      g_string_append_printf (out, "plan %s", apl_plan_get_uuid (plan));
      for (guint f = 0; f < APL_PLAN_N_FIELDS; f++)
        g_string_append_printf (out, "|%s", apl_plan_get_field (plan, f));
      g_string_append_c (out, '\n');
    }
  for (guint f = 0; f < APL_ORGANISATION_N_FIELDS; f++)
    g_string_append_printf (out, "organisation|%s\n",
                            apl_organisation_get_field (apl_store_get_organisation (store), f));

  counts = apl_store_get_counts (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      AplStoreCount *count = g_ptr_array_index (counts, i);

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", count->name, count->count);
    }
  return g_string_free (out, FALSE);
}

static void
assert_sound (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = apl_store_check (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A message for a comms officer: a sentence, with no SQLite jargon, and
 * saying the right thing about the disk. */
static void
assert_user_error (const GError *error,
                   FaultKind     kind)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == APL_STORE_ERROR || error->domain == APL_XML_ERROR);
  g_assert_true (g_unichar_isupper (g_utf8_get_char (error->message))
                 || g_str_has_prefix (error->message, "“"));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strstr (error->message, "SQLITE"));
  /* sqlite3_errstr() wording, which only a developer understands. */
  g_assert_null (strstr (error->message, "database or disk"));
  g_assert_null (strstr (error->message, "I/O error"));

  if (error->domain == APL_STORE_ERROR)
    {
      if (kind == FAULT_DISK_FULL)
        g_assert_cmpint (error->code, ==, APL_STORE_ERROR_DISK_FULL);
      else
        g_assert_cmpint (error->code, ==, APL_STORE_ERROR_IO);
    }
  if (kind == FAULT_DISK_FULL)
    g_assert_nonnull (strstr (error->message, "disk is full"));

  g_hash_table_add (messages_seen, g_strdup (error->message));
}

/* Puts the pristine workspace back, with no journal beside it. */
static void
restore (const char *path,
         GBytes     *pristine)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
  /* Not G_FILE_SET_CONTENTS_NONE: GLib 2.74 then writes over the old file
   * in place without cutting it to the new length. */
  g_file_set_contents_full (path, g_bytes_get_data (pristine, NULL), g_bytes_get_size (pristine),
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

/* A backup a failed migration left is either a sound copy of the old
 * workspace or was removed, with no journal of its own left behind. */
static void
assert_folder_clean (const char *dir,
                     int         backup_version)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_prefix (name, "workspace.sqlite3.v") && g_str_has_suffix (name, ".backup"))
        {
          g_autofree char *verdict = test_sqlite_text (path, "PRAGMA integrity_check");

          g_assert_cmpstr (verdict, ==, "ok");
          /* Named after the format it holds, which a half-done migration
           * may have moved past the first one. */
          g_assert_cmpint (test_sqlite_int (path, "PRAGMA user_version"), ==,
                           g_ascii_strtoll (name + strlen ("workspace.sqlite3.v"), NULL, 10));
          g_assert_cmpint (test_sqlite_int (path, "PRAGMA user_version"), >=, backup_version);
          g_unlink (path);
          continue;
        }
      if (g_strcmp0 (name, "workspace.sqlite3") == 0
          || g_strcmp0 (name, "workspace.sqlite3-wal") == 0
          || g_strcmp0 (name, "workspace.sqlite3-shm") == 0)
        continue;
      g_error ("a fault left “%s” behind", name);
    }
}

typedef struct
{
  guint injected;
  guint failed;
  guint kept;
  guint retried;
} Tally;

static void
tally_report (const char *what,
              guint       ops,
              Tally      *tally)
{
  g_test_message ("%s: %u operations walked; %u runs with a fault, %u ended in an error, "
                  "%u of those were on disk after all (the write reached the file, only "
                  "its sync failed), %u retried at once with success",
                  what, ops, tally->injected, tally->failed, tally->kept, tally->retried);
  g_assert_cmpuint (tally->injected, >, 0);
  g_assert_cmpuint (tally->failed, >, 0);
}

/* Under AddressSanitizer every open costs several times more: long walks
 * take fewer steps there (the seed still varies which). */
#if defined(__SANITIZE_ADDRESS__)
#define WALK_SCALE 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WALK_SCALE 4
#endif
#endif
#ifndef WALK_SCALE
#define WALK_SCALE 1
#endif

/* The next operation to fail after @n, out of @ops: every one of the first
 * and last few (opening and committing), and about @budget in between, at
 * a random offset in each stride so that runs with other seeds cover the
 * rest. */
static guint
walk_next (guint n,
           guint ops,
           guint budget)
{
  guint edge = 8 / WALK_SCALE;
  guint step = MAX (1, ops / MAX (1, budget / WALK_SCALE));

  if (n < edge || n + edge >= ops || step == 1)
    return n + 1;
  return n + 1 + (guint) g_test_rand_int_range (0, (gint32) step);
}

/* The four ways to fail at operation @n: a full disk or a failing one,
 * once or for good. */
#define N_VARIANTS 4
#define VARIANT_KIND(v)       ((v) & 1 ? FAULT_IO_ERROR : FAULT_DISK_FULL)
#define VARIANT_PERSISTENT(v) ((v) & 2)

/* Edits */

/* A workspace with plans and an organisation, as a user leaves it. */
static GBytes *
make_workspace (const char *path,
                guint       n_plans)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = open_store (path);

  apl_organisation_set_field (apl_store_get_organisation (store), APL_ORGANISATION_FIELD_NAME,
                              ORGANISATION_NAME, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_plans; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan %u", i + 1);
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      g_assert_no_error (error);
      apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, "Duty press officer", &error);
      g_assert_no_error (error);
    }
  g_assert_finalize_object (store);
  return test_read_file (path);
}

static void
test_edit (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path, 3);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };
  AplStore *store;
  guint ops;

  /* A dry run counts the operations and gives the workspace after it. */
  store = open_store (path);
  before = fingerprint (store);
  fault_vfs_arm (G_MAXUINT, FAULT_IO_ERROR, FALSE);
  apl_plan_set_field (plan_at (store, 1), APL_PLAN_FIELD_OWNER, NEW_OWNER, &error);
  g_assert_no_error (error);
  ops = fault_vfs_get_ops ();
  fault_vfs_disarm ();
  after = fingerprint (store);
  g_assert_finalize_object (store);
  g_assert_cmpuint (ops, >, 0);

  for (guint n = 0; n < ops + 1; n++)
    for (guint v = 0; v < N_VARIANTS; v++)
      {
        g_autofree char *now = NULL;
        gboolean ok;
        gboolean retried = FALSE;
        AplPlan *plan;

        restore (path, pristine);
        store = open_store (path);
        plan = plan_at (store, 1);

        fault_vfs_arm (n, VARIANT_KIND (v), VARIANT_PERSISTENT (v));
        ok = apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, NEW_OWNER, &error);
        tally.injected += fault_vfs_get_faults () > 0;
        if (!ok)
          {
            tally.failed++;
            assert_user_error (error, VARIANT_KIND (v));
            g_clear_error (&error);
            /* The window shows what is on disk: the old owner. */
            g_assert_cmpstr (apl_plan_get_owner (plan), ==, "Duty press officer");

            /* A passing fault: trying again at once works. */
            if (!VARIANT_PERSISTENT (v))
              {
                fault_vfs_disarm ();
                ok = apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, NEW_OWNER, &error);
                g_assert_no_error (error);
                retried = TRUE;
                tally.retried++;
              }
          }
        else
          g_assert_cmpstr (apl_plan_get_owner (plan), ==, NEW_OWNER);

        /* Quitting while the disk is still full or failing. */
        g_assert_finalize_object (store);
        fault_vfs_disarm ();

        store = open_store (path);
        now = fingerprint (store);
        if (ok || retried)
          g_assert_cmpstr (now, ==, after);
        else if (g_strcmp0 (now, after) == 0)
          tally.kept++;
        else
          g_assert_cmpstr (now, ==, before);
        assert_sound (store);
        g_assert_finalize_object (store);
      }

  tally_report ("edit", ops, &tally);
  test_remove_tree (dir);
}

/* A new workspace: nothing of a failed first open may stay behind. */
static void
test_new_workspace (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };
  AplStore *store;
  guint ops;

  fault_vfs_arm (G_MAXUINT, FAULT_IO_ERROR, FALSE);
  store = open_store (path);
  ops = fault_vfs_get_ops ();
  fault_vfs_disarm ();
  g_assert_finalize_object (store);
  test_remove_tree (dir);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  for (guint n = 0; n < ops; n = walk_next (n, ops, 25))
    for (guint v = 0; v < N_VARIANTS; v++)
      {
        fault_vfs_arm (n, VARIANT_KIND (v), VARIANT_PERSISTENT (v));
        store = apl_store_open (path, &error);
        fault_vfs_disarm ();
        tally.injected += fault_vfs_get_faults () > 0;
        if (store == NULL)
          {
            tally.failed++;
            assert_user_error (error, VARIANT_KIND (v));
            g_clear_error (&error);
          }
        else
          g_assert_finalize_object (store);

        /* Either no file at all, or one a sound disk opens. */
        assert_folder_clean (dir, 0);
        store = open_store (path);
        g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
        assert_sound (store);
        g_assert_finalize_object (store);
        test_remove_tree (dir);
        g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      }

  tally_report ("new workspace", ops, &tally);
  test_remove_tree (dir);
}

/* Migration */

static void
test_migration (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = NULL;
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };
  AplStore *store;
  guint ops;

  store = apl_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  test_sqlite_exec (path, "UPDATE organisation SET name = '" ORGANISATION_NAME "' WHERE id = 1");
  pristine = test_read_file (path);

  fault_vfs_arm (G_MAXUINT, FAULT_IO_ERROR, FALSE);
  store = open_store (path);
  ops = fault_vfs_get_ops ();
  fault_vfs_disarm ();
  g_assert_finalize_object (store);

  for (guint n = 0; n < ops; n = walk_next (n, ops, 30))
    for (guint v = 0; v < N_VARIANTS; v++)
      {
        restore (path, pristine);

        fault_vfs_arm (n, VARIANT_KIND (v), VARIANT_PERSISTENT (v));
        store = apl_store_open (path, &error);
        tally.injected += fault_vfs_get_faults () > 0;
        if (store == NULL)
          {
            tally.failed++;
            assert_user_error (error, VARIANT_KIND (v));
            g_clear_error (&error);
          }
        else
          g_assert_finalize_object (store);
        fault_vfs_disarm ();

        assert_folder_clean (dir, 1);
        store = open_store (path);
        g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
        g_assert_cmpstr (apl_organisation_get_field (apl_store_get_organisation (store),
                                                     APL_ORGANISATION_FIELD_NAME),
                         ==, ORGANISATION_NAME);
        assert_sound (store);
        g_assert_finalize_object (store);
        assert_folder_clean (dir, 1);
      }

  tally_report ("migration", ops, &tally);
  test_remove_tree (dir);
}

/* Plan import */

static GBytes *
sample_plan (void)
{
  g_autofree char *sample = g_build_filename (APLOMB_SOURCE_ROOT, "data", "examples",
                                              "sample-plan.xml", NULL);

  return test_read_file (sample);
}

static void
test_xml_import (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path, 2);
  g_autoptr(GBytes) xml = sample_plan ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) imported = NULL;
  Tally tally = { 0 };
  AplStore *store;
  guint ops;

  /* Replacing keeps the file's id and times, so the result is the same
   * bytes whatever the clock says. */
  store = open_store (path);
  before = fingerprint (store);
  fault_vfs_arm (G_MAXUINT, FAULT_IO_ERROR, FALSE);
  imported = apl_plan_import_bytes (store, xml, "sample-plan.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  ops = fault_vfs_get_ops ();
  fault_vfs_disarm ();
  after = fingerprint (store);
  g_clear_object (&imported);
  g_assert_finalize_object (store);

  for (guint n = 0; n < ops + 1; n++)
    for (guint v = 0; v < N_VARIANTS; v++)
      {
        g_autofree char *now = NULL;
        gboolean retried = FALSE;
        gboolean imported_ok;
        guint faults;

        restore (path, pristine);
        store = open_store (path);

        fault_vfs_arm (n, VARIANT_KIND (v), VARIANT_PERSISTENT (v));
        imported = apl_plan_import_bytes (store, xml, "sample-plan.xml", APL_PLAN_IMPORT_REPLACE, &error);
        faults = fault_vfs_get_faults ();
        tally.injected += faults > 0;
        imported_ok = imported != NULL;
        if (imported == NULL)
          {
            tally.failed++;
            assert_user_error (error, VARIANT_KIND (v));
            g_clear_error (&error);
            g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store)), ==, 2);
            g_assert_cmpstr (apl_organisation_get_field (apl_store_get_organisation (store),
                                                         APL_ORGANISATION_FIELD_NAME),
                             ==, ORGANISATION_NAME);
            if (!VARIANT_PERSISTENT (v))
              {
                fault_vfs_disarm ();
                imported = apl_plan_import_bytes (store, xml, "sample-plan.xml",
                                                  APL_PLAN_IMPORT_REPLACE, &error);
                g_assert_no_error (error);
                retried = TRUE;
                tally.retried++;
              }
          }
        g_clear_object (&imported);
        g_assert_finalize_object (store);
        fault_vfs_disarm ();

        store = open_store (path);
        now = fingerprint (store);
        if (imported_ok || retried)
          g_assert_cmpstr (now, ==, after);
        else if (g_strcmp0 (now, after) == 0)
          tally.kept++;
        else
          g_assert_cmpstr (now, ==, before);
        assert_sound (store);
        g_assert_finalize_object (store);
      }

  tally_report ("plan import", ops, &tally);
  test_remove_tree (dir);
}

/* Contact import (CSV) */

static GBytes *
media_list (guint first,
            guint n)
{
  GString *csv = g_string_new ("Name,Outlet,Email,Phone,Beats\r\n");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (csv, "Journalist %u,Ouest-France,j%u@example.fr,+33 6 12 34 %02u %02u,\"energy, water\"\r\n",
                            i, i, i % 100, (i * 7) % 100);
  return g_string_free_to_bytes (csv);
}

static gboolean
import_csv (AplStore  *store,
            GBytes    *csv,
            GError   **error)
{
  AplContactBook *book = apl_contact_book_get (store, error);
  g_autoptr(GInputStream) stream = NULL;
  AplContactImportOptions options = { 0 };
  /* Filled in by the import itself, which initialises it. */
  AplContactImportReport report = { 0 };
  gboolean ok;

  if (book == NULL)
    return FALSE;
  stream = g_memory_input_stream_new_from_bytes (csv);
  options.format = APL_CONTACT_FORMAT_CSV;
  ok = apl_contact_book_import_stream (book, stream, "media-list.csv", g_bytes_get_size (csv),
                                       &options, &report, NULL, NULL, NULL, error);
  apl_contact_import_report_clear (&report);
  return ok;
}

static gint64
count_contacts (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  AplContactBook *book = apl_contact_book_get (store, &error);
  gint64 n;

  g_assert_no_error (error);
  n = apl_contact_book_count (book, NULL, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_csv_import (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) earlier = media_list (1, 3);
  g_autoptr(GBytes) csv = media_list (100, 40);
  g_autoptr(GBytes) pristine = NULL;
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };
  AplStore *store;
  guint ops;

  g_bytes_unref (make_workspace (path, 1));
  store = open_store (path);
  import_csv (store, earlier, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  pristine = test_read_file (path);

  store = open_store (path);
  fault_vfs_arm (G_MAXUINT, FAULT_IO_ERROR, FALSE);
  import_csv (store, csv, &error);
  g_assert_no_error (error);
  ops = fault_vfs_get_ops ();
  fault_vfs_disarm ();
  g_assert_cmpint (count_contacts (store), ==, 43);
  g_assert_finalize_object (store);

  for (guint n = 0; n < ops + 1; n = walk_next (n, ops + 1, 20))
    for (guint v = 0; v < N_VARIANTS; v++)
      {
        gboolean ok;
        gboolean retried = FALSE;
        gint64 now;

        restore (path, pristine);
        store = open_store (path);

        fault_vfs_arm (n, VARIANT_KIND (v), VARIANT_PERSISTENT (v));
        ok = import_csv (store, csv, &error);
        tally.injected += fault_vfs_get_faults () > 0;
        if (!ok)
          {
            tally.failed++;
            assert_user_error (error, VARIANT_KIND (v));
            g_clear_error (&error);
            if (!VARIANT_PERSISTENT (v))
              {
                fault_vfs_disarm ();
                g_assert_cmpint (count_contacts (store), ==, 3);
                ok = import_csv (store, csv, &error);
                g_assert_no_error (error);
                retried = TRUE;
                tally.retried++;
              }
          }
        g_assert_finalize_object (store);
        fault_vfs_disarm ();

        store = open_store (path);
        now = count_contacts (store);
        if (ok || retried)
          g_assert_cmpint (now, ==, 43);
        else if (now == 43)
          tally.kept++;
        else
          g_assert_cmpint (now, ==, 3);
        assert_sound (store);
        g_assert_finalize_object (store);
      }

  tally_report ("contact import", ops, &tally);
  test_remove_tree (dir);
}

/* A real file size limit */

static void
set_file_size_limit (rlim_t limit)
{
  struct rlimit rl;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &rl), ==, 0);
  rl.rlim_cur = limit;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (gsize) st.st_size;
}

/* The kernel refuses to grow a file past RLIMIT_FSIZE with EFBIG (the
 * test ignores SIGXFSZ, as Aplomb's programs do): the store must say the
 * disk is full, keep the old value, and work again once there is room. */
static void
test_file_size_limit (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) pristine = make_workspace (path, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *last_saved = NULL;
  g_autofree char *refused = NULL;
  struct rlimit saved_limit;
  AplStore *store;
  AplPlan *plan;
  gboolean hit = FALSE;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  store = open_store (path);
  plan = plan_at (store, 0);

  set_file_size_limit (MAX (file_size (path), file_size (wal)) + 64 * 1024);
  for (guint i = 0; i < 200 && !hit; i++)
    {
      g_autofree char *summary = g_strnfill (6000, (char) ('a' + i % 26));

      if (apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, summary, &error))
        {
          g_free (last_saved);
          last_saved = g_steal_pointer (&summary);
          continue;
        }
      hit = TRUE;
      refused = g_steal_pointer (&summary);
      assert_user_error (error, FAULT_DISK_FULL);
      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_DISK_FULL);
      g_assert_true (g_str_has_prefix (error->message, "The disk is full"));
      g_clear_error (&error);
      g_assert_cmpstr (apl_plan_get_scenario_summary (plan), ==, last_saved ? last_saved : "");
    }
  g_assert_true (hit);

  /* Room again: the same change now saves, in the same session. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, refused, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = open_store (path);
  g_assert_cmpstr (apl_plan_get_scenario_summary (plan_at (store, 0)), ==, refused);
  assert_sound (store);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

typedef struct
{
  rlim_t limit;
} ChildLimit;

/* Runs in the forked child before exec: the limit, and SIGXFSZ back to
 * its default, which kills a program that does not ignore it itself. */
static void
limit_child (gpointer data)
{
  ChildLimit *child = data;
  struct rlimit rl;

  signal (SIGXFSZ, SIG_DFL);
  if (getrlimit (RLIMIT_FSIZE, &rl) == 0)
    {
      rl.rlim_cur = child->limit;
      setrlimit (RLIMIT_FSIZE, &rl);
    }
}

static void
test_tool_file_size_limit (void)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(GBytes) pristine = NULL;
  g_autoptr(GError) error = NULL;
  guint failures = 0;
  ChildLimit child;
  AplStore *store;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return;
    }

  dir = test_make_tmp_dir ();
  path = g_build_filename (dir, "workspace.sqlite3", NULL);
  pristine = make_workspace (path, 1);
  sample = g_build_filename (APLOMB_SOURCE_ROOT, "data", "examples", "sample-plan.xml", NULL);

  /* Limits from well below the file's size (the open fails) to just
   * above it (a write fails): never a death by signal. */
  for (rlim_t limit = 4096; limit <= file_size (path) + 32 * 1024; limit += 4096)
    {
      const char *argv[] = { tool, "--workspace", path, "plans", "create", "Ferry aground", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      restore (path, pristine);
      child.limit = limit;
      g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_child, &child,
                    &out, &err, &status, &error);
      g_assert_no_error (error);
      if (WIFSIGNALED (status))
        g_error ("aplomb-tool was killed by signal %d under a file size limit of %lu bytes",
                 WTERMSIG (status), (unsigned long) limit);
      g_assert_true (WIFEXITED (status));
      if (WEXITSTATUS (status) != 0)
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 1);
          g_assert_nonnull (strstr (err, "disk is full"));
          failures++;
        }

      store = open_store (path);
      assert_sound (store);
      g_assert_finalize_object (store);
    }
  g_assert_cmpuint (failures, >, 0);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  /* As the app and aplomb-tool do: a write past the file size limit then
   * fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  fault_vfs_install ();
  messages_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_add_func ("/faults/io/edit", test_edit);
  g_test_add_func ("/faults/io/new-workspace", test_new_workspace);
  g_test_add_func ("/faults/io/migration", test_migration);
  g_test_add_func ("/faults/io/xml-import", test_xml_import);
  g_test_add_func ("/faults/io/csv-import", test_csv_import);
  g_test_add_func ("/faults/io/file-size-limit", test_file_size_limit);
  g_test_add_func ("/faults/io/tool-file-size-limit", test_tool_file_size_limit);

  status = g_test_run ();

  {
    GHashTableIter iter;
    gpointer message;

    g_hash_table_iter_init (&iter, messages_seen);
    while (g_hash_table_iter_next (&iter, &message, NULL))
      g_test_message ("message seen: %s", (const char *) message);
  }
  g_hash_table_unref (messages_seen);
  return status;
}
