/* apl-approvals.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The approval workflow: a plan's approval route, submitting a message for
 * approval, the approvers' decisions, each message's approval status, and
 * the tamper-evident trail of every change of status.
 *
 * Functions that change something take the name and role of who does it
 * as plain strings: the core does not know who is at the keyboard (the GUI
 * reads them from the preferences; this is a single-user desktop app).
 */

#pragma once

#include "apl-messages.h"
#include "apl-store.h"

G_BEGIN_DECLS

typedef enum
{
  APL_APPROVAL_DRAFT,
  APL_APPROVAL_IN_REVIEW,
  APL_APPROVAL_CHANGES_REQUESTED,
  APL_APPROVAL_APPROVED,
  APL_APPROVAL_REJECTED,
  APL_APPROVAL_RETIRED,
  APL_N_APPROVAL_STATUSES
} AplApprovalStatus;

/* Whether a step needs one of its approvers or all of them. */
typedef enum
{
  APL_STEP_ONE_OF,
  APL_STEP_ALL_OF,
} AplStepRule;

/* Whether a step waits for the previous one (sequence) or runs alongside
 * it (parallel). */
typedef enum
{
  APL_STEP_AFTER_PREVIOUS,
  APL_STEP_WITH_PREVIOUS,
} AplStepTiming;

typedef enum
{
  APL_DECISION_APPROVE,
  APL_DECISION_REQUEST_CHANGES,
  APL_DECISION_REJECT,
} AplDecision;

/**
 * AplApprover:
 * @name: the approver
 * @deputy: who may decide in their place; "" for nobody
 */
typedef struct
{
  char *name;
  char *deputy;
} AplApprover;

/**
 * AplApprovalStep:
 * @role: what the approvers approve as ("Legal", "Executive")
 * @approvers: (element-type AplApprover): at least one
 * @target_minutes: how long the step should take at most; 0 for no target
 */
typedef struct
{
  gint64         id;
  char          *role;
  AplStepRule    rule;
  AplStepTiming  timing;
  guint          target_minutes;
  GPtrArray     *approvers;
} AplApprovalStep;

/**
 * AplApprovalState:
 * @status: the status as stored
 * @covered: whether an approval covers the message's current text: the
 *   SHA-256 of its exact text equals the approved one
 * @current_hash: the SHA-256 of the message's text now
 * @approved_hash: (nullable): the hash of the last approved text
 * @approved_fields: (nullable): the last approved subject, body, channel
 *   and language, indexed like apl_approval_hash_text()'s arguments
 * @submitter: (nullable): who submitted the open or last submission
 * @waiting_for: (element-type utf8): who may decide now (approvers and
 *   deputies of the current stage's pending steps); empty unless in review
 * @current_role: (nullable): the role of the first pending step
 * @due_at: (nullable): when the current stage's shortest target runs out
 * @last_comment: (nullable): the comment of the last decision
 * @last_decider: (nullable): who made the last decision
 */
typedef struct
{
  gint64             message_id;
  gint64             plan_id;
  char              *title;
  AplApprovalStatus  status;
  gboolean           pre_approved;
  gboolean           covered;
  char              *current_hash;
  char              *approved_hash;
  guint              approved_version;
  char              *approved_at;
  char              *approved_fields[4];
  gint64             submission_id;
  char              *submitter;
  char              *submitted_at;
  GPtrArray         *waiting_for;
  char              *current_role;
  char              *due_at;
  char              *last_comment;
  char              *last_decider;
} AplApprovalState;

/**
 * AplTrailEvent:
 * @seq: its place in the plan's chain, from 1
 * @kind: a stable key: submitted, step-approved, approved,
 *   changes-requested, rejected, withdrawn, edited-after-approval,
 *   edited-in-review, approved-text-restored, retired, unretired,
 *   pre-approved, pre-approval-removed
 * @hash: SHA-256 of @prev_hash and the event (apl_trail_event_compute_hash())
 */
typedef struct
{
  gint64  seq;
  char   *plan_uuid;
  char   *occurred_at;
  char   *actor;
  char   *actor_role;
  char   *kind;
  gint64  message_id;
  char   *message_title;
  guint   message_version;
  char   *text_hash;
  char   *detail;
  char   *comment;
  char   *prev_hash;
  char   *hash;
} AplTrailEvent;

/**
 * AplTrailBreak:
 * @plan_uuid: the plan whose chain is broken
 * @seq: the first event that does not verify
 * @description: a sentence saying what is wrong with it
 */
typedef struct
{
  char   *plan_uuid;
  gint64  seq;
  char   *description;
} AplTrailBreak;

/**
 * AplTrailStatus:
 * @head_hash: (nullable): the hash of the chain's latest event, %NULL for
 *   an empty trail
 * @n_events: how many events the trail holds
 * @broken: (nullable): the first broken link, %NULL when the chain verifies
 */
typedef struct
{
  char          *head_hash;
  guint          n_events;
  AplTrailBreak *broken;
} AplTrailStatus;

#define APL_TYPE_APPROVALS (apl_approvals_get_type ())

G_DECLARE_FINAL_TYPE (AplApprovals, apl_approvals, APL, APPROVALS, GObject)

/* A zero hash: the previous hash of a chain's first event. */
#define APL_TRAIL_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

AplApprovals      *apl_approvals_get                 (AplStore            *store);

const char        *apl_approval_status_get_key       (AplApprovalStatus    status);
const char        *apl_approval_status_get_name      (AplApprovalStatus    status);
gboolean           apl_approval_status_from_key      (const char          *key,
                                                      AplApprovalStatus   *status);
const char        *apl_trail_kind_get_name           (const char          *kind);

char              *apl_approval_hash_text            (const char          *subject,
                                                      const char          *body,
                                                      const char          *channel,
                                                      const char          *language);
char              *apl_approval_hash_message         (AplMessage          *message);
char              *apl_trail_event_compute_hash      (const AplTrailEvent *event);

AplApprovalStep   *apl_approval_step_new             (const char          *role,
                                                      AplStepRule          rule,
                                                      AplStepTiming        timing,
                                                      guint                target_minutes);
void               apl_approval_step_add_approver    (AplApprovalStep     *step,
                                                      const char          *name,
                                                      const char          *deputy);
AplApprovalStep   *apl_approval_step_copy            (const AplApprovalStep *step);
void               apl_approval_step_free            (AplApprovalStep     *step);
void               apl_approval_state_free           (AplApprovalState    *state);
gboolean           apl_approval_state_waits_for      (const AplApprovalState *state,
                                                      const char          *name);
void               apl_trail_event_free              (AplTrailEvent       *event);
void               apl_trail_break_free              (AplTrailBreak       *broken);
gboolean           apl_approval_names_equal          (const char          *a,
                                                      const char          *b);

/* Route */
GPtrArray         *apl_store_get_approval_route      (AplStore            *self,
                                                      AplPlan             *plan,
                                                      GError             **error);
gboolean           apl_store_set_approval_route      (AplStore            *self,
                                                      AplPlan             *plan,
                                                      GPtrArray           *steps,
                                                      GError             **error);

/* Workflow */
AplApprovalState  *apl_store_get_approval_state      (AplStore            *self,
                                                      AplMessage          *message,
                                                      GError             **error);
GPtrArray         *apl_store_list_approval_states    (AplStore            *self,
                                                      AplPlan             *plan,
                                                      GError             **error);
gboolean           apl_store_submit_for_approval     (AplStore            *self,
                                                      AplMessage          *message,
                                                      const char          *actor,
                                                      const char          *actor_role,
                                                      GError             **error);
gboolean           apl_store_withdraw_submission     (AplStore            *self,
                                                      AplMessage          *message,
                                                      const char          *actor,
                                                      const char          *actor_role,
                                                      GError             **error);
gboolean           apl_store_decide_approval         (AplStore            *self,
                                                      AplMessage          *message,
                                                      AplDecision          decision,
                                                      const char          *seen_hash,
                                                      const char          *actor,
                                                      const char          *actor_role,
                                                      const char          *comment,
                                                      GError             **error);
gboolean           apl_store_set_message_retired     (AplStore            *self,
                                                      AplMessage          *message,
                                                      gboolean             retired,
                                                      const char          *actor,
                                                      const char          *actor_role,
                                                      GError             **error);
gboolean           apl_store_set_pre_approved        (AplStore            *self,
                                                      AplMessage          *message,
                                                      gboolean             pre_approved,
                                                      const char          *actor,
                                                      const char          *actor_role,
                                                      GError             **error);

/* Trail */
GPtrArray         *apl_store_get_trail               (AplStore            *self,
                                                      const char          *plan_uuid,
                                                      GError             **error);
char              *apl_store_get_trail_head          (AplStore            *self,
                                                      const char          *plan_uuid,
                                                      GError             **error);
GPtrArray         *apl_store_verify_trails           (AplStore            *self,
                                                      GError             **error);
AplTrailStatus    *apl_store_get_trail_status        (AplStore            *self,
                                                      const char          *plan_uuid,
                                                      GError             **error);
void               apl_trail_status_free             (AplTrailStatus      *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplApprovalStep, apl_approval_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplApprovalState, apl_approval_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplTrailEvent, apl_trail_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplTrailBreak, apl_trail_break_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplTrailStatus, apl_trail_status_free)

G_END_DECLS
