/* apl-contact.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AplContactKind:
 *
 * What a media or influencer contact does.
 */
typedef enum
{
  APL_CONTACT_KIND_JOURNALIST,
  APL_CONTACT_KIND_EDITOR,
  APL_CONTACT_KIND_PRODUCER,
  APL_CONTACT_KIND_COLUMNIST,
  APL_CONTACT_KIND_INFLUENCER,
  APL_CONTACT_KIND_BLOGGER,
  APL_CONTACT_KIND_PODCASTER,
  APL_CONTACT_KIND_ANALYST,
  APL_CONTACT_KIND_OTHER,
  APL_CONTACT_N_KINDS
} AplContactKind;

/**
 * AplContactRelationship:
 *
 * How well the organisation knows the contact.
 */
typedef enum
{
  APL_CONTACT_RELATIONSHIP_COLD,
  APL_CONTACT_RELATIONSHIP_WARM,
  APL_CONTACT_RELATIONSHIP_TRUSTED,
  APL_CONTACT_N_RELATIONSHIPS
} AplContactRelationship;

/**
 * AplContactField:
 *
 * Every field of a contact, each kept as text: lists (e-mails, phones,
 * social handles) one item a line, tags (beats, languages) comma-separated,
 * dates YYYY-MM-DD, the kind and relationship as their stable keys
 * ("journalist", "warm"), reach as digits, do-not-contact as "0" or "1".
 * Each edit is written to the workspace at once, in its own transaction.
 */
typedef enum
{
  APL_CONTACT_FIELD_NAME,
  APL_CONTACT_FIELD_KIND,
  APL_CONTACT_FIELD_OUTLET,
  APL_CONTACT_FIELD_ROLE,
  APL_CONTACT_FIELD_BEATS,
  APL_CONTACT_FIELD_LANGUAGES,
  APL_CONTACT_FIELD_REGION,
  APL_CONTACT_FIELD_COUNTRY,
  APL_CONTACT_FIELD_EMAILS,
  APL_CONTACT_FIELD_PHONES,
  APL_CONTACT_FIELD_SOCIALS,
  APL_CONTACT_FIELD_WEBSITE,
  APL_CONTACT_FIELD_REACH,
  APL_CONTACT_FIELD_RELATIONSHIP,
  APL_CONTACT_FIELD_OWNER,
  APL_CONTACT_FIELD_NOTES,
  APL_CONTACT_FIELD_LAST_CONTACTED,
  APL_CONTACT_FIELD_LAST_VERIFIED,
  APL_CONTACT_FIELD_DO_NOT_CONTACT,
  APL_CONTACT_FIELD_DNC_REASON,
  APL_CONTACT_FIELD_LAWFUL_BASIS,
  APL_CONTACT_FIELD_SOURCE,
  APL_CONTACT_N_FIELDS
} AplContactField;

#define APL_TYPE_CONTACT (apl_contact_get_type ())

G_DECLARE_FINAL_TYPE (AplContact, apl_contact, APL, CONTACT, GObject)

const char            *apl_contact_kind_to_string         (AplContactKind          kind);
gboolean               apl_contact_kind_from_string       (const char             *text,
                                                           AplContactKind         *kind);
const char            *apl_contact_kind_get_label         (AplContactKind          kind);
const char            *apl_contact_relationship_to_string (AplContactRelationship  relationship);
gboolean               apl_contact_relationship_from_string (const char           *text,
                                                             AplContactRelationship *relationship);
const char            *apl_contact_relationship_get_label (AplContactRelationship  relationship);

const char            *apl_contact_field_to_string        (AplContactField         field);
const char            *apl_contact_field_get_label        (AplContactField         field);
char                  *apl_contact_normalize_field        (AplContactField         field,
                                                           const char             *value,
                                                           GError                **error);

gint64                 apl_contact_get_id                 (AplContact             *self);
const char            *apl_contact_get_field              (AplContact             *self,
                                                           AplContactField         field);
gboolean               apl_contact_set_field              (AplContact             *self,
                                                           AplContactField         field,
                                                           const char             *value,
                                                           GError                **error);
const char            *apl_contact_get_name               (AplContact             *self);
const char            *apl_contact_get_outlet             (AplContact             *self);
AplContactKind         apl_contact_get_kind               (AplContact             *self);
AplContactRelationship apl_contact_get_relationship       (AplContact             *self);
gboolean               apl_contact_get_do_not_contact     (AplContact             *self);
gboolean               apl_contact_get_stale              (AplContact             *self);
gboolean               apl_contact_mark_verified          (AplContact             *self,
                                                           GError                **error);
const char            *apl_contact_get_updated            (AplContact             *self);

guint                  apl_contact_get_n_alive            (void);

G_END_DECLS
