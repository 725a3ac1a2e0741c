/* bench-contacts.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmarks' only door to the contact book. Built with
 * BENCH_HAVE_CONTACTS when bench/meson.build finds every function used
 * here defined in the core's sources and this file compiles against the
 * contact book's headers; otherwise every figure that needs contacts says
 * "missing feature" instead of breaking the build.
 */

#include "config.h"

#include "bench-contacts.h"

#ifdef BENCH_HAVE_CONTACTS

#include "apl-contact-book.h"
#include "apl-contact-import.h"
#include "apl-contact-list.h"

/* How many rows a contact list shows at once: what the view asks the
 * model for after each keystroke. */
#define VISIBLE_ROWS 40

struct _BenchSearch
{
  AplContactBook *book;
  AplContactList *list;
};

const char *
bench_contacts_missing (void)
{
  return NULL;
}

gboolean
bench_contacts_import_csv (AplStore    *store,
                           const char  *path,
                           guint       *n_created,
                           GError     **error)
{
  AplContactBook *book;
  AplContactImportOptions options = { 0 };
  /* Filled in by the import itself, which starts it afresh (an earlier
   * apl_contact_import_report_init() here would be leaked). */
  AplContactImportReport report = { 0 };
  gboolean ok;

  book = apl_contact_book_get (store, error);
  if (book == NULL)
    return FALSE;

  options.format = APL_CONTACT_FORMAT_CSV;
  options.duplicates = APL_CONTACT_DUPLICATES_SKIP;
  ok = apl_contact_book_import_file (book, path, &options, &report, NULL, NULL, NULL, error);
  if (n_created != NULL)
    *n_created = report.created;
  apl_contact_import_report_clear (&report);
  return ok;
}

gint64
bench_contacts_segment_all (AplStore    *store,
                            const char  *name,
                            guint       *n_members,
                            GError     **error)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  g_autoptr(GArray) ids = NULL;
  AplContactSegment segment = { 0 };
  AplContactBook *book;
  gint64 id;

  book = apl_contact_book_get (store, error);
  if (book == NULL)
    return 0;
  filter->include_do_not_contact = TRUE;
  ids = apl_contact_book_query (book, filter, APL_CONTACT_SORT_NAME, FALSE, error);
  if (ids == NULL)
    return 0;

  /* The book adds members one at a time, one transaction each (about
   * 0.3 ms apiece with synchronous=FULL, plus finding each contact): its
   * only bulk path is the undo of a segment's deletion, which writes a
   * segment and all its members in one transaction. So: create, delete,
   * and restore it with every contact as its members. */
  id = apl_contact_book_create_segment (book, name, NULL, error);
  if (id <= 0)
    return 0;
  if (!apl_contact_book_delete_segment (book, id, error))
    return 0;
  segment.id = id;
  segment.name = (char *) name;
  segment.filter = NULL;
  if (!apl_contact_book_restore_segment (book, &segment, ids, error))
    return 0;
  if (n_members != NULL)
    *n_members = ids->len;
  return id;
}

gboolean
bench_contacts_delete_segment (AplStore    *store,
                               gint64       segment_id,
                               GError     **error)
{
  AplContactBook *book = apl_contact_book_get (store, error);

  return book != NULL && apl_contact_book_delete_segment (book, segment_id, error);
}

BenchSearch *
bench_search_new (AplStore  *store,
                  char     **why)
{
  BenchSearch *search;
  GError *error = NULL;
  AplContactBook *book;

  if (bench_contacts_missing () != NULL)
    {
      *why = g_strdup (bench_contacts_missing ());
      return NULL;
    }
  book = apl_contact_book_get (store, &error);
  if (book == NULL)
    {
      *why = g_strdup_printf ("the contact book could not be opened: %s", error->message);
      g_error_free (error);
      return NULL;
    }

  search = g_new0 (BenchSearch, 1);
  search->book = book; /* the store's own, not ours */
  search->list = apl_contact_list_new (book);
  if (!apl_contact_list_refresh (search->list, &error))
    {
      *why = g_strdup_printf ("the contact list could not be filled: %s", error->message);
      g_error_free (error);
      bench_search_free (search);
      return NULL;
    }
  return search;
}

const char *
bench_search_describe (BenchSearch *search)
{
  return "AplContactList (the contacts view's model): set_search + the first 40 rows";
}

gint64
bench_search_type (BenchSearch  *search,
                   const char   *text,
                   GError      **error)
{
  GListModel *model = G_LIST_MODEL (search->list);
  guint n;

  apl_contact_list_set_search (search->list, text);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < MIN (n, VISIBLE_ROWS); i++)
    {
      GObject *item = g_list_model_get_item (model, i);

      g_clear_object (&item);
    }
  return n;
}

void
bench_search_free (BenchSearch *search)
{
  if (search == NULL)
    return;
  g_clear_object (&search->list);
  g_free (search);
}

#else /* !BENCH_HAVE_CONTACTS */

const char *
bench_contacts_missing (void)
{
  return "the contact book (its import and its list model, AplContactList) is not in app/core yet, "
         "or its API differs from what bench/bench-contacts.c calls";
}

gboolean
bench_contacts_import_csv (AplStore    *store,
                           const char  *path,
                           guint       *n_created,
                           GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, bench_contacts_missing ());
  return FALSE;
}

gint64
bench_contacts_segment_all (AplStore    *store,
                            const char  *name,
                            guint       *n_members,
                            GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, bench_contacts_missing ());
  return 0;
}

gboolean
bench_contacts_delete_segment (AplStore    *store,
                               gint64       segment_id,
                               GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, bench_contacts_missing ());
  return FALSE;
}

BenchSearch *
bench_search_new (AplStore  *store,
                  char     **why)
{
  *why = g_strdup (bench_contacts_missing ());
  return NULL;
}

const char *
bench_search_describe (BenchSearch *search)
{
  return "";
}

gint64
bench_search_type (BenchSearch  *search,
                   const char   *text,
                   GError      **error)
{
  return -1;
}

void
bench_search_free (BenchSearch *search)
{
}

#endif
