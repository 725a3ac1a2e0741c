/* test-messages.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Message templates without a window: placeholders as the writer types
 * them, counting as each channel counts, versions, variants, search, the
 * starter templates and the command line.
 */

#include "config.h"

#include <string.h>

#include "apl-diff.h"
#include "apl-messages.h"
#include "apl-sample-plan.h"
#include "apl-store.h"
#include "test-util.h"

/* A clock the tests move by hand, to check how edits fold into versions. */
static gint64 fake_now_us;

static GDateTime *
fake_clock (void)
{
  return g_date_time_new_from_unix_utc (fake_now_us / G_USEC_PER_SEC);
}

static void
advance_clock (int seconds)
{
  fake_now_us += (gint64) seconds * G_USEC_PER_SEC;
}

typedef struct
{
  char     *dir;
  char     *path;
  AplStore *store;
  AplPlan  *plan;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fake_now_us = (gint64) 1767225600 * G_USEC_PER_SEC; /* 2026-01-01 00:00 UTC */
  apl_messages_set_clock (fake_clock);

  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Water contamination", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  apl_messages_set_clock (NULL);
  g_clear_object (&fixture->plan);
  if (fixture->store != NULL)
    apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static AplMessage *
add_message (Fixture    *fixture,
             const char *title,
             const char *channel,
             const char *language,
             const char *body)
{
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  g_autoptr(GError) error = NULL;
  AplMessage *message;

  fields[APL_MESSAGE_FIELD_TITLE] = title;
  fields[APL_MESSAGE_FIELD_CHANNEL] = channel;
  fields[APL_MESSAGE_FIELD_LANGUAGE] = language;
  fields[APL_MESSAGE_FIELD_BODY] = body;
  message = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Alex", &error);
  g_assert_no_error (error);
  g_assert_true (APL_IS_MESSAGE (message));
  return message;
}

static void
set_body (AplMessage *message,
          const char *body,
          const char *author)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (apl_message_set_field (message, APL_MESSAGE_FIELD_BODY, body, author, &error));
  g_assert_no_error (error);
}

static GPtrArray *
versions_of (AplMessage *message)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *versions = apl_message_list_versions (message, &error);

  g_assert_no_error (error);
  return versions;
}

#define VERSION(versions, i) ((AplMessageVersion *) g_ptr_array_index ((versions), (i)))

/* Placeholders */

static const AplPlaceholder *
placeholder_at (GArray *found,
                guint   i)
{
  g_assert_cmpuint (i, <, found->len);
  return &g_array_index (found, AplPlaceholder, i);
}

static void
test_parse_positions (void)
{
  /* "Été" is 3 characters but 5 bytes: positions are given in both. */
  g_autoptr(GArray) found = apl_placeholder_parse ("Été : {{incident}} à {{ time }}.");
  const AplPlaceholder *p;

  g_assert_cmpuint (found->len, ==, 2);
  p = placeholder_at (found, 0);
  g_assert_cmpint (p->problem, ==, APL_PLACEHOLDER_OK);
  g_assert_cmpstr (p->name, ==, "incident");
  g_assert_cmpuint (p->start, ==, strlen ("Été : "));
  g_assert_cmpint (p->char_start, ==, 6);
  g_assert_cmpint (p->char_end, ==, 6 + 12);
  g_assert_cmpuint (p->line, ==, 1);
  g_assert_cmpuint (p->column, ==, 7);

  /* Spaces inside the braces are allowed around a name. */
  p = placeholder_at (found, 1);
  g_assert_cmpint (p->problem, ==, APL_PLACEHOLDER_OK);
  g_assert_cmpstr (p->name, ==, "time");
}

static void
test_parse_malformed (void)
{
  g_autoptr(GArray) found = apl_placeholder_parse ("A {{ }} B\nC {{Name}} D {{open\n{{ok}}");
  const AplPlaceholder *p;
  g_autofree char *described = NULL;

  g_assert_cmpuint (found->len, ==, 4);

  p = placeholder_at (found, 0);
  g_assert_cmpint (p->problem, ==, APL_PLACEHOLDER_EMPTY);
  g_assert_cmpuint (p->column, ==, 3);
  described = apl_placeholder_describe (p);
  g_assert_nonnull (strstr (described, "Line 1, character 3"));

  p = placeholder_at (found, 1);
  g_assert_cmpint (p->problem, ==, APL_PLACEHOLDER_BAD_NAME);
  g_assert_cmpstr (p->name, ==, "Name");
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpuint (p->column, ==, 3);

  /* An unclosed placeholder stops at the line end, so the next line's
   * placeholder is still found. */
  p = placeholder_at (found, 2);
  g_assert_cmpint (p->problem, ==, APL_PLACEHOLDER_UNCLOSED);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpuint (p->column, ==, 14);

  p = placeholder_at (found, 3);
  g_assert_cmpint (p->problem, ==, APL_PLACEHOLDER_OK);
  g_assert_cmpstr (p->name, ==, "ok");
  g_assert_cmpuint (p->line, ==, 3);
}

static void
test_parse_nested_and_escaped (void)
{
  g_autoptr(GArray) nested = apl_placeholder_parse ("{{a {{b}} c}}");
  g_autoptr(GArray) triple = apl_placeholder_parse ("{{{name}}}");
  g_autoptr(GArray) escaped = apl_placeholder_parse ("Write \\{{name}} for a placeholder");
  g_autoptr(GArray) trailing = apl_placeholder_parse ("ends with {{");

  /* The outer one is cut short by the inner one, which still counts. */
  g_assert_cmpuint (nested->len, ==, 2);
  g_assert_cmpint (placeholder_at (nested, 0)->problem, ==, APL_PLACEHOLDER_UNCLOSED);
  g_assert_cmpuint (placeholder_at (nested, 0)->start, ==, 0);
  g_assert_cmpint (placeholder_at (nested, 1)->problem, ==, APL_PLACEHOLDER_OK);
  g_assert_cmpstr (placeholder_at (nested, 1)->name, ==, "b");
  g_assert_cmpuint (placeholder_at (nested, 1)->start, ==, 4);

  /* In "{{{", the last two braces open the placeholder. */
  g_assert_cmpuint (triple->len, ==, 1);
  g_assert_cmpstr (placeholder_at (triple, 0)->name, ==, "name");
  g_assert_cmpuint (placeholder_at (triple, 0)->start, ==, 1);

  g_assert_cmpuint (escaped->len, ==, 0);

  g_assert_cmpuint (trailing->len, ==, 1);
  g_assert_cmpint (placeholder_at (trailing, 0)->problem, ==, APL_PLACEHOLDER_UNCLOSED);
  g_assert_cmpint (placeholder_at (trailing, 0)->char_start, ==, 10);
}

static void
test_render (void)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AplRendered) rendered = NULL;
  g_autoptr(AplRendered) escaped = NULL;
  g_autoptr(AplRendered) broken = NULL;

  g_hash_table_insert (values, "organisation", "Eaux de Rivière");
  g_hash_table_insert (values, "incident", "");
  g_hash_table_insert (values, "hotline", "☎ 0800 123");

  rendered = apl_placeholder_render ("{{organisation}} : {{incident}}, {{ hotline }}, {{incident}}.", values);
  g_assert_cmpstr (rendered->text, ==, "Eaux de Rivière : {{incident}}, ☎ 0800 123, {{incident}}.");
  /* Each unfilled name is listed once. */
  g_assert_cmpuint (rendered->unfilled->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rendered->unfilled, 0), ==, "incident");
  g_assert_cmpuint (rendered->problems->len, ==, 0);

  escaped = apl_placeholder_render ("Type \\{{organisation}} to get {{organisation}}", values);
  g_assert_cmpstr (escaped->text, ==, "Type {{organisation}} to get Eaux de Rivière");
  g_assert_cmpuint (escaped->unfilled->len, ==, 0);

  /* Unknown and malformed placeholders stay as typed and are reported. */
  broken = apl_placeholder_render ("{{ceo}} and {{ }} and {{open", values);
  g_assert_cmpstr (broken->text, ==, "{{ceo}} and {{ }} and {{open");
  g_assert_cmpuint (broken->problems->len, ==, 3);
  g_assert_cmpint (placeholder_at (broken->problems, 0)->problem, ==, APL_PLACEHOLDER_UNKNOWN);
  g_assert_cmpstr (placeholder_at (broken->problems, 0)->name, ==, "ceo");
  g_assert_cmpint (placeholder_at (broken->problems, 1)->problem, ==, APL_PLACEHOLDER_EMPTY);
  g_assert_cmpint (placeholder_at (broken->problems, 2)->problem, ==, APL_PLACEHOLDER_UNCLOSED);
}

/* Counting */

static char *
repeat (const char *unit,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

static void
assert_sms (const char  *text,
            guint        count,
            guint        segments,
            AplEncoding  encoding)
{
  AplCount result = apl_channel_count (APL_CHANNEL_SMS, text);

  g_assert_cmpuint (result.count, ==, count);
  g_assert_cmpuint (result.segments, ==, segments);
  g_assert_cmpint (result.encoding, ==, encoding);
  g_assert_cmpint (result.over_limit, ==, segments > 1);
}

static void
test_count_sms (void)
{
  g_autofree char *a160 = repeat ("a", 160);
  g_autofree char *a161 = repeat ("a", 161);
  g_autofree char *a306 = repeat ("a", 306);
  g_autofree char *a307 = repeat ("a", 307);
  g_autofree char *euro80 = repeat ("€", 80);
  g_autofree char *euro81 = repeat ("€", 81);
  g_autofree char *u70 = repeat ("ê", 70);
  g_autofree char *u71 = repeat ("ê", 71);
  g_autofree char *u134 = repeat ("ê", 134);
  g_autofree char *u135 = repeat ("ê", 135);
  g_autofree char *emoji = g_strconcat (a160 + 1, "🙂", NULL); /* 159 + emoji */
  g_autofree char *text = NULL;
  AplCount count;

  assert_sms ("", 0, 0, APL_ENCODING_GSM7);
  assert_sms (a160, 160, 1, APL_ENCODING_GSM7);
  assert_sms (a161, 161, 2, APL_ENCODING_GSM7);
  assert_sms (a306, 306, 2, APL_ENCODING_GSM7);
  assert_sms (a307, 307, 3, APL_ENCODING_GSM7);

  /* Extension characters take two septets each. */
  assert_sms ("^{}\\[~]|€", 18, 1, APL_ENCODING_GSM7);
  assert_sms (euro80, 160, 1, APL_ENCODING_GSM7);
  assert_sms (euro81, 162, 2, APL_ENCODING_GSM7);
  /* French letters of the GSM alphabet stay GSM-7. */
  assert_sms ("Déjà vu à Ørsted", 16, 1, APL_ENCODING_GSM7);

  /* One character outside GSM-7 switches the whole text to UCS-2. */
  assert_sms (u70, 70, 1, APL_ENCODING_UCS2);
  assert_sms (u71, 71, 2, APL_ENCODING_UCS2);
  assert_sms (u134, 134, 2, APL_ENCODING_UCS2);
  assert_sms (u135, 135, 3, APL_ENCODING_UCS2);
  /* An emoji is two UTF-16 code units. */
  assert_sms (emoji, 161, 3, APL_ENCODING_UCS2);
  assert_sms ("OK 🙂", 5, 1, APL_ENCODING_UCS2);

  count = apl_channel_count (APL_CHANNEL_SMS, a161);
  text = apl_count_format (&count);
  g_assert_cmpstr (text, ==, "161 / 160 · 2 segments · GSM-7");
}

static void
test_count_x_and_others (void)
{
  g_autofree char *a256 = repeat ("a", 256);
  g_autofree char *with_url = g_strconcat (a256, " https://www.example.org/a/very/long/path/that/is/longer/than/23", NULL);
  g_autofree char *over = g_strconcat ("b", with_url, NULL);
  g_autofree char *big = repeat ("é", 2201);
  g_autofree char *text = NULL;
  AplCount count;

  count = apl_channel_count (APL_CHANNEL_X, "See https://example.org/x and www.example.com now");
  /* "See " + 23 + " and " + 23 + " now" */
  g_assert_cmpuint (count.count, ==, 4 + 23 + 5 + 23 + 4);
  g_assert_cmpuint (count.limit, ==, 280);

  count = apl_channel_count (APL_CHANNEL_X, with_url);
  g_assert_cmpuint (count.count, ==, 280);
  g_assert_false (count.over_limit);
  count = apl_channel_count (APL_CHANNEL_X, over);
  g_assert_cmpuint (count.count, ==, 281);
  g_assert_true (count.over_limit);
  text = apl_count_format (&count);
  g_assert_cmpstr (text, ==, "281 / 280");

  count = apl_channel_count (APL_CHANNEL_INSTAGRAM, big);
  g_assert_cmpuint (count.count, ==, 2201);
  g_assert_cmpuint (count.limit, ==, 2200);
  g_assert_true (count.over_limit);
  g_assert_cmpuint (apl_channel_get_limit (APL_CHANNEL_LINKEDIN), ==, 3000);
  g_assert_cmpuint (apl_channel_get_limit (APL_CHANNEL_FACEBOOK), ==, 63206);

  count = apl_channel_count (APL_CHANNEL_PRESS_RELEASE, big);
  g_assert_cmpuint (count.limit, ==, 0);
  g_assert_false (count.over_limit);
}

/* Versions */

static void
test_versions_coalesce (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AplMessage) message = add_message (fixture, "Holding statement", "website", "en", "");
  g_autoptr(GPtrArray) versions = NULL;

  /* Typing in bursts: one version per pause, per author. */
  set_body (message, "We are", "Alex");
  advance_clock (10);
  set_body (message, "We are aware", "Alex");
  advance_clock (30);
  set_body (message, "We are aware of the incident.", "Alex");

  versions = versions_of (message);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpint (VERSION (versions, 0)->kind, ==, APL_VERSION_CREATED);
  g_assert_cmpstr (VERSION (versions, 0)->fields[APL_MESSAGE_FIELD_BODY], ==, "We are aware of the incident.");
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* Another author starts a version of their own … */
  advance_clock (5);
  set_body (message, "We are aware of the incident and concerned.", "Legal");
  /* … and so does a pause longer than the window. */
  advance_clock (APL_MESSAGE_VERSION_WINDOW_SECONDS + 1);
  set_body (message, "We are aware of the incident and deeply concerned.", "Legal");

  versions = versions_of (message);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpuint (VERSION (versions, 0)->number, ==, 3);
  g_assert_cmpstr (VERSION (versions, 0)->author, ==, "Legal");
  g_assert_cmpint (VERSION (versions, 0)->kind, ==, APL_VERSION_EDITED);
  g_assert_cmpstr (VERSION (versions, 1)->fields[APL_MESSAGE_FIELD_BODY], ==,
                   "We are aware of the incident and concerned.");
  g_assert_cmpstr (VERSION (versions, 2)->author, ==, "Alex");
}

static void
test_versions_restore (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AplMessage) message = add_message (fixture, "Holding statement", "website", "en", "First text.");
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  advance_clock (120);
  set_body (message, "Second text.", "Alex");
  g_assert_true (apl_message_set_field (message, APL_MESSAGE_FIELD_TITLE, "Statement v2", "Alex", &error));

  advance_clock (5);
  g_assert_true (apl_message_restore_version (message, 1, "Alex", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (apl_message_get_body (message), ==, "First text.");
  g_assert_cmpstr (apl_message_get_title (message), ==, "Holding statement");

  versions = versions_of (message);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpint (VERSION (versions, 0)->kind, ==, APL_VERSION_RESTORED);
  g_assert_cmpuint (VERSION (versions, 0)->restored_from, ==, 1);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* The restore stays visible: the next edit does not fold into it. */
  advance_clock (1);
  set_body (message, "First text, amended.", "Alex");
  versions = versions_of (message);
  g_assert_cmpuint (versions->len, ==, 4);
  g_assert_cmpint (VERSION (versions, 1)->kind, ==, APL_VERSION_RESTORED);

  /* A version that does not exist changes nothing. */
  g_assert_false (apl_message_restore_version (message, 99, "Alex", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (apl_message_get_body (message), ==, "First text, amended.");
}

static void
test_refused_values (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AplMessage) message = add_message (fixture, "Holding statement", "website", "en", "Text");
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (apl_message_set_field (message, APL_MESSAGE_FIELD_TITLE, "   ", "Alex", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_message_set_field (message, APL_MESSAGE_FIELD_CHANNEL, "fax", "Alex", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apl_message_set_field (message, APL_MESSAGE_FIELD_PHASE, "panic", "Alex", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);

  g_assert_cmpstr (apl_message_get_title (message), ==, "Holding statement");
  versions = versions_of (message);
  g_assert_cmpuint (versions->len, ==, 1);
}

/* Diff */

static char *
diff_to_string (GArray *chunks)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      AplDiffChunk *chunk = &g_array_index (chunks, AplDiffChunk, i);

      if (chunk->op == APL_DIFF_DELETED)
        g_string_append_printf (out, "[-%s-]", chunk->text);
      else if (chunk->op == APL_DIFF_INSERTED)
        g_string_append_printf (out, "{+%s+}", chunk->text);
      else
        g_string_append (out, chunk->text);
    }
  return g_string_free (out, FALSE);
}

static void
test_diff (void)
{
  g_autoptr(GArray) same = apl_diff_words ("We are aware.", "We are aware.");
  g_autoptr(GArray) changed = apl_diff_words ("We are aware of the leak at the plant.",
                                              "We are deeply aware of the leak at the Rivière plant.");
  g_autoptr(GArray) emptied = apl_diff_words ("Old text", "");
  g_autofree char *changed_text = diff_to_string (changed);
  g_autofree char *emptied_text = diff_to_string (emptied);
  g_autofree char *long_a = repeat ("alpha beta ", 3000);
  g_autofree char *long_b = repeat ("beta gamma ", 3000);
  g_autoptr(GArray) big = NULL;
  GString *old_text = g_string_new (NULL);
  GString *new_text = g_string_new (NULL);

  g_assert_cmpuint (same->len, ==, 1);
  g_assert_cmpint (g_array_index (same, AplDiffChunk, 0).op, ==, APL_DIFF_SAME);
  g_assert_cmpstr (changed_text, ==, "We are {+deeply +}aware of the leak at the {+Rivière +}plant.");
  g_assert_cmpstr (emptied_text, ==, "[-Old text-]");

  /* Beyond the bound the middle is one replacement, still exact. */
  big = apl_diff_words (long_a, long_b);
  for (guint i = 0; i < big->len; i++)
    {
      AplDiffChunk *chunk = &g_array_index (big, AplDiffChunk, i);

      if (chunk->op != APL_DIFF_INSERTED)
        g_string_append (old_text, chunk->text);
      if (chunk->op != APL_DIFF_DELETED)
        g_string_append (new_text, chunk->text);
    }
  g_assert_cmpstr (old_text->str, ==, long_a);
  g_assert_cmpstr (new_text->str, ==, long_b);
  g_string_free (old_text, TRUE);
  g_string_free (new_text, TRUE);
}

/* Variants */

static void
test_variants (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AplMessage) holding = add_message (fixture, "Holding statement", "press-release", "en", "Text");
  g_autoptr(AplMessage) sms = NULL;
  g_autoptr(AplMessage) french = NULL;
  g_autoptr(AplMessage) duplicate = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GError) error = NULL;
  guint missing = 0;

  sms = apl_store_add_variant (fixture->store, holding, "en", APL_CHANNEL_SMS, "Alex", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_message_get_variant_group (sms), ==, apl_message_get_variant_group (holding));
  g_assert_cmpstr (apl_message_get_body (sms), ==, "Text");

  french = apl_store_add_variant (fixture->store, holding, "fr", APL_CHANNEL_PRESS_RELEASE, "Alex", &error);
  g_assert_no_error (error);

  /* The same language and channel twice is refused. */
  duplicate = apl_store_add_variant (fixture->store, holding, "fr", APL_CHANNEL_PRESS_RELEASE, "Alex", &error);
  g_assert_null (duplicate);
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);

  variants = apl_store_get_variants (fixture->store, french, NULL);
  g_assert_cmpuint (variants->len, ==, 3);

  /* The plan speaks English and French; the group uses a press release and
   * an SMS: the French SMS is missing. */
  slots = apl_store_get_variant_slots (fixture->store, holding, NULL);
  g_assert_cmpuint (slots->len, ==, 4);
  for (guint i = 0; i < slots->len; i++)
    {
      AplVariantSlot *slot = &g_array_index (slots, AplVariantSlot, i);

      if (slot->message == NULL)
        {
          missing++;
          g_assert_cmpstr (slot->language, ==, "fr");
          g_assert_cmpint (slot->channel, ==, APL_CHANNEL_SMS);
        }
    }
  g_assert_cmpuint (missing, ==, 1);
}

/* Search */

static GArray *
search (Fixture    *fixture,
        const char *text,
        const char *channel,
        const char *language)
{
  AplMessageQuery query = { text, channel, language, NULL };
  g_autoptr(GError) error = NULL;
  GArray *ids = apl_store_search_messages (fixture->store, fixture->plan, &query, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AplMessage) fr = add_message (fixture, "Déclaration d'attente", "website", "fr", "Sécurité de l'eau à Évry");
  g_autoptr(AplMessage) en = add_message (fixture, "Holding statement", "x", "en", "Water SAFETY");
  g_autoptr(AplMessage) other = add_message (fixture, "Employee note", "intranet", "en", "Canteen closed");
  g_autoptr(GArray) accents = search (fixture, "securite evry", NULL, NULL);
  g_autoptr(GArray) title = search (fixture, "DECLARATION", NULL, NULL);
  g_autoptr(GArray) both = search (fixture, "safety", NULL, NULL);
  g_autoptr(GArray) filtered = search (fixture, "", "x", NULL);
  g_autoptr(GArray) language = search (fixture, "", NULL, "en");
  g_autoptr(GArray) none = search (fixture, "securite canteen", NULL, NULL);
  g_autoptr(GArray) after_delete = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (accents->len, ==, 1);
  g_assert_cmpint (g_array_index (accents, gint64, 0), ==, apl_message_get_id (fr));
  g_assert_cmpuint (title->len, ==, 1);
  g_assert_cmpuint (both->len, ==, 1);
  g_assert_cmpint (g_array_index (both, gint64, 0), ==, apl_message_get_id (en));
  g_assert_cmpuint (filtered->len, ==, 1);
  g_assert_cmpuint (language->len, ==, 2);
  g_assert_cmpuint (none->len, ==, 0);

  /* Edits are searchable at once; deleted messages are not. */
  set_body (other, "Cantine fermée, sécurité", "Alex");
  g_assert_true (apl_store_delete_message (fixture->store, fr, &error));
  after_delete = search (fixture, "securite", NULL, NULL);
  g_assert_cmpuint (after_delete->len, ==, 1);
  g_assert_cmpint (g_array_index (after_delete, gint64, 0), ==, apl_message_get_id (other));
}

/* Deletion */

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AplMessage) first = add_message (fixture, "One", "website", "en", "1");
  g_autoptr(AplMessage) second = add_message (fixture, "Two", "website", "en", "2");
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *messages = apl_store_get_messages (fixture->store, fixture->plan, NULL);
  gint64 plan_id;

  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_true (apl_store_delete_message (fixture->store, first, &error));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);

  g_assert_true (apl_store_undelete_message (fixture->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  {
    g_autoptr(AplMessage) back = g_list_model_get_item (messages, 0);

    /* Back in its place, with its history. */
    g_assert_true (back == first);
  }
  versions = versions_of (first);
  g_assert_cmpuint (versions->len, ==, 1);

  /* Deleted in an earlier session: gone for good. */
  g_assert_true (apl_store_delete_message (fixture->store, second, &error));
  plan_id = apl_plan_get_id (fixture->plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->plan);
  g_clear_object (&fixture->store);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM messages"), ==, 2);

  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->plan = g_object_ref (apl_store_find_plan (fixture->store, plan_id));
  messages = apl_store_get_messages (fixture->store, fixture->plan, &error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  apl_store_close (fixture->store);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM messages"), ==, 1);
}

static void
test_plan_purge_cascades (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AplMessage) message = add_message (fixture, "Holding statement", "website", "en", "Text");
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) other = apl_store_create_plan (fixture->store, "Other plan", &error);
  const char *fields[APL_MESSAGE_N_FIELDS] = { "Kept", };
  g_autoptr(AplMessage) kept = apl_store_add_message (fixture->store, other, fields, NULL, "Alex", &error);

  g_assert_no_error (error);
  set_body (message, "Text, edited", "Legal");
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "incident", NULL, "a leak", &error));

  g_assert_true (apl_store_delete_plan (fixture->store, fixture->plan, &error));
  g_assert_true (apl_store_purge_deleted_plans (fixture->store, &error));
  g_assert_no_error (error);
  apl_store_close (fixture->store);

  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM messages"), ==, 1);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM message_versions"), ==, 1);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM plan_placeholders"), ==, 0);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM messages WHERE title = 'Kept'"), ==, 1);
}

/* Rendering a message */

static void
test_message_render (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AplMessage) en = NULL;
  g_autoptr(AplMessage) fr = NULL;
  g_autoptr(AplRendered) rendered = NULL;
  g_autoptr(AplRendered) french = NULL;
  g_autoptr(GError) error = NULL;
  AplOrganisation *organisation = apl_store_get_organisation (fixture->store);

  g_assert_true (apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_NAME, "Riverside Water", &error));
  g_assert_true (apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_PRESS_HOTLINE, "0800 123", &error));
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "incident", "en", "a leak", &error));
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "incident", "fr", "une fuite", &error));
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "site", NULL, "", &error));
  g_assert_no_error (error);

  en = add_message (fixture, "Statement", "email", "en",
                    "{{organisation}} knows of {{incident}} at {{site}}, {{date}}. Call {{hotline}}. {{ceo}}");
  g_assert_true (apl_message_set_field (en, APL_MESSAGE_FIELD_SUBJECT, "About {{incident}}", "Alex", &error));
  rendered = apl_message_render (en, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rendered->text, ==,
                   "About a leak\n\nRiverside Water knows of a leak at {{site}}, 1 January 2026. Call 0800 123. {{ceo}}");
  g_assert_cmpuint (rendered->unfilled->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rendered->unfilled, 0), ==, "site");
  g_assert_cmpuint (rendered->problems->len, ==, 1);
  g_assert_cmpstr (placeholder_at (rendered->problems, 0)->name, ==, "ceo");

  /* The French variant gets the French value and a French date. */
  fr = add_message (fixture, "Déclaration", "sms", "fr", "{{incident}}, le {{date}}");
  french = apl_message_render (fr, &error);
  g_assert_cmpstr (french->text, ==, "une fuite, le 1 janvier 2026");
  g_assert_cmpuint (french->unfilled->len, ==, 0);
}

/* Starter templates */

static void
test_starters (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *messages = apl_store_get_messages (fixture->store, fixture->plan, NULL);
  const char * const english[] = { "en", NULL };
  guint added;
  gboolean found_x = FALSE;

  added = apl_store_add_starter_messages (fixture->store, fixture->plan, english, "Alex", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 6);

  /* Adding French later links each one to its English original. */
  added = apl_store_add_starter_messages (fixture->store, fixture->plan, NULL, "Alex", &error);
  g_assert_cmpuint (added, ==, 6);
  g_assert_cmpuint (apl_store_add_starter_messages (fixture->store, fixture->plan, NULL, "Alex", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 12);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);
      g_autoptr(GPtrArray) variants = apl_store_get_variants (fixture->store, message, NULL);
      g_autoptr(GArray) found = apl_placeholder_parse (apl_message_get_body (message));
      g_autoptr(AplRendered) rendered = apl_message_render (message, NULL);

      g_assert_cmpuint (variants->len, ==, 2);
      /* Well-formed, and only placeholders every plan knows. */
      g_assert_cmpuint (rendered->problems->len, ==, 0);
      g_assert_cmpuint (found->len, >, 0);

      if (apl_message_get_channel (message) == APL_CHANNEL_X)
        {
          AplCount count = apl_channel_count (APL_CHANNEL_X, apl_message_get_body (message));

          found_x = TRUE;
          g_assert_false (count.over_limit);
        }
    }
  g_assert_true (found_x);
}

static void
test_sample_plan (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = apl_store_open (path, &error);
  g_autoptr(AplPlan) plan = apl_sample_plan_create (store, &error);
  GListModel *messages;
  g_autoptr(AplMessage) holding = NULL;
  g_autoptr(AplRendered) rendered = NULL;

  g_assert_no_error (error);
  messages = apl_store_get_messages (store, plan, &error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 12);

  holding = g_list_model_get_item (messages, 0);
  g_assert_cmpint (apl_message_get_phase (holding), ==, APL_PHASE_HOLDING_STATEMENT);
  rendered = apl_message_render (holding, &error);
  g_assert_no_error (error);
  /* The facts are filled in; only the time of the next update is left. */
  g_assert_nonnull (strstr (rendered->text, "bacterial contamination"));
  g_assert_cmpuint (rendered->unfilled->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rendered->unfilled, 0), ==, "next_update");

  apl_store_close (store);
  test_remove_tree (dir);
}

/* Command line */

static int
run_tool (const char  *path,
          char       **out,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("APLOMB_TOOL"));
  g_ptr_array_add (args, (gpointer) "--workspace");
  g_ptr_array_add (args, (gpointer) path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AplMessage) ready = add_message (fixture, "Ready\tnow", "sms", "en", "Hello {{organisation}}");
  g_autoptr(AplMessage) missing = add_message (fixture, "Missing", "x", "fr", "Incident: {{incident}} {{next_update}}");
  g_autoptr(AplMessage) broken = add_message (fixture, "Broken", "email", "en", "Hi\n  {{ }} and {{open");
  g_autofree char *plan_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_plan_get_id (fixture->plan));
  g_autofree char *ready_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_message_get_id (ready));
  g_autofree char *missing_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_message_get_id (missing));
  g_autofree char *broken_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_message_get_id (broken));
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL, *err = NULL;

  g_assert_true (apl_organisation_set_field (apl_store_get_organisation (fixture->store),
                                             APL_ORGANISATION_FIELD_NAME, "Riverside", &error));
  apl_store_close (fixture->store);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "list", plan_id, NULL), ==, 0);
  expected = g_strdup_printf ("%s\tReady now\tsms\ten\tholding-statement\n"
                              "%s\tMissing\tx\tfr\tholding-statement\n"
                              "%s\tBroken\temail\ten\tholding-statement\n",
                              ready_id, missing_id, broken_id);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "render", ready_id, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Hello Riverside\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "render", missing_id, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "incident, next_update"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "render", broken_id, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Line 2, character 3"));
  g_assert_nonnull (strstr (err, "Line 2, character 13"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "render", "999", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "list", "nope", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (fixture->path, &out, &err, "messages", "render", NULL), ==, 2);
  g_free (out);
  g_free (err);
}

/* Measured, not asserted: rendering and counting a 10 000-character message
 * happens on every keystroke and must stay far under a 16 ms frame. */
static void
test_keystroke_cost (void)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = repeat ("Nous avons connaissance de {{incident}} à {{time}} ; ", 190);
  gint64 start, elapsed;
  guint rounds = 50;

  g_hash_table_insert (values, "incident", "une contamination de l’eau");
  g_hash_table_insert (values, "time", "14:05");
  g_assert_cmpint (g_utf8_strlen (text, -1), >=, 10000);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(AplRendered) rendered = apl_placeholder_render (text, values);
      AplCount sms = apl_channel_count (APL_CHANNEL_SMS, rendered->text);
      AplCount x = apl_channel_count (APL_CHANNEL_X, rendered->text);

      g_assert_cmpuint (sms.count + x.count, >, 0);
    }
  elapsed = (g_get_monotonic_time () - start) / rounds;
  g_test_message ("render + count of %ld characters: %" G_GINT64_FORMAT " µs a keystroke",
                  g_utf8_strlen (text, -1), elapsed);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/messages/placeholders/positions", test_parse_positions);
  g_test_add_func ("/messages/placeholders/malformed", test_parse_malformed);
  g_test_add_func ("/messages/placeholders/nested-and-escaped", test_parse_nested_and_escaped);
  g_test_add_func ("/messages/placeholders/render", test_render);
  g_test_add_func ("/messages/count/sms", test_count_sms);
  g_test_add_func ("/messages/count/x-and-others", test_count_x_and_others);
  g_test_add_func ("/messages/diff", test_diff);
  g_test_add ("/messages/versions/coalesce", Fixture, NULL, fixture_set_up, test_versions_coalesce, fixture_tear_down);
  g_test_add ("/messages/versions/restore", Fixture, NULL, fixture_set_up, test_versions_restore, fixture_tear_down);
  g_test_add ("/messages/refused-values", Fixture, NULL, fixture_set_up, test_refused_values, fixture_tear_down);
  g_test_add ("/messages/variants", Fixture, NULL, fixture_set_up, test_variants, fixture_tear_down);
  g_test_add ("/messages/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/messages/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/messages/plan-purge-cascades", Fixture, NULL, fixture_set_up, test_plan_purge_cascades, fixture_tear_down);
  g_test_add ("/messages/render", Fixture, NULL, fixture_set_up, test_message_render, fixture_tear_down);
  g_test_add ("/messages/starters", Fixture, NULL, fixture_set_up, test_starters, fixture_tear_down);
  g_test_add_func ("/messages/sample-plan", test_sample_plan);
  g_test_add ("/messages/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add_func ("/messages/keystroke-cost", test_keystroke_cost);

  return g_test_run ();
}
