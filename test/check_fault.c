/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fault tests: what must never harm the traced process nor hang
   framescope.  Forks and vforks in both follow modes (the child not
   followed must live, the breakpoint hit where gdb hits it), execs
   (breakpoints in the new image), catchpoints, a corrupt stack and
   corrupt unwind tables (every unwind ends, in bounded memory), a target
   killed under stepi (gdb's message, whatever call meets the death),
   breakpoints that cannot be inserted, attach refusals that name their
   real cause, SIGTERM in a long operation, and a TUI whose terminal goes
   away without a SIGHUP.  Where gdb can run the same script, the lines
   are compared with gdb's. */
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"

/* ------------------------------------------------------------ helpers */

/* framescope ARGS (a NULL-terminated va_list) into A.  */
static void
fs_argv(struct util_argv *a, va_list ap)
{
	const char *s;

	util_argv_push(a, framescope_path());
	while ((s = va_arg(ap, const char *)) != NULL)
		util_argv_push(a, s);
}

/* Run framescope ARGS... (NULL-terminated), TIMEOUT seconds at most.  */
static void
fs_run(struct util_result *r, double timeout, ...)
{
	struct util_argv a = { 0 };
	va_list ap;

	va_start(ap, timeout);
	fs_argv(&a, ap);
	va_end(ap);
	util_run(a.v, timeout, r);
	util_argv_free(&a);
}

/* Start framescope ARGS... (NULL-terminated) in the background, its
   standard output on *OFD, its standard error on *EFD (NULL: none).  */
static pid_t
fs_spawn(int *ofd, int *efd, ...)
{
	struct util_argv a = { 0 };
	va_list ap;
	pid_t pid;

	va_start(ap, efd);
	fs_argv(&a, ap);
	va_end(ap);
	pid = util_spawn(a.v, ofd, efd);
	util_argv_free(&a);
	return pid;
}

/* framescope --batch and gdb --batch, each with -ex CMDS[i], on PROG
   ARGS (both NULL-terminated).  gdb runs with libthread_db, as a user
   runs it: it then names threads by their pthread_t, as framescope does.  */
static void
both_run(struct util_result *f, struct util_result *g, const char *prog,
    const char *const args[], const char *const cmds[])
{
	struct util_argv fa = { 0 }, ga = { 0 };
	size_t i;

	util_argv_push(&fa, framescope_path());
	util_argv_push(&fa, "--batch");
	util_argv_push(&ga, "gdb");
	util_argv_push(&ga, "-nx");
	util_argv_push(&ga, "-q");
	util_argv_push(&ga, "--batch");
	util_argv_push(&ga, "-ex");
	util_argv_push(&ga, "set startup-with-shell off");
	util_argv_push(&ga, "-ex");
	util_argv_push(&ga, "set debuginfod enabled off");
	for (i = 0; cmds[i] != NULL; i++) {
		util_argv_push(&fa, "-ex");
		util_argv_push(&fa, cmds[i]);
		util_argv_push(&ga, "-ex");
		util_argv_push(&ga, cmds[i]);
	}
	util_argv_push(&fa, "--");
	util_argv_push(&fa, prog);
	util_argv_push(&ga, "--args");
	util_argv_push(&ga, prog);
	for (i = 0; args != NULL && args[i] != NULL; i++) {
		util_argv_push(&fa, args[i]);
		util_argv_push(&ga, args[i]);
	}
	util_run(fa.v, 30, f);
	ck_assert_msg(!f->timed_out && WIFEXITED(f->status),
	    "framescope %s:\n%s%s", util_status_text(f), f->out, f->err);
	if (util_have_gdb()) {
		util_run(ga.v, 30, g);
		ck_assert_msg(!g->timed_out, "gdb timed out");
	} else
		memset(g, 0, sizeof *g);
	util_argv_free(&fa);
	util_argv_free(&ga);
}

/* L with every number after "process " and "LWP " made "PID".  */
static char *
pids_out(const char *l)
{
	static const char *const keys[] = { "process ", "LWP " };
	char *s, *p, *q;
	size_t i;

	ck_assert_ptr_nonnull(s = malloc(strlen(l) * 2 + 16));
	strcpy(s, l);
	for (i = 0; i < 2; i++)
		for (p = s; (p = strstr(p, keys[i])) != NULL; ) {
			p += strlen(keys[i]);
			for (q = p; *q >= '0' && *q <= '9'; q++)
				;
			if (q == p)
				continue;
			memmove(p + 3, q, strlen(q) + 1);
			memcpy(p, "PID", 3);
		}
	return s;
}

/* The debugger's lines of OUT, pids made "PID": what gdb and framescope
   both say about stops, processes and breakpoints (not the program's
   own output, not gdb's libthread_db chatter).  */
static char **
debugger_lines(const char *out, size_t *n)
{
	static const char *const skip[] = { "[Thread debugging",
	    "Using host libthread_db", "parent: " };
	char **lines, **v;
	size_t total, i, k, j;

	lines = util_lines(out != NULL ? out : "", &total);
	ck_assert_ptr_nonnull(v = calloc(total + 1, sizeof *v));
	for (i = k = 0; i < total; i++) {
		for (j = 0; j < sizeof skip / sizeof skip[0]; j++)
			if (strncmp(lines[i], skip[j], strlen(skip[j])) == 0)
				break;
		if (j == sizeof skip / sizeof skip[0] && lines[i][0] != '\0')
			v[k++] = pids_out(lines[i]);
	}
	util_lines_free(lines);
	*n = k;
	return v;
}

/* The debugger's lines of F and G (framescope's and gdb's standard
   output) are the same.  */
static void
same_lines(const char *what, const struct util_result *f,
    const struct util_result *g)
{
	char **fl, **gl;
	size_t fn, gn, i;

	if (g->out == NULL)
		return;		/* no gdb here */
	fl = debugger_lines(f->out, &fn);
	gl = debugger_lines(g->out, &gn);
	for (i = 0; i < fn && i < gn; i++)
		ck_assert_msg(strcmp(fl[i], gl[i]) == 0, "%s: line %zu differs "
		    "from gdb's:\n  gdb:        %s\n  framescope: %s\n--- gdb:\n"
		    "%s--- framescope:\n%s", what, i + 1, gl[i], fl[i], g->out,
		    f->out);
	ck_assert_msg(fn == gn, "%s: gdb says %zu lines, framescope %zu:\n"
	    "--- gdb:\n%s--- framescope:\n%s%s", what, gn, fn, g->out, f->out,
	    f->err);
	util_strv_free(fl, fn);
	util_strv_free(gl, gn);
}

/* The shell's words that bound a command's memory: 1 GB of address
   space, which a framescope that unwinds for ever soon exhausts.  Not
   under the address sanitizer (make sanitize), whose shadow memory needs
   far more address space than memory.  */
static const char *
memory_limit(void)
{
	return getenv("ASAN_OPTIONS") != NULL ? "" : "ulimit -v 1000000;";
}

static bool
has(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/* ---------------------------------------------------------------- forks */

/* NAME (fork-O0, vfork-O0) under framescope and gdb, following CHILD or
   the parent: the breakpoint on work() is hit where gdb hits it, the
   process not followed is let go and lives (the parent reports its
   child's exit, 0), and the lines are gdb's.  */
static void
fork_case(const char *name, bool child)
{
	const char *const cmds[] = { child ? "set follow-fork-mode child" :
	    "set follow-fork-mode parent", "break work", "run", "bt",
	    "continue", NULL };
	struct util_result f, g;
	char *prog = util_sample(name);

	both_run(&f, &g, prog, NULL, cmds);
	/* The parent (the one followed, or the one let go) saw its child
	   exit 0: the child never met a breakpoint byte it was not meant
	   to, and the parent's were back when it ran.  */
	ck_assert_msg(has(f.err, "parent: child exited 0"), "%s (%s): the "
	    "child did not exit 0:\n%s%s", name, child ? "child" : "parent",
	    f.out, f.err);
	ck_assert_msg(has(f.out, child ? "hit Breakpoint 1, work (x=21)" :
	    "Breakpoint 1, work (x=1)"), "%s: breakpoint not hit:\n%s", name,
	    f.out);
	ck_assert_msg(has(f.out, child ? "[Inferior 2 (process " :
	    "[Inferior 1 (process "), "%s: no exit:\n%s", name, f.out);
	ck_assert_msg(has(f.out, "exited normally]"), "%s: %s", name, f.out);
	same_lines(name, &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
}

START_TEST(test_fault_fork_parent)
{
	fork_case("fork-O0", false);
}
END_TEST

START_TEST(test_fault_fork_child)
{
	fork_case("fork-O0", true);
}
END_TEST

START_TEST(test_fault_vfork_parent)
{
	fork_case("vfork-O0", false);
}
END_TEST

START_TEST(test_fault_vfork_child)
{
	fork_case("vfork-O0", true);
}
END_TEST

/* `next' over fork() and vfork(): the step's own breakpoint at the
   return address is in the child too, and must be gone from it.  */
START_TEST(test_fault_next_over_fork)
{
	static const char *const names[] = { "fork-O0", "vfork-O0" };
	struct util_result f;
	char line[32], *prog;
	size_t i;
	unsigned l;

	for (i = 0; i < 2; i++) {
		prog = util_sample(names[i]);
		l = util_source_line(i == 0 ? "fork.c" : "vfork.c", "fork()");
		snprintf(line, sizeof line, "break %u", l);
		fs_run(&f, 30, "--batch", "-ex", line, "-ex", "run", "-ex",
		    "next", "-ex", "next", "-ex", "continue", prog, NULL);
		ck_assert_msg(has(f.err, "parent: child exited 0") &&
		    has(f.out, "exited normally]"), "%s: %s%s", names[i],
		    f.out, f.err);
		util_result_free(&f);
		free(prog);
	}
}
END_TEST

/* exec: a breakpoint in the new image is hit there, the program exec'd
   is named as gdb names it, in the same program exec'd again and in
   another one.  */
START_TEST(test_fault_exec)
{
	const char *const again[] = { NULL, NULL };
	const char *const other[] = { NULL, NULL };
	const char *const cmds1[] = { "break work", "run", "continue",
	    "continue", NULL };
	const char *const cmds2[] = { "set breakpoint pending on",
	    "break callee", "run", "bt", "continue", NULL };
	struct util_result f, g;
	char *prog = util_sample("exec-O0"), *callee = util_sample("callee8-O0");
	char want[4200];

	((const char **)again)[0] = prog;
	both_run(&f, &g, prog, again, cmds1);
	snprintf(want, sizeof want, "is executing new program: %s", prog);
	ck_assert_msg(has(f.out, want) && has(f.out,
	    "Breakpoint 1, work (x=2)") && has(f.out,
	    "Breakpoint 1, work (x=1)") && has(f.out, "exited normally]"),
	    "%s%s", f.out, f.err);
	same_lines("exec itself", &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	((const char **)other)[0] = callee;
	both_run(&f, &g, prog, other, cmds2);
	snprintf(want, sizeof want, "is executing new program: %s", callee);
	ck_assert_msg(has(f.out, want) && has(f.out, "Breakpoint 1, callee ("),
	    "%s%s", f.out, f.err);
	same_lines("exec another", &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
	free(callee);
}
END_TEST

/* Sample NAME with CMDS: the stop of the catchpoint says WANT, the child
   lives, and the lines are gdb's.  */
static void
catch_case(const char *name, const char *const cmds[], const char *want)
{
	struct util_result f, g;
	char *prog = util_sample(name);

	both_run(&f, &g, prog, NULL, cmds);
	ck_assert_msg(has(f.out, want) && has(f.err, "parent: child exited 0"),
	    "%s%s", f.out, f.err);
	same_lines(want, &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
}

/* catch fork, vfork, exec: gdb's catchpoint lines, stops and table;
   tcatch fork deleted at its stop.  */
START_TEST(test_fault_catch)
{
	const char *const fcmds[] = { "catch fork", "run", "info breakpoints",
	    "continue", NULL };
	const char *const vcmds[] = { "catch vfork", "run", "continue", NULL };
	const char *const tcmds[] = { "tcatch fork", "run", "info breakpoints",
	    "continue", NULL };
	const char *const ecmds[] = { "catch exec", "run", "info breakpoints",
	    "continue", NULL };
	const char *const eargs[] = { NULL, NULL };
	struct util_result f, g;
	char *prog;

	catch_case("fork-O0", fcmds, "Catchpoint 1 (forked process ");
	catch_case("fork-O0", tcmds, "Temporary catchpoint 1 (forked "
	    "process ");
	catch_case("vfork-O0", vcmds, "Catchpoint 1 (vforked process ");
	prog = util_sample("exec-O0");
	((const char **)eargs)[0] = prog;
	both_run(&f, &g, prog, eargs, ecmds);
	ck_assert_msg(has(f.out, "Catchpoint 1 (exec'd "), "%s%s", f.out,
	    f.err);
	/* gdb names ld.so's entry, where framescope has no symbol: the
	   stop and the table only.  */
	ck_assert_msg(has(f.out, "exec, program \""), "%s", f.out);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
}
END_TEST

/* The settings: follow-fork-mode as gdb takes it; detach-on-fork off
   refused with a reason, on accepted.  */
START_TEST(test_fault_fork_settings)
{
	struct util_result f;
	char *prog = util_sample("fork-O0");

	fs_run(&f, 20, "--batch", "-ex", "show follow-fork-mode", "-ex",
	    "set follow-fork-mode ch", "-ex", "show follow-fork-mode", "-ex",
	    "set follow-fork-mode sideways", "-ex", "set detach-on-fork on",
	    "-ex", "set detach-on-fork off", "-ex", "show detach-on-fork",
	    prog, NULL);
	ck_assert_msg(has(f.out, "Debugger response to a program call of fork "
	    "or vfork is \"parent\".") && has(f.out, "Debugger response to a "
	    "program call of fork or vfork is \"child\"."), "%s", f.out);
	ck_assert_msg(has(f.err, "Undefined item: \"sideways\"."), "%s", f.err);
	ck_assert_msg(has(f.err, "detach-on-fork off is not supported"),
	    "%s", f.err);
	ck_assert_msg(has(f.out, "detach the child of a fork is on."), "%s",
	    f.out);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* ------------------------------------------------------------- unwinding */

/* A stack whose caller is inner to its callee: gdb's line in bt, frames
   and the snapshot.  */
START_TEST(test_fault_corrupt_stack)
{
	const char *const cmds[] = { "run", "bt", NULL };
	struct util_result f, g;
	char *prog = util_sample("corrupt-O0");

	both_run(&f, &g, prog, NULL, cmds);
	ck_assert_msg(has(f.out, "Backtrace stopped: previous frame inner to "
	    "this frame (corrupt stack?)"), "%s", f.out);
	same_lines("corrupt stack", &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	fs_run(&f, 20, "--batch", "-ex", "run", "-ex", "frames -ascii", "-ex",
	    "snapshot", prog, NULL);
	ck_assert_msg(has(f.out, "Backtrace stopped: previous frame inner") &&
	    has(f.out, "\"backtrace_stopped\":\"previous frame inner to this "
	    "frame (corrupt stack?)\""), "%s", f.out);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* Two signal frames, each the other's caller: the unwind ends at once,
   with gdb's words, where it used to go round and round, its memory
   growing without end and deaf to SIGTERM.  It runs under a memory limit
   and is sent SIGTERM if it has not ended after 2 s.  */
START_TEST(test_fault_signal_frame_loop)
{
	const char *const args[] = { "sigloop", NULL };
	const char *const cmds[] = { "run", "bt", NULL };
	struct util_argv a = { 0 };
	struct util_result f, g;
	char *prog = util_sample("corrupt-O0"), *out = NULL, script[4400];
	size_t olen = 0;
	int ofd, st;
	pid_t fs;

	snprintf(script, sizeof script, "%s exec '%s' --batch -ex run -ex bt "
	    "-ex 'frames -ascii' -ex snapshot '%s' sigloop", memory_limit(),
	    framescope_path(), prog);
	util_argv_push(&a, "sh");
	util_argv_push(&a, "-c");
	util_argv_push(&a, script);
	fs = util_spawn(a.v, &ofd, NULL);
	util_argv_free(&a);
	if (!util_read_until(ofd, &out, &olen, "\"backtrace_stopped\"", 2))
		kill(fs, SIGTERM);
	ck_assert_msg(util_wait(fs, 5, &st), "still unwinding after SIGTERM");
	util_read_until(ofd, &out, &olen, "\n\n\n\n", 1);
	close(ofd);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x:\n%s",
	    st, out);
	ck_assert_msg(has(out, "\"backtrace_stopped\":\"previous frame "
	    "identical to this frame (corrupt stack?)\""), "%s", out);
	free(out);
	both_run(&f, &g, prog, args, cmds);
	ck_assert_msg(has(f.out, "#2  <signal handler called>\nBacktrace "
	    "stopped: previous frame identical to this frame (corrupt "
	    "stack?)\n"), "%s", f.out);
	same_lines("signal frame loop", &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
}
END_TEST

/* `set backtrace limit N': N frames, as gdb counts them.  */
START_TEST(test_fault_backtrace_limit)
{
	const char *const args[] = { "8", NULL };
	const char *const cmds[] = { "show backtrace limit",
	    "set backtrace limit 3", "show backtrace limit",
	    "break factorial if n == 1", "run", "bt", "frame 4",
	    "set backtrace limit unlimited", "frame 3", NULL };
	struct util_result f, g;
	char *prog = util_sample("factorial-O0");

	both_run(&f, &g, prog, args, cmds);
	ck_assert_msg(has(f.out, "levels is 3.") && has(f.out, "#2  ") &&
	    has(f.err, "No frame at level 4."), "%s%s", f.out, f.err);
	same_lines("backtrace limit", &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
}
END_TEST

/* Flip 4 bits of the length of every CIE in the .eh_frame of the ELF
   file at SRC into DST, each pattern of MASKS in turn (one file per
   pattern: DST.N).  Returns how many files.  */
static size_t
flip_cies(const char *src, const char *dir, const uint32_t *masks,
    size_t nmasks, char paths[][4200])
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	const char *names;
	char *img;
	size_t len, i, k;
	uint64_t off = 0, size = 0, p;
	uint32_t l, id;
	FILE *fp;
	struct stat sb;

	ck_assert_ptr_nonnull(img = util_slurp(src));
	ck_assert_int_eq(stat(src, &sb), 0);
	len = (size_t)sb.st_size;
	eh = (const Elf64_Ehdr *)img;
	sh = (const Elf64_Shdr *)(img + eh->e_shoff);
	names = img + sh[eh->e_shstrndx].sh_offset;
	for (i = 0; i < eh->e_shnum; i++)
		if (strcmp(names + sh[i].sh_name, ".eh_frame") == 0) {
			off = sh[i].sh_offset;
			size = sh[i].sh_size;
		}
	ck_assert_msg(size > 0, "%s has no .eh_frame", src);
	for (k = 0; k < nmasks; k++) {
		char *copy = malloc(len);

		ck_assert_ptr_nonnull(copy);
		memcpy(copy, img, len);
		for (p = off; p + 8 <= off + size; p += 4 + l) {
			memcpy(&l, img + p, 4);
			memcpy(&id, img + p + 4, 4);
			if (l == 0 || l == 0xffffffff)
				break;
			if (id == 0) {		/* a CIE */
				uint32_t v = l ^ masks[k];

				memcpy(copy + p, &v, 4);
			}
		}
		snprintf(paths[k], sizeof paths[k], "%s/flip%zu", dir, k);
		ck_assert_ptr_nonnull(fp = fopen(paths[k], "w"));
		ck_assert_uint_eq(fwrite(copy, 1, len, fp), len);
		fclose(fp);
		chmod(paths[k], 0755);
		free(copy);
	}
	free(img);
	return nmasks;
}

/* Corrupt unwind tables: the lengths of the CIEs flipped (4 bits each
   time), every command that unwinds ends, in bounded memory (1 GB of
   address space), without a crash.  */
START_TEST(test_fault_corrupt_eh_frame)
{
	static const uint32_t masks[] = { 0x0f000000, 0x000000f0, 0x00000f00,
	    0x000f0000, 0x0000000f, 0x80808080, 0x01010101, 0x000000e1 };
	static const char *const samples[] = { "callee8-O0", "threads-O0" };
	static const char *const bps[] = { "callee", "loop" };
	char (*paths)[4200], script[8192], *dir, *prog;
	struct util_result r;
	size_t s, k, n;

	ck_assert_ptr_nonnull(paths = calloc(8, sizeof *paths));
	dir = util_tmpdir();
	for (s = 0; s < 2; s++) {
		prog = util_sample(samples[s]);
		n = flip_cies(prog, dir, masks, 8, paths);
		for (k = 0; k < n; k++) {
			struct util_argv a = { 0 };

			snprintf(script, sizeof script, "%s exec "
			    "'%s' --batch -ex 'break %s' -ex run -ex bt -ex "
			    "frames -ex 'snapshot /dev/null' -ex finish -ex bt "
			    "-ex kill '%s'", memory_limit(), framescope_path(),
			    bps[s], paths[k]);
			util_argv_push(&a, "sh");
			util_argv_push(&a, "-c");
			util_argv_push(&a, script);
			util_run(a.v, 5, &r);
			util_argv_free(&a);
			ck_assert_msg(!r.timed_out, "%s, CIE lengths ^ 0x%08x: "
			    "still running after 5 s", samples[s], masks[k]);
			ck_assert_msg(WIFEXITED(r.status), "%s, CIE lengths ^ "
			    "0x%08x: %s\n%s", samples[s], masks[k],
			    util_status_text(&r), r.err);
			util_result_free(&r);
		}
		free(prog);
	}
	util_rmtree(dir);
	free(dir);
	free(paths);
}
END_TEST

/* ------------------------------------------------------------ deaths */

/* The target killed (SIGKILL) while framescope single-steps it, at any
   moment: 20 runs, gdb's message every time, never the error of the
   ptrace call that met the death.  A dump of every stop keeps
   framescope busy between steps, so most kills land while it holds the
   target stopped.  */
START_TEST(test_fault_killed_under_stepi)
{
	char *prog = util_sample("counter-O0"), *out = NULL, *err = NULL;
	size_t olen = 0, elen = 0;
	int ofd, efd, st, run;
	pid_t fs, target;

	for (run = 0; run < 20; run++) {
		fs = fs_spawn(&ofd, &efd, "--batch", "--dump", "/dev/null",
		    "-ex", "break tick", "-ex", "run", "-ex",
		    "stepi 100000000", "-ex", "stepi", prog, "1000000000", "0",
		    NULL);
		ck_assert_msg(util_read_until(ofd, &out, &olen, "Breakpoint 1,",
		    20), "no stop: %s", out);
		ck_assert_int_ne(target = util_child_of(fs, 5), 0);
		util_sleep_ms(20 + (run * 37) % 300);
		kill(target, SIGKILL);
		util_read_until(ofd, &out, &olen, "\n\n\n\n", 20);
		util_read_until(efd, &err, &elen, "\n\n\n\n", 5);
		ck_assert_msg(util_wait(fs, 20, &st), "framescope hangs");
		close(ofd);
		close(efd);
		ck_assert_msg(has(out, "\nProgram terminated with signal SIGKILL, "
		    "Killed.\nThe program no longer exists.\n"), "run %d: "
		    "not gdb's message:\n%s--- stderr:\n%s", run, out, err);
		ck_assert_msg(!has(err, "No such process") &&
		    has(err, "The program is not being run."), "run %d: "
		    "%s", run, err);
		free(out);
		free(err);
		out = err = NULL;
		olen = elen = 0;
	}
	free(prog);
}
END_TEST

/* SIGTERM while framescope single-steps for long: the stepping ends, the
   stop is told, and framescope leaves as on quit, the launched program
   killed.  And attached: the process is let go running, untouched by
   the breakpoint it had.  */
START_TEST(test_fault_sigterm)
{
	struct util_argv a = { 0 };
	char *prog = util_sample("counter-O0"), *out = NULL, pidarg[32];
	size_t olen = 0;
	int ofd, tfd, st;
	pid_t fs, target;

	fs = fs_spawn(&ofd, NULL, "--batch", "-ex", "break tick", "-ex", "run",
	    "-ex", "delete", "-ex", "stepi 1000000000", prog, "1000000000",
	    "0", NULL);
	ck_assert(util_read_until(ofd, &out, &olen, "Breakpoint 1,", 20));
	ck_assert_int_ne(target = util_child_of(fs, 5), 0);
	util_sleep_ms(200);
	kill(fs, SIGTERM);
	/* A billion steps take hours: only the signal ends this.  */
	ck_assert_msg(util_wait(fs, 10, &st), "SIGTERM not honoured");
	util_read_until(ofd, &out, &olen, "\n\n\n\n", 2);
	close(ofd);
	ck_assert_msg(has(out, "\nProgram stopped.\n"), "%s", out);
	ck_assert_msg(util_pid_gone(target), "the launched program lives on");
	free(out);
	out = NULL;
	olen = 0;

	/* Attached, in a continue: let go running, no breakpoint byte
	   left (it goes on to tick and exits 0).  */
	util_argv_push(&a, prog);
	util_argv_push(&a, "20");
	util_argv_push(&a, "100");
	target = util_spawn(a.v, &tfd, NULL);
	util_argv_free(&a);
	/* Attached once it runs the program, not before its exec.  */
	ck_assert(util_read_until(tfd, &out, &olen, "count 0", 10));
	free(out);
	out = NULL;
	olen = 0;
	snprintf(pidarg, sizeof pidarg, "%d", (int)target);
	fs = fs_spawn(&ofd, NULL, "--batch", "-ex", "break tick", "-ex",
	    "continue", "-ex", "delete", "-ex", "continue", "-p", pidarg, NULL);
	ck_assert(util_read_until(ofd, &out, &olen, "Breakpoint 1,", 20));
	util_sleep_ms(100);
	kill(fs, SIGTERM);
	ck_assert_msg(util_wait(fs, 10, &st), "SIGTERM not honoured");
	close(ofd);
	ck_assert_msg(util_wait(target, 20, &st), "the attached program "
	    "did not go on");
	close(tfd);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the attached "
	    "program ended with status 0x%x", st);
	free(out);
	free(prog);
}
END_TEST

/* ------------------------------------------------------- breakpoints */

/* A copy of callee8-O0 in DIR whose .symtab says callee is at its
   address with bit 63 set (a flipped bit: not a canonical address).  */
static char *
bad_symtab(const char *dir)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	Elf64_Sym *sym;
	char *src = util_sample("callee8-O0"), *img, *path;
	const char *str;
	struct stat sb;
	size_t i, k;
	FILE *fp;
	bool done = false;

	ck_assert_ptr_nonnull(img = util_slurp(src));
	ck_assert_int_eq(stat(src, &sb), 0);
	eh = (const Elf64_Ehdr *)img;
	sh = (const Elf64_Shdr *)(img + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		str = img + sh[sh[i].sh_link].sh_offset;
		for (k = 0; k < sh[i].sh_size / sizeof *sym; k++) {
			sym = (Elf64_Sym *)(img + sh[i].sh_offset) + k;
			if (strcmp(str + sym->st_name, "callee") == 0) {
				sym->st_value |= 1ULL << 63;
				done = true;
			}
		}
	}
	ck_assert(done);
	ck_assert_ptr_nonnull(path = malloc(strlen(dir) + 16));
	sprintf(path, "%s/badsym", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	ck_assert_uint_eq(fwrite(img, 1, (size_t)sb.st_size, fp),
	    (size_t)sb.st_size);
	fclose(fp);
	chmod(path, 0755);
	free(img);
	free(src);
	return path;
}

/* A breakpoint at an address nothing can be written at: gdb's warning
   when the program is to run, every command that would resume stops,
   until the breakpoint goes; standard error is gdb's line for line.  */
START_TEST(test_fault_uninsertable)
{
	const char *const cmds[] = { "break callee", "run",
	    "info breakpoints", "continue", "stepi", "delete", "continue",
	    NULL };
	const char *const cmds2[] = { "break main", "run", "break *0x1234",
	    "continue", "delete 2", "continue", NULL };
	struct util_result f, g;
	char *dir = util_tmpdir(), *prog = bad_symtab(dir);

	both_run(&f, &g, prog, NULL, cmds);
	ck_assert_msg(has(f.err, "Warning:\nCannot insert breakpoint 1.\n"
	    "Cannot access memory at address 0x8000") && has(f.err,
	    "\n\nCommand aborted.\n") && has(f.out, "exited normally]"),
	    "%s--- stderr:\n%s", f.out, f.err);
	if (g.out != NULL) {
		ck_assert_msg(strcmp(f.err, g.err) == 0, "standard error is "
		    "not gdb's:\n--- gdb:\n%s--- framescope:\n%s", g.err,
		    f.err);
		same_lines("uninsertable", &f, &g);
	}
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
	prog = util_sample("callee8-O0");
	both_run(&f, &g, prog, NULL, cmds2);
	ck_assert_msg(has(f.err, "Cannot insert breakpoint 2.\nCannot access "
	    "memory at address 0x1234\n\nCommand aborted.\n"), "%s", f.err);
	if (g.out != NULL)
		ck_assert_msg(strcmp(f.err, g.err) == 0, "standard error is "
		    "not gdb's:\n--- gdb:\n%s--- framescope:\n%s", g.err,
		    f.err);
	same_lines("unmapped", &f, &g);
	util_result_free(&f);
	util_result_free(&g);
	free(prog);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* ---------------------------------------------------------- terminal */

/* Run tmux -L SOCK ARGS... (NULL-terminated); its standard output.  */
static char *
tmux_run(const char *sock, ...)
{
	struct util_argv a = { 0 };
	struct util_result r;
	const char *s;
	va_list ap;
	char *out;

	util_argv_push(&a, "tmux");
	util_argv_push(&a, "-L");
	util_argv_push(&a, sock);
	util_argv_push(&a, "-f");
	util_argv_push(&a, "/dev/null");
	va_start(ap, sock);
	while ((s = va_arg(ap, const char *)) != NULL)
		util_argv_push(&a, s);
	va_end(ap);
	util_run(a.v, 10, &r);
	util_argv_free(&a);
	out = r.out;
	r.out = NULL;
	util_result_free(&r);
	return out;
}

/* The TUI's terminal goes away and no SIGHUP reaches framescope: a tmux
   session killed whose pane runs a wrapper shell, framescope started
   with SIGHUP blocked (as a shell that does not pass the hangup on
   leaves it deaf).  The end of its terminal must end it as a hangup
   does, within 2 s, the launched program killed, where it used to spin
   in its input loop for ever.  */
START_TEST(test_fault_lost_terminal)
{
	char sock[64], cmd[8192], *prog = util_sample("counter-O0"), *s;
	pid_t shell, fs, target;
	int i;

	if (system("tmux -V >/dev/null 2>&1") != 0 ||
	    system("perl -e 1 >/dev/null 2>&1") != 0)
		return;
	snprintf(sock, sizeof sock, "fs-fault-%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "sh -c 'perl -MPOSIX -e \"sigprocmask("
	    "SIG_BLOCK, POSIX::SigSet->new(SIGHUP)); exec @ARGV\" env "
	    "LANG=C.UTF-8 %s %s 1000000 100; echo gone'", framescope_path(),
	    prog);
	free(tmux_run(sock, "new-session", "-d", "-x", "120", "-y", "40",
	    cmd, NULL));
	s = tmux_run(sock, "list-panes", "-F", "#{pane_pid}", NULL);
	shell = (pid_t)atol(s);
	free(s);
	ck_assert_int_gt(shell, 0);
	ck_assert_int_ne(fs = util_child_of(shell, 10), 0);
	/* Up, with its program launched and stopped at main.  */
	ck_assert_int_ne(target = util_child_of(fs, 10), 0);
	for (i = 0; i < 200; i++) {
		s = tmux_run(sock, "capture-pane", "-p", NULL);
		if (has(s, "main"))
			i = 1000;
		free(s);
		util_sleep_ms(50);
	}
	free(tmux_run(sock, "kill-session", NULL));
	for (i = 0; i < 40 && !util_pid_gone(fs); i++)
		util_sleep_ms(50);
	free(tmux_run(sock, "kill-server", NULL));
	if (!util_pid_gone(fs)) {
		kill(fs, SIGKILL);
		kill(target, SIGKILL);
		ck_abort_msg("framescope still runs 2 s after its terminal "
		    "went");
	}
	for (i = 0; i < 20 && !util_pid_gone(target); i++)
		util_sleep_ms(50);
	if (!util_pid_gone(target)) {
		kill(target, SIGKILL);
		ck_abort_msg("the launched program outlived framescope");
	}
	free(prog);
}
END_TEST

/* The TUI's backtrace pane ends a corrupt stack with gdb's line.  */
START_TEST(test_fault_tui_backtrace_stopped)
{
	char sock[64], cmd[4400], *prog = util_sample("corrupt-O0"), *s = NULL;
	int i;

	if (system("tmux -V >/dev/null 2>&1") != 0)
		return;
	snprintf(sock, sizeof sock, "fs-fault-bt-%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "env LANG=C.UTF-8 %s -ex continue %s",
	    framescope_path(), prog);
	free(tmux_run(sock, "new-session", "-d", "-x", "160", "-y", "50",
	    cmd, NULL));
	for (i = 0; i < 200; i++) {
		free(s);
		s = tmux_run(sock, "capture-pane", "-p", NULL);
		if (has(s, "Backtrace stopped: previous frame inner"))
			break;
		util_sleep_ms(50);
	}
	free(tmux_run(sock, "send-keys", "q", NULL));
	free(tmux_run(sock, "kill-server", NULL));
	/* A screen is too long for Check's message: it goes to stderr.  */
	if (!has(s, "Backtrace stopped: previous frame inner")) {
		fprintf(stderr, "--- screen:\n%s---\n", s);
		ck_abort_msg("no Backtrace stopped line in the backtrace pane");
	}
	free(s);
	free(prog);
}
END_TEST

/* --------------------------------------------------------------- attach */

/* A pid no process has.  */
static pid_t
free_pid(void)
{
	pid_t p;

	for (p = 999999; kill(p, 0) == 0 || errno != ESRCH; p--)
		;
	return p;
}

/* Refusals name their cause: no such process (and no "Attaching to"
   line before it), already traced (by which process), another user's
   process; the Yama hint only where Yama is there.  Each as gdb says it
   where gdb says it.  */
START_TEST(test_fault_attach_messages)
{
	struct util_result f, g;
	char pidarg[32], want[160], *prog = util_sample("counter-O0");
	struct util_argv ca = { 0 };
	bool yama = access("/proc/sys/kernel/yama/ptrace_scope", F_OK) == 0;
	int ready[2], st, tfd;
	pid_t target, tracer;
	char c;

	snprintf(pidarg, sizeof pidarg, "%d", (int)free_pid());
	fs_run(&f, 20, "--batch", "-p", pidarg, NULL);
	ck_assert_msg(!has(f.out, "Attaching to process"), "%s", f.out);
	ck_assert_str_eq(f.err, "ptrace: No such process.\n");
	ck_assert(WIFEXITED(f.status) && WEXITSTATUS(f.status) == 2);
	util_result_free(&f);

	/* Already traced, by a process of ours that holds it.  */
	util_argv_push(&ca, prog);
	util_argv_push(&ca, "1000");
	util_argv_push(&ca, "100");
	target = util_spawn(ca.v, &tfd, NULL);
	util_argv_free(&ca);
	{
		char *o = NULL;
		size_t ol = 0;

		/* Once it runs the program, not before its exec.  */
		ck_assert(util_read_until(tfd, &o, &ol, "count 0", 10));
		free(o);
	}
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_ge(tracer = fork(), 0);
	if (tracer == 0) {
		if (ptrace(PTRACE_SEIZE, target, 0, 0) < 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	snprintf(pidarg, sizeof pidarg, "%d", (int)target);
	fs_run(&f, 20, "--batch", "-p", pidarg, NULL);
	snprintf(want, sizeof want, "warning: process %d is already traced by "
	    "process %d\nptrace: Operation not permitted.\n", (int)target,
	    (int)tracer);
	ck_assert_str_eq(f.err, want);
	ck_assert(!has(f.out, "Attaching to process"));
	ck_assert(yama || !has(f.err, "ptrace_scope"));
	if (util_have_gdb()) {
		struct util_argv a = { 0 };

		util_argv_push(&a, "gdb");
		util_argv_push(&a, "-nx");
		util_argv_push(&a, "-q");
		util_argv_push(&a, "--batch");
		util_argv_push(&a, "-p");
		util_argv_push(&a, pidarg);
		util_run(a.v, 20, &g);
		util_argv_free(&a);
		ck_assert_msg(has(g.err, want), "gdb says otherwise:\n%s",
		    g.err);
		util_result_free(&g);
	}
	util_result_free(&f);
	kill(tracer, SIGKILL);
	waitpid(tracer, &st, 0);

	/* Another user's process, when we can be another user and that
	   user can run framescope where it was built.  */
	if (geteuid() == 0 && access("/usr/bin/setpriv", X_OK) == 0) {
		struct util_argv a = { 0 };

		util_argv_push(&a, "setpriv");
		util_argv_push(&a, "--reuid=65534");
		util_argv_push(&a, "--regid=65534");
		util_argv_push(&a, "--clear-groups");
		util_argv_push(&a, framescope_path());
		util_argv_push(&a, "--batch");
		util_argv_push(&a, "-p");
		util_argv_push(&a, pidarg);
		util_run(a.v, 20, &f);
		util_argv_free(&a);
		if (!(WIFEXITED(f.status) && WEXITSTATUS(f.status) == 127)) {
			snprintf(want, sizeof want, "warning: process %d belongs "
			    "to another user, and tracing it needs "
			    "CAP_SYS_PTRACE\nptrace: Operation not permitted.\n",
			    (int)target);
			ck_assert_str_eq(f.err, want);
		}
		util_result_free(&f);
	}
	kill(target, SIGKILL);
	waitpid(target, &st, 0);
	close(tfd);
	free(prog);
}
END_TEST

Suite *
fault_suite(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("forks");

	tcase_set_timeout(tc, 240);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_fault_fork_parent);
	tcase_add_test(tc, test_fault_fork_child);
	tcase_add_test(tc, test_fault_vfork_parent);
	tcase_add_test(tc, test_fault_vfork_child);
	tcase_add_test(tc, test_fault_next_over_fork);
	tcase_add_test(tc, test_fault_exec);
	tcase_add_test(tc, test_fault_catch);
	tcase_add_test(tc, test_fault_fork_settings);
	suite_add_tcase(s, tc);
	tc = tcase_create("unwinding");
	tcase_set_timeout(tc, 240);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_fault_corrupt_stack);
	tcase_add_test(tc, test_fault_signal_frame_loop);
	tcase_add_test(tc, test_fault_backtrace_limit);
	tcase_add_test(tc, test_fault_corrupt_eh_frame);
	suite_add_tcase(s, tc);
	tc = tcase_create("deaths");
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, test_fault_killed_under_stepi);
	tcase_add_test(tc, test_fault_sigterm);
	tcase_add_test(tc, test_fault_lost_terminal);
	tcase_add_test(tc, test_fault_tui_backtrace_stopped);
	suite_add_tcase(s, tc);
	tc = tcase_create("breakpoints");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_fault_uninsertable);
	tcase_add_test(tc, test_fault_attach_messages);
	suite_add_tcase(s, tc);
	return s;
}
