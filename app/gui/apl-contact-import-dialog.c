/* apl-contact-import-dialog.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column-mapping step of a CSV import: each column of the file with
 * the field guessed from its header (a drop-down to change it or ignore
 * the column), the first records as they will be imported, and how many
 * contacts the import will create, merge or skip. The counts come from a
 * dry run of the import in a worker thread (on its own connection, see
 * apl_contact_book_import_stream()), run again when the mapping changes.
 * The page that opened the dialog runs the import itself.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-contact-import-dialog.h"

/* Records shown in the preview, and sample values under each column. */
#define PREVIEW_ROWS 3

struct _AplContactImportDialog
{
  AdwWindow               parent_instance;

  AdwWindowTitle         *window_title;
  GtkWidget              *import_button;
  GtkSpinner             *counting_spinner;
  GtkLabel               *counts_label;
  AdwComboRow            *duplicates_row;
  AdwPreferencesGroup    *columns_group;
  AdwPreferencesGroup    *preview_group;

  AplContactBook         *book;
  char                   *path;
  GPtrArray              *rows;           /* header, then PREVIEW_ROWS records */
  GArray                 *columns;        /* int: where each column goes */
  GPtrArray              *column_rows;    /* AdwComboRow, one a column */
  GPtrArray              *preview_rows;   /* AdwActionRow */

  GCancellable           *counting;
  gboolean                counted;
  gboolean                count_failed;
  AplContactImportReport  report;
};

G_DEFINE_FINAL_TYPE (AplContactImportDialog, apl_contact_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Counting */

typedef struct
{
  AplContactBook          *book;
  char                    *path;
  int                     *columns;
  AplContactImportOptions  options;
  AplContactImportReport   report;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_object_unref (job->book);
  g_free (job->path);
  g_free (job->columns);
  if (job->report.problems != NULL)
    apl_contact_import_report_clear (&job->report);
  g_free (job);
}

/* In the worker: the whole import, rolled back. */
static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CountJob *job = data;
  GError *error = NULL;

  if (apl_contact_book_import_file (job->book, job->path, &job->options, &job->report, NULL, NULL,
                                    cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_counts (AplContactImportDialog *self,
             const char             *failure)
{
  g_autoptr(GString) text = g_string_new (NULL);
  AplContactImportReport *report = &self->report;

  gtk_spinner_set_spinning (self->counting_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->counting_spinner), FALSE);
  if (failure != NULL)
    {
      gtk_label_set_text (self->counts_label, failure);
      gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import-dialog.import", FALSE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "error");

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new contact", "%u new contacts",
                                             report->created), report->created);
  g_string_append (text, "\n");
  if (adw_combo_row_get_selected (self->duplicates_row) == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u merged into a contact of the book",
                                               "%u merged into contacts of the book", report->merged),
                            report->merged);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u skipped: already in the book",
                                               "%u skipped: already in the book", report->skipped),
                            report->skipped);
  if (report->bad > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u record cannot be read and will be left out:",
                                                 "%u records cannot be read and will be left out:", report->bad),
                              report->bad);
      for (guint i = 0; i < report->problems->len && i < 5; i++)
        g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (report->problems, i));
    }
  gtk_label_set_text (self->counts_label, text->str);
  gtk_button_set_label (GTK_BUTTON (self->import_button),
                        report->bad > 0 ? _("_Import the Good Records") : _("_Import"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import-dialog.import", report->created + report->merged > 0);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  AplContactImportDialog *self = APL_CONTACT_IMPORT_DIALOG (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* An older count, overtaken by a change of the mapping. */
  if (g_task_get_cancellable (G_TASK (result)) != self->counting)
    return;
  g_clear_object (&self->counting);

  if (self->report.problems != NULL)
    apl_contact_import_report_clear (&self->report);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->count_failed = TRUE;
      show_counts (self, error->message);
      return;
    }
  self->report = job->report;
  memset (&job->report, 0, sizeof job->report);
  self->counted = TRUE;
  self->count_failed = FALSE;
  show_counts (self, NULL);
}

static void
start_count (AplContactImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  if (self->counting != NULL)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  self->counting = g_cancellable_new ();
  self->counted = FALSE;

  job->book = g_object_ref (self->book);
  job->path = g_strdup (self->path);
  job->columns = g_memdup2 (self->columns->data, sizeof (int) * self->columns->len);
  job->options.format = APL_CONTACT_FORMAT_CSV;
  job->options.dry_run = TRUE;
  job->options.skip_bad_records = TRUE;
  job->options.duplicates = apl_contact_import_dialog_get_duplicates (self);
  job->options.columns = job->columns;
  job->options.n_columns = self->columns->len;

  gtk_widget_set_visible (GTK_WIDGET (self->counting_spinner), TRUE);
  gtk_spinner_set_spinning (self->counting_spinner, TRUE);
  gtk_label_set_text (self->counts_label, _("Reading the whole file…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import-dialog.import", FALSE);

  task = g_task_new (self, self->counting, count_done_cb, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

/* Preview */

static void
update_preview (AplContactImportDialog *self)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->preview_rows, i);
      const char * const *fields = g_ptr_array_index (self->rows, i + 1);
      g_auto(GStrv) values = apl_contact_map_row (fields, g_strv_length ((char **) fields),
                                                  (const int *) self->columns->data, self->columns->len);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const AplContactField shown[] = { APL_CONTACT_FIELD_OUTLET, APL_CONTACT_FIELD_ROLE, APL_CONTACT_FIELD_EMAILS };
      g_autofree char *title = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
        if (*values[shown[k]] != '\0')
          {
            g_auto(GStrv) lines = g_strsplit (values[shown[k]], "\n", -1);
            g_autofree char *joined = g_strjoinv ("; ", lines);

            g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", joined);
          }
      title = *values[APL_CONTACT_FIELD_NAME] != '\0' ? g_markup_escape_text (values[APL_CONTACT_FIELD_NAME], -1)
                                                       : g_markup_escape_text (_("(no name: left out)"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      {
        g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

        adw_action_row_set_subtitle (row, escaped);
      }
    }
}

static void
column_selected_cb (AdwComboRow            *row,
                    GParamSpec             *pspec,
                    AplContactImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
  guint selected = adw_combo_row_get_selected (row);
  guint n_choices;
  const int *choices = apl_contact_column_choices (&n_choices);

  if (selected >= n_choices || index >= self->columns->len)
    return;
  if (g_array_index (self->columns, int, index) == choices[selected])
    return;
  g_array_index (self->columns, int, index) = choices[selected];
  update_preview (self);
  start_count (self);
}

static void
duplicates_changed_cb (AplContactImportDialog *self)
{
  if (self->path != NULL)
    start_count (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AplContactImportDialog *self = APL_CONTACT_IMPORT_DIALOG (widget);

  g_signal_emit (self, signals[IMPORT], 0);
}

static void
fill (AplContactImportDialog *self)
{
  const char * const *header = g_ptr_array_index (self->rows, 0);
  guint n_columns = g_strv_length ((char **) header);
  guint n_choices;
  const int *choices = apl_contact_column_choices (&n_choices);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_choices; i++)
    {
      g_autofree char *label = apl_contact_column_get_label (choices[i]);

      gtk_string_list_append (labels, label);
    }

  for (guint i = 0; i < n_columns; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      int guess = apl_contact_guess_column (header[i]);
      g_autoptr(GString) samples = g_string_new (NULL);
      g_autofree char *title = NULL;
      guint selected = 0;

      g_array_append_val (self->columns, guess);
      for (guint k = 0; k < n_choices; k++)
        if (choices[k] == guess)
          selected = k;
      for (guint r = 1; r < self->rows->len; r++)
        {
          const char * const *fields = g_ptr_array_index (self->rows, r);

          if (i < g_strv_length ((char **) fields) && *fields[i] != '\0')
            g_string_append_printf (samples, "%s%s", samples->len > 0 ? " · " : "", fields[i]);
        }
      g_strdelimit (samples->str, "\r\n", ' ');

      title = *header[i] != '\0' ? g_markup_escape_text (header[i], -1)
                                 : g_strdup_printf (_("Column %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      {
        g_autofree char *escaped = g_markup_escape_text (samples->len > 0 ? samples->str : _("(empty)"), -1);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      }
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_selected_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }

  for (guint r = 1; r < self->rows->len; r++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_preferences_group_add (self->preview_group, row);
      g_ptr_array_add (self->preview_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), self->rows->len > 1);
  update_preview (self);
}

/* GObject */

static void
apl_contact_import_dialog_dispose (GObject *object)
{
  AplContactImportDialog *self = APL_CONTACT_IMPORT_DIALOG (object);

  if (self->counting != NULL)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_CONTACT_IMPORT_DIALOG);
  G_OBJECT_CLASS (apl_contact_import_dialog_parent_class)->dispose (object);
}

static void
apl_contact_import_dialog_finalize (GObject *object)
{
  AplContactImportDialog *self = APL_CONTACT_IMPORT_DIALOG (object);

  g_clear_object (&self->book);
  g_free (self->path);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_array_unref (self->columns);
  g_ptr_array_unref (self->column_rows);
  g_ptr_array_unref (self->preview_rows);
  if (self->report.problems != NULL)
    apl_contact_import_report_clear (&self->report);
  G_OBJECT_CLASS (apl_contact_import_dialog_parent_class)->finalize (object);
}

static void
apl_contact_import_dialog_class_init (AplContactImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_contact_import_dialog_dispose;
  object_class->finalize = apl_contact_import_dialog_finalize;

  /**
   * AplContactImportDialog::import:
   *
   * The user asked to import with the mapping shown.
   */
  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-contact-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, counting_spinner);
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, AplContactImportDialog, preview_group);
  gtk_widget_class_bind_template_callback (widget_class, duplicates_changed_cb);

  gtk_widget_class_install_action (widget_class, "import-dialog.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import-dialog.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
apl_contact_import_dialog_init (AplContactImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->columns = g_array_new (FALSE, FALSE, sizeof (int));
  self->column_rows = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import-dialog.import", FALSE);
}

/* Public API */

/**
 * apl_contact_import_dialog_new:
 * @path: a CSV file
 *
 * Reads the file's header and first records, guesses the mapping and
 * starts counting.
 *
 * Returns: (transfer full) (nullable): the dialog, not shown yet, or %NULL
 * with @error set when the file cannot be read
 */
AplContactImportDialog *
apl_contact_import_dialog_new (GtkWindow       *parent,
                               AplContactBook  *book,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *name = NULL;
  AplContactImportDialog *self;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (book), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  rows = apl_contact_read_csv_preview (path, PREVIEW_ROWS, error);
  if (rows == NULL)
    return NULL;

  self = g_object_new (APL_TYPE_CONTACT_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->book = g_object_ref (book);
  self->path = g_strdup (path);
  self->rows = g_steal_pointer (&rows);
  name = g_filename_display_basename (path);
  adw_window_title_set_subtitle (self->window_title, name);
  fill (self);
  start_count (self);
  return self;
}

const char *
apl_contact_import_dialog_get_path (AplContactImportDialog *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self), NULL);
  return self->path;
}

/**
 * apl_contact_import_dialog_get_columns:
 * @n_columns: (out): how many columns the file has
 *
 * Returns: (transfer none) (array length=n_columns): where each column
 * goes, as AplContactImportOptions.columns takes it
 */
const int *
apl_contact_import_dialog_get_columns (AplContactImportDialog *self,
                                       guint                  *n_columns)
{
  g_return_val_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self), NULL);
  *n_columns = self->columns->len;
  return (const int *) self->columns->data;
}

/**
 * apl_contact_import_dialog_set_column:
 * @index: the column of the file, from 0
 * @column: where it goes: an #AplContactField or an APL_CONTACT_COLUMN_*
 *
 * What choosing in the column's drop-down does.
 */
void
apl_contact_import_dialog_set_column (AplContactImportDialog *self,
                                      guint                   index,
                                      int                     column)
{
  guint n_choices;
  const int *choices = apl_contact_column_choices (&n_choices);

  g_return_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self));
  g_return_if_fail (index < self->column_rows->len);

  for (guint k = 0; k < n_choices; k++)
    if (choices[k] == column)
      adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, index), k);
}

AplContactDuplicates
apl_contact_import_dialog_get_duplicates (AplContactImportDialog *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self), APL_CONTACT_DUPLICATES_MERGE);
  return adw_combo_row_get_selected (self->duplicates_row) == 1 ? APL_CONTACT_DUPLICATES_SKIP
                                                                 : APL_CONTACT_DUPLICATES_MERGE;
}

/* With bad records counted, the user was told they will be left out. */
gboolean
apl_contact_import_dialog_get_skip_bad (AplContactImportDialog *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self), FALSE);
  return self->counted && self->report.bad > 0;
}

gboolean
apl_contact_import_dialog_is_counted (AplContactImportDialog *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self), FALSE);
  return self->counted || self->count_failed;
}

/**
 * apl_contact_import_dialog_get_counts:
 *
 * Returns: (transfer none): the last count, valid once
 * apl_contact_import_dialog_is_counted()
 */
const AplContactImportReport *
apl_contact_import_dialog_get_counts (AplContactImportDialog *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_IMPORT_DIALOG (self), NULL);
  return &self->report;
}
