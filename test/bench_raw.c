/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_raw: the baseline of `make bench`, single-stepping a program with
 * nothing but PTRACE_SINGLESTEP and waitpid and printing how long it took.
 *
 * Usage: bench_raw [-s SKIP] N PROGRAM [ARG ...]
 *
 * The program is launched under ptrace and stepped N times from its first
 * instruction (in the dynamic loader), or from after SKIP untimed steps:
 * enough of them take it past its start-up code, so that the timed steps
 * are of the same code as a debugger's `stepi` from main().  Only the
 * timed steps are timed, so fork and exec are not part of the rate.
 * Prints one line, "steps N ns T", and exits 0; exits 1 when the program
 * ends or cannot be stepped before SKIP + N steps, 64 on bad usage.  The
 * program is killed at the end.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
kill_child(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

static int
parse_count(const char *s, unsigned long *n)
{
	char *end;

	errno = 0;
	*n = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || *s == '-') {
		fprintf(stderr, "bench_raw: bad step count: %s\n", s);
		return -1;
	}
	return 0;
}

/* Steps PID N times (DONE of TOTAL are done), giving the program any
   signal other than the step's own SIGTRAP as a debugger would, *SIG
   being the one to give at the next step; -1 with the program killed or
   gone when it cannot.  */
static int
step(pid_t pid, unsigned long n, unsigned long done, unsigned long total,
    int *sig)
{
	unsigned long i;
	int status;

	for (i = 0; i < n; i++) {
		if (ptrace(PTRACE_SINGLESTEP, pid, NULL,
		    (void *)(long)*sig) < 0) {
			perror("bench_raw: PTRACE_SINGLESTEP");
			kill_child(pid);
			return -1;
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("bench_raw: waitpid");
			kill_child(pid);
			return -1;
		}
		if (!WIFSTOPPED(status)) {
			fprintf(stderr, "bench_raw: program ended after %lu "
			    "of %lu steps\n", done + i + 1, total);
			return -1;
		}
		*sig = WSTOPSIG(status) == SIGTRAP ? 0 : WSTOPSIG(status);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long skip = 0, n;
	long long t0, t1;
	pid_t pid;
	int status, c, sig = 0;

	while ((c = getopt(argc, argv, "+s:")) != -1) {
		if (c != 's' || parse_count(optarg, &skip) < 0)
			goto usage;
	}
	if (argc - optind < 2 || parse_count(argv[optind], &n) < 0)
		goto usage;
	argv += optind + 1;

	pid = fork();
	if (pid < 0) {
		perror("bench_raw: fork");
		return 1;
	}
	if (pid == 0) {
		/* Same address layout as under framescope and gdb, which
		   both turn ASLR off.  */
		personality(ADDR_NO_RANDOMIZE);
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
			perror("bench_raw: PTRACE_TRACEME");
			_exit(127);
		}
		execv(argv[0], argv);
		perror("bench_raw: exec");
		_exit(127);
	}

	/* The SIGTRAP of the execve; a child that exited (exec failed)
	   has been reaped by this wait.  */
	if (waitpid(pid, &status, 0) < 0) {
		perror("bench_raw: waitpid");
		kill_child(pid);
		return 1;
	}
	if (!WIFSTOPPED(status)) {
		fprintf(stderr, "bench_raw: %s did not start\n", argv[0]);
		return 1;
	}
	/* Should bench_raw be killed, the program dies with it rather than
	   run on untraced.  */
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_EXITKILL);

	if (step(pid, skip, 0, skip + n, &sig) < 0)
		return 1;
	t0 = now_ns();
	if (step(pid, n, skip, skip + n, &sig) < 0)
		return 1;
	t1 = now_ns();

	kill_child(pid);
	printf("steps %lu ns %lld\n", n, t1 - t0);
	return 0;

usage:
	fprintf(stderr, "usage: bench_raw [-s SKIP] N PROGRAM [ARG ...]\n");
	return 64;
}
