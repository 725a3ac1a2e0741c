/* apl-plan.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define APL_TYPE_PLAN (apl_plan_get_type ())

G_DECLARE_FINAL_TYPE (AplPlan, apl_plan, APL, PLAN, GObject)

/* Long enough for any real title, short enough to stay readable in a list. */
#define APL_PLAN_TITLE_MAX_CHARS 200

/**
 * AplPlanField:
 *
 * The text fields of a plan that a user edits. Each edit is written to the
 * workspace at once, in its own transaction.
 */
typedef enum
{
  APL_PLAN_FIELD_TITLE,
  APL_PLAN_FIELD_ORGANISATION,
  APL_PLAN_FIELD_OWNER,
  APL_PLAN_FIELD_SCENARIO_SUMMARY,
  APL_PLAN_FIELD_LANGUAGE,
  APL_PLAN_FIELD_NEXT_REVIEW,
  APL_PLAN_N_FIELDS
} AplPlanField;

gint64       apl_plan_get_id               (AplPlan       *self);
const char  *apl_plan_get_uuid             (AplPlan       *self);
const char  *apl_plan_get_title            (AplPlan       *self);
const char  *apl_plan_get_organisation     (AplPlan       *self);
const char  *apl_plan_get_owner            (AplPlan       *self);
const char  *apl_plan_get_scenario_summary (AplPlan       *self);
const char  *apl_plan_get_language         (AplPlan       *self);
const char  *apl_plan_get_next_review      (AplPlan       *self);
const char  *apl_plan_get_created          (AplPlan       *self);
const char  *apl_plan_get_updated          (AplPlan       *self);
gboolean     apl_plan_is_review_due        (AplPlan       *self,
                                            GDate         *today);

const char  *apl_plan_get_field            (AplPlan       *self,
                                            AplPlanField   field);
gboolean     apl_plan_set_field            (AplPlan       *self,
                                            AplPlanField   field,
                                            const char    *value,
                                            GError       **error);
gboolean     apl_plan_set_title            (AplPlan       *self,
                                            const char    *title,
                                            GError       **error);

gboolean     apl_plan_validate_field       (AplPlanField   field,
                                            const char    *value,
                                            GError       **error);

G_END_DECLS
