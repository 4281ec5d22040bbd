/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recording and going back in time.  The strongest oracle is the
   recording itself: the state reached going back (registers, stack
   bytes, bt, info locals) must be the state seen going forward, byte for
   byte, on every sample; then gdb's record full, where gdb can record
   (program code without AVX on its path), for the stop lines of the
   reverse commands; and known truth for system calls, watchpoints,
   attaching and recording files. */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_arch.h"
#include "fs_syscall.h"

/* ------------------------------------------------------------ helpers */

/* Run [env ENV] framescope --batch -x FILE TAIL..., FILE holding CMDS
   (one a line); TAIL NULL-terminated.  */
static void
run_x(struct util_result *r, const char *cmds, const char *env,
    const char *const tail[], double timeout)
{
	struct util_argv a = { 0 };
	char *dir = util_tmpdir(), *path;
	FILE *f;
	size_t i;

	ck_assert_int_ne(asprintf(&path, "%s/script", dir), -1);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(cmds, f);
	fclose(f);
	if (env != NULL) {
		util_argv_push(&a, "env");
		util_argv_push(&a, env);
	}
	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	util_argv_push(&a, "-x");
	util_argv_push(&a, path);
	for (i = 0; tail[i] != NULL; i++)
		util_argv_push(&a, tail[i]);
	util_run(a.v, timeout, r);
	util_argv_free(&a);
	util_rmtree(dir);
	free(path);
	free(dir);
}

/* The commands CMDS on PROG, ENV in its environment.  */
static void
run_script(struct util_result *r, const char *cmds, const char *prog,
    const char *env, double timeout)
{
	const char *const tail[] = { prog, NULL };

	run_x(r, cmds, env, tail, timeout);
}

/* The commands CMDS on the recording RECFILE, with --replay.  */
static void
run_replay(struct util_result *r, const char *cmds, const char *recfile,
    double timeout)
{
	const char *const tail[] = { "--replay", recfile, NULL };

	run_x(r, cmds, NULL, tail, timeout);
}

/* A growing script.  */
struct script {
	char	*s;
	size_t	 len, cap;
};

static void
add(struct script *sc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add(struct script *sc, const char *fmt, ...)
{
	va_list ap;
	char *line;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&line, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(n, 0);
	if (sc->len + (size_t)n + 2 > sc->cap) {
		sc->cap = (sc->len + (size_t)n + 2) * 2;
		ck_assert_ptr_nonnull(sc->s = realloc(sc->s, sc->cap));
	}
	memcpy(sc->s + sc->len, line, (size_t)n);
	sc->len += (size_t)n;
	sc->s[sc->len++] = '\n';
	sc->s[sc->len] = '\0';
	free(line);
}

/* The last 1500 bytes of S, for messages (Check's are limited).  */
static const char *
tail(const char *s)
{
	size_t n = strlen(s);

	return n > 1500 ? s + n - 1500 : s;
}

/* The first line where A and B differ, each, into BUF.  */
static const char *
first_diff(const char *a, const char *b, char *buf, size_t len)
{
	size_t la, lb;

	while (*a != '\0' && *b != '\0') {
		la = strcspn(a, "\n");
		lb = strcspn(b, "\n");
		if (la != lb || strncmp(a, b, la) != 0)
			break;
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
	snprintf(buf, len, "forward: %.*s\nback:    %.*s",
	    (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
	return buf;
}

/* What is compared at each kept step.  */
static const char *const probes[] = {
	"info registers", "x/48gx $sp-128", "bt", "info locals", NULL,
};

static void
add_probes(struct script *sc, const char *tag)
{
	size_t i;

	add(sc, "echo \\n@@%s\\n", tag);
	for (i = 0; probes[i] != NULL; i++)
		add(sc, "%s", probes[i]);
	add(sc, "echo @@end\\n");
}

/* The lines of the block tagged TAG in OUT (malloc'd, NUL-terminated
   text), or NULL.  */
static char *
block(const char *out, const char *tag)
{
	char mark[64], *b;
	const char *p, *q;

	snprintf(mark, sizeof mark, "\n@@%s\n", tag);
	if ((p = strstr(out, mark)) == NULL)
		return NULL;
	p += strlen(mark);
	if ((q = strstr(p, "@@end\n")) == NULL)
		return NULL;
	ck_assert_ptr_nonnull(b = strndup(p, (size_t)(q - p)));
	return b;
}

static uint64_t
info_number(const char *out, const char *what)
{
	const char *p = strstr(out, what);

	return p != NULL ? strtoull(p + strlen(what), NULL, 10) : 0;
}

/* The output of PROG alone (its standard output) and how it ended.  */
static void
plain_run(const char *prog, struct util_result *r)
{
	char *argv[] = { (char *)prog, NULL };

	util_run(argv, 20, r);
}

/*
 * Record up to N instructions from BRK with the probes at each, go back
 * to each with reverse-stepi and compare; then replay to the end, stop
 * recording and let the program finish: its output and exit status must
 * be the ones it has without a debugger.  The recording's own check
 * (FRAMESCOPE_RECORD_CHECK) reports any stack byte an instruction wrote
 * that the log did not save.
 */
static void
self_consistent(const char *name, const char *brk, unsigned n)
{
	struct util_result r, rr, plain;
	struct script sc = { 0 };
	char *prog = util_sample(name), tag[32], *f, *b, *exit_line, d[600];
	char *dir = util_tmpdir(), *recfile;
	const char *p;
	uint64_t count;
	unsigned i, bad = 0;

	/* A program that faults stays, to be gone through, and dies of it
	   at the end as it does alone.  */
	add(&sc, "handle SIGSEGV nopass");
	add(&sc, "handle SIGABRT nopass");
	add(&sc, "break %s", brk);
	add(&sc, "run");
	add(&sc, "record");
	/* Each probe at a stop of a single step: a breakpoint's stop hides
	   the inlined calls that start at its pc, a step's does not.  */
	add(&sc, "stepi");
	add(&sc, "reverse-stepi");
	add_probes(&sc, "F0");
	for (i = 1; i <= n; i++) {
		add(&sc, "stepi");
		snprintf(tag, sizeof tag, "F%u", i);
		add_probes(&sc, tag);
	}
	add(&sc, "echo \\n@@info\\n");
	add(&sc, "info record");
	add(&sc, "echo @@end\\n");
	add(&sc, "record save %s/rec", dir);
	for (i = 1; i <= n; i++) {
		add(&sc, "reverse-stepi");
		snprintf(tag, sizeof tag, "B%u", i);
		add_probes(&sc, tag);
	}
	add(&sc, "continue");
	add(&sc, "record stop");
	add(&sc, "delete");
	add(&sc, "handle SIGSEGV pass");
	add(&sc, "handle SIGABRT pass");
	add(&sc, "continue");
	add(&sc, "continue");
	run_script(&r, sc.s, prog, "FRAMESCOPE_RECORD_CHECK=1", 120);
	/* The same backwards from the file, without the process.  */
	sc.len = 0;
	for (i = 1; i <= n; i++) {
		add(&sc, "reverse-stepi");
		snprintf(tag, sizeof tag, "B%u", i);
		add_probes(&sc, tag);
	}
	ck_assert_int_ne(asprintf(&recfile, "%s/rec", dir), -1);
	run_replay(&rr, sc.s, recfile, 120);
	ck_assert_msg(!rr.timed_out && WIFEXITED(rr.status),
	    "%s --replay: %s\n%s", name, util_status_text(&rr), tail(rr.err));
	ck_assert_msg(!r.timed_out && WIFEXITED(r.status),
	    "%s: framescope %s\n%s", name, util_status_text(&r), tail(r.err));
	ck_assert_msg(strstr(r.err, "RECORD CHECK") == NULL,
	    "%s: a write was not recorded:\n%s", name,
	    strstr(r.err, "RECORD CHECK"));
	ck_assert_ptr_nonnull(b = block(r.out, "info"));
	count = info_number(b, "Log contains ");
	free(b);
	/* segv faults within its first instructions.  */
	ck_assert_msg((count >= n / 4 || (strncmp(name, "segv", 4) == 0 &&
	    count > 0)) && count <= n, "%s: %" PRIu64
	    " instructions recorded of %u:\n%s", name, count, n, tail(r.err));
	/* The state after k instructions, seen going forward, is the one
	   reverse-stepi number count - k shows.  */
	for (i = 0; i < count; i++) {
		snprintf(tag, sizeof tag, "F%u", i);
		f = block(r.out, tag);
		snprintf(tag, sizeof tag, "B%" PRIu64, count - i);
		b = block(r.out, tag);
		ck_assert_msg(f != NULL && b != NULL, "%s: no probes at %u",
		    name, i);
		if (strcmp(f, b) != 0 && bad++ == 0)
			ck_abort_msg("%s: the state %u instructions after %s "
			    "differs going back:\n%s", name, i, brk,
			    first_diff(f, b, d, sizeof d));
		free(b);
		b = block(rr.out, tag);
		ck_assert_msg(b != NULL, "%s --replay: no probes at %u:\n%s",
		    name, i, tail(rr.out));
		if (strcmp(f, b) != 0 && bad++ == 0)
			ck_abort_msg("%s: the state %u instructions after %s "
			    "differs going back in the saved recording:\n%s",
			    name, i, brk, first_diff(f, b, d, sizeof d));
		free(f);
		free(b);
	}
	/* Back at the start, then replayed to the end and on live.  */
	ck_assert_msg(strstr(r.out, "\nNo more reverse-execution history.\n")
	    != NULL, "%s: no end of the history:\n%s", name, tail(r.out));
	plain_run(prog, &plain);
	ck_assert_msg(strstr(r.out, plain.out) != NULL, "%s: the program's "
	    "output changed:\n--- alone:\n%s--- recorded:\n%s", name,
	    tail(plain.out), tail(r.out));
	if (WIFEXITED(plain.status) && WEXITSTATUS(plain.status) == 0)
		ck_assert_int_ne(asprintf(&exit_line, "exited normally]"),
		    -1);
	else if (WIFEXITED(plain.status))
		ck_assert_int_ne(asprintf(&exit_line, "exited with code 0%o]",
		    WEXITSTATUS(plain.status)), -1);
	else
		ck_assert_int_ne(asprintf(&exit_line, "Program terminated "
		    "with signal"), -1);
	p = strstr(r.out, exit_line);
	ck_assert_msg(p != NULL, "%s: not \"%s\" as without recording:\n%s",
	    name, exit_line, tail(r.out));
	free(exit_line);
	util_result_free(&plain);
	util_result_free(&r);
	util_result_free(&rr);
	util_rmtree(dir);
	free(dir);
	free(recfile);
	free(sc.s);
	free(prog);
}

/* FN on the samples NAMES[0..N), built -O0 (OPT 0) or -O2, C (from main)
   or Rust (RUST: from the crate's main; none without rustc).  memops is
   built at -O0 only.  */
static void
each_sample(const char *const *names, size_t n, int opt, bool rust,
    void (*fn)(const char *name, const char *brk))
{
	char name[64], brk[64];
	size_t i;

	if (rust && access(sample_path("rust-add-O0"), X_OK) != 0)
		return;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%s%s-%s", rust ? "rust-" : "",
		    names[i], opt == 0 ? "O0" : "O2");
		snprintf(brk, sizeof brk, "%s%smain", rust ? names[i] : "",
		    rust ? "::" : "");
		if (access(sample_path(name), X_OK) != 0 &&
		    strcmp(names[i], "memops") == 0)
			continue;
		fn(name, brk);
	}
}

static void
self_consistent_150(const char *name, const char *brk)
{
	self_consistent(name, brk, 150);
}

/* The C samples recorded (add32 and callconv32 are i386's alone,
   memops x86-64's).  */
static const char *const c_samples[] = {
	"callee8", "add", "add32", "calc", "factorial", "counter", "segv",
	"sighandler", "abort", "exitcode", "dlopen", "threads", "values",
	"types", "tailcall", "callkinds", "callconv32", "watch", "timetravel",
	"canary", "memops",
};

/* _i: -O0, -O2; and on the i386 builds (4-byte return addresses and
   words, the system calls through __kernel_vsyscall), -m32 -O0, -O2.  */
START_TEST(test_self_consistent_c)
{
	char name[64];
	size_t i;

	for (i = 0; i < sizeof c_samples / sizeof c_samples[0]; i++) {
		snprintf(name, sizeof name, "%s-%s%s", c_samples[i],
		    _i >= 2 ? "m32-" : "", _i % 2 == 0 ? "O0" : "O2");
		if (access(sample_path(name), X_OK) == 0)
			self_consistent(name, "main", 150);
	}
}
END_TEST

START_TEST(test_self_consistent_rust)
{
	static const char *const r[] = {
		"add", "calc", "factorial", "heap_demo", "inline", "panic",
		"traits", "values",
	};

	each_sample(r, sizeof r / sizeof r[0], _i, true, self_consistent_150);
}
END_TEST

/* ------------------------------------------------------- against gdb */

START_TEST(test_reverse_stepping_as_gdb)
{
	static const char *const callee[] = {
		"break callee", "run", "record", "finish", "reverse-stepi",
		"reverse-stepi", "rsi", "rsi", "rsi", "stepi",
		"reverse-finish", NULL,
	};
	static const char *const calc[] = {
		"break main", "run", "record", "next", "next", "next",
		"reverse-step", "reverse-step", "reverse-next", "reverse-step",
		"reverse-step", "reverse-next", "reverse-next", "reverse-next",
		NULL,
	};
	static const char *const calc2[] = {
		"break main", "run", "record", "break multiply", "continue",
		"next", "reverse-finish", "reverse-stepi", "stepi", "stepi",
		"reverse-nexti", "reverse-nexti", "continue", "finish",
		"reverse-continue", "reverse-continue", "reverse-stepi", NULL,
	};
	static const char *const kinds[] = {
		"break main", "run", "record", "next", "next", "next", "next",
		"next", "reverse-step", "reverse-step", "reverse-step",
		"reverse-step", "reverse-step", "reverse-step", "reverse-next",
		"reverse-next", "next", "step", "step", "step",
		"reverse-finish", "reverse-next", "reverse-continue", NULL,
	};
	static const char *const kinds2[] = {
		"break main", "run", "record", "next", "next", "next", "next",
		"next", "reverse-continue", "next", "next", "step", "finish",
		"break scale", "continue", "continue", NULL,
	};
	static const char *const fact[] = {
		"break factorial if n == 1", "run", "delete", "record",
		"finish", "finish", "reverse-step", "reverse-step",
		"reverse-next", "reverse-finish", "next", "next", "step", NULL,
	};

	/* On i386 (_i 1) too, gdb recording it as well: 4-byte return
	   addresses, arguments on the stack, and a read through
	   __kernel_vsyscall gone back over.  */
	static const char *const readbuf[] = {
		"break get", "run", "record", "print/x *(int *)buf@4", "next",
		"print/x *(int *)buf@4", "reverse-next",
		"print/x *(int *)buf@4", "next", "reverse-step", "bt 1",
		"reverse-finish", "print/x *(int *)buf@4", NULL,
	};
	const char *const *script[] = { callee, calc, calc2, kinds, kinds2,
	    fact, readbuf };
	static const char *const sample[] = { "callee8", "calc", "calc",
	    "callkinds", "callkinds", "factorial", "readbuf" };
	char name[64];
	size_t k;

	for (k = 0; k < sizeof sample / sizeof sample[0]; k++) {
		/* readbuf's read through the vsyscall: i386's.  */
		if (_i == 0 && script[k] == readbuf)
			continue;
		snprintf(name, sizeof name, "%s%s", sample[k], _i == 0 ?
		    "-O0" : "-m32-O0");
		util_same_as_gdb(name, NULL, NULL, script[k]);
	}
}
END_TEST

/* The lines of `info record' as gdb writes them, the limit aside.  */
START_TEST(test_info_record_as_gdb)
{
	static const char *const cmds[] = {
		"break callee", "run", "info record", "record", "info record",
		"stepi 3", "info record", "reverse-stepi", "info record",
		"reverse-stepi 5", "info record", "record goto end",
		"info record", "record goto 1", "info record", "record stop",
		"info record", NULL,
	};
	struct util_result g, f;
	char *prog = util_sample("callee8-O0");
	char **gl, **fl;
	size_t gn, fn, i, j;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = util_lines(g.out, &gn);
	fl = util_lines(f.out, &fn);
	/* gdb's lines, but for its limit of 200000 instructions (ours is
	   a million) and the line of memory used, which it has not.  */
	for (i = j = 0; i < gn && j < fn; i++, j++) {
		if (strncmp(fl[j], "Log uses ", 9) == 0)
			j++;
		if (j < fn && strncmp(fl[j], "Emulated ", 9) == 0)
			j++;
		if (strncmp(gl[i], "Max logged instructions is ", 27) == 0) {
			ck_assert_str_eq(fl[j],
			    "Max logged instructions is 1000000.");
			continue;
		}
		if (strstr(gl[i], "libthread_db") != NULL) {
			j--;
			continue;
		}
		ck_assert_msg(strcmp(gl[i], fl[j]) == 0, "line %zu: gdb:\n%s\n"
		    "framescope:\n%s\n--- gdb:\n%s--- framescope:\n%s", i,
		    gl[i], fl[j], tail(g.out), tail(f.out));
	}
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* ------------------------------------------------------------ messages */

START_TEST(test_messages)
{
	static const char *const cmds[] = {
		"reverse-stepi", "record", "break callee", "run",
		"reverse-stepi", "reverse-continue", "set exec-direction reverse",
		"record stop", "record", "record", "show exec-direction",
		"set exec-direction reverse", "show exec-direction",
		"set exec-direction forward", "show exec-direction",
		"show record full insn-number-max",
		"set record full insn-number-max 7",
		"show record full insn-number-max", "record goto 3",
		"record goto end", NULL,
	};
	struct util_result r;
	char *prog = util_sample("callee8-O0");

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(r.err, "The program is not being run.\n"
	    "The program is not being run.\n") != NULL, "%s", r.err);
	ck_assert_msg(strstr(r.err, "Target native does not support this "
	    "command.\nTarget native does not support this command.\n"
	    "Target does not support this operation.\nNo recording is "
	    "currently active.\nUse the \"record full\" or \"record "
	    "btrace\" command first.\nThe process is already being "
	    "recorded.  Use \"record stop\" to stop recording first.\n")
	    != NULL, "%s", r.err);
	ck_assert_msg(strstr(r.out, "Forward.\nReverse.\nForward.\n"
	    "Record/replay buffer limit is 1000000.\n"
	    "Record/replay buffer limit is 7.\n") != NULL, "%s", r.out);
	ck_assert_msg(strstr(r.err, "Target insn '3' not found.\n"
	    "Already at target insn.\n") != NULL, "%s", r.err);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* set exec-direction reverse: the forward commands go back, as the
   reverse ones do.  */
START_TEST(test_exec_direction)
{
	static const char *const dir[] = {
		"break main", "run", "record", "next", "next", "next",
		"set exec-direction reverse", "next", "step", "stepi",
		"continue", NULL,
	};
	static const char *const rev[] = {
		"break main", "run", "record", "next", "next", "next",
		"reverse-next", "reverse-step", "reverse-stepi",
		"reverse-continue", NULL,
	};
	struct util_result a, b;
	char *prog = util_sample("calc-O0");

	util_framescope(&a, NULL, dir, prog, NULL);
	util_framescope(&b, NULL, rev, prog, NULL);
	ck_assert_str_eq(a.out, b.out);
	ck_assert_msg(strstr(a.out, "No more reverse-execution history.") !=
	    NULL, "%s", a.out);
	util_result_free(&a);
	util_result_free(&b);
	free(prog);
}
END_TEST

/* insn-number-max: the oldest instructions go.  */
START_TEST(test_insn_number_max)
{
	static const char *const cmds[] = {
		"break main", "run", "set record full insn-number-max 10",
		"record", "stepi 25", "info record", "reverse-stepi 30",
		"info record", NULL,
	};
	struct util_result r;
	char *prog = util_sample("calc-O0");

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(r.out, "Lowest recorded instruction number is "
	    "16.\nHighest recorded instruction number is 25.\nLog contains "
	    "10 instructions.\nMax logged instructions is 10.\n") != NULL,
	    "%s", r.out);
	ck_assert_msg(strstr(r.out, "No more reverse-execution history.") !=
	    NULL, "%s", r.out);
	ck_assert_msg(strstr(r.out, "Current instruction number is 15.\n") !=
	    NULL, "%s", r.out);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* set record full emulate: shown, refused with a clear message when
   neither on nor off, and off single-steps everything.  */
START_TEST(test_emulate_setting)
{
	static const char *const cmds[] = {
		"show record full emulate", "set record full emulate maybe",
		"set record full emulate off", "show record full emulate",
		"break main", "run", "record", "stepi 20", "info record",
		"set record full emulate on", "stepi 20", "info record", NULL,
	};
	struct util_result r;
	char *prog = util_sample("calc-O0");
	const char *p;

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_ptr_nonnull(p = strstr(r.out, "Emulation of instructions "
	    "while recording is on.\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "\"on\" or \"off\" expected."));
	ck_assert_ptr_nonnull(p = strstr(p, "Emulation of instructions "
	    "while recording is off.\n"));
	ck_assert_msg((p = strstr(p, "Emulated 0 of the 20 instructions "
	    "recorded here")) != NULL, "%s", tail(r.out));
	ck_assert_msg(strstr(p, "of the 40 instructions recorded here") !=
	    NULL && strstr(p, "Emulated 0 of the 40") == NULL, "%s",
	    tail(r.out));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* --------------------------------------------------- known truth */

/* watch -l on a global three functions write: reverse-continue stops at
   each writer's store, last first, with the values before and after;
   forward again in the past, the same stops in order.  */
START_TEST(test_watch_reverse_names_writer)
{
	static const char *const cmds[] = {
		"break main", "run", "record", "next 5",
		"watch -l *(long *)&total", "reverse-continue", "bt 1",
		"x/i $pc", "reverse-continue", "bt 1", "reverse-continue",
		"bt 1", "reverse-continue", "continue", "continue", "continue",
		NULL,
	};
	/* x86-64, then i386 */
	static const char *const name[] = { "timetravel-O0",
	    "timetravel-m32-O0" };
	static const char *const store[] = { "mov    %rdx,(%rax)",
	    "mov    %edx,(%eax)" };
	struct util_result r;
	char *prog = util_sample(name[_i]);
	const char *p;

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", tail(r.err));
	/* triple: 21 from 7, then add_total: 7 from 2, set_total: 2 from
	   0, then the start.  */
	ck_assert_ptr_nonnull(p = strstr(r.out, "Hardware watchpoint 2: "
	    "-location *(long *)&total\n\nOld value = 21\nNew value = 7\n"));
	ck_assert_msg(strstr(p, "in triple (p=") != NULL &&
	    strstr(p, "#0  0x") != NULL, "%s", tail(r.out));
	ck_assert_msg(strstr(p, "=> 0x") != NULL && strstr(p, store[_i]) != NULL, "not at the store:\n%s", tail(r.out));
	ck_assert_ptr_nonnull(p = strstr(p, "Old value = 7\nNew value = 2\n"));
	ck_assert_ptr_nonnull(p = strstr(p, "in add_total (v=5)"));
	ck_assert_ptr_nonnull(p = strstr(p, "Old value = 2\nNew value = 0\n"));
	ck_assert_ptr_nonnull(p = strstr(p, "in set_total (v=2)"));
	ck_assert_ptr_nonnull(p = strstr(p, "No more reverse-execution "
	    "history.\nmain ("));
	/* Forward in the past: the writes again, in order.  */
	ck_assert_ptr_nonnull(p = strstr(p, "Old value = 0\nNew value = 2\n"
	    "set_total (v=2)"));
	ck_assert_ptr_nonnull(p = strstr(p, "Old value = 2\nNew value = 7\n"
	    "add_total (v=5)"));
	ck_assert_ptr_nonnull(p = strstr(p, "Old value = 7\nNew value = 21\n"
	    "triple (p="));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* A read(2) into a stack buffer: going back across it brings back the
   bytes it overwrote, forward again the file's.  The recording starts
   in read, once the dynamic loader has bound it: the loader's xsavec,
   which the recorder takes as writing 4 KB of stack, would bring the
   old bytes back even if the read's were not saved.  */
START_TEST(test_read_undone)
{
	static const char *const cmds[] = {
		"break head", "run", "break read", "continue", "record",
		"finish", "x/4xb buf", "reverse-continue", "up", "x/4xb buf",
		"down", "continue", "x/4xb buf", NULL,
	};
	struct util_result r;
	char *prog = util_sample("timetravel-O0");
	const char *p;

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", tail(r.err));
	ck_assert_ptr_nonnull(p = strstr(r.out, ":\t0x7f\t0x45\t0x4c\t0x46"
	    "\n"));
	ck_assert_msg((p = strstr(p, ":\t0x61\t0x62\t0x63\t0x64\n")) !=
	    NULL, "the read is not undone:\n%s", tail(r.out));
	ck_assert_msg(strstr(p, ":\t0x7f\t0x45\t0x4c\t0x46\n") != NULL,
	    "the read is not replayed:\n%s", tail(r.out));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* The values OUT printed ("$N = V": V), in order, at most MAX.  */
static size_t
printed(const char *out, char **v, size_t max)
{
	const char *p = out, *eq, *nl;
	size_t n = 0;

	for (; n < max && (p = strstr(p, "\n$")) != NULL; p = nl) {
		p++;
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if ((eq = strstr(p, " = ")) != NULL && eq < nl)
			v[n++] = strndup(eq + 3, (size_t)(nl - eq - 3));
	}
	return n;
}

/*
 * The C program SOURCE, built with gcc -g FLAGS, recorded from its call
 * of begin() to its call of end(); PRINTS (N of them) printed in main at
 * end, back at begin and at end again, replayed: back, each is BEFORE's
 * (known truth: what main stored before begin), which the calls between
 * changed; replayed, what the program made of it.  With the recorder's
 * own check on, which names any byte a step wrote outside its ranges.
 */
static void
undone_and_replayed(const char *flags, const char *source,
    const char *const prints[], const char *const before[], size_t n)
{
	char *dir = util_tmpdir(), src[4200], bin[4200], cmd[9000], *v[48];
	struct script sc = { 0 };
	struct util_result r;
	size_t i, k, got;
	FILE *f;

	snprintf(src, sizeof src, "%s/prog.c", dir);
	snprintf(bin, sizeof bin, "%s/prog", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -g -O0 %s -o '%s' '%s'", flags, bin,
	    src);
	ck_assert_int_eq(system(cmd), 0);
	add(&sc, "break begin");
	add(&sc, "run");
	add(&sc, "record");
	add(&sc, "break end");
	for (k = 0; k < 3; k++) {
		add(&sc, "%s", k == 0 ? "continue" : k == 1 ?
		    "reverse-continue" : "continue");
		add(&sc, "up");
		for (i = 0; i < n; i++)
			add(&sc, "print %s", prints[i]);
	}
	run_script(&r, sc.s, bin, "FRAMESCOPE_RECORD_CHECK=1", 60);
	ck_assert_msg(strstr(r.err, "cannot record") == NULL &&
	    strstr(r.err, "RECORD CHECK") == NULL, "%s", tail(r.err));
	got = printed(r.out, v, 3 * n);
	ck_assert_msg(got == 3 * n, "%zu values, not %zu:\n%s", got, 3 * n,
	    tail(r.out));
	for (i = 0; i < n; i++) {
		ck_assert_msg(strcmp(v[n + i], before[i]) == 0, "%s back at "
		    "begin is %s, not %s:\n%s", prints[i], v[n + i], before[i],
		    tail(r.out));
		ck_assert_msg(strcmp(v[i], before[i]) != 0, "%s is %s at end "
		    "too", prints[i], v[i]);
		ck_assert_msg(strcmp(v[2 * n + i], v[i]) == 0, "%s replayed "
		    "is %s, run %s", prints[i], v[2 * n + i], v[i]);
	}
	for (i = 0; i < got; i++)
		free(v[i]);
	util_result_free(&r);
	free(sc.s);
	util_rmtree(dir);
	free(dir);
}

/* i386's socket and System V IPC calls write main's stack: socketcall
   called directly (socketpair, recv, recvfrom), a direct recvmsg, and
   glibc's msgrcv, which it makes through ipc (version 0: the buffer's
   address in a block of its own).  Gone back over, the bytes before
   come back; forward again, the calls' own.  */
START_TEST(test_socketcall_ipc_i386)
{
	static const char source[] =
	    "#include <linux/net.h>\n"
	    "#include <string.h>\n"
	    "#include <sys/msg.h>\n"
	    "#include <sys/socket.h>\n"
	    "#include <sys/syscall.h>\n"
	    "#include <sys/uio.h>\n"
	    "#include <sys/un.h>\n"
	    "#include <unistd.h>\n"
	    "struct qmsg { long t; char m[8]; };\n"
	    "void begin(void) { }\n"
	    "void end(void) { }\n"
	    "int main(void)\n"
	    "{\n"
	    "\tint sv[2] = { -7, -7 }, q;\n"
	    "\tchar buf[8], buf2[8], buf3[8];\n"
	    "\tstruct sockaddr_un from;\n"
	    "\tsocklen_t fromlen = sizeof from;\n"
	    "\tstruct qmsg out = { 1, \"hi\" }, in;\n"
	    "\tstruct iovec iov = { buf3, sizeof buf3 };\n"
	    "\tstruct msghdr mh = { 0 };\n"
	    "\tunsigned long a[6];\n"
	    "\tmemset(buf, 'a', sizeof buf);\n"
	    "\tmemset(buf2, 'b', sizeof buf2);\n"
	    "\tmemset(buf3, 'c', sizeof buf3);\n"
	    "\tmemset(&in, 'e', sizeof in);\n"
	    "\tmh.msg_iov = &iov;\n"
	    "\tmh.msg_iovlen = 1;\n"
	    "\tbegin();\n"
	    "\ta[0] = AF_UNIX; a[1] = SOCK_STREAM; a[2] = 0;\n"
	    "\ta[3] = (unsigned long)sv;\n"
	    "\tif (syscall(SYS_socketcall, SYS_SOCKETPAIR, a) != 0)\n"
	    "\t\treturn 1;\n"
	    "\tif (write(sv[0], \"0123456789abcdefABCDEFGH\", 24) != 24)\n"
	    "\t\treturn 2;\n"
	    "\ta[0] = (unsigned long)sv[1]; a[1] = (unsigned long)buf;\n"
	    "\ta[2] = 8; a[3] = 0;\n"
	    "\tif (syscall(SYS_socketcall, SYS_RECV, a) != 8)\n"
	    "\t\treturn 3;\n"
	    "\ta[1] = (unsigned long)buf2; a[4] = (unsigned long)&from;\n"
	    "\ta[5] = (unsigned long)&fromlen;\n"
	    "\tif (syscall(SYS_socketcall, SYS_RECVFROM, a) != 8)\n"
	    "\t\treturn 4;\n"
	    "\tif (syscall(SYS_recvmsg, sv[1], &mh, 0) != 8)\n"
	    "\t\treturn 5;\n"
	    "\tif ((q = msgget(IPC_PRIVATE, 0600)) < 0)\n"
	    "\t\treturn 6;\n"
	    "\tif (msgsnd(q, &out, sizeof out.m, 0) != 0 ||\n"
	    "\t    msgrcv(q, &in, sizeof in.m, 0, 0) != sizeof in.m) {\n"
	    "\t\tmsgctl(q, IPC_RMID, NULL);\n"
	    "\t\treturn 7;\n"
	    "\t}\n"
	    "\tmsgctl(q, IPC_RMID, NULL);\n"
	    "\tend();\n"
	    "\treturn 0;\n"
	    "}\n";
	static const char *const prints[] = { "sv", "buf", "buf2",
	    "fromlen", "buf3", "in.t", "in.m" };
	static const char *const before[] = { "{-7, -7}", "\"aaaaaaaa\"",
	    "\"bbbbbbbb\"", "110", "\"cccccccc\"", "1701143909",
	    "\"eeeeeeee\"" };

	undone_and_replayed("-m32", source, prints, before,
	    sizeof prints / sizeof prints[0]);
}
END_TEST

/* int $0x80 in 64-bit code enters the kernel's i386 system calls: a
   read(2), number 3 there (close(2) on x86-64), into a buffer 32-bit
   pointers reach.  Gone back over, the bytes before come back.  */
START_TEST(test_int80_in_64bit_code)
{
	static const char source[] =
	    "#include <fcntl.h>\n"
	    "#include <string.h>\n"
	    "#include <sys/mman.h>\n"
	    "static long __attribute__((noinline))\n"
	    "read32(int fd, char *buf, unsigned len)\n"
	    "{\n"
	    "\tlong r;\n"
	    "\t__asm__ volatile (\"int $0x80\" : \"=a\" (r) : \"a\" (3L),\n"
	    "\t    \"b\" (fd), \"c\" (buf), \"d\" (len)\n"
	    "\t    : \"memory\", \"r8\", \"r9\", \"r10\", \"r11\");\n"
	    "\treturn r;\n"
	    "}\n"
	    "void begin(void) { }\n"
	    "void end(void) { }\n"
	    "int main(int argc, char **argv)\n"
	    "{\n"
	    "\tchar *buf = mmap(0, 4096, PROT_READ | PROT_WRITE,\n"
	    "\t    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);\n"
	    "\tint fd = open(argv[argc - 1], O_RDONLY);\n"
	    "\tif (buf == MAP_FAILED || fd < 0)\n"
	    "\t\treturn 1;\n"
	    "\tmemcpy(buf, \"abcdefgh\", 8);\n"
	    "\tbegin();\n"
	    "\tif (read32(fd, buf, 8) != 8)\n"
	    "\t\treturn 2;\n"
	    "\tend();\n"
	    "\treturn 0;\n"
	    "}\n";
	static const char *const prints[] = { "*buf@8" };
	static const char *const before[] = { "\"abcdefgh\"" };

	undone_and_replayed("", source, prints, before, 1);
}
END_TEST

/* The line of OUT that starts with "Stack smash:", copied (NULL: none).  */
static char *
smash_line(const char *out)
{
	const char *p = strstr(out, "Stack smash:"), *end;

	if (p == NULL)
		return NULL;
	end = strchr(p, '\n');
	return strndup(p, end != NULL ? (size_t)(end - p) : strlen(p));
}

/* The guard under a recording stops at the same store as without one,
   in the program's code (offbyone), in a library function (overflow's
   strcpy) and in a system call (readbuf's read); going back from there
   enters the writer: the library function, under the program's frame.  */
START_TEST(test_guard)
{
	static const char *const plain[] = {
		"break main", "run", "guard", "continue", NULL,
	};
	static const char *const rec[] = {
		"break main", "run", "guard", "record", "continue",
		"reverse-stepi", "bt 2", NULL,
	};
	static const char *const progs[][2] = {
		{ "offbyone-O0", "fill" }, { "overflow-O0", "vuln" },
		{ "readbuf-O0", "get" },
	};
	struct util_result r;
	char *prog, *want, *got, frame1[64];
	size_t i;

	for (i = 0; i < sizeof progs / sizeof progs[0]; i++) {
		prog = util_sample(progs[i][0]);
		util_framescope(&r, NULL, plain, prog, NULL);
		want = smash_line(r.out);
		ck_assert_msg(want != NULL, "%s: no smash:\n%s", progs[i][0],
		    tail(r.out));
		util_result_free(&r);
		util_framescope(&r, NULL, rec, prog, NULL);
		got = smash_line(r.out);
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		    "%s: recorded, not the guard's stop \"%s\":\n%s",
		    progs[i][0], want, tail(r.out));
		if (i > 0) {
			const char *f0 = strstr(r.out, "\n#0  "), *f1;

			snprintf(frame1, sizeof frame1, " in %s (", progs[i][1]);
			f1 = f0 != NULL ? strstr(f0, "\n#1  ") : NULL;
			ck_assert_msg(f1 != NULL && strstr(f1, frame1) != NULL &&
			    strstr(f0, frame1) > f1, "%s: going back does "
			    "not enter the writer:\n%s", progs[i][0],
			    tail(r.out));
		}
		free(want);
		free(got);
		util_result_free(&r);
		free(prog);
	}
}
END_TEST

/* info slot names the last writer of a word from the recording (a
   library function's store, which single steps never saw): at that
   instruction the word changes, going back over it restores it.  */
START_TEST(test_slot_writer)
{
	static const char *const find[] = {
		"break main", "run", "record", "continue", "info slot $sp",
		NULL,
	};
	struct util_result r;
	char *prog = util_sample("overflow-O0"), *cmds[12], x[64];
	const char *p, *q;
	unsigned long long addr;
	unsigned long step;
	size_t i, k = 0;

	util_framescope(&r, NULL, find, prog, NULL);
	ck_assert_msg((p = strstr(r.out, "\nSlot 0x")) != NULL &&
	    sscanf(p, "\nSlot 0x%llx", &addr) == 1 &&
	    (q = strstr(p, "\nLast written by ")) != NULL &&
	    (q = strstr(q, ", in frame #0, at step ")) != NULL &&
	    sscanf(q, ", in frame #0, at step %lu", &step) == 1 && step > 1,
	    "no writer from the recording:\n%s", tail(r.out));
	util_result_free(&r);
	cmds[k++] = strdup("break main");
	cmds[k++] = strdup("run");
	cmds[k++] = strdup("record");
	cmds[k++] = strdup("continue");
	ck_assert_int_ne(asprintf(&cmds[k++], "record goto %lu", step - 1),
	    -1);
	ck_assert_int_ne(asprintf(&cmds[k++], "x/gx 0x%llx", addr), -1);
	ck_assert_int_ne(asprintf(&cmds[k++], "record goto %lu", step), -1);
	ck_assert_int_ne(asprintf(&cmds[k++], "x/gx 0x%llx", addr), -1);
	cmds[k] = NULL;
	util_framescope(&r, NULL, (const char *const *)cmds, prog, NULL);
	snprintf(x, sizeof x, "0x%llx:", addr);
	ck_assert_msg((p = strstr(r.out, x)) != NULL &&
	    (q = strstr(p + 1, x)) != NULL &&
	    strstr(p, "0x4343434343434343") == q + strlen(x) + 1 &&
	    strncmp(p + strlen(x) + 1, "0x4343434343434343", 18) != 0,
	    "instruction %lu did not write 0x%llx:\n%s", step, addr,
	    tail(r.out));
	util_result_free(&r);
	/* Asking at the end of the log leaves the state to the process: a
	   step on and back returns to where it was.  */
	for (i = 0; i < k; i++)
		free(cmds[i]);
	k = 0;
	cmds[k++] = strdup("break main");
	cmds[k++] = strdup("run");
	cmds[k++] = strdup("record");
	cmds[k++] = strdup("stepi");
	cmds[k++] = strdup("p $pc");
	cmds[k++] = strdup("info slot $sp");
	cmds[k++] = strdup("stepi");
	cmds[k++] = strdup("reverse-stepi");
	cmds[k++] = strdup("p $pc");
	cmds[k] = NULL;
	util_framescope(&r, NULL, (const char *const *)cmds, prog, NULL);
	ck_assert_msg((p = strstr(r.out, "(void (*)()) 0x")) != NULL &&
	    (q = strstr(p + 1, "(void (*)()) 0x")) != NULL &&
	    strncmp(p, q, 30) == 0, "not back where it was:\n%s",
	    tail(r.out));
	for (i = 0; i < k; i++)
		free(cmds[i]);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* A system call that cannot be recorded stops the recording before it,
   with the reason; the program goes on after record stop.  */
START_TEST(test_unrecordable_syscall)
{
	static const char *const cmds[] = {
		"break main", "run", "record", "continue", "continue",
		"reverse-stepi", "record stop", "continue", NULL,
	};
	static const char *const args[] = { "1", "memfd", NULL };
	/* x86-64, then i386: its own numbers, through __kernel_vsyscall */
	static const char *const name[] = { "timetravel-O0",
	    "timetravel-m32-O0" };
	static const char *const what[] = { "0x13f", "0x164" };
	struct util_result r;
	char *prog = util_sample(name[_i]), msg[128];

	util_framescope(&r, NULL, cmds, prog, args);
	snprintf(msg, sizeof msg, "record: cannot record syscall %s "
	    "(memfd_create): recording stopped at instruction ", what[_i]);
	ck_assert_msg(strstr(r.err, msg) != NULL, "%s", tail(r.err));
	ck_assert_msg(strstr(r.out, "\nProgram stopped.\n0x") != NULL &&
	    strstr(r.out, _i == 0 ? "memfd_create" :
	    "in __kernel_vsyscall ()") != NULL, "%s", tail(r.out));
	/* Stopped again at the same place, then gone back, then on.  */
	ck_assert_msg(strstr(r.out, "22\n[Inferior 1 (process ") != NULL &&
	    strstr(r.out, "exited normally]") != NULL, "%s", tail(r.out));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* The program's exit stops the recording before it, as gdb's does; the
   log can be gone through, and the next resume lets it exit.  */
START_TEST(test_exit_stops)
{
	static const char *const cmds[] = {
		"break main", "run", "record", "continue", "reverse-stepi",
		"continue", "continue", NULL,
	};
	struct util_result r;
	char *prog = util_sample("timetravel-O0");
	const char *p;

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_ptr_nonnull(p = strstr(r.out, "The next instruction is "
	    "syscall exit_group.  It will make the program exit.\nProcess "
	    "record: inferior program stopped.\n\nProgram stopped.\n"));
	ck_assert_ptr_nonnull(p = strstr(p, "No more reverse-execution "
	    "history."));
	ck_assert_msg(strstr(p, "exited normally]") != NULL, "%s",
	    tail(r.out));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* A fork recorded: the parent goes on recorded and the child its own way
   (once, not again when the log is replayed over the fork).  Following
   the child, or stopping at a catchpoint of the fork, the recording
   cannot stay with one thread: it stops before the fork.  */
START_TEST(test_fork)
{
	struct util_result r;
	char *prog = util_sample("fork-O0");
	const char *p;

	run_script(&r, "break main\nrun\nrecord\nbreak work\ncontinue\n"
	    "reverse-continue\ncontinue\ncontinue\ncontinue\n", prog,
	    "FRAMESCOPE_RECORD_CHECK=1", 120);
	ck_assert_msg(strstr(r.err, "RECORD CHECK") == NULL, "%s",
	    tail(r.err));
	ck_assert_ptr_nonnull(p = strstr(r.out, "[Detaching after fork from "
	    "child process "));
	ck_assert_msg(strstr(p + 1, "[Detaching after fork") == NULL, "%s",
	    tail(r.out));
	ck_assert_ptr_nonnull(p = strstr(p, "Breakpoint 2, work (x=1)"));
	ck_assert_ptr_nonnull(p = strstr(p, "\nNo more reverse-execution "
	    "history.\nmain () at fork.c:"));
	ck_assert_ptr_nonnull(p = strstr(p, "\nNo more reverse-execution "
	    "history.\nwork (x=1) at fork.c:"));
	ck_assert_msg(strstr(p, "exited normally]") != NULL, "%s",
	    tail(r.out));
	ck_assert_msg(strstr(r.err, "parent: child exited 0") != NULL, "%s",
	    tail(r.err));
	util_result_free(&r);

	run_script(&r, "set follow-fork-mode child\nbreak main\nrun\n"
	    "record\nbreak work\ncontinue\nrecord stop\ncontinue\n"
	    "continue\n", prog, NULL, 120);
	ck_assert_msg(strstr(r.err, "record: cannot record syscall 0x38 "
	    "(clone): recording stopped at instruction ") != NULL, "%s",
	    tail(r.err));
	ck_assert_msg(strstr(r.out, "hit Breakpoint 2, work (x=21)") != NULL &&
	    strstr(r.out, "exited normally]") != NULL, "%s", tail(r.out));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* Attached: record, go back and forth, detach in the past; the process
   goes on from where it was and finishes as it would have.  */
START_TEST(test_attach_record)
{
	char *prog = util_sample("timetravel-O0"), *buf = NULL, pidarg[32];
	struct util_argv a = { 0 };
	struct util_result r;
	size_t len = 0, i;
	int fd, status;
	long v, next;
	pid_t pid;
	char *q;

	util_argv_push(&a, prog);
	util_argv_push(&a, "30");
	pid = util_spawn(a.v, &fd, NULL);
	util_argv_free(&a);
	ck_assert_msg(util_read_until(fd, &buf, &len, "22\n", 10),
	    "timetravel did not start: %s", buf ? buf : "");
	snprintf(pidarg, sizeof pidarg, "%d", (int)pid);
	util_argv_push(&a, "env");
	util_argv_push(&a, "FRAMESCOPE_RECORD_CHECK=1");
	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	{
		static const char *const cmds[] = {
			"record", "stepi 300", "info record",
			"reverse-stepi 250", "bt", "stepi 100",
			"reverse-continue", "info record", "detach", NULL,
		};

		for (i = 0; cmds[i] != NULL; i++) {
			util_argv_push(&a, "-ex");
			util_argv_push(&a, cmds[i]);
		}
	}
	util_argv_push(&a, "-p");
	util_argv_push(&a, pidarg);
	util_run(a.v, 30, &r);
	util_argv_free(&a);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", tail(r.err));
	ck_assert_msg(strstr(r.err, "RECORD CHECK") == NULL, "%s",
	    tail(r.err));
	ck_assert_msg(strstr(r.out, "Log contains 300 instructions.") != NULL
	    && strstr(r.out, "Current instruction number is 0.") != NULL &&
	    strstr(r.out, "No more reverse-execution history.") != NULL &&
	    strstr(r.out, "detached]") != NULL, "%s", tail(r.out));
	/* It finishes by itself, every total told once, in order.  */
	util_read_until(fd, &buf, &len, "\n51\n", 20);
	ck_assert(util_wait(pid, 10, &status));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %d", status);
	for (q = buf, next = 21; *q != '\0'; next++) {
		v = strtol(q, &q, 10);
		ck_assert_msg(v == next, "told %ld for %ld:\n%s", v, next, buf);
		q += *q == '\n';
	}
	ck_assert_int_eq(next, 52);
	close(fd);
	free(buf);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* ------------------------------------------------------ recording files */

static void
copy_file(const char *from, const char *to)
{
	char *cmd;

	ck_assert_int_ne(asprintf(&cmd, "cp '%s' '%s'", from, to), -1);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* A recording is found again without the program where it was: beside
   the recording, by its build-id; without it, the error names it.  */
START_TEST(test_recfile_files)
{
	static const char *const rec[] = {
		"break callee", "run", "record", "finish", NULL,
	};
	static const char *const replay[] = {
		"bt", "reverse-stepi", "bt", "info record", NULL,
	};
	char *dir = util_tmpdir(), *a, *b, *prog, *recf, *save, *bad;
	struct util_argv av = { 0 };
	struct util_result r;
	const char *cmds[8];
	size_t i;
	FILE *f;

	ck_assert_int_ne(asprintf(&a, "%s/a", dir), -1);
	ck_assert_int_ne(asprintf(&b, "%s/b", dir), -1);
	ck_assert_int_eq(mkdir(a, 0755), 0);
	ck_assert_int_eq(mkdir(b, 0755), 0);
	ck_assert_int_ne(asprintf(&prog, "%s/prog", a), -1);
	ck_assert_int_ne(asprintf(&recf, "%s/rec", b), -1);
	copy_file(util_sample("callee8-O0"), prog);
	ck_assert_int_ne(asprintf(&save, "record save %s", recf), -1);
	for (i = 0; rec[i] != NULL; i++)
		cmds[i] = rec[i];
	cmds[i++] = save;
	cmds[i] = NULL;
	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(r.out, "Saved recording ") != NULL, "%s",
	    tail(r.err));
	util_result_free(&r);
	/* The program gone: an error that names it.  */
	ck_assert_int_eq(unlink(prog), 0);
	run_replay(&r, "bt\n", recf, 20);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 2,
	    "%s", tail(r.err));
	ck_assert_msg(strstr(r.err, prog) != NULL && strstr(r.err, "(build-id ")
	    != NULL && strstr(r.err, "is needed") != NULL, "%s", r.err);
	util_result_free(&r);
	/* Beside the recording: found by its build-id.  */
	ck_assert_int_ne(asprintf(&bad, "%s/prog", b), -1);
	copy_file(util_sample("callee8-O0"), bad);
	util_argv_push(&av, framescope_path());
	util_argv_push(&av, "--batch");
	for (i = 0; replay[i] != NULL; i++) {
		util_argv_push(&av, "-ex");
		util_argv_push(&av, replay[i]);
	}
	util_argv_push(&av, "--replay");
	util_argv_push(&av, recf);
	util_run(av.v, 20, &r);
	util_argv_free(&av);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", tail(r.err));
	ck_assert_msg(strstr(r.out, "Restored records from ") != NULL &&
	    strstr(r.out, "#0  0x") != NULL && strstr(r.out, " in main () at "
	    "callee8.c:10\n") != NULL && strstr(r.out, "#0  0x") != NULL &&
	    strstr(r.out, " in callee (arg1=1, arg2=2, arg3=3, arg4=4, arg5=5, "
	    "arg6=6, arg7=7, arg8=8) at callee8.c:5\n") != NULL &&
	    strstr(r.out, "Log contains 5 instructions.") != NULL, "%s",
	    tail(r.out));
	util_result_free(&r);
	/* Another build under the name: not taken.  */
	copy_file(util_sample("callee8-O2"), bad);
	run_replay(&r, "bt\n", recf, 20);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 2,
	    "%s", tail(r.err));
	util_result_free(&r);
	/* Not a recording; a version from elsewhere.  */
	run_replay(&r, "bt\n", bad, 20);
	ck_assert_msg(strstr(r.err, "not a framescope recording") != NULL,
	    "%s", r.err);
	util_result_free(&r);
	ck_assert_ptr_nonnull(f = fopen(recf, "r+"));
	fseek(f, 8, SEEK_SET);
	fputc(99, f);
	fclose(f);
	run_replay(&r, "bt\n", recf, 20);
	ck_assert_msg(strstr(r.err, "a recording of format version 99; this "
	    "framescope reads version 1") != NULL, "%s", r.err);
	util_result_free(&r);
	util_rmtree(dir);
	free(dir);
	free(a);
	free(b);
	free(prog);
	free(recf);
	free(save);
	free(bad);
}
END_TEST

/* LINE with the stop numbers it names cut out ("stop":N, "at stop N"),
   and the process ids: two runs of the same steps number their stops
   differently.  */
static void
unstop(char *line)
{
	static const char *const marks[] = { "\"stop\":", "at stop ",
		"before stop ", "\"pid\":", "\"tid\":" };
	char *p, *q;
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		for (p = line; (p = strstr(p, marks[i])) != NULL;) {
			p += strlen(marks[i]);
			for (q = p; *q >= '0' && *q <= '9'; q++)
				;
			memmove(p, q, strlen(q) + 1);
		}
}

/* Whether LINE is the text jansson writes of what it reads from it: the
   text a snapshot built whole with jansson would be.  */
static bool
canonical(const char *line)
{
	json_error_t je;
	json_t *o = json_loads(line, 0, &je);
	char *t;
	bool same;

	if (o == NULL)
		return false;
	t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	same = t != NULL && strcmp(t, line) == 0;
	free(t);
	json_decref(o);
	return same;
}

/* LINE without what a slot's note says of the stale words' past (" (stale:
   ...)" in its text, its "note"): a live stop knows the frames before the
   recording started, an export's first steps do not.  */
static void
unstale(char *line)
{
	const char *paren = " (stale: ", *note = ",\"note\":\"stale: ";
	char *p, *q;
	int depth;

	while ((p = strstr(line, paren)) != NULL) {
		/* Up to its closing parenthesis: "(out of scope)" nests.  */
		for (q = p + 2, depth = 1; *q != '\0' && depth > 0; q++)
			depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
		memmove(p, q, strlen(q) + 1);
	}
	while ((p = strstr(line, note)) != NULL &&
	    (q = strchr(p + strlen(note), '"')) != NULL)
		memmove(p, q + 1, strlen(q + 1) + 1);
}

/* Whether snapshots A and B have the same innermost function.  */
static bool
same_frame0(const char *a, const char *b)
{
	const char *mark = "\"frames\":[{\"index\":0,\"function\":";
	const char *p = strstr(a, mark), *q = strstr(b, mark);
	size_t n;

	if (p == NULL || q == NULL)
		return p == q;
	p += strlen(mark);
	q += strlen(mark);
	n = strcspn(p, ",");
	return n == strcspn(q, ",") && strncmp(p, q, n) == 0;
}

/* Lines of files A and B; the same count and each the same but for stop
   numbers, from line SKIP on.  With SKIP, a live stop against one
   replayed: at the first instruction of an inlined call, a live step
   shows the call and a replayed position the function around it, as a
   recording does not yet keep which one a step stopped in; such lines
   (a tenth of Rust's) are passed over, and the notes of stale words are
   not compared.  */
static void
same_lines(const char *what, const char *a, const char *b, size_t skip,
    size_t want)
{
	char *ta = util_slurp(a), *tb = util_slurp(b), **la, **lb;
	size_t na = 0, nb = 0, i, other = 0;

	ck_assert_msg(ta != NULL && tb != NULL, "%s: no export", what);
	la = util_lines(ta, &na);
	lb = util_lines(tb, &nb);
	ck_assert_msg(na == want && nb == want, "%s: %zu and %zu lines, not "
	    "%zu", what, na, nb, want);
	for (i = 0; i < na; i++) {
		ck_assert_msg(canonical(la[i]), "%s: line %zu is not what "
		    "jansson writes", what, i + 1);
		if (i < skip)
			continue;
		unstop(la[i]);
		unstop(lb[i]);
		if (skip > 0) {
			unstale(la[i]);
			unstale(lb[i]);
		}
		if (skip > 0 && strcmp(la[i], lb[i]) != 0 &&
		    !same_frame0(la[i], lb[i])) {
			other++;
			continue;
		}
		ck_assert_msg(strcmp(la[i], lb[i]) == 0, "%s: line %zu "
		    "differs:\n%.300s\n%.300s", what, i + 1, la[i], lb[i]);
	}
	ck_assert_msg(other * 3 <= na, "%s: %zu of %zu stops in another "
	    "function", what, other, na);
	util_lines_free(la);
	util_lines_free(lb);
	free(ta);
	free(tb);
}

/* The end of a run's test: its K commands, result, directory and
   program freed, the directory removed.  */
static void
run_free(char **cmds, size_t k, struct util_result *r, char *dir, char *prog)
{
	size_t i;

	for (i = 0; i < k; i++)
		free(cmds[i]);
	util_result_free(r);
	util_rmtree(dir);
	free(dir);
	free(prog);
}

/* The lines of --dump file DUMP that are the STEPS steps of a recording
   (from its first "record_insn":1), into DIR/NAME.  */
static void
dump_steps(const char *what, const char *dump, size_t steps,
    const char *dir, const char *name)
{
	char *t = util_slurp(dump), **l, *p, path[4096];
	size_t n = 0, i, j;
	FILE *f;

	ck_assert_msg(t != NULL, "%s: no --dump", what);
	l = util_lines(t, &n);
	for (j = 0; j < n && strstr(l[j], "\"record_insn\":1,") == NULL; j++)
		;
	ck_assert_msg(j + steps <= n, "%s: --dump has not the steps", what);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (i = j; i < j + steps; i++) {
		ck_assert_msg((p = strstr(l[i], "\"record_insn\":")) != NULL &&
		    strtoul(p + 14, NULL, 10) == i - j + 1, "%s: --dump line "
		    "%zu is not step %zu", what, i + 1, i - j + 1);
		fprintf(f, "%s\n", l[i]);
	}
	fclose(f);
	util_lines_free(l);
	free(t);
}

/* record export spliced from the texts of the steps before is, line for
   line, what it is made whole (set snapshot incremental off), and --dump
   of the same steps live, spliced too, is what the export wrote:
   C at -O0 and -O2 (a VLA, whose type is the frame's own), i386, Rust.
   Every line is the text jansson writes of it.  */
static const char *const inc_samples[] = {
	"callee8-O0", "types-O2", "values-O0", "callee8-m32-O0",
	"rust-values-O0", "rust-heap_demo-O2",
};

START_TEST(test_export_incremental)
{
	const char *name = inc_samples[_i];
	char *dir = util_tmpdir(), *cmds[16], *prog = util_sample(name);
	char inc[4096], full[4096], live[4096], what[256];
	struct util_result r;
	size_t k = 0, steps = 300;

	snprintf(inc, sizeof inc, "%s/inc", dir);
	snprintf(full, sizeof full, "%s/full", dir);
	snprintf(live, sizeof live, "%s/live", dir);
	cmds[k++] = strdup("break main");
	cmds[k++] = strdup("run");
	cmds[k++] = strdup("record");
	ck_assert_int_ne(asprintf(&cmds[k++], "stepi %zu", steps), -1);
	ck_assert_int_ne(asprintf(&cmds[k++], "record export --jsonl %s 1",
	    inc), -1);
	cmds[k++] = strdup("set snapshot incremental off");
	cmds[k++] = strdup("show snapshot incremental");
	ck_assert_int_ne(asprintf(&cmds[k++], "record export --jsonl %s 1",
	    full), -1);
	cmds[k] = NULL;
	/* And every line --dump wrote, against its stop made whole.  */
	setenv("FRAMESCOPE_DUMP_CHECK", "1", 1);
	util_framescope(&r, live, (const char *const *)cmds, prog, NULL);
	unsetenv("FRAMESCOPE_DUMP_CHECK");
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s: %s", name, tail(r.err));
	ck_assert_msg(strstr(r.out, "Incremental snapshots are off.") != NULL,
	    "%s: %s", name, tail(r.out));
	ck_assert_msg(strstr(r.err, " differed\n") != NULL &&
	    strstr(r.err, ", 0 differed\n") != NULL, "%s: %s", name,
	    tail(r.err));
	snprintf(what, sizeof what, "%s: incremental against whole", name);
	same_lines(what, inc, full, 0, steps);
	dump_steps(name, live, steps, dir, "steps1");
	snprintf(full, sizeof full, "%s/steps1", dir);
	/* What --dump wrote live is what the export writes (and so what
	   it writes whole), but for the first step's "changed", which is
	   against the stop before it, that the export has not.  */
	snprintf(what, sizeof what, "%s: live --dump against export", name);
	same_lines(what, full, inc, 1, steps);
	run_free(cmds, k, &r, dir, prog);
}
END_TEST

/* Live --dump, spliced from the stop before (its texts, and the
   variables of the frames whose inputs did not change), against the
   same stop's snapshot made whole, at every stop (FRAMESCOPE_DUMP_CHECK):
   through calls and returns at -O0 and -O2, i386, Rust, the C library
   (lazy binding, read(2) writing into a caller's frame, the signal that
   follows), signal handlers on both stacks, and a smashed frame under the
   guard (its words overwritten, and by what).  */
static const struct {
	const char	*sample, *brk, *then;
	unsigned	 steps, times;	/* TIMES stepi STEPS: a signal or a
					   breakpoint ends one */
} whole_runs[] = {
	{ "callee8-O0", "main", NULL, 400, 2 },
	{ "types-O2", "main", NULL, 400, 2 },
	{ "callee8-m32-O0", "main", NULL, 400, 2 },
	{ "rust-values-O0", "main", NULL, 400, 2 },
	{ "readbuf-O0", "get", NULL, 1500, 2 },
	{ "sighandler-O0", "raise", NULL, 300, 3 },
	{ "overflow-O0", "vuln", "guard on", 500, 2 },
};

START_TEST(test_dump_whole)
{
	const char *name = whole_runs[_i].sample;
	char *dir = util_tmpdir(), *cmds[8], *prog = util_sample(name);
	char dump[4096], *t, **l, want[128];
	struct util_result r;
	size_t i, k, n = 0;

	snprintf(dump, sizeof dump, "%s/dump", dir);
	ck_assert_int_ne(asprintf(&cmds[0], "break %s", whole_runs[_i].brk),
	    -1);
	cmds[1] = strdup("run");
	k = 2;
	if (whole_runs[_i].then != NULL)
		cmds[k++] = strdup(whole_runs[_i].then);
	for (i = 0; i < whole_runs[_i].times; i++)
		ck_assert_int_ne(asprintf(&cmds[k++], "stepi %u",
		    whole_runs[_i].steps), -1);
	cmds[k] = NULL;
	setenv("FRAMESCOPE_DUMP_CHECK", "1", 1);
	util_framescope(&r, dump, (const char *const *)cmds, prog, NULL);
	unsetenv("FRAMESCOPE_DUMP_CHECK");
	ck_assert_msg(WIFEXITED(r.status), "%s: %s", name, tail(r.err));
	ck_assert_msg(strstr(r.err, "differs from the whole") == NULL,
	    "%s: %s", name, tail(r.err));
	t = util_slurp(dump);
	ck_assert_msg(t != NULL, "%s: no --dump", name);
	l = util_lines(t, &n);
	ck_assert_msg(n > 100, "%s: %zu stops dumped", name, n);
	snprintf(want, sizeof want, "dump check: %zu snapshots compared, 0 "
	    "differed", n);
	ck_assert_msg(strstr(r.err, want) != NULL, "%s: not \"%s\": %s",
	    name, want, tail(r.err));
	for (i = 0; i < k; i++)
		free(cmds[i]);
	util_lines_free(l);
	free(t);
	util_result_free(&r);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* --dump makes the text of a stop while the next single step runs, from
   what it read at the stop.  Every line is its stop made whole at the stop
   (FRAMESCOPE_DUMP_CHECK), with the overlap and without it
   (FRAMESCOPE_DUMP_OVERLAP=0), and the two files have the same stops, the
   same instructions and the same last line: through calls and returns at
   -O0 and -O2, i386, Rust, a breakpoint hit in the middle of a stepi, a
   signal and its handler, and the program's exit within the steps.  (The
   rest of a line is not compared between the two runs: the canary and
   glibc's pointer guard differ from one process to the next.)  */
static const struct {
	const char	*sample, *brk, *cmds[4], *out;
} overlap_runs[] = {
	{ "callee8-O0", "main", { "break callee", "stepi 400", "stepi 50",
	    NULL }, "Breakpoint 2, callee" },
	{ "types-O2", "main", { "stepi 300", NULL }, NULL },
	{ "callee8-m32-O0", "main", { "stepi 300", NULL }, NULL },
	{ "rust-values-O0", "main", { "stepi 300", NULL }, NULL },
	{ "sighandler-O0", "raise", { "stepi 300", "stepi 300", "stepi 300",
	    NULL }, "Program received signal" },
	{ "exitcode-O0", "main", { "stepi 100000", NULL },
	    "exited with code 03" },
};

/* The line of a --dump without its pid and tid, up to its registers
   (or whole when it has none).  */
static void
dump_head(char *l)
{
	char *p, *q;

	if ((p = strstr(l, ",\"pid\":")) != NULL &&
	    (q = strstr(p, ",\"tid\":")) != NULL) {
		q += 7;
		while (*q >= '0' && *q <= '9')
			q++;
		memmove(p, q, strlen(q) + 1);
	}
	if ((p = strstr(l, ",\"regs\":")) != NULL)
		*p = '\0';
}

START_TEST(test_dump_overlap)
{
	const char *name = overlap_runs[_i].sample, *how[] = { "1", "0" };
	char *dir = util_tmpdir(), *cmds[8], *prog = util_sample(name);
	char dump[2][4096], want[128], *t[2], **l[2];
	struct util_result r;
	size_t i, j, k, n[2];

	for (j = 0; j < 2; j++) {
		snprintf(dump[j], sizeof dump[j], "%s/dump%zu", dir, j);
		ck_assert_int_ne(asprintf(&cmds[0], "break %s",
		    overlap_runs[_i].brk), -1);
		cmds[1] = strdup("run");
		for (k = 2; overlap_runs[_i].cmds[k - 2] != NULL; k++)
			cmds[k] = strdup(overlap_runs[_i].cmds[k - 2]);
		cmds[k] = NULL;
		/* Set in both runs, the same length: the same environment,
		   and so the same stack, for the program.  */
		setenv("FRAMESCOPE_DUMP_OVERLAP", how[j], 1);
		setenv("FRAMESCOPE_DUMP_CHECK", "1", 1);
		util_framescope(&r, dump[j], (const char *const *)cmds, prog,
		    NULL);
		unsetenv("FRAMESCOPE_DUMP_CHECK");
		unsetenv("FRAMESCOPE_DUMP_OVERLAP");
		ck_assert_msg(WIFEXITED(r.status), "%s: %s", name,
		    tail(r.err));
		ck_assert_msg(overlap_runs[_i].out == NULL ||
		    strstr(r.out, overlap_runs[_i].out) != NULL, "%s: no "
		    "\"%s\": %s", name, overlap_runs[_i].out, tail(r.out));
		t[j] = util_slurp(dump[j]);
		ck_assert_msg(t[j] != NULL, "%s: no --dump", name);
		l[j] = util_lines(t[j], &n[j]);
		ck_assert_msg(n[j] > 60, "%s: %zu stops dumped", name, n[j]);
		snprintf(want, sizeof want, "dump check: %zu snapshots "
		    "compared, 0 differed", n[j]);
		ck_assert_msg(strstr(r.err, want) != NULL, "%s, overlap %s: "
		    "not \"%s\": %s", name, how[j], want, tail(r.err));
		for (i = 0; i < k; i++)
			free(cmds[i]);
		util_result_free(&r);
	}
	ck_assert_msg(n[0] == n[1], "%s: %zu stops with the overlap, %zu "
	    "without", name, n[0], n[1]);
	for (i = 0; i < n[0]; i++) {
		dump_head(l[0][i]);
		dump_head(l[1][i]);
		ck_assert_msg(strcmp(l[0][i], l[1][i]) == 0, "%s: line %zu "
		    "differs:\n%.300s\n%.300s", name, i + 1, l[0][i],
		    l[1][i]);
	}
	for (j = 0; j < 2; j++) {
		util_lines_free(l[j]);
		free(t[j]);
	}
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* A caller's frame that changes while its callee runs, where nothing
   else says so: a variable in a register the callee changes without
   saving it, as no compiler would, and a word of padding the callee
   writes through a pointer.  At those stops the caller's frame has the
   same pc and cfa, and --dump must neither take its variables nor its
   slot map from the stop before (FRAMESCOPE_DUMP_CHECK compares them
   with those made whole): main's n goes from 7 to 41 and a word of its
   frame changes.  */
static const char clobber_src[] =
    "__attribute__((noinline)) static void clobber(char *p)\n"
    "{\n"
    "\t__asm__ volatile(\"nop\\n\\tmovq $41, %%rbx\\n\\tnop\" ::: );\n"
    "\tp[20] = 'x';\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "\tregister long n __asm__(\"rbx\") = 7;\n"
    "\tchar buf[16] = \"abcdefghijklmno\";\n"
    "\n"
    "\t__asm__ volatile(\"\" : \"+r\"(n));\n"
    "\tclobber(buf);\n"
    "\t__asm__ volatile(\"\" : \"+r\"(n));\n"
    "\treturn n == 41 && buf[3] == 'd' ? 0 : 1;\n"
    "}\n";

START_TEST(test_dump_caller_changes)
{
	char *dir = util_tmpdir(), src[4096], bin[4096], dump[4096];
	const char *cmds[] = { "break clobber", "run", "stepi 6", NULL };
	static const char *const cc[] = { "gcc", "-O0", "-g", "-o" };
	struct util_argv a = { 0 };
	struct util_result r;
	json_t **d, *fr, *vars, *v;
	const char *n, *was = NULL, *pc = NULL, *cfa = NULL;
	size_t nd, i, j, seen = 0, changed = 0;
	FILE *f;

	snprintf(src, sizeof src, "%s/clobber.c", dir);
	snprintf(bin, sizeof bin, "%s/clobber", dir);
	snprintf(dump, sizeof dump, "%s/dump", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	ck_assert_int_eq(fputs(clobber_src, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
	for (i = 0; i < sizeof cc / sizeof cc[0]; i++)
		util_argv_push(&a, cc[i]);
	util_argv_push(&a, bin);
	util_argv_push(&a, src);
	util_run(a.v, 60, &r);
	util_argv_free(&a);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "gcc: %s", tail(r.err));
	util_result_free(&r);
	setenv("FRAMESCOPE_DUMP_CHECK", "1", 1);
	util_framescope(&r, dump, cmds, bin, NULL);
	unsetenv("FRAMESCOPE_DUMP_CHECK");
	ck_assert_msg(WIFEXITED(r.status), "%s", tail(r.err));
	ck_assert_msg(strstr(r.err, "dump check: 8 snapshots compared, 0 "
	    "differed") != NULL, "%s", tail(r.err));
	/* main's n at each step in clobber: 7, then 41 once the register
	   changed, its frame the same.  */
	d = util_load_dump(dump, &nd);
	ck_assert_ptr_nonnull(d);
	for (i = 0; i < nd; i++) {
		fr = json_array_get(json_object_get(d[i], "frames"), 1);
		if (fr == NULL || strcmp(json_string_value(json_object_get(fr,
		    "function")) ?: "", "main") != 0)
			continue;
		vars = json_object_get(fr, "vars");
		v = json_array_get(vars, 0);
		ck_assert_str_eq(json_string_value(json_object_get(v, "name")),
		    "n");
		n = json_string_value(json_object_get(v, "value"));
		ck_assert_ptr_nonnull(n);
		if (was == NULL)
			ck_assert_str_eq(n, "7");
		else if (strcmp(was, "41") == 0)
			ck_assert_str_eq(n, "41");
		if (pc == NULL) {
			pc = json_string_value(json_object_get(fr, "pc"));
			cfa = json_string_value(json_object_get(fr, "cfa"));
			ck_assert_ptr_nonnull(pc);
			ck_assert_ptr_nonnull(cfa);
		}
		ck_assert_str_eq(json_string_value(json_object_get(fr, "pc")),
		    pc);
		ck_assert_str_eq(json_string_value(json_object_get(fr, "cfa")),
		    cfa);
		was = n;
		seen++;
		for (j = 0; j < json_array_size(json_object_get(fr, "slots"));
		    j++)
			if (json_is_true(json_object_get(json_array_get(
			    json_object_get(fr, "slots"), j), "changed")))
				changed++;
	}
	ck_assert_uint_eq(seen, 7);
	/* The padding word p[20] wrote, once.  */
	ck_assert_uint_eq(changed, 1);
	ck_assert_str_eq(was, "41");
	util_dump_free(d, nd);
	util_result_free(&r);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* An assignment to a caller's local at a stop whose slot maps were
   drawn already: the next snapshot of the same stop labels its word
   with the value written, not the one the map was first made with.  */
START_TEST(test_assign_then_snapshot)
{
	char *dir = util_tmpdir(), *cmds[8], *prog = util_sample("callee8-O0");
	char *t;
	struct util_result r;
	size_t k = 0;

	cmds[k++] = strdup("break callee");
	cmds[k++] = strdup("run");
	cmds[k++] = strdup("frames");
	cmds[k++] = strdup("up");
	cmds[k++] = strdup("print a = 42");
	ck_assert_int_ne(asprintf(&cmds[k++], "snapshot %s/s.json", dir), -1);
	cmds[k] = NULL;
	util_framescope(&r, NULL, (const char *const *)cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", tail(r.err));
	ck_assert_msg(strstr(r.out, "$1 = 42") != NULL, "%s", tail(r.out));
	ck_assert_int_ne(asprintf(&t, "%s/s.json", dir), -1);
	free(cmds[0]);
	cmds[0] = util_slurp(t);
	free(t);
	ck_assert_ptr_nonnull(cmds[0]);
	ck_assert_msg(strstr(cmds[0], "\"labels\":[\"a = 42\"]") != NULL &&
	    strstr(cmds[0], "\"labels\":[\"a = 7\"]") == NULL,
	    "a's word not relabelled: %.600s", strstr(cmds[0], "\"a = ") ?
	    strstr(cmds[0], "\"a = ") : cmds[0]);
	run_free(cmds, k, &r, dir, prog);
}
END_TEST

/* record export --jsonl: a snapshot a line for each instruction, each
   the one `snapshot' writes at that instruction (but its stop number),
   and the position it was at kept.  */
START_TEST(test_export)
{
	char *dir = util_tmpdir(), *cmds[32], *prog = util_sample("callee8-O0");
	char path[4096];
	struct util_result r;
	json_t **ex, **one;
	size_t nex, none, i, k = 0;
	json_t *a, *b;

	cmds[k++] = strdup("break callee");
	cmds[k++] = strdup("run");
	cmds[k++] = strdup("record");
	cmds[k++] = strdup("finish");
	cmds[k++] = strdup("reverse-stepi");
	ck_assert_int_ne(asprintf(&cmds[k++], "record export --jsonl %s/all",
	    dir), -1);
	cmds[k++] = strdup("info record");
	for (i = 0; i <= 5; i++) {
		ck_assert_int_ne(asprintf(&cmds[k++], "record goto %zu", i),
		    -1);
		ck_assert_int_ne(asprintf(&cmds[k++], "snapshot %s/at%zu", dir,
		    i), -1);
	}
	ck_assert_int_ne(asprintf(&cmds[k++], "record export --jsonl %s/part "
	    "2 3", dir), -1);
	cmds[k] = NULL;
	util_framescope(&r, NULL, (const char *const *)cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", tail(r.err));
	ck_assert_msg(strstr(r.out, "Exported 6 snapshots to ") != NULL &&
	    strstr(r.out, "Current instruction number is 4.") != NULL &&
	    strstr(r.out, "Exported 2 snapshots to ") != NULL, "%s",
	    tail(r.out));
	snprintf(path, sizeof path, "%s/all", dir);
	ex = util_load_dump(path, &nex);
	ck_assert_uint_eq(nex, 6);
	for (i = 0; i <= 5; i++) {
		snprintf(path, sizeof path, "%s/at%zu", dir, i);
		one = util_load_dump(path, &none);
		ck_assert_uint_eq(none, 1);
		a = json_deep_copy(ex[i]);
		b = json_deep_copy(one[0]);
		ck_assert_int_eq(json_integer_value(json_object_get(a,
		    "record_insn")), (json_int_t)i);
		json_object_del(a, "stop");
		json_object_del(b, "stop");
		ck_assert_msg(json_equal(a, b), "instruction %zu: the export "
		    "is not the snapshot", i);
		json_decref(a);
		json_decref(b);
		util_dump_free(one, none);
	}
	util_dump_free(ex, nex);
	snprintf(path, sizeof path, "%s/part", dir);
	ex = util_load_dump(path, &nex);
	ck_assert_uint_eq(nex, 2);
	ck_assert_int_eq(json_integer_value(json_object_get(ex[0],
	    "record_insn")), 2);
	util_dump_free(ex, nex);
	run_free(cmds, k, &r, dir, prog);
}
END_TEST

/* Only the thread recorded is: another one, selected, is not stepped
   in the recording, which says why.  */
START_TEST(test_other_thread)
{
	static const char *const cmds[] = {
		"break work", "run", "record", "stepi 3", "thread 1",
		"stepi", "info record", NULL,
	};
	struct util_result r;
	char *prog = util_sample("threads-O0");

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(strstr(r.err, "record: cannot record thread LWP ") !=
	    NULL && strstr(r.err, ", the recording being of LWP ") != NULL &&
	    strstr(r.err, "recording stopped at instruction 3") != NULL,
	    "%s", tail(r.err));
	ck_assert_msg(strstr(r.out, "Log contains 3 instructions.") != NULL,
	    "%s", tail(r.out));
	util_result_free(&r);
	free(prog);
}
END_TEST

/* ------------------------------------------------------- system calls */

static ssize_t
fake_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	const uint8_t *mem = arg;

	if (addr < 0x1000 || addr + len > 0x1000 + 256)
		return -1;
	memcpy(buf, mem + (addr - 0x1000), len);
	return (ssize_t)len;
}

START_TEST(test_syscall_writes)
{
	static const uint64_t refused[] = { 102, 117, 356, 190, 11 };
	size_t i;
	struct user_regs_struct regs;
	struct fs_syscall_range out[8];
	uint8_t mem[256];
	uint64_t alt[2], iov[4];
	size_t n;
	bool altset;

	memset(mem, 0, sizeof mem);
	ck_assert_str_eq(fs_syscall_name(0), "read");
	ck_assert_str_eq(fs_syscall_name(0x13f), "memfd_create");
	ck_assert_str_eq(fs_syscall_name(231), "exit_group");
	ck_assert_ptr_null(fs_syscall_name(400));
	memset(&regs, 0, sizeof regs);
	/* read(0, 0x5000, 100) */
	regs.rax = 0;
	regs.rdi = 0;
	regs.rsi = 0x5000;
	regs.rdx = 100;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].addr, 0x5000);
	ck_assert_uint_eq(out[0].len, 100);
	/* newfstatat(AT_FDCWD, path, 0x6000, 0): struct stat */
	regs.rax = 262;
	regs.rdx = 0x6000;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].len, 144);
	/* readv(0, iov at 0x1000, 2): each buffer */
	iov[0] = 0x7000;
	iov[1] = 10;
	iov[2] = 0x8000;
	iov[3] = 20;
	memcpy(mem, iov, sizeof iov);
	regs.rax = 19;
	regs.rsi = 0x1000;
	regs.rdx = 2;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(out[1].addr, 0x8000);
	ck_assert_uint_eq(out[1].len, 20);
	/* clock_gettime(CLOCK_MONOTONIC, 0x9000) */
	regs.rax = 228;
	regs.rsi = 0x9000;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(out[0].addr, 0x9000);
	ck_assert_uint_eq(out[0].len, 16);
	/* write: nothing */
	regs.rax = 1;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 0);
	/* ioctl(1, TCGETS, 0xa000): a termios; an unknown old request: no */
	regs.rax = 16;
	regs.rsi = 0x5401;
	regs.rdx = 0xa000;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	regs.rsi = 0x5499;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_UNKNOWN);
	/* memfd_create, vfork, execve: cannot be recorded; exit_group ends */
	regs.rax = 0x13f;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_UNKNOWN);
	regs.rax = 58;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_UNKNOWN);
	regs.rax = 59;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_UNKNOWN);
	regs.rax = 231;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_EXIT);
	/* fork, and clone as glibc's fork makes it (the child's tid at
	   0xc000 in its own memory): a new process; clone of a thread, its
	   tid told at 0xc000: the write */
	regs.rax = 57;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_FORK);
	regs.rax = 56;
	regs.rdi = 0x1200011;
	regs.rdx = 0;
	regs.r10 = 0xc000;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_FORK);
	ck_assert_uint_eq(n, 0);
	regs.rdi = 0x3d0f00;
	regs.rdx = 0xc000;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].addr, 0xc000);
	regs.rdi = 0x4111;		/* vfork's CLONE_VM | CLONE_VFORK */
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_UNKNOWN);
	/* sigaltstack(ss at 0x1000, old at 0xb000): the new stack is
	   told */
	iov[0] = 0x20000;
	iov[1] = 0;
	iov[2] = 8192;
	memcpy(mem, iov, 3 * 8);
	regs.rax = 131;
	regs.rdi = 0x1000;
	regs.rsi = 0xb000;
	ck_assert_int_eq(fs_syscall_writes(&regs, fake_read, mem, out, 8, &n,
	    alt, &altset), FS_SYSCALL_OK);
	ck_assert(altset);
	ck_assert_uint_eq(alt[0], 0x20000);
	ck_assert_uint_eq(alt[1], 8192);
	ck_assert_uint_eq(out[0].addr, 0xb000);

	/* i386: the number in eax, the arguments in ebx, ecx, edx, esi,
	   edi; 32-bit structures */
#define W32() fs_syscall_writes_i386(&regs, fake_read, mem, out, 8, &n, \
	    alt, &altset)
	ck_assert_ptr_eq(fs_arch_i386.syscalls, &fs_syscall_i386);
	ck_assert_str_eq(fs_syscall_name_i386(3), "read");
	ck_assert_str_eq(fs_syscall_name_i386(252), "exit_group");
	ck_assert_str_eq(fs_syscall_name_i386(356), "memfd_create");
	memset(&regs, 0, sizeof regs);
	regs.rax = 3;			/* read(0, 0x5000, 100) */
	regs.rcx = 0x5000;
	regs.rdx = 100;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].addr, 0x5000);
	ck_assert_uint_eq(out[0].len, 100);
	regs.rax = 197;			/* fstat64(1, 0x6000): 96 bytes */
	regs.rcx = 0x6000;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(out[0].len, 96);
	regs.rax = 265;			/* clock_gettime: an 8-byte one */
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(out[0].len, 8);
	/* readv(0, iov at 0x1000, 2): iovecs of two 4-byte words */
	memset(mem, 0, sizeof mem);
	memcpy(mem, (uint32_t[]){ 0x7000, 10, 0x8000, 20 }, 16);
	regs.rax = 145;
	regs.rcx = 0x1000;
	regs.rdx = 2;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(out[1].addr, 0x8000);
	ck_assert_uint_eq(out[1].len, 20);
	/* clone of a thread: flags, stack, ptid (edx), tls, ctid */
	regs.rax = 120;
	regs.rbx = 0x3d0f00;
	regs.rdx = 0xc000;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].addr, 0xc000);
	/* x86-64's numbers mean other calls here: 60 is umask, not exit */
	regs.rax = 60;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	regs.rax = 252;
	ck_assert_int_eq(W32(), FS_SYSCALL_EXIT);
	/* socketcall and ipc of no call (ebx 0), memfd_create, vfork,
	   execve: refused */
	memset(&regs, 0, sizeof regs);
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		regs.rax = refused[i];
		ck_assert_int_eq(W32(), FS_SYSCALL_UNKNOWN);
	}
	/* socketcall(SYS_RECVFROM, its block at 0x1000): the buffer, then
	   the address's length (110, at 0x1020) and the address; the
	   direct recvfrom, its arguments in registers, the same  */
	memset(mem, 0, sizeof mem);
	memcpy(mem, (uint32_t[]){ 4, 0x5000, 8, 0, 0x6000, 0x1020 }, 24);
	memcpy(mem + 0x20, (uint32_t[]){ 110 }, 4);
	for (i = 0; i < 2; i++) {
		memset(&regs, 0, sizeof regs);
		if (i == 0) {
			regs.rax = 102;
			regs.rbx = 12;
			regs.rcx = 0x1000;
		} else {
			regs.rax = 371;
			regs.rbx = 4;
			regs.rcx = 0x5000;
			regs.rdx = 8;
			regs.rdi = 0x6000;
			regs.rbp = 0x1020;
		}
		ck_assert_int_eq(W32(), FS_SYSCALL_OK);
		ck_assert_uint_eq(n, 3);
		ck_assert_uint_eq(out[0].addr, 0x5000);
		ck_assert_uint_eq(out[0].len, 8);
		ck_assert_uint_eq(out[1].addr, 0x1020);
		ck_assert_uint_eq(out[1].len, 4);
		ck_assert_uint_eq(out[2].addr, 0x6000);
		ck_assert_uint_eq(out[2].len, 110);
	}
	/* socketcall(SYS_RECVMSG): i386's msghdr, 28 bytes, its iovec of
	   two 4-byte words at 0x1040 */
	memcpy(mem, (uint32_t[]){ 4, 0x1020, 0 }, 12);
	memcpy(mem + 0x20, (uint32_t[]){ 0, 0, 0x1040, 1, 0, 0, 0 }, 28);
	memcpy(mem + 0x40, (uint32_t[]){ 0x7000, 16 }, 8);
	memset(&regs, 0, sizeof regs);
	regs.rax = 102;
	regs.rbx = 17;
	regs.rcx = 0x1000;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(out[0].addr, 0x1020);
	ck_assert_uint_eq(out[0].len, 28);
	ck_assert_uint_eq(out[1].addr, 0x7000);
	ck_assert_uint_eq(out[1].len, 16);
	regs.rbx = 21;			/* no such socket call */
	ck_assert_int_eq(W32(), FS_SYSCALL_UNKNOWN);
	/* ipc(MSGRCV, q, 8, 0, PTR): mtype and 8 bytes at the msgp of the
	   block at PTR (version 0, glibc's), or at PTR (version 1) */
	regs.rax = 117;
	regs.rbx = 12;
	regs.rcx = 1;
	regs.rdx = 8;
	regs.rdi = 0x1040;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].addr, 0x7000);
	ck_assert_uint_eq(out[0].len, 12);
	regs.rbx = 0x1000c;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(out[0].addr, 0x1040);
	/* ipc(SEMCTL, id, 0, IPC_64 | IPC_STAT, the semun at PTR): a
	   semid64_ds; GETALL, as many as the set has: refused */
	regs.rbx = 3;
	regs.rsi = 0x102;
	ck_assert_int_eq(W32(), FS_SYSCALL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0].addr, 0x7000);
	ck_assert_uint_eq(out[0].len, 64);
	regs.rsi = 13;
	ck_assert_int_eq(W32(), FS_SYSCALL_UNKNOWN);
	regs.rbx = 99;			/* no such ipc call */
	ck_assert_int_eq(W32(), FS_SYSCALL_UNKNOWN);
#undef W32
}
END_TEST

/* A test case running framescope: quiet, a directory of its own.  */
/* ------------------------------------------------------- the emulator */

/*
 * The lockstep check: with FRAMESCOPE_RECORD_EMU_CHECK every instruction
 * the emulator would run is also single-stepped from the same state, and
 * the CPU's registers, arithmetic flags and store compared with the
 * emulator's.  Recorded from main to the end, through the C library and
 * the dynamic loader: not one difference, in any register (so that the
 * log's entry is the one the single step makes, byte for byte), and at
 * least a quarter of the instructions compared (memops' string
 * instructions and floats' SSE are the CPU's).
 */
static void
emu_lockstep(const char *name, const char *brk)
{
	struct util_result r;
	struct script sc = { 0 };
	char *prog = util_sample(name);
	const char *p;
	uint64_t n, log;

	add(&sc, "handle SIGSEGV nopass");
	add(&sc, "handle SIGABRT nopass");
	add(&sc, "break %s", brk);
	add(&sc, "run");
	add(&sc, "record");
	add(&sc, "continue");
	add(&sc, "info record");
	run_script(&r, sc.s, prog, "FRAMESCOPE_RECORD_EMU_CHECK=1", 300);
	ck_assert_msg(!r.timed_out && WIFEXITED(r.status),
	    "%s: framescope %s\n%s", name, util_status_text(&r), tail(r.err));
	ck_assert_msg(strstr(r.err, "RECORD EMU CHECK: 0x") == NULL,
	    "%s: the emulator is not the CPU:\n%.1500s", name,
	    strstr(r.err, "RECORD EMU CHECK: 0x"));
	p = strstr(r.err, "RECORD EMU CHECK: ");
	n = p != NULL ? strtoull(p + strlen("RECORD EMU CHECK: "), NULL, 10) :
	    0;
	log = info_number(r.out, "Log contains ");
	ck_assert_msg(log > 0 && (log < 100 || n * 4 >= log), "%s: %" PRIu64
	    " of %" PRIu64 " instructions compared", name, n, log);
	util_result_free(&r);
	free(sc.s);
	free(prog);
}

START_TEST(test_emu_lockstep_c)
{
	static const char *const c[] = {
		"callee8", "calc", "factorial", "counter", "values", "types",
		"tailcall", "callkinds", "timetravel", "floats", "canary",
		"loop", "sighandler", "segv", "dlopen", "memops", "overflow",
		"corrupt", "offbyone",
	};

	each_sample(c, sizeof c / sizeof c[0], _i, false, emu_lockstep);
}
END_TEST

START_TEST(test_emu_lockstep_rust)
{
	static const char *const r[] = {
		"add", "traits", "heap_demo", "values", "inline",
	};

	each_sample(r, sizeof r / sizeof r[0], _i, true, emu_lockstep);
}
END_TEST

/* The script of emu_same: record over WORK, then N reverse-stepi with
   the probes, and the watchpoint's stops forward.  */
static void
emu_run(struct util_result *r, const char *prog, const char *brk,
    const char *work, unsigned n, bool on)
{
	struct script sc = { 0 };
	char tag[32];
	unsigned i;

	add(&sc, "set record full emulate %s", on ? "on" : "off");
	add(&sc, "break %s", brk);
	add(&sc, "run");
	add(&sc, "record");
	add(&sc, "%s", work);
	add(&sc, "echo \\n@@info\\n");
	add(&sc, "info record");
	add(&sc, "echo @@end\\n");
	for (i = 1; i <= n; i++) {
		add(&sc, "reverse-stepi");
		snprintf(tag, sizeof tag, "B%u", i);
		add_probes(&sc, tag);
	}
	run_script(r, sc.s, prog, NULL, 300);
	free(sc.s);
}

/* Line K of S (0: the first), its length in *LEN; NULL past the end.  */
static const char *
line_at(const char *s, size_t k, size_t *len)
{
	for (; k > 0 && s != NULL; k--)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	if (s == NULL || *s == '\0')
		return NULL;
	*len = strcspn(s, "\n");
	return s;
}

/* Whether the lines of A and B are the same, but where the same lines
   of C and B differ too.  */
static bool
same_but_noise(const char *a, const char *b, const char *c, char *why,
    size_t wlen)
{
	const char *la, *lb, *lc;
	size_t na, nb, nc, k;

	for (k = 0;; k++) {
		la = line_at(a, k, &na);
		lb = line_at(b, k, &nb);
		lc = line_at(c, k, &nc);
		if (la == NULL || lb == NULL)
			return la == lb;
		if (na == nb && memcmp(la, lb, na) == 0)
			continue;
		if (lc != NULL && (nc != nb || memcmp(lc, lb, nb) != 0))
			continue;
		snprintf(why, wlen, "emulated: %.*s\nstepped:  %.*s",
		    (int)na, la, (int)nb, lb);
		return false;
	}
}

/*
 * Recording with and without the emulator keeps the same log: the same
 * number of instructions, and the same state at each of the last N
 * positions (registers, stack, bt, locals).  Two separate runs of a
 * program differ in their random bytes (AT_RANDOM, the canary, pointer
 * guards, and so the log's size by a few bytes): a word that also
 * differs between two recordings without the emulator is the process's
 * noise, not the emulator's.  That each entry is the single step's,
 * byte for byte, the lockstep check above proves.
 */
static void
emu_same(const char *name, const char *brk, const char *work, unsigned n)
{
	struct util_result on, off, off2;
	char *prog = util_sample(name), *a, *b, *c, tag[32], why[600];
	unsigned i;

	emu_run(&on, prog, brk, work, n, true);
	emu_run(&off, prog, brk, work, n, false);
	emu_run(&off2, prog, brk, work, n, false);
	ck_assert_msg(WIFEXITED(on.status) && WIFEXITED(off.status),
	    "%s: %s / %s", name, tail(on.err), tail(off.err));
	ck_assert_ptr_nonnull(a = block(on.out, "info"));
	ck_assert_ptr_nonnull(b = block(off.out, "info"));
	ck_assert_ptr_nonnull(c = block(off2.out, "info"));
	ck_assert_msg(info_number(a, "Log contains ") > n / 2,
	    "%s: too short a recording:\n%s", name, a);
	ck_assert_msg(strstr(a, "Emulated 0 ") == NULL && strstr(b,
	    "Emulated 0 ") != NULL, "%s: emulated on / off:\n%s\n%s",
	    name, a, b);
	ck_assert_uint_eq(info_number(a, "Log contains "),
	    info_number(b, "Log contains "));
	free(a);
	free(b);
	free(c);
	for (i = 1; i <= n; i++) {
		snprintf(tag, sizeof tag, "B%u", i);
		a = block(on.out, tag);
		b = block(off.out, tag);
		c = block(off2.out, tag);
		if (a == NULL && b == NULL)
			break;
		ck_assert_msg(a != NULL && b != NULL, "%s: no probes at %u",
		    name, i);
		ck_assert_msg(same_but_noise(a, b, c, why, sizeof why),
		    "%s: %u back, the state recorded emulating differs:\n%s",
		    name, i, why);
		free(a);
		free(b);
		free(c);
	}
	util_result_free(&on);
	util_result_free(&off);
	util_result_free(&off2);
	free(prog);
}

START_TEST(test_emu_same_log)
{
	emu_same("timetravel-O0", "main", "next 6", 300);
	emu_same("callee8-O2", "main", "next 3", 200);
	emu_same("factorial-O0", "main", "next 3", 200);
	if (access(sample_path("rust-add-O0"), X_OK) == 0)
		emu_same("rust-add-O0", "add::main", "next 3", 200);
}
END_TEST

/* A watchpoint while recording stops at the same stores, with the same
   values, whether they are emulated or stepped.  */
START_TEST(test_emu_watch)
{
	static const char *const on[] = {
		"break main", "run", "record", "watch total", "continue",
		"x/i $pc", "continue", "x/i $pc", "continue", "x/i $pc",
		"info record", NULL,
	};
	const char *off[sizeof on / sizeof on[0] + 1];
	struct util_result a, b;
	char *prog = util_sample("timetravel-O0"), *p, *q;
	size_t i;

	off[0] = "set record full emulate off";
	for (i = 0; on[i] != NULL; i++)
		off[i + 1] = on[i];
	off[i + 1] = NULL;
	util_framescope(&a, NULL, on, prog, NULL);
	util_framescope(&b, NULL, off, prog, NULL);
	ck_assert_ptr_nonnull(p = strstr(a.out, "Old value = 0\nNew value = 2"));
	ck_assert_ptr_nonnull(strstr(p, "Old value = 2\nNew value = 7"));
	ck_assert_ptr_nonnull(strstr(p, "Old value = 7\nNew value = 21"));
	ck_assert_ptr_nonnull(q = strstr(b.out, "Old value = 0\nNew value = 2"));
	ck_assert_msg(strstr(p, "Emulated ") != NULL &&
	    strstr(p, "Emulated 0 ") == NULL, "%s", tail(a.out));
	/* Up to info record's own lines, the same.  */
	*strstr(p, "Active record target") = '\0';
	*strstr(q, "Active record target") = '\0';
	ck_assert_str_eq(p, q);
	util_result_free(&a);
	util_result_free(&b);
	free(prog);
}
END_TEST

static TCase *
run_case(Suite *s, const char *name, int timeout)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, timeout);
	suite_add_tcase(s, tc);
	return tc;
}

Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc;

	tc = tcase_create("syscall");
	tcase_add_test(tc, test_syscall_writes);
	suite_add_tcase(s, tc);

	tc = run_case(s, "commands", 120);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_exec_direction);
	tcase_add_test(tc, test_insn_number_max);
	tcase_add_test(tc, test_emulate_setting);

	tc = run_case(s, "truth", 120);
	tcase_add_loop_test(tc, test_watch_reverse_names_writer, 0, 2);
	tcase_add_test(tc, test_read_undone);
	tcase_add_test(tc, test_guard);
	tcase_add_test(tc, test_slot_writer);
	tcase_add_loop_test(tc, test_unrecordable_syscall, 0, 2);
	tcase_add_test(tc, test_exit_stops);
	tcase_add_test(tc, test_fork);
	tcase_add_test(tc, test_attach_record);
	tcase_add_test(tc, test_recfile_files);
	tcase_add_test(tc, test_export);
	tcase_add_loop_test(tc, test_export_incremental, 0,
	    (int)(sizeof inc_samples / sizeof inc_samples[0]));
	tcase_add_loop_test(tc, test_dump_whole, 0,
	    (int)(sizeof whole_runs / sizeof whole_runs[0]));
	tcase_add_test(tc, test_dump_caller_changes);
	tcase_add_test(tc, test_assign_then_snapshot);
	tcase_add_test(tc, test_other_thread);

	tc = run_case(s, "overlap", 120);
	tcase_add_loop_test(tc, test_dump_overlap, 0,
	    (int)(sizeof overlap_runs / sizeof overlap_runs[0]));

	tc = run_case(s, "syscalls", 120);
	tcase_add_test(tc, test_socketcall_ipc_i386);
	tcase_add_test(tc, test_int80_in_64bit_code);

	tc = run_case(s, "gdb", 300);
	tcase_add_loop_test(tc, test_reverse_stepping_as_gdb, 0, 1);
	tcase_add_test(tc, test_info_record_as_gdb);

	tc = run_case(s, "gdb32", 300);
	tcase_add_loop_test(tc, test_reverse_stepping_as_gdb, 1, 2);

	tc = run_case(s, "emulator", 900);
	tcase_add_test(tc, test_emu_same_log);
	tcase_add_test(tc, test_emu_watch);
	tcase_add_loop_test(tc, test_emu_lockstep_c, 0, 2);
	tcase_add_loop_test(tc, test_emu_lockstep_rust, 0, 2);

	tc = run_case(s, "selfcheck", 900);
	tcase_add_loop_test(tc, test_self_consistent_c, 0, 2);
	tcase_add_loop_test(tc, test_self_consistent_rust, 0, 2);

	tc = run_case(s, "selfcheck32", 900);
	tcase_add_loop_test(tc, test_self_consistent_c, 2, 4);
	return s;
}
