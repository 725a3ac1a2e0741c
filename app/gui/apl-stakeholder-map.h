/* apl-stakeholder-map.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-placement.h"

G_BEGIN_DECLS

#define APL_TYPE_STAKEHOLDER_MAP (apl_stakeholder_map_get_type ())

G_DECLARE_FINAL_TYPE (AplStakeholderMap, apl_stakeholder_map, APL, STAKEHOLDER_MAP, GtkWidget)

/* How far one Shift+arrow key press moves a card, in points of 0-100. */
#define APL_STAKEHOLDER_MAP_KEY_STEP 5

GtkWidget    *apl_stakeholder_map_new                    (void);
GListModel   *apl_stakeholder_map_get_model              (AplStakeholderMap  *self);
void          apl_stakeholder_map_set_model              (AplStakeholderMap  *self,
                                                          GListModel         *model);
void          apl_stakeholder_map_set_relationships      (AplStakeholderMap  *self,
                                                          GListModel         *relationships);
gboolean      apl_stakeholder_map_get_show_relationships (AplStakeholderMap  *self);
void          apl_stakeholder_map_set_show_relationships (AplStakeholderMap  *self,
                                                          gboolean            show);
AplPlacement *apl_stakeholder_map_get_selected           (AplStakeholderMap  *self);
void          apl_stakeholder_map_set_selected           (AplStakeholderMap  *self,
                                                          AplPlacement       *placement);
void          apl_stakeholder_map_get_plot               (AplStakeholderMap  *self,
                                                          graphene_rect_t    *plot);
char         *apl_stakeholder_map_group_marker           (const char         *group_name);
gboolean      apl_stakeholder_map_get_card_center        (AplStakeholderMap  *self,
                                                          AplPlacement       *placement,
                                                          double             *x,
                                                          double             *y);

GskRenderNode *apl_stakeholder_map_render                (AplStakeholderMap  *self,
                                                          int                 width,
                                                          int                 height);
gboolean      apl_stakeholder_map_export_png             (AplStakeholderMap  *self,
                                                          const char         *path,
                                                          int                 width,
                                                          int                 height,
                                                          GError            **error);
gboolean      apl_stakeholder_map_export_svg             (AplStakeholderMap  *self,
                                                          const char         *path,
                                                          int                 width,
                                                          int                 height,
                                                          GError            **error);

G_END_DECLS
