/* apl-diff.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  APL_DIFF_SAME,
  APL_DIFF_DELETED,
  APL_DIFF_INSERTED,
} AplDiffOp;

/**
 * AplDiffChunk:
 * @op: whether the text is in both versions, only the old or only the new
 * @text: the words, with the spaces between them as they were typed
 */
typedef struct
{
  AplDiffOp  op;
  char      *text;
} AplDiffChunk;

GArray *apl_diff_words (const char *old_text,
                        const char *new_text);

G_END_DECLS
