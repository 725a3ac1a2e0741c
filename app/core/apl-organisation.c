/* apl-organisation.c
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

#define FIELD_MAX_BYTES 4096

struct _AplOrganisation
{
  GObject   parent_instance;

  AplStore *store;          /* weak */
  char     *fields[APL_ORGANISATION_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (AplOrganisation, apl_organisation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_WEBSITE,
  PROP_PRESS_HOTLINE,
  PROP_SPOKESPERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apl_organisation_finalize (GObject *object)
{
  AplOrganisation *self = APL_ORGANISATION (object);

  if (self->store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    g_free (self->fields[i]);

  G_OBJECT_CLASS (apl_organisation_parent_class)->finalize (object);
}

static void
apl_organisation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AplOrganisation *self = APL_ORGANISATION (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->fields[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
apl_organisation_class_init (AplOrganisationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "name", "website", "press-hotline", "spokesperson" };

  object_class->finalize = apl_organisation_finalize;
  object_class->get_property = apl_organisation_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    properties[i + 1] = g_param_spec_string (names[i], NULL, NULL, "",
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
apl_organisation_init (AplOrganisation *self)
{
}

AplOrganisation *
_apl_organisation_new (AplStore           *store,
                       const char * const *fields)
{
  AplOrganisation *self = g_object_new (APL_TYPE_ORGANISATION, NULL);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  for (guint i = 0; i < APL_ORGANISATION_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i] ? fields[i] : "");

  return self;
}

const char *
apl_organisation_get_field (AplOrganisation      *self,
                            AplOrganisationField  field)
{
  g_return_val_if_fail (APL_IS_ORGANISATION (self), NULL);
  g_return_val_if_fail (field < APL_ORGANISATION_N_FIELDS, NULL);
  return self->fields[field];
}

/**
 * apl_organisation_set_field:
 *
 * Saves one field of the profile at once; the object changes only once the
 * change is on disk.
 */
gboolean
apl_organisation_set_field (AplOrganisation       *self,
                            AplOrganisationField   field,
                            const char            *value,
                            GError               **error)
{
  g_return_val_if_fail (APL_IS_ORGANISATION (self), FALSE);
  g_return_val_if_fail (field < APL_ORGANISATION_N_FIELDS, FALSE);

  if (value == NULL)
    value = "";

  if (!apl_text_check (value, FIELD_MAX_BYTES, error))
    return FALSE;

  if (g_strcmp0 (self->fields[field], value) == 0)
    return TRUE;

  if (self->store == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return FALSE;
    }

  if (!_apl_store_write_organisation_field (self->store, field, value, error))
    return FALSE;

  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field + 1]);
  return TRUE;
}
