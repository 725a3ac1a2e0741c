/* apl-plan-xml-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-plan-record.h"
#include "apl-plan-xml.h"

G_BEGIN_DECLS

/* Returned by _apl_xml_find_bad_char() for text that is not UTF-8. */
#define APL_XML_NOT_UTF8 ((gunichar) 0xFFFFFFFF)

gunichar       _apl_xml_find_bad_char   (const char  *text);

/* How much of an import's progress is reading the file; writing it to the
 * workspace is the rest. */
#define APL_PLAN_XML_READ_SHARE 0.5

AplPlanRecord *_apl_plan_xml_read_file  (const char  *path,
                                         GPtrArray   *problems,
                                         GError     **error);
AplPlanRecord *_apl_plan_xml_read_file_full (const char          *path,
                                             GPtrArray           *problems,
                                             GCancellable        *cancellable,
                                             AplPlanProgressFunc  progress,
                                             gpointer             progress_data,
                                             GError             **error);
GBytes        *_apl_plan_record_to_bytes (const AplPlanRecord  *record,
                                          const char           *title,
                                          GError              **error);
gboolean       _apl_plan_write_file     (const char  *path,
                                         GBytes      *bytes,
                                         GError     **error);

AplPlanRecord *_apl_plan_xml_read_bytes (GBytes      *bytes,
                                         const char  *name,
                                         GPtrArray   *problems,
                                         GError     **error);

G_END_DECLS
