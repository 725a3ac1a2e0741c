/* apl-approvals-page.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-approvals.h"

G_BEGIN_DECLS

#define APL_TYPE_APPROVALS_PAGE (apl_approvals_page_get_type ())

G_DECLARE_FINAL_TYPE (AplApprovalsPage, apl_approvals_page, APL, APPROVALS_PAGE, GtkWidget)

void      apl_approvals_page_set_store       (AplApprovalsPage *self,
                                              AplStore         *store);
void      apl_approvals_page_set_plan        (AplApprovalsPage *self,
                                              AplPlan          *plan);
AplPlan  *apl_approvals_page_get_plan        (AplApprovalsPage *self);
guint     apl_approvals_page_get_badge_count (AplApprovalsPage *self);

G_END_DECLS
