/* apl-placement-list.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-placement.h"

G_BEGIN_DECLS

#define APL_TYPE_PLACEMENT_LIST (apl_placement_list_get_type ())

G_DECLARE_FINAL_TYPE (AplPlacementList, apl_placement_list, APL, PLACEMENT_LIST, GObject)

gint64        apl_placement_list_get_plan_id (AplPlacementList  *self);
AplPlacement *apl_placement_list_find        (AplPlacementList  *self,
                                              AplStakeholder    *stakeholder);
AplPlacement *apl_placement_list_add         (AplPlacementList  *self,
                                              AplStakeholder    *stakeholder,
                                              int                influence,
                                              int                interest,
                                              AplAttitude        attitude,
                                              int                strength,
                                              GError           **error);
gboolean      apl_placement_list_remove      (AplPlacementList  *self,
                                              AplPlacement      *placement,
                                              GError           **error);
gboolean      apl_placement_list_restore     (AplPlacementList  *self,
                                              AplPlacement      *placement,
                                              GError           **error);

G_END_DECLS
