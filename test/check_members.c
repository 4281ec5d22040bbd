/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The members of JSON snapshots against gdb.  At a breakpoint on every
 * function of a sample (as its DWARF lists them), framescope writes a
 * snapshot; every variable of the innermost frame and every member in it,
 * recursively (a structure's members, an array's elements and the rows of
 * an array of arrays, bitfields, unions, the fields of a Rust enum's
 * variant), is then printed by gdb through the member's "path", and gdb's
 * value must be the member's "value" (top-level print's type prefix of a
 * pointer aside).  Rust's Vec and String, which framescope prints as the
 * program wrote them and gdb as raw structs, are not compared.  The
 * scalars' "raw" bytes must be the value's too.
 */
#include <sys/wait.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_dinfo.h"
#include "fs_dwarf.h"
#include "fs_error.h"

/* Paths printed for one function at most.  */
#define MAX_PATHS	400

struct paths {
	char	*path[MAX_PATHS];
	char	*value[MAX_PATHS];
	char	*type[MAX_PATHS];
	size_t	 n;
	const char *rust_crate;	/* "values::": only its functions */
};

static void
paths_free(struct paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->path[i]);
		free(p->value[i]);
		free(p->type[i]);
	}
	p->n = 0;
}

/* "raw" is the value's bytes: checked here for integers and enums.  */
static void
check_raw(json_t *o)
{
	json_t *raw = json_object_get(o, "raw"), *num = json_object_get(o,
	    "number");
	const char *r;
	unsigned long long x = 0;
	size_t i, n;

	if (raw == NULL || num == NULL || !json_is_integer(num))
		return;
	r = json_string_value(raw);
	n = strlen(r) / 2;
	for (i = n; i > 0 && i + 8 > n; i--) {
		unsigned b;

		ck_assert_int_eq(sscanf(r + 2 * (i - 1), "%2x", &b), 1);
		x = x << 8 | b;
	}
	if (n < 8 && json_integer_value(num) < 0)
		x |= ~0ULL << (8 * n);
	ck_assert_msg(x == (unsigned long long)json_integer_value(num),
	    "raw %s is not number %lld", r, (long long)json_integer_value(num));
}

static void
collect(json_t *o, struct paths *p)
{
	json_t *m, *path = json_object_get(o, "path"), *v;
	size_t i;

	check_raw(o);
	if (path == NULL) {
		/* A variable: the first of its name (print finds the
		   innermost, the others are shadowed).  */
		path = json_object_get(o, "name");
		for (i = 0; path != NULL && i < p->n; i++)
			if (strcmp(p->path[i], json_string_value(path)) == 0)
				return;
	}
	v = json_object_get(o, "value");
	if (path != NULL && v != NULL && p->n < MAX_PATHS &&
	    json_object_get(o, "variant") == NULL) {
		p->path[p->n] = strdup(json_string_value(path));
		p->value[p->n] = strdup(json_string_value(v));
		p->type[p->n] = strdup(json_string_value(json_object_get(o,
		    "type")));
		p->n++;
	}
	json_array_foreach(json_object_get(o, "members"), i, m)
		if (json_object_get(m, "path") != NULL)
			collect(m, p);
}

/* gdb's value for print number K: the "$N = VALUE" after the K-th
   "@@K" marker and before the next, or NULL when print failed there.  */
static char *
gdb_value(const char *out, size_t k)
{
	char mark[32], *end;
	const char *at, *next, *eq;

	snprintf(mark, sizeof mark, "@@%zu\n", k);
	if ((at = strstr(out, mark)) == NULL)
		return NULL;
	at += strlen(mark);
	snprintf(mark, sizeof mark, "@@%zu\n", k + 1);
	next = strstr(at, mark);
	if (at[0] != '$' || (eq = strstr(at, " = ")) == NULL ||
	    (next != NULL && eq > next))
		return NULL;
	eq += 3;
	end = strchr(eq, '\n');
	return strndup(eq, end != NULL ? (size_t)(end - eq) : strlen(eq));
}

/* gdb's top-level print puts the type before a pointer: "(int *)
   0x...", "(*mut fn ()) 0x...".  */
static const char *
strip_prefix(const char *g, const char *value)
{
	const char *p;
	int depth = 0;

	if (g[0] != '(' || value[0] == '(')
		return g;
	for (p = g; *p != '\0'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	return *p == ')' && p[1] == ' ' ? p + 2 : g;
}

static int
collect_fn(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	struct paths *fns = arg;
	size_t i;

	(void)lo;
	(void)hi;
	for (i = 0; i < fns->n; i++)
		if (strcmp(fns->path[i], name) == 0)
			return 0;
	/* Rust: the crate's own functions, not the standard library's
	   generics, which gdb's breakpoints and parser take otherwise.  */
	if (fns->rust_crate != NULL && strncmp(name, fns->rust_crate,
	    strlen(fns->rust_crate)) != 0)
		return 0;
	if (fns->n < MAX_PATHS)
		fns->path[fns->n++] = strdup(name);
	return 0;
}

static unsigned
compare_members(const char *sample)
{
	char *prog = util_sample(sample), *dir = util_tmpdir();
	struct paths fns = { .n = 0 }, p = { .n = 0 };
	struct fs_dwarf *dw;
	struct fs_err e;
	unsigned bad = 0, compared = 0;
	size_t i, k;

	char crate[64] = "";

	if (strncmp(sample, "rust-", 5) == 0) {
		snprintf(crate, sizeof crate, "%s", sample + 5);
		crate[strcspn(crate, "-")] = '\0';
		strcat(crate, "::");
		fns.rust_crate = crate;
	}
	ck_assert_msg(fs_dwarf_open(prog, &dw, &e) == 0, "%s: %s", prog,
	    e.msg);
	fs_dwarf_foreach_function(dw, collect_fn, &fns);
	fs_dwarf_free(dw);
	for (i = 0; i < fns.n; i++) {
		char brk[300], snap[1100], file[1024];
		static char pcmds[MAX_PATHS][300], ecmds[MAX_PATHS + 1][32];
		const char *fcmds[4], *gcmds[2 * MAX_PATHS + 4];
		struct util_result f, g;
		json_t *root, *vars, *v;
		json_error_t jerr;
		size_t c = 0;

		snprintf(brk, sizeof brk, "break %s", fns.path[i]);
		snprintf(file, sizeof file, "%s/snap.json", dir);
		snprintf(snap, sizeof snap, "snapshot %s", file);
		fcmds[0] = brk;
		fcmds[1] = "run";
		fcmds[2] = snap;
		fcmds[3] = NULL;
		remove(file);
		util_framescope(&f, NULL, fcmds, prog, NULL);
		util_result_free(&f);
		if ((root = json_load_file(file, 0, &jerr)) == NULL)
			continue;	/* the function never runs */
		vars = json_object_get(json_array_get(json_object_get(root,
		    "frames"), 0), "vars");
		json_array_foreach(vars, k, v)
			collect(v, &p);
		json_decref(root);
		if (p.n == 0)
			continue;
		gcmds[c++] = brk;
		gcmds[c++] = "run";
		for (k = 0; k <= p.n; k++) {
			snprintf(ecmds[k], sizeof ecmds[k], "echo @@%zu\\n",
			    k);
			gcmds[c++] = ecmds[k];
			if (k == p.n)
				break;
			snprintf(pcmds[k], sizeof pcmds[k], "print %s",
			    p.path[k]);
			gcmds[c++] = pcmds[k];
		}
		gcmds[c] = NULL;
		util_gdb(&g, NULL, gcmds, prog, NULL);
		ck_assert_msg(strstr(g.out, "\nBreakpoint 1") != NULL ||
		    strstr(g.out, "Program received signal") != NULL,
		    "%s: gdb did not stop in %s:\n%s", sample, fns.path[i],
		    g.out);
		for (k = 0; k < p.n; k++) {
			char *gv = gdb_value(g.out, k);
			const char *gs;

			if (gv == NULL) {
				/* gdb's print failed: so does reading it. */
				if (strncmp(p.value[k], "<error", 6) != 0) {
					fprintf(stderr, "%s, %s: gdb cannot "
					    "print %s (framescope: %s)\n",
					    sample, fns.path[i], p.path[k],
					    p.value[k]);
					bad++;
				}
				continue;
			}
			gs = strip_prefix(gv, p.value[k]);
			/* Printed as the program wrote them, on purpose. */
			if (strstr(gs, "alloc::vec::Vec<") == NULL &&
			    strstr(gs, "alloc::string::String {") == NULL) {
				compared++;
				if (strcmp(gs, p.value[k]) != 0) {
					fprintf(stderr, "%s, %s, %s:\n  gdb:"
					    "        %s\n  framescope: %s\n",
					    sample, fns.path[i], p.path[k], gs,
					    p.value[k]);
					bad++;
				}
			}
			free(gv);
		}
		util_result_free(&g);
		paths_free(&p);
	}
	ck_assert_msg(compared > 0, "%s: no member compared", sample);
	for (i = 0; i < fns.n; i++)
		free(fns.path[i]);
	util_rmtree(dir);
	free(dir);
	free(prog);
	return bad;
}

/* Every sample but threads (which thread stops first is the kernel's
   choice, and gdb's run and ours may differ), at -O0 and -O2.  */
static const char *const samples[] = {
	"types-O0", "types-O2", "values-O0", "values-O2", "callkinds-O0",
	"callkinds-O2", "floats-O0", "floats-O1", "floats-O2", "callee8-O0",
	"callee8-O2", "add-O0", "add-O2", "calc-O0", "calc-O2",
	"factorial-O0", "factorial-O2", "canary-O0", "canary-O2",
	"tailcall-O0", "tailcall-O2", "sighandler-O0", "sighandler-O2",
	"segv-O0", "segv-O2", "abort-O0", "abort-O2", "exitcode-O0",
	"counter-O2", "dlopen-O0", "watch-O0", "watch-O2",
	"rust-values-O0", "rust-values-O2", "rust-traits-O0",
	"rust-traits-O2", "rust-heap_demo-O0", "rust-heap_demo-O2",
	"rust-calc-O0", "rust-calc-O2", "rust-add-O0", "rust-factorial-O2",
	"rust-inline-O0", "rust-panic-O0",
	/* The "m32" case: the samples built gcc -m32 (i386), and the i386
	   ones: members at i386's offsets and alignments (a long long at
	   4, a long double of 12 bytes).  */
	"types-m32-O0", "types-m32-O2", "values-m32-O0", "values-m32-O2",
	"callkinds-m32-O0", "callkinds-m32-O2", "callee8-m32-O0",
	"callee8-m32-O2", "add-m32-O0", "add-m32-O2", "calc-m32-O0",
	"calc-m32-O2", "factorial-m32-O0", "factorial-m32-O2",
	"canary-m32-O0", "canary-m32-O2", "tailcall-m32-O0",
	"tailcall-m32-O2", "sighandler-m32-O0", "sighandler-m32-O2",
	"segv-m32-O0", "segv-m32-O2", "abort-m32-O0", "abort-m32-O2",
	"exitcode-m32-O0", "counter-m32-O2", "dlopen-m32-O0", "watch-m32-O0",
	"watch-m32-O2", "add32-m32-O0", "add32-m32-pattern",
	"callconv32-m32-O0", "callconv32-m32-O2", "leftover-m32-O0",
	"timetravel-m32-O0", "calls-m32-O0", "calls-m32-O2",
};

START_TEST(test_members_as_gdb)
{
	const char *name = samples[_i];

	if (strncmp(name, "rust-", 5) == 0 && access(sample_path(name), X_OK)
	    != 0)
		return;		/* no rustc */
	ck_assert_msg(compare_members(name) == 0,
	    "%s: members differ from gdb's (see above)", name);
}
END_TEST

/* The element of O's array KEY ("vars", "members") named NAME.  */
static json_t *
named(json_t *o, const char *key, const char *name)
{
	json_t *m;
	size_t i;

	json_array_foreach(json_object_get(o, key), i, m)
		if (strcmp(json_string_value(json_object_get(m, "name")),
		    name) == 0)
			return m;
	ck_abort_msg("no %s %s", key, name);
	return NULL;
}

#define var_named(frame, name)	named((frame), "vars", (name))
#define member_named(o, name)	named((o), "members", (name))

static json_t *
snapshot_at(const char *sample, const char *const cmds[])
{
	char *prog = util_sample(sample), *dir = util_tmpdir();
	char file[1024], snap[1100];
	const char *c[16];
	struct util_result f;
	json_error_t jerr;
	json_t *root;
	size_t n = 0;

	snprintf(file, sizeof file, "%s/snap.json", dir);
	snprintf(snap, sizeof snap, "snapshot %s", file);
	while (cmds[n] != NULL && n < 14) {
		c[n] = cmds[n];
		n++;
	}
	c[n++] = snap;
	c[n] = NULL;
	util_framescope(&f, NULL, c, prog, NULL);
	ck_assert_msg((root = json_load_file(file, 0, &jerr)) != NULL,
	    "%s: no snapshot: %s\n%s", sample, jerr.text, f.err);
	util_result_free(&f);
	util_rmtree(dir);
	free(dir);
	free(prog);
	return root;
}

/* Known truth: where variables are, a bitfield's bits, a row.  */
START_TEST(test_members_known)
{
	static const char *const c1[] = { "break sink", "run", NULL };
	static const char *const c2[] = { "break reshaped", "run", NULL };
	json_t *root, *f, *v, *m;

	root = snapshot_at("types-O0", c1);
	f = json_array_get(json_object_get(root, "frames"), 1);
	v = var_named(f, "fl");
	m = member_named(v, "level");
	ck_assert_int_eq(json_integer_value(json_object_get(m, "number")), -3);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "bit_size")),
	    5);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "bit_offset")),
	    4);
	ck_assert_str_eq(json_string_value(json_object_get(m, "path")),
	    "fl.level");
	m = member_named(member_named(var_named(f, "matrix"), "[1]"), "[2]");
	ck_assert_str_eq(json_string_value(json_object_get(m, "value")), "6");
	ck_assert_str_eq(json_string_value(json_object_get(m, "raw")),
	    "06000000");
	ck_assert_str_eq(json_string_value(json_object_get(var_named(f, "d"),
	    "location")), "stack");
	ck_assert(json_real_value(json_object_get(var_named(f, "d"),
	    "number")) == 2.5);
	json_decref(root);
	/* main's static v is static, its p on the stack.  */
	root = snapshot_at("floats-O0", c2);
	f = json_array_get(json_object_get(root, "frames"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(var_named(f, "v"),
	    "location")), "static");
	ck_assert_str_eq(json_string_value(json_object_get(var_named(f, "p"),
	    "location")), "stack");
	json_decref(root);
}
END_TEST

Suite *
members_suite(void)
{
	Suite *s = suite_create("members");
	TCase *tc = tcase_create("gdb");
	int first = 0, n = (int)(sizeof samples / sizeof samples[0]);

	/* The x86-64 samples, then the "m32" case's.  */
	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	while (first < n && strstr(samples[first], "-m32") == NULL)
		first++;
	tcase_add_loop_test(tc, test_members_as_gdb, 0, first);
	tcase_add_test(tc, test_members_known);
	suite_add_tcase(s, tc);
	tc = tcase_create("m32");
	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_loop_test(tc, test_members_as_gdb, first, n);
	suite_add_tcase(s, tc);
	return s;
}
