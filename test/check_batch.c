/* SPDX-License-Identifier: GPL-3.0-or-later */
/* End-to-end tests of framescope --batch on the samples: the JSON frames
   against the stack memory, the stop lines against gdb's, breakpoints,
   signals, exit codes, and attaching and detaching. */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "check_common.h"
#include "check_util.h"

/* ---------------------------------------------------------- the frames */

static const char *
jreason(const json_t *stop)
{
	const char *r = util_jstr(stop, "reason");

	ck_assert_ptr_nonnull(r);
	return r;
}

static json_t *
jframes(const json_t *stop, size_t *n)
{
	json_t *f = json_object_get(stop, "frames");

	ck_assert_msg(json_is_array(f), "stop without a frames array");
	*n = json_array_size(f);
	return f;
}

static json_t *
jframe(const json_t *stop, size_t i)
{
	size_t n;
	json_t *f = jframes(stop, &n);

	ck_assert_msg(i < n, "stop %" JSON_INTEGER_FORMAT " has %zu frames, "
	    "not %zu", json_integer_value(json_object_get(stop, "stop")), n,
	    i + 1);
	return json_array_get(f, i);
}

static bool
jis_sigframe(const json_t *fr)
{
	return json_is_true(json_object_get(fr, "signal_frame"));
}

/* The shape of a stop and the invariants of its frames.  */
static void
check_stop(const json_t *stop, long number)
{
	const json_t *regs, *fr, *m;
	uint64_t rip, pc, cfa, prev_cfa = 0;
	size_t n, i;
	bool have_prev = false;

	ck_assert_msg(json_is_integer(json_object_get(stop, "stop")),
	    "no stop number");
	ck_assert_int_eq(json_integer_value(json_object_get(stop, "stop")),
	    number);
	ck_assert(json_is_integer(json_object_get(stop, "pid")));
	ck_assert(json_is_integer(json_object_get(stop, "tid")));
	jframes(stop, &n);
	if (strcmp(jreason(stop), "exited") == 0) {
		ck_assert_uint_eq(n, 0);
		return;
	}
	regs = json_object_get(stop, "regs");
	ck_assert_msg(json_is_object(regs), "stop %ld: no regs", number);
	rip = util_jhex(regs, "rip");
	ck_assert_uint_eq(util_jhex(stop, "pc"), rip);
	ck_assert_msg(n > 0, "stop %ld: no frames", number);
	for (i = 0; i < n; i++) {
		fr = jframe(stop, i);
		ck_assert_msg(json_is_object(fr), "frame %zu", i);
		ck_assert_int_eq(json_integer_value(json_object_get(fr,
		    "index")), (json_int_t)i);
		util_jstr(fr, "function");
		util_jstr(fr, "module");
		m = json_object_get(fr, "line");
		ck_assert_msg(m != NULL && (json_is_null(m) ||
		    (json_is_integer(m) && json_integer_value(m) > 0)),
		    "stop %ld frame %zu: bad line", number, i);
		ck_assert_msg(util_jstr(fr, "file") == NULL ||
		    json_is_integer(m), "stop %ld frame %zu: a file without a "
		    "line", number, i);
		pc = util_jhex(fr, "pc");
		util_jhex(fr, "sp");
		util_jhex(fr, "fp");
		if (i == 0) {
			ck_assert_msg(pc == rip, "stop %ld: frame 0 pc %#"
			    PRIx64 " is not rip %#" PRIx64, number, pc, rip);
			ck_assert_uint_eq(util_jhex(fr, "sp"),
			    util_jhex(regs, "rsp"));
		}
		if (util_jhex_opt(fr, "cfa", &cfa)) {
			/* A tail call's frame, made up, has the cfa of the
			   one below, an inlined call that of its function.  */
			ck_assert_msg(!have_prev || cfa > prev_cfa ||
			    (cfa == prev_cfa && (json_is_true(
			    json_object_get(fr, "tailcall")) || json_is_true(
			    json_object_get(fr, "inlined")))),
			    "stop %ld: frame %zu cfa %#" PRIx64 " not above "
			    "frame %zu's %#" PRIx64, number, i, cfa, i - 1,
			    prev_cfa);
			prev_cfa = cfa;
			have_prev = true;
		} else
			have_prev = false;
	}
}

/* Check every stop of the dump, numbered from 0, with REASONS (NULL
   terminated) as their reasons.  */
static void
check_dump(json_t **d, size_t n, const char *const reasons[])
{
	size_t i, nr = 0;

	while (reasons[nr] != NULL)
		nr++;
	ck_assert_msg(n == nr, "%zu stops in the dump, expected %zu", n, nr);
	for (i = 0; i < n; i++) {
		ck_assert_msg(strcmp(jreason(d[i]), reasons[i]) == 0,
		    "stop %zu is \"%s\", expected \"%s\"", i, jreason(d[i]),
		    reasons[i]);
		check_stop(d[i], (long)i);
	}
}

/* How many stops command CMD makes in the scripts of these tests.  */
static unsigned
stops_of(const char *cmd)
{
	if (strcmp(cmd, "run") == 0)
		return 2;	/* the entry, then where it stops */
	if (strncmp(cmd, "break", 5) == 0 || strncmp(cmd, "tbreak", 6) == 0 ||
	    strncmp(cmd, "handle", 6) == 0)
		return 0;
	return 1;
}

/* Run FINE (the script of dump D, with every command making one stop)
   again, with `x/gx CFA-8` after every stop for every frame that has a
   caller: each must hold the caller's pc.  The frames of the second run
   must be those of D.  */
static void
check_return_addresses(const char *prog, const char *const args[],
    const char *const fine[], json_t **d, size_t nd)
{
	struct util_argv cmds = { 0 };
	struct util_result r;
	char *dir = util_tmpdir(), dump[4200], **lines;
	uint64_t want[512], got, addr[512], cfa;
	size_t nwant = 0, i, j, k, nf, n2, nl, seen = 0;
	long stop = -1;
	json_t **d2;

	for (i = 0; fine[i] != NULL; i++) {
		util_argv_push(&cmds, fine[i]);
		stop += stops_of(fine[i]);
		if (stops_of(fine[i]) == 0)
			continue;
		ck_assert_msg(stop >= 0 && (size_t)stop < nd, "the script "
		    "makes more stops than the dump has");
		jframes(d[stop], &nf);
		for (k = 0; k + 1 < nf; k++) {
			const json_t *fr = jframe(d[stop], k);

			if (jis_sigframe(fr) || !util_jhex_opt(fr, "cfa", &cfa))
				continue;
			/* The frames of tail calls (made up, with the cfa of
			   the frame below) were not returned to: the caller
			   past them was.  */
			for (j = k + 1; j < nf && json_is_true(json_object_get(
			    jframe(d[stop], j), "tailcall")); j++)
				;
			if (j == nf)
				continue;
			ck_assert(nwant < 512);
			addr[nwant] = cfa - 8;
			want[nwant++] = util_jhex(jframe(d[stop], j), "pc");
			util_argv_pushf(&cmds, "x/gx 0x%" PRIx64, cfa - 8);
		}
	}
	ck_assert_msg((size_t)stop + 1 == nd, "the script makes %ld stops, "
	    "the dump has %zu", stop + 1, nd);
	ck_assert_msg(nwant > 0, "no frame with a caller to check");
	snprintf(dump, sizeof dump, "%s/replay.json", dir);
	util_framescope(&r, dump, (const char *const *)cmds.v, prog, args);
	ck_assert_msg(!r.timed_out && WIFEXITED(r.status), "replay: %s",
	    util_status_text(&r));
	/* Same stops, same frames.  */
	d2 = util_load_dump(dump, &n2);
	ck_assert_uint_eq(n2, nd);
	for (i = 0; i < nd; i++) {
		size_t na, nb;

		ck_assert_str_eq(jreason(d2[i]), jreason(d[i]));
		jframes(d[i], &na);
		jframes(d2[i], &nb);
		ck_assert_msg(na == nb, "stop %zu: %zu frames, then %zu", i,
		    na, nb);
		for (k = 0; k < na; k++) {
			uint64_t c1 = 0, c2 = 0;

			ck_assert_uint_eq(util_jhex(jframe(d[i], k), "pc"),
			    util_jhex(jframe(d2[i], k), "pc"));
			ck_assert_int_eq(util_jhex_opt(jframe(d[i], k), "cfa",
			    &c1), util_jhex_opt(jframe(d2[i], k), "cfa", &c2));
			ck_assert_uint_eq(c1, c2);
		}
	}
	/* The x lines, "0xADDR:\t0xVALUE", in the order asked.  */
	lines = util_lines(r.out, &nl);
	for (i = 0; i < nl; i++) {
		char *colon = strstr(lines[i], ":\t0x");

		if (strncmp(lines[i], "0x", 2) != 0 || colon == NULL)
			continue;
		ck_assert_msg(seen < nwant, "more x lines than asked:\n%s",
		    r.out);
		ck_assert_uint_eq(strtoull(lines[i], NULL, 16), addr[seen]);
		got = strtoull(colon + 2, NULL, 16);
		ck_assert_msg(got == want[seen], "%#" PRIx64 " (a frame's "
		    "cfa - 8) holds %#" PRIx64 ", not the caller's pc %#"
		    PRIx64, addr[seen], got, want[seen]);
		seen++;
	}
	ck_assert_msg(seen == nwant, "%zu of %zu x lines:\n%s\n%s", seen,
	    nwant, r.out, r.err);
	util_lines_free(lines);
	util_dump_free(d2, n2);
	util_result_free(&r);
	util_argv_free(&cmds);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
}

/* The frames of STOP from 0 to main must be gdb's backtrace at the same
   place: same functions, files, lines and pcs (frame 0's pc is PC0).  */
static void
frames_as_gdb(const json_t *stop, const struct util_gframe *g, size_t ng,
    uint64_t pc0)
{
	size_t i;

	ck_assert_msg(ng > 0, "gdb printed no backtrace");
	for (i = 0; i < ng; i++) {
		const json_t *fr = jframe(stop, i);
		const char *fn = util_jstr(fr, "function");
		const char *file = util_jstr(fr, "file");

		ck_assert_msg(fn != NULL && strcmp(fn, g[i].func) == 0,
		    "frame %zu is %s, gdb says %s", i, fn ? fn : "null",
		    g[i].func);
		if (g[i].file[0] != '\0') {
			ck_assert_msg(file != NULL && strcmp(file,
			    g[i].file) == 0, "frame %zu file %s, gdb says %s",
			    i, file ? file : "null", g[i].file);
			ck_assert_int_eq(json_integer_value(json_object_get(fr,
			    "line")), g[i].line);
		}
		ck_assert_uint_eq(util_jhex(fr, "pc"), i == 0 ? pc0 :
		    g[i].pc);
	}
}

/* Run SCRIPT (SCRIPT[0] sets breakpoint 1, then "run") on sample NAME
   with a dump: its stops must have REASONS, and the frames at breakpoint
   1 must be gdb's there.  Returns the dump (*ND stops) for more checks,
   or NULL when gdb does not stop at the breakpoint (then framescope may
   not either).  */
static json_t **
break_and_compare(const char *name, const char *const args[],
    const char *const script[], const char *const reasons[], size_t *nd,
    struct util_gframe *g, size_t *ng)
{
	const char *gcmds[8];
	struct util_result gr, fr;
	char *prog = util_sample(name), *dir = util_tmpdir(), dump[4200];
	json_t **d;
	uint64_t pc0;
	bool hit;

	/* gdb: the same breakpoint, run, and the frames.  */
	gcmds[0] = script[0];
	gcmds[1] = "run";
	gcmds[2] = "bt";
	gcmds[3] = "p/x $pc";
	gcmds[4] = NULL;
	util_gdb(&gr, NULL, gcmds, prog, args);
	hit = util_has_line_prefix(gr.out, "Breakpoint 1, ");
	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	util_framescope(&fr, dump, script, prog, args);
	ck_assert_msg(WIFEXITED(fr.status), "framescope: %s",
	    util_status_text(&fr));
	d = util_load_dump(dump, nd);
	if (!hit) {
		static const char *const gone[] = { "entry", "exited", NULL };

		/* gdb does not stop (the call was optimized away).  */
		ck_assert_msg(!util_has_line_prefix(fr.out, "Breakpoint 1, "),
		    "framescope stops where gdb does not:\n%s", fr.out);
		check_dump(d, *nd, gone);
		util_dump_free(d, *nd);
		d = NULL;
	} else {
		check_dump(d, *nd, reasons);
		pc0 = util_gdb_value(gr.out);
		*ng = util_gdb_backtrace(gr.out, g, 32);
		frames_as_gdb(d[1], g, *ng, pc0);
	}
	util_result_free(&gr);
	util_result_free(&fr);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
	free(prog);
	return d;
}

static const char *const callee8_variants[] = {
	"callee8-O0", "callee8-O2", "callee8-O0-nofp",
};

START_TEST(test_dump_callee8)
{
	static const char *const script[] = { "break callee", "run",
	    "stepi 3", NULL };
	static const char *const fine[] = { "break callee", "run", "stepi",
	    "stepi", "stepi", NULL };
	static const char *const reasons[] = { "entry", "breakpoint", "step",
	    "step", "step", NULL };
	const char *name = callee8_variants[_i];
	struct util_gframe g[32];
	size_t nd, ng = 0;
	json_t **d;
	char *prog;

	d = break_and_compare(name, NULL, script, reasons, &nd, g, &ng);
	if (d == NULL)
		return;		/* -O2: main never calls callee */
	ck_assert_int_eq(json_integer_value(json_object_get(d[1],
	    "breakpoint")), 1);
	ck_assert_str_eq(util_jstr(jframe(d[1], 0), "function"), "callee");
	ck_assert_str_eq(util_jstr(jframe(d[1], 1), "function"), "main");
	ck_assert_str_eq(util_jstr(jframe(d[1], 0), "file"), "callee8.c");
	ck_assert_str_eq(util_jstr(jframe(d[1], 1), "file"), "callee8.c");
	ck_assert_int_eq(json_integer_value(json_object_get(jframe(d[1], 1),
	    "line")), util_source_line("callee8.c", "callee(1, 2,"));
	if (strcmp(name, "callee8-O0") == 0)
		ck_assert_int_eq(json_integer_value(json_object_get(
		    jframe(d[1], 0), "line")),
		    util_source_line("callee8.c", "return arg7 + arg8;"));
	prog = util_sample(name);
	check_return_addresses(prog, NULL, fine, d, nd);
	free(prog);
	util_dump_free(d, nd);
}
END_TEST

static const char *const chain_variants[] = { "O0", "O0-nofp",
    "O0-nocfi" };

START_TEST(test_dump_calc_chain)
{
	static const char *const script[] = { "break multiply", "run",
	    "stepi", NULL };
	static const char *const reasons[] = { "entry", "breakpoint", "step",
	    NULL };
	static const char *const chain[] = { "multiply", "compute", "main" };
	struct util_gframe g[32];
	char name[64], *prog;
	size_t nd, ng = 0, i;
	json_t **d;

	snprintf(name, sizeof name, "calc-%s", chain_variants[_i]);
	d = break_and_compare(name, NULL, script, reasons, &nd, g, &ng);
	ck_assert_msg(d != NULL, "gdb does not stop in multiply");
	for (i = 0; i < 3; i++) {
		ck_assert_str_eq(util_jstr(jframe(d[1], i), "function"),
		    chain[i]);
		ck_assert_str_eq(util_jstr(jframe(d[1], i), "file"),
		    "calc.c");
	}
	ck_assert_int_eq(json_integer_value(json_object_get(jframe(d[1], 1),
	    "line")), util_source_line("calc.c", "= multiply(x, 2);"));
	ck_assert_int_eq(json_integer_value(json_object_get(jframe(d[1], 2),
	    "line")), util_source_line("calc.c", "= compute(x);"));
	prog = util_sample(name);
	check_return_addresses(prog, NULL, script, d, nd);
	free(prog);
	util_dump_free(d, nd);
}
END_TEST

START_TEST(test_dump_factorial_depth)
{
	static const char *const script[] = { "break factorial", "run",
	    "continue 4", NULL };
	static const char *const fine[] = { "break factorial", "run",
	    "continue", "continue", "continue", "continue", NULL };
	static const char *const reasons[] = { "entry", "breakpoint",
	    "breakpoint", "breakpoint", "breakpoint", "breakpoint", NULL };
	static const char *const args[] = { "5", NULL };
	struct util_gframe g[32];
	char name[64], *prog;
	uint64_t fa, fs, ma, ms, bias, pc;
	size_t nd, ng = 0, i;
	json_t **d;

	snprintf(name, sizeof name, "factorial-%s", chain_variants[_i]);
	d = break_and_compare(name, args, script, reasons, &nd, g, &ng);
	ck_assert_msg(d != NULL, "gdb does not stop in factorial");
	prog = util_sample(name);
	ck_assert(util_nm(prog, "factorial", &fa, &fs) && fs > 0);
	ck_assert(util_nm(prog, "main", &ma, &ms) && ms > 0);
	bias = util_load_bias(prog);
	/* The last stop: five factorial frames, then main.  */
	for (i = 0; i < 6; i++) {
		const json_t *fr = jframe(d[nd - 1], i);

		pc = util_jhex(fr, "pc");
		ck_assert_str_eq(util_jstr(fr, "function"), i < 5 ?
		    "factorial" : "main");
		if (i < 5)
			ck_assert_msg(pc >= bias + fa && pc < bias + fa + fs,
			    "frame %zu pc %#" PRIx64 " is not in factorial "
			    "[%#" PRIx64 ", %#" PRIx64 ")", i, pc, bias + fa,
			    bias + fa + fs);
		else
			ck_assert_msg(pc >= bias + ma && pc < bias + ma + ms,
			    "frame 5 pc %#" PRIx64 " is not in main", pc);
		if (i >= 1 && i < 5)
			ck_assert_int_eq(json_integer_value(json_object_get(fr,
			    "line")), util_source_line("factorial.c",
			    "return n * factorial(n - 1);"));
	}
	/* And gdb agrees at that depth too.  */
	{
		struct util_result gr;
		const char *gc[] = { "break factorial", "run", "continue 4",
		    "bt", "p/x $pc", NULL };

		util_gdb(&gr, NULL, gc, prog, args);
		ng = util_gdb_backtrace(gr.out, g, 32);
		ck_assert_uint_eq(ng, 6);
		frames_as_gdb(d[nd - 1], g, ng, util_gdb_value(gr.out));
		util_result_free(&gr);
	}
	check_return_addresses(prog, args, fine, d, nd);
	free(prog);
	util_dump_free(d, nd);
}
END_TEST

/* `snapshot FILE` and `snapshot`: one object, the dump's last line.  */
START_TEST(test_snapshot_matches_dump)
{
	static const char *const fmt[] = { "break callee", "run", "stepi 3",
	    "snapshot %s", "snapshot", NULL };
	const char *cmds[6];
	struct util_result r;
	char *dir = util_tmpdir(), dump[4200], snap[4200], snapcmd[4300];
	char *text, **lines;
	json_t **d, *one, *out;
	json_error_t je;
	size_t nd, n, i;
	char *prog = util_sample("callee8-O0");

	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	snprintf(snap, sizeof snap, "%s/snap.json", dir);
	snprintf(snapcmd, sizeof snapcmd, "snapshot %s", snap);
	for (i = 0; fmt[i] != NULL; i++)
		cmds[i] = fmt[i];
	cmds[3] = snapcmd;
	cmds[5] = NULL;
	util_framescope(&r, dump, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s: %s", util_status_text(&r), r.err);
	d = util_load_dump(dump, &nd);
	ck_assert_uint_eq(nd, 5);
	ck_assert_ptr_nonnull(text = util_slurp(snap));
	ck_assert_msg(util_count_lines(text) == 1, "snapshot file has %zu "
	    "lines", util_count_lines(text));
	one = json_loads(text, 0, &je);
	ck_assert_msg(one != NULL, "snapshot: %s", je.text);
	ck_assert_msg(json_equal(one, d[nd - 1]), "snapshot differs from "
	    "the last stop of the dump:\n%s", text);
	/* Without a file, the same object on stdout, on a line of its own.  */
	lines = util_lines(r.out, &n);
	out = NULL;
	for (i = 0; i < n && out == NULL; i++)
		if (lines[i][0] == '{')
			out = json_loads(lines[i], 0, &je);
	ck_assert_msg(out != NULL, "no snapshot on stdout:\n%s", r.out);
	ck_assert(json_equal(out, d[nd - 1]));
	json_decref(out);
	util_lines_free(lines);
	json_decref(one);
	free(text);
	util_dump_free(d, nd);
	util_result_free(&r);
	unlink(dump);
	unlink(snap);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* ---------------------------------------------------- stepping vs gdb */

struct script {
	const char	*sample;
	const char	*cmds[16];
};

static const struct script step_scripts[] = {
	/* next over a call, step into one, finish out of it */
	{ "calc-O0", { "break calc", "run", "next", "next", "step", "finish",
	    NULL } },
	{ "calc-O0-nofp", { "break calc", "run", "next", "next", "step",
	    "finish", NULL } },
	/* step into multiply, step at its end back into the caller */
	{ "calc-O0", { "break compute", "run", "step", "step", "step", "step",
	    "step", NULL } },
	{ "calc-O0-nofp", { "break compute", "run", "step", "step", "step",
	    "step", "step", NULL } },
	{ "calc-O0", { "break main", "run", "step", "step", "step", "finish",
	    "next", "step", NULL } },
	{ "calc-O0", { "break multiply", "run", "finish", "finish", "next",
	    NULL } },
	/* stepi into a call, nexti over it */
	{ "callee8-O0", { "break 10", "run", "stepi", "stepi", "stepi",
	    "stepi", "stepi", "stepi", "stepi", "stepi", "stepi", "stepi",
	    "stepi", "stepi", NULL } },
	{ "callee8-O0", { "break 10", "run", "nexti", "nexti", "nexti",
	    "nexti", "nexti", "nexti", "nexti", "nexti", "nexti", "nexti",
	    "nexti", NULL } },
	{ "callee8-O0-nofp", { "break 10", "run", "stepi", "stepi", "stepi",
	    "stepi", "stepi", "stepi", "stepi", "stepi", "stepi", "stepi",
	    "stepi", NULL } },
	{ "callee8-O0", { "break callee", "run", "stepi 3", "nexti 2",
	    "step", "bt", NULL } },
	{ "callee8-O0", { "break main", "run", "next", "next", "step", "next",
	    "step", NULL } },
	/* recursion: step into the recursive call, finish twice */
	{ "factorial-O0", { "break factorial", "run", "step", "step", "step",
	    "finish", "finish", "next", "next", "next", NULL } },
	{ "factorial-O0-nofp", { "break factorial", "run", "step", "step",
	    "step", "finish", "finish", "next", "next", "next", NULL } },
	{ "add-O0", { "break main", "run", "next", "next", "next", "step",
	    "step", "step", "step", NULL } },
	{ "add-O0", { "break Add", "run", "next", "next", "next", "bt",
	    NULL } },
	/* step through the PLT into libc's printf (libc6-dbg has its
	   lines), on into the function it calls, and back */
	{ "counter-O0", { "break tick", "run", "step", "step", "step", "bt",
	    "step", "step", "up", NULL } },
	{ "calc-O2", { "break main", "run", "step", "step", "step", NULL } },
	/* -O2: a call gcc inlined is a frame of its own.  A stop at the
	   entry of inlined calls shows the caller at the call; step goes
	   down into the call without running; up and down cross it;
	   finish runs to the end of the inlined code, with no value.  */
	{ "values-O2", { "break main", "run", "step", "bt", "step", "bt",
	    "up", "down", "finish", "bt", NULL } },
	/* break F on a function inlined twice: a location in each copy,
	   which shows F as frame 0 */
	{ "types-O2", { "break twice", "info breakpoints", "run", "bt", "up",
	    "down", "finish", "continue", "next", "next", NULL } },
	/* one location in the function, one in its copy inlined into main */
	{ "factorial-O2", { "break factorial", "info breakpoints", "run",
	    "bt", "next", "next", "step", "finish", NULL } },
	/* next over inlined calls, step into them and out */
	{ "types-O2", { "break inspect", "run", "next", "next", "next",
	    "next", "next", "next", "next", "next", "next", "next", "next",
	    "next", NULL } },
	{ "types-O2", { "break inspect", "run", "step", "step", "step",
	    "step", "step", "step", "step", "step", "step", "step", "step",
	    "step", "step", NULL } },
	/* stepi shows the innermost inlined call, hidden or not */
	{ "values-O2", { "break main", "run", "stepi", "bt", "stepi", "bt",
	    "stepi", "bt", "step", "bt", NULL } },
	/* out of an inlined call into its caller's next line: the line
	   alone, the step frame being the caller's since */
	{ "types-O2", { "break twice", "run", "next", "next", "next", NULL } },
	{ "types-O2", { "break twice", "run", "step", "step", "step", "bt",
	    NULL } },
	/* a gcc clone (scale.constprop.0) found by its source name */
	{ "types-O2", { "break scale", "run", "bt", "finish", NULL } },
	/* tail call frames, made up from the call sites: one (compute
	   jumped to multiply), then two (a to b, b to c); their info frame,
	   arguments, the entry values of the frame below, finish out of
	   the frame below them and out of them */
	{ "tailcall-O2", { "break multiply", "run", "bt", "info frame", "up",
	    "info frame", "info args", "info locals", "down", "finish",
	    NULL } },
	{ "tailcall-O2", { "break c", "run", "bt", "frame 2", "info frame",
	    "frame 1", "info frame", "finish", "bt", NULL } },
	{ "tailcall-O2", { "break multiply", "run", "up", "finish", "bt",
	    NULL } },
	/* until: past the jump back of a loop; until and advance to a
	   location, in the selected frame only (a recursion's deeper calls
	   pass by), or until it returns */
	{ "loop-O0", { "break 18", "run", "delete", "next", "until", "until",
	    "p i", "until", "until", "bt", NULL } },
	{ "loop-O0", { "advance", "break main", "run", "advance",
	    "until nosuch", "advance mix", "bt", "until 19", "p i", "p acc",
	    "advance 19", NULL } },
	{ "factorial-O0", { "break factorial if n==2", "run", "delete",
	    "up 2", "until 10", "bt", "advance 9", "bt", "until", "until",
	    "until", "until", NULL } },
	{ "callee8-O0", { "break main", "run", "until callee", "bt", NULL } },
	/* step into the functions that jump to the next, and out */
	{ "tailcall-O2", { "break main", "run", "step", "bt", "step", "bt",
	    "step", "bt", "step", "bt", "step", "bt", "step", "bt", NULL } },
};

/* LINE with its process and thread ids as "(process PID)" and "(LWP
   PID)": each run has its own.  */
static void
pid_blank(char *line)
{
	static const char *const pre[] = { "(process ", "(LWP " };
	char *p, *d;
	size_t k;

	for (k = 0; k < 2; k++) {
		p = line;
		while ((p = strstr(p, pre[k])) != NULL) {
			p += strlen(pre[k]);
			for (d = p; *d >= '0' && *d <= '9'; d++)
				;
			if (d == p || *d != ')')
				continue;
			memmove(p + 3, d, strlen(d) + 1);
			memcpy(p, "PID", 3);
		}
	}
	/* info proc's first line.  */
	if (strncmp(line, "process ", 8) == 0 &&
	    strspn(line + 8, "0123456789") == strlen(line + 8) &&
	    line[8] != '\0')
		strcpy(line + 8, "PID");
}

/* CMDS on SAMPLE print, line for line, what gdb prints (but gdb's own
   word on libthread_db, and process ids).  */
static void same_output_as_gdb_at(const char *, const char *,
	    const char *const[]);
static void same_as_gdb_at(const char *, const char *,
    const char *const [], bool);

static void
same_output_as_gdb(const char *sample, const char *const cmds[])
{
	char *prog = util_sample(sample);

	same_output_as_gdb_at(sample, prog, cmds);
	free(prog);
}

/* The same for the program at PROG, SAMPLE naming it in messages.  */
static void
same_output_as_gdb_at(const char *sample, const char *prog,
    const char *const cmds[])
{
	same_as_gdb_at(sample, prog, cmds, false);
}

/* gdb's and framescope's lines of TEXT G and F the same, SAMPLE and WHAT
   naming them in messages.  */
static void
same_lines(const char *sample, const char *what, const char *g,
    const char *f)
{
	char **gl, **fl;
	size_t gn, fn, i;

	gl = util_lines(g, &gn);
	fl = util_lines(f, &fn);
	for (i = 0; i < gn; i++)
		if (strncmp(gl[i], "[Thread debugging", 17) == 0 ||
		    strncmp(gl[i], "Using host libthread_db", 23) == 0) {
			memmove(&gl[i], &gl[i + 1], (gn - i) * sizeof *gl);
			gn--;
			i--;
		}
	for (i = 0; i < gn && i < fn; i++) {
		pid_blank(gl[i]);
		pid_blank(fl[i]);
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "%s %s line %zu:\n"
		    "  gdb:        %s\n  framescope: %s", sample, what, i + 1,
		    gl[i], fl[i]);
	}
	ck_assert_msg(gn == fn, "%s %s: gdb %zu lines, framescope %zu",
	    sample, what, gn, fn);
	util_lines_free(gl);
	util_lines_free(fl);
}

/* The same output, and with ERRS the same errors, of gdb and framescope
   running CMDS on PROG.  */
static void
same_as_gdb_at(const char *sample, const char *prog,
    const char *const cmds[], bool errs)
{
	struct util_result g, f;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	same_lines(sample, "output", g.out, f.out);
	if (errs)
		same_lines(sample, "errors", g.err, f.err);
	util_result_free(&g);
	util_result_free(&f);
}

/* `info line' as gdb's: for every line of a sample's source (with code,
   without, past the end), a function (each copy of it inlined too, a
   clone named by its DWARF name, a piece placed before it), an address
   inside a line, a file or function not there, the line shown last and
   the ones after it, x going on from the start it found; and a function
   declared without a prototype printed as gdb does ({int ()}).  The
   stop lines themselves (arguments pointing into the stack, where gdb's
   environment moves it) are left out.  */
static const struct {
	const char	*sample, *source, *func;
} info_line_samples[] = {
	{ "callee8-O0", "callee8.c", "callee" },
	{ "loop-O2", "loop.c", "mix" },
	{ "types-O2", "types.c", "scale" },
	{ "abort-O2", "abort.c", "give_up" },
	{ "callkinds-O2", "callkinds.c", "fib" },
	{ "add32-m32-O0", "add32.c", "Add" },
	{ "factorial-O0", "factorial.c", "factorial" },
};

START_TEST(test_info_line_as_gdb)
{
	struct util_argv a = { NULL, 0, 0 };
	struct util_result g, f;
	char *src = util_source(info_line_samples[_i].source), *text, *p;
	char *prog = util_sample(info_line_samples[_i].sample), **gl, **fl;
	const char *func = info_line_samples[_i].func;
	size_t gn, fn, i, j, nlines = 0, len;
	FILE *fp;

	ck_assert_msg((fp = fopen(src, "r")) != NULL, "%s", src);
	text = NULL;
	len = 0;
	ck_assert(getdelim(&text, &len, '\0', fp) > 0);
	fclose(fp);
	for (p = text; *p != '\0'; p++)
		nlines += *p == '\n';
	free(text);
	util_argv_push(&a, "info line");
	util_argv_push(&a, "p main");
	util_argv_push(&a, "ptype main");
	for (i = 1; i <= nlines + 1; i++)
		util_argv_pushf(&a, "info line %zu", i);
	util_argv_pushf(&a, "info line %s", func);
	util_argv_push(&a, "info line *main+1");
	util_argv_push(&a, "info line nosuch");
	util_argv_push(&a, "info line nosuch.c:3");
	util_argv_pushf(&a, "info line %s:2", info_line_samples[_i].source);
	util_argv_pushf(&a, "break %s", func);
	util_argv_push(&a, "run");
	util_argv_push(&a, "info line");
	util_argv_push(&a, "info line");
	util_argv_push(&a, "info line *$pc");
	util_argv_push(&a, "x/i");
	util_argv_push(&a, "up");
	util_argv_push(&a, "info line");
	util_argv_push(&a, "info line *0");
	util_gdb(&g, NULL, (const char *const *)a.v, prog, NULL);
	util_framescope(&f, NULL, (const char *const *)a.v, prog, NULL);
	gl = util_lines(g.out, &gn);
	fl = util_lines(f.out, &fn);
	for (i = j = 0; i < gn; i++)
		if (strncmp(gl[i], "[Thread debugging", 17) != 0 &&
		    strncmp(gl[i], "Using host libthread_db", 23) != 0 &&
		    strncmp(gl[i], "Breakpoint 1, ", 14) != 0 &&
		    strncmp(gl[i], "#1 ", 3) != 0)
			gl[j++] = gl[i];
	gn = j;
	for (i = j = 0; i < fn; i++)
		if (strncmp(fl[i], "Breakpoint 1, ", 14) != 0 &&
		    strncmp(fl[i], "#1 ", 3) != 0)
			fl[j++] = fl[i];
	fn = j;
	for (i = 0; i < gn && i < fn; i++)
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "%s line %zu:\n"
		    "  gdb:        %s\n  framescope: %s",
		    info_line_samples[_i].sample, i + 1, gl[i], fl[i]);
	ck_assert_uint_eq(gn, fn);
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
	util_argv_free(&a);
	free(prog);
	free(src);
}
END_TEST

/* x as gdb's: before the run from the executable file, labels of code
   and data symbols, the last format, size and count kept for the next
   x, an x without address going on from the last, floats as print
   writes them, an expression as the address.  */
START_TEST(test_x_as_gdb)
{
	const char *cmds[] = { "x/4x main", "x/2x &g_int", "x/3i main",
	    "x/s g_buf", "break main", "run", "x/s g_str", "x/2x &g_int",
	    "x/4xb g_buf", "x g_pint", "x", "x/2i $pc", "x", "x/2dh &g_int",
	    "x/c g_str", "x/f &g_int", "x/2fw &g_float", "x/3uw g_arr", "x",
	    "x/2xg &g_arr[1]", "x/s &g_buf[1]", "x &nosuch", NULL };

	same_output_as_gdb("values-O0", cmds);
}
END_TEST

/* x's units by the architecture: an address (a) is a pointer, 8 bytes
   or 4 on i386, as many a line as of any unit of its size; characters
   (of code) and strings as print writes them, escapes too.  On x86-64
   and on its -m32 build.  */
START_TEST(test_x_units_as_gdb)
{
	const char *cmds[] = { "break main", "run", "x/4a $pc", "x",
	    "x/12c $pc", "x/2c", "x/3a", "x/2xw $pc", "x/4x $pc",
	    "x/2a main", NULL };
	/* Strings as print writes them: escapes, and empty ones.  */
	const char *strs[] = { "break main", "run", "x/2s g_str",
	    "x/s &g_char_nl", "x/3s g_str - 4", NULL };

	same_output_as_gdb(_i == 0 ? "values-O0" : "values-m32-O0", cmds);
	if (_i == 0)
		same_output_as_gdb("values-O0", strs);
}
END_TEST

/* Conditions and ignore counts: `break F if COND', `condition',
   `ignore', the stops they let through and the ones they do not, their
   lines in `info breakpoints', a condition that cannot be evaluated,
   as gdb has them.  */
START_TEST(test_conditions_as_gdb)
{
	const char *cmds[] = { "break factorial if n == 4", "tbreak main",
	    "run", "info breakpoints", "continue", "bt", "info breakpoints",
	    "condition 1", "ignore 1 1", "info breakpoints", "continue",
	    "info breakpoints", "condition 1 *(int *)0 == 1", "continue",
	    "bt", "info breakpoints", NULL };
	const char *cmds2[] = { "break multiply if x > 3", "run", "bt",
	    "info breakpoints", NULL };

	same_output_as_gdb("factorial-O0", cmds);
	same_output_as_gdb("calc-O0", cmds2);
}
END_TEST

/* The value history ($, $$, $$N, $N, `print' alone), gdb's @, print's
   /FMT on arrays and structs, `finish' entering its value in the
   history, values kept after the program moved on: as gdb.  */
START_TEST(test_history_as_gdb)
{
	const char *cmds[] = { "p", "p $", "p $$", "p $1", "p g_arr", "p $",
	    "p $$", "p $$2", "p $1", "p $3[1]", "p $ + 1", "p", "p $9",
	    "p $0", "p $$0", "p $$10", "p g_point", "p $.x", "p $$.y",
	    "p g_pint", "p *$", "p &$$", "p g_arr[0]@2", "p g_arr@2",
	    "p 1@2", "p g_arr[0]@0", "p g_arr[0]@-1", "p/x g_arr[1]@2",
	    "p *g_pint@2", "p g_arr[0]@2 == 1", "p g_arr[0]@1+1",
	    "p g_arr[1]@g_arr[1]", "p $5@2", "p g_int@2@3",
	    "whatis g_arr[0]@2", "ptype $", "whatis $", "p/x", "p $_",
	    "p $1x", "p g_points[1]@2", "p $[1].y", "p g_str[0]@3",
	    "p/x g_buf", "p/x g_point", "p/t g_arr", "p/o g_arr[1]@2",
	    "p/x g_line", "p/c 65", "p $pc", NULL };
	const char *cmds2[] = { "break factorial if n==3", "run", "finish",
	    "p $", "p $ * 2", "p n", "p $$3", "up", "p $2 + n", "p", NULL };

	same_output_as_gdb("values-O0", cmds);
	same_output_as_gdb("factorial-O0", cmds2);
}
END_TEST

/* display, display/FMT, display/i $pc, undisplay, delete, enable and
   disable display, info display: shown after every stop in number
   order, only in the function whose locals they use, as gdb.  */
START_TEST(test_display_as_gdb)
{
	const char *cmds[] = { "display n", "info display",
	    "break factorial", "run", "display n", "display/x n",
	    "display n * 2", "display/i $pc", "info display", "next",
	    "continue", "up", "display", "finish", "undisplay 2",
	    "disable display 3", "info display", "next", "enable display 3",
	    "delete display 1", "info display", "undisplay", "info display",
	    NULL };
	const char *cmds2[] = { "break multiply", "run", "display x",
	    "display/2i $pc", "display *(int*)0", "display/x y",
	    "display 1+1", "display nosuch", "display/q x", "info display",
	    "finish", "next", "display x", "step", "info display",
	    "display/d 3", "display/c 65", "display/3x 1", "info display",
	    "display", "undisplay 1-3", "undisplay 3", "disable display 9",
	    "info display", "display/i $pc", "stepi", NULL };

	same_output_as_gdb("factorial-O0", cmds);
	same_output_as_gdb("calc-O0", cmds2);
}
END_TEST

/* Watchpoints as gdb has them: watch, rwatch and awatch on globals, a
   struct and an array element; a write that does not change the value
   does not stop `watch', a change does not stop `rwatch'; their rows in
   info breakpoints and info watchpoints; a local's watchpoint deleted
   when its frame returns, by continue, next and finish; watchpoints
   set before the run; delete, disable, enable, condition and ignore; a
   watchpoint hit while stepping.  */
static const struct {
	const char *sample;
	const char *cmds[24];
} watch_scripts[] = {
	{ "watch-O0", { "break main", "run", "watch counter",
	    "info breakpoints", "continue", "continue",
	    "info watchpoints", "rwatch total", "awatch pair",
	    "info watchpoints", NULL } },
	{ "watch-O0", { "break main", "run", "rwatch total", "awatch pair",
	    "watch bytes[3]", "info breakpoints", "continue", "continue",
	    "continue", "continue", NULL } },
	{ "watch-O0", { "break bump", "run", "watch acc", "continue",
	    "continue", "info watchpoints", "continue", NULL } },
	{ "watch-O0", { "break 20", "run", "watch acc", "finish",
	    "info watchpoints", "watch i", "continue", "continue", NULL } },
	{ "watch-O0", { "break 20", "run", "watch acc", "next", "next",
	    "next", "info watchpoints", "watch counter", "stepi 40",
	    "next 5", "step 3", NULL } },
	{ "watch-O0", { "watch counter", "info breakpoints", "run",
	    "continue", "info watchpoints", NULL } },
	{ "watch-O0", { "break bump", "run", "watch counter",
	    "awatch total", "delete 1", "disable 2", "continue",
	    "enable 2", "condition 2 counter > 5", "continue",
	    "ignore 3 1", "info breakpoints", "watch 5", NULL } },
	{ "watch-O2", { "break bump", "run", "watch counter",
	    "rwatch total", "continue", "info watchpoints", NULL } },
};

START_TEST(test_watchpoints_as_gdb)
{
	same_output_as_gdb(watch_scripts[_i].sample, watch_scripts[_i].cmds);
}
END_TEST

/* The i386 build of sample NAME ("watch-m32-O0" for "watch-O0") in BUF,
   or NULL when it is not built (only -O0 and -O2 are).  */
static const char *
m32_sample(const char *name, char *buf, size_t size)
{
	const char *dash = strrchr(name, '-');

	if (dash == NULL || (strcmp(dash, "-O0") != 0 && strcmp(dash, "-O2") !=
	    0))
		return NULL;
	snprintf(buf, size, "%.*s-m32%s", (int)(dash - name), name, dash);
	return buf;
}

/* The same on the i386 builds: the debug registers of a 32-bit
   process, 4-byte values and addresses.  */
START_TEST(test_watchpoints_as_gdb_m32)
{
	char m32[64];

	ck_assert_ptr_nonnull(m32_sample(watch_scripts[_i].sample, m32,
	    sizeof m32));
	same_output_as_gdb(m32, watch_scripts[_i].cmds);
}
END_TEST

/* A watchpoint's stop in a snapshot: reason "watchpoint" and its
   number.  */
START_TEST(test_watchpoint_snapshot)
{
	const char *cmds[] = { "break main", "run", "watch counter",
	    "continue", "snapshot -brief", NULL };
	struct util_result r;
	char *prog = util_sample("watch-O0");

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(r.out, "\"reason\":\"watchpoint\"") != NULL &&
	    strstr(r.out, "\"watchpoint\":2") != NULL, "%s", r.out);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* `list' prints what gdb prints: around main before the run, around a
   function, on from the last lines, back with `list -', a range, a
   FILE:LINE, past the end, around a stop and a selected frame.  */
START_TEST(test_list_as_gdb)
{
	static const char *const samples[] = { "calc-O0", "callee8-O0",
	    "factorial-O0" };
	const char *cmds[] = { "list", "list multiply", "list", "list",
	    "list", "list 40", "list calc.c:5,7", "list nosuch", "list -",
	    "list callee", "list 2,4", "break main", "run", "list", "list",
	    "list -", "up", "list", NULL };
	size_t k;

	for (k = 0; k < sizeof samples / sizeof samples[0]; k++)
		same_output_as_gdb(samples[k], cmds);
}
END_TEST

/* disassemble and x/i print what gdb prints, in both syntaxes, with
   bytes, for a function, a range, the selected frame's function.  */
START_TEST(test_disassemble_as_gdb)
{
	static const char *const samples[] = { "callee8-O0", "calc-O2",
	    "canary-O2" };
	static const char *const brk[] = { "break callee", "break main",
	    "break leaf" };
	const char *cmds[] = { NULL, "run", "disassemble /r", "disas main",
	    "x/6i $pc", "up", "disassemble", "x/2i $pc",
	    "disassemble $pc,+12", "set disassembly-flavor intel",
	    "disassemble /r", "x/4i $pc", NULL };
	size_t k;

	for (k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		cmds[0] = brk[k];
		same_output_as_gdb(samples[k], cmds);
	}
}
END_TEST

START_TEST(test_steps_as_gdb)
{
	const struct script *s = &step_scripts[_i];

	util_same_as_gdb(s->sample, NULL, NULL, s->cmds);
}
END_TEST

/* The same on the i386 builds of the -O0 and -O2 samples: a call pushes
   4 bytes, the return address read where step leaves a function without
   lines is a 4-byte word.  */
START_TEST(test_steps_as_gdb_m32)
{
	const struct script *s = &step_scripts[_i];
	char m32[64];

	/* values-O2's main calls __x86.get_pc_thunk.dx first, which gcc
	   gives no CFI: gdb cannot unwind from its first instructions (its
	   bt shows frame #0 alone, its step stops in it), not compared.  */
	if (strcmp(s->sample, "values-O2") != 0 &&
	    m32_sample(s->sample, m32, sizeof m32) != NULL)
		util_same_as_gdb(m32, NULL, NULL, s->cmds);
}
END_TEST

/* step out of an inlined call at -O2 (values: add and sub inlined into
   main, their code interleaved, the rows of their lines not statements)
   stops where gdb stops: back in main when the step leaves add's first
   range, then in add again where its second range starts; it used to run
   to the exit.  On i386 gdb stops first in __x86.get_pc_thunk.dx, which
   gcc gives no CFI (gdb cannot unwind it to see it was called) and steps
   out of it (one step more): those lines of gdb's left out, the rest is
   the same.  */
START_TEST(test_step_out_of_inlined_as_gdb)
{
	static const char *const cmds[] = { "break main", "run", "step",
	    "step", "step", "step", "bt", NULL };
	/* gdb's step in the thunk is one more.  */
	static const char *const cmds32[] = { "break main", "run", "step",
	    "step", "step", "bt", NULL };
	const char *sample = _i == 0 ? "values-O2" : "values-m32-O2";
	char *prog = util_sample(sample), **gl, **fl;
	struct util_result g, f;
	size_t gn, fn, i, k;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, _i == 0 ? cmds : cmds32, prog, NULL);
	gl = util_lines(g.out, &gn);
	fl = util_lines(f.out, &fn);
	for (i = k = 0; i < gn; i++) {
		if (strstr(gl[i], "libthread_db") != NULL ||
		    strstr(gl[i], "__x86.get_pc_thunk") != NULL ||
		    strncmp(gl[i], "[Inferior 1 (process ", 21) == 0)
			continue;
		/* Its stop after the thunk names main again, the thunk's
		   being the stop before.  */
		if (strcmp(gl[i], "which has no line number information.") ==
		    0) {
			i++;
			continue;
		}
		while (k < fn && strncmp(fl[k], "[Inferior 1 (process ", 21) ==
		    0)
			k++;
		ck_assert_msg(k < fn && strcmp(gl[i], fl[k]) == 0, "%s line "
		    "%zu:\n  gdb:        %s\n  framescope: %s\n--- gdb:\n%s"
		    "--- framescope:\n%s", sample, i + 1, gl[i], k < fn ?
		    fl[k] : "(none)", g.out, f.out);
		k++;
	}
	ck_assert_msg(k == fn, "%s: framescope has more:\n%s", sample,
	    f.out);
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* starti stops at the program's first instruction, the dynamic
   loader's _start (a label without a type in its debug file's symbols,
   as gdb names it): the stop as gdb tells it, but for the loader's path
   (gdb's is the one the program asks for), and the code there as gdb's. */
START_TEST(test_starti)
{
	const char *cmds[] = { "starti", "x/2i $pc", "info registers rip",
	    "stepi", "bt 1", NULL };
	struct util_result g, f;
	char *prog = util_sample("callee8-O0"), **gl, **fl;
	size_t gn, fn, i;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = util_lines(g.out, &gn);
	fl = util_lines(f.out, &fn);
	ck_assert_uint_eq(gn, fn);
	/* "0x... in _start () from /lib64/ld-linux-x86-64.so.2" too: the
	   loader as the program names it.  */
	for (i = 0; i < gn; i++)
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "line %zu:\n  gdb:"
		    "        %s\n  framescope: %s", i + 1, gl[i], fl[i]);
	ck_assert_ptr_nonnull(strstr(f.out, "Program stopped.\n0x"));
	ck_assert_ptr_nonnull(strstr(f.out, " in _start () from /"));
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* A stepi that lands on a breakpoint stops there, as "Breakpoint 2, ..."
   and counts the hit, as gdb does.  */
START_TEST(test_stepi_onto_breakpoint)
{
	static const char *const cmds[] = { "break 10", "break *callee",
	    "run", "stepi 12", "info breakpoints", "stepi 2", NULL };

	util_same_as_gdb("callee8-O0", NULL, NULL, cmds);
}
END_TEST

/* A step into a function whose breakpoint is its first instruction (no
   prologue to skip without a frame pointer) reports the breakpoint.  */
START_TEST(test_step_onto_breakpoint)
{
	static const char *const cmds[] = { "break 25", "break multiply",
	    "run", "step", "info breakpoints", "finish", NULL };

	util_same_as_gdb("calc-O0-nofp", NULL, NULL, cmds);
}
END_TEST

/* ---------------------------------------------------------- breakpoints */

/* Run CMDS on sample NAME; it must exit 0.  */
static void
fs_ok(struct util_result *r, const char *name, const char *const args[],
    const char *dump, const char *const cmds[])
{
	char *prog = util_sample(name);

	util_framescope(r, dump, cmds, prog, args);
	ck_assert_msg(!r->timed_out && WIFEXITED(r->status) &&
	    WEXITSTATUS(r->status) == 0, "%s: framescope %s\n%s\n%s", name,
	    util_status_text(r), r->out, r->err);
	free(prog);
}

START_TEST(test_break_file_line)
{
	unsigned line = util_source_line("calc.c", "return x * y;");
	char spec[64], hit[128], at[128];
	const char *cmds[] = { spec, "run", "bt", NULL };
	struct util_result r;

	snprintf(spec, sizeof spec, "break calc.c:%u", line);
	fs_ok(&r, "calc-O0", NULL, NULL, cmds);
	snprintf(at, sizeof at, "file calc.c, line %u.", line);
	ck_assert_msg(strstr(r.out, at) != NULL, "no \"%s\":\n%s", at, r.out);
	snprintf(hit, sizeof hit, "Breakpoint 1, multiply (x=30, y=2) at calc.c:%u",
	    line);
	ck_assert_msg(util_has_line(r.out, hit), "no \"%s\":\n%s", hit,
	    r.out);
	ck_assert(util_has_line_prefix(r.out, "#1  0x"));
	ck_assert(strstr(r.out, " in compute (x=30) at calc.c:") != NULL);
	util_result_free(&r);
	util_same_as_gdb("calc-O0", NULL, NULL, cmds);
}
END_TEST

/* A bare line number before the program runs is in main's file.  */
START_TEST(test_break_bare_line)
{
	unsigned line = util_source_line("calc.c", "int c = a + b;");
	char spec[64], hit[128];
	const char *cmds[] = { spec, "run", "info breakpoints", NULL };
	struct util_result r;

	snprintf(spec, sizeof spec, "break %u", line);
	fs_ok(&r, "calc-O0", NULL, NULL, cmds);
	snprintf(hit, sizeof hit, "Breakpoint 1, calc () at calc.c:%u", line);
	ck_assert_msg(util_has_line(r.out, hit), "no \"%s\":\n%s", hit,
	    r.out);
	util_result_free(&r);
	util_same_as_gdb("calc-O0", NULL, NULL, cmds);
}
END_TEST

/* `break *ADDR` with the file address nm gives, before the program runs:
   the manual says it is moved to the run-time address at load.  */
START_TEST(test_break_address_before_run)
{
	char *prog = util_sample("callee8-O0"), spec[64], *dir, dump[4200];
	const char *cmds[] = { spec, "run", "bt", "info breakpoints", NULL };
	struct util_result r;
	uint64_t addr, size, bias;
	json_t **d;
	size_t nd;

	ck_assert(util_nm(prog, "callee", &addr, &size));
	bias = util_load_bias(prog);
	snprintf(spec, sizeof spec, "break *0x%" PRIx64, addr);
	dir = util_tmpdir();
	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	util_framescope(&r, dump, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status), "%s", util_status_text(&r));
	d = util_load_dump(dump, &nd);
	ck_assert_msg(nd >= 2 && strcmp(jreason(d[1]), "breakpoint") == 0,
	    "`%s` before run (file address of callee, run-time %#" PRIx64
	    ") is never hit:\n%s%s", spec, bias + addr, r.out, r.err);
	ck_assert_uint_eq(util_jhex(d[1], "pc"), bias + addr);
	ck_assert_str_eq(util_jstr(jframe(d[1], 0), "function"), "callee");
	ck_assert_str_eq(util_jstr(jframe(d[1], 1), "function"), "main");
	util_dump_free(d, nd);
	util_result_free(&r);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* `break *ADDR` with a run-time address while the program runs.  */
START_TEST(test_break_address_running)
{
	char *prog = util_sample("callee8-O0"), spec[64], hit[128];
	const char *cmds[] = { "break main", "run", spec, "continue", "bt",
	    NULL };
	struct util_result r;
	uint64_t addr, size, bias;

	ck_assert(util_nm(prog, "callee", &addr, &size));
	bias = util_load_bias(prog);
	snprintf(spec, sizeof spec, "break *0x%" PRIx64, bias + addr);
	fs_ok(&r, "callee8-O0", NULL, NULL, cmds);
	/* At the entry the arguments are not stored yet: their values are
	   what the stack holds there.  */
	snprintf(hit, sizeof hit, ") at callee8.c:%u",
	    util_source_line("callee8.c", "long callee("));
	ck_assert_msg(util_has_line_prefix(r.out, "Breakpoint 2, callee "
	    "(arg1=") && strstr(r.out, hit) != NULL, "no \"%s\":\n%s", hit,
	    r.out);
	util_result_free(&r);
	util_same_as_gdb("callee8-O0", NULL, NULL, cmds);
	free(prog);
}
END_TEST

START_TEST(test_tbreak)
{
	static const char *const cmds[] = { "tbreak callee", "run",
	    "info breakpoints", "continue", NULL };
	struct util_result r;
	char hit[128];

	fs_ok(&r, "callee8-O0", NULL, NULL, cmds);
	snprintf(hit, sizeof hit, "Temporary breakpoint 1, callee (arg1=1, "
	    "arg2=2, arg3=3, arg4=4, arg5=5, arg6=6, arg7=7, arg8=8) at "
	    "callee8.c:%u", util_source_line("callee8.c", "return arg7"));
	ck_assert_msg(util_has_line(r.out, hit), "no \"%s\":\n%s", hit,
	    r.out);
	ck_assert_msg(util_has_line(r.out, "No breakpoints or watchpoints."),
	    "the temporary breakpoint is still there:\n%s", r.out);
	ck_assert(util_has_line_prefix(r.out, "[Inferior 1 (process "));
	util_result_free(&r);
	util_same_as_gdb("callee8-O0", NULL, NULL, cmds);
}
END_TEST

/* disable, enable, delete and the hit counts of info breakpoints.  */
START_TEST(test_break_enable_delete)
{
	char spec[64];
	const char *cmds[] = { "break factorial", spec, "run", "continue",
	    "disable 1", "continue", "info breakpoints", "enable 1",
	    "delete 2", "info breakpoints", "continue", "delete",
	    "info breakpoints", NULL };
	static const char *const args[] = { "5", NULL };
	struct util_result r;
	char **lines;
	size_t n, i, hits1 = 0;

	snprintf(spec, sizeof spec, "break factorial.c:%u",
	    util_source_line("factorial.c", "printf(\"factorial"));
	fs_ok(&r, "factorial-O0", args, NULL, cmds);
	/* Breakpoint 1 twice, then (1 disabled) breakpoint 2 in main.  */
	lines = util_lines(r.out, &n);
	for (i = 0; i < n; i++)
		if (strncmp(lines[i], "Breakpoint 1, factorial (n=", 27) == 0)
			hits1++;
	util_lines_free(lines);
	ck_assert_uint_eq(hits1, 2);
	ck_assert(strstr(r.out, "Breakpoint 2, main (argc=") !=
	    NULL);
	ck_assert(strstr(r.out, "\tbreakpoint already hit 2 times\n") !=
	    NULL);
	ck_assert(util_has_line(r.out, "No breakpoints or watchpoints."));
	ck_assert(util_has_line_prefix(r.out, "[Inferior 1 (process "));
	util_result_free(&r);
	util_same_as_gdb("factorial-O0", args, NULL, cmds);
}
END_TEST

/* A library's function named before the run: the program's PLT stub
   for it (x86-64's and i386's), moved into the library once it is
   loaded; the libraries named as the loader's link map names them, the
   loader as PT_INTERP does ("from /lib64/ld-linux-x86-64.so.2", where
   the kernel says /usr/lib/...), and i386's address column; as gdb.  */
START_TEST(test_break_library_function_as_gdb)
{
	static const char *const lib[] = { "break printf",
	    "info breakpoints", "run", "bt", "info breakpoints", NULL };
	static const char *const loader[] = { "starti", NULL };

	same_output_as_gdb("calc-O0", lib);
	same_output_as_gdb("add32-m32-O0", lib);
	same_output_as_gdb("callee8-O0", loader);
	same_output_as_gdb("add32-m32-O0", loader);
}
END_TEST

/* A breakpoint on an indirect function (strcpy: STT_GNU_IFUNC, its
   symbol the resolver's) is where the resolver sends the name.  Bound
   (LD_BIND_NOW) it is gdb's, line for line; before the resolver has run
   it is gdb's "gnu-indirect-function resolver" breakpoint, which gdb 13
   then never hits: framescope runs the resolver to its return and stops
   in the function it chose, which must be the one gdb finds bound.  The
   function is the CPU's choice, computed on both sides here.  */
START_TEST(test_break_ifunc_as_gdb)
{
	static const char *const bound[] = {
	    "set environment LD_BIND_NOW=1", "start", "break strcpy",
	    "info breakpoints", "continue", "bt", "info breakpoints", NULL };
	static const char *const unbound[] = { "start", "break strcpy",
	    "info breakpoints", NULL };
	static const char *const lazy[] = { "break strcpy", "run", "bt",
	    "info breakpoints", NULL };
	static const char *const lazy_gdb[] = {
	    "set environment LD_BIND_NOW=1", "break strcpy", "run", "bt",
	    "info breakpoints", NULL };
	struct util_result g, f;
	char *prog = util_sample("overflow-O0"), **gl, **fl;
	size_t gn, fn, i, j;

	same_output_as_gdb("overflow-O0", bound);
	same_output_as_gdb("overflow-O0", unbound);
	util_gdb(&g, NULL, lazy_gdb, prog, NULL);
	util_framescope(&f, NULL, lazy, prog, NULL);
	/* The stop, the frames and the table, arguments left out (the
	   environments differ by LD_BIND_NOW, and so the stack).  */
	gl = util_stop_lines(g.out, &gn);
	fl = util_stop_lines(f.out, &fn);
	for (i = 0; i < gn && strncmp(gl[i], "Breakpoint 1, ", 14) != 0; i++)
		;
	for (j = 0; j < fn && strncmp(fl[j], "Breakpoint 1, ", 14) != 0; j++)
		;
	ck_assert_msg(i < gn && j < fn, "no stop:\n%s\n--\n%s", g.out, f.out);
	ck_assert_uint_eq(gn - i, fn - j);
	for (; i < gn; i++, j++)
		ck_assert_msg(strcmp(gl[i], fl[j]) == 0, "gdb: %s\nframescope: %s",
		    gl[i], fl[j]);
	ck_assert_ptr_null(strstr(f.out, "ifunc"));
	util_strv_free(gl, gn);
	util_strv_free(fl, fn);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* The same on i386, whose C library has no symbols for its strcpy
   variants: the stop is in the C library, called from vuln, never in the
   resolver (gdb 13 does not stop at all).  */
START_TEST(test_break_ifunc_m32)
{
	static const char *const cmds[] = { "break strcpy", "run",
	    "bt", "info breakpoints", NULL };
	struct util_result f;
	char *prog = util_sample("overflow-m32-O0");

	util_framescope(&f, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(f.out, "\nBreakpoint 1, 0x") != NULL &&
	    strstr(f.out, " from /lib32/libc.so.6\n#1  0x") != NULL &&
	    strstr(f.out, " in vuln (") != NULL &&
	    strstr(f.out, "breakpoint already hit 1 time") != NULL &&
	    strstr(f.out, "ifunc") == NULL &&
	    strstr(f.out, "resolver") == NULL, "%s", f.out);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* What a program is started with, set as in gdb: arguments (quoted),
   environment, working directory; and `info program`.  gdb runs here
   without a shell, as framescope always does.  */
START_TEST(test_program_setup_as_gdb)
{
	static const char *const cmds[] = { "show args",
	    "set args first second", "show args",
	    "set environment FS_A bar baz", "show environment FS_A",
	    "set environment FS_B", "show environment FS_B",
	    "set env FS_C = 1 2 ", "show env FS_C",
	    "unset environment FS_A", "show environment FS_A",
	    "set environment", "show cwd", "set cwd /tmp", "show cwd",
	    "show disable-randomization", "info program", "break vuln",
	    "run", "p *s@6", "p argc", "next", "run again and again",
	    "p *s@5", "up", "p argv[2][0]@3", "p argc", "show args", NULL };
	static const char *const getenv_cmds[] = { "break main",
	    "set environment FS_PROBE from framescope", "run",
	    "p (char *)getenv(\"FS_PROBE\")", "unset environment FS_PROBE",
	    "run", "p (char *)getenv(\"FS_PROBE\")", "unset environment",
	    "run", "p (char *)getenv(\"HOME\")", "set cwd /",
	    "run", "p (char *)getcwd(0, 0)",
	    "run 'one word' \"two  words\" three\\ four $FS_NONE",
	    "p argc", "p argv[1]", "p argv[2]", "p argv[3]", NULL };
	static const char *const info[] = { "break vuln", "run",
	    "info program", "next", "info program", "kill", "info program",
	    NULL };
	struct util_result f;
	char *prog = util_sample("overflow-O0");

	same_output_as_gdb("overflow-O0", cmds);
	/* The process's own word on its environment and directory (the C
	   library's getcwd, not the dynamic loader's private one, which
	   asserts on a NULL buffer).  */
	util_framescope(&f, NULL, getenv_cmds, prog, NULL);
	ck_assert_msg(strstr(f.out, " \"from framescope\"\n") != NULL &&
	    strstr(f.out, " = 0x0\n") != NULL &&
	    strstr(f.out, " \"/\"\n") != NULL, "%s", f.out);
	/* Twice 0x0: FS_PROBE unset, then HOME with everything.  */
	ck_assert_ptr_nonnull(strstr(strstr(f.out, " = 0x0\n") + 1,
	    " = 0x0\n"));
	/* The shell's quoting, and a variable not set expanding to no
	   word.  */
	ck_assert_msg(strstr(f.out, " = 4\n") != NULL &&
	    strstr(f.out, " \"one word\"\n") != NULL &&
	    strstr(f.out, " \"two  words\"\n") != NULL &&
	    strstr(f.out, " \"three four\"\n") != NULL, "%s", f.out);
	util_result_free(&f);
	util_framescope(&f, NULL, info, prog, NULL);
	ck_assert_msg(strstr(f.out, "\tUsing the running image of child ") !=
	    NULL && strstr(f.out, "It stopped at breakpoint 1.\n") != NULL &&
	    strstr(f.out, "It stopped after being stepped.\n") != NULL &&
	    strstr(f.out, "The program being debugged is not being run.\n")
	    != NULL, "%s", f.out);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* gdb's settings a script sets first, shown word for word, and those
   framescope honours doing what gdb does: listsize, print elements and
   repeats, print pretty (structures in structures, in arrays, anonymous
   members, in info locals and display), confirm, print inferior-events,
   trace-commands; every bad value with gdb's message.  */
START_TEST(test_settings_as_gdb)
{
	static const char *const cmds[] = { "show pagination",
	    "set pagination off", "show pagination", "show confirm",
	    "show width", "set width 0", "show width", "set height 0",
	    "show height", "show listsize", "set listsize 4", "list vuln",
	    "list", "list -", "set listsize 15", "list 10,",
	    "set listsize unlimited", "show listsize", "set listsize 10",
	    "show print elements", "set print elements 4",
	    "show print elements", "set print elem unlimited",
	    "show print elements", "set print elements 4",
	    "show print repeats", "set print repeats 3", "show print repeats",
	    "show print thread-events", "show print inferior-events",
	    "show verbose", "set verbose off", "show style enabled",
	    "show history save", "show non-stop", "set non-stop off",
	    "show print pretty", "set print pretty off", "show print address",
	    "show print frame-arguments", "set print frame-arguments scalars",
	    "show print frame-arguments", "show can-use-hw-watchpoints",
	    "show scheduler-locking", "show print entry-values",
	    "set pagination maybe", "set listsize x", "set width -1",
	    "set print elements 99999999999", "set width",
	    "set print frame-arguments bogus", "set print frame-arguments",
	    "set scheduler-locking", "break vuln", "run", "p s", "p *s@20",
	    "kill", "set confirm off", "run", "kill", "set confirm on",
	    "set print inferior-events off", "run", "kill",
	    "set trace-commands on", "echo hi\n", "set trace-commands off",
	    "run", "bt 1", "bt -1", "kill", NULL };
	static const char *const refused[] = { "set print address off",
	    "set non-stop on", "show print address", NULL };
	static const char *const pretty[] = { "set print pretty on",
	    "show print pretty", "p g_point", "p g_line", "p g_nested",
	    "p g_points", "p g_anon", "p g_empty", "p g_node1", "p g_bits",
	    "p/x g_point", "p g_withfp", "p add", "p *g_points@2",
	    "break main", "run", "info locals", "display g_line", "next",
	    "set print pretty off", "p g_line", NULL };
	static const char *const threads[] = {
	    "set print thread-events off", "run", NULL };
	struct util_result f;
	char *prog;

	same_output_as_gdb("overflow-O0", cmds);
	same_output_as_gdb("values-O0", pretty);
	prog = util_sample("overflow-O0");
	util_framescope(&f, NULL, refused, prog, NULL);
	ck_assert_msg(strstr(f.err, "framescope cannot do \"set print address "
	    "off\"; it keeps gdb's default.\n") != NULL && strstr(f.err,
	    "framescope cannot do \"set non-stop on\"") != NULL &&
	    strcmp(f.out, "Printing of addresses is on.\n") == 0,
	    "%s--\n%s", f.out, f.err);
	util_result_free(&f);
	free(prog);
	prog = util_sample("threads-O0");
	util_framescope(&f, NULL, threads, prog, NULL);
	ck_assert_msg(strstr(f.out, "exited normally]") != NULL &&
	    strstr(f.out, "Thread 0x") == NULL, "%s", f.out);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* Assignments as gdb makes them: print x = v, the compound ones, set var
   and set variable, a bare `set x = v', $registers, chains,
   convenience variables ($rax is one on i386), and the errors; the
   program then runs with the new values (finish returns what they
   make).  */
START_TEST(test_assign_as_gdb)
{
	static const char *const cmds[] = { "break callee", "run",
	    "p arg7 = 100", "p arg7", "p arg8 += 5", "p arg8 -= 1",
	    "p arg8 *= 2", "p arg8 /= 3", "p arg8 %= 5", "p arg1 = 2.7",
	    "p $rax = 17", "p $rax", "p 3 = 4", "p arg8 == 13",
	    "set var arg2 = -1", "set variable arg3=arg2*2", "set arg4 = 44",
	    "set var", "info args", "p arg5 = arg6 = 9", "p $pc = $pc",
	    "whatis arg7 = 1", "p arg7", "p $foo", "set $foo = 5",
	    "p $foo * 2", "set $foo += 1", "p $foo", "set $d = 1.5",
	    "p $d + 1", "set $a = arg7", "p $a", "set $p = &arg8", "p *$p",
	    "whatis $p", "p $foo = $foo + arg1", "p $nosuch + 1", "finish",
	    NULL };

	same_output_as_gdb("callee8-O0", cmds);
	same_output_as_gdb("callee8-m32-O0", cmds);
}
END_TEST

/* CMDS on the C program SOURCE built with gcc -g OPT, under gdb and
   framescope, as same_output_as_gdb; NAME ("consts-O2") in messages.  */
static void same_as_gdb_built(const char *, const char *, const char *,
    const char *const [], bool);

static void
same_output_as_gdb_built(const char *name, const char *opt,
    const char *source, const char *const cmds[])
{
	same_as_gdb_built(name, opt, source, cmds, false);
}

/* The same, with ERRS its errors too.  */
static void
same_as_gdb_built(const char *name, const char *opt, const char *source,
    const char *const cmds[], bool errs)
{
	char *dir = util_tmpdir(), src[4200], bin[4200], cmd[9000];
	FILE *f;

	snprintf(src, sizeof src, "%s/%s.c", dir, name);
	snprintf(bin, sizeof bin, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -g %s -o '%s' '%s'", opt, bin, src);
	ck_assert_int_eq(system(cmd), 0);
	same_as_gdb_at(name, bin, cmds, errs);
	util_rmtree(dir);
	free(dir);
}

/* The same, built -O0 for x86-64 (NAME-O0) and i386 (NAME-m32-O0), with
   ERRS the errors too.  */
static void
same_as_gdb_both(const char *name, const char *source,
    const char *const cmds[], bool errs)
{
	char n[200];

	snprintf(n, sizeof n, "%s-O0", name);
	same_as_gdb_built(n, "-O0", source, cmds, errs);
	snprintf(n, sizeof n, "%s-m32-O0", name);
	same_as_gdb_built(n, "-m32 -O0", source, cmds, errs);
}

static void
same_output_as_gdb_both(const char *name, const char *source,
    const char *const cmds[])
{
	same_as_gdb_both(name, source, cmds, false);
}

/* Enumerators of enums at file level and of one declared in a struct
   (C's file scope too), by name, as gdb's: before the run, in a
   breakpoint's condition, compared, cast, whatis and ptype, /x,
   sizeof; on x86-64 and i386.  */
START_TEST(test_enumerators_as_gdb)
{
	static const char *const src = "enum color { RED, GREEN, BLUE = 5 };\n"
	    "struct s { enum { IN_A = 3, IN_B } k; int v; };\n"
	    "enum color gc = GREEN;\n"
	    "int f(enum color c, struct s *p) { return c + p->k; }\n"
	    "int main(void)\n"
	    "{\n"
	    "\tstruct s x = { IN_B, 1 };\n"
	    "\tf(GREEN, &x);\n"
	    "\treturn f(BLUE, &x) - 9;\n"
	    "}\n";
	static const char *const cmds[] = { "p RED", "p BLUE + 1",
	    "whatis GREEN", "break f if c == BLUE", "run", "p c == BLUE",
	    "p IN_B", "p p->k == IN_B", "p (enum color)IN_A", "ptype IN_A",
	    "p/x BLUE", "p sizeof(RED)", "p gc == GREEN", "p NOSUCH", NULL };

	same_as_gdb_both("enums", src, cmds, true);
}
END_TEST

/* C expressions gdb reads, against a running program, errors too:
   {TYPE} ADDR, ++ and -- before and after (pointers, floats, a
   convenience variable, what is no lvalue), enumerators by name, an
   operator on a struct, casts to arrays and pointers to them.  */
START_TEST(test_c_expressions_as_gdb)
{
	static const char *const cmds[] = { "break main", "run",
	    "p {int}&g_int", "p {short}&g_int", "p {struct point}&g_point",
	    "p {char}g_str", "p {int}0", "p {nosuch}1", "p {int}&g_int + 1",
	    "p g_int++", "p g_int", "p --g_int", "p g_int--", "p ++g_int",
	    "p g_pint++", "p g_pint", "p g_float--", "p g_float",
	    "p g_point++", "p 5++", "p --5", "p - -5", "set $x = 5",
	    "p $x++", "p $x", "p ++$x", "p $z++", "p g_arr[0]++ + g_arr[0]",
	    "p RED", "p BLUE + 1", "p F_READ | F_WRITE", "whatis S_NEG",
	    "p g_point == g_point", "p -g_point", "p !g_point",
	    "p 1 - g_point", "p g_point && 1", "p 1 && g_point",
	    "p *(int (*)[3])g_arr", "p (int (*)[3])g_arr",
	    "p sizeof(int[10])", "p/x (short[2])g_int",
	    "whatis (char (*)[2][3])0", "p sizeof(int[2][3])",
	    "p (int[3])g_arr", "p (char[2])5", "ptype int[3]",
	    "p *(struct point (*)[2])&g_points", NULL };
	char *prog = util_sample("values-O0");

	same_as_gdb_at("values-O0", prog, cmds, true);
	free(prog);
}
END_TEST

/* print's and call's options before `--', as gdb's: unique beginnings,
   on/off/yes, a number or unlimited, /FMT after them, for the one
   command (the settings after it as before); gdb's errors for an
   unknown, an ambiguous option, no number; without `--' an
   expression.  */
START_TEST(test_print_options_as_gdb)
{
	static const char *const cmds[] = { "print -foo -- 1",
	    "print -p -- g_point", "print -a -- 1",
	    "print -elements 3 -- g_str", "print -elements abc -- 1",
	    "print -elements unlimited -repeats 2 -- g_arr",
	    "print -pretty off -- g_point", "print -pretty on -- g_line",
	    "print -- -5", "print -5", "print -pretty", "print -pretty --",
	    "print -r -- g_int", "print -raw-values -- g_int",
	    "print/x -elements 2 -- g_arr", "call -pretty -- g_point",
	    "print -elements 2 -- /x g_arr", "print -elem 2 -- g_str",
	    "print -pretty -elements 1 -- g_nested", "print g_str",
	    "show print elements", "print g_point", NULL };
	char *prog = util_sample("values-O0");

	same_as_gdb_at("values-O0", prog, cmds, true);
	free(prog);
}
END_TEST

/* set language and show language as gdb's (auto, local, c, c++, rust;
   the warning when the language set is not the frame's; gdb's errors),
   expressions read in the language set; demangle in the current
   language and with -l, gdb's errors.  */
START_TEST(test_language_as_gdb)
{
	static const char *const cmds[] = { "show language",
	    "demangle _ZN3foo3barEv", "break main", "run", "show language",
	    "set language rust", "show language", "p 1 == 1", "p 200u8",
	    "frame", "set language c", "p 1 == 1", "set language auto",
	    "show language", "set language foo", "set language",
	    "set language local", "show language", "set language c++",
	    "p 1==1", "show language", "demangle _ZN3foo3barEv",
	    "set language auto", "demangle -l c++ _ZN3foo3barEv",
	    "demangle -l c++ -- _ZN3foo3barEv",
	    "demangle -l rust _ZN3foo3bar17h0123456789abcdefE",
	    "demangle -l rust _RNvCs1234_3foo3bar",
	    "demangle -l c++ _RNvCs1234_3foo3bar", "demangle -l foo x",
	    "demangle", "demangle -l", "demangle -l c++ nothing",
	    "demangle -l auto _ZN3foo3barEv", "demangle -x y",
	    "demangle -- -l", NULL };
	char *prog = util_sample("values-O0");

	same_as_gdb_at("values-O0", prog, cmds, true);
	free(prog);
}
END_TEST

/* search, forward-search, fo, reverse-search and rev as gdb's: from
   the line listed last (a list's first line, as gdb keeps it; none
   after a stop), the last regular expression again, gdb's errors; the
   next list from five lines above the line found.  */
START_TEST(test_search_as_gdb)
{
	static const char *const cmds[] = { "search", "search arg",
	    "search", "fo arg", "rev", "list", "forward-search return",
	    "rev callee", "reverse-search", "search [", "search nosuch",
	    "list 20,22", "search long", "list callee", "rev long",
	    "break callee", "run", "search arg", "reverse-search long",
	    "list", "search ^}", NULL };
	char *prog = util_sample("callee8-O0");

	same_as_gdb_at("callee8-O0", prog, cmds, true);
	free(prog);
}
END_TEST

/* gdb's scope operator: FUNCTION::NAME of a static and of a local read
   in the frame running the function (up the stack), 'FILE'::NAME of
   two files' statics of one name, of a global and a function; gdb's
   errors (no such variable, no frame running the block, no such file, a
   variable before ::); in a condition, x and whatis; before the run and
   after the exit.  */
START_TEST(test_scope_operator_as_gdb)
{
	static const char *const cmds[] = { "p 'one.c'::counter",
	    "p bump::calls", "p main::r", "break bump if bump::calls > 0",
	    "run", "p counter", "p 'one.c'::counter + 'two.c'::counter",
	    "p bump::calls", "p bump::loc", "p main::r", "p main::once",
	    "p bump::k", "p &bump::calls", "whatis bump::calls",
	    "x/d &'two.c'::counter", "p 'two.c'::main", "p 'one.c'::shared",
	    "p bump::nosuch", "p bump::inner", "p helper::hl",
	    "p 'nosuch.c'::x", "p 'one.c'::nosuch", "p shared::x",
	    "p nosuch::x", "continue", "p main::r", NULL };
	char *dir = util_tmpdir(), one[4200], two[4200], bin[4200],
	    cmd[13000];
	FILE *f;

	snprintf(one, sizeof one, "%s/one.c", dir);
	snprintf(two, sizeof two, "%s/two.c", dir);
	snprintf(bin, sizeof bin, "%s/scopes", dir);
	ck_assert_ptr_nonnull(f = fopen(one, "w"));
	fputs("static int counter = 3;\n"
	    "int shared = 10;\n"
	    "int helper(int z) { int hl = z * 2; return hl; }\n"
	    "int bump(int k)\n"
	    "{\n"
	    "\tstatic int calls = 0;\n"
	    "\tint loc = k + 1;\n"
	    "\tcalls++;\n"
	    "\tcounter += k;\n"
	    "\t{ int inner = loc; loc += inner; }\n"
	    "\treturn counter + calls + loc;\n"
	    "}\n", f);
	fclose(f);
	ck_assert_ptr_nonnull(f = fopen(two, "w"));
	fputs("static int counter = 100;\n"
	    "extern int shared;\n"
	    "int bump(int k);\n"
	    "int helper(int z);\n"
	    "int main(void)\n"
	    "{\n"
	    "\tstatic int once = 7;\n"
	    "\tint r = bump(1) + counter + shared + once;\n"
	    "\tr += bump(2) + helper(r);\n"
	    "\treturn r > 1000;\n"
	    "}\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cd '%s' && gcc -g -O0 -o '%s' one.c two.c",
	    dir, bin);
	ck_assert_int_eq(system(cmd), 0);
	same_as_gdb_at("scopes", bin, cmds, true);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* catch syscall and tcatch syscall as gdb's: the lines that set them
   (a name, several, a number, any, a group, an unknown name or group),
   the stops at a call's entry and return, `info breakpoints' with its
   hits, condition and ignore count, disable, delete, two catchpoints
   of one call; on x86-64 and, with i386's numbers, on an -m32
   program.  */
static const char *const syscall_cmds[][24] = {
	{ "catch syscall write", "catch syscall", "catch syscall write read",
	    "catch syscall 39", "tcatch syscall getpid",
	    "catch syscall group:process", "catch syscall g:network",
	    "catch syscall nosuch", "catch syscall group:nosuch",
	    "catch syscall 9999", "info breakpoints", "delete 2 3 5 6 7 8",
	    "run", "info breakpoints", "continue", "continue", "continue",
	    "continue", "bt 1", "continue", NULL },
	{ "catch syscall getpid write", "condition 1 $_siginfo == 0",
	    "condition 1", "ignore 1 2", "run", "info breakpoints",
	    "disable 1", "continue", NULL },
	{ "break main", "run", "catch syscall write", "continue",
	    "continue", "tcatch syscall", "continue", "info breakpoints",
	    "continue", "continue", NULL },
};

START_TEST(test_catch_syscall_as_gdb)
{
	static const char *const src = "#include <unistd.h>\n"
	    "int main(void)\n"
	    "{\n"
	    "\twrite(1, \"hi\\n\", 3);\n"
	    "\tgetpid();\n"
	    "\twrite(1, \"ho\\n\", 3);\n"
	    "\treturn 0;\n"
	    "}\n";

	same_output_as_gdb_both("sys", src, syscall_cmds[_i]);
}
END_TEST

/* watch on an expression watches what it reads too, as gdb's does:
   `watch p->x' follows p (from gdb's <unreadable> while p is null, set
   before the run or during it), `watch arr[idx]' follows idx, a write
   to the object p no longer points to does not stop; -location keeps
   one object; `watch *q' of a parameter and a local are deleted, both
   said, when their frame returns; an expression that names no object
   (arr[idx] + p->x, local * 2) is watched by its value, taken again when
   what it reads changes.  */
static const char *const watch_expr_cmds[][24] = {
	{ "watch p->x", "run", "continue", "continue", "continue",
	    "continue", NULL },
	{ "break 20", "run", "watch p->x", "watch arr[idx]", "continue",
	    "continue", "continue", "continue", "continue",
	    "info watchpoints", "delete", "break bump", "continue",
	    "watch local", "watch *q", "continue", "continue", "continue",
	    "continue", "continue", NULL },
	{ "break 21", "run", "watch -location p->x", "continue", "continue",
	    "continue", NULL },
	{ "break 20", "run", "watch arr[idx] + p->x", "continue", "continue",
	    "continue", "continue", "continue", "info watchpoints",
	    "delete", "break bump", "continue", "watch local * 2",
	    "continue", "continue", "continue", NULL },
};

START_TEST(test_watch_expression_as_gdb)
{
	static const char *const src = "struct s { int x; int pad[20]; };\n"
	    "struct s a = { 1 }, b = { 2 };\n"
	    "struct s *p;\n"
	    "int arr[4] = { 10, 20, 30, 40 };\n"
	    "int idx;\n"
	    "\n"
	    "static int\n"
	    "bump(int *q)\n"
	    "{\n"
	    "\tint local = *q;\n"
	    "\n"
	    "\tlocal += 5;\n"
	    "\t*q = local;\n"
	    "\treturn local;\n"
	    "}\n"
	    "\n"
	    "int main(void)\n"
	    "{\n"
	    "\tp = &a;\n"
	    "\ta.x = 5;\n"
	    "\tp = &b;\n"
	    "\ta.x = 6;\n"
	    "\tb.x = 3;\n"
	    "\tidx = 2;\n"
	    "\tarr[0] = 11;\n"
	    "\tarr[2] = 33;\n"
	    "\tbump(&arr[1]);\n"
	    "\treturn 0;\n"
	    "}\n";

	same_output_as_gdb_both("wexpr", src, watch_expr_cmds[_i]);
}
END_TEST

/* info locals as gdb's on -O2 code whose locals the compiler made
   constants: a number (DW_FORM_data*) is shown, a constant given as
   bytes (a double, a structure: gdb's LOC_CONST_BYTES) is left out;
   print still gives both.  */
START_TEST(test_info_locals_constants_as_gdb)
{
	static const char *const cmds[] = { "break use", "run", "up",
	    "info locals", "p t", "p k", "p s", NULL };

	same_output_as_gdb_built("consts-O2", "-O2", "#include <stdio.h>\n"
	    "struct pair { int a, b; };\n"
	    "static int __attribute__((noinline)) use(double d, int k,\n"
	    "    struct pair p)\n"
	    "{ printf(\"%f %d %d\\n\", d, k, p.b); return k; }\n"
	    "int main(void)\n"
	    "{\n"
	    "\tdouble t = 20.0;\n"
	    "\tint k = 7;\n"
	    "\tstruct pair s = { 1, 2 };\n"
	    "\treturn use(t, k, s) - 7;\n"
	    "}\n", cmds);
}
END_TEST

/* A nested block's locals in the order gdb lists them, its hashed
   dictionary's (16 of them: 4 buckets), counting the block's types,
   enumerators and `extern' declarations among its symbols; a block's
   enumerators are locals to gdb ("TWO = TWO"), an `extern' declared in
   a block is not, and prints the global; `bt full' lists each frame's
   locals under it.  */
START_TEST(test_block_locals_as_gdb)
{
	static const char *const cmds[] = { "break 15", "break 23",
	    "run", "info locals", "p g", "p THREE", "p/d THREE", "bt full",
	    "continue", "info locals", "bt full", "bt full 1", "bt -full",
	    "up", "info locals", NULL };

	same_output_as_gdb_built("blocks-O0", "-O0",
	    "int g = 7;\n"
	    "static int f(int argc)\n"
	    "{\n"
	    "\tint a = argc;\n"
	    "\tfor (int i = 0; i < 2; i++) {\n"
	    "\t\ttypedef int myint;\n"
	    "\t\tstruct pt { int x, y; } pt = { i, 2 };\n"
	    "\t\tenum { ONE, TWO, THREE } e = TWO;\n"
	    "\t\tstatic int calls;\n"
	    "\t\textern int g;\n"
	    "\t\tmyint q = 4, r = 5, s2 = 6, t = 7;\n"
	    "\t\tcalls++;\n"
	    "\t\tif (i == 1)\n"
	    "\t\t\tgoto out;\n"
	    "\t\tg += pt.x + e + q + r + s2 + t + calls;\n"
	    "\t}\n"
	    "out:\n"
	    "\t{\n"
	    "\t\tint alpha = 1, beta = 2, gamma = 3, delta = 4;\n"
	    "\t\tint eta = 7, theta = 8, iota = 9, kappa = 10, mu = 12;\n"
	    "\t\tint nu = 13, xi = 14, omicron = 15, pi = 16, rho = 17;\n"
	    "\t\tint sigma = 18, tau_ = 19;\n"
	    "\t\tg += alpha + beta + gamma + delta + eta + theta + iota +\n"
	    "\t\t    kappa + mu + nu + xi + omicron + pi + rho + sigma +\n"
	    "\t\t    tau_;\n"
	    "\t}\n"
	    "\treturn a;\n"
	    "}\n"
	    "int main(int argc, char **argv)\n"
	    "{\n"
	    "\tint m1 = 1, m2 = 2;\n"
	    "\treturn f(argc + m1 + m2) + (argv == 0);\n"
	    "}\n", cmds);
}
END_TEST

/* wchar_t, char16_t and char32_t (typedefs of integers in C) print as
   gdb prints them: `90 L'Z'`, L"..." strings in arrays and behind
   pointers, repeats, escapes, and characters past ASCII as the locale's
   charset allows, as gdb's.  */
START_TEST(test_wide_chars_as_gdb)
{
	static const char *const cmds[] = { "break 17", "run",
	    "info locals", "p w[5]", "p u[2]", "p *pw@2", "p/c w[1]",
	    "p/x w[1]", "p/d a", "p a + 1", "p pw", "p s", "p/x s", "whatis s",
	    "ptype g", "output a", NULL };

	same_output_as_gdb_built("wide-O0", "-O0",
	    "#include <wchar.h>\n"
	    "#include <uchar.h>\n"
	    "typedef wchar_t mywc;\n"
	    "int main(void)\n"
	    "{\n"
	    "\twchar_t a = L'Z', b = 233, c = 0, d = L'\\n', e = 0x4e2d;\n"
	    "\twchar_t f = -1, big = 0x110000;\n"
	    "\tmywc g = L'q';\n"
	    "\tchar16_t h = u'x';\n"
	    "\tchar32_t i = U'y', j = 0x1F600;\n"
	    "\twchar_t s[] = L\"hi\\tthere\";\n"
	    "\twchar_t w[] = L\"a\\0b\\1\\n\\351\\x4e2d\\x1F600\";\n"
	    "\tchar16_t u[] = u\"x\\0\\351\\x4e2d\";\n"
	    "\twchar_t rep[] = L\"aaaaaaaaaaaaaaab\";\n"
	    "\tconst wchar_t *pw = L\"\\351t\";\n"
	    "\tconst char16_t *pu = u\"q\\x4e2d\";\n"
	    "\treturn a + b + c + d + e + f + big + g + h + i + j + s[0] +\n"
	    "\t    w[0] + u[0] + rep[0] + pw[0] + pu[0];\n"
	    "}\n", cmds);
}
END_TEST

/* info frame and frame with gdb's frame specifications: a level, an
   expression, `level N', `function NAME', `address ADDR' (the frame's
   CFA); info frame of a frame named describes it ("Stack frame at")
   without selecting it; gdb's errors.  */
START_TEST(test_frame_spec_as_gdb)
{
	static const char *const cmds[] = { "info frame 1", "frame 1",
	    "break callee", "run", "info frame 1", "info frame level 1",
	    "info frame function main", "frame", "info frame 5",
	    "info frame level", "info frame foo", "info frame 0",
	    "info frame 1-1", "frame function nosuch", "frame function puts",
	    "frame level 7", "frame address", "up", "info frame",
	    "info frame address $sp", "frame 1+0", "down",
	    "frame address $rbp + 16", "frame", "frame level 0", NULL };

	same_output_as_gdb("callee8-O0", cmds);
}
END_TEST

/* frame apply and faas as gdb's: every frame, the innermost or
   outermost COUNT, levels and ranges of them, -q, -c, -s, and gdb's
   errors; the frame selected before stays selected.  */
START_TEST(test_frame_apply_as_gdb)
{
	static const char *const cmds[] = { "frame apply all p 1",
	    "break callee", "run", "frame apply all p $pc",
	    "frame apply 1 p $sp", "frame apply -1 info locals",
	    "frame apply all -q p arg1", "frame apply all -c p arg1",
	    "frame apply all -s p arg1", "faas p arg2",
	    "frame apply level 0-1 p $pc", "frame apply level 1 0 p 2",
	    "frame apply all p arg1", "frame apply", "frame apply all",
	    "frame apply x p 1", "frame apply all -c -s p 1",
	    "frame apply level p 1", "faas", "up", "faas info frame",
	    "frame", NULL };

	same_output_as_gdb("callee8-O0", cmds);
}
END_TEST

/* ptype/o as gdb's: each member's offset and size, holes and padding in
   bytes and bits, bitfields, unions (sizes alone), member structs and
   unions written out in place (anonymous ones too), the total size, in
   hex with /ox; the header only for a struct or union itself; ptype and
   whatis alone take the last value, and gdb's errors for flags.  */
static const char layout_src[] =
    "#include <stdint.h>\n"
    "struct tuv { int a1; char *a2; int a3; };\n"
    "struct bits { int a1 : 1; int a2 : 3; int a3 : 23;\n"
    "    signed char a4 : 2; int64_t a5; int a6 : 5; int64_t a7 : 3; };\n"
    "union un { int i; double d; char c[3]; struct tuv t; };\n"
    "struct pqr { int f1; struct tuv t1; union un u; char tail;\n"
    "    struct { short s1; char s2; } anon; union { int x; float y; };\n"
    "    double arr[2]; struct tuv *p; const struct tuv ct; };\n"
    "typedef struct pqr pqr_t;\n"
    "struct empty {};\n"
    "int main(void)\n"
    "{\n"
    "\tstruct tuv t = { 0 };\n"
    "\tstruct bits b = { 0 };\n"
    "\tunion un u = { 0 };\n"
    "\tstruct pqr p = { 0 };\n"
    "\tpqr_t q = p;\n"
    "\tstruct empty e;\n"
    "\t(void)e;\n"
    "\treturn t.a1 + b.a1 + u.i + p.f1 + q.f1;\n"
    "}\n";

START_TEST(test_ptype_offsets_as_gdb)
{
	static const char *const cmds[] = { "ptype/o struct tuv",
	    "ptype/o struct bits", "ptype /o union un", "ptype/o struct pqr",
	    "ptype/o pqr_t", "ptype/o int", "ptype/o struct empty",
	    "ptype/ox struct tuv", "ptype/ox struct bits",
	    "ptype/ox union un", "break main", "run", "ptype/o t",
	    "ptype/o &t", "ptype/o q", "ptype/o p.t1", "ptype/q t",
	    "ptype/o", "ptype", "ptype/o 1+1", "p t", "ptype", "whatis",
	    "ptype /o", "whatis /o t", NULL };

	same_output_as_gdb_built("layout-O0", "-O0", layout_src, cmds);
	same_output_as_gdb_built("layout-m32-O0", "-m32 -O0", layout_src,
	    cmds);
}
END_TEST

/* info proc as gdb's: the command line with its arguments, the
   directory, the executable, and the memory map (64 and 32 bits);
   gdb's errors without a process and for a word too many.  */
START_TEST(test_info_proc_as_gdb)
{
	static const char *const cmds[] = { "info proc", "set args a bc",
	    "break callee", "run", "info proc", "info proc mappings",
	    "info proc cmdline", "info proc cwd", "info proc exe",
	    "info proc foo", "info proc cwd x y", NULL };

	same_output_as_gdb("callee8-O0", cmds);
	same_output_as_gdb("callee8-m32-O0", cmds);
}
END_TEST

/* C's operators as gdb evaluates them: shifts (in the left operand's
   type, a negative number's >> arithmetic), & ^ |, && and || with the
   side not taken only typed (no read of a null pointer, no call), ?:
   (the branch taken as it is), the comma, the compound assignments, and
   their precedence.  */
START_TEST(test_c_operators_as_gdb)
{
	static const char *const cmds[] = { "p 1 << 31", "p 1u << 31",
	    "p -5 >> 1", "p (char)1 << 3", "whatis (char)1 << 3",
	    "whatis 1 << 2L", "p 6 & 3", "p 6 | 3L", "whatis 6 | 3L",
	    "p 6 ^ 3", "p 1.5 & 1", "p 1 && 0", "p 2 && 3", "whatis 2 && 3",
	    "p 0 || 0.5", "p 1 ? 2 : 3", "p 0 ? 2 : 3.5",
	    "whatis 1 ? 2 : 3.5", "p (1, 2)", "p 1, 2", "p 1 < 2 == 1",
	    "p 3 & 5 == 5", "p 0 && *(int*)0", "p 1 || *(int*)0",
	    "p 1 ? 5 : *(int *)0", "p 1.5 || 0", "p 8 >> 1 << 2",
	    "p 1 + 2 << 1", "p 5 & 3 | 8 ^ 1", "p 1 << 0.5",
	    "p 0x80000000 >> 4", "whatis 0x80000000 >> 4",
	    "p 1 && 2 || 0 && 1", "p !0 && 3 > 2", "p 7 & ~2",
	    "p 1 ? 2 ? 3 : 4 : 5", "p 0 ? 1 : 0 ? 2 : 3", "break callee",
	    "run", "p arg1 && arg2", "p arg7 << 2", "p arg8 & 0xf",
	    "set var arg1 <<= 3", "p arg1", "p arg2 |= 0x10", "p arg3 ^= 1",
	    "p arg4 &= 6", "p arg5 >>= 1", "p arg5 >= 1", "p arg5<<1",
	    "p arg1 > 3 ? arg1 : arg2", "p (arg1, arg2)",
	    "p 0 && callee(1,2,3,4,5,6,7,8)", "p &arg1 && *&arg1",
	    "p arg1 == 8 && arg2 != 0", "output arg1 | arg2",
	    "p/x arg7 << 4 | 1", "p arg7 > 1 && arg8 < 100 || arg1",
	    "p sizeof(long double)", "p (long double)1/3",
	    "ptype long double", "whatis (long unsigned int)1",
	    "whatis (short unsigned)3", "p sizeof(signed long long)",
	    "p (long double)2.5 * arg8", NULL };

	same_output_as_gdb("callee8-O0", cmds);
	same_output_as_gdb("callee8-m32-O0", cmds);
}
END_TEST

/* print/FMT as gdb's on arrays, structures, floats, pointers and
   functions: each scalar in the letter's form (/c: a char of its
   signedness, `-2 '\\376''; /a: an address with its symbol; /f of an
   integer of no float's size: the number), a char array as elements,
   not text, with /c /a /f; a function's first byte for /x /d /u /o /t
   /z /f.  */
static const char formats_src[] =
    "#include <stdio.h>\n"
    "int gtab[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 300 };\n"
    "static const char *names[] = { \"alpha\", \"beta\", NULL };\n"
    "double dv[3] = { 1.5, -2.25, 3e10 };\n"
    "struct s { char c; short h; int i; long l; unsigned u; } gs =\n"
    "    { 'x', -2, 3, -4, 200 };\n"
    "int main(int argc, char **argv)\n"
    "{\n"
    "\tchar buf[32] = \"hello\\tworld\\n\";\n"
    "\tprintf(\"%s %d %s %g %d\\n\", buf, gtab[argc], names[0], dv[0],\n"
    "\t    gs.i);\n"
    "\treturn 0;\n"
    "}\n";

START_TEST(test_print_formats_as_gdb)
{
	static const char *const letters = "xcduotazsf";
	const char *cmds[140];
	char bufs[130][32];
	size_t n = 0, k = 0, i, j;
	static const char *const exprs[] = { "gtab", "gs", "dv", "buf",
	    "names", "gs.c", "dv[0]", "&gs", "gs.u", "gtab[9]", "main",
	    "*names@2" };

	cmds[n++] = "p/x main";
	cmds[n++] = "p/d main";
	/* Floats past int64_t's range, and NaN, saturate.  */
	cmds[n++] = "p/c 1e300";
	cmds[n++] = "p/c -1e300";
	cmds[n++] = "p/a 1e300";
	cmds[n++] = "p/c 0.0/0";
	cmds[n++] = "break 10";
	cmds[n++] = "run";
	for (i = 0; letters[i] != '\0'; i++)
		for (j = 0; j < sizeof exprs / sizeof exprs[0]; j++) {
			/* gdb's /a and /c of a function print "$N = " and
			   then the error.  */
			if (strcmp(exprs[j], "main") == 0 &&
			    strchr("ac", letters[i]) != NULL)
				continue;
			snprintf(bufs[k], sizeof bufs[k], "p/%c %s", letters[i],
			    exprs[j]);
			cmds[n++] = bufs[k++];
		}
	cmds[n] = NULL;
	ck_assert_uint_lt(n, sizeof cmds / sizeof cmds[0]);
	same_output_as_gdb_built("formats-O0", "-O0", formats_src, cmds);
}
END_TEST

/* stepi N and nexti N as gdb shows where they end: the line alone when
   the last step stayed in the frame it started in, the whole place when
   it entered or left one (whatever the frame before the first step);
   step and next in code without lines say gdb's words and go out.  */
START_TEST(test_stepi_count_as_gdb)
{
	static const char *const c1[] = { "break main", "run", "stepi 8",
	    "stepi 3", "nexti 3", "stepi 12", "stepi", "stepi 2", "nexti 2",
	    "stepi 30", NULL };
	static const char *const c2[] = { "break main", "run", "next",
	    "stepi 5", "stepi 3", "nexti 4", "stepi 40", "stepi 2", NULL };

	same_output_as_gdb("callee8-O0", c1);
	same_output_as_gdb("callee8-m32-O0", c1);
	same_output_as_gdb_built("nolines-O0", "-O0 -g0",
	    "#include <stdio.h>\n"
	    "static void f(void) { puts(\"f\"); }\n"
	    "int main(void) { puts(\"hi\"); f(); puts(\"there\"); "
	    "return 0; }\n", c2);
}
END_TEST

/* x/z (hex with its leading zeros) and x/-N (the N units before the
   address, and a bare x after them) as gdb's.  */
START_TEST(test_x_backwards_as_gdb)
{
	static const char *const cmds[] = { "x/3zw gtab", "x/2zg dv",
	    "x/4zb gtab", "x/2zh gtab", "x/3xw &gtab[5]", "x/-3xw &gtab[5]",
	    "x/-2dw", "x", "x/-4xb &gtab[2]", "x/2xw", "p $_",
	    "x/-1gx &dv[1]", "break main", "run", "x/-2xg $sp + 16",
	    "x/2zw $sp", NULL };

	same_output_as_gdb_built("xback-O0", "-O0", formats_src, cmds);
}
END_TEST

/* info auxv as gdb's table: names, descriptions, decimal, hex, and the
   strings (AT_EXECFN, AT_PLATFORM) with their address; its error
   without a process.  */
START_TEST(test_info_auxv_as_gdb)
{
	static const char *const cmds[] = { "info auxv", "break main",
	    "run", "info auxv", NULL };

	same_output_as_gdb("callee8-O0", cmds);
	same_output_as_gdb("callee8-m32-O0", cmds);
}
END_TEST

/* Code without lines, as gdb's i386 prologue analysis skips it: past a
   realigned main's `lea; and; pushl', `push %ebp; mov %esp,%ebp' and the
   registers pushed after; and a libc function named, among the aliases
   at its address, as gdb's minimal symbols name it (puts, not
   _IO_puts).  */
START_TEST(test_i386_nodebug_as_gdb)
{
	static const char *const cmds[] = { "break main", "break puts",
	    "run", "bt", "p $pc", "continue", "bt", "p $pc", "info symbol $pc",
	    "info symbol puts", "info symbol main", "finish", NULL };
	static const char src[] =
	    "#include <stdio.h>\n"
	    "int main(int argc, char **argv)\n"
	    "{\n"
	    "\tputs(argv[0] + argc);\n"
	    "\treturn 0;\n"
	    "}\n";

	same_output_as_gdb_built("nodebug-m32", "-m32 -O0 -g0", src, cmds);
	same_output_as_gdb_built("nodebug-m32-O2", "-m32 -O2 -g0", src, cmds);
}
END_TEST

/* $fp is gdb's frame base, info frame's "Arglist at": 0 in an inlined
   call's frame, rsp less a word in a function without a frame pointer
   (-O2), ebp in i386's main, which realigns the stack.  */
static const char fp_src[] =
    "#include <stdio.h>\n"
    "static int __attribute__((noinline)) leaf(int *p, int n)\n"
    "{\n"
    "\tint s = 0;\n"
    "\tfor (int i = 0; i < n; i++)\n"
    "\t\ts += p[i] * (i + 1);\n"
    "\treturn s;\n"
    "}\n"
    "static inline int twice(int *p, int n)\n"
    "{\n"
    "\treturn 2 * leaf(p, n);\n"
    "}\n"
    "int main(int argc, char **argv)\n"
    "{\n"
    "\tint v[4] = { argc, 2, 3, 4 };\n"
    "\tprintf(\"%d %p\\n\", twice(v, 4), (void *)argv);\n"
    "\treturn 0;\n"
    "}\n";

START_TEST(test_frame_base_as_gdb)
{
	static const char *const cmds[] = { "break leaf", "run", "p $fp",
	    "up", "p $fp", "up", "p $fp", "info frame", "down 2", "stepi",
	    "p $fp", NULL };

	same_output_as_gdb_built("fp-O0", "-O0", fp_src, cmds);
	same_output_as_gdb_built("fp-O2", "-O2", fp_src, cmds);
	same_output_as_gdb_built("fp-m32-O0", "-m32 -O0", fp_src, cmds);
}
END_TEST

/* info scope and info address of variables in pieces as gdb describes
   them: a vector register by its name ($xmm1, i386's too), each piece's
   DWARF operations numbered from its own start.  */
static const char pieces_src[] =
    "#include <stdio.h>\n"
    "struct vec3 { double x, y, z; };\n"
    "static struct vec3 __attribute__((noinline))\n"
    "cross(struct vec3 a, struct vec3 b)\n"
    "{\n"
    "\tstruct vec3 c = { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z,\n"
    "\t    a.x * b.y - a.y * b.x };\n"
    "\treturn c;\n"
    "}\n"
    "int main(int argc, char **argv)\n"
    "{\n"
    "\tstruct vec3 a = { 1, 0, 0 }, b = { 0, argc, 0 };\n"
    "\tstruct vec3 c = cross(a, b);\n"
    "\tprintf(\"%g %p\\n\", c.z, (void *)argv);\n"
    "\treturn 0;\n"
    "}\n";

START_TEST(test_pieces_described_as_gdb)
{
	static const char *const cmds[] = { "info scope main",
	    "info scope cross", "break cross", "run", "up", "info address a",
	    "info address b", NULL };

	same_output_as_gdb_built("pieces-O2", "-O2", pieces_src, cmds);
	same_output_as_gdb_built("pieces-O3", "-O3", pieces_src, cmds);
	same_output_as_gdb_built("pieces-m32-O2", "-m32 -O2", pieces_src,
	    cmds);
}
END_TEST

/* $_exitcode and $_exitsignal as gdb sets them: the exit status, or
   the signal that ended the program, the other void.  */
START_TEST(test_exit_convenience_as_gdb)
{
	static const char *const cmds[] = { "p $_exitcode", "run",
	    "p $_exitcode", "p $_exitsignal", "ptype $_exitcode",
	    "set var $_exitsignal = 9", "run", "p $_exitcode",
	    "p $_exitsignal", "p $_exitcode + 1", NULL };
	static const char *const sig[] = { "break 4", "run", "signal SIGTERM",
	    "p $_exitcode", "p $_exitsignal", NULL };

	same_output_as_gdb_built("exit3-O0", "-O0",
	    "#include <stdio.h>\n"
	    "int main(void)\n"
	    "{\n"
	    "\tputs(\"going\");\n"
	    "\treturn 3;\n"
	    "}\n", cmds);
	same_output_as_gdb_built("exitsig-O0", "-O0",
	    "#include <stdio.h>\n"
	    "int main(void)\n"
	    "{\n"
	    "\tputs(\"going\");\n"
	    "\treturn 0;\n"
	    "}\n", sig);
}
END_TEST

/* A program named by a relative path runs with gdb's argv[0], its
   directory made absolute: the strings at the top of the stack, and so
   every stack address, are gdb's.  */
START_TEST(test_relative_program_as_gdb)
{
	static const char *const cmds[] = { "break main", "run",
	    "p argv[0]", "info frame", "p &argc", NULL };
	char *dir = util_tmpdir(), src[4200], cmd[9000];
	FILE *f;

	snprintf(src, sizeof src, "%s/argv0.c", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs("int main(int argc, char **argv)\n"
	    "{\n"
	    "\treturn argv[0][0] == 0 && argc > 5;\n"
	    "}\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -g -O0 -o '%s/argv0' '%s'", dir, src);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(chdir(dir), 0);
	same_output_as_gdb_at("argv0", "./argv0", cmds);
	/* Through a directory that is not the shortest way.  */
	ck_assert_int_eq(mkdir("sub", 0755), 0);
	same_output_as_gdb_at("argv0", "sub/../argv0", cmds);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* x87 long doubles as gdb prints them: a NaN's payload with its
   integer bit, and `<invalid float value>' for the encodings the FPU
   refuses (an integer bit that disagrees with the exponent).  */
START_TEST(test_x87_floats_as_gdb)
{
	static const char *const cmds[] = { "break 13", "run", "info locals",
	    "p a", "p -b", "p c", "p e", "p f", "output d", NULL };

	same_output_as_gdb_built("x87-O0", "-O0",
	    "#include <string.h>\n"
	    "#include <math.h>\n"
	    "int main(void)\n"
	    "{\n"
	    "\tlong double a = NAN, b = -INFINITY, c, d, e, f = 2.5L;\n"
	    "\tunsigned char x[16] = { 0, 0, 0, 0, 0, 0, 0, 0x40, 0xff,\n"
	    "\t    0x7f };\n"
	    "\tunsigned char y[16] = { 0, 0, 0, 0, 0, 0, 0, 0x80 };\n"
	    "\tunsigned char z[16] = { 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x40 };\n"
	    "\tmemcpy(&c, x, 16);\n"
	    "\tmemcpy(&d, y, 16);\n"
	    "\tmemcpy(&e, z, 16);\n"
	    "\treturn (int)(a + b + c + d + e + f);\n"
	    "}\n", cmds);
}
END_TEST

/* A label whose code the compiler dropped (a clone for a constant
   argument) has no address: gdb lists it among the locals, optimized
   out, which no expression names.  */
START_TEST(test_dropped_label_as_gdb)
{
	static const char *const cmds[] = { "break f", "run", "info locals",
	    "bt full", "p out", "p r", NULL };

	same_output_as_gdb_built("label-O2", "-O2",
	    "#include <stdio.h>\n"
	    "static int __attribute__((noinline)) f(int x)\n"
	    "{\n"
	    "\tint r = x * 2;\n"
	    "\tif (x > 100)\n"
	    "\t\tgoto out;\n"
	    "\tr += 3;\n"
	    "\tprintf(\"%d\\n\", r);\n"
	    "\treturn r;\n"
	    "out:\n"
	    "\tprintf(\"big\\n\");\n"
	    "\treturn -1;\n"
	    "}\n"
	    "int main(void) { return f(1) - 5; }\n", cmds);
}
END_TEST

/* A structure of bitfields the compiler keeps as pieces of bits, some
   of them left out (DW_OP_bit_piece with no location): each field known
   is shown, as gdb shows it, though the byte it shares is not whole.  */
START_TEST(test_bitfield_pieces_as_gdb)
{
	static const char *const cmds[] = { "break show", "run", "info args",
	    "p b", "p b.c", "p b.a + b.c", "bt", NULL };

	same_output_as_gdb_built("bits-O2", "-O2",
	    "#include <stdio.h>\n"
	    "struct bits { unsigned a : 3; signed b : 5; unsigned c : 1; "
	    "int d; };\n"
	    "static int show(struct bits b, int k)\n"
	    "{\n"
	    "\tprintf(\"%d\\n\", k);\n"
	    "\treturn b.a + b.b + b.c + b.d + k;\n"
	    "}\n"
	    "int main(int argc, char **argv)\n"
	    "{\n"
	    "\tstruct bits b = { 5, -3, 1, 42 };\n"
	    "\t(void)argv;\n"
	    "\treturn show(b, argc) - 46;\n"
	    "}\n", cmds);
}
END_TEST

/* finish out of calls the compiler inlined (at -O1, -O2 and -Os), as
   gdb's: on through the caller's line to where a statement of another
   line starts, the frame stepped becoming the one the line is in, and
   a stop at an inlined call that starts on another line; a conditional
   breakpoint met on the way stops it only when its condition holds.  */
static const char finish_inline_src[] =
	    "#include <stdio.h>\n"
	    "#include <stdlib.h>\n"
	    "#include <string.h>\n"
	    "#define N 16\n"
	    "typedef struct entry { char key[12]; int value; struct entry *next; } entry;\n"
	    "static entry *table[N];\n"
	    "static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h % N; }\n"
	    "static void put(const char *k, int v)\n"
	    "{\n"
	    "\tunsigned h = hash(k);\n"
	    "\tentry *e = calloc(1, sizeof *e);\n"
	    "\tstrncpy(e->key, k, sizeof e->key - 1);\n"
	    "\te->value = v;\n"
	    "\te->next = table[h];\n"
	    "\ttable[h] = e;\n"
	    "}\n"
	    "static int get(const char *k, int def)\n"
	    "{\n"
	    "\tfor (entry *e = table[hash(k)]; e != NULL; e = e->next)\n"
	    "\t\tif (strcmp(e->key, k) == 0)\n"
	    "\t\t\treturn e->value;\n"
	    "\treturn def;\n"
	    "}\n"
	    "static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }\n"
	    "static int partition(int *v, int lo, int hi)\n"
	    "{\n"
	    "\tint pivot = v[hi], i = lo - 1;\n"
	    "\tfor (int j = lo; j < hi; j++)\n"
	    "\t\tif (v[j] <= pivot)\n"
	    "\t\t\tswap(&v[++i], &v[j]);\n"
	    "\tswap(&v[i + 1], &v[hi]);\n"
	    "\treturn i + 1;\n"
	    "}\n"
	    "static void quicksort(int *v, int lo, int hi)\n"
	    "{\n"
	    "\tif (lo < hi) {\n"
	    "\t\tint p = partition(v, lo, hi);\n"
	    "\t\tquicksort(v, lo, p - 1);\n"
	    "\t\tquicksort(v, p + 1, hi);\n"
	    "\t}\n"
	    "}\n"
	    "static double average(const int *v, size_t n)\n"
	    "{\n"
	    "\tlong sum = 0;\n"
	    "\tfor (size_t i = 0; i < n; i++)\n"
	    "\t\tsum += v[i];\n"
	    "\treturn n ? (double)sum / (double)n : 0.0;\n"
	    "}\n"
	    "int main(int argc, char **argv)\n"
	    "{\n"
	    "\tint data[] = { 9, 3, 7, 1, 8, 2, 6, 5, 4, 0 };\n"
	    "\tsize_t n = sizeof data / sizeof data[0];\n"
	    "\tchar word[8];\n"
	    "\tquicksort(data, 0, (int)n - 1);\n"
	    "\tfor (size_t i = 0; i < n; i++) {\n"
	    "\t\tsnprintf(word, sizeof word, \"w%zu\", i);\n"
	    "\t\tput(word, data[i] * argc);\n"
	    "\t}\n"
	    "\tdouble avg = average(data, n);\n"
	    "\tprintf(\"%d %d %.2f %s\\n\", get(\"w3\", -1), get(\"zz\", -1), avg, argv[0]);\n"
	    "\treturn 0;\n"
	    "}\n";

START_TEST(test_finish_inline_as_gdb)
{
	static const char *const o1[] = { "break partition", "run",
	    "finish", "p $pc", "bt", "finish", NULL };
	static const char *const o2[] = { "break hash", "break swap",
	    "run", "finish", "p $pc", "bt", "continue", "finish", "p $pc",
	    "bt", "up", "finish", "bt", NULL };
	/* info frame's Arglist at the entry of a function that pushes
	   rbp without making it a frame pointer, then after the push.  */
	static const char *const entry[] = { "break get", "run",
	    "info frame", "stepi", "info frame", "stepi", "info frame",
	    NULL };
	static const char *const cond[] = { "break swap", "run",
	    "break partition if hi == 100", "up", "finish", "p $pc",
	    "next", "next", "info breakpoints", NULL };

	same_output_as_gdb_built("finline-O1", "-O1", finish_inline_src, o1);
	same_output_as_gdb_built("finline-O2", "-O2", finish_inline_src, o2);
	same_output_as_gdb_built("finline-Os", "-Os", finish_inline_src, o2);
	same_output_as_gdb_built("finline-Os", "-Os", finish_inline_src,
	    cond);
	same_output_as_gdb_built("finline-O2", "-O2", finish_inline_src,
	    entry);
}
END_TEST

/* $_ and $__ after x (the last unit examined, typed by its size as
   gdb types them; void contents for a string or an instruction), after
   info breakpoints and info line ($_ alone, and where x goes on).  */
START_TEST(test_examine_vars_as_gdb)
{
	static const char *const cmds[] = { "break best", "run",
	    "x/2xg $sp", "p $_", "p $__", "whatis $__", "x/3dw $sp", "p $_",
	    "p $__", "x/2xh $sp", "p $_", "p $__", "x/c $sp", "whatis $__",
	    "x/s names[1]", "p $_", "p $__", "x/i $pc", "p $_", "p $__",
	    "x/2a $sp", "p $__", "x/2ub $sp", "p $_", "p $__",
	    "info breakpoints", "p $_", "x/i", "info line xv.c:5", "p $_",
	    "x/2i", NULL };

	same_output_as_gdb_built("xv-O0", "-O0",
	    "static const char *names[] = { \"zero\", \"one\" };\n"
	    "static int __attribute__((noinline)) best(int a, int b)\n"
	    "{\n"
	    "\tint m = a > b ? a : b;\n"
	    "\treturn m + (names[1][0] == 'o');\n"
	    "}\n"
	    "int main(void) { return best(3, 4) - 5; }\n", cmds);
}
END_TEST

/* $_siginfo after a SIGSEGV (x86-64), its type as gdb's: the kernel's
   siginfo with the union of what each kind of signal fills; and ptype
   writing out an anonymous struct one level down, `struct {...}' two
   levels down, as gdb does.  */
START_TEST(test_siginfo_ptype_as_gdb)
{
	static const char *const sig[] = { "run", "p $_siginfo",
	    "ptype $_siginfo", "whatis $_siginfo",
	    "p $_siginfo._sifields._sigfault.si_addr",
	    "p $_siginfo.si_signo == 11", "ptype $_siginfo._sifields._rt",
	    NULL };
	static const char *const anon[] = { "ptype g", "ptype struct outer",
	    "ptype g.inner", "whatis g.inner", "ptype g.u", NULL };

	same_output_as_gdb("segv-O0", sig);
	same_output_as_gdb_built("anon-O0", "-O0",
	    "struct outer { int k; struct { int a; struct { int deep; } d; } "
	    "inner;\n"
	    "\tunion { int x; float f; } u; struct { int z; }; } g;\n"
	    "int main(void) { return g.k; }\n", anon);
}
END_TEST

/* thread apply (all, lists, ranges, INF.THR, -ascending, -q, -c, -s,
   taas), $_thread, and info threads' frame column (the innermost
   frame, an inlined one too, with its arguments), with every thread
   started one at a time and all but one waiting in the kernel long
   before that one stops, so both debuggers see the same.  */
START_TEST(test_thread_apply_as_gdb)
{
	static const char *const cmds[] = { "break work", "run",
	    "info threads", "p $_thread", "thread apply all bt",
	    "thread apply 1 3 p $_thread", "thread apply all -ascending p 1",
	    "taas p local", "thread apply 2-3 -q p $_thread",
	    "thread apply all -c p nosuch", "thread apply all -s p local",
	    "thread apply 1.2 p 2", "thread apply all bt full 1",
	    "thread apply 3 -- p 7", "thread", "thread 2", "info threads",
	    "thread apply all -z p 1", NULL };

	same_output_as_gdb_built("threads3-O0", "-O0 -pthread",
	    "#include <pthread.h>\n"
	    "#include <unistd.h>\n"
	    "static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
	    "static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;\n"
	    "static int hits[4];\n"
	    "static volatile int started;\n"
	    "void work(long id) { hits[id]++; }\n"
	    "static void *loop(void *arg)\n"
	    "{\n"
	    "\tlong id = (long)arg;\n"
	    "\tint local = (int)id * 10;\n"
	    "\tif (id == 1)\n"
	    "\t\tpthread_mutex_lock(&m1);\n"
	    "\tstarted = (int)id + 1;\n"
	    "\tif (id == 1) {\n"
	    "\t\tsleep(1);\n"
	    "\t\twork(id);\n"
	    "\t\tpthread_mutex_unlock(&m1);\n"
	    "\t} else {\n"
	    "\t\tpthread_mutex_lock(&m);\n"
	    "\t\tpthread_mutex_unlock(&m);\n"
	    "\t}\n"
	    "\treturn (void *)(long)local;\n"
	    "}\n"
	    "int main(void)\n"
	    "{\n"
	    "\tpthread_t t[3];\n"
	    "\tlong i;\n"
	    "\tpthread_mutex_lock(&m);\n"
	    "\tfor (i = 0; i < 3; i++) {\n"
	    "\t\tpthread_create(&t[i], 0, loop, (void *)i);\n"
	    "\t\twhile (started != i + 1)\n"
	    "\t\t\t;\n"
	    "\t}\n"
	    "\tpthread_mutex_lock(&m1);\n"
	    "\tpthread_mutex_unlock(&m);\n"
	    "\tpthread_join(t[1], 0);\n"
	    "\tpthread_join(t[0], 0);\n"
	    "\tpthread_join(t[2], 0);\n"
	    "\treturn hits[1] - 1;\n"
	    "}\n", cmds);
}
END_TEST

/* Pointers into a .bss past the file's last page (an anonymous mapping
   /proc names no file for) are named by their symbol as gdb names them;
   x takes the value history and convenience variables; a function or an
   array cast to a pointer or an integer is its address; an object over
   max-value-size still has an address, a type and elements, only its
   whole value is refused.  */
START_TEST(test_bss_history_casts_as_gdb)
{
	static const char *const cmds[] = { "break use", "run", "p &after",
	    "p (char *)&after", "p *p", "x/d $1", "x/d $", "set $q = &after",
	    "x/d $q", "p (char)use", "p (long)use == (long)&use",
	    "p (int *)big", "p (long)big == (long)&big[0]", "p big",
	    "p &big", "whatis big", "ptype big", "p big[3]",
	    "p sizeof(big)", "up", "p big[1]@3", NULL };

	same_output_as_gdb_built("bss-O0", "-O0",
	    "static char big[1 << 20];\n"
	    "static int after = 0;\n"
	    "int __attribute__((noinline)) use(int *p)\n"
	    "{ return *p + big[5]; }\n"
	    "int main(void) { after = 42; return use(&after) - 42; }\n",
	    cmds);
}
END_TEST

/* frame with no process, frame function NAME, handle in a script (no
   table), a bare LINE's breakpoint of several locations named by the
   file's full path, and the breakpoint table after the process is gone,
   its locations still named: all as gdb's.  */
START_TEST(test_frame_handle_table_as_gdb)
{
	static const char *const cmds[] = { "frame", "frame 1",
	    "frame function main", "handle SIGUSR1 nostop", "break 10",
	    "break factorial", "break main", "run", "frame function main",
	    "frame function nosuch", "frame function", "frame level 0",
	    "kill", "info breakpoints", NULL };

	same_output_as_gdb("factorial-O2", cmds);
	same_output_as_gdb("factorial-O0", cmds);
}
END_TEST

/* run's redirections, opened by framescope (no shell): `>` makes the
   file, a later `run` with no arguments uses them again, `>>` appends;
   and a clear line for each bad one.  */
START_TEST(test_run_redirections)
{
	struct util_argv a = { 0 };
	struct util_result f;
	char *dir = util_tmpdir(), *prog = util_sample("overflow-O0"), *text;
	char out[4200];

	snprintf(out, sizeof out, "%s/out.txt", dir);
	util_argv_pushf(&a, "run hello > %s", out);
	util_argv_push(&a, "run");
	util_argv_pushf(&a, "run second >> %s", out);
	util_argv_push(&a, "show args");
	util_framescope(&f, NULL, (const char *const *)a.v, prog, NULL);
	ck_assert_ptr_nonnull(text = util_slurp(out));
	ck_assert_str_eq(text, "hello...\nsecond...\n");
	ck_assert_msg(strstr(f.out, "is \"second >> ") != NULL, "%s", f.out);
	free(text);
	util_result_free(&f);
	util_argv_free(&a);

	util_argv_push(&a, "run < /nonexistent/in");
	util_argv_push(&a, "run 'unbalanced");
	util_argv_push(&a, "run a | b");
	util_argv_push(&a, "run $(id)");
	util_argv_push(&a, "set cwd /nonexistent/dir");
	util_argv_push(&a, "run");
	util_framescope(&f, NULL, (const char *const *)a.v, prog, NULL);
	ck_assert_msg(strstr(f.err, "/nonexistent/in: No such file or "
	    "directory.\n") != NULL && strstr(f.err, "Argument list: "
	    "unbalanced quotes.\n") != NULL && strstr(f.err, "Argument list: "
	    "unquoted |") != NULL && strstr(f.err, "Argument list: command "
	    "substitution") != NULL && strstr(f.err, "/nonexistent/dir: No "
	    "such file or directory.\n") != NULL, "%s", f.err);
	ck_assert(WIFEXITED(f.status) && WEXITSTATUS(f.status) != 0);
	ck_assert_ptr_null(strstr(f.out, "exited"));
	util_result_free(&f);
	util_argv_free(&a);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* info sharedlibrary: gdb's libraries, names and "(*)" marks (the
   address columns differ by design: framescope gives the whole mapping,
   gdb the code's range).  */
START_TEST(test_info_sharedlibrary_as_gdb)
{
	static const char *const cmds[] = { "break main", "run",
	    "info sharedlibrary", NULL };
	static const char *const samples[] = { "dlopen-O0", "add32-m32-O0" };
	struct util_result g, f;
	char *prog, **gl, **fl;
	const char *gs, *fsx;
	size_t gn, fn, i, j, k, rows;

	for (k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		prog = util_sample(samples[k]);
		util_gdb(&g, NULL, cmds, prog, NULL);
		util_framescope(&f, NULL, cmds, prog, NULL);
		gl = util_lines(g.out, &gn);
		fl = util_lines(f.out, &fn);
		for (i = 0; i < gn && strncmp(gl[i], "From ", 5) != 0; i++)
			;
		for (j = 0; j < fn && strncmp(fl[j], "From ", 5) != 0; j++)
			;
		ck_assert_msg(i < gn && j < fn, "%s: no table:\n%s\n%s",
		    samples[k], g.out, f.out);
		for (rows = 0; i < gn && j < fn; i++, j++, rows++) {
			/* From the "Syms Read" column on.  */
			gs = strstr(gl[i], "  Yes") ? strstr(gl[i], "  Yes") :
			    gl[i];
			fsx = strstr(fl[j], "  Yes") ? strstr(fl[j], "  Yes") :
			    fl[j];
			if (rows == 0) {
				gs = strstr(gl[i], "Syms");
				fsx = strstr(fl[j], "Syms");
			}
			ck_assert_msg(gs != NULL && fsx != NULL &&
			    strcmp(gs, fsx) == 0, "%s row %zu:\n  gdb:        "
			    "%s\n  framescope: %s", samples[k], rows, gl[i],
			    fl[j]);
		}
		ck_assert_msg(i == gn && j == fn, "%s: gdb %zu lines, "
		    "framescope %zu", samples[k], gn, fn);
		ck_assert_uint_ge(rows, 3);
		util_lines_free(gl);
		util_lines_free(fl);
		util_result_free(&g);
		util_result_free(&f);
		free(prog);
	}
}
END_TEST

/* A breakpoint in libsquare.so, loaded by dlopen after main starts.  */
START_TEST(test_break_pending_dlopen)
{
	static const char *const cmds[] = { "set breakpoint pending on",
	    "break square", "run", "bt", "step", "bt", "finish", "finish",
	    NULL };
	char *lib = util_sample("libsquare.so"), *dir = util_tmpdir();
	const char *args[] = { lib, NULL };
	char dump[4200], hit[128];
	struct util_result r;
	const char *mod;
	json_t **d;
	size_t nd;

	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	fs_ok(&r, "dlopen-O0", args, dump, cmds);
	ck_assert(strstr(r.out, "Breakpoint 1 (square) pending.") != NULL);
	snprintf(hit, sizeof hit, "Breakpoint 1, square (x=7) at square.c:%u",
	    util_source_line("square.c", "return times(x, x);"));
	ck_assert_msg(util_has_line(r.out, hit), "no \"%s\":\n%s", hit,
	    r.out);
	d = util_load_dump(dump, &nd);
	ck_assert_uint_ge(nd, 3);
	ck_assert_str_eq(jreason(d[1]), "breakpoint");
	check_stop(d[1], 1);
	ck_assert_str_eq(util_jstr(jframe(d[1], 0), "function"), "square");
	ck_assert_str_eq(util_jstr(jframe(d[1], 1), "function"), "main");
	ck_assert_str_eq(util_jstr(jframe(d[1], 1), "file"), "dlopen.c");
	mod = util_jstr(jframe(d[1], 0), "module");
	ck_assert_msg(mod != NULL && strcmp(mod, lib) == 0, "square's module "
	    "is %s", mod ? mod : "null");
	/* step: into the library's static times ().  */
	check_stop(d[2], 2);
	ck_assert_str_eq(util_jstr(jframe(d[2], 0), "function"), "times");
	ck_assert_str_eq(util_jstr(jframe(d[2], 1), "function"), "square");
	ck_assert_str_eq(util_jstr(jframe(d[2], 2), "function"), "main");
	util_dump_free(d, nd);
	util_result_free(&r);
	util_same_as_gdb("dlopen-O0", args, NULL, cmds);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
	free(lib);
}
END_TEST

/* A breakpoint in a library the i386 build loads (libsquare-m32.so), set
   pending, hit, stepped into and finished as gdb does.  */
START_TEST(test_break_pending_dlopen_m32)
{
	static const char *const cmds[] = { "set breakpoint pending on",
	    "break square", "run", "bt", "step", "bt", "finish", "finish",
	    "info sharedlibrary", NULL };
	char *lib = util_sample("libsquare-m32.so"), hit[128];
	const char *args[] = { lib, NULL };
	struct util_result r;

	fs_ok(&r, "dlopen-m32-O0", args, NULL, cmds);
	snprintf(hit, sizeof hit, "Breakpoint 1, square (x=7) at square.c:%u",
	    util_source_line("square.c", "return times(x, x);"));
	ck_assert_msg(util_has_line(r.out, hit) && strstr(r.out,
	    "#0  times (") != NULL, "no \"%s\", then times:\n%s", hit,
	    r.out);
	util_result_free(&r);
	util_same_as_gdb("dlopen-m32-O0", args, NULL, cmds);
	free(lib);
}
END_TEST

/* -------------------------------------------------------------- signals */

START_TEST(test_signal_segv)
{
	static const char *const cmds[] = { "run", "bt", "continue", NULL };
	static const char *const fine[] = { "run", NULL };
	static const char *const chain[] = { "store", "crash", "main" };
	char *dir = util_tmpdir(), dump[4200], *prog;
	struct util_result r;
	json_t **d;
	size_t nd, i;

	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	fs_ok(&r, "segv-O0", NULL, dump, cmds);
	ck_assert(util_has_line(r.out,
	    "Program received signal SIGSEGV, Segmentation fault."));
	ck_assert(util_has_line(r.out,
	    "Program terminated with signal SIGSEGV, Segmentation fault."));
	ck_assert(util_has_line(r.out, "The program no longer exists."));
	d = util_load_dump(dump, &nd);
	ck_assert_uint_eq(nd, 3);
	ck_assert_str_eq(jreason(d[1]), "signal");
	ck_assert_str_eq(util_jstr(d[1], "signal"), "SIGSEGV");
	check_stop(d[1], 1);
	for (i = 0; i < 3; i++)
		ck_assert_str_eq(util_jstr(jframe(d[1], i), "function"),
		    chain[i]);
	ck_assert_int_eq(json_integer_value(json_object_get(jframe(d[1], 0),
	    "line")), util_source_line("segv.c", "*p = v;"));
	ck_assert_str_eq(jreason(d[2]), "exited");
	ck_assert_str_eq(util_jstr(d[2], "signal"), "SIGSEGV");
	prog = util_sample("segv-O0");
	check_return_addresses(prog, NULL, fine, d, 2);
	free(prog);
	util_dump_free(d, nd);
	util_result_free(&r);
	util_same_as_gdb("segv-O0", NULL, NULL, cmds);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_signal_handler_frames)
{
	static const char *const cmds[] = { "handle SIGUSR1 nostop noprint",
	    "break in_handler", "run", "bt", "continue", "bt", "continue",
	    NULL };
	static const char *const fine[] = { "handle SIGUSR1 nostop noprint",
	    "break in_handler", "run", "continue", "continue", NULL };
	char *dir = util_tmpdir(), dump[4200], *prog;
	struct util_result r;
	json_t **d;
	size_t nd, nf, i, k;
	const char *handlers[] = { "on_usr1", "on_alrm" };

	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	fs_ok(&r, "sighandler-O0", NULL, dump, cmds);
	ck_assert_msg(strstr(r.out, "Program received signal") == NULL,
	    "a nostop noprint signal was reported:\n%s", r.out);
	ck_assert(util_has_line(r.out, "#2  <signal handler called>"));
	ck_assert_msg(strstr(r.out, ") exited normally]\n") != NULL,
	    "the program did not exit 0:\n%s", r.out);
	d = util_load_dump(dump, &nd);
	ck_assert_uint_eq(nd, 4);
	for (k = 1; k <= 2; k++) {
		bool sig = false, work = false, main_ = false;

		ck_assert_str_eq(jreason(d[k]), "breakpoint");
		check_stop(d[k], (long)k);
		ck_assert_str_eq(util_jstr(jframe(d[k], 0), "function"),
		    "in_handler");
		ck_assert_str_eq(util_jstr(jframe(d[k], 1), "function"),
		    handlers[k - 1]);
		ck_assert(jis_sigframe(jframe(d[k], 2)));
		ck_assert_str_eq(util_jstr(jframe(d[k], 2), "function"),
		    "<signal handler called>");
		jframes(d[k], &nf);
		for (i = 3; i < nf; i++) {
			const char *fn = util_jstr(jframe(d[k], i),
			    "function");

			sig |= jis_sigframe(jframe(d[k], i));
			work |= fn != NULL && strcmp(fn, "work") == 0;
			main_ |= work && fn != NULL && strcmp(fn, "main") == 0;
		}
		ck_assert_msg(!sig && work && main_, "stop %zu: no work, then "
		    "main below the signal frame", k);
	}
	ck_assert_str_eq(jreason(d[3]), "exited");
	ck_assert_int_eq(json_integer_value(json_object_get(d[3],
	    "exit_code")), 0);
	prog = util_sample("sighandler-O0");
	check_return_addresses(prog, NULL, fine, d, nd);
	free(prog);
	util_dump_free(d, nd);
	util_result_free(&r);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* Signals of i386 programs as gdb shows them: a SIGSEGV's stop and the
   death it brings, abort's SIGABRT, and handlers run on the signal
   frames of the vDSO's __kernel_sigreturn and __kernel_rt_sigreturn
   (<signal handler called>), their callers in libc "from" it.  */
static const struct {
	const char *sample;
	const char *cmds[10];
} signal32_scripts[] = {
	{ "segv-m32-O0", { "run", "bt", "continue", NULL } },
	{ "segv-m32-O2", { "run", "bt", "continue", NULL } },
	{ "abort-m32-O0", { "run", "bt", NULL } },
	{ "sighandler-m32-O0", { "handle SIGUSR1 nostop noprint",
	    "break in_handler", "run", "bt", "continue", "bt", "continue",
	    NULL } },
	{ "sighandler-m32-O2", { "handle SIGUSR1 nostop noprint",
	    "break in_handler", "run", "bt", "up 2", "continue", NULL } },
};

START_TEST(test_signals_as_gdb_m32)
{
	const char *name = signal32_scripts[_i].sample;
	struct util_result r;

	fs_ok(&r, name, NULL, NULL, signal32_scripts[_i].cmds);
	ck_assert_msg(strstr(name, "sighandler") == NULL ||
	    util_has_line(r.out, "#2  <signal handler called>"), "%s: no "
	    "signal frame:\n%s", name, r.out);
	ck_assert_msg(strstr(name, "segv") == NULL || util_has_line(r.out,
	    "Program terminated with signal SIGSEGV, Segmentation fault."),
	    "%s:\n%s", name, r.out);
	util_result_free(&r);
	util_same_as_gdb(name, NULL, NULL, signal32_scripts[_i].cmds);
}
END_TEST

/* info frame on a signal handler's frame (<signal handler called>), as
   gdb's: the trampoline's name (glibc's __restore_rt, the i386 vDSO's
   __kernel_sigreturn), the interrupted frame's pc, no arguments or
   locals, the stack pointer saved (where, or what: as each one's CFI
   says) and every register of the sigcontext; on the signal stack and
   on the normal one, x86-64 and i386, -O0 and -O2.  */
START_TEST(test_signal_frame_info_as_gdb)
{
	static const char *const cmds[] = { "break in_handler", "run",
	    "continue", "frame 2", "info frame", "frame 1", "info frame",
	    "continue", "continue", "frame 2", "info frame", NULL };
	static const char *const names[] = { "sighandler-O0",
	    "sighandler-O2", "sighandler-m32-O0", "sighandler-m32-O2" };

	same_output_as_gdb(names[_i], cmds);
}
END_TEST

START_TEST(test_signal_abort)
{
	static const char *const cmds[] = { "run", "bt", NULL };
	char *dir = util_tmpdir(), dump[4200];
	struct util_result r;
	json_t **d;
	size_t nd, nf, i, give_up = 0, main_ = 0;

	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	fs_ok(&r, "abort-O0", NULL, dump, cmds);
	ck_assert(util_has_line(r.out,
	    "Program received signal SIGABRT, Aborted."));
	d = util_load_dump(dump, &nd);
	ck_assert_uint_eq(nd, 2);
	ck_assert_str_eq(util_jstr(d[1], "signal"), "SIGABRT");
	check_stop(d[1], 1);
	jframes(d[1], &nf);
	for (i = 0; i < nf; i++) {
		const char *fn = util_jstr(jframe(d[1], i), "function");

		if (fn != NULL && strcmp(fn, "give_up") == 0 && give_up == 0)
			give_up = i;
		if (fn != NULL && strcmp(fn, "main") == 0 && main_ == 0)
			main_ = i;
	}
	ck_assert_msg(give_up > 0 && main_ == give_up + 1, "no give_up "
	    "then main in the frames:\n%s", r.out);
	ck_assert_int_eq(json_integer_value(json_object_get(jframe(d[1],
	    give_up), "line")), util_source_line("abort.c", "abort();"));
	ck_assert_int_eq(json_integer_value(json_object_get(jframe(d[1],
	    main_), "line")), util_source_line("abort.c", "give_up(1);"));
	util_dump_free(d, nd);
	util_result_free(&r);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* ----------------------------------------------------------- exit codes */

START_TEST(test_exit_code)
{
	static const char *const cmds[] = { "run", NULL };
	static const char *const five[] = { "5", NULL };
	static const char *const ten[] = { "10", NULL };
	char *dir = util_tmpdir(), dump[4200], want[128];
	struct util_result r;
	json_t **d;
	size_t nd;

	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	fs_ok(&r, "exitcode-O0", five, dump, cmds);
	d = util_load_dump(dump, &nd);
	ck_assert_uint_eq(nd, 2);
	ck_assert_int_eq(json_integer_value(json_object_get(d[1],
	    "exit_code")), 5);
	snprintf(want, sizeof want, "[Inferior 1 (process %" JSON_INTEGER_FORMAT
	    ") exited with code 05]", json_integer_value(json_object_get(d[0],
	    "pid")));
	ck_assert_msg(util_has_line(r.out, want), "no \"%s\":\n%s", want,
	    r.out);
	util_dump_free(d, nd);
	util_result_free(&r);
	/* gdb writes the code in octal.  */
	util_same_as_gdb("exitcode-O0", ten, NULL, cmds);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* A failing command: one line on stderr, exit 1, the rest still run.  */
START_TEST(test_exit_failed_command)
{
	static const char *const c1[] = { "frame 99", "info breakpoints",
	    NULL };
	static const char *const c2[] = { "bogus", "break main", "run",
	    NULL };
	static const char *const c3[] = { "break main", "run", "bt",
	    "continue", NULL };
	char *prog = util_sample("calc-O0");
	struct util_result r;

	util_framescope(&r, NULL, c1, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 1,
	    "frame 99: %s", util_status_text(&r));
	ck_assert_msg(util_count_lines(r.err) == 1, "stderr:\n%s", r.err);
	ck_assert(util_has_line(r.out, "No breakpoints or watchpoints."));
	util_result_free(&r);

	util_framescope(&r, NULL, c2, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 1,
	    "bogus: %s", util_status_text(&r));
	ck_assert_msg(util_count_lines(r.err) == 1, "stderr:\n%s", r.err);
	ck_assert(strstr(r.err, "bogus") != NULL);
	ck_assert(util_has_line_prefix(r.out, "Breakpoint 1, main () at "));
	util_result_free(&r);

	util_framescope(&r, NULL, c3, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "all fine: %s\n%s", util_status_text(&r), r.err);
	ck_assert_str_eq(r.err, "");
	util_result_free(&r);
	free(prog);
}
END_TEST

/* --------------------------------------------------------------- attach */

/* The counter sample: "count 0" ... "count N-1", N lines at DELAY ms.  */
#define COUNT_N		"80"
#define COUNT_DELAY	"25"

/* The counter built for x86-64 and for i386: each attach test runs on
   both.  */
static const char *const counters[] = { "counter-O0", "counter-m32-O0" };

static pid_t
start_counter_named(const char *name, int *fd, char **buf, size_t *len)
{
	char *prog = util_sample(name);
	char *argv[] = { prog, (char *)COUNT_N, (char *)COUNT_DELAY, NULL };
	pid_t pid;

	pid = util_spawn(argv, fd, NULL);
	*buf = NULL;
	ck_assert_msg(util_read_until(*fd, buf, len, "count 3\n", 10),
	    "the counter does not count");
	free(prog);
	return pid;
}

static pid_t
start_counter(int *fd, char **buf, size_t *len)
{
	return start_counter_named("counter-O0", fd, buf, len);
}

/* Read the counter to its end: "count 0" to "count N-1" in order, and it
   exits 0 by itself.  */
static void
counter_completes(pid_t pid, int fd, char **buf, size_t *len)
{
	char **lines;
	size_t n, i;
	int status;
	long want = 0, v;

	util_read_until(fd, buf, len, NULL, 15);
	close(fd);
	ck_assert_msg(util_wait(pid, 5, &status), "the counter hangs");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the counter ended with status %#x", status);
	lines = util_lines(*buf, &n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(sscanf(lines[i], "count %ld", &v) == 1,
		    "counter line \"%s\"", lines[i]);
		ck_assert_msg(v == want, "count %ld after count %ld", v,
		    want - 1);
		want++;
	}
	ck_assert_int_eq(want, atol(COUNT_N));
	util_lines_free(lines);
	free(*buf);
	*buf = NULL;
}

static void
attach_run(struct util_result *r, pid_t pid, const char *const cmds[])
{
	struct util_argv a = { 0 };
	size_t i;

	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	util_argv_push(&a, "-p");
	util_argv_pushf(&a, "%d", (int)pid);
	for (i = 0; cmds[i] != NULL; i++) {
		util_argv_push(&a, "-ex");
		util_argv_push(&a, cmds[i]);
	}
	util_run(a.v, 20, r);
	util_argv_free(&a);
}

START_TEST(test_attach_stepi_detach)
{
	static const char *const cmds[] = { "stepi 100", "bt", "detach",
	    NULL };
	struct util_result r;
	char *buf, want[128];
	size_t len;
	int fd;
	pid_t pid = start_counter_named(counters[_i], &fd, &buf, &len);

	attach_run(&r, pid, cmds);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s\n%s", util_status_text(&r), r.out, r.err);
	snprintf(want, sizeof want, "Attaching to process %d", (int)pid);
	ck_assert(util_has_line(r.out, want));
	snprintf(want, sizeof want, "[Inferior 1 (process %d) detached]",
	    (int)pid);
	ck_assert(util_has_line(r.out, want));
	ck_assert_msg(strstr(r.out, " in main (argc=") != NULL,
	    "the backtrace does not reach main:\n%s", r.out);
	util_result_free(&r);
	counter_completes(pid, fd, &buf, &len);
}
END_TEST

START_TEST(test_attach_break_detach)
{
	static const char *const cmds[] = { "break tick", "continue", "bt",
	    "detach", NULL };
	struct util_result r;
	char *buf, want[128];
	size_t len;
	int fd;
	pid_t pid = start_counter_named(counters[_i], &fd, &buf, &len);

	attach_run(&r, pid, cmds);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s\n%s", util_status_text(&r), r.out, r.err);
	snprintf(want, sizeof want, ") at counter.c:%u",
	    util_source_line("counter.c", "printf(\"count"));
	ck_assert_msg(util_has_line_prefix(r.out, "Breakpoint 1, tick (i=") &&
	    strstr(r.out, want) != NULL, "no \"%s\":\n%s", want, r.out);
	snprintf(want, sizeof want, ") at counter.c:%u",
	    util_source_line("counter.c", "tick(i);"));
	ck_assert_msg(strstr(r.out, want) != NULL, "no \"%s\":\n%s", want,
	    r.out);
	util_result_free(&r);
	counter_completes(pid, fd, &buf, &len);
}
END_TEST

/* SIGTERM to framescope while the attached program runs in `continue`
   with a breakpoint inserted: it must let the program go, unharmed.  */
START_TEST(test_attach_sigterm)
{
	char spec[64], *fbuf = NULL;
	const char *cmds[] = { spec, "continue", NULL };
	struct util_argv a = { 0 };
	char *buf;
	size_t len, flen;
	int fd, ffd, status;
	pid_t pid = start_counter(&fd, &buf, &len), fs;

	snprintf(spec, sizeof spec, "break counter.c:%u",
	    util_source_line("counter.c", "return 0;"));
	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	util_argv_push(&a, "-p");
	util_argv_pushf(&a, "%d", (int)pid);
	util_argv_push(&a, "-ex");
	util_argv_push(&a, cmds[0]);
	util_argv_push(&a, "-ex");
	util_argv_push(&a, cmds[1]);
	fs = util_spawn(a.v, &ffd, NULL);
	/* In batch mode, as gdb's, `continue` says nothing: once the
	   breakpoint is set, give it a moment to be running.  */
	ck_assert_msg(util_read_until(ffd, &fbuf, &flen, "Breakpoint 1 at ",
	    10), "framescope does not set the breakpoint:\n%s", fbuf);
	util_sleep_ms(400);
	kill(fs, SIGTERM);
	ck_assert_msg(util_wait(fs, 10, &status), "framescope hangs after "
	    "SIGTERM");
	util_read_until(ffd, &fbuf, &flen, NULL, 1);
	close(ffd);
	ck_assert_msg(WIFEXITED(status), "framescope ended with status %#x",
	    status);
	counter_completes(pid, fd, &buf, &len);
	util_argv_free(&a);
	free(fbuf);
}
END_TEST

/* A launched program dies with framescope (PTRACE_O_EXITKILL).  */
START_TEST(test_launched_dies_with_tracer)
{
	char *prog = util_sample("counter-O0"), *buf = NULL;
	char *argv[] = { (char *)framescope_path(), (char *)"--batch",
	    (char *)"-ex", (char *)"run", prog, (char *)"1000", (char *)"50",
	    NULL };
	size_t len, i;
	bool gone = false;
	int fd;
	pid_t fs, child;

	fs = util_spawn(argv, &fd, NULL);
	if (util_read_until(fd, &buf, &len, "count 0\n", 10))
		child = util_child_of(fs, 5);
	else
		child = 0;
	kill(fs, SIGKILL);	/* the program must die with it */
	ck_assert_msg(child > 0, "the program does not run:\n%s", buf);
	ck_assert(util_wait(fs, 5, NULL));
	for (i = 0; i < 100 && !(gone = util_pid_gone(child)); i++)
		util_sleep_ms(10);
	if (!gone)
		kill(child, SIGKILL);
	ck_assert_msg(gone, "the program (pid %d) outlives framescope",
	    (int)child);
	close(fd);
	free(buf);
	free(prog);
}
END_TEST

/* Attached to the four threads: every one is seized and listed, another
   thread can be selected and stepped, and after detach all go on to the
   end.  */
/* A breakpoint that three threads keep hitting, continued many times:
   every stop is reported as gdb reports it once a process has several
   threads ("Thread N "name" hit Breakpoint 1, "), "[Switching to
   Thread 0x... (LWP n)]" comes exactly when the stopping thread changes,
   thread numbers agree with `info threads', and the program runs to its
   end once the breakpoint is gone.  */
START_TEST(test_threads_breakpoint_race)
{
	const char *cmds[40];
	const char *args[] = { "20", NULL };
	struct util_result r;
	char *prog = util_sample("threads-O0"), **lines;
	size_t n, i, k = 0, hits = 0;
	int cur = 0, num;
	unsigned long lwp, cur_lwp = 0;

	cmds[k++] = "break work";
	cmds[k++] = "run";
	for (i = 0; i < 30; i++)
		cmds[k++] = "continue";
	cmds[k++] = "info threads";
	cmds[k++] = "delete";
	cmds[k++] = "continue";
	cmds[k] = NULL;
	util_framescope(&r, NULL, cmds, prog, args);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s", util_status_text(&r), r.err);
	lines = util_lines(r.out, &n);
	for (i = 0; i < n; i++) {
		if (sscanf(lines[i], "[Switching to Thread 0x%*x (LWP %lu)]",
		    &lwp) == 1) {
			ck_assert_msg(lwp != cur_lwp, "a switch to the same "
			    "thread: %s", lines[i]);
			cur_lwp = lwp;
		} else if (sscanf(lines[i], "Thread %d \"threads-O0\" hit "
		    "Breakpoint 1, work", &num) == 1) {
			ck_assert_msg(num >= 2 && num <= 4, "%s", lines[i]);
			ck_assert_msg(cur == 0 || num == cur || strncmp(
			    lines[i - 2], "[Switching", 10) == 0, "thread %d "
			    "stops after %d without a switch", num, cur);
			cur = num;
			hits++;
		} else if (lines[i][0] == '*') {
			ck_assert_msg(sscanf(lines[i], "* %d Thread 0x%*x "
			    "(LWP %lu)", &num, &lwp) == 2 && num == cur &&
			    lwp == cur_lwp, "info threads: %s (thread %d, "
			    "LWP %lu)", lines[i], cur, cur_lwp);
		}
	}
	ck_assert_msg(hits == 31, "%zu hits, not 31:\n%s", hits, r.out);
	ck_assert_msg(strstr(r.out, "done 1") != NULL &&
	    strstr(r.out, "exited normally") != NULL, "%s", r.out);
	util_lines_free(lines);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* `next' over a call in code every thread runs stays in its thread:
   the return's breakpoint another thread passes (or hit just before it
   went) stops nothing, as in gdb.  */
START_TEST(test_threads_next_stays)
{
	struct util_argv a = { 0 };
	const char *args[] = { "100", NULL };
	struct util_result r;
	char *prog = util_sample("threads-O0"), line[32], **lines;
	size_t n, i, nexts = 0;

	snprintf(line, sizeof line, "break threads.c:%u",
	    util_source_line("threads.c", "work(id);"));
	util_argv_push(&a, line);
	util_argv_push(&a, "run");
	util_argv_push(&a, "delete");
	for (i = 0; i < 60; i++)
		util_argv_push(&a, "next");
	util_argv_push(&a, "kill");
	util_framescope(&r, NULL, (const char *const *)a.v, prog, args);
	ck_assert_msg(WIFEXITED(r.status), "framescope %s\n%s",
	    util_status_text(&r), r.err);
	ck_assert_msg(strstr(r.out, "SIGTRAP") == NULL, "%s", r.out);
	lines = util_lines(r.out, &n);
	for (i = 0; i < n; i++) {
		/* No breakpoint left: no switch after the first stop.  */
		ck_assert_msg(nexts == 0 || strncmp(lines[i], "[Switching to",
		    13) != 0, "next went to another thread:\n%s", r.out);
		if (strstr(lines[i], "work(id);") != NULL ||
		    strstr(lines[i], "nanosleep(&ts, NULL);") != NULL)
			nexts++;
	}
	ck_assert_msg(nexts >= 40, "%zu lines stepped:\n%s", nexts, r.out);
	util_lines_free(lines);
	util_result_free(&r);
	util_argv_free(&a);
	free(prog);
}
END_TEST

/* The threads' lines of `[New Thread 0x... (LWP n)]' and `[Thread 0x...
   (LWP n) exited]', as gdb prints them: the same pthread_t values (ASLR
   is off in both), each thread announced once, before it ends.  */
static size_t
thread_lines(const char *out, const char *fmt, unsigned long *ptrs,
    unsigned long *lwps, size_t max)
{
	char **lines;
	size_t n, i, k = 0;

	lines = util_lines(out, &n);
	for (i = 0; i < n && k < max; i++)
		if (sscanf(lines[i], fmt, &ptrs[k], &lwps[k]) == 2)
			k++;
	util_lines_free(lines);
	return k;
}

static int
cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

START_TEST(test_threads_new_and_exited_as_gdb)
{
	const char *cmds[] = { "run", NULL };
	const char *args[] = { "5", NULL };
	const char *fmts[] = { "[New Thread 0x%lx (LWP %lu)]",
	    "[Thread 0x%lx (LWP %lu) exited]" };
	unsigned long gp[2][8], gl[2][8], fp[2][8], fl[2][8];
	size_t gn[2], fn[2], k, j, i;
	struct util_result g, f;
	char *prog = util_sample(_i == 0 ? "threads-O0" : "threads-m32-O0");
	const char *at;

	util_gdb(&g, NULL, cmds, prog, args);
	util_framescope(&f, NULL, cmds, prog, args);
	for (k = 0; k < 2; k++) {
		gn[k] = thread_lines(g.out, fmts[k], gp[k], gl[k], 8);
		fn[k] = thread_lines(f.out, fmts[k], fp[k], fl[k], 8);
		/* gdb misses a thread's end now and then (when the exit
		   races with its stopping the others); we must not.  */
		ck_assert_msg(fn[k] == 3 && (k == 1 ? gn[k] <= 3 : gn[k] ==
		    3), "%s: gdb %zu, framescope %zu:\n%s", fmts[k], gn[k],
		    fn[k], f.out);
		qsort(fp[k], 3, sizeof fp[k][0], cmp_ulong);
		for (i = 0; i < gn[k]; i++) {
			for (j = 0; j < 3 && fp[k][j] != gp[k][i]; j++)
				;
			ck_assert_msg(j < 3, "%s: pthread_t %#lx of gdb's not "
			    "here:\n%s", fmts[k], gp[k][i], f.out);
		}
	}
	/* Each thread that ended was announced, earlier.  */
	for (j = 0; j < 3; j++) {
		char nw[96], ex[96];

		snprintf(ex, sizeof ex, "(LWP %lu) exited]", fl[1][j]);
		snprintf(nw, sizeof nw, "(LWP %lu)]\n", fl[1][j]);
		ck_assert_ptr_nonnull(at = strstr(f.out, nw));
		ck_assert_msg(at < strstr(f.out, ex), "LWP %lu ended before "
		    "it was announced:\n%s", fl[1][j], f.out);
	}
	ck_assert_ptr_nonnull(strstr(f.out, "exited normally"));
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

START_TEST(test_threads_attached)
{
	struct util_argv a = { 0 }, b = { 0 };
	struct util_result r;
	const char *name = _i == 0 ? "threads-O0" : "threads-m32-O0";
	char *prog = util_sample(name), *buf = NULL;
	size_t len = 0;
	int fd, status;
	pid_t pid;

	util_argv_push(&a, prog);
	util_argv_push(&a, "150");
	pid = util_spawn(a.v, &fd, NULL);
	util_sleep_ms(300);
	util_argv_push(&b, framescope_path());
	util_argv_push(&b, "--batch");
	util_argv_push(&b, "-p");
	util_argv_pushf(&b, "%d", (int)pid);
	util_argv_push(&b, "-ex");
	util_argv_push(&b, "info threads");
	util_argv_push(&b, "-ex");
	util_argv_push(&b, "thread 2");
	util_argv_push(&b, "-ex");
	util_argv_push(&b, "bt");
	util_argv_push(&b, "-ex");
	util_argv_push(&b, "stepi 10");
	util_argv_push(&b, "-ex");
	util_argv_push(&b, "detach");
	util_run(b.v, 20, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s\n%s", util_status_text(&r), r.out, r.err);
	/* i386's C library has no debug file here: start_thread is ?? */
	ck_assert_msg(util_count_lines(r.out) > 0 &&
	    strstr(r.out, "[Switching to thread 2 (Thread 0x") != NULL &&
	    strstr(r.out, " in loop (arg=") != NULL && (_i == 1 ||
	    strstr(r.out, "start_thread") != NULL),
	    "no thread 2 and its frames:\n%s", r.out);
	{
		char **lines;
		size_t n, i, rows = 0;

		lines = util_lines(r.out, &n);
		for (i = 0; i < n; i++)
			if (strstr(lines[i], "(LWP ") != NULL &&
			    strstr(lines[i], name) != NULL)
				rows++;
		util_lines_free(lines);
		ck_assert_msg(rows == 4, "%zu threads seized, not 4:\n%s",
		    rows, r.out);
	}
	ck_assert_msg(util_wait(pid, 20, &status), "the program hangs after "
	    "detach");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the program ended with status %#x", status);
	util_read_until(fd, &buf, &len, NULL, 1);
	ck_assert_msg(buf != NULL && strstr(buf, "done 1") != NULL,
	    "the program did not finish its work: %s", buf ? buf : "");
	close(fd);
	free(buf);
	util_result_free(&r);
	util_argv_free(&a);
	util_argv_free(&b);
	free(prog);
}
END_TEST

/* `handle SIG nostop print`: gdb's report of each signal, no stop, and
   the program gets the signals (its handlers run: it exits 0).  */
START_TEST(test_signal_nostop_print)
{
	static const char *const cmds[] = { "handle SIGUSR1 nostop print",
	    "handle SIGALRM nostop print", "run", NULL };
	struct util_result r;
	char *prog = util_sample("sighandler-O0");

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s\n%s", util_status_text(&r), r.out, r.err);
	ck_assert_msg(util_has_line(r.out, "Program received signal SIGUSR1, "
	    "User defined signal 1.") && util_has_line(r.out, "Program "
	    "received signal SIGALRM, Alarm clock."), "signals not "
	    "reported:\n%s", r.out);
	ck_assert_msg(strstr(r.out, "exited normally") != NULL,
	    "the handlers did not run:\n%s", r.out);
	util_result_free(&r);
	free(prog);
}
END_TEST

Suite *
batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc;

	tc = tcase_create("frames");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_dump_callee8, 0,
	    (int)(sizeof callee8_variants / sizeof callee8_variants[0]));
	tcase_add_loop_test(tc, test_dump_calc_chain, 0,
	    (int)(sizeof chain_variants / sizeof chain_variants[0]));
	tcase_add_loop_test(tc, test_dump_factorial_depth, 0,
	    (int)(sizeof chain_variants / sizeof chain_variants[0]));
	tcase_add_test(tc, test_snapshot_matches_dump);
	suite_add_tcase(s, tc);

	tc = tcase_create("program");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_break_ifunc_as_gdb);
	tcase_add_test(tc, test_break_ifunc_m32);
	tcase_add_test(tc, test_program_setup_as_gdb);
	tcase_add_test(tc, test_enumerators_as_gdb);
	tcase_add_test(tc, test_scope_operator_as_gdb);
	tcase_add_test(tc, test_c_expressions_as_gdb);
	tcase_add_test(tc, test_print_options_as_gdb);
	tcase_add_test(tc, test_language_as_gdb);
	tcase_add_test(tc, test_search_as_gdb);
	tcase_add_test(tc, test_run_redirections);
	tcase_add_test(tc, test_settings_as_gdb);
	tcase_add_test(tc, test_assign_as_gdb);
	tcase_add_test(tc, test_info_locals_constants_as_gdb);
	tcase_add_test(tc, test_block_locals_as_gdb);
	tcase_add_test(tc, test_thread_apply_as_gdb);
	tcase_add_test(tc, test_wide_chars_as_gdb);
	tcase_add_test(tc, test_dropped_label_as_gdb);
	tcase_add_test(tc, test_x87_floats_as_gdb);
	tcase_add_test(tc, test_relative_program_as_gdb);
	tcase_add_test(tc, test_exit_convenience_as_gdb);
	tcase_add_test(tc, test_pieces_described_as_gdb);
	tcase_add_test(tc, test_frame_base_as_gdb);
	tcase_add_test(tc, test_i386_nodebug_as_gdb);
	tcase_add_test(tc, test_info_auxv_as_gdb);
	tcase_add_test(tc, test_frame_spec_as_gdb);
	tcase_add_test(tc, test_frame_apply_as_gdb);
	tcase_add_test(tc, test_ptype_offsets_as_gdb);
	tcase_add_test(tc, test_info_proc_as_gdb);
	tcase_add_test(tc, test_c_operators_as_gdb);
	tcase_add_test(tc, test_print_formats_as_gdb);
	tcase_add_test(tc, test_stepi_count_as_gdb);
	tcase_add_test(tc, test_x_backwards_as_gdb);
	tcase_add_test(tc, test_bitfield_pieces_as_gdb);
	tcase_add_test(tc, test_finish_inline_as_gdb);
	tcase_add_test(tc, test_examine_vars_as_gdb);
	tcase_add_test(tc, test_siginfo_ptype_as_gdb);
	tcase_add_test(tc, test_bss_history_casts_as_gdb);
	tcase_add_test(tc, test_frame_handle_table_as_gdb);
	suite_add_tcase(s, tc);

	tc = tcase_create("stepping");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_list_as_gdb);
	tcase_add_test(tc, test_conditions_as_gdb);
	tcase_add_test(tc, test_x_as_gdb);
	tcase_add_loop_test(tc, test_x_units_as_gdb, 0, 2);
	tcase_add_loop_test(tc, test_info_line_as_gdb, 0,
	    (int)(sizeof info_line_samples / sizeof info_line_samples[0]));
	tcase_add_test(tc, test_history_as_gdb);
	tcase_add_test(tc, test_display_as_gdb);
	tcase_add_loop_test(tc, test_watchpoints_as_gdb, 0,
	    (int)(sizeof watch_scripts / sizeof watch_scripts[0]));
	tcase_add_loop_test(tc, test_watchpoints_as_gdb_m32, 0,
	    (int)(sizeof watch_scripts / sizeof watch_scripts[0]));
	tcase_add_test(tc, test_watchpoint_snapshot);
	tcase_add_test(tc, test_disassemble_as_gdb);
	tcase_add_loop_test(tc, test_steps_as_gdb, 0,
	    (int)(sizeof step_scripts / sizeof step_scripts[0]));
	tcase_add_loop_test(tc, test_steps_as_gdb_m32, 0,
	    (int)(sizeof step_scripts / sizeof step_scripts[0]));
	tcase_add_loop_test(tc, test_step_out_of_inlined_as_gdb, 0, 2);
	tcase_add_test(tc, test_stepi_onto_breakpoint);
	tcase_add_test(tc, test_starti);
	tcase_add_test(tc, test_step_onto_breakpoint);
	suite_add_tcase(s, tc);

	tc = tcase_create("breakpoints");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_break_file_line);
	tcase_add_test(tc, test_break_bare_line);
	tcase_add_test(tc, test_break_address_before_run);
	tcase_add_test(tc, test_break_address_running);
	tcase_add_test(tc, test_tbreak);
	tcase_add_test(tc, test_break_enable_delete);
	tcase_add_test(tc, test_break_pending_dlopen);
	tcase_add_test(tc, test_break_pending_dlopen_m32);
	tcase_add_test(tc, test_break_library_function_as_gdb);
	tcase_add_test(tc, test_info_sharedlibrary_as_gdb);
	tcase_add_loop_test(tc, test_watch_expression_as_gdb, 0,
	    (int)(sizeof watch_expr_cmds / sizeof watch_expr_cmds[0]));
	tcase_add_loop_test(tc, test_catch_syscall_as_gdb, 0,
	    (int)(sizeof syscall_cmds / sizeof syscall_cmds[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("signals");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_signal_segv);
	tcase_add_test(tc, test_signal_handler_frames);
	tcase_add_loop_test(tc, test_signals_as_gdb_m32, 0,
	    (int)(sizeof signal32_scripts / sizeof signal32_scripts[0]));
	tcase_add_loop_test(tc, test_signal_frame_info_as_gdb, 0, 4);
	tcase_add_test(tc, test_signal_abort);
	tcase_add_test(tc, test_signal_nostop_print);
	suite_add_tcase(s, tc);

	tc = tcase_create("exit");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_exit_code);
	tcase_add_test(tc, test_exit_failed_command);
	suite_add_tcase(s, tc);

	tc = tcase_create("attach");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_attach_stepi_detach, 0, 2);
	tcase_add_loop_test(tc, test_attach_break_detach, 0, 2);
	tcase_add_test(tc, test_attach_sigterm);
	tcase_add_loop_test(tc, test_threads_attached, 0, 2);
	tcase_add_test(tc, test_threads_breakpoint_race);
	tcase_add_test(tc, test_threads_next_stays);
	tcase_add_loop_test(tc, test_threads_new_and_exited_as_gdb, 0, 2);
	tcase_add_test(tc, test_launched_dies_with_tracer);
	suite_add_tcase(s, tc);
	return s;
}
