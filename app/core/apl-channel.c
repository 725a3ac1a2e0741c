/* apl-channel.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channels and the way each counts text. Counting is a warning for the
 * writer, never a reason to cut: a statement that is too long for an SMS
 * still goes to the press release intact.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-channel.h"

/* X counts every link as this many characters, whatever its length. */
#define X_URL_WEIGHT 23

#define SMS_GSM7_SINGLE 160
#define SMS_GSM7_PART   153
#define SMS_UCS2_SINGLE 70
#define SMS_UCS2_PART   67

static const struct
{
  const char *key;
  const char *name;
  guint       limit;
  gboolean    has_subject;
} channels[APL_N_CHANNELS] = {
  { "press-release", N_("Press release"), 0, TRUE },
  { "website", N_("Website statement"), 0, TRUE },
  { "email", N_("E-mail"), 0, TRUE },
  { "intranet", N_("Intranet"), 0, TRUE },
  { "sms", N_("SMS"), SMS_GSM7_SINGLE, FALSE },
  { "x", N_("X post"), 280, FALSE },
  { "linkedin", N_("LinkedIn post"), 3000, FALSE },
  { "facebook", N_("Facebook post"), 63206, FALSE },
  { "instagram", N_("Instagram caption"), 2200, FALSE },
  { "phone-script", N_("Phone script"), 0, FALSE },
  { "qa-sheet", N_("Q&A sheet"), 0, FALSE },
};

const char *
apl_channel_get_key (AplChannel channel)
{
  g_return_val_if_fail (channel < APL_N_CHANNELS, NULL);
  return channels[channel].key;
}

/**
 * apl_channel_from_key:
 *
 * Returns: whether @key names a channel; if so, it is put in @channel
 */
gboolean
apl_channel_from_key (const char *key,
                      AplChannel *channel)
{
  for (guint i = 0; i < APL_N_CHANNELS; i++)
    if (g_strcmp0 (channels[i].key, key) == 0)
      {
        if (channel != NULL)
          *channel = i;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_channel_get_name (AplChannel channel)
{
  g_return_val_if_fail (channel < APL_N_CHANNELS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, channels[channel].name);
}

gboolean
apl_channel_has_subject (AplChannel channel)
{
  g_return_val_if_fail (channel < APL_N_CHANNELS, FALSE);
  return channels[channel].has_subject;
}

/**
 * apl_channel_get_subject_label:
 *
 * Returns: what the channel calls its subject line (“Subject”, “Headline”)
 */
const char *
apl_channel_get_subject_label (AplChannel channel)
{
  switch (channel)
    {
    case APL_CHANNEL_EMAIL:
      return _("Subject");
    case APL_CHANNEL_PRESS_RELEASE:
      return _("Headline");
    case APL_CHANNEL_WEBSITE:
    case APL_CHANNEL_INTRANET:
      return _("Page title");
    case APL_CHANNEL_SMS:
    case APL_CHANNEL_X:
    case APL_CHANNEL_LINKEDIN:
    case APL_CHANNEL_FACEBOOK:
    case APL_CHANNEL_INSTAGRAM:
    case APL_CHANNEL_PHONE_SCRIPT:
    case APL_CHANNEL_QA_SHEET:
    case APL_N_CHANNELS:
    default:
      return _("Subject");
    }
}

guint
apl_channel_get_limit (AplChannel channel)
{
  g_return_val_if_fail (channel < APL_N_CHANNELS, 0);
  return channels[channel].limit;
}

/* GSM 03.38 */

/* The basic alphabet, as Unicode characters (ESC itself excluded). */
static const char gsm7_basic[] =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/* Sent as ESC + character: each counts two. */
static const char gsm7_extension[] = "^{}\\[~]|€\f";

static gboolean
utf8_set_contains (const char *set,
                   gunichar    c)
{
  for (const char *p = set; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* 0 when the character is outside GSM-7, else the septets it takes. A
 * lookup table for the ASCII range keeps a 10 000-character message well
 * under a frame. */
static guint
gsm7_septets (gunichar c)
{
  static gint8 ascii[128];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (gunichar a = 0; a < 128; a++)
        ascii[a] = utf8_set_contains (gsm7_basic, a) ? 1
                   : utf8_set_contains (gsm7_extension, a) ? 2 : 0;
      g_once_init_leave (&initialised, 1);
    }

  if (c < 128)
    return (guint) ascii[c];
  if (utf8_set_contains (gsm7_basic, c))
    return 1;
  if (c == 0x20AC) /* € */
    return 2;
  return 0;
}

static AplCount
count_sms (const char *text)
{
  AplCount count = { 0 };
  guint septets = 0;
  guint utf16 = 0;
  gboolean gsm7 = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint n = gsm7 ? gsm7_septets (c) : 0;

      if (n == 0)
        gsm7 = FALSE;
      septets += n;
      utf16 += c > 0xFFFF ? 2 : 1;
    }

  if (gsm7)
    {
      count.encoding = APL_ENCODING_GSM7;
      count.count = septets;
      count.limit = SMS_GSM7_SINGLE;
      count.segments = septets == 0 ? 0
                       : septets <= SMS_GSM7_SINGLE ? 1
                       : (septets + SMS_GSM7_PART - 1) / SMS_GSM7_PART;
    }
  else
    {
      count.encoding = APL_ENCODING_UCS2;
      count.count = utf16;
      count.limit = SMS_UCS2_SINGLE;
      count.segments = utf16 <= SMS_UCS2_SINGLE ? 1 : (utf16 + SMS_UCS2_PART - 1) / SMS_UCS2_PART;
    }
  count.over_limit = count.segments > 1;
  return count;
}

static gboolean
starts_url (const char *p)
{
  return g_ascii_strncasecmp (p, "http://", 7) == 0
         || g_ascii_strncasecmp (p, "https://", 8) == 0
         || g_ascii_strncasecmp (p, "www.", 4) == 0;
}

/* X counts a link as 23 whatever its length; the rest by character. */
static guint
count_x (const char *text)
{
  guint count = 0;
  gboolean at_word_start = TRUE;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (at_word_start && starts_url (p))
        {
          while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          count += X_URL_WEIGHT;
          at_word_start = FALSE;
          continue;
        }
      at_word_start = g_unichar_isspace (c) || c == '(' || c == '"';
      count++;
      p = g_utf8_next_char (p);
    }
  return count;
}

/**
 * apl_channel_count:
 * @text: the text as it will be sent (rendered)
 *
 * Counts @text the way @channel does: X counts links as 23 characters; an
 * SMS counts GSM-7 septets (the extension characters ^{}\[~]|€ take two) or,
 * as soon as one character is outside GSM-7, UTF-16 code units, and splits
 * into segments of 160/153 or 70/67. Other channels count characters.
 *
 * Returns: the count, the limit and, for an SMS, segments and encoding
 */
AplCount
apl_channel_count (AplChannel  channel,
                   const char *text)
{
  AplCount count = { 0 };

  g_return_val_if_fail (channel < APL_N_CHANNELS, count);

  if (text == NULL)
    text = "";

  switch (channel)
    {
    case APL_CHANNEL_SMS:
      return count_sms (text);
    case APL_CHANNEL_X:
      count.count = count_x (text);
      break;
    case APL_CHANNEL_PRESS_RELEASE:
    case APL_CHANNEL_WEBSITE:
    case APL_CHANNEL_EMAIL:
    case APL_CHANNEL_INTRANET:
    case APL_CHANNEL_LINKEDIN:
    case APL_CHANNEL_FACEBOOK:
    case APL_CHANNEL_INSTAGRAM:
    case APL_CHANNEL_PHONE_SCRIPT:
    case APL_CHANNEL_QA_SHEET:
    case APL_N_CHANNELS:
    default:
      count.count = (guint) g_utf8_strlen (text, -1);
      break;
    }

  count.limit = channels[channel].limit;
  count.over_limit = count.limit > 0 && count.count > count.limit;
  return count;
}

/**
 * apl_count_format:
 *
 * Returns: (transfer full): the counter as the editor shows it: “231 / 280”,
 * “2 segments · GSM-7”, or “1 200 characters” when there is no limit
 */
char *
apl_count_format (const AplCount *count)
{
  g_return_val_if_fail (count != NULL, NULL);

  if (count->encoding != APL_ENCODING_NONE)
    {
      const char *encoding = count->encoding == APL_ENCODING_GSM7 ? "GSM-7" : "UCS-2";

      /* Translators: an SMS counter: characters / limit of one SMS · number of SMS · encoding */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u / %u · %u segment · %s",
                                           "%u / %u · %u segments · %s",
                                           count->segments),
                              count->count, count->limit, count->segments, encoding);
    }
  if (count->limit > 0)
    return g_strdup_printf ("%u / %u", count->count, count->limit);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", count->count),
                          count->count);
}
