/* apl-store-import-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between the plan import (apl-store-import.c) and the part of it that
 * writes stakeholders, messages and placeholder values
 * (apl-store-import-parts.c). No SQLite type here.
 */

#pragma once

#include "apl-plan-record.h"
#include "apl-plan-xml.h"

G_BEGIN_DECLS

/* How the parts of a file meet the workspace, worked out before anything
 * is written (and, for a preview, instead of writing). The arrays are
 * indexed like the record's. */
typedef struct
{
  gint64     *stakeholder_ids;    /* the workspace's stakeholder; 0: create it */
  gboolean   *purge_deleted;      /* a deleted stakeholder holds the file's UUID */
  gint64     *group_ids;          /* each created stakeholder's group; 0: a new one */
  int        *new_group_index;    /* then: its index in new_groups */
  GPtrArray  *new_groups;         /* names of the groups to create */
  gint64     *message_ids;        /* the plan's message with that UUID; 0: create */
  GArray     *removed_messages;   /* ids of the plan's messages the file drops */
  GPtrArray  *removed_titles;

  /* Filled while writing, for the objects to follow after the commit. */
  gint64     *new_message_ids;

  /* Format 3 (apl-store-plan-sections.c) */
  gint64     *contact_ids;        /* the workspace's contact; 0: create it */
  gboolean   *contact_purge;      /* a deleted contact holds the file's UUID */
  GPtrArray  *new_outlets;        /* the file's <outlet> nodes the workspace lacks */
  gboolean    keep_trail;         /* the file's trail is kept as a record */
  gboolean    has_local_trail;    /* the workspace has its own for the plan */
} AplImportResolution;

gboolean  _apl_import_resolve        (AplConn              *self,
                                      const AplPlanRecord  *record,
                                      gint64                plan_id,
                                      AplImportResolution  *res,
                                      GError              **error);
void      _apl_import_resolution_clear (AplImportResolution *res);

gboolean  _apl_import_write_parts    (AplConn              *self,
                                      const AplPlanRecord  *record,
                                      gint64                plan_id,
                                      gboolean              existing,
                                      AplImportResolution  *res,
                                      GError              **error);

void      _apl_import_preview_add    (GPtrArray            *items,
                                      AplImportAction       action,
                                      const char           *kind,
                                      const char           *name);
gboolean  _apl_import_resolve_sections (AplConn             *self,
                                        const AplPlanRecord *record,
                                        gint64               plan_id,
                                        gboolean             keep_id,
                                        AplImportResolution *res,
                                        GError             **error);
gboolean  _apl_import_write_sections (AplConn              *self,
                                      const AplPlanRecord  *record,
                                      gint64                plan_id,
                                      gboolean              existing,
                                      AplImportResolution  *res,
                                      GError              **error);
void      _apl_import_preview_sections (const AplPlanRecord       *record,
                                        const AplImportResolution *res,
                                        GPtrArray                 *items);
void      _apl_import_resolution_clear_sections (AplImportResolution *res);
guint64   _apl_import_count_rows     (const AplPlanRecord  *record);

void      _apl_import_preview_parts  (const AplPlanRecord  *record,
                                      const AplImportResolution *res,
                                      GPtrArray            *items);

G_END_DECLS
