/* fuzz-replay.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stands in for libFuzzer when the build is not a fuzzing build: runs a
 * fuzz target once on every file of the corpus folders (or files) given,
 * so that `meson test` replays every input that ever found a bug, with
 * any compiler.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz-target.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* The same order everywhere, so that a failure repeats. */
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        n += replay_path (g_ptr_array_index (names, i));
      return n;
    }

  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);
  printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);
  if (n == 0)
    {
      fprintf (stderr, "no corpus input given\n");
      return 1;
    }
  printf ("# %u inputs replayed\n", n);
  return 0;
}
