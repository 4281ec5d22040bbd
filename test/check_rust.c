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
#include <inttypes.h>
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

/* SAMPLE run by framescope with CMDS into *R, every line of WANT
   asserted in its output; false (R untouched) when the Rust samples
   were not built.  */
static bool
rust_run_has(const char *sample, const char *const cmds[],
    const char *const want[], struct util_result *r)
{
	const char *prog;
	size_t i;

	if ((prog = rust_sample(sample)) == NULL)
		return false;
	util_framescope(r, NULL, cmds, prog, NULL);
	for (i = 0; want[i] != NULL; i++)
		HAS(r->out, want[i]);
	return true;
}

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

	if (!rust_run_has("rust-values-O0", cmds, want, &r))
		return;
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

/* gdb's `break NAME', `run', `bt 1' on PROG: the breakpoint's address
   into *ADDR, the function of frame #0 into FUNC.  */
static bool
gdb_frame0(const char *prog, const char *name, uint64_t *addr, char *func,
    size_t size)
{
	char brk[528];
	const char *cmds[4] = { brk, "run", "bt 1", NULL };
	struct util_result g;
	struct util_gframe gf[2];
	const char *p;
	bool ok;

	snprintf(brk, sizeof brk, "break %s", name);
	util_gdb(&g, NULL, cmds, prog, NULL);
	if ((ok = (p = strstr(g.out, "Breakpoint 1 at 0x")) != NULL &&
	    util_gdb_backtrace(g.out, gf, 2) > 0)) {
		*addr = strtoull(p + 16, NULL, 16);
		snprintf(func, size, "%s", gf[0].func);
	}
	util_result_free(&g);
	return ok;
}

/* Names as gdb gives them (a method of an impl: its DWARF path, checked
   against gdb's frame at the same breakpoint), and break by them and by
   an impl method's demangled symbol, whole or its paths shortened.  */
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
		{ "rust-traits-O0", "<Square as Shape>::area",
		    "traits::{impl#2}::area (self=0x" },
		{ "rust-traits-O0", "<traits::Square as Shape>::area",
		    "traits::{impl#2}::area (self=0x" },
		{ "rust-traits-O0", "traits::{impl#2}::area",
		    "traits::{impl#2}::area (self=0x" },
		{ "rust-traits-O2", "<Point as Shape>::area",
		    "traits::{impl#1}::area (self=" },
		{ "rust-traits-v0", "<Square as Shape>::area",
		    "traits::{impl#2}::area (self=0x" },
		{ "rust-traits-v0", "traits::{impl#1}::area",
		    "traits::{impl#1}::area (self=0x" },
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
	const char *prog, *p;
	char want[512], sym[512], gfunc[512];
	uint64_t addr, gaddr;
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
		/* An impl's method: gdb stops at the same address by
		   the same name, and names its frame so.  */
		if (strstr(t[i].frame0, "{impl#") != NULL &&
		    util_have_gdb()) {
			ck_assert_msg((p = strstr(r.out, "Breakpoint 1 at 0x"))
			    != NULL, "%s", r.out);
			addr = strtoull(p + 16, NULL, 16);
			snprintf(sym, sizeof sym, "%.*s",
			    (int)strcspn(t[i].frame0, " "), t[i].frame0);
			ck_assert_msg(gdb_frame0(prog, sym, &gaddr, gfunc,
			    sizeof gfunc), "%s: gdb does not stop at %s", prog,
			    sym);
			ck_assert_msg(gaddr == addr && strcmp(gfunc, sym) == 0,
			    "%s: gdb's %s is at %#" PRIx64 ", framescope's at %#"
			    PRIx64 ", gdb's frame %s", prog, sym, gaddr, addr,
			    gfunc);
		}
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

/* catch panic: a catchpoint numbered with the breakpoints, which stops
   where gdb's `break rust_panic' does, and says so as gdb says a
   catchpoint stopped ("Catchpoint N (throw), ...").  */
START_TEST(rust_catch_panic)
{
	static const char *const fc[] = { "break panic::outer", "catch panic",
	    "info breakpoints", "run", "continue", "info breakpoints", "bt",
	    NULL };
	static const char *const gc[] = { "break panic::outer",
	    "break rust_panic", "run", "continue", "bt", NULL };
	struct util_result g, f;
	const char *prog, *p;
	char want[1024];
	char **gl;
	size_t n, i;

	if ((prog = rust_sample("rust-panic-O0")) == NULL || !util_have_gdb())
		return;
	util_framescope(&f, NULL, fc, prog, NULL);
	util_gdb(&g, NULL, gc, prog, NULL);
	HAS(f.out, "Catchpoint 2 (panic)");
	ck_assert_msg(strstr(f.out, "\n2       catchpoint     keep y   "
	    "                   panic\n") != NULL, "%s", f.out);
	HAS(f.out, "\tcatchpoint already hit 1 time");
	ck_assert(strstr(f.out, "Breakpoint 2") == NULL);
	/* gdb's stop at its breakpoint 2, and its frames, are ours.  */
	gl = util_lines(g.out, &n);
	for (i = 0; i < n && strncmp(gl[i], "Breakpoint 2, ", 14) != 0; i++)
		;
	ck_assert_msg(i < n, "gdb did not stop at rust_panic:\n%s", g.out);
	snprintf(want, sizeof want, "Catchpoint 2 (panic), %s", gl[i] + 14);
	HAS(f.out, want);
	for (i = 0; i < n; i++)
		if (gl[i][0] == '#' && ((p = strstr(gl[i], " in panic::")) !=
		    NULL || strncmp(gl[i], "#0  ", 4) == 0))
			HAS(f.out, gl[i]);
	util_lines_free(gl);
	util_result_free(&g);
	util_result_free(&f);
}
END_TEST

/* start stops where gdb's does: at the crate's main (gdb knows it from
   DW_AT_main_subprogram), not at the C main rustc writes.  */
START_TEST(rust_start)
{
	static const char *const progs[] = { "rust-calc-O0", "rust-calc-O2",
	    "rust-traits-v0" };
	static const char *const cmds[] = { "start", "bt 1", NULL };
	struct util_result g, f;
	const char *prog;
	char **gl;
	size_t n, i, k, cmp = 0;

	if (!util_have_gdb())
		return;
	for (k = 0; k < sizeof progs / sizeof progs[0]; k++) {
		if ((prog = rust_sample(progs[k])) == NULL)
			continue;
		util_gdb(&g, NULL, cmds, prog, NULL);
		util_framescope(&f, NULL, cmds, prog, NULL);
		gl = util_lines(g.out, &n);
		for (i = 0; i < n; i++)
			if (strncmp(gl[i], "Temporary breakpoint 1", 22) == 0 ||
			    strncmp(gl[i], "#0  ", 4) == 0) {
				HAS(f.out, gl[i]);
				cmp++;
			}
		ck_assert_msg(strstr(g.out, "::main () at ") != NULL, "%s",
		    g.out);
		util_lines_free(gl);
		util_result_free(&g);
		util_result_free(&f);
	}
	ck_assert(cmp > 0);
}
END_TEST

/* --- against gdb --- */

/* The Rust samples at both levels; the breakpoints are the same lines at
   -O2 (those in a function inlined everywhere stop in its inlined
   copies, which gdb shows as frames of their own, as framescope does).  */
static const struct {
	const char *prog, *src;
	const char *needles[6];
} diffs[] = {
	{ "rust-add-O0", "rust/add.rs", { "a + b", "println!", NULL } },
	{ "rust-add-O2", "rust/add.rs", { "a + b", "println!", NULL } },
	{ "rust-add-v0", "rust/add.rs", { "a + b", NULL } },
	{ "rust-calc-O0", "rust/calc.rs", { "c + 10", "x * y", "temp + 1",
	    NULL } },
	{ "rust-calc-O2", "rust/calc.rs", { "c + 10", "x * y", "temp + 1",
	    NULL } },
	{ "rust-heap_demo-O0", "rust/heap_demo.rs", { "v.iter().sum()",
	    "sum(&v)", NULL } },
	{ "rust-heap_demo-O2", "rust/heap_demo.rs", { "v.iter().sum()",
	    "sum(&v)", NULL } },
	{ "rust-inline-O0", "rust/inline.rs", { "let y = safe_add",
	    "println!", NULL } },
	{ "rust-inline-O2", "rust/inline.rs", { "    a + b", "let y = "
	    "safe_add", "println!", NULL } },
	{ "rust-factorial-O0", "rust/factorial.rs", { "n * factorial",
	    NULL } },
	/* At -O2 the recursion is a loop: line 7 has no code.  */
	{ "rust-factorial-O2", "rust/factorial.rs", { "if n <= 1",
	    "println!", NULL } },
	{ "rust-values-O0", "rust/values.rs", { "total + 1", NULL } },
	{ "rust-values-O2", "rust/values.rs", { "total + 1", NULL } },
	{ "rust-traits-O0", "rust/traits.rs", { "self.side * self.side",
	    "f(x)", "best = it", "0.0\n", "x * 2", NULL } },
	{ "rust-traits-O2", "rust/traits.rs", { "self.side * self.side",
	    "f(x)", "best = it", "0.0\n", "x * 2", NULL } },
	{ "rust-traits-v0", "rust/traits.rs", { "self.side * self.side",
	    "0.0\n", NULL } },
	{ "rust-index-O0", "rust/index.rs", { "    n + 1", NULL } },
	{ "rust-index-O2", "rust/index.rs", { "    n + 1", NULL } },
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
	const char *cmds[80];
	char bufs[8][128], crate[64];
	struct util_result g, f;
	struct util_gframe gf[32], ff[32];
	const char *prog;
	char **gl, **fl;
	size_t nc = 0, i, j, k, ng, nf, ngl, nfl, compared = 0, ninl = 0;
	size_t nimpl = 0;
	unsigned line;
	int stop;

	if (!util_have_gdb() ||
	    (prog = rust_sample(diffs[_i].prog)) == NULL)
		return;
	crate_of(diffs[_i].prog, crate, sizeof crate);
	for (i = 0; i < 6 && diffs[_i].needles[i] != NULL; i++) {
		line = util_source_line(diffs[_i].src, diffs[_i].needles[i]);
		snprintf(bufs[i], sizeof bufs[i], "break %s:%u",
		    strrchr(diffs[_i].src, '/') + 1, line);
		cmds[nc++] = bufs[i];
	}
	cmds[nc++] = "run";
	for (stop = 0; stop < 6; stop++) {
		cmds[nc++] = "bt";
		cmds[nc++] = "info frame";
		cmds[nc++] = "info symbol $pc";
		cmds[nc++] = "info args";
		cmds[nc++] = "info locals";
		cmds[nc++] = "up";
		cmds[nc++] = "info frame";
		cmds[nc++] = "info symbol $pc";
		cmds[nc++] = "info locals";
		cmds[nc++] = "continue";
	}
	cmds[nc] = NULL;
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = util_lines(g.out, &ngl);
	fl = util_lines(f.out, &nfl);
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
	for (i = 0, j = 0; i < ngl; i++) {
		bool want = false;

		if (strncmp(gl[i], "Stack level ", 12) == 0 ||
		    (gl[i][0] == '#' && own_frame(strchr(gl[i], ' ') ?
		    strchr(gl[i], ' ') + 2 : gl[i], crate)))
			want = true;
		if (value_line(gl[i]) && strstr(gl[i], "alloc::vec::Vec<") ==
		    NULL && strstr(gl[i], "alloc::string::String {") == NULL)
			want = true;
		if (strstr(gl[i], " inlined into frame") != NULL)
			ninl++;
		/* gdb's frames made from DW_TAG_call_site: framescope has
		   none, so the numbers of the frames after would differ.  */
		ck_assert_msg(strstr(gl[i], "tail call frame") == NULL,
		    "%s: gdb made a tail call frame", prog);
		if (!want)
			continue;
		for (k = j; k < nfl && strcmp(fl[k], gl[i]) != 0; k++)
			;
		if (k >= nfl)
			fprintf(stderr, "--- framescope:\n%s---\n", f.out);
		ck_assert_msg(k < nfl, "%s: gdb's line \"%s\" is not in "
		    "framescope's output after line %zu", prog, gl[i], j);
		nimpl += strstr(gl[i], "{impl#") != NULL;
		j = k + 1;
		compared++;
	}
	fprintf(stderr, "%s: %zu lines as gdb's, %zu with impl names, %zu "
	    "inlined frames\n", diffs[_i].prog, compared, nimpl, ninl);
	ck_assert_msg(compared > 4, "%s: nothing compared", prog);
	/* The samples that call trait methods have them mapped.  */
	if (strcmp(crate, "traits") == 0)
		ck_assert_msg(nimpl > 0, "%s: no impl method compared",
		    prog);
	if (strcmp(diffs[_i].prog, "rust-inline-O2") == 0)
		ck_assert_msg(ninl > 0, "%s: no inlined frame", prog);
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
}
END_TEST

static char	**index_lines(const char *, size_t *, bool);

/* ptype and whatis of Rust types as gdb's Rust language writes them:
   structs, tuple structs, unit structs, enums with their variants,
   C-like enums, slices and &str as the structs they are, tuples,
   arrays, pointers; and a tuple's field by number (t.1).  */
START_TEST(rust_ptype_as_gdb)
{
	static const char *const vars[] = { "p", "m", "e", "some", "ok",
	    "circle", "color", "s", "slice", "tup", "arr", "boxed", "r",
	    "unit", "v", "tup.1", "p.x", NULL };
	const char *cmds[64], *prog;
	char bufs[40][64];
	struct util_result g, f;
	char **gl, **fl;
	size_t nc = 0, i, ng, nf;

	if (!util_have_gdb() || (prog = rust_sample("rust-values-O0")) ==
	    NULL)
		return;
	cmds[nc++] = "break values::inspect";
	cmds[nc++] = "run";
	cmds[nc++] = "up";
	cmds[nc++] = "echo @@\\n";
	for (i = 0; vars[i] != NULL; i++) {
		snprintf(bufs[2 * i], sizeof bufs[0], "ptype %s", vars[i]);
		snprintf(bufs[2 * i + 1], sizeof bufs[0], "whatis %s", vars[i]);
		cmds[nc++] = bufs[2 * i];
		cmds[nc++] = bufs[2 * i + 1];
	}
	cmds[nc++] = "p tup.1";
	cmds[nc++] = "p tup.0 + 1";
	cmds[nc] = NULL;
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = index_lines(g.out, &ng, true);
	fl = index_lines(f.out, &nf, true);
	ck_assert_msg(ng > 20, "gdb said too little:\n%s", g.out);
	for (i = 0; i < ng && i < nf; i++)
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "line %zu:\n  gdb: %s\n"
		    "  framescope: %s", i + 1, gl[i], fl[i]);
	ck_assert_uint_eq(ng, nf);
	util_strv_free(gl, ng);
	util_strv_free(fl, nf);
	util_result_free(&g);
	util_result_free(&f);
}
END_TEST

/* Where the backtrace ends, as gdb's: at the crate's main, but past it
   (and past the C main rustc writes) down to _start when main has
   closures or nested functions, as rustc then makes a namespace of
   main's name that gdb's lookup of main finds instead.  Every frame's
   pc and line as gdb's; names as gdb's but the impl methods, which
   framescope names by their demangled symbol.  */
START_TEST(rust_bt_end_as_gdb)
{
	static const struct {
		const char *prog, *brk;
		bool past;
	} t[] = {
		{ "rust-traits-O0", "traits::largest<i32>", true },
		{ "rust-traits-O2", "traits::total_area", true },
		{ "rust-calc-O0", "calc::multiply", false },
	};
	struct util_gframe gf[40], ff[40];
	struct util_result g, f;
	const char *cmds[4], *prog;
	char brk[128];
	size_t i, k, ng, nf;

	if (!util_have_gdb())
		return;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if ((prog = rust_sample(t[i].prog)) == NULL)
			return;
		snprintf(brk, sizeof brk, "break %s", t[i].brk);
		cmds[0] = brk;
		cmds[1] = "run";
		cmds[2] = "bt";
		cmds[3] = NULL;
		util_gdb(&g, NULL, cmds, prog, NULL);
		util_framescope(&f, NULL, cmds, prog, NULL);
		ng = util_gdb_backtrace(g.out, gf, 40);
		nf = util_gdb_backtrace(f.out, ff, 40);
		ck_assert_msg(ng > 1 && ng == nf, "%s: %zu frames, gdb %zu\n%s",
		    t[i].prog, nf, ng, f.out);
		ck_assert_msg(t[i].past == (strcmp(gf[ng - 1].func,
		    "_start") == 0), "%s: gdb's last frame %s", t[i].prog,
		    gf[ng - 1].func);
		for (k = 0; k < ng; k++) {
			ck_assert_uint_eq(gf[k].has_pc, ff[k].has_pc);
			if (gf[k].has_pc)
				ck_assert_uint_eq(gf[k].pc, ff[k].pc);
			ck_assert_uint_eq(gf[k].line, ff[k].line);
			ck_assert_str_eq(gf[k].func, ff[k].func);
		}
		util_result_free(&g);
		util_result_free(&f);
	}
}
END_TEST

/* The lines of OUT (FROM_MARKER: from the one after "@@" on), gdb's
   about its scripts left out.  */
static char **
index_lines(const char *out, size_t *n, bool from_marker)
{
	char **all = util_lines(out, n), **v;
	size_t i, k = 0;
	bool on = !from_marker;

	ck_assert_ptr_nonnull(v = calloc(*n + 1, sizeof *v));
	for (i = 0; i < *n; i++) {
		if (strcmp(all[i], "@@") == 0) {
			on = true;
			continue;
		}
		if (on && strncmp(all[i], "warning: Missing auto-load", 26) !=
		    0 && strncmp(all[i], "of file ", 8) != 0 &&
		    strncmp(all[i], "Use `info auto-load", 19) != 0)
			ck_assert_ptr_nonnull(v[k++] = strdup(all[i]));
	}
	util_lines_free(all);
	*n = k;
	return v;
}

/* CMDS on Rust sample SAMPLE under gdb and framescope: the same output
   from the "@@" echoed on (at least MINOUT lines), and the same errors
   (at least MINERR lines).  */
static void
rust_same_as_gdb_at(const char *sample, const char *prog,
    const char *const cmds[], size_t minout, size_t minerr)
{
	struct util_result g, f;
	char **gl, **fl;
	size_t ng, nf, i, pass;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	for (pass = 0; pass < 2; pass++) {
		gl = index_lines(pass == 0 ? g.out : g.err, &ng, pass == 0);
		fl = index_lines(pass == 0 ? f.out : f.err, &nf, pass == 0);
		for (i = 0; i < ng || i < nf; i++)
			ck_assert_msg(i < ng && i < nf && strcmp(gl[i],
			    fl[i]) == 0, "%s: line %zu of %s: gdb \"%s\", "
			    "framescope \"%s\"\n--- gdb:\n%s%s--- "
			    "framescope:\n%s%s", sample, i, pass ? "errors" :
			    "output", i < ng ? gl[i] : "", i < nf ? fl[i] : "",
			    g.out, g.err, f.out, f.err);
		ck_assert_uint_ge(ng, pass != 0 ? minerr : minout);
		for (i = 0; i < ng; i++)
			free(gl[i]);
		for (i = 0; i < nf; i++)
			free(fl[i]);
		free(gl);
		free(fl);
	}
	util_result_free(&g);
	util_result_free(&f);
}

static void
rust_same_as_gdb(const char *sample, const char *const cmds[], size_t minout,
    size_t minerr)
{
	const char *prog;

	if (util_have_gdb() && (prog = rust_sample(sample)) != NULL)
		rust_same_as_gdb_at(sample, prog, cmds, minout, minerr);
}

/* Indexing, len() and fields through Box, Rc and Arc (index.rs): what
   gdb answers, framescope answers the same, errors too (an array's and
   a slice's index past the length, an index below zero, len() of a
   struct).  */
START_TEST(rust_index_as_gdb)
{
	static const char *const cmds[] = { "break index::look", "run",
	    "up", "echo @@\\n", "p s[1]", "p slice[1]", "p arr[2]",
	    "p grid[1][0]", "p grid[0]", "p boxed.x", "p *boxed",
	    "p boxed.y + 1", "p v.len", "p rc.ptr", "p slice[0] + 1",
	    "whatis s[0]", "whatis arr[7]", "whatis boxed.x",
	    "p slice[-1]", "p arr[4]", "p slice[3]", "p s[7]",
	    "p rc.len()", "p arr[1+1]", NULL };

	rust_same_as_gdb("rust-index-O0", cmds, 13, 5);
}
END_TEST

/* Frames of std's code inlined into std, called through a function
   pointer from the program (a Display impl under println!): the inlined
   call with no line (core::fmt::write's Argument::fmt) shows its pc and
   no source, as gdb's; an inlined call's `info frame' has the registers
   the frame below saved, and its CFA for the sp; a function with
   inlined calls below it its own saved registers.  */
START_TEST(rust_inlined_std_as_gdb)
{
	static const char *const cmds[] = { "break shown::S::get", "run",
	    "echo @@\\n", "bt", "frame 3", "info frame", "frame 4",
	    "info frame", "frame 5", "info frame", "up", "info frame",
	    NULL };
	char *dir, src[4200], bin[4200], cmd[9000];
	FILE *f;

	if (!util_have_gdb() || system("rustc --version >/dev/null 2>&1") !=
	    0)
		return;
	dir = util_tmpdir();
	snprintf(src, sizeof src, "%s/shown.rs", dir);
	snprintf(bin, sizeof bin, "%s/shown", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs("struct S { v: i32 }\n"
	    "impl S { #[inline(never)] fn get(&self) -> i32 { self.v } }\n"
	    "trait T { fn t(&self) -> i32; }\n"
	    "impl T for S {\n"
	    "    #[inline(never)] fn t(&self) -> i32 { self.get() + 1 }\n"
	    "}\n"
	    "impl std::fmt::Display for S {\n"
	    "    fn fmt(&self, f: &mut std::fmt::Formatter) ->\n"
	    "        std::fmt::Result { write!(f, \"{}\", self.t()) }\n"
	    "}\n"
	    "fn main() { let s = S { v: 3 }; println!(\"{}\", s); }\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "rustc -g -o '%s' '%s'", bin, src);
	ck_assert_int_eq(system(cmd), 0);
	rust_same_as_gdb_at("shown", bin, cmds, 20, 0);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* With no frame (before run, after the exit) a Rust program's
   expressions are Rust's, as gdb's language is its main's: its errors
   are Rust's words.  */
START_TEST(rust_language_without_frame)
{
	static const char *const cmds[] = { "p nosuch", "whatis nosuch2",
	    "run", "echo @@\\n", "p nosuch3", NULL };

	rust_same_as_gdb("rust-calc-O0", cmds, 0, 3);
}
END_TEST

/* A Rust function's value and type as gdb's Rust language writes them,
   {fn (i32, i32) -> i32}, and info address finding it by its name in
   the selected frame's module.  */
START_TEST(rust_fn_values_as_gdb)
{
	static const char *const cmds[] = { "break calc::compute", "run",
	    "echo @@\\n", "p multiply", "whatis multiply", "ptype multiply",
	    "p *multiply", "p &multiply", "info address multiply",
	    "info address compute", "p calc::multiply",
	    "p calc::multiply(6, 7)", "whatis calc::multiply",
	    "p self::multiply(2, 3)", "p calc::nosuch", "up",
	    "info address multiply", NULL };

	rust_same_as_gdb("rust-calc-O0", cmds, 8, 0);
}
END_TEST

/* rustc's -O2 functions of its own convention (DW_CC_nocall): finish
   says what the value's type is but not the value, with gdb's warning,
   and a call is refused, naming the function as gdb does.  */
START_TEST(rust_nocall_as_gdb)
{
	static const char *const cmds[] = { "break calc::multiply", "run",
	    "echo @@\\n", "finish", "p multiply(2, 3)", "p $", "bt 2",
	    NULL };

	rust_same_as_gdb("rust-calc-O2", cmds, 4, 3);
}
END_TEST

/* A Rust enum's fields by its active variant, as gdb's Rust language
   takes them: Some(5).0, Ok(7).0, a tuple variant's .0 and .1
   and a struct variant's named field, through them further (.0.x, + 1,
   whatis); gdb's words for a field a variant, tuple, tuple struct or
   unit struct does not have, for a number on a C-like enum or an
   integer, a name on a tuple variant; an assignment's value ().  */
START_TEST(rust_enum_fields_as_gdb)
{
	static const char *const cmds[] = { "break values::inspect", "run",
	    "up", "echo @@\\n", "p some.0", "p ok.0",
	    "p some_ref.0.x", "p rect.0", "p rect.1.y", "p circle.r",
	    "p tup.2", "p m.0", "p some_ref.0.y + 1", "p some.0 + 1",
	    "p ok.0 + 1", "p *some_ref.0", "whatis some.0", "whatis rect.1",
	    "whatis circle.r", "ptype rect.0", "p none.0", "p dot.0",
	    "p tup.3", "p color.0", "p some.1", "p rect.2", "p circle.0",
	    "p rect.r", "p p.0", "p i.0", "p circle.x", "p none.x",
	    "p some.x", "p dot.x", "p color.x", "p err.1", "p m.1", "p e.0",
	    "p some.0 = 9", "p some", "p i += 1", "whatis i = 3", NULL };

	rust_same_as_gdb("rust-values-O0", cmds, 20, 15);
}
END_TEST

/* Rust's expressions as gdb's Rust language reads them: literals with
   `_', 0x, 0o, 0b and a type's suffix, an i32 (an i64 from 2^31) or f64
   without one; `as' to a primitive, a C-like enum and bool, binding
   looser than a unary operator; comparisons and && || of type bool,
   compared after | ^ &; ! a bool's negation, an integer's complement;
   arithmetic in a long or a double, a negation and a shift in the
   operand's type; types by their path or, alone, in the function's
   module (ptype, whatis, sizeof, an enum's variant, a unit variant of
   an enum with data); arrays [A, B] and [X; N]; slices &X[LO..HI] of a
   slice and a &str; characters in UTF-8 and as u{...} escapes, bytes
   b'a'; the errors (a struct's operator, a tuple, * of no pointer).  */
START_TEST(rust_expressions_as_gdb)
{
	static const char *const cmds[] = { "break values::inspect", "run",
	    "up", "echo @@\\n", "p 1 + 2", "whatis 1 + 2",
	    "p 0x_ff + 0b1010 + 0o17 + 1_000", "whatis 2.5",
	    "whatis 1.5f32", "p 200u8 as i8", "whatis 7usize",
	    "whatis 3000000000", "p -1 as u32", "p b as i8", "p f as u8",
	    "p g as f64", "p c as u32", "p 955 as char", "p n > 0",
	    "whatis i < 0", "p !flag", "p !b", "p !0i32", "p -b",
	    "whatis -b", "p 1 & 3 == 1", "p flag && i < 0",
	    "p i < 0 || false", "p true as i32 + 1", "ptype Point",
	    "ptype values::Color", "whatis values::Point",
	    "p sizeof(values::Shape)", "p values::Color::Blue",
	    "p color == values::Color::Green", "p values::Color::Blue as u8",
	    "p color as i32", "whatis values::Color::Red",
	    "p 1 as values::Color", "p 3 as bool", "p 0.5 as bool",
	    "p 5i8 * 100i8", "whatis 5i8 * 100i8", "p 7 / 2.0",
	    "whatis g + g", "p 1.5f32 * 3", "p u as i64", "p i as u16",
	    "p -i", "whatis -i", "p 1 << 4", "whatis 1u8 << 2",
	    "p 1 as nosuch", "p values::Nosuch::A", "p values::Shape::Dot",
	    "p [1, 2, 3]", "whatis [0u8; 4]", "p [p.x, p.y][1]",
	    "p [flag, false]", "p [1u8, 2]", "p [1; -1]", "p [0; 100000]",
	    "p &slice[..1]", "p &s[1..3]", "p &s[1..=3]", "p slice[0..1]",
	    "p &arr[0..1][0]", "p &arr[2..1]", "p &arr[1..9]",
	    "p &[1, 2][0..1]", "p *p", "p *slice", "p 'λ'", "p '\\u{3bb}'",
	    "p c == 'λ'", "p b'a'", "whatis b'a'", "p 'ab'", "p ''",
	    "p (1, 2)", "p *&mut p", "p p == p", "p 1 + p", "p -p", NULL };

	rust_same_as_gdb("rust-values-O0", cmds, 63, 18);
}
END_TEST

/* Slices where gdb refuses one or names its type *gdb*: of a Vec, a
   String (a &str), an array (its elements' type named), of a Vec of
   &str; the slice's length as a field; what is no sequence refused.  */
START_TEST(rust_slices)
{
	static const char *const cmds[] = { "break values::inspect", "run",
	    "up", "p &v[1..]", "p &owned[1..]", "p &arr[1..3]",
	    "p &words[0..1]", "whatis &arr[..]", "p (&v[..2]).length",
	    "p &boxed_int[0..1]", NULL };
	static const char *const want[] = { "$1 = &[i32] [2, 3]",
	    "$2 = \"orld\"", "$3 = &[u8] [20, 30]",
	    "$4 = &[&str] [\"a\"]", "type = &[u8]", "$5 = 2", NULL };
	struct util_result r;

	if (!rust_run_has("rust-values-O0", cmds, want, &r))
		return;
	HAS(r.err, "Cannot subscript non-array type");
	util_result_free(&r);
}
END_TEST

/* A Rust program's language is rust, auto, as gdb's; set to c, C's
   expressions with gdb's warning; demangle in Rust's way.  */
START_TEST(rust_language_as_gdb)
{
	static const char *const cmds[] = { "show language",
	    "demangle _ZN3foo3bar17h0123456789abcdefE", "break add::add",
	    "run", "echo @@\\n", "show language", "up 2", "show language",
	    "set language c", "show language", "p 1 == 1", "bt 1",
	    "demangle _RNvCs1234_3foo3bar", "set language auto",
	    "demangle _RNvCs1234_3foo3bar", "p 1 == 1", NULL };

	rust_same_as_gdb("rust-add-O0", cmds, 9, 0);
}
END_TEST

/* What gdb refuses, against what the program holds: a Vec's, String's,
   Vec of Vecs', Vec of structs' elements, through a Box and an Rc; fields
   through an Rc and an Arc; len() of every container and array; an index
   past a Vec's length.  */
START_TEST(rust_index)
{
	static const char *const cmds[] = { "break index::look", "run",
	    "up", "p v[1]", "p v[k + 3]", "p owned[0]", "p words[2]",
	    "p pts[1]", "p pts[1].y", "p nested[1][1]", "p nested[1]",
	    "p boxed_vec[1]", "p rc.x", "p *rc", "p arc.at.x", "p arc.name",
	    "p arc.name[1]", "p rc_vec[1]", "p v.len()", "p s.len()",
	    "p owned.len()", "p slice.len()", "p arr.len()",
	    "p empty.len()", "p grid[1].len()", "p nested[1].len()",
	    "p rc_vec.len()", "p boxed_vec.len()", "p v[1] + v[2]",
	    "p *&v[1]", "whatis v[1]", "whatis owned[0]",
	    "whatis rc_vec[0]", "whatis v.len()", "whatis *rc",
	    "p v[4]", "p empty[0]", "p slice[2]", "p arr[3]", NULL };
	static const char *const want[] = { "$1 = 20", "$2 = 40",
	    "$3 = 119", "$4 = \"def\"", "$5 = index::Point {x: 3, y: 4}",
	    "$6 = 4", "$7 = 3", "$8 = vec![2, 3]", "$9 = 2.5", "$10 = 7",
	    "$11 = index::Point {x: 7, y: 8}", "$12 = 9", "$13 = \"arc\"",
	    "$14 = 114", "$15 = 200", "$16 = 4", "$17 = 6", "$18 = 5",
	    "$19 = 2", "$20 = 3", "$21 = 0", "$22 = 2", "$23 = 2",
	    "$24 = 2", "$25 = 2", "$26 = 50", "$27 = 20", "type = i32",
	    "type = u8", "type = u32", "type = usize", "type = index::Point",
	    NULL };
	struct util_result r;
	const char *p;
	size_t n;

	if (!rust_run_has("rust-index-O0", cmds, want, &r))
		return;
	for (n = 0, p = r.err; (p = strstr(p, "Index greater than length\n"))
	    != NULL; p++)
		n++;
	ck_assert_msg(n == 4, "%s", r.err);
	util_result_free(&r);
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
	tcase_add_test(tc, rust_catch_panic);
	tcase_add_test(tc, rust_start);
	tcase_add_loop_test(tc, rust_gdbdiff, 0, NDIFFS);
	tcase_add_test(tc, rust_index_as_gdb);
	tcase_add_test(tc, rust_slices);
	tcase_add_test(tc, rust_language_as_gdb);
	tcase_add_test(tc, rust_expressions_as_gdb);
	tcase_add_test(tc, rust_enum_fields_as_gdb);
	tcase_add_test(tc, rust_nocall_as_gdb);
	tcase_add_test(tc, rust_fn_values_as_gdb);
	tcase_add_test(tc, rust_language_without_frame);
	tcase_add_test(tc, rust_inlined_std_as_gdb);
	tcase_add_test(tc, rust_bt_end_as_gdb);
	tcase_add_test(tc, rust_ptype_as_gdb);
	tcase_add_test(tc, rust_index);
	suite_add_tcase(s, tc);
	return s;
}
