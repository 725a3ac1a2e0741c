/* test-plans.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plans and the organisation profile as the window sees them: the list
 * model's signals, every edit on disk at once, refused values that change
 * nothing, Undo after a deletion.
 */

#include "config.h"

#include <string.h>

#include "apl-crisis.h"
#include "apl-sample-plan.h"
#include "apl-store.h"
#include "test-util.h"

/* Recording what a list view would be told */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GArray *
watch_plans (AplStore *store)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (Change));

  g_signal_connect (apl_store_get_plans (store), "items-changed",
                    G_CALLBACK (items_changed_cb), changes);
  return changes;
}

static void
unwatch_plans (AplStore *store,
               GArray   *changes)
{
  g_signal_handlers_disconnect_by_data (apl_store_get_plans (store), changes);
  g_array_unref (changes);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* Helpers */

static AplStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (APL_IS_STORE (store));
  return store;
}

static AplPlan *
create_plan (AplStore   *store,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  AplPlan *plan = apl_store_create_plan (store, title, &error);

  g_assert_no_error (error);
  g_assert_true (APL_IS_PLAN (plan));
  return plan;
}

static void
set_field (AplPlan      *plan,
           AplPlanField  field,
           const char   *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (apl_plan_set_field (plan, field, value, &error));
  g_assert_no_error (error);
}

static AplPlan *
plan_at (AplStore *store,
         guint     position)
{
  g_autoptr(AplPlan) plan = g_list_model_get_item (apl_store_get_plans (store), position);

  /* The model keeps its own reference, so a borrowed pointer is enough. */
  g_assert_nonnull (plan);
  return plan;
}

static guint
n_plans (AplStore *store)
{
  return g_list_model_get_n_items (apl_store_get_plans (store));
}

static void
assert_timestamp (const char *text)
{
  g_autoptr(GDateTime) stamp = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (stamp);
  g_assert_cmpint (ABS (g_date_time_difference (now, stamp)), <, 5 * 60 * G_TIME_SPAN_SECOND);
}

static void
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  g_assert_cmpuint (strlen (text), ==, 10);
  g_assert_true (text[4] == '-' && text[7] == '-');
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  g_assert_true (g_date_valid_dmy (day, month, year));
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* Creating */

static void
test_create (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(AplPlan) first = NULL;
  g_autoptr(AplPlan) second = NULL;
  AplStore *store;
  GArray *changes;

  store = open_store (path);
  changes = watch_plans (store);

  first = create_plan (store, "  Cyber attack\n");
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, 1);

  second = create_plan (store, "Product recall");
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 1, 1, 0, 1);

  g_assert_cmpuint (n_plans (store), ==, 2);
  g_assert_true (plan_at (store, 0) == first);
  g_assert_true (plan_at (store, 1) == second);

  /* What the user typed, without the stray spaces a paste brings. */
  g_assert_cmpstr (apl_plan_get_title (first), ==, "Cyber attack");
  g_assert_cmpuint (strlen (apl_plan_get_uuid (first)), ==, 36);
  g_assert_true (g_uuid_string_is_valid (apl_plan_get_uuid (first)));
  g_assert_cmpstr (apl_plan_get_uuid (first), !=, apl_plan_get_uuid (second));
  g_assert_cmpint (apl_plan_get_id (first), >, 0);
  g_assert_cmpint (apl_plan_get_id (first), !=, apl_plan_get_id (second));
  assert_timestamp (apl_plan_get_created (first));
  assert_timestamp (apl_plan_get_updated (first));
  g_assert_cmpstr (apl_plan_get_language (first), ==, "en");
  g_assert_cmpstr (apl_plan_get_next_review (first), ==, "");
  g_assert_cmpstr (apl_plan_get_owner (first), ==, "");

  unwatch_plans (store, changes);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

static void
test_create_invalid (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *too_long = g_strnfill (201, 'a');
  g_autofree char *padded = NULL;
  g_autoptr(GString) accented = g_string_new (NULL);
  const char * const empty_titles[] = { "", "   ", " \t\n ", NULL };
  g_autoptr(AplPlan) longest = NULL;
  g_autoptr(AplPlan) trimmed = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;
  GArray *changes;

  store = open_store (path);
  changes = watch_plans (store);

  for (guint i = 0; i < G_N_ELEMENTS (empty_titles); i++)
    {
      AplPlan *plan = apl_store_create_plan (store, empty_titles[i], &error);

      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
      g_assert_null (plan);
      g_clear_error (&error);
    }

  g_assert_null (apl_store_create_plan (store, too_long, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing reached the list, so the window shows nothing half-made. */
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (n_plans (store), ==, 0);

  /* The limit counts characters, not bytes: a French title of 200 accented
   * letters fits, and so do 200 letters inside spaces that are trimmed. */
  for (guint i = 0; i < 200; i++)
    g_string_append (accented, "é");
  longest = create_plan (store, accented->str);
  g_assert_cmpstr (apl_plan_get_title (longest), ==, accented->str);
  padded = g_strdup_printf ("   %.*s   ", 200, too_long);
  trimmed = create_plan (store, padded);
  g_assert_cmpuint (strlen (apl_plan_get_title (trimmed)), ==, 200);
  g_assert_cmpuint (changes->len, ==, 2);

  unwatch_plans (store, changes);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

/* Editing */

static const struct
{
  AplPlanField  field;
  const char   *property;
  const char   *value;
} field_values[] = {
  { APL_PLAN_FIELD_TITLE, "title", "Ransomware at headquarters" },
  { APL_PLAN_FIELD_ORGANISATION, "organisation", "Riverside Water" },
  { APL_PLAN_FIELD_OWNER, "owner", "Head of Communications" },
  { APL_PLAN_FIELD_SCENARIO_SUMMARY, "scenario-summary",
    "Payroll is encrypted on Friday night.\nStaff ask on social media whether they will be paid; “we are investigating” is not enough. 🔒" },
  { APL_PLAN_FIELD_LANGUAGE, "language", "fr" },
  { APL_PLAN_FIELD_NEXT_REVIEW, "next-review", "2027-03-31" },
};

static void
test_set_field (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(AplPlan) plan = NULL;
  AplStore *store;
  AplPlan *reread;

  G_STATIC_ASSERT (G_N_ELEMENTS (field_values) == APL_PLAN_N_FIELDS);

  store = open_store (path);
  plan = create_plan (store, "Cyber attack");
  uuid = g_strdup (apl_plan_get_uuid (plan));

  for (guint i = 0; i < G_N_ELEMENTS (field_values); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", field_values[i].property, NULL);
      g_autofree char *property_value = NULL;
      guint notified = 0;
      gulong handler;

      handler = g_signal_connect (plan, signal, G_CALLBACK (count_cb), &notified);
      set_field (plan, field_values[i].field, field_values[i].value);
      g_assert_cmpuint (notified, ==, 1);
      g_assert_cmpstr (apl_plan_get_field (plan, field_values[i].field), ==, field_values[i].value);
      g_object_get (plan, field_values[i].property, &property_value, NULL);
      g_assert_cmpstr (property_value, ==, field_values[i].value);

      /* Setting what is already there is not a change: no signal, so the
       * window does not redraw or move the cursor while the user types. */
      set_field (plan, field_values[i].field, field_values[i].value);
      g_assert_cmpuint (notified, ==, 1);
      g_signal_handler_disconnect (plan, handler);
    }
  g_clear_object (&plan);
  g_assert_finalize_object (store);

  /* No Save button: every value is on disk as soon as it was set. */
  store = open_store (path);
  reread = apl_store_find_plan_by_uuid (store, uuid);
  g_assert_nonnull (reread);
  for (guint i = 0; i < G_N_ELEMENTS (field_values); i++)
    g_assert_cmpstr (apl_plan_get_field (reread, field_values[i].field), ==, field_values[i].value);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

static void
test_title_notify (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  AplStore *store;

  store = open_store (path);
  plan = create_plan (store, "Flood");
  g_signal_connect (plan, "notify::title", G_CALLBACK (count_cb), &notified);

  g_assert_true (apl_plan_set_title (plan, "River flood", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);

  /* The same title with spaces around it is the same title. */
  g_assert_true (apl_plan_set_title (plan, "  River flood ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "River flood");

  g_assert_false (apl_plan_set_title (plan, "  ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "River flood");

  g_clear_object (&plan);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

static void
test_updated_changes (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(AplPlan) created = NULL;
  guint notified = 0;
  AplStore *store;
  AplPlan *plan;

  store = open_store (path);
  created = create_plan (store, "Flood");
  uuid = g_strdup (apl_plan_get_uuid (created));
  g_clear_object (&created);
  g_assert_finalize_object (store);

  /* Stamps have a one-second resolution: age the plan so that the stamp an
   * edit writes cannot equal the old one by chance. */
  test_sqlite_exec (path, "UPDATE plans SET created_at = '2020-01-01T09:00:00Z', "
                          "updated_at = '2020-01-01T09:00:00Z'");

  store = open_store (path);
  plan = apl_store_find_plan_by_uuid (store, uuid);
  g_assert_nonnull (plan);
  g_assert_cmpstr (apl_plan_get_updated (plan), ==, "2020-01-01T09:00:00Z");
  g_signal_connect (plan, "notify::updated", G_CALLBACK (count_cb), &notified);

  /* “Last changed” is what tells a team a plan has gone stale. */
  set_field (plan, APL_PLAN_FIELD_OWNER, "Press office");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (apl_plan_get_updated (plan), !=, "2020-01-01T09:00:00Z");
  assert_timestamp (apl_plan_get_updated (plan));
  g_assert_cmpstr (apl_plan_get_created (plan), ==, "2020-01-01T09:00:00Z");
  updated = g_strdup (apl_plan_get_updated (plan));
  g_assert_finalize_object (store);

  store = open_store (path);
  plan = apl_store_find_plan_by_uuid (store, uuid);
  g_assert_cmpstr (apl_plan_get_updated (plan), ==, updated);
  g_assert_cmpstr (apl_plan_get_created (plan), ==, "2020-01-01T09:00:00Z");
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Validation */

static void
test_validation (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char * const bad_dates[] = { "2027-02-30", "31/12/2027", "2027-13-01", "2027-3-31", "next spring" };
  const char * const bad_languages[] = { "x", "", "f r", "1a", "français" };
  guint review_notified = 0;
  guint language_notified = 0;
  AplStore *store;
  AplPlan *reread;

  store = open_store (path);
  plan = create_plan (store, "Product recall");
  uuid = g_strdup (apl_plan_get_uuid (plan));
  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, "2027-03-31");
  set_field (plan, APL_PLAN_FIELD_LANGUAGE, "en");
  g_signal_connect (plan, "notify::next-review", G_CALLBACK (count_cb), &review_notified);
  g_signal_connect (plan, "notify::language", G_CALLBACK (count_cb), &language_notified);

  /* A refused value leaves the plan as it was: the window keeps the text
   * the user typed and marks the field, the workspace keeps the last good
   * value. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_assert_false (apl_plan_set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, bad_dates[i], &error));
      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpstr (apl_plan_get_next_review (plan), ==, "2027-03-31");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_languages); i++)
    {
      g_assert_false (apl_plan_set_field (plan, APL_PLAN_FIELD_LANGUAGE, bad_languages[i], &error));
      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpstr (apl_plan_get_language (plan), ==, "en");
    }
  g_assert_cmpuint (review_notified, ==, 0);
  g_assert_cmpuint (language_notified, ==, 0);

  /* A pasted control character would make the plan impossible to export
   * later: it is refused when typed, naming the character. Line breaks
   * and tabs are text. */
  g_assert_false (apl_plan_set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, "Boil water\a now", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "U+0007"));
  g_clear_error (&error);
  g_assert_false (apl_plan_set_field (plan, APL_PLAN_FIELD_TITLE, "Recall \xef\xbf\xbf", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Product recall");
  set_field (plan, APL_PLAN_FIELD_SCENARIO_SUMMARY, "Line one\n\tLine two\r\n");
  g_assert_cmpstr (apl_plan_get_scenario_summary (plan), ==, "Line one\n\tLine two\r\n");

  /* A leap day is a date; an empty review date clears it. */
  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, "2028-02-29");
  g_assert_cmpstr (apl_plan_get_next_review (plan), ==, "2028-02-29");
  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, "");
  g_assert_cmpstr (apl_plan_get_next_review (plan), ==, "");
  g_assert_cmpuint (review_notified, ==, 2);

  set_field (plan, APL_PLAN_FIELD_LANGUAGE, "fr");
  g_assert_cmpstr (apl_plan_get_language (plan), ==, "fr");
  g_assert_cmpuint (language_notified, ==, 1);

  g_clear_object (&plan);
  g_assert_finalize_object (store);

  store = open_store (path);
  reread = apl_store_find_plan_by_uuid (store, uuid);
  g_assert_nonnull (reread);
  g_assert_cmpstr (apl_plan_get_next_review (reread), ==, "");
  g_assert_cmpstr (apl_plan_get_language (reread), ==, "fr");
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Deleting, with Undo */

static void
test_delete_undelete (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(AplPlan) first = NULL;
  g_autoptr(AplPlan) middle = NULL;
  g_autoptr(AplPlan) last = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;
  GArray *changes;
  gint64 id;

  store = open_store (path);
  first = create_plan (store, "Cyber attack");
  middle = create_plan (store, "Flood");
  last = create_plan (store, "Strike");
  uuid = g_strdup (apl_plan_get_uuid (middle));
  id = apl_plan_get_id (middle);
  changes = watch_plans (store);

  g_assert_true (apl_store_delete_plan (store, middle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 1, 0);
  g_assert_cmpuint (n_plans (store), ==, 2);
  g_assert_true (plan_at (store, 0) == first);
  g_assert_true (plan_at (store, 1) == last);
  g_assert_null (apl_store_find_plan (store, id));
  g_assert_null (apl_store_find_plan_by_uuid (store, uuid));

  /* A deleted plan cannot be deleted twice, nor edited behind the toast. */
  g_assert_false (apl_store_delete_plan (store, middle, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (apl_plan_set_field (middle, APL_PLAN_FIELD_OWNER, "Press office", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (apl_plan_get_owner (middle), ==, "");
  g_assert_cmpuint (changes->len, ==, 1);

  /* Undo puts it back exactly where the user last saw it. */
  g_assert_true (apl_store_undelete_plan (store, middle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 1, 1, 0, 1);
  g_assert_cmpuint (n_plans (store), ==, 3);
  g_assert_true (plan_at (store, 1) == middle);
  g_assert_true (apl_store_find_plan (store, id) == middle);

  g_assert_false (apl_store_undelete_plan (store, middle, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 2);

  g_assert_true (apl_store_delete_plan (store, middle, &error));
  g_assert_no_error (error);
  assert_change (changes, 2, 1, 1, 0);
  unwatch_plans (store, changes);
  g_assert_finalize_object (store);

  /* Undo lasts a session: the next start erases the plan for good. */
  store = open_store (path);
  g_assert_cmpuint (n_plans (store), ==, 2);
  g_assert_null (apl_store_find_plan_by_uuid (store, uuid));
  g_assert_false (apl_store_undelete_plan (store, middle, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_plans (store), ==, 2);
  g_assert_finalize_object (store);

  sql = g_strdup_printf ("SELECT count(*) FROM plans WHERE uuid = '%s'", uuid);
  g_assert_cmpint (test_sqlite_int (path, sql), ==, 0);

  test_remove_tree (dir);
}

static void
test_purge (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(AplPlan) kept = NULL;
  g_autoptr(AplPlan) deleted = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;

  store = open_store (path);
  kept = create_plan (store, "Cyber attack");
  deleted = create_plan (store, "Old draft");
  g_assert_true (apl_store_delete_plan (store, deleted, &error));
  g_assert_no_error (error);

  g_assert_true (apl_store_purge_deleted_plans (store, &error));
  g_assert_no_error (error);
  g_assert_false (apl_store_undelete_plan (store, deleted, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_plans (store), ==, 1);
  g_assert_true (plan_at (store, 0) == kept);
  g_assert_finalize_object (store);

  g_assert_cmpint (test_sqlite_int (path, "SELECT count(*) FROM plans"), ==, 1);

  test_remove_tree (dir);
}

/* Duplicating */

static const AplPlanField copied_fields[] = {
  APL_PLAN_FIELD_ORGANISATION,
  APL_PLAN_FIELD_OWNER,
  APL_PLAN_FIELD_SCENARIO_SUMMARY,
  APL_PLAN_FIELD_LANGUAGE,
  APL_PLAN_FIELD_NEXT_REVIEW,
};

static void
test_duplicate (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *copy_uuid = NULL;
  g_autoptr(AplPlan) original = NULL;
  g_autoptr(AplPlan) other = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(AplPlan) named = NULL;
  g_autoptr(GError) error = NULL;
  AplStore *store;
  AplPlan *reread;
  GArray *changes;

  store = open_store (path);
  original = create_plan (store, "Cyber attack");
  for (guint i = 1; i < G_N_ELEMENTS (field_values); i++)
    set_field (original, field_values[i].field, field_values[i].value);
  other = create_plan (store, "Flood");
  changes = watch_plans (store);

  copy = apl_store_duplicate_plan (store, original, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (APL_IS_PLAN (copy));
  copy_uuid = g_strdup (apl_plan_get_uuid (copy));

  /* A new plan at the end of the list, not a second view of the first. */
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 2, 0, 1);
  g_assert_true (plan_at (store, 2) == copy);
  g_assert_cmpint (apl_plan_get_id (copy), !=, apl_plan_get_id (original));
  g_assert_true (g_uuid_string_is_valid (copy_uuid));
  g_assert_cmpstr (copy_uuid, !=, apl_plan_get_uuid (original));
  g_assert_cmpstr (apl_plan_get_title (copy), ==, "Copy of Cyber attack");
  for (guint i = 0; i < G_N_ELEMENTS (copied_fields); i++)
    g_assert_cmpstr (apl_plan_get_field (copy, copied_fields[i]), ==,
                     apl_plan_get_field (original, copied_fields[i]));
  assert_timestamp (apl_plan_get_created (copy));

  named = apl_store_duplicate_plan (store, original, "Cyber attack (2027 exercise)", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_plan_get_title (named), ==, "Cyber attack (2027 exercise)");
  assert_change (changes, 1, 3, 0, 1);
  g_assert_cmpstr (apl_plan_get_title (original), ==, "Cyber attack");

  /* A plan deleted a moment ago (Undo still showing) cannot be copied. */
  g_assert_true (apl_store_delete_plan (store, other, &error));
  g_assert_no_error (error);
  g_assert_null (apl_store_duplicate_plan (store, other, NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (n_plans (store), ==, 3);

  unwatch_plans (store, changes);
  g_assert_finalize_object (store);

  store = open_store (path);
  reread = apl_store_find_plan_by_uuid (store, copy_uuid);
  g_assert_nonnull (reread);
  g_assert_cmpstr (apl_plan_get_title (reread), ==, "Copy of Cyber attack");
  for (guint i = 0; i < G_N_ELEMENTS (copied_fields); i++)
    g_assert_cmpstr (apl_plan_get_field (reread, copied_fields[i]), ==,
                     apl_plan_get_field (original, copied_fields[i]));
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Finding */

static void
test_find (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(AplPlan) first = NULL;
  g_autoptr(AplPlan) second = NULL;
  AplStore *store;
  AplPlan *found;
  gint64 id;

  store = open_store (path);
  first = create_plan (store, "Cyber attack");
  second = create_plan (store, "Flood");
  uuid = g_strdup (apl_plan_get_uuid (second));
  id = apl_plan_get_id (second);

  /* The same object the list holds, so an edit made through either shows
   * in both. */
  g_assert_true (apl_store_find_plan (store, apl_plan_get_id (first)) == first);
  g_assert_true (apl_store_find_plan (store, id) == second);
  g_assert_true (apl_store_find_plan_by_uuid (store, apl_plan_get_uuid (first)) == first);
  g_assert_true (apl_store_find_plan_by_uuid (store, uuid) == second);
  g_assert_null (apl_store_find_plan (store, id + 1000));
  g_assert_null (apl_store_find_plan_by_uuid (store, "00000000-0000-4000-8000-000000000000"));
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_finalize_object (store);

  /* A uuid names the plan across sessions (and later in exported files). */
  store = open_store (path);
  found = apl_store_find_plan_by_uuid (store, uuid);
  g_assert_nonnull (found);
  g_assert_cmpint (apl_plan_get_id (found), ==, id);
  g_assert_cmpstr (apl_plan_get_title (found), ==, "Flood");
  g_assert_true (apl_store_find_plan (store, id) == found);
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* The organisation profile */

static const struct
{
  AplOrganisationField  field;
  const char           *property;
  const char           *value;
} organisation_values[] = {
  { APL_ORGANISATION_FIELD_NAME, "name", "Riverside Water" },
  { APL_ORGANISATION_FIELD_WEBSITE, "website", "https://riverside-water.example" },
  { APL_ORGANISATION_FIELD_PRESS_HOTLINE, "press-hotline", "+44 20 7946 0000" },
  { APL_ORGANISATION_FIELD_SPOKESPERSON, "spokesperson", "Amélie Durand" },
};

static void
test_organisation (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(AplPlan) before = NULL;
  g_autoptr(AplPlan) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after_uuid = NULL;
  AplOrganisation *organisation;
  AplStore *store;

  G_STATIC_ASSERT (G_N_ELEMENTS (organisation_values) == APL_ORGANISATION_N_FIELDS);

  store = open_store (path);
  organisation = apl_store_get_organisation (store);
  g_assert_true (APL_IS_ORGANISATION (organisation));
  for (guint i = 0; i < G_N_ELEMENTS (organisation_values); i++)
    g_assert_cmpstr (apl_organisation_get_field (organisation, organisation_values[i].field), ==, "");
  before = create_plan (store, "Cyber attack");
  g_assert_cmpstr (apl_plan_get_organisation (before), ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (organisation_values); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", organisation_values[i].property, NULL);
      g_autofree char *property_value = NULL;
      guint notified = 0;
      gulong handler;

      handler = g_signal_connect (organisation, signal, G_CALLBACK (count_cb), &notified);
      g_assert_true (apl_organisation_set_field (organisation, organisation_values[i].field,
                                                 organisation_values[i].value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (notified, ==, 1);
      g_assert_cmpstr (apl_organisation_get_field (organisation, organisation_values[i].field), ==,
                       organisation_values[i].value);
      g_object_get (organisation, organisation_values[i].property, &property_value, NULL);
      g_assert_cmpstr (property_value, ==, organisation_values[i].value);

      g_assert_true (apl_organisation_set_field (organisation, organisation_values[i].field,
                                                 organisation_values[i].value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (notified, ==, 1);
      g_signal_handler_disconnect (organisation, handler);
    }

  /* A new plan is written for the organisation the workspace belongs to. */
  after = create_plan (store, "Flood");
  g_assert_cmpstr (apl_plan_get_organisation (after), ==, "Riverside Water");
  after_uuid = g_strdup (apl_plan_get_uuid (after));
  g_assert_finalize_object (store);

  store = open_store (path);
  organisation = apl_store_get_organisation (store);
  for (guint i = 0; i < G_N_ELEMENTS (organisation_values); i++)
    g_assert_cmpstr (apl_organisation_get_field (organisation, organisation_values[i].field), ==,
                     organisation_values[i].value);
  g_assert_cmpstr (apl_plan_get_organisation (apl_store_find_plan_by_uuid (store, after_uuid)), ==,
                   "Riverside Water");
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* The sample plan */

static void
test_sample_plan (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  GDate today;
  GDate review;
  AplStore *store;
  AplPlan *reread;
  GArray *changes;
  int days;

  store = open_store (path);
  g_assert_true (apl_store_is_new (store));
  changes = watch_plans (store);

  plan = apl_sample_plan_create (store, &error);
  g_assert_no_error (error);
  g_assert_true (APL_IS_PLAN (plan));

  /* A first-time user sees one complete plan, not an empty window. */
  g_assert_cmpuint (n_plans (store), ==, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, 1);
  g_assert_true (plan_at (store, 0) == plan);
  g_assert_cmpstr (apl_plan_get_title (plan), !=, "");
  g_assert_cmpstr (apl_plan_get_organisation (plan), !=, "");
  g_assert_cmpstr (apl_plan_get_owner (plan), !=, "");
  g_assert_cmpstr (apl_plan_get_scenario_summary (plan), !=, "");
  g_assert_cmpstr (apl_plan_get_language (plan), ==, "en");

  /* Due for review in about six months: later than today, not yet due. */
  parse_date (apl_plan_get_next_review (plan), &review);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  days = g_date_days_between (&today, &review);
  g_assert_cmpint (days, >=, 179);
  g_assert_cmpint (days, <=, 185);
  g_assert_false (apl_plan_is_review_due (plan, NULL));

  /* The sample shows a crisis cell in use: a scenario, and the crisis lead,
   * spokesperson and comms lead held by example people with deputies. */
  {
    GListModel *roles = apl_store_get_crisis_roles (store, plan, NULL);
    GListModel *scenarios = apl_store_get_scenarios (store, plan, NULL);
    guint staffed = 0;

    g_assert_nonnull (roles);
    g_assert_nonnull (scenarios);
    g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
    for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
      {
        g_autoptr(AplCrisisRole) role = g_list_model_get_item (roles, i);
        AplRoleKind kind = apl_crisis_role_get_kind (role);

        if (kind == APL_ROLE_CRISIS_LEAD || kind == APL_ROLE_SPOKESPERSON || kind == APL_ROLE_COMMS_LEAD)
          {
            g_assert_false (apl_crisis_role_lacks_person (role));
            g_assert_false (apl_crisis_role_lacks_deputy (role));
            staffed++;
          }
      }
    g_assert_cmpuint (staffed, ==, 3);
  }

  uuid = g_strdup (apl_plan_get_uuid (plan));
  title = g_strdup (apl_plan_get_title (plan));
  unwatch_plans (store, changes);
  g_assert_finalize_object (store);

  store = open_store (path);
  g_assert_false (apl_store_is_new (store));
  reread = apl_store_find_plan_by_uuid (store, uuid);
  g_assert_nonnull (reread);
  g_assert_cmpstr (apl_plan_get_title (reread), ==, title);
  g_assert_cmpstr (apl_plan_get_next_review (reread), ==, apl_plan_get_next_review (plan));
  g_assert_cmpstr (apl_plan_get_scenario_summary (reread), ==, apl_plan_get_scenario_summary (plan));
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

/* Review dates */

static gboolean
due_on (AplPlan   *plan,
        GDateDay   day,
        GDateMonth month,
        GDateYear  year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return apl_plan_is_review_due (plan, &date);
}

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_review_due (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *yesterday = date_from_today (-1);
  g_autofree char *tomorrow = date_from_today (1);
  g_autoptr(AplPlan) plan = NULL;
  AplStore *store;

  store = open_store (path);
  plan = create_plan (store, "Cyber attack");

  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, "2027-03-31");
  g_assert_false (due_on (plan, 30, G_DATE_MARCH, 2027));
  g_assert_true (due_on (plan, 31, G_DATE_MARCH, 2027));
  g_assert_true (due_on (plan, 1, G_DATE_APRIL, 2027));
  g_assert_true (due_on (plan, 1, G_DATE_JANUARY, 2030));
  g_assert_false (due_on (plan, 31, G_DATE_DECEMBER, 2026));

  /* No review date means nothing to remind the user of. */
  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, "");
  g_assert_false (due_on (plan, 1, G_DATE_JANUARY, 2100));

  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, yesterday);
  g_assert_true (apl_plan_is_review_due (plan, NULL));
  set_field (plan, APL_PLAN_FIELD_NEXT_REVIEW, tomorrow);
  g_assert_false (apl_plan_is_review_due (plan, NULL));

  g_clear_object (&plan);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

/* After the workspace is closed */

static void
test_closed_store (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplOrganisation) organisation = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  AplStore *store;

  store = open_store (path);
  plan = create_plan (store, "Flood");
  organisation = g_object_ref (apl_store_get_organisation (store));
  g_signal_connect (plan, "notify", G_CALLBACK (count_cb), &notified);

  apl_store_close (store);

  /* A window still showing the plan gets an error to show, not a crash,
   * and the plan does not pretend the edit was saved. */
  g_assert_false (apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, "Press office", &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == APL_STORE_ERROR);
  g_clear_error (&error);
  g_assert_cmpstr (apl_plan_get_owner (plan), ==, "");
  g_assert_cmpuint (notified, ==, 0);

  g_assert_null (apl_store_create_plan (store, "Strike", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_NAME,
                                              "Riverside Water", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (apl_organisation_get_field (organisation, APL_ORGANISATION_FIELD_NAME), ==, "");

  /* Also once the store object itself is gone. */
  g_assert_finalize_object (store);
  g_assert_false (apl_plan_set_field (plan, APL_PLAN_FIELD_TITLE, "River flood", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Flood");
  g_assert_false (apl_organisation_set_field (organisation, APL_ORGANISATION_FIELD_NAME,
                                              "Riverside Water", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 0);

  /* Nothing was written behind the user's back either. */
  store = open_store (path);
  g_assert_cmpuint (n_plans (store), ==, 1);
  g_assert_cmpstr (apl_plan_get_title (plan_at (store, 0)), ==, "Flood");
  g_assert_cmpstr (apl_plan_get_owner (plan_at (store, 0)), ==, "");
  g_assert_cmpstr (apl_organisation_get_field (apl_store_get_organisation (store),
                                               APL_ORGANISATION_FIELD_NAME), ==, "");
  g_assert_finalize_object (store);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plans/create", test_create);
  g_test_add_func ("/plans/create-invalid", test_create_invalid);
  g_test_add_func ("/plans/set-field", test_set_field);
  g_test_add_func ("/plans/title-notify", test_title_notify);
  g_test_add_func ("/plans/updated-changes", test_updated_changes);
  g_test_add_func ("/plans/validation", test_validation);
  g_test_add_func ("/plans/delete-undelete", test_delete_undelete);
  g_test_add_func ("/plans/purge", test_purge);
  g_test_add_func ("/plans/duplicate", test_duplicate);
  g_test_add_func ("/plans/find", test_find);
  g_test_add_func ("/plans/organisation", test_organisation);
  g_test_add_func ("/plans/sample-plan", test_sample_plan);
  g_test_add_func ("/plans/review-due", test_review_due);
  g_test_add_func ("/plans/closed-store", test_closed_store);

  return g_test_run ();
}
