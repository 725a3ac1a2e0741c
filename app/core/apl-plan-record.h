/* apl-plan-record.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan as a plan file holds it: plain strings, no GObject, no store. The
 * exporter fills one from the workspace and writes it; the importer reads a
 * whole file into one, checks it, and only then hands it to the store, so
 * that an invalid file never changes anything. Later parts of the format
 * (stakeholders, messages, contacts, approvals) add their arrays here.
 */

#pragma once

#include "apl-organisation.h"
#include "apl-plan.h"
#include "apl-store.h"

G_BEGIN_DECLS

/* The children of <plan> that hold text, in the order the file has them. */
typedef enum
{
  APL_PLAN_VALUE_TITLE,
  APL_PLAN_VALUE_ORGANISATION,
  APL_PLAN_VALUE_OWNER,
  APL_PLAN_VALUE_LANGUAGE,
  APL_PLAN_VALUE_NEXT_REVIEW,
  APL_PLAN_VALUE_SCENARIO_SUMMARY,
  APL_PLAN_VALUE_CREATED,
  APL_PLAN_VALUE_UPDATED,
  APL_PLAN_N_VALUES
} AplPlanValue;

typedef struct
{
  char *id;
  char *values[APL_PLAN_N_VALUES];
  char *profile[APL_ORGANISATION_N_FIELDS];
} AplPlanRecord;

/* Element names, indexed by AplPlanValue and by AplOrganisationField. */
extern const char * const _apl_plan_value_elements[APL_PLAN_N_VALUES];
extern const char * const _apl_profile_elements[APL_ORGANISATION_N_FIELDS];

#define APL_PROFILE_ELEMENT "organisation-profile"

AplPlanRecord *_apl_plan_record_new              (void);
AplPlanRecord *_apl_plan_record_new_from_plan    (AplPlan          *plan,
                                                  AplOrganisation  *organisation);
void           _apl_plan_record_free             (AplPlanRecord    *record);
int            _apl_plan_value_get_field         (AplPlanValue      value);
const char    *_apl_plan_record_get_field        (const AplPlanRecord *record,
                                                  AplPlanField      field);

/* Writes @record in one transaction; see apl-store-import.c. */
AplPlan       *_apl_store_import_plan            (AplStore             *self,
                                                  const AplPlanRecord  *record,
                                                  gboolean              keep_id,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplPlanRecord, _apl_plan_record_free)

G_END_DECLS
