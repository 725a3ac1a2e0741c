/* apl-message-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between a message object and the store that writes it. No SQLite here.
 */

#pragma once

#include "apl-messages.h"

G_BEGIN_DECLS

AplMessage *_apl_message_new               (AplStore            *store,
                                            gint64               id,
                                            gint64               plan_id,
                                            const char          *variant_group,
                                            const char * const  *fields,
                                            const char          *updated);
AplStore   *_apl_message_get_store         (AplMessage          *self);
void        _apl_message_apply             (AplMessage          *self,
                                            const char * const  *fields,
                                            const char          *updated);

GDateTime  *_apl_messages_now              (void);
char       *_apl_messages_now_iso          (void);

gboolean    _apl_store_write_message_field (AplStore            *self,
                                            AplMessage          *message,
                                            AplMessageField      field,
                                            const char          *value,
                                            const char          *author,
                                            GError             **error);
GPtrArray  *_apl_store_list_message_versions (AplStore          *self,
                                              AplMessage        *message,
                                              GError           **error);
gboolean    _apl_store_restore_message_version (AplStore        *self,
                                                AplMessage      *message,
                                                guint            number,
                                                const char      *author,
                                                GError         **error);

G_END_DECLS
