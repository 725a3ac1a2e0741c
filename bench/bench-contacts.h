/* bench-contacts.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the benchmarks ask of the contact book, in one place. The
 * contact book is landing while the benchmarks are written: when its API is
 * not there (the build probes for it), bench_contacts_missing() says
 * what is missing and the figures that need
 * it are reported as missing instead of being made up.
 */

#pragma once

#include "apl-store.h"

G_BEGIN_DECLS

const char *bench_contacts_missing      (void);

gboolean    bench_contacts_import_csv   (AplStore     *store,
                                         const char   *path,
                                         guint        *n_created,
                                         GError      **error);

/* A hand-picked segment called @name holding every contact of the book
 * (do-not-contact ones too), its members written in one transaction. */
gint64      bench_contacts_segment_all  (AplStore     *store,
                                         const char   *name,
                                         guint        *n_members,
                                         GError      **error);
gboolean    bench_contacts_delete_segment (AplStore   *store,
                                           gint64      segment_id,
                                           GError    **error);

typedef struct _BenchSearch BenchSearch;

/* NULL and @why set when in-process search cannot be measured. */
BenchSearch *bench_search_new           (AplStore     *store,
                                         char        **why);
/* What the search goes through, for the report. */
const char  *bench_search_describe      (BenchSearch  *search);
/* Sets the search text as the contacts view does on a keystroke and
 * returns how many contacts the list then holds. */
gint64       bench_search_type          (BenchSearch  *search,
                                         const char   *text,
                                         GError      **error);
void         bench_search_free          (BenchSearch  *search);

G_END_DECLS
