/* test-start-check.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens before the workspace's integrity check has finished
 * (it runs in the background, see apl_store_open_full()). When the check
 * then finds the file damaged, the user gets the refusal a damaged
 * workspace always got: the window goes, the "cannot open" dialog says
 * why, and nothing, not even an edit made in the meantime, was written.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "apl-application.h"
#include "apl-contact-book.h"
#include "apl-window.h"
#include "test-util.h"

#define N_PLANS    6
#define N_CONTACTS 200

typedef struct
{
  char           *dir;
  char           *path;
  AplApplication *app;
} Fixture;

/* Helpers */

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

static void
stop_activation_cb (GApplication *app)
{
  g_signal_stop_emission_by_name (app, "activate");
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static void
remove_side_files (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
}

/* Plans (which the window reads at once) and contacts (which it does not
 * read at start-up): damage among the contacts is found only by the check. */
static GBytes *
make_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);
  AplContactBook *book;

  g_assert_no_error (error);
  for (guint i = 0; i < N_PLANS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan %u", i + 1);
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      g_assert_no_error (error);
    }
  book = apl_contact_book_get (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Correspondent %u of the evening news", i + 1);
      g_autoptr(AplContact) contact = apl_contact_book_create (book, name, &error);

      g_assert_no_error (error);
    }
  g_assert_finalize_object (store);
  return test_read_file (path);
}

/* Leaves at @path a copy of @pristine with one page scribbled on that
 * opening in the background accepts and its check then refuses. */
static GBytes *
damage_where_only_the_check_sees (const char *path,
                                  GBytes     *pristine)
{
  guint n_pages = test_page_count (path, NULL);

  for (guint page = n_pages; page > 1; page--)
    {
      g_autoptr(GError) error = NULL;
      AplStore *store;
      gboolean sound;

      remove_side_files (path);
      write_file (path, pristine);
      test_scribble_page (path, page);
      store = apl_store_open_full (path, APL_STORE_OPEN_CHECK_IN_BACKGROUND, &error);
      if (store == NULL)
        continue;
      sound = apl_store_wait_for_check (store, NULL);
      g_assert_finalize_object (store);
      if (!sound)
        {
          remove_side_files (path);
          write_file (path, pristine);
          test_scribble_page (path, page);
          return test_read_file (path);
        }
    }
  g_assert_not_reached ();
}

static AplWindow *
find_window (AplApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (APL_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static AdwMessageDialog *
find_dialog (AplApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;
  return NULL;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->app = apl_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const run_argv[] = { "test-start-check", NULL };
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  spin (20);
  /* Run once without activating, so that it leaves the bus. */
  g_signal_connect (fixture->app, "activate", G_CALLBACK (stop_activation_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 1, (char **) run_argv), ==, 0);
  g_clear_object (&fixture->app);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Tests */

static void
test_damaged_after_opening (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) pristine = make_workspace (fixture->path);
  g_autoptr(GBytes) damaged = damage_where_only_the_check_sees (fixture->path, pristine);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  AplWindow *window;
  guint n_plans;

  /* What `aplomb` does: open, then show the window at once. */
  g_assert_true (apl_application_open_store (fixture->app, fixture->path, &error));
  g_assert_no_error (error);
  window = apl_window_new (fixture->app);
  n_plans = g_list_model_get_n_items (apl_store_get_plans (apl_application_get_store (fixture->app)));
  g_assert_cmpuint (n_plans, ==, N_PLANS);
  gtk_window_present (GTK_WINDOW (window));

  /* The user creates a plan straight away: it is never written. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL);
  spin (300);

  /* The window has given way to the refusal, in the usual words. */
  g_assert_null (find_window (fixture->app));
  dialog = find_dialog (fixture->app);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Aplomb Cannot Open the Workspace");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is damaged"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "workspace.sqlite3"));
  /* The workspace is closed (its lock released) and left as it was. */
  g_assert_null (apl_application_get_store (fixture->app));
  test_assert_file_unchanged (fixture->path, damaged);

  /* Quit, the dialog's only answer. */
  adw_message_dialog_response (dialog, "quit");
  spin (50);
  g_assert_null (find_dialog (fixture->app));
  test_assert_file_unchanged (fixture->path, damaged);
}

/* A sound workspace: the window stays, and an edit made before the check
 * has ended is saved. */
static void
test_sound_after_opening (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) pristine = make_workspace (fixture->path);
  g_autoptr(GError) error = NULL;
  AplWindow *window;

  g_assert_true (apl_application_open_store (fixture->app, fixture->path, &error));
  g_assert_no_error (error);
  window = apl_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL);
  spin (300);

  g_assert_true (find_window (fixture->app) == window);
  g_assert_null (find_dialog (fixture->app));
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (apl_application_get_store (fixture->app))),
                    ==, N_PLANS + 1);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM plans"), ==, N_PLANS + 1);
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
  test_force_c_locale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/perf/start-check/damaged-after-opening", Fixture, NULL,
              fixture_set_up, test_damaged_after_opening, fixture_tear_down);
  g_test_add ("/perf/start-check/sound-after-opening", Fixture, NULL,
              fixture_set_up, test_sound_after_opening, fixture_tear_down);
  return g_test_run ();
}
