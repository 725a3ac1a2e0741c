/* test-xml-import.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import: a new copy or the plan with the same id, the organisation
 * profile rule, and files that do not follow the format, which change
 * nothing and get every problem reported with its line.
 */

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xml-test-util.h"

#define SAMPLE_ID "0b1e9a52-8c1d-4f5e-9a3b-2d6c7e8f9a01"

static GBytes *
sample_bytes (void)
{
  g_autofree char *path = test_sample_plan_path ();

  return test_read_file (path);
}

/* The sample with @from replaced by @to, once. */
static GBytes *
edited_sample (const char *from,
               const char *to)
{
  g_autoptr(GBytes) bytes = sample_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *at = strstr (text, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free_to_bytes (out);
}

static guint
n_plans (TestWorkspace *ws)
{
  return g_list_model_get_n_items (apl_store_get_plans (ws->store));
}

static void
test_import_new (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(AplPlan) first = NULL;
  g_autoptr(AplPlan) second = NULL;
  g_autoptr(GError) error = NULL;
  TestWorkspace ws;

  test_workspace_init (&ws);

  /* New means new, every time: its own id and its own history. */
  first = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  second = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (n_plans (&ws), ==, 2);
  g_assert_true (g_uuid_string_is_valid (apl_plan_get_uuid (first)));
  g_assert_cmpstr (apl_plan_get_uuid (first), !=, SAMPLE_ID);
  g_assert_cmpstr (apl_plan_get_uuid (second), !=, SAMPLE_ID);
  g_assert_cmpstr (apl_plan_get_uuid (first), !=, apl_plan_get_uuid (second));
  g_assert_cmpstr (apl_plan_get_created (first), !=, "2026-01-12T09:30:00Z");
  g_assert_cmpstr (apl_plan_get_title (first), ==, "Drinking water contamination");
  g_assert_cmpstr (apl_plan_get_title (second), ==, "Drinking water contamination");
  g_assert_cmpstr (apl_plan_get_next_review (first), ==, "2027-03-31");
  g_assert_cmpstr (apl_plan_get_language (first), ==, "en");
  g_assert_true (apl_store_find_plan (ws.store, apl_plan_get_id (second)) == second);

  g_clear_object (&first);
  g_clear_object (&second);
  test_workspace_clear (&ws);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_import_replace (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(AplPlan) other = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GError) error = NULL;
  guint title_notified = 0;
  TestWorkspace ws;

  test_workspace_init (&ws);
  other = test_workspace_add_plan (&ws, "Another plan");

  /* Not in the workspace yet: added under the file's id, with its times. */
  plan = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_plans (&ws), ==, 2);
  g_assert_cmpstr (apl_plan_get_uuid (plan), ==, SAMPLE_ID);
  g_assert_cmpstr (apl_plan_get_created (plan), ==, "2026-01-12T09:30:00Z");
  g_assert_cmpstr (apl_plan_get_updated (plan), ==, "2026-02-03T14:05:12Z");

  /* In the workspace: the same plan (same object, same id) is updated,
   * and windows showing it hear about it. */
  g_signal_connect (plan, "notify::title", G_CALLBACK (count_notify_cb), &title_notified);
  edited = edited_sample ("<title>Drinking water contamination</title>", "<title>Water: boil notice</title>");
  again = apl_plan_import_bytes (ws.store, edited, "edited.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (again == plan);
  g_assert_cmpuint (n_plans (&ws), ==, 2);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Water: boil notice");
  g_assert_cmpuint (title_notified, ==, 1);
  g_assert_cmpstr (apl_plan_get_created (plan), ==, "2026-01-12T09:30:00Z");
  g_assert_cmpstr (apl_plan_get_title (other), ==, "Another plan");

  /* And it is on disk. */
  g_clear_object (&again);
  g_clear_object (&plan);
  g_clear_object (&other);
  g_clear_object (&ws.store);
  ws.store = apl_store_open (ws.path, &error);
  g_assert_no_error (error);
  plan = g_object_ref (apl_store_find_plan_by_uuid (ws.store, SAMPLE_ID));
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Water: boil notice");
  g_assert_cmpuint (n_plans (&ws), ==, 2);

  g_clear_object (&plan);
  test_workspace_clear (&ws);
}

/* A plan deleted a moment ago (its undo still offered) and then imported
 * with replace comes back from the file, without a clash of ids. */
static void
test_import_replace_deleted (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  TestWorkspace ws;

  test_workspace_init (&ws);
  plan = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_delete_plan (ws.store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_plans (&ws), ==, 0);

  again = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_plans (&ws), ==, 1);
  g_assert_cmpstr (apl_plan_get_uuid (again), ==, SAMPLE_ID);

  g_clear_object (&plan);
  g_clear_object (&again);
  test_workspace_clear (&ws);
}

static void
test_profile_rule (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AplOrganisation *organisation;
  TestWorkspace ws;

  /* An empty profile is filled from the file... */
  test_workspace_init (&ws);
  organisation = apl_store_get_organisation (ws.store);
  plan = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME), ==, "Riverside Water");
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_SPOKESPERSON), ==, "Amara Okafor");
  g_clear_object (&plan);
  test_workspace_clear (&ws);

  /* ...one the user wrote is theirs, whatever the file says. */
  test_workspace_init (&ws);
  organisation = apl_store_get_organisation (ws.store);
  apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_NAME, "Our company", &error);
  g_assert_no_error (error);
  plan = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME), ==, "Our company");
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_WEBSITE), ==, "");
  g_clear_object (&plan);
  test_workspace_clear (&ws);
}

/* Imports @bytes and expects it refused with exactly @expected_lines
 * (NULL-terminated, without the "name:" prefix), the workspace unchanged. */
static void
assert_refused (TestWorkspace *ws,
                GBytes        *bytes,
                int            code,
                ...)
{
  g_autofree char *before = test_workspace_fingerprint (ws);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) validate_error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  GString *expected = g_string_new (NULL);
  g_autofree char *expected_text = NULL;
  const char *line;
  va_list args;

  va_start (args, code);
  while ((line = va_arg (args, const char *)) != NULL)
    g_string_append_printf (expected, "%splan.xml:%s", expected->len ? "\n" : "", line);
  va_end (args);
  expected_text = g_string_free (expected, FALSE);

  plan = apl_plan_import_bytes (ws->store, bytes, "plan.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_null (plan);
  g_assert_error (error, APL_XML_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected_text);
  test_assert_error_lines (error, "plan.xml");

  after = test_workspace_fingerprint (ws);
  g_assert_cmpstr (before, ==, after);

  /* validate says the same, line by line. */
  g_assert_false (apl_plan_validate_bytes (bytes, "plan.xml", &lines, &validate_error));
  g_assert_cmpstr (validate_error->message, ==, expected_text);
  {
    g_auto(GStrv) split = g_strsplit (expected_text, "\n", -1);

    g_assert_cmpuint (lines->len, ==, g_strv_length (split));
    for (guint i = 0; i < lines->len; i++)
      g_assert_cmpstr (g_ptr_array_index (lines, i), ==, split[i]);
  }
}

static void
test_invalid_files (void)
{
  g_autoptr(AplPlan) existing = NULL;
  TestWorkspace ws;

  test_workspace_init (&ws);
  existing = test_workspace_add_plan (&ws, "Existing plan");

#define REFUSE(from, to, code, ...) \
  G_STMT_START { \
    g_autoptr(GBytes) bytes = edited_sample (from, to); \
    assert_refused (&ws, bytes, code, __VA_ARGS__, NULL); \
  } G_STMT_END

  /* Several problems: every one is reported, each with its line. */
  REFUSE ("<language>en</language>\n  <next-review>2027-03-31</next-review>",
          "<language>e n</language>\n  <next-review>2027-02-30</next-review>",
          APL_XML_ERROR_INVALID,
          "6: “e n” in <language> is not a language code such as “en” or “fr”",
          "7: “2027-02-30” in <next-review> is not a date: write it as year-month-day, for example 2027-03-31");

  REFUSE ("<owner>Head of Communications</owner>", "<ownr>Head of Communications</ownr>", APL_XML_ERROR_INVALID,
          "5: the element <ownr> is not expected here: it may be misspelt, repeated or out of order, or an element before it may be missing");
  REFUSE ("<title>Drinking water contamination</title>", "<title></title>", APL_XML_ERROR_INVALID,
          "3: the element <title> is empty: a plan needs a title");
  REFUSE ("<title>Drinking water contamination</title>", "<title>   </title>", APL_XML_ERROR_INVALID,
          "3: A plan needs a title.");
  REFUSE ("<language>en</language>", "<language>x</language>", APL_XML_ERROR_INVALID,
          "6: “x” is not a language code such as “en” or “fr”.");
  REFUSE ("<created>2026-01-12T09:30:00Z</created>", "<created>2026-01-12T09:30:00+01:00</created>",
          APL_XML_ERROR_INVALID,
          "11: “2026-01-12T09:30:00+01:00” in <created> is not a time in UTC written as year-month-dayThour:minute:secondZ, for example 2026-03-31T08:15:00Z");
  REFUSE ("id=\"0b1e9a52-8c1d-4f5e-9a3b-2d6c7e8f9a01\"", "id=\"plan-1\"", APL_XML_ERROR_INVALID,
          "2: “plan-1” is not a plan id: it must be a UUID such as 0b1e9a52-8c1d-4f5e-9a3b-2d6c7e8f9a01");
  REFUSE (" format=\"3\"", "", APL_XML_ERROR_INVALID,
          "2: <plan> has no format attribute, so Aplomb cannot tell which version of the format it follows");
  REFUSE ("<organisation-profile>", "<organisation-profile>\n    <name>Twice</name>", APL_XML_ERROR_INVALID,
          "15: the element <name> is not expected here: it may be misspelt, repeated or out of order, or an element before it may be missing");
  REFUSE ("<created>2026-01-12T09:30:00Z</created>\n", "", APL_XML_ERROR_INVALID,
          "11: the element <updated> is not expected here: it may be misspelt, repeated or out of order, or an element before it may be missing");
  REFUSE ("<title>Drinking", "<title>Drinking <b>bold</b>", APL_XML_ERROR_INVALID,
          "3: the element <title> may hold only text, not other elements");
  REFUSE ("<title>", "Stray text<title>", APL_XML_ERROR_INVALID,
          "3: there is text (“Stray text”) directly inside <plan>, where only elements may be");
  REFUSE ("<owner>Head", "<owner xmlns=\"urn:example:crm\">Head", APL_XML_ERROR_INVALID,
          "5: the element <owner> is from another format (urn:example:crm) and cannot be part of a plan");
  REFUSE ("Drinking water", "Drinking &#7; water", APL_XML_ERROR_INVALID,
          "3: the file contains a character reference to a character that is not allowed in a plan file (U+0007)");
  REFUSE ("</plan>\n", "</plan>\n<plan/>\n", APL_XML_ERROR_INVALID,
          "135: there is more in the file after the end of the plan (</plan>)");

#undef REFUSE

  g_clear_object (&existing);
  test_workspace_clear (&ws);
}

static void
test_validate_file (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: the file does not exist", missing);

  g_assert_true (apl_plan_validate_file (sample, &lines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);

  g_assert_false (apl_plan_validate_file (missing, &lines, &error));
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_IO);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, expected);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* A folder is not a plan file. */
  g_assert_false (apl_plan_validate_file (dir, NULL, &error));
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder"));

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/import/new", test_import_new);
  g_test_add_func ("/xml/import/replace", test_import_replace);
  g_test_add_func ("/xml/import/replace-deleted", test_import_replace_deleted);
  g_test_add_func ("/xml/import/profile", test_profile_rule);
  g_test_add_func ("/xml/import/invalid", test_invalid_files);
  g_test_add_func ("/xml/import/validate-file", test_validate_file);

  return g_test_run ();
}
