/* apl-plan-list.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include "apl-plan-list.h"

struct _AplPlanList
{
  GObject    parent_instance;
  GPtrArray *plans;
};

static void apl_plan_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AplPlanList, apl_plan_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      apl_plan_list_model_init))

/* GListModel */

static GType
apl_plan_list_get_item_type (GListModel *model)
{
  return APL_TYPE_PLAN;
}

static guint
apl_plan_list_get_n_items (GListModel *model)
{
  return APL_PLAN_LIST (model)->plans->len;
}

static gpointer
apl_plan_list_get_item (GListModel *model,
                        guint       position)
{
  AplPlanList *self = APL_PLAN_LIST (model);

  if (position >= self->plans->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->plans, position));
}

static void
apl_plan_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = apl_plan_list_get_item_type;
  iface->get_n_items = apl_plan_list_get_n_items;
  iface->get_item = apl_plan_list_get_item;
}

/* GObject */

static void
apl_plan_list_finalize (GObject *object)
{
  AplPlanList *self = APL_PLAN_LIST (object);

  g_clear_pointer (&self->plans, g_ptr_array_unref);
  G_OBJECT_CLASS (apl_plan_list_parent_class)->finalize (object);
}

static void
apl_plan_list_class_init (AplPlanListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = apl_plan_list_finalize;
}

static void
apl_plan_list_init (AplPlanList *self)
{
  self->plans = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Internal API, for the store */

AplPlanList *
_apl_plan_list_new (void)
{
  return g_object_new (APL_TYPE_PLAN_LIST, NULL);
}

/* Plans stay in creation order, so an undone deletion puts a plan back
 * exactly where the user last saw it. */
void
_apl_plan_list_add (AplPlanList *self,
                    AplPlan     *plan)
{
  gint64 id = apl_plan_get_id (plan);
  guint pos = self->plans->len;

  while (pos > 0 && apl_plan_get_id (g_ptr_array_index (self->plans, pos - 1)) > id)
    pos--;

  g_ptr_array_insert (self->plans, pos, g_object_ref (plan));
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

gboolean
_apl_plan_list_remove (AplPlanList *self,
                       AplPlan     *plan)
{
  guint pos;

  if (!g_ptr_array_find (self->plans, plan, &pos))
    return FALSE;

  g_ptr_array_remove_index (self->plans, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  return TRUE;
}

AplPlan *
_apl_plan_list_find (AplPlanList *self,
                     gint64       id)
{
  for (guint i = 0; i < self->plans->len; i++)
    {
      AplPlan *plan = g_ptr_array_index (self->plans, i);

      if (apl_plan_get_id (plan) == id)
        return plan;
    }
  return NULL;
}

AplPlan *
_apl_plan_list_find_uuid (AplPlanList *self,
                          const char  *uuid)
{
  for (guint i = 0; i < self->plans->len; i++)
    {
      AplPlan *plan = g_ptr_array_index (self->plans, i);

      if (g_strcmp0 (apl_plan_get_uuid (plan), uuid) == 0)
        return plan;
    }
  return NULL;
}
