/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_target: ptrace, waitpid and memory access (see include/fs_target.h).
 *
 * Every thread is seized, never attached with PTRACE_ATTACH/TRACEME, so
 * PTRACE_INTERRUPT can stop any of them and group-stops are told apart
 * from signals.  A launched child stops itself with SIGSTOP between fork
 * and exec so that we can seize it there (strace does the same); the exec
 * then reports PTRACE_EVENT_EXEC, which is the entry stop.
 *
 * All-stop bookkeeping: between two events every thread is in a ptrace
 * stop.  A thread stopped while we were stopping the others may have been
 * caught in a signal-delivery-stop instead of our interrupt; its signal is
 * kept in `pending_sig` and delivered when it is resumed, and the
 * interrupt still queued in the kernel is swallowed when it shows up.  A
 * fork, vfork or vfork-done event met that way is held and reported at the
 * next resume, before anything runs.
 *
 * Forks.  Every process is traced with TRACEFORK, TRACEVFORK and
 * TRACEVFORKDONE, so that a child never runs the breakpoint bytes it
 * inherits without us: the child is traced from its first instruction and
 * stopped until the caller decides (fs_target_fork_child, fs_target_follow).
 * Its first stop may be seen before its parent's event: such a stop of a
 * process that is not ours is kept aside (`early`) until the event claims it.
 *
 * Death.  A process killed while we hold it stopped is noticed by whatever
 * ptrace call comes first, with ESRCH: the process is then reaped and its
 * end kept for fs_target_death, so that the caller can report the death
 * instead of the call that met it.
 *
 * Small reads (an instruction's bytes, a word) are answered from the pages
 * read before in the same stop: while every thread is stopped the memory
 * changes only by our own writes, so a page read once is good until the
 * next resume or write of any process (a vfork child shares its parent's
 * memory), when all are dropped.  A stop decoding a function's code so
 * costs one read of its page, not one a instruction.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "fs_target.h"

struct thread {
	pid_t	tid;
	int	pending_sig;	/* signal to deliver when resumed */
	bool	running;
	bool	stale_interrupt; /* an interrupt of ours is still queued */
	bool	fresh;		/* cloned, its first stop not seen yet */
	bool	announced;	/* told to the thread callback */
	uint64_t fs_base;	/* its thread pointer: glibc's pthread_t */
	unsigned watch_pending;	/* a watchpoint trap met while stopping
				   it, reported at the next resume */
	pid_t	fork_child;	/* a fork event met while stopping it: the
				   child, stopped; reported at the next
				   resume */
	bool	fork_vfork;	/* ... made by vfork */
	bool	vfork_done;	/* a vfork-done event likewise */
	uint64_t sysno;		/* the system call its last entry stop
				   made: an exit stop does not say */
};

struct fs_target {
	pid_t		 pid;
	pid_t		 tid;		/* current thread */
	bool		 attached;
	bool		 alive;
	struct thread	*th;
	size_t		 nth, cap;
	pid_t		*tids;		/* returned by fs_target_threads */
	struct user_regs_struct regs;
	bool		 regs_valid;
	int		 memfd;
	unsigned long	 nstops;
	volatile sig_atomic_t interrupted;
	fs_thread_cb	*thread_cb;
	void		*thread_arg;
	uint64_t	 dr[4], dr7;	/* debug registers of every thread */
	bool		 dr_used;	/* written since attach: clear them
					   at detach */
	struct fs_target_view view;	/* fs_target_set_view */
	bool		 viewing;
	bool		 image;		/* no process: fs_target_image */
	pid_t		*early;		/* first stops of forked children
					   seen before their parent's event */
	size_t		 nearly, capearly;
	bool		 dead;		/* reaped after a call met its death:
					   DEATH says how it ended */
	struct fs_event	 death;
	struct rpage	*rpages;	/* NRPAGES, the stop's pages read */
	bool		 syscalls;	/* resume with PTRACE_SYSCALL */
};

/* The stop's page cache (see the top): NRPAGES pages, valid while their
   GEN is memgen, which every resume and every write of any process
   moves on.  */
#define NRPAGES		8
#define RPAGE		4096u
#define RPAGE_MAXREAD	256	/* reads larger go to the process */
struct rpage {
	uint64_t	addr;
	unsigned long	gen;	/* 0: empty */
	uint8_t		data[RPAGE];
};
static unsigned long memgen = 1;

static void
mem_changed(void)
{
	memgen++;
}

/* What every process is traced for, launched or attached.  */
#define TRACE_OPTIONS	(PTRACE_O_TRACEEXEC | PTRACE_O_TRACECLONE | \
	PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE | \
	PTRACE_O_TRACESYSGOOD)

/* How a thread resumes: stopping at system calls only while someone
   catches them, so that a plain continue costs nothing more.  */
#define RESUME(t)	((t)->syscalls ? PTRACE_SYSCALL : PTRACE_CONT)
#define SYSCALL_STOP	(SIGTRAP | 0x80)	/* PTRACE_O_TRACESYSGOOD's */

/* A system call stop of TH: whether it is the call's entry (false: its
   exit), the call's number into *NR.  */
static bool
syscall_stop(struct thread *th, pid_t tid, uint64_t *nr)
{
	struct __ptrace_syscall_info si;

	memset(&si, 0, sizeof si);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof si, &si) > 0 &&
	    si.op == PTRACE_SYSCALL_INFO_ENTRY) {
		if (th != NULL)
			th->sysno = si.entry.nr;
		*nr = si.entry.nr;
		return true;
	}
	*nr = th != NULL ? th->sysno : 0;
	return false;
}

static void	announce(struct fs_target *, struct thread *);

#define DR_OFF(n)	offsetof(struct user, u_debugreg[n])
#define DR6_BITS	0xfU	/* B0-B3: which register fired */

/* Write the debug registers of thread TID: DR7 off first, so that no
   half-made combination is ever live (and the kernel checks each address
   against the length DR7 gives it).  */
static int
dregs_write(pid_t tid, const uint64_t dr[4], uint64_t dr7)
{
	int i;

	if (ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFF(7), 0) < 0)
		return -1;
	for (i = 0; i < 4; i++)
		if (ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFF(i),
		    (void *)dr[i]) < 0)
			return -1;
	if (dr7 != 0 && ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFF(7),
	    (void *)dr7) < 0)
		return -1;
	return 0;
}

/* DR6 of TID when a watchpoint fired (its B0-B3), cleared so that the
   next trap is told anew; 0 when none did or none is set.  */
static unsigned
dr6_take(struct fs_target *t, pid_t tid)
{
	long v;

	if (t->dr7 == 0)
		return 0;
	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, tid, (void *)DR_OFF(6), 0);
	if (errno != 0 || (v & DR6_BITS) == 0)
		return 0;
	ptrace(PTRACE_POKEUSER, tid, (void *)DR_OFF(6), 0);
	return (unsigned)v & DR6_BITS;
}

int
fs_target_set_dregs(struct fs_target *t, const uint64_t addr[4],
    uint64_t dr7, struct fs_err *e)
{
	size_t i;
	int r = 0;

	if (!t->alive)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	/* Each write of a debug register costs the kernel a breakpoint
	   event to make again: none when nothing changed.  */
	if (t->dr_used && t->dr7 == dr7 && memcmp(t->dr, addr,
	    sizeof t->dr) == 0)
		return 0;
	memcpy(t->dr, addr, sizeof t->dr);
	t->dr7 = dr7;
	if (t->image)
		return 0;
	t->dr_used = true;
	for (i = 0; i < t->nth; i++)
		if (dregs_write(t->th[i].tid, t->dr, t->dr7) < 0 && errno !=
		    ESRCH && r == 0)
			r = fs_err_sys(e, "set debug registers of thread %d",
			    (int)t->th[i].tid);
	return r;
}

int
fs_target_get_dreg(struct fs_target *t, pid_t tid, int n, uint64_t *val,
    struct fs_err *e)
{
	long v;

	if (!t->alive)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (n < 0 || n > 7)
		return fs_err_set(e, FS_E_USAGE, "no debug register %d", n);
	if (t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, tid, (void *)DR_OFF(n), 0);
	if (errno != 0)
		return fs_err_sys(e, "read debug register %d of thread %d", n,
		    (int)tid);
	*val = (uint64_t)v;
	return 0;
}

int
fs_target_siginfo(struct fs_target *t, uint8_t buf[128], struct fs_err *e)
{
	siginfo_t si;

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) < 0)
		return fs_err_set(e, FS_E_STATE, "Unable to read siginfo");
	memset(buf, 0, 128);
	memcpy(buf, &si, sizeof si < 128 ? sizeof si : 128);
	return 0;
}

void
fs_target_on_thread(struct fs_target *t, fs_thread_cb *cb, void *arg)
{
	t->thread_cb = cb;
	t->thread_arg = arg;
}

static struct thread *
thread_find(struct fs_target *t, pid_t tid)
{
	size_t i;

	for (i = 0; i < t->nth; i++)
		if (t->th[i].tid == tid)
			return &t->th[i];
	return NULL;
}

static struct thread *
thread_add(struct fs_target *t, pid_t tid)
{
	struct thread *nt;

	if ((nt = thread_find(t, tid)) != NULL)
		return nt;
	if (t->nth == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;

		if ((nt = realloc(t->th, cap * sizeof *nt)) == NULL)
			return NULL;
		t->th = nt;
		t->cap = cap;
	}
	nt = &t->th[t->nth++];
	memset(nt, 0, sizeof *nt);
	nt->tid = tid;
	return nt;
}

static void
thread_remove(struct fs_target *t, pid_t tid)
{
	struct thread *th = thread_find(t, tid);

	if (th == NULL)
		return;
	*th = t->th[--t->nth];
}

/* Whether thread TID, which we hold in a ptrace stop, is on its way out:
   gone, a zombie, out of its stop (only SIGKILL takes a thread out of a
   ptrace stop without us), or with SIGKILL pending.  */
static bool
dying(pid_t tid)
{
	char path[64], line[256];
	bool killed = false, traced = false;
	const char *p;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	if ((f = fopen(path, "re")) == NULL)
		return true;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "State:", 6) == 0) {
			for (p = line + 6; *p == ' ' || *p == '\t'; p++)
				;
			traced = *p == 't';
		} else if ((strncmp(line, "SigPnd:", 7) == 0 ||
		    strncmp(line, "ShdPnd:", 7) == 0) &&
		    (strtoull(line + 7, NULL, 16) &
		    (1ULL << (SIGKILL - 1))) != 0)
			killed = true;
	}
	fclose(f);
	return killed || !traced;
}

static void	target_gone(struct fs_target *);

/* The process is dying: reap its threads until its leader's end, which
   is kept as its death.  */
static void
reap(struct fs_target *t)
{
	pid_t w;
	int st;

	memset(&t->death, 0, sizeof t->death);
	t->death.kind = FS_EV_KILLED;
	t->death.sig = SIGKILL;
	t->death.tid = t->pid;
	for (;;) {
		w = waitpid(-1, &st, __WALL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;		/* nothing left to wait for */
		if (w != t->pid || !(WIFEXITED(st) || WIFSIGNALED(st)))
			continue;
		t->death.kind = WIFEXITED(st) ? FS_EV_EXITED : FS_EV_KILLED;
		t->death.status = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
		t->death.sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		break;
	}
	target_gone(t);
	t->dead = true;
}

/* A ptrace request about thread TID failed (WHAT it was): when the
   process is dying, reap it and say so; else the system's reason.  */
static int
lost(struct fs_target *t, pid_t tid, struct fs_err *e, const char *what)
{
	int saved = errno;

	if (saved == ESRCH && t->alive && dying(tid)) {
		reap(t);
		return fs_err_set(e, FS_E_EXITED,
		    "The program no longer exists.");
	}
	errno = saved;
	return fs_err_sys(e, "%s", what);
}

bool
fs_target_death(struct fs_target *t, struct fs_event *ev)
{
	if (t == NULL || !t->dead)
		return false;
	*ev = t->death;
	t->dead = false;
	return true;
}

static int
target_new(struct fs_target **out, struct fs_err *e)
{
	struct fs_target *t;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	t->memfd = -1;
	*out = t;
	return 0;
}

static void
target_gone(struct fs_target *t)
{
	t->alive = false;
	t->nth = 0;
	t->dr7 = 0;
	t->dr_used = false;
	t->regs_valid = false;
	mem_changed();
	if (t->memfd >= 0) {
		close(t->memfd);
		t->memfd = -1;
	}
}

/* The exec event comes from inside execve(): the first single step from
   there only finishes the system call (and reports it with TRAP_BRKPT, pc
   unchanged).  Take that step now, so that the user's first stepi
   executes the new program's first instruction.  */
static void
exec_finish(pid_t pid)
{
	int st;

	if (ptrace(PTRACE_SINGLESTEP, pid, 0, 0) == 0)
		while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
			;
}

/* The process a thread belongs to, from /proc; 0 when it cannot be
   read.  */
static pid_t
tgid_of(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "Tgid:", 5) == 0) {
			tgid = (pid_t)atoi(line + 5);
			break;
		}
	fclose(f);
	return tgid;
}

/* The first stop of CHILD, which its parent's fork event names: taken
   from those seen early, or waited for.  Returns 0, or -1 when the child
   is gone.  */
static int
child_stopped(struct fs_target *t, pid_t child)
{
	size_t i;
	pid_t w;
	int st;

	for (i = 0; i < t->nearly; i++)
		if (t->early[i] == child) {
			t->early[i] = t->early[--t->nearly];
			return 0;
		}
	do
		w = waitpid(child, &st, __WALL);
	while (w < 0 && errno == EINTR);
	return w == child && WIFSTOPPED(st) ? 0 : -1;
}

/* A stop of TID, a process we trace but not ours yet: a forked child
   whose parent has not reported.  */
static void
early_add(struct fs_target *t, pid_t tid)
{
	pid_t *n;

	if (t->nearly == t->capearly) {
		size_t cap = t->capearly ? 2 * t->capearly : 4;

		if ((n = realloc(t->early, cap * sizeof *n)) == NULL)
			return;
		t->early = n;
		t->capearly = cap;
	}
	t->early[t->nearly++] = tid;
}

/* The fork or vfork event TID stopped at: its child, stopped.  0 when
   the child could not be had.  */
static pid_t
fork_event_child(struct fs_target *t, pid_t tid)
{
	unsigned long msg;

	if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg) < 0 || msg == 0 ||
	    child_stopped(t, (pid_t)msg) < 0)
		return 0;
	return (pid_t)msg;
}

int
fs_target_spawn(const char *path, char *const argv[], char *const envp[],
    bool aslr, struct fs_target **out, struct fs_err *e)
{
	return fs_target_spawn_stdio(path, argv, envp, aslr, NULL, out, e);
}

/* Give the child the descriptors STDIO[0..2] (each -1: inherited); a
   terminal as its standard input becomes its controlling terminal, in a
   session of its own, so that the terminal's signals are the child's.  */
static void
child_stdio(const int stdio[3])
{
	int i;

	if (stdio == NULL)
		return;
	if (stdio[0] >= 0 && isatty(stdio[0])) {
		setsid();
		ioctl(stdio[0], TIOCSCTTY, 0);
	}
	for (i = 0; i < 3; i++)
		if (stdio[i] >= 0 && stdio[i] != i)
			dup2(stdio[i], i);
	for (i = 0; i < 3; i++)
		if (stdio[i] > 2)
			close(stdio[i]);
}

int
fs_target_spawn_stdio(const char *path, char *const argv[],
    char *const envp[], bool aslr, const int stdio[3], struct fs_target **out,
    struct fs_err *e)
{
	return fs_target_spawn_in(path, argv, envp, aslr, stdio, NULL, out, e);
}

int
fs_target_spawn_in(const char *path, char *const argv[],
    char *const envp[], bool aslr, const int stdio[3], const char *cwd,
    struct fs_target **out, struct fs_err *e)
{
	struct fs_target *t = NULL;
	int pfd[2], st, err, r;
	pid_t pid, w;
	ssize_t n;

	if ((r = target_new(&t, e)) < 0)
		return r;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		free(t);
		return fs_err_sys(e, "pipe");
	}
	if ((pid = fork()) < 0) {
		r = fs_err_sys(e, "fork");
		close(pfd[0]);
		close(pfd[1]);
		free(t);
		return r;
	}
	if (pid == 0) {
		close(pfd[0]);
		child_stdio(stdio);
		if (!aslr) {
			int p = personality(0xffffffff);

			if (p != -1)
				personality((unsigned long)p |
				    ADDR_NO_RANDOMIZE);
		}
		/* Wait here, stopped, until the parent has seized us.  */
		raise(SIGSTOP);
		if (cwd != NULL && chdir(cwd) < 0)
			err = errno;
		else {
			execve(path, argv, envp);
			err = errno;
		}
		if (write(pfd[1], &err, sizeof err) < 0)
			_exit(126);
		_exit(127);
	}
	close(pfd[1]);
	t->pid = t->tid = pid;
	do
		w = waitpid(pid, &st, WSTOPPED);
	while (w < 0 && errno == EINTR);
	if (w != pid || !WIFSTOPPED(st)) {
		r = fs_err_set(e, FS_E_SYS, "%s: child did not start", path);
		goto fail;
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_EXITKILL | TRACE_OPTIONS) <
	    0) {
		r = fs_err_set(e, FS_E_PTRACE, "cannot trace %s: %s", path,
		    strerror(errno));
		kill(pid, SIGKILL);
		goto fail;
	}
	kill(pid, SIGCONT);
	for (;;) {
		do
			w = waitpid(pid, &st, __WALL);
		while (w < 0 && errno == EINTR);
		if (w < 0) {
			r = fs_err_sys(e, "waitpid");
			goto fail;
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			err = 0;
			n = read(pfd[0], &err, sizeof err);
			if (n == sizeof err && err != 0)
				r = fs_err_set(e, FS_E_SYS,
				    "cannot execute %s: %s", path,
				    strerror(err));
			else
				r = fs_err_set(e, FS_E_SYS,
				    "%s: exited before it started", path);
			close(pfd[0]);
			free(t);
			return r;
		}
		if (!WIFSTOPPED(st))
			continue;
		if ((st >> 16) == PTRACE_EVENT_EXEC)
			break;
		/* The SIGCONT we sent, and the group-stop we seized it in,
		   are ours: swallow them.  */
		ptrace(PTRACE_CONT, pid, 0, 0);
	}
	close(pfd[0]);
	exec_finish(pid);
	t->alive = true;
	if (thread_add(t, pid) == NULL) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, __WALL);
		free(t->th);
		free(t);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	t->nstops++;
	*out = t;
	return 0;
fail:
	close(pfd[0]);
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	free(t);
	return r;
}

/* Wait until thread TID reports the stop our interrupt asked for, or
   another stop: either way it is stopped, which is what we want.  The
   kernel clears a queued interrupt at any trap, but keeps one asked for
   while the thread sat in a trap not reaped yet; so after a stop for
   something else the interrupt may still come, and is marked stale
   (classify swallows it if it is the thread's next stop).  A thread
   created by a clone event met here is added, running: the caller stops
   it too.  Returns 0, or -1 if the thread died.  */
static int
wait_interrupted(struct fs_target *t, pid_t tid)
{
	struct thread *th, *nt;
	unsigned long msg;
	siginfo_t si;
	int st;
	pid_t w;

	for (;;) {
		do
			w = waitpid(tid, &st, __WALL);
		while (w < 0 && errno == EINTR);
		if (w < 0 || WIFEXITED(st) || WIFSIGNALED(st))
			return -1;
		if (!WIFSTOPPED(st) || (th = thread_find(t, tid)) == NULL)
			continue;
		th->running = false;
		if ((st >> 16) == PTRACE_EVENT_STOP &&
		    WSTOPSIG(st) == SIGTRAP) {
			th->stale_interrupt = false;
			return 0;
		}
		if ((st >> 16) == PTRACE_EVENT_STOP) {
			/* A group-stop, a trap that may have eaten our
			   interrupt: resume and ask again.  */
			ptrace(PTRACE_CONT, tid, 0, 0);
			ptrace(PTRACE_INTERRUPT, tid, 0, 0);
			th->running = true;
			continue;
		}
		th->stale_interrupt = true;
		if ((st >> 16) == PTRACE_EVENT_FORK ||
		    (st >> 16) == PTRACE_EVENT_VFORK) {
			/* Told at the next resume; the child waits.  */
			th->fork_child = fork_event_child(t, tid);
			th->fork_vfork = (st >> 16) == PTRACE_EVENT_VFORK;
			return 0;
		}
		if ((st >> 16) == PTRACE_EVENT_VFORK_DONE) {
			th->vfork_done = true;
			return 0;
		}
		if ((st >> 16) != 0) {
			/* An event stop (a clone): stopped there.  */
			if ((st >> 16) == PTRACE_EVENT_CLONE &&
			    ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg) == 0 &&
			    thread_find(t, (pid_t)msg) == NULL &&
			    (nt = thread_add(t, (pid_t)msg)) != NULL) {
				nt->running = true;
				nt->fresh = true;
				ptrace(PTRACE_INTERRUPT, (pid_t)msg, 0, 0);
			}
			return 0;
		}
		if (WSTOPSIG(st) == SYSCALL_STOP) {
			uint64_t nr;

			/* A system call stop: not told (a catchpoint
			   misses it), but its number is kept for the
			   exit's.  */
			syscall_stop(th, tid, &nr);
			return 0;
		}
		/* A signal got there first.  */
		th->pending_sig = WSTOPSIG(st);
		if (WSTOPSIG(st) == SIGTRAP &&
		    (th->watch_pending = dr6_take(t, tid)) != 0) {
			/* A watchpoint: the access is done, the trap is
			   told at the next resume.  */
			th->pending_sig = 0;
		} else if (WSTOPSIG(st) == SIGTRAP &&
		    ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0 &&
		    si.si_code == SI_KERNEL) {
			struct user_regs_struct r;

			/* A breakpoint hit by this thread: rewind so it is
			   hit again, and reported, when the thread runs.  */
			if (ptrace(PTRACE_GETREGS, tid, 0, &r) == 0) {
				r.rip--;
				ptrace(PTRACE_SETREGS, tid, 0, &r);
			}
			th->pending_sig = 0;
		} else if (WSTOPSIG(st) == SIGTRAP &&
		    ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0 &&
		    (si.si_code == TRAP_TRACE || si.si_code == TRAP_BRKPT))
			th->pending_sig = 0;
		return 0;
	}
}

/* Stop every running thread but EXCEPT (and those that appear while we
   do: the loop reads t->nth anew).  */
static void
stop_others(struct fs_target *t, pid_t except)
{
	size_t i;
	pid_t tid;

	for (i = 0; i < t->nth; i++)
		if (t->th[i].tid != except && t->th[i].running)
			ptrace(PTRACE_INTERRUPT, t->th[i].tid, 0, 0);
	for (i = 0; i < t->nth; i++) {
		tid = t->th[i].tid;
		if (tid == except || !t->th[i].running)
			continue;
		if (wait_interrupted(t, tid) < 0) {
			thread_remove(t, tid);
			i--;
		}
	}
	/* All stopped: the threads made since the last stop are named
	   before the stop is reported, as gdb names them.  */
	for (i = 0; i < t->nth; i++)
		if (t->th[i].fresh && !t->th[i].running)
			announce(t, &t->th[i]);
}

/* The value of field NAME ("TracerPid:") of /proc/PID/status, its first
   number in BASE; false when there is none.  */
static bool
status_field(pid_t pid, const char *name, int base, unsigned long long *v)
{
	char path[64], line[256];
	size_t n = strlen(name);
	bool found = false;
	FILE *f;

	if (pid > 0)
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof path, "/proc/self/status");
	if ((f = fopen(path, "re")) == NULL)
		return false;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, name, n) == 0) {
			*v = strtoull(line + n, NULL, base);
			found = true;
			break;
		}
	fclose(f);
	return found;
}

/* Whether process PID descends from us (Yama's ptrace_scope 1 lets a
   process trace its descendants).  */
static bool
descendant(pid_t pid)
{
	unsigned long long pp;
	int depth;

	for (depth = 0; pid > 1 && depth < 4096; depth++) {
		if (pid == getpid())
			return true;
		if (!status_field(pid, "PPid:", 10, &pp))
			return false;
		pid = (pid_t)pp;
	}
	return false;
}

/* Why the kernel refused to let us trace PID (EPERM), as a warning line
   before gdb's "ptrace: Operation not permitted.", into BUF: what gdb's
   linux_ptrace_attach_fail_reason says (traced already, a zombie), and
   what else the kernel checks, in its order: another user's process
   without CAP_SYS_PTRACE, one that is not dumpable, Yama's
   ptrace_scope.  Empty when none of these is the cause.  */
static void
eperm_reason(pid_t pid, char *buf, size_t len)
{
	char path[64], line[256], state = '?';
	unsigned long long v, cap = 0;
	unsigned ru, eu, su, rg, eg, sg;
	bool other = false, capped;
	struct stat sb;
	FILE *f;
	int scope = -1;

	buf[0] = '\0';
	if (status_field(pid, "TracerPid:", 10, &v) && v != 0) {
		snprintf(buf, len, "warning: process %d is already traced by "
		    "process %llu\n", (int)pid, v);
		return;
	}
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "re")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			if (strncmp(line, "State:", 6) == 0)
				sscanf(line + 6, " %c", &state);
			else if (strncmp(line, "Uid:", 4) == 0 &&
			    sscanf(line + 4, "%u %u %u", &ru, &eu, &su) == 3)
				other = other || ru != getuid() ||
				    eu != getuid() || su != getuid();
			else if (strncmp(line, "Gid:", 4) == 0 &&
			    sscanf(line + 4, "%u %u %u", &rg, &eg, &sg) == 3)
				other = other || rg != getgid() ||
				    eg != getgid() || sg != getgid();
		}
		fclose(f);
	}
	if (state == 'Z') {
		snprintf(buf, len, "warning: process %d is a zombie - the "
		    "process has already terminated\n", (int)pid);
		return;
	}
	capped = status_field(0, "CapEff:", 16, &cap) &&
	    (cap & (1ULL << 19)) != 0;	/* CAP_SYS_PTRACE */
	if (other && !capped) {
		snprintf(buf, len, "warning: process %d belongs to another "
		    "user, and tracing it needs CAP_SYS_PTRACE\n", (int)pid);
		return;
	}
	/* A process that is not dumpable (set-user-ID, or said so) has
	   its /proc files owned by root.  */
	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	if (!capped && !other && stat(path, &sb) == 0 && sb.st_uid == 0 &&
	    getuid() != 0) {
		snprintf(buf, len, "warning: process %d is not dumpable (a "
		    "set-user-ID program?), and tracing it needs "
		    "CAP_SYS_PTRACE\n", (int)pid);
		return;
	}
	if ((f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re")) != NULL) {
		if (fscanf(f, "%d", &scope) != 1)
			scope = -1;
		fclose(f);
	}
	if (scope == 3)
		snprintf(buf, len, "warning: /proc/sys/kernel/yama/ptrace_scope "
		    "is 3: no process may be attached to\n");
	else if (scope == 2 && !capped)
		snprintf(buf, len, "warning: /proc/sys/kernel/yama/ptrace_scope "
		    "is 2: attaching needs CAP_SYS_PTRACE\n");
	else if (scope == 1 && !capped && !descendant(pid))
		snprintf(buf, len, "warning: /proc/sys/kernel/yama/ptrace_scope "
		    "is 1: only a process's ancestors may attach to it, or a "
		    "debugger with CAP_SYS_PTRACE\n");
}

/* Seize every thread listed in /proc/PID/task not seized yet.  Returns
   the number newly seized, or a negative -FS_E_*.  */
static int
seize_threads(struct fs_target *t, struct fs_err *e)
{
	char path[64], why[256];
	struct dirent *d;
	DIR *dir;
	pid_t tid;
	int n = 0, saved;

	snprintf(path, sizeof path, "/proc/%d/task", (int)t->pid);
	if ((dir = opendir(path)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "ptrace: No such process.");
	while ((d = readdir(dir)) != NULL) {
		if ((tid = atoi(d->d_name)) <= 0 || thread_find(t, tid))
			continue;
		if (ptrace(PTRACE_SEIZE, tid, 0, TRACE_OPTIONS) < 0) {
			saved = errno;
			if (saved == ESRCH && tid != t->pid)
				continue;	/* a thread that just ended */
			closedir(dir);
			if (saved == ESRCH)
				return fs_err_set(e, FS_E_NOENT,
				    "ptrace: No such process.");
			/* gdb's line, after the reason when one is
			   known.  */
			why[0] = '\0';
			if (saved == EPERM)
				eperm_reason(t->pid, why, sizeof why);
			return fs_err_set(e, FS_E_PTRACE, "%sptrace: %s.", why,
			    strerror(saved));
		}
		if (thread_add(t, tid) == NULL) {
			ptrace(PTRACE_DETACH, tid, 0, 0);
			closedir(dir);
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
		thread_find(t, tid)->running = true;
		n++;
	}
	closedir(dir);
	return n;
}

int
fs_target_attach(pid_t pid, struct fs_target **out, struct fs_err *e)
{
	struct fs_target *t = NULL;
	size_t i;
	int r;

	if (pid <= 0)
		return fs_err_set(e, FS_E_USAGE, "invalid process id %d",
		    (int)pid);
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return fs_err_set(e, FS_E_NOENT, "ptrace: No such process.");
	if (pid == getpid())
		return fs_err_set(e, FS_E_USAGE, "I refuse to debug myself!");
	if ((r = target_new(&t, e)) < 0)
		return r;
	t->pid = t->tid = pid;
	t->attached = true;
	/* Threads may be created while we seize: repeat until a pass over
	   /proc/PID/task finds nothing new.  */
	while ((r = seize_threads(t, e)) > 0)
		;
	if (r < 0)
		goto fail;
	for (i = 0; i < t->nth; i++)
		ptrace(PTRACE_INTERRUPT, t->th[i].tid, 0, 0);
	for (i = 0; i < t->nth; i++) {
		pid_t tid = t->th[i].tid;

		if (wait_interrupted(t, tid) < 0) {
			thread_remove(t, tid);
			i--;
		}
	}
	if (thread_find(t, pid) == NULL) {
		r = fs_err_set(e, FS_E_EXITED, "process %d exited", (int)pid);
		goto fail;
	}
	t->alive = true;
	t->nstops++;
	*out = t;
	return 0;
fail:
	for (i = 0; i < t->nth; i++)
		ptrace(PTRACE_DETACH, t->th[i].tid, 0, 0);
	free(t->th);
	free(t);
	return r;
}

int
fs_target_detach(struct fs_target *t, struct fs_err *e)
{
	size_t i;
	int r = 0;

	if (!t->alive)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	for (i = 0; i < t->nth && !t->image; i++) {
		static const uint64_t zero[4];

		/* Our watchpoints go with us.  */
		if (t->dr_used) {
			dregs_write(t->th[i].tid, zero, 0);
			ptrace(PTRACE_POKEUSER, t->th[i].tid,
			    (void *)DR_OFF(6), 0);
		}
		/* Hand back a signal that was on its way, so the process
		   behaves as if never traced.  */
		if (ptrace(PTRACE_DETACH, t->th[i].tid, 0,
		    t->th[i].pending_sig) < 0 && errno != ESRCH && r == 0)
			r = fs_err_sys(e, "detach from thread %d",
			    (int)t->th[i].tid);
	}
	target_gone(t);
	t->pid = 0;
	return r;
}

int
fs_target_kill(struct fs_target *t)
{
	int st;
	pid_t w;

	char path[64];
	struct dirent *d;
	DIR *dir;
	pid_t tid;

	if (!t->alive)
		return 0;
	if (t->image) {
		target_gone(t);
		return 0;
	}
	/* Reap our tracees only, the caller may have other children; and
	   all of them: the leader is not reaped before every thread, even
	   one that exited unseen.  */
	snprintf(path, sizeof path, "/proc/%d/task", (int)t->pid);
	dir = opendir(path);
	kill(t->pid, SIGKILL);
	while (dir != NULL && (d = readdir(dir)) != NULL) {
		if ((tid = atoi(d->d_name)) <= 0 || tid == t->pid)
			continue;
		/* A stop that was queued before the kill is reported first:
		   wait on until the thread is gone.  */
		for (;;) {
			w = waitpid(tid, &st, __WALL);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0 || WIFEXITED(st) || WIFSIGNALED(st))
				break;
		}
	}
	if (dir != NULL)
		closedir(dir);
	for (;;) {
		w = waitpid(t->pid, &st, __WALL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
	}
	target_gone(t);
	return 0;
}

void
fs_target_free(struct fs_target *t)
{
	if (t == NULL)
		return;
	if (t->alive && !t->image) {
		if (t->attached)
			fs_target_detach(t, NULL);
		else
			fs_target_kill(t);
	}
	if (t->memfd >= 0)
		close(t->memfd);
	free(t->th);
	free(t->tids);
	free(t->early);
	free(t->rpages);
	free(t);
}

pid_t
fs_target_pid(const struct fs_target *t)
{
	return t->pid;
}

pid_t
fs_target_tid(const struct fs_target *t)
{
	return t->tid;
}

void
fs_target_set_tid(struct fs_target *t, pid_t tid)
{
	if (tid != t->tid && thread_find(t, tid) != NULL) {
		t->tid = tid;
		t->regs_valid = false;
	}
}

size_t
fs_target_nthreads(const struct fs_target *t)
{
	return t->nth;
}

const pid_t *
fs_target_threads(const struct fs_target *t, size_t *n)
{
	struct fs_target *mt = (struct fs_target *)t;
	pid_t *v;
	size_t i;

	if ((v = realloc(mt->tids, (t->nth + 1) * sizeof *v)) == NULL) {
		*n = 0;
		return NULL;
	}
	mt->tids = v;
	for (i = 0; i < t->nth; i++)
		v[i] = t->th[i].tid;
	*n = t->nth;
	return v;
}

void
fs_target_set_pending(struct fs_target *t, int sig)
{
	struct thread *th = thread_find(t, t->tid);

	if (th != NULL)
		th->pending_sig = sig;
}

bool
fs_target_attached(const struct fs_target *t)
{
	return t->attached;
}

bool
fs_target_alive(const struct fs_target *t)
{
	return t != NULL && t->alive;
}

unsigned long
fs_target_nstops(const struct fs_target *t)
{
	return t->nstops;
}

int
fs_target_regs(struct fs_target *t, const struct user_regs_struct **r,
    struct fs_err *e)
{
	if (t->viewing && t->alive && t->tid == t->view.tid) {
		*r = t->view.regs(t->view.arg);
		return 0;
	}
	return fs_target_regs_live(t, r, e);
}

int
fs_target_regs_live(struct fs_target *t, const struct user_regs_struct **r,
    struct fs_err *e)
{
	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (!t->regs_valid) {
		if (ptrace(PTRACE_GETREGS, t->tid, 0, &t->regs) < 0) {
			char what[64];

			snprintf(what, sizeof what,
			    "read registers of thread %d", (int)t->tid);
			return lost(t, t->tid, e, what);
		}
		t->regs_valid = true;
	}
	*r = &t->regs;
	return 0;
}

int
fs_target_thread_regs(struct fs_target *t, pid_t tid,
    struct user_regs_struct *r, struct fs_err *e)
{
	const struct user_regs_struct *cur;
	int rc;

	if (tid == t->tid) {
		if ((rc = fs_target_regs(t, &cur, e)) < 0)
			return rc;
		*r = *cur;
		return 0;
	}
	if (thread_find(t, tid) == NULL || t->image)
		return fs_err_set(e, FS_E_NOENT, "no thread %d", (int)tid);
	if (ptrace(PTRACE_GETREGS, tid, 0, r) < 0)
		return fs_err_sys(e, "read registers of thread %d", (int)tid);
	return 0;
}

int
fs_target_fpregs(struct fs_target *t, struct user_fpregs_struct *r,
    struct fs_err *e)
{
	if (t->viewing && t->alive && t->tid == t->view.tid)
		return t->view.fpregs(t->view.arg, r, e);
	return fs_target_fpregs_live(t, r, e);
}

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE	0x202
#endif

int
fs_target_xstate_live(struct fs_target *t, uint8_t *buf, size_t size,
    size_t *len, struct fs_err *e)
{
	struct iovec iov = { buf, size };
	int r;

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (ptrace(PTRACE_GETREGSET, t->tid, (void *)NT_X86_XSTATE, &iov) ==
	    0) {
		*len = iov.iov_len;
		return 0;
	}
	if (size < sizeof(struct user_fpregs_struct))
		return fs_err_set(e, FS_E_USAGE, "buffer too small");
	if ((r = fs_target_fpregs_live(t, (struct user_fpregs_struct *)
	    (void *)buf, e)) < 0)
		return r;
	*len = sizeof(struct user_fpregs_struct);
	return 0;
}

int
fs_target_set_xstate_live(struct fs_target *t, const uint8_t *buf,
    size_t len, struct fs_err *e)
{
	struct iovec iov = { (void *)buf, len };

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (ptrace(PTRACE_SETREGSET, t->tid, (void *)NT_X86_XSTATE, &iov) ==
	    0)
		return 0;
	if (len >= sizeof(struct user_fpregs_struct) &&
	    ptrace(PTRACE_SETFPREGS, t->tid, 0, buf) == 0)
		return 0;
	return lost(t, t->tid, e, "write the extended registers");
}

int
fs_target_fpregs_live(struct fs_target *t, struct user_fpregs_struct *r,
    struct fs_err *e)
{
	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (ptrace(PTRACE_GETFPREGS, t->tid, 0, r) < 0)
		return fs_err_sys(e, "read floating-point registers of thread %d",
		    (int)t->tid);
	return 0;
}

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE	0x202
#endif
#define FXSAVE_SIZE	512
#define XSAVE_HDR_END	576

int
fs_target_xstate(struct fs_target *t, pid_t tid, uint8_t *buf, size_t size,
    size_t *len, struct fs_err *e)
{
	struct iovec iov = { buf, size };

	if (!t->alive)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (tid == 0)
		tid = t->tid;
	if (size < XSAVE_HDR_END)
		return fs_err_set(e, FS_E_USAGE, "XSAVE buffer too small");
	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_X86_XSTATE, &iov) == 0 &&
	    iov.iov_len >= FXSAVE_SIZE) {
		if (iov.iov_len < XSAVE_HDR_END)
			memset(buf + iov.iov_len, 0, XSAVE_HDR_END -
			    iov.iov_len);
		*len = iov.iov_len < XSAVE_HDR_END ? XSAVE_HDR_END :
		    iov.iov_len;
		return 0;
	}
	/* No XSAVE: the FXSAVE area, nothing past SSE.  */
	memset(buf, 0, XSAVE_HDR_END);
	if (ptrace(PTRACE_GETFPREGS, tid, 0, buf) < 0)
		return fs_err_sys(e, "read floating-point registers of thread "
		    "%d", (int)tid);
	buf[FXSAVE_SIZE] = 3;	/* XSTATE_BV: x87 and SSE are there */
	*len = XSAVE_HDR_END;
	return 0;
}

int
fs_target_set_xstate(struct fs_target *t, pid_t tid, const uint8_t *buf,
    size_t len, struct fs_err *e)
{
	struct iovec iov = { (void *)buf, len };

	if (!t->alive)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (tid == 0)
		tid = t->tid;
	if (ptrace(PTRACE_SETREGSET, tid, (void *)NT_X86_XSTATE, &iov) == 0)
		return 0;
	if (len >= FXSAVE_SIZE && ptrace(PTRACE_SETFPREGS, tid, 0, buf) == 0)
		return 0;
	return fs_err_sys(e, "write floating-point registers of thread %d",
	    (int)tid);
}

int
fs_target_set_regs(struct fs_target *t, const struct user_regs_struct *r,
    struct fs_err *e)
{
	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (t->viewing)
		return fs_err_set(e, FS_E_STATE,
		    "Cannot write registers while replaying.");
	if (ptrace(PTRACE_SETREGS, t->tid, 0, r) < 0) {
		char what[64];

		snprintf(what, sizeof what, "write registers of thread %d",
		    (int)t->tid);
		return lost(t, t->tid, e, what);
	}
	if (r != &t->regs)
		t->regs = *r;
	t->regs_valid = true;
	return 0;
}

const struct fs_arch *
fs_target_arch(struct fs_target *t)
{
	const struct user_regs_struct *r = NULL;

	if (t == NULL || fs_target_regs(t, &r, NULL) < 0 || r == NULL)
		return &fs_arch_x86_64;
	return fs_arch_of_regs(r);
}

/* Open /proc/PID/mem once, for when process_vm_readv is not allowed and
   for writes into read-only text.  */
static int
memfd(struct fs_target *t)
{
	char path[64];

	if (t->memfd < 0) {
		snprintf(path, sizeof path, "/proc/%d/mem", (int)t->pid);
		t->memfd = open(path, O_RDWR | O_CLOEXEC);
	}
	return t->memfd;
}

ssize_t
fs_target_read(struct fs_target *t, uint64_t addr, void *buf, size_t len,
    struct fs_err *e)
{
	if (t->viewing && t->alive)
		return t->view.read(t->view.arg, addr, buf, len, e);
	return fs_target_read_live(t, addr, buf, len, e);
}

ssize_t
fs_target_readv(struct fs_target *t, const struct iovec *local,
    const struct iovec *remote, size_t n)
{
	ssize_t got;

	if (!t->alive || t->image)
		return -FS_E_STATE;
	if (n == 0)
		return 0;
	got = process_vm_readv(t->pid, local, n, remote, n, 0);
	return got < 0 ? -FS_E_SYS : got;
}

ssize_t
fs_target_store(struct fs_target *t, uint64_t addr, const void *buf,
    size_t len)
{
	struct iovec local = { (void *)buf, len }, remote = { (void *)addr,
	    len };
	ssize_t got;

	if (!t->alive || t->image)
		return -FS_E_STATE;
	mem_changed();
	got = process_vm_writev(t->pid, &local, 1, &remote, 1, 0);
	return got < 0 ? -FS_E_SYS : got;
}

/* LEN bytes at ADDR, all in one page, from the stop's pages, the page
   read when it is not there: 0, or -1 when the whole page cannot be
   read (the caller reads what it can of its bytes alone).  */
static int
page_read(struct fs_target *t, uint64_t addr, void *buf, size_t len)
{
	uint64_t base = addr & ~(uint64_t)(RPAGE - 1);
	struct rpage *pg;
	struct iovec local, remote = { (void *)base, RPAGE };

	if (t->rpages == NULL && (t->rpages = calloc(NRPAGES,
	    sizeof *t->rpages)) == NULL)
		return -1;
	pg = &t->rpages[(base / RPAGE) % NRPAGES];
	if (pg->gen != memgen || pg->addr != base) {
		local.iov_base = pg->data;
		local.iov_len = RPAGE;
		pg->gen = 0;
		if (process_vm_readv(t->pid, &local, 1, &remote, 1, 0) !=
		    (ssize_t)RPAGE)
			return -1;
		pg->addr = base;
		pg->gen = memgen;
	}
	memcpy(buf, pg->data + (addr - base), len);
	return 0;
}

ssize_t
fs_target_read_also(struct fs_target *t, uint64_t addr, void *buf,
    size_t len, const uint64_t *also, size_t nalso, struct fs_err *e)
{
	struct iovec local[1 + FS_TARGET_ALSO], remote[1 + FS_TARGET_ALSO];
	struct rpage *pg[FS_TARGET_ALSO];
	uint64_t base[FS_TARGET_ALSO];
	size_t n = 0, i, k;
	ssize_t got;

	if ((t->viewing && t->alive) || !t->alive || t->image || len == 0 ||
	    nalso > FS_TARGET_ALSO || (t->rpages == NULL && (t->rpages =
	    calloc(NRPAGES, sizeof *t->rpages)) == NULL))
		return fs_target_read(t, addr, buf, len, e);
	local[0].iov_base = buf;
	local[0].iov_len = len;
	remote[0].iov_base = (void *)addr;
	remote[0].iov_len = len;
	for (i = 0; i < nalso; i++) {
		base[n] = also[i] & ~(uint64_t)(RPAGE - 1);
		pg[n] = &t->rpages[(base[n] / RPAGE) % NRPAGES];
		if (pg[n]->gen == memgen && pg[n]->addr == base[n])
			continue;
		/* Its place taken by a page of this read already.  */
		for (k = 0; k < n && pg[k] != pg[n]; k++)
			;
		if (k < n)
			continue;
		pg[n]->gen = 0;
		local[n + 1].iov_base = pg[n]->data;
		local[n + 1].iov_len = RPAGE;
		remote[n + 1].iov_base = (void *)base[n];
		remote[n + 1].iov_len = RPAGE;
		n++;
	}
	if (n == 0)
		return fs_target_read_live(t, addr, buf, len, e);
	got = process_vm_readv(t->pid, local, n + 1, remote, n + 1, 0);
	/* Short: read alone, as it always was (up to the end of its
	   mapping, or through /proc/PID/mem).  */
	if (got < (ssize_t)len)
		return fs_target_read_live(t, addr, buf, len, e);
	for (k = 0; k < n; k++)
		if ((size_t)got >= len + (k + 1) * RPAGE) {
			pg[k]->addr = base[k];
			pg[k]->gen = memgen;
		}
	return (ssize_t)len;
}

ssize_t
fs_target_read_live(struct fs_target *t, uint64_t addr, void *buf,
    size_t len, struct fs_err *e)
{
	struct iovec local = { buf, len }, remote = { (void *)addr, len };
	ssize_t n;
	int fd;

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if (len == 0)
		return 0;
	if (len <= RPAGE_MAXREAD && (addr & (RPAGE - 1)) + len <= RPAGE &&
	    page_read(t, addr, buf, len) == 0)
		return (ssize_t)len;
	n = process_vm_readv(t->pid, &local, 1, &remote, 1, 0);
	if (n > 0)
		return n;
	if (n < 0 && errno != EPERM && errno != ENOSYS && errno != EFAULT)
		return fs_err_sys(e, "cannot access memory at address 0x%llx",
		    (unsigned long long)addr);
	if ((fd = memfd(t)) >= 0 &&
	    (n = pread(fd, buf, len, (off_t)addr)) > 0)
		return n;
	return fs_err_set(e, FS_E_SYS, "Cannot access memory at address 0x%llx",
	    (unsigned long long)addr);
}

int
fs_target_write(struct fs_target *t, uint64_t addr, const void *buf,
    size_t len, struct fs_err *e)
{
	if (t->viewing && t->alive)
		return fs_err_set(e, FS_E_STATE,
		    "Cannot write memory at address 0x%llx while replaying.",
		    (unsigned long long)addr);
	return fs_target_poke(t, addr, buf, len, e);
}

int
fs_target_poke(struct fs_target *t, uint64_t addr, const void *buf,
    size_t len, struct fs_err *e)
{
	const unsigned char *p = buf;
	size_t done = 0, k;
	long word;
	int fd;

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	mem_changed();
	if ((fd = memfd(t)) >= 0 && pwrite(fd, buf, len, (off_t)addr) ==
	    (ssize_t)len)
		return 0;
	/* Word by word through ptrace, merging the bytes we keep.  */
	while (done < len) {
		uint64_t a = addr + done, base = a & ~7ULL;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, t->tid, (void *)base, 0);
		if (errno == ESRCH)
			return lost(t, t->tid, e, "cannot write memory");
		if (errno != 0)
			return fs_err_sys(e,
			    "cannot write memory at address 0x%llx",
			    (unsigned long long)a);
		for (k = a - base; k < 8 && done < len; k++, done++)
			((unsigned char *)&word)[k] = p[done];
		if (ptrace(PTRACE_POKEDATA, t->tid, (void *)base,
		    (void *)word) < 0)
			return fs_err_sys(e,
			    "cannot write memory at address 0x%llx",
			    (unsigned long long)a);
	}
	return 0;
}

/* A new thread, stopped for the first time: its thread pointer is set
   by now (clone's CLONE_SETTLS), which names it as gdb does.  */
static void
announce(struct fs_target *t, struct thread *th)
{
	struct user_regs_struct r;
	const struct fs_arch *a;
	pid_t tid = th->tid;

	th->fresh = false;
	if (t->dr7 != 0)
		dregs_write(tid, t->dr, t->dr7);
	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return;
	/* %fs base on x86-64, %gs base on i386.  */
	a = fs_arch_of_regs(&r);
	th->fs_base = fs_arch_word(a, (const char *)&r + a->tp);
	th->announced = true;
	if (t->thread_cb != NULL)
		t->thread_cb(t->thread_arg, tid, th->fs_base, false);
}

/* Turn a wait status of TID into an event.  Returns 1 when EV is to be
   reported, 0 when the stop was bookkeeping and TID has been resumed.  */
static int
classify(struct fs_target *t, pid_t tid, int st, bool stepping,
    struct fs_event *ev)
{
	struct thread *th = thread_find(t, tid);
	unsigned event = (unsigned)st >> 16;
	unsigned long msg;
	siginfo_t si;
	pid_t tg;
	int sig;

	memset(ev, 0, sizeof *ev);
	ev->tid = tid;
	if (WIFEXITED(st) || WIFSIGNALED(st)) {
		if (tid != t->pid) {
			if (th != NULL && th->announced && t->thread_cb != NULL)
				t->thread_cb(t->thread_arg, tid, th->fs_base,
				    true);
			thread_remove(t, tid);
			return 0;
		}
		ev->kind = WIFEXITED(st) ? FS_EV_EXITED : FS_EV_KILLED;
		ev->status = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
		ev->sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		target_gone(t);
		return 1;
	}
	if (!WIFSTOPPED(st))
		return 0;
	if (th == NULL && tid != t->pid && (tg = tgid_of(tid)) != t->pid &&
	    tg != 0) {
		/* A forked child, reporting before its parent: kept
		   stopped for the parent's event.  */
		early_add(t, tid);
		return 0;
	}
	if (th == NULL && (th = thread_add(t, tid)) != NULL)
		th->fresh = true;	/* reporting before its parent */
	if (th != NULL)
		th->running = false;
	sig = WSTOPSIG(st);
	if (th != NULL && th->fresh) {
		announce(t, th);
		th = thread_find(t, tid);	/* the callback may move it */
	}
	/* A stale interrupt comes first when the thread runs again, or not
	   at all.  */
	if (th != NULL && th->stale_interrupt) {
		th->stale_interrupt = false;
		if (event == PTRACE_EVENT_STOP && sig == SIGTRAP)
			goto resume;
	}
	switch (event) {
	case PTRACE_EVENT_CLONE:
		if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg) == 0) {
			struct thread *nt = thread_find(t, (pid_t)msg);

			/* Its first stop may have come before this.  */
			if (nt == NULL && (nt = thread_add(t, (pid_t)msg)) !=
			    NULL) {
				nt->running = true;
				nt->fresh = true;
			}
			th = thread_find(t, tid);
		}
		goto resume;
	case PTRACE_EVENT_EXEC:
		/* exec leaves one thread, with the process id, and no
		   debug registers; /proc/PID/mem opened before it still
		   names the old image.  */
		t->nth = 0;
		t->dr7 = 0;
		memset(t->dr, 0, sizeof t->dr);
		if (t->memfd >= 0) {
			close(t->memfd);
			t->memfd = -1;
		}
		t->regs_valid = false;
		mem_changed();
		if ((th = thread_add(t, t->pid)) == NULL)
			return 0;
		exec_finish(t->pid);
		ev->tid = t->pid;
		ev->kind = FS_EV_EXEC;
		return 1;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		if ((ev->child = fork_event_child(t, tid)) == 0)
			goto resume;	/* the child died at once */
		ev->kind = FS_EV_FORK;
		ev->vfork = event == PTRACE_EVENT_VFORK;
		return 1;
	case PTRACE_EVENT_VFORK_DONE:
		ev->kind = FS_EV_VFORK_DONE;
		return 1;
	case PTRACE_EVENT_STOP:
		if (sig == SIGTRAP && t->interrupted) {
			t->interrupted = 0;
			ev->kind = FS_EV_INTERRUPT;
			return 1;
		}
		goto resume;	/* group-stop or a new thread's first stop */
	case 0:
		break;
	default:
		goto resume;
	}
	if (sig == SYSCALL_STOP) {
		/* Left from before the last catchpoint went: let go.  */
		if (!t->syscalls)
			goto resume;
		ev->kind = FS_EV_SYSCALL;
		ev->sysexit = !syscall_stop(th, tid, &ev->sysno);
		return 1;
	}
	/* A watchpoint that fired in a single step too is the watchpoint
	   (the step is done as well).  */
	if (sig == SIGTRAP && (ev->watch = dr6_take(t, tid)) != 0) {
		ev->kind = FS_EV_WATCH;
		return 1;
	}
	/* The SIGTRAP that ends a single step is the step: no need to ask
	   the kernel (one system call a step saved).  */
	if (sig == SIGTRAP && stepping && tid == t->tid) {
		ev->kind = FS_EV_STEP;
		return 1;
	}
	if (ptrace(PTRACE_GETSIGINFO, tid, 0, &si) < 0)
		memset(&si, 0, sizeof si);
	ev->code = si.si_code;
	/* A single step reports TRAP_TRACE, but TRAP_BRKPT when the step
	   was over a `syscall` (x86's user_single_step_report); int3 reports
	   SI_KERNEL.  */
	if (sig == SIGTRAP && (si.si_code == TRAP_TRACE ||
	    si.si_code == TRAP_BRKPT)) {
		ev->kind = FS_EV_STEP;
		return 1;
	}
	if (sig == SIGTRAP && si.si_code == SI_KERNEL) {
		ev->kind = FS_EV_BREAKPOINT;
		return 1;
	}
	ev->kind = FS_EV_SIGNAL;
	ev->sig = sig;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE ||
	    sig == SIGILL || sig == SIGTRAP)
		ev->addr = (uint64_t)si.si_addr;
	return 1;
resume:
	/* While one thread steps, the others stay stopped (all-stop): a
	   new thread's first stop is held.  */
	if (stepping && tid != t->tid)
		return 0;
	/* A thread we are single-stepping goes on stepping.  */
	if (th != NULL && ptrace(stepping && tid == t->tid ?
	    PTRACE_SINGLESTEP : RESUME(t), tid, 0, 0) == 0)
		th->running = true;
	return 0;
}

/* Wait for the next reportable event in thread WHO (-1: any).  */
static int
wait_event(struct fs_target *t, pid_t who, bool stepping, struct fs_event *ev,
    struct fs_err *e)
{
	pid_t w;
	int st;

	for (;;) {
		w = waitpid(who, &st, __WALL);
		if (w < 0 && errno == EINTR) {
			if (t->interrupted)
				ptrace(PTRACE_INTERRUPT, t->tid, 0, 0);
			continue;
		}
		if (w < 0) {
			if (errno == ECHILD) {
				target_gone(t);
				return fs_err_set(e, FS_E_EXITED,
				    "the process has gone");
			}
			return fs_err_sys(e, "waitpid");
		}
		t->nstops++;
		if (classify(t, w, st, stepping, ev))
			break;
		if (!t->alive)
			break;
	}
	if (t->alive && ev->tid != t->tid) {
		t->tid = ev->tid;
	}
	return 0;
}

int
fs_target_step(struct fs_target *t, int sig, struct fs_event *ev,
    struct fs_err *e)
{
	int r;

	if ((r = fs_target_step_begin(t, sig, ev, e)) != 0)
		return r < 0 ? r : 0;
	return fs_target_step_end(t, ev, e);
}

int
fs_target_step_begin(struct fs_target *t, int sig, struct fs_event *ev,
    struct fs_err *e)
{
	struct thread *th;

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	t->regs_valid = false;
	mem_changed();
	if (ptrace(PTRACE_SINGLESTEP, t->tid, 0, sig) < 0) {
		if (errno == ESRCH && dying(t->tid)) {
			/* Killed while we held it: its death is the
			   step's end.  */
			reap(t);
			t->dead = false;
			*ev = t->death;
			return 1;
		}
		return fs_err_sys(e, "single-step thread %d", (int)t->tid);
	}
	if ((th = thread_find(t, t->tid)) != NULL)
		th->running = true;
	return 0;
}

int
fs_target_step_end(struct fs_target *t, struct fs_event *ev,
    struct fs_err *e)
{
	int r;

	/* Any thread: the others, held stopped, report only their death,
	   and a dying leader's end waits until they are reaped.  */
	r = wait_event(t, -1, true, ev, e);
	mem_changed();
	return r;
}

int
fs_target_cont(struct fs_target *t, int sig, struct fs_event *ev,
    struct fs_err *e)
{
	struct thread *cur;
	size_t i;
	int r, s;

	if (!t->alive || t->image)
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	/* A watchpoint trap or a fork kept from the last stop comes first,
	   every thread still stopped (gdb leaves such a status pending
	   too).  */
	for (i = 0; i < t->nth; i++)
		if ((t->th[i].watch_pending != 0 || t->th[i].fork_child != 0 ||
		    t->th[i].vfork_done) && !t->th[i].running) {
			memset(ev, 0, sizeof *ev);
			ev->tid = t->th[i].tid;
			if (t->th[i].fork_child != 0) {
				ev->kind = FS_EV_FORK;
				ev->child = t->th[i].fork_child;
				ev->vfork = t->th[i].fork_vfork;
				t->th[i].fork_child = 0;
			} else if (t->th[i].vfork_done) {
				ev->kind = FS_EV_VFORK_DONE;
				t->th[i].vfork_done = false;
			} else {
				ev->kind = FS_EV_WATCH;
				ev->watch = t->th[i].watch_pending;
				t->th[i].watch_pending = 0;
			}
			if (sig != 0 && (cur = thread_find(t, t->tid)) !=
			    NULL)
				cur->pending_sig = sig;
			t->tid = ev->tid;
			t->regs_valid = false;
			return 0;
		}
	t->regs_valid = false;
	mem_changed();
	for (i = 0; i < t->nth; i++) {
		if (t->th[i].running)
			continue;
		s = t->th[i].tid == t->tid ? sig : t->th[i].pending_sig;
		t->th[i].pending_sig = 0;
		if (ptrace(RESUME(t), t->th[i].tid, 0, s) == 0)
			t->th[i].running = true;
	}
	r = wait_event(t, -1, false, ev, e);
	mem_changed();
	if (r < 0)
		return r;
	if (t->alive)
		stop_others(t, ev->tid);
	mem_changed();
	return 0;
}

void
fs_target_set_syscalls(struct fs_target *t, bool on)
{
	t->syscalls = on;
}

void
fs_target_interrupt(struct fs_target *t)
{
	t->interrupted = 1;
	if (!t->image)
		ptrace(PTRACE_INTERRUPT, t->tid, 0, 0);
}

void
fs_target_set_view(struct fs_target *t, const struct fs_target_view *v)
{
	t->viewing = v != NULL;
	if (v != NULL)
		t->view = *v;
	mem_changed();
}

int
fs_target_image(pid_t pid, pid_t tid, const struct fs_target_view *v,
    struct fs_target **out, struct fs_err *e)
{
	struct fs_target *t = NULL;
	int r;

	if ((r = target_new(&t, e)) < 0)
		return r;
	t->pid = pid;
	t->tid = tid;
	t->image = true;
	t->attached = true;
	t->alive = true;
	if (thread_add(t, tid) == NULL) {
		free(t);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	fs_target_set_view(t, v);
	*out = t;
	return 0;
}

void
fs_target_interrupt_clear(struct fs_target *t)
{
	/* The kernel's stop, if one is still queued, is then swallowed
	   as a stale one (classify).  */
	t->interrupted = 0;
}

int
fs_target_fork_child(struct fs_target *t, pid_t child,
    struct fs_target **out, struct fs_err *e)
{
	struct fs_target *c = NULL;
	int r;

	if ((r = target_new(&c, e)) < 0)
		return r;
	c->pid = c->tid = child;
	c->attached = t->attached;
	c->alive = true;
	/* Linux gives a child no debug register, but DR7 reads back as
	   the parent's: cleared at detach.  */
	c->dr_used = true;
	if (thread_add(c, child) == NULL) {
		free(c);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = c;
	return 0;
}

int
fs_target_follow(struct fs_target *t, pid_t child, struct fs_target **parent,
    struct fs_err *e)
{
	struct fs_target *p = NULL;
	struct thread *th;
	int r;

	if ((r = target_new(&p, e)) < 0)
		return r;
	if ((th = calloc(8, sizeof *th)) == NULL) {
		free(p);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	/* The parent keeps its threads, stopped, and what was written into
	   them; T starts afresh with the child's one thread.  */
	p->pid = t->pid;
	p->tid = t->tid;
	p->attached = t->attached;
	p->alive = t->alive;
	p->th = t->th;
	p->nth = t->nth;
	p->cap = t->cap;
	p->memfd = t->memfd;
	p->rpages = t->rpages;
	memcpy(p->dr, t->dr, sizeof p->dr);
	p->dr7 = t->dr7;
	p->dr_used = t->dr_used;
	t->th = th;
	t->cap = 8;
	t->nth = 0;
	t->memfd = -1;
	t->rpages = NULL;
	t->regs_valid = false;
	mem_changed();
	t->pid = t->tid = child;
	thread_add(t, child);
	/* Linux gives a child no debug register: ours are written anew.  */
	if (t->dr_used)
		dregs_write(child, t->dr, t->dr7);
	*parent = p;
	return 0;
}
