/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_eval: `print` expressions (see include/fs_eval.h). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_eval.h"
#include "fs_rust.h"
#include "fs_regs.h"

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
/* x87's 80 bits, in 16 bytes (12 on i386).  */
static const struct fs_type t_ldouble = { .kind = FS_TYPE_BASE,
    .name = "long double", .size = 16, .encoding = FS_ATE_FLOAT };
static const struct fs_type t_ldouble32 = { .kind = FS_TYPE_BASE,
    .name = "long double", .size = 12, .encoding = FS_ATE_FLOAT };
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
static const struct fs_type t_bool = { .kind = FS_TYPE_BASE,
    .name = "_Bool", .size = 1, .encoding = FS_ATE_BOOLEAN };
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
	{ "long long", &t_llong }, { "unsigned long long", &t_ullong },
	{ "long long int", &t_llong }, { "unsigned long long int", &t_ullong },
	{ "short", &t_short }, { "short int", &t_short },
	{ "unsigned short", &t_ushort }, { "unsigned short int", &t_ushort },
	{ "_Bool", &t_bool },
	{ "char", &t_char }, { "signed char", &t_schar },
	{ "unsigned char", &t_uchar },
	{ "double", &t_double }, { "float", &t_float }, { "void", &t_void },
	{ "long double", &t_ldouble },
	/* The same in the other orders C allows.  */
	{ "signed short", &t_short }, { "signed short int", &t_short },
	{ "short signed", &t_short }, { "signed long int", &t_long },
	{ "long signed", &t_long }, { "long unsigned", &t_ulong },
	{ "long unsigned int", &t_ulong }, { "short unsigned", &t_ushort },
	{ "short unsigned int", &t_ushort },
	{ "signed long long", &t_llong }, { "signed long long int", &t_llong },
	{ "long long unsigned", &t_ullong },
	{ "long long unsigned int", &t_ullong }, { "char signed", &t_schar },
	{ "char unsigned", &t_uchar },
};

/* Rust's primitive types, as its literals, `as' and comparisons make
   them; isize and usize for a 64-bit process, their 32-bit twins
   after.  */
#define RUST_BASE(id, nm, sz, enc) static const struct fs_type id = { \
    .kind = FS_TYPE_BASE, .name = nm, .size = sz, .encoding = enc, \
    .rust = true }
RUST_BASE(r_i8, "i8", 1, FS_ATE_SIGNED);
RUST_BASE(r_i16, "i16", 2, FS_ATE_SIGNED);
RUST_BASE(r_i32, "i32", 4, FS_ATE_SIGNED);
RUST_BASE(r_i64, "i64", 8, FS_ATE_SIGNED);
RUST_BASE(r_isize, "isize", 8, FS_ATE_SIGNED);
RUST_BASE(r_u8, "u8", 1, FS_ATE_UNSIGNED);
RUST_BASE(r_u16, "u16", 2, FS_ATE_UNSIGNED);
RUST_BASE(r_u32, "u32", 4, FS_ATE_UNSIGNED);
RUST_BASE(r_u64, "u64", 8, FS_ATE_UNSIGNED);
RUST_BASE(r_usize, "usize", 8, FS_ATE_UNSIGNED);
RUST_BASE(r_f32, "f32", 4, FS_ATE_FLOAT);
RUST_BASE(r_f64, "f64", 8, FS_ATE_FLOAT);
RUST_BASE(r_bool, "bool", 1, FS_ATE_BOOLEAN);
RUST_BASE(r_char, "char", 4, FS_ATE_UTF);
RUST_BASE(r_isize32, "isize", 4, FS_ATE_SIGNED);
RUST_BASE(r_usize32, "usize", 4, FS_ATE_UNSIGNED);
#undef RUST_BASE

static const struct fs_type *const rust_builtins[] = {
	&r_i8, &r_i16, &r_i32, &r_i64, &r_isize, &r_u8, &r_u16, &r_u32,
	&r_u64, &r_usize, &r_f32, &r_f64, &r_bool, &r_char,
};

struct chunk {
	struct chunk	*next;
	max_align_t	 data[];
};

struct fs_eval {
	struct fs_value	 v;
	struct chunk	*arena;
	bool		 is_type;
};

struct val {
	const struct fs_type *type;
	bool		 lval;		/* in memory at ADDR */
	uint64_t	 addr;
	uint8_t		*bytes;		/* NULL: not read yet */
	uint8_t		*valid;
	size_t		 len;
	const char	*error;
	bool		 synthetic;	/* see fs_eval_sym */
	uint64_t	 sdie;
	int64_t		 soff;
	bool		 uninit;
	const char	*fname;		/* a function's name (in the arena) */
	const char	*reg;		/* $NAME, a register (in the arena) */
	const char	*conv;		/* $NAME, a convenience variable */
	/* A Rust range's place (x[1..3]), which only `&' takes: NSLICE
	   elements of TYPE from ADDR, of a str when SSTR.  */
	bool		 slice, sstr;
	uint64_t	 nslice;
};

struct ps {
	const char	*s;
	size_t		 pos;
	const struct fs_eval_env *env;
	unsigned	 word;		/* of a pointer, a long */
	struct fs_eval	*r;
	struct fs_err	*e;
	int		 depth;
	int		 amp;		/* the depth of `&''s operand */
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
mkfloat(struct ps *p, struct val *v, const struct fs_type *t, long double d)
{
	memset(v, 0, sizeof *v);
	v->type = t;
	if ((v->bytes = ar_alloc(p, 16)) == NULL)
		return oom(p);
	v->len = typesize(t);
	fs_value_float_put(t, d, v->bytes, v->len > 16 ? 16 : v->len);
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
is_bool(const struct fs_type *t)
{
	t = fs_value_strip(t);
	return t != NULL && t->kind == FS_TYPE_BASE &&
	    t->encoding == FS_ATE_BOOLEAN;
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
			if (v->valid[i] != 0xff)
				return fs_err_set(p->e, FS_E_NOENT,
				    "value has been optimized out");
	}
	*x = fs_value_load(v->bytes, typesize(v->type),
	    fs_value_is_signed(v->type));
	return 0;
}

static int
getfloat(struct ps *p, struct val *v, long double *d)
{
	uint64_t x;
	int rc;

	if (!is_float(v->type)) {
		if ((rc = getint(p, v, &x)) != 0)
			return rc;
		*d = fs_value_is_signed(v->type) ? (long double)(int64_t)x :
		    (long double)x;
		return 0;
	}
	if ((rc = fetch(p, v)) != 0)
		return rc;
	if (v->valid != NULL && memchr(v->valid, 0, v->len) != NULL)
		return fs_err_set(p->e, FS_E_NOENT,
		    "value has been optimized out");
	*d = fs_value_float_get(v->type, v->bytes, v->len);
	return 0;
}

static int	expr(struct ps *, struct val *);
static int	incdec(struct ps *, struct val *, char, bool);
static int	assign(struct ps *, struct val *);
static int	compare(struct ps *, struct val *);
static int	decay(struct ps *, struct val *);
static int	unary(struct ps *, struct val *);
static const struct fs_type *cast_type(struct ps *, int *);

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
	return fs_regs_find(name) != NULL;
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

/* The C escape whose letter is S[*N] (after the backslash) into *C, *N
   moved past it.  Returns 0, or -1 at the end of S or a \x without
   digits.  */
static int
escape(const char *s, size_t *n, unsigned *c)
{
	char *end;
	size_t i;

	switch (s[*n]) {
	case 'n': *c = '\n'; break;
	case 't': *c = '\t'; break;
	case 'r': *c = '\r'; break;
	case 'a': *c = '\a'; break;
	case 'b': *c = '\b'; break;
	case 'f': *c = '\f'; break;
	case 'v': *c = '\v'; break;
	case 'e': *c = 27; break;
	case 'x':
		*c = (unsigned)strtoul(s + *n + 1, &end, 16);
		if (end == s + *n + 1)
			return -1;
		*n = (size_t)(end - s);
		return 0;
	default:
		if (s[*n] >= '0' && s[*n] <= '7') {
			for (*c = 0, i = 0; i < 3 && s[*n] >= '0' &&
			    s[*n] <= '7'; i++)
				*c = *c * 8 + (unsigned)(s[(*n)++] - '0');
			return 0;
		}
		if (s[*n] == '\0')
			return -1;
		*c = (unsigned char)s[*n];
		break;
	}
	(*n)++;
	return 0;
}

/* "TEXT": an array of char, C's escapes read, its NUL included, in
   no memory of the program's (gdb's string literal).  */
static int
string_lit(struct ps *p, struct val *v, const char *s)
{
	struct fs_type *at;
	struct fs_dim *dim;
	uint8_t *buf;
	size_t n = 1, k = 0;
	unsigned c;

	if ((buf = ar_alloc(p, strlen(s) + 1)) == NULL)
		return oom(p);
	while (s[n] != '"') {
		if (s[n] == '\0')
			return fs_err_set(p->e, FS_E_USAGE,
			    "Unterminated string in expression.");
		if (s[n] != '\\') {
			buf[k++] = (uint8_t)s[n++];
			continue;
		}
		n++;
		if (escape(s, &n, &c) < 0)
			return syntax(p);
		buf[k++] = (uint8_t)c;
	}
	buf[k++] = '\0';
	p->pos += n + 1;
	if ((at = ar_alloc(p, sizeof *at)) == NULL ||
	    (dim = ar_alloc(p, sizeof *dim)) == NULL)
		return oom(p);
	dim->has_count = true;
	dim->count = k;
	at->kind = FS_TYPE_ARRAY;
	at->target = &t_char;
	at->size = k;
	at->dims = dim;
	at->ndims = 1;
	memset(v, 0, sizeof *v);
	v->type = at;
	v->bytes = buf;
	v->len = k;
	return 0;
}

/* The length of the name at S: an identifier, and in Rust a path of
   them (crate::module::f).  */
static size_t
name_len(const struct ps *p, const char *s)
{
	size_t n;

	for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
		;
	while (n > 0 && p->env->rust && s[n] == ':' && s[n + 1] == ':' &&
	    (isalpha((unsigned char)s[n + 2]) || s[n + 2] == '_'))
		for (n += 2; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
			;
	return n;
}

/* gdb's scope operator at S in C, FUNCTION::NAME or 'FILE'::NAME: its
   length, 0 when S starts none.  */
static size_t
scoped_len(const char *s)
{
	const char *q;
	size_t n;

	if (*s == '\'') {
		if ((q = strchr(s + 1, '\'')) == NULL || q == s + 1)
			return 0;
		n = (size_t)(q + 1 - s);
	} else {
		for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
			;
		if (n == 0 || isdigit((unsigned char)*s))
			return 0;
	}
	if (s[n] != ':' || s[n + 1] != ':' || !(isalpha((unsigned char)
	    s[n + 2]) || s[n + 2] == '_'))
		return 0;
	for (n += 2; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
		;
	return n;
}

/* The Rust primitive type whose name is the word at S (its length in
   *N), or NULL.  */
static const struct fs_type *
rust_builtin(const struct ps *p, const char *s, size_t *n)
{
	size_t i, k;

	for (i = 0; i < sizeof rust_builtins / sizeof rust_builtins[0]; i++) {
		k = strlen(rust_builtins[i]->name);
		if (strncmp(s, rust_builtins[i]->name, k) != 0 ||
		    isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == ':')
			continue;
		*n = k;
		if (p->word == 4 && rust_builtins[i] == &r_isize)
			return &r_isize32;
		if (p->word == 4 && rust_builtins[i] == &r_usize)
			return &r_usize32;
		return rust_builtins[i];
	}
	return NULL;
}

/* The digits of RADIX and `_'s at S: their number.  */
static size_t
digits_at(const char *s, int radix)
{
	size_t n;

	for (n = 0; s[n] == '_' || (radix == 16 ?
	    isxdigit((unsigned char)s[n]) : s[n] >= '0' && s[n] < '0' +
	    radix); n++)
		;
	return n;
}

/* A Rust number at S, as gdb's Rust lexer reads one: `_'s anywhere
   after the first digit; 0x, 0o, 0b; a float with a fraction or an
   exponent, or "23." before what cannot follow a field access; the
   suffixes i8 to i64, isize, u8 to u64, usize, f32, f64.  An integer
   without one is an i32, an i64 from 2^31.  */
static int
rust_number(struct ps *p, struct val *v, const char *s)
{
	const struct fs_type *t = NULL;
	char text[128], *end;
	size_t n = 0, k, i, j = 0;
	const char *q;
	int radix = 10;
	bool fl = false, sfx = true;
	uint64_t x;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		radix = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		if ((n = digits_at(s + 2, radix)) == 0)
			return syntax(p);
		n += 2;
	} else {
		n = digits_at(s, 10);
		if (s[n] == '.' && isdigit((unsigned char)s[n + 1])) {
			fl = true;
			n += 1 + digits_at(s + n + 1, 10);
		} else if (s[n] == '.') {
			for (q = s + n + 1; *q == ' ' || *q == '\t'; q++)
				;
			/* 23.f() is a method call on 23, 23..30 a range.  */
			if (!isalpha((unsigned char)*q) && *q != '_' &&
			    *q != '.') {
				fl = true;
				sfx = false;
				n++;
			}
		}
		if (sfx && (s[n] == 'e' || s[n] == 'E')) {
			k = n + 1 + (s[n + 1] == '+' || s[n + 1] == '-');
			if (isdigit((unsigned char)s[k])) {
				fl = true;
				n = k + digits_at(s + k, 10);
			}
		}
	}
	for (i = 0; i < n; i++)
		if (s[i] != '_' && j + 1 < sizeof text)
			text[j++] = s[i];
	text[j] = '\0';
	if (j + 1 >= sizeof text)
		return fs_err_set(p->e, FS_E_USAGE,
		    "Numeric constant too large.");
	if (sfx && (s[n] == 'i' || s[n] == 'u' || s[n] == 'f') &&
	    (t = rust_builtin(p, s + n, &k)) != NULL &&
	    (fl ? is_float(t) : is_int(t)) && t != &r_bool && t != &r_char)
		n += k;
	else
		t = NULL;
	p->pos += n;
	if (fl) {
		long double d = strtold(text, &end);

		return mkfloat(p, v, t != NULL ? t : &r_f64, d);
	}
	errno = 0;
	x = strtoull(radix == 10 ? text : text + 2, &end, radix);
	if (errno == ERANGE)
		return fs_err_set(p->e, FS_E_USAGE,
		    "Numeric constant too large.");
	if (t == NULL)
		t = x >= (UINT64_C(1) << 31) ? &r_i64 : &r_i32;
	return mkint(p, v, t, x);
}

/* The type of a comparison's or a logical operator's value: Rust's
   and C++'s bool, C's int.  */
static const struct fs_type *
truth_type(const struct ps *p)
{
	static const struct fs_type cplus_bool = { .kind = FS_TYPE_BASE,
	    .name = "bool", .size = 1, .encoding = FS_ATE_BOOLEAN };

	return p->env->rust ? &r_bool : p->env->cplus ? &cplus_bool : &t_int;
}

/* An array of N elements of type T.  */
static const struct fs_type *
mkarray(struct ps *p, const struct fs_type *t, uint64_t n)
{
	struct fs_type *at;
	struct fs_dim *dim;

	if ((at = ar_alloc(p, sizeof *at)) == NULL ||
	    (dim = ar_alloc(p, sizeof *dim)) == NULL)
		return NULL;
	dim->has_count = true;
	dim->count = n;
	at->kind = FS_TYPE_ARRAY;
	at->target = t;
	at->dims = dim;
	at->ndims = 1;
	at->size = n * typesize(t);
	at->rust = p->env->rust;
	return at;
}

/* Rust's array [A, B, ...] or [X; N], at its `[': of the first
   element's type, every element of its size, as gdb's Rust makes
   one.  */
static int
rust_array(struct ps *p, struct val *v)
{
	const struct fs_type *et = NULL, *at;
	struct val el, cv;
	uint8_t *bytes = NULL, *nb;
	uint64_t n = 0, count, i;
	size_t es = 0;
	int rc;

	p->pos++;
	for (;;) {
		if ((rc = assign(p, &el)) != 0 || (rc = fetch(p, &el)) != 0)
			return rc;
		if (el.bytes == NULL || typesize(el.type) == 0)
			return fs_err_set(p->e, FS_E_USAGE, "value has "
			    "incomplete type");
		if (n == 0) {
			et = el.type;
			es = typesize(et);
		} else if (typesize(el.type) != es)
			return fs_err_set(p->e, FS_E_USAGE, "array elements "
			    "must all be the same size");
		count = 1;
		if (n == 0 && accept(p, ";")) {
			if ((rc = assign(p, &cv)) != 0)
				return rc;
			if (!is_int(cv.type))
				return syntax(p);
			if ((rc = getint(p, &cv, &count)) != 0)
				return rc;
			if ((int64_t)count < 0)
				return fs_err_set(p->e, FS_E_USAGE, "Array with "
				    "negative number of elements");
			if (count == 0)
				return fs_err_set(p->e, FS_E_USAGE, "bad array "
				    "bounds (0, -1)");
		}
		if (es != 0 && (count > EVAL_MAXVALUE / es ||
		    (n + count) * es > EVAL_MAXVALUE))
			return fs_err_set(p->e, FS_E_USAGE, "value requires "
			    "%llu bytes, which is more than max-value-size",
			    (unsigned long long)((n + count) * es));
		if ((nb = ar_alloc(p, (size_t)((n + count) * es) + 1)) == NULL)
			return oom(p);
		if (n > 0)
			memcpy(nb, bytes, (size_t)(n * es));
		for (i = 0; i < count; i++)
			memcpy(nb + (n + i) * es, el.bytes, es);
		bytes = nb;
		n += count;
		if (accept(p, "]"))
			break;
		if (count > 1 || !accept(p, ","))
			return syntax(p);
	}
	if ((at = mkarray(p, et, n)) == NULL)
		return oom(p);
	memset(v, 0, sizeof *v);
	v->type = at;
	v->bytes = bytes;
	v->len = (size_t)(n * es);
	return 0;
}

/* A Rust character literal at S: 'λ' (UTF-8), '\u{3bb}', C's escapes,
   a char; b'a' (BYTE), a u8.  */
static int
rust_char(struct ps *p, struct val *v, const char *s, bool byte)
{
	size_t n = byte ? 2 : 1, len, i;
	unsigned char b0;
	unsigned c;
	char *end;

	if (s[n] == '\\' && s[n + 1] == 'u' && s[n + 2] == '{') {
		c = (unsigned)strtoul(s + n + 3, &end, 16);
		if (end == s + n + 3 || *end != '}' || c > 0x10ffff)
			return syntax(p);
		n = (size_t)(end - s) + 1;
	} else if (s[n] == '\\') {
		n++;
		if (escape(s, &n, &c) < 0)
			return syntax(p);
	} else if (s[n] != '\0' && s[n] != '\'') {
		b0 = (unsigned char)s[n];
		len = b0 < 0x80 || byte ? 1 : b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 :
		    2;
		c = len == 1 ? b0 : b0 & (0x7f >> len);
		for (i = 1; i < len; i++) {
			if (((unsigned char)s[n + i] & 0xc0) != 0x80)
				return syntax(p);
			c = c << 6 | ((unsigned char)s[n + i] & 0x3f);
		}
		n += len;
	} else
		return fs_err_set(p->e, FS_E_USAGE, s[n] == '\0' ?
		    "Unterminated character literal" :
		    "empty character literal");
	if (s[n] != '\'')
		return fs_err_set(p->e, FS_E_USAGE, strchr(s + n, '\'') ==
		    NULL ? "Unterminated character literal" :
		    "overlong character literal");
	p->pos += n + 1;
	return mkint(p, v, byte ? &r_u8 : &r_char, c);
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
		if (p->env->rust && accept(p, ","))
			return fs_err_set(p->e, FS_E_USAGE, "Tuple expressions "
			    "not supported yet");
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
		memset(&sym, 0, sizeof sym);
		if (p->env->regval != NULL && p->env->regval(p->env->arg,
		    name, &sym) == 0 && sym.type != NULL) {
			n = typesize(sym.type);
			v->type = sym.type;
			if ((v->bytes = ar_alloc(p, n + 1)) == NULL)
				return oom(p);
			v->len = n;
			memcpy(v->bytes, sym.bytes, sym.len < n ? sym.len : n);
			/* An integer register is one an assignment can
			   set.  */
			if (n <= 8 && fs_value_is_scalar(sym.type) &&
			    !is_float(sym.type) &&
			    (v->reg = ar_alloc(p, strlen(name) + 1)) != NULL)
				memcpy((char *)v->reg, name, strlen(name) + 1);
			return 0;
		}
		if (p->env->reg == NULL ||
		    p->env->reg(p->env->arg, name, &x) != 0) {
			/* gdb: any other $name is a convenience variable,
			   void until one is assigned to it.  */
			char *copy;

			if (p->env->conv_get != NULL &&
			    p->env->conv_get(p->env->arg, name, &sym) == 0 &&
			    sym.type != NULL) {
				memset(v, 0, sizeof *v);
				v->type = sym.type;
				if ((v->bytes = ar_alloc(p, sym.len + 1)) ==
				    NULL)
					return oom(p);
				v->len = sym.len;
				memcpy(v->bytes, sym.bytes, sym.len);
			} else if ((rc = mkint(p, v, &t_void, 0)) != 0)
				return rc;
			if ((copy = ar_alloc(p, n)) == NULL)
				return oom(p);
			memcpy(copy, name, n);
			v->conv = copy;
			return 0;
		}
		if (strcmp(name, "pc") == 0 || strcmp(name, "rip") == 0 ||
		    strcmp(name, "eip") == 0)
			rc = mkint(p, v, &t_codep, x);
		else if (strcmp(name, "sp") == 0 || strcmp(name, "fp") == 0 ||
		    strcmp(name, "rsp") == 0 || strcmp(name, "rbp") == 0 ||
		    strcmp(name, "esp") == 0 || strcmp(name, "ebp") == 0)
			rc = mkint(p, v, &t_voidp, x);
		else
			rc = mkint(p, v, &t_long, x);
		if (rc == 0) {
			char *copy = ar_alloc(p, n);

			if (copy == NULL)
				return oom(p);
			memcpy(copy, name, n);
			v->reg = copy;
		}
		return rc;
	}
	if (p->env->rust && (*s == '\'' || (s[0] == 'b' && s[1] == '\'')))
		return rust_char(p, v, s, *s == 'b');
	if (*s == '"')
		return string_lit(p, v, s);
	if (*s == '\'' && (p->env->rust || scoped_len(s) == 0)) {
		unsigned c;

		n = 1;
		if (s[n] == '\\') {
			n++;
			if (escape(s, &n, &c) < 0)
				return syntax(p);
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
	if (p->env->rust && isdigit((unsigned char)*s))
		return rust_number(p, v, s);
	if (p->env->rust && *s == '[')
		return rust_array(p, v);
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
	if (isalpha((unsigned char)*s) || *s == '_' || *s == '\'') {
		const char *fn;

		/* Rust: a path, crate::module::f, is one name; C: gdb's
		   FUNCTION::NAME and 'FILE'::NAME.  */
		n = p->env->rust ? name_len(p, s) : scoped_len(s);
		if (n == 0)
			n = name_len(p, s);
		if (n >= sizeof name)
			return fs_err_set(p->e, FS_E_USAGE, "name too long");
		memcpy(name, s, n);
		name[n] = '\0';
		p->pos += n;
		if (p->env->rust && (strcmp(name, "true") == 0 ||
		    strcmp(name, "false") == 0))
			return mkint(p, v, &r_bool, name[0] == 't');
		if (strcmp(name, "sizeof") == 0) {
			size_t save = p->pos;
			const struct fs_type *ct;

			/* sizeof (TYPE), for the types a cast knows.  */
			skipws(p);
			rc = 0;
			if (accept(p, "(") && (ct = cast_type(p, &rc)) != NULL)
				return mkint(p, v, &t_ulong, typesize(ct));
			if (rc != 0)
				return rc;
			p->pos = save;
			if ((rc = unary(p, v)) != 0)
				return rc;
			return mkint(p, v, &t_ulong, typesize(v->type));
		}
		memset(&sym, 0, sizeof sym);
		rc = p->env->lookup != NULL ? p->env->lookup(p->env->arg, name,
		    &sym) : -FS_E_NOENT;
		if (rc != 0 && sym.error != NULL)
			return fs_err_set(p->e, FS_E_NOENT, "%s", sym.error);
		if (rc != 0 || sym.type == NULL)
			return fs_err_set(p->e, FS_E_NOENT, p->env->rust ?
			    "No symbol '%s' in current context" :
			    "No symbol \"%s\" in current context.", name);
		v->type = sym.type;
		v->uninit = sym.uninit;
		if (sym.error != NULL)
			return sym_error(p, v, sym.error);
		if (sym.in_memory) {
			v->lval = true;
			v->addr = sym.addr;
			fn = sym.fname != NULL ? sym.fname : name;
			if (is_kind(sym.type, FS_TYPE_FUNC) &&
			    (v->fname = ar_alloc(p, strlen(fn) + 1)) != NULL)
				strcpy((char *)v->fname, fn);
			return 0;
		}
		v->synthetic = sym.synthetic;
		v->sdie = sym.sdie;
		v->soff = sym.soff;
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
				memset(v->valid, 0xff, sym.len);
		}
		return 0;
	}
	return syntax(p);
}

/* Element I of what synthetic pointer V points to, of type ET.  */
static int
synthetic_element(struct ps *p, struct val *v, const struct fs_type *et,
    int64_t i)
{
	struct fs_eval_sym sym;
	size_t n = typesize(et);

	memset(&sym, 0, sizeof sym);
	if (fs_value_strip(et) == NULL || fs_value_strip(et)->kind ==
	    FS_TYPE_VOID)
		return fs_err_set(p->e, FS_E_USAGE,
		    "Attempt to dereference a generic pointer.");
	if (p->env->synthetic == NULL || p->env->synthetic(p->env->arg,
	    v->sdie, v->soff + i * (int64_t)n, et, &sym) != 0)
		return fs_err_set(p->e, FS_E_NOENT,
		    "value has been optimized out");
	memset(v, 0, sizeof *v);
	v->type = et;
	if (sym.error != NULL)
		return sym_error(p, v, sym.error);
	if (sym.in_memory) {
		v->lval = true;
		v->addr = sym.addr;
		return 0;
	}
	if ((v->bytes = ar_alloc(p, n + 1)) == NULL)
		return oom(p);
	v->len = n;
	memcpy(v->bytes, sym.bytes, sym.len < n ? sym.len : n);
	if (sym.valid != NULL) {
		if ((v->valid = ar_alloc(p, n + 1)) == NULL)
			return oom(p);
		memcpy(v->valid, sym.valid, sym.len < n ? sym.len : n);
	}
	v->synthetic = sym.synthetic;
	v->sdie = sym.sdie;
	v->soff = sym.soff;
	return 0;
}

static int deref(struct ps *p, struct val *v);

/* Whether Rust type T is a pointer (a Box, a reference) to a container or
   an Rc or Arc, which Rust indexes and measures through.  */
static bool
rust_ptr_to_container(const struct fs_type *t)
{
	const struct fs_type *tg;

	t = fs_value_strip(t);
	if (t == NULL || !t->rust || (t->kind != FS_TYPE_POINTER &&
	    t->kind != FS_TYPE_REFERENCE) || (tg = fs_value_strip(t->target)) ==
	    NULL)
		return false;
	return tg->kind == FS_TYPE_ARRAY || (tg->kind == FS_TYPE_STRUCT &&
	    (fs_rust_container(tg) || fs_rust_shared(tg, NULL, 0, NULL,
	    NULL)));
}

/* V, a Rust Rc or Arc, becomes the value it shares.  */
static int
rust_unshare(struct ps *p, struct val *v)
{
	const struct fs_type *vt;
	uint64_t addr;
	int rc;

	if ((rc = fetch(p, v)) != 0)
		return rc;
	if (!fs_rust_shared(v->type, v->bytes, v->len, &addr, &vt))
		return fs_err_set(p->e, FS_E_FORMAT, "Rc or Arc without a "
		    "pointer");
	memset(v, 0, sizeof *v);
	v->type = vt;
	v->lval = true;
	v->addr = addr;
	return 0;
}

/* V, a Rust value indexed or measured, through the Boxes, references,
   Rcs and Arcs that hold it.  */
static int
rust_through(struct ps *p, struct val *v)
{
	const struct fs_type *t;
	int depth, rc;

	for (depth = 0; depth < 8; depth++) {
		t = fs_value_strip(v->type);
		if (rust_ptr_to_container(t)) {
			uint64_t x;

			if ((rc = getint(p, v, &x)) != 0)
				return rc;
			memset(v, 0, sizeof *v);
			v->type = t->target;
			v->lval = true;
			v->addr = x;
			continue;
		}
		if (t != NULL && t->rust && fs_rust_shared(t, NULL, 0, NULL,
		    NULL))
			rc = rust_unshare(p, v);
		else
			return 0;
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The elements of Rust value V (a Vec, String, &str, slice or array,
   through what holds it): where, how many, of what type.  1 when V is
   none of these.  */
static int
rust_elements(struct ps *p, struct val *v, uint64_t *addr, uint64_t *n,
    const struct fs_type **et)
{
	const struct fs_type *t = fs_value_strip(v->type);
	int rc;

	if (t == NULL || !t->rust)
		return 1;
	if ((rc = rust_through(p, v)) != 0)
		return rc;
	t = fs_value_strip(v->type);
	if (t->kind == FS_TYPE_ARRAY) {
		if (t->ndims == 0 || !t->dims[0].has_count)
			return 1;
		*n = t->dims[0].count;
		*addr = v->addr;
		*et = NULL;
		return 0;
	}
	if (t->kind != FS_TYPE_STRUCT || !fs_rust_container(t))
		return 1;
	if ((rc = fetch(p, v)) != 0)
		return rc;
	if (!fs_rust_elements(t, v->bytes, v->len, addr, n, et))
		return 1;
	return 0;
}

/* V[I] in Rust: an element of a Vec, String, &str or slice (in its heap
   buffer), through a Box, a reference, an Rc or an Arc, with the index
   checked against the length, as Rust checks it; an array's index
   checked, then as in C.  1: none of these.  */
static int
rust_element(struct ps *p, struct val *v, int64_t i)
{
	const struct fs_type *et;
	uint64_t addr, n;
	int rc;

	if ((rc = rust_elements(p, v, &addr, &n, &et)) != 0)
		return rc;
	/* whatis and ptype read nothing: no length to check.  */
	if (i < 0 && !p->env->types_only)
		return fs_err_set(p->e, FS_E_USAGE, "Index less than zero");
	if ((uint64_t)i >= n && !p->env->types_only)
		return fs_err_set(p->e, FS_E_USAGE,
		    "Index greater than length");
	if (et == NULL)
		return 1;	/* an array */
	memset(v, 0, sizeof *v);
	v->type = et;
	v->lval = true;
	v->addr = addr + (uint64_t)i * typesize(et);
	return 0;
}

/* Rust's X[LO..HI] (LO NULL: from the start; `..=' takes HI too, no HI
   to the end), after LO, at the `..': V becomes the place of the
   elements, which `&' makes a slice of (rust_slice_ref).  */
static int
rust_range(struct ps *p, struct val *v, struct val *lo)
{
	const struct fs_type *t, *et;
	struct val hi;
	uint64_t addr, n, from = 0, to;
	bool incl, has_hi, str;
	int rc;

	p->pos += 2;
	incl = accept(p, "=");
	skipws(p);
	if ((has_hi = p->s[p->pos] != ']') && (rc = expr(p, &hi)) != 0)
		return rc;
	if (!accept(p, "]"))
		return syntax(p);
	if (p->depth != p->amp)
		return fs_err_set(p->e, FS_E_USAGE, "Can't take slice of "
		    "array without '&'");
	if ((lo != NULL && !is_int(lo->type)) || (has_hi &&
	    !is_int(hi.type)))
		return fs_err_set(p->e, FS_E_USAGE, "Argument to arithmetic "
		    "operation not a number or boolean.");
	if ((lo != NULL && (rc = getint(p, lo, &from)) != 0) ||
	    (has_hi && (rc = getint(p, &hi, &to)) != 0))
		return rc;
	str = fs_rust_is_text(v->type);
	if ((rc = rust_elements(p, v, &addr, &n, &et)) < 0)
		return rc;
	if (rc > 0)
		return fs_err_set(p->e, FS_E_USAGE, "Cannot subscript "
		    "non-array type");
	if (et == NULL) {
		/* An array: its place, its elements'.  */
		t = fs_value_strip(v->type);
		if (t->ndims > 1)
			return fs_err_set(p->e, FS_E_USAGE, "Cannot subscript "
			    "non-array type");
		if (!v->lval && !p->env->types_only)
			return fs_err_set(p->e, FS_E_USAGE, "Attempt to take "
			    "address of value not located in memory.");
		et = t->target;
	}
	if (!has_hi)
		to = n;
	else if (incl)
		to++;
	if ((int64_t)from < 0 || (int64_t)to < 0 || from > to)
		return fs_err_set(p->e, FS_E_USAGE, "Low index greater than "
		    "high index");
	if (to > n)
		return fs_err_set(p->e, FS_E_USAGE, "High index greater than "
		    "length");
	memset(v, 0, sizeof *v);
	v->type = et;
	v->addr = addr + from * typesize(et);
	v->slice = true;
	v->sstr = str;
	v->nslice = to - from;
	return 0;
}

/* &X[LO..HI] of the place rust_range left in V: a &str of a str's or a
   String's bytes, else a slice &[T], as gdb's Rust makes them (a
   pointer and a length).  */
static int
rust_slice_ref(struct ps *p, struct val *v)
{
	const struct fs_type *usz = p->word == 4 ? &r_usize32 : &fs_rust_usize;
	const struct fs_type *pt;
	struct fs_type *st;
	struct fs_member *m;
	char en[200], *name;
	size_t w = p->word == 4 ? 4 : 8;
	uint64_t addr = v->addr, n = v->nslice;

	if ((st = ar_alloc(p, sizeof *st)) == NULL ||
	    (m = ar_alloc(p, 2 * sizeof *m)) == NULL ||
	    (pt = mkptr(p, v->type)) == NULL ||
	    (name = ar_alloc(p, sizeof en + 4)) == NULL)
		return oom(p);
	if (v->sstr)
		snprintf(name, sizeof en + 4, "&str");
	else
		snprintf(name, sizeof en + 4, "&[%s]",
		    fs_rust_type_name(v->type, en, sizeof en));
	m[0].name = "data_ptr";
	m[0].type = pt;
	m[1].name = "length";
	m[1].type = usz;
	m[1].offset = w;
	st->kind = FS_TYPE_STRUCT;
	st->name = name;
	st->size = 2 * w;
	st->members = m;
	st->nmembers = 2;
	st->rust = true;
	memset(v, 0, sizeof *v);
	v->type = st;
	if ((v->bytes = ar_alloc(p, 16)) == NULL)
		return oom(p);
	v->len = 2 * w;
	memcpy(v->bytes, &addr, w);
	memcpy(v->bytes + w, &n, w);
	return 0;
}

/* V.len() in Rust: a container's or an array's length, a usize.  */
static int
rust_len(struct ps *p, struct val *v)
{
	const struct fs_type *et;
	uint64_t addr, n;
	char b[256];
	int rc;

	/* gdb's words for a method it does not find.  */
	tn(v->type, b, sizeof b);
	if ((rc = rust_elements(p, v, &addr, &n, &et)) < 0)
		return rc;
	if (rc > 0)
		return fs_err_set(p->e, FS_E_USAGE, "Could not find function "
		    "named '%s::len'", b);
	return mkint(p, v, &fs_rust_usize, n);
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

	v->uninit = false;
	if (t != NULL && t->rust) {
		if ((rc = rust_element(p, v, i)) <= 0)
			return rc;
		t = fs_value_strip(v->type);
	}

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
	if (t->kind == FS_TYPE_POINTER && v->synthetic)
		return synthetic_element(p, v, t->target, i);
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

	v->uninit = false;	/* a part is a value of its own */

	if (t != NULL && t->rust) {
		/* Rust's `.' goes through a Box or reference, as gdb's does,
		   and through an Rc or Arc to a member it has not.  */
		const struct fs_type *tg;

		if ((t->kind == FS_TYPE_POINTER ||
		    t->kind == FS_TYPE_REFERENCE) &&
		    (tg = fs_value_strip(t->target)) != NULL &&
		    (tg->kind == FS_TYPE_STRUCT || tg->kind == FS_TYPE_UNION ||
		    tg->kind == FS_TYPE_VARIANT)) {
			if ((rc = deref(p, v)) != 0)
				return rc;
			t = fs_value_strip(v->type);
		}
		while (t != NULL && fs_rust_shared(t, NULL, 0, NULL, NULL)) {
			for (i = 0; i < t->nmembers; i++)
				if (t->members[i].name != NULL &&
				    strcmp(t->members[i].name, name) == 0)
					break;
			if (i < t->nmembers)
				break;
			if ((rc = rust_unshare(p, v)) != 0)
				return rc;
			t = fs_value_strip(v->type);
		}
	}
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

/* Whether struct T's fields are a tuple's: rustc names them __0, __1...
   (none: a unit struct).  */
static bool
tuple_like(const struct fs_type *t)
{
	size_t i;

	for (i = 0; i < t->nmembers; i++)
		if (t->members[i].name == NULL || strncmp(t->members[i].name,
		    "__", 2) != 0 || !isdigit((unsigned char)
		    t->members[i].name[2]))
			return false;
	return true;
}

/* V, a Rust enum with data, made its active variant: the struct of its
   fields.  Its name, PATH::Variant as gdb says it, into VN.  */
static int
rust_variant(struct ps *p, struct val *v, char *vn, size_t size)
{
	const struct fs_member *m;
	char tn[512];
	int rc;

	if ((rc = fetch(p, v)) != 0)
		return rc;
	if ((m = fs_rust_variant(v->type, v->bytes, v->len)) == NULL ||
	    fs_value_strip(m->type) == NULL || m->offset + typesize(m->type) >
	    v->len)
		return fs_err_set(p->e, FS_E_USAGE, "Could not find active "
		    "enum variant");
	snprintf(vn, size, "%s::%s", fs_rust_type_name(v->type, tn,
	    sizeof tn), m->name != NULL ? m->name : "");
	v->type = m->type;
	if (v->lval)
		v->addr += m->offset;
	v->bytes += m->offset;
	if (v->valid != NULL)
		v->valid += m->offset;
	v->len = typesize(m->type);
	return 0;
}

/* Rust's V.NAME of an enum with data: the field of its active variant,
   with gdb's Rust words when it has none of that name.  */
static int
variant_member(struct ps *p, struct val *v, const char *name)
{
	const struct fs_type *t;
	char vn[600];
	int rc;

	if ((rc = rust_variant(p, v, vn, sizeof vn)) != 0)
		return rc;
	t = fs_value_strip(v->type);
	if (t->nmembers > 0 && tuple_like(t))
		return fs_err_set(p->e, FS_E_USAGE, "Attempting to access named "
		    "field %s of tuple variant %s, which has only anonymous "
		    "fields", name, vn);
	if (member(p, v, name) != 0)
		return fs_err_set(p->e, FS_E_USAGE, "Could not find field %s of "
		    "struct variant %s", name, vn);
	return 0;
}

/* Rust's T.N: field "__N" of a tuple, a tuple struct or the active
   variant of an enum (Some(5).0), with gdb's Rust words when there is
   none.  */
static int
tuple_field(struct ps *p, struct val *v, const char *name)
{
	const struct fs_type *t = fs_value_strip(v->type);
	char tn[600];
	size_t n = (size_t)atol(name + 2);
	int rc;

	if (t != NULL && t->kind == FS_TYPE_VARIANT) {
		if ((rc = rust_variant(p, v, tn, sizeof tn)) != 0)
			return rc;
		t = fs_value_strip(v->type);
		if (!tuple_like(t))
			return fs_err_set(p->e, FS_E_USAGE, "Variant %s is not a "
			    "tuple variant", tn);
		if (n < t->nmembers)
			return member(p, v, name);
		return fs_err_set(p->e, FS_E_USAGE, "Cannot access field %s of "
		    "variant %s, there are only %zu fields", name + 2, tn,
		    t->nmembers);
	}
	if (t == NULL || (t->kind != FS_TYPE_STRUCT && t->kind !=
	    FS_TYPE_UNION))
		return fs_err_set(p->e, FS_E_USAGE, "Anonymous field access is "
		    "only allowed on tuples, tuple structs, and tuple-like "
		    "enum variants");
	if (tuple_like(t) && n < t->nmembers)
		return member(p, v, name);
	fs_rust_type_name(v->type, tn, sizeof tn);
	if (tuple_like(t))
		return fs_err_set(p->e, FS_E_USAGE, "Cannot access field %s of "
		    "%s, there are only %zu fields", name + 2, tn,
		    t->nmembers);
	return fs_err_set(p->e, FS_E_USAGE, "Attempting to access anonymous "
	    "field %s of %s, which is not a tuple, tuple struct, or "
	    "tuple-like variant", name + 2, tn);
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
	if (t != NULL && t->rust && fs_rust_shared(t, NULL, 0, NULL, NULL))
		return rust_unshare(p, v);	/* *rc: what it shares */
	if (t != NULL && t->kind == FS_TYPE_POINTER) {
		if (fs_value_strip(t->target) == NULL ||
		    fs_value_strip(t->target)->kind == FS_TYPE_VOID)
			return fs_err_set(p->e, FS_E_USAGE,
			    "Attempt to dereference a generic pointer.");
		return element(p, v, 0);
	}
	if (p->env->rust)
		return fs_err_set(p->e, FS_E_USAGE,
		    "Attempt to take contents of a non-pointer value.");
	if (t != NULL && (t->kind == FS_TYPE_STRUCT ||
	    t->kind == FS_TYPE_UNION) && !v->lval)
		return fs_err_set(p->e, FS_E_USAGE, "Attempt to take address "
		    "of value not located in memory.");
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

/* V converted to type T for a call (a parameter's, or the default
   promotions when T is NULL: float to double, small integers to int,
   arrays and functions to pointers), its bytes read.  */
static int
call_arg(struct ps *p, struct val *v, const struct fs_type *t)
{
	const struct fs_type *vs = fs_value_strip(v->type), *ts;
	long double d;
	uint64_t x;
	int rc;

	vs = fs_value_strip(v->type);
	if (vs != NULL && vs->kind == FS_TYPE_ARRAY && !v->lval && (t == NULL ||
	    is_kind(t, FS_TYPE_POINTER))) {
		/* An array in no memory (a string literal): into the
		   program's, as gdb puts it there.  */
		uint64_t at;

		if ((rc = fetch(p, v)) != 0)
			return rc;
		if (p->env->alloc == NULL)
			return fs_err_set(p->e, FS_E_STATE, "Only values in "
			    "memory can be extended with '@'.");
		if ((rc = p->env->alloc(p->env->arg, v->bytes, v->len, &at,
		    p->e)) != 0)
			return rc;
		v->lval = true;
		v->addr = at;
	}
	if ((rc = decay(p, v)) != 0)
		return rc;
	vs = fs_value_strip(v->type);
	if (vs != NULL && vs->kind == FS_TYPE_FUNC && v->lval) {
		const struct fs_type *pt = mkptr(p, v->type);

		if (pt == NULL)
			return oom(p);
		if ((rc = mkint(p, v, pt, v->addr)) != 0)
			return rc;
		vs = fs_value_strip(v->type);
	}
	if (t == NULL) {
		if (is_float(v->type) && typesize(v->type) < 8)
			t = &t_double;
		else if (is_int(v->type) && typesize(v->type) < 4)
			t = &t_int;
		else
			return fetch(p, v);
	}
	ts = fs_value_strip(t);
	if (ts == NULL)
		return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
	if (ts->kind == FS_TYPE_STRUCT || ts->kind == FS_TYPE_UNION ||
	    ts->kind == FS_TYPE_ARRAY) {
		/* By value: the same type, as C passes it.  */
		if (vs == NULL || vs->kind != ts->kind || vs->size != ts->size ||
		    (vs->name != NULL && ts->name != NULL &&
		    strcmp(vs->name, ts->name) != 0))
			return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
		v->type = t;
		return fetch(p, v);
	}
	if (is_float(t)) {
		if (!is_float(v->type) && !fs_value_is_scalar(v->type))
			return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
		if ((rc = getfloat(p, v, &d)) != 0)
			return rc;
		return mkfloat(p, v, t, d);
	}
	if (fs_value_is_scalar(t)) {
		if (is_float(v->type)) {
			if ((rc = getfloat(p, v, &d)) != 0)
				return rc;
			return mkint(p, v, t, (uint64_t)fs_value_float_int(d));
		}
		if (!fs_value_is_scalar(v->type))
			return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
		if ((rc = getint(p, v, &x)) != 0)
			return rc;
		return mkint(p, v, t, x);
	}
	return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
}

#define EVAL_MAXARGS	32

/* F(ARGS...): a call of the function V (or pointed to by V) in the
   program, through the env.  */
static int
call(struct ps *p, struct val *v)
{
	const struct fs_type *ft = fs_value_strip(v->type), *rt;
	struct fs_eval_sym syms[EVAL_MAXARGS], out;
	struct val args[EVAL_MAXARGS];
	const char *name = v->fname;
	uint64_t addr;
	size_t nargs = 0, i;
	int rc;

	if (ft != NULL && ft->kind == FS_TYPE_POINTER &&
	    is_kind(ft->target, FS_TYPE_FUNC)) {
		if ((rc = getint(p, v, &addr)) != 0)
			return rc;
		ft = fs_value_strip(ft->target);
		name = NULL;
	} else if (ft != NULL && ft->kind == FS_TYPE_FUNC && v->lval)
		addr = v->addr;
	else
		return fs_err_set(p->e, FS_E_USAGE, "Invalid data type for "
		    "function to be called.");
	if (!accept(p, ")")) {
		do {
			if (nargs == EVAL_MAXARGS)
				return fs_err_set(p->e, FS_E_USAGE,
				    "too many arguments");
			if ((rc = assign(p, &args[nargs])) != 0)
				return rc;
			nargs++;
		} while (accept(p, ","));
		if (!accept(p, ")"))
			return syntax(p);
	}
	if (!ft->varargs && nargs < ft->nparams)
		return fs_err_set(p->e, FS_E_USAGE,
		    "Too few arguments in function call.");
	rt = ft->target != NULL ? ft->target : &t_void;
	/* Where its arguments go, the ABI does not say: refused before
	   they are converted, as gdb does.  */
	if (ft->nocall && !p->env->types_only && p->env->call != NULL)
		return fs_err_set(p->e, FS_E_USAGE, "Cannot call the function "
		    "'%s' which does not follow the target calling "
		    "convention.", name != NULL ? name : "??");
	for (i = 0; i < nargs; i++)
		if ((rc = call_arg(p, &args[i], i < ft->nparams ?
		    ft->params[i] : NULL)) != 0)
			return rc;
	if (p->env->types_only) {
		/* whatis and ptype do not call.  */
		memset(v, 0, sizeof *v);
		v->type = rt;
		if (typesize(rt) > EVAL_MAXVALUE)
			return fs_err_set(p->e, FS_E_USAGE, "too big");
		if ((v->bytes = ar_alloc(p, typesize(rt) + 1)) == NULL)
			return oom(p);
		v->len = typesize(rt);
		return 0;
	}
	if (p->env->call == NULL)
		return fs_err_set(p->e, FS_E_STATE, "You can't do that without "
		    "a process to debug.");
	for (i = 0; i < nargs; i++) {
		memset(&syms[i], 0, sizeof syms[i]);
		syms[i].type = args[i].type;
		syms[i].bytes = args[i].bytes;
		syms[i].len = args[i].len;
	}
	memset(&out, 0, sizeof out);
	if ((rc = p->env->call(p->env->arg, name, addr, ft, syms, nargs, &out,
	    p->e)) != 0)
		return rc;
	memset(v, 0, sizeof *v);
	v->type = out.type != NULL ? out.type : &t_void;
	if (out.in_memory) {
		v->lval = true;
		v->addr = out.addr;
	}
	if ((v->bytes = ar_alloc(p, out.len + 1)) == NULL)
		return oom(p);
	v->len = out.len;
	if (out.len > 0)
		memcpy(v->bytes, out.bytes, out.len);
	return 0;
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
		skipws(p);
		if (v->slice && (p->s[p->pos] == '[' || (p->s[p->pos] == '.' &&
		    p->s[p->pos + 1] != '.') || p->s[p->pos] == '('))
			return fs_err_set(p->e, FS_E_USAGE, "Can't take slice of "
			    "array without '&'");
		/* A Rust range's `..' is no field's `.'.  */
		if (p->env->rust && strncmp(p->s + p->pos, "..", 2) == 0)
			return 0;
		if (!p->env->rust && (strncmp(p->s + p->pos, "++", 2) == 0 ||
		    strncmp(p->s + p->pos, "--", 2) == 0)) {
			char op = p->s[p->pos];

			p->pos += 2;
			if ((rc = incdec(p, v, op, true)) != 0)
				return rc;
			continue;
		}
		if ((is_kind(v->type, FS_TYPE_FUNC) || (is_kind(v->type,
		    FS_TYPE_POINTER) && is_kind(fs_value_strip(v->type)->target,
		    FS_TYPE_FUNC))) && accept(p, "(")) {
			if ((rc = call(p, v)) != 0)
				return rc;
			continue;
		}
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
			/* A Rust tuple's field by number: rustc names them
			   __0, __1, ...  */
			skipws(p);
			if (fs_rust_type(v->type) &&
			    isdigit((unsigned char)p->s[p->pos])) {
				size_t nd;

				for (nd = 0; isdigit((unsigned char)
				    p->s[p->pos + nd]) && nd < 8; nd++)
					;
				snprintf(name, sizeof name, "__%.*s", (int)nd,
				    p->s + p->pos);
				p->pos += nd;
				if ((rc = tuple_field(p, v, name)) != 0)
					return rc;
				continue;
			}
			if ((rc = ident(p, name, sizeof name)) != 0)
				return rc;
			if (strcmp(name, "len") == 0 && fs_rust_type(v->type) &&
			    accept(p, "(")) {
				if (!accept(p, ")"))
					return syntax(p);
				if ((rc = rust_len(p, v)) != 0)
					return rc;
				continue;
			}
			if (fs_rust_type(v->type) && is_kind(v->type,
			    FS_TYPE_VARIANT)) {
				if ((rc = variant_member(p, v, name)) != 0)
					return rc;
				continue;
			}
			if ((rc = member(p, v, name)) != 0)
				return rc;
		} else if (accept(p, "[")) {
			skipws(p);
			if (p->env->rust && strncmp(p->s + p->pos, "..", 2) ==
			    0) {
				if ((rc = rust_range(p, v, NULL)) != 0)
					return rc;
				continue;
			}
			if ((rc = expr(p, &idx)) != 0)
				return rc;
			skipws(p);
			if (p->env->rust && strncmp(p->s + p->pos, "..", 2) ==
			    0) {
				if ((rc = rust_range(p, v, &idx)) != 0)
					return rc;
				continue;
			}
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
		} else if (accept(p, "(")) {
			return fs_err_set(p->e, FS_E_USAGE, "Invalid data type "
			    "for function to be called.");
		} else
			return 0;
	}
}

/* A type name in a cast: a builtin, struct/union/enum is not known
   here, then stars.  Returns NULL when the text is not a type.  */
/* Whether the word WORD starts at P's position; P goes past it.  */
static bool
keyword(struct ps *p, const char *word)
{
	size_t n = strlen(word);
	const char *s;

	skipws(p);
	s = p->s + p->pos;
	if (strncmp(s, word, n) != 0 || isalnum((unsigned char)s[n]) ||
	    s[n] == '_')
		return false;
	p->pos += n;
	return true;
}

/* The const and volatile at P, in any order and number.  */
static void
qualifiers(struct ps *p, bool *cq, bool *vq)
{
	for (;;)
		if (keyword(p, "const"))
			*cq = true;
		else if (keyword(p, "volatile"))
			*vq = true;
		else
			break;
}

/* TARGET qualified (FS_TYPE_CONST, FS_TYPE_VOLATILE).  */
static const struct fs_type *
mkqual(struct ps *p, enum fs_type_kind kind, const struct fs_type *target)
{
	struct fs_type *t;

	if ((t = ar_alloc(p, sizeof *t)) == NULL)
		return NULL;
	t->kind = kind;
	t->size = target != NULL ? target->size : 0;
	t->target = target;
	return t;
}

/* The identifier at S, copied into NAME of SIZE: its length, or 0.  */
static size_t
ident_at(const char *s, char *name, size_t size)
{
	size_t n;

	for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
		;
	if (n == 0 || n >= size || isdigit((unsigned char)*s))
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	return n;
}

/* The array bounds [N]... after a type T at P, the last the innermost:
   the array type, T when there are none; NULL with *RC set on an
   error.  */
static const struct fs_type *
array_dims(struct ps *p, const struct fs_type *t, int *rc)
{
	uint64_t n[8];
	size_t k = 0;
	char *end;

	while (accept(p, "[")) {
		skipws(p);
		if (k == sizeof n / sizeof n[0]) {
			*rc = syntax(p);
			return NULL;
		}
		errno = 0;
		n[k] = strtoull(p->s + p->pos, &end, 0);
		if (end == p->s + p->pos || errno != 0) {
			*rc = syntax(p);
			return NULL;
		}
		p->pos += (size_t)(end - (p->s + p->pos));
		if (!accept(p, "]")) {
			*rc = syntax(p);
			return NULL;
		}
		k++;
	}
	while (k > 0) {
		k--;
		if (typesize(t) != 0 && n[k] > UINT64_MAX / typesize(t)) {
			*rc = fs_err_set(p->e, FS_E_USAGE, "array too large");
			return NULL;
		}
		if ((t = mkarray(p, t, n[k])) == NULL) {
			*rc = oom(p);
			return NULL;
		}
	}
	return t;
}

/* C's abstract declarator after the type T at P, as a cast writes one:
   arrays (int[3]) and pointers to them (int (*)[3]).  */
static const struct fs_type *
declarator(struct ps *p, const struct fs_type *t, int *rc)
{
	size_t save = p->pos;
	unsigned stars = 0;

	if (accept(p, "(")) {
		while (accept(p, "*"))
			stars++;
		if (stars == 0 || !accept(p, ")")) {
			p->pos = save;
			return t;
		}
		if ((t = array_dims(p, t, rc)) == NULL)
			return NULL;
		while (stars-- > 0)
			if ((t = mkptr(p, t)) == NULL) {
				*rc = oom(p);
				return NULL;
			}
		return t;
	}
	return array_dims(p, t, rc);
}

/* A type name at P as C writes one in a cast: const and volatile, a base
   type, struct, union or enum TAG or a typedef's name, then `*'s.  NULL
   with P where it was when there is none; NULL and *RC set (gdb's "No
   struct type named x.") for a struct, union or enum not known.  */
static const struct fs_type *
type_name(struct ps *p, int *rc)
{
	static const char *const tags[] = { "struct", "union", "enum" };
	const struct fs_type *t = NULL;
	struct fs_eval_sym sym;
	size_t save = p->pos, best = 0, i, n;
	bool cq = false, vq = false;
	const char *s;
	char name[256];

	*rc = 0;
	qualifiers(p, &cq, &vq);
	skipws(p);
	for (i = 0; i < sizeof tags / sizeof tags[0] && t == NULL; i++) {
		if (!keyword(p, tags[i]))
			continue;
		skipws(p);
		if ((n = ident_at(p->s + p->pos, name, sizeof name)) == 0) {
			*rc = syntax(p);
			return NULL;
		}
		p->pos += n;
		if (p->env->type_named == NULL || p->env->type_named(
		    p->env->arg, tags[i][0], name, &t) != 0 || t == NULL) {
			*rc = fs_err_set(p->e, FS_E_NOENT, "No %s type named "
			    "%s.", tags[i], name);
			return NULL;
		}
	}
	s = p->s + p->pos;
	for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		n = strlen(builtins[i].name);
		if (t == NULL && strncmp(s, builtins[i].name, n) == 0 &&
		    !isalnum((unsigned char)s[n]) && s[n] != '_' && n > best)
			best = n;
	}
	for (i = 0; best > 0 && i < sizeof builtins / sizeof builtins[0]; i++)
		if (strlen(builtins[i].name) == best &&
		    strncmp(s, builtins[i].name, best) == 0)
			t = builtins[i].type;
	/* long is not long long on i386.  */
	if (t != NULL && best > 0 && p->word == 4)
		t = t == &t_long ? &t_long32 : t == &t_ulong ? &t_ulong32 :
		    t == &t_ldouble ? &t_ldouble32 : t;
	p->pos += best;
	/* A Rust type by its path (b1::Small) too.  */
	if (t == NULL && p->env->type_named != NULL &&
	    (n = p->env->rust ? name_len(p, s) : ident_at(s, name,
	    sizeof name)) > 0 && n < sizeof name && !isdigit((unsigned char)
	    *s)) {
		memcpy(name, s, n);
		name[n] = '\0';
		/* A typedef's name, where no variable has it.  */
		memset(&sym, 0, sizeof sym);
		if ((p->env->lookup == NULL || p->env->lookup(p->env->arg,
		    name, &sym) != 0) && p->env->type_named(p->env->arg, 't',
		    name, &t) == 0 && t != NULL)
			p->pos += n;
		else
			t = NULL;
	}
	if (t == NULL) {
		p->pos = save;
		return NULL;
	}
	qualifiers(p, &cq, &vq);
	if ((vq && (t = mkqual(p, FS_TYPE_VOLATILE, t)) == NULL) ||
	    (cq && (t = mkqual(p, FS_TYPE_CONST, t)) == NULL)) {
		*rc = oom(p);
		return NULL;
	}
	while (accept(p, "*"))
		if ((t = mkptr(p, t)) == NULL || (keyword(p, "const") &&
		    (t = mkqual(p, FS_TYPE_CONST, t)) == NULL)) {
			*rc = oom(p);
			return NULL;
		}
	if (!p->env->rust)
		t = declarator(p, t, rc);
	return t;
}

/* The type of a cast, "TYPE)" after its `(': NULL (P where it was) when
   what follows is no type, or with *RC set on an error.  */
static const struct fs_type *
cast_type(struct ps *p, int *rc)
{
	const struct fs_type *t;
	size_t save = p->pos;

	if ((t = type_name(p, rc)) == NULL)
		return NULL;
	if (!accept(p, ")")) {
		p->pos = save;
		return NULL;
	}
	return t;
}

/* The type after a Rust `as': a primitive, a raw pointer (*const T,
   *mut T) or a type's path.  NULL with *RC set when there is none.  */
static const struct fs_type *
rust_type(struct ps *p, int *rc)
{
	const struct fs_type *t = NULL;
	char name[256];
	size_t n;

	*rc = 0;
	skipws(p);
	if (accept(p, "*")) {
		if (!keyword(p, "const") && !keyword(p, "mut")) {
			*rc = syntax(p);
			return NULL;
		}
		if ((t = rust_type(p, rc)) != NULL && (t = mkptr(p, t)) == NULL)
			*rc = oom(p);
		return t;
	}
	if ((t = rust_builtin(p, p->s + p->pos, &n)) != NULL) {
		p->pos += n;
		return t;
	}
	if ((n = name_len(p, p->s + p->pos)) == 0 || isdigit((unsigned char)
	    p->s[p->pos])) {
		*rc = syntax(p);
		return NULL;
	}
	snprintf(name, sizeof name, "%.*s", (int)n, p->s + p->pos);
	if (p->env->type_named == NULL || p->env->type_named(p->env->arg,
	    't', name, &t) != 0 || t == NULL) {
		*rc = fs_err_set(p->e, FS_E_NOENT, "No type name '%s' in "
		    "current context", name);
		return NULL;
	}
	p->pos += n;
	return t;
}

static int
binarith(struct ps *p, struct val *a, struct val *b, char op);
static int	bitor_x(struct ps *p, struct val *v);
static int	struct_operand(struct ps *p, const struct val *a,
	    const struct val *b, char op);

/* V converted to type T, as a cast (C's (T)V, Rust's V as T) does.  */
static int
cast_to(struct ps *p, struct val *v, const struct fs_type *t)
{
	uint64_t x;
	int rc;

	if (is_kind(t, FS_TYPE_ARRAY)) {
		/* As gdb casts to an array: what is in memory is read again
		   there as the array, another value of its size taken as
		   it is.  */
		if (is_kind(v->type, FS_TYPE_ARRAY))
			return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
		if (v->lval) {
			v->type = t;
			v->bytes = NULL;
			v->valid = NULL;
			return 0;
		}
		if ((rc = fetch(p, v)) != 0)
			return rc;
		if (typesize(v->type) != typesize(t))
			return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
		v->type = t;
		return 0;
	}
	if (!is_float(t) && !fs_value_is_scalar(t))
		return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
	if (is_float(t)) {
		long double d;

		if ((rc = getfloat(p, v, &d)) != 0)
			return rc;
		rc = mkfloat(p, v, t, d);
	} else if (is_float(v->type)) {
		long double d;

		if ((rc = getfloat(p, v, &d)) != 0)
			return rc;
		/* To a bool through an integer, as gdb converts: 0.5 is
		   false.  */
		rc = mkint(p, v, t, is_bool(t) ? fs_value_float_int(d) != 0 :
		    (uint64_t)fs_value_float_int(d));
	} else if ((is_kind(v->type, FS_TYPE_ARRAY) ||
	    is_kind(v->type, FS_TYPE_FUNC)) && v->lval &&
	    (is_kind(t, FS_TYPE_POINTER) || is_int(t))) {
		/* An array or a function is its address there, as C has
		   it.  */
		rc = mkint(p, v, t, v->addr);
	} else if (is_kind(v->type, FS_TYPE_FUNC) &&
	    v->lval && fs_value_is_scalar(t)) {
		/* A function is its address, as gdb casts it: (char *)main,
		   (long)main.  */
		rc = mkint(p, v, t, v->addr);
	} else {
		if (!fs_value_is_scalar(v->type))
			return fs_err_set(p->e, FS_E_USAGE, "Invalid cast.");
		if ((rc = getint(p, v, &x)) != 0)
			return rc;
		rc = mkint(p, v, t, is_bool(t) ? x != 0 : x);
	}
	return rc;
}

/* Rust's -V of a float or an integer: of V's type, as gdb negates for
   Rust, but an integer shorter than an int becomes an int, as in C.  */
static int
rust_negate(struct ps *p, struct val *v)
{
	long double d;
	uint64_t x;
	int rc;

	if (is_float(v->type)) {
		if ((rc = getfloat(p, v, &d)) != 0)
			return rc;
		return mkfloat(p, v, fs_value_strip(v->type), -d);
	}
	if ((rc = getint(p, v, &x)) != 0)
		return rc;
	return mkint(p, v, typesize(v->type) < 4 ? &t_int : v->type,
	    (uint64_t)0 - x);
}

/* Rust's !V: a bool's negation, an integer's complement in its own
   type.  */
static int
rust_not(struct ps *p, struct val *v)
{
	const struct fs_type *t = fs_value_strip(v->type);
	uint64_t x;
	int rc;

	if (t == NULL || t->kind != FS_TYPE_BASE || is_float(t) ||
	    !is_int(t))
		return fs_err_set(p->e, FS_E_USAGE, "Argument to complement "
		    "operation not an integer, boolean.");
	if ((rc = getint(p, v, &x)) != 0)
		return rc;
	if (t->encoding == FS_ATE_BOOLEAN)
		return mkint(p, v, v->type, x == 0);
	return mkint(p, v, v->type, ~x);
}

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
	if (!p->env->rust && (strncmp(p->s + p->pos, "++", 2) == 0 ||
	    strncmp(p->s + p->pos, "--", 2) == 0)) {
		char op = p->s[p->pos];

		p->pos += 2;
		if ((rc = unary(p, v)) == 0)
			rc = incdec(p, v, op, false);
		p->depth--;
		return rc;
	}
	if (!p->env->rust && accept(p, "{")) {
		/* gdb's {TYPE} ADDR: the TYPE at ADDR.  */
		char tn[256];

		rc = 0;
		if ((t = type_name(p, &rc)) == NULL && rc == 0 &&
		    ident_at(p->s + p->pos, tn, sizeof tn) > 0)
			rc = fs_err_set(p->e, FS_E_NOENT, "No symbol \"%s\" in "
			    "current context.", tn);
		if (t == NULL)
			return rc != 0 ? rc : syntax(p);
		if (!accept(p, "}"))
			return syntax(p);
		if ((rc = unary(p, v)) == 0 && (t = mkptr(p, t)) == NULL)
			rc = oom(p);
		if (rc == 0 && (rc = cast_to(p, v, t)) == 0)
			rc = deref(p, v);
		p->depth--;
		return rc;
	}
	if (accept(p, "&")) {
		int amp = p->amp;

		if (p->env->rust)
			(void)keyword(p, "mut");
		p->amp = p->depth + 1;
		rc = unary(p, v);
		p->amp = amp;
		if (rc != 0)
			return rc;
		if (v->slice) {
			rc = rust_slice_ref(p, v);
			p->depth--;
			return rc;
		}
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
		if (p->env->rust && (is_float(v->type) || is_int(v->type))) {
			rc = rust_negate(p, v);
			p->depth--;
			return rc;
		}
		if ((rc = struct_operand(p, v, NULL, '-')) != 0 ||
		    (rc = mkint(p, &zero, &t_int, 0)) != 0)
			return rc;
		if ((rc = binarith(p, &zero, v, '-')) == 0)
			*v = zero;
	} else if (accept(p, "!")) {
		if ((rc = unary(p, v)) != 0)
			return rc;
		if (p->env->rust) {
			rc = rust_not(p, v);
			p->depth--;
			return rc;
		}
		if ((rc = struct_operand(p, v, NULL, '!')) != 0)
			return rc;
		if (is_float(v->type)) {
			long double d;

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
		if ((rc = unary(p, v)) != 0 ||
		    (rc = struct_operand(p, v, NULL, '~')) != 0)
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

		rc = 0;
		if (accept(p, "(") && (t = cast_type(p, &rc)) != NULL) {
			if ((rc = unary(p, v)) != 0)
				return rc;
			rc = cast_to(p, v, t);
		} else if (rc == 0) {
			p->pos = save;
			rc = postfix(p, v);
		}
	}
	p->depth--;
	return rc;
}

/* V, then Rust's `as TYPE' after it, any number of times: a cast binds
   looser than a unary operator (-1 as u32 casts -1), tighter than the
   binary ones.  */
static int
rust_cast(struct ps *p, struct val *v)
{
	const struct fs_type *t;
	int rc;

	if ((rc = unary(p, v)) != 0)
		return rc;
	while (p->env->rust && keyword(p, "as")) {
		if ((t = rust_type(p, &rc)) == NULL)
			return rc;
		if ((rc = cast_to(p, v, t)) != 0)
			return rc;
	}
	return 0;
}

/* The type of an arithmetic on A and B in Rust, as gdb computes it for a
   language other than C: each operand at least an int, the longer's
   signedness (unsigned if either is, at one length), then a long or a
   long long of that signedness.  */
static const struct fs_type *
promote_rust(const struct ps *p, const struct fs_type *a,
    const struct fs_type *b)
{
	size_t sa = typesize(a), sb = typesize(b), len;
	bool ua = !fs_value_is_signed(a), ub = !fs_value_is_signed(b), u;

	if (sa < 4) {
		sa = 4;
		ua = false;
	}
	if (sb < 4) {
		sb = 4;
		ub = false;
	}
	len = sa > sb ? sa : sb;
	u = sa > sb ? ua : sb > sa ? ub : ua || ub;
	if (len > p->word)
		return u ? &t_ullong : &t_llong;
	if (p->word == 4)
		return u ? &t_ulong32 : &t_long32;
	return u ? &t_ulong : &t_long;
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
   element; a function, a pointer to it (gdb's main + 4).  */
static int
decay(struct ps *p, struct val *v)
{
	const struct fs_type *t = fs_value_strip(v->type), *pt;
	const struct fs_type *et;

	if (t != NULL && t->kind == FS_TYPE_FUNC && v->lval) {
		if ((pt = mkptr(p, v->type)) == NULL)
			return oom(p);
		return mkint(p, v, pt, v->addr);
	}
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

/* A << B (OP 'L') or A >> B ('R') of integers X and Y: C's, in A's
   promoted type; a count below zero or past the type's width gives
   what gdb gives, 0 (>> of a negative number: -1).  */
static int
shift(struct ps *p, struct val *a, struct val *b, uint64_t x, uint64_t y,
    char op)
{
	/* The left operand's type, an int at least (a Rust i32 stays
	   one).  */
	const struct fs_type *t = p->env->rust && typesize(a->type) >= 4 ?
	    fs_value_strip(a->type) : promote(a->type, a->type);
	unsigned bits = (unsigned)typesize(t) * 8;
	bool sg = fs_value_is_signed(t);
	int64_t sx;

	if (bits == 0 || bits > 64)
		bits = 64;
	if (bits < 64)
		x = sg ? (uint64_t)((int64_t)(x << (64 - bits)) >>
		    (64 - bits)) : x & ((UINT64_C(1) << bits) - 1);
	sx = (int64_t)x;
	if ((fs_value_is_signed(b->type) && (int64_t)y < 0) || y >= bits)
		return mkint(p, a, t, op == 'R' && sg && sx < 0 ?
		    UINT64_MAX : 0);
	if (op == 'L')
		return mkint(p, a, t, x << y);
	return mkint(p, a, t, sg ? (uint64_t)(sx >> y) : x >> y);
}

/* gdb's error for operator OP (binarith's letter, ! and ~ unary, B
   NULL) on a struct, where it looks for a C++ operator of the left
   operand's first: 0 when neither A nor B is one.  */
static int
struct_operand(struct ps *p, const struct val *a, const struct val *b,
    char op)
{
	static const char letters[] = "+-*/%&|^LR=!<>lg~AOPM";
	static const char *const names[] = { "+", "-", "*", "/", "%", "&",
	    "|", "^", "<<", ">>", "==", "!=", "<", ">", "<=", ">=", "~",
	    "&&", "||", "++", "--" };
	const char *at = strchr(letters, op);

	if (op == '\0' || at == NULL)
		return 0;
	if (is_kind(a->type, FS_TYPE_STRUCT) ||
	    is_kind(a->type, FS_TYPE_VARIANT))
		return fs_err_set(p->e, FS_E_USAGE, "Structure has no "
		    "component named operator%s.", b == NULL && op == '!' ?
		    "!" : names[at - letters]);
	if (b != NULL && (is_kind(b->type, FS_TYPE_STRUCT) ||
	    is_kind(b->type, FS_TYPE_VARIANT)))
		return fs_err_set(p->e, FS_E_USAGE, "Can't do that binary op "
		    "on that type");
	return 0;
}

static int
binarith(struct ps *p, struct val *a, struct val *b, char op)
{
	const struct fs_type *t;
	uint64_t x, y, r = 0;
	bool pa, pb, sg;
	int rc;

	if ((rc = struct_operand(p, a, b, op)) != 0 ||
	    (rc = decay(p, a)) != 0 || (rc = decay(p, b)) != 0)
		return rc;
	pa = is_kind(a->type, FS_TYPE_POINTER);
	pb = is_kind(b->type, FS_TYPE_POINTER);
	if (pa && !pb && a->synthetic && (op == '+' || op == '-') &&
	    is_int(b->type)) {
		/* Still synthetic, further into its object.  */
		if ((rc = getint(p, b, &y)) != 0)
			return rc;
		a->soff += (op == '+' ? 1 : -1) * (int64_t)y *
		    (int64_t)scale(a->type);
		return 0;
	}
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
		long double d, e2, dr = 0;

		if ((rc = getfloat(p, a, &d)) != 0 ||
		    (rc = getfloat(p, b, &e2)) != 0)
			return rc;
		t = !is_float(a->type) ? b->type : !is_float(b->type) ?
		    a->type : typesize(a->type) >= typesize(b->type) ?
		    a->type : b->type;
		/* gdb computes in double for Rust, long double past it.  */
		if (p->env->rust)
			t = typesize(a->type) > 8 || typesize(b->type) > 8 ?
			    &t_ldouble : &t_double;
		/* In the precision of the result's type, as gdb computes
		   on the host type that matches it.  */
		switch (typesize(t) > 8 ? 'l' : typesize(t) > 4 ? 'd' : 'f') {
		case 'f':
			dr = op == '+' ? (float)d + (float)e2 : op == '-' ?
			    (float)d - (float)e2 : op == '*' ? (float)d *
			    (float)e2 : op == '/' ? (float)d / (float)e2 : 0;
			break;
		case 'd':
			dr = op == '+' ? (double)d + (double)e2 : op == '-' ?
			    (double)d - (double)e2 : op == '*' ? (double)d *
			    (double)e2 : op == '/' ? (double)d / (double)e2 : 0;
			break;
		default:
			dr = op == '+' ? d + e2 : op == '-' ? d - e2 :
			    op == '*' ? d * e2 : op == '/' ? d / e2 : 0;
			break;
		}
		switch (op) {
		case '+':
		case '-':
		case '*':
		case '/':
			break;
		case '%':
			return fs_err_set(p->e, FS_E_USAGE, "Integer only "
			    "operation MOD.");
		case '&':
		case '|':
		case '^':
		case 'L':
		case 'R':
			return fs_err_set(p->e, FS_E_USAGE, "Integer-only "
			    "operation on floating point number.");
		default:
			r = op == '=' ? d == e2 : op == '!' ? d != e2 :
			    op == '<' ? d < e2 : op == '>' ? d > e2 :
			    op == 'l' ? d <= e2 : d >= e2;
			return mkint(p, a, truth_type(p), r);
		}
		return mkfloat(p, a, fs_value_strip(t), dr);
	}
	if ((rc = getint(p, a, &x)) != 0 || (rc = getint(p, b, &y)) != 0)
		return rc;
	if (op == 'L' || op == 'R')
		return shift(p, a, b, x, y, op);
	t = p->env->rust ? promote_rust(p, a->type, b->type) :
	    promote(a->type, b->type);
	sg = fs_value_is_signed(t);
	if (typesize(t) == 4) {
		x = sg ? (uint64_t)(int64_t)(int32_t)x : (uint32_t)x;
		y = sg ? (uint64_t)(int64_t)(int32_t)y : (uint32_t)y;
	}
	switch (op) {
	case '+': r = x + y; break;
	case '-': r = x - y; break;
	case '*': r = x * y; break;
	case '&': r = x & y; break;
	case '|': r = x | y; break;
	case '^': r = x ^ y; break;
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
		return mkint(p, a, truth_type(p), r);
	}
	return mkint(p, a, t, r);
}

static int
mult(struct ps *p, struct val *v)
{
	struct val b;
	char op;
	int rc;

	if ((rc = rust_cast(p, v)) != 0)
		return rc;
	for (;;) {
		skipws(p);
		op = p->s[p->pos];
		/* X *= Y is an assignment's.  */
		if ((op != '*' && op != '/' && op != '%') ||
		    p->s[p->pos + 1] == '=')
			return 0;
		p->pos++;
		if ((rc = rust_cast(p, &b)) != 0)
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
		if ((op != '+' && op != '-') || p->s[p->pos + 1] == '=')
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
		/* gdb reads the value before it looks where it is.  */
		if (!v->lval && v->valid != NULL && (rc = fetch(p, v)) == 0 &&
		    v->len > 0 && memchr(v->valid, 0xff, v->len) == NULL)
			return fs_err_set(p->e, FS_E_NOENT,
			    "value has been optimized out");
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

/* << and >>, between @ and the comparisons.  */
static int
shiftx(struct ps *p, struct val *v)
{
	struct val b;
	char op;
	int rc;

	if ((rc = repeat(p, v)) != 0)
		return rc;
	for (;;) {
		skipws(p);
		/* Not <<= nor >>=, assignments'.  */
		if ((p->s[p->pos] != '<' && p->s[p->pos] != '>') ||
		    p->s[p->pos + 1] != p->s[p->pos] ||
		    p->s[p->pos + 2] == '=')
			return 0;
		op = p->s[p->pos] == '<' ? 'L' : 'R';
		p->pos += 2;
		if ((rc = repeat(p, &b)) != 0)
			return rc;
		if ((rc = binarith(p, v, &b, op)) != 0)
			return rc;
	}
}

static int
compare(struct ps *p, struct val *v)
{
	/* Rust compares the values of | ^ &, C compares before them.  */
	int (*next)(struct ps *, struct val *) = p->env->rust ? bitor_x :
	    shiftx;
	struct val b;
	char op;
	int rc;

	if ((rc = next(p, v)) != 0)
		return rc;
	for (;;) {
		/* <<= and >>= are assignments'.  */
		skipws(p);
		if ((p->s[p->pos] == '<' || p->s[p->pos] == '>') &&
		    p->s[p->pos + 1] == p->s[p->pos])
			return 0;
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
		if ((rc = next(p, &b)) != 0)
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
			rc = mkint(p, v, truth_type(p), op == '=' ? x == y :
			    op == '!' ? x != y : op == '<' ? x < y :
			    op == '>' ? x > y : op == 'l' ? x <= y : x >= y);
		} else
			rc = binarith(p, v, &b, op);
		if (rc != 0)
			return rc;
	}
}

/* Reads of memory while an operand is only typed: zeros, as
   whatis's.  */
static int
zero_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	(void)arg;
	(void)addr;
	memset(buf, 0, len);
	return 0;
}

/* FN's operand parsed and typed but not evaluated: what gdb does with
   the side of && || ?: that is not taken (no call, no write, no read of
   the program: `p && p->x' with p null is no error).  */
static int
noside(struct ps *p, int (*fn)(struct ps *, struct val *), struct val *v)
{
	const struct fs_eval_env *saved = p->env;
	struct fs_eval_env env = *saved;
	int rc;

	env.types_only = true;
	env.mem = zero_mem;
	p->env = &env;
	rc = fn(p, v);
	p->env = saved;
	return rc;
}

/* Whether V is true, as C's conditions take a number or a pointer.  */
static int
truth_of(struct ps *p, struct val *v, bool *yes)
{
	long double d;
	uint64_t x;
	int rc;

	if ((rc = decay(p, v)) != 0)
		return rc;
	if (is_float(v->type)) {
		if ((rc = getfloat(p, v, &d)) != 0)
			return rc;
		*yes = d != 0;
		return 0;
	}
	if (!fs_value_is_scalar(v->type))
		return fs_err_set(p->e, FS_E_USAGE, "Argument to arithmetic "
		    "operation not a number or boolean.");
	if ((rc = getint(p, v, &x)) != 0)
		return rc;
	*yes = x != 0;
	return 0;
}

/* One of & ^ |, left to right over operands of level NEXT; OP not
   doubled (&& ||) nor an assignment's (&=).  */
static int
bitwise(struct ps *p, struct val *v, char op,
    int (*next)(struct ps *, struct val *))
{
	struct val b;
	int rc;

	if ((rc = next(p, v)) != 0)
		return rc;
	for (;;) {
		skipws(p);
		if (p->s[p->pos] != op || p->s[p->pos + 1] == op ||
		    p->s[p->pos + 1] == '=')
			return 0;
		p->pos++;
		if ((rc = next(p, &b)) != 0)
			return rc;
		if ((rc = binarith(p, v, &b, op)) != 0)
			return rc;
	}
}

static int
bitand_x(struct ps *p, struct val *v)
{
	return bitwise(p, v, '&', p->env->rust ? shiftx : compare);
}

static int
bitxor_x(struct ps *p, struct val *v)
{
	return bitwise(p, v, '^', bitand_x);
}

static int
bitor_x(struct ps *p, struct val *v)
{
	return bitwise(p, v, '|', bitxor_x);
}

/* && (AND true) or || over operands of level NEXT: an int 0 or 1, the
   right operand only typed when the left decides.  */
static int
logical(struct ps *p, struct val *v, bool and,
    int (*next)(struct ps *, struct val *))
{
	struct val b;
	bool x, y;
	int rc;

	if ((rc = next(p, v)) != 0)
		return rc;
	while (accept(p, and ? "&&" : "||")) {
		if ((rc = struct_operand(p, v, NULL, and ? 'A' : 'O')) != 0 ||
		    (rc = truth_of(p, v, &x)) != 0)
			return rc;
		if (x == and) {
			if ((rc = next(p, &b)) != 0 ||
			    (rc = struct_operand(p, v, &b, 'A')) != 0 ||
			    (rc = truth_of(p, &b, &y)) != 0)
				return rc;
		} else {
			if ((rc = noside(p, next, &b)) != 0 ||
			    (rc = struct_operand(p, v, &b, 'A')) != 0)
				return rc;
			y = x;
		}
		if ((rc = mkint(p, v, truth_type(p), and ? x && y :
		    x || y)) != 0)
			return rc;
	}
	return 0;
}

static int
logand_x(struct ps *p, struct val *v)
{
	return logical(p, v, true, p->env->rust ? compare : bitor_x);
}

static int
logor_x(struct ps *p, struct val *v)
{
	return logical(p, v, false, logand_x);
}

/* COND ? A : B, right to left: the branch taken is the value, as it is
   (gdb converts neither); the other is only typed.  */
static int
conditional(struct ps *p, struct val *v)
{
	struct val a, b;
	bool yes;
	int rc;

	if ((rc = logor_x(p, v)) != 0)
		return rc;
	if (!accept(p, "?"))
		return 0;
	if ((rc = truth_of(p, v, &yes)) != 0)
		return rc;
	if ((rc = yes ? expr(p, &a) : noside(p, expr, &a)) != 0)
		return rc;
	if (!accept(p, ":"))
		return syntax(p);
	if ((rc = yes ? noside(p, conditional, &b) : conditional(p, &b)) != 0)
		return rc;
	*v = yes ? a : b;
	return 0;
}

/* LEFT = RIGHT (and LEFT op= RIGHT), C's assignment, right to left:
   RIGHT converted to LEFT's type as C converts it, written where LEFT
   is (memory, or a $register), and the value of the whole is LEFT's
   new value.  Only the type is asked (whatis): nothing is written.  */
static int	assign(struct ps *, struct val *);

/* B stored into LHS (memory, a register, a convenience variable, which
   takes B's type), V the value stored.  */
static int
store(struct ps *p, const struct val *lhs, struct val *b, struct val *v)
{
	int rc;

	if (lhs->conv != NULL) {
		if ((rc = fetch(p, b)) != 0)
			return rc;
		if (!p->env->types_only && (p->env->conv_set == NULL ||
		    (rc = p->env->conv_set(p->env->arg, lhs->conv, b->type,
		    b->bytes, b->len, p->e)) != 0))
			return p->env->conv_set == NULL ? fs_err_set(p->e,
			    FS_E_STATE, "No convenience variables here.") : rc;
		b->lval = false;
		b->conv = lhs->conv;
		*v = *b;
		return 0;
	}
	if ((rc = call_arg(p, b, lhs->type)) != 0 || (rc = fetch(p, b)) != 0)
		return rc;
	if (p->env->types_only) {
		*v = *b;
		return 0;
	}
	if (lhs->reg != NULL) {
		uint64_t x = 0;

		if (p->env->setreg == NULL)
			return fs_err_set(p->e, FS_E_STATE, "No registers.");
		memcpy(&x, b->bytes, b->len < sizeof x ? b->len : sizeof x);
		if ((rc = p->env->setreg(p->env->arg, lhs->reg, x, p->e)) != 0)
			return rc;
	} else {
		if (p->env->write == NULL)
			return fs_err_set(p->e, FS_E_STATE, "cannot access memory "
			    "without a process");
		if ((rc = p->env->write(p->env->arg, lhs->addr, b->bytes,
		    b->len, p->e)) != 0)
			return rc;
	}
	b->lval = lhs->lval;
	b->addr = lhs->addr;
	b->reg = lhs->reg;
	*v = *b;
	return 0;
}

/* C's ++X and --X (POST false), X++ and X-- (POST): X stored plus or
   minus one (OP '+' or '-'); the value the new one, or the old.  */
static int
incdec(struct ps *p, struct val *v, char op, bool post)
{
	struct val lhs = *v, old, one, cur;
	int rc;

	if ((rc = struct_operand(p, v, NULL, op == '+' ? 'P' : 'M')) != 0)
		return rc;
	if (!lhs.lval && lhs.reg == NULL && lhs.conv == NULL)
		return fs_err_set(p->e, FS_E_USAGE, "Left operand of assignment "
		    "is not an lvalue.");
	if (is_kind(v->type, FS_TYPE_VOID))
		return fs_err_set(p->e, FS_E_USAGE, "Not a numeric type.");
	if ((rc = fetch(p, v)) != 0)
		return rc;
	old = *v;
	old.lval = false;
	old.reg = NULL;
	old.conv = NULL;
	cur = *v;
	if ((rc = mkint(p, &one, &t_int, 1)) != 0 ||
	    (rc = binarith(p, &cur, &one, op)) != 0 ||
	    (rc = store(p, &lhs, &cur, v)) != 0)
		return rc;
	if (post)
		*v = old;
	return 0;
}

static int
assign_op(struct ps *p, struct val *v, bool *did)
{
	static const char *const toks[] = { "+=", "-=", "*=", "/=", "%=",
	    "&=", "|=", "^=", "<<=", ">>=" };
	static const char ops[] = "+-*/%&|^LR";
	struct val lhs, b;
	char op = 0;
	size_t i;
	int rc;

	if ((rc = conditional(p, v)) != 0)
		return rc;
	skipws(p);
	for (i = 0; i < sizeof toks / sizeof toks[0]; i++)
		if (accept(p, toks[i])) {
			op = ops[i];
			break;
		}
	if (op == 0 && !(p->s[p->pos] == '=' && p->s[p->pos + 1] != '=' &&
	    accept(p, "=")))
		return 0;
	*did = true;
	lhs = *v;
	if ((rc = assign(p, &b)) != 0)
		return rc;
	if (!lhs.lval && lhs.reg == NULL && lhs.conv == NULL)
		return fs_err_set(p->e, FS_E_USAGE, "Left operand of assignment "
		    "is not an lvalue.");
	if (op != 0) {
		struct val cur = lhs;

		if ((rc = binarith(p, &cur, &b, op)) != 0)
			return rc;
		b = cur;
	}
	return store(p, &lhs, &b, v);
}

/* An assignment; in Rust its value is (), as gdb's Rust has it.  */
static int
assign(struct ps *p, struct val *v)
{
	static const struct fs_type unit = { .kind = FS_TYPE_BASE,
	    .name = "()", .rust = true };
	bool did = false;
	int rc;

	if ((rc = assign_op(p, v, &did)) != 0 || !did || !p->env->rust)
		return rc;
	memset(v, 0, sizeof *v);
	v->type = &unit;
	if ((v->bytes = ar_alloc(p, 1)) == NULL)
		return oom(p);
	return 0;
}

static int
expr(struct ps *p, struct val *v)
{
	int rc;

	if (++p->depth > EVAL_MAXDEPTH)
		return fs_err_set(p->e, FS_E_USAGE, "expression too deep");
	/* The comma: each in turn, the last one's the value; Rust has
	   none.  */
	while ((rc = assign(p, v)) == 0 && !p->env->rust && accept(p, ","))
		;
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
	if (env->types_only) {
		/* ptype TYPE: a type name that is all there is.  */
		const struct fs_type *t = type_name(&p, &rc);

		skipws(&p);
		if (rc != 0) {
			fs_eval_free(r);
			return rc;
		}
		if (t != NULL && s[p.pos] == '\0') {
			r->v.type = t;
			r->is_type = true;
			*out = r;
			return 0;
		}
		p.pos = 0;
	}
	if ((rc = expr(&p, &v)) == 0) {
		skipws(&p);
		if (s[p.pos] != '\0')
			rc = syntax(&p);
	}
	/* Only the type asked: nothing read, however big it is.  */
	if (rc == 0 && v.error == NULL && !(env->types_only &&
	    typesize(v.type) > EVAL_MAXVALUE))
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
	r->v.synthetic = v.synthetic;
	r->v.uninit = v.uninit;
	*out = r;
	return 0;
}

bool
fs_eval_is_type(const struct fs_eval *r)
{
	return r->is_type;
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
