/* apl-application.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-application.h"
#include "apl-plan-files.h"
#include "apl-preferences-window.h"
#include "apl-sample-plan.h"
#include "apl-window.h"

struct _AplApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AplStore       *store;
  char           *workspace_path;
  char           *page_name;
  GError         *open_error;  /* of the early open, for activate() to show */
};

G_DEFINE_FINAL_TYPE (AplApplication, apl_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace FILE instead of the default one"), N_("FILE") },
  /* For the benchmarks and for scripts: open straight on a page, e.g. the
   * contacts view, without input. */
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the window on page NAME: overview, stakeholders, messages, approvals, contacts, crisis-cell or scenarios"),
    N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* Helpers */

static void
apply_color_scheme (AplApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case 2:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    default:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
      break;
    }
}

static void
show_open_error (AplApplication *self,
                 const GError   *error)
{
  AdwMessageDialog *dialog;

  /* Without a workspace there is nothing to show; say why in plain words
   * and leave the file alone. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       _("Aplomb Cannot Open the Workspace"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The workspace opened before its check ended (see apl_store_open_full())
 * and the check found it damaged: nothing was written to it, and the user
 * gets the refusal a damaged workspace always gets, with no window left
 * showing what was read from it. */
static void
store_check_finished_cb (AplStore       *store,
                         const GError   *error,
                         AplApplication *self)
{
  GList *windows;

  if (error == NULL)
    return;

  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  show_open_error (self, error);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  /* Release the lock at once; the store writes nothing, not even a
   * checkpoint, on closing. */
  if (self->store == store)
    {
      apl_store_close (store);
      g_clear_object (&self->store);
    }
  g_application_release (G_APPLICATION (self));
}

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Destroying the windows lets each one save its state first. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (app);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AplApplication *self = APL_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AplPreferencesWindow *preferences;

  if (self->store == NULL)
    return;

  preferences = apl_preferences_window_new (self->settings,
                                            apl_store_get_organisation (self->store));
  /* A window of the application, so that Ctrl+Q and the app.* actions
   * work from inside it too. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Aplomb developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", app,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", "Aplomb",
                        "application-icon", APP_ID,
                        "developer-name", _("The Aplomb developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Prepare crisis communication plans before the crisis: "
                                      "who matters, what to say, to whom, and who signs it off."),
                        "website", "https://github.com/aplomb/Aplomb",
                        "issue-url", "https://github.com/aplomb/Aplomb/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Aplomb developers",
                        "developers", developers,
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* GApplication */

static int
apl_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  AplApplication *self = APL_APPLICATION (app);
  const char *workspace = NULL;
  const char *page = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("aplomb %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "workspace", "^&ay", &workspace))
    {
      g_free (self->workspace_path);
      self->workspace_path = g_strdup (workspace);
    }
  if (g_variant_dict_lookup (options, "page", "s", &page))
    {
      g_free (self->page_name);
      self->page_name = g_strdup (page);
    }

  /* A normal start (nothing registered or opened yet): open the workspace
   * now, before GTK connects to the display, so that the check of a large
   * workspace runs beside GTK's own start-up. activate() shows an error. */
  if (!g_application_get_is_registered (app) && self->store == NULL && self->open_error == NULL)
    {
      g_autofree char *path = self->workspace_path
        ? g_strdup (self->workspace_path)
        : apl_store_default_path ();

      apl_application_open_store (self, path, &self->open_error);
    }

  return -1;
}

static void
apl_application_startup (GApplication *app)
{
  AplApplication *self = APL_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (apl_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
apl_application_activate (GApplication *app)
{
  AplApplication *self = APL_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (window == NULL && self->store == NULL && self->open_error != NULL)
    {
      show_open_error (self, self->open_error);
      g_clear_error (&self->open_error);
      return;
    }
  if (window == NULL && self->store == NULL)
    {
      g_autofree char *path = self->workspace_path
        ? g_strdup (self->workspace_path)
        : apl_store_default_path ();

      if (!apl_application_open_store (self, path, &error))
        {
          show_open_error (self, error);
          return;
        }
    }

  if (window == NULL)
    {
      window = GTK_WINDOW (apl_window_new (self));
      /* Before it is shown: only the page asked for is built and filled. */
      if (self->page_name != NULL && !apl_window_show_page (APL_WINDOW (window), self->page_name))
        g_printerr (_("There is no page “%s”; the window opens on its usual page.\n"), self->page_name);
    }

  gtk_window_present (window);
}

/* Plan files opened from a file manager (or named on the command line)
 * are imported into the workspace, as from the Import Plan menu item. */
static void
apl_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (!APL_IS_WINDOW (window))
    return;

  for (int i = 0; i < n_files; i++)
    apl_plan_files_import (APL_WINDOW (window), files[i]);
}

static void
apl_application_shutdown (GApplication *app)
{
  AplApplication *self = APL_APPLICATION (app);

  G_APPLICATION_CLASS (apl_application_parent_class)->shutdown (app);

  /* Close explicitly: the lock must go before the process does. */
  if (self->store != NULL)
    apl_store_close (self->store);
}

/* GObject */

static void
apl_application_finalize (GObject *object)
{
  AplApplication *self = APL_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->workspace_path, g_free);
  g_clear_pointer (&self->page_name, g_free);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (apl_application_parent_class)->finalize (object);
}

static void
apl_application_class_init (AplApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = apl_application_finalize;

  app_class->handle_local_options = apl_application_handle_local_options;
  app_class->startup = apl_application_startup;
  app_class->activate = apl_application_activate;
  app_class->open = apl_application_open;
  app_class->shutdown = apl_application_shutdown;
}

static void
apl_application_init (AplApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PLAN FILE…]"));
}

/* Public API */

AplApplication *
apl_application_new (void)
{
  /* Each process opens its own workspace; a second one on the same file is
   * told so by the store's lock, so there is no need for D-Bus uniqueness. */
  return g_object_new (APL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * apl_application_open_store:
 *
 * Opens the workspace the windows will show. A new workspace gets the
 * sample plan, so that the window never opens empty on a first start.
 */
gboolean
apl_application_open_store (AplApplication  *self,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(AplStore) store = NULL;

  g_return_val_if_fail (APL_IS_APPLICATION (self), FALSE);

  /* The window shows while SQLite checks the whole file (most of the
   * start-up on a large workspace); the store holds writes until then. */
  store = apl_store_open_full (path, APL_STORE_OPEN_CHECK_IN_BACKGROUND, error);
  if (store == NULL)
    return FALSE;
  g_signal_connect_object (store, "check-finished", G_CALLBACK (store_check_finished_cb), self, 0);

  if (apl_store_is_new (store))
    {
      g_autoptr(AplPlan) sample = apl_sample_plan_create (store, error);

      if (sample == NULL)
        return FALSE;
    }

  g_set_object (&self->store, store);
  return TRUE;
}

AplStore *
apl_application_get_store (AplApplication *self)
{
  g_return_val_if_fail (APL_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
apl_application_get_settings (AplApplication *self)
{
  g_return_val_if_fail (APL_IS_APPLICATION (self), NULL);
  return self->settings;
}
