/* apl-xml-spill.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-plan-record.h"

G_BEGIN_DECLS

/* AplXmlSpill (declared in apl-plan-record.h): the items of a large
 * plan-file section (a plan's contacts), kept serialized, in memory while
 * they are few and in a private temporary file beyond that, instead of as
 * a tree: a tree costs about 2.6 KiB a contact, so 100 000 contacts would
 * take 260 MiB. Read back one item at a time, as many times as needed. */
AplXmlSpill *_apl_xml_spill_new         (void);
void         _apl_xml_spill_free        (AplXmlSpill       *self);
gboolean     _apl_xml_spill_add         (AplXmlSpill       *self,
                                         const AplXmlNode  *item,
                                         GError           **error);
gboolean     _apl_xml_spill_close       (AplXmlSpill       *self,
                                         GError           **error);
guint        _apl_xml_spill_get_n_items (const AplXmlSpill *self);
guint        _apl_xml_spill_get_n_nodes (const AplXmlSpill *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplXmlSpill, _apl_xml_spill_free)

/* Walks the items of a section, whether they are its children or were
 * set aside in @spill: the item returned is valid until the next call. */
typedef struct
{
  const AplXmlNode *section;
  AplXmlSpill      *spill;
  guint             index;
  guint64           offset;
  GByteArray       *buffer;
  guint64           buffer_start;
  AplXmlNode       *item;
  AplXmlNode       *nodes;          /* the item's, in one block */
  guint             n_nodes;
  guint             n_used;
  guint             n_allocated;
} AplXmlItems;

void         _apl_xml_items_init        (AplXmlItems       *self,
                                         const AplXmlNode  *section,
                                         AplXmlSpill       *spill);
gboolean     _apl_xml_items_next        (AplXmlItems       *self,
                                         const AplXmlNode **item,
                                         GError           **error);
void         _apl_xml_items_clear       (AplXmlItems       *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AplXmlItems, _apl_xml_items_clear)

G_END_DECLS
