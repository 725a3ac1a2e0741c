/* apl-outlet-popover.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-contact-book.h"

G_BEGIN_DECLS

#define APL_TYPE_OUTLET_POPOVER (apl_outlet_popover_get_type ())

G_DECLARE_FINAL_TYPE (AplOutletPopover, apl_outlet_popover, APL, OUTLET_POPOVER, GtkPopover)

GtkWidget *apl_outlet_popover_new        (void);
gboolean   apl_outlet_popover_set_outlet (AplOutletPopover *self,
                                          AplContactBook   *book,
                                          const char       *name);
gboolean   apl_outlet_popover_save       (AplOutletPopover *self);

G_END_DECLS
