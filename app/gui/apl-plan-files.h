/* apl-plan-files.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-window.h"

G_BEGIN_DECLS

void apl_plan_files_export        (AplWindow *window,
                                   AplPlan   *plan);
void apl_plan_files_export_to     (AplWindow  *window,
                                   AplPlan    *plan,
                                   const char *path);
void apl_plan_files_choose_import (AplWindow *window);
void apl_plan_files_import        (AplWindow *window,
                                   GFile     *file);

G_END_DECLS
