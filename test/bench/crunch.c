/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * crunch: the call-light program `make bench` continues under guard:
 * arithmetic in a loop of work, called once per million steps of it, so
 * that nearly every instruction runs between two calls.
 */
#include <stdlib.h>

static volatile unsigned long sink;

static unsigned long
work(unsigned long n)
{
	unsigned long x = 1, i;

	for (i = 0; i < n; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	return x;
}

int
main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100, c;

	for (c = 0; c < n; c++)
		sink += work(1000000);
	return 0;
}
