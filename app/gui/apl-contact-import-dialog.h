/* apl-contact-import-dialog.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-contact-book.h"

G_BEGIN_DECLS

#define APL_TYPE_CONTACT_IMPORT_DIALOG (apl_contact_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AplContactImportDialog, apl_contact_import_dialog, APL, CONTACT_IMPORT_DIALOG, AdwWindow)

AplContactImportDialog *apl_contact_import_dialog_new            (GtkWindow              *parent,
                                                                  AplContactBook         *book,
                                                                  const char             *path,
                                                                  GError                **error);
const char             *apl_contact_import_dialog_get_path       (AplContactImportDialog *self);
const int              *apl_contact_import_dialog_get_columns    (AplContactImportDialog *self,
                                                                  guint                  *n_columns);
void                    apl_contact_import_dialog_set_column     (AplContactImportDialog *self,
                                                                  guint                   index,
                                                                  int                     column);
AplContactDuplicates    apl_contact_import_dialog_get_duplicates (AplContactImportDialog *self);
gboolean                apl_contact_import_dialog_get_skip_bad   (AplContactImportDialog *self);
gboolean                apl_contact_import_dialog_is_counted     (AplContactImportDialog *self);
const AplContactImportReport *apl_contact_import_dialog_get_counts (AplContactImportDialog *self);

G_END_DECLS
