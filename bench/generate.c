/* generate.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmarks' data, the same on every run (fixed seed): a CSV and a
 * vCard file of --size contacts, a workspace with plans, stakeholders,
 * messages and their versions (and the contacts, through the contact
 * import, once it exists), an XML plan file of the largest plan, and
 * plan-contacts.xml, a plan file carrying every contact.
 *
 *   bench-generate --size 100000 --output DIR [--seed 42]
 *   bench-generate --contacts-plan-only --output DIR   (workspace already there)
 *
 * Prints what it wrote, one "key<TAB>value" a line.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "apl-messages.h"
#include "apl-plan-xml.h"
#include "apl-stakeholder-register.h"
#include "apl-store.h"
#include "bench-contacts.h"
#include "bench-data.h"

static gint64 opt_size = 10000;
static char *opt_output;
static gint64 opt_seed = 20260101;
static int opt_stakeholders = 500;
static int opt_plans = 24;
static int opt_messages = 8;
static gboolean opt_no_workspace;
static gboolean opt_contacts_plan_only;

static const GOptionEntry entries[] = {
  { "size", 0, 0, G_OPTION_ARG_INT64, &opt_size, "Number of contacts (default 10000)", "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Directory to write into", "DIR" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Random seed", "SEED" },
  { "stakeholders", 0, 0, G_OPTION_ARG_INT, &opt_stakeholders, "Stakeholders on the first plan's map (default 500)", "N" },
  { "plans", 0, 0, G_OPTION_ARG_INT, &opt_plans, "Number of plans (default 24)", "N" },
  { "messages", 0, 0, G_OPTION_ARG_INT, &opt_messages, "Messages per plan (default 8)", "N" },
  { "no-workspace", 0, 0, G_OPTION_ARG_NONE, &opt_no_workspace, "Only write the CSV and vCard files", NULL },
  { "contacts-plan-only", 0, 0, G_OPTION_ARG_NONE, &opt_contacts_plan_only,
    "Only write plan-contacts.xml, from the workspace already in DIR", NULL },
  { NULL }
};

G_GNUC_NORETURN static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-generate: %s: %s\n", what, error ? error->message : g_strerror (errno));
  exit (1);
}

/* Contacts */

typedef struct
{
  char *name;
  char *given;
  char *family;
  const char *kind;
  const char *outlet;
  const char *role;
  char *beats;
  const char *languages;
  const char *country;
  char *email;
  char *phone;
  char *website;
  char *reach;
  const char *relationship;
  const char *notes;
  char *last_verified;
} Contact;

static void
contact_clear (Contact *c)
{
  g_free (c->name);
  g_free (c->given);
  g_free (c->family);
  g_free (c->beats);
  g_free (c->email);
  g_free (c->phone);
  g_free (c->website);
  g_free (c->reach);
  g_free (c->last_verified);
}

/* "Lefèvre" -> "lefevre", "O’Brien" -> "obrien": what e-mail addresses and
 * domains are made of. */
static char *
slug (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static void
make_contact (BenchRng   *rng,
              GHashTable *names_seen,
              GHashTable *emails_seen,
              Contact    *c)
{
  gboolean french = bench_rng_below (rng, 10) < 6;
  g_autofree char *key = NULL;
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;
  guint n_beats;
  GString *beats;

  memset (c, 0, sizeof *c);
  c->outlet = bench_rng_pick (rng, bench_outlets);

  /* Same name at the same outlet is a duplicate to the import: draw again,
   * and in the end add a middle initial, as real lists do. */
  for (int attempt = 0;; attempt++)
    {
      g_clear_pointer (&c->given, g_free);
      g_clear_pointer (&c->family, g_free);
      g_clear_pointer (&c->name, g_free);
      g_clear_pointer (&key, g_free);
      c->given = g_strdup (bench_rng_pick (rng, french ? bench_given_names_fr : bench_given_names_en));
      c->family = g_strdup (bench_rng_pick (rng, french ? bench_family_names_fr : bench_family_names_en));
      if (attempt < 8)
        c->name = g_strdup_printf ("%s %s", c->given, c->family);
      else
        c->name = g_strdup_printf ("%s %c. %s %s", c->given, 'A' + (int) bench_rng_below (rng, 26),
                                   attempt >= 16 ? bench_rng_pick (rng, bench_family_names_fr) : "",
                                   c->family);
      key = g_strdup_printf ("%s|%s", c->name, c->outlet);
      if (!g_hash_table_contains (names_seen, key))
        break;
    }
  {
    /* A name like "Zoé A.  Martin" from the attempt above has a double
     * space when the middle part is empty. */
    char *dbl;
    while ((dbl = strstr (c->name, "  ")) != NULL)
      memmove (dbl, dbl + 1, strlen (dbl));
  }
  g_hash_table_add (names_seen, g_steal_pointer (&key));

  c->kind = bench_rng_pick (rng, bench_kinds);
  c->role = bench_rng_pick (rng, bench_roles);
  c->relationship = bench_rng_pick (rng, bench_relationships);
  c->notes = bench_rng_pick (rng, bench_notes);
  c->country = french ? bench_rng_pick (rng, (const char * const[]) { "FR", "FR", "FR", "BE", "CH", "CA", NULL })
                      : bench_rng_pick (rng, (const char * const[]) { "GB", "GB", "IE", "US", NULL });
  c->languages = bench_rng_below (rng, 5) == 0 ? "fr, en" : (french ? "fr" : "en");

  n_beats = 1 + bench_rng_below (rng, 3);
  beats = g_string_new (NULL);
  for (guint i = 0; i < n_beats; i++)
    {
      const char *beat = bench_rng_pick (rng, bench_beats);
      if (strstr (beats->str, beat) != NULL)
        continue;
      if (beats->len > 0)
        g_string_append (beats, ", ");
      g_string_append (beats, beat);
    }
  c->beats = g_string_free (beats, FALSE);

  domain = slug (c->outlet);
  if (strlen (domain) > 20)
    domain[20] = '\0';
  {
    g_autofree char *g = slug (c->given);
    g_autofree char *f = slug (c->family);
    local = g_strdup_printf ("%s.%s", g, f);
  }
  c->email = g_strdup_printf ("%s@%s.%s", local, domain, french ? "fr" : "com");
  for (guint n = 2; g_hash_table_contains (emails_seen, c->email); n++)
    {
      g_free (c->email);
      c->email = g_strdup_printf ("%s%u@%s.%s", local, n, domain, french ? "fr" : "com");
    }
  g_hash_table_add (emails_seen, g_strdup (c->email));

  if (french)
    c->phone = g_strdup_printf ("+33 6 %02u %02u %02u %02u", bench_rng_below (rng, 100), bench_rng_below (rng, 100),
                                bench_rng_below (rng, 100), bench_rng_below (rng, 100));
  else
    c->phone = g_strdup_printf ("+44 7%03u %06u", bench_rng_below (rng, 1000), bench_rng_below (rng, 1000000));
  c->website = g_strdup_printf ("https://www.%s.%s/", domain, french ? "fr" : "com");
  c->reach = bench_rng_below (rng, 3) == 0 ? g_strdup ("")
                                          : g_strdup_printf ("%u", 500 + bench_rng_below (rng, 2000000));
  {
    GDate date;
    char buf[16];

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2023);
    g_date_add_days (&date, bench_rng_below (rng, 1000));
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
    c->last_verified = g_strdup (buf);
  }
}

/* RFC 4180: quoted when the field holds a comma, a quote or a line break,
 * quotes doubled inside. */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static const char *csv_header[] = {
  "Name", "Kind", "Outlet", "Role", "Beats", "Languages", "Country", "Email",
  "Phone", "Website", "Reach", "Relationship", "Notes", "Last verified", NULL
};

static void
write_csv (GString *out,
           Contact *c)
{
  const char *values[] = {
    c->name, c->kind, c->outlet, c->role, c->beats, c->languages, c->country, c->email,
    c->phone, c->website, c->reach, c->relationship, c->notes, c->last_verified,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    csv_field (out, values[i], i == G_N_ELEMENTS (values) - 1);
}

/* vCard 3.0 text value: backslash, comma, semicolon and newline escaped. */
static void
vcard_escape (GString    *out,
              const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

/* Folds at 75 octets, never inside a UTF-8 sequence. */
static void
vcard_line (GString    *out,
            const char *line)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize width = 75;

  while (len - start > width)
    {
      gsize cut = start + width;

      while (cut > start && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      width = 74;
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
vcard_property (GString    *out,
                const char *name,
                const char *value,
                gboolean    escape)
{
  g_autoptr(GString) line = g_string_new (name);

  if (value == NULL || *value == '\0')
    return;
  g_string_append_c (line, ':');
  if (escape)
    vcard_escape (line, value);
  else
    g_string_append (line, value);
  vcard_line (out, line->str);
}

static void
write_vcard (GString *out,
             Contact *c)
{
  g_autoptr(GString) n = g_string_new (NULL);
  g_autoptr(GString) categories = g_string_new (NULL);
  g_auto(GStrv) beats = g_strsplit (c->beats, ", ", -1);

  vcard_escape (n, c->family);
  g_string_append_c (n, ';');
  vcard_escape (n, c->given);
  g_string_append (n, ";;;");
  for (guint i = 0; beats[i]; i++)
    {
      if (i > 0)
        g_string_append_c (categories, ',');
      vcard_escape (categories, beats[i]);
    }

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
  vcard_property (out, "FN", c->name, TRUE);
  vcard_property (out, "N", n->str, FALSE);
  vcard_property (out, "ORG", c->outlet, TRUE);
  vcard_property (out, "TITLE", c->role, TRUE);
  vcard_property (out, "EMAIL;TYPE=INTERNET,WORK", c->email, TRUE);
  vcard_property (out, "TEL;TYPE=CELL", c->phone, TRUE);
  vcard_property (out, "URL", c->website, FALSE);
  vcard_property (out, "CATEGORIES", categories->str, FALSE);
  vcard_property (out, "NOTE", c->notes, TRUE);
  vcard_property (out, "X-APLOMB-KIND", c->kind, TRUE);
  vcard_property (out, "X-APLOMB-RELATIONSHIP", c->relationship, TRUE);
  vcard_property (out, "X-APLOMB-LANGUAGES", c->languages, TRUE);
  vcard_property (out, "X-APLOMB-REACH", c->reach, TRUE);
  vcard_property (out, "X-APLOMB-LAST-VERIFIED", c->last_verified, TRUE);
  g_string_append (out, "END:VCARD\r\n");
}

static void
flush_to (FILE    *file,
          GString *buffer,
          gboolean force)
{
  if (buffer->len > (force ? 0 : 1 << 20))
    {
      if (fwrite (buffer->str, 1, buffer->len, file) != buffer->len)
        die ("write", NULL);
      g_string_truncate (buffer, 0);
    }
}

static void
write_contact_files (const char *csv_path,
                     const char *vcf_path)
{
  g_autoptr(GHashTable) names_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) emails_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GString) vcf = g_string_new (NULL);
  FILE *csv_file = fopen (csv_path, "wb");
  FILE *vcf_file = fopen (vcf_path, "wb");
  BenchRng rng;

  if (csv_file == NULL || vcf_file == NULL)
    die ("open", NULL);
  bench_rng_init (&rng, (guint64) opt_seed);

  for (guint i = 0; csv_header[i]; i++)
    csv_field (csv, csv_header[i], csv_header[i + 1] == NULL);

  for (gint64 i = 0; i < opt_size; i++)
    {
      Contact c;

      make_contact (&rng, names_seen, emails_seen, &c);
      write_csv (csv, &c);
      write_vcard (vcf, &c);
      contact_clear (&c);
      flush_to (csv_file, csv, FALSE);
      flush_to (vcf_file, vcf, FALSE);
    }
  flush_to (csv_file, csv, TRUE);
  flush_to (vcf_file, vcf, TRUE);
  if (fclose (csv_file) != 0 || fclose (vcf_file) != 0)
    die ("close", NULL);
}

/* The workspace */

static void
remove_workspace (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
fill_plan (AplStore               *store,
           AplStakeholderRegister *reg,
           GPtrArray              *stakeholders,
           AplPlan                *plan,
           guint                   index,
           BenchRng               *rng)
{
  gboolean french = index % 3 != 2;
  GError *error = NULL;
  AplPlacementList *placements; /* the register's own */
  guint n_placed = index == 0 ? stakeholders->len : MIN (30, stakeholders->len);
  g_autofree char *summary = NULL;

  /* The first plan is the largest one a plan file can carry today: its
   * scenario summary near the 64 KiB a field may hold. */
  summary = bench_message_text (rng, french, index == 0 ? 55000 : 600);
  if (!apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, summary, &error)
      || !apl_plan_set_field (plan, APL_PLAN_FIELD_ORGANISATION, french ? "Énergies du Rhône SA" : "Northern Grid plc", &error)
      || !apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, french ? "Hélène Lefèvre, directrice de la communication"
                                                                 : "Siobhán O’Brien, Head of Communications", &error)
      || !apl_plan_set_field (plan, APL_PLAN_FIELD_LANGUAGE, french ? "fr" : "en", &error)
      || !apl_plan_set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, "2026-09-30", &error))
    die ("plan fields", error);

  placements = apl_stakeholder_register_get_placements (reg, plan, &error);
  if (placements == NULL)
    die ("placements", error);
  for (guint i = 0; i < n_placed; i++)
    {
      AplStakeholder *s = g_ptr_array_index (stakeholders, (i + index * 7) % stakeholders->len);

      if (apl_placement_list_add (placements, s, (int) bench_rng_below (rng, 101), (int) bench_rng_below (rng, 101),
                                  (AplAttitude) bench_rng_below (rng, 3), 1 + (int) bench_rng_below (rng, 3),
                                  &error) == NULL)
        die ("placement", error);
    }

  if (!apl_store_set_placeholder_value (store, plan, "incident", NULL,
                                        french ? "la messagerie de nos clients" : "our customer portal", &error)
      || !apl_store_set_placeholder_value (store, plan, "spokesperson", NULL, "Frédérique Noël", &error)
      || !apl_store_set_placeholder_value (store, plan, "hotline", NULL, "+33 1 23 45 67 89", &error))
    die ("placeholders", error);

  for (int m = 0; m < opt_messages; m++)
    {
      const char *fields[APL_MESSAGE_N_FIELDS] = { 0 };
      g_autofree char *title = g_strdup_printf ("%s %d", french ? "Déclaration d’attente" : "Holding statement", m + 1);
      g_autofree char *body = bench_message_text (rng, french, 400 + bench_rng_below (rng, 1600));
      g_autoptr(AplMessage) message = NULL;

      fields[APL_MESSAGE_FIELD_TITLE] = title;
      fields[APL_MESSAGE_FIELD_PHASE] = apl_phase_get_key ((AplPhase) (m % APL_N_PHASES));
      fields[APL_MESSAGE_FIELD_CHANNEL] = apl_channel_get_key ((AplChannel) (m % APL_N_CHANNELS));
      fields[APL_MESSAGE_FIELD_LANGUAGE] = french ? "fr" : "en";
      fields[APL_MESSAGE_FIELD_AUDIENCE] = french ? "Presse nationale" : "National press";
      fields[APL_MESSAGE_FIELD_BODY] = body;
      message = apl_store_add_message (store, plan, fields, NULL, "Hélène Lefèvre", &error);
      if (message == NULL)
        die ("message", error);

      /* Versions: two authors taking turns, so edits never fold into one. */
      for (int v = 0; v < 10; v++)
        {
          g_autofree char *edit = bench_message_text (rng, french, 400 + bench_rng_below (rng, 1600));

          if (!apl_message_set_field (message, APL_MESSAGE_FIELD_BODY, edit,
                                      v % 2 ? "Hélène Lefèvre" : "Legal — Jérôme Côté", &error))
            die ("message version", error);
        }
    }
}

/* plan-contacts.xml: a plan whose one message addresses a hand-picked
 * segment of every contact in the book, so that the file carries them all
 * (format 3). The plan and the segment exist only for the export: they are
 * removed afterwards, so the other figures see the workspace as before (the
 * export figure picks the largest plan, which this one would be). */
static void
write_contacts_plan (AplStore   *store,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplMessage) message = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { 0 };
  const char *missing = bench_contacts_missing ();
  guint n_members = 0;
  gint64 segment;
  gint64 t0;

  if (missing != NULL)
    {
      g_print ("plan-contacts\tmissing feature: %s\n", missing);
      return;
    }

  t0 = g_get_monotonic_time ();
  segment = bench_contacts_segment_all (store, "Tous les contacts (banc d’essai)", &n_members, &error);
  if (segment <= 0)
    die ("segment", error);
  g_print ("plan-contacts-segment\t%u members in %.1f s\n", n_members,
           (g_get_monotonic_time () - t0) / 1e6);

  plan = apl_store_create_plan (store, "Annonce à toute la presse", &error);
  if (plan == NULL)
    die ("contacts plan", error);
  fields[APL_MESSAGE_FIELD_TITLE] = "Communiqué à toute la presse";
  fields[APL_MESSAGE_FIELD_PHASE] = apl_phase_get_key ((AplPhase) 0);
  fields[APL_MESSAGE_FIELD_CHANNEL] = apl_channel_get_key ((AplChannel) 0);
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "fr";
  fields[APL_MESSAGE_FIELD_AUDIENCE] = "Toute la presse";
  fields[APL_MESSAGE_FIELD_BODY] = "{{spokesperson}} s’exprimera à 18 h sur {{incident}}.";
  message = apl_store_add_message (store, plan, fields, NULL, "Hélène Lefèvre", &error);
  if (message == NULL)
    die ("contacts plan message", error);
  if (!apl_store_add_message_audience (store, message, APL_AUDIENCE_SEGMENT, segment, &error))
    die ("message audience", error);

  t0 = g_get_monotonic_time ();
  if (!apl_plan_export (store, plan, path, &error))
    die (path, error);
  g_print ("plan-contacts-export\t%.1f s\n", (g_get_monotonic_time () - t0) / 1e6);

  if (!apl_store_remove_message_audience (store, message, APL_AUDIENCE_SEGMENT, segment, &error)
      || !apl_store_delete_plan (store, plan, &error))
    die ("removing the contacts plan", error);
  {
    /* Left in place if the book refuses (the plan is only soft-deleted
     * until the next open): an unused segment changes no figure. */
    g_autoptr(GError) ignored = NULL;
    bench_contacts_delete_segment (store, segment, &ignored);
  }
}

static void
write_workspace (const char *path,
                 const char *csv_path,
                 const char *xml_path,
                 const char *contacts_xml_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = NULL;
  AplStakeholderRegister *reg; /* the store's own */
  g_autoptr(GPtrArray) stakeholders = g_ptr_array_new ();
  g_autoptr(AplPlan) largest = NULL;
  BenchRng rng;
  const char *missing;

  remove_workspace (path);
  bench_rng_init (&rng, (guint64) opt_seed + 1);

  store = apl_store_open (path, &error);
  if (store == NULL)
    die (path, error);
  reg = apl_stakeholder_register_get (store, &error);
  if (reg == NULL)
    die ("stakeholders", error);

  for (int i = 0; i < opt_stakeholders; i++)
    {
      g_autofree char *name = NULL;
      AplStakeholder *s;

      /* Organisations, then the people in them. */
      if ((guint) i < bench_list_length (bench_stakeholder_names))
        name = g_strdup (bench_stakeholder_names[i]);
      else
        name = g_strdup_printf ("%s %s (%s)", bench_rng_pick (&rng, bench_given_names_fr),
                                bench_rng_pick (&rng, bench_family_names_fr),
                                bench_rng_pick (&rng, bench_stakeholder_names));
      s = apl_stakeholder_register_create (reg, name,
                                           (guint) i < bench_list_length (bench_stakeholder_names)
                                             ? APL_STAKEHOLDER_KIND_ORGANISATION : APL_STAKEHOLDER_KIND_PERSON,
                                           NULL, &error);
      if (s == NULL)
        die ("stakeholder", error);
      g_ptr_array_add (stakeholders, s);
    }
  for (int i = 0; i < opt_stakeholders / 3; i++)
    {
      AplStakeholder *from = g_ptr_array_index (stakeholders, bench_rng_below (&rng, stakeholders->len));
      AplStakeholder *to = g_ptr_array_index (stakeholders, bench_rng_below (&rng, stakeholders->len));

      if (from != to)
        {
          /* The same pair twice is refused, and that is fine here. */
          g_autoptr(GError) ignored = NULL;
          apl_stakeholder_register_relate (reg, from, to, (AplRelationshipKind) bench_rng_below (&rng, 3), &ignored);
        }
    }

  for (int i = 0; i < opt_plans; i++)
    {
      const char *base = bench_plan_titles[i % bench_list_length (bench_plan_titles)];
      g_autofree char *title = i < (int) bench_list_length (bench_plan_titles)
                                 ? g_strdup (base) : g_strdup_printf ("%s (%d)", base, i + 1);
      g_autoptr(AplPlan) plan = apl_store_create_plan (store, title, &error);

      if (plan == NULL)
        die ("plan", error);
      fill_plan (store, reg, stakeholders, plan, (guint) i, &rng);
      if (i == 0)
        largest = g_object_ref (plan);
    }

  if (largest != NULL && !apl_plan_export (store, largest, xml_path, &error))
    die (xml_path, error);

  missing = bench_contacts_missing ();
  if (missing == NULL)
    {
      guint created = 0;

      if (!bench_contacts_import_csv (store, csv_path, &created, &error))
        die (csv_path, error);
      g_print ("workspace-contacts\t%u\n", created);
      write_contacts_plan (store, contacts_xml_path);
    }
  else
    g_print ("workspace-contacts\tmissing feature: %s\n", missing);

  apl_store_close (store);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- write the benchmarks' data");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *vcf_path = NULL;
  g_autofree char *xml_path = NULL;
  g_autofree char *ws_path = NULL;
  g_autofree char *contacts_xml_path = NULL;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_output == NULL || opt_size < 0)
    {
      g_printerr ("usage: bench-generate --size N --output DIR [--seed SEED]\n");
      return 2;
    }
  if (g_mkdir_with_parents (opt_output, 0700) != 0)
    die (opt_output, NULL);

  csv_path = g_build_filename (opt_output, "contacts.csv", NULL);
  vcf_path = g_build_filename (opt_output, "contacts.vcf", NULL);
  xml_path = g_build_filename (opt_output, "plan.xml", NULL);
  ws_path = g_build_filename (opt_output, "workspace.sqlite3", NULL);
  contacts_xml_path = g_build_filename (opt_output, "plan-contacts.xml", NULL);

  if (opt_contacts_plan_only)
    {
      g_autoptr(AplStore) store = apl_store_open (ws_path, &error);

      if (store == NULL)
        die (ws_path, error);
      write_contacts_plan (store, contacts_xml_path);
      apl_store_close (store);
      if (g_stat (contacts_xml_path, &st) == 0)
        g_print ("plan-contacts-xml\t%s\t%" G_GINT64_FORMAT "\n", contacts_xml_path, (gint64) st.st_size);
      return 0;
    }

  write_contact_files (csv_path, vcf_path);
  g_print ("contacts\t%" G_GINT64_FORMAT "\n", opt_size);
  if (g_stat (csv_path, &st) == 0)
    g_print ("csv\t%s\t%" G_GINT64_FORMAT "\n", csv_path, (gint64) st.st_size);
  if (g_stat (vcf_path, &st) == 0)
    g_print ("vcard\t%s\t%" G_GINT64_FORMAT "\n", vcf_path, (gint64) st.st_size);

  if (!opt_no_workspace)
    {
      write_workspace (ws_path, csv_path, xml_path, contacts_xml_path);
      g_print ("workspace\t%s\n", ws_path);
      if (g_stat (xml_path, &st) == 0)
        g_print ("plan-xml\t%s\t%" G_GINT64_FORMAT "\n", xml_path, (gint64) st.st_size);
      if (g_stat (contacts_xml_path, &st) == 0)
        g_print ("plan-contacts-xml\t%s\t%" G_GINT64_FORMAT "\n", contacts_xml_path, (gint64) st.st_size);
    }
  return 0;
}
