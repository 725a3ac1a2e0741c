/* apl-contact-book.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace's media and influencer contacts. The book holds no list of
 * contacts: a workspace may have 100 000 of them. Lists ask it for the ids
 * a query matches and for the objects of the rows on screen; the book
 * makes sure that one contact is one object while anybody holds it.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-contact-private.h"
#include "apl-store-private.h"

#define BOOK_KEY "apl-contact-book"

struct _AplContactBook
{
  GObject     parent_instance;

  AplStore   *store;          /* weak */
  GHashTable *live;           /* id -> AplContact, unowned */
  int         stale_months;
  /* An import runs in a worker thread on the same connection: the book's
   * own readers wait for it between batches instead of racing it. */
  GRecMutex   lock;
  GThread    *home;           /* the thread lists and widgets use */
};

G_DEFINE_FINAL_TYPE (AplContactBook, apl_contact_book, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STALE_MONTHS,
  N_PROPS
};

enum {
  CHANGED,
  CONTACT_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
apl_contact_segment_free (AplContactSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->name);
  g_free (segment->filter);
  g_free (segment);
}

/* Helpers */

static gboolean
check_store (AplContactBook  *self,
             GError         **error)
{
  if (self->store == NULL)
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                           _("The workspace is closed."));
      return FALSE;
    }
  return TRUE;
}

void
_apl_contact_book_lock (AplContactBook *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
_apl_contact_book_unlock (AplContactBook *self)
{
  g_rec_mutex_unlock (&self->lock);
}

gboolean
_apl_contact_book_is_home_thread (AplContactBook *self)
{
  return g_thread_self () == self->home;
}

void
_apl_contact_book_forget (AplContactBook *self,
                          gint64          id,
                          AplContact     *contact)
{
  if (g_hash_table_lookup (self->live, &id) == contact)
    g_hash_table_remove (self->live, &id);
}

gboolean
_apl_contact_book_write_field (AplContactBook   *self,
                               gint64            id,
                               AplContactField   field,
                               const char       *value,
                               char            **updated,
                               GError          **error)
{
  gboolean ok;

  if (!check_store (self, error))
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_write_contact_field (self->store, id, field, value, updated, error);
  _apl_contact_book_unlock (self);
  return ok;
}

/* Reads again every contact someone holds (the list's rows, an open
 * contact): an import may have merged a file's record into it. A few
 * hundred at most, one indexed read each. */
static void
refresh_live (AplContactBook *self)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  if (self->store == NULL)
    return;
  /* Held first: a notify handler may make or drop contacts. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (contacts, g_object_ref (value));

  for (guint i = 0; i < contacts->len; i++)
    {
      AplContact *contact = g_ptr_array_index (contacts, i);
      AplContactRecord record = { 0 };
      gboolean ok;

      _apl_contact_book_lock (self);
      ok = _apl_store_load_contact (self->store, apl_contact_get_id (contact), &record, NULL);
      _apl_contact_book_unlock (self);
      if (ok)
        for (guint f = 0; f < APL_CONTACT_N_FIELDS; f++)
          _apl_contact_apply_field (contact, f, record.fields[f], record.updated);
      _apl_contact_record_clear (&record);
    }
}

/* Lists re-run their query: contacts were added or restored. */
void
_apl_contact_book_changed (AplContactBook *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* After an import (contacts, or a plan file's): the lists re-run their
 * query, and the contacts already on screen show what the import merged
 * into them. Only imports overwrite existing contacts' fields behind the
 * objects' backs, so only they pay for reading them again. */
void
_apl_contact_book_imported (AplContactBook *self)
{
  refresh_live (self);
  _apl_contact_book_changed (self);
}

/* GObject */

static void
apl_contact_book_finalize (GObject *object)
{
  AplContactBook *self = APL_CONTACT_BOOK (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_hash_table_unref (self->live);
  g_rec_mutex_clear (&self->lock);
  G_OBJECT_CLASS (apl_contact_book_parent_class)->finalize (object);
}

static void
apl_contact_book_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AplContactBook *self = APL_CONTACT_BOOK (object);

  switch (prop_id)
    {
    case PROP_STALE_MONTHS:
      g_value_set_int (value, self->stale_months);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_contact_book_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AplContactBook *self = APL_CONTACT_BOOK (object);

  switch (prop_id)
    {
    case PROP_STALE_MONTHS:
      apl_contact_book_set_stale_months (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_contact_book_class_init (AplContactBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_contact_book_finalize;
  object_class->get_property = apl_contact_book_get_property;
  object_class->set_property = apl_contact_book_set_property;

  /**
   * AplContactBook:stale-months:
   *
   * How long a contact stays fresh after it was last verified.
   */
  properties[PROP_STALE_MONTHS] =
    g_param_spec_int ("stale-months", NULL, NULL, 1, 120, APL_CONTACT_DEFAULT_STALE_MONTHS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AplContactBook::changed:
   *
   * Contacts were added, restored or imported: lists run their query again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AplContactBook::contact-removed:
   * @id: the contact deleted
   */
  signals[CONTACT_REMOVED] =
    g_signal_new ("contact-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
apl_contact_book_init (AplContactBook *self)
{
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->stale_months = APL_CONTACT_DEFAULT_STALE_MONTHS;
  g_rec_mutex_init (&self->lock);
  self->home = g_thread_self ();
}

/* Public API */

/**
 * apl_contact_book_get:
 * @store: an open workspace
 *
 * The book is set up the first time it is asked for. Contacts deleted in
 * an earlier session, whose deletion can no longer be undone, are erased
 * then.
 *
 * Returns: (transfer none) (nullable): the workspace's contact book, or
 * %NULL with @error set
 */
AplContactBook *
apl_contact_book_get (AplStore  *store,
                      GError   **error)
{
  AplContactBook *self;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), BOOK_KEY);
  if (self != NULL)
    return self;

  /* While a large workspace is being checked, the window asks for the
   * book long before anything may be written: erasing last session's
   * deletions waits for the check, not the window. */
  if (!_apl_store_when_checked (store, _apl_store_purge_deleted_contacts, error))
    return NULL;

  self = g_object_new (APL_TYPE_CONTACT_BOOK, NULL);
  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  g_object_set_data_full (G_OBJECT (store), BOOK_KEY, self, g_object_unref);
  return self;
}

/**
 * _apl_contact_book_stale_cutoff_for:
 *
 * The stale cut-off of @store's book, from any thread: the default
 * period's when nobody opened the book (aplomb-tool).
 *
 * Returns: (transfer full): YYYY-MM-DD
 */
char *
_apl_contact_book_stale_cutoff_for (AplStore *store)
{
  AplContactBook *self = g_object_get_data (G_OBJECT (store), BOOK_KEY);
  int months = self != NULL ? g_atomic_int_get (&self->stale_months) : APL_CONTACT_DEFAULT_STALE_MONTHS;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) cutoff = g_date_time_add_months (now, -months);

  return g_date_time_format (cutoff, "%Y-%m-%d");
}

/**
 * apl_contact_book_get_store:
 *
 * Returns: (transfer none) (nullable): the workspace, %NULL once closed
 */
AplStore *
apl_contact_book_get_store (AplContactBook *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);
  return self->store;
}

int
apl_contact_book_get_stale_months (AplContactBook *self)
{
  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), APL_CONTACT_DEFAULT_STALE_MONTHS);
  return self->stale_months;
}

void
apl_contact_book_set_stale_months (AplContactBook *self,
                                   int             months)
{
  g_return_if_fail (APL_IS_CONTACT_BOOK (self));

  months = CLAMP (months, 1, 120);
  if (self->stale_months == months)
    return;
  self->stale_months = months;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE_MONTHS]);
  _apl_contact_book_changed (self);
}

/**
 * apl_contact_book_get_stale_cutoff:
 *
 * Returns: (transfer full): the date (YYYY-MM-DD) before which a contact's
 * last verification makes it stale
 */
char *
apl_contact_book_get_stale_cutoff (AplContactBook *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) cutoff = NULL;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  cutoff = g_date_time_add_months (now, -self->stale_months);
  return g_date_time_format (cutoff, "%Y-%m-%d");
}

/**
 * apl_contact_book_find:
 *
 * Returns: (transfer full) (nullable): the contact with that id, the same
 * object as long as someone holds it; %NULL with @error set when there is
 * no such live contact
 */
AplContact *
apl_contact_book_find (AplContactBook  *self,
                       gint64           id,
                       GError         **error)
{
  AplContactRecord record = { 0 };
  AplContact *contact;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  contact = g_hash_table_lookup (self->live, &id);
  if (contact != NULL)
    return g_object_ref (contact);

  if (!check_store (self, error))
    return NULL;

  _apl_contact_book_lock (self);
  ok = _apl_store_load_contact (self->store, id, &record, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return NULL;

  contact = _apl_contact_new (self, &record);
  _apl_contact_record_clear (&record);
  g_hash_table_insert (self->live, g_memdup2 (&id, sizeof id), contact);
  return contact;
}

/**
 * apl_contact_book_create:
 * @name: the new contact's name, not empty
 *
 * Adds a contact, verified today, and tells the lists.
 *
 * Returns: (transfer full): the new contact, or %NULL with @error set
 */
AplContact *
apl_contact_book_create (AplContactBook  *self,
                         const char      *name,
                         GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  AplContactRecord record = { 0 };
  AplContact *contact;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  if (!check_store (self, error))
    return NULL;

  _apl_contact_record_set (&record, APL_CONTACT_FIELD_NAME, name);
  record.fields[APL_CONTACT_FIELD_LAST_VERIFIED] = g_date_time_format (now, "%Y-%m-%d");
  if (!_apl_contact_record_normalize (&record, error))
    {
      _apl_contact_record_clear (&record);
      return NULL;
    }

  _apl_contact_book_lock (self);
  ok = _apl_store_insert_contact (self->store, &record, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    {
      _apl_contact_record_clear (&record);
      return NULL;
    }

  contact = _apl_contact_new (self, &record);
  g_hash_table_insert (self->live, g_memdup2 (&record.id, sizeof record.id), contact);
  _apl_contact_record_clear (&record);
  _apl_contact_book_changed (self);
  return contact;
}

/**
 * apl_contact_book_delete:
 * @n_segments: (out) (optional): how many hand-picked segments the
 *   contact was in, so the user can be told
 * @n_plans: (out) (optional): how many plans had the contact in their
 *   messages' audiences or among the contacts a plan file brought
 *
 * Deletes a contact in a way apl_contact_book_undelete() can undo until
 * the workspace is next opened.
 */
gboolean
apl_contact_book_delete (AplContactBook  *self,
                         AplContact      *contact,
                         guint           *n_segments,
                         guint           *n_plans,
                         GError         **error)
{
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  g_return_val_if_fail (APL_IS_CONTACT (contact), FALSE);

  if (!check_store (self, error))
    return FALSE;

  id = apl_contact_get_id (contact);
  _apl_contact_book_lock (self);
  ok = _apl_store_set_contact_deleted (self->store, id, TRUE, n_segments, n_plans, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return FALSE;

  g_signal_emit (self, signals[CONTACT_REMOVED], 0, id);
  return TRUE;
}

gboolean
apl_contact_book_undelete (AplContactBook  *self,
                           AplContact      *contact,
                           GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  g_return_val_if_fail (APL_IS_CONTACT (contact), FALSE);

  if (!check_store (self, error))
    return FALSE;

  _apl_contact_book_lock (self);
  ok = _apl_store_set_contact_deleted (self->store, apl_contact_get_id (contact), FALSE, NULL, NULL, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return FALSE;

  _apl_contact_book_changed (self);
  return TRUE;
}

/**
 * apl_contact_book_query:
 * @filter: (nullable): which contacts; %NULL for all but do-not-contact
 *
 * Returns: (transfer full) (element-type gint64): the ids of the matching
 * contacts in the requested order, or %NULL with @error set
 */
GArray *
apl_contact_book_query (AplContactBook          *self,
                        const AplContactFilter  *filter,
                        AplContactSort           sort,
                        gboolean                 descending,
                        GError                 **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cutoff = NULL;
  AplContactFilter none = { 0 };
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  if (!check_store (self, error))
    return NULL;

  cutoff = apl_contact_book_get_stale_cutoff (self);
  _apl_contact_book_lock (self);
  ok = _apl_store_query_contact_ids (self->store, filter ? filter : &none, cutoff, sort, descending,
                                     ids, error);
  _apl_contact_book_unlock (self);
  if (!ok)
    return NULL;
  return g_steal_pointer (&ids);
}

/* The ids (ascending) of the contacts whose words start with the typed
 * words of @search, deleted or not; %NULL with @error set on failure. */
GArray *
_apl_contact_book_match (AplContactBook  *self,
                         const char      *search,
                         GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = apl_contact_search_to_query (search);
  gboolean ok;

  if (!check_store (self, error))
    return NULL;
  if (query == NULL)
    return g_steal_pointer (&ids);
  _apl_contact_book_lock (self);
  ok = _apl_store_match_contact_ids (self->store, query, ids, error);
  _apl_contact_book_unlock (self);
  return ok ? g_steal_pointer (&ids) : NULL;
}

/* See _apl_store_contacts_stamp(); FALSE when it cannot be read. */
gboolean
_apl_contact_book_get_stamp (AplContactBook *self,
                             gint64          stamp[2])
{
  gboolean ok;

  if (self->store == NULL)
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_contacts_stamp (self->store, stamp);
  _apl_contact_book_unlock (self);
  return ok;
}

/**
 * apl_contact_book_count:
 * @filter: (nullable): which contacts
 *
 * Returns: how many contacts match, or -1 with @error set
 */
gint64
apl_contact_book_count (AplContactBook          *self,
                        const AplContactFilter  *filter,
                        GError                 **error)
{
  g_autofree char *cutoff = NULL;
  AplContactFilter none = { 0 };
  gint64 count = 0;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), -1);

  if (!check_store (self, error))
    return -1;

  cutoff = apl_contact_book_get_stale_cutoff (self);
  _apl_contact_book_lock (self);
  ok = _apl_store_count_contacts (self->store, filter ? filter : &none, cutoff, &count, error);
  _apl_contact_book_unlock (self);
  return ok ? count : -1;
}

/* Segments */

/**
 * apl_contact_book_list_segments:
 *
 * Returns: (transfer full) (element-type AplContactSegment): the segments
 * by name, or %NULL with @error set
 */
GPtrArray *
apl_contact_book_list_segments (AplContactBook  *self,
                                GError         **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_contact_segment_free);
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  if (!check_store (self, error))
    return NULL;
  _apl_contact_book_lock (self);
  ok = _apl_store_list_contact_segments (self->store, segments, error);
  _apl_contact_book_unlock (self);
  return ok ? g_steal_pointer (&segments) : NULL;
}

/**
 * apl_contact_book_find_segment:
 *
 * Returns: (transfer full) (nullable): the segment of that name (ignoring
 * case), or %NULL, with @error set when there is none
 */
AplContactSegment *
apl_contact_book_find_segment (AplContactBook  *self,
                               const char      *name,
                               GError         **error)
{
  g_autoptr(GPtrArray) segments = apl_contact_book_list_segments (self, error);

  if (segments == NULL)
    return NULL;
  for (guint i = 0; i < segments->len; i++)
    {
      AplContactSegment *segment = g_ptr_array_index (segments, i);

      if (g_ascii_strcasecmp (segment->name, name) == 0)
        return g_ptr_array_steal_index (segments, i);
    }
  g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_FOUND,
               _("There is no segment called “%s”."), name);
  return NULL;
}

/**
 * apl_contact_book_create_segment:
 * @filter: (nullable): for a filter-defined segment, its filter (its
 *   segment_id is ignored); %NULL for a hand-picked segment
 *
 * Returns: the new segment's id, or 0 with @error set
 */
gint64
apl_contact_book_create_segment (AplContactBook          *self,
                                 const char              *name,
                                 const AplContactFilter  *filter,
                                 GError                 **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *description = NULL;
  gint64 id;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), 0);

  if (!check_store (self, error))
    return 0;
  clean = g_strstrip (g_strdup (name ? name : ""));
  if (*clean == '\0')
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                           _("A segment needs a name."));
      return 0;
    }
  if (filter != NULL)
    description = apl_contact_filter_to_string (filter);

  _apl_contact_book_lock (self);
  id = _apl_store_insert_contact_segment (self->store, clean, description, error);
  _apl_contact_book_unlock (self);
  return id;
}

gboolean
apl_contact_book_delete_segment (AplContactBook  *self,
                                 gint64           segment_id,
                                 GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  if (!check_store (self, error))
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_delete_contact_segment (self->store, segment_id, error);
  _apl_contact_book_unlock (self);
  return ok;
}

gboolean
apl_contact_book_add_to_segment (AplContactBook  *self,
                                 gint64           segment_id,
                                 AplContact      *contact,
                                 GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  if (!check_store (self, error))
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_set_segment_member (self->store, segment_id, apl_contact_get_id (contact), TRUE, error);
  _apl_contact_book_unlock (self);
  return ok;
}

gboolean
apl_contact_book_remove_from_segment (AplContactBook  *self,
                                      gint64           segment_id,
                                      AplContact      *contact,
                                      GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  if (!check_store (self, error))
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_set_segment_member (self->store, segment_id, apl_contact_get_id (contact), FALSE, error);
  _apl_contact_book_unlock (self);
  return ok;
}

/**
 * apl_contact_book_segment_filter:
 *
 * Returns: (transfer full) (nullable): the filter that lists the
 * segment's contacts: its own filter, or its hand-picked members
 */
AplContactFilter *
apl_contact_book_segment_filter (AplContactBook           *self,
                                 const AplContactSegment  *segment,
                                 GError                  **error)
{
  AplContactFilter *filter;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);

  if (segment->filter == NULL)
    {
      filter = apl_contact_filter_new ();
      filter->segment_id = segment->id;
      return filter;
    }
  return apl_contact_filter_parse (segment->filter, error);
}

static char *
clean_segment_name (const char  *name,
                    GError     **error)
{
  char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (*clean == '\0')
    {
      g_free (clean);
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, _("A segment needs a name."));
      return NULL;
    }
  return clean;
}

/**
 * apl_contact_book_rename_segment:
 *
 * Renames a segment; the name must be new in the workspace (ignoring
 * case), or the segment keeps its name and @error says so.
 */
gboolean
apl_contact_book_rename_segment (AplContactBook  *self,
                                 gint64           segment_id,
                                 const char      *name,
                                 GError         **error)
{
  g_autofree char *clean = NULL;
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  if (!check_store (self, error))
    return FALSE;
  clean = clean_segment_name (name, error);
  if (clean == NULL)
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_rename_contact_segment (self->store, segment_id, clean, error);
  _apl_contact_book_unlock (self);
  return ok;
}

/**
 * apl_contact_book_segment_members:
 *
 * Returns: (transfer full) (element-type gint64): the ids of a hand-picked
 * segment's contacts (kept with a deletion, for its Undo), or %NULL with
 * @error set
 */
GArray *
apl_contact_book_segment_members (AplContactBook  *self,
                                  gint64           segment_id,
                                  GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), NULL);
  if (!check_store (self, error))
    return NULL;
  _apl_contact_book_lock (self);
  ok = _apl_store_list_segment_members (self->store, segment_id, ids, error);
  _apl_contact_book_unlock (self);
  return ok ? g_steal_pointer (&ids) : NULL;
}

/**
 * apl_contact_book_restore_segment:
 * @segment: a segment as it was before apl_contact_book_delete_segment()
 * @members: (nullable) (element-type gint64): its members then, from
 *   apl_contact_book_segment_members()
 *
 * Undoes the deletion of a segment: same id, name, filter and members.
 */
gboolean
apl_contact_book_restore_segment (AplContactBook           *self,
                                  const AplContactSegment  *segment,
                                  GArray                   *members,
                                  GError                  **error)
{
  gboolean ok;

  g_return_val_if_fail (APL_IS_CONTACT_BOOK (self), FALSE);
  g_return_val_if_fail (segment != NULL, FALSE);
  if (!check_store (self, error))
    return FALSE;
  _apl_contact_book_lock (self);
  ok = _apl_store_restore_contact_segment (self->store, segment, members, error);
  _apl_contact_book_unlock (self);
  return ok;
}
