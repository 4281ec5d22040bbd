/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_stack: the stack: backtrace, frame, up, down, info frame, frames, snapshot, dump.
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
#include "fs_guard.h"
#include "fs_insn.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "view_svg.h"
#include "cmd_int.h"

/* ---------------------------------------------------------------- frames */

/* The program's main, where gdb's backtrace ends.  */
bool
cmd_is_main(const struct fs_frame *f)
{
	const char *fn = f->where.func, *fl = f->where.file;
	struct fs_dwarf *dw;
	size_t n, k;

	if (fn == NULL || f->where.mod == NULL || !f->where.mod->is_exec)
		return false;
	/* The C main rustc writes (no source) is not gdb's main in a
	   Rust program (which has rust_panic): where the backtrace did
	   not end at the crate's main, gdb goes on to _start.  */
	if (strcmp(fn, "main") == 0)
		return fl != NULL ||
		    fs_module_sym_lookup(f->where.mod, "rust_panic") == NULL;
	/* A Rust program's main is its crate's, "crate::main", as gdb
	   knows from DW_AT_main_subprogram; but gdb looks that name up
	   and finds the namespace rustc makes of main when it has
	   closures or nested functions, and then goes past it.  */
	n = strlen(fn);
	k = fl != NULL ? strlen(fl) : 0;
	return n > 6 && strcmp(fn + n - 6, "::main") == 0 &&
	    strstr(fn, "::") == fn + n - 6 && k > 3 &&
	    strcmp(fl + k - 3, ".rs") == 0 &&
	    ((dw = fs_module_dwarf(f->where.mod)) == NULL ||
	    !fs_dwarf_has_namespace(dw, f->pc - f->where.mod->bias, fn));
}

static int
c_bt(struct cmd_ctx *c, char *arg)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t n, i, limit = (size_t)-1, outer = 0, start = 0;
	bool past_main = c->past_main, full = false;
	char *w, *end;
	long v;

	while ((w = cmd_word(&arg)) != NULL) {
		if (strcmp(w, "-past-main") == 0) {
			past_main = true;
			continue;
		}
		if (strcmp(w, "full") == 0 || strcmp(w, "-full") == 0) {
			full = true;
			continue;
		}
		v = strtol(w, &end, 10);
		if (*end != '\0' || v == 0)
			return cmd_fail(c, "No symbol \"%s\" in current context.",
			    w);
		if (v > 0)
			limit = (size_t)v;
		else
			outer = (size_t)-v;
	}
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No stack.");
	if (fs_session_frames_head(c->s, 0, &f, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	if (outer > 0) {
		/* gdb's `bt -N`: the outermost N frames (up to main).  */
		size_t top = n;

		if (!past_main)
			top = cmd_visible_frames(c, f, n);
		start = top > outer ? top - outer : 0;
		limit = top;
	}
	for (i = start; i < n && i < limit; i++) {
		if (fs_cancelled())
			return cmd_fail(c, "Quit");
		cmd_print_frame(c, (unsigned)i, false);
		fs_session_frames_head(c->s, i + 1, &f, &n, NULL);
		/* `bt full': each frame's locals under it, as info locals
		   says them but for the indent.  */
		if (full && !f[i].sigtramp)
			(void)cmd_print_vars(c, (unsigned)i, false, 8);
		/* gdb stops at main unless asked for what called it; what
		   went wrong unwinding main's caller it still says.  */
		if (!past_main && cmd_is_main(&f[i])) {
			if (i + 1 < n)
				return 0;
			i++;
			break;
		}
	}
	/* gdb says so at a prompt only, not to a script.  */
	if (i < n && limit != (size_t)-1 && outer == 0) {
		if (!c->batch)
			fprintf(c->out, "(More stack frames follow...)\n");
	}
	else if (i == n) {
		char buf[128];
		const char *why = fs_session_frames_end(c->s, buf, sizeof buf);

		/* The unwind was given up: the frames so far, and gdb's
		   word for it.  */
		if (why != NULL && strcmp(why, "Quit") == 0)
			return cmd_fail(c, "Quit");
		if (why != NULL)
			fprintf(c->out, "Backtrace stopped: %s\n", why);
	}
	return 0;
}

/* How many frames gdb would show: up to main, unless past-main.  */
size_t
cmd_visible_frames(struct cmd_ctx *c, const struct fs_frame *f, size_t n)
{
	size_t i;

	if (c->past_main)
		return n;
	for (i = 0; i < n; i++) {
		/* Name frames one by one: what lies past main is not read. */
		if (fs_session_frames_head(c->s, i + 1, &f, &n, NULL) < 0)
			return n;
		if (cmd_is_main(&f[i]))
			return i + 1;
	}
	return n;
}

static int
select_frame(struct cmd_ctx *c, long idx)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t n;

	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No stack.");
	if (fs_session_frames_head(c->s, 0, &f, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	n = cmd_visible_frames(c, f, n);
	/* gdb goes as far as it can, and complains only when it cannot
	   move at all.  */
	if (idx < 0 && c->frame == 0)
		return cmd_fail(c, "Bottom (innermost) frame selected; you cannot "
		    "go down.");
	if (idx >= 0 && (size_t)idx >= n && c->frame + 1 >= n)
		return cmd_fail(c, "Initial frame selected; you cannot go up.");
	if (idx < 0)
		idx = 0;
	if ((size_t)idx >= n)
		idx = (long)n - 1;
	c->frame = (unsigned)idx;
	cmd_print_frame(c, c->frame, true);
	return 0;
}

static int	frame_apply(struct cmd_ctx *, char *);

/* gdb's frame specification ARG ("", N or "level N", "function NAME",
   "address ADDR", an expression giving a level) into *LEVEL; *GIVEN
   whether ARG named a frame.  Returns 0, or -1 with the message said.  */
static int
frame_spec(struct cmd_ctx *c, char *arg, long *level, bool *given)
{
	const struct fs_frame *f;
	struct fs_err e;
	uint64_t v;
	size_t n, i;
	char *end;

	arg = cmd_skip(arg);
	*given = *arg != '\0';
	*level = c->frame;
	if (*arg == '\0')
		return 0;
	/* gdb: a frame named with no process has no registers to be
	   found from.  */
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No registers.");
	if (fs_session_frames_head(c->s, 0, &f, &n, NULL) < 0)
		return cmd_fail(c, "No stack.");
	n = cmd_visible_frames(c, f, n);
	if (strncmp(arg, "function", 8) == 0 && (arg[8] == ' ' ||
	    arg[8] == '\0')) {
		/* The innermost frame of NAME.  */
		const char *name = cmd_skip(arg + 8);
		uint64_t a;

		if (*name == '\0')
			return cmd_fail(c, "Missing function name argument");
		for (i = 0; i < n; i++)
			if (f[i].where.func != NULL &&
			    strcmp(f[i].where.func, name) == 0) {
				*level = (long)i;
				return 0;
			}
		if (fs_modules_find_function(fs_session_modules(c->s), name,
		    &a, NULL) < 0)
			return cmd_fail(c, "Function \"%s\" not defined.",
			    name);
		return cmd_fail(c, "No frame for function \"%s\".", name);
	}
	if (strncmp(arg, "address", 7) == 0 && (arg[7] == ' ' ||
	    arg[7] == '\0')) {
		/* The frame whose CFA is ADDR: gdb's frame id.  */
		arg = cmd_skip(arg + 7);
		if (*arg == '\0')
			return cmd_fail(c, "Argument required (expression to "
			    "compute).");
		if (fs_vars_address(c->s, c->frame, arg, &v, &e) < 0)
			return cmd_fail_err(c, &e);
		for (i = 0; i < n; i++)
			if (f[i].cfa == v && !f[i].inlined) {
				*level = (long)i;
				return 0;
			}
		return cmd_fail(c, "No frame at address %s.", arg);
	}
	if (strncmp(arg, "level", 5) == 0 && (arg[5] == ' ' ||
	    arg[5] == '\0')) {
		arg = cmd_skip(arg + 5);
		if (*arg == '\0')
			return cmd_fail(c, "Argument required (expression to "
			    "compute).");
	}
	*level = strtol(arg, &end, 10);
	if (end == arg || *cmd_skip(end) != '\0') {
		if (fs_vars_address(c->s, c->frame, arg, &v, &e) < 0)
			return cmd_fail_err(c, &e);
		*level = (long)v;
	}
	if (*level < 0 || (size_t)*level >= n)
		return cmd_fail(c, "No frame at level %s.", arg);
	return 0;
}

static int
c_frame(struct cmd_ctx *c, char *arg)
{
	long level;
	bool given;

	arg = cmd_skip(arg);
	if (strncmp(arg, "apply", 5) == 0 && (arg[5] == '\0' ||
	    isspace((unsigned char)arg[5])))
		return frame_apply(c, arg + 5);

	if (frame_spec(c, arg, &level, &given) < 0)
		return -1;
	return select_frame(c, level);
}

/* One run of `frame apply': COMMAND in COUNT frames from level FROM
   (all the rest for a negative COUNT), under each frame's line (none
   with QUIET); an error ends it unless CONT (said, and on) or SILENT
   (a frame whose command fails or prints nothing is left out).  */
static int
apply_frames(struct cmd_ctx *c, size_t from, long count, const char *cmd,
    bool quiet, bool cont, bool silent)
{
	const struct fs_frame *f;
	size_t n, i;
	char *outp;
	size_t olen;
	FILE *to;
	int r;

	if (fs_session_frames_head(c->s, 0, &f, &n, NULL) < 0)
		return cmd_fail(c, "No stack.");
	n = cmd_visible_frames(c, f, n);
	for (i = from; i < n && count != 0; i++, count--) {
		c->frame = (unsigned)i;
		r = cmd_exec_captured(c, cmd, &outp, &olen);
		if (!(silent && (r < 0 || olen == 0))) {
			if (!quiet)
				cmd_print_frame(c, (unsigned)i, false);
			/* An error's words go where errors go, but those
			   -c goes on after.  */
			to = r < 0 && !cont ? c->err : c->out;
			fflush(c->out);
			if (outp != NULL)
				fwrite(outp, 1, olen, to);
			fflush(to);
		}
		free(outp);
		if (r < 0 && !cont && !silent)
			return -1;
	}
	return 0;
}

/* gdb's `frame apply all|COUNT|-COUNT|level LEVEL... [-q] [-c] [-s]
   COMMAND': COMMAND in those frames, innermost first; the frame
   selected before is selected again after.  */
static int
frame_apply(struct cmd_ctx *c, char *arg)
{
	const struct fs_frame *f;
	unsigned frame = c->frame;
	long count = -1, lv[64][2];
	size_t nl = 0, i, n, from = 0;
	bool quiet = false, cont = false, silent = false, all = false;
	const char *which = "frame apply";
	char *end;
	int rc = 0;

	arg = cmd_skip(arg);
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No stack.");
	if (strncmp(arg, "all", 3) == 0 && (arg[3] == '\0' ||
	    isspace((unsigned char)arg[3]))) {
		all = true;
		which = "frame apply all";
		arg = cmd_skip(arg + 3);
	} else if (strncmp(arg, "level", 5) == 0 && (arg[5] == '\0' ||
	    isspace((unsigned char)arg[5]))) {
		which = "frame apply level";
		arg = cmd_skip(arg + 5);
		while (nl < 64 && isdigit((unsigned char)*arg)) {
			lv[nl][0] = lv[nl][1] = strtol(arg, &end, 10);
			if (*end == '-' && isdigit((unsigned char)end[1]))
				lv[nl][1] = strtol(end + 1, &end, 10);
			if (*end != '\0' && !isspace((unsigned char)*end))
				break;
			nl++;
			arg = cmd_skip(end);
		}
		if (nl == 0)
			return cmd_fail(c, "Missing or invalid LEVEL... "
			    "argument");
	} else {
		if (*arg == '\0')
			return cmd_fail(c, "Missing COUNT argument.");
		count = strtol(arg, &end, 10);
		if (end == arg || (*end != '\0' &&
		    !isspace((unsigned char)*end)))
			return cmd_fail(c, "Invalid COUNT argument.");
		arg = cmd_skip(end);
	}
	arg = cmd_apply_flags(arg, NULL, &quiet, &cont, &silent);
	if (cont && silent)
		return cmd_fail(c, "%s: -c and -s are mutually exclusive",
		    which);
	if (*arg == '\0')
		return cmd_fail(c, "Please specify a command to apply on the "
		    "selected frames");
	if (nl > 0) {
		for (i = 0; i < nl && rc == 0; i++)
			rc = apply_frames(c, (size_t)lv[i][0], lv[i][1] -
			    lv[i][0] + 1, arg, quiet, cont, silent);
	} else {
		/* -COUNT: the outermost COUNT frames.  */
		if (!all && count < 0 &&
		    fs_session_frames_head(c->s, 0, &f, &n, NULL) == 0) {
			n = cmd_visible_frames(c, f, n);
			from = (size_t)-count < n ? n - (size_t)-count : 0;
			count = -1;
		}
		rc = apply_frames(c, from, all ? -1 : count, arg, quiet, cont,
		    silent);
	}
	c->frame = frame;
	return rc;
}

/* gdb's `faas COMMAND': frame apply all -s COMMAND.  */
static int
c_faas(struct cmd_ctx *c, char *arg)
{
	char *line;
	int rc;

	if (*cmd_skip(arg) == '\0')
		return cmd_fail(c, "Please specify a command to apply on all "
		    "frames");
	if (asprintf(&line, "all -s -- %s", cmd_skip(arg)) < 0)
		return cmd_fail(c, "out of memory");
	rc = frame_apply(c, line);
	free(line);
	return rc;
}

static int
c_up(struct cmd_ctx *c, char *arg)
{
	unsigned long n;

	if (cmd_count_arg(c, arg, 1, &n) < 0)
		return -1;
	return select_frame(c, (long)c->frame + (long)n);
}

static int
c_down(struct cmd_ctx *c, char *arg)
{
	unsigned long n;

	if (cmd_count_arg(c, arg, 1, &n) < 0)
		return -1;
	return select_frame(c, (long)c->frame - (long)n);
}

/* ------------------------------------------------------------- snapshot */

/* The slot map maker, its variables from the DWARF of each frame.  */
int
cmd_anatomy(struct cmd_ctx *c, struct fs_err *e)
{
	/* A --dump line begun borrows the map: made before it changes. */
	cmd_dump_flush(c);
	if (c->anat != NULL)
		return 0;
	if ((c->prov = calloc(1, sizeof *c->prov)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if (fs_anatomy_new(&c->anat, e) < 0)
		return -1;
	fs_anatomy_set_provider(c->anat, fs_vars_provide, c->prov);
	return 0;
}

/* `--svg FILE' (or -svg) in the arguments ARG of frames or snapshot:
   *PATH is FILE, cut from ARG, or NULL.  */
static int
svg_arg(struct cmd_ctx *c, char *arg, char **path)
{
	char *p, *w, *start;

	*path = NULL;
	for (p = arg; (w = cmd_skip(p)), *w != '\0'; p = w) {
		start = w;
		while (*w != '\0' && !isspace((unsigned char)*w))
			w++;
		if ((size_t)(w - start) != 5 || strncmp(start, "--svg", 5) != 0) {
			if ((size_t)(w - start) != 4 ||
			    strncmp(start, "-svg", 4) != 0)
				continue;
		}
		p = cmd_skip(w);
		if (*p == '\0')
			return cmd_fail(c, "Argument required (file name).");
		w = p;
		while (*w != '\0' && !isspace((unsigned char)*w))
			w++;
		if ((*path = strndup(p, (size_t)(w - p))) == NULL)
			return cmd_fail(c, "out of memory");
		/* What is left of the arguments, without the option.  */
		memmove(start, w, strlen(w) + 1);
		return 0;
	}
	return 0;
}

/* The slot map of the first MAX frames (0: all) drawn as an SVG picture
   into PATH.  */
static int
write_svg(struct cmd_ctx *c, const char *path, size_t max)
{
	const struct user_regs_struct *regs;
	const struct fs_frame_anatomy *fa;
	const struct fs_stop *st = fs_session_stop(c->s);
	const char *prog = fs_session_program(c->s), *slash;
	char caption[600];
	struct fs_err e;
	FILE *f;
	size_t n;
	int r;

	if (cmd_anatomy(c, &e) < 0 || fs_session_regs(c->s, &regs, &e) < 0 ||
	    fs_anatomy_compute(c->anat, c->s, max, &fa, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	if (prog != NULL && (slash = strrchr(prog, '/')) != NULL)
		prog = slash + 1;
	snprintf(caption, sizeof caption, "%s, stop %lu (%s", prog != NULL ?
	    prog : "the program", st->number, fs_snapshot_reason(st->reason));
	if (st->reason == FS_STOP_BREAKPOINT || st->reason ==
	    FS_STOP_WATCHPOINT)
		fs_strcatf(caption, sizeof caption, " %d", st->bpnum);
	if (st->sig != 0)
		fs_strcatf(caption, sizeof caption, " %s", fs_signame(st->sig));
	fs_strcatf(caption, sizeof caption, ") at 0x%" PRIx64 ": the stack, "
	    "higher addresses on top", (uint64_t)regs->rip);
	if ((f = fopen(path, "we")) == NULL)
		return cmd_fail(c, "%s: %s", path, strerror(errno));
	r = view_svg_write(f, fa, n, regs->rsp, regs->rbp, caption);
	if (fclose(f) != 0 && r == 0)
		r = -1;
	if (r < 0)
		return cmd_fail(c, "%s: %s", path, strerror(errno));
	return 0;
}

static int
c_snapshot(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char num[32];
	long size = -1;
	FILE *f;
	int r;

	struct fs_anatomy *a = NULL;
	char *svg;

	arg = cmd_skip(arg);
	if (fs_session_stop(c->s)->reason == FS_STOP_NONE)
		return cmd_fail(c, "The program is not being run.");
	if (svg_arg(c, arg, &svg) < 0)
		return -1;
	if (svg != NULL) {
		/* The picture of the whole stack.  */
		if (*cmd_skip(arg) != '\0')
			r = cmd_fail(c, "Usage: snapshot --svg FILE");
		else if (!fs_session_alive(c->s))
			r = cmd_fail(c, "No stack.");
		else
			r = write_svg(c, svg, 0);
		free(svg);
		return r;
	}
	/* Full (variables and slots) unless -brief; -slots, which once
	   asked for them, is still taken.  */
	if (strncmp(arg, "-slots", 6) == 0 && (arg[6] == '\0' ||
	    isspace((unsigned char)arg[6])))
		arg = cmd_skip(arg + 6);
	if (strncmp(arg, "-brief", 6) == 0 && (arg[6] == '\0' ||
	    isspace((unsigned char)arg[6])))
		arg = cmd_skip(arg + 6);
	else {
		if (cmd_anatomy(c, &e) < 0)
			return cmd_fail_err(c, &e);
		a = c->anat;
	}
	if (*arg == '\0')
		r = fs_snapshot_write_slots(c->s, a, c->out, &e);
	else {
		if ((f = fopen(arg, "we")) == NULL)
			return cmd_fail(c, "%s: %s", arg, strerror(errno));
		r = fs_snapshot_write_slots(c->s, a, f, &e);
		size = ftell(f);
		if (fclose(f) != 0 && r == 0)
			r = fs_err_sys(&e, "%s", arg);
		/* At a prompt, say what was done; batch stays quiet.  */
		if (r == 0 && !c->batch && size >= 0)
			fprintf(c->out, "Wrote %s bytes to %s.\n",
			    fs_grouped((unsigned long long)size, num,
			    sizeof num), arg);
	}
	if (r < 0)
		return cmd_fail_err(c, &e);
	return 0;
}

/* The slot map of the stop, drawn, with the variables of each frame.  */
static int
c_frames(struct cmd_ctx *c, char *arg)
{
	const struct user_regs_struct *regs;
	const struct fs_frame_anatomy *fa;
	struct view_frames_opts o;
	struct fs_err e;
	char msg[128], *svg;
	size_t n;
	int r;

	if (svg_arg(c, arg, &svg) < 0)
		return -1;
	if (view_frames_args(arg, &o, msg, sizeof msg) < 0) {
		free(svg);
		return cmd_fail(c, "%s", msg);
	}
	if (svg != NULL) {
		r = write_svg(c, svg, o.max);
		free(svg);
		return r;
	}
	if (cmd_anatomy(c, &e) < 0 || fs_session_regs(c->s, &regs, &e) < 0 ||
	    fs_anatomy_compute(c->anat, c->s, o.max, &fa, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	view_frames_print(c->out, fa, n, regs->rsp, regs->rbp, &o);
	/* The whole stack drawn: why it ends there, if it ends early.  */
	if (o.max == 0 || o.max >= n) {
		const char *why = fs_session_frames_end(c->s, msg, sizeof msg);

		if (why != NULL)
			fprintf(c->out, "Backtrace stopped: %s\n", why);
	}
	return 0;
}

static int
c_dump(struct cmd_ctx *c, char *arg)
{
	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (file name).");
	if (cmd_set_dump(c, arg) < 0)
		return -1;
	if (!c->batch)
		fprintf(c->out, "Writing a JSON snapshot of every stop to "
		    "%s.\n", arg);
	return 0;
}

static const char *
frame_language(const struct fs_frame *f)
{
	const char *dot = f->where.file ? strrchr(f->where.file, '.') : NULL;

	if (dot == NULL)
		return NULL;
	if (strcmp(dot, ".rs") == 0)
		return "rust";
	if (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0)
		return "c";
	if (strcmp(dot, ".cc") == 0 || strcmp(dot, ".cpp") == 0 ||
	    strcmp(dot, ".cxx") == 0 || strcmp(dot, ".C") == 0)
		return "c++";
	if (strcmp(dot, ".S") == 0 || strcmp(dot, ".s") == 0)
		return "asm";
	return NULL;
}

/* The control slots of frame F that no longer hold what the frame
   stored (the guard's ledger): one line, after gdb's.  */
static void
overwritten_list(struct cmd_ctx *c, struct fs_guard *g, const struct fs_frame *f)
{
	const unsigned W = fs_session_arch(c->s)->word;
	const struct fs_ctl_slot *cs;
	char name[32];
	uint64_t a, v;
	bool any = false;

	for (a = f->cfa; (cs = fs_guard_ctl_below(g, c->s, a)) != NULL &&
	    cs->addr >= f->sp; a = cs->addr) {
		v = 0;
		if (cs->cfa != f->cfa || (f->cfa - cs->addr) % W != 0 ||
		    fs_session_read(c->s, cs->addr, &v, W, NULL) !=
		    (ssize_t)W || !fs_guard_overwritten(cs, v))
			continue;
		fs_guard_ctl_name(cs, name, sizeof name);
		fprintf(c->out, "%s %s at 0x%" PRIx64 " = 0x%" PRIx64
		    " (was 0x%" PRIx64 ")", any ? "," : " Overwritten:\n ",
		    name, cs->addr, v, cs->was);
		any = true;
	}
	if (any)
		fputc('\n', c->out);
}

/* The rest of `info frame' of frame K of ALL (N), a signal trampoline's
   (`<signal handler called>'): its symbol, the interrupted frame's pc,
   and the registers of the sigcontext, as gdb's.  */
static int
sigtramp_frame(struct cmd_ctx *c, const struct fs_frame *all, size_t n,
    size_t k)
{
	const struct fs_arch *a = fs_session_arch(c->s);
	const struct fs_frame *f = &all[k];
	struct fs_where w;
	uint64_t sc, sp = 0;
	size_t i;

	fs_modules_where(fs_session_modules(c->s), f->pc, f->pc, &w);
	if (w.func != NULL)
		fprintf(c->out, " in %s", w.func);
	if (k + 1 < n)
		fprintf(c->out, "; saved %s = 0x%" PRIx64, a->pc,
		    all[k + 1].pc);
	fputc('\n', c->out);
	if (k + 1 < n)
		fprintf(c->out, " called by frame at 0x%" PRIx64 "%s",
		    all[k + 1].cfa, k > 0 ? "," : "\n");
	if (k > 0)
		fprintf(c->out, " caller of frame at 0x%" PRIx64 "\n",
		    all[k - 1].cfa);
	sc = fs_unwind_sigcontext(fs_session_unwinder(c->s), f->pc, f->sp);
	fprintf(c->out, " Arglist at unknown address.\n Locals at unknown "
	    "address, Previous frame's sp ");
	if (sc != 0 && a->sc_sp_at)
		fprintf(c->out, "at 0x%" PRIx64 "\n", sc + (uint64_t)a->sc_sp);
	else if (sc != 0 && fs_session_read(c->s, sc + (uint64_t)a->sc_sp,
	    &sp, a->word, NULL) == (ssize_t)a->word)
		fprintf(c->out, "is 0x%" PRIx64 "\n", sp);
	else
		fprintf(c->out, "in %s\n", a->sp);
	for (i = 0; sc != 0 && i < a->nsc_regs; i++)
		fprintf(c->out, "%s %s at 0x%" PRIx64, i > 0 ? "," :
		    " Saved registers:\n ", a->sc_regs[i].name,
		    sc + (uint64_t)a->sc_regs[i].off);
	if (sc != 0 && a->nsc_regs > 0)
		fputc('\n', c->out);
	return 0;
}

/* `info frame''s "Saved registers:" of frame K (of ALL, N), not an
   inlined call: what it saved is where its caller's registers are, less
   what frames below had saved already.  */
static void
saved_list(struct cmd_ctx *c, const struct fs_frame *all, size_t n, size_t k)
{
	const struct fs_arch *a = fs_session_arch(c->s);
	const uint8_t *order = a->ureg_order;
	const struct fs_frame_regs *fr = NULL;
	const struct fs_frame *f = &all[k];
	size_t nr = 0, i, p = f->phys;
	uint64_t at, below;
	bool any = false;

	if (f->cfa == 0 || f->sigtramp)
		return;
	/* The unwinder's frames are physical: an inlined call below
	   shares its frame with its caller.  */
	if (fs_unwind_regs(fs_session_unwinder(c->s), p + 2, &fr, &nr,
	    NULL) < 0)
		nr = 0;
	for (i = 0; i < sizeof a->ureg_order && order[i] != 0xff; i++) {
		if (order[i] == FS_UREG_RIP) {
			/* Made up for a tail call frame above, not read.  */
			if (k + 1 < n && all[k + 1].tailcall)
				continue;
			at = f->cfa - a->word;
		} else if (order[i] == FS_UREG_RSP || p + 1 >= nr)
			continue;
		else {
			at = fr[p + 1].saved_at[order[i]];
			below = fr[p].saved_at[order[i]];
			/* A frame saves in itself, below its CFA: above it,
			   in the sigcontext a signal frame over it holds,
			   are registers it left alone.  */
			if (at == 0 || at == below || at >= f->cfa)
				continue;
		}
		fprintf(c->out, "%s %s at 0x%" PRIx64, any ? "," :
		    " Saved registers:\n ", fs_ureg_name_arch(a, order[i]), at);
		any = true;
	}
	if (any)
		fputc('\n', c->out);
}

/* gdb's `info frame': where the frame is, who called it, its arguments,
   and where it saved its caller's registers (from CFI).  */
static int
info_frame_cmd(struct cmd_ctx *c, char *arg)
{
	const struct fs_arch *a = fs_session_arch(c->s);
	struct fs_guard *g = fs_session_guard(c->s);
	const struct user_regs_struct *regs;
	const struct fs_frame *f, *all;
	const char *lang;
	uint64_t ra, base, rsp;
	struct fs_err e;
	size_t n, j, want, k;
	char *args = NULL;
	bool outer, given;
	long level;

	if (!fs_session_alive(c->s))
		return cmd_fail(c, *cmd_skip(arg) != '\0' ? "No registers." :
		    "No stack.");
	/* A frame named: described, not selected.  */
	if (frame_spec(c, arg, &level, &given) < 0)
		return -1;
	k = (size_t)level;
	if (fs_session_frames_head(c->s, want = k + 2, &all, &n, &e) < 0 ||
	    fs_session_regs(c->s, &regs, &e) < 0)
		return cmd_fail_err(c, &e);
	if (k >= n)
		return cmd_fail(c, "No stack.");
	f = &all[k];
	outer = k + 1 >= n || (!c->past_main && cmd_is_main(f));
	if (given)
		fprintf(c->out, "Stack frame at 0x%" PRIx64 ":\n", f->cfa);
	else
		fprintf(c->out, "Stack level %zu, frame at 0x%" PRIx64 ":\n",
		    k, f->cfa);
	fprintf(c->out, " %s = 0x%" PRIx64, a->pc, f->pc);
	if (f->sigtramp)
		return sigtramp_frame(c, all, n, k);
	if (f->where.func != NULL)
		fprintf(c->out, " in %s", f->where.func);
	if (f->where.file != NULL)
		fprintf(c->out, " (%s:%u)", f->where.file, f->where.line);
	/* gdb's saved rip is that of the first frame out that is not an
	   inlined call or a tail call, which a tail call frame above it
	   has (made up) in its pc.  */
	for (j = k; j + 1 < n && (all[j].inlined || all[j].tailcall); j++)
		if (j + 2 >= want) {
			/* Frames further out are shown as far as asked.  */
			want = j + 3;
			if (fs_session_frames_head(c->s, want, &all, &n,
			    &e) < 0)
				return cmd_fail_err(c, &e);
			f = &all[k];
		}
	if (j + 1 < n && all[j + 1].tailcall)
		fprintf(c->out, "; saved %s = 0x%" PRIx64, a->pc,
		    all[j + 1].pc);
	else if (all[j].cfa != 0 && !all[j].sigtramp &&
	    (ra = 0, fs_session_read(c->s, all[j].cfa - a->word, &ra,
	    a->word, NULL) == (ssize_t)a->word)) {
		const struct fs_ctl_slot *cs = fs_guard_ctl_at(g,
		    c->s, all[j].cfa - a->word);

		fprintf(c->out, "; saved %s = 0x%" PRIx64, a->pc, ra);
		if (cs != NULL && cs->kind == FS_CTL_RETADDR &&
		    fs_guard_overwritten(cs, ra))
			fprintf(c->out, " (overwritten; was 0x%" PRIx64 ")",
			    cs->was);
	}
	fputc('\n', c->out);
	if (f->tailcall)
		fprintf(c->out, " tail call frame,");
	else if (f->inlined)
		fprintf(c->out, " inlined into frame %zu%s", k + 1, k > 0 ?
		    "," : "\n");
	else if (!outer && k + 1 < n)
		fprintf(c->out, " called by frame at 0x%" PRIx64 "%s",
		    all[k + 1].cfa, k > 0 ? "," : "\n");
	if (k > 0)
		fprintf(c->out, " caller of frame at 0x%" PRIx64 "\n",
		    all[k - 1].cfa);
	if ((lang = frame_language(f)) != NULL)
		fprintf(c->out, " source language %s.\n", lang);
	if (f->inlined || f->tailcall) {
		/* gdb knows no base address of an inlined call, nor of a
		   tail call's frame, which is no longer there.  An inlined
		   call's registers are those of the frame below it: where
		   the first real frame below saved them, and its CFA for
		   the sp.  */
		for (j = k; f->inlined && j-- > 0;)
			if (!all[j].inlined && !all[j].tailcall)
				break;
		fprintf(c->out, " Arglist at unknown address.\n"
		    " Locals at unknown address, Previous frame's sp ");
		if (f->inlined && j < k && all[j].cfa != 0) {
			fprintf(c->out, "is 0x%" PRIx64 "\n", all[j].cfa);
			saved_list(c, all, n, j);
		} else
			fprintf(c->out, "in %s\n", a->sp);
		return 0;
	}
	rsp = k == 0 ? regs->rsp : f->sp;
	base = fs_vars_frame_base(c->s, f, rsp);
	if (fs_vars_args_line(c->s, (unsigned)k, &args, NULL) < 0)
		args = NULL;
	fprintf(c->out, " Arglist at 0x%" PRIx64 ", args: %s\n", base,
	    args != NULL ? args : "");
	free(args);
	fprintf(c->out, " Locals at 0x%" PRIx64 ", Previous frame's sp is "
	    "0x%" PRIx64 "\n", base, f->cfa);
	saved_list(c, all, n, k);
	overwritten_list(c, g, f);
	return 0;
}

const struct cmd_entry cmd_stack_table[] = {
	{ "backtrace", { "bt", "where", NULL }, c_bt, NULL,
	    "backtrace [N] [-past-main] -- print the frames" },
	{ "down", { "do", NULL }, c_down, NULL,
	    "down [N] -- select the frame N below" },
	{ "dump", { NULL }, c_dump, NULL,
	    "dump FILE -- write a JSON snapshot of every stop from now on to FILE" },
	{ "frames", { NULL }, c_frames, NULL,
	    "frames [-ascii|-unicode] [-inner|-outer] [--svg FILE] [N] -- draw the stack, every 8-byte word explained (-inner: frame #0 first; --svg: as an SVG picture in FILE)" },
	{ "faas", { NULL }, c_faas, NULL,
	    "faas COMMAND -- frame apply all -s COMMAND: COMMAND in every frame, those where it fails or prints nothing left out" },
	{ "frame", { "f", "fr", "fra", NULL }, c_frame, NULL,
	    "frame [N|level N|function NAME|address ADDR] -- select and print a frame; frame apply all|COUNT|-COUNT|level LEVEL... [-q] [-c] [-s] COMMAND -- COMMAND in those frames" },
	{ "snapshot", { NULL }, c_snapshot, NULL,
	    "snapshot [-brief] [FILE] -- write the current stop as JSON: frames, their variables and every stack word (-brief: frames only); snapshot --svg FILE: the stack as an SVG picture" },
	{ "up", { NULL }, c_up, NULL,
	    "up [N] -- select the frame N above" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

static int
set_past_main(struct cmd_ctx *c, char *arg)
{
	char *v = cmd_word(&arg);

	c->past_main = v == NULL || strcmp(v, "on") == 0;
	return 0;
}

const struct cmd_sub cmd_stack_info[] = {
	{ "frame", 1, info_frame_cmd },
	{ NULL, 0, NULL },
};

/* gdb's `set backtrace limit N': N frames at most, 0 or unlimited for
   all.  */
static int
set_bt_limit(struct cmd_ctx *c, char *arg)
{
	char *v = cmd_word(&arg), *end;
	long n;

	if (v == NULL)
		return cmd_fail(c, "Argument required (integer to set it to, "
		    "or \"unlimited\".).");
	if (strcmp(v, "unlimited") == 0)
		n = 0;
	else {
		errno = 0;
		n = strtol(v, &end, 0);
		if (*end != '\0' || end == v)
			return cmd_fail(c, "No symbol \"%s\" in current "
			    "context.", v);
		if (errno != 0 || n < 0 || n > INT_MAX)
			return cmd_fail(c, "integer %s out of range", v);
	}
	fs_session_set_backtrace_limit(c->s, (unsigned)n);
	c->frame = 0;
	return 0;
}

static int
show_bt_limit(struct cmd_ctx *c, char *arg)
{
	unsigned n = fs_session_backtrace_limit(c->s);

	(void)arg;
	if (n == 0)
		fprintf(c->out, "An upper bound on the number of backtrace "
		    "levels is unlimited.\n");
	else
		fprintf(c->out, "An upper bound on the number of backtrace "
		    "levels is %u.\n", n);
	return 0;
}

const struct cmd_sub cmd_stack_set[] = {
	{ "backtrace past-main", 0, set_past_main },
	{ "backtrace limit", 0, set_bt_limit },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_stack_show[] = {
	{ "backtrace limit", 0, show_bt_limit },
	{ NULL, 0, NULL },
};
