/* test-xml-parts.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format 2 of plan files: the stakeholders on a plan's map with their
 * places and relationships, the plan's messages with their versions and
 * variants, and its placeholder values. Round trips are byte-stable,
 * import recreates everything, stakeholders the workspace already holds
 * are reused, a preview (and `aplomb-tool import --dry-run`) says so
 * without writing, and broken references are refused with their line.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <sys/wait.h>

#include "apl-messages.h"
#include "apl-stakeholder-register.h"
#include "apl-store-private.h"
#include "test-util.h"
#include "xml-test-util.h"

#define COURIER_ID "3c0d6f7e-1a2b-4c3d-8e9f-0a1b2c3d4e01"
#define HEALTH_ID  "3c0d6f7e-1a2b-4c3d-8e9f-0a1b2c3d4e02"
#define HALE_ID    "3c0d6f7e-1a2b-4c3d-8e9f-0a1b2c3d4e03"

/* Helpers */

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GBytes *
string_to_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GBytes *
sample_bytes (void)
{
  g_autofree char *path = test_sample_plan_path ();

  return test_read_file (path);
}

/* The sample with @from replaced by @to, once. */
static char *
edited_sample (const char *from,
               const char *to)
{
  g_autoptr(GBytes) bytes = sample_bytes ();
  g_autofree char *text = bytes_to_string (bytes);
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* The line @needle starts on in @text, counting from 1. */
static int
line_of (const char *text,
         const char *needle)
{
  const char *at = strstr (text, needle);
  int line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

static gint64
count_rows (TestWorkspace *ws,
            const char    *sql)
{
  return test_sqlite_int (ws->path, sql);
}

static AplStakeholderRegister *
get_register (TestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg = apl_stakeholder_register_get (ws->store, &error);

  g_assert_no_error (error);
  return reg;
}

static AplStakeholder *
find_stakeholder (AplStakeholderRegister *reg,
                  const char             *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (reg));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplStakeholder) stakeholder = g_list_model_get_item (G_LIST_MODEL (reg), i);

      if (g_strcmp0 (apl_stakeholder_get_name (stakeholder), name) == 0)
        return stakeholder;
    }
  return NULL;
}

static AplMessage *
find_message (TestWorkspace *ws,
              AplPlan       *plan,
              const char    *title)
{
  g_autoptr(GError) error = NULL;
  GListModel *messages = apl_store_get_messages (ws->store, plan, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);

      if (g_strcmp0 (apl_message_get_title (message), title) == 0)
        return message;
    }
  return NULL;
}

static GBytes *
export_plan (TestWorkspace *ws,
             AplPlan       *plan)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = apl_plan_export_to_bytes (ws->store, plan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static AplPlan *
import_bytes (TestWorkspace     *ws,
              GBytes            *bytes,
              AplPlanImportMode  mode)
{
  g_autoptr(GError) error = NULL;
  AplPlan *plan = apl_plan_import_bytes (ws->store, bytes, "plan.xml", mode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* A plan built the way a user builds one: three stakeholders (one a person
 * in a group of the user's), their places, two relationships, a message
 * with a variant, an edit by someone else and a restore, and placeholder
 * values for every language and for French. */
static AplPlan *
build_plan (TestWorkspace *ws)
{
  AplStakeholderRegister *reg = get_register (ws);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(AplMessage) variant = NULL;
  AplStakeholder *courier, *prefecture, *mayor;
  AplStakeholderGroup *suppliers;
  AplPlacementList *map;
  AplPlan *plan;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };

  plan = test_workspace_add_plan (ws, "Chemical leak");

  suppliers = apl_stakeholder_register_add_group (reg, "Suppliers", &error);
  g_assert_no_error (error);
  courier = apl_stakeholder_register_create (reg, "Daily Courier", APL_STAKEHOLDER_KIND_ORGANISATION,
                                             apl_stakeholder_register_find_group (reg, "media"), &error);
  g_assert_no_error (error);
  prefecture = apl_stakeholder_register_create (reg, "Préfecture de police", APL_STAKEHOLDER_KIND_ORGANISATION,
                                                apl_stakeholder_register_find_group (reg, "authorities"), &error);
  g_assert_no_error (error);
  mayor = apl_stakeholder_register_create (reg, "Jeanne Mayor", APL_STAKEHOLDER_KIND_PERSON, suppliers, &error);
  g_assert_no_error (error);

  g_assert_true (apl_stakeholder_set_field (courier, APL_STAKEHOLDER_FIELD_CONCERNS,
                                            "Whether we knew & waited", &error));
  g_assert_true (apl_stakeholder_set_field (courier, APL_STAKEHOLDER_FIELD_LAST_REVIEWED, "2026-03-01", &error));
  g_assert_true (apl_stakeholder_set_field (mayor, APL_STAKEHOLDER_FIELD_NOTES, "Two lines\nof notes", &error));
  g_assert_no_error (error);

  map = apl_stakeholder_register_get_placements (reg, plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (apl_placement_list_add (map, courier, 70, 85, APL_ATTITUDE_CRITIC, 2, &error));
  g_assert_nonnull (apl_placement_list_add (map, prefecture, 90, 40, APL_ATTITUDE_NEUTRAL, 1, &error));
  g_assert_nonnull (apl_placement_list_add (map, mayor, 20, 95, APL_ATTITUDE_SUPPORTER, 3, &error));
  g_assert_nonnull (apl_stakeholder_register_relate (reg, courier, mayor, APL_RELATIONSHIP_INFLUENCES, &error));
  g_assert_nonnull (apl_stakeholder_register_relate (reg, mayor, prefecture, APL_RELATIONSHIP_REPORTS_TO, &error));
  g_assert_no_error (error);

  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_SUBJECT] = "Leak at the plant";
  fields[APL_MESSAGE_FIELD_BODY] = "We are aware of {{incident}}.";
  message = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  variant = apl_store_add_variant (ws->store, message, "fr", APL_CHANNEL_SMS, "Amara", &error);
  g_assert_no_error (error);
  g_assert_true (apl_message_set_field (variant, APL_MESSAGE_FIELD_TITLE, "Déclaration d’attente", "Amara", &error));
  g_assert_true (apl_message_set_field (message, APL_MESSAGE_FIELD_BODY, "Legal's text.", "Legal", &error));
  g_assert_true (apl_message_restore_version (message, 1, "Amara", &error));
  g_assert_no_error (error);

  g_assert_true (apl_store_set_placeholder_value (ws->store, plan, "incident", NULL, "the leak", &error));
  g_assert_true (apl_store_set_placeholder_value (ws->store, plan, "incident", "fr", "la fuite", &error));
  g_assert_true (apl_store_set_placeholder_value (ws->store, plan, "site", NULL, "", &error));
  g_assert_no_error (error);

  return plan;
}

/* Tests */

/* Export, import with replace into an empty workspace, export again: the
 * same bytes, with every part present; importing it once more changes
 * nothing and duplicates nothing. */
static void
test_round_trip (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);

  plan = build_plan (&a);
  first = export_plan (&a, plan);
  text = bytes_to_string (first);
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<plan xmlns=\"https://aplomb.github.io/ns/plan/1\" format=\"3\" "));
  g_assert_nonnull (strstr (text, "\n  <stakeholders>\n    <stakeholder id=\""));
  g_assert_nonnull (strstr (text, "<group key=\"media\"/>"));
  g_assert_nonnull (strstr (text, "<group>Suppliers</group>"));
  g_assert_nonnull (strstr (text, "<concerns>Whether we knew &amp; waited</concerns>"));
  g_assert_nonnull (strstr (text, "<last-reviewed>2026-03-01</last-reviewed>"));
  g_assert_nonnull (strstr (text, "influence=\"70\" interest=\"85\" attitude=\"critic\" strength=\"2\"/>"));
  g_assert_nonnull (strstr (text, "kind=\"reports-to\"/>"));
  g_assert_nonnull (strstr (text, "<version number=\"3\" kind=\"restored\" restored-from=\"1\">"));
  g_assert_nonnull (strstr (text, "<placeholder name=\"incident\" language=\"fr\">la fuite</placeholder>"));
  /* Stakeholders by name: the order does not depend on row ids. */
  g_assert_cmpint (line_of (text, "<name>Daily Courier</name>"), <, line_of (text, "<name>Jeanne Mayor</name>"));
  g_assert_cmpint (line_of (text, "<name>Jeanne Mayor</name>"), <, line_of (text, "<name>Préfecture de police</name>"));
  g_assert_true (apl_plan_validate_bytes (first, "plan.xml", NULL, &error));
  g_assert_no_error (error);

  copy = import_bytes (&b, first, APL_PLAN_IMPORT_REPLACE);
  second = export_plan (&b, copy);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                   g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  again = import_bytes (&b, second, APL_PLAN_IMPORT_REPLACE);
  g_assert_true (again == copy);
  third = export_plan (&b, again);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                   g_bytes_get_data (third, NULL), g_bytes_get_size (third));
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders"), ==, 3);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholder_groups WHERE key IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholder_relationships"), ==, 2);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM messages"), ==, 2);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM message_versions"), ==,
                   count_rows (&a, "SELECT count(*) FROM message_versions"));
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM plan_placeholders"), ==, 3);

  g_clear_object (&plan);
  g_clear_object (&copy);
  g_clear_object (&again);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* Imported as a new plan into an empty workspace, the file gives back every
 * stakeholder with its record, group, place and relationships, every
 * message with its history and variants, and the placeholder values. */
static void
test_import_recreates (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  AplPlacementList *map;
  AplPlacement *placement;
  AplStakeholder *courier, *mayor;
  AplMessage *message, *variant;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);

  copy = import_bytes (&b, bytes, APL_PLAN_IMPORT_NEW);
  g_assert_cmpstr (apl_plan_get_uuid (copy), !=, apl_plan_get_uuid (plan));

  reg = get_register (&b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reg)), ==, 3);
  courier = find_stakeholder (reg, "Daily Courier");
  mayor = find_stakeholder (reg, "Jeanne Mayor");
  g_assert_nonnull (courier);
  g_assert_nonnull (mayor);
  g_assert_nonnull (find_stakeholder (reg, "Préfecture de police"));
  g_assert_cmpstr (apl_stakeholder_get_field (courier, APL_STAKEHOLDER_FIELD_CONCERNS), ==, "Whether we knew & waited");
  g_assert_cmpstr (apl_stakeholder_get_field (courier, APL_STAKEHOLDER_FIELD_LAST_REVIEWED), ==, "2026-03-01");
  g_assert_cmpstr (apl_stakeholder_group_get_key (apl_stakeholder_get_group (courier)), ==, "media");
  g_assert_cmpint (apl_stakeholder_get_kind (mayor), ==, APL_STAKEHOLDER_KIND_PERSON);
  g_assert_cmpstr (apl_stakeholder_get_group_name (mayor), ==, "Suppliers");
  g_assert_cmpstr (apl_stakeholder_get_field (mayor, APL_STAKEHOLDER_FIELD_NOTES), ==, "Two lines\nof notes");
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_relationships (reg)), ==, 2);

  map = apl_stakeholder_register_get_placements (reg, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 3);
  placement = apl_placement_list_find (map, courier);
  g_assert_nonnull (placement);
  g_assert_cmpint (apl_placement_get_influence (placement), ==, 70);
  g_assert_cmpint (apl_placement_get_interest (placement), ==, 85);
  g_assert_cmpint (apl_placement_get_attitude (placement), ==, APL_ATTITUDE_CRITIC);
  g_assert_cmpint (apl_placement_get_strength (placement), ==, 2);

  message = find_message (&b, copy, "Holding statement");
  variant = find_message (&b, copy, "Déclaration d’attente");
  g_assert_nonnull (message);
  g_assert_nonnull (variant);
  g_assert_cmpstr (apl_message_get_variant_group (message), ==, apl_message_get_variant_group (variant));
  g_assert_cmpint (apl_message_get_channel (variant), ==, APL_CHANNEL_SMS);
  g_assert_cmpstr (apl_message_get_body (message), ==, "We are aware of {{incident}}.");
  versions = apl_message_list_versions (message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  /* Newest first: the restore, Legal's edit, the first draft. */
  g_assert_cmpint (((AplMessageVersion *) g_ptr_array_index (versions, 0))->kind, ==, APL_VERSION_RESTORED);
  g_assert_cmpuint (((AplMessageVersion *) g_ptr_array_index (versions, 0))->restored_from, ==, 1);
  g_assert_cmpstr (((AplMessageVersion *) g_ptr_array_index (versions, 1))->author, ==, "Legal");
  g_assert_cmpstr (((AplMessageVersion *) g_ptr_array_index (versions, 1))->fields[APL_MESSAGE_FIELD_BODY],
                   ==, "Legal's text.");

  values = apl_store_get_placeholder_values (b.store, copy, "fr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (values, "incident"), ==, "la fuite");
  g_assert_true (g_hash_table_contains (values, "site"));

  g_clear_object (&plan);
  g_clear_object (&copy);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

static const AplImportPreviewItem *
preview_item (GPtrArray  *items,
              const char *kind,
              const char *name)
{
  for (guint i = 0; i < items->len; i++)
    {
      const AplImportPreviewItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->kind, kind) && g_str_equal (item->name, name))
        return item;
    }
  g_error ("No %s “%s” in the preview", kind, name);
  return NULL;
}

/* A stakeholder the workspace already holds under the same name (other
 * case, no accents) is reused, not copied, and keeps what the user wrote
 * about it; the preview says so first and writes nothing. A second import
 * of the same file finds all of them by id. */
static void
test_merge_by_name (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) first = NULL;
  g_autoptr(AplPlan) second = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "plan.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AplStakeholderRegister *reg;
  AplStakeholder *ours;
  AplPlacementList *map;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));

  reg = get_register (&b);
  ours = apl_stakeholder_register_create (reg, "PREFECTURE de Police ", APL_STAKEHOLDER_KIND_ORGANISATION,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_stakeholder_set_field (ours, APL_STAKEHOLDER_FIELD_NOTES, "Our own notes", &error));
  before = test_workspace_fingerprint (&b);

  items = apl_plan_import_preview (b.store, file, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview_item (items, "plan", "Chemical leak")->action, ==, APL_IMPORT_CREATE);
  g_assert_cmpint (preview_item (items, "stakeholder", "Préfecture de police")->action, ==, APL_IMPORT_MERGE);
  g_assert_cmpint (preview_item (items, "stakeholder", "Daily Courier")->action, ==, APL_IMPORT_CREATE);
  g_assert_cmpint (preview_item (items, "group", "Suppliers")->action, ==, APL_IMPORT_CREATE);
  g_assert_cmpuint (apl_import_preview_count (items, APL_IMPORT_CREATE, "stakeholder"), ==, 2);
  g_assert_cmpuint (apl_import_preview_count (items, APL_IMPORT_MERGE, "stakeholder"), ==, 1);
  g_assert_cmpuint (apl_import_preview_count (items, APL_IMPORT_CREATE, "message"), ==, 2);
  after = test_workspace_fingerprint (&b);
  g_assert_cmpstr (before, ==, after);

  first = apl_plan_import (b.store, file, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders"), ==, 3);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders WHERE name = 'Préfecture de police'"), ==, 0);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders WHERE notes = 'Our own notes'"), ==, 1);
  map = apl_stakeholder_register_get_placements (reg, first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (apl_placement_list_find (map, ours));
  g_assert_cmpint (apl_placement_get_influence (apl_placement_list_find (map, ours)), ==, 90);

  /* The second time every stakeholder is known, two by their ids. */
  again = apl_plan_import_preview (b.store, file, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apl_import_preview_count (again, APL_IMPORT_MERGE, "stakeholder"), ==, 3);
  g_assert_cmpuint (apl_import_preview_count (again, APL_IMPORT_CREATE, "stakeholder"), ==, 0);
  g_assert_cmpuint (apl_import_preview_count (again, APL_IMPORT_CREATE, "group"), ==, 0);
  second = apl_plan_import (b.store, file, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders"), ==, 3);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholder_groups WHERE key IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholder_placements"), ==, 6);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholder_relationships"), ==, 2);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM messages"), ==, 4);

  g_clear_object (&plan);
  g_clear_object (&first);
  g_clear_object (&second);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
  test_remove_tree (dir);
}

/* Replacing a plan matches its messages by id: an edited message gets the
 * file's text back in the same object, a message the file does not hold
 * leaves the plan, and the preview lists both. */
static void
test_replace_messages (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(AplMessage) extra = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "plan.xml", NULL);
  const char *fields[APL_MESSAGE_N_FIELDS] = { "Extra", NULL, };
  GListModel *messages;
  AplMessage *held;
  gint64 held_id;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));

  copy = import_bytes (&b, bytes, APL_PLAN_IMPORT_REPLACE);
  messages = apl_store_get_messages (b.store, copy, &error);
  g_assert_no_error (error);
  held = find_message (&b, copy, "Holding statement");
  held_id = apl_message_get_id (held);
  g_assert_true (apl_message_set_field (held, APL_MESSAGE_FIELD_TITLE, "Changed here", "Someone", &error));
  extra = apl_store_add_message (b.store, copy, fields, NULL, "Someone", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 3);

  items = apl_plan_import_preview (b.store, file, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview_item (items, "plan", "Chemical leak")->action, ==, APL_IMPORT_MERGE);
  g_assert_cmpint (preview_item (items, "message", "Holding statement")->action, ==, APL_IMPORT_MERGE);
  g_assert_cmpint (preview_item (items, "message", "Extra")->action, ==, APL_IMPORT_REMOVE);

  again = apl_plan_import (b.store, file, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (again == copy);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_cmpstr (apl_message_get_title (held), ==, "Holding statement");
  g_assert_cmpint (apl_message_get_id (held), ==, held_id);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM messages"), ==, 2);

  after = export_plan (&b, copy);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));

  g_clear_object (&plan);
  g_clear_object (&copy);
  g_clear_object (&again);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
  test_remove_tree (dir);
}

/* A format 1 file (plan fields only) still imports, and exports again as
 * format 2 with nothing else changed. */
static void
test_format_1 (void)
{
  g_autofree char *path = test_fixture_path ("format-1-plan.xml");
  g_autoptr(GBytes) original = test_read_file (path);
  g_autofree char *text = bytes_to_string (original);
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  TestWorkspace ws;

  g_assert_nonnull (strstr (text, " format=\"1\" "));
  g_assert_true (apl_plan_validate_file (path, NULL, &error));
  g_assert_no_error (error);

  test_workspace_init (&ws);
  plan = apl_plan_import (ws.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (&ws, "SELECT count(*) FROM stakeholders"), ==, 0);
  g_assert_cmpint (count_rows (&ws, "SELECT count(*) FROM messages"), ==, 0);

  bytes = export_plan (&ws, plan);
  exported = bytes_to_string (bytes);
  parts = g_strsplit (text, " format=\"1\" ", 2);
  expected = g_strjoin (" format=\"3\" ", parts[0], parts[1], NULL);
  g_assert_cmpstr (exported, ==, expected);

  g_clear_object (&plan);
  test_workspace_clear (&ws);
}

static void
assert_refused (TestWorkspace *ws,
                const char    *text,
                AplXmlError    code,
                const char    *expected)
{
  g_autoptr(GBytes) bytes = string_to_bytes (text);
  g_autofree char *before = test_workspace_fingerprint (ws);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;

  plan = apl_plan_import_bytes (ws->store, bytes, "bad.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_null (plan);
  g_assert_error (error, APL_XML_ERROR, (int) code);
  test_assert_error_lines (error, "bad.xml");
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in:\n%s", expected, error->message);

  after = test_workspace_fingerprint (ws);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_rows (ws, "SELECT count(*) FROM stakeholders"), ==, 0);
  g_assert_cmpint (count_rows (ws, "SELECT count(*) FROM stakeholder_groups WHERE key IS NULL"), ==, 0);
}

/* References the file cannot resolve are refused with their line, and
 * nothing is written. */
static void
test_bad_references (void)
{
  g_autofree char *placement = NULL;
  g_autofree char *relationship = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *expected = NULL;
  TestWorkspace ws;

  test_workspace_init (&ws);

  placement = edited_sample ("<placement stakeholder=\"" HALE_ID "\"",
                             "<placement stakeholder=\"3c0d6f7e-1a2b-4c3d-8e9f-0a1b2c3d4e99\"");
  expected = g_strdup_printf ("bad.xml:%d: <placement> refers to the stakeholder “3c0d6f7e-1a2b-4c3d-8e9f-0a1b2c3d4e99”, "
                              "which is not among the file’s <stakeholders>",
                              line_of (placement, "4e99"));
  assert_refused (&ws, placement, APL_XML_ERROR_INVALID, expected);
  g_clear_pointer (&expected, g_free);

  relationship = edited_sample ("to=\"" HEALTH_ID "\"", "to=\"3C0D6F7E-1A2B-4C3D-8E9F-0A1B2C3D4E77\"");
  expected = g_strdup_printf ("bad.xml:%d: <relationship> refers to the stakeholder “3c0d6f7e-1a2b-4c3d-8e9f-0a1b2c3d4e77”",
                              line_of (relationship, "4E77"));
  assert_refused (&ws, relationship, APL_XML_ERROR_INVALID, expected);
  g_clear_pointer (&expected, g_free);

  twice = edited_sample ("<stakeholder id=\"" HEALTH_ID "\"", "<stakeholder id=\"" COURIER_ID "\"");
  expected = g_strdup_printf ("bad.xml:%d: the stakeholder id “" COURIER_ID "” is used twice (also on line %d)",
                              line_of (twice, "<name>Regional Health Authority") - 1,
                              line_of (twice, "<name>Daily Courier") - 1);
  assert_refused (&ws, twice, APL_XML_ERROR_INVALID, expected);

  test_workspace_clear (&ws);
}

/* The limits hold inside the new parts: a text over 1 MiB stops the
 * reading, a text over the store's limit for that field is named. */
static void
test_limits (void)
{
  g_autofree char *huge = g_strnfill (APL_PLAN_XML_MAX_TEXT_SIZE + 10, 'a');
  g_autofree char *long_notes = g_strnfill (100 * 1024, 'a');
  g_autofree char *replacement = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  TestWorkspace ws;

  test_workspace_init (&ws);

  replacement = g_strdup_printf ("<notes>%s</notes>\n      <last-reviewed>", huge);
  text = edited_sample ("<notes></notes>\n      <last-reviewed>", replacement);
  expected = g_strdup_printf ("bad.xml:%d: the text of <notes> is longer than 1 MiB", line_of (text, "<notes>aaa"));
  assert_refused (&ws, text, APL_XML_ERROR_TOO_LARGE, expected);
  g_clear_pointer (&replacement, g_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  replacement = g_strdup_printf ("<notes>%s</notes>\n      <last-reviewed>", long_notes);
  text = edited_sample ("<notes></notes>\n      <last-reviewed>", replacement);
  expected = g_strdup_printf ("bad.xml:%d: <notes> of the stakeholder “Daily Courier”:", line_of (text, "<notes>aaa"));
  assert_refused (&ws, text, APL_XML_ERROR_INVALID, expected);

  test_workspace_clear (&ws);
}

/* `aplomb-tool import FILE --dry-run` prints one line per thing, changes
 * nothing, and still refuses a broken file with its line. */
static void
test_dry_run_cli (void)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autofree char *sample = test_sample_plan_path ();
  g_autofree char *dir = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return;
    }
  dir = test_make_tmp_dir ();
  workspace = g_build_filename (dir, "workspace.sqlite3", NULL);

  {
    const char *argv[] = { tool, "--workspace", workspace, "import", sample, "--dry-run", NULL };
    const char *envp[] = { "LC_ALL=C.UTF-8", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "create\tplan\tDrinking water contamination\n"
                   "create\tgroup\tNeighbourhood groups\n"
                   "create\tstakeholder\tDaily Courier\n"
                   "create\tstakeholder\tRegional Health Authority\n"
                   "create\tstakeholder\tTom Hale, chair of the Northbank residents’ association\n"
                   "create\tmessage\tBoil-water notice\n"
                   "create\tmessage\tAvis : faire bouillir l’eau\n");
  g_assert_cmpint (test_sqlite_int (workspace, "SELECT count(*) FROM plans"), ==, 0);
  g_assert_cmpint (test_sqlite_int (workspace, "SELECT count(*) FROM stakeholders"), ==, 0);
  g_assert_cmpint (test_sqlite_int (workspace, "SELECT count(*) FROM messages"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *argv[] = { tool, "--workspace", workspace, "validate", "--dry-run", sample, NULL };
    const char *envp[] = { "LC_ALL=C.UTF-8", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
  }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "--dry-run"));

  test_remove_tree (dir);
}

/* Workspaces made before stable identifiers get one for every stakeholder
 * and message when they are opened; rows added later get one too. */
static void
test_migration_identifiers (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  const char *fields[APL_MESSAGE_N_FIELDS] = { "Old message", NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplMessage) message = NULL;
  AplStakeholderRegister *reg;
  AplStore *store;

  store = apl_store_open_at_version (path, 7, &error);
  g_assert_no_error (error);
  plan = apl_store_create_plan (store, "Old plan", &error);
  g_assert_no_error (error);
  message = apl_store_add_message (store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  reg = apl_stakeholder_register_get (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (apl_stakeholder_register_create (reg, "Old one", APL_STAKEHOLDER_KIND_PERSON, NULL, &error));
  g_assert_nonnull (apl_stakeholder_register_create (reg, "Old two", APL_STAKEHOLDER_KIND_PERSON, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&message);
  g_clear_object (&plan);
  g_assert_finalize_object (store);

  store = apl_store_open (path, &error);
  g_assert_no_error (error);
  reg = apl_stakeholder_register_get (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (apl_stakeholder_register_create (reg, "New one", APL_STAKEHOLDER_KIND_PERSON, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM stakeholders"), ==, 3);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(DISTINCT uuid) FROM stakeholders "
                                          "WHERE length (uuid) = 36 AND substr (uuid, 15, 1) = '4'"), ==, 3);
  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM messages WHERE length (uuid) = 36"), ==, 1);
  test_remove_tree (dir);
}

/* A stakeholder deleted in this session (its Undo still offered) does not
 * block an import that brings it back under the same id. */
static void
test_deleted_stakeholder (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);

  copy = import_bytes (&b, bytes, APL_PLAN_IMPORT_REPLACE);
  reg = get_register (&b);
  g_assert_true (apl_stakeholder_register_delete (reg, find_stakeholder (reg, "Daily Courier"), &error));
  g_assert_no_error (error);

  again = import_bytes (&b, bytes, APL_PLAN_IMPORT_NEW);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders WHERE name = 'Daily Courier'"), ==, 1);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders WHERE deleted_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholder_placements"), ==, 3 + 2);

  g_clear_object (&plan);
  g_clear_object (&copy);
  g_clear_object (&again);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_force_c_locale ();

  g_test_add_func ("/xml/parts/round-trip", test_round_trip);
  g_test_add_func ("/xml/parts/import-recreates", test_import_recreates);
  g_test_add_func ("/xml/parts/merge-by-name", test_merge_by_name);
  g_test_add_func ("/xml/parts/replace-messages", test_replace_messages);
  g_test_add_func ("/xml/parts/format-1", test_format_1);
  g_test_add_func ("/xml/parts/bad-references", test_bad_references);
  g_test_add_func ("/xml/parts/limits", test_limits);
  g_test_add_func ("/xml/parts/dry-run-cli", test_dry_run_cli);
  g_test_add_func ("/xml/parts/migration-identifiers", test_migration_identifiers);
  g_test_add_func ("/xml/parts/deleted-stakeholder", test_deleted_stakeholder);

  return g_test_run ();
}
