/* apl-message-row.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-approvals.h"

G_BEGIN_DECLS

/**
 * AplMessageStatus:
 *
 * The approval status as the message list shows it and filters by: the
 * stored status, with a pre-approval and approved text that an edit no
 * longer matches told apart.
 */
typedef enum
{
  APL_MESSAGE_STATUS_DRAFT,
  APL_MESSAGE_STATUS_IN_REVIEW,
  APL_MESSAGE_STATUS_APPROVED,
  APL_MESSAGE_STATUS_CHANGES_REQUESTED,
  APL_MESSAGE_STATUS_REJECTED,
  APL_MESSAGE_STATUS_RETIRED,
  APL_MESSAGE_STATUS_PRE_APPROVED,
  APL_MESSAGE_STATUS_APPROVED_TEXT_CHANGED,
  APL_MESSAGE_N_STATUSES
} AplMessageStatus;

#define APL_TYPE_MESSAGE_ROW (apl_message_row_get_type ())

G_DECLARE_FINAL_TYPE (AplMessageRow, apl_message_row, APL, MESSAGE_ROW, GtkWidget)

AplMessageStatus  apl_message_status_from_state  (const AplApprovalState *state);
const char       *apl_message_status_get_name    (AplMessageStatus        status);
const char       *apl_message_status_get_style   (AplMessageStatus        status);

AplMessage       *apl_message_row_get_message    (AplMessageRow          *self);
void              apl_message_row_set_message    (AplMessageRow          *self,
                                                  AplMessage             *message);
AplMessageStatus  apl_message_row_get_status     (AplMessageRow          *self);

G_END_DECLS
