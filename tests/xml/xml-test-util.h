/* xml-test-util.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the plan file tests: a workspace in a private folder,
 * a fingerprint of what it holds, and the paths of the fixtures.
 */

#pragma once

#include "apl-plan-xml.h"
#include "apl-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *dir;
  char     *path;
  AplStore *store;
} TestWorkspace;

void      test_workspace_init          (TestWorkspace *ws);
void      test_workspace_clear         (TestWorkspace *ws);
AplPlan  *test_workspace_add_plan      (TestWorkspace *ws,
                                        const char    *title);
char     *test_workspace_fingerprint   (TestWorkspace *ws);

char     *test_fixture_path            (const char    *name);
char     *test_sample_plan_path        (void);

void      test_assert_error_lines      (const GError  *error,
                                        const char    *name);

G_END_DECLS
