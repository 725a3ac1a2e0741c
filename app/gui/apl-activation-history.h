/* apl-activation-history.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-crisis.h"

G_BEGIN_DECLS

#define APL_TYPE_ACTIVATION_HISTORY (apl_activation_history_get_type ())

G_DECLARE_FINAL_TYPE (AplActivationHistory, apl_activation_history, APL, ACTIVATION_HISTORY, AdwWindow)

AplActivationHistory *apl_activation_history_new              (GtkWindow            *parent,
                                                               AplStore             *store,
                                                               AplScenario          *scenario);
guint                 apl_activation_history_get_n_activations (AplActivationHistory *self);

G_END_DECLS
