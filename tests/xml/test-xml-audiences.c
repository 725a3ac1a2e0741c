/* test-xml-audiences.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan file carries the contacts its messages address: the members of
 * hand-picked segments and of segments defined by a filter ("health
 * journalists"), the latter as the filter selects them when the plan is
 * exported.
 */

#include <string.h>

#include "apl-contact-book.h"
#include "apl-message.h"
#include "apl-messages.h"
#include "test-util.h"
#include "xml-test-util.h"

static AplContact *
add_contact (AplContactBook *book,
             const char     *name,
             const char     *beats)
{
  g_autoptr(GError) error = NULL;
  AplContact *contact = apl_contact_book_create (book, name, &error);

  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_BEATS, beats, &error));
  g_assert_no_error (error);
  return contact;
}

static AplMessage *
add_message (TestWorkspace *ws,
             AplPlan       *plan,
             const char    *title,
             gint64         segment)
{
  g_autoptr(GError) error = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplMessage *message;

  fields[APL_MESSAGE_FIELD_TITLE] = title;
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = "We are looking into it.";
  message = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_add_message_audience (ws->store, message, APL_AUDIENCE_SEGMENT, segment, &error));
  g_assert_no_error (error);
  return message;
}

static char *
export_text (TestWorkspace *ws,
             AplPlan       *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = apl_plan_export_to_bytes (ws->store, plan, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_filter_segment (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplContact) helene = NULL;
  g_autoptr(AplContact) tunde = NULL;
  g_autoptr(AplContact) sport = NULL;
  g_autoptr(AplContact) late = NULL;
  g_autoptr(AplContact) picked = NULL;
  g_autoptr(AplContactFilter) health = apl_contact_filter_new ();
  g_autoptr(AplMessage) first = NULL;
  g_autoptr(AplMessage) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  AplContactBook *book;
  gint64 by_beat, by_hand;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = test_workspace_add_plan (&a, "Water contamination");
  book = apl_contact_book_get (a.store, &error);
  g_assert_no_error (error);

  helene = add_contact (book, "Hélène Lefèvre", "health, water");
  tunde = add_contact (book, "Tunde Okafor", "Health");
  sport = add_contact (book, "Sam Sport", "football");
  picked = add_contact (book, "Pia Picked", "politics");

  health->beat = g_strdup ("health");
  by_beat = apl_contact_book_create_segment (book, "Health desk", health, &error);
  g_assert_no_error (error);
  by_hand = apl_contact_book_create_segment (book, "Picked", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_add_to_segment (book, by_hand, picked, &error));
  g_assert_true (apl_contact_book_add_to_segment (book, by_hand, helene, &error));
  g_assert_no_error (error);

  first = add_message (&a, plan, "Boil-water notice", by_beat);
  second = add_message (&a, plan, "Briefing", by_hand);

  /* Both segments' members, each once; nobody else. */
  text = export_text (&a, plan);
  g_assert_nonnull (strstr (text, "<name>Hélène Lefèvre</name>"));
  g_assert_nonnull (strstr (text, "<name>Tunde Okafor</name>"));
  g_assert_nonnull (strstr (text, "<name>Pia Picked</name>"));
  g_assert_null (strstr (text, "Sam Sport"));
  g_assert_null (strstr (strstr (text, "<name>Hélène Lefèvre</name>") + 1, "<name>Hélène Lefèvre</name>"));

  /* The filter runs when the plan is exported: a new health journalist
   * is in the next file. */
  late = add_contact (book, "Lea Late", "health");
  again = export_text (&a, plan);
  g_assert_nonnull (strstr (again, "<name>Lea Late</name>"));

  /* The file brings them with the plan. */
  path = g_build_filename (a.dir, "plan.xml", NULL);
  g_assert_true (g_file_set_contents (path, again, -1, &error));
  copy = apl_plan_import (b.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(*) FROM contacts"), ==, 4);
  g_assert_cmpint (test_sqlite_int (b.path, "SELECT count(*) FROM contacts WHERE name = 'Sam Sport'"), ==, 0);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/audiences/filter-segment", test_filter_segment);
  return g_test_run ();
}
