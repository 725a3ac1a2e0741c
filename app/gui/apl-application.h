/* apl-application.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-store.h"

G_BEGIN_DECLS

#define APL_TYPE_APPLICATION (apl_application_get_type ())

G_DECLARE_FINAL_TYPE (AplApplication, apl_application, APL, APPLICATION, AdwApplication)

AplApplication *apl_application_new           (void);
AplStore       *apl_application_get_store     (AplApplication *self);
GSettings      *apl_application_get_settings  (AplApplication *self);
gboolean        apl_application_open_store    (AplApplication  *self,
                                               const char      *path,
                                               GError         **error);

G_END_DECLS
