/* apl-store-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What core objects (plans, the organisation) need from the store to write
 * themselves. No SQLite type appears here: only apl-store*.c see SQLite.
 */

#pragma once

#include "apl-store.h"

G_BEGIN_DECLS

/* Opens and migrates no further than @version; for migration tests. */
AplStore *apl_store_open_at_version          (const char            *path,
                                              int                    version,
                                              GError               **error);

gboolean  _apl_store_write_plan_field        (AplStore              *self,
                                              gint64                 plan_id,
                                              AplPlanField           field,
                                              const char            *value,
                                              char                 **updated_at,
                                              GError               **error);
gboolean  _apl_store_write_organisation_field (AplStore             *self,
                                               AplOrganisationField  field,
                                               const char           *value,
                                               GError              **error);

/* Housekeeping that writes (erasing what an earlier session deleted) and
 * that no caller waits for: run at once, or, while the workspace is still
 * being checked (apl_store_open_full()), queued to run once it passed and
 * before any other write. Never run on a workspace that failed. */
typedef gboolean (*AplStoreTask) (AplStore  *self,
                                  GError   **error);
gboolean  _apl_store_when_checked            (AplStore              *self,
                                              AplStoreTask           task,
                                              GError               **error);

char     *_apl_store_now                     (void);
const char *_apl_store_default_language      (void);

G_END_DECLS
