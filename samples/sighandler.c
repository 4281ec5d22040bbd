/* A SIGUSR1 handler on an alternate signal stack and a SIGALRM handler on
   the normal stack: frames through `<signal handler called>`. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t seen;

void in_handler(int sig)
{
	seen += sig;
}

static void on_usr1(int sig)
{
	in_handler(sig);
}

static void on_alrm(int sig)
{
	in_handler(sig);
}

void work(void)
{
	raise(SIGUSR1);
	raise(SIGALRM);
}

int main(void)
{
	static char altstack[65536];
	stack_t ss;
	struct sigaction sa;

	memset(&ss, 0, sizeof ss);
	ss.ss_sp = altstack;
	ss.ss_size = sizeof altstack;
	sigaltstack(&ss, NULL);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alrm;
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);

	work();
	return seen == SIGUSR1 + SIGALRM ? 0 : 1;
}
