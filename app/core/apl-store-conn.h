/* apl-store-conn.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection the plan-file import and export write and read through:
 * either the store's own (on the main thread, sharing its statement cache),
 * or a worker's, opened on the same workspace file for a thread of its own,
 * since one SQLite connection must never be used by two threads at once.
 * Only the store's own files include this header.
 */

#pragma once

#include "apl-contact-filter.h"
#include "apl-store-db.h"
#include "apl-plan-record.h"

G_BEGIN_DECLS

struct _AplConn
{
  AplStore            *store;          /* for error messages (its path) only */
  sqlite3             *db;
  GHashTable          *statements;     /* a worker's; NULL: the store's cache */

  /* A long import checks for Cancel and reports progress every few rows. */
  GCancellable        *cancellable;
  AplPlanProgressFunc  progress;
  gpointer             progress_data;
  double               progress_from;
  double               progress_to;
  guint64              rows;
  guint64              total_rows;
};

sqlite3_stmt *_apl_conn_prepare   (AplConn       *conn,
                                   const char    *sql,
                                   GError       **error);
gboolean      _apl_conn_step_done (AplConn       *conn,
                                   sqlite3_stmt  *stmt,
                                   GError       **error);
/* apl-store-contacts.c: the ids of the live contacts a segment's filter
 * selects, ascending, through @conn. */
gboolean      _apl_store_filter_contact_ids_on (AplConn                        *conn,
                                                const AplContactFilter         *filter,
                                                const char                     *stale_cutoff,
                                                GArray                         *ids,
                                                GError                        **error);

void          _apl_conn_set_error (AplConn       *conn,
                                   int            rc,
                                   GError       **error);
gboolean      _apl_conn_begin     (AplConn       *conn,
                                   GError       **error);
gboolean      _apl_conn_commit    (AplConn       *conn,
                                   GError       **error);
void          _apl_conn_rollback  (AplConn       *conn);
gboolean      _apl_conn_row_done  (AplConn       *conn,
                                   GError       **error);

const char   *_apl_conn_column_text    (sqlite3_stmt  *stmt,
                                        int            column);
void          _apl_conn_bind_text      (sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *value);
void          _apl_conn_bind_optional  (sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *value);
gboolean      _apl_conn_finish_rows    (AplConn       *conn,
                                        sqlite3_stmt  *stmt,
                                        int            rc,
                                        GError       **error);
gint64       *_apl_conn_new_id         (gint64         id);
gboolean      _apl_conn_run_with_id    (AplConn       *conn,
                                        const char    *sql,
                                        gint64         id,
                                        GError       **error);
gboolean      _apl_conn_query_int      (AplConn       *conn,
                                        const char    *sql,
                                        gint64         id,
                                        const char    *text,
                                        gint64        *value,
                                        GError       **error);

/* The text children of a <scenario>, in the file's order and the
 * crisis_scenarios columns' (apl-store-plan-sections.c). */
extern const char * const _apl_scenario_texts[11];

G_END_DECLS
