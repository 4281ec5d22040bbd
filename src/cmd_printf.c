/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_printf: gdb's formatted output, printf "FMT", ARGS... and output
 * EXPR.  The format is cut into pieces as gdb cuts it, literal text and
 * one conversion each, checked before any argument is evaluated; every
 * argument is evaluated before anything is printed, then each piece is
 * converted as gdb converts it (value_as_long for the integers, the C
 * string read from the program for %s, an integer of a float's size
 * read as that float for %f) and printed by the C library's printf, so
 * widths, precisions and flags are the C library's, as in gdb.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_arch.h"
#include "fs_vars.h"

enum piece_kind {
	P_LITERAL, P_INT, P_LONG, P_LLONG, P_SIZE, P_PTR, P_STRING,
	P_WIDE, P_DOUBLE, P_LDOUBLE,
};

struct piece {
	enum piece_kind	 kind;
	char		*text;	/* the literal, or the conversion "%-5d" */
};

struct format {
	struct piece	*p;
	size_t		 n, nargs;
};

static void
format_free(struct format *f)
{
	while (f->n > 0)
		free(f->p[--f->n].text);
	free(f->p);
	f->p = NULL;
}

static int
piece_add(struct format *f, enum piece_kind kind, const char *text,
    size_t len)
{
	struct piece *np;

	if ((np = realloc(f->p, (f->n + 1) * sizeof *np)) == NULL)
		return -1;
	f->p = np;
	if ((np[f->n].text = strndup(text, len)) == NULL)
		return -1;
	np[f->n++].kind = kind;
	if (kind != P_LITERAL)
		f->nargs++;
	return 0;
}

/* The conversion at *P (after its '%'), as gdb's format_pieces checks
   it: its kind, or -1 with gdb's message.  *P is left after it.  */
static int
conversion(struct cmd_ctx *c, const char **pp)
{
	const char *p = *pp;
	bool hash = false, zero = false, space = false, plus = false;
	bool prec = false, h = false, big_l = false, size_t_ = false;
	int lcount = 0, kind;
	bool bad = false;

	for (; *p != '\0' && strchr("0-+ #", *p) != NULL; p++) {
		hash |= *p == '#';
		zero |= *p == '0';
		space |= *p == ' ';
		plus |= *p == '+';
	}
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		prec = true;
		for (p++; isdigit((unsigned char)*p); p++)
			;
	}
	if (*p == 'h') {
		h = true;
		p++;
	} else if (*p == 'l') {
		for (; *p == 'l'; p++)
			lcount++;
	} else if (*p == 'L') {
		big_l = true;
		p++;
	} else if (*p == 'z') {
		size_t_ = true;
		p++;
	}
	switch (*p) {
	case 'u':
		bad |= hash;
		/* FALLTHROUGH */
	case 'o': case 'x': case 'X':
		bad |= space || plus;
		/* FALLTHROUGH */
	case 'd': case 'i':
		kind = size_t_ ? P_SIZE : lcount == 0 ? P_INT : lcount == 1 ?
		    P_LONG : P_LLONG;
		bad |= big_l || lcount > 2;
		break;
	case 'c':
		kind = lcount == 0 ? P_INT : P_WIDE;
		bad |= lcount > 1 || h || big_l || prec || zero || space ||
		    plus || size_t_;
		break;
	case 'p':
		kind = P_PTR;
		bad |= lcount > 0 || h || big_l || prec || hash || zero ||
		    space || plus || size_t_;
		break;
	case 's':
		kind = lcount == 0 ? P_STRING : P_WIDE;
		bad |= lcount > 1 || h || big_l || zero || space || plus ||
		    size_t_;
		break;
	case 'e': case 'f': case 'g': case 'E': case 'G':
		kind = big_l ? P_LDOUBLE : P_DOUBLE;
		bad |= lcount > 0 || h || size_t_;
		break;
	case '*':
		return cmd_fail(c, "`*' not supported for precision or width "
		    "in printf");
	case 'n':
		return cmd_fail(c, "Format specifier `n' not supported in "
		    "printf");
	case '\0':
		return cmd_fail(c, "Incomplete format specifier at end of "
		    "format string");
	default:
		return cmd_fail(c, "Unrecognized format specifier '%c' in "
		    "printf", *p);
	}
	if (bad)
		return cmd_fail(c, "Inappropriate modifiers to format "
		    "specifier '%c' in printf", *p);
	*pp = p + 1;
	return kind;
}

/* The quoted format at the start of *ARG into F, *ARG left after its
   closing quote.  As gdb, its escapes are done first, then the text is
   cut into pieces.  */
static int
format_parse(struct cmd_ctx *c, char **arg, struct format *f)
{
	static const char esc[] = "\\\\a\ab\be\033f\fn\nr\rt\tv\v\"\"";
	const char *p = cmd_skip(*arg), *q, *start;
	char *str, *lit;
	size_t n = 0, nlit = 0;
	int kind;

	memset(f, 0, sizeof *f);
	if (*p == '\0')
		return cmd_fail(c, "Argument required (format-control string "
		    "and values to print).");
	if (*p++ != '"')
		return cmd_fail(c, "Bad format string, missing '\"'.");
	if ((str = malloc(2 * strlen(p) + 2)) == NULL)
		return cmd_fail(c, "out of memory");
	lit = str + strlen(p) + 1;
	for (; *p != '"'; p++) {
		if (*p == '\0') {
			free(str);
			return cmd_fail(c, "Bad format string, non-terminated "
			    "'\"'.");
		}
		if (*p != '\\') {
			str[n++] = *p;
			continue;
		}
		for (q = esc; *q != '\0' && *q != p[1]; q += 2)
			;
		if (*q == '\0' || p[1] == '\0') {
			free(str);
			return cmd_fail(c, "Unrecognized escape character \\%c "
			    "in format string.", p[1]);
		}
		str[n++] = q[1];
		p++;
	}
	str[n] = '\0';
	*arg = (char *)p + 1;
	for (p = str; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '%') {
			lit[nlit++] = *p;
			p += *p == '%';
			continue;
		}
		if (nlit > 0 && piece_add(f, P_LITERAL, lit, nlit) < 0)
			goto nomem;
		nlit = 0;
		start = p++;
		if ((kind = conversion(c, &p)) < 0) {
			free(str);
			format_free(f);
			return -1;
		}
		if (piece_add(f, kind, start, (size_t)(p - start)) < 0)
			goto nomem;
		p--;
	}
	if (nlit > 0 && piece_add(f, P_LITERAL, lit, nlit) < 0)
		goto nomem;
	free(str);
	return 0;
nomem:
	free(str);
	format_free(f);
	return cmd_fail(c, "out of memory");
}

/* Cut the argument list ARG at its commas outside parentheses,
   brackets and quotes; a last empty one is not an argument, as in gdb.
   Returns how many, or -1.  */
static int
split_args(char *arg, char ***out)
{
	char **v = NULL, **nv, quote = 0, *start = arg, *p;
	int depth = 0, n = 0;

	for (p = arg;; p++) {
		if (quote != 0 && *p != '\0') {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		if (*p != '\0' && (*p != ',' || depth > 0))
			continue;
		if (*p == '\0' && *cmd_skip(start) == '\0')
			break;
		if ((nv = realloc(v, (n + 1) * sizeof *v)) == NULL) {
			free(v);
			return -1;
		}
		v = nv;
		v[n++] = start;
		if (*p == '\0')
			break;
		*p = '\0';
		start = p + 1;
	}
	*out = v;
	return n;
}

/* gdb's value_as_long.  */
static int
as_long(struct cmd_ctx *c, const struct fs_vars_scalar *v, uint64_t *out)
{
	switch (v->kind) {
	case 'i':
	case 'a':
		*out = v->ival;
		return 0;
	case 'f':
		*out = (uint64_t)(int64_t)v->fval;
		return 0;
	default:
		return cmd_fail(c, "Value can't be converted to integer.");
	}
}

/* A %f's argument as gdb's printf_floating takes it: a float, or the
   bytes of anything of a float's size read as that float, or an
   integer converted.  */
static int
as_float(struct cmd_ctx *c, const struct fs_vars_scalar *v, long double *out)
{
	size_t ldsize = fs_session_arch(c->s)->word == 4 ? 12 : 16;

	if (v->kind == 'f') {
		*out = v->fval;
	} else if (v->len == sizeof(float)) {
		float x;

		memcpy(&x, v->bytes, sizeof x);
		*out = x;
	} else if (v->len == sizeof(double)) {
		double x;

		memcpy(&x, v->bytes, sizeof x);
		*out = x;
	} else if (v->len == ldsize) {
		long double x = 0;

		memcpy(&x, v->bytes, 10);
		*out = x;
	} else if (v->kind == 'i')
		*out = v->is_unsigned ? (long double)v->ival :
		    (long double)(int64_t)v->ival;
	else
		return cmd_fail(c, "Invalid cast.");
	return 0;
}

/* The C string at ADDR in the program, malloc'd.  */
static int
read_string(struct cmd_ctx *c, uint64_t addr, char **out)
{
	struct fs_err e;
	char *buf = NULL, *nb;
	size_t len = 0;
	ssize_t got;

	for (;;) {
		if ((nb = realloc(buf, len + 257)) == NULL) {
			free(buf);
			return cmd_fail(c, "out of memory");
		}
		buf = nb;
		if ((got = fs_vars_read(c->s, addr + len, buf + len, 256,
		    &e)) <= 0) {
			free(buf);
			return cmd_fail(c, "Cannot access memory at address "
			    "0x%" PRIx64, addr + len);
		}
		buf[len + (size_t)got] = '\0';
		if (strlen(buf + len) < (size_t)got)
			break;
		len += (size_t)got;
	}
	*out = buf;
	return 0;
}

/* The text of conversion piece P with argument V.  */
static int
convert(struct cmd_ctx *c, const struct piece *p,
    const struct fs_vars_scalar *v, char **out)
{
	uint64_t n = 0;
	long double d = 0;
	char *s = NULL, fmt[64];
	int r = 0;

	*out = NULL;
	switch (p->kind) {
	case P_INT: case P_LONG: case P_LLONG: case P_SIZE:
		if (as_long(c, v, &n) < 0)
			return -1;
		if (p->kind == P_INT)
			r = asprintf(out, p->text, (int)n);
		else if (p->kind == P_LONG)
			r = asprintf(out, p->text, (long)n);
		else if (p->kind == P_LLONG)
			r = asprintf(out, p->text, (long long)n);
		else
			r = asprintf(out, p->text, (size_t)n);
		break;
	case P_PTR:
		/* gdb writes a pointer as 0x and its hex digits, with the
		   conversion's width and '-', and a null one "(nil)".  */
		if (as_long(c, v, &n) < 0)
			return -1;
		if (fs_session_arch(c->s)->word == 4)
			n &= 0xffffffffu;
		snprintf(fmt, sizeof fmt, "%%%s%.*s%s", n != 0 ? "#" : "",
		    (int)strlen(p->text) - 2, p->text + 1, n != 0 ? "llx" :
		    "s");
		r = n != 0 ? asprintf(out, fmt, (unsigned long long)n) :
		    asprintf(out, fmt, "(nil)");
		break;
	case P_STRING:
		if (v->str != NULL)
			return asprintf(out, p->text, v->str) < 0 ?
			    cmd_fail(c, "out of memory") : 0;
		if (as_long(c, v, &n) < 0)
			return -1;
		if (fs_session_arch(c->s)->word == 4)
			n &= 0xffffffffu;
		if (n == 0)
			return asprintf(out, p->text, "(null)") < 0 ?
			    cmd_fail(c, "out of memory") : 0;
		if (read_string(c, n, &s) < 0)
			return -1;
		r = asprintf(out, p->text, s);
		free(s);
		break;
	case P_WIDE:
		return cmd_fail(c, "printf: the wide character conversions "
		    "%%lc and %%ls are not supported.");
	case P_DOUBLE: case P_LDOUBLE:
		if (as_float(c, v, &d) < 0)
			return -1;
		r = p->kind == P_DOUBLE ? asprintf(out, p->text, (double)d) :
		    asprintf(out, p->text, d);
		break;
	case P_LITERAL:
		break;
	}
	if (r < 0) {
		*out = NULL;
		return cmd_fail(c, "out of memory");
	}
	return 0;
}

/* gdb's printf "FMT", ARGS: ARG is what follows the command.  */
int
cmd_printf_line(struct cmd_ctx *c, char *arg)
{
	struct fs_vars_scalar *vals = NULL;
	struct format f;
	struct fs_err e;
	char **args = NULL, *text, *rest;
	size_t i, k;
	int n = 0, r = 0;

	if (format_parse(c, &arg, &f) < 0)
		return -1;
	rest = cmd_skip(arg);
	if (*rest != '\0' && *rest != ',') {
		format_free(&f);
		return cmd_fail(c, "Invalid argument syntax");
	}
	if (*rest == ',' && (n = split_args(rest + 1, &args)) < 0) {
		format_free(&f);
		return cmd_fail(c, "out of memory");
	}
	if (n > 0 && (vals = calloc((size_t)n, sizeof *vals)) == NULL) {
		r = cmd_fail(c, "out of memory");
		goto out;
	}
	for (i = 0; i < (size_t)n; i++) {
		c->evaluating = true;
		r = fs_vars_scalar(c->s, c->frame, args[i], cmd_history(c),
		    &vals[i], &e);
		c->evaluating = false;
		if (r < 0) {
			r = cmd_fail_err(c, &e);
			goto out;
		}
	}
	if ((size_t)n != f.nargs) {
		r = cmd_fail(c, "Wrong number of arguments for specified "
		    "format-string");
		goto out;
	}
	/* Piece by piece, as gdb: what came before a conversion that
	   fails is out.  */
	for (i = k = 0; i < f.n; i++) {
		if (f.p[i].kind == P_LITERAL) {
			fputs(f.p[i].text, c->out);
			continue;
		}
		if ((r = convert(c, &f.p[i], &vals[k++], &text)) < 0) {
			fflush(c->out);
			goto out;
		}
		fputs(text, c->out);
		free(text);
	}
out:
	for (i = 0; vals != NULL && i < (size_t)n; i++)
		free(vals[i].str);
	free(vals);
	free(args);
	format_free(&f);
	return r;
}

static int
c_printf(struct cmd_ctx *c, char *arg)
{
	return cmd_printf_line(c, arg);
}

/* gdb's output: print's value alone, no "$N = ", no new line, not in
   the value history.  */
static int
c_output(struct cmd_ctx *c, char *arg, const char *fmt)
{
	struct fs_err e;
	char *val, *pv;
	int letter, r;

	if (cmd_print_letter(c, fmt, &letter) < 0)
		return -1;
	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (expression to compute).");
	c->evaluating = true;
	r = fs_vars_print_hist(c->s, c->frame, arg, letter, cmd_history(c),
	    NULL, NULL, &val, &e);
	c->evaluating = false;
	if (r < 0)
		return cmd_fail_err(c, &e);
	pv = cmd_pretty(c, val);
	fputs(pv != NULL ? pv : val, c->out);
	free(pv);
	free(val);
	return 0;
}

const struct cmd_entry cmd_printf_table[] = {
	{ "output", { NULL }, NULL, c_output,
	    "output[/FMT] EXPR -- print the value of EXPR alone, without $N = and new line" },
	{ "printf", { NULL }, c_printf, NULL,
	    "printf \"FMT\", ARGS... -- print ARGS as C's printf does (%d %i %u %x %X %o %c %s %p %f %e %g %E %G, with flags, widths, precisions, h l ll L z; %s reads a string from the program)" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};
