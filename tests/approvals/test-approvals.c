/* test-approvals.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The approval workflow without a window: routes (sequence, parallel,
 * one-of, all-of, deputies), submitting and deciding, self-approval, the
 * approval bound to the exact text, the trail's hash chain and what
 * happens when someone tampers with the file, and the command line.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "apl-approvals.h"
#include "apl-messages.h"
#include "apl-store.h"
#include "test-util.h"

static gint64 fake_now_us;

static GDateTime *
fake_clock (void)
{
  return g_date_time_new_from_unix_utc (fake_now_us / G_USEC_PER_SEC);
}

static void
advance_clock (int seconds)
{
  fake_now_us += (gint64) seconds * G_USEC_PER_SEC;
}

typedef struct
{
  char       *dir;
  char       *path;
  AplStore   *store;
  AplPlan    *plan;
  AplMessage *message;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *fields[APL_MESSAGE_N_FIELDS] = { NULL, };

  fake_now_us = (gint64) 1767225600 * G_USEC_PER_SEC; /* 2026-01-01 00:00 UTC */
  apl_messages_set_clock (fake_clock);

  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite3", NULL);
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->plan = apl_store_create_plan (fixture->store, "Water contamination", &error);
  g_assert_no_error (error);

  fields[APL_MESSAGE_FIELD_TITLE] = "Holding statement";
  fields[APL_MESSAGE_FIELD_CHANNEL] = "press-release";
  fields[APL_MESSAGE_FIELD_LANGUAGE] = "en";
  fields[APL_MESSAGE_FIELD_SUBJECT] = "Water supply in {{incident}}";
  fields[APL_MESSAGE_FIELD_BODY] = "We are aware of the situation and are investigating.";
  fixture->message = apl_store_add_message (fixture->store, fixture->plan, fields, NULL, "Writer", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  apl_messages_set_clock (NULL);
  g_clear_object (&fixture->message);
  g_clear_object (&fixture->plan);
  if (fixture->store != NULL)
    apl_store_close (fixture->store);
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Comms lead (Ana, deputy Ben), then Legal (all of Carla and Dan) in
 * parallel with HR (Eve), then Executive (Fay). */
static void
set_standard_route (Fixture *fixture)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(GError) error = NULL;
  AplApprovalStep *step;

  step = apl_approval_step_new ("Comms lead", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 15);
  apl_approval_step_add_approver (step, "Ana", "Ben");
  g_ptr_array_add (steps, step);
  step = apl_approval_step_new ("Legal", APL_STEP_ALL_OF, APL_STEP_AFTER_PREVIOUS, 30);
  apl_approval_step_add_approver (step, "Carla", "");
  apl_approval_step_add_approver (step, "Dan", "Dora");
  g_ptr_array_add (steps, step);
  step = apl_approval_step_new ("HR", APL_STEP_ONE_OF, APL_STEP_WITH_PREVIOUS, 60);
  apl_approval_step_add_approver (step, "Eve", "");
  g_ptr_array_add (steps, step);
  step = apl_approval_step_new ("Executive", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 0);
  apl_approval_step_add_approver (step, "Fay", "");
  g_ptr_array_add (steps, step);

  g_assert_true (apl_store_set_approval_route (fixture->store, fixture->plan, steps, &error));
  g_assert_no_error (error);
}

static void
set_single_route (Fixture    *fixture,
                  const char *approver,
                  const char *deputy)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(GError) error = NULL;
  AplApprovalStep *step = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 30);

  apl_approval_step_add_approver (step, approver, deputy);
  g_ptr_array_add (steps, step);
  g_assert_true (apl_store_set_approval_route (fixture->store, fixture->plan, steps, &error));
  g_assert_no_error (error);
}

static AplApprovalState *
get_state (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  AplApprovalState *state = apl_store_get_approval_state (fixture->store, fixture->message, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static AplApprovalStatus
get_status (Fixture *fixture)
{
  g_autoptr(AplApprovalState) state = get_state (fixture);

  return state->status;
}

static void
submit (Fixture    *fixture,
        const char *who)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (apl_store_submit_for_approval (fixture->store, fixture->message, who, "Comms officer", &error));
  g_assert_no_error (error);
}

static void
decide (Fixture     *fixture,
        AplDecision  decision,
        const char  *who,
        const char  *comment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = apl_approval_hash_message (fixture->message);

  advance_clock (60);
  g_assert_true (apl_store_decide_approval (fixture->store, fixture->message, decision, seen, who, "", comment,
                                            &error));
  g_assert_no_error (error);
}

static GPtrArray *
get_trail (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = apl_store_get_trail (fixture->store, apl_plan_get_uuid (fixture->plan), &error);

  g_assert_no_error (error);
  return events;
}

static const char *
last_kind (GPtrArray *events)
{
  g_assert_cmpuint (events->len, >, 0);
  return ((AplTrailEvent *) g_ptr_array_index (events, events->len - 1))->kind;
}

static void
assert_trail_verifies (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) breaks = apl_store_verify_trails (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (breaks->len, ==, 0);
}

/* Routes */

static void
test_route_definition (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) route = NULL;
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_approval_step_free);
  g_autoptr(GError) error = NULL;
  AplApprovalStep *step;
  AplApprover *approver;

  set_standard_route (fixture);
  route = apl_store_get_approval_route (fixture->store, fixture->plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (route->len, ==, 4);
  step = g_ptr_array_index (route, 1);
  g_assert_cmpstr (step->role, ==, "Legal");
  g_assert_cmpint (step->rule, ==, APL_STEP_ALL_OF);
  g_assert_cmpuint (step->target_minutes, ==, 30);
  g_assert_cmpuint (step->approvers->len, ==, 2);
  approver = g_ptr_array_index (step->approvers, 1);
  g_assert_cmpstr (approver->name, ==, "Dan");
  g_assert_cmpstr (approver->deputy, ==, "Dora");
  g_assert_cmpint (((AplApprovalStep *) g_ptr_array_index (route, 2))->timing, ==, APL_STEP_WITH_PREVIOUS);

  /* A step without approvers, without a role, or whose approver is their
   * own deputy is refused, and the route stays as it was. */
  step = apl_approval_step_new ("Legal", APL_STEP_ONE_OF, APL_STEP_AFTER_PREVIOUS, 0);
  g_ptr_array_add (bad, step);
  g_assert_false (apl_store_set_approval_route (fixture->store, fixture->plan, bad, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  apl_approval_step_add_approver (step, "Carla", "carla ");
  g_assert_false (apl_store_set_approval_route (fixture->store, fixture->plan, bad, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "own deputy"));
  g_clear_error (&error);
  g_free (step->role);
  step->role = g_strdup ("  ");
  g_assert_false (apl_store_set_approval_route (fixture->store, fixture->plan, bad, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&route, g_ptr_array_unref);
  route = apl_store_get_approval_route (fixture->store, fixture->plan, &error);
  g_assert_cmpuint (route->len, ==, 4);

  /* The rules of a review do not change half-way through it. */
  submit (fixture, "Writer");
  g_assert_false (apl_store_set_approval_route (fixture->store, fixture->plan, route, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
}

static void
test_no_route (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (apl_store_submit_for_approval (fixture->store, fixture->message, "Writer", "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no approval route"));
  g_clear_error (&error);

  /* Who acts must be known. */
  set_single_route (fixture, "Carla", "");
  g_assert_false (apl_store_submit_for_approval (fixture->store, fixture->message, " ", "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_DRAFT);
}

/* Sequence, parallel, one-of, all-of and deputies, along one submission. */
static void
test_route_progress (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AplApprovalState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;

  set_standard_route (fixture);
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_DRAFT);
  submit (fixture, "Writer");

  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_IN_REVIEW);
  g_assert_cmpstr (state->current_role, ==, "Comms lead");
  g_assert_true (apl_approval_state_waits_for (state, "Ana"));
  g_assert_true (apl_approval_state_waits_for (state, "ben")); /* the deputy, any case */
  g_assert_false (apl_approval_state_waits_for (state, "Carla")); /* Legal comes later */
  g_assert_cmpstr (state->due_at, ==, "2026-01-01T00:15:00Z");
  g_clear_pointer (&state, apl_approval_state_free);

  /* Legal cannot jump the queue. */
  seen = apl_approval_hash_message (fixture->message);
  g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, seen,
                                             "Carla", "Legal", NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The deputy approves for Ana: one-of is done, Legal and HR start together. */
  decide (fixture, APL_DECISION_APPROVE, "Ben", NULL);
  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_IN_REVIEW);
  g_assert_cmpstr (state->current_role, ==, "Legal");
  g_assert_true (apl_approval_state_waits_for (state, "Carla"));
  g_assert_true (apl_approval_state_waits_for (state, "Dan"));
  g_assert_true (apl_approval_state_waits_for (state, "Dora"));
  g_assert_true (apl_approval_state_waits_for (state, "Eve"));
  g_assert_false (apl_approval_state_waits_for (state, "Ana")); /* her step is done */
  g_clear_pointer (&state, apl_approval_state_free);

  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "step-approved");
  g_assert_nonnull (strstr (((AplTrailEvent *) g_ptr_array_index (events, 1))->detail, "deputy of Ana"));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* All-of: Carla alone is not enough, HR alone is not enough. */
  decide (fixture, APL_DECISION_APPROVE, "Carla", NULL);
  decide (fixture, APL_DECISION_APPROVE, "Eve", NULL);
  state = get_state (fixture);
  g_assert_cmpstr (state->current_role, ==, "Legal");
  g_assert_false (apl_approval_state_waits_for (state, "Carla"));
  g_assert_true (apl_approval_state_waits_for (state, "Dora"));
  g_assert_false (apl_approval_state_waits_for (state, "Fay"));
  g_clear_pointer (&state, apl_approval_state_free);

  /* Dan's deputy completes Legal; the Executive is next, then done. */
  decide (fixture, APL_DECISION_APPROVE, "Dora", NULL);
  state = get_state (fixture);
  g_assert_cmpstr (state->current_role, ==, "Executive");
  g_assert_true (apl_approval_state_waits_for (state, "Fay"));
  g_assert_null (state->due_at); /* no target for this step */
  g_clear_pointer (&state, apl_approval_state_free);

  decide (fixture, APL_DECISION_APPROVE, "Fay", NULL);
  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_APPROVED);
  g_assert_true (state->covered);
  g_assert_cmpstr (state->approved_hash, ==, state->current_hash);
  g_assert_cmpuint (state->waiting_for->len, ==, 0);

  events = get_trail (fixture);
  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 0))->kind, ==, "submitted");
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 0))->detail, ==,
                   "Comms lead → Legal + HR → Executive");
  g_assert_cmpstr (last_kind (events), ==, "approved");
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 5))->text_hash, ==, state->current_hash);
  assert_trail_verifies (fixture);

  /* Approved text cannot be submitted again. */
  g_assert_false (apl_store_submit_for_approval (fixture->store, fixture->message, "Writer", "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
}

static void
test_self_approval_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = apl_approval_hash_message (fixture->message);
  g_autoptr(GPtrArray) events = NULL;

  set_single_route (fixture, "Carla", "Writer");
  submit (fixture, "Carla");

  /* Neither in person nor, under another spelling, as nobody else. */
  for (AplDecision d = APL_DECISION_APPROVE; d <= APL_DECISION_REJECT; d++)
    {
      g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, d, seen, " carla", "Legal",
                                                 "fine", &error));
      g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "You submitted"));
      g_clear_error (&error);
    }
  /* Someone off the route cannot decide either. */
  g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, seen,
                                             "Mallory", "", NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Carla"));
  g_clear_error (&error);
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_IN_REVIEW);

  /* The deputy can. */
  decide (fixture, APL_DECISION_APPROVE, "Writer", NULL);
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_APPROVED);
  events = get_trail (fixture);
  g_assert_cmpuint (events->len, ==, 2);
}

static void
test_changes_and_reject (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AplApprovalState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = apl_approval_hash_message (fixture->message);

  set_single_route (fixture, "Carla", "");
  submit (fixture, "Writer");

  /* A request for changes says what to change. */
  g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_REQUEST_CHANGES, seen,
                                             "Carla", "Legal", "   ", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_IN_REVIEW);

  decide (fixture, APL_DECISION_REQUEST_CHANGES, "Carla", "Do not say “investigating”.");
  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_CHANGES_REQUESTED);
  g_assert_cmpstr (state->last_comment, ==, "Do not say “investigating”.");
  g_assert_cmpstr (state->last_decider, ==, "Carla");
  g_assert_false (state->covered);
  g_clear_pointer (&state, apl_approval_state_free);

  /* No decision on what is not in review. */
  g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, NULL,
                                             "Carla", "Legal", NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_BODY,
                                        "We are aware of the situation.", "Writer", &error));
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_CHANGES_REQUESTED);
  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_REJECT, "Carla", "We will not comment at all.");
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_REJECTED);

  events = get_trail (fixture);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 1))->kind, ==, "changes-requested");
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 1))->comment, ==, "Do not say “investigating”.");
  g_assert_cmpstr (last_kind (events), ==, "rejected");
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 3))->actor, ==, "Carla");
  assert_trail_verifies (fixture);
}

static void
test_withdraw (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  set_single_route (fixture, "Carla", "");
  g_assert_false (apl_store_withdraw_submission (fixture->store, fixture->message, "Writer", "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  submit (fixture, "Writer");
  g_assert_false (apl_store_withdraw_submission (fixture->store, fixture->message, "Carla", "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (apl_store_withdraw_submission (fixture->store, fixture->message, "Writer", "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_DRAFT);
  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "withdrawn");

  /* Nothing left to decide on; the route can change again. */
  g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, NULL,
                                             "Carla", "", NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  set_single_route (fixture, "Dan", "");
}

/* The approval covers the exact text and nothing else. */
static void
test_hash_bound_to_text (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AplApprovalState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = apl_approval_hash_text ("ab", "c", "sms", "en");
  g_autofree char *b = apl_approval_hash_text ("a", "bc", "sms", "en");
  g_autofree char *c = apl_approval_hash_text ("a", "bc", "sms", "en");
  g_autofree char *body = NULL;
  g_autofree char *approved_body = NULL;
  guint n_versions;

  /* Fields cannot run into each other; equal text, equal hash. */
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (b, ==, c);
  g_assert_cmpuint (strlen (a), ==, 64);

  set_single_route (fixture, "Carla", "");
  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_APPROVE, "Carla", NULL);
  state = get_state (fixture);
  g_assert_true (state->covered);
  approved_body = g_strdup (state->approved_fields[1]);
  g_clear_pointer (&state, apl_approval_state_free);
  versions = apl_message_list_versions (fixture->message, &error);
  n_versions = versions->len;
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* A title is not part of the approved text. */
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_TITLE, "Holding statement (water)",
                                        "Writer", &error));
  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_APPROVED);
  g_assert_true (state->covered);
  g_clear_pointer (&state, apl_approval_state_free);

  /* One character of the body: no longer covered, back to draft at once,
   * in a new version, with an event. */
  body = g_strdup (apl_message_get_body (fixture->message));
  body[strlen (body) - 1] = '!';
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_BODY, body, "Writer", &error));
  g_assert_no_error (error);
  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_DRAFT);
  g_assert_false (state->covered);
  g_assert_nonnull (state->approved_hash); /* the approval stays in history */
  g_assert_cmpstr (state->approved_fields[1], ==, approved_body);
  g_clear_pointer (&state, apl_approval_state_free);

  versions = apl_message_list_versions (fixture->message, &error);
  g_assert_cmpuint (versions->len, >, n_versions);
  /* The approved text is still a version of its own. */
  g_assert_cmpstr (((AplMessageVersion *) g_ptr_array_index (versions, 1))->fields[APL_MESSAGE_FIELD_BODY], ==,
                   approved_body);
  g_clear_pointer (&versions, g_ptr_array_unref);

  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "edited-after-approval");
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, events->len - 1))->actor, ==, "Writer");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Typing the approved text back makes it approved again. */
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_BODY, approved_body, "Writer", &error));
  state = get_state (fixture);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_APPROVED);
  g_assert_true (state->covered);
  g_clear_pointer (&state, apl_approval_state_free);
  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "approved-text-restored");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* The channel and the language are part of it too. */
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_LANGUAGE, "fr", "Writer", &error));
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_DRAFT);
  assert_trail_verifies (fixture);
}

/* A decision on text that changed since the approver read it is refused;
 * an edit in review ends the review. */
static void
test_edit_in_review (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = apl_approval_hash_message (fixture->message);

  set_single_route (fixture, "Carla", "");
  submit (fixture, "Writer");
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_SUBJECT, "Water supply", "Writer",
                                        &error));
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_DRAFT);
  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "edited-in-review");

  submit (fixture, "Writer");
  g_assert_false (apl_store_decide_approval (fixture->store, fixture->message, APL_DECISION_APPROVE, seen,
                                             "Carla", "Legal", NULL, &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "changed since you opened it"));
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_IN_REVIEW);
}

static void
test_pre_approved_and_retired (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AplApprovalState) state = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  set_single_route (fixture, "Carla", "");
  g_assert_false (apl_store_set_pre_approved (fixture->store, fixture->message, TRUE, "Carla", "Legal", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_APPROVE, "Carla", NULL);
  g_assert_true (apl_store_set_pre_approved (fixture->store, fixture->message, TRUE, "Carla", "Legal", &error));
  g_assert_no_error (error);
  state = get_state (fixture);
  g_assert_true (state->pre_approved);
  g_clear_pointer (&state, apl_approval_state_free);
  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "pre-approved");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Filling the placeholders' facts is not an edit of the template... */
  g_assert_true (apl_store_set_placeholder_value (fixture->store, fixture->plan, "incident", NULL, "Riverside",
                                                  &error));
  state = get_state (fixture);
  g_assert_true (state->pre_approved);
  g_assert_true (state->covered);
  g_clear_pointer (&state, apl_approval_state_free);

  /* ...but changing its text removes the pre-approval with the approval. */
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_BODY, "Something else.", "Writer",
                                        &error));
  state = get_state (fixture);
  g_assert_false (state->pre_approved);
  g_assert_cmpint (state->status, ==, APL_APPROVAL_DRAFT);
  g_clear_pointer (&state, apl_approval_state_free);

  /* Retired: kept, not submittable; back in use as a draft. */
  g_assert_true (apl_store_set_message_retired (fixture->store, fixture->message, TRUE, "Writer", "", &error));
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_RETIRED);
  g_assert_false (apl_store_submit_for_approval (fixture->store, fixture->message, "Writer", "", &error));
  g_assert_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (apl_store_set_message_retired (fixture->store, fixture->message, FALSE, "Writer", "", &error));
  g_assert_cmpint (get_status (fixture), ==, APL_APPROVAL_DRAFT);
  events = get_trail (fixture);
  g_assert_cmpstr (last_kind (events), ==, "unretired");
  assert_trail_verifies (fixture);
}

/* Trail */

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static void
test_triggers_refuse (Fixture       *fixture,
                      gconstpointer  data)
{
  sqlite3 *db;

  set_single_route (fixture, "Carla", "");
  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_APPROVE, "Carla", NULL);
  apl_store_close (fixture->store);

  /* Even straight through SQLite, past the store. */
  db = open_raw (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE approval_events SET actor = 'Mallory' WHERE seq = 2", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "append-only"));
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM approval_events", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE approval_chain_heads SET seq = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM approval_chain_heads", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM approval_events"), ==, 2);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM approval_events WHERE actor = 'Mallory'"),
                   ==, 0);
}

static int
run_tool (const char  *path,
          char       **out,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("APLOMB_TOOL"));
  g_ptr_array_add (args, (gpointer) "--workspace");
  g_ptr_array_add (args, (gpointer) path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

/* Four events on the trail, then the store closed for tampering. */
static void
make_trail_and_close (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  set_single_route (fixture, "Carla", "");
  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_REQUEST_CHANGES, "Carla", "Shorter, please.");
  g_assert_true (apl_message_set_field (fixture->message, APL_MESSAGE_FIELD_BODY, "We are investigating.", "Writer",
                                        &error));
  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_APPROVE, "Carla", NULL);
  assert_trail_verifies (fixture);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->message);
  g_clear_object (&fixture->plan);
  g_clear_object (&fixture->store);
}

static void
assert_check_fails (Fixture    *fixture,
                    const char *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "check", NULL), ==, 1);
  if (strstr (out, expected) == NULL)
    g_error ("“%s” not in check's output: %s", expected, out);
  g_assert_nonnull (strstr (err, "problem"));
}

#define DROP_TRIGGERS \
  "DROP TRIGGER approval_events_no_update; DROP TRIGGER approval_events_no_delete; " \
  "DROP TRIGGER approval_chain_heads_forward; DROP TRIGGER approval_chain_heads_no_delete; "

/* The triggers are put back after tampering, as a careful forger would,
 * so that only the chain can tell. */
static const char *recreate_triggers =
  "CREATE TRIGGER approval_events_no_update BEFORE UPDATE ON approval_events "
  "BEGIN SELECT RAISE (ABORT, 'no'); END; "
  "CREATE TRIGGER approval_events_no_delete BEFORE DELETE ON approval_events "
  "BEGIN SELECT RAISE (ABORT, 'no'); END; "
  "CREATE TRIGGER approval_chain_heads_forward BEFORE UPDATE ON approval_chain_heads "
  "WHEN NEW.seq <> OLD.seq + 1 BEGIN SELECT RAISE (ABORT, 'no'); END; "
  "CREATE TRIGGER approval_chain_heads_no_delete BEFORE DELETE ON approval_chain_heads "
  "BEGIN SELECT RAISE (ABORT, 'no'); END;";

static void
tamper (Fixture    *fixture,
        const char *sql)
{
  g_autofree char *all = g_strconcat (DROP_TRIGGERS, sql, recreate_triggers, NULL);

  test_sqlite_exec (fixture->path, all);
}

static void
test_check_sound (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_trail_and_close (fixture);
  g_assert_cmpint (run_tool (fixture->path, &out, &err, "check", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "ok\n");
}

static void
test_tamper_modified (Fixture       *fixture,
                      gconstpointer  data)
{
  make_trail_and_close (fixture);
  tamper (fixture, "UPDATE approval_events SET comment = 'Fine as it is.' WHERE seq = 2;");
  assert_check_fails (fixture, "first broken link at event 2: event 2 was changed");
}

/* What the plan overview shows: the head's hash, the number of events,
 * and where the chain breaks once someone tampers with it. */
static void
test_trail_status (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplTrailStatus) status = NULL;
  g_autofree char *uuid = g_strdup (apl_plan_get_uuid (fixture->plan));
  g_autofree char *head = NULL;

  status = apl_store_get_trail_status (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->n_events, ==, 0);
  g_assert_null (status->head_hash);
  g_assert_null (status->broken);
  g_clear_pointer (&status, apl_trail_status_free);

  make_trail_and_close (fixture);
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  status = apl_store_get_trail_status (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->n_events, ==, 4);
  head = test_sqlite_text (fixture->path, "SELECT hash FROM approval_events WHERE seq = 4");
  g_assert_cmpstr (status->head_hash, ==, head);
  g_assert_null (status->broken);
  g_clear_pointer (&status, apl_trail_status_free);
  apl_store_close (fixture->store);
  g_clear_object (&fixture->store);

  tamper (fixture, "UPDATE approval_events SET comment = 'Fine as it is.' WHERE seq = 3;");
  fixture->store = apl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  status = apl_store_get_trail_status (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->n_events, ==, 4);
  g_assert_nonnull (status->broken);
  g_assert_cmpint (status->broken->seq, ==, 3);
}

static void
test_tamper_deleted (Fixture       *fixture,
                     gconstpointer  data)
{
  make_trail_and_close (fixture);
  tamper (fixture, "DELETE FROM approval_events WHERE seq = 2;");
  assert_check_fails (fixture, "first broken link at event 2: event 2 is missing");
}

static void
test_tamper_reordered (Fixture       *fixture,
                       gconstpointer  data)
{
  make_trail_and_close (fixture);
  /* Swap events 2 and 3, renumbering them so that no number is missing. */
  tamper (fixture,
          "UPDATE approval_events SET seq = seq + 100 WHERE seq IN (2, 3);"
          "UPDATE approval_events SET seq = 3 WHERE seq = 102;"
          "UPDATE approval_events SET seq = 2 WHERE seq = 103;");
  assert_check_fails (fixture, "first broken link at event 2");
}

static void
test_tamper_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  make_trail_and_close (fixture);
  tamper (fixture, "DELETE FROM approval_events WHERE seq = 4;");
  assert_check_fails (fixture, "first broken link at event 4: event 4 is missing: events were cut off the end");
}

static void
test_tamper_unprotected (Fixture       *fixture,
                         gconstpointer  data)
{
  make_trail_and_close (fixture);
  test_sqlite_exec (fixture->path, "DROP TRIGGER approval_events_no_update;");
  assert_check_fails (fixture, "approval_events_no_update");
}

/* Purging a plan keeps its trail, which still verifies. */
static void
test_purge_keeps_trail (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (apl_plan_get_uuid (fixture->plan));

  set_single_route (fixture, "Carla", "");
  submit (fixture, "Writer");
  decide (fixture, APL_DECISION_APPROVE, "Carla", NULL);

  g_assert_true (apl_store_delete_plan (fixture->store, fixture->plan, &error));
  g_assert_true (apl_store_purge_deleted_plans (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM approval_steps"), ==, 0);
  g_assert_cmpint (test_sqlite_int (fixture->path, "SELECT count(*) FROM approval_submissions"), ==, 0);

  events = apl_store_get_trail (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (last_kind (events), ==, "approved");
  g_assert_cmpstr (((AplTrailEvent *) g_ptr_array_index (events, 1))->message_title, ==, "Holding statement");
  assert_trail_verifies (fixture);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *plan_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_plan_get_id (fixture->plan));
  g_autofree char *message_id = g_strdup_printf ("%" G_GINT64_FORMAT, apl_message_get_id (fixture->message));
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;
  g_autofree char *hash = NULL;

  set_single_route (fixture, "Carla", "");
  apl_store_close (fixture->store);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "list", plan_id, NULL), ==, 0);
  expected = g_strdup_printf ("%s\tHolding statement\tdraft\tno\tno\t\t\t\t\n", message_id);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "submit", message_id, "Writer",
                             "--role", "Comms lead", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The submitter cannot approve; Carla can. */
  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "decide", message_id, "approve", "Writer", "",
                             NULL), ==, 1);
  g_assert_nonnull (strstr (err, "You submitted"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "decide", message_id, "maybe", "Carla", "",
                             NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "list", plan_id, NULL), ==, 0);
  /* The command line runs on the real clock. */
  expected = g_strdup_printf ("%s\tHolding statement\tin-review\tno\tno\tLegal\tCarla\tWriter\t", message_id);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_true (g_str_has_suffix (out, "Z\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "decide", message_id, "approve", "Carla",
                             "Good to go", "--role", "Legal", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The roles given on the command line are on record, in the decision
   * and in the trail. */
  hash = test_sqlite_text (fixture->path, "SELECT actor_role FROM approval_decisions");
  g_assert_cmpstr (hash, ==, "Legal");
  g_clear_pointer (&hash, g_free);
  hash = test_sqlite_text (fixture->path, "SELECT group_concat (actor_role, '|') FROM "
                                          "(SELECT actor_role FROM approval_events ORDER BY seq)");
  g_assert_cmpstr (hash, ==, "Comms lead|Legal");
  g_clear_pointer (&hash, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "list", plan_id, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, message_id));
  g_assert_nonnull (strstr (out, "\tapproved\tyes\tno\t"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "trail", plan_id, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3); /* two events and the final "" */
  columns = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 7);
  g_assert_cmpstr (columns[0], ==, "2");
  g_assert_cmpstr (columns[2], ==, "Carla");
  g_assert_cmpstr (columns[3], ==, "approved");
  g_assert_cmpstr (columns[4], ==, message_id);
  g_assert_cmpstr (columns[5], ==, "Holding statement");
  g_assert_cmpuint (strlen (columns[6]), ==, 12);
  hash = test_sqlite_text (fixture->path, "SELECT hash FROM approval_events WHERE seq = 2");
  g_assert_true (g_str_has_prefix (hash, columns[6]));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (fixture->path, &out, &err, "approvals", "list", "999", NULL), ==, 1);
  g_assert_cmpint (run_tool (fixture->path, NULL, NULL, "approvals", "list", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/approvals/route/definition", test_route_definition);
  ADD ("/approvals/route/none", test_no_route);
  ADD ("/approvals/route/progress", test_route_progress);
  ADD ("/approvals/decide/self-approval-refused", test_self_approval_refused);
  ADD ("/approvals/decide/changes-and-reject", test_changes_and_reject);
  ADD ("/approvals/withdraw", test_withdraw);
  ADD ("/approvals/text/hash-bound", test_hash_bound_to_text);
  ADD ("/approvals/text/edit-in-review", test_edit_in_review);
  ADD ("/approvals/status/pre-approved-and-retired", test_pre_approved_and_retired);
  ADD ("/approvals/trail/triggers-refuse", test_triggers_refuse);
  ADD ("/approvals/trail/check-sound", test_check_sound);
  ADD ("/approvals/trail/tamper-modified", test_tamper_modified);
  ADD ("/approvals/trail/status", test_trail_status);
  ADD ("/approvals/trail/tamper-deleted", test_tamper_deleted);
  ADD ("/approvals/trail/tamper-reordered", test_tamper_reordered);
  ADD ("/approvals/trail/tamper-truncated", test_tamper_truncated);
  ADD ("/approvals/trail/tamper-unprotected", test_tamper_unprotected);
  ADD ("/approvals/trail/purge-keeps-trail", test_purge_keeps_trail);
  ADD ("/approvals/cli", test_cli);

#undef ADD

  return g_test_run ();
}
