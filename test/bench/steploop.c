/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * steploop: the program `make bench` single-steps, a loop whose calls keep
 * the stack three to four frames deep (main, outer, middle, inner) and
 * that calls nothing in the C library, so every step is of this code.
 */
#include <stdlib.h>

static volatile unsigned long sink;

static unsigned long
inner(unsigned long x)
{
	return x * 2654435761UL + 1;
}

static unsigned long
middle(unsigned long x)
{
	return inner(x) ^ inner(x >> 3);
}

static unsigned long
outer(unsigned long x)
{
	return middle(x) + middle(x + 1);
}

int
main(int argc, char **argv)
{
	/* Far more iterations than any step count: the program never
	   ends while it is being stepped.  */
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000000UL;
	unsigned long i;

	for (i = 0; i < n; i++)
		sink += outer(i);
	return 0;
}
