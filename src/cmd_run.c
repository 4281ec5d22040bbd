/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_run: running the program: run, start, continue, step, next, stepi, nexti, finish, until, advance, starti, kill, detach, attach, quit, handle, info signals, info threads, thread.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fs_sbuf.h"
#include "fs_skip.h"
#include "fs_insn.h"
#include "fs_record.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "cmd_int.h"

/* -------------------------------------------------------------- running */

static int
c_run(struct cmd_ctx *c, char *arg)
{
	struct cmd_launch l;
	struct fs_err e;
	int r;

	if (fs_session_attached(c->s))
		return cmd_fail(c, "The program being debugged was attached; "
		    "detach or kill it first.");
	if (fs_session_program(c->s) == NULL)
		return cmd_fail(c, "No executable file specified.");
	if (cmd_launch_begin(c, arg, &l) < 0)
		return -1;
	c->last_tid = 0;
	r = fs_session_launch(c->s, &e);
	cmd_launch_end(c, &l);
	if (r < 0)
		return cmd_fail_err(c, &e);
	/* A breakpoint that cannot be inserted leaves the program at its
	   first instruction, with gdb's warning.  */
	if (fs_session_cont(c->s, &e) < 0)
		return cmd_fail_err(c, &e);
	c->last_func[0] = '\0';
	cmd_print_stop(c, true);
	return 0;
}

/* fs_dwarf_foreach_function: a Rust crate's main, "crate::main".  */
static int
crate_main_fn(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	const char *p = strstr(name, "::");

	(void)lo;
	(void)hi;
	if (p == NULL || p == name || strcmp(p, "::main") != 0)
		return 0;
	snprintf(arg, 256, "%s", name);
	return 1;
}

/* The function `start' runs to: main, but in a Rust program (which has
   rust_panic) its crate's main, where gdb stops (DW_AT_main_subprogram),
   not the C main that rustc writes to call it.  */
static const char *
start_function(struct cmd_ctx *c, char *buf)
{
	struct fs_modules *m = fs_session_modules(c->s);
	struct fs_module *exec;
	struct fs_dwarf *dw;
	uint64_t pa;

	if (fs_modules_find_function(m, "rust_panic", &pa, NULL) < 0 ||
	    (exec = fs_modules_exec(m)) == NULL ||
	    (dw = fs_module_dwarf(exec)) == NULL ||
	    fs_dwarf_foreach_function(dw, crate_main_fn, buf) != 1)
		return "main";
	return buf;
}

static int
c_start(struct cmd_ctx *c, char *arg)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	char where[1100], mainfn[256];

	if (fs_session_program(c->s) == NULL)
		return cmd_fail(c, "No executable file specified.");
	if (fs_session_break(c->s, start_function(c, mainfn), true, &bp,
	    &e) < 0)
		return cmd_fail_err(c, &e);
	if (bp->pending) {
		fs_session_delete(c->s, bp->number, NULL);
		return cmd_fail(c, "No symbol table loaded.  Use the \"file\" "
		    "command.");
	}
	if (bp->file != NULL)
		snprintf(where, sizeof where, "file %s, line %u.", bp->file,
		    bp->line);
	else
		cmd_describe_addr(c, bp->addrs[0], where, sizeof where);
	fprintf(c->out, "Temporary breakpoint %d at 0x%" PRIx64 "%s%s\n",
	    bp->number, bp->addrs[0], where[0] ? ": " : "", where);
	return c_run(c, arg);
}

/* gdb's starti: the program launched and stopped at its first
   instruction, the dynamic loader's entry.  */
static int
c_starti(struct cmd_ctx *c, char *arg)
{
	struct cmd_launch l;
	struct fs_err e;
	int r;

	if (fs_session_program(c->s) == NULL)
		return cmd_fail(c, "No executable file specified.");
	if (fs_session_attached(c->s))
		return cmd_fail(c, "The program being debugged was attached; "
		    "detach or kill it first.");
	if (cmd_launch_begin(c, arg, &l) < 0)
		return -1;
	c->last_tid = 0;
	r = fs_session_launch(c->s, &e);
	cmd_launch_end(c, &l);
	if (r < 0)
		return cmd_fail_err(c, &e);
	c->last_func[0] = '\0';
	fprintf(c->out, "\nProgram stopped.\n");
	cmd_print_stop(c, true);
	return 0;
}

static int
c_continue(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	unsigned long n, i;

	if (c->reverse && fs_session_record(c->s) != NULL)
		return cmd_reverse_continue(c, arg);
	if (cmd_count_arg(c, arg, 1, &n) < 0)
		return -1;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	const struct fs_stop *st = fs_session_stop(c->s);
	int bp = st->reason == FS_STOP_BREAKPOINT ? st->bpnum : 0;

	/* As gdb, only a person at the prompt is told.  */
	if (n > 1 && bp != 0)
		fprintf(c->out, "Will ignore next %lu crossings of breakpoint "
		    "%d.  Continuing.\n", n - 1, bp);
	else if (!c->batch)
		fprintf(c->out, "Continuing.\n");
	/* gdb's "continue N" ignores the breakpoint it stopped at N-1
	   more times; any other stop ends it.  */
	for (i = 0; i < (bp != 0 ? n : 1); i++) {
		if (fs_session_cont(c->s, &e) < 0)
			return cmd_fail_err(c, &e);
		st = fs_session_stop(c->s);
		if (st->reason != FS_STOP_BREAKPOINT || st->bpnum != bp)
			break;
	}
	cmd_print_stop(c, false);
	return 0;
}

static int
stepping(struct cmd_ctx *c, char *arg, int kind)
{
	struct fs_err e;
	unsigned long n, i;
	int r;

	if (c->reverse && fs_session_record(c->s) != NULL)
		return cmd_reverse_stepping(c, arg, kind);
	if (cmd_count_arg(c, arg, 1, &n) < 0)
		return -1;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (kind >= 2) {
		r = fs_session_stepi(c->s, n, kind == 3, &e);
	} else {
		r = 0;
		for (i = 0; i < n && r == 0; i++) {
			const struct fs_frame *f;
			size_t nf;

			/* No line here: gdb steps out of the function, and
			   says so; with no function, it cannot.  */
			if (fs_session_frames_head(c->s, 1, &f, &nf, NULL) ==
			    0 && nf > 0 && f[0].where.file == NULL &&
			    !f[0].sigtramp && !f[0].dummy) {
				if (f[0].where.func == NULL)
					return cmd_fail(c, "Cannot find bounds "
					    "of current function");
				fprintf(c->out, "Single stepping until exit "
				    "from function %s,\nwhich has no line "
				    "number information.\n", f[0].where.func);
			}
			r = fs_session_step(c->s, kind == 1, &e);
			if (fs_session_stop(c->s)->reason != FS_STOP_STEP)
				break;
			/* gdb's step N starts each step where the last one
			   stopped: the frame shown at the end is compared
			   with that one's.  */
			if (r == 0 && i + 1 < n && fs_session_frames_head(c->s,
			    1, &f, &nf, NULL) == 0 && nf > 0)
				cmd_remember_location(c, &f[0]);
		}
	}
	if (r < 0)
		return cmd_fail_err(c, &e);
	cmd_print_stop(c, false);
	return 0;
}

static int
c_step(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 0);
}

static int
c_next(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 1);
}

static int
c_stepi(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 2);
}

static int
c_nexti(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 3);
}

static int
c_finish(struct cmd_ctx *c, char *arg)
{
	const struct fs_scope *fn;
	const struct fs_frame *f;
	char *val;
	struct fs_err e;
	unsigned num;
	size_t n;
	bool nocall;

	if (c->reverse && fs_session_record(c->s) != NULL)
		return cmd_reverse_finish(c, arg);
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (fs_session_frames_head(c->s, c->frame + 1, &f, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	/* Like gdb, main is the outermost frame unless past-main is on. */
	if (c->frame + 1 >= n || (!c->past_main && cmd_is_main(&f[c->frame])))
		return cmd_fail(c, "\"finish\" not meaningful in the outermost "
		    "frame.");
	if (!c->batch) {
		fprintf(c->out, "Run till exit from ");
		cmd_print_frame(c, c->frame, false);
	}
	/* What it returns is known from the frame's function, before the
	   frame is gone.  */
	fn = f[c->frame].inlined ? NULL : fs_vars_function(c->s, c->frame);
	/* gdb takes a tail call frame's function at its pc, which is past
	   its end when the jump was its last instruction.  */
	if (fn != NULL && f[c->frame].tailcall &&
	    (f[c->frame].where.mod == NULL || !fs_dinfo_scope_has(fn,
	    f[c->frame].pc - f[c->frame].where.mod->bias)))
		fn = NULL;
	if (fs_session_finish(c->s, c->frame, &e) < 0)
		return cmd_fail_err(c, &e);
	/* A convention of the compiler's own: where the value is, the ABI
	   does not say, and gdb does not guess.  */
	nocall = fn != NULL && fn->ret_type != NULL && fn->nocall &&
	    fn->ret_type->kind != FS_TYPE_VOID &&
	    fs_session_stop(c->s)->finished;
	if (nocall)
		fprintf(c->err, "warning: Function '%s' does not follow the "
		    "target calling convention, cannot determine its returned "
		    "value.\n", fn->name);
	cmd_print_stop(c, true);
	if (nocall) {
		char tn[512];

		fprintf(c->out, "Value returned has type: %s. Cannot determine "
		    "contents\n", fs_value_type_name(fn->ret_type, NULL, 0,
		    tn, sizeof tn));
	} else if (fn != NULL && fn->ret_type != NULL &&
	    fs_session_stop(c->s)->finished &&
	    cmd_history(c) != NULL && fs_vars_return_value(c->s, fn->ret_type,
	    c->hist, &num, &val, NULL) == 0) {
		char *pv = cmd_pretty(c, val);

		fprintf(c->out, "Value returned is $%u = %s\n", num,
		    pv != NULL ? pv : val);
		free(pv);
		free(val);
	}
	return 0;
}

/* until [LOCATION] and advance LOCATION, gdb's: with no location, a
   next that does not stop at the jump back of a loop; with one, a run
   to it that also ends when the selected frame returns.  */
static int
until_common(struct cmd_ctx *c, char *arg, bool anywhere)
{
	struct fs_err e;
	int r;

	while (isspace((unsigned char)*arg))
		arg++;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (anywhere && *arg == '\0')
		return cmd_fail(c, "Argument required (a location).");
	if (c->reverse && fs_session_record(c->s) != NULL)
		return cmd_fail(c, "\"%s\" cannot go backwards: use "
		    "reverse-next, reverse-finish or a breakpoint and "
		    "reverse-continue.", anywhere ? "advance" : "until");
	if (*arg == '\0')
		r = fs_session_until_next(c->s, &e);
	else
		r = fs_session_until(c->s, arg, c->frame, anywhere, &e);
	if (r < 0)
		return cmd_fail_err(c, &e);
	/* A location reached is told as a breakpoint's stop is, with its
	   frame; a next by until as a step's.  */
	cmd_print_stop(c, *arg != '\0');
	return 0;
}

static int
c_until(struct cmd_ctx *c, char *arg)
{
	return until_common(c, arg, false);
}

static int
c_advance(struct cmd_ctx *c, char *arg)
{
	return until_common(c, arg, true);
}

static int
c_kill(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	pid_t pid = fs_session_pid(c->s);

	(void)arg;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	cmd_query(c, "Kill the program being debugged? ");
	if (fs_session_kill(c->s, &e) < 0)
		return cmd_fail_err(c, &e);
	c->last_tid = 0;	/* the next process's first stop switches
				   from its main thread, not this one's */
	if (cmd_setting(c, "print inferior-events"))
		fprintf(c->out, "[Inferior %d (process %d) killed]\n",
		    fs_session_inferior(c->s), (int)pid);
	return 0;
}

static int
c_detach(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	pid_t pid = fs_session_pid(c->s);

	(void)arg;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (cmd_setting(c, "print inferior-events"))
		fprintf(c->out, "Detaching from program: %s, process %d\n",
		    fs_session_program(c->s) ? fs_session_program(c->s) : "?",
		    (int)pid);
	if (fs_session_detach(c->s, &e) < 0)
		return cmd_fail_err(c, &e);
	if (cmd_setting(c, "print inferior-events"))
		fprintf(c->out, "[Inferior %d (process %d) detached]\n",
		    fs_session_inferior(c->s), (int)pid);
	return 0;
}

static int
c_attach(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *end;
	long pid;

	arg = cmd_skip(arg);
	pid = strtol(arg, &end, 10);
	if (*arg == '\0' || *cmd_skip(end) != '\0' || pid <= 0)
		return cmd_fail(c, "Illegal process-id: %s.", *arg ? arg : "");
	/* As gdb, said once the process is ours: not before a refusal.  */
	if (fs_session_attach(c->s, (pid_t)pid, &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "Attaching to process %ld\n", pid);
	c->last_func[0] = '\0';
	cmd_print_stop(c, true);
	return 0;
}

static int
c_quit(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	c->quit = true;
	return 0;
}

/* ----------------------------------------------------------- signals */

static void
signal_row(struct cmd_ctx *c, int sig)
{
	unsigned fl = fs_session_sigflags(c->s, sig);

	fprintf(c->out, "%-14s%s\t%s\t%s\t\t%s\n", fs_signame(sig),
	    (fl & FS_SIG_STOP) ? "Yes" : "No",
	    (fl & FS_SIG_PRINT) ? "Yes" : "No",
	    (fl & FS_SIG_PASS) ? "Yes" : "No", fs_sigdesc(sig));
}

static void
signal_header(struct cmd_ctx *c)
{
	fprintf(c->out, "Signal        Stop\tPrint\tPass to program\t"
	    "Description\n");
}

static int
c_handle(struct cmd_ctx *c, char *arg)
{
	struct { const char *w; unsigned on, off; } acts[] = {
		{ "stop", FS_SIG_STOP, 0 }, { "nostop", 0, FS_SIG_STOP },
		{ "print", FS_SIG_PRINT, 0 }, { "noprint", 0, FS_SIG_PRINT },
		{ "pass", FS_SIG_PASS, 0 }, { "nopass", 0, FS_SIG_PASS },
		{ "noignore", FS_SIG_PASS, 0 }, { "ignore", 0, FS_SIG_PASS },
	};
	int sigs[65], nsigs = 0, sig, i;
	size_t k, keys[32], nkeys = 0, j;
	char *w;

	if (*cmd_skip(arg) == '\0')
		return cmd_fail(c, "Argument required (signal and action).");
	while ((w = cmd_word(&arg)) != NULL) {
		for (k = 0; k < sizeof acts / sizeof acts[0]; k++)
			if (strcasecmp(w, acts[k].w) == 0)
				break;
		if (k < sizeof acts / sizeof acts[0]) {
			if (nkeys < sizeof keys / sizeof keys[0])
				keys[nkeys++] = k;
			continue;
		}
		if (strcasecmp(w, "all") == 0) {
			for (sig = 1; sig < 65 && nsigs < 65; sig++)
				if (sig != SIGTRAP && sig != SIGINT)
					sigs[nsigs++] = sig;
			continue;
		}
		if ((sig = fs_sigparse(w)) == 0)
			return cmd_fail(c, "Unrecognized or ambiguous flag word: "
			    "\"%s\".", w);
		if (nsigs < 65)
			sigs[nsigs++] = sig;
	}
	if (nsigs == 0)
		return cmd_fail(c, "Argument required (signal and action).");
	/* Keywords act in order, as in gdb: `noprint stop` ends printing
	   and stopping.  */
	for (i = 0; i < nsigs; i++)
		for (j = 0; j < nkeys; j++)
			fs_session_handle(c->s, sigs[i], acts[keys[j]].on,
			    acts[keys[j]].off, NULL);
	/* gdb shows the result at a prompt, not to a script.  */
	if (c->batch)
		return 0;
	signal_header(c);
	for (i = 0; i < nsigs; i++)
		signal_row(c, sigs[i]);
	return 0;
}

static int
info_signals(struct cmd_ctx *c, char *arg)
{
	int sig;

	arg = cmd_skip(arg);
	signal_header(c);
	if (*arg != '\0') {
		if ((sig = fs_sigparse(arg)) == 0)
			return cmd_fail(c, "Only signals 1-64 are valid as numeric "
			    "signals.");
		signal_row(c, sig);
		return 0;
	}
	for (sig = 1; sig < 65; sig++)
		signal_row(c, sig);
	return 0;
}


static int
info_threads(struct cmd_ctx *c, char *arg)
{
	struct user_regs_struct r;
	const pid_t *tids;
	pid_t *own;
	struct fs_err e;
	char name[64], tid[64], (*id)[128];
	size_t i, n;
	int width = 9, len;
	pid_t cur;

	(void)arg;
	if (!fs_session_alive(c->s)) {
		fprintf(c->out, "No threads.\n");
		return 0;
	}
	if (fs_session_threads(c->s, &tids, &n, &cur, &e) < 0)
		return cmd_fail_err(c, &e);
	if ((id = calloc(n, sizeof *id)) == NULL)
		return cmd_fail(c, "out of memory");
	/* gdb sizes the Target Id column to its longest entry.  */
	for (i = 0; i < n; i++) {
		cmd_thread_name(fs_session_pid(c->s), tids[i], name, sizeof name);
		len = snprintf(id[i], sizeof id[i], "%s \"%s\"",
		    cmd_thread_id(c, tids[i], tid, sizeof tid), name);
		if (len > width && len < (int)sizeof id[i])
			width = len;
	}
	/* The thread list is the session's until it is asked again: a
	   copy, as each thread is selected in turn for its frame.  */
	if ((own = calloc(n > 0 ? n : 1, sizeof *own)) == NULL) {
		free(id);
		return cmd_fail(c, "out of memory");
	}
	memcpy(own, tids, n * sizeof *own);
	fprintf(c->out, "  Id   %-*s Frame \n", width, "Target Id");
	for (i = 0; i < n; i++) {
		if (fs_session_thread_regs(c->s, own[i], &r, NULL) < 0)
			continue;
		fprintf(c->out, "%c %-4s %-*s ", own[i] == cur ? '*' : ' ',
		    cmd_thread_num(c, own[i], tid, sizeof tid), width, id[i]);
		/* gdb's frame line: the innermost frame, inlined ones too,
		   with its arguments.  */
		if (fs_session_select_thread(c->s, own[i], NULL) == 0) {
			fflush(c->out);
			cmd_print_location(c);
		} else
			fputc('\n', c->out);
	}
	if (n > 0)
		(void)fs_session_select_thread(c->s, cur, NULL);
	free(own);
	free(id);
	return 0;
}

/* The threads of an ID list of `thread apply' ("1 3", "2-4", "1.2",
   gdb's inferior-qualified form), cut off *ARG, into NUMS (at most
   MAX; 0 for a thread of another inferior, which gdb warns of).
   Returns how many, or -1 with gdb's message for a malformed one.  */
static int
thread_list(struct cmd_ctx *c, char **arg, long *nums, size_t max)
{
	char *p = cmd_skip(*arg), *end;
	long lo, hi, inf, k;
	size_t n = 0;

	while (*p != '\0' && isdigit((unsigned char)*p)) {
		inf = 1;
		lo = strtol(p, &end, 10);
		if (*end == '.' && isdigit((unsigned char)end[1])) {
			inf = lo;
			lo = strtol(end + 1, &end, 10);
		}
		hi = lo;
		if (*end == '-' && isdigit((unsigned char)end[1]))
			hi = strtol(end + 1, &end, 10);
		/* gdb quotes the rest of the line from the bad one.  */
		if ((*end != '\0' && !isspace((unsigned char)*end)) ||
		    inf < 1 || lo < 1 || hi < lo)
			return cmd_fail(c, "Invalid thread ID: %s", p);
		for (k = lo; k <= hi && n < max; k++)
			nums[n++] = inf == 1 ? k : -(inf * 1000000 + k);
		p = cmd_skip(end);
	}
	if (n == 0 && *p != '\0' && *p != '-')
		return cmd_fail(c, "Invalid thread ID: %s", p);
	*arg = p;
	return (int)n;
}

/* gdb's `thread apply all|LIST [-ascending] [-q] [-c] [-s] COMMAND`:
   COMMAND in each thread, under gdb's "Thread N (...):" header (none
   with -q); an error ends it unless -c (go on) or -s (say nothing of a
   thread whose command fails or prints nothing).  All goes newest
   thread first unless -ascending; the thread and frame selected before
   are selected again after.  */
static int
thread_apply(struct cmd_ctx *c, char *arg)
{
	const pid_t *tids;
	pid_t cur, *order = NULL;
	struct fs_err e;
	long nums[256];
	char id[96], name[64], *outp;
	size_t n, i, k, norder = 0, olen;
	unsigned frame = c->frame;
	FILE *err;
	bool all, asc = false, quiet = false, cont = false, silent = false;
	int rc = 0, r, nn = 0;

	arg = cmd_skip(arg);
	all = strncmp(arg, "all", 3) == 0 && (arg[3] == '\0' ||
	    isspace((unsigned char)arg[3]));
	if (all)
		arg = cmd_skip(arg + 3);
	else if ((nn = thread_list(c, &arg, nums,
	    sizeof nums / sizeof nums[0])) < 0)
		return -1;
	else if (nn == 0)
		return cmd_fail(c, "Please specify a thread ID list");
	arg = cmd_apply_flags(arg, all ? &asc : NULL, &quiet, &cont, &silent);
	if (cont && silent)
		return cmd_fail(c, "thread apply all: -c and -s are mutually "
		    "exclusive");
	if (*arg == '\0')
		return cmd_fail(c, all ? "Please specify a command at the end "
		    "of 'thread apply all'" : "Please specify a command "
		    "following the thread ID list");
	if (!fs_session_alive(c->s))
		return all ? 0 : cmd_fail(c, "No stack.");
	if (fs_session_threads(c->s, &tids, &n, &cur, &e) < 0)
		return cmd_fail_err(c, &e);
	/* The list changes as threads are selected: a copy.  */
	if ((order = calloc(n > 0 ? n : 1, sizeof *order)) == NULL)
		return cmd_fail(c, "out of memory");
	if (all) {
		for (i = 0; i < n; i++)
			order[norder++] = tids[asc ? i : n - 1 - i];
	} else {
		for (k = 0; k < (size_t)nn; k++) {
			for (i = 0; i < n && fs_session_thread_num(c->s,
			    tids[i]) != nums[k]; i++)
				;
			if (nums[k] < 0)
				fprintf(c->err, "warning: Unknown thread "
				    "%ld.%ld\n", -nums[k] / 1000000,
				    -nums[k] % 1000000);
			else if (i == n)
				fprintf(c->err, "warning: Unknown thread %ld\n",
				    nums[k]);
			else
				order[norder++] = tids[i];
		}
	}
	for (i = 0; i < norder && rc == 0; i++) {
		if (fs_session_select_thread(c->s, order[i], &e) < 0) {
			rc = cmd_fail_err(c, &e);
			break;
		}
		c->frame = 0;
		cmd_thread_name(fs_session_pid(c->s), order[i], name,
		    sizeof name);
		r = cmd_exec_captured(c, arg, &outp, &olen);
		if (!(silent && (r < 0 || olen == 0))) {
			if (!quiet)
				fprintf(c->out, "\nThread %d (%s \"%s\"):\n",
				    fs_session_thread_num(c->s, order[i]),
				    cmd_thread_id(c, order[i], id, sizeof id),
				    name);
			/* An error's words go where errors go, after the
			   header; gdb prints those -c goes on after.  */
			err = r < 0 && !cont ? c->err : c->out;
			fflush(c->out);
			if (outp != NULL)
				fwrite(outp, 1, olen, err);
			fflush(err);
		}
		free(outp);
		if (r < 0 && !cont && !silent)
			rc = -1;
	}
	free(order);
	if (fs_session_alive(c->s) &&
	    fs_session_select_thread(c->s, cur, NULL) == 0)
		c->frame = frame;
	return rc;
}

/* gdb's `taas COMMAND': thread apply all -s COMMAND.  */
static int
c_taas(struct cmd_ctx *c, char *arg)
{
	char *line;
	int rc;

	if (*cmd_skip(arg) == '\0')
		return cmd_fail(c, "Please specify a command to apply on all "
		    "threads");
	if (asprintf(&line, "all -s -- %s", cmd_skip(arg)) < 0)
		return cmd_fail(c, "out of memory");
	rc = thread_apply(c, line);
	free(line);
	return rc;
}

/* gdb's `thread [N]`: show or switch the current thread (N counts from 1
   in `info threads` order).  */
static int
c_thread(struct cmd_ctx *c, char *arg)
{
	const pid_t *tids;
	pid_t tid;
	struct fs_err e;
	char id[96];
	size_t n, i;
	pid_t cur;
	char *end;
	long num;

	arg = cmd_skip(arg);
	if (strncmp(arg, "apply", 5) == 0 && (arg[5] == '\0' ||
	    isspace((unsigned char)arg[5])))
		return thread_apply(c, arg + 5);
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No thread selected.");
	if (fs_session_threads(c->s, &tids, &n, &cur, &e) < 0)
		return cmd_fail_err(c, &e);
	if (*arg == '\0') {
		fprintf(c->out, "[Current thread is %d (%s)]\n",
		    fs_session_thread_num(c->s, cur), cmd_thread_id(c, cur, id,
		    sizeof id));
		return 0;
	}
	num = strtol(arg, &end, 10);
	for (i = 0; i < n && fs_session_thread_num(c->s, tids[i]) != num; i++)
		;
	if (*cmd_skip(end) != '\0' || end == arg || num < 1 || i == n)
		return cmd_fail(c, "Invalid thread ID: %s", arg);
	/* The list is the session's until it is asked again.  */
	tid = tids[i];
	if (fs_session_select_thread(c->s, tid, &e) < 0)
		return cmd_fail_err(c, &e);
	c->frame = 0;
	c->last_tid = tid;
	fprintf(c->out, "[Switching to thread %ld (%s)]\n", num,
	    cmd_thread_id(c, tid, id, sizeof id));
	cmd_print_frame(c, 0, true);
	return 0;
}


const struct cmd_entry cmd_run_table[] = {
	{ "advance", { NULL }, c_advance, NULL,
	    "advance LOCATION -- run to LOCATION, or until the selected "
	    "frame returns" },
	{ "attach", { NULL }, c_attach, NULL,
	    "attach PID -- attach to a running process" },
	{ "continue", { "c", "cont", NULL }, c_continue, NULL,
	    "continue [N] -- resume the program" },
	{ "detach", { NULL }, c_detach, NULL,
	    "detach -- let the process run on, untraced" },
	{ "finish", { "fin", NULL }, c_finish, NULL,
	    "finish -- run until the selected frame returns" },
	{ "handle", { NULL }, c_handle, NULL,
	    "handle SIGNAL [no]stop [no]print [no]pass -- signal disposition" },
	{ "kill", { "k", NULL }, c_kill, NULL,
	    "kill -- kill the program" },
	{ "next", { "n", NULL }, c_next, NULL,
	    "next [N] -- next source line, stepping over calls" },
	{ "nexti", { "ni", NULL }, c_nexti, NULL,
	    "nexti [N] -- next instruction, stepping over calls" },
	{ "quit", { "q", "exit", NULL }, c_quit, NULL,
	    "quit -- leave (kill a launched program, detach an attached one)" },
	{ "run", { "r", NULL }, c_run, NULL,
	    "run [ARGS] [<IN] [>OUT] -- start the program (with ARGS: from "
	    "now on)" },
	{ "start", { NULL }, c_start, NULL,
	    "start [ARGS] -- run to main" },
	{ "starti", { NULL }, c_starti, NULL,
	    "starti [ARGS] -- run to the program's first instruction" },
	{ "step", { "s", NULL }, c_step, NULL,
	    "step [N] -- next source line, entering calls" },
	{ "stepi", { "si", NULL }, c_stepi, NULL,
	    "stepi [N] -- one machine instruction" },
	{ "taas", { NULL }, c_taas, NULL,
	    "taas COMMAND -- thread apply all -s COMMAND" },
	{ "thread", { NULL }, c_thread, NULL,
	    "thread [N] | thread apply all|LIST [-ascending] [-q] [-c] [-s] "
	    "COMMAND -- show or switch the current thread, or run COMMAND "
	    "in threads" },
	{ "until", { "u", NULL }, c_until, NULL,
	    "until [LOCATION] -- next, past a loop's jump back; or run to "
	    "LOCATION in this frame" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

static int
set_randomization(struct cmd_ctx *c, char *arg)
{
	char *v = cmd_word(&arg);

	fs_session_set_aslr(c->s, v != NULL && strcmp(v, "off") == 0);
	return 0;
}

const struct cmd_sub cmd_run_info[] = {
	{ "signals", 3, info_signals },
	{ "handle", 1, info_signals },
	{ "threads", 2, info_threads },
	{ NULL, 0, NULL },
};

/* gdb's `set follow-fork-mode child|parent' (any prefix).  */
static int
set_follow_fork(struct cmd_ctx *c, char *arg)
{
	char *v = cmd_word(&arg);
	size_t n;

	if (v == NULL)
		return cmd_fail(c, "Requires an argument. Valid arguments are "
		    "child, parent.");
	if (*cmd_skip(arg) != '\0')
		return cmd_fail(c, "Junk after item \"%s\": %s", v,
		    cmd_skip(arg));
	n = strlen(v);
	if (strncmp(v, "child", n) == 0)
		fs_session_set_follow_fork(c->s, true);
	else if (strncmp(v, "parent", n) == 0)
		fs_session_set_follow_fork(c->s, false);
	else
		return cmd_fail(c, "Undefined item: \"%s\".", v);
	return 0;
}

static int
show_follow_fork(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Debugger response to a program call of fork or "
	    "vfork is \"%s\".\n", fs_session_follow_fork(c->s) ? "child" :
	    "parent");
	return 0;
}

/* gdb's `set detach-on-fork': on is how framescope works; off, keeping
   both processes of a fork under control, it does not do.  */
static int
set_detach_on_fork(struct cmd_ctx *c, char *arg)
{
	int on = cmd_on_off(cmd_word(&arg));

	if (on == 1)
		return 0;
	if (on == 0)
		return cmd_fail(c, "detach-on-fork off is not supported: "
		    "framescope debugs one process at a time, and lets the "
		    "other one of a fork go.");
	return cmd_fail(c, "\"on\" or \"off\" expected.");
}

static int
show_detach_on_fork(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Whether framescope will detach the child of a fork "
	    "is on.\n");
	return 0;
}

/* set unwindonsignal on|off: what a signal in a function called from
   print does (gdb's).  */
static int
set_unwindonsignal(struct cmd_ctx *c, char *arg)
{
	int on = cmd_on_off(cmd_word(&arg));

	if (on < 0)
		return cmd_fail(c, "\"on\" or \"off\" expected.");
	fs_session_set_unwind_on_signal(c->s, on == 1);
	return 0;
}

static int
show_unwindonsignal(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Unwinding of stack if a signal is received while in "
	    "a call dummy is %s.\n", fs_session_unwind_on_signal(c->s) ?
	    "on" : "off");
	return 0;
}

const struct cmd_sub cmd_run_set[] = {
	{ "disable-randomization", 0, set_randomization },
	{ "follow-fork-mode", 0, set_follow_fork },
	{ "detach-on-fork", 0, set_detach_on_fork },
	{ "unwindonsignal", 0, set_unwindonsignal },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_run_show[] = {
	{ "follow-fork-mode", 0, show_follow_fork },
	{ "detach-on-fork", 0, show_detach_on_fork },
	{ "unwindonsignal", 0, show_unwindonsignal },
	{ NULL, 0, NULL },
};
