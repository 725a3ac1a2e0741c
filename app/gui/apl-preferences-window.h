/* apl-preferences-window.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-organisation.h"

G_BEGIN_DECLS

#define APL_TYPE_PREFERENCES_WINDOW (apl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AplPreferencesWindow, apl_preferences_window, APL, PREFERENCES_WINDOW, AdwPreferencesWindow)

AplPreferencesWindow *apl_preferences_window_new (GSettings       *settings,
                                                  AplOrganisation *organisation);

G_END_DECLS
