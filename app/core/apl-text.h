/* apl-text.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *apl_text_fold     (const char *text);
gboolean  apl_text_matches  (const char *haystack,
                             const char *folded_needle);

G_END_DECLS
