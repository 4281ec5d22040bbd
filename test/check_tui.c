/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the TUI: the real binary in a detached tmux session of its own
   (its own server socket), keys sent with send-keys, and the screen read
   with capture-pane as a person would read it.  Every wait polls the
   screen until the text appears, with a generous limit: no fixed sleeps
   decide anything. */
#include <sys/wait.h>

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"

#define WAIT_S	20.0

/* A whole screen is too long for Check's message: it goes to stderr.  */
#define SCREEN_OK(cond, scr) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "--- screen:\n%s---\n", (scr));		\
		ck_abort_msg("not on the screen: %s", #cond);		\
	}								\
} while (0)

struct tmx {
	char	 sock[64];
	char	*dir;
	char	 conf[4200];
};

static bool
have_tmux(void)
{
	return system("tmux -V >/dev/null 2>&1") == 0;
}

/* Run tmux -L SOCK -f CONF ARGS..., NULL-terminated; its output.  */
static char *
tmux(struct tmx *t, ...)
{
	struct util_argv a = { 0 };
	struct util_result r;
	const char *s;
	va_list ap;
	char *out;

	util_argv_push(&a, "tmux");
	util_argv_push(&a, "-L");
	util_argv_push(&a, t->sock);
	util_argv_push(&a, "-f");
	util_argv_push(&a, t->conf);
	va_start(ap, t);
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

/* Start framescope ARGS... (NULL-terminated) at W x H.  */
static void
tmx_start(struct tmx *t, int w, int h, ...)
{
	struct util_argv a = { 0 };
	char ws[16], hs[16];
	const char *s;
	va_list ap;
	FILE *f;
	size_t i;

	snprintf(t->sock, sizeof t->sock, "fs-tui-%d", (int)getpid());
	t->dir = util_tmpdir();
	snprintf(t->conf, sizeof t->conf, "%s/tmux.conf", t->dir);
	ck_assert((f = fopen(t->conf, "w")) != NULL);
	/* The pane stays after framescope leaves, to be read; no status
	   line, so the window is the terminal framescope sees.  */
	fputs("set -g remain-on-exit on\nset -g status off\n"
	    "set -g default-terminal screen\n", f);
	fclose(f);
	snprintf(ws, sizeof ws, "%d", w);
	snprintf(hs, sizeof hs, "%d", h);
	util_argv_push(&a, "tmux");
	util_argv_push(&a, "-L");
	util_argv_push(&a, t->sock);
	util_argv_push(&a, "-f");
	util_argv_push(&a, t->conf);
	util_argv_push(&a, "new-session");
	util_argv_push(&a, "-d");
	util_argv_push(&a, "-x");
	util_argv_push(&a, ws);
	util_argv_push(&a, "-y");
	util_argv_push(&a, hs);
	util_argv_push(&a, "env");
	util_argv_push(&a, "LANG=C.UTF-8");
	util_argv_push(&a, "LC_ALL=C.UTF-8");
	util_argv_push(&a, framescope_path());
	va_start(ap, h);
	while ((s = va_arg(ap, const char *)) != NULL)
		util_argv_push(&a, s);
	va_end(ap);
	struct util_result r;

	util_run(a.v, 10, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "tmux new-session: %s %s", util_status_text(&r), r.err);
	util_result_free(&r);
	for (i = 0; a.v[i] != NULL; i++)
		;
	util_argv_free(&a);
}

static void
tmx_stop(struct tmx *t)
{
	free(tmux(t, "kill-server", NULL));
	util_rmtree(t->dir);
	free(t->dir);
	t->dir = NULL;
}

static char *
screen(struct tmx *t)
{
	return tmux(t, "capture-pane", "-p", NULL);
}

static void
keys(struct tmx *t, const char *k)
{
	free(tmux(t, "send-keys", k, NULL));
}

/* Typed text, not key names.  */
static void
type(struct tmx *t, const char *text)
{
	free(tmux(t, "send-keys", "-l", text, NULL));
}

static char *
pane_fmt(struct tmx *t, const char *fmt)
{
	char *s = tmux(t, "display-message", "-p", fmt, NULL);
	size_t n = s ? strlen(s) : 0;

	while (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	return s;
}

/* The screen once NEEDLE is on it (or, with ABSENT, once it is not).  */
static char *
wait_screen(struct tmx *t, const char *needle, bool absent)
{
	double waited = 0;
	char *s;

	for (;;) {
		s = screen(t);
		if (s != NULL && (strstr(s, needle) != NULL) != absent)
			return s;
		if (waited >= WAIT_S)
			break;
		free(s);
		util_sleep_ms(100);
		waited += 0.1;
	}
	fprintf(stderr, "--- screen:\n%s---\n", s ? s : "(none)");
	ck_abort_msg("%s \"%s\" on the screen after %.0f s", absent ?
	    "still" : "no", needle, WAIT_S);
	return s;
}

static char *
wait_for(struct tmx *t, const char *needle)
{
	return wait_screen(t, needle, false);
}

static bool
pane_dead(struct tmx *t)
{
	char *s = pane_fmt(t, "#{pane_dead}");
	bool dead = s != NULL && strcmp(s, "1") == 0;

	free(s);
	return dead;
}

/* framescope left: the pane is dead; its exit status.  */
static int
wait_exit(struct tmx *t)
{
	double waited = 0;
	char *s;
	int st;

	while (!pane_dead(t)) {
		if (waited >= WAIT_S) {
			s = screen(t);
			SCREEN_OK(waited < WAIT_S, s);
		}
		util_sleep_ms(100);
		waited += 0.1;
	}
	s = pane_fmt(t, "#{pane_dead_status}");
	st = s != NULL ? atoi(s) : -1;
	free(s);
	return st;
}

/* Line number (from 0) of the first line of S holding NEEDLE, or -1.  */
static int
line_of(const char *s, const char *needle)
{
	const char *p = strstr(s, needle), *q;
	int n = 0;

	if (p == NULL)
		return -1;
	for (q = s; q < p; q++)
		if (*q == '\n')
			n++;
	return n;
}

/* The pid the status line shows.  */
static pid_t
shown_pid(const char *s)
{
	const char *p = strstr(s, "| pid ");

	return p != NULL ? (pid_t)atoi(p + 6) : 0;
}

static void
no_tui_left(const char *s)
{
	SCREEN_OK(strstr(s, "Stack") == NULL && strstr(s, "─") == NULL &&
	    strstr(s, "LIVE") == NULL, s);
}

/* At callee's breakpoint: what the textbook's picture shows.  */
static void
at_callee(struct tmx *t)
{
	char *s;

	free(wait_for(t, "#0 main"));
	type(t, ":break callee");
	keys(t, "Enter");
	free(wait_for(t, "Breakpoint 2 at"));
	keys(t, "c");
	/* The status line is drawn last: once it tells the stop, the panes
	   above are whole (tmux can be read in the middle of a redraw).  */
	free(wait_for(t, "breakpoint 2 | stop 2 |"));
	s = wait_for(t, "#0 callee (callee8.c:4)");
	SCREEN_OK(strstr(s, "return address → main+") != NULL, s);
	SCREEN_OK(strstr(s, "saved rbp → #1 rbp") != NULL, s);
	SCREEN_OK(strstr(s, "◀ rsp ◀ rbp") != NULL, s);
	SCREEN_OK(strstr(s, "red zone") != NULL, s);
	SCREEN_OK(strstr(s, "#1 main (callee8.c:10)") != NULL, s);
	SCREEN_OK(strstr(s, "breakpoint 2") != NULL, s);
	free(s);
}

START_TEST(callee8_80x24)
{
	struct tmx t = { 0 };
	char *s;
	pid_t fs, prog;
	int st;

	if (!have_tmux())
		return;
	tmx_start(&t, 80, 24, sample_path("callee8-O0"), NULL);
	at_callee(&t);
	s = screen(&t);
	prog = shown_pid(s);
	ck_assert_int_gt(prog, 0);
	free(s);
	s = pane_fmt(&t, "#{pane_pid}");
	fs = atoi(s);
	free(s);
	keys(&t, "f");
	free(wait_for(&t, "| stop 3 |"));
	s = wait_for(&t, "#0 main (callee8.c:10)");
	SCREEN_OK(strstr(s, "#0 callee") == NULL &&
	    strstr(s, "#1 main") == NULL, s);
	free(s);
	keys(&t, "q");
	st = wait_exit(&t);
	ck_assert_int_eq(st, 0);
	s = screen(&t);
	no_tui_left(s);
	free(s);
	ck_assert(util_pid_gone(fs));
	ck_assert_msg(util_pid_gone(prog), "the program %d is left",
	    (int)prog);
	tmx_stop(&t);
}
END_TEST

START_TEST(callee8_160x50)
{
	struct tmx t = { 0 };
	char *s;
	int lmain, lcallee;

	if (!have_tmux())
		return;
	tmx_start(&t, 160, 50, sample_path("callee8-O0"), NULL);
	at_callee(&t);
	s = screen(&t);
	/* The stack grows down: callee's box under main's.  */
	lmain = line_of(s, "┌─ #1 main (callee8.c:10)");
	lcallee = line_of(s, "┌─ #0 callee (callee8.c:4)");
	SCREEN_OK(lmain >= 0 && lcallee > lmain, s);
	/* The variables: main's a and b, the copies it pushed as callee's
	   stack arguments, arg1.. kept in callee's red zone.  */
	SCREEN_OK(strstr(s, "a = 7") != NULL && strstr(s, "b = 8") != NULL, s);
	SCREEN_OK(strstr(s, "outgoing arg7 of callee = 7") != NULL, s);
	SCREEN_OK(strstr(s, "outgoing arg8 of callee = 8") != NULL, s);
	SCREEN_OK(strstr(s, "rbp-8 0000000000000001* arg1 = 1") != NULL, s);
	SCREEN_OK(strstr(s, "arg1 = 1 argument, at rbp-8") != NULL, s);
	/* The other panes.  */
	SCREEN_OK(strstr(s, "Disassembly: at&t") != NULL, s);
	SCREEN_OK(strstr(s, "mov    0x10(%rbp),%rdx") != NULL, s);
	SCREEN_OK(strstr(s, "Registers") != NULL &&
	    strstr(s, "rsp    00007ff") != NULL, s);
	SCREEN_OK(strstr(s, "Program output") != NULL, s);
	ck_assert_msg(strstr(s, "●▶   4      return arg7 + arg8;") != NULL,
	    "%s", s);
	free(s);
	/* Intel syntax on a key.  */
	keys(&t, "a");
	free(wait_for(&t, "mov    rdx,QWORD PTR [rbp+0x10]"));
	/* The help overlay, and any key closes it.  */
	keys(&t, "?");
	free(wait_for(&t, "framescope keys"));
	keys(&t, "x");
	free(wait_screen(&t, "framescope keys", true));
	keys(&t, "F1");
	free(wait_for(&t, "framescope keys"));
	keys(&t, "Escape");
	free(wait_screen(&t, "framescope keys", true));
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
}
END_TEST

START_TEST(explain_slots)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, 160, 50, sample_path("callee8-O0"), NULL);
	at_callee(&t);
	/* The cursor follows rsp: callee's saved rbp.  */
	keys(&t, "e");
	free(wait_for(&t, "saved by push %rbp in callee's prologue: main's "
	    "frame pointer"));
	/* One word up: the return address.  */
	keys(&t, "Up");
	keys(&t, "e");
	s = wait_for(&t, "where callee returns to");
	SCREEN_OK(strstr(s, "pushed by callq") != NULL ||
	    strstr(s, "pushed by call") != NULL, s);
	free(s);
	keys(&t, "Down");
	keys(&t, "Down");
	keys(&t, "e");
	free(wait_for(&t, "red zone: a leaf function may use these 128 bytes "
	    "below rsp"));
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
}
END_TEST

START_TEST(history_keys)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, 160, 50, sample_path("callee8-O0"), NULL);
	at_callee(&t);
	keys(&t, "i");
	s = wait_for(&t, "stepped | stop 3");
	free(s);
	keys(&t, "<");
	s = wait_for(&t, "HISTORY");
	SCREEN_OK(strstr(s, "breakpoint 2 | stop 2") != NULL, s);
	free(s);
	keys(&t, "<");
	s = wait_for(&t, "stop 1 |");
	SCREEN_OK(strstr(s, "HISTORY") != NULL &&
	    strstr(s, "#0 main (callee8.c:8)") != NULL, s);
	free(s);
	keys(&t, ">");
	keys(&t, ">");
	s = wait_for(&t, "LIVE");
	SCREEN_OK(strstr(s, "stepped | stop 3") != NULL, s);
	free(s);
	/* A step key from the history returns to the live stop and steps
	   from it: the process did not move while we looked back.  */
	keys(&t, "<");
	free(wait_for(&t, "HISTORY"));
	keys(&t, "i");
	s = wait_for(&t, "stop 4 |");
	SCREEN_OK(strstr(s, "LIVE") != NULL, s);
	free(s);
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
}
END_TEST

START_TEST(resize)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, 80, 24, sample_path("callee8-O0"), NULL);
	at_callee(&t);
	s = screen(&t);
	SCREEN_OK(strstr(s, "Disassembly") == NULL, s);
	free(s);
	free(tmux(&t, "resize-window", "-x", "160", "-y", "50", NULL));
	free(wait_for(&t, "Disassembly"));
	free(tmux(&t, "resize-window", "-x", "50", "-y", "12", NULL));
	/* Redrawn at 50 columns: a box as wide as the terminal.  */
	s = wait_for(&t, "└" "────────────────────────────────────────────────"
	    "┘");
	SCREEN_OK(strstr(s, "Disassembly") == NULL &&
	    strstr(s, "─ Stack") != NULL, s);
	free(s);
	free(tmux(&t, "resize-window", "-x", "30", "-y", "8", NULL));
	free(wait_for(&t, "too small"));
	free(tmux(&t, "resize-window", "-x", "80", "-y", "24", NULL));
	free(wait_for(&t, "#0 callee (callee8.c:4)"));
	keys(&t, "i");
	free(wait_for(&t, "stop 3"));
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
}
END_TEST

/* Attach to a running counter (sample NAME), step, detach: it goes on
   as if never traced.  */
static void
attach_step_detach(const char *name)
{
	struct tmx t = { 0 };
	char *argv[] = { NULL, (char *)"60", (char *)"50", NULL };
	char pid[16], *s, *buf = NULL;
	size_t len = 0;
	pid_t p;
	int fd, st;

	if (!have_tmux())
		return;
	argv[0] = (char *)sample_path(name);
	p = util_spawn(argv, &fd, NULL);
	ck_assert(util_read_until(fd, &buf, &len, "count 1\n", WAIT_S));
	snprintf(pid, sizeof pid, "%d", (int)p);
	tmx_start(&t, 80, 24, "-p", pid, NULL);
	s = wait_for(&t, "attached");
	SCREEN_OK(strstr(s, "(attached)") != NULL, s);
	free(s);
	keys(&t, "i");
	free(wait_for(&t, "stepped"));
	keys(&t, "q");
	free(wait_for(&t, "d detach"));
	keys(&t, "d");
	ck_assert_int_eq(wait_exit(&t), 0);
	s = screen(&t);
	no_tui_left(s);
	free(s);
	/* It goes on counting, and ends well.  */
	ck_assert(util_read_until(fd, &buf, &len, "count 59\n", WAIT_S));
	ck_assert(util_wait(p, WAIT_S, &st));
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %x",
	    st);
	close(fd);
	free(buf);
	tmx_stop(&t);
}

START_TEST(attach_detach)
{
	attach_step_detach("counter-O0");
}
END_TEST

/* The same with an i386 program (gcc -m32).  */
START_TEST(attach_detach_i386)
{
	attach_step_detach("counter-m32-O0");
}
END_TEST

/* The seed article's Add (gcc -m32) at 80x24: its frame at the
   breakpoint as the article draws it, in i386's words, then finish.  */
START_TEST(add32_80x24)
{
	struct tmx t = { 0 };
	char *s;
	int st;

	if (!have_tmux())
		return;
	tmx_start(&t, 80, 24, sample_path("add32-m32-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	type(&t, ":break Add");
	keys(&t, "Enter");
	free(wait_for(&t, "Breakpoint 2 at"));
	keys(&t, "c");
	free(wait_for(&t, "breakpoint 2 | stop 2 |"));
	s = wait_for(&t, "#0 Add (add32.c:10)");
	SCREEN_OK(strstr(s, "ebp+4 ") != NULL && strstr(s, "return "
	    "address \xe2\x86\x92 main+") != NULL, s);
	SCREEN_OK(strstr(s, "saved ebp") != NULL, s);
	SCREEN_OK(strstr(s, "\xe2\x97\x80 ebp") != NULL, s);
	SCREEN_OK(strstr(s, "\xe2\x97\x80 esp") != NULL, s);
	SCREEN_OK(strstr(s, "rbp") == NULL && strstr(s, "rsp") == NULL &&
	    strstr(s, "red zone") == NULL, s);
	/* 4-byte words: "ebp+4 565561f1  return address".  */
	{
		const char *p = strstr(s, "ebp+4 ");
		size_t n = strspn(p + 6, "0123456789abcdef");

		SCREEN_OK(n == 8 && p[6 + n] == ' ', s);
	}
	free(s);
	keys(&t, "f");
	free(wait_for(&t, "| stop 3 |"));
	s = wait_for(&t, "#0 main (add32.c:20)");
	SCREEN_OK(strstr(s, "#0 Add") == NULL, s);
	free(s);
	keys(&t, "q");
	st = wait_exit(&t);
	ck_assert_int_eq(st, 0);
	tmx_stop(&t);
}
END_TEST

START_TEST(program_output)
{
	struct tmx t = { 0 };
	char *s;
	int lout;

	if (!have_tmux())
		return;
	tmx_start(&t, 160, 50, sample_path("counter-O0"), "3", "10", NULL);
	free(wait_for(&t, "#0 main"));
	keys(&t, "c");
	s = wait_for(&t, "exited with code 0");
	free(s);
	s = wait_for(&t, "count 2");
	/* In the output pane, not over the stack.  */
	lout = line_of(s, "Program output");
	SCREEN_OK(lout >= 0 && line_of(s, "count 0") > lout, s);
	SCREEN_OK(strstr(s, "The program is not being run") != NULL, s);
	free(s);
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
}
END_TEST

START_TEST(deep_fold)
{
	struct tmx t = { 0 };
	char spec[64], *s;

	if (!have_tmux())
		return;
	snprintf(spec, sizeof spec, "break factorial.c:%u",
	    util_source_line("factorial.c", "return 1;"));
	tmx_start(&t, 160, 50, "-ex", spec, "-ex", "continue",
	    sample_path("factorial-O0"), "10000", NULL);
	s = wait_for(&t, "factorial ×");
	/* factorial(10000) down to factorial(1), under main.  */
	SCREEN_OK(strstr(s, "#0-#9999 factorial ×10,000") != NULL, s);
	SCREEN_OK(strstr(s, "#10000 main") != NULL, s);
	SCREEN_OK(strstr(s, "Backtrace: 10004 frames") != NULL, s);
	free(s);
	/* Enter unfolds the run the selected frame is in.  */
	keys(&t, "Tab");
	keys(&t, "Tab");
	keys(&t, "Enter");
	s = wait_screen(&t, "factorial ×", true);
	SCREEN_OK(strstr(s, "#3 factorial") != NULL, s);
	free(s);
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
}
END_TEST

START_TEST(sigterm_restores)
{
	struct tmx t = { 0 };
	char *s;
	pid_t fs, prog;

	if (!have_tmux())
		return;
	tmx_start(&t, 80, 24, sample_path("callee8-O0"), NULL);
	s = wait_for(&t, "#0 main");
	prog = shown_pid(s);
	free(s);
	s = pane_fmt(&t, "#{pane_pid}");
	fs = atoi(s);
	free(s);
	ck_assert(fs > 0 && prog > 0);
	kill(fs, SIGTERM);
	wait_exit(&t);
	s = screen(&t);
	no_tui_left(s);
	free(s);
	ck_assert(util_pid_gone(prog));
	tmx_stop(&t);
}
END_TEST

/* heap_demo: the Vec's ptr, len and cap on the stack, its elements beside
   the pointer; catch panic is set by itself for a Rust program.  */
START_TEST(rust_heap_demo)
{
	struct tmx t = { 0 };
	char *s;
	const char *path;

	if (!have_tmux())
		return;
	path = sample_path("rust-heap_demo-O0");
	if (access(path, X_OK) != 0)
		return;		/* no rustc: no Rust samples */
	tmx_start(&t, 160, 50, path, NULL);
	/* At the crate's main, as gdb's start, not rustc's C main.  */
	free(wait_for(&t, "#0 heap_demo::main"));
	type(&t, ":break heap_demo.rs:11");
	keys(&t, "Enter");
	/* 1 is catch panic's, 2 the run to main's.  */
	free(wait_for(&t, "Breakpoint 3 at"));
	keys(&t, "c");
	s = wait_for(&t, "v.len = 3");
	SCREEN_OK(strstr(s, "#0 heap_demo::heap_demo (heap_demo.rs:11)") !=
	    NULL, s);
	SCREEN_OK(strstr(s, "v.cap = 3") != NULL, s);
	SCREEN_OK(strstr(s, "v.ptr = 0x") != NULL, s);
	SCREEN_OK(strstr(s, "-> [1, 2, 3]") != NULL, s);
	free(s);
	keys(&t, "q");
	wait_exit(&t);
	tmx_stop(&t);
}
END_TEST

Suite *
tui_suite(void)
{
	Suite *s = suite_create("tui");
	TCase *tc = tcase_create("tmux");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, callee8_80x24);
	tcase_add_test(tc, callee8_160x50);
	tcase_add_test(tc, explain_slots);
	tcase_add_test(tc, history_keys);
	tcase_add_test(tc, resize);
	tcase_add_test(tc, attach_detach);
	tcase_add_test(tc, attach_detach_i386);
	tcase_add_test(tc, add32_80x24);
	tcase_add_test(tc, program_output);
	tcase_add_test(tc, deep_fold);
	tcase_add_test(tc, sigterm_restores);
	tcase_add_test(tc, rust_heap_demo);
	suite_add_tcase(s, tc);
	return s;
}
