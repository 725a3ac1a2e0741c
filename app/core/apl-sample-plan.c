/* apl-sample-plan.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan a new workspace starts with, so that a first-time user sees what
 * a plan holds instead of an empty window. Written in the user's language.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "apl-messages.h"
#include "apl-crisis.h"
#include "apl-sample-plan.h"

/* How long a plan may go unreviewed before Aplomb marks it as due. */
#define REVIEW_INTERVAL_MONTHS 6

/* The three roles a crisis cannot start without, held by example people
 * (telephone numbers from the range reserved for fiction), so that the
 * sample shows a crisis cell in use and the plan health what is left. */
static gboolean
fill_sample_crisis_cell (AplStore  *store,
                         AplPlan   *plan,
                         GError   **error)
{
  static const struct { AplRoleKind kind; const char *person; const char *deputy; const char *contact; } people[] = {
    { APL_ROLE_CRISIS_LEAD, "Claire Martin", "Jonas Weber", "+44 20 7946 0100" },
    { APL_ROLE_SPOKESPERSON, "Amina Diallo", "Tom Baker", "+44 20 7946 0101" },
    { APL_ROLE_COMMS_LEAD, "Léa Rousseau", "Sam Patel", "+44 20 7946 0102" },
  };
  GListModel *roles = apl_store_get_crisis_roles (store, plan, error);
  guint n;

  if (roles == NULL)
    return FALSE;

  n = g_list_model_get_n_items (roles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (roles, i);

      for (guint j = 0; j < G_N_ELEMENTS (people); j++)
        {
          if (apl_crisis_role_get_kind (role) != people[j].kind)
            continue;
          if (!apl_crisis_role_set_field (role, APL_ROLE_FIELD_PERSON, people[j].person, error)
              || !apl_crisis_role_set_field (role, APL_ROLE_FIELD_DEPUTY, people[j].deputy, error)
              || !apl_crisis_role_set_field (role, APL_ROLE_FIELD_CONTACT, people[j].contact, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * apl_sample_plan_create:
 *
 * Adds the sample plan to @store, through the same API as any other plan.
 *
 * Returns: (transfer full): the sample plan
 */
AplPlan *
apl_sample_plan_create (AplStore  *store,
                        GError   **error)
{
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) review = g_date_time_add_months (now, REVIEW_INTERVAL_MONTHS);
  g_autofree char *review_date = g_date_time_format (review, "%Y-%m-%d");
  const struct { AplPlanField field; const char *value; } fields[] = {
    { APL_PLAN_FIELD_ORGANISATION, _("Riverside Water (sample organisation)") },
    { APL_PLAN_FIELD_OWNER, _("Head of Communications") },
    { APL_PLAN_FIELD_SCENARIO_SUMMARY,
      _("A routine test finds bacteria in the drinking water of one district. "
        "Forty thousand households must boil their water until further notice. "
        "The regional health authority, the local press and social media react within the hour; "
        "customers call the hotline and ask whether their children are safe.\n\n"
        "This sample plan shows how Aplomb holds a crisis plan. Change it to fit your organisation, "
        "or create your own plan with Ctrl+N.") },
    /* Translators: the language code of this translation ("fr" for French).
     * It tells Aplomb which language the sample plan is written in. */
    { APL_PLAN_FIELD_LANGUAGE, C_("language code of this translation", "en") },
    { APL_PLAN_FIELD_NEXT_REVIEW, review_date },
  };

  g_return_val_if_fail (APL_IS_STORE (store), NULL);

  plan = apl_store_create_plan (store, _("Sample plan: drinking water contamination"), error);
  if (plan == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!apl_plan_set_field (plan, fields[i].field, fields[i].value, error))
      return NULL;

  if (!apl_sample_plan_add_messages (store, plan, error))
    return NULL;

  /* The crisis cell, checklist and questions of a product scenario (the
   * water is the product), so that every page of the sample has content
   * and the plan health shows what is still to be filled in. */
  {
    g_autoptr(AplScenario) scenario =
      apl_store_add_starter_scenario (store, plan, APL_SCENARIO_KIND_PRODUCT_RECALL,
                                      apl_plan_get_language (plan), error);

    if (scenario == NULL)
      return NULL;
  }

  if (!fill_sample_crisis_cell (store, plan, error))
    return NULL;

  return g_steal_pointer (&plan);
}
