/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Rust programs.  Values of each kind against what the program holds
 * (values.rs); then, against gdb, at breakpoints in the Rust samples
 * (add, calc, heap_demo, inline, factorial, values, traits at -O0, and
 * the v0-mangled add): at every stop the frames of the program's own code
 * (names, lines, pcs), every frame's CFA (`info frame`), and every value
 * `info args` and `info locals` print must be the same, but those of a
 * Vec or a String, which gdb without Rust's pretty-printers shows as raw
 * structs and framescope as `vec![...]` and text.  Names, `break` by
 * Rust names, skip, catch panic and finish are checked too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"

/* The sample's path (a copy: sample_path's buffer is reused), NULL when
   the Rust samples were not built (no rustc).  */
static const char *
rust_sample(const char *name)
{
	static char buf[4][4096];
	static unsigned k;
	char *b = buf[k++ % 4];

	snprintf(b, sizeof buf[0], "%s", sample_path(name));
	return access(b, X_OK) == 0 ? b : NULL;
}

#define HAS(out, line) ck_assert_msg(util_has_line((out), (line)),	\
	"missing line: %s\n--- output:\n%s", (line), (out))

START_TEST(rust_values)
{
	static const char *const cmds[] = { "break values::inspect", "run",
	    "up", "info locals", "print v", "print &v", "print boxed",
	    "print *boxed", "print tup", "print c", "print unit",
	    "finish", NULL };
	static const char *const want[] = {
		"i = -7", "u = 18446744073709551615", "b = 200",
		"flag = true", "c = 955 '\\u{0003bb}'", "f = 2.5",
		"g = 0.100000001", "s = \"hello\"", "owned = \"world\"",
		"empty = \"\"", "v = vec![1, 2, 3]",
		"words = vec![\"a\", \"bc\"]", "slice = &[i32] [2, 3]",
		"arr = [10, 20, 30]", "tup = (1, 120 'x', true)",
		"unit = ()", "p = values::Point {x: 3, y: -4}",
		"m = values::Meters (1.5)", "e = values::Empty",
		"some = core::option::Option<i32>::Some(5)",
		"none = core::option::Option<i32>::None",
		"ok = core::result::Result<i32, alloc::string::String>::Ok(7)",
		"err = core::result::Result<i32, alloc::string::String>::"
		    "Err(\"bad\")",
		"circle = values::Shape::Circle{r: 2}",
		"rect = values::Shape::Rect(values::Point {x: 0, y: 0}, "
		    "values::Point {x: 2, y: 1})",
		"dot = values::Shape::Dot", "color = values::Color::Green",
		"nested = vec![vec![1], vec![2, 3]]",
		"$1 = vec![1, 2, 3]",
		"$4 = values::Point {x: 3, y: -4}",
		"$5 = (1, 120 'x', true)", "$6 = 955 '\\u{0003bb}'",
		"$7 = ()", "Value returned is $8 = 1293", NULL,
	};
	struct util_result r;
	const char *prog;
	size_t i;

	if ((prog = rust_sample("rust-values-O0")) == NULL)
		return;
	util_framescope(&r, NULL, cmds, prog, NULL);
	for (i = 0; want[i] != NULL; i++)
		HAS(r.out, want[i]);
	ck_assert(util_has_line_prefix(r.out,
	    "$2 = (*mut alloc::vec::Vec<i32, alloc::alloc::Global>) 0x7ff"));
	ck_assert(util_has_line_prefix(r.out, "$3 = (*mut values::Point) 0x"));
	util_result_free(&r);
}
END_TEST

/* The slot map and the snapshot: v.ptr, v.len, v.cap and the heap.  */
START_TEST(rust_slots)
{
	static const char *const cmds[] = { "break heap_demo.rs:11", "run",
	    "frames 1", NULL };
	struct util_result r;
	const char *prog;
	char *p;

	if ((prog = rust_sample("rust-heap_demo-O0")) == NULL)
		return;
	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(r.out, "local v.len = 3") != NULL, "%s", r.out);
	ck_assert_msg(strstr(r.out, "local v.cap = 3") != NULL, "%s", r.out);
	ck_assert_msg((p = strstr(r.out, "local v.ptr = 0x")) != NULL &&
	    strstr(p, " -> [1, 2, 3]") != NULL, "%s", r.out);
	ck_assert(strstr(r.out, "v.buf") == NULL);
	util_result_free(&r);
}
END_TEST

START_TEST(rust_snapshot_points_to)
{
	char dump[4096];
	const char *cmds[4] = { "break heap_demo.rs:11", "run", NULL, NULL };
	struct util_result r;
	const char *prog;
	char *js;

	if ((prog = rust_sample("rust-heap_demo-O0")) == NULL)
		return;
	snprintf(dump, sizeof dump, "snapshot -slots %s/snap.json",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cmds[2] = dump;
	util_framescope(&r, NULL, cmds, prog, NULL);
	util_result_free(&r);
	js = util_slurp(dump + strlen("snapshot -slots "));
	ck_assert(js != NULL);
	ck_assert_msg(strstr(js, "\"v.len = 3\"") != NULL, "no v.len");
	ck_assert_msg(strstr(js, "\"points_to\": \"[1, 2, 3]\"") != NULL ||
	    strstr(js, "\"points_to\":\"[1, 2, 3]\"") != NULL, "no points_to");
	free(js);
	unlink(dump + strlen("snapshot -slots "));
}
END_TEST

/* Names as gdb gives them, and break by them.  */
START_TEST(rust_names)
{
	static const struct {
		const char *prog, *brk, *frame0;
	} t[] = {
		{ "rust-calc-O0", "multiply", "calc::multiply (x=5, y=10)" },
		{ "rust-calc-O0", "calc::main", "calc::main ()" },
		{ "rust-traits-O0", "area",
		    "traits::{impl#1}::area (self=0x" },
		{ "rust-traits-O0", "<traits::Square as traits::Shape>::area",
		    "traits::{impl#2}::area (self=0x" },
		{ "rust-traits-O0", "traits::main::{closure#0}",
		    "traits::main::{closure#0} (x=5)" },
		{ "rust-traits-O0", "main::{closure#0}",
		    "traits::main::{closure#0} (x=5)" },
		{ "rust-traits-O0", "traits::largest<f64>",
		    "traits::largest<f64> (items=...)" },
		{ "rust-traits-O0", "Point::new",
		    "traits::Point::new (x=3, y=4)" },
		{ "rust-add-v0", "add", "add::add (a=10, b=20)" },
		{ "rust-heap_demo-O0", "heap_demo::main", "heap_demo::main ()" },
	};
	struct util_result r;
	const char *cmds[4] = { NULL, "run", "bt 1", NULL };
	const char *prog;
	char want[512];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if ((prog = rust_sample(t[i].prog)) == NULL)
			continue;
		snprintf(want, sizeof want, "break %s", t[i].brk);
		cmds[0] = want;
		util_framescope(&r, NULL, cmds, prog, NULL);
		snprintf(want, sizeof want, "#0  %s", t[i].frame0);
		ck_assert_msg(util_has_line_prefix(r.out, want),
		    "%s: no \"%s\" in:\n%s", t[i].prog, want, r.out);
		util_result_free(&r);
	}
}
END_TEST

/* step from Rust code goes through std without source; skip; finish;
   catch panic.  */
START_TEST(rust_stepping)
{
	static const char *const c1[] = { "break heap_demo.rs:10", "run",
	    "step", "step", NULL };
	static const char *const c2[] = { "break calc::compute", "run",
	    "skip function multiply", "info skip", "step", "finish", NULL };
	static const char *const c3[] = { "catch panic", "run", "bt", NULL };
	struct util_result r;
	const char *prog;

	if ((prog = rust_sample("rust-heap_demo-O0")) != NULL) {
		util_framescope(&r, NULL, c1, prog, NULL);
		HAS(r.out, "11\t    sum(&v)");
		HAS(r.out, "heap_demo::sum (v=...) at heap_demo.rs:4");
		ck_assert_msg(strstr(r.out, "/rustc/") == NULL, "%s", r.out);
		util_result_free(&r);
	}
	if ((prog = rust_sample("rust-calc-O0")) != NULL) {
		util_framescope(&r, NULL, c2, prog, NULL);
		HAS(r.out, "Function multiply will be skipped when stepping.");
		HAS(r.out, "1     y      n <none>                n multiply");
		HAS(r.out, "18\t    temp + 1");
		HAS(r.out, "Value returned is $1 = 51");
		ck_assert(strstr(r.out, "calc::multiply (") == NULL);
		util_result_free(&r);
	}
	if ((prog = rust_sample("rust-panic-O0")) != NULL) {
		util_framescope(&r, NULL, c3, prog, NULL);
		ck_assert_msg(strstr(r.out, "std::panicking::rust_panic ()") !=
		    NULL, "%s", r.out);
		ck_assert_msg(strstr(r.out, " in panic::get (v=..., i=3) at "
		    "panic.rs:4") != NULL, "%s", r.out);
		ck_assert(strstr(r.out, " in panic::outer (i=3) at "
		    "panic.rs:15") != NULL);
		util_result_free(&r);
	}
}
END_TEST

/* --- against gdb --- */

static const struct {
	const char *prog, *src;
	const char *needles[4];
} diffs[] = {
	{ "rust-add-O0", "rust/add.rs", { "a + b", "println!", NULL } },
	{ "rust-add-v0", "rust/add.rs", { "a + b", NULL } },
	{ "rust-calc-O0", "rust/calc.rs", { "c + 10", "x * y", "temp + 1",
	    NULL } },
	{ "rust-heap_demo-O0", "rust/heap_demo.rs", { "v.iter().sum()",
	    "sum(&v)", NULL } },
	{ "rust-inline-O0", "rust/inline.rs", { "let y = safe_add",
	    "println!", NULL } },
	{ "rust-factorial-O0", "rust/factorial.rs", { "n * factorial",
	    NULL } },
	{ "rust-values-O0", "rust/values.rs", { "total + 1", NULL } },
	{ "rust-traits-O0", "rust/traits.rs", { "self.side * self.side",
	    "f(x)", "best = it", "y\n", } },
};
#define NDIFFS (sizeof diffs / sizeof diffs[0])

/* The crate of a program: "calc" for rust-calc-O0.  */
static void
crate_of(const char *prog, char *buf, size_t size)
{
	const char *p = prog + strlen("rust-");
	size_t n = strcspn(p, "-");

	snprintf(buf, size, "%.*s", (int)n, p);
}

static bool
own_frame(const char *func, const char *crate)
{
	size_t n = strlen(crate);

	return (strncmp(func, crate, n) == 0 && strncmp(func + n, "::", 2) ==
	    0) || (func[0] == '<' && strncmp(func + 1, crate, n) == 0);
}

/* Value lines "name = value" of OUT.  */
static bool
value_line(const char *l)
{
	size_t n = strspn(l, "abcdefghijklmnopqrstuvwxyz_0123456789");

	return n > 0 && strncmp(l + n, " = ", 3) == 0;
}

START_TEST(rust_gdbdiff)
{
	const char *cmds[64];
	char bufs[8][128], crate[64];
	struct util_result g, f;
	struct util_gframe gf[32], ff[32];
	const char *prog;
	char **gl, **fl;
	size_t nc = 0, i, j, k, ng, nf, ngl, nfl, compared = 0;
	unsigned line;
	int stop;

	if (!util_have_gdb() ||
	    (prog = rust_sample(diffs[_i].prog)) == NULL)
		return;
	crate_of(diffs[_i].prog, crate, sizeof crate);
	for (i = 0; i < 4 && diffs[_i].needles[i] != NULL; i++) {
		line = util_source_line(diffs[_i].src, diffs[_i].needles[i]);
		snprintf(bufs[i], sizeof bufs[i], "break %s:%u",
		    strrchr(diffs[_i].src, '/') + 1, line);
		cmds[nc++] = bufs[i];
	}
	cmds[nc++] = "run";
	for (stop = 0; stop < 4; stop++) {
		cmds[nc++] = "bt";
		cmds[nc++] = "info frame";
		cmds[nc++] = "info args";
		cmds[nc++] = "info locals";
		cmds[nc++] = "up";
		cmds[nc++] = "info frame";
		cmds[nc++] = "info locals";
		cmds[nc++] = "continue";
	}
	cmds[nc] = NULL;
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	/* The last backtraces: frames of the program's own code.  */
	ng = util_gdb_backtrace(g.out, gf, 32);
	nf = util_gdb_backtrace(f.out, ff, 32);
	for (i = 0; i < ng && own_frame(gf[i].func, crate); i++) {
		ck_assert_msg(i < nf, "%s: frame #%zu missing", prog, i);
		ck_assert_str_eq(gf[i].func, ff[i].func);
		ck_assert_uint_eq(gf[i].line, ff[i].line);
		if (gf[i].has_pc)
			ck_assert_uint_eq(gf[i].pc, ff[i].pc);
		compared++;
	}
	/* Every line of frames, CFAs and values, in order.  */
	gl = util_lines(g.out, &ngl);
	fl = util_lines(f.out, &nfl);
	for (i = 0, j = 0; i < ngl; i++) {
		bool want = false;

		if (strncmp(gl[i], "Stack level ", 12) == 0 ||
		    (gl[i][0] == '#' && own_frame(strchr(gl[i], ' ') ?
		    strchr(gl[i], ' ') + 2 : gl[i], crate)))
			want = true;
		if (value_line(gl[i]) && strstr(gl[i], "alloc::vec::Vec<") ==
		    NULL && strstr(gl[i], "alloc::string::String {") == NULL)
			want = true;
		if (!want)
			continue;
		for (k = j; k < nfl && strcmp(fl[k], gl[i]) != 0; k++)
			;
		if (k >= nfl)
			fprintf(stderr, "--- framescope:\n%s---\n", f.out);
		ck_assert_msg(k < nfl, "%s: gdb's line \"%s\" is not in "
		    "framescope's output after line %zu", prog, gl[i], j);
		j = k + 1;
		compared++;
	}
	ck_assert_msg(compared > 4, "%s: nothing compared", prog);
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
}
END_TEST

Suite *
rust_suite(void)
{
	Suite *s = suite_create("rust");
	TCase *tc = tcase_create("rust");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, rust_values);
	tcase_add_test(tc, rust_slots);
	tcase_add_test(tc, rust_snapshot_points_to);
	tcase_add_test(tc, rust_names);
	tcase_add_test(tc, rust_stepping);
	tcase_add_loop_test(tc, rust_gdbdiff, 0, NDIFFS);
	suite_add_tcase(s, tc);
	return s;
}
