/* fault-vfs.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SQLite VFS for tests only: it wraps the default "unix" VFS and, once
 * armed, makes a chosen write, sync or truncate fail, as a full or failing
 * disk would. No root needed, and the store's code is the code that ships:
 * the shim is made the default VFS before the store opens its file.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* xWrite fails with SQLITE_FULL (ENOSPC), as SQLite's unix VFS reports
   * a full disk; xSync and xTruncate keep working. */
  FAULT_DISK_FULL,
  /* Every counted operation fails with SQLITE_IOERR_* (EIO). */
  FAULT_IO_ERROR,
} FaultKind;

void   fault_vfs_install      (void);
void   fault_vfs_arm          (guint      after,
                               FaultKind  kind,
                               gboolean   persistent);
void   fault_vfs_disarm       (void);
guint  fault_vfs_get_ops      (void);
guint  fault_vfs_get_faults   (void);

G_END_DECLS
