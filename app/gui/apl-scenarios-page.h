/* apl-scenarios-page.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-crisis.h"

G_BEGIN_DECLS

#define APL_TYPE_SCENARIOS_PAGE (apl_scenarios_page_get_type ())

/* How long a pause in typing a prepared answer before it is saved. */
#define APL_SCENARIOS_PAGE_SAVE_DELAY_MS 300

G_DECLARE_FINAL_TYPE (AplScenariosPage, apl_scenarios_page, APL, SCENARIOS_PAGE, GtkWidget)

void         apl_scenarios_page_set_store     (AplScenariosPage *self,
                                               AplStore         *store);
void         apl_scenarios_page_set_plan      (AplScenariosPage *self,
                                               AplPlan          *plan);
AplPlan     *apl_scenarios_page_get_plan      (AplScenariosPage *self);
void         apl_scenarios_page_show_scenario (AplScenariosPage *self,
                                               gint64            scenario_id);
AplScenario *apl_scenarios_page_get_scenario  (AplScenariosPage *self);
void         apl_scenarios_page_set_level     (AplScenariosPage *self,
                                               AplLevel          level);

G_END_DECLS
