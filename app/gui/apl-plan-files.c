/* apl-plan-files.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan files from the window: export a plan for the agency, the subsidiary
 * or the USB stick in the crisis room, and import one received from them.
 * Files come from other people: a refused file is explained, line by line,
 * and the workspace is left exactly as it was.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-plan-files.h"
#include "apl-plan-xml.h"

#define PLAN_FILE_SUFFIX ".aplomb.xml"

typedef struct
{
  AplWindow *window;
  GFile     *file;
} ImportRequest;

static void
import_request_free (gpointer  data,
                     GClosure *closure)
{
  ImportRequest *request = data;

  g_clear_object (&request->window);
  g_clear_object (&request->file);
  g_free (request);
}

static AplStore *
window_store (AplWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return apl_application_get_store (APL_APPLICATION (app));
}

static void
show_problem (AplWindow  *window,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A title can hold characters that file names cannot. */
static char *
suggested_file_name (AplPlan *plan)
{
  g_autofree char *base = g_strdup (apl_plan_get_title (plan));

  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, PLAN_FILE_SUFFIX, NULL);
}

static void
add_plan_file_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) plans = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (plans, _("Aplomb plans"));
  gtk_file_filter_add_mime_type (plans, "application/x-aplomb-plan+xml");
  gtk_file_filter_add_pattern (plans, "*.xml");
  gtk_file_chooser_add_filter (chooser, plans);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

/* Export */

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    AplWindow       *window)
{
  AplPlan *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      show_problem (window, _("Plan Not Exported"),
                    _("Choose a folder on this computer or on a drive connected to it."));
      goto out;
    }

  if (!apl_plan_export (window_store (window), plan, path, &error))
    {
      show_problem (window, _("Plan Not Exported"), error->message);
      goto out;
    }

  name = g_filename_display_basename (path);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Plan exported to “%s”"), name);
  apl_window_add_toast (window, adw_toast_new (message));

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/**
 * apl_plan_files_export:
 *
 * Asks where to save @plan, then writes it as a plan file.
 */
void
apl_plan_files_export (AplWindow *window,
                       AplPlan   *plan)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggested_file_name (plan);

  chooser = gtk_file_chooser_native_new (_("Export Plan"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "plan", g_object_ref (plan), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import */

static void
import_with_mode (AplWindow         *window,
                  GFile             *file,
                  AplPlanImportMode  mode)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  plan = apl_plan_import (window_store (window), path, mode, &error);
  if (plan == NULL)
    {
      show_problem (window, _("Plan Not Imported"), error->message);
      return;
    }

  apl_window_select_plan (window, plan);
  /* Translators: %s is the title of a plan */
  message = g_strdup_printf (_("“%s” imported"), apl_plan_get_title (plan));
  apl_window_add_toast (window, adw_toast_new (message));
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ImportRequest    *request)
{
  if (g_strcmp0 (response, "replace") == 0)
    import_with_mode (request->window, request->file, APL_PLAN_IMPORT_REPLACE);
  else if (g_strcmp0 (response, "copy") == 0)
    import_with_mode (request->window, request->file, APL_PLAN_IMPORT_NEW);
}

/**
 * apl_plan_files_import:
 * @file: a plan file
 *
 * Imports @file. When the workspace already holds the same plan (the same
 * id), the user chooses between replacing it and keeping both.
 */
void
apl_plan_files_import (AplWindow *window,
                       GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  ImportRequest *request;
  GtkWidget *dialog;
  AplPlan *existing;

  g_return_if_fail (APL_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  if (path == NULL)
    {
      show_problem (window, _("Plan Not Imported"),
                    _("Only files on this computer or on a drive connected to it can be imported."));
      return;
    }

  id = apl_plan_file_get_id (path, &error);
  if (id == NULL)
    {
      show_problem (window, _("Plan Not Imported"), error->message);
      return;
    }

  existing = apl_store_find_plan_by_uuid (window_store (window), id);
  if (existing == NULL)
    {
      /* Keeping the file's id lets a later version of the same file
       * replace this plan instead of duplicating it. */
      import_with_mode (window, file, APL_PLAN_IMPORT_REPLACE);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Replace the Plan?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The workspace already holds “%s”. Replace it with the plan in the file, or keep both?"),
                                  apl_plan_get_title (existing));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "copy", _("_Keep Both"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request = g_new0 (ImportRequest, 1);
  request->window = g_object_ref (window);
  request->file = g_object_ref (file);
  g_signal_connect_data (dialog, "response", G_CALLBACK (replace_response_cb), request,
                         import_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    AplWindow       *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        apl_plan_files_import (window, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/**
 * apl_plan_files_choose_import:
 *
 * Asks for a plan file, then imports it.
 */
void
apl_plan_files_choose_import (AplWindow *window)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Plan"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_plan_file_filter (GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
