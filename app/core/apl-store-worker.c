/* apl-store-worker.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connections for plan-file import and export (apl-store-conn.h). The
 * main thread's goes through the store's own connection and statement
 * cache; a worker thread gets a connection of its own to the same file,
 * which it alone uses from the moment it is opened until it is freed. A
 * worker's transaction is BEGIN IMMEDIATE like every other write: the main
 * thread's edits wait (busy_timeout) until it commits or rolls back, and
 * read what was there before until then.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include "apl-store-conn.h"

/* How often a long write checks for Cancel and reports progress. */
#define ROWS_PER_CHECK 64

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/**
 * _apl_store_main_connection:
 *
 * Returns: (transfer full): the store's own connection, for the main
 * thread; _apl_conn_free() leaves the store's connection open.
 */
AplConn *
_apl_store_main_connection (AplStore *store)
{
  AplConn *conn = g_new0 (AplConn, 1);

  conn->store = g_object_ref (store);
  conn->db = _apl_store_get_db (store);
  return conn;
}

/**
 * _apl_store_open_worker_connection:
 *
 * Opens a connection of its own to @store's workspace, for one worker
 * thread. Call it on the main thread; from then on, only the worker uses
 * it, and frees it with _apl_conn_free().
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with
 * @error set
 */
AplConn *
_apl_store_open_worker_connection (AplStore  *store,
                                   GError   **error)
{
  sqlite3 *db = _apl_store_open_connection (store, error);
  AplConn *conn;

  if (db == NULL)
    return NULL;

  conn = g_new0 (AplConn, 1);
  conn->store = g_object_ref (store);
  conn->db = db;
  conn->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
  return conn;
}

void
_apl_conn_free (AplConn *conn)
{
  if (conn == NULL)
    return;

  if (conn->statements != NULL)
    {
      if (!sqlite3_get_autocommit (conn->db))
        sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
      g_hash_table_unref (conn->statements);
      sqlite3_close (conn->db);
    }
  g_clear_object (&conn->cancellable);
  g_object_unref (conn->store);
  g_free (conn);
}

/**
 * _apl_conn_set_progress:
 * @from: the fraction reported when nothing is written yet
 * @to: the fraction reported when every row is
 *
 * Makes the rows written through @conn check @cancellable and report
 * progress; set total_rows for the fraction to move.
 */
void
_apl_conn_set_progress (AplConn             *conn,
                        GCancellable        *cancellable,
                        AplPlanProgressFunc  progress,
                        gpointer             progress_data,
                        double               from,
                        double               to)
{
  g_set_object (&conn->cancellable, cancellable);
  conn->progress = progress;
  conn->progress_data = progress_data;
  conn->progress_from = from;
  conn->progress_to = to;
  conn->rows = 0;
}

sqlite3_stmt *
_apl_conn_prepare (AplConn     *conn,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (conn->statements == NULL)
    return _apl_store_prepare (conn->store, sql, error);

  stmt = g_hash_table_lookup (conn->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _apl_conn_set_error (conn, rc, error);
      return NULL;
    }
  /* The SQL strings are literals in the store's sources. */
  g_hash_table_insert (conn->statements, (gpointer) sql, stmt);
  return stmt;
}

void
_apl_conn_set_error (AplConn  *conn,
                     int       rc,
                     GError  **error)
{
  _apl_store_set_db_error (conn->store, conn->db, rc, error);
}

gboolean
_apl_conn_step_done (AplConn       *conn,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc;

  if (conn->statements == NULL)
    return _apl_store_step_done (conn->store, stmt, error);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _apl_conn_set_error (conn, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (AplConn     *conn,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _apl_conn_set_error (conn, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_conn_begin (AplConn  *conn,
                 GError  **error)
{
  if (conn->statements == NULL)
    return _apl_store_begin (conn->store, error);
  return exec (conn, "BEGIN IMMEDIATE", error);
}

gboolean
_apl_conn_commit (AplConn  *conn,
                  GError  **error)
{
  if (conn->statements == NULL)
    return _apl_store_commit (conn->store, error);
  if (!exec (conn, "COMMIT", error))
    {
      _apl_conn_rollback (conn);
      return FALSE;
    }
  return TRUE;
}

void
_apl_conn_rollback (AplConn *conn)
{
  if (conn->statements == NULL)
    _apl_store_rollback (conn->store);
  else if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * _apl_conn_row_done:
 *
 * Counts one row written; every few rows, fails with
 * %G_IO_ERROR_CANCELLED when the import was cancelled (the caller rolls
 * back) and reports progress.
 */
gboolean
_apl_conn_row_done (AplConn  *conn,
                    GError  **error)
{
  if (++conn->rows % ROWS_PER_CHECK != 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (conn->cancellable, error))
    return FALSE;

  if (conn->progress != NULL && conn->total_rows > 0)
    {
      double done = MIN (1.0, (double) conn->rows / (double) conn->total_rows);

      conn->progress (conn->progress_from + done * (conn->progress_to - conn->progress_from),
                      conn->progress_data);
    }
  return TRUE;
}

/* Helpers for the plan-file sections (apl-store-plan-sections*.c) */

const char *
_apl_conn_column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

void
_apl_conn_bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  sqlite3_bind_text (stmt, index, value ? value : "", -1, SQLITE_TRANSIENT);
}

/* NULL for "", as the optional columns (dates, numbers) want. */
void
_apl_conn_bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *value)
{
  if (value == NULL || *value == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

gboolean
_apl_conn_finish_rows (AplConn       *self,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_conn_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64 *
_apl_conn_new_id (gint64 id)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = id;
  return copy;
}

gboolean
_apl_conn_run_with_id (AplConn     *self,
              const char  *sql,
              gint64       plan_id,
              GError     **error)
{
  sqlite3_stmt *stmt = _apl_conn_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  return _apl_conn_step_done (self, stmt, error);
}

/* The first integer column of a one-row query bound to @id; 0 for none. */
gboolean
_apl_conn_query_int (AplConn     *self,
           const char  *sql,
           gint64       id,
           const char  *text,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = _apl_conn_prepare (self, sql, error);
  int rc;

  *value = 0;
  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    _apl_conn_bind_text (stmt, 1, text);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return _apl_conn_finish_rows (self, stmt, rc, error);
}
