/* test-approvals-page.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Approvals page and the approval strip of the message editor, driven
 * through their real widgets and actions: approving through the page's
 * dialog, the badge on the page, a request for changes that needs a
 * comment, submitting and withdrawing from the editor, and the banner with
 * the changes the moment approved text is edited.
 *
 * With APLOMB_SCREENSHOT set to a file name, saves the Approvals page (with
 * a route, a decision waiting and a trail) there instead, in the light
 * style, and in the dark style next to it ("-dark").
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "apl-approval-bar.h"
#include "apl-approvals-page.h"
#include "apl-message-editor.h"
#include "apl-messages-page.h"
#include "apl-store.h"

typedef struct
{
  char             *dir;
  AplStore         *store;
  AplPlan          *plan;
  AplMessage       *message;
  GSettings        *settings;
  GtkWindow        *window;
  AdwViewStack     *stack;
  AdwViewStackPage *stack_page;
  AplApprovalsPage *page;
  AplMessagesPage  *messages_page;
} Fixture;

/* Helpers */

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static guint
count_rows (Fixture    *fixture,
            const char *name)
{
  GObject *list = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), APL_TYPE_APPROVALS_PAGE, name);
  guint n = 0;

  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) && gtk_widget_get_child_visible (child))
      n++;
  return n;
}

static AplApprovalStatus
status_of (Fixture *fixture)
{
  g_autoptr(AplApprovalState) state = apl_store_get_approval_state (fixture->store, fixture->message, NULL);

  if (state == NULL)
    g_error ("no approval state");
  return state->status;
}

static void
set_route (AplStore   *store,
           AplPlan    *plan,
           const char *role,
           const char *approver,
           const char *deputy)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(GError) error = NULL;
  AplApprovalStep *step = apl_approval_step_new (role, APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 30);

  apl_approval_step_add_approver (step, approver, deputy);
  g_ptr_array_add (steps, step);
  g_assert_true (apl_store_set_approval_route (store, plan, steps, &error));
  g_assert_no_error (error);
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkTextBuffer *
dialog_comment (AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *scrolled = gtk_widget_get_last_child (box);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay, *box;

  fixture->dir = g_dir_make_tmp ("aplomb-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Leak", &error);
  g_assert_no_error (error);

  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_CHANNEL] = "x";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = "We are aware of a leak.";
  fixture->message = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Writer", &error);
  g_assert_no_error (error);
  set_route (fixture->store, fixture->plan, "Legal", "Carla", "Dan");

  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "user-name", "Carla");
  g_settings_set_string (fixture->settings, "user-role", "Legal counsel");

  /* As in the window: pages of a view stack, under a toast overlay. */
  fixture->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  fixture->messages_page = g_object_new (APL_TYPE_MESSAGES_PAGE, NULL);
  apl_messages_page_set_store (fixture->messages_page, fixture->store);
  apl_messages_page_set_plan (fixture->messages_page, fixture->plan);
  adw_view_stack_add_titled (fixture->stack, GTK_WIDGET (fixture->messages_page), "messages", "Messages");
  fixture->page = g_object_new (APL_TYPE_APPROVALS_PAGE, NULL);
  apl_approvals_page_set_store (fixture->page, fixture->store);
  apl_approvals_page_set_plan (fixture->page, fixture->plan);
  fixture->stack_page = adw_view_stack_add_titled (fixture->stack, GTK_WIDGET (fixture->page), "approvals",
                                                   "Approvals");
  adw_view_stack_set_visible_child_name (fixture->stack, "approvals");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), g_object_new (ADW_TYPE_VIEW_SWITCHER, "stack", fixture->stack, NULL));
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->stack));
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  fixture->window = GTK_WINDOW (adw_window_new ());
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  gtk_window_set_default_size (fixture->window, 1100, 760);
  gtk_window_present (fixture->window);
  spin (50);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (fixture->window);
  spin (20);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->message);
  g_clear_object (&fixture->plan);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Tests */

static void
test_approve_through_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  AdwMessageDialog *dialog;
  AplTrailEvent *last;

  g_assert_cmpuint (apl_approvals_page_get_badge_count (fixture->page), ==, 0);
  g_assert_true (apl_store_submit_for_approval (fixture->store, fixture->message, "Writer", "Comms", &error));
  spin (20);

  /* Carla sees it waiting for her, with a badge on the page. */
  g_assert_cmpuint (count_rows (fixture, "waiting_list"), ==, 1);
  g_assert_cmpuint (apl_approvals_page_get_badge_count (fixture->page), ==, 1);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (fixture->stack_page), ==, 1);
  g_assert_true (adw_view_stack_page_get_needs_attention (fixture->stack_page));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "approvals.approve", "x",
                              apl_message_get_id (fixture->message));
  spin (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* The dialog shows the exact text being approved. */
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "We are aware of a leak.");
  gtk_text_buffer_set_text (dialog_comment (dialog), "Cleared by legal.", -1);
  adw_message_dialog_response (dialog, "approve");
  spin (50);

  g_assert_cmpint (status_of (fixture), ==, APL_APPROVAL_APPROVED);
  g_assert_cmpuint (count_rows (fixture, "waiting_list"), ==, 0);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (fixture->stack_page), ==, 0);
  g_assert_false (adw_view_stack_page_get_needs_attention (fixture->stack_page));

  events = apl_store_get_trail (fixture->store, apl_plan_get_uuid (fixture->plan), &error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (last->kind, ==, "approved");
  g_assert_cmpstr (last->actor, ==, "Carla");
  g_assert_cmpstr (last->actor_role, ==, "Legal counsel");
  g_assert_cmpstr (last->comment, ==, "Cleared by legal.");
  /* The trail group shows the event. */
  g_assert_cmpuint (count_rows (fixture, "trail_list"), ==, 2);
}

static void
test_request_changes_needs_comment (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (apl_store_submit_for_approval (fixture->store, fixture->message, "Writer", "", &error));
  spin (20);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "approvals.request-changes", "x",
                              apl_message_get_id (fixture->message));
  spin (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "request-changes"));
  gtk_text_buffer_set_text (dialog_comment (dialog), "Name the plant.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "request-changes"));
  adw_message_dialog_response (dialog, "request-changes");
  spin (50);
  g_assert_cmpint (status_of (fixture), ==, APL_APPROVAL_CHANGES_REQUESTED);

  /* The submitter sees it come back, counted in the badge. */
  g_settings_set_string (fixture->settings, "user-name", "Writer");
  spin (20);
  g_assert_cmpuint (count_rows (fixture, "returned_list"), ==, 1);
  g_assert_cmpuint (count_rows (fixture, "waiting_list"), ==, 0);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (fixture->stack_page), ==, 1);
}

static AplApprovalBar *
editor_bar (Fixture *fixture)
{
  GObject *editor = gtk_widget_get_template_child (GTK_WIDGET (fixture->messages_page), APL_TYPE_MESSAGES_PAGE,
                                                   "editor");
  GObject *bar = gtk_widget_get_template_child (GTK_WIDGET (editor), APL_TYPE_MESSAGE_EDITOR, "approval_bar");

  g_assert_nonnull (bar);
  return APL_APPROVAL_BAR (bar);
}

static void
test_submit_and_withdraw_from_editor (Fixture       *fixture,
                                      gconstpointer  data)
{
  AplApprovalBar *bar;

  g_settings_set_string (fixture->settings, "user-name", "Writer");
  adw_view_stack_set_visible_child_name (fixture->stack, "messages");
  apl_messages_page_select_message (fixture->messages_page, fixture->message);
  spin (50);
  bar = editor_bar (fixture);
  g_assert_cmpint (apl_approval_bar_get_status (bar), ==, APL_APPROVAL_DRAFT);

  gtk_widget_activate_action (GTK_WIDGET (bar), "approval.submit", NULL);
  spin (20);
  g_assert_cmpint (status_of (fixture), ==, APL_APPROVAL_IN_REVIEW);
  g_assert_cmpint (apl_approval_bar_get_status (bar), ==, APL_APPROVAL_IN_REVIEW);
  g_assert_cmpuint (count_rows (fixture, "submitted_list"), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (bar), "approval.withdraw", NULL);
  spin (20);
  g_assert_cmpint (status_of (fixture), ==, APL_APPROVAL_DRAFT);
  g_assert_cmpuint (count_rows (fixture, "submitted_list"), ==, 0);
}

static void
test_banner_after_editing_approved_text (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  AplApprovalBar *bar;
  GObject *editor, *body, *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_true (apl_store_submit_for_approval (fixture->store, fixture->message, "Writer", "", &error));
  g_assert_true (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, NULL, "Carla",
                                            "", NULL, &error));
  g_settings_set_string (fixture->settings, "user-name", "Writer");
  adw_view_stack_set_visible_child_name (fixture->stack, "messages");
  apl_messages_page_select_message (fixture->messages_page, fixture->message);
  spin (50);
  bar = editor_bar (fixture);
  g_assert_cmpint (apl_approval_bar_get_status (bar), ==, APL_APPROVAL_APPROVED);
  g_assert_false (apl_approval_bar_get_text_changed (bar));

  /* Type one word at the end of the body, as a keyboard does. */
  editor = gtk_widget_get_template_child (GTK_WIDGET (fixture->messages_page), APL_TYPE_MESSAGES_PAGE, "editor");
  body = gtk_widget_get_template_child (GTK_WIDGET (editor), APL_TYPE_MESSAGE_EDITOR, "body_view");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (body));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, " Tonight.", -1, TRUE);
  spin (APL_MESSAGE_EDITOR_SAVE_DELAY_MS + 200);

  /* At once: back to draft, the banner, and the change in it. */
  g_assert_cmpint (status_of (fixture), ==, APL_APPROVAL_DRAFT);
  g_assert_cmpint (apl_approval_bar_get_status (bar), ==, APL_APPROVAL_DRAFT);
  g_assert_true (apl_approval_bar_get_text_changed (bar));
  view = gtk_widget_get_template_child (GTK_WIDGET (bar), APL_TYPE_APPROVAL_BAR, "changes_view");
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  changes = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end, FALSE);
  g_assert_nonnull (strstr (changes, "Tonight."));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (bar),
                                                                                   APL_TYPE_APPROVAL_BAR,
                                                                                   "changed_label"))));
  /* It can be submitted again. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (bar),
                                                                                   APL_TYPE_APPROVAL_BAR,
                                                                                   "submit_button"))));
}

/* Screenshots */

static void
save_snapshot (GtkWidget  *widget,
               const char *path)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
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
  Fixture fixture = { 0, };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *base = g_strndup (path, strlen (path) - (g_str_has_suffix (path, ".png") ? 4 : 0));
  g_autofree char *dark_path = g_strconcat (base, "-dark.png", NULL);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(GError) error = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };
  g_autoptr(AplMessage) sms = NULL;
  AplApprovalStep *step;

  fixture_set_up (&fixture, NULL);

  step = apl_approval_step_new ("Comms lead", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 15);
  apl_approval_step_add_approver (step, "Ana Ruiz", "Ben Ortiz");
  g_ptr_array_add (steps, step);
  step = apl_approval_step_new ("Legal", APL_STEP_ALL_OF, APL_STEP_AFTER_PREVIOUS, 30);
  apl_approval_step_add_approver (step, "Carla", "Dan Lefèvre");
  g_ptr_array_add (steps, step);
  step = apl_approval_step_new ("HR", APL_STEP_ONE_OF, APL_STEP_WITH_PREVIOUS, 60);
  apl_approval_step_add_approver (step, "Eve Martin", "");
  g_ptr_array_add (steps, step);
  g_assert_true (apl_store_set_approval_route (fixture.store, fixture.plan, steps, &error));

  fields[APL_MESSAGE_FIELD_TITLE] = "SMS to residents";
  fields[APL_MESSAGE_FIELD_CHANNEL] = "sms";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_BODY] = "Do not drink tap water until further notice.";
  sms = apl_store_add_message (fixture.store, fixture.plan, fields, NULL, "Writer", &error);

  g_assert_true (apl_store_submit_for_approval (fixture.store, fixture.message, "Writer", "Comms officer", &error));
  g_assert_true (apl_store_decide_approval (fixture.store, fixture.message, APL_DECISION_APPROVE, NULL, "Ben Ortiz",
                                            "Deputy comms lead", NULL, &error));
  g_assert_true (apl_store_submit_for_approval (fixture.store, sms, "Carla", "Legal counsel", &error));
  g_assert_true (apl_store_decide_approval (fixture.store, sms, APL_DECISION_REQUEST_CHANGES, NULL, "Ana Ruiz",
                                            "Head of comms", "Say which districts.", &error));
  g_assert_no_error (error);
  /* Show the route as it is now, its first step open. */
  apl_approvals_page_set_plan (fixture.page, NULL);
  apl_approvals_page_set_plan (fixture.page, fixture.plan);
  spin (100);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (400);
  save_snapshot (GTK_WIDGET (fixture.window), path);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin (400);
  save_snapshot (GTK_WIDGET (fixture.window), dark_path);

  /* The route and the trail, further down the page. */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (fixture.page),
                                                                                      APL_TYPE_APPROVALS_PAGE,
                                                                                      "scroller"));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
    g_autofree char *route_path = g_strconcat (base, "-route.png", NULL);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    spin (300);
    save_snapshot (GTK_WIDGET (fixture.window), route_path);
  }

  /* The editor's banner once approved text is edited. */
  {
    g_autofree char *banner_path = g_strconcat (base, "-banner.png", NULL);
    AplApprovalBar *bar;
    GObject *expander;

    g_assert_true (apl_store_decide_approval (fixture.store, fixture.message, APL_DECISION_APPROVE, NULL, "Carla",
                                              "Legal counsel", NULL, &error));
    g_assert_true (apl_store_decide_approval (fixture.store, fixture.message, APL_DECISION_APPROVE, NULL,
                                              "Eve Martin", "HR", NULL, &error));
    g_assert_true (apl_message_set_field (fixture.message, APL_MESSAGE_FIELD_BODY,
                                          "We are aware of a leak at the Riverside plant.", "Writer", &error));
    adw_view_stack_set_visible_child_name (fixture.stack, "messages");
    apl_messages_page_select_message (fixture.messages_page, fixture.message);
    bar = editor_bar (&fixture);
    expander = gtk_widget_get_template_child (GTK_WIDGET (bar), APL_TYPE_APPROVAL_BAR, "changes_expander");
    gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    spin (400);
    save_snapshot (GTK_WIDGET (fixture.window), banner_path);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  fixture_tear_down (&fixture, NULL);
  g_test_message ("screenshots saved to %s and %s", path, dark_path);
}

int
main (int   argc,
      char *argv[])
{
  /* Without a display, a skip (said in TAP, as tests/gui does). */
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

  g_test_add ("/approvals-page/approve-through-page", Fixture, NULL,
              fixture_set_up, test_approve_through_page, fixture_tear_down);
  g_test_add ("/approvals-page/request-changes-needs-comment", Fixture, NULL,
              fixture_set_up, test_request_changes_needs_comment, fixture_tear_down);
  g_test_add ("/approvals-page/submit-and-withdraw-from-editor", Fixture, NULL,
              fixture_set_up, test_submit_and_withdraw_from_editor, fixture_tear_down);
  g_test_add ("/approvals-page/banner-after-editing-approved-text", Fixture, NULL,
              fixture_set_up, test_banner_after_editing_approved_text, fixture_tear_down);

  return g_test_run ();
}
