/* apl-approval-bar.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-approvals.h"

G_BEGIN_DECLS

#define APL_TYPE_APPROVAL_BAR (apl_approval_bar_get_type ())

G_DECLARE_FINAL_TYPE (AplApprovalBar, apl_approval_bar, APL, APPROVAL_BAR, GtkWidget)

void               apl_approval_bar_set_store   (AplApprovalBar *self,
                                                 AplStore       *store);
void               apl_approval_bar_set_message (AplApprovalBar *self,
                                                 AplMessage     *message);
AplApprovalStatus  apl_approval_bar_get_status  (AplApprovalBar *self);
gboolean           apl_approval_bar_get_text_changed (AplApprovalBar *self);

G_END_DECLS
