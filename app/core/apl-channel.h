/* apl-channel.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AplChannel:
 *
 * Where a message goes out. Each channel has a stable key (stored in the
 * workspace and in plan files), a name for people and its length rules.
 */
typedef enum
{
  APL_CHANNEL_PRESS_RELEASE,
  APL_CHANNEL_WEBSITE,
  APL_CHANNEL_EMAIL,
  APL_CHANNEL_INTRANET,
  APL_CHANNEL_SMS,
  APL_CHANNEL_X,
  APL_CHANNEL_LINKEDIN,
  APL_CHANNEL_FACEBOOK,
  APL_CHANNEL_INSTAGRAM,
  APL_CHANNEL_PHONE_SCRIPT,
  APL_CHANNEL_QA_SHEET,
  APL_N_CHANNELS
} AplChannel;

/**
 * AplEncoding:
 * @APL_ENCODING_NONE: the channel counts plain characters
 * @APL_ENCODING_GSM7: an SMS that fits the GSM 03.38 alphabet
 * @APL_ENCODING_UCS2: an SMS with a character outside it (an emoji, “ê”…)
 */
typedef enum
{
  APL_ENCODING_NONE,
  APL_ENCODING_GSM7,
  APL_ENCODING_UCS2,
} AplEncoding;

/**
 * AplCount:
 * @count: length as the channel counts it (X: URLs as 23; SMS: GSM-7
 *   septets or UTF-16 code units)
 * @limit: the channel's limit (for an SMS, one segment's), 0 when none
 * @segments: for an SMS, how many messages the phone network sends; else 0
 * @encoding: for an SMS, the encoding the text forces
 * @over_limit: @count is above @limit. A warning: nothing is ever cut.
 */
typedef struct
{
  guint        count;
  guint        limit;
  guint        segments;
  AplEncoding  encoding;
  gboolean     over_limit;
} AplCount;

const char *apl_channel_get_key          (AplChannel   channel);
gboolean    apl_channel_from_key         (const char  *key,
                                          AplChannel  *channel);
const char *apl_channel_get_name         (AplChannel   channel);
const char *apl_channel_get_subject_label (AplChannel  channel);
gboolean    apl_channel_has_subject      (AplChannel   channel);
guint       apl_channel_get_limit        (AplChannel   channel);
AplCount    apl_channel_count            (AplChannel   channel,
                                          const char  *text);
char       *apl_count_format             (const AplCount *count);

G_END_DECLS
