/* apl-vcard.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCard 2.1, 3.0 and 4.0 as address books write them (Thunderbird,
 * Evolution, GNOME Contacts, Outlook, Android, iOS): folded lines,
 * QUOTED-PRINTABLE with soft line breaks and CHARSET in 2.1, escapes,
 * parameters with or without names, grouped properties (item1.EMAIL).
 * Photos and other binary properties are skipped as they stream past.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-formats.h"

struct _AplVCardReader
{
  AplTextInput *input;
  GString      *pending;        /* the physical line read ahead */
  guint         pending_line;
  gboolean      pending_too_long;
  gboolean      has_pending;
  gboolean      started;
  gboolean      seen_card;
  gboolean      replay_begin;   /* a BEGIN:VCARD ended the previous card */
  guint         replay_line;
  GString      *logical;
};

typedef struct
{
  char       *group;
  char       *name;           /* upper case */
  GPtrArray  *param_names;    /* upper case; "" for a 2.1 bare value */
  GPtrArray  *param_values;
  char       *value;          /* raw, before decoding */
} Property;

static void
property_clear (Property *prop)
{
  g_clear_pointer (&prop->group, g_free);
  g_clear_pointer (&prop->name, g_free);
  g_clear_pointer (&prop->param_names, g_ptr_array_unref);
  g_clear_pointer (&prop->param_values, g_ptr_array_unref);
  g_clear_pointer (&prop->value, g_free);
}

AplVCardReader *
apl_vcard_reader_new (AplTextInput *input)
{
  AplVCardReader *self = g_new0 (AplVCardReader, 1);

  self->input = input;
  self->pending = g_string_new (NULL);
  self->logical = g_string_new (NULL);
  return self;
}

void
apl_vcard_reader_free (AplVCardReader *self)
{
  if (self == NULL)
    return;
  g_string_free (self->pending, TRUE);
  g_string_free (self->logical, TRUE);
  g_free (self);
}

/* Helpers */

static gboolean
read_physical (AplVCardReader *self)
{
  self->pending_line = apl_text_input_get_line (self->input);
  self->has_pending = apl_text_input_read_line (self->input, self->pending, APL_TEXT_INPUT_MAX_LINE,
                                                &self->pending_too_long);
  return self->has_pending;
}

/* The property name of a logical line, without its group. */
static gboolean
name_is (const char *line,
         const char *name)
{
  const char *end = line;
  const char *start = line;
  size_t len = strlen (name);

  while (*end != '\0' && *end != ';' && *end != ':')
    {
      if (*end == '.')
        start = end + 1;
      end++;
    }
  return (size_t) (end - start) == len && g_ascii_strncasecmp (start, name, len) == 0;
}

static gboolean
is_binary_property (const char *line)
{
  return name_is (line, "PHOTO") || name_is (line, "LOGO") || name_is (line, "SOUND")
         || name_is (line, "KEY");
}

static gboolean
is_quoted_printable (const char *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *head = g_ascii_strup (line, colon ? colon - line : (gssize) strlen (line));

  return strstr (head, "QUOTED-PRINTABLE") != NULL;
}

/* Joins folded lines into one logical line: a line starting with a space
 * or tab continues the previous one; in 2.1, a quoted-printable value
 * ending in "=" continues on the next line. Binary values are dropped as
 * they are read. */
static gboolean
read_logical (AplVCardReader *self,
              guint          *line,
              gboolean       *too_long)
{
  gboolean skipping;
  gboolean qp;

  if (!self->started)
    {
      self->started = TRUE;
      read_physical (self);
    }
  if (!self->has_pending)
    return FALSE;

  g_string_assign (self->logical, self->pending->str);
  *line = self->pending_line;
  *too_long = self->pending_too_long;
  skipping = is_binary_property (self->logical->str);
  if (skipping)
    {
      /* Keep the name and parameters only. */
      const char *colon = strchr (self->logical->str, ':');

      if (colon != NULL)
        g_string_truncate (self->logical, colon - self->logical->str + 1);
      *too_long = FALSE;
    }
  qp = !skipping && is_quoted_printable (self->logical->str);

  while (read_physical (self))
    {
      const char *text = self->pending->str;

      if (text[0] == ' ' || text[0] == '\t')
        text++;
      else if (qp && self->logical->len > 0 && self->logical->str[self->logical->len - 1] == '='
               && self->pending->len > 0)
        g_string_truncate (self->logical, self->logical->len - 1);
      else
        break;

      if (skipping)
        continue;
      if (self->pending_too_long || self->logical->len + strlen (text) > APL_TEXT_INPUT_MAX_LINE)
        *too_long = TRUE;
      else
        g_string_append (self->logical, text);
    }
  return TRUE;
}

/* Splits "group.NAME;param=value;BARE:value", honouring quoted parameter
 * values. */
static gboolean
parse_property (const char *line,
                Property   *prop)
{
  const char *p = line;
  const char *name_start = line;
  GString *token = g_string_new (NULL);
  gboolean in_quotes = FALSE;
  char *equals;

  while (*p != '\0' && *p != ';' && *p != ':')
    {
      if (*p == '.')
        {
          g_free (prop->group);
          prop->group = g_strndup (name_start, p - name_start);
          name_start = p + 1;
        }
      p++;
    }
  if (*p == '\0' || p == name_start)
    {
      g_string_free (token, TRUE);
      return FALSE;
    }
  prop->name = g_ascii_strup (name_start, p - name_start);
  prop->param_names = g_ptr_array_new_with_free_func (g_free);
  prop->param_values = g_ptr_array_new_with_free_func (g_free);

  while (*p == ';')
    {
      p++;
      g_string_truncate (token, 0);
      while (*p != '\0' && (in_quotes || (*p != ';' && *p != ':')))
        {
          if (*p == '"')
            in_quotes = !in_quotes;
          else
            g_string_append_c (token, *p);
          p++;
        }
      equals = strchr (token->str, '=');
      if (equals != NULL)
        {
          g_ptr_array_add (prop->param_names, g_ascii_strup (token->str, equals - token->str));
          g_ptr_array_add (prop->param_values, g_strdup (equals + 1));
        }
      else
        {
          g_ptr_array_add (prop->param_names, g_strdup (""));
          g_ptr_array_add (prop->param_values, g_strdup (token->str));
        }
    }
  g_string_free (token, TRUE);

  if (*p != ':')
    return FALSE;
  prop->value = g_strdup (p + 1);
  return TRUE;
}

/* The value of a parameter, or a 2.1 bare value equal to @bare. */
static const char *
param (const Property *prop,
       const char     *name)
{
  for (guint i = 0; i < prop->param_names->len; i++)
    if (strcmp (g_ptr_array_index (prop->param_names, i), name) == 0)
      return g_ptr_array_index (prop->param_values, i);
  return NULL;
}

static gboolean
has_bare (const Property *prop,
          const char     *value)
{
  for (guint i = 0; i < prop->param_names->len; i++)
    if (*(const char *) g_ptr_array_index (prop->param_names, i) == '\0'
        && g_ascii_strcasecmp (g_ptr_array_index (prop->param_values, i), value) == 0)
      return TRUE;
  return FALSE;
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (*p == '=' && p[1] == '\0')
        break;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The value as UTF-8 text, still escaped; NULL when it is not text. */
static char *
decode_value (const Property  *prop,
              gboolean         version21,
              char           **problem)
{
  const char *encoding = param (prop, "ENCODING");
  const char *charset = param (prop, "CHARSET");
  g_autofree char *bytes = NULL;

  if ((encoding && g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0)
      || has_bare (prop, "QUOTED-PRINTABLE"))
    bytes = decode_quoted_printable (prop->value);
  else if ((encoding && (g_ascii_strcasecmp (encoding, "B") == 0 || g_ascii_strcasecmp (encoding, "BASE64") == 0))
           || has_bare (prop, "BASE64"))
    {
      gsize len = 0;
      guchar *data = g_base64_decode (prop->value, &len);

      bytes = g_strndup ((const char *) data, len);
      g_free (data);
    }
  else
    bytes = g_strdup (prop->value);

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 && g_ascii_strcasecmp (charset, "UTF8") != 0)
    {
      char *converted = g_convert (bytes, -1, "UTF-8", charset, NULL, NULL, NULL);

      if (converted == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (charset, -1);
          g_autofree char *name = g_utf8_make_valid (prop->name, -1);

          *problem = g_strdup_printf (_("the %s value is not in the character set %s it names"),
                                      name, shown);
          return NULL;
        }
      g_free (bytes);
      bytes = converted;
    }

  if (!g_utf8_validate (bytes, -1, NULL))
    {
      /* Outlook writes 2.1 in the Windows character set without saying so. */
      char *converted = version21 ? g_convert (bytes, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL) : NULL;

      if (converted == NULL)
        {
          /* The property's name comes from the file too. */
          g_autofree char *name = g_utf8_make_valid (prop->name, -1);

          *problem = g_strdup_printf (_("the %s value is not UTF-8 text"), name);
          return NULL;
        }
      g_free (bytes);
      bytes = converted;
    }
  return g_steal_pointer (&bytes);
}

/* Splits on unescaped @separator and resolves \n \, \; \\ escapes. */
static GPtrArray *
split_value (const char *text,
             char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (const char *p = text; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, (*p == 'n' || *p == 'N') ? '\n' : *p);
          continue;
        }
      if (*p == '\0' || (separator != 0 && *p == separator))
        {
          g_ptr_array_add (parts, g_string_free (g_steal_pointer (&part), FALSE));
          if (*p == '\0')
            break;
          part = g_string_new (NULL);
          continue;
        }
      g_string_append_c (part, *p);
    }
  return parts;
}

static char *
unescape (const char *text)
{
  GPtrArray *parts = split_value (text, 0);
  char *value = g_strdup (g_ptr_array_index (parts, 0));

  g_ptr_array_unref (parts);
  return g_strstrip (value);
}

static const char *
part (GPtrArray *parts,
      guint      i)
{
  return i < parts->len ? g_strstrip ((char *) g_ptr_array_index (parts, i)) : "";
}

static void
append_joined (GString    *out,
               const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static void
set_if_empty (AplContactRecord *record,
              AplContactField   field,
              const char       *value)
{
  if (_apl_contact_record_is_empty (record, field) && value != NULL && *value != '\0')
    _apl_contact_record_set (record, field, value);
}

/* Which social network an X-SOCIALPROFILE or X-TWITTER line is about. */
static const char *
social_network (const Property *prop)
{
  const char * const *networks = apl_contact_social_networks ();
  const char *type = param (prop, "TYPE");
  g_autofree char *lower = NULL;

  if (g_str_has_prefix (prop->name, "X-") && strcmp (prop->name, "X-SOCIALPROFILE") != 0)
    lower = g_ascii_strdown (prop->name + 2, -1);
  else if (type != NULL)
    lower = g_ascii_strdown (type, -1);
  else
    return NULL;

  if (strcmp (lower, "twitter") == 0)
    return "x";
  for (guint i = 0; networks[i] != NULL; i++)
    if (strcmp (lower, networks[i]) == 0)
      return networks[i];
  return NULL;
}

/* Takes one property into the record being read. */
static void
apply_property (const Property    *prop,
                const char        *text,
                AplContactRecord  *record,
                GString           *structured_name,
                GString           *org)
{
  const char *name = prop->name;

  if (strcmp (name, "FN") == 0)
    {
      g_autofree char *value = unescape (text);

      set_if_empty (record, APL_CONTACT_FIELD_NAME, value);
    }
  else if (strcmp (name, "N") == 0)
    {
      GPtrArray *parts = split_value (text, ';');

      /* family;given;additional;prefix;suffix */
      g_string_truncate (structured_name, 0);
      append_joined (structured_name, part (parts, 3));
      append_joined (structured_name, part (parts, 1));
      append_joined (structured_name, part (parts, 2));
      append_joined (structured_name, part (parts, 0));
      append_joined (structured_name, part (parts, 4));
      g_ptr_array_unref (parts);
    }
  else if (strcmp (name, "ORG") == 0)
    {
      GPtrArray *parts = split_value (text, ';');

      if (org->len == 0)
        g_string_assign (org, part (parts, 0));
      g_ptr_array_unref (parts);
    }
  else if (strcmp (name, "TITLE") == 0 || strcmp (name, "ROLE") == 0)
    {
      g_autofree char *value = unescape (text);

      set_if_empty (record, APL_CONTACT_FIELD_ROLE, value);
    }
  else if (strcmp (name, "EMAIL") == 0)
    {
      g_autofree char *value = unescape (text);

      _apl_contact_record_append (record, APL_CONTACT_FIELD_EMAILS, value);
    }
  else if (strcmp (name, "TEL") == 0)
    {
      g_autofree char *value = unescape (text);

      if (g_str_has_prefix (value, "tel:"))
        memmove (value, value + 4, strlen (value + 4) + 1);
      _apl_contact_record_append (record, APL_CONTACT_FIELD_PHONES, value);
    }
  else if (strcmp (name, "URL") == 0)
    {
      g_autofree char *value = unescape (text);

      set_if_empty (record, APL_CONTACT_FIELD_WEBSITE, value);
    }
  else if (strcmp (name, "NOTE") == 0)
    {
      g_autofree char *value = unescape (text);

      if (_apl_contact_record_is_empty (record, APL_CONTACT_FIELD_NOTES))
        _apl_contact_record_set (record, APL_CONTACT_FIELD_NOTES, value);
      else
        _apl_contact_record_append (record, APL_CONTACT_FIELD_NOTES, value);
    }
  else if (strcmp (name, "CATEGORIES") == 0 || strcmp (name, "LANG") == 0
           || strcmp (name, "X-APLOMB-LANGUAGES") == 0)
    {
      AplContactField field = strcmp (name, "CATEGORIES") == 0 ? APL_CONTACT_FIELD_BEATS : APL_CONTACT_FIELD_LANGUAGES;
      GPtrArray *parts = split_value (text, ',');

      for (guint i = 0; i < parts->len; i++)
        _apl_contact_record_append (record, field, part (parts, i));
      g_ptr_array_unref (parts);
    }
  else if (strcmp (name, "ADR") == 0)
    {
      GPtrArray *parts = split_value (text, ';');

      /* pobox;extended;street;locality;region;postcode;country */
      set_if_empty (record, APL_CONTACT_FIELD_REGION, *part (parts, 4) ? part (parts, 4) : part (parts, 3));
      set_if_empty (record, APL_CONTACT_FIELD_COUNTRY, part (parts, 6));
      g_ptr_array_unref (parts);
    }
  else if (strcmp (name, "X-APLOMB-KIND") == 0)
    _apl_contact_record_set (record, APL_CONTACT_FIELD_KIND, text);
  else if (strcmp (name, "X-APLOMB-REACH") == 0)
    _apl_contact_record_set (record, APL_CONTACT_FIELD_REACH, text);
  else if (strcmp (name, "X-APLOMB-RELATIONSHIP") == 0)
    _apl_contact_record_set (record, APL_CONTACT_FIELD_RELATIONSHIP, text);
  else if (strcmp (name, "X-APLOMB-OWNER") == 0)
    {
      g_autofree char *value = unescape (text);

      _apl_contact_record_set (record, APL_CONTACT_FIELD_OWNER, value);
    }
  else if (strcmp (name, "X-APLOMB-LAST-CONTACTED") == 0)
    _apl_contact_record_set (record, APL_CONTACT_FIELD_LAST_CONTACTED, text);
  else if (strcmp (name, "X-APLOMB-LAST-VERIFIED") == 0)
    _apl_contact_record_set (record, APL_CONTACT_FIELD_LAST_VERIFIED, text);
  else if (strcmp (name, "X-APLOMB-DO-NOT-CONTACT") == 0)
    {
      g_autofree char *value = unescape (text);

      _apl_contact_record_set (record, APL_CONTACT_FIELD_DO_NOT_CONTACT, "1");
      _apl_contact_record_set (record, APL_CONTACT_FIELD_DNC_REASON, value);
    }
  else if (strcmp (name, "X-APLOMB-LAWFUL-BASIS") == 0)
    {
      g_autofree char *value = unescape (text);

      _apl_contact_record_set (record, APL_CONTACT_FIELD_LAWFUL_BASIS, value);
    }
  else if (strcmp (name, "X-APLOMB-SOURCE") == 0)
    {
      g_autofree char *value = unescape (text);

      _apl_contact_record_set (record, APL_CONTACT_FIELD_SOURCE, value);
    }
  else if (g_str_has_prefix (name, "X-"))
    {
      const char *network = social_network (prop);

      if (network != NULL)
        {
          g_autofree char *value = unescape (text);
          g_autofree char *line = g_strdup_printf ("%s: %s", network, value);

          _apl_contact_record_append (record, APL_CONTACT_FIELD_SOCIALS, line);
        }
    }
}

/* Reading */

/* Skips lines up to the next BEGIN:VCARD (left pending). */
static void
skip_to_begin (AplVCardReader *self)
{
  guint line;
  gboolean too_long;

  while (self->has_pending && g_ascii_strcasecmp (self->pending->str, "BEGIN:VCARD") != 0)
    read_logical (self, &line, &too_long);
}

/**
 * apl_vcard_reader_next:
 * @line: (out): the line the record (or the problem) is on
 * @problem: (out): for %APL_READ_BAD, what is wrong, for the user
 *
 * Reads the next vCard into @record (not normalized).
 */
AplReadResult
apl_vcard_reader_next (AplVCardReader    *self,
                       AplContactRecord  *record,
                       guint             *line,
                       char             **problem,
                       GError           **error)
{
  g_autoptr(GString) structured_name = g_string_new (NULL);
  g_autoptr(GString) org = g_string_new (NULL);
  g_autofree char *bad = NULL;
  gboolean in_card = FALSE;
  gboolean version21 = FALSE;
  guint bad_line = 0;
  guint logical_line = 0;
  gboolean too_long = FALSE;

  *line = 0;
  if (self->replay_begin)
    {
      self->replay_begin = FALSE;
      in_card = TRUE;
      *line = self->replay_line;
    }

  while (read_logical (self, &logical_line, &too_long))
    {
      const char *text = self->logical->str;
      Property prop = { 0 };

      if (!self->seen_card && apl_text_input_saw_nul (self->input))
        {
          g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                               _("This is not a vCard file: it holds binary data."));
          return APL_READ_ERROR;
        }

      if (*text == '\0')
        continue;

      if (!in_card)
        {
          if (g_ascii_strcasecmp (text, "BEGIN:VCARD") == 0)
            {
              in_card = TRUE;
              self->seen_card = TRUE;
              *line = logical_line;
              continue;
            }
          if (!self->seen_card)
            {
              g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                                   _("This is not a vCard file: it does not start with BEGIN:VCARD."));
              return APL_READ_ERROR;
            }
          *line = logical_line;
          *problem = g_strdup (_("this line is outside any vCard (BEGIN:VCARD is missing)"));
          skip_to_begin (self);
          return APL_READ_BAD;
        }

      if (g_ascii_strcasecmp (text, "END:VCARD") == 0)
        {
          if (bad != NULL)
            {
              *line = bad_line;
              *problem = g_steal_pointer (&bad);
              _apl_contact_record_clear (record);
              return APL_READ_BAD;
            }
          if (_apl_contact_record_is_empty (record, APL_CONTACT_FIELD_NAME))
            _apl_contact_record_set (record, APL_CONTACT_FIELD_NAME,
                                     structured_name->len > 0 ? structured_name->str : org->str);
          set_if_empty (record, APL_CONTACT_FIELD_OUTLET, org->str);
          if (_apl_contact_record_is_empty (record, APL_CONTACT_FIELD_NAME))
            {
              *problem = g_strdup (_("the contact has no name (no FN, N or ORG)"));
              _apl_contact_record_clear (record);
              return APL_READ_BAD;
            }
          return APL_READ_RECORD;
        }

      if (g_ascii_strcasecmp (text, "BEGIN:VCARD") == 0)
        {
          /* The previous card never ended: report it, and read this one
           * next time. */
          _apl_contact_record_clear (record);
          *problem = g_strdup (_("this vCard has no END:VCARD"));
          self->replay_begin = TRUE;
          self->replay_line = logical_line;
          return APL_READ_BAD;
        }

      if (bad != NULL)
        continue;

      if (too_long)
        {
          bad = g_strdup (_("the line is too long"));
          bad_line = logical_line;
          continue;
        }

      if (!parse_property (text, &prop))
        {
          bad = g_strdup (_("this line is not a vCard property (NAME:value)"));
          bad_line = logical_line;
          property_clear (&prop);
          continue;
        }

      if (strcmp (prop.name, "VERSION") == 0)
        {
          g_autofree char *version = g_strstrip (g_strdup (prop.value));

          if (strcmp (version, "2.1") != 0 && strcmp (version, "3.0") != 0 && strcmp (version, "4.0") != 0)
            {
              /* Shown to the user: the file's bytes may not be text. */
              g_autofree char *shown = g_utf8_make_valid (version, -1);

              bad = g_strdup_printf (_("vCard version %s is not supported (2.1, 3.0 and 4.0 are)"), shown);
              bad_line = logical_line;
            }
          version21 = strcmp (version, "2.1") == 0;
        }
      else if (!is_binary_property (prop.name))
        {
          g_autofree char *local_problem = NULL;
          g_autofree char *value = decode_value (&prop, version21, &local_problem);

          if (value == NULL)
            {
              bad = g_steal_pointer (&local_problem);
              bad_line = logical_line;
            }
          else
            apply_property (&prop, value, record, structured_name, org);
        }
      property_clear (&prop);
    }

  if (in_card)
    {
      _apl_contact_record_clear (record);
      *problem = g_strdup (_("this vCard has no END:VCARD"));
      return APL_READ_BAD;
    }
  if (apl_text_input_failed (self->input, error))
    return APL_READ_ERROR;
  return APL_READ_END;
}

/* Writing */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    escape_comma)
{
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        case ';': g_string_append (out, "\\;"); break;
        case ',':
          g_string_append (out, escape_comma ? "\\," : ",");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Appends one content line folded at 75 octets, never inside a UTF-8
 * character, with CRLF. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize limit = 75;

  while (len - start > limit)
    {
      gsize cut = start + limit;

      while (cut > start && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      limit = 74;
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
add_line (GString    *out,
          const char *name,
          const char *value,
          gboolean    escape)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  if (escape)
    append_escaped (line, value, TRUE);
  else
    g_string_append (line, value);
  append_folded (out, line->str);
}

/* Adds one line per item of a list field. */
static void
add_items (GString    *out,
           const char *name,
           const char *items)
{
  g_auto(GStrv) lines = NULL;

  if (items == NULL || *items == '\0')
    return;
  lines = g_strsplit (items, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    add_line (out, name, lines[i], TRUE);
}

/**
 * apl_vcard_write:
 * @version: 3 or 4
 *
 * Appends the contact as one vCard. Fields vCard has no property for
 * travel as X-APLOMB-* properties, which other programs keep or ignore.
 */
void
apl_vcard_write (GString                *out,
                 const AplContactRecord *record,
                 int                     version)
{
  const char * const *f = (const char * const *) record->fields;
  const char *name = f[APL_CONTACT_FIELD_NAME] ? f[APL_CONTACT_FIELD_NAME] : "";
  const char *space = strrchr (name, ' ');
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, version >= 4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
  if (version >= 4)
    g_string_append (out, "KIND:individual\r\n");
  add_line (out, "FN", name, TRUE);

  /* N: family;given — a guess from the full name, for programs that sort
   * by it; FN stays the name Aplomb reads back. */
  g_string_assign (line, "N:");
  if (space != NULL)
    {
      g_autofree char *given = g_strndup (name, space - name);

      append_escaped (line, space + 1, TRUE);
      g_string_append_c (line, ';');
      append_escaped (line, given, TRUE);
    }
  else
    {
      append_escaped (line, name, TRUE);
      g_string_append_c (line, ';');
    }
  g_string_append (line, ";;;");
  append_folded (out, line->str);

  add_line (out, "ORG", f[APL_CONTACT_FIELD_OUTLET], TRUE);
  add_line (out, "TITLE", f[APL_CONTACT_FIELD_ROLE], TRUE);
  {
    g_auto(GStrv) emails = g_strsplit (f[APL_CONTACT_FIELD_EMAILS] ? f[APL_CONTACT_FIELD_EMAILS] : "", "\n", -1);

    for (guint i = 0; emails[i] != NULL; i++)
      if (*emails[i] != '\0')
        add_line (out, version >= 4 ? "EMAIL;TYPE=work" : "EMAIL;TYPE=INTERNET", emails[i], TRUE);
  }
  add_items (out, version >= 4 ? "TEL;VALUE=text" : "TEL", f[APL_CONTACT_FIELD_PHONES]);
  add_line (out, "URL", f[APL_CONTACT_FIELD_WEBSITE], FALSE);

  if (f[APL_CONTACT_FIELD_BEATS] && *f[APL_CONTACT_FIELD_BEATS])
    {
      g_auto(GStrv) beats = g_strsplit (f[APL_CONTACT_FIELD_BEATS], ", ", -1);

      g_string_assign (line, "CATEGORIES:");
      for (guint i = 0; beats[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          append_escaped (line, beats[i], TRUE);
        }
      append_folded (out, line->str);
    }

  if (f[APL_CONTACT_FIELD_LANGUAGES] && *f[APL_CONTACT_FIELD_LANGUAGES])
    {
      g_auto(GStrv) languages = g_strsplit (f[APL_CONTACT_FIELD_LANGUAGES], ", ", -1);

      for (guint i = 0; languages[i] != NULL; i++)
        {
          if (version >= 4)
            {
              g_autofree char *name_pref = g_strdup_printf ("LANG;PREF=%u", i + 1);

              add_line (out, name_pref, languages[i], TRUE);
            }
          else
            add_line (out, "X-APLOMB-LANGUAGES", languages[i], TRUE);
        }
    }

  if ((f[APL_CONTACT_FIELD_REGION] && *f[APL_CONTACT_FIELD_REGION])
      || (f[APL_CONTACT_FIELD_COUNTRY] && *f[APL_CONTACT_FIELD_COUNTRY]))
    {
      g_string_assign (line, version >= 4 ? "ADR;TYPE=work:;;;;" : "ADR;TYPE=WORK:;;;;");
      append_escaped (line, f[APL_CONTACT_FIELD_REGION], TRUE);
      g_string_append (line, ";;");
      append_escaped (line, f[APL_CONTACT_FIELD_COUNTRY], TRUE);
      append_folded (out, line->str);
    }

  if (f[APL_CONTACT_FIELD_SOCIALS] && *f[APL_CONTACT_FIELD_SOCIALS])
    {
      g_auto(GStrv) socials = g_strsplit (f[APL_CONTACT_FIELD_SOCIALS], "\n", -1);

      for (guint i = 0; socials[i] != NULL; i++)
        {
          const char *colon = strchr (socials[i], ':');

          if (colon != NULL && !g_str_has_prefix (colon, "://"))
            {
              g_autofree char *network = g_strndup (socials[i], colon - socials[i]);
              g_autofree char *prop_name = g_strdup_printf ("X-SOCIALPROFILE;TYPE=%s", network);
              g_autofree char *handle = g_strstrip (g_strdup (colon + 1));

              add_line (out, prop_name, handle, TRUE);
            }
          else
            add_line (out, "X-SOCIALPROFILE", socials[i], TRUE);
        }
    }

  add_line (out, "NOTE", f[APL_CONTACT_FIELD_NOTES], TRUE);
  add_line (out, "X-APLOMB-KIND", f[APL_CONTACT_FIELD_KIND], FALSE);
  add_line (out, "X-APLOMB-REACH", f[APL_CONTACT_FIELD_REACH], FALSE);
  add_line (out, "X-APLOMB-RELATIONSHIP", f[APL_CONTACT_FIELD_RELATIONSHIP], FALSE);
  add_line (out, "X-APLOMB-OWNER", f[APL_CONTACT_FIELD_OWNER], TRUE);
  add_line (out, "X-APLOMB-LAST-CONTACTED", f[APL_CONTACT_FIELD_LAST_CONTACTED], FALSE);
  add_line (out, "X-APLOMB-LAST-VERIFIED", f[APL_CONTACT_FIELD_LAST_VERIFIED], FALSE);
  if (g_strcmp0 (f[APL_CONTACT_FIELD_DO_NOT_CONTACT], "1") == 0)
    {
      g_string_assign (line, "X-APLOMB-DO-NOT-CONTACT:");
      append_escaped (line, f[APL_CONTACT_FIELD_DNC_REASON], TRUE);
      append_folded (out, line->str);
    }
  add_line (out, "X-APLOMB-LAWFUL-BASIS", f[APL_CONTACT_FIELD_LAWFUL_BASIS], TRUE);
  add_line (out, "X-APLOMB-SOURCE", f[APL_CONTACT_FIELD_SOURCE], TRUE);
  g_string_append (out, "END:VCARD\r\n");
}
