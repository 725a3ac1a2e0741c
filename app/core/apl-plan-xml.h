/* apl-plan-xml.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-store.h"

G_BEGIN_DECLS

/* The namespace and format version this Aplomb writes; see
 * data/aplomb-plan.md for the rules that govern them. */
#define APL_PLAN_XML_NAMESPACE "https://aplomb.github.io/ns/plan/1"
#define APL_PLAN_XML_FORMAT    3

/* What an imported file may cost at most. A real plan is far below each
 * limit; a file above one is refused before it fills memory or the disk. */
#define APL_PLAN_XML_MAX_FILE_SIZE   (256 * 1024 * 1024)
#define APL_PLAN_XML_MAX_TEXT_SIZE   (1024 * 1024)
#define APL_PLAN_XML_MAX_DEPTH       64
#define APL_PLAN_XML_MAX_ELEMENTS    4000000
#define APL_PLAN_XML_MAX_ERRORS      100

#define APL_XML_ERROR (apl_xml_error_quark ())

/**
 * AplXmlError:
 * @APL_XML_ERROR_FAILED: anything not listed below
 * @APL_XML_ERROR_INVALID: the file does not follow the plan format; the
 *   message lists every problem, one `FILE:LINE: message` a line
 * @APL_XML_ERROR_NOT_PLAN: the file is XML, but not an Aplomb plan
 * @APL_XML_ERROR_TOO_NEW: the file was made by a newer Aplomb
 * @APL_XML_ERROR_UNSAFE: the file holds a document type declaration,
 *   entities or references to other files, which plan files never do
 * @APL_XML_ERROR_TOO_LARGE: the file goes beyond one of the limits above
 * @APL_XML_ERROR_ENCODING: the file is not UTF-8
 * @APL_XML_ERROR_CHARACTER: on export, a field holds a character that an
 *   XML file cannot carry
 * @APL_XML_ERROR_IO: the file could not be read or written
 *
 * Every message is meant for the person using Aplomb.
 */
typedef enum
{
  APL_XML_ERROR_FAILED,
  APL_XML_ERROR_INVALID,
  APL_XML_ERROR_NOT_PLAN,
  APL_XML_ERROR_TOO_NEW,
  APL_XML_ERROR_UNSAFE,
  APL_XML_ERROR_TOO_LARGE,
  APL_XML_ERROR_ENCODING,
  APL_XML_ERROR_CHARACTER,
  APL_XML_ERROR_IO,
} AplXmlError;

/**
 * AplPlanImportMode:
 * @APL_PLAN_IMPORT_NEW: always add a new plan, with a new id, as a copy
 * @APL_PLAN_IMPORT_REPLACE: update the plan that has the file's id, or add
 *   it with that id when the workspace does not hold it
 */
typedef enum
{
  APL_PLAN_IMPORT_NEW,
  APL_PLAN_IMPORT_REPLACE,
} AplPlanImportMode;

/**
 * AplImportAction:
 * @APL_IMPORT_CREATE: the import adds it to the workspace
 * @APL_IMPORT_MERGE: the workspace already holds it: the import reuses or
 *   updates it rather than adding a copy
 * @APL_IMPORT_REMOVE: replacing the plan removes it (a message of the plan
 *   that the file no longer holds)
 * @APL_IMPORT_SKIP: the file holds it, but the import leaves it out (an
 *   approval trail the workspace keeps its own of, or that a copy does not
 *   take)
 */
typedef enum
{
  APL_IMPORT_CREATE,
  APL_IMPORT_MERGE,
  APL_IMPORT_REMOVE,
  APL_IMPORT_SKIP,
} AplImportAction;

/**
 * AplImportPreviewItem:
 * @action: what the import would do with it
 * @kind: "plan", "group", "stakeholder", "message", "contact", "outlet",
 *   "crisis-plan" or "approval-trail"
 * @name: its name or title, as the user knows it
 */
typedef struct
{
  AplImportAction  action;
  const char      *kind;
  char            *name;
} AplImportPreviewItem;

/**
 * AplPlanProgressFunc:
 * @fraction: how much of the work is done, from 0 to 1
 * @user_data: what the caller passed
 *
 * Called now and then while a plan file is read, written or imported, in
 * the thread doing the work: with apl_plan_import_async() and
 * apl_plan_export_async() that is a worker thread, so a callback that
 * updates widgets must get to the main thread first (g_main_context_invoke()).
 * Cancelling the operation's GCancellable from the callback is allowed.
 */
typedef void (*AplPlanProgressFunc) (double    fraction,
                                     gpointer  user_data);

GQuark    apl_xml_error_quark          (void);

GBytes   *apl_plan_export_to_bytes     (AplStore           *store,
                                        AplPlan            *plan,
                                        GError            **error);
gboolean  apl_plan_export              (AplStore           *store,
                                        AplPlan            *plan,
                                        const char         *path,
                                        GError            **error);

AplPlan  *apl_plan_import              (AplStore           *store,
                                        const char         *path,
                                        AplPlanImportMode   mode,
                                        GError            **error);
AplPlan  *apl_plan_import_bytes        (AplStore           *store,
                                        GBytes             *bytes,
                                        const char         *name,
                                        AplPlanImportMode   mode,
                                        GError            **error);

GPtrArray *apl_plan_import_preview     (AplStore           *store,
                                        const char         *path,
                                        AplPlanImportMode   mode,
                                        GError            **error);
guint     apl_import_preview_count     (GPtrArray          *items,
                                        AplImportAction     action,
                                        const char         *kind);
const char *apl_import_action_to_string (AplImportAction   action);
void      apl_import_preview_item_free (AplImportPreviewItem *item);

void      apl_plan_export_async        (AplStore           *store,
                                        AplPlan            *plan,
                                        const char         *path,
                                        GCancellable       *cancellable,
                                        AplPlanProgressFunc progress,
                                        gpointer            progress_data,
                                        GDestroyNotify      progress_destroy,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean  apl_plan_export_finish       (AplStore           *store,
                                        GAsyncResult       *result,
                                        GError            **error);
void      apl_plan_import_async        (AplStore           *store,
                                        const char         *path,
                                        AplPlanImportMode   mode,
                                        GCancellable       *cancellable,
                                        AplPlanProgressFunc progress,
                                        gpointer            progress_data,
                                        GDestroyNotify      progress_destroy,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
AplPlan  *apl_plan_import_finish       (AplStore           *store,
                                        GAsyncResult       *result,
                                        GError            **error);

void      apl_plan_import_preview_async (AplStore          *store,
                                        const char         *path,
                                        AplPlanImportMode   mode,
                                        GCancellable       *cancellable,
                                        AplPlanProgressFunc progress,
                                        gpointer            progress_data,
                                        GDestroyNotify      progress_destroy,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *apl_plan_import_preview_finish (AplStore        *store,
                                        GAsyncResult       *result,
                                        GError            **error);

char     *apl_plan_file_get_id         (const char         *path,
                                        GError            **error);
gboolean  apl_plan_validate_file       (const char         *path,
                                        GPtrArray         **errors,
                                        GError            **error);
gboolean  apl_plan_validate_bytes      (GBytes             *bytes,
                                        const char         *name,
                                        GPtrArray         **errors,
                                        GError            **error);

G_END_DECLS
