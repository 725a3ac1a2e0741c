/* test-xml-window.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan files from the window: importing shows what would be created and
 * merged before anything is written, Import then brings the plan in
 * (from a worker thread, with a progress toast), and exporting from the
 * window writes the same bytes as the core does.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "apl-application.h"
#include "apl-contact-book.h"
#include "apl-crisis.h"
#include "apl-messages.h"
#include "apl-plan-files.h"
#include "apl-plan-xml.h"
#include "apl-store.h"
#include "apl-window.h"

#define WAIT_SECONDS 20

typedef struct
{
  char           *dir;
  char           *path;
  AplApplication *app;
  AplWindow      *window;
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
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static AplStore *
store (Fixture *fixture)
{
  return apl_application_get_store (fixture->app);
}

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

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
has_two_plans (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (apl_store_get_plans (store (fixture))) == 2;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("aplomb-xml-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);

  fixture->app = apl_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  apl_application_open_store (fixture->app, fixture->path, &error);
  g_assert_no_error (error);
  fixture->window = apl_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (is_mapped, fixture->window));
}

static void
stop_activation_cb (GApplication *app)
{
  g_signal_stop_emission_by_name (app, "activate");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const run_argv[] = { "test-xml-window", NULL };
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);

  g_signal_connect (fixture->app, "activate", G_CALLBACK (stop_activation_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 1, (char **) run_argv), ==, 0);
  if (store (fixture) != NULL)
    apl_store_close (store (fixture));
  g_object_unref (fixture->app);

  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* A plan from a colleague's workspace, with a contact the plan's message
 * addresses and a crisis plan. */
static char *
write_plan_file (Fixture *fixture)
{
  g_autofree char *other = g_build_filename (fixture->dir, "colleague.sqlite3", NULL);
  char *file = g_build_filename (fixture->dir, "received.aplomb.xml", NULL);
  g_autoptr(AplStore) colleague = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(AplContact) contact = NULL;
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplContactBook *book;
  gint64 segment;

  colleague = apl_store_open (other, &error);
  g_assert_no_error (error);
  plan = apl_store_create_plan (colleague, "Flood at the depot", &error);
  g_assert_no_error (error);

  book = apl_contact_book_get (colleague, &error);
  g_assert_no_error (error);
  contact = apl_contact_book_create (book, "Hélène Lefèvre", &error);
  g_assert_no_error (error);
  segment = apl_contact_book_create_segment (book, "Local press", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_add_to_segment (book, segment, contact, &error));

  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  message = apl_store_add_message (colleague, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_add_message_audience (colleague, message, APL_AUDIENCE_SEGMENT, segment, &error));
  scenario = apl_store_add_starter_scenario (colleague, plan, APL_SCENARIO_KIND_SERVICE_OUTAGE, "en", &error);
  g_assert_nonnull (scenario);
  g_assert_no_error (error);

  g_assert_true (apl_plan_export (colleague, plan, file, &error));
  g_assert_no_error (error);
  apl_store_close (colleague);
  return file;
}

static void
test_preview_then_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = write_plan_file (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store (fixture))), ==, 1);
  apl_plan_files_import (fixture->window, file);

  /* The file is read in a worker; then the user sees what would come in. */
  g_assert_true (wait_for (has_message_dialog, NULL));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import “Flood at the depot”?");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "Contacts: 1 new, 0 already in the contact book"));
  g_assert_nonnull (strstr (body, "Messages: 1 new, 0 updated, 0 removed"));
  g_assert_nonnull (strstr (body, "Crisis plan: 1 scenario, "));
  g_assert_true (adw_message_dialog_has_response (dialog, "import"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Nothing is written before Import. */
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store (fixture))), ==, 1);

  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_for (has_two_plans, fixture));
  g_assert_cmpstr (apl_plan_get_title (apl_window_get_selected_plan (fixture->window)), ==, "Flood at the depot");
}

static void
test_preview_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_plan_file (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  guint tick;

  apl_plan_files_import (fixture->window, file);
  g_assert_true (wait_for (has_message_dialog, NULL));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Give a wrongly started import the time to land: none does. */
  tick = g_timeout_add (10, tick_cb, NULL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (tick);
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (store (fixture))), ==, 1);
}

static void
test_export_from_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.aplomb.xml", NULL);
  g_autoptr(AplPlan) plan = g_list_model_get_item (apl_store_get_plans (store (fixture)), 0);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  expected = apl_plan_export_to_bytes (store (fixture), plan, &error);
  g_assert_no_error (error);

  apl_plan_files_export_to (fixture->window, plan, path);
  g_assert_true (wait_for (file_exists, path));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
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

  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/xml/window/preview-then-import", Fixture, NULL, fixture_setup, test_preview_then_import,
              fixture_teardown);
  g_test_add ("/xml/window/preview-cancel", Fixture, NULL, fixture_setup, test_preview_cancel, fixture_teardown);
  g_test_add ("/xml/window/export", Fixture, NULL, fixture_setup, test_export_from_window, fixture_teardown);

  return g_test_run ();
}
