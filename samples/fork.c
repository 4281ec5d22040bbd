/* A parent and the child it forks both call work(): the parent first,
   then the child, when the parent tells it to through a pipe.  A debugger
   that lets the child go with its breakpoint bytes still in it kills the
   child (SIGTRAP).  The parent says on standard error what became of the
   child (its standard output is the debugger's, in a test), and exits
   with the child's status (128 + the signal when it was killed). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int work(int x)
{
	return x * 2;
}

int main(void)
{
	int p[2], st;
	pid_t pid;
	char c = 'g';

	if (pipe(p) < 0 || (pid = fork()) < 0)
		return 2;
	if (pid == 0) {
		if (read(p[0], &c, 1) != 1)
			_exit(3);
		_exit(work(21) == 42 ? 0 : 1);
	}
	work(1);
	if (write(p[1], &c, 1) != 1 || waitpid(pid, &st, 0) != pid)
		return 2;
	if (WIFSIGNALED(st))
		fprintf(stderr, "parent: child killed by signal %d\n",
		    WTERMSIG(st));
	else
		fprintf(stderr, "parent: child exited %d\n",
		    WEXITSTATUS(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
