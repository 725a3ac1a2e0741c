/* apl-plan-health.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-health.h"

G_BEGIN_DECLS

#define APL_TYPE_PLAN_HEALTH (apl_plan_health_get_type ())

G_DECLARE_FINAL_TYPE (AplPlanHealth, apl_plan_health, APL, PLAN_HEALTH, GtkWidget)

void      apl_plan_health_set_store  (AplPlanHealth *self,
                                      AplStore      *store);
void      apl_plan_health_set_plan   (AplPlanHealth *self,
                                      AplPlan       *plan);
AplPlan  *apl_plan_health_get_plan   (AplPlanHealth *self);
void      apl_plan_health_refresh    (AplPlanHealth *self);
guint     apl_plan_health_get_n_items (AplPlanHealth *self);

G_END_DECLS
