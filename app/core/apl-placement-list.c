/* apl-placement-list.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholders on one plan's map, as a list model in register order.
 * Only this file and the register change it; views listen to items-changed.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-stakeholder-private.h"
#include "apl-store-private.h"

struct _AplPlacementList
{
  GObject     parent_instance;

  AplStore   *store;          /* weak */
  gint64      plan_id;
  GPtrArray  *placements;     /* sorted by stakeholder id */
  /* Placements of stakeholders deleted from the register, kept for Undo:
   * stakeholder id → AplPlacement. */
  GHashTable *hidden;
};

static void apl_placement_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AplPlacementList, apl_placement_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      apl_placement_list_model_init))

/* GListModel */

static GType
apl_placement_list_get_item_type (GListModel *model)
{
  return APL_TYPE_PLACEMENT;
}

static guint
apl_placement_list_get_n_items (GListModel *model)
{
  return APL_PLACEMENT_LIST (model)->placements->len;
}

static gpointer
apl_placement_list_get_item (GListModel *model,
                             guint       position)
{
  AplPlacementList *self = APL_PLACEMENT_LIST (model);

  if (position >= self->placements->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->placements, position));
}

static void
apl_placement_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = apl_placement_list_get_item_type;
  iface->get_n_items = apl_placement_list_get_n_items;
  iface->get_item = apl_placement_list_get_item;
}

/* GObject */

static void
apl_placement_list_finalize (GObject *object)
{
  AplPlacementList *self = APL_PLACEMENT_LIST (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_clear_pointer (&self->placements, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  G_OBJECT_CLASS (apl_placement_list_parent_class)->finalize (object);
}

static void
apl_placement_list_class_init (AplPlacementListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = apl_placement_list_finalize;
}

static void
apl_placement_list_init (AplPlacementList *self)
{
  self->placements = g_ptr_array_new_with_free_func (g_object_unref);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* Helpers */

static gint64
stakeholder_id (AplPlacement *placement)
{
  return apl_stakeholder_get_id (apl_placement_get_stakeholder (placement));
}

static guint
sorted_position (AplPlacementList *self,
                 gint64            id)
{
  guint low = 0, high = self->placements->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (stakeholder_id (g_ptr_array_index (self->placements, mid)) < id)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static guint
find_position (AplPlacementList *self,
               AplPlacement     *placement)
{
  guint index;

  if (g_ptr_array_find (self->placements, placement, &index))
    return index;
  return G_MAXUINT;
}

/* Internal API */

AplPlacementList *
_apl_placement_list_new (AplStore *store,
                         gint64    plan_id)
{
  AplPlacementList *self = g_object_new (APL_TYPE_PLACEMENT_LIST, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->plan_id = plan_id;
  return self;
}

/* Adds a placement read from the workspace (or restored), in its place. */
void
_apl_placement_list_take (AplPlacementList *self,
                          AplPlacement     *placement)
{
  guint position = sorted_position (self, stakeholder_id (placement));

  g_ptr_array_insert (self->placements, (int) position, placement);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
_apl_placement_list_hide (AplPlacementList *self,
                          AplStakeholder   *stakeholder)
{
  AplPlacement *placement = apl_placement_list_find (self, stakeholder);
  gint64 *key;
  guint position;

  if (placement == NULL)
    return;

  position = find_position (self, placement);
  key = g_new (gint64, 1);
  *key = apl_stakeholder_get_id (stakeholder);
  g_hash_table_insert (self->hidden, key, g_object_ref (placement));
  g_ptr_array_remove_index (self->placements, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

void
_apl_placement_list_unhide (AplPlacementList *self,
                            AplStakeholder   *stakeholder)
{
  gint64 id = apl_stakeholder_get_id (stakeholder);
  gpointer placement = NULL;
  gpointer key = NULL;

  /* Stealing hands the key over too: it is ours to free. */
  if (!g_hash_table_steal_extended (self->hidden, &id, &key, &placement))
    return;
  g_free (key);
  _apl_placement_list_take (self, placement);
}

/* Brings the list in line with what the workspace holds after a change
 * made behind its back (a plan import): @rows are the map's places, sorted
 * by stakeholder id as the store reads them; @hidden_ids the deleted
 * stakeholders that still have a place. Placements that remain are kept,
 * so that views holding them keep working, and take the new values (and
 * notify); each removal and addition is its own items-changed. */
void
_apl_placement_list_sync (AplPlacementList       *self,
                          AplStakeholderRegister *reg,
                          GArray                 *rows,
                          GArray                 *hidden_ids)
{
  g_autoptr(GHashTable) keep_hidden = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;
  guint position = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      const AplPlacementRow *row = &g_array_index (rows, AplPlacementRow, r);
      AplStakeholder *stakeholder = apl_stakeholder_register_find (reg, row->stakeholder_id);

      if (stakeholder == NULL)
        continue;

      /* Places before this one that the workspace no longer holds. */
      while (position < self->placements->len
             && stakeholder_id (g_ptr_array_index (self->placements, position)) < row->stakeholder_id)
        {
          g_ptr_array_remove_index (self->placements, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
        }

      if (position < self->placements->len
          && stakeholder_id (g_ptr_array_index (self->placements, position)) == row->stakeholder_id)
        _apl_placement_apply_row (g_ptr_array_index (self->placements, position), row);
      else
        {
          g_ptr_array_insert (self->placements, (int) position,
                              _apl_placement_new (self->store, self->plan_id, stakeholder, row));
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
        }
      position++;
    }

  if (position < self->placements->len)
    {
      guint removed = self->placements->len - position;

      g_ptr_array_remove_range (self->placements, position, removed);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
    }

  /* A hidden place the workspace dropped must not come back with an Undo. */
  for (guint i = 0; i < hidden_ids->len; i++)
    g_hash_table_add (keep_hidden, &g_array_index (hidden_ids, gint64, i));
  g_hash_table_iter_init (&iter, self->hidden);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keep_hidden, key))
      g_hash_table_iter_remove (&iter);
}

/* Public API */

gint64
apl_placement_list_get_plan_id (AplPlacementList *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT_LIST (self), 0);
  return self->plan_id;
}

/**
 * apl_placement_list_find:
 *
 * Returns: (transfer none) (nullable): where @stakeholder sits on this map
 */
AplPlacement *
apl_placement_list_find (AplPlacementList *self,
                         AplStakeholder   *stakeholder)
{
  gint64 id;
  guint position;

  g_return_val_if_fail (APL_IS_PLACEMENT_LIST (self), NULL);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (stakeholder), NULL);

  id = apl_stakeholder_get_id (stakeholder);
  position = sorted_position (self, id);
  if (position < self->placements->len
      && stakeholder_id (g_ptr_array_index (self->placements, position)) == id)
    return g_ptr_array_index (self->placements, position);
  return NULL;
}

/**
 * apl_placement_list_add:
 * @stakeholder: a stakeholder of the register, not yet on this map
 * @influence: 0 to 100
 * @interest: 0 to 100
 * @strength: 1 to 3
 *
 * Places @stakeholder on the plan's map.
 *
 * Returns: (transfer none): the placement, already in the list
 */
AplPlacement *
apl_placement_list_add (AplPlacementList  *self,
                        AplStakeholder    *stakeholder,
                        int                influence,
                        int                interest,
                        AplAttitude        attitude,
                        int                strength,
                        GError           **error)
{
  AplPlacementRow row;
  AplPlacement *placement;

  g_return_val_if_fail (APL_IS_PLACEMENT_LIST (self), NULL);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (stakeholder), NULL);

  if (!apl_placement_validate (influence, interest, attitude, strength, error))
    return NULL;
  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return NULL;
    }

  row.stakeholder_id = apl_stakeholder_get_id (stakeholder);
  row.influence = influence;
  row.interest = interest;
  row.attitude = attitude;
  row.strength = strength;
  if (!_apl_store_insert_placement (self->store, self->plan_id, &row, error))
    return NULL;

  placement = _apl_placement_new (self->store, self->plan_id, stakeholder, &row);
  _apl_placement_list_take (self, placement);
  return placement;
}

/**
 * apl_placement_list_remove:
 *
 * Takes the stakeholder off this plan's map; it stays in the register and
 * on other plans. Keep a reference to @placement to offer Undo with
 * apl_placement_list_restore().
 */
gboolean
apl_placement_list_remove (AplPlacementList  *self,
                           AplPlacement      *placement,
                           GError           **error)
{
  guint position;

  g_return_val_if_fail (APL_IS_PLACEMENT_LIST (self), FALSE);
  g_return_val_if_fail (APL_IS_PLACEMENT (placement), FALSE);

  position = find_position (self, placement);
  if (position == G_MAXUINT)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The stakeholder is no longer on this plan’s map."));
      return FALSE;
    }
  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }

  if (!_apl_store_delete_placement (self->store, self->plan_id, stakeholder_id (placement), error))
    return FALSE;

  g_ptr_array_remove_index (self->placements, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

/**
 * apl_placement_list_restore:
 *
 * Undoes apl_placement_list_remove(): the same placement comes back, where
 * it was and with the attitude it had.
 */
gboolean
apl_placement_list_restore (AplPlacementList  *self,
                            AplPlacement      *placement,
                            GError           **error)
{
  g_return_val_if_fail (APL_IS_PLACEMENT_LIST (self), FALSE);
  g_return_val_if_fail (APL_IS_PLACEMENT (placement), FALSE);
  g_return_val_if_fail (apl_placement_get_plan_id (placement) == self->plan_id, FALSE);

  if (find_position (self, placement) != G_MAXUINT)
    return TRUE;
  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }

  if (!_apl_store_insert_placement (self->store, self->plan_id, _apl_placement_get_row (placement), error))
    return FALSE;

  _apl_placement_list_take (self, g_object_ref (placement));
  return TRUE;
}
