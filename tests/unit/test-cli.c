/* test-cli.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * aplomb-tool as a script sees it: what it prints on stdout, what it says
 * on stderr, and its exit status (0 done, 1 error, 2 bad usage).
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "apl-store.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *workspace;
  char *out;
  char *err;
  int   status;
} Cli;

/* Helpers */

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
  g_clear_pointer (&cli->err, g_free);
}

/* Runs aplomb-tool with the NULL-terminated arguments. @env_workspace is
 * the value of $APLOMB_WORKSPACE, or NULL to leave it unset; the default
 * workspace lands inside the test's folder either way, never in the
 * developer's own data. */
static int
cli_run (Cli        *cli,
         const char *env_workspace,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("APLOMB_TOOL"));
  va_start (args, env_workspace);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", cli->dir, TRUE);
  if (env_workspace != NULL)
    g_subprocess_launcher_setenv (launcher, "APLOMB_WORKSPACE", env_workspace, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "APLOMB_WORKSPACE");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &cli->out, &cli->err, &error);
  g_assert_no_error (error);

  /* A crash is never an acceptable answer, whatever the input. */
  g_assert_true (g_subprocess_get_if_exited (process));
  cli->status = g_subprocess_get_exit_status (process);
  return cli->status;
}

static gboolean
is_id_line (const char *text)
{
  gsize len = strlen (text);

  if (len < 2 || text[len - 1] != '\n')
    return FALSE;
  for (gsize i = 0; i < len - 1; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

static void
assert_usage_error (Cli *cli)
{
  /* Bad usage is told apart from a failure (2, not 1), explained on
   * stderr, and never creates a workspace by accident. */
  g_assert_cmpint (cli->status, ==, 2);
  g_assert_cmpstr (cli->out, ==, "");
  g_assert_true (g_str_has_prefix (cli->err, "aplomb-tool: "));
  g_assert_nonnull (strstr (cli->err, "--help"));
  g_assert_false (g_file_test (cli->workspace, G_FILE_TEST_EXISTS));
}

/* Plans */

static void
test_plans_create_list (void)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", "Cyber attack", NULL), ==, 0);
  g_assert_true (is_id_line (cli.out));
  g_assert_cmpstr (cli.err, ==, "");
  first = g_strndup (cli.out, strlen (cli.out) - 1);

  g_assert_cmpint (cli_run (&cli, NULL, "-w", cli.workspace, "plans", "create", "Product recall", NULL), ==, 0);
  g_assert_true (is_id_line (cli.out));
  second = g_strndup (cli.out, strlen (cli.out) - 1);
  g_assert_cmpstr (first, !=, second);

  /* One plan a line, id and title separated by a tab, in creation order. */
  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  expected = g_strdup_printf ("%s\tCyber attack\n%s\tProduct recall\n", first, second);
  g_assert_cmpstr (cli.out, ==, expected);
  g_assert_cmpstr (cli.err, ==, "");

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "stats", NULL), ==, 0);
  g_assert_true (has_line (cli.out, "plans\t2"));
  g_assert_cmpstr (cli.err, ==, "");

  cli_clear (&cli);
}

static void
test_plans_list_empty (void)
{
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_cmpstr (cli.err, ==, "");
  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "stats", NULL), ==, 0);
  g_assert_true (has_line (cli.out, "plans\t0"));

  cli_clear (&cli);
}

static void
test_title_with_tab_and_newline (void)
{
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace,
                            "plans", "create", "Press\tleak\nat night", NULL), ==, 0);
  id = g_strndup (cli.out, strlen (cli.out) - 1);

  /* A script reading one record a line must not see two records. */
  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  expected = g_strdup_printf ("%s\tPress leak at night\n", id);
  g_assert_cmpstr (cli.out, ==, expected);

  cli_clear (&cli);
}

static void
test_empty_title (void)
{
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", "", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_nonnull (strstr (cli.err, "A plan needs a title."));

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", "   ", NULL), ==, 1);
  g_assert_nonnull (strstr (cli.err, "A plan needs a title."));

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "");

  cli_clear (&cli);
}

/* check */

static void
make_corrupt_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strnfill (1500, 'x');
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *title = g_strdup_printf ("Scenario %u", i);
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      g_assert_no_error (error);
      apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, summary, &error);
      g_assert_no_error (error);
    }
  g_assert_finalize_object (store);

  /* A bad sector in the middle of the plans, not in the header. */
  test_scribble_page (path, test_page_count (path, NULL) / 2);
}

static void
test_check (void)
{
  g_autoptr(GBytes) before = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", "Flood", NULL), ==, 0);
  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "check", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "ok\n");
  g_assert_cmpstr (cli.err, ==, "");

  test_remove_tree (cli.workspace);
  make_corrupt_workspace (cli.workspace);
  before = test_read_file (cli.workspace);

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "check", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_true (g_str_has_prefix (cli.err, "aplomb-tool: "));
  g_assert_nonnull (strstr (cli.err, "damaged"));
  test_assert_file_unchanged (cli.workspace, before);

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "list", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  test_assert_file_unchanged (cli.workspace, before);

  cli_clear (&cli);
}

/* Usage */

static void
test_usage_errors (void)
{
  Cli cli;

  if (!cli_init (&cli))
    return;

  cli_run (&cli, NULL, NULL);
  assert_usage_error (&cli);

  cli_run (&cli, NULL, "--workspace", cli.workspace, NULL);
  assert_usage_error (&cli);
  g_assert_nonnull (strstr (cli.err, "No command"));

  cli_run (&cli, NULL, "--workspace", cli.workspace, "frobnicate", NULL);
  assert_usage_error (&cli);
  g_assert_nonnull (strstr (cli.err, "frobnicate"));

  cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", NULL);
  assert_usage_error (&cli);

  cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "delete", "1", NULL);
  assert_usage_error (&cli);

  cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", NULL);
  assert_usage_error (&cli);
  g_assert_nonnull (strstr (cli.err, "plans create"));

  cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", "Flood", "Strike", NULL);
  assert_usage_error (&cli);

  cli_run (&cli, NULL, "--workspace", cli.workspace, "stats", "plans", NULL);
  assert_usage_error (&cli);

  cli_run (&cli, NULL, "--frobnicate", "--workspace", cli.workspace, "plans", "list", NULL);
  assert_usage_error (&cli);
  g_assert_nonnull (strstr (cli.err, "--frobnicate"));

  cli_clear (&cli);
}

static void
test_help_and_version (void)
{
  g_autofree char *version = g_strdup_printf ("aplomb-tool %s\n", PACKAGE_VERSION);
  Cli cli;

  if (!cli_init (&cli))
    return;

  /* --help documents every command, so a script author need not read the
   * source. */
  g_assert_cmpint (cli_run (&cli, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (cli.out, "plans create"));
  g_assert_nonnull (strstr (cli.out, "plans list"));
  g_assert_nonnull (strstr (cli.out, "stats"));
  g_assert_nonnull (strstr (cli.out, "check"));
  g_assert_nonnull (strstr (cli.out, "--workspace"));
  g_assert_cmpstr (cli.err, ==, "");

  g_assert_cmpint (cli_run (&cli, NULL, "--version", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, version);
  g_assert_cmpstr (cli.out, ==, "aplomb-tool 0.1.0\n");
  g_assert_cmpstr (cli.err, ==, "");

  g_assert_false (g_file_test (cli.workspace, G_FILE_TEST_EXISTS));
  cli_clear (&cli);
}

/* Files that are not workspaces */

static void
test_not_a_workspace (void)
{
  g_autofree char *text = NULL;
  g_autofree char *database = NULL;
  g_autoptr(GBytes) text_before = NULL;
  g_autoptr(GBytes) database_before = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;

  text = g_build_filename (cli.dir, "contacts.csv", NULL);
  g_assert_true (g_file_set_contents (text, "name,phone\nAda Lovelace,+44 20 7946 0001\n", -1, NULL));
  text_before = test_read_file (text);

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", text, "plans", "create", "Flood", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_true (g_str_has_prefix (cli.err, "aplomb-tool: "));
  g_assert_nonnull (strstr (cli.err, "not an Aplomb workspace"));
  test_assert_file_unchanged (text, text_before);

  database = g_build_filename (cli.dir, "crm.db", NULL);
  test_sqlite_exec (database, "CREATE TABLE customers (name TEXT);"
                              "INSERT INTO customers VALUES ('Riverside Water');");
  database_before = test_read_file (database);

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", database, "stats", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_nonnull (strstr (cli.err, "not an Aplomb workspace"));
  test_assert_file_unchanged (database, database_before);

  cli_clear (&cli);
}

static void
test_newer_workspace (void)
{
  g_autofree char *pragmas = NULL;
  g_autoptr(GBytes) before = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "create", "Flood", NULL), ==, 0);
  pragmas = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;",
                             apl_store_get_latest_schema_version () + 1);
  test_sqlite_exec (cli.workspace, pragmas);
  before = test_read_file (cli.workspace);

  g_assert_cmpint (cli_run (&cli, NULL, "--workspace", cli.workspace, "plans", "list", NULL), ==, 1);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_nonnull (strstr (cli.err, "newer version of Aplomb"));
  test_assert_file_unchanged (cli.workspace, before);

  cli_clear (&cli);
}

/* Which workspace */

static void
test_workspace_from_environment (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  Cli cli;

  if (!cli_init (&cli))
    return;

  from_env = g_build_filename (cli.dir, "team", "crisis.sqlite3", NULL);
  default_path = g_build_filename (cli.dir, "aplomb", "workspace.sqlite3", NULL);

  g_assert_cmpint (cli_run (&cli, from_env, "plans", "create", "Flood", NULL), ==, 0);
  id = g_strndup (cli.out, strlen (cli.out) - 1);
  g_assert_true (g_file_test (from_env, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (&cli, from_env, "plans", "list", NULL), ==, 0);
  expected = g_strdup_printf ("%s\tFlood\n", id);
  g_assert_cmpstr (cli.out, ==, expected);

  /* --workspace wins over the environment. */
  g_assert_cmpint (cli_run (&cli, from_env, "--workspace", cli.workspace, "plans", "list", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_true (g_file_test (cli.workspace, G_FILE_TEST_IS_REGULAR));

  /* With neither, the default workspace in the user's data folder. */
  g_assert_cmpint (cli_run (&cli, NULL, "plans", "list", NULL), ==, 0);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));

  cli_clear (&cli);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/plans-create-list", test_plans_create_list);
  g_test_add_func ("/cli/plans-list-empty", test_plans_list_empty);
  g_test_add_func ("/cli/title-with-tab-and-newline", test_title_with_tab_and_newline);
  g_test_add_func ("/cli/empty-title", test_empty_title);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cli/not-a-workspace", test_not_a_workspace);
  g_test_add_func ("/cli/newer-workspace", test_newer_workspace);
  g_test_add_func ("/cli/workspace-from-environment", test_workspace_from_environment);

  return g_test_run ();
}
