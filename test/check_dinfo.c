/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of fs_dinfo, the DWARF program model, against independent truth:
 * parameter names from the sample's source, register locations from the
 * x86-64 calling convention, struct layouts and enum values from gdb
 * (`ptype /o', `print'), the line of an inlined call from gdb's
 * backtrace, addresses of globals from nm.  DWARF 5 (the samples) and
 * DWARF 4 and 3 (types.c compiled here), Rust when its samples are built,
 * and files whose DWARF is corrupted or made cyclic on purpose.
 */
#include <sys/wait.h>

#include <ctype.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwarf.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_dinfo.h"

static struct fs_dwarf *
open_ok(const char *path)
{
	struct fs_dwarf *dw;
	struct fs_err e;

	ck_assert_msg(fs_dwarf_open(path, &dw, &e) == 0, "%s: %s", path,
	    e.msg);
	return dw;
}

/* Run a shell command, failing the test unless it exits 0.  */
static void
sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	rc = system(cmd);
	ck_assert_msg(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0,
	    "command failed: %s", cmd);
}

/* The output of a shell command (malloc'd).  */
static char *
run_out(const char *fmt, ...)
{
	char cmd[8192], *buf = NULL;
	size_t len = 0, n;
	char chunk[4096];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf = realloc(buf, len + n + 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	pclose(f);
	if (buf == NULL)
		buf = strdup("");
	else
		buf[len] = '\0';
	return buf;
}

static uint64_t
sym(const char *path, const char *name)
{
	uint64_t addr, size;

	ck_assert_msg(util_nm(path, name, &addr, &size), "%s: no symbol %s",
	    path, name);
	return addr;
}

/* The scope at FADDR, which must be found.  */
static const struct fs_scope *
scope_ok(struct fs_dwarf *dw, uint64_t faddr)
{
	const struct fs_scope *sc;
	struct fs_err e;

	ck_assert_msg(fs_dinfo_scope_at(dw, faddr, &sc, &e) == 0,
	    "scope at 0x%" PRIx64 ": %s", faddr, e.msg);
	ck_assert_ptr_nonnull(sc);
	return sc;
}

static const struct fs_scope *
function_of(const struct fs_scope *sc)
{
	while (sc->parent != NULL)
		sc = sc->parent;
	ck_assert_int_eq(sc->kind, FS_SCOPE_FUNCTION);
	return sc;
}

static const struct fs_var *
var_named(const struct fs_scope *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->nvars; i++)
		if (sc->vars[i].name != NULL &&
		    strcmp(sc->vars[i].name, name) == 0)
			return &sc->vars[i];
	return NULL;
}

/* Variable NAME anywhere in the scope tree below SC.  */
static const struct fs_var *
var_below(const struct fs_scope *sc, const char *name)
{
	const struct fs_var *v;
	size_t i;

	if ((v = var_named(sc, name)) != NULL)
		return v;
	for (i = 0; i < sc->nchildren; i++)
		if ((v = var_below(sc->children[i], name)) != NULL)
			return v;
	return NULL;
}

/* Typedefs and qualifiers skipped, a bounded number of them.  */
static const struct fs_type *
strip(const struct fs_type *t)
{
	int i;

	for (i = 0; i < 16 && t != NULL && (t->kind == FS_TYPE_TYPEDEF ||
	    t->kind == FS_TYPE_CONST || t->kind == FS_TYPE_VOLATILE); i++)
		t = t->target;
	return t;
}

static const struct fs_member *
member_named(const struct fs_type *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nmembers; i++)
		if (t->members[i].name != NULL &&
		    strcmp(t->members[i].name, name) == 0)
			return &t->members[i];
	return NULL;
}

/* The parameter names of FUNC as samples/FILE declares them ("long
   callee(long arg1, ...)"), into NAMES.  */
static size_t
source_params(const char *file, const char *func, char names[][32],
    size_t max)
{
	char *path = util_source(file), *src, *p, *end, *q;
	char pat[64];
	size_t n = 0, len;

	src = run_out("cat '%s'", path);
	free(path);
	snprintf(pat, sizeof pat, " %s(", func);
	p = strstr(src, pat);
	ck_assert_ptr_nonnull(p);
	p += strlen(pat);
	end = strchr(p, ')');
	ck_assert_ptr_nonnull(end);
	/* Each parameter's name is the identifier before ',' or ')'.  */
	for (q = p; q <= end && n < max; q++) {
		if (*q != ',' && *q != ')')
			continue;
		len = 0;
		while (q - len > p && (isalnum((unsigned char)q[-1 - len]) ||
		    q[-1 - len] == '_'))
			len++;
		snprintf(names[n++], 32, "%.*s", (int)len, q - len);
	}
	free(src);
	return n;
}

START_TEST(test_callee8_O0)
{
	char *path = util_sample("callee8-O0");
	struct fs_dwarf *dw = open_ok(path);
	const struct fs_scope *sc;
	const struct fs_var *v;
	char names[16][32];
	size_t n, i;
	uint64_t lo = sym(path, "callee");

	n = source_params("callee8.c", "callee", names, 16);
	ck_assert_uint_eq(n, 8);
	sc = scope_ok(dw, lo + 4);
	ck_assert_int_eq(sc->kind, FS_SCOPE_FUNCTION);
	ck_assert_ptr_null(sc->parent);
	ck_assert_str_eq(sc->name, "callee");
	ck_assert(fs_dinfo_scope_has(sc, lo));
	ck_assert_uint_eq(sc->entry_pc, lo);
	ck_assert(sc->frame_base.len == 1 &&
	    sc->frame_base.ops[0] == DW_OP_call_frame_cfa);
	ck_assert_uint_ge(sc->nvars, n);
	ck_assert(sc->ret_type != NULL && sc->ret_type->kind ==
	    FS_TYPE_BASE && sc->ret_type->size == 8);
	for (i = 0; i < n; i++) {
		v = &sc->vars[i];
		ck_assert_str_eq(v->name, names[i]);
		ck_assert(v->is_param);
		ck_assert_str_eq(v->type->name, "long int");
		ck_assert_int_eq(v->type->kind, FS_TYPE_BASE);
		ck_assert_int_eq(v->type->encoding, FS_ATE_SIGNED);
		ck_assert_uint_eq(v->type->size, 8);
		ck_assert_int_eq(v->loc.kind, FS_LOC_EXPR);
		ck_assert_uint_eq(v->loc.expr.ops[0], DW_OP_fbreg);
		ck_assert_str_eq(v->decl_file, "callee8.c");
		ck_assert_uint_eq(v->decl_line,
		    util_source_line("callee8.c", "long callee("));
	}
	/* The same type DIE for all: one fs_type.  */
	ck_assert_ptr_eq(sc->vars[0].type, sc->vars[7].type);
	fs_dwarf_free(dw);
	free(path);
}
END_TEST

START_TEST(test_callee8_O2)
{
	/* The first six integer arguments in rdi, rsi, rdx, rcx, r8, r9
	   (DWARF registers 5, 4, 1, 2, 8, 9), the others on the stack.  */
	static const unsigned abi[] = { 5, 4, 1, 2, 8, 9 };
	char *path = util_sample("callee8-O2");
	struct fs_dwarf *dw = open_ok(path);
	const struct fs_scope *sc;
	const struct fs_var *a, *b;
	size_t i;

	sc = scope_ok(dw, sym(path, "callee"));
	ck_assert_str_eq(sc->name, "callee");
	ck_assert_uint_ge(sc->nvars, 8);
	for (i = 0; i < 8; i++) {
		ck_assert(sc->vars[i].is_param);
		ck_assert_int_eq(sc->vars[i].loc.kind, FS_LOC_EXPR);
		if (i < 6)
			ck_assert_uint_eq(sc->vars[i].loc.expr.ops[0],
			    DW_OP_reg0 + abi[i]);
		else
			ck_assert_uint_eq(sc->vars[i].loc.expr.ops[0],
			    DW_OP_fbreg);
	}
	/* main's a and b are constants in optimized code: 7 and 8.  */
	sc = scope_ok(dw, sym(path, "main"));
	a = var_below(sc, "a");
	b = var_below(sc, "b");
	ck_assert(a != NULL && b != NULL);
	ck_assert_int_eq(a->loc.kind, FS_LOC_CONST);
	ck_assert_uint_eq(a->loc.const_len, 8);
	ck_assert_uint_eq(a->loc.const_bytes[0], 7);
	ck_assert_uint_eq(b->loc.const_bytes[0], 8);
	fs_dwarf_free(dw);
	free(path);
}
END_TEST

/* A member as gdb's `ptype /o' shows it.  */
struct gmem {
	char		name[64];
	uint64_t	offset;
	unsigned	bit_offset, bit_size;
	uint64_t	size;
};

/* The offset column of a `ptype /o' line: offset, bit and size of a
   bitfield, offset and size, or (in a union) the size alone.  */
static bool
gdb_offsets(const char *line, unsigned long *off, unsigned long *bit,
    unsigned long *size)
{
	unsigned long a, b, c;

	*off = *bit = 0;
	if (sscanf(line, "/* %lu: %lu | %lu */", &a, &b, &c) == 3) {
		*off = a;
		*bit = b;
		*size = c;
		return true;
	}
	if (sscanf(line, "/* %lu | %lu */", &a, &c) == 2) {
		*off = a;
		*size = c;
		return true;
	}
	if (sscanf(line, "/* %lu */", &c) == 1) {
		*size = c;
		return true;
	}
	return false;
}

/* The name of the member a `ptype /o' line ends with ("int level : 5;",
   "} origin;"), with its bit size.  */
static void
gdb_member(char *p, struct gmem *g)
{
	char *semi = strrchr(p, ';'), *end, *colon, *br, *start;

	if (semi == NULL)
		return;
	*semi = '\0';
	end = semi;
	if ((colon = strstr(p, " : ")) != NULL) {
		g->bit_size = (unsigned)strtoul(colon + 3, NULL, 10);
		end = colon;
	}
	if ((br = strchr(p, '[')) != NULL && br < end)
		end = br;	/* "unsigned char b[4]" */
	while (end > p && end[-1] == ' ')
		end--;
	for (start = end; start > p && (isalnum((unsigned char)start[-1]) ||
	    start[-1] == '_'); start--)
		;
	snprintf(g->name, sizeof g->name, "%.*s", (int)(end - start), start);
}

/* The top-level members of TYPE in BIN, from gdb.  */
static size_t
gdb_layout(const char *bin, const char *type, struct gmem *m, size_t max)
{
	char *out, *line, *save = NULL, *p;
	unsigned long off, bit, size;
	struct gmem open;
	size_t n = 0;
	int depth = 0, d0;

	memset(&open, 0, sizeof open);
	out = run_out("gdb -nx -q --batch -ex 'ptype /o %s' '%s' 2>&1", type,
	    bin);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		d0 = depth;
		for (p = line; *p != '\0'; p++) {
			if (*p == '{')
				depth++;
			else if (*p == '}')
				depth--;
		}
		p = strstr(line, "*/");
		if (d0 == 1 && line[0] == '/' && p != NULL &&
		    gdb_offsets(line, &off, &bit, &size)) {
			memset(&open, 0, sizeof open);
			open.offset = off;
			open.bit_offset = (unsigned)bit;
			open.size = size;
			if (depth == 1 && n < max) {
				m[n] = open;
				gdb_member(p + 2, &m[n]);
				n++;
			}
		} else if (d0 == 2 && depth == 1 && n < max) {
			/* "} origin;" closes a nested struct member.  */
			m[n] = open;
			gdb_member(line, &m[n]);
			n++;
		}
	}
	free(out);
	ck_assert_msg(n > 0, "gdb shows no members of %s in %s", type, bin);
	return n;
}

/* Struct or union TYPE_NAME of BIN ("struct flags") as the model has it
   (V is a variable of that type) against gdb's layout.  */
static void
check_layout(const char *bin, const char *type_name, const struct fs_type *t)
{
	struct gmem g[32];
	const struct fs_member *m;
	size_t n, i;

	n = gdb_layout(bin, type_name, g, 32);
	t = strip(t);
	ck_assert(t->kind == FS_TYPE_STRUCT || t->kind == FS_TYPE_UNION);
	ck_assert_uint_eq(t->nmembers, n);
	for (i = 0; i < n; i++) {
		m = &t->members[i];
		ck_assert_msg(m->name != NULL && strcmp(m->name, g[i].name) ==
		    0, "%s: %s member %zu: %s, gdb %s", bin, type_name, i,
		    m->name, g[i].name);
		ck_assert_msg(m->offset == g[i].offset && m->bit_offset ==
		    g[i].bit_offset && m->bit_size == g[i].bit_size,
		    "%s: %s.%s at %" PRIu64 ":%u (%u bits), gdb %" PRIu64
		    ":%u (%u bits)", bin, type_name, m->name, m->offset,
		    m->bit_offset, m->bit_size, g[i].offset, g[i].bit_offset,
		    g[i].bit_size);
		ck_assert_uint_eq(m->type->size, g[i].size);
	}
}

/* The values gdb prints for EXPRS in BIN, in order.  */
static void
gdb_values(const char *bin, const char *const exprs[], size_t n,
    int64_t *vals)
{
	char cmd[4096], *out, *p;
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(cmd + len, sizeof cmd - len,
		    " -ex 'print/d (long long)(%s)'", exprs[i]);
	out = run_out("gdb -nx -q --batch%s '%s' 2>&1", cmd, bin);
	for (i = 0, p = out; i < n; i++) {
		char key[16];

		snprintf(key, sizeof key, "$%zu = ", i + 1);
		p = strstr(p, key);
		ck_assert_msg(p != NULL, "gdb: %s", out);
		p += strlen(key);
		vals[i] = strtoll(p, NULL, 10);
	}
	free(out);
}

static void
check_types(const char *bin, bool optimized)
{
	static const char *const enums[] = {
		"RED", "GREEN", "BLUE", "SMALL", "HUGE",
	};
	struct fs_dwarf *dw = open_ok(bin);
	const struct fs_scope *sc;
	const struct fs_var *v, *w;
	const struct fs_type *t, *f;
	const struct fs_member *m;
	const struct fs_location *l;
	int64_t vals[5];
	uint64_t addr;
	size_t i;

	sc = function_of(scope_ok(dw, sym(bin, "inspect")));
	ck_assert_str_eq(sc->name, "inspect");
	ck_assert_str_eq(sc->vars[0].name, "r");
	ck_assert_str_eq(sc->vars[1].name, "n");
	ck_assert(sc->vars[0].is_param && sc->vars[1].is_param &&
	    !sc->vars[2].is_param);

	/* Layouts, as gdb has them.  */
	ck_assert_ptr_nonnull(v = var_named(sc, "fl"));
	check_layout(bin, "struct flags", v->type);
	m = member_named(v->type, "level");
	ck_assert(m != NULL && m->bit_size == 5);
	ck_assert_ptr_nonnull(v = var_named(sc, "u"));
	check_layout(bin, "union num", v->type);
	ck_assert_int_eq(v->type->kind, FS_TYPE_UNION);
	ck_assert_ptr_nonnull(v = var_named(sc, "head"));
	check_layout(bin, "struct node", v->type);
	check_layout(bin, "struct rect", sc->vars[0].type->target);
	/* A nested struct, and the pointer to it.  */
	t = sc->vars[0].type;
	ck_assert_int_eq(t->kind, FS_TYPE_POINTER);
	m = member_named(t->target, "size");
	ck_assert(m != NULL && m->type->kind == FS_TYPE_STRUCT);
	ck_assert_str_eq(m->type->name, "point");
	check_layout(bin, "struct point", m->type);

	/* The recursive struct: next points back at the same type.  */
	t = v->type;
	m = member_named(t, "next");
	ck_assert(m != NULL && m->type->kind == FS_TYPE_POINTER);
	ck_assert_ptr_eq(m->type->target, t);
	ck_assert_ptr_nonnull(w = var_named(sc, "tail"));
	ck_assert_ptr_eq(w->type, v->type);

	/* Enums: values and signedness as gdb evaluates them.  */
	gdb_values(bin, enums, 5, vals);
	ck_assert_ptr_nonnull(v = var_named(sc, "c"));
	t = v->type;
	ck_assert(t->kind == FS_TYPE_ENUM && !t->is_unsigned &&
	    t->nenumerators == 3);
	for (i = 0; i < 3; i++) {
		ck_assert_str_eq(t->enumerators[i].name, enums[i]);
		ck_assert_int_eq(t->enumerators[i].value, vals[i]);
	}
	ck_assert_ptr_nonnull(v = var_named(sc, "b"));
	t = v->type;
	ck_assert(t->kind == FS_TYPE_ENUM && t->is_unsigned &&
	    t->nenumerators == 2);
	ck_assert_int_eq(t->enumerators[1].value, vals[4]);
	ck_assert_int_eq(t->enumerators[1].value, 4000000000);

	/* Arrays: 2-D outermost first, a char array.  */
	ck_assert_ptr_nonnull(v = var_named(sc, "matrix"));
	t = v->type;
	ck_assert(t->kind == FS_TYPE_ARRAY && t->ndims == 2);
	ck_assert(t->dims[0].has_count && t->dims[0].count == 2 &&
	    t->dims[1].has_count && t->dims[1].count == 3);
	ck_assert_uint_eq(t->size, 24);
	ck_assert_str_eq(t->target->name, "int");
	ck_assert_ptr_nonnull(v = var_named(sc, "name"));
	ck_assert(v->type->ndims == 1 && v->type->dims[0].count == 8 &&
	    v->type->target->encoding == FS_ATE_SIGNED_CHAR);

	/* Function pointers behind typedefs.  */
	ck_assert_ptr_nonnull(v = var_named(sc, "op"));
	t = v->type;
	ck_assert(t->kind == FS_TYPE_TYPEDEF && strcmp(t->name, "binop") == 0);
	ck_assert_int_eq(t->target->kind, FS_TYPE_POINTER);
	f = t->target->target;
	ck_assert(f->kind == FS_TYPE_FUNC && f->nparams == 2 && !f->varargs);
	ck_assert_str_eq(f->target->name, "int");
	ck_assert_str_eq(f->params[0]->name, "int");
	ck_assert_ptr_nonnull(v = var_named(sc, "pr"));
	f = v->type->target->target;
	ck_assert(f->kind == FS_TYPE_FUNC && f->nparams == 1 && f->varargs);
	ck_assert_int_eq(f->params[0]->kind, FS_TYPE_POINTER);
	ck_assert_int_eq(f->params[0]->target->kind, FS_TYPE_CONST);

	/* Qualifiers and a typedef of a base type.  */
	ck_assert_ptr_nonnull(v = var_named(sc, "ci"));
	ck_assert(v->type->kind == FS_TYPE_CONST && v->type->size == 4 &&
	    v->type->target->kind == FS_TYPE_BASE);
	ck_assert_ptr_nonnull(v = var_named(sc, "vs"));
	ck_assert(v->type->kind == FS_TYPE_VOLATILE && v->type->size == 2);
	ck_assert_ptr_nonnull(v = var_named(sc, "uval"));
	ck_assert(v->type->kind == FS_TYPE_TYPEDEF &&
	    strcmp(v->type->name, "uint_t") == 0 &&
	    v->type->target->encoding == FS_ATE_UNSIGNED);
	ck_assert_ptr_nonnull(v = var_named(sc, "d"));
	ck_assert(v->type->encoding == FS_ATE_FLOAT && v->type->size == 8);

	/* Nested lexical blocks.  */
	ck_assert_ptr_null(var_named(sc, "inner"));
	ck_assert_ptr_nonnull(var_below(sc, "inner"));
	ck_assert_ptr_nonnull(v = var_below(sc, "deepest"));
	ck_assert_str_eq(v->type->name, "long int");

	/* The variable-length array: its bound is known at run time, from
	   an expression, or at -O2 the location list of an artificial
	   variable (in a register, then in memory).  */
	sc = function_of(scope_ok(dw, sym(bin, "vla_sum")));
	ck_assert_ptr_nonnull(v = var_below(sc, "grid"));
	t = v->type;
	ck_assert(t->kind == FS_TYPE_ARRAY && t->ndims == 1);
	ck_assert(!t->dims[0].has_count && t->dims[0].count_loc != NULL);
	l = t->dims[0].count_loc;
	ck_assert(l->kind == FS_LOC_EXPR ? l->expr.len > 0 :
	    l->kind == FS_LOC_LIST && l->nranges > 0);

	/* Globals, at the addresses nm gives.  */
	ck_assert_int_eq(fs_dinfo_global(dw, "counter", 0, &v, NULL), 0);
	ck_assert(v->loc.kind == FS_LOC_EXPR && v->loc.expr.len == 9 &&
	    v->loc.expr.ops[0] == DW_OP_addr && v->external);
	memcpy(&addr, v->loc.expr.ops + 1, 8);
	ck_assert_uint_eq(addr, sym(bin, "counter"));
	/* The static: at its address, or (optimized) its value.  */
	ck_assert_int_eq(fs_dinfo_global(dw, "hidden", sym(bin, "main"), &v,
	    NULL), 0);
	ck_assert_str_eq(v->type->name, "long int");
	if (v->loc.kind == FS_LOC_EXPR) {
		memcpy(&addr, v->loc.expr.ops + 1, 8);
		ck_assert_uint_eq(addr, sym(bin, "hidden"));
	} else {
		/* gdb: "<optimized out>".  */
		char *out = run_out("gdb -nx -q --batch -ex 'print hidden' "
		    "'%s' 2>&1", bin);

		ck_assert(optimized && v->loc.kind == FS_LOC_NONE);
		ck_assert_msg(strstr(out, "<optimized out>") != NULL, "gdb: %s",
		    out);
		free(out);
	}
	ck_assert_int_eq(fs_dinfo_global(dw, "no_such_global", 0, &v, NULL),
	    -FS_E_NOENT);
	fs_dwarf_free(dw);
}

START_TEST(test_types_O0)
{
	char *bin = util_sample("types-O0");

	check_types(bin, false);
	free(bin);
}
END_TEST

START_TEST(test_types_O2)
{
	char *bin = util_sample("types-O2");

	check_types(bin, true);
	free(bin);
}
END_TEST

/* At -m32 -O2, the VLA's bound is an artificial variable's location
   list: in ecx, then read from the parameter's slot.  */
START_TEST(test_vla_bound_list)
{
	char *bin = util_sample("types-m32-O2");
	struct fs_dwarf *dw = open_ok(bin);
	const struct fs_scope *sc;
	const struct fs_var *v;
	const struct fs_location *l;

	sc = function_of(scope_ok(dw, sym(bin, "vla_sum")));
	ck_assert_ptr_nonnull(v = var_below(sc, "grid"));
	ck_assert(v->type->kind == FS_TYPE_ARRAY && v->type->ndims == 1);
	ck_assert_ptr_nonnull(l = v->type->dims[0].count_loc);
	ck_assert(l->kind == FS_LOC_LIST && l->nranges >= 2);
	fs_dwarf_free(dw);
	free(bin);
}
END_TEST

/* DWARF 4 (.debug_loc, DW_AT_bit_offset bitfields) and DWARF 3, from
   types.c compiled here.  */
START_TEST(test_types_dwarf4)
{
	char *dir = util_tmpdir(), *src = util_source("types.c"), bin[512];
	static const char *const v[] = { "-gdwarf-4 -O0", "-gdwarf-4 -O2",
	    "-gdwarf-3 -O0" };
	struct fs_dwarf *dw;
	const struct fs_scope *sc;
	unsigned ver;
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(bin, sizeof bin, "%s/types%zu", dir, i);
		sh("gcc %s -o '%s' '%s'", v[i], bin, src);
		check_types(bin, strstr(v[i], "O2") != NULL);
		dw = open_ok(bin);
		ck_assert_int_eq(fs_dinfo_unit_version(dw, sym(bin, "main"),
		    &ver), 0);
		ck_assert_uint_eq(ver, i < 2 ? 4 : 3);
		if (i == 1) {
			/* A .debug_loc list: r arrives in rdi.  */
			sc = scope_ok(dw, sym(bin, "inspect"));
			ck_assert_int_eq(sc->vars[0].loc.kind, FS_LOC_LIST);
			ck_assert_uint_eq(sc->vars[0].loc.ranges[0].lo,
			    sym(bin, "inspect"));
			ck_assert_uint_eq(sc->vars[0].loc.ranges[0].expr.ops[0],
			    DW_OP_reg5);
		}
		fs_dwarf_free(dw);
	}
	free(src);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* Optimized code: location lists (.debug_loclists), inlined calls where
   gdb places them, a clone named by its origin.  */
START_TEST(test_types_O2_inline)
{
	char *bin = util_sample("types-O2");
	static const char *const cmds[] = { "break twice", "run", "bt",
	    NULL };
	struct util_gframe g[8];
	struct util_result r;
	struct fs_dwarf *dw = open_ok(bin);
	const struct fs_scope *sc, *in, *twice[2], *add = NULL;
	const struct fs_var *v;
	uint64_t lo = sym(bin, "inspect");
	size_t i, n, nt = 0;

	sc = scope_ok(dw, lo);
	ck_assert(sc->kind == FS_SCOPE_FUNCTION &&
	    strcmp(sc->name, "inspect") == 0);
	v = &sc->vars[0];
	ck_assert_int_eq(v->loc.kind, FS_LOC_LIST);
	ck_assert_uint_ge(v->loc.nranges, 2);
	ck_assert_uint_eq(v->loc.ranges[0].lo, lo);
	ck_assert(v->loc.ranges[0].expr.len == 1 &&
	    v->loc.ranges[0].expr.ops[0] == DW_OP_reg5);
	for (i = 1; i < v->loc.nranges; i++)
		ck_assert_uint_ge(v->loc.ranges[i].lo, v->loc.ranges[i - 1].lo);

	for (i = 0; i < sc->nchildren; i++) {
		in = sc->children[i];
		if (in->kind != FS_SCOPE_INLINED)
			continue;
		if (strcmp(in->name, "twice") == 0 && nt < 2)
			twice[nt++] = in;
		if (strcmp(in->name, "add") == 0)
			add = in;
	}
	ck_assert_uint_eq(nt, 2);
	ck_assert_ptr_nonnull(add);
	ck_assert_uint_eq(add->call_line,
	    util_source_line("types.c", "result = op("));
	ck_assert_str_eq(add->call_file, "types.c");
	/* In the order gdb lists them: the inlined call's own DIEs (gcc
	   puts b first), not the origin's.  */
	ck_assert(add->nvars == 2 && strcmp(add->vars[0].name, "b") == 0 &&
	    strcmp(add->vars[1].name, "a") == 0 && add->vars[0].is_param);

	/* gdb's frame #1 of a stop in twice: the line of the call.  */
	util_gdb(&r, NULL, cmds, bin, NULL);
	n = util_gdb_backtrace(r.out, g, 8);
	ck_assert_msg(n >= 2 && strcmp(g[0].func, "twice") == 0 &&
	    strcmp(g[1].func, "inspect") == 0, "gdb:\n%s", r.out);
	for (i = 0; i < 2; i++) {
		in = twice[i];
		ck_assert_uint_eq(in->call_line, g[1].line);
		ck_assert_uint_gt(in->call_column, 0);
		ck_assert_ptr_eq(in->parent, sc);
		ck_assert(in->nvars >= 1 && strcmp(in->vars[0].name, "v") ==
		    0 && in->vars[0].is_param);
		ck_assert_str_eq(in->vars[0].type->name, "int");
		/* gcc may put DW_AT_entry_pc outside the call's ranges.  */
		ck_assert_uint_gt(in->nranges, 0);
		/* The innermost scope there is the call or inside it.  */
		v = NULL;
		for (sc = scope_ok(dw, in->ranges[0]); sc != NULL &&
		    sc != in; sc = sc->parent)
			;
		ck_assert_ptr_eq(sc, in);
		sc = in->parent;
	}
	ck_assert_uint_ne(twice[0]->call_column, twice[1]->call_column);
	util_result_free(&r);

	/* scale.constprop.0: named scale, with k the constant 3.  */
	sc = scope_ok(dw, sym(bin, "scale.constprop.0"));
	ck_assert(sc->kind == FS_SCOPE_FUNCTION &&
	    strcmp(sc->name, "scale") == 0);
	ck_assert(sc->nvars == 2 && strcmp(sc->vars[0].name, "v") == 0 &&
	    strcmp(sc->vars[1].name, "k") == 0);
	ck_assert_int_eq(sc->vars[1].loc.kind, FS_LOC_CONST);
	ck_assert(sc->vars[1].loc.const_len == 4 &&
	    sc->vars[1].loc.const_bytes[0] == 3 &&
	    sc->vars[1].loc.const_bytes[1] == 0);
	ck_assert_uint_eq(sc->decl_line, util_source_line("types.c",
	    "static int scale("));
	fs_dwarf_free(dw);
	free(bin);
}
END_TEST

struct fnv {
	char		*names[4096];
	uint64_t	 lo[4096];
	size_t		 n;
};

static int
collect(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	struct fnv *f = arg;

	(void)hi;
	if (f->n < 4096) {
		f->names[f->n] = strdup(name);
		f->lo[f->n++] = lo;
	}
	return 0;
}

static void
fnv_free(struct fnv *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->names[i]);
	f->n = 0;
}

static uint64_t
fn_lo(const struct fnv *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->names[i], name) == 0)
			return f->lo[i];
	ck_abort_msg("no function %s", name);
	return 0;
}

/* A variant type named Option<...> reachable from T within DEPTH steps,
   or NULL.  */
static const struct fs_type *
find_variant(const struct fs_type *t, int depth)
{
	const struct fs_type *r;
	size_t i;

	if (t == NULL || depth == 0)
		return NULL;
	if (t->kind == FS_TYPE_VARIANT && t->name != NULL &&
	    strncmp(t->name, "Option<", 7) == 0)
		return t;
	if ((r = find_variant(t->target, depth - 1)) != NULL)
		return r;
	for (i = 0; i < t->nmembers; i++)
		if ((r = find_variant(t->members[i].type, depth - 1)) != NULL)
			return r;
	return NULL;
}

static const struct fs_type *
scope_variant(const struct fs_scope *sc)
{
	const struct fs_type *r;
	size_t i;

	for (i = 0; i < sc->nvars; i++)
		if ((r = find_variant(sc->vars[i].type, 8)) != NULL)
			return r;
	for (i = 0; i < sc->nchildren; i++)
		if ((r = scope_variant(sc->children[i])) != NULL)
			return r;
	return NULL;
}

static const struct fs_scope *
inlined_named(const struct fs_scope *sc, const char *name)
{
	const struct fs_scope *r;
	size_t i;

	if (sc->kind == FS_SCOPE_INLINED && strcmp(sc->name, name) == 0)
		return sc;
	for (i = 0; i < sc->nchildren; i++)
		if ((r = inlined_named(sc->children[i], name)) != NULL)
			return r;
	return NULL;
}

/* Call sites: every call of leaf in canary-O2, found by objdump, has
   one at the address after the call, naming leaf, with its argument in
   rdi (DWARF register 5); no call site at an address that is none.  */
START_TEST(test_call_sites)
{
	char *prog = util_sample("canary-O2"), cmd[1024], line[512];
	const struct fs_call_site *cs;
	struct fs_dwarf *dw = open_ok(prog);
	unsigned long long call, next;
	unsigned found = 0;
	size_t i;
	bool rdi;
	FILE *p;

	snprintf(cmd, sizeof cmd, "objdump -d %s | grep -A1 'call.*<leaf>' "
	    "| awk '/^ +[0-9a-f]+:/ { sub(\":\", \"\", $1); print $1 }'",
	    prog);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (fgets(line, sizeof line, p) != NULL &&
	    sscanf(line, "%llx", &call) == 1 &&
	    fgets(line, sizeof line, p) != NULL &&
	    sscanf(line, "%llx", &next) == 1) {
		ck_assert_msg(fs_dinfo_call_site(dw, next, &cs) == 0,
		    "no call site returning to 0x%llx", next);
		ck_assert_uint_eq(cs->ret_pc, next);
		ck_assert_str_eq(cs->callee, "leaf");
		for (i = 0, rdi = false; i < cs->nparams; i++)
			if (cs->params[i].reg == 5 &&
			    cs->params[i].value.len > 0)
				rdi = true;
		ck_assert_msg(rdi, "the call at 0x%llx passes nothing in rdi",
		    call);
		ck_assert_int_eq(fs_dinfo_call_site(dw, call, &cs),
		    -FS_E_NOENT);
		found++;
	}
	pclose(p);
	ck_assert_uint_ge(found, 2);
	fs_dwarf_free(dw);
	free(prog);
}
END_TEST

/* In floats-O2, the typed operations of scale()'s and poly()'s
   locations and of the call sites' values name their base types by
   codes of their size and encoding (double, float), not DIE offsets;
   reshaped()'s inlined parameters point, as implicit pointers, to
   variables the unit's model made.  */
START_TEST(test_typed_and_implicit)
{
	char *prog = util_sample("floats-O2");
	struct fs_dwarf *dw = open_ok(prog);
	const struct fs_scope *sc = function_of(scope_ok(dw, sym(prog,
	    "poly")));
	const struct fs_var *v, *t;
	const struct fs_call_site *cs;
	unsigned size, seen = 0, ptrs = 0;
	enum fs_ate enc;
	size_t i, k, r;

	ck_assert_ptr_nonnull(v = var_named(sc, "y"));
	ck_assert_int_eq(v->loc.kind, FS_LOC_LIST);
	for (r = 0; r < v->loc.nranges; r++) {
		const struct fs_expr *x = &v->loc.ranges[r].expr;

		/* DW_OP_regval_type REG CODE, REG and CODE one byte each. */
		for (i = 0; i + 2 < x->len; i++)
			if (x->ops[i] == DW_OP_regval_type &&
			    x->ops[i + 1] >= 17 && x->ops[i + 1] <= 32) {
				ck_assert_int_eq(fs_dinfo_typed_operand(
				    x->ops[i + 2], &size, &enc), 0);
				ck_assert_int_eq(enc, FS_ATE_FLOAT);
				ck_assert_uint_eq(size, 8);
				seen++;
			}
	}
	ck_assert_uint_gt(seen, 0);
	/* The call of mix(0.25f, ...): its first argument a float.  */
	sc = function_of(scope_ok(dw, sym(prog, "main")));
	for (k = 0, seen = 0; k < sc->nranges; k++) {
		size_t n;

		if (fs_dinfo_calls_in(dw, sc->ranges[2 * k],
		    sc->ranges[2 * k + 1], &cs, &n) < 0)
			continue;
		for (i = 0; i < n; i++)
			for (r = 0; r < cs[i].nparams; r++)
				if (cs[i].params[r].reg == 17 &&
				    cs[i].params[r].value.ops[0] ==
				    DW_OP_const_type) {
					ck_assert_int_eq(fs_dinfo_typed_operand(
					    cs[i].params[r].value.ops[1], &size,
					    &enc), 0);
					ck_assert_int_eq(enc, FS_ATE_FLOAT);
					seen++;
				}
	}
	ck_assert_uint_gt(seen, 0);
	ck_assert_int_eq(fs_dinfo_typed_operand(0, &size, &enc), -FS_E_NOENT);
	/* Implicit pointers in reshaped().  */
	sc = function_of(scope_ok(dw, sym(prog, "reshaped")));
	for (k = 0; k < sc->nchildren; k++) {
		const struct fs_scope *in = sc->children[k];

		if (in->kind != FS_SCOPE_INLINED || in->nvars == 0 ||
		    in->vars[0].loc.kind != FS_LOC_LIST)
			continue;
		for (r = 0; r < in->vars[0].loc.nranges; r++) {
			const struct fs_expr *x = &in->vars[0].loc.ranges[r].expr;
			uint64_t die = 0;

			if (x->len < 5 || x->ops[0] != DW_OP_implicit_pointer)
				continue;
			for (i = 4; i >= 1; i--)
				die = die << 8 | x->ops[i];
			ck_assert_int_eq(fs_dinfo_implicit_target(dw,
			    in->ranges[0], die, &t), 0);
			ck_assert_ptr_nonnull(t->name);
			ptrs++;
		}
	}
	ck_assert_uint_gt(ptrs, 0);
	fs_dwarf_free(dw);
	free(prog);
}
END_TEST

/* Tail calls: in tailcall-O2, every `jmp` objdump shows to a function
   (compute to multiply, a to b, b to c) has a call site at the address
   after it, marked a tail call of a function that lists its calls, whose
   target is the entry objdump names; fs_dinfo_calls_in finds it in its
   function's range.  The calls of main are not tail calls.  */
START_TEST(test_tail_calls)
{
	char *prog = util_sample("tailcall-O2"), cmd[1024], line[512];
	const struct fs_call_site *cs, *calls;
	struct fs_dwarf *dw = open_ok(prog);
	const struct fs_scope *sc;
	unsigned long long target, at, ret;
	unsigned njmp = 0, ncall = 0, nb;
	char *bytes, *insn, *tok, *save;
	size_t n, i, k;
	FILE *p;

	snprintf(cmd, sizeof cmd, "objdump -d %s | awk '/^0.* <(main|"
	    "multiply|compute|a|b|c)>:/,/^$/ { print }'", prog);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (fgets(line, sizeof line, p) != NULL) {
		/* "  119b:\te9 e0 ff ff ff \tjmp    1180 <multiply>" */
		if (sscanf(line, " %llx:", &at) != 1 ||
		    (bytes = strchr(line, '\t')) == NULL ||
		    (insn = strchr(bytes + 1, '\t')) == NULL)
			continue;
		*insn++ = '\0';
		for (nb = 0, tok = strtok_r(bytes + 1, " ", &save);
		    tok != NULL; tok = strtok_r(NULL, " ", &save))
			nb++;
		ret = at + nb;
		if (strncmp(insn, "jmp ", 4) == 0 && strchr(insn, '<') !=
		    NULL && strchr(insn, '+') == NULL &&
		    sscanf(insn + 4, " %llx", &target) == 1) {
			ck_assert_msg(fs_dinfo_call_site(dw, ret, &cs) == 0,
			    "no call site after the jump at 0x%llx", at);
			ck_assert(cs->tail && cs->listed);
			ck_assert_int_eq(cs->target, FS_CALL_ADDRS);
			ck_assert_uint_eq(cs->ntargets, 1);
			ck_assert_uint_eq(cs->targets[0], target);
			ck_assert_int_eq(fs_dinfo_scope_at(dw, at, &sc, NULL),
			    0);
			while (sc->parent != NULL)
				sc = sc->parent;
			ck_assert_int_eq(fs_dinfo_calls_in(dw, sc->ranges[0],
			    sc->ranges[1], &calls, &n), 0);
			for (i = 0, k = 0; i < n; i++)
				if (&calls[i] == cs)
					k++;
			ck_assert_uint_eq(k, 1);
			njmp++;
		} else if (strncmp(insn, "call ", 5) == 0 &&
		    strstr(insn, "@plt") == NULL) {
			ck_assert_msg(fs_dinfo_call_site(dw, ret, &cs) == 0,
			    "no call site after the call at 0x%llx", at);
			ck_assert(!cs->tail && !cs->listed);
			ncall++;
		}
	}
	pclose(p);
	ck_assert_uint_eq(njmp, 3);
	ck_assert_uint_eq(ncall, 2);
	fs_dwarf_free(dw);
	free(prog);
}
END_TEST

START_TEST(test_rust)
{
	char *bin = util_sample("rust-inline-O0");
	struct fs_dwarf *dw;
	struct fnv f = { .n = 0 };
	const struct fs_scope *sc, *in;
	const struct fs_type *t = NULL;
	size_t i, j;

	if (access(bin, R_OK) != 0) {
		free(bin);
		return;		/* Rust samples are optional */
	}
	dw = open_ok(bin);
	fs_dwarf_foreach_function(dw, collect, &f);
	sc = scope_ok(dw, fn_lo(&f, "inline::main"));
	ck_assert_str_eq(sc->name, "inline::main");
	ck_assert_ptr_nonnull(sc->linkage_name);
	in = inlined_named(sc, "inline::fast_add");
	ck_assert_ptr_nonnull(in);
	ck_assert_uint_eq(in->call_line, util_source_line("rust/inline.rs",
	    "fast_add(argc, 2)"));
	ck_assert_str_eq(in->call_file, "inline.rs");
	ck_assert(in->nvars == 2 && strcmp(in->vars[0].name, "a") == 0 &&
	    strcmp(in->vars[1].name, "b") == 0);
	ck_assert(in->vars[0].type->kind == FS_TYPE_BASE &&
	    strcmp(in->vars[0].type->name, "i32") == 0 &&
	    in->vars[0].type->encoding == FS_ATE_SIGNED);
	fnv_free(&f);
	fs_dwarf_free(dw);
	free(bin);

	/* An Option somewhere in the program's functions: a variant part,
	   None with discriminant 0 and Some with 1.  */
	bin = util_sample("rust-heap_demo-O0");
	dw = open_ok(bin);
	fs_dwarf_foreach_function(dw, collect, &f);
	for (i = 0; i < f.n && t == NULL; i++)
		if (fs_dinfo_scope_at(dw, f.lo[i], &sc, NULL) == 0)
			t = scope_variant(function_of(sc));
	ck_assert_msg(t != NULL, "no Rust Option found");
	ck_assert_uint_eq(t->nvariants, 2);
	ck_assert_uint_gt(t->size, 0);
	ck_assert_ptr_nonnull(t->discr);
	for (j = 0; j < 2; j++) {
		const struct fs_variant *va = &t->variants[j];

		ck_assert(!va->is_default && va->member != NULL);
		ck_assert_str_eq(va->member->name, va->discr_value == 0 ?
		    "None" : "Some");
		ck_assert_uint_le(va->discr_value, 1);
	}
	ck_assert_uint_ne(t->variants[0].discr_value,
	    t->variants[1].discr_value);
	for (j = 0; j < t->nvariants; j++) {
		ck_assert_ptr_nonnull(t->variants[j].member);
		ck_assert_uint_le(t->variants[j].member->offset +
		    t->variants[j].member->type->size, t->size);
	}
	if (t->discr != NULL)
		ck_assert_uint_le(t->discr->offset + t->discr->type->size,
		    t->size);
	fnv_free(&f);
	fs_dwarf_free(dw);
	free(bin);
}
END_TEST

/*
 * Hostile DWARF.
 */

static bool
section_at(const char *path, const char *name, long *off, long *size)
{
	char *out = run_out("readelf -S -W '%s'", path), *p;
	unsigned long a, o, s;
	bool found = false;

	for (p = out; (p = strstr(p, name)) != NULL; p++) {
		if (p[strlen(name)] != ' ')
			continue;
		p += strlen(name);
		while (*p == ' ')
			p++;
		while (*p != ' ' && *p != '\0')
			p++;
		if (sscanf(p, "%lx %lx %lx", &a, &o, &s) == 3) {
			*off = (long)o;
			*size = (long)s;
			found = true;
			break;
		}
	}
	free(out);
	return found;
}

static char *
copy_of(const char *bin)
{
	char *dir = util_tmpdir(), *path;

	ck_assert(asprintf(&path, "%s/bad", dir) > 0);
	sh("cp '%s' '%s'", bin, path);
	free(dir);
	return path;
}

static void
poke(const char *path, long off, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, buf, len, off), (ssize_t)len);
	close(fd);
}

/* Walk everything the model hands out, a bounded way (pointer cycles
   are legitimate).  */
static void
walk_type(const struct fs_type *t, int depth)
{
	size_t i;

	ck_assert_ptr_nonnull(t);
	if (depth == 0)
		return;
	ck_assert(t->kind <= FS_TYPE_VARIANT);
	if (t->target != NULL)
		walk_type(t->target, depth - 1);
	for (i = 0; i < t->nmembers; i++)
		walk_type(t->members[i].type, depth - 1);
	for (i = 0; i < t->nparams; i++)
		walk_type(t->params[i], depth - 1);
	for (i = 0; i < t->nvariants; i++)
		if (t->variants[i].member != NULL)
			walk_type(t->variants[i].member->type, depth - 1);
	for (i = 0; i < t->ndims; i++)
		ck_assert(t->dims[i].count_loc == NULL ||
		    t->dims[i].count_loc->expr.len == 0 ||
		    t->dims[i].count_loc->expr.ops != NULL);
}

static void
walk_scope(const struct fs_scope *sc, int depth)
{
	const struct fs_location *l;
	size_t i;

	ck_assert_int_gt(depth, 0);
	for (i = 0; i < sc->nvars; i++) {
		walk_type(sc->vars[i].type, 8);
		l = &sc->vars[i].loc;
		if (l->kind == FS_LOC_EXPR)
			ck_assert(l->expr.len > 0 && l->expr.ops != NULL);
		if (l->kind == FS_LOC_LIST)
			ck_assert(l->nranges > 0 && l->ranges[0].lo <=
			    l->ranges[0].hi);
		if (l->kind == FS_LOC_CONST)
			ck_assert(l->const_len > 0);
	}
	for (i = 0; i < sc->nchildren; i++) {
		ck_assert_ptr_eq(sc->children[i]->parent, sc);
		walk_scope(sc->children[i], depth - 1);
	}
}

/* Ask for the scope of every address of the functions LO..HI of the
   sound file, and a global: answers or errors, nothing else.  Returns
   how many scopes were found.  */
static size_t
interrogate(const char *path, const struct fnv *f)
{
	struct fs_dwarf *dw;
	const struct fs_scope *sc;
	const struct fs_var *v;
	struct fs_err e;
	size_t i, ok = 0;
	int rc;

	rc = fs_dwarf_open(path, &dw, &e);
	ck_assert(rc == 0 || rc == -FS_E_FORMAT || rc == -FS_E_NOENT);
	if (rc != 0)
		return 0;
	for (i = 0; i < f->n; i++) {
		rc = fs_dinfo_scope_at(dw, f->lo[i], &sc, &e);
		ck_assert_msg(rc == 0 || rc == -FS_E_FORMAT ||
		    rc == -FS_E_NOENT, "%d %s", rc, e.msg);
		if (rc == 0) {
			ok++;
			walk_scope(function_of(sc), 300);
		}
	}
	rc = fs_dinfo_global(dw, "counter", 0, &v, &e);
	ck_assert(rc == 0 || rc == -FS_E_FORMAT || rc == -FS_E_NOENT);
	fs_dwarf_free(dw);
	return ok;
}

/* The .debug_info offset of the DW_AT_type attribute of the DIE TAG named
   NAME (its first DW_AT_type after the name), and the DIE's offset, from
   objdump.  */
static bool
attr_of(const char *bin, const char *tag, const char *name, long *die,
    long *attr)
{
	char *out = run_out("objdump --dwarf=info '%s'", bin), *p, *q;
	char key[128];
	bool ok = false;

	for (p = out; (p = strstr(p, tag)) != NULL; p++) {
		/* " <1><2d>: Abbrev Number: 5 (DW_TAG_typedef)" */
		for (q = p; q > out && q[-1] != '\n'; q--)
			;
		q = strstr(q, "><");
		if (q == NULL)
			continue;
		*die = strtol(q + 2, NULL, 16);
		q = strstr(p, "DW_AT_name");
		snprintf(key, sizeof key, ": %s\n", name);
		if (q == NULL || strstr(q, "(DW_TAG") < strstr(q, key) ||
		    strstr(q, key) == NULL)
			continue;
		q = strstr(q, "DW_AT_type");
		if (q == NULL)
			break;
		while (q > out && *q != '<')
			q--;
		*attr = strtol(q + 1, NULL, 16);
		ok = true;
		break;
	}
	free(out);
	return ok;
}

START_TEST(test_hostile)
{
	static const char *const secs[] = {
		".debug_info", ".debug_abbrev", ".debug_loclists",
		".debug_addr", ".debug_str",
	};
	char *bin = util_sample("types-O2");
	struct fnv f = { .n = 0 };
	struct fs_dwarf *dw;
	char *path, buf[4096];
	long off, size;
	size_t i, it;
	unsigned seed = 7, k;

	dw = open_ok(bin);
	fs_dwarf_foreach_function(dw, collect, &f);
	fs_dwarf_free(dw);
	ck_assert_uint_eq(interrogate(bin, &f), f.n);

	/* Each section overwritten: from a quarter on, then all of it.  */
	for (i = 0; i < sizeof secs / sizeof secs[0]; i++) {
		path = copy_of(bin);
		if (!section_at(path, secs[i], &off, &size)) {
			free(path);
			continue;
		}
		memset(buf, 0xff, sizeof buf);
		poke(path, off + size / 4, buf, (size_t)(size / 2 <
		    (long)sizeof buf ? size / 2 : (long)sizeof buf));
		interrogate(path, &f);
		memset(buf, 0x00, sizeof buf);
		poke(path, off, buf, (size_t)(size < (long)sizeof buf ? size :
		    (long)sizeof buf));
		interrogate(path, &f);
		free(path);
	}
	/* The abbreviations ruined: the unit's DIEs cannot decode, and
	   scopes are errors, not answers.  */
	path = copy_of(bin);
	ck_assert(section_at(path, ".debug_abbrev", &off, &size));
	memset(buf, 0x7f, sizeof buf);
	poke(path, off, buf, (size_t)size);
	ck_assert_uint_eq(interrogate(path, &f), 0);
	free(path);

	/* Random bytes, a fixed sequence of them.  */
	for (it = 0; it < 60; it++) {
		path = copy_of(bin);
		for (k = 0; k < 1 + it % 6; k++) {
			long o2, s2;
			char byte = (char)rand_r(&seed);

			if (!section_at(path, secs[rand_r(&seed) % 4], &o2,
			    &s2) || s2 == 0)
				continue;
			poke(path, o2 + rand_r(&seed) % s2, &byte, 1);
		}
		interrogate(path, &f);
		free(path);
	}
	fnv_free(&f);
	free(bin);
}
END_TEST

/* Type cycles that no compiler writes: a typedef naming itself, a
   struct holding itself by value.  The model makes them unknown.  */
START_TEST(test_type_cycles)
{
	char *bin = util_sample("types-O0");
	struct fnv f = { .n = 0 };
	struct fs_dwarf *dw;
	const struct fs_scope *sc;
	const struct fs_var *v;
	const struct fs_member *m;
	char *path = copy_of(bin);
	long info, isize, die, attr, sdie, sattr;
	uint32_t ref;

	ck_assert(section_at(path, ".debug_info", &info, &isize));
	/* One unit at offset 0: DW_FORM_ref4 values are offsets.  */
	ck_assert(attr_of(bin, "(DW_TAG_typedef)", "uint_t", &die, &attr));
	ref = (uint32_t)die;
	poke(path, info + attr, &ref, 4);
	ck_assert(attr_of(bin, "(DW_TAG_member)", "next", &sdie, &sattr));
	ck_assert(attr_of(bin, "(DW_TAG_structure_type)", "node", &die,
	    &attr));
	ref = (uint32_t)die;
	poke(path, info + sattr, &ref, 4);

	dw = open_ok(path);
	sc = function_of(scope_ok(dw, sym(bin, "inspect")));
	ck_assert_ptr_nonnull(v = var_named(sc, "uval"));
	ck_assert_int_eq(v->type->kind, FS_TYPE_TYPEDEF);
	ck_assert_int_eq(v->type->target->kind, FS_TYPE_UNKNOWN);
	ck_assert_ptr_nonnull(v = var_named(sc, "head"));
	ck_assert_int_eq(v->type->kind, FS_TYPE_STRUCT);
	m = member_named(v->type, "next");
	ck_assert(m != NULL && m->type->kind == FS_TYPE_UNKNOWN);
	walk_scope(sc, 300);
	fs_dwarf_foreach_function(dw, collect, &f);
	fs_dwarf_free(dw);
	ck_assert_uint_eq(interrogate(path, &f), f.n);
	fnv_free(&f);
	free(path);
	free(bin);
}
END_TEST

Suite *
dinfo_suite(void)
{
	Suite *s = suite_create("dinfo");
	TCase *tc;

	tc = tcase_create("model");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_callee8_O0);
	tcase_add_test(tc, test_callee8_O2);
	tcase_add_test(tc, test_types_O0);
	tcase_add_test(tc, test_types_O2);
	tcase_add_test(tc, test_vla_bound_list);
	tcase_add_test(tc, test_types_dwarf4);
	tcase_add_test(tc, test_types_O2_inline);
	tcase_add_test(tc, test_call_sites);
	tcase_add_test(tc, test_typed_and_implicit);
	tcase_add_test(tc, test_tail_calls);
	tcase_add_test(tc, test_rust);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_type_cycles);
	suite_add_tcase(s, tc);
	return s;
}
