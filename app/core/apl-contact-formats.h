/* apl-contact-formats.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vCard and CSV readers and writers behind contact import and export.
 * Readers pull one record at a time from a stream through a small buffer,
 * so that neither a 2 GB file nor a file with no line break at all is ever
 * held in memory.
 */

#pragma once

#include <gio/gio.h>

#include "apl-contact-private.h"

G_BEGIN_DECLS

/* Longest line (vCard, after unfolding) or field (CSV) kept; longer ones
 * make their record bad, except vCard photos, which are skipped. */
#define APL_TEXT_INPUT_MAX_LINE (64 * 1024)

typedef struct _AplTextInput AplTextInput;

AplTextInput *apl_text_input_new        (GInputStream  *stream,
                                         GCancellable  *cancellable);
void          apl_text_input_free       (AplTextInput  *self);
int           apl_text_input_getc       (AplTextInput  *self);
int           apl_text_input_peekc      (AplTextInput  *self);
gboolean      apl_text_input_read_line  (AplTextInput  *self,
                                         GString       *line,
                                         gsize          max,
                                         gboolean      *too_long);
guint         apl_text_input_get_line   (AplTextInput  *self);
guint64       apl_text_input_get_offset (AplTextInput  *self);
gboolean      apl_text_input_saw_nul    (AplTextInput  *self);
const char   *apl_text_input_peek       (AplTextInput  *self,
                                         gsize         *len);
gboolean      apl_text_input_failed     (AplTextInput  *self,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplTextInput, apl_text_input_free)

typedef enum
{
  APL_READ_RECORD,
  APL_READ_BAD,
  APL_READ_END,
  APL_READ_ERROR,
} AplReadResult;

/* vCard */

typedef struct _AplVCardReader AplVCardReader;

AplVCardReader *apl_vcard_reader_new  (AplTextInput      *input);
void            apl_vcard_reader_free (AplVCardReader    *self);
AplReadResult   apl_vcard_reader_next (AplVCardReader    *self,
                                       AplContactRecord  *record,
                                       guint             *line,
                                       char             **problem,
                                       GError           **error);
void            apl_vcard_write       (GString                *out,
                                       const AplContactRecord *record,
                                       int                     version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplVCardReader, apl_vcard_reader_free)

/* CSV */

typedef struct _AplCsvReader AplCsvReader;

AplCsvReader   *apl_csv_reader_new       (AplTextInput   *input);
void            apl_csv_reader_free      (AplCsvReader   *self);
char            apl_csv_reader_get_separator (AplCsvReader *self);
AplReadResult   apl_csv_reader_next      (AplCsvReader   *self,
                                          GPtrArray      *fields,
                                          guint          *line,
                                          char          **problem,
                                          GError        **error);
AplReadResult   apl_csv_reader_next_row  (AplCsvReader        *self,
                                          const char * const **fields,
                                          guint               *n_fields,
                                          guint               *line,
                                          char               **problem,
                                          GError             **error);
void            apl_csv_apply_row        (const char * const *fields,
                                          guint               n_fields,
                                          const int          *columns,
                                          guint               n_columns,
                                          AplContactRecord   *record);
void            apl_csv_write_header     (GString        *out);
void            apl_csv_write            (GString                *out,
                                          const AplContactRecord *record);
void            apl_csv_apply_columns    (GPtrArray      *fields,
                                          const int      *columns,
                                          guint           n_columns,
                                          AplContactRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplCsvReader, apl_csv_reader_free)

G_END_DECLS
