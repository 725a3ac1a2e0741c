/* apl-error.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define APL_STORE_ERROR (apl_store_error_quark ())

/**
 * AplStoreError:
 * @APL_STORE_ERROR_FAILED: anything not listed below
 * @APL_STORE_ERROR_LOCKED: another process has the workspace open
 * @APL_STORE_ERROR_BUSY: the workspace stayed busy longer than the timeout
 * @APL_STORE_ERROR_CORRUPT: the workspace file is damaged
 * @APL_STORE_ERROR_NOT_WORKSPACE: the file is not an Aplomb workspace
 * @APL_STORE_ERROR_TOO_NEW: the workspace comes from a newer Aplomb
 * @APL_STORE_ERROR_DISK_FULL: the disk (or the file size limit) is full
 * @APL_STORE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @APL_STORE_ERROR_PERMISSION: the user may not open the file
 * @APL_STORE_ERROR_NOT_FOUND: the record does not exist (any more)
 * @APL_STORE_ERROR_INVALID: the value is not acceptable (empty title, bad date)
 * @APL_STORE_ERROR_IO: the operating system reported an input/output error
 *
 * Every message carried with these codes is a sentence meant for the person
 * using Aplomb, not for a developer.
 */
typedef enum
{
  APL_STORE_ERROR_FAILED,
  APL_STORE_ERROR_LOCKED,
  APL_STORE_ERROR_BUSY,
  APL_STORE_ERROR_CORRUPT,
  APL_STORE_ERROR_NOT_WORKSPACE,
  APL_STORE_ERROR_TOO_NEW,
  APL_STORE_ERROR_DISK_FULL,
  APL_STORE_ERROR_READ_ONLY,
  APL_STORE_ERROR_PERMISSION,
  APL_STORE_ERROR_NOT_FOUND,
  APL_STORE_ERROR_INVALID,
  APL_STORE_ERROR_IO,
} AplStoreError;

GQuark apl_store_error_quark (void);

G_END_DECLS
