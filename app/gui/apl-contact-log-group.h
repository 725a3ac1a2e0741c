/* apl-contact-log-group.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-contact-book.h"

G_BEGIN_DECLS

#define APL_TYPE_CONTACT_LOG_GROUP (apl_contact_log_group_get_type ())

G_DECLARE_FINAL_TYPE (AplContactLogGroup, apl_contact_log_group, APL, CONTACT_LOG_GROUP, AdwPreferencesGroup)

GtkWidget *apl_contact_log_group_new          (void);
void       apl_contact_log_group_set_contact  (AplContactLogGroup *self,
                                               AplContactBook     *book,
                                               AplContact         *contact);
void       apl_contact_log_group_set_by_whom  (AplContactLogGroup *self,
                                               const char         *name);
guint      apl_contact_log_group_get_n_entries (AplContactLogGroup *self);
gboolean   apl_contact_log_group_undo_delete  (AplContactLogGroup *self,
                                               GError            **error);

G_END_DECLS
