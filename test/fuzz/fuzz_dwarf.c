/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "dwarf": the DWARF sections of a file (see fuzz.h for the
   input), read as a session reads them: the units and their index, the
   line programs (lines of addresses, breakpoints by file and line,
   prologues), the functions and their scopes, the variables with their
   types and locations (lists and expressions, evaluated in a made-up
   frame), call sites, globals; types named and printed as ptype and
   print do.  */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs_dinfo.h"
#include "fs_dwarf.h"
#include "fs_loc.h"
#include "fs_value.h"
#include "fuzz.h"

#define MAXFUNCS	64

int
fuzz_dwarf_init(void)
{
	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	return 0;
}

struct func {
	const char	*name;
	uint64_t	 lo, hi;
};

struct funcs {
	struct func	 v[MAXFUNCS];
	size_t		 n;
};

static int
collect(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	struct funcs *f = arg;

	if (f->n == MAXFUNCS)
		return 1;
	f->v[f->n].name = name;
	f->v[f->n].lo = lo;
	f->v[f->n].hi = hi;
	f->n++;
	return 0;
}

static int
count_alias(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	(void)name; (void)lo; (void)hi;
	return ++*(unsigned *)arg >= MAXFUNCS;
}

static const struct fs_value_env value_env = { .mem = fuzz_frame_mem };

/* Print a value of T as print and info locals do, from made-up bytes.  */
static void
print_value(const struct fs_type *t)
{
	struct fs_value v;
	uint8_t buf[256];
	char *text;
	size_t len;

	len = t->size < sizeof buf ? (size_t)t->size : sizeof buf;
	memset(buf, 0x41, len);
	memset(&v, 0, sizeof v);
	v.type = t;
	v.bytes = buf;
	v.len = len;
	v.has_addr = true;
	v.addr = 0x10000;
	if (fs_value_format(&v, &value_env, FS_VALUE_TOP, &text, NULL) == 0)
		free(text);
	if (fs_value_format(&v, NULL, 0, &text, NULL) == 0)
		free(text);
}

static void
ask_var(const struct fs_var *var, const struct fs_scope *fn, uint64_t pc)
{
	struct fs_loc_ctx c;
	struct fs_locval lv;
	struct fs_expr x;
	uint8_t buf[64];
	char text[256], *pt;

	fuzz_frame(&c);
	c.pc = pc + c.bias;
	c.frame_base = fn->frame_base;
	(void)fs_loc_describe(&var->loc, pc, &c, true, text, sizeof text);
	(void)fs_loc_select(&var->loc, pc, &x);
	if (fs_loc_locate(&var->loc, pc, &c, &lv, NULL) == 0)
		(void)fs_loc_read(&lv, &c, buf, sizeof buf, NULL, NULL);
	(void)fs_value_type_name(var->type, var->name, 0, text, sizeof text);
	if (fs_value_ptype(var->type, &pt, NULL) == 0)
		free(pt);
	print_value(var->type);
}

/* Every scope inside SC (a bounded number), their variables asked about
   at the scope's first address.  */
static void
ask_scope(const struct fs_scope *sc, const struct fs_scope *fn,
    unsigned *budget)
{
	uint64_t pc = sc->nranges > 0 ? sc->ranges[0] : sc->entry_pc;
	char text[256];
	size_t i;

	if (*budget == 0)
		return;
	--*budget;
	(void)fs_dinfo_scope_has(sc, pc);
	if (sc->ret_type != NULL)
		(void)fs_value_type_name(sc->ret_type, sc->name, 0, text,
		    sizeof text);
	for (i = 0; i < sc->nvars && i < 32; i++)
		ask_var(&sc->vars[i], fn, pc);
	for (i = 0; i < sc->nchildren; i++)
		ask_scope(sc->children[i], fn, budget);
}

static int
named(const struct fs_scope *sc, void *arg)
{
	(void)sc;
	return ++*(unsigned *)arg >= 16;
}

static void
ask_function(struct fs_dwarf *dw, const struct func *f)
{
	const struct fs_scope *sc, *fn;
	const struct fs_call_site *cs, *one;
	const struct fs_var *var;
	struct fs_lineinfo li;
	const char *file, *name;
	uint64_t a, lo, hi, *addrs;
	unsigned line, budget = 64, n = 0, version;
	size_t ncs, naddrs, i;

	if (fs_dwarf_line_at(dw, f->lo, &li) == 0 && li.file != NULL) {
		if (fs_dwarf_find_line(dw, li.file, li.line, &addrs, &naddrs,
		    &line, NULL) == 0)
			free(addrs);
		if (fs_dwarf_find_line(dw, li.file, li.line + 1, &addrs,
		    &naddrs, &line, NULL) == 0)
			free(addrs);
	}
	(void)fs_dwarf_gdb_line(dw, f->lo, &li);
	if (fs_dwarf_after_prologue(dw, f->lo, f->hi, &a) == 0)
		(void)fs_dwarf_bp_line(dw, a, &file, &line);
	(void)fs_dwarf_function_at(dw, f->lo, &name, &lo, &hi);
	(void)fs_dinfo_unit_version(dw, f->lo, &version);
	if (fs_dinfo_scope_at(dw, f->lo, &sc, NULL) == 0) {
		for (fn = sc; fn->parent != NULL; fn = fn->parent)
			;
		ask_scope(fn, fn, &budget);
	}
	if (fs_dinfo_calls_in(dw, f->lo, f->hi, &cs, &ncs) == 0)
		for (i = 0; i < ncs && i < 16; i++)
			(void)fs_dinfo_call_site(dw, cs[i].ret_pc, &one);
	if (f->name != NULL) {
		(void)fs_dinfo_functions_named(dw, f->name, named, &n);
		(void)fs_dinfo_functions_named_in(dw, f->name, f->lo, named,
		    &n);
		if (fs_dinfo_global(dw, f->name, f->lo, &var, NULL) == 0)
			print_value(var->type);
	}
}

void
fuzz_dwarf_ask(struct fs_dwarf *dw)
{
	struct fs_lineinfo li;
	struct funcs funcs;
	const struct fs_var *var;
	unsigned naliases = 0;
	size_t i;

	funcs.n = 0;
	(void)fs_dwarf_foreach_function(dw, collect, &funcs);
	(void)fs_dwarf_foreach_alias(dw, count_alias, &naliases);
	for (i = 0; i < funcs.n; i++)
		ask_function(dw, &funcs.v[i]);
	(void)fs_dwarf_line_at(dw, 0x1000, &li);
	if (fs_dinfo_global(dw, "global", 0, &var, NULL) == 0)
		print_value(var->type);
}

void
fuzz_dwarf(const uint8_t *data, size_t size)
{
	struct fs_dwarf *dw;
	char path[64];
	int fd;

	if ((fd = fuzz_elf_image(data, size, path, sizeof path)) < 0)
		return;
	if (fs_dwarf_open(path, &dw, NULL) == 0) {
		fuzz_dwarf_ask(dw);
		fs_dwarf_free(dw);
	}
	close(fd);
}
