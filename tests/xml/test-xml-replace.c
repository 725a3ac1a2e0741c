/* test-xml-replace.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replacing a plan from its file while its pages are open: the crisis
 * cell and scenario lists the pages hold follow the file at once.
 */

#include <string.h>

#include "apl-crisis.h"
#include "test-util.h"
#include "xml-test-util.h"

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_crisis_lists_follow (void)
{
  TestWorkspace ws;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) same = NULL;
  g_autoptr(AplScenario) starter = NULL;
  g_autoptr(AplScenario) flood = NULL;
  g_autoptr(AplScenario) first = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GListModel *scenarios;
  GListModel *roles;
  guint n_roles;
  guint changed = 0;

  test_workspace_init (&ws);
  plan = test_workspace_add_plan (&ws, "Data breach");
  starter = apl_store_add_starter_scenario (ws.store, plan, APL_SCENARIO_KIND_CYBER_ATTACK, "en", &error);
  g_assert_no_error (error);

  bytes = apl_plan_export_to_bytes (ws.store, plan, &error);
  g_assert_no_error (error);
  path = g_build_filename (ws.dir, "breach.xml", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));

  /* What a page holds, then an edit the file does not have. */
  scenarios = apl_store_get_scenarios (ws.store, plan, &error);
  roles = apl_store_get_crisis_roles (ws.store, plan, &error);
  g_assert_no_error (error);
  n_roles = g_list_model_get_n_items (roles);
  g_assert_cmpuint (n_roles, >, 0);
  flood = apl_store_add_scenario (ws.store, plan, APL_SCENARIO_KIND_CYBER_ATTACK, "Flood", &error);
  g_assert_no_error (error);
  {
    g_autoptr(AplCrisisRole) lead = g_list_model_get_item (roles, 0);

    g_assert_true (apl_store_delete_crisis_role (ws.store, lead, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (roles), ==, n_roles - 1);

  g_signal_connect (scenarios, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  same = apl_plan_import (ws.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (same == plan);

  /* The same list objects, with the file's content, announced. */
  g_assert_true (apl_store_get_scenarios (ws.store, plan, NULL) == scenarios);
  g_assert_cmpuint (changed, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  first = g_list_model_get_item (scenarios, 0);
  g_assert_cmpstr (apl_scenario_get_title (first), ==, apl_scenario_get_title (starter));
  g_assert_cmpuint (g_list_model_get_n_items (roles), ==, n_roles);

  g_signal_handlers_disconnect_by_data (scenarios, &changed);
  test_workspace_clear (&ws);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/replace/crisis-lists-follow", test_crisis_lists_follow);
  return g_test_run ();
}
