/* apl-approvals-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between the approval workflow and the rest of the store. No SQLite here.
 */

#pragma once

#include "apl-approvals.h"

G_BEGIN_DECLS

/**
 * AplStepApproval:
 * An approval already given on an open submission, as the route sees it.
 */
typedef struct
{
  gint64      step_id;
  const char *acting_for;
  const char *decided_at;
} AplStepApproval;

/**
 * AplRouteProgress:
 * @complete: every step has approved
 * @waiting_for: (element-type utf8): who may decide now
 * @current_role: (nullable): the role of the first pending step
 * @stage_started_at: when the current stage began
 * @target_minutes: the shortest target of the current stage's pending
 *   steps, 0 for none
 */
typedef struct
{
  gboolean    complete;
  GPtrArray  *waiting_for;
  char       *current_role;
  char       *stage_started_at;
  guint       target_minutes;
} AplRouteProgress;

void              _apl_route_progress         (GPtrArray        *steps,
                                               GArray           *approvals,
                                               const char       *submitted_at,
                                               AplRouteProgress *progress);
void              _apl_route_progress_clear   (AplRouteProgress *progress);
AplApprovalStep  *_apl_route_find_slot        (GPtrArray        *steps,
                                               GArray           *approvals,
                                               const char       *actor,
                                               const char      **acting_for);

void              _apl_approvals_emit_changed (AplStore         *store,
                                               gint64            plan_id);
void              _apl_approvals_emit_changed_later (AplStore   *store,
                                                     gint64      plan_id);

/* Called by the message store inside the transaction of every edit of a
 * message's text (a field change or a restored version), after the
 * messages row holds the new text. An edit that changes approved text sends
 * the message back to draft; one that changes text in review withdraws the
 * submission; one that brings a draft back to its approved text makes it
 * approved again. Each of these records a trail event. */
gboolean          _apl_store_approval_on_message_edited (AplStore   *self,
                                                         gint64      message_id,
                                                         const char *author,
                                                         GError    **error);

/* Whether the version was submitted for approval: such a version is never
 * folded into by later edits, so that the text that was approved stays in
 * the history as it was. */
gboolean          _apl_store_approval_seals_version (AplStore   *self,
                                                     gint64      message_id,
                                                     guint       number);

G_END_DECLS
