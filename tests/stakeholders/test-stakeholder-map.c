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
  double x, y, plot_w, plot_h;

  g_assert_cmpstr (apl_stakeholder_get_name (apl_placement_get_stakeholder (staff)), ==, "Staff");
  g_assert_true (apl_stakeholder_map_get_card_center (fixture->map, staff, &x, &y));

  /* The plot is the widget less the margins for the axis and quadrant
   * names (40 left, 8 right; 28 top, 30 bottom): a fifth of its width is
   * 20 points of interest. */
  plot_w = gtk_widget_get_width (GTK_WIDGET (fixture->map)) - 48;
  plot_h = gtk_widget_get_height (GTK_WIDGET (fixture->map)) - 58;

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
  stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_STACK));
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

  return g_test_run ();
}
