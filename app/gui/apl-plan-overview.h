/* apl-plan-overview.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-plan.h"

G_BEGIN_DECLS

#define APL_TYPE_PLAN_OVERVIEW (apl_plan_overview_get_type ())

G_DECLARE_FINAL_TYPE (AplPlanOverview, apl_plan_overview, APL, PLAN_OVERVIEW, GtkWidget)

AplPlan *apl_plan_overview_get_plan   (AplPlanOverview *self);
void     apl_plan_overview_set_plan   (AplPlanOverview *self,
                                       AplPlan         *plan);
void     apl_plan_overview_edit_title (AplPlanOverview *self);

G_END_DECLS
