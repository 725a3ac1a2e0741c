/* apl-window.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-application.h"

G_BEGIN_DECLS

#define APL_TYPE_WINDOW (apl_window_get_type ())

G_DECLARE_FINAL_TYPE (AplWindow, apl_window, APL, WINDOW, AdwApplicationWindow)

AplWindow *apl_window_new               (AplApplication *application);
AplPlan   *apl_window_get_selected_plan (AplWindow      *self);
void       apl_window_select_plan       (AplWindow      *self,
                                         AplPlan        *plan);
gboolean   apl_window_show_page         (AplWindow      *self,
                                         const char     *name);
void       apl_window_add_toast         (AplWindow      *self,
                                         AdwToast       *toast);
void       apl_window_show_error        (AplWindow      *self,
                                         const char     *message);

G_END_DECLS
