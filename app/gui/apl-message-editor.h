/* apl-message-editor.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "apl-messages.h"

G_BEGIN_DECLS

#define APL_TYPE_MESSAGE_EDITOR (apl_message_editor_get_type ())

G_DECLARE_FINAL_TYPE (AplMessageEditor, apl_message_editor, APL, MESSAGE_EDITOR, GtkWidget)

/* How long typing must pause before the text is saved. */
#define APL_MESSAGE_EDITOR_SAVE_DELAY_MS 300

void        apl_message_editor_set_store   (AplMessageEditor *self,
                                            AplStore         *store);
void        apl_message_editor_set_author  (AplMessageEditor *self,
                                            const char       *author);
AplMessage *apl_message_editor_get_message (AplMessageEditor *self);
void        apl_message_editor_set_message (AplMessageEditor *self,
                                            AplMessage       *message);
void        apl_message_editor_flush       (AplMessageEditor *self);
void        apl_message_editor_focus_title (AplMessageEditor *self);
char       *apl_message_editor_get_rendered_text (AplMessageEditor *self);

const char *apl_message_editor_get_language_code (guint             index);
const char *apl_message_editor_get_language_name (const char       *code);

G_END_DECLS
