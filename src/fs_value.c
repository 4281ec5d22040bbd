/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_value: values and type names as gdb prints them (see
   include/fs_value.h). */
#include <inttypes.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "fs_rust.h"
#include "fs_sbuf.h"
#include "fs_value.h"

/* Types nest this deep at most: a cycle in broken DWARF ends here.  */
#define VAL_MAXDEPTH	32
#define STR_FETCH	64

const struct fs_type *
fs_value_strip(const struct fs_type *t)
{
	int i;

	for (i = 0; t != NULL && i < VAL_MAXDEPTH; i++) {
		if (t->kind != FS_TYPE_TYPEDEF && t->kind != FS_TYPE_CONST &&
		    t->kind != FS_TYPE_VOLATILE)
			return t;
		t = t->target;
	}
	return t;
}

/* T without const and volatile, typedefs kept.  */
static const struct fs_type *
strip_cv(const struct fs_type *t)
{
	int i;

	for (i = 0; t != NULL && i < VAL_MAXDEPTH; i++) {
		if (t->kind != FS_TYPE_CONST && t->kind != FS_TYPE_VOLATILE)
			return t;
		t = t->target;
	}
	return t;
}

uint64_t
fs_value_load(const uint8_t *p, size_t len, bool is_signed)
{
	uint64_t v = 0;
	size_t i;

	if (len > 8)
		len = 8;
	for (i = len; i > 0; i--)
		v = v << 8 | p[i - 1];
	if (is_signed && len > 0 && len < 8 && (v >> (8 * len - 1)) & 1)
		v |= ~(uint64_t)0 << (8 * len);
	return v;
}

bool
fs_value_is_signed(const struct fs_type *t)
{
	t = fs_value_strip(t);
	if (t == NULL)
		return false;
	if (t->kind == FS_TYPE_ENUM)
		return !t->is_unsigned;
	return t->kind == FS_TYPE_BASE && (t->encoding == FS_ATE_SIGNED ||
	    t->encoding == FS_ATE_SIGNED_CHAR);
}

bool
fs_value_is_scalar(const struct fs_type *t)
{
	t = fs_value_strip(t);
	if (t == NULL || t->size == 0 || t->size > 8)
		return false;
	switch (t->kind) {
	case FS_TYPE_BASE:
		return t->encoding != FS_ATE_FLOAT &&
		    t->encoding != FS_ATE_COMPLEX_FLOAT;
	case FS_TYPE_ENUM:
	case FS_TYPE_POINTER:
		return true;
	default:
		return false;
	}
}

/* A one-byte character type, printed as `97 'a'` and in strings.  */
static bool
is_char(const struct fs_type *t)
{
	t = fs_value_strip(t);
	return t != NULL && t->kind == FS_TYPE_BASE && t->size == 1 &&
	    (t->encoding == FS_ATE_SIGNED_CHAR ||
	    t->encoding == FS_ATE_UNSIGNED_CHAR);
}

/* gdb's wide characters (c-lang.c's classify_type): an integer type of
   2 or 4 bytes named, or reached through typedefs naming, wchar_t,
   char16_t or char32_t, printed as characters with that prefix: L, u,
   U.  NULL for any other type.  */
static const char *
wide_prefix(const struct fs_type *t)
{
	const struct fs_type *st = fs_value_strip(t);
	const char *pre = NULL;
	int i;

	if (st == NULL || st->kind != FS_TYPE_BASE || (st->size != 2 &&
	    st->size != 4) || (st->encoding != FS_ATE_SIGNED &&
	    st->encoding != FS_ATE_UNSIGNED && st->encoding != FS_ATE_UTF))
		return NULL;
	for (i = 0; t != NULL && pre == NULL && i < VAL_MAXDEPTH; i++) {
		if (t->name != NULL)
			pre = strcmp(t->name, "wchar_t") == 0 ? "L" :
			    strcmp(t->name, "char16_t") == 0 ? "u" :
			    strcmp(t->name, "char32_t") == 0 ? "U" : NULL;
		if (t->kind != FS_TYPE_TYPEDEF && t->kind != FS_TYPE_CONST &&
		    t->kind != FS_TYPE_VOLATILE)
			break;
		t = t->target;
	}
	return pre;
}

/* gdb 13 names gcc's integer types the short way.  */
static const char *
cname(const char *n)
{
	static const char *const map[][2] = {
		{ "short int", "short" },
		{ "short unsigned int", "unsigned short" },
		{ "long int", "long" },
		{ "long unsigned int", "unsigned long" },
		{ "long long int", "long long" },
		{ "long long unsigned int", "unsigned long long" },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(n, map[i][0]) == 0)
			return map[i][1];
	return n;
}

/* Type names.  A C declarator is built inside out: INNER is what the
   outer declarators made so far ("*", "(*)[3]", "name").  */

static void	tname(struct fs_sbuf *, const struct fs_type *, const char *,
		    int);

static void
tname_params(struct fs_sbuf *b, const struct fs_type *f, int depth)
{
	size_t i;

	fs_sbuf_puts(b, "(");
	for (i = 0; i < f->nparams; i++) {
		if (i > 0)
			fs_sbuf_puts(b, ", ");
		tname(b, f->params[i], "", depth + 1);
	}
	if (f->varargs && f->nparams > 0)
		fs_sbuf_puts(b, ", ...");
	else if (!f->varargs && f->nparams == 0)
		fs_sbuf_puts(b, "void");
	fs_sbuf_puts(b, ")");
}

static void
tbase(struct fs_sbuf *b, const char *base, const char *inner)
{
	fs_sbuf_puts(b, base);
	if (inner[0] != '\0') {
		fs_sbuf_puts(b, " ");
		fs_sbuf_puts(b, inner);
	}
}

static void
tname(struct fs_sbuf *b, const struct fs_type *t, const char *inner, int depth)
{
	struct fs_sbuf in = { NULL, 0, 0, false };
	const struct fs_type *q;
	const char *kw;
	char tmp[32];
	size_t i;
	bool isc, isv;

	if (depth > VAL_MAXDEPTH) {
		tbase(b, "<cycle>", inner);
		return;
	}
	if (t == NULL) {
		tbase(b, "void", inner);
		return;
	}
	switch (t->kind) {
	case FS_TYPE_CONST:
	case FS_TYPE_VOLATILE:
		isc = isv = false;
		for (q = t; q != NULL && (q->kind == FS_TYPE_CONST ||
		    q->kind == FS_TYPE_VOLATILE); q = q->target) {
			if (q->kind == FS_TYPE_CONST)
				isc = true;
			else
				isv = true;
			if (++depth > VAL_MAXDEPTH)
				break;
		}
		kw = isc && isv ? "const volatile" : isc ? "const" : "volatile";
		if (q != NULL && (q->kind == FS_TYPE_POINTER ||
		    q->kind == FS_TYPE_REFERENCE ||
		    q->kind == FS_TYPE_RVALUE_REF)) {
			/* A const pointer: the qualifier follows the star. */
			fs_sbuf_puts(&in, q->kind == FS_TYPE_POINTER ? "* " :
			    q->kind == FS_TYPE_REFERENCE ? "& " : "&& ");
			fs_sbuf_puts(&in, kw);
			if (inner[0] != '\0') {
				fs_sbuf_puts(&in, " ");
				fs_sbuf_puts(&in, inner);
			}
			q = q->target;
			if (q != NULL && (q->kind == FS_TYPE_ARRAY ||
			    q->kind == FS_TYPE_FUNC)) {
				struct fs_sbuf w = { NULL, 0, 0, false };

				fs_sbuf_puts(&w, "(");
				fs_sbuf_puts(&w, in.s ? in.s : "");
				fs_sbuf_puts(&w, ")");
				free(in.s);
				in = w;
			}
			tname(b, q, in.s ? in.s : "", depth + 1);
			free(in.s);
			return;
		}
		/* gdb writes "const char", "const struct point".  */
		fs_sbuf_puts(&in, kw);
		fs_sbuf_puts(&in, " ");
		{
			struct fs_sbuf rest = { NULL, 0, 0, false };

			tname(&rest, q, inner, depth + 1);
			fs_sbuf_puts(&in, rest.s ? rest.s : "");
			free(rest.s);
		}
		fs_sbuf_puts(b, in.s ? in.s : "");
		free(in.s);
		return;
	case FS_TYPE_POINTER:
	case FS_TYPE_REFERENCE:
	case FS_TYPE_RVALUE_REF:
		q = strip_cv(t->target);
		if (q != NULL && (q->kind == FS_TYPE_ARRAY ||
		    q->kind == FS_TYPE_FUNC) && q == t->target)
			fs_sbuf_puts(&in, "(");
		fs_sbuf_puts(&in, t->kind == FS_TYPE_POINTER ? "*" :
		    t->kind == FS_TYPE_REFERENCE ? "&" : "&&");
		fs_sbuf_puts(&in, inner);
		if (q != NULL && (q->kind == FS_TYPE_ARRAY ||
		    q->kind == FS_TYPE_FUNC) && q == t->target)
			fs_sbuf_puts(&in, ")");
		tname(b, t->target, in.s ? in.s : "", depth + 1);
		free(in.s);
		return;
	case FS_TYPE_ARRAY:
		if (t->name != NULL) {
			/* A register's vector type: v4f.  */
			tbase(b, t->name, inner);
			return;
		}
		if (t->vector) {
			/* gdb gives the count where GCC's attribute has the
			   size in bytes.  */
			tname(b, t->target, inner, depth + 1);
			fs_sbuf_printf(b, " __attribute__ ((vector_size(%"
			    PRIu64 ")))", t->ndims > 0 ? t->dims[0].count : 0);
			return;
		}
		fs_sbuf_puts(&in, inner);
		for (i = 0; i < t->ndims; i++) {
			if (t->dims[i].has_count)
				fs_sbuf_printf(&in, "[%" PRIu64 "]",
				    t->dims[i].count);
			else
				fs_sbuf_puts(&in, "[]");
		}
		if (t->ndims == 0)
			fs_sbuf_puts(&in, "[]");
		tname(b, t->target, in.s ? in.s : "", depth + 1);
		free(in.s);
		return;
	case FS_TYPE_FUNC:
		fs_sbuf_puts(&in, inner);
		tname_params(&in, t, depth);
		tname(b, t->target, in.s ? in.s : "", depth + 1);
		free(in.s);
		return;
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
	case FS_TYPE_ENUM:
		kw = t->kind == FS_TYPE_STRUCT ? "struct" :
		    t->kind == FS_TYPE_UNION ? "union" : "enum";
		fs_sbuf_puts(&in, kw);
		fs_sbuf_puts(&in, " ");
		fs_sbuf_puts(&in, t->name != NULL ? t->name : "{...}");
		tbase(b, in.s ? in.s : "", inner);
		free(in.s);
		return;
	case FS_TYPE_VOID:
		tbase(b, "void", inner);
		return;
	case FS_TYPE_BASE:
	case FS_TYPE_TYPEDEF:
	case FS_TYPE_VARIANT:
	case FS_TYPE_FLAGS:
		if (t->name != NULL) {
			tbase(b, t->kind == FS_TYPE_BASE ? cname(t->name) :
			    t->name, inner);
			return;
		}
		if (t->kind == FS_TYPE_BASE) {
			snprintf(tmp, sizeof tmp, "<%" PRIu64 "-byte type>",
			    t->size);
			tbase(b, tmp, inner);
			return;
		}
		if (t->kind == FS_TYPE_TYPEDEF) {
			tname(b, t->target, inner, depth + 1);
			return;
		}
		/* FALLTHROUGH */
	case FS_TYPE_UNKNOWN:
	default:
		tbase(b, t->name != NULL ? t->name : "<unknown type>", inner);
		return;
	}
}

const char *
fs_value_type_name(const struct fs_type *t, const char *name,
    unsigned bit_size, char *buf, size_t size)
{
	struct fs_sbuf b = { NULL, 0, 0, false };

	if (size == 0)
		return buf;
	/* A Rust function's own type is Rust's (fn (i32) -> i32); one
	   made of DWARF's subroutine types is written as C's.  */
	if (name == NULL && bit_size == 0 && fs_rust_type(t) &&
	    fs_value_strip(t) != NULL && (fs_value_strip(t)->kind !=
	    FS_TYPE_FUNC || fs_value_strip(t)->rust))
		return fs_rust_type_name(t, buf, size);
	tname(&b, t, name != NULL ? name : "", 0);
	if (bit_size > 0)
		fs_sbuf_printf(&b, " : %u", bit_size);
	snprintf(buf, size, "%s", b.s != NULL ? b.s : "");
	free(b.s);
	return buf;
}

/* ptype.  */

static void	ptype_into(struct fs_sbuf *, const struct fs_type *, int, int,
		    int);

/* Where T's declarator ends: the type under its pointers, arrays and
   function types, with the qualifiers on it (what tname writes first,
   "const struct point" in "const struct point *[3]").  */
static const struct fs_type *
ptype_base(const struct fs_type *t)
{
	const struct fs_type *q;
	int depth;

	for (depth = 0; t != NULL && depth < VAL_MAXDEPTH; depth++) {
		q = strip_cv(t);
		if (q == NULL || (q->kind != FS_TYPE_POINTER && q->kind !=
		    FS_TYPE_REFERENCE && q->kind != FS_TYPE_RVALUE_REF &&
		    q->kind != FS_TYPE_ARRAY && q->kind != FS_TYPE_FUNC))
			return t;
		if (q->kind == FS_TYPE_FUNC)
			return t;	/* "int (int, int)": said whole */
		t = q->target;
	}
	return t;
}

/* "struct NAME {" of struct or union T, and the line that says it has
   no members, indented by PAD, when it has none.  */
static void
ptype_head(struct fs_sbuf *b, const struct fs_type *t, int pad)
{
	fs_sbuf_puts(b, t->kind == FS_TYPE_UNION ? "union " : "struct ");
	if (t->name != NULL) {
		fs_sbuf_puts(b, t->name);
		fs_sbuf_puts(b, " ");
	}
	fs_sbuf_puts(b, "{\n");
	if (t->nmembers == 0)
		fs_sbuf_printf(b, "%*s%s\n", pad, "", t->declaration ?
		    "<incomplete type>" : "<no data fields>");
}

/* The body of struct, union or enum T, its lines indented by INDENT.  */
/* T's body as gdb's ptype writes it at SHOW (1 at the top, one less a
   level down): an anonymous struct or union member is written out at
   SHOW 0 and below the top, `struct {...}' further down.  */
static void
ptype_body(struct fs_sbuf *b, const struct fs_type *t, int indent, int depth,
    int show)
{
	char decl[1024];
	int64_t next = 0;
	size_t i;

	if (t->kind == FS_TYPE_FLAGS) {
		/* gdb's flag types: one bool a bit.  */
		fs_sbuf_printf(b, "flag %s {\n", t->name != NULL ? t->name :
		    "");
		for (i = 0; i < t->nmembers; i++)
			fs_sbuf_printf(b, "%*sbool %s%s@%u;\n", indent + 4, "",
			    t->members[i].name != NULL ? t->members[i].name :
			    "", t->members[i].name != NULL ? " " : "",
			    t->members[i].bit_offset);
		fs_sbuf_printf(b, "%*s}", indent, "");
		return;
	}
	if (t->kind == FS_TYPE_ENUM) {
		fs_sbuf_puts(b, "enum ");
		if (t->name != NULL) {
			fs_sbuf_puts(b, t->name);
			fs_sbuf_puts(b, " ");
		}
		fs_sbuf_puts(b, "{");
		for (i = 0; i < t->nenumerators; i++) {
			const struct fs_enumerator *en = &t->enumerators[i];

			if (i > 0)
				fs_sbuf_puts(b, ", ");
			fs_sbuf_puts(b, en->name != NULL ? en->name : "?");
			/* gdb gives the value when it is not the one after
			   the last.  */
			if (en->value != next) {
				if (t->is_unsigned)
					fs_sbuf_printf(b, " = %" PRIu64,
					    (uint64_t)en->value);
				else
					fs_sbuf_printf(b, " = %" PRId64,
					    en->value);
			}
			next = en->value + 1;
		}
		fs_sbuf_puts(b, "}");
		return;
	}
	ptype_head(b, t, indent + 4);
	for (i = 0; i < t->nmembers; i++) {
		const struct fs_member *m = &t->members[i];
		const struct fs_type *mb = ptype_base(m->type);
		const struct fs_type *ms = strip_cv(mb);

		if (m->artificial)
			continue;
		fs_sbuf_printf(b, "%*s", indent + 4, "");
		if (ms != NULL && (ms->kind == FS_TYPE_STRUCT || ms->kind ==
		    FS_TYPE_UNION) && ms->name == NULL && show > 0 &&
		    depth < VAL_MAXDEPTH) {
			/* An anonymous struct is written out where it is
			   used.  */
			char base[512];
			size_t bl;

			fs_value_type_name(m->type, m->name, m->bit_size, decl,
			    sizeof decl);
			fs_value_type_name(mb, NULL, 0, base, sizeof base);
			bl = strlen(base);
			if (strncmp(decl, base, bl) == 0) {
				if (mb != ms)
					fs_sbuf_puts(b, mb->kind ==
					    FS_TYPE_CONST ? "const " :
					    "volatile ");
				ptype_body(b, ms, indent + 4, depth + 1,
				    show - 1);
				fs_sbuf_puts(b, decl + bl);
				fs_sbuf_puts(b, ";\n");
				continue;
			}
		}
		fs_sbuf_puts(b, fs_value_type_name(m->type, m->name ? m->name :
		    "", m->bit_size, decl, sizeof decl));
		fs_sbuf_puts(b, ";\n");
	}
	fs_sbuf_printf(b, "%*s}", indent, "");
}

/* ptype/o: where each member of a struct is, as gdb's print_offset_data
   keeps it: OFF the bit offset of the struct being written in the
   outermost one, END where the member before ended (bits), HEX for
   /x.  */
struct pod {
	int64_t		 off, end;
	bool		 hex;
};

/* The hole (or the padding at the end) before BITPOS, if any.  */
static void
pod_hole(struct fs_sbuf *b, const struct pod *p, int64_t bitpos,
    const char *what)
{
	uint64_t h;

	if (p->end <= 0 || p->end >= bitpos)
		return;
	h = (uint64_t)(bitpos - p->end);
	if (h % 8 != 0)
		fs_sbuf_printf(b, "/* XXX %2u-bit %-7s    */\n",
		    (unsigned)(h % 8), what);
	if (h / 8 != 0)
		fs_sbuf_printf(b, "/* XXX %2u-byte %-7s   */\n",
		    (unsigned)(h / 8), what);
}

/* Member M of T: the comment before it, "offset | size" (in a union,
   the size alone), after the hole before it.  */
static void
pod_update(struct fs_sbuf *b, const struct fs_type *t,
    const struct fs_member *m, struct pod *p)
{
	const struct fs_type *ft = fs_value_strip(m->type);
	uint64_t size = ft != NULL ? ft->size : 0, bits = size * 8, real;
	int64_t bitpos = (int64_t)(m->offset * 8 + m->bit_offset);

	if (t->kind == FS_TYPE_UNION) {
		if (p->hex)
			fs_sbuf_printf(b, "/*                0x%04" PRIx64
			    " */", size);
		else
			fs_sbuf_printf(b, "/*                %6" PRIu64 " */",
			    size);
		return;
	}
	pod_hole(b, p, bitpos, "hole");
	real = (uint64_t)(bitpos + p->off);
	if (m->bit_size != 0 || p->off % 8 != 0) {
		bits = m->bit_size;
		fs_sbuf_printf(b, p->hex ? "/* 0x%04" PRIx64 ": 0x%" PRIx64 :
		    "/* %6" PRIu64 ":%2" PRIu64 "  ", real / 8, real % 8);
	} else
		fs_sbuf_printf(b, p->hex ? "/* 0x%04" PRIx64 "     " :
		    "/* %6" PRIu64 "     ", real / 8);
	fs_sbuf_printf(b, p->hex ? " |  0x%04" PRIx64 " */" :
	    " |  %6" PRIu64 " */", size);
	p->end = bitpos + (int64_t)bits;
}

/* Struct or union T as gdb's ptype/o writes it at LEVEL: each member
   under its offset and size, the holes between them, the padding at
   the end and the total size; a member whose type is a struct or a
   union (not through a typedef) written out in place.  */
static void
ptype_offsets(struct fs_sbuf *b, const struct fs_type *t, int level,
    struct pod *p, int depth)
{
	char decl[1024];
	size_t i;

	ptype_head(b, t, 27 + level + 4);
	for (i = 0; i < t->nmembers; i++) {
		const struct fs_member *m = &t->members[i];
		const struct fs_type *ms = strip_cv(m->type);

		if (m->artificial)
			continue;
		pod_update(b, t, m, p);
		fs_sbuf_printf(b, "%*s", level + 4, "");
		if (ms != NULL && (ms->kind == FS_TYPE_STRUCT || ms->kind ==
		    FS_TYPE_UNION) && depth < VAL_MAXDEPTH) {
			/* Its offsets are the outer struct's; the hole
			   before its first member is none.  */
			struct pod lp = { p->off + (int64_t)(m->offset * 8 +
			    m->bit_offset), p->end - (int64_t)(ms->size * 8),
			    p->hex };

			if (ms != m->type)
				fs_sbuf_puts(b, m->type->kind == FS_TYPE_CONST ?
				    "const " : "volatile ");
			ptype_offsets(b, ms, level + 4, &lp, depth + 1);
			if (m->name != NULL)
				fs_sbuf_printf(b, " %s", m->name);
			fs_sbuf_puts(b, ";\n");
			continue;
		}
		fs_sbuf_puts(b, fs_value_type_name(m->type, m->name ? m->name :
		    "", m->bit_size, decl, sizeof decl));
		fs_sbuf_puts(b, ";\n");
	}
	pod_hole(b, p, (int64_t)(t->size * 8), "padding");
	fs_sbuf_printf(b, "\n%*s/* total size (bytes): %4" PRIu64 " */\n",
	    level + 4 + 27, "", t->size);
	fs_sbuf_printf(b, "%*s}", 27 + (level == 0 ? 2 : 0) + level, "");
}

/* gdb's ptype of T: typedefs at the base resolved, a struct, union or
   enum there written out, the declarator around it kept.  */
static void
ptype_into(struct fs_sbuf *b, const struct fs_type *t, int indent, int depth,
    int offsets)
{
	const struct fs_type *base = ptype_base(t), *r;
	char full[1024], bname[512];
	const char *cv = "";
	size_t bl;
	int i;

	fs_value_type_name(t, NULL, 0, full, sizeof full);
	if (base == NULL || depth >= VAL_MAXDEPTH) {
		fs_sbuf_puts(b, full);
		return;
	}
	fs_value_type_name(base, NULL, 0, bname, sizeof bname);
	bl = strlen(bname);
	if (strncmp(full, bname, bl) != 0) {
		fs_sbuf_puts(b, full);
		return;
	}
	/* The qualifiers stay; the typedefs under them go.  */
	r = base;
	for (i = 0; r != NULL && i < VAL_MAXDEPTH; i++) {
		if (r->kind == FS_TYPE_CONST)
			cv = "const ";
		else if (r->kind == FS_TYPE_VOLATILE)
			cv = *cv != '\0' ? "const volatile " : "volatile ";
		else if (r->kind != FS_TYPE_TYPEDEF)
			break;
		r = r->target;
	}
	if (r != NULL && r->kind == FS_TYPE_UNKNOWN && r->name != NULL &&
	    strcmp(r->name, "<text variable, no debug info>") == 0) {
		/* A function without DWARF: gdb's ptype makes it one of
		   unknown type.  */
		const char *d = full + bl;

		while (*d == ' ')
			d++;
		if (*d == '\0')
			fs_sbuf_puts(b, "<unknown return type> ()");
		else
			fs_sbuf_printf(b, "<unknown return type> (%s)()", d);
		return;
	}
	if (r != NULL && (r->kind == FS_TYPE_STRUCT || r->kind ==
	    FS_TYPE_UNION || r->kind == FS_TYPE_ENUM || r->kind ==
	    FS_TYPE_FLAGS)) {
		fs_sbuf_puts(b, cv);
		if (offsets != 0 && r->kind != FS_TYPE_ENUM &&
		    r->kind != FS_TYPE_FLAGS) {
			struct pod pod = { 0, 0, offsets == 2 };

			ptype_offsets(b, r, 0, &pod, depth + 1);
		} else
			ptype_body(b, r, indent, depth + 1, 1);
	} else if (r != base && r != NULL) {
		/* A typedef of a pointer or an array: T again with the
		   typedef replaced by what it names ("binop *" is "int
		   (**)(int, int)").  */
		struct fs_type chain[16];
		const struct fs_type *q;
		size_t n = 0;

		for (q = t; q != NULL && q != base && n < 16; q = q->target) {
			chain[n] = *q;
			if (n > 0)
				chain[n - 1].target = &chain[n];
			n++;
		}
		for (; q != NULL && q != r && n < 16; q = q->target) {
			if (q->kind == FS_TYPE_TYPEDEF)
				continue;
			chain[n] = *q;
			if (n > 0)
				chain[n - 1].target = &chain[n];
			n++;
		}
		if (q != r) {
			fs_sbuf_puts(b, full);
			return;
		}
		if (n == 0)
			ptype_into(b, r, indent, depth + 1, offsets);
		else {
			chain[n - 1].target = r;
			ptype_into(b, &chain[0], indent, depth + 1,
			    offsets);
		}
		return;
	} else {
		fs_sbuf_puts(b, full);
		return;
	}
	fs_sbuf_puts(b, full + bl);
}

int
fs_value_ptype(const struct fs_type *t, char **out, struct fs_err *e)
{
	struct fs_sbuf b = { NULL, 0, 0, false };

	*out = NULL;
	if (fs_rust_type(t))
		fs_rust_ptype(t, &b);
	else
		ptype_into(&b, t, 0, 0, 0);
	if (b.oom || b.s == NULL) {
		free(b.s);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = b.s;
	return 0;
}

int
fs_value_ptype_offsets(const struct fs_type *t, bool hex, char **out,
    struct fs_err *e)
{
	struct fs_sbuf b = { NULL, 0, 0, false };
	const struct fs_type *q = strip_cv(t);

	*out = NULL;
	/* gdb's header, when the type itself (not a typedef of it) is a
	   struct or a union.  */
	if (q != NULL && (q->kind == FS_TYPE_STRUCT || q->kind ==
	    FS_TYPE_UNION) && !fs_rust_type(t))
		fs_sbuf_puts(&b, "/* offset      |    size */  ");
	fs_sbuf_puts(&b, "type = ");
	if (fs_rust_type(t))
		fs_rust_ptype(t, &b);
	else
		ptype_into(&b, t, 0, 0, hex ? 2 : 1);
	if (b.oom || b.s == NULL) {
		free(b.s);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = b.s;
	return 0;
}

/* Values.  */

struct pr {
	struct fs_sbuf		 b;
	const struct fs_value_env *env;
	unsigned		 max;		/* print elements */
	unsigned		 thr;		/* repeat threshold */
};

static void	val(struct pr *, const struct fs_type *, const uint8_t *,
		    const uint8_t *, size_t, bool, int);

static bool
all_valid(const uint8_t *valid, size_t len)
{
	size_t i;

	if (valid == NULL)
		return true;
	for (i = 0; i < len; i++)
		if (valid[i] != 0xff)
			return false;
	return true;
}

/* gdb's print_wchar for one byte of a string or a char, QUOTER being
   the quote around it.  The host charset is taken as ASCII: bytes
   outside 0x20-0x7e are octal escapes.  */
static void
pr_char(struct fs_sbuf *b, unsigned c, char quoter)
{
	char tmp[8];

	switch (c) {
	case '\a': fs_sbuf_puts(b, "\\a"); return;
	case '\b': fs_sbuf_puts(b, "\\b"); return;
	case '\f': fs_sbuf_puts(b, "\\f"); return;
	case '\n': fs_sbuf_puts(b, "\\n"); return;
	case '\r': fs_sbuf_puts(b, "\\r"); return;
	case '\t': fs_sbuf_puts(b, "\\t"); return;
	case '\v': fs_sbuf_puts(b, "\\v"); return;
	default:
		break;
	}
	if (c >= 0x20 && c < 0x7f) {
		if (c == (unsigned char)quoter || c == '\\')
			fs_sbuf_puts(b, "\\");
		tmp[0] = (char)c;
		tmp[1] = '\0';
		fs_sbuf_puts(b, tmp);
		return;
	}
	snprintf(tmp, sizeof tmp, "\\%.3o", c & 0777);
	fs_sbuf_puts(b, tmp);
}

/*
 * Whether strings are read as UTF-8: when the locale's character set is
 * (set from the environment by main), as gdb's default target charset
 * follows its host's.  Otherwise every byte past ASCII is an escape.
 */
static bool
utf8_text(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

/* Whether S[0..N) starts with a character iconv converts: ASCII, or a
   well-formed UTF-8 sequence, printable or not.  */
static bool
utf8_ok(const uint8_t *s, size_t n)
{
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80)
		return true;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return false;
	if (n < len)
		return false;
	c = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return false;
		c = c << 6 | (s[i] & 0x3f);
	}
	return !((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff));
}

/* The UTF-8 character at S[0..N): its length (1 for a byte that is not
   a printable multibyte character, printed as an escape), or 0 when S
   is the start of one cut short by the end (all that follows continues
   it), as glibc's iconv tells them apart.  */
static size_t
utf8_char(const uint8_t *s, size_t n)
{
	size_t len, i;
	uint32_t c;
	wchar_t w;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf7) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 1;
	for (i = 1; i < len; i++) {
		if (i == n)
			return 0;
		if ((s[i] & 0xc0) != 0x80)
			return 1;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and past Unicode: not characters.  */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	w = (wchar_t)c;
	return iswprint((wint_t)w) ? len : 1;
}

/* The groups of gdb's generic_printstr: "..." runs of characters and
   'c' <repeats N times>.  */
enum strgroup { SG_START, SG_SINGLE, SG_REPEAT };

/* Go from group *LAST to NEXT: close a run, separate, open the next
   (a repeat's quote; a run's, unless it goes on).  */
static void
str_group(struct fs_sbuf *b, enum strgroup *last, enum strgroup next)
{
	if (next == SG_REPEAT || *last != SG_SINGLE) {
		if (*last == SG_SINGLE)
			fs_sbuf_puts(b, "\"");
		if (*last != SG_START)
			fs_sbuf_puts(b, ", ");
		fs_sbuf_puts(b, next == SG_REPEAT ? "'" : "\"");
	}
	*last = next;
}

/* gdb's generic_printstr: S[0..N) as "..." runs and 'c' <repeats N
   times> groups, by character (a UTF-8 sequence is one, when strings are
   UTF-8); ELLIPSES when the string was cut short.  DROPNUL: drop one
   trailing NUL (arrays, when not cut short by the limit).  A multibyte
   character cut short by the end is gdb's <incomplete sequence>.  */
static void
pr_string(struct pr *p, const uint8_t *s, size_t n, bool ellipses,
    bool dropnul)
{
	enum strgroup last = SG_START;
	size_t i = 0, printed = 0, reps, j, cl, k, inc = SIZE_MAX, end;
	bool finished, utf8 = utf8_text();

	if (dropnul && !ellipses && n > 0 && s[n - 1] == '\0')
		n--;
	end = n;
	if (n == 0) {
		fs_sbuf_puts(&p->b, "\"\"");
		if (ellipses)
			fs_sbuf_puts(&p->b, "...");
		return;
	}
	if (utf8) {
		/* A multibyte character cut short by the end: gdb's iconv
		   reports it together with the character before it, which
		   is lost when that one was a character (not a byte that
		   is not one), and so it is here too.  */
		size_t at = 0, prev = 0, u;
		bool prev_ok = false;

		while (at < n && (u = s[at] >= 0x80 ? utf8_char(s + at, n -
		    at) : 1) != 0) {
			prev = at;
			prev_ok = utf8_ok(s + at, n - at);
			at += u;
		}
		if (at < n) {
			inc = at;
			n = prev_ok && at > 0 ? prev : at;
		}
	}
	/* Whole groups are taken until the limit is reached, as gdb's
	   count_next_character does; a long group may go past it.  */
	while (i < n && printed < p->max) {
		cl = utf8 && s[i] >= 0x80 ? utf8_char(s + i, n - i) : 1;
		if (cl == 0)
			cl = 1;	/* cut short by N: a byte of its own */
		for (reps = 1; i + (reps + 1) * cl <= n && memcmp(s + i +
		    reps * cl, s + i, cl) == 0; reps++)
			;
		if (reps > p->thr) {
			str_group(&p->b, &last, SG_REPEAT);
			if (cl > 1)
				fs_sbuf_add(&p->b, (const char *)s + i, cl);
			else
				pr_char(&p->b, s[i], '"');
			fs_sbuf_printf(&p->b, "' <repeats %zu times>", reps);
		} else {
			str_group(&p->b, &last, SG_SINGLE);
			for (j = 0; j < reps; j++) {
				if (cl > 1)
					fs_sbuf_add(&p->b, (const char *)s + i,
					    cl);
				else
					pr_char(&p->b, s[i], '"');
			}
		}
		printed += reps;
		i += reps * cl;
	}
	if (last == SG_SINGLE)
		fs_sbuf_puts(&p->b, "\"");
	if (inc != SIZE_MAX && i >= n && printed < p->max) {
		if (last != SG_START)
			fs_sbuf_puts(&p->b, ", ");
		fs_sbuf_puts(&p->b, "<incomplete sequence ");
		for (k = inc; k < end; k++)
			fs_sbuf_printf(&p->b, "\\%.3o", s[k]);
		fs_sbuf_puts(&p->b, ">");
	}
	finished = i >= n;
	if (ellipses || !finished)
		fs_sbuf_puts(&p->b, "...");
}

/* gdb's print of a char scalar: `97 'a'`.  */
static void
pr_charval(struct pr *p, uint64_t v, bool is_signed)
{
	if (is_signed)
		fs_sbuf_printf(&p->b, "%" PRId64 " '", (int64_t)v);
	else
		fs_sbuf_printf(&p->b, "%" PRIu64 " '", v);
	pr_char(&p->b, (unsigned)(v & 0xff), '\'');
	fs_sbuf_puts(&p->b, "'");
}

/* One wide character V as gdb's print_wchar writes it
   between QUOTERs: ASCII as a char is; past it, a printable character
   in UTF-8 when the locale's charset is, else its bytes as octal
   escapes; a value that is no character in octal up to 0777, in hex
   past it.  */
static void
pr_wchar(struct fs_sbuf *b, uint64_t v, char quoter, bool utf8)
{
	uint8_t u[4];
	unsigned k;
	bool valid = v <= 0x10ffff && (v < 0xd800 || v > 0xdfff);

	if (v < 0x80) {
		pr_char(b, (unsigned)v, quoter);
		return;
	}
	if (valid && utf8 && iswprint((wint_t)v)) {
		if (v < 0x800) {
			u[0] = (uint8_t)(0xc0 | v >> 6);
			u[1] = (uint8_t)(0x80 | (v & 0x3f));
			k = 2;
		} else if (v < 0x10000) {
			u[0] = (uint8_t)(0xe0 | v >> 12);
			u[1] = (uint8_t)(0x80 | ((v >> 6) & 0x3f));
			u[2] = (uint8_t)(0x80 | (v & 0x3f));
			k = 3;
		} else {
			u[0] = (uint8_t)(0xf0 | v >> 18);
			u[1] = (uint8_t)(0x80 | ((v >> 12) & 0x3f));
			u[2] = (uint8_t)(0x80 | ((v >> 6) & 0x3f));
			u[3] = (uint8_t)(0x80 | (v & 0x3f));
			k = 4;
		}
		fs_sbuf_add(b, (const char *)u, k);
		return;
	}
	if (valid) {
		/* A character the host charset cannot show: gdb escapes
		   the 4 bytes of its wchar_t (UCS-4), whatever the
		   target's width.  */
		for (k = 0; k < 4; k++)
			fs_sbuf_printf(b, "\\%.3o", (unsigned)(v >> (8 * k)) &
			    0xff);
		return;
	}
	if (v <= 0777)
		fs_sbuf_printf(b, "\\%.3o", (unsigned)v);
	else
		fs_sbuf_printf(b, "\\x%" PRIx64, v);
}

/* gdb's print of a wide char scalar: `90 L'Z'`.  */
static void
pr_wcharval(struct pr *p, const struct fs_type *st, const uint8_t *bytes,
    const char *pre)
{
	bool sg = st->encoding == FS_ATE_SIGNED;
	uint64_t x = fs_value_load(bytes, (size_t)st->size, sg);

	if (sg)
		fs_sbuf_printf(&p->b, "%" PRId64 " %s'", (int64_t)x, pre);
	else
		fs_sbuf_printf(&p->b, "%" PRIu64 " %s'", x, pre);
	pr_wchar(&p->b, fs_value_load(bytes, (size_t)st->size, false),
	    '\'', utf8_text());
	fs_sbuf_puts(&p->b, "'");
}

/* gdb's generic_printstr for N wide characters of ES bytes at S, after
   PREFIX (once, before whatever comes first): runs as "..." and 'c'
   <repeats N times> groups; ELLIPSES when cut short; DROPNUL: one
   trailing NUL dropped.  */
static void
pr_wstring(struct pr *p, const uint8_t *s, size_t n, size_t es,
    const char *pre, bool ellipses, bool dropnul)
{
	enum strgroup last = SG_START;
	size_t i = 0, printed = 0, reps, j;
	bool utf8 = utf8_text();
	uint64_t v;

	if (dropnul && !ellipses && n > 0 &&
	    fs_value_load(s + (n - 1) * es, es, false) == 0)
		n--;
	fs_sbuf_puts(&p->b, pre);
	if (n == 0) {
		fs_sbuf_puts(&p->b, "\"\"");
		if (ellipses)
			fs_sbuf_puts(&p->b, "...");
		return;
	}
	while (i < n && printed < p->max) {
		for (reps = 1; i + reps < n && memcmp(s + (i + reps) * es,
		    s + i * es, es) == 0; reps++)
			;
		v = fs_value_load(s + i * es, es, false);
		if (reps > p->thr) {
			str_group(&p->b, &last, SG_REPEAT);
			pr_wchar(&p->b, v, '\'', utf8);
			fs_sbuf_printf(&p->b, "' <repeats %zu times>", reps);
		} else {
			str_group(&p->b, &last, SG_SINGLE);
			for (j = 0; j < reps; j++)
				pr_wchar(&p->b, v, '"', utf8);
		}
		printed += reps;
		i += reps;
	}
	if (last == SG_SINGLE)
		fs_sbuf_puts(&p->b, "\"");
	if (ellipses || i < n)
		fs_sbuf_puts(&p->b, "...");
}

/* gdb's bfloat16 is a type of that name (its registers' and GCC's
   __bf16); any other 2-byte float is IEEE half.  */
static bool
is_bfloat16(const struct fs_type *t)
{
	return t != NULL && t->name != NULL && (strstr(t->name, "bfloat16") !=
	    NULL || strcmp(t->name, "__bf16") == 0);
}

/* An IEEE half's bits as a number, and a number as the nearest half
   (ties to even), by hand: not every compiler has _Float16 here.  */
static long double
half_get(uint16_t h)
{
	int e = (h >> 10) & 0x1f, m = h & 0x3ff;
	long double v;

	if (e == 0)
		v = ldexpl(m, -24);
	else if (e == 31)
		v = m != 0 ? NAN : INFINITY;
	else
		v = ldexpl(m + 1024, e - 25);
	return h & 0x8000 ? -v : v;
}

static uint32_t
half_put(long double x)
{
	uint32_t sign = signbit(x) ? 0x8000 : 0;
	long double a = fabsl(x), m;
	int e;

	if (isnan(x))
		return sign | 0x7e00;
	if (a >= 65520)
		return sign | 0x7c00;
	if (a < 0x1p-14L)	/* subnormal: 2^-24 units */
		return sign | (uint32_t)rintl(a * 0x1p24L);
	e = ilogbl(a);
	m = rintl(ldexpl(a, 10 - e));
	if (m >= 2048) {
		m = 1024;
		e++;
	}
	if (e > 15)
		return sign | 0x7c00;
	return sign | (uint32_t)(e + 15) << 10 | ((uint32_t)m - 1024);
}

long double
fs_value_float_get(const struct fs_type *t, const uint8_t *p, size_t len)
{
	float f;
	double d;
	long double ld = 0;
	uint32_t bits;

	switch (len) {
	case 2:
		if (is_bfloat16(fs_value_strip(t))) {
			bits = (uint32_t)fs_value_load(p, 2, false) << 16;
			memcpy(&f, &bits, 4);
			return f;
		} else
			return half_get((uint16_t)fs_value_load(p, 2, false));
	case 4:
		memcpy(&f, p, 4);
		return f;
	case 8:
		memcpy(&d, p, 8);
		return d;
	case 10:
	case 12:
	case 16:
		memcpy(&ld, p, 10);
		return ld;
	default:
		return 0;
	}
}

int64_t
fs_value_float_int(long double d)
{
	return d != d || d >= 9223372036854775808.0L ? INT64_MAX :
	    d < -9223372036854775808.0L ? INT64_MIN : (int64_t)d;
}

void
fs_value_float_put(const struct fs_type *t, long double x, uint8_t *p,
    size_t len)
{
	float f;
	double d;
	uint32_t bits;

	memset(p, 0, len);
	switch (len) {
	case 2:
		if (is_bfloat16(fs_value_strip(t))) {
			/* Round to nearest, ties to even, on the upper
			   half of the float.  */
			f = (float)x;
			memcpy(&bits, &f, 4);
			if ((bits & 0x7f800000) != 0x7f800000)
				bits += 0x7fff + ((bits >> 16) & 1);
			p[0] = (uint8_t)(bits >> 16);
			p[1] = (uint8_t)(bits >> 24);
		} else {
			bits = half_put(x);
			p[0] = (uint8_t)bits;
			p[1] = (uint8_t)(bits >> 8);
		}
		return;
	case 4:
		f = (float)x;
		memcpy(p, &f, 4);
		return;
	case 8:
		d = (double)x;
		memcpy(p, &d, 8);
		return;
	case 10:
	case 12:
	case 16:
		memcpy(p, &x, 10);
		return;
	default:
		return;
	}
}

static void
pr_float(struct pr *p, const uint8_t *bytes, size_t len, bool bf16)
{
	uint64_t bits, mant;
	bool neg;
	float f;
	double d;
	long double ld;
	uint16_t se;

	if (len == 2) {
		/* Half (5-bit exponent) and bfloat16 (8-bit): printed to
		   5 and 4 digits, gdb's %g for their mantissas.  */
		unsigned eb = bf16 ? 8 : 5, mb = bf16 ? 7 : 10, e;

		bits = fs_value_load(bytes, 2, false);
		neg = (bits >> 15) & 1;
		e = (unsigned)(bits >> mb) & ((1u << eb) - 1);
		mant = bits & ((UINT64_C(1) << mb) - 1);
		if (e == (1u << eb) - 1) {
			if (mant != 0)
				fs_sbuf_printf(&p->b, "%snan(0x%" PRIx64 ")",
				    neg ? "-" : "", mant);
			else
				fs_sbuf_puts(&p->b, neg ? "-inf" : "inf");
			return;
		}
		d = e == 0 ? ldexp((double)mant, 1 - (int)((1u << (eb - 1)) -
		    1) - (int)mb) : ldexp((double)(mant | (UINT64_C(1) << mb)),
		    (int)e - (int)((1u << (eb - 1)) - 1) - (int)mb);
		fs_sbuf_printf(&p->b, bf16 ? "%.4g" : "%.5g", neg ? -d : d);
		return;
	}
	if (len == 4) {
		bits = fs_value_load(bytes, 4, false);
		neg = (bits >> 31) & 1;
		if (((bits >> 23) & 0xff) == 0xff && (mant = bits &
		    0x7fffff) != 0) {
			fs_sbuf_printf(&p->b, "%snan(0x%" PRIx64 ")",
			    neg ? "-" : "", mant);
			return;
		}
		memcpy(&f, bytes, 4);
		if (isinf(f)) {
			fs_sbuf_puts(&p->b, neg ? "-inf" : "inf");
			return;
		}
		fs_sbuf_printf(&p->b, "%.9g", (double)f);
		return;
	}
	if (len == 8) {
		bits = fs_value_load(bytes, 8, false);
		neg = bits >> 63;
		if (((bits >> 52) & 0x7ff) == 0x7ff &&
		    (mant = bits & ((UINT64_C(1) << 52) - 1)) != 0) {
			fs_sbuf_printf(&p->b, "%snan(0x%" PRIx64 ")",
			    neg ? "-" : "", mant);
			return;
		}
		memcpy(&d, bytes, 8);
		if (isinf(d)) {
			fs_sbuf_puts(&p->b, neg ? "-inf" : "inf");
			return;
		}
		fs_sbuf_printf(&p->b, "%.17g", d);
		return;
	}
	if (len == 16 || len == 12 || len == 10) {
		/* x87 extended precision: 64-bit mantissa with an explicit
		   integer bit, then sign and a 15-bit exponent.  */
		mant = fs_value_load(bytes, 8, false);
		se = (uint16_t)fs_value_load(bytes + 8, 2, false);
		neg = se >> 15;
		/* The integer bit must be set exactly when the exponent is
		   not zero; the other encodings (pseudo-denormals,
		   unnormals, pseudo-NaNs) the FPU refuses, and gdb says
		   so.  */
		if (((se & 0x7fff) == 0) != ((mant >> 63) == 0)) {
			fs_sbuf_puts(&p->b, "<invalid float value>");
			return;
		}
		/* gdb's NaN payload keeps the integer bit.  */
		if ((se & 0x7fff) == 0x7fff &&
		    (mant & ~(UINT64_C(1) << 63)) != 0) {
			fs_sbuf_printf(&p->b, "%snan(0x%" PRIx64 ")",
			    neg ? "-" : "", mant);
			return;
		}
		if ((se & 0x7fff) == 0x7fff) {
			fs_sbuf_puts(&p->b, neg ? "-inf" : "inf");
			return;
		}
		if (sizeof(long double) >= 10) {
			memset(&ld, 0, sizeof ld);
			memcpy(&ld, bytes, 10);
			fs_sbuf_printf(&p->b, "%.21Lg", ld);
			return;
		}
	}
	fs_sbuf_printf(&p->b, "<%zu-byte float>", len);
}

static void
pr_enum(struct pr *p, const struct fs_type *t, uint64_t v)
{
	uint64_t mask = 0, ev, rest;
	size_t i;
	bool flag = true, first = true;

	for (i = 0; i < t->nenumerators; i++)
		if ((uint64_t)t->enumerators[i].value == v) {
			fs_sbuf_puts(&p->b, t->enumerators[i].name);
			return;
		}
	/* A flag enum (gdb 13): every value non-negative, of one bit at
	   most, and no two sharing it.  */
	for (i = 0; i < t->nenumerators; i++) {
		ev = (uint64_t)t->enumerators[i].value;
		if ((!t->is_unsigned && t->enumerators[i].value < 0) ||
		    __builtin_popcountll(ev) >= 2 || (mask & ev) != 0) {
			flag = false;
			break;
		}
		mask |= ev;
	}
	if (!flag || t->nenumerators == 0) {
		if (t->is_unsigned)
			fs_sbuf_uint(&p->b, v);
		else
			fs_sbuf_int(&p->b, (int64_t)v);
		return;
	}
	rest = v;
	for (i = 0; i < t->nenumerators; i++) {
		ev = (uint64_t)t->enumerators[i].value;
		if ((rest & ev) != 0) {
			fs_sbuf_puts(&p->b, first ? "(" : " | ");
			first = false;
			rest &= ~ev;
			fs_sbuf_puts(&p->b, t->enumerators[i].name);
		}
	}
	if (rest != 0)
		fs_sbuf_printf(&p->b, "%sunknown: 0x%" PRIx64 ")",
		    first ? "(" : " | ", rest);
	else if (first)
		fs_sbuf_puts(&p->b, "0");
	else
		fs_sbuf_puts(&p->b, ")");
}

/* gdb's flag types: [ CF ZF ] for the named bits that are set.  */
static void
pr_flags(struct pr *p, const struct fs_type *t, uint64_t v)
{
	size_t i;

	fs_sbuf_puts(&p->b, "[");
	for (i = 0; i < t->nmembers; i++)
		if (t->members[i].name != NULL && t->members[i].bit_offset < 64 &&
		    (v >> t->members[i].bit_offset) & 1)
			fs_sbuf_printf(&p->b, " %s", t->members[i].name);
	fs_sbuf_puts(&p->b, " ]");
}

static void
pr_sym(struct pr *p, uint64_t addr)
{
	char sym[256];

	if (p->env == NULL || p->env->symbolize == NULL)
		return;
	if (p->env->symbolize(p->env->arg, addr, sym, sizeof sym) == 0)
		fs_sbuf_printf(&p->b, " <%s>", sym);
}

/* The string behind a char pointer: up to the limit, or the error.  */
static void
pr_cstring(struct pr *p, uint64_t addr)
{
	uint8_t *s;
	size_t n = 0, k, want, i;
	bool nul = false;

	if (p->env == NULL || p->env->mem == NULL)
		return;
	if ((s = malloc(p->max + 1)) == NULL) {
		p->b.oom = true;
		return;
	}
	/* In chunks, then byte by byte near an unreadable page.  */
	while (n < p->max && !nul) {
		want = p->max - n < STR_FETCH ? p->max - n : STR_FETCH;
		if (p->env->mem(p->env->arg, addr + n, s + n, want) != 0) {
			for (k = 0; k < want; k++)
				if (p->env->mem(p->env->arg, addr + n + k,
				    s + n + k, 1) != 0)
					break;
			want = k;
			if (want == 0)
				break;
		}
		for (i = 0; i < want; i++)
			if (s[n + i] == '\0') {
				nul = true;
				break;
			}
		n += i;
		if (!nul && i < want)
			break;
		if (!nul && want < STR_FETCH && n < p->max)
			break;
	}
	fs_sbuf_puts(&p->b, " ");
	if (!nul && n < p->max) {
		/* Cut by unreadable memory.  */
		if (n > 0) {
			pr_string(p, s, n, false, false);
			fs_sbuf_puts(&p->b, " ");
		}
		fs_sbuf_printf(&p->b, "<error: Cannot access memory at address "
		    "0x%" PRIx64 ">", addr + n);
	} else
		pr_string(p, s, n, !nul, false);
	free(s);
}

/* A pointer of type T (typedefs kept) to char: gdb prints no "(char *) "
   before it at the top, the string says it.  */
static bool
char_pointer(const struct fs_type *t)
{
	const struct fs_type *tg;

	t = strip_cv(t);
	if (t == NULL || t->kind != FS_TYPE_POINTER)
		return false;
	tg = strip_cv(t->target);
	return (tg != NULL && tg->name != NULL && strcmp(tg->name, "char") ==
	    0 && tg->kind == FS_TYPE_BASE) || wide_prefix(t->target) != NULL;
}

/* The wide string of ES-byte characters behind a pointer, after PRE:
   up to the limit or a NUL, or the error.  */
static void
pr_wcstring(struct pr *p, uint64_t addr, size_t es, const char *pre)
{
	uint8_t *s;
	size_t n = 0;
	bool nul = false, err = false;

	if (p->env == NULL || p->env->mem == NULL)
		return;
	if ((s = malloc((p->max + 1) * es)) == NULL) {
		p->b.oom = true;
		return;
	}
	while (n < p->max) {
		if (p->env->mem(p->env->arg, addr + n * es, s + n * es,
		    es) != 0) {
			err = true;
			break;
		}
		if (fs_value_load(s + n * es, es, false) == 0) {
			nul = true;
			break;
		}
		n++;
	}
	fs_sbuf_puts(&p->b, " ");
	if (err) {
		if (n > 0) {
			pr_wstring(p, s, n, es, pre, false, false);
			fs_sbuf_puts(&p->b, " ");
		}
		fs_sbuf_printf(&p->b, "<error: Cannot access memory at address "
		    "0x%" PRIx64 ">", addr + n * es);
	} else
		pr_wstring(p, s, n, es, pre, !nul, false);
	free(s);
}

static void
pr_pointer(struct pr *p, const struct fs_type *orig, const struct fs_type *t,
    uint64_t addr, bool top)
{
	const struct fs_type *tgs;
	const char *pre;
	char name[512];

	tgs = fs_value_strip(t->target);
	if (top) {
		if (!char_pointer(orig))
			fs_sbuf_printf(&p->b, "(%s) ", fs_value_type_name(orig,
			    NULL, 0, name, sizeof name));
	}
	fs_sbuf_printf(&p->b, "0x%" PRIx64, addr);
	if (addr == 0)
		return;
	pr_sym(p, addr);
	if (tgs != NULL && is_char(tgs) && t->kind == FS_TYPE_POINTER)
		pr_cstring(p, addr);
	else if (t->kind == FS_TYPE_POINTER &&
	    (pre = wide_prefix(t->target)) != NULL)
		pr_wcstring(p, addr, (size_t)tgs->size, pre);
}

static void
pr_members(struct pr *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, int depth)
{
	const struct fs_member *m;
	const struct fs_type *mt;
	uint8_t tmp[8], tv[8];
	uint64_t x;
	size_t i, bit0, k;
	bool any = false, ok;

	fs_sbuf_puts(&p->b, "{");
	for (i = 0; i < t->nmembers; i++) {
		m = &t->members[i];
		if (any)
			fs_sbuf_puts(&p->b, ", ");
		any = true;
		if (m->inheritance)
			fs_sbuf_printf(&p->b, "<%s> = ", m->type != NULL &&
			    fs_value_strip(m->type) != NULL &&
			    fs_value_strip(m->type)->name != NULL ?
			    fs_value_strip(m->type)->name : "base");
		else if (m->name != NULL)
			fs_sbuf_printf(&p->b, "%s = ", m->name);
		mt = m->type;
		if (m->bit_size == 0) {
			size_t ms = fs_value_strip(mt) != NULL ?
			    (size_t)fs_value_strip(mt)->size : 0;

			if (m->offset > len || ms > len - m->offset) {
				fs_sbuf_puts(&p->b, "<error: member outside its "
				    "struct>");
				continue;
			}
			val(p, mt, bytes + m->offset, valid != NULL ?
			    valid + m->offset : NULL, ms, false, depth + 1);
			continue;
		}
		/* A bitfield: its bits, then printed as its type.  */
		bit0 = (size_t)m->offset * 8 + m->bit_offset;
		if (m->bit_size > 64 || bit0 + m->bit_size > len * 8 ||
		    m->offset > len) {
			fs_sbuf_puts(&p->b, "<error: bitfield outside its struct>");
			continue;
		}
		x = 0;
		ok = true;
		for (k = 0; k < m->bit_size; k++) {
			size_t bit = bit0 + k;

			if (valid != NULL && !((valid[bit / 8] >> (bit % 8)) &
			    1))
				ok = false;
			if ((bytes[bit / 8] >> (bit % 8)) & 1)
				x |= UINT64_C(1) << k;
		}
		if (!ok) {
			fs_sbuf_puts(&p->b, "<optimized out>");
			continue;
		}
		if (fs_value_is_signed(mt) && m->bit_size < 64 &&
		    (x >> (m->bit_size - 1)) & 1)
			x |= ~(uint64_t)0 << m->bit_size;
		for (k = 0; k < 8; k++) {
			tmp[k] = (uint8_t)(x >> (8 * k));
			tv[k] = 0xff;
		}
		k = fs_value_strip(mt) != NULL ?
		    (size_t)fs_value_strip(mt)->size : 0;
		val(p, mt, tmp, tv, k > 8 ? 8 : k, false, depth + 1);
	}
	if (!any)
		fs_sbuf_puts(&p->b, "<No data fields>");
	fs_sbuf_puts(&p->b, "}");
}

static void
pr_array(struct pr *p, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, int depth)
{
	struct fs_type sub;
	const struct fs_type *et;
	const char *pre;
	uint64_t n, i, rep1, reps, things = 0;
	size_t es;

	if (t->ndims == 0 || !t->dims[0].has_count) {
		/* A flexible or unknown-size array: gdb shows nothing of
		   it but the braces... and so do we.  */
		fs_sbuf_puts(&p->b, "{}");
		return;
	}
	n = t->dims[0].count;
	if (t->ndims > 1) {
		/* The rows of a multi-dimensional array are arrays.  */
		sub = *t;
		sub.dims = t->dims + 1;
		sub.ndims = t->ndims - 1;
		sub.name = NULL;
		sub.size = n != 0 ? t->size / n : 0;
		et = &sub;
		es = (size_t)sub.size;
		if (es == 0) {
			uint64_t c = 1;
			size_t d;
			const struct fs_type *el = fs_value_strip(t->target);

			for (d = 1; d < t->ndims; d++)
				c *= t->dims[d].has_count ? t->dims[d].count :
				    0;
			es = (size_t)(c * (el != NULL ? el->size : 0));
			sub.size = es;
		}
	} else {
		et = t->target;
		es = fs_value_strip(et) != NULL ?
		    (size_t)fs_value_strip(et)->size : 0;
	}
	if (n > 0 && (es == 0 || n > len / es))
		n = es == 0 ? 0 : len / es;
	/* As text only when every character is known; else one element
	   at a time, as gdb's c_value_print_array.  */
	if (t->ndims == 1 && is_char(et) && all_valid(valid, (size_t)(n *
	    es)) && (p->env == NULL || p->env->fmt == 0 ||
	    strchr("xzodutcaf", p->env->fmt) == NULL)) {
		pr_string(p, bytes, (size_t)n, false, true);
		return;
	}
	if (t->ndims == 1 && (pre = wide_prefix(et)) != NULL &&
	    all_valid(valid, (size_t)(n * es)) && (p->env == NULL ||
	    p->env->fmt == 0 || strchr("xzodutcaf", p->env->fmt) == NULL)) {
		pr_wstring(p, bytes, (size_t)n, es, pre, false, true);
		return;
	}
	fs_sbuf_puts(&p->b, "{");
	for (i = 0; i < n && things < p->max; i++) {
		if (i != 0)
			fs_sbuf_puts(&p->b, ", ");
		for (rep1 = i + 1, reps = 1; rep1 < n &&
		    memcmp(bytes + rep1 * es, bytes + i * es, es) == 0 &&
		    (valid == NULL || memcmp(valid + rep1 * es,
		    valid + i * es, es) == 0); rep1++)
			reps++;
		val(p, et, bytes + i * es, valid != NULL ? valid + i * es :
		    NULL, es, false, depth + 1);
		if (reps > p->thr) {
			fs_sbuf_printf(&p->b, " <repeats %" PRIu64 " times>", reps);
			i = rep1 - 1;
			things += p->thr;
		} else
			things++;
	}
	if (i < n)
		fs_sbuf_puts(&p->b, "...");
	fs_sbuf_puts(&p->b, "}");
}

/* The LEN-byte (up to 16) little-endian integer at BYTES in print's
   letter FMT: x, z (hex padded to LEN), o, t, d (signed) or u.  */
static void
pr_wide(struct pr *p, const uint8_t *bytes, size_t len, int fmt)
{
	unsigned __int128 x = 0;
	char buf[140], *q = buf + sizeof buf;
	unsigned base = fmt == 'o' ? 8 : fmt == 't' ? 2 : fmt == 'x' ||
	    fmt == 'z' ? 16 : 10;
	bool neg = false;
	size_t i, digits = 0;

	for (i = len > 16 ? 16 : len; i > 0; i--)
		x = x << 8 | bytes[i - 1];
	if (fmt == 'd' && len > 0 && len <= 16 && (bytes[len - 1] & 0x80)) {
		if (len < 16)
			x |= ~(unsigned __int128)0 << (8 * len);
		neg = true;
		x = -x;
	}
	*--q = '\0';
	do {
		*--q = "0123456789abcdef"[x % base];
		x /= base;
		digits++;
	} while (x != 0 || (fmt == 'z' && digits < 2 * len));
	if (fmt == 'o' && strcmp(q, "0") != 0)
		*--q = '0';
	if (fmt == 'x' || fmt == 'z') {
		*--q = 'x';
		*--q = '0';
	}
	if (neg)
		*--q = '-';
	fs_sbuf_puts(&p->b, q);
}

/* Integer-like scalar T at BYTES in print's /FMT letter; false when the
   letter does not apply.  As gdb 13 does, x z o t d u show a float's
   bits, and f shows an integer of a float's size as that float.  */
static bool
pr_letter(struct pr *p, const struct fs_type *t, const uint8_t *bytes)
{
	size_t len = (size_t)t->size;
	uint64_t x, mask;
	int i;
	bool any = false;

	if (p->env->fmt == 'f' && (t->kind == FS_TYPE_BASE ||
	    t->kind == FS_TYPE_ENUM || t->kind == FS_TYPE_POINTER) &&
	    t->encoding != FS_ATE_FLOAT && (len == 4 || len == 8 ||
	    len == 16)) {
		pr_float(p, bytes, len, false);
		return true;
	}
	/* /f of a smaller integer: the number; /c and /a of a float: its
	   value made an integer first, as gdb converts it.  */
	if (p->env->fmt == 'f' && fs_value_is_scalar(t) && len > 0 &&
	    len < 4) {
		x = fs_value_load(bytes, len, fs_value_is_signed(t));
		if (fs_value_is_signed(t))
			fs_sbuf_int(&p->b, (int64_t)x);
		else
			fs_sbuf_uint(&p->b, x);
		return true;
	}
	if ((p->env->fmt == 'c' || p->env->fmt == 'a') && t->kind ==
	    FS_TYPE_BASE && t->encoding == FS_ATE_FLOAT && len > 0 &&
	    len <= 16) {
		long double d = fs_value_float_get(t, bytes, len);

		x = (uint64_t)fs_value_float_int(d);
		if (p->env->fmt == 'c')
			pr_charval(p, (uint64_t)(int64_t)(int8_t)x, true);
		else {
			fs_sbuf_printf(&p->b, "0x%" PRIx64, x);
			pr_sym(p, x);
		}
		return true;
	}
	if (((t->kind == FS_TYPE_BASE && (t->encoding == FS_ATE_FLOAT ||
	    len > 8)) || t->kind == FS_TYPE_FLAGS) && len > 0 && len <= 16 &&
	    p->env->fmt != 0 && strchr("xzotdu", p->env->fmt) != NULL) {
		pr_wide(p, bytes, len, p->env->fmt);
		return true;
	}
	if (!fs_value_is_scalar(t) || len == 0 || len > 8)
		return false;
	x = fs_value_load(bytes, len, false);
	mask = len == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * len)) - 1;
	x &= mask;
	switch (p->env->fmt) {
	case 'x':
		fs_sbuf_printf(&p->b, "0x%" PRIx64, x);
		return true;
	case 'z':
		fs_sbuf_printf(&p->b, "0x%0*" PRIx64, (int)len * 2, x);
		return true;
	case 'o':
		fs_sbuf_printf(&p->b, x ? "0%" PRIo64 : "0", x);
		return true;
	case 'd':
		if (len < 8 && (x >> (8 * len - 1)) & 1)
			x |= ~mask;
		fs_sbuf_int(&p->b, (int64_t)x);
		return true;
	case 'u':
		fs_sbuf_uint(&p->b, x);
		return true;
	case 't':
		for (i = 63; i >= 0; i--)
			if (any || (x >> i) & 1 || i == 0) {
				fs_sbuf_puts(&p->b, (x >> i) & 1 ? "1" : "0");
				any = true;
			}
		return true;
	case 'c':
		/* Its low byte as a char of its signedness: -2 '\376'.  */
		if (fs_value_is_signed(t))
			pr_charval(p, (uint64_t)(int64_t)(int8_t)x, true);
		else
			pr_charval(p, x & 0xff, false);
		return true;
	case 'a':
		/* An address, sign-extended, with the symbol it is in.  */
		if (fs_value_is_signed(t) && len < 8 &&
		    (x >> (8 * len - 1)) & 1)
			x |= ~mask;
		fs_sbuf_printf(&p->b, "0x%" PRIx64, x);
		pr_sym(p, x);
		return true;
	default:
		return false;
	}
}

static void
val(struct pr *p, const struct fs_type *orig, const uint8_t *bytes,
    const uint8_t *valid, size_t len, bool top, int depth)
{
	const struct fs_type *t = fs_value_strip(orig);
	const char *pre;
	uint64_t x;
	char name[512];
	bool sg;

	if (depth > VAL_MAXDEPTH) {
		fs_sbuf_puts(&p->b, "<error: types nest too deep>");
		return;
	}
	if (t == NULL || t->kind == FS_TYPE_VOID) {
		fs_sbuf_puts(&p->b, "void");
		return;
	}
	if (t->declaration || ((t->kind == FS_TYPE_STRUCT ||
	    t->kind == FS_TYPE_UNION) && t->size == 0 && t->nmembers > 0)) {
		fs_sbuf_puts(&p->b, "<incomplete type>");
		return;
	}
	if (t->kind != FS_TYPE_FUNC && t->size > 0 && len < t->size) {
		fs_sbuf_puts(&p->b, "<error: value shorter than its type>");
		return;
	}
	/* A value of no bytes given with a map of valid ones was not read
	   (an optimized-out VLA whose bound is unknown too).  */
	if (t->kind != FS_TYPE_FUNC && valid != NULL) {
		size_t i;
		bool none = true;

		for (i = 0; i < len; i++)
			if (valid[i])
				none = false;
		/* gdb says it of a whole value, and of a part but an
		   array, whose elements it prints each.  */
		if (none && (depth == 0 || t->kind != FS_TYPE_ARRAY)) {
			fs_sbuf_puts(&p->b, "<optimized out>");
			return;
		}
	}
	switch (t->kind) {
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
	case FS_TYPE_VARIANT:
		pr_members(p, t, bytes, valid, len, depth);
		return;
	case FS_TYPE_ARRAY:
		pr_array(p, t, bytes, valid, len, depth);
		return;
	case FS_TYPE_FUNC:
		/* Printed by the caller, which knows the address.  */
		fs_sbuf_printf(&p->b, "{%s}", fs_value_type_name(orig, NULL, 0,
		    name, sizeof name));
		return;
	case FS_TYPE_UNKNOWN:
		fs_sbuf_puts(&p->b, "<unknown type>");
		return;
	default:
		break;
	}
	/* Scalars: all their bytes, or nothing.  */
	if (!all_valid(valid, (size_t)t->size)) {
		fs_sbuf_puts(&p->b, "<optimized out>");
		return;
	}
	if (p->env != NULL && p->env->fmt != 0 && pr_letter(p, t, bytes))
		return;
	switch (t->kind) {
	case FS_TYPE_POINTER:
		pr_pointer(p, orig, t, fs_value_load(bytes, (size_t)t->size,
		    false), top);
		return;
	case FS_TYPE_REFERENCE:
	case FS_TYPE_RVALUE_REF:
		x = fs_value_load(bytes, (size_t)t->size, false);
		if (top)
			fs_sbuf_printf(&p->b, "(%s) ", fs_value_type_name(orig,
			    NULL, 0, name, sizeof name));
		fs_sbuf_printf(&p->b, "@0x%" PRIx64 ": ", x);
		{
			const struct fs_type *tg = fs_value_strip(t->target);
			uint8_t *buf;
			size_t n = tg != NULL ? (size_t)tg->size : 0;

			if (n == 0 || n > (1U << 24) || p->env == NULL ||
			    p->env->mem == NULL) {
				fs_sbuf_puts(&p->b, "<unknown>");
				return;
			}
			if ((buf = malloc(n)) == NULL) {
				p->b.oom = true;
				return;
			}
			if (p->env->mem(p->env->arg, x, buf, n) != 0)
				fs_sbuf_printf(&p->b, "<error: Cannot access memory "
				    "at address 0x%" PRIx64 ">", x);
			else
				val(p, t->target, buf, NULL, n, false,
				    depth + 1);
			free(buf);
		}
		return;
	case FS_TYPE_ENUM:
		pr_enum(p, t, fs_value_load(bytes, (size_t)t->size,
		    !t->is_unsigned));
		return;
	case FS_TYPE_FLAGS:
		pr_flags(p, t, fs_value_load(bytes, (size_t)t->size, false));
		return;
	case FS_TYPE_BASE:
		break;
	default:
		fs_sbuf_puts(&p->b, "<unknown type>");
		return;
	}
	sg = t->encoding == FS_ATE_SIGNED || t->encoding == FS_ATE_SIGNED_CHAR;
	if ((pre = wide_prefix(orig)) != NULL) {
		pr_wcharval(p, t, bytes, pre);
		return;
	}
	switch (t->encoding) {
	case FS_ATE_FLOAT:
		pr_float(p, bytes, (size_t)t->size, is_bfloat16(t));
		return;
	case FS_ATE_COMPLEX_FLOAT:
		pr_float(p, bytes, (size_t)t->size / 2, false);
		fs_sbuf_puts(&p->b, " + ");
		pr_float(p, bytes + t->size / 2, (size_t)t->size / 2, false);
		fs_sbuf_puts(&p->b, "i");
		return;
	case FS_ATE_BOOLEAN:
		x = fs_value_load(bytes, (size_t)t->size, false);
		if (x <= 1)
			fs_sbuf_puts(&p->b, x ? "true" : "false");
		else
			fs_sbuf_printf(&p->b, "%" PRIu64, x);
		return;
	case FS_ATE_SIGNED_CHAR:
	case FS_ATE_UNSIGNED_CHAR:
		if (t->size == 1) {
			pr_charval(p, fs_value_load(bytes, 1, sg), sg);
			return;
		}
		break;
	case FS_ATE_UTF:
		/* Rust char, C char16_t/char32_t.  */
		x = fs_value_load(bytes, (size_t)t->size, false);
		fs_sbuf_printf(&p->b, "%" PRIu64 " %s'", x, t->size == 2 ? "u" :
		    t->size == 4 ? "U" : "u8");
		if (x < 0x80)
			pr_char(&p->b, (unsigned)x, '\'');
		else
			fs_sbuf_printf(&p->b, "\\x%" PRIx64, x);
		fs_sbuf_puts(&p->b, "'");
		return;
	default:
		break;
	}
	if (t->size > 8) {
		/* 128-bit integers, in decimal as gdb 13 prints them.  */
		pr_wide(p, bytes, (size_t)t->size, sg ? 'd' : 'u');
		return;
	}
	x = fs_value_load(bytes, (size_t)t->size, sg);
	if (sg)
		fs_sbuf_int(&p->b, (int64_t)x);
	else
		fs_sbuf_uint(&p->b, x);
}

int
fs_value_format(const struct fs_value *v, const struct fs_value_env *env,
    int flags, char **out, struct fs_err *e)
{
	struct pr p;
	const struct fs_type *t = fs_value_strip(v->type);
	char name[512];

	if ((flags & FS_VALUE_C) == 0 && fs_rust_type(v->type))
		return fs_rust_format(v, env, flags, out, e);
	memset(&p, 0, sizeof p);
	p.env = env;
	p.max = env != NULL && env->print_elements != 0 ?
	    env->print_elements : 200;
	p.thr = env != NULL && env->repeat_threshold != 0 ?
	    env->repeat_threshold : 10;
	*out = NULL;
	if (v->uninit && (flags & FS_VALUE_TOP) != 0)
		fs_sbuf_puts(&p.b, " [uninitialized] ");
	if (v->error != NULL)
		fs_sbuf_printf(&p.b, "<error: %s>", v->error);
	else if (v->synthetic) {
		if ((flags & FS_VALUE_TOP) != 0 && !char_pointer(v->type))
			fs_sbuf_printf(&p.b, "(%s) ", fs_value_type_name(v->type,
			    NULL, 0, name, sizeof name));
		fs_sbuf_puts(&p.b, "<synthetic pointer>");
	} else if (t != NULL && t->kind == FS_TYPE_FUNC) {
		/* A function: {int (int, int)} 0x401136 <add>.  */
		fs_sbuf_printf(&p.b, "{%s}", fs_value_type_name(v->type, NULL, 0,
		    name, sizeof name));
		if (v->has_addr) {
			fs_sbuf_printf(&p.b, " 0x%" PRIx64, v->addr);
			pr_sym(&p, v->addr);
		}
	} else
		val(&p, v->type, v->bytes, v->valid, v->len,
		    (flags & FS_VALUE_TOP) != 0, 0);
	if (p.b.oom || p.b.s == NULL) {
		free(p.b.s);
		if (p.b.oom)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		p.b.s = strdup("");
		if (p.b.s == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = p.b.s;
	return 0;
}

int
fs_value_format_text(const uint8_t *s, size_t n,
    const struct fs_value_env *env, char **out)
{
	struct fs_type ch, arr;
	struct fs_dim dim;
	struct fs_value v;

	if (n == 0)
		return (*out = strdup("\"\"")) != NULL ? 0 : -FS_E_NOMEM;
	memset(&ch, 0, sizeof ch);
	ch.kind = FS_TYPE_BASE;
	ch.name = "char";
	ch.size = 1;
	ch.encoding = FS_ATE_UNSIGNED_CHAR;
	memset(&dim, 0, sizeof dim);
	dim.has_count = true;
	dim.count = n;
	memset(&arr, 0, sizeof arr);
	arr.kind = FS_TYPE_ARRAY;
	arr.target = &ch;
	arr.dims = &dim;
	arr.ndims = 1;
	arr.size = n;
	memset(&v, 0, sizeof v);
	v.type = &arr;
	v.bytes = s;
	v.len = n;
	return fs_value_format(&v, env, FS_VALUE_C, out, NULL);
}
