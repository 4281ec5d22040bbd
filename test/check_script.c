/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Command lists and script flow against gdb: breakpoint commands
   (silent, continue in a list, nested if, info breakpoints, delete),
   define and document with their arguments, if/else and while with
   loop_break and loop_continue, nested, read from a sourced file, from
   -ex lines and from standard input after an -ex that opens a block
   (gdb's ">" prompts); and the commands of the debugger's own place:
   shell, cd, pwd, info inferiors; and where the program goes: jump,
   return, signal, queue-signal.  Standard output and error compared
   line for line, the errors of every bad use too.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "check_common.h"
#include "check_util.h"

/* TEXT written to a file of the test's temporary directory: its path. */
static char *
script_file(const char *name, const char *text)
{
	char *path, *dir = util_tmpdir();
	FILE *f;

	ck_assert_int_ne(asprintf(&path, "%s/%s", dir, name), -1);
	free(dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

static void streams_as_gdb(const char *, const char *const []);

/* SCRIPT sourced (and CMDS after it) on SAMPLE under gdb and
   framescope: both streams the same, but for process ids.  */
static void
sourced_as_gdb(const char *sample, const char *script,
    const char *const after[])
{
	const char *cmds[32];
	char *path = script_file("script.gdb", script), *src;
	size_t i, n = 0;

	ck_assert_int_ne(asprintf(&src, "source %s", path), -1);
	cmds[n++] = src;
	for (i = 0; after != NULL && after[i] != NULL && n + 1 < 32; i++)
		cmds[n++] = after[i];
	cmds[n] = NULL;
	streams_as_gdb(sample, cmds);
	free(src);
	free(path);
}

static const char fact_script[] =
	"set trace-commands on\n"
	"break factorial\n"
	"commands\n"
	"  silent\n"
	"  print n\n"
	"  if n == 2\n"
	"    echo two\\n\n"
	"    if n > 1\n"
	"      printf \"nested %lu\\n\", n\n"
	"    end\n"
	"  else\n"
	"    bt 1\n"
	"  end\n"
	"  continue\n"
	"end\n"
	"break 17\n"
	"commands\n"
	"print r\n"
	"end\n"
	"break 18\n"
	"commands 3\n"
	"end\n"
	"run\n"
	"info breakpoints\n"
	"delete 1\n"
	"info breakpoints\n";

/* Traced (set trace-commands on, a + more for each block level but a
   breakpoint's own), a breakpoint's commands: silent, a nested if/else, continue in the
   list running the next stop's list; info breakpoints showing the
   lists indented as gdb does, an empty list none, delete dropping it. */
START_TEST(test_commands_as_gdb)
{
	static const char *const after[] = { "continue", NULL };

	sourced_as_gdb("factorial-O0", fact_script, after);
}
END_TEST

/* OUT without gdb's lines on libthread_db (run on in the line of the
   prompts before them) and with process ids blanked.  */
static void
gdb_normal(char *out)
{
	static const char *const drop[] = {
		"[Thread debugging using libthread_db enabled]\n",
		"Using host libthread_db library \"",
	};
	char *p, *q;
	size_t i;

	for (i = 0; i < 2; i++)
		while ((p = strstr(out, drop[i])) != NULL) {
			q = strchr(p, '\n');
			memmove(p, q + 1, strlen(q + 1) + 1);
		}
	for (p = out; (p = strstr(p, "process ")) != NULL; p++)
		for (q = p + 8; *q >= '0' && *q <= '9'; q++)
			*q = 'N';
}

/* GA (gdb's command so far) and FA (framescope's), each given EX as -ex
   and PROG, run; their results in G and F, normalized.  Frees GA and
   FA.  */
static void
run_pair(struct util_argv *ga, struct util_argv *fa, const char *const ex[],
    const char *prog, struct util_result *g, struct util_result *f)
{
	size_t i;

	for (i = 0; ex[i] != NULL; i++) {
		util_argv_push(ga, "-ex");
		util_argv_push(ga, ex[i]);
		util_argv_push(fa, "-ex");
		util_argv_push(fa, ex[i]);
	}
	util_argv_push(ga, prog);
	util_argv_push(fa, prog);
	util_run(ga->v, 30, g);
	util_run(fa->v, 30, f);
	gdb_normal(g->out);
	gdb_normal(f->out);
	util_argv_free(ga);
	util_argv_free(fa);
}

static const char watch_script[] =
	"break main\n"
	"run\n"
	"watch counter\n"
	"commands\n"
	"  silent\n"
	"  printf \"counter now %d\\n\", counter\n"
	"  continue\n"
	"end\n"
	"catch fork\n"
	"commands\n"
	"  echo forked\\n\n"
	"end\n"
	"info breakpoints\n"
	"continue\n";

/* A watchpoint's and a catchpoint's commands: listed under them, the
   watchpoint's run (silent) at each of its stops.  */
START_TEST(test_watch_commands_as_gdb)
{
	sourced_as_gdb("watch-O0", watch_script, NULL);
}
END_TEST

/* The same lists given with -ex, their lines read from standard input
   with gdb's prompts (">", " >" inside an if), and the lines -ex gives
   after them.  */
static void
stdin_as_gdb(const char *sample, const char *input, const char *const ex[])
{
	struct util_argv ga = { 0 }, fa = { 0 };
	struct util_result g, f;
	char *in = script_file("stdin.txt", input), *prog = util_sample(sample);
	const char *const pre[] = { "set startup-with-shell off",
	    "unset environment LINES", "unset environment COLUMNS",
	    "set debuginfod enabled off", NULL };
	size_t i;

	ck_assert(util_have_gdb());
	util_argv_push(&ga, "sh");
	util_argv_push(&ga, "-c");
	util_argv_push(&ga, "f=$1; shift; exec \"$@\" < \"$f\"");
	util_argv_push(&ga, "sh");
	util_argv_push(&ga, in);
	for (i = 0; i < 5; i++)
		util_argv_push(&fa, ga.v[i]);
	util_argv_push(&ga, "gdb");
	util_argv_push(&ga, "-nx");
	util_argv_push(&ga, "-q");
	util_argv_push(&ga, "--batch");
	util_argv_push(&ga, "-iex");
	util_argv_push(&ga, "set auto-load libthread-db off");
	for (i = 0; pre[i] != NULL; i++) {
		util_argv_push(&ga, "-ex");
		util_argv_push(&ga, pre[i]);
	}
	util_argv_push(&fa, getenv("FRAMESCOPE"));
	util_argv_push(&fa, "--batch");
	run_pair(&ga, &fa, ex, prog, &g, &f);
	ck_assert_msg(strcmp(g.out, f.out) == 0, "output:\n--- gdb\n%s\n"
	    "--- framescope\n%s", g.out, f.out);
	ck_assert_msg(strcmp(g.err, f.err) == 0, "errors:\n--- gdb\n%s\n"
	    "--- framescope\n%s", g.err, f.err);
	util_result_free(&g);
	util_result_free(&f);
	free(in);
	free(prog);
}

START_TEST(test_commands_stdin_as_gdb)
{
	static const char *const ex[] = { "break factorial", "commands",
	    "run", "info breakpoints", NULL };
	static const char *const ex2[] = { "break main", "commands 1 3",
	    "info breakpoints", "if 1", "while 0", NULL };

	stdin_as_gdb("factorial-O0", "silent\nprint n\nif n == 3\nbt 1\n"
	    "end\ncontinue\nend\n", ex);
	/* A missing number after one that is there: told once the list
	   is read; an if typed alone prompts one deeper; end of input
	   ends the blocks open.  */
	stdin_as_gdb("factorial-O0", "print 1\nend\nwhile 0\nend\nend\n"
	    "if 0\n", ex2);
}
END_TEST

static const char define_script[] =
	"set trace-commands on\n"
	"define add2\n"
	"  print $arg0 + $arg1\n"
	"  echo argc=$argc\\n\n"
	"  if $argc == 3\n"
	"    print $arg2\n"
	"  else\n"
	"    echo two\\n\n"
	"  end\n"
	"end\n"
	"document add2\n"
	"Add two numbers.\n"
	"Second line.\n"
	"end\n"
	"define count\n"
	"  set $i = 0\n"
	"  while $i < 5\n"
	"    set $i = $i + 1\n"
	"    if $i == 2\n"
	"      loop_continue\n"
	"    end\n"
	"    if $i == 4\n"
	"      loop_break\n"
	"    end\n"
	"    print $i\n"
	"  end\n"
	"end\n"
	"define outer\n"
	"  set $k = 0\n"
	"  while $k < 3\n"
	"    set $j = 0\n"
	"    while $j < 2\n"
	"      printf \"%d %d\\n\", $k, $j\n"
	"      set $j = $j + 1\n"
	"    end\n"
	"    set $k = $k + 1\n"
	"  end\n"
	"  inner $argc (1+2) x\n"
	"end\n"
	"define inner\n"
	"  echo inner $arg0 $arg1 $arg2 $argc\\n\n"
	"end\n"
	"add2 1 2\n"
	"add2 1 2 3\n"
	"count\n"
	"outer a b c\n"
	"show user add2\n"
	"show user\n"
	"help add2\n"
	"help outer\n"
	"help user-defined\n"
	"define add2\n"
	"print 9\n"
	"end\n"
	"add2\n"
	"add2 1 2 3 4 5 6 7 8 9 10 11\n";

/* define and document, with $argc and $argN (an argument in quotes or
   parentheses whole), while with loop_break and loop_continue, nested
   loops, a command calling another, show user and help; a command
   redefined after gdb's question.  */
START_TEST(test_define_as_gdb)
{
	static const char *const after[] = { "if 2 > 1", "echo yes\\n",
	    "else", "echo no\\n", "end", "show user inner", NULL };

	sourced_as_gdb("factorial-O0", define_script, after);
}
END_TEST

/* Every bad use says what gdb says.  */
START_TEST(test_script_errors_as_gdb)
{
	static const char *const cmds[] = { "break main", "commands 5",
	    "commands 0", "commands x", "define", "if", "while", "end",
	    "else", "loop_break", "document nosuch", "document print",
	    "show user nosuch", "show user print", "help nosuch",
	    "define foo bar", "define miss", "print $arg3", "end", "miss",
	    "source /nonexistent/x.gdb", "if nosuch", "end", NULL };

	util_same_streams_as_gdb("factorial-O0", cmds);
}
END_TEST

/* A sourced file stops at its first error, which gdb's line says where
   ("FILE:2: Error in sourced command file:"); a source in a file that
   fails fails the outer one too, each file's line said, outermost
   first; an error in a while loop is told at its end; a missing file
   in a script is a warning, and the file goes on; the commands after
   the failed source run.  */
START_TEST(test_source_stops_at_error_as_gdb)
{
	static const char *const files[][2] = {
		{ "inner.gdb", "echo a\\n\nprint nosuch\necho b\\n\n" },
		{ "outer.gdb", "echo o1\\n\nsource @/inner.gdb\n"
		    "echo o2\\n\n" },
		{ "loop.gdb", "set $i = 0\nwhile $i < 3\n  echo w\\n\n"
		    "  set $i = $i + 1\n  print nosuch\nend\necho z\\n\n" },
		{ "missing.gdb", "echo x\\n\nsource @/nofile.gdb\n"
		    "echo y\\n\n" },
	};
	char *dir = util_tmpdir(), path[4][4200], cmd[4][4300], *text, *at;
	const char *cmds[10];
	size_t i, n = 0;
	FILE *f;

	for (i = 0; i < 4; i++) {
		snprintf(path[i], sizeof path[i], "%s/%s", dir, files[i][0]);
		ck_assert_ptr_nonnull(f = fopen(path[i], "w"));
		text = strdup(files[i][1]);
		if ((at = strchr(text, '@')) != NULL) {
			*at = '\0';
			fprintf(f, "%s%s%s", text, dir, at + 1);
		} else
			fputs(text, f);
		free(text);
		fclose(f);
		snprintf(cmd[i], sizeof cmd[i], "source %s/%s", dir,
		    files[i][0]);
		cmds[n++] = cmd[i];
		cmds[n++] = "echo after\\n";
	}
	cmds[n] = NULL;
	util_same_streams_as_gdb("factorial-O0", cmds);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* shell and !, with $_shell_exitcode and $_shell_exitsignal; pwd, cd
   (quiet in a script, home without a directory) and a program run in
   the new directory; info inferiors before, during and after a run, by
   number, and after a fork followed; the errors of each.  */
START_TEST(test_shell_cd_inferiors_as_gdb)
{
	static const char *const ex[] = { "info inferiors", "pwd",
	    "cd /tmp", "pwd", "cd /nonexistent", "pwd x",
	    "shell echo hi; exit 3", "p $_shell_exitcode", "!echo bang",
	    "shell", "p $_shell_exitcode", "shell kill -9 $$",
	    "p $_shell_exitsignal", "break factorial", "run",
	    "info inferiors", "info inferiors 2", "info inferiors x",
	    "info inferiors 1", "p (char *)getcwd(0, 0)", "kill",
	    "info inferiors", "cd", "pwd", NULL };

	static const char *const fork[] = { "set follow-fork-mode child",
	    "catch fork", "run", "stepi", "info inferiors",
	    "info inferiors 1", "info inferiors 3", NULL };
	struct util_result f;
	char *prog = util_sample("fork-O0"), real[4096], *want;

	stdin_as_gdb("factorial-O0", "", ex);
	/* A fork followed: the parent's inferior is left as gdb leaves
	   it (the steps around differ from gdb's in their own ways).  */
	ck_assert_ptr_nonnull(realpath(prog, real));
	util_framescope(&f, NULL, fork, prog, NULL);
	ck_assert_int_ne(asprintf(&want, "  Num  Description       Connection"
	    "           Executable        \n  1    <null>                  "
	    "               %s \n* 2    process ", real), -1);
	ck_assert_msg(strstr(f.out, want) != NULL, "%s", f.out);
	free(want);
	ck_assert_int_ne(asprintf(&want, "Executable        \n  1    <null>"
	    "                                 %s \nNo inferiors.\n", real), -1);
	ck_assert_msg(strstr(f.out, want) != NULL, "%s", f.out);
	free(want);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* CMDS on the program at PROG (SAMPLE names it) under gdb and
   framescope --batch: both streams the same, but for process ids.  */
static void
streams_as_gdb_at(const char *sample, const char *prog,
    const char *const cmds[])
{
	struct util_result g, f;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gdb_normal(g.out);
	gdb_normal(f.out);
	ck_assert_msg(strcmp(g.out, f.out) == 0, "%s output:\n--- gdb\n%s\n"
	    "--- framescope\n%s", sample, g.out, f.out);
	ck_assert_msg(strcmp(g.err, f.err) == 0, "%s errors:\n--- gdb\n%s\n"
	    "--- framescope\n%s", sample, g.err, f.err);
	util_result_free(&g);
	util_result_free(&f);
}

static void
streams_as_gdb(const char *sample, const char *const cmds[])
{
	char *prog = util_sample(sample);

	streams_as_gdb_at(sample, prog, cmds);
	free(prog);
}

/* return (silent in a script) pops the frame with the value in rax or,
   for a function returning a double or a float, xmm0, for a long
   double st(0) alone on the x87 stack, and a jump to a
   breakpoint stopping there at once (its condition still asked),
   from the selected frame (after up, out of main); jump within the
   function; signal and queue-signal delivering to the program's
   handlers; the errors of each; and at a prompt (no --batch), gdb's
   question, the frame after return and "Continuing at".  */
START_TEST(test_return_jump_signal_as_gdb)
{
	static const char *const ret[] = { "break factorial", "run",
	    "return 42", "bt", "next", "p r", "continue", NULL };
	static const char *const fret[] = { "break scale", "break mix", "run",
	    "return 2.5", "p $xmm0.v2_double[0]", "continue", "return 7",
	    "p $xmm0.v4_float[0]", "finish", NULL };
	static const char *const jump[] = { "break 16", "run",
	    "set var r = 7", "jump 17", NULL };
	static const char *const ldret[] = { "break lsum", "run",
	    "return 2.5", "p $st0", "p/x $fstat", "p/x $ftag", "next",
	    "next", "info locals", NULL };
	static const char *const jumpbp[] = { "break factorial", "run",
	    "jump factorial", "info breakpoints", "delete",
	    "break 17 if r == 9", "jump 17", "info breakpoints", NULL };
	static const char *const sig[] = { "break work", "break in_handler",
	    "run", "signal SIGUSR1", "bt 2", "finish", "queue-signal SIGALRM",
	    "next", "bt 1", "delete", "signal 0", NULL };
	static const char *const bad[] = { "jump 1", "return", "signal 1",
	    "queue-signal 1", "break factorial", "run", "jump", "jump nosuch",
	    "return 1 2", "return nosuch", "signal", "signal SIGFOO",
	    "signal 99", "queue-signal 0", "queue-signal SIGINT", "up",
	    "return", "bt 1", NULL };
	static const char *const prompt[] = { "break factorial", "run",
	    "return 42", "jump 17", NULL };
	char *prog = util_sample("factorial-O0");
	struct util_argv ga = { 0 }, fa = { 0 };
	struct util_result g, f;
	char *gl, *fl;

	streams_as_gdb("factorial-O0", ret);
	streams_as_gdb("factorial-O0", jump);
	streams_as_gdb("floats-O0", fret);
	streams_as_gdb("floats-O0", ldret);
	streams_as_gdb("factorial-O0", jumpbp);
	streams_as_gdb("sighandler-O0", sig);
	streams_as_gdb("factorial-O0", bad);
	/* Not in batch: gdb -nx -q and framescope -nw, no terminal; the
	   lines from the question to the program's end (gdb folds the
	   frame's line at 80 columns without a terminal).  */
	util_argv_push(&ga, "gdb");
	util_argv_push(&ga, "-nx");
	util_argv_push(&ga, "-q");
	util_argv_push(&ga, "-iex");
	util_argv_push(&ga, "set width 0");
	util_argv_push(&ga, "-iex");
	util_argv_push(&ga, "set startup-with-shell off");
	util_argv_push(&ga, "-ex");
	util_argv_push(&ga, "unset environment LINES");
	util_argv_push(&ga, "-ex");
	util_argv_push(&ga, "unset environment COLUMNS");
	util_argv_push(&fa, getenv("FRAMESCOPE"));
	util_argv_push(&fa, "-nw");
	run_pair(&ga, &fa, prompt, prog, &g, &f);
	ck_assert_ptr_nonnull(gl = strstr(g.out, "Make factorial return"));
	ck_assert_ptr_nonnull(fl = strstr(f.out, "Make factorial return"));
	if (strstr(gl, "(gdb) ") != NULL)
		*strstr(gl, "(gdb) ") = '\0';
	ck_assert_msg(strcmp(gl, fl) == 0, "--- gdb\n%s\n--- framescope\n%s",
	    gl, fl);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}
END_TEST

/* return of a double and a float on i386: st(0) alone on the x87
   stack, as gdb leaves it, and what the caller prints.  */
START_TEST(test_return_float_i386_as_gdb)
{
	static const char *const cmds[] = { "break half", "break third",
	    "run", "return 2.5", "p $st0", "p/x $fstat", "p/x $ftag",
	    "continue", "return 7", "continue", NULL };
	char *src = script_file("fr.c", "#include <stdio.h>\n"
	    "__attribute__((noinline)) double half(double x) "
	    "{ return x / 2; }\n"
	    "__attribute__((noinline)) float third(float x) "
	    "{ return x / 3; }\n"
	    "int main(void)\n{\n\tdouble d = half(5);\n"
	    "\tfloat f = third(9);\n\tprintf(\"%g %g\\n\", d, f);\n"
	    "\treturn 0;\n}\n"), *bin;
	const char *cc[] = { "gcc", "-m32", "-g", "-O0", "-o", NULL, NULL,
	    NULL };
	struct util_result r;

	ck_assert_int_ne(asprintf(&bin, "%.*s/fr32", (int)(strrchr(src, '/') -
	    src), src), -1);
	cc[5] = bin;
	cc[6] = src;
	util_run((char *const *)cc, 60, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "gcc -m32: %s", r.err);
	util_result_free(&r);
	streams_as_gdb_at("fr32", bin, cmds);
	free(bin);
	free(src);
}
END_TEST

/* tty FILE (set inferior-tty): the program's output goes there, a
   redirection of run still wins, show says which; a file that cannot
   be opened fails the run in gdb's two lines.  */
START_TEST(test_tty_as_gdb)
{
	char *out = script_file("tty.out", ""), *tty, *red, *dir = util_tmpdir();
	const char *cmds[] = { "show inferior-tty", NULL, "show inferior-tty",
	    "run", NULL, "set inferior-tty", "show inferior-tty", "tty",
	    "set inferior-tty /nonexistent/x", "run", NULL };
	char *text, *prog = util_sample("factorial-O0");

	ck_assert_int_ne(asprintf(&tty, "tty %s", out), -1);
	ck_assert_int_ne(asprintf(&red, "run > %s/red.out", dir), -1);
	cmds[1] = tty;
	cmds[4] = red;
	struct util_result f;
	FILE *fp;

	streams_as_gdb("factorial-O0", cmds);
	/* framescope's first run alone wrote there.  */
	ck_assert_ptr_nonnull(fp = fopen(out, "w"));
	fclose(fp);
	util_framescope(&f, NULL, cmds, prog, NULL);
	ck_assert_ptr_nonnull(text = util_slurp(out));
	ck_assert_str_eq(text, "factorial(5) = 120\n");
	ck_assert_ptr_null(strstr(f.out, "factorial(5)"));
	free(text);
	util_result_free(&f);
	free(prog);
	free(tty);
	free(red);
	free(out);
	free(dir);
}
END_TEST

Suite *
script_suite(void)
{
	Suite *s = suite_create("script");
	TCase *tc = tcase_create("gdb");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_commands_as_gdb);
	tcase_add_test(tc, test_commands_stdin_as_gdb);
	tcase_add_test(tc, test_watch_commands_as_gdb);
	tcase_add_test(tc, test_define_as_gdb);
	tcase_add_test(tc, test_script_errors_as_gdb);
	tcase_add_test(tc, test_source_stops_at_error_as_gdb);
	tcase_add_test(tc, test_shell_cd_inferiors_as_gdb);
	tcase_add_test(tc, test_return_jump_signal_as_gdb);
	tcase_add_test(tc, test_tty_as_gdb);
	tcase_add_test(tc, test_return_float_i386_as_gdb);
	suite_add_tcase(s, tc);
	return s;
}
