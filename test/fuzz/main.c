/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer's entry points for the target named FUZZ_NAME (a string given
   by the Makefile): one binary per target, build-fuzz/fuzz_NAME.  */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct fuzz_target *target;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if ((target = fuzz_target_find(FUZZ_NAME)) == NULL) {
		fprintf(stderr, "no fuzz target %s\n", FUZZ_NAME);
		exit(2);
	}
	if (target->init != NULL && target->init() < 0)
		exit(2);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	target->run(data, size);
	return 0;
}
