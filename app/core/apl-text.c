/* apl-text.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text comparison the way French and English users expect from a search
 * box: case and accents do not matter, so "lefevre" finds "Lefèvre".
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-error.h"
#include "apl-text.h"

/* What a plan file can carry (XML 1.0 characters): a value that passes
 * here can always be exported, so a pasted control character is refused
 * when it is typed rather than when the plan must leave in a hurry. */
static gboolean
is_text_char (gunichar c)
{
  return c == '\t' || c == '\n' || c == '\r'
         || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD)
         || (c >= 0x10000 && c <= 0x10FFFF);
}

/**
 * apl_text_check:
 * @text: a value a user typed or pasted
 * @max_bytes: the longest the field may be, in bytes
 *
 * Returns: whether @text is valid UTF-8, short enough and free of control
 * characters; %FALSE with an %APL_STORE_ERROR_INVALID error otherwise.
 */
gboolean
apl_text_check (const char  *text,
                gsize        max_bytes,
                GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The text contains bytes that are not text."));
      return FALSE;
    }
  if (strlen (text) > max_bytes)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The text is too long for this field."));
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_text_char (c))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("The text contains a control character (U+%04X) that cannot be saved; remove it."),
                       (guint) c);
          return FALSE;
        }
    }
  return TRUE;
}

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
