/* apl-sample-plan.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-store.h"

G_BEGIN_DECLS

AplPlan *apl_sample_plan_create (AplStore  *store,
                                 GError   **error);

G_END_DECLS
