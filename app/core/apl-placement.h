/* apl-placement.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-stakeholder.h"

G_BEGIN_DECLS

/**
 * AplAttitude:
 *
 * Where a stakeholder stands towards the organisation, from against to for;
 * the order is the order of a scale, so sorting by it makes sense.
 */
typedef enum
{
  APL_ATTITUDE_CRITIC,
  APL_ATTITUDE_NEUTRAL,
  APL_ATTITUDE_SUPPORTER,
} AplAttitude;

/**
 * AplQuadrant:
 * @APL_QUADRANT_MANAGE_CLOSELY: high influence, high interest
 * @APL_QUADRANT_KEEP_SATISFIED: high influence, low interest
 * @APL_QUADRANT_KEEP_INFORMED: low influence, high interest
 * @APL_QUADRANT_MONITOR: low influence, low interest
 *
 * The four cells of Mendelow's power/interest grid, in the order of the
 * attention they call for.
 */
typedef enum
{
  APL_QUADRANT_MANAGE_CLOSELY,
  APL_QUADRANT_KEEP_SATISFIED,
  APL_QUADRANT_KEEP_INFORMED,
  APL_QUADRANT_MONITOR,
} AplQuadrant;

/* A value at or above this is "high": 50 itself belongs to the high side. */
#define APL_QUADRANT_THRESHOLD 50
#define APL_PLACEMENT_MIN 0
#define APL_PLACEMENT_MAX 100
#define APL_STRENGTH_MIN 1
#define APL_STRENGTH_MAX 3

#define APL_TYPE_ATTITUDE (apl_attitude_get_type ())
#define APL_TYPE_QUADRANT (apl_quadrant_get_type ())
#define APL_TYPE_PLACEMENT (apl_placement_get_type ())

GType apl_attitude_get_type (void) G_GNUC_CONST;
GType apl_quadrant_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (AplPlacement, apl_placement, APL, PLACEMENT, GObject)

AplQuadrant     apl_quadrant_for                 (int           influence,
                                                  int           interest);
const char     *apl_quadrant_to_string           (AplQuadrant   quadrant);
const char     *apl_quadrant_get_label           (AplQuadrant   quadrant);
const char     *apl_attitude_to_string           (AplAttitude   attitude);
gboolean        apl_attitude_from_string         (const char   *text,
                                                  AplAttitude  *attitude);
const char     *apl_attitude_get_label           (AplAttitude   attitude);
char           *apl_attitude_describe            (AplAttitude   attitude,
                                                  int           strength);

gint64          apl_placement_get_plan_id        (AplPlacement *self);
AplStakeholder *apl_placement_get_stakeholder    (AplPlacement *self);
int             apl_placement_get_influence      (AplPlacement *self);
int             apl_placement_get_interest       (AplPlacement *self);
AplAttitude     apl_placement_get_attitude       (AplPlacement *self);
int             apl_placement_get_strength       (AplPlacement *self);
AplQuadrant     apl_placement_get_quadrant       (AplPlacement *self);
int             apl_placement_get_stance         (AplPlacement *self);

gboolean        apl_placement_validate           (int           influence,
                                                  int           interest,
                                                  AplAttitude   attitude,
                                                  int           strength,
                                                  GError      **error);
gboolean        apl_placement_set_position       (AplPlacement *self,
                                                  int           influence,
                                                  int           interest,
                                                  GError      **error);
gboolean        apl_placement_set_influence      (AplPlacement *self,
                                                  int           influence,
                                                  GError      **error);
gboolean        apl_placement_set_interest       (AplPlacement *self,
                                                  int           interest,
                                                  GError      **error);
gboolean        apl_placement_set_attitude       (AplPlacement *self,
                                                  AplAttitude   attitude,
                                                  int           strength,
                                                  GError      **error);

G_END_DECLS
