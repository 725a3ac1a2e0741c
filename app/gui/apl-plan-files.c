/* apl-plan-files.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan files from the window: export a plan for the agency, the subsidiary
 * or the USB stick in the crisis room, and import one received from them.
 * Files come from other people: a refused file is explained, line by line,
 * and the workspace is left exactly as it was. Before an import writes
 * anything, the user sees what it would create and merge, and says Import.
 *
 * Reading, writing and importing run in worker threads (apl-plan-xml.h), so
 * that the window stays responsive with a large plan: a toast shows their
 * progress with a Cancel button, and Cancel leaves the workspace (or the
 * target file) exactly as it was.
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

/* One import, preview or export in progress. Shared with the worker
 * thread's progress callback through an atomic reference count; only the
 * main thread touches the widgets and the window. */
typedef struct
{
  AplWindow          *window;
  AdwToast           *toast;
  GtkProgressBar     *bar;
  GCancellable       *cancellable;
  GFile              *file;
  AplPlanImportMode   mode;
  char               *name;
  guint               show_id;
  gboolean            dismissed;
  int                 last_percent;     /* atomic */
} Job;

typedef struct
{
  Job    *job;
  double  fraction;
} ProgressUpdate;

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

/* Jobs */

static void
job_clear (Job *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->toast);
  g_clear_object (&job->bar);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->file);
  g_free (job->name);
}

static void
job_release (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static void
cancel_clicked_cb (AdwToast *toast,
                   Job      *job)
{
  g_cancellable_cancel (job->cancellable);
}

/* Closing the toast only hides the progress: the work goes on. */
static void
toast_dismissed_cb (AdwToast *toast,
                    Job      *job)
{
  job->dismissed = TRUE;
}

static gboolean
show_toast_cb (gpointer data)
{
  Job *job = data;

  job->show_id = 0;
  apl_window_add_toast (job->window, g_object_ref (job->toast));
  return G_SOURCE_REMOVE;
}

/* A toast that stays while the work runs: what is happening, a progress
 * bar, and Cancel. It shows only when the work takes a moment: a small
 * plan is read and written before a toast could be read. */
static Job *
job_start (AplWindow  *window,
           const char *message)
{
  Job *job = g_atomic_rc_box_new0 (Job);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (message);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->window = g_object_ref (window);
  job->cancellable = g_cancellable_new ();
  job->last_percent = -1;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 200, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  job->bar = GTK_PROGRESS_BAR (g_object_ref (bar));

  job->toast = adw_toast_new (message);
  adw_toast_set_custom_title (job->toast, box);
  adw_toast_set_timeout (job->toast, 0);
  adw_toast_set_priority (job->toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  g_signal_connect_data (job->toast, "button-clicked", G_CALLBACK (cancel_clicked_cb),
                         g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_release, 0);
  g_signal_connect_data (job->toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                         g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_release, 0);
  job->show_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 300, show_toast_cb, g_atomic_rc_box_acquire (job),
                                     job_release);
  return job;
}

static void
job_finish (Job *job)
{
  g_signal_handlers_disconnect_by_func (job->toast, cancel_clicked_cb, job);
  g_signal_handlers_disconnect_by_func (job->toast, toast_dismissed_cb, job);
  if (job->show_id != 0)
    g_clear_handle_id (&job->show_id, g_source_remove);
  else if (!job->dismissed)
    adw_toast_dismiss (job->toast);
  job_release (job);
}

static gboolean
progress_update_cb (gpointer data)
{
  ProgressUpdate *update = data;

  gtk_progress_bar_set_fraction (update->job->bar, update->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  job_release (update->job);
  g_free (update);
}

/* Called in the worker thread: the bar is updated on the main thread, at
 * most once per percent. */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Job *job = user_data;
  int percent = (int) (fraction * 100);
  ProgressUpdate *update;

  if (g_atomic_int_get (&job->last_percent) == percent)
    return;
  g_atomic_int_set (&job->last_percent, percent);

  update = g_new0 (ProgressUpdate, 1);
  update->job = g_atomic_rc_box_acquire (job);
  update->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_update_cb, update, progress_update_free);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Export */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!apl_plan_export_finish (APL_STORE (source), result, &error))
    {
      if (is_cancelled (error))
        apl_window_add_toast (job->window, adw_toast_new (_("Export cancelled")));
      else
        show_problem (job->window, _("Plan Not Exported"), error->message);
    }
  else
    {
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Plan exported to “%s”"), job->name);
      apl_window_add_toast (job->window, adw_toast_new (message));
    }
  job_finish (job);
}

/**
 * apl_plan_files_export_to:
 * @path: the file to write
 *
 * Writes @plan to @path in a worker thread, with progress and Cancel in a
 * toast.
 */
void
apl_plan_files_export_to (AplWindow  *window,
                          AplPlan    *plan,
                          const char *path)
{
  g_autofree char *message = NULL;
  Job *job;

  g_return_if_fail (APL_IS_WINDOW (window));
  g_return_if_fail (APL_IS_PLAN (plan));

  /* Translators: %s is the title of a plan */
  message = g_strdup_printf (_("Exporting “%s”…"), apl_plan_get_title (plan));
  job = job_start (window, message);
  job->name = g_filename_display_basename (path);
  apl_plan_export_async (window_store (window), plan, path, job->cancellable,
                         progress_cb, g_atomic_rc_box_acquire (job), job_release, export_done_cb, job);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    AplWindow       *window)
{
  AplPlan *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

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
  apl_plan_files_export_to (window, plan, path);

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
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  plan = apl_plan_import_finish (APL_STORE (source), result, &error);
  if (plan == NULL)
    {
      if (is_cancelled (error))
        apl_window_add_toast (job->window, adw_toast_new (_("Import cancelled: nothing was changed")));
      else
        show_problem (job->window, _("Plan Not Imported"), error->message);
    }
  else
    {
      apl_window_select_plan (job->window, plan);
      /* Translators: %s is the title of a plan */
      message = g_strdup_printf (_("“%s” imported"), apl_plan_get_title (plan));
      apl_window_add_toast (job->window, adw_toast_new (message));
    }
  job_finish (job);
}

static void
start_import (AplWindow         *window,
              GFile             *file,
              AplPlanImportMode  mode)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;
  Job *job;

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Importing “%s”…"), name);
  job = job_start (window, message);
  apl_plan_import_async (window_store (window), path, mode, job->cancellable,
                         progress_cb, g_atomic_rc_box_acquire (job), job_release, import_done_cb, job);
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Job              *job)
{
  if (g_strcmp0 (response, "import") == 0)
    start_import (job->window, job->file, job->mode);
}

static void
append_line (GString    *body,
             const char *line)
{
  if (body->len > 0)
    g_string_append_c (body, '\n');
  g_string_append (body, line);
}

/* The first item of @kind, for the sections summed up in one line. */
static const char *
find_item (GPtrArray  *items,
           const char *kind)
{
  for (guint i = 0; i < items->len; i++)
    {
      AplImportPreviewItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->kind, kind))
        return item->name;
    }
  return NULL;
}

/* What the import would do, one line per kind of thing, in counts. */
static char *
preview_body (GPtrArray *items)
{
  GString *body = g_string_new (NULL);
  guint created, merged, removed, n;

  created = apl_import_preview_count (items, APL_IMPORT_CREATE, "stakeholder");
  merged = apl_import_preview_count (items, APL_IMPORT_MERGE, "stakeholder");
  if (created + merged > 0)
    {
      /* Translators: counts of what an import would add and reuse */
      g_autofree char *line = g_strdup_printf (_("Stakeholders: %u new, %u already in the workspace"),
                                               created, merged);

      append_line (body, line);
    }

  created = apl_import_preview_count (items, APL_IMPORT_CREATE, "contact");
  merged = apl_import_preview_count (items, APL_IMPORT_MERGE, "contact");
  if (created + merged > 0)
    {
      /* Translators: counts of what an import would add and reuse */
      g_autofree char *line = g_strdup_printf (_("Contacts: %u new, %u already in the contact book"),
                                               created, merged);

      append_line (body, line);
    }

  if ((n = apl_import_preview_count (items, APL_IMPORT_CREATE, "group")) > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Stakeholder groups: %u new"), n);

      append_line (body, line);
    }
  if ((n = apl_import_preview_count (items, APL_IMPORT_CREATE, "outlet")) > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Outlets: %u new"), n);

      append_line (body, line);
    }
  created = apl_import_preview_count (items, APL_IMPORT_CREATE, "message");
  merged = apl_import_preview_count (items, APL_IMPORT_MERGE, "message");
  removed = apl_import_preview_count (items, APL_IMPORT_REMOVE, "message");
  if (created + merged + removed > 0)
    {
      g_autofree char *line = g_strdup_printf (_("Messages: %u new, %u updated, %u removed"),
                                               created, merged, removed);

      append_line (body, line);
    }
  if (find_item (items, "crisis-plan") != NULL)
    {
      /* Translators: %s says what the crisis plan holds, such as "2 scenarios, 4 roles, …" */
      g_autofree char *line = g_strdup_printf (_("Crisis plan: %s"), find_item (items, "crisis-plan"));

      append_line (body, line);
    }
  if (find_item (items, "approval-route") != NULL)
    {
      /* Translators: %s is the number of steps, such as "3 steps" */
      g_autofree char *line = g_strdup_printf (_("Approval route: %s"), find_item (items, "approval-route"));

      append_line (body, line);
    }
  if (find_item (items, "approval-trail") != NULL)
    {
      /* Translators: %s says what happens to the file's approval trail */
      g_autofree char *line = g_strdup_printf (_("Approval trail: %s"), find_item (items, "approval-trail"));

      append_line (body, line);
    }
  if (body->len == 0)
    g_string_append (body, _("The plan and its organisation profile only."));

  return g_string_free (body, FALSE);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *title;
  GtkWidget *dialog;

  items = apl_plan_import_preview_finish (APL_STORE (source), result, &error);
  if (items == NULL)
    {
      if (!is_cancelled (error))
        show_problem (job->window, _("Plan Not Imported"), error->message);
      job_finish (job);
      return;
    }

  title = find_item (items, "plan");
  body = preview_body (items);
  dialog = adw_message_dialog_new (GTK_WINDOW (job->window), NULL, body);
  /* Translators: %s is the title of the plan in the file */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Import “%s”?"), title ? title : "");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (preview_response_cb), g_atomic_rc_box_acquire (job),
                         (GClosureNotify) (void (*) (void)) job_release, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  job_finish (job);
}

/* Reads the file in a worker thread and shows what importing it would do;
 * the import itself starts only when the user says Import. */
static void
import_with_mode (AplWindow         *window,
                  GFile             *file,
                  AplPlanImportMode  mode)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;
  Job *job;

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Reading “%s”…"), name);
  job = job_start (window, message);
  job->file = g_object_ref (file);
  job->mode = mode;
  apl_plan_import_preview_async (window_store (window), path, mode, job->cancellable,
                                 progress_cb, g_atomic_rc_box_acquire (job), job_release, preview_done_cb, job);
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
 * id), the user chooses between replacing it and keeping both. The file is
 * then read in a worker thread and the user sees what importing it would
 * create and merge; only Import writes it, in a worker thread too.
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
