/* apl-placeholder.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AplPlaceholderProblem:
 * @APL_PLACEHOLDER_OK: a well-formed `{{name}}`
 * @APL_PLACEHOLDER_EMPTY: `{{ }}`: braces with no name inside
 * @APL_PLACEHOLDER_UNCLOSED: a `{{` with no `}}` before the end of the text
 *   or before the next `{{`
 * @APL_PLACEHOLDER_BAD_NAME: the name has characters other than a–z, 0–9, _
 * @APL_PLACEHOLDER_UNKNOWN: well-formed, but neither a standard placeholder
 *   nor one defined for the plan (only rendering reports this)
 */
typedef enum
{
  APL_PLACEHOLDER_OK,
  APL_PLACEHOLDER_EMPTY,
  APL_PLACEHOLDER_UNCLOSED,
  APL_PLACEHOLDER_BAD_NAME,
  APL_PLACEHOLDER_UNKNOWN,
} AplPlaceholderProblem;

/**
 * AplPlaceholder:
 * @start: byte offset of the opening `{{`
 * @end: byte offset just after the closing `}}` (or the end of what was
 *   taken for the placeholder when it is not closed)
 * @char_start: @start counted in characters, as the editor counts
 * @char_end: @end counted in characters
 * @line: 1-based line of @start
 * @column: 1-based column of @start, in characters
 * @name: (nullable): the name between the braces (for a bad name, what was
 *   typed there); %NULL for empty and unclosed ones
 * @problem: what is wrong with it, if anything
 */
typedef struct
{
  gsize                  start;
  gsize                  end;
  glong                  char_start;
  glong                  char_end;
  guint                  line;
  guint                  column;
  char                  *name;
  AplPlaceholderProblem  problem;
} AplPlaceholder;

/**
 * AplRendered:
 * @text: the text with every known, filled placeholder replaced; the others
 *   are left as typed so that nobody sends a statement with a hole in it
 * @unfilled: (element-type utf8): names of known placeholders without a
 *   value, each once, in order of first use
 * @problems: (element-type AplPlaceholder): malformed and unknown
 *   placeholders, in text order
 */
typedef struct
{
  char      *text;
  GPtrArray *unfilled;
  GArray    *problems;
} AplRendered;

GArray      *apl_placeholder_parse          (const char            *text);
char        *apl_placeholder_describe       (const AplPlaceholder  *placeholder);
gboolean     apl_placeholder_is_valid_name  (const char            *name);
AplRendered *apl_placeholder_render         (const char            *text,
                                             GHashTable            *values);
void         apl_rendered_free              (AplRendered           *rendered);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplRendered, apl_rendered_free)

G_END_DECLS
