/* apl-stakeholder-map-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests and the benchmark count to check that the map lays
 * itself out once per change and records its drawing once per frame that
 * needs it, not once per pointer motion.
 */

#pragma once

#include "apl-stakeholder-map.h"

G_BEGIN_DECLS

/* How many times the map computed its layout for its own size. */
guint _apl_stakeholder_map_get_layout_count    (AplStakeholderMap *self);
/* How many render nodes it recorded (the whole map, or all but a dragged
 * card); frames that reuse a recorded node do not count. */
guint _apl_stakeholder_map_get_recording_count (AplStakeholderMap *self);

G_END_DECLS
