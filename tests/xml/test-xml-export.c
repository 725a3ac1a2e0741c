/* test-xml-export.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export: byte-stable round trips, the canonical form of the example file,
 * atomic private files, and text that XML cannot carry refused with the
 * field named.
 */

#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>
#include <string.h>

#include "test-util.h"
#include "xml-test-util.h"

/* A plan that uses every field, with text that needs escaping. */
static AplPlan *
add_full_plan (TestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  AplOrganisation *organisation = apl_store_get_organisation (ws->store);
  AplPlan *plan = test_workspace_add_plan (ws, "Cyber attack <ransomware> & leak");
  const struct { AplPlanField field; const char *value; } fields[] = {
    { APL_PLAN_FIELD_ORGANISATION, "Lefèvre & Fils “SA”" },
    { APL_PLAN_FIELD_OWNER, "  Head of Comms  " },
    { APL_PLAN_FIELD_SCENARIO_SUMMARY,
      "Line one\nLine two\twith a tab\r\nWindows line\rOld Mac line\n\n  indented ]]> end 😀 " },
    { APL_PLAN_FIELD_LANGUAGE, "fr-CA" },
    { APL_PLAN_FIELD_NEXT_REVIEW, "2027-03-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      apl_plan_set_field (plan, fields[i].field, fields[i].value, &error);
      g_assert_no_error (error);
    }

  apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_NAME, "Lefèvre & Fils", &error);
  g_assert_no_error (error);
  apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_WEBSITE, "https://example.org/?a=1&b=2", &error);
  g_assert_no_error (error);
  apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_PRESS_HOTLINE, "+33 1 23 45 67 89", &error);
  g_assert_no_error (error);

  return plan;
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

/* Export, import into an empty workspace, export again: the same bytes,
 * and the plan keeps its id and its times. */
static void
test_round_trip (void)
{
  TestWorkspace first, second;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;

  test_workspace_init (&first);
  test_workspace_init (&second);
  plan = add_full_plan (&first);

  exported = apl_plan_export_to_bytes (first.store, plan, &error);
  g_assert_no_error (error);
  g_assert_true (apl_plan_validate_bytes (exported, "plan.xml", NULL, &error));
  g_assert_no_error (error);

  copy = apl_plan_import_bytes (second.store, exported, "plan.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_plan_get_uuid (copy), ==, apl_plan_get_uuid (plan));
  g_assert_cmpstr (apl_plan_get_created (copy), ==, apl_plan_get_created (plan));
  g_assert_cmpstr (apl_plan_get_updated (copy), ==, apl_plan_get_updated (plan));
  for (guint f = 0; f < APL_PLAN_N_FIELDS; f++)
    g_assert_cmpstr (apl_plan_get_field (copy, f), ==, apl_plan_get_field (plan, f));

  again = apl_plan_export_to_bytes (second.store, copy, &error);
  g_assert_no_error (error);
  assert_same_bytes (exported, again);

  /* Still true once the second workspace is closed and opened again: what
   * was compared is what is on disk. */
  g_clear_object (&copy);
  g_clear_object (&second.store);
  second.store = apl_store_open (second.path, &error);
  g_assert_no_error (error);
  copy = g_list_model_get_item (apl_store_get_plans (second.store), 0);
  g_clear_pointer (&again, g_bytes_unref);
  again = apl_plan_export_to_bytes (second.store, copy, &error);
  g_assert_no_error (error);
  assert_same_bytes (exported, again);

  g_clear_object (&copy);
  g_clear_object (&plan);
  test_workspace_clear (&first);
  test_workspace_clear (&second);
}

/* The example in data/ is in the exact form export writes. */
static void
test_sample_is_canonical (void)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(GBytes) expected = test_read_file (sample);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  TestWorkspace ws;

  g_assert_true (apl_plan_validate_file (sample, NULL, &error));
  g_assert_no_error (error);

  test_workspace_init (&ws);
  plan = apl_plan_import (ws.store, sample, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_plan_get_uuid (plan), ==, "0b1e9a52-8c1d-4f5e-9a3b-2d6c7e8f9a01");
  g_assert_nonnull (strstr (apl_plan_get_scenario_summary (plan), "press & social media"));

  exported = apl_plan_export_to_bytes (ws.store, plan, &error);
  g_assert_no_error (error);
  assert_same_bytes (expected, exported);

  g_clear_object (&plan);
  test_workspace_clear (&ws);
}

static void
test_layout (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_start = NULL;
  TestWorkspace ws;

  test_workspace_init (&ws);
  plan = test_workspace_add_plan (&ws, "Flood");
  bytes = apl_plan_export_to_bytes (ws.store, plan, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  expected_start = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                    "<plan xmlns=\"https://aplomb.github.io/ns/plan/1\" format=\"3\" id=\"%s\">\n"
                                    "  <title>Flood</title>\n"
                                    "  <organisation></organisation>\n"
                                    "  <owner></owner>\n"
                                    "  <language>",
                                    apl_plan_get_uuid (plan));
  g_assert_true (g_str_has_prefix (text, expected_start));
  g_assert_true (g_str_has_suffix (text, "  </organisation-profile>\n</plan>\n"));

  /* No review date: the optional element is left out, not written empty. */
  g_assert_null (strstr (text, "next-review"));
  g_assert_null (strstr (text, "\r"));

  g_clear_object (&plan);
  test_workspace_clear (&ws);
}

static GPtrArray *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* The file is private, complete, and written through a temporary file that
 * does not stay behind. */
static void
test_export_file (void)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *missing = NULL;
  TestWorkspace ws;
  int old_umask;

  test_workspace_init (&ws);
  plan = add_full_plan (&ws);
  bytes = apl_plan_export_to_bytes (ws.store, plan, &error);
  g_assert_no_error (error);

  out_dir = g_build_filename (ws.dir, "exports", NULL);
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  out = g_build_filename (out_dir, "plan.xml", NULL);

  /* Even with a permissive umask the file is the owner's alone. */
  old_umask = umask (0);
  g_assert_true (apl_plan_export (ws.store, plan, out, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (out), ==, 0600);
  written = test_read_file (out);
  assert_same_bytes (bytes, written);

  names = list_folder (out_dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "plan.xml");

  /* Over an existing, readable file: replaced whole, and made private. */
  g_assert_true (g_file_set_contents (out, "old content", -1, NULL));
  g_assert_cmpint (g_chmod (out, 0644), ==, 0);
  g_assert_true (apl_plan_export (ws.store, plan, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (out), ==, 0600);
  g_clear_pointer (&written, g_bytes_unref);
  written = test_read_file (out);
  assert_same_bytes (bytes, written);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_folder (out_dir);
  g_assert_cmpuint (names->len, ==, 1);

  /* A folder that does not exist: a clear error, nothing created. */
  missing = g_build_filename (ws.dir, "no-such-folder", "plan.xml", NULL);
  g_assert_false (apl_plan_export (ws.store, plan, missing, &error));
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  /* A folder in the way: refused, and the folder left alone. */
  g_assert_false (apl_plan_export (ws.store, plan, out_dir, &error));
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (g_file_test (out_dir, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_folder (out_dir);
  g_assert_cmpuint (names->len, ==, 1);

  /* The temporary file of the failed attempt went too. */
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_folder (ws.dir);
  for (guint i = 0; i < names->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (names, i), ".exports"));

  g_clear_object (&plan);
  test_workspace_clear (&ws);
}

/* Writes @sql to the closed workspace directly, then opens it again: how a
 * value the store itself refuses (a control character) can still reach
 * it, from an older Aplomb or a hand edit. */
static void
poke_workspace (TestWorkspace *ws,
                const char    *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  apl_store_close (ws->store);
  g_clear_object (&ws->store);
  g_assert_cmpint (sqlite3_open (ws->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  ws->store = apl_store_open (ws->path, &error);
  g_assert_no_error (error);
}

/* The store refuses control characters when they are typed; one that
 * reached the workspace another way still cannot go into XML: refused with
 * the field named, and no file written. */
static void
test_control_character (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *uuid = NULL;
  AplOrganisation *organisation;
  AplPlan *plan;
  TestWorkspace ws;

  test_workspace_init (&ws);
  plan = test_workspace_add_plan (&ws, "Flood");
  uuid = g_strdup (apl_plan_get_uuid (plan));
  g_object_unref (plan);
  out = g_build_filename (ws.dir, "plan.xml", NULL);

  poke_workspace (&ws, "UPDATE plans SET scenario_summary = 'Ring the bell' || char (7) || ' now'");
  plan = apl_store_find_plan_by_uuid (ws.store, uuid);
  g_assert_false (apl_plan_export (ws.store, plan, out, &error));
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER);
  g_assert_cmpstr (error->message, ==,
                   "The scenario summary contains a character that cannot be written to a plan file (U+0007).");
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  bytes = apl_plan_export_to_bytes (ws.store, plan, &error);
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER);
  g_assert_null (bytes);
  g_clear_error (&error);

  poke_workspace (&ws, "UPDATE plans SET scenario_summary = 'Fine again', title = 'Not a character: ' || char (65535)");
  plan = apl_store_find_plan_by_uuid (ws.store, uuid);
  g_assert_false (apl_plan_export (ws.store, plan, out, &error));
  g_assert_cmpstr (error->message, ==,
                   "The title contains a character that cannot be written to a plan file (U+FFFF).");
  g_clear_error (&error);

  poke_workspace (&ws, "UPDATE plans SET title = 'Flood'; UPDATE organisation SET spokesperson = 'Esc' || char (27)");
  plan = apl_store_find_plan_by_uuid (ws.store, uuid);
  g_assert_false (apl_plan_export (ws.store, plan, out, &error));
  g_assert_cmpstr (error->message, ==,
                   "The spokesperson in the organisation profile contains a character that cannot be written to a plan file (U+001B).");
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Tab, line feed and carriage return are text, and go through. */
  organisation = apl_store_get_organisation (ws.store);
  apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_SPOKESPERSON, "A\tB\r\nC", &error);
  g_assert_no_error (error);
  g_assert_true (apl_plan_export (ws.store, plan, out, &error));
  g_assert_no_error (error);

  test_workspace_clear (&ws);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/export/round-trip", test_round_trip);
  g_test_add_func ("/xml/export/sample-is-canonical", test_sample_is_canonical);
  g_test_add_func ("/xml/export/layout", test_layout);
  g_test_add_func ("/xml/export/file", test_export_file);
  g_test_add_func ("/xml/export/control-character", test_control_character);

  return g_test_run ();
}
