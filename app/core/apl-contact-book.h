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
AplContactFilter  *apl_contact_book_segment_filter   (AplContactBook          *self,
                                                      const AplContactSegment *segment,
                                                      GError                 **error);

void               _apl_contact_book_changed         (AplContactBook          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplContactSegment, apl_contact_segment_free)

G_END_DECLS
