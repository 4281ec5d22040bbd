/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_session: one debugging session, the object a front end holds.  It owns
 * the program (its modules), the process (fs_target), the breakpoints, the
 * signal dispositions and the state of the last stop, and implements the
 * execution commands on top of single steps and breakpoints: continue,
 * stepi/nexti, step/next by source line, finish.  At every stop it reads
 * the registers and unwinds the frames (fs_unwind), once; the front ends
 * only read them.  It never prints: a stop callback tells the front end
 * that a stop happened, and the front end shows it.
 *
 * Breakpoints are kept inserted while the process runs and while it is
 * stopped; readers of code go through fs_session_read, which shows the
 * original bytes.  Breakpoint sites are shared by user breakpoints and the
 * session's own (the dynamic loader's hook, step-out and finish targets).
 * One that cannot be written stops the next command that would resume
 * the program, as gdb's "Cannot insert breakpoint N." does.
 *
 * Forks follow gdb's defaults (follow-fork-mode parent, detach-on-fork
 * on): the process not followed is let go with every breakpoint byte and
 * debug register removed; a vfork child, which runs in its parent's
 * memory, runs with the breakpoints out of that memory (following the
 * parent) or keeps the parent held until it execs or exits (following the
 * child).  After an exec the new image's symbols are loaded and the
 * breakpoints resolved in it again.
 */
#ifndef FS_SESSION_H
#define FS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "fs_error.h"
#include "fs_modules.h"
#include "fs_unwind.h"

struct fs_scope;
struct fs_guard;

enum fs_stop_reason {
	FS_STOP_NONE,		/* no process */
	FS_STOP_ENTRY,		/* launched, at its first instruction */
	FS_STOP_ATTACHED,	/* attached, all threads stopped */
	FS_STOP_BREAKPOINT,	/* a user breakpoint */
	FS_STOP_STEP,		/* a step, next, stepi, nexti or finish ended */
	FS_STOP_SIGNAL,		/* a signal arrived (not yet delivered) */
	FS_STOP_INTERRUPT,	/* interrupted by the user */
	FS_STOP_EXITED,		/* the process exited or was killed */
	FS_STOP_WATCHPOINT,	/* a watchpoint fired */
	FS_STOP_WATCH_SCOPE,	/* a watchpoint's frame returned: it was
				   deleted */
	FS_STOP_SMASH,		/* the guard caught a store that smashed
				   a frame (fs_guard_smash says what) */
	FS_STOP_NO_HISTORY,	/* replaying a recording, its start (or
				   end) was reached: gdb's "No more
				   reverse-execution history." */
	FS_STOP_RECORD,		/* the recording cannot go on (MESSAGE
				   says why): stopped before the
				   instruction */
};

struct fs_stop {
	unsigned long	 number;	/* counts stops from 0 in a session */
	enum fs_stop_reason reason;
	pid_t		 pid, tid;
	int		 bpnum;		/* FS_STOP_BREAKPOINT */
	int		 bploc;		/* ... its location, from 1, when it
					   has several; else 0 */
	bool		 bptemp;	/* ... a temporary one (now deleted) */
	int		 sig;		/* FS_STOP_SIGNAL; FS_STOP_EXITED when
					   killed by a signal */
	uint64_t	 sigaddr;	/* faulting address for SIGSEGV & co */
	int		 exit_status;	/* FS_STOP_EXITED without sig */
	bool		 finished;	/* the stop ends a `finish` */
	/* The stop is one instruction after the previous one (a single
	   step, nothing else resumed the thread since): PREV_PC is that
	   instruction, the one that made any change seen now.  */
	bool		 single_step;
	uint64_t	 prev_pc;
	/* FS_STOP_BREAKPOINT of a fork or vfork catchpoint: the new
	   process; of an exec one: the new program (borrowed until the
	   next stop).  */
	pid_t		 child;
	const char	*exec_path;
	/* FS_STOP_BREAKPOINT of a syscall catchpoint: the call SYSNO was
	   entered, or returned from when SYSEXIT.  */
	bool		 syscall;
	uint64_t	 sysno;
	bool		 sysexit;
	/* FS_STOP_BREAKPOINT of any catchpoint: its event ("fork",
	   "syscall", "panic"...), a static string; NULL for a
	   breakpoint.  */
	const char	*catchpoint;
	/* FS_STOP_WATCHPOINT (BPNUM): the watched bytes before (NULL: they
	   did not change, gdb's "Value =") and now, WLEN each; borrowed
	   until the process moves.  FS_STOP_WATCH_SCOPE: BPNUM is the
	   watchpoint deleted.  */
	const uint8_t	*wold, *wnew;
	size_t		 wlen;
	/* ... the value before, or now (WNEW NULL), could not be read:
	   gdb's <unreadable>.  */
	bool		 wold_unread;
	/* FS_STOP_WATCH_SCOPE: the other watchpoints deleted with BPNUM
	   (borrowed until the process moves).  */
	const int	*wgone;
	size_t		 nwgone;
	/* A function called from framescope that had stopped (fs_session_
	   call) returned: its dummy frame is gone, the registers are back
	   to what they were before the call, and gdb stops silently.  */
	bool		 call_returned;
	/* FS_STOP_RECORD: gdb's lines for it, an error (the recording
	   cannot go on) or not (the program is about to exit); borrowed
	   until the next stop.  */
	const char	*message;
	bool		 message_error;
	/* The stop came going backwards (reverse execution).  */
	bool		 reverse;
	/* A stepi N in a recording's replay goes on past its start or end
	   as gdb's does: how many times it met one before this stop.  */
	unsigned	 nohist;
	/* A step or next stopped in its step frame (gdb's: made the
	   caller's by a return into the middle of its line, the enclosing
	   function's by the end of an inlined call) and in the function it
	   started in: gdb shows the line alone.  */
	bool		 step_frame;
	/* A stepi N (N > 1) that ran all its steps: the frame the last one
	   started in (its function's entry and its CFA), with which gdb
	   compares the stop to show the line alone or the whole place.  */
	bool		 last_step_known;
	uint64_t	 last_step_func, last_step_cfa;
};

enum fs_bp_kind {
	FS_BP_BREAKPOINT,
	FS_BP_WATCH,		/* watch: stops when a write changes it */
	FS_BP_RWATCH,		/* rwatch: a read (x86 watches accesses: a
				   change is a write, not reported) */
	FS_BP_AWATCH,		/* awatch: any access */
};

struct fs_breakpoint {
	int		 number;
	bool		 temporary;
	bool		 enabled;
	bool		 pending;	/* nothing loaded matches it yet */
	char		*spec;		/* as typed: "callee", "x.c:9" */
	uint64_t	*addrs;		/* runtime (or file, before run) */
	size_t		 naddrs;
	/* For each location, the function or inlined call gdb names it
	   by (the copy of an inlined function a location is in); NULL:
	   none known.  A stop at a location whose scope is an inlined call
	   starting there shows that call as frame 0 (gdb hides inlined
	   calls at their entry otherwise).  */
	const struct fs_scope **scopes;
	bool		 file_relative;	/* *ADDRESS given before the program
					   ran: FILE_ADDR in the executable */
	uint64_t	 file_addr;
	const char	*file;		/* where gdb says it is: the file and
					   line of its first location (for
					   FILE:LINE the line asked for or the
					   next with code); NULL: unknown.
					   Owned by the session's modules */
	unsigned	 line;
	unsigned long	 hits;
	char		*cond;		/* stop only if this is true; NULL:
					   always */
	unsigned long	 ignore;	/* crossings still to go past */
	bool		 bare_line;	/* given as LINE: in the current file */
	bool		 at_entry;	/* a function's locations at its
					   entries, no prologue skipped */
	/* The function named is an indirect one (STT_GNU_IFUNC) whose
	   resolver has not run yet: the location is the resolver, at
	   IFUNC; once it returns, the breakpoint moves to the function it
	   chose, as gdb's "STT_GNU_IFUNC resolver" breakpoint.  0: none.  */
	uint64_t	 ifunc;
	const char	*catchpoint;	/* a catchpoint's event ("panic",
					   "fork", "vfork", "exec"), NULL for
					   a breakpoint */
	/* A catchpoint of a process event (fork, vfork, exec), which has no
	   location: EVENT_PID the child its last hit met, EVENT_PATH the
	   program exec'd (owned); 0 and NULL before.  */
	bool		 event;
	pid_t		 event_pid;
	char		*event_path;
	/* A syscall catchpoint (CATCHPOINT "syscall"): the numbers of the
	   calls it catches, NSYSCALLS of them (0: any).  */
	uint64_t	*syscalls;
	size_t		 nsyscalls;
	/* A watchpoint (SPEC its expression): the object [WADDR, WADDR +
	   WLEN), its bytes when last looked at, the debug registers it has
	   (bit i: DRi), and for a frame's variable that frame's CFA (0: a
	   global) and where it returns to, which deletes the watchpoint. */
	enum fs_bp_kind	 kind;
	uint64_t	 waddr;
	size_t		 wlen;
	uint8_t		*wold;
	unsigned	 wslots;
	uint64_t	 wcfa, wscope_pc;
	/* ... and the objects its expression reads to find it (p of
	   p->x), NWDEPS of them, watched for writes too: a change of one
	   has the expression taken again (fs_session_on_watch_eval), and
	   the watchpoint moved to what it names then.  */
	struct fs_watch_dep {
		uint64_t addr;
		size_t	 len;
	}		*wdeps;
	size_t		 nwdeps;
	bool		 wunread;	/* the object cannot be read now (p
					   null): WOLD is its last value */
	bool		 wdeps_file;	/* WDEPS are file addresses, taken
					   before the program ran */
	uint8_t		*wnow;		/* an expression that names no
					   object (a + b): its value, WLEN
					   bytes, as last taken; NULL: an
					   object */
	/* A dprintf's "FMT", ARGS (owned): a hit that would stop calls
	   the dprintf callback instead, and the program goes on.  NULL:
	   none.  */
	char		*dprintf;
};

enum fs_sig_flag {
	FS_SIG_STOP = 1,
	FS_SIG_PRINT = 2,
	FS_SIG_PASS = 4,
};

struct fs_session;

typedef void fs_stop_cb(struct fs_session *s, void *arg);
typedef void fs_signal_cb(struct fs_session *s, int sig, void *arg);
typedef void fs_thread_note_cb(struct fs_session *s, pid_t tid,
    uint64_t fs_base, bool exited, void *arg);

/* What the session did with a process on its own, for the front end to
   tell (gdb's bracketed lines).  */
enum fs_note_kind {
	FS_NOTE_FORK_DETACH,	/* the child CHILD of a fork (VFORK) was let
				   go: "[Detaching after fork from child
				   process N]" */
	FS_NOTE_FORK_FOLLOW,	/* the child is followed, about to become the
				   process (TID the thread of PID that
				   forked, still current): "[Attaching after
				   ... fork to child process N]", "[New
				   inferior ...]" */
	FS_NOTE_PARENT_DETACH,	/* ... and the parent PID let go */
	FS_NOTE_VFORK_PARENT,	/* the parent PID of the vfork child
				   followed let go, after the child's exec
				   (EXEC) or exit */
	FS_NOTE_EXEC,		/* process PID is executing new program
				   PATH */
};

struct fs_note {
	enum fs_note_kind kind;
	pid_t		 pid, tid, child;
	bool		 vfork;
	bool		 exec;
	int		 inferior;	/* gdb's number of PID's inferior */
	int		 child_inferior;
	const char	*path;
};

typedef void fs_note_cb(struct fs_session *s, const struct fs_note *n,
    void *arg);
int	fs_session_new(struct fs_session **out, struct fs_err *e);
/* Kills a launched process, detaches from an attached one, frees all.  */
void	fs_session_free(struct fs_session *s);

void	fs_session_set_aslr(struct fs_session *s, bool aslr);
bool	fs_session_aslr(const struct fs_session *s);
/* gdb's print elements and print repeats for the values shown from now
   on (0: gdb's defaults, 200 and 10; UINT_MAX: no limit).  */
void	fs_session_set_print_limits(struct fs_session *s, unsigned elements,
	    unsigned repeats);
void	fs_session_print_limits(const struct fs_session *s,
	    unsigned *elements, unsigned *repeats);
/* gdb's `set language': the language expressions are read in, AUTO
   the selected frame's (fs_vars_language).  */
enum fs_lang { FS_LANG_AUTO, FS_LANG_C, FS_LANG_CPLUS, FS_LANG_RUST };
void	fs_session_set_lang(struct fs_session *s, enum fs_lang lang);
enum fs_lang fs_session_lang(const struct fs_session *s);
/* The arguments programs launched from now on get after argv[0]: gdb's
   `set args', `run ARGS'.  */
int	fs_session_set_args(struct fs_session *s, int argc,
	    char *const argv[], struct fs_err *e);
/* They, ARGC of them (argv[1] on).  Borrowed.  */
char *const *fs_session_args(const struct fs_session *s, int *argc);
/* The environment of programs launched from now on: framescope's own
   until changed.  VALUE NULL unsets NAME; NAME NULL unsets all.  */
int	fs_session_setenv(struct fs_session *s, const char *name,
	    const char *value, struct fs_err *e);
/* NAME's value there, NULL when unset; all of it, NULL-terminated.  */
const char *fs_session_getenv(const struct fs_session *s, const char *name);
char *const *fs_session_environ(const struct fs_session *s);
/* The working directory programs are launched in (NULL: framescope's
   own); it is made absolute at launch, `~' and all, by the caller.  */
int	fs_session_set_cwd(struct fs_session *s, const char *dir,
	    struct fs_err *e);
const char *fs_session_cwd(const struct fs_session *s);
/* The descriptors fs_session_set_stdio last gave, into FDS.  */
void	fs_session_stdio(const struct fs_session *s, int fds[3]);
/* The standard input, output and error of programs launched from now on
   (each -1: framescope's own, the default).  A terminal as IN becomes
   the program's controlling terminal.  The descriptors stay the
   caller's.  */
void	fs_session_set_stdio(struct fs_session *s, int in, int out, int err);
/* Called after every stop, once the frames are known.  */
void	fs_session_on_stop(struct fs_session *s, fs_stop_cb *cb, void *arg);
/* Called while the thread makes a single step, between its resume and
   the wait for its end: for work on what was read at the stop before,
   which must not ask the session anything (the process runs).  Called
   too just before a continue, for that work to be done first.  */
typedef void fs_step_cb(void *arg);
void	fs_session_on_step(struct fs_session *s, fs_step_cb *cb, void *arg);

/* Called for a signal that is to be printed but does not stop the
   program (`handle SIG nostop print`), before it is passed on.  */
void	fs_session_on_signal(struct fs_session *s, fs_signal_cb *cb,
	    void *arg);

/* Called when the program makes a thread (at its first stop) and when
   one of those ends: gdb's "[New Thread 0x... (LWP n)]" and "[Thread
   ... exited]".  FS_BASE is the thread's pthread_t.  */
void	fs_session_on_thread(struct fs_session *s, fs_thread_note_cb *cb,
	    void *arg);

/* Called for each fs_note.  */
void	fs_session_on_note(struct fs_session *s, fs_note_cb *cb, void *arg);

/* gdb's follow-fork-mode: the process that goes on being debugged after
   a fork, the child (CHILD true) or the parent (the default).  */
/* Whether recording runs the instructions fs_emu knows in the tracer
   rather than single-stepping them (`set record full emulate'): on by
   default.  */
void	fs_session_set_record_emulate(struct fs_session *s, bool on);
bool	fs_session_record_emulate(const struct fs_session *s);
void	fs_session_set_follow_fork(struct fs_session *s, bool child);
bool	fs_session_follow_fork(const struct fs_session *s);
/* gdb's number of the inferior being debugged: 1, and one more for each
   fork child followed.  */
int	fs_session_inferior(const struct fs_session *s);

/* gdb's `set backtrace limit': at most N frames (0: no limit), counted as
   gdb counts them (inlined calls too).  */
void	fs_session_set_backtrace_limit(struct fs_session *s, unsigned n);
unsigned fs_session_backtrace_limit(const struct fs_session *s);

/* The program to launch, found like a shell finds it when PATH has no
   slash, and its arguments (ARGV[0] is the program as typed).  Opens the
   ELF file: fails on a missing, unreadable or non-ELF file.  */
int	fs_session_load(struct fs_session *s, int argc, char *const argv[],
	    struct fs_err *e);
const char *fs_session_program(const struct fs_session *s);

/* Launch the program (killing a running one), stopped at its first
   instruction (FS_STOP_ENTRY).  */
int	fs_session_launch(struct fs_session *s, struct fs_err *e);
int	fs_session_attach(struct fs_session *s, pid_t pid, struct fs_err *e);
/* Remove every breakpoint byte and let the process go.  */
int	fs_session_detach(struct fs_session *s, struct fs_err *e);
int	fs_session_kill(struct fs_session *s, struct fs_err *e);
bool	fs_session_alive(const struct fs_session *s);
bool	fs_session_attached(const struct fs_session *s);
pid_t	fs_session_pid(const struct fs_session *s);

/* Breakpoints.  SPEC: FUNCTION, FILE:LINE, LINE, *ADDRESS, or NULL for the
   current pc.  One that matches nothing loaded yet is made pending (it is
   resolved when a library loads) and returns FS_E_NOENT through *PENDING
   being set; a malformed spec fails.  *BP is borrowed.  */
int	fs_session_break(struct fs_session *s, const char *spec, bool temporary,
	    const struct fs_breakpoint **bp, struct fs_err *e);
/* A catchpoint for event WHAT ("panic", a static string), numbered with
   the breakpoints: a breakpoint on SPEC shown as a catchpoint.  As
   fs_session_break.  */
/* Where function NAME and each copy of it inlined elsewhere begin, as
   `break NAME' finds them but with no prologue skipped (gdb's `info
   line NAME'): *ADDRS (malloc'd, caller frees) sorted, *N of them.
   Returns 0 or -FS_E_NOENT ("Function \"NAME\" not defined.").  */
int	fs_session_func_entries(struct fs_session *s, const char *name,
	    uint64_t **addrs, size_t *n, struct fs_err *e);
int	fs_session_catch(struct fs_session *s, const char *spec,
	    const char *what, bool temporary, const struct fs_breakpoint **bp,
	    struct fs_err *e);
/* A catchpoint of a process event, WHAT "fork", "vfork" or "exec": the
   program stops at the event, in the process that made it (its child not
   yet let go or followed; the new program at its first instruction).
   A TEMPORARY one is deleted at its first stop.  */
int	fs_session_catch_event(struct fs_session *s, const char *what,
	    bool temporary, const struct fs_breakpoint **bp,
	    struct fs_err *e);
/* A catchpoint of the system calls NRS[0..N) (N 0: any), in the
   program's own numbering (i386's in a 32-bit program): the program
   stops as each is entered and as it returns (each stop a hit).  While
   one is enabled, the threads run under PTRACE_SYSCALL; a TEMPORARY
   one is deleted at its first stop.  */
int	fs_session_catch_syscall(struct fs_session *s, const uint64_t *nrs,
	    size_t n, bool temporary, const struct fs_breakpoint **bp,
	    struct fs_err *e);
/* Where `break FUNC' puts its first location: past the prologue.
   Returns 0 or -FS_E_NOENT.  */
int	fs_session_break_addr(struct fs_session *s, const char *func,
	    uint64_t *addr);
/* Delete breakpoint NUMBER, or every one with NUMBER 0.  */
int	fs_session_delete(struct fs_session *s, int number, struct fs_err *e);
/* Whether fs_session_break keeps a breakpoint on a function nothing
   loaded defines yet, pending until a library defines it (gdb's `set
   breakpoint pending on'), or fails with the lookup's error.  On when the
   session is made.  */
void	fs_session_set_pending(struct fs_session *s, bool allow);
/* Breakpoint NUMBER stops only where COND holds (NULL or "": always).  */
int	fs_session_condition(struct fs_session *s, int number,
	    const char *cond, struct fs_err *e);
/* Breakpoint NUMBER lets the program go past its next COUNT hits.  */
int	fs_session_ignore(struct fs_session *s, int number,
	    unsigned long count, struct fs_err *e);
/* Asked at a hit of a breakpoint with a condition, at a stop made for
   it (frames and variables can be read): 1 to stop, 0 to go on.  The
   core has no expression evaluator of its own; fs_vars has.  */
typedef int fs_cond_cb(struct fs_session *s, const struct fs_breakpoint *bp,
    void *arg);
void	fs_session_on_condition(struct fs_session *s, fs_cond_cb *cb,
	    void *arg);
/* Make breakpoint NUMBER a dprintf of TEXT (gdb's "FMT", ARGS), or with
   NULL a breakpoint that stops again.  At each hit that would stop, the
   hit counted, CB (fs_session_on_dprintf) prints it at a stop made for
   it, not told, and returns 0 to go on or 1 to stop (its error).  */
int	fs_session_dprintf(struct fs_session *s, int number,
	    const char *text, struct fs_err *e);
void	fs_session_on_dprintf(struct fs_session *s, fs_cond_cb *cb,
	    void *arg);
/* A hardware watchpoint of KIND on the LEN bytes at ADDR (EXPR is what
   the user typed), numbered with the breakpoints.  FRAME is the frame
   (fs_session_frames) whose variable EXPR names, or -1 for none: the
   watchpoint is deleted when that frame returns.  Up to four debug
   registers in all, each an aligned 1, 2, 4 or 8 bytes; more fail with
   gdb's message and no watchpoint.  Needs a process.  */
int	fs_session_watch(struct fs_session *s, enum fs_bp_kind kind,
	    const char *expr, uint64_t addr, size_t len, int frame,
	    const struct fs_breakpoint **bp, struct fs_err *e);
/* Watchpoint NUMBER (of kind watch) watches the LEN bytes at ADDR from
   now on (LEN 0: what it names cannot be read), and the NDEPS objects
   DEPS its expression reads; with VALUE, the expression names no object
   (a + b) and VALUE is what it is now, LEN bytes.  Its value is kept as it was: a move is a
   change when the bytes there differ.
   Fails with gdb's message, nothing changed, when the debug registers
   do not suffice.  */
int	fs_session_watch_move(struct fs_session *s, int number, uint64_t addr,
	    size_t len, const struct fs_watch_dep *deps, size_t ndeps,
	    const uint8_t *value, struct fs_err *e);
/* Asked, at a stop made for it (frames and variables can be read), when
   a watchpoint with objects it depends on may have fired: CB takes the
   expression again and moves the watchpoint (fs_session_watch_move).
   Returns 0, or -1 when the expression cannot be taken (it stays
   where it was).  */
typedef int fs_watch_eval_cb(struct fs_session *s,
    const struct fs_breakpoint *bp, void *arg);
void	fs_session_on_watch_eval(struct fs_session *s, fs_watch_eval_cb *cb,
	    void *arg);
int	fs_session_enable(struct fs_session *s, int number, bool on,
	    struct fs_err *e);
const struct fs_breakpoint *fs_session_breakpoints(const struct fs_session *s,
	    size_t *n);

/* Signal dispositions.  FLAGS_ON are set, FLAGS_OFF cleared.  */
int	fs_session_handle(struct fs_session *s, int sig, unsigned flags_on,
	    unsigned flags_off, struct fs_err *e);
unsigned fs_session_sigflags(const struct fs_session *s, int sig);

/* Execution.  Each returns once the process has stopped again (or
   exited); the stop callback has run for every stop on the way (each
   instruction of a stepi N is a stop).  A process that dies on the way,
   whatever call meets its death first, is a stop (FS_STOP_EXITED) and no
   error.  fs_cancel_request ends the command with the process stopped
   (FS_STOP_INTERRUPT).  A breakpoint that cannot be written fails the
   command before anything runs, with gdb's lines ("Warning:\nCannot
   insert breakpoint 1.\nCannot access memory at address 0x...\n") and
   FS_E_INSERT.  */
int	fs_session_cont(struct fs_session *s, struct fs_err *e);
/* gdb's signal SIG (RESUME: continue, the thread given SIG; 0 none) and
   queue-signal SIG (SIG given at the next resume).  */
int	fs_session_signal(struct fs_session *s, int sig, bool resume,
	    struct fs_err *e);
/* gdb's jump: continue at ADDR; a breakpoint there is hit at once.  */
int	fs_session_jump(struct fs_session *s, uint64_t addr, struct fs_err *e);
/* The addresses of SPEC's locations, as a breakpoint on it would have
   them (malloc'd, *N of them).  */
int	fs_session_resolve(struct fs_session *s, const char *spec,
	    uint64_t **addrs, size_t *n, struct fs_err *e);
int	fs_session_stepi(struct fs_session *s, unsigned long n, bool over,
	    struct fs_err *e);
int	fs_session_step(struct fs_session *s, bool over, struct fs_err *e);
/* gdb's until without an argument: next, but a jump back to an earlier
   line of the function (a loop's end) does not stop it.  */
int	fs_session_until_next(struct fs_session *s, struct fs_err *e);
/* gdb's until LOCATION (ANYWHERE false) and advance LOCATION (true): run
   until SPEC (a breakpoint's location) is reached, in frame FRAME itself
   for until, or until FRAME returns to its caller.  */
int	fs_session_until(struct fs_session *s, const char *spec,
	    unsigned frame, bool anywhere, struct fs_err *e);
/* The functions and files step does not stop in (fs_skip.h); step also
   goes through, from Rust code, functions whose source file is not on
   this machine.  */
struct fs_skips *fs_session_skips(struct fs_session *s);
/* Run until frame FRAME (0: the innermost) returns.  */
int	fs_session_finish(struct fs_session *s, unsigned frame,
	    struct fs_err *e);
/* Call a function in the program (gdb's inferior calls): run the current
   thread with REGS and XSAVE area XS (XLEN bytes), which the caller made
   for the call (arguments in registers and on the stack, rsp at the
   return address RET_ADDR, rip at the function), until the function
   returns there with rsp RET_SP; the other threads run too.  A breakpoint
   is kept at RET_ADDR (the executable's entry, gdb's dummy frame) while
   the call is on the stack.  END says how it ended:
   - FS_CALL_RETURNED: RET_REGS (and RET_XS, XLEN bytes, when not NULL)
     are the registers it returned with; the thread's registers and the
     stop are back to what they were, and no stop was reported.
   - FS_CALL_STOPPED: a breakpoint, a signal, a watchpoint stopped it
     first; the stop was reported as any other.  The call stays on the
     stack under a dummy frame (fs_frame's DUMMY), and when it returns
     later the program stops silently where it was before the call
     (fs_stop's CALL_RETURNED).
   - FS_CALL_UNWOUND: a signal stopped it (reported) and UNWIND_ON_SIGNAL
     was set (gdb's unwindonsignal): the registers and the stop are back
     to before the call, the signal discarded.
   - FS_CALL_EXITED: the process ended (reported).  */
struct fs_call {
	struct user_regs_struct regs;
	const uint8_t	*xs;
	size_t		 xlen;
	uint64_t	 ret_addr, ret_sp;
	bool		 unwind_on_signal;
	enum fs_call_end {
		FS_CALL_RETURNED,
		FS_CALL_STOPPED,
		FS_CALL_UNWOUND,
		FS_CALL_EXITED,
	}		 end;
	struct user_regs_struct ret_regs;
	uint8_t		*ret_xs;
};
int	fs_session_call(struct fs_session *s, struct fs_call *c,
	    struct fs_err *e);
/* gdb's `set unwindonsignal': whether a signal in a called function
   puts back the registers it was called with (FS_CALL_UNWOUND).  Off
   when the session is made.  */
void	fs_session_set_unwind_on_signal(struct fs_session *s, bool on);
bool	fs_session_unwind_on_signal(const struct fs_session *s);
/* Write LEN bytes at ADDR in the program (a called function's stack).
   Returns 0 or -FS_E_*.  */
/* Set register NAME of the current thread (the architecture's name,
   or pc, sp, fp) to VAL, as `set var $rax = 1' does.  0, or -FS_E_NOENT
   for no such register, or an error.  */
int	fs_session_set_reg(struct fs_session *s, const char *name,
	    uint64_t val, struct fs_err *e);
/* A floating-point value returned: the LEN (at most 16) low bytes of
   the current thread's xmm0 (a float or double); LEN 17: VAL is an x87
   extended number made st(0), alone on the x87 stack, as a long double
   is returned.  */
int	fs_session_set_fpret(struct fs_session *s, const void *val, size_t len,
	    struct fs_err *e);
int	fs_session_write(struct fs_session *s, uint64_t addr, const void *buf,
	    size_t len, struct fs_err *e);
/* The registers a function returned with at this stop: the thread's, or
   when the stop is a called function's return (CALL_RETURNED) those it
   returned with, its registers now being the caller's again (for
   `finish' from it).  Borrowed until the program moves.  */
int	fs_session_return_regs(struct fs_session *s,
	    const struct user_regs_struct **regs, const uint8_t **xs,
	    size_t *xlen, struct fs_err *e);
/* The registers physical frame PHYS (fs_frame's) keeps for its caller:
   fs_unwind_regs, or past a dummy frame those the call was made with.
   Returns 0 or -FS_E_NOENT.  */
int	fs_session_frame_regs(struct fs_session *s, size_t phys,
	    const struct fs_frame_regs **out);

/* Ask a running process to stop (from a signal handler too).  */
void	fs_session_interrupt(struct fs_session *s);

/* The threads of the process, by thread id, ascending; *CUR is the one
   the stop is about (and that steps).  Borrowed until the process
   moves.  */
int	fs_session_threads(struct fs_session *s, const pid_t **tids, size_t *n,
	    pid_t *cur, struct fs_err *e);
/* gdb's number of thread TID: 1 for the first thread seen, then in the
   order threads appear; a number is never reused while the process
   lives.  */
int	fs_session_thread_num(struct fs_session *s, pid_t tid);
/* The highest number given: above 1, the process has had several
   threads, and gdb names the thread in stop messages.  */
int	fs_session_thread_max(const struct fs_session *s);
/* Make thread TID the current one: frames, registers and steps are its.  */
int	fs_session_select_thread(struct fs_session *s, pid_t tid,
	    struct fs_err *e);
/* Registers of any thread.  */
/* gdb's $_siginfo: the siginfo of the signal the current thread stopped
   for (fs_target_siginfo).  Returns 0 or -FS_E_*.  */
int	fs_session_siginfo(struct fs_session *s, uint8_t buf[128],
	    struct fs_err *e);
int	fs_session_thread_regs(struct fs_session *s, pid_t tid,
	    struct user_regs_struct *r, struct fs_err *e);

/* The last stop.  Borrowed.  */
const struct fs_stop *fs_session_stop(const struct fs_session *s);
/* The frames of the last stop, each with its function and source
   position.  Borrowed until the process moves.  */
int	fs_session_frames(struct fs_session *s, const struct fs_frame **frames,
	    size_t *n, struct fs_err *e);
/* The same, with function and source position filled in for the first K
   frames only (their `has_where`): showing frame 0 need not read the
   debug information of every library on the stack.  Frames are those
   gdb shows: a call inlined into a function is a frame of its own
   (fs_frame's INLINED), so N may grow as more frames are asked for;
   the first K keep their index.  */
int	fs_session_frames_head(struct fs_session *s, size_t k,
	    const struct fs_frame **frames, size_t *n, struct fs_err *e);
/* Why the frames end, in gdb's words after "Backtrace stopped: " ("previous
   frame inner to this frame (corrupt stack?)", "Quit" when the unwind was
   given up), or NULL when gdb says nothing (the outermost frame, a
   limit).  Made in BUF, LEN when it needs to be.  */
const char *fs_session_frames_end(struct fs_session *s, char *buf,
	    size_t len);
int	fs_session_regs(struct fs_session *s,
	    const struct user_regs_struct **regs, struct fs_err *e);
/* The SSE and x87 registers of the current thread.  */
int	fs_session_fpregs(struct fs_session *s, struct user_fpregs_struct *r,
	    struct fs_err *e);
/* The extended registers of the current thread (the XSAVE area,
   fs_target_xstate, which fs_regs reads), once a stop: *BUF is borrowed
   until the program runs again.  */
int	fs_session_xstate(struct fs_session *s, const uint8_t **buf,
	    size_t *len, struct fs_err *e);
/* The stack bytes of the previous stop, [*LO, *LO + *LEN), to tell what
   changed: only when the frames of that stop and of this one were both
   unwound at the stop (not a thread switch in between), else NULL.
   Borrowed until the process moves.  */
const uint8_t *fs_session_prev_stack(struct fs_session *s, uint64_t *lo,
	    size_t *len);
/* The unwinder of the stops, for what it keeps beside the frames
   (fs_unwind_regs, fs_unwind_canary).  Borrowed.  */
struct fs_unwinder *fs_session_unwinder(struct fs_session *s);
/* The session's control-slot ledger and guard (fs_guard).  Borrowed.  */
struct fs_guard *fs_session_guard(struct fs_session *s);
/* Read target memory as the program sees it (breakpoint bytes hidden).
   Returns bytes read or -FS_E_*.  */
ssize_t	fs_session_read(struct fs_session *s, uint64_t addr, void *buf,
	    size_t len, struct fs_err *e);
/* How many reads fs_session_read was asked for so far: a formatter that
   read none made its text of what it was given alone.  */
unsigned long fs_session_nreads(const struct fs_session *s);
struct fs_modules *fs_session_modules(struct fs_session *s);
/* The architecture of the process (of its current thread's code), or of
   the program when none runs: x86-64 or i386.  */
const struct fs_arch *fs_session_arch(struct fs_session *s);

/* The address an expression names: a number, a register ($pc, $sp, $rbp,
   ...) or a function, with + and - terms.  Registers are those of frame
   FRAME.  */
int	fs_session_eval_addr(struct fs_session *s, const char *expr,
	    unsigned frame, uint64_t *out, struct fs_err *e);

/* For fs_guard: an internal breakpoint at ADDR, counted (ON), or one
   reference to it dropped; and the debug registers written again (the
   user's watchpoints, then the guard's).  */
int	fs_session_guard_site(struct fs_session *s, uint64_t addr, bool on);
int	fs_session_sync_dregs(struct fs_session *s, struct fs_err *e);
/*
 * Recording and reverse execution (fs_record).  While a recording is on,
 * every forward command runs by single steps, each logged; going back
 * moves the recording's position, and every reading command then answers
 * from the state there, while the process stays where it is.  Forward
 * commands in the past replay the log (a `continue' stops at its end,
 * gdb's "No more reverse-execution history."); from the end they run the
 * process again, still recording.  Only the current thread is recorded:
 * the others are held while it steps.
 */
/* Start recording at the current stop.  */
int	fs_session_record_start(struct fs_session *s, struct fs_err *e);
/* Stop recording and drop the log.  In the past, the state there is
   written into the process first, which goes on from there, as gdb's
   `record stop'.  */
int	fs_session_record_stop(struct fs_session *s, struct fs_err *e);
/* The recording, NULL when there is none.  */
struct fs_record *fs_session_record(struct fs_session *s);
/* Reverse execution, the counterparts of stepi/nexti, step/next, finish
   and continue, with gdb's rules.  */
int	fs_session_reverse_stepi(struct fs_session *s, unsigned long n,
	    bool over, struct fs_err *e);
int	fs_session_reverse_step(struct fs_session *s, bool over,
	    struct fs_err *e);
int	fs_session_reverse_finish(struct fs_session *s, unsigned frame,
	    struct fs_err *e);
int	fs_session_reverse_cont(struct fs_session *s, struct fs_err *e);
/* Move to instruction POS of the recording (gdb's `record goto').  */
int	fs_session_record_goto(struct fs_session *s, uint64_t pos,
	    struct fs_err *e);
/* Each position FROM..TO of the recording in turn as the stop (not told
   to the stop callback), FN called there (a negative return ends it);
   then back at the position it was at, told.  */
int	fs_session_record_each(struct fs_session *s, uint64_t from,
	    uint64_t to, int (*fn)(struct fs_session *, void *), void *arg,
	    struct fs_err *e);
/* Replay recording R without a process: PATH the program (already
   loaded with fs_session_load), PID and TID the process's as recorded,
   MAPS its /proc/PID/maps with the files as found here.  The session
   takes R.  */
int	fs_session_replay(struct fs_session *s, struct fs_record *r, pid_t pid,
	    pid_t tid, const char *maps, struct fs_err *e);
/* Whether the session replays a file (no process at all).  */
bool	fs_session_replaying_file(const struct fs_session *s);

/* Signal name ("SIGSEGV") and description ("Segmentation fault").  */
const char *fs_signame(int sig);
const char *fs_sigdesc(int sig);
/* Parse "SIGSEGV", "segv", "11"; returns 0 when unknown.  */
int	fs_sigparse(const char *name);

#endif
