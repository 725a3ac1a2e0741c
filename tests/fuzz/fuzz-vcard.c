/* fuzz-vcard.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCard files, as a media list export from any address book may hold:
 * any bytes read without a crash, and every contact read writes back out
 * as valid UTF-8 in both vCard versions.
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
  g_autoptr(AplVCardReader) reader = apl_vcard_reader_new (input);
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      AplContactRecord record = { 0 };
      g_autofree char *problem = NULL;
      guint line = 0;
      AplReadResult result = apl_vcard_reader_next (reader, &record, &line, &problem, &error);

      if (result == APL_READ_RECORD)
        {
          g_autoptr(GError) invalid = NULL;

          if (_apl_contact_record_normalize (&record, &invalid))
            for (int version = 3; version <= 4; version++)
              {
                g_autoptr(GString) out = g_string_new (NULL);

                apl_vcard_write (out, &record, version);
                g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));
              }
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
      _apl_contact_record_clear (&record);

      if (result == APL_READ_END)
        break;
      if (result == APL_READ_ERROR)
        {
          g_assert_nonnull (error);
          break;
        }
    }

  return 0;
}
