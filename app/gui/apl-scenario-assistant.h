/* apl-scenario-assistant.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-crisis.h"

G_BEGIN_DECLS

#define APL_TYPE_SCENARIO_ASSISTANT (apl_scenario_assistant_get_type ())

G_DECLARE_FINAL_TYPE (AplScenarioAssistant, apl_scenario_assistant, APL, SCENARIO_ASSISTANT, AdwMessageDialog)

AplScenarioAssistant *apl_scenario_assistant_new          (GtkWindow            *parent,
                                                           AplStore             *store);
void                  apl_scenario_assistant_set_choice   (AplScenarioAssistant *self,
                                                           AplScenarioKind       kind,
                                                           const char           *language);
AplPlan              *apl_scenario_assistant_create       (AplScenarioAssistant *self,
                                                           GError              **error);

G_END_DECLS
