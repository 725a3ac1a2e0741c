/* apl-stakeholders-page.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-stakeholder-map.h"
#include "apl-store.h"

G_BEGIN_DECLS

#define APL_TYPE_STAKEHOLDERS_PAGE (apl_stakeholders_page_get_type ())

G_DECLARE_FINAL_TYPE (AplStakeholdersPage, apl_stakeholders_page, APL, STAKEHOLDERS_PAGE, GtkWidget)

void               apl_stakeholders_page_set_store  (AplStakeholdersPage *self,
                                                     AplStore            *store);
AplPlan           *apl_stakeholders_page_get_plan   (AplStakeholdersPage *self);
void               apl_stakeholders_page_set_plan   (AplStakeholdersPage *self,
                                                     AplPlan             *plan);
AplStakeholderMap *apl_stakeholders_page_get_map    (AplStakeholdersPage *self);
AplPlacement      *apl_stakeholders_page_get_selected (AplStakeholdersPage *self);

G_END_DECLS
