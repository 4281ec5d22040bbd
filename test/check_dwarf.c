/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of fs_dwarf, with gdb as the oracle: for every function of every C
 * sample `break FUNC' and for every line of its source `break FILE:LINE'
 * must land where gdb puts them.  Also DWARF 4 against DWARF 5, Rust names
 * (when rustc is installed), and files with corrupted DWARF.
 */
#include <sys/wait.h>

#include <ctype.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fs_dwarf.h"

static const char *const c_samples[] = {
	"callee8", "add", "calc", "factorial", "counter", "segv",
	"sighandler", "abort", "exitcode", "dlopen",
};
static const char *const c_variants[] = { "O0", "O2", "O0-nofp" };

/* One location of a gdb breakpoint, from `info breakpoints'.  */
struct gloc {
	int		 num;
	uint64_t	 addr;
	char		 file[256];
	unsigned	 line;
};

/* What gdb made of a list of `break' commands: for command I the
   breakpoint number nums[I] (0: none), and every location.  */
struct gdbout {
	int		*nums;
	size_t		 nspecs;
	struct gloc	*locs;
	size_t		 nlocs;
};

/* A function as fs_dwarf sees it.  */
struct fn {
	char		*name;
	uint64_t	 lo, hi;
};

struct fnlist {
	struct fn	*v;
	size_t		 n;
};

/* Read the whole file PATH, NUL-terminated; NULL when unreadable.  */
static char *
slurp(const char *path)
{
	FILE *f;
	char *buf;
	long n;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) ==
	    NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The number of lines of TEXT (a last line without newline counts).  */
static unsigned
count_lines(const char *text)
{
	const char *p;
	unsigned n = 0;

	if (*text == '\0')
		return 0;
	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			n++;
	return p[-1] == '\n' ? n : n + 1;
}

/* The line of TEXT holding NEEDLE, 0 when none.  */
static unsigned
line_of(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *q;
	unsigned line = 1;

	if (p == NULL)
		return 0;
	for (q = text; q < p; q++)
		if (*q == '\n')
			line++;
	return line;
}

/* The path of the source of sample NAME: next to the samples' bin/.  */
static const char *
sample_source(const char *name)
{
	static char buf[4096];
	char *dir = strdup(sample_path(name));

	ck_assert_ptr_nonnull(dir);
	snprintf(buf, sizeof buf, "%s/../%s.c", dirname(dir), name);
	free(dir);
	return buf;
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

/* Whether PROG is on the PATH.  */
static bool
have(const char *prog)
{
	char cmd[256];
	int rc;

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", prog);
	rc = system(cmd);
	return rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
}

/* Parse the "What" column's trailing FILE:LINE of an `info breakpoints'
   row into L.  */
static void
parse_where(const char *row, struct gloc *l)
{
	const char *end = row + strlen(row), *colon, *sp;

	while (end > row && isspace((unsigned char)end[-1]))
		end--;
	for (colon = end; colon > row && colon[-1] != ':'; colon--)
		;
	if (colon == row)
		return;
	for (sp = colon - 1; sp > row && !isspace((unsigned char)sp[-1]);
	    sp--)
		;
	l->line = (unsigned)strtoul(colon, NULL, 10);
	snprintf(l->file, sizeof l->file, "%.*s", (int)(colon - 1 - sp), sp);
}

/* Ask gdb to `break' each of SPECS in BIN (a file address space: the
   program is not run) and collect what it says.  Each command is its own
   -ex, as an error ends a command file.  */
static void
gdb_run(const char *bin, char *const *specs, size_t n, struct gdbout *out)
{
	char *cmd = NULL, row[1024];
	struct gloc l;
	size_t i, cur = SIZE_MAX, len = 0;
	bool info = false;
	FILE *f, *p;
	int num;
	char *s;

	memset(out, 0, sizeof *out);
	out->nspecs = n;
	out->nums = calloc(n + 1, sizeof out->nums[0]);
	ck_assert_ptr_nonnull(out->nums);
	f = open_memstream(&cmd, &len);
	ck_assert_ptr_nonnull(f);
	fprintf(f, "gdb -nx -batch -ex 'set breakpoint pending off' "
	    "-ex 'set width 0' -ex 'set height 0'");
	for (i = 0; i < n; i++) {
		ck_assert(strchr(specs[i], '\'') == NULL);
		fprintf(f, " -ex 'echo @@%zu\\n' -ex 'break %s'", i,
		    specs[i]);
	}
	fprintf(f, " -ex 'echo @@end\\n' -ex 'info breakpoints' '%s' "
	    "2>/dev/null </dev/null", bin);
	fclose(f);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(row, sizeof row, p) != NULL) {
		if (strncmp(row, "@@end", 5) == 0) {
			info = true;
			continue;
		}
		if (!info && strncmp(row, "@@", 2) == 0) {
			cur = strtoul(row + 2, NULL, 10);
			continue;
		}
		if (!info) {
			if (cur < n && sscanf(row, "Breakpoint %d at", &num) ==
			    1)
				out->nums[cur] = num;
			continue;
		}
		/* "1   breakpoint keep y   0x...  in f at x.c:4" or
		   "1.2                  y   0x...  in f at x.c:4" */
		if (!isdigit((unsigned char)row[0]) ||
		    (s = strstr(row, " 0x")) == NULL)
			continue;
		memset(&l, 0, sizeof l);
		l.num = atoi(row);
		l.addr = strtoull(s + 1, NULL, 16);
		parse_where(s, &l);
		out->locs = realloc(out->locs, (out->nlocs + 1) *
		    sizeof out->locs[0]);
		ck_assert_ptr_nonnull(out->locs);
		out->locs[out->nlocs++] = l;
	}
	ck_assert_msg(pclose(p) == 0 && info, "gdb failed on %s", bin);
	free(cmd);
}

static void
gdb_free(struct gdbout *g)
{
	free(g->nums);
	free(g->locs);
}

/* fs_dwarf_foreach_function callback: collect into a fnlist.  */
static int
collect_fn(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	struct fnlist *l = arg;

	l->v = realloc(l->v, (l->n + 1) * sizeof l->v[0]);
	ck_assert_ptr_nonnull(l->v);
	l->v[l->n].name = strdup(name);
	ck_assert_ptr_nonnull(l->v[l->n].name);
	l->v[l->n].lo = lo;
	l->v[l->n].hi = hi;
	l->n++;
	return 0;
}

static void
fnlist_free(struct fnlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static struct fs_dwarf *
open_ok(const char *path)
{
	struct fs_dwarf *dw = NULL;
	struct fs_err e;
	int rc;

	fs_err_clear(&e);
	rc = fs_dwarf_open(path, &dw, &e);
	ck_assert_msg(rc == 0, "fs_dwarf_open(%s): %d %s", path, rc, e.msg);
	ck_assert_ptr_nonnull(dw);
	return dw;
}

/* The function called NAME in DW, failing when there is none.  */
static struct fn
find_fn(struct fs_dwarf *dw, const char *name)
{
	struct fnlist l = { NULL, 0 };
	struct fn f = { NULL, 0, 0 };
	size_t i;

	fs_dwarf_foreach_function(dw, collect_fn, &l);
	for (i = 0; i < l.n; i++)
		if (strcmp(l.v[i].name, name) == 0) {
			f.lo = l.v[i].lo;
			f.hi = l.v[i].hi;
		}
	fnlist_free(&l);
	ck_assert_msg(f.lo != 0, "no function %s", name);
	return f;
}

/* Compare `break FUNC' with gdb for every function of BIN whose name
   gdb can parse and for which PREFIX (or NULL) matches.  With C, every
   function must be known to gdb and the file and line of single-location
   breakpoints must agree too (gdb names Rust generics differently and
   gives the line of an inlined call).  Returns how many functions were
   compared.  */
static size_t
check_functions_gdb(const char *bin, const char *prefix, bool c)
{
	struct fnlist l = { NULL, 0 }, sel = { NULL, 0 };
	struct fs_lineinfo li;
	struct gdbout g;
	struct fs_dwarf *dw;
	const char *file;
	char **specs;
	uint64_t bp;
	size_t i, j, k, nin, nall, checked = 0;
	unsigned line;

	dw = open_ok(bin);
	fs_dwarf_foreach_function(dw, collect_fn, &l);
	for (i = 0; i < l.n; i++) {
		if (prefix != NULL && strncmp(l.v[i].name, prefix,
		    strlen(prefix)) != 0)
			continue;
		if (strpbrk(l.v[i].name, "<>{}() ,'") != NULL)
			continue;
		collect_fn(l.v[i].name, l.v[i].lo, l.v[i].hi, &sel);
	}
	if (sel.n == 0) {
		fnlist_free(&l);
		fs_dwarf_free(dw);
		return 0;
	}
	specs = calloc(sel.n, sizeof specs[0]);
	ck_assert_ptr_nonnull(specs);
	for (i = 0; i < sel.n; i++)
		specs[i] = sel.v[i].name;
	gdb_run(bin, specs, sel.n, &g);
	for (i = 0; i < sel.n; i++) {
		ck_assert_msg(g.nums[i] != 0 || !c, "%s: gdb has no "
		    "breakpoint for %s", bin, sel.v[i].name);
		if (g.nums[i] == 0)
			continue;
		ck_assert_int_eq(fs_dwarf_after_prologue(dw, sel.v[i].lo,
		    sel.v[i].hi, &bp), 0);
		/* gdb adds a location per inlined copy: ours is the one
		   inside the function's own range.  */
		for (j = nin = nall = 0, k = SIZE_MAX; j < g.nlocs; j++) {
			if (g.locs[j].num != g.nums[i])
				continue;
			nall++;
			if (g.locs[j].addr >= sel.v[i].lo &&
			    g.locs[j].addr < sel.v[i].hi) {
				nin++;
				k = j;
			}
		}
		ck_assert_msg(nin == 1 && g.locs[k].addr == bp,
		    "%s: break %s: fs_dwarf 0x%" PRIx64 ", gdb %s0x%" PRIx64,
		    bin, sel.v[i].name, bp, nin == 1 ? "" : "(none or many) ",
		    nin == 1 ? g.locs[k].addr : 0);
		if (nall == 1) {
			ck_assert_int_eq(fs_dwarf_bp_line(dw, bp, &file,
			    &line), 0);
			ck_assert_msg(strcmp(file, g.locs[k].file) == 0 &&
			    line == g.locs[k].line,
			    "%s: break %s at 0x%" PRIx64 ": fs_dwarf %s:%u, "
			    "gdb %s:%u", bin, sel.v[i].name, bp, file, line,
			    g.locs[k].file, g.locs[k].line);
		}
		/* Without inlining, the row there says the same.  */
		if (c && nall == 1) {
			ck_assert_int_eq(fs_dwarf_line_at(dw, bp, &li), 0);
			ck_assert_msg(strcmp(li.file, g.locs[k].file) == 0 &&
			    li.line == g.locs[k].line,
			    "%s: break %s at 0x%" PRIx64 ": fs_dwarf %s:%u, "
			    "gdb %s:%u", bin, sel.v[i].name, bp, li.file,
			    li.line, g.locs[k].file, g.locs[k].line);
		}
		checked++;
	}
	gdb_free(&g);
	free(specs);
	fnlist_free(&sel);
	fnlist_free(&l);
	fs_dwarf_free(dw);
	return checked;
}

/* qsort: addresses.  */
static int
u64_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Compare `break FILE:LINE' with gdb for every line of FILE (and two past
   its end) in BIN.  Returns how many lines gdb found code for.  */
static size_t
check_lines_gdb(const char *bin, const char *file, unsigned nlines)
{
	struct fs_dwarf *dw;
	struct fs_err e;
	struct gdbout g;
	uint64_t *ours, theirs[64];
	size_t n, nt, i, j, found = 0;
	unsigned line, chosen, gline;
	char **specs;
	int rc;

	specs = calloc(nlines + 2, sizeof specs[0]);
	ck_assert_ptr_nonnull(specs);
	for (line = 1; line <= nlines + 2; line++)
		ck_assert_int_ge(asprintf(&specs[line - 1], "%s:%u", file,
		    line), 0);
	gdb_run(bin, specs, nlines + 2, &g);
	dw = open_ok(bin);
	for (line = 1; line <= nlines + 2; line++) {
		nt = 0;
		gline = 0;
		for (j = 0; g.nums[line - 1] != 0 && j < g.nlocs; j++)
			if (g.locs[j].num == g.nums[line - 1] && nt < 64) {
				theirs[nt++] = g.locs[j].addr;
				gline = g.locs[j].line;
			}
		qsort(theirs, nt, sizeof theirs[0], u64_cmp);
		for (i = j = 0; i < nt; i++)
			if (j == 0 || theirs[j - 1] != theirs[i])
				theirs[j++] = theirs[i];
		nt = j;
		rc = fs_dwarf_find_line(dw, file, line, &ours, &n, &chosen,
		    &e);
		if (nt == 0) {
			ck_assert_msg(rc == -FS_E_NOENT, "%s: break %s:%u: "
			    "gdb finds nothing, fs_dwarf %d", bin, file, line,
			    rc);
			continue;
		}
		ck_assert_msg(rc == 0, "%s: break %s:%u: %s", bin, file, line,
		    e.msg);
		ck_assert_uint_ge(chosen, line);
		ck_assert_msg(n == nt, "%s: break %s:%u: %zu locations, gdb "
		    "%zu", bin, file, line, n, nt);
		/* The line gdb gives a single location.  */
		ck_assert_msg(nt != 1 || chosen == gline, "%s: break %s:%u: "
		    "fs_dwarf says line %u, gdb %u", bin, file, line, chosen,
		    gline);
		for (i = 0; i < n; i++)
			ck_assert_msg(ours[i] == theirs[i], "%s: break %s:%u: "
			    "fs_dwarf 0x%" PRIx64 ", gdb 0x%" PRIx64, bin, file,
			    line, ours[i], theirs[i]);
		free(ours);
		found++;
	}
	fs_dwarf_free(dw);
	gdb_free(&g);
	for (line = 0; line < nlines + 2; line++)
		free(specs[line]);
	free(specs);
	return found;
}

START_TEST(test_open_errors)
{
	struct fs_dwarf *dw = (struct fs_dwarf *)1;
	struct fs_err e;

	fs_err_clear(&e);
	ck_assert_int_eq(fs_dwarf_open(sample_path("callee8-nodebug"), &dw,
	    &e), -FS_E_NOENT);
	ck_assert_ptr_null(dw);
	ck_assert_int_eq(e.code, FS_E_NOENT);
	ck_assert(e.msg[0] != '\0');
	ck_assert_int_eq(fs_dwarf_open(sample_path("notelf"), &dw, &e),
	    -FS_E_FORMAT);
	ck_assert_ptr_null(dw);
	ck_assert_int_eq(fs_dwarf_open(sample_path("no-such-file"), &dw, &e),
	    -FS_E_SYS);
	ck_assert_int_eq(fs_dwarf_open("/", &dw, &e), -FS_E_FORMAT);
	fs_dwarf_free(NULL);
}
END_TEST

START_TEST(test_line_at_callee)
{
	static const char *const vars[] = { "callee8-O0", "callee8-O2" };
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	struct fn f;
	const char *name;
	uint64_t bp, lo, hi;
	unsigned want;
	char *src;
	size_t i;

	for (i = 0; i < 2; i++) {
		dw = open_ok(sample_path(vars[i]));
		f = find_fn(dw, "callee");
		ck_assert_int_eq(fs_dwarf_after_prologue(dw, f.lo, f.hi, &bp),
		    0);
		ck_assert(bp >= f.lo && bp < f.hi);
		ck_assert_int_eq(fs_dwarf_line_at(dw, bp, &li), 0);
		ck_assert_str_eq(li.file, "callee8.c");
		ck_assert_msg(li.fullpath[0] == '/', "%s", li.fullpath);
		ck_assert_msg(strlen(li.fullpath) > 10 && strcmp(li.fullpath +
		    strlen(li.fullpath) - 10, "/callee8.c") == 0, "%s",
		    li.fullpath);
		/* The source the DWARF points at, searched for the line.  */
		src = slurp(li.fullpath);
		ck_assert_msg(src != NULL, "cannot read %s", li.fullpath);
		want = line_of(src, "return arg7 + arg8;");
		free(src);
		ck_assert_uint_ne(want, 0);
		ck_assert_uint_eq(li.line, want);
		ck_assert(li.is_stmt);
		ck_assert(li.lo <= bp && bp < li.hi);
		ck_assert_int_eq(fs_dwarf_function_at(dw, bp, &name, &lo, &hi),
		    0);
		ck_assert_str_eq(name, "callee");
		ck_assert(lo == f.lo && hi == f.hi);
		/* Inside the row, the same row.  */
		ck_assert_int_eq(fs_dwarf_line_at(dw, li.hi - 1, &li), 0);
		ck_assert_uint_eq(li.line, want);
		/* No code at 0 nor far above.  */
		ck_assert_int_eq(fs_dwarf_line_at(dw, 0, &li), -FS_E_NOENT);
		ck_assert_int_eq(fs_dwarf_line_at(dw, UINT64_MAX - 1, &li),
		    -FS_E_NOENT);
		ck_assert_int_eq(fs_dwarf_function_at(dw, 0, &name, &lo, &hi),
		    -FS_E_NOENT);
		ck_assert_int_eq(fs_dwarf_after_prologue(dw, 0, 16, &bp),
		    -FS_E_NOENT);
		fs_dwarf_free(dw);
	}
}
END_TEST

START_TEST(test_rows_cover_functions)
{
	struct fnlist l = { NULL, 0 };
	struct fs_lineinfo li, prev;
	struct fs_dwarf *dw;
	uint64_t a;
	size_t i;

	dw = open_ok(sample_path("calc-O0"));
	fs_dwarf_foreach_function(dw, collect_fn, &l);
	ck_assert_uint_ge(l.n, 2);
	for (i = 0; i < l.n; i++) {
		memset(&prev, 0, sizeof prev);
		for (a = l.v[i].lo; a < l.v[i].hi; a++) {
			ck_assert_int_eq(fs_dwarf_line_at(dw, a, &li), 0);
			ck_assert(li.lo <= a && a < li.hi);
			ck_assert_str_eq(li.file, "calc.c");
			ck_assert_uint_gt(li.line, 0);
			/* Rows tile the function.  */
			if (prev.file != NULL && a >= prev.hi)
				ck_assert_uint_eq(li.lo, prev.hi);
			prev = li;
		}
	}
	fnlist_free(&l);
	fs_dwarf_free(dw);
}
END_TEST

/* Every statement row of a line table, as objdump decodes it, is the
   line of its address, on code LLVM made too (Rust), whose rows after
   DW_LNS_set_epilogue_begin libdwarf 20210528 marks end_sequence: a
   function's last line and its landing pads were lost.  A row shares
   no address with another (of them the last counts).  */
static const char *const objdump_line_samples[] = { "rust-heap_demo-O0",
    "rust-calc-O2", "calc-O0" };

START_TEST(test_rows_as_objdump)
{
	char cmd[4400], row[1024], file[512], x[8];
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	unsigned long line, pline = 0;
	uint64_t addr, paddr = 0;
	bool pstmt = false, seen = false, dead = false;
	size_t checked = 0;
	const char *bin = sample_path(objdump_line_samples[_i]);
	FILE *p;
	int n;

	dw = open_ok(bin);
	snprintf(cmd, sizeof cmd, "objdump --dwarf=decodedline '%s'", bin);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	/* Each row is checked when the next shows no other row at its
	   address.  */
	while (fgets(row, sizeof row, p) != NULL) {
		char *tok, *last = NULL, *save = NULL;

		char dash[4];

		if (sscanf(row, "%511s %3s %" SCNx64, file, dash, &addr) == 3 &&
		    strcmp(dash, "-") == 0) {
			/* A sequence's end: its last row ends here.  */
			if (seen && pstmt && pline != 0 && !dead &&
			    addr > paddr) {
				ck_assert_msg(fs_dwarf_line_at(dw, paddr,
				    &li) == 0 && li.line == pline, "%s: 0x%"
				    PRIx64 " line %lu, framescope %u",
				    objdump_line_samples[_i], paddr, pline,
				    li.line);
				checked++;
			}
			seen = dead = false;
			continue;
		}
		n = sscanf(row, "%511s %lu %" SCNx64, file, &line, &addr);
		if (n < 3 || strncmp(row, "File name", 9) == 0)
			continue;
		/* A sequence at 0 is code the linker dropped.  */
		if (!seen && addr == 0)
			dead = true;
		/* The last word is "x" on a statement row (a view number
		   may stand before it).  */
		for (tok = strtok_r(row, " \t\n", &save), n = 0; tok != NULL;
		    tok = strtok_r(NULL, " \t\n", &save), n++)
			last = tok;
		snprintf(x, sizeof x, "%s", n >= 4 && last != NULL ? last :
		    "");
		if (seen && addr != paddr && pstmt && pline != 0 && !dead &&
		    addr > paddr) {
			ck_assert_msg(fs_dwarf_line_at(dw, paddr, &li) == 0 &&
			    li.line == pline, "%s: 0x%" PRIx64 " line %lu, "
			    "framescope %u", objdump_line_samples[_i], paddr,
			    pline, li.line);
			checked++;
		}
		seen = !(seen && addr == paddr);
		paddr = addr;
		pline = line;
		pstmt = strcmp(x, "x") == 0;
	}
	pclose(p);
	ck_assert_uint_gt(checked, 10);
	fs_dwarf_free(dw);
}
END_TEST

START_TEST(test_break_function_gdb)
{
	char name[128];
	size_t i, j, k, n = 0;

	ck_assert_msg(have("gdb"), "gdb is needed");
	for (i = 0; i < sizeof c_samples / sizeof c_samples[0]; i++)
		for (j = 0; j < sizeof c_variants / sizeof c_variants[0];
		    j++) {
			snprintf(name, sizeof name, "%s-%s", c_samples[i],
			    c_variants[j]);
			k = check_functions_gdb(sample_path(name), NULL, true);
			ck_assert_msg(k > 0, "%s: no function", name);
			n += k;
		}
	/* Every sample has main and most something more.  */
	ck_assert_uint_ge(n, 60);
}
END_TEST

START_TEST(test_break_line_gdb)
{
	char name[128], file[128];
	size_t i, j, n = 0;
	unsigned nlines;
	char *src;

	ck_assert_msg(have("gdb"), "gdb is needed");
	for (i = 0; i < sizeof c_samples / sizeof c_samples[0]; i++) {
		src = slurp(sample_source(c_samples[i]));
		ck_assert_msg(src != NULL, "no %s",
		    sample_source(c_samples[i]));
		nlines = count_lines(src);
		free(src);
		snprintf(file, sizeof file, "%s.c", c_samples[i]);
		for (j = 0; j < sizeof c_variants / sizeof c_variants[0];
		    j++) {
			snprintf(name, sizeof name, "%s-%s", c_samples[i],
			    c_variants[j]);
			n += check_lines_gdb(sample_path(name), file, nlines);
		}
	}
	ck_assert_uint_ge(n, 100);
}
END_TEST

START_TEST(test_break_line_moves)
{
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	struct fs_err e;
	uint64_t *a, *b;
	size_t n, m;
	unsigned blank, code, mid, out, out2, i;
	char *src, *p;

	src = slurp(sample_source("callee8"));
	ck_assert_ptr_nonnull(src);
	/* The first blank line, and the first line with code after it
	   (`int main() {' has a row; lines of comment do not).  */
	for (p = src, i = 1, blank = 0; *p != '\0' && blank == 0; p++) {
		if (*p == '\n' && p[1] == '\n')
			blank = i + 1;
		if (*p == '\n')
			i++;
	}
	code = line_of(src, "int main");
	mid = line_of(src, "long b = 8;");
	free(src);
	ck_assert_uint_gt(mid, code);
	ck_assert_uint_ne(blank, 0);
	ck_assert_uint_gt(code, blank);

	dw = open_ok(sample_path("callee8-O0"));
	ck_assert_int_eq(fs_dwarf_find_line(dw, "callee8.c", blank, &a, &n,
	    &out, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fs_dwarf_find_line(dw, "callee8.c", code, &b, &m,
	    &out2, &e), 0);
	ck_assert_uint_eq(m, 1);
	ck_assert(a[0] == b[0]);
	ck_assert_uint_eq(out, out2);
	/* Past main's prologue, as `break main' is, and named by the line
	   there.  */
	ck_assert_int_eq(fs_dwarf_line_at(dw, a[0], &li), 0);
	ck_assert_uint_gt(li.line, code);
	ck_assert_uint_eq(out, li.line);
	free(a);
	free(b);
	/* A line inside main stays itself.  */
	ck_assert_int_eq(fs_dwarf_find_line(dw, "callee8.c", mid, &a, &n,
	    &out, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out, mid);
	ck_assert_int_eq(fs_dwarf_line_at(dw, a[0], &li), 0);
	ck_assert_uint_eq(li.line, mid);
	ck_assert_uint_eq(li.lo, a[0]);
	free(a);
	/* A directory prefix and the absolute path name the same file.  */
	ck_assert_int_eq(fs_dwarf_find_line(dw, "samples/callee8.c", code, &a,
	    &n, &out, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fs_dwarf_line_at(dw, a[0], &li), 0);
	free(a);
	ck_assert_int_eq(fs_dwarf_find_line(dw, li.fullpath, code, &a, &n,
	    &out, &e), 0);
	ck_assert_uint_eq(n, 1);
	free(a);
	/* Not a trailing component: "ee8.c" is no file.  */
	ck_assert_int_eq(fs_dwarf_find_line(dw, "ee8.c", code, &a, &n, &out,
	    &e), -FS_E_NOENT);
	ck_assert_int_eq(fs_dwarf_find_line(dw, "nosuch.c", 1, &a, &n, &out,
	    &e), -FS_E_NOENT);
	ck_assert(e.msg[0] != '\0');
	ck_assert_int_eq(fs_dwarf_find_line(dw, "callee8.c", 0, &a, &n, &out,
	    &e), -FS_E_NOENT);
	ck_assert_int_eq(fs_dwarf_find_line(dw, "callee8.c", 100000, &a, &n,
	    &out, &e), -FS_E_NOENT);
	fs_dwarf_free(dw);
}
END_TEST

/* Everything fs_dwarf says about two builds of one program that differ
   only in their DWARF version must agree.  */
static void
compare_builds(const char *p4, const char *p5, unsigned nlines)
{
	struct fnlist l4 = { NULL, 0 }, l5 = { NULL, 0 };
	struct fs_lineinfo a, b;
	struct fs_dwarf *d4, *d5;
	struct fs_err e;
	uint64_t x, bp4, bp5, *v4, *v5;
	size_t i, n4, n5;
	unsigned line, o4, o5;
	int r4, r5;

	d4 = open_ok(p4);
	d5 = open_ok(p5);
	fs_dwarf_foreach_function(d4, collect_fn, &l4);
	fs_dwarf_foreach_function(d5, collect_fn, &l5);
	ck_assert_uint_eq(l4.n, l5.n);
	ck_assert_uint_ge(l4.n, 2);
	for (i = 0; i < l4.n; i++) {
		ck_assert_str_eq(l4.v[i].name, l5.v[i].name);
		ck_assert(l4.v[i].lo == l5.v[i].lo && l4.v[i].hi ==
		    l5.v[i].hi);
		ck_assert_int_eq(fs_dwarf_after_prologue(d4, l4.v[i].lo,
		    l4.v[i].hi, &bp4), 0);
		ck_assert_int_eq(fs_dwarf_after_prologue(d5, l5.v[i].lo,
		    l5.v[i].hi, &bp5), 0);
		ck_assert_msg(bp4 == bp5, "%s: 0x%" PRIx64 " / 0x%" PRIx64,
		    l4.v[i].name, bp4, bp5);
		for (x = l4.v[i].lo; x < l4.v[i].hi; x++) {
			r4 = fs_dwarf_line_at(d4, x, &a);
			r5 = fs_dwarf_line_at(d5, x, &b);
			ck_assert_int_eq(r4, r5);
			if (r4 != 0)
				continue;
			ck_assert_str_eq(a.file, b.file);
			ck_assert_str_eq(a.fullpath, b.fullpath);
			ck_assert_msg(a.line == b.line &&
			    a.column == b.column && a.lo == b.lo &&
			    a.hi == b.hi &&
			    a.is_stmt == b.is_stmt, "%s at 0x%" PRIx64
			    ": DWARF 4 %u:%u [%" PRIx64 ",%" PRIx64 "), "
			    "DWARF 5 %u:%u [%" PRIx64 ",%" PRIx64 ")",
			    l4.v[i].name, x, a.line, a.column, a.lo, a.hi,
			    b.line, b.column, b.lo, b.hi);
		}
	}
	for (line = 1; line <= nlines + 1; line++) {
		r4 = fs_dwarf_find_line(d4, "callee8.c", line, &v4, &n4, &o4,
		    &e);
		r5 = fs_dwarf_find_line(d5, "callee8.c", line, &v5, &n5, &o5,
		    &e);
		ck_assert_int_eq(r4, r5);
		if (r4 != 0)
			continue;
		ck_assert_uint_eq(o4, o5);
		ck_assert_uint_eq(n4, n5);
		for (i = 0; i < n4; i++)
			ck_assert(v4[i] == v5[i]);
		free(v4);
		free(v5);
	}
	fnlist_free(&l4);
	fnlist_free(&l5);
	fs_dwarf_free(d4);
	fs_dwarf_free(d5);
}

START_TEST(test_dwarf4_vs_dwarf5)
{
	static const char *const opts[] = {
		"-O0", "-O2", "-O0 -fomit-frame-pointer",
	};
	char dir[] = "/tmp/fs_dwarf_d45XXXXXX", p4[256], p5[256];
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	unsigned nlines;
	char *src;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	src = slurp(sample_source("callee8"));
	ck_assert_ptr_nonnull(src);
	nlines = count_lines(src);
	free(src);
	/* Compiled in the directory, so DWARF names "callee8.c".  */
	sh("cp '%s' %s/callee8.c", sample_source("callee8"), dir);
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		snprintf(p4, sizeof p4, "%s/c4-%zu", dir, i);
		snprintf(p5, sizeof p5, "%s/c5-%zu", dir, i);
		sh("cd %s && gcc -g -gdwarf-4 %s -o %s callee8.c && "
		    "gcc -g -gdwarf-5 %s -o %s callee8.c", dir, opts[i], p4,
		    opts[i], p5);
		compare_builds(p4, p5, nlines);
		/* And the DWARF 4 build against gdb.  */
		ck_assert_uint_ge(check_functions_gdb(p4, NULL, true), 2);
		ck_assert_uint_ge(check_lines_gdb(p4, "callee8.c", nlines),
		    5);
		dw = open_ok(p4);
		ck_assert_int_eq(fs_dwarf_line_at(dw, find_fn(dw, "main").lo,
		    &li), 0);
		ck_assert_str_eq(li.file, "callee8.c");
		fs_dwarf_free(dw);
	}
	sh("rm -rf %s", dir);
}
END_TEST

/* Source of the Rust test program: a module, an inherent method, a trait
   method and a closure.  */
static const char rust_src[] =
    "mod geo {\n"
    "    pub struct Point { pub x: i64, pub y: i64 }\n"
    "    impl Point {\n"
    "        #[inline(never)]\n"
    "        pub fn sum(&self) -> i64 {\n"
    "            self.x + self.y\n"
    "        }\n"
    "    }\n"
    "    #[inline(never)]\n"
    "    pub fn scale(p: &Point, k: i64) -> i64 {\n"
    "        p.sum() * k\n"
    "    }\n"
    "}\n"
    "impl std::fmt::Display for geo::Point {\n"
    "    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {\n"
    "        write!(f, \"({}, {})\", self.x, self.y)\n"
    "    }\n"
    "}\n"
    "#[inline(never)]\n"
    "fn add(a: i64, b: i64) -> i64 {\n"
    "    a + b\n"
    "}\n"
    "fn main() {\n"
    "    let n = std::env::args().len() as i64;\n"
    "    let p = geo::Point { x: n, y: 2 };\n"
    "    let f = |v: i64| v * 3;\n"
    "    println!(\"{} {} {}\", add(n, 1), geo::scale(&p, f(n)), p);\n"
    "}\n";

/* Whether the list holds a function called NAME.  */
static bool
has_fn(const struct fnlist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return true;
	return false;
}

START_TEST(test_rust)
{
	static const char *const flags[] = {
		"-C opt-level=0", "-C opt-level=2",
		"-C opt-level=0 -C symbol-mangling-version=v0",
	};
	char dir[] = "/tmp/fs_dwarf_rsXXXXXX", path[256], bin[256];
	struct fnlist l = { NULL, 0 }, al = { NULL, 0 };
	const char *demangled;
	struct fs_lineinfo li;
	struct fn fn;
	struct fs_dwarf *dw;
	const char *name;
	uint64_t lo, hi, bp;
	unsigned line;
	FILE *f;
	size_t i;

	if (!have("rustc") || !have("gdb"))
		return;		/* Rust is optional on this machine */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/demo.rs", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(rust_src, f);
	fclose(f);
	line = line_of(rust_src, "a + b");
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		snprintf(bin, sizeof bin, "%s/demo%zu", dir, i);
		snprintf(path, sizeof path, "rustc %s --print cfg >/dev/null "
		    "2>&1", flags[i]);
		if (system(path) != 0)
			continue;	/* a rustc without v0 mangling */
		sh("cd %s && rustc -g %s -o %s demo.rs", dir, flags[i], bin);
		dw = open_ok(bin);
		fs_dwarf_foreach_function(dw, collect_fn, &l);
		ck_assert(has_fn(&l, "demo::add"));
		ck_assert(has_fn(&l, "demo::main"));
		ck_assert(has_fn(&l, "demo::geo::scale"));
		/* v0 writes an inherent method as <Type>::method.  */
		ck_assert(has_fn(&l, "demo::geo::Point::sum") ||
		    has_fn(&l, "<demo::geo::Point>::sum"));
		/* A method of a trait's impl: by gdb's DWARF path, which
		   only numbers the impl (demo::{impl#N}::fmt); its
		   demangled symbol, which says what it implements, is its
		   second name.  The legacy mangling of an impl outside the
		   type's module says "impl ... for", v0 says "as".  */
		ck_assert(has_fn(&l, "demo::{impl#0}::fmt") ||
		    has_fn(&l, "demo::{impl#1}::fmt") ||
		    has_fn(&l, "demo::{impl#2}::fmt"));
		fs_dwarf_foreach_alias(dw, collect_fn, &al);
		demangled = i == 2 ? "<demo::geo::Point as "
		    "core::fmt::Display>::fmt" : "demo::<impl "
		    "core::fmt::Display for demo::geo::Point>::fmt";
		ck_assert(has_fn(&al, demangled));
		ck_assert(!has_fn(&l, demangled));
		fnlist_free(&al);
		if (i != 1)	/* -O2 folds the closure into main */
			ck_assert_msg(has_fn(&l, "demo::main::{{closure}}") ||
			    has_fn(&l, "demo::main::{closure#0}"),
			    "no closure in %s", bin);
		fnlist_free(&l);
		/* add's breakpoint: its body line, in demo.rs.  */
		fn = find_fn(dw, "demo::add");
		ck_assert_int_eq(fs_dwarf_after_prologue(dw, fn.lo, fn.hi,
		    &bp), 0);
		ck_assert_int_eq(fs_dwarf_line_at(dw, bp, &li), 0);
		ck_assert_str_eq(li.file, "demo.rs");
		ck_assert_uint_eq(li.line, line);
		ck_assert_int_eq(fs_dwarf_function_at(dw, bp, &name, &lo, &hi),
		    0);
		ck_assert_str_eq(name, "demo::add");
		fs_dwarf_free(dw);
		/* The crate's functions against gdb, and those of the
		   standard library it links when that has DWARF (rustup's
		   does, line tables only).  */
		ck_assert_uint_ge(check_functions_gdb(bin, "demo::", false), 3);
		check_functions_gdb(bin, "std::", false);
	}
	sh("rm -rf %s", dir);
}
END_TEST

/* The file offset and size of section NAME of PATH, from readelf; its
   address in *ADDR when ADDR is not NULL.  */
static bool
section_at(const char *path, const char *name, long *off, long *size,
    unsigned long *addr)
{
	char cmd[4096], row[1024], *p;
	unsigned long a, o, s;
	FILE *f;
	bool found = false;

	snprintf(cmd, sizeof cmd, "readelf -S -W '%s'", path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(row, sizeof row, f) != NULL) {
		if ((p = strstr(row, name)) == NULL || p[strlen(name)] != ' ')
			continue;
		p += strlen(name);
		/* Type, then address, offset and size in hexadecimal.  */
		while (*p == ' ')
			p++;
		while (*p != ' ' && *p != '\0')
			p++;
		if (sscanf(p, "%lx %lx %lx", &a, &o, &s) == 3) {
			*off = (long)o;
			*size = (long)s;
			if (addr != NULL)
				*addr = a;
			found = true;
		}
	}
	pclose(f);
	return found;
}

/* The .text of a program, for a code reader handed to fs_dwarf.  */
struct text {
	int		fd;
	unsigned long	addr;
	long		off, size;
	uint8_t		buf[64];
};

/* fs_dwarf_set_code reader over struct text.  */
static const void *
text_bytes(void *arg, uint64_t faddr, size_t len)
{
	struct text *t = arg;

	if (len > sizeof t->buf || faddr < t->addr ||
	    faddr - t->addr + len > (uint64_t)t->size ||
	    pread(t->fd, t->buf, len, t->off + (off_t)(faddr - t->addr)) !=
	    (ssize_t)len)
		return NULL;
	return t->buf;
}

START_TEST(test_debug_file)
{
	static const char *const vars[] = {
		"callee8-O0", "callee8-O0-nofp", "calc-O0", "calc-O0-nofp",
	};
	char dir[] = "/tmp/fs_dwarf_dbgXXXXXX", dbg[256];
	struct fnlist l = { NULL, 0 };
	struct fs_dwarf *dw, *dd;
	struct text t;
	uint64_t a, b;
	size_t i, j;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		snprintf(dbg, sizeof dbg, "%s/%s.debug", dir, vars[i]);
		sh("objcopy --only-keep-debug '%s' '%s'", sample_path(vars[i]),
		    dbg);
		dw = open_ok(sample_path(vars[i]));
		dd = open_ok(dbg);
		fs_dwarf_foreach_function(dw, collect_fn, &l);
		/* Without code, some address of the function.  */
		for (j = 0; j < l.n; j++) {
			ck_assert_int_eq(fs_dwarf_after_prologue(dd, l.v[j].lo,
			    l.v[j].hi, &b), 0);
			ck_assert(b >= l.v[j].lo && b < l.v[j].hi);
		}
		/* With the program's code, what the program gives.  */
		t.fd = open(sample_path(vars[i]), O_RDONLY);
		ck_assert_int_ge(t.fd, 0);
		ck_assert(section_at(sample_path(vars[i]), ".text", &t.off,
		    &t.size, &t.addr));
		fs_dwarf_set_code(dd, text_bytes, &t);
		for (j = 0; j < l.n; j++) {
			ck_assert_int_eq(fs_dwarf_after_prologue(dw, l.v[j].lo,
			    l.v[j].hi, &a), 0);
			ck_assert_int_eq(fs_dwarf_after_prologue(dd, l.v[j].lo,
			    l.v[j].hi, &b), 0);
			ck_assert_msg(a == b, "%s: %s: 0x%" PRIx64 " / 0x%"
			    PRIx64, vars[i], l.v[j].name, a, b);
		}
		close(t.fd);
		fnlist_free(&l);
		fs_dwarf_free(dw);
		fs_dwarf_free(dd);
	}
	sh("rm -rf %s", dir);
}
END_TEST

/* A copy of sample NAME in a temporary file, whose path is returned in
   PATH.  */
static int
copy_sample(const char *name, char *path, size_t len)
{
	char *data;
	FILE *f;
	int fd;
	long n;

	snprintf(path, len, "/tmp/fs_dwarf_badXXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fopen(sample_path(name), "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n);
	ck_assert_ptr_nonnull(data);
	ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	ck_assert_int_eq(write(fd, data, (size_t)n), n);
	free(data);
	return fd;
}

/* Overwrite LEN bytes at OFF of FD with BYTE.  */
static void
smash(int fd, long off, long len, int byte)
{
	char buf[4096];

	memset(buf, byte, sizeof buf);
	while (len > 0) {
		long k = len < (long)sizeof buf ? len : (long)sizeof buf;

		ck_assert_int_eq(pwrite(fd, buf, (size_t)k, off), k);
		off += k;
		len -= k;
	}
}

/* Ask every question of the file at PATH, whose functions in the sound
   copy are L: answers may be "no", never a crash or garbage.  Returns
   how many line lookups succeeded.  */
static size_t
interrogate(const char *path, const struct fnlist *l)
{
	struct fnlist got = { NULL, 0 };
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	struct fs_err e;
	const char *name;
	uint64_t a, lo, hi, bp, *v;
	size_t i, n, ok = 0;
	unsigned line, out;
	int rc;

	rc = fs_dwarf_open(path, &dw, &e);
	ck_assert_msg(rc == 0 || rc == -FS_E_FORMAT || rc == -FS_E_NOENT,
	    "open: %d", rc);
	if (rc != 0)
		return 0;
	for (i = 0; i < l->n; i++) {
		rc = fs_dwarf_after_prologue(dw, l->v[i].lo, l->v[i].hi, &bp);
		ck_assert(rc == 0 || rc == -FS_E_NOENT);
		for (a = l->v[i].lo; a < l->v[i].hi; a++) {
			rc = fs_dwarf_line_at(dw, a, &li);
			ck_assert(rc == 0 || rc == -FS_E_NOENT);
			if (rc == 0) {
				ck_assert(li.file != NULL && li.fullpath !=
				    NULL && li.lo <= a && a < li.hi);
				ok++;
			}
			rc = fs_dwarf_function_at(dw, a, &name, &lo, &hi);
			ck_assert(rc == 0 || rc == -FS_E_NOENT);
			if (rc == 0)
				ck_assert(name != NULL && lo <= a && a < hi);
		}
	}
	for (line = 1; line < 16; line++) {
		rc = fs_dwarf_find_line(dw, "callee8.c", line, &v, &n, &out,
		    &e);
		ck_assert(rc == 0 || rc == -FS_E_NOENT);
		if (rc == 0)
			free(v);
	}
	fs_dwarf_foreach_function(dw, collect_fn, &got);
	fnlist_free(&got);
	fs_dwarf_free(dw);
	return ok;
}

START_TEST(test_corrupt_line)
{
	struct fnlist l = { NULL, 0 };
	struct fs_dwarf *dw;
	struct fs_lineinfo li;
	const char *name;
	char path[64];
	long off, size;
	uint64_t lo, hi;
	int fd;

	dw = open_ok(sample_path("callee8-O0"));
	fs_dwarf_foreach_function(dw, collect_fn, &l);
	fs_dwarf_free(dw);
	ck_assert_uint_ge(l.n, 2);

	/* The middle of .debug_line: its file table and opcodes.  */
	fd = copy_sample("callee8-O0", path, sizeof path);
	ck_assert(section_at(path, ".debug_line", &off, &size, NULL));
	ck_assert_int_gt(size, 40);
	smash(fd, off + size / 4, size / 2, 0xff);
	interrogate(path, &l);

	/* A unit length larger than the section: the unit's line table is
	   unusable, its functions are still known.  */
	smash(fd, off, 4, 0xee);
	dw = open_ok(path);
	ck_assert_int_eq(fs_dwarf_line_at(dw, l.v[0].lo, &li), -FS_E_NOENT);
	ck_assert_int_eq(fs_dwarf_function_at(dw, l.v[0].lo, &name, &lo,
	    &hi), 0);
	ck_assert_str_eq(name, l.v[0].name);
	fs_dwarf_free(dw);
	ck_assert_uint_eq(interrogate(path, &l), 0);
	close(fd);
	unlink(path);
	fnlist_free(&l);
}
END_TEST

START_TEST(test_corrupt_info)
{
	static const char *const secs[] = {
		".debug_info", ".debug_abbrev", ".debug_str",
		".debug_line_str", ".debug_rnglists", ".debug_aranges",
	};
	struct fnlist l = { NULL, 0 };
	struct fs_dwarf *dw;
	struct fs_err e;
	char path[64];
	long off, size;
	size_t i;
	int fd;

	dw = open_ok(sample_path("callee8-O2"));
	fs_dwarf_foreach_function(dw, collect_fn, &l);
	fs_dwarf_free(dw);
	for (i = 0; i < sizeof secs / sizeof secs[0]; i++) {
		fd = copy_sample("callee8-O2", path, sizeof path);
		if (section_at(path, secs[i], &off, &size, NULL)) {
			smash(fd, off + size / 4, size / 2 + 1, 0xff);
			interrogate(path, &l);
			smash(fd, off, size, 0x00);
			interrogate(path, &l);
		}
		close(fd);
		unlink(path);
	}
	/* A bad .debug_rnglists unit header is refused before libdwarf
	   (20210528 frees twice on it) reads the file.  */
	fd = copy_sample("callee8-O2", path, sizeof path);
	ck_assert(section_at(path, ".debug_rnglists", &off, &size, NULL));
	smash(fd, off + 4, 2, 0x07);
	ck_assert_int_eq(fs_dwarf_open(path, &dw, &e), -FS_E_FORMAT);
	close(fd);
	unlink(path);
	fnlist_free(&l);
}
END_TEST

START_TEST(test_fuzz)
{
	static const char *const secs[] = {
		".debug_info", ".debug_abbrev", ".debug_line",
		".debug_rnglists", ".debug_loclists", ".debug_str",
	};
	struct fnlist l = { NULL, 0 };
	struct fs_dwarf *dw;
	char path[64];
	long off[6], size[6];
	unsigned seed = 1;
	size_t it, k, s;
	int fd;
	char b;

	dw = open_ok(sample_path("sighandler-O2"));
	fs_dwarf_foreach_function(dw, collect_fn, &l);
	fs_dwarf_free(dw);
	fd = copy_sample("sighandler-O2", path, sizeof path);
	for (s = 0; s < 6; s++)
		if (!section_at(path, secs[s], &off[s], &size[s], NULL))
			size[s] = 0;
	close(fd);
	unlink(path);
	/* Random bytes at random places of the DWARF sections, a fixed
	   sequence of them.  */
	for (it = 0; it < 150; it++) {
		fd = copy_sample("sighandler-O2", path, sizeof path);
		for (k = 0; k < 1 + it % 8; k++) {
			s = (size_t)rand_r(&seed) % 6;
			if (size[s] == 0)
				continue;
			b = (char)rand_r(&seed);
			ck_assert_int_eq(pwrite(fd, &b, 1, off[s] +
			    rand_r(&seed) % size[s]), 1);
		}
		interrogate(path, &l);
		close(fd);
		unlink(path);
	}
	fnlist_free(&l);
}
END_TEST

Suite *
dwarf_suite(void)
{
	Suite *s = suite_create("dwarf");
	TCase *tc;

	tc = tcase_create("lookup");
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_line_at_callee);
	tcase_add_test(tc, test_rows_cover_functions);
	tcase_add_loop_test(tc, test_rows_as_objdump, 0,
	    (int)(sizeof objdump_line_samples /
	    sizeof objdump_line_samples[0]));
	tcase_add_test(tc, test_break_line_moves);
	tcase_add_test(tc, test_debug_file);
	suite_add_tcase(s, tc);

	/* gdb runs once per binary: minutes on a slow machine.  */
	tc = tcase_create("gdb");
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_break_function_gdb);
	tcase_add_test(tc, test_break_line_gdb);
	tcase_add_test(tc, test_dwarf4_vs_dwarf5);
	tcase_add_test(tc, test_rust);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_corrupt_line);
	tcase_add_test(tc, test_corrupt_info);
	tcase_add_test(tc, test_fuzz);
	suite_add_tcase(s, tc);
	return s;
}
