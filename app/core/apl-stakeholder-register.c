/* apl-stakeholder-register.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace's stakeholders, as a list model, with their groups, their
 * relationships and each plan's map of them. One register per open
 * workspace, made the first time something asks for it, so that the GUI,
 * the command line and the tests share the same objects.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-stakeholder-private.h"
#include "apl-store-private.h"

#define REGISTER_KEY "apl-stakeholder-register"

struct _AplStakeholderRegister
{
  GObject     parent_instance;

  AplStore   *store;          /* weak: the store owns the register */
  GPtrArray  *stakeholders;   /* live ones, by id */
  GHashTable *by_id;          /* id → AplStakeholder, live and deleted */
  GListStore *groups;
  GListStore *relationships;
  GHashTable *maps;           /* plan id → AplPlacementList */
};

static void apl_stakeholder_register_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AplStakeholderRegister, apl_stakeholder_register, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      apl_stakeholder_register_model_init))

/* GListModel */

static GType
apl_stakeholder_register_get_item_type (GListModel *model)
{
  return APL_TYPE_STAKEHOLDER;
}

static guint
apl_stakeholder_register_get_n_items (GListModel *model)
{
  return APL_STAKEHOLDER_REGISTER (model)->stakeholders->len;
}

static gpointer
apl_stakeholder_register_get_item (GListModel *model,
                                   guint       position)
{
  AplStakeholderRegister *self = APL_STAKEHOLDER_REGISTER (model);

  if (position >= self->stakeholders->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->stakeholders, position));
}

static void
apl_stakeholder_register_model_init (GListModelInterface *iface)
{
  iface->get_item_type = apl_stakeholder_register_get_item_type;
  iface->get_n_items = apl_stakeholder_register_get_n_items;
  iface->get_item = apl_stakeholder_register_get_item;
}

/* GObject */

static void
apl_stakeholder_register_finalize (GObject *object)
{
  AplStakeholderRegister *self = APL_STAKEHOLDER_REGISTER (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_clear_pointer (&self->stakeholders, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->maps, g_hash_table_unref);
  g_clear_object (&self->groups);
  g_clear_object (&self->relationships);
  G_OBJECT_CLASS (apl_stakeholder_register_parent_class)->finalize (object);
}

static void
apl_stakeholder_register_class_init (AplStakeholderRegisterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = apl_stakeholder_register_finalize;
}

static void
apl_stakeholder_register_init (AplStakeholderRegister *self)
{
  self->stakeholders = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->maps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->groups = g_list_store_new (APL_TYPE_STAKEHOLDER_GROUP);
  self->relationships = g_list_store_new (APL_TYPE_RELATIONSHIP);
}

/* Helpers */

static gint64 *
id_key (gint64 id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  return key;
}

static gboolean
check_store (AplStakeholderRegister  *self,
             GError                 **error)
{
  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  return TRUE;
}

static guint
sorted_position (AplStakeholderRegister *self,
                 gint64                  id)
{
  guint low = 0, high = self->stakeholders->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (apl_stakeholder_get_id (g_ptr_array_index (self->stakeholders, mid)) < id)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static AplStakeholderGroup *
group_by_id (AplStakeholderRegister *self,
             gint64                  id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (apl_stakeholder_group_get_id (group) == id)
        return group;
    }
  return NULL;
}

static gboolean
load_groups (AplStakeholderRegister  *self,
             GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AplGroupRow));

  g_array_set_clear_func (rows, (GDestroyNotify) _apl_group_row_clear);
  if (!_apl_store_load_stakeholder_groups (self->store, rows, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(AplStakeholderGroup) group =
        _apl_stakeholder_group_new (self->store, &g_array_index (rows, AplGroupRow, i));

      g_list_store_append (self->groups, group);
    }
  return TRUE;
}

static gboolean
load_stakeholders (AplStakeholderRegister  *self,
                   GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AplStakeholderRow));

  g_array_set_clear_func (rows, (GDestroyNotify) _apl_stakeholder_row_clear);
  if (!_apl_store_load_stakeholders (self->store, rows, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const AplStakeholderRow *row = &g_array_index (rows, AplStakeholderRow, i);
      AplStakeholder *stakeholder =
        _apl_stakeholder_new (self->store, row, group_by_id (self, row->group_id));

      g_ptr_array_add (self->stakeholders, stakeholder);
      g_hash_table_insert (self->by_id, id_key (row->id), g_object_ref (stakeholder));
    }
  return TRUE;
}

/* The relationships shown are those between live stakeholders; a deletion
 * or its Undo reloads them all, which is cheap and keeps them exact. */
static gboolean
load_relationships (AplStakeholderRegister  *self,
                    GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AplRelationshipRow));
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  if (!_apl_store_load_relationships (self->store, rows, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const AplRelationshipRow *row = &g_array_index (rows, AplRelationshipRow, i);
      AplStakeholder *from = apl_stakeholder_register_find (self, row->from_id);
      AplStakeholder *to = apl_stakeholder_register_find (self, row->to_id);

      if (from != NULL && to != NULL)
        g_ptr_array_add (objects, _apl_relationship_new (row->id, from, to, row->kind));
    }

  g_list_store_splice (self->relationships, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->relationships)),
                       objects->pdata, objects->len);
  return TRUE;
}

static AplStakeholderGroup *
default_group (AplStakeholderRegister *self)
{
  AplStakeholderGroup *group = apl_stakeholder_register_find_group (self, "others");

  if (group == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->groups)) > 0)
    {
      group = g_list_model_get_item (G_LIST_MODEL (self->groups), 0);
      g_object_unref (group);
    }
  return group;
}

/* Public API */

/**
 * apl_stakeholder_register_get:
 * @store: an open workspace
 *
 * The register is read the first time it is asked for. Stakeholders deleted
 * in an earlier session, whose deletion can no longer be undone, are erased
 * then.
 *
 * Returns: (transfer none) (nullable): the workspace's register, or %NULL
 * with @error set when it could not be read
 */
AplStakeholderRegister *
apl_stakeholder_register_get (AplStore  *store,
                              GError   **error)
{
  g_autoptr(AplStakeholderRegister) self = NULL;
  AplStakeholderRegister *existing;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);

  existing = g_object_get_data (G_OBJECT (store), REGISTER_KEY);
  if (existing != NULL)
    return existing;

  self = g_object_new (APL_TYPE_STAKEHOLDER_REGISTER, NULL);
  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);

  /* As the contact book does: after the workspace check, when it runs. */
  if (!_apl_store_when_checked (store, _apl_store_purge_deleted_stakeholders, error)
      || !load_groups (self, error)
      || !load_stakeholders (self, error)
      || !load_relationships (self, error))
    return NULL;

  g_object_set_data_full (G_OBJECT (store), REGISTER_KEY, g_object_ref (self), g_object_unref);
  return self;
}

/**
 * apl_stakeholder_register_find:
 *
 * Returns: (transfer none) (nullable): the live stakeholder with that id
 */
AplStakeholder *
apl_stakeholder_register_find (AplStakeholderRegister *self,
                               gint64                  id)
{
  guint position;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);

  position = sorted_position (self, id);
  if (position < self->stakeholders->len)
    {
      AplStakeholder *stakeholder = g_ptr_array_index (self->stakeholders, position);

      if (apl_stakeholder_get_id (stakeholder) == id)
        return stakeholder;
    }
  return NULL;
}

/**
 * apl_stakeholder_register_create:
 * @name: not empty
 * @group: (nullable): the group; %NULL for “Others”
 *
 * Returns: (transfer none): the new stakeholder, already in the register
 */
AplStakeholder *
apl_stakeholder_register_create (AplStakeholderRegister  *self,
                                 const char              *name,
                                 AplStakeholderKind       kind,
                                 AplStakeholderGroup     *group,
                                 GError                 **error)
{
  AplStakeholderRow row = { 0 };
  g_autofree char *clean = NULL;
  AplStakeholder *stakeholder;
  guint position;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);
  g_return_val_if_fail (group == NULL || APL_IS_STAKEHOLDER_GROUP (group), NULL);

  if (!apl_stakeholder_validate_field (APL_STAKEHOLDER_FIELD_NAME, name, error))
    return NULL;
  if (kind != APL_STAKEHOLDER_KIND_PERSON && kind != APL_STAKEHOLDER_KIND_ORGANISATION)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A stakeholder is either a person or an organisation."));
      return NULL;
    }
  if (group == NULL)
    group = default_group (self);
  if (group == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Choose a group for the stakeholder."));
      return NULL;
    }
  if (!check_store (self, error))
    return NULL;

  clean = g_strstrip (g_strdup (name));
  if (!_apl_store_insert_stakeholder (self->store, clean, kind, apl_stakeholder_group_get_id (group),
                                      &row, error))
    return NULL;

  stakeholder = _apl_stakeholder_new (self->store, &row, group);
  _apl_stakeholder_row_clear (&row);

  position = sorted_position (self, apl_stakeholder_get_id (stakeholder));
  g_ptr_array_insert (self->stakeholders, (int) position, stakeholder);
  g_hash_table_insert (self->by_id, id_key (apl_stakeholder_get_id (stakeholder)),
                       g_object_ref (stakeholder));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  return stakeholder;
}

static void
set_hidden_on_maps (AplStakeholderRegister *self,
                    AplStakeholder         *stakeholder,
                    gboolean                hidden)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->maps);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (hidden)
        _apl_placement_list_hide (value, stakeholder);
      else
        _apl_placement_list_unhide (value, stakeholder);
    }
}

/**
 * apl_stakeholder_register_delete:
 *
 * Removes the stakeholder from the register and from every map. It stays
 * in the workspace, hidden, until the next time the workspace is opened, so
 * that apl_stakeholder_register_undelete() can bring it back with its
 * places and relationships. Ask apl_stakeholder_register_list_plans()
 * first to tell the user which plans it is on.
 */
gboolean
apl_stakeholder_register_delete (AplStakeholderRegister  *self,
                                 AplStakeholder          *stakeholder,
                                 GError                 **error)
{
  guint position;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), FALSE);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (stakeholder), FALSE);

  if (!g_ptr_array_find (self->stakeholders, stakeholder, &position))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The stakeholder no longer exists."));
      return FALSE;
    }
  if (!check_store (self, error)
      || !_apl_store_set_stakeholder_deleted (self->store, apl_stakeholder_get_id (stakeholder), TRUE, error))
    return FALSE;

  g_object_ref (stakeholder);
  g_ptr_array_remove_index (self->stakeholders, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  set_hidden_on_maps (self, stakeholder, TRUE);
  g_object_unref (stakeholder);

  /* The deletion is on disk; a failed reload only leaves stale lines. */
  if (!load_relationships (self, NULL))
    g_debug ("Could not reload stakeholder relationships after a deletion");
  return TRUE;
}

/**
 * apl_stakeholder_register_undelete:
 *
 * Undoes apl_stakeholder_register_delete() in this session.
 */
gboolean
apl_stakeholder_register_undelete (AplStakeholderRegister  *self,
                                   AplStakeholder          *stakeholder,
                                   GError                 **error)
{
  guint position;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), FALSE);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (stakeholder), FALSE);

  if (g_ptr_array_find (self->stakeholders, stakeholder, NULL))
    return TRUE;
  if (!check_store (self, error)
      || !_apl_store_set_stakeholder_deleted (self->store, apl_stakeholder_get_id (stakeholder), FALSE, error))
    return FALSE;

  position = sorted_position (self, apl_stakeholder_get_id (stakeholder));
  g_ptr_array_insert (self->stakeholders, (int) position, g_object_ref (stakeholder));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  set_hidden_on_maps (self, stakeholder, FALSE);

  if (!load_relationships (self, NULL))
    g_debug ("Could not reload stakeholder relationships after an undo");
  return TRUE;
}

/**
 * apl_stakeholder_register_purge_deleted:
 *
 * Erases deleted stakeholders for good, with their places on maps and
 * their relationships. Undo is no longer possible after this.
 */
gboolean
apl_stakeholder_register_purge_deleted (AplStakeholderRegister  *self,
                                        GError                 **error)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), FALSE);

  return check_store (self, error) && _apl_store_purge_deleted_stakeholders (self->store, error);
}

/**
 * apl_stakeholder_register_list_plans:
 *
 * Returns: (transfer full) (element-type AplPlan): the plans (not deleted)
 * whose map shows @stakeholder, so that removing it can say so first; %NULL
 * with @error set when they could not be read
 */
GPtrArray *
apl_stakeholder_register_list_plans (AplStakeholderRegister  *self,
                                     AplStakeholder          *stakeholder,
                                     GError                 **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *plans;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (stakeholder), NULL);

  if (!check_store (self, error)
      || !_apl_store_list_stakeholder_plans (self->store, apl_stakeholder_get_id (stakeholder), ids, error))
    return NULL;

  plans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      AplPlan *plan = apl_store_find_plan (self->store, g_array_index (ids, gint64, i));

      if (plan != NULL)
        g_ptr_array_add (plans, g_object_ref (plan));
    }
  return plans;
}

/* Groups */

/**
 * apl_stakeholder_register_get_groups:
 *
 * Returns: (transfer none): a #GListModel of #AplStakeholderGroup, in the
 * order they are offered
 */
GListModel *
apl_stakeholder_register_get_groups (AplStakeholderRegister *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);
  return G_LIST_MODEL (self->groups);
}

/**
 * apl_stakeholder_register_find_group:
 * @key: the key of a seeded group ("media")
 *
 * Returns: (transfer none) (nullable): the group, unless the user renamed
 * or removed it
 */
AplStakeholderGroup *
apl_stakeholder_register_find_group (AplStakeholderRegister *self,
                                     const char             *key)
{
  guint n;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplStakeholderGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (g_strcmp0 (apl_stakeholder_group_get_key (group), key) == 0)
        return group;
    }
  return NULL;
}

/**
 * apl_stakeholder_register_add_group:
 *
 * Returns: (transfer none): a new group with the user's own name, at the
 * end of the list
 */
AplStakeholderGroup *
apl_stakeholder_register_add_group (AplStakeholderRegister  *self,
                                    const char              *name,
                                    GError                 **error)
{
  g_autoptr(AplStakeholderGroup) group = NULL;
  g_autofree char *clean = NULL;
  AplGroupRow row = { 0 };

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || *(clean = g_strstrip (g_strdup (name))) == '\0')
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A stakeholder group needs a name."));
      return NULL;
    }
  if (!check_store (self, error)
      || !_apl_store_insert_stakeholder_group (self->store, clean, &row, error))
    return NULL;

  group = _apl_stakeholder_group_new (self->store, &row);
  _apl_group_row_clear (&row);
  g_list_store_append (self->groups, group);
  return group;
}

/**
 * apl_stakeholder_register_remove_group:
 *
 * Removes a group no stakeholder belongs to; a group in use is refused
 * with %APL_STORE_ERROR_INVALID.
 */
gboolean
apl_stakeholder_register_remove_group (AplStakeholderRegister  *self,
                                       AplStakeholderGroup     *group,
                                       GError                 **error)
{
  guint position;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), FALSE);
  g_return_val_if_fail (APL_IS_STAKEHOLDER_GROUP (group), FALSE);

  if (!g_list_store_find (self->groups, group, &position))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The stakeholder group no longer exists."));
      return FALSE;
    }
  if (!check_store (self, error)
      || !_apl_store_delete_stakeholder_group (self->store, apl_stakeholder_group_get_id (group), error))
    return FALSE;

  g_list_store_remove (self->groups, position);
  return TRUE;
}

/* Relationships */

/**
 * apl_stakeholder_register_get_relationships:
 *
 * Returns: (transfer none): a #GListModel of #AplRelationship between live
 * stakeholders
 */
GListModel *
apl_stakeholder_register_get_relationships (AplStakeholderRegister *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);
  return G_LIST_MODEL (self->relationships);
}

/**
 * apl_stakeholder_register_relate:
 *
 * Records that @from influences, reports to or is allied with @to.
 *
 * Returns: (transfer none): the relationship, already in the list
 */
AplRelationship *
apl_stakeholder_register_relate (AplStakeholderRegister  *self,
                                 AplStakeholder          *from,
                                 AplStakeholder          *to,
                                 AplRelationshipKind      kind,
                                 GError                 **error)
{
  g_autoptr(AplRelationship) relationship = NULL;
  AplRelationshipRow row = { 0 };

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (from), NULL);
  g_return_val_if_fail (APL_IS_STAKEHOLDER (to), NULL);

  if (from == to)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A relationship needs two different stakeholders."));
      return NULL;
    }
  if (kind > APL_RELATIONSHIP_ALLIED_WITH)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A stakeholder influences, reports to or is allied with another."));
      return NULL;
    }
  if (!check_store (self, error))
    return NULL;

  row.from_id = apl_stakeholder_get_id (from);
  row.to_id = apl_stakeholder_get_id (to);
  row.kind = kind;
  if (!_apl_store_insert_relationship (self->store, &row, error))
    return NULL;

  relationship = _apl_relationship_new (row.id, from, to, kind);
  g_list_store_append (self->relationships, relationship);
  return relationship;
}

gboolean
apl_stakeholder_register_unrelate (AplStakeholderRegister  *self,
                                   AplRelationship         *relationship,
                                   GError                 **error)
{
  guint position;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), FALSE);
  g_return_val_if_fail (APL_IS_RELATIONSHIP (relationship), FALSE);

  if (!g_list_store_find (self->relationships, relationship, &position))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
                   _("The relationship no longer exists."));
      return FALSE;
    }
  if (!check_store (self, error)
      || !_apl_store_delete_relationship (self->store, apl_relationship_get_id (relationship), error))
    return FALSE;

  g_list_store_remove (self->relationships, position);
  return TRUE;
}

/* Refresh after a plan import */

/* Adds the groups the workspace holds and the register does not, where
 * the workspace orders them (position, then id). */
static gboolean
reload_groups (AplStakeholderRegister  *self,
               GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AplGroupRow));

  g_array_set_clear_func (rows, (GDestroyNotify) _apl_group_row_clear);
  if (!_apl_store_load_stakeholder_groups (self->store, rows, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const AplGroupRow *row = &g_array_index (rows, AplGroupRow, i);
      g_autoptr(AplStakeholderGroup) group = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
      guint position;

      if (group_by_id (self, row->id) != NULL)
        continue;

      for (position = 0; position < n; position++)
        {
          g_autoptr(AplStakeholderGroup) other = g_list_model_get_item (G_LIST_MODEL (self->groups), position);
          int other_position = _apl_stakeholder_group_get_position (other);

          if (other_position > row->position
              || (other_position == row->position && apl_stakeholder_group_get_id (other) > row->id))
            break;
        }
      group = _apl_stakeholder_group_new (self->store, row);
      g_list_store_insert (self->groups, position, group);
    }
  return TRUE;
}

/* Adds the live stakeholders the register does not hold yet, each at its
 * place in id order. */
static gboolean
reload_stakeholders (AplStakeholderRegister  *self,
                     GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AplStakeholderRow));

  g_array_set_clear_func (rows, (GDestroyNotify) _apl_stakeholder_row_clear);
  if (!_apl_store_load_stakeholders (self->store, rows, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const AplStakeholderRow *row = &g_array_index (rows, AplStakeholderRow, i);
      AplStakeholder *stakeholder;
      guint position;

      if (apl_stakeholder_register_find (self, row->id) != NULL)
        continue;

      /* Ids are reused: a stakeholder deleted in this session and erased
       * by the import may have left its id to a new one, which is not the
       * same stakeholder and gets an object of its own. */
      stakeholder = _apl_stakeholder_new (self->store, row, group_by_id (self, row->group_id));
      g_hash_table_insert (self->by_id, id_key (row->id), g_object_ref (stakeholder));

      position = sorted_position (self, row->id);
      g_ptr_array_insert (self->stakeholders, (int) position, stakeholder);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  return TRUE;
}

static gboolean
reload_map (AplStakeholderRegister  *self,
            AplPlacementList        *list,
            GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (AplPlacementRow));
  g_autoptr(GArray) hidden = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 plan_id = apl_placement_list_get_plan_id (list);

  if (!_apl_store_load_placements (self->store, plan_id, rows, error)
      || !_apl_store_load_hidden_placements (self->store, plan_id, hidden, error))
    return FALSE;

  _apl_placement_list_sync (list, self, rows, hidden);
  return TRUE;
}

/**
 * _apl_stakeholder_register_peek:
 *
 * Returns: (transfer none) (nullable): the workspace's register if
 * something has loaded it, without loading it
 */
AplStakeholderRegister *
_apl_stakeholder_register_peek (AplStore *store)
{
  return g_object_get_data (G_OBJECT (store), REGISTER_KEY);
}

/**
 * _apl_stakeholder_register_reload:
 * @plan_id: the plan whose map (if one is loaded) follows the workspace;
 *   0 for every loaded map
 *
 * Brings the register in line with the workspace after a change written
 * without it (a plan import, in one transaction of its own): groups and
 * stakeholders it does not hold yet are added (items-changed where they
 * sort), the relationships are read again, and @plan_id's map gains,
 * loses and moves its places. Objects that still exist are kept: views
 * hold them. A stakeholder is never removed here; an import does not
 * remove any.
 */
gboolean
_apl_stakeholder_register_reload (AplStakeholderRegister  *self,
                                  gint64                   plan_id,
                                  GError                 **error)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), FALSE);

  if (!check_store (self, error)
      || !reload_groups (self, error)
      || !reload_stakeholders (self, error)
      || !load_relationships (self, error))
    return FALSE;

  if (plan_id != 0)
    {
      AplPlacementList *list = g_hash_table_lookup (self->maps, &plan_id);

      return list == NULL || reload_map (self, list, error);
    }
  else
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->maps);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (!reload_map (self, value, error))
          return FALSE;
    }
  return TRUE;
}

/* Maps */

/**
 * apl_stakeholder_register_get_placements:
 * @plan: a plan of the same workspace
 *
 * Returns: (transfer none) (nullable): the stakeholders on @plan's map, or
 * %NULL with @error set when they could not be read
 */
AplPlacementList *
apl_stakeholder_register_get_placements (AplStakeholderRegister  *self,
                                         AplPlan                 *plan,
                                         GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (AplPlacementRow));
  g_autoptr(AplPlacementList) list = NULL;
  gint64 plan_id;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_REGISTER (self), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  plan_id = apl_plan_get_id (plan);
  list = g_hash_table_lookup (self->maps, &plan_id);
  if (list != NULL)
    return g_steal_pointer (&list);

  if (!check_store (self, error) || !_apl_store_load_placements (self->store, plan_id, rows, error))
    return NULL;

  list = _apl_placement_list_new (self->store, plan_id);
  for (guint i = 0; i < rows->len; i++)
    {
      const AplPlacementRow *row = &g_array_index (rows, AplPlacementRow, i);
      AplStakeholder *stakeholder = apl_stakeholder_register_find (self, row->stakeholder_id);

      if (stakeholder != NULL)
        _apl_placement_list_take (list, _apl_placement_new (self->store, plan_id, stakeholder, row));
    }

  g_hash_table_insert (self->maps, id_key (plan_id), g_object_ref (list));
  return list;
}
