/* apl-text.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text comparison the way French and English users expect from a search
 * box: case and accents do not matter, so "lefevre" finds "Lefèvre".
 */

#include "config.h"

#include <string.h>

#include "apl-text.h"

/**
 * apl_text_fold:
 *
 * Returns: (transfer full): @text without accents and in folded case, for
 * comparisons only (never to show).
 */
char *
apl_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *bare;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  {
    g_autofree char *plain = g_string_free (bare, FALSE);

    return g_utf8_casefold (plain, -1);
  }
}

/**
 * apl_text_matches:
 * @folded_needle: a needle already passed through apl_text_fold()
 *
 * Returns: whether @haystack contains the needle, ignoring case and accents.
 */
gboolean
apl_text_matches (const char *haystack,
                  const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;

  folded = apl_text_fold (haystack);
  return strstr (folded, folded_needle) != NULL;
}
