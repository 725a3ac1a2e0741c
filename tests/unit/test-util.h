/* test-util.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the unit tests: a private folder per test, and the few
 * ways a test looks at or damages a workspace file from outside the store.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *test_make_tmp_dir          (void);
void    test_remove_tree           (const char *path);

GBytes *test_read_file             (const char *path);
void    test_assert_file_unchanged (const char *path,
                                    GBytes     *before);
guint   test_file_mode             (const char *path);

void    test_sqlite_exec           (const char *path,
                                    const char *sql);
gint64  test_sqlite_int            (const char *path,
                                    const char *sql);
char   *test_sqlite_text           (const char *path,
                                    const char *sql);

guint   test_page_count            (const char *path,
                                    guint      *page_size);
void    test_scribble_page         (const char *path,
                                    guint       page);

void    test_force_c_locale        (void);

G_END_DECLS
