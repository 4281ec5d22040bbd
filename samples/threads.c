/* Three threads that each loop calling work() until main tells them to
   stop, after LIMIT rounds of 10 ms (default 100): a multi-threaded
   target to launch or attach to. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile int running = 1;
static volatile long counts[3];

void work(long id)
{
	counts[id]++;
}

static void *loop(void *arg)
{
	long id = (long)arg;
	struct timespec ts = { 0, 1000000 };

	while (running) {
		work(id);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long limit = argc > 1 ? atol(argv[1]) : 100, i;
	struct timespec ts = { 0, 10000000 };
	pthread_t t[3];

	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, loop, (void *)i);
	for (i = 0; i < limit; i++)
		nanosleep(&ts, NULL);
	running = 0;
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("done %d\n", counts[0] > 0 && counts[1] > 0 && counts[2] > 0);
	return 0;
}
