/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_rust.h"
#include "fs_sbuf.h"

#define R_MAXDEPTH	32
/* Bytes of a heap buffer read at most for one Vec or String.  */
#define R_MAXREAD	(1U << 20)

struct rp {
	struct fs_sbuf	 b;
	const struct fs_value_env *env;
	unsigned	 max, thr;
};

static void	rval(struct rp *, const struct fs_type *, const uint8_t *,
		    const uint8_t *, size_t, bool, int);

/* --- Types --- */

static bool
is_ptr(const struct fs_type *t)
{
	return t != NULL && (t->kind == FS_TYPE_POINTER ||
	    t->kind == FS_TYPE_REFERENCE || t->kind == FS_TYPE_RVALUE_REF);
}

bool
fs_rust_type(const struct fs_type *t)
{
	int i;

	for (i = 0; i < 8 && t != NULL; i++) {
		if (t->rust)
			return true;
		if (t->kind == FS_TYPE_STRUCT || t->kind == FS_TYPE_UNION ||
		    t->kind == FS_TYPE_VARIANT || t->kind == FS_TYPE_BASE ||
		    t->kind == FS_TYPE_ENUM)
			return false;
		t = t->target;
	}
	return false;
}

static const char *
tpath(const struct fs_type *t)
{
	if (t == NULL)
		return "()";
	if (t->qname != NULL)
		return t->qname;
	return t->name != NULL ? t->name : "?";
}

static void
rtname(struct fs_sbuf *b, const struct fs_type *t, int depth)
{
	const struct fs_type *s = fs_value_strip(t);

	if (depth > 8 || s == NULL) {
		fs_sbuf_puts(b, s == NULL ? "()" : "?");
		return;
	}
	switch (s->kind) {
	case FS_TYPE_POINTER:
	case FS_TYPE_REFERENCE:
	case FS_TYPE_RVALUE_REF:
		/* gdb 13 reads every Rust pointer, reference and box as
		   a raw pointer.  */
		fs_sbuf_puts(b, "*mut ");
		rtname(b, s->target, depth + 1);
		return;
	case FS_TYPE_ARRAY:
		fs_sbuf_puts(b, "[");
		rtname(b, s->target, depth + 1);
		if (s->ndims > 0 && s->dims[0].has_count)
			fs_sbuf_printf(b, "; %" PRIu64 "]", s->dims[0].count);
		else
			fs_sbuf_puts(b, "]");
		return;
	case FS_TYPE_VOID:
		fs_sbuf_puts(b, "()");
		return;
	case FS_TYPE_FUNC: {
		size_t i;
		const struct fs_type *r = fs_value_strip(s->target);

		/* gdb's: fn (i32, u8) -> i64, no arrow for ().  */
		fs_sbuf_puts(b, "fn (");
		for (i = 0; i < s->nparams; i++) {
			if (i > 0)
				fs_sbuf_puts(b, ", ");
			rtname(b, s->params[i], depth + 1);
		}
		fs_sbuf_puts(b, ")");
		if (r != NULL && r->kind != FS_TYPE_VOID) {
			fs_sbuf_puts(b, " -> ");
			rtname(b, s->target, depth + 1);
		}
		return;
	}
	default:
		fs_sbuf_puts(b, tpath(s));
		return;
	}
}

size_t
fs_rust_module_len(const char *path)
{
	const char *p, *end = NULL;
	int depth = 0;

	for (p = path; *p != '\0'; p++)
		if (*p == '<')
			depth++;
		else if (*p == '>' && depth > 0)
			depth--;
		else if (depth == 0 && p[0] == ':' && p[1] == ':')
			end = p++;
	return end != NULL ? (size_t)(end - path) : 0;
}

const char *
fs_rust_type_name(const struct fs_type *t, char *buf, size_t size)
{
	struct fs_sbuf b = { NULL, 0, 0, false };

	rtname(&b, t, 0);
	snprintf(buf, size, "%s", b.s != NULL ? b.s : "");
	free(b.s);
	return buf;
}

static bool	tuple_fields(const struct fs_type *);

/* The fields of struct T for ptype: "(T, U)" or "{a: T, b: U}" on one
   line (a variant's), or one a line after two spaces, each ending in a
   comma (a struct's).  */
static void
ptype_fields(struct fs_sbuf *b, const struct fs_type *t, bool tuple,
    bool lines)
{
	size_t i;

	fs_sbuf_puts(b, lines ? (tuple ? " (\n" : " {\n") : (tuple ? "(" :
	    "{"));
	for (i = 0; i < t->nmembers; i++) {
		if (lines)
			fs_sbuf_puts(b, "  ");
		else if (i > 0)
			fs_sbuf_puts(b, ", ");
		if (!tuple)
			fs_sbuf_printf(b, "%s: ", t->members[i].name != NULL ?
			    t->members[i].name : "?");
		rtname(b, t->members[i].type, 1);
		if (lines)
			fs_sbuf_puts(b, ",\n");
	}
	fs_sbuf_puts(b, tuple ? ")" : "}");
}

void
fs_rust_ptype(const struct fs_type *t, struct fs_sbuf *b)
{
	const struct fs_type *s = fs_value_strip(t), *vt;
	const struct fs_member *m;
	size_t i;

	if (s == NULL || ((s->kind == FS_TYPE_STRUCT || s->kind ==
	    FS_TYPE_UNION) && tpath(s)[0] == '(')) {
		rtname(b, t, 0);
		return;
	}
	switch (s->kind) {
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
		fs_sbuf_printf(b, "%s %s", s->kind == FS_TYPE_UNION ? "union" :
		    "struct", tpath(s));
		if (s->nmembers > 0)
			ptype_fields(b, s, s->kind == FS_TYPE_STRUCT &&
			    tuple_fields(s), true);
		return;
	case FS_TYPE_ENUM:
		fs_sbuf_printf(b, "enum %s {\n", tpath(s));
		for (i = 0; i < s->nenumerators; i++)
			fs_sbuf_printf(b, "  %s,\n", s->enumerators[i].name);
		fs_sbuf_puts(b, "}");
		return;
	case FS_TYPE_VARIANT:
		fs_sbuf_printf(b, "enum %s {\n", tpath(s));
		for (i = 0; i < s->nvariants; i++) {
			if ((m = s->variants[i].member) == NULL)
				continue;
			fs_sbuf_printf(b, "  %s", m->name != NULL ? m->name :
			    "?");
			vt = fs_value_strip(m->type);
			if (vt != NULL && vt->kind == FS_TYPE_STRUCT &&
			    vt->nmembers > 0)
				ptype_fields(b, vt, tuple_fields(vt), false);
			fs_sbuf_puts(b, ",\n");
		}
		fs_sbuf_puts(b, "}");
		return;
	default:
		rtname(b, t, 0);
		return;
	}
}

/* --- Containers --- */

enum rkind { RK_OTHER, RK_STR, RK_SLICE, RK_VEC, RK_STRING, RK_TUPLE,
    RK_TUPLE_STRUCT };

static bool
tuple_fields(const struct fs_type *t)
{
	size_t i;
	char want[24];

	if (t->nmembers == 0)
		return false;
	for (i = 0; i < t->nmembers; i++) {
		snprintf(want, sizeof want, "__%zu", i);
		if (t->members[i].name == NULL ||
		    strcmp(t->members[i].name, want) != 0)
			return false;
	}
	return true;
}

static enum rkind
rkind(const struct fs_type *t)
{
	const char *n = t->name, *q = t->qname;

	if (t->kind != FS_TYPE_STRUCT)
		return RK_OTHER;
	if (n != NULL && (strcmp(n, "&str") == 0 ||
	    strcmp(n, "&mut str") == 0))
		return RK_STR;
	/* gdb 13's slice: a named struct of data_ptr and length (rustc
	   names it "&[i32]", at -O2 also "*const [i32]").  */
	if (n != NULL && t->nmembers == 2 && t->members[0].name != NULL &&
	    t->members[1].name != NULL &&
	    ((strcmp(t->members[0].name, "data_ptr") == 0 &&
	    strcmp(t->members[1].name, "length") == 0) ||
	    (strcmp(t->members[1].name, "data_ptr") == 0 &&
	    strcmp(t->members[0].name, "length") == 0)))
		return RK_SLICE;
	if (q != NULL && strncmp(q, "alloc::vec::Vec<", 16) == 0)
		return RK_VEC;
	if (q != NULL && strcmp(q, "alloc::string::String") == 0)
		return RK_STRING;
	if (n != NULL && n[0] == '(')
		return RK_TUPLE;
	if (tuple_fields(t))
		return RK_TUPLE_STRUCT;
	return RK_OTHER;
}

/* The member named NAME of T, searched depth first through nested
   structs, with its offset from T's start.  */
static const struct fs_member *
find(const struct fs_type *t, const char *name, uint64_t *off, int depth)
{
	const struct fs_member *m, *r;
	const struct fs_type *ms;
	uint64_t o;
	size_t i;

	t = fs_value_strip(t);
	if (t == NULL || depth > 6 || (t->kind != FS_TYPE_STRUCT &&
	    t->kind != FS_TYPE_UNION))
		return NULL;
	for (i = 0; i < t->nmembers; i++)
		if (t->members[i].name != NULL &&
		    strcmp(t->members[i].name, name) == 0) {
			*off = t->members[i].offset;
			return &t->members[i];
		}
	for (i = 0; i < t->nmembers; i++) {
		m = &t->members[i];
		ms = fs_value_strip(m->type);
		if (ms == NULL || ms->kind != FS_TYPE_STRUCT)
			continue;
		if ((r = find(ms, name, &o, depth + 1)) != NULL) {
			*off = m->offset + o;
			return r;
		}
	}
	return NULL;
}

/* The first scalar of T (through single-member wrappers such as
   Unique, NonNull, UsizeNoHighBit), with its offset.  */
static const struct fs_type *
leaf(const struct fs_type *t, uint64_t *off, int depth)
{
	t = fs_value_strip(t);
	*off = 0;
	while (t != NULL && depth++ < 8 && t->kind == FS_TYPE_STRUCT &&
	    t->nmembers > 0) {
		*off += t->members[0].offset;
		t = fs_value_strip(t->members[0].type);
	}
	return t != NULL && (t->kind == FS_TYPE_BASE || is_ptr(t)) ? t : NULL;
}

/* Where a container's parts are.  */
struct cont {
	enum rkind	 kind;
	const struct fs_type *elem;	/* NULL: bytes (str, String) */
	uint64_t	 ptr_off, len_off, cap_off;
	bool		 has_cap;
};

static bool
container(const struct fs_type *t, struct cont *c)
{
	const struct fs_member *m;
	const struct fs_type *pt, *lt;
	uint64_t o, lo;

	memset(c, 0, sizeof *c);
	t = fs_value_strip(t);
	if (t == NULL || !t->rust)
		return false;
	c->kind = rkind(t);
	switch (c->kind) {
	case RK_STR:
	case RK_SLICE:
		if ((m = find(t, "data_ptr", &c->ptr_off, 0)) == NULL ||
		    find(t, "length", &c->len_off, 0) == NULL)
			return false;
		pt = fs_value_strip(m->type);
		if (!is_ptr(pt) || pt->size != 8)
			return false;
		c->elem = c->kind == RK_SLICE ? pt->target : NULL;
		return true;
	case RK_VEC:
	case RK_STRING:
		if ((m = find(t, "ptr", &o, 0)) == NULL ||
		    (pt = leaf(m->type, &lo, 0)) == NULL || !is_ptr(pt))
			return false;
		c->ptr_off = o + lo;
		if ((m = find(t, "cap", &o, 0)) == NULL ||
		    (lt = leaf(m->type, &lo, 0)) == NULL || lt->size != 8)
			return false;
		c->cap_off = o + lo;
		c->has_cap = true;
		if (find(t, "len", &c->len_off, 0) == NULL)
			return false;
		if (c->kind == RK_VEC) {
			/* Newer std points with a *u8: T says what.  */
			c->elem = t->tparam != NULL ? t->tparam : pt->target;
			if (fs_value_strip(c->elem) == NULL)
				return false;
		}
		return true;
	default:
		return false;
	}
}

static uint64_t
elem_size(const struct fs_type *e)
{
	const struct fs_type *s = fs_value_strip(e);

	return s != NULL ? s->size : 0;
}

/* Text: gdb's generic string printing, through fs_value as a C char
   array (escapes, repeats, the print elements limit).  */
static void
pr_text(struct rp *p, const uint8_t *s, size_t n, bool more)
{
	char *out = NULL;

	if (fs_value_format_text(s, n, p->env, &out) < 0) {
		p->b.oom = true;
		return;
	}
	fs_sbuf_puts(&p->b, out);
	if (more && n > 0 && (out[0] == '\0' || out[strlen(out) - 1] !=
	    '.'))
		fs_sbuf_puts(&p->b, "...");
	free(out);
}

/* N elements of type ET from BYTES, gdb's array printing in Rust
   brackets: repeats, and "..." past the limit or when MORE.  */
static void
pr_elems(struct rp *p, const struct fs_type *et, const uint8_t *bytes,
    const uint8_t *valid, uint64_t n, uint64_t es, bool more, int depth)
{
	uint64_t i, rep1, reps, things = 0;

	for (i = 0; i < n && things < p->max; i++) {
		if (i != 0)
			fs_sbuf_puts(&p->b, ", ");
		for (rep1 = i + 1, reps = 1; rep1 < n &&
		    memcmp(bytes + rep1 * es, bytes + i * es, es) == 0 &&
		    (valid == NULL || memcmp(valid + rep1 * es,
		    valid + i * es, es) == 0); rep1++)
			reps++;
		rval(p, et, bytes + i * es, valid != NULL ? valid + i * es :
		    NULL, (size_t)es, false, depth + 1);
		if (reps > p->thr) {
			fs_sbuf_printf(&p->b, " <repeats %" PRIu64 " times>", reps);
			i = rep1 - 1;
			things += p->thr;
		} else
			things++;
	}
	if (i < n || more)
		fs_sbuf_puts(&p->b, "...");
}

/* Read the N elements of ES bytes at ADDR, up to the print limit.  */
static uint8_t *
heap_read(struct rp *p, uint64_t addr, uint64_t n, uint64_t es,
    uint64_t *got)
{
	uint64_t want = n;
	uint8_t *buf;

	*got = 0;
	if (p->env == NULL || p->env->mem == NULL)
		return NULL;
	if (want > p->max)
		want = p->max;
	if (es != 0 && want > R_MAXREAD / es)
		want = R_MAXREAD / es;
	if ((buf = malloc(want * es + 1)) == NULL) {
		p->b.oom = true;
		return NULL;
	}
	if (want * es > 0 && p->env->mem(p->env->arg, addr, buf, want * es)
	    != 0) {
		free(buf);
		return NULL;
	}
	*got = want;
	return buf;
}

static void
pr_container(struct rp *p, const struct fs_type *t, const struct cont *c,
    const uint8_t *bytes, const uint8_t *valid, bool top, int depth)
{
	uint64_t addr, n, es, got;
	uint8_t *buf;
	char name[512];

	/* A pointer or length the compiler did not keep: nothing to read,
	   as gdb says of the whole; gdb names a slice's type before it reads
	   its pointer, which it does not for no elements.  */
	if (valid != NULL && memchr(valid + c->len_off, 0, 8) == NULL &&
	    memchr(valid + c->ptr_off, 0, 8) != NULL &&
	    c->kind == RK_SLICE && depth == 0) {
		fs_sbuf_printf(&p->b, "%s %s", t->name, fs_value_load(bytes +
		    c->len_off, 8, false) == 0 ? "[]" : "<error reading "
		    "variable: value has been optimized out>");
		return;
	}
	if (valid != NULL && (memchr(valid + c->ptr_off, 0, 8) != NULL ||
	    memchr(valid + c->len_off, 0, 8) != NULL)) {
		fs_sbuf_puts(&p->b, depth == 0 ? "<error reading variable: "
		    "value has been optimized out>" : "<optimized out>");
		return;
	}
	addr = fs_value_load(bytes + c->ptr_off, 8, false);
	n = fs_value_load(bytes + c->len_off, 8, false);
	es = c->elem != NULL ? elem_size(c->elem) : 1;
	if (c->kind == RK_SLICE)
		fs_sbuf_printf(&p->b, "%s ", t->name);
	if (c->kind == RK_VEC)
		fs_sbuf_puts(&p->b, "vec!");
	if (c->kind == RK_SLICE || c->kind == RK_VEC)
		fs_sbuf_puts(&p->b, "[");
	if (n == 0)
		buf = NULL, got = 0;
	else if ((buf = heap_read(p, addr, n, es, &got)) == NULL) {
		if (c->kind == RK_STR || c->kind == RK_STRING)
			fs_sbuf_printf(&p->b, "<error: Cannot access memory at "
			    "address 0x%" PRIx64 ">", addr);
		else
			fs_sbuf_printf(&p->b, "<error: Cannot access memory at "
			    "address 0x%" PRIx64 ">]", addr);
		return;
	}
	if (c->kind == RK_STR || c->kind == RK_STRING)
		pr_text(p, buf, (size_t)got, got < n);
	else {
		if (es > 0)
			pr_elems(p, c->elem, buf, NULL, got, es, got < n,
			    depth);
		fs_sbuf_puts(&p->b, "]");
	}
	free(buf);
	(void)top;
	(void)name;
}

/* --- Values --- */

static void
pr_leaf(struct rp *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len)
{
	struct fs_value v;
	char *out = NULL;

	memset(&v, 0, sizeof v);
	v.type = t;
	v.bytes = bytes;
	v.valid = valid;
	v.len = len;
	if (fs_value_format(&v, p->env, FS_VALUE_C, &out, NULL) < 0) {
		p->b.oom = true;
		return;
	}
	fs_sbuf_puts(&p->b, out);
	free(out);
}

/* gdb's rust_language::printchar.  */
static void
pr_char(struct rp *p, uint64_t c)
{
	fs_sbuf_printf(&p->b, "%" PRIu64 " '", c);
	if (c == '\\' || c == '\'')
		fs_sbuf_printf(&p->b, "\\%c", (char)c);
	else if (c == '\n')
		fs_sbuf_puts(&p->b, "\\n");
	else if (c == '\r')
		fs_sbuf_puts(&p->b, "\\r");
	else if (c == '\t')
		fs_sbuf_puts(&p->b, "\\t");
	else if (c == '\0')
		fs_sbuf_puts(&p->b, "\\0");
	else if (c >= 32 && c < 127)
		fs_sbuf_printf(&p->b, "%c", (char)c);
	else if (c <= 255)
		fs_sbuf_printf(&p->b, "\\x%02" PRIx64, c);
	else
		fs_sbuf_printf(&p->b, "\\u{%06" PRIx64 "}", c);
	fs_sbuf_puts(&p->b, "'");
}

static bool
none_valid(const uint8_t *valid, size_t len)
{
	size_t i;

	if (valid == NULL || len == 0)
		return false;
	for (i = 0; i < len; i++)
		if (valid[i])
			return false;
	return true;
}

/* The fields of struct T: `{a: 1, b: 2}` (NAMED) or `(1, 2)`.  */
static void
pr_fields(struct rp *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, bool named, int depth)
{
	const struct fs_member *m;
	size_t i, ms;

	fs_sbuf_puts(&p->b, named ? "{" : "(");
	for (i = 0; i < t->nmembers; i++) {
		m = &t->members[i];
		if (i > 0)
			fs_sbuf_puts(&p->b, ", ");
		if (named)
			fs_sbuf_printf(&p->b, "%s: ", m->name != NULL ? m->name :
			    "?");
		ms = (size_t)elem_size(m->type);
		if (m->offset > len || ms > len - m->offset) {
			fs_sbuf_puts(&p->b, "<error: member outside its struct>");
			continue;
		}
		rval(p, m->type, bytes + m->offset, valid != NULL ? valid +
		    m->offset : NULL, ms, false, depth + 1);
	}
	fs_sbuf_puts(&p->b, named ? "}" : ")");
}

static void
pr_struct(struct rp *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, bool top, int depth)
{
	struct cont c;

	if (container(t, &c)) {
		pr_container(p, t, &c, bytes, valid, top, depth);
		return;
	}
	switch (rkind(t)) {
	case RK_TUPLE:
		if (t->nmembers == 0) {
			fs_sbuf_puts(&p->b, "()");
			return;
		}
		pr_fields(p, t, bytes, valid, len, false, depth);
		return;
	case RK_TUPLE_STRUCT:
		fs_sbuf_printf(&p->b, "%s ", tpath(t));
		pr_fields(p, t, bytes, valid, len, false, depth);
		return;
	default:
		break;
	}
	fs_sbuf_puts(&p->b, tpath(t));
	if (t->nmembers == 0)
		return;
	fs_sbuf_puts(&p->b, " ");
	pr_fields(p, t, bytes, valid, len, true, depth);
}

/* The active variant of Rust enum T.  */
static const struct fs_variant *
active(const struct fs_type *t, const uint8_t *bytes, size_t len)
{
	const struct fs_variant *def = NULL;
	const struct fs_type *dt;
	uint64_t d;
	size_t i;

	if (t->nvariants == 0)
		return NULL;
	if (t->discr == NULL)
		return t->nvariants == 1 ? &t->variants[0] : NULL;
	dt = fs_value_strip(t->discr->type);
	if (dt == NULL || dt->size == 0 || dt->size > 8 ||
	    t->discr->offset > len || dt->size > len - t->discr->offset)
		return NULL;
	d = fs_value_load(bytes + t->discr->offset, (size_t)dt->size, false);
	for (i = 0; i < t->nvariants; i++) {
		if (t->variants[i].is_default)
			def = &t->variants[i];
		else if (t->variants[i].discr_value == d)
			return &t->variants[i];
	}
	return def;
}

const struct fs_member *
fs_rust_variant(const struct fs_type *t, const uint8_t *bytes, size_t len)
{
	const struct fs_variant *v;

	t = fs_value_strip(t);
	if (t == NULL || t->kind != FS_TYPE_VARIANT ||
	    (v = active(t, bytes, len)) == NULL)
		return NULL;
	return v->member;
}

bool
fs_rust_unit_variant(const struct fs_type *t, const char *name,
    uint8_t *bytes, size_t size)
{
	const struct fs_variant *v;
	const struct fs_type *mt, *dt;
	size_t i;

	t = fs_value_strip(t);
	if (t == NULL || t->kind != FS_TYPE_VARIANT || t->size > size)
		return false;
	for (i = 0; i < t->nvariants; i++) {
		v = &t->variants[i];
		if (v->member == NULL || v->member->name == NULL ||
		    strcmp(v->member->name, name) != 0)
			continue;
		if ((mt = fs_value_strip(v->member->type)) == NULL ||
		    mt->kind != FS_TYPE_STRUCT || mt->nmembers != 0)
			return false;
		if (t->discr == NULL)
			return t->nvariants == 1;
		/* The default variant has no value of its own to write.  */
		dt = fs_value_strip(t->discr->type);
		if (v->is_default || dt == NULL || dt->size == 0 ||
		    dt->size > 8 || t->discr->offset + dt->size > t->size)
			return false;
		memset(bytes, 0, (size_t)t->size);
		memcpy(bytes + t->discr->offset, &v->discr_value,
		    (size_t)dt->size);
		return true;
	}
	return false;
}

bool
fs_rust_is_text(const struct fs_type *t)
{
	enum rkind k;

	t = fs_value_strip(t);
	return t != NULL && ((k = rkind(t)) == RK_STR || k == RK_STRING);
}

bool
fs_rust_container(const struct fs_type *t)
{
	struct cont c;

	t = fs_value_strip(t);
	return t != NULL && t->rust && t->kind == FS_TYPE_STRUCT &&
	    container(t, &c);
}

const struct fs_type fs_rust_usize = {
	.kind = FS_TYPE_BASE, .name = "usize", .size = 8,
	.encoding = FS_ATE_UNSIGNED, .rust = true
};

bool
fs_rust_elements(const struct fs_type *t, const uint8_t *bytes, size_t len,
    uint64_t *addr, uint64_t *count, const struct fs_type **elem)
{
	const struct fs_member *m;
	const struct fs_type *pt;
	struct cont c;
	uint64_t o, lo;

	if (!container(t, &c) || bytes == NULL || c.ptr_off + 8 > len ||
	    c.len_off + 8 > len)
		return false;
	*addr = fs_value_load(bytes + c.ptr_off, 8, false);
	*count = fs_value_load(bytes + c.len_off, 8, false);
	*elem = c.elem;
	if (c.elem == NULL) {
		/* Bytes: u8, as the pointer to them says.  */
		t = fs_value_strip(t);
		if ((m = find(t, c.kind == RK_STR ? "data_ptr" : "ptr", &o,
		    0)) == NULL || (pt = leaf(m->type, &lo, 0)) == NULL ||
		    !is_ptr(pt) || elem_size(pt->target) != 1)
			return false;
		*elem = pt->target;
	}
	return elem_size(*elem) != 0;
}

/* Rc<T>'s and Arc<T>'s pointer, and the member of what it points to that
   holds the T.  */
static bool
shared(const struct fs_type *t, uint64_t *ptr_off, const struct fs_member **vm)
{
	const struct fs_member *m;
	const struct fs_type *pt, *in;
	const char *q;
	uint64_t o, lo;
	size_t i;

	t = fs_value_strip(t);
	if (t == NULL || !t->rust || t->kind != FS_TYPE_STRUCT ||
	    (q = t->qname) == NULL || (strncmp(q, "alloc::rc::Rc<", 14) != 0 &&
	    strncmp(q, "alloc::sync::Arc<", 17) != 0) ||
	    (m = find(t, "ptr", &o, 0)) == NULL ||
	    (pt = leaf(m->type, &lo, 0)) == NULL || !is_ptr(pt) ||
	    (in = fs_value_strip(pt->target)) == NULL ||
	    in->kind != FS_TYPE_STRUCT)
		return false;
	*ptr_off = o + lo;
	for (i = 0; i < in->nmembers; i++)
		if (in->members[i].name != NULL &&
		    (strcmp(in->members[i].name, "value") == 0 ||
		    strcmp(in->members[i].name, "data") == 0)) {
			*vm = &in->members[i];
			return true;
		}
	return false;
}

bool
fs_rust_shared(const struct fs_type *t, const uint8_t *bytes, size_t len,
    uint64_t *addr, const struct fs_type **vt)
{
	const struct fs_member *vm;
	uint64_t off;

	if (!shared(t, &off, &vm))
		return false;
	if (bytes == NULL)
		return true;
	if (off + 8 > len)
		return false;
	*addr = fs_value_load(bytes + off, 8, false) + vm->offset;
	*vt = vm->type;
	return true;
}

static void
pr_variant(struct rp *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, int depth)
{
	const struct fs_variant *v = active(t, bytes, len);
	const struct fs_type *vt;
	const struct fs_member *m;

	if (v == NULL || (m = v->member) == NULL) {
		/* gdb fails the variable (a Rust enum not set yet).  */
		if (depth == 0)
			fs_sbuf_puts(&p->b, "<error reading variable: Could not "
			    "find active enum variant>");
		else
			fs_sbuf_printf(&p->b, "%s::<unknown variant>",
			    tpath(t));
		return;
	}
	fs_sbuf_printf(&p->b, "%s::%s", tpath(t), m->name != NULL ? m->name :
	    "?");
	vt = fs_value_strip(m->type);
	if (vt == NULL || vt->kind != FS_TYPE_STRUCT || vt->nmembers == 0)
		return;
	if (m->offset > len || vt->size > len - m->offset) {
		fs_sbuf_puts(&p->b, "<error: variant outside its enum>");
		return;
	}
	/* gdb: Name(a, b) or Name{x: 1}, no space.  */
	pr_fields(p, vt, bytes + m->offset, valid != NULL ? valid + m->offset :
	    NULL, len - (size_t)m->offset, !tuple_fields(vt), depth);
}

static void
pr_array(struct rp *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, int depth)
{
	uint64_t n, es;

	if (t->ndims == 0 || !t->dims[0].has_count || t->ndims > 1) {
		pr_leaf(p, t, bytes, valid, len);
		return;
	}
	n = t->dims[0].count;
	es = elem_size(t->target);
	if (es == 0 || n > len / es)
		n = es == 0 ? 0 : len / es;
	fs_sbuf_puts(&p->b, "[");
	pr_elems(p, t->target, bytes, valid, n, es, false, depth);
	fs_sbuf_puts(&p->b, "]");
}

static void
rval(struct rp *p, const struct fs_type *orig, const uint8_t *bytes,
    const uint8_t *valid, size_t len, bool top, int depth)
{
	const struct fs_type *t = fs_value_strip(orig);
	char name[512];

	if (depth > R_MAXDEPTH) {
		fs_sbuf_puts(&p->b, "<error: types nest too deep>");
		return;
	}
	if (t == NULL || t->kind == FS_TYPE_VOID) {
		fs_sbuf_puts(&p->b, "()");
		return;
	}
	if (t->size > 0 && len < t->size) {
		fs_sbuf_puts(&p->b, "<error: value shorter than its type>");
		return;
	}
	if (none_valid(valid, len)) {
		fs_sbuf_puts(&p->b, "<optimized out>");
		return;
	}
	switch (t->kind) {
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
		pr_struct(p, t, bytes, valid, len, top, depth);
		return;
	case FS_TYPE_VARIANT:
		pr_variant(p, t, bytes, valid, len, depth);
		return;
	case FS_TYPE_ARRAY:
		pr_array(p, t, bytes, valid, len, depth);
		return;
	case FS_TYPE_ENUM:
		if (len >= t->size && t->size > 0 && t->size <= 8) {
			uint64_t x = fs_value_load(bytes, (size_t)t->size,
			    !t->is_unsigned);
			size_t i;

			for (i = 0; i < t->nenumerators; i++)
				if ((uint64_t)t->enumerators[i].value == x) {
					fs_sbuf_printf(&p->b, "%s::%s", tpath(t),
					    t->enumerators[i].name);
					return;
				}
		}
		pr_leaf(p, t, bytes, valid, len);
		return;
	case FS_TYPE_POINTER:
	case FS_TYPE_REFERENCE:
	case FS_TYPE_RVALUE_REF:
		if (valid != NULL && none_valid(valid, 8))
			break;
		if (top)
			fs_sbuf_printf(&p->b, "(%s) ", fs_rust_type_name(orig, name,
			    sizeof name));
		if (len >= 8) {
			uint64_t a = fs_value_load(bytes, 8, false);
			char sym[256];

			fs_sbuf_printf(&p->b, "0x%" PRIx64, a);
			if (a != 0 && p->env != NULL &&
			    p->env->symbolize != NULL &&
			    p->env->symbolize(p->env->arg, a, sym,
			    sizeof sym) == 0)
				fs_sbuf_printf(&p->b, " <%s>", sym);
		}
		return;
	case FS_TYPE_BASE:
		if (t->size == 0) {
			fs_sbuf_puts(&p->b, t->name != NULL ? t->name : "()");
			return;
		}
		if (t->encoding == FS_ATE_UTF && t->size == 4 && len >= 4 &&
		    (valid == NULL || !none_valid(valid, 4))) {
			pr_char(p, fs_value_load(bytes, 4, false));
			return;
		}
		break;
	default:
		break;
	}
	pr_leaf(p, orig, bytes, valid, len);
}

static void
rp_init(struct rp *p, const struct fs_value_env *env)
{
	memset(p, 0, sizeof *p);
	p->env = env;
	p->max = env != NULL && env->print_elements != 0 ?
	    env->print_elements : 200;
	p->thr = env != NULL && env->repeat_threshold != 0 ?
	    env->repeat_threshold : 10;
}

static int
rp_done(struct rp *p, char **out, struct fs_err *e)
{
	if (p->b.oom || p->b.s == NULL) {
		free(p->b.s);
		if (p->b.oom || (p->b.s = strdup("")) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = p->b.s;
	return 0;
}

int
fs_rust_format(const struct fs_value *v, const struct fs_value_env *env,
    int flags, char **out, struct fs_err *e)
{
	const struct fs_type *t = fs_value_strip(v->type);
	struct rp p;

	*out = NULL;
	if (v->error != NULL || (t != NULL && t->kind == FS_TYPE_FUNC))
		return fs_value_format(v, env, flags | FS_VALUE_C, out, e);
	rp_init(&p, env);
	rval(&p, v->type, v->bytes, v->valid, v->len,
	    (flags & FS_VALUE_TOP) != 0, 0);
	return rp_done(&p, out, e);
}

/* --- Parts for the slot map --- */

size_t
fs_rust_parts(const struct fs_type *t, const uint8_t *bytes, size_t len,
    const struct fs_value_env *env, struct fs_rust_part out[FS_RUST_MAXPARTS])
{
	struct cont c;
	struct rp p;
	size_t n = 0;
	uint64_t end;

	memset(out, 0, FS_RUST_MAXPARTS * sizeof *out);
	if (!container(t, &c) || bytes == NULL)
		return 0;
	end = c.ptr_off > c.len_off ? c.ptr_off : c.len_off;
	if (c.has_cap && c.cap_off > end)
		end = c.cap_off;
	if (end + 8 > len)
		return 0;
	out[n].name = "ptr";
	out[n].offset = c.ptr_off;
	out[n].size = 8;
	if (asprintf(&out[n].value, "0x%" PRIx64, fs_value_load(bytes +
	    c.ptr_off, 8, false)) < 0)
		out[n].value = NULL;
	if (env != NULL && env->mem != NULL) {
		/* What it points to: the container printed without its
		   head.  */
		struct cont c2 = c;
		char *s;

		rp_init(&p, env);
		if (c2.kind == RK_SLICE)
			c2.kind = RK_VEC;
		pr_container(&p, fs_value_strip(t), &c2, bytes, NULL, false, 0);
		if (rp_done(&p, &s, NULL) == 0) {
			if (strncmp(s, "vec!", 4) == 0)
				memmove(s, s + 4, strlen(s + 4) + 1);
			out[n].points_to = s;
		}
	}
	n++;
	out[n].name = "len";
	out[n].offset = c.len_off;
	out[n].size = 8;
	if (asprintf(&out[n].value, "%" PRIu64, fs_value_load(bytes +
	    c.len_off, 8, false)) < 0)
		out[n].value = NULL;
	n++;
	if (c.has_cap) {
		out[n].name = "cap";
		out[n].offset = c.cap_off;
		out[n].size = 8;
		if (asprintf(&out[n].value, "%" PRIu64, fs_value_load(bytes +
		    c.cap_off, 8, false)) < 0)
			out[n].value = NULL;
		n++;
	}
	return n;
}

void
fs_rust_parts_free(struct fs_rust_part *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].value);
		free(p[i].points_to);
		p[i].value = p[i].points_to = NULL;
	}
}

char *
fs_rust_points_to(const struct fs_type *t, uint64_t addr,
    const struct fs_value_env *env)
{
	const struct fs_type *s = fs_value_strip(t), *tg;
	uint8_t *buf;
	uint64_t n;
	struct rp p;
	char *out;

	if (s == NULL || !is_ptr(s) || !s->rust || addr == 0 || env == NULL ||
	    env->mem == NULL)
		return NULL;
	tg = fs_value_strip(s->target);
	if (tg == NULL || tg->kind == FS_TYPE_FUNC || tg->kind ==
	    FS_TYPE_VOID || (n = tg->size) == 0 || n > R_MAXREAD)
		return NULL;
	if ((buf = malloc(n)) == NULL)
		return NULL;
	if (env->mem(env->arg, addr, buf, n) != 0) {
		free(buf);
		return NULL;
	}
	rp_init(&p, env);
	rval(&p, s->target, buf, NULL, (size_t)n, false, 1);
	free(buf);
	if (rp_done(&p, &out, NULL) != 0)
		return NULL;
	return out;
}
