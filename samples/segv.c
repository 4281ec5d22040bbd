/* Writes through a null pointer two calls below main. */
#include <stddef.h>

static int *target(void)
{
	return NULL;
}

void store(int *p, int v)
{
	*p = v;
}

void crash(int v)
{
	store(target(), v);
}

int main(void)
{
	crash(42);
	return 0;
}
