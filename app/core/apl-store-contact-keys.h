/* apl-store-contact-keys.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the store's own files include this header.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The keys that find the same contact twice, for the two imports that
 * hold the book's contacts in hash tables instead of querying a row at a
 * time (a contact file's, apl-store-contacts.c; a plan file's,
 * apl-store-plan-sections-import.c). Keys compare as the schema does:
 * e-mail addresses and outlet names are COLLATE NOCASE, which folds ASCII
 * letters only; a person is a folded name at an outlet (by id, 0 for
 * none). Each key is built in @key, then stored in @chunk once kept. */
typedef struct
{
  GStringChunk *chunk;
  GString      *key;
} AplContactKeys;

#define APL_CONTACT_KEY_TO_POINTER(id) GSIZE_TO_POINTER ((gsize) (id))
#define APL_CONTACT_POINTER_TO_KEY(p)  ((gint64) GPOINTER_TO_SIZE (p))

void         _apl_contact_keys_init           (AplContactKeys *keys);
void         _apl_contact_keys_clear          (AplContactKeys *keys);
const char  *_apl_contact_keys_lower          (AplContactKeys *keys,
                                               const char     *text,
                                               gssize          len);
const char  *_apl_contact_keys_person         (AplContactKeys *keys,
                                               const char     *sort_name,
                                               gint64          outlet_id);
void         _apl_contact_keys_remember       (AplContactKeys *keys,
                                               GHashTable     *table,
                                               gint64          id);
void         _apl_contact_keys_remember_emails (AplContactKeys *keys,
                                                GHashTable     *table,
                                                const char     *emails,
                                                gint64          id);
gint64       _apl_contact_keys_find_email     (AplContactKeys *keys,
                                               GHashTable     *table,
                                               const char     *emails,
                                               GHashTable     *taken);

G_END_DECLS
