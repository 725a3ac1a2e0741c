/* apl-plan-xml-problems.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlreader.h>

#include "apl-plan-xml.h"

G_BEGIN_DECLS

typedef struct _AplXmlProblem AplXmlProblem;

/* What is wrong with one plan file, collected while it is read. */
typedef struct
{
  const char       *name;          /* how messages name the file */
  GPtrArray        *list;          /* of AplXmlProblem */
  gboolean          stop;          /* nothing more is worth reading */
  gboolean          too_many;      /* stopped at APL_PLAN_XML_MAX_ERRORS */
  xmlTextReaderPtr  reader;        /* while reading, for line numbers */

  /* RELAX NG in libxml2 gives up on the rest of an element's content
   * after the first misplaced child and reports every later sibling as
   * misplaced too. Problems below this depth are echoes. */
  int               broken_depth;
} AplXmlProblems;

void      _apl_xml_problems_init           (AplXmlProblems  *self,
                                            const char      *name);
void      _apl_xml_problems_clear          (AplXmlProblems  *self);
void      _apl_xml_problems_add            (AplXmlProblems  *self,
                                            int              line,
                                            AplXmlError      code,
                                            const char      *element,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (5, 6);
void      _apl_xml_problems_take_all       (AplXmlProblems  *self,
                                            AplXmlProblems  *from);
void      _apl_xml_problems_add_fatal      (AplXmlProblems  *self,
                                            int              line,
                                            AplXmlError      code,
                                            const char      *message);
void      _apl_xml_problems_add_libxml     (AplXmlProblems  *self,
                                            xmlErrorPtr      err);
void      _apl_xml_problems_element_closed (AplXmlProblems  *self,
                                            int              depth);
gboolean  _apl_xml_problems_report         (AplXmlProblems  *self,
                                            GPtrArray       *lines,
                                            GError         **error);

int       _apl_xml_current_line            (xmlTextReaderPtr reader);
char     *_apl_xml_quote                   (const char      *value);

G_END_DECLS
