/* apl-placement.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where one stakeholder sits on one plan's power/interest map, and which
 * of Mendelow's quadrants that puts it in.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-stakeholder-private.h"
#include "apl-store-private.h"

G_DEFINE_ENUM_TYPE (AplAttitude, apl_attitude,
                    G_DEFINE_ENUM_VALUE (APL_ATTITUDE_CRITIC, "critic"),
                    G_DEFINE_ENUM_VALUE (APL_ATTITUDE_NEUTRAL, "neutral"),
                    G_DEFINE_ENUM_VALUE (APL_ATTITUDE_SUPPORTER, "supporter"))

G_DEFINE_ENUM_TYPE (AplQuadrant, apl_quadrant,
                    G_DEFINE_ENUM_VALUE (APL_QUADRANT_MANAGE_CLOSELY, "manage-closely"),
                    G_DEFINE_ENUM_VALUE (APL_QUADRANT_KEEP_SATISFIED, "keep-satisfied"),
                    G_DEFINE_ENUM_VALUE (APL_QUADRANT_KEEP_INFORMED, "keep-informed"),
                    G_DEFINE_ENUM_VALUE (APL_QUADRANT_MONITOR, "monitor"))

/* Quadrants and attitudes */

/**
 * apl_quadrant_for:
 * @influence: 0 to 100 (power over the outcome)
 * @interest: 0 to 100 (how much the stakeholder cares)
 *
 * Mendelow's grid. A value of %APL_QUADRANT_THRESHOLD (50) or more counts
 * as high: a stakeholder placed exactly on a boundary gets the closer
 * attention, which is the safer mistake in a crisis.
 */
AplQuadrant
apl_quadrant_for (int influence,
                  int interest)
{
  gboolean high_power = influence >= APL_QUADRANT_THRESHOLD;
  gboolean high_interest = interest >= APL_QUADRANT_THRESHOLD;

  if (high_power)
    return high_interest ? APL_QUADRANT_MANAGE_CLOSELY : APL_QUADRANT_KEEP_SATISFIED;
  return high_interest ? APL_QUADRANT_KEEP_INFORMED : APL_QUADRANT_MONITOR;
}

/* Stable keys, for scripts and files; never shown as they are. */
const char *
apl_quadrant_to_string (AplQuadrant quadrant)
{
  switch (quadrant)
    {
    case APL_QUADRANT_MANAGE_CLOSELY:
      return "manage-closely";
    case APL_QUADRANT_KEEP_SATISFIED:
      return "keep-satisfied";
    case APL_QUADRANT_KEEP_INFORMED:
      return "keep-informed";
    case APL_QUADRANT_MONITOR:
    default:
      return "monitor";
    }
}

const char *
apl_quadrant_get_label (AplQuadrant quadrant)
{
  switch (quadrant)
    {
    case APL_QUADRANT_MANAGE_CLOSELY:
      return _("Manage closely");
    case APL_QUADRANT_KEEP_SATISFIED:
      return _("Keep satisfied");
    case APL_QUADRANT_KEEP_INFORMED:
      return _("Keep informed");
    case APL_QUADRANT_MONITOR:
    default:
      return _("Monitor");
    }
}

const char *
apl_attitude_to_string (AplAttitude attitude)
{
  switch (attitude)
    {
    case APL_ATTITUDE_CRITIC:
      return "critic";
    case APL_ATTITUDE_SUPPORTER:
      return "supporter";
    case APL_ATTITUDE_NEUTRAL:
    default:
      return "neutral";
    }
}

gboolean
apl_attitude_from_string (const char  *text,
                          AplAttitude *attitude)
{
  for (AplAttitude a = APL_ATTITUDE_CRITIC; a <= APL_ATTITUDE_SUPPORTER; a++)
    if (g_strcmp0 (text, apl_attitude_to_string (a)) == 0)
      {
        *attitude = a;
        return TRUE;
      }
  return FALSE;
}

const char *
apl_attitude_get_label (AplAttitude attitude)
{
  switch (attitude)
    {
    case APL_ATTITUDE_CRITIC:
      return _("Critic");
    case APL_ATTITUDE_SUPPORTER:
      return _("Supporter");
    case APL_ATTITUDE_NEUTRAL:
    default:
      return _("Neutral");
    }
}

/**
 * apl_attitude_describe:
 *
 * Returns: (transfer full): the attitude with its strength, as a screen
 * reader or a list says it ("strong critic").
 */
char *
apl_attitude_describe (AplAttitude attitude,
                       int         strength)
{
  if (attitude == APL_ATTITUDE_NEUTRAL)
    return g_strdup (_("Neutral"));

  switch (strength)
    {
    case 3:
      return g_strdup (attitude == APL_ATTITUDE_CRITIC ? _("Strong critic") : _("Strong supporter"));
    case 2:
      return g_strdup (attitude == APL_ATTITUDE_CRITIC ? _("Critic") : _("Supporter"));
    default:
      return g_strdup (attitude == APL_ATTITUDE_CRITIC ? _("Mild critic") : _("Mild supporter"));
    }
}

/* AplPlacement */

struct _AplPlacement
{
  GObject          parent_instance;

  AplStore        *store;          /* weak */
  gint64           plan_id;
  AplStakeholder  *stakeholder;
  AplPlacementRow  row;
};

G_DEFINE_FINAL_TYPE (AplPlacement, apl_placement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAKEHOLDER,
  PROP_NAME,
  PROP_GROUP_NAME,
  PROP_INFLUENCE,
  PROP_INTEREST,
  PROP_ATTITUDE,
  PROP_STRENGTH,
  PROP_ATTITUDE_LABEL,
  PROP_QUADRANT,
  PROP_QUADRANT_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
stakeholder_notify_cb (AplPlacement *self,
                       GParamSpec   *pspec)
{
  /* Lists and cards bind to the placement only, so pass these on. */
  if (g_strcmp0 (pspec->name, "name") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  else if (g_strcmp0 (pspec->name, "group-name") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_NAME]);
}

static void
apl_placement_finalize (GObject *object)
{
  AplPlacement *self = APL_PLACEMENT (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_clear_object (&self->stakeholder);
  G_OBJECT_CLASS (apl_placement_parent_class)->finalize (object);
}

static void
apl_placement_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AplPlacement *self = APL_PLACEMENT (object);

  switch (prop_id)
    {
    case PROP_STAKEHOLDER:
      g_value_set_object (value, self->stakeholder);
      break;
    case PROP_NAME:
      g_value_set_string (value, apl_stakeholder_get_name (self->stakeholder));
      break;
    case PROP_GROUP_NAME:
      g_value_set_string (value, apl_stakeholder_get_group_name (self->stakeholder));
      break;
    case PROP_INFLUENCE:
      g_value_set_int (value, self->row.influence);
      break;
    case PROP_INTEREST:
      g_value_set_int (value, self->row.interest);
      break;
    case PROP_ATTITUDE:
      g_value_set_enum (value, self->row.attitude);
      break;
    case PROP_STRENGTH:
      g_value_set_int (value, self->row.strength);
      break;
    case PROP_ATTITUDE_LABEL:
      g_value_take_string (value, apl_attitude_describe (self->row.attitude, self->row.strength));
      break;
    case PROP_QUADRANT:
      g_value_set_enum (value, apl_placement_get_quadrant (self));
      break;
    case PROP_QUADRANT_LABEL:
      g_value_set_string (value, apl_quadrant_get_label (apl_placement_get_quadrant (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_placement_class_init (AplPlacementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = apl_placement_finalize;
  object_class->get_property = apl_placement_get_property;

  properties[PROP_STAKEHOLDER] =
    g_param_spec_object ("stakeholder", NULL, NULL, APL_TYPE_STAKEHOLDER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_GROUP_NAME] = g_param_spec_string ("group-name", NULL, NULL, "", flags);
  properties[PROP_INFLUENCE] =
    g_param_spec_int ("influence", NULL, NULL, APL_PLACEMENT_MIN, APL_PLACEMENT_MAX, 50, flags);
  properties[PROP_INTEREST] =
    g_param_spec_int ("interest", NULL, NULL, APL_PLACEMENT_MIN, APL_PLACEMENT_MAX, 50, flags);
  properties[PROP_ATTITUDE] =
    g_param_spec_enum ("attitude", NULL, NULL, APL_TYPE_ATTITUDE, APL_ATTITUDE_NEUTRAL, flags);
  properties[PROP_STRENGTH] =
    g_param_spec_int ("strength", NULL, NULL, APL_STRENGTH_MIN, APL_STRENGTH_MAX, 1, flags);
  properties[PROP_ATTITUDE_LABEL] = g_param_spec_string ("attitude-label", NULL, NULL, "", flags);
  properties[PROP_QUADRANT] =
    g_param_spec_enum ("quadrant", NULL, NULL, APL_TYPE_QUADRANT, APL_QUADRANT_MANAGE_CLOSELY, flags);
  properties[PROP_QUADRANT_LABEL] = g_param_spec_string ("quadrant-label", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_placement_init (AplPlacement *self)
{
}

AplPlacement *
_apl_placement_new (AplStore              *store,
                    gint64                 plan_id,
                    AplStakeholder        *stakeholder,
                    const AplPlacementRow *row)
{
  AplPlacement *self = g_object_new (APL_TYPE_PLACEMENT, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->plan_id = plan_id;
  self->stakeholder = g_object_ref (stakeholder);
  self->row = *row;
  g_signal_connect_object (stakeholder, "notify", G_CALLBACK (stakeholder_notify_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/* Public API */

gint64
apl_placement_get_plan_id (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), 0);
  return self->plan_id;
}

/**
 * apl_placement_get_stakeholder:
 *
 * Returns: (transfer none): the stakeholder in the register
 */
AplStakeholder *
apl_placement_get_stakeholder (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), NULL);
  return self->stakeholder;
}

int
apl_placement_get_influence (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), 0);
  return self->row.influence;
}

int
apl_placement_get_interest (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), 0);
  return self->row.interest;
}

AplAttitude
apl_placement_get_attitude (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), APL_ATTITUDE_NEUTRAL);
  return self->row.attitude;
}

int
apl_placement_get_strength (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), APL_STRENGTH_MIN);
  return self->row.strength;
}

AplQuadrant
apl_placement_get_quadrant (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), APL_QUADRANT_MONITOR);
  return apl_quadrant_for (self->row.influence, self->row.interest);
}

/**
 * apl_placement_get_stance:
 *
 * Returns: the attitude as one number from -3 (strong critic) to +3
 * (strong supporter), 0 for neutral: what a list sorts by.
 */
int
apl_placement_get_stance (AplPlacement *self)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), 0);

  switch (self->row.attitude)
    {
    case APL_ATTITUDE_CRITIC:
      return -self->row.strength;
    case APL_ATTITUDE_SUPPORTER:
      return self->row.strength;
    case APL_ATTITUDE_NEUTRAL:
    default:
      return 0;
    }
}

/**
 * apl_placement_validate:
 *
 * Refuses what the map cannot show. The window clamps what it offers; this
 * is the last line for scripts and imported files.
 */
gboolean
apl_placement_validate (int           influence,
                        int           interest,
                        AplAttitude   attitude,
                        int           strength,
                        GError      **error)
{
  if (influence < APL_PLACEMENT_MIN || influence > APL_PLACEMENT_MAX)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Influence must be between %d and %d, not %d."),
                   APL_PLACEMENT_MIN, APL_PLACEMENT_MAX, influence);
      return FALSE;
    }
  if (interest < APL_PLACEMENT_MIN || interest > APL_PLACEMENT_MAX)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Interest must be between %d and %d, not %d."),
                   APL_PLACEMENT_MIN, APL_PLACEMENT_MAX, interest);
      return FALSE;
    }
  if ((int) attitude < APL_ATTITUDE_CRITIC || attitude > APL_ATTITUDE_SUPPORTER)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A stakeholder is a supporter, neutral or a critic."));
      return FALSE;
    }
  if (strength < APL_STRENGTH_MIN || strength > APL_STRENGTH_MAX)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The strength of an attitude must be between %d and %d, not %d."),
                   APL_STRENGTH_MIN, APL_STRENGTH_MAX, strength);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_row (AplPlacement           *self,
           const AplPlacementRow  *row,
           GError                **error)
{
  AplPlacementRow old = self->row;

  if (!apl_placement_validate (row->influence, row->interest, row->attitude, row->strength, error))
    return FALSE;
  if (memcmp (&old, row, sizeof old) == 0)
    return TRUE;

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (!_apl_store_write_placement (self->store, self->plan_id, row, error))
    return FALSE;

  _apl_placement_apply_row (self, row);
  return TRUE;
}

/* Takes values the workspace already holds (written here, or by a plan
 * import) and notifies what changed. */
void
_apl_placement_apply_row (AplPlacement          *self,
                          const AplPlacementRow *row)
{
  AplPlacementRow old = self->row;
  AplQuadrant old_quadrant = apl_placement_get_quadrant (self);

  g_return_if_fail (row->stakeholder_id == old.stakeholder_id);

  self->row = *row;

  g_object_freeze_notify (G_OBJECT (self));
  if (old.influence != row->influence)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INFLUENCE]);
  if (old.interest != row->interest)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTEREST]);
  if (old.attitude != row->attitude)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTITUDE]);
  if (old.strength != row->strength)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH]);
  if (old.attitude != row->attitude || old.strength != row->strength)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTITUDE_LABEL]);
  if (old_quadrant != apl_placement_get_quadrant (self))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUADRANT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUADRANT_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * apl_placement_set_position:
 *
 * Moves the stakeholder on the map: both values in one transaction, as a
 * drag ends.
 */
gboolean
apl_placement_set_position (AplPlacement  *self,
                            int            influence,
                            int            interest,
                            GError       **error)
{
  AplPlacementRow row;

  g_return_val_if_fail (APL_IS_PLACEMENT (self), FALSE);

  row = self->row;
  row.influence = influence;
  row.interest = interest;
  return write_row (self, &row, error);
}

gboolean
apl_placement_set_influence (AplPlacement  *self,
                             int            influence,
                             GError       **error)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), FALSE);
  return apl_placement_set_position (self, influence, self->row.interest, error);
}

gboolean
apl_placement_set_interest (AplPlacement  *self,
                            int            interest,
                            GError       **error)
{
  g_return_val_if_fail (APL_IS_PLACEMENT (self), FALSE);
  return apl_placement_set_position (self, self->row.influence, interest, error);
}

gboolean
apl_placement_set_attitude (AplPlacement  *self,
                            AplAttitude    attitude,
                            int            strength,
                            GError       **error)
{
  AplPlacementRow row;

  g_return_val_if_fail (APL_IS_PLACEMENT (self), FALSE);

  row = self->row;
  row.attitude = attitude;
  row.strength = strength;
  return write_row (self, &row, error);
}

/* For the placement list's Undo: the values the placement had when it was
 * removed are the ones it comes back with. */
const AplPlacementRow *
_apl_placement_get_row (AplPlacement *self)
{
  return &self->row;
}
