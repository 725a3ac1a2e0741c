/* apl-stakeholder.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AplStakeholderKind:
 * @APL_STAKEHOLDER_KIND_ORGANISATION: a company, a body, a newsroom
 * @APL_STAKEHOLDER_KIND_PERSON: one person
 */
typedef enum
{
  APL_STAKEHOLDER_KIND_ORGANISATION,
  APL_STAKEHOLDER_KIND_PERSON,
} AplStakeholderKind;

/**
 * AplStakeholderField:
 *
 * The text fields of a stakeholder in the register. Each edit is written to
 * the workspace at once, in its own transaction.
 */
typedef enum
{
  APL_STAKEHOLDER_FIELD_NAME,
  APL_STAKEHOLDER_FIELD_DESCRIPTION,
  APL_STAKEHOLDER_FIELD_CONCERNS,
  APL_STAKEHOLDER_FIELD_CHANNELS,
  APL_STAKEHOLDER_FIELD_OWNER,
  APL_STAKEHOLDER_FIELD_NOTES,
  APL_STAKEHOLDER_FIELD_LAST_REVIEWED,
  APL_STAKEHOLDER_N_FIELDS
} AplStakeholderField;

/**
 * AplRelationshipKind:
 * @APL_RELATIONSHIP_INFLUENCES: the first stakeholder sways the second
 * @APL_RELATIONSHIP_REPORTS_TO: the first answers to the second
 * @APL_RELATIONSHIP_ALLIED_WITH: the two act together (no direction)
 */
typedef enum
{
  APL_RELATIONSHIP_INFLUENCES,
  APL_RELATIONSHIP_REPORTS_TO,
  APL_RELATIONSHIP_ALLIED_WITH,
} AplRelationshipKind;

#define APL_TYPE_STAKEHOLDER_KIND (apl_stakeholder_kind_get_type ())
#define APL_TYPE_RELATIONSHIP_KIND (apl_relationship_kind_get_type ())
#define APL_TYPE_STAKEHOLDER_GROUP (apl_stakeholder_group_get_type ())
#define APL_TYPE_STAKEHOLDER (apl_stakeholder_get_type ())
#define APL_TYPE_RELATIONSHIP (apl_relationship_get_type ())

GType apl_stakeholder_kind_get_type (void) G_GNUC_CONST;
GType apl_relationship_kind_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (AplStakeholderGroup, apl_stakeholder_group, APL, STAKEHOLDER_GROUP, GObject)
G_DECLARE_FINAL_TYPE (AplStakeholder, apl_stakeholder, APL, STAKEHOLDER, GObject)
G_DECLARE_FINAL_TYPE (AplRelationship, apl_relationship, APL, RELATIONSHIP, GObject)

const char          *apl_stakeholder_kind_to_string     (AplStakeholderKind   kind);
const char          *apl_stakeholder_kind_get_label     (AplStakeholderKind   kind);
const char          *apl_relationship_kind_to_string    (AplRelationshipKind  kind);
const char          *apl_relationship_kind_get_label    (AplRelationshipKind  kind);

gint64               apl_stakeholder_group_get_id       (AplStakeholderGroup *self);
const char          *apl_stakeholder_group_get_key      (AplStakeholderGroup *self);
const char          *apl_stakeholder_group_get_name     (AplStakeholderGroup *self);
gboolean             apl_stakeholder_group_set_name     (AplStakeholderGroup *self,
                                                         const char          *name,
                                                         GError             **error);

gint64               apl_stakeholder_get_id             (AplStakeholder      *self);
const char          *apl_stakeholder_get_field          (AplStakeholder      *self,
                                                         AplStakeholderField  field);
gboolean             apl_stakeholder_set_field          (AplStakeholder      *self,
                                                         AplStakeholderField  field,
                                                         const char          *value,
                                                         GError             **error);
gboolean             apl_stakeholder_validate_field     (AplStakeholderField  field,
                                                         const char          *value,
                                                         GError             **error);
const char          *apl_stakeholder_get_name           (AplStakeholder      *self);
gboolean             apl_stakeholder_set_name           (AplStakeholder      *self,
                                                         const char          *name,
                                                         GError             **error);
AplStakeholderKind   apl_stakeholder_get_kind           (AplStakeholder      *self);
gboolean             apl_stakeholder_set_kind           (AplStakeholder      *self,
                                                         AplStakeholderKind   kind,
                                                         GError             **error);
AplStakeholderGroup *apl_stakeholder_get_group          (AplStakeholder      *self);
const char          *apl_stakeholder_get_group_name     (AplStakeholder      *self);
gboolean             apl_stakeholder_set_group          (AplStakeholder      *self,
                                                         AplStakeholderGroup *group,
                                                         GError             **error);
const char          *apl_stakeholder_get_created        (AplStakeholder      *self);
const char          *apl_stakeholder_get_updated        (AplStakeholder      *self);

gint64               apl_relationship_get_id            (AplRelationship     *self);
AplStakeholder      *apl_relationship_get_from          (AplRelationship     *self);
AplStakeholder      *apl_relationship_get_to            (AplRelationship     *self);
AplRelationshipKind  apl_relationship_get_kind          (AplRelationship     *self);

G_END_DECLS
