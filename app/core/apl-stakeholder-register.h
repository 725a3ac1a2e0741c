/* apl-stakeholder-register.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-placement-list.h"
#include "apl-store.h"

G_BEGIN_DECLS

#define APL_TYPE_STAKEHOLDER_REGISTER (apl_stakeholder_register_get_type ())

G_DECLARE_FINAL_TYPE (AplStakeholderRegister, apl_stakeholder_register, APL, STAKEHOLDER_REGISTER, GObject)

AplStakeholderRegister *apl_stakeholder_register_get          (AplStore               *store,
                                                               GError                **error);

AplStakeholder      *apl_stakeholder_register_find            (AplStakeholderRegister *self,
                                                               gint64                  id);
AplStakeholder      *apl_stakeholder_register_create          (AplStakeholderRegister *self,
                                                               const char             *name,
                                                               AplStakeholderKind      kind,
                                                               AplStakeholderGroup    *group,
                                                               GError                **error);
gboolean             apl_stakeholder_register_delete          (AplStakeholderRegister *self,
                                                               AplStakeholder         *stakeholder,
                                                               GError                **error);
gboolean             apl_stakeholder_register_undelete        (AplStakeholderRegister *self,
                                                               AplStakeholder         *stakeholder,
                                                               GError                **error);
gboolean             apl_stakeholder_register_purge_deleted   (AplStakeholderRegister *self,
                                                               GError                **error);
GPtrArray           *apl_stakeholder_register_list_plans      (AplStakeholderRegister *self,
                                                               AplStakeholder         *stakeholder,
                                                               GError                **error);

GListModel          *apl_stakeholder_register_get_groups      (AplStakeholderRegister *self);
AplStakeholderGroup *apl_stakeholder_register_find_group      (AplStakeholderRegister *self,
                                                               const char             *key);
AplStakeholderGroup *apl_stakeholder_register_add_group       (AplStakeholderRegister *self,
                                                               const char             *name,
                                                               GError                **error);
gboolean             apl_stakeholder_register_remove_group    (AplStakeholderRegister *self,
                                                               AplStakeholderGroup    *group,
                                                               GError                **error);

GListModel          *apl_stakeholder_register_get_relationships (AplStakeholderRegister *self);
AplRelationship     *apl_stakeholder_register_relate          (AplStakeholderRegister *self,
                                                               AplStakeholder         *from,
                                                               AplStakeholder         *to,
                                                               AplRelationshipKind     kind,
                                                               GError                **error);
gboolean             apl_stakeholder_register_unrelate        (AplStakeholderRegister *self,
                                                               AplRelationship        *relationship,
                                                               GError                **error);

AplPlacementList    *apl_stakeholder_register_get_placements  (AplStakeholderRegister *self,
                                                               AplPlan                *plan,
                                                               GError                **error);

G_END_DECLS
