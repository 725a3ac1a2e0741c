/* test-xml-sections.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format 3 of plan files: the contacts a plan uses, its crisis plan, its
 * approval route and trail; and import and export off the main thread,
 * with progress and Cancel.
 */

#include "config.h"

#include <string.h>

#include "apl-approvals.h"
#include "apl-contact-book.h"
#include "apl-crisis.h"
#include "apl-messages.h"
#include "apl-plan-xml.h"
#include "test-util.h"
#include "xml-test-util.h"

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GBytes *
export_plan (TestWorkspace *ws,
             AplPlan       *plan)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = apl_plan_export_to_bytes (ws->store, plan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static gint64
count_rows (TestWorkspace *ws,
            const char    *sql)
{
  return test_sqlite_int (ws->path, sql);
}

static char *
write_bytes (TestWorkspace *ws,
             GBytes        *bytes,
             const char    *name)
{
  g_autofree char *path = g_build_filename (ws->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static AplContact *
add_contact (AplContactBook *book,
             const char     *name,
             const char     *outlet,
             const char     *email)
{
  g_autoptr(GError) error = NULL;
  AplContact *contact = apl_contact_book_create (book, name, &error);

  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_OUTLET, outlet, &error));
  g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_EMAILS, email, &error));
  g_assert_true (apl_contact_set_field (contact, APL_CONTACT_FIELD_BEATS, "health, water", &error));
  g_assert_no_error (error);
  return contact;
}

/* A plan with every part of format 3: contacts through a segment its
 * message addresses, a crisis plan from the starter content, an approval
 * route and a trail with a submission and an approval. */
static AplPlan *
build_plan (TestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplMessage) message = NULL;
  g_autoptr(AplContact) lefevre = NULL;
  g_autoptr(AplContact) okafor = NULL;
  g_autoptr(AplContact) outsider = NULL;
  g_autoptr(AplApprovalStep) legal = NULL;
  g_autoptr(GPtrArray) route = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autofree char *hash = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  g_autoptr(AplScenario) scenario = NULL;
  AplContactBook *book;
  gint64 segment;
  AplPlan *plan;

  plan = test_workspace_add_plan (ws, "Water contamination");

  book = apl_contact_book_get (ws->store, &error);
  g_assert_no_error (error);
  lefevre = add_contact (book, "Hélène Lefèvre", "Daily Courier", "helene@courier.example");
  okafor = add_contact (book, "Tunde Okafor", "", "tunde@radio.example");
  outsider = add_contact (book, "Not In Segment", "Other Paper", "nobody@example.org");
  segment = apl_contact_book_create_segment (book, "Health desk", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_book_add_to_segment (book, segment, lefevre, &error));
  g_assert_true (apl_contact_book_add_to_segment (book, segment, okafor, &error));
  g_assert_no_error (error);

  fields[APL_MESSAGE_FIELD_TITLE] = "Boil-water notice";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_SUBJECT] = "Boil your water";
  fields[APL_MESSAGE_FIELD_BODY] = "Boil tap water before drinking it.";
  message = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_add_message_audience (ws->store, message, APL_AUDIENCE_SEGMENT, segment, &error));
  g_assert_no_error (error);

  scenario = apl_store_add_starter_scenario (ws->store, plan, APL_SCENARIO_KIND_CYBER_ATTACK, "en", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);

  legal = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 60);
  apl_approval_step_add_approver (legal, "Claire Legal", "Deputy Dan");
  g_ptr_array_add (route, g_steal_pointer (&legal));
  g_assert_true (apl_store_set_approval_route (ws->store, plan, route, &error));
  g_assert_no_error (error);

  g_assert_true (apl_store_submit_for_approval (ws->store, message, "Amara", "Comms", &error));
  g_assert_no_error (error);
  hash = apl_approval_hash_message (message);
  g_assert_true (apl_store_decide_approval (ws->store, message, APL_DECISION_APPROVE, hash, "Claire Legal",
                                            "Legal", "Fine & clear", &error));
  g_assert_no_error (error);
  return plan;
}

/* Every section, exported, imported with replace into an empty workspace
 * and exported again, gives the same bytes. */
static void
test_round_trip (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  test_workspace_init (&a);
  test_workspace_init (&b);

  plan = build_plan (&a);
  first = export_plan (&a, plan);
  text = bytes_to_string (first);

  /* The contacts of the segment the message addresses, not the others. */
  g_assert_nonnull (strstr (text, "\n  <contacts>\n    <outlet name=\"Daily Courier\" type=\"other\">"));
  g_assert_nonnull (strstr (text, "<name>Hélène Lefèvre</name>"));
  g_assert_nonnull (strstr (text, "<name>Tunde Okafor</name>"));
  g_assert_null (strstr (text, "Not In Segment"));
  g_assert_null (strstr (text, "Other Paper"));
  /* The crisis plan, never where channel credentials are kept. */
  g_assert_nonnull (strstr (text, "\n  <crisis-plan>\n    <role id=\""));
  g_assert_nonnull (strstr (text, "<scenario id=\""));
  g_assert_nonnull (strstr (text, "<step level=\"watch\""));
  g_assert_nonnull (strstr (text, "<question language=\"en\">"));
  g_assert_null (strstr (text, "credentials"));
  /* The route, and the trail with its head. */
  g_assert_nonnull (strstr (text, "<step rule=\"one-of\" timing=\"after-previous\" target-minutes=\"60\">"));
  g_assert_nonnull (strstr (text, "<trail head-seq=\""));
  g_assert_nonnull (strstr (text, "<comment>Fine &amp; clear</comment>"));

  path = write_bytes (&a, first, "plan.xml");
  g_assert_true (apl_plan_validate_file (path, NULL, &error));
  g_assert_no_error (error);

  copy = apl_plan_import (b.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  /* The trail is kept as a record of the plan, never as the workspace's
   * own events. */
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM approval_events"), ==, 0);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM imported_trail_events"), >, 0);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM contacts"), ==, 2);

  second = export_plan (&b, copy);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                   g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* Contacts the workspace already holds are matched by id, then e-mail,
 * then name and outlet, and keep what the workspace says. */
static void
test_contacts_merge (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(AplContact) mine = NULL;
  g_autofree char *path = NULL;
  g_autofree char *beats = NULL;
  AplContactBook *book;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);
  path = write_bytes (&a, bytes, "plan.xml");

  /* B knows Hélène by her e-mail, with beats of its own. */
  book = apl_contact_book_get (b.store, &error);
  g_assert_no_error (error);
  mine = apl_contact_book_create (book, "H. Lefevre", &error);
  g_assert_no_error (error);
  g_assert_true (apl_contact_set_field (mine, APL_CONTACT_FIELD_EMAILS, "HELENE@courier.example", &error));
  g_assert_true (apl_contact_set_field (mine, APL_CONTACT_FIELD_BEATS, "politics", &error));
  g_assert_no_error (error);

  preview = apl_plan_import_preview (b.store, path, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apl_import_preview_count (preview, APL_IMPORT_MERGE, "contact"), ==, 1);
  g_assert_cmpuint (apl_import_preview_count (preview, APL_IMPORT_CREATE, "contact"), ==, 1);
  g_assert_cmpuint (apl_import_preview_count (preview, APL_IMPORT_CREATE, "outlet"), ==, 1);
  g_assert_cmpuint (apl_import_preview_count (preview, APL_IMPORT_CREATE, "crisis-plan"), ==, 1);
  g_assert_cmpuint (apl_import_preview_count (preview, APL_IMPORT_CREATE, "approval-route"), ==, 1);
  /* A copy starts its own approval history. */
  g_assert_cmpuint (apl_import_preview_count (preview, APL_IMPORT_SKIP, "approval-trail"), ==, 1);

  copy = apl_plan_import (b.store, path, APL_PLAN_IMPORT_NEW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM imported_trail_events"), ==, 0);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM approval_events"), ==, 0);
  beats = test_sqlite_text (b.path, "SELECT beats FROM contacts WHERE name = 'H. Lefevre'");
  g_assert_cmpstr (beats, ==, "politics");
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM plan_contacts"), ==, 2);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* A trail changed after it was written is refused, with its line, and the
 * workspace does not change. */
static void
test_tampered_trail (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(AplPlan) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) forged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  char *at;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);
  text = bytes_to_string (bytes);

  at = strstr (text, "<actor>Claire Legal</actor>");
  g_assert_nonnull (at);
  memcpy (at + strlen ("<actor>"), "Mallory", strlen ("Mallory"));
  forged = g_bytes_new (text, strlen (text));
  path = write_bytes (&a, forged, "forged.xml");

  before = test_workspace_fingerprint (&b);
  copy = apl_plan_import (b.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_INVALID);
  g_assert_null (copy);
  g_assert_nonnull (strstr (error->message, "the approval trail does not verify at event"));
  test_assert_error_lines (error, path);
  after = test_workspace_fingerprint (&b);
  g_assert_cmpstr (before, ==, after);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

static void
assert_refused (TestWorkspace *ws,
                const char    *text,
                const char    *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_workspace_fingerprint (ws);
  g_autofree char *after = NULL;

  plan = apl_plan_import_bytes (ws->store, bytes, "plan.xml", APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_null (plan);
  g_assert_error (error, APL_XML_ERROR, APL_XML_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  test_assert_error_lines (error, "plan.xml");
  after = test_workspace_fingerprint (ws);
  g_assert_cmpstr (before, ==, after);
}

/* What the schema cannot say about the format 3 sections is refused, with
 * its line, and nothing changes. */
static void
test_refused_sections (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  char *at;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* A checklist step naming a role the file does not hold. */
  {
    g_autofree char *copy = g_strdup (text);

    at = strstr (strstr (copy, "<step level="), "role=\"");
    g_assert_nonnull (at);
    memcpy (at + strlen ("role=\""), "00000000-0000-4000-8000-000000000000", 36);
    assert_refused (&b, copy, "which is not among the file’s roles");
  }

  /* Two contacts with one id. */
  {
    g_autofree char *copy = g_strdup (text);
    char *first = strstr (copy, "<contact id=\"");
    char *second = strstr (first + 1, "<contact id=\"");

    g_assert_nonnull (second);
    memcpy (second + strlen ("<contact id=\""), first + strlen ("<contact id=\""), 36);
    assert_refused (&b, copy, "is used twice");
  }

  /* A contact field the contact book refuses. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "<emails>helene@courier.example</emails>", 2);
    g_autofree char *copy = g_strjoin ("<emails>not an address</emails>", parts[0], parts[1], NULL);

    assert_refused (&b, copy, "the contact “Hélène Lefèvre”");
  }

  /* A trail cut short: its head no longer matches its last event. */
  {
    g_autofree char *copy = g_strdup (text);

    at = strstr (copy, "<trail head-seq=\"");
    g_assert_nonnull (at);
    at[strlen ("<trail head-seq=\"")] = '9';
    assert_refused (&b, copy, "the approval trail’s head does not match its last event");
  }

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* Async */

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

typedef struct
{
  guint         calls;
  guint         cancel_after;
  GCancellable *cancellable;
  double        last;
  GThread      *main_thread;
  gboolean      off_main;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  /* Called in the worker; the test only reads these once it is done. */
  progress->calls++;
  progress->last = fraction;
  if (g_thread_self () != progress->main_thread)
    progress->off_main = TRUE;
  if (progress->cancel_after > 0 && progress->calls == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_async_export (void)
{
  TestWorkspace a;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GBytes) sync_bytes = NULL;
  g_autoptr(GBytes) async_bytes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Progress progress = { 0, };

  test_workspace_init (&a);
  plan = build_plan (&a);
  sync_bytes = export_plan (&a, plan);

  progress.main_thread = g_thread_self ();
  path = g_build_filename (a.dir, "async.xml", NULL);
  apl_plan_export_async (a.store, plan, path, NULL, progress_cb, &progress, NULL, async_done_cb, &result);
  g_assert_true (apl_plan_export_finish (a.store, wait_for (&result), &error));
  g_assert_no_error (error);

  async_bytes = test_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (sync_bytes, NULL), g_bytes_get_size (sync_bytes),
                   g_bytes_get_data (async_bytes, NULL), g_bytes_get_size (async_bytes));
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_true (progress.off_main);
  g_assert_cmpfloat (progress.last, ==, 1.0);

  test_workspace_clear (&a);
}

/* A plan big enough for progress to be reported many times. */
static char *
write_big_plan (TestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  AplPlan *plan = test_workspace_add_plan (ws, "Large plan");

  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = "Body";
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Message %u", i);
      g_autoptr(AplMessage) message = NULL;

      fields[APL_MESSAGE_FIELD_TITLE] = title;
      message = apl_store_add_message (ws->store, plan, fields, NULL, "Amara", &error);
      g_assert_no_error (error);
    }
  bytes = export_plan (ws, plan);
  g_object_unref (plan);
  return write_bytes (ws, bytes, "big.xml");
}

static void
run_import (TestWorkspace *ws,
            const char    *path,
            Progress      *progress,
            AplPlan      **plan,
            GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  apl_plan_import_async (ws->store, path, APL_PLAN_IMPORT_NEW, progress->cancellable, progress_cb, progress, NULL,
                         async_done_cb, &result);
  *plan = apl_plan_import_finish (ws->store, wait_for (&result), error);
}

static void
test_async_import (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Progress progress = { 0, };

  test_workspace_init (&a);
  test_workspace_init (&b);
  path = write_big_plan (&a);

  progress.main_thread = g_thread_self ();
  run_import (&b, path, &progress, &plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Large plan");
  /* The main thread's objects follow the rows the worker wrote. */
  g_assert_cmpuint (g_list_model_get_n_items (apl_store_get_plans (b.store)), ==, 1);
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM messages"), ==, 300);
  g_assert_true (progress.off_main);
  g_assert_cmpuint (progress.calls, >, 4);
  g_assert_cmpfloat (progress.last, ==, 1.0);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* Cancel at any point of reading or writing leaves the workspace exactly as
 * it was. */
static void
test_cancel_import (void)
{
  TestWorkspace a, b;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  guint total;

  test_workspace_init (&a);
  test_workspace_init (&b);
  path = write_big_plan (&a);
  before = test_workspace_fingerprint (&b);

  /* How many times a whole import reports progress. */
  {
    TestWorkspace c;
    g_autoptr(AplPlan) plan = NULL;
    g_autoptr(GError) error = NULL;
    Progress progress = { 0, };

    test_workspace_init (&c);
    progress.main_thread = g_thread_self ();
    run_import (&c, path, &progress, &plan, &error);
    g_assert_no_error (error);
    total = progress.calls;
    test_workspace_clear (&c);
  }
  g_assert_cmpuint (total, >, 4);

  /* Once while reading, once while writing (the rows of the second half). */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(AplPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *after = NULL;
      Progress progress = { 0, };

      progress.main_thread = g_thread_self ();
      progress.cancellable = cancellable;
      progress.cancel_after = k == 0 ? 2 : total - 2;
      run_import (&b, path, &progress, &plan, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (plan);

      after = test_workspace_fingerprint (&b);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM messages"), ==, 0);
      g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM plans"), ==, 0);
    }

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

static void
test_async_preview (void)
{
  TestWorkspace a, b;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  test_workspace_init (&a);
  test_workspace_init (&b);
  plan = build_plan (&a);
  bytes = export_plan (&a, plan);
  path = write_bytes (&a, bytes, "plan.xml");

  apl_plan_import_preview_async (b.store, path, APL_PLAN_IMPORT_REPLACE, NULL, NULL, NULL, NULL,
                                 async_done_cb, &result);
  items = apl_plan_import_preview_finish (b.store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apl_import_preview_count (items, APL_IMPORT_CREATE, "plan"), ==, 1);
  g_assert_cmpuint (apl_import_preview_count (items, APL_IMPORT_CREATE, "contact"), ==, 2);
  /* With replace, the trail comes along as a read-only record. */
  g_assert_cmpuint (apl_import_preview_count (items, APL_IMPORT_CREATE, "approval-trail"), ==, 1);
  /* Nothing was written. */
  g_assert_cmpint (count_rows (&b, "SELECT count(*) FROM plans"), ==, 0);

  test_workspace_clear (&a);
  test_workspace_clear (&b);
}

/* The format 3 example in data/examples imports and exports to the same
 * bytes, trail included. */
static void
test_example_round_trip (void)
{
  TestWorkspace ws;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "sample-plan-format-3.xml", NULL);
  g_autoptr(GBytes) original = test_read_file (path);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  test_workspace_init (&ws);
  plan = apl_plan_import (ws.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  exported = export_plan (&ws, plan);
  g_assert_cmpmem (g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                   g_bytes_get_data (exported, NULL), g_bytes_get_size (exported));
  test_workspace_clear (&ws);
}

int
main (int   argc,
      char *argv[])
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/sections/round-trip", test_round_trip);
  g_test_add_func ("/xml/sections/contacts-merge", test_contacts_merge);
  g_test_add_func ("/xml/sections/tampered-trail", test_tampered_trail);
  g_test_add_func ("/xml/sections/refused-sections", test_refused_sections);
  g_test_add_func ("/xml/sections/async-export", test_async_export);
  g_test_add_func ("/xml/sections/async-import", test_async_import);
  g_test_add_func ("/xml/sections/cancel-import", test_cancel_import);
  g_test_add_func ("/xml/sections/async-preview", test_async_preview);
  g_test_add_func ("/xml/sections/example-round-trip", test_example_round_trip);

  return g_test_run ();
}
