/* test-xml-cli.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * aplomb-tool export, import and validate as a script sees them: stdout,
 * stderr ("FILE:LINE: message" for a file's problems) and the exit status
 * (0 done, 1 error, 2 bad usage).
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "test-util.h"
#include "xml-test-util.h"

typedef struct
{
  char   *dir;
  char   *workspace;
  char   *out;
  GBytes *out_bytes;
  char   *err;
  int     status;
} Cli;

static gboolean
cli_init (Cli *cli)
{
  const char *tool = g_getenv ("APLOMB_TOOL");

  memset (cli, 0, sizeof *cli);
  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return FALSE;
    }
  cli->dir = test_make_tmp_dir ();
  cli->workspace = g_build_filename (cli->dir, "workspace.sqlite3", NULL);
  return TRUE;
}

static void
cli_clear (Cli *cli)
{
  test_remove_tree (cli->dir);
  g_clear_pointer (&cli->dir, g_free);
  g_clear_pointer (&cli->workspace, g_free);
  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->out_bytes, g_bytes_unref);
  g_clear_pointer (&cli->err, g_free);
}

/* Empty output is "", not NULL. */
static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  return data ? g_strndup (data, size) : g_strdup ("");
}

/* Runs aplomb-tool with the NULL-terminated arguments, in a private data
 * folder so that no default workspace outside the test is ever touched. */
static int
cli_run (Cli *cli,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("APLOMB_TOOL"));
  va_start (args, cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", cli->dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "APLOMB_WORKSPACE");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->out_bytes, g_bytes_unref);
  g_clear_pointer (&cli->err, g_free);
  g_subprocess_communicate (process, NULL, NULL, &cli->out_bytes, &err_bytes, &error);
  g_assert_no_error (error);
  cli->out = bytes_to_string (cli->out_bytes);
  cli->err = bytes_to_string (err_bytes);

  /* A crash is never an acceptable answer, whatever the input. */
  g_assert_true (g_subprocess_get_if_exited (process));
  cli->status = g_subprocess_get_exit_status (process);
  return cli->status;
}

static char *
id_from_output (Cli *cli)
{
  gsize len = strlen (cli->out);

  g_assert_cmpuint (len, >=, 2);
  g_assert_cmpint (cli->out[len - 1], ==, '\n');
  for (gsize i = 0; i < len - 1; i++)
    g_assert_true (g_ascii_isdigit (cli->out[i]));
  return g_strndup (cli->out, len - 1);
}

static void
assert_usage_error (Cli *cli)
{
  g_assert_cmpint (cli->status, ==, 2);
  g_assert_cmpstr (cli->out, ==, "");
  g_assert_true (g_str_has_prefix (cli->err, "aplomb-tool: "));
  g_assert_nonnull (strstr (cli->err, "--help"));
}

static void
test_export_import (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(GBytes) sample_bytes = test_read_file (sample);
  g_autoptr(GBytes) written = NULL;
  g_autofree char *id = NULL;
  g_autofree char *copy_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *second = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;
  out = g_build_filename (cli.dir, "out.xml", NULL);
  second = g_build_filename (cli.dir, "second.sqlite3", NULL);

  /* import prints the plan's id; with --replace it keeps the file's id
   * and times, so export gives the file back byte for byte. */
  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "import", sample, "--replace", NULL), ==, 0);
  g_assert_cmpstr (cli.err, ==, "");
  id = id_from_output (&cli);

  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "export", id, NULL), ==, 0);
  g_assert_cmpstr (cli.err, ==, "");
  g_assert_cmpmem (g_bytes_get_data (cli.out_bytes, NULL), g_bytes_get_size (cli.out_bytes),
                   g_bytes_get_data (sample_bytes, NULL), g_bytes_get_size (sample_bytes));

  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "export", id, "-o", out, NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_cmpstr (cli.err, ==, "");
  g_assert_cmpuint (test_file_mode (out), ==, 0600);
  written = test_read_file (out);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   g_bytes_get_data (sample_bytes, NULL), g_bytes_get_size (sample_bytes));

  /* Without --replace: a copy, in the same workspace. */
  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "import", out, NULL), ==, 0);
  copy_id = id_from_output (&cli);
  g_assert_cmpstr (copy_id, !=, id);
  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("%s\tDrinking water contamination\n%s\tDrinking water contamination\n",
                                                 id, copy_id);

    g_assert_cmpstr (cli.out, ==, expected);
  }

  /* Options go anywhere on the line: --replace before the file, into
   * another workspace, where the plan keeps its id. */
  g_assert_cmpint (cli_run (&cli, "-w", second, "import", "--replace", out, NULL), ==, 0);
  g_clear_pointer (&id, g_free);
  id = id_from_output (&cli);
  g_assert_cmpint (cli_run (&cli, "-w", second, "export", "--output", out, id, NULL), ==, 0);
  g_clear_pointer (&written, g_bytes_unref);
  written = test_read_file (out);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   g_bytes_get_data (sample_bytes, NULL), g_bytes_get_size (sample_bytes));

  cli_clear (&cli);
}

static void
test_export_errors (void)
{
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "plans", "create", "Flood", NULL), ==, 0);

  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "export", "42", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_nonnull (strstr (cli.err, "no plan “42”"));

  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "export", "flood", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");

  cli_run (&cli, "--workspace", cli.workspace, "export", NULL);
  assert_usage_error (&cli);

  /* Options only where they mean something. */
  cli_run (&cli, "--workspace", cli.workspace, "plans", "list", "-o", "x.xml", NULL);
  assert_usage_error (&cli);
  g_assert_nonnull (strstr (cli.err, "--output"));
  cli_run (&cli, "--workspace", cli.workspace, "export", "1", "--replace", NULL);
  assert_usage_error (&cli);
  g_assert_nonnull (strstr (cli.err, "--replace"));

  cli_clear (&cli);
}

static void
test_validate (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autofree char *expected = g_strdup_printf ("%s: valid\n", sample);
  g_autofree char *bad = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *default_workspace = NULL;
  g_auto(GStrv) lines = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;
  default_workspace = g_build_filename (cli.dir, "aplomb", NULL);

  g_assert_cmpint (cli_run (&cli, "validate", sample, NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, expected);
  g_assert_cmpstr (cli.err, ==, "");

  /* Two problems: both on stderr, one "FILE:LINE: message" a line. */
  bad = g_build_filename (cli.dir, "bad.xml", NULL);
  {
    g_autoptr(GBytes) bytes = test_read_file (sample);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autofree char *edited = NULL;
    g_auto(GStrv) parts = g_strsplit (text, "<language>en</language>", 2);

    edited = g_strconcat (parts[0], "<language>e n</language>", parts[1], NULL);
    g_strfreev (parts);
    parts = g_strsplit (edited, "2027-03-31", 2);
    g_free (edited);
    edited = g_strconcat (parts[0], "2027-02-30", parts[1], NULL);
    g_assert_true (g_file_set_contents (bad, edited, -1, NULL));
  }
  g_assert_cmpint (cli_run (&cli, "validate", bad, NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  lines = g_strsplit (cli.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  {
    g_autofree char *first = g_strdup_printf ("%s:6: ", bad);
    g_autofree char *second = g_strdup_printf ("%s:7: ", bad);

    g_assert_true (g_str_has_prefix (lines[0], first));
    g_assert_nonnull (strstr (lines[0], "<language>"));
    g_assert_true (g_str_has_prefix (lines[1], second));
    g_assert_nonnull (strstr (lines[1], "<next-review>"));
  }

  /* import says the same, and changes nothing. */
  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "import", bad, NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_true (g_str_has_prefix (cli.err, lines[0]));
  g_assert_cmpint (cli_run (&cli, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "");

  missing = g_build_filename (cli.dir, "missing.xml", NULL);
  g_assert_cmpint (cli_run (&cli, "validate", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (cli.err, "the file does not exist"));

  cli_run (&cli, "validate", NULL);
  assert_usage_error (&cli);
  cli_run (&cli, "validate", sample, "--replace", NULL);
  assert_usage_error (&cli);

  /* validate needs no workspace and creates none. */
  g_assert_false (g_file_test (default_workspace, G_FILE_TEST_EXISTS));

  cli_clear (&cli);
}

static void
test_help (void)
{
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (cli.out, "export PLAN_ID [-o FILE]"));
  g_assert_nonnull (strstr (cli.out, "import FILE [--replace]"));
  g_assert_nonnull (strstr (cli.out, "validate FILE"));
  g_assert_nonnull (strstr (cli.out, "--output"));
  g_assert_nonnull (strstr (cli.out, "--replace"));

  cli_clear (&cli);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/cli/export-import", test_export_import);
  g_test_add_func ("/xml/cli/export-errors", test_export_errors);
  g_test_add_func ("/xml/cli/validate", test_validate);
  g_test_add_func ("/xml/cli/help", test_help);

  return g_test_run ();
}
