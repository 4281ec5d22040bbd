/* A loop of a few instructions and a call, as long as its argument asks
   (default 1000 times): a long run of small steps, for the page of a run
   (its size is tested, its opening time measured by make bench). */
#include <stdlib.h>

static long
mix(long acc, long i)
{
	return (acc * 3 + i) & 0xffff;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, acc = 0, i;

	for (i = 0; i < n; i++)
		acc = mix(acc, i);
	return (int)(acc & 1);
}
