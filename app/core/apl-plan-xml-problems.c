/* apl-plan-xml-problems.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The problems found in a plan file, in words a communications officer
 * understands: libxml2's parser and RELAX NG messages are mapped to
 * sentences that keep the element's name, the echoes that libxml2's
 * streaming validator adds after a first mistake are left out, and each
 * problem becomes one "FILE:LINE: message" line.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <string.h>

#include "apl-plan-xml-problems.h"

/* Values shown inside messages are cut to this many characters. */
#define QUOTE_MAX_CHARS 60

struct _AplXmlProblem
{
  int         line;
  AplXmlError code;
  int         domain;     /* libxml2's, or 0 for our own checks */
  int         rng_code;   /* an xmlRelaxNGValidErr, for RELAX NG problems */
  char       *element;    /* the element concerned, when known */
  char       *message;
};

static void
problem_free (gpointer data)
{
  AplXmlProblem *problem = data;

  g_free (problem->element);
  g_free (problem->message);
  g_free (problem);
}

void
_apl_xml_problems_init (AplXmlProblems *self,
                        const char     *name)
{
  memset (self, 0, sizeof *self);
  self->name = name;
  self->list = g_ptr_array_new_with_free_func (problem_free);
  self->broken_depth = -1;
}

void
_apl_xml_problems_clear (AplXmlProblems *self)
{
  g_clear_pointer (&self->list, g_ptr_array_unref);
}

static AplXmlProblem *
add_va (AplXmlProblems *self,
        int             line,
        AplXmlError     code,
        const char     *element,
        const char     *format,
        va_list         args) G_GNUC_PRINTF (5, 0);

static AplXmlProblem *
add_va (AplXmlProblems *self,
        int             line,
        AplXmlError     code,
        const char     *element,
        const char     *format,
        va_list         args)
{
  AplXmlProblem *problem = g_new0 (AplXmlProblem, 1);
  g_autofree char *message = g_strdup_vprintf (format, args);

  problem->line = line;
  problem->code = code;
  problem->element = g_strdup (element);
  /* Names quoted from a file that is not UTF-8 (an entity's, through
   * libxml2) must not make the message itself invalid text (found by
   * fuzz-plan-xml). */
  problem->message = g_utf8_make_valid (message, -1);
  g_ptr_array_add (self->list, problem);

  if (self->list->len >= APL_PLAN_XML_MAX_ERRORS)
    {
      self->stop = TRUE;
      self->too_many = TRUE;
    }
  return problem;
}

/**
 * _apl_xml_problems_take_all:
 * @from: problems found apart (the contacts section's, as it streamed)
 *
 * Moves every problem of @from to the end of @self, in their order.
 */
void
_apl_xml_problems_take_all (AplXmlProblems *self,
                            AplXmlProblems *from)
{
  for (guint i = 0; i < from->list->len; i++)
    g_ptr_array_add (self->list, g_ptr_array_index (from->list, i));
  /* Emptied without freeing what @self now holds. */
  g_ptr_array_set_free_func (from->list, NULL);
  g_ptr_array_set_size (from->list, 0);
  g_ptr_array_set_free_func (from->list, problem_free);
  if (self->list->len >= APL_PLAN_XML_MAX_ERRORS || from->too_many)
    {
      self->stop = TRUE;
      self->too_many = TRUE;
    }
}

/**
 * _apl_xml_problems_add:
 * @line: the line in the file, or 0 for the file as a whole
 * @element: (nullable): the element concerned, to tell echoes apart
 *
 * Adds a problem found by Aplomb's own checks.
 */
void
_apl_xml_problems_add (AplXmlProblems *self,
                       int             line,
                       AplXmlError     code,
                       const char     *element,
                       const char     *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  add_va (self, line, code, element, format, args);
  va_end (args);
}

/* The RELAX NG mapping needs the problem back, to note where it came from. */
static AplXmlProblem *
add_problem (AplXmlProblems *self,
             int             line,
             AplXmlError     code,
             const char     *element,
             const char     *format,
             ...) G_GNUC_PRINTF (5, 6);

static AplXmlProblem *
add_problem (AplXmlProblems *self,
             int             line,
             AplXmlError     code,
             const char     *element,
             const char     *format,
             ...)
{
  AplXmlProblem *problem;
  va_list args;

  va_start (args, format);
  problem = add_va (self, line, code, element, format, args);
  va_end (args);
  return problem;
}

/**
 * _apl_xml_problems_add_fatal:
 *
 * For a problem that makes everything else in the file beside the point (a
 * DOCTYPE, a newer format, a file that is not a plan at all): it replaces
 * the problems found so far, and reading stops.
 */
void
_apl_xml_problems_add_fatal (AplXmlProblems *self,
                             int             line,
                             AplXmlError     code,
                             const char     *message)
{
  g_ptr_array_set_size (self->list, 0);
  self->too_many = FALSE;
  add_problem (self, line, code, NULL, "%s", message);
  self->stop = TRUE;
}

/**
 * _apl_xml_current_line:
 *
 * Returns: the line of the node @reader is on, or the line its parser has
 * reached; 0 without a reader.
 */
int
_apl_xml_current_line (xmlTextReaderPtr reader)
{
  xmlNodePtr node;

  if (reader == NULL)
    return 0;
  node = xmlTextReaderCurrentNode (reader);
  if (node != NULL && xmlGetLineNo (node) > 0)
    return (int) xmlGetLineNo (node);
  return xmlTextReaderGetParserLineNumber (reader);
}

/**
 * _apl_xml_quote:
 *
 * Returns: @value as it may appear inside a message: valid UTF-8, on one
 * line, not too long.
 */
char *
_apl_xml_quote (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value ? value : "", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < QUOTE_MAX_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (valid, -1) > QUOTE_MAX_CHARS)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* libxml2's own messages end with a newline and sometimes carry a second
 * line of bytes; one line is enough for the person reading it. They can
 * quote the file, so they are made valid UTF-8 before reaching a GError. */
static char *
first_line (const char *message)
{
  const char *end = message ? strchr (message, '\n') : NULL;
  g_autofree char *line = NULL;

  if (message == NULL)
    return g_strdup ("");
  line = end ? g_strndup (message, end - message) : g_strdup (message);
  return g_utf8_make_valid (line, -1);
}

/* libxml2 errors, in plain words */

/* The line where the visible part of a text node starts. libxml2 stamps a
 * text node with the line its parser had reached at the end of the text
 * (exact for text of a few hundred bytes, which stray text is), so count
 * back the line breaks after the first visible character. */
static int
text_line (xmlNodePtr text)
{
  const char *p = (const char *) text->content;
  int line = (int) xmlGetLineNo (text);

  while (*p != '\0' && g_ascii_isspace (*p))
    p++;
  for (; *p != '\0'; p++)
    if (*p == '\n')
      line--;
  return MAX (line, 1);
}

static void
add_rng_problem (AplXmlProblems *self,
                 xmlErrorPtr     err,
                 xmlNodePtr      node)
{
  const char *element = node && node->name ? (const char *) node->name : "";
  const char *ns = node && node->ns && node->ns->href ? (const char *) node->ns->href : NULL;
  const char *str1 = err->str1 ? err->str1 : "";
  AplXmlProblem *problem = NULL;

  switch ((int) err->code)
    {
    case XML_RELAXNG_ERR_ELEMWRONG:
      if (g_strcmp0 (ns, APL_PLAN_XML_NAMESPACE) != 0)
        {
          if (ns == NULL)
            problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                   _("the element <%s> has no namespace; plan elements belong to %s"),
                                   element, APL_PLAN_XML_NAMESPACE);
          else
            problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                   _("the element <%s> is from another format (%s) and cannot be part of a plan"),
                                   element, ns);
        }
      else
        problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                               _("the element <%s> is not expected here: it may be misspelt, repeated or out of order, or an element before it may be missing"),
                               element);
      break;

    case XML_RELAXNG_ERR_TEXTWRONG:
      {
        xmlNodePtr text = xmlTextReaderCurrentNode (self->reader);

        if (text != NULL && text->type == XML_TEXT_NODE && text->content != NULL)
          {
            g_autofree char *stripped = g_strstrip (g_strdup ((const char *) text->content));
            g_autofree char *shown = _apl_xml_quote (stripped);

            problem = add_problem (self, text_line (text), APL_XML_ERROR_INVALID, element,
                                   _("there is text (“%s”) directly inside <%s>, where only elements may be"),
                                   shown, element);
          }
        else
          problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                 _("there is text directly inside <%s>, where only elements may be"), element);
      }
      break;

    case XML_RELAXNG_ERR_NOELEM:
      if (*str1 != '\0')
        problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                               _("the element <%s> is missing"), str1);
      else if (*element != '\0')
        problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                               _("an element is missing after <%s>"), element);
      else
        problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                               _("an element is missing here"));
      break;

    case XML_RELAXNG_ERR_ELEMNAME:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the element <%s> was expected here, not <%s>"),
                             str1, err->str2 ? err->str2 : element);
      break;

    case XML_RELAXNG_ERR_NOTELEM:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("an element was expected in <%s>, not text"), element);
      break;

    case XML_RELAXNG_ERR_DATAELEM:
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the element <%s> may hold only text, not other elements"), element);
      break;

    case XML_RELAXNG_ERR_INVALIDATTR:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the attribute “%s” is not allowed on <%s>, or its value is not valid"),
                             str1, err->str2 ? err->str2 : element);
      break;

    case XML_RELAXNG_ERR_ATTRVALID:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the attributes of <%s> are not valid"), element);
      break;

    case XML_RELAXNG_ERR_TYPEVAL:
    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_VALUE:
      {
        g_autofree char *content = node ? (char *) xmlNodeGetContent (node) : NULL;
        g_autofree char *value = _apl_xml_quote (err->code == XML_RELAXNG_ERR_TYPEVAL && err->str2 ? err->str2 : content);

        if (g_str_equal (element, "title") && (content == NULL || *content == '\0'))
          problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                 _("the element <title> is empty: a plan needs a title"));
        else if (g_str_equal (str1, "date"))
          problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                 _("“%s” in <%s> is not a date: write it as year-month-day, for example 2027-03-31"),
                                 value, element);
        else if (g_str_equal (str1, "dateTime"))
          problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                 _("“%s” in <%s> is not a time in UTC written as year-month-dayThour:minute:secondZ, for example 2026-03-31T08:15:00Z"),
                                 value, element);
        else if (g_str_equal (str1, "language"))
          problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                 _("“%s” in <%s> is not a language code such as “en” or “fr”"),
                                 value, element);
        else
          problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                                 _("“%s” is not a valid value for <%s>"), value, element);
      }
      break;

    case XML_RELAXNG_ERR_CONTENTVALID:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the content of <%s> is not valid"), element);
      break;

    case XML_RELAXNG_ERR_EXTRACONTENT:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the element <%s> holds something that is not allowed in it"), element);
      break;

    case XML_RELAXNG_ERR_ELEMNONS:
    case XML_RELAXNG_ERR_ELEMWRONGNS:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
      problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                             _("the element <%s> is not in the plan namespace %s"),
                             element, APL_PLAN_XML_NAMESPACE);
      break;

    default:
      {
        g_autofree char *detail = first_line (err->message);

        problem = add_problem (self, err->line, APL_XML_ERROR_INVALID, element,
                               _("the file does not follow the plan format here (%s)"), detail);
      }
      break;
    }

  problem->domain = err->domain;
  problem->rng_code = err->code;
}

static void
add_parser_problem (AplXmlProblems *self,
                    xmlErrorPtr     err)
{
  g_autofree char *detail = first_line (err->message);
  int line = err->line > 0 ? err->line : _apl_xml_current_line (self->reader);
  unsigned int character;

  switch ((int) err->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      add_problem (self, line, APL_XML_ERROR_INVALID, NULL, _("the file is empty"));
      break;

    case XML_ERR_DOCUMENT_END:
      /* libxml2 says "extra content" for a file cut short as well; its
       * parser state tells whether it had passed </plan>. */
      if (err->ctxt != NULL && ((xmlParserCtxtPtr) err->ctxt)->instate == XML_PARSER_EPILOG)
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("there is more in the file after the end of the plan (</plan>)"));
      else
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("the file ends before the plan is complete: it may have been cut short"));
      break;

    case XML_ERR_TAG_NOT_FINISHED:
      add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                   _("the file ends inside <%s>: it may have been cut short"),
                   err->str1 ? err->str1 : "?");
      break;

    case XML_ERR_INVALID_CHAR:
      if (g_str_has_prefix (detail, "Input is not proper UTF-8"))
        add_problem (self, line, APL_XML_ERROR_ENCODING, NULL,
                     _("the file contains bytes that are not UTF-8 text; plan files must be saved as UTF-8"));
      else if (sscanf (detail, "Char 0x%X out of allowed range", &character) == 1 && character == 0)
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("the file contains a NUL byte, which text never holds: the file may be damaged"));
      else if (g_str_has_prefix (detail, "xmlParseCharRef"))
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("the file contains a character reference to a character that is not allowed in a plan file (U+%04X)"),
                     (unsigned int) err->int1);
      else if (sscanf (detail, "Char 0x%X out of allowed range", &character) == 1)
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("the file contains a character that is not allowed in a plan file (U+%04X)"), character);
      else
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("the file contains a character that is not allowed in a plan file (%s)"), detail);
      break;

    case XML_ERR_NO_MEMORY:
      if (strstr (detail, "huge text node") != NULL)
        add_problem (self, line, APL_XML_ERROR_TOO_LARGE, NULL,
                     _("a text in the file is longer than %d MiB, more than any field may hold"),
                     APL_PLAN_XML_MAX_TEXT_SIZE / (1024 * 1024));
      else
        add_problem (self, line, APL_XML_ERROR_TOO_LARGE, NULL,
                     _("there is not enough memory to read the file"));
      self->stop = TRUE;
      break;

    case XML_ERR_INTERNAL_ERROR:
      if (strstr (detail, "Excessive depth") != NULL)
        {
          add_problem (self, line, APL_XML_ERROR_TOO_LARGE, NULL,
                       _("elements are nested more than %d deep, far more than a plan needs"),
                       APL_PLAN_XML_MAX_DEPTH);
          self->stop = TRUE;
        }
      else
        add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                     _("the file is not well-formed XML (%s)"), detail);
      break;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_BOUNDARY:
    case XML_ERR_UNPARSED_ENTITY:
    case XML_ERR_EXT_ENTITY_STANDALONE:
      if (err->str1 != NULL)
        add_problem (self, line, APL_XML_ERROR_UNSAFE, NULL,
                     _("the file uses the entity “&%s;”; plan files may not contain entities"), err->str1);
      else
        add_problem (self, line, APL_XML_ERROR_UNSAFE, NULL,
                     _("the file uses an entity (%s); plan files may not contain entities"), detail);
      break;

    default:
      add_problem (self, line, APL_XML_ERROR_INVALID, NULL,
                   _("the file is not well-formed XML (%s)"), detail);
      break;
    }
}

static int
element_depth (xmlNodePtr node)
{
  int depth = -1;

  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    depth++;
  return depth;
}

/**
 * _apl_xml_problems_add_libxml:
 *
 * Adds a problem that libxml2's parser or RELAX NG validator reported,
 * in plain words, unless it only echoes one already there.
 */
void
_apl_xml_problems_add_libxml (AplXmlProblems *self,
                              xmlErrorPtr     err)
{
  xmlNodePtr node = err->node;

  if (self->stop || err->level < XML_ERR_ERROR)
    return;

  if (err->domain == XML_FROM_RELAXNGV)
    {
      int depth = node ? element_depth (node) : 0;

      /* An echo of the first misplaced child, or of text in the wrong place. */
      if (self->broken_depth >= 0 && depth > self->broken_depth)
        return;

      add_rng_problem (self, err, node);

      if (err->code == XML_RELAXNG_ERR_ELEMWRONG)
        self->broken_depth = depth - 1;
      else if (err->code == XML_RELAXNG_ERR_TEXTWRONG)
        self->broken_depth = depth;
      return;
    }

  add_parser_problem (self, err);
}

/**
 * _apl_xml_problems_element_closed:
 * @depth: the depth of the element that just ended
 *
 * Tells that the reader left an element: once the element whose content
 * RELAX NG gave up on is closed, its siblings are checked again.
 */
void
_apl_xml_problems_element_closed (AplXmlProblems *self,
                                  int             depth)
{
  /* The element whose content RELAX NG gave up on is itself invalid in its
   * parent, so libxml2 gives up on the parent's content in turn: every
   * later sibling, at every level up to <plan>, is reported as misplaced.
   * Those are echoes too (since format 2 there are sections after the
   * organisation profile to echo on). */
  if (depth == self->broken_depth)
    self->broken_depth = depth - 1;
}

/* Reporting */

/* How vague a RELAX NG message is: "failed to validate content" says less
 * than the datatype error before it, which says less than our own words. */
static int
vagueness (AplXmlProblem *problem)
{
  if (problem->domain != XML_FROM_RELAXNGV)
    return 0;

  switch (problem->rng_code)
    {
    case XML_RELAXNG_ERR_CONTENTVALID:
    case XML_RELAXNG_ERR_ATTRVALID:
      return 2;
    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_INVALIDATTR:
    case XML_RELAXNG_ERR_TEXTWRONG:
      return 1;
    default:
      return 0;
    }
}

static gboolean
is_said_better (AplXmlProblems *self,
                AplXmlProblem  *problem)
{
  int rank = vagueness (problem);

  for (guint i = 0; i < self->list->len && rank > 0; i++)
    {
      AplXmlProblem *other = g_ptr_array_index (self->list, i);

      if (other->line == problem->line && g_strcmp0 (other->element, problem->element) == 0
          && vagueness (other) < rank)
        return TRUE;
    }
  return FALSE;
}

/* Drops what only repeats another problem in vaguer words ("failed to
 * validate content" after the reason why; the attribute error behind what
 * check_root() already explained), and the same message twice. */
static void
tidy_problems (AplXmlProblems *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) drop = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), self->list->len);

  for (guint i = 0; i < self->list->len; i++)
    {
      AplXmlProblem *problem = g_ptr_array_index (self->list, i);
      char *key = g_strdup_printf ("%d:%s", problem->line, problem->message);
      gboolean repeated = !g_hash_table_add (seen, key);
      gboolean dropped = repeated || is_said_better (self, problem);

      g_array_append_val (drop, dropped);
    }

  for (guint i = self->list->len; i > 0; i--)
    if (g_array_index (drop, gboolean, i - 1))
      g_ptr_array_remove_index (self->list, i - 1);
}

/**
 * _apl_xml_problems_report:
 * @lines: (nullable): where to add each problem as "FILE:LINE: message"
 *
 * Drops the echoes, then turns what is left into @lines and into @error,
 * whose message holds every line.
 *
 * Returns: whether there was no problem at all.
 */
gboolean
_apl_xml_problems_report (AplXmlProblems  *self,
                          GPtrArray       *lines,
                          GError         **error)
{
  AplXmlError code = APL_XML_ERROR_INVALID;
  GString *message;

  tidy_problems (self);
  if (self->list->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < self->list->len; i++)
    {
      AplXmlProblem *problem = g_ptr_array_index (self->list, i);
      char *line = problem->line > 0
        ? g_strdup_printf ("%s:%d: %s", self->name, problem->line, problem->message)
        : g_strdup_printf ("%s: %s", self->name, problem->message);

      /* The first problem that is not a mere mismatch with the format says
       * best what kind of file this is. */
      if (code == APL_XML_ERROR_INVALID)
        code = problem->code;

      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, line);
      if (lines != NULL)
        g_ptr_array_add (lines, line);
      else
        g_free (line);
    }

  if (self->too_many)
    {
      g_autofree char *line =
        g_strdup_printf (_("%s: Aplomb stopped after %d problems; correct these and try again"),
                         self->name, APL_PLAN_XML_MAX_ERRORS);

      g_string_append_printf (message, "\n%s", line);
      if (lines != NULL)
        g_ptr_array_add (lines, g_steal_pointer (&line));
    }

  g_set_error_literal (error, APL_XML_ERROR, code, message->str);
  g_string_free (message, TRUE);
  return FALSE;
}

