/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * deep: recurses DEPTH deep (default 10000) and calls bottom() at the
 * bottom, so that a breakpoint on bottom() stops with a stack of DEPTH + 2
 * frames for `make bench` to backtrace.
 */
#include <stdlib.h>

void bottom(void);

void
bottom(void)
{
	/* Not optimized away, whatever the flags.  */
	__asm__ volatile("" ::: "memory");
}

static int
recurse(int n)
{
	if (n == 0) {
		bottom();
		return 0;
	}
	/* Used after the call: the recursion is not a tail call.  */
	return recurse(n - 1) + 1;
}

int
main(int argc, char **argv)
{
	int depth = argc > 1 ? atoi(argv[1]) : 10000;

	return recurse(depth) == depth ? 0 : 1;
}
