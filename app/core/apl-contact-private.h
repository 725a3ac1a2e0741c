/* apl-contact-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the contact objects, the import and export, and the store share.
 * Rows travel as plain structs so that no SQLite type leaves the store.
 */

#pragma once

#include "apl-contact-book.h"
#include "apl-contact-import.h"

G_BEGIN_DECLS

/**
 * AplContactRecord:
 * @fields: each field's text, normalized; %NULL or "" when empty
 *
 * One contact as a row: what readers produce, writers consume and the
 * store reads and writes.
 */
typedef struct
{
  gint64  id;
  char   *fields[APL_CONTACT_N_FIELDS];
  char   *created;
  char   *updated;
} AplContactRecord;

void         _apl_contact_record_clear   (AplContactRecord       *record);
gboolean     _apl_contact_record_is_empty (const AplContactRecord *record,
                                           AplContactField         field);
void         _apl_contact_record_set     (AplContactRecord       *record,
                                          AplContactField         field,
                                          const char             *value);
void         _apl_contact_record_append  (AplContactRecord       *record,
                                          AplContactField         field,
                                          const char             *item);
gboolean     _apl_contact_record_normalize (AplContactRecord     *record,
                                            GError              **error);
void         _apl_contact_record_merge   (AplContactRecord       *into,
                                          const AplContactRecord *from);

/* Objects */

AplContact  *_apl_contact_new            (AplContactBook         *book,
                                          AplContactRecord       *record);
void         _apl_contact_detach         (AplContact             *self);
void         _apl_contact_apply_field    (AplContact             *self,
                                          AplContactField         field,
                                          const char             *value,
                                          const char             *updated);
AplContactBook *_apl_contact_get_book    (AplContact             *self);

/* Book, in apl-contact-book.c */

void         _apl_contact_book_forget    (AplContactBook         *self,
                                          gint64                  id,
                                          AplContact             *contact);
gboolean     _apl_contact_book_write_field (AplContactBook       *self,
                                            gint64                id,
                                            AplContactField       field,
                                            const char           *value,
                                            char                **updated,
                                            GError              **error);
gboolean     _apl_contact_book_is_home_thread (AplContactBook *self);
void         _apl_contact_book_lock      (AplContactBook         *self);
void         _apl_contact_book_unlock    (AplContactBook         *self);
GArray      *_apl_contact_book_match     (AplContactBook         *self,
                                          const char             *search,
                                          GError                **error);
gboolean     _apl_contact_book_get_stamp (AplContactBook         *self,
                                          gint64                  stamp[2]);

/* Store, in apl-store-contacts.c */

gboolean  _apl_store_load_contact          (AplStore               *self,
                                            gint64                  id,
                                            AplContactRecord       *record,
                                            GError                **error);
gboolean  _apl_store_insert_contact        (AplStore               *self,
                                            AplContactRecord       *record,
                                            GError                **error);
gboolean  _apl_store_write_contact_field   (AplStore               *self,
                                            gint64                  id,
                                            AplContactField         field,
                                            const char             *value,
                                            char                  **updated,
                                            GError                **error);
char     *_apl_contact_book_stale_cutoff_for (AplStore             *store);
gboolean  _apl_store_set_contact_deleted   (AplStore               *self,
                                            gint64                  id,
                                            gboolean                deleted,
                                            guint                  *n_segments,
                                            guint                  *n_plans,
                                            GError                **error);
gboolean  _apl_store_purge_deleted_contacts (AplStore              *self,
                                             GError               **error);
gboolean  _apl_store_query_contact_ids     (AplStore               *self,
                                            const AplContactFilter *filter,
                                            const char             *stale_cutoff,
                                            AplContactSort          sort,
                                            gboolean                descending,
                                            GArray                 *ids,
                                            GError                **error);
gboolean  _apl_store_count_contacts        (AplStore               *self,
                                            const AplContactFilter *filter,
                                            const char             *stale_cutoff,
                                            gint64                 *count,
                                            GError                **error);
gboolean  _apl_store_match_contact_ids     (AplStore               *self,
                                            const char             *query,
                                            GArray                 *ids,
                                            GError                **error);
gboolean  _apl_store_contacts_stamp        (AplStore               *self,
                                            gint64                  stamp[2]);

gboolean  _apl_store_list_contact_segments (AplStore               *self,
                                            GPtrArray              *segments,
                                            GError                **error);
gint64    _apl_store_insert_contact_segment (AplStore              *self,
                                             const char            *name,
                                             const char            *filter,
                                             GError               **error);
gboolean  _apl_store_delete_contact_segment (AplStore              *self,
                                             gint64                 id,
                                             GError               **error);
gboolean  _apl_store_set_segment_member    (AplStore               *self,
                                            gint64                  segment_id,
                                            gint64                  contact_id,
                                            gboolean                member,
                                            GError                **error);

gboolean  _apl_store_rename_contact_segment (AplStore              *self,
                                             gint64                 id,
                                             const char            *name,
                                             GError               **error);
gboolean  _apl_store_list_segment_members  (AplStore               *self,
                                            gint64                  id,
                                            GArray                 *ids,
                                            GError                **error);
gboolean  _apl_store_restore_contact_segment (AplStore             *self,
                                              const AplContactSegment *segment,
                                              GArray               *members,
                                              GError              **error);
gboolean  _apl_store_list_contact_interactions (AplStore            *self,
                                                gint64               contact_id,
                                                GPtrArray           *interactions,
                                                GError             **error);
gboolean  _apl_store_insert_contact_interaction (AplStore           *self,
                                                 AplContactInteraction *interaction,
                                                 char              **last_contacted,
                                                 GError            **error);
gboolean  _apl_store_delete_contact_interaction (AplStore           *self,
                                                 gint64              contact_id,
                                                 gint64              id,
                                                 AplContactInteraction **deleted,
                                                 char              **last_contacted,
                                                 GError            **error);
gboolean  _apl_store_load_contact_outlet   (AplStore               *self,
                                            const char             *name,
                                            AplContactOutlet      **outlet,
                                            GError                **error);
gboolean  _apl_store_write_contact_outlet  (AplStore               *self,
                                            const AplContactOutlet *outlet,
                                            GError                **error);

/* Import: one transaction around many records, on the import's own
 * connection to the workspace. */
typedef struct _AplContactImportBatch AplContactImportBatch;

AplContactImportBatch *_apl_store_contacts_import_begin (AplStore               *self,
                                                         GError                **error);
gboolean  _apl_store_contacts_import_record (AplContactImportBatch *batch,
                                             AplContactRecord      *record,
                                             AplContactDuplicates   policy,
                                             AplContactImportOutcome *outcome,
                                             GError               **error);
gboolean  _apl_store_contacts_import_end   (AplContactImportBatch  *batch,
                                            gboolean                commit,
                                            GError                **error);

G_END_DECLS
