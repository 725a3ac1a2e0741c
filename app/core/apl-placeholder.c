/* apl-placeholder.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `{{name}}` placeholders in message templates. The same parser feeds the
 * editor's highlighting, the preview and `aplomb-tool messages render`, so
 * the three never disagree about what is a placeholder.
 *
 * Rules, chosen so that a typing user is never surprised:
 * - a name is [a-z0-9_]+, with optional spaces inside the braces;
 * - in a run of three or more `{`, the last two open the placeholder and
 *   the others are text (`{{{name}}}` is `{` + placeholder + `}`);
 * - a placeholder ends at the first `}}`; meeting another `{{`, a line end
 *   or the end of the text first makes it unclosed, and parsing goes on
 *   from there, so one slip does not hide the placeholders after it;
 * - `\{{` is a literal `{{` (the backslash is dropped when rendering).
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-placeholder.h"

/* Where the parser is, in every unit a caller may need. */
typedef struct
{
  const char *text;
  gsize       byte;
  glong       chr;
  guint       line;
  guint       column;
} Cursor;

static void
cursor_advance_to (Cursor *cursor,
                   gsize   byte)
{
  while (cursor->byte < byte)
    {
      guchar c = (guchar) cursor->text[cursor->byte];

      if ((c & 0xC0) != 0x80)
        {
          cursor->chr++;
          cursor->column++;
        }
      if (c == '\n')
        {
          cursor->line++;
          cursor->column = 1;
        }
      cursor->byte++;
    }
}

static gboolean
is_name_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/**
 * apl_placeholder_is_valid_name:
 *
 * Returns: whether @name may be used between `{{` and `}}`.
 */
gboolean
apl_placeholder_is_valid_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!is_name_char (*p))
      return FALSE;
  return strlen (name) <= 64;
}

static gboolean
is_escape_at (const char *text,
              gsize       i)
{
  return text[i] == '\\' && text[i + 1] == '{' && text[i + 2] == '{';
}

static void
placeholder_clear (gpointer data)
{
  AplPlaceholder *placeholder = data;

  g_clear_pointer (&placeholder->name, g_free);
}

static GArray *
placeholder_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (AplPlaceholder));

  g_array_set_clear_func (array, placeholder_clear);
  return array;
}

static void
add_placeholder (GArray                *array,
                 Cursor                *cursor,
                 gsize                  start,
                 gsize                  end,
                 char                  *name,
                 AplPlaceholderProblem  problem)
{
  AplPlaceholder placeholder = { 0 };

  cursor_advance_to (cursor, start);
  placeholder.start = start;
  placeholder.char_start = cursor->chr;
  placeholder.line = cursor->line;
  placeholder.column = cursor->column;
  cursor_advance_to (cursor, end);
  placeholder.end = end;
  placeholder.char_end = cursor->chr;
  placeholder.name = name;
  placeholder.problem = problem;
  g_array_append_val (array, placeholder);
}

/* Parses a text known to be valid UTF-8. Only ASCII bytes are compared, and
 * no UTF-8 sequence contains one, so multi-byte characters pass untouched. */
static GArray *
parse_valid (const char *text)
{
  GArray *found = placeholder_array_new ();
  Cursor cursor = { text, 0, 0, 1, 1 };
  gsize i = 0;

  while (text[i] != '\0')
    {
      gsize opener, scan, content_end;
      g_autofree char *content = NULL;
      AplPlaceholderProblem problem;

      if (is_escape_at (text, i))
        {
          i += 3;
          continue;
        }
      if (text[i] != '{' || text[i + 1] != '{')
        {
          i++;
          continue;
        }

      opener = i;
      while (text[opener + 2] == '{')
        opener++;

      /* Find where this placeholder stops. */
      scan = opener + 2;
      while (text[scan] != '\0' && text[scan] != '\n'
             && !(text[scan] == '}' && text[scan + 1] == '}')
             && !(text[scan] == '{' && text[scan + 1] == '{')
             && !is_escape_at (text, scan))
        scan++;

      if (text[scan] != '}')
        {
          add_placeholder (found, &cursor, opener, scan, NULL, APL_PLACEHOLDER_UNCLOSED);
          i = scan;
          continue;
        }

      content_end = scan;
      content = g_strndup (text + opener + 2, content_end - (opener + 2));
      g_strstrip (content);
      if (*content == '\0')
        problem = APL_PLACEHOLDER_EMPTY;
      else if (apl_placeholder_is_valid_name (content))
        problem = APL_PLACEHOLDER_OK;
      else
        problem = APL_PLACEHOLDER_BAD_NAME;

      add_placeholder (found, &cursor, opener, scan + 2,
                       problem == APL_PLACEHOLDER_EMPTY ? NULL : g_steal_pointer (&content),
                       problem);
      i = scan + 2;
    }

  return found;
}

/**
 * apl_placeholder_parse:
 * @text: a message template
 *
 * Finds every placeholder, well-formed or not. Positions are given in bytes
 * (for the text as passed; invalid UTF-8 is replaced first), in characters
 * and as line and column.
 *
 * Returns: (transfer full) (element-type AplPlaceholder): the placeholders in
 * text order
 */
GArray *
apl_placeholder_parse (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  return parse_valid (text);
}

/**
 * apl_placeholder_describe:
 *
 * Returns: (transfer full): a sentence for the user saying where the
 * placeholder is and what is wrong with it
 */
char *
apl_placeholder_describe (const AplPlaceholder *placeholder)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (placeholder != NULL, NULL);

  /* Line 0 is a message's subject line (see apl_message_render()). */
  if (placeholder->line == 0)
    where = g_strdup_printf (_("Subject, character %u"), placeholder->column);
  else
    where = g_strdup_printf (_("Line %u, character %u"), placeholder->line, placeholder->column);

  switch (placeholder->problem)
    {
    case APL_PLACEHOLDER_EMPTY:
      /* Translators: %s is a position such as “Line 2, character 5”;
       * placeholders look like {{name}} in message templates */
      return g_strdup_printf (_("%s: “{{ }}” has no placeholder name between the braces."), where);
    case APL_PLACEHOLDER_UNCLOSED:
      return g_strdup_printf (_("%s: “{{” is not closed with “}}”."), where);
    case APL_PLACEHOLDER_BAD_NAME:
      return g_strdup_printf (_("%s: “%s” is not a placeholder name; use lower-case letters, digits and _ only."),
                              where, placeholder->name);
    case APL_PLACEHOLDER_UNKNOWN:
      return g_strdup_printf (_("%s: “{{%s}}” is not a placeholder of this plan."), where, placeholder->name);
    case APL_PLACEHOLDER_OK:
    default:
      return g_strdup_printf ("%s: {{%s}}", where, placeholder->name);
    }
}

/* Copies literal text, turning each `\{{` into `{{`. */
static void
append_literal (GString    *out,
                const char *text,
                gsize       start,
                gsize       end)
{
  gsize i = start;

  while (i < end)
    {
      if (i + 3 <= end && is_escape_at (text, i))
        {
          g_string_append (out, "{{");
          i += 3;
        }
      else
        g_string_append_c (out, text[i++]);
    }
}

static gboolean
str_ptr_array_contains (GPtrArray  *array,
                        const char *name)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), name))
      return TRUE;
  return FALSE;
}

/**
 * apl_placeholder_render:
 * @text: a message template
 * @values: (element-type utf8 utf8): every placeholder name the plan knows,
 *   mapped to its value ("" when it has none yet)
 *
 * Fills in the placeholders. Linear in the length of the text: the editor
 * calls it on every keystroke.
 *
 * Returns: (transfer full): the rendered text, the names still without a
 * value and the placeholders that are malformed or unknown
 */
AplRendered *
apl_placeholder_render (const char *text,
                        GHashTable *values)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) found = NULL;
  AplRendered *rendered;
  GString *out;
  gsize done = 0;

  g_return_val_if_fail (values != NULL, NULL);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  found = parse_valid (text);
  rendered = g_new0 (AplRendered, 1);
  rendered->unfilled = g_ptr_array_new_with_free_func (g_free);
  rendered->problems = placeholder_array_new ();
  out = g_string_sized_new (strlen (text) + 64);

  for (guint i = 0; i < found->len; i++)
    {
      AplPlaceholder *placeholder = &g_array_index (found, AplPlaceholder, i);
      const char *value = NULL;
      gboolean known = FALSE;

      append_literal (out, text, done, placeholder->start);
      done = placeholder->end;

      if (placeholder->problem == APL_PLACEHOLDER_OK)
        known = g_hash_table_lookup_extended (values, placeholder->name, NULL, (gpointer *) &value);

      if (known && value != NULL && *value != '\0')
        {
          g_string_append (out, value);
          continue;
        }

      /* Anything not filled stays visible, exactly as typed. */
      g_string_append_len (out, text + placeholder->start, placeholder->end - placeholder->start);

      if (known)
        {
          if (!str_ptr_array_contains (rendered->unfilled, placeholder->name))
            g_ptr_array_add (rendered->unfilled, g_strdup (placeholder->name));
        }
      else
        {
          AplPlaceholder problem = *placeholder;

          problem.name = g_strdup (placeholder->name);
          if (problem.problem == APL_PLACEHOLDER_OK)
            problem.problem = APL_PLACEHOLDER_UNKNOWN;
          g_array_append_val (rendered->problems, problem);
        }
    }
  append_literal (out, text, done, strlen (text));

  rendered->text = g_string_free (out, FALSE);
  return rendered;
}

void
apl_rendered_free (AplRendered *rendered)
{
  if (rendered == NULL)
    return;
  g_free (rendered->text);
  g_ptr_array_unref (rendered->unfilled);
  g_array_unref (rendered->problems);
  g_free (rendered);
}
