/* apl-diff.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A word-level comparison of two versions of a message, for the person who
 * must see what changed since legal last read it. A plain longest common
 * subsequence over words: messages are short, and the table is bounded so
 * that a pathological pair of texts costs milliseconds, not the session.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <string.h>

#include "apl-diff.h"

/* Beyond this many table cells the middle part is shown as replaced in
 * one block: still correct, only less fine-grained. 4M cells = 16 MB. */
#define MAX_CELLS (4u * 1024u * 1024u)

typedef struct
{
  const char *start;
  gsize       len;
  gsize       word_len;   /* without the spaces after it */
} Token;

/* Splits into words, each with the spaces after it, so that joining the
 * tokens gives back the text exactly and an inserted word reads as
 * "word " rather than " word". Leading spaces are a token of their own. */
static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;

  while (*p != '\0')
    {
      Token token = { p, 0, 0 };

      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      token.word_len = (gsize) (p - token.start);
      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      token.len = (gsize) (p - token.start);
      g_array_append_val (tokens, token);
    }
  return tokens;
}

static gboolean
token_equal (const Token *a,
             const Token *b)
{
  /* Words are compared, not the spaces after them: "sorry." at the end of
   * the text and "sorry. " before a new sentence are the same word. */
  return a->word_len == b->word_len && memcmp (a->start, b->start, a->word_len) == 0;
}

static void
chunk_clear (gpointer data)
{
  g_free (((AplDiffChunk *) data)->text);
}

/* Consecutive tokens with the same operation become one chunk, so that a
 * changed sentence reads as one deletion and one insertion. */
typedef struct
{
  GArray    *chunks;
  GString   *pending;
  AplDiffOp  op;
} Builder;

static void
flush (Builder *builder)
{
  AplDiffChunk chunk;

  if (builder->pending->len == 0)
    return;
  chunk.op = builder->op;
  chunk.text = g_strndup (builder->pending->str, builder->pending->len);
  g_array_append_val (builder->chunks, chunk);
  g_string_truncate (builder->pending, 0);
}

static void
emit (Builder     *builder,
      AplDiffOp    op,
      const Token *token)
{
  if (op != builder->op)
    {
      flush (builder);
      builder->op = op;
    }
  g_string_append_len (builder->pending, token->start, (gssize) token->len);
}

/**
 * apl_diff_words:
 *
 * Compares two texts word by word; a change in spacing alone is not a
 * change.
 *
 * Returns: (transfer full) (element-type AplDiffChunk): the chunks that,
 * read in order, give the new text (same + inserted) and the old text's
 * words (same + deleted)
 */
GArray *
apl_diff_words (const char *old_text,
                const char *new_text)
{
  g_autoptr(GArray) a = tokenize (old_text ? old_text : "");
  g_autoptr(GArray) b = tokenize (new_text ? new_text : "");
  GArray *chunks = g_array_new (FALSE, TRUE, sizeof (AplDiffChunk));
  Builder builder = { chunks, g_string_new (NULL), APL_DIFF_SAME };
  guint prefix = 0, suffix = 0;
  guint n, m;

  g_array_set_clear_func (chunks, chunk_clear);

  /* Common ends cost nothing and usually cover most of an edit. */
  while (prefix < a->len && prefix < b->len
         && token_equal (&g_array_index (a, Token, prefix), &g_array_index (b, Token, prefix)))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix
         && token_equal (&g_array_index (a, Token, a->len - 1 - suffix),
                         &g_array_index (b, Token, b->len - 1 - suffix)))
    suffix++;

  /* Unchanged words are shown as they are now. */
  for (guint i = 0; i < prefix; i++)
    emit (&builder, APL_DIFF_SAME, &g_array_index (b, Token, i));

  n = a->len - prefix - suffix;
  m = b->len - prefix - suffix;

  if (n > 0 && m > 0 && (guint64) (n + 1) * (m + 1) <= MAX_CELLS)
    {
      /* lcs[i][j]: common tokens of a[i..] and b[j..] */
      guint32 *lcs = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
      const Token *ta = &g_array_index (a, Token, prefix);
      const Token *tb = &g_array_index (b, Token, prefix);
      guint i = 0, j = 0;

#define LCS(x, y) lcs[(gsize) (x) * (m + 1) + (y)]
      for (guint x = n; x-- > 0;)
        for (guint y = m; y-- > 0;)
          LCS (x, y) = token_equal (&ta[x], &tb[y]) ? LCS (x + 1, y + 1) + 1
                                                    : MAX (LCS (x + 1, y), LCS (x, y + 1));

      while (i < n && j < m)
        {
          if (token_equal (&ta[i], &tb[j]))
            {
              emit (&builder, APL_DIFF_SAME, &tb[j]);
              i++;
              j++;
            }
          else if (LCS (i + 1, j) >= LCS (i, j + 1))
            emit (&builder, APL_DIFF_DELETED, &ta[i++]);
          else
            emit (&builder, APL_DIFF_INSERTED, &tb[j++]);
        }
#undef LCS
      while (i < n)
        emit (&builder, APL_DIFF_DELETED, &ta[i++]);
      while (j < m)
        emit (&builder, APL_DIFF_INSERTED, &tb[j++]);
      g_free (lcs);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        emit (&builder, APL_DIFF_DELETED, &g_array_index (a, Token, prefix + i));
      for (guint j = 0; j < m; j++)
        emit (&builder, APL_DIFF_INSERTED, &g_array_index (b, Token, prefix + j));
    }

  for (guint i = b->len - suffix; i < b->len; i++)
    emit (&builder, APL_DIFF_SAME, &g_array_index (b, Token, i));

  flush (&builder);
  g_string_free (builder.pending, TRUE);
  return chunks;
}
