/* apl-store.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-error.h"
#include "apl-organisation.h"
#include "apl-plan.h"

G_BEGIN_DECLS

#define APL_TYPE_STORE (apl_store_get_type ())

G_DECLARE_FINAL_TYPE (AplStore, apl_store, APL, STORE, GObject)

/**
 * AplStoreCount:
 * @name: what is counted, a stable lower-case key ("plans")
 * @count: how many there are
 */
typedef struct
{
  char   *name;
  gint64  count;
} AplStoreCount;

void             apl_store_count_free             (AplStoreCount *count);

/**
 * AplStoreOpenFlags:
 * @APL_STORE_OPEN_DEFAULT: check the whole file before returning
 * @APL_STORE_OPEN_CHECK_IN_BACKGROUND: return before the check has
 *   finished; writes wait for it (see apl_store_open_full())
 */
typedef enum
{
  APL_STORE_OPEN_DEFAULT = 0,
  APL_STORE_OPEN_CHECK_IN_BACKGROUND = 1 << 0,
} AplStoreOpenFlags;

char            *apl_store_default_path           (void);
AplStore        *apl_store_open                   (const char    *path,
                                                   GError       **error);
AplStore        *apl_store_open_full              (const char    *path,
                                                   AplStoreOpenFlags flags,
                                                   GError       **error);
gboolean         apl_store_wait_for_check         (AplStore      *self,
                                                   GError       **error);
gboolean         apl_store_is_checking            (AplStore      *self);
void             apl_store_close                  (AplStore      *self);
const char      *apl_store_get_path               (AplStore      *self);
gboolean         apl_store_is_new                 (AplStore      *self);
int              apl_store_get_schema_version     (AplStore      *self);
int              apl_store_get_latest_schema_version (void);
const char      *apl_store_get_backup_path        (AplStore      *self);

GListModel      *apl_store_get_plans              (AplStore      *self);
AplPlan         *apl_store_find_plan              (AplStore      *self,
                                                   gint64         id);
AplPlan         *apl_store_find_plan_by_uuid      (AplStore      *self,
                                                   const char    *uuid);
AplPlan         *apl_store_create_plan            (AplStore      *self,
                                                   const char    *title,
                                                   GError       **error);
AplPlan         *apl_store_duplicate_plan         (AplStore      *self,
                                                   AplPlan       *plan,
                                                   const char    *title,
                                                   GError       **error);
gboolean         apl_store_delete_plan            (AplStore      *self,
                                                   AplPlan       *plan,
                                                   GError       **error);
gboolean         apl_store_undelete_plan          (AplStore      *self,
                                                   AplPlan       *plan,
                                                   GError       **error);
gboolean         apl_store_purge_deleted_plans    (AplStore      *self,
                                                   GError       **error);

AplOrganisation *apl_store_get_organisation       (AplStore      *self);

GPtrArray       *apl_store_get_counts             (AplStore      *self,
                                                   GError       **error);
GPtrArray       *apl_store_check                  (AplStore      *self,
                                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplStoreCount, apl_store_count_free)

G_END_DECLS
