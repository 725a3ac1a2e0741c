/* apl-contact-list.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "apl-contact-book.h"

G_BEGIN_DECLS

#define APL_TYPE_CONTACT_LIST (apl_contact_list_get_type ())

G_DECLARE_FINAL_TYPE (AplContactList, apl_contact_list, APL, CONTACT_LIST, GObject)

AplContactList         *apl_contact_list_new          (AplContactBook          *book);
AplContactBook         *apl_contact_list_get_book     (AplContactList          *self);
const AplContactFilter *apl_contact_list_get_filter   (AplContactList          *self);
void                    apl_contact_list_set_filter   (AplContactList          *self,
                                                       const AplContactFilter  *filter);
void                    apl_contact_list_set_search   (AplContactList          *self,
                                                       const char              *text);
AplContactSort          apl_contact_list_get_sort     (AplContactList          *self);
gboolean                apl_contact_list_get_descending (AplContactList        *self);
void                    apl_contact_list_set_sort     (AplContactList          *self,
                                                       AplContactSort           sort,
                                                       gboolean                 descending);
gboolean                apl_contact_list_refresh      (AplContactList          *self,
                                                       GError                 **error);
gint64                  apl_contact_list_get_id       (AplContactList          *self,
                                                       guint                    position);
guint                   apl_contact_list_find         (AplContactList          *self,
                                                       gint64                   id);
GArray                 *apl_contact_list_get_ids      (AplContactList          *self);

G_END_DECLS
