/* apl-text.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  apl_text_check    (const char  *text,
                             gsize        max_bytes,
                             GError     **error);
char     *apl_text_fold     (const char *text);
gboolean  apl_text_matches  (const char *haystack,
                             const char *folded_needle);

G_END_DECLS
