/* apl-contact-import.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-contact.h"

G_BEGIN_DECLS

typedef struct _AplContactBook AplContactBook;

/**
 * AplContactFormat:
 * @APL_CONTACT_FORMAT_AUTO: from the file name's extension (import only)
 * @APL_CONTACT_FORMAT_VCARD: vCard; written as 3.0, read in 2.1, 3.0, 4.0
 * @APL_CONTACT_FORMAT_VCARD4: vCard 4.0 (export only; import reads it as vCard)
 * @APL_CONTACT_FORMAT_CSV: comma- or semicolon-separated values
 */
typedef enum
{
  APL_CONTACT_FORMAT_AUTO,
  APL_CONTACT_FORMAT_VCARD,
  APL_CONTACT_FORMAT_VCARD4,
  APL_CONTACT_FORMAT_CSV,
} AplContactFormat;

/**
 * AplContactDuplicates:
 * @APL_CONTACT_DUPLICATES_MERGE: fill the existing contact's empty fields
 *   and add the new e-mails, phones, beats and languages to it
 * @APL_CONTACT_DUPLICATES_SKIP: leave the existing contact as it is
 *
 * What an import does with a contact the book already has: same e-mail
 * address, or same name and outlet.
 */
typedef enum
{
  APL_CONTACT_DUPLICATES_MERGE,
  APL_CONTACT_DUPLICATES_SKIP,
} AplContactDuplicates;

typedef enum
{
  APL_CONTACT_IMPORT_CREATED,
  APL_CONTACT_IMPORT_MERGED,
  APL_CONTACT_IMPORT_SKIPPED,
} AplContactImportOutcome;

/* Where a CSV column goes, besides the AplContactField values 0..N-1. */
#define APL_CONTACT_COLUMN_IGNORE      (-1)
#define APL_CONTACT_COLUMN_GIVEN_NAME  (100)
#define APL_CONTACT_COLUMN_FAMILY_NAME (101)
#define APL_CONTACT_COLUMN_SOCIAL      (200) /* + index in apl_contact_social_networks() */

/**
 * AplContactImportOptions:
 * @format: the file's format, or %APL_CONTACT_FORMAT_AUTO
 * @duplicates: merge or skip contacts the book already has
 * @skip_bad_records: import the good records and report the bad ones;
 *   by default one bad record fails the whole import, which changes nothing
 * @dry_run: read and count everything, then roll back (the preview)
 * @columns: (nullable): for CSV, where each column goes (see
 *   %APL_CONTACT_COLUMN_IGNORE); %NULL to guess from the header names
 * @n_columns: the length of @columns
 */
typedef struct
{
  AplContactFormat      format;
  AplContactDuplicates  duplicates;
  gboolean              skip_bad_records;
  gboolean              dry_run;
  const int            *columns;
  guint                 n_columns;
} AplContactImportOptions;

/**
 * AplContactImportReport:
 * @problems: (element-type utf8): one "FILE:LINE: message" per bad record
 */
typedef struct
{
  guint      created;
  guint      merged;
  guint      skipped;
  guint      bad;
  GPtrArray *problems;
} AplContactImportReport;

typedef void (*AplContactProgressFunc) (guint64  done,
                                        guint64  total,
                                        gpointer user_data);

void                apl_contact_import_report_init  (AplContactImportReport        *report);
void                apl_contact_import_report_clear (AplContactImportReport        *report);

AplContactFormat    apl_contact_format_from_path    (const char                    *path);
AplContactFormat    apl_contact_format_from_string  (const char                    *name);
const char * const *apl_contact_social_networks     (void);

int                 apl_contact_guess_column        (const char                    *header);
const int          *apl_contact_column_choices      (guint                         *n_choices);
char               *apl_contact_column_get_label    (int                            column);
char              **apl_contact_read_csv_header     (const char                    *path,
                                                     GError                       **error);
GPtrArray          *apl_contact_read_csv_preview    (const char                    *path,
                                                     guint                          max_rows,
                                                     GError                       **error);
char              **apl_contact_map_row             (const char * const            *fields,
                                                     guint                          n_fields,
                                                     const int                     *columns,
                                                     guint                          n_columns);

gboolean            apl_contact_book_import_file    (AplContactBook                *book,
                                                     const char                    *path,
                                                     const AplContactImportOptions *options,
                                                     AplContactImportReport        *report,
                                                     AplContactProgressFunc         progress,
                                                     gpointer                       user_data,
                                                     GCancellable                  *cancellable,
                                                     GError                       **error);
gboolean            apl_contact_book_import_stream  (AplContactBook                *book,
                                                     GInputStream                  *stream,
                                                     const char                    *display_name,
                                                     guint64                        total_size,
                                                     const AplContactImportOptions *options,
                                                     AplContactImportReport        *report,
                                                     AplContactProgressFunc         progress,
                                                     gpointer                       user_data,
                                                     GCancellable                  *cancellable,
                                                     GError                       **error);

gboolean            apl_contact_book_export         (AplContactBook                *book,
                                                     GArray                        *ids,
                                                     AplContactFormat               format,
                                                     gboolean                       include_do_not_contact,
                                                     GOutputStream                 *stream,
                                                     guint                         *n_written,
                                                     guint                         *n_excluded,
                                                     GCancellable                  *cancellable,
                                                     GError                       **error);

G_END_DECLS
