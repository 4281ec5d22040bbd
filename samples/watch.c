/* Writes and reads of a global, a local and a struct: watchpoints.  */
#include <stdio.h>

struct pair {
	long a, b;
};

int counter;
long total;
struct pair pair;
char bytes[16];

static int
bump(int by)
{
	int acc = 0;

	acc += by;
	acc += by;
	counter += acc;
	return acc;
}

int
main(void)
{
	int i, seen = 0;

	for (i = 0; i < 3; i++) {
		bump(i);
		counter = counter;
		seen += counter;
	}
	pair.a = 1;
	pair.b = 2;
	bytes[3] = 'x';
	total = seen;
	printf("%d %ld\n", counter, total);
	return 0;
}
