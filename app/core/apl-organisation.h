/* apl-organisation.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define APL_TYPE_ORGANISATION (apl_organisation_get_type ())

G_DECLARE_FINAL_TYPE (AplOrganisation, apl_organisation, APL, ORGANISATION, GObject)

/**
 * AplOrganisationField:
 *
 * The organisation profile: one per workspace, used by message templates
 * for `{{organisation}}`, `{{website}}`, `{{hotline}}` and `{{spokesperson}}`.
 */
typedef enum
{
  APL_ORGANISATION_FIELD_NAME,
  APL_ORGANISATION_FIELD_WEBSITE,
  APL_ORGANISATION_FIELD_PRESS_HOTLINE,
  APL_ORGANISATION_FIELD_SPOKESPERSON,
  APL_ORGANISATION_N_FIELDS
} AplOrganisationField;

const char *apl_organisation_get_field (AplOrganisation      *self,
                                        AplOrganisationField  field);
gboolean    apl_organisation_set_field (AplOrganisation      *self,
                                        AplOrganisationField  field,
                                        const char           *value,
                                        GError              **error);

G_END_DECLS
