/* apl-contact-import.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Contact import and export. An import is one transaction: it streams the
 * file record by record into the workspace and commits only at the end,
 * so a bad file, a cancel or a full disk leave the book as it was.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-formats.h"

/* Past this many bad records the file is probably not a contact list. */
#define MAX_PROBLEMS 100
/* Records between progress reports and cancel checks. */
#define BATCH 256
#define FLUSH_BYTES (64 * 1024)

void
apl_contact_import_report_init (AplContactImportReport *report)
{
  memset (report, 0, sizeof *report);
  report->problems = g_ptr_array_new_with_free_func (g_free);
}

void
apl_contact_import_report_clear (AplContactImportReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

AplContactFormat
apl_contact_format_from_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path ? path : "", -1);

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return APL_CONTACT_FORMAT_VCARD;
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".tsv"))
    return APL_CONTACT_FORMAT_CSV;
  return APL_CONTACT_FORMAT_AUTO;
}

AplContactFormat
apl_contact_format_from_string (const char *name)
{
  if (g_strcmp0 (name, "vcard") == 0 || g_strcmp0 (name, "vcf") == 0)
    return APL_CONTACT_FORMAT_VCARD;
  if (g_strcmp0 (name, "vcard4") == 0)
    return APL_CONTACT_FORMAT_VCARD4;
  if (g_strcmp0 (name, "csv") == 0)
    return APL_CONTACT_FORMAT_CSV;
  return APL_CONTACT_FORMAT_AUTO;
}

/* Without an extension: a vCard starts with BEGIN:VCARD. */
static AplContactFormat
sniff_format (AplTextInput *input)
{
  gsize len = 0;
  const char *text = apl_text_input_peek (input, &len);

  while (len > 0 && g_ascii_isspace (*text))
    text++, len--;
  if (len >= 11 && g_ascii_strncasecmp (text, "BEGIN:VCARD", 11) == 0)
    return APL_CONTACT_FORMAT_VCARD;
  return APL_CONTACT_FORMAT_CSV;
}

static void
add_problem (AplContactImportReport *report,
             const char             *name,
             guint                   line,
             const char             *message)
{
  report->bad++;
  if (report->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (report->problems, g_strdup_printf ("%s:%u: %s", name, line, message));
}

/**
 * apl_contact_read_csv_header:
 *
 * Returns: (transfer full) (nullable): the header names of a CSV file,
 * for the column-mapping step, or %NULL with @error set
 */
char **
apl_contact_read_csv_header (const char  *path,
                             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(AplTextInput) input = NULL;
  g_autoptr(AplCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *problem = NULL;
  guint line = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  input = apl_text_input_new (G_INPUT_STREAM (stream), NULL);
  reader = apl_csv_reader_new (input);
  switch (apl_csv_reader_next (reader, fields, &line, &problem, error))
    {
    case APL_READ_RECORD:
      g_ptr_array_add (fields, NULL);
      return (char **) g_ptr_array_steal (fields, NULL);
    case APL_READ_BAD:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, "%u: %s", line, problem);
      return NULL;
    case APL_READ_END:
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("The file is empty."));
      return NULL;
    case APL_READ_ERROR:
    default:
      return NULL;
    }
}

/**
 * apl_contact_read_csv_preview:
 * @max_rows: how many records to read after the header
 *
 * The first records of a CSV file as they are, for the column-mapping
 * step; bad records are left out.
 *
 * Returns: (transfer full) (element-type GStrv): the header, then up to
 * @max_rows records, or %NULL with @error set
 */
GPtrArray *
apl_contact_read_csv_preview (const char  *path,
                              guint        max_rows,
                              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(AplTextInput) input = NULL;
  g_autoptr(AplCsvReader) reader = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *name = g_filename_display_name (path);

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  input = apl_text_input_new (G_INPUT_STREAM (stream), NULL);
  reader = apl_csv_reader_new (input);
  while (rows->len <= max_rows)
    {
      const char * const *fields = NULL;
      g_autofree char *problem = NULL;
      guint n_fields = 0;
      guint line = 0;
      AplReadResult result = apl_csv_reader_next_row (reader, &fields, &n_fields, &line, &problem, error);

      if (result == APL_READ_ERROR)
        return NULL;
      if (result == APL_READ_END)
        break;
      if (result == APL_READ_BAD)
        {
          if (rows->len == 0)
            {
              g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, "%s:%u: %s", name, line, problem);
              return NULL;
            }
          continue;
        }
      {
        char **copy = g_new0 (char *, n_fields + 1);

        for (guint i = 0; i < n_fields; i++)
          copy[i] = g_strdup (fields[i]);
        g_ptr_array_add (rows, copy);
      }
    }
  if (rows->len == 0)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("%s: the file is empty."), name);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * apl_contact_column_choices:
 * @n_choices: (out): their number
 *
 * Returns: (transfer none) (array length=n_choices): where a CSV column
 * can go, in the order to offer them: nowhere, each field, the given and
 * family name, each social network
 */
const int *
apl_contact_column_choices (guint *n_choices)
{
  static int choices[1 + APL_CONTACT_N_FIELDS + 2 + 16];
  static guint n;

  if (n == 0)
    {
      const char * const *networks = apl_contact_social_networks ();
      guint i = 0;

      choices[i++] = APL_CONTACT_COLUMN_IGNORE;
      for (int field = 0; field < APL_CONTACT_N_FIELDS; field++)
        choices[i++] = field;
      choices[i++] = APL_CONTACT_COLUMN_GIVEN_NAME;
      choices[i++] = APL_CONTACT_COLUMN_FAMILY_NAME;
      for (int k = 0; networks[k] != NULL && i < G_N_ELEMENTS (choices); k++)
        choices[i++] = APL_CONTACT_COLUMN_SOCIAL + k;
      n = i;
    }
  *n_choices = n;
  return choices;
}

/**
 * apl_contact_column_get_label:
 *
 * Returns: (transfer full): what a column choice means, for the user
 */
char *
apl_contact_column_get_label (int column)
{
  /* Brand names, in the order of apl_contact_social_networks(). */
  static const char * const brands[] = {
    "X (Twitter)", "LinkedIn", "Instagram", "TikTok", "YouTube", "Mastodon", "Bluesky",
  };

  if (column == APL_CONTACT_COLUMN_IGNORE)
    return g_strdup (_("Ignore"));
  if (column == APL_CONTACT_COLUMN_GIVEN_NAME)
    return g_strdup (_("Given name"));
  if (column == APL_CONTACT_COLUMN_FAMILY_NAME)
    return g_strdup (_("Family name"));
  if (column >= APL_CONTACT_COLUMN_SOCIAL && column < APL_CONTACT_COLUMN_SOCIAL + (int) G_N_ELEMENTS (brands))
    /* TRANSLATORS: %s is a social network, "LinkedIn" */
    return g_strdup_printf (_("%s handle"), brands[column - APL_CONTACT_COLUMN_SOCIAL]);
  if (column >= 0 && column < APL_CONTACT_N_FIELDS)
    return g_strdup (apl_contact_field_get_label (column));
  return g_strdup (_("Ignore"));
}

/**
 * apl_contact_map_row:
 *
 * What a record of a CSV file becomes under a column mapping, before its
 * values are checked: for a preview.
 *
 * Returns: (transfer full): each field's text, %APL_CONTACT_N_FIELDS of
 * them ("" when empty)
 */
char **
apl_contact_map_row (const char * const *fields,
                     guint               n_fields,
                     const int          *columns,
                     guint               n_columns)
{
  AplContactRecord record = { 0 };
  char **values = g_new0 (char *, APL_CONTACT_N_FIELDS + 1);

  apl_csv_apply_row (fields, n_fields, columns, n_columns, &record);
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    values[i] = g_strdup (record.fields[i] ? record.fields[i] : "");
  _apl_contact_record_clear (&record);
  return values;
}

typedef struct
{
  AplContactImportBatch         *batch;
  const AplContactImportOptions *options;
  AplContactImportReport        *report;
  const char                    *name;
} Import;

/* The import runs on two threads: one reads and checks the records
 * (parsing, UTF-8, normalizing every field: a third of the work), the
 * other writes them, so that the two halves overlap. Records travel in
 * chunks, a few at a time, so memory stays bounded whatever the file. */
#define CHUNK_RECORDS 512
#define N_CHUNKS 4

typedef struct
{
  AplContactRecord record;
  guint            line;
  char            *problem;   /* set: a bad record, reported with its line */
} Entry;

typedef struct
{
  Entry    entries[CHUNK_RECORDS];
  guint    n_entries;
  guint64  offset;            /* of the input, after the last entry */
  gboolean end;               /* the last chunk: nothing follows */
  GError  *error;             /* with end: why reading stopped */
  gboolean named;             /* the error's message names the file */
} Chunk;

typedef struct
{
  AplTextInput           *input;
  AplContactFormat        format;
  const int              *columns;
  guint                   n_columns;
  const char             *name;
  GAsyncQueue            *empty;
  GAsyncQueue            *full;
  gint                    stop;   /* atomic: the writer gave up */
} Reading;

static void
chunk_clear (Chunk *chunk)
{
  for (guint i = 0; i < chunk->n_entries; i++)
    {
      _apl_contact_record_clear (&chunk->entries[i].record);
      g_clear_pointer (&chunk->entries[i].problem, g_free);
    }
  chunk->n_entries = 0;
  chunk->end = FALSE;
  chunk->named = FALSE;
  g_clear_error (&chunk->error);
}

static void
chunk_free (Chunk *chunk)
{
  chunk_clear (chunk);
  g_free (chunk);
}

/* The CSV header: where each column goes. FALSE with @error set when no
 * column holds names. */
static AplReadResult
read_header (Reading       *reading,
             AplCsvReader  *csv,
             int          **guessed,
             GError       **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *problem = NULL;
  gboolean has_name = FALSE;
  guint line = 0;
  AplReadResult result;

  result = apl_csv_reader_next (csv, fields, &line, &problem, error);
  if (result == APL_READ_BAD)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, "%s:%u: %s", reading->name, line, problem);
      return APL_READ_ERROR;
    }
  if (result != APL_READ_RECORD)
    return result;

  if (reading->columns == NULL)
    {
      *guessed = g_new (int, fields->len);
      for (guint i = 0; i < fields->len; i++)
        (*guessed)[i] = apl_contact_guess_column (g_ptr_array_index (fields, i));
      reading->columns = *guessed;
      reading->n_columns = fields->len;
    }
  for (guint i = 0; i < reading->n_columns; i++)
    has_name |= reading->columns[i] == APL_CONTACT_FIELD_NAME || reading->columns[i] == APL_CONTACT_COLUMN_GIVEN_NAME
                || reading->columns[i] == APL_CONTACT_COLUMN_FAMILY_NAME;
  if (!has_name)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("%s:1: no column holds the contacts’ names: the first line should name the columns (Name or Nom, Outlet or Média, E-mail or Courriel…)"),
                   reading->name);
      return APL_READ_ERROR;
    }
  return APL_READ_RECORD;
}

/* The reading thread: fills chunks until the end of the file, an error,
 * or the writer's stop; the last chunk it sends has end set. */
static gpointer
read_records (gpointer data)
{
  Reading *reading = data;
  g_autoptr(AplVCardReader) vcard = NULL;
  g_autoptr(AplCsvReader) csv = NULL;
  g_autofree int *guessed = NULL;
  Chunk *chunk = g_async_queue_pop (reading->empty);
  gboolean done = FALSE;

  if (reading->format == APL_CONTACT_FORMAT_CSV)
    {
      csv = apl_csv_reader_new (reading->input);
      if (read_header (reading, csv, &guessed, &chunk->error) != APL_READ_RECORD)
        {
          chunk->named = TRUE;
          done = TRUE;
        }
    }
  else
    vcard = apl_vcard_reader_new (reading->input);

  while (!done && !g_atomic_int_get (&reading->stop))
    {
      Entry *entry = &chunk->entries[chunk->n_entries];
      AplReadResult result;

      if (csv != NULL)
        {
          const char * const *row = NULL;
          guint n_fields = 0;

          result = apl_csv_reader_next_row (csv, &row, &n_fields, &entry->line, &entry->problem, &chunk->error);
          if (result == APL_READ_RECORD)
            apl_csv_apply_row (row, n_fields, reading->columns, reading->n_columns, &entry->record);
          if (result == APL_READ_RECORD && _apl_contact_record_is_empty (&entry->record, APL_CONTACT_FIELD_NAME))
            {
              result = APL_READ_BAD;
              entry->problem = g_strdup (_("the contact has no name"));
            }
        }
      else
        result = apl_vcard_reader_next (vcard, &entry->record, &entry->line, &entry->problem, &chunk->error);

      if (result == APL_READ_RECORD)
        {
          g_autoptr(GError) invalid = NULL;

          /* The same checks as an edit's. */
          if (!_apl_contact_record_normalize (&entry->record, &invalid))
            entry->problem = g_strdup (invalid->message);
        }

      if (result == APL_READ_RECORD || result == APL_READ_BAD)
        chunk->n_entries++;
      else
        {
          _apl_contact_record_clear (&entry->record);
          g_clear_pointer (&entry->problem, g_free);
          done = TRUE;
          break;
        }

      if (chunk->n_entries == CHUNK_RECORDS)
        {
          chunk->offset = apl_text_input_get_offset (reading->input);
          g_async_queue_push (reading->full, chunk);
          chunk = g_async_queue_pop (reading->empty);
        }
    }

  chunk->offset = apl_text_input_get_offset (reading->input);
  chunk->end = TRUE;
  g_async_queue_push (reading->full, chunk);
  return NULL;
}

/* Writes one checked record inside the import's transaction. FALSE on a
 * workspace error. */
static gboolean
take_record (Import            *import,
             AplContactRecord  *record,
             GError           **error)
{
  AplContactImportOutcome outcome;

  if (!_apl_store_contacts_import_record (import->batch, record, import->options->duplicates,
                                          &outcome, error))
    return FALSE;

  switch (outcome)
    {
    case APL_CONTACT_IMPORT_CREATED: import->report->created++; break;
    case APL_CONTACT_IMPORT_MERGED: import->report->merged++; break;
    case APL_CONTACT_IMPORT_SKIPPED:
    default:
      import->report->skipped++;
      break;
    }
  return TRUE;
}

/* Reads every record (on a thread of its own) and writes it (on this
 * one); FALSE on an error that stops the import. */
static gboolean
read_all (Import                 *import,
          AplTextInput           *input,
          AplContactFormat        format,
          guint64                 total,
          AplContactProgressFunc  progress,
          gpointer                user_data,
          GCancellable           *cancellable,
          GError                **error)
{
  Reading reading = { 0, };
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  gboolean ok = TRUE;
  guint count = 0;

  reading.input = input;
  reading.format = format;
  reading.columns = import->options->columns;
  reading.n_columns = import->options->n_columns;
  reading.name = import->name;
  reading.empty = g_async_queue_new_full ((GDestroyNotify) chunk_free);
  reading.full = g_async_queue_new_full ((GDestroyNotify) chunk_free);
  for (guint i = 0; i < N_CHUNKS; i++)
    g_async_queue_push (reading.empty, g_new0 (Chunk, 1));

  thread = g_thread_new ("aplomb-contact-reader", read_records, &reading);

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (reading.full);
      gboolean end = chunk->end;

      for (guint i = 0; ok && i < chunk->n_entries; i++)
        {
          Entry *entry = &chunk->entries[i];

          if (entry->problem != NULL)
            add_problem (import->report, import->name, entry->line, entry->problem);
          else if (!take_record (import, &entry->record, &local_error))
            ok = FALSE;

          if (ok && import->report->bad >= MAX_PROBLEMS)
            {
              g_set_error (&local_error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("%s: more than %d records could not be read, so Aplomb stopped at line %u: is it really a contact list?"),
                           import->name, MAX_PROBLEMS, entry->line);
              ok = FALSE;
            }
          if (ok && ++count % BATCH == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
                ok = FALSE;
              else if (progress != NULL)
                progress (chunk->offset, total, user_data);
            }
        }

      if (end && ok && chunk->error != NULL)
        {
          local_error = g_steal_pointer (&chunk->error);
          if (local_error->domain == APL_STORE_ERROR && !chunk->named)
            g_prefix_error (&local_error, "%s: ", import->name);
          ok = FALSE;
        }
      if (!ok)
        g_atomic_int_set (&reading.stop, 1);

      chunk_clear (chunk);
      g_async_queue_push (reading.empty, chunk);
      if (end)
        break;
    }

  g_thread_join (thread);
  g_async_queue_unref (reading.empty);
  g_async_queue_unref (reading.full);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * apl_contact_book_import_stream:
 * @display_name: the file's name in messages ("FILE:LINE: message")
 * @total_size: the stream's size for progress, or 0
 * @report: (out caller-allocates): counts and problems; initialized here
 * @progress: (nullable) (scope call): called now and then, from the
 *   calling thread
 *
 * Imports vCard or CSV contacts in one transaction. With bad records and
 * without @options->skip_bad_records, nothing is imported and @error says
 * how many; @report lists each with its line.
 *
 * The import writes through its own connection to the workspace, so it
 * may run in a worker thread while the main thread keeps using the store:
 * until the commit, the book reads as it was, and other edits wait for
 * the import's transaction (SQLite's busy timeout) instead of mixing with
 * it. Then the caller calls _apl_contact_book_imported() on the main thread.
 */
gboolean
apl_contact_book_import_stream (AplContactBook                *book,
                                GInputStream                  *stream,
                                const char                    *display_name,
                                guint64                        total_size,
                                const AplContactImportOptions *options,
                                AplContactImportReport        *report,
                                AplContactProgressFunc         progress,
                                gpointer                       user_data,
                                GCancellable                  *cancellable,
                                GError                       **error)
{
  g_autoptr(AplTextInput) input = NULL;
  AplContactImportOptions defaults = { 0 };
  AplContactFormat format;
  Import import = { 0 };
  AplStore *store;
  gboolean ok;
  gboolean commit;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (book), FALSE);

  apl_contact_import_report_init (report);
  if (options == NULL)
    options = &defaults;
  store = apl_contact_book_get_store (book);
  import.options = options;
  import.report = report;
  import.name = display_name ? display_name : "-";
  if (store == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }

  input = apl_text_input_new (stream, cancellable);
  format = options->format;
  if (format == APL_CONTACT_FORMAT_AUTO)
    format = apl_contact_format_from_path (display_name);
  if (format == APL_CONTACT_FORMAT_AUTO)
    format = sniff_format (input);

  import.batch = _apl_store_contacts_import_begin (store, error);
  if (import.batch == NULL)
    return FALSE;

  ok = read_all (&import, input, format, total_size, progress, user_data, cancellable, error);
  if (ok && report->bad > 0 && !options->skip_bad_records)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u record could not be read, so nothing was imported.",
                                "%s: %u records could not be read, so nothing was imported.",
                                report->bad),
                   import.name, report->bad);
      ok = FALSE;
    }

  commit = ok && !options->dry_run;
  if (!_apl_store_contacts_import_end (g_steal_pointer (&import.batch), commit, ok ? error : NULL))
    ok = FALSE;

  if (!ok)
    {
      /* Nothing is in the workspace: the counts would mislead. */
      report->created = report->merged = report->skipped = 0;
      return FALSE;
    }
  if (progress != NULL)
    progress (total_size, total_size, user_data);
  return TRUE;
}

/**
 * apl_contact_book_import_file:
 *
 * apl_contact_book_import_stream() on a file; the format comes from the
 * extension unless @options names it. Tells the lists when called on the
 * thread that uses the book.
 */
gboolean
apl_contact_book_import_file (AplContactBook                *book,
                              const char                    *path,
                              const AplContactImportOptions *options,
                              AplContactImportReport        *report,
                              AplContactProgressFunc         progress,
                              gpointer                       user_data,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_filename_display_name (path);
  guint64 size = 0;
  gboolean ok;

  apl_contact_import_report_init (report);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    size = g_file_info_get_size (info);

  apl_contact_import_report_clear (report);
  ok = apl_contact_book_import_stream (book, G_INPUT_STREAM (stream), name, size, options, report,
                                       progress, user_data, cancellable, error);
  if (ok && !(options && options->dry_run) && _apl_contact_book_is_home_thread (book))
    _apl_contact_book_imported (book);
  return ok;
}

/* Export */

/**
 * apl_contact_book_export:
 * @ids: (element-type gint64): the contacts, in order (a list's ids, a
 *   segment's, a selection)
 * @include_do_not_contact: also write contacts marked do-not-contact;
 *   by default they are left out of lists made for distribution
 * @n_written: (out) (optional): how many contacts were written
 * @n_excluded: (out) (optional): how many were left out as do-not-contact
 *
 * Writes the contacts as vCard 3.0, vCard 4.0 or CSV, a block at a time.
 */
gboolean
apl_contact_book_export (AplContactBook    *book,
                         GArray            *ids,
                         AplContactFormat   format,
                         gboolean           include_do_not_contact,
                         GOutputStream     *stream,
                         guint             *n_written,
                         guint             *n_excluded,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GString) out = g_string_sized_new (FLUSH_BYTES + 4096);
  AplStore *store;
  guint written = 0;
  guint excluded = 0;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (book), FALSE);

  store = apl_contact_book_get_store (book);
  if (store == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (format == APL_CONTACT_FORMAT_AUTO)
    format = APL_CONTACT_FORMAT_VCARD;
  if (format == APL_CONTACT_FORMAT_CSV)
    apl_csv_write_header (out);

  for (guint i = 0; i < ids->len; i++)
    {
      AplContactRecord record = { 0 };
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      _apl_contact_book_lock (book);
      ok = _apl_store_load_contact (store, g_array_index (ids, gint64, i), &record, &local_error);
      _apl_contact_book_unlock (book);
      if (!ok)
        {
          if (g_error_matches (local_error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!include_do_not_contact && g_strcmp0 (record.fields[APL_CONTACT_FIELD_DO_NOT_CONTACT], "1") == 0)
        excluded++;
      else
        {
          if (format == APL_CONTACT_FORMAT_CSV)
            apl_csv_write (out, &record);
          else
            apl_vcard_write (out, &record, format == APL_CONTACT_FORMAT_VCARD4 ? 4 : 3);
          written++;
        }
      _apl_contact_record_clear (&record);

      if (out->len >= FLUSH_BYTES || i + 1 == ids->len)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  if (out->len > 0 && !g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = written;
  if (n_excluded != NULL)
    *n_excluded = excluded;
  return TRUE;
}
