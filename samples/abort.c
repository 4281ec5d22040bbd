/* Calls abort() from a nested function: SIGABRT raised inside libc. */
#include <stdlib.h>

void give_up(int why)
{
	if (why)
		abort();
}

int main(void)
{
	give_up(1);
	return 0;
}
