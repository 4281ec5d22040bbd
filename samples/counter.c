/* Prints a counter LIMIT times (default 50), one every DELAY_MS
   milliseconds (default 100): a long-running target to attach to. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void tick(long i)
{
	printf("count %ld\n", i);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	long limit = argc > 1 ? atol(argv[1]) : 50;
	long delay = argc > 2 ? atol(argv[2]) : 100;
	struct timespec ts = { delay / 1000, (delay % 1000) * 1000000L };
	long i;

	for (i = 0; i < limit; i++) {
		tick(i);
		nanosleep(&ts, NULL);
	}
	return 0;
}
