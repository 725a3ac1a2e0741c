/* apl-csv.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV as RFC 4180 describes it and as spreadsheets write it: UTF-8 with or
 * without a byte order mark, commas or (French spreadsheets) semicolons,
 * quoted fields with quotes doubled and line breaks inside, CRLF or LF.
 * Also the guess of which contact field a column holds from its header,
 * in English and French.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-formats.h"
#include "apl-text.h"

#define MAX_FIELDS 512

struct _AplCsvReader
{
  AplTextInput *input;
  char          separator;
  gboolean      sniffed;
  /* The record being read: its fields one after the other, each ended by
   * a NUL, and where each starts. Reused from record to record, so that
   * reading allocates nothing once the buffers have grown. */
  GString      *row;
  GArray       *starts;
  GPtrArray    *fields;
};

static const char * const social_networks[] = {
  "x", "linkedin", "instagram", "tiktok", "youtube", "mastodon", "bluesky", NULL
};

/**
 * apl_contact_social_networks:
 *
 * Returns: (transfer none): the networks a contact's social handles are
 * filed under ("x", "linkedin", ...), %NULL-terminated
 */
const char * const *
apl_contact_social_networks (void)
{
  return social_networks;
}

/* Header guesses */

static const struct { const char *header; int column; } header_names[] = {
  /* English, and Aplomb's own export headers */
  { "name", APL_CONTACT_FIELD_NAME },
  { "full name", APL_CONTACT_FIELD_NAME },
  { "display name", APL_CONTACT_FIELD_NAME },
  { "contact", APL_CONTACT_FIELD_NAME },
  { "contact name", APL_CONTACT_FIELD_NAME },
  { "first name", APL_CONTACT_COLUMN_GIVEN_NAME },
  { "firstname", APL_CONTACT_COLUMN_GIVEN_NAME },
  { "given name", APL_CONTACT_COLUMN_GIVEN_NAME },
  { "last name", APL_CONTACT_COLUMN_FAMILY_NAME },
  { "lastname", APL_CONTACT_COLUMN_FAMILY_NAME },
  { "surname", APL_CONTACT_COLUMN_FAMILY_NAME },
  { "family name", APL_CONTACT_COLUMN_FAMILY_NAME },
  { "kind", APL_CONTACT_FIELD_KIND },
  { "type", APL_CONTACT_FIELD_KIND },
  { "contact type", APL_CONTACT_FIELD_KIND },
  { "outlet", APL_CONTACT_FIELD_OUTLET },
  { "media", APL_CONTACT_FIELD_OUTLET },
  { "media outlet", APL_CONTACT_FIELD_OUTLET },
  { "publication", APL_CONTACT_FIELD_OUTLET },
  { "company", APL_CONTACT_FIELD_OUTLET },
  { "organization", APL_CONTACT_FIELD_OUTLET },
  { "organisation", APL_CONTACT_FIELD_OUTLET },
  { "channel", APL_CONTACT_FIELD_OUTLET },
  { "employer", APL_CONTACT_FIELD_OUTLET },
  { "role", APL_CONTACT_FIELD_ROLE },
  { "title", APL_CONTACT_FIELD_ROLE },
  { "job title", APL_CONTACT_FIELD_ROLE },
  { "job", APL_CONTACT_FIELD_ROLE },
  { "position", APL_CONTACT_FIELD_ROLE },
  { "beats", APL_CONTACT_FIELD_BEATS },
  { "beat", APL_CONTACT_FIELD_BEATS },
  { "topics", APL_CONTACT_FIELD_BEATS },
  { "topic", APL_CONTACT_FIELD_BEATS },
  { "subjects", APL_CONTACT_FIELD_BEATS },
  { "categories", APL_CONTACT_FIELD_BEATS },
  { "tags", APL_CONTACT_FIELD_BEATS },
  { "interests", APL_CONTACT_FIELD_BEATS },
  { "language", APL_CONTACT_FIELD_LANGUAGES },
  { "languages", APL_CONTACT_FIELD_LANGUAGES },
  { "region", APL_CONTACT_FIELD_REGION },
  { "state", APL_CONTACT_FIELD_REGION },
  { "province", APL_CONTACT_FIELD_REGION },
  { "city", APL_CONTACT_FIELD_REGION },
  { "country", APL_CONTACT_FIELD_COUNTRY },
  { "email", APL_CONTACT_FIELD_EMAILS },
  { "emails", APL_CONTACT_FIELD_EMAILS },
  { "e mail", APL_CONTACT_FIELD_EMAILS },
  { "e mails", APL_CONTACT_FIELD_EMAILS },
  { "mail", APL_CONTACT_FIELD_EMAILS },
  { "email address", APL_CONTACT_FIELD_EMAILS },
  { "e mail address", APL_CONTACT_FIELD_EMAILS },
  { "work email", APL_CONTACT_FIELD_EMAILS },
  { "phone", APL_CONTACT_FIELD_PHONES },
  { "phones", APL_CONTACT_FIELD_PHONES },
  { "telephone", APL_CONTACT_FIELD_PHONES },
  { "tel", APL_CONTACT_FIELD_PHONES },
  { "mobile", APL_CONTACT_FIELD_PHONES },
  { "mobile phone", APL_CONTACT_FIELD_PHONES },
  { "cell", APL_CONTACT_FIELD_PHONES },
  { "work phone", APL_CONTACT_FIELD_PHONES },
  { "phone number", APL_CONTACT_FIELD_PHONES },
  { "social", APL_CONTACT_FIELD_SOCIALS },
  { "social media", APL_CONTACT_FIELD_SOCIALS },
  { "website", APL_CONTACT_FIELD_WEBSITE },
  { "web site", APL_CONTACT_FIELD_WEBSITE },
  { "web", APL_CONTACT_FIELD_WEBSITE },
  { "url", APL_CONTACT_FIELD_WEBSITE },
  { "reach", APL_CONTACT_FIELD_REACH },
  { "audience", APL_CONTACT_FIELD_REACH },
  { "audience reach", APL_CONTACT_FIELD_REACH },
  { "followers", APL_CONTACT_FIELD_REACH },
  { "circulation", APL_CONTACT_FIELD_REACH },
  { "relationship", APL_CONTACT_FIELD_RELATIONSHIP },
  { "relationship status", APL_CONTACT_FIELD_RELATIONSHIP },
  { "owner", APL_CONTACT_FIELD_OWNER },
  { "relationship owner", APL_CONTACT_FIELD_OWNER },
  { "account owner", APL_CONTACT_FIELD_OWNER },
  { "notes", APL_CONTACT_FIELD_NOTES },
  { "note", APL_CONTACT_FIELD_NOTES },
  { "comments", APL_CONTACT_FIELD_NOTES },
  { "comment", APL_CONTACT_FIELD_NOTES },
  { "remarks", APL_CONTACT_FIELD_NOTES },
  { "last contacted", APL_CONTACT_FIELD_LAST_CONTACTED },
  { "last contact", APL_CONTACT_FIELD_LAST_CONTACTED },
  { "last verified", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "verified", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "verified on", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "last checked", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "do not contact", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "dnc", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "opt out", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "unsubscribed", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "reason", APL_CONTACT_FIELD_DNC_REASON },
  { "reason not to contact", APL_CONTACT_FIELD_DNC_REASON },
  { "do not contact reason", APL_CONTACT_FIELD_DNC_REASON },
  { "consent", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "lawful basis", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "legal basis", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "consent or lawful basis", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "source", APL_CONTACT_FIELD_SOURCE },
  { "data source", APL_CONTACT_FIELD_SOURCE },
  { "source of the data", APL_CONTACT_FIELD_SOURCE },
  /* French */
  { "nom complet", APL_CONTACT_FIELD_NAME },
  { "nom et prenom", APL_CONTACT_FIELD_NAME },
  { "prenom et nom", APL_CONTACT_FIELD_NAME },
  { "prenom nom", APL_CONTACT_FIELD_NAME },
  { "nom prenom", APL_CONTACT_FIELD_NAME },
  { "identite", APL_CONTACT_FIELD_NAME },
  { "prenom", APL_CONTACT_COLUMN_GIVEN_NAME },
  { "nom", APL_CONTACT_COLUMN_FAMILY_NAME },
  { "nom de famille", APL_CONTACT_COLUMN_FAMILY_NAME },
  { "categorie", APL_CONTACT_FIELD_KIND },
  { "profil", APL_CONTACT_FIELD_KIND },
  { "media", APL_CONTACT_FIELD_OUTLET },
  { "medias", APL_CONTACT_FIELD_OUTLET },
  { "societe", APL_CONTACT_FIELD_OUTLET },
  { "entreprise", APL_CONTACT_FIELD_OUTLET },
  { "journal", APL_CONTACT_FIELD_OUTLET },
  { "titre de presse", APL_CONTACT_FIELD_OUTLET },
  { "support", APL_CONTACT_FIELD_OUTLET },
  { "chaine", APL_CONTACT_FIELD_OUTLET },
  { "redaction", APL_CONTACT_FIELD_OUTLET },
  { "fonction", APL_CONTACT_FIELD_ROLE },
  { "poste", APL_CONTACT_FIELD_ROLE },
  { "titre", APL_CONTACT_FIELD_ROLE },
  { "thematiques", APL_CONTACT_FIELD_BEATS },
  { "thematique", APL_CONTACT_FIELD_BEATS },
  { "themes", APL_CONTACT_FIELD_BEATS },
  { "sujets", APL_CONTACT_FIELD_BEATS },
  { "rubrique", APL_CONTACT_FIELD_BEATS },
  { "rubriques", APL_CONTACT_FIELD_BEATS },
  { "secteur", APL_CONTACT_FIELD_BEATS },
  { "langue", APL_CONTACT_FIELD_LANGUAGES },
  { "langues", APL_CONTACT_FIELD_LANGUAGES },
  { "departement", APL_CONTACT_FIELD_REGION },
  { "ville", APL_CONTACT_FIELD_REGION },
  { "pays", APL_CONTACT_FIELD_COUNTRY },
  { "courriel", APL_CONTACT_FIELD_EMAILS },
  { "courriels", APL_CONTACT_FIELD_EMAILS },
  { "adresse e mail", APL_CONTACT_FIELD_EMAILS },
  { "adresse email", APL_CONTACT_FIELD_EMAILS },
  { "adresse electronique", APL_CONTACT_FIELD_EMAILS },
  { "mel", APL_CONTACT_FIELD_EMAILS },
  { "portable", APL_CONTACT_FIELD_PHONES },
  { "telephone portable", APL_CONTACT_FIELD_PHONES },
  { "tel portable", APL_CONTACT_FIELD_PHONES },
  { "numero de telephone", APL_CONTACT_FIELD_PHONES },
  { "fixe", APL_CONTACT_FIELD_PHONES },
  { "reseaux sociaux", APL_CONTACT_FIELD_SOCIALS },
  { "site", APL_CONTACT_FIELD_WEBSITE },
  { "site web", APL_CONTACT_FIELD_WEBSITE },
  { "site internet", APL_CONTACT_FIELD_WEBSITE },
  { "abonnes", APL_CONTACT_FIELD_REACH },
  { "tirage", APL_CONTACT_FIELD_REACH },
  { "audience estimee", APL_CONTACT_FIELD_REACH },
  { "relation", APL_CONTACT_FIELD_RELATIONSHIP },
  { "niveau de relation", APL_CONTACT_FIELD_RELATIONSHIP },
  { "proximite", APL_CONTACT_FIELD_RELATIONSHIP },
  { "responsable", APL_CONTACT_FIELD_OWNER },
  { "responsable de la relation", APL_CONTACT_FIELD_OWNER },
  { "proprietaire", APL_CONTACT_FIELD_OWNER },
  { "contact interne", APL_CONTACT_FIELD_OWNER },
  { "commentaires", APL_CONTACT_FIELD_NOTES },
  { "commentaire", APL_CONTACT_FIELD_NOTES },
  { "remarques", APL_CONTACT_FIELD_NOTES },
  { "observations", APL_CONTACT_FIELD_NOTES },
  { "dernier contact", APL_CONTACT_FIELD_LAST_CONTACTED },
  { "date du dernier contact", APL_CONTACT_FIELD_LAST_CONTACTED },
  { "derniere verification", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "verifie le", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "date de verification", APL_CONTACT_FIELD_LAST_VERIFIED },
  { "ne pas contacter", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "ne plus contacter", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "desinscrit", APL_CONTACT_FIELD_DO_NOT_CONTACT },
  { "motif", APL_CONTACT_FIELD_DNC_REASON },
  { "raison", APL_CONTACT_FIELD_DNC_REASON },
  { "consentement", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "base legale", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "base juridique", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "fondement juridique", APL_CONTACT_FIELD_LAWFUL_BASIS },
  { "origine", APL_CONTACT_FIELD_SOURCE },
  { "provenance", APL_CONTACT_FIELD_SOURCE },
  { "source des donnees", APL_CONTACT_FIELD_SOURCE },
  /* Social networks, each its own column */
  { "twitter", APL_CONTACT_COLUMN_SOCIAL + 0 },
  { "x", APL_CONTACT_COLUMN_SOCIAL + 0 },
  { "twitter handle", APL_CONTACT_COLUMN_SOCIAL + 0 },
  { "compte twitter", APL_CONTACT_COLUMN_SOCIAL + 0 },
  { "linkedin", APL_CONTACT_COLUMN_SOCIAL + 1 },
  { "instagram", APL_CONTACT_COLUMN_SOCIAL + 2 },
  { "tiktok", APL_CONTACT_COLUMN_SOCIAL + 3 },
  { "youtube", APL_CONTACT_COLUMN_SOCIAL + 4 },
  { "mastodon", APL_CONTACT_COLUMN_SOCIAL + 5 },
  { "bluesky", APL_CONTACT_COLUMN_SOCIAL + 6 },
};

/**
 * apl_contact_guess_column:
 * @header: a column's header, as written in the file
 *
 * Guesses which field a column holds, ignoring case, accents, punctuation
 * and a trailing number ("E-mail 2", "Téléphone (portable)" → phones).
 *
 * Returns: an #AplContactField, one of the APL_CONTACT_COLUMN_* values, or
 * %APL_CONTACT_COLUMN_IGNORE when nothing fits
 */
int
apl_contact_guess_column (const char *header)
{
  g_autofree char *folded = NULL;
  GString *words = g_string_new (NULL);
  g_autofree char *key = NULL;
  char *paren;

  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    {
      g_string_free (words, TRUE);
      return APL_CONTACT_COLUMN_IGNORE;
    }
  folded = apl_text_fold (header);

  /* "Téléphone (portable)": the words before a bracket name the field. */
  paren = strchr (folded, '(');
  if (paren != NULL && paren != folded)
    *paren = '\0';

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        g_string_append_c (words, *p);
      else if (words->len > 0 && words->str[words->len - 1] != ' ')
        g_string_append_c (words, ' ');
    }
  key = g_strstrip (g_string_free (words, FALSE));

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (strcmp (key, header_names[i].header) == 0)
      return header_names[i].column;

  /* "Adresse e-mail professionnelle", "Mobile phone (work)": the first
   * words often suffice. */
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      size_t len = strlen (header_names[i].header);

      if (len >= 4 && strncmp (key, header_names[i].header, len) == 0 && key[len] == ' ')
        return header_names[i].column;
    }
  return APL_CONTACT_COLUMN_IGNORE;
}

/* Reading */

AplCsvReader *
apl_csv_reader_new (AplTextInput *input)
{
  AplCsvReader *self = g_new0 (AplCsvReader, 1);

  self->input = input;
  self->separator = ',';
  self->row = g_string_sized_new (1024);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 64);
  self->fields = g_ptr_array_sized_new (64);
  return self;
}

void
apl_csv_reader_free (AplCsvReader *self)
{
  if (self == NULL)
    return;
  g_string_free (self->row, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/* Counts the candidates outside quotes on the first line. */
static void
sniff_separator (AplCsvReader *self)
{
  gsize len = 0;
  const char *text = apl_text_input_peek (self->input, &len);
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (text[i] == '\n')
        break;
      else if (text[i] == ',')
        commas++;
      else if (text[i] == ';')
        semicolons++;
      else if (text[i] == '\t')
        tabs++;
    }
  if (semicolons > commas && semicolons >= tabs)
    self->separator = ';';
  else if (tabs > commas && tabs > semicolons)
    self->separator = '\t';
  else
    self->separator = ',';
  self->sniffed = TRUE;
}

char
apl_csv_reader_get_separator (AplCsvReader *self)
{
  if (!self->sniffed)
    sniff_separator (self);
  return self->separator;
}

/* Ends the field being read: self->row gets its NUL. */
static gboolean
end_field (AplCsvReader *self,
           gsize        *field_start)
{
  if (self->starts->len >= MAX_FIELDS)
    {
      g_string_truncate (self->row, *field_start);
      return FALSE;
    }
  g_array_append_val (self->starts, *field_start);
  g_string_append_c (self->row, '\0');
  *field_start = self->row->len;
  return TRUE;
}

/* Reads one record into self->row and self->starts. */
static AplReadResult
read_record (AplCsvReader  *self,
             guint         *line,
             char         **problem,
             GError       **error)
{
  gsize field_start = 0;
  gboolean in_quotes = FALSE;
  gboolean after_quote = FALSE;
  gboolean too_long = FALSE;
  gboolean any = FALSE;
  int c;

  if (!self->sniffed)
    sniff_separator (self);

  if (apl_text_input_saw_nul (self->input) && apl_text_input_get_line (self->input) <= 1)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("This is not a CSV file: it holds binary data."));
      return APL_READ_ERROR;
    }

  g_string_truncate (self->row, 0);
  g_array_set_size (self->starts, 0);
  *line = apl_text_input_get_line (self->input);

  for (;;)
    {
      c = apl_text_input_getc (self->input);

      if (c < 0)
        {
          if (apl_text_input_failed (self->input, error))
            return APL_READ_ERROR;
          if (in_quotes)
            {
              *problem = g_strdup (_("a quoted field is never closed (a \" is missing)"));
              return APL_READ_BAD;
            }
          if (!any)
            return APL_READ_END;
          break;
        }
      any = TRUE;

      if (in_quotes)
        {
          if (c == '"')
            {
              if (apl_text_input_peekc (self->input) == '"')
                {
                  apl_text_input_getc (self->input);
                  g_string_append_c (self->row, '"');
                }
              else
                {
                  in_quotes = FALSE;
                  after_quote = TRUE;
                }
            }
          else if (self->row->len - field_start < APL_TEXT_INPUT_MAX_LINE)
            g_string_append_c (self->row, (char) c);
          else
            too_long = TRUE;
          continue;
        }

      if (c == self->separator)
        {
          if (!end_field (self, &field_start))
            too_long = TRUE;
          after_quote = FALSE;
          continue;
        }
      if (c == '\r' && apl_text_input_peekc (self->input) == '\n')
        continue;
      if (c == '\n' || c == '\r')
        {
          /* A blank line separates nothing: read on. */
          if (self->starts->len == 0 && self->row->len == 0 && !after_quote)
            {
              *line = apl_text_input_get_line (self->input);
              any = FALSE;
              continue;
            }
          break;
        }
      if (c == '"' && self->row->len == field_start && !after_quote)
        {
          in_quotes = TRUE;
          continue;
        }
      /* Text after a closing quote, or a quote inside an unquoted field:
       * spreadsheets do it, and the intent is clear enough to keep. */
      if (self->row->len - field_start < APL_TEXT_INPUT_MAX_LINE)
        g_string_append_c (self->row, (char) c);
      else
        too_long = TRUE;
    }

  end_field (self, &field_start);

  if (too_long)
    {
      *problem = g_strdup (_("the record is too long (too many or too long fields)"));
      return APL_READ_BAD;
    }
  for (guint i = 0; i < self->starts->len; i++)
    if (!g_utf8_validate (self->row->str + g_array_index (self->starts, gsize, i), -1, NULL))
      {
        *problem = g_strdup (_("the record is not UTF-8 text: save the file as “CSV UTF-8” and import it again"));
        return APL_READ_BAD;
      }
  return APL_READ_RECORD;
}

/**
 * apl_csv_reader_next_row:
 * @fields: (out) (transfer none) (array length=n_fields): the record's
 *   fields, valid until the next call
 * @line: (out): the line the record starts on
 * @problem: (out): for %APL_READ_BAD, what is wrong, for the user
 *
 * Reads one record without copying its fields; blank lines are skipped.
 */
AplReadResult
apl_csv_reader_next_row (AplCsvReader       *self,
                         const char * const **fields,
                         guint               *n_fields,
                         guint               *line,
                         char               **problem,
                         GError             **error)
{
  AplReadResult result = read_record (self, line, problem, error);

  /* The row's buffer may have moved while it grew: point into it now. */
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->starts->len; i++)
    g_ptr_array_add (self->fields, self->row->str + g_array_index (self->starts, gsize, i));
  *fields = (const char * const *) self->fields->pdata;
  *n_fields = self->fields->len;
  return result;
}

/**
 * apl_csv_reader_next:
 * @fields: (element-type utf8): filled with copies of the record's fields
 *
 * apl_csv_reader_next_row(), copying the fields.
 */
AplReadResult
apl_csv_reader_next (AplCsvReader  *self,
                     GPtrArray     *fields,
                     guint         *line,
                     char         **problem,
                     GError       **error)
{
  const char * const *row;
  guint n = 0;
  AplReadResult result = apl_csv_reader_next_row (self, &row, &n, line, problem, error);

  g_ptr_array_set_size (fields, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (fields, g_strdup (row[i]));
  return result;
}

void
apl_csv_apply_columns (GPtrArray        *fields,
                       const int        *columns,
                       guint             n_columns,
                       AplContactRecord *record)
{
  apl_csv_apply_row ((const char * const *) fields->pdata, fields->len, columns, n_columns, record);
}

/* Fills @record from a row, following @columns. */
void
apl_csv_apply_row (const char * const *fields,
                   guint               n_fields,
                   const int          *columns,
                   guint               n_columns,
                   AplContactRecord   *record)
{
  const char *given = NULL;
  const char *family = NULL;

  for (guint i = 0; i < n_fields && i < n_columns; i++)
    {
      const char *value = fields[i];
      int column = columns[i];

      if (*value == '\0' || column == APL_CONTACT_COLUMN_IGNORE)
        continue;

      if (column == APL_CONTACT_COLUMN_GIVEN_NAME)
        {
          if (given == NULL)
            given = value;
        }
      else if (column == APL_CONTACT_COLUMN_FAMILY_NAME)
        {
          if (family == NULL)
            family = value;
        }
      else if (column >= APL_CONTACT_COLUMN_SOCIAL
               && column < APL_CONTACT_COLUMN_SOCIAL + (int) G_N_ELEMENTS (social_networks) - 1)
        {
          g_autofree char *handle = g_strdup_printf ("%s: %s", social_networks[column - APL_CONTACT_COLUMN_SOCIAL], value);

          _apl_contact_record_append (record, APL_CONTACT_FIELD_SOCIALS, handle);
        }
      else if (column >= 0 && column < APL_CONTACT_N_FIELDS)
        {
          if (column == APL_CONTACT_FIELD_EMAILS || column == APL_CONTACT_FIELD_PHONES
              || column == APL_CONTACT_FIELD_SOCIALS || column == APL_CONTACT_FIELD_NOTES
              || column == APL_CONTACT_FIELD_BEATS || column == APL_CONTACT_FIELD_LANGUAGES)
            _apl_contact_record_append (record, column, value);
          else if (_apl_contact_record_is_empty (record, column))
            _apl_contact_record_set (record, column, value);
        }
    }

  if (_apl_contact_record_is_empty (record, APL_CONTACT_FIELD_NAME) && (given != NULL || family != NULL))
    {
      g_autofree char *name = g_strjoin (" ", given ? given : "", family ? family : "", NULL);

      _apl_contact_record_set (record, APL_CONTACT_FIELD_NAME, g_strstrip (name));
    }
}

/* Writing */

/* Fixed English headers, so that a file round-trips in any language. */
static const char * const csv_headers[APL_CONTACT_N_FIELDS] = {
  "Name", "Kind", "Outlet", "Role", "Beats", "Languages", "Region", "Country",
  "E-mails", "Phones", "Social media", "Website", "Audience reach", "Relationship",
  "Relationship owner", "Notes", "Last contacted", "Last verified", "Do not contact",
  "Reason not to contact", "Consent or lawful basis", "Source of the data",
};

static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",;\"\r\n") == NULL && value[0] != ' ')
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
apl_csv_write_header (GString *out)
{
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, csv_headers[i]);
    }
  g_string_append (out, "\r\n");
}

/* Lists are written one item a line inside their quoted field, which
 * spreadsheets show as lines in one cell. */
void
apl_csv_write (GString                *out,
               const AplContactRecord *record)
{
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, record->fields[i]);
    }
  g_string_append (out, "\r\n");
}
