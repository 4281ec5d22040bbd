/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of the persistent cache of decoded DWARF (fs_dwcache and its use
 * by fs_dwarf): a file opened from the cache answers every lookup as the
 * same file decoded by libdwarf does, on every line-table row of every
 * function of the C library's debug file (libc6-dbg) and of a sample built
 * with compressed DWARF; a cache file that is cut short, altered or of
 * other DWARF is not used; the cache stays off when asked to.  The models
 * of functions (scopes, variables, their types and locations, call sites)
 * read back from the cache are those libdwarf builds.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fs_dinfo.h"
#include "fs_dwarf.h"
#include "fs_dwarf_int.h"
#include "fs_dwcache.h"
#include "fs_elf.h"

static char cachedir[] = "/tmp/fs-dwcache-test.XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(cachedir));
	setenv("XDG_CACHE_HOME", cachedir, 1);
	unsetenv("FRAMESCOPE_NO_CACHE");
}

static void
teardown(void)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cachedir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(cachedir, "/tmp/fs-dwcache-test.XXXXXX");
}

/* The cache file of the DWARF at PATH, malloc'd.  */
static char *
cache_file(const char *path)
{
	struct fs_dwcache_key key;
	struct fs_elf *elf;
	const uint8_t *id;

	memset(&key, 0, sizeof key);
	ck_assert_int_eq(fs_elf_open(path, &elf, NULL), 0);
	ck_assert_ptr_nonnull(id = fs_elf_build_id(elf, &key.idlen));
	memcpy(key.id, id, key.idlen);
	fs_elf_free(elf);
	return fs_dwcache_path(&key);
}

/* One answer of fs_dwarf_line_at and fs_dwarf_function_at, as text.  */
static void
answer(struct fs_dwarf *dw, uint64_t a, char *buf, size_t len)
{
	struct fs_lineinfo li;
	const char *name = NULL;
	uint64_t lo = 0, hi = 0;
	int rl, rf;

	rl = fs_dwarf_line_at(dw, a, &li);
	rf = fs_dwarf_function_at(dw, a, &name, &lo, &hi);
	if (rl != 0)
		memset(&li, 0, sizeof li);
	snprintf(buf, len, "%d %s %s %u %u %" PRIx64 " %" PRIx64 " %d | %d "
	    "%s %" PRIx64 " %" PRIx64, rl, li.file ? li.file : "-",
	    li.fullpath ? li.fullpath : "-", li.line, li.column, li.lo,
	    li.hi, li.is_stmt, rf, rf == 0 && name ? name : "-", lo, hi);
}

/* The addresses to compare: every row start of every function symbol of
   ELFPATH, and the address after it.  */
struct probes {
	uint64_t	*v;
	size_t		 n, cap;
};

static void
probe_add(struct probes *p, uint64_t a)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		ck_assert_ptr_nonnull(p->v = realloc(p->v, p->cap *
		    sizeof *p->v));
	}
	p->v[p->n++] = a;
}

/* Whether an answer found both a line and a function.  */
static bool
found(const char *ans)
{
	return strncmp(ans, "0 ", 2) == 0 && strstr(ans, "| 0 ") != NULL;
}

/* Open DWPATH's DWARF with the cache off and take every probe from the
   rows of the functions of ELFPATH; open it with the cache on and look
   them all up, those that found something first (one that does not makes
   fs_dwarf walk every unit, and units read by the walk are not cached);
   then open it from the cache file that wrote and compare every answer
   with libdwarf's.  Returns the number of probes found in the cache.  */
static size_t
compare(const char *elfpath, const char *dwpath)
{
	struct probes p = { NULL, 0, 0 };
	const struct fs_sym *syms;
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	struct fs_elf *elf;
	struct fs_err e;
	struct stat st;
	char **want, got[2048], *cf;
	uint64_t a, end, *order;
	size_t n, i, j, nsyms, nfound = 0;

	ck_assert_int_eq(fs_elf_open(elfpath, &elf, &e), 0);
	syms = fs_elf_symbols(elf, &nsyms);
	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	ck_assert_msg(fs_dwarf_open(dwpath, &dw, &e) == 0, "%s", e.msg);
	for (i = 0; i < nsyms; i++) {
		if (syms[i].size == 0)
			continue;
		end = syms[i].addr + syms[i].size;
		for (a = syms[i].addr; a < end; ) {
			probe_add(&p, a);
			if (fs_dwarf_line_at(dw, a, &li) == 0 && li.hi > a)
				a = li.hi;
			else
				a++;
		}
	}
	n = p.n;
	ck_assert_ptr_nonnull(want = calloc(n, sizeof *want));
	ck_assert_ptr_nonnull(order = calloc(n, sizeof *order));
	for (i = 0; i < n; i++) {
		answer(dw, p.v[i], got, sizeof got);
		ck_assert_ptr_nonnull(want[i] = strdup(got));
	}
	fs_dwarf_free(dw);
	fs_elf_free(elf);
	for (i = j = 0; i < n; i++)
		if (found(want[i]))
			order[j++] = i;
	nfound = j;
	for (i = 0; i < n; i++)
		if (!found(want[i]))
			order[j++] = i;

	unsetenv("FRAMESCOPE_NO_CACHE");
	ck_assert_int_eq(fs_dwarf_open(dwpath, &dw, &e), 0);
	for (i = 0; i < n; i++)
		answer(dw, p.v[order[i]], got, sizeof got);
	fs_dwarf_free(dw);	/* writes the cache file */
	cf = cache_file(dwpath);
	ck_assert_msg(stat(cf, &st) == 0 && st.st_size > 0,
	    "%s: no cache file written", cf);
	free(cf);

	ck_assert_int_eq(fs_dwarf_open(dwpath, &dw, &e), 0);
	for (i = 0; i < n; i++) {
		answer(dw, p.v[order[i]], got, sizeof got);
		ck_assert_msg(strcmp(got, want[order[i]]) == 0, "%s at %#"
		    PRIx64 ":\n libdwarf: %s\n cache:    %s", dwpath,
		    p.v[order[i]], want[order[i]], got);
	}
	fs_dwarf_free(dw);
	for (i = 0; i < n; i++)
		free(want[i]);
	free(want);
	free(order);
	free(p.v);
	return nfound;
}

/* The debug file of the C library, or NULL without libc6-dbg.  */
static const char *
libc_debug(char *buf, size_t len)
{
	struct fs_elf *elf;
	const uint8_t *id;
	size_t n, i, off;

	if (fs_elf_open("/lib/x86_64-linux-gnu/libc.so.6", &elf, NULL) != 0)
		return NULL;
	if ((id = fs_elf_build_id(elf, &n)) == NULL || n < 2) {
		fs_elf_free(elf);
		return NULL;
	}
	off = (size_t)snprintf(buf, len, "/usr/lib/debug/.build-id/%02x/",
	    id[0]);
	for (i = 1; i < n; i++)
		off += (size_t)snprintf(buf + off, len - off, "%02x", id[i]);
	snprintf(buf + off, len - off, ".debug");
	fs_elf_free(elf);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

START_TEST(libc_agrees)
{
	char path[512];
	const char *dbg = libc_debug(path, sizeof path);

	if (dbg == NULL) {
		fprintf(stderr, "dwcache: no libc6-dbg, libc not compared\n");
		return;
	}
	/* libc is stripped: its functions are in the debug file's table. */
	ck_assert_uint_gt(compare(dbg, dbg), 10000);
}
END_TEST

/* A sample built with compressed DWARF, in the cache directory.  */
static void
build_gz(char *out, size_t len)
{
	char cmd[1024];

	snprintf(out, len, "%s/counter-gz", cachedir);
	snprintf(cmd, sizeof cmd, "cc -g -O2 -gz=zlib -o '%s' "
	    "samples/counter.c 2>/dev/null || cc -g -O2 -gz=zlib -o '%s' "
	    "'%s/../counter.c'", out, out, getenv("SAMPLES") ?
	    getenv("SAMPLES") : "samples/bin");
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(sample_agrees)
{
	char exe[512];

	build_gz(exe, sizeof exe);
	ck_assert_uint_gt(compare(exe, exe), 10);
}
END_TEST

/* Text T grown by a printf.  */
struct text {
	char	*p;
	size_t	 n, cap;
};

static void __attribute__((format(printf, 2, 3)))
tprintf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
		va_end(ap);
		ck_assert_int_ge(k, 0);
		if ((size_t)k < t->cap - t->n)
			break;
		t->cap = t->cap * 2 + (size_t)k + 256;
		ck_assert_ptr_nonnull(t->p = realloc(t->p, t->cap));
	}
	t->n += (size_t)k;
}

static void
texpr(struct text *t, const struct fs_expr *x)
{
	size_t i;

	tprintf(t, "[");
	for (i = 0; i < x->len; i++)
		tprintf(t, "%02x", x->ops[i]);
	tprintf(t, "]");
}

#define TS(s)	((s) != NULL ? (s) : "-")

static void ttype(struct text *, const struct fs_type *, unsigned);

static void
tmember(struct text *t, const struct fs_member *m, unsigned depth)
{
	if (m == NULL) {
		tprintf(t, " nomember");
		return;
	}
	tprintf(t, " m %s %" PRIu64 " %u %u %d %d", TS(m->name), m->offset,
	    m->bit_size, m->bit_offset, m->artificial, m->inheritance);
	ttype(t, m->type, depth + 1);
}

static void
tloc(struct text *t, const struct fs_location *l)
{
	size_t j;

	tprintf(t, " %d", l->kind);
	texpr(t, &l->expr);
	for (j = 0; j < l->nranges; j++) {
		tprintf(t, " %" PRIx64 "-%" PRIx64, l->ranges[j].lo,
		    l->ranges[j].hi);
		texpr(t, &l->ranges[j].expr);
	}
	for (j = 0; j < l->const_len; j++)
		tprintf(t, "%02x", l->const_bytes[j]);
}

/* Type T, followed DEPTH levels down every edge.  */
static void
ttype(struct text *t, const struct fs_type *ty, unsigned depth)
{
	size_t i;

	if (ty == NULL) {
		tprintf(t, " (null)");
		return;
	}
	tprintf(t, " {%d %s %" PRIu64 " %d %d %d %d %d %s", ty->kind,
	    TS(ty->name), ty->size, ty->encoding, ty->declaration,
	    ty->is_unsigned, ty->varargs, ty->rust, TS(ty->qname));
	if (depth >= 3) {
		tprintf(t, "}");
		return;
	}
	ttype(t, ty->target, depth + 1);
	ttype(t, ty->tparam, depth + 1);
	for (i = 0; i < ty->ndims; i++) {
		tprintf(t, " d %" PRId64 " %d %" PRIu64 " %d",
		    ty->dims[i].lower, ty->dims[i].has_count,
		    ty->dims[i].count, ty->dims[i].count_is_ubound);
		if (ty->dims[i].count_loc != NULL)
			tloc(t, ty->dims[i].count_loc);
	}
	for (i = 0; i < ty->nmembers; i++)
		tmember(t, &ty->members[i], depth);
	for (i = 0; i < ty->nenumerators; i++)
		tprintf(t, " e %s %" PRId64, TS(ty->enumerators[i].name),
		    ty->enumerators[i].value);
	for (i = 0; i < ty->nparams; i++)
		ttype(t, ty->params[i], depth + 1);
	if (ty->discr != NULL)
		tmember(t, ty->discr, depth);
	for (i = 0; i < ty->nvariants; i++) {
		tprintf(t, " v %d %" PRIu64, ty->variants[i].is_default,
		    ty->variants[i].discr_value);
		tmember(t, ty->variants[i].member, depth);
	}
	tprintf(t, "}");
}

/* The model fs_dinfo gives for address A: the scopes from the innermost
   out with their variables, and the call site returning to A.  */
static void
tmodel(struct fs_dwarf *dw, uint64_t a, struct text *t)
{
	const struct fs_scope *sc;
	const struct fs_call_site *cs;
	const struct fs_var *v;
	size_t i;

	t->n = 0;
	tprintf(t, "%d", fs_dinfo_scope_at(dw, a, &sc, NULL));
	for (; sc != NULL; sc = sc->parent) {
		tprintf(t, "\n scope %d %s %s %" PRIx64 " %s:%u:%u %s:%u",
		    sc->kind, TS(sc->name), TS(sc->linkage_name),
		    sc->entry_pc, TS(sc->call_file), sc->call_line,
		    sc->call_column, TS(sc->decl_file), sc->decl_line);
		for (i = 0; i < sc->nranges; i++)
			tprintf(t, " %" PRIx64 "-%" PRIx64, sc->ranges[2 * i],
			    sc->ranges[2 * i + 1]);
		texpr(t, &sc->frame_base);
		ttype(t, sc->ret_type, 0);
		tprintf(t, " kids %zu", sc->nchildren);
		for (i = 0; i < sc->nvars; i++) {
			v = &sc->vars[i];
			tprintf(t, "\n  var %s %d %d %d %s:%u", TS(v->name),
			    v->is_param, v->artificial, v->external,
			    TS(v->decl_file), v->decl_line);
			tloc(t, &v->loc);
			ttype(t, v->type, 0);
		}
	}
	if (fs_dinfo_call_site(dw, a, &cs) == 0) {
		tprintf(t, "\n call %s %s", TS(cs->callee),
		    TS(cs->callee_linkage));
		for (i = 0; i < cs->nparams; i++) {
			tprintf(t, " r%u", cs->params[i].reg);
			texpr(t, &cs->params[i].value);
		}
	}
}

/* The models of the functions of ELFPATH (one symbol in EVERY), at every
   line row in them, from DWPATH's DWARF built by libdwarf, then as the
   cache file gives them back.  Returns how many functions it gave.  */
static size_t
compare_models(const char *elfpath, const char *dwpath, size_t every)
{
	struct probes p = { NULL, 0, 0 };
	struct text t = { NULL, 0, 0 };
	const struct fs_sym *syms;
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	struct fs_elf *elf;
	struct fs_err e;
	char **want;
	uint64_t a, end;
	size_t n, i, nsyms, nf;

	ck_assert_int_eq(fs_elf_open(elfpath, &elf, &e), 0);
	syms = fs_elf_symbols(elf, &nsyms);
	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	ck_assert_msg(fs_dwarf_open(dwpath, &dw, &e) == 0, "%s", e.msg);
	for (i = 0; i < nsyms; i += every) {
		if (syms[i].size == 0)
			continue;
		end = syms[i].addr + syms[i].size;
		for (a = syms[i].addr; a <= end; ) {
			probe_add(&p, a);
			if (fs_dwarf_line_at(dw, a, &li) == 0 && li.hi > a)
				a = li.hi;
			else
				a++;
		}
	}
	n = p.n;
	ck_assert_ptr_nonnull(want = calloc(n, sizeof *want));
	for (i = 0; i < n; i++) {
		tmodel(dw, p.v[i], &t);
		ck_assert_ptr_nonnull(want[i] = strdup(t.p));
	}
	fs_dwarf_free(dw);
	fs_elf_free(elf);

	/* Filled by one run, its functions read back by the next.  */
	unsetenv("FRAMESCOPE_NO_CACHE");
	ck_assert_int_eq(fs_dwarf_open(dwpath, &dw, &e), 0);
	ck_assert_uint_eq(fs_dinfo_cached(dw), 0);
	for (i = 0; i < n; i++)
		tmodel(dw, p.v[i], &t);
	fs_dwarf_free(dw);
	ck_assert_int_eq(fs_dwarf_open(dwpath, &dw, &e), 0);
	nf = fs_dinfo_cached(dw);
	for (i = 0; i < n; i++) {
		tmodel(dw, p.v[i], &t);
		ck_assert_msg(strcmp(t.p, want[i]) == 0, "%s at %#" PRIx64
		    ":\n libdwarf: %s\n cache:    %s", dwpath, p.v[i],
		    want[i], t.p);
		free(want[i]);
	}
	fs_dwarf_free(dw);
	free(want);
	free(p.v);
	free(t.p);
	return nf;
}

START_TEST(libc_models_agree)
{
	char path[512];
	const char *dbg = libc_debug(path, sizeof path);

	if (dbg == NULL) {
		fprintf(stderr, "dwcache: no libc6-dbg, libc not compared\n");
		return;
	}
	ck_assert_uint_gt(compare_models(dbg, dbg, 23), 100);
}
END_TEST

START_TEST(sample_models_agree)
{
	char exe[512];

	build_gz(exe, sizeof exe);
	ck_assert_uint_ge(compare_models(exe, exe, 1), 1);
}
END_TEST

START_TEST(corrupt_rejected)
{
	struct fs_lineinfo want, got;
	struct fs_dwarf *dw;
	const struct fs_sym *main_sym;
	struct fs_elf *elf;
	struct stat st0, st;
	char exe[512], *cf;
	const struct {
		long	off;
		bool	cut;
		const char *bytes;
	} cases[] = {
		{ 1, true, NULL },		/* cut short */
		{ 8, false, "\xff\xff\xff\xff" },	/* payload altered */
		{ 0, false, NULL },		/* header: build ID */
		/* With a sound header and checksum: a payload cut short, a
		   count of units far beyond the file.  */
		{ 4, true, "store" },
		{ 4, false, "store" },
		/* The index of .debug_aranges: a range of no unit, a unit
		   past the end of .debug_info.  */
		{ 0, false, "range" },
		{ 0, false, "start" },
	};
	uint64_t nunits;
	struct fs_dwcache_key key;
	const uint8_t *id;
	uint8_t *buf;
	size_t len;
	size_t i;
	int fd;

	build_gz(exe, sizeof exe);
	ck_assert_int_eq(fs_elf_open(exe, &elf, NULL), 0);
	ck_assert_ptr_nonnull(main_sym = fs_elf_sym_lookup(elf, "main"));
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* A sound file first, from a lookup.  */
		ck_assert_int_eq(fs_dwarf_open(exe, &dw, NULL), 0);
		ck_assert_int_eq(fs_dwarf_line_at(dw, main_sym->addr, &want),
		    0);
		want.file = strdup(want.file);
		fs_dwarf_free(dw);
		cf = cache_file(exe);
		ck_assert_int_eq(stat(cf, &st0), 0);
		ck_assert_int_ge((fd = open(cf, O_RDWR)), 0);
		if (cases[i].bytes != NULL && (strcmp(cases[i].bytes,
		    "store") == 0 || strcmp(cases[i].bytes, "range") == 0 ||
		    strcmp(cases[i].bytes, "start") == 0)) {
			memset(&key, 0, sizeof key);
			id = fs_elf_build_id(elf, &key.idlen);
			memcpy(key.id, id, key.idlen);
			/* the sizes fs_dwarf keys its files with */
			ck_assert_int_eq(fs_dwcache_load(&key, &buf, &len), -1);
			ck_assert_int_eq(pread(fd, key.sizes, 16, 16 + 64),
			    16);
			ck_assert_int_eq(fs_dwcache_load(&key, &buf, &len), 0);
			/* u32 layout, u64 nunits, u64 start[], u64
			   nranges, ranges of u64 lo, hi, u32 unit */
			memcpy(&nunits, buf + 4, 8);
			ck_assert_uint_ge(nunits, 1);
			ck_assert_uint_gt(len, 12 + nunits * 8 + 8 + 20);
			if (cases[i].cut)
				len -= (size_t)cases[i].off;
			else if (strcmp(cases[i].bytes, "range") == 0)
				memcpy(buf + 12 + nunits * 8 + 8 + 16,
				    &nunits, 4);
			else if (strcmp(cases[i].bytes, "start") == 0)
				memset(buf + 12, 0x7f, 8);
			else
				memset(buf + 4, 0x7f, 8);
			ck_assert_int_eq(fs_dwcache_store(&key, buf, len), 0);
			free(buf);
		} else if (cases[i].cut)
			ck_assert_int_eq(ftruncate(fd, st0.st_size -
			    cases[i].off), 0);
		else if (cases[i].bytes != NULL)
			ck_assert_int_eq(pwrite(fd, cases[i].bytes, 4,
			    st0.st_size - cases[i].off), 4);
		else	/* the first byte of the build ID in the header */
			ck_assert_int_eq(pwrite(fd, "\x5a", 1, 16), 1);
		close(fd);
		/* Not used: the same answer, decoded again, and the file
		   rewritten whole.  */
		ck_assert_int_eq(fs_dwarf_open(exe, &dw, NULL), 0);
		ck_assert_int_eq(fs_dwarf_line_at(dw, main_sym->addr, &got),
		    0);
		ck_assert_str_eq(got.file, want.file);
		ck_assert_uint_eq(got.line, want.line);
		ck_assert_uint_eq(got.lo, want.lo);
		fs_dwarf_free(dw);
		ck_assert_int_eq(stat(cf, &st), 0);
		ck_assert_int_eq(st.st_size, st0.st_size);
		free((char *)want.file);
		free(cf);
	}
	fs_elf_free(elf);
}
END_TEST

START_TEST(cache_off)
{
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	const struct fs_sym *main_sym;
	struct fs_elf *elf;
	struct stat st;
	char exe[512], *cf;

	build_gz(exe, sizeof exe);
	ck_assert_int_eq(fs_elf_open(exe, &elf, NULL), 0);
	ck_assert_ptr_nonnull(main_sym = fs_elf_sym_lookup(elf, "main"));
	cf = cache_file(exe);
	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	ck_assert_ptr_null(fs_dwcache_path(&(struct fs_dwcache_key){
	    .idlen = 1 }));
	ck_assert_int_eq(fs_dwarf_open(exe, &dw, NULL), 0);
	ck_assert_int_eq(fs_dwarf_line_at(dw, main_sym->addr, &li), 0);
	fs_dwarf_free(dw);
	ck_assert_int_ne(stat(cf, &st), 0);
	unsetenv("FRAMESCOPE_NO_CACHE");
	/* The samples' own DWARF is small and plain: not worth a file.  */
	ck_assert_int_eq(fs_dwarf_open(sample_path("counter-O0"), &dw, NULL),
	    0);
	ck_assert_int_eq(fs_dwarf_line_at(dw, 0x1000, &li) <= 0, 1);
	fs_dwarf_free(dw);
	free(cf);
	fs_elf_free(elf);
}
END_TEST

Suite *
dwcache_suite(void)
{
	Suite *s = suite_create("dwcache");
	TCase *tc;

	tc = tcase_create("agree");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, sample_agrees);
	tcase_add_test(tc, libc_agrees);
	tcase_add_test(tc, sample_models_agree);
	tcase_add_test(tc, libc_models_agree);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, corrupt_rejected);
	tcase_add_test(tc, cache_off);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
