/* test-contact-formats.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vCard and CSV readers and writers on their own: what address books
 * and spreadsheets really write, and what a user gets back.
 */

#include "config.h"

#include <string.h>

#include "apl-contact-formats.h"
#include "test-util.h"

/* Helpers */

typedef struct
{
  GPtrArray *records;    /* AplContactRecord* */
  GPtrArray *problems;   /* "LINE: message" */
  GError    *error;
} Read;

static void
record_free (gpointer data)
{
  _apl_contact_record_clear (data);
  g_free (data);
}

static void
read_clear (Read *read)
{
  g_clear_pointer (&read->records, g_ptr_array_unref);
  g_clear_pointer (&read->problems, g_ptr_array_unref);
  g_clear_error (&read->error);
}

static Read
read_vcards (const char *text,
             gssize      len)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(AplTextInput) input = NULL;
  g_autoptr(AplVCardReader) reader = NULL;
  Read read = { g_ptr_array_new_with_free_func (record_free), g_ptr_array_new_with_free_func (g_free), NULL };

  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, len < 0 ? strlen (text) : (gsize) len),
                                                len < 0 ? (gssize) strlen (text) : len, g_free);
  input = apl_text_input_new (stream, NULL);
  reader = apl_vcard_reader_new (input);
  for (;;)
    {
      AplContactRecord *record = g_new0 (AplContactRecord, 1);
      g_autofree char *problem = NULL;
      guint line = 0;
      AplReadResult result = apl_vcard_reader_next (reader, record, &line, &problem, &read.error);

      if (result == APL_READ_RECORD)
        {
          g_ptr_array_add (read.records, record);
          continue;
        }
      record_free (record);
      if (result == APL_READ_BAD)
        g_ptr_array_add (read.problems, g_strdup_printf ("%u: %s", line, problem));
      else
        break;
    }
  return read;
}

static Read
read_csv (const char *text,
          char       *separator)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(AplTextInput) input = NULL;
  g_autoptr(AplCsvReader) reader = NULL;
  Read read = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref),
                g_ptr_array_new_with_free_func (g_free), NULL };

  stream = g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);
  input = apl_text_input_new (stream, NULL);
  reader = apl_csv_reader_new (input);
  if (separator != NULL)
    *separator = apl_csv_reader_get_separator (reader);
  for (;;)
    {
      GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *problem = NULL;
      guint line = 0;
      AplReadResult result = apl_csv_reader_next (reader, fields, &line, &problem, &read.error);

      if (result == APL_READ_RECORD)
        {
          g_ptr_array_add (fields, g_strdup_printf ("@%u", line));
          g_ptr_array_add (read.records, fields);
          continue;
        }
      g_ptr_array_unref (fields);
      if (result == APL_READ_BAD)
        g_ptr_array_add (read.problems, g_strdup_printf ("%u: %s", line, problem));
      else
        break;
    }
  return read;
}

static const char *
field_of (Read            *read,
          guint            i,
          AplContactField  field)
{
  AplContactRecord *record = g_ptr_array_index (read->records, i);

  return record->fields[field] ? record->fields[field] : "";
}

static const char *
cell (Read  *read,
      guint  row,
      guint  column)
{
  GPtrArray *fields = g_ptr_array_index (read->records, row);

  return g_ptr_array_index (fields, column);
}

/* vCard */

static void
test_vcard_21 (void)
{
  /* As Outlook and old Android phones write it: bare parameters,
   * quoted-printable with soft line breaks, a Latin-1 charset, a photo. */
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Lef=E8vre;Marie;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Marie Lef=C3=A8vre\r\n"
    "ORG:Le Monde;Service Plan=C3=A8te\r\n"
    "TEL;WORK;VOICE:+33 1 40 00 00 00\r\n"
    "TEL;CELL:+33 6 12 34 56 78\r\n"
    "EMAIL;PREF;INTERNET:marie.lefevre@example.fr\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Pr=C3=A9f=C3=A8re les appels le matin,=0D=0A=\r\n"
    "pas le vendredi.\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
    "    /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgK\r\n"
    "    CgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQ\r\n"
    "\r\n"
    "END:VCARD\r\n";
  Read read = read_vcards (text, -1);

  g_assert_no_error (read.error);
  g_assert_cmpuint (read.problems->len, ==, 0);
  g_assert_cmpuint (read.records->len, ==, 1);
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_NAME), ==, "Marie Lefèvre");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_OUTLET), ==, "Le Monde");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_PHONES), ==, "+33 1 40 00 00 00\n+33 6 12 34 56 78");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_EMAILS), ==, "marie.lefevre@example.fr");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_NOTES), ==, "Préfère les appels le matin,\r\npas le vendredi.");
  read_clear (&read);
}

static void
test_vcard_30 (void)
{
  /* Evolution and iOS: folded lines (one cut inside a UTF-8 character),
   * escapes, grouped properties, TYPE lists, a photo folded over lines. */
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Jean-Fran\xC3\n"
    " \xA7ois Dupont\\, Jr.\n"
    "N:Dupont;Jean-François;;;Jr.\n"
    "ORG:France Info\\; Radio;Rédaction\n"
    "TITLE:Chef du service\\nsanté\n"
    "item1.EMAIL;type=INTERNET;type=pref:jf.dupont@example.org\n"
    "item1.X-ABLabel:_$!<Work>!$_\n"
    "item2.EMAIL;TYPE=\"INTERNET,HOME\":jf@example.net\n"
    "CATEGORIES:santé,environnement\\,climat\n"
    "ADR;TYPE=WORK:;;1 rue X;Paris;Île-de-France;75001;France\n"
    "X-SOCIALPROFILE;type=twitter:@jfdupont\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgID\n"
    " AwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD\n"
    " /yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=\n"
    "END:VCARD\n";
  Read read = read_vcards (text, -1);

  g_assert_no_error (read.error);
  g_assert_cmpuint (read.problems->len, ==, 0);
  g_assert_cmpuint (read.records->len, ==, 1);
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_NAME), ==, "Jean-François Dupont, Jr.");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_OUTLET), ==, "France Info; Radio");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_ROLE), ==, "Chef du service\nsanté");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_EMAILS), ==, "jf.dupont@example.org\njf@example.net");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_BEATS), ==, "santé\nenvironnement,climat");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_REGION), ==, "Île-de-France");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_COUNTRY), ==, "France");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_SOCIALS), ==, "x: @jfdupont");
  read_clear (&read);
}

static void
test_vcard_40 (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "KIND:individual\r\n"
    "FN:Ana Souza\r\n"
    "N:Souza;Ana;;;\r\n"
    "EMAIL;TYPE=work;PREF=1:ana@example.com\r\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+351-21-000-0000\r\n"
    "LANG;PREF=1:pt\r\n"
    "LANG;PREF=2:en\r\n"
    "URL:https://ana.example.com\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "N:Okafor;Chidi;;;\r\n"
    "END:VCARD\r\n";
  Read read = read_vcards (text, -1);

  g_assert_no_error (read.error);
  g_assert_cmpuint (read.records->len, ==, 2);
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_NAME), ==, "Ana Souza");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_PHONES), ==, "+351-21-000-0000");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_LANGUAGES), ==, "pt\nen");
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_WEBSITE), ==, "https://ana.example.com");
  /* No FN: the structured name gives it. */
  g_assert_cmpstr (field_of (&read, 1, APL_CONTACT_FIELD_NAME), ==, "Chidi Okafor");
  read_clear (&read);
}

static void
test_vcard_bad_records (void)
{
  const char *text =
    "BEGIN:VCARD\n"            /* 1 */
    "VERSION:3.0\n"
    "FN:Good One\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"            /* 5 */
    "VERSION:3.0\n"
    "this line has no colon\n" /* 7 */
    "FN:Broken\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"            /* 10 */
    "VERSION:9.9\n"            /* 11 */
    "FN:Future\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"            /* 14 */
    "VERSION:3.0\n"
    "EMAIL:nobody@example.org\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"            /* 18 */
    "FN:Never ends\n"
    "BEGIN:VCARD\n"            /* 20 */
    "FN:Last\n"
    "END:VCARD\n";
  Read read = read_vcards (text, -1);

  g_assert_no_error (read.error);
  g_assert_cmpuint (read.records->len, ==, 2);
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_NAME), ==, "Good One");
  g_assert_cmpstr (field_of (&read, 1, APL_CONTACT_FIELD_NAME), ==, "Last");
  g_assert_cmpuint (read.problems->len, ==, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (read.problems, 0), "7: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (read.problems, 1), "11: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (read.problems, 2), "14: "));
  g_assert_nonnull (strstr (g_ptr_array_index (read.problems, 2), "no name"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (read.problems, 3), "18: "));
  g_assert_nonnull (strstr (g_ptr_array_index (read.problems, 3), "END:VCARD"));
  read_clear (&read);
}

static void
test_vcard_not_vcard (void)
{
  static const char binary[] = { 0x7f, 'E', 'L', 'F', 0, 1, 2, 3, '\n', 0, 0, 'x' };
  Read read = read_vcards ("Name,Email\nA,b@c.d\n", -1);

  g_assert_error (read.error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_cmpuint (read.records->len, ==, 0);
  read_clear (&read);

  read = read_vcards (binary, sizeof binary);
  g_assert_error (read.error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  read_clear (&read);
}

static void
test_vcard_long_lines (void)
{
  /* A 1 MiB photo on one physical line, and a 100 KiB note: the photo is
   * dropped as it streams past, the note makes its record bad. */
  GString *text = g_string_new ("BEGIN:VCARD\nVERSION:3.0\nFN:Has Photo\nPHOTO;ENCODING=b:");
  Read read;

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (text, 'A' + i % 26);
  g_string_append (text, "\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Long Note\nNOTE:");
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (text, 'n');
  g_string_append (text, "\nEND:VCARD\n");

  read = read_vcards (text->str, text->len);
  g_assert_no_error (read.error);
  g_assert_cmpuint (read.records->len, ==, 1);
  g_assert_cmpstr (field_of (&read, 0, APL_CONTACT_FIELD_NAME), ==, "Has Photo");
  g_assert_cmpuint (read.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (read.problems, 0), "too long"));
  read_clear (&read);
  g_string_free (text, TRUE);
}

static void
test_vcard_round_trip (void)
{
  AplContactRecord record = { 0 };
  g_autoptr(GError) error = NULL;

  _apl_contact_record_set (&record, APL_CONTACT_FIELD_NAME, "Zoë O’Brien-Lefèvre");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_KIND, "columnist");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_OUTLET, "Ouest-France; Édition Rennes");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_ROLE, "Éditorialiste, économie");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_BEATS, "énergie, santé publique");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_LANGUAGES, "fr, en");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_REGION, "Bretagne");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_COUNTRY, "FR");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_EMAILS, "zoe@example.fr\nz.obrien@example.com");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_PHONES, "+33 2 99 00 00 00");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_SOCIALS, "x: @zoe\nmastodon: @zoe@piaille.fr");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_WEBSITE, "https://example.fr/zoe?a=1;b=2");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_REACH, "120000");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_RELATIONSHIP, "trusted");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_OWNER, "Claire Martin");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_NOTES,
                           "Long note with a backslash \\ and a semicolon; and a comma, and\n"
                           "a second line that is long enough to be folded more than once by the writer "
                           "because vCard lines stop at 75 octets — même avec des accents éèàùç.");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_LAST_CONTACTED, "2025-11-02");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_LAST_VERIFIED, "2026-01-15");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_DO_NOT_CONTACT, "1");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_DNC_REASON, "Asked on 2025-12-01");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_LAWFUL_BASIS, "Legitimate interest");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_SOURCE, "Press fair 2025");
  g_assert_true (_apl_contact_record_normalize (&record, &error));
  g_assert_no_error (error);

  for (int version = 3; version <= 4; version++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      Read read;

      apl_vcard_write (out, &record, version);
      /* Every physical line fits in 75 octets plus CRLF. */
      lines = g_strsplit (out->str, "\r\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_nonnull (strstr (out->str, version == 4 ? "VERSION:4.0" : "VERSION:3.0"));

      read = read_vcards (out->str, out->len);
      g_assert_no_error (read.error);
      g_assert_cmpuint (read.problems->len, ==, 0);
      g_assert_cmpuint (read.records->len, ==, 1);
      g_assert_true (_apl_contact_record_normalize (g_ptr_array_index (read.records, 0), &error));
      g_assert_no_error (error);
      for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
        g_assert_cmpstr (field_of (&read, 0, f), ==, record.fields[f]);
      read_clear (&read);
    }
  _apl_contact_record_clear (&record);
}

/* CSV */

static void
test_csv_bom_and_separators (void)
{
  char separator = 0;
  Read read = read_csv ("\xEF\xBB\xBFNom;Prénom;Média;Courriel\r\n"
                        "Lefèvre;Marie;\"Le Monde; Planète\";m@example.fr\r\n"
                        "\r\n"
                        "Durand;Paul;;p@example.fr\r\n", &separator);

  g_assert_no_error (read.error);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpuint (read.records->len, ==, 3);
  g_assert_cmpstr (cell (&read, 0, 0), ==, "Nom");
  g_assert_cmpstr (cell (&read, 1, 2), ==, "Le Monde; Planète");
  g_assert_cmpstr (cell (&read, 2, 0), ==, "Durand");
  g_assert_cmpstr (cell (&read, 2, 4), ==, "@4");
  read_clear (&read);

  read = read_csv ("Name,Outlet\nA,\"B, Inc\"\n", &separator);
  g_assert_cmpint (separator, ==, ',');
  g_assert_cmpstr (cell (&read, 1, 1), ==, "B, Inc");
  read_clear (&read);

  read = read_csv ("Name\tOutlet\nA\tB\n", &separator);
  g_assert_cmpint (separator, ==, '\t');
  read_clear (&read);
}

static void
test_csv_quotes (void)
{
  Read read = read_csv ("Name,Notes,Outlet\r\n"
                        "\"Smith, Jane\",\"She said \"\"no comment\"\"\r\nthen left\",Daily\r\n"
                        "Bob,,\"\"\r\n"
                        "Last,\"never closed\r\n", NULL);

  g_assert_no_error (read.error);
  g_assert_cmpuint (read.records->len, ==, 3);
  g_assert_cmpstr (cell (&read, 1, 0), ==, "Smith, Jane");
  g_assert_cmpstr (cell (&read, 1, 1), ==, "She said \"no comment\"\r\nthen left");
  g_assert_cmpstr (cell (&read, 1, 2), ==, "Daily");
  g_assert_cmpstr (cell (&read, 2, 2), ==, "");
  /* The record after a quoted line break starts on the right line. */
  g_assert_cmpstr (cell (&read, 2, 3), ==, "@4");
  g_assert_cmpuint (read.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (read.problems, 0), ==, "5: a quoted field is never closed (a \" is missing)");
  read_clear (&read);
}

static void
test_csv_invalid_utf8 (void)
{
  Read read = read_csv ("Name,Outlet\nRen\xE9,X\nOK,Y\n", NULL);

  g_assert_cmpuint (read.records->len, ==, 2);
  g_assert_cmpuint (read.problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (read.problems, 0), "2: "));
  read_clear (&read);
}

static void
test_csv_round_trip (void)
{
  AplContactRecord record = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree int *columns = NULL;
  AplContactRecord back = { 0 };
  g_autoptr(GError) error = NULL;
  Read read;

  _apl_contact_record_set (&record, APL_CONTACT_FIELD_NAME, "Jane \"JJ\" Smith");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_OUTLET, "Daily, Courier");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_EMAILS, "j@example.com\njj@example.org");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_NOTES, "Line one\nLine two; with semicolon");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_BEATS, "health, energy");
  _apl_contact_record_set (&record, APL_CONTACT_FIELD_DO_NOT_CONTACT, "0");
  g_assert_true (_apl_contact_record_normalize (&record, &error));

  apl_csv_write_header (out);
  apl_csv_write (out, &record);
  read = read_csv (out->str, NULL);
  g_assert_cmpuint (read.records->len, ==, 2);

  fields = g_ptr_array_ref (g_ptr_array_index (read.records, 0));
  columns = g_new (int, APL_CONTACT_N_FIELDS);
  for (guint i = 0; i < APL_CONTACT_N_FIELDS; i++)
    {
      columns[i] = apl_contact_guess_column (g_ptr_array_index (fields, i));
      g_assert_cmpint (columns[i], ==, (int) i);
    }
  apl_csv_apply_columns (g_ptr_array_index (read.records, 1), columns, APL_CONTACT_N_FIELDS, &back);
  g_assert_true (_apl_contact_record_normalize (&back, &error));
  for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
    g_assert_cmpstr (back.fields[f], ==, record.fields[f]);

  _apl_contact_record_clear (&record);
  _apl_contact_record_clear (&back);
  read_clear (&read);
}

static void
test_mapping_guesses (void)
{
  static const struct { const char *header; int column; } cases[] = {
    { "Nom", APL_CONTACT_COLUMN_FAMILY_NAME },
    { "Prénom", APL_CONTACT_COLUMN_GIVEN_NAME },
    { "PRENOM", APL_CONTACT_COLUMN_GIVEN_NAME },
    { "Nom complet", APL_CONTACT_FIELD_NAME },
    { "Média", APL_CONTACT_FIELD_OUTLET },
    { "Courriel", APL_CONTACT_FIELD_EMAILS },
    { "Adresse e-mail professionnelle", APL_CONTACT_FIELD_EMAILS },
    { "E-mail 2", APL_CONTACT_FIELD_EMAILS },
    { "Téléphone (portable)", APL_CONTACT_FIELD_PHONES },
    { "Téléphone", APL_CONTACT_FIELD_PHONES },
    { "Fonction", APL_CONTACT_FIELD_ROLE },
    { "Thématiques", APL_CONTACT_FIELD_BEATS },
    { "Langue", APL_CONTACT_FIELD_LANGUAGES },
    { "Pays", APL_CONTACT_FIELD_COUNTRY },
    { "Ne pas contacter", APL_CONTACT_FIELD_DO_NOT_CONTACT },
    { "Base légale", APL_CONTACT_FIELD_LAWFUL_BASIS },
    { "Dernière vérification", APL_CONTACT_FIELD_LAST_VERIFIED },
    { "First Name", APL_CONTACT_COLUMN_GIVEN_NAME },
    { "Last name", APL_CONTACT_COLUMN_FAMILY_NAME },
    { "Job Title", APL_CONTACT_FIELD_ROLE },
    { "E-mail Address", APL_CONTACT_FIELD_EMAILS },
    { "Mobile Phone", APL_CONTACT_FIELD_PHONES },
    { "Company", APL_CONTACT_FIELD_OUTLET },
    { "Twitter", APL_CONTACT_COLUMN_SOCIAL },
    { "LinkedIn", APL_CONTACT_COLUMN_SOCIAL + 1 },
    { "Shoe size", APL_CONTACT_COLUMN_IGNORE },
    { "", APL_CONTACT_COLUMN_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (apl_contact_guess_column (cases[i].header), ==, cases[i].column);
    }
}

static void
test_normalize (void)
{
  static const struct { AplContactField field; const char *in; const char *out; } good[] = {
    { APL_CONTACT_FIELD_REACH, "12 000", "12000" },
    { APL_CONTACT_FIELD_REACH, "12,000", "12000" },
    { APL_CONTACT_FIELD_REACH, "1.2M", "1200000" },
    { APL_CONTACT_FIELD_REACH, "45k", "45000" },
    { APL_CONTACT_FIELD_LAST_VERIFIED, "14/03/2025", "2025-03-14" },
    { APL_CONTACT_FIELD_LAST_VERIFIED, "2025-03-14T10:00:00Z", "2025-03-14" },
    { APL_CONTACT_FIELD_DO_NOT_CONTACT, "Oui", "1" },
    { APL_CONTACT_FIELD_DO_NOT_CONTACT, "", "0" },
    { APL_CONTACT_FIELD_KIND, "Journaliste", "journalist" },
    { APL_CONTACT_FIELD_KIND, "influenceuse", "influencer" },
    { APL_CONTACT_FIELD_RELATIONSHIP, "Tiède", "warm" },
    { APL_CONTACT_FIELD_EMAILS, "<A@x.org>; mailto:b@y.org, a@x.org", "A@x.org\nb@y.org" },
    { APL_CONTACT_FIELD_BEATS, "Health; energy,health , ", "Health, energy" },
    { APL_CONTACT_FIELD_SOCIALS, "Twitter: @a\nhttps://example.org/b", "x: @a\nhttps://example.org/b" },
  };
  static const struct { AplContactField field; const char *in; } bad[] = {
    { APL_CONTACT_FIELD_NAME, "  " },
    { APL_CONTACT_FIELD_EMAILS, "not-an-address" },
    { APL_CONTACT_FIELD_LAST_VERIFIED, "2025-02-30" },
    { APL_CONTACT_FIELD_REACH, "lots" },
    { APL_CONTACT_FIELD_KIND, "astronaut" },
    { APL_CONTACT_FIELD_PHONES, "call me" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = apl_contact_normalize_field (good[i].field, good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = apl_contact_normalize_field (bad[i].field, bad[i].in, &error);

      g_assert_null (value);
      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
    }
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contacts/vcard/2.1", test_vcard_21);
  g_test_add_func ("/contacts/vcard/3.0", test_vcard_30);
  g_test_add_func ("/contacts/vcard/4.0", test_vcard_40);
  g_test_add_func ("/contacts/vcard/bad-records", test_vcard_bad_records);
  g_test_add_func ("/contacts/vcard/not-vcard", test_vcard_not_vcard);
  g_test_add_func ("/contacts/vcard/long-lines", test_vcard_long_lines);
  g_test_add_func ("/contacts/vcard/round-trip", test_vcard_round_trip);
  g_test_add_func ("/contacts/csv/bom-separators", test_csv_bom_and_separators);
  g_test_add_func ("/contacts/csv/quotes", test_csv_quotes);
  g_test_add_func ("/contacts/csv/invalid-utf8", test_csv_invalid_utf8);
  g_test_add_func ("/contacts/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/contacts/csv/mapping-guesses", test_mapping_guesses);
  g_test_add_func ("/contacts/normalize", test_normalize);

  return g_test_run ();
}
