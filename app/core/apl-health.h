/* apl-health.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "apl-crisis.h"

G_BEGIN_DECLS

/* A role whose people and contact nobody has checked for this long is
 * flagged: phone numbers and jobs change faster than plans. */
#define APL_ROLE_REVIEW_MONTHS 6

typedef enum
{
  APL_HEALTH_CRITICAL,
  APL_HEALTH_WARNING,
} AplHealthSeverity;

/**
 * AplHealthRule:
 *
 * What is missing or stale in a plan. Each rule has a stable key that
 * aplomb-tool prints.
 */
typedef enum
{
  APL_HEALTH_NO_CRISIS_CELL,
  APL_HEALTH_ROLE_WITHOUT_PERSON,
  APL_HEALTH_PERSON_WITHOUT_DEPUTY,
  APL_HEALTH_ROLE_WITHOUT_CONTACT,
  APL_HEALTH_ROLE_NOT_REVIEWED,
  APL_HEALTH_NO_SCENARIO,
  APL_HEALTH_SCENARIO_WITHOUT_CHECKLIST,
  APL_HEALTH_SCENARIO_WITHOUT_HOLDING_STATEMENT,
  APL_HEALTH_PLAN_REVIEW_PASSED,
  APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED,
  APL_HEALTH_CONTACTS_STALE,
  APL_N_HEALTH_RULES
} AplHealthRule;

/**
 * AplHealthTarget:
 *
 * Where the user goes to fix an item.
 */
typedef enum
{
  APL_HEALTH_TARGET_PLAN,
  APL_HEALTH_TARGET_ROLE,
  APL_HEALTH_TARGET_SCENARIO,
  APL_HEALTH_TARGET_MESSAGES,
  APL_HEALTH_TARGET_CONTACTS,
} AplHealthTarget;

/**
 * AplHealthItem:
 * @severity: how urgent it is
 * @rule: which rule found it
 * @target: what to open to fix it
 * @target_id: the role or scenario concerned, 0 for the plan
 * @detail: a sentence for the user, naming the role, person or scenario
 */
typedef struct
{
  AplHealthSeverity  severity;
  AplHealthRule      rule;
  AplHealthTarget    target;
  gint64             target_id;
  char              *detail;
} AplHealthItem;

const char *apl_health_severity_get_key  (AplHealthSeverity  severity);
const char *apl_health_rule_get_key      (AplHealthRule      rule);
void        apl_health_item_free         (AplHealthItem     *item);

GPtrArray  *apl_plan_health_check        (AplStore          *store,
                                          AplPlan           *plan,
                                          GDate             *today,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplHealthItem, apl_health_item_free)

G_END_DECLS
