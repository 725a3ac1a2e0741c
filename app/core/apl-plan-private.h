/* apl-plan-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-organisation.h"
#include "apl-plan.h"
#include "apl-store.h"

G_BEGIN_DECLS

AplPlan         *_apl_plan_new          (AplStore            *store,
                                         gint64               id,
                                         const char          *uuid,
                                         const char * const  *fields,
                                         const char          *created,
                                         const char          *updated);
void             _apl_plan_apply        (AplPlan             *self,
                                         AplPlanField         field,
                                         const char          *value,
                                         const char          *updated);

AplOrganisation *_apl_organisation_new  (AplStore            *store,
                                         const char * const  *fields);

G_END_DECLS
