/* fuzz-placeholder.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Message templates: any bytes parse, describe and render without a crash,
 * and what the parser reports stays inside the text.
 */

#include "config.h"

#include <string.h>

#include "apl-placeholder.h"
#include "fuzz-target.h"

static GHashTable *values;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  /* Names a plan knows, some filled in and some not. */
  values = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (values, "organisation", "Riverside Water");
  g_hash_table_insert (values, "spokesperson", "Amara {{Okafor}}");
  g_hash_table_insert (values, "hotline", "");
  g_hash_table_insert (values, "a", "\\{{");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Templates are C strings: the text ends at the first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GArray) found = apl_placeholder_parse (text);
  g_autoptr(AplRendered) rendered = NULL;
  gsize length = strlen (valid);
  glong n_chars = g_utf8_strlen (valid, -1);
  gsize previous_end = 0;

  for (guint i = 0; i < found->len; i++)
    {
      const AplPlaceholder *placeholder = &g_array_index (found, AplPlaceholder, i);
      g_autofree char *description = apl_placeholder_describe (placeholder);

      /* Positions are in the text as parsed (made valid), in order, and
       * bytes and characters agree. */
      g_assert_cmpuint (placeholder->start, >=, previous_end);
      g_assert_cmpuint (placeholder->start, <, placeholder->end);
      g_assert_cmpuint (placeholder->end, <=, length);
      g_assert_cmpint (placeholder->char_start, <, placeholder->char_end);
      g_assert_cmpint (placeholder->char_end, <=, n_chars);
      g_assert_cmpint (g_utf8_pointer_to_offset (valid, valid + placeholder->start), ==,
                       placeholder->char_start);
      g_assert_cmpuint (placeholder->line, >=, 1);
      g_assert_cmpuint (placeholder->column, >=, 1);
      g_assert_true (g_utf8_validate (description, -1, NULL));
      if (placeholder->problem == APL_PLACEHOLDER_OK)
        g_assert_true (apl_placeholder_is_valid_name (placeholder->name));
      previous_end = placeholder->end;
    }

  rendered = apl_placeholder_render (text, values);
  g_assert_nonnull (rendered->text);
  g_assert_true (g_utf8_validate (rendered->text, -1, NULL));
  for (guint i = 0; i < rendered->problems->len; i++)
    {
      const AplPlaceholder *problem = &g_array_index (rendered->problems, AplPlaceholder, i);
      g_autofree char *description = apl_placeholder_describe (problem);

      g_assert_true (g_utf8_validate (description, -1, NULL));
      g_assert_cmpint (problem->problem, !=, APL_PLACEHOLDER_OK);
      g_assert_cmpuint (problem->end, <=, length);
    }
  for (guint i = 0; i < rendered->unfilled->len; i++)
    g_assert_true (g_hash_table_contains (values, g_ptr_array_index (rendered->unfilled, i)));

  return 0;
}
