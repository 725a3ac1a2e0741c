/* test-xml-live.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan file imported into a workspace that is already open and showing
 * its stakeholders: the register, its groups and relationships, and the
 * maps it has loaded follow the import at once (no restart), through
 * items-changed and notify, and the objects that were already there (the
 * ones the windows hold) stay the same objects. A replaced plan's message
 * list does the same.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "apl-messages.h"
#include "apl-stakeholder-register.h"
#include "test-util.h"
#include "xml-test-util.h"

/* Helpers */

/* A copy of a list model kept up to date only through its items-changed
 * signals, as a list view keeps its rows. If the model's signals are
 * wrong or missing, the copy no longer matches the model. */
typedef struct
{
  GListModel *model;
  GPtrArray  *items;
  guint       signals;
  gulong      handler;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (model));

  if (removed > 0)
    g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, (int) (position + i), g_list_model_get_item (model, position + i));
  mirror->signals++;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->model = model;
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  mirror->signals = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  mirror->handler = g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
}

static void
mirror_assert_matches (Mirror *mirror)
{
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (mirror->model));
  for (guint i = 0; i < mirror->items->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (mirror->model, i);

      g_assert_true (item == g_ptr_array_index (mirror->items, i));
    }
}

static void
mirror_clear (Mirror *mirror)
{
  g_signal_handler_disconnect (mirror->model, mirror->handler);
  g_clear_pointer (&mirror->items, g_ptr_array_unref);
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
  g_assert_nonnull (reg);
  return reg;
}

static AplPlacementList *
get_map (TestWorkspace *ws,
         AplPlan       *plan)
{
  g_autoptr(GError) error = NULL;
  AplPlacementList *map = apl_stakeholder_register_get_placements (get_register (ws), plan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
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

static AplStakeholderGroup *
find_group (AplStakeholderRegister *reg,
            const char             *name)
{
  GListModel *groups = apl_stakeholder_register_get_groups (reg);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (apl_stakeholder_group_get_name (group), name) == 0)
        return group;
    }
  return NULL;
}

static AplRelationship *
find_relationship (AplStakeholderRegister *reg,
                   AplStakeholder         *from,
                   AplStakeholder         *to,
                   AplRelationshipKind     kind)
{
  GListModel *relationships = apl_stakeholder_register_get_relationships (reg);

  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr(AplRelationship) relationship = g_list_model_get_item (relationships, i);

      if (apl_relationship_get_from (relationship) == from && apl_relationship_get_to (relationship) == to
          && apl_relationship_get_kind (relationship) == kind)
        return relationship;
    }
  return NULL;
}

static AplMessage *
find_message (GListModel *messages,
              const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);

      if (g_strcmp0 (apl_message_get_title (message), title) == 0)
        return message;
    }
  return NULL;
}

static void
assert_placement (AplPlacementList *map,
                  AplStakeholder   *stakeholder,
                  int               influence,
                  int               interest,
                  AplAttitude       attitude,
                  int               strength)
{
  AplPlacement *placement;

  g_assert_nonnull (stakeholder);
  placement = apl_placement_list_find (map, stakeholder);
  g_assert_nonnull (placement);
  g_assert_true (apl_placement_get_stakeholder (placement) == stakeholder);
  g_assert_cmpint (apl_placement_get_influence (placement), ==, influence);
  g_assert_cmpint (apl_placement_get_interest (placement), ==, interest);
  g_assert_cmpint (apl_placement_get_attitude (placement), ==, attitude);
  g_assert_cmpint (apl_placement_get_strength (placement), ==, strength);
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

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The plan a colleague sends: three stakeholders on the map (one in a
 * group of their own), two relationships and two messages. */
static AplPlan *
build_plan (TestWorkspace *ws)
{
  AplStakeholderRegister *reg = get_register (ws);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(AplMessage) other = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplStakeholder *courier, *prefecture, *mayor;
  AplStakeholderGroup *suppliers;
  AplPlacementList *map;
  AplPlan *plan;

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
  g_assert_true (apl_stakeholder_set_field (courier, APL_STAKEHOLDER_FIELD_CONCERNS, "Whether we knew", &error));
  g_assert_no_error (error);

  map = get_map (ws, plan);
  g_assert_nonnull (apl_placement_list_add (map, courier, 70, 85, APL_ATTITUDE_CRITIC, 2, &error));
  g_assert_nonnull (apl_placement_list_add (map, prefecture, 90, 40, APL_ATTITUDE_NEUTRAL, 1, &error));
  g_assert_nonnull (apl_placement_list_add (map, mayor, 20, 95, APL_ATTITUDE_SUPPORTER, 3, &error));
  g_assert_nonnull (apl_stakeholder_register_relate (reg, courier, mayor, APL_RELATIONSHIP_INFLUENCES, &error));
  g_assert_nonnull (apl_stakeholder_register_relate (reg, mayor, prefecture, APL_RELATIONSHIP_REPORTS_TO, &error));
  g_assert_no_error (error);

  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_BODY] = "We are aware of a leak.";
  message = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  fields[APL_MESSAGE_FIELD_TITLE] = "Staff briefing";
  fields[APL_MESSAGE_FIELD_BODY] = "Stay indoors.";
  other = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);

  return plan;
}

/* Tests */

/* The stakeholders page is open on a workspace with a stakeholder of its
 * own on another plan's map; a colleague's plan is imported as a new plan.
 * The page's list gains the file's new stakeholders, the new group and the
 * relationships without a restart; the stakeholder the workspace already
 * had (matched by name) is the same object, and the new plan's map shows
 * everyone where the file puts them. */
static void
test_new_import (void)
{
  g_autoptr(AplPlan) source = NULL;
  g_autoptr(AplPlan) local = NULL;
  g_autoptr(AplPlan) imported = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  AplStakeholder *ours, *courier, *mayor;
  AplStakeholderGroup *suppliers;
  AplPlacementList *local_map, *map;
  Mirror reg_mirror, group_mirror, rel_mirror, local_mirror;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  source = build_plan (&a);
  bytes = export_plan (&a, source);

  reg = get_register (&b);
  ours = apl_stakeholder_register_create (reg, "PREFECTURE de Police", APL_STAKEHOLDER_KIND_ORGANISATION,
                                          NULL, &error);
  g_assert_no_error (error);
  local = test_workspace_add_plan (&b, "Local flood");
  local_map = get_map (&b, local);
  g_assert_nonnull (apl_placement_list_add (local_map, ours, 10, 10, APL_ATTITUDE_NEUTRAL, 1, &error));
  g_assert_no_error (error);

  mirror_init (&reg_mirror, G_LIST_MODEL (reg));
  mirror_init (&group_mirror, apl_stakeholder_register_get_groups (reg));
  mirror_init (&rel_mirror, apl_stakeholder_register_get_relationships (reg));
  mirror_init (&local_mirror, G_LIST_MODEL (local_map));

  imported = import_bytes (&b, bytes, APL_PLAN_IMPORT_NEW);

  /* The register: two new stakeholders, ours kept. */
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reg)), ==, 3);
  g_assert_cmpuint (reg_mirror.signals, >=, 1);
  mirror_assert_matches (&reg_mirror);
  g_assert_true (apl_stakeholder_register_find (reg, apl_stakeholder_get_id (ours)) == ours);
  g_assert_true (find_stakeholder (reg, "PREFECTURE de Police") == ours);
  courier = find_stakeholder (reg, "Daily Courier");
  mayor = find_stakeholder (reg, "Jeanne Mayor");
  g_assert_nonnull (courier);
  g_assert_nonnull (mayor);
  g_assert_cmpstr (apl_stakeholder_get_field (courier, APL_STAKEHOLDER_FIELD_CONCERNS), ==, "Whether we knew");
  g_assert_cmpstr (apl_stakeholder_group_get_key (apl_stakeholder_get_group (courier)), ==, "media");

  /* The file's own group is in the list the group chooser shows, and is
   * the very object the new stakeholder points to. */
  suppliers = find_group (reg, "Suppliers");
  g_assert_nonnull (suppliers);
  g_assert_true (apl_stakeholder_get_group (mayor) == suppliers);
  g_assert_cmpuint (group_mirror.signals, ==, 1);
  mirror_assert_matches (&group_mirror);

  /* The relationships, between the register's objects. */
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_relationships (reg)), ==, 2);
  mirror_assert_matches (&rel_mirror);
  g_assert_nonnull (find_relationship (reg, courier, mayor, APL_RELATIONSHIP_INFLUENCES));
  g_assert_nonnull (find_relationship (reg, mayor, ours, APL_RELATIONSHIP_REPORTS_TO));

  /* The new plan's map, and the other plan's map untouched. */
  map = get_map (&b, imported);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 3);
  assert_placement (map, courier, 70, 85, APL_ATTITUDE_CRITIC, 2);
  assert_placement (map, ours, 90, 40, APL_ATTITUDE_NEUTRAL, 1);
  assert_placement (map, mayor, 20, 95, APL_ATTITUDE_SUPPORTER, 3);
  g_assert_cmpuint (local_mirror.signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (local_map)), ==, 1);
  assert_placement (local_map, ours, 10, 10, APL_ATTITUDE_NEUTRAL, 1);

  mirror_clear (&reg_mirror);
  mirror_clear (&group_mirror);
  mirror_clear (&rel_mirror);
  mirror_clear (&local_mirror);
  g_clear_object (&source);
  g_clear_object (&local);
  g_clear_object (&imported);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* The plan's map is open when a newer file of the same plan replaces it:
 * the colleague moved the Courier, took the Préfecture off the map and
 * added the harbour authority (in a new group, allied with the Courier).
 * The open map moves the Courier's dot (same placement, notify), drops the
 * Préfecture, shows the harbour, and the register and its relationships
 * follow, keeping every object that was there. */
static void
test_replace_map (void)
{
  g_autoptr(AplPlan) source = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *placed_sql = NULL;
  AplStakeholderRegister *reg_a, *reg;
  AplPlacementList *map_a, *map;
  AplStakeholder *courier, *prefecture, *mayor, *harbour;
  AplStakeholderGroup *port;
  AplPlacement *courier_place, *mayor_place;
  Mirror reg_mirror, map_mirror, group_mirror, rel_mirror;
  guint influence_notes = 0, quadrant_notes = 0, mayor_notes = 0;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  source = build_plan (&a);
  first = export_plan (&a, source);
  copy = import_bytes (&b, first, APL_PLAN_IMPORT_REPLACE);

  /* What the open window holds before the second import. */
  reg = get_register (&b);
  map = get_map (&b, copy);
  courier = find_stakeholder (reg, "Daily Courier");
  prefecture = find_stakeholder (reg, "Préfecture de police");
  mayor = find_stakeholder (reg, "Jeanne Mayor");
  courier_place = apl_placement_list_find (map, courier);
  mayor_place = apl_placement_list_find (map, mayor);
  g_assert_nonnull (courier_place);
  g_assert_nonnull (mayor_place);
  g_assert_nonnull (apl_placement_list_find (map, prefecture));
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_relationships (reg)), ==, 2);
  g_signal_connect (courier_place, "notify::influence", G_CALLBACK (count_notify_cb), &influence_notes);
  g_signal_connect (courier_place, "notify::quadrant", G_CALLBACK (count_notify_cb), &quadrant_notes);
  g_signal_connect (mayor_place, "notify", G_CALLBACK (count_notify_cb), &mayor_notes);
  mirror_init (&reg_mirror, G_LIST_MODEL (reg));
  mirror_init (&map_mirror, G_LIST_MODEL (map));
  mirror_init (&group_mirror, apl_stakeholder_register_get_groups (reg));
  mirror_init (&rel_mirror, apl_stakeholder_register_get_relationships (reg));

  /* The colleague's changes. */
  reg_a = get_register (&a);
  map_a = get_map (&a, source);
  {
    AplStakeholder *their_courier = find_stakeholder (reg_a, "Daily Courier");
    AplStakeholder *their_harbour;
    AplStakeholderGroup *their_port;
    AplPlacement *place = apl_placement_list_find (map_a, their_courier);

    g_assert_true (apl_placement_set_position (place, 10, 20, &error));
    g_assert_true (apl_placement_set_attitude (place, APL_ATTITUDE_SUPPORTER, 3, &error));
    g_assert_true (apl_placement_list_remove (map_a,
                                              apl_placement_list_find (map_a, find_stakeholder (reg_a, "Préfecture de police")),
                                              &error));
    their_port = apl_stakeholder_register_add_group (reg_a, "Port", &error);
    g_assert_no_error (error);
    their_harbour = apl_stakeholder_register_create (reg_a, "Harbour authority", APL_STAKEHOLDER_KIND_ORGANISATION,
                                                     their_port, &error);
    g_assert_no_error (error);
    g_assert_nonnull (apl_placement_list_add (map_a, their_harbour, 60, 65, APL_ATTITUDE_NEUTRAL, 2, &error));
    g_assert_nonnull (apl_stakeholder_register_relate (reg_a, their_harbour, their_courier,
                                                       APL_RELATIONSHIP_ALLIED_WITH, &error));
    g_assert_no_error (error);
  }
  second = export_plan (&a, source);

  again = import_bytes (&b, second, APL_PLAN_IMPORT_REPLACE);
  g_assert_true (again == copy);

  /* The database first: what the open objects must now agree with. */
  placed_sql = g_strdup_printf ("SELECT count(*) FROM stakeholder_placements WHERE plan_id = %" G_GINT64_FORMAT,
                                apl_plan_get_id (copy));
  g_assert_cmpint (count_rows (&b, placed_sql), ==, 3);

  /* The register: one more stakeholder, the others the same objects. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reg)), ==, 4);
  g_assert_cmpuint (reg_mirror.signals, ==, 1);
  mirror_assert_matches (&reg_mirror);
  g_assert_true (apl_stakeholder_register_find (reg, apl_stakeholder_get_id (courier)) == courier);
  g_assert_true (apl_stakeholder_register_find (reg, apl_stakeholder_get_id (prefecture)) == prefecture);
  g_assert_true (apl_stakeholder_register_find (reg, apl_stakeholder_get_id (mayor)) == mayor);
  harbour = find_stakeholder (reg, "Harbour authority");
  g_assert_nonnull (harbour);
  port = find_group (reg, "Port");
  g_assert_nonnull (port);
  g_assert_true (apl_stakeholder_get_group (harbour) == port);
  g_assert_cmpuint (group_mirror.signals, ==, 1);
  mirror_assert_matches (&group_mirror);

  /* Relationships: the file's new one added, none removed. */
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_register_get_relationships (reg)), ==, 3);
  mirror_assert_matches (&rel_mirror);
  g_assert_nonnull (find_relationship (reg, harbour, courier, APL_RELATIONSHIP_ALLIED_WITH));
  g_assert_nonnull (find_relationship (reg, courier, mayor, APL_RELATIONSHIP_INFLUENCES));

  /* The open map: the Préfecture gone, the harbour there, the Courier's
   * dot moved in place, the mayor untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 3);
  g_assert_cmpuint (map_mirror.signals, >=, 2);
  mirror_assert_matches (&map_mirror);
  g_assert_null (apl_placement_list_find (map, prefecture));
  g_assert_true (apl_placement_list_find (map, courier) == courier_place);
  g_assert_true (apl_placement_list_find (map, mayor) == mayor_place);
  assert_placement (map, courier, 10, 20, APL_ATTITUDE_SUPPORTER, 3);
  assert_placement (map, mayor, 20, 95, APL_ATTITUDE_SUPPORTER, 3);
  assert_placement (map, harbour, 60, 65, APL_ATTITUDE_NEUTRAL, 2);
  g_assert_cmpuint (influence_notes, ==, 1);
  g_assert_cmpuint (quadrant_notes, ==, 1);
  g_assert_cmpuint (mayor_notes, ==, 0);
  g_assert_cmpint (apl_placement_get_quadrant (courier_place), ==, APL_QUADRANT_MONITOR);

  /* What the workspace exports is what the colleague sent. */
  after = export_plan (&b, copy);
  g_assert_cmpmem (g_bytes_get_data (second, NULL), g_bytes_get_size (second),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));

  /* And the moved dot still saves: the object is the workspace's row. */
  g_assert_true (apl_placement_set_position (courier_place, 15, 25, &error));
  g_assert_no_error (error);

  mirror_clear (&reg_mirror);
  mirror_clear (&map_mirror);
  mirror_clear (&group_mirror);
  mirror_clear (&rel_mirror);
  g_clear_object (&source);
  g_clear_object (&copy);
  g_clear_object (&again);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* The mayor was deleted (Undo still offered) when a file of the plan
 * without the mayor replaced it. Undo brings the mayor back to the
 * register but not onto that map, which no longer has a place for them. */
static void
test_replace_hidden (void)
{
  g_autoptr(AplPlan) source = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  AplStakeholderRegister *reg, *reg_a;
  AplPlacementList *map, *map_a;
  AplStakeholder *mayor;
  Mirror map_mirror;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  source = build_plan (&a);
  first = export_plan (&a, source);
  copy = import_bytes (&b, first, APL_PLAN_IMPORT_REPLACE);

  reg = get_register (&b);
  map = get_map (&b, copy);
  mayor = find_stakeholder (reg, "Jeanne Mayor");
  g_object_ref (mayor);
  g_assert_true (apl_stakeholder_register_delete (reg, mayor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 2);

  reg_a = get_register (&a);
  map_a = get_map (&a, source);
  g_assert_true (apl_placement_list_remove (map_a, apl_placement_list_find (map_a, find_stakeholder (reg_a, "Jeanne Mayor")),
                                            &error));
  g_assert_no_error (error);
  second = export_plan (&a, source);

  mirror_init (&map_mirror, G_LIST_MODEL (map));
  again = import_bytes (&b, second, APL_PLAN_IMPORT_REPLACE);
  mirror_assert_matches (&map_mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 2);

  g_assert_true (apl_stakeholder_register_undelete (reg, mayor, &error));
  g_assert_no_error (error);
  g_assert_true (find_stakeholder (reg, "Jeanne Mayor") == mayor);
  sql = g_strdup_printf ("SELECT count(*) FROM stakeholder_placements WHERE stakeholder_id = %" G_GINT64_FORMAT,
                         apl_stakeholder_get_id (mayor));
  g_assert_cmpint (count_rows (&b, sql), ==, 0);
  g_assert_null (apl_placement_list_find (map, mayor));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 2);
  mirror_assert_matches (&map_mirror);

  mirror_clear (&map_mirror);
  g_object_unref (mayor);
  g_clear_object (&source);
  g_clear_object (&copy);
  g_clear_object (&again);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* The Courier was deleted (Undo still offered) when the same file came in
 * again as a new plan: the import erases the deleted Courier and adds the
 * file's, possibly under the same id. The register shows the file's
 * Courier as a new object; the old one can no longer be restored, and
 * nothing of it comes back onto the first plan's map. */
static void
test_erased_stakeholder (void)
{
  g_autoptr(AplPlan) source = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) second = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AplStakeholderRegister *reg;
  AplPlacementList *map, *second_map;
  AplStakeholder *old_courier, *courier;
  Mirror reg_mirror, map_mirror;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  source = build_plan (&a);
  bytes = export_plan (&a, source);
  copy = import_bytes (&b, bytes, APL_PLAN_IMPORT_REPLACE);

  reg = get_register (&b);
  map = get_map (&b, copy);
  old_courier = g_object_ref (find_stakeholder (reg, "Daily Courier"));
  g_assert_true (apl_stakeholder_register_delete (reg, old_courier, &error));
  g_assert_no_error (error);
  mirror_init (&reg_mirror, G_LIST_MODEL (reg));
  mirror_init (&map_mirror, G_LIST_MODEL (map));

  second = import_bytes (&b, bytes, APL_PLAN_IMPORT_NEW);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM stakeholders WHERE deleted_at IS NOT NULL"), ==, 0);

  courier = find_stakeholder (reg, "Daily Courier");
  g_assert_nonnull (courier);
  g_assert_true (courier != old_courier);
  g_assert_cmpstr (apl_stakeholder_get_field (courier, APL_STAKEHOLDER_FIELD_CONCERNS), ==, "Whether we knew");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reg)), ==, 3);
  mirror_assert_matches (&reg_mirror);

  second_map = get_map (&b, second);
  assert_placement (second_map, courier, 70, 85, APL_ATTITUDE_CRITIC, 2);

  /* The old Courier's Undo fails; deleting and restoring the new one does
   * not bring the old one's place back onto the first plan's map. */
  g_assert_false (apl_stakeholder_register_undelete (reg, old_courier, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (apl_stakeholder_register_delete (reg, courier, &error));
  g_assert_true (apl_stakeholder_register_undelete (reg, courier, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, 2);
  g_assert_null (apl_placement_list_find (map, courier));
  g_assert_null (apl_placement_list_find (map, old_courier));
  mirror_assert_matches (&map_mirror);
  assert_placement (second_map, courier, 70, 85, APL_ATTITUDE_CRITIC, 2);

  mirror_clear (&reg_mirror);
  mirror_clear (&map_mirror);
  g_object_unref (old_courier);
  g_clear_object (&source);
  g_clear_object (&copy);
  g_clear_object (&second);
  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* The messages page is open on the plan when a newer file replaces it: the
 * edited message changes in place, the dropped one leaves, the new one
 * appears, all through the list's own signals. */
static void
test_replace_messages (void)
{
  g_autoptr(AplPlan) source = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) again = NULL;
  g_autoptr(AplMessage) added = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  GListModel *messages, *theirs;
  AplMessage *held;
  guint body_notes = 0;
  Mirror mirror;
  TestWorkspace a, b;

  test_workspace_init (&a);
  test_workspace_init (&b);
  source = build_plan (&a);
  first = export_plan (&a, source);
  copy = import_bytes (&b, first, APL_PLAN_IMPORT_REPLACE);

  messages = apl_store_get_messages (b.store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  held = find_message (messages, "Holding statement");
  g_assert_nonnull (held);
  g_signal_connect (held, "notify::body", G_CALLBACK (count_notify_cb), &body_notes);
  mirror_init (&mirror, messages);

  theirs = apl_store_get_messages (a.store, source, &error);
  g_assert_no_error (error);
  g_assert_true (apl_message_set_field (find_message (theirs, "Holding statement"), APL_MESSAGE_FIELD_BODY,
                                        "The leak is contained.", "Amara", &error));
  g_assert_true (apl_store_delete_message (a.store, find_message (theirs, "Staff briefing"), &error));
  fields[APL_MESSAGE_FIELD_TITLE] = "Road closures";
  fields[APL_MESSAGE_FIELD_BODY] = "Avoid the ring road.";
  added = apl_store_add_message (a.store, source, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  second = export_plan (&a, source);

  again = import_bytes (&b, second, APL_PLAN_IMPORT_REPLACE);
  g_assert_true (again == copy);

  sql = g_strdup_printf ("SELECT count(*) FROM messages WHERE plan_id = %" G_GINT64_FORMAT, apl_plan_get_id (copy));
  g_assert_cmpint (count_rows (&b, sql), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_cmpuint (mirror.signals, >=, 2);
  mirror_assert_matches (&mirror);
  g_assert_true (find_message (messages, "Holding statement") == held);
  g_assert_cmpstr (apl_message_get_body (held), ==, "The leak is contained.");
  g_assert_cmpuint (body_notes, ==, 1);
  g_assert_null (find_message (messages, "Staff briefing"));
  g_assert_nonnull (find_message (messages, "Road closures"));
  g_assert_cmpstr (apl_message_get_body (find_message (messages, "Road closures")), ==, "Avoid the ring road.");

  mirror_clear (&mirror);
  g_clear_object (&source);
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

  g_test_add_func ("/xml/live/new-import", test_new_import);
  g_test_add_func ("/xml/live/replace-map", test_replace_map);
  g_test_add_func ("/xml/live/replace-hidden", test_replace_hidden);
  g_test_add_func ("/xml/live/erased-stakeholder", test_erased_stakeholder);
  g_test_add_func ("/xml/live/replace-messages", test_replace_messages);

  return g_test_run ();
}
