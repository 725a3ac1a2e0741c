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

#include "apl-messages.h"
#include "apl-plan-xml.h"
#include "apl-stakeholder-register.h"
#include "apl-store.h"

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
};

typedef int (*CommandFunc) (AplStore *store, int argc, char **argv);

/* What a command accepts beyond its arguments. */
enum {
  COMMAND_NO_WORKSPACE = 1 << 0,   /* runs without opening a workspace */
  COMMAND_OUTPUT       = 1 << 1,   /* takes --output */
  COMMAND_REPLACE      = 1 << 2,   /* takes --replace */
};

typedef struct
{
  const char  *name;
  const char  *sub;
  int          n_args;
  CommandFunc  func;
  guint        flags;
} Command;

static char *workspace_path;
static gboolean show_version;
static char *output_path;
static gboolean replace_plan;

static const GOptionEntry options[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path,
    N_("Use the workspace FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
    N_("Print the version and exit"), NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
    N_("With export: write the plan file to FILE instead of standard output"), N_("FILE") },
  { "replace", 0, 0, G_OPTION_ARG_NONE, &replace_plan,
    N_("With import: update the plan that has the file’s id instead of adding a copy"), NULL },
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

/* One line per stakeholder on the plan's map. Attitude and quadrant are
 * stable keys (critic, manage-closely) that scripts can rely on. */
static int
stakeholders_list (AplStore  *store,
                   int        argc,
                   char     **argv)
{
  AplStakeholderRegister *stakeholders;
  AplPlacementList *placements;
  GError *error = NULL;
  AplPlan *plan;
  char *end = NULL;
  gint64 plan_id;
  guint n;

  plan_id = g_ascii_strtoll (argv[0], &end, 10);
  plan = (end != argv[0] && *end == '\0') ? apl_store_find_plan (store, plan_id) : NULL;
  if (plan == NULL)
    {
      /* Translators: %s is what the user typed as a plan id */
      g_printerr (_("aplomb-tool: there is no plan “%s”; “aplomb-tool plans list” shows the plans and their ids\n"),
                  argv[0]);
      return EXIT_ERROR;
    }

  stakeholders = apl_stakeholder_register_get (store, &error);
  if (stakeholders == NULL)
    return fail (error);
  placements = apl_stakeholder_register_get_placements (stakeholders, plan, &error);
  if (placements == NULL)
    return fail (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (placements));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlacement) placement = g_list_model_get_item (G_LIST_MODEL (placements), i);
      AplStakeholder *stakeholder = apl_placement_get_stakeholder (placement);
      g_autofree char *name = field (apl_stakeholder_get_name (stakeholder));
      g_autofree char *group = field (apl_stakeholder_get_group_name (stakeholder));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%d\t%d\t%s\t%s\n",
               apl_stakeholder_get_id (stakeholder), name, group,
               apl_placement_get_influence (placement),
               apl_placement_get_interest (placement),
               apl_attitude_to_string (apl_placement_get_attitude (placement)),
               apl_quadrant_to_string (apl_placement_get_quadrant (placement)));
    }
  return EXIT_OK;
}

/* One line per message of the plan, in creation order. Channel and phase
 * are stable keys (press-release, holding-statement). */
static int
messages_list (AplStore  *store,
               int        argc,
               char     **argv)
{
  GListModel *messages;
  GError *error = NULL;
  AplPlan *plan;
  char *end = NULL;
  gint64 plan_id;
  guint n;

  plan_id = g_ascii_strtoll (argv[0], &end, 10);
  plan = (end != argv[0] && *end == '\0') ? apl_store_find_plan (store, plan_id) : NULL;
  if (plan == NULL)
    {
      g_printerr (_("aplomb-tool: there is no plan “%s”; “aplomb-tool plans list” shows the plans and their ids\n"),
                  argv[0]);
      return EXIT_ERROR;
    }

  messages = apl_store_get_messages (store, plan, &error);
  if (messages == NULL)
    return fail (error);

  n = g_list_model_get_n_items (messages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);
      g_autofree char *title = field (apl_message_get_title (message));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
               apl_message_get_id (message), title,
               apl_message_get_field (message, APL_MESSAGE_FIELD_CHANNEL),
               apl_message_get_language (message),
               apl_message_get_field (message, APL_MESSAGE_FIELD_PHASE));
    }
  return EXIT_OK;
}

/* The text ready to send on stdout. Exit 1 when it is not ready: a
 * malformed or unknown placeholder (with its position) or one without a
 * value, so that a script never sends a statement with a hole in it. */
static int
messages_render (AplStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(AplRendered) rendered = NULL;
  GError *error = NULL;
  char *end = NULL;
  gint64 id;

  id = g_ascii_strtoll (argv[0], &end, 10);
  if (end == argv[0] || *end != '\0')
    {
      g_printerr (_("aplomb-tool: there is no message “%s”; “aplomb-tool messages list PLAN_ID” shows the messages and their ids\n"),
                  argv[0]);
      return EXIT_ERROR;
    }

  message = apl_store_find_message (store, id, &error);
  if (message == NULL)
    return fail (error);
  rendered = apl_message_render (message, &error);
  if (rendered == NULL)
    return fail (error);

  g_print ("%s\n", rendered->text);

  for (guint i = 0; i < rendered->problems->len; i++)
    {
      g_autofree char *problem = apl_placeholder_describe (&g_array_index (rendered->problems, AplPlaceholder, i));

      g_printerr ("aplomb-tool: %s\n", problem);
    }
  if (rendered->unfilled->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (rendered->unfilled, NULL);
      names = g_strjoinv (", ", (char **) rendered->unfilled->pdata);
      g_ptr_array_remove_index (rendered->unfilled, rendered->unfilled->len - 1);
      /* Translators: %s is a list of placeholder names */
      g_printerr (_("aplomb-tool: placeholders without a value: %s\n"), names);
    }

  return rendered->problems->len > 0 || rendered->unfilled->len > 0 ? EXIT_ERROR : EXIT_OK;
}

/* Plan files */

/* Messages about a file the user gave are already "FILE:LINE: message",
 * one a line, the way compilers and editors expect them. */
static int
fail_file (GError *error)
{
  if (error->domain != APL_XML_ERROR)
    return fail (error);

  g_printerr ("%s\n", error->message);
  g_error_free (error);
  return EXIT_ERROR;
}

static int
export_plan (AplStore  *store,
             int        argc,
             char     **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  AplPlan *plan;
  char *end = NULL;
  gint64 plan_id;
  gsize size;
  const char *data;

  plan_id = g_ascii_strtoll (argv[0], &end, 10);
  plan = (end != argv[0] && *end == '\0') ? apl_store_find_plan (store, plan_id) : NULL;
  if (plan == NULL)
    {
      g_printerr (_("aplomb-tool: there is no plan “%s”; “aplomb-tool plans list” shows the plans and their ids\n"),
                  argv[0]);
      return EXIT_ERROR;
    }

  if (output_path != NULL)
    {
      if (!apl_plan_export (store, plan, output_path, &error))
        return fail (error);
      return EXIT_OK;
    }

  bytes = apl_plan_export_to_bytes (store, plan, &error);
  if (bytes == NULL)
    return fail (error);

  data = g_bytes_get_data (bytes, &size);
  if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
    {
      g_printerr (_("aplomb-tool: the plan could not be written to standard output\n"));
      return EXIT_ERROR;
    }
  return EXIT_OK;
}

static int
import_plan (AplStore  *store,
             int        argc,
             char     **argv)
{
  g_autoptr(AplPlan) plan = NULL;
  GError *error = NULL;

  plan = apl_plan_import (store, argv[0],
                          replace_plan ? APL_PLAN_IMPORT_REPLACE : APL_PLAN_IMPORT_NEW,
                          &error);
  if (plan == NULL)
    return fail_file (error);

  g_print ("%" G_GINT64_FORMAT "\n", apl_plan_get_id (plan));
  return EXIT_OK;
}

static int
validate_plan (AplStore  *store,
               int        argc,
               char     **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (argv[0]);

  if (apl_plan_validate_file (argv[0], &problems, &error))
    {
      /* Not translated: scripts look for it. */
      g_print ("%s: valid\n", name);
      return EXIT_OK;
    }

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len == 0)
    g_printerr ("%s\n", error->message);
  return EXIT_ERROR;
}

static const Command commands[] = {
  { "plans", "list", 0, plans_list },
  { "plans", "create", 1, plans_create },
  { "stats", NULL, 0, stats },
  { "check", NULL, 0, check },
  { "export", NULL, 1, export_plan, COMMAND_OUTPUT },
  { "import", NULL, 1, import_plan, COMMAND_REPLACE },
  { "validate", NULL, 1, validate_plan, COMMAND_NO_WORKSPACE },
  { "stakeholders", "list", 1, stakeholders_list },
  { "messages", "list", 1, messages_list },
  { "messages", "render", 1, messages_render },
};

static const char *
commands_help (void)
{
  return _("Commands:\n"
           "  plans list           List the plans: id and title, one a line\n"
           "  plans create TITLE   Create a plan and print its id\n"
           "  stats                Count what the workspace holds: name and count, one a line\n"
           "  check                Check the workspace’s integrity; exit 1 and list the problems if any\n"
           "  export PLAN_ID [-o FILE]\n"
           "                       Write a plan as a plan file (XML) to FILE, or to standard output\n"
           "  import FILE [--replace]\n"
           "                       Import a plan file and print the new plan’s id; with --replace, update\n"
           "                       the plan that has the file’s id (or add it with that id) instead of\n"
           "                       adding a copy\n"
           "  validate FILE        Check a plan file without importing it: print “FILE: valid”, or exit 1\n"
           "                       with every problem on stderr, one “FILE:LINE: message” a line\n"
           "  stakeholders list PLAN_ID\n"
           "                       List the stakeholders on a plan’s map: id, name, group, influence,\n"
           "                       interest, attitude (critic, neutral, supporter) and quadrant\n"
           "                       (manage-closely, keep-satisfied, keep-informed, monitor), one a line\n"
           "  messages list PLAN_ID\n"
           "                       List a plan’s messages: id, title, channel, language and phase, one a line\n"
           "  messages render MESSAGE_ID\n"
           "                       Print a message with its placeholders filled in; exit 1 and name on\n"
           "                       stderr every placeholder without a value, unknown or malformed (with\n"
           "                       its position)\n"
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

  if ((output_path != NULL && !(command->flags & COMMAND_OUTPUT))
      || (replace_plan && !(command->flags & COMMAND_REPLACE)))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not take the option %s."),
                                                  command->name,
                                                  output_path != NULL ? "--output" : "--replace");
      return usage_error (message);
    }

  if (command->flags & COMMAND_NO_WORKSPACE)
    return command->func (NULL, argc - first_arg, argv + first_arg);

  path = workspace_path ? g_strdup (workspace_path) : apl_store_default_path ();
  store = apl_store_open (path, &error);
  if (store == NULL)
    return fail (error);

  return command->func (store, argc - first_arg, argv + first_arg);
}
