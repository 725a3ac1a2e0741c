/* apl-contact.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A media or influencer contact. The contact book creates these objects
 * only for the rows somebody looks at; setters write through to the
 * workspace and change the object only once the change is on disk.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "apl-contact-private.h"
#include "apl-text.h"

#define NAME_MAX_CHARS 200
#define LINE_MAX_BYTES 2000
#define TEXT_MAX_BYTES (64 * 1024)

static const char * const kind_keys[APL_CONTACT_N_KINDS] = {
  "journalist", "editor", "producer", "columnist", "influencer",
  "blogger", "podcaster", "analyst", "other",
};

static const char * const relationship_keys[APL_CONTACT_N_RELATIONSHIPS] = {
  "cold", "warm", "trusted",
};

/* Stable keys: property names, filter descriptions, CSV headers. */
static const char * const field_keys[APL_CONTACT_N_FIELDS] = {
  "name", "kind", "outlet", "role", "beats", "languages", "region", "country",
  "emails", "phones", "socials", "website", "reach", "relationship", "owner",
  "notes", "last-contacted", "last-verified", "do-not-contact", "dnc-reason",
  "lawful-basis", "source",
};

static gint n_alive;

/* Enumerations */

/* apl_text_fold(), which ASCII text does not need: there it is lower case.
 * Every imported row goes through here several times. */
static char *
fold (const char *text)
{
  if (g_str_is_ascii (text))
    return g_ascii_strdown (text, -1);
  return apl_text_fold (text);
}

const char *
apl_contact_kind_to_string (AplContactKind kind)
{
  return kind < APL_CONTACT_N_KINDS ? kind_keys[kind] : "other";
}

/* Besides the keys, the words people put in spreadsheets, in English and
 * French; compared without case or accents. */
gboolean
apl_contact_kind_from_string (const char     *text,
                              AplContactKind *kind)
{
  static const struct { const char *word; AplContactKind kind; } synonyms[] = {
    { "journaliste", APL_CONTACT_KIND_JOURNALIST },
    { "reporter", APL_CONTACT_KIND_JOURNALIST },
    { "correspondent", APL_CONTACT_KIND_JOURNALIST },
    { "correspondant", APL_CONTACT_KIND_JOURNALIST },
    { "redacteur", APL_CONTACT_KIND_EDITOR },
    { "redactrice", APL_CONTACT_KIND_EDITOR },
    { "redacteur en chef", APL_CONTACT_KIND_EDITOR },
    { "editeur", APL_CONTACT_KIND_EDITOR },
    { "producteur", APL_CONTACT_KIND_PRODUCER },
    { "productrice", APL_CONTACT_KIND_PRODUCER },
    { "chroniqueur", APL_CONTACT_KIND_COLUMNIST },
    { "chroniqueuse", APL_CONTACT_KIND_COLUMNIST },
    { "editorialiste", APL_CONTACT_KIND_COLUMNIST },
    { "influenceur", APL_CONTACT_KIND_INFLUENCER },
    { "influenceuse", APL_CONTACT_KIND_INFLUENCER },
    { "creator", APL_CONTACT_KIND_INFLUENCER },
    { "blogueur", APL_CONTACT_KIND_BLOGGER },
    { "blogueuse", APL_CONTACT_KIND_BLOGGER },
    { "podcasteur", APL_CONTACT_KIND_PODCASTER },
    { "podcasteuse", APL_CONTACT_KIND_PODCASTER },
    { "analyste", APL_CONTACT_KIND_ANALYST },
    { "autre", APL_CONTACT_KIND_OTHER },
  };
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = fold (text);
  g_strstrip (folded);
  for (guint i = 0; i < APL_CONTACT_N_KINDS; i++)
    if (strcmp (folded, kind_keys[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (strcmp (folded, synonyms[i].word) == 0)
      {
        *kind = synonyms[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_contact_kind_get_label (AplContactKind kind)
{
  switch (kind)
    {
    case APL_CONTACT_KIND_JOURNALIST: return _("Journalist");
    case APL_CONTACT_KIND_EDITOR: return _("Editor");
    case APL_CONTACT_KIND_PRODUCER: return _("Producer");
    case APL_CONTACT_KIND_COLUMNIST: return _("Columnist");
    case APL_CONTACT_KIND_INFLUENCER: return _("Influencer");
    case APL_CONTACT_KIND_BLOGGER: return _("Blogger");
    case APL_CONTACT_KIND_PODCASTER: return _("Podcaster");
    case APL_CONTACT_KIND_ANALYST: return _("Analyst");
    case APL_CONTACT_KIND_OTHER:
    case APL_CONTACT_N_KINDS:
    default:
      return _("Other");
    }
}

const char *
apl_contact_relationship_to_string (AplContactRelationship relationship)
{
  return relationship < APL_CONTACT_N_RELATIONSHIPS ? relationship_keys[relationship] : "cold";
}

gboolean
apl_contact_relationship_from_string (const char             *text,
                                      AplContactRelationship *relationship)
{
  static const struct { const char *word; AplContactRelationship value; } synonyms[] = {
    { "froid", APL_CONTACT_RELATIONSHIP_COLD },
    { "froide", APL_CONTACT_RELATIONSHIP_COLD },
    { "tiede", APL_CONTACT_RELATIONSHIP_WARM },
    { "chaud", APL_CONTACT_RELATIONSHIP_WARM },
    { "de confiance", APL_CONTACT_RELATIONSHIP_TRUSTED },
    { "confiance", APL_CONTACT_RELATIONSHIP_TRUSTED },
  };
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = fold (text);
  g_strstrip (folded);
  for (guint i = 0; i < APL_CONTACT_N_RELATIONSHIPS; i++)
    if (strcmp (folded, relationship_keys[i]) == 0)
      {
        *relationship = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (strcmp (folded, synonyms[i].word) == 0)
      {
        *relationship = synonyms[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_contact_relationship_get_label (AplContactRelationship relationship)
{
  switch (relationship)
    {
    case APL_CONTACT_RELATIONSHIP_WARM: return _("Warm");
    case APL_CONTACT_RELATIONSHIP_TRUSTED: return _("Trusted");
    case APL_CONTACT_RELATIONSHIP_COLD:
    case APL_CONTACT_N_RELATIONSHIPS:
    default:
      return _("Cold");
    }
}

const char *
apl_contact_field_to_string (AplContactField field)
{
  g_return_val_if_fail (field < APL_CONTACT_N_FIELDS, NULL);
  return field_keys[field];
}

const char *
apl_contact_field_get_label (AplContactField field)
{
  switch (field)
    {
    case APL_CONTACT_FIELD_NAME: return _("Name");
    case APL_CONTACT_FIELD_KIND: return _("Kind");
    case APL_CONTACT_FIELD_OUTLET: return _("Outlet");
    case APL_CONTACT_FIELD_ROLE: return _("Role");
    case APL_CONTACT_FIELD_BEATS: return _("Beats");
    case APL_CONTACT_FIELD_LANGUAGES: return _("Languages");
    case APL_CONTACT_FIELD_REGION: return _("Region");
    case APL_CONTACT_FIELD_COUNTRY: return _("Country");
    case APL_CONTACT_FIELD_EMAILS: return _("E-mails");
    case APL_CONTACT_FIELD_PHONES: return _("Phones");
    case APL_CONTACT_FIELD_SOCIALS: return _("Social media");
    case APL_CONTACT_FIELD_WEBSITE: return _("Website");
    case APL_CONTACT_FIELD_REACH: return _("Audience reach");
    case APL_CONTACT_FIELD_RELATIONSHIP: return _("Relationship");
    case APL_CONTACT_FIELD_OWNER: return _("Relationship owner");
    case APL_CONTACT_FIELD_NOTES: return _("Notes");
    case APL_CONTACT_FIELD_LAST_CONTACTED: return _("Last contacted");
    case APL_CONTACT_FIELD_LAST_VERIFIED: return _("Last verified");
    case APL_CONTACT_FIELD_DO_NOT_CONTACT: return _("Do not contact");
    case APL_CONTACT_FIELD_DNC_REASON: return _("Reason not to contact");
    case APL_CONTACT_FIELD_LAWFUL_BASIS: return _("Consent or lawful basis");
    case APL_CONTACT_FIELD_SOURCE: return _("Source of the data");
    case APL_CONTACT_N_FIELDS:
    default:
      return "";
    }
}

/* Normalization */

static gboolean invalid (GError     **error,
                         const char  *format,
                         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, message);
  return FALSE;
}

static char *
one_line (const char *value)
{
  char *line = g_strdup (value);

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return g_strstrip (line);
}

/* Splits on any of @separators, trims, drops empty and repeated items
 * (ignoring case) and joins with @joiner. */
static char *
join_items (const char *value,
            const char *separators,
            const char *joiner)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  GString *out;

  /* Most values hold one item: nothing to split or compare. */
  if (strpbrk (value, separators) == NULL)
    return g_strstrip (g_strdup (value));

  items = g_strsplit_set (value, separators, -1);
  seen = g_ptr_array_new_with_free_func (g_free);
  out = g_string_new (NULL);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      g_autofree char *folded = NULL;
      gboolean repeated = FALSE;

      if (*item == '\0')
        continue;
      /* Case folding leaves ASCII text in lower case: spare it the tables. */
      folded = g_str_is_ascii (item) ? g_ascii_strdown (item, -1) : g_utf8_casefold (item, -1);
      for (guint j = 0; j < seen->len && !repeated; j++)
        repeated = strcmp (g_ptr_array_index (seen, j), folded) == 0;
      if (repeated)
        continue;
      g_ptr_array_add (seen, g_steal_pointer (&folded));
      if (out->len > 0)
        g_string_append (out, joiner);
      g_string_append (out, item);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (strchr (at + 1, '.') == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';')
      return FALSE;
  return TRUE;
}

static char *
normalize_emails (const char  *value,
                  GError     **error)
{
  g_auto(GStrv) items = g_strsplit_set (value, " \t\r\n,;", -1);
  GString *list = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = items[i];
      size_t len;

      if (g_ascii_strncasecmp (item, "mailto:", 7) == 0)
        item += 7;
      if (*item == '<')
        item++;
      len = strlen (item);
      if (len > 0 && item[len - 1] == '>')
        item[len - 1] = '\0';
      if (*item == '\0')
        continue;
      if (!is_email (item) || strlen (item) > 254)
        {
          g_string_free (list, TRUE);
          invalid (error, _("“%s” is not an e-mail address."), item);
          return NULL;
        }
      g_string_append_printf (list, "%s%s", list->len > 0 ? "\n" : "", item);
    }

  {
    g_autofree char *joined = g_string_free (list, FALSE);

    return join_items (joined, "\n", "\n");
  }
}

static char *
normalize_phones (const char  *value,
                  GError     **error)
{
  g_autofree char *joined = join_items (value, "\r\n;", "\n");
  g_auto(GStrv) items = g_strsplit (joined, "\n", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint digits = 0;

      for (const char *p = items[i]; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          digits++;
      if (digits < 3 || strlen (items[i]) > 60)
        {
          invalid (error, _("“%s” is not a phone number."), items[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&joined);
}

/* "x: @name" with a known network in lower case; anything else as typed. */
static char *
normalize_socials (const char *value)
{
  g_autofree char *joined = join_items (value, "\r\n;", "\n");
  g_auto(GStrv) items = g_strsplit (joined, "\n", -1);
  const char * const *networks = apl_contact_social_networks ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *colon = strchr (items[i], ':');
      g_autofree char *network = NULL;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (colon != NULL && !g_str_has_prefix (colon, "://"))
        {
          network = g_ascii_strdown (items[i], colon - items[i]);
          g_strstrip (network);
          if (strcmp (network, "twitter") == 0)
            {
              g_free (network);
              network = g_strdup ("x");
            }
          if (g_strv_contains (networks, network))
            {
              g_autofree char *handle = g_strdup (colon + 1);

              g_string_append_printf (out, "%s: %s", network, g_strstrip (handle));
              continue;
            }
        }
      g_string_append (out, items[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
normalize_date (const char  *value,
                GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  int y = 0, m = 0, d = 0;
  char tail = 0;

  if (*text == '\0')
    return g_strdup ("");

  /* 2025-03-14, 2025-03-14T10:00:00Z, 20250314 (vCard), 14/03/2025 (French). */
  if ((sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) >= 3
       && (tail == 0 || tail == 'T' || tail == ' '))
      || (strlen (text) >= 8 && g_ascii_isdigit (text[7]) && sscanf (text, "%4d%2d%2d", &y, &m, &d) == 3)
      || sscanf (text, "%2d/%2d/%4d", &d, &m, &y) == 3
      || sscanf (text, "%2d.%2d.%4d", &d, &m, &y) == 3)
    {
      if (y >= 1900 && y <= 9999 && g_date_valid_dmy (d, m, y))
        return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    }
  invalid (error, _("“%s” is not a date: write it as YYYY-MM-DD."), value);
  return NULL;
}

static char *
normalize_reach (const char  *value,
                 GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  GString *digits = g_string_new (NULL);
  guint64 multiplier = 1;
  guint64 number;
  const char *p;
  int decimals = -1;

  if (*text == '\0')
    {
      g_string_free (digits, TRUE);
      return g_strdup ("");
    }

  /* "12 000", "12,000", "1.2M", "45k". */
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          if (decimals >= 0)
            decimals++;
        }
      else if (g_unichar_isspace (c) || c == 0x202F || c == '\'')
        continue;
      else if ((c == ',' || c == '.') && p[1] != '\0' && g_ascii_isdigit (p[1]))
        {
          /* A separator followed by exactly three digits groups thousands;
           * otherwise it is a decimal point before a k or M. */
          if (strlen (p + 1) >= 3 && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
              && (p[4] == '\0' || !g_ascii_isdigit (p[4])) && !g_ascii_isalpha (p[4]))
            continue;
          decimals = 0;
        }
      else if ((c == 'k' || c == 'K') && p[1] == '\0')
        multiplier = 1000;
      else if ((c == 'm' || c == 'M') && p[1] == '\0')
        multiplier = 1000000;
      else
        {
          g_string_free (digits, TRUE);
          invalid (error, _("“%s” is not a number of people."), value);
          return NULL;
        }
    }
  if (digits->len == 0 || digits->len > 15)
    {
      g_string_free (digits, TRUE);
      invalid (error, _("“%s” is not a number of people."), value);
      return NULL;
    }
  number = g_ascii_strtoull (digits->str, NULL, 10) * multiplier;
  for (; decimals > 0; decimals--)
    number /= 10;
  g_string_free (digits, TRUE);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, number);
}

static char *
normalize_flag (const char  *value,
                GError     **error)
{
  static const char * const yes[] = { "1", "yes", "y", "true", "x", "oui", "o", "vrai", NULL };
  static const char * const no[] = { "", "0", "no", "n", "false", "non", "faux", NULL };
  g_autofree char *folded = fold (value);

  g_strstrip (folded);
  if (g_strv_contains (yes, folded))
    return g_strdup ("1");
  if (g_strv_contains (no, folded))
    return g_strdup ("0");
  invalid (error, _("“%s” is neither yes nor no."), value);
  return NULL;
}

/**
 * apl_contact_normalize_field:
 * @value: (nullable): what the user typed or the file held
 *
 * Checks a value and puts it in the form the workspace keeps.
 *
 * Returns: (transfer full) (nullable): the value to store ("" for empty),
 * or %NULL with an %APL_STORE_ERROR_INVALID error the user can act on
 */
char *
apl_contact_normalize_field (AplContactField   field,
                             const char       *value,
                             GError          **error)
{
  g_return_val_if_fail (field < APL_CONTACT_N_FIELDS, NULL);

  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("The text is not valid UTF-8."));
      return NULL;
    }

  switch (field)
    {
    case APL_CONTACT_FIELD_NAME:
      {
        g_autofree char *name = one_line (value);

        if (*name == '\0')
          {
            g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                                 _("A contact needs a name."));
            return NULL;
          }
        if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
          {
            g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                         _("A name can have at most %d characters."), NAME_MAX_CHARS);
            return NULL;
          }
        return g_steal_pointer (&name);
      }

    case APL_CONTACT_FIELD_KIND:
      {
        AplContactKind kind;

        if (!apl_contact_kind_from_string (value, &kind))
          {
            invalid (error, _("“%s” is not a kind of contact (journalist, editor, producer, columnist, influencer, blogger, podcaster, analyst or other)."), value);
            return NULL;
          }
        return g_strdup (kind_keys[kind]);
      }

    case APL_CONTACT_FIELD_RELATIONSHIP:
      {
        AplContactRelationship relationship;

        if (!apl_contact_relationship_from_string (value, &relationship))
          {
            invalid (error, _("“%s” is not a relationship (cold, warm or trusted)."), value);
            return NULL;
          }
        return g_strdup (relationship_keys[relationship]);
      }

    case APL_CONTACT_FIELD_BEATS:
    case APL_CONTACT_FIELD_LANGUAGES:
      if (strlen (value) > LINE_MAX_BYTES)
        goto too_long;
      return join_items (value, ",;\r\n", ", ");

    case APL_CONTACT_FIELD_EMAILS:
      if (strlen (value) > LINE_MAX_BYTES)
        goto too_long;
      return normalize_emails (value, error);

    case APL_CONTACT_FIELD_PHONES:
      if (strlen (value) > LINE_MAX_BYTES)
        goto too_long;
      return normalize_phones (value, error);

    case APL_CONTACT_FIELD_SOCIALS:
      if (strlen (value) > LINE_MAX_BYTES)
        goto too_long;
      return normalize_socials (value);

    case APL_CONTACT_FIELD_REACH:
      return normalize_reach (value, error);

    case APL_CONTACT_FIELD_LAST_CONTACTED:
    case APL_CONTACT_FIELD_LAST_VERIFIED:
      return normalize_date (value, error);

    case APL_CONTACT_FIELD_DO_NOT_CONTACT:
      return normalize_flag (value, error);

    case APL_CONTACT_FIELD_NOTES:
      if (strlen (value) > TEXT_MAX_BYTES)
        goto too_long;
      {
        char *notes = g_strdup (value);

        return g_strstrip (notes);
      }

    case APL_CONTACT_FIELD_OUTLET:
    case APL_CONTACT_FIELD_ROLE:
    case APL_CONTACT_FIELD_REGION:
    case APL_CONTACT_FIELD_COUNTRY:
    case APL_CONTACT_FIELD_WEBSITE:
    case APL_CONTACT_FIELD_OWNER:
    case APL_CONTACT_FIELD_DNC_REASON:
    case APL_CONTACT_FIELD_LAWFUL_BASIS:
    case APL_CONTACT_FIELD_SOURCE:
    case APL_CONTACT_N_FIELDS:
    default:
      if (strlen (value) > LINE_MAX_BYTES)
        goto too_long;
      return one_line (value);
    }

too_long:
  g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
               _("The text for “%s” is too long."), apl_contact_field_get_label (field));
  return NULL;
}

/* Records */

void
_apl_contact_record_clear (AplContactRecord *record)
{
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    g_clear_pointer (&record->fields[i], g_free);
  g_clear_pointer (&record->created, g_free);
  g_clear_pointer (&record->updated, g_free);
  record->id = 0;
}

gboolean
_apl_contact_record_is_empty (const AplContactRecord *record,
                              AplContactField         field)
{
  return record->fields[field] == NULL || record->fields[field][0] == '\0';
}

void
_apl_contact_record_set (AplContactRecord *record,
                         AplContactField   field,
                         const char       *value)
{
  g_free (record->fields[field]);
  record->fields[field] = g_strdup (value);
}

/* Adds an item to a list field (one a line). */
void
_apl_contact_record_append (AplContactRecord *record,
                            AplContactField   field,
                            const char       *item)
{
  char *old = record->fields[field];

  if (item == NULL || *item == '\0')
    return;
  record->fields[field] = (old == NULL || *old == '\0')
    ? g_strdup (item)
    : g_strconcat (old, "\n", item, NULL);
  g_free (old);
}

/* Normalizes every field; an empty kind or relationship takes its default. */
gboolean
_apl_contact_record_normalize (AplContactRecord  *record,
                               GError           **error)
{
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *value;

      if ((i == APL_CONTACT_FIELD_KIND || i == APL_CONTACT_FIELD_RELATIONSHIP)
          && _apl_contact_record_is_empty (record, i))
        {
          _apl_contact_record_set (record, i, i == APL_CONTACT_FIELD_KIND ? "journalist" : "cold");
          continue;
        }

      value = apl_contact_normalize_field (i, record->fields[i], &local_error);
      if (value == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_free (record->fields[i]);
      record->fields[i] = value;
    }
  return TRUE;
}

static gboolean
is_list_field (AplContactField field)
{
  return field == APL_CONTACT_FIELD_EMAILS || field == APL_CONTACT_FIELD_PHONES
         || field == APL_CONTACT_FIELD_SOCIALS || field == APL_CONTACT_FIELD_BEATS
         || field == APL_CONTACT_FIELD_LANGUAGES;
}

/* A duplicate found on import: the existing contact keeps what it has,
 * takes what it lacks, and gains the other record's list items. Both
 * records are normalized. */
void
_apl_contact_record_merge (AplContactRecord       *into,
                           const AplContactRecord *from)
{
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    {
      if (_apl_contact_record_is_empty (from, i))
        continue;
      if (i == APL_CONTACT_FIELD_DO_NOT_CONTACT)
        {
          /* Someone asking not to be contacted wins over an older list. */
          if (g_strcmp0 (from->fields[i], "1") == 0)
            _apl_contact_record_set (into, i, "1");
        }
      else if (_apl_contact_record_is_empty (into, i))
        _apl_contact_record_set (into, i, from->fields[i]);
      else if (is_list_field (i))
        {
          const char *joiner = (i == APL_CONTACT_FIELD_BEATS || i == APL_CONTACT_FIELD_LANGUAGES) ? ", " : "\n";
          g_autofree char *both = g_strconcat (into->fields[i], joiner, from->fields[i], NULL);
          char *merged = join_items (both, i == APL_CONTACT_FIELD_BEATS || i == APL_CONTACT_FIELD_LANGUAGES ? "," : "\n", joiner);

          g_free (into->fields[i]);
          into->fields[i] = merged;
        }
      else if ((i == APL_CONTACT_FIELD_LAST_VERIFIED || i == APL_CONTACT_FIELD_LAST_CONTACTED)
               && g_strcmp0 (from->fields[i], into->fields[i]) > 0)
        _apl_contact_record_set (into, i, from->fields[i]);
    }
}

/* AplContact */

struct _AplContact
{
  GObject           parent_instance;

  AplContactBook   *book;          /* weak */
  gint64            id;
  char             *fields[APL_CONTACT_N_FIELDS];
  char             *created;
  char             *updated;
};

G_DEFINE_FINAL_TYPE (AplContact, apl_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND_LABEL,
  PROP_RELATIONSHIP_LABEL,
  PROP_STALE,
  PROP_FIELD_FIRST,
  N_PROPS = PROP_FIELD_FIRST + APL_CONTACT_N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
apl_contact_finalize (GObject *object)
{
  AplContact *self = APL_CONTACT (object);

  _apl_contact_detach (self);
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->created);
  g_free (self->updated);
  g_atomic_int_add (&n_alive, -1);
  G_OBJECT_CLASS (apl_contact_parent_class)->finalize (object);
}

static void
apl_contact_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AplContact *self = APL_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, apl_contact_kind_get_label (apl_contact_get_kind (self)));
      break;
    case PROP_RELATIONSHIP_LABEL:
      g_value_set_string (value, apl_contact_relationship_get_label (apl_contact_get_relationship (self)));
      break;
    case PROP_STALE:
      g_value_set_boolean (value, apl_contact_get_stale (self));
      break;
    default:
      if (prop_id >= PROP_FIELD_FIRST && prop_id < N_PROPS)
        g_value_set_string (value, apl_contact_get_field (self, prop_id - PROP_FIELD_FIRST));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_contact_class_init (AplContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_contact_finalize;
  object_class->get_property = apl_contact_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RELATIONSHIP_LABEL] =
    g_param_spec_string ("relationship-label", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    properties[PROP_FIELD_FIRST + i] =
      g_param_spec_string (field_keys[i], NULL, NULL, "",
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_contact_init (AplContact *self)
{
  g_atomic_int_inc (&n_alive);
}

/* Takes the record's strings. */
AplContact *
_apl_contact_new (AplContactBook   *book,
                  AplContactRecord *record)
{
  AplContact *self = g_object_new (APL_TYPE_CONTACT, NULL);

  self->book = book;
  g_object_add_weak_pointer (G_OBJECT (book), (gpointer *) &self->book);
  self->id = record->id;
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    self->fields[i] = g_steal_pointer (&record->fields[i]);
  self->created = g_steal_pointer (&record->created);
  self->updated = g_steal_pointer (&record->updated);
  return self;
}

void
_apl_contact_detach (AplContact *self)
{
  if (self->book != NULL)
    {
      _apl_contact_book_forget (self->book, self->id, self);
      g_object_remove_weak_pointer (G_OBJECT (self->book), (gpointer *) &self->book);
      self->book = NULL;
    }
}

AplContactBook *
_apl_contact_get_book (AplContact *self)
{
  return self->book;
}

void
_apl_contact_apply_field (AplContact      *self,
                          AplContactField  field,
                          const char      *value,
                          const char      *updated)
{
  if (g_strcmp0 (self->fields[field], value) != 0)
    {
      g_free (self->fields[field]);
      self->fields[field] = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD_FIRST + field]);
      if (field == APL_CONTACT_FIELD_KIND)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
      else if (field == APL_CONTACT_FIELD_RELATIONSHIP)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP_LABEL]);
      else if (field == APL_CONTACT_FIELD_LAST_VERIFIED)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
    }
  if (updated != NULL)
    {
      g_free (self->updated);
      self->updated = g_strdup (updated);
    }
}

/* Public API */

gint64
apl_contact_get_id (AplContact *self)
{
  g_return_val_if_fail (APL_IS_CONTACT (self), 0);
  return self->id;
}

/**
 * apl_contact_get_field:
 *
 * Returns: (transfer none): the field's text, "" when empty
 */
const char *
apl_contact_get_field (AplContact      *self,
                       AplContactField  field)
{
  g_return_val_if_fail (APL_IS_CONTACT (self), NULL);
  g_return_val_if_fail (field < APL_CONTACT_N_FIELDS, NULL);
  return self->fields[field] ? self->fields[field] : "";
}

/**
 * apl_contact_set_field:
 *
 * Checks the value, writes it to the workspace in its own transaction, and
 * only then changes the contact and notifies. On an invalid value the
 * contact keeps its old one and @error says why.
 */
gboolean
apl_contact_set_field (AplContact       *self,
                       AplContactField   field,
                       const char       *value,
                       GError          **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *updated = NULL;

  g_return_val_if_fail (APL_IS_CONTACT (self), FALSE);
  g_return_val_if_fail (field < APL_CONTACT_N_FIELDS, FALSE);

  clean = apl_contact_normalize_field (field, value, error);
  if (clean == NULL)
    return FALSE;
  if (g_strcmp0 (clean, apl_contact_get_field (self, field)) == 0)
    return TRUE;

  if (self->book == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                           _("The workspace is closed."));
      return FALSE;
    }

  if (!_apl_contact_book_write_field (self->book, self->id, field, clean, &updated, error))
    return FALSE;

  _apl_contact_apply_field (self, field, clean, updated);
  return TRUE;
}

const char *
apl_contact_get_name (AplContact *self)
{
  return apl_contact_get_field (self, APL_CONTACT_FIELD_NAME);
}

const char *
apl_contact_get_outlet (AplContact *self)
{
  return apl_contact_get_field (self, APL_CONTACT_FIELD_OUTLET);
}

AplContactKind
apl_contact_get_kind (AplContact *self)
{
  AplContactKind kind = APL_CONTACT_KIND_OTHER;

  g_return_val_if_fail (APL_IS_CONTACT (self), APL_CONTACT_KIND_OTHER);
  apl_contact_kind_from_string (self->fields[APL_CONTACT_FIELD_KIND], &kind);
  return kind;
}

AplContactRelationship
apl_contact_get_relationship (AplContact *self)
{
  AplContactRelationship relationship = APL_CONTACT_RELATIONSHIP_COLD;

  g_return_val_if_fail (APL_IS_CONTACT (self), APL_CONTACT_RELATIONSHIP_COLD);
  apl_contact_relationship_from_string (self->fields[APL_CONTACT_FIELD_RELATIONSHIP], &relationship);
  return relationship;
}

gboolean
apl_contact_get_do_not_contact (AplContact *self)
{
  g_return_val_if_fail (APL_IS_CONTACT (self), FALSE);
  return g_strcmp0 (self->fields[APL_CONTACT_FIELD_DO_NOT_CONTACT], "1") == 0;
}

/**
 * apl_contact_get_stale:
 *
 * Returns: whether nobody has checked the contact within the book's
 * freshness period (never verified counts as stale)
 */
gboolean
apl_contact_get_stale (AplContact *self)
{
  g_autofree char *cutoff = NULL;
  const char *verified;

  g_return_val_if_fail (APL_IS_CONTACT (self), FALSE);

  if (self->book == NULL)
    return FALSE;
  verified = self->fields[APL_CONTACT_FIELD_LAST_VERIFIED];
  if (verified == NULL || *verified == '\0')
    return TRUE;
  cutoff = apl_contact_book_get_stale_cutoff (self->book);
  return strcmp (verified, cutoff) < 0;
}

/**
 * apl_contact_mark_verified:
 *
 * "Still right": sets the last verified date to today.
 */
gboolean
apl_contact_mark_verified (AplContact  *self,
                           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return apl_contact_set_field (self, APL_CONTACT_FIELD_LAST_VERIFIED, today, error);
}

const char *
apl_contact_get_updated (AplContact *self)
{
  g_return_val_if_fail (APL_IS_CONTACT (self), NULL);
  return self->updated;
}

/**
 * apl_contact_get_n_alive:
 *
 * Returns: how many contact objects exist in this process; the list model
 * promises to create only those on screen, and tests hold it to that
 */
guint
apl_contact_get_n_alive (void)
{
  return (guint) g_atomic_int_get (&n_alive);
}
