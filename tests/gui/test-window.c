/* test-window.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window driven the way a user drives it: through its actions and
 * its widgets, on a real workspace in a folder of its own, checked against
 * what the store then holds. Each test builds the application, opens the
 * workspace and shows the window, as Aplomb does on start.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "apl-application.h"
#include "apl-plan-files.h"
#include "apl-plan-overview.h"
#include "apl-plan-xml.h"
#include "apl-preferences-window.h"
#include "apl-store.h"
#include "apl-window.h"

/* Long enough for a loaded machine under Xvfb, short enough to fail well
 * before meson's own timeout. */
#define WAIT_SECONDS 10

typedef struct
{
  char           *dir;
  char           *path;
  AplApplication *app;
  AplWindow      *window;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

/* Main loop */

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Turns the main context until @condition holds or the time runs out. The
 * tick keeps a blocking iteration from sleeping past the deadline. */
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
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops @object and fails if nothing finalizes it: a reference leaked. */
static void
assert_released (gpointer object,
                 void   (*release) (gpointer))
{
  gpointer watched = object;

  g_object_add_weak_pointer (G_OBJECT (object), &watched);
  release (object);
  if (!wait_for (is_cleared, &watched))
    {
      g_test_message ("%s was not finalized: a reference leaked", G_OBJECT_TYPE_NAME (watched));
      g_object_remove_weak_pointer (G_OBJECT (watched), &watched);
      g_test_fail ();
    }
}

static void
destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Widget tree */

static const char *
widget_title (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_WINDOW_TITLE (widget))
    return adw_window_title_get_title (ADW_WINDOW_TITLE (widget));
  if (ADW_IS_PREFERENCES_PAGE (widget))
    return adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  return NULL;
}

/* The first widget of @type under @root, depth first, whose title is
 * @title (any title when %NULL). Hidden pages count: a test looks at what
 * the window holds, not only at what fits on the screen. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type)
      && (title == NULL || g_strcmp0 (widget_title (root), title) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_window_widget (Fixture    *fixture,
                    GType       type,
                    const char *title)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (fixture->window), type, title);

  if (widget == NULL)
    g_error ("the window has no %s%s%s", g_type_name (type),
             title ? " titled " : "", title ? title : "");
  return widget;
}

/* The stack that has a page called @page_name. */
static GtkStack *
find_stack_with_page (GtkWidget  *root,
                      const char *page_name)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), page_name) != NULL)
    return GTK_STACK (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_stack_with_page (child, page_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return TRUE;

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The menu button whose menu offers @action. */
static GtkWidget *
find_menu_button_for (GtkWidget  *root,
                      const char *action)
{
  if (GTK_IS_MENU_BUTTON (root))
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root));

      if (menu != NULL && menu_has_action (menu, action))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button_for (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The items of a menu button's menu whose label is @label. */
static void
collect_menu_items (GtkWidget  *root,
                    const char *label,
                    GPtrArray  *found)
{
  /* Popover menus draw their items as buttons with a "text" property. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (root), "text") != NULL
      && !GTK_IS_EDITABLE (root))
    {
      g_autofree char *text = NULL;

      g_object_get (root, "text", &text, NULL);
      if (g_strcmp0 (text, label) == 0)
        g_ptr_array_add (found, root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_items (child, label, found);
}

static gboolean
focus_is_inside (Fixture   *fixture,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static AdwEntryRow *
title_row (Fixture *fixture)
{
  return ADW_ENTRY_ROW (find_window_widget (fixture, ADW_TYPE_ENTRY_ROW, "Title"));
}

static const char *
visible_page (Fixture    *fixture,
              const char *page_name)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkStack *stack;

  /* Other pages have "no-results" pages too: the plan list's is next to
   * the sidebar's search bar. */
  if (g_strcmp0 (page_name, "no-results") == 0)
    root = gtk_widget_get_parent (find_window_widget (fixture, GTK_TYPE_SEARCH_BAR, NULL));
  stack = find_stack_with_page (root, page_name);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (stack);
}

/* Workspace */

static AplStore *
store (Fixture *fixture)
{
  return apl_application_get_store (fixture->app);
}

static GListModel *
plans (Fixture *fixture)
{
  return apl_store_get_plans (store (fixture));
}

static guint
n_plans (Fixture *fixture)
{
  return g_list_model_get_n_items (plans (fixture));
}

/* Transfer none: the store's list keeps the plan alive. */
static AplPlan *
plan_at (Fixture *fixture,
         guint    position)
{
  g_autoptr(AplPlan) plan = g_list_model_get_item (plans (fixture), position);

  g_assert_nonnull (plan);
  return plan;
}

static guint
plan_position (GListModel *model,
               AplPlan    *plan)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlan) item = g_list_model_get_item (model, i);

      if (item == plan)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
remove_tree (const char *path)
{
  struct stat st;

  /* lstat: a link to a folder must not make us empty that folder. */
  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Closes the application's workspace, as quitting does, and opens the file
 * again from scratch: what the reopened store holds is what was saved. */
static AplStore *
reopen_workspace (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  AplStore *reopened;

  if (fixture->window != NULL)
    {
      assert_released (fixture->window, destroy_window);
      fixture->window = NULL;
    }
  apl_store_close (store (fixture));

  reopened = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  return reopened;
}

/* Fixture */

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* The memory backend lives as long as the process: a key one test set
   * would otherwise leak into the next. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("aplomb-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);

  /* Registering runs startup: settings, application actions, accels. */
  fixture->app = apl_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  reset_settings (apl_application_get_settings (fixture->app));
}

static void
open_window (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  apl_application_open_store (fixture->app, fixture->path, &error);
  g_assert_no_error (error);

  fixture->window = apl_window_new (fixture->app);
  g_assert_nonnull (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));
}

static void
stop_activation_cb (GApplication *app)
{
  g_signal_stop_emission_by_name (app, "activate");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const run_argv[] = { "test-window", NULL };
  GList *toplevels;

  if (fixture->window != NULL)
    assert_released (fixture->window, destroy_window);
  fixture->window = NULL;

  /* Preferences and any other window a test opened. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);

  /* Only g_application_run() unregisters an application from D-Bus (GLib
   * warns otherwise) and emits shutdown, which closes the workspace and
   * drops the reference GtkApplication holds on itself from startup on.
   * With no window left it returns at once; the activation it emits must
   * not open the default workspace, so it is stopped. */
  g_signal_connect (fixture->app, "activate", G_CALLBACK (stop_activation_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 1, (char **) run_argv), ==, 0);
  if (store (fixture) != NULL)
    apl_store_close (store (fixture));
  assert_released (fixture->app, g_object_unref);
  fixture->app = NULL;

  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Tests: plans */

static void
test_sample_plan (Fixture       *fixture,
                  gconstpointer  data)
{
  AplPlan *sample;
  const char *title;

  open_window (fixture);

  g_assert_cmpuint (n_plans (fixture), ==, 1);
  sample = plan_at (fixture, 0);
  title = apl_plan_get_title (sample);
  g_assert_cmpstr (title, !=, "");

  g_assert_true (apl_window_get_selected_plan (fixture->window) == sample);
  g_assert_cmpstr (visible_page (fixture, "empty"), ==, "plan");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row (fixture))), ==, title);
  g_assert_nonnull (find_window_widget (fixture, ADW_TYPE_WINDOW_TITLE, title));
}

static void
test_new_plan (Fixture       *fixture,
               gconstpointer  data)
{
  AplPlan *sample;
  AplPlan *plan;

  open_window (fixture);
  sample = plan_at (fixture, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-plan", NULL));

  g_assert_cmpuint (n_plans (fixture), ==, 2);
  plan = apl_window_get_selected_plan (fixture->window);
  g_assert_nonnull (plan);
  g_assert_true (plan != sample);
  g_assert_true (plan == plan_at (fixture, 1));
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Untitled Plan");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row (fixture))), ==, "Untitled Plan");

  /* The user types the new plan's title straight away. */
  g_assert_true (focus_is_inside (fixture, GTK_WIDGET (title_row (fixture))));
}

static void
test_rename_plan (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AplStore) reopened = NULL;
  g_autofree char *uuid = NULL;
  AplPlan *plan;
  AplPlan *saved;

  open_window (fixture);
  plan = plan_at (fixture, 0);
  uuid = g_strdup (apl_plan_get_uuid (plan));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-plan", NULL));
  g_assert_true (focus_is_inside (fixture, GTK_WIDGET (title_row (fixture))));

  gtk_editable_set_text (GTK_EDITABLE (title_row (fixture)), "Cyber attack on billing");
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Cyber attack on billing");
  g_assert_nonnull (find_window_widget (fixture, ADW_TYPE_WINDOW_TITLE, "Cyber attack on billing"));

  /* There is no Save button: the title is on disk already. */
  reopened = reopen_workspace (fixture);
  saved = apl_store_find_plan_by_uuid (reopened, uuid);
  g_assert_nonnull (saved);
  g_assert_cmpstr (apl_plan_get_title (saved), ==, "Cyber attack on billing");
  apl_store_close (reopened);
}

static void
test_refused_title (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *old_title = NULL;
  AdwEntryRow *row;
  AplPlan *plan;

  open_window (fixture);
  plan = plan_at (fixture, 0);
  old_title = g_strdup (apl_plan_get_title (plan));
  row = title_row (fixture);

  gtk_editable_set_text (GTK_EDITABLE (row), "   ");
  g_assert_cmpstr (apl_plan_get_title (plan), ==, old_title);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  /* What the user typed stays for them to fix. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "   ");

  gtk_editable_set_text (GTK_EDITABLE (row), "Flood in the data centre");
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Flood in the data centre");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Flood in the data centre");
}

static void
test_duplicate_plan (Fixture       *fixture,
                     gconstpointer  data)
{
  AplPlan *sample;
  AplPlan *copy;

  open_window (fixture);
  sample = plan_at (fixture, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate-plan", NULL));

  g_assert_cmpuint (n_plans (fixture), ==, 2);
  copy = apl_window_get_selected_plan (fixture->window);
  g_assert_nonnull (copy);
  g_assert_true (copy != sample);
  g_assert_true (copy == plan_at (fixture, 1));
  g_assert_true (g_str_has_prefix (apl_plan_get_title (copy), "Copy of"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row (fixture))), ==,
                   apl_plan_get_title (copy));
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AplPlan) first = NULL;
  g_autoptr(AplPlan) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  open_window (fixture);
  first = apl_store_create_plan (store (fixture), "Product recall", &error);
  g_assert_no_error (error);
  second = apl_store_create_plan (store (fixture), "Strike at the depot", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_plans (fixture), ==, 3);

  apl_window_select_plan (fixture->window, first);
  g_assert_true (apl_window_get_selected_plan (fixture->window) == first);
  id = apl_plan_get_id (first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-plan", NULL));
  g_assert_cmpuint (n_plans (fixture), ==, 2);
  g_assert_cmpuint (plan_position (plans (fixture), first), ==, GTK_INVALID_LIST_POSITION);
  /* The neighbour that took its place, not the top of the list. */
  g_assert_true (apl_window_get_selected_plan (fixture->window) == second);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete", "x", id));
  g_assert_cmpuint (n_plans (fixture), ==, 3);
  g_assert_cmpuint (plan_position (plans (fixture), first), ==, 1);
  g_assert_true (apl_window_get_selected_plan (fixture->window) == first);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row (fixture))), ==, "Product recall");
}

static void
test_delete_for_good (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AplStore) reopened = NULL;
  g_autoptr(AplPlan) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted_uuid = NULL;
  g_autofree char *kept_uuid = NULL;

  open_window (fixture);
  kept = apl_store_create_plan (store (fixture), "Product recall", &error);
  g_assert_no_error (error);
  kept_uuid = g_strdup (apl_plan_get_uuid (kept));
  deleted_uuid = g_strdup (apl_plan_get_uuid (plan_at (fixture, 0)));
  apl_window_select_plan (fixture->window, plan_at (fixture, 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-plan", NULL));
  g_assert_cmpuint (n_plans (fixture), ==, 1);

  /* Nobody pressed Undo before the workspace was closed. */
  reopened = reopen_workspace (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (reopened)), ==, 1);
  g_assert_null (apl_store_find_plan_by_uuid (reopened, deleted_uuid));
  g_assert_nonnull (apl_store_find_plan_by_uuid (reopened, kept_uuid));
  apl_store_close (reopened);
}

static void
assert_plan_actions_enabled (Fixture  *fixture,
                             gboolean  enabled)
{
  static const char * const items[] = { "Rename", "Duplicate", "Export…", "Delete" };
  GtkWidget *plan_menu = find_menu_button_for (GTK_WIDGET (fixture->window), "win.delete-plan");

  g_assert_nonnull (plan_menu);

  /* A menu item follows its action: insensitive while it is disabled. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      collect_menu_items (plan_menu, items[i], found);
      g_assert_cmpuint (found->len, ==, 1);
      if (gtk_widget_get_sensitive (found->pdata[0]) != enabled)
        g_error ("the plan menu's %s is %s while it should be %s", items[i],
                 enabled ? "disabled" : "enabled", enabled ? "enabled" : "disabled");
    }
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  open_window (fixture);
  g_assert_cmpuint (n_plans (fixture), ==, 1);
  assert_plan_actions_enabled (fixture, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-plan", NULL));
  g_assert_cmpuint (n_plans (fixture), ==, 0);
  g_assert_null (apl_window_get_selected_plan (fixture->window));
  g_assert_cmpstr (visible_page (fixture, "empty"), ==, "empty");
  assert_plan_actions_enabled (fixture, FALSE);

  /* A shortcut pressed anyway changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-plan", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-plan", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate-plan", NULL);
  g_assert_cmpuint (n_plans (fixture), ==, 0);
  g_assert_false (focus_is_inside (fixture, GTK_WIDGET (title_row (fixture))));
  g_assert_cmpstr (visible_page (fixture, "empty"), ==, "empty");
}

/* Tests: search */

typedef struct
{
  const char *expected;
  gboolean    seen;
} SearchWait;

static void
search_changed_cb (GtkSearchEntry *entry,
                   SearchWait     *wait)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->expected) == 0)
    wait->seen = TRUE;
}

static gboolean
search_seen (gpointer data)
{
  return ((SearchWait *) data)->seen;
}

/* GtkSearchEntry reports a change after a short pause, as the user types;
 * wait for the report about @text. (Setting a text first clears the entry,
 * and the empty text is reported at once: that one does not count.) */
/* The plan list's search entry: other pages have search entries of their own. */
static GtkWidget *
plan_search_entry (Fixture *fixture)
{
  GtkWidget *search_bar = find_window_widget (fixture, GTK_TYPE_SEARCH_BAR, NULL);
  GtkWidget *entry = find_widget (search_bar, GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  return entry;
}

static void
search_for (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry = plan_search_entry (fixture);
  SearchWait wait = { text, FALSE };
  gulong handler;

  handler = g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &wait);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (wait_for (search_seen, &wait));
  g_signal_handler_disconnect (entry, handler);
}

static GListModel *
shown_plans (Fixture *fixture)
{
  /* The plan list is the sidebar's, next to its search bar: other pages
   * have lists and "no-results" pages of their own. */
  GtkWidget *search_bar = find_window_widget (fixture, GTK_TYPE_SEARCH_BAR, NULL);
  GtkStack *sidebar = find_stack_with_page (gtk_widget_get_parent (search_bar), "no-results");
  GtkWidget *list = find_widget (gtk_stack_get_child_by_name (sidebar, "list"), GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (list);

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
}

/* Transfer none, like plan_at(). */
static AplPlan *
shown_plan_at (Fixture *fixture,
               guint    position)
{
  g_autoptr(AplPlan) plan = g_list_model_get_item (shown_plans (fixture), position);

  g_assert_nonnull (plan);
  return plan;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AplPlan) french = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *search_bar;
  AplPlan *sample;

  open_window (fixture);
  sample = plan_at (fixture, 0);
  search_bar = find_window_widget (fixture, GTK_TYPE_SEARCH_BAR, NULL);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (focus_is_inside (fixture, plan_search_entry (fixture)));

  /* Case does not matter. */
  search_for (fixture, "WATER");
  g_assert_cmpuint (g_list_model_get_n_items (shown_plans (fixture)), ==, 1);
  g_assert_true (shown_plan_at (fixture, 0) == sample);
  g_assert_cmpstr (visible_page (fixture, "no-results"), ==, "list");

  search_for (fixture, "contamination");
  g_assert_cmpuint (g_list_model_get_n_items (shown_plans (fixture)), ==, 1);
  g_assert_cmpstr (visible_page (fixture, "no-results"), ==, "list");

  search_for (fixture, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (shown_plans (fixture)), ==, 0);
  g_assert_cmpstr (visible_page (fixture, "no-results"), ==, "no-results");

  /* Nor do accents: French users type names without them. */
  french = apl_store_create_plan (store (fixture), "Crise à Lefèvre", &error);
  g_assert_no_error (error);
  search_for (fixture, "lefevre");
  g_assert_cmpuint (g_list_model_get_n_items (shown_plans (fixture)), ==, 1);
  g_assert_true (shown_plan_at (fixture, 0) == french);
  g_assert_cmpstr (visible_page (fixture, "no-results"), ==, "list");

  search_for (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown_plans (fixture)), ==, 2);
}

/* Tests: accessibility */

typedef struct
{
  GPtrArray *icons;
  GString   *unlabelled;
} IconButtons;

static gboolean
is_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL
           && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;

  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
        return TRUE;
      return (label == NULL || *label == '\0') && GTK_IS_IMAGE (child);
    }

  return FALSE;
}

static const char *
icon_of (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_icon_name (GTK_BUTTON (widget));
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_IMAGE (child) ? gtk_image_get_icon_name (GTK_IMAGE (child)) : NULL;
}

static void
check_icon_buttons (GtkWidget   *widget,
                    IconButtons *result)
{
  /* Some buttons are GTK's or libadwaita's, not the application's to
   * label, and are skipped:
   * - window controls (Close, Minimize...), which GTK 4.8 does not label;
   * - the + and - buttons inside a GtkSpinButton: the spin button itself
   *   is the control a screen reader and the keyboard use (arrow keys);
   * - the Apply button libadwaita 1.2 builds into an AdwEntryRow, which
   *   Enter also triggers, and which the application cannot label;
   * - the Close button GTK builds into a GtkSearchBar, unlabelled and never
   *   shown while show-close-button is off, as it is here. Turn it on, and
   *   the button is checked like any other. */
  if (GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget))
    return;
  if (GTK_IS_SEARCH_BAR (widget) && !gtk_search_bar_get_show_close_button (GTK_SEARCH_BAR (widget)))
    {
      if (gtk_search_bar_get_child (GTK_SEARCH_BAR (widget)) != NULL)
        check_icon_buttons (gtk_search_bar_get_child (GTK_SEARCH_BAR (widget)), result);
      return;
    }

  if (is_icon_only (widget))
    {
      const char *icon = icon_of (widget);
      const char *action = GTK_IS_ACTIONABLE (widget)
        ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))
        : NULL;

      g_ptr_array_add (result->icons, (gpointer) (icon ? icon : "(no icon name)"));
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_string_append_printf (result->unlabelled, " %s[icon=%s action=%s]",
                                G_OBJECT_TYPE_NAME (widget), icon ? icon : "?",
                                action ? action : "-");
    }

  /* A menu button is one control to a screen reader: its inner toggle
   * and its popover are GTK's. */
  if (GTK_IS_MENU_BUTTON (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_icon_buttons (child, result);
}

static gboolean
has_icon (GPtrArray  *icons,
          const char *icon)
{
  for (guint i = 0; i < icons->len; i++)
    if (g_str_equal (icons->pdata[i], icon))
      return TRUE;
  return FALSE;
}

static void
test_icon_buttons_labelled (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const expected[] = {
    "list-add-symbolic",      /* new plan */
    "system-search-symbolic", /* search */
    "open-menu-symbolic",     /* primary menu */
    "go-previous-symbolic",   /* back to the plan list */
    "view-more-symbolic",     /* plan menu */
  };
  IconButtons result = { g_ptr_array_new (), g_string_new (NULL) };

  open_window (fixture);
  check_icon_buttons (GTK_WIDGET (fixture->window), &result);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has_icon (result.icons, expected[i]))
      g_error ("the walk did not find the %s button", expected[i]);

  if (result.unlabelled->len > 0)
    g_error ("icon-only buttons without an accessible label:%s", result.unlabelled->str);

  g_ptr_array_unref (result.icons);
  g_string_free (result.unlabelled, TRUE);
}

/* Tests: preferences and shortcuts */

/* Preferences are tested in a child process: libadwaita 1.2's
 * AdwPreferencesWindow never frees its groups and rows, so whatever a test
 * leaves in them must not reach the tests that run after it.
 *
 * Returns: %TRUE in the child, which runs the test; in the parent, runs the
 * child and checks that it passed. */
static gboolean
run_in_child (Fixture *fixture)
{
  if (g_test_subprocess ())
    return TRUE;

  g_test_trap_subprocess (NULL, 40 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

static AplPreferencesWindow *
find_preferences (GList *windows)
{
  for (GList *l = windows; l != NULL; l = l->next)
    if (APL_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static AplPreferencesWindow *
open_preferences (Fixture *fixture)
{
  AplPreferencesWindow *preferences;
  GList *toplevels;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);

  toplevels = gtk_window_list_toplevels ();
  preferences = find_preferences (toplevels);
  g_list_free (toplevels);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (fixture->window));
  return preferences;
}

static void
test_preferences_in_application (Fixture       *fixture,
                                 gconstpointer  data)
{
  if (!run_in_child (fixture))
    return;

  open_window (fixture);
  open_preferences (fixture);

  /* Ctrl+Q, Ctrl+comma and app.* actions reach only the windows that
   * belong to the application. */
  g_assert_nonnull (find_preferences (gtk_application_get_windows (GTK_APPLICATION (fixture->app))));
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GSettings *settings;
  AplOrganisation *organisation;
  AplPreferencesWindow *preferences;
  GtkWidget *page;
  GtkWidget *row;
  GListModel *styles;
  guint dark = GTK_INVALID_LIST_POSITION;
  g_autofree char *scheme = NULL;

  if (!run_in_child (fixture))
    return;

  open_window (fixture);
  settings = apl_application_get_settings (fixture->app);
  organisation = apl_store_get_organisation (store (fixture));
  preferences = open_preferences (fixture);

  /* The organisation profile is saved in the workspace as it is typed. */
  page = find_widget (GTK_WIDGET (preferences), ADW_TYPE_PREFERENCES_PAGE, "Organisation");
  g_assert_nonnull (page);
  row = find_widget (page, ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Riverside Water");
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME), ==,
                   "Riverside Water");

  /* The style is a setting, applied at once. */
  row = find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "Style");
  g_assert_nonnull (row);
  styles = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (styles); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (styles), i), "Dark") == 0)
      dark = i;
  g_assert_cmpuint (dark, !=, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), dark);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  assert_released (preferences, destroy_window);
}

static void
assert_accels (GtkApplication *app,
               const char     *action,
               const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, accel);
  g_assert_null (accels[1]);
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  GtkShortcutsWindow *overlay;

  open_window (fixture);

  /* GtkApplication loads gtk/help-overlay.ui from the resource base path
   * and installs win.show-help-overlay. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (overlay);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  assert_accels (GTK_APPLICATION (fixture->app), "app.quit", "<Control>q");
  assert_accels (GTK_APPLICATION (fixture->app), "app.preferences", "<Control>comma");
}

/* Tests: workspace */

static void
test_locked_workspace (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AplStore) holder = NULL;
  g_autoptr(GError) error = NULL;

  /* Another Aplomb, or aplomb-tool, has the workspace open. */
  holder = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_false (apl_application_open_store (fixture->app, fixture->path, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "already open"));
  g_assert_null (apl_application_get_store (fixture->app));

  apl_store_close (holder);
}

/* Plan files */

/* Answers @dialog as a click on one of its buttons would: the response,
 * then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The message dialog the window shows, or NULL. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Writes a plan file from another workspace, as a colleague would send it. */
static char *
write_plan_file (Fixture    *fixture,
                 const char *title)
{
  g_autofree char *other = g_build_filename (fixture->dir, "colleague.sqlite3", NULL);
  char *file = g_build_filename (fixture->dir, "received.aplomb.xml", NULL);
  g_autoptr(AplStore) colleague = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  colleague = apl_store_open (other, &error);
  g_assert_no_error (error);
  plan = apl_store_create_plan (colleague, title, &error);
  g_assert_no_error (error);
  g_assert_true (apl_plan_export (colleague, plan, file, &error));
  g_assert_no_error (error);
  return file;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Reading and importing run in a worker: wait for the dialog they lead to. */
static AdwMessageDialog *
wait_for_dialog (void)
{
  g_assert_true (wait_for (has_message_dialog, NULL));
  return find_message_dialog ();
}

typedef struct
{
  Fixture *fixture;
  guint    n_plans;
} PlanCount;

static gboolean
has_plan_count (gpointer data)
{
  PlanCount *count = data;

  return n_plans (count->fixture) == count->n_plans;
}

static void
wait_for_plan_count (Fixture *fixture,
                     guint    expected)
{
  PlanCount count = { fixture, expected };

  g_assert_true (wait_for (has_plan_count, &count));
}

static gboolean
second_plan_is_from_file (gpointer data)
{
  return g_strcmp0 (apl_plan_get_title (plan_at (data, 1)), "Flood at the depot") == 0;
}

static void
test_import_plan_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  AdwMessageDialog *dialog;

  open_window (fixture);
  path = write_plan_file (fixture, "Flood at the depot");
  file = g_file_new_for_path (path);

  /* A plan the workspace does not hold: what it brings is shown first,
   * then it comes in, selected. */
  apl_plan_files_import (fixture->window, file);
  dialog = wait_for_dialog ();
  g_assert_cmpuint (n_plans (fixture), ==, 1);
  respond (dialog, "import");
  wait_for_plan_count (fixture, 2);
  g_assert_cmpstr (apl_plan_get_title (apl_window_get_selected_plan (fixture->window)), ==,
                   "Flood at the depot");

  /* The same plan again: the user chooses. Keep Both adds a copy... */
  apl_plan_files_import (fixture->window, file);
  respond (wait_for_dialog (), "copy");
  respond (wait_for_dialog (), "import");
  wait_for_plan_count (fixture, 3);

  /* ... and Replace updates the plan with the file's id in place. */
  g_assert_true (apl_plan_set_title (plan_at (fixture, 1), "Renamed here", NULL));
  apl_plan_files_import (fixture->window, file);
  respond (wait_for_dialog (), "replace");
  respond (wait_for_dialog (), "import");
  g_assert_true (wait_for (second_plan_is_from_file, fixture));
  g_assert_cmpuint (n_plans (fixture), ==, 3);
}

static void
test_import_refused_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "hostile.xml", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  open_window (fixture);
  g_assert_true (g_file_set_contents (path,
                                      "<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE plan [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                      "<plan>&x;</plan>\n", -1, &error));
  file = g_file_new_for_path (path);

  apl_plan_files_import (fixture->window, file);

  /* Refused in plain words, with the line, and nothing changed. */
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Plan Not Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "hostile.xml:2:"));
  g_assert_cmpuint (n_plans (fixture), ==, 1);
  respond (dialog, "close");
}


int
main (int   argc,
      char *argv[])
{
  /* Widgets need a display; without one, report a skip rather than fail. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD_TEST ("/window/sample-plan", test_sample_plan);
  ADD_TEST ("/window/new-plan", test_new_plan);
  ADD_TEST ("/window/rename-plan", test_rename_plan);
  ADD_TEST ("/window/refused-title", test_refused_title);
  ADD_TEST ("/window/duplicate-plan", test_duplicate_plan);
  ADD_TEST ("/window/delete-and-undo", test_delete_and_undo);
  ADD_TEST ("/window/delete-for-good", test_delete_for_good);
  ADD_TEST ("/window/empty-state", test_empty_state);
  ADD_TEST ("/window/search", test_search);
  ADD_TEST ("/window/icon-buttons-labelled", test_icon_buttons_labelled);
  ADD_TEST ("/window/preferences", test_preferences);
  ADD_TEST ("/window/preferences-in-application", test_preferences_in_application);
  ADD_TEST ("/window/shortcuts", test_shortcuts);
  ADD_TEST ("/window/locked-workspace", test_locked_workspace);
  ADD_TEST ("/window/import-plan-file", test_import_plan_file);
  ADD_TEST ("/window/import-refused-file", test_import_refused_file);

#undef ADD_TEST

  return g_test_run ();
}
