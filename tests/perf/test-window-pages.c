/* test-window-pages.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the window on a named page (what `aplomb --page NAME` does), and
 * pages that are not shown costing little: the contacts page reads its
 * list and the stakeholders page its map only once shown, and every page
 * the window does not open on waits unrealized until then, so that a large
 * workspace does not slow down the start of a window that opens elsewhere.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "apl-application.h"
#include "apl-contact-book.h"
#include "apl-contacts-page.h"
#include "apl-stakeholders-page.h"
#include "apl-window.h"

typedef struct
{
  char           *dir;
  char           *path;
  AplApplication *app;
  AplWindow      *window;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
stop_activation_cb (GApplication *app)
{
  g_signal_stop_emission_by_name (app, "activate");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AplContactBook *book;

  fixture->dir = g_dir_make_tmp ("aplomb-perf-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->app = apl_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  apl_application_open_store (fixture->app, fixture->path, &error);
  g_assert_no_error (error);

  book = apl_contact_book_get (apl_application_get_store (fixture->app), &error);
  g_assert_no_error (error);
  g_object_unref (apl_contact_book_create (book, "Marie Lefèvre", &error));
  g_assert_no_error (error);
  g_object_unref (apl_contact_book_create (book, "John O'Brien", &error));
  g_assert_no_error (error);
  g_object_unref (apl_contact_book_create (book, "Hélène Martin", &error));
  g_assert_no_error (error);

  fixture->window = apl_window_new (fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const run_argv[] = { "test-window-pages", NULL };

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin (20);
  /* Run the application once, without activating it, so that it is
   * unregistered from the bus (and the next test can register again). */
  g_signal_connect (fixture->app, "activate", G_CALLBACK (stop_activation_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 1, (char **) run_argv), ==, 0);
  apl_store_close (apl_application_get_store (fixture->app));
  g_clear_object (&fixture->app);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

        g_remove (child);
      }
  }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The window opens on its usual page; the contacts view has not read its
 * list. Asking for the contacts page shows it with every contact. */
static void
test_contacts_page_filled_when_shown (Fixture       *fixture,
                                      gconstpointer  data)
{
  AdwViewStack *stack = template_child (fixture->window, APL_TYPE_WINDOW, "view_stack");
  AplContactsPage *page = template_child (fixture->window, APL_TYPE_WINDOW, "contacts_page");
  GtkColumnView *view;

  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), !=, "contacts");
  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), APL_TYPE_CONTACTS_PAGE,
                                                         "column_view"));
  g_assert_null (gtk_column_view_get_model (view));

  g_assert_true (apl_window_show_page (fixture->window, "contacts"));
  spin (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "contacts");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_nonnull (gtk_column_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 3);
}

/* `aplomb --page contacts`: set before the window is shown, so it opens
 * there; an unknown name changes nothing. */
static void
test_open_on_page (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwViewStack *stack = template_child (fixture->window, APL_TYPE_WINDOW, "view_stack");
  AplContactsPage *page = template_child (fixture->window, APL_TYPE_WINDOW, "contacts_page");
  g_autofree char *before = NULL;

  before = g_strdup (adw_view_stack_get_visible_child_name (stack));
  g_assert_false (apl_window_show_page (fixture->window, "no-such-page"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, before);

  g_assert_true (apl_window_show_page (fixture->window, "contacts"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "contacts");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (apl_contacts_page_get_list (page))), ==, 3);
}

/* The pages the window does not open on are built and follow the selected
 * plan, but wait unrealized, out of the view stack's way, until first
 * shown; the stakeholders page reads its map only then. */
static void
test_hidden_pages_wait (Fixture       *fixture,
                        gconstpointer  data)
{
  AplStakeholdersPage *page = template_child (fixture->window, APL_TYPE_WINDOW, "stakeholders_page");
  AplPlan *plan = apl_window_get_selected_plan (fixture->window);
  AplStakeholderMap *map = apl_stakeholders_page_get_map (page);

  g_assert_nonnull (plan);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (200);
  g_assert_true (apl_stakeholders_page_get_plan (page) == plan);
  g_assert_false (gtk_widget_get_realized (GTK_WIDGET (page)));
  g_assert_null (apl_stakeholder_map_get_model (map));
  /* Still in the window: its toasts and dialogs find it. */
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (page)) == GTK_ROOT (fixture->window));

  g_assert_true (apl_window_show_page (fixture->window, "stakeholders"));
  spin (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (map)));
  g_assert_nonnull (apl_stakeholder_map_get_model (map));

  /* Back and forth: it stays where it went. */
  g_assert_true (apl_window_show_page (fixture->window, "overview"));
  spin (50);
  g_assert_true (apl_window_show_page (fixture->window, "stakeholders"));
  spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (apl_stakeholders_page_get_plan (page) == plan);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/perf/contacts-page-filled-when-shown", Fixture, NULL,
              fixture_set_up, test_contacts_page_filled_when_shown, fixture_tear_down);
  g_test_add ("/perf/open-on-page", Fixture, NULL,
              fixture_set_up, test_open_on_page, fixture_tear_down);
  g_test_add ("/perf/hidden-pages-wait", Fixture, NULL,
              fixture_set_up, test_hidden_pages_wait, fixture_tear_down);
  return g_test_run ();
}
