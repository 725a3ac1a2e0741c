/* apl-error.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "apl-error.h"

G_DEFINE_QUARK (apl-store-error-quark, apl_store_error)
