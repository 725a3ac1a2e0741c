/* apl-plan-xml-async.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan-file import and export off the main thread, so that a window stays
 * responsive while a large plan is read or written, with progress and
 * Cancel.
 *
 * A worker thread never touches the workspace's objects nor the store's
 * own SQLite connection: it reads and writes through a connection of its
 * own to the same workspace file (_apl_store_open_worker_connection()).
 * What the workspace's objects say is read on the main thread before the
 * worker starts, and they follow the rows the worker committed on the main
 * thread once it has finished (_apl_store_import_finish()).
 *
 * An import is two steps in worker threads: reading and checking the file,
 * then writing it in one transaction. Cancel stops the first between
 * elements, and makes the second roll back, so that a cancelled import
 * leaves the workspace exactly as it was.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-plan-xml-private.h"

typedef struct
{
  AplStore            *store;
  char                *path;
  AplPlanImportMode    mode;
  AplPlan             *plan;
  char                *title;
  AplPlanRecord       *record;
  AplConn             *conn;
  AplImportJob        *job;
  gboolean             preview;

  AplPlanProgressFunc  progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
} Operation;

static void
operation_free (Operation *op)
{
  g_clear_pointer (&op->job, _apl_import_job_free);
  g_clear_pointer (&op->conn, _apl_conn_free);
  g_clear_pointer (&op->record, _apl_plan_record_free);
  g_clear_object (&op->plan);
  g_free (op->path);
  g_free (op->title);
  if (op->progress_destroy != NULL)
    op->progress_destroy (op->progress_data);
  g_object_unref (op->store);
  g_free (op);
}

static Operation *
operation_new (AplStore            *store,
               const char          *path,
               AplPlanProgressFunc  progress,
               gpointer             progress_data,
               GDestroyNotify       progress_destroy)
{
  Operation *op = g_new0 (Operation, 1);

  op->store = g_object_ref (store);
  op->path = g_strdup (path);
  op->progress = progress;
  op->progress_data = progress_data;
  op->progress_destroy = progress_destroy;
  return op;
}

static void
report (Operation *op,
        double     fraction)
{
  if (op->progress != NULL)
    op->progress (fraction, op->progress_data);
}

/* Export */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Operation *op = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  report (op, 0.0);
  if (!_apl_store_read_plan_parts (op->conn, op->record->plan_id, op->record, &error)
      || g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  report (op, 0.5);

  bytes = _apl_plan_record_to_bytes (op->record, op->title, &error);
  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  report (op, 0.8);

  /* Written atomically: a Cancel before this leaves the target as it was. */
  if (!_apl_plan_write_file (op->path, bytes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  report (op, 1.0);
  g_task_return_boolean (task, TRUE);
}

/**
 * apl_plan_export_async:
 * @store: the workspace @plan belongs to
 * @plan: the plan to export
 * @path: the file to write
 * @cancellable: (nullable): Cancel; the target file is then left as it was
 * @progress: (nullable): called in the worker thread now and then
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data once done, on the
 *   calling thread
 *
 * Does what apl_plan_export() does, in a worker thread with a connection
 * of its own to the workspace, and writes the same bytes.
 */
void
apl_plan_export_async (AplStore            *store,
                       AplPlan             *plan,
                       const char          *path,
                       GCancellable        *cancellable,
                       AplPlanProgressFunc  progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_destroy,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AplOrganisation *organisation;
  Operation *op;
  GError *error = NULL;

  g_return_if_fail (APL_IS_STORE (store));
  g_return_if_fail (APL_IS_PLAN (plan));
  g_return_if_fail (path != NULL);

  op = operation_new (store, path, progress, progress_data, progress_destroy);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, apl_plan_export_async);
  g_task_set_task_data (task, op, (GDestroyNotify) operation_free);

  organisation = apl_store_get_organisation (store);
  if (organisation == NULL)
    {
      g_task_return_new_error (task, APL_XML_ERROR, APL_XML_ERROR_FAILED, _("The workspace is closed."));
      return;
    }

  /* What the objects hold is read here, on the main thread. */
  op->record = _apl_plan_record_new_from_plan (plan, organisation);
  op->record->plan_id = apl_plan_get_id (plan);
  op->title = g_strdup (apl_plan_get_title (plan));
  op->conn = _apl_store_open_worker_connection (store, &error);
  if (op->conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

/**
 * apl_plan_export_finish:
 *
 * Returns: whether the plan file was written
 */
gboolean
apl_plan_export_finish (AplStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == apl_plan_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Import */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Operation *op = task_data;
  AplPlanRecord *record;
  GError *error = NULL;

  report (op, 0.0);
  record = _apl_plan_xml_read_file_full (op->path, NULL, cancellable, op->progress, op->progress_data, &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A preview is worked out here too, through the worker's connection: a
   * file with thousands of contacts takes thousands of look-ups. */
  if (op->preview)
    {
      GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_import_preview_item_free);
      gboolean ok = _apl_store_preview_import_on (op->conn, record, op->mode == APL_PLAN_IMPORT_REPLACE, items,
                                                  &error);

      _apl_plan_record_free (record);
      report (op, 1.0);
      if (ok)
        g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
      else
        {
          g_ptr_array_unref (items);
          g_task_return_error (task, error);
        }
      return;
    }
  g_task_return_pointer (task, record, (GDestroyNotify) _apl_plan_record_free);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Operation *op = task_data;
  GError *error = NULL;

  if (!_apl_store_import_write (op->job, op->conn, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  Operation *op = g_task_get_task_data (outer);
  GError *error = NULL;

  /* The commit is what counts: a Cancel that came after it changes
   * nothing, and the objects must follow the rows. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  report (op, 1.0);
  g_task_return_pointer (outer, _apl_store_import_finish (op->job), g_object_unref);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  Operation *op = g_task_get_task_data (outer);
  GCancellable *cancellable = g_task_get_cancellable (outer);
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  if (op->preview)
    {
      GPtrArray *items = g_task_propagate_pointer (G_TASK (result), &error);

      if (items == NULL)
        g_task_return_error (outer, error);
      else
        g_task_return_pointer (outer, items, (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  op->record = g_task_propagate_pointer (G_TASK (result), &error);
  if (op->record == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  /* Back on the main thread: what the objects say, then the writing in a
   * worker with its own connection. */
  op->job = _apl_store_import_prepare (op->store, op->record, op->mode == APL_PLAN_IMPORT_REPLACE, &error);
  if (op->job != NULL)
    op->conn = _apl_store_open_worker_connection (op->store, &error);
  if (op->conn == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  _apl_conn_set_progress (op->conn, cancellable, op->progress, op->progress_data, APL_PLAN_XML_READ_SHARE, 1.0);

  inner = g_task_new (op->store, cancellable, write_done_cb, g_object_ref (outer));
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, op, NULL);
  g_task_run_in_thread (inner, write_thread);
}

static void
start_import (AplStore            *store,
              const char          *path,
              AplPlanImportMode    mode,
              gboolean             preview,
              GCancellable        *cancellable,
              AplPlanProgressFunc  progress,
              gpointer             progress_data,
              GDestroyNotify       progress_destroy,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             tag)
{
  Operation *op = operation_new (store, path, progress, progress_data, progress_destroy);
  GTask *outer;
  g_autoptr(GTask) inner = NULL;

  op->mode = mode;
  op->preview = preview;

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tag);
  g_task_set_check_cancellable (outer, FALSE);
  g_task_set_task_data (outer, op, (GDestroyNotify) operation_free);

  if (preview)
    {
      GError *error = NULL;

      op->conn = _apl_store_open_worker_connection (store, &error);
      if (op->conn == NULL)
        {
          g_task_return_error (outer, error);
          g_object_unref (outer);
          return;
        }
    }

  inner = g_task_new (store, cancellable, read_done_cb, outer);
  g_task_set_task_data (inner, op, NULL);
  g_task_run_in_thread (inner, read_thread);
}

/**
 * apl_plan_import_async:
 * @store: the workspace to import into
 * @path: the plan file
 * @mode: add a copy, or replace the plan with the same id
 * @cancellable: (nullable): Cancel; the workspace then stays exactly as it
 *   was
 * @progress: (nullable): called in worker threads now and then
 * @progress_data: for @progress
 * @progress_destroy: (nullable): frees @progress_data once done, on the
 *   calling thread
 *
 * Does what apl_plan_import() does, reading and writing in worker threads
 * with a connection of their own to the workspace; the workspace's objects
 * follow on the calling thread (which must be the one the store lives in)
 * before @callback is called.
 */
void
apl_plan_import_async (AplStore            *store,
                       const char          *path,
                       AplPlanImportMode    mode,
                       GCancellable        *cancellable,
                       AplPlanProgressFunc  progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_destroy,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (APL_IS_STORE (store));
  g_return_if_fail (path != NULL);

  start_import (store, path, mode, FALSE, cancellable, progress, progress_data, progress_destroy,
                callback, user_data, apl_plan_import_async);
}

/**
 * apl_plan_import_finish:
 *
 * Returns: (transfer full) (nullable): the imported plan, or %NULL with
 * @error set (%G_IO_ERROR_CANCELLED when cancelled)
 */
AplPlan *
apl_plan_import_finish (AplStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == apl_plan_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * apl_plan_import_preview_async:
 *
 * Does what apl_plan_import_preview() does, reading the file in a worker
 * thread.
 */
void
apl_plan_import_preview_async (AplStore            *store,
                               const char          *path,
                               AplPlanImportMode    mode,
                               GCancellable        *cancellable,
                               AplPlanProgressFunc  progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_destroy,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (APL_IS_STORE (store));
  g_return_if_fail (path != NULL);

  start_import (store, path, mode, TRUE, cancellable, progress, progress_data, progress_destroy,
                callback, user_data, apl_plan_import_preview_async);
}

/**
 * apl_plan_import_preview_finish:
 *
 * Returns: (transfer full) (element-type AplImportPreviewItem): as
 * apl_plan_import_preview()
 */
GPtrArray *
apl_plan_import_preview_finish (AplStore      *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == apl_plan_import_preview_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
