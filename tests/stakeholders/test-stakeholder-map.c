/* test-stakeholder-map.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholders page driven the way a user drives it: keyboard actions,
 * the drag gesture, the side panel's widgets, the list's sorting and
 * search, export; each checked against what the workspace then holds.
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <sqlite3.h>

#include "apl-stakeholder-groups-dialog.h"
#include "apl-stakeholder-map-private.h"
#include "apl-stakeholder-register.h"
#include "apl-stakeholders-page.h"

#define WAIT_SECONDS 10

typedef struct
{
  char                   *dir;
  char                   *path;
  AplStore               *store;
  AplStakeholderRegister *stakeholders;
  AplPlan                *plan;
  AplPlacementList       *placements;
  GtkWindow              *window;
  AplStakeholdersPage    *page;
  AplStakeholderMap      *map;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

/* Main loop */

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return met;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 100;
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What the workspace holds, read behind the store's back */

static gint64
stored_int (Fixture    *fixture,
            const char *sql,
            gint64      stakeholder_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, stakeholder_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
stored_influence (Fixture      *fixture,
                  AplPlacement *placement)
{
  return stored_int (fixture, "SELECT influence FROM stakeholder_placements WHERE stakeholder_id = ?1",
                     apl_stakeholder_get_id (apl_placement_get_stakeholder (placement)));
}

static gint64
stored_interest (Fixture      *fixture,
                 AplPlacement *placement)
{
  return stored_int (fixture, "SELECT interest FROM stakeholder_placements WHERE stakeholder_id = ?1",
                     apl_stakeholder_get_id (apl_placement_get_stakeholder (placement)));
}

/* Widgets */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static gpointer
find_nth (gpointer root,
          GType    type,
          guint    n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), type, found);
  g_assert_cmpuint (found->len, >, n);
  return g_ptr_array_index (found, n);
}

static AdwEntryRow *
entry_row (Fixture    *fixture,
           const char *title)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (found, i)), title) == 0)
      return g_ptr_array_index (found, i);
  g_assert_not_reached ();
}

static GtkGestureDrag *
drag_gesture (AplStakeholderMap *map)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE_DRAG (controller);
    }
  g_assert_not_reached ();
}

static AplPlacement *
placement_at (Fixture *fixture,
              guint    position)
{
  g_autoptr(AplPlacement) placement = g_list_model_get_item (G_LIST_MODEL (fixture->placements), position);

  g_assert_nonnull (placement);
  return placement;
}

/* Fixture */

static const struct
{
  const char  *name;
  const char  *group;
  int          influence;
  int          interest;
  AplAttitude  attitude;
  int          strength;
} sample[] = {
  { "Mayor’s office", "authorities", 85, 80, APL_ATTITUDE_SUPPORTER, 3 },
  { "Préfecture du Rhône", "authorities", 90, 40, APL_ATTITUDE_NEUTRAL, 1 },
  { "Daily Courier", "media", 60, 90, APL_ATTITUDE_CRITIC, 2 },
  { "Residents’ association of the Riverside district", "communities", 30, 95, APL_ATTITUDE_CRITIC, 3 },
  { "Water regulator", "regulators", 95, 70, APL_ATTITUDE_NEUTRAL, 1 },
  { "Staff", "employees", 20, 75, APL_ATTITUDE_SUPPORTER, 2 },
  { "Household customers", "customers", 35, 85, APL_ATTITUDE_CRITIC, 1 },
  { "Investors", "investors", 70, 30, APL_ATTITUDE_NEUTRAL, 1 },
  { "Pipe supplier", "partners", 15, 20, APL_ATTITUDE_SUPPORTER, 1 },
  { "Clean Rivers", "ngos", 25, 60, APL_ATTITUDE_CRITIC, 2 },
  { "Water Workers’ Union", "unions", 45, 55, APL_ATTITUDE_NEUTRAL, 1 },
  { "Channel 5 News", "media", 62, 88, APL_ATTITUDE_NEUTRAL, 1 },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_sample = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  GtkWidget *header;
  GtkWidget *box;

  fixture->dir = g_dir_make_tmp ("aplomb-stakeholders-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->stakeholders = apl_stakeholder_register_get (fixture->store, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Drinking water contamination", &error);
  g_assert_no_error (error);
  fixture->placements = apl_stakeholder_register_get_placements (fixture->stakeholders, fixture->plan, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < MIN (n_sample, G_N_ELEMENTS (sample)); i++)
    {
      AplStakeholder *stakeholder =
        apl_stakeholder_register_create (fixture->stakeholders, sample[i].name, APL_STAKEHOLDER_KIND_ORGANISATION,
                                         apl_stakeholder_register_find_group (fixture->stakeholders, sample[i].group),
                                         &error);

      g_assert_no_error (error);
      g_assert_nonnull (apl_placement_list_add (fixture->placements, stakeholder, sample[i].influence,
                                                sample[i].interest, sample[i].attitude, sample[i].strength,
                                                &error));
      g_assert_no_error (error);
    }

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 760);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (apl_plan_get_title (fixture->plan),
                                                                                  "Stakeholders"));
  gtk_box_append (GTK_BOX (box), header);
  fixture->page = g_object_new (APL_TYPE_STAKEHOLDERS_PAGE, "vexpand", TRUE, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
  adw_window_set_content (ADW_WINDOW (fixture->window), box);

  apl_stakeholders_page_set_store (fixture->page, fixture->store);
  apl_stakeholders_page_set_plan (fixture->page, fixture->plan);
  fixture->map = apl_stakeholders_page_get_map (fixture->page);

  gtk_window_present (fixture->window);
  g_assert_true (wait_for (is_drawn, fixture->map));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  gtk_window_destroy (fixture->window);
  settle ();
  g_clear_object (&fixture->plan);
  g_assert_finalize_object (fixture->store);

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Keyboard */

static void
test_keyboard_moves (Fixture       *fixture,
                     gconstpointer  data)
{
  AplPlacement *mayor = placement_at (fixture, 0);
  AplPlacement *selected;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->map));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->map)));

  /* An arrow key with nothing selected selects the first card. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.select", "(ii)", 1, 0);
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == mayor);

  /* Shift+Right, Shift+Up: five points more interest, then influence. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.move", "(ii)", APL_STAKEHOLDER_MAP_KEY_STEP, 0);
  g_assert_cmpint (apl_placement_get_interest (mayor), ==, 85);
  g_assert_cmpint (stored_interest (fixture, mayor), ==, 85);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.move", "(ii)", 0, APL_STAKEHOLDER_MAP_KEY_STEP);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.move", "(ii)", 0, APL_STAKEHOLDER_MAP_KEY_STEP);
  g_assert_cmpint (apl_placement_get_influence (mayor), ==, 95);
  g_assert_cmpint (stored_influence (fixture, mayor), ==, 95);

  /* The edge holds: no value past 100 is ever tried. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.move", "(ii)", 0, APL_STAKEHOLDER_MAP_KEY_STEP);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.move", "(ii)", 0, APL_STAKEHOLDER_MAP_KEY_STEP);
  g_assert_cmpint (apl_placement_get_influence (mayor), ==, 100);
  g_assert_cmpint (stored_influence (fixture, mayor), ==, 100);

  /* Tab goes to the next card, Shift+Tab back; past the last card the
   * focus leaves the map. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->map), GTK_DIR_TAB_FORWARD));
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == placement_at (fixture, 1));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->map), GTK_DIR_TAB_BACKWARD));
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == mayor);
  apl_stakeholder_map_set_selected (fixture->map, placement_at (fixture, 11));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (fixture->map), GTK_DIR_TAB_FORWARD));

  /* Down from the top right corner selects a card below it. */
  apl_stakeholder_map_set_selected (fixture->map, mayor);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.select", "(ii)", 0, 1);
  selected = apl_stakeholder_map_get_selected (fixture->map);
  g_assert_nonnull (selected);
  g_assert_true (selected != mayor);
  g_assert_cmpint (apl_placement_get_influence (selected), <, 100);
}

/* Mouse */

static void
test_drag (Fixture       *fixture,
           gconstpointer  data)
{
  AplPlacement *staff = placement_at (fixture, 5);
  GtkGestureDrag *drag = drag_gesture (fixture->map);
  graphene_rect_t plot;
  double x, y, plot_w, plot_h;

  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (staff)), ==, "Staff");
  g_assert_true (apl_stakeholder_map_get_card_center (fixture->map, staff, &x, &y));

  /* The plot is the widget less the margins for the axis and quadrant
   * names and the legend: a fifth of its width is 20 points of interest. */
  apl_stakeholder_map_get_plot (fixture->map, &plot);
  plot_w = plot.size.width;
  plot_h = plot.size.height;
  g_assert_cmpfloat (plot_h, <, gtk_widget_get_height (GTK_WIDGET (fixture->map)) - 58);

  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == staff);
  g_signal_emit_by_name (drag, "drag-update", plot_w * 0.1, -plot_h * 0.1);
  /* Nothing is written while the card moves. */
  g_assert_cmpint (stored_interest (fixture, staff), ==, 75);
  g_signal_emit_by_name (drag, "drag-update", -plot_w * 0.2, -plot_h * 0.4);
  g_signal_emit_by_name (drag, "drag-end", -plot_w * 0.2, -plot_h * 0.4);

  g_assert_cmpint (apl_placement_get_interest (staff), ==, 55);
  g_assert_cmpint (apl_placement_get_influence (staff), ==, 60);
  g_assert_cmpint (stored_interest (fixture, staff), ==, 55);
  g_assert_cmpint (stored_influence (fixture, staff), ==, 60);
  g_assert_cmpint (apl_placement_get_quadrant (staff), ==, APL_QUADRANT_MANAGE_CLOSELY);

  /* Dragged off the grid, the values stop at the edges. */
  g_assert_true (apl_stakeholder_map_get_card_center (fixture->map, staff, &x, &y));
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-end", 5000.0, 5000.0);
  g_assert_cmpint (apl_placement_get_interest (staff), ==, 100);
  g_assert_cmpint (apl_placement_get_influence (staff), ==, 0);
  g_assert_cmpint (stored_influence (fixture, staff), ==, 0);

  /* A press on empty ground selects nothing and moves nothing. */
  g_signal_emit_by_name (drag, "drag-begin", 20.0, 10.0);
  g_signal_emit_by_name (drag, "drag-end", 30.0, 30.0);
  g_assert_cmpint (apl_placement_get_interest (staff), ==, 100);
}

/* Side panel */

static void
test_panel_in_sync (Fixture       *fixture,
                    gconstpointer  data)
{
  AplPlacement *courier = placement_at (fixture, 2);
  GtkSpinButton *influence = find_nth (fixture->page, GTK_TYPE_SPIN_BUTTON, 0);
  GtkSpinButton *interest = find_nth (fixture->page, GTK_TYPE_SPIN_BUTTON, 1);
  AdwEntryRow *name = entry_row (fixture, "Name");
  AdwEntryRow *concerns = entry_row (fixture, "Key Concerns");
  double x0, y0, x1, y1;

  apl_stakeholder_map_set_selected (fixture->map, courier);
  g_assert_true (apl_stakeholders_page_get_selected (fixture->page) == courier);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (influence), ==, 60);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (interest), ==, 90);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Daily Courier");

  /* The map moves when the panel changes... */
  g_assert_true (apl_stakeholder_map_get_card_center (fixture->map, courier, &x0, &y0));
  gtk_spin_button_set_value (influence, 20);
  g_assert_cmpint (apl_placement_get_influence (courier), ==, 20);
  g_assert_cmpint (stored_influence (fixture, courier), ==, 20);
  g_assert_true (apl_stakeholder_map_get_card_center (fixture->map, courier, &x1, &y1));
  g_assert_cmpfloat (y1, >, y0 + 50);

  /* ...and the panel follows the map. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "map.move", "(ii)", -APL_STAKEHOLDER_MAP_KEY_STEP, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (interest), ==, 85);

  /* The spin buttons clamp what is typed to the range. */
  gtk_spin_button_set_value (interest, 250);
  g_assert_cmpint (apl_placement_get_interest (courier), ==, 100);

  /* Text edits are saved as typed; a refused name is kept and marked. */
  gtk_editable_set_text (GTK_EDITABLE (concerns), "Boil-water notice");
  g_assert_cmpstr (apl_stakeholder_get_field (apl_placement_get_stakeholder (courier), APL_STAKEHOLDER_FIELD_CONCERNS),
                   ==, "Boil-water notice");
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (courier)), ==, "Daily Courier");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (name), "The Daily Courier");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (courier)), ==, "The Daily Courier");

  /* Selecting another card fills the panel with it. */
  apl_stakeholder_map_set_selected (fixture->map, placement_at (fixture, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Mayor’s office");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (influence), ==, 85);
}

/* Accessibility */

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  AplPlacement *mayor = placement_at (fixture, 0);
  AplPlacement *courier = placement_at (fixture, 2);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fixture->map)));
  gtk_test_accessible_assert_role (fixture->map, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (fixture->map, GTK_ACCESSIBLE_PROPERTY_LABEL, "Stakeholder map");

  apl_stakeholder_map_set_selected (fixture->map, mayor);
  gtk_test_accessible_assert_property (fixture->map, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Stakeholder map: Mayor’s office, Manage closely, Strong supporter");
  apl_stakeholder_map_set_selected (fixture->map, courier);
  gtk_test_accessible_assert_property (fixture->map, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Stakeholder map: Daily Courier, Manage closely, Critic");
  gtk_test_accessible_assert_property (fixture->map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Influence 60, interest 90. Arrow keys select another stakeholder; "
                                       "Shift and an arrow key moves this one.");

  /* A move that changes the quadrant is said at once. */
  g_assert_true (apl_placement_set_influence (courier, 10, &error));
  gtk_test_accessible_assert_property (fixture->map, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Stakeholder map: Daily Courier, Keep informed, Critic");
}

/* List */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  GtkColumnView *view = find_nth (fixture->page, GTK_TYPE_COLUMN_VIEW, 0);
  GtkSearchEntry *search = find_nth (fixture->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkToggleButton *list_toggle = find_nth (fixture->page, GTK_TYPE_TOGGLE_BUTTON, 1);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GtkColumnViewColumn) influence_column = NULL;
  g_autoptr(GtkColumnViewColumn) quadrant_column = NULL;
  g_autoptr(AplPlacement) first = NULL;
  g_autoptr(AplPlacement) last = NULL;
  GtkStack *stack;

  gtk_toggle_button_set_active (list_toggle, TRUE);
  /* The map/list stack holds the stack of this plan's list and the
   * register. */
  stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "plan");
  stack = GTK_STACK (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (stack)), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 12);

  /* Sorting by influence, from the most powerful down. */
  influence_column = g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (influence_column), ==, "Influence");
  gtk_column_view_sort_by_column (view, influence_column, GTK_SORT_DESCENDING);
  first = g_list_model_get_item (rows, 0);
  last = g_list_model_get_item (rows, 11);
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (first)), ==, "Water regulator");
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (last)), ==, "Pipe supplier");
  g_clear_object (&first);
  g_clear_object (&last);

  /* By quadrant: manage closely first. */
  quadrant_column = g_list_model_get_item (gtk_column_view_get_columns (view), 5);
  gtk_column_view_sort_by_column (view, quadrant_column, GTK_SORT_ASCENDING);
  first = g_list_model_get_item (rows, 0);
  last = g_list_model_get_item (rows, 11);
  g_assert_cmpint (apl_placement_get_quadrant (first), ==, APL_QUADRANT_MANAGE_CLOSELY);
  g_assert_cmpint (apl_placement_get_quadrant (last), ==, APL_QUADRANT_MONITOR);
  g_clear_object (&first);
  g_clear_object (&last);

  /* A search ignores case and accents. */
  gtk_editable_set_text (GTK_EDITABLE (search), "PREFECTURE");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (first)), ==, "Préfecture du Rhône");

  /* Choosing the row selects the card. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 0, TRUE);
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == first);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 12);
}

/* Adding and removing */

static void
test_add_remove_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AplPlacement) courier = g_object_ref (placement_at (fixture, 2));
  AplPlacement *added;

  apl_stakeholder_map_set_selected (fixture->map, courier);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.remove-from-plan", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->placements)), ==, 11);
  g_assert_null (apl_stakeholder_map_get_selected (fixture->map));
  g_assert_cmpint (stored_int (fixture, "SELECT count(*) FROM stakeholder_placements WHERE ?1 > 0", 1), ==, 11);
  /* Still in the register, ready for another plan or for Undo. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->stakeholders)), ==, 12);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.undo-remove", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->placements)), ==, 12);
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == courier);
  g_assert_cmpint (stored_influence (fixture, courier), ==, 60);
  g_assert_cmpint (stored_interest (fixture, courier), ==, 90);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.add", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->placements)), ==, 13);
  added = apl_stakeholder_map_get_selected (fixture->map);
  g_assert_nonnull (added);
  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (added)), ==, "New stakeholder");
  g_assert_cmpint (apl_placement_get_quadrant (added), ==, APL_QUADRANT_MONITOR);
  g_assert_true (gtk_widget_is_focus (gtk_window_get_focus (fixture->window))
                 && gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window),
                                            GTK_WIDGET (entry_row (fixture, "Name"))));

  /* Deleted from the register (it is on no other plan: no question), then
   * brought back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->stakeholders)), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->placements)), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.undo-delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->stakeholders)), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->placements)), ==, 13);
}

static void
test_relationships_toggle (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  GtkToggleButton *toggle = NULL;

  collect (GTK_WIDGET (fixture->page), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (toggles, i)), "Show Relationships") == 0)
      toggle = g_ptr_array_index (toggles, i);
  g_assert_nonnull (toggle);

  g_assert_true (apl_stakeholder_map_get_show_relationships (fixture->map));
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (apl_stakeholder_map_get_show_relationships (fixture->map));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (apl_stakeholder_map_get_show_relationships (fixture->map));
}

/* Export */

static void
test_export_png (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gboolean varied = FALSE;

  g_assert_true (apl_stakeholder_map_export_png (fixture->map, path, 800, 500, &error));
  g_assert_no_error (error);

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 500);

  /* Something is drawn: not one flat colour. */
  pixels = g_malloc (800 * 500 * 4);
  gdk_texture_download (texture, pixels, 800 * 4);
  for (gsize i = 4; i < 800 * 500 * 4 && !varied; i += 4)
    varied = memcmp (pixels, pixels + i, 4) != 0;
  g_assert_true (varied);

  /* An unwritable place is an error, not a crash. */
  g_assert_false (apl_stakeholder_map_export_png (fixture->map, "/nonexistent/folder/map.png", 800, 500, &error));
  g_assert_nonnull (error);
}

static void
test_export_svg (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autoptr(GError) error = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlChar *width, *height;

  g_assert_true (apl_stakeholder_map_export_svg (fixture->map, path, 1600, 1000, &error));
  g_assert_no_error (error);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  width = xmlGetProp (root, (const xmlChar *) "width");
  height = xmlGetProp (root, (const xmlChar *) "height");
  g_assert_true (g_str_has_prefix ((const char *) width, "1600"));
  g_assert_true (g_str_has_prefix ((const char *) height, "1000"));
  g_assert_nonnull (root->children);
  xmlFree (width);
  xmlFree (height);
  xmlFreeDoc (doc);
}

/* The screenshot for the documentation, written where
 * APLOMB_SCREENSHOT says; without it, the page is still drawn in full and
 * checked for its size. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *out = g_getenv ("APLOMB_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  AplStakeholder *regulator = apl_placement_get_stakeholder (placement_at (fixture, 4));
  AplStakeholder *mayor = apl_placement_get_stakeholder (placement_at (fixture, 0));
  AplStakeholder *ngo = apl_placement_get_stakeholder (placement_at (fixture, 9));
  AplStakeholder *residents = apl_placement_get_stakeholder (placement_at (fixture, 3));
  GtkSnapshot *snapshot;
  int width, height;

  g_assert_nonnull (apl_stakeholder_register_relate (fixture->stakeholders, regulator, mayor,
                                                     APL_RELATIONSHIP_INFLUENCES, &error));
  g_assert_nonnull (apl_stakeholder_register_relate (fixture->stakeholders, ngo, residents,
                                                     APL_RELATIONSHIP_ALLIED_WITH, &error));
  g_assert_no_error (error);
  if (g_strcmp0 (g_getenv ("APLOMB_SCREENSHOT_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  apl_stakeholder_map_set_selected (fixture->map, placement_at (fixture, 2));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->map));
  settle ();
  g_usleep (200000);
  settle ();

  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (out != NULL && *out != '\0')
    g_assert_true (gdk_texture_save_to_png (texture, out));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Helpers for the panel's newer parts */

static GtkWidget *
find_by_tooltip (gpointer    root,
                 GType       type,
                 const char *tooltip)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), type, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (found, i)), tooltip) == 0)
      return g_ptr_array_index (found, i);
  g_assert_not_reached ();
}

/* What a click does, without the short delay gtk_widget_activate() gives
 * a button to show itself pressed. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
find_by_action (gpointer    root,
                const char *action)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), GTK_TYPE_BUTTON, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (found, i)), action) == 0)
      return g_ptr_array_index (found, i);
  return NULL;
}

/* The relationship rows of the side panel, as the user sees them. */
static GPtrArray *
relationship_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "stakeholders.remove-relationship") == 0)
      g_ptr_array_add (rows, gtk_widget_get_ancestor (g_ptr_array_index (buttons, i), ADW_TYPE_ACTION_ROW));
  return rows;
}

static guint
position_of_name (GListModel *model,
                  const char *name)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      AplStakeholder *stakeholder = APL_IS_PLACEMENT (item) ? apl_placement_get_stakeholder (APL_PLACEMENT (item))
                                                            : APL_STAKEHOLDER (item);

      if (g_strcmp0 (apl_stakeholder_get_name (stakeholder), name) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* The map as exported, as pixels, to tell whether a line was drawn. */
static GBytes *
map_pixels (Fixture *fixture)
{
  g_autoptr(GskRenderNode) node = apl_stakeholder_map_render (fixture->map, 800, 500);
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels = g_malloc (800 * 500 * 4);

  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 800, 500));
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (texture, pixels, 800 * 4);
  return g_bytes_new_take (pixels, 800 * 500 * 4);
}

/* Relationships */

static void
test_relationships_panel (Fixture       *fixture,
                          gconstpointer  data)
{
  AplPlacement *mayor = placement_at (fixture, 0);
  AplPlacement *regulator = placement_at (fixture, 4);
  GtkDropDown *kind = GTK_DROP_DOWN (find_by_tooltip (fixture->page, GTK_TYPE_DROP_DOWN, "Kind of relationship"));
  GtkDropDown *target = GTK_DROP_DOWN (find_by_tooltip (fixture->page, GTK_TYPE_DROP_DOWN,
                                                        "The other stakeholder, on this plan"));
  GtkWidget *add = find_by_action (fixture->page, "stakeholders.add-relationship");
  GListModel *relationships = apl_stakeholder_register_get_relationships (fixture->stakeholders);
  g_autoptr(GBytes) without_line = NULL;
  g_autoptr(GBytes) with_line = NULL;
  g_autoptr(GBytes) after_undo = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *count_sql = "SELECT count(*) FROM stakeholder_relationships WHERE from_id = ?1";

  without_line = map_pixels (fixture);
  apl_stakeholder_map_set_selected (fixture->map, mayor);
  rows = relationship_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Anyone else on the plan can be the other end, not the mayor itself. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (target)), ==, 11);

  /* "Mayor's office reports to the Water regulator", with the panel's own
   * widgets, saved at once and drawn on the map at once. */
  gtk_drop_down_set_selected (kind, APL_RELATIONSHIP_REPORTS_TO);
  gtk_drop_down_set_selected (target, position_of_name (gtk_drop_down_get_model (target), "Water regulator"));
  g_assert_true (gtk_widget_is_sensitive (add));
  click (add);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 1);
  g_assert_cmpint (stored_int (fixture, count_sql, apl_stakeholder_get_id (apl_placement_get_stakeholder (mayor))), ==, 1);
  rows = relationship_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Reports to");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==, "Water regulator");
  g_clear_pointer (&rows, g_ptr_array_unref);
  with_line = map_pixels (fixture);
  g_assert_false (g_bytes_equal (without_line, with_line));

  /* The same again is refused, said on the drop-down, nothing doubled. */
  click (add);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (target), "error"));

  /* Seen from the other end. */
  apl_stakeholder_map_set_selected (fixture->map, regulator);
  rows = relationship_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Receives reports from");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==, "Mayor’s office");

  /* Its remove button removes it, from the workspace and the map... */
  click (find_by_action (g_ptr_array_index (rows, 0), "stakeholders.remove-relationship"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 0);
  g_assert_cmpint (stored_int (fixture, count_sql, apl_stakeholder_get_id (apl_placement_get_stakeholder (mayor))), ==, 0);
  rows = relationship_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    g_autoptr(GBytes) removed = map_pixels (fixture);

    g_assert_true (g_bytes_equal (without_line, removed));
  }

  /* ...and Undo brings it back, same direction, same kind. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.undo-remove-relationship", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 1);
  g_assert_cmpint (stored_int (fixture, count_sql, apl_stakeholder_get_id (apl_placement_get_stakeholder (mayor))), ==, 1);
  rows = relationship_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Receives reports from");
  after_undo = map_pixels (fixture);
  g_assert_true (g_bytes_equal (with_line, after_undo));
}

/* Groups */

static AplStakeholderGroupsDialog *
open_groups_dialog (Fixture *fixture)
{
  GList *toplevels;
  AplStakeholderGroupsDialog *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.edit-groups", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (APL_IS_STAKEHOLDER_GROUPS_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  return dialog;
}

static AdwEntryRow *
group_row (AplStakeholderGroupsDialog *dialog,
           const char                 *name)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_editable_get_text (g_ptr_array_index (found, i)), name) == 0)
      return g_ptr_array_index (found, i);
  return NULL;
}

static void
test_groups_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  AplStakeholderGroupsDialog *dialog = open_groups_dialog (fixture);
  GListModel *groups = apl_stakeholder_register_get_groups (fixture->stakeholders);
  GtkDropDown *group_filter = GTK_DROP_DOWN (find_by_tooltip (fixture->page, GTK_TYPE_DROP_DOWN, "Show only one group"));
  GListModel *filter_names = gtk_drop_down_get_model (group_filter);
  AdwEntryRow *new_row = NULL;
  AdwEntryRow *row;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(AplStakeholderGroup) added = NULL;
  const char *count_sql = "SELECT count(*) FROM stakeholder_groups WHERE ?1 > 0";

  settle ();
  g_assert_nonnull (group_row (dialog, "Media"));
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 11);

  /* Add one: typed in the last row, applied with its button or Enter. */
  collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (entries, i)), "Name of the new group") == 0)
      new_row = g_ptr_array_index (entries, i);
  g_assert_nonnull (new_row);
  gtk_editable_set_text (GTK_EDITABLE (new_row), "Elected officials");
  g_signal_emit_by_name (new_row, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 12);
  g_assert_cmpint (stored_int (fixture, count_sql, 1), ==, 12);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_row)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (filter_names), ==, 13);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (filter_names), 12), ==, "Elected officials");
  added = g_list_model_get_item (groups, 11);

  /* An empty name is refused and kept, marked. */
  gtk_editable_set_text (GTK_EDITABLE (new_row), "   ");
  g_signal_emit_by_name (new_row, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 12);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (new_row), "error"));

  /* Rename it in its row: the page's group filter follows. */
  settle ();
  row = group_row (dialog, "Elected officials");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Elected representatives");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (apl_stakeholder_group_get_name (added), ==, "Elected representatives");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (filter_names), 12), ==, "Elected representatives");
  g_assert_cmpint (stored_int (fixture, "SELECT count(*) FROM stakeholder_groups WHERE name = 'Elected representatives' AND ?1", 1),
                   ==, 1);

  /* A group in use cannot be removed; its button says why. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *remove;

    collect (GTK_WIDGET (group_row (dialog, "Media")), GTK_TYPE_BUTTON, buttons);
    remove = g_ptr_array_index (buttons, buttons->len - 1);
    g_assert_false (gtk_widget_get_sensitive (remove));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "In use by 2 stakeholders: it cannot be removed");
  }

  /* An unused one can, with Undo. */
  click (find_by_action (group_row (dialog, "Elected representatives"), "groups.remove"));
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 11);
  g_assert_cmpint (stored_int (fixture, count_sql, 1), ==, 11);
  g_assert_cmpuint (g_list_model_get_n_items (filter_names), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "groups.undo-remove", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 12);
  settle ();
  g_assert_nonnull (group_row (dialog, "Elected representatives"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The register: every stakeholder of the workspace */

static void
test_register (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) other_plan = apl_store_create_plan (fixture->store, "Cyber attack", &error);
  AplPlacementList *other_map = apl_stakeholder_register_get_placements (fixture->stakeholders, other_plan, &error);
  AplStakeholder *elsewhere = apl_stakeholder_register_create (fixture->stakeholders, "Data protection authority",
                                                               APL_STAKEHOLDER_KIND_ORGANISATION,
                                                               apl_stakeholder_register_find_group (fixture->stakeholders, "regulators"),
                                                               &error);
  AplStakeholder *nowhere = apl_stakeholder_register_create (fixture->stakeholders, "Local radio",
                                                             APL_STAKEHOLDER_KIND_ORGANISATION,
                                                             apl_stakeholder_register_find_group (fixture->stakeholders, "media"),
                                                             &error);
  GtkToggleButton *all = GTK_TOGGLE_BUTTON (find_by_tooltip (fixture->page, GTK_TYPE_TOGGLE_BUTTON,
                                                             "Show every stakeholder of the workspace, on this plan or not"));
  GtkToggleButton *list_toggle = find_nth (fixture->page, GTK_TYPE_TOGGLE_BUTTON, 1);
  GtkColumnView *view = find_nth (fixture->page, GTK_TYPE_COLUMN_VIEW, 1);
  GtkSelectionModel *rows = gtk_column_view_get_model (view);
  GtkSearchEntry *search = find_nth (fixture->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *place_button;
  AplPlacement *placed;
  GList *toplevels;
  AdwMessageDialog *question = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (apl_placement_list_add (other_map, elsewhere, 80, 80, APL_ATTITUDE_CRITIC, 2, &error));
  g_assert_no_error (error);

  gtk_toggle_button_set_active (list_toggle, TRUE);
  gtk_toggle_button_set_active (all, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  place_button = find_by_action (fixture->page, "stakeholders.place-current");
  g_assert_true (gtk_widget_get_visible (place_button));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 14);

  /* Search works here too. */
  gtk_editable_set_text (GTK_EDITABLE (search), "radio");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);

  /* A stakeholder on no plan: the panel edits it, without plan values. */
  gtk_selection_model_select_item (rows, 0, TRUE);
  g_assert_null (apl_stakeholder_map_get_selected (fixture->map));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (fixture, "Name"))), ==, "Local radio");
  g_assert_false (gtk_widget_get_visible (find_nth (fixture->page, GTK_TYPE_SPIN_BUTTON, 0)) &&
                  gtk_widget_get_mapped (find_nth (fixture->page, GTK_TYPE_SPIN_BUTTON, 0)));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (fixture, "Relationship Owner")), "Head of press");
  g_assert_cmpstr (apl_stakeholder_get_field (nowhere, APL_STAKEHOLDER_FIELD_OWNER), ==, "Head of press");

  /* Placed on this plan from there: it is on the map, selected. */
  g_assert_true (gtk_widget_is_sensitive (place_button));
  click (place_button);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->placements)), ==, 13);
  placed = apl_stakeholder_map_get_selected (fixture->map);
  g_assert_nonnull (placed);
  g_assert_true (apl_placement_get_stakeholder (placed) == nowhere);
  g_assert_cmpint (stored_int (fixture, "SELECT count(*) FROM stakeholder_placements WHERE stakeholder_id = ?1",
                               apl_stakeholder_get_id (nowhere)), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (place_button));

  /* Deleting one that another plan uses asks first, naming that plan. */
  gtk_editable_set_text (GTK_EDITABLE (search), "data protection");
  g_signal_emit_by_name (search, "search-changed");
  gtk_selection_model_select_item (rows, 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.delete", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      question = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "“Cyber attack”"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->stakeholders)), ==, 14);
  adw_message_dialog_response (question, "delete");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->stakeholders)), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other_map)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (question));

  /* Undo brings it back to the register and the other plan's map. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stakeholders.undo-delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->stakeholders)), ==, 14);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other_map)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
}

/* Group badges */

static void
test_group_markers (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *name; const char *marker; } cases[] = {
    { "Media", "Me" },
    { "Partners and suppliers", "PS" },
    { "Local communities", "LC" },
    { "NGOs", "NG" },
    { "Collectivités locales", "CL" },
    { "Partenaires et fournisseurs", "PF" },
    { "Élus", "Él" },
    { "", "?" },
  };
  graphene_rect_t plot;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *marker = apl_stakeholder_map_group_marker (cases[i].name);

      g_assert_cmpstr (marker, ==, cases[i].marker);
    }

  /* The legend takes room under the grid; with nothing on the map there
   * is no legend and the grid grows back. */
  apl_stakeholder_map_get_plot (fixture->map, &plot);
  g_assert_cmpfloat (plot.origin.y + plot.size.height, <, gtk_widget_get_height (GTK_WIDGET (fixture->map)) - 30 - 20);
  apl_stakeholder_map_set_model (fixture->map, NULL);
  apl_stakeholder_map_get_plot (fixture->map, &plot);
  g_assert_cmpfloat (plot.origin.y + plot.size.height, ==, gtk_widget_get_height (GTK_WIDGET (fixture->map)) - 30);
}

/* Real key presses, through the map's key controller */

static GtkEventController *
key_controller (AplStakeholderMap *map)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

static gboolean
press (GtkEventController *controller,
       guint               keyval,
       GdkModifierType     state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_key_presses (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkEventController *keys = key_controller (fixture->map);
  AplPlacement *mayor = placement_at (fixture, 0);
  AplPlacement *selected;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->map));

  /* Right with nothing selected selects the first card. */
  g_assert_true (press (keys, GDK_KEY_Right, 0));
  g_assert_true (apl_stakeholder_map_get_selected (fixture->map) == mayor);

  /* Shift+Right: five more interest, saved. */
  g_assert_true (press (keys, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpint (stored_interest (fixture, mayor), ==, 85);
  /* Shift+Left on the keypad: back. */
  g_assert_true (press (keys, GDK_KEY_KP_Left, GDK_SHIFT_MASK));
  g_assert_cmpint (stored_interest (fixture, mayor), ==, 80);
  /* Shift+Up: more influence; Shift+Down twice: less. */
  g_assert_true (press (keys, GDK_KEY_Up, GDK_SHIFT_MASK));
  g_assert_cmpint (stored_influence (fixture, mayor), ==, 90);
  g_assert_true (press (keys, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_true (press (keys, GDK_KEY_KP_Down, GDK_SHIFT_MASK));
  g_assert_cmpint (stored_influence (fixture, mayor), ==, 80);
  g_assert_cmpint (apl_placement_get_influence (mayor), ==, 80);
  /* Caps Lock does not get in the way. */
  g_assert_true (press (keys, GDK_KEY_Up, GDK_SHIFT_MASK | GDK_LOCK_MASK));
  g_assert_cmpint (stored_influence (fixture, mayor), ==, 85);

  /* Ctrl+arrow and other keys are left to the window. */
  g_assert_false (press (keys, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_false (press (keys, GDK_KEY_a, 0));
  g_assert_cmpint (stored_interest (fixture, mayor), ==, 80);

  /* Down selects another card, lower on the map; the values stay. */
  g_assert_true (press (keys, GDK_KEY_Down, 0));
  selected = apl_stakeholder_map_get_selected (fixture->map);
  g_assert_true (selected != mayor);
  g_assert_cmpint (apl_placement_get_influence (selected), <, 85);
  g_assert_cmpint (stored_influence (fixture, mayor), ==, 85);
}

/* Layout and drawing counts */

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *count)
{
  (*count)++;
}

static gboolean
painted (gpointer data)
{
  return *(guint *) data > 0;
}

/* Lets GTK draw one real frame of the window, as it does on screen. */
static void
draw_now (Fixture *fixture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->map));
  guint count = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &count);

  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  g_assert_true (wait_for (painted, &count));
  g_signal_handler_disconnect (clock, id);
}

static void
test_layout_once (Fixture       *fixture,
                  gconstpointer  data)
{
  AplStakeholderMap *map = fixture->map;
  AplPlacement *staff = placement_at (fixture, 5);
  GtkGestureDrag *drag = drag_gesture (map);
  g_autoptr(GError) error = NULL;
  guint layouts, recordings;
  double x, y;

  draw_now (fixture);
  layouts = _apl_stakeholder_map_get_layout_count (map);
  recordings = _apl_stakeholder_map_get_recording_count (map);

  /* Frames with nothing changed reuse both. */
  draw_now (fixture);
  draw_now (fixture);
  g_assert_cmpuint (_apl_stakeholder_map_get_layout_count (map), ==, layouts);
  g_assert_cmpuint (_apl_stakeholder_map_get_recording_count (map), ==, recordings);

  /* One change (several notifications: influence, interest, quadrant...)
   * is one layout. */
  g_assert_true (apl_placement_set_position (staff, 40, 40, &error));
  draw_now (fixture);
  draw_now (fixture);
  g_assert_cmpuint (_apl_stakeholder_map_get_layout_count (map), ==, layouts + 1);
  g_assert_cmpuint (_apl_stakeholder_map_get_recording_count (map), ==, recordings + 1);

  /* A selection is drawn again, but nothing is laid out. */
  apl_stakeholder_map_set_selected (map, staff);
  draw_now (fixture);
  g_assert_cmpuint (_apl_stakeholder_map_get_layout_count (map), ==, layouts + 1);

  /* A drag of several motions, each drawn: no layout at all, and the rest
   * of the map is recorded once, at the first frame. (Few motions: each
   * frame of the whole window costs a software renderer under Xvfb.) */
  layouts = _apl_stakeholder_map_get_layout_count (map);
  g_assert_true (apl_stakeholder_map_get_card_center (map, staff, &x, &y));
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  draw_now (fixture);
  recordings = _apl_stakeholder_map_get_recording_count (map);
  for (int i = 1; i <= 6; i++)
    {
      g_signal_emit_by_name (drag, "drag-update", 3.0 * i, -2.0 * i);
      draw_now (fixture);
    }
  g_assert_cmpuint (_apl_stakeholder_map_get_layout_count (map), ==, layouts);
  g_assert_cmpuint (_apl_stakeholder_map_get_recording_count (map), ==, recordings);
  g_signal_emit_by_name (drag, "drag-end", 18.0, -12.0);
  draw_now (fixture);
  /* The drop is one change: one layout. */
  g_assert_cmpuint (_apl_stakeholder_map_get_layout_count (map), ==, layouts + 1);
  g_assert_cmpint (apl_placement_get_interest (staff), >, 40);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, GUINT_TO_POINTER (12), fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add_test ("/stakeholder-map/keyboard-moves", test_keyboard_moves);
  add_test ("/stakeholder-map/drag", test_drag);
  add_test ("/stakeholder-map/panel-in-sync", test_panel_in_sync);
  add_test ("/stakeholder-map/accessible", test_accessible);
  add_test ("/stakeholder-map/list", test_list);
  add_test ("/stakeholder-map/add-remove-undo", test_add_remove_undo);
  add_test ("/stakeholder-map/relationships-toggle", test_relationships_toggle);
  add_test ("/stakeholder-map/export-png", test_export_png);
  add_test ("/stakeholder-map/export-svg", test_export_svg);
  add_test ("/stakeholder-map/screenshot", test_screenshot);
  add_test ("/stakeholder-map/relationships-panel", test_relationships_panel);
  add_test ("/stakeholder-map/groups-dialog", test_groups_dialog);
  add_test ("/stakeholder-map/register", test_register);
  add_test ("/stakeholder-map/group-markers", test_group_markers);
  add_test ("/stakeholder-map/key-presses", test_key_presses);
  add_test ("/stakeholder-map/layout-once", test_layout_once);

  return g_test_run ();
}
