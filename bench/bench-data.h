/* bench-data.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmark generator draws from: a seeded random generator that
 * gives the same data on every machine and every GLib, and realistic
 * French and English names, outlets, beats and message texts.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 state;
} BenchRng;

void        bench_rng_init     (BenchRng    *rng,
                                guint64      seed);
guint64     bench_rng_next     (BenchRng    *rng);
guint       bench_rng_below    (BenchRng    *rng,
                                guint        n);
const char *bench_rng_pick     (BenchRng    *rng,
                                const char * const *list);

extern const char * const bench_given_names_fr[];
extern const char * const bench_given_names_en[];
extern const char * const bench_family_names_fr[];
extern const char * const bench_family_names_en[];
extern const char * const bench_outlets[];
extern const char * const bench_beats[];
extern const char * const bench_roles[];
extern const char * const bench_countries[];
extern const char * const bench_kinds[];
extern const char * const bench_relationships[];
extern const char * const bench_notes[];
extern const char * const bench_stakeholder_names[];
extern const char * const bench_plan_titles[];
extern const char * const bench_message_sentences_fr[];
extern const char * const bench_message_sentences_en[];

guint       bench_list_length  (const char * const *list);

/* A message body of about @n_chars characters, with placeholders. */
char       *bench_message_text (BenchRng    *rng,
                                gboolean     french,
                                guint        n_chars);

G_END_DECLS
