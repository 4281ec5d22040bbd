/* exec PROGRAM [ARGS...]: calls work(), then becomes PROGRAM (itself
   again, or another sample) with ARGS; without arguments it calls work()
   and exits 0.  A breakpoint in the new image must be hit there. */
#include <stdio.h>
#include <unistd.h>

static int work(int x)
{
	return x + 1;
}

int main(int argc, char **argv)
{
	if (work(argc) != argc + 1)
		return 1;
	if (argc > 1) {
		execv(argv[1], argv + 1);
		perror(argv[1]);
		return 127;
	}
	return 0;
}
