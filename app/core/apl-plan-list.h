/* apl-plan-list.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-plan.h"

G_BEGIN_DECLS

#define APL_TYPE_PLAN_LIST (apl_plan_list_get_type ())

G_DECLARE_FINAL_TYPE (AplPlanList, apl_plan_list, APL, PLAN_LIST, GObject)

/* The live plans of a workspace, in the order they were created. Only the
 * store changes it; everyone else listens to items-changed. */
AplPlanList *_apl_plan_list_new    (void);
void         _apl_plan_list_add    (AplPlanList *self,
                                    AplPlan     *plan);
gboolean     _apl_plan_list_remove (AplPlanList *self,
                                    AplPlan     *plan);
AplPlan     *_apl_plan_list_find   (AplPlanList *self,
                                    gint64       id);
AplPlan     *_apl_plan_list_find_uuid (AplPlanList *self,
                                       const char  *uuid);

G_END_DECLS
