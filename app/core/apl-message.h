/* apl-message.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "apl-channel.h"
#include "apl-placeholder.h"

G_BEGIN_DECLS

/**
 * AplPhase:
 *
 * When in a crisis a message is meant to go out.
 */
typedef enum
{
  APL_PHASE_HOLDING_STATEMENT,
  APL_PHASE_FIRST_UPDATE,
  APL_PHASE_FOLLOW_UP,
  APL_PHASE_RESOLUTION,
  APL_PHASE_INTERNAL_BRIEFING,
  APL_N_PHASES
} AplPhase;

/**
 * AplMessageField:
 *
 * The parts of a message a user edits. Phase and channel are stored as
 * their keys (apl_phase_get_key(), apl_channel_get_key()).
 */
typedef enum
{
  APL_MESSAGE_FIELD_TITLE,
  APL_MESSAGE_FIELD_SCENARIO,
  APL_MESSAGE_FIELD_PHASE,
  APL_MESSAGE_FIELD_AUDIENCE,
  APL_MESSAGE_FIELD_CHANNEL,
  APL_MESSAGE_FIELD_LANGUAGE,
  APL_MESSAGE_FIELD_SUBJECT,
  APL_MESSAGE_FIELD_BODY,
  APL_MESSAGE_N_FIELDS
} AplMessageField;

typedef enum
{
  APL_VERSION_CREATED,
  APL_VERSION_EDITED,
  APL_VERSION_RESTORED,
} AplVersionKind;

/**
 * AplMessageVersion:
 * @number: 1 for the first version, then counting up
 * @kind: how the version came about
 * @restored_from: for a restored version, the number it brought back
 * @author: who saved it
 * @created_at: when it started (UTC, ISO 8601)
 * @saved_at: its last saved edit (UTC, ISO 8601)
 * @fields: the message as it was, indexed by #AplMessageField
 */
typedef struct
{
  gint64          id;
  guint           number;
  AplVersionKind  kind;
  guint           restored_from;
  char           *author;
  char           *created_at;
  char           *saved_at;
  char           *fields[APL_MESSAGE_N_FIELDS];
} AplMessageVersion;

#define APL_TYPE_MESSAGE (apl_message_get_type ())

G_DECLARE_FINAL_TYPE (AplMessage, apl_message, APL, MESSAGE, GObject)

const char   *apl_phase_get_key             (AplPhase          phase);
gboolean      apl_phase_from_key            (const char       *key,
                                             AplPhase         *phase);
const char   *apl_phase_get_name            (AplPhase          phase);

gint64        apl_message_get_id            (AplMessage       *self);
gint64        apl_message_get_plan_id       (AplMessage       *self);
const char   *apl_message_get_variant_group (AplMessage       *self);
const char   *apl_message_get_field         (AplMessage       *self,
                                             AplMessageField   field);
const char   *apl_message_get_title         (AplMessage       *self);
const char   *apl_message_get_language      (AplMessage       *self);
const char   *apl_message_get_subject       (AplMessage       *self);
const char   *apl_message_get_body          (AplMessage       *self);
AplChannel    apl_message_get_channel       (AplMessage       *self);
AplPhase      apl_message_get_phase         (AplMessage       *self);
const char   *apl_message_get_updated       (AplMessage       *self);

gboolean      apl_message_set_field         (AplMessage       *self,
                                             AplMessageField   field,
                                             const char       *value,
                                             const char       *author,
                                             GError          **error);
gboolean      apl_message_validate_field    (AplMessageField   field,
                                             const char       *value,
                                             GError          **error);

GPtrArray    *apl_message_list_versions     (AplMessage       *self,
                                             GError          **error);
gboolean      apl_message_restore_version   (AplMessage       *self,
                                             guint             number,
                                             const char       *author,
                                             GError          **error);

AplRendered  *apl_message_render            (AplMessage       *self,
                                             GError          **error);

void          apl_message_version_free      (AplMessageVersion *version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplMessageVersion, apl_message_version_free)

G_END_DECLS
