/* apl-plan.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-plan-private.h"
#include "apl-store-private.h"
#include "apl-text.h"

#define TEXT_MAX_BYTES  (64 * 1024)

struct _AplPlan
{
  GObject   parent_instance;

  AplStore *store;          /* weak: the store owns the plan list */
  gint64    id;
  char     *uuid;
  char     *fields[APL_PLAN_N_FIELDS];
  char     *created;
  char     *updated;
};

G_DEFINE_FINAL_TYPE (AplPlan, apl_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_OWNER,
  PROP_SCENARIO_SUMMARY,
  PROP_LANGUAGE,
  PROP_NEXT_REVIEW,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The property that mirrors each field, indexed by AplPlanField. */
static const guint field_props[APL_PLAN_N_FIELDS] = {
  PROP_TITLE, PROP_ORGANISATION, PROP_OWNER, PROP_SCENARIO_SUMMARY, PROP_LANGUAGE, PROP_NEXT_REVIEW,
};

/* GObject */

static void
apl_plan_finalize (GObject *object)
{
  AplPlan *self = APL_PLAN (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_free (self->uuid);
  for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->created);
  g_free (self->updated);

  G_OBJECT_CLASS (apl_plan_parent_class)->finalize (object);
}

static void
apl_plan_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AplPlan *self = APL_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    default:
      for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
        if (field_props[i] == prop_id)
          {
            g_value_set_string (value, self->fields[i]);
            return;
          }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
apl_plan_class_init (AplPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_plan_finalize;
  object_class->get_property = apl_plan_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] = text_property ("uuid");
  properties[PROP_TITLE] = text_property ("title");
  properties[PROP_ORGANISATION] = text_property ("organisation");
  properties[PROP_OWNER] = text_property ("owner");
  properties[PROP_SCENARIO_SUMMARY] = text_property ("scenario-summary");
  properties[PROP_LANGUAGE] = text_property ("language");
  properties[PROP_NEXT_REVIEW] = text_property ("next-review");
  properties[PROP_CREATED] = text_property ("created");
  properties[PROP_UPDATED] = text_property ("updated");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_plan_init (AplPlan *self)
{
}

/* Internal API */

AplPlan *
_apl_plan_new (AplStore           *store,
               gint64              id,
               const char         *uuid,
               const char * const *fields,
               const char         *created,
               const char         *updated)
{
  AplPlan *self = g_object_new (APL_TYPE_PLAN, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->id = id;
  self->uuid = g_strdup (uuid);
  for (guint i = 0; i < APL_PLAN_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i] ? fields[i] : "");
  self->created = g_strdup (created);
  self->updated = g_strdup (updated);

  return self;
}

void
_apl_plan_apply (AplPlan      *self,
                 AplPlanField  field,
                 const char   *value,
                 const char   *updated)
{
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_free (self->updated);
  self->updated = g_strdup (updated);

  g_object_notify_by_pspec (G_OBJECT (self), properties[field_props[field]]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/* Public API */

gint64
apl_plan_get_id (AplPlan *self)
{
  g_return_val_if_fail (APL_IS_PLAN (self), 0);
  return self->id;
}

const char *
apl_plan_get_uuid (AplPlan *self)
{
  g_return_val_if_fail (APL_IS_PLAN (self), NULL);
  return self->uuid;
}

const char *
apl_plan_get_field (AplPlan      *self,
                    AplPlanField  field)
{
  g_return_val_if_fail (APL_IS_PLAN (self), NULL);
  g_return_val_if_fail (field < APL_PLAN_N_FIELDS, NULL);
  return self->fields[field];
}

const char *
apl_plan_get_title (AplPlan *self)
{
  return apl_plan_get_field (self, APL_PLAN_FIELD_TITLE);
}

const char *
apl_plan_get_organisation (AplPlan *self)
{
  return apl_plan_get_field (self, APL_PLAN_FIELD_ORGANISATION);
}

const char *
apl_plan_get_owner (AplPlan *self)
{
  return apl_plan_get_field (self, APL_PLAN_FIELD_OWNER);
}

const char *
apl_plan_get_scenario_summary (AplPlan *self)
{
  return apl_plan_get_field (self, APL_PLAN_FIELD_SCENARIO_SUMMARY);
}

const char *
apl_plan_get_language (AplPlan *self)
{
  return apl_plan_get_field (self, APL_PLAN_FIELD_LANGUAGE);
}

/**
 * apl_plan_get_next_review:
 *
 * Returns: the date (YYYY-MM-DD) by which the plan should be reviewed, or
 * an empty string when none is set.
 */
const char *
apl_plan_get_next_review (AplPlan *self)
{
  return apl_plan_get_field (self, APL_PLAN_FIELD_NEXT_REVIEW);
}

const char *
apl_plan_get_created (AplPlan *self)
{
  g_return_val_if_fail (APL_IS_PLAN (self), NULL);
  return self->created;
}

const char *
apl_plan_get_updated (AplPlan *self)
{
  g_return_val_if_fail (APL_IS_PLAN (self), NULL);
  return self->updated;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * apl_plan_is_review_due:
 * @today: (nullable): the date to compare with; %NULL for today
 *
 * Returns: whether the plan's review date has come: a stale plan is the
 * first thing that fails a team in a crisis.
 */
gboolean
apl_plan_is_review_due (AplPlan *self,
                        GDate   *today)
{
  GDate review, now;

  g_return_val_if_fail (APL_IS_PLAN (self), FALSE);

  if (!parse_date (self->fields[APL_PLAN_FIELD_NEXT_REVIEW], &review))
    return FALSE;
  if (today == NULL)
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }
  return g_date_compare (&review, today) <= 0;
}

static gboolean
is_language_tag (const char *value)
{
  gsize len = strlen (value);

  if (len < 2 || len > 35 || !g_ascii_isalpha (value[0]) || !g_ascii_isalpha (value[1]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (value[i]) && value[i] != '-')
      return FALSE;
  return TRUE;
}

/**
 * apl_plan_validate_field:
 *
 * Checks a value before it is saved, so that the window can mark the field
 * and keep what the user typed instead of losing it to a refused write.
 */
gboolean
apl_plan_validate_field (AplPlanField   field,
                         const char    *value,
                         GError       **error)
{
  GDate date;

  g_return_val_if_fail (field < APL_PLAN_N_FIELDS, FALSE);

  if (value == NULL)
    value = "";

  if (!apl_text_check (value, TEXT_MAX_BYTES, error))
    return FALSE;

  switch (field)
    {
    case APL_PLAN_FIELD_TITLE:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (value));

        if (*trimmed == '\0')
          {
            g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                         _("A plan needs a title."));
            return FALSE;
          }
        if (g_utf8_strlen (trimmed, -1) > APL_PLAN_TITLE_MAX_CHARS)
          {
            g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                         _("A plan title can be at most %d characters long."), APL_PLAN_TITLE_MAX_CHARS);
            return FALSE;
          }
      }
      break;

    case APL_PLAN_FIELD_LANGUAGE:
      if (!is_language_tag (value))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("“%s” is not a language code such as “en” or “fr”."), value);
          return FALSE;
        }
      break;

    case APL_PLAN_FIELD_NEXT_REVIEW:
      if (*value != '\0' && !parse_date (value, &date))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                       _("“%s” is not a date: write it as year-month-day, for example 2027-03-31."), value);
          return FALSE;
        }
      break;

    case APL_PLAN_FIELD_ORGANISATION:
    case APL_PLAN_FIELD_OWNER:
    case APL_PLAN_FIELD_SCENARIO_SUMMARY:
    case APL_PLAN_N_FIELDS:
    default:
      break;
    }

  return TRUE;
}

/**
 * apl_plan_set_field:
 *
 * Saves one field in its own transaction. The object changes, and notifies,
 * only once the change is on disk; on error it keeps its old value and the
 * caller keeps the text the user typed.
 */
gboolean
apl_plan_set_field (AplPlan       *self,
                    AplPlanField   field,
                    const char    *value,
                    GError       **error)
{
  g_autofree char *updated = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (APL_IS_PLAN (self), FALSE);
  g_return_val_if_fail (field < APL_PLAN_N_FIELDS, FALSE);

  if (!apl_plan_validate_field (field, value, error))
    return FALSE;

  clean = g_strdup (value ? value : "");
  if (field == APL_PLAN_FIELD_TITLE)
    g_strstrip (clean);

  if (g_strcmp0 (self->fields[field], clean) == 0)
    return TRUE;

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return FALSE;
    }

  if (!_apl_store_write_plan_field (self->store, self->id, field, clean, &updated, error))
    return FALSE;

  _apl_plan_apply (self, field, clean, updated);
  return TRUE;
}

gboolean
apl_plan_set_title (AplPlan     *self,
                    const char  *title,
                    GError     **error)
{
  return apl_plan_set_field (self, APL_PLAN_FIELD_TITLE, title, error);
}
