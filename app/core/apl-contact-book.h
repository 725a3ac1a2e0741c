/* apl-contact-book.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-contact.h"
#include "apl-contact-filter.h"
#include "apl-contact-import.h"
#include "apl-store.h"

G_BEGIN_DECLS

#define APL_CONTACT_DEFAULT_STALE_MONTHS 6

/**
 * AplContactSegment:
 * @id: the segment's id
 * @name: its name, unique in the workspace
 * @filter: (nullable): the filter description of a filter-defined
 *   segment; %NULL for a hand-picked one
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *filter;
} AplContactSegment;

void apl_contact_segment_free (AplContactSegment *segment);

/**
 * AplContactInteraction:
 * @id: the entry's id
 * @contact_id: the contact it is about
 * @date: when, YYYY-MM-DD
 * @channel: how (phone, e-mail, meeting…), as the user wrote it
 * @summary: what was said
 * @by_whom: who in the organisation spoke to the contact
 *
 * One entry of a contact's interaction log.
 */
typedef struct
{
  gint64  id;
  gint64  contact_id;
  char   *date;
  char   *channel;
  char   *summary;
  char   *by_whom;
} AplContactInteraction;

void apl_contact_interaction_free (AplContactInteraction *interaction);

/**
 * AplContactOutlet:
 * @id: the outlet's id
 * @name: its name, unique in the workspace (ignoring case)
 * @type: its key: "newspaper", "tv", "radio", "online", "agency",
 *   "trade-press", "newsletter", "podcast" or "other"
 * @reach: its audience, or -1 when unknown
 * @region: where it publishes
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *type;
  gint64  reach;
  char   *region;
} AplContactOutlet;

void                apl_contact_outlet_free           (AplContactOutlet *outlet);
const char * const *apl_contact_outlet_types          (void);
const char         *apl_contact_outlet_type_get_label (const char       *type);

#define APL_TYPE_CONTACT_BOOK (apl_contact_book_get_type ())

G_DECLARE_FINAL_TYPE (AplContactBook, apl_contact_book, APL, CONTACT_BOOK, GObject)

AplContactBook    *apl_contact_book_get              (AplStore                *store,
                                                      GError                 **error);
AplStore          *apl_contact_book_get_store        (AplContactBook          *self);

int                apl_contact_book_get_stale_months (AplContactBook          *self);
void               apl_contact_book_set_stale_months (AplContactBook          *self,
                                                      int                      months);
char              *apl_contact_book_get_stale_cutoff (AplContactBook          *self);

AplContact        *apl_contact_book_find             (AplContactBook          *self,
                                                      gint64                   id,
                                                      GError                 **error);
AplContact        *apl_contact_book_create           (AplContactBook          *self,
                                                      const char              *name,
                                                      GError                 **error);
gboolean           apl_contact_book_delete           (AplContactBook          *self,
                                                      AplContact              *contact,
                                                      guint                   *n_segments,
                                                      guint                   *n_plans,
                                                      GError                 **error);
gboolean           apl_contact_book_undelete         (AplContactBook          *self,
                                                      AplContact              *contact,
                                                      GError                 **error);

GArray            *apl_contact_book_query            (AplContactBook          *self,
                                                      const AplContactFilter  *filter,
                                                      AplContactSort           sort,
                                                      gboolean                 descending,
                                                      GError                 **error);
gint64             apl_contact_book_count            (AplContactBook          *self,
                                                      const AplContactFilter  *filter,
                                                      GError                 **error);

GPtrArray         *apl_contact_book_list_segments    (AplContactBook          *self,
                                                      GError                 **error);
AplContactSegment *apl_contact_book_find_segment     (AplContactBook          *self,
                                                      const char              *name,
                                                      GError                 **error);
gint64             apl_contact_book_create_segment   (AplContactBook          *self,
                                                      const char              *name,
                                                      const AplContactFilter  *filter,
                                                      GError                 **error);
gboolean           apl_contact_book_delete_segment   (AplContactBook          *self,
                                                      gint64                   segment_id,
                                                      GError                 **error);
gboolean           apl_contact_book_add_to_segment   (AplContactBook          *self,
                                                      gint64                   segment_id,
                                                      AplContact              *contact,
                                                      GError                 **error);
gboolean           apl_contact_book_remove_from_segment (AplContactBook       *self,
                                                         gint64                segment_id,
                                                         AplContact           *contact,
                                                         GError              **error);
gboolean           apl_contact_book_rename_segment   (AplContactBook          *self,
                                                      gint64                   segment_id,
                                                      const char              *name,
                                                      GError                 **error);
GArray            *apl_contact_book_segment_members  (AplContactBook          *self,
                                                      gint64                   segment_id,
                                                      GError                 **error);
gboolean           apl_contact_book_restore_segment  (AplContactBook          *self,
                                                      const AplContactSegment *segment,
                                                      GArray                  *members,
                                                      GError                 **error);
AplContactFilter  *apl_contact_book_segment_filter   (AplContactBook          *self,
                                                      const AplContactSegment *segment,
                                                      GError                 **error);

GPtrArray         *apl_contact_book_list_interactions (AplContactBook        *self,
                                                       AplContact            *contact,
                                                       GError               **error);
gint64             apl_contact_book_add_interaction  (AplContactBook          *self,
                                                      AplContact              *contact,
                                                      const char              *date,
                                                      const char              *channel,
                                                      const char              *summary,
                                                      const char              *by_whom,
                                                      GError                 **error);
AplContactInteraction *apl_contact_book_delete_interaction (AplContactBook    *self,
                                                            AplContact        *contact,
                                                            gint64             interaction_id,
                                                            GError           **error);
gboolean           apl_contact_book_restore_interaction (AplContactBook       *self,
                                                         AplContact           *contact,
                                                         const AplContactInteraction *interaction,
                                                         GError              **error);

AplContactOutlet  *apl_contact_book_find_outlet      (AplContactBook          *self,
                                                      const char              *name,
                                                      GError                 **error);
gboolean           apl_contact_book_update_outlet    (AplContactBook          *self,
                                                      gint64                   outlet_id,
                                                      const char              *type,
                                                      gint64                   reach,
                                                      const char              *region,
                                                      GError                 **error);

void               _apl_contact_book_changed         (AplContactBook          *self);
void               _apl_contact_book_imported        (AplContactBook          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplContactSegment, apl_contact_segment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplContactInteraction, apl_contact_interaction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplContactOutlet, apl_contact_outlet_free)

G_END_DECLS
