/* xml-test-util.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xml-test-util.h"

void
test_workspace_init (TestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;

  ws->dir = test_make_tmp_dir ();
  ws->path = g_build_filename (ws->dir, "workspace.sqlite3", NULL);
  ws->store = apl_store_open (ws->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws->store);
}

void
test_workspace_clear (TestWorkspace *ws)
{
  g_clear_object (&ws->store);
  test_remove_tree (ws->dir);
  g_clear_pointer (&ws->dir, g_free);
  g_clear_pointer (&ws->path, g_free);
}

AplPlan *
test_workspace_add_plan (TestWorkspace *ws,
                         const char    *title)
{
  g_autoptr(GError) error = NULL;
  AplPlan *plan = apl_store_create_plan (ws->store, title, &error);

  g_assert_no_error (error);
  return plan;
}

/* Everything an import could change, as one string: the plans (uuid, every
 * field, times) and the organisation profile. Equal fingerprints before
 * and after a refused import mean the workspace is unchanged. */
char *
test_workspace_fingerprint (TestWorkspace *ws)
{
  GListModel *plans = apl_store_get_plans (ws->store);
  AplOrganisation *organisation = apl_store_get_organisation (ws->store);
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "|%s", apl_plan_get_id (plan), apl_plan_get_uuid (plan));
      for (guint f = 0; f < APL_PLAN_N_FIELDS; f++)
        g_string_append_printf (out, "|%s", apl_plan_get_field (plan, f));
      g_string_append_printf (out, "|%s|%s\n", apl_plan_get_created (plan), apl_plan_get_updated (plan));
    }
  for (guint f = 0; f < APL_ORGANISATION_N_FIELDS; f++)
    g_string_append_printf (out, "profile|%s\n", apl_organisation_get_field (organisation, f));

  /* What the file holds, not only what the objects say. */
  counts = apl_store_get_counts (ws->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      AplStoreCount *count = g_ptr_array_index (counts, i);

      g_string_append_printf (out, "count|%s|%" G_GINT64_FORMAT "\n", count->name, count->count);
    }

  return g_string_free (out, FALSE);
}

char *
test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "xml", name, NULL);
}

char *
test_sample_plan_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "sample-plan.xml", NULL);
}

/* Every line of a refused file's message is "NAME:LINE: message" (or
 * "NAME: message" for the file as a whole) so that editors can jump to it. */
void
test_assert_error_lines (const GError *error,
                         const char   *name)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  g_assert_nonnull (error);
  g_assert_true (error->domain == APL_XML_ERROR);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *rest;

      if (!g_str_has_prefix (lines[i], prefix))
        g_error ("Not a “%s:LINE: message” line: %s", name, lines[i]);
      rest = lines[i] + strlen (prefix);
      if (g_ascii_isdigit (*rest))
        {
          while (g_ascii_isdigit (*rest))
            rest++;
          g_assert_cmpint (*rest, ==, ':');
          rest++;
        }
      g_assert_cmpint (*rest, ==, ' ');
      g_assert_cmpint (rest[1], !=, '\0');
    }
}
