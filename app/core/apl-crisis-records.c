/* apl-crisis-records.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records of a crisis plan as objects. A setter checks the value,
 * hands it to the store, and changes the object (and notifies) only once
 * the store's transaction has committed: what a widget shows is what is on
 * disk.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "apl-crisis-private.h"

#define TEXT_MAX_BYTES (64 * 1024)

static GDateTime *(*clock_func) (void);

/* Keys and names */

static const struct { const char *key; const char *name; } scenario_kinds[APL_N_SCENARIO_KINDS] = {
  { "cyber-attack", N_("Cyber-attack") },
  { "data-breach", N_("Data breach") },
  { "product-recall", N_("Product recall") },
  { "social-media-backlash", N_("Social-media backlash") },
  { "misinformation", N_("Misinformation campaign") },
  { "industrial-accident", N_("Industrial accident") },
  { "executive-misconduct", N_("Executive misconduct") },
  { "service-outage", N_("Service outage") },
  { "natural-disaster", N_("Natural disaster") },
  { "other", N_("Other") },
};

static const struct { const char *key; const char *name; } levels[APL_N_LEVELS] = {
  { "watch", N_("Watch") },
  { "alert", N_("Alert") },
  { "crisis", N_("Crisis") },
};

static const struct { const char *key; const char *name; } role_kinds[APL_N_ROLE_KINDS] = {
  { "crisis-lead", N_("Crisis lead") },
  { "spokesperson", N_("Spokesperson") },
  { "comms-lead", N_("Communications lead") },
  { "legal", N_("Legal counsel") },
  { "it-security", N_("IT and security") },
  { "hr", N_("Human resources") },
  { "customer-service", N_("Customer service") },
  { "social-media", N_("Social-media manager") },
  { "operations", N_("Operations") },
  { "risk-compliance", N_("Risk and compliance") },
  { "custom", N_("Custom role") },
};

static const struct { const char *key; const char *name; } channel_kinds[APL_N_OWNED_CHANNEL_KINDS] = {
  { "website", N_("Website") },
  { "social-account", N_("Social-media account") },
  { "intranet", N_("Intranet") },
  { "hotline", N_("Hotline") },
  { "sms-gateway", N_("SMS gateway") },
  { "email-list", N_("Email list") },
  { "other", N_("Other") },
};

static const char * const raci_letters[APL_N_RACI] = { "", "R", "A", "C", "I" };

const char *
apl_scenario_kind_get_key (AplScenarioKind kind)
{
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, NULL);
  return scenario_kinds[kind].key;
}

const char *
apl_scenario_kind_get_name (AplScenarioKind kind)
{
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, NULL);
  return _(scenario_kinds[kind].name);
}

gboolean
apl_scenario_kind_from_key (const char      *key,
                            AplScenarioKind *kind)
{
  for (guint i = 0; key != NULL && i < APL_N_SCENARIO_KINDS; i++)
    if (strcmp (key, scenario_kinds[i].key) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_level_get_key (AplLevel level)
{
  g_return_val_if_fail (level < APL_N_LEVELS, NULL);
  return levels[level].key;
}

const char *
apl_level_get_name (AplLevel level)
{
  g_return_val_if_fail (level < APL_N_LEVELS, NULL);
  return _(levels[level].name);
}

gboolean
apl_level_from_key (const char *key,
                    AplLevel   *level)
{
  for (guint i = 0; key != NULL && i < APL_N_LEVELS; i++)
    if (strcmp (key, levels[i].key) == 0)
      {
        *level = i;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_role_kind_get_key (AplRoleKind kind)
{
  g_return_val_if_fail (kind < APL_N_ROLE_KINDS, NULL);
  return role_kinds[kind].key;
}

const char *
apl_role_kind_get_name (AplRoleKind kind)
{
  g_return_val_if_fail (kind < APL_N_ROLE_KINDS, NULL);
  return _(role_kinds[kind].name);
}

gboolean
apl_role_kind_from_key (const char  *key,
                        AplRoleKind *kind)
{
  for (guint i = 0; key != NULL && i < APL_N_ROLE_KINDS; i++)
    if (strcmp (key, role_kinds[i].key) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_owned_channel_kind_get_key (AplOwnedChannelKind kind)
{
  g_return_val_if_fail (kind < APL_N_OWNED_CHANNEL_KINDS, NULL);
  return channel_kinds[kind].key;
}

const char *
apl_owned_channel_kind_get_name (AplOwnedChannelKind kind)
{
  g_return_val_if_fail (kind < APL_N_OWNED_CHANNEL_KINDS, NULL);
  return _(channel_kinds[kind].name);
}

gboolean
apl_owned_channel_kind_from_key (const char          *key,
                                 AplOwnedChannelKind *kind)
{
  for (guint i = 0; key != NULL && i < APL_N_OWNED_CHANNEL_KINDS; i++)
    if (strcmp (key, channel_kinds[i].key) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_raci_get_letter (AplRaci raci)
{
  g_return_val_if_fail (raci < APL_N_RACI, "");
  return raci_letters[raci];
}

/**
 * apl_format_target_minutes:
 * @minutes: minutes from activation, or a negative number for none
 *
 * Returns: (transfer full): "within 45 min", "within 2 h", "within 1 day"…
 * as a checklist shows it; an empty string for no target.
 */
char *
apl_format_target_minutes (int minutes)
{
  if (minutes < 0)
    return g_strdup ("");
  if (minutes < 60 || minutes % 60 != 0)
    /* Translators: a target time from activation, in minutes */
    return g_strdup_printf (_("within %d min"), minutes);
  if (minutes < 24 * 60 || minutes % (24 * 60) != 0)
    /* Translators: a target time from activation, in hours */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %d hour", "within %d hours", minutes / 60),
                            minutes / 60);
  /* Translators: a target time from activation, in days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %d day", "within %d days", minutes / (24 * 60)),
                          minutes / (24 * 60));
}

/* Clock */

void
apl_crisis_set_clock (GDateTime *(*now) (void))
{
  clock_func = now;
}

char *
_apl_crisis_now_iso (void)
{
  g_autoptr(GDateTime) now = clock_func != NULL ? clock_func () : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Validation */

static gboolean
check_text (const char  *value,
            gboolean     required,
            const char  *what,
            GError     **error)
{
  g_autofree char *stripped = NULL;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The %s contains characters Aplomb cannot store."), what);
      return FALSE;
    }
  if (strlen (value) > TEXT_MAX_BYTES)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The %s is too long to be useful in a crisis: shorten it."), what);
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (value));
  if (required && *stripped == '\0')
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The %s cannot be empty."), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_date (const char  *value,
            GError     **error)
{
  int y, m, d;

  if (value == NULL || *value == '\0')
    return TRUE;
  if (strlen (value) == 10 && sscanf (value, "%4d-%2d-%2d", &y, &m, &d) == 3
      && value[4] == '-' && value[7] == '-' && g_date_valid_dmy (d, m, y))
    return TRUE;

  g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
               _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31."), value);
  return FALSE;
}

static GParamSpec *
text_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int_pspec (const char *name,
           int         min,
           int         max,
           int         dflt)
{
  return g_param_spec_int (name, NULL, NULL, min, max, dflt,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
replace (char       **slot,
         const char  *value)
{
  char *old = *slot;

  *slot = g_strdup (value ? value : "");
  g_free (old);
}

/* AplScenario */

struct _AplScenario
{
  GObject          parent_instance;

  AplStore        *store;
  gint64           id;
  gint64           plan_id;
  AplScenarioKind  kind;
  char            *fields[APL_SCENARIO_N_FIELDS];
  int              likelihood;
  int              impact;
};

G_DEFINE_FINAL_TYPE (AplScenario, apl_scenario, G_TYPE_OBJECT)

enum {
  SCENARIO_PROP_0,
  SCENARIO_PROP_KIND,
  SCENARIO_PROP_LIKELIHOOD,
  SCENARIO_PROP_IMPACT,
  SCENARIO_PROP_FIRST_FIELD,
  SCENARIO_N_PROPS = SCENARIO_PROP_FIRST_FIELD + APL_SCENARIO_N_FIELDS
};

static GParamSpec *scenario_props[SCENARIO_N_PROPS];

static const char * const scenario_field_names[APL_SCENARIO_N_FIELDS] = {
  "title", "description", "signals", "watch-trigger", "watch-actions",
  "alert-trigger", "alert-actions", "crisis-trigger", "crisis-actions",
};

static void
apl_scenario_finalize (GObject *object)
{
  AplScenario *self = APL_SCENARIO (object);

  g_clear_weak_pointer (&self->store);
  for (guint i = 0; i < APL_SCENARIO_N_FIELDS; i++)
    g_free (self->fields[i]);
  G_OBJECT_CLASS (apl_scenario_parent_class)->finalize (object);
}

static void
apl_scenario_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AplScenario *self = APL_SCENARIO (object);

  if (prop_id >= SCENARIO_PROP_FIRST_FIELD && prop_id < SCENARIO_N_PROPS)
    {
      g_value_set_string (value, self->fields[prop_id - SCENARIO_PROP_FIRST_FIELD]);
      return;
    }
  switch (prop_id)
    {
    case SCENARIO_PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case SCENARIO_PROP_LIKELIHOOD:
      g_value_set_int (value, self->likelihood);
      break;
    case SCENARIO_PROP_IMPACT:
      g_value_set_int (value, self->impact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_scenario_class_init (AplScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_scenario_finalize;
  object_class->get_property = apl_scenario_get_property;

  scenario_props[SCENARIO_PROP_KIND] = int_pspec ("kind", 0, APL_N_SCENARIO_KINDS - 1, 0);
  scenario_props[SCENARIO_PROP_LIKELIHOOD] = int_pspec ("likelihood", 1, 5, 3);
  scenario_props[SCENARIO_PROP_IMPACT] = int_pspec ("impact", 1, 5, 3);
  for (guint i = 0; i < APL_SCENARIO_N_FIELDS; i++)
    scenario_props[SCENARIO_PROP_FIRST_FIELD + i] = text_pspec (scenario_field_names[i]);
  g_object_class_install_properties (object_class, SCENARIO_N_PROPS, scenario_props);
}

static void
apl_scenario_init (AplScenario *self)
{
}

AplScenario *
_apl_scenario_new (AplStore             *store,
                   const AplScenarioRow *row)
{
  AplScenario *self = g_object_new (APL_TYPE_SCENARIO, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = row->id;
  self->plan_id = row->plan_id;
  self->kind = row->kind;
  for (guint i = 0; i < APL_SCENARIO_N_FIELDS; i++)
    self->fields[i] = g_strdup (row->fields[i] ? row->fields[i] : "");
  self->likelihood = row->likelihood;
  self->impact = row->impact;
  return self;
}

gint64
apl_scenario_get_id (AplScenario *self)
{
  g_return_val_if_fail (APL_IS_SCENARIO (self), 0);
  return self->id;
}

gint64
apl_scenario_get_plan_id (AplScenario *self)
{
  g_return_val_if_fail (APL_IS_SCENARIO (self), 0);
  return self->plan_id;
}

AplScenarioKind
apl_scenario_get_kind (AplScenario *self)
{
  g_return_val_if_fail (APL_IS_SCENARIO (self), APL_SCENARIO_KIND_OTHER);
  return self->kind;
}

gboolean
apl_scenario_set_kind (AplScenario      *self,
                       AplScenarioKind   kind,
                       GError          **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  AplCrisisValue value = { apl_scenario_kind_get_key (kind), };

  g_return_val_if_fail (APL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (kind < APL_N_SCENARIO_KINDS, FALSE);

  if (self->kind == kind)
    return TRUE;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_SCENARIO_KIND, self->id, &value, now, error))
    return FALSE;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), scenario_props[SCENARIO_PROP_KIND]);
  return TRUE;
}

const char *
apl_scenario_get_field (AplScenario      *self,
                        AplScenarioField  field)
{
  g_return_val_if_fail (APL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (field < APL_SCENARIO_N_FIELDS, NULL);
  return self->fields[field];
}

/**
 * apl_scenario_set_field:
 *
 * Writes one text of the scenario. The title cannot be empty; a refused
 * value sets APL_STORE_ERROR_INVALID and leaves the scenario as it was.
 */
gboolean
apl_scenario_set_field (AplScenario       *self,
                        AplScenarioField   field,
                        const char        *value,
                        GError           **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  AplCrisisValue v = { NULL, };

  g_return_val_if_fail (APL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (field < APL_SCENARIO_N_FIELDS, FALSE);

  if (!check_text (value, field == APL_SCENARIO_FIELD_TITLE,
                   field == APL_SCENARIO_FIELD_TITLE ? _("scenario title") : _("scenario text"), error))
    return FALSE;
  clean = field == APL_SCENARIO_FIELD_TITLE ? g_strstrip (g_strdup (value)) : g_strdup (value);
  if (g_strcmp0 (self->fields[field], clean) == 0)
    return TRUE;

  v.text = clean;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_SCENARIO_TEXT + field, self->id, &v, now, error))
    return FALSE;
  replace (&self->fields[field], clean);
  g_object_notify_by_pspec (G_OBJECT (self), scenario_props[SCENARIO_PROP_FIRST_FIELD + field]);
  return TRUE;
}

const char *
apl_scenario_get_title (AplScenario *self)
{
  return apl_scenario_get_field (self, APL_SCENARIO_FIELD_TITLE);
}

const char *
apl_scenario_get_trigger (AplScenario *self,
                          AplLevel     level)
{
  g_return_val_if_fail (level < APL_N_LEVELS, NULL);
  return apl_scenario_get_field (self, APL_SCENARIO_FIELD_WATCH_TRIGGER + 2 * level);
}

const char *
apl_scenario_get_actions (AplScenario *self,
                          AplLevel     level)
{
  g_return_val_if_fail (level < APL_N_LEVELS, NULL);
  return apl_scenario_get_field (self, APL_SCENARIO_FIELD_WATCH_ACTIONS + 2 * level);
}

/**
 * apl_scenario_get_signals:
 *
 * Returns: (transfer full): the early-warning signals, one per non-empty line
 */
char **
apl_scenario_get_signals (AplScenario *self)
{
  g_auto(GStrv) lines = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  g_return_val_if_fail (APL_IS_SCENARIO (self), NULL);

  lines = g_strsplit (self->fields[APL_SCENARIO_FIELD_SIGNALS], "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return out;
}

int
apl_scenario_get_likelihood (AplScenario *self)
{
  g_return_val_if_fail (APL_IS_SCENARIO (self), 0);
  return self->likelihood;
}

int
apl_scenario_get_impact (AplScenario *self)
{
  g_return_val_if_fail (APL_IS_SCENARIO (self), 0);
  return self->impact;
}

/**
 * apl_scenario_set_risk:
 * @likelihood: 1 (rare) to 5 (almost certain)
 * @impact: 1 (minor) to 5 (severe)
 *
 * Places the scenario on the plan's risk matrix.
 */
gboolean
apl_scenario_set_risk (AplScenario  *self,
                       int           likelihood,
                       int           impact,
                       GError      **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  AplCrisisValue v = { NULL, likelihood, impact, FALSE };

  g_return_val_if_fail (APL_IS_SCENARIO (self), FALSE);

  if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Likelihood and impact go from 1 to 5."));
      return FALSE;
    }
  if (likelihood == self->likelihood && impact == self->impact)
    return TRUE;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_SCENARIO_RISK, self->id, &v, now, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->likelihood != likelihood)
    {
      self->likelihood = likelihood;
      g_object_notify_by_pspec (G_OBJECT (self), scenario_props[SCENARIO_PROP_LIKELIHOOD]);
    }
  if (self->impact != impact)
    {
      self->impact = impact;
      g_object_notify_by_pspec (G_OBJECT (self), scenario_props[SCENARIO_PROP_IMPACT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/* AplCrisisRole */

struct _AplCrisisRole
{
  GObject      parent_instance;

  AplStore    *store;
  gint64       id;
  gint64       plan_id;
  AplRoleKind  kind;
  char        *fields[APL_ROLE_N_FIELDS];
  char        *created;
};

G_DEFINE_FINAL_TYPE (AplCrisisRole, apl_crisis_role, G_TYPE_OBJECT)

enum {
  ROLE_PROP_0,
  ROLE_PROP_NAME,
  ROLE_PROP_LACKS_PERSON,
  ROLE_PROP_LACKS_DEPUTY,
  ROLE_PROP_FIRST_FIELD,
  ROLE_N_PROPS = ROLE_PROP_FIRST_FIELD + APL_ROLE_N_FIELDS
};

static GParamSpec *role_props[ROLE_N_PROPS];

static const char * const role_field_names[APL_ROLE_N_FIELDS] = {
  "custom-name", "person", "deputy", "contact", "responsibilities", "reviewed-on",
};

static void
apl_crisis_role_finalize (GObject *object)
{
  AplCrisisRole *self = APL_CRISIS_ROLE (object);

  g_clear_weak_pointer (&self->store);
  for (guint i = 0; i < APL_ROLE_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->created);
  G_OBJECT_CLASS (apl_crisis_role_parent_class)->finalize (object);
}

static void
apl_crisis_role_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AplCrisisRole *self = APL_CRISIS_ROLE (object);

  if (prop_id >= ROLE_PROP_FIRST_FIELD && prop_id < ROLE_N_PROPS)
    {
      g_value_set_string (value, self->fields[prop_id - ROLE_PROP_FIRST_FIELD]);
      return;
    }
  switch (prop_id)
    {
    case ROLE_PROP_NAME:
      g_value_set_string (value, apl_crisis_role_get_name (self));
      break;
    case ROLE_PROP_LACKS_PERSON:
      g_value_set_boolean (value, apl_crisis_role_lacks_person (self));
      break;
    case ROLE_PROP_LACKS_DEPUTY:
      g_value_set_boolean (value, apl_crisis_role_lacks_deputy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_crisis_role_class_init (AplCrisisRoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_crisis_role_finalize;
  object_class->get_property = apl_crisis_role_get_property;

  role_props[ROLE_PROP_NAME] = text_pspec ("name");
  role_props[ROLE_PROP_LACKS_PERSON] =
    g_param_spec_boolean ("lacks-person", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  role_props[ROLE_PROP_LACKS_DEPUTY] =
    g_param_spec_boolean ("lacks-deputy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < APL_ROLE_N_FIELDS; i++)
    role_props[ROLE_PROP_FIRST_FIELD + i] = text_pspec (role_field_names[i]);
  g_object_class_install_properties (object_class, ROLE_N_PROPS, role_props);
}

static void
apl_crisis_role_init (AplCrisisRole *self)
{
}

AplCrisisRole *
_apl_crisis_role_new (AplStore         *store,
                      const AplRoleRow *row)
{
  AplCrisisRole *self = g_object_new (APL_TYPE_CRISIS_ROLE, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = row->id;
  self->plan_id = row->plan_id;
  self->kind = row->kind;
  for (guint i = 0; i < APL_ROLE_N_FIELDS; i++)
    self->fields[i] = g_strdup (row->fields[i] ? row->fields[i] : "");
  self->created = g_strdup (row->created);
  return self;
}

gint64
apl_crisis_role_get_id (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), 0);
  return self->id;
}

gint64
apl_crisis_role_get_plan_id (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), 0);
  return self->plan_id;
}

AplRoleKind
apl_crisis_role_get_kind (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), APL_ROLE_CUSTOM);
  return self->kind;
}

/**
 * apl_crisis_role_get_name:
 *
 * Returns: the custom name when the user gave one, else the standard
 * role's name in the user's language.
 */
const char *
apl_crisis_role_get_name (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), NULL);

  if (*self->fields[APL_ROLE_FIELD_CUSTOM_NAME] != '\0')
    return self->fields[APL_ROLE_FIELD_CUSTOM_NAME];
  return apl_role_kind_get_name (self->kind);
}

const char *
apl_crisis_role_get_field (AplCrisisRole *self,
                           AplRoleField   field)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), NULL);
  g_return_val_if_fail (field < APL_ROLE_N_FIELDS, NULL);
  return self->fields[field];
}

const char *
apl_crisis_role_get_created (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), NULL);
  return self->created;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* A role nobody holds is the gap a crisis finds first. */
gboolean
apl_crisis_role_lacks_person (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), FALSE);
  return is_blank (self->fields[APL_ROLE_FIELD_PERSON]);
}

/* Crises run around the clock and people fall ill or go on holiday: a
 * named person needs a named deputy. */
gboolean
apl_crisis_role_lacks_deputy (AplCrisisRole *self)
{
  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), FALSE);
  return !apl_crisis_role_lacks_person (self) && is_blank (self->fields[APL_ROLE_FIELD_DEPUTY]);
}

/**
 * apl_crisis_role_set_field:
 *
 * Writes one text of the role. Changing the person, the deputy or the
 * 24/7 contact counts as reviewing the role: its review date becomes
 * today. A custom role cannot lose its name.
 */
gboolean
apl_crisis_role_set_field (AplCrisisRole  *self,
                           AplRoleField    field,
                           const char     *value,
                           GError        **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  gboolean lacked_person, lacked_deputy;
  AplCrisisValue v = { NULL, };

  g_return_val_if_fail (APL_IS_CRISIS_ROLE (self), FALSE);
  g_return_val_if_fail (field < APL_ROLE_N_FIELDS, FALSE);

  if (field == APL_ROLE_FIELD_REVIEWED_ON)
    {
      if (!check_date (value, error))
        return FALSE;
    }
  else if (!check_text (value, field == APL_ROLE_FIELD_CUSTOM_NAME && self->kind == APL_ROLE_CUSTOM,
                        _("role text"), error))
    return FALSE;

  clean = field == APL_ROLE_FIELD_CUSTOM_NAME || field == APL_ROLE_FIELD_REVIEWED_ON
    ? g_strstrip (g_strdup (value ? value : ""))
    : g_strdup (value);
  if (g_strcmp0 (self->fields[field], clean) == 0)
    return TRUE;

  v.text = field == APL_ROLE_FIELD_REVIEWED_ON && *clean == '\0' ? NULL : clean;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_ROLE_TEXT + field, self->id, &v, now, error))
    return FALSE;

  lacked_person = apl_crisis_role_lacks_person (self);
  lacked_deputy = apl_crisis_role_lacks_deputy (self);

  g_object_freeze_notify (G_OBJECT (self));
  replace (&self->fields[field], clean);
  g_object_notify_by_pspec (G_OBJECT (self), role_props[ROLE_PROP_FIRST_FIELD + field]);
  if (field == APL_ROLE_FIELD_PERSON || field == APL_ROLE_FIELD_DEPUTY || field == APL_ROLE_FIELD_CONTACT)
    {
      g_autofree char *today = g_strndup (now, 10);

      if (g_strcmp0 (self->fields[APL_ROLE_FIELD_REVIEWED_ON], today) != 0)
        {
          replace (&self->fields[APL_ROLE_FIELD_REVIEWED_ON], today);
          g_object_notify_by_pspec (G_OBJECT (self), role_props[ROLE_PROP_FIRST_FIELD + APL_ROLE_FIELD_REVIEWED_ON]);
        }
    }
  if (field == APL_ROLE_FIELD_CUSTOM_NAME)
    g_object_notify_by_pspec (G_OBJECT (self), role_props[ROLE_PROP_NAME]);
  if (lacked_person != apl_crisis_role_lacks_person (self))
    g_object_notify_by_pspec (G_OBJECT (self), role_props[ROLE_PROP_LACKS_PERSON]);
  if (lacked_deputy != apl_crisis_role_lacks_deputy (self))
    g_object_notify_by_pspec (G_OBJECT (self), role_props[ROLE_PROP_LACKS_DEPUTY]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * apl_crisis_role_mark_reviewed:
 *
 * Records that someone checked the role's people and contact today.
 */
gboolean
apl_crisis_role_mark_reviewed (AplCrisisRole  *self,
                               GError        **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *today = g_strndup (now, 10);

  return apl_crisis_role_set_field (self, APL_ROLE_FIELD_REVIEWED_ON, today, error);
}

/* AplChecklistStep */

struct _AplChecklistStep
{
  GObject    parent_instance;

  AplStore  *store;
  gint64     id;
  gint64     scenario_id;
  AplLevel   level;
  char      *action;
  gint64     role_id;
  int        target_minutes;
};

G_DEFINE_FINAL_TYPE (AplChecklistStep, apl_checklist_step, G_TYPE_OBJECT)

enum {
  STEP_PROP_0,
  STEP_PROP_ACTION,
  STEP_PROP_ROLE_ID,
  STEP_PROP_TARGET_MINUTES,
  STEP_N_PROPS
};

static GParamSpec *step_props[STEP_N_PROPS];

static void
apl_checklist_step_finalize (GObject *object)
{
  AplChecklistStep *self = APL_CHECKLIST_STEP (object);

  g_clear_weak_pointer (&self->store);
  g_free (self->action);
  G_OBJECT_CLASS (apl_checklist_step_parent_class)->finalize (object);
}

static void
apl_checklist_step_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AplChecklistStep *self = APL_CHECKLIST_STEP (object);

  switch (prop_id)
    {
    case STEP_PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case STEP_PROP_ROLE_ID:
      g_value_set_int64 (value, self->role_id);
      break;
    case STEP_PROP_TARGET_MINUTES:
      g_value_set_int (value, self->target_minutes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_checklist_step_class_init (AplChecklistStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_checklist_step_finalize;
  object_class->get_property = apl_checklist_step_get_property;

  step_props[STEP_PROP_ACTION] = text_pspec ("action");
  step_props[STEP_PROP_ROLE_ID] =
    g_param_spec_int64 ("role-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  step_props[STEP_PROP_TARGET_MINUTES] = int_pspec ("target-minutes", -1, 43200, -1);
  g_object_class_install_properties (object_class, STEP_N_PROPS, step_props);
}

static void
apl_checklist_step_init (AplChecklistStep *self)
{
}

AplChecklistStep *
_apl_checklist_step_new (AplStore         *store,
                         const AplStepRow *row)
{
  AplChecklistStep *self = g_object_new (APL_TYPE_CHECKLIST_STEP, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = row->id;
  self->scenario_id = row->scenario_id;
  self->level = row->level;
  self->action = g_strdup (row->action);
  self->role_id = row->role_id;
  self->target_minutes = row->target_minutes;
  return self;
}

gint64
apl_checklist_step_get_id (AplChecklistStep *self)
{
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), 0);
  return self->id;
}

gint64
apl_checklist_step_get_scenario_id (AplChecklistStep *self)
{
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), 0);
  return self->scenario_id;
}

AplLevel
apl_checklist_step_get_level (AplChecklistStep *self)
{
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), APL_LEVEL_WATCH);
  return self->level;
}

const char *
apl_checklist_step_get_action (AplChecklistStep *self)
{
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), NULL);
  return self->action;
}

gboolean
apl_checklist_step_set_action (AplChecklistStep  *self,
                               const char        *action,
                               GError           **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  AplCrisisValue v = { NULL, };

  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), FALSE);

  if (!check_text (action, TRUE, _("checklist step"), error))
    return FALSE;
  clean = g_strstrip (g_strdup (action));
  if (g_strcmp0 (clean, self->action) == 0)
    return TRUE;
  v.text = clean;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_STEP_ACTION, self->id, &v, now, error))
    return FALSE;
  replace (&self->action, clean);
  g_object_notify_by_pspec (G_OBJECT (self), step_props[STEP_PROP_ACTION]);
  return TRUE;
}

/* 0 when no role does it (yet). */
gint64
apl_checklist_step_get_role_id (AplChecklistStep *self)
{
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), 0);
  return self->role_id;
}

gboolean
apl_checklist_step_set_role (AplChecklistStep  *self,
                             AplCrisisRole     *role,
                             GError           **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  gint64 role_id = role != NULL ? apl_crisis_role_get_id (role) : 0;
  AplCrisisValue v = { NULL, role_id, 0, role_id == 0 };

  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), FALSE);
  g_return_val_if_fail (role == NULL || APL_IS_CRISIS_ROLE (role), FALSE);

  if (role_id == self->role_id)
    return TRUE;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_STEP_ROLE, self->id, &v, now, error))
    return FALSE;
  self->role_id = role_id;
  g_object_notify_by_pspec (G_OBJECT (self), step_props[STEP_PROP_ROLE_ID]);
  return TRUE;
}

/* Minutes from activation, or -1 for no target. */
int
apl_checklist_step_get_target_minutes (AplChecklistStep *self)
{
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), -1);
  return self->target_minutes;
}

gboolean
apl_checklist_step_set_target_minutes (AplChecklistStep  *self,
                                       int                minutes,
                                       GError           **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  AplCrisisValue v = { NULL, minutes, 0, minutes < 0 };

  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (self), FALSE);

  if (minutes > 43200)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A target time is at most 30 days after activation."));
      return FALSE;
    }
  if (minutes < 0)
    minutes = -1;
  if (minutes == self->target_minutes)
    return TRUE;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_STEP_TARGET, self->id, &v, now, error))
    return FALSE;
  self->target_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), step_props[STEP_PROP_TARGET_MINUTES]);
  return TRUE;
}

/* AplQuestion */

struct _AplQuestion
{
  GObject    parent_instance;

  AplStore  *store;
  gint64     id;
  gint64     scenario_id;
  char      *fields[APL_QUESTION_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (AplQuestion, apl_question, G_TYPE_OBJECT)

static GParamSpec *question_props[APL_QUESTION_N_FIELDS + 1];

static const char * const question_field_names[APL_QUESTION_N_FIELDS] = {
  "question", "answer", "language",
};

static void
apl_question_finalize (GObject *object)
{
  AplQuestion *self = APL_QUESTION (object);

  g_clear_weak_pointer (&self->store);
  for (guint i = 0; i < APL_QUESTION_N_FIELDS; i++)
    g_free (self->fields[i]);
  G_OBJECT_CLASS (apl_question_parent_class)->finalize (object);
}

static void
apl_question_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AplQuestion *self = APL_QUESTION (object);

  if (prop_id >= 1 && prop_id <= APL_QUESTION_N_FIELDS)
    g_value_set_string (value, self->fields[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
apl_question_class_init (AplQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_question_finalize;
  object_class->get_property = apl_question_get_property;

  for (guint i = 0; i < APL_QUESTION_N_FIELDS; i++)
    question_props[i + 1] = text_pspec (question_field_names[i]);
  g_object_class_install_properties (object_class, APL_QUESTION_N_FIELDS + 1, question_props);
}

static void
apl_question_init (AplQuestion *self)
{
}

AplQuestion *
_apl_question_new (AplStore           *store,
                   gint64              id,
                   gint64              scenario_id,
                   const char * const *fields)
{
  AplQuestion *self = g_object_new (APL_TYPE_QUESTION, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = id;
  self->scenario_id = scenario_id;
  for (guint i = 0; i < APL_QUESTION_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i] ? fields[i] : "");
  return self;
}

gint64
apl_question_get_id (AplQuestion *self)
{
  g_return_val_if_fail (APL_IS_QUESTION (self), 0);
  return self->id;
}

gint64
apl_question_get_scenario_id (AplQuestion *self)
{
  g_return_val_if_fail (APL_IS_QUESTION (self), 0);
  return self->scenario_id;
}

const char *
apl_question_get_field (AplQuestion      *self,
                        AplQuestionField  field)
{
  g_return_val_if_fail (APL_IS_QUESTION (self), NULL);
  g_return_val_if_fail (field < APL_QUESTION_N_FIELDS, NULL);
  return self->fields[field];
}

gboolean
apl_question_set_field (AplQuestion       *self,
                        AplQuestionField   field,
                        const char        *value,
                        GError           **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  AplCrisisValue v = { NULL, };

  g_return_val_if_fail (APL_IS_QUESTION (self), FALSE);
  g_return_val_if_fail (field < APL_QUESTION_N_FIELDS, FALSE);

  if (!check_text (value, field != APL_QUESTION_FIELD_ANSWER,
                   field == APL_QUESTION_FIELD_LANGUAGE ? _("language") : _("question"), error))
    return FALSE;
  clean = field == APL_QUESTION_FIELD_ANSWER ? g_strdup (value) : g_strstrip (g_strdup (value));
  if (field == APL_QUESTION_FIELD_LANGUAGE && (strlen (clean) < 2 || strlen (clean) > 35))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not a language code: use “en”, “fr”…"), clean);
      return FALSE;
    }
  if (g_strcmp0 (clean, self->fields[field]) == 0)
    return TRUE;
  v.text = clean;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_QUESTION_TEXT + field, self->id, &v, now, error))
    return FALSE;
  replace (&self->fields[field], clean);
  g_object_notify_by_pspec (G_OBJECT (self), question_props[field + 1]);
  return TRUE;
}

/* AplOwnedChannel */

struct _AplOwnedChannel
{
  GObject              parent_instance;

  AplStore            *store;
  gint64               id;
  gint64               plan_id;
  AplOwnedChannelKind  kind;
  char                *fields[APL_OWNED_CHANNEL_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (AplOwnedChannel, apl_owned_channel, G_TYPE_OBJECT)

enum {
  CHANNEL_PROP_0,
  CHANNEL_PROP_KIND,
  CHANNEL_PROP_FIRST_FIELD,
  CHANNEL_N_PROPS = CHANNEL_PROP_FIRST_FIELD + APL_OWNED_CHANNEL_N_FIELDS
};

static GParamSpec *channel_props[CHANNEL_N_PROPS];

static const char * const channel_field_names[APL_OWNED_CHANNEL_N_FIELDS] = {
  "name", "publishers", "credentials-location",
};

static void
apl_owned_channel_finalize (GObject *object)
{
  AplOwnedChannel *self = APL_OWNED_CHANNEL (object);

  g_clear_weak_pointer (&self->store);
  for (guint i = 0; i < APL_OWNED_CHANNEL_N_FIELDS; i++)
    g_free (self->fields[i]);
  G_OBJECT_CLASS (apl_owned_channel_parent_class)->finalize (object);
}

static void
apl_owned_channel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AplOwnedChannel *self = APL_OWNED_CHANNEL (object);

  if (prop_id >= CHANNEL_PROP_FIRST_FIELD && prop_id < CHANNEL_N_PROPS)
    g_value_set_string (value, self->fields[prop_id - CHANNEL_PROP_FIRST_FIELD]);
  else if (prop_id == CHANNEL_PROP_KIND)
    g_value_set_int (value, self->kind);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
apl_owned_channel_class_init (AplOwnedChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_owned_channel_finalize;
  object_class->get_property = apl_owned_channel_get_property;

  channel_props[CHANNEL_PROP_KIND] = int_pspec ("kind", 0, APL_N_OWNED_CHANNEL_KINDS - 1, 0);
  for (guint i = 0; i < APL_OWNED_CHANNEL_N_FIELDS; i++)
    channel_props[CHANNEL_PROP_FIRST_FIELD + i] = text_pspec (channel_field_names[i]);
  g_object_class_install_properties (object_class, CHANNEL_N_PROPS, channel_props);
}

static void
apl_owned_channel_init (AplOwnedChannel *self)
{
}

AplOwnedChannel *
_apl_owned_channel_new (AplStore            *store,
                        gint64               id,
                        gint64               plan_id,
                        AplOwnedChannelKind  kind,
                        const char * const  *fields)
{
  AplOwnedChannel *self = g_object_new (APL_TYPE_OWNED_CHANNEL, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = id;
  self->plan_id = plan_id;
  self->kind = kind;
  for (guint i = 0; i < APL_OWNED_CHANNEL_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i] ? fields[i] : "");
  return self;
}

gint64
apl_owned_channel_get_id (AplOwnedChannel *self)
{
  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (self), 0);
  return self->id;
}

AplOwnedChannelKind
apl_owned_channel_get_kind (AplOwnedChannel *self)
{
  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (self), APL_OWNED_CHANNEL_OTHER);
  return self->kind;
}

gboolean
apl_owned_channel_set_kind (AplOwnedChannel      *self,
                            AplOwnedChannelKind   kind,
                            GError              **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  AplCrisisValue v = { apl_owned_channel_kind_get_key (kind), };

  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (self), FALSE);
  g_return_val_if_fail (kind < APL_N_OWNED_CHANNEL_KINDS, FALSE);

  if (kind == self->kind)
    return TRUE;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_CHANNEL_KIND, self->id, &v, now, error))
    return FALSE;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), channel_props[CHANNEL_PROP_KIND]);
  return TRUE;
}

const char *
apl_owned_channel_get_field (AplOwnedChannel      *self,
                             AplOwnedChannelField  field)
{
  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (self), NULL);
  g_return_val_if_fail (field < APL_OWNED_CHANNEL_N_FIELDS, NULL);
  return self->fields[field];
}

gboolean
apl_owned_channel_set_field (AplOwnedChannel       *self,
                             AplOwnedChannelField   field,
                             const char            *value,
                             GError               **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  AplCrisisValue v = { NULL, };

  g_return_val_if_fail (APL_IS_OWNED_CHANNEL (self), FALSE);
  g_return_val_if_fail (field < APL_OWNED_CHANNEL_N_FIELDS, FALSE);

  if (!check_text (value, field == APL_OWNED_CHANNEL_FIELD_NAME, _("channel name"), error))
    return FALSE;
  clean = g_strstrip (g_strdup (value));
  if (g_strcmp0 (clean, self->fields[field]) == 0)
    return TRUE;
  v.text = clean;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_CHANNEL_TEXT + field, self->id, &v, now, error))
    return FALSE;
  replace (&self->fields[field], clean);
  g_object_notify_by_pspec (G_OBJECT (self), channel_props[CHANNEL_PROP_FIRST_FIELD + field]);
  return TRUE;
}

/* AplRaciTask */

struct _AplRaciTask
{
  GObject    parent_instance;

  AplStore  *store;
  gint64     id;
  gint64     plan_id;
  char      *name;
};

G_DEFINE_FINAL_TYPE (AplRaciTask, apl_raci_task, G_TYPE_OBJECT)

static GParamSpec *task_name_pspec;

static void
apl_raci_task_finalize (GObject *object)
{
  AplRaciTask *self = APL_RACI_TASK (object);

  g_clear_weak_pointer (&self->store);
  g_free (self->name);
  G_OBJECT_CLASS (apl_raci_task_parent_class)->finalize (object);
}

static void
apl_raci_task_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id == 1)
    g_value_set_string (value, APL_RACI_TASK (object)->name);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
apl_raci_task_class_init (AplRaciTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_raci_task_finalize;
  object_class->get_property = apl_raci_task_get_property;

  task_name_pspec = text_pspec ("name");
  g_object_class_install_property (object_class, 1, task_name_pspec);
}

static void
apl_raci_task_init (AplRaciTask *self)
{
}

AplRaciTask *
_apl_raci_task_new (AplStore   *store,
                    gint64      id,
                    gint64      plan_id,
                    const char *name)
{
  AplRaciTask *self = g_object_new (APL_TYPE_RACI_TASK, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = id;
  self->plan_id = plan_id;
  self->name = g_strdup (name);
  return self;
}

gint64
apl_raci_task_get_id (AplRaciTask *self)
{
  g_return_val_if_fail (APL_IS_RACI_TASK (self), 0);
  return self->id;
}

const char *
apl_raci_task_get_name (AplRaciTask *self)
{
  g_return_val_if_fail (APL_IS_RACI_TASK (self), NULL);
  return self->name;
}

gboolean
apl_raci_task_set_name (AplRaciTask  *self,
                        const char   *name,
                        GError      **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  g_autofree char *clean = NULL;
  AplCrisisValue v = { NULL, };

  g_return_val_if_fail (APL_IS_RACI_TASK (self), FALSE);

  if (!check_text (name, TRUE, _("task name"), error))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  if (g_strcmp0 (clean, self->name) == 0)
    return TRUE;
  v.text = clean;
  if (!_apl_store_crisis_write (self->store, APL_CRISIS_COLUMN_TASK_NAME, self->id, &v, now, error))
    return FALSE;
  replace (&self->name, clean);
  g_object_notify_by_pspec (G_OBJECT (self), task_name_pspec);
  return TRUE;
}

/* AplActivation */

struct _AplActivation
{
  GObject            parent_instance;

  AplStore          *store;
  gint64             id;
  gint64             scenario_id;
  AplActivationKind  kind;
  char              *started_at;
  char              *ended_at;
  /* step id → when it was ticked */
  GHashTable        *ticks;
};

G_DEFINE_FINAL_TYPE (AplActivation, apl_activation, G_TYPE_OBJECT)

enum {
  ACTIVATION_TICKED,
  ACTIVATION_N_SIGNALS
};

static GParamSpec *activation_running_pspec;
static guint activation_signals[ACTIVATION_N_SIGNALS];

static void
apl_activation_finalize (GObject *object)
{
  AplActivation *self = APL_ACTIVATION (object);

  g_clear_weak_pointer (&self->store);
  g_free (self->started_at);
  g_free (self->ended_at);
  g_hash_table_unref (self->ticks);
  G_OBJECT_CLASS (apl_activation_parent_class)->finalize (object);
}

static void
apl_activation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (prop_id == 1)
    g_value_set_boolean (value, apl_activation_is_running (APL_ACTIVATION (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
apl_activation_class_init (AplActivationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_activation_finalize;
  object_class->get_property = apl_activation_get_property;

  activation_running_pspec =
    g_param_spec_boolean ("running", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, activation_running_pspec);

  /**
   * AplActivation::ticked:
   * @step_id: the step ticked or unticked
   */
  activation_signals[ACTIVATION_TICKED] =
    g_signal_new ("ticked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
apl_activation_init (AplActivation *self)
{
  self->ticks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

AplActivation *
_apl_activation_new (AplStore          *store,
                     gint64             id,
                     gint64             scenario_id,
                     AplActivationKind  kind,
                     const char        *started_at,
                     const char        *ended_at)
{
  AplActivation *self = g_object_new (APL_TYPE_ACTIVATION, NULL);

  g_set_weak_pointer (&self->store, store);
  self->id = id;
  self->scenario_id = scenario_id;
  self->kind = kind;
  self->started_at = g_strdup (started_at);
  self->ended_at = ended_at != NULL && *ended_at != '\0' ? g_strdup (ended_at) : NULL;
  return self;
}

void
_apl_activation_add_tick (AplActivation *self,
                          gint64         step_id,
                          const char    *ticked_at)
{
  gint64 *key = g_new (gint64, 1);

  *key = step_id;
  g_hash_table_replace (self->ticks, key, g_strdup (ticked_at));
}

gint64
apl_activation_get_id (AplActivation *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION (self), 0);
  return self->id;
}

gint64
apl_activation_get_scenario_id (AplActivation *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION (self), 0);
  return self->scenario_id;
}

AplActivationKind
apl_activation_get_kind (AplActivation *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION (self), APL_ACTIVATION_EXERCISE);
  return self->kind;
}

const char *
apl_activation_get_started_at (AplActivation *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION (self), NULL);
  return self->started_at;
}

const char *
apl_activation_get_ended_at (AplActivation *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION (self), NULL);
  return self->ended_at;
}

gboolean
apl_activation_is_running (AplActivation *self)
{
  g_return_val_if_fail (APL_IS_ACTIVATION (self), FALSE);
  return self->ended_at == NULL;
}

/**
 * apl_activation_get_ticked_at:
 *
 * Returns: (nullable): when @step was ticked in this activation (UTC, ISO
 * 8601), %NULL when it was not
 */
const char *
apl_activation_get_ticked_at (AplActivation    *self,
                              AplChecklistStep *step)
{
  gint64 id;

  g_return_val_if_fail (APL_IS_ACTIVATION (self), NULL);
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (step), NULL);

  id = apl_checklist_step_get_id (step);
  return g_hash_table_lookup (self->ticks, &id);
}

/**
 * apl_activation_tick:
 * @done: %TRUE to tick the step (recording the time now), %FALSE to untick it
 *
 * Records that a step of the checklist was done during this activation.
 * Ticking a step already ticked keeps its first time: that is the time the
 * after-action review needs.
 */
gboolean
apl_activation_tick (AplActivation     *self,
                     AplChecklistStep  *step,
                     gboolean           done,
                     GError           **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();
  gint64 step_id;

  g_return_val_if_fail (APL_IS_ACTIVATION (self), FALSE);
  g_return_val_if_fail (APL_IS_CHECKLIST_STEP (step), FALSE);

  if (!apl_activation_is_running (self))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("This activation has ended: its checklist can no longer be changed."));
      return FALSE;
    }
  if (apl_checklist_step_get_scenario_id (step) != self->scenario_id)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("That step belongs to another scenario."));
      return FALSE;
    }

  step_id = apl_checklist_step_get_id (step);
  if (done == (g_hash_table_lookup (self->ticks, &step_id) != NULL))
    return TRUE;

  if (!_apl_store_crisis_tick (self->store, self->id, step_id, done, now, error))
    return FALSE;

  if (done)
    _apl_activation_add_tick (self, step_id, now);
  else
    g_hash_table_remove (self->ticks, &step_id);
  g_signal_emit (self, activation_signals[ACTIVATION_TICKED], 0, step_id);
  return TRUE;
}

/**
 * apl_activation_end:
 *
 * Closes the activation; its ticks stay as the record of what was done when.
 */
gboolean
apl_activation_end (AplActivation  *self,
                    GError        **error)
{
  g_autofree char *now = _apl_crisis_now_iso ();

  g_return_val_if_fail (APL_IS_ACTIVATION (self), FALSE);

  if (!apl_activation_is_running (self))
    return TRUE;
  if (!_apl_store_crisis_end_activation (self->store, self->id, now, error))
    return FALSE;
  self->ended_at = g_steal_pointer (&now);
  g_object_notify_by_pspec (G_OBJECT (self), activation_running_pspec);
  return TRUE;
}
