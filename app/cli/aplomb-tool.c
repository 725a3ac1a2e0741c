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
#include <signal.h>
#include <stdio.h>

#include "apl-approvals.h"
#include "apl-contact-book.h"
#include "apl-contact-list.h"
#include "apl-health.h"
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
  COMMAND_DRY_RUN      = 1 << 3,   /* takes --dry-run */
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
static gboolean dry_run;
static char *contacts_format;
static char *contacts_segment;
static char *contacts_duplicates;
static gboolean contacts_skip_bad;
static gboolean contacts_include_dnc;
static int contacts_months;
static char *approval_role;

static const GOptionEntry options[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path,
    N_("Use the workspace FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
    N_("Print the version and exit"), NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
    N_("With export: write the plan file to FILE instead of standard output"), N_("FILE") },
  { "replace", 0, 0, G_OPTION_ARG_NONE, &replace_plan,
    N_("With import: update the plan that has the file’s id instead of adding a copy"), NULL },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
    N_("With import: print what the import would create and merge, and change nothing"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, &contacts_format,
    N_("With contacts import or export: vcard, vcard4 (export) or csv"), N_("FORMAT") },
  { "segment", 0, 0, G_OPTION_ARG_STRING, &contacts_segment,
    N_("With contacts export: only the contacts of the segment NAME"), N_("NAME") },
  { "duplicates", 0, 0, G_OPTION_ARG_STRING, &contacts_duplicates,
    N_("With contacts import: merge (default) or skip contacts the book already has"), N_("POLICY") },
  { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &contacts_skip_bad,
    N_("With contacts import: import the good records and report the bad ones"), NULL },
  { "include-do-not-contact", 0, 0, G_OPTION_ARG_NONE, &contacts_include_dnc,
    N_("With contacts export: also export contacts marked do-not-contact"), NULL },
  { "months", 0, 0, G_OPTION_ARG_INT, &contacts_months,
    N_("With contacts stale: months without verification (1 to 60, default 6)"), N_("N") },
  { "role", 0, 0, G_OPTION_ARG_STRING, &approval_role,
    N_("With approvals submit or decide: the role NAME acts in (“Legal”), recorded with the decision"), N_("ROLE") },
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

/* Plan health: what is missing or stale, one item a line, critical first. */
static int
plans_show (AplStore  *store,
            int        argc,
            char     **argv)
{
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  AplPlan *plan;
  char *end = NULL;
  gint64 plan_id;

  plan_id = g_ascii_strtoll (argv[0], &end, 10);
  plan = (end != argv[0] && *end == '\0') ? apl_store_find_plan (store, plan_id) : NULL;
  if (plan == NULL)
    {
      g_printerr (_("aplomb-tool: there is no plan “%s”; “aplomb-tool plans list” shows the plans and their ids\n"),
                  argv[0]);
      return EXIT_ERROR;
    }

  items = apl_plan_health_check (store, plan, NULL, &error);
  if (items == NULL)
    return fail (error);

  for (guint i = 0; i < items->len; i++)
    {
      AplHealthItem *item = g_ptr_array_index (items, i);
      g_autofree char *detail = field (item->detail);

      g_print ("%s\t%s\t%s\n", apl_health_severity_get_key (item->severity),
               apl_health_rule_get_key (item->rule), detail);
    }
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

/* Approvals */

/* The approval trails' first broken links, as check's problem lines. */
static gboolean
add_trail_problems (AplStore   *store,
                    GPtrArray  *problems,
                    GError    **error)
{
  g_autoptr(GPtrArray) breaks = apl_store_verify_trails (store, error);

  if (breaks == NULL)
    return FALSE;
  for (guint i = 0; i < breaks->len; i++)
    {
      AplTrailBreak *broken = g_ptr_array_index (breaks, i);

      if (broken->plan_uuid == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("approval trail: %s"), broken->description));
      else
        /* Translators: a plan's uuid, an event number, what is wrong with it */
        g_ptr_array_add (problems, g_strdup_printf (_("approval trail of plan %s: first broken link at event %lld: %s"),
                                                    broken->plan_uuid, (long long) broken->seq,
                                                    broken->description));
    }
  return TRUE;
}

static AplPlan *
find_plan_arg (AplStore   *store,
               const char *arg)
{
  char *end = NULL;
  gint64 plan_id = g_ascii_strtoll (arg, &end, 10);
  AplPlan *plan = (end != arg && *end == '\0') ? apl_store_find_plan (store, plan_id) : NULL;

  if (plan == NULL)
    g_printerr (_("aplomb-tool: there is no plan “%s”; “aplomb-tool plans list” shows the plans and their ids\n"),
                arg);
  return plan;
}

static AplMessage *
find_message_arg (AplStore   *store,
                  const char *arg)
{
  char *end = NULL;
  gint64 id = g_ascii_strtoll (arg, &end, 10);
  AplMessage *message = (end != arg && *end == '\0') ? apl_store_find_message (store, id, NULL) : NULL;

  if (message == NULL)
    g_printerr (_("aplomb-tool: there is no message “%s”; “aplomb-tool messages list PLAN_ID” shows the messages "
                  "and their ids\n"),
                arg);
  return message;
}

/* One line per message: id, title, status key, covered, pre-approved,
 * current step, who it waits for, submitter, submitted at. */
static int
approvals_list (AplStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(GPtrArray) states = NULL;
  GError *error = NULL;
  AplPlan *plan = find_plan_arg (store, argv[0]);

  if (plan == NULL)
    return EXIT_ERROR;
  states = apl_store_list_approval_states (store, plan, &error);
  if (states == NULL)
    return fail (error);

  for (guint i = 0; i < states->len; i++)
    {
      AplApprovalState *state = g_ptr_array_index (states, i);
      g_autofree char *title = field (state->title);
      g_autofree char *role = field (state->current_role ? state->current_role : "");
      g_autofree char *waiting = NULL;
      g_autofree char *submitter = field (state->submitter ? state->submitter : "");

      g_ptr_array_add (state->waiting_for, NULL);
      waiting = g_strjoinv (", ", (char **) state->waiting_for->pdata);
      g_ptr_array_remove_index (state->waiting_for, state->waiting_for->len - 1);
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
               state->message_id, title, apl_approval_status_get_key (state->status),
               state->covered ? "yes" : "no", state->pre_approved ? "yes" : "no",
               role, waiting, submitter, state->submitted_at ? state->submitted_at : "");
    }
  return EXIT_OK;
}

/* One line per event, oldest first: seq, time, actor, kind, message id,
 * message title, the first 12 digits of the event's hash. */
static int
approvals_trail (AplStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;
  AplPlan *plan = find_plan_arg (store, argv[0]);

  if (plan == NULL)
    return EXIT_ERROR;
  events = apl_store_get_trail (store, apl_plan_get_uuid (plan), &error);
  if (events == NULL)
    return fail (error);

  for (guint i = 0; i < events->len; i++)
    {
      AplTrailEvent *event = g_ptr_array_index (events, i);
      g_autofree char *actor = field (event->actor);
      g_autofree char *title = field (event->message_title);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%.12s\n",
               event->seq, event->occurred_at, actor, event->kind, event->message_id, title, event->hash);
    }
  return EXIT_OK;
}

static int
approvals_submit (AplStore  *store,
                  int        argc,
                  char     **argv)
{
  g_autoptr(AplMessage) message = find_message_arg (store, argv[0]);
  GError *error = NULL;

  if (message == NULL)
    return EXIT_ERROR;
  if (!apl_store_submit_for_approval (store, message, argv[1], approval_role ? approval_role : "", &error))
    return fail (error);
  return EXIT_OK;
}

static int
approvals_decide (AplStore  *store,
                  int        argc,
                  char     **argv)
{
  g_autoptr(AplMessage) message = find_message_arg (store, argv[0]);
  GError *error = NULL;
  AplDecision decision;

  if (message == NULL)
    return EXIT_ERROR;
  if (g_str_equal (argv[1], "approve"))
    decision = APL_DECISION_APPROVE;
  else if (g_str_equal (argv[1], "request-changes"))
    decision = APL_DECISION_REQUEST_CHANGES;
  else if (g_str_equal (argv[1], "reject"))
    decision = APL_DECISION_REJECT;
  else
    {
      g_printerr (_("aplomb-tool: “%s” is not a decision: use approve, request-changes or reject\n"), argv[1]);
      return EXIT_USAGE;
    }
  if (!apl_store_decide_approval (store, message, decision, NULL, argv[2], approval_role ? approval_role : "",
                                  argv[3], &error))
    return fail (error);
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
  if (problems == NULL || !add_trail_problems (store, problems, &error))
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

/* One line per thing the import would touch: action, kind, name. */
static int
preview_import (AplStore   *store,
                const char *path)
{
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;

  items = apl_plan_import_preview (store, path,
                                   replace_plan ? APL_PLAN_IMPORT_REPLACE : APL_PLAN_IMPORT_NEW,
                                   &error);
  if (items == NULL)
    return fail_file (error);

  for (guint i = 0; i < items->len; i++)
    {
      const AplImportPreviewItem *item = g_ptr_array_index (items, i);
      g_autofree char *name = field (item->name);

      g_print ("%s\t%s\t%s\n", apl_import_action_to_string (item->action), item->kind, name);
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

  if (dry_run)
    return preview_import (store, argv[0]);

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

/* Contacts: the workspace's media and influencer contact book. */

static int usage_error (const char *message);

static AplContactBook *
contact_book (AplStore *store)
{
  GError *error = NULL;
  AplContactBook *book = apl_contact_book_get (store, &error);

  if (book == NULL)
    fail (error);
  return book;
}

static void
print_contact_line (AplContactBook *book,
                    gint64          id)
{
  g_autoptr(AplContact) contact = apl_contact_book_find (book, id, NULL);
  g_autofree char *name = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *emails = NULL;
  g_autofree char *verified = NULL;

  if (contact == NULL)
    return;
  name = field (apl_contact_get_name (contact));
  outlet = field (apl_contact_get_outlet (contact));
  emails = g_strdelimit (g_strdup (apl_contact_get_field (contact, APL_CONTACT_FIELD_EMAILS)), "\n", ',');
  verified = field (apl_contact_get_field (contact, APL_CONTACT_FIELD_LAST_VERIFIED));
  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", id, name, outlet, emails, verified);
}

/* Prints "imported N", "merged N", "skipped N"; bad records on stderr as
 * "FILE:LINE: message". */
static int
contacts_import (AplStore  *store,
                 int        argc,
                 char     **argv)
{
  AplContactBook *book = contact_book (store);
  AplContactImportOptions import_options = { 0 };
  AplContactImportReport report;
  GError *error = NULL;
  gboolean ok;

  if (book == NULL)
    return EXIT_ERROR;
  if (contacts_format != NULL)
    {
      import_options.format = apl_contact_format_from_string (contacts_format);
      if (import_options.format == APL_CONTACT_FORMAT_AUTO || import_options.format == APL_CONTACT_FORMAT_VCARD4)
        return usage_error (_("--format takes vcard or csv for an import."));
    }
  if (contacts_duplicates != NULL)
    {
      if (g_strcmp0 (contacts_duplicates, "merge") == 0)
        import_options.duplicates = APL_CONTACT_DUPLICATES_MERGE;
      else if (g_strcmp0 (contacts_duplicates, "skip") == 0)
        import_options.duplicates = APL_CONTACT_DUPLICATES_SKIP;
      else
        return usage_error (_("--duplicates takes merge or skip."));
    }
  import_options.skip_bad_records = contacts_skip_bad;

  ok = apl_contact_book_import_file (book, argv[0], &import_options, &report, NULL, NULL, NULL, &error);
  for (guint i = 0; i < report.problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (report.problems, i));
  if (!ok)
    {
      apl_contact_import_report_clear (&report);
      return fail (error);
    }

  /* Not translated: scripts read them. */
  g_print ("imported %u\nmerged %u\nskipped %u\n", report.created, report.merged, report.skipped);
  apl_contact_import_report_clear (&report);
  return EXIT_OK;
}

static int
contacts_export (AplStore  *store,
                 int        argc,
                 char     **argv)
{
  AplContactBook *book = contact_book (store);
  g_autoptr(AplContactFilter) filter = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  AplContactFormat format = APL_CONTACT_FORMAT_VCARD;
  GError *error = NULL;
  guint written = 0;
  guint excluded = 0;

  if (book == NULL)
    return EXIT_ERROR;
  if (contacts_format != NULL)
    {
      format = apl_contact_format_from_string (contacts_format);
      if (format == APL_CONTACT_FORMAT_AUTO)
        return usage_error (_("--format takes vcard, vcard4 or csv."));
    }

  if (contacts_segment != NULL)
    {
      g_autoptr(AplContactSegment) segment = apl_contact_book_find_segment (book, contacts_segment, &error);

      if (segment == NULL)
        return fail (error);
      filter = apl_contact_book_segment_filter (book, segment, &error);
      if (filter == NULL)
        return fail (error);
    }
  else
    filter = apl_contact_filter_new ();
  /* Do-not-contact entries are left out when written, and counted. */
  filter->include_do_not_contact = TRUE;

  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  if (ids == NULL)
    return fail (error);

  if (output_path != NULL)
    {
      file = g_file_new_for_commandline_arg (output_path);
      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error));
    }
  else
    {
      /* Standard output, whatever it is (terminal, pipe, file). */
      file = g_file_new_for_path ("/dev/stdout");
      stream = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error));
    }
  if (stream == NULL)
    return fail (error);

  if (!apl_contact_book_export (book, ids, format, contacts_include_dnc, stream, &written, &excluded,
                                NULL, &error)
      || !g_output_stream_close (stream, NULL, &error))
    return fail (error);

  if (excluded > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "aplomb-tool: %u contact marked do-not-contact was left out (--include-do-not-contact to export it)\n",
                             "aplomb-tool: %u contacts marked do-not-contact were left out (--include-do-not-contact to export them)\n",
                             excluded),
                excluded);
  return EXIT_OK;
}

static int
contacts_search (AplStore  *store,
                 int        argc,
                 char     **argv)
{
  AplContactBook *book = contact_book (store);
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  if (book == NULL)
    return EXIT_ERROR;
  filter->search = g_strdup (argv[0]);
  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, &error);
  if (ids == NULL)
    return fail (error);
  for (guint i = 0; i < ids->len; i++)
    print_contact_line (book, g_array_index (ids, gint64, i));
  return EXIT_OK;
}

static int
contacts_stale (AplStore  *store,
                int        argc,
                char     **argv)
{
  AplContactBook *book = contact_book (store);
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  if (book == NULL)
    return EXIT_ERROR;
  if (contacts_months != 0)
    {
      if (contacts_months < 1 || contacts_months > 60)
        return usage_error (_("--months takes a number of months from 1 to 60."));
      apl_contact_book_set_stale_months (book, contacts_months);
    }
  filter->stale_only = TRUE;
  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_LAST_VERIFIED, FALSE, &error);
  if (ids == NULL)
    return fail (error);
  for (guint i = 0; i < ids->len; i++)
    print_contact_line (book, g_array_index (ids, gint64, i));
  return EXIT_OK;
}

static const Command commands[] = {
  { "plans", "list", 0, plans_list },
  { "plans", "create", 1, plans_create },
  { "plans", "show", 1, plans_show },
  { "stats", NULL, 0, stats },
  { "check", NULL, 0, check },
  { "export", NULL, 1, export_plan, COMMAND_OUTPUT },
  { "import", NULL, 1, import_plan, COMMAND_REPLACE | COMMAND_DRY_RUN },
  { "validate", NULL, 1, validate_plan, COMMAND_NO_WORKSPACE },
  { "stakeholders", "list", 1, stakeholders_list },
  { "messages", "list", 1, messages_list },
  { "messages", "render", 1, messages_render },
  { "approvals", "list", 1, approvals_list },
  { "approvals", "trail", 1, approvals_trail },
  { "approvals", "submit", 2, approvals_submit },
  { "approvals", "decide", 4, approvals_decide },
  { "contacts", "import", 1, contacts_import },
  { "contacts", "export", 0, contacts_export, COMMAND_OUTPUT },
  { "contacts", "search", 1, contacts_search },
  { "contacts", "stale", 0, contacts_stale },
};

static const char *
commands_help (void)
{
  return _("Commands:\n"
           "  plans list           List the plans: id and title, one a line\n"
           "  plans create TITLE   Create a plan and print its id\n"
           "  plans show PLAN_ID   Show what is missing or stale in a plan (plan health): severity\n"
           "                       (critical, warning), item and detail, one a line, critical first\n"
           "  stats                Count what the workspace holds: name and count, one a line\n"
           "  check                Check the workspace’s integrity and the approval trails’ hash chains; exit 1\n"
           "                       and list the problems (a broken trail’s first broken event) if any\n"
           "  export PLAN_ID [-o FILE]\n"
           "                       Write a plan as a plan file (XML) to FILE, or to standard output\n"
           "  import FILE [--replace] [--dry-run]\n"
           "                       Import a plan file and print the new plan’s id; with --replace, update\n"
           "                       the plan that has the file’s id (or add it with that id) instead of\n"
           "                       adding a copy; with --dry-run, change nothing and print what the import\n"
           "                       would do, one “create|merge|remove|skip KIND NAME” a line (tab-separated;\n"
           "                       KIND is plan, group, stakeholder, message, outlet, contact, crisis-plan,\n"
           "                       approval-route or approval-trail)\n"
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
           "  approvals list PLAN_ID\n"
           "                       List the approval status of a plan’s messages: id, title, status, covered\n"
           "                       (yes when the approval still matches the exact text), pre-approved, current\n"
           "                       step, who it waits for, submitter and submission time, one a line\n"
           "  approvals trail PLAN_ID\n"
           "                       List a plan’s approval trail, oldest first: event number, time, actor, kind,\n"
           "                       message id, message title and the start of the event’s hash\n"
           "  approvals submit MESSAGE_ID NAME [--role ROLE]\n"
           "                       Submit a message for approval in NAME’s name (acting as ROLE)\n"
           "  approvals decide MESSAGE_ID approve|request-changes|reject NAME COMMENT [--role ROLE]\n"
           "                       Record NAME’s decision on a message in review (COMMENT may be \"\" except\n"
           "                       to request changes); ROLE, the role NAME decides as, is recorded with it\n"
           "  contacts import FILE [--format vcard|csv] [--duplicates merge|skip] [--skip-bad]\n"
           "                       Import contacts in one go and print “imported N”, “merged N” and\n"
           "                       “skipped N”; a bad record (“FILE:LINE: message” on stderr) imports\n"
           "                       nothing unless --skip-bad\n"
           "  contacts export --format vcard|vcard4|csv [--segment NAME] [-o FILE]\n"
           "                       Write the contacts (or a segment’s) to FILE or standard output, without\n"
           "                       those marked do-not-contact unless --include-do-not-contact\n"
           "  contacts search QUERY\n"
           "                       List the contacts whose name, outlet, beats or e-mails have words starting\n"
           "                       with QUERY’s, ignoring case and accents: id, name, outlet, e-mails and\n"
           "                       last verified date, one a line\n"
           "  contacts stale [--months N]\n"
           "                       List the contacts not verified for N months (default 6), least recently\n"
           "                       verified first\n"
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

  /* A write past the file size limit (ulimit -f) must fail with EFBIG,
   * which the store reports as a full disk, not kill us mid-save. */
  signal (SIGXFSZ, SIG_IGN);
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
      || (replace_plan && !(command->flags & COMMAND_REPLACE))
      || (dry_run && !(command->flags & COMMAND_DRY_RUN)))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not take the option %s."),
                                                  command->name,
                                                  output_path != NULL && !(command->flags & COMMAND_OUTPUT)
                                                  ? "--output"
                                                  : replace_plan && !(command->flags & COMMAND_REPLACE)
                                                  ? "--replace" : "--dry-run");
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
