/* test-messages-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages page's second round, through the real widgets: the list
 * shows each message's approval status and filters by it and by
 * scenario; the editor picks the scenario from the plan's and the audience
 * from stakeholder groups and contact segments; a custom placeholder is
 * defined from the preview; text over the limit is marked in the text;
 * Duplicate as Variant asks for language and channel; the history compares
 * title, subject and body; a deleted message comes back with Undo.
 *
 * With APLOMB_SCREENSHOT set to a file name, saves the real main window on
 * the Messages tab with the sample plan's holding statement, in the light
 * style there and in the dark style next to it ("-dark").
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "apl-application.h"
#include "apl-approvals.h"
#include "apl-contact-book.h"
#include "apl-crisis.h"
#include "apl-message-editor.h"
#include "apl-message-row.h"
#include "apl-messages-page.h"
#include "apl-stakeholder-register.h"
#include "apl-store.h"
#include "apl-window.h"

typedef struct
{
  char             *dir;
  AplStore         *store;
  AplPlan          *plan;
  AplMessage       *message;
  GtkWindow        *window;
  AplMessagesPage  *page;
  AplMessageEditor *editor;
} Fixture;

/* Helpers */

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), APL_TYPE_MESSAGES_PAGE, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
editor_child (Fixture    *fixture,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->editor), APL_TYPE_MESSAGE_EDITOR, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static char *
text_of (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
type_text (Fixture    *fixture,
           const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_child (fixture, "body_view")));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
}

/* Whether the body's character at @offset carries the tag @name. */
static gboolean
body_has_tag (Fixture    *fixture,
              int         offset,
              const char *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_child (fixture, "body_view")));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* The labels of the rows the list view shows, with their status. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (APL_IS_MESSAGE_ROW (child))
        {
          if (apl_message_row_get_message (APL_MESSAGE_ROW (child)) != NULL)
            g_ptr_array_add (rows, child);
        }
      else
        collect_rows (child, rows);
    }
}

static AplMessageRow *
row_for (Fixture    *fixture,
         AplMessage *message)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (page_child (fixture, "message_list"), rows);
  for (guint i = 0; i < rows->len; i++)
    if (apl_message_row_get_message (g_ptr_array_index (rows, i)) == message)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static guint
n_shown (Fixture *fixture)
{
  GtkListView *list = GTK_LIST_VIEW (page_child (fixture, "message_list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static AplMessage *
add_message (Fixture    *fixture,
             const char *title,
             const char *scenario,
             const char *channel,
             const char *body)
{
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  g_autoptr(GError) error = NULL;
  AplMessage *message;

  fields[APL_MESSAGE_FIELD_TITLE] = title;
  fields[APL_MESSAGE_FIELD_SCENARIO] = scenario;
  fields[APL_MESSAGE_FIELD_CHANNEL] = channel;
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = body;
  message = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Alex", &error);
  g_assert_no_error (error);
  return message;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  fixture->dir = g_dir_make_tmp ("aplomb-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Leak", &error);
  g_assert_no_error (error);
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "incident", NULL, "a leak", &error));
  fixture->message = add_message (fixture, "Post", "Water leak", "x", "We are aware of {{incident}}.");

  fixture->page = g_object_new (APL_TYPE_MESSAGES_PAGE, NULL);
  apl_messages_page_set_store (fixture->page, fixture->store);
  apl_messages_page_set_plan (fixture->page, fixture->plan);
  fixture->editor = APL_MESSAGE_EDITOR (page_child (fixture, "editor"));
  apl_message_editor_set_author (fixture->editor, "Tester");

  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 700);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  spin (50);
}

static void
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* GTK 4.8 starts a 500 ms tooltip timer whenever the pointer crosses or
 * moves over a widget (a popover opening under it is enough), and when
 * the timer fires after the window is destroyed it asks the destroyed
 * window for the pointer position: a critical, which fails the test now
 * and then. Let any such timer run out while the window still exists. */
static void
wait_out_tooltip_timer (void)
{
  gboolean done = FALSE;

  g_timeout_add_once (600, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wait_out_tooltip_timer ();
  gtk_window_destroy (fixture->window);
  spin (20);
  g_clear_object (&fixture->message);
  g_clear_object (&fixture->plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  {
    g_autofree char *workspace = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
    g_autofree char *wal = g_strconcat (workspace, "-wal", NULL);
    g_autofree char *shm = g_strconcat (workspace, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (workspace);
    g_rmdir (fixture->dir);
  }
  g_free (fixture->dir);
}

/* Tests */

static void
test_status_in_rows_and_filters (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(AplMessage) other = add_message (fixture, "Cyber note", "Cyber attack", "email", "Systems are down.");
  AplApprovalStep *step = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 30);
  GtkDropDown *approval = GTK_DROP_DOWN (page_child (fixture, "approval_filter"));
  GtkDropDown *scenario = GTK_DROP_DOWN (page_child (fixture, "scenario_filter"));
  AplMessageRow *row;

  apl_approval_step_add_approver (step, "Sam", "");
  g_ptr_array_add (steps, step);
  g_assert_true (apl_store_set_approval_route (fixture->store, fixture->plan, steps, &error));
  spin (50);

  /* Both start as drafts, and say so. */
  row = row_for (fixture, fixture->message);
  g_assert_nonnull (row);
  g_assert_cmpint (apl_message_row_get_status (row), ==, APL_MESSAGE_STATUS_DRAFT);

  /* Approved: the row follows at once. */
  g_assert_true (apl_store_submit_for_approval (fixture->store, fixture->message, "Alex", "Comms", &error));
  g_assert_no_error (error);
  spin (50);
  g_assert_cmpint (apl_message_row_get_status (row_for (fixture, fixture->message)), ==, APL_MESSAGE_STATUS_IN_REVIEW);
  g_assert_true (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, NULL, "Sam",
                                            "Legal", "", &error));
  g_assert_no_error (error);
  spin (50);
  row = row_for (fixture, fixture->message);
  g_assert_cmpint (apl_message_row_get_status (row), ==, APL_MESSAGE_STATUS_APPROVED);

  /* Filter by approval status: “Approved” shows only the approved one. */
  gtk_drop_down_set_selected (approval, 1 + APL_MESSAGE_STATUS_APPROVED);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (page_child (fixture, "filter_button"))), ==,
                   "Filters (1)");

  /* An edit to approved text: “Approved text changed”, and it leaves the
   * Approved filter. */
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_BODY, "We know of {{incident}}.",
                                        "Alex", &error));
  spin (100);
  g_assert_cmpuint (n_shown (fixture), ==, 0);
  gtk_drop_down_set_selected (approval, 1 + APL_MESSAGE_STATUS_APPROVED_TEXT_CHANGED);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  row = row_for (fixture, fixture->message);
  g_assert_cmpint (apl_message_row_get_status (row), ==, APL_MESSAGE_STATUS_APPROVED_TEXT_CHANGED);
  gtk_drop_down_set_selected (approval, 1 + APL_MESSAGE_STATUS_DRAFT);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (row_for (fixture, other) != NULL);
  gtk_drop_down_set_selected (approval, 0);
  g_assert_cmpuint (n_shown (fixture), ==, 2);

  /* Filter by scenario: the scenarios the messages name, sorted. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (page_child (fixture, "filter_button")));
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (scenario)), ==, 3);
  gtk_drop_down_set_selected (scenario, 1);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (row_for (fixture, other) != NULL);
  gtk_drop_down_set_selected (scenario, 2);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (row_for (fixture, fixture->message) != NULL);
}

static void
test_scenario_and_audience (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dropdown = editor_child (fixture, "scenario_dropdown");
  GtkWidget *entry = editor_child (fixture, "scenario_entry");
  GtkWidget *audience_box = editor_child (fixture, "audience_box");
  GtkListBox *choices = GTK_LIST_BOX (editor_child (fixture, "audience_choices"));
  AplStakeholderRegister *reg = apl_stakeholder_register_get (fixture->store, &error);
  AplContactBook *book = apl_contact_book_get (fixture->store, &error);
  AplStakeholderGroup *customers = apl_stakeholder_register_find_group (reg, "customers");
  g_autoptr(AplScenario) scenario = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GArray) using = NULL;
  GtkListBoxRow *choice = NULL;
  gint64 journalists;

  journalists = apl_contact_book_create_segment (book, "Health journalists", NULL, &error);
  g_assert_no_error (error);

  /* A plan without scenarios keeps the free text. */
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_false (gtk_widget_get_visible (dropdown));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Water leak");

  /* With scenarios, the plan's are offered, the message's own kept. */
  scenario = apl_store_add_scenario (fixture->store, fixture->plan, APL_SCENARIO_KIND_CYBER_ATTACK,
                                     "Ransomware", &error);
  g_assert_no_error (error);
  apl_message_editor_set_message (fixture->editor, NULL);
  apl_message_editor_set_message (fixture->editor, fixture->message);
  g_assert_true (gtk_widget_get_visible (dropdown));
  g_assert_false (gtk_widget_get_visible (entry));
  /* “Any scenario”, “Ransomware”, and the message's “Water leak”. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  g_assert_cmpstr (apl_message_get_field (fixture->message, APL_MESSAGE_FIELD_SCENARIO), ==, "Ransomware");

  /* The audience: chosen from groups and segments, shown as chips. */
  g_assert_null (gtk_widget_get_first_child (audience_box));
  gtk_menu_button_popup (GTK_MENU_BUTTON (editor_child (fixture, "audience_button")));
  spin (50);
  for (int i = 0; (choice = gtk_list_box_get_row_at_index (choices, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (choice)), "Health journalists") == 0)
      break;
  g_assert_nonnull (choice);
  g_signal_emit_by_name (choices, "row-activated", choice);
  gtk_menu_button_popup (GTK_MENU_BUTTON (editor_child (fixture, "audience_button")));
  spin (50);
  for (int i = 0; (choice = gtk_list_box_get_row_at_index (choices, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (choice)),
                   apl_stakeholder_group_get_name (customers)) == 0)
      break;
  g_assert_nonnull (choice);
  g_signal_emit_by_name (choices, "row-activated", choice);
  spin (20);

  refs = apl_store_get_message_audience (fixture->store, fixture->message, &error);
  g_assert_cmpuint (refs->len, ==, 2);
  g_assert_nonnull (gtk_widget_get_first_child (audience_box));
  /* The names travel with the message's text fields (history, files). */
  g_assert_cmpstr (apl_message_get_field (fixture->message, APL_MESSAGE_FIELD_AUDIENCE), ==,
                   "Customers, Health journalists");
  using = apl_store_message_audiences_using_segment (fixture->store, journalists, &error);
  g_assert_cmpuint (using->len, ==, 1);

  /* A chip's button takes it out again. */
  {
    GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (audience_box)));

    g_signal_emit_by_name (chip, "clicked");
  }
  g_clear_pointer (&refs, g_array_unref);
  refs = apl_store_get_message_audience (fixture->store, fixture->message, &error);
  g_assert_cmpuint (refs->len, ==, 1);
  g_assert_cmpstr (apl_message_get_field (fixture->message, APL_MESSAGE_FIELD_AUDIENCE), ==, "Health journalists");
}

static void
test_custom_placeholder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *preview = NULL;
  int offset = (int) g_utf8_strlen ("We are aware of {{incident}}. Near ", -1);

  type_text (fixture, " Near {{plant}}.");
  /* Unknown: marked as an error in the body, left as is in the preview. */
  g_assert_true (body_has_tag (fixture, offset + 2, "placeholder-error"));

  gtk_menu_button_popup (GTK_MENU_BUTTON (editor_child (fixture, "placeholder_button")));
  spin (50);
  /* A name a placeholder cannot have stays as typed, marked. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "placeholder_name")), "Plant Name");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-placeholder", NULL));
  g_assert_true (gtk_widget_has_css_class (editor_child (fixture, "placeholder_name"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (fixture, "placeholder_name"))), ==,
                   "Plant Name");

  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "placeholder_name")), "{{plant}}");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "placeholder_value")), "the Lyon plant");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-placeholder", NULL));
  g_assert_false (gtk_widget_has_css_class (editor_child (fixture, "placeholder_name"), "error"));

  /* Known now: highlighted as one, and filled in the preview. */
  g_assert_true (body_has_tag (fixture, offset + 2, "placeholder"));
  g_assert_false (body_has_tag (fixture, offset + 2, "placeholder-error"));
  preview = text_of (editor_child (fixture, "preview_view"));
  g_assert_cmpstr (preview, ==, "We are aware of a leak. Near the Lyon plant.");
}

static void
test_over_limit_tagged_in_text (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (300, 'a');
  g_autofree char *body = NULL;
  /* "We are aware of a leak." is 23 characters as sent, 29 as written. */
  int written_prefix = (int) strlen ("We are aware of {{incident}}.");
  int boundary = written_prefix + (280 - 23);

  g_assert_false (body_has_tag (fixture, 0, "over-limit"));
  type_text (fixture, long_text);
  /* The 280 characters as sent are clear, the rest is marked. */
  g_assert_false (body_has_tag (fixture, 0, "over-limit"));
  g_assert_false (body_has_tag (fixture, boundary - 1, "over-limit"));
  g_assert_true (body_has_tag (fixture, boundary, "over-limit"));
  g_assert_true (body_has_tag (fixture, written_prefix + 299, "over-limit"));

  /* Nothing is cut. */
  body = text_of (editor_child (fixture, "body_view"));
  g_assert_cmpuint (strlen (body), ==, written_prefix + 300);

  /* As a press release (no limit) nothing is marked. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (editor_child (fixture, "channel_dropdown")), APL_CHANNEL_PRESS_RELEASE);
  g_assert_false (body_has_tag (fixture, boundary, "over-limit"));
}

static void
test_duplicate_as_variant_choice (Fixture       *fixture,
                                  gconstpointer  data)
{
  GListModel *messages = apl_store_get_messages (fixture->store, fixture->plan, NULL);
  GtkDropDown *language = GTK_DROP_DOWN (page_child (fixture, "variant_language"));
  GtkDropDown *channel = GTK_DROP_DOWN (page_child (fixture, "variant_channel"));
  AplMessage *variant;
  g_autoptr(AplMessage) french = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };

  /* The plan writes in French too (another message): the X post's French
   * variant is missing. */
  fields[APL_MESSAGE_FIELD_TITLE] = "Note";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "fr";
  french = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Alex", NULL);
  g_assert_nonnull (french);
  apl_messages_page_select_message (fixture->page, fixture->message);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "messages.duplicate-as-variant", NULL));
  spin (50);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "variant_popover")));
  /* The first missing variant by default: an X post in French. */
  g_assert_cmpstr (apl_message_editor_get_language_name ("fr"), ==,
                   gtk_string_object_get_string (gtk_drop_down_get_selected_item (language)));
  g_assert_cmpuint (gtk_drop_down_get_selected (channel), ==, APL_CHANNEL_X);

  /* The existing variant cannot be chosen twice: said before trying. */
  gtk_drop_down_set_selected (language, 0);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "variant_hint")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "messages.create-variant", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);

  /* The user's choice: German, SMS. */
  gtk_drop_down_set_selected (language, 2);
  gtk_drop_down_set_selected (channel, APL_CHANNEL_SMS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "messages.create-variant", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 3);
  variant = apl_messages_page_get_selected_message (fixture->page);
  g_assert_true (variant != fixture->message);
  g_assert_cmpstr (apl_message_get_language (variant), ==, "de");
  g_assert_cmpint (apl_message_get_channel (variant), ==, APL_CHANNEL_SMS);
  g_assert_cmpstr (apl_message_get_variant_group (variant), ==, apl_message_get_variant_group (fixture->message));
}

static void
test_diff_title_subject_body (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkMenuButton *history = GTK_MENU_BUTTON (editor_child (fixture, "history_button"));
  GtkTextBuffer *diff_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_child (fixture, "diff_view")));
  GtkTextTag *inserted = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (diff_buffer), "inserted");
  g_autofree char *diff = NULL;
  GtkTextIter iter;
  const char *found;

  /* An e-mail has a subject. */
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_CHANNEL, "email", "Alex", &error));
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_SUBJECT, "Update", "Alex", &error));
  g_assert_no_error (error);
  spin (20);

  /* Another author: a new version changing title and subject only. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_entry")), "Post revised");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "subject_entry")), "Urgent update");
  apl_message_editor_flush (fixture->editor);

  gtk_menu_button_popup (history);
  spin (50);
  diff = text_of (editor_child (fixture, "diff_view"));
  g_assert_true (g_str_has_prefix (diff, "Title\nPost revised\n\nSubject\n"));
  g_assert_true (g_str_has_suffix (diff, "\n\nText\nWe are aware of {{incident}}."));
  /* The added words are marked in the title and subject. */
  found = strstr (diff, "revised");
  gtk_text_buffer_get_iter_at_offset (diff_buffer, &iter, (int) g_utf8_pointer_to_offset (diff, found));
  g_assert_true (gtk_text_iter_has_tag (&iter, inserted));
  found = strstr (diff, "Urgent");
  gtk_text_buffer_get_iter_at_offset (diff_buffer, &iter, (int) g_utf8_pointer_to_offset (diff, found));
  g_assert_true (gtk_text_iter_has_tag (&iter, inserted));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (editor_child (fixture, "diff_label"))), "same"));
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *messages = apl_store_get_messages (fixture->store, fixture->plan, NULL);
  g_autoptr(AplMessage) second = add_message (fixture, "Second", "", "email", "Hello.");
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (fixture->page), ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *button = NULL;

  apl_messages_page_select_message (fixture->page, fixture->message);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "messages.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  /* The neighbour is selected, not nothing. */
  g_assert_true (apl_messages_page_get_selected_message (fixture->page) == second);
  spin (100);

  /* The toast's Undo button brings the message back, selected. */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, overlay);
    while (stack->len > 0 && button == NULL)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0)
          button = widget;
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_true (apl_messages_page_get_selected_message (fixture->page) == fixture->message);
  g_assert_cmpstr (apl_message_get_body (fixture->message), ==, "We are aware of {{incident}}.");
}

/* Screenshot of the real main window */

static void
save_snapshot (GtkWidget  *widget,
               const char *path)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
}

static void
take_screenshots (const char *path)
{
  g_autofree char *dir = g_dir_make_tmp ("aplomb-shot-XXXXXX", NULL);
  g_autofree char *workspace = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autofree char *base = g_strndup (path, strlen (path) - (g_str_has_suffix (path, ".png") ? 4 : 0));
  g_autofree char *dark_path = g_strconcat (base, "-dark.png", NULL);
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  AplApplication *app = apl_application_new ();
  AplWindow *window;
  AplMessagesPage *page;
  AplPlan *plan;
  GListModel *messages;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (apl_application_open_store (app, workspace, &error));
  window = apl_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);

  plan = apl_window_get_selected_plan (window);
  g_assert_nonnull (plan);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                       APL_TYPE_WINDOW,
                                                                                       "view_stack")),
                                         "messages");
  page = APL_MESSAGES_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), APL_TYPE_WINDOW, "messages_page"));
  messages = apl_store_get_messages (apl_application_get_store (app), plan, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);

      if (apl_message_get_phase (message) == APL_PHASE_HOLDING_STATEMENT
          && g_strcmp0 (apl_message_get_language (message), "en") == 0)
        {
          apl_messages_page_select_message (page, message);
          break;
        }
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (600);
  save_snapshot (GTK_WIDGET (window), path);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin (600);
  save_snapshot (GTK_WIDGET (window), dark_path);
  g_test_message ("screenshots saved to %s and %s", path, dark_path);
  /* A screenshot run ends here; the temporary workspace goes with it. */
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (g_getenv ("APLOMB_SCREENSHOT") != NULL)
    {
      take_screenshots (g_getenv ("APLOMB_SCREENSHOT"));
      return 0;
    }

  g_test_add ("/messages-page/status-in-rows-and-filters", Fixture, NULL,
              fixture_set_up, test_status_in_rows_and_filters, fixture_tear_down);
  g_test_add ("/messages-page/scenario-and-audience", Fixture, NULL,
              fixture_set_up, test_scenario_and_audience, fixture_tear_down);
  g_test_add ("/messages-page/custom-placeholder", Fixture, NULL,
              fixture_set_up, test_custom_placeholder, fixture_tear_down);
  g_test_add ("/messages-page/over-limit-tagged-in-text", Fixture, NULL,
              fixture_set_up, test_over_limit_tagged_in_text, fixture_tear_down);
  g_test_add ("/messages-page/duplicate-as-variant-choice", Fixture, NULL,
              fixture_set_up, test_duplicate_as_variant_choice, fixture_tear_down);
  g_test_add ("/messages-page/diff-title-subject-body", Fixture, NULL,
              fixture_set_up, test_diff_title_subject_body, fixture_tear_down);
  g_test_add ("/messages-page/delete-and-undo", Fixture, NULL,
              fixture_set_up, test_delete_and_undo, fixture_tear_down);

  return g_test_run ();
}
