/* fault-vfs.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>

#include "fault-vfs.h"

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultFile;

static struct
{
  sqlite3_vfs *real;
  gboolean     armed;
  guint        after;
  FaultKind    kind;
  gboolean     persistent;
  guint        ops;
  guint        faults;
  int          last_errno;
} state;

static sqlite3_vfs fault_vfs;

/* Counts one write, sync or truncate; returns the error to inject, or
 * SQLITE_OK to let the real operation run. */
static int
next_op (int io_rc)
{
  guint index = state.ops++;

  if (!state.armed || index < state.after)
    return SQLITE_OK;
  if (!state.persistent && state.faults > 0)
    return SQLITE_OK;

  if (state.kind == FAULT_DISK_FULL)
    {
      /* A full disk refuses writes; syncs and truncates still work, so
       * the fault waits for the next write. */
      if (io_rc != SQLITE_IOERR_WRITE)
        return SQLITE_OK;
      state.faults++;
      state.last_errno = ENOSPC;
      errno = ENOSPC;
      return SQLITE_FULL;
    }
  state.faults++;
  state.last_errno = EIO;
  errno = EIO;
  return io_rc;
}

#define REAL(file) (((FaultFile *) (file))->real)

static int
fault_close (sqlite3_file *file)
{
  int rc = REAL (file)->pMethods->xClose (REAL (file));

  file->pMethods = NULL;
  return rc;
}

static int
fault_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buf, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  int rc = next_op (SQLITE_IOERR_WRITE);

  if (rc != SQLITE_OK)
    return rc;
  return REAL (file)->pMethods->xWrite (REAL (file), buf, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  int rc = next_op (SQLITE_IOERR_TRUNCATE);

  if (rc != SQLITE_OK)
    return rc;
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  int rc = next_op (SQLITE_IOERR_FSYNC);

  if (rc != SQLITE_OK)
    return rc;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
fault_lock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
fault_unlock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
fault_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

/* Memory-mapped reads would bypass xRead, which is fine; but mapped pages
 * must not hide writes, and SQLite never writes through the map. */
static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, page);
}

static const sqlite3_io_methods fault_io_methods = {
  3,
  fault_close,
  fault_read,
  fault_write,
  fault_truncate,
  fault_sync,
  fault_file_size,
  fault_lock,
  fault_unlock,
  fault_check_reserved_lock,
  fault_file_control,
  fault_sector_size,
  fault_device_characteristics,
  fault_shm_map,
  fault_shm_lock,
  fault_shm_barrier,
  fault_shm_unmap,
  fault_fetch,
  fault_unfetch,
};

static int
fault_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *ours = (FaultFile *) file;
  int rc;

  ours->real = (sqlite3_file *) &ours[1];
  rc = state.real->xOpen (state.real, name, ours->real, flags, out_flags);
  /* SQLite calls xClose only when pMethods is set: leave it unset when
   * the real open failed and left nothing to close. */
  file->pMethods = ours->real->pMethods != NULL ? &fault_io_methods : NULL;
  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return state.real->xDelete (state.real, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return state.real->xAccess (state.real, name, flags, out);
}

static int
fault_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return state.real->xFullPathname (state.real, name, n, out);
}

static void *
fault_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return state.real->xDlOpen (state.real, name);
}

static void
fault_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  state.real->xDlError (state.real, n, out);
}

static void (*
fault_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return state.real->xDlSym (state.real, handle, symbol);
}

static void
fault_dl_close (sqlite3_vfs *vfs, void *handle)
{
  state.real->xDlClose (state.real, handle);
}

static int
fault_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return state.real->xRandomness (state.real, n, out);
}

static int
fault_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return state.real->xSleep (state.real, microseconds);
}

static int
fault_current_time (sqlite3_vfs *vfs, double *out)
{
  return state.real->xCurrentTime (state.real, out);
}

/* What sqlite3_system_errno() reports: the errno of the injected fault,
 * so the store can tell a full disk from a failing one. */
static int
fault_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  if (state.armed && state.faults > 0)
    return state.last_errno;
  return state.real->xGetLastError (state.real, n, out);
}

static int
fault_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return state.real->xCurrentTimeInt64 (state.real, out);
}

/**
 * fault_vfs_install:
 *
 * Registers the shim as SQLite's default VFS, disarmed. Call it before the
 * first store opens; calling it again does nothing.
 */
void
fault_vfs_install (void)
{
  if (state.real != NULL)
    return;

  state.real = sqlite3_vfs_find ("unix");
  g_assert_nonnull (state.real);

  fault_vfs.iVersion = 2;
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + state.real->szOsFile;
  fault_vfs.mxPathname = state.real->mxPathname;
  fault_vfs.zName = "aplomb-fault";
  fault_vfs.xOpen = fault_open;
  fault_vfs.xDelete = fault_delete;
  fault_vfs.xAccess = fault_access;
  fault_vfs.xFullPathname = fault_full_pathname;
  fault_vfs.xDlOpen = fault_dl_open;
  fault_vfs.xDlError = fault_dl_error;
  fault_vfs.xDlSym = fault_dl_sym;
  fault_vfs.xDlClose = fault_dl_close;
  fault_vfs.xRandomness = fault_randomness;
  fault_vfs.xSleep = fault_sleep;
  fault_vfs.xCurrentTime = fault_current_time;
  fault_vfs.xGetLastError = fault_get_last_error;
  fault_vfs.xCurrentTimeInt64 = fault_current_time_int64;

  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/**
 * fault_vfs_arm:
 * @after: how many writes, syncs and truncates succeed before the first
 *   failure (0: the very next one fails)
 * @persistent: whether every later operation fails too (a disk that stays
 *   full) or only that one (a passing error)
 *
 * Also resets the counters.
 */
void
fault_vfs_arm (guint      after,
               FaultKind  kind,
               gboolean   persistent)
{
  g_assert_nonnull (state.real);
  state.armed = TRUE;
  state.after = after;
  state.kind = kind;
  state.persistent = persistent;
  state.ops = 0;
  state.faults = 0;
  state.last_errno = 0;
}

/* Stops injecting; the counters keep their values for the caller to read. */
void
fault_vfs_disarm (void)
{
  state.armed = FALSE;
}

/* Writes, syncs and truncates seen since the last arm. */
guint
fault_vfs_get_ops (void)
{
  return state.ops;
}

/* Failures injected since the last arm. */
guint
fault_vfs_get_faults (void)
{
  return state.faults;
}
