/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_session: breakpoints, execution control and the state of the last
 * stop (see include/fs_session.h).
 *
 * Breakpoint sites.  A site is one address with an int3 written over its
 * first byte; it is referenced by the user breakpoints that have a location
 * there and by the session's own uses (the dynamic loader's hook, a
 * step-out or finish target).  A site is in memory while the process is
 * alive and it has a reference.  To resume from an address holding a site,
 * the original byte is put back for one single step.
 *
 * Line stepping follows gdb (infrun.c): keep single-stepping while the pc
 * stays inside the line-table row range the step started in; stop at the
 * start of a row of another line that is a statement; a row of the same
 * line, or the middle of a row, becomes the new range.  A call is stepped
 * over with a site at its return address (never by stepping through the
 * callee); `step` enters a callee that has line information and stops after
 * its prologue, and steps out of code without lines.
 */
#include <ctype.h>
#include <elf.h>
#include <link.h>
#include <stddef.h>
#include <stdio.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_dinfo.h"
#include "fs_guard.h"
#include "fs_insn.h"
#include "fs_regs.h"
#include "fs_record.h"
#include "fs_sbuf.h"
#include "fs_session.h"
#include "fs_skip.h"
#include "fs_target.h"

extern char **environ;

#define NSIG_	65

struct site {
	uint64_t	addr;
	uint8_t		orig;
	bool		inserted;
	int		user;		/* user breakpoint locations here */
	int		internal;	/* the session's own uses */
};

struct fs_session {
	struct fs_skips		 skips;		/* what step does not enter */
	struct fs_modules	*mods;
	struct fs_target	*t;
	struct fs_unwinder	*unw;
	struct fs_unwinder	*wunw;		/* a recorded writer's frames */
	struct fs_guard		*guard;		/* control slots, `guard' */
	char			*path;		/* resolved program path */
	char			**argv;		/* argv[0] as typed */
	int			 argc;
	char			**env;		/* NULL: framescope's own */
	size_t			 nenv;
	char			*cwd;		/* NULL: framescope's own */
	unsigned		 print_elements, print_repeats;
	enum fs_lang		 lang;
	bool			 aslr;
	int			 stdio[3];	/* the program's; -1: ours */

	struct fs_breakpoint	*bps;
	size_t			 nbps;
	int			 next_bpnum;
	struct site		*sites;
	size_t			 nsites;
	/* The last sites taken out, a ring: another thread that hit one
	   before it went reports its int3 later (gdb's moribund
	   locations).  */
	uint64_t		 gone_sites[16];
	unsigned		 ngone_sites;
	uint64_t		 solib_hook;	/* 0: none */
	/* What the resolvers of indirect functions returned in this
	   process: strcpy's resolver at RESOLVER chose TARGET.  */
	struct ifunc {
		uint64_t	 resolver, target;
	}			*ifuncs;
	size_t			 nifuncs;
	unsigned long		 nreads;	/* fs_session_read's calls */

	unsigned		 sigflags[NSIG_];
	int			 pending_sig;	/* for the next resume */
	bool			 no_step_over;	/* the next continue runs into
						   a breakpoint at the pc (a
						   jump to it, as gdb's) */

	struct fs_stop		 stop;
	unsigned long		 nstops;
	const struct fs_frame	*frames;
	size_t			 nframes;
	bool			 frames_valid;
	/* The frames as gdb shows them, inlined calls expanded: physical
	   frames [0, VPHYS) expanded into VF[0, VPOS), the others copied
	   as they are (no `where') until someone asks for them.  */
	struct fs_frame		*vf;
	size_t			 nvf, capvf, vphys, vpos;
	bool			 vvalid;
	/* Inlined calls hidden at frame 0 (gdb's skip_inline_frames: a
	   stop at the entry of an inlined call shows the caller at the
	   call, until `step' goes in); -1: not worked out yet.  NEXT_SKIP
	   is what the next stop takes (-1: by gdb's rule).  */
	int			 vskip, next_skip;
	bool			 stepping_insn;
	/* What resumed the thread since the last stop: see fs_stop's
	   single_step.  */
	unsigned		 nresumes;
	bool			 resume_step;
	uint64_t		 resume_pc;
	/* The stop whose frames the last two unwinds were (ULONG_MAX: not
	   a stop's), to tell whether the unwinder's previous stack bytes
	   are the previous stop's.  */
	unsigned long		 unw_stop, unw_prev_stop;
	bool			 unwinding_stop;

	fs_stop_cb		*cb;
	void			*cbarg;
	fs_step_cb		*step_cb;
	void			*step_arg;
	fs_signal_cb		*note_cb;
	void			*note_arg;
	fs_thread_note_cb	*thread_cb;
	void			*thread_arg;
	fs_cond_cb		*cond_cb;
	void			*cond_arg;
	fs_cond_cb		*dprintf_cb;
	void			*dprintf_arg;
	bool			 allow_pending;	/* fs_session_set_pending */
	/* What the last resume met of the watchpoints, for the stop: the
	   number of the one that fired (WHIT) with its bytes before (NULL
	   when unchanged) and now, or of the one whose frame returned
	   (WSCOPE, deleted).  */
	int			 whit, wscope;
	int			 wgone[8];	/* more deleted with wscope */
	size_t			 nwgone;
	bool			 gsmash;	/* the guard stops */
	uint8_t			*whit_old, *whit_new;
	bool			 whit_changed;
	bool			 whit_unread;	/* the old value was */
	size_t			 whit_len;

	/* gdb's thread numbers: given once, in the order threads are first
	   seen, kept when others exit, restarted with each process.  */
	struct tnum {
		pid_t	tid;
		int	num;
	}			*tnums;
	size_t			 ntnums, captnums;
	int			 tnum_max;
	/* The current thread's XSAVE area, read at ptrace stop XS_STOP of
	   thread XS_TID (XS NULL: not read).  */
	uint8_t			*xs;
	size_t			 xslen;
	unsigned long		 xs_stop;
	pid_t			 xs_tid;
	uint64_t		 xs_pos;	/* a recording's position + 1
						   it is of, 0 the present */

	/* Functions called from framescope that stopped before they
	   returned (a breakpoint, a signal in them), innermost last: their
	   dummy frames, popped when they return.  */
	struct dummy		*dummies;
	size_t			 ndummies;
	/* The frames with the innermost dummy's spliced in: the frames
	   unwound down to it, then the frames the call was made from.  */
	struct fs_frame		*cf;
	size_t			 capcf;
	bool			 spliced;
	size_t			 splice_at;	/* the dummy frame's index */
	/* The registers a called function returned with, when its return
	   ended this stop (its dummy popped).  */
	bool			 ret_valid;
	struct user_regs_struct	 ret_regs;
	uint8_t			*ret_xs;
	size_t			 ret_xlen;
	bool			 unwind_on_signal;

	/* The recording (NULL: none), and whether it replays a file
	   without a process.  REC_MSG: the last FS_STOP_RECORD's lines;
	   REC_EXIT: the position + 1 where the program was stopped before
	   its exit (the next resume from there lets it exit).  */
	struct fs_record	*rec;
	bool			 rec_file;
	char			*rec_msg;
	uint64_t		 rec_exit;
	unsigned		 nohist;	/* see nohist_counts */
	/* Forks and execs.  FORK_PID: a fork a catchpoint stopped at, its
	   child held until the next resume follows it (made by FORK_TID,
	   by vfork when FORK_VFORK).  VFORK_PARENT: following a vfork
	   child, the parent, held until the child execs or exits.
	   VFORK_OUT: the breakpoints are out of the memory a vfork child
	   we let go shares with us, until the parent's vfork-done.  */
	fs_note_cb		*pnote_cb;
	void			*pnote_arg;
	bool			 follow_child;
	bool			 rec_noemu;	/* set record full emulate off */
	pid_t			 fork_pid, fork_tid;
	bool			 fork_vfork;
	struct fs_target	*vfork_parent;
	int			 vfork_parent_inf;
	bool			 vfork_out;
	int			 inferior;	/* gdb's number of it */
	fs_watch_eval_cb	*weval_cb;
	void			*weval_arg;
	int			 catch_hit;	/* the catchpoint a fork or
						   exec met, for its stop */
	char			*exec_path;	/* the last exec's program */
	unsigned		 bt_limit;	/* frames at most; 0: all */
};

/* A function called from framescope, and what it was called from.  */
struct dummy {
	uint64_t		 ret_addr, ret_sp;
	struct user_regs_struct	 regs;
	uint8_t			*xs;
	size_t			 xlen;
	struct fs_stop		 stop;
	struct fs_frame		*frames;	/* the physical frames then */
	size_t			 nframes;
	struct fs_frame_regs	*fregs;		/* their registers */
	size_t			 nfregs;
};

static int frames_raw(struct fs_session *, const struct fs_frame **, size_t *,
    struct fs_err *);
static void dummy_splice(struct fs_session *);
static int run_to(struct fs_session *, uint64_t, uint64_t, struct fs_event *,
    struct fs_err *);
static void stop_from_event(struct fs_session *, const struct fs_event *,
    enum fs_stop_reason);
static int need_process(struct fs_session *, struct fs_err *);
static void stop_record(struct fs_session *, enum fs_stop_reason);
static struct fs_breakpoint *bp_find(struct fs_session *, int);
static void bp_release(struct fs_breakpoint *);
static int watch_sync(struct fs_session *, bool, struct fs_err *);
static void watch_forget(struct fs_session *, struct fs_breakpoint *);
static int exec_step(struct fs_session *, int, struct fs_event *,
    struct fs_err *);
static int rec_cont(struct fs_session *, struct fs_event *, struct fs_err *);
static void rec_drop(struct fs_session *);
static int rec_close(struct fs_session *);

/* ---------------------------------------------------------------- signals */

const char *
fs_signame(int sig)
{
	static char buf[16];
	const char *a = sigabbrev_np(sig);

	if (a == NULL) {
		snprintf(buf, sizeof buf, "SIG%d", sig);
		return buf;
	}
	snprintf(buf, sizeof buf, "SIG%s", a);
	return buf;
}

const char *
fs_sigdesc(int sig)
{
	const char *d = sigdescr_np(sig);

	return d != NULL ? d : "Unknown signal";
}

int
fs_sigparse(const char *name)
{
	char *end;
	long n;
	int sig;

	if (isdigit((unsigned char)*name)) {
		n = strtol(name, &end, 10);
		return (*end == '\0' && n > 0 && n < NSIG_) ? (int)n : 0;
	}
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (sig = 1; sig < NSIG_; sig++) {
		const char *a = sigabbrev_np(sig);

		if (a != NULL && strcasecmp(a, name) == 0)
			return sig;
	}
	return 0;
}

/* gdb's defaults: everything stops, prints and is passed, but the signals
   programs use for ordinary business, and SIGINT/SIGTRAP, which are the
   debugger's.  */
static void
sig_defaults(struct fs_session *s)
{
	static const int quiet[] = { SIGALRM, SIGURG, SIGCHLD, SIGWINCH,
	    SIGIO, SIGVTALRM, SIGPROF };
	size_t i;
	int sig;

	for (sig = 1; sig < NSIG_; sig++)
		s->sigflags[sig] = FS_SIG_STOP | FS_SIG_PRINT | FS_SIG_PASS;
	for (i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
		s->sigflags[quiet[i]] = FS_SIG_PASS;
	s->sigflags[SIGINT] = FS_SIG_STOP | FS_SIG_PRINT;
	s->sigflags[SIGTRAP] = FS_SIG_STOP | FS_SIG_PRINT;
	/* glibc's internal signals for threads and timers */
	s->sigflags[32] = FS_SIG_PASS;
	s->sigflags[33] = FS_SIG_PASS;
}

int
fs_session_handle(struct fs_session *s, int sig, unsigned on, unsigned off,
    struct fs_err *e)
{
	if (sig <= 0 || sig >= NSIG_)
		return fs_err_set(e, FS_E_USAGE, "Unrecognized signal %d", sig);
	/* gdb: stopping implies printing, not printing implies not
	   stopping; what is turned off wins.  */
	s->sigflags[sig] |= on;
	if (on & FS_SIG_STOP)
		s->sigflags[sig] |= FS_SIG_PRINT;
	s->sigflags[sig] &= ~off;
	if (off & FS_SIG_PRINT)
		s->sigflags[sig] &= ~FS_SIG_STOP;
	return 0;
}

unsigned
fs_session_sigflags(const struct fs_session *s, int sig)
{
	return (sig > 0 && sig < NSIG_) ? s->sigflags[sig] : 0;
}

/* ------------------------------------------------------------- lifecycle */

/* The guard's question "who last wrote the word at ADDR", answered from
   the recording: the last instruction before the position whose entry
   keeps a range over it (the instruction runs in frame #0).  Without a
   recording, the guard's own single steps answer (-1); in the past, not
   in the log is unknown, as steps seen later may have written it.  */
/* The start of the function frame F (index I) is in.  */
static uint64_t
frame_func(struct fs_session *s, const struct fs_frame *f, size_t i)
{
	struct fs_where w;

	fs_modules_where(s->mods, f->pc, i > 0 ? f->pc - 1 : f->pc, &w);
	return w.func_addr;
}

/* The frames where the instruction of step POS of the log ran, unwound
   in the recorded state before it (the log moves there and back; the
   process is not touched): the CFA of the frame it ran in, and, when that
   is a library function's, the program's call of it (*CALL_PC, its
   frame's CFA in *CALL_CFA).  */
static int
rec_writer_frames(struct fs_session *s, uint64_t pos, uint64_t pc,
    uint64_t *cfa, uint64_t *func, uint64_t *call_pc, uint64_t *call_cfa,
    uint64_t *call_func)
{
	const struct user_regs_struct *regs;
	const struct fs_frame *f;
	uint64_t back = fs_record_pos(s->rec);
	size_t n, caller = 0;
	int r = -1;

	if (s->wunw == NULL && fs_unwinder_new(&s->wunw, NULL) < 0)
		return -1;
	if (fs_record_goto(s->rec, pos - 1, NULL) == 0 &&
	    fs_target_regs(s->t, &regs, NULL) == 0 && regs->rip == pc &&
	    fs_unwind(s->wunw, s->t, s->mods, regs, 64, &f, &n, NULL) == 0 &&
	    n > 0) {
		*cfa = f[0].cfa;
		*func = frame_func(s, &f[0], 0);
		*call_pc = fs_guard_library_caller(s, f, n, &caller);
		*call_cfa = *call_pc != 0 ? f[caller].cfa : 0;
		*call_func = *call_pc != 0 ? frame_func(s, &f[caller],
		    caller) : 0;
		r = 0;
	}
	if (fs_record_goto(s->rec, back, NULL) < 0)
		r = -1;
	return r;
}

/* The frame of the current stop whose CFA is CFA, in the function at
   FUNC (a call at the same depth is another frame), numbered as `bt'
   numbers them (the innermost of a physical frame's inlined calls), or
   -1 when none is live.  */
static long
frame_at_cfa(struct fs_session *s, uint64_t cfa, uint64_t func)
{
	const struct fs_frame *f;
	size_t n, i;

	if (cfa == 0 || frames_raw(s, &f, &n, NULL) < 0)
		return -1;
	for (i = 0; i < n && (f[i].cfa != cfa ||
	    frame_func(s, &f[i], i) != func); i++)
		;
	if (i == n)
		return -1;
	if (s->vvalid) {
		size_t k;

		for (k = 0; k < s->nvf; k++)
			if (s->vf[k].phys == i && !s->vf[k].tailcall)
				return (long)k;
	}
	return (long)i;
}

/* The recording's last writer of the word at ADDR: the instruction, and
   the frame it ran in, found where it ran.  */
static int
rec_writer(void *arg, struct fs_session *s, uint64_t addr,
    struct fs_writer *out)
{
	struct fs_where w;
	struct fs_insn in;
	uint8_t code[16];
	uint64_t pos, pc, cfa = 0, func = 0, call_pc = 0, call_cfa = 0;
	uint64_t call_func = 0;
	ssize_t got;
	long fr = -1;
	int r;

	(void)arg;
	if (s->rec == NULL)
		return -1;
	if ((r = fs_record_last_write(s->rec, addr, fs_session_arch(s)->word,
	    &pos, &pc)) <= 0)
		return r < 0 || fs_record_replaying(s->rec) || s->rec_file ?
		    0 : -1;
	memset(out, 0, sizeof *out);
	out->pc = pc;
	if ((got = fs_session_read(s, pc, code, sizeof code, NULL)) > 0 &&
	    fs_insn_decode_bits(code, (size_t)got, pc,
	    fs_session_arch(s)->insn_bits, false, &in) == 0)
		snprintf(out->insn, sizeof out->insn, "%s", in.gdbtext);
	fs_modules_where(s->mods, pc, pc, &w);
	out->func = w.func;
	out->file = w.file;
	out->line = w.line;
	out->stop = (unsigned long)pos;
	if (rec_writer_frames(s, pos, pc, &cfa, &func, &call_pc, &call_cfa,
	    &call_func) == 0) {
		if (call_pc != 0) {
			fs_modules_where(s->mods, call_pc, call_pc - 1, &w);
			out->call_func = w.func;
			out->call_file = w.file;
			out->call_line = w.line;
		}
		if ((fr = frame_at_cfa(s, cfa, func)) < 0)
			fr = frame_at_cfa(s, call_cfa, call_func);
	}
	out->frame = fr < 0 ? 0 : (unsigned)fr;
	out->returned = fr < 0 && cfa != 0;
	return 1;
}

int
fs_session_new(struct fs_session **out, struct fs_err *e)
{
	struct fs_session *s;
	int r;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((r = fs_modules_new(&s->mods, e)) < 0 ||
	    (r = fs_unwinder_new(&s->unw, e)) < 0 ||
	    (r = fs_guard_new(&s->guard, e)) < 0) {
		fs_unwinder_free(s->unw);
		fs_modules_free(s->mods);
		free(s);
		return r;
	}
	fs_guard_set_history(s->guard, rec_writer, NULL);
	s->next_bpnum = 1;
	s->allow_pending = true;
	s->stdio[0] = s->stdio[1] = s->stdio[2] = -1;
	s->unw_stop = s->unw_prev_stop = ULONG_MAX;
	s->vskip = s->next_skip = -1;
	s->inferior = 1;
	sig_defaults(s);
	*out = s;
	return 0;
}

static void
dummy_free(struct dummy *d)
{
	free(d->xs);
	free(d->frames);
	free(d->fregs);
}

/* The process is gone: no byte is in memory any more, and the session's
   own sites (loader hook, step-out targets, called functions' returns)
   belonged to that process.  */
static void
sites_forget(struct fs_session *s)
{
	size_t i;

	while (s->ndummies > 0)
		dummy_free(&s->dummies[--s->ndummies]);
	s->spliced = false;

	for (i = 0; i < s->nsites; ) {
		s->sites[i].inserted = false;
		s->sites[i].internal = 0;
		if (s->sites[i].user == 0)
			s->sites[i] = s->sites[--s->nsites];
		else
			i++;
	}
	s->solib_hook = 0;
	s->nifuncs = 0;
}

static void env_free(struct fs_session *);

void
fs_session_free(struct fs_session *s)
{
	size_t i;

	if (s == NULL)
		return;
	fs_skip_clear(&s->skips);
	if (fs_session_alive(s)) {
		if (fs_target_attached(s->t))
			fs_session_detach(s, NULL);
		else
			fs_session_kill(s, NULL);
	}
	rec_drop(s);
	fs_target_free(s->t);
	for (i = 0; i < s->nbps; i++)
		bp_release(&s->bps[i]);
	free(s->whit_old);
	free(s->whit_new);
	free(s->xs);
	while (s->ndummies > 0)
		dummy_free(&s->dummies[--s->ndummies]);
	free(s->dummies);
	free(s->cf);
	free(s->ret_xs);
	free(s->exec_path);
	free(s->bps);
	free(s->vf);
	free(s->tnums);
	free(s->sites);
	fs_unwinder_free(s->unw);
	fs_unwinder_free(s->wunw);
	fs_guard_free(s->guard);
	fs_modules_free(s->mods);
	for (i = 0; i < (size_t)s->argc; i++)
		free(s->argv[i]);
	free(s->argv);
	env_free(s);
	free(s->cwd);
	free(s->path);
	free(s);
}

void
fs_session_set_aslr(struct fs_session *s, bool aslr)
{
	s->aslr = aslr;
}

bool
fs_session_aslr(const struct fs_session *s)
{
	return s->aslr;
}

void
fs_session_set_print_limits(struct fs_session *s, unsigned elements,
    unsigned repeats)
{
	s->print_elements = elements;
	s->print_repeats = repeats;
}

void
fs_session_set_lang(struct fs_session *s, enum fs_lang lang)
{
	s->lang = lang;
}

enum fs_lang
fs_session_lang(const struct fs_session *s)
{
	return s->lang;
}

void
fs_session_print_limits(const struct fs_session *s, unsigned *elements,
    unsigned *repeats)
{
	*elements = s->print_elements;
	*repeats = s->print_repeats;
}

int
fs_session_set_args(struct fs_session *s, int argc, char *const argv[],
    struct fs_err *e)
{
	char **v;
	int i;

	if (s->argv == NULL)
		return fs_err_set(e, FS_E_STATE, "No executable file specified.");
	if ((v = calloc((size_t)argc + 2, sizeof *v)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	v[0] = s->argv[0];
	for (i = 0; i < argc; i++)
		if ((v[i + 1] = strdup(argv[i])) == NULL) {
			while (i-- > 0)
				free(v[i + 1]);
			free(v);
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
	for (i = 1; i < s->argc; i++)
		free(s->argv[i]);
	free(s->argv);
	s->argv = v;
	s->argc = argc + 1;
	return 0;
}

char *const *
fs_session_args(const struct fs_session *s, int *argc)
{
	*argc = s->argc > 0 ? s->argc - 1 : 0;
	return s->argv != NULL ? s->argv + 1 : NULL;
}

static void
env_free(struct fs_session *s)
{
	size_t i;

	for (i = 0; i < s->nenv; i++)
		free(s->env[i]);
	free(s->env);
	s->env = NULL;
	s->nenv = 0;
}

/* The entry of NAME in the session's environment, or NENV.  */
static size_t
env_find(const struct fs_session *s, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < s->nenv; i++)
		if (strncmp(s->env[i], name, n) == 0 && s->env[i][n] == '=')
			break;
	return i;
}

int
fs_session_setenv(struct fs_session *s, const char *name, const char *value,
    struct fs_err *e)
{
	char **v, *entry = NULL;
	size_t i, n;

	/* The first change copies framescope's own, which stays as it
	   is.  */
	if (s->env == NULL) {
		for (n = 0; environ[n] != NULL; n++)
			;
		if ((s->env = calloc(n + 1, sizeof *s->env)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		for (i = 0; i < n; i++)
			if ((s->env[s->nenv] = strdup(environ[i])) != NULL)
				s->nenv++;
	}
	if (name == NULL) {
		for (i = 0; i < s->nenv; i++)
			free(s->env[i]);
		s->nenv = 0;
		s->env[0] = NULL;
		return 0;
	}
	i = env_find(s, name);
	if (value != NULL && asprintf(&entry, "%s=%s", name, value) < 0)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if (i < s->nenv) {
		free(s->env[i]);
		if (entry != NULL)
			s->env[i] = entry;
		else {
			memmove(&s->env[i], &s->env[i + 1],
			    (s->nenv - i) * sizeof *s->env);
			s->nenv--;
		}
		return 0;
	}
	if (entry == NULL)
		return 0;
	if ((v = reallocarray(s->env, s->nenv + 2, sizeof *v)) == NULL) {
		free(entry);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	s->env = v;
	v[s->nenv++] = entry;
	v[s->nenv] = NULL;
	return 0;
}

const char *
fs_session_getenv(const struct fs_session *s, const char *name)
{
	size_t i;

	if (s->env == NULL)
		return getenv(name);
	i = env_find(s, name);
	return i < s->nenv ? s->env[i] + strlen(name) + 1 : NULL;
}

char *const *
fs_session_environ(const struct fs_session *s)
{
	return s->env != NULL ? s->env : environ;
}

int
fs_session_set_cwd(struct fs_session *s, const char *dir, struct fs_err *e)
{
	char *d = NULL;

	if (dir != NULL && (d = strdup(dir)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	free(s->cwd);
	s->cwd = d;
	return 0;
}

const char *
fs_session_cwd(const struct fs_session *s)
{
	return s->cwd;
}

void
fs_session_stdio(const struct fs_session *s, int fds[3])
{
	memcpy(fds, s->stdio, sizeof s->stdio);
}

void
fs_session_set_stdio(struct fs_session *s, int in, int out, int err)
{
	s->stdio[0] = in;
	s->stdio[1] = out;
	s->stdio[2] = err;
}

void
fs_session_on_stop(struct fs_session *s, fs_stop_cb *cb, void *arg)
{
	s->cb = cb;
	s->cbarg = arg;
}

void
fs_session_on_step(struct fs_session *s, fs_step_cb *cb, void *arg)
{
	s->step_cb = cb;
	s->step_arg = arg;
}

void
fs_session_on_signal(struct fs_session *s, fs_signal_cb *cb, void *arg)
{
	s->note_cb = cb;
	s->note_arg = arg;
}

void
fs_session_on_thread(struct fs_session *s, fs_thread_note_cb *cb, void *arg)
{
	s->thread_cb = cb;
	s->thread_arg = arg;
}

void
fs_session_on_note(struct fs_session *s, fs_note_cb *cb, void *arg)
{
	s->pnote_cb = cb;
	s->pnote_arg = arg;
}

static void
note(struct fs_session *s, const struct fs_note *n)
{
	if (s->pnote_cb != NULL)
		s->pnote_cb(s, n, s->pnote_arg);
}

void
fs_session_set_record_emulate(struct fs_session *s, bool on)
{
	s->rec_noemu = !on;
}

bool
fs_session_record_emulate(const struct fs_session *s)
{
	return !s->rec_noemu;
}

void
fs_session_set_follow_fork(struct fs_session *s, bool child)
{
	s->follow_child = child;
}

bool
fs_session_follow_fork(const struct fs_session *s)
{
	return s->follow_child;
}

int
fs_session_inferior(const struct fs_session *s)
{
	return s->inferior;
}

void
fs_session_set_backtrace_limit(struct fs_session *s, unsigned n)
{
	s->bt_limit = n;
	s->frames_valid = false;
	s->vvalid = false;
}

unsigned
fs_session_backtrace_limit(const struct fs_session *s)
{
	return s->bt_limit;
}

static void
thread_note(void *arg, pid_t tid, uint64_t fs_base, bool exited)
{
	struct fs_session *s = arg;

	if (s->thread_cb != NULL)
		s->thread_cb(s, tid, fs_base, exited, s->thread_arg);
}

/* Find PROG as execvp would: as given when it has a slash, else in cwd
   (gdb's habit) or along PATH.  Returns a malloc'd path or NULL.  */
static char *
find_program(const char *prog)
{
	const char *path, *p, *colon;
	char buf[4096];
	struct stat sb;
	size_t len;

	if (strchr(prog, '/') != NULL || access(prog, F_OK) == 0)
		return strdup(prog);
	if ((path = getenv("PATH")) == NULL)
		return strdup(prog);
	for (p = path; *p != '\0'; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		snprintf(buf, sizeof buf, "%.*s/%s", (int)len,
		    len ? p : ".", prog);
		if (stat(buf, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(buf, X_OK) == 0)
			return strdup(buf);
		if (colon == NULL)
			break;
	}
	return strdup(prog);
}

/* PATH with its directory made absolute and its symbolic links
   resolved, its last component kept (gdb's gdb_realpath_keepfile):
   malloc'd, NULL when the directory cannot be resolved.  */
static char *
keepfile_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real, *out = NULL;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return NULL;
	if ((real = realpath(dir, NULL)) != NULL &&
	    asprintf(&out, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/",
	    slash != NULL ? slash + 1 : path) < 0)
		out = NULL;
	free(real);
	free(dir);
	return out;
}

int
fs_session_load(struct fs_session *s, int argc, char *const argv[],
    struct fs_err *e)
{
	struct stat sb;
	char *abs;
	int i, r;

	if (argc < 1)
		return fs_err_set(e, FS_E_USAGE, "no program given");
	if (s->path != NULL)
		return fs_err_set(e, FS_E_STATE, "a program is already loaded");
	if ((s->path = find_program(argv[0])) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	/* The path gdb runs, its directory resolved: the kernel puts it
	   and argv[0] at the top of the program's stack, so every
	   address there depends on their length.  */
	if (access(s->path, F_OK) == 0 &&
	    (abs = keepfile_path(s->path)) != NULL) {
		free(s->path);
		s->path = abs;
	}
	if (stat(s->path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		r = fs_err_set(e, FS_E_USAGE, "%s: is a directory", argv[0]);
		goto fail;
	}
	if ((r = fs_modules_set_exec(s->mods, s->path, e)) < 0)
		goto fail;
	if ((s->argv = calloc((size_t)argc + 1, sizeof *s->argv)) == NULL) {
		r = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto fail;
	}
	/* gdb's argv[0] is the path it runs.  */
	for (i = 0; i < argc; i++)
		if ((s->argv[i] = strdup(i == 0 ? s->path : argv[i])) ==
		    NULL) {
			s->argc = i;
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
	s->argc = argc;
	return 0;
fail:
	free(s->path);
	s->path = NULL;
	return r;
}

const char *
fs_session_program(const struct fs_session *s)
{
	return s->path;
}

bool
fs_session_alive(const struct fs_session *s)
{
	return s->t != NULL && fs_target_alive(s->t);
}

bool
fs_session_attached(const struct fs_session *s)
{
	return s->t != NULL && fs_target_attached(s->t);
}

pid_t
fs_session_pid(const struct fs_session *s)
{
	return fs_session_alive(s) ? fs_target_pid(s->t) : 0;
}

struct fs_modules *
fs_session_modules(struct fs_session *s)
{
	return s->mods;
}

const struct fs_arch *
fs_session_arch(struct fs_session *s)
{
	struct fs_module *mod;

	if (fs_session_alive(s))
		return fs_target_arch(s->t);
	if ((mod = fs_modules_exec(s->mods)) != NULL)
		return fs_elf_arch(mod->elf);
	return &fs_arch_x86_64;
}

/* ----------------------------------------------------------------- sites */

static struct site *
site_find(struct fs_session *s, uint64_t addr)
{
	size_t i;

	for (i = 0; i < s->nsites; i++)
		if (s->sites[i].addr == addr)
			return &s->sites[i];
	return NULL;
}

static int
site_insert(struct fs_session *s, struct site *st)
{
	static const uint8_t int3 = 0xcc;

	if (st->inserted || !fs_session_alive(s) || s->vfork_out)
		return 0;
	if (fs_target_read_live(s->t, st->addr, &st->orig, 1, NULL) != 1 ||
	    fs_target_poke(s->t, st->addr, &int3, 1, NULL) < 0)
		return -1;
	st->inserted = true;
	return 0;
}

static void
site_remove(struct fs_session *s, struct site *st)
{
	if (st->inserted && fs_session_alive(s))
		fs_target_poke(s->t, st->addr, &st->orig, 1, NULL);
	st->inserted = false;
}

static struct site *
site_ref(struct fs_session *s, uint64_t addr, bool internal)
{
	struct site *st, *nv;

	if ((st = site_find(s, addr)) == NULL) {
		nv = realloc(s->sites, (s->nsites + 1) * sizeof *nv);
		if (nv == NULL)
			return NULL;
		s->sites = nv;
		st = &s->sites[s->nsites++];
		memset(st, 0, sizeof *st);
		st->addr = addr;
	}
	if (internal)
		st->internal++;
	else
		st->user++;
	site_insert(s, st);
	return st;
}

static void
site_unref(struct fs_session *s, uint64_t addr, bool internal)
{
	struct site *st;

	if ((st = site_find(s, addr)) == NULL)
		return;
	if (internal && st->internal > 0)
		st->internal--;
	else if (!internal && st->user > 0)
		st->user--;
	if (st->user == 0 && st->internal == 0) {
		site_remove(s, st);
		s->gone_sites[s->ngone_sites++ % 16] = addr;
		*st = s->sites[--s->nsites];
	}
}

/* Whether the site at ADDR was one taken out lately.  */
static bool
site_gone(const struct fs_session *s, uint64_t addr)
{
	unsigned i;

	for (i = 0; i < 16 && i < s->ngone_sites; i++)
		if (s->gone_sites[i] == addr)
			return true;
	return false;
}

static struct fs_breakpoint *bp_at(struct fs_session *, uint64_t);

/* Before the program runs again: every site in memory.  One that cannot
   be written (an address no mapping has, or not canonical, from a
   corrupt symbol table) is gdb's "Cannot insert breakpoint N." (0: the
   session's own), and nothing may run.  */
static int
sites_insert(struct fs_session *s, struct fs_err *e)
{
	const struct fs_breakpoint *bp;
	char msg[FS_ERR_LEN] = "Warning:\n";
	size_t i;
	bool bad = false;

	if (!fs_session_alive(s) || s->vfork_out)
		return 0;
	for (i = 0; i < s->nsites; i++) {
		if (s->sites[i].inserted || site_insert(s, &s->sites[i]) == 0)
			continue;
		if (!fs_session_alive(s))
			return 0;	/* its death is what to report */
		bad = true;
		bp = s->sites[i].user > 0 ? bp_at(s, s->sites[i].addr) : NULL;
		fs_strcatf(msg, sizeof msg, "Cannot insert breakpoint %d.\n"
		    "Cannot access memory at address 0x%llx\n",
		    bp != NULL ? bp->number : 0,
		    (unsigned long long)s->sites[i].addr);
	}
	return bad ? fs_err_set(e, FS_E_INSERT, "%s", msg) : 0;
}

ssize_t
fs_session_read(struct fs_session *s, uint64_t addr, void *buf, size_t len,
    struct fs_err *e)
{
	ssize_t n;
	size_t i;

	s->nreads++;
	if (!fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	if ((n = fs_target_read(s->t, addr, buf, len, e)) <= 0)
		return n;
	for (i = 0; i < s->nsites; i++)
		if (s->sites[i].inserted && s->sites[i].addr >= addr &&
		    s->sites[i].addr < addr + (uint64_t)n)
			((uint8_t *)buf)[s->sites[i].addr - addr] =
			    s->sites[i].orig;
	return n;
}

unsigned long
fs_session_nreads(const struct fs_session *s)
{
	return s->nreads;
}

/* ----------------------------------------------------------- breakpoints */

/* Where gdb's i386 prologue analysis (i386_skip_prologue, for code
   without lines) puts a function's first instruction, from file address
   FA: past endbr32, a stack realignment (`lea 4(%esp),%ecx; and
   $-16,%esp; pushl -4(%ecx)'), `push %ebp; mov %esp,%ebp' (or `enter')
   and the `sub $N,%esp' after it, then up to eight register pushes, and
   the old PIC sequence `call 0; pop %ebx; add $N,%ebx'.  Without a
   frame set up, the function itself.  */
static uint64_t
i386_prologue(struct fs_module *mod, uint64_t fa)
{
	const uint8_t *p;
	uint64_t pc = fa;
	unsigned r, i;

#define AT(n)	((p = fs_elf_bytes(mod->elf, pc, (n))) != NULL)
	if (AT(4) && memcmp(p, "\xf3\x0f\x1e\xfb", 4) == 0)
		pc += 4;
	/* Realigned (main): lea D(%esp),%reg, its push first when the
	   register is one to keep; and $-N,%esp; pushl -4(%reg).  */
	if (AT(12)) {
		i = 0;
		if (p[0] >= 0x50 && p[0] <= 0x57 && p[1] == 0x8d)
			i = 1;
		r = (p[i + 1] >> 3) & 7;
		if (p[i] == 0x8d && (p[i + 1] & 0xc7) == 0x44 &&
		    p[i + 2] == 0x24 && (i == 0 || p[0] == 0x50 + r) &&
		    r != 4) {
			i += 4;
			if (p[i] == 0x83 && p[i + 1] == 0xe4)
				i += 3;
			else if (p[i] == 0x81 && p[i + 1] == 0xe4)
				i += 6;
			else
				i = 0;
			if (i != 0 && AT(i + 3) && p[i] == 0xff &&
			    p[i + 1] == 0x70 + r && p[i + 2] == 0xfc)
				pc += i + 3;
		}
	}
	if (!AT(1))
		return fa;
	if (p[0] == 0xc8)		/* enter $N,$0 */
		pc += 4;
	else if (p[0] == 0x55) {
		pc++;
		if (!AT(3))
			return fa;
		if ((p[0] == 0x89 && p[1] == 0xe5) ||
		    (p[0] == 0x8b && p[1] == 0xec))
			pc += 2;
		else if (p[0] == 0x8d && p[1] == 0x2c && p[2] == 0x24)
			pc += 3;
		else
			return fa;	/* no frame: the function itself */
		if (AT(4) && p[0] == 0x83 && p[1] == 0xec)
			pc += 3;
		else if (AT(6) && p[0] == 0x81 && p[1] == 0xec)
			pc += 6;
		else if (AT(4) && p[0] == 0x8d && p[1] == 0x64)
			pc += 4;
	} else
		return fa;
	for (i = 0; i < 8 && AT(1) && p[0] >= 0x50 && p[0] <= 0x57; i++)
		pc++;
	/* call 0; pop %ebx; [mov %ebx,D(%ebp);] add $N,%ebx */
	if (AT(6) && memcmp(p, "\xe8\0\0\0\0\x5b", 6) == 0) {
		i = 6;
		if (AT(i + 2) && p[i] == 0x89)
			i = p[i + 1] == 0x5d ? i + 3 : p[i + 1] == 0x9d ?
			    i + 6 : 0;
		if (i > 0 && AT(i + 2) && p[i] == 0x81 && p[i + 1] == 0xc3)
			pc += i + 6;
	}
#undef AT
	return pc;
}

/* Where a breakpoint on the function at runtime address FUNC goes: past
   the prologue, from the line table, else past the frame-pointer set-up
   (`endbr64; push %rbp; mov %rsp,%rbp`), as gdb does without lines.  */
static uint64_t
after_prologue(struct fs_module *mod, uint64_t func)
{
	const struct fs_sym *sym;
	struct fs_dwarf *dw;
	uint64_t fa = func - mod->bias, out, lo, hi;
	const uint8_t *p;
	const char *name;
	size_t off = 0;

	if ((dw = fs_module_dwarf(mod)) != NULL) {
		lo = fa;
		hi = 0;
		if (fs_dwarf_function_at(dw, fa, &name, &lo, &hi) < 0 ||
		    lo != fa) {
			sym = fs_module_sym_at(mod, fa);
			hi = sym != NULL && sym->size ? fa + sym->size : fa + 1;
		}
		if (fs_dwarf_after_prologue(dw, fa, hi, &out) == 0)
			return out + mod->bias;
	}
	if (fs_elf_arch(mod->elf)->word == 4)
		return func + (i386_prologue(mod, fa) - fa);
	if ((p = fs_elf_bytes(mod->elf, fa, 8)) == NULL)
		return func;
	if (memcmp(p, "\xf3\x0f\x1e\xfa", 4) == 0)
		off = 4;
	if (p[off] == 0x55 && (p = fs_elf_bytes(mod->elf, fa + off + 1, 3))
	    != NULL && memcmp(p, "\x48\x89\xe5", 3) == 0)
		return func + off + 4;
	return func;
}

/* The file of the innermost frame with line information, or the one
   holding main: where a bare LINE is looked for.  */
static const char *
default_file(struct fs_session *s)
{
	const struct fs_frame *f;
	struct fs_where w;
	uint64_t addr;
	size_t n, i;

	if (fs_session_frames(s, &f, &n, NULL) == 0)
		for (i = 0; i < n; i++)
			if (f[i].where.file != NULL)
				return f[i].where.file;
	if (fs_modules_find_function(s->mods, "main", &addr, NULL) == 0) {
		fs_modules_where(s->mods, addr, addr, &w);
		return w.file;
	}
	return NULL;
}

/* The innermost DWARF scope at runtime address ADDR, in *MODP and *DWP;
   NULL when there is none.  */
static const struct fs_scope *
scope_at(struct fs_session *s, uint64_t addr, struct fs_module **modp,
    struct fs_dwarf **dwp)
{
	const struct fs_scope *sc;

	if ((*modp = fs_modules_at(s->mods, addr)) == NULL ||
	    (*dwp = fs_module_dwarf(*modp)) == NULL ||
	    fs_dinfo_scope_at(*dwp, addr - (*modp)->bias, &sc, NULL) < 0)
		return NULL;
	return sc;
}

/* The function or inlined call holding runtime address ADDR, innermost:
   what gdb names a location there by.  */
static const struct fs_scope *
addr_scope(struct fs_session *s, uint64_t addr)
{
	const struct fs_scope *sc;
	struct fs_module *mod;
	struct fs_dwarf *dw;

	sc = scope_at(s, addr, &mod, &dw);
	while (sc != NULL && sc->kind == FS_SCOPE_BLOCK)
		sc = sc->parent;
	return sc;
}

/* Add location ADDR, named by SC, to BP, once.  */
static int
loc_push(struct fs_breakpoint *bp, uint64_t a, const struct fs_scope *sc)
{
	const struct fs_scope **ns;
	uint64_t *nv;
	size_t i;

	for (i = 0; i < bp->naddrs; i++)
		if (bp->addrs[i] == a)
			return 0;
	if ((nv = realloc(bp->addrs, (bp->naddrs + 1) * sizeof *nv)) == NULL)
		return -1;
	bp->addrs = nv;
	if ((ns = realloc(bp->scopes, (bp->naddrs + 1) * sizeof *ns)) == NULL)
		return -1;
	bp->scopes = ns;
	nv[bp->naddrs] = a;
	ns[bp->naddrs++] = sc;
	return 0;
}

static int
addrs_push(struct fs_session *s, struct fs_breakpoint *bp, uint64_t a)
{
	return loc_push(bp, a, addr_scope(s, a));
}

/* Sort the locations of BP by address, as gdb lists them.  */
static void
locs_sort(struct fs_breakpoint *bp)
{
	const struct fs_scope *sc;
	uint64_t a;
	size_t i, j;

	for (i = 1; i < bp->naddrs; i++)
		for (j = i; j > 0 && bp->addrs[j - 1] > bp->addrs[j]; j--) {
			a = bp->addrs[j];
			bp->addrs[j] = bp->addrs[j - 1];
			bp->addrs[j - 1] = a;
			sc = bp->scopes[j];
			bp->scopes[j] = bp->scopes[j - 1];
			bp->scopes[j - 1] = sc;
		}
}

struct named {
	struct fs_session	*s;
	struct fs_module	*mod;
	struct fs_dwarf		*dw;
	struct fs_breakpoint	*bp;
	uint64_t		 sym;	/* the ELF symbol's location: 0 none */
	int			 rc;
};

/* gdb's location for function or inlined call SC found by name: for a
   function, past its prologue; for an inlined call, its entry (gdb 13:
   the start of its first range; it skips no prologue there).  */
static int
named_loc(const struct fs_scope *sc, void *arg)
{
	struct named *nm = arg;
	uint64_t bias = nm->mod->bias, addr;

	if (sc->nranges == 0)
		return 0;
	if (sc->kind == FS_SCOPE_FUNCTION) {
		addr = sc->ranges[0] + bias;
		if (!nm->bp->at_entry)
			addr = after_prologue(nm->mod, addr);
		if (addr == nm->sym)
			return 0;
	} else
		addr = sc->ranges[0] + bias;
	if (loc_push(nm->bp, addr, sc) < 0)
		nm->rc = -1;
	return nm->rc;
}

/* Whether MOD defines NAME as an indirect function.  */
static bool
module_ifunc(struct fs_module *mod, const char *name)
{
	return (mod->elf != NULL && fs_elf_sym_ifunc(mod->elf, name)) ||
	    (mod->dbg != NULL && fs_elf_sym_ifunc(mod->dbg, name));
}

/* The function indirect function NAME of MOD, resolver at RESOLVER, is
   bound to in this process, 0 when its resolver has not run yet: what
   the resolver returned when framescope saw it run, else a GOT slot of
   a loaded module the loader has bound to NAME (gdb's way too: one
   still pointing into its own module's PLT is not bound yet).  */
static uint64_t
ifunc_target(struct fs_session *s, struct fs_module *mod, const char *name,
    uint64_t resolver)
{
	struct fs_module *m;
	uint64_t slot, v;
	size_t i, n;
	unsigned word = fs_session_arch(s)->word;

	for (i = 0; i < s->nifuncs; i++)
		if (s->ifuncs[i].resolver == resolver)
			return s->ifuncs[i].target;
	if (!fs_session_alive(s))
		return 0;
	n = fs_modules_count(s->mods);
	for (i = 0; i < n; i++) {
		m = fs_modules_get(s->mods, i);
		if (!m->mapped || m->elf == NULL ||
		    (slot = fs_elf_got_slot(m->elf, name)) == 0)
			continue;
		v = 0;
		if (fs_session_read(s, slot + m->bias, &v, word, NULL) !=
		    (ssize_t)word)
			continue;
		if (v != 0 && v != resolver && fs_modules_at(s->mods, v) == mod)
			return v;
	}
	return 0;
}

/* Compute the addresses of breakpoint BP from its spec and what is loaded
   now.  Returns 0, -FS_E_NOENT when nothing matches, or an error.  */
static int
bp_resolve(struct fs_session *s, struct fs_breakpoint *bp, struct fs_err *e)
{
	struct fs_module *mod;
	struct fs_dwarf *dw;
	const char *spec = bp->spec, *colon, *file;
	char fname[1024], *end;
	uint64_t addr, *fa;
	size_t i, j, nfa, n, pass;
	unsigned long line;
	unsigned got;
	int r;

	free(bp->addrs);
	bp->addrs = NULL;
	free(bp->scopes);
	bp->scopes = NULL;
	bp->naddrs = 0;
	bp->file = NULL;
	bp->line = 0;
	bp->ifunc = 0;
	if (spec[0] == '*') {
		if (bp->file_relative) {
			/* Set before the program ran: a file address of the
			   executable, which moves with it (PIE).  */
			mod = fs_modules_exec(s->mods);
			addr = bp->file_addr + (mod != NULL ? mod->bias : 0);
		} else if ((r = fs_session_eval_addr(s, spec + 1, 0, &addr,
		    e)) < 0)
			return r;
		return addrs_push(s, bp, addr) < 0 ?
		    fs_err_set(e, FS_E_NOMEM, "out of memory") : 0;
	}
	colon = strrchr(spec, ':');
	line = strtoul(colon ? colon + 1 : spec, &end, 10);
	if ((colon != NULL || isdigit((unsigned char)spec[0])) &&
	    *end == '\0' && end != (colon ? colon + 1 : spec)) {
		if (colon != NULL) {
			snprintf(fname, sizeof fname, "%.*s",
			    (int)(colon - spec), spec);
			file = fname;
		} else if ((file = default_file(s)) == NULL)
			return fs_err_set(e, FS_E_NOENT,
			    "No symbol table is loaded.");
		/* The executable's own source first: a library's file of
		   the same name (libc's abort.c) only counts when the
		   program has none.  */
		n = fs_modules_count(s->mods);
		for (pass = 0; pass < 2 && bp->naddrs == 0; pass++) {
			for (i = 0; i < n; i++) {
				mod = fs_modules_get(s->mods, i);
				if ((pass == 0) != mod->is_exec)
					continue;
				if (!mod->mapped && !(mod->is_exec &&
				    !fs_session_alive(s)))
					continue;
				if ((dw = fs_module_dwarf(mod)) == NULL)
					continue;
				if (fs_dwarf_find_line(dw, file, (unsigned)line,
				    &fa, &nfa, &got, NULL) < 0)
					continue;
				if (bp->naddrs == 0 && nfa > 0) {
					struct fs_lineinfo li;

					bp->line = got;
					bp->file = fs_dwarf_line_at(dw, fa[0],
					    &li) == 0 ? li.file : NULL;
				}
				for (j = 0; j < nfa; j++)
					addrs_push(s, bp, fa[j] + mod->bias);
				free(fa);
			}
		}
		if (bp->naddrs == 0) {
			bool known = false;

			/* gdb tells a file it does not know from a line
			   without code.  */
			for (i = 0; i < n && !known; i++) {
				mod = fs_modules_get(s->mods, i);
				if ((dw = fs_module_dwarf(mod)) != NULL &&
				    fs_dwarf_find_line(dw, file, 1, &fa, &nfa,
				    &got, NULL) == 0) {
					known = nfa > 0;
					free(fa);
				}
			}
			if (!known)
				return fs_err_set(e, FS_E_NOENT,
				    "No source file named %s.", file);
			if (bp->bare_line)
				return fs_err_set(e, FS_E_NOENT,
				    "No line %lu in the current file.", line);
			return fs_err_set(e, FS_E_NOENT,
			    "No line %lu in file \"%s\".", line, file);
		}
		if (bp->naddrs > 1)
			bp->line = (unsigned)line;
		return 0;
	}
	/* Like gdb, a function breakpoint has a location in every loaded
	   module that defines the name, by its symbol or its DWARF name
	   (a gcc clone, f.constprop.0, is f), and one in every copy of it
	   inlined elsewhere.  The DWARF of libraries (the C library's has
	   thousands of units) is searched only for a name no symbol has.  */
	n = fs_modules_count(s->mods);
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < n; i++) {
		const struct fs_sym *sym;
		const struct fs_scope *sc;
		struct named nm;

		mod = fs_modules_get(s->mods, i);
		if (!mod->mapped && !(mod->is_exec && !fs_session_alive(s)))
			continue;
		if (pass == 1 && bp->naddrs > 0)
			break;
		if (pass == 1 && mod->is_exec)
			continue;
		memset(&nm, 0, sizeof nm);
		nm.s = s;
		nm.mod = mod;
		nm.bp = bp;
		/* A library's DWARF is opened only when it has the name or
		   its DWARF names are to be searched: opening the C
		   library's costs more than the rest of a run.  */
		dw = NULL;
		if (pass == 0 && (sym = fs_module_sym_lookup(mod, spec)) !=
		    NULL) {
			struct fs_module *at = mod;
			struct fs_dwarf *adw;

			dw = fs_module_dwarf(mod);
			addr = sym->addr + mod->bias;
			if (module_ifunc(mod, sym->linkage)) {
				/* Where the resolver sends the name, once it
				   has run; the resolver itself until then,
				   no prologue skipped.  */
				uint64_t t = ifunc_target(s, mod,
				    sym->linkage, addr);

				if (t == 0)
					bp->ifunc = addr;
				else if ((at = fs_modules_at(s->mods, t)) ==
				    NULL)
					at = mod;
				addr = t != 0 ? t : addr;
			}
			if (!bp->at_entry && bp->ifunc == 0)
				addr = after_prologue(at, addr);
			nm.sym = addr;
			adw = at == mod ? dw : fs_module_dwarf(at);
			if (bp->naddrs == 0 && adw != NULL &&
			    fs_dwarf_bp_line(adw, addr - at->bias, &bp->file,
			    &bp->line) < 0)
				bp->file = NULL;
			sc = addr_scope(s, addr);
			while (sc != NULL && sc->kind != FS_SCOPE_FUNCTION)
				sc = sc->parent;
			if (loc_push(bp, addr, sc) < 0)
				return fs_err_set(e, FS_E_NOMEM,
				    "out of memory");
		}
		if (strchr(spec, '.') != NULL || (pass == 0) != mod->is_exec ||
		    (dw == NULL && (dw = fs_module_dwarf(mod)) == NULL))
			continue;
		nm.dw = dw;
		/* A name the program has a symbol for is looked for in
		   that symbol's unit only (its clones and the copies
		   inlined there): reading every unit's DIEs costs a large
		   program more than gdb's whole start.  A symbol in no unit
		   (a corrupt symbol table) says nothing of where.  */
		if ((nm.sym != 0 && fs_dinfo_unit_version(dw, nm.sym -
		    mod->bias, &(unsigned){ 0 }) == 0 ?
		    fs_dinfo_functions_named_in(dw, spec,
		    nm.sym - mod->bias, named_loc, &nm) :
		    fs_dinfo_functions_named(dw, spec, named_loc, &nm)) < 0 ||
		    nm.rc < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	/* Names only DWARF has: Rust generics and closures.  */
	for (i = 0; i < n && bp->naddrs == 0; i++) {
		uint64_t fa0;

		mod = fs_modules_get(s->mods, i);
		if ((!mod->mapped && !(mod->is_exec && !fs_session_alive(s)))
		    || fs_module_dwarf_func_lookup(mod, spec, &fa0) < 0)
			continue;
		addr = fa0 + mod->bias;
		if (!bp->at_entry)
			addr = after_prologue(mod, addr);
		if ((dw = fs_module_dwarf(mod)) == NULL ||
		    fs_dwarf_bp_line(dw, addr - mod->bias, &bp->file,
		    &bp->line) < 0)
			bp->file = NULL;
		if (addrs_push(s, bp, addr) < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	/* A library function before its library is loaded: the program's
	   PLT stub for it, as gdb, until the library defines it (a
	   breakpoint is resolved again at each load).  */
	if (bp->naddrs == 0 && (mod = fs_modules_exec(s->mods)) != NULL &&
	    mod->elf != NULL && (mod->mapped || !fs_session_alive(s))) {
		const struct fs_sym *plt = fs_elf_plt_lookup(mod->elf, spec);

		if (plt != NULL && addrs_push(s, bp, plt->addr +
		    (mod->mapped ? mod->bias : 0)) < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		if (bp->naddrs > 0)
			return 0;
	}
	if (bp->naddrs == 0)
		return fs_err_set(e, FS_E_NOENT,
		    "Function \"%s\" not defined.", spec);
	locs_sort(bp);
	if (bp->naddrs == 1 && bp->scopes[0] != NULL &&
	    bp->scopes[0]->kind == FS_SCOPE_INLINED) {
		struct fs_lineinfo li;

		bp->file = NULL;
		if ((mod = fs_modules_at(s->mods, bp->addrs[0])) != NULL &&
		    (dw = fs_module_dwarf(mod)) != NULL &&
		    fs_dwarf_line_at(dw, bp->addrs[0] - mod->bias, &li) == 0 &&
		    li.line != 0) {
			bp->file = li.file;
			bp->line = li.line;
		}
	} else if (bp->naddrs == 1 && bp->file == NULL &&
	    (mod = fs_modules_at(s->mods, bp->addrs[0])) != NULL &&
	    (dw = fs_module_dwarf(mod)) != NULL &&
	    fs_dwarf_bp_line(dw, bp->addrs[0] - mod->bias, &bp->file,
	    &bp->line) < 0)
		bp->file = NULL;
	return 0;
}

static void
bp_arm(struct fs_session *s, struct fs_breakpoint *bp)
{
	size_t i;

	if (!bp->enabled)
		return;
	for (i = 0; i < bp->naddrs; i++)
		site_ref(s, bp->addrs[i], false);
}

static void
bp_disarm(struct fs_session *s, struct fs_breakpoint *bp)
{
	size_t i;

	if (!bp->enabled)
		return;
	for (i = 0; i < bp->naddrs; i++)
		site_unref(s, bp->addrs[i], false);
}

/* Re-resolve every breakpoint against what is loaded now (after a launch
   or a library load).  With ONLY_PENDING, leave resolved ones alone.  */
static void
bps_refresh(struct fs_session *s, bool only_pending)
{
	struct fs_breakpoint *bp;
	size_t i;

	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if ((only_pending && !bp->pending) || bp->event)
			continue;
		bp_disarm(s, bp);
		bp->pending = bp_resolve(s, bp, NULL) < 0;
		bp_arm(s, bp);
	}
}

/* Whether file address ADDR lies in a loadable segment of the
   executable, which is position-independent.  */
static bool
in_exec_image(struct fs_session *s, uint64_t addr)
{
	struct fs_module *m = fs_modules_exec(s->mods);
	const struct fs_segment *seg;
	size_t n, i;

	if (m == NULL || m->elf == NULL || fs_elf_type(m->elf) != 3)
		return false;
	seg = fs_elf_segments(m->elf, &n);
	for (i = 0; i < n; i++)
		if (addr >= seg[i].vaddr && addr - seg[i].vaddr < seg[i].memsz)
			return true;
	return false;
}

/* SPEC, but a bare LINE as FILE:LINE in the current file, written into
   BUF; *BARE (when not NULL) says which.  NULL, E set, when there is no
   current file.  */
static const char *
line_in_current_file(struct fs_session *s, const char *spec, char *buf,
    size_t len, bool *bare, struct fs_err *e)
{
	const char *file;

	if (!isdigit((unsigned char)spec[0]) || strspn(spec, "0123456789") !=
	    strlen(spec))
		return spec;
	if ((file = default_file(s)) == NULL) {
		fs_err_set(e, FS_E_NOENT, "No symbol table is loaded.");
		return NULL;
	}
	snprintf(buf, len, "%s:%s", file, spec);
	if (bare != NULL)
		*bare = true;
	return buf;
}

int
fs_session_break(struct fs_session *s, const char *spec, bool temporary,
    const struct fs_breakpoint **out, struct fs_err *e)
{
	struct fs_breakpoint *bp, *nv;
	char buf[32], linespec[1100];
	int r;

	if (spec == NULL || *spec == '\0') {
		const struct fs_frame *f;
		size_t n;

		if (frames_raw(s, &f, &n, e) < 0 || n == 0)
			return fs_err_set(e, FS_E_STATE,
			    "No default breakpoint address now.");
		snprintf(buf, sizeof buf, "*0x%llx",
		    (unsigned long long)f[0].pc);
		spec = buf;
	}
	if (s->path == NULL && !fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "No symbol table is loaded.");
	if ((nv = realloc(s->bps, (s->nbps + 1) * sizeof *nv)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	s->bps = nv;
	bp = &s->bps[s->nbps];
	memset(bp, 0, sizeof *bp);
	/* A bare LINE means in the current file, once and for all: it must
	   not move to another file when it is re-resolved at the next
	   stop.  */
	if ((spec = line_in_current_file(s, spec, linespec, sizeof linespec,
	    &bp->bare_line, e)) == NULL)
		return -FS_E_NOENT;
	if ((bp->spec = strdup(spec)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	bp->enabled = true;
	bp->temporary = temporary;
	if (spec[0] == '*' && !fs_session_alive(s)) {
		if ((r = fs_session_eval_addr(s, spec + 1, 0, &bp->file_addr,
		    e)) < 0) {
			free(bp->spec);
			return r;
		}
		/* An address in the executable's file image moves with it
		   (PIE); one outside (0x555555555149, typed from an earlier
		   run) is taken as it is, as gdb takes it.  */
		bp->file_relative = in_exec_image(s, bp->file_addr);
	}
	r = bp_resolve(s, bp, e);
	if (r < 0 && (r != -FS_E_NOENT || !s->allow_pending ||
	    spec[0] == '*' || isdigit((unsigned char)spec[0]) ||
	    strchr(spec, ':') != NULL)) {
		free(bp->spec);
		free(bp->addrs);
		free(bp->scopes);
		return r;
	}
	bp->pending = r < 0;
	bp->number = s->next_bpnum++;
	s->nbps++;
	bp_arm(s, bp);
	*out = bp;
	return 0;
}

int
fs_session_func_entries(struct fs_session *s, const char *name,
    uint64_t **addrs, size_t *n, struct fs_err *e)
{
	struct fs_breakpoint loc;
	int r;

	memset(&loc, 0, sizeof loc);
	loc.at_entry = true;
	if ((loc.spec = strdup(name)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((r = bp_resolve(s, &loc, e)) == 0) {
		*addrs = loc.addrs;
		*n = loc.naddrs;
		loc.addrs = NULL;
	}
	free(loc.spec);
	free(loc.addrs);
	free(loc.scopes);
	return r;
}

int
fs_session_catch(struct fs_session *s, const char *spec, const char *what,
    bool temporary, const struct fs_breakpoint **out, struct fs_err *e)
{
	int r;

	if ((r = fs_session_break(s, spec, temporary, out, e)) < 0)
		return r;
	s->bps[s->nbps - 1].catchpoint = what;
	return 0;
}

int
fs_session_catch_event(struct fs_session *s, const char *what,
    bool temporary, const struct fs_breakpoint **out, struct fs_err *e)
{
	struct fs_breakpoint *bp, *nv;

	if ((nv = realloc(s->bps, (s->nbps + 1) * sizeof *nv)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	s->bps = nv;
	bp = &s->bps[s->nbps];
	memset(bp, 0, sizeof *bp);
	if ((bp->spec = strdup(what)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	bp->catchpoint = strcmp(what, "fork") == 0 ? "fork" :
	    strcmp(what, "vfork") == 0 ? "vfork" : "exec";
	bp->event = true;
	bp->temporary = temporary;
	bp->enabled = true;
	bp->number = s->next_bpnum++;
	s->nbps++;
	*out = bp;
	return 0;
}

/* The first enabled catchpoint of process event WHAT, counted as hit;
   NULL when none.  */
static struct fs_breakpoint *
catch_hit(struct fs_session *s, const char *what, pid_t child,
    const char *path)
{
	struct fs_breakpoint *bp;
	size_t i;

	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if (!bp->event || !bp->enabled ||
		    strcmp(bp->catchpoint, what) != 0)
			continue;
		if (bp->ignore > 0) {
			bp->ignore--;
			bp->hits++;
			continue;
		}
		bp->hits++;
		bp->event_pid = child;
		if (path != NULL) {
			free(bp->event_path);
			bp->event_path = strdup(path);
		}
		return bp;
	}
	return NULL;
}

int
fs_session_catch_syscall(struct fs_session *s, const uint64_t *nrs,
    size_t n, bool temporary, const struct fs_breakpoint **out,
    struct fs_err *e)
{
	struct fs_breakpoint *bp;
	int r;

	if ((r = fs_session_catch_event(s, "syscall", temporary, out, e)) < 0)
		return r;
	bp = &s->bps[s->nbps - 1];
	bp->catchpoint = "syscall";
	if (n > 0 && (bp->syscalls = malloc(n * sizeof *nrs)) == NULL) {
		fs_session_delete(s, bp->number, NULL);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	if (n > 0)
		memcpy(bp->syscalls, nrs, n * sizeof *nrs);
	bp->nsyscalls = n;
	return 0;
}

/* Whether BP catches system call NR.  */
static bool
catches_syscall(const struct fs_breakpoint *bp, uint64_t nr)
{
	size_t i;

	if (!bp->event || !bp->enabled || strcmp(bp->catchpoint,
	    "syscall") != 0)
		return false;
	for (i = 0; i < bp->nsyscalls; i++)
		if (bp->syscalls[i] == nr)
			return true;
	return bp->nsyscalls == 0;
}

/* Whether the threads must stop at system calls: a catchpoint of one is
   enabled.  */
static bool
syscalls_caught(const struct fs_session *s)
{
	size_t i;

	for (i = 0; i < s->nbps; i++)
		if (s->bps[i].event && s->bps[i].enabled &&
		    strcmp(s->bps[i].catchpoint, "syscall") == 0)
			return true;
	return false;
}

/* A system call stop EV: the catchpoint it stops at, its condition
   held and its ignore count run out, into s->catch_hit; false when none
   stops.  Every catchpoint of the call counts the hit, as in gdb, and
   a temporary one other than the first goes at once (the first, at the
   stop); entry and exit are a hit each.  */
static bool
syscall_event(struct fs_session *s, const struct fs_event *ev)
{
	struct fs_breakpoint *bp;
	size_t i;
	int number, gone = 0;

	s->catch_hit = 0;
	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if (!catches_syscall(bp, ev->sysno))
			continue;
		number = bp->number;
		if (bp->cond != NULL && s->cond_cb != NULL) {
			/* The condition reads the frames: a stop, not
			   told.  */
			stop_record(s, FS_STOP_BREAKPOINT);
			s->stop.bpnum = number;
			if (s->cond_cb(s, bp, s->cond_arg) == 0)
				continue;
			if ((bp = bp_find(s, number)) == NULL)
				continue;
		}
		bp->hits++;
		if (bp->ignore > 0) {
			bp->ignore--;
			continue;
		}
		if (s->catch_hit == 0)
			s->catch_hit = number;
		else if (bp->temporary && gone == 0)
			gone = number;
	}
	/* (Two temporary catchpoints of one call past the first: the
	   third waits for the next.)  */
	if (gone != 0)
		fs_session_delete(s, gone, NULL);
	return s->catch_hit != 0;
}

/* Whether a catchpoint of WHAT would stop the program now.  */
static bool
catches(const struct fs_session *s, const char *what)
{
	size_t i;

	for (i = 0; i < s->nbps; i++)
		if (s->bps[i].event && s->bps[i].enabled &&
		    s->bps[i].ignore == 0 &&
		    strcmp(s->bps[i].catchpoint, what) == 0)
			return true;
	return false;
}

static struct fs_breakpoint *
bp_find(struct fs_session *s, int number)
{
	size_t i;

	for (i = 0; i < s->nbps; i++)
		if (s->bps[i].number == number)
			return &s->bps[i];
	return NULL;
}

/* The enabled user breakpoint with a location at ADDR.  */
static struct fs_breakpoint *
bp_at(struct fs_session *s, uint64_t addr)
{
	size_t i, j;

	for (i = 0; i < s->nbps; i++) {
		if (!s->bps[i].enabled)
			continue;
		for (j = 0; j < s->bps[i].naddrs; j++)
			if (s->bps[i].addrs[j] == addr)
				return &s->bps[i];
	}
	return NULL;
}

/* What breakpoint BP holds, freed; the slot itself is the table's.  */
static void
bp_release(struct fs_breakpoint *bp)
{
	free(bp->spec);
	free(bp->cond);
	free(bp->dprintf);
	free(bp->addrs);
	free(bp->scopes);
	free(bp->wold);
	free(bp->event_path);
	free(bp->syscalls);
	free(bp->wdeps);
	free(bp->wnow);
}

int
fs_session_delete(struct fs_session *s, int number, struct fs_err *e)
{
	struct fs_breakpoint *bp;

	if (number == 0) {
		while (s->nbps > 0)
			fs_session_delete(s, s->bps[0].number, NULL);
		return 0;
	}
	if ((bp = bp_find(s, number)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "No breakpoint number %d.",
		    number);
	bp_disarm(s, bp);
	watch_forget(s, bp);
	bp_release(bp);
	memmove(bp, bp + 1, (size_t)(&s->bps[s->nbps] - (bp + 1)) *
	    sizeof *bp);
	s->nbps--;
	watch_sync(s, true, NULL);
	return 0;
}

int
fs_session_condition(struct fs_session *s, int number, const char *cond,
    struct fs_err *e)
{
	struct fs_breakpoint *bp;
	char *c = NULL;

	if ((bp = bp_find(s, number)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "No breakpoint number %d.",
		    number);
	if (cond != NULL && *cond != '\0' && (c = strdup(cond)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	free(bp->cond);
	bp->cond = c;
	return 0;
}

int
fs_session_ignore(struct fs_session *s, int number, unsigned long count,
    struct fs_err *e)
{
	struct fs_breakpoint *bp;

	if ((bp = bp_find(s, number)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "No breakpoint number %d.",
		    number);
	bp->ignore = count;
	return 0;
}

void
fs_session_set_pending(struct fs_session *s, bool allow)
{
	s->allow_pending = allow;
}

void
fs_session_on_condition(struct fs_session *s, fs_cond_cb *cb, void *arg)
{
	s->cond_cb = cb;
	s->cond_arg = arg;
}

int
fs_session_dprintf(struct fs_session *s, int number, const char *text,
    struct fs_err *e)
{
	struct fs_breakpoint *bp;
	char *t = NULL;

	if ((bp = bp_find(s, number)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "No breakpoint number %d.",
		    number);
	if (text != NULL && (t = strdup(text)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	free(bp->dprintf);
	bp->dprintf = t;
	return 0;
}

void
fs_session_on_dprintf(struct fs_session *s, fs_cond_cb *cb, void *arg)
{
	s->dprintf_cb = cb;
	s->dprintf_arg = arg;
}

/* At a hit of a user breakpoint at ADDR: whether it stops, after its
   condition and ignore count.  A crossing that does not stop still
   counts as a hit when only the ignore count let it pass, as gdb counts
   it.  */
static bool
bp_stops(struct fs_session *s, uint64_t addr)
{
	struct fs_breakpoint *bp = bp_at(s, addr);
	int number;

	if (bp == NULL || (bp->cond == NULL && bp->ignore == 0 &&
	    bp->dprintf == NULL))
		return true;
	if (bp->cond != NULL && s->cond_cb != NULL) {
		number = bp->number;
		/* The condition reads the frames: a stop, not told.  */
		stop_record(s, FS_STOP_BREAKPOINT);
		s->stop.bpnum = number;
		if (s->cond_cb(s, bp, s->cond_arg) == 0)
			return false;
		if ((bp = bp_find(s, number)) == NULL)
			return true;
	}
	if (bp->ignore > 0) {
		bp->ignore--;
		bp->hits++;
		return false;
	}
	if (bp->dprintf != NULL && s->dprintf_cb != NULL) {
		/* Its arguments read the frames: a stop, not told.  */
		number = bp->number;
		stop_record(s, FS_STOP_BREAKPOINT);
		s->stop.bpnum = number;
		bp->hits++;
		if (s->dprintf_cb(s, bp, s->dprintf_arg) == 0)
			return false;
		/* Stopped by its error: the stop counts the hit.  */
		if ((bp = bp_find(s, number)) != NULL)
			bp->hits--;
	}
	return true;
}

int
fs_session_enable(struct fs_session *s, int number, bool on,
    struct fs_err *e)
{
	struct fs_breakpoint *bp;

	if ((bp = bp_find(s, number)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "No breakpoint number %d.",
		    number);
	if (bp->enabled == on)
		return 0;
	if (on) {
		bp->enabled = true;
		bp_arm(s, bp);
		/* gdb takes a watched value anew when it is enabled.  */
		if (bp->kind != FS_BP_BREAKPOINT && fs_session_alive(s) &&
		    bp->wnow == NULL)
			fs_session_read(s, bp->waddr, bp->wold, bp->wlen, NULL);
	} else {
		bp_disarm(s, bp);
		bp->enabled = false;
	}
	if (bp->kind != FS_BP_BREAKPOINT && watch_sync(s, true, e) < 0) {
		/* No debug register left for it: as it was.  */
		bp->enabled = false;
		watch_sync(s, true, NULL);
		return -FS_E_USAGE;
	}
	return 0;
}

const struct fs_breakpoint *
fs_session_breakpoints(const struct fs_session *s, size_t *n)
{
	*n = s->nbps;
	return s->bps;
}

/* ----------------------------------------------------------- watchpoints */

/* DR7's R/W bits: 01 stops after a write, 11 after a read or write (x86
   has no read-only watch: rwatch uses 11 and leaves changes out).  */
static unsigned
watch_rw(enum fs_bp_kind kind)
{
	return kind == FS_BP_WATCH ? 1 : 3;
}

/* DR7's LEN bits for an aligned 1, 2, 4 or 8 bytes.  */
static unsigned
watch_lenbits(size_t len)
{
	switch (len) {
	case 1:
		return 0;
	case 2:
		return 1;
	case 8:
		return 2;
	default:
		return 3;
	}
}

/* Give every enabled watchpoint its debug registers, as gdb's
   x86_handle_nonaligned_watchpoint cuts an object: the largest aligned
   1, 2, 4 or 8 bytes at each step; registers with the same address,
   length and R/W are shared.  With APPLY, write them into the process.
   Fails with gdb's message when more than four are needed.  */
static int
watch_sync(struct fs_session *s, bool apply, struct fs_err *e)
{
	uint64_t addr[4] = { 0, 0, 0, 0 }, dr7 = 0, a;
	unsigned rw[4], lb[4];
	struct fs_breakpoint *bp;
	size_t i, left, sz, d;
	int n = 0, k;

	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		bp->wslots = 0;
		if (bp->kind == FS_BP_BREAKPOINT || !bp->enabled)
			continue;
		/* The object (D 0), then what its expression reads.  */
		for (d = 0; d <= bp->nwdeps; d++)
		for (a = d == 0 ? bp->waddr : bp->wdeps[d - 1].addr,
		    left = d > 0 ? bp->wdeps[d - 1].len : bp->wunread ||
		    bp->wnow != NULL ? 0 : bp->wlen; left > 0;
		    a += sz, left -= sz) {
			for (sz = 8; sz > 1 && (a % sz != 0 || sz > left);
			    sz /= 2)
				;
			for (k = 0; k < n; k++)
				if (addr[k] == a && lb[k] ==
				    watch_lenbits(sz) && rw[k] ==
				    watch_rw(bp->kind))
					break;
			if (k == n) {
				if (n == 4)
					return fs_err_set(e, FS_E_USAGE,
					    "Could not insert hardware "
					    "watchpoint %d.\nCould not insert "
					    "hardware breakpoints:\nYou may "
					    "have requested too many hardware "
					    "breakpoints/watchpoints.",
					    bp->number != 0 ? bp->number :
					    s->next_bpnum);
				addr[n] = a;
				lb[n] = watch_lenbits(sz);
				rw[n] = watch_rw(bp->kind);
				n++;
			}
			bp->wslots |= 1U << k;
		}
	}
	if (!apply || !fs_session_alive(s))
		return 0;
	/* The guard has what the watchpoints leave.  */
	n = fs_guard_dregs(s->guard, addr, rw, lb, n);
	for (k = 0; k < n; k++)
		dr7 |= (1ULL << (2 * k)) | ((uint64_t)rw[k] << (16 + 4 * k)) |
		    ((uint64_t)lb[k] << (18 + 4 * k));
	return fs_target_set_dregs(s->t, addr, dr7, e);
}

int
fs_session_sync_dregs(struct fs_session *s, struct fs_err *e)
{
	return watch_sync(s, true, e);
}

int
fs_session_guard_site(struct fs_session *s, uint64_t addr, bool on)
{
	if (!fs_session_alive(s))
		return -1;
	if (!on) {
		site_unref(s, addr, true);
		return 0;
	}
	return site_ref(s, addr, true) != NULL ? 0 : -1;
}

/* A watchpoint goes: its scope site with it.  */
static void
watch_forget(struct fs_session *s, struct fs_breakpoint *bp)
{
	if (bp->kind != FS_BP_BREAKPOINT && bp->wscope_pc != 0 &&
	    fs_session_alive(s))
		site_unref(s, bp->wscope_pc, true);
	bp->wscope_pc = 0;
}

int
fs_session_watch(struct fs_session *s, enum fs_bp_kind kind,
    const char *expr, uint64_t addr, size_t len, int frame,
    const struct fs_breakpoint **out, struct fs_err *e)
{
	const struct fs_frame *f;
	struct fs_breakpoint *bp, *nv;
	size_t n;
	int r;

	if (s->path == NULL && !fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "No symbol table is loaded.");
	if (kind == FS_BP_BREAKPOINT || len == 0)
		return fs_err_set(e, FS_E_USAGE, "Cannot watch that.");
	if ((nv = realloc(s->bps, (s->nbps + 1) * sizeof *nv)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	s->bps = nv;
	bp = &s->bps[s->nbps];
	memset(bp, 0, sizeof *bp);
	bp->kind = kind;
	bp->enabled = true;
	bp->waddr = addr;
	bp->wlen = len;
	if ((bp->spec = strdup(expr)) == NULL ||
	    (bp->wold = calloc(1, len)) == NULL) {
		free(bp->spec);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	if (!fs_session_alive(s)) {
		/* Before the program runs: a file address, moved with the
		   executable when it is loaded (PIE).  */
		bp->file_relative = in_exec_image(s, addr);
		bp->file_addr = addr;
	} else if (fs_session_read(s, addr, bp->wold, len, NULL) !=
	    (ssize_t)len) {
		free(bp->spec);
		free(bp->wold);
		return fs_err_set(e, FS_E_NOENT,
		    "Cannot access memory at address 0x%llx",
		    (unsigned long long)addr);
	}
	s->nbps++;
	if ((r = watch_sync(s, true, e)) < 0) {
		s->nbps--;
		free(bp->spec);
		free(bp->wold);
		watch_sync(s, true, NULL);
		return r;
	}
	/* A frame's variable: that frame's return ends it, where it
	   returns to in its caller.  */
	if (frame >= 0 && fs_session_frames(s, &f, &n, NULL) == 0 &&
	    (size_t)frame + 1 < n && f[frame].cfa != 0) {
		bp->wcfa = f[frame].cfa;
		bp->wscope_pc = f[frame + 1].pc;
		if (site_ref(s, bp->wscope_pc, true) == NULL)
			bp->wscope_pc = 0;
	}
	bp->number = s->next_bpnum++;
	*out = bp;
	return 0;
}

int
fs_session_watch_move(struct fs_session *s, int number, uint64_t addr,
    size_t len, const struct fs_watch_dep *deps, size_t ndeps,
    const uint8_t *value, struct fs_err *e)
{
	struct fs_breakpoint *bp = bp_find(s, number), was;
	struct fs_watch_dep *nd = NULL;
	uint8_t *old, *now = NULL;

	if (bp == NULL || bp->kind != FS_BP_WATCH)
		return fs_err_set(e, FS_E_USAGE, "Cannot watch that.");
	if (ndeps > 0 && (nd = malloc(ndeps * sizeof *nd)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if (ndeps > 0)
		memcpy(nd, deps, ndeps * sizeof *nd);
	if (value != NULL && len > 0 && (now = malloc(len)) == NULL) {
		free(nd);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	if (now != NULL)
		memcpy(now, value, len);
	was = *bp;
	if (len != 0 && len != bp->wlen) {
		/* Another size: its value was unreadable (the size it was
		   made with, not the object's).  */
		if ((old = calloc(1, len)) == NULL) {
			free(nd);
			free(now);
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
		bp->wold = old;
	}
	/* A value from the start: what it was when set.  */
	if (now != NULL && was.wnow == NULL && !was.wunread)
		memcpy(bp->wold, now, len);
	if (now != NULL || len != 0)
		bp->wnow = now;
	bp->wunread = len == 0;
	bp->wdeps_file = !fs_session_alive(s);
	if (len != 0) {
		bp->waddr = addr;
		bp->wlen = len;
	}
	bp->wdeps = nd;
	bp->nwdeps = ndeps;
	if (watch_sync(s, true, e) < 0) {
		if (bp->wold != was.wold)
			free(bp->wold);
		*bp = was;
		free(nd);
		free(now);
		watch_sync(s, true, NULL);
		return -FS_E_USAGE;
	}
	if (bp->wold != was.wold)
		free(was.wold);
	if (bp->wnow != was.wnow)
		free(was.wnow);
	free(was.wdeps);
	return 0;
}

void
fs_session_on_watch_eval(struct fs_session *s, fs_watch_eval_cb *cb,
    void *arg)
{
	s->weval_cb = cb;
	s->weval_arg = arg;
}

/* A debug register fired (FIRED: DR6's B0-B3): whether a watchpoint
   stops, as gdb's bpstat_check_watchpoint decides: `watch' when its
   value changed, `rwatch' when it did not (a change is a write), `awatch'
   always; then its condition and ignore count.  Every watched value is
   taken anew.  Sets s->whit.  */
static bool
watch_triggers(struct fs_session *s, unsigned fired)
{
	struct fs_breakpoint *bp;
	uint8_t *cur, *old;
	size_t i;
	bool changed, stop, unread;
	int number;

	s->whit = 0;
	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if (bp->kind == FS_BP_BREAKPOINT || !bp->enabled)
			continue;
		/* What the expression names may have moved: taken again in
		   its frame, at a stop made for it, not told.  */
		unread = bp->wunread;
		if (bp->nwdeps > 0 && s->weval_cb != NULL) {
			number = bp->number;
			stop_record(s, FS_STOP_WATCHPOINT);
			s->stop.bpnum = number;
			s->weval_cb(s, bp, s->weval_arg);
			if ((bp = bp_find(s, number)) == NULL)
				continue;
		}
		cur = NULL;
		if (!bp->wunread) {
			if ((cur = malloc(bp->wlen)) == NULL)
				continue;
			if (bp->wnow != NULL)
				memcpy(cur, bp->wnow, bp->wlen);
			else if (fs_session_read(s, bp->waddr, cur, bp->wlen,
			    NULL) != (ssize_t)bp->wlen) {
				free(cur);
				continue;
			}
		}
		/* From or to gdb's <unreadable> (p->x with p null) is a
		   change; unreadable still is none.  */
		if (unread && bp->wunread)
			continue;
		changed = unread || cur == NULL ||
		    memcmp(cur, bp->wold, bp->wlen) != 0;
		if (bp->kind == FS_BP_WATCH)
			stop = changed;
		else if (bp->kind == FS_BP_RWATCH)
			stop = !changed && (bp->wslots & fired) != 0;
		else
			stop = (bp->wslots & fired) != 0;
		old = NULL;
		if (stop && s->whit == 0 && (unread ||
		    (old = malloc(bp->wlen)) != NULL)) {
			if (old != NULL)
				memcpy(old, bp->wold, bp->wlen);
			s->whit = bp->number;
			free(s->whit_old);
			free(s->whit_new);
			s->whit_old = old;
			s->whit_new = cur;
			s->whit_changed = changed;
			s->whit_len = bp->wlen;
			s->whit_unread = unread;
			if (cur != NULL)
				memcpy(bp->wold, cur, bp->wlen);
			continue;
		}
		if (cur != NULL)
			memcpy(bp->wold, cur, bp->wlen);
		free(cur);
	}
	if (s->whit == 0 || (bp = bp_find(s, s->whit)) == NULL)
		return false;
	number = bp->number;
	if (bp->cond != NULL && s->cond_cb != NULL) {
		/* The condition reads the frames: a stop, not told.  */
		stop_record(s, FS_STOP_WATCHPOINT);
		s->stop.bpnum = number;
		if (s->cond_cb(s, bp, s->cond_arg) == 0) {
			s->whit = 0;
			return false;
		}
		if ((bp = bp_find(s, number)) == NULL)
			return true;
	}
	if (bp->ignore > 0) {
		bp->ignore--;
		bp->hits++;
		s->whit = 0;
		return false;
	}
	bp->hits++;
	s->whit = number;
	return true;
}

/* The thread is at PC with stack pointer SP, where a watchpoint's frame
   returns to (a scope site): the watchpoints whose frame is gone are
   deleted, the first one's number in s->wscope.  *NREF: how many
   watchpoints have their scope site at PC.  Returns whether one went.  */
static bool
watch_scope(struct fs_session *s, uint64_t pc, uint64_t sp, int *nref)
{
	size_t i;
	int num;

	*nref = 0;
	for (i = 0; i < s->nbps; i++) {
		if (s->bps[i].kind == FS_BP_BREAKPOINT ||
		    s->bps[i].wscope_pc != pc || s->bps[i].wcfa == 0)
			continue;
		if (sp < s->bps[i].wcfa) {
			(*nref)++;	/* a deeper call returning */
			continue;
		}
		num = s->bps[i].number;
		if (s->wscope == 0) {
			s->wscope = num;
			s->nwgone = 0;
		} else if (s->nwgone < sizeof s->wgone / sizeof *s->wgone)
			s->wgone[s->nwgone++] = num;
		fs_session_delete(s, num, NULL);
		i = (size_t)-1;		/* the array moved: again */
		*nref = 0;
	}
	return s->wscope != 0;
}

/* A process has come (launch, attach): the watched values are taken
   anew, and the debug registers written.  Watchpoints of a frame's
   variable belonged to the process that went: gone with it.  */
static void
watch_restart(struct fs_session *s)
{
	struct fs_module *m = fs_modules_exec(s->mods);
	size_t i, k;

	for (i = 0; i < s->nbps; i++) {
		if (s->bps[i].kind == FS_BP_BREAKPOINT)
			continue;
		if (s->bps[i].file_relative && m != NULL && m->mapped) {
			s->bps[i].waddr = s->bps[i].file_addr + m->bias;
			s->bps[i].file_relative = false;
		}
		/* What it read before the run: in the file too.  */
		for (k = 0; s->bps[i].wdeps_file && k < s->bps[i].nwdeps &&
		    m != NULL && m->mapped; k++)
			if (in_exec_image(s, s->bps[i].wdeps[k].addr))
				s->bps[i].wdeps[k].addr += m->bias;
		s->bps[i].wdeps_file = false;
		if (s->bps[i].wcfa != 0) {
			s->bps[i].wscope_pc = 0;
			fs_session_delete(s, s->bps[i].number, NULL);
			i--;
			continue;
		}
		if (!s->bps[i].wunread && s->bps[i].wnow == NULL)
			fs_session_read(s, s->bps[i].waddr, s->bps[i].wold,
			    s->bps[i].wlen, NULL);
	}
	watch_sync(s, true, NULL);
}

/* ----------------------------------------------------------------- stops */

static void
frames_invalidate(struct fs_session *s)
{
	s->frames_valid = false;
	s->frames = NULL;
	s->nframes = 0;
	s->vvalid = false;
}

int
fs_session_regs(struct fs_session *s, const struct user_regs_struct **regs,
    struct fs_err *e)
{
	if (!fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "The program has no registers now.");
	return fs_target_regs(s->t, regs, e);
}

/* The frames of the stop, unwound once; `where` not filled in.  */
static int
frames_raw(struct fs_session *s, const struct fs_frame **frames, size_t *n,
    struct fs_err *e)
{
	const struct user_regs_struct *regs;
	int r;

	if (!fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "No stack.");
	if (!s->frames_valid) {
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		/* One frame more than the limit: the last one shown needs
		   its CFA, which only its caller gives.  */
		if ((r = fs_unwind(s->unw, s->t, s->mods, regs, s->bt_limit ?
		    s->bt_limit + 1 : 0, &s->frames, &s->nframes, e)) < 0)
			return r;
		dummy_splice(s);
		s->frames_valid = true;
		s->unw_prev_stop = s->unw_stop;
		s->unw_stop = s->unwinding_stop ? s->stop.number : ULONG_MAX;
	}
	*frames = s->frames;
	*n = s->nframes;
	return 0;
}

/* When a function called from framescope is running below the frames,
   gdb's <function called from gdb>: the frames down to the one that
   returns to its dummy frame (at the dummy's address, with its stack
   pointer), the dummy frame, then the frames the call was made from, as
   they were, each with its registers.  */
static void
dummy_splice(struct fs_session *s)
{
	const struct dummy *d;
	struct fs_frame *nv;
	size_t k, n, i;

	s->spliced = false;
	if (s->ndummies == 0)
		return;
	d = &s->dummies[s->ndummies - 1];
	for (k = 0; k < s->nframes; k++)
		if (s->frames[k].pc == d->ret_addr &&
		    s->frames[k].sp == d->ret_sp)
			break;
	if (k == s->nframes)
		return;
	n = k + 1 + d->nframes;
	if (n > s->capcf) {
		if ((nv = realloc(s->cf, n * sizeof *nv)) == NULL)
			return;
		s->cf = nv;
		s->capcf = n;
	}
	fs_unwind_where(s->unw, k + 1);
	memcpy(s->cf, s->frames, (k + 1) * sizeof *s->cf);
	memset(&s->cf[k].where, 0, sizeof s->cf[k].where);
	s->cf[k].where.func = "<function called from framescope>";
	s->cf[k].dummy = true;
	s->cf[k].has_where = true;
	/* gdb's dummy frame id: the stack pointer at the call, plus two
	   words.  */
	s->cf[k].cfa = d->ret_sp + fs_session_arch(s)->word;
	for (i = 0; i < d->nframes; i++) {
		s->cf[k + 1 + i] = d->frames[i];
		s->cf[k + 1 + i].index = (unsigned)(k + 1 + i);
		s->cf[k + 1 + i].phys = (unsigned)(k + 1 + i);
	}
	s->frames = s->cf;
	s->nframes = n;
	s->spliced = true;
	s->splice_at = k;
}

int
fs_session_frame_regs(struct fs_session *s, size_t phys,
    const struct fs_frame_regs **out)
{
	const struct fs_frame_regs *fr;
	const struct dummy *d;
	size_t want = 64, nr;

	if (s->spliced && phys > s->splice_at) {
		d = &s->dummies[s->ndummies - 1];
		if (phys - s->splice_at - 1 >= d->nfregs)
			return -FS_E_NOENT;
		*out = &d->fregs[phys - s->splice_at - 1];
		return 0;
	}
	while (want < phys + 1)
		want *= 2;
	if (fs_unwind_regs(s->unw, want, &fr, &nr, NULL) < 0 || phys >= nr)
		return -FS_E_NOENT;
	*out = &fr[phys];
	return 0;
}

/* gdb 13's entry of a block: its first range as DWARF lists them
   (DW_AT_entry_pc is not read).  */
static uint64_t
scope_entry(const struct fs_scope *sc)
{
	return sc->nranges > 0 ? sc->ranges[0] : sc->entry_pc;
}

static bool
scope_within(const struct fs_scope *sc, const struct fs_scope *outer)
{
	unsigned depth;

	for (depth = 0; sc != NULL && depth < 256; sc = sc->parent, depth++)
		if (sc == outer)
			return true;
	return false;
}

/* The inlined call SC starts at FADDR: its entry, or the address before
   is in no block of it (gdb's block_starting_point_at).  */
static bool
scope_starts_at(struct fs_dwarf *dw, const struct fs_scope *sc,
    uint64_t faddr)
{
	const struct fs_scope *prev;

	if (scope_entry(sc) == faddr)
		return true;
	if (!fs_dinfo_scope_has(sc, faddr) || faddr == 0)
		return false;
	if (fs_dinfo_scope_at(dw, faddr - 1, &prev, NULL) < 0)
		return true;
	return !scope_within(prev, sc);
}

/* A user breakpoint location at PC was set for inlined call SC.  */
static bool
bp_for_scope(struct fs_session *s, uint64_t pc, const struct fs_scope *sc)
{
	const struct fs_breakpoint *bp;
	size_t i, k;

	/* Only a breakpoint hit counts (gdb's stop chain), not a signal or
	   a step that stops where one is.  */
	if (s->stop.reason != FS_STOP_BREAKPOINT)
		return false;
	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if (!bp->enabled || bp->pending || bp->scopes == NULL)
			continue;
		for (k = 0; k < bp->naddrs; k++)
			if (bp->addrs[k] == pc && bp->scopes[k] == sc)
				return true;
	}
	return false;
}

#define MAXINLINE	64

/* The function and inlined calls holding LOOKUP in physical frame PF,
   innermost first, into CHAIN; *INNER the innermost scope.  Returns how
   many (0: no DWARF scope).  */
static size_t
inline_chain(const struct fs_frame *pf, const struct fs_scope **chain,
    const struct fs_scope **inner, struct fs_dwarf **dwp)
{
	const struct fs_scope *sc;
	struct fs_module *mod = pf->where.mod;
	struct fs_dwarf *dw;
	size_t n = 0;

	*inner = NULL;
	if (pf->sigtramp || mod == NULL || !pf->has_where ||
	    (dw = fs_module_dwarf(mod)) == NULL ||
	    fs_dinfo_scope_at(dw, pf->lookup - mod->bias, inner, NULL) < 0)
		return 0;
	for (sc = *inner; sc != NULL && n < MAXINLINE; sc = sc->parent)
		if (sc->kind != FS_SCOPE_BLOCK)
			chain[n++] = sc;
	if (dwp != NULL)
		*dwp = dw;
	return n;
}

/* How many inlined calls a stop at frame 0 PF hides: those starting at
   the pc, innermost first, up to one a user breakpoint was set for.  */
static int
skip_count(struct fs_session *s, const struct fs_frame *pf)
{
	const struct fs_scope *chain[MAXINLINE], *inner;
	struct fs_dwarf *dw = NULL;
	size_t n, i;
	int skip = 0;

	n = inline_chain(pf, chain, &inner, &dw);
	for (i = 0; i + 1 < n && chain[i]->kind == FS_SCOPE_INLINED; i++) {
		if (!scope_starts_at(dw, chain[i], pf->pc - pf->where.mod->bias))
			break;
		if (bp_for_scope(s, pf->pc, chain[i]))
			break;
		skip++;
	}
	return skip;
}

/* Physical frame PF as the frames gdb shows, innermost first, into OUT
   (MAXINLINE long).  Returns how many.  */
static size_t
expand_frame(struct fs_session *s, const struct fs_frame *pf,
    struct fs_frame *out)
{
	const struct fs_scope *chain[MAXINLINE], *inner;
	struct fs_frame *f;
	size_t n, i, skip = 0;

	out[0] = *pf;
	if ((n = inline_chain(pf, chain, &inner, NULL)) == 0)
		return 1;
	if (pf->phys == 0) {
		if (s->vskip < 0)
			s->vskip = skip_count(s, pf);
		skip = (size_t)s->vskip < n ? (size_t)s->vskip : n - 1;
	}
	for (i = skip; i < n; i++) {
		f = &out[i - skip];
		*f = *pf;
		f->inlined = chain[i]->kind == FS_SCOPE_INLINED;
		f->scope = i == 0 ? inner : chain[i - 1]->parent;
		if (f->inlined && chain[i]->name != NULL)
			f->where.func = chain[i]->name;
		if (i > 0) {
			/* At the call of the inlined function below.  */
			f->call_site = true;
			f->where.file = chain[i - 1]->call_file;
			f->where.line = chain[i - 1]->call_line;
			/* No line of the call: gdb does not pretend to know
			   where it is, and shows the pc instead.  */
			if (f->where.line == 0)
				f->where.file = NULL;
			if (f->where.file == NULL || pf->where.file == NULL ||
			    strcmp(f->where.file, pf->where.file) != 0)
				f->where.fullpath = NULL;
		}
	}
	return n - skip;
}

/*
 * Tail calls.  A function that ends in `return f(...)' may jump to f
 * instead of calling it: its frame is gone while f runs, and the return
 * address on the stack is its caller's.  gdb makes the missing frames up
 * from the DWARF call sites (call_site_find_chain): the call site at the
 * caller's return address names the function it called; when that is not
 * the function of the frame below, every chain of tail calls (the
 * functions' DW_AT_call_tail_call sites, in functions whose DWARF lists
 * all of them) leading from it to the frame's function is a candidate,
 * and the frames shown are the common start and the common end of all the
 * candidates, one per tail call site, at the address after its jump.
 * Anything it cannot resolve (an indirect call, a function without DWARF,
 * a target that is not a function's entry) means no frames at all.
 */

#define MAXTAIL		16	/* tail calls in a chain at most */
#define TAIL_BUDGET	4096	/* call sites one search may enter */

struct tsite {
	struct fs_module		*mod;
	const struct fs_call_site	*cs;
};

struct tsearch {
	struct fs_session	*s;
	uint64_t		 callee;	/* runtime entry */
	struct tsite		 path[MAXTAIL];
	size_t			 npath;
	unsigned		 budget;
	/* The candidates so far: RES, with its common prefix CALLERS and
	   common suffix CALLEES long.  */
	bool			 have;
	struct tsite		 res[MAXTAIL];
	size_t			 len, callers, callees;
};

/* The runtime addresses call site CS of MOD goes to, into OUT (at most
   MAX).  Returns how many, or -1 when gdb could not tell.  */
static int
tail_targets(struct fs_session *s, struct fs_module *mod,
    const struct fs_call_site *cs, uint64_t *out, size_t max)
{
	const struct fs_sym *sym;
	struct fs_module *m;
	const char *name;
	size_t i, n;

	switch (cs->target) {
	case FS_CALL_ADDRS:
		if (cs->ntargets > max)
			return -1;
		for (i = 0; i < cs->ntargets; i++)
			out[i] = cs->targets[i] + mod->bias;
		return (int)cs->ntargets;
	case FS_CALL_NAME:
		/* gdb looks the symbol up in every file, the program's
		   first.  */
		name = cs->callee_linkage != NULL ? cs->callee_linkage :
		    cs->callee;
		n = fs_modules_count(s->mods);
		for (i = 0; name != NULL && i < n; i++) {
			m = fs_modules_get(s->mods, i);
			if (m == NULL || !m->mapped ||
			    (sym = fs_module_sym_lookup(m, name)) == NULL ||
			    sym->addr == 0)
				continue;
			out[0] = sym->addr + m->bias;
			return 1;
		}
		return -1;
	default:
		return -1;
	}
}

/* The function whose entry is runtime address ADDR, with DWARF: *FN,
   in *MODP.  gdb's func_addr_to_tail_call_list.  */
static bool
tail_function(struct fs_session *s, uint64_t addr, struct fs_module **modp,
    struct fs_dwarf **dwp, const struct fs_scope **fn)
{
	const struct fs_scope *sc;
	struct fs_module *mod;
	struct fs_dwarf *dw;

	sc = scope_at(s, addr, &mod, &dw);
	while (sc != NULL && sc->kind != FS_SCOPE_FUNCTION)
		sc = sc->parent;
	if (sc == NULL || sc->entry_pc != addr - mod->bias)
		return false;
	*modp = mod;
	*dwp = dw;
	*fn = sc;
	return true;
}

/* Another chain: keep what it has in common with the others.  Returns
   false when nothing is left (gdb gives up).  */
static bool
tail_candidate(struct tsearch *t)
{
	size_t i, n;

	if (!t->have) {
		memcpy(t->res, t->path, t->npath * sizeof *t->path);
		t->len = t->callers = t->callees = t->npath;
		t->have = true;
		return true;
	}
	n = t->callers < t->npath ? t->callers : t->npath;
	for (i = 0; i < n; i++)
		if (t->res[i].cs != t->path[i].cs) {
			t->callers = i;
			break;
		}
	n = t->callees < t->npath ? t->callees : t->npath;
	for (i = 0; i < n; i++)
		if (t->res[t->len - 1 - i].cs !=
		    t->path[t->npath - 1 - i].cs) {
			t->callees = i;
			break;
		}
	if (t->callers == 0 && t->callees == 0) {
		t->have = false;
		return false;
	}
	return true;
}

/* Follow call site CS of MOD (gdb's call_site_find_chain_2).  Returns
   false to stop the search: gdb could not resolve something, or the
   chains have nothing in common.  */
static bool
tail_visit(struct tsearch *t, struct fs_module *mod,
    const struct fs_call_site *cs)
{
	const struct fs_call_site *calls;
	const struct fs_scope *fn;
	struct fs_module *fmod;
	struct fs_dwarf *dw;
	uint64_t addrs[8];
	size_t i, j, k, q, nc;
	int n;

	if ((n = tail_targets(t->s, mod, cs, addrs, 8)) < 0)
		return false;
	for (i = 0; i < (size_t)n; i++)
		if (addrs[i] == t->callee)
			return tail_candidate(t);
	for (i = 0; i < (size_t)n; i++) {
		if (!tail_function(t->s, addrs[i], &fmod, &dw, &fn))
			return false;
		for (j = 0; j < fn->nranges; j++) {
			if (fs_dinfo_calls_in(dw, fn->ranges[2 * j],
			    fn->ranges[2 * j + 1], &calls, &nc) < 0)
				continue;
			for (k = 0; k < nc; k++) {
				if (!calls[k].listed)
					continue;
				/* Not twice in one chain.  */
				for (q = 0; q < t->npath; q++)
					if (t->path[q].cs == &calls[k])
						break;
				if (q < t->npath)
					continue;
				if (t->npath == MAXTAIL || t->budget == 0) {
					t->have = false;
					return false;
				}
				t->budget--;
				t->path[t->npath].mod = fmod;
				t->path[t->npath++].cs = &calls[k];
				if (!tail_visit(t, fmod, &calls[k]))
					return false;
				t->npath--;
			}
		}
	}
	return true;
}

/* The frames of the tail calls between physical frame PF and its caller
   CALLER, innermost first, into OUT (MAXTAIL long).  Returns how many.  */
static size_t
tail_frames(struct fs_session *s, const struct fs_frame *pf,
    const struct fs_frame *caller, struct fs_frame *out)
{
	struct tsearch *t;
	const struct fs_call_site *cs;
	const struct fs_scope *sc, *inner;
	const struct fs_sym *sym;
	struct fs_module *mod, *cmod;
	struct fs_dwarf *dw;
	struct fs_frame *f;
	size_t n = 0, levels, i;

	if (pf->sigtramp || caller->sigtramp || !pf->has_where ||
	    caller->pc == 0 || pf->cfa == 0 ||
	    (mod = pf->where.mod) == NULL ||
	    (cmod = fs_modules_at(s->mods, caller->pc - 1)) == NULL ||
	    (dw = fs_module_dwarf(cmod)) == NULL ||
	    fs_dinfo_call_site(dw, caller->pc - cmod->bias, &cs) < 0 ||
	    (t = calloc(1, sizeof *t)) == NULL)
		return 0;
	t->s = s;
	t->budget = TAIL_BUDGET;
	/* The frame's function by its entry: gdb's get_pc_function_start
	   (DWARF, else the symbol).  */
	if ((dw = fs_module_dwarf(mod)) != NULL &&
	    fs_dinfo_scope_at(dw, pf->lookup - mod->bias, &sc, NULL) == 0) {
		while (sc->parent != NULL)
			sc = sc->parent;
		t->callee = sc->entry_pc + mod->bias;
		/* A call of a declaration named as the frame's function is
		   a call of it, no tail call between: said without looking
		   the name up in every symbol table (libc's is large).  */
		if (cs->target == FS_CALL_NAME && ((cs->callee_linkage !=
		    NULL && sc->linkage_name != NULL && strcmp(
		    cs->callee_linkage, sc->linkage_name) == 0) ||
		    (cs->callee_linkage == NULL && sc->linkage_name == NULL &&
		    cs->callee != NULL && sc->name != NULL &&
		    strcmp(cs->callee, sc->name) == 0)))
			goto out;
	} else if ((sym = fs_module_sym_at(mod, pf->lookup - mod->bias)) !=
	    NULL)
		t->callee = sym->addr + mod->bias;
	if (t->callee == 0 || !tail_visit(t, cmod, cs) || !t->have ||
	    t->len == 0)
		goto out;
	/* gdb's pretended_chain_levels and pretend_pc.  */
	levels = t->callers == t->len && t->callees == t->len ? t->len :
	    t->callers + t->callees;
	for (i = 0; i < levels && n < MAXTAIL; i++) {
		const struct tsite *ts = i < t->callees ?
		    &t->res[t->len - 1 - i] :
		    &t->res[t->callers - 1 - (i - t->callees)];

		f = &out[n++];
		*f = *caller;
		f->inlined = f->call_site = false;
		f->tailcall = true;
		f->pc = ts->cs->ret_pc + ts->mod->bias;
		f->lookup = f->pc - 1;
		/* No stack of its own: the frame below's CFA (gdb's frame
		   id), the caller's registers.  */
		f->cfa = pf->cfa;
		fs_modules_where(s->mods, f->pc, f->lookup, &f->where);
		f->has_where = true;
		f->scope = NULL;
		if ((dw = fs_module_dwarf(ts->mod)) != NULL &&
		    fs_dinfo_scope_at(dw, f->lookup - ts->mod->bias, &inner,
		    NULL) == 0) {
			/* Named by the innermost function or inlined call
			   there, as gdb's get_frame_function.  */
			f->scope = inner;
			for (sc = inner; sc != NULL &&
			    sc->kind == FS_SCOPE_BLOCK; sc = sc->parent)
				;
			if (sc != NULL && sc->kind == FS_SCOPE_INLINED &&
			    sc->name != NULL)
				f->where.func = sc->name;
		}
	}
out:
	free(t);
	return n;
}

/* Make room for M frames in place of the one at s->vpos.  */
static int
vf_splice(struct fs_session *s, size_t m)
{
	struct fs_frame *nv;
	size_t cap, i;

	if (m == 1)
		return 0;
	if (s->nvf + m - 1 > s->capvf) {
		cap = s->capvf * 2 > s->nvf + m ? s->capvf * 2 : s->nvf + m;
		if ((nv = realloc(s->vf, cap * sizeof *nv)) == NULL)
			return -1;
		s->vf = nv;
		s->capvf = cap;
	}
	memmove(&s->vf[s->vpos + m], &s->vf[s->vpos + 1],
	    (s->nvf - s->vpos - 1) * sizeof *s->vf);
	s->nvf += m - 1;
	for (i = s->vpos + m; i < s->nvf; i++)
		s->vf[i].index = (unsigned)i;
	return 0;
}

int
fs_session_frames_head(struct fs_session *s, size_t k,
    const struct fs_frame **frames, size_t *n, struct fs_err *e)
{
	struct fs_frame buf[MAXINLINE + MAXTAIL], *nv;
	const struct fs_frame *pf;
	size_t np, m, i;
	int r;

	if ((r = frames_raw(s, &pf, &np, e)) < 0)
		return r;
	if (!s->vvalid) {
		if (np > s->capvf) {
			if ((nv = realloc(s->vf, np * sizeof *nv)) == NULL)
				return fs_err_set(e, FS_E_NOMEM,
				    "out of memory");
			s->vf = nv;
			s->capvf = np;
		}
		if (np > 0)
			memcpy(s->vf, pf, np * sizeof *pf);
		s->nvf = np;
		s->vphys = s->vpos = 0;
		s->vvalid = true;
	}
	while (s->vpos < k && s->vphys < np) {
		fs_unwind_where(s->unw, s->vphys + 1);
		m = expand_frame(s, &pf[s->vphys], buf);
		if (s->vphys + 1 < np)
			m += tail_frames(s, &pf[s->vphys], &pf[s->vphys + 1],
			    buf + m);
		if (vf_splice(s, m) < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		for (i = 0; i < m; i++) {
			buf[i].index = (unsigned)(s->vpos + i);
			s->vf[s->vpos + i] = buf[i];
		}
		s->vpos += m;
		s->vphys++;
	}
	*frames = s->vf;
	*n = s->bt_limit != 0 && s->nvf > s->bt_limit ? s->bt_limit : s->nvf;
	return 0;
}


const char *
fs_session_frames_end(struct fs_session *s, char *buf, size_t len)
{
	enum fs_unwind_end end;
	uint64_t addr;

	if (!s->frames_valid)
		return NULL;
	end = fs_unwind_end(s->unw, &addr);
	return fs_unwind_end_text(end, addr, buf, len);
}

int
fs_session_frames(struct fs_session *s, const struct fs_frame **frames,
    size_t *n, struct fs_err *e)
{
	return fs_session_frames_head(s, (size_t)-1, frames, n, e);
}

static int
cmp_tid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* Number the threads of the process not numbered yet, in tid order,
   which is the order the kernel created them in (until tids wrap).  */
static void
threads_number(struct fs_session *s, pid_t *v, size_t n)
{
	struct tnum *nt;
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < s->ntnums && s->tnums[k].tid != v[i]; k++)
			;
		if (k < s->ntnums)
			continue;
		if (s->ntnums == s->captnums) {
			size_t cap = s->captnums ? 2 * s->captnums : 8;

			if ((nt = realloc(s->tnums, cap * sizeof *nt)) == NULL)
				return;
			s->tnums = nt;
			s->captnums = cap;
		}
		s->tnums[s->ntnums].tid = v[i];
		s->tnums[s->ntnums++].num = ++s->tnum_max;
	}
}

static void
threads_sync(struct fs_session *s)
{
	const pid_t *v;
	size_t n;

	/* The common case, at every step: one thread, numbered already.  */
	if (s->t == NULL || (fs_target_nthreads(s->t) == 1 && s->ntnums >= 1))
		return;
	if ((v = fs_target_threads(s->t, &n)) == NULL)
		return;
	qsort((pid_t *)v, n, sizeof *v, cmp_tid);
	threads_number(s, (pid_t *)v, n);
}

int
fs_session_thread_num(struct fs_session *s, pid_t tid)
{
	size_t k;

	for (k = 0; k < s->ntnums; k++)
		if (s->tnums[k].tid == tid)
			return s->tnums[k].num;
	threads_number(s, &tid, 1);
	return s->ntnums > 0 && s->tnums[s->ntnums - 1].tid == tid ?
	    s->tnums[s->ntnums - 1].num : 0;
}

int
fs_session_thread_max(const struct fs_session *s)
{
	return s->tnum_max;
}

static void
threads_reset(struct fs_session *s)
{
	s->ntnums = 0;
	s->tnum_max = 0;
}

int
fs_session_threads(struct fs_session *s, const pid_t **tids, size_t *n,
    pid_t *cur, struct fs_err *e)
{
	const pid_t *v;
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if ((v = fs_target_threads(s->t, n)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	/* The list is the target's scratch copy: sorting it is ours to do:
	   by tid to number new threads, then by number as gdb lists them. */
	qsort((pid_t *)v, *n, sizeof *v, cmp_tid);
	threads_number(s, (pid_t *)v, *n);
	{
		pid_t *w = (pid_t *)v, x;
		size_t i, j;

		for (i = 1; i < *n; i++) {
			x = w[i];
			for (j = i; j > 0 && fs_session_thread_num(s, w[j - 1]) >
			    fs_session_thread_num(s, x); j--)
				w[j] = w[j - 1];
			w[j] = x;
		}
	}
	*tids = v;
	*cur = fs_target_tid(s->t);
	return 0;
}

int
fs_session_select_thread(struct fs_session *s, pid_t tid, struct fs_err *e)
{
	const pid_t *v;
	size_t n, i;
	pid_t cur;
	int r;

	if ((r = fs_session_threads(s, &v, &n, &cur, e)) < 0)
		return r;
	for (i = 0; i < n && v[i] != tid; i++)
		;
	if (i == n)
		return fs_err_set(e, FS_E_NOENT, "Invalid thread ID: %d",
		    (int)tid);
	if (tid != cur) {
		fs_target_set_tid(s->t, tid);
		frames_invalidate(s);
		s->vskip = -1;
	}
	return 0;
}

int
fs_session_fpregs(struct fs_session *s, struct user_fpregs_struct *r,
    struct fs_err *e)
{
	int rc;

	if ((rc = need_process(s, e)) < 0)
		return rc;
	return fs_target_fpregs(s->t, r, e);
}

#define FXSAVE_SIZE	512	/* the x87 and SSE state */
#define XSAVE_HDR_END	576	/* and the XSAVE header */

int
fs_session_xstate(struct fs_session *s, const uint8_t **buf, size_t *len,
    struct fs_err *e)
{
	size_t size = fs_regs_xsave_size() + 64;
	uint64_t pos;
	bool past;
	int rc;

	if ((rc = need_process(s, e)) < 0)
		return rc;
	/* In a recording's past (or a recording file's), the recorded
	   thread's registers are the recording's at its position.  */
	past = s->rec != NULL && (s->rec_file || fs_record_replaying(s->rec)) &&
	    fs_record_view(s->rec)->tid == fs_target_tid(s->t);
	pos = past ? fs_record_pos(s->rec) + 1 : 0;
	if (s->xs == NULL || s->xs_stop != fs_target_nstops(s->t) ||
	    s->xs_tid != fs_target_tid(s->t) || s->xs_pos != pos) {
		if (s->xs == NULL && (s->xs = malloc(size)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		rc = past ? fs_record_xstate(s->rec, s->xs, size, &s->xslen,
		    e) : fs_target_xstate(s->t, 0, s->xs, size, &s->xslen, e);
		if (rc < 0) {
			free(s->xs);
			s->xs = NULL;
			return rc;
		}
		/* Without XSAVE, the FXSAVE image alone: x87 and SSE.  */
		if (s->xslen < XSAVE_HDR_END) {
			memset(s->xs + s->xslen, 0, XSAVE_HDR_END - s->xslen);
			s->xs[FXSAVE_SIZE] = 3;
			s->xslen = XSAVE_HDR_END;
		}
		s->xs_stop = fs_target_nstops(s->t);
		s->xs_tid = fs_target_tid(s->t);
		s->xs_pos = pos;
	}
	*buf = s->xs;
	*len = s->xslen;
	return 0;
}

int
fs_session_thread_regs(struct fs_session *s, pid_t tid,
    struct user_regs_struct *r, struct fs_err *e)
{
	int rc;

	if ((rc = need_process(s, e)) < 0)
		return rc;
	return fs_target_thread_regs(s->t, tid, r, e);
}

int
fs_session_siginfo(struct fs_session *s, uint8_t buf[128], struct fs_err *e)
{
	int rc;

	if ((rc = need_process(s, e)) < 0)
		return rc;
	/* Replaying, the process is not where the stop shown is.  */
	if (s->rec != NULL && fs_record_replaying(s->rec))
		return fs_err_set(e, FS_E_STATE, "Unable to read siginfo");
	return fs_target_siginfo(s->t, buf, e);
}

const struct fs_stop *
fs_session_stop(const struct fs_session *s)
{
	return &s->stop;
}

/* Record a stop and tell the front end.  */
/* Put back registers REGS and XSAVE area XS of the current thread.  */
static int
regs_restore(struct fs_session *s, const struct user_regs_struct *regs,
    const uint8_t *xs, size_t xlen, struct fs_err *e)
{
	int r;

	s->xs_stop = ULONG_MAX;		/* the XSAVE cache is stale */
	if ((r = fs_target_set_regs(s->t, regs, e)) < 0)
		return r;
	if (xs != NULL && (r = fs_target_set_xstate(s->t, 0, xs, xlen, e)) < 0)
		return r;
	frames_invalidate(s);
	return 0;
}

/* A function called from framescope has returned to its dummy frame
   (the thread is at the dummy's address with its stack pointer): keep
   the registers it returned with, put back those it was called with, and
   forget the dummy, as gdb pops its dummy frame.  Returns whether it
   did.  */
static bool
dummy_pop(struct fs_session *s)
{
	const struct user_regs_struct *regs;
	const uint8_t *xs;
	struct dummy *d;
	size_t xlen;

	if (s->ndummies == 0 || fs_target_regs(s->t, &regs, NULL) < 0)
		return false;
	d = &s->dummies[s->ndummies - 1];
	/* Above RET_SP when the callee popped its arguments (i386's
	   stdcall, a struct's hidden pointer).  */
	if (regs->rip != d->ret_addr || regs->rsp < d->ret_sp)
		return false;
	s->ret_regs = *regs;
	if (fs_session_xstate(s, &xs, &xlen, NULL) == 0) {
		uint8_t *nb = realloc(s->ret_xs, xlen);

		if (nb != NULL) {
			memcpy(nb, xs, xlen);
			s->ret_xs = nb;
			s->ret_xlen = xlen;
		}
	}
	(void)regs_restore(s, &d->regs, d->xs, d->xlen, NULL);
	site_unref(s, d->ret_addr, true);
	/* The call resumed the program, so, as gdb's, the stop no longer
	   hides the inlined calls that begin at its pc.  */
	s->next_skip = 0;
	dummy_free(d);
	s->ndummies--;
	s->ret_valid = true;
	return true;
}

int
fs_session_return_regs(struct fs_session *s,
    const struct user_regs_struct **regs, const uint8_t **xs, size_t *xlen,
    struct fs_err *e)
{
	int r;

	if (s->ret_valid) {
		*regs = &s->ret_regs;
		*xs = s->ret_xs;
		*xlen = s->ret_xs != NULL ? s->ret_xlen : 0;
		return 0;
	}
	if ((r = fs_session_regs(s, regs, e)) < 0)
		return r;
	if (fs_session_xstate(s, xs, xlen, NULL) < 0) {
		*xs = NULL;
		*xlen = 0;
	}
	return 0;
}

void
fs_session_set_unwind_on_signal(struct fs_session *s, bool on)
{
	s->unwind_on_signal = on;
}

bool
fs_session_unwind_on_signal(const struct fs_session *s)
{
	return s->unwind_on_signal;
}

int
fs_session_set_reg(struct fs_session *s, const char *name, uint64_t val,
    struct fs_err *e)
{
	const struct fs_arch *a = fs_session_arch(s);
	const struct user_regs_struct *cur;
	struct user_regs_struct regs;
	const char *real = strcmp(name, "pc") == 0 ? a->pc :
	    strcmp(name, "sp") == 0 ? a->sp : strcmp(name, "fp") == 0 ?
	    a->fp : name;
	size_t i;
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	for (i = 0; i < a->nregs && strcmp(a->regs[i].name, real) != 0; i++)
		;
	if (i == a->nregs)
		return fs_err_set(e, FS_E_NOENT, "framescope cannot write "
		    "register $%s.", name);
	if ((r = fs_target_regs(s->t, &cur, e)) < 0)
		return r;
	regs = *cur;
	/* Each register has a whole word of user_regs_struct, i386's
	   too.  */
	if (a->word == 4)
		val &= 0xffffffffu;
	memcpy((char *)&regs + a->regs[i].off, &val, sizeof val);
	if ((r = fs_target_set_regs(s->t, &regs, e)) < 0)
		return r;
	frames_invalidate(s);
	return 0;
}

int
fs_session_set_fpret(struct fs_session *s, const void *val, size_t len,
    struct fs_err *e)
{
	const uint8_t *cur;
	uint8_t *buf;
	size_t n;
	int r;

	if (len > 16 && len != 17)
		return fs_err_set(e, FS_E_USAGE, "xmm0 holds 16 bytes");
	if ((r = fs_session_xstate(s, &cur, &n, e)) < 0)
		return r;
	if ((buf = malloc(n)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	memcpy(buf, cur, n);
	if (len == 17) {
		uint16_t fsw;

		/* st(0) alone on the x87 stack, as a function returning a
		   long double leaves it (gdb's i387_return_value): TOP 7,
		   st(0) physical register 7, the only one in use.  */
		memcpy(&fsw, buf + 2, sizeof fsw);
		fsw = (uint16_t)((fsw & ~0x3800u) | (7u << 11));
		memcpy(buf + 2, &fsw, sizeof fsw);
		buf[4] = 0x80;
		memset(buf + 32, 0, 16);
		memcpy(buf + 32, val, 10);
	} else
		/* xmm0 is at byte 160 of the FXSAVE image that starts the
		   area.  */
		memcpy(buf + 160, val, len);
	r = fs_target_set_xstate_live(s->t, buf, n, e);
	free(buf);
	/* Read again at the next look.  */
	free(s->xs);
	s->xs = NULL;
	return r;
}

int
fs_session_write(struct fs_session *s, uint64_t addr, const void *buf,
    size_t len, struct fs_err *e)
{
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if ((r = fs_target_write(s->t, addr, buf, len, e)) < 0)
		return r;
	frames_invalidate(s);
	return 0;
}

int
fs_session_call(struct fs_session *s, struct fs_call *c, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	const struct fs_frame *f;
	const struct fs_frame_regs *fr;
	const uint8_t *xs;
	struct dummy d, *nv;
	struct fs_event ev;
	size_t n, xlen, i;
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	memset(&d, 0, sizeof d);
	if ((r = fs_session_regs(s, &regs, e)) < 0 ||
	    (r = fs_session_xstate(s, &xs, &xlen, e)) < 0 ||
	    (r = frames_raw(s, &f, &n, e)) < 0)
		return r;
	d.ret_addr = c->ret_addr;
	d.ret_sp = c->ret_sp;
	d.regs = *regs;
	d.stop = s->stop;
	if (!s->spliced)
		fs_unwind_where(s->unw, n);
	if ((d.xs = malloc(xlen)) == NULL || (n > 0 && ((d.frames =
	    malloc(n * sizeof *d.frames)) == NULL || (d.fregs = calloc(n,
	    sizeof *d.fregs)) == NULL))) {
		dummy_free(&d);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	memcpy(d.xs, xs, xlen);
	d.xlen = xlen;
	if (n > 0)
		memcpy(d.frames, f, n * sizeof *f);
	d.nframes = d.nfregs = n;
	for (i = 0; i < n; i++)
		if (fs_session_frame_regs(s, i, &fr) == 0)
			d.fregs[i] = *fr;
	if ((nv = realloc(s->dummies, (s->ndummies + 1) * sizeof *nv)) ==
	    NULL || site_ref(s, c->ret_addr, true) == NULL) {
		if (nv != NULL)
			s->dummies = nv;
		dummy_free(&d);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	s->dummies = nv;
	s->dummies[s->ndummies++] = d;
	if ((r = regs_restore(s, &c->regs, c->xs, c->xlen, e)) < 0) {
		(void)dummy_pop(s);
		return r;
	}
	s->pending_sig = 0;
	/* A breakpoint at the function's first instruction is hit before
	   it runs (gdb resumes at a new pc, which it does not step over). */
	memset(&ev, 0, sizeof ev);
	if (bp_at(s, c->regs.rip) != NULL && bp_stops(s, c->regs.rip)) {
		ev.kind = FS_EV_BREAKPOINT;
		ev.tid = fs_target_tid(s->t);
		r = 0;
	} else
		r = run_to(s, c->ret_addr, c->ret_sp, &ev, e);
	if (r == 1) {
		/* Returned: what it returned with, then as it was.  */
		(void)dummy_pop(s);
		c->end = FS_CALL_RETURNED;
		c->ret_regs = s->ret_regs;
		if (c->ret_xs != NULL && s->ret_xs != NULL)
			memcpy(c->ret_xs, s->ret_xs, s->ret_xlen < c->xlen ?
			    s->ret_xlen : c->xlen);
		s->ret_valid = false;
		s->stop = d.stop;
		frames_invalidate(s);
		s->vskip = 0;
		return 0;
	}
	if (r < 0)
		return r;
	/* Something else stopped it: the front end shows the stop.  */
	stop_from_event(s, &ev, FS_STOP_STEP);
	if (!fs_session_alive(s)) {
		c->end = FS_CALL_EXITED;
		return 0;
	}
	c->end = FS_CALL_STOPPED;
	if (ev.kind == FS_EV_SIGNAL && c->unwind_on_signal &&
	    s->ndummies > 0) {
		/* gdb's unwindonsignal: back to where the call was made,
		   the signal discarded.  */
		struct dummy *top = &s->dummies[s->ndummies - 1];

		s->pending_sig = 0;
		(void)regs_restore(s, &top->regs, top->xs, top->xlen, NULL);
		site_unref(s, top->ret_addr, true);
		s->stop = top->stop;
		frames_invalidate(s);
		s->vskip = 0;
		dummy_free(top);
		s->ndummies--;
		c->end = FS_CALL_UNWOUND;
	}
	return 0;
}

static void
stop_record(struct fs_session *s, enum fs_stop_reason reason)
{
	const struct fs_frame *f;
	size_t n;

	bool returned = false;

	s->ret_valid = false;
	if (reason != FS_STOP_EXITED && reason != FS_STOP_NONE)
		returned = dummy_pop(s);
	memset(&s->stop, 0, sizeof s->stop);
	s->stop.number = s->nstops++;
	s->stop.reason = reason;
	s->stop.call_returned = returned;
	s->stop.pid = s->t != NULL ? fs_target_pid(s->t) : 0;
	s->stop.tid = s->t != NULL ? fs_target_tid(s->t) : 0;
	s->stop.single_step = s->nresumes == 1 && s->resume_step;
	s->stop.prev_pc = s->stop.single_step ? s->resume_pc : 0;
	s->nresumes = 0;
	frames_invalidate(s);
	/* gdb hides inlined calls starting at the pc, except after stepi
	   (whose stops show the innermost one).  */
	s->vskip = s->stepping_insn ? 0 : s->next_skip;
	s->next_skip = -1;
	if (reason != FS_STOP_EXITED && reason != FS_STOP_NONE) {
		threads_sync(s);
		s->unwinding_stop = true;
		frames_raw(s, &f, &n, NULL);
		s->unwinding_stop = false;
	}
	fs_guard_note_stop(s->guard, s);
}

const uint8_t *
fs_session_prev_stack(struct fs_session *s, uint64_t *lo, size_t *len)
{
	if (!s->frames_valid || s->unw_stop != s->stop.number ||
	    s->stop.number == 0 || s->unw_prev_stop != s->stop.number - 1)
		return NULL;
	return fs_unwind_prev_stack(s->unw, lo, len);
}

struct fs_unwinder *
fs_session_unwinder(struct fs_session *s)
{
	return s->unw;
}

struct fs_guard *
fs_session_guard(struct fs_session *s)
{
	return s->guard;
}

static void
stop_notify(struct fs_session *s)
{
	if (s->cb != NULL)
		s->cb(s, s->cbarg);
}

static void vfork_parent_release(struct fs_session *, bool);
static void fork_drop(struct fs_session *, bool);

/* The process ended: keep the files, forget the memory.  */
static void
process_gone(struct fs_session *s, const struct fs_event *ev)
{
	/* A vfork parent held for the child that ended, and a fork child
	   not followed yet, go first, as gdb lets them go.  */
	vfork_parent_release(s, false);
	fork_drop(s, false);
	stop_record(s, FS_STOP_EXITED);
	if (ev != NULL) {
		s->stop.exit_status = ev->status;
		s->stop.sig = ev->kind == FS_EV_KILLED ? ev->sig : 0;
		s->stop.pid = fs_target_pid(s->t);
	}
	sites_forget(s);
	fs_modules_unmap(s->mods);
	s->pending_sig = 0;
	rec_drop(s);
}

/* The stop at catchpoint NUMBER: what it catches, and a temporary one
   deleted.  */
static void
catch_stop(struct fs_session *s, int number)
{
	struct fs_breakpoint *bp;

	if ((bp = bp_find(s, number)) == NULL)
		return;
	s->stop.catchpoint = bp->catchpoint;
	if (bp->temporary) {
		s->stop.bptemp = true;
		fs_session_delete(s, number, NULL);
	}
}

/* Turn a reportable event into the stop the user sees.  */
static void
stop_from_event(struct fs_session *s, const struct fs_event *ev,
    enum fs_stop_reason step_reason)
{
	const struct user_regs_struct *regs;
	struct fs_breakpoint *bp;
	int num, loc = 0;

	if (s->gsmash && ev->kind != FS_EV_EXITED && ev->kind !=
	    FS_EV_KILLED) {
		s->gsmash = false;
		s->wscope = s->whit = 0;
		stop_record(s, FS_STOP_SMASH);
		stop_notify(s);
		return;
	}
	s->gsmash = false;
	if ((s->wscope != 0 || s->whit != 0) && ev->kind != FS_EV_EXITED &&
	    ev->kind != FS_EV_KILLED) {
		bool scope = s->wscope != 0;

		num = scope ? s->wscope : s->whit;
		s->wscope = s->whit = 0;
		stop_record(s, scope ? FS_STOP_WATCH_SCOPE :
		    FS_STOP_WATCHPOINT);
		s->stop.bpnum = num;
		if (scope) {
			s->stop.wgone = s->wgone;
			s->stop.nwgone = s->nwgone;
		}
		if (!scope) {
			s->stop.wold = s->whit_changed ? s->whit_old : NULL;
			s->stop.wnew = s->whit_new;
			s->stop.wlen = s->whit_len;
			s->stop.wold_unread = s->whit_unread;
		}
		stop_notify(s);
		return;
	}
	s->wscope = s->whit = 0;
	switch (ev->kind) {
	case FS_EV_EXITED:
	case FS_EV_KILLED:
		process_gone(s, ev);
		break;
	case FS_EV_SIGNAL:
		stop_record(s, FS_STOP_SIGNAL);
		s->stop.sig = ev->sig;
		s->stop.sigaddr = ev->addr;
		break;
	case FS_EV_INTERRUPT:
		stop_record(s, FS_STOP_INTERRUPT);
		break;
	case FS_EV_NO_HISTORY:
		stop_record(s, FS_STOP_NO_HISTORY);
		break;
	case FS_EV_RECORD_STOP:
		stop_record(s, FS_STOP_RECORD);
		s->stop.message = s->rec_msg;
		s->stop.message_error = s->rec_exit != fs_record_pos(s->rec) +
		    1;
		break;
	case FS_EV_FORK:
	case FS_EV_EXEC:
	case FS_EV_SYSCALL:
		if ((num = s->catch_hit) == 0) {
			stop_record(s, step_reason);
			break;
		}
		s->catch_hit = 0;
		stop_record(s, FS_STOP_BREAKPOINT);
		s->stop.bpnum = num;
		if (ev->kind == FS_EV_FORK)
			s->stop.child = ev->child;
		else if (ev->kind == FS_EV_EXEC)
			s->stop.exec_path = s->exec_path;
		else {
			s->stop.syscall = true;
			s->stop.sysno = ev->sysno;
			s->stop.sysexit = ev->sysexit;
		}
		catch_stop(s, num);
		break;
	case FS_EV_BREAKPOINT:
		if (fs_target_regs(s->t, &regs, NULL) == 0 &&
		    (bp = bp_at(s, regs->rip)) != NULL) {
			size_t k;

			for (k = 0; bp->naddrs > 1 && k < bp->naddrs; k++)
				if (bp->addrs[k] == regs->rip)
					loc = (int)k + 1;
			bp->hits++;
			num = bp->number;
			stop_record(s, FS_STOP_BREAKPOINT);
			s->stop.bpnum = num;
			s->stop.bploc = loc;
			s->stop.catchpoint = bp->catchpoint;
			if (bp->temporary) {
				const struct fs_frame *f;
				size_t n;

				/* Which inlined calls the stop shows depends
				   on the breakpoint: decide before it goes. */
				fs_session_frames_head(s, 1, &f, &n, NULL);
				s->stop.bptemp = true;
				fs_session_delete(s, num, NULL);
			}
			break;
		}
		stop_record(s, step_reason);
		break;
	default:
		stop_record(s, step_reason);
		break;
	}
	stop_notify(s);
}

/* ------------------------------------------------------------- execution */

/* A signal SIG has arrived: keep it for the next resume if the program
   is to get it, tell the front end if it is to be printed without
   stopping.  Returns whether it stops the program.  */
static bool
signal_stops(struct fs_session *s, int sig)
{
	unsigned fl = s->sigflags[sig];

	s->pending_sig = (fl & FS_SIG_PASS) ? sig : 0;
	if (!(fl & FS_SIG_STOP) && (fl & FS_SIG_PRINT) && s->note_cb != NULL)
		s->note_cb(s, sig, s->note_arg);
	return (fl & FS_SIG_STOP) != 0;
}

static void solib_names(struct fs_session *);

/* Sync modules after the loader's hook or an exec; resolve what waits.  */
static void
solib_event(struct fs_session *s)
{
	if (s->rec_file)
		return;
	if (fs_modules_sync(s->mods, fs_target_pid(s->t), NULL) > 0) {
		bps_refresh(s, false);
		if (s->rec != NULL)
			fs_record_code_changed(s->rec);
	}
	solib_names(s);
}

/* The loader's struct r_debug, gdb's way (solib-svr4.c): where the
   executable's DT_DEBUG entry points.  0 until the loader has set it up
   (a program stopped at its first instruction), or in a static
   program.  */
static uint64_t
r_debug_addr(struct fs_session *s)
{
	struct fs_module *mod = fs_modules_exec(s->mods);
	const struct fs_arch *a = fs_session_arch(s);
	/* Elf64_Dyn or Elf32_Dyn: a tag and a value, each a word.  */
	uint8_t dyn[64 * 16];
	uint64_t addr, size, off, tag, w = a->word;
	size_t i, n;
	ssize_t got;

	if (mod == NULL || !mod->mapped ||
	    fs_elf_dynamic(mod->elf, &addr, &size) != 0)
		return 0;
	/* DT_DEBUG is among the first entries; a table is a few dozen.  */
	for (off = 0; off < size && off < 64 * sizeof dyn; off += sizeof dyn) {
		n = size - off < sizeof dyn ? size - off : sizeof dyn;
		if ((got = fs_target_read(s->t, addr + mod->bias + off, dyn,
		    n, NULL)) <= 0)
			return 0;
		for (i = 0; i + 2 * w <= (size_t)got; i += 2 * w) {
			tag = fs_arch_word(a, dyn + i);
			if (tag == DT_NULL)
				return 0;
			if (tag == DT_DEBUG)
				return fs_arch_word(a, dyn + i + w);
		}
	}
	return 0;
}

/* The loader's hook as the loader itself states it: r_debug's r_brk,
   relocated.  0 when there is no r_debug yet or the address is not code
   of a library.  Saves opening the loader's symbols on attach.  */
static uint64_t
solib_r_brk(struct fs_session *s)
{
	const struct fs_arch *a = fs_session_arch(s);
	const struct fs_segment *seg;
	struct fs_module *ld;
	uint8_t rd[5 * 8];
	uint64_t val, brk, f, w = a->word;
	size_t k, n;

	/* struct r_debug: r_version (an int, padded to a word), r_map,
	   r_brk.  */
	if ((val = r_debug_addr(s)) == 0 ||
	    fs_target_read(s->t, val, rd, 3 * w, NULL) != (ssize_t)(3 * w) ||
	    (int32_t)fs_arch_word(a, rd) < 1 || fs_arch_word(a, rd + w) == 0 ||
	    (brk = fs_arch_word(a, rd + 2 * w)) == 0)
		return 0;
	if ((ld = fs_modules_at(s->mods, brk)) == NULL || ld->is_exec ||
	    !ld->mapped)
		return 0;
	f = brk - ld->bias;
	seg = fs_elf_segments(ld->elf, &n);
	for (k = 0; k < n; k++)
		if ((seg[k].flags & PF_X) && f >= seg[k].vaddr &&
		    f - seg[k].vaddr < seg[k].memsz)
			return brk;
	return 0;
}

/* A NUL-terminated string of the program at ADDR into BUF of LEN, read
   a page at most at a time (the next page may not be mapped).  */
static bool
read_cstr(struct fs_session *s, uint64_t addr, char *buf, size_t len)
{
	size_t have = 0, want;
	ssize_t got;

	while (have + 1 < len) {
		want = 4096 - ((addr + have) & 4095);
		if (want > len - 1 - have)
			want = len - 1 - have;
		if ((got = fs_target_read(s->t, addr + have, buf + have, want,
		    NULL)) <= 0)
			return false;
		if (memchr(buf + have, '\0', (size_t)got) != NULL)
			return true;
		have += (size_t)got;
	}
	buf[len - 1] = '\0';
	return true;
}

/* Name the libraries as the loader's link map names them, which is how
   gdb names them ("from /lib/x86_64-linux-gnu/libc.so.6", where the
   kernel's maps say /usr/lib/...): r_debug's r_map, each struct
   link_map's l_addr (the bias) and l_name.  */
static void
solib_names(struct fs_session *s)
{
	const struct fs_arch *a = fs_session_arch(s);
	uint64_t rd, lm, w = a->word;
	uint8_t buf[4 * 8];
	char name[4096];
	unsigned n;

	fs_modules_name_loader(s->mods);
	if ((rd = r_debug_addr(s)) == 0 ||
	    fs_target_read(s->t, rd, buf, 2 * w, NULL) != (ssize_t)(2 * w))
		return;
	lm = fs_arch_word(a, buf + w);
	/* struct link_map: l_addr, l_name, l_ld, l_next, l_prev.  */
	for (n = 0; lm != 0 && n < 4096; n++) {
		if (fs_target_read(s->t, lm, buf, 4 * w, NULL) !=
		    (ssize_t)(4 * w))
			return;
		if (fs_arch_word(a, buf + w) != 0 &&
		    read_cstr(s, fs_arch_word(a, buf + w), name, sizeof name))
			fs_modules_set_soname(s->mods, fs_arch_word(a, buf),
			    name);
		lm = fs_arch_word(a, buf + 3 * w);
	}
}

/* Put a site on the dynamic loader's r_brk hook (`_dl_debug_state`), so
   we hear of every dlopen and dlclose.  */
static void
solib_hook_set(struct fs_session *s)
{
	struct fs_module *mod;
	const struct fs_sym *sym;
	size_t i, n = fs_modules_count(s->mods);

	if ((s->solib_hook = solib_r_brk(s)) != 0) {
		site_ref(s, s->solib_hook, true);
		return;
	}
	for (i = 0; i < n; i++) {
		mod = fs_modules_get(s->mods, i);
		if (!mod->mapped || mod->is_exec)
			continue;
		if ((sym = fs_elf_sym_lookup(mod->elf, "_dl_debug_state")) ==
		    NULL)
			continue;
		s->solib_hook = sym->addr + mod->bias;
		site_ref(s, s->solib_hook, true);
		return;
	}
}

/* ------------------------------------------------------ forks, execs */

/* Write back, into process P (the other half of a fork), the bytes that
   the sites in memory hide: its memory is a copy of ours, breakpoints
   and all.  */
static void
sites_out_of(struct fs_session *s, struct fs_target *p)
{
	size_t i;

	for (i = 0; i < s->nsites; i++)
		if (s->sites[i].inserted)
			fs_target_write(p, s->sites[i].addr,
			    &s->sites[i].orig, 1, NULL);
}

/* Let process P go as if never traced: its breakpoint bytes put back and
   its debug registers cleared (fs_target_detach).  */
static void
release(struct fs_session *s, struct fs_target *p)
{
	sites_out_of(s, p);
	fs_target_detach(p, NULL);
	fs_target_free(p);
}

/* Following a vfork child that has exec'd (EXEC) or exited: its parent,
   held till now, goes, its memory (which the child had shared) without
   our breakpoints.  */
static void
vfork_parent_release(struct fs_session *s, bool exec)
{
	struct fs_target *p = s->vfork_parent;
	struct fs_note n;

	if (p == NULL)
		return;
	s->vfork_parent = NULL;
	memset(&n, 0, sizeof n);
	n.kind = FS_NOTE_VFORK_PARENT;
	n.pid = fs_target_pid(p);
	n.exec = exec;
	n.inferior = s->vfork_parent_inf;
	note(s, &n);
	release(s, p);
}

/* A fork child held for the catchpoint's stop and not followed: killed
   (KILL, when we launched the program) or let go with its breakpoint
   bytes removed.  */
static void
fork_drop(struct fs_session *s, bool kill)
{
	struct fs_target *c;

	if (s->fork_pid == 0)
		return;
	if (fs_target_fork_child(s->t, s->fork_pid, &c, NULL) == 0) {
		if (kill && !fs_target_attached(s->t))
			fs_target_kill(c);
		else {
			sites_out_of(s, c);
			fs_target_detach(c, NULL);
		}
		fs_target_free(c);
	}
	s->fork_pid = 0;
}

/* The fork whose child is s->fork_pid, as gdb's follow_fork does it with
   detach-on-fork on: the process not followed goes.  */
static void
fork_follow(struct fs_session *s)
{
	struct fs_target *other;
	struct fs_note n;
	size_t i;

	memset(&n, 0, sizeof n);
	n.pid = fs_target_pid(s->t);
	n.tid = s->fork_tid;
	n.child = s->fork_pid;
	n.vfork = s->fork_vfork;
	n.inferior = s->inferior;
	s->fork_pid = 0;
	if (!s->follow_child) {
		if (fs_target_fork_child(s->t, n.child, &other, NULL) == 0) {
			if (n.vfork) {
				/* The child runs in our memory: the
				   breakpoints leave it until the child has
				   exec'd or exited (vfork-done).  */
				for (i = 0; i < s->nsites; i++)
					site_remove(s, &s->sites[i]);
				s->vfork_out = true;
			} else
				sites_out_of(s, other);
			fs_target_detach(other, NULL);
			fs_target_free(other);
		}
		n.kind = FS_NOTE_FORK_DETACH;
		note(s, &n);
		return;
	}
	n.kind = FS_NOTE_FORK_FOLLOW;
	n.child_inferior = s->inferior + 1;
	note(s, &n);
	if (fs_target_follow(s->t, n.child, &other, NULL) < 0)
		return;
	s->inferior++;
	threads_reset(s);
	frames_invalidate(s);
	s->pending_sig = 0;
	if (n.vfork) {
		/* It runs in the parent's memory, our breakpoints in it, and
		   the parent cannot run before it execs or exits.  */
		s->vfork_parent = other;
		s->vfork_parent_inf = n.inferior;
		return;
	}
	n.kind = FS_NOTE_PARENT_DETACH;
	note(s, &n);
	release(s, other);
}

/* The program forked (EV).  A catchpoint of it stops, the child held
   until the next resume; else the child is followed or let go now.
   Returns whether the program stops.  */
static bool
fork_event(struct fs_session *s, const struct fs_event *ev)
{
	struct fs_breakpoint *bp;

	s->fork_pid = ev->child;
	s->fork_tid = ev->tid;
	s->fork_vfork = ev->vfork;
	if ((bp = catch_hit(s, ev->vfork ? "vfork" : "fork", ev->child,
	    NULL)) != NULL) {
		s->catch_hit = bp->number;
		return true;
	}
	fork_follow(s);
	return false;
}

/* The vfork child we let go has exec'd or exited: our memory is ours
   again, and the breakpoints go back in.  */
static void
vfork_done(struct fs_session *s)
{
	s->vfork_out = false;
	sites_insert(s, NULL);
}

/* The process exec'd: the new program's symbols, its loader's hook and
   the breakpoints resolved in it again, as gdb's follow_exec does.
   Returns whether a catchpoint stops it.  */
static bool
exec_event(struct fs_session *s)
{
	struct fs_breakpoint *bp;
	struct fs_note n;
	char exe[64], path[4096], *np;
	pid_t pid = fs_target_pid(s->t);
	ssize_t len;

	snprintf(exe, sizeof exe, "/proc/%d/exe", (int)pid);
	if ((len = readlink(exe, path, sizeof path - 1)) < 0)
		len = 0;
	path[len] = '\0';
	vfork_parent_release(s, true);
	memset(&n, 0, sizeof n);
	n.kind = FS_NOTE_EXEC;
	n.pid = pid;
	n.path = path;
	n.inferior = s->inferior;
	note(s, &n);
	fs_modules_unmap(s->mods);
	sites_forget(s);
	/* A new program: its frames, code and the guard's breakpoints are
	   another's.  */
	fs_guard_reset(s->guard);
	frames_invalidate(s);
	if (len > 0 && fs_modules_set_exec(s->mods, path, NULL) == 0 &&
	    (np = strdup(path)) != NULL) {
		/* `run' runs the new program, as in gdb.  */
		free(s->path);
		s->path = np;
	}
	if ((np = strdup(path)) != NULL) {
		free(s->exec_path);
		s->exec_path = np;
	}
	solib_event(s);
	solib_hook_set(s);
	watch_sync(s, true, NULL);
	if ((bp = catch_hit(s, "exec", 0, path)) != NULL) {
		s->catch_hit = bp->number;
		return true;
	}
	return false;
}

/* fs_target_step, with the forks met on the way dealt with and the step
   taken on (a fork system call stops the thread first at its event).  */
static int
step_target(struct fs_session *s, int sig, struct fs_event *ev,
    struct fs_err *e)
{
	int r;

	for (;;) {
		if ((r = fs_target_step_begin(s->t, sig, ev, e)) < 0)
			return r;
		if (r == 0) {
			if (s->step_cb != NULL)
				s->step_cb(s->step_arg);
			if ((r = fs_target_step_end(s->t, ev, e)) < 0)
				return r;
		}
		sig = 0;
		if (ev->kind == FS_EV_FORK && !fork_event(s, ev))
			continue;
		if (ev->kind == FS_EV_VFORK_DONE) {
			vfork_done(s);
			continue;
		}
		return 0;
	}
}

/* Single-step once, with the original byte of a site at pc put back for
   the step.  */
static int
step_raw(struct fs_session *s, int sig, struct fs_event *ev,
    struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct site *st;
	int r;

	if ((r = fs_target_regs(s->t, &regs, e)) < 0)
		return r;
	s->nresumes++;
	s->resume_step = true;
	s->resume_pc = regs->rip;
	fs_guard_before_step(s->guard, regs);
	s->whit = s->wscope = 0;
	st = site_find(s, regs->rip);
	if (st != NULL && st->inserted && (s->rec == NULL ||
	    !fs_record_replaying(s->rec))) {
		uint64_t addr = st->addr;

		site_remove(s, st);
		r = exec_step(s, sig, ev, e);
		/* Not into the image an exec replaced it with.  */
		if (r == 0 && ev->kind != FS_EV_EXEC &&
		    fs_session_alive(s) && (st = site_find(s, addr)) != NULL)
			site_insert(s, st);
	} else
		r = exec_step(s, sig, ev, e);
	if (r < 0 || !fs_session_alive(s))
		return r;
	/* An exec is a step that ends at the new program's first
	   instruction, unless a catchpoint stops there.  */
	if (ev->kind == FS_EV_EXEC && !exec_event(s))
		ev->kind = FS_EV_STEP;
	/* A watchpoint that does not stop leaves a step; a step that
	   arrives where a watchpoint's frame returns to ends it, as gdb
	   hits a breakpoint it steps onto.  */
	if (ev->kind == FS_EV_WATCH && !watch_triggers(s, ev->watch))
		ev->kind = FS_EV_STEP;
	/* Under guard, what the instruction stored is judged.  */
	if (ev->kind == FS_EV_STEP && fs_guard_on(s->guard) &&
	    fs_guard_after_step(s->guard, s) == 1) {
		s->gsmash = true;
		ev->kind = FS_EV_WATCH;
		return 0;
	}
	if (ev->kind == FS_EV_STEP && fs_target_regs(s->t, &regs, NULL) == 0) {
		int nref;

		if (watch_scope(s, regs->rip, regs->rsp, &nref))
			ev->kind = FS_EV_WATCH;
	}
	return 0;
}

/* One step for the user: the signal held for the program goes with it.  */
static int
step_once(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	int sig = s->pending_sig;

	s->pending_sig = 0;
	frames_invalidate(s);
	return step_raw(s, sig, ev, e);
}

/* At a site at PC: when it is the resolver of an indirect function a
   breakpoint waits on, run the resolver to its return (single steps:
   a few dozen instructions), keep what it chose, and move those
   breakpoints there.  Returns 1 done (EV a step, at the return), 2 an
   event the steps met, in EV, to report, 0 when PC is no such resolver
   or it could not be followed (the breakpoint then stops there, as at
   any location), or an error.  */
static int
ifunc_resolve(struct fs_session *s, uint64_t pc, struct fs_event *ev,
    struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct fs_breakpoint *bp;
	struct ifunc *nv;
	uint64_t ret = 0, sp;
	unsigned word = fs_session_arch(s)->word, steps;
	size_t i;
	int r;

	for (i = 0; i < s->nbps; i++)
		if (s->bps[i].enabled && s->bps[i].ifunc == pc)
			break;
	if (i == s->nbps || (r = fs_target_regs(s->t, &regs, e)) < 0)
		return 0;
	sp = regs->rsp;
	if (fs_session_read(s, sp, &ret, word, NULL) != (ssize_t)word)
		return 0;
	for (steps = 0; steps < 100000; steps++) {
		if ((r = step_raw(s, 0, ev, e)) < 0)
			return r;
		if (!fs_session_alive(s) || ev->kind != FS_EV_STEP)
			return 2;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		if (regs->rip == ret && regs->rsp > sp)
			break;
	}
	if (steps == 100000 || (nv = reallocarray(s->ifuncs, s->nifuncs + 1,
	    sizeof *nv)) == NULL)
		return 1;
	s->ifuncs = nv;
	nv[s->nifuncs].resolver = pc;
	nv[s->nifuncs].target = word == 4 ? regs->rax & 0xffffffffu :
	    regs->rax;
	s->nifuncs++;
	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if (bp->ifunc != pc)
			continue;
		bp_disarm(s, bp);
		bp->pending = bp_resolve(s, bp, NULL) < 0;
		bp_arm(s, bp);
	}
	frames_invalidate(s);
	return (r = sites_insert(s, e)) < 0 ? r : 1;
}

/* Resume until something the caller must see: a site hit (rip rewound to
   it), a signal that stops, an exit.  The loader's hook and signals that
   do not stop are dealt with here.  */
static int
cont_raw(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *cregs;
	struct user_regs_struct regs;
	struct site *st;
	int sig = s->pending_sig, r;

	if (s->rec != NULL)
		return rec_cont(s, ev, e);
	s->pending_sig = 0;
	s->gsmash = false;
	frames_invalidate(s);
	for (;;) {
		if ((r = fs_target_regs(s->t, &cregs, e)) < 0)
			return r;
		st = site_find(s, cregs->rip);
		if (st != NULL && st->inserted && !s->no_step_over) {
			if ((r = step_raw(s, sig, ev, e)) < 0)
				return r;
			sig = 0;
			/* A fork or exec the step met was dealt with: one
			   still here is a catchpoint's stop.  */
			if (ev->kind == FS_EV_FORK || ev->kind == FS_EV_EXEC)
				return 0;
			if (ev->kind != FS_EV_STEP)
				goto event;
		}
		s->no_step_over = false;
		if (fs_cancelled()) {
			ev->kind = FS_EV_INTERRUPT;
			return 0;
		}
		if (fs_guard_on(s->guard)) {
			fs_guard_arm(s->guard, s);
			frames_invalidate(s);
		}
		s->nresumes++;
		s->resume_step = false;
		s->whit = s->wscope = 0;
		/* Before the resume: no work overlaps a continue.  */
		if (s->step_cb != NULL)
			s->step_cb(s->step_arg);
		fs_target_set_syscalls(s->t, syscalls_caught(s));
		if ((r = fs_target_cont(s->t, sig, ev, e)) < 0)
			return r;
		sig = 0;
event:
		switch (ev->kind) {
		case FS_EV_BREAKPOINT:
			if ((r = fs_target_regs(s->t, &cregs, e)) < 0)
				return r;
			if ((st = site_find(s, cregs->rip - 1)) == NULL &&
			    site_gone(s, cregs->rip - 1)) {
				uint8_t b = 0;

				/* A site gone since this thread hit it: it
				   goes on from the instruction put back.  */
				if (fs_target_read(s->t, cregs->rip - 1, &b, 1,
				    NULL) == 1 && b != 0xcc) {
					regs = *cregs;
					regs.rip--;
					if ((r = fs_target_set_regs(s->t, &regs,
					    e)) < 0)
						return r;
					continue;
				}
			}
			if (st == NULL || !st->inserted) {
				/* The program's own int3.  */
				ev->kind = FS_EV_SIGNAL;
				ev->sig = SIGTRAP;
				return 0;
			}
			regs = *cregs;
			regs.rip--;
			if ((r = fs_target_set_regs(s->t, &regs, e)) < 0)
				return r;
			if (regs.rip == s->solib_hook && st->user == 0 &&
			    st->internal == 1) {
				solib_event(s);
				if ((r = sites_insert(s, e)) < 0)
					return r;
				continue;
			}
			if (regs.rip == s->solib_hook)
				solib_event(s);
			{
				int nref, gref;

				/* The guard's checks at calls and returns.  */
				if (fs_guard_site(s->guard, s, regs.rip,
				    &gref) == 1) {
					s->gsmash = true;
					ev->kind = FS_EV_WATCH;
					return 0;
				}
				if (watch_scope(s, regs.rip, regs.rsp, &nref))
					return 0;
				/* Only scope and guard sites here, no frame
				   gone.  */
				if ((nref > 0 || gref > 0) && st->user == 0 &&
				    st->internal == nref + gref +
				    (regs.rip == s->solib_hook)) {
					frames_invalidate(s);
					continue;
				}
			}
			if (st->user > 0 && (r = ifunc_resolve(s, regs.rip, ev,
			    e)) != 0) {
				if (r < 0)
					return r;
				if (r == 2)
					goto event;
				continue;
			}
			if (st->user > 0 && !bp_stops(s, regs.rip)) {
				frames_invalidate(s);
				continue;
			}
			return 0;
		case FS_EV_SIGNAL:
			if (signal_stops(s, ev->sig))
				return 0;
			sig = s->pending_sig;
			s->pending_sig = 0;
			continue;
		case FS_EV_EXEC:
			if (exec_event(s))
				return 0;
			if ((r = sites_insert(s, e)) < 0)
				return r;
			continue;
		case FS_EV_FORK:
			if (fork_event(s, ev))
				return 0;
			continue;
		case FS_EV_VFORK_DONE:
			vfork_done(s);
			continue;
		case FS_EV_SYSCALL:
			if (syscall_event(s, ev))
				return 0;
			frames_invalidate(s);
			continue;
		case FS_EV_STEP:
			continue;
		case FS_EV_WATCH:
			if (s->gsmash)
				return 0;
			if ((ev->watch & fs_guard_drmask(s->guard)) != 0 &&
			    fs_guard_trap(s->guard, s, ev->watch) == 1) {
				s->gsmash = true;
				return 0;
			}
			if (s->whit != 0 || s->wscope != 0 ||
			    ((ev->watch & ~fs_guard_drmask(s->guard)) != 0 &&
			    watch_triggers(s, ev->watch)))
				return 0;
			frames_invalidate(s);
			continue;
		default:
			return 0;
		}
	}
}

static int
need_process(struct fs_session *s, struct fs_err *e)
{
	if (!fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "The program is not being run.");
	return 0;
}

/* After a command ran the program: when what failed met the death of
   the process, the death is the stop, and no error.  */
static int
resume_end(struct fs_session *s, int r)
{
	struct fs_event ev;

	if (r < 0 && s->t != NULL && fs_target_death(s->t, &ev)) {
		process_gone(s, &ev);
		stop_notify(s);
		return 0;
	}
	return r;
}

/* Before it: a fork stopped at is dealt with, every breakpoint is in
   memory (or nothing runs), and an interrupt asked before this command
   is forgotten.  Returns 0 to go on, 1 when the process was found dead
   (the stop is made), or an error.  */
static int
resume_begin(struct fs_session *s, struct fs_err *e)
{
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if (!fs_cancelled())
		fs_target_interrupt_clear(s->t);
	if (s->fork_pid != 0)
		fork_follow(s);
	r = sites_insert(s, e);
	if (!fs_session_alive(s))
		return resume_end(s, -FS_E_EXITED) == 0 ? 1 :
		    fs_err_set(e, FS_E_EXITED, "The program no longer exists.");
	return r;
}

int
fs_session_cont(struct fs_session *s, struct fs_err *e)
{
	struct fs_event ev;
	int r;

	if ((r = resume_begin(s, e)) != 0)
		return r < 0 ? r : 0;
	if ((r = cont_raw(s, &ev, e)) < 0)
		return resume_end(s, r);
	stop_from_event(s, &ev, FS_STOP_STEP);
	return 0;
}

int
fs_session_signal(struct fs_session *s, int sig, bool resume,
    struct fs_err *e)
{
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	s->pending_sig = sig;
	return resume ? fs_session_cont(s, e) : 0;
}

int
fs_session_jump(struct fs_session *s, uint64_t addr, struct fs_err *e)
{
	int r;

	if ((r = fs_session_set_reg(s, "pc", addr, e)) < 0)
		return r;
	s->no_step_over = s->rec == NULL;
	r = fs_session_cont(s, e);
	s->no_step_over = false;
	return r;
}

int
fs_session_resolve(struct fs_session *s, const char *spec, uint64_t **addrs,
    size_t *n, struct fs_err *e)
{
	struct fs_breakpoint loc;
	char linespec[1100];
	int r;

	memset(&loc, 0, sizeof loc);
	if ((spec = line_in_current_file(s, spec, linespec, sizeof linespec,
	    NULL, e)) == NULL)
		return -FS_E_NOENT;
	if ((loc.spec = strdup(spec)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	r = bp_resolve(s, &loc, e);
	free(loc.spec);
	free(loc.scopes);
	if (r < 0) {
		free(loc.addrs);
		return r;
	}
	*addrs = loc.addrs;
	*n = loc.naddrs;
	return 0;
}

/* Decode the instruction at ADDR (breakpoint bytes hidden),
   without its text.  */
static int
insn_at(struct fs_session *s, uint64_t addr, struct fs_insn *in)
{
	uint8_t buf[16];
	ssize_t n;

	if ((n = fs_session_read(s, addr, buf, sizeof buf, NULL)) <= 0)
		return -1;
	return fs_insn_decode_fast_bits(buf, (size_t)n, addr,
	    fs_session_arch(s)->insn_bits, in);
}

static uint64_t current_cfa(struct fs_session *);

/* Run until the site at ADDR (0: none) is hit with rsp >= MIN_SP (the
   frame we wait for has returned; a deeper recursion hitting the same
   address does not count), or one of the NLOCS sites at LOCS is hit in
   the frame whose CFA is LOC_CFA (0: any frame; until's locations).
   Returns 1 when it got there, 0 when something else stopped the process
   (EV says what), or an error.  */
static int
run_to_any(struct fs_session *s, uint64_t addr, uint64_t min_sp,
    const uint64_t *locs, size_t nlocs, uint64_t loc_cfa,
    struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	pid_t tid = fs_target_tid(s->t);
	size_t i, nref;
	int r = 0, done = 0;

	for (nref = 0; nref < nlocs; nref++)
		if (site_ref(s, locs[nref], true) == NULL) {
			r = fs_err_set(e, FS_E_NOMEM, "out of memory");
			goto unref;
		}
	if (addr != 0 && site_ref(s, addr, true) == NULL) {
		addr = 0;
		r = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto unref;
	}
	for (;;) {
		if ((r = cont_raw(s, ev, e)) < 0)
			break;
		if (ev->kind != FS_EV_BREAKPOINT)
			break;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			break;
		if (bp_at(s, regs->rip) != NULL)
			break;		/* a user breakpoint: stop there */
		/* The sites are the stepping thread's, as gdb's momentary
		   breakpoints: another thread running the same code passes
		   them.  */
		if (fs_target_tid(s->t) != tid)
			continue;
		if (addr != 0 && regs->rip == addr && regs->rsp >= min_sp) {
			done = 1;
			break;
		}
		for (i = 0; i < nlocs && locs[i] != regs->rip; i++)
			;
		/* gdb's momentary breakpoint of until is the frame's own: a
		   deeper call (a recursion) passing there goes on.  */
		if (i < nlocs && (loc_cfa == 0 || current_cfa(s) == loc_cfa)) {
			done = 1;
			break;
		}
		if (s->wscope != 0 || s->gsmash)
			break;		/* a watchpoint's frame returned, or
					   the guard stops */
	}
unref:
	/* A process that died took its sites with it (sites_forget).  */
	if (fs_session_alive(s)) {
		for (i = 0; i < nref; i++)
			site_unref(s, locs[i], true);
		if (addr != 0)
			site_unref(s, addr, true);
	}
	return r < 0 ? r : done;
}

static int
run_to(struct fs_session *s, uint64_t addr, uint64_t min_sp,
    struct fs_event *ev, struct fs_err *e)
{
	return run_to_any(s, addr, min_sp, NULL, 0, 0, ev, e);
}

static int stepi(struct fs_session *, unsigned long, bool, struct fs_err *);

/* gdb's stepi N in a replay goes on past the end (or start) of the log
   once a step has been made, saying "No more reverse-execution history."
   each time: counted in s->nohist, the last stop told as a step.
   Returns whether EV (step I of N) is such a one to go past.  */
static bool
nohist_counts(struct fs_session *s, struct fs_event *ev, unsigned long i,
    unsigned long n)
{
	if (i == 0)
		s->nohist = 0;
	if (ev->kind != FS_EV_NO_HISTORY || i == 0)
		return false;
	s->nohist++;
	if (i + 1 < n)
		return true;
	ev->kind = FS_EV_STEP;
	return false;
}

/* Instruction steps show the innermost inlined call at the pc: gdb hides
   none after stepi.  */
int
fs_session_stepi(struct fs_session *s, unsigned long n, bool over,
    struct fs_err *e)
{
	int r;

	if ((r = resume_begin(s, e)) != 0)
		return r < 0 ? r : 0;
	s->stepping_insn = true;
	r = stepi(s, n, over, e);
	s->stepping_insn = false;
	return resume_end(s, r);
}

static int
stepi(struct fs_session *s, unsigned long n, bool over, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	const struct fs_frame *f;
	struct fs_event ev;
	struct fs_insn in;
	uint64_t lfunc = 0, lcfa = 0;
	unsigned long i;
	size_t nf;
	bool known = false;
	int r;

	for (i = 0; i < n; i++) {
		if (fs_cancelled()) {
			stop_record(s, FS_STOP_INTERRUPT);
			stop_notify(s);
			return 0;
		}
		/* The frame the last step starts in, which gdb compares the
		   stop with.  */
		if (n > 1 && i == n - 1) {
			frames_invalidate(s);
			if ((known = fs_session_frames_head(s, 1, &f, &nf,
			    NULL) == 0 && nf > 0)) {
				lfunc = f[0].where.func_addr;
				lcfa = f[0].cfa;
			}
		}
		if (over && fs_target_regs(s->t, &regs, NULL) == 0 &&
		    insn_at(s, regs->rip, &in) == 0 && in.is_call) {
			uint64_t sp = regs->rsp;

			if ((r = run_to(s, regs->rip + in.len, sp, &ev,
			    e)) < 0)
				return r;
			if (r == 0) {
				stop_from_event(s, &ev, FS_STOP_STEP);
				return 0;
			}
			ev.kind = FS_EV_STEP;
		} else if ((r = step_once(s, &ev, e)) < 0)
			return r;
		/* A signal that does not stop goes with the next step, as in
		   gdb, and does not count as one.  */
		if (ev.kind == FS_EV_SIGNAL && !signal_stops(s, ev.sig)) {
			i--;
			continue;
		}
		/* Arriving on a breakpoint is hitting it, as in gdb.  */
		if (ev.kind == FS_EV_STEP && fs_target_regs(s->t, &regs,
		    NULL) == 0 && bp_at(s, regs->rip) != NULL)
			ev.kind = FS_EV_BREAKPOINT;
		if (nohist_counts(s, &ev, i, n))
			continue;
		stop_from_event(s, &ev, FS_STOP_STEP);
		s->stop.nohist = s->nohist;
		if (ev.kind != FS_EV_STEP)
			return 0;
		if (i == n - 1 && known) {
			s->stop.last_step_known = true;
			s->stop.last_step_func = lfunc;
			s->stop.last_step_cfa = lcfa;
		}
	}
	return 0;
}

/* The line-table row at PC, if PC has a line.  */
static bool
line_at(struct fs_session *s, uint64_t pc, struct fs_lineinfo *li)
{
	struct fs_module *mod;
	struct fs_dwarf *dw;

	if ((mod = fs_modules_at(s->mods, pc)) == NULL || !mod->mapped ||
	    (dw = fs_module_dwarf(mod)) == NULL)
		return false;
	if (fs_dwarf_line_at(dw, pc - mod->bias, li) < 0)
		return false;
	li->lo += mod->bias;
	li->hi += mod->bias;
	return li->line != 0;
}

/* Whether the line table has PC, at line 0 (code of no line, which
   rustc puts in the middle of a function).  */
static bool
line0_at(struct fs_session *s, uint64_t pc)
{
	struct fs_module *mod;
	struct fs_dwarf *dw;
	struct fs_lineinfo li;

	if ((mod = fs_modules_at(s->mods, pc)) == NULL || !mod->mapped ||
	    (dw = fs_module_dwarf(mod)) == NULL)
		return false;
	return fs_dwarf_line_at(dw, pc - mod->bias, &li) == 0 &&
	    li.line == 0;
}

/* The CFA of the innermost frame now.  */
static uint64_t
current_cfa(struct fs_session *s)
{
	const struct fs_frame *f;
	size_t n;

	frames_invalidate(s);
	if (frames_raw(s, &f, &n, NULL) < 0 || n == 0)
		return 0;
	return f[0].cfa;
}

/* Leave the function whose first instruction is at pc (we just called
   it): run to the return address on top of the stack.  */
static int
step_out_fresh(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	const struct fs_arch *a = fs_session_arch(s);
	uint8_t buf[8];
	int r;

	if ((r = fs_target_regs(s->t, &regs, e)) < 0)
		return r;
	if (fs_target_read(s->t, regs->rsp, buf, a->word, e) !=
	    (ssize_t)a->word)
		return fs_err_set(e, FS_E_SYS, "cannot read return address");
	return run_to(s, fs_arch_word(a, buf), regs->rsp + a->word, ev, e);
}

/* Leave the innermost frame, wherever in it we are (unwinding for its
   return address and CFA).  */
static int
step_out_frame(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	const struct fs_frame *f;
	size_t n;
	int r;

	frames_invalidate(s);
	if ((r = frames_raw(s, &f, &n, e)) < 0)
		return r;
	if (n < 2 || f[0].cfa == 0)
		return fs_err_set(e, FS_E_STATE,
		    "\"finish\" not meaningful in the outermost frame.");
	return run_to(s, f[1].pc, f[0].cfa, ev, e);
}

/* Where the PLT stub at PC leads: the function its GOT slot holds once
   bound, or before that (lazy binding sends the first call through the
   dynamic loader) the definition of the symbol the slot is bound to, as
   gdb finds it.  Returns 0 or -1 when PC is no PLT stub.  */
static int
plt_target(struct fs_session *s, uint64_t pc, uint64_t *target)
{
	struct fs_module *mod, *m;
	const struct fs_sym *sym;
	const char *name;
	uint8_t b[16];
	uint64_t slot, val;
	int32_t disp;
	size_t off = 0, i;

	if ((mod = fs_modules_at(s->mods, pc)) == NULL || !mod->mapped ||
	    fs_session_read(s, pc, b, sizeof b, NULL) != sizeof b)
		return -1;
	if (memcmp(b, "\xf3\x0f\x1e\xfa", 4) == 0)
		off = 4;		/* endbr64 */
	if (b[off] == 0xf2)
		off++;			/* bnd */
	if (b[off] != 0xff || b[off + 1] != 0x25)
		return -1;		/* not jmp *disp32(%rip) */
	memcpy(&disp, b + off + 2, 4);
	slot = pc + off + 6 + (uint64_t)(int64_t)disp;
	if (fs_session_read(s, slot, &val, 8, NULL) != 8)
		return -1;
	if (val != 0 && (val < mod->lo || val >= mod->hi)) {
		*target = val;
		return 0;
	}
	if ((name = fs_elf_got_name(mod->elf, slot - mod->bias)) == NULL)
		return -1;
	for (i = 0; i < fs_modules_count(s->mods); i++) {
		m = fs_modules_get(s->mods, i);
		if (m == mod || !m->mapped ||
		    (sym = fs_module_sym_lookup(m, name)) == NULL ||
		    sym->addr == 0)
			continue;
		*target = sym->addr + m->bias;
		return 0;
	}
	return -1;
}

/* The function and inlined calls holding runtime address PC, innermost
   first (see inline_chain); *FADDR the file address.  */
static size_t
chain_at(struct fs_session *s, uint64_t pc, const struct fs_scope **chain,
    struct fs_dwarf **dwp, uint64_t *faddr)
{
	struct fs_frame f;

	memset(&f, 0, sizeof f);
	f.pc = f.lookup = pc;
	f.has_where = true;
	if ((f.where.mod = fs_modules_at(s->mods, pc)) == NULL ||
	    !f.where.mod->mapped)
		return 0;
	*faddr = pc - f.where.mod->bias;
	return inline_chain(&f, chain, &(const struct fs_scope *){ NULL },
	    dwp);
}

/* The function or inlined call frame 0 shows now.  */
static const struct fs_scope *
frame0_owner(struct fs_session *s)
{
	const struct fs_frame *f;
	const struct fs_scope *sc;
	size_t n;

	if (fs_session_frames_head(s, 1, &f, &n, NULL) < 0 || n == 0)
		return NULL;
	for (sc = f[0].scope; sc != NULL && sc->kind == FS_SCOPE_BLOCK;
	    sc = sc->parent)
		;
	return sc;
}

enum { IN_NONE, IN_STOP, IN_GO };

/* gdb's look for "calls" to inlined functions while stepping in the
   frame of OWN (the function or inlined call the step started in): at
   PC, inlined calls inside OWN start (the step went into one: `step'
   stops in it when its call is on the line stepped, LINE of FILE, else
   at the call; `next' goes on only over a call on that line), or PC is
   inside one (`step' stops there, `next' goes on).  Sets s->next_skip
   for a stop.  */
static int
inline_step_check(struct fs_session *s, uint64_t pc,
    const struct fs_scope *own, bool over, unsigned line, const char *file)
{
	const struct fs_scope *chain[MAXINLINE];
	struct fs_dwarf *dw = NULL;
	uint64_t faddr = 0;
	size_t n, idx, k;
	bool same;

	if (own == NULL || (n = chain_at(s, pc, chain, &dw, &faddr)) == 0)
		return IN_NONE;
	for (idx = 0; idx < n && chain[idx] != own; idx++)
		;
	if (idx == 0 || idx == n)
		return IN_NONE;
	for (k = 0; k < idx && scope_starts_at(dw, chain[k], faddr); k++)
		;
	if (k < idx) {
		/* Inside a call inlined deeper than OWN.  */
		if (over)
			return IN_GO;
		s->next_skip = (int)k;
		return IN_STOP;
	}
	/* At the entry of the calls: the frame is still OWN's.  */
	same = chain[idx - 1]->call_line == line && file != NULL &&
	    chain[idx - 1]->call_file != NULL &&
	    strcmp(chain[idx - 1]->call_file, file) == 0;
	if (over)
		return same ? IN_GO : IN_STOP;
	s->next_skip = same ? (int)idx - 1 : (int)idx;
	return IN_STOP;
}

/* The highest address of SC.  */
static uint64_t
scope_end(const struct fs_scope *sc)
{
	uint64_t hi = 0;
	size_t i;

	for (i = 0; i < sc->nranges; i++)
		if (sc->ranges[2 * i + 1] > hi)
			hi = sc->ranges[2 * i + 1];
	return hi;
}

struct fs_skips *
fs_session_skips(struct fs_session *s)
{
	return &s->skips;
}

/* Whether step, entering the function at PC whose line is LI from a
   line of file FROM, goes on without stopping there: a function or file
   the skip list names, or, from Rust code, a function whose source is
   not on this machine (the standard library as shipped).  */
static bool
step_skips(struct fs_session *s, uint64_t pc, const struct fs_lineinfo *li,
    const char *from)
{
	struct fs_where w;
	const char *path;
	size_t n;

	fs_modules_where(s->mods, pc, pc, &w);
	if (fs_skip_match(&s->skips, w.func, li->file))
		return true;
	n = from != NULL ? strlen(from) : 0;
	if (n < 3 || strcmp(from + n - 3, ".rs") != 0)
		return false;
	path = li->fullpath != NULL ? li->fullpath : li->file;
	return path == NULL || access(path, R_OK) != 0;
}

/* The function or inlined call whose frame a stop at PC shows (gdb's
   skip_inline_frames: the inlined calls that start at PC hidden), NULL
   when PC has none.  */
static const struct fs_scope *
frame_owner_at(struct fs_session *s, uint64_t pc)
{
	const struct fs_scope *chain[MAXINLINE];
	struct fs_dwarf *dw;
	uint64_t fa;
	size_t n, k;

	if ((n = chain_at(s, pc, chain, &dw, &fa)) == 0)
		return NULL;
	for (k = 0; k + 1 < n && chain[k]->kind == FS_SCOPE_INLINED &&
	    scope_starts_at(dw, chain[k], fa); k++)
		;
	return chain[k];
}

/* step and next (OVER); UNTIL is gdb's until without an argument, a next
   whose first range starts at the function's entry, so that a jump back
   to an earlier line (the end of a loop) does not stop it.  */
static int
step_line(struct fs_session *s, bool over, bool until, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct fs_lineinfo li, cur;
	struct fs_event ev;
	struct fs_insn in;
	const struct fs_scope *own;
	uint64_t lo, hi, cfa, pc, start;
	unsigned line;
	const char *file;
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if ((r = fs_target_regs(s->t, &regs, e)) < 0)
		return r;
	start = regs->rip;
	if (!line_at(s, regs->rip, &cur)) {
		struct fs_where w;

		/* Nor a function whose bounds say where it ends.  */
		fs_modules_where(s->mods, start, start, &w);
		if (w.func == NULL)
			return fs_err_set(e, FS_E_USAGE, until ? "Execution is "
			    "not within a known function." : "Cannot find "
			    "bounds of current function");
		/* gdb: "Single stepping until exit from function X, which
		   has no line number information."  */
		if ((r = step_out_frame(s, &ev, e)) < 0)
			return r;
		/* Back in the middle of a line of the caller (after the
		   call of __x86.get_pc_thunk.bx): on to a line's start, as
		   gdb steps on.  */
		if (r != 1 || fs_target_regs(s->t, &regs, NULL) < 0 ||
		    !line_at(s, regs->rip, &cur) || regs->rip == cur.lo) {
			stop_from_event(s, r == 1 ? &(struct fs_event){
			    .kind = FS_EV_STEP } : &ev, FS_STOP_STEP);
			return 0;
		}
		start = regs->rip;
	}
	lo = cur.lo;
	hi = cur.hi;
	line = cur.line;
	file = cur.file;
	cfa = s->frames_valid && s->nframes > 0 ? s->frames[0].cfa :
	    current_cfa(s);
	/* The line stepped is the one frame 0 shows: at the call of an
	   inlined function hidden at its entry, the call's.  */
	{
		const struct fs_frame *f0;
		size_t n0;

		if (fs_session_frames_head(s, 1, &f0, &n0, NULL) == 0 &&
		    n0 > 0 && f0[0].call_site && f0[0].where.file != NULL) {
			line = f0[0].where.line;
			file = f0[0].where.file;
		}
	}
	own = frame0_owner(s);
	if (until && own != NULL) {
		const struct fs_scope *chain[MAXINLINE];
		struct fs_dwarf *dw;
		uint64_t fa;

		size_t nc;

		/* gdb's range starts at the entry of the function itself,
		   not of an inlined call the pc is in.  */
		if ((nc = chain_at(s, start, chain, &dw, &fa)) > 0 &&
		    scope_entry(chain[nc - 1]) + (start - fa) < lo)
			lo = scope_entry(chain[nc - 1]) + (start - fa);
	}
	if (s->vskip > 0) {
		const struct fs_scope *chain[MAXINLINE];
		struct fs_dwarf *dw;
		uint64_t fa;
		size_t nc;

		if (!over) {
			/* gdb: step at an inlined call's entry goes down
			   into it, without running.  */
			s->next_skip = s->vskip - 1;
			stop_record(s, FS_STOP_STEP);
			stop_notify(s);
			return 0;
		}
		/* next: over the hidden call.  */
		nc = chain_at(s, start, chain, &dw, &fa);
		if ((size_t)s->vskip <= nc && chain[s->vskip - 1]->kind ==
		    FS_SCOPE_INLINED && scope_end(chain[s->vskip - 1]) -
		    (fa - start) < hi)
			hi = scope_end(chain[s->vskip - 1]) - (fa - start);
	}
	for (;;) {
		if (fs_cancelled()) {
			ev.kind = FS_EV_INTERRUPT;
			goto stop;
		}
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		pc = regs->rip;
		if (insn_at(s, pc, &in) == 0 && in.is_call) {
			uint64_t sp = regs->rsp;

			if (over) {
				if ((r = run_to(s, pc + in.len, sp, &ev,
				    e)) < 0)
					return r;
				if (r == 0)
					goto stop;
				goto moved;
			}
			if ((r = step_once(s, &ev, e)) < 0)
				return r;
			if (ev.kind != FS_EV_STEP)
				goto stop;
			if ((r = fs_target_regs(s->t, &regs, e)) < 0)
				return r;
			/* Not a real call after all.  */
			if (regs->rsp != sp - fs_session_arch(s)->word)
				goto moved;
			if (bp_at(s, regs->rip) != NULL) {
				ev.kind = FS_EV_BREAKPOINT;
				goto stop;
			}
			if (line_at(s, regs->rip, &li) &&
			    !step_skips(s, regs->rip, &li, file)) {
				struct fs_module *mod;
				uint64_t bp;

				mod = fs_modules_at(s->mods, regs->rip);
				bp = after_prologue(mod, regs->rip);
				if (bp != regs->rip) {
					if ((r = run_to(s, bp, 0, &ev,
					    e)) < 0)
						return r;
					if (r == 0)
						goto stop;
				}
				ev.kind = FS_EV_STEP;
				goto stop;
			}
			/* A PLT stub: on to the function it leads to, when
			   that has lines (libc with its debug file), as
			   gdb steps into printf.  */
			if (plt_target(s, regs->rip, &pc) == 0 &&
			    line_at(s, pc, &li)) {
				uint64_t bp;

				bp = after_prologue(fs_modules_at(s->mods,
				    pc), pc);
				if ((r = run_to(s, bp, 0, &ev, e)) < 0)
					return r;
				if (r == 0)
					goto stop;
				ev.kind = FS_EV_STEP;
				goto stop;
			}
			/* No line information (libc without its debug
			   file): out.  */
			if ((r = step_out_fresh(s, &ev, e)) < 0)
				return r;
			if (r == 0)
				goto stop;
			goto moved;
		}
		if ((r = step_once(s, &ev, e)) < 0)
			return r;
		if (ev.kind == FS_EV_SIGNAL && !signal_stops(s, ev.sig))
			continue;
		if (ev.kind != FS_EV_STEP)
			goto stop;
moved:
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		pc = regs->rip;
		if (pc >= lo && pc < hi)
			continue;
		/* A breakpoint whose condition is false, or that its
		   ignore count lets pass, does not end the step.  */
		if (pc != start && bp_at(s, pc) != NULL && bp_stops(s, pc)) {
			ev.kind = FS_EV_BREAKPOINT;
			goto stop;
		}
		if (!line_at(s, pc, &li) && regs->rsp < cfa &&
		    line0_at(s, pc))
			continue;	/* rustc's line 0 inside a line: on */
		if (!line_at(s, pc, &li)) {
			struct fs_where w;

			/* Returned into code without lines (main's caller
			   in a C library without its debug file): gdb's
			   step goes on out of a function without a name
			   too (to its caller: for main's, the exit); next
			   and until, or in a named one, stop there, "0x...
			   in ?? () from LIB".  */
			fs_modules_where(s->mods, pc, pc, &w);
			if (!over && w.func == NULL && cfa != 0 &&
			    regs->rsp >= cfa) {
				if ((r = step_out_frame(s, &ev, e)) < 0) {
					if ((r = cont_raw(s, &ev, e)) < 0)
						return r;
					goto stop;
				}
				if (r == 0)
					goto stop;
				cfa = current_cfa(s);
				goto moved;
			}
			ev.kind = FS_EV_STEP;
			goto stop;
		}
		if (cfa == 0 || regs->rsp < cfa) {
			switch (inline_step_check(s, pc, own, over, line,
			    file)) {
			case IN_STOP:
				ev.kind = FS_EV_STEP;
				goto stop;
			case IN_GO:
				continue;
			}
		}
		if (pc == li.lo && (li.line != line || strcmp(li.file ?
		    li.file : "", file ? file : "") != 0)) {
			if (li.is_stmt) {
				ev.kind = FS_EV_STEP;
				goto stop;
			}
			/* Not a statement's start: gdb steps on over that
			   line's range, the line stepped still the one it
			   was (so that the next one stops, even of the
			   line this range is of).  */
			lo = li.lo;
			hi = li.hi;
			/* In another frame (out of an inlined call into
			   the function around it): that frame is the step's
			   now, and no line its (gdb's "stepped to a
			   different frame, but it's not the start of a
			   statement"), so that the next line or inlined
			   call entered stops.  */
			if (own != NULL && frame_owner_at(s, pc) != own) {
				own = frame_owner_at(s, pc);
				line = 0;
				file = NULL;
				if (cfa != 0 && regs->rsp >= cfa)
					cfa = current_cfa(s);
			}
			continue;
		}
		/* The same line again, or the middle of one (back in the
		   caller after a return): step on with its range.  until's
		   range goes on from the function's entry over the rest of
		   its line (gdb's one range for a line's entries).  */
		if (!until || li.line != line || pc != hi)
			lo = li.lo;
		hi = li.hi;
		line = li.line;
		file = li.file;
		if (cfa != 0 && regs->rsp >= cfa)
			cfa = current_cfa(s);
		{
			const struct fs_scope *chain[MAXINLINE];
			struct fs_dwarf *dw;
			uint64_t fa;

			/* gdb's step frame is now the frame here.  */
			own = chain_at(s, pc, chain, &dw, &fa) > 0 ?
			    chain[0] : NULL;
		}
	}
stop:
	if (ev.kind == FS_EV_BREAKPOINT && (r = fs_target_regs(s->t, &regs,
	    NULL)) == 0 && bp_at(s, regs->rip) == NULL)
		ev.kind = FS_EV_STEP;
	stop_from_event(s, &ev, FS_STOP_STEP);
	/* gdb shows the line alone when the stop is in the step's frame
	   (made the caller's by a return into the middle of its line, the
	   enclosing function's by the end of an inlined call) and in the
	   function the step started in.  */
	if (ev.kind == FS_EV_STEP && own != NULL && fs_session_alive(s) &&
	    fs_target_regs(s->t, &regs, NULL) == 0) {
		const struct fs_scope *c0[MAXINLINE], *c1[MAXINLINE];
		struct fs_dwarf *dw;
		uint64_t fa;
		size_t n0, n1;

		n0 = chain_at(s, start, c0, &dw, &fa);
		n1 = chain_at(s, regs->rip, c1, &dw, &fa);
		s->stop.step_frame = frame0_owner(s) == own && n0 > 0 &&
		    n1 > 0 && c0[n0 - 1] == c1[n1 - 1] && (cfa == 0 ||
		    current_cfa(s) == cfa);
	}
	return 0;
}

int
fs_session_step(struct fs_session *s, bool over, struct fs_err *e)
{
	int r;

	if ((r = resume_begin(s, e)) != 0)
		return r < 0 ? r : 0;
	return resume_end(s, step_line(s, over, false, e));
}

int
fs_session_until_next(struct fs_session *s, struct fs_err *e)
{
	int r;

	if ((r = resume_begin(s, e)) != 0)
		return r < 0 ? r : 0;
	return resume_end(s, step_line(s, true, true, e));
}

/* until LOCATION and advance LOCATION: the sites of SPEC's locations and
   of the return of FRAME into its caller, run until one is met where it
   counts (a location in FRAME itself unless ANYWHERE; the return once
   FRAME is gone), or something else stops the program.  */
static int
until_location(struct fs_session *s, const char *spec, unsigned frame,
    bool anywhere, struct fs_err *e)
{
	const struct fs_frame *f;
	struct fs_event ev;
	uint64_t cfa, ret = 0, *addrs = NULL;
	size_t n, up, naddrs = 0;
	int r;

	if ((r = fs_session_frames_head(s, frame + 2, &f, &n, e)) < 0)
		return r;
	if (frame >= n)
		return fs_err_set(e, FS_E_STATE, "No stack.");
	cfa = f[frame].cfa;
	/* The frames of tail calls above returned already, as for finish. */
	for (up = frame + 1; up < n && f[up].tailcall; up++)
		if ((r = fs_session_frames_head(s, up + 2, &f, &n, e)) < 0)
			return r;
	if (up < n && cfa != 0)
		ret = f[up].pc;
	if ((r = fs_session_resolve(s, spec, &addrs, &naddrs, e)) < 0)
		return r;
	if ((r = run_to_any(s, ret, cfa, addrs, naddrs, anywhere ? 0 :
	    cfa, &ev, e)) >= 0) {
		if (r == 1)
			ev.kind = FS_EV_STEP;
		stop_from_event(s, &ev, FS_STOP_STEP);
	}
	free(addrs);
	return r < 0 ? r : 0;
}

int
fs_session_until(struct fs_session *s, const char *spec, unsigned frame,
    bool anywhere, struct fs_err *e)
{
	int r;

	if ((r = resume_begin(s, e)) != 0)
		return r < 0 ? r : 0;
	return resume_end(s, until_location(s, spec, frame, anywhere, e));
}

/* gdb's finish out of inlined call FRAME: step, over calls, in the frame
   it is inlined into until a statement starts there (or, should the
   function return, in its caller).  No value is returned.  */
static int
finish_inline(struct fs_session *s, const struct fs_frame *f, unsigned frame,
    struct fs_err *e)
{
	const struct user_regs_struct *regs;
	const struct fs_scope *own, *sc;
	struct fs_lineinfo li;
	struct fs_event ev;
	struct fs_insn in;
	struct fs_dwarf *dw;
	uint64_t cfa = f[frame].cfa, pc, rlo = 0, rhi = 0;
	const char *cur_file = NULL;
	unsigned cur_line = 0;
	unsigned i;
	int r, ic;

	/* Calls the inlined code made return first.  */
	for (i = frame; i > 0 && f[i - 1].phys == f[frame].phys; i--)
		;
	if (i > 0) {
		if ((r = run_to(s, f[frame].pc, f[i - 1].cfa, &ev, e)) < 0)
			return r;
		if (r == 0) {
			stop_from_event(s, &ev, FS_STOP_STEP);
			return 0;
		}
	}
	for (sc = f[frame + 1].scope; sc != NULL &&
	    sc->kind == FS_SCOPE_BLOCK; sc = sc->parent)
		;
	own = sc;
	for (;;) {
		if (fs_cancelled()) {
			ev.kind = FS_EV_INTERRUPT;
			break;
		}
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		pc = regs->rip;
		if (insn_at(s, pc, &in) == 0 && in.is_call) {
			if ((r = run_to(s, pc + in.len, regs->rsp, &ev,
			    e)) < 0)
				return r;
			if (r == 0)
				break;
		} else {
			if ((r = step_once(s, &ev, e)) < 0)
				return r;
			if (ev.kind == FS_EV_SIGNAL &&
			    !signal_stops(s, ev.sig))
				continue;
			if (ev.kind != FS_EV_STEP)
				break;
		}
		ev.kind = FS_EV_STEP;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		pc = regs->rip;
		if (bp_at(s, pc) != NULL && bp_stops(s, pc)) {
			ev.kind = FS_EV_BREAKPOINT;
			break;
		}
		if (!line_at(s, pc, &li))
			break;
		if (cfa != 0 && regs->rsp >= cfa) {
			/* The function returned: on in its caller.  */
			own = NULL;
			cfa = current_cfa(s);
		}
		/* Inside the row being stepped through gdb looks at
		   nothing.  */
		if (pc >= rlo && pc < rhi)
			continue;
		/* gdb's "calls" to inlined functions: into ones inside
		   the frame stepped, on; at ones inlined into it that start
		   here, a stop unless their call is on the line stepped.  */
		ic = inline_step_check(s, pc, own, true, cur_line, cur_file);
		if (ic == IN_STOP)
			break;
		if (ic == IN_GO)
			continue;
		{
			struct fs_module *mod = fs_modules_at(s->mods, pc);
			const struct fs_scope *cur = frame_owner_at(s, pc);

			/* gdb stops where a statement of another line
			   starts.  Elsewhere it steps on through the line
			   it is in, which becomes the line stepped and its
			   frame the frame stepped (a row that is no
			   statement changes neither in the same frame,
			   and makes the line none in another).  */
			dw = mod != NULL ? fs_module_dwarf(mod) : NULL;
			if (dw == NULL || fs_dwarf_gdb_line(dw, pc - mod->bias,
			    &li) != 0)
				break;
			if (li.lo + mod->bias == pc && (li.line != cur_line ||
			    cur_file == NULL || li.file == NULL ||
			    strcmp(li.file, cur_file) != 0)) {
				if (li.is_stmt)
					break;
				if (cur == own) {
					rlo = li.lo + mod->bias;
					rhi = li.hi + mod->bias;
					continue;
				}
				li.line = 0;
			}
			rlo = li.lo + mod->bias;
			rhi = li.hi + mod->bias;
			cur_line = li.line;
			cur_file = li.file;
			own = cur;
		}
	}
	stop_from_event(s, &ev, FS_STOP_STEP);
	return 0;
}

static int
finish_frame(struct fs_session *s, unsigned frame, struct fs_err *e)
{
	const struct fs_frame *f;
	struct fs_event ev;
	size_t n, up;
	int r;

	if ((r = fs_session_frames_head(s, frame + 2, &f, &n, e)) < 0)
		return r;
	if (frame + 1 >= n || f[frame].cfa == 0)
		return fs_err_set(e, FS_E_STATE,
		    "\"finish\" not meaningful in the outermost frame.");
	if (f[frame].inlined)
		return finish_inline(s, f, frame, e);
	/* The frames of tail calls above returned already (gdb's
	   skip_tailcall_frames): the return goes to the one past them.  */
	for (up = frame + 1; up < n && f[up].tailcall; up++)
		if ((r = fs_session_frames_head(s, up + 2, &f, &n, e)) < 0)
			return r;
	if (up >= n)
		return fs_err_set(e, FS_E_STATE,
		    "\"finish\" not meaningful in the outermost frame.");
	if ((r = run_to(s, f[up].pc, f[frame].cfa, &ev, e)) < 0)
		return r;
	if (r == 1)
		ev.kind = FS_EV_STEP;
	stop_from_event(s, &ev, FS_STOP_STEP);
	if (r == 1)
		s->stop.finished = true;
	return 0;
}

int
fs_session_finish(struct fs_session *s, unsigned frame, struct fs_err *e)
{
	int r;

	if ((r = resume_begin(s, e)) != 0)
		return r < 0 ? r : 0;
	return resume_end(s, finish_frame(s, frame, e));
}

void
fs_session_interrupt(struct fs_session *s)
{
	/* Going back and forth in a log, the process is not running.  */
	if (s->rec != NULL && (s->rec_file || fs_record_replaying(s->rec)))
		return;
	if (s->t != NULL && fs_target_alive(s->t))
		fs_target_interrupt(s->t);
}

/* ------------------------------------------------------ process control */

int
fs_session_launch(struct fs_session *s, struct fs_err *e)
{
	struct fs_target *t;
	int r;

	if (s->path == NULL)
		return fs_err_set(e, FS_E_STATE,
		    "No executable file specified.");
	if (fs_session_alive(s) && (r = fs_session_kill(s, e)) < 0)
		return r;
	rec_drop(s);
	/* exec the resolved path; the program sees argv[0] as typed.  */
	{
		/* The program as found from here, wherever it runs.  */
		char *abs = s->cwd != NULL && s->path[0] != '/' ?
		    realpath(s->path, NULL) : NULL;

		r = fs_target_spawn_in(abs != NULL ? abs : s->path, s->argv,
		    fs_session_environ(s), s->aslr, s->stdio, s->cwd, &t, e);
		free(abs);
	}
	if (r < 0)
		return r;
	fs_target_free(s->t);
	s->t = t;
	fs_target_on_thread(t, thread_note, s);
	threads_reset(s);
	fs_guard_reset(s->guard);
	s->pending_sig = 0;
	sites_forget(s);
	fs_modules_unmap(s->mods);
	if ((r = fs_modules_sync(s->mods, fs_target_pid(t), e)) < 0)
		return r;
	solib_names(s);
	solib_hook_set(s);
	bps_refresh(s, false);
	watch_restart(s);
	stop_record(s, FS_STOP_ENTRY);
	stop_notify(s);
	return 0;
}

int
fs_session_attach(struct fs_session *s, pid_t pid, struct fs_err *e)
{
	struct fs_target *t;
	char exe[64], path[4096];
	ssize_t n;
	int r;

	if (fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE,
		    "A program is being debugged already.");
	if ((r = fs_target_attach(pid, &t, e)) < 0)
		return r;
	fs_target_free(s->t);
	s->t = t;
	fs_target_on_thread(t, thread_note, s);
	threads_reset(s);
	fs_guard_reset(s->guard);
	if (s->path == NULL) {
		snprintf(exe, sizeof exe, "/proc/%d/exe", (int)pid);
		if ((n = readlink(exe, path, sizeof path - 1)) > 0) {
			path[n] = '\0';
			if ((s->path = strdup(path)) != NULL)
				fs_modules_set_exec(s->mods, path, NULL);
		}
	}
	if ((r = fs_modules_sync(s->mods, pid, e)) < 0) {
		fs_target_detach(t, NULL);
		return r;
	}
	solib_names(s);
	solib_hook_set(s);
	bps_refresh(s, false);
	watch_restart(s);
	stop_record(s, FS_STOP_ATTACHED);
	stop_notify(s);
	return 0;
}

int
fs_session_detach(struct fs_session *s, struct fs_err *e)
{
	size_t i;
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if (s->rec_file)
		return rec_close(s);
	/* A function called from framescope that has not returned: the
	   program goes on from where it was before the call.  */
	if (s->ndummies > 0)
		(void)regs_restore(s, &s->dummies[0].regs, s->dummies[0].xs,
		    s->dummies[0].xlen, NULL);
	/* In the past or not, the process goes on from where it is: it
	   never left its present.  */
	rec_drop(s);
	/* The other processes of a fork go the same way.  */
	fork_drop(s, false);
	vfork_parent_release(s, false);
	for (i = 0; i < s->nsites; i++)
		site_remove(s, &s->sites[i]);
	sites_forget(s);
	fs_guard_reset(s->guard);
	s->vfork_out = false;
	fs_target_set_pending(s->t, s->pending_sig);
	s->pending_sig = 0;
	r = fs_target_detach(s->t, e);
	fs_modules_unmap(s->mods);
	memset(&s->stop, 0, sizeof s->stop);
	frames_invalidate(s);
	return r;
}

int
fs_session_kill(struct fs_session *s, struct fs_err *e)
{
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if (s->rec_file)
		return rec_close(s);
	rec_drop(s);
	fork_drop(s, true);
	if (s->vfork_parent != NULL && !fs_target_attached(s->t)) {
		/* Launched: the parent goes with its child.  */
		fs_target_kill(s->vfork_parent);
		fs_target_free(s->vfork_parent);
		s->vfork_parent = NULL;
	}
	fs_target_kill(s->t);
	vfork_parent_release(s, false);
	sites_forget(s);
	fs_guard_reset(s->guard);
	s->vfork_out = false;
	s->pending_sig = 0;
	fs_modules_unmap(s->mods);
	memset(&s->stop, 0, sizeof s->stop);
	frames_invalidate(s);
	return 0;
}

/* ----------------------------------------------------------- expressions */

static int
reg_value(struct fs_session *s, const char *name, size_t len, unsigned frame,
    uint64_t *out)
{
	const struct fs_arch *a = fs_session_arch(s);
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	size_t n;

	if (fs_session_frames_head(s, frame + 1, &f, &n, NULL) == 0 &&
	    frame < n) {
		if ((len == 2 && strncmp(name, "pc", 2) == 0) ||
		    (len == 3 && strncmp(name, a->pc, 3) == 0)) {
			*out = f[frame].pc;
			return 0;
		}
		if ((len == 2 && strncmp(name, "sp", 2) == 0) ||
		    (len == 3 && strncmp(name, a->sp, 3) == 0)) {
			*out = f[frame].sp;
			return 0;
		}
		if ((len == 2 && strncmp(name, "fp", 2) == 0) ||
		    (len == 3 && strncmp(name, a->fp, 3) == 0)) {
			*out = f[frame].fp;
			return 0;
		}
	}
	if (fs_session_regs(s, &r, NULL) < 0)
		return -1;
	return fs_arch_regval(a, r, name, len, out);
}

int
fs_session_eval_addr(struct fs_session *s, const char *expr, unsigned frame,
    uint64_t *out, struct fs_err *e)
{
	const char *p = expr, *start;
	char name[512], *end;
	uint64_t v, total = 0;
	int sign = 1, any = 0;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (any && (*p == '+' || *p == '-')) {
			sign = *p == '-' ? -1 : 1;
			p++;
			while (isspace((unsigned char)*p))
				p++;
		} else if (any)
			return fs_err_set(e, FS_E_USAGE,
			    "A syntax error in expression, near `%s'.", p);
		if (*p == '$') {
			start = ++p;
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			if (reg_value(s, start, (size_t)(p - start), frame,
			    &v) < 0) {
				if (!fs_session_alive(s))
					return fs_err_set(e, FS_E_STATE,
					    "No registers.");
				return fs_err_set(e, FS_E_USAGE,
				    "Invalid register `%.*s'",
				    (int)(p - start), start);
			}
		} else if (isdigit((unsigned char)*p)) {
			errno = 0;
			v = strtoull(p, &end, 0);
			if (errno != 0 || (isalnum((unsigned char)*end) ||
			    *end == '_'))
				return fs_err_set(e, FS_E_USAGE,
				    "Invalid number \"%s\".", p);
			p = end;
		} else if (isalpha((unsigned char)*p) || *p == '_' ||
		    *p == '<') {
			size_t len;

			start = p;
			while (*p != '\0' && !isspace((unsigned char)*p) &&
			    *p != '+' && (*p != '-' || p == start))
				p++;
			len = (size_t)(p - start);
			if (len >= sizeof name)
				len = sizeof name - 1;
			memcpy(name, start, len);
			name[len] = '\0';
			if (fs_modules_find_function(s->mods, name, &v,
			    NULL) < 0)
				return fs_err_set(e, FS_E_NOENT,
				    "No symbol \"%s\" in current context.",
				    name);
		} else
			return fs_err_set(e, FS_E_USAGE,
			    "A syntax error in expression, near `%s'.", p);
		total += sign > 0 ? v : -v;
		any = 1;
	}
	if (!any)
		return fs_err_set(e, FS_E_USAGE, "Argument required (expression).");
	*out = total;
	return 0;
}

int
fs_session_break_addr(struct fs_session *s, const char *func, uint64_t *addr)
{
	struct fs_module *mod;
	uint64_t a;

	if (fs_modules_find_function(s->mods, func, &a, &mod) < 0 ||
	    mod == NULL)
		return -FS_E_NOENT;
	*addr = after_prologue(mod, a);
	return 0;
}

/* ------------------------------------------------------------ recording */

/* The program's code for the recorder's decoder: breakpoints hidden.  */
static ssize_t
rec_code(void *arg, uint64_t addr, void *buf, size_t len)
{
	return fs_session_read(arg, addr, buf, len, NULL);
}

static void
rec_drop(struct fs_session *s)
{
	fs_record_free(s->rec);
	s->rec = NULL;
	s->rec_exit = 0;
	if (s->rec_file && s->t != NULL) {
		/* A replayed file's state went with it.  */
		fs_target_free(s->t);
		s->t = NULL;
		s->rec_file = false;
		fs_modules_unmap(s->mods);
		sites_forget(s);
	}
}

/* A replayed file is closed: no state, no process.  */
static int
rec_close(struct fs_session *s)
{
	rec_drop(s);
	memset(&s->stop, 0, sizeof s->stop);
	frames_invalidate(s);
	return 0;
}

struct fs_record *
fs_session_record(struct fs_session *s)
{
	return s->rec;
}

bool
fs_session_replaying_file(const struct fs_session *s)
{
	return s->rec_file;
}

int
fs_session_record_start(struct fs_session *s, struct fs_err *e)
{
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if (s->rec != NULL)
		return fs_err_set(e, FS_E_STATE, "The process is already being "
		    "recorded.  Use \"record stop\" to stop recording first.");
	if ((r = fs_record_new(s->t, rec_code, s, &s->rec, e)) < 0)
		return r;
	fs_record_set_arch(s->rec, fs_session_arch(s));
	return 0;
}

/* The watched values as the state now has them: after a jump in the
   log, the next change is told against these.  */
static void
watch_retake(struct fs_session *s)
{
	size_t i;

	for (i = 0; i < s->nbps; i++) {
		if (s->bps[i].kind == FS_BP_BREAKPOINT)
			continue;
		/* What an expression names here, and its value.  */
		if (s->bps[i].nwdeps > 0 && s->weval_cb != NULL)
			s->weval_cb(s, &s->bps[i], s->weval_arg);
		if (s->bps[i].wnow != NULL)
			memcpy(s->bps[i].wold, s->bps[i].wnow, s->bps[i].wlen);
		else if (!s->bps[i].wunread)
			fs_session_read(s, s->bps[i].waddr, s->bps[i].wold,
			    s->bps[i].wlen, NULL);
	}
}

int
fs_session_record_stop(struct fs_session *s, struct fs_err *e)
{
	int r = 0;

	if (s->rec == NULL)
		return fs_err_set(e, FS_E_STATE, "No recording is currently "
		    "active.\nUse the \"record full\" or \"record btrace\" "
		    "command first.");
	if (s->rec_file)
		return rec_close(s);
	/* In the past: the past becomes the present.  */
	if (fs_record_replaying(s->rec))
		r = fs_record_commit(s->rec, e);
	rec_drop(s);
	frames_invalidate(s);
	watch_retake(s);
	return r;
}

/* The watchpoints whose objects the ranges RG[0..N) overlap: the debug
   registers they would have fired (1 each when not given any).  */
static unsigned
watch_crossed(struct fs_session *s, const struct fs_record_range *rg,
    size_t n)
{
	const struct fs_breakpoint *bp;
	unsigned fired = 0;
	uint64_t a, len;
	size_t i, k, d;

	for (i = 0; i < s->nbps; i++) {
		bp = &s->bps[i];
		if (bp->kind == FS_BP_BREAKPOINT || !bp->enabled ||
		    bp->kind == FS_BP_RWATCH)
			continue;
		/* Its object, and what its expression reads.  */
		for (d = 0; d <= bp->nwdeps; d++) {
			a = d == 0 ? bp->waddr : bp->wdeps[d - 1].addr;
			len = d > 0 ? bp->wdeps[d - 1].len : bp->wunread ||
			    bp->wnow != NULL ? 0 : bp->wlen;
			for (k = 0; k < n; k++)
				if (rg[k].addr < a + len &&
				    a < rg[k].addr + rg[k].len)
					break;
			if (k < n) {
				fired |= bp->wslots != 0 ? bp->wslots : 1;
				break;
			}
		}
	}
	return fired;
}

/* One step of the recording, forward (BACK false) or back: EV says
   STEP, WATCH (the step wrote a watched object: watch_triggers decides)
   or NO_HISTORY.  */
static int
rec_move(struct fs_session *s, bool back, struct fs_event *ev,
    struct fs_err *e)
{
	const struct fs_record_range *rg;
	size_t n;
	int r;

	memset(ev, 0, sizeof *ev);
	ev->tid = fs_target_tid(s->t);
	frames_invalidate(s);
	if ((r = fs_record_move(s->rec, back, &rg, &n, e)) < 0)
		return r;
	if (r == 0) {
		ev->kind = FS_EV_NO_HISTORY;
		return 0;
	}
	ev->kind = FS_EV_STEP;
	/* gdb tells the start of the log when it gets there, whatever
	   else is at that instruction.  */
	if (back && fs_record_pos(s->rec) + 1 == fs_record_first(s->rec))
		ev->kind = FS_EV_NO_HISTORY;
	else if ((ev->watch = watch_crossed(s, rg, n)) != 0)
		ev->kind = FS_EV_WATCH;
	return 0;
}

static int
rec_step_target(void *arg, int sig, struct fs_event *ev, struct fs_err *e)
{
	return step_target(arg, sig, ev, e);
}

/* Whether the recorder may emulate the next instruction: only where a
   store is all a debug register could see (a read or access watchpoint
   watches loads, the guard's registers are its own).  */
static bool
rec_emulate(struct fs_session *s)
{
	size_t i;

	if (s->rec_noemu || fs_guard_on(s->guard))
		return false;
	for (i = 0; i < s->nbps; i++)
		if (s->bps[i].enabled && (s->bps[i].kind == FS_BP_RWATCH ||
		    s->bps[i].kind == FS_BP_AWATCH))
			return false;
	return true;
}

/* The single step under a recording: replayed from the log in the past,
   taken and logged at its end.  */
static int
exec_step(struct fs_session *s, int sig, struct fs_event *ev,
    struct fs_err *e)
{
	struct fs_record_stepper stepper;
	struct fs_record_range store;
	const char *name;
	struct fs_err re;
	int r;

	if (s->rec == NULL)
		return step_target(s, sig, ev, e);
	if (fs_record_replaying(s->rec) || s->rec_file) {
		/* The signal waits for the process: the log has what
		   happened then.  */
		if (sig != 0)
			s->pending_sig = sig;
		if ((r = rec_move(s, false, ev, e)) < 0)
			return r;
		/* gdb tells the end of the log when it gets there.  */
		if (!fs_record_replaying(s->rec))
			ev->kind = FS_EV_NO_HISTORY;
		return 0;
	}
	memset(ev, 0, sizeof *ev);
	ev->tid = fs_target_tid(s->t);
	if ((name = fs_record_exiting(s->rec)) != NULL &&
	    s->rec_exit != fs_record_pos(s->rec) + 1) {
		/* gdb stops before the exit, so that the recording can still
		   be gone through; the next resume lets it exit.  */
		s->rec_exit = fs_record_pos(s->rec) + 1;
		if (sig != 0)
			s->pending_sig = sig;
		free(s->rec_msg);
		if (asprintf(&s->rec_msg, "The next instruction is syscall "
		    "%s.  It will make the program exit.\nProcess record: "
		    "inferior program stopped.", name) < 0)
			s->rec_msg = NULL;
		ev->kind = FS_EV_RECORD_STOP;
		return 0;
	}
	stepper.step = rec_step_target;
	stepper.arg = s;
	stepper.forks = !s->follow_child && !catches(s, "fork");
	stepper.emulate = rec_emulate(s);
	if ((r = fs_record_step(s->rec, &stepper, sig, ev, &re)) < 0) {
		if (e != NULL)
			*e = re;
		return r;
	}
	/* No debug register saw an emulated store: the watchpoints it
	   hits are told as the replay tells them.  */
	if (r == 0 && fs_record_emulated(s->rec, &store) && store.len > 0 &&
	    (ev->watch = watch_crossed(s, &store, 1)) != 0)
		ev->kind = FS_EV_WATCH;
	if (r == 1) {
		if (sig != 0)
			s->pending_sig = sig;
		free(s->rec_msg);
		s->rec_msg = strdup(re.msg);
		memset(ev, 0, sizeof *ev);
		ev->tid = fs_target_tid(s->t);
		ev->kind = FS_EV_RECORD_STOP;
	}
	return 0;
}

/* continue under a recording: single steps until a breakpoint's site is
   reached, a signal stops, a watchpoint fires, the user interrupts, or,
   for a continue that started in the past, the log runs out.  */
static int
rec_cont(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct site *st;
	int sig = s->pending_sig, r, nref, gref;
	bool guard, rearm, off_site = false;

	s->pending_sig = 0;
	s->gsmash = false;
	frames_invalidate(s);
	/* The guard watches the steps taken, not those replayed: a store
	   in the log was judged when it was made.  */
	guard = fs_guard_on(s->guard) && !fs_record_replaying(s->rec) &&
	    !s->rec_file;
	rearm = guard;
	for (;;) {
		/* As cont_raw does before each resume: at the start and
		   once the step off one of the guard's sites (a call, a
		   return) is taken, its debug registers over the innermost
		   frames (a library function's from outside).  */
		if (rearm) {
			fs_guard_arm(s->guard, s);
			frames_invalidate(s);
			rearm = false;
		}
		if (fs_cancelled()) {
			memset(ev, 0, sizeof *ev);
			ev->tid = fs_target_tid(s->t);
			ev->kind = FS_EV_INTERRUPT;
			return 0;
		}
		if ((r = step_raw(s, sig, ev, e)) < 0)
			return r;
		sig = 0;
		rearm = off_site;
		off_site = false;
		if (!fs_session_alive(s))
			return 0;
		/* A store that hit one of the guard's debug registers (in
		   a library function, which its judging of single steps
		   leaves to them).  */
		if (guard && ev->kind == FS_EV_STEP &&
		    (ev->watch & fs_guard_drmask(s->guard)) != 0 &&
		    fs_guard_trap(s->guard, s, ev->watch) == 1) {
			s->gsmash = true;
			ev->kind = FS_EV_WATCH;
			return 0;
		}
		if (ev->kind == FS_EV_SIGNAL) {
			if (signal_stops(s, ev->sig))
				return 0;
			sig = s->pending_sig;
			s->pending_sig = 0;
			continue;
		}
		if (ev->kind != FS_EV_STEP)
			return 0;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		if ((st = site_find(s, regs->rip)) == NULL)
			continue;
		/* At a site: as if its int3 was hit.  */
		if (regs->rip == s->solib_hook) {
			solib_event(s);
			if (st->user == 0 && st->internal == 1)
				continue;
		}
		/* The guard's checks at calls and returns.  */
		gref = 0;
		if (guard && fs_guard_site(s->guard, s, regs->rip, &gref) ==
		    1) {
			s->gsmash = true;
			ev->kind = FS_EV_WATCH;
			return 0;
		}
		(void)watch_scope(s, regs->rip, regs->rsp, &nref);
		off_site = guard;
		if ((nref > 0 || gref > 0) && st->user == 0 &&
		    st->internal == nref + gref +
		    (regs->rip == s->solib_hook)) {
			frames_invalidate(s);
			continue;
		}
		if (st->user > 0 && (r = ifunc_resolve(s, regs->rip, ev,
		    e)) != 0) {
			if (r < 0)
				return r;
			if (r == 2)
				return 0;
			continue;
		}
		if (st->user > 0 && !bp_stops(s, regs->rip)) {
			frames_invalidate(s);
			continue;
		}
		ev->kind = FS_EV_BREAKPOINT;
		return 0;
	}
}

/* What a reverse command needs first.  */
static int
need_history(struct fs_session *s, struct fs_err *e)
{
	int r;

	if ((r = need_process(s, e)) < 0)
		return r;
	if (s->rec == NULL)
		return fs_err_set(e, FS_E_STATE,
		    "Target native does not support this command.");
	return 0;
}

/* One step back, breakpoints and watchpoints looked at: EV STEP,
   BREAKPOINT (arriving at one is hitting it), WATCH, NO_HISTORY or
   INTERRUPT.  */
static int
rev_step(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	int r;

	if (fs_cancelled()) {
		memset(ev, 0, sizeof *ev);
		ev->tid = fs_target_tid(s->t);
		ev->kind = FS_EV_INTERRUPT;
		return 0;
	}
	s->whit = s->wscope = 0;
	if ((r = rec_move(s, true, ev, e)) < 0)
		return r;
	if (ev->kind == FS_EV_WATCH && !watch_triggers(s, ev->watch))
		ev->kind = FS_EV_STEP;
	if (ev->kind == FS_EV_STEP && fs_target_regs(s->t, &regs, NULL) == 0 &&
	    bp_at(s, regs->rip) != NULL && bp_stops(s, regs->rip)) {
		frames_invalidate(s);
		ev->kind = FS_EV_BREAKPOINT;
	}
	return 0;
}

/* Report a stop of a reverse command.  */
static void
rev_stop(struct fs_session *s, struct fs_event *ev)
{
	stop_from_event(s, ev, FS_STOP_STEP);
	s->stop.reverse = true;
}

/* Whether the instruction at PC (in the state shown) is a call or a
   return.  */
static bool
is_insn(struct fs_session *s, uint64_t pc, bool call)
{
	struct fs_insn in;

	return insn_at(s, pc, &in) == 0 && (call ? in.is_call : in.is_ret);
}

/* Back over the call whose callee we just entered at its return (the
   return is at the position now): to the call instruction.  */
static int
rev_over_call(struct fs_session *s, struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	uint64_t sp;
	int r;

	if ((r = fs_target_regs(s->t, &regs, e)) < 0)
		return r;
	/* Above the return address the return pops.  */
	sp = regs->rsp + fs_session_arch(s)->word;
	for (;;) {
		if ((r = rev_step(s, ev, e)) < 0)
			return r;
		if (ev->kind != FS_EV_STEP)
			return 0;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		if (regs->rsp >= sp && is_insn(s, regs->rip, true))
			return 0;
	}
}

int
fs_session_reverse_stepi(struct fs_session *s, unsigned long n, bool over,
    struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct fs_event ev;
	unsigned long i;
	int r = 0;

	if ((r = need_history(s, e)) < 0)
		return r;
	s->stepping_insn = true;
	for (i = 0; i < n; i++) {
		if ((r = rev_step(s, &ev, e)) < 0)
			break;
		if (over && ev.kind == FS_EV_STEP &&
		    (r = fs_target_regs(s->t, &regs, e)) == 0 &&
		    is_insn(s, regs->rip, false) &&
		    (r = rev_over_call(s, &ev, e)) < 0)
			break;
		if (nohist_counts(s, &ev, i, n))
			continue;
		rev_stop(s, &ev);
		s->stop.nohist = s->nohist;
		if (ev.kind != FS_EV_STEP)
			break;
	}
	s->stepping_insn = false;
	return r < 0 ? r : 0;
}

/* The line entry holding PC as gdb's line table has it (which merges
   rows a loop's discriminators split): what reverse stepping's ranges
   are.  */
static bool
gdb_line_at(struct fs_session *s, uint64_t pc, struct fs_lineinfo *li)
{
	struct fs_module *mod;
	struct fs_dwarf *dw;

	if ((mod = fs_modules_at(s->mods, pc)) == NULL || !mod->mapped ||
	    (dw = fs_module_dwarf(mod)) == NULL ||
	    fs_dwarf_gdb_line(dw, pc - mod->bias, li) < 0)
		return false;
	li->lo += mod->bias;
	li->hi += mod->bias;
	return li->line != 0;
}

/* The entry of the function holding PC, 0 when unknown.  */
static uint64_t
func_entry(struct fs_session *s, uint64_t pc)
{
	struct fs_where w;

	fs_modules_where(s->mods, pc, pc, &w);
	return w.func != NULL ? w.func_addr : 0;
}

/*
 * reverse-step and reverse-next, as gdb's infrun steps backwards: the
 * range is the line-table row of the pc; going back inside it, stop at
 * its start, unless that is the function's entry (then on to the call).
 * Back into a callee at its return: `next' goes back over the whole
 * call; `step' stops at the start of the callee's row there (its last
 * line), as gdb's handle_step_into_function_backward.  Back out of the
 * function into its caller, or into the middle of another line: that
 * line's row becomes the range, so the stop is at the start of a line.
 * At the start of a row of another line, stop.
 */
int
fs_session_reverse_step(struct fs_session *s, bool over, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct fs_lineinfo li;
	struct fs_event ev;
	uint64_t lo, hi, cfa, pc, fstart, sp;
	unsigned line, w = fs_session_arch(s)->word;
	const char *file;
	int r;

	if ((r = need_history(s, e)) < 0)
		return r;
	if ((r = fs_target_regs(s->t, &regs, e)) < 0)
		return r;
	pc = regs->rip;
	cfa = current_cfa(s);
	if (gdb_line_at(s, pc, &li)) {
		lo = li.lo;
		hi = li.hi;
		line = li.line;
		file = li.file;
	} else {
		/* No line here: back to the caller first.  */
		lo = hi = 0;
		line = 0;
		file = NULL;
	}
	fstart = func_entry(s, pc);
	for (;;) {
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		sp = regs->rsp;
		if ((r = rev_step(s, &ev, e)) < 0)
			return r;
		if (ev.kind != FS_EV_STEP)
			break;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		pc = regs->rip;
		if (regs->rsp + w == sp && is_insn(s, pc, false) &&
		    (cfa == 0 || regs->rsp < cfa)) {
			/* Back into a callee, at its return.  */
			if (!over && gdb_line_at(s, pc, &li) &&
			    !step_skips(s, pc, &li, file)) {
				if (pc == li.lo)
					break;
				lo = li.lo;
				hi = li.hi;
				line = li.line;
				file = li.file;
				cfa = regs->rsp + w;
				fstart = func_entry(s, pc);
				continue;
			}
			if ((r = rev_over_call(s, &ev, e)) < 0)
				return r;
			if (ev.kind != FS_EV_STEP)
				break;
			if ((r = fs_target_regs(s->t, &regs, e)) < 0)
				return r;
			pc = regs->rip;
		}
		if (pc >= lo && pc < hi) {
			if (pc == lo && pc != fstart)
				break;
			continue;
		}
		if (!gdb_line_at(s, pc, &li)) {
			if (cfa != 0 && regs->rsp >= cfa) {
				/* Out into code without lines: on until a
				   line.  */
				cfa = current_cfa(s);
				fstart = func_entry(s, pc);
				lo = hi = 0;
				continue;
			}
			break;
		}
		if (cfa != 0 && regs->rsp >= cfa) {
			/* Back out of the function, into its caller at the
			   call: to the start of that line.  */
			cfa = current_cfa(s);
			fstart = func_entry(s, pc);
		} else if (pc == li.lo && li.is_stmt && (li.line != line ||
		    strcmp(li.file ? li.file : "", file ? file : "") != 0))
			break;
		lo = li.lo;
		hi = li.hi;
		line = li.line;
		file = li.file;
	}
	rev_stop(s, &ev);
	return 0;
}

int
fs_session_reverse_finish(struct fs_session *s, unsigned frame,
    struct fs_err *e)
{
	const struct user_regs_struct *regs;
	const struct fs_frame *f;
	struct fs_event ev;
	uint64_t cfa;
	size_t n;
	int r;

	if ((r = need_history(s, e)) < 0)
		return r;
	if ((r = fs_session_frames_head(s, frame + 2, &f, &n, e)) < 0)
		return r;
	if (frame + 1 >= n || f[frame].cfa == 0)
		return fs_err_set(e, FS_E_STATE,
		    "\"finish\" not meaningful in the outermost frame.");
	/* Back to the call that made the frame: where rsp is the CFA
	   again, before the call pushed its return address.  */
	cfa = f[frame].cfa;
	for (;;) {
		if ((r = rev_step(s, &ev, e)) < 0)
			return r;
		if (ev.kind != FS_EV_STEP)
			break;
		if ((r = fs_target_regs(s->t, &regs, e)) < 0)
			return r;
		if (regs->rsp >= cfa)
			break;
	}
	rev_stop(s, &ev);
	return 0;
}

int
fs_session_reverse_cont(struct fs_session *s, struct fs_err *e)
{
	struct fs_event ev;
	int r;

	if ((r = need_history(s, e)) < 0)
		return r;
	do
		if ((r = rev_step(s, &ev, e)) < 0)
			return r;
	while (ev.kind == FS_EV_STEP);
	rev_stop(s, &ev);
	return 0;
}

int
fs_session_record_goto(struct fs_session *s, uint64_t pos, struct fs_err *e)
{
	int r;

	if ((r = need_history(s, e)) < 0)
		return r;
	frames_invalidate(s);
	r = fs_record_goto(s->rec, pos, e);
	watch_retake(s);
	stop_record(s, FS_STOP_STEP);
	stop_notify(s);
	return r < 0 ? r : 0;
}

int
fs_session_record_each(struct fs_session *s, uint64_t from, uint64_t to,
    int (*fn)(struct fs_session *, void *), void *arg, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	struct fs_err pe;
	uint64_t pos, back, pc = 0;
	bool stepped = false;
	int r = 0, rr;

	if ((r = need_history(s, e)) < 0)
		return r;
	back = fs_record_pos(s->rec);
	frames_invalidate(s);
	if ((r = fs_record_goto(s->rec, from, e)) < 0)
		return r;
	for (pos = fs_record_pos(s->rec); ; pos++) {
		if (fs_cancelled()) {
			r = fs_err_set(e, FS_E_INTR, "Quit");
			break;
		}
		frames_invalidate(s);
		/* Each step but the first is one instruction on from the
		   last, as after a stepi: the words it wrote are told with
		   the instruction.  */
		if (stepped) {
			s->nresumes = 1;
			s->resume_step = true;
			s->resume_pc = pc;
		}
		stop_record(s, FS_STOP_STEP);
		if ((r = fn(s, arg)) < 0)
			break;
		if ((stepped = fs_target_regs(s->t, &regs, &pe) == 0))
			pc = regs->rip;
		if (pos >= to || (r = fs_record_move(s->rec, false, NULL,
		    NULL, e)) <= 0)
			break;
	}
	frames_invalidate(s);
	if ((rr = fs_record_goto(s->rec, back, r < 0 ? NULL : e)) < 0 &&
	    r >= 0)
		r = rr;
	watch_retake(s);
	stop_record(s, FS_STOP_STEP);
	stop_notify(s);
	return r < 0 ? r : 0;
}

/* The recorded memory, for the modules read from it (a vDSO).  */
static ssize_t
image_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	return fs_target_read(arg, addr, buf, len, NULL);
}

int
fs_session_replay(struct fs_session *s, struct fs_record *r, pid_t pid,
    pid_t tid, const char *maps, struct fs_err *e)
{
	struct fs_target *t;
	int rc;

	if (fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE,
		    "A program is being debugged already.");
	if ((rc = fs_target_image(pid, tid, fs_record_view(r), &t, e)) < 0)
		return rc;
	fs_target_free(s->t);
	s->t = t;
	fs_record_set_target(r, t);
	fs_target_set_view(t, fs_record_view(r));
	s->rec = r;
	s->rec_file = true;
	threads_reset(s);
	sites_forget(s);
	fs_modules_unmap(s->mods);
	if ((rc = fs_modules_sync_text(s->mods, maps, image_read, t,
	    e)) < 0) {
		rec_drop(s);
		return rc;
	}
	/* The libraries named as they were live, from the recorded link
	   map.  */
	solib_names(s);
	bps_refresh(s, false);
	watch_restart(s);
	stop_record(s, FS_STOP_ATTACHED);
	stop_notify(s);
	return 0;
}
