/* apl-plan-record.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one table that says which element holds which value, and in what
 * order: the exporter writes in this order and the importer reads by these
 * names, so the two cannot drift apart.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <string.h>

#include "apl-contact.h"
#include "apl-plan-record.h"
#include "apl-xml-spill.h"

const char * const _apl_plan_value_elements[APL_PLAN_N_VALUES] = {
  "title",
  "organisation",
  "owner",
  "language",
  "next-review",
  "scenario-summary",
  "created",
  "updated",
};

const char * const _apl_profile_elements[APL_ORGANISATION_N_FIELDS] = {
  "name",
  "website",
  "press-hotline",
  "spokesperson",
};

/* The plan field each value maps to; created and updated are not fields a
 * user edits. */
static const int value_fields[APL_PLAN_N_VALUES] = {
  APL_PLAN_FIELD_TITLE,
  APL_PLAN_FIELD_ORGANISATION,
  APL_PLAN_FIELD_OWNER,
  APL_PLAN_FIELD_LANGUAGE,
  APL_PLAN_FIELD_NEXT_REVIEW,
  APL_PLAN_FIELD_SCENARIO_SUMMARY,
  -1,
  -1,
};

static void stakeholder_record_free (AplStakeholderRecord *record);
static void message_record_free     (AplMessageRecord     *record);

AplPlanRecord *
_apl_plan_record_new (void)
{
  AplPlanRecord *record = g_new0 (AplPlanRecord, 1);

  record->stakeholders = g_ptr_array_new_with_free_func ((GDestroyNotify) stakeholder_record_free);
  record->placements = g_ptr_array_new_with_free_func ((GDestroyNotify) _apl_placement_record_free);
  record->relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) _apl_relationship_record_free);
  record->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_record_free);
  record->placeholders = g_ptr_array_new_with_free_func ((GDestroyNotify) _apl_placeholder_record_free);
  return record;
}

/**
 * _apl_plan_record_new_from_plan:
 *
 * Returns: (transfer full): a copy of what @plan and @organisation hold
 * now, the way a plan file holds it.
 */
AplPlanRecord *
_apl_plan_record_new_from_plan (AplPlan         *plan,
                                AplOrganisation *organisation)
{
  AplPlanRecord *record = _apl_plan_record_new ();

  record->id = g_strdup (apl_plan_get_uuid (plan));
  for (guint i = 0; i < APL_PLAN_N_VALUES; i++)
    {
      int field = value_fields[i];

      if (field >= 0)
        record->values[i] = g_strdup (apl_plan_get_field (plan, field));
    }
  record->values[APL_PLAN_VALUE_CREATED] = g_strdup (apl_plan_get_created (plan));
  record->values[APL_PLAN_VALUE_UPDATED] = g_strdup (apl_plan_get_updated (plan));

  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    record->profile[i] = g_strdup (apl_organisation_get_field (organisation, i));

  return record;
}

void
_apl_plan_record_free (AplPlanRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  for (guint i = 0; i < APL_PLAN_N_VALUES; i++)
    g_free (record->values[i]);
  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    g_free (record->profile[i]);
  g_ptr_array_unref (record->stakeholders);
  g_ptr_array_unref (record->placements);
  g_ptr_array_unref (record->relationships);
  g_ptr_array_unref (record->messages);
  g_ptr_array_unref (record->placeholders);
  g_clear_pointer (&record->contacts, _apl_xml_node_free);
  g_clear_pointer (&record->contact_items, _apl_xml_spill_free);
  g_clear_pointer (&record->crisis, _apl_xml_node_free);
  g_clear_pointer (&record->approvals, _apl_xml_node_free);
  g_free (record);
}

/* Format 3 element trees */

AplXmlNode *
_apl_xml_node_new (const char *name,
                   AplXmlNode *parent)
{
  AplXmlNode *node = g_new0 (AplXmlNode, 1);

  node->name = g_intern_string (name);
  if (parent != NULL)
    _apl_xml_node_insert (parent, -1, node);
  return node;
}

void
_apl_xml_node_free (AplXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_clear_pointer (&node->attributes, g_ptr_array_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

/* At @position, or at the end when it is -1. */
void
_apl_xml_node_insert (AplXmlNode *parent,
                      int         position,
                      AplXmlNode *child)
{
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _apl_xml_node_free);
  g_ptr_array_insert (parent->children, position, child);
}

/* The children, to read only: an empty array when there are none. */
GPtrArray *
_apl_xml_node_children (const AplXmlNode *node)
{
  static GPtrArray *none;

  if (node->children != NULL)
    return node->children;
  if (g_once_init_enter (&none))
    g_once_init_leave (&none, g_ptr_array_new ());
  return none;
}

/* Attributes are written in the order they are set. */
void
_apl_xml_node_set (AplXmlNode *node,
                   const char *attribute,
                   const char *value)
{
  if (node->attributes == NULL)
    node->attributes = g_ptr_array_new_full (4, g_free);
  g_ptr_array_add (node->attributes, g_strdup (attribute));
  g_ptr_array_add (node->attributes, g_strdup (value ? value : ""));
}

const char *
_apl_xml_node_get (const AplXmlNode *node,
                   const char       *attribute)
{
  for (guint i = 0; i + 1 < APL_XML_NODE_N_ATTRIBUTES (node); i += 2)
    if (g_str_equal (g_ptr_array_index (node->attributes, i), attribute))
      return g_ptr_array_index (node->attributes, i + 1);
  return NULL;
}

AplXmlNode *
_apl_xml_node_add_text (AplXmlNode *parent,
                        const char *name,
                        const char *text)
{
  AplXmlNode *node = _apl_xml_node_new (name, parent);

  node->text = g_strdup (text ? text : "");
  return node;
}

AplXmlNode *
_apl_xml_node_child (const AplXmlNode *node,
                     const char       *name)
{
  for (guint i = 0; node != NULL && i < APL_XML_NODE_N_CHILDREN (node); i++)
    {
      AplXmlNode *child = g_ptr_array_index (node->children, i);

      if (g_str_equal (child->name, name))
        return child;
    }
  return NULL;
}

/* The text of the child @name; "" when there is none. */
const char *
_apl_xml_node_child_text (const AplXmlNode *node,
                          const char       *name)
{
  AplXmlNode *child = _apl_xml_node_child (node, name);

  return child != NULL && child->text != NULL ? child->text : "";
}

/**
 * _apl_xml_node_find_children:
 * @names: interned names (g_intern_string())
 * @out: (out caller-allocates) (array length=n_names): for each name, the
 *   first child with it, or %NULL
 *
 * One pass over the children for many names, comparing pointers: node
 * names are interned. A contact has 26 children and its fields are read
 * three times per import; looking each up by its name took a tenth of
 * importing a plan with 100 000 contacts.
 */
void
_apl_xml_node_find_children (const AplXmlNode   *node,
                             const char * const *names,
                             guint               n_names,
                             AplXmlNode        **out)
{
  guint next = 0;

  memset (out, 0, n_names * sizeof *out);
  for (guint c = 0; node != NULL && c < APL_XML_NODE_N_CHILDREN (node); c++)
    {
      AplXmlNode *child = g_ptr_array_index (node->children, c);

      /* In the schema's order, each name is the one after the last. */
      for (guint k = 0; k < n_names; k++)
        {
          guint i = (next + k) % n_names;

          if (child->name == names[i])
            {
              if (out[i] == NULL)
                out[i] = child;
              next = i + 1;
              break;
            }
        }
    }
}

/**
 * _apl_xml_contact_elements:
 *
 * Returns: (array fixed-size=APL_XML_CONTACT_N_ELEMENTS): the interned
 *   element names of a contact's fields, in AplContactField order, then
 *   "created" and "updated"
 */
const char * const *
_apl_xml_contact_elements (void)
{
  static const char *names[APL_XML_CONTACT_N_ELEMENTS];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
        names[f] = g_intern_string (apl_contact_field_to_string (f));
      names[APL_CONTACT_N_FIELDS] = g_intern_static_string ("created");
      names[APL_CONTACT_N_FIELDS + 1] = g_intern_static_string ("updated");
      g_once_init_leave (&done, 1);
    }
  return names;
}

/* How many elements the tree holds, @node included. */
guint
_apl_xml_node_count (const AplXmlNode *node)
{
  guint n = 1;

  for (guint i = 0; node != NULL && i < APL_XML_NODE_N_CHILDREN (node); i++)
    n += _apl_xml_node_count (g_ptr_array_index (node->children, i));
  return node != NULL ? n : 0;
}

/* A deep copy, for a node that must outlive the AplXmlItems walk that
 * gave it. */
AplXmlNode *
_apl_xml_node_copy (const AplXmlNode *node)
{
  AplXmlNode *copy = _apl_xml_node_new (node->name, NULL);

  copy->line = node->line;
  copy->text = g_strdup (node->text);
  for (guint i = 0; i + 1 < APL_XML_NODE_N_ATTRIBUTES (node); i += 2)
    _apl_xml_node_set (copy, g_ptr_array_index (node->attributes, i), g_ptr_array_index (node->attributes, i + 1));
  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (node); i++)
    _apl_xml_node_insert (copy, -1, _apl_xml_node_copy (g_ptr_array_index (node->children, i)));
  return copy;
}

/* Returns: the AplPlanField that @value holds, or -1 for the timestamps. */
int
_apl_plan_value_get_field (AplPlanValue value)
{
  g_return_val_if_fail (value < APL_PLAN_N_VALUES, -1);
  return value_fields[value];
}

/* Returns: the record's text for @field, "" when the file had none. */
const char *
_apl_plan_record_get_field (const AplPlanRecord *record,
                            AplPlanField         field)
{
  for (guint i = 0; i < APL_PLAN_N_VALUES; i++)
    if (value_fields[i] == (int) field)
      return record->values[i] ? record->values[i] : "";
  g_return_val_if_reached ("");
}

/* Format 2 parts */

/* Indexed by AplStakeholderField: the order <stakeholder> holds them in. */
const char * const _apl_stakeholder_elements[APL_STAKEHOLDER_N_FIELDS] = {
  "name",
  "description",
  "concerns",
  "channels",
  "owner",
  "notes",
  "last-reviewed",
};

/* Indexed by AplMessageField: the order <message> and <version> hold them in. */
const char * const _apl_message_elements[APL_MESSAGE_N_FIELDS] = {
  "title",
  "scenario",
  "phase",
  "audience",
  "channel",
  "language",
  "subject",
  "body",
};

static void
stakeholder_record_free (AplStakeholderRecord *record)
{
  g_free (record->id);
  g_free (record->kind);
  g_free (record->group_key);
  g_free (record->group_name);
  for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
    g_free (record->fields[i]);
  g_free (record->created);
  g_free (record->updated);
  g_free (record);
}

AplStakeholderRecord *
_apl_stakeholder_record_new (void)
{
  return g_new0 (AplStakeholderRecord, 1);
}

void
_apl_placement_record_free (AplPlacementRecord *record)
{
  g_free (record->stakeholder);
  g_free (record->attitude);
  g_free (record);
}

void
_apl_relationship_record_free (AplRelationshipRecord *record)
{
  g_free (record->from);
  g_free (record->to);
  g_free (record->kind);
  g_free (record);
}

static void
version_record_free (AplVersionRecord *record)
{
  g_free (record->kind);
  g_free (record->author);
  g_free (record->created);
  g_free (record->saved);
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    g_free (record->fields[i]);
  g_free (record);
}

AplVersionRecord *
_apl_version_record_new (void)
{
  return g_new0 (AplVersionRecord, 1);
}

static void
message_record_free (AplMessageRecord *record)
{
  g_free (record->id);
  g_free (record->variant_group);
  for (guint i = 0; i < APL_MESSAGE_N_FIELDS; i++)
    g_free (record->fields[i]);
  g_free (record->created);
  g_free (record->updated);
  g_ptr_array_unref (record->versions);
  g_free (record);
}

AplMessageRecord *
_apl_message_record_new (void)
{
  AplMessageRecord *record = g_new0 (AplMessageRecord, 1);

  record->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) version_record_free);
  return record;
}

void
_apl_placeholder_record_free (AplPlaceholderRecord *record)
{
  g_free (record->name);
  g_free (record->language);
  g_free (record->value);
  g_free (record);
}
