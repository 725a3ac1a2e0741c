/* apl-contact-filter.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "apl-contact.h"

G_BEGIN_DECLS

/**
 * AplContactFilter:
 * @search: (nullable): words typed by the user; each must start a word of
 *   the name, outlet, beats or e-mails, ignoring case and accents
 * @kinds: a mask of `1 << AplContactKind`; 0 for any kind
 * @relationships: a mask of `1 << AplContactRelationship`; 0 for any
 * @beat: (nullable): one beat the contact must cover
 * @language: (nullable): one language the contact must work in
 * @country: (nullable): the contact's country
 * @stale_only: only contacts not verified within the freshness period
 * @include_do_not_contact: also contacts marked do-not-contact
 * @segment_id: only members of this hand-picked segment; 0 for any
 *
 * Which contacts a list shows, and how a filter-defined segment is kept.
 */
typedef struct
{
  char     *search;
  guint     kinds;
  guint     relationships;
  char     *beat;
  char     *language;
  char     *country;
  gboolean  stale_only;
  gboolean  include_do_not_contact;
  gint64    segment_id;
} AplContactFilter;

/**
 * AplContactSort:
 *
 * The columns a contact list can be sorted by.
 */
typedef enum
{
  APL_CONTACT_SORT_NAME,
  APL_CONTACT_SORT_OUTLET,
  APL_CONTACT_SORT_KIND,
  APL_CONTACT_SORT_BEATS,
  APL_CONTACT_SORT_RELATIONSHIP,
  APL_CONTACT_SORT_LAST_VERIFIED,
  APL_CONTACT_N_SORTS
} AplContactSort;

#define APL_TYPE_CONTACT_FILTER (apl_contact_filter_get_type ())

GType             apl_contact_filter_get_type  (void) G_GNUC_CONST;
AplContactFilter *apl_contact_filter_new       (void);
AplContactFilter *apl_contact_filter_copy      (const AplContactFilter  *filter);
void              apl_contact_filter_free      (AplContactFilter        *filter);
gboolean          apl_contact_filter_equal     (const AplContactFilter  *a,
                                                const AplContactFilter  *b);
char             *apl_contact_filter_to_string (const AplContactFilter  *filter);
AplContactFilter *apl_contact_filter_parse     (const char              *text,
                                                GError                 **error);
char             *apl_contact_search_to_query  (const char              *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplContactFilter, apl_contact_filter_free)

G_END_DECLS
