/* test-stakeholders.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder register and the plans' maps as the window and the
 * command line see them: what is saved, what is refused, what a deletion
 * takes with it and what Undo brings back.
 */

#include "config.h"

#include <string.h>

#include "apl-stakeholder-register.h"
#include "apl-store-private.h"
#include "test-util.h"

/* Helpers */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GArray *
watch (gpointer model)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (Change));

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
  return changes;
}

static void
unwatch (gpointer  model,
         GArray   *changes)
{
  g_signal_handlers_disconnect_by_data (model, changes);
  g_array_unref (changes);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static AplStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (APL_IS_STORE (store));
  return store;
}

static AplStakeholderRegister *
get_register (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg = apl_stakeholder_register_get (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reg);
  return reg;
}

static AplPlan *
create_plan (AplStore   *store,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  AplPlan *plan = apl_store_create_plan (store, title, &error);

  g_assert_no_error (error);
  return plan;
}

static AplStakeholder *
create (AplStakeholderRegister *reg,
        const char             *name,
        const char             *group_key)
{
  g_autoptr(GError) error = NULL;
  AplStakeholder *stakeholder;

  stakeholder = apl_stakeholder_register_create (reg, name, APL_STAKEHOLDER_KIND_ORGANISATION,
                                                 apl_stakeholder_register_find_group (reg, group_key),
                                                 &error);
  g_assert_no_error (error);
  g_assert_true (APL_IS_STAKEHOLDER (stakeholder));
  return stakeholder;
}

static AplPlacementList *
map_of (AplStakeholderRegister *reg,
        AplPlan                *plan)
{
  g_autoptr(GError) error = NULL;
  AplPlacementList *list = apl_stakeholder_register_get_placements (reg, plan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static AplPlacement *
place (AplPlacementList *list,
       AplStakeholder   *stakeholder,
       int               influence,
       int               interest,
       AplAttitude       attitude,
       int               strength)
{
  g_autoptr(GError) error = NULL;
  AplPlacement *placement = apl_placement_list_add (list, stakeholder, influence, interest,
                                                    attitude, strength, &error);

  g_assert_no_error (error);
  g_assert_nonnull (placement);
  return placement;
}

static guint
n_items (gpointer model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static gint64
count (const char *path,
       const char *sql)
{
  return test_sqlite_int (path, sql);
}

static char *
workspace_path (char **dir)
{
  *dir = test_make_tmp_dir ();
  return g_build_filename (*dir, "workspace.sqlite3", NULL);
}

/* Register */

static void
test_register_crud (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  AplStakeholder *press, *union_rep, *again;
  AplStore *store;
  GArray *changes;
  guint notified = 0;

  store = open_store (path);
  reg = get_register (store);
  g_assert_true (get_register (store) == reg);
  g_assert_cmpuint (n_items (reg), ==, 0);

  changes = watch (reg);
  press = create (reg, "  Daily Courier \n", "media");
  union_rep = create (reg, "Water Workers’ Union", "unions");
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 1, 0, 1);
  unwatch (reg, changes);

  g_assert_cmpstr (apl_stakeholder_get_name (press), ==, "Daily Courier");
  g_assert_cmpstr (apl_stakeholder_get_group_name (press), ==, "Media");
  g_assert_cmpint (apl_stakeholder_get_kind (press), ==, APL_STAKEHOLDER_KIND_ORGANISATION);
  g_assert_true (apl_stakeholder_register_find (reg, apl_stakeholder_get_id (press)) == press);

  /* Every field is saved at once and notified once. */
  g_signal_connect (press, "notify::concerns", G_CALLBACK (count_cb), &notified);
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_CONCERNS, "Health of children", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_CONCERNS, "Health of children", &error));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_CHANNELS, "Email, phone", &error));
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_OWNER, "Claire Martin", &error));
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_DESCRIPTION, "Regional daily", &error));
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_NOTES, "Editor changes in June", &error));
  g_assert_true (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_LAST_REVIEWED, "2026-02-01", &error));
  g_assert_true (apl_stakeholder_set_kind (union_rep, APL_STAKEHOLDER_KIND_PERSON, &error));
  g_assert_true (apl_stakeholder_set_group (union_rep, apl_stakeholder_register_find_group (reg, "employees"), &error));
  g_assert_true (apl_stakeholder_set_name (union_rep, "Marc Dubois", &error));
  g_assert_no_error (error);

  /* Refused values change nothing, on disk or in memory. */
  g_assert_false (apl_stakeholder_set_name (press, "   ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (apl_stakeholder_get_name (press), ==, "Daily Courier");
  g_assert_false (apl_stakeholder_set_field (press, APL_STAKEHOLDER_FIELD_LAST_REVIEWED, "2026-02-30", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (apl_stakeholder_register_create (reg, "", APL_STAKEHOLDER_KIND_PERSON, NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_items (reg), ==, 2);

  g_assert_finalize_object (store);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholders"), ==, 2);

  /* Reopened, everything is as it was left. */
  store = open_store (path);
  reg = get_register (store);
  g_assert_cmpuint (n_items (reg), ==, 2);
  again = g_list_model_get_item (G_LIST_MODEL (reg), 0);
  g_assert_cmpstr (apl_stakeholder_get_name (again), ==, "Daily Courier");
  g_assert_cmpstr (apl_stakeholder_get_field (again, APL_STAKEHOLDER_FIELD_CONCERNS), ==, "Health of children");
  g_assert_cmpstr (apl_stakeholder_get_field (again, APL_STAKEHOLDER_FIELD_CHANNELS), ==, "Email, phone");
  g_assert_cmpstr (apl_stakeholder_get_field (again, APL_STAKEHOLDER_FIELD_OWNER), ==, "Claire Martin");
  g_assert_cmpstr (apl_stakeholder_get_field (again, APL_STAKEHOLDER_FIELD_LAST_REVIEWED), ==, "2026-02-01");
  g_object_unref (again);
  again = g_list_model_get_item (G_LIST_MODEL (reg), 1);
  g_assert_cmpstr (apl_stakeholder_get_name (again), ==, "Marc Dubois");
  g_assert_cmpint (apl_stakeholder_get_kind (again), ==, APL_STAKEHOLDER_KIND_PERSON);
  g_assert_cmpstr (apl_stakeholder_group_get_key (apl_stakeholder_get_group (again)), ==, "employees");
  g_object_unref (again);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static void
test_groups (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  AplStakeholderGroup *media, *custom;
  AplStakeholder *stakeholder;
  GListModel *groups;
  AplStore *store;
  guint notified = 0;

  store = open_store (path);
  reg = get_register (store);
  groups = apl_stakeholder_register_get_groups (reg);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 11);

  /* Seeded groups are stored by key and named at display time. */
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_groups WHERE key IS NOT NULL AND name = ''"), ==, 11);
  media = apl_stakeholder_register_find_group (reg, "media");
  g_assert_cmpstr (apl_stakeholder_group_get_name (media), ==, "Media");
  g_assert_cmpstr (apl_stakeholder_group_get_name (apl_stakeholder_register_find_group (reg, "ngos")), ==, "NGOs");
  g_assert_cmpstr (apl_stakeholder_group_get_name (apl_stakeholder_register_find_group (reg, "partners")),
                   ==, "Partners and suppliers");

  custom = apl_stakeholder_register_add_group (reg, " Elected officials ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_stakeholder_group_get_name (custom), ==, "Elected officials");
  g_assert_null (apl_stakeholder_group_get_key (custom));
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 12);
  g_assert_null (apl_stakeholder_register_add_group (reg, "  ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A stakeholder's group name follows a rename of its group. */
  stakeholder = create (reg, "Channel 5 News", "media");
  g_signal_connect (stakeholder, "notify::group-name", G_CALLBACK (count_cb), &notified);
  g_assert_true (apl_stakeholder_group_set_name (media, "Press and broadcast", &error));
  g_assert_no_error (error);
  g_assert_null (apl_stakeholder_group_get_key (media));
  g_assert_cmpstr (apl_stakeholder_get_group_name (stakeholder), ==, "Press and broadcast");
  g_assert_cmpuint (notified, ==, 1);

  /* A group in use cannot go; an unused one can. */
  g_assert_false (apl_stakeholder_register_remove_group (reg, media, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (apl_stakeholder_register_remove_group (reg, custom, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 11);
  g_assert_finalize_object (store);

  store = open_store (path);
  reg = get_register (store);
  g_assert_null (apl_stakeholder_register_find_group (reg, "media"));
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_groups (reg)), ==, 11);
  stakeholder = g_list_model_get_item (G_LIST_MODEL (reg), 0);
  g_assert_cmpstr (apl_stakeholder_get_group_name (stakeholder), ==, "Press and broadcast");
  g_object_unref (stakeholder);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Maps */

static void
test_placement_per_plan (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) flood = NULL;
  g_autoptr(AplPlan) strike = NULL;
  g_autoptr(AplPlacement) removed = NULL;
  AplStakeholderRegister *reg;
  AplPlacementList *flood_map, *strike_map;
  AplStakeholder *mayor, *press;
  AplPlacement *on_flood, *on_strike;
  AplStore *store;
  GArray *changes;

  store = open_store (path);
  reg = get_register (store);
  flood = create_plan (store, "Flood");
  strike = create_plan (store, "Strike");
  mayor = create (reg, "Mayor’s office", "authorities");
  press = create (reg, "Daily Courier", "media");

  flood_map = map_of (reg, flood);
  strike_map = map_of (reg, strike);
  g_assert_true (map_of (reg, flood) == flood_map);

  changes = watch (flood_map);
  place (flood_map, press, 40, 90, APL_ATTITUDE_CRITIC, 2);
  on_flood = place (flood_map, mayor, 90, 80, APL_ATTITUDE_SUPPORTER, 3);
  /* The map keeps register order, whatever the order of placing. */
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 0, 0, 1);
  unwatch (flood_map, changes);

  on_strike = place (strike_map, mayor, 20, 30, APL_ATTITUDE_NEUTRAL, 1);
  g_assert_cmpint (apl_placement_get_influence (on_flood), ==, 90);
  g_assert_cmpint (apl_placement_get_influence (on_strike), ==, 20);
  g_assert_cmpint (apl_placement_get_quadrant (on_flood), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpint (apl_placement_get_quadrant (on_strike), ==, APL_QUADRANT_MONITOR);
  g_assert_true (apl_placement_list_find (strike_map, mayor) == on_strike);
  g_assert_null (apl_placement_list_find (strike_map, press));

  /* Twice on one map is refused. */
  g_assert_null (apl_placement_list_add (flood_map, mayor, 10, 10, APL_ATTITUDE_NEUTRAL, 1, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Moving on one plan leaves the other plan's map alone. */
  g_assert_true (apl_placement_set_position (on_strike, 55, 65, &error));
  g_assert_no_error (error);
  g_assert_true (apl_placement_set_attitude (on_strike, APL_ATTITUDE_CRITIC, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (apl_placement_get_quadrant (on_strike), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpint (apl_placement_get_stance (on_strike), ==, -3);
  g_assert_cmpint (apl_placement_get_influence (on_flood), ==, 90);

  /* Removing from one map, with Undo bringing back the same values. */
  removed = g_object_ref (apl_placement_list_find (flood_map, press));
  changes = watch (flood_map);
  g_assert_true (apl_placement_list_remove (flood_map, removed, &error));
  g_assert_no_error (error);
  assert_change (changes, 0, 1, 1, 0);
  g_assert_cmpuint (n_items (flood_map), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_placements"), ==, 2);
  g_assert_true (apl_placement_list_restore (flood_map, removed, &error));
  g_assert_no_error (error);
  assert_change (changes, 1, 1, 0, 1);
  unwatch (flood_map, changes);
  g_assert_cmpuint (n_items (reg), ==, 2);
  g_clear_object (&flood);
  g_clear_object (&strike);
  g_assert_finalize_object (store);

  store = open_store (path);
  reg = get_register (store);
  flood = g_object_ref (apl_store_find_plan (store, 1));
  strike = g_object_ref (apl_store_find_plan (store, 2));
  flood_map = map_of (reg, flood);
  strike_map = map_of (reg, strike);
  g_assert_cmpuint (n_items (flood_map), ==, 2);
  g_assert_cmpuint (n_items (strike_map), ==, 1);
  on_flood = g_list_model_get_item (G_LIST_MODEL (flood_map), 0);
  g_assert_cmpint (apl_placement_get_influence (on_flood), ==, 90);
  g_assert_cmpint (apl_placement_get_interest (on_flood), ==, 80);
  g_assert_cmpint (apl_placement_get_attitude (on_flood), ==, APL_ATTITUDE_SUPPORTER);
  g_assert_cmpint (apl_placement_get_strength (on_flood), ==, 3);
  g_object_unref (on_flood);
  on_flood = g_list_model_get_item (G_LIST_MODEL (flood_map), 1);
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (on_flood)), ==, "Daily Courier");
  g_assert_cmpint (apl_placement_get_attitude (on_flood), ==, APL_ATTITUDE_CRITIC);
  g_assert_cmpint (apl_placement_get_strength (on_flood), ==, 2);
  g_object_unref (on_flood);
  on_strike = g_list_model_get_item (G_LIST_MODEL (strike_map), 0);
  g_assert_cmpint (apl_placement_get_influence (on_strike), ==, 55);
  g_assert_cmpint (apl_placement_get_interest (on_strike), ==, 65);
  g_assert_cmpint (apl_placement_get_attitude (on_strike), ==, APL_ATTITUDE_CRITIC);
  g_object_unref (on_strike);
  g_clear_object (&flood);
  g_clear_object (&strike);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static void
test_quadrant_boundaries (void)
{
  /* 50 belongs to the high side, on both axes. */
  g_assert_cmpint (apl_quadrant_for (49, 49), ==, APL_QUADRANT_MONITOR);
  g_assert_cmpint (apl_quadrant_for (49, 50), ==, APL_QUADRANT_KEEP_INFORMED);
  g_assert_cmpint (apl_quadrant_for (49, 51), ==, APL_QUADRANT_KEEP_INFORMED);
  g_assert_cmpint (apl_quadrant_for (50, 49), ==, APL_QUADRANT_KEEP_SATISFIED);
  g_assert_cmpint (apl_quadrant_for (51, 49), ==, APL_QUADRANT_KEEP_SATISFIED);
  g_assert_cmpint (apl_quadrant_for (50, 50), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpint (apl_quadrant_for (51, 51), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpint (apl_quadrant_for (0, 0), ==, APL_QUADRANT_MONITOR);
  g_assert_cmpint (apl_quadrant_for (100, 100), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpint (apl_quadrant_for (100, 0), ==, APL_QUADRANT_KEEP_SATISFIED);
  g_assert_cmpint (apl_quadrant_for (0, 100), ==, APL_QUADRANT_KEEP_INFORMED);

  g_assert_cmpstr (apl_quadrant_to_string (APL_QUADRANT_MANAGE_CLOSELY), ==, "manage-closely");
  g_assert_cmpstr (apl_quadrant_get_label (APL_QUADRANT_KEEP_SATISFIED), ==, "Keep satisfied");
}

static void
test_quadrant_notify (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  AplStakeholderRegister *reg;
  AplPlacement *placement;
  AplStore *store;
  guint quadrant_notified = 0, influence_notified = 0;

  store = open_store (path);
  reg = get_register (store);
  plan = create_plan (store, "Flood");
  placement = place (map_of (reg, plan), create (reg, "Regulator", "regulators"), 49, 50,
                     APL_ATTITUDE_NEUTRAL, 1);
  g_assert_cmpint (apl_placement_get_quadrant (placement), ==, APL_QUADRANT_KEEP_INFORMED);
  g_signal_connect (placement, "notify::quadrant", G_CALLBACK (count_cb), &quadrant_notified);
  g_signal_connect (placement, "notify::influence", G_CALLBACK (count_cb), &influence_notified);

  g_assert_true (apl_placement_set_influence (placement, 50, &error));
  g_assert_cmpint (apl_placement_get_quadrant (placement), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpuint (quadrant_notified, ==, 1);
  g_assert_true (apl_placement_set_influence (placement, 51, &error));
  g_assert_cmpuint (quadrant_notified, ==, 1);
  g_assert_cmpuint (influence_notified, ==, 2);
  g_assert_true (apl_placement_set_interest (placement, 49, &error));
  g_assert_no_error (error);
  g_assert_cmpint (apl_placement_get_quadrant (placement), ==, APL_QUADRANT_KEEP_SATISFIED);
  g_assert_cmpuint (quadrant_notified, ==, 2);

  g_clear_object (&plan);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

static void
test_range_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  AplStakeholderRegister *reg;
  AplPlacementList *map;
  AplStakeholder *stakeholder;
  AplPlacement *placement;
  AplStore *store;
  guint notified = 0;
  const struct { int influence, interest, strength; } bad[] = {
    { 101, 50, 1 }, { -1, 50, 1 }, { 50, 101, 1 }, { 50, -5, 1 }, { 50, 50, 0 }, { 50, 50, 4 },
  };

  store = open_store (path);
  reg = get_register (store);
  plan = create_plan (store, "Flood");
  map = map_of (reg, plan);
  stakeholder = create (reg, "Residents’ association", "communities");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (apl_placement_list_add (map, stakeholder, bad[i].influence, bad[i].interest,
                                             APL_ATTITUDE_NEUTRAL, bad[i].strength, &error));
      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpuint (n_items (map), ==, 0);

  /* The edges themselves are fine. */
  placement = place (map, stakeholder, 0, 100, APL_ATTITUDE_SUPPORTER, 3);
  g_signal_connect (placement, "notify", G_CALLBACK (count_cb), &notified);

  g_assert_false (apl_placement_set_position (placement, 101, 20, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "101"));
  g_clear_error (&error);
  g_assert_false (apl_placement_set_interest (placement, -1, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_placement_set_attitude (placement, APL_ATTITUDE_CRITIC, 9, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpint (apl_placement_get_influence (placement), ==, 0);
  g_assert_cmpint (apl_placement_get_interest (placement), ==, 100);
  g_assert_cmpint (count (path, "SELECT influence * 1000 + interest FROM stakeholder_placements"), ==, 100);

  g_clear_object (&plan);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

/* Relationships */

static void
test_relationships (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  AplStakeholder *minister, *regulator, *ngo;
  AplRelationship *relationship;
  GListModel *relationships;
  AplStore *store;

  store = open_store (path);
  reg = get_register (store);
  minister = create (reg, "Ministry of Health", "authorities");
  regulator = create (reg, "Water regulator", "regulators");
  ngo = create (reg, "Clean Rivers", "ngos");
  relationships = apl_stakeholder_register_get_relationships (reg);

  relationship = apl_stakeholder_register_relate (reg, regulator, minister, APL_RELATIONSHIP_REPORTS_TO, &error);
  g_assert_no_error (error);
  g_assert_true (apl_relationship_get_from (relationship) == regulator);
  g_assert_true (apl_relationship_get_to (relationship) == minister);
  g_assert_nonnull (apl_stakeholder_register_relate (reg, ngo, regulator, APL_RELATIONSHIP_INFLUENCES, &error));
  g_assert_nonnull (apl_stakeholder_register_relate (reg, ngo, minister, APL_RELATIONSHIP_ALLIED_WITH, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 3);

  g_assert_null (apl_stakeholder_register_relate (reg, ngo, regulator, APL_RELATIONSHIP_INFLUENCES, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (apl_stakeholder_register_relate (reg, ngo, ngo, APL_RELATIONSHIP_ALLIED_WITH, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (apl_stakeholder_register_unrelate (reg, relationship, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 2);
  g_assert_finalize_object (store);

  store = open_store (path);
  reg = get_register (store);
  relationships = apl_stakeholder_register_get_relationships (reg);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 2);
  relationship = g_list_model_get_item (relationships, 0);
  g_assert_cmpstr (apl_stakeholder_get_name (apl_relationship_get_from (relationship)), ==, "Clean Rivers");
  g_assert_cmpstr (apl_stakeholder_get_name (apl_relationship_get_to (relationship)), ==, "Water regulator");
  g_assert_cmpint (apl_relationship_get_kind (relationship), ==, APL_RELATIONSHIP_INFLUENCES);
  g_object_unref (relationship);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Deletion and cascades */

static void
test_delete_stakeholder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) flood = NULL;
  g_autoptr(AplPlan) strike = NULL;
  g_autoptr(AplPlan) drill = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(AplStakeholder) press = NULL;
  AplStakeholderRegister *reg;
  AplPlacementList *flood_map, *strike_map;
  AplStakeholder *mayor;
  AplStore *store;
  GArray *changes;

  store = open_store (path);
  reg = get_register (store);
  flood = create_plan (store, "Flood");
  strike = create_plan (store, "Strike");
  drill = create_plan (store, "Drill");
  mayor = create (reg, "Mayor’s office", "authorities");
  press = g_object_ref (create (reg, "Daily Courier", "media"));
  flood_map = map_of (reg, flood);
  strike_map = map_of (reg, strike);
  place (flood_map, mayor, 80, 80, APL_ATTITUDE_SUPPORTER, 2);
  place (flood_map, press, 60, 90, APL_ATTITUDE_CRITIC, 3);
  place (strike_map, press, 30, 40, APL_ATTITUDE_NEUTRAL, 1);
  place (map_of (reg, drill), press, 50, 50, APL_ATTITUDE_NEUTRAL, 1);
  g_assert_nonnull (apl_stakeholder_register_relate (reg, press, mayor, APL_RELATIONSHIP_INFLUENCES, &error));

  /* Before removing it, the window can say which plans it is on; a plan
   * in the bin does not count. */
  g_assert_true (apl_store_delete_plan (store, drill, &error));
  plans = apl_stakeholder_register_list_plans (reg, press, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_true (g_ptr_array_index (plans, 0) == flood);
  g_assert_true (g_ptr_array_index (plans, 1) == strike);
  g_clear_pointer (&plans, g_ptr_array_unref);

  changes = watch (flood_map);
  g_assert_true (apl_stakeholder_register_delete (reg, press, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (reg), ==, 1);
  g_assert_cmpuint (n_items (flood_map), ==, 1);
  g_assert_cmpuint (n_items (strike_map), ==, 0);
  assert_change (changes, 0, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_relationships (reg)), ==, 0);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholders WHERE deleted_at IS NULL"), ==, 1);

  /* Undo brings it back everywhere, where it was. */
  g_assert_true (apl_stakeholder_register_undelete (reg, press, &error));
  g_assert_no_error (error);
  assert_change (changes, 1, 1, 0, 1);
  unwatch (flood_map, changes);
  g_assert_cmpuint (n_items (reg), ==, 2);
  g_assert_cmpint (apl_placement_get_interest (apl_placement_list_find (flood_map, press)), ==, 90);
  g_assert_cmpint (apl_placement_get_influence (apl_placement_list_find (strike_map, press)), ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_relationships (reg)), ==, 1);

  /* Deleted again and not undone: gone for good at the next opening, with
   * its places and relationships. */
  g_assert_true (apl_stakeholder_register_delete (reg, press, &error));
  g_clear_object (&flood);
  g_clear_object (&strike);
  g_clear_object (&drill);
  g_clear_object (&press);
  g_assert_finalize_object (store);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholders"), ==, 2);

  store = open_store (path);
  reg = get_register (store);
  g_assert_cmpuint (n_items (reg), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholders"), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_placements"), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_relationships"), ==, 0);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static void
test_plan_purge_cascades (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) flood = NULL;
  g_autoptr(AplPlan) strike = NULL;
  AplStakeholderRegister *reg;
  AplStakeholder *press;
  AplStore *store;

  store = open_store (path);
  reg = get_register (store);
  flood = create_plan (store, "Flood");
  strike = create_plan (store, "Strike");
  press = create (reg, "Daily Courier", "media");
  place (map_of (reg, flood), press, 60, 90, APL_ATTITUDE_CRITIC, 3);
  place (map_of (reg, strike), press, 30, 40, APL_ATTITUDE_NEUTRAL, 1);

  g_assert_true (apl_store_delete_plan (store, flood, &error));
  g_assert_no_error (error);
  /* In the bin, the plan keeps its map for Undo. */
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_placements"), ==, 2);
  g_assert_true (apl_store_purge_deleted_plans (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_placements"), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholder_placements WHERE plan_id = 2"), ==, 1);
  /* The stakeholder stays in the register. */
  g_assert_cmpint (count (path, "SELECT count(*) FROM stakeholders"), ==, 1);
  g_assert_cmpuint (n_items (reg), ==, 1);

  g_clear_object (&flood);
  g_clear_object (&strike);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

/* Migrations */

static void
test_migration (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = workspace_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  AplStakeholderRegister *reg;
  AplStore *store;

  g_assert_cmpint (apl_store_get_latest_schema_version (), >=, 3);

  /* A workspace from before stakeholders existed... */
  store = apl_store_open_at_version (path, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (apl_store_get_schema_version (store), ==, 2);
  plan = create_plan (store, "Flood");
  g_clear_object (&plan);
  g_assert_finalize_object (store);
  g_assert_cmpint (count (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'stakeholders'"), ==, 0);

  /* ...is brought up to date, with its plans, and the register works. */
  store = open_store (path);
  g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
  g_assert_nonnull (apl_store_get_backup_path (store));
  reg = get_register (store);
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_groups (reg)), ==, 11);
  place (map_of (reg, apl_store_find_plan (store, 1)), create (reg, "Staff", "employees"), 10, 90,
         APL_ATTITUDE_SUPPORTER, 1);
  g_assert_finalize_object (store);

  g_assert_cmpint (count (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  test_remove_tree (dir);
}

/* Command line */

static void
run_tool (const char  *path,
          const char  *plan_id,
          int         *status,
          char       **out,
          char       **err)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawn (launcher, &error, tool, "--workspace", path,
                                         "stakeholders", "list", plan_id, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *status = g_subprocess_get_exit_status (process);
}

static void
test_cli_list (void)
{
  const char *tool = g_getenv ("APLOMB_TOOL");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) empty = NULL;
  AplStakeholderRegister *reg;
  AplPlacementList *map;
  AplStakeholder *mayor, *press, *staff;
  AplStore *store;
  int status = -1;

  if (tool == NULL || *tool == '\0')
    {
      g_test_skip ("APLOMB_TOOL is not set");
      return;
    }

  path = workspace_path (&dir);
  store = open_store (path);
  reg = get_register (store);
  plan = create_plan (store, "Flood");
  empty = create_plan (store, "Empty");
  mayor = create (reg, "Mayor’s office", "authorities");
  press = create (reg, "Daily\tCourier", "media");
  staff = create (reg, "Staff", "employees");
  map = map_of (reg, plan);
  place (map, mayor, 50, 50, APL_ATTITUDE_SUPPORTER, 2);
  place (map, press, 49, 51, APL_ATTITUDE_CRITIC, 3);
  place (map, staff, 51, 49, APL_ATTITUDE_NEUTRAL, 1);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "\tMayor’s office\tAuthorities\t50\t50\tsupporter\tmanage-closely\n"
                              "%" G_GINT64_FORMAT "\tDaily Courier\tMedia\t49\t51\tcritic\tkeep-informed\n"
                              "%" G_GINT64_FORMAT "\tStaff\tEmployees\t51\t49\tneutral\tkeep-satisfied\n",
                              apl_stakeholder_get_id (mayor), apl_stakeholder_get_id (press),
                              apl_stakeholder_get_id (staff));
  g_clear_object (&plan);
  g_clear_object (&empty);
  g_assert_finalize_object (store);

  run_tool (path, "1", &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_tool (path, "2", &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An unknown plan is an error the user can act on. */
  run_tool (path, "99", &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool (path, "flood", &status, &out, &err);
  g_assert_cmpint (status, ==, 1);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stakeholders/register/crud", test_register_crud);
  g_test_add_func ("/stakeholders/register/groups", test_groups);
  g_test_add_func ("/stakeholders/map/per-plan", test_placement_per_plan);
  g_test_add_func ("/stakeholders/map/quadrant-boundaries", test_quadrant_boundaries);
  g_test_add_func ("/stakeholders/map/quadrant-notify", test_quadrant_notify);
  g_test_add_func ("/stakeholders/map/range-refused", test_range_refused);
  g_test_add_func ("/stakeholders/relationships", test_relationships);
  g_test_add_func ("/stakeholders/delete/stakeholder", test_delete_stakeholder);
  g_test_add_func ("/stakeholders/delete/plan-purge", test_plan_purge_cascades);
  g_test_add_func ("/stakeholders/migration", test_migration);
  g_test_add_func ("/stakeholders/cli/list", test_cli_list);

  return g_test_run ();
}
