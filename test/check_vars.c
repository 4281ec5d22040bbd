/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Variables against gdb.  At a breakpoint on every function of a C sample
 * (as its DWARF lists them), gdb and framescope run the same commands:
 * `info args`, `info locals`, `bt` (argument values in every frame), a
 * `print` of every argument and local, `up` and `info locals` in the
 * caller, and `finish` with its "Value returned".  Every line that shows
 * a value must be the same.  The samples run at -O0, -O0 without frame
 * pointers and -O2, where variables live in registers, move between
 * locations and are optimized out, and where gdb shows the values
 * arguments had at the function's entry from the caller's call sites
 * (`x=x@entry=5').  In tailcall, frames of tail calls, which gdb and
 * framescope make up from the call sites, show their arguments and give
 * the entry values of the frame below; in sighandler, a tail call frame
 * in pthread_kill, and the C library's functions named by their linkage
 * names (__GI_raise), as gdb names them.  In floats, float, double and
 * long double arguments in xmm registers and x87 ones at -O1 and -O2
 * (values computed by typed DWARF operations, entry values of xmm
 * arguments: `x=x@entry=1.5'), and pointers made synthetic.  And all of
 * it on every sample built gcc -m32 (i386): 4-byte addresses in DWARF
 * expressions, i386's sizes, the return through the hidden pointer.
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_dinfo.h"
#include "fs_dwarf.h"
#include "fs_error.h"

struct funcs {
	char	**v;
	size_t	  n;
};

static int
collect(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	struct funcs *f = arg;
	size_t i;

	(void)lo;
	(void)hi;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i], name) == 0)
			return 0;
	ck_assert_ptr_nonnull(f->v = realloc(f->v, (f->n + 1) *
	    sizeof *f->v));
	ck_assert_ptr_nonnull(f->v[f->n++] = strdup(name));
	return 0;
}

/* The names of the parameters and locals of function FUNC (at its entry
   scope), for `print' commands.  */
static size_t
var_names(struct fs_dwarf *dw, const char *prog, const char *func,
    char names[][64], size_t max)
{
	const struct fs_scope *sc;
	struct fs_err e;
	size_t n = 0, i;
	char cmd[512];
	FILE *p;
	unsigned long long addr;

	/* The function's address, from nm: DWARF model lookup by pc.  */
	snprintf(cmd, sizeof cmd, "nm %s | awk '$3 == \"%s\" { print $1 }'",
	    prog, func);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	if (fscanf(p, "%llx", &addr) != 1)
		addr = 0;
	pclose(p);
	if (addr == 0 || fs_dinfo_scope_at(dw, addr, &sc, &e) < 0)
		return 0;
	for (; sc != NULL && n < max; sc = sc->parent)
		for (i = 0; i < sc->nvars && n < max; i++)
			if (sc->vars[i].name != NULL && !sc->vars[i].artificial)
				snprintf(names[n++], 64, "%s",
				    sc->vars[i].name);
	return n;
}

/* Lines that show values, or say there are none.  */
static bool
value_line(const char *l)
{
	if (strncmp(l, "No locals.", 10) == 0 ||
	    strncmp(l, "No arguments.", 13) == 0 ||
	    strncmp(l, "No symbol table info", 20) == 0 ||
	    strncmp(l, "Value returned is ", 18) == 0 ||
	    (l[0] == '#' && l[1] >= '0' && l[1] <= '9') ||
	    (l[0] == '$' && l[1] >= '1' && l[1] <= '9'))
		return true;
	/* "name = value" of info locals/args.  */
	{
		const char *eq = strstr(l, " = ");
		size_t k;

		if (eq == NULL || eq == l)
			return false;
		for (k = 0; l + k < eq; k++)
			if (!(l[k] == '_' || (l[k] >= 'a' && l[k] <= 'z') ||
			    (l[k] >= 'A' && l[k] <= 'Z') ||
			    (l[k] >= '0' && l[k] <= '9')))
				return false;
		return true;
	}
}

static char **
value_lines(const char *out, size_t *n)
{
	char **lines, **v;
	size_t total, i, k = 0;

	lines = util_lines(out, &total);
	ck_assert_ptr_nonnull(v = calloc(total + 1, sizeof *v));
	for (i = 0; i < total; i++)
		if (value_line(lines[i]))
			ck_assert_ptr_nonnull(v[k++] = strdup(lines[i]));
	util_lines_free(lines);
	*n = k;
	return v;
}

static unsigned
compare_sample(const char *sample)
{
	char *prog = util_sample(sample);
	struct fs_dwarf *dw;
	struct fs_err e;
	struct funcs fn = { 0 };
	unsigned bad = 0, compared = 0;
	size_t i, k;

	ck_assert_msg(fs_dwarf_open(prog, &dw, &e) == 0, "%s: %s", prog,
	    e.msg);
	fs_dwarf_foreach_function(dw, collect, &fn);
	ck_assert_msg(fn.n > 0, "%s: no functions", sample);
	for (i = 0; i < fn.n; i++) {
		char names[32][64], pcmd[32][80], brk[128];
		const char *cmds[48];
		struct util_result g, f;
		char **gl, **fl;
		size_t nn, gn, fnl, c = 0, j;

		nn = var_names(dw, prog, fn.v[i], names, 32);
		snprintf(brk, sizeof brk, "break %s", fn.v[i]);
		cmds[c++] = brk;
		cmds[c++] = "run";
		cmds[c++] = "info args";
		cmds[c++] = "info locals";
		cmds[c++] = "bt";
		for (j = 0; j < nn; j++) {
			snprintf(pcmd[j], sizeof pcmd[j], "print %.63s", names[j]);
			cmds[c++] = pcmd[j];
		}
		cmds[c++] = "up";
		cmds[c++] = "info locals";
		cmds[c++] = "down";
		cmds[c++] = "finish";
		cmds[c] = NULL;
		util_gdb(&g, NULL, cmds, prog, NULL);
		util_framescope(&f, NULL, cmds, prog, NULL);
		ck_assert_msg(!f.timed_out && WIFEXITED(f.status),
		    "%s %s: framescope %s\n%s", sample, fn.v[i],
		    util_status_text(&f), f.err);
		gl = value_lines(g.out, &gn);
		fl = value_lines(f.out, &fnl);
		for (k = 0; k < gn || k < fnl; k++) {
			const char *a = k < gn ? gl[k] : "(none)";
			const char *b = k < fnl ? fl[k] : "(none)";

			compared++;
			if (strcmp(a, b) != 0) {
				fprintf(stderr, "%s, break %s:\n  gdb:        %s\n"
				    "  framescope: %s\n", sample, fn.v[i], a, b);
				bad++;
				break;	/* the rest is shifted */
			}
		}
		util_strv_free(gl, gn);
		util_strv_free(fl, fnl);
		util_result_free(&g);
		util_result_free(&f);
	}
	ck_assert_msg(compared > 0, "%s: nothing compared", sample);
	for (i = 0; i < fn.n; i++)
		free(fn.v[i]);
	free(fn.v);
	fs_dwarf_free(dw);
	free(prog);
	return bad;
}

static const char *const O0_samples[] = {
	"callee8-O0", "callee8-O0-nofp", "callee8-O0-nocfi", "add-O0",
	"add-O0-nofp", "add-O0-nocfi", "calc-O0", "calc-O0-nofp",
	"calc-O0-nocfi", "factorial-O0", "factorial-O0-nofp",
	"factorial-O0-nocfi", "types-O0", "types-O0-nofp", "types-O0-nocfi",
	"values-O0", "values-O0-nofp", "canary-O0", "segv-O0", "segv-O0-nofp",
	"abort-O0", "exitcode-O0", "counter-O0", "tailcall-O0",
	"callkinds-O0", "callkinds-O0-nofp", "sighandler-O0",
	"sighandler-O0-nofp", "floats-O0", "floats-O0-nofp",
};

START_TEST(test_vars_as_gdb_O0)
{
	const char *name = O0_samples[_i];

	ck_assert_msg(compare_sample(name) == 0,
	    "%s: values differ from gdb's (see above)", name);
}
END_TEST

/* Optimized builds, then (the "m32" case) the samples built gcc -m32
   (i386) at -O0 and -O2, leftover, timetravel and calls among them: 4-byte longs and pointers, 12-byte
   long doubles, arguments on the stack, locations with 4-byte addresses,
   structures returned through the hidden pointer; the seed article's
   add32 and callconv32's conventions.  */
static const char *const opt_samples[] = {
	"callee8-O2", "add-O2", "calc-O2", "factorial-O2", "types-O2",
	"canary-O2", "values-O2", "segv-O2", "abort-O2", "exitcode-O2",
	"counter-O2", "tailcall-O2", "callkinds-O2", "sighandler-O2",
	"floats-O1", "floats-O2",
	"callee8-m32-O0", "callee8-m32-O2", "add-m32-O0", "add-m32-O2",
	"calc-m32-O0", "calc-m32-O2", "factorial-m32-O0", "factorial-m32-O2",
	"types-m32-O0", "types-m32-O2", "values-m32-O0", "values-m32-O2",
	"canary-m32-O0", "canary-m32-O2", "segv-m32-O0", "segv-m32-O2",
	"abort-m32-O0", "abort-m32-O2", "exitcode-m32-O0", "exitcode-m32-O2",
	"counter-m32-O0", "counter-m32-O2", "tailcall-m32-O0",
	"tailcall-m32-O2", "callkinds-m32-O0", "callkinds-m32-O2",
	"sighandler-m32-O0", "sighandler-m32-O2", "add32-m32-O0",
	"add32-m32-O2", "add32-m32-pattern", "callconv32-m32-O0",
	"callconv32-m32-O2", "leftover-m32-O0", "leftover-m32-O2",
	"timetravel-m32-O0", "timetravel-m32-O2", "calls-m32-O0",
	"calls-m32-O2",
};

START_TEST(test_vars_as_gdb_O2)
{
	const char *name = opt_samples[_i];

	ck_assert_msg(compare_sample(name) == 0,
	    "%s: values differ from gdb's (see above)", name);
}
END_TEST

/* Every global and static of a sample printed by gdb and framescope, the
   same, before the program runs (read from the file) and at main.  */
static unsigned
compare_globals(const char *sample, bool running)
{
	char *prog = util_sample(sample), cmd[1024], name[256], type;
	static char pcmds[400][300];
	const char *cmds[420];
	struct util_result g, f;
	char **gl, **fl;
	size_t c = 0, gn, fnl, k, np = 0;
	unsigned bad = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "nm %s", prog);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	if (running) {
		cmds[c++] = "break main";
		cmds[c++] = "run";
	}
	while (fscanf(p, "%*s %c %255s", &type, name) == 2 && np < 400) {
		if (strchr("DdBbRr", type) == NULL || name[0] == '_' ||
		    strchr(name, '.') != NULL)
			continue;
		snprintf(pcmds[np], sizeof pcmds[np], "print %s", name);
		cmds[c++] = pcmds[np++];
	}
	pclose(p);
	cmds[c] = NULL;
	ck_assert_uint_gt(np, 0);
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = value_lines(g.out, &gn);
	fl = value_lines(f.out, &fnl);
	for (k = 0; k < gn || k < fnl; k++)
		if (k >= gn || k >= fnl || strcmp(gl[k], fl[k]) != 0) {
			fprintf(stderr, "%s%s:\n  gdb:        %s\n  framescope: "
			    "%s\n", sample, running ? " at main" : "",
			    k < gn ? gl[k] : "(none)", k < fnl ? fl[k] :
			    "(none)");
			bad++;
			break;
		}
	util_strv_free(gl, gn);
	util_strv_free(fl, fnl);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
	return bad;
}

/* Then (the "m32" case) on i386: 4-byte longs and pointers, 12-byte
   long doubles, DW_OP_addr of 4 bytes.  */
static const char *const global_samples[] = {
	"values-O0", "values-O2", "types-O0", "types-O2",
	"values-m32-O0", "values-m32-O2", "types-m32-O0", "types-m32-O2",
};

START_TEST(test_globals_as_gdb)
{
	const char *name = global_samples[_i / 2];

	ck_assert_msg(compare_globals(name, _i % 2) == 0,
	    "%s: globals differ from gdb's (see above)", name);
}
END_TEST

/* The same in a UTF-8 locale, where both decode strings as UTF-8
   (values.c has text past ASCII, and a character cut short).  */
START_TEST(test_globals_as_gdb_utf8)
{
	ck_assert_int_eq(setenv("LC_ALL", "C.UTF-8", 1), 0);
	ck_assert_msg(compare_globals("values-O0", _i) == 0,
	    "values-O0: globals differ from gdb's in C.UTF-8 (see above)");
}
END_TEST

/* whatis and ptype of every global and function of a sample, and of
   their addresses, as gdb prints them at main: type names, structs,
   unions and enums written out, typedefs resolved.  */
static unsigned
compare_types(const char *sample)
{
	char *prog = util_sample(sample), cmd[1024], name[256], type;
	static char tcmds[800][300];
	const char *cmds[820];
	struct util_result g, f;
	char **gl, **fl;
	size_t c = 0, gn, fnl, gi, fi, np = 0;
	unsigned bad = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "nm %s", prog);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	cmds[c++] = "break main";
	cmds[c++] = "run";
	while (fscanf(p, "%*s %c %255s", &type, name) == 2 && np + 4 < 800) {
		if (strchr("DdBbRrTt", type) == NULL || name[0] == '_' ||
		    strchr(name, '.') != NULL)
			continue;
		snprintf(tcmds[np], sizeof tcmds[np], "whatis %s", name);
		cmds[c++] = tcmds[np++];
		snprintf(tcmds[np], sizeof tcmds[np], "ptype %s", name);
		cmds[c++] = tcmds[np++];
		snprintf(tcmds[np], sizeof tcmds[np], "ptype &%s", name);
		cmds[c++] = tcmds[np++];
	}
	pclose(p);
	{
		/* main's own variables: the structs are there.  */
		char names[32][64];
		struct fs_dwarf *dw;
		struct fs_err e;
		size_t nn, j;

		ck_assert_msg(fs_dwarf_open(prog, &dw, &e) == 0, "%s: %s",
		    prog, e.msg);
		nn = var_names(dw, prog, "main", names, 32);
		for (j = 0; j < nn && np + 4 < 800; j++) {
			snprintf(tcmds[np], sizeof tcmds[np], "whatis %.63s",
			    names[j]);
			cmds[c++] = tcmds[np++];
			snprintf(tcmds[np], sizeof tcmds[np], "ptype %.63s",
			    names[j]);
			cmds[c++] = tcmds[np++];
			snprintf(tcmds[np], sizeof tcmds[np], "ptype &%.63s",
			    names[j]);
			cmds[c++] = tcmds[np++];
		}
		fs_dwarf_free(dw);
	}
	cmds[c] = NULL;
	ck_assert_uint_gt(np, 6);
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = util_lines(g.out, &gn);
	fl = util_lines(f.out, &fnl);
	/* From the first answer on, line for line.  */
	for (gi = 0; gi < gn && strncmp(gl[gi], "type = ", 7) != 0; gi++)
		;
	for (fi = 0; fi < fnl && strncmp(fl[fi], "type = ", 7) != 0; fi++)
		;
	ck_assert_msg(gn - gi >= np, "%s: gdb answered %zu lines", sample,
	    gn - gi);
	for (; gi < gn || fi < fnl; gi++, fi++)
		if (gi >= gn || fi >= fnl || strcmp(gl[gi], fl[fi]) != 0) {
			fprintf(stderr, "%s whatis/ptype:\n  gdb:        %s\n"
			    "  framescope: %s\n", sample, gi < gn ? gl[gi] :
			    "(none)", fi < fnl ? fl[fi] : "(none)");
			bad++;
			break;
		}
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
	return bad;
}

START_TEST(test_types_as_gdb)
{
	const char *name = global_samples[_i];

	ck_assert_msg(compare_types(name) == 0,
	    "%s: whatis/ptype differ from gdb's (see above)", name);
}
END_TEST

/* A location expression framescope cannot evaluate (arg1's, patched to
   DW_OP_xderef in a copy of callee8-O0) reads as <unavailable: why>,
   and nothing else suffers.  */
START_TEST(test_unavailable_location)
{
	const char *cmds[] = { "break callee", "run", "info args", "bt",
	    NULL };
	char *prog = util_sample("callee8-O0"), *dir = util_tmpdir();
	char copy[1024], cmd[2048], line[512];
	unsigned long long secoff = 0, attr = 0;
	struct util_result r;
	bool name = false;
	FILE *p;
	int fd;

	snprintf(copy, sizeof copy, "%s/callee8", dir);
	snprintf(cmd, sizeof cmd, "cp %s %s && objdump -h %s | awk "
	    "'$2 == \".debug_info\" { print $6 }'", prog, copy, prog);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	ck_assert_int_eq(fscanf(p, "%llx", &secoff), 1);
	pclose(p);
	snprintf(cmd, sizeof cmd, "readelf -wi %s", prog);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (fgets(line, sizeof line, p) != NULL && attr == 0) {
		if (strstr(line, "DW_AT_name") != NULL)
			name = strstr(line, ": arg1\n") != NULL;
		else if (name && strstr(line, "DW_AT_location") != NULL)
			ck_assert_int_eq(sscanf(line, " <%llx>", &attr), 1);
	}
	pclose(p);
	ck_assert_uint_gt(attr, 0);
	/* The exprloc's length byte, then DW_OP_fbreg: make it xderef. */
	ck_assert_int_ge(fd = open(copy, O_WRONLY), 0);
	ck_assert_int_eq(pwrite(fd, "\x18", 1, (off_t)(secoff + attr + 1)), 1);
	close(fd);
	util_framescope(&r, NULL, cmds, copy, NULL);
	ck_assert_msg(WIFEXITED(r.status), "%s", util_status_text(&r));
	ck_assert_msg(strstr(r.out, "arg1 = <unavailable: ") != NULL &&
	    strstr(r.out, "arg2 = 2") != NULL && strstr(r.out,
	    "callee (arg1=<unavailable: ") != NULL, "%s", r.out);
	util_result_free(&r);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* Pointers the optimizer made synthetic (DW_OP_implicit_pointer) and
   followed, and values not yet set (DW_OP_GNU_uninit), as gdb prints
   them.  */
START_TEST(test_synthetic_as_gdb)
{
	static const char *const cmds[] = { "break sink", "run", "up",
	    "info args", "p p", "p *p", "p p[0]", "p p + 1", "p *(p + 0)",
	    "bt", "c", "up", "info args", "p q", "p *q", "p q->y", "p q->x",
	    "p q->x + q->y", "up", "info locals", "p pp", "up", "p p",
	    "p p.y", "p *p", NULL };
	const char *name = _i == 0 ? "floats-O1" : "floats-O2";
	char *prog = util_sample(name);
	struct util_result g, f;
	char **gl, **fl;
	size_t gn, fn, k;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = value_lines(g.out, &gn);
	fl = value_lines(f.out, &fn);
	ck_assert_msg(strstr(g.out, "<synthetic pointer>") != NULL &&
	    strstr(g.out, " [uninitialized] ") != NULL, "%s: gdb shows no "
	    "synthetic pointer or uninitialized value:\n%s", name, g.out);
	for (k = 0; k < gn || k < fn; k++)
		ck_assert_msg(k < gn && k < fn && strcmp(gl[k], fl[k]) == 0,
		    "%s: line %zu:\n  gdb:        %s\n  framescope: %s", name,
		    k, k < gn ? gl[k] : "(none)", k < fn ? fl[k] : "(none)");
	ck_assert(strstr(f.err, "Attempt to take address of value not "
	    "located in memory.") != NULL);
	util_strv_free(gl, gn);
	util_strv_free(fl, fn);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* The index of the first -m32 sample of LIST (N names): the x86-64 ones
   are before it.  */
static int
first_m32(const char *const *list, int n)
{
	int i;

	for (i = 0; i < n && strstr(list[i], "-m32") == NULL; i++)
		;
	return i;
}

Suite *
vars_suite(void)
{
	Suite *s = suite_create("vars");
	TCase *tc = tcase_create("gdb");
	int nopt = (int)(sizeof opt_samples / sizeof opt_samples[0]);
	int nglobal = (int)(sizeof global_samples / sizeof global_samples[0]);

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_vars_as_gdb_O0, 0,
	    sizeof O0_samples / sizeof O0_samples[0]);
	tcase_add_loop_test(tc, test_vars_as_gdb_O2, 0, first_m32(opt_samples,
	    nopt));
	tcase_add_test(tc, test_unavailable_location);
	tcase_add_loop_test(tc, test_synthetic_as_gdb, 0, 2);
	tcase_add_loop_test(tc, test_globals_as_gdb, 0,
	    2 * first_m32(global_samples, nglobal));
	tcase_add_loop_test(tc, test_globals_as_gdb_utf8, 0, 2);
	tcase_add_loop_test(tc, test_types_as_gdb, 0,
	    first_m32(global_samples, nglobal));
	suite_add_tcase(s, tc);
	tc = tcase_create("m32");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_vars_as_gdb_O2, first_m32(opt_samples,
	    nopt), nopt);
	tcase_add_loop_test(tc, test_globals_as_gdb, 2 *
	    first_m32(global_samples, nglobal), 2 * nglobal);
	tcase_add_loop_test(tc, test_types_as_gdb, first_m32(global_samples,
	    nglobal), nglobal);
	suite_add_tcase(s, tc);
	return s;
}
