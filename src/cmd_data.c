/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_data: values: print, display, undisplay, whatis, ptype, info locals, info args, info registers.
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
#include "fs_regs.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "cmd_int.h"

/* ------------------------------------------------------------ registers */

/* One line of `info registers': NAME as asked for, then as gdb shows
   a register of its kind: a float as its value and its raw bytes, a
   vector in hex, the others in hex and as their type says.  */
static int
show_register(struct cmd_ctx *c, const char *name)
{
	const struct fs_reg *r;
	struct fs_err e;
	uint8_t buf[64];
	char *hexs = NULL, *nat = NULL;
	int i, rc;

	if ((rc = fs_vars_register(c->s, c->frame, name, &r, buf, &e)) < 0)
		return cmd_fail_err(c, &e);
	if (r->is_float) {
		(void)fs_vars_format_as(c->s, r->type, buf, NULL, r->size, 0, 0,
		    &nat);
		fprintf(c->out, "%-15s%-19s (raw 0x", name, nat ? nat : "");
		for (i = (int)r->size - 1; i >= 0; i--)
			fprintf(c->out, "%02x", buf[i]);
		fputs(")\n", c->out);
	} else if (r->is_vector) {
		(void)fs_vars_format_as(c->s, r->type, buf, NULL, r->size, 'x',
		    0, &hexs);
		fprintf(c->out, "%-15s%s\n", name, hexs ? hexs : "");
	} else {
		(void)fs_vars_format_as(c->s, r->type, buf, NULL, r->size, 'x',
		    0, &hexs);
		(void)fs_vars_format_as(c->s, r->type, buf, NULL, r->size, 0, 0,
		    &nat);
		fprintf(c->out, "%-15s%-19s %s\n", name, hexs ? hexs : "",
		    nat ? nat : "");
	}
	free(hexs);
	free(nat);
	return 0;
}

static int
show_group(struct cmd_ctx *c, enum fs_reggroup g)
{
	const struct fs_reg *const *rs;
	size_t i, n = fs_regs_group(g, &rs);
	int rc;

	for (i = 0; i < n; i++)
		if ((rc = show_register(c, rs[i]->name)) < 0)
			return rc;
	return 0;
}

/* The registers of group G beyond the general ones that a program of
   architecture A has: as many vector registers as it has, and gdb's
   MMX registers at the end of the vector and all groups on i386.  */
static int
show_extended(struct cmd_ctx *c, enum fs_reggroup g, const struct fs_arch *a)
{
	const struct fs_reg *const *rs;
	size_t i, n = fs_regs_group(g, &rs);
	char mm[8];
	int rc;

	for (i = 0; i < n; i++)
		if (fs_regs_extended_of(rs[i], a->nvec, a->mmx) &&
		    (rc = show_register(c, rs[i]->name)) < 0)
			return rc;
	for (i = 0; a->mmx && (g == FS_RG_VECTOR || g == FS_RG_ALL) &&
	    i < 8; i++) {
		snprintf(mm, sizeof mm, "mm%zu", i);
		if ((rc = show_register(c, mm)) < 0)
			return rc;
	}
	return 0;
}

/* An i386 process: its general registers, as gdb shows them there.  */
static void
eflags_text(uint64_t v, char *buf, size_t len)
{
	static const struct { int bit; const char *name; } fl[] = {
		{ 0, "CF" }, { 2, "PF" }, { 4, "AF" }, { 6, "ZF" },
		{ 7, "SF" }, { 8, "TF" }, { 9, "IF" }, { 10, "DF" },
		{ 11, "OF" },
	};
	size_t i, off;

	off = (size_t)snprintf(buf, len, "[ ");
	for (i = 0; i < sizeof fl / sizeof fl[0] && off < len; i++)
		if (v & (1ULL << fl[i].bit))
			off += (size_t)snprintf(buf + off, len - off, "%s ",
			    fl[i].name);
	if (off < len)
		snprintf(buf + off, len - off, "]");
}

static int
info_registers_arch(struct cmd_ctx *c, char *arg)
{
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	struct fs_where w;
	struct fs_err e;
	char hexs[32], nat[640], *want[32], *p;
	size_t i, k, nwant = 0, n, nregs;
	const struct fs_arch *a = fs_session_arch(c->s);
	const struct fs_regdesc *regs = a->regs;
	const struct fs_reg *x;
	enum fs_reggroup g;
	uint64_t v;
	bool found, all;
	int rc;

	while (nwant < 32 && (p = cmd_word(&arg)) != NULL)
		want[nwant++] = p[0] == '$' ? p + 1 : p;
	if (fs_session_regs(c->s, &r, &e) < 0)
		return cmd_fail_err(c, &e);
	if (fs_session_frames_head(c->s, 0, &f, &n, NULL) < 0)
		n = 0;
	nregs = a->nregs;
	for (k = 0; k < (nwant ? nwant : 1); k++) {
		found = all = false;
		/* The other registers are x86-64's, as many as the
		   architecture has.  */
		if (nwant && fs_regs_group_named(want[k], &g) == 0 &&
		    g != FS_RG_GENERAL && g != FS_RG_ALL) {
			if (g == FS_RG_SYSTEM)
				return cmd_fail(c, "info registers system: "
				    "not shown for %s", a->name);
			if ((rc = show_extended(c, g, a)) < 0)
				return rc;
			continue;
		}
		if (nwant && (x = fs_regs_find(want[k])) != NULL &&
		    fs_regs_extended_of(x, a->nvec, a->mmx)) {
			if ((rc = show_register(c, want[k])) < 0)
				return rc;
			continue;
		}
		if (nwant && (strcmp(want[k], "general") == 0 ||
		    (all = strcmp(want[k], "all") == 0))) {
			found = true;
			want[k] = NULL;
		}
		for (i = 0; i < nregs; i++) {
			const char *name = regs[i].name;

			if (nwant && want[k] != NULL &&
			    strcmp(want[k], name) != 0 &&
			    !(strcmp(want[k], "pc") == 0 &&
			    regs[i].kind == FS_REG_CODE) &&
			    !(strcmp(want[k], "sp") == 0 &&
			    strcmp(name, a->sp) == 0) &&
			    !(strcmp(want[k], "fp") == 0 &&
			    strcmp(name, a->fp) == 0))
				continue;
			found = true;
			v = fs_arch_word(a, (const char *)r + regs[i].off);
			/* In a caller's frame, what it sees of pc, sp, fp.  */
			if (c->frame > 0 && c->frame < n) {
				if (regs[i].kind == FS_REG_CODE)
					v = f[c->frame].pc;
				else if (strcmp(name, a->sp) == 0)
					v = f[c->frame].sp;
				else if (strcmp(name, a->fp) == 0)
					v = f[c->frame].fp;
			}
			snprintf(hexs, sizeof hexs, "0x%" PRIx64, v);
			switch (regs[i].kind) {
			case FS_REG_POINTER:
				snprintf(nat, sizeof nat, "0x%" PRIx64, v);
				break;
			case FS_REG_CODE:
				fs_modules_where(fs_session_modules(c->s), v, v,
				    &w);
				if (w.func != NULL)
					snprintf(nat, sizeof nat,
					    "0x%" PRIx64 " %s", v,
					    cmd_sym_offset(w.func, v - w.func_addr));
				else
					snprintf(nat, sizeof nat, "0x%" PRIx64,
					    v);
				break;
			case FS_REG_FLAGS:
				eflags_text(v, nat, sizeof nat);
				break;
			default:
				snprintf(nat, sizeof nat, "%" PRId64,
				    a->word == 4 ? (int64_t)(int32_t)v :
				    (int64_t)v);
				break;
			}
			fprintf(c->out, "%-15s%-19s %s\n", name, hexs, nat);
		}
		/* The general group ends with AVX-512's mask registers,
		   where the processor has them; all goes on with the
		   others.  */
		if ((!nwant || want[k] == NULL) &&
		    (rc = show_extended(c, all ? FS_RG_ALL : FS_RG_GENERAL,
		    a)) < 0)
			return rc;
		if (nwant && !found)
			return cmd_fail(c, "Invalid register `%s'", want[k]);
	}
	return 0;
}

/* info registers [GROUP|REG...]: gdb's general group without one.  */
static int
info_registers(struct cmd_ctx *c, char *arg)
{
	const struct user_regs_struct *r;
	enum fs_reggroup g;
	struct fs_err e;
	char *p;
	int rc;

	if (fs_session_arch(c->s)->word == 4)
		return info_registers_arch(c, arg);
	if (fs_session_regs(c->s, &r, &e) < 0)
		return cmd_fail_err(c, &e);
	if (*cmd_skip(arg) == '\0')
		return show_group(c, FS_RG_GENERAL);
	while ((p = cmd_word(&arg)) != NULL) {
		if (p[0] == '$')
			p++;
		if (fs_regs_group_named(p, &g) == 0)
			rc = show_group(c, g);
		else
			rc = show_register(c, p);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
info_all_registers(struct cmd_ctx *c, char *arg)
{
	if (*cmd_skip(arg) != '\0')
		return info_registers(c, arg);
	return info_registers(c, (char *)"all");
}

/* gdb's `info locals' and `info args' of FRAME: one "name = value" a
   line after INDENT spaces (`bt full' indents by 8, but not its "No
   locals.").  */
int
cmd_print_vars(struct cmd_ctx *c, unsigned frame, bool args, int indent)
{
	struct fs_frame_vars *fv;
	const struct fs_varval *v;
	struct fs_err e;
	size_t i, n, shown = 0;

	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No frame selected.");
	if (fs_vars_frame(c->s, frame, &fv, &e) < 0)
		return cmd_fail_err(c, &e);
	if (fv->func == NULL) {
		fs_vars_free(fv);
		fprintf(c->out, "No symbol table info available.\n");
		return 0;
	}
	v = args ? fv->args : fv->locals;
	n = args ? fv->nargs : fv->nlocals;
	for (i = 0; i < n; i++) {
		char *pv;

		/* gdb's info locals leaves out a local that is only a
		   constant given as bytes (a double's DW_AT_const_value at
		   -O2); print still knows it.  */
		if (!args && v[i].var->loc.kind == FS_LOC_CONST &&
		    v[i].var->loc.const_block)
			continue;
		pv = cmd_pretty(c, v[i].value ? v[i].value : "<error>");
		fprintf(c->out, "%*s%s = %s\n", indent, "", v[i].var->name ?
		    v[i].var->name : "?", pv != NULL ? pv : "<error>");
		free(pv);
		shown++;
	}
	if (shown == 0)
		fprintf(c->out, args ? "No arguments.\n" : "No locals.\n");
	fs_vars_free(fv);
	return 0;
}

static int
info_locals(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return cmd_print_vars(c, c->frame, false, 0);
}

static int
info_args(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return cmd_print_vars(c, c->frame, true, 0);
}

/* print's /FMT (NULL: none) as its letter, 0 for none.  */
int
cmd_print_letter(struct cmd_ctx *c, const char *fmt, int *letter)
{
	*letter = 0;
	if (fmt != NULL) {
		while (*fmt >= '0' && *fmt <= '9')
			fmt++;
		if (strlen(fmt) != 1 || strchr("xduotcazsf", *fmt) == NULL)
			return cmd_fail(c, "Undefined output format \"%s\".", fmt);
		*letter = *fmt;
	}
	return 0;
}

/* PREFIX (with NUM) and VAL, laid out by print pretty, on a line; VAL
   freed.  */
static void
pretty_out(struct cmd_ctx *c, const char *prefix, unsigned num, char *val)
{
	char *pv = cmd_pretty(c, val);

	fprintf(c->out, prefix, num);
	fprintf(c->out, "%s\n", pv != NULL ? pv : val);
	free(pv);
	free(val);
}

/* print's options before a `--' (print -pretty -- x), then its /FMT
   after them; FN does the rest with them set.  */
static int
with_print_options(struct cmd_ctx *c, char *arg, const char *fmt,
    int (*fn)(struct cmd_ctx *, char *, const char *))
{
	unsigned long *saved = NULL;
	char letter[16];
	size_t n;
	int r;

	if (fmt == NULL && cmd_print_options(c, &arg, &saved) < 0)
		return -1;
	arg = cmd_skip(arg);
	if (saved != NULL && *arg == '/') {
		n = strcspn(arg + 1, " \t");
		snprintf(letter, sizeof letter, "%.*s", (int)n, arg + 1);
		fmt = letter;
		arg += 1 + n;
	}
	r = fn(c, arg, fmt);
	cmd_print_options_end(c, saved);
	return r;
}

static int	print_value(struct cmd_ctx *, char *, const char *);
static int	call_value(struct cmd_ctx *, char *, const char *);

/* gdb's print: "$N = value", N counting the values printed.  */
static int
c_print(struct cmd_ctx *c, char *arg, const char *fmt)
{
	return with_print_options(c, arg, fmt, print_value);
}

static int
print_value(struct cmd_ctx *c, char *arg, const char *fmt)
{
	struct fs_err e;
	char *val;
	unsigned num;
	int letter, r;

	if (cmd_print_letter(c, fmt, &letter) < 0)
		return -1;
	arg = cmd_skip(arg);
	/* gdb: no expression shows the last value again, as a new one.  */
	if (*arg == '\0')
		arg = (char *)"$";
	if (cmd_history(c) == NULL)
		return cmd_fail(c, "out of memory");
	/* A function it calls may stop: the stop is shown (cmd.c).  */
	c->evaluating = true;
	r = fs_vars_print_hist(c->s, c->frame, arg, letter, c->hist, &num,
	    NULL, &val, &e);
	c->evaluating = false;
	if (r < 0)
		return cmd_fail_err(c, &e);
	pretty_out(c, "$%u = ", num, val);
	return 0;
}

/* set var EXPR: evaluated for its stores, nothing printed, no value
   kept.  */
int
cmd_eval_quiet(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *val = NULL;
	int r;

	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (expression to compute).");
	if (cmd_history(c) == NULL)
		return cmd_fail(c, "out of memory");
	c->evaluating = true;
	r = fs_vars_print_hist(c->s, c->frame, arg, 0, c->hist, NULL, NULL,
	    &val, &e);
	c->evaluating = false;
	free(val);
	return r < 0 ? cmd_fail_err(c, &e) : 0;
}

/* gdb's call: print, but nothing for a function that returns void.  */
static int
c_call(struct cmd_ctx *c, char *arg, const char *fmt)
{
	return with_print_options(c, arg, fmt, call_value);
}

static int
call_value(struct cmd_ctx *c, char *arg, const char *fmt)
{
	struct fs_err e;
	char *type = NULL, *val = NULL;
	int r;

	arg = cmd_skip(arg);
	if (*arg == '\0')
		return print_value(c, arg, fmt);
	if (cmd_history(c) == NULL)
		return cmd_fail(c, "out of memory");
	if (fs_vars_type_hist(c->s, c->frame, arg, false, c->hist, &type,
	    &e) == 0 && strcmp(type, "void") == 0) {
		free(type);
		c->evaluating = true;
		r = fs_vars_print_hist(c->s, c->frame, arg, 0, c->hist, NULL,
		    NULL, &val, &e);
		c->evaluating = false;
		free(val);
		return r < 0 ? cmd_fail_err(c, &e) : 0;
	}
	free(type);
	return print_value(c, arg, fmt);
}

/* ---------------------------------------------------- history, display */

struct fs_vars_hist *
cmd_history(struct cmd_ctx *c)
{
	if (c->hist == NULL && fs_vars_hist_new(&c->hist) < 0)
		c->hist = NULL;
	return c->hist;
}

/* The errors gdb finds when it parses an expression, which keep a
   display from being made; the others (memory, registers) are shown in
   its place at every stop.  */
static bool
parse_error(const char *msg)
{
	static const char *const pre[] = { "A syntax error", "No symbol ",
	    "Invalid number \"", "Unmatched single quote.",
	    "Empty character constant.", "Numeric constant too large.",
	    "Unterminated character literal", "empty character literal",
	    "overlong character literal", "Tuple expressions not supported",
	    "name too long", "expression too deep" };
	size_t i;

	for (i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (strncmp(msg, pre[i], strlen(pre[i])) == 0)
			return true;
	return false;
}

/* Display D's /FMT as x takes it: count, letter, size.  */
static void
display_xfmt(const struct cmd_display *d, char *buf, size_t len,
    bool label)
{
	unsigned long count = 1;
	const char *p = d->fmt;
	char letter = 'x', size = 0;

	if (isdigit((unsigned char)*p))
		count = strtoul(p, (char **)&p, 10);
	for (; *p != '\0'; p++)
		if (strchr("bhwg", *p) != NULL)
			size = *p;
		else
			letter = *p;
	if (label) {
		/* As gdb shows it: "x/i", "x/2i", "x/xw".  */
		char n[24] = "";

		if (count != 1)
			snprintf(n, sizeof n, "%lu", count);
		snprintf(buf, len, "%s%c", n, letter);
		if (letter != 'i' && letter != 's' && size != 0 &&
		    strlen(buf) + 1 < len)
			strncat(buf, &size, 1);
	} else
		snprintf(buf, len, "%lu%c%c", count, letter == 'i' ||
		    letter == 's' ? 'b' : size, letter);
}

static void
show_display(struct cmd_ctx *c, struct cmd_display *d)
{
	struct fs_err e;
	char *val = NULL, xf[32];
	int r;

	if (d->xstyle) {
		display_xfmt(d, xf, sizeof xf, true);
		fprintf(c->out, "%u: x/%s %s%s", d->num, xf, d->expr,
		    strchr(d->fmt, 's') != NULL ? "  " : "\n");
		(void)cmd_x(c, d->expr, xf);
		return;
	}
	memset(&e, 0, sizeof e);
	/* gdb takes any letter, and says so when it shows the value.  */
	if (d->fmt[0] != '\0' && strchr("xduotcazf", d->fmt[0]) == NULL)
		r = fs_err_set(&e, FS_E_USAGE, "Undefined output format "
		    "\"%s\".", d->fmt);
	else
		r = fs_vars_print_hist(c->s, c->frame, d->expr, d->fmt[0],
		    cmd_history(c), NULL, NULL, &val, &e);
	fprintf(c->out, "%u: %s%s%s", d->num, d->fmt[0] ? "/" : "",
	    d->fmt, d->fmt[0] ? " " : "");
	fputs(d->expr, c->out);
	if (r < 0)
		fprintf(c->out, " = <error: %s>\n", e.msg[0] ? e.msg :
		    fs_strerror(e.code));
	else {
		char *pv = cmd_pretty(c, val);

		fprintf(c->out, " = %s\n", pv != NULL ? pv : val);
		free(pv);
	}
	free(val);
}

/* Every display that is on and in scope, in number order: after a stop
   that shows a frame, and `display' alone.  */
void
cmd_do_displays(struct cmd_ctx *c)
{
	size_t i;

	for (i = 0; i < c->ndisplays; i++)
		if (c->displays[i].enabled && fs_vars_in_block(c->s, c->frame,
		    c->displays[i].block))
			show_display(c, &c->displays[i]);
}

/* display[/FMT] [EXPR]  */
static int
c_display(struct cmd_ctx *c, char *arg, const char *fmt)
{
	struct cmd_display *nv, d;
	const struct fs_scope *block = NULL;
	struct fs_err e;
	char *val = NULL;
	const char *p;
	int r;

	arg = cmd_skip(arg);
	if (*arg == '\0') {
		cmd_do_displays(c);
		return 0;
	}
	memset(&d, 0, sizeof d);
	if (fmt != NULL) {
		if (strlen(fmt) >= sizeof d.fmt)
			return cmd_fail(c, "Invalid number \"%s\".", fmt);
		for (p = fmt; isdigit((unsigned char)*p); p++)
			;
		for (; *p != '\0'; p++) {
			if (strchr("bhwgis", *p) != NULL)
				d.xstyle = true;
		}
		if (d.xstyle)
			snprintf(d.fmt, sizeof d.fmt, "%s", fmt);
		else {
			/* A count means nothing to print's formats.  */
			for (p = fmt; isdigit((unsigned char)*p); p++)
				;
			snprintf(d.fmt, sizeof d.fmt, "%.1s", p);
		}
	}
	/* Evaluated once to know it parses and what block it belongs to. */
	memset(&e, 0, sizeof e);
	r = fs_vars_print_hist(c->s, c->frame, arg, 0, cmd_history(c), NULL,
	    &block, &val, &e);
	free(val);
	if (r < 0 && parse_error(e.msg))
		return cmd_fail_err(c, &e);
	if ((d.expr = strdup(arg)) == NULL ||
	    (nv = realloc(c->displays, (c->ndisplays + 1) * sizeof *nv)) ==
	    NULL) {
		free(d.expr);
		return cmd_fail(c, "out of memory");
	}
	d.expr[strcspn(d.expr, "\n")] = '\0';
	/* Trailing blanks are not part of it.  */
	for (r = (int)strlen(d.expr); r > 0 && isspace((unsigned char)
	    d.expr[r - 1]); r--)
		d.expr[r - 1] = '\0';
	d.num = ++c->display_next;
	d.enabled = true;
	d.block = block;
	c->displays = nv;
	nv[c->ndisplays++] = d;
	/* gdb shows a new display at once only at a prompt.  */
	if (!c->batch)
		show_display(c, &nv[c->ndisplays - 1]);
	return 0;
}

static struct cmd_display *
display_find(struct cmd_ctx *c, unsigned num)
{
	size_t i;

	for (i = 0; i < c->ndisplays; i++)
		if (c->displays[i].num == num)
			return &c->displays[i];
	return NULL;
}

/* OP on the displays ARG names (numbers and ranges N-M), all without:
   0 delete, 1 enable, 2 disable.  */
static int
display_op(struct cmd_ctx *c, char *arg, int op)
{
	struct cmd_display *d;
	unsigned long lo, hi, n;
	char *w, *end;
	size_t i;

	arg = cmd_skip(arg);
	if (*arg == '\0') {
		if (op == 0) {
			/* gdb asks; batch answers for the user.  */
			cmd_query(c, "Delete all auto-display expressions? ");
			while (c->ndisplays > 0)
				free(c->displays[--c->ndisplays].expr);
			return 0;
		}
		for (i = 0; i < c->ndisplays; i++)
			c->displays[i].enabled = op == 1;
		return 0;
	}
	while ((w = cmd_word(&arg)) != NULL) {
		lo = strtoul(w, &end, 10);
		hi = lo;
		if (*end == '-')
			hi = strtoul(end + 1, &end, 10);
		if (end == w || *end != '\0' || !isdigit((unsigned char)*w))
			return cmd_fail(c, "Arguments must be display numbers.");
		for (n = lo; n <= hi && n - lo < 100000; n++) {
			if ((d = display_find(c, (unsigned)n)) == NULL) {
				fprintf(c->out, "No display number %lu.\n", n);
				continue;
			}
			if (op != 0) {
				d->enabled = op == 1;
				continue;
			}
			free(d->expr);
			i = (size_t)(d - c->displays);
			memmove(d, d + 1, (c->ndisplays - i - 1) * sizeof *d);
			c->ndisplays--;
		}
	}
	return 0;
}

static int
c_undisplay(struct cmd_ctx *c, char *arg)
{
	return display_op(c, arg, 0);
}

/* `delete display', `enable display', `disable display': 1 when ARG
   starts with "display" (done, *R its result), else 0.  */
int
cmd_display_subcommand(struct cmd_ctx *c, char *arg, int op)
{
	char *p = cmd_skip(arg);
	size_t n = strcspn(p, " \t");

	if (n < 4 || strncmp(p, "display", n) != 0 || n > 7)
		return -2;
	return display_op(c, p + n, op);
}

static int
info_display(struct cmd_ctx *c, char *arg)
{
	struct cmd_display *d;
	char xf[32];
	size_t i;

	(void)arg;
	if (c->ndisplays == 0) {
		fprintf(c->out, "There are no auto-display expressions "
		    "now.\n");
		return 0;
	}
	fprintf(c->out, "Auto-display expressions now in effect:\n"
	    "Num Enb Expression\n");
	for (i = 0; i < c->ndisplays; i++) {
		d = &c->displays[i];
		fprintf(c->out, "%u:   %c  ", d->num, d->enabled ? 'y' : 'n');
		if (d->xstyle) {
			display_xfmt(d, xf, sizeof xf, false);
			fprintf(c->out, "/%s ", xf);
		} else if (d->fmt[0] != '\0')
			fprintf(c->out, "/%s ", d->fmt);
		fputs(d->expr, c->out);
		if (d->block != NULL && !fs_vars_in_block(c->s, c->frame,
		    d->block))
			fputs(" (cannot be evaluated in the current context)",
			    c->out);
		fputc('\n', c->out);
	}
	return 0;
}

/* whatis and ptype: "type = ...".  */
static int
type_of(struct cmd_ctx *c, char *arg, bool expand)
{
	char dollar[] = "$", *text;
	struct fs_err e;

	arg = cmd_skip(arg);
	/* Alone: the type of the last value printed, as gdb's.  */
	if (*arg == '\0') {
		if (cmd_history(c) == NULL ||
		    fs_vars_hist_count(cmd_history(c)) == 0)
			return cmd_fail(c, "The history is empty.");
		arg = dollar;
	}
	if (fs_vars_type_hist(c->s, c->frame, arg, expand, cmd_history(c), &text,
	    &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "type = %s\n", text);
	free(text);
	return 0;
}

static int
c_whatis(struct cmd_ctx *c, char *arg)
{
	char *w;

	/* gdb takes ptype's flags, and does nothing with them here.  */
	arg = cmd_skip(arg);
	if (*arg == '/') {
		w = arg + 1;
		while (*arg != '\0' && !isspace((unsigned char)*arg))
			arg++;
		if (*arg == '\0')
			return cmd_fail(c, "expected space after format");
		for (; w < arg; w++)
			if (strchr("rmMtToxd", *w) == NULL)
				return cmd_fail(c, "unrecognized flag '%c'", *w);
	}
	return type_of(c, arg, false);
}

/* ptype[/FLAGS]: gdb's flags; /o the offsets of a struct's members,
   in hex with /x; /r /m /M /t /T (C++'s) change nothing here.  */
static int
c_ptype(struct cmd_ctx *c, char *arg, const char *fmt)
{
	bool o = false, hex = false;
	struct fs_err e;
	char *text, *w;
	const char *f;

	/* "ptype /o EXPR" as "ptype/o EXPR".  */
	arg = cmd_skip(arg);
	if ((fmt == NULL || *fmt == '\0') && *arg == '/') {
		w = arg + 1;
		while (*arg != '\0' && !isspace((unsigned char)*arg))
			arg++;
		if (*arg == '\0' && arg > w)
			return cmd_fail(c, "expected space after format");
		if (*arg != '\0')
			*arg++ = '\0';
		fmt = w;
	} else if (fmt != NULL && *fmt != '\0' && *arg == '\0')
		return cmd_fail(c, "expected space after format");
	for (f = fmt != NULL ? fmt : ""; *f != '\0'; f++) {
		if (*f == 'o')
			o = true;
		else if (*f == 'x')
			hex = true;
		else if (*f == 'd')
			hex = false;
		else if (strchr("rmMtT", *f) == NULL)
			return cmd_fail(c, "unrecognized flag '%c'", *f);
	}
	if (!o)
		return type_of(c, arg, true);
	if (fs_vars_ptype_offsets(c->s, c->frame, arg, hex, cmd_history(c),
	    &text, &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "%s\n", text);
	free(text);
	return 0;
}

const struct cmd_entry cmd_data_table[] = {
	{ "call", { NULL }, NULL, c_call,
	    "call[/FMT] EXPR -- call a function in the program and print its value (nothing for void): call f(1, 2)" },
	{ "display", { NULL }, NULL, c_display,
	    "display[/FMT] [EXPR] -- print EXPR at every stop (FMT: print's letters, or i and s as x shows them); alone, show them all now" },
	{ "print", { "p", "inspect", NULL }, NULL, c_print,
	    "print[/FMT] [EXPR] -- print the value of EXPR (variables, . -> [] * &, arithmetic, calls f(1, 2), $registers, history $ $$ $$N $N, ADDR@COUNT; FMT: x d u o t c a z f); alone, the last value again" },
	{ "ptype", { NULL }, NULL, c_ptype,
	    "ptype[/o] EXPR -- the type of EXPR, its struct, union or enum written out (/o: each member's offset and size, the holes and padding; /ox in hex)" },
	{ "undisplay", { NULL }, c_undisplay, NULL,
	    "undisplay [N...] -- delete displays (all without N); also delete display, enable display [N...], disable display [N...]" },
	{ "whatis", { NULL }, c_whatis, NULL,
	    "whatis EXPR -- the type of EXPR, by name" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_data_info[] = {
	{ "registers", 1, info_registers },
	{ "all-registers", 2, info_all_registers },
	{ "locals", 2, info_locals },
	{ "args", 2, info_args },
	{ "display", 2, info_display },
	{ NULL, 0, NULL },
};
