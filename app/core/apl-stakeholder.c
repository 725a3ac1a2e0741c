/* apl-stakeholder.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stakeholder in the workspace's register, the group it belongs to, and
 * the relationships between stakeholders. Setters write through to the
 * workspace and change the object only once the change is on disk.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "apl-stakeholder-private.h"
#include "apl-store-private.h"
#include "apl-text.h"

#define NAME_MAX_CHARS 200
#define TEXT_MAX_BYTES (64 * 1024)

G_DEFINE_ENUM_TYPE (AplStakeholderKind, apl_stakeholder_kind,
                    G_DEFINE_ENUM_VALUE (APL_STAKEHOLDER_KIND_ORGANISATION, "organisation"),
                    G_DEFINE_ENUM_VALUE (APL_STAKEHOLDER_KIND_PERSON, "person"))

G_DEFINE_ENUM_TYPE (AplRelationshipKind, apl_relationship_kind,
                    G_DEFINE_ENUM_VALUE (APL_RELATIONSHIP_INFLUENCES, "influences"),
                    G_DEFINE_ENUM_VALUE (APL_RELATIONSHIP_REPORTS_TO, "reports-to"),
                    G_DEFINE_ENUM_VALUE (APL_RELATIONSHIP_ALLIED_WITH, "allied-with"))

/* The groups every workspace starts with. The workspace stores the key;
 * the name is translated each time it is shown. */
static const struct { const char *key; const char *name; } seeded_groups[] = {
  { "employees", N_("Employees") },
  { "customers", N_("Customers") },
  { "investors", N_("Investors") },
  { "regulators", N_("Regulators") },
  { "authorities", N_("Authorities") },
  { "media", N_("Media") },
  { "partners", N_("Partners and suppliers") },
  { "communities", N_("Local communities") },
  { "ngos", N_("NGOs") },
  { "unions", N_("Unions") },
  { "others", N_("Others") },
};

const char *
apl_stakeholder_kind_to_string (AplStakeholderKind kind)
{
  return kind == APL_STAKEHOLDER_KIND_PERSON ? "person" : "organisation";
}

const char *
apl_stakeholder_kind_get_label (AplStakeholderKind kind)
{
  return kind == APL_STAKEHOLDER_KIND_PERSON ? _("Person") : _("Organisation");
}

const char *
apl_relationship_kind_to_string (AplRelationshipKind kind)
{
  switch (kind)
    {
    case APL_RELATIONSHIP_REPORTS_TO:
      return "reports-to";
    case APL_RELATIONSHIP_ALLIED_WITH:
      return "allied-with";
    case APL_RELATIONSHIP_INFLUENCES:
    default:
      return "influences";
    }
}

const char *
apl_relationship_kind_get_label (AplRelationshipKind kind)
{
  switch (kind)
    {
    case APL_RELATIONSHIP_REPORTS_TO:
      return _("reports to");
    case APL_RELATIONSHIP_ALLIED_WITH:
      return _("allied with");
    case APL_RELATIONSHIP_INFLUENCES:
    default:
      return _("influences");
    }
}

/* ------------------------------------------------------------------ */
/* AplStakeholderGroup                                                */
/* ------------------------------------------------------------------ */

struct _AplStakeholderGroup
{
  GObject   parent_instance;

  AplStore *store;          /* weak */
  gint64    id;
  char     *key;
  char     *name;
  int       position;
};

G_DEFINE_FINAL_TYPE (AplStakeholderGroup, apl_stakeholder_group, G_TYPE_OBJECT)

enum {
  GROUP_PROP_0,
  GROUP_PROP_ID,
  GROUP_PROP_KEY,
  GROUP_PROP_NAME,
  GROUP_N_PROPS
};

static GParamSpec *group_properties[GROUP_N_PROPS];

static void
apl_stakeholder_group_finalize (GObject *object)
{
  AplStakeholderGroup *self = APL_STAKEHOLDER_GROUP (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  g_free (self->key);
  g_free (self->name);
  G_OBJECT_CLASS (apl_stakeholder_group_parent_class)->finalize (object);
}

static void
apl_stakeholder_group_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AplStakeholderGroup *self = APL_STAKEHOLDER_GROUP (object);

  switch (prop_id)
    {
    case GROUP_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case GROUP_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case GROUP_PROP_NAME:
      g_value_set_string (value, apl_stakeholder_group_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_stakeholder_group_class_init (AplStakeholderGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = apl_stakeholder_group_finalize;
  object_class->get_property = apl_stakeholder_group_get_property;

  group_properties[GROUP_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  group_properties[GROUP_PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  group_properties[GROUP_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, GROUP_N_PROPS, group_properties);
}

static void
apl_stakeholder_group_init (AplStakeholderGroup *self)
{
}

AplStakeholderGroup *
_apl_stakeholder_group_new (AplStore          *store,
                            const AplGroupRow *row)
{
  AplStakeholderGroup *self = g_object_new (APL_TYPE_STAKEHOLDER_GROUP, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->id = row->id;
  self->key = g_strdup (row->key);
  self->name = g_strdup (row->name ? row->name : "");
  self->position = row->position;
  return self;
}

void
_apl_stakeholder_group_apply_name (AplStakeholderGroup *self,
                                   const char          *name)
{
  g_clear_pointer (&self->key, g_free);
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), group_properties[GROUP_PROP_KEY]);
  g_object_notify_by_pspec (G_OBJECT (self), group_properties[GROUP_PROP_NAME]);
}

int
_apl_stakeholder_group_get_position (AplStakeholderGroup *self)
{
  return self->position;
}

gint64
apl_stakeholder_group_get_id (AplStakeholderGroup *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_GROUP (self), 0);
  return self->id;
}

/**
 * apl_stakeholder_group_get_key:
 *
 * Returns: (nullable): the stable key of a group Aplomb seeded ("media"),
 * or %NULL for a group the user made or renamed.
 */
const char *
apl_stakeholder_group_get_key (AplStakeholderGroup *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_GROUP (self), NULL);
  return self->key;
}

/**
 * apl_stakeholder_group_get_name:
 *
 * Returns: the name to show: a seeded group's name in the user's language,
 * or the user's own text.
 */
const char *
apl_stakeholder_group_get_name (AplStakeholderGroup *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER_GROUP (self), NULL);

  if (self->key != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (seeded_groups); i++)
        if (strcmp (seeded_groups[i].key, self->key) == 0)
          return _(seeded_groups[i].name);
      return self->key;
    }
  return self->name;
}

static gboolean
validate_name (const char  *value,
               const char  *empty_message,
               GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("The text contains characters that are not text."));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID, empty_message);
      return FALSE;
    }
  if (g_utf8_strlen (trimmed, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A name can be at most %d characters long."), NAME_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

/**
 * apl_stakeholder_group_set_name:
 *
 * Renames the group. A seeded group renamed by the user keeps the user's
 * text from then on, in every language.
 */
gboolean
apl_stakeholder_group_set_name (AplStakeholderGroup  *self,
                                const char           *name,
                                GError              **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (APL_IS_STAKEHOLDER_GROUP (self), FALSE);

  if (!validate_name (name, _("A stakeholder group needs a name."), error))
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  if (self->key == NULL && g_strcmp0 (self->name, clean) == 0)
    return TRUE;

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  if (!_apl_store_write_stakeholder_group_name (self->store, self->id, clean, error))
    return FALSE;

  _apl_stakeholder_group_apply_name (self, clean);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* AplStakeholder                                                     */
/* ------------------------------------------------------------------ */

struct _AplStakeholder
{
  GObject              parent_instance;

  AplStore            *store;          /* weak */
  gint64               id;
  char                *fields[APL_STAKEHOLDER_N_FIELDS];
  AplStakeholderKind   kind;
  AplStakeholderGroup *group;
  char                *created;
  char                *updated;
};

G_DEFINE_FINAL_TYPE (AplStakeholder, apl_stakeholder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_CONCERNS,
  PROP_CHANNELS,
  PROP_OWNER,
  PROP_NOTES,
  PROP_LAST_REVIEWED,
  PROP_KIND,
  PROP_GROUP,
  PROP_GROUP_NAME,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Indexed by AplStakeholderField. */
static const guint field_props[APL_STAKEHOLDER_N_FIELDS] = {
  PROP_NAME, PROP_DESCRIPTION, PROP_CONCERNS, PROP_CHANNELS, PROP_OWNER, PROP_NOTES, PROP_LAST_REVIEWED,
};

static void
group_name_changed_cb (AplStakeholder *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_NAME]);
}

static void
set_group (AplStakeholder      *self,
           AplStakeholderGroup *group)
{
  if (self->group != NULL)
    g_signal_handlers_disconnect_by_func (self->group, group_name_changed_cb, self);
  g_set_object (&self->group, group);
  if (group != NULL)
    g_signal_connect_object (group, "notify::name", G_CALLBACK (group_name_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
apl_stakeholder_dispose (GObject *object)
{
  set_group (APL_STAKEHOLDER (object), NULL);
  G_OBJECT_CLASS (apl_stakeholder_parent_class)->dispose (object);
}

static void
apl_stakeholder_finalize (GObject *object)
{
  AplStakeholder *self = APL_STAKEHOLDER (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_free (self->created);
  g_free (self->updated);
  G_OBJECT_CLASS (apl_stakeholder_parent_class)->finalize (object);
}

static void
apl_stakeholder_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AplStakeholder *self = APL_STAKEHOLDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_GROUP:
      g_value_set_object (value, self->group);
      break;
    case PROP_GROUP_NAME:
      g_value_set_string (value, apl_stakeholder_get_group_name (self));
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    default:
      for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
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
apl_stakeholder_class_init (AplStakeholderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = apl_stakeholder_dispose;
  object_class->finalize = apl_stakeholder_finalize;
  object_class->get_property = apl_stakeholder_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = text_property ("name");
  properties[PROP_DESCRIPTION] = text_property ("description");
  properties[PROP_CONCERNS] = text_property ("concerns");
  properties[PROP_CHANNELS] = text_property ("channels");
  properties[PROP_OWNER] = text_property ("owner");
  properties[PROP_NOTES] = text_property ("notes");
  properties[PROP_LAST_REVIEWED] = text_property ("last-reviewed");
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, APL_TYPE_STAKEHOLDER_KIND, APL_STAKEHOLDER_KIND_ORGANISATION,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL, APL_TYPE_STAKEHOLDER_GROUP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_NAME] = text_property ("group-name");
  properties[PROP_CREATED] = text_property ("created");
  properties[PROP_UPDATED] = text_property ("updated");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_stakeholder_init (AplStakeholder *self)
{
}

AplStakeholder *
_apl_stakeholder_new (AplStore                *store,
                      const AplStakeholderRow *row,
                      AplStakeholderGroup     *group)
{
  AplStakeholder *self = g_object_new (APL_TYPE_STAKEHOLDER, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->id = row->id;
  for (guint i = 0; i < APL_STAKEHOLDER_N_FIELDS; i++)
    self->fields[i] = g_strdup (row->fields[i] ? row->fields[i] : "");
  self->kind = row->kind;
  set_group (self, group);
  self->created = g_strdup (row->created);
  self->updated = g_strdup (row->updated);
  return self;
}

static void
apply_updated (AplStakeholder *self,
               char           *updated)
{
  g_free (self->updated);
  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

static gboolean
check_store (AplStakeholder  *self,
             GError         **error)
{
  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return FALSE;
    }
  return TRUE;
}

gint64
apl_stakeholder_get_id (AplStakeholder *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), 0);
  return self->id;
}

const char *
apl_stakeholder_get_field (AplStakeholder      *self,
                           AplStakeholderField  field)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), NULL);
  g_return_val_if_fail (field < APL_STAKEHOLDER_N_FIELDS, NULL);
  return self->fields[field];
}

static gboolean
is_date (const char *text)
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
  return g_date_valid_dmy (day, month, year);
}

/**
 * apl_stakeholder_validate_field:
 *
 * Checks a value before it is saved, so that the window can mark the field
 * and keep what the user typed.
 */
gboolean
apl_stakeholder_validate_field (AplStakeholderField   field,
                                const char           *value,
                                GError              **error)
{
  g_return_val_if_fail (field < APL_STAKEHOLDER_N_FIELDS, FALSE);

  if (value == NULL)
    value = "";
  if (!apl_text_check (value, TEXT_MAX_BYTES, error))
    return FALSE;

  if (field == APL_STAKEHOLDER_FIELD_NAME)
    return validate_name (value, _("A stakeholder needs a name."), error);

  if (field == APL_STAKEHOLDER_FIELD_LAST_REVIEWED && *value != '\0' && !is_date (value))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("“%s” is not a date: write it as year-month-day, for example 2027-03-31."), value);
      return FALSE;
    }
  return TRUE;
}

gboolean
apl_stakeholder_set_field (AplStakeholder       *self,
                           AplStakeholderField   field,
                           const char           *value,
                           GError              **error)
{
  g_autofree char *clean = NULL;
  char *updated = NULL;

  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), FALSE);
  g_return_val_if_fail (field < APL_STAKEHOLDER_N_FIELDS, FALSE);

  if (!apl_stakeholder_validate_field (field, value, error))
    return FALSE;

  clean = g_strdup (value ? value : "");
  if (field == APL_STAKEHOLDER_FIELD_NAME)
    g_strstrip (clean);
  if (g_strcmp0 (self->fields[field], clean) == 0)
    return TRUE;

  if (!check_store (self, error)
      || !_apl_store_write_stakeholder (self->store, self->id, field, clean, 0, 0, &updated, error))
    return FALSE;

  g_free (self->fields[field]);
  self->fields[field] = g_steal_pointer (&clean);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field_props[field]]);
  apply_updated (self, updated);
  return TRUE;
}

const char *
apl_stakeholder_get_name (AplStakeholder *self)
{
  return apl_stakeholder_get_field (self, APL_STAKEHOLDER_FIELD_NAME);
}

gboolean
apl_stakeholder_set_name (AplStakeholder  *self,
                          const char      *name,
                          GError         **error)
{
  return apl_stakeholder_set_field (self, APL_STAKEHOLDER_FIELD_NAME, name, error);
}

AplStakeholderKind
apl_stakeholder_get_kind (AplStakeholder *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), APL_STAKEHOLDER_KIND_ORGANISATION);
  return self->kind;
}

gboolean
apl_stakeholder_set_kind (AplStakeholder      *self,
                          AplStakeholderKind   kind,
                          GError             **error)
{
  char *updated = NULL;

  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), FALSE);

  if (kind != APL_STAKEHOLDER_KIND_PERSON && kind != APL_STAKEHOLDER_KIND_ORGANISATION)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("A stakeholder is either a person or an organisation."));
      return FALSE;
    }
  if (self->kind == kind)
    return TRUE;

  if (!check_store (self, error)
      || !_apl_store_write_stakeholder (self->store, self->id, APL_STAKEHOLDER_COLUMN_KIND,
                                        NULL, kind, 0, &updated, error))
    return FALSE;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  apply_updated (self, updated);
  return TRUE;
}

/**
 * apl_stakeholder_get_group:
 *
 * Returns: (transfer none): the group the stakeholder belongs to
 */
AplStakeholderGroup *
apl_stakeholder_get_group (AplStakeholder *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), NULL);
  return self->group;
}

const char *
apl_stakeholder_get_group_name (AplStakeholder *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), NULL);
  return self->group ? apl_stakeholder_group_get_name (self->group) : "";
}

gboolean
apl_stakeholder_set_group (AplStakeholder       *self,
                           AplStakeholderGroup  *group,
                           GError              **error)
{
  char *updated = NULL;

  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), FALSE);

  if (!APL_IS_STAKEHOLDER_GROUP (group))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("Choose a group for the stakeholder."));
      return FALSE;
    }
  if (self->group == group)
    return TRUE;

  if (!check_store (self, error)
      || !_apl_store_write_stakeholder (self->store, self->id, APL_STAKEHOLDER_COLUMN_GROUP,
                                        NULL, 0, apl_stakeholder_group_get_id (group), &updated, error))
    return FALSE;

  set_group (self, group);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_NAME]);
  apply_updated (self, updated);
  return TRUE;
}

const char *
apl_stakeholder_get_created (AplStakeholder *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), NULL);
  return self->created;
}

const char *
apl_stakeholder_get_updated (AplStakeholder *self)
{
  g_return_val_if_fail (APL_IS_STAKEHOLDER (self), NULL);
  return self->updated;
}

/* ------------------------------------------------------------------ */
/* AplRelationship                                                    */
/* ------------------------------------------------------------------ */

struct _AplRelationship
{
  GObject              parent_instance;

  gint64               id;
  AplStakeholder      *from;
  AplStakeholder      *to;
  AplRelationshipKind  kind;
};

G_DEFINE_FINAL_TYPE (AplRelationship, apl_relationship, G_TYPE_OBJECT)

static void
apl_relationship_finalize (GObject *object)
{
  AplRelationship *self = APL_RELATIONSHIP (object);

  g_clear_object (&self->from);
  g_clear_object (&self->to);
  G_OBJECT_CLASS (apl_relationship_parent_class)->finalize (object);
}

static void
apl_relationship_class_init (AplRelationshipClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = apl_relationship_finalize;
}

static void
apl_relationship_init (AplRelationship *self)
{
}

AplRelationship *
_apl_relationship_new (gint64               id,
                       AplStakeholder      *from,
                       AplStakeholder      *to,
                       AplRelationshipKind  kind)
{
  AplRelationship *self = g_object_new (APL_TYPE_RELATIONSHIP, NULL);

  self->id = id;
  self->from = g_object_ref (from);
  self->to = g_object_ref (to);
  self->kind = kind;
  return self;
}

gint64
apl_relationship_get_id (AplRelationship *self)
{
  g_return_val_if_fail (APL_IS_RELATIONSHIP (self), 0);
  return self->id;
}

/**
 * apl_relationship_get_from:
 *
 * Returns: (transfer none): the stakeholder the relationship starts from
 */
AplStakeholder *
apl_relationship_get_from (AplRelationship *self)
{
  g_return_val_if_fail (APL_IS_RELATIONSHIP (self), NULL);
  return self->from;
}

/**
 * apl_relationship_get_to:
 *
 * Returns: (transfer none): the stakeholder the relationship points at
 */
AplStakeholder *
apl_relationship_get_to (AplRelationship *self)
{
  g_return_val_if_fail (APL_IS_RELATIONSHIP (self), NULL);
  return self->to;
}

AplRelationshipKind
apl_relationship_get_kind (AplRelationship *self)
{
  g_return_val_if_fail (APL_IS_RELATIONSHIP (self), APL_RELATIONSHIP_INFLUENCES);
  return self->kind;
}
