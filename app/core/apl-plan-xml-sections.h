/* apl-plan-xml-sections.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-plan-record.h"
#include "apl-plan-xml-problems.h"

G_BEGIN_DECLS

void  _apl_plan_xml_check_sections (AplXmlProblems *problems,
                                    AplPlanRecord  *record);

G_END_DECLS
