/* apl-contact-list.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of contacts that stays light at 100 000 rows: it keeps the
 * ordered ids of its query (search, filters, sort, all run by SQLite) and
 * makes a contact object only when a row is asked for, keeping the last
 * few it made so that scrolling back and forth does not reload them.
 *
 * Search as you type: the list also keeps the ordered ids of its query
 * without the search text (the "base"). A keystroke then costs only the
 * bare full-text lookup and a pass over the base in memory, instead of
 * reading and sorting every matching contact again (tens of thousands for
 * one typed letter). The base is dropped when the filters or the sort
 * change, and is not reused once anything in the workspace was written.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <stdlib.h>

#include "apl-contact-list.h"
#include "apl-contact-private.h"

/* Enough for a tall window's visible rows and some overscan. */
#define CACHE_SIZE 256

struct _AplContactList
{
  GObject           parent_instance;

  AplContactBook   *book;
  AplContactFilter *filter;
  AplContactSort    sort;
  gboolean          descending;
  GArray           *ids;
  /* The ids of the query without its search text, NULL when unknown;
   * valid while the workspace's stamp and the stale cut-off are these. */
  GArray           *base;
  gint64            base_stamp[2];
  char             *base_cutoff;
  /* A ring of the objects made last, so they stay alive (and identical)
   * while the view asks for them again and again. */
  AplContact       *cache[CACHE_SIZE];
  guint             cache_next;
  gulong            changed_id;
  gulong            removed_id;
};

static void apl_contact_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AplContactList, apl_contact_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, apl_contact_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GListModel */

static GType
apl_contact_list_get_item_type (GListModel *model)
{
  return APL_TYPE_CONTACT;
}

static guint
apl_contact_list_get_n_items (GListModel *model)
{
  return APL_CONTACT_LIST (model)->ids->len;
}

static gpointer
apl_contact_list_get_item (GListModel *model,
                           guint       position)
{
  AplContactList *self = APL_CONTACT_LIST (model);
  g_autoptr(GError) error = NULL;
  AplContact *contact;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  contact = apl_contact_book_find (self->book, id, &error);
  if (contact == NULL)
    {
      /* Deleted behind the list's back (by another list): the next
       * refresh drops the row; until then it is simply empty. */
      g_debug ("Contact %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      return NULL;
    }

  g_clear_object (&self->cache[self->cache_next]);
  self->cache[self->cache_next] = g_object_ref (contact);
  self->cache_next = (self->cache_next + 1) % CACHE_SIZE;
  return contact;
}

static void
apl_contact_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = apl_contact_list_get_item_type;
  iface->get_n_items = apl_contact_list_get_n_items;
  iface->get_item = apl_contact_list_get_item;
}

/* Helpers */

static void
clear_cache (AplContactList *self)
{
  for (guint i = 0; i < CACHE_SIZE; i++)
    g_clear_object (&self->cache[i]);
  self->cache_next = 0;
}

static void
book_changed_cb (AplContactBook *book,
                 AplContactList *self)
{
  g_autoptr(GError) error = NULL;

  if (!apl_contact_list_refresh (self, &error))
    g_warning ("The contact list could not be updated: %s", error->message);
}

static void
book_contact_removed_cb (AplContactBook *book,
                         gint64          id,
                         AplContactList *self)
{
  guint position = apl_contact_list_find (self, id);

  if (position == G_MAXUINT)
    return;
  g_array_remove_index (self->ids, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GObject */

static void
apl_contact_list_dispose (GObject *object)
{
  AplContactList *self = APL_CONTACT_LIST (object);

  clear_cache (self);
  if (self->book != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->book);
      g_clear_signal_handler (&self->removed_id, self->book);
      g_clear_object (&self->book);
    }
  G_OBJECT_CLASS (apl_contact_list_parent_class)->dispose (object);
}

static void
apl_contact_list_finalize (GObject *object)
{
  AplContactList *self = APL_CONTACT_LIST (object);

  g_array_unref (self->ids);
  g_clear_pointer (&self->base, g_array_unref);
  g_free (self->base_cutoff);
  apl_contact_filter_free (self->filter);
  G_OBJECT_CLASS (apl_contact_list_parent_class)->finalize (object);
}

static void
apl_contact_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AplContactList *self = APL_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_contact_list_class_init (AplContactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = apl_contact_list_dispose;
  object_class->finalize = apl_contact_list_finalize;
  object_class->get_property = apl_contact_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_contact_list_init (AplContactList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filter = apl_contact_filter_new ();
}

/* Public API */

/**
 * apl_contact_list_new:
 *
 * Returns: (transfer full): a list of the book's contacts, by name, without
 * those marked do-not-contact; it follows additions and deletions
 */
AplContactList *
apl_contact_list_new (AplContactBook *book)
{
  AplContactList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (book), NULL);

  self = g_object_new (APL_TYPE_CONTACT_LIST, NULL);
  self->book = g_object_ref (book);
  self->changed_id = g_signal_connect (book, "changed", G_CALLBACK (book_changed_cb), self);
  self->removed_id = g_signal_connect (book, "contact-removed", G_CALLBACK (book_contact_removed_cb), self);
  if (!apl_contact_list_refresh (self, &error))
    g_warning ("The contact list could not be read: %s", error->message);
  return self;
}

AplContactBook *
apl_contact_list_get_book (AplContactList *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), NULL);
  return self->book;
}

const AplContactFilter *
apl_contact_list_get_filter (AplContactList *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), NULL);
  return self->filter;
}

static void
forget_base (AplContactList *self)
{
  g_clear_pointer (&self->base, g_array_unref);
  g_clear_pointer (&self->base_cutoff, g_free);
}

static gboolean
base_is_current (AplContactList *self)
{
  g_autofree char *cutoff = NULL;
  gint64 stamp[2];

  if (self->base == NULL || !_apl_contact_book_get_stamp (self->book, stamp))
    return FALSE;
  cutoff = apl_contact_book_get_stale_cutoff (self->book);
  return stamp[0] == self->base_stamp[0] && stamp[1] == self->base_stamp[1]
         && g_strcmp0 (cutoff, self->base_cutoff) == 0;
}

/* Runs the query without its search text and keeps its ids as the base. */
static gboolean
load_base (AplContactList  *self,
           GError         **error)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_copy (self->filter);
  gint64 stamp[2];
  gboolean stamped;
  GArray *ids;

  forget_base (self);
  g_clear_pointer (&filter->search, g_free);
  /* Read before the query: a write in between makes the base look stale
   * (one query too many), never current when it is not. */
  stamped = _apl_contact_book_get_stamp (self->book, stamp);
  ids = apl_contact_book_query (self->book, filter, self->sort, self->descending, error);
  if (ids == NULL)
    return FALSE;
  self->base = ids;
  if (stamped)
    {
      self->base_stamp[0] = stamp[0];
      self->base_stamp[1] = stamp[1];
      self->base_cutoff = apl_contact_book_get_stale_cutoff (self->book);
    }
  else
    self->base_stamp[0] = self->base_stamp[1] = -1;
  return TRUE;
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids of the whole query: the base, kept in its order where the
 * full-text index matches the search text. */
static GArray *
query_ids (AplContactList  *self,
           GError         **error)
{
  g_autofree char *words = apl_contact_search_to_query (self->filter->search);
  g_autoptr(GArray) matched = NULL;
  GArray *ids;

  if (words == NULL)
    {
      if (!base_is_current (self) && !load_base (self, error))
        return NULL;
      return g_array_ref (self->base);
    }
  if (!base_is_current (self) && !load_base (self, error))
    return NULL;
  matched = _apl_contact_book_match (self->book, self->filter->search, error);
  if (matched == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (matched->len, self->base->len));
  if (matched->len > 0)
    for (guint i = 0; i < self->base->len; i++)
      {
        gint64 id = g_array_index (self->base, gint64, i);

        if (bsearch (&id, matched->data, matched->len, sizeof (gint64), compare_id) != NULL)
          g_array_append_val (ids, id);
      }
  return ids;
}

static gboolean
update (AplContactList  *self,
        GError         **error)
{
  GArray *ids;
  guint old_n;

  ids = query_ids (self, error);
  if (ids == NULL)
    return FALSE;

  old_n = self->ids->len;
  g_array_unref (self->ids);
  self->ids = ids;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, ids->len);
  if (old_n != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * apl_contact_list_refresh:
 *
 * Runs the query again and replaces the whole list (one items-changed
 * from 0). The list is left as it was when the query fails.
 */
gboolean
apl_contact_list_refresh (AplContactList  *self,
                          GError         **error)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), FALSE);

  forget_base (self);
  return update (self, error);
}

static void
update_or_warn (AplContactList *self)
{
  g_autoptr(GError) error = NULL;

  if (!update (self, &error))
    g_warning ("The contact list could not be updated: %s", error->message);
}

void
apl_contact_list_set_filter (AplContactList         *self,
                             const AplContactFilter *filter)
{
  g_return_if_fail (APL_IS_CONTACT_LIST (self));
  g_return_if_fail (filter != NULL);

  if (apl_contact_filter_equal (self->filter, filter))
    return;
  {
    /* Only the search text changed: the base stays. */
    g_autoptr(AplContactFilter) was = apl_contact_filter_copy (self->filter);
    g_autoptr(AplContactFilter) now = apl_contact_filter_copy (filter);

    g_clear_pointer (&was->search, g_free);
    g_clear_pointer (&now->search, g_free);
    if (!apl_contact_filter_equal (was, now))
      forget_base (self);
  }
  apl_contact_filter_free (self->filter);
  self->filter = apl_contact_filter_copy (filter);
  update_or_warn (self);
}

/**
 * apl_contact_list_set_search:
 * @text: (nullable): what the user typed; each word must start a word of
 *   the name, outlet, beats or e-mails
 */
void
apl_contact_list_set_search (AplContactList *self,
                             const char     *text)
{
  g_autoptr(AplContactFilter) filter = NULL;

  g_return_if_fail (APL_IS_CONTACT_LIST (self));

  filter = apl_contact_filter_copy (self->filter);
  g_free (filter->search);
  filter->search = g_strdup (text);
  apl_contact_list_set_filter (self, filter);
}

AplContactSort
apl_contact_list_get_sort (AplContactList *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), APL_CONTACT_SORT_NAME);
  return self->sort;
}

gboolean
apl_contact_list_get_descending (AplContactList *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), FALSE);
  return self->descending;
}

void
apl_contact_list_set_sort (AplContactList *self,
                           AplContactSort  sort,
                           gboolean        descending)
{
  g_return_if_fail (APL_IS_CONTACT_LIST (self));
  g_return_if_fail (sort < APL_CONTACT_N_SORTS);

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  forget_base (self);
  update_or_warn (self);
}

/**
 * apl_contact_list_get_id:
 *
 * Returns: the id of the contact at @position, without making its object;
 * 0 past the end
 */
gint64
apl_contact_list_get_id (AplContactList *self,
                         guint           position)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}

/**
 * apl_contact_list_find:
 *
 * Returns: the position of the contact, or %G_MAXUINT when it is not in
 * the list
 */
guint
apl_contact_list_find (AplContactList *self,
                       gint64          id)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/**
 * apl_contact_list_get_ids:
 *
 * Returns: (transfer none) (element-type gint64): the ids in list order
 */
GArray *
apl_contact_list_get_ids (AplContactList *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_LIST (self), NULL);
  return self->ids;
}
