/* apl-store-contact-keys.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <string.h>

#include "apl-store-contact-keys.h"

void
_apl_contact_keys_init (AplContactKeys *keys)
{
  keys->chunk = g_string_chunk_new (64 * 1024);
  keys->key = g_string_sized_new (256);
}

void
_apl_contact_keys_clear (AplContactKeys *keys)
{
  if (keys->chunk != NULL)
    g_string_chunk_free (g_steal_pointer (&keys->chunk));
  if (keys->key != NULL)
    g_string_free (g_steal_pointer (&keys->key), TRUE);
}

/* @text (its first @len bytes, or all of it when @len is -1) in ASCII
 * lower case: an e-mail address or an outlet name. */
const char *
_apl_contact_keys_lower (AplContactKeys *keys,
                         const char     *text,
                         gssize          len)
{
  g_string_truncate (keys->key, 0);
  g_string_append_len (keys->key, text, len < 0 ? (gssize) strlen (text) : len);
  for (gsize i = 0; i < keys->key->len; i++)
    keys->key->str[i] = g_ascii_tolower (keys->key->str[i]);
  return keys->key->str;
}

/* A folded name, U+001F, the outlet's id in decimal. */
const char *
_apl_contact_keys_person (AplContactKeys *keys,
                          const char     *sort_name,
                          gint64          outlet_id)
{
  char digits[24];
  int n = 0;

  /* By hand: this runs a few times a row, and printf is the slow part. */
  do
    digits[n++] = '0' + (char) (outlet_id % 10);
  while ((outlet_id /= 10) > 0 && n < (int) sizeof digits);
  g_string_assign (keys->key, sort_name);
  g_string_append_c (keys->key, '\x1f');
  while (n > 0)
    g_string_append_c (keys->key, digits[--n]);
  return keys->key->str;
}

/* Adds the key just built unless @table has it: the first contact (the
 * lowest id, when they come in order) keeps it. */
void
_apl_contact_keys_remember (AplContactKeys *keys,
                            GHashTable     *table,
                            gint64          id)
{
  if (!g_hash_table_contains (table, keys->key->str))
    g_hash_table_insert (table, g_string_chunk_insert_len (keys->chunk, keys->key->str, keys->key->len),
                         APL_CONTACT_KEY_TO_POINTER (id));
}

/* Each address of @emails (one a line). */
void
_apl_contact_keys_remember_emails (AplContactKeys *keys,
                                   GHashTable     *table,
                                   const char     *emails,
                                   gint64          id)
{
  const char *p = emails;

  while (p != NULL && *p != '\0')
    {
      const char *end = strchr (p, '\n');
      gssize len = end != NULL ? end - p : (gssize) strlen (p);

      if (len > 0)
        {
          _apl_contact_keys_lower (keys, p, len);
          _apl_contact_keys_remember (keys, table, id);
        }
      p = end != NULL ? end + 1 : NULL;
    }
}

/* The contact of the first of @emails (one a line) that @table knows and
 * that is not in @taken (ids as pointers; %NULL: none taken); 0 for none. */
gint64
_apl_contact_keys_find_email (AplContactKeys *keys,
                              GHashTable     *table,
                              const char     *emails,
                              GHashTable     *taken)
{
  const char *p = emails;

  while (p != NULL && *p != '\0')
    {
      const char *end = strchr (p, '\n');
      gssize len = end != NULL ? end - p : (gssize) strlen (p);

      if (len > 0)
        {
          gint64 id = APL_CONTACT_POINTER_TO_KEY (g_hash_table_lookup (table, _apl_contact_keys_lower (keys, p, len)));

          if (id != 0 && (taken == NULL || !g_hash_table_contains (taken, APL_CONTACT_KEY_TO_POINTER (id))))
            return id;
        }
      p = end != NULL ? end + 1 : NULL;
    }
  return 0;
}
