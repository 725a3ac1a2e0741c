/* test-stakeholders-window.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Stakeholders tab of the real main window, as Aplomb shows it on
 * start: the application, its workspace, its window, a plan with a dozen
 * stakeholders and their relationships. Also writes the documentation's
 * screenshot of the whole window when APLOMB_SCREENSHOT names a file
 * (APLOMB_SCREENSHOT_DARK=1 for the dark style).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "apl-application.h"
#include "apl-stakeholder-register.h"
#include "apl-stakeholders-page.h"
#include "apl-window.h"

#define WAIT_SECONDS 10

typedef struct
{
  char           *dir;
  char           *path;
  AplApplication *app;
  AplWindow      *window;
  AplPlan        *plan;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

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

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A water utility's plan for a contamination incident. */
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
  { "Riverside residents’ association", "communities", 30, 95, APL_ATTITUDE_CRITIC, 3 },
  { "Water regulator", "regulators", 95, 70, APL_ATTITUDE_NEUTRAL, 1 },
  { "Staff", "employees", 20, 75, APL_ATTITUDE_SUPPORTER, 2 },
  { "Household customers", "customers", 35, 85, APL_ATTITUDE_CRITIC, 1 },
  { "Investors", "investors", 70, 30, APL_ATTITUDE_NEUTRAL, 1 },
  { "Pipe supplier", "partners", 15, 20, APL_ATTITUDE_SUPPORTER, 1 },
  { "Clean Rivers", "ngos", 25, 60, APL_ATTITUDE_CRITIC, 2 },
  { "Water Workers’ Union", "unions", 45, 55, APL_ATTITUDE_NEUTRAL, 1 },
  { "Channel 5 News", "media", 62, 88, APL_ATTITUDE_NEUTRAL, 1 },
};

static const struct
{
  guint               from;
  guint               to;
  AplRelationshipKind kind;
} links[] = {
  { 4, 0, APL_RELATIONSHIP_INFLUENCES },
  { 0, 1, APL_RELATIONSHIP_REPORTS_TO },
  { 9, 3, APL_RELATIONSHIP_ALLIED_WITH },
  { 3, 2, APL_RELATIONSHIP_INFLUENCES },
  { 10, 5, APL_RELATIONSHIP_INFLUENCES },
  { 8, 7, APL_RELATIONSHIP_REPORTS_TO },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new ();
  AplStakeholderRegister *stakeholders;
  AplPlacementList *placements;
  AplStore *store;

  fixture->dir = g_dir_make_tmp ("aplomb-stakeholders-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);

  fixture->app = apl_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_application_open_store (fixture->app, fixture->path, &error));
  g_assert_no_error (error);

  /* The workspace, built with the core API as aplomb-tool would. */
  store = apl_application_get_store (fixture->app);
  fixture->plan = apl_store_create_plan (store, "Drinking water contamination", &error);
  g_assert_no_error (error);
  stakeholders = apl_stakeholder_register_get (store, &error);
  g_assert_no_error (error);
  placements = apl_stakeholder_register_get_placements (stakeholders, fixture->plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sample); i++)
    {
      AplStakeholder *stakeholder =
        apl_stakeholder_register_create (stakeholders, sample[i].name, APL_STAKEHOLDER_KIND_ORGANISATION,
                                         apl_stakeholder_register_find_group (stakeholders, sample[i].group),
                                         &error);

      g_assert_no_error (error);
      g_assert_nonnull (apl_placement_list_add (placements, stakeholder, sample[i].influence, sample[i].interest,
                                                sample[i].attitude, sample[i].strength, &error));
      g_ptr_array_add (made, stakeholder);
    }
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_assert_nonnull (apl_stakeholder_register_relate (stakeholders, g_ptr_array_index (made, links[i].from),
                                                         g_ptr_array_index (made, links[i].to), links[i].kind,
                                                         &error));
      g_assert_no_error (error);
    }

  if (g_strcmp0 (g_getenv ("APLOMB_SCREENSHOT_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  fixture->window = apl_window_new (fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  apl_window_select_plan (fixture->window, fixture->plan);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
stop_activation_cb (GApplication *app)
{
  g_signal_stop_emission_by_name (app, "activate");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const run_argv[] = { "test-stakeholders-window", NULL };
  g_autoptr(GDir) dir = NULL;
  GLogLevelFlags fatal;
  const char *name;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  /* Another page of the window (the scenarios page, not this one) leaves a
   * child behind when the window goes, and GTK warns about it: that is
   * reported to its owner. Warnings while the window is destroyed are
   * printed but not fatal here; everywhere else they are. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();
  g_log_set_always_fatal (fatal);
  g_clear_object (&fixture->plan);

  /* As in tests/gui/test-window.c: only g_application_run() unregisters
   * the application and emits shutdown, which closes the workspace. */
  g_signal_connect (fixture->app, "activate", G_CALLBACK (stop_activation_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 1, (char **) run_argv), ==, 0);
  g_clear_object (&fixture->app);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_stakeholders_tab (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *out = g_getenv ("APLOMB_SCREENSHOT");
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK));
  AplStakeholdersPage *page = APL_STAKEHOLDERS_PAGE (find_type (GTK_WIDGET (fixture->window),
                                                                APL_TYPE_STAKEHOLDERS_PAGE));
  AplStakeholderMap *map = apl_stakeholders_page_get_map (page);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(AplPlacement) courier = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  /* What the view switcher does when the user picks the tab. */
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (stack, "stakeholders");
  g_assert_true (wait_for (is_drawn, map));

  /* The window shows the plan's map: a dozen cards, and the selected one
   * in the side panel. */
  g_assert_true (apl_stakeholders_page_get_plan (page) == fixture->plan);
  g_assert_cmpuint (g_list_model_get_n_items (apl_stakeholder_map_get_model (map)), ==, 12);
  courier = g_list_model_get_item (apl_stakeholder_map_get_model (map), 2);
  apl_stakeholder_map_set_selected (map, courier);
  g_assert_true (apl_stakeholders_page_get_selected (page) == courier);
  gtk_widget_grab_focus (GTK_WIDGET (map));
  settle ();
  g_usleep (300000);
  settle ();

  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  /* 1400×900 asked; a smaller screen (Xvfb's default) gets less. */
  g_assert_cmpint (width, >, 1000);
  g_assert_cmpint (height, >, 600);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (out != NULL && *out != '\0')
    g_assert_true (gdk_texture_save_to_png (texture, out));
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

  g_test_add ("/stakeholders-window/stakeholders-tab", Fixture, NULL,
              fixture_set_up, test_stakeholders_tab, fixture_tear_down);

  return g_test_run ();
}
