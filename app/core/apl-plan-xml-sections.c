/* apl-plan-xml-sections.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks on the format 3 sections of a plan file (the contacts the plan
 * uses, the crisis plan, the approval route and trail) once the whole file
 * has been read, for what the schema cannot say: identifiers used twice,
 * references to items the file does not hold, the contact book's own rules
 * for each field, characters XML lets through as references, and whether
 * the approval trail's hash chain verifies. Each problem names its line.
 *
 * A contact's fields are normalised here as the contact book would (an
 * e-mail in lower case, tags in order), so that the store writes what the
 * contact book itself would have written.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-approvals.h"
#include "apl-contact-private.h"
#include "apl-plan-xml-private.h"
#include "apl-plan-xml-sections.h"
#include "apl-text.h"

#define NAME_MAX_BYTES 4096

static void
lower_attribute (AplXmlNode *node,
                 const char *attribute)
{
  for (guint i = 0; i + 1 < APL_XML_NODE_N_ATTRIBUTES (node); i += 2)
    if (g_str_equal (g_ptr_array_index (node->attributes, i), attribute))
      {
        char *value = g_ptr_array_index (node->attributes, i + 1);

        for (char *p = value; *p != '\0'; p++)
          *p = g_ascii_tolower (*p);
      }
}

/* Every text and attribute value, against XML's characters: a reference
 * such as &#7; reaches us as the character itself. */
static void
check_characters (AplXmlProblems   *problems,
                  const AplXmlNode *node)
{
  gunichar bad = node->text != NULL ? _apl_xml_find_bad_char (node->text) : 0;

  for (guint i = 1; bad == 0 && i < APL_XML_NODE_N_ATTRIBUTES (node); i += 2)
    bad = _apl_xml_find_bad_char (g_ptr_array_index (node->attributes, i));
  if (bad != 0)
    _apl_xml_problems_add (problems, node->line, APL_XML_ERROR_INVALID, node->name,
                           _("<%s> contains a character that is not allowed in a plan file (U+%04X)"),
                           node->name, bad);

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (node); i++)
    check_characters (problems, g_ptr_array_index (node->children, i));
}

/* Registers @node's id in @ids; reports one used twice. */
static void
check_id (AplXmlProblems *problems,
          GHashTable     *ids,
          AplXmlNode     *node,
          const char     *what)
{
  const char *id;
  AplXmlNode *first;

  lower_attribute (node, "id");
  id = _apl_xml_node_get (node, "id");
  if (id == NULL)
    return;   /* the schema reports it */

  first = g_hash_table_lookup (ids, id);
  if (first != NULL)
    _apl_xml_problems_add (problems, node->line, APL_XML_ERROR_INVALID, node->name,
                           _("the %s id “%s” is used twice (also on line %d): each needs its own"),
                           what, id, first->line);
  else
    g_hash_table_insert (ids, (gpointer) id, node);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Contacts */

static void
check_contact (AplXmlProblems *problems,
               AplXmlNode     *contact)
{
  AplContactRecord record = { 0, };
  g_autoptr(GError) error = NULL;
  AplXmlNode *children[APL_XML_CONTACT_N_ELEMENTS];

  _apl_xml_node_find_children (contact, _apl_xml_contact_elements (), APL_XML_CONTACT_N_ELEMENTS, children);
  for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
    _apl_contact_record_set (&record, f, children[f] != NULL && children[f]->text != NULL ? children[f]->text : "");

  if (!_apl_contact_record_normalize (&record, &error))
    _apl_xml_problems_add (problems, contact->line, APL_XML_ERROR_INVALID, "contact",
                           _("the contact “%s”: %s"), _apl_xml_node_child_text (contact, "name"), error->message);
  else
    for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
      if (children[f] != NULL)
        {
          const char *value = record.fields[f] != NULL ? record.fields[f] : "";
          gsize len = strlen (value);

          /* In place when it fits, as it almost always does (normalizing
           * trims and folds): the reader checks items on another thread
           * than the one that made them, and memory freed across threads
           * made both wait on glibc's arena locks. */
          if (children[f]->text != NULL && strlen (children[f]->text) >= len)
            memcpy (children[f]->text, value, len + 1);
          else
            {
              g_free (children[f]->text);
              children[f]->text = g_strdup (value);
            }
        }
  _apl_contact_record_clear (&record);
}

struct _AplContactsCheck
{
  GHashTable *ids;       /* contact id → line of its first use */
  GHashTable *outlets;   /* folded outlet name → line */
};

AplContactsCheck *
_apl_plan_xml_contacts_check_new (void)
{
  AplContactsCheck *check = g_new0 (AplContactsCheck, 1);

  check->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->outlets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return check;
}

void
_apl_plan_xml_contacts_check_free (AplContactsCheck *check)
{
  if (check == NULL)
    return;
  g_hash_table_unref (check->ids);
  g_hash_table_unref (check->outlets);
  g_free (check);
}

/**
 * _apl_plan_xml_check_contacts_item:
 * @item: an element of the contacts section, with everything in it
 *
 * Checks its characters and values, and adds to @problems what is wrong.
 * Lower-cases its id and normalizes a contact's fields in place, as the
 * contact book stores them.
 */
void
_apl_plan_xml_check_contacts_item (AplXmlProblems   *problems,
                                   AplContactsCheck *check,
                                   AplXmlNode       *item)
{
  check_characters (problems, item);

  if (g_str_equal (item->name, "contact"))
    {
      const char *id;
      gpointer first;

      lower_attribute (item, "id");
      id = _apl_xml_node_get (item, "id");
      if (id == NULL)
        ;   /* the schema reports it */
      else if ((first = g_hash_table_lookup (check->ids, id)) != NULL)
        _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, item->name,
                               _("the %s id “%s” is used twice (also on line %d): each needs its own"),
                               "contact", id, GPOINTER_TO_INT (first));
      else
        g_hash_table_insert (check->ids, g_strdup (id), GINT_TO_POINTER (item->line));
      check_contact (problems, item);
    }
  else if (g_str_equal (item->name, "outlet"))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (_apl_xml_node_get (item, "name") ?: ""));
      g_autofree char *folded = apl_text_fold (trimmed);
      gpointer first;

      if (*trimmed == '\0' || strlen (trimmed) > NAME_MAX_BYTES)
        _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "outlet",
                               _("an <outlet> needs a name of at most %d bytes"), NAME_MAX_BYTES);
      else if ((first = g_hash_table_lookup (check->outlets, folded)) != NULL)
        _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "outlet",
                               _("the outlet “%s” is listed twice (also on line %d)"),
                               trimmed, GPOINTER_TO_INT (first));
      else
        g_hash_table_insert (check->outlets, g_steal_pointer (&folded), GINT_TO_POINTER (item->line));
    }
}

/* The section's own characters, then each item it still holds (the reader
 * checks and sets aside each item as it reads it). */
static void
check_contacts (AplXmlProblems *problems,
                AplXmlNode     *section)
{
  g_autoptr(AplContactsCheck) check = _apl_plan_xml_contacts_check_new ();
  gunichar bad = section->text != NULL ? _apl_xml_find_bad_char (section->text) : 0;

  for (guint i = 1; bad == 0 && i < APL_XML_NODE_N_ATTRIBUTES (section); i += 2)
    bad = _apl_xml_find_bad_char (g_ptr_array_index (section->attributes, i));
  if (bad != 0)
    _apl_xml_problems_add (problems, section->line, APL_XML_ERROR_INVALID, section->name,
                           _("<%s> contains a character that is not allowed in a plan file (U+%04X)"),
                           section->name, bad);

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (section); i++)
    _apl_plan_xml_check_contacts_item (problems, check, g_ptr_array_index (section->children, i));
}

/* Crisis plan */

static void
check_role_reference (AplXmlProblems *problems,
                      GHashTable     *roles,
                      AplXmlNode     *node)
{
  const char *role;

  lower_attribute (node, "role");
  role = _apl_xml_node_get (node, "role");
  if (role != NULL && !g_hash_table_contains (roles, role))
    _apl_xml_problems_add (problems, node->line, APL_XML_ERROR_INVALID, node->name,
                           _("<%s> refers to the crisis-cell role “%s”, which is not among the file’s roles"),
                           node->name, role);
}

static void
check_crisis (AplXmlProblems *problems,
              AplXmlNode     *section)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);

  /* Roles first: steps and RACI cells refer to them. */
  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (section); i++)
    {
      AplXmlNode *item = g_ptr_array_index (section->children, i);

      if (!g_str_equal (item->name, "role"))
        continue;
      check_id (problems, ids, item, "role");
      if (_apl_xml_node_get (item, "id") != NULL)
        g_hash_table_add (roles, (gpointer) _apl_xml_node_get (item, "id"));
      if (g_strcmp0 (_apl_xml_node_get (item, "key"), "custom") == 0
          && is_blank (_apl_xml_node_child_text (item, "name")))
        _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "role",
                               _("a role of your own needs a <name>"));
    }

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (section); i++)
    {
      AplXmlNode *item = g_ptr_array_index (section->children, i);

      if (g_str_equal (item->name, "scenario"))
        {
          check_id (problems, ids, item, "scenario");
          if (is_blank (_apl_xml_node_child_text (item, "title")))
            _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "scenario",
                                   _("a scenario needs a <title>"));
          for (guint k = 0; k < APL_XML_NODE_N_CHILDREN (item); k++)
            {
              AplXmlNode *child = g_ptr_array_index (item->children, k);

              if (g_str_equal (child->name, "step"))
                {
                  check_role_reference (problems, roles, child);
                  if (is_blank (_apl_xml_node_child_text (child, "action")))
                    _apl_xml_problems_add (problems, child->line, APL_XML_ERROR_INVALID, "step",
                                           _("a checklist step needs an <action>"));
                }
              else if (g_str_equal (child->name, "question")
                       && is_blank (_apl_xml_node_child_text (child, "text")))
                _apl_xml_problems_add (problems, child->line, APL_XML_ERROR_INVALID, "question",
                                       _("a prepared question needs its <text>"));
            }
        }
      else if (g_str_equal (item->name, "raci-task"))
        {
          g_autoptr(GHashTable) cells = g_hash_table_new (g_str_hash, g_str_equal);

          check_id (problems, ids, item, "RACI task");
          if (is_blank (_apl_xml_node_child_text (item, "name")))
            _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "raci-task",
                                   _("a RACI task needs a <name>"));
          for (guint k = 0; k < APL_XML_NODE_N_CHILDREN (item); k++)
            {
              AplXmlNode *cell = g_ptr_array_index (item->children, k);
              const char *role;

              if (!g_str_equal (cell->name, "cell"))
                continue;
              check_role_reference (problems, roles, cell);
              role = _apl_xml_node_get (cell, "role");
              if (role != NULL && !g_hash_table_add (cells, (gpointer) role))
                _apl_xml_problems_add (problems, cell->line, APL_XML_ERROR_INVALID, "cell",
                                       _("the RACI task “%s” gives the same role two letters"),
                                       _apl_xml_node_child_text (item, "name"));
            }
        }
      else if (g_str_equal (item->name, "channel") && is_blank (_apl_xml_node_child_text (item, "name")))
        _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "channel",
                               _("an owned channel needs a <name>"));
    }
}

/* Approvals */

static gint64
int_attribute (const AplXmlNode *node,
               const char       *name)
{
  const char *text = _apl_xml_node_get (node, name);
  gint64 value = -1;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    return -1;
  return value;
}

/* Recomputes each event's hash as the workspace that wrote it did, so that
 * a trail changed after it was written is refused rather than kept as if
 * it were a record. */
static void
check_trail (AplXmlProblems *problems,
             const char     *plan_uuid,
             AplXmlNode     *trail)
{
  const char *prev = APL_TRAIL_GENESIS_HASH;
  gint64 expected = 1;

  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (trail); i++)
    {
      AplXmlNode *node = g_ptr_array_index (trail->children, i);
      AplTrailEvent event = { 0, };
      g_autofree char *hash = NULL;

      event.seq = int_attribute (node, "seq");
      event.plan_uuid = (char *) plan_uuid;
      event.occurred_at = (char *) _apl_xml_node_child_text (node, "occurred");
      event.actor = (char *) _apl_xml_node_child_text (node, "actor");
      event.actor_role = (char *) _apl_xml_node_child_text (node, "actor-role");
      event.kind = (char *) _apl_xml_node_child_text (node, "kind");
      event.message_id = int_attribute (node, "message");
      event.message_title = (char *) _apl_xml_node_child_text (node, "message-title");
      event.message_version = (guint) MAX (int_attribute (node, "version"), 0);
      event.text_hash = (char *) _apl_xml_node_child_text (node, "text-hash");
      event.detail = (char *) _apl_xml_node_child_text (node, "detail");
      event.comment = (char *) _apl_xml_node_child_text (node, "comment");
      event.prev_hash = (char *) _apl_xml_node_child_text (node, "prev-hash");
      event.hash = (char *) _apl_xml_node_child_text (node, "hash");

      if (event.seq != expected)
        {
          _apl_xml_problems_add (problems, node->line, APL_XML_ERROR_INVALID, "event",
                                 _("the approval trail skips or repeats an event here (event %lld, expected %lld)"),
                                 (long long) event.seq, (long long) expected);
          return;
        }
      hash = apl_trail_event_compute_hash (&event);
      if (!g_str_equal (event.prev_hash, prev) || g_strcmp0 (hash, event.hash) != 0)
        {
          _apl_xml_problems_add (problems, node->line, APL_XML_ERROR_INVALID, "event",
                                 _("the approval trail does not verify at event %lld: it was changed after it was written"),
                                 (long long) event.seq);
          return;
        }
      prev = _apl_xml_node_child_text (node, "hash");
      expected++;
    }

  if (int_attribute (trail, "head-seq") != expected - 1
      || g_strcmp0 (_apl_xml_node_get (trail, "head-hash"), prev) != 0)
    _apl_xml_problems_add (problems, trail->line, APL_XML_ERROR_INVALID, "trail",
                           _("the approval trail’s head does not match its last event: events may have been cut off"));
}

static void
check_approvals (AplXmlProblems *problems,
                 const char     *plan_uuid,
                 AplXmlNode     *section)
{
  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (section); i++)
    {
      AplXmlNode *item = g_ptr_array_index (section->children, i);

      if (g_str_equal (item->name, "step"))
        {
          const char *role = _apl_xml_node_child_text (item, "role");

          if (is_blank (role) || strlen (role) > 200)
            _apl_xml_problems_add (problems, item->line, APL_XML_ERROR_INVALID, "step",
                                   _("an approval step needs a <role> of at most 200 characters"));
          for (guint k = 0; k < APL_XML_NODE_N_CHILDREN (item); k++)
            {
              AplXmlNode *approver = g_ptr_array_index (item->children, k);
              const char *name = _apl_xml_node_child_text (approver, "name");

              if (g_str_equal (approver->name, "approver")
                  && (is_blank (name) || strlen (name) > 200
                      || strlen (_apl_xml_node_child_text (approver, "deputy")) > 200))
                _apl_xml_problems_add (problems, approver->line, APL_XML_ERROR_INVALID, "approver",
                                       _("an approver needs a <name>; a name or a deputy holds at most 200 characters"));
            }
        }
      else if (g_str_equal (item->name, "trail") && plan_uuid != NULL)
        check_trail (problems, plan_uuid, item);
    }
}

/**
 * _apl_plan_xml_check_sections:
 *
 * Adds to @problems what is wrong with the format 3 sections of @record.
 */
void
_apl_plan_xml_check_sections (AplXmlProblems *problems,
                              AplPlanRecord  *record)
{
  if (record->contacts != NULL)
    {
      check_contacts (problems, record->contacts);
    }
  if (record->crisis != NULL)
    {
      check_characters (problems, record->crisis);
      check_crisis (problems, record->crisis);
    }
  if (record->approvals != NULL)
    {
      g_autofree char *uuid = record->id != NULL ? g_ascii_strdown (record->id, -1) : NULL;

      check_characters (problems, record->approvals);
      check_approvals (problems, uuid, record->approvals);
    }
}
