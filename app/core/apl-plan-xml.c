/* apl-plan-xml.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan files: export and import. The format is data/aplomb-plan.rng,
 * explained in data/aplomb-plan.md. Export is byte-stable (the same plan
 * gives the same bytes), so that export, import and export again can be
 * compared with cmp; import reads the whole file before it changes
 * anything (apl-plan-xml-reader.c) and then writes it in one transaction
 * (apl-store-import.c).
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apl-plan-xml-private.h"

G_DEFINE_QUARK (apl-xml-error-quark, apl_xml_error)

/* Characters */

/* XML 1.0's Char production: tab, line feed, carriage return, and
 * everything from U+0020 up except surrogates, U+FFFE and U+FFFF. */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD
         || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD)
         || (c >= 0x10000 && c <= 0x10FFFF);
}

/**
 * _apl_xml_find_bad_char:
 *
 * Returns: the first character of @text that XML 1.0 cannot carry, 0 when
 * there is none, or %APL_XML_NOT_UTF8 when @text is not UTF-8.
 */
gunichar
_apl_xml_find_bad_char (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return APL_XML_NOT_UTF8;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_xml_char (c))
        return c;
    }
  return 0;
}

/* One sentence per element, so that each translation can name the field
 * in its own grammar. */
static char *
bad_char_message (const char *element,
                  const char *shown)
{
  if (g_str_equal (element, "title"))
    return g_strdup_printf (_("The title contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "organisation"))
    return g_strdup_printf (_("The organisation contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "owner"))
    return g_strdup_printf (_("The owner contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "language"))
    return g_strdup_printf (_("The language contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "next-review"))
    return g_strdup_printf (_("The next review date contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "scenario-summary"))
    return g_strdup_printf (_("The scenario summary contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "name"))
    return g_strdup_printf (_("The organisation name in the profile contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "website"))
    return g_strdup_printf (_("The website in the organisation profile contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "press-hotline"))
    return g_strdup_printf (_("The press hotline in the organisation profile contains a character that cannot be written to a plan file (%s)."), shown);
  if (g_str_equal (element, "spokesperson"))
    return g_strdup_printf (_("The spokesperson in the organisation profile contains a character that cannot be written to a plan file (%s)."), shown);

  /* The id and the times come from Aplomb itself, not from the user. */
  return g_strdup_printf (_("The plan’s <%s> contains a character that cannot be written to a plan file (%s)."),
                          element, shown);
}

static gboolean
check_text (const char  *text,
            const char  *element,
            GError     **error)
{
  gunichar bad = _apl_xml_find_bad_char (text ? text : "");
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  if (bad == 0)
    return TRUE;

  if (bad == APL_XML_NOT_UTF8)
    shown = g_strdup (_("bytes that are not UTF-8 text"));
  else
    shown = g_strdup_printf ("U+%04X", bad);

  message = bad_char_message (element, shown);
  g_set_error_literal (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER, message);
  return FALSE;
}

/* The parts of format 2 name the item as well as the element, so that the
 * user can find the stakeholder or message to correct. */
static gboolean
check_part_text (const char  *text,
                 const char  *kind,
                 const char  *item,
                 guint        version,
                 const char  *element,
                 GError     **error)
{
  gunichar bad = _apl_xml_find_bad_char (text ? text : "");
  g_autofree char *shown = NULL;

  if (bad == 0)
    return TRUE;

  if (bad == APL_XML_NOT_UTF8)
    shown = g_strdup (_("bytes that are not UTF-8 text"));
  else
    shown = g_strdup_printf ("U+%04X", bad);

  if (g_str_equal (kind, "stakeholder"))
    g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER,
                 _("The stakeholder “%s” has a character that cannot be written to a plan file in <%s> (%s)."),
                 item, element, shown);
  else if (g_str_equal (kind, "message") && version > 0)
    g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER,
                 _("Version %u of the message “%s” has a character that cannot be written to a plan file in <%s> (%s)."),
                 version, item, element, shown);
  else if (g_str_equal (kind, "message"))
    g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER,
                 _("The message “%s” has a character that cannot be written to a plan file in <%s> (%s)."),
                 item, element, shown);
  else
    g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER,
                 _("The value of the placeholder {{%s}} has a character that cannot be written to a plan file (%s)."),
                 item, shown);
  return FALSE;
}

static gboolean
check_parts (const AplPlanRecord  *record,
             GError              **error)
{
  for (guint i = 0; i < record->stakeholders->len; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);
      const char *name = stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME];

      /* The name first: the other messages quote it. */
      if (!check_part_text (name, "stakeholder", "", 0, "name", error)
          || !check_part_text (stakeholder->group_name, "stakeholder", name, 0, "group", error))
        return FALSE;
      for (guint f = 0; f < APL_STAKEHOLDER_N_FIELDS; f++)
        if (!check_part_text (stakeholder->fields[f], "stakeholder", name, 0, _apl_stakeholder_elements[f], error))
          return FALSE;
    }

  for (guint i = 0; i < record->messages->len; i++)
    {
      const AplMessageRecord *message = g_ptr_array_index (record->messages, i);
      const char *title = message->fields[APL_MESSAGE_FIELD_TITLE];

      if (!check_part_text (title, "message", "", 0, "title", error))
        return FALSE;
      for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
        if (!check_part_text (message->fields[f], "message", title, 0, _apl_message_elements[f], error))
          return FALSE;

      for (guint v = 0; v < message->versions->len; v++)
        {
          const AplVersionRecord *version = g_ptr_array_index (message->versions, v);

          if (!check_part_text (version->author, "message", title, version->number, "author", error))
            return FALSE;
          for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
            if (!check_part_text (version->fields[f], "message", title, version->number,
                                  _apl_message_elements[f], error))
              return FALSE;
        }
    }

  for (guint i = 0; i < record->placeholders->len; i++)
    {
      const AplPlaceholderRecord *placeholder = g_ptr_array_index (record->placeholders, i);

      if (!check_part_text (placeholder->value, "placeholder", placeholder->name, 0, "placeholder", error))
        return FALSE;
    }

  return TRUE;
}

/* The format 3 sections: the element and the section name the field. */
static gboolean
check_tree (const AplXmlNode  *node,
            const char        *section,
            GError           **error)
{
  gunichar bad = node->text != NULL ? _apl_xml_find_bad_char (node->text) : 0;

  for (guint i = 1; bad == 0 && i < APL_XML_NODE_N_ATTRIBUTES (node); i += 2)
    bad = _apl_xml_find_bad_char (g_ptr_array_index (node->attributes, i));
  if (bad != 0)
    {
      g_autofree char *shown = bad == APL_XML_NOT_UTF8 ? g_strdup (_("bytes that are not UTF-8 text"))
                                                       : g_strdup_printf ("U+%04X", bad);

      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_CHARACTER,
                   _("A field of the plan’s <%s> has a character that cannot be written to a plan file in <%s> (%s)."),
                   section, node->name, shown);
      return FALSE;
    }

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (node); i++)
    if (!check_tree (g_ptr_array_index (node->children, i), section, error))
      return FALSE;
  return TRUE;
}

/* Refuses, before anything is written, a plan whose text an XML file cannot
 * hold: better a clear message now than a file nobody can import. */
static gboolean
check_record (const AplPlanRecord  *record,
              GError              **error)
{
  if (!check_text (record->id, "id", error))
    return FALSE;

  for (guint i = 0; i < APL_PLAN_N_VALUES; i++)
    if (!check_text (record->values[i], _apl_plan_value_elements[i], error))
      return FALSE;

  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    if (!check_text (record->profile[i], _apl_profile_elements[i], error))
      return FALSE;

  if (!check_parts (record, error))
    return FALSE;
  return (record->contacts == NULL || check_tree (record->contacts, "contacts", error))
         && (record->crisis == NULL || check_tree (record->crisis, "crisis-plan", error))
         && (record->approvals == NULL || check_tree (record->approvals, "approvals", error));
}

/* Export */

static int
write_element (xmlTextWriterPtr  writer,
               const char       *name,
               const char       *text)
{
  return xmlTextWriterWriteElement (writer, BAD_CAST name, BAD_CAST (text ? text : ""));
}

static int
write_attribute (xmlTextWriterPtr  writer,
                 const char       *name,
                 const char       *value)
{
  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST (value ? value : ""));
}

static gboolean
write_stakeholders (xmlTextWriterPtr     writer,
                    const AplPlanRecord *record)
{
  gboolean failed = FALSE;

  if (record->stakeholders->len == 0)
    return TRUE;

  failed |= xmlTextWriterStartElement (writer, BAD_CAST "stakeholders") < 0;
  for (guint i = 0; i < record->stakeholders->len; i++)
    {
      const AplStakeholderRecord *stakeholder = g_ptr_array_index (record->stakeholders, i);

      failed |= xmlTextWriterStartElement (writer, BAD_CAST "stakeholder") < 0;
      failed |= write_attribute (writer, "id", stakeholder->id) < 0;
      failed |= write_attribute (writer, "kind", stakeholder->kind) < 0;
      failed |= write_element (writer, "name", stakeholder->fields[APL_STAKEHOLDER_FIELD_NAME]) < 0;

      /* A seeded group by its key, so that it lands in the same group in a
       * workspace that shows it in another language. */
      if (stakeholder->group_key != NULL)
        {
          failed |= xmlTextWriterStartElement (writer, BAD_CAST "group") < 0;
          failed |= write_attribute (writer, "key", stakeholder->group_key) < 0;
          failed |= xmlTextWriterEndElement (writer) < 0;
        }
      else
        failed |= write_element (writer, "group", stakeholder->group_name) < 0;

      for (guint f = APL_STAKEHOLDER_FIELD_NAME + 1; f < APL_STAKEHOLDER_N_FIELDS; f++)
        {
          const char *value = stakeholder->fields[f];

          if (f == APL_STAKEHOLDER_FIELD_LAST_REVIEWED && (value == NULL || *value == '\0'))
            continue;
          failed |= write_element (writer, _apl_stakeholder_elements[f], value) < 0;
        }
      failed |= write_element (writer, "created", stakeholder->created) < 0;
      failed |= write_element (writer, "updated", stakeholder->updated) < 0;
      failed |= xmlTextWriterEndElement (writer) < 0;
    }
  failed |= xmlTextWriterEndElement (writer) < 0;
  return !failed;
}

static gboolean
write_map (xmlTextWriterPtr     writer,
           const AplPlanRecord *record)
{
  gboolean failed = FALSE;

  if (record->placements->len == 0)
    return TRUE;

  failed |= xmlTextWriterStartElement (writer, BAD_CAST "map") < 0;
  for (guint i = 0; i < record->placements->len; i++)
    {
      const AplPlacementRecord *placement = g_ptr_array_index (record->placements, i);

      failed |= xmlTextWriterStartElement (writer, BAD_CAST "placement") < 0;
      failed |= write_attribute (writer, "stakeholder", placement->stakeholder) < 0;
      failed |= xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "influence", "%d", placement->influence) < 0;
      failed |= xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "interest", "%d", placement->interest) < 0;
      failed |= write_attribute (writer, "attitude", placement->attitude) < 0;
      failed |= xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "strength", "%d", placement->strength) < 0;
      failed |= xmlTextWriterEndElement (writer) < 0;
    }
  failed |= xmlTextWriterEndElement (writer) < 0;
  return !failed;
}

static gboolean
write_relationships (xmlTextWriterPtr     writer,
                     const AplPlanRecord *record)
{
  gboolean failed = FALSE;

  if (record->relationships->len == 0)
    return TRUE;

  failed |= xmlTextWriterStartElement (writer, BAD_CAST "relationships") < 0;
  for (guint i = 0; i < record->relationships->len; i++)
    {
      const AplRelationshipRecord *relationship = g_ptr_array_index (record->relationships, i);

      failed |= xmlTextWriterStartElement (writer, BAD_CAST "relationship") < 0;
      failed |= write_attribute (writer, "from", relationship->from) < 0;
      failed |= write_attribute (writer, "to", relationship->to) < 0;
      failed |= write_attribute (writer, "kind", relationship->kind) < 0;
      failed |= xmlTextWriterEndElement (writer) < 0;
    }
  failed |= xmlTextWriterEndElement (writer) < 0;
  return !failed;
}

static gboolean
write_message_fields (xmlTextWriterPtr    writer,
                      char * const       *fields)
{
  gboolean failed = FALSE;

  for (guint f = 0; f < APL_MESSAGE_N_FIELDS; f++)
    failed |= write_element (writer, _apl_message_elements[f], fields[f]) < 0;
  return !failed;
}

static gboolean
write_messages (xmlTextWriterPtr     writer,
                const AplPlanRecord *record)
{
  gboolean failed = FALSE;

  if (record->messages->len == 0)
    return TRUE;

  failed |= xmlTextWriterStartElement (writer, BAD_CAST "messages") < 0;
  for (guint i = 0; i < record->messages->len; i++)
    {
      const AplMessageRecord *message = g_ptr_array_index (record->messages, i);

      failed |= xmlTextWriterStartElement (writer, BAD_CAST "message") < 0;
      failed |= write_attribute (writer, "id", message->id) < 0;
      failed |= write_attribute (writer, "variant-group", message->variant_group) < 0;
      failed |= !write_message_fields (writer, message->fields);
      failed |= write_element (writer, "created", message->created) < 0;
      failed |= write_element (writer, "updated", message->updated) < 0;

      for (guint v = 0; v < message->versions->len; v++)
        {
          const AplVersionRecord *version = g_ptr_array_index (message->versions, v);

          failed |= xmlTextWriterStartElement (writer, BAD_CAST "version") < 0;
          failed |= xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "number", "%u", version->number) < 0;
          failed |= write_attribute (writer, "kind", version->kind) < 0;
          if (version->restored_from > 0)
            failed |= xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "restored-from", "%u",
                                                         version->restored_from) < 0;
          failed |= write_element (writer, "author", version->author) < 0;
          failed |= write_element (writer, "created", version->created) < 0;
          failed |= write_element (writer, "saved", version->saved) < 0;
          failed |= !write_message_fields (writer, version->fields);
          failed |= xmlTextWriterEndElement (writer) < 0;
        }
      failed |= xmlTextWriterEndElement (writer) < 0;
    }
  failed |= xmlTextWriterEndElement (writer) < 0;
  return !failed;
}

static gboolean
write_placeholders (xmlTextWriterPtr     writer,
                    const AplPlanRecord *record)
{
  gboolean failed = FALSE;

  if (record->placeholders->len == 0)
    return TRUE;

  failed |= xmlTextWriterStartElement (writer, BAD_CAST "placeholders") < 0;
  for (guint i = 0; i < record->placeholders->len; i++)
    {
      const AplPlaceholderRecord *placeholder = g_ptr_array_index (record->placeholders, i);

      failed |= xmlTextWriterStartElement (writer, BAD_CAST "placeholder") < 0;
      failed |= write_attribute (writer, "name", placeholder->name) < 0;
      if (placeholder->language != NULL && *placeholder->language != '\0')
        failed |= write_attribute (writer, "language", placeholder->language) < 0;
      failed |= xmlTextWriterWriteString (writer, BAD_CAST (placeholder->value ? placeholder->value : "")) < 0;
      failed |= xmlTextWriterEndElement (writer) < 0;
    }
  failed |= xmlTextWriterEndElement (writer) < 0;
  return !failed;
}

/* A format 3 section: attributes in the order the store set them, an
 * element with text as <x>text</x> (also when empty), one without as <x/>
 * or with its children. */
static gboolean
write_tree (xmlTextWriterPtr   writer,
            const AplXmlNode  *node)
{
  gboolean failed = FALSE;

  failed |= xmlTextWriterStartElement (writer, BAD_CAST node->name) < 0;
  for (guint i = 0; i + 1 < APL_XML_NODE_N_ATTRIBUTES (node); i += 2)
    failed |= write_attribute (writer, g_ptr_array_index (node->attributes, i),
                               g_ptr_array_index (node->attributes, i + 1)) < 0;
  if (node->text != NULL && APL_XML_NODE_N_CHILDREN (node) == 0)
    failed |= xmlTextWriterWriteString (writer, BAD_CAST node->text) < 0;
  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (node); i++)
    failed |= !write_tree (writer, g_ptr_array_index (node->children, i));
  failed |= xmlTextWriterEndElement (writer) < 0;
  return !failed;
}

/* One element per line, two spaces of indent, attributes and elements in
 * the schema's order: the same record always gives the same bytes. Each
 * writer call returns -1 on failure. */
static gboolean
write_record (xmlTextWriterPtr     writer,
              const AplPlanRecord *record)
{
  gboolean failed = FALSE;

  failed |= xmlTextWriterSetIndent (writer, 1) < 0;
  failed |= xmlTextWriterSetIndentString (writer, BAD_CAST "  ") < 0;
  failed |= xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) < 0;

  /* xmlns as a plain first attribute: StartElementNS would put it last. */
  failed |= xmlTextWriterStartElement (writer, BAD_CAST "plan") < 0;
  failed |= xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST APL_PLAN_XML_NAMESPACE) < 0;
  failed |= xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "format", "%d", APL_PLAN_XML_FORMAT) < 0;
  failed |= xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST record->id) < 0;

  for (guint i = 0; i < APL_PLAN_N_VALUES; i++)
    {
      const char *value = record->values[i];

      /* The one optional element: absent rather than empty. */
      if (i == APL_PLAN_VALUE_NEXT_REVIEW && (value == NULL || *value == '\0'))
        continue;
      failed |= write_element (writer, _apl_plan_value_elements[i], value) < 0;
    }

  failed |= xmlTextWriterStartElement (writer, BAD_CAST APL_PROFILE_ELEMENT) < 0;
  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    failed |= write_element (writer, _apl_profile_elements[i], record->profile[i]) < 0;
  failed |= xmlTextWriterEndElement (writer) < 0;

  /* Format 2, in the order data/aplomb-plan.rng gives; an empty section
   * is left out. Later parts of the format go after these. */
  failed |= !write_stakeholders (writer, record);
  failed |= !write_map (writer, record);
  failed |= !write_relationships (writer, record);
  failed |= !write_messages (writer, record);
  failed |= !write_placeholders (writer, record);

  /* Format 3 */
  if (record->contacts != NULL)
    failed |= !write_tree (writer, record->contacts);
  if (record->crisis != NULL)
    failed |= !write_tree (writer, record->crisis);
  if (record->approvals != NULL)
    failed |= !write_tree (writer, record->approvals);

  failed |= xmlTextWriterEndElement (writer) < 0;
  failed |= xmlTextWriterEndDocument (writer) < 0;

  return !failed;
}

/**
 * apl_plan_export_to_bytes:
 * @store: the workspace @plan belongs to, for its organisation profile
 * @plan: the plan to export
 *
 * Returns: (transfer full): the plan file's bytes, or %NULL with @error set
 * when a field holds a character that XML cannot carry (the message names
 * the field).
 */
GBytes *
apl_plan_export_to_bytes (AplStore  *store,
                          AplPlan   *plan,
                          GError   **error)
{
  g_autoptr(AplPlanRecord) record = NULL;
  AplOrganisation *organisation;
  AplConn *conn;
  gboolean read;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  organisation = apl_store_get_organisation (store);
  if (organisation == NULL)
    {
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_FAILED, _("The workspace is closed."));
      return NULL;
    }

  record = _apl_plan_record_new_from_plan (plan, organisation);
  conn = _apl_store_main_connection (store);
  read = _apl_store_read_plan_parts (conn, apl_plan_get_id (plan), record, error);
  _apl_conn_free (conn);
  if (!read)
    return NULL;
  return _apl_plan_record_to_bytes (record, apl_plan_get_title (plan), error);
}

/**
 * _apl_plan_record_to_bytes:
 * @title: how messages name the plan
 *
 * Checks every string of @record and writes it as a plan file; safe in a
 * worker thread.
 */
GBytes *
_apl_plan_record_to_bytes (const AplPlanRecord  *record,
                           const char           *title,
                           GError              **error)
{
  xmlTextWriterPtr writer;
  xmlBufferPtr buffer;
  GBytes *bytes = NULL;
  gboolean written;

  if (!check_record (record, error))
    return NULL;

  buffer = xmlBufferCreate ();
  writer = buffer ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  written = writer != NULL && write_record (writer, record);
  if (writer != NULL)
    xmlFreeTextWriter (writer);   /* flushes into buffer */

  if (written)
    bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  else
    g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_FAILED,
                 _("The plan “%s” could not be turned into a plan file."), title);

  if (buffer != NULL)
    xmlBufferFree (buffer);
  return bytes;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
                   _("You do not have permission to write “%s”: the plan was not exported."), name);
      break;
    case EROFS:
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
                   _("“%s” is on a read-only disk: the plan was not exported."), name);
      break;
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
                   _("The disk is full: the plan file “%s” was not written."), name);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
                   _("The folder for “%s” does not exist: the plan was not exported."), name);
      break;
    case EISDIR:
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
                   _("“%s” is a folder: choose a file name to export the plan to."), name);
      break;
    default:
      g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
                   _("The plan file “%s” could not be written (%s): the plan was not exported."),
                   name, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        size)
{
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      size -= n;
    }
  return TRUE;
}

/* Writes @bytes to @path so that, whatever happens (full disk, crash,
 * power cut), @path holds either its old content or all of the new one:
 * a temporary file in the same folder, private from the start (the plan
 * holds phone numbers and unreleased statements), flushed to the disk,
 * then renamed over @path, and the folder flushed so the rename lasts. */
gboolean
_apl_plan_write_file (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = NULL;
  const char *data;
  gsize size;
  int saved_errno;
  int dir_fd;
  int fd;

  template = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, path, errno);

  data = g_bytes_get_data (bytes, &size);
  if (fchmod (fd, 0600) != 0 || !write_all (fd, data, size) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (template);
      return set_write_error (error, path, saved_errno);
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (template);
      return set_write_error (error, path, saved_errno);
    }

  if (g_rename (template, path) != 0)
    {
      saved_errno = errno;
      g_unlink (template);
      return set_write_error (error, path, saved_errno);
    }

  /* The file is complete either way; a folder that cannot be flushed (some
   * network file systems) only loses the guarantee across a power cut. */
  dir_fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      if (fsync (dir_fd) != 0)
        g_debug ("Could not flush the folder of %s: %s", path, g_strerror (errno));
      close (dir_fd);
    }

  return TRUE;
}

/**
 * apl_plan_export:
 * @store: the workspace @plan belongs to
 * @plan: the plan to export
 * @path: the file to write; replaced if it exists
 *
 * Writes @plan as a plan file, atomically and readable by its owner only
 * (mode 0600). On error @path is left as it was.
 *
 * Returns: whether the file was written.
 */
gboolean
apl_plan_export (AplStore    *store,
                 AplPlan     *plan,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (APL_IS_STORE (store), FALSE);
  g_return_val_if_fail (APL_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = apl_plan_export_to_bytes (store, plan, error);
  if (bytes == NULL)
    return FALSE;

  return _apl_plan_write_file (path, bytes, error);
}

/* Import */

static AplPlan *
import_record (AplStore           *store,
               AplPlanRecord      *record,
               AplPlanImportMode   mode,
               GError            **error)
{
  if (record == NULL)
    return NULL;

  return _apl_store_import_plan (store, record, mode == APL_PLAN_IMPORT_REPLACE, error);
}

/**
 * apl_plan_import:
 * @store: the workspace to import into
 * @path: the plan file
 * @mode: add a copy, or replace the plan with the same id
 *
 * Reads and checks the whole file, then writes the plan in one
 * transaction. When the file is refused, nothing in the workspace changes,
 * and the message of @error lists every problem, one "FILE:LINE: message"
 * a line.
 *
 * With %APL_PLAN_IMPORT_REPLACE the plan keeps the file's id and times, so
 * exporting it again gives the same bytes. The workspace's organisation
 * profile is taken from the file only when the workspace has none yet.
 * Stakeholders the workspace already holds (same id, else same name
 * ignoring case and accents) are reused rather than copied; with replace,
 * the plan's messages are matched by id. apl_plan_import_preview() tells
 * what an import would do.
 *
 * Returns: (transfer full): the imported plan, in apl_store_get_plans().
 */
AplPlan *
apl_plan_import (AplStore           *store,
                 const char         *path,
                 AplPlanImportMode   mode,
                 GError            **error)
{
  g_autoptr(AplPlanRecord) record = NULL;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  record = _apl_plan_xml_read_file (path, NULL, error);
  return import_record (store, record, mode, error);
}

/**
 * apl_plan_import_bytes:
 * @bytes: the content of a plan file
 * @name: what messages call the file, such as its name
 *
 * Same as apl_plan_import(), for a file already in memory (a drop, a
 * fuzzing input).
 */
AplPlan *
apl_plan_import_bytes (AplStore           *store,
                       GBytes             *bytes,
                       const char         *name,
                       AplPlanImportMode   mode,
                       GError            **error)
{
  g_autoptr(AplPlanRecord) record = NULL;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  record = _apl_plan_xml_read_bytes (bytes, name, NULL, error);
  return import_record (store, record, mode, error);
}

/**
 * apl_plan_import_preview:
 * @store: the workspace the file would be imported into
 * @path: the plan file
 * @mode: as for apl_plan_import()
 *
 * Reads and checks the file as apl_plan_import() does, and says what
 * importing it would do, without changing anything: the plan (created, or
 * merged into the plan with the same id), the stakeholder groups and
 * stakeholders (created, or merged with one the workspace holds, matched
 * by id then by name ignoring case and accents), and the messages
 * (created, merged by id into the replaced plan's, or removed from it).
 *
 * Returns: (transfer full) (element-type AplImportPreviewItem): one item
 * per thing, the plan first, in the file's order; %NULL with @error set
 * when the file cannot be imported
 */
GPtrArray *
apl_plan_import_preview (AplStore           *store,
                         const char         *path,
                         AplPlanImportMode   mode,
                         GError            **error)
{
  g_autoptr(AplPlanRecord) record = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  record = _apl_plan_xml_read_file (path, NULL, error);
  if (record == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_import_preview_item_free);
  if (!_apl_store_preview_import (store, record, mode == APL_PLAN_IMPORT_REPLACE, items, error))
    return NULL;
  return g_steal_pointer (&items);
}

/**
 * apl_import_preview_count:
 * @items: (element-type AplImportPreviewItem): from apl_plan_import_preview()
 * @kind: (nullable): "stakeholder", "message", …; %NULL for every kind
 *
 * Returns: how many items of @kind the import would handle with @action
 */
guint
apl_import_preview_count (GPtrArray       *items,
                          AplImportAction  action,
                          const char      *kind)
{
  guint count = 0;

  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    {
      const AplImportPreviewItem *item = g_ptr_array_index (items, i);

      if (item->action == action && (kind == NULL || g_str_equal (item->kind, kind)))
        count++;
    }
  return count;
}

/**
 * apl_import_action_to_string:
 *
 * Returns: "create", "merge", "remove" or "skip": words for scripts, not
 * translated
 */
const char *
apl_import_action_to_string (AplImportAction action)
{
  switch (action)
    {
    case APL_IMPORT_CREATE:
      return "create";
    case APL_IMPORT_MERGE:
      return "merge";
    case APL_IMPORT_REMOVE:
      return "remove";
    case APL_IMPORT_SKIP:
      return "skip";
    default:
      g_return_val_if_reached ("");
    }
}

void
apl_import_preview_item_free (AplImportPreviewItem *item)
{
  if (item == NULL)
    return;
  g_free (item->name);
  g_free (item);
}

static gboolean
validate_result (AplPlanRecord  *record,
                 GPtrArray      *lines,
                 GPtrArray     **errors)
{
  gboolean valid = record != NULL;

  if (errors != NULL)
    *errors = g_ptr_array_ref (lines);
  _apl_plan_record_free (record);
  return valid;
}

/**
 * apl_plan_validate_file:
 * @path: the plan file
 * @errors: (out) (optional) (transfer full) (element-type utf8): every
 *   problem, one "FILE:LINE: message" each; empty when the file is valid
 *
 * Checks the file exactly as apl_plan_import() does, without a workspace.
 *
 * Returns: whether the file could be imported; %FALSE with @error set (its
 * message holds all of @errors, one a line) otherwise.
 */
gboolean
apl_plan_validate_file (const char  *path,
                        GPtrArray  **errors,
                        GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (path != NULL, FALSE);

  return validate_result (_apl_plan_xml_read_file (path, lines, error), lines, errors);
}

/**
 * apl_plan_file_get_id:
 * @path: the plan file
 *
 * Reads and checks the file as apl_plan_import() would, so that the caller
 * can tell whether the workspace already holds that plan before importing.
 *
 * Returns: (transfer full): the plan's id, or %NULL with @error set when
 * the file cannot be imported.
 */
char *
apl_plan_file_get_id (const char  *path,
                      GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AplPlanRecord) record = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  record = _apl_plan_xml_read_file (path, lines, error);
  if (record == NULL)
    return NULL;
  return g_strdup (record->id);
}

/**
 * apl_plan_validate_bytes:
 * @bytes: the content of a plan file
 * @name: what messages call the file
 * @errors: (out) (optional) (transfer full) (element-type utf8): as for
 *   apl_plan_validate_file()
 *
 * Same as apl_plan_validate_file(), for a file already in memory.
 */
gboolean
apl_plan_validate_bytes (GBytes      *bytes,
                         const char  *name,
                         GPtrArray  **errors,
                         GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return validate_result (_apl_plan_xml_read_bytes (bytes, name, lines, error), lines, errors);
}
