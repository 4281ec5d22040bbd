/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_flow: changing where the program goes, as gdb's commands do:
 * jump (resume elsewhere), return (pop the selected frame now, with a
 * value), signal (resume giving the thread a signal) and queue-signal
 * (give it at the next resume).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_dinfo.h"
#include "fs_modules.h"
#include "fs_vars.h"

static int
need_process(struct cmd_ctx *c)
{
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	return 0;
}

static int
c_jump(struct cmd_ctx *c, char *arg)
{
	const struct fs_frame *f;
	struct fs_where w;
	struct fs_err e;
	uint64_t addr, *addrs;
	char q[600];
	size_t n;

	arg = cmd_trim(arg);
	if (need_process(c) < 0)
		return -1;
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (starting address).");
	if (arg[0] == '*') {
		if (fs_session_eval_addr(c->s, arg + 1, c->frame, &addr,
		    &e) < 0)
			return cmd_fail_err(c, &e);
	} else {
		if (fs_session_resolve(c->s, arg, &addrs, &n, &e) < 0)
			return cmd_fail_err(c, &e);
		addr = n > 0 ? addrs[0] : 0;
		free(addrs);
		if (n != 1)
			return cmd_fail(c, n == 0 ? "No line %s in the current "
			    "file." : "Unreasonable jump request", arg);
	}
	/* gdb asks before it leaves the function for another.  */
	memset(&w, 0, sizeof w);
	fs_modules_where(fs_session_modules(c->s), addr, addr, &w);
	if (fs_session_frames_head(c->s, 1, &f, &n, NULL) == 0 && n > 0 &&
	    f[0].where.func != NULL && w.func != NULL && w.file != NULL &&
	    strcmp(f[0].where.func, w.func) != 0) {
		snprintf(q, sizeof q, "Line %u is not in `%s'.  Jump anyway? ",
		    w.line, f[0].where.func);
		cmd_query(c, q);
	}
	if (!c->batch)
		fprintf(c->out, "Continuing at 0x%" PRIx64 ".\n", addr);
	fflush(c->out);
	if (fs_session_jump(c->s, addr, &e) < 0)
		return cmd_fail_err(c, &e);
	c->frame = 0;
	cmd_print_stop(c, false);
	return 0;
}

/* The function frame F is in: its scope, for its return type.  */
static const struct fs_scope *
function_of(const struct fs_frame *f)
{
	const struct fs_scope *sc = f->scope;

	while (sc != NULL && sc->kind != FS_SCOPE_FUNCTION &&
	    sc->kind != FS_SCOPE_INLINED)
		sc = sc->parent;
	return sc;
}

/* The size of T (under its typedefs and qualifiers) when it is a
   floating-point type, returned in xmm0 or st(0); else 0.  */
static uint64_t
float_size(const struct fs_type *t)
{
	unsigned depth;

	for (depth = 0; t != NULL && depth < 64 && (t->kind ==
	    FS_TYPE_TYPEDEF || t->kind == FS_TYPE_CONST || t->kind ==
	    FS_TYPE_VOLATILE); depth++)
		t = t->target;
	return t != NULL && t->kind == FS_TYPE_BASE &&
	    t->encoding == FS_ATE_FLOAT ? t->size : 0;
}

/* V as the float or double (SIZE 4 or 8) xmm0 returns, or (X87) as
   st(0) returns a long double, or any of them on i386.  */
static int
set_float(struct cmd_ctx *c, const struct fs_vars_scalar *v, uint64_t size,
    bool x87)
{
	long double x = v->kind == 'f' ? v->fval : v->is_unsigned ?
	    (long double)v->ival : (long double)(int64_t)v->ival;
	struct fs_err e;
	double d = (double)x;
	float f = (float)x;
	int r;

	/* On the x87 stack the value is rounded to its type first.  */
	if (x87) {
		if (size == 4)
			x = f;
		else if (size == 8)
			x = d;
		r = fs_session_set_fpret(c->s, &x, 17, &e);
	} else
		r = fs_session_set_fpret(c->s, size == 4 ? (const void *)&f :
		    (const void *)&d, size == 4 ? sizeof f : sizeof d, &e);
	return r < 0 ? cmd_fail_err(c, &e) : 0;
}

static int
c_return(struct cmd_ctx *c, char *arg)
{
	const struct fs_arch *a = fs_session_arch(c->s);
	const struct fs_frame_regs *frp;
	struct fs_frame_regs fr;
	const struct fs_frame *f;
	const struct fs_scope *fn;
	struct fs_vars_scalar v;
	struct fs_err e;
	char q[600];
	const char *name;
	unsigned sel = c->frame, r;
	uint64_t fsize = 0;
	size_t n;

	arg = cmd_trim(arg);
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No selected frame.");
	if (fs_session_frames_head(c->s, sel + 2, &f, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	if (sel >= n)
		return cmd_fail(c, "No selected frame.");
	if (f[sel].inlined)
		return cmd_fail(c, "Can not force return from an inlined "
		    "function.");
	if (sel + 1 >= n || fs_session_frame_regs(c->s, f[sel].phys + 1,
	    &frp) < 0)
		return cmd_fail(c, "Can not force return from the outermost "
		    "frame.");
	fr = *frp;
	fn = function_of(&f[sel]);
	memset(&v, 0, sizeof v);
	if (*arg != '\0') {
		if (fs_vars_scalar(c->s, sel, arg, cmd_history(c), &v,
		    &e) < 0)
			return cmd_fail_err(c, &e);
		free(v.str);
		/* A float or double goes back in xmm0 (the function's
		   type says which; a number for a function of no known
		   type as a double), a long double in st(0), not written
		   yet.  */
		fsize = fn != NULL ? float_size(fn->ret_type) : 0;
		if (fsize == 0 && v.kind == 'f' && (fn == NULL ||
		    fn->ret_type == NULL))
			fsize = 8;
		if (fsize > 16)
			return cmd_fail(c, "framescope cannot return a "
			    "floating-point value of %" PRIu64 " bytes.",
			    fsize);
		if (v.kind != 'i' && v.kind != 'f')
			return cmd_fail(c, "framescope can return only a "
			    "number or a pointer.");
	}
	name = f[sel].where.func;
	if (!c->batch) {
		if (name != NULL)
			snprintf(q, sizeof q, "Make %s return now? ", name);
		else
			snprintf(q, sizeof q, "Make selected stack frame "
			    "return now? ");
		cmd_query(c, q);
	}
	/* The caller's registers as the frame keeps them for it: its
	   callee-saved ones, its rsp (the cfa) and rip (the return
	   address); then the value.  */
	for (r = 0; r < FS_UREG_N; r++) {
		const char *reg = fs_ureg_name_arch(a, r);

		if (!(fr.known & (1u << r)) || strcmp(reg, "?") == 0)
			continue;
		if (fs_session_set_reg(c->s, reg, fr.val[r], &e) < 0)
			return cmd_fail_err(c, &e);
	}
	if (*arg != '\0' && fsize != 0) {
		if (set_float(c, &v, fsize, fsize > 8 || a->word == 4) < 0)
			return -1;
	} else if (*arg != '\0' && fs_session_set_reg(c->s, a->word == 4 ?
	    "eax" : "rax", v.kind == 'f' ? (uint64_t)(int64_t)v.fval :
	    v.ival, &e) < 0)
		return cmd_fail_err(c, &e);
	c->frame = 0;
	/* No stop, but the frames changed: a front end's view is made
	   again (the TUI's panes).  */
	if (c->on_stop != NULL)
		c->on_stop(c, c->on_stop_arg);
	/* gdb shows where it is at a prompt.  */
	if (!c->batch)
		cmd_print_frame(c, 0, true);
	return 0;
}

static int
signal_arg(struct cmd_ctx *c, char *arg, int *sig)
{
	char *end;
	long n;

	arg = cmd_trim(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (signal number).");
	if (arg[0] >= '0' && arg[0] <= '9') {
		errno = 0;
		n = strtol(arg, &end, 10);
		if (*end != '\0' || errno != 0)
			return cmd_fail(c, "Invalid number \"%s\".", arg);
		if (n != 0 && (n < 1 || n > 15))
			return cmd_fail(c, "Only signals 1-15 are valid as "
			    "numeric signals.\nUse \"info signals\" for a list "
			    "of symbolic signals.");
		*sig = (int)n;
		return 0;
	}
	if ((*sig = fs_sigparse(arg)) <= 0)
		return cmd_fail(c, "No symbol \"%s\" in current context.", arg);
	return 0;
}

static int
c_signal(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	int sig;

	if (need_process(c) < 0 || signal_arg(c, arg, &sig) < 0)
		return -1;
	if (!c->batch && sig == 0)
		fprintf(c->out, "Continuing with no signal.\n");
	else if (!c->batch)
		fprintf(c->out, "Continuing with signal %s.\n",
		    fs_signame(sig));
	fflush(c->out);
	if (fs_session_signal(c->s, sig, true, &e) < 0)
		return cmd_fail_err(c, &e);
	c->frame = 0;
	cmd_print_stop(c, false);
	return 0;
}

static int
c_queue_signal(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	int sig;

	if (need_process(c) < 0 || signal_arg(c, arg, &sig) < 0)
		return -1;
	/* gdb refuses a signal it would not pass on.  */
	if (sig != 0 && !(fs_session_sigflags(c->s, sig) & FS_SIG_PASS))
		return cmd_fail(c, "Signal handling set to not pass this signal "
		    "to the program.");
	if (fs_session_signal(c->s, sig, false, &e) < 0)
		return cmd_fail_err(c, &e);
	return 0;
}

const struct cmd_entry cmd_flow_table[] = {
	{ "jump", { "j", NULL }, c_jump, NULL,
	    "jump LOCATION|*ADDR -- continue the program at LOCATION" },
	{ "return", { NULL }, c_return, NULL,
	    "return [EXPR] -- pop the selected frame now, returning EXPR" },
	{ "signal", { NULL }, c_signal, NULL,
	    "signal SIG -- continue, giving the program signal SIG (0: none)" },
	{ "queue-signal", { NULL }, c_queue_signal, NULL,
	    "queue-signal SIG -- give the program signal SIG when it goes "
	    "on" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};
