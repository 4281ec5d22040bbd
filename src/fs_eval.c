/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_eval: `print` expressions (see include/fs_eval.h). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_eval.h"

/* gdb's max-value-size default.  */
#define EVAL_MAXVALUE	65536
#define EVAL_MAXDEPTH	64

static const struct fs_type t_int = { .kind = FS_TYPE_BASE, .name = "int",
    .size = 4, .encoding = FS_ATE_SIGNED };
static const struct fs_type t_uint = { .kind = FS_TYPE_BASE,
    .name = "unsigned int", .size = 4, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type t_long = { .kind = FS_TYPE_BASE, .name = "long",
    .size = 8, .encoding = FS_ATE_SIGNED };
static const struct fs_type t_ulong = { .kind = FS_TYPE_BASE,
    .name = "unsigned long", .size = 8, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type t_short = { .kind = FS_TYPE_BASE,
    .name = "short", .size = 2, .encoding = FS_ATE_SIGNED };
static const struct fs_type t_ushort = { .kind = FS_TYPE_BASE,
    .name = "unsigned short", .size = 2, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type t_char = { .kind = FS_TYPE_BASE, .name = "char",
    .size = 1, .encoding = FS_ATE_SIGNED_CHAR };
static const struct fs_type t_schar = { .kind = FS_TYPE_BASE,
    .name = "signed char", .size = 1, .encoding = FS_ATE_SIGNED_CHAR };
static const struct fs_type t_uchar = { .kind = FS_TYPE_BASE,
    .name = "unsigned char", .size = 1, .encoding = FS_ATE_UNSIGNED_CHAR };
static const struct fs_type t_double = { .kind = FS_TYPE_BASE,
    .name = "double", .size = 8, .encoding = FS_ATE_FLOAT };
static const struct fs_type t_float = { .kind = FS_TYPE_BASE,
    .name = "float", .size = 4, .encoding = FS_ATE_FLOAT };
static const struct fs_type t_void = { .kind = FS_TYPE_VOID, .name = "void" };
static const struct fs_type t_voidp = { .kind = FS_TYPE_POINTER, .size = 8,
    .target = &t_void };
/* i386's (ILP32): long and pointers of 4 bytes, long long of 8.  */
static const struct fs_type t_long32 = { .kind = FS_TYPE_BASE,
    .name = "long", .size = 4, .encoding = FS_ATE_SIGNED };
static const struct fs_type t_ulong32 = { .kind = FS_TYPE_BASE,
    .name = "unsigned long", .size = 4, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type t_llong = { .kind = FS_TYPE_BASE,
    .name = "long long", .size = 8, .encoding = FS_ATE_SIGNED };
static const struct fs_type t_ullong = { .kind = FS_TYPE_BASE,
    .name = "unsigned long long", .size = 8, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type t_voidp32 = { .kind = FS_TYPE_POINTER,
    .size = 4, .target = &t_void };
/* gdb's type of $pc: void (*)().  */
static const struct fs_type t_code = { .kind = FS_TYPE_FUNC,
    .varargs = true };
static const struct fs_type t_codep = { .kind = FS_TYPE_POINTER, .size = 8,
    .target = &t_code };
static const struct fs_type t_codep32 = { .kind = FS_TYPE_POINTER,
    .size = 4, .target = &t_code };

static const struct {
	const char *name;
	const struct fs_type *type;
} builtins[] = {
	{ "int", &t_int }, { "signed int", &t_int }, { "signed", &t_int },
	{ "unsigned int", &t_uint }, { "unsigned", &t_uint },
	{ "long", &t_long }, { "long int", &t_long }, { "signed long", &t_long },
	{ "unsigned long", &t_ulong }, { "unsigned long int", &t_ulong },
	{ "long long", &t_long }, { "unsigned long long", &t_ulong },
	{ "short", &t_short }, { "short int", &t_short },
	{ "unsigned short", &t_ushort },
	{ "char", &t_char }, { "signed char", &t_schar },
	{ "unsigned char", &t_uchar },
	{ "double", &t_double }, { "float", &t_float }, { "void", &t_void },
};

struct chunk {
	struct chunk	*next;
	max_align_t	 data[];
};

struct fs_eval {
	struct fs_value	 v;
	struct chunk	*arena;
};

struct val {
	const struct fs_type *type;
	bool		 lval;		/* in memory at ADDR */
	uint64_t	 addr;
	uint8_t		*bytes;		/* NULL: not read yet */
	uint8_t		*valid;
	size_t		 len;
	const char	*error;
};

struct ps {
	const char	*s;
	size_t		 pos;
	const struct fs_eval_env *env;
	unsigned	 word;		/* of a pointer, a long */
	struct fs_eval	*r;
	struct fs_err	*e;
	int		 depth;
};

static void *
ar_alloc(struct ps *p, size_t n)
{
	struct chunk *c;

	if ((c = calloc(1, sizeof *c + n)) == NULL)
		return NULL;
	c->next = p->r->arena;
	p->r->arena = c;
	return c->data;
}

static int
oom(struct ps *p)
{
	return fs_err_set(p->e, FS_E_NOMEM, "out of memory");
}

static const struct fs_type *
mkptr(struct ps *p, const struct fs_type *target)
{
	struct fs_type *t;

	if ((t = ar_alloc(p, sizeof *t)) == NULL)
		return NULL;
	t->kind = FS_TYPE_POINTER;
	t->size = p->word == 4 ? 4 : 8;
	t->target = target;
	return t;
}

static void
skipws(struct ps *p)
{
	while (isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static bool
accept(struct ps *p, const char *tok)
{
	size_t n = strlen(tok);

	skipws(p);
	if (strncmp(p->s + p->pos, tok, n) != 0)
		return false;
	p->pos += n;
	return true;
}

static int
syntax(struct ps *p)
{
	skipws(p);
	if (p->s[p->pos] == '\0')
		return fs_err_set(p->e, FS_E_USAGE,
		    "A syntax error in expression, near `'.");
	return fs_err_set(p->e, FS_E_USAGE,
	    "A syntax error in expression, near `%s'.", p->s + p->pos);
}

static size_t
typesize(const struct fs_type *t)
{
	t = fs_value_strip(t);
	if (t == NULL)
		return 0;
	return (size_t)t->size;
}

static const char *
tn(const struct fs_type *t, char *buf, size_t size)
{
	return fs_value_type_name(t, NULL, 0, buf, size);
}

/* Read a lazy value's bytes.  */
static int
fetch(struct ps *p, struct val *v)
{
	size_t n;

	if (v->bytes != NULL || v->error != NULL)
		return v->error != NULL ? fs_err_set(p->e, FS_E_NOENT, "%s",
		    v->error) : 0;
	n = typesize(v->type);
	if (fs_value_strip(v->type) != NULL &&
	    fs_value_strip(v->type)->kind == FS_TYPE_FUNC)
		return 0;
	if (n > EVAL_MAXVALUE)
		return fs_err_set(p->e, FS_E_USAGE, "value requires %zu bytes, "
		    "which is more than max-value-size", n);
	if ((v->bytes = ar_alloc(p, n + 1)) == NULL)
		return oom(p);
	v->len = n;
	if (!v->lval)
		return 0;
	if (p->env->mem == NULL || (n > 0 && p->env->mem(p->env->arg, v->addr,
	    v->bytes, n) != 0)) {
		v->bytes = NULL;
		return fs_err_set(p->e, FS_E_NOENT,
		    "Cannot access memory at address 0x%" PRIx64, v->addr);
	}
	return 0;
}

/* T as the program's architecture has it: on i386, long and unsigned
   long of 4 bytes (a value that needs more is a long long, as C types
   a literal), pointers of 4.  */
static const struct fs_type *
arch_type(const struct ps *p, const struct fs_type *t, uint64_t x)
{
	if (p->word != 4)
		return t;
	if (t == &t_long)
		return (int64_t)x == (int32_t)x ? &t_long32 : &t_llong;
	if (t == &t_ulong)
		return x <= UINT32_MAX ? &t_ulong32 : &t_ullong;
	if (t == &t_voidp)
		return &t_voidp32;
	if (t == &t_codep)
		return &t_codep32;
	return t;
}

static int
mkint(struct ps *p, struct val *v, const struct fs_type *t, uint64_t x)
{
	size_t i, n;

	t = arch_type(p, t, x);
	n = typesize(t);

	memset(v, 0, sizeof *v);
	v->type = t;
	if ((v->bytes = ar_alloc(p, n > 8 ? n : 8)) == NULL)
		return oom(p);
	v->len = n;
	for (i = 0; i < n && i < 8; i++)
		v->bytes[i] = (uint8_t)(x >> (8 * i));
	return 0;
}

static int
mkfloat(struct ps *p, struct val *v, const struct fs_type *t, double d)
{
	float f = (float)d;

	memset(v, 0, sizeof *v);
	v->type = t;
	if ((v->bytes = ar_alloc(p, 16)) == NULL)
		return oom(p);
	v->len = typesize(t);
	if (v->len == 4)
		memcpy(v->bytes, &f, 4);
	else if (v->len == 8)
		memcpy(v->bytes, &d, 8);
	else {
		long double ld = d;

		memcpy(v->bytes, &ld, v->len < sizeof ld ? v->len : sizeof ld);
	}
	return 0;
}

static bool
is_float(const struct fs_type *t)
{
	t = fs_value_strip(t);
	return t != NULL && t->kind == FS_TYPE_BASE &&
	    t->encoding == FS_ATE_FLOAT;
}

static bool
is_kind(const struct fs_type *t, enum fs_type_kind k)
{
	t = fs_value_strip(t);
	return t != NULL && t->kind == k;
}

static bool
is_int(const struct fs_type *t)
{
	return fs_value_is_scalar(t) && !is_kind(t, FS_TYPE_POINTER);
}

static int
getint(struct ps *p, struct val *v, uint64_t *x)
{
	int rc;

	if ((rc = fetch(p, v)) != 0)
		return rc;
	if (v->valid != NULL) {
		size_t i;

		for (i = 0; i < v->len; i++)
			if (!v->valid[i])
				return fs_err_set(p->e, FS_E_NOENT,
				    "value has been optimized out");
	}
	*x = fs_value_load(v->bytes, typesize(v->type),
	    fs_value_is_signed(v->type));
	return 0;
}

static int
getfloat(struct ps *p, struct val *v, double *d)
{
	uint64_t x;
	int rc;

	if (!is_float(v->type)) {
		if ((rc = getint(p, v, &x)) != 0)
			return rc;
		*d = fs_value_is_signed(v->type) ? (double)(int64_t)x :
		    (double)x;
		return 0;
	}
	if ((rc = fetch(p, v)) != 0)
		return rc;
	if (v->len == 4) {
		float f;

		memcpy(&f, v->bytes, 4);
		*d = f;
	} else if (v->len == 8)
		memcpy(d, v->bytes, 8);
	else {
		long double ld = 0;

		memcpy(&ld, v->bytes, v->len < 10 ? v->len : 10);
		*d = (double)ld;
	}
	return 0;
}

static int	expr(struct ps *, struct val *);
static int	unary(struct ps *, struct val *);
static const struct fs_type *cast_type(struct ps *);

/* Whether $NAME is a register (without a process gdb says there are
   none; another $name is a void convenience variable).  */
static bool
is_regname(const char *name)
{
	static const char *const regs[] = { "pc", "sp", "fp", "ps", "rip",
	    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8",
	    "r9", "r10", "r11", "r12", "r13", "r14", "r15", "eflags", "cs",
	    "ss", "ds", "es", "fs", "gs", "fs_base", "gs_base", "orig_rax",
	    "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip" };
	size_t i;

	for (i = 0; i < sizeof regs / sizeof regs[0]; i++)
		if (strcmp(regs[i], name) == 0)
			return true;
	return false;
}

/* The value history: `$' (the last value), `$$' (the one before),
   `$$N' (N back from the last), `$N' (the Nth), as gdb numbers them.
   Returns 1 when S is not one (a register or a convenience variable),
   0 with *LEN set, or -FS_E_*.  */

/* V cannot be read: it prints as <error: MSG> (copied to the arena).  */
static int
sym_error(struct ps *p, struct val *v, const char *msg)
{
	char *m = ar_alloc(p, strlen(msg) + 1);

	if (m == NULL)
		return oom(p);
	strcpy(m, msg);
	v->error = m;
	return 0;
}

static int
history(struct ps *p, struct val *v, const char *s, size_t *len)
{
	struct fs_eval_sym sym;
	size_t n = 1, count, sz;
	int64_t num = 0, absnum;
	bool rel = false;

	if (s[n] == '$') {
		rel = true;
		n++;
	}
	if (isdigit((unsigned char)s[n])) {
		size_t d = n;

		while (isdigit((unsigned char)s[n]))
			n++;
		if (n - d > 9)
			return 1;
		num = strtoll(s + d, NULL, 10);
	} else if (rel)
		num = 1;
	if (isalpha((unsigned char)s[n]) || s[n] == '_' ||
	    (!rel && n == 1 && s[n] == '$'))
		return 1;
	if (rel)
		num = -num;
	count = p->env->hist_count != NULL ?
	    p->env->hist_count(p->env->arg) : 0;
	absnum = num;
	if (absnum <= 0)
		absnum += (int64_t)count;
	if (absnum <= 0) {
		if (num == 0)
			return fs_err_set(p->e, FS_E_NOENT,
			    "The history is empty.");
		return fs_err_set(p->e, FS_E_NOENT,
		    "History does not go back to $$%lld.", (long long)-num);
	}
	if ((uint64_t)absnum > count)
		return fs_err_set(p->e, FS_E_NOENT,
		    "History has not yet reached $%lld.", (long long)absnum);
	memset(&sym, 0, sizeof sym);
	if (p->env->hist_get(p->env->arg, (size_t)absnum, &sym) != 0 ||
	    sym.type == NULL)
		return fs_err_set(p->e, FS_E_NOENT,
		    "History has not yet reached $%lld.", (long long)absnum);
	memset(v, 0, sizeof *v);
	v->type = sym.type;
	v->lval = sym.in_memory;
	v->addr = sym.addr;
	*len = n;
	if (sym.error != NULL)
		return sym_error(p, v, sym.error);
	/* The bytes as they were: a history value does not follow the
	   program, but keeps its address for & and @.  */
	sz = sym.len;
	if ((v->bytes = ar_alloc(p, sz + 1)) == NULL)
		return oom(p);
	if (sz > 0)
		memcpy(v->bytes, sym.bytes, sz);
	v->len = sz;
	if (sym.valid != NULL) {
		if ((v->valid = ar_alloc(p, sz + 1)) == NULL)
			return oom(p);
		if (sz > 0)
			memcpy(v->valid, sym.valid, sz);
	}
	return 0;
}

/* Identifiers, $registers, literals, parentheses.  */
static int
primary(struct ps *p, struct val *v)
{
	struct fs_eval_sym sym;
	char name[256], *end;
	const char *s;
	uint64_t x;
	size_t n;
	int rc;

	skipws(p);
	s = p->s + p->pos;
	memset(v, 0, sizeof *v);
	if (*s == '(') {
		p->pos++;
		if ((rc = expr(p, v)) != 0)
			return rc;
		if (!accept(p, ")"))
			return syntax(p);
		return 0;
	}
	if (*s == '$') {
		n = 0;
		if ((rc = history(p, v, s, &n)) != 1) {
			if (rc == 0)
				p->pos += n;
			return rc;
		}
		for (n = 1; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
			;
		if (n == 1 || n - 1 >= sizeof name)
			return syntax(p);
		memcpy(name, s + 1, n - 1);
		name[n - 1] = '\0';
		p->pos += n;
		if (p->env->reg == NULL && is_regname(name))
			return fs_err_set(p->e, FS_E_NOENT, "No registers.");
		if (p->env->reg == NULL ||
		    p->env->reg(p->env->arg, name, &x) != 0) {
			/* gdb: an unknown $name is a void convenience
			   variable.  */
			v->type = &t_void;
			return mkint(p, v, &t_void, 0);
		}
		if (strcmp(name, "pc") == 0 || strcmp(name, "rip") == 0 ||
		    strcmp(name, "eip") == 0)
			return mkint(p, v, &t_codep, x);
		if (strcmp(name, "sp") == 0 || strcmp(name, "fp") == 0 ||
		    strcmp(name, "rsp") == 0 || strcmp(name, "rbp") == 0 ||
		    strcmp(name, "esp") == 0 || strcmp(name, "ebp") == 0)
			return mkint(p, v, &t_voidp, x);
		return mkint(p, v, &t_long, x);
	}
	if (*s == '\'') {
		unsigned c;

		n = 1;
		if (s[n] == '\\') {
			n++;
			switch (s[n]) {
			case 'n': c = '\n'; n++; break;
			case 't': c = '\t'; n++; break;
			case 'r': c = '\r'; n++; break;
			case 'a': c = '\a'; n++; break;
			case 'b': c = '\b'; n++; break;
			case 'f': c = '\f'; n++; break;
			case 'v': c = '\v'; n++; break;
			case 'e': c = 27; n++; break;
			case 'x':
				n++;
				c = (unsigned)strtoul(s + n, &end, 16);
				if (end == s + n)
					return syntax(p);
				n = (size_t)(end - s);
				break;
			default:
				if (s[n] >= '0' && s[n] <= '7') {
					c = 0;
					for (x = 0; x < 3 && s[n] >= '0' &&
					    s[n] <= '7'; x++)
						c = c * 8 + (unsigned)(s[n++] -
						    '0');
				} else if (s[n] != '\0')
					c = (unsigned char)s[n++];
				else
					return syntax(p);
			}
		} else if (s[n] != '\0' && s[n] != '\'')
			c = (unsigned char)s[n++];
		else
			return fs_err_set(p->e, FS_E_USAGE,
			    "Empty character constant.");
		if (s[n] != '\'')
			return fs_err_set(p->e, FS_E_USAGE,
			    "Unmatched single quote.");
		p->pos += n + 1;
		return mkint(p, v, &t_char, c & 0xff);
	}
	if (isdigit((unsigned char)*s) || (*s == '.' &&
	    isdigit((unsigned char)s[1]))) {
		bool isu = false, isl = false, fl = false;
		double d;

		for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '.' ||
		    ((s[n] == '+' || s[n] == '-') && n > 0 &&
		    (s[n - 1] == 'e' || s[n - 1] == 'E') && s[0] != '0'); n++)
			if (s[n] == '.' || ((s[n] == 'e' || s[n] == 'E') &&
			    !(s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))))
				fl = true;
		if (fl) {
			errno = 0;
			d = strtod(s, &end);
			if (end == s)
				return syntax(p);
			p->pos += (size_t)(end - s);
			if (*end == 'f' || *end == 'F') {
				p->pos++;
				return mkfloat(p, v, &t_float, d);
			}
			return mkfloat(p, v, &t_double, d);
		}
		errno = 0;
		x = strtoull(s, &end, 0);
		if (errno == ERANGE)
			return fs_err_set(p->e, FS_E_USAGE,
			    "Numeric constant too large.");
		while (*end == 'u' || *end == 'U' || *end == 'l' ||
		    *end == 'L') {
			if (*end == 'u' || *end == 'U')
				isu = true;
			else
				isl = true;
			end++;
		}
		if (isalnum((unsigned char)*end) || *end == '_')
			return fs_err_set(p->e, FS_E_USAGE,
			    "Invalid number \"%.*s\".", (int)(end - s + 1), s);
		p->pos += (size_t)(end - s);
		/* C's rules: int, then (for hex and octal) unsigned int,
		   then long, unsigned long.  */
		if (!isl && !isu && x <= INT32_MAX)
			return mkint(p, v, &t_int, x);
		if (!isl && (isu || s[0] == '0') && x <= UINT32_MAX)
			return mkint(p, v, &t_uint, x);
		if (!isu && x <= INT64_MAX)
			return mkint(p, v, &t_long, x);
		return mkint(p, v, &t_ulong, x);
	}
	if (isalpha((unsigned char)*s) || *s == '_') {
		for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
			;
		if (n >= sizeof name)
			return fs_err_set(p->e, FS_E_USAGE, "name too long");
		memcpy(name, s, n);
		name[n] = '\0';
		p->pos += n;
		if (strcmp(name, "sizeof") == 0) {
			size_t save = p->pos;
			const struct fs_type *ct;

			/* sizeof (TYPE), for the types a cast knows.  */
			skipws(p);
			if (accept(p, "(") && (ct = cast_type(p)) != NULL)
				return mkint(p, v, &t_ulong, typesize(ct));
			p->pos = save;
			if ((rc = unary(p, v)) != 0)
				return rc;
			return mkint(p, v, &t_ulong, typesize(v->type));
		}
		memset(&sym, 0, sizeof sym);
		if (p->env->lookup == NULL ||
		    p->env->lookup(p->env->arg, name, &sym) != 0 ||
		    sym.type == NULL)
			return fs_err_set(p->e, FS_E_NOENT,
			    "No symbol \"%s\" in current context.", name);
		v->type = sym.type;
		if (sym.error != NULL)
			return sym_error(p, v, sym.error);
		if (sym.in_memory) {
			v->lval = true;
			v->addr = sym.addr;
			return 0;
		}
		n = typesize(sym.type);
		if ((v->bytes = ar_alloc(p, n + 1)) == NULL)
			return oom(p);
		v->len = n;
		memcpy(v->bytes, sym.bytes, sym.len < n ? sym.len : n);
		if (sym.valid != NULL || sym.len < n) {
			if ((v->valid = ar_alloc(p, n + 1)) == NULL)
				return oom(p);
			if (sym.valid != NULL)
				memcpy(v->valid, sym.valid, sym.len < n ?
				    sym.len : n);
			else
				memset(v->valid, 1, sym.len);
		}
		return 0;
	}
	return syntax(p);
}

/* The element I of array or pointer V.  */
static int
element(struct ps *p, struct val *v, int64_t i)
{
	const struct fs_type *t = fs_value_strip(v->type), *et;
	struct fs_type *sub;
	size_t es;
	uint64_t base;
	int rc;

	if (t->kind == FS_TYPE_ARRAY) {
		if (t->ndims > 1) {
			/* A row of a multi-dimensional array.  */
			if ((sub = ar_alloc(p, sizeof *sub)) == NULL)
				return oom(p);
			*sub = *t;
			sub->name = NULL;
			sub->dims = t->dims + 1;
			sub->ndims = t->ndims - 1;
			sub->size = t->dims[0].has_count && t->dims[0].count ?
			    t->size / t->dims[0].count : 0;
			et = sub;
		} else
			et = t->target;
		es = typesize(et);
		if (v->lval && (v->bytes == NULL || i < 0 ||
		    (uint64_t)i * es + es > v->len)) {
			v->type = et;
			v->addr += (uint64_t)i * es;
			v->bytes = NULL;
			v->valid = NULL;
			return 0;
		}
		if (v->lval)
			v->addr += (uint64_t)i * es;
		if ((rc = fetch(p, v)) != 0)
			return rc;
		if (i < 0 || (uint64_t)i * es + es > v->len)
			return fs_err_set(p->e, FS_E_USAGE,
			    "no such vector element");
		v->type = et;
		v->bytes += (size_t)i * es;
		if (v->valid != NULL)
			v->valid += (size_t)i * es;
		v->len = es;
		return 0;
	}
	if (t->kind == FS_TYPE_POINTER) {
		if ((rc = getint(p, v, &base)) != 0)
			return rc;
		et = t->target;
		if (fs_value_strip(et) == NULL ||
		    fs_value_strip(et)->kind == FS_TYPE_VOID)
			return fs_err_set(p->e, FS_E_USAGE,
			    "Attempt to dereference a generic pointer.");
		memset(v, 0, sizeof *v);
		v->type = et;
		v->lval = true;
		v->addr = base + (uint64_t)i * typesize(et);
		return 0;
	}
	{
		char b[256];

		return fs_err_set(p->e, FS_E_USAGE,
		    "cannot subscript something of type `%s'",
		    tn(v->type, b, sizeof b));
	}
}

static int
member(struct ps *p, struct val *v, const char *name)
{
	const struct fs_type *t = fs_value_strip(v->type);
	const struct fs_member *m;
	size_t i;
	int rc;

	if (t == NULL || (t->kind != FS_TYPE_STRUCT &&
	    t->kind != FS_TYPE_UNION && t->kind != FS_TYPE_VARIANT))
		return fs_err_set(p->e, FS_E_USAGE, "Attempt to extract a "
		    "component of a value that is not a structure.");
	for (i = 0; i < t->nmembers; i++) {
		m = &t->members[i];
		if (m->name == NULL) {
			/* Members of an anonymous struct or union are the
			   outer struct's.  */
			struct val sub = *v;
			struct fs_err e2;
			struct fs_err *save = p->e;

			if (m->bit_size != 0)
				continue;
			sub.type = m->type;
			if (sub.lval && sub.bytes == NULL) {
				sub.addr += m->offset;
				sub.valid = NULL;
			} else {
				if (sub.lval)
					sub.addr += m->offset;
				if ((rc = fetch(p, &sub)) != 0)
					return rc;
				sub.bytes += m->offset;
				if (sub.valid != NULL)
					sub.valid += m->offset;
				sub.len = typesize(m->type);
			}
			p->e = &e2;
			rc = member(p, &sub, name);
			p->e = save;
			if (rc == 0) {
				*v = sub;
				return 0;
			}
			continue;
		}
		if (strcmp(m->name, name) != 0)
			continue;
		if (m->bit_size != 0) {
			/* A bitfield has no address: its value.  */
			uint64_t x = 0;
			size_t k, bit0 = (size_t)m->offset * 8 + m->bit_offset;

			if ((rc = fetch(p, v)) != 0)
				return rc;
			if (m->bit_size > 64 || bit0 + m->bit_size > v->len * 8)
				return fs_err_set(p->e, FS_E_FORMAT,
				    "bitfield outside its struct");
			for (k = 0; k < m->bit_size; k++)
				if ((v->bytes[(bit0 + k) / 8] >>
				    ((bit0 + k) % 8)) & 1)
					x |= UINT64_C(1) << k;
			if (fs_value_is_signed(m->type) && m->bit_size < 64 &&
			    (x >> (m->bit_size - 1)) & 1)
				x |= ~(uint64_t)0 << m->bit_size;
			if ((rc = mkint(p, v, m->type, x)) != 0)
				return rc;
			return 0;
		}
		v->type = m->type;
		if (v->lval && v->bytes == NULL) {
			v->addr += m->offset;
			v->valid = NULL;
			return 0;
		}
		if (v->lval)
			v->addr += m->offset;
		if ((rc = fetch(p, v)) != 0)
			return rc;
		if (m->offset + typesize(m->type) > v->len)
			return fs_err_set(p->e, FS_E_FORMAT,
			    "member outside its struct");
		v->bytes += m->offset;
		if (v->valid != NULL)
			v->valid += m->offset;
		v->len = typesize(m->type);
		return 0;
	}
	return fs_err_set(p->e, FS_E_USAGE, "There is no member named %s.",
	    name);
}

static int
ident(struct ps *p, char *name, size_t size)
{
	size_t n;
	const char *s;

	skipws(p);
	s = p->s + p->pos;
	if (!isalpha((unsigned char)*s) && *s != '_')
		return syntax(p);
	for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
		;
	if (n >= size)
		return syntax(p);
	memcpy(name, s, n);
	name[n] = '\0';
	p->pos += n;
	return 0;
}

static int
deref(struct ps *p, struct val *v)
{
	const struct fs_type *t = fs_value_strip(v->type);
	uint64_t x;
	int rc;

	if (t != NULL && t->kind == FS_TYPE_ARRAY)
		return element(p, v, 0);
	if (t != NULL && t->kind == FS_TYPE_FUNC)
		return 0;	/* *f is f, as in C */
	if (t != NULL && t->kind == FS_TYPE_POINTER) {
		if (fs_value_strip(t->target) == NULL ||
		    fs_value_strip(t->target)->kind == FS_TYPE_VOID)
			return fs_err_set(p->e, FS_E_USAGE,
			    "Attempt to dereference a generic pointer.");
		return element(p, v, 0);
	}
	if (t != NULL && (t->kind == FS_TYPE_STRUCT ||
	    t->kind == FS_TYPE_UNION))
		/* gdb looks for a C++ operator* first.  */
		return fs_err_set(p->e, FS_E_USAGE,
		    "Structure has no component named operator*.");
	if (is_int(v->type)) {
		/* gdb reads an int at an integer address.  */
		if ((rc = getint(p, v, &x)) != 0)
			return rc;
		memset(v, 0, sizeof *v);
		v->type = &t_int;
		v->lval = true;
		v->addr = x;
		return 0;
	}
	return fs_err_set(p->e, FS_E_USAGE,
	    "Attempt to take contents of a non-pointer value.");
}

static int
postfix(struct ps *p, struct val *v)
{
	struct val idx;
	char name[256];
	uint64_t i;
	int rc;

	if ((rc = primary(p, v)) != 0)
		return rc;
	for (;;) {
		if (accept(p, "->")) {
			if ((rc = ident(p, name, sizeof name)) != 0)
				return rc;
			if (is_kind(v->type, FS_TYPE_POINTER)) {
				const struct fs_type *tg =
				    fs_value_strip(fs_value_strip(v->type)->target);

				if (tg == NULL || (tg->kind != FS_TYPE_STRUCT &&
				    tg->kind != FS_TYPE_UNION))
					return fs_err_set(p->e, FS_E_USAGE,
					    "Attempt to extract a component "
					    "of a value that is not a "
					    "structure pointer.");
				if ((rc = deref(p, v)) != 0)
					return rc;
			} else if (!is_kind(v->type, FS_TYPE_STRUCT) &&
			    !is_kind(v->type, FS_TYPE_UNION))
				/* gdb takes s->x for s.x, nothing else.  */
				return fs_err_set(p->e, FS_E_USAGE, "Attempt to "
				    "extract a component of a value that is "
				    "not a structure pointer.");
			if ((rc = member(p, v, name)) != 0)
				return rc;
		} else if (accept(p, ".")) {
			if ((rc = ident(p, name, sizeof name)) != 0)
				return rc;
			if ((rc = member(p, v, name)) != 0)
				return rc;
		} else if (accept(p, "[")) {
			if ((rc = expr(p, &idx)) != 0)
				return rc;
			if (!accept(p, "]"))
				return syntax(p);
			if (!is_int(idx.type))
				return fs_err_set(p->e, FS_E_USAGE,
				    "Argument to arithmetic operation not a "
				    "number or boolean.");
			if ((rc = getint(p, &idx, &i)) != 0)
				return rc;
			if ((rc = element(p, v, (int64_t)i)) != 0)
				return rc;
		} else
			return 0;
	}
}

/* A type name in a cast: a builtin, struct/union/enum is not known
   here, then stars.  Returns NULL when the text is not a type.  */
static const struct fs_type *
cast_type(struct ps *p)
{
	const struct fs_type *t = NULL;
	size_t save = p->pos, best = 0, i, n;
	const char *s;

	skipws(p);
	s = p->s + p->pos;
	for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		n = strlen(builtins[i].name);
		if (strncmp(s, builtins[i].name, n) == 0 &&
		    !isalnum((unsigned char)s[n]) && s[n] != '_' && n > best) {
			best = n;
			t = builtins[i].type;
		}
	}
	/* long and long long are not the same on i386.  */
	if (t != NULL && p->word == 4)
		t = t == &t_long ? (strncmp(s, "long long", 9) == 0 ||
		    strncmp(s, "signed long long", 16) == 0 ? &t_llong :
		    &t_long32) : t == &t_ulong ? (strstr(s, "long long") ==
		    s + 9 ? &t_ullong : &t_ulong32) : t;
	if (t == NULL) {
		p->pos = save;
		return NULL;
	}
	p->pos += best;
	while (accept(p, "*"))
		if ((t = mkptr(p, t)) == NULL)
			return NULL;
	if (!accept(p, ")")) {
		p->pos = save;
		return NULL;
	}
	return t;
}

static int
binarith(struct ps *p, struct val *a, struct val *b, char op);

static int
unary(struct ps *p, struct val *v)
{
	const struct fs_type *t;
	struct val zero;
	uint64_t x;
	int rc;

	if (++p->depth > EVAL_MAXDEPTH)
		return fs_err_set(p->e, FS_E_USAGE, "expression too deep");
	skipws(p);
	if (accept(p, "&")) {
		if ((rc = unary(p, v)) != 0)
			return rc;
		if (!v->lval && !p->env->types_only) {
			if (v->error != NULL)
				return fs_err_set(p->e, FS_E_NOENT, "%s",
				    v->error);
			return fs_err_set(p->e, FS_E_USAGE, "Attempt to take "
			    "address of value not located in memory.");
		}
		if ((t = mkptr(p, v->type)) == NULL)
			return oom(p);
		x = v->addr;
		rc = mkint(p, v, t, x);
	} else if (accept(p, "*")) {
		if ((rc = unary(p, v)) != 0)
			return rc;
		rc = deref(p, v);
	} else if (accept(p, "-")) {
		if ((rc = unary(p, v)) != 0)
			return rc;
		if ((rc = mkint(p, &zero, &t_int, 0)) != 0)
			return rc;
		if ((rc = binarith(p, &zero, v, '-')) == 0)
			*v = zero;
	} else if (accept(p, "!")) {
		if ((rc = unary(p, v)) != 0)
			return rc;
		if (is_float(v->type)) {
			double d;

			if ((rc = getfloat(p, v, &d)) != 0)
				return rc;
			x = d == 0;
		} else {
			if (!fs_value_is_scalar(v->type))
				return fs_err_set(p->e, FS_E_USAGE,
				    "Argument to arithmetic operation not a "
				    "number or boolean.");
			if ((rc = getint(p, v, &x)) != 0)
				return rc;
			x = x == 0;
		}
		rc = mkint(p, v, &t_int, x);
	} else if (accept(p, "~")) {
		if ((rc = unary(p, v)) != 0)
			return rc;
		if (!is_int(v->type))
			return fs_err_set(p->e, FS_E_USAGE,
			    "Argument to complement operation not an integer, "
			    "boolean.");
		if ((rc = getint(p, v, &x)) != 0)
			return rc;
		t = typesize(v->type) > 4 ? (fs_value_is_signed(v->type) ?
		    &t_long : &t_ulong) : (typesize(v->type) == 4 &&
		    !fs_value_is_signed(v->type) ? &t_uint : &t_int);
		rc = mkint(p, v, t, ~x);
	} else {
		size_t save = p->pos;

		if (accept(p, "(") && (t = cast_type(p)) != NULL) {
			if ((rc = unary(p, v)) != 0)
				return rc;
			if (is_float(t)) {
				double d;

				if ((rc = getfloat(p, v, &d)) != 0)
					return rc;
				rc = mkfloat(p, v, t, d);
			} else if (is_float(v->type)) {
				double d;

				if ((rc = getfloat(p, v, &d)) != 0)
					return rc;
				rc = mkint(p, v, t, (uint64_t)(int64_t)d);
			} else if (is_kind(v->type, FS_TYPE_ARRAY) &&
			    v->lval && is_kind(t, FS_TYPE_POINTER)) {
				rc = mkint(p, v, t, v->addr);
			} else {
				if (!fs_value_is_scalar(v->type))
					return fs_err_set(p->e, FS_E_USAGE,
					    "Invalid cast.");
				if ((rc = getint(p, v, &x)) != 0)
					return rc;
				rc = mkint(p, v, t, x);
			}
		} else {
			p->pos = save;
			rc = postfix(p, v);
		}
	}
	p->depth--;
	return rc;
}

/* C's usual arithmetic conversions, for integer types.  */
static const struct fs_type *
promote(const struct fs_type *a, const struct fs_type *b)
{
	size_t sa = typesize(a), sb = typesize(b);
	bool ua = !fs_value_is_signed(a) && sa >= 4;
	bool ub = !fs_value_is_signed(b) && sb >= 4;

	if (is_kind(a, FS_TYPE_BASE) && fs_value_strip(a)->encoding ==
	    FS_ATE_BOOLEAN)
		ua = false;
	if (is_kind(b, FS_TYPE_BASE) && fs_value_strip(b)->encoding ==
	    FS_ATE_BOOLEAN)
		ub = false;
	if (sa == 8 || sb == 8)
		return (sa == 8 && ua) || (sb == 8 && ub) ? &t_ulong : &t_long;
	if (ua || ub)
		return &t_uint;
	return &t_int;
}

/* Pointer arithmetic: address arithmetic scaled by the pointee.  */
static size_t
scale(const struct fs_type *ptr)
{
	const struct fs_type *tg = fs_value_strip(fs_value_strip(ptr)->target);

	if (tg == NULL || tg->kind == FS_TYPE_VOID || tg->size == 0)
		return 1;	/* gdb: void * steps by 1 */
	return (size_t)tg->size;
}

/* An array in memory used in arithmetic is a pointer to its first
   element.  */
static int
decay(struct ps *p, struct val *v)
{
	const struct fs_type *t = fs_value_strip(v->type), *pt;
	const struct fs_type *et;

	if (t == NULL || t->kind != FS_TYPE_ARRAY || !v->lval)
		return 0;
	if (t->ndims > 1) {
		struct fs_type *sub = ar_alloc(p, sizeof *sub);

		if (sub == NULL)
			return oom(p);
		*sub = *t;
		sub->name = NULL;
		sub->dims = t->dims + 1;
		sub->ndims = t->ndims - 1;
		sub->size = t->dims[0].has_count && t->dims[0].count ?
		    t->size / t->dims[0].count : 0;
		et = sub;
	} else
		et = t->target;
	if ((pt = mkptr(p, et)) == NULL)
		return oom(p);
	return mkint(p, v, pt, v->addr);
}

static int
binarith(struct ps *p, struct val *a, struct val *b, char op)
{
	const struct fs_type *t;
	uint64_t x, y, r = 0;
	bool pa, pb, sg;
	int rc;

	if ((rc = decay(p, a)) != 0 || (rc = decay(p, b)) != 0)
		return rc;
	pa = is_kind(a->type, FS_TYPE_POINTER);
	pb = is_kind(b->type, FS_TYPE_POINTER);
	if (pa || pb) {
		if ((op == '+' && pa && pb) || (op != '+' && op != '-') ||
		    (op == '-' && !pa))
			return fs_err_set(p->e, FS_E_USAGE,
			    "Argument to arithmetic operation not a number or "
			    "boolean.");
		if ((pa && !pb && !is_int(b->type)) ||
		    (pb && !pa && !is_int(a->type)))
			return fs_err_set(p->e, FS_E_USAGE,
			    "Argument to arithmetic operation not a number or "
			    "boolean.");
		if ((rc = getint(p, a, &x)) != 0 ||
		    (rc = getint(p, b, &y)) != 0)
			return rc;
		if (pa && pb) {
			size_t s = scale(a->type);

			if (s != scale(b->type))
				return fs_err_set(p->e, FS_E_USAGE, "First "
				    "argument of `-' is a pointer and second "
				    "argument is neither\nan integer nor a "
				    "pointer of the same type.");
			return mkint(p, a, &t_long,
			    (uint64_t)((int64_t)(x - y) / (int64_t)s));
		}
		if (pa)
			return mkint(p, a, a->type, op == '+' ?
			    x + y * scale(a->type) : x - y * scale(a->type));
		return mkint(p, a, b->type, y + x * scale(b->type));
	}
	if (!fs_value_is_scalar(a->type) && !is_float(a->type))
		return fs_err_set(p->e, FS_E_USAGE,
		    "Argument to arithmetic operation not a number or "
		    "boolean.");
	if (!fs_value_is_scalar(b->type) && !is_float(b->type))
		return fs_err_set(p->e, FS_E_USAGE,
		    "Argument to arithmetic operation not a number or "
		    "boolean.");
	if (is_float(a->type) || is_float(b->type)) {
		double d, e2, dr = 0;

		if ((rc = getfloat(p, a, &d)) != 0 ||
		    (rc = getfloat(p, b, &e2)) != 0)
			return rc;
		t = !is_float(a->type) ? b->type : !is_float(b->type) ?
		    a->type : typesize(a->type) >= typesize(b->type) ?
		    a->type : b->type;
		switch (op) {
		case '+': dr = d + e2; break;
		case '-': dr = d - e2; break;
		case '*': dr = d * e2; break;
		case '/': dr = d / e2; break;
		case '%':
			return fs_err_set(p->e, FS_E_USAGE, "Integer only "
			    "operation MOD.");
		default:
			r = op == '=' ? d == e2 : op == '!' ? d != e2 :
			    op == '<' ? d < e2 : op == '>' ? d > e2 :
			    op == 'l' ? d <= e2 : d >= e2;
			return mkint(p, a, &t_int, r);
		}
		return mkfloat(p, a, fs_value_strip(t), dr);
	}
	if ((rc = getint(p, a, &x)) != 0 || (rc = getint(p, b, &y)) != 0)
		return rc;
	t = promote(a->type, b->type);
	sg = fs_value_is_signed(t);
	if (typesize(t) == 4) {
		x = sg ? (uint64_t)(int64_t)(int32_t)x : (uint32_t)x;
		y = sg ? (uint64_t)(int64_t)(int32_t)y : (uint32_t)y;
	}
	switch (op) {
	case '+': r = x + y; break;
	case '-': r = x - y; break;
	case '*': r = x * y; break;
	case '/':
	case '%':
		if (y == 0)
			return fs_err_set(p->e, FS_E_USAGE, "Division by zero");
		if (sg && !((int64_t)x == INT64_MIN && (int64_t)y == -1))
			r = op == '/' ? (uint64_t)((int64_t)x / (int64_t)y) :
			    (uint64_t)((int64_t)x % (int64_t)y);
		else
			r = op == '/' ? x / y : x % y;
		break;
	default:
#define CMP(o) (sg ? (int64_t)x o (int64_t)y : x o y)
		r = op == '=' ? x == y : op == '!' ? x != y :
		    op == '<' ? CMP(<) : op == '>' ? CMP(>) :
		    op == 'l' ? CMP(<=) : CMP(>=);
#undef CMP
		return mkint(p, a, &t_int, r);
	}
	return mkint(p, a, t, r);
}

static int
mult(struct ps *p, struct val *v)
{
	struct val b;
	char op;
	int rc;

	if ((rc = unary(p, v)) != 0)
		return rc;
	for (;;) {
		skipws(p);
		op = p->s[p->pos];
		if (op != '*' && op != '/' && op != '%')
			return 0;
		p->pos++;
		if ((rc = unary(p, &b)) != 0)
			return rc;
		if ((rc = binarith(p, v, &b, op)) != 0)
			return rc;
	}
}

static int
additive(struct ps *p, struct val *v)
{
	struct val b;
	char op;
	int rc;

	if ((rc = mult(p, v)) != 0)
		return rc;
	for (;;) {
		skipws(p);
		op = p->s[p->pos];
		if (op != '+' && op != '-')
			return 0;
		p->pos++;
		if ((rc = mult(p, &b)) != 0)
			return rc;
		if ((rc = binarith(p, v, &b, op)) != 0)
			return rc;
	}
}

/* gdb's binary `@': LEFT@COUNT is an array of COUNT objects of LEFT's
   type starting where LEFT is in memory.  It binds looser than + and
   tighter than the comparisons, left to right.  */
static int
repeat(struct ps *p, struct val *v)
{
	struct fs_type *at;
	struct fs_dim *dim;
	struct val b;
	uint64_t x;
	int64_t count;
	int rc;

	if ((rc = additive(p, v)) != 0)
		return rc;
	while (accept(p, "@")) {
		if ((rc = additive(p, &b)) != 0)
			return rc;
		if (!is_int(b.type))
			return fs_err_set(p->e, FS_E_USAGE, "Non-integral right "
			    "operand for \"@\" operator.");
		if (!v->lval)
			return fs_err_set(p->e, FS_E_USAGE, "Only values in "
			    "memory can be extended with '@'.");
		if ((rc = getint(p, &b, &x)) != 0)
			return rc;
		count = (int64_t)(int32_t)x;
		if (count < 1)
			return fs_err_set(p->e, FS_E_USAGE,
			    "Invalid number %lld of repetitions.",
			    (long long)count);
		if ((at = ar_alloc(p, sizeof *at)) == NULL ||
		    (dim = ar_alloc(p, sizeof *dim)) == NULL)
			return oom(p);
		dim->has_count = true;
		dim->count = (uint64_t)count;
		at->kind = FS_TYPE_ARRAY;
		at->target = v->type;
		at->size = (uint64_t)count * typesize(v->type);
		at->dims = dim;
		at->ndims = 1;
		at->rust = fs_value_strip(v->type) != NULL &&
		    fs_value_strip(v->type)->rust;
		v->type = at;
		v->bytes = NULL;
		v->valid = NULL;
		v->len = 0;
	}
	return 0;
}

static int
compare(struct ps *p, struct val *v)
{
	struct val b;
	char op;
	int rc;

	if ((rc = repeat(p, v)) != 0)
		return rc;
	for (;;) {
		if (accept(p, "=="))
			op = '=';
		else if (accept(p, "!="))
			op = '!';
		else if (accept(p, "<="))
			op = 'l';
		else if (accept(p, ">="))
			op = 'g';
		else if (accept(p, "<"))
			op = '<';
		else if (accept(p, ">"))
			op = '>';
		else
			return 0;
		if ((rc = repeat(p, &b)) != 0)
			return rc;
		if (is_kind(v->type, FS_TYPE_POINTER) ||
		    is_kind(b.type, FS_TYPE_POINTER) ||
		    is_kind(v->type, FS_TYPE_ARRAY) ||
		    is_kind(b.type, FS_TYPE_ARRAY)) {
			uint64_t x, y;

			if ((rc = decay(p, v)) != 0 || (rc = decay(p, &b)) != 0)
				return rc;
			if (!fs_value_is_scalar(v->type) ||
			    !fs_value_is_scalar(b.type))
				return fs_err_set(p->e, FS_E_USAGE,
				    "Argument to comparison operation not "
				    "a number, boolean or pointer.");
			if ((rc = getint(p, v, &x)) != 0 ||
			    (rc = getint(p, &b, &y)) != 0)
				return rc;
			rc = mkint(p, v, &t_int, op == '=' ? x == y :
			    op == '!' ? x != y : op == '<' ? x < y :
			    op == '>' ? x > y : op == 'l' ? x <= y : x >= y);
		} else
			rc = binarith(p, v, &b, op);
		if (rc != 0)
			return rc;
	}
}

static int
expr(struct ps *p, struct val *v)
{
	int rc;

	if (++p->depth > EVAL_MAXDEPTH)
		return fs_err_set(p->e, FS_E_USAGE, "expression too deep");
	rc = compare(p, v);
	p->depth--;
	return rc;
}

int
fs_eval(const char *s, const struct fs_eval_env *env, struct fs_eval **out,
    struct fs_err *e)
{
	return fs_eval_word(s, env, 8, out, e);
}

int
fs_eval_word(const char *s, const struct fs_eval_env *env, unsigned word,
    struct fs_eval **out, struct fs_err *e)
{
	struct fs_eval *r;
	struct ps p;
	struct val v;
	int rc;

	*out = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	memset(&p, 0, sizeof p);
	p.s = s;
	p.env = env;
	p.word = word;
	p.r = r;
	p.e = e;
	skipws(&p);
	if (s[p.pos] == '\0') {
		fs_eval_free(r);
		return fs_err_set(e, FS_E_USAGE, "Argument required "
		    "(expression to compute).");
	}
	if ((rc = expr(&p, &v)) == 0) {
		skipws(&p);
		if (s[p.pos] != '\0')
			rc = syntax(&p);
	}
	if (rc == 0 && v.error == NULL)
		rc = fetch(&p, &v);
	if (rc != 0) {
		fs_eval_free(r);
		return rc;
	}
	r->v.type = v.type;
	r->v.bytes = v.bytes;
	r->v.valid = v.valid;
	r->v.len = v.len;
	r->v.has_addr = v.lval;
	r->v.addr = v.addr;
	r->v.error = v.error;
	*out = r;
	return 0;
}

const struct fs_value *
fs_eval_value(const struct fs_eval *r)
{
	return &r->v;
}

void
fs_eval_free(struct fs_eval *r)
{
	struct chunk *c, *n;

	if (r == NULL)
		return;
	for (c = r->arena; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(r);
}
