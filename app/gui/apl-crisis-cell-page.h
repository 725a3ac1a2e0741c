/* apl-crisis-cell-page.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-crisis.h"

G_BEGIN_DECLS

#define APL_TYPE_CRISIS_CELL_PAGE (apl_crisis_cell_page_get_type ())

G_DECLARE_FINAL_TYPE (AplCrisisCellPage, apl_crisis_cell_page, APL, CRISIS_CELL_PAGE, GtkWidget)

void      apl_crisis_cell_page_set_store  (AplCrisisCellPage *self,
                                           AplStore          *store);
void      apl_crisis_cell_page_set_plan   (AplCrisisCellPage *self,
                                           AplPlan           *plan);
AplPlan  *apl_crisis_cell_page_get_plan   (AplCrisisCellPage *self);
void      apl_crisis_cell_page_show_role  (AplCrisisCellPage *self,
                                           gint64             role_id);

G_END_DECLS
