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

/* The contacts section is checked item by item as the reader streams it
 * (each item is then set aside, apl-xml-spill.h): what the checks
 * remember from one item to the next (ids, outlet names). */
typedef struct _AplContactsCheck AplContactsCheck;

AplContactsCheck *_apl_plan_xml_contacts_check_new  (void);
void              _apl_plan_xml_contacts_check_free (AplContactsCheck *check);
void              _apl_plan_xml_check_contacts_item (AplXmlProblems   *problems,
                                                     AplContactsCheck *check,
                                                     AplXmlNode       *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplContactsCheck, _apl_plan_xml_contacts_check_free)

G_END_DECLS
