/* apl-store-db.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the store's own source files, and nothing else: this is the
 * only header that names SQLite, so that a different database can take its
 * place behind the same store API.
 */

#pragma once

#include <sqlite3.h>

#include "apl-plan-list.h"
#include "apl-store-private.h"

G_BEGIN_DECLS

/* Page cache of a connection writing a large import (contacts, a plan
 * with its contacts), in KiB: the import is one transaction, and a smaller
 * cache spills its dirty pages to the WAL and reads them back. Kept well
 * under an import's 64 MiB budget. */
#define APL_STORE_IMPORT_CACHE_KIB 24576

/* Rows above which a plan import counts as large. */
#define APL_STORE_IMPORT_LARGE_ROWS 2000

sqlite3      *_apl_store_get_db          (AplStore      *self);
AplPlanList  *_apl_store_get_plan_list   (AplStore      *self);
sqlite3_stmt *_apl_store_prepare         (AplStore      *self,
                                          const char    *sql,
                                          GError       **error);
gboolean      _apl_store_begin           (AplStore      *self,
                                          GError       **error);
gboolean      _apl_store_commit          (AplStore      *self,
                                          GError       **error);
void          _apl_store_rollback        (AplStore      *self);
gboolean      _apl_store_step_done       (AplStore      *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);
void          _apl_store_set_error       (AplStore      *self,
                                          int            rc,
                                          GError       **error);
void          _apl_store_set_db_error    (AplStore      *self,
                                          sqlite3       *db,
                                          int            rc,
                                          GError       **error);
sqlite3      *_apl_store_open_connection (AplStore      *self,
                                          GError       **error);

/* Called by apl-store.c once the schema is current. */
gboolean      _apl_store_load_plans      (AplStore      *self,
                                          GError       **error);
AplOrganisation *_apl_store_load_organisation (AplStore *self,
                                               GError  **error);

G_END_DECLS
