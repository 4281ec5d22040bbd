/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_target: a traced process and its threads, and the only code that calls
 * ptrace() or waitpid().  It launches a program (ASLR off unless asked, the
 * child killed with us through PTRACE_O_EXITKILL) or seizes a running one,
 * resumes and single-steps it, waits for the next event and classifies it,
 * reads and writes its memory and registers.  Every thread is attached with
 * PTRACE_SEIZE, so all of them can be stopped with PTRACE_INTERRUPT: the
 * process is "all-stop" like gdb's default: when one thread reports, the
 * others are stopped before we look.  It knows nothing of breakpoints,
 * symbols or frames: that is fs_session's work.
 *
 * A fork, vfork or exec is traced too: a new process is stopped at its
 * first instruction and reported (FS_EV_FORK), for the caller to detach
 * it or to follow it; an exec is reported once the new image is in place
 * (FS_EV_EXEC).
 */
#ifndef FS_TARGET_H
#define FS_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "fs_arch.h"
#include "fs_error.h"

struct fs_target;

enum fs_event_kind {
	FS_EV_NONE,
	FS_EV_EXEC,		/* the launched program was exec'd */
	FS_EV_STEP,		/* a single step finished */
	FS_EV_BREAKPOINT,	/* an int3 was hit: rip is one past it */
	FS_EV_SIGNAL,		/* a signal is about to be delivered */
	FS_EV_INTERRUPT,	/* stopped by fs_target_interrupt */
	FS_EV_EXITED,		/* the process exited; status is its code */
	FS_EV_KILLED,		/* the process was killed by signal sig */
	FS_EV_WATCH,		/* a debug register's data watchpoint
				   fired: the access is done */
	FS_EV_FORK,		/* the thread forked (vfork when VFORK):
				   CHILD is traced and stopped, its first
				   instruction not run, until the caller
				   takes it (fs_target_fork_child,
				   fs_target_follow) */
	FS_EV_VFORK_DONE,	/* the vfork child has exec'd or exited:
				   the memory the two shared is the
				   parent's alone again */
	FS_EV_SYSCALL,		/* a system call stop (only while
				   fs_target_set_syscalls is on): SYSNO
				   is entered, or returned from when
				   SYSEXIT */
	/* Not the process's: a recording's (fs_record) */
	FS_EV_NO_HISTORY,	/* the replay reached an end of its log */
	FS_EV_RECORD_STOP,	/* the next instruction cannot be
				   recorded */
};

struct fs_event {
	enum fs_event_kind kind;
	pid_t		tid;	/* the thread it happened in */
	int		sig;	/* FS_EV_SIGNAL, FS_EV_KILLED */
	int		code;	/* siginfo si_code */
	uint64_t	addr;	/* siginfo si_addr (faulting address) */
	int		status;	/* FS_EV_EXITED */
	unsigned	watch;	/* FS_EV_WATCH: DR6's B0-B3, which debug
				   registers fired */
	pid_t		child;	/* FS_EV_FORK: the new process */
	bool		vfork;	/* FS_EV_FORK: made by vfork, running in
				   the parent's memory */
	uint64_t	sysno;	/* FS_EV_SYSCALL */
	bool		sysexit;
};

/* Launch the program at PATH with ARGV and ENVP exactly as given, stopped
   at its first instruction (the FS_EV_EXEC event has been consumed).  With
   ASLR false, address-space randomisation is off for the child as gdb does.
   Caller frees *OUT with fs_target_free().  */
int	fs_target_spawn(const char *path, char *const argv[],
	    char *const envp[], bool aslr, struct fs_target **out,
	    struct fs_err *e);

/* The same, the child's standard input, output and error being
   STDIO[0..2] (each -1: ours); when STDIO[0] is a terminal, the child
   runs in a session of its own with it as controlling terminal.  STDIO
   NULL: all ours.  */
int	fs_target_spawn_stdio(const char *path, char *const argv[],
	    char *const envp[], bool aslr, const int stdio[3],
	    struct fs_target **out, struct fs_err *e);

/* The same, in working directory CWD (NULL: ours).  */
int	fs_target_spawn_in(const char *path, char *const argv[],
	    char *const envp[], bool aslr, const int stdio[3],
	    const char *cwd, struct fs_target **out, struct fs_err *e);

/* Seize every thread of PID and stop them all.  Never kills PID, even if
   we die.  */
int	fs_target_attach(pid_t pid, struct fs_target **out, struct fs_err *e);

/* Let every thread go as if never traced.  The caller has removed its
   breakpoints.  The target stays allocated (pid 0) until freed.  */
int	fs_target_detach(struct fs_target *t, struct fs_err *e);

/* Kill a launched process and reap it.  */
int	fs_target_kill(struct fs_target *t);

/* Kill (launched) or detach (attached) what is still alive, and free.  */
void	fs_target_free(struct fs_target *t);

pid_t	fs_target_pid(const struct fs_target *t);
/* The thread that reported the last event (the one we step).  */
pid_t	fs_target_tid(const struct fs_target *t);

/* The siginfo of the signal the current thread stopped for, as the
   kernel gives it to a 64-bit tracer (128 bytes).  Returns 0, or
   -FS_E_STATE when it stopped for none (an event).  */
int	fs_target_siginfo(struct fs_target *t, uint8_t buf[128],
	    struct fs_err *e);
void	fs_target_set_tid(struct fs_target *t, pid_t tid);
/* Every thread id, borrowed until the next resume.  */
const pid_t *fs_target_threads(const struct fs_target *t, size_t *n);
/* How many threads the process has: no copy made.  */
size_t	fs_target_nthreads(const struct fs_target *t);
bool	fs_target_attached(const struct fs_target *t);
bool	fs_target_alive(const struct fs_target *t);

/* Registers of the current thread, read once per stop and cached.
   Borrowed until the next resume or fs_target_set_regs.  */
int	fs_target_regs(struct fs_target *t, const struct user_regs_struct **r,
	    struct fs_err *e);
/* The registers of thread TID (stopped, as every thread is at a stop).  */
int	fs_target_thread_regs(struct fs_target *t, pid_t tid,
	    struct user_regs_struct *r, struct fs_err *e);
/* The floating-point and SSE registers of the current thread (xmm0 holds
   a returned double).  Read on each call: nothing in the stepping path
   needs them.  */
int	fs_target_fpregs(struct fs_target *t, struct user_fpregs_struct *r,
	    struct fs_err *e);
/* The extended state of thread TID (0: the current one) as
   PTRACE_GETREGSET NT_X86_XSTATE gives it: the XSAVE area in its standard
   form (x87 and SSE state in the first 512 bytes, the XSAVE header at
   512, every other component at the offset CPUID leaf 0xD gives; Linux
   puts the enabled features, XCR0, at byte 464).  LEN bytes are copied
   into BUF of SIZE.  On a kernel without it, the 512 bytes of
   PTRACE_GETFPREGS and a zero header.  Read on each call.  */
int	fs_target_xstate(struct fs_target *t, pid_t tid, uint8_t *buf,
	    size_t size, size_t *len, struct fs_err *e);
/* Write it back (a function called in the program restores the
   registers it found).  */
int	fs_target_set_xstate(struct fs_target *t, pid_t tid,
	    const uint8_t *buf, size_t len, struct fs_err *e);
int	fs_target_set_regs(struct fs_target *t,
	    const struct user_regs_struct *r, struct fs_err *e);
/* The signal the current thread gets when it is next resumed or
   detached (0: none).  */
void	fs_target_set_pending(struct fs_target *t, int sig);

/* The architecture of the process: of the code its current thread runs
   (a 64-bit tracer sees a 32-bit process's registers zero-extended in
   struct user_regs_struct).  x86-64 when the registers cannot be read.  */
const struct fs_arch *fs_target_arch(struct fs_target *t);

/* Read LEN bytes at ADDR with process_vm_readv (or /proc/PID/mem).
   Returns the number of bytes read (short at the end of a mapping), or a
   negative -FS_E_* when nothing could be read.  */
ssize_t	fs_target_read(struct fs_target *t, uint64_t addr, void *buf,
	    size_t len, struct fs_err *e);
/* Write LEN bytes at ADDR, also into read-only text (breakpoints).  */
int	fs_target_write(struct fs_target *t, uint64_t addr, const void *buf,
	    size_t len, struct fs_err *e);

/* Single-step the current thread, delivering SIG (0 for none), and wait
   for it to stop again; other threads stay stopped.  */
/* Told of each thread the process makes, at its first stop (EXITED
   false), and when one of those ends (EXITED true): its id and its
   thread pointer (fs_base, glibc's pthread_t).  Not of the threads there
   were at attach, nor of the main one.  */
typedef void fs_thread_cb(void *arg, pid_t tid, uint64_t fs_base,
    bool exited);
void	fs_target_on_thread(struct fs_target *t, fs_thread_cb *cb, void *arg);

int	fs_target_step(struct fs_target *t, int sig, struct fs_event *ev,
	    struct fs_err *e);
/* fs_target_step in two halves, for work to do while the thread steps
   (which must neither read nor write the process): the first resumes
   the thread and returns 0, or 1 when the step ended at once (the thread
   was killed: EV says so); the second waits for the step's end.  */
int	fs_target_step_begin(struct fs_target *t, int sig, struct fs_event *ev,
	    struct fs_err *e);
int	fs_target_step_end(struct fs_target *t, struct fs_event *ev,
	    struct fs_err *e);

/* Resume every thread (the current one with SIG) and wait for the next
   event in any of them; then stop all others.  */
int	fs_target_cont(struct fs_target *t, int sig, struct fs_event *ev,
	    struct fs_err *e);

/* Whether fs_target_cont stops the threads at every system call's
   entry and exit (PTRACE_SYSCALL), reported as FS_EV_SYSCALL: for
   catchpoints of system calls.  Off when the target is made.  */
void	fs_target_set_syscalls(struct fs_target *t, bool on);

/* Ask a running target to stop (async-signal-safe): the pending
   fs_target_cont returns FS_EV_INTERRUPT.  */
void	fs_target_interrupt(struct fs_target *t);
/* Forget an interrupt asked while nothing ran: the next resume is not
   stopped by it.  */
void	fs_target_interrupt_clear(struct fs_target *t);

/* The x86-64 debug registers of every thread, those the process makes
   later too: ADDR[0..3] into DR0-DR3, then DR7 (0: none; its local
   enable, R/W and LEN bits as the CPU takes them).  Kept and written
   again into each new thread (Linux does not give a clone its creator's
   debug registers).  A trap of one is FS_EV_WATCH; DR6 is cleared after
   it is read.  Detaching clears them all.  */
int	fs_target_set_dregs(struct fs_target *t, const uint64_t addr[4],
	    uint64_t dr7, struct fs_err *e);
/* Debug register N (0-7) of thread TID, read back.  */
int	fs_target_get_dreg(struct fs_target *t, pid_t tid, int n,
	    uint64_t *val, struct fs_err *e);

/*
 * Views: the state of the current thread at another moment than the
 * live process's, for a recording that replays its past (fs_record).
 * While a view is set, fs_target_read, and fs_target_regs, fs_target_fpregs
 * and fs_target_thread_regs of its thread answer from it, so
 * that everything above (the unwinder, variables, snapshots) reads the
 * past without knowing it; the process itself is not touched.  Writing
 * the program's memory or registers is refused then: only the
 * debugger's own bytes (breakpoints) go to the process, by
 * fs_target_poke.
 */
struct fs_target_view {
	/* Bytes at ADDR as the state has them: the number read (short at
	   the end of what is readable), or -FS_E_*.  */
	ssize_t	(*read)(void *arg, uint64_t addr, void *buf, size_t len,
		    struct fs_err *e);
	/* The current thread's registers in that state; borrowed until
	   the state changes.  */
	const struct user_regs_struct *(*regs)(void *arg);
	int	(*fpregs)(void *arg, struct user_fpregs_struct *r,
		    struct fs_err *e);
	void	*arg;
	pid_t	 tid;	/* the thread whose registers it has: the others'
			   are read from the process */
};

/* Answer from V from now on (copied); NULL: from the process again.  */
void	fs_target_set_view(struct fs_target *t, const struct fs_target_view *v);
/* The process's own memory, registers and floating-point registers,
   whatever the view.  */
ssize_t	fs_target_read_live(struct fs_target *t, uint64_t addr, void *buf,
	    size_t len, struct fs_err *e);
int	fs_target_regs_live(struct fs_target *t,
	    const struct user_regs_struct **r, struct fs_err *e);
int	fs_target_fpregs_live(struct fs_target *t, struct user_fpregs_struct *r,
	    struct fs_err *e);
/* The current thread's extended state, whatever the view: the XSAVE
   area PTRACE_GETREGSET NT_X86_XSTATE gives (its first 512 bytes the
   FXSAVE image of struct user_fpregs_struct), *LEN bytes into BUF of
   SIZE; without it, the 512 bytes of PTRACE_GETFPREGS.  And back.  */
int	fs_target_xstate_live(struct fs_target *t, uint8_t *buf, size_t size,
	    size_t *len, struct fs_err *e);
int	fs_target_set_xstate_live(struct fs_target *t, const uint8_t *buf,
	    size_t len, struct fs_err *e);
/* Write the process's memory under a view too: for the debugger's own
   bytes, never the program's state.  */
int	fs_target_poke(struct fs_target *t, uint64_t addr, const void *buf,
	    size_t len, struct fs_err *e);
/* Store LEN bytes at ADDR as the program itself would: a page it may
   not write fails (process_vm_writev, no ptrace force).  Returns the
   bytes stored.  */
ssize_t	fs_target_store(struct fs_target *t, uint64_t addr, const void *buf,
	    size_t len);
/* fs_target_read, and in the same system call the page of each of the
   NALSO addresses ALSO (at most FS_TARGET_ALSO) into the stop's pages,
   for the small reads that follow it (the instruction at the pc, a word
   of the thread's TLS) to take from there.  A page that cannot be read
   is left to them.  */
#define FS_TARGET_ALSO	4
ssize_t	fs_target_read_also(struct fs_target *t, uint64_t addr, void *buf,
	    size_t len, const uint64_t *also, size_t nalso, struct fs_err *e);
/* Read several ranges of the process's memory in one system call:
   REMOTE[i] into LOCAL[i].  Returns the bytes read in all, or -FS_E_*.
   A range that cannot be read ends the reading.  */
ssize_t	fs_target_readv(struct fs_target *t, const struct iovec *local,
	    const struct iovec *remote, size_t n);

/* A target without a process: the saved state of a recording, answered
   by V alone (a replay of a recording file).  It is alive with one
   thread, PID and TID as they were; everything that would need the
   process fails with "The program is not being run.", and it goes away
   (detach, kill, free) without touching anything.  */
int	fs_target_image(pid_t pid, pid_t tid, const struct fs_target_view *v,
	    struct fs_target **out, struct fs_err *e);

/* After FS_EV_FORK: the new process CHILD as a target of its own, its one
   thread stopped, launched or attached as T is (so fs_target_free kills
   or detaches it as it would T).  fs_target_detach lets it go, its debug
   registers cleared.  */
int	fs_target_fork_child(struct fs_target *t, pid_t child,
	    struct fs_target **out, struct fs_err *e);
/* After FS_EV_FORK: T becomes the new process CHILD (its one thread the
   current one, T's debug registers written into it), and the process T
   was is handed back in *PARENT, its threads still stopped, for the
   caller to detach.  */
int	fs_target_follow(struct fs_target *t, pid_t child,
	    struct fs_target **parent, struct fs_err *e);

/* When a call failed with -FS_E_EXITED because it met the death of the
   process (killed while we held it), how it ended, once: true and *EV
   (FS_EV_KILLED or FS_EV_EXITED).  */
bool	fs_target_death(struct fs_target *t, struct fs_event *ev);

/* Number of ptrace stops consumed since launch (for statistics).  */
unsigned long fs_target_nstops(const struct fs_target *t);

#endif
