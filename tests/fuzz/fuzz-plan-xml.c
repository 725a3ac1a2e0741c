/* fuzz-plan-xml.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan files from memory: any bytes validate and import without a crash;
 * a refused file changes nothing; an accepted one exports to a file that
 * validates, and export, import, export gives the same bytes (the format's
 * promise).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "apl-plan-xml.h"
#include "apl-store.h"
#include "fuzz-target.h"

static AplStore *store;
static char *store_dir;

static void
remove_store (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *path = NULL;

  if (store == NULL)
    return;
  path = g_strdup (apl_store_get_path (store));
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (store_dir);
  g_clear_pointer (&store_dir, g_free);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fuzz_common_init ();

  /* In memory where there is a tmpfs: every import is a synced commit. */
  if (g_access ("/dev/shm", W_OK) == 0)
    g_setenv ("TMPDIR", "/dev/shm", TRUE);
  store_dir = g_dir_make_tmp ("aplomb-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_dir, "workspace.sqlite3", NULL);
  store = apl_store_open (path, &error);
  g_assert_no_error (error);
  atexit (remove_store);
  return 0;
}

static guint
n_plans (void)
{
  return g_list_model_get_n_items (apl_store_get_plans (store));
}

static void
forget (AplPlan *plan)
{
  g_autoptr(GError) error = NULL;

  apl_store_delete_plan (store, plan, &error);
  g_assert_no_error (error);
  apl_store_purge_deleted_plans (store, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  gboolean valid;
  guint before = n_plans ();

  valid = apl_plan_validate_bytes (bytes, "fuzz.xml", &errors, &error);
  if (!valid)
    {
      g_assert_nonnull (error);
      /* Shown to the user as is: it must be text. */
      if (!g_utf8_validate (error->message, -1, NULL))
        {
          g_autofree char *escaped = g_strescape (error->message, NULL);

          g_error ("the message is not UTF-8: %s", escaped);
        }
      g_clear_error (&error);
    }

  plan = apl_plan_import_bytes (store, bytes, "fuzz.xml", APL_PLAN_IMPORT_REPLACE, &error);
  if (plan == NULL)
    {
      /* What validation refused, import refuses, and changes nothing. */
      g_assert_false (valid);
      g_assert_nonnull (error);
      g_assert_cmpuint (n_plans (), ==, before);
      return 0;
    }
  g_assert_true (valid);

  /* An imported plan can always be sent on. */
  first = apl_plan_export_to_bytes (store, plan, &error);
  g_assert_no_error (error);
  g_assert_true (apl_plan_validate_bytes (first, "export.xml", NULL, &error));
  g_assert_no_error (error);

  again = apl_plan_import_bytes (store, first, "export.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (again == plan);
  second = apl_plan_export_to_bytes (store, again, &error);
  g_assert_no_error (error);
  if (!g_bytes_equal (first, second))
    g_error ("export, import, export changed the file:\n%.*s\n---\n%.*s",
             (int) g_bytes_get_size (first), (const char *) g_bytes_get_data (first, NULL),
             (int) g_bytes_get_size (second), (const char *) g_bytes_get_data (second, NULL));

  /* Each input starts from the same workspace. */
  forget (plan);
  return 0;
}
