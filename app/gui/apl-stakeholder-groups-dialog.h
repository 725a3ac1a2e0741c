/* apl-stakeholder-groups-dialog.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-stakeholder-register.h"

G_BEGIN_DECLS

#define APL_TYPE_STAKEHOLDER_GROUPS_DIALOG (apl_stakeholder_groups_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AplStakeholderGroupsDialog, apl_stakeholder_groups_dialog, APL, STAKEHOLDER_GROUPS_DIALOG, AdwPreferencesWindow)

AplStakeholderGroupsDialog *apl_stakeholder_groups_dialog_new (GtkWindow              *parent,
                                                                AplStakeholderRegister *stakeholders);

G_END_DECLS
