/* apl-health.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan health: what is missing or stale in a plan. Plans go stale between
 * crises (people change jobs, phone numbers change, review dates slip);
 * these rules say so while there is still time to fix it. Pure rules over
 * the core's objects: no SQL here.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "apl-approvals.h"
#include "apl-contact-book.h"
#include "apl-crisis-private.h"
#include "apl-messages.h"
#include "apl-health.h"
#include "apl-text.h"

static const char * const rule_keys[APL_N_HEALTH_RULES] = {
  "no-crisis-cell",
  "role-without-person",
  "person-without-deputy",
  "role-without-contact",
  "role-not-reviewed",
  "no-scenario",
  "scenario-without-checklist",
  "scenario-without-holding-statement",
  "plan-review-passed",
  "holding-statement-not-approved",
  "stale-contacts",
};

const char *
apl_health_severity_get_key (AplHealthSeverity severity)
{
  return severity == APL_HEALTH_CRITICAL ? "critical" : "warning";
}

const char *
apl_health_rule_get_key (AplHealthRule rule)
{
  g_return_val_if_fail (rule < APL_N_HEALTH_RULES, NULL);
  return rule_keys[rule];
}

void
apl_health_item_free (AplHealthItem *item)
{
  if (item == NULL)
    return;
  g_free (item->detail);
  g_free (item);
}

static void
add_item (GPtrArray         *items,
          AplHealthSeverity  severity,
          AplHealthRule      rule,
          AplHealthTarget    target,
          gint64             target_id,
          char              *detail)
{
  AplHealthItem *item = g_new0 (AplHealthItem, 1);

  item->severity = severity;
  item->rule = rule;
  item->target = target;
  item->target_id = target_id;
  item->detail = detail;
  g_ptr_array_add (items, item);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
check_roles (GPtrArray  *items,
             GListModel *roles,
             GDate      *today)
{
  guint n = g_list_model_get_n_items (roles);
  GDate limit = *today;

  g_date_subtract_months (&limit, APL_ROLE_REVIEW_MONTHS);

  if (n == 0)
    add_item (items, APL_HEALTH_CRITICAL, APL_HEALTH_NO_CRISIS_CELL, APL_HEALTH_TARGET_PLAN, 0,
              g_strdup (_("The plan has no crisis cell: name at least a crisis lead and a spokesperson.")));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplCrisisRole) role = g_list_model_get_item (roles, i);
      const char *name = apl_crisis_role_get_name (role);
      const char *person = apl_crisis_role_get_field (role, APL_ROLE_FIELD_PERSON);
      const char *reviewed = apl_crisis_role_get_field (role, APL_ROLE_FIELD_REVIEWED_ON);
      gint64 id = apl_crisis_role_get_id (role);
      GDate last;

      if (apl_crisis_role_lacks_person (role))
        {
          /* Translators: %s is a crisis-cell role, "Spokesperson" */
          add_item (items, APL_HEALTH_CRITICAL, APL_HEALTH_ROLE_WITHOUT_PERSON, APL_HEALTH_TARGET_ROLE, id,
                    g_strdup_printf (_("Nobody holds the role “%s”."), name));
          continue;
        }
      if (apl_crisis_role_lacks_deputy (role))
        /* Translators: %s is a person, %s a crisis-cell role */
        add_item (items, APL_HEALTH_WARNING, APL_HEALTH_PERSON_WITHOUT_DEPUTY, APL_HEALTH_TARGET_ROLE, id,
                  g_strdup_printf (_("%s (%s) has no deputy."), person, name));
      if (is_blank (apl_crisis_role_get_field (role, APL_ROLE_FIELD_CONTACT)))
        add_item (items, APL_HEALTH_WARNING, APL_HEALTH_ROLE_WITHOUT_CONTACT, APL_HEALTH_TARGET_ROLE, id,
                  g_strdup_printf (_("There is no 24/7 contact for %s (%s)."), person, name));

      /* A role never reviewed counts from the day it was added. */
      if (!parse_date (reviewed, &last) && !parse_date (apl_crisis_role_get_created (role), &last))
        continue;
      if (g_date_compare (&last, &limit) < 0)
        add_item (items, APL_HEALTH_WARNING, APL_HEALTH_ROLE_NOT_REVIEWED, APL_HEALTH_TARGET_ROLE, id,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The role “%s” has not been reviewed for more than %d month.",
                                                "The role “%s” has not been reviewed for more than %d months.",
                                                APL_ROLE_REVIEW_MONTHS),
                                   name, APL_ROLE_REVIEW_MONTHS));
    }
}

typedef enum
{
  STATEMENT_NONE,
  STATEMENT_NOT_APPROVED,
  STATEMENT_APPROVED,
} StatementCover;

/* Whether an approval covers the message's text as it is now: approved
 * (pre-approved text is approved text too) and the approved hash still
 * equals the hash of the current text. A retired statement covers
 * nothing. */
static gboolean
is_covered (const AplApprovalState *state)
{
  return state != NULL && state->status == APL_APPROVAL_APPROVED && state->covered;
}

/* A holding statement belongs to a scenario when its "scenario" names it
 * (ignoring case and accents). In a plan with a single scenario, every
 * holding statement of the plan is that scenario's. @states are the
 * messages' approval states, in the same order. */
static StatementCover
holding_statement_cover (GListModel  *messages,
                         GPtrArray   *states,
                         AplScenario *scenario,
                         gboolean     only_scenario)
{
  g_autofree char *title = apl_text_fold (apl_scenario_get_title (scenario));
  guint n = g_list_model_get_n_items (messages);
  StatementCover cover = STATEMENT_NONE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplMessage) message = g_list_model_get_item (messages, i);
      const AplApprovalState *state = i < states->len ? g_ptr_array_index (states, i) : NULL;

      if (apl_message_get_phase (message) != APL_PHASE_HOLDING_STATEMENT)
        continue;
      if (!only_scenario)
        {
          g_autofree char *named = apl_text_fold (apl_message_get_field (message, APL_MESSAGE_FIELD_SCENARIO));

          g_strstrip (named);
          if (*named == '\0' || strcmp (named, title) != 0)
            continue;
        }
      if (state != NULL && state->status == APL_APPROVAL_RETIRED)
        continue;
      if (is_covered (state))
        return STATEMENT_APPROVED;
      cover = STATEMENT_NOT_APPROVED;
    }
  return cover;
}

static gboolean
check_scenarios (GPtrArray  *items,
                 AplStore   *store,
                 AplPlan    *plan,
                 GListModel *scenarios,
                 GError    **error)
{
  guint n = g_list_model_get_n_items (scenarios);
  g_autoptr(GPtrArray) states = NULL;
  GListModel *messages;

  if (n == 0)
    {
      add_item (items, APL_HEALTH_WARNING, APL_HEALTH_NO_SCENARIO, APL_HEALTH_TARGET_PLAN, 0,
                g_strdup (_("The plan has no crisis scenario: add the crises it prepares for.")));
      return TRUE;
    }

  messages = apl_store_get_messages (store, plan, error);
  if (messages == NULL)
    return FALSE;
  states = apl_store_list_approval_states (store, plan, error);
  if (states == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplScenario) scenario = g_list_model_get_item (scenarios, i);
      const char *title = apl_scenario_get_title (scenario);
      gint64 id = apl_scenario_get_id (scenario);
      guint n_steps = 0;

      for (AplLevel level = 0; level < APL_N_LEVELS; level++)
        {
          GListModel *steps = apl_store_get_checklist (store, scenario, level, error);

          if (steps == NULL)
            return FALSE;
          n_steps += g_list_model_get_n_items (steps);
        }
      if (n_steps == 0)
        /* Translators: %s is a scenario's title */
        add_item (items, APL_HEALTH_WARNING, APL_HEALTH_SCENARIO_WITHOUT_CHECKLIST, APL_HEALTH_TARGET_SCENARIO, id,
                  g_strdup_printf (_("The scenario “%s” has no checklist."), title));

      /* No statement at all is worse than one still waiting for its
       * approval: the first costs hours of writing in the crisis, the
       * second the hours legal takes to answer. */
      switch (holding_statement_cover (messages, states, scenario, n == 1))
        {
        case STATEMENT_NONE:
          add_item (items, APL_HEALTH_CRITICAL, APL_HEALTH_SCENARIO_WITHOUT_HOLDING_STATEMENT,
                    APL_HEALTH_TARGET_MESSAGES, id,
                    g_strdup_printf (_("There is no holding statement for the scenario “%s”."), title));
          break;
        case STATEMENT_NOT_APPROVED:
          add_item (items, APL_HEALTH_WARNING, APL_HEALTH_HOLDING_STATEMENT_NOT_APPROVED,
                    APL_HEALTH_TARGET_MESSAGES, id,
                    /* Translators: %s is a scenario's title */
                    g_strdup_printf (_("No holding statement is approved (or pre-approved) for the scenario “%s”."),
                                     title));
          break;
        case STATEMENT_APPROVED:
        default:
          break;
        }
    }
  return TRUE;
}

/* The contact book is shared by every plan: contacts nobody has verified
 * within its freshness period are stale in every plan that would call
 * them. One item with the count, not one per contact: the Contacts page
 * lists them. */
static gboolean
check_contacts (GPtrArray  *items,
                AplStore   *store,
                GError    **error)
{
  g_autoptr(AplContactFilter) filter = apl_contact_filter_new ();
  AplContactBook *book = apl_contact_book_get (store, error);
  gint64 n_stale;
  int months;

  if (book == NULL)
    return FALSE;
  filter->stale_only = TRUE;
  n_stale = apl_contact_book_count (book, filter, error);
  if (n_stale < 0)
    return FALSE;
  if (n_stale == 0)
    return TRUE;

  months = apl_contact_book_get_stale_months (book);
  /* Translators: the first %d is a number of media contacts, the second a number of months */
  add_item (items, APL_HEALTH_WARNING, APL_HEALTH_CONTACTS_STALE, APL_HEALTH_TARGET_CONTACTS, 0,
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%d media contact is stale: not verified for more than %d months.",
                                          "%d media contacts are stale: not verified for more than %d months.",
                                          (gulong) MIN (n_stale, G_MAXINT)),
                             (int) MIN (n_stale, G_MAXINT), months));
  return TRUE;
}

/**
 * apl_plan_health_check:
 * @today: (nullable): the date to judge by; %NULL for today
 *
 * Lists what is missing or stale in the plan: roles without a person,
 * people without a deputy or a 24/7 contact, roles not reviewed for
 * %APL_ROLE_REVIEW_MONTHS months, scenarios without a checklist, without
 * a holding statement or whose holding statements are not approved (an
 * approval covers a statement only while its approved hash equals the
 * hash of the current text), media contacts not verified within the
 * contact book's freshness period, a review date that has passed.
 * Critical items come first.
 *
 * Returns: (transfer full) (element-type AplHealthItem): the items, empty
 * for a plan in good health; %NULL with @error set when the plan could not
 * be read
 */
GPtrArray *
apl_plan_health_check (AplStore  *store,
                       AplPlan   *plan,
                       GDate     *today,
                       GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_health_item_free);
  g_autoptr(GPtrArray) sorted = NULL;
  GListModel *roles, *scenarios;
  GDate now;

  g_return_val_if_fail (APL_IS_STORE (store), NULL);
  g_return_val_if_fail (APL_IS_PLAN (plan), NULL);

  if (today == NULL)
    {
      g_autofree char *iso = _apl_crisis_now_iso ();

      parse_date (iso, &now);
      today = &now;
    }

  roles = apl_store_get_crisis_roles (store, plan, error);
  if (roles == NULL)
    return NULL;
  scenarios = apl_store_get_scenarios (store, plan, error);
  if (scenarios == NULL)
    return NULL;

  if (apl_plan_is_review_due (plan, today))
    /* Translators: %s is a date, YYYY-MM-DD */
    add_item (items, APL_HEALTH_WARNING, APL_HEALTH_PLAN_REVIEW_PASSED, APL_HEALTH_TARGET_PLAN, 0,
              g_strdup_printf (_("The plan’s review date (%s) has passed: review it and set the next one."),
                               apl_plan_get_next_review (plan)));
  check_roles (items, roles, today);
  if (!check_scenarios (items, store, plan, scenarios, error))
    return NULL;
  if (!check_contacts (items, store, error))
    return NULL;

  /* Critical first, each group in the order found (plan, roles, scenarios, contacts). */
  sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) apl_health_item_free);
  for (int pass = APL_HEALTH_CRITICAL; pass <= APL_HEALTH_WARNING; pass++)
    for (guint i = 0; i < items->len; i++)
      {
        AplHealthItem *item = g_ptr_array_index (items, i);

        if (item != NULL && (int) item->severity == pass)
          g_ptr_array_add (sorted, g_steal_pointer (&items->pdata[i]));
      }
  return g_steal_pointer (&sorted);
}
