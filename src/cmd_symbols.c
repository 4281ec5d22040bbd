/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_symbols: the program's symbols as gdb's questions about them answer:
 * where one lives (`info address', `info scope': a variable's DWARF
 * location in gdb's words, its register, its frame-base offset, its
 * location list range by range, or the expression disassembled; a
 * function's entry, a static's address, a symbol of the ELF symbol table
 * alone), and which there are (`info functions', `info variables', by
 * file, then those without debugging information).
 */
#include <ctype.h>
#include <inttypes.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <demangle.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_arch.h"
#include "fs_dinfo.h"
#include "fs_elf.h"
#include "fs_loc.h"
#include "fs_modules.h"
#include "fs_sbuf.h"
#include "fs_session.h"
#include "fs_rust.h"
#include "fs_value.h"
#include "fs_vars.h"

/* A scope and the module whose DWARF it is in, with the module's load
   bias where the program runs (0 before: file addresses).  */
struct symctx {
	struct fs_module *mod;
	struct fs_dwarf	*dw;
	uint64_t	 bias;
	uint64_t	 faddr;		/* the address looked up */
};

/* The bias gdb relocates M's addresses by: its load bias while the
   program runs, and after, where the last process had it; none
   before.  */
static uint64_t
bias_of(const struct fs_module *m)
{
	if (m->mapped)
		return m->bias;
	return m->last_hi != 0 ? m->last_bias : 0;
}

/* The type under typedefs and qualifiers, whose size gdb gives.  */
static const struct fs_type *
strip(const struct fs_type *t)
{
	unsigned n;

	for (n = 0; t != NULL && n < 64 && (t->kind == FS_TYPE_TYPEDEF ||
	    t->kind == FS_TYPE_CONST || t->kind == FS_TYPE_VOLATILE); n++)
		t = t->target;
	return t;
}

/* The function scope around SC, whose DW_AT_frame_base DW_OP_fbreg is
   relative to.  */
static const struct fs_expr *
frame_base(const struct fs_scope *sc)
{
	while (sc != NULL && sc->kind != FS_SCOPE_FUNCTION)
		sc = sc->parent;
	return sc != NULL ? &sc->frame_base : NULL;
}

/* Whether X is DW_OP_addr alone: a static, gdb's LOC_STATIC, at *ADDR
   (a file address).  */
static bool
static_addr(const struct fs_expr *x, unsigned asize, uint64_t *addr)
{
	unsigned i;

	if (x->len != 1 + asize || x->ops[0] != 0x03 /* DW_OP_addr */)
		return false;
	*addr = 0;
	for (i = asize; i > 0; i--)
		*addr = *addr << 8 | x->ops[i];
	return true;
}

/* A constant's value as gdb keeps it: gcc gives a negative one as
   DW_FORM_sdata, which gdb reads signed; the other forms unsigned.  */
static long long
const_value(const struct fs_var *v)
{
	const struct fs_type *t = strip(v->type);
	uint64_t u = 0;
	size_t i, n = v->loc.const_len < 8 ? v->loc.const_len : 8;

	for (i = n; i > 0; i--)
		u = u << 8 | v->loc.const_bytes[i - 1];
	if (n > 0 && n < 8 && t != NULL && (t->encoding == FS_ATE_SIGNED ||
	    t->encoding == FS_ATE_SIGNED_CHAR || (t->kind == FS_TYPE_ENUM &&
	    !t->is_unsigned)) && (u >> (8 * n - 1)) != 0)
		u |= ~(uint64_t)0 << (8 * n);
	return (long long)u;
}

/* Variable V's location in gdb's words, after "Symbol "x" is ": as
   `info scope' (SCOPE) or `info address' says it.  SC is the scope V is
   in.  Returns 1 when gdb says no more than that (optimized out).  */
static int
describe(struct cmd_ctx *c, const struct symctx *x, const struct fs_scope *sc,
    const struct fs_var *v, bool scope, struct fs_sbuf *out)
{
	const struct fs_arch *arch = fs_session_arch(c->s);
	const struct fs_expr *fb = frame_base(sc);
	const char *obj = x->mod->path;
	uint64_t a;
	size_t i;

	switch (v->loc.kind) {
	case FS_LOC_NONE:
		fs_sbuf_puts(out, "optimized out");
		return 1;
	case FS_LOC_CONST:
		if (!scope)
			fs_sbuf_puts(out, "constant");
		else if (v->loc.const_block) {
			fs_sbuf_puts(out, "constant bytes: ");
			for (i = 0; i < v->loc.const_len; i++)
				fs_sbuf_printf(out, " %02x",
				    v->loc.const_bytes[i]);
		} else
			fs_sbuf_printf(out, "a constant with value %lld "
			    "(0x%llx)", const_value(v),
			    (unsigned long long)const_value(v));
		return 0;
	case FS_LOC_EXPR:
		if (static_addr(&v->loc.expr, arch->word, &a)) {
			fs_sbuf_printf(out, "%sstatic storage at address 0x%"
			    PRIx64, scope ? "in " : "", a + x->bias);
			return 0;
		}
		if (fs_loc_gdb_text(&v->loc.expr, fb, arch, obj, out) < 0)
			return -1;
		return 0;
	case FS_LOC_LIST:
		fs_sbuf_puts(out, "multi-location:\n");
		for (i = 0; i < v->loc.nranges; i++) {
			const struct fs_locrange *r = &v->loc.ranges[i];

			if (r->new_base)
				fs_sbuf_printf(out, "  Base address 0x%" PRIx64,
				    r->base);
			fs_sbuf_printf(out, "  Range 0x%" PRIx64 "-0x%" PRIx64
			    ": ", r->lo + x->bias, r->hi + x->bias);
			if (fs_loc_gdb_text(&r->expr, fb, arch, obj, out) < 0)
				return -1;
			fs_sbuf_puts(out, "\n");
		}
		return 0;
	}
	return 0;
}

/* The selected frame's scope, when the program runs and has one.  */
static bool
frame_scope(struct cmd_ctx *c, struct symctx *x, const struct fs_scope **sc)
{
	const struct fs_frame *f;
	size_t nf;

	if (!fs_session_alive(c->s) || fs_session_frames_head(c->s,
	    c->frame + 1, &f, &nf, NULL) < 0 || c->frame >= nf ||
	    f[c->frame].scope == NULL)
		return false;
	x->mod = fs_modules_at(fs_session_modules(c->s), f[c->frame].lookup);
	if (x->mod == NULL || (x->dw = fs_module_dwarf(x->mod)) == NULL)
		return false;
	x->bias = bias_of(x->mod);
	x->faddr = f[c->frame].lookup - x->bias;
	*sc = f[c->frame].scope;
	return true;
}

/* Print "Symbol "NAME" is ...".  */
static int
address_of_var(struct cmd_ctx *c, const struct symctx *x,
    const struct fs_scope *sc, const char *name, const struct fs_var *v)
{
	struct fs_sbuf b = { NULL, 0, 0, false };
	int r;

	if ((r = describe(c, x, sc, v, false, &b)) < 0) {
		free(b.s);
		return cmd_fail(c, "Corrupted DWARF2 expression for symbol "
		    "\"%s\".", name);
	}
	fprintf(c->out, "Symbol \"%s\" is %s.\n", name, b.s != NULL ? b.s :
	    "");
	free(b.s);
	return 0;
}

static int
first_function(const struct fs_scope *sc, void *arg)
{
	const struct fs_scope **out = arg;

	if (sc->kind != FS_SCOPE_FUNCTION)
		return 0;
	*out = sc;
	return 1;
}

/* NAME in the module of the selected frame's function when that is a
   Rust path ("b1::shapes" makes "twice" "b1::twice"), into BUF.  */
static bool
qualify_rust(struct cmd_ctx *c, const char *name, char *buf, size_t size)
{
	const struct fs_frame *f;
	const char *fn, *fl;
	size_t n, ml;

	if (!fs_session_alive(c->s) || fs_session_frames_head(c->s,
	    c->frame + 1, &f, &n, NULL) < 0 || c->frame >= n ||
	    (fn = f[c->frame].where.func) == NULL ||
	    (fl = f[c->frame].where.file) == NULL || strlen(fl) < 3 ||
	    strcmp(fl + strlen(fl) - 3, ".rs") != 0 ||
	    (ml = fs_rust_module_len(fn)) == 0)
		return false;
	return (size_t)snprintf(buf, size, "%.*s::%s", (int)ml, fn,
	    name) < size;
}

/* info address SYMBOL: where gdb's lookup from the selected frame finds
   it: a local of the frame's blocks, then a function, a global or static
   or a typedef of each file (the program first), then an ELF symbol.  */
static int
info_address(struct cmd_ctx *c, char *arg)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	const struct fs_scope *sc, *s, *fn;
	const struct fs_var *v;
	const struct fs_type *t;
	const struct fs_sym *sym;
	struct fs_module *m;
	struct symctx x;
	size_t i, pass;
	bool alive = fs_session_alive(c->s);
	char qual[512];

	arg = cmd_trim(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required.");
	memset(&x, 0, sizeof x);
	if (frame_scope(c, &x, &sc))
		for (s = sc; s != NULL; s = s->parent)
			for (i = 0; i < s->nvars; i++)
				if (s->vars[i].name != NULL &&
				    strcmp(s->vars[i].name, arg) == 0)
					return address_of_var(c, &x, s, arg,
					    &s->vars[i]);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < fs_modules_count(mods); i++) {
			m = fs_modules_get(mods, i);
			if ((pass == 0) != m->is_exec || (alive && !m->mapped) ||
			    (!alive && !m->is_exec) ||
			    (x.dw = fs_module_dwarf(m)) == NULL)
				continue;
			x.mod = m;
			x.bias = bias_of(m);
			fn = NULL;
			if (fs_dinfo_functions_named(x.dw, arg, first_function,
			    &fn) != 0 && fn != NULL) {
				fprintf(c->out, "Symbol \"%s\" is a function at "
				    "address 0x%" PRIx64 ".\n", arg,
				    fn->entry_pc + x.bias);
				return 0;
			}
			if (fs_dinfo_global(x.dw, arg, 0, &v, NULL) == 0)
				return address_of_var(c, &x, NULL, arg, v);
			if (fs_dinfo_type_named(x.dw, 't', arg, 0, &t) == 0) {
				fprintf(c->out, "Symbol \"%s\" is a typedef.\n",
				    arg);
				return 0;
			}
		}
	/* Rust: a name in the selected frame's module, as gdb's Rust
	   lookup finds "twice" from crate::main as crate::twice.  */
	if (strstr(arg, "::") == NULL && qualify_rust(c, arg, qual,
	    sizeof qual))
		for (i = 0; i < fs_modules_count(mods); i++) {
			m = fs_modules_get(mods, i);
			if ((alive && !m->mapped) || (!alive && !m->is_exec) ||
			    (x.dw = fs_module_dwarf(m)) == NULL)
				continue;
			fn = NULL;
			if (fs_dinfo_functions_named(x.dw, qual, first_function,
			    &fn) != 0 && fn != NULL) {
				fprintf(c->out, "Symbol \"%s\" is a function at "
				    "address 0x%" PRIx64 ".\n", qual,
				    fn->entry_pc + bias_of(m));
				return 0;
			}
		}
	/* A minimal symbol: a function's before its PLT stub's.  */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < fs_modules_count(mods); i++) {
			m = fs_modules_get(mods, i);
			if ((alive && !m->mapped) || (!alive && !m->is_exec) ||
			    m->elf == NULL)
				continue;
			sym = pass == 0 ? fs_module_sym_lookup(m, arg) :
			    fs_elf_plt_lookup(m->elf, arg);
			if (sym == NULL)
				continue;
			fprintf(c->out, "Symbol \"%s\" is at 0x%" PRIx64 " in a "
			    "file compiled without debugging.\n", arg,
			    sym->addr + bias_of(m));
			return 0;
		}
	return cmd_fail(c, "No symbol \"%s\" in current context.", arg);
}

/* Where info scope's LINESPEC is: FUNCTION past its prologue (as
   `break' puts it), FILE:LINE or LINE, *ADDRESS.  */
static int
scope_addr(struct cmd_ctx *c, char *spec, uint64_t *addr)
{
	struct fs_module *m = fs_modules_exec(fs_session_modules(c->s)), *fm;
	struct fs_dwarf *dw = NULL;
	struct fs_err e;
	const char *name;
	uint64_t *addrs = NULL;
	size_t n = 0;
	struct fs_where w;
	unsigned line, lout;
	char *colon, *end, *file;
	long v;

	if (*spec == '*') {
		if (fs_session_eval_addr(c->s, cmd_skip(spec + 1), c->frame,
		    addr, &e) < 0)
			return cmd_fail_err(c, &e);
		return 0;
	}
	colon = strrchr(spec, ':');
	if (colon != NULL && colon > spec && colon[-1] == ':')
		colon = NULL;
	v = strtol(colon != NULL ? colon + 1 : spec, &end, 10);
	if ((colon != NULL || isdigit((unsigned char)*spec)) &&
	    end != (colon != NULL ? colon + 1 : spec) && *end == '\0') {
		file = colon != NULL ? spec : c->list_name;
		/* The default file is main's until something is listed.  */
		if (*file == '\0' && fs_session_break_addr(c->s, "main",
		    addr) == 0) {
			fs_modules_where(fs_session_modules(c->s), *addr,
			    *addr, &w);
			if (w.file != NULL)
				file = (char *)w.file;
		}
		if (colon != NULL)
			*colon = '\0';
		line = v > 0 ? (unsigned)v : 1;
		if (m == NULL || (dw = fs_module_dwarf(m)) == NULL ||
		    fs_dwarf_find_line(dw, file, line, &addrs, &n, &lout,
		    NULL) < 0 || n == 0) {
			free(addrs);
			if (colon == NULL)
				return cmd_fail(c, "No line %u in the current "
				    "file.", line);
			if (dw == NULL || fs_dwarf_line_start(dw, file, line,
			    addr, &name, NULL) < 0)
				return cmd_fail(c, "No source file named %s.",
				    file);
			return cmd_fail(c, "No line %u in file \"%s\".", line,
			    file);
		}
		*addr = addrs[0] + bias_of(m);
		free(addrs);
		return 0;
	}
	/* A function's first block is the one at its entry too; gdb
	   takes the function itself before the copies inlined into
	   others.  */
	if (fs_modules_find_function(fs_session_modules(c->s), spec, addr,
	    &fm) == 0 && fm != NULL)
		return 0;
	if (fs_session_func_entries(c->s, spec, &addrs, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	*addr = addrs[0];
	free(addrs);
	return 0;
}

/* info scope LINESPEC: every symbol of the blocks holding the place, out
   to its function's, in gdb's words.  */
static int
info_scope(struct cmd_ctx *c, char *arg)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	const struct fs_scope *sc, *s;
	const struct fs_type *t;
	struct fs_sbuf b = { NULL, 0, 0, false };
	struct symctx x;
	uint64_t addr;
	size_t i, count = 0, *order = NULL;
	int r;

	arg = cmd_trim(arg);
	if (*arg == '\0')
		return cmd_fail(c, "requires an argument (function, line or "
		    "*addr) to define a scope");
	{
		char spec[strlen(arg) + 1];

		memcpy(spec, arg, sizeof spec);
		if (scope_addr(c, spec, &addr) < 0)
			return -1;
	}
	memset(&x, 0, sizeof x);
	x.mod = fs_session_alive(c->s) ? fs_modules_at(mods, addr) :
	    fs_modules_exec(mods);
	/* After the program's end, break's places are file addresses
	   again, gdb's still where the program had its code.  */
	if (x.mod != NULL && !fs_session_alive(c->s) && addr < bias_of(x.mod))
		addr += bias_of(x.mod);
	if (x.mod == NULL || (x.dw = fs_module_dwarf(x.mod)) == NULL ||
	    fs_dinfo_scope_at(x.dw, addr - bias_of(x.mod), &sc, NULL) < 0) {
		fprintf(c->out, "Scope for %s contains no locals or "
		    "arguments.\n", arg);
		return 0;
	}
	x.bias = bias_of(x.mod);
	for (s = sc; s != NULL; s = s->kind == FS_SCOPE_BLOCK ? s->parent :
	    NULL) {
		/* A block's in the order of gdb's hashed dictionary.  */
		free(order);
		if ((order = calloc(s->nvars + 1, sizeof *order)) == NULL) {
			free(b.s);
			return cmd_fail(c, "out of memory");
		}
		fs_dinfo_gdb_order(s, order);
		for (i = 0; i < s->nvars; i++) {
			const struct fs_var *v = &s->vars[order[i]];

			if (v->name == NULL || *v->name == '\0')
				continue;
			if (count++ == 0)
				fprintf(c->out, "Scope for %s:\n", arg);
			b.len = 0;
			if (b.s != NULL)
				b.s[0] = '\0';
			if ((r = describe(c, &x, s, v, true, &b)) < 0) {
				free(order);
				free(b.s);
				return cmd_fail(c, "Corrupted DWARF2 expression "
				    "for symbol \"%s\".", v->name);
			}
			fprintf(c->out, "Symbol %s is %s", v->name,
			    b.s != NULL ? b.s : "");
			t = strip(v->type);
			if (r == 1)
				fputs(".\n", c->out);
			else
				fprintf(c->out, ", length %" PRIu64 ".\n",
				    t != NULL ? t->size : 0);
		}
	}
	free(order);
	free(b.s);
	if (count == 0)
		fprintf(c->out, "Scope for %s contains no locals or "
		    "arguments.\n", arg);
	return 0;
}

/* A symbol with debugging information, as info functions lists it.  */
struct dsym {
	const char	*file;
	const char	*name;
	unsigned	 line;
	bool		 file_static;	/* gdb's static block, after the
					   global one */
	char		*text;
};

/* One without: a minimal symbol.  */
struct msym {
	uint64_t	 addr;
	char		*name;
	char		*linkage;
};

struct listing {
	struct cmd_ctx	*c;
	regex_t		*re;
	struct fs_module *mod;
	struct fs_dwarf	*dw;
	bool		 functions;	/* else variables */
	struct dsym	*d;
	size_t		 nd, capd;
	struct msym	*m;
	size_t		 nm, capm;
	size_t		 mstart;	/* this module's first in M */
	bool		 oom;
};

static bool
matches(const struct listing *l, const char *name)
{
	return l->re == NULL || xregexec(l->re, name, 0, NULL, 0) == 0;
}

/* One listed symbol, TEXT its line (which it takes).  */
static void
add_text(struct listing *l, const char *file, const char *name,
    unsigned line, bool file_static, char *text)
{
	struct dsym *d;

	if (text == NULL) {
		l->oom = true;
		return;
	}
	if (l->nd == l->capd) {
		l->capd = l->capd ? 2 * l->capd : 64;
		if ((d = reallocarray(l->d, l->capd, sizeof *d)) == NULL) {
			free(text);
			l->oom = true;
			return;
		}
		l->d = d;
	}
	d = &l->d[l->nd++];
	d->file = file != NULL ? file : "??";
	d->name = name;
	d->line = line;
	d->file_static = file_static;
	d->text = text;
}

/* A function or variable, declared as gdb's type printer declares it.  */
static void
add_dsym(struct listing *l, const char *file, const char *name,
    unsigned line, bool file_static, const struct fs_type *t)
{
	char buf[1024], *text;

	/* A const (volatile) array is an array of const elements: gdb
	   says const once.  */
	while (t != NULL && (t->kind == FS_TYPE_CONST || t->kind ==
	    FS_TYPE_VOLATILE) && t->target != NULL &&
	    (t->target->kind == FS_TYPE_ARRAY || t->target->kind ==
	    FS_TYPE_CONST || t->target->kind == FS_TYPE_VOLATILE))
		t = t->target;
	fs_value_type_name(t, name, 0, buf, sizeof buf);
	if (asprintf(&text, "%s%s;", file_static ? "static " : "", buf) < 0)
		text = NULL;
	add_text(l, file, name, line, file_static, text);
}

/* A type as info types shows it: a base type by its name, a struct,
   union or enum by its tag, a typedef as "typedef TYPE NAME;" with
   every typedef under it resolved, as gdb's check_typedef does.  */
static int
each_type(const struct fs_type *t, const char *name, const char *file,
    unsigned line, void *arg)
{
	struct listing *l = arg;
	const struct fs_type *r;
	char buf[1024], bname[256], *text;
	unsigned n;

	/* gdb names a base type as it prints it ("unsigned long", not the
	   DWARF's "long unsigned int").  */
	if (t->kind == FS_TYPE_BASE)
		name = fs_value_type_name(t, NULL, 0, bname, sizeof bname);
	if (!matches(l, name))
		return 0;
	if (t->kind == FS_TYPE_TYPEDEF) {
		for (r = t->target, n = 0; r != NULL && n < 64 &&
		    r->kind == FS_TYPE_TYPEDEF; n++)
			r = r->target;
		fs_value_type_name(r, NULL, 0, buf, sizeof buf);
		if (asprintf(&text, "typedef %s %s;", r != NULL ? buf : "void",
		    name) < 0)
			text = NULL;
	} else {
		fs_value_type_name(t, NULL, 0, buf, sizeof buf);
		if (asprintf(&text, "%s%s", buf, t->kind == FS_TYPE_STRUCT ||
		    t->kind == FS_TYPE_UNION || t->kind == FS_TYPE_ENUM ?
		    ";" : "") < 0)
			text = NULL;
		if (t->kind == FS_TYPE_BASE && text != NULL)
			name = text;
	}
	add_text(l, file, name, line, false, text);
	return l->oom;
}

/* A function as gdb's type printer declares it: its return type, its
   parameters' types, `...' or no prototype.  */
static int
each_function(const struct fs_scope *sc, void *arg)
{
	struct listing *l = arg;
	const struct fs_type *params[64];
	const char *file = sc->decl_file;
	struct fs_dinfo_cu cu;
	struct fs_type ft;
	size_t i;

	if (sc->name == NULL || !matches(l, sc->name))
		return 0;
	memset(&ft, 0, sizeof ft);
	ft.kind = FS_TYPE_FUNC;
	ft.target = sc->ret_type;
	ft.varargs = sc->varargs;
	ft.params = params;
	for (i = 0; i < sc->nvars && ft.nparams < 64; i++)
		if (sc->vars[i].is_param)
			params[ft.nparams++] = sc->vars[i].type;
	/* Code of an assembler file has no declaration: gdb files it under
	   its unit's name.  */
	if (sc->decl_file == NULL && sc->nranges > 0 &&
	    fs_dinfo_unit_info(l->dw, sc->ranges[0], NULL, &cu) == 0)
		file = cu.name;
	add_dsym(l, file, sc->name, sc->decl_line, sc->file_static, &ft);
	return l->oom;
}

static int
each_global(const struct fs_var *v, void *arg)
{
	struct listing *l = arg;

	if (v->name == NULL || !matches(l, v->name))
		return 0;
	add_dsym(l, v->decl_file, v->name, v->decl_line, v->file_static,
	    v->type);
	return l->oom;
}

/* A minimal symbol gdb lists: of the kind asked for, matching, and not
   one the debugging information has (a function's code in no compile
   unit; a variable no global of that linkage name).  */
static int
each_minsym(const struct fs_minsym *m, void *arg)
{
	struct listing *l = arg;
	struct fs_dinfo_cu cu;
	const struct fs_var *v;
	struct msym *ms;

	if ((l->functions ? m->kind != 'T' : m->kind != 'D' &&
	    m->kind != 'B') || !matches(l, m->name))
		return 0;
	if (l->dw != NULL && (l->functions ?
	    fs_dinfo_unit_info(l->dw, m->addr, NULL, &cu) == 0 :
	    fs_dinfo_global(l->dw, m->linkage, 0, &v, NULL) == 0))
		return 0;
	if (l->nm == l->capm) {
		l->capm = l->capm ? 2 * l->capm : 64;
		if ((ms = reallocarray(l->m, l->capm, sizeof *ms)) == NULL) {
			l->oom = true;
			return 1;
		}
		l->m = ms;
	}
	ms = &l->m[l->nm];
	ms->addr = m->addr + bias_of(l->mod);
	ms->name = strdup(m->name);
	ms->linkage = strdup(m->linkage);
	if (ms->name == NULL || ms->linkage == NULL) {
		free(ms->name);
		free(ms->linkage);
		l->oom = true;
		return 1;
	}
	l->nm++;
	return 0;
}

/* gdb's order: by file, the global block's before the static one's,
   then by name.  */
static int
dsym_cmp(const void *a, const void *b)
{
	const struct dsym *x = a, *y = b;
	int r = strcmp(x->file, y->file);

	if (r == 0)
		r = x->file_static - y->file_static;
	return r != 0 ? r : strcmp(x->name, y->name);
}

/* A module's minimal symbols as gdb keeps them: by address, then by
   linkage name.  */
static int
msym_cmp(const void *a, const void *b)
{
	const struct msym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->linkage, y->linkage);
}

/* Collect into L the functions ('f'), variables ('v') or types ('t')
   matching REGEX
   (NULL: all), of FILE alone when not NULL, those without debugging
   information too with NONDEBUG (never with FILE), each part sorted and
   without duplicates as gdb lists them.  Returns 0 or -1 with the
   message given; free L with listing_free either way.  */
static int
collect(struct cmd_ctx *c, struct listing *l, const char *regex,
    const char *file, int what, bool nondebug)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	bool alive = fs_session_alive(c->s);
	struct fs_module *m;
	regex_t re;
	char msg[256];
	size_t i, j;
	int rc;

	memset(l, 0, sizeof *l);
	l->c = c;
	l->functions = what == 'f';
	if (what == 't')
		nondebug = false;
	if (regex != NULL && *regex != '\0') {
		if ((rc = xregcomp(&re, regex, REG_NOSUB)) != 0) {
			xregerror(rc, &re, msg, sizeof msg);
			xregfree(&re);
			return cmd_fail(c, "Invalid regexp: %s", msg);
		}
		l->re = &re;
	}
	for (i = 0; i < fs_modules_count(mods) && !l->oom; i++) {
		m = fs_modules_get(mods, i);
		if ((alive && !m->mapped) || (!alive && !m->is_exec))
			continue;
		l->mod = m;
		l->dw = fs_module_dwarf(m);
		if (l->dw != NULL) {
			if (what == 'f')
				fs_dinfo_foreach_function(l->dw, each_function,
				    l);
			else if (what == 'v')
				fs_dinfo_foreach_global(l->dw, each_global, l);
			else
				fs_dinfo_foreach_type(l->dw, each_type, l);
		}
		l->mstart = l->nm;
		/* A library's own table and its debug file's, which has the
		   local symbols.  */
		if (nondebug && file == NULL && m->elf != NULL)
			fs_elf_foreach_minsym(m->elf, each_minsym, l);
		if (nondebug && file == NULL && m->dbg != NULL)
			fs_elf_foreach_minsym(m->dbg, each_minsym, l);
		if (l->nm > l->mstart)
			qsort(l->m + l->mstart, l->nm - l->mstart, sizeof *l->m,
			    msym_cmp);
	}
	if (l->re != NULL)
		xregfree(&re);
	l->re = NULL;
	if (l->oom)
		return cmd_fail(c, "out of memory");
	if (l->nd > 0)
		qsort(l->d, l->nd, sizeof *l->d, dsym_cmp);
	/* One line for a name a file gives twice (a function and its
	   clone), for a minimal symbol two tables give; FILE's alone (by
	   its name or its last part).  */
	for (i = j = 0; i < l->nd; i++) {
		const char *base = strrchr(l->d[i].file, '/');

		if ((j > 0 && dsym_cmp(&l->d[j - 1], &l->d[i]) == 0) ||
		    (file != NULL && strcmp(l->d[i].file, file) != 0 &&
		    (base == NULL || strcmp(base + 1, file) != 0))) {
			free(l->d[i].text);
			continue;
		}
		l->d[j++] = l->d[i];
	}
	l->nd = j;
	for (i = j = 0; i < l->nm; i++) {
		if (j > 0 && l->m[j - 1].addr == l->m[i].addr &&
		    strcmp(l->m[j - 1].name, l->m[i].name) == 0) {
			free(l->m[i].name);
			free(l->m[i].linkage);
			continue;
		}
		l->m[j++] = l->m[i];
	}
	l->nm = j;
	return 0;
}

static void
listing_free(struct listing *l)
{
	size_t i;

	for (i = 0; i < l->nd; i++)
		free(l->d[i].text);
	for (i = 0; i < l->nm; i++) {
		free(l->m[i].name);
		free(l->m[i].linkage);
	}
	free(l->d);
	free(l->m);
}

/* info functions|variables [-q] [-n] [REGEX], info types [-q] [REGEX]
   (WHAT: 'f', 'v', 't').  */
static int
list_symbols(struct cmd_ctx *c, char *arg, int what)
{
	const struct fs_arch *arch = fs_session_arch(c->s);
	const char *kind = what == 'f' ? "function" : what == 'v' ?
	    "variable" : "type";
	const char *last = NULL;
	struct listing l;
	char *w;
	bool quiet = false, nondebug = true;
	size_t i;

	arg = cmd_trim(arg);
	while (*arg == '-') {
		w = arg;
		while (*arg != '\0' && !isspace((unsigned char)*arg))
			arg++;
		if (w[1] == 'q' && arg - w == 2)
			quiet = true;
		else if (w[1] == 'n' && arg - w == 2 && what != 't')
			nondebug = false;
		else if (w[1] == '-' && arg - w == 2) {
			arg = cmd_skip(arg);
			break;
		} else {
			arg = w;
			break;
		}
		arg = cmd_skip(arg);
	}
	if (collect(c, &l, arg, NULL, what, nondebug) < 0) {
		listing_free(&l);
		return -1;
	}
	if (!quiet && *arg != '\0')
		fprintf(c->out, "All %ss matching regular expression \"%s\":\n",
		    kind, arg);
	else if (!quiet)
		fprintf(c->out, "All defined %ss:\n", kind);
	for (i = 0; i < l.nd; i++) {
		if (last == NULL || strcmp(last, l.d[i].file) != 0)
			fprintf(c->out, "\nFile %s:\n", l.d[i].file);
		last = l.d[i].file;
		if (l.d[i].line != 0)
			fprintf(c->out, "%u:", l.d[i].line);
		fprintf(c->out, "\t%s\n", l.d[i].text);
	}
	if (l.nm > 0 && !quiet)
		fputs("\nNon-debugging symbols:\n", c->out);
	for (i = 0; i < l.nm; i++)
		fprintf(c->out, "0x%0*" PRIx64 "  %s\n", arch->word == 4 ? 8 :
		    16, arch->word == 4 ? l.m[i].addr & 0xffffffffu :
		    l.m[i].addr, l.m[i].name);
	listing_free(&l);
	return 0;
}

/* rbreak [FILE:]REGEX: a breakpoint on every function info functions
   would list, each reported as `break' reports it and followed by its
   declaration; those without debugging information by address.  */
static int
c_rbreak(struct cmd_ctx *c, char *arg)
{
	struct listing l;
	char *colon, *file = NULL, line[4200];
	size_t i;

	arg = cmd_trim(arg);
	/* FILE:REGEX, where FILE is no part of the expression.  */
	if ((colon = strchr(arg, ':')) != NULL && colon > arg &&
	    colon[1] != ':' && memchr(arg, ' ', (size_t)(colon - arg)) ==
	    NULL) {
		*colon = '\0';
		file = arg;
		arg = cmd_skip(colon + 1);
	}
	if (collect(c, &l, arg, file, 'f', true) < 0) {
		listing_free(&l);
		return -1;
	}
	for (i = 0; i < l.nd; i++) {
		snprintf(line, sizeof line, "break %s", l.d[i].name);
		if (cmd_exec(c, line) == 0)
			fprintf(c->out, "%s\n", l.d[i].text);
	}
	/* By name, as gdb breaks on them (in every file that has one, the
	   loader's _start too), but a PLT stub, which has no name of its
	   own, by address.  */
	for (i = 0; i < l.nm; i++) {
		if (strchr(l.m[i].name, '@') != NULL)
			snprintf(line, sizeof line, "break *0x%" PRIx64,
			    l.m[i].addr);
		else
			snprintf(line, sizeof line, "break %s", l.m[i].name);
		if (cmd_exec(c, line) == 0)
			fprintf(c->out, "<function, no debug info> %s;\n",
			    l.m[i].name);
	}
	listing_free(&l);
	return 0;
}

static int
info_functions(struct cmd_ctx *c, char *arg)
{
	return list_symbols(c, arg, 'f');
}

static int
info_variables(struct cmd_ctx *c, char *arg)
{
	return list_symbols(c, arg, 'v');
}

static int
info_types(struct cmd_ctx *c, char *arg)
{
	return list_symbols(c, arg, 't');
}

/* gdb's demangle [-l LANGUAGE] [--] NAME: NAME demangled in the way of
   the language (the current one), as libiberty demangles for gdb: C++'s
   with its parameters, Rust's with its hash and disambiguators; C's and
   the others' not at all.  */
static int
c_demangle(struct cmd_ctx *c, char *arg)
{
	static const char usage[] = "Usage: demangle [-l LANGUAGE] [--] NAME";
	char *p = cmd_skip(arg), *w, *d = NULL;
	int lang = (int)fs_session_lang(c->s);

	while (*p == '-') {
		if ((w = cmd_word(&p)) == NULL)
			break;
		if (strcmp(w, "--") == 0)
			break;
		if (strcmp(w, "-l") != 0)
			return cmd_fail(c, "Unrecognized option '%s' to demangle "
			    "command.  Try \"help demangle\".", w);
		if ((w = cmd_word(&p)) == NULL)
			return cmd_fail(c, "%s", usage);
		if ((lang = cmd_language(w)) == -2)
			return cmd_fail(c, "Unknown language \"%s\"", w);
		/* gdb's auto demangles as C++ does.  */
		if (lang == FS_LANG_AUTO)
			lang = FS_LANG_CPLUS;
		p = cmd_skip(p);
	}
	if (*(p = cmd_trim(p)) == '\0')
		return cmd_fail(c, "%s", usage);
	if (lang == FS_LANG_AUTO)
		lang = (int)fs_vars_language(c->s, c->frame);
	if (lang == FS_LANG_CPLUS || lang == FS_LANG_RUST)
		d = cplus_demangle(p, DMGL_GNU_V3 | DMGL_PARAMS | DMGL_ANSI);
	if (d == NULL && (lang == FS_LANG_CPLUS || lang == FS_LANG_RUST))
		d = cplus_demangle(p, (lang == FS_LANG_RUST ? DMGL_RUST :
		    DMGL_AUTO) | DMGL_VERBOSE | DMGL_PARAMS | DMGL_ANSI);
	if (d == NULL)
		return cmd_fail(c, "Can't demangle \"%s\"", p);
	fprintf(c->out, "%s\n", d);
	free(d);
	return 0;
}

const struct cmd_entry cmd_symbols_table[] = {
	{ "rbreak", { NULL }, c_rbreak, NULL,
	    "rbreak [FILE:]REGEX -- a breakpoint on every function matching" },
	{ "demangle", { NULL }, c_demangle, NULL,
	    "demangle [-l LANGUAGE] [--] NAME -- a mangled name as the "
	    "language writes it" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_symbols_info[] = {
	{ "address", 2, info_address },
	{ "functions", 2, info_functions },
	{ "scope", 2, info_scope },
	{ "types", 5, info_types },
	{ "variables", 2, info_variables },
	{ NULL, 0, NULL },
};
