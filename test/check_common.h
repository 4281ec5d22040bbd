/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared declarations of the Check test suites and their helpers. */
#ifndef CHECK_COMMON_H
#define CHECK_COMMON_H

#include <check.h>

/* Each test/check_*.c defines one or more `Suite *NAME_suite(void)`, with
   the name at the start of a line; the Makefile collects them.  */
#define SUITE(name) Suite *name(void);
#include "suites.h"
#undef SUITE

/* Path of a built sample ("callee8-O0"), from $SAMPLES (set by make check).
   Returns a static buffer.  */
const char *sample_path(const char *name);
/* Path of the framescope binary, from $FRAMESCOPE.  */
const char *framescope_path(void);

#endif
