/* aplomb-tool.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * aplomb-tool: the workspace without a window, for scripts, tests and
 * benchmarks. Output is one record a line, tab-separated. Exit status: 0 on
 * success, 1 on an error the user can act on, 2 on bad usage.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "apl-store.h"

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
};

typedef int (*CommandFunc) (AplStore *store, int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *sub;
  int          n_args;
  CommandFunc  func;
} Command;

static char *workspace_path;
static gboolean show_version;

static const GOptionEntry options[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path,
    N_("Use the workspace FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static int
fail (GError *error)
{
  g_printerr ("aplomb-tool: %s\n", error->message);
  g_error_free (error);
  return EXIT_ERROR;
}

/* Tabs and newlines inside a field would break the one-record-a-line
 * output that scripts rely on. */
static char *
field (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
  return g_string_free (out, FALSE);
}

static int
plans_list (AplStore  *store,
            int        argc,
            char     **argv)
{
  GListModel *plans = apl_store_get_plans (store);
  guint n = g_list_model_get_n_items (plans);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);
      g_autofree char *title = field (apl_plan_get_title (plan));

      g_print ("%" G_GINT64_FORMAT "\t%s\n", apl_plan_get_id (plan), title);
    }
  return EXIT_OK;
}

static int
plans_create (AplStore  *store,
              int        argc,
              char     **argv)
{
  g_autoptr(AplPlan) plan = NULL;
  GError *error = NULL;

  plan = apl_store_create_plan (store, argv[0], &error);
  if (plan == NULL)
    return fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", apl_plan_get_id (plan));
  return EXIT_OK;
}

static int
stats (AplStore  *store,
       int        argc,
       char     **argv)
{
  g_autoptr(GPtrArray) counts = NULL;
  GError *error = NULL;

  counts = apl_store_get_counts (store, &error);
  if (counts == NULL)
    return fail (error);

  for (guint i = 0; i < counts->len; i++)
    {
      AplStoreCount *count = g_ptr_array_index (counts, i);

      g_print ("%s\t%" G_GINT64_FORMAT "\n", count->name, count->count);
    }
  return EXIT_OK;
}

static int
check (AplStore  *store,
       int        argc,
       char     **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;

  problems = apl_store_check (store, &error);
  if (problems == NULL)
    return fail (error);

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "aplomb-tool: the workspace has %u problem\n",
                               "aplomb-tool: the workspace has %u problems\n",
                               problems->len),
                  problems->len);
      return EXIT_ERROR;
    }

  g_print ("ok\n");
  return EXIT_OK;
}

static const Command commands[] = {
  { "plans", "list", 0, plans_list },
  { "plans", "create", 1, plans_create },
  { "stats", NULL, 0, stats },
  { "check", NULL, 0, check },
};

static const char *
commands_help (void)
{
  return _("Commands:\n"
           "  plans list           List the plans: id and title, one a line\n"
           "  plans create TITLE   Create a plan and print its id\n"
           "  stats                Count what the workspace holds: name and count, one a line\n"
           "  check                Check the workspace’s integrity; exit 1 and list the problems if any\n"
           "\n"
           "Exit status: 0 on success, 1 on an error, 2 on bad usage.\n"
           "The workspace is $APLOMB_WORKSPACE, or workspace.sqlite3 in Aplomb’s data folder.");
}

static int
usage_error (const char *message)
{
  g_printerr ("aplomb-tool: %s\n", message);
  g_printerr ("%s\n", _("Run “aplomb-tool --help” to see the commands."));
  return EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AplStore) store = NULL;
  g_autofree char *path = NULL;
  const Command *command = NULL;
  GError *error = NULL;
  int first_arg = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…] — Aplomb’s workspace from the command line"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_description (context, commands_help ());
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      int status = usage_error (error->message);

      g_error_free (error);
      return status;
    }

  if (show_version)
    {
      g_print ("aplomb-tool %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    return usage_error (_("No command given."));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;
      if (commands[i].sub == NULL)
        {
          command = &commands[i];
          first_arg = 2;
          break;
        }
      if (argc > 2 && g_strcmp0 (argv[2], commands[i].sub) == 0)
        {
          command = &commands[i];
          first_arg = 3;
          break;
        }
    }

  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s%s%s”."), argv[1],
                                                  argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
      return usage_error (message);
    }

  if (argc - first_arg != command->n_args)
    {
      g_autofree char *message = g_strdup_printf (_("Wrong number of arguments for “%s%s%s”."),
                                                  command->name,
                                                  command->sub ? " " : "",
                                                  command->sub ? command->sub : "");
      return usage_error (message);
    }

  path = workspace_path ? g_strdup (workspace_path) : apl_store_default_path ();
  store = apl_store_open (path, &error);
  if (store == NULL)
    return fail (error);

  return command->func (store, argc - first_arg, argv + first_arg);
}
