/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one Check runner: every suite of every module. */
#include <stdio.h>
#include <stdlib.h>

#include "check_common.h"

const char *
sample_path(const char *name)
{
	static char buf[4096];
	const char *dir = getenv("SAMPLES");

	snprintf(buf, sizeof buf, "%s/%s", dir ? dir : "samples", name);
	return buf;
}

const char *
framescope_path(void)
{
	const char *p = getenv("FRAMESCOPE");

	return p ? p : "build/framescope";
}

int
main(void)
{
	Suite *(*const suites[])(void) = {
#define SUITE(name) name,
#include "suites.h"
#undef SUITE
	};
	SRunner *sr;
	size_t i;
	int failed;
	char cache[] = "/tmp/fs-check-cache.XXXXXX", cmd[64];

	/* framescope's persistent cache, of this run only: the user's is
	   neither read nor written, and every run starts cold.  */
	if (mkdtemp(cache) == NULL)
		return EXIT_FAILURE;
	setenv("XDG_CACHE_HOME", cache, 1);
	unsetenv("FRAMESCOPE_NO_CACHE");
	sr = srunner_create(NULL);
	for (i = 0; i < sizeof suites / sizeof suites[0]; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
	if (system(cmd) != 0)
		failed++;
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
