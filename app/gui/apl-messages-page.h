/* apl-messages-page.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-messages.h"

G_BEGIN_DECLS

#define APL_TYPE_MESSAGES_PAGE (apl_messages_page_get_type ())

G_DECLARE_FINAL_TYPE (AplMessagesPage, apl_messages_page, APL, MESSAGES_PAGE, GtkWidget)

void        apl_messages_page_set_store       (AplMessagesPage *self,
                                               AplStore        *store);
void        apl_messages_page_set_plan        (AplMessagesPage *self,
                                               AplPlan         *plan);
AplPlan    *apl_messages_page_get_plan        (AplMessagesPage *self);
void        apl_messages_page_select_message  (AplMessagesPage *self,
                                               AplMessage      *message);
AplMessage *apl_messages_page_get_selected_message (AplMessagesPage *self);

G_END_DECLS
