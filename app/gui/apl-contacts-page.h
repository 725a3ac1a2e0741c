/* apl-contacts-page.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-contact-list.h"
#include "apl-store.h"

G_BEGIN_DECLS

#define APL_TYPE_CONTACTS_PAGE (apl_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (AplContactsPage, apl_contacts_page, APL, CONTACTS_PAGE, GtkWidget)

void            apl_contacts_page_set_store    (AplContactsPage *self,
                                                AplStore        *store);
void            apl_contacts_page_set_plan     (AplContactsPage *self,
                                                AplPlan         *plan);
AplContactList *apl_contacts_page_get_list     (AplContactsPage *self);
AplContact     *apl_contacts_page_get_selected (AplContactsPage *self);
void            apl_contacts_page_select       (AplContactsPage *self,
                                                guint            position);
GtkColumnView  *apl_contacts_page_get_column_view (AplContactsPage *self);
GtkWindow      *apl_contacts_page_import_file  (AplContactsPage *self,
                                                const char      *path);

G_END_DECLS
