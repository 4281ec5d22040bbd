/* vfork: the child runs in its parent's memory, the parent waiting, and
   calls work() there before it exits; then the parent calls work().  A
   debugger that leaves its breakpoint bytes in that memory while the
   child runs kills the child (SIGTRAP), and one that removes them from
   the child for good loses the parent's breakpoints.  The parent says on
   standard error what became of the child and exits with its status
   (128 + the signal when it was killed). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int work(int x)
{
	return x * 2;
}

int main(void)
{
	pid_t pid;
	int st;

	if ((pid = vfork()) < 0)
		return 2;
	if (pid == 0)
		_exit(work(21) == 42 ? 0 : 1);
	work(1);
	if (waitpid(pid, &st, 0) != pid)
		return 2;
	if (WIFSIGNALED(st))
		fprintf(stderr, "parent: child killed by signal %d\n",
		    WTERMSIG(st));
	else
		fprintf(stderr, "parent: child exited %d\n",
		    WEXITSTATUS(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
