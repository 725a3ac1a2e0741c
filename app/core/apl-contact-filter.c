/* apl-contact-filter.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which contacts to show: what a list filters on, and the short text a
 * filter-defined segment keeps in the workspace, such as
 * "kind=journalist;beat=health;language=fr;relationship=warm,trusted".
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-filter.h"
#include "apl-error.h"

G_DEFINE_BOXED_TYPE (AplContactFilter, apl_contact_filter,
                     apl_contact_filter_copy, apl_contact_filter_free)

AplContactFilter *
apl_contact_filter_new (void)
{
  return g_new0 (AplContactFilter, 1);
}

AplContactFilter *
apl_contact_filter_copy (const AplContactFilter *filter)
{
  AplContactFilter *copy = g_new0 (AplContactFilter, 1);

  *copy = *filter;
  copy->search = g_strdup (filter->search);
  copy->beat = g_strdup (filter->beat);
  copy->language = g_strdup (filter->language);
  copy->country = g_strdup (filter->country);
  return copy;
}

void
apl_contact_filter_free (AplContactFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->search);
  g_free (filter->beat);
  g_free (filter->language);
  g_free (filter->country);
  g_free (filter);
}

static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

gboolean
apl_contact_filter_equal (const AplContactFilter *a,
                          const AplContactFilter *b)
{
  return text_equal (a->search, b->search)
         && a->kinds == b->kinds
         && a->relationships == b->relationships
         && text_equal (a->beat, b->beat)
         && text_equal (a->language, b->language)
         && text_equal (a->country, b->country)
         && a->stale_only == b->stale_only
         && a->include_do_not_contact == b->include_do_not_contact
         && a->segment_id == b->segment_id;
}

static void
append_pair (GString    *out,
             const char *key,
             const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, ",", TRUE);

  if (out->len > 0)
    g_string_append_c (out, ';');
  g_string_append_printf (out, "%s=%s", key, escaped);
}

static void
append_mask (GString    *out,
             const char *key,
             guint       mask,
             guint       n,
             const char *(*to_string) (int))
{
  GString *list;

  if (mask == 0)
    return;
  list = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    if (mask & (1u << i))
      g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", to_string ((int) i));
  append_pair (out, key, list->str);
  g_string_free (list, TRUE);
}

static const char *
kind_name (int i)
{
  return apl_contact_kind_to_string ((AplContactKind) i);
}

static const char *
relationship_name (int i)
{
  return apl_contact_relationship_to_string ((AplContactRelationship) i);
}

/**
 * apl_contact_filter_to_string:
 *
 * Returns: (transfer full): the filter as a short "key=value;..." text that
 * apl_contact_filter_parse() reads back; segment membership is not part of it
 */
char *
apl_contact_filter_to_string (const AplContactFilter *filter)
{
  GString *out = g_string_new (NULL);

  append_mask (out, "kind", filter->kinds, APL_CONTACT_N_KINDS, kind_name);
  append_mask (out, "relationship", filter->relationships, APL_CONTACT_N_RELATIONSHIPS, relationship_name);
  if (filter->beat && *filter->beat)
    append_pair (out, "beat", filter->beat);
  if (filter->language && *filter->language)
    append_pair (out, "language", filter->language);
  if (filter->country && *filter->country)
    append_pair (out, "country", filter->country);
  if (filter->search && *filter->search)
    append_pair (out, "search", filter->search);
  if (filter->stale_only)
    append_pair (out, "stale", "yes");
  if (filter->include_do_not_contact)
    append_pair (out, "do-not-contact", "yes");
  return g_string_free (out, FALSE);
}

/**
 * apl_contact_filter_parse:
 *
 * Reads what apl_contact_filter_to_string() wrote, or what a user typed
 * on the command line.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL with an
 * %APL_STORE_ERROR_INVALID error naming the part that is wrong
 */
AplContactFilter *
apl_contact_filter_parse (const char  *text,
                          GError     **error)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_auto(GStrv) pairs = g_strsplit (text ? text : "", ";", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      char *equals = strchr (pair, '=');
      g_autofree char *value = NULL;
      const char *key = pair;

      if (*pair == '\0')
        continue;
      if (equals == NULL)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("“%s” in the segment’s filter is not of the form name=value."), pair);
          return NULL;
        }
      *equals = '\0';
      g_strstrip (pair);
      value = g_uri_unescape_string (g_strstrip (equals + 1), NULL);
      if (value == NULL)
        value = g_strdup (equals + 1);

      if (strcmp (key, "kind") == 0 || strcmp (key, "relationship") == 0)
        {
          gboolean is_kind = strcmp (key, "kind") == 0;
          g_auto(GStrv) items = g_strsplit (value, ",", -1);

          for (guint j = 0; items[j] != NULL; j++)
            {
              AplContactKind kind;
              AplContactRelationship relationship;

              g_strstrip (items[j]);
              if (items[j][0] == '\0')
                continue;
              if (is_kind && apl_contact_kind_from_string (items[j], &kind))
                filter->kinds |= 1u << kind;
              else if (!is_kind && apl_contact_relationship_from_string (items[j], &relationship))
                filter->relationships |= 1u << relationship;
              else
                {
                  g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                               is_kind ? _("“%s” is not a kind of contact.") : _("“%s” is not a relationship."),
                               items[j]);
                  return NULL;
                }
            }
        }
      else if (strcmp (key, "beat") == 0)
        g_free (filter->beat), filter->beat = g_steal_pointer (&value);
      else if (strcmp (key, "language") == 0)
        g_free (filter->language), filter->language = g_steal_pointer (&value);
      else if (strcmp (key, "country") == 0)
        g_free (filter->country), filter->country = g_steal_pointer (&value);
      else if (strcmp (key, "search") == 0)
        g_free (filter->search), filter->search = g_steal_pointer (&value);
      else if (strcmp (key, "stale") == 0)
        filter->stale_only = g_ascii_strcasecmp (value, "yes") == 0 || strcmp (value, "1") == 0;
      else if (strcmp (key, "do-not-contact") == 0)
        filter->include_do_not_contact = g_ascii_strcasecmp (value, "yes") == 0 || strcmp (value, "1") == 0;
      else
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("The segment’s filter has an unknown part “%s” (known: kind, relationship, beat, language, country, search, stale, do-not-contact)."),
                       key);
          return NULL;
        }
    }

  return g_steal_pointer (&filter);
}

/**
 * apl_contact_search_to_query:
 * @text: what the user typed
 *
 * Turns typed words into a full-text query where every word must start a
 * word of the contact ("lefev mar" finds "Marie Lefèvre"). Punctuation
 * splits words, as the index does: "jane@exa" finds "jane@example.org".
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @text
 * holds no word
 */
char *
apl_contact_search_to_query (const char *text)
{
  GString *query = g_string_new (NULL);
  GString *word = g_string_new (NULL);
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  for (p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          /* Each word is quoted, so FTS5 operators typed by the user
           * (AND, NOT, "*") are taken as plain text. */
          g_string_append_printf (query, "%s\"%s\"*", query->len > 0 ? " " : "", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}
