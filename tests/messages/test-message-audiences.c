/* test-message-audiences.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the second round of message templates adds to the core: a message's
 * audience as stakeholder groups and contact segments (and the queries the
 * group and segment lists ask before removing one), filtering by scenario,
 * and custom placeholders defined per plan and per language.
 */

#include "config.h"

#include "apl-contact-book.h"
#include "apl-messages.h"
#include "apl-stakeholder-register.h"
#include "apl-store.h"
#include "test-util.h"

typedef struct
{
  char     *dir;
  AplStore *store;
  AplPlan  *plan;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Water contamination", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static AplMessage *
add_message (Fixture    *fixture,
             const char *title,
             const char *scenario)
{
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  g_autoptr(GError) error = NULL;
  AplMessage *message;

  fields[APL_MESSAGE_FIELD_TITLE] = title;
  fields[APL_MESSAGE_FIELD_SCENARIO] = scenario;
  fields[APL_MESSAGE_FIELD_BODY] = "We are aware of {{incident}}.";
  message = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Alex", &error);
  g_assert_no_error (error);
  return message;
}

static void
test_audience_references (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplMessage) statement = add_message (fixture, "Holding statement", "");
  g_autoptr(AplMessage) note = add_message (fixture, "Employee note", "");
  AplStakeholderRegister *reg = apl_stakeholder_register_get (fixture->store, &error);
  AplContactBook *book = apl_contact_book_get (fixture->store, &error);
  AplStakeholderGroup *employees, *customers;
  AplStakeholderGroup *suppliers;
  g_autoptr(GArray) audience = NULL;
  g_autoptr(GArray) using = NULL;
  gint64 journalists;

  g_assert_no_error (error);
  employees = apl_stakeholder_register_find_group (reg, "employees");
  customers = apl_stakeholder_register_find_group (reg, "customers");
  g_assert_nonnull (employees);
  suppliers = apl_stakeholder_register_add_group (reg, "Suppliers", &error);
  g_assert_no_error (error);
  journalists = apl_contact_book_create_segment (book, "Health journalists", NULL, &error);
  g_assert_no_error (error);

  /* A new message addresses nobody yet. */
  audience = apl_store_get_message_audience (fixture->store, statement, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audience->len, ==, 0);
  g_clear_pointer (&audience, g_array_unref);

  g_assert_true (apl_store_add_message_audience (fixture->store, statement, APL_AUDIENCE_SEGMENT, journalists, &error));
  g_assert_true (apl_store_add_message_audience (fixture->store, statement, APL_AUDIENCE_GROUP,
                                                 apl_stakeholder_group_get_id (customers), &error));
  g_assert_true (apl_store_add_message_audience (fixture->store, statement, APL_AUDIENCE_GROUP,
                                                 apl_stakeholder_group_get_id (suppliers), &error));
  /* Twice is once. */
  g_assert_true (apl_store_add_message_audience (fixture->store, statement, APL_AUDIENCE_GROUP,
                                                 apl_stakeholder_group_get_id (customers), &error));
  g_assert_true (apl_store_add_message_audience (fixture->store, note, APL_AUDIENCE_GROUP,
                                                 apl_stakeholder_group_get_id (employees), &error));
  g_assert_no_error (error);

  /* Groups first, then segments. */
  audience = apl_store_get_message_audience (fixture->store, statement, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audience->len, ==, 3);
  g_assert_cmpint (g_array_index (audience, AplAudienceRef, 0).kind, ==, APL_AUDIENCE_GROUP);
  g_assert_cmpint (g_array_index (audience, AplAudienceRef, 0).id, ==, apl_stakeholder_group_get_id (customers));
  g_assert_cmpint (g_array_index (audience, AplAudienceRef, 1).id, ==, apl_stakeholder_group_get_id (suppliers));
  g_assert_cmpint (g_array_index (audience, AplAudienceRef, 2).kind, ==, APL_AUDIENCE_SEGMENT);
  g_assert_cmpint (g_array_index (audience, AplAudienceRef, 2).id, ==, journalists);
  g_clear_pointer (&audience, g_array_unref);

  /* A group or segment that does not exist is refused with a sentence. */
  g_assert_false (apl_store_add_message_audience (fixture->store, statement, APL_AUDIENCE_GROUP, 99999, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What the group and segment lists ask before removing one. */
  using = apl_store_message_audiences_using_group (fixture->store, apl_stakeholder_group_get_id (customers), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (using->len, ==, 1);
  g_assert_cmpint (g_array_index (using, gint64, 0), ==, apl_message_get_id (statement));
  g_clear_pointer (&using, g_array_unref);
  using = apl_store_message_audiences_using_segment (fixture->store, journalists, &error);
  g_assert_cmpuint (using->len, ==, 1);
  g_clear_pointer (&using, g_array_unref);

  /* A deleted message no longer counts. */
  g_assert_true (apl_store_delete_message (fixture->store, statement, &error));
  using = apl_store_message_audiences_using_segment (fixture->store, journalists, &error);
  g_assert_cmpuint (using->len, ==, 0);
  g_clear_pointer (&using, g_array_unref);
  g_assert_true (apl_store_undelete_message (fixture->store, statement, &error));

  /* Removing from the audience. */
  g_assert_true (apl_store_remove_message_audience (fixture->store, statement, APL_AUDIENCE_SEGMENT, journalists,
                                                    &error));
  using = apl_store_message_audiences_using_segment (fixture->store, journalists, &error);
  g_assert_cmpuint (using->len, ==, 0);
  g_clear_pointer (&using, g_array_unref);

  /* Once the user has confirmed, removing the group takes it out of the
   * audiences that named it. */
  using = apl_store_message_audiences_using_group (fixture->store, apl_stakeholder_group_get_id (suppliers), &error);
  g_assert_cmpuint (using->len, ==, 1);
  g_clear_pointer (&using, g_array_unref);
  {
    gint64 removed = apl_stakeholder_group_get_id (suppliers);

    g_assert_true (apl_stakeholder_register_remove_group (reg, suppliers, &error));
    using = apl_store_message_audiences_using_group (fixture->store, removed, &error);
    g_assert_cmpuint (using->len, ==, 0);
    g_clear_pointer (&using, g_array_unref);
  }
  g_assert_no_error (error);
  audience = apl_store_get_message_audience (fixture->store, statement, &error);
  g_assert_cmpuint (audience->len, ==, 1);
  g_assert_cmpint (g_array_index (audience, AplAudienceRef, 0).id, ==, apl_stakeholder_group_get_id (customers));
}

static void
test_search_by_scenario (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplMessage) a = add_message (fixture, "Leak statement", "Water leak");
  g_autoptr(AplMessage) b = add_message (fixture, "Cyber statement", "Cyber attack");
  g_autoptr(AplMessage) c = add_message (fixture, "General statement", "");
  AplMessageQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  query.scenario = "Cyber attack";
  ids = apl_store_search_messages (fixture->store, fixture->plan, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, apl_message_get_id (b));
  g_clear_pointer (&ids, g_array_unref);

  /* "" finds the messages without a scenario; NULL finds all. */
  query.scenario = "";
  ids = apl_store_search_messages (fixture->store, fixture->plan, &query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, apl_message_get_id (c));
  g_clear_pointer (&ids, g_array_unref);

  query.scenario = NULL;
  query.text = "statement";
  ids = apl_store_search_messages (fixture->store, fixture->plan, &query, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  (void) a;
}

static void
test_custom_placeholder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) en = NULL;
  g_autoptr(GHashTable) fr = NULL;

  /* A plan's own name, with a value per language and a default. */
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "plant", NULL, "the plant", &error));
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "plant", "fr", "l’usine", &error));
  g_assert_no_error (error);
  en = apl_store_get_placeholder_values (fixture->store, fixture->plan, "en", &error);
  fr = apl_store_get_placeholder_values (fixture->store, fixture->plan, "fr", &error);
  g_assert_cmpstr (g_hash_table_lookup (en, "plant"), ==, "the plant");
  g_assert_cmpstr (g_hash_table_lookup (fr, "plant"), ==, "l’usine");

  /* A name a placeholder cannot have is refused. */
  g_assert_false (apl_store_set_placeholder_value (fixture->store, fixture->plan, "Bad Name", NULL, "x", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/message-audiences/references", Fixture, NULL,
              fixture_set_up, test_audience_references, fixture_tear_down);
  g_test_add ("/message-audiences/search-by-scenario", Fixture, NULL,
              fixture_set_up, test_search_by_scenario, fixture_tear_down);
  g_test_add ("/message-audiences/custom-placeholder", Fixture, NULL,
              fixture_set_up, test_custom_placeholder, fixture_tear_down);

  return g_test_run ();
}
