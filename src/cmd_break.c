/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_break: breakpoints, watchpoints, catchpoints and skips: break, tbreak, watch, rwatch, awatch, catch, condition, ignore, delete, enable, disable, skip, info breakpoints, info watchpoints, info skip.
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
#include "fs_syscall.h"
#include "fs_insn.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "cmd_int.h"

/* ------------------------------------------------------------ breakpoints */

void
cmd_describe_addr(struct cmd_ctx *c, uint64_t addr, char *buf, size_t len)
{
	struct fs_where w;

	fs_modules_where(fs_session_modules(c->s), addr, addr, &w);
	if (w.file != NULL)
		snprintf(buf, len, "file %s, line %u.", w.file, w.line);
	else
		buf[0] = '\0';
}

/* "LOCATION if CONDITION": cut ARG at the keyword, return the
   condition (NULL: none, "" when nothing follows `if').  */
static char *
split_condition(char *arg)
{
	char *p;

	for (p = arg; (p = strstr(p, "if")) != NULL; p += 2) {
		if ((p == arg || p[-1] == ' ' || p[-1] == '\t') &&
		    (p[2] == '\0' || p[2] == ' ' || p[2] == '\t' ||
		    p[2] == '(')) {
			char *q = p;

			*p = '\0';
			while (q > arg && (q[-1] == ' ' || q[-1] == '\t'))
				*--q = '\0';
			p += 2;
			while (*p == ' ' || *p == '\t')
				p++;
			return p;
		}
	}
	return NULL;
}

static int
do_break(struct cmd_ctx *c, char *arg, bool temporary, const char *dprintf)
{
	const char *title = dprintf != NULL ? "Dprintf" : temporary ?
	    "Temporary breakpoint" : "Breakpoint";
	const struct fs_breakpoint *bp;
	struct fs_err e;
	char where[1100];
	size_t i;

	const struct fs_frame *f;
	char here[32], *cond = NULL;
	size_t n;
	int r;

	arg = cmd_skip(arg);
	if (dprintf == NULL && (cond = split_condition(arg)) != NULL &&
	    *cond == '\0')
		return cmd_fail(c, "Argument required (boolean expression).");
	if (*arg == '\0' && fs_session_alive(c->s) &&
	    fs_session_frames_head(c->s, 0, &f, &n, NULL) == 0 &&
	    c->frame < n) {
		/* gdb: no location means the selected frame's pc.  */
		snprintf(here, sizeof here, "*0x%" PRIx64, f[c->frame].pc);
		arg = here;
	}
	fs_session_set_pending(c->s, c->bp_pending > 0 ||
	    (c->bp_pending == 0 && !c->batch));
	if ((r = fs_session_break(c->s, *arg ? arg : NULL, temporary, &bp,
	    &e)) < 0) {
		/* What gdb could make pending: in batch mode it asks, and
		   takes no for an answer.  */
		if (r == -FS_E_NOENT && c->bp_pending == 0 && c->batch &&
		    (strncmp(e.msg, "Function ", 9) == 0 ||
		    strncmp(e.msg, "No source file", 14) == 0 ||
		    strncmp(e.msg, "No line ", 8) == 0)) {
			fflush(c->out);
			fprintf(c->err, "%s\n", e.msg);
			fprintf(c->out, "Make %s pending on future shared "
			    "library load? (y or [n]) [answered N; input not "
			    "from terminal]\n", dprintf != NULL ? "dprintf" :
			    "breakpoint");
			return 0;
		}
		return cmd_fail_err(c, &e);
	}
	if (cond != NULL && fs_session_condition(c->s, bp->number, cond,
	    &e) < 0)
		return cmd_fail_err(c, &e);
	if (dprintf != NULL && fs_session_dprintf(c->s, bp->number, dprintf,
	    &e) < 0)
		return cmd_fail_err(c, &e);
	if (bp->pending) {
		fflush(c->out);
		fprintf(c->err, "Function \"%s\" not defined.\n", bp->spec);
		fprintf(c->out, "%s %d (%s) pending.\n", title, bp->number,
		    bp->spec);
		return 0;
	}
	if (bp->naddrs > 1) {
		struct fs_where w;

		/* gdb: "Breakpoint 1 at 0x1139: file.c:10. (2 locations)" */
		fprintf(c->out, "%s %d at 0x%" PRIx64 ": ", title, bp->number,
		    bp->addrs[0]);
		/* A bare LINE is of the current file, which gdb names
		   in full.  */
		w.fullpath = NULL;
		if (bp->bare_line)
			fs_modules_where(fs_session_modules(c->s),
			    bp->addrs[0], bp->addrs[0], &w);
		if (bp->file != NULL && cmd_is_linespec(bp->spec))
			fprintf(c->out, "%s:%u. ", w.fullpath != NULL ?
			    w.fullpath : bp->file, bp->line);
		else
			fprintf(c->out, "%s. ", bp->spec);
		fprintf(c->out, "(%zu locations)\n", bp->naddrs);
		return 0;
	}
	if (bp->naddrs == 1 && bp->ifunc != 0) {
		fprintf(c->out, "%s %d at gnu-indirect-function resolver at "
		    "0x%" PRIx64 "\n", title, bp->number, bp->addrs[0]);
		return 0;
	}
	for (i = 0; i < bp->naddrs; i++) {
		if (bp->file != NULL)
			snprintf(where, sizeof where, "file %s, line %u.",
			    bp->file, bp->line);
		else
			cmd_describe_addr(c, bp->addrs[i], where, sizeof where);
		fprintf(c->out, "%s %d at 0x%" PRIx64 "%s%s\n", title,
		    bp->number, bp->addrs[i], where[0] ? ": " : "", where);
	}
	return 0;
}

/* W as a breakpoint number: digits, or gdb's $bpnum, the number of the
   last one made, which `save breakpoints' files use.  */
static long
bp_strtol(struct cmd_ctx *c, char *w, char **end)
{
	const struct fs_breakpoint *bp;
	size_t i, n;
	long last = 0;

	if (strcmp(w, "$bpnum") != 0)
		return strtol(w, end, 10);
	*end = w + strlen(w);
	bp = fs_session_breakpoints(c->s, &n);
	for (i = 0; i < n; i++)
		if (bp[i].number > last)
			last = bp[i].number;
	return last;
}

/* A breakpoint number as the first word of *ARG.  */
static int
bp_number(struct cmd_ctx *c, char **arg, int *num)
{
	char *w = cmd_word(arg), *end;
	long v;

	if (w == NULL)
		return cmd_fail(c, "Argument required (breakpoint number).");
	v = bp_strtol(c, w, &end);
	if (*end != '\0' || v <= 0 || v > INT_MAX)
		return cmd_fail(c, "Bad breakpoint argument: '%s'", w);
	*num = (int)v;
	return 0;
}

/* condition N [EXPR] */
static int
c_condition(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	int num;

	if (bp_number(c, &arg, &num) < 0)
		return -1;
	arg = cmd_skip(arg);
	if (fs_session_condition(c->s, num, arg, &e) < 0)
		return cmd_fail_err(c, &e);
	/* gdb says so at a prompt only.  */
	if (*arg == '\0' && !c->batch)
		fprintf(c->out, "Breakpoint %d now unconditional.\n", num);
	return 0;
}

/* ignore N COUNT */
static int
c_ignore(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *w, *end;
	unsigned long count;
	int num;

	if (bp_number(c, &arg, &num) < 0)
		return -1;
	if ((w = cmd_word(&arg)) == NULL)
		return cmd_fail(c, "Second argument (specified ignore-count) is "
		    "missing.");
	count = strtoul(w, &end, 10);
	if (*end != '\0' || *w == '-')
		return cmd_fail(c, "Invalid number \"%s\".", w);
	if (fs_session_ignore(c->s, num, count, &e) < 0)
		return cmd_fail_err(c, &e);
	if (c->batch)
		return 0;
	if (count == 0)
		fprintf(c->out, "Will stop next time breakpoint %d is "
		    "reached.\n", num);
	else if (count == 1)
		fprintf(c->out, "Will ignore next crossing of breakpoint "
		    "%d.\n", num);
	else
		fprintf(c->out, "Will ignore next %lu crossings of breakpoint "
		    "%d.\n", count, num);
	return 0;
}

static int
c_break(struct cmd_ctx *c, char *arg)
{
	return do_break(c, arg, false, NULL);
}

static int
c_tbreak(struct cmd_ctx *c, char *arg)
{
	return do_break(c, arg, true, NULL);
}

/* dprintf LOCATION,"FMT",ARGS: a breakpoint that prints as printf does
   and goes on (cmd.c's dprintf callback), as gdb's.  */
static int
c_dprintf(struct cmd_ctx *c, char *arg)
{
	char *comma, *text, *end;

	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "No default breakpoint address now.");
	if ((comma = strchr(arg, ',')) == NULL ||
	    *(text = cmd_skip(comma + 1)) == '\0')
		return cmd_fail(c, "Format string required");
	for (end = comma; end > arg && isspace((unsigned char)end[-1]); end--)
		;
	*end = '\0';
	return do_break(c, arg, false, text);
}

/* Add NR to *NRS (*N of them, room for *CAP).  */
static bool
syscall_add(uint64_t **nrs, size_t *n, size_t *cap, uint64_t nr)
{
	uint64_t *nv;

	if (*n == *cap) {
		*cap = *cap != 0 ? 2 * *cap : 8;
		if ((nv = reallocarray(*nrs, *cap, sizeof *nv)) == NULL)
			return false;
		*nrs = nv;
	}
	(*nrs)[(*n)++] = nr;
	return true;
}

/* catch syscall [NAME|NUMBER|group:GROUP ...]: gdb's catchpoint of
   system calls ("Catchpoint 1 (syscall 'write' [1])"), by the names
   and groups of the program's architecture; a number needs no name.  */
static int
catch_syscall(struct cmd_ctx *c, char *arg, bool temporary)
{
	const struct fs_syscall_abi *abi = fs_session_arch(c->s)->syscalls;
	const struct fs_breakpoint *bp;
	struct fs_sbuf sb = { 0 };
	struct fs_err e;
	uint64_t *nrs = NULL, nr;
	size_t n = 0, cap = 0, from;
	const char *name, *group;
	char *w, *end;
	bool ok = true;

	while (ok && (w = cmd_word(&arg)) != NULL) {
		from = n;
		group = strncmp(w, "group:", 6) == 0 ? w + 6 :
		    strncmp(w, "g:", 2) == 0 ? w + 2 : NULL;
		errno = 0;
		nr = strtoull(w, &end, 10);
		if (isdigit((unsigned char)*w) && *end == '\0' && errno == 0)
			ok = syscall_add(&nrs, &n, &cap, nr);
		else
			for (nr = 0; ok && nr < FS_SYSCALL_MAXNR; nr++)
				if (group != NULL ? fs_syscall_in_group(abi,
				    group, nr) : (name = abi->name(nr)) !=
				    NULL && strcmp(name, w) == 0)
					ok = syscall_add(&nrs, &n, &cap, nr);
		if (ok && n == from) {
			free(nrs);
			if (group != NULL)
				return cmd_fail(c, "Unknown syscall group "
				    "'%s'.", group);
			return cmd_fail(c, "Unknown syscall name '%s'.", w);
		}
	}
	if (!ok || fs_session_catch_syscall(c->s, nrs, n, temporary, &bp,
	    &e) < 0) {
		free(nrs);
		return ok ? cmd_fail_err(c, &e) : cmd_fail(c, "out of memory");
	}
	free(nrs);
	fs_sbuf_puts(&sb, bp->nsyscalls == 0 ? "any syscall" :
	    bp->nsyscalls > 1 ? "syscalls" : "syscall");
	for (from = 0; from < bp->nsyscalls; from++) {
		nr = bp->syscalls[from];
		if ((name = abi->name(nr)) != NULL)
			fs_sbuf_printf(&sb, " '%s' [%" PRIu64 "]", name, nr);
		else
			fs_sbuf_printf(&sb, " %" PRIu64, nr);
	}
	fprintf(c->out, "Catchpoint %d (%s)\n", bp->number, sb.s);
	free(sb.s);
	return 0;
}

/* catch panic: a Rust panic stops where it starts unwinding, as
   `break rust_panic' does in gdb; shown as gdb shows a catchpoint
   ("Catchpoint 1 (throw)").  catch fork, vfork, exec: gdb's
   catchpoints of those events; catch syscall: of system calls.
   tcatch: the same, deleted at its first stop.  */
static int
do_catch(struct cmd_ctx *c, char *arg, bool temporary)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	char *w = cmd_word(&arg);

	if (w == NULL)
		return cmd_fail(c, "Argument required (catch panic, fork, "
		    "vfork, exec or syscall).");
	if (strcmp(w, "syscall") == 0)
		return catch_syscall(c, arg, temporary);
	if (strcmp(w, "fork") == 0 || strcmp(w, "vfork") == 0 ||
	    strcmp(w, "exec") == 0) {
		if (*cmd_skip(arg) != '\0')
			return cmd_fail(c, "Junk at end of arguments.");
		if (fs_session_catch_event(c->s, w, temporary, &bp, &e) < 0)
			return cmd_fail_err(c, &e);
		fprintf(c->out, "Catchpoint %d (%s)\n", bp->number, w);
		return 0;
	}
	if (strcmp(w, "panic") != 0)
		return cmd_fail(c, "Undefined catch command: \"%s\".  Try "
		    "\"help catch\".", w);
	if (fs_session_catch(c->s, "rust_panic", "panic", temporary, &bp,
	    &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "Catchpoint %d (panic)%s\n", bp->number,
	    bp->pending ? " pending." : "");
	return 0;
}

static int
c_catch(struct cmd_ctx *c, char *arg)
{
	return do_catch(c, arg, false);
}

static int
c_tcatch(struct cmd_ctx *c, char *arg)
{
	return do_catch(c, arg, true);
}

/* watch, rwatch, awatch EXPR [if COND]: a hardware watchpoint on the
   object EXPR names in the selected frame.  */
static int
do_watch(struct cmd_ctx *c, char *arg, enum fs_bp_kind kind)
{
	const struct fs_breakpoint *bp;
	struct fs_vars_lvalue lv;
	struct fs_err e;
	char *cond, spec[1100];
	bool loc = false;
	int r;

	arg = cmd_skip(arg);
	/* gdb's -location: the object the expression names now, wherever
	   the program goes, not tied to the frame.  */
	if ((strncmp(arg, "-location", 9) == 0 && (arg[9] == '\0' ||
	    isspace((unsigned char)arg[9]))) || (strncmp(arg, "-l", 2) == 0 &&
	    (arg[2] == '\0' || isspace((unsigned char)arg[2])))) {
		loc = true;
		arg = cmd_skip(arg + (arg[2] == 'o' ? 9 : 2));
	}
	if ((cond = split_condition(arg)) != NULL && *cond == '\0')
		return cmd_fail(c, "Argument required (boolean expression).");
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (expression to compute).");
	if (fs_vars_lvalue(c->s, c->frame, arg, NULL, &lv, &e) < 0) {
		/* p->x with p null: watched from p until it can be read,
		   as gdb does.  */
		if (loc || kind != FS_BP_WATCH || !cmd_watch_unreadable(&lv,
		    &e))
			return cmd_fail_err(c, &e);
		lv.len = 0;
	}
	free(lv.text);
	if (lv.rvalue != NULL && (loc || kind != FS_BP_WATCH)) {
		free(lv.rvalue);
		return cmd_fail(c, "Cannot watch `%s': not an object in "
		    "memory.", arg);
	}
	snprintf(spec, sizeof spec, "%s%s", loc ? "-location " : "", arg);
	/* Without an object of its own (p->x with p null, a + b), made on
	   the first thing it reads, then moved.  */
	r = fs_session_watch(c->s, kind, spec, lv.len != 0 && lv.rvalue ==
	    NULL ? lv.addr : lv.deps[0].addr, lv.len != 0 && lv.rvalue ==
	    NULL ? lv.len : lv.deps[0].len, lv.local && !loc ?
	    (int)c->frame : -1, &bp, &e);
	/* gdb watches what the expression reads too (p of p->x), and
	   takes it again when one changes; -location names one object.  */
	if (r == 0 && !loc && kind == FS_BP_WATCH && lv.ndeps > 0 &&
	    (r = cmd_watch_move(c->s, bp->number, &lv, &e)) < 0)
		fs_session_delete(c->s, bp->number, NULL);
	free(lv.rvalue);
	if (r < 0)
		return cmd_fail_err(c, &e);
	if (cond != NULL && fs_session_condition(c->s, bp->number, cond,
	    &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "%s %d: %s\n", cmd_watch_title(kind), bp->number,
	    bp->spec);
	return 0;
}

static int
c_watch(struct cmd_ctx *c, char *arg)
{
	return do_watch(c, arg, FS_BP_WATCH);
}

static int
c_rwatch(struct cmd_ctx *c, char *arg)
{
	return do_watch(c, arg, FS_BP_RWATCH);
}

static int
c_awatch(struct cmd_ctx *c, char *arg)
{
	return do_watch(c, arg, FS_BP_AWATCH);
}

static int
c_skip(struct cmd_ctx *c, char *arg)
{
	struct fs_skips *l = fs_session_skips(c->s);
	const struct fs_frame *f;
	struct fs_where w;
	struct fs_err e;
	char *sub, *end;
	long n;
	size_t nf;
	int r = 0;

	arg = cmd_skip(arg);
	sub = cmd_word(&arg);
	arg = cmd_skip(arg);
	if (sub != NULL && strcmp(sub, "delete") == 0) {
		if (*arg == '\0')
			return fs_skip_delete(l, 0, &e) < 0 ? cmd_fail_err(c, &e) :
			    0;
		while ((sub = cmd_word(&arg)) != NULL) {
			n = strtol(sub, &end, 10);
			if (*end != '\0' || n <= 0)
				r = cmd_fail(c, "Arguments must be skip numbers.");
			else if (fs_skip_delete(l, (int)n, &e) < 0)
				r = cmd_fail_err(c, &e);
		}
		return r;
	}
	if (sub != NULL && (strcmp(sub, "file") == 0 || strcmp(sub, "-fi") ==
	    0 || strcmp(sub, "-file") == 0)) {
		if (*arg == '\0') {
			if (fs_session_frames_head(c->s, 0, &f, &nf, NULL) < 0 ||
			    c->frame >= nf)
				return cmd_fail(c, "No default file now.");
			fs_modules_where(fs_session_modules(c->s),
			    f[c->frame].pc, f[c->frame].pc, &w);
			if (w.file == NULL)
				return cmd_fail(c, "No default file now.");
			arg = (char *)(uintptr_t)w.file;
		}
		if (fs_skip_add(l, FS_SKIP_FILE, arg, NULL, &e) < 0)
			return cmd_fail_err(c, &e);
		fprintf(c->out, "File %s will be skipped when stepping.\n",
		    arg);
		return 0;
	}
	if (sub != NULL && (strcmp(sub, "function") == 0 ||
	    strcmp(sub, "-fu") == 0 || strcmp(sub, "-function") == 0))
		sub = NULL;
	else if (sub != NULL) {
		/* skip NAME: a function.  */
		arg = sub;
		sub = NULL;
	}
	if (*arg == '\0') {
		if (fs_session_frames_head(c->s, 0, &f, &nf, NULL) < 0 ||
		    c->frame >= nf)
			return cmd_fail(c, "No default function now.");
		fs_modules_where(fs_session_modules(c->s), f[c->frame].pc,
		    f[c->frame].pc, &w);
		if (w.func == NULL)
			return cmd_fail(c, "No function found containing current "
			    "program point %#" PRIx64 ".", f[c->frame].pc);
		arg = (char *)(uintptr_t)w.func;
	}
	if (fs_skip_add(l, FS_SKIP_FUNCTION, arg, NULL, &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "Function %s will be skipped when stepping.\n", arg);
	return 0;
}

static int
info_skip(struct cmd_ctx *c, char *arg)
{
	const struct fs_skips *l = fs_session_skips(c->s);
	size_t i;

	(void)arg;
	if (l->n == 0) {
		fprintf(c->out, "Not skipping any files or functions.\n");
		return 0;
	}
	fprintf(c->out, "Num   Enb Glob File                 RE Function\n");
	for (i = 0; i < l->n; i++)
		fprintf(c->out, "%-5d %-3s %4s %-20s %2s %s\n", l->v[i].num,
		    l->v[i].enabled ? "y" : "n", "n",
		    l->v[i].kind == FS_SKIP_FILE ? l->v[i].pattern : "<none>",
		    "n", l->v[i].kind == FS_SKIP_FUNCTION ? l->v[i].pattern :
		    "<none>");
	return 0;
}

static int
c_delete(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *w, *end;
	long n;
	int r = 0;

	if ((r = cmd_display_subcommand(c, arg, 0)) != -2)
		return r;
	r = 0;
	arg = cmd_skip(arg);
	if (strncmp(arg, "breakpoints", 11) == 0)
		arg = cmd_skip(arg + 11);
	if (*arg == '\0')
		return fs_session_delete(c->s, 0, NULL);
	while ((w = cmd_word(&arg)) != NULL) {
		n = bp_strtol(c, w, &end);
		if (*end != '\0' || n <= 0) {
			r = cmd_fail(c, "Convenience variable must have integer "
			    "value.\nArgs must be numbers or '$' variables.");
			continue;
		}
		if (fs_session_delete(c->s, (int)n, &e) < 0)
			r = cmd_fail_err(c, &e);
	}
	return r;
}

static int
enable_disable(struct cmd_ctx *c, char *arg, bool on)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	size_t i, n;
	char *w, *end;
	long num;
	int r = 0;

	if ((r = cmd_display_subcommand(c, arg, on ? 1 : 2)) != -2)
		return r;
	r = 0;
	arg = cmd_skip(arg);
	if (*arg == '\0') {
		bp = fs_session_breakpoints(c->s, &n);
		for (i = 0; i < n; i++)
			fs_session_enable(c->s, bp[i].number, on, NULL);
		return 0;
	}
	while ((w = cmd_word(&arg)) != NULL) {
		num = bp_strtol(c, w, &end);
		if (*end != '\0' || num <= 0)
			r = cmd_fail(c, "Bad breakpoint number '%s'", w);
		else if (fs_session_enable(c->s, (int)num, on, &e) < 0)
			r = cmd_fail_err(c, &e);
	}
	return r;
}

static int
c_enable(struct cmd_ctx *c, char *arg)
{
	return enable_disable(c, arg, true);
}

static int
c_disable(struct cmd_ctx *c, char *arg)
{
	return enable_disable(c, arg, false);
}

/* Whether SPEC is FILE:LINE (what the session made of a bare LINE too). */
bool
cmd_is_linespec(const char *spec)
{
	const char *colon = strrchr(spec, ':');

	return spec[0] != '*' && colon != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1);
}


/* The lines gdb's `info breakpoints' adds under a breakpoint.  */
static void
bp_notes(struct cmd_ctx *c, const struct fs_breakpoint *bp)
{
	if (bp->cond != NULL)
		fprintf(c->out, "\tstop only if %s\n", bp->cond);
	if (bp->hits > 0)
		fprintf(c->out, "\tbreakpoint already hit %lu time%s\n",
		    bp->hits, bp->hits == 1 ? "" : "s");
	if (bp->ignore > 0)
		fprintf(c->out, "\tignore next %lu hits\n", bp->ignore);
	if (bp->dprintf != NULL)
		fprintf(c->out, "        printf %s\n", bp->dprintf);
	cmd_script_bp_lines(c, bp->number);
}

/* The rest of a syscall catchpoint's What: `s "write, read" '.  */
static void
syscall_what(struct cmd_ctx *c, const struct fs_breakpoint *bp)
{
	const struct fs_syscall_abi *abi = fs_session_arch(c->s)->syscalls;
	const char *name;
	size_t i;

	fprintf(c->out, "%s \"%s", bp->nsyscalls > 1 ? "s" : "",
	    bp->nsyscalls == 0 ? "<any syscall>" : "");
	for (i = 0; i < bp->nsyscalls; i++) {
		if (i > 0)
			fputs(", ", c->out);
		if ((name = abi->name(bp->syscalls[i])) != NULL)
			fputs(name, c->out);
		else
			fprintf(c->out, "%" PRIu64, bp->syscalls[i]);
	}
	fputs("\" ", c->out);
}

/* gdb's type column of a breakpoint.  */
static const char *
bp_type(const struct fs_breakpoint *bp)
{
	switch (bp->kind) {
	case FS_BP_WATCH:
		return "hw watchpoint";
	case FS_BP_RWATCH:
		return "read watchpoint";
	case FS_BP_AWATCH:
		return "acc watchpoint";
	default:
		if (bp->ifunc != 0 && bp->naddrs == 1)
			return "STT_GNU_IFUNC resolver";
		if (bp->dprintf != NULL)
			return "dprintf";
		return bp->catchpoint != NULL ? "catchpoint" : "breakpoint";
	}
}

/* The table of `info breakpoints' (WATCH_ONLY: `info watchpoints'):
   gdb widens the type column to its longest name, and the address
   column is narrow when no row has an address a process gives.  */
static int
bp_table(struct cmd_ctx *c, bool watch_only)
{
	const struct fs_breakpoint *bp;
	struct fs_where w;
	size_t i, j, n, shown = 0;
	uint64_t last = 0;
	bool have_last = false;
	/* An address's width: "0x" and 16 digits, 8 on i386.  */
	int tw = 14, aw = 10, full = 2 +
	    (int)fs_session_arch(c->s)->addr_digits;

	bp = fs_session_breakpoints(c->s, &n);
	for (i = 0; i < n; i++) {
		if (watch_only && bp[i].kind == FS_BP_BREAKPOINT)
			continue;
		shown++;
		if ((int)strlen(bp_type(&bp[i])) > tw)
			tw = (int)strlen(bp_type(&bp[i]));
		/* A fork or exec catchpoint has no address.  */
		if (!bp[i].event && (bp[i].kind == FS_BP_BREAKPOINT ||
		    fs_session_alive(c->s)))
			aw = full;
	}
	if (shown == 0) {
		fprintf(c->out, watch_only ? "No watchpoints.\n" :
		    "No breakpoints or watchpoints.\n");
		return 0;
	}
	fprintf(c->out, "%-7s %-*s %-4s %-3s %-*s %s\n", "Num", tw, "Type",
	    "Disp", "Enb", aw, "Address", "What");
	for (i = 0; i < n; i++) {
		if (watch_only && bp[i].kind == FS_BP_BREAKPOINT)
			continue;
		if (bp[i].kind != FS_BP_BREAKPOINT) {
			fprintf(c->out, "%-7d %-*s %-4s %-3s %-*s %s\n",
			    bp[i].number, tw, bp_type(&bp[i]), "keep",
			    bp[i].enabled ? "y" : "n", aw, "", bp[i].spec);
			bp_notes(c, &bp[i]);
			continue;
		}
		if (bp[i].catchpoint != NULL) {
			/* gdb's row of a catchpoint: no address; a fork or
			   exec one says what its last hit met.  */
			fprintf(c->out, "%-7d %-*s %-4s %-3s %-*s "
			    "%s", bp[i].number, tw, "catchpoint",
			    bp[i].temporary ? "del" :
			    "keep", bp[i].enabled ? "y" : "n",
			    bp[i].event ? aw : full, "", bp[i].catchpoint);
			if (bp[i].syscalls != NULL || strcmp(bp[i].catchpoint,
			    "syscall") == 0)
				syscall_what(c, &bp[i]);
			else if (bp[i].event_pid != 0)
				fprintf(c->out, ", process %d ",
				    (int)bp[i].event_pid);
			else if (bp[i].event_path != NULL)
				fprintf(c->out, ", program \"%s\" ",
				    bp[i].event_path);
			fputc('\n', c->out);
			if (bp[i].cond != NULL)
				fprintf(c->out, "\tstop only if %s\n",
				    bp[i].cond);
			if (bp[i].hits > 0)
				fprintf(c->out, "\tcatchpoint already hit %lu "
				    "time%s\n", bp[i].hits, bp[i].hits == 1 ?
				    "" : "s");
			if (bp[i].ignore > 0)
				fprintf(c->out, "\tignore next %lu hits\n",
				    bp[i].ignore);
			cmd_script_bp_lines(c, bp[i].number);
			continue;
		}
		fprintf(c->out, "%-7d %-*s %-4s %-3s ", bp[i].number, tw,
		    bp_type(&bp[i]), bp[i].temporary ? "del" : "keep",
		    bp[i].enabled ? "y" : "n");
		if (bp[i].pending || bp[i].naddrs == 0)
			fprintf(c->out, "%-*s %s\n", full, "<PENDING>",
			    bp[i].spec);
		else if (bp[i].naddrs > 1)
			fprintf(c->out, "%-*s \n", full, "<MULTIPLE>");
		/* gdb says these under the breakpoint's own row.  */
		if (bp[i].naddrs > 1)
			bp_notes(c, &bp[i]);
		for (j = 0; j < bp[i].naddrs; j++) {
			/* gdb numbers the locations of one breakpoint N.1,
			   N.2...  */
			if (bp[i].naddrs > 1)
				fprintf(c->out, "%d.%-*zu%-3s ", bp[i].number,
				    tw + 12, j + 1, bp[i].enabled ? "y" : "n");
			/* The process gone, its addresses are still
			   named, as gdb names them, by where it had its
			   modules.  */
			w.mod = NULL;
			if (!fs_session_alive(c->s))
				fs_modules_where_last(fs_session_modules(c->s),
				    bp[i].addrs[j], &w);
			if (w.mod == NULL)
				fs_modules_where(fs_session_modules(c->s),
				    bp[i].addrs[j], bp[i].addrs[j], &w);
			fprintf(c->out, "0x%0*" PRIx64 " ",
			    (int)fs_session_arch(c->s)->addr_digits,
			    bp[i].addrs[j]);
			last = bp[i].addrs[j];
			have_last = true;
			/* A FILE:LINE location is at that line, even where
			   the code there was inlined from elsewhere.  */
			if (cmd_is_linespec(bp[i].spec) && bp[i].file != NULL &&
			    w.file != NULL) {
				w.file = bp[i].file;
				w.line = bp[i].line;
			}
			/* gdb names a location in inlined code by the
			   inlined function.  */
			if (bp[i].scopes != NULL && bp[i].scopes[j] != NULL &&
			    bp[i].scopes[j]->kind == FS_SCOPE_INLINED &&
			    bp[i].scopes[j]->name != NULL)
				w.func = bp[i].scopes[j]->name;
			/* A resolver still to run: gdb names it as a
			   symbol.  */
			if (bp[i].ifunc != 0 && w.func != NULL)
				fprintf(c->out, "%s\n", cmd_sym_offset(
				    w.func, bp[i].addrs[j] - w.func_addr));
			else if (w.func != NULL && w.file != NULL)
				fprintf(c->out, "in %s at %s:%u\n", w.func,
				    w.file, w.line);
			else if (w.func != NULL)
				fprintf(c->out, "%s\n", cmd_sym_offset(w.func,
				    bp[i].addrs[j] - w.func_addr));
			else
				fputc('\n', c->out);
		}
		if (bp[i].naddrs <= 1)
			bp_notes(c, &bp[i]);
	}
	/* gdb's x then goes on from the last location listed, which is
	   also $_.  */
	if (have_last) {
		c->x_next = last;
		c->x_valid = true;
		cmd_set_examined(c, last, 0, NULL);
	}
	return 0;
}

static int
info_breakpoints(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return bp_table(c, false);
}

static int
info_watchpoints(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return bp_table(c, true);
}

const struct cmd_entry cmd_break_table[] = {
	{ "awatch", { NULL }, c_awatch, NULL,
	    "awatch EXPR [if COND] -- stop when the program reads or writes EXPR" },
	{ "break", { "b", "br", NULL }, c_break, NULL,
	    "break [FUNCTION|FILE:LINE|LINE|*ADDRESS] [if EXPR] -- set a breakpoint" },
	{ "dprintf", { NULL }, c_dprintf, NULL,
	    "dprintf LOCATION,\"FMT\",ARGS -- a breakpoint that prints as printf does and goes on" },
	{ "condition", { NULL }, c_condition, NULL,
	    "condition N [EXPR] -- breakpoint N stops only where EXPR is true (no EXPR: always)" },
	{ "delete", { "d", NULL }, c_delete, NULL,
	    "delete [N...] -- delete breakpoints (all without N)" },
	{ "catch", { NULL }, c_catch, NULL,
	    "catch panic|fork|vfork|exec|syscall [NAME|NUMBER|group:GROUP...] -- stop where a Rust panic starts, at a fork, vfork or exec, or at system calls" },
	{ "disable", { "disa", "dis", NULL }, c_disable, NULL,
	    "disable [N...] -- disable breakpoints" },
	{ "enable", { NULL }, c_enable, NULL,
	    "enable [N...] -- enable breakpoints" },
	{ "ignore", { NULL }, c_ignore, NULL,
	    "ignore N COUNT -- let the program past the next COUNT hits of breakpoint N" },
	{ "rwatch", { NULL }, c_rwatch, NULL,
	    "rwatch EXPR [if COND] -- stop when the program reads EXPR" },
	{ "skip", { NULL }, c_skip, NULL,
	    "skip [function] [NAME] | skip file [FILE] | skip delete [N...] -- what step does not enter" },
	{ "tcatch", { NULL }, c_tcatch, NULL,
	    "tcatch EVENT -- catch EVENT once (as catch)" },
	{ "tbreak", { NULL }, c_tbreak, NULL,
	    "tbreak LOCATION -- set a temporary breakpoint" },
	{ "watch", { "wa", NULL }, c_watch, NULL,
	    "watch EXPR [if COND] -- stop when the program changes EXPR (a hardware watchpoint)" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

static int
set_pending(struct cmd_ctx *c, char *arg)
{
	char *v = cmd_word(&arg);

	if (v == NULL || strcmp(v, "on") == 0)
		c->bp_pending = 1;
	else if (strcmp(v, "off") == 0)
		c->bp_pending = -1;
	else if (strcmp(v, "auto") == 0)
		c->bp_pending = 0;
	else
		return cmd_fail(c, "\"on\", \"off\" or \"auto\" expected.");
	return 0;
}

const struct cmd_sub cmd_break_info[] = {
	{ "breakpoints", 1, info_breakpoints },
	{ "skip", 2, info_skip },
	{ "watchpoints", 3, info_watchpoints },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_break_set[] = {
	{ "breakpoint pending", 0, set_pending },
	{ NULL, 0, NULL },
};
