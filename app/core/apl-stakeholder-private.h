/* apl-stakeholder-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the stakeholder objects need from each other and from the store.
 * Rows travel as plain structs so that no SQLite type leaves the store.
 */

#pragma once

#include "apl-placement-list.h"
#include "apl-stakeholder-register.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *key;
  char   *name;
  int     position;
} AplGroupRow;

typedef struct
{
  gint64              id;
  char               *fields[APL_STAKEHOLDER_N_FIELDS];
  AplStakeholderKind  kind;
  gint64              group_id;
  char               *created;
  char               *updated;
} AplStakeholderRow;

typedef struct
{
  gint64      stakeholder_id;
  int         influence;
  int         interest;
  AplAttitude attitude;
  int         strength;
} AplPlacementRow;

typedef struct
{
  gint64              id;
  gint64              from_id;
  gint64              to_id;
  AplRelationshipKind kind;
} AplRelationshipRow;

/* The two non-text columns _apl_store_write_stakeholder() can write. */
#define APL_STAKEHOLDER_COLUMN_KIND  ((AplStakeholderField) APL_STAKEHOLDER_N_FIELDS)
#define APL_STAKEHOLDER_COLUMN_GROUP ((AplStakeholderField) (APL_STAKEHOLDER_N_FIELDS + 1))

void      _apl_group_row_clear        (AplGroupRow       *row);
void      _apl_stakeholder_row_clear  (AplStakeholderRow *row);

/* Objects */

AplStakeholderGroup *_apl_stakeholder_group_new   (AplStore            *store,
                                                   const AplGroupRow   *row);
void                 _apl_stakeholder_group_apply_name (AplStakeholderGroup *self,
                                                        const char          *name);
int                  _apl_stakeholder_group_get_position (AplStakeholderGroup *self);

AplStakeholder *_apl_stakeholder_new     (AplStore                *store,
                                          const AplStakeholderRow *row,
                                          AplStakeholderGroup     *group);
AplRelationship *_apl_relationship_new   (gint64                   id,
                                          AplStakeholder          *from,
                                          AplStakeholder          *to,
                                          AplRelationshipKind      kind);

AplPlacement *_apl_placement_new         (AplStore                *store,
                                          gint64                   plan_id,
                                          AplStakeholder          *stakeholder,
                                          const AplPlacementRow   *row);
const AplPlacementRow *_apl_placement_get_row (AplPlacement           *self);
void          _apl_placement_apply_row   (AplPlacement            *self,
                                          const AplPlacementRow   *row);

AplPlacementList *_apl_placement_list_new    (AplStore         *store,
                                              gint64            plan_id);
void              _apl_placement_list_take   (AplPlacementList *self,
                                              AplPlacement     *placement);
void              _apl_placement_list_hide   (AplPlacementList *self,
                                              AplStakeholder   *stakeholder);
void              _apl_placement_list_unhide (AplPlacementList *self,
                                              AplStakeholder   *stakeholder);
void              _apl_placement_list_sync   (AplPlacementList *self,
                                              AplStakeholderRegister *reg,
                                              GArray           *rows,
                                              GArray           *hidden_ids);

/* Register, for the plan import (apl-store-import.c) */

AplStakeholderRegister *_apl_stakeholder_register_peek (AplStore *store);
gboolean  _apl_stakeholder_register_reload   (AplStakeholderRegister *self,
                                              gint64            plan_id,
                                              GError          **error);

/* Store, in apl-store-stakeholders.c */

gboolean  _apl_store_load_stakeholder_groups (AplStore          *self,
                                              GArray            *rows,
                                              GError           **error);
gboolean  _apl_store_insert_stakeholder_group (AplStore         *self,
                                               const char       *name,
                                               AplGroupRow      *row,
                                               GError          **error);
gboolean  _apl_store_write_stakeholder_group_name (AplStore     *self,
                                                   gint64        id,
                                                   const char   *name,
                                                   GError      **error);
gboolean  _apl_store_delete_stakeholder_group (AplStore         *self,
                                               gint64            id,
                                               GError          **error);

gboolean  _apl_store_load_stakeholders       (AplStore          *self,
                                              GArray            *rows,
                                              GError           **error);
gboolean  _apl_store_insert_stakeholder      (AplStore          *self,
                                              const char        *name,
                                              AplStakeholderKind kind,
                                              gint64             group_id,
                                              AplStakeholderRow *row,
                                              GError           **error);
gboolean  _apl_store_write_stakeholder       (AplStore          *self,
                                              gint64             id,
                                              AplStakeholderField field,
                                              const char        *text,
                                              AplStakeholderKind kind,
                                              gint64             group_id,
                                              char             **updated,
                                              GError           **error);
gboolean  _apl_store_set_stakeholder_deleted (AplStore          *self,
                                              gint64             id,
                                              gboolean           deleted,
                                              GError           **error);
gboolean  _apl_store_purge_deleted_stakeholders (AplStore       *self,
                                                 GError        **error);
gboolean  _apl_store_list_stakeholder_plans  (AplStore          *self,
                                              gint64             stakeholder_id,
                                              GArray            *plan_ids,
                                              GError           **error);

gboolean  _apl_store_load_placements         (AplStore          *self,
                                              gint64             plan_id,
                                              GArray            *rows,
                                              GError           **error);
gboolean  _apl_store_insert_placement        (AplStore          *self,
                                              gint64             plan_id,
                                              const AplPlacementRow *row,
                                              GError           **error);
gboolean  _apl_store_write_placement         (AplStore          *self,
                                              gint64             plan_id,
                                              const AplPlacementRow *row,
                                              GError           **error);
gboolean  _apl_store_delete_placement        (AplStore          *self,
                                              gint64             plan_id,
                                              gint64             stakeholder_id,
                                              GError           **error);
gboolean  _apl_store_load_hidden_placements  (AplStore          *self,
                                              gint64             plan_id,
                                              GArray            *stakeholder_ids,
                                              GError           **error);

gboolean  _apl_store_load_relationships      (AplStore          *self,
                                              GArray            *rows,
                                              GError           **error);
gboolean  _apl_store_insert_relationship     (AplStore          *self,
                                              AplRelationshipRow *row,
                                              GError           **error);
gboolean  _apl_store_delete_relationship     (AplStore          *self,
                                              gint64             id,
                                              GError           **error);

G_END_DECLS
