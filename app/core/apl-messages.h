/* apl-messages.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan's message templates, as the store keeps them.
 */

#pragma once

#include "apl-message.h"
#include "apl-store.h"

G_BEGIN_DECLS

/* Edits by one author closer together than this fold into one version. */
#define APL_MESSAGE_VERSION_WINDOW_SECONDS 60

/**
 * AplMessageQuery:
 * @text: (nullable): words that must all appear in the title, subject or
 *   body, ignoring case and accents
 * @channel: (nullable): a channel key, or %NULL for any
 * @language: (nullable): a language code, or %NULL for any
 * @phase: (nullable): a phase key, or %NULL for any
 * @scenario: (nullable): a scenario as the messages name it, or %NULL for
 *   any ("" finds the messages without a scenario)
 */
typedef struct
{
  const char *text;
  const char *channel;
  const char *language;
  const char *phase;
  const char *scenario;
} AplMessageQuery;

/**
 * AplAudienceKind:
 *
 * What a message's audience refers to: a stakeholder group of the
 * workspace, or a contact segment.
 */
typedef enum
{
  APL_AUDIENCE_GROUP,
  APL_AUDIENCE_SEGMENT,
} AplAudienceKind;

/**
 * AplAudienceRef:
 * @kind: a group or a segment
 * @id: the group's or segment's id
 */
typedef struct
{
  AplAudienceKind kind;
  gint64          id;
} AplAudienceRef;

/**
 * AplVariantSlot:
 * @language: a language code
 * @channel: a channel
 * @message: (nullable): the variant in that language and channel, %NULL
 *   when it is missing
 */
typedef struct
{
  char       *language;
  AplChannel  channel;
  AplMessage *message;
} AplVariantSlot;

AplStore    *apl_message_get_store           (AplMessage             *message);

GListModel  *apl_store_get_messages          (AplStore               *self,
                                              AplPlan                *plan,
                                              GError                **error);
AplMessage  *apl_store_find_message          (AplStore               *self,
                                              gint64                  id,
                                              GError                **error);
AplMessage  *apl_store_add_message           (AplStore               *self,
                                              AplPlan                *plan,
                                              const char * const     *fields,
                                              const char             *variant_group,
                                              const char             *author,
                                              GError                **error);
AplMessage  *apl_store_add_variant           (AplStore               *self,
                                              AplMessage             *message,
                                              const char             *language,
                                              AplChannel              channel,
                                              const char             *author,
                                              GError                **error);
gboolean     apl_store_delete_message        (AplStore               *self,
                                              AplMessage             *message,
                                              GError                **error);
gboolean     apl_store_undelete_message      (AplStore               *self,
                                              AplMessage             *message,
                                              GError                **error);
GArray      *apl_store_search_messages       (AplStore               *self,
                                              AplPlan                *plan,
                                              const AplMessageQuery  *query,
                                              GError                **error);

GPtrArray   *apl_store_get_variants          (AplStore               *self,
                                              AplMessage             *message,
                                              GError                **error);
GArray      *apl_store_get_variant_slots     (AplStore               *self,
                                              AplMessage             *message,
                                              GError                **error);
GPtrArray   *apl_store_get_plan_languages    (AplStore               *self,
                                              AplPlan                *plan,
                                              GError                **error);

const char * const *apl_placeholder_standard_names (void);
GHashTable  *apl_store_get_placeholder_values (AplStore              *self,
                                              AplPlan                *plan,
                                              const char             *language,
                                              GError                **error);
gboolean     apl_store_set_placeholder_value (AplStore               *self,
                                              AplPlan                *plan,
                                              const char             *name,
                                              const char             *language,
                                              const char             *value,
                                              GError                **error);

GArray      *apl_store_get_message_audience  (AplStore               *self,
                                              AplMessage             *message,
                                              GError                **error);
gboolean     apl_store_add_message_audience  (AplStore               *self,
                                              AplMessage             *message,
                                              AplAudienceKind         kind,
                                              gint64                  id,
                                              GError                **error);
gboolean     apl_store_remove_message_audience (AplStore             *self,
                                                AplMessage           *message,
                                                AplAudienceKind       kind,
                                                gint64                id,
                                                GError              **error);
GArray      *apl_store_message_audiences_using_group   (AplStore     *self,
                                                        gint64        group_id,
                                                        GError      **error);
GArray      *apl_store_message_audiences_using_segment (AplStore     *self,
                                                        gint64        segment_id,
                                                        GError      **error);

guint        apl_store_add_starter_messages  (AplStore               *self,
                                              AplPlan                *plan,
                                              const char * const     *languages,
                                              const char             *author,
                                              GError                **error);

gboolean     apl_sample_plan_add_messages    (AplStore               *store,
                                              AplPlan                *plan,
                                              GError                **error);

/* For tests: the clock that versions and coalescing read. NULL restores
 * the real one. */
void         apl_messages_set_clock          (GDateTime *(*now) (void));

void         apl_variant_slot_clear          (AplVariantSlot         *slot);

G_END_DECLS
