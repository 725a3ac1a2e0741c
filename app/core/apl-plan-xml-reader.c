/* apl-plan-xml-reader.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a plan file into an AplPlanRecord. Plan files come from other
 * people, so the file is treated as hostile: no document type declaration
 * (so no entities and no DTD), nothing loaded from another file or the
 * network, limits on size, depth and element count, and RELAX NG validation
 * while streaming. Every problem is collected as "FILE:LINE: message" in
 * words a communications officer understands; the record is returned only
 * when there is none.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apl-core-resources.h"
#include "apl-placement.h"
#include "apl-plan-xml-private.h"
#include "apl-plan-xml-problems.h"
#include "apl-plan-xml-sections.h"
#include "apl-text.h"
#include "apl-xml-spill.h"

#define SCHEMA_RESOURCE "/io/github/aplomb/Aplomb/schema/aplomb-plan.rng"
#define NAMESPACE_STEM  "https://aplomb.github.io/ns/plan/"

/* What comes before <plan> (XML declaration, comments) is checked by hand
 * before libxml2 sees the file; a real one is a few hundred bytes. */
#define PROLOG_MAX 65536

/* Same limit as apl_organisation_set_field(). */
#define PROFILE_MAX_BYTES 4096

/* Never XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or
 * RECOVER: see data/aplomb-plan.md. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

typedef struct
{
  AplXmlProblems    problems;
  xmlTextReaderPtr  reader;

  /* Input */
  int               fd;
  gsize             bytes_read;
  int               read_errno;
  gboolean          too_large;

  /* The record being filled */
  AplPlanRecord    *record;
  gboolean          root_seen;
  gboolean          root_closed;
  gboolean          in_profile;
  const char       *section;          /* the format 2 section being read */
  AplStakeholderRecord *stakeholder;  /* the item being read, in record */
  AplMessageRecord *message;
  AplVersionRecord *version;
  GHashTable       *stakeholder_ids;  /* id → AplStakeholderRecord, for references */
  char            **slot;
  const char       *slot_element;
  int               slot_depth;
  GString          *text;
  guint             n_elements;
  int               root_line;
  int               value_lines[APL_PLAN_N_VALUES];
  int               profile_lines[APL_ORGANISATION_N_FIELDS];

  /* Format 3 sections, read as element trees (apl-plan-record.h) */
  AplXmlNode       *tree[APL_PLAN_XML_MAX_DEPTH + 1];
  gboolean          in_tree;
  AplXmlNode       *tree_leaf;        /* the innermost element open */
  GString          *tree_text;

  /* The contacts section's items are checked as each one ends and then
   * set aside out of the heap (apl-xml-spill.h); what the checks find is
   * reported only for a file that reads well, as the other checks are. */
  AplContactsCheck *contacts_check;
  AplXmlProblems    item_problems;
  gboolean          spill_failed;

  /* ... on a thread of their own, so that they overlap the parsing and
   * the schema's validation: items go there in batches (a few in
   * flight, so memory stays bounded), and come back as empty batches. */
  GThread          *checker;
  GAsyncQueue      *to_check;
  GAsyncQueue      *checked;
  GPtrArray        *batch;
  gint              checker_failed;   /* atomic */
  GError           *checker_error;    /* set by the checker, read after the join */

  /* Progress and Cancel, for a read in a worker thread */
  GCancellable     *cancellable;
  AplPlanProgressFunc progress;
  gpointer          progress_data;
  gsize             total_size;
  gboolean          cancelled;
} Reader;

/* libxml2's entity loader is global; this lock keeps two imports (say, one
 * in a worker thread) from restoring each other's. */
static GMutex reader_lock;

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  err)
{
  Reader *self = user_data;

  /* A read that failed is said better by read_input_cb's flags, in run(). */
  if (err->domain == XML_FROM_IO && (self->too_large || self->read_errno != 0))
    return;

  _apl_xml_problems_add_libxml (&self->problems, err);
}

/* The external entity loader installed while a plan file is read. A plan
 * file is self-contained: nothing is fetched from another file or from the
 * network, whatever the file asks. */
static Reader *loading_reader;

static xmlParserInputPtr
deny_external_entity_cb (const char       *url,
                         const char       *id,
                         xmlParserCtxtPtr  context)
{
  if (loading_reader != NULL && !loading_reader->problems.stop)
    _apl_xml_problems_add_fatal (&loading_reader->problems,
                                 _apl_xml_current_line (loading_reader->reader), APL_XML_ERROR_UNSAFE,
                                 _("the file refers to another file or to an address on the network; plan files must be self-contained"));
  return NULL;
}

/* The schema */

static void
schema_error_cb (void        *user_data,
                 xmlErrorPtr  err)
{
  g_debug ("Plan schema: %s", err->message);
}

/* Parsed once: it is the same for every file. Called with reader_lock held. */
static xmlRelaxNGPtr
get_schema (void)
{
  static xmlRelaxNGPtr schema;
  static gboolean tried;
  g_autoptr(GBytes) bytes = NULL;
  xmlRelaxNGParserCtxtPtr context;

  if (tried)
    return schema;
  tried = TRUE;

  bytes = g_resource_lookup_data (apl_core_get_resource (), SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  context = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
  xmlRelaxNGSetParserStructuredErrors (context, schema_error_cb, NULL);
  schema = xmlRelaxNGParse (context);
  xmlRelaxNGFreeParserCtxt (context);

  if (schema == NULL)
    g_critical ("The plan schema built into Aplomb does not parse");
  return schema;
}

/* The prolog */

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

/* Finds @token from @p on, counting the lines it passes. */
static const char *
skip_past (const char *p,
           const char *end,
           const char *token,
           int        *line)
{
  gsize len = strlen (token);

  for (; p + len <= end; p++)
    {
      if (memcmp (p, token, len) == 0)
        return p + len;
      if (*p == '\n')
        (*line)++;
    }
  return NULL;
}

/* Reads encoding="…" from the XML declaration [@start, @end). */
static char *
declared_encoding (const char *start,
                   const char *end)
{
  const char *p = start;
  int lines = 0;

  while ((p = skip_past (p, end, "encoding", &lines)) != NULL)
    {
      const char *value;
      char quote_char;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || *p != '=')
        continue;
      p++;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || (*p != '"' && *p != '\''))
        continue;
      quote_char = *p++;
      value = p;
      while (p < end && *p != quote_char)
        p++;
      return g_strndup (value, p - value);
    }
  return NULL;
}

/* Checks what comes before the root element, before libxml2 parses it: by
 * the time libxml2 reports a DOCTYPE it has already read the entity
 * declarations inside it. A DOCTYPE can only stand here, among the XML
 * declaration, comments, processing instructions and white space.
 *
 * Returns: FALSE when the file is refused (the problem is added). */
static gboolean
check_prolog (Reader     *self,
              const char *data,
              gsize       size,
              gboolean    complete)
{
  const char *p = data;
  const char *end;
  int line = 1;

  if (size == 0)
    {
      _apl_xml_problems_add_fatal (&self->problems, 1, APL_XML_ERROR_INVALID, _("the file is empty"));
      return FALSE;
    }
  /* Only now: an empty GBytes has no data at all, and NULL + 0 is
   * undefined behaviour (found by fuzz-plan-xml under UBSan). */
  end = data + size;

  /* A byte order mark, or "<" as two bytes with a zero on either side. */
  if (size >= 2
      && ((p[0] == '\xFF' && p[1] == '\xFE') || (p[0] == '\xFE' && p[1] == '\xFF')
          || (p[0] == '<' && p[1] == '\0') || (p[0] == '\0' && p[1] == '<')))
    {
      _apl_xml_problems_add_fatal (&self->problems, 1, APL_XML_ERROR_ENCODING,
                                   _("the file is saved as UTF-16; plan files must be saved as UTF-8"));
      return FALSE;
    }
  if (has_prefix (p, end, "\xEF\xBB\xBF"))
    p += 3;

  if (has_prefix (p, end, "<?xml") && end - p > 5 && g_ascii_isspace (p[5]))
    {
      const char *decl_end = skip_past (p, end, "?>", &line);
      g_autofree char *encoding = NULL;

      if (decl_end == NULL)
        return TRUE;   /* libxml2 will say what is wrong */

      encoding = declared_encoding (p, decl_end);
      if (encoding != NULL
          && g_ascii_strcasecmp (encoding, "UTF-8") != 0
          && g_ascii_strcasecmp (encoding, "UTF8") != 0)
        {
          g_autofree char *shown = _apl_xml_quote (encoding);
          g_autofree char *message =
            g_strdup_printf (_("the file is declared as %s; plan files must be saved as UTF-8"), shown);

          _apl_xml_problems_add_fatal (&self->problems, 1, APL_XML_ERROR_ENCODING, message);
          return FALSE;
        }
      p = decl_end;
    }

  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        {
          if (*p == '\n')
            line++;
          p++;
        }

      if (has_prefix (p, end, "<!DOCTYPE"))
        {
          _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_UNSAFE,
                                       _("plan files may not contain a document type declaration"));
          return FALSE;
        }
      else if (has_prefix (p, end, "<!--"))
        p = skip_past (p + 4, end, "-->", &line);
      else if (has_prefix (p, end, "<?"))
        p = skip_past (p + 2, end, "?>", &line);
      else if (p < end)
        return TRUE;   /* the root element, or something libxml2 will refuse */

      /* Ran out of bytes still in the prolog. A complete file is cut
       * short, which libxml2 reports; a longer one has a prolog longer
       * than any plan file needs. */
      if (p == NULL || p >= end)
        {
          if (complete)
            return TRUE;
          _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_TOO_LARGE,
                                       _("the beginning of the file, before the plan itself, is too long"));
          return FALSE;
        }
    }
}

/* Reading the elements */

static gboolean
is_uuid (const char *text)
{
  return text != NULL && g_uuid_string_is_valid (text);
}

static void
check_root (Reader *self,
            int     line)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (self->reader);
  g_autofree char *format = (char *) xmlTextReaderGetAttribute (self->reader, BAD_CAST "format");
  g_autofree char *id = (char *) xmlTextReaderGetAttribute (self->reader, BAD_CAST "id");
  gint64 version = 0;

  self->root_line = line;

  /* A later, incompatible format would come with a new namespace. */
  if (g_strcmp0 (name, "plan") == 0 && ns != NULL && g_str_has_prefix (ns, NAMESPACE_STEM)
      && g_strcmp0 (ns, APL_PLAN_XML_NAMESPACE) != 0)
    {
      gint64 ns_version = g_ascii_strtoll (ns + strlen (NAMESPACE_STEM), NULL, 10);

      if (ns_version > 1)
        {
          _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_TOO_NEW,
                                       _("this plan was made by a newer version of Aplomb: update Aplomb to import it"));
          return;
        }
    }

  if (g_strcmp0 (name, "plan") != 0 || g_strcmp0 (ns, APL_PLAN_XML_NAMESPACE) != 0)
    {
      g_autofree char *message = NULL;

      if (ns == NULL)
        message = g_strdup_printf (_("this is not an Aplomb plan: it is an XML file whose main element is <%s>, without a namespace"),
                                   name);
      else
        message = g_strdup_printf (_("this is not an Aplomb plan: it is an XML file whose main element is <%s> from %s"),
                                   name, ns);
      _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_NOT_PLAN, message);
      return;
    }

  if (format == NULL)
    _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, "plan",
                           _("<plan> has no format attribute, so Aplomb cannot tell which version of the format it follows"));
  else if (!g_ascii_string_to_signed (format, 10, 1, G_MAXINT64, &version, NULL))
    {
      g_autofree char *shown = _apl_xml_quote (format);

      _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, "plan",
                             _("“%s” is not a format version: it must be a whole number such as 1"), shown);
    }
  else if ((self->record->format = (int) MIN (version, G_MAXINT)) > APL_PLAN_XML_FORMAT)
    {
      g_autofree char *message =
        g_strdup_printf (_("this plan was made by a newer version of Aplomb (format %s; this version reads format %d): update Aplomb to import it"),
                         format, APL_PLAN_XML_FORMAT);

      _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_TOO_NEW, message);
      return;
    }

  if (id == NULL)
    _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, "plan",
                           _("<plan> has no id attribute"));
  else if (!is_uuid (id))
    {
      g_autofree char *shown = _apl_xml_quote (id);

      _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, "plan",
                             _("“%s” is not a plan id: it must be a UUID such as 0b1e9a52-8c1d-4f5e-9a3b-2d6c7e8f9a01"),
                             shown);
    }
  else
    self->record->id = g_steal_pointer (&id);
}

/* The sections of format 3, kept as element trees. */
static const char * const tree_sections[] = {
  "contacts", "crisis-plan", "approvals",
};

/* The sections of format 2, each a list of one kind of item. */
static const char * const sections[] = {
  "stakeholders", "map", "relationships", "messages", "placeholders",
};

static char *
get_attribute (Reader     *self,
               const char *name)
{
  return (char *) xmlTextReaderGetAttribute (self->reader, BAD_CAST name);
}

/* A number the schema has already checked; -1 when it is not one, which
 * the schema reports. */
static int
get_int_attribute (Reader     *self,
                   const char *name)
{
  g_autofree char *text = get_attribute (self, name);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &value, NULL))
    return -1;
  return (int) value;
}

static void
take_slot (Reader      *self,
           char       **slot,
           const char  *element,
           int         *line_out,
           int          line)
{
  self->slot = slot;
  self->slot_element = element;
  if (line_out != NULL)
    *line_out = line;
}

/* An item of a format 2 section starts (depth 2). */
static void
open_item (Reader     *self,
           const char *name,
           int         line)
{
  AplPlanRecord *record = self->record;

  if (g_str_equal (self->section, "stakeholders") && g_str_equal (name, "stakeholder"))
    {
      self->stakeholder = _apl_stakeholder_record_new ();
      self->stakeholder->id = get_attribute (self, "id");
      self->stakeholder->kind = get_attribute (self, "kind");
      self->stakeholder->line = line;
      g_ptr_array_add (record->stakeholders, self->stakeholder);
    }
  else if (g_str_equal (self->section, "map") && g_str_equal (name, "placement"))
    {
      AplPlacementRecord *placement = g_new0 (AplPlacementRecord, 1);

      placement->stakeholder = get_attribute (self, "stakeholder");
      placement->influence = get_int_attribute (self, "influence");
      placement->interest = get_int_attribute (self, "interest");
      placement->attitude = get_attribute (self, "attitude");
      placement->strength = get_int_attribute (self, "strength");
      placement->line = line;
      g_ptr_array_add (record->placements, placement);
    }
  else if (g_str_equal (self->section, "relationships") && g_str_equal (name, "relationship"))
    {
      AplRelationshipRecord *relationship = g_new0 (AplRelationshipRecord, 1);

      relationship->from = get_attribute (self, "from");
      relationship->to = get_attribute (self, "to");
      relationship->kind = get_attribute (self, "kind");
      relationship->line = line;
      g_ptr_array_add (record->relationships, relationship);
    }
  else if (g_str_equal (self->section, "messages") && g_str_equal (name, "message"))
    {
      self->message = _apl_message_record_new ();
      self->message->id = get_attribute (self, "id");
      self->message->variant_group = get_attribute (self, "variant-group");
      self->message->line = line;
      g_ptr_array_add (record->messages, self->message);
    }
  else if (g_str_equal (self->section, "placeholders") && g_str_equal (name, "placeholder"))
    {
      AplPlaceholderRecord *placeholder = g_new0 (AplPlaceholderRecord, 1);

      placeholder->name = get_attribute (self, "name");
      placeholder->language = get_attribute (self, "language");
      placeholder->line = line;
      g_ptr_array_add (record->placeholders, placeholder);
      take_slot (self, &placeholder->value, "placeholder", NULL, line);
    }
}

/* A child of a stakeholder, a message or a version starts. */
static void
open_item_child (Reader     *self,
                 const char *name,
                 int         depth,
                 int         line)
{
  if (depth == 3 && self->stakeholder != NULL)
    {
      AplStakeholderRecord *stakeholder = self->stakeholder;

      for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
        if (g_str_equal (name, _apl_stakeholder_elements[i]))
          take_slot (self, &stakeholder->fields[i], _apl_stakeholder_elements[i],
                     &stakeholder->field_lines[i], line);

      if (g_str_equal (name, "group"))
        {
          g_free (stakeholder->group_key);
          stakeholder->group_key = get_attribute (self, "key");
          if (stakeholder->group_key == NULL)
            take_slot (self, &stakeholder->group_name, "group", NULL, line);
        }
      else if (g_str_equal (name, "created"))
        take_slot (self, &stakeholder->created, "created", NULL, line);
      else if (g_str_equal (name, "updated"))
        take_slot (self, &stakeholder->updated, "updated", NULL, line);
    }
  else if (depth == 3 && self->message != NULL)
    {
      AplMessageRecord *message = self->message;

      for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
        if (g_str_equal (name, _apl_message_elements[i]))
          take_slot (self, &message->fields[i], _apl_message_elements[i], &message->field_lines[i], line);

      if (g_str_equal (name, "created"))
        take_slot (self, &message->created, "created", NULL, line);
      else if (g_str_equal (name, "updated"))
        take_slot (self, &message->updated, "updated", NULL, line);
      else if (g_str_equal (name, "version"))
        {
          g_autofree char *kind = get_attribute (self, "kind");
          int restored_from = get_int_attribute (self, "restored-from");
          int number = get_int_attribute (self, "number");

          self->version = _apl_version_record_new ();
          self->version->number = number > 0 ? (guint) number : 0;
          self->version->kind = g_steal_pointer (&kind);
          self->version->restored_from = restored_from > 0 ? (guint) restored_from : 0;
          self->version->line = line;
          g_ptr_array_add (message->versions, self->version);
        }
    }
  else if (depth == 4 && self->version != NULL)
    {
      AplVersionRecord *version = self->version;

      for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
        if (g_str_equal (name, _apl_message_elements[i]))
          take_slot (self, &version->fields[i], _apl_message_elements[i], NULL, line);

      if (g_str_equal (name, "author"))
        take_slot (self, &version->author, "author", NULL, line);
      else if (g_str_equal (name, "created"))
        take_slot (self, &version->created, "created", NULL, line);
      else if (g_str_equal (name, "saved"))
        take_slot (self, &version->saved, "saved", NULL, line);
    }
}

/* Format 3: an element of a section read as a tree. Returns whether it is
 * one. */
static gboolean
open_tree_element (Reader     *self,
                   const char *name,
                   int         depth,
                   int         line)
{
  AplXmlNode *node = NULL;

  if (depth == 1)
    {
      AplXmlNode **slot = NULL;

      if (g_str_equal (name, tree_sections[0]))
        slot = &self->record->contacts;
      else if (g_str_equal (name, tree_sections[1]))
        slot = &self->record->crisis;
      else if (g_str_equal (name, tree_sections[2]))
        slot = &self->record->approvals;
      if (slot == NULL)
        return FALSE;

      /* A repeated section is the schema's to report; keep the last. */
      g_clear_pointer (slot, _apl_xml_node_free);
      node = *slot = _apl_xml_node_new (name, NULL);
      self->in_tree = TRUE;
    }
  else if (self->in_tree && depth >= 2 && depth <= APL_PLAN_XML_MAX_DEPTH && self->tree[depth - 1] != NULL)
    node = _apl_xml_node_new (name, self->tree[depth - 1]);
  else
    return FALSE;

  node->line = line;
  if (xmlTextReaderMoveToFirstAttribute (self->reader) == 1)
    {
      do
        _apl_xml_node_set (node, (const char *) xmlTextReaderConstLocalName (self->reader),
                           (const char *) xmlTextReaderConstValue (self->reader));
      while (xmlTextReaderMoveToNextAttribute (self->reader) == 1);
      xmlTextReaderMoveToElement (self->reader);
    }

  self->tree[depth] = node;
  self->tree_leaf = node;
  g_string_truncate (self->tree_text, 0);
  return TRUE;
}

#define CHECK_BATCH     256
#define CHECK_N_BATCHES 4

/* The checker thread: checks each item (into item_problems, which only
 * it touches until it is joined) and sets it aside. The items go back
 * with the batch, to be freed by the thread that made them: glibc's
 * malloc frees another thread's memory under that thread's arena lock,
 * and the two threads then spent a fifth of their time waiting for it.
 * An empty batch asks it to stop. */
static gpointer
check_items (gpointer data)
{
  Reader *self = data;

  for (;;)
    {
      GPtrArray *batch = g_async_queue_pop (self->to_check);
      gboolean last = batch->len == 0;

      for (guint i = 0; i < batch->len; i++)
        {
          AplXmlNode *item = g_ptr_array_index (batch, i);

          if (self->checker_error == NULL)
            {
              _apl_plan_xml_check_contacts_item (&self->item_problems, self->contacts_check, item);
              if (!_apl_xml_spill_add (self->record->contact_items, item, &self->checker_error))
                g_atomic_int_set (&self->checker_failed, 1);
            }
        }
      g_async_queue_push (self->checked, batch);
      if (last)
        return NULL;
    }
}

static void
send_batch (Reader *self)
{
  g_async_queue_push (self->to_check, self->batch);
  self->batch = g_async_queue_pop (self->checked);
  /* Its items, checked and set aside: freed here, where they were made. */
  g_ptr_array_set_size (self->batch, 0);
}

/* Waits for the checker to finish what it was given. */
static void
join_checker (Reader *self)
{
  if (self->checker == NULL)
    return;
  if (self->batch->len > 0)
    send_batch (self);
  send_batch (self);   /* empty: the end */
  g_thread_join (g_steal_pointer (&self->checker));
}

/* An item of the contacts section has ended: moved out of the tree, to be
 * checked and set aside. */
static void
set_aside_contacts_item (Reader     *self,
                         AplXmlNode *item)
{
  AplXmlNode *section = self->record->contacts;

  if (self->spill_failed)
    return;
  if (g_atomic_int_get (&self->checker_failed))
    {
      /* The temporary file could not be written: nothing more is worth
       * reading. The message comes after the join. */
      self->spill_failed = TRUE;
      self->problems.stop = TRUE;
      return;
    }

  if (self->checker == NULL)
    {
      self->record->contact_items = _apl_xml_spill_new ();
      self->to_check = g_async_queue_new ();
      self->checked = g_async_queue_new ();
      for (guint i = 0; i < CHECK_N_BATCHES; i++)
        g_async_queue_push (self->checked,
                            g_ptr_array_new_full (CHECK_BATCH, (GDestroyNotify) _apl_xml_node_free));
      self->batch = g_async_queue_pop (self->checked);
      self->checker = g_thread_new ("aplomb-plan-contacts", check_items, self);
    }

  /* The item is the section's last child: no other node points to it. */
  g_ptr_array_add (self->batch, g_ptr_array_steal_index (section->children, section->children->len - 1));
  if (self->batch->len == CHECK_BATCH)
    send_batch (self);
}

static void
close_tree_element (Reader *self,
                    int     depth)
{
  AplXmlNode *node;

  if (!self->in_tree || depth < 1 || depth > APL_PLAN_XML_MAX_DEPTH || self->tree[depth] == NULL)
    return;

  node = self->tree[depth];
  if (APL_XML_NODE_N_CHILDREN (node) == 0 && node->text == NULL)
    node->text = self->tree_leaf == node ? g_strndup (self->tree_text->str, self->tree_text->len) : g_strdup ("");
  self->tree[depth] = NULL;
  self->tree_leaf = NULL;
  if (depth == 2 && self->tree[1] != NULL && self->tree[1] == self->record->contacts)
    set_aside_contacts_item (self, node);
  if (depth == 1)
    self->in_tree = FALSE;
}

/* Finds where the text of the element that starts here goes, if anywhere. */
static void
open_element (Reader     *self,
              const char *name,
              int         depth,
              int         line)
{
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (self->reader);

  if (g_strcmp0 (ns, APL_PLAN_XML_NAMESPACE) != 0)
    return;

  if (open_tree_element (self, name, depth, line))
    return;

  if (depth == 1 && g_str_equal (name, APL_PROFILE_ELEMENT))
    {
      self->in_profile = TRUE;
      return;
    }

  for (guint i = 0; depth == 1 && i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (name, sections[i]))
      {
        self->section = sections[i];
        return;
      }

  if (depth == 2 && self->section != NULL)
    open_item (self, name, line);
  else if (depth >= 3 && self->section != NULL)
    open_item_child (self, name, depth, line);

  for (guint i = 0; depth == 1 && i < APL_PLAN_N_VALUES; i++)
    if (g_str_equal (name, _apl_plan_value_elements[i]))
      {
        self->slot = &self->record->values[i];
        self->slot_element = _apl_plan_value_elements[i];
        self->value_lines[i] = line;
      }

  for (guint i = 0; depth == 2 && self->in_profile && i < APL_ORGANISATION_N_FIELDS; i++)
    if (g_str_equal (name, _apl_profile_elements[i]))
      {
        self->slot = &self->record->profile[i];
        self->slot_element = _apl_profile_elements[i];
        self->profile_lines[i] = line;
      }

  if (self->slot != NULL)
    {
      self->slot_depth = depth;
      g_string_truncate (self->text, 0);
    }
}

static void
close_element (Reader *self,
               int     depth)
{
  close_tree_element (self, depth);

  if (self->slot != NULL && depth == self->slot_depth)
    {
      /* A repeated element is reported by the schema; keep the last one. */
      g_free (*self->slot);
      *self->slot = g_strndup (self->text->str, self->text->len);
      self->slot = NULL;
    }
  if (depth == 1)
    {
      self->in_profile = FALSE;
      self->section = NULL;
    }
  if (depth == 2)
    {
      self->stakeholder = NULL;
      self->message = NULL;
    }
  if (depth == 3)
    self->version = NULL;
  if (depth == 0)
    self->root_closed = TRUE;
  _apl_xml_problems_element_closed (&self->problems, depth);
}

static void
read_text (Reader *self,
           int     depth)
{
  const char *value = (const char *) xmlTextReaderConstValue (self->reader);
  gsize len = value ? strlen (value) : 0;
  GString *text = self->text;

  if (self->in_tree && depth >= 2 && self->tree_leaf != NULL && self->tree[depth - 1] == self->tree_leaf)
    text = self->tree_text;
  else if (self->slot == NULL || depth != self->slot_depth + 1)
    return;

  if (text->len + len > APL_PLAN_XML_MAX_TEXT_SIZE)
    {
      g_autofree char *message =
        g_strdup_printf (_("the text of <%s> is longer than %d MiB, more than any field may hold"),
                         text == self->tree_text ? self->tree_leaf->name : self->slot_element,
                         APL_PLAN_XML_MAX_TEXT_SIZE / (1024 * 1024));

      _apl_xml_problems_add_fatal (&self->problems, _apl_xml_current_line (self->reader),
                                   APL_XML_ERROR_TOO_LARGE, message);
      return;
    }
  g_string_append_len (text, value, len);
}

static gboolean
is_xinclude (const char *ns)
{
  return g_strcmp0 (ns, "http://www.w3.org/2001/XInclude") == 0
         || g_strcmp0 (ns, "http://www.w3.org/2003/XInclude") == 0;
}

static void
read_node (Reader *self)
{
  int type = xmlTextReaderNodeType (self->reader);
  int depth = xmlTextReaderDepth (self->reader);
  int line = _apl_xml_current_line (self->reader);

  switch (type)
    {
    case XML_READER_TYPE_ELEMENT:
      {
        const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);

        if (++self->n_elements > APL_PLAN_XML_MAX_ELEMENTS)
          {
            g_autofree char *message =
              g_strdup_printf (_("the file holds more than %d elements, more than Aplomb reads in one plan"),
                               APL_PLAN_XML_MAX_ELEMENTS);

            _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_TOO_LARGE, message);
            return;
          }
        if (depth >= APL_PLAN_XML_MAX_DEPTH)
          {
            g_autofree char *message =
              g_strdup_printf (_("elements are nested more than %d deep, far more than a plan needs"),
                               APL_PLAN_XML_MAX_DEPTH);

            _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_TOO_LARGE, message);
            return;
          }
        if (is_xinclude ((const char *) xmlTextReaderConstNamespaceUri (self->reader)))
          {
            _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_UNSAFE,
                                         _("the file asks to include another file (XInclude); plan files must be self-contained"));
            return;
          }

        if (!self->root_seen)
          {
            self->root_seen = TRUE;
            check_root (self, line);
            if (self->problems.stop)
              return;
          }

        /* An element inside a field's element is the schema's to refuse;
         * here it only matters that the field does not take its text. */
        if (self->slot != NULL)
          self->slot = NULL;
        else
          open_element (self, name, depth, line);

        if (xmlTextReaderIsEmptyElement (self->reader))
          close_element (self, depth);
      }
      break;

    case XML_READER_TYPE_END_ELEMENT:
      close_element (self, depth);
      break;

    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      read_text (self, depth);
      break;

    case XML_READER_TYPE_DOCUMENT_TYPE:
      _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_UNSAFE,
                                   _("plan files may not contain a document type declaration"));
      break;

    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
    case XML_READER_TYPE_NOTATION:
      {
        g_autofree char *message =
          g_strdup_printf (_("the file uses the entity “&%s;”; plan files may not contain entities"),
                           (const char *) xmlTextReaderConstName (self->reader));

        _apl_xml_problems_add_fatal (&self->problems, line, APL_XML_ERROR_UNSAFE, message);
      }
      break;

    default:
      /* Comments and processing instructions carry nothing we keep. */
      break;
    }
}

/* Checks after reading */

/* Format 2 checks. Identifiers are compared in lower case, as the
 * workspace stores them; the record keeps them that way. */

static void
lower_in_place (char *text)
{
  for (char *p = text; p != NULL && *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
}

/* Runs a store validation on one value and reports its message, naming
 * the element and the item. */
static void
report_invalid (Reader       *self,
                int           line,
                const char   *element,
                const char   *kind,
                const char   *item,
                const GError *error)
{
  if (g_str_equal (kind, "stakeholder"))
    _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, element,
                           _("<%s> of the stakeholder “%s”: %s"), element, item, error->message);
  else
    _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, element,
                           _("<%s> of the message “%s”: %s"), element, item, error->message);
}

static void
check_stakeholders (Reader *self)
{
  GHashTable *seen = self->stakeholder_ids;
  GPtrArray *stakeholders = self->record->stakeholders;

  for (guint i = 0; i < stakeholders->len; i++)
    {
      AplStakeholderRecord *stakeholder = g_ptr_array_index (stakeholders, i);
      const char *name = stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME];
      AplStakeholderRecord *first;

      lower_in_place (stakeholder->id);
      first = g_hash_table_lookup (seen, stakeholder->id);
      if (first != NULL)
        _apl_xml_problems_add (&self->problems, stakeholder->line, APL_XML_ERROR_INVALID, "stakeholder",
                               _("the stakeholder id “%s” is used twice (also on line %d): each stakeholder needs its own"),
                               stakeholder->id, first->line);
      else
        g_hash_table_insert (seen, stakeholder->id, stakeholder);

      for (guint f = 0; f < APL_STAKEHOLDER_N_FIELDS; f++)
        {
          g_autoptr(GError) error = NULL;
          int line = stakeholder->field_lines[f] > 0 ? stakeholder->field_lines[f] : stakeholder->line;

          if (!apl_stakeholder_validate_field (f, stakeholder->fields[f], &error))
            report_invalid (self, line, _apl_stakeholder_elements[f], "stakeholder", name ? name : "", error);
        }

      if (stakeholder->group_key == NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *trimmed = g_strstrip (g_strdup (stakeholder->group_name ? stakeholder->group_name : ""));

          if (!apl_text_check (trimmed, PROFILE_MAX_BYTES, &error))
            report_invalid (self, stakeholder->line, "group", "stakeholder", name ? name : "", error);
          else if (*trimmed == '\0')
            _apl_xml_problems_add (&self->problems, stakeholder->line, APL_XML_ERROR_INVALID, "group",
                                   _("the stakeholder “%s” has a <group> without a name"), name ? name : "");
        }
    }
}

/* A hash table, not a scan: a hostile file may hold a million of each. */
static AplStakeholderRecord *
find_file_stakeholder (Reader     *self,
                       const char *id)
{
  return id != NULL ? g_hash_table_lookup (self->stakeholder_ids, id) : NULL;
}

static void
report_unknown_stakeholder (Reader     *self,
                            int         line,
                            const char *element,
                            const char *id)
{
  _apl_xml_problems_add (&self->problems, line, APL_XML_ERROR_INVALID, element,
                         _("<%s> refers to the stakeholder “%s”, which is not among the file’s <stakeholders>"),
                         element, id ? id : "");
}

static void
check_map (Reader *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *placements = self->record->placements;

  for (guint i = 0; i < placements->len; i++)
    {
      AplPlacementRecord *placement = g_ptr_array_index (placements, i);
      AplStakeholderRecord *stakeholder;
      g_autoptr(GError) error = NULL;
      AplAttitude attitude = APL_ATTITUDE_NEUTRAL;
      AplPlacementRecord *first;

      lower_in_place (placement->stakeholder);
      stakeholder = find_file_stakeholder (self, placement->stakeholder);
      if (stakeholder == NULL)
        {
          report_unknown_stakeholder (self, placement->line, "placement", placement->stakeholder);
          continue;
        }

      first = g_hash_table_lookup (seen, placement->stakeholder);
      if (first != NULL)
        _apl_xml_problems_add (&self->problems, placement->line, APL_XML_ERROR_INVALID, "placement",
                               _("the stakeholder “%s” is placed on the map twice (also on line %d)"),
                               stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME], first->line);
      else
        g_hash_table_insert (seen, placement->stakeholder, placement);

      if (!apl_attitude_from_string (placement->attitude, &attitude)
          || !apl_placement_validate (placement->influence, placement->interest, attitude,
                                      placement->strength, &error))
        _apl_xml_problems_add (&self->problems, placement->line, APL_XML_ERROR_INVALID, "placement",
                               _("the place of “%s” on the map is not valid: %s"),
                               stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME],
                               error ? error->message : placement->attitude);
    }
}

static void
check_relationships (Reader *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *relationships = self->record->relationships;

  for (guint i = 0; i < relationships->len; i++)
    {
      AplRelationshipRecord *relationship = g_ptr_array_index (relationships, i);
      g_autofree char *key = NULL;
      gboolean known = TRUE;
      gpointer first;

      lower_in_place (relationship->from);
      lower_in_place (relationship->to);
      if (find_file_stakeholder (self, relationship->from) == NULL)
        {
          report_unknown_stakeholder (self, relationship->line, "relationship", relationship->from);
          known = FALSE;
        }
      if (find_file_stakeholder (self, relationship->to) == NULL)
        {
          report_unknown_stakeholder (self, relationship->line, "relationship", relationship->to);
          known = FALSE;
        }
      if (!known)
        continue;

      if (g_str_equal (relationship->from, relationship->to))
        {
          _apl_xml_problems_add (&self->problems, relationship->line, APL_XML_ERROR_INVALID, "relationship",
                                 _("a relationship needs two different stakeholders"));
          continue;
        }

      key = g_strjoin ("|", relationship->from, relationship->to, relationship->kind, NULL);
      first = g_hash_table_lookup (seen, key);
      if (first != NULL)
        _apl_xml_problems_add (&self->problems, relationship->line, APL_XML_ERROR_INVALID, "relationship",
                               _("this relationship is already on line %d"), GPOINTER_TO_INT (first));
      else
        g_hash_table_insert (seen, g_steal_pointer (&key), GINT_TO_POINTER (relationship->line));
    }
}

static void
check_versions (Reader           *self,
                AplMessageRecord *message)
{
  const char *title = message->fields[APL_MESSAGE_FIELD_TITLE];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint v = 0; v < message->versions->len; v++)
    {
      AplVersionRecord *version = g_ptr_array_index (message->versions, v);
      gpointer first = g_hash_table_lookup (seen, GUINT_TO_POINTER (version->number));

      if (first != NULL)
        _apl_xml_problems_add (&self->problems, version->line, APL_XML_ERROR_INVALID, "version",
                               _("the message “%s” has two versions numbered %u (also on line %d)"),
                               title ? title : "", version->number, GPOINTER_TO_INT (first));
      else
        g_hash_table_insert (seen, GUINT_TO_POINTER (version->number), GINT_TO_POINTER (version->line));

      for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
        {
          g_autoptr(GError) error = NULL;

          if (!apl_message_validate_field (f, version->fields[f], &error))
            report_invalid (self, version->line, _apl_message_elements[f], "message", title ? title : "", error);
        }
      if (!apl_text_check (version->author, PROFILE_MAX_BYTES, NULL))
        _apl_xml_problems_add (&self->problems, version->line, APL_XML_ERROR_INVALID, "author",
                               _("the author of version %u of the message “%s” is not valid text or is too long"),
                               version->number, title ? title : "");
    }
}

static void
check_messages (Reader *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *messages = self->record->messages;

  for (guint i = 0; i < messages->len; i++)
    {
      AplMessageRecord *message = g_ptr_array_index (messages, i);
      const char *title = message->fields[APL_MESSAGE_FIELD_TITLE];
      AplMessageRecord *first;

      lower_in_place (message->id);
      lower_in_place (message->variant_group);
      first = g_hash_table_lookup (seen, message->id);
      if (first != NULL)
        _apl_xml_problems_add (&self->problems, message->line, APL_XML_ERROR_INVALID, "message",
                               _("the message id “%s” is used twice (also on line %d): each message needs its own"),
                               message->id, first->line);
      else
        g_hash_table_insert (seen, message->id, message);

      for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
        {
          g_autoptr(GError) error = NULL;
          int line = message->field_lines[f] > 0 ? message->field_lines[f] : message->line;

          if (!apl_message_validate_field (f, message->fields[f], &error))
            report_invalid (self, line, _apl_message_elements[f], "message", title ? title : "", error);
        }
      check_versions (self, message);
    }
}

static void
check_placeholders (Reader *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *placeholders = self->record->placeholders;

  for (guint i = 0; i < placeholders->len; i++)
    {
      AplPlaceholderRecord *placeholder = g_ptr_array_index (placeholders, i);
      g_autofree char *key = NULL;
      g_autoptr(GError) error = NULL;
      gpointer first;

      if (placeholder->language == NULL)
        placeholder->language = g_strdup ("");
      if (!apl_placeholder_is_valid_name (placeholder->name))
        {
          _apl_xml_problems_add (&self->problems, placeholder->line, APL_XML_ERROR_INVALID, "placeholder",
                                 _("“%s” is not a placeholder name; use lower-case letters, digits and _ only"),
                                 placeholder->name ? placeholder->name : "");
          continue;
        }
      if (*placeholder->language != '\0' && (strlen (placeholder->language) < 2 || strlen (placeholder->language) > 35))
        _apl_xml_problems_add (&self->problems, placeholder->line, APL_XML_ERROR_INVALID, "placeholder",
                               _("“%s” is not a language tag such as en or fr"), placeholder->language);
      if (!apl_text_check (placeholder->value, PROFILE_MAX_BYTES, &error))
        _apl_xml_problems_add (&self->problems, placeholder->line, APL_XML_ERROR_INVALID, "placeholder",
                               _("the value of {{%s}}: %s"), placeholder->name, error->message);

      key = g_strconcat (placeholder->name, "|", placeholder->language, NULL);
      first = g_hash_table_lookup (seen, key);
      if (first != NULL)
        _apl_xml_problems_add (&self->problems, placeholder->line, APL_XML_ERROR_INVALID, "placeholder",
                               _("{{%s}} has two values for the same language (also on line %d)"),
                               placeholder->name, GPOINTER_TO_INT (first));
      else
        g_hash_table_insert (seen, g_steal_pointer (&key), GINT_TO_POINTER (placeholder->line));
    }
}

/* What the schema cannot say: the rules the store applies to each field,
 * and characters that XML parsers let through as references (&#7;). */
static void
check_values (Reader *self)
{
  AplPlanRecord *record = self->record;

  for (guint i = 0; i < APL_PLAN_N_VALUES; i++)
    {
      int field = _apl_plan_value_get_field (i);
      const char *value = record->values[i] ? record->values[i] : "";
      g_autoptr(GError) error = NULL;
      gunichar bad = _apl_xml_find_bad_char (value);

      if (bad != 0)
        _apl_xml_problems_add (&self->problems, self->value_lines[i], APL_XML_ERROR_INVALID,
                               _apl_plan_value_elements[i],
                               _("<%s> contains a character that is not allowed in a plan file (U+%04X)"),
                               _apl_plan_value_elements[i], bad);
      else if (field >= 0 && !apl_plan_validate_field (field, value, &error))
        _apl_xml_problems_add (&self->problems, self->value_lines[i], APL_XML_ERROR_INVALID,
                               _apl_plan_value_elements[i],
                               "%s", error->message);
    }

  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    {
      const char *value = record->profile[i] ? record->profile[i] : "";
      gunichar bad = _apl_xml_find_bad_char (value);

      if (bad != 0)
        _apl_xml_problems_add (&self->problems, self->profile_lines[i], APL_XML_ERROR_INVALID,
                               _apl_profile_elements[i],
                               _("<%s> contains a character that is not allowed in a plan file (U+%04X)"),
                               _apl_profile_elements[i], bad);
      else if (strlen (value) > PROFILE_MAX_BYTES)
        _apl_xml_problems_add (&self->problems, self->profile_lines[i], APL_XML_ERROR_INVALID,
                               _apl_profile_elements[i],
                               _("the text of <%s> is longer than the %d bytes Aplomb keeps for it"),
                               _apl_profile_elements[i], PROFILE_MAX_BYTES);
    }

  check_stakeholders (self);
  check_map (self);
  check_relationships (self);
  check_messages (self);
  check_placeholders (self);
  _apl_xml_problems_take_all (&self->problems, &self->item_problems);
  _apl_plan_xml_check_sections (&self->problems, record);
}

/* Reading */

static int
read_input_cb (void *user_data,
               char *buffer,
               int   len)
{
  Reader *self = user_data;
  gssize n;

  do
    n = read (self->fd, buffer, len);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      self->read_errno = errno;
      return -1;
    }

  /* The size was checked before reading; a file that grows meanwhile is
   * stopped here. */
  self->bytes_read += n;
  if (self->bytes_read > APL_PLAN_XML_MAX_FILE_SIZE)
    {
      self->too_large = TRUE;
      return -1;
    }
  return (int) n;
}

static int
close_input_cb (void *user_data)
{
  return 0;   /* the caller owns the descriptor */
}

static void
add_too_large (Reader *self)
{
  g_autofree char *message =
    g_strdup_printf (_("the file is larger than %d MiB, the largest plan file Aplomb reads"),
                     APL_PLAN_XML_MAX_FILE_SIZE / (1024 * 1024));

  _apl_xml_problems_add_fatal (&self->problems, 0, APL_XML_ERROR_TOO_LARGE, message);
}

static void
reader_init (Reader     *self,
             const char *name)
{
  memset (self, 0, sizeof *self);
  _apl_xml_problems_init (&self->problems, name);
  self->fd = -1;
  self->record = _apl_plan_record_new ();
  self->text = g_string_new (NULL);
  self->tree_text = g_string_new (NULL);
  self->stakeholder_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->contacts_check = _apl_plan_xml_contacts_check_new ();
  _apl_xml_problems_init (&self->item_problems, name);
}

static void
reader_clear (Reader *self)
{
  _apl_xml_problems_clear (&self->problems);
  join_checker (self);
  _apl_xml_problems_clear (&self->item_problems);
  g_clear_pointer (&self->contacts_check, _apl_plan_xml_contacts_check_free);
  g_clear_error (&self->checker_error);
  if (self->to_check != NULL)
    {
      GPtrArray *batch;

      while ((batch = g_async_queue_try_pop (self->checked)) != NULL)
        g_ptr_array_unref (batch);
      g_clear_pointer (&self->batch, g_ptr_array_unref);
      g_clear_pointer (&self->to_check, g_async_queue_unref);
      g_clear_pointer (&self->checked, g_async_queue_unref);
    }
  g_clear_pointer (&self->stakeholder_ids, g_hash_table_unref);
  g_clear_pointer (&self->record, _apl_plan_record_free);
  g_string_free (self->text, TRUE);
  g_string_free (self->tree_text, TRUE);
}

/* Streams the file through the schema and into self->record. */
static void
run (Reader           *self,
     xmlTextReaderPtr  reader)
{
  xmlExternalEntityLoader saved_loader;
  xmlRelaxNGPtr schema;
  int ret = 1;

  g_mutex_lock (&reader_lock);
  saved_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (deny_external_entity_cb);
  loading_reader = self;

  schema = get_schema ();
  self->reader = reader;
  self->problems.reader = reader;

  if (reader == NULL || schema == NULL)
    _apl_xml_problems_add (&self->problems, 0, APL_XML_ERROR_FAILED, NULL,
                           _("Aplomb could not start reading the file."));
  else
    {
      xmlTextReaderRelaxNGSetSchema (reader, schema);
      xmlTextReaderSetStructuredErrorHandler (reader, structured_error_cb, self);

      while (!self->problems.stop && (ret = xmlTextReaderRead (reader)) == 1)
        {
          guint n = self->n_elements;

          read_node (self);
          if (n == self->n_elements || n % 64 != 0)
            continue;

          /* Between elements: a Cancel stops here, long before anything
           * is written. */
          if (g_cancellable_is_cancelled (self->cancellable))
            {
              self->cancelled = TRUE;
              break;
            }
          if (self->progress != NULL && self->total_size > 0)
            {
              double done = (double) xmlTextReaderByteConsumed (reader) / (double) self->total_size;

              self->progress (CLAMP (done, 0.0, 1.0) * APL_PLAN_XML_READ_SHARE, self->progress_data);
            }
        }
    }

  if (self->cancelled)
    ;
  else if (self->too_large)
    add_too_large (self);
  else if (self->read_errno != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("the file could not be read: %s"), g_strerror (self->read_errno));

      _apl_xml_problems_add_fatal (&self->problems, 0, APL_XML_ERROR_IO, message);
    }
  else if (!self->problems.stop && self->problems.list->len == 0)
    {
      if (ret < 0)
        _apl_xml_problems_add (&self->problems, _apl_xml_current_line (self->reader), APL_XML_ERROR_INVALID, NULL,
                               _("the file is not well-formed XML"));
      else if (!self->root_closed)
        _apl_xml_problems_add (&self->problems, _apl_xml_current_line (self->reader), APL_XML_ERROR_INVALID, NULL,
                               _("the file ends before the plan is complete: it may have been cut short"));
      else if (xmlTextReaderIsValid (reader) != 1)
        _apl_xml_problems_add (&self->problems, _apl_xml_current_line (self->reader), APL_XML_ERROR_INVALID, NULL,
                               _("the file does not follow the plan format"));
    }

  self->reader = NULL;
  self->problems.reader = NULL;
  loading_reader = NULL;
  xmlSetExternalEntityLoader (saved_loader);
  g_mutex_unlock (&reader_lock);

  join_checker (self);
  if (self->checker_error != NULL)
    {
      self->spill_failed = TRUE;
      _apl_xml_problems_add_fatal (&self->problems, 0, APL_XML_ERROR_IO, self->checker_error->message);
    }
  if (self->record->contact_items != NULL && !self->spill_failed && !self->cancelled)
    {
      g_autoptr(GError) error = NULL;

      if (!_apl_xml_spill_close (self->record->contact_items, &error))
        _apl_xml_problems_add_fatal (&self->problems, 0, APL_XML_ERROR_IO, error->message);
    }

  if (self->problems.list->len == 0 && !self->cancelled)
    check_values (self);
}

static AplPlanRecord *
finish (Reader     *self,
        GPtrArray  *lines,
        GError    **error)
{
  AplPlanRecord *record = NULL;

  if (self->cancelled)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled."));
  else if (_apl_xml_problems_report (&self->problems, lines, error))
    record = g_steal_pointer (&self->record);
  reader_clear (self);
  return record;
}

static AplPlanRecord *
file_error (const char  *name,
            int          saved_errno,
            GPtrArray   *lines,
            GError     **error)
{
  g_autofree char *message = NULL;

  switch (saved_errno)
    {
    case ENOENT:
      message = g_strdup_printf (_("%s: the file does not exist"), name);
      break;
    case EACCES:
    case EPERM:
      message = g_strdup_printf (_("%s: you do not have permission to read this file"), name);
      break;
    case EISDIR:
      message = g_strdup_printf (_("%s: this is a folder, not a plan file"), name);
      break;
    default:
      message = g_strdup_printf (_("%s: the file could not be read: %s"), name, g_strerror (saved_errno));
      break;
    }

  if (lines != NULL)
    g_ptr_array_add (lines, g_strdup (message));
  g_set_error_literal (error, APL_XML_ERROR, APL_XML_ERROR_IO, message);
  return NULL;
}

/**
 * _apl_plan_xml_read_file:
 * @path: the plan file
 * @problems: (nullable) (element-type utf8): where to add one
 *   "FILE:LINE: message" per problem
 *
 * Returns: (transfer full) (nullable): the plan the file holds, or %NULL
 * with @error set; its message has every problem, one a line.
 */
AplPlanRecord *
_apl_plan_xml_read_file (const char  *path,
                         GPtrArray   *problems,
                         GError     **error)
{
  return _apl_plan_xml_read_file_full (path, problems, NULL, NULL, NULL, error);
}

/**
 * _apl_plan_xml_read_file_full:
 * @cancellable: (nullable): checked between elements
 * @progress: (nullable): called now and then, in the calling thread, with
 *   how far the reading is (from 0 to %APL_PLAN_XML_READ_SHARE)
 *
 * Same as _apl_plan_xml_read_file(); a cancelled read sets
 * %G_IO_ERROR_CANCELLED.
 */
AplPlanRecord *
_apl_plan_xml_read_file_full (const char           *path,
                              GPtrArray            *problems,
                              GCancellable         *cancellable,
                              AplPlanProgressFunc   progress,
                              gpointer              progress_data,
                              GError              **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *head = NULL;
  xmlTextReaderPtr reader;
  struct stat st;
  gssize head_size;
  Reader self;
  int fd;

  /* O_NONBLOCK: a named pipe must not hang the import before fstat() can
   * tell it apart from a file. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return file_error (name, errno, problems, error);

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return file_error (name, saved_errno, problems, error);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return file_error (name, S_ISDIR (st.st_mode) ? EISDIR : EINVAL, problems, error);
    }

  reader_init (&self, name);
  self.fd = fd;
  self.cancellable = cancellable;
  self.progress = progress;
  self.progress_data = progress_data;
  self.total_size = (gsize) st.st_size;

  if (st.st_size > APL_PLAN_XML_MAX_FILE_SIZE)
    add_too_large (&self);
  else
    {
      head = g_malloc (PROLOG_MAX);
      do
        head_size = pread (fd, head, PROLOG_MAX, 0);
      while (head_size < 0 && errno == EINTR);

      if (head_size < 0)
        {
          int saved_errno = errno;

          reader_clear (&self);
          close (fd);
          return file_error (name, saved_errno, problems, error);
        }

      if (check_prolog (&self, head, head_size, head_size < PROLOG_MAX))
        {
          reader = xmlReaderForIO (read_input_cb, close_input_cb, &self, path, "UTF-8", PARSE_OPTIONS);
          run (&self, reader);
          if (reader != NULL)
            xmlFreeTextReader (reader);
        }
    }

  close (fd);
  return finish (&self, problems, error);
}

/**
 * _apl_plan_xml_read_bytes:
 * @name: how messages name the file
 *
 * Same as _apl_plan_xml_read_file(), for a file already in memory.
 */
AplPlanRecord *
_apl_plan_xml_read_bytes (GBytes      *bytes,
                          const char  *name,
                          GPtrArray   *problems,
                          GError     **error)
{
  const char *data;
  gsize size;
  Reader self;

  data = g_bytes_get_data (bytes, &size);
  reader_init (&self, name);

  if (size > APL_PLAN_XML_MAX_FILE_SIZE)
    add_too_large (&self);
  else if (check_prolog (&self, data, size, TRUE))
    {
      xmlTextReaderPtr reader = xmlReaderForMemory (data, (int) size, name, "UTF-8", PARSE_OPTIONS);

      run (&self, reader);
      if (reader != NULL)
        xmlFreeTextReader (reader);
    }

  return finish (&self, problems, error);
}
