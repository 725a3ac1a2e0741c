/* fuzz-target.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two entry points every fuzz target defines, as libFuzzer calls them.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Shared set-up: warnings and criticals abort, as a bug should. */
void fuzz_common_init      (void);
