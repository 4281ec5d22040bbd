/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calling functions in the program, against gdb and against known truth.
 * In sample calls, stopped in main, gdb and framescope print calls with
 * integer, floating-point, pointer and function-pointer arguments, more
 * arguments than registers, structures passed and returned in registers
 * and in memory, a long double, void functions, calls in expressions and
 * nested; then a call that stops at a breakpoint (its stop, the dummy
 * frame in bt, finish back to main with its value, a call continued that
 * returns silently), one that crashes (with and without set
 * unwindonsignal), one that exits.  Every line of standard output and of
 * errors must be gdb's, its name for itself replaced by ours.  Where
 * gdb's calls do not work (they fail on some machines), only the known
 * truth is checked: the values, the registers and stack put back after a
 * call, the state a call changed that the program sees when it goes on.
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"

/* At -O2 main keeps no variables at the line, and the line is in an
   inlined call of bump (where gdb's `bump' is main): literal arguments,
   at main, and no call of bump.  */
static const char *const cmds_literals[] = {
	"break main", "run",
	"p add(1, 2)", "call add(3, 4)", "p add(5, add(1, 1))",
	"p scale(1.5, 2, 3)", "p sum8(1, 2, 3, 4, 5, 6, 7, 8)",
	"p dsum10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5)", "p pt_make(5, 6)",
	"p pt_sum(pt_make(1, 2))", "p big_make(10)",
	"p big_sum(big_make(1))", "p mixed_make(1.5, 7)", "p ld_half(3)",
	"p len_of(\"hi\")", "p apply(add, 20, 22)",
	"p counter", "call reset()", "p counter", "p add(1)",
	"p pt_sum(5)", NULL
};

static const char *const cmds_values[] = {
	"break calls.c:149", "run",
	"p add(1, 2)", "call add(3, 4)", "p add(p.x, add(1, 1))",
	"p scale(1.5, 2, 3)", "p scale(2, 2, 2)",
	"p sum8(1, 2, 3, 4, 5, 6, 7, 8)",
	"p dsum10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5)",
	"p pt_sum(p)", "p pt_make(5, 6)", "p pt_make(5, 6).y",
	"p v_scale(v, 2)", "p big_sum(b)", "p big_make(10)",
	"p big_make(10).a[4]", "p mixed_make(1.5, 7)", "p ld_half(3)",
	"p len_of(word)", "p len_of(\"hi\")", "p apply(add, 20, 22)",
	"p (*add)(2, 3)", "p bump()", "p bump() + bump()", "p counter",
	"call reset()", "p reset()", "p counter", "whatis add(1, 2)",
	"ptype pt_make(1, 2)", "p add(1)", "p add(1, 2, 3)", "p pt_sum(5)",
	"bt", "info registers rip rsp rbp rax rdi",
	"p $xmm0.v2_int64", NULL
};

static const char *const cmds_stops[] = {
	"break main", "run", "break stops_inside",
	"p stops_inside(5)", "bt", "up", "info locals", "down", "finish",
	"bt", "p stops_inside(6)", "c", "bt", "p crash(0)", "bt", "p $pc",
	"set unwindonsignal on", "p crash(0)", "bt", "p add(2, 2)",
	"info registers rip", "delete", "p leave(3)", "bt", NULL
};

/* The same on i386 builds (cdecl: every argument on the stack, a
   structure returned through the hidden pointer the callee pops, floats
   in st0): IN's commands with i386's registers, into OUT (CAP).  */
static const char *const *
cmds_i386(const char *const in[], const char **out, size_t cap)
{
	size_t i, k = 0;

	for (i = 0; in[i] != NULL && k + 1 < cap; i++) {
		if (strncmp(in[i], "p $xmm", 6) == 0)
			continue;
		if (strcmp(in[i], "info registers rip rsp rbp rax rdi") == 0)
			out[k++] = "info registers eip esp ebp eax ecx edx";
		else if (strcmp(in[i], "info registers rip") == 0)
			out[k++] = "info registers eip esp";
		else
			out[k++] = in[i];
	}
	out[k] = NULL;
	return out;
}

/* cdecl, stdcall (the callee pops) and a structure returned, as gdb. */
static const char *const cmds_conv32[] = {
	"break 46", "run", "p cdecl_sum(1, 2, 3)", "p stdcall_sum(4, 5, 6)",
	"p make_pair(14, 15)", "p make_pair(14, 15).b",
	"p cdecl_sum(stdcall_sum(1, 1, 1), 2, 3)",
	"info registers eip esp ebp", "next", "p total", NULL
};

/* LINE with gdb's names for itself made ours.  */
static char *
ours(const char *line)
{
	static const char *const from[] = { "called from GDB",
	    "GDB will silently", "GDB remains", "GDB has restored",
	    "<function called from gdb>" };
	static const char *const to[] = { "called from framescope",
	    "framescope will silently", "framescope remains",
	    "framescope has restored", "<function called from framescope>" };
	char *s = strdup(line), *p, *n;
	size_t i;

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < sizeof from / sizeof from[0]; i++)
		if ((p = strstr(s, from[i])) != NULL) {
			ck_assert_int_ne(asprintf(&n, "%.*s%s%s", (int)(p - s),
			    s, to[i], p + strlen(from[i])), -1);
			free(s);
			s = n;
		}
	return s;
}

/* OUT's lines from the first stop on, but the process numbers and
   gdb's lines about its scripts.  */
static char **
lines(const char *out, size_t *n, bool from_stop)
{
	char **all = util_lines(out, n), **v;
	size_t i, k = 0;
	bool on = !from_stop;

	ck_assert_ptr_nonnull(v = calloc(*n + 1, sizeof *v));
	for (i = 0; i < *n; i++) {
		if (strncmp(all[i], "Breakpoint 1, ", 14) == 0)
			on = true;
		if (!on || strstr(all[i], "libthread_db") != NULL ||
		    strncmp(all[i], "warning: Error disabling address space",
		    38) == 0)
			continue;
		if (strncmp(all[i], "[Inferior 1 (process ", 21) == 0) {
			const char *r = strchr(all[i], ')');

			ck_assert_int_ne(asprintf(&v[k++], "[Inferior 1 (process "
			    "N%s", r != NULL ? r : ""), -1);
			continue;
		}
		v[k++] = ours(all[i]);
	}
	util_lines_free(all);
	*n = k;
	return v;
}

static void
same(const char *what, const char *g, const char *f, bool from_stop)
{
	char **gl, **fl;
	size_t gn, fn, i;

	gl = lines(g, &gn, from_stop);
	fl = lines(f, &fn, from_stop);
	for (i = 0; i < gn || i < fn; i++)
		ck_assert_msg(i < gn && i < fn && strcmp(gl[i], fl[i]) == 0,
		    "%s, line %zu:\n  gdb:        %s\n  framescope: %s\n"
		    "--- gdb:\n%s--- framescope:\n%s", what, i + 1,
		    i < gn ? gl[i] : "(none)", i < fn ? fl[i] : "(none)", g, f);
	util_strv_free(gl, gn);
	util_strv_free(fl, fn);
}

/* Whether gdb's calls work on this machine.  */
static bool
gdb_calls_work(const char *prog)
{
	static const char *const c[] = { "break calls.c:149", "run",
	    "p add(40, 2)", NULL };
	struct util_result g;
	bool ok;

	util_gdb(&g, NULL, c, prog, NULL);
	ok = strstr(g.out, "$1 = 42\n") != NULL;
	util_result_free(&g);
	return ok;
}

static void
compare(const char *sample, const char *const cmds[])
{
	char *prog = util_sample(sample), what[128];
	struct util_result g, f;

	if (!gdb_calls_work(prog)) {
		fprintf(stderr, "%s: gdb cannot call functions here: only the "
		    "known truth is checked\n", sample);
		free(prog);
		return;
	}
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	ck_assert_msg(!f.timed_out && WIFEXITED(f.status), "%s: framescope "
	    "%s\n%s", sample, util_status_text(&f), f.err);
	snprintf(what, sizeof what, "%s (output)", sample);
	same(what, g.out, f.out, true);
	snprintf(what, sizeof what, "%s (errors)", sample);
	same(what, g.err, f.err, false);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}

START_TEST(test_call_values_as_gdb)
{
	compare(_i == 0 ? "calls-O0" : "calls-O2", _i == 0 ? cmds_values :
	    cmds_literals);
}
END_TEST

START_TEST(test_call_stops_as_gdb)
{
	compare(_i == 0 ? "calls-O0" : "calls-O2", cmds_stops);
}
END_TEST

START_TEST(test_call_m32_as_gdb)
{
	const char *calls = _i == 0 ? "calls-m32-O0" : "calls-m32-O2";
	const char *c[64];

	compare(calls, cmds_i386(_i == 0 ? cmds_values : cmds_literals, c,
	    64));
	compare(calls, cmds_i386(cmds_stops, c, 64));
	compare(_i == 0 ? "callconv32-m32-O0" : "callconv32-m32-O2",
	    cmds_conv32);
}
END_TEST


#define HAS(r, s) ck_assert_msg(strstr((r)->out, s) != NULL,		\
	"no \"%s\" in:\n%s\n%s", s, (r)->out, (r)->err)

/* What the calls return, and what they leave: the registers and the
   stack as they were, the program's state changed as the function
   changed it.  */
/* The lines of OUT between the markers "@@" number K and K + 1, the
   value history's "$N = " taken out.  */
static char *
part(const char *out, int k)
{
	const char *p = out, *end;
	char *r, *q, *w;
	int i;

	for (i = 0; i < k && p != NULL; i++)
		if ((p = strstr(p, "@@\n")) != NULL)
			p += 3;
	ck_assert_ptr_nonnull(p);
	end = strstr(p, "@@\n");
	ck_assert_ptr_nonnull(r = strndup(p, end != NULL ? (size_t)(end - p) :
	    strlen(p)));
	for (q = w = r; *q != '\0'; ) {
		if (*q == '$' && (q == r || q[-1] == '\n')) {
			while (*q != '\0' && *q != '=')
				q++;
			continue;
		}
		*w++ = *q++;
	}
	*w = '\0';
	return r;
}

/* What the calls return, and what they leave: the registers and the
   stack as they were, the program's state changed as the function
   changed it.  */
START_TEST(test_call_known_truth)
{
	static const char *const c1[] = { "break main", "run", "echo @@\\n", "info registers", "p $xmm0", "p $xmm1", "p $st0",
	    "x/16gx $sp - 128", "x/16gx $sp", "echo @@\\n", "p add(2, 3)",
	    "p scale(0.5, 4, 1)", "p pt_make(7, 8)", "p pt_sum(pt_make(7, 8))",
	    "p big_make(100)", "p big_sum(big_make(100))",
	    "p mixed_make(2.5, -9)", "p ld_half(5)",
	    "p sum8(1, 1, 1, 1, 1, 1, 1, 100)", "p dsum10(1, 1, 1, 1, 1, 1, 1, "
	    "1, 1, 0.5)", "p apply(add, 1, 2)", "p len_of(\"four\")",
	    "echo @@\\n", "info registers", "p $xmm0", "p $xmm1", "p $st0",
	    "x/16gx $sp - 128", "x/16gx $sp", "echo @@\\n", NULL };
	static const char *const c2[] = { "break main", "run",
	    "p bump()", "c", NULL };
	static const char *const c3[] = { "break main", "run",
	    "p bump()", "p reset()", "set unwindonsignal on", "p crash(0)",
	    "c", NULL };
	static const char *const c4[] = { "p add(1, 2)", NULL };
	static const char *const c5[] = { "break main", "run",
	    "break stops_inside", "p stops_inside(5)", "frames -ascii 2",
	    "snapshot -brief", NULL };
	/* Under a recording, nothing is called; after it, again.  */
	static const char *const c6[] = { "break main", "run", "record",
	    "p add(1, 2)", "next", "reverse-stepi", "p add(1, 2)",
	    "p $xmm0.v2_int64[0] == $xmm0.v2_int64[0]", "record stop",
	    "p add(3, 4)", NULL };
	const char *sample = _i == 0 ? "calls-O0" : "calls-O2";
	char *prog = util_sample(sample), *before, *after, *vals;
	struct util_result r;

	util_framescope(&r, NULL, c1, prog, NULL);
	vals = part(r.out, 2);
	ck_assert_str_eq(vals, "= 5\n= 3\n= {x = 7, y = 8}\n= 78\n"
	    "= {a = {100, 101, 102, 103, 104}, name = \"made\", '\\000' "
	    "<repeats 11 times>}\n= 619\n= {d = 2.5, l = -9}\n= 2.5\n= 107\n"
	    "= 9.5\n= 3\n= 4\n");
	/* The registers, and the stack around rsp (the red zone too: the
	   calls' bytes are further down), as they were.  */
	before = part(r.out, 1);
	after = part(r.out, 3);
	ck_assert_msg(strlen(before) > 500, "%s", r.out);
	ck_assert_str_eq(before, after);
	free(vals);
	free(before);
	free(after);
	util_result_free(&r);
	/* A call's change of state is the program's: bump() makes main's
	   own call return 2, and it exits with 1.  */
	util_framescope(&r, NULL, c2, prog, NULL);
	HAS(&r, "$1 = 1\n");
	HAS(&r, "exited with code 01]");
	util_result_free(&r);
	/* reset() undoes it; a crash unwound leaves the program as it was:
	   it ends as if never stopped.  */
	util_framescope(&r, NULL, c3, prog, NULL);
	HAS(&r, "exited normally]");
	ck_assert(strstr(r.err, "framescope has restored the context") !=
	    NULL);
	util_result_free(&r);
	/* A call stopped inside: its dummy frame drawn, with the red zone
	   of main it left alone, the return into it, and in JSON.  */
	util_framescope(&r, NULL, c5, prog, NULL);
	HAS(&r, "#1 <function called from framescope>\n");
	HAS(&r, "| return address -> <function called from framescope> ");
	HAS(&r, "| red zone ");
	HAS(&r, "\"function\":\"<function called from framescope>\"");
	HAS(&r, "\"dummy\":true");
	util_result_free(&r);
	util_framescope(&r, NULL, c6, prog, NULL);
	ck_assert_msg(strstr(r.err, "Cannot call add while recording "
	    "(record stop ends the recording).\nCannot call add while "
	    "replaying a recording.\n") != NULL, "%s", r.err);
	/* The float registers of the past are read, and the call after the
	   recording returns.  */
	HAS(&r, "$1 = 1\n");
	HAS(&r, "$2 = 7\n");
	util_result_free(&r);
	/* No process: gdb's words.  */
	util_framescope(&r, NULL, c4, prog, NULL);
	ck_assert_msg(strstr(r.err, "You can't do that without a process to "
	    "debug.") != NULL, "%s", r.err);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* fastcall and regparm take their first arguments in registers, which
   the debugging information does not say (gdb pushes them and the
   function adds up what the registers held): framescope tells them from
   the code and passes them there; the registers and the stack are as
   they were after, and the program goes on as without the calls.  */
START_TEST(test_call_m32_registers)
{
	static const char *const cmds[] = { "break 47", "run", "echo @@\n",
	    "info registers", "x/24wx $sp", "echo @@\n",
	    "p fastcall_sum(7, 8, 9)", "p regparm_sum(10, 11, 12, 13)",
	    "p fastcall_sum(-1, -2, -3)", "p regparm_sum(1, 1, 1, 1)",
	    "p fastcall_sum(100, 0, 0) + regparm_sum(0, 0, 0, 1)",
	    "echo @@\n", "info registers", "x/24wx $sp", "echo @@\n", "c",
	    NULL };
	static const char *const fib[] = { "break main", "run",
	    "p fib(10)", "p fib(1)", NULL };
	char *prog = util_sample(_i == 0 ? "callconv32-m32-O0" :
	    "callconv32-m32-O2"), *before, *after, *vals;
	struct util_result r;

	util_framescope(&r, NULL, cmds, prog, NULL);
	vals = part(r.out, 2);
	ck_assert_str_eq(vals, "= 24\n= 46\n= -6\n= 4\n= 101\n");
	before = part(r.out, 1);
	after = part(r.out, 3);
	/* The registers, and the stack from sp up (no red zone on i386:
	   below it the calls' frames were), as they were.  */
	ck_assert_msg(strlen(before) > 300, "%s", r.out);
	ck_assert_str_eq(before, after);
	HAS(&r, "\n120\n[Inferior 1 (process ");
	free(vals);
	free(before);
	free(after);
	util_result_free(&r);
	free(prog);
	/* gcc passes a static function's arguments in registers at -O2
	   (its own regparm): fib's n in eax.  */
	prog = util_sample(_i == 0 ? "callkinds-m32-O0" :
	    "callkinds-m32-O2");
	util_framescope(&r, NULL, fib, prog, NULL);
	HAS(&r, "$1 = 55\n$2 = 1\n");
	util_result_free(&r);
	free(prog);
}
END_TEST

Suite *
calls_suite(void)
{
	Suite *s = suite_create("calls");
	TCase *tc = tcase_create("calls");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_call_values_as_gdb, 0, 2);
	tcase_add_loop_test(tc, test_call_stops_as_gdb, 0, 2);
	tcase_add_loop_test(tc, test_call_known_truth, 0, 2);
	tcase_add_loop_test(tc, test_call_m32_as_gdb, 0, 2);
	tcase_add_loop_test(tc, test_call_m32_registers, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
