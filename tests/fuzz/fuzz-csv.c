/* fuzz-csv.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV media lists, from any spreadsheet: any bytes read without a crash;
 * the first row is taken as the header, as the import does, and every
 * later row maps onto a contact that writes back out as valid UTF-8.
 */

#include "config.h"

#include "apl-contact-formats.h"
#include "fuzz-target.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr(AplTextInput) input = apl_text_input_new (stream, NULL);
  g_autoptr(AplCsvReader) reader = apl_csv_reader_new (input);
  g_autoptr(GError) error = NULL;
  g_autofree int *columns = NULL;
  guint n_columns = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *problem = NULL;
      guint line = 0;
      AplReadResult result = apl_csv_reader_next (reader, fields, &line, &problem, &error);

      if (result == APL_READ_RECORD && columns == NULL)
        {
          n_columns = fields->len;
          columns = g_new0 (int, MAX (n_columns, 1));
          for (guint i = 0; i < n_columns; i++)
            columns[i] = apl_contact_guess_column (g_ptr_array_index (fields, i));
        }
      else if (result == APL_READ_RECORD)
        {
          AplContactRecord record = { 0 };
          g_autoptr(GError) invalid = NULL;

          apl_csv_apply_columns (fields, columns, n_columns, &record);
          if (_apl_contact_record_normalize (&record, &invalid))
            {
              g_autoptr(GString) out = g_string_new (NULL);

              apl_csv_write (out, &record);
              g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));
            }
          _apl_contact_record_clear (&record);
        }
      else if (result == APL_READ_BAD)
        {
          /* Shown to the user as is: it must be text. */
          g_assert_nonnull (problem);
          if (!g_utf8_validate (problem, -1, NULL))
            {
              g_autofree char *escaped = g_strescape (problem, NULL);

              g_error ("line %u: the problem is not UTF-8: %s", line, escaped);
            }
        }
      else if (result == APL_READ_END)
        break;
      else
        {
          g_assert_nonnull (error);
          break;
        }
    }

  return 0;
}
