/* apl-page-feedback.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-store.h"

G_BEGIN_DECLS

/* Brings back something deleted: the store's undelete function for it. */
typedef gboolean (*AplUndoFunc) (AplStore  *store,
                                 gpointer   object,
                                 GError   **error);

void apl_page_show_error  (GtkWidget    *page,
                           const GError *error);
void apl_page_mark_field  (GtkWidget    *page,
                           GtkWidget    *field,
                           const GError *error);
void apl_page_clear_list  (GtkListBox   *list);
void apl_page_offer_undo  (GtkWidget    *page,
                           AplStore     *store,
                           const char   *title,
                           gpointer      object,
                           AplUndoFunc   undo);

G_END_DECLS
