/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the TUI: the real binary in a detached tmux session of its own
   (its own server socket), keys sent with send-keys, and the screen read
   with capture-pane as a person would read it.  Every wait polls the
   screen until the text appears, with a generous limit: no fixed sleeps
   decide anything. */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>

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
	const char *lang;	/* LANG and LC_ALL; NULL: C.UTF-8 */
	bool	 no_color;	/* NO_COLOR=1 */
};

/* The sizes every point is tried at: the smallest a student may have,
   a laptop's, a large screen's.  */
static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };
#define NSIZES	((int)(sizeof sizes / sizeof sizes[0]))

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

/* A test that fails leaves at once (Check's forked mode), without its
   tmx_stop: its server, the framescope in it and the traced program
   would go on running.  Each server is named after the runner and the
   test's process, and the runner kills those of its tests when the case
   is done (tmx_reap).  */
static void
tmx_reap(void)
{
	const char *tmp = getenv("TMUX_TMPDIR");
	char dir[4096], prefix[64], cmd[256];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/tmux-%u", tmp != NULL && *tmp ? tmp :
	    "/tmp", (unsigned)getuid());
	snprintf(prefix, sizeof prefix, "fs-tui-%d-", (int)getpid());
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 ||
		    strlen(de->d_name) > 64)
			continue;
		snprintf(cmd, sizeof cmd, "tmux -L %s kill-server "
		    ">/dev/null 2>&1", de->d_name);
		if (system(cmd) != 0)
			continue;
	}
	closedir(d);
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

	snprintf(t->sock, sizeof t->sock, "fs-tui-%d-%d", (int)getppid(),
	    (int)getpid());
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
	util_argv_pushf(&a, "LANG=%s", t->lang ? t->lang : "C.UTF-8");
	util_argv_pushf(&a, "LC_ALL=%s", t->lang ? t->lang : "C.UTF-8");
	if (t->no_color)
		util_argv_push(&a, "NO_COLOR=1");
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

static int wait_exit(struct tmx *);
static void keys(struct tmx *, const char *);

/* Q: framescope leaves at once and well; the server goes.  */
static void
tmx_quit(struct tmx *t)
{
	keys(t, "Q");
	ck_assert_int_eq(wait_exit(t), 0);
	tmx_stop(t);
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

/* The line of S holding NEEDLE (malloc'd), or NULL.  */
static char *
line_with(const char *s, const char *needle)
{
	const char *p = strstr(s, needle), *a, *b;

	if (p == NULL)
		return NULL;
	for (a = p; a > s && a[-1] != '\n'; a--)
		;
	b = strchr(p, '\n');
	return strndup(a, b != NULL ? (size_t)(b - a) : strlen(a));
}

/* The screen once a line holds both A and B.  */
static char *
wait_line(struct tmx *t, const char *a, const char *b)
{
	double waited = 0;
	const char *p;
	char *s, *l;

	for (;;) {
		s = screen(t);
		for (p = s; p != NULL && (p = strstr(p, a)) != NULL; p++) {
			const char *q = p;

			while (q > s && q[-1] != '\n')
				q--;
			if ((l = line_with(q, a)) != NULL) {
				bool both = strstr(l, b) != NULL;

				free(l);
				if (both)
					return s;
			}
		}
		if (waited >= WAIT_S)
			break;
		free(s);
		util_sleep_ms(100);
		waited += 0.1;
	}
	fprintf(stderr, "--- screen:\n%s---\n", s ? s : "(none)");
	ck_abort_msg("no line with \"%s\" and \"%s\" after %.0f s", a, b,
	    WAIT_S);
	return s;
}

/* Row and column (in characters, from 0) of NEEDLE on screen S.  */
static bool
pos_of(const char *s, const char *needle, int *row, int *col)
{
	const char *p = strstr(s, needle), *q;

	if (p == NULL)
		return false;
	*row = *col = 0;
	for (q = s; q < p; q++) {
		if (*q == '\n') {
			(*row)++;
			*col = 0;
		} else if (((unsigned char)*q & 0xc0) != 0x80)
			(*col)++;
	}
	return true;
}

/* A mouse event as an xterm sends it (X10 encoding, which ncurses reads
   with tmux's TERM): BUTTON 0 press, 3 release, 64 and 65 the wheel. */
static void
mouse(struct tmx *t, int button, int row, int col)
{
	char b[3][8];

	snprintf(b[0], sizeof b[0], "%x", 32 + button);
	snprintf(b[1], sizeof b[1], "%x", 33 + col);
	snprintf(b[2], sizeof b[2], "%x", 33 + row);
	free(tmux(t, "send-keys", "-H", "1b", "5b", "4d", b[0], b[1], b[2],
	    NULL));
}

static void
click_at(struct tmx *t, int row, int col)
{
	mouse(t, 0, row, col);
	mouse(t, 3, row, col);
}

/* The screen once its status line, drawn last, is there whole: the pid
   on its left, the mode on its right.  */
static char *
status_drawn(struct tmx *t)
{
	return wait_line(t, "| pid ", "LIVE");
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
	s = status_drawn(&t);
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
	/* q asks, as gdb's quit does, before it kills the program.  */
	keys(&t, "q");
	free(wait_for(&t, "Inferior 1 [process"));
	s = wait_for(&t, "(y or n)");
	ck_assert(!pane_dead(&t) && !util_pid_gone(prog));
	free(s);
	keys(&t, "y");
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
	/* The help in the viewer; q or Escape closes it, other keys do
	   not.  */
	keys(&t, "?");
	free(wait_for(&t, "framescope keys"));
	keys(&t, "x");
	free(wait_for(&t, "q or Esc closes it"));
	s = screen(&t);
	SCREEN_OK(strstr(s, "framescope keys") != NULL, s);
	free(s);
	keys(&t, "q");
	free(wait_screen(&t, "framescope keys", true));
	keys(&t, "F1");
	free(wait_for(&t, "framescope keys"));
	keys(&t, "Escape");
	free(wait_screen(&t, "framescope keys", true));
	tmx_quit(&t);
}
END_TEST

START_TEST(explain_slots)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	/* Wide enough for each explanation on the message line.  */
	tmx_start(&t, 200, 50, sample_path("callee8-O0"), NULL);
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
	tmx_quit(&t);
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
	tmx_quit(&t);
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
	    strstr(s, " Stack: ") != NULL, s);
	free(s);
	free(tmux(&t, "resize-window", "-x", "30", "-y", "8", NULL));
	free(wait_for(&t, "too small"));
	free(tmux(&t, "resize-window", "-x", "80", "-y", "24", NULL));
	free(wait_for(&t, "#0 callee (callee8.c:4)"));
	keys(&t, "i");
	free(wait_for(&t, "stop 3"));
	tmx_quit(&t);
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
	/* "pid 123 (attached)", or "| attached |" where a longer name
	   leaves the status line no room for the pid's note.  */
	SCREEN_OK(strstr(s, "(attached)") != NULL ||
	    strstr(s, "| attached |") != NULL, s);
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
	/* main's locals where i386's DWARF puts them.  */
	SCREEN_OK(strstr(s, "num1 = 3") != NULL && strstr(s, "rdi") == NULL,
	    s);
	free(s);
	keys(&t, "q");
	free(wait_for(&t, "(y or n)"));
	keys(&t, "y");
	st = wait_exit(&t);
	ck_assert_int_eq(st, 0);
	tmx_stop(&t);
}
END_TEST

/* i386's calling conventions in the stack pane's frame titles at 80x24,
   as frames heads its frames: each function of callconv32 in turn.  */
START_TEST(callconv32_titles)
{
	static const struct {
		const char	*func, *title;
	} stops[] = {
		{ "cdecl_sum", "#0 cdecl_sum (callconv32.c:12) [cdecl]" },
		{ "stdcall_sum", "#0 stdcall_sum (callconv32.c:18) [stdcall]" },
		{ "fastcall_sum", "#0 fastcall_sum (callconv32.c:24) "
		    "[fastcall]" },
		{ "regparm_sum", "#0 regparm_sum (callconv32.c:30) "
		    "[regparm(3)]" },
		{ "make_pair", "#0 make_pair (callconv32.c:36) [cdecl, struct "
		    "return]" },
	};
	struct tmx t = { 0 };
	char want[64], *s;
	size_t i, k;

	if (!have_tmux())
		return;
	tmx_start(&t, 80, 24, sample_path("callconv32-m32-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	for (i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		type(&t, ":tbreak ");
		type(&t, stops[i].func);
		keys(&t, "Enter");
		snprintf(want, sizeof want, "Temporary breakpoint %zu at",
		    i + 2);
		free(wait_for(&t, want));
		keys(&t, "c");
		snprintf(want, sizeof want, "| stop %zu |", i + 2);
		free(wait_for(&t, want));
		/* The pane shows the words at esp: up to the frame's head
		   where the frame is taller than the pane.  */
		for (k = 0; (s = screen(&t)) != NULL && strstr(s,
		    stops[i].title) == NULL && k < 20; k++) {
			free(s);
			keys(&t, "Up");
			util_sleep_ms(150);
		}
		SCREEN_OK(strstr(s, stops[i].title) != NULL, s);
		free(s);
	}
	keys(&t, "q");
	free(wait_for(&t, "(y or n)"));
	keys(&t, "y");
	ck_assert_int_eq(wait_exit(&t), 0);
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
	/* factorial(10000) down to factorial(1), under main; the stack
	   pane keeps the innermost three and folds the rest.  */
	s = wait_for(&t, "#0-#9999 factorial ×10,000");
	SCREEN_OK(strstr(s, "┌─ #3-#9,999 factorial ×9,997 ") != NULL, s);
	SCREEN_OK(strstr(s, "#10000 main") != NULL, s);
	SCREEN_OK(strstr(s, "Backtrace: 10004 frames") != NULL, s);
	free(s);
	/* Enter unfolds the run the selected frame is in.  */
	keys(&t, "Tab");
	keys(&t, "Tab");
	keys(&t, "Enter");
	s = wait_for(&t, "Unfolded factorial ×10,000 (#0-#9,999)");
	SCREEN_OK(strstr(s, "#0-#9999 factorial") == NULL &&
	    strstr(s, "#3 factorial") != NULL, s);
	free(s);
	tmx_quit(&t);
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
	free(wait_for(&t, "#0 main"));
	s = status_drawn(&t);
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
	keys(&t, "Q");
	wait_exit(&t);
	tmx_stop(&t);
}
END_TEST

/* `v' turns the Registers pane to the float and vector registers: the
   x87 stack and the xmm (or ymm, zmm) lanes floats-O0 set, and back.  */
START_TEST(float_view)
{
	struct tmx t = { 0 };
	bool found;
	char *s;
	int i;

	if (!have_tmux())
		return;
	tmx_start(&t, 160, 50, "-ex", "break regs_here", "-ex", "run",
	    sample_path("floats-O0"), NULL);
	free(wait_for(&t, "in regs_here ()"));
	free(wait_for(&t, "Registers"));
	keys(&t, "v");
	s = wait_for(&t, "Registers: float and vector");
	SCREEN_OK(strstr(s, "st0    -0.375") != NULL, s);
	SCREEN_OK(strstr(s, "st3    3.14159265358979323851") != NULL, s);
	free(s);
	/* Down the pane to the vector registers: xmm2 holds 2, 2.25, 2.5,
	   -97.25 in its low lanes whatever the widest register is.  */
	for (i = 0; i < 5; i++)
		keys(&t, "Tab");
	for (i = 0; i < 40; i++) {
		s = screen(&t);
		found = strstr(s, "mm2   f{2, 2.25, 2.5, -97.25") != NULL;
		free(s);
		if (found)
			break;
		keys(&t, "Down");
		util_sleep_ms(50);
	}
	free(wait_for(&t, "mm2   f{2, 2.25, 2.5, -97.25"));
	keys(&t, "v");
	s = wait_screen(&t, "Registers: float and vector", true);
	SCREEN_OK(strstr(s, "Registers") != NULL, s);
	free(s);
	tmx_quit(&t);
}
END_TEST

/* The same pane in an i386 program ends with its eighth vector register
   (and the AVX-512 masks): i386 has xmm0-7, not x86-64's 16 or 32.  */
START_TEST(float_view_m32)
{
	struct tmx t = { 0 };
	bool found = false;
	char *s;
	int i;

	if (!have_tmux())
		return;
	tmx_start(&t, 160, 50, "-ex", "break Add", "-ex", "run",
	    sample_path("add32-m32-O0"), NULL);
	free(wait_for(&t, "Add (left=3, right=5)"));
	free(wait_for(&t, "Registers"));
	keys(&t, "v");
	free(wait_for(&t, "Registers: float and vector"));
	for (i = 0; i < 5; i++)
		keys(&t, "Tab");
	/* Down the pane to its end: mm7, never mm8.  */
	for (i = 0; i < 40; i++) {
		s = screen(&t);
		SCREEN_OK(strstr(s, "mm8 ") == NULL, s);
		found = found || strstr(s, "mm7 ") != NULL;
		free(s);
		keys(&t, "Down");
		util_sleep_ms(50);
	}
	ck_assert_msg(found, "no mm7 in the pane");
	tmx_quit(&t);
}
END_TEST

/* Stepping by instruction, the instruction about to run and the one
   just run are on screen at every size, their operands whole: a strip
   over the status line at 80 columns, the disassembly from 120.  */
START_TEST(insn_in_view)
{
	struct tmx t = { 0 };
	int w = sizes[_i][0], h = sizes[_i][1], k;
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, w, h, sample_path("callee8-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	keys(&t, "i");
	if (w < 120) {
		s = wait_line(&t, "=> 0x", "movq   $0x8,-0x10(%rbp)");
		SCREEN_OK(strstr(s, "<main+16>:  movq   $0x8,-0x10(%rbp)") !=
		    NULL, s);
		free(s);
		s = wait_line(&t, "(just ran)", "movq   $0x7,-0x8(%rbp)");
	} else {
		s = wait_line(&t, "▶", "movq   $0x8,-0x10(%rbp)");
		SCREEN_OK(strstr(s, "Disassembly") != NULL, s);
		free(s);
		s = wait_line(&t, "◀ ran", "movq   $0x7,-0x8(%rbp)");
	}
	/* The source is still there.  */
	SCREEN_OK(strstr(s, "long b = 8;") != NULL, s);
	free(s);
	/* Nine more to the call: its target named, nothing cut.  */
	for (k = 0; k < 9; k++)
		keys(&t, "i");
	s = w < 120 ? wait_line(&t, "=> 0x", "<main+62>:  call   0x") :
	    wait_line(&t, "▶", "<+62>");
	free(s);
	s = screen(&t);
	{
		char *l = line_with(s, w < 120 ? "=> 0x" : "<+62>");

		SCREEN_OK(l != NULL && strstr(l, "call   0x") != NULL &&
		    strstr(l, "<callee>") != NULL, s);
		free(l);
	}
	free(s);
	/* Into callee, its prologue, its six register arguments stored
	   under rsp: the word the last one wrote is in view.  */
	for (k = 0; k < 9; k++)
		keys(&t, "i");
	s = wait_line(&t, w < 120 ? "=> 0x" : "▶", w < 120 ? "<callee+28>" :
	    "<+28>");
	free(s);
	s = wait_for(&t, "0000000000000006* arg6 = 6");
	SCREEN_OK(strstr(s, "saved rbp → #1 rbp") != NULL &&
	    strstr(s, "◀ rsp ◀ rbp") != NULL, s);
	free(s);
	/* A source line at a time, the source has its place back.  */
	if (w >= 120 && w < 150) {
		keys(&t, "n");
		free(wait_screen(&t, "Disassembly", true));
	}
	tmx_quit(&t);
}
END_TEST

/* With an outer frame selected, frame #0's instruction stays in the
   strip, and a frame whose file cannot be read (the C library's, with or
   without its debug info) shows its code in the source's place.  */
START_TEST(outer_frame_code)
{
	struct tmx t = { 0 };
	int w = sizes[_i][0], h = sizes[_i][1];
	char *s, *l;

	if (!have_tmux())
		return;
	tmx_start(&t, w, h, sample_path("callee8-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	keys(&t, "u");
	keys(&t, "u");
	s = wait_for(&t, "frame #2");
	l = line_with(s, "=> 0x");
	SCREEN_OK(l != NULL && strstr(l, "<main+8>:  movq   $0x7,-0x8(%rbp)")
	    != NULL, s);
	free(l);
	if (w < 150)
		SCREEN_OK(strstr(s, "Code (no libc-start.c): at&t") != NULL ||
		    strstr(s, "Disassembly (no source): at&t") != NULL, s);
	SCREEN_OK(strstr(s, "cannot read the file") == NULL || w >= 150, s);
	free(s);
	/* Back in main, its source again and the strip as before.  */
	keys(&t, "d");
	keys(&t, "d");
	s = wait_for(&t, "frame #0");
	SCREEN_OK(strstr(s, "long a = 7;") != NULL && (w >= 150 ||
	    strstr(s, "=> 0x") != NULL), s);
	free(s);
	tmx_quit(&t);
}
END_TEST

/* finish's value is never cut.  */
START_TEST(finish_value)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, sizes[_i][0], sizes[_i][1], sample_path("callee8-O0"),
	    NULL);
	at_callee(&t);
	keys(&t, "f");
	free(wait_for(&t, "Value returned is $1 = 15"));
	/* The status line says why the program stopped.  */
	free(wait_line(&t, "| pid ", "| finished |"));
	/* The log keeps what was said, the command first.  */
	keys(&t, "L");
	s = wait_for(&t, "(framescope) finish");
	SCREEN_OK(strstr(s, "Run till exit from #0") != NULL, s);
	free(s);
	keys(&t, "Escape");
	free(wait_screen(&t, "(framescope) finish", true));
	tmx_quit(&t);
}
END_TEST

/* A value longer than the message area is read whole in the viewer, cut
   between its elements; w gives its one line back, scrolled sideways.  */
START_TEST(print_wraps)
{
	struct tmx t = { 0 };
	int w = sizes[_i][0], h = sizes[_i][1];
	char *s, *l;

	if (!have_tmux())
		return;
	tmx_start(&t, w, h, sample_path("values-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	type(&t, ":print g_arr_seq");
	keys(&t, "Enter");
	/* The first element and the last, without a key more.  */
	s = wait_for(&t, "198, 199...}");
	SCREEN_OK(strstr(s, "$1 = {0, 1, 2, 3,") != NULL && strstr(s, "›") ==
	    NULL, s);
	free(s);
	if (w >= 200 && h >= 40) {
		/* Its 899 characters fit in the message area's six lines.  */
		tmx_quit(&t);
		return;
	}
	s = wait_for(&t, "w unwraps");
	l = line_with(s, "198, 199...}");
	SCREEN_OK(l != NULL && strstr(l, "│") == l, s);
	free(l);
	free(s);
	keys(&t, "w");
	s = wait_for(&t, "<- -> scroll, w wraps");
	SCREEN_OK(strstr(s, "199...}") == NULL && strstr(s, "›") != NULL, s);
	free(s);
	keys(&t, "End");
	for (int k = 0; k < 160; k++)
		keys(&t, "Right");
	free(wait_for(&t, "199...}"));
	keys(&t, "q");
	free(wait_screen(&t, "w wraps", true));
	tmx_quit(&t);
}
END_TEST

/* :frames in the viewer: frame #0 first, lines whole (scrolled
   sideways), q or Escape closes it.  */
START_TEST(frames_viewer)
{
	struct tmx t = { 0 };
	int w = sizes[_i][0], top, row, col;
	char *s, *l;

	if (!have_tmux())
		return;
	tmx_start(&t, w, sizes[_i][1], sample_path("callee8-O0"), NULL);
	at_callee(&t);
	type(&t, ":frames");
	keys(&t, "Enter");
	/* The message, under everything: the viewer is whole.  */
	free(wait_for(&t, "frames: 71 lines in the viewer"));
	s = wait_for(&t, "─ frames ─");
	top = line_of(s, "─ frames ─");
	/* The first line in the viewer is #0's.  */
	ck_assert(pos_of(s, "#0 callee (callee8.c:4)", &row, &col));
	SCREEN_OK(row == top + 1, s);
	/* Then the caller, not the outermost frame.  */
	if (sizes[_i][1] >= 60)
		SCREEN_OK(pos_of(s, "                    #1 main (callee8.c:10)",
		    &row, &col) && row > top + 1, s);
	free(s);
	if (w < 120) {
		/* Cut lines say so; the right arrow shows what follows.  */
		s = screen(&t);
		l = line_with(s, "return address → main+67");
		SCREEN_OK(l != NULL && strstr(l, "(callee8.c:10)") == NULL &&
		    strstr(l, "›") != NULL, s);
		free(l);
		free(s);
		keys(&t, "Right");
		keys(&t, "Right");
		keys(&t, "Right");
		s = wait_for(&t, "main+67 (callee8.c:10)");
		free(s);
	}
	keys(&t, "q");
	free(wait_screen(&t, "─ frames ─", true));
	/* bt: frame #0 and #1, whole, in the viewer or the message area.  */
	type(&t, ":bt");
	keys(&t, "Enter");
	s = wait_for(&t, "#1  0x");
	SCREEN_OK(strstr(s, "#0  callee (arg1=1, arg2=2, arg3=3, arg4=4, "
	    "arg5=5, arg6=6, arg7=7, arg8=8) at callee8.c:4") != NULL ||
	    strstr(s, "─ bt ─") != NULL, s);
	free(s);
	keys(&t, "Escape");
	free(wait_screen(&t, "─ bt ─", true));
	tmx_quit(&t);
}
END_TEST

/* The focused pane shows, without colours and in ASCII too; with the
   program's output focused, the status line says where keys go.  */
START_TEST(focus_marker)
{
	struct tmx t = { 0 };
	bool ascii = _i >= NSIZES;
	int w = sizes[_i % NSIZES][0], k;
	const char *stack_on = ascii ? "= > Stack:" : "━ ▶ Stack:";
	const char *src_on = ascii ? "= > Source:" : "━ ▶ Source:";
	const char *src_off = ascii ? "- Source:" : "─ Source:";
	char *s;

	if (!have_tmux())
		return;
	if (ascii) {
		t.lang = "C";
		t.no_color = true;
	}
	tmx_start(&t, w, sizes[_i % NSIZES][1], sample_path("callee8-O0"),
	    NULL);
	free(wait_for(&t, "#0 main"));
	s = wait_for(&t, "LIVE");
	SCREEN_OK(strstr(s, stack_on) != NULL && strstr(s, src_off) != NULL,
	    s);
	free(s);
	keys(&t, "Tab");
	s = wait_for(&t, src_on);
	SCREEN_OK(strstr(s, stack_on) == NULL, s);
	free(s);
	/* On to the program's output.  */
	for (k = 0; k < 5; k++)
		keys(&t, "Tab");
	s = wait_for(&t, "keys ");
	{
		char *l = line_with(s, "LIVE");

		SCREEN_OK(l != NULL && (strstr(l, "keys go to the program") !=
		    NULL || strstr(l, "keys to program") != NULL), s);
		free(l);
	}
	SCREEN_OK(strstr(s, ascii ? "= > Program output" :
	    "━ ▶ Program output") != NULL, s);
	free(s);
	keys(&t, "Tab");
	free(wait_for(&t, stack_on));
	tmx_quit(&t);
}
END_TEST

/* q asks before it kills the program, Escape closes only overlays, Q
   quits without asking.  */
START_TEST(quit_asks)
{
	struct tmx t = { 0 };
	char *s;
	pid_t prog;

	if (!have_tmux())
		return;
	tmx_start(&t, sizes[_i][0], sizes[_i][1], sample_path("callee8-O0"),
	    NULL);
	free(wait_for(&t, "#0 main"));
	s = status_drawn(&t);
	prog = shown_pid(s);
	ck_assert_int_gt(prog, 0);
	free(s);
	keys(&t, "Escape");
	keys(&t, "q");
	free(wait_for(&t, "(y or n)"));
	keys(&t, "n");
	s = wait_for(&t, "Not confirmed.");
	SCREEN_OK(!pane_dead(&t) && !util_pid_gone(prog), s);
	free(s);
	/* Escape in the question says no, and kills nothing.  */
	keys(&t, "q");
	free(wait_for(&t, "(y or n)"));
	keys(&t, "Escape");
	free(wait_screen(&t, "(y or n)", true));
	ck_assert(!pane_dead(&t) && !util_pid_gone(prog));
	keys(&t, "i");
	free(wait_for(&t, "stepped"));
	keys(&t, "Q");
	ck_assert_int_eq(wait_exit(&t), 0);
	ck_assert_msg(util_pid_gone(prog), "the program %d is left",
	    (int)prog);
	tmx_stop(&t);
}
END_TEST

/* A recursion folds in the stack pane too, into one box; Enter unfolds
   it and folds it again.  */
START_TEST(stack_fold)
{
	struct tmx t = { 0 };
	char spec[64], *s;

	if (!have_tmux())
		return;
	snprintf(spec, sizeof spec, "break factorial.c:%u",
	    util_source_line("factorial.c", "return 1;"));
	tmx_start(&t, sizes[_i][0], sizes[_i][1], "-ex", spec, "-ex",
	    "continue", sample_path("factorial-O0"), "10", NULL);
	free(wait_for(&t, "#0-#9 factorial ×10"));
	/* Up into the fold: the box says it holds the selected frame.  */
	keys(&t, "u");
	keys(&t, "u");
	keys(&t, "u");
	free(wait_for(&t, "#3  0x"));
	s = wait_for(&t, "#3 selected");
	SCREEN_OK(strstr(s, "┌─ #3-#9 factorial ×7 ") != NULL, s);
	SCREEN_OK(strstr(s, "7 frames of factorial folded, 224 bytes of "
	    "stack") != NULL, s);
	SCREEN_OK(strstr(s, "┌─ #2 factorial (factorial.c:10)") != NULL ||
	    strstr(s, "n = 10") != NULL, s);
	free(s);
	keys(&t, "Enter");
	s = wait_for(&t, "Unfolded factorial ×10 (#0-#9)");
	SCREEN_OK(strstr(s, "┌─ #3 factorial (factorial.c:10)") != NULL, s);
	SCREEN_OK(strstr(s, "factorial ×7") == NULL, s);
	free(s);
	keys(&t, "Enter");
	free(wait_for(&t, "Folded factorial ×10 (#0-#9)"));
	free(wait_for(&t, "#3-#9 factorial ×7"));
	tmx_quit(&t);
}
END_TEST

/* The mouse: a click selects a frame in the backtrace and in the stack,
   the wheel scrolls the pane under it, a click on a line number sets a
   breakpoint and another deletes it.  */
START_TEST(mouse_select)
{
	struct tmx t = { 0 };
	int row, col, row2, col2;
	char *s, *before, *after;
	double waited;

	if (!have_tmux())
		return;
	tmx_start(&t, sizes[_i][0], sizes[_i][1], sample_path("callee8-O0"),
	    NULL);
	at_callee(&t);
	/* main's words in the stack: main is selected.  */
	s = screen(&t);
	ck_assert(pos_of(s, "outgoing arg7 of callee = 7", &row, &col));
	free(s);
	click_at(&t, row, col + 2);
	free(wait_for(&t, "#1  0x"));
	s = wait_for(&t, "frame #1");
	SCREEN_OK(strstr(s, "in main () at callee8.c:10") != NULL, s);
	SCREEN_OK(strstr(s, "━ ▶ Stack") != NULL, s);
	free(s);
	/* callee in the backtrace.  */
	s = screen(&t);
	ck_assert(pos_of(s, "│ #0 callee (callee8.c:4)", &row, &col));
	free(s);
	click_at(&t, row, col + 4);
	free(wait_for(&t, "#0  callee (arg1=1"));
	s = wait_for(&t, "frame #0");
	SCREEN_OK(strstr(s, "━ ▶ Backtrace") != NULL, s);
	free(s);
	/* The wheel over the stack: its first line changes.  */
	s = screen(&t);
	ck_assert(pos_of(s, "Stack:", &row, &col));
	before = strdup(strchr(s, '\n') + 1);
	*strchr(before, '\n') = '\0';
	free(s);
	mouse(&t, 65, row + 2, col);
	mouse(&t, 65, row + 2, col);
	for (waited = 0;; waited += 0.1) {
		s = screen(&t);
		after = strdup(strchr(s, '\n') + 1);
		*strchr(after, '\n') = '\0';
		if (strcmp(before, after) != 0)
			break;
		SCREEN_OK(waited < WAIT_S, s);
		free(after);
		free(s);
		util_sleep_ms(100);
	}
	free(after);
	free(before);
	free(s);
	/* A breakpoint by its line number, and away again.  */
	s = screen(&t);
	ck_assert(pos_of(s, "    9      long b = 8;", &row2, &col2));
	free(s);
	click_at(&t, row2, col2 + 3);
	free(wait_for(&t, "Breakpoint 3 at"));
	free(wait_for(&t, "●    9      long b = 8;"));
	click_at(&t, row2, col2 + 3);
	free(wait_for(&t, "Deleted breakpoint 3"));
	free(wait_screen(&t, "●    9", true));
	tmx_quit(&t);
}
END_TEST

/* Every action says what it did; the status line fits in every mode. */
START_TEST(feedback)
{
	struct tmx t = { 0 };
	char path[4200], want[4300], *s, *l;
	struct stat st;

	if (!have_tmux())
		return;
	tmx_start(&t, sizes[_i][0], sizes[_i][1], sample_path("callee8-O0"),
	    NULL);
	at_callee(&t);
	snprintf(path, sizeof path, "%s/s.json", t.dir);
	type(&t, ":snapshot ");
	type(&t, path);
	keys(&t, "Enter");
	s = wait_for(&t, "Wrote ");
	ck_assert_int_eq(stat(path, &st), 0);
	{
		char num[32], *o = num;
		long long v = st.st_size, div = 1;

		while (div * 1000 <= v)
			div *= 1000;
		o += sprintf(o, "%lld", v / div);
		for (v %= div, div /= 1000; div > 0; v %= div, div /= 1000)
			o += sprintf(o, ",%03lld", v / div);
		snprintf(want, sizeof want, "Wrote %s bytes to", num);
	}
	SCREEN_OK(strstr(s, want) != NULL, s);
	free(s);
	/* u, d and a say what they did.  */
	keys(&t, "u");
	free(wait_for(&t, "#1  0x"));
	keys(&t, "d");
	free(wait_for(&t, "#0  callee (arg1=1"));
	keys(&t, "a");
	free(wait_for(&t, "The disassembly in Intel syntax"));
	/* e: the explanation whole, over as many lines as it needs.  */
	keys(&t, "e");
	s = wait_for(&t, "returns");
	SCREEN_OK(strstr(s, "saved by push %rbp in callee's prologue") !=
	    NULL, s);
	free(s);
	/* History: the status line keeps its pieces whole.  */
	keys(&t, "i");
	free(wait_for(&t, "stepped"));
	keys(&t, "<");
	s = wait_for(&t, "HIST");
	l = line_with(s, "HIST");
	SCREEN_OK(l != NULL && (strstr(l, "HISTORY ") != NULL ||
	    strstr(l, "HIST ") != NULL) && strstr(l, "breakpoint") !=
	    NULL && (strstr(l, "at&") == NULL || strstr(l, "at&t") != NULL),
	    s);
	free(l);
	free(s);
	tmx_quit(&t);
}
END_TEST

/* The smashed frame: its overwritten slots marked `!' and said so, also
   without colour; G turns the guard on.  */
START_TEST(smashed_slots)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	setenv("NO_COLOR", "1", 1);
	tmx_start(&t, 160, 50, "-ex", "break overflow.c:14", "-ex", "c",
	    sample_path("overflow-sp-O0"), NULL);
	unsetenv("NO_COLOR");
	free(wait_for(&t, "breakpoint 2 | stop 2 |"));
	s = wait_for(&t, "#0 vuln (overflow.c:14)");
	SCREEN_OK(strstr(s, "overwritten") == NULL, s);
	SCREEN_OK(strstr(s, "canary") != NULL, s);
	free(s);
	keys(&t, "n");
	s = wait_for(&t, "canary (overwritten; was 0x");
	SCREEN_OK(strstr(s, "4444444444444444! return address → "
	    "0x4444444444444444 (over") != NULL, s);
	SCREEN_OK(strstr(s, "4343434343434343! saved rbp (overwritten") !=
	    NULL, s);
	SCREEN_OK(strstr(s, "4242424242424242! canary") != NULL, s);
	free(s);
	keys(&t, "G");
	free(wait_for(&t, "Guard on"));
	tmx_quit(&t);
}
END_TEST

/* The same of an i386 program: its 4-byte words marked, and G's guard
   stopping at the copy.  */
START_TEST(smashed_slots_m32)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, 120, 40, "-ex", "break overflow.c:14", "-ex", "c",
	    sample_path("overflow-sp-m32-O0"), NULL);
	free(wait_for(&t, "breakpoint 2 | stop 2 |"));
	s = wait_for(&t, "#0 vuln (overflow.c:14) [cdecl]");
	SCREEN_OK(strstr(s, "overwritten") == NULL, s);
	SCREEN_OK(strstr(s, "canary") != NULL, s);
	free(s);
	keys(&t, "n");
	s = wait_for(&t, "canary (overwritten; was 0x");
	SCREEN_OK(strstr(s, "44444444! return address → 0x44444444 (over") !=
	    NULL, s);
	SCREEN_OK(strstr(s, "43434343! saved ebp (overwritten") != NULL, s);
	SCREEN_OK(strstr(s, "42424242! canary") != NULL, s);
	free(s);
	tmx_quit(&t);
	tmx_start(&t, 160, 50, sample_path("overflow-sp-m32-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	keys(&t, "G");
	free(wait_for(&t, "Guard on"));
	keys(&t, "c");
	s = wait_for(&t, "Stack smash: strcpy (called at overflow.c:14)");
	SCREEN_OK(strstr(s, "saved ebx, saved ebp and return") != NULL, s);
	free(s);
	tmx_quit(&t);
}
END_TEST

/* A recording's timeline over the strip: the position, the breakpoint
   hits, from its first position to its end; it goes with the recording.
   In Unicode with colours, then ASCII without.  */
START_TEST(record_timeline)
{
	struct tmx t = { 0 };
	bool ascii = _i >= NSIZES;
	int w = sizes[_i % NSIZES][0], k, row, col;
	const char *pos = ascii ? "#" : "◆", *hit = ascii ? "*" : "●";
	char *s, *l, *p, *h;

	if (!have_tmux())
		return;
	if (ascii) {
		t.lang = "C";
		t.no_color = true;
	}
	tmx_start(&t, w, sizes[_i % NSIZES][1], "-ex", "break callee",
	    sample_path("callee8-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	SCREEN_OK((s = screen(&t)) != NULL && strstr(s, "breakpoint hit") ==
	    NULL, s);
	free(s);
	keys(&t, "R");
	free(wait_for(&t, "REC 0 |"));
	s = wait_line(&t, " 0 ", "| 0 breakpoint hits");
	l = line_with(s, "breakpoint hits");
	/* Over the strip, the position at the start.  */
	SCREEN_OK(l != NULL && strncmp(l, " 0 ", 3) == 0 && strstr(l, pos) ==
	    l + 3, s);
	free(l);
	free(s);
	keys(&t, "c");
	free(wait_for(&t, "| stop 2 |"));
	s = wait_line(&t, pos, "| 1 breakpoint hit");
	l = line_with(s, "breakpoint hit");
	/* At the end of the log, on the hit.  */
	SCREEN_OK(l != NULL && strstr(l, hit) == NULL && strstr(l, pos) !=
	    NULL && strstr(strstr(l, pos), ascii ? "-" : "─") == NULL, s);
	free(l);
	free(s);
	for (k = 0; k < 7; k++)
		keys(&t, "<");
	free(wait_for(&t, "| stop 9 |"));
	s = wait_line(&t, hit, "| 1 breakpoint hit");
	l = line_with(s, "breakpoint hit");
	p = l != NULL ? strstr(l, pos) : NULL;
	h = l != NULL ? strstr(l, hit) : NULL;
	/* Back in the past: the position left of the hit.  */
	SCREEN_OK(p != NULL && h != NULL && p < h && strstr(s, "REPLAY ") !=
	    NULL, s);
	/* A click on the hit goes there: the end of the log.  */
	ck_assert(pos_of(s, "| 1 breakpoint hit", &row, &col));
	for (col = 0, p = l; p < h; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	free(l);
	free(s);
	click_at(&t, row, col);
	free(wait_for(&t, "Go forward to insn number 19"));
	s = wait_line(&t, pos, "| 1 breakpoint hit");
	l = line_with(s, "breakpoint hit");
	SCREEN_OK(l != NULL && strstr(l, hit) == NULL && strstr(s, "REC 19") !=
	    NULL, s);
	free(l);
	free(s);
	keys(&t, "R");
	free(wait_screen(&t, "breakpoint hit", true));
	tmx_quit(&t);
}
END_TEST

/* Recording: R starts it, < steps back in it, > forward, to its end,
   R stops it; a recording saved opens in the TUI with --replay.  */
START_TEST(record_keys)
{
	struct tmx t = { 0 };
	char *dir, *rec, *cmd, *s;

	if (!have_tmux())
		return;
	dir = util_tmpdir();
	ck_assert_int_ne(asprintf(&rec, "%s/callee.rec", dir), -1);
	tmx_start(&t, 140, 40, sample_path("callee8-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	keys(&t, "R");
	free(wait_for(&t, "REC 0 |"));
	type(&t, ":break callee");
	keys(&t, "Enter");
	free(wait_for(&t, "Breakpoint 2 at"));
	keys(&t, "c");
	free(wait_for(&t, "breakpoint 2 | stop 2 |"));
	keys(&t, "f");
	s = wait_for(&t, "| stop 3 |");
	SCREEN_OK(strstr(s, "#0 main (callee8.c:10)") != NULL, s);
	free(s);
	/* One instruction back: the return undone, callee's frame back.  */
	keys(&t, "<");
	s = wait_for(&t, "| stop 4 |");
	SCREEN_OK(strstr(s, "#0 callee (callee8.c:5)") != NULL &&
	    strstr(s, "REPLAY ") != NULL, s);
	free(s);
	ck_assert_int_ne(asprintf(&cmd, ":record save %s", rec), -1);
	type(&t, cmd);
	keys(&t, "Enter");
	free(wait_for(&t, "Saved recording"));
	keys(&t, ">");
	s = wait_for(&t, "| stop 5 |");
	SCREEN_OK(strstr(s, "#0 main (callee8.c:10)") != NULL &&
	    strstr(s, "REC ") != NULL, s);
	free(s);
	keys(&t, "R");
	free(wait_for(&t, "LIVE |"));
	tmx_quit(&t);
	/* The saved one, with no process.  */
	tmx_start(&t, 140, 40, "--replay", rec, NULL);
	s = wait_for(&t, "REPLAY ");
	SCREEN_OK(strstr(s, "#0 callee (callee8.c:5)") != NULL &&
	    strstr(s, "(recording)") != NULL, s);
	free(s);
	keys(&t, "<");
	s = wait_for(&t, "| stop 1 |");
	SCREEN_OK(strstr(s, "#0 callee (callee8.c:5)") != NULL, s);
	free(s);
	keys(&t, "q");
	ck_assert_int_eq(wait_exit(&t), 0);
	tmx_stop(&t);
	util_rmtree(dir);
	free(dir);
	free(rec);
	free(cmd);
}
END_TEST

/* Blocks at the `:' prompt, line by line as gdb reads them: `commands'
   and `define' ask for their lines with gdb's ">" (" >" inside an if),
   the breakpoint's silent list runs at its stop instead of the stop
   report, and the command defined runs with its arguments.  */
START_TEST(command_blocks)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, 100, 30, sample_path("callee8-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	type(&t, ":break callee");
	keys(&t, "Enter");
	free(wait_for(&t, "Breakpoint 2 at"));
	type(&t, ":commands");
	keys(&t, "Enter");
	type(&t, "silent");
	free(wait_for(&t, ">silent"));
	keys(&t, "Enter");
	type(&t, "if arg7 == 7");
	keys(&t, "Enter");
	/* The line being typed after the nested prompt.  */
	type(&t, "echo seven");
	free(wait_for(&t, " >echo seven"));
	keys(&t, "Enter");
	type(&t, "end");
	keys(&t, "Enter");
	type(&t, "print arg7 + arg8");
	keys(&t, "Enter");
	type(&t, "end");
	keys(&t, "Enter");
	type(&t, ":define twice");
	keys(&t, "Enter");
	type(&t, "print $arg0 * 2");
	keys(&t, "Enter");
	type(&t, "end");
	keys(&t, "Enter");
	keys(&t, "c");
	s = wait_for(&t, "$1 = 15");
	SCREEN_OK(strstr(s, "seven") != NULL &&
	    strstr(s, "Breakpoint 2,") == NULL, s);
	free(s);
	free(wait_line(&t, "| pid ", "| breakpoint 2 |"));
	type(&t, ":twice 21");
	keys(&t, "Enter");
	free(wait_for(&t, "$2 = 42"));
	/* The log has gdb's words and prompts.  */
	keys(&t, "L");
	s = wait_for(&t, "Type commands for breakpoint(s) 2, one per line.");
	SCREEN_OK(strstr(s, " >echo seven") != NULL &&
	    strstr(s, "Type commands for definition of \"twice\".") != NULL,
	    s);
	free(s);
	keys(&t, "Escape");
	tmx_quit(&t);
}
END_TEST

/* return at the `:' prompt pops the frame: the panes show the caller
   at once (no stop was made), and the value is in it after a step;
   shell's output comes back in the message area.  */
START_TEST(return_redraws)
{
	struct tmx t = { 0 };
	char *s;

	if (!have_tmux())
		return;
	tmx_start(&t, 120, 35, sample_path("factorial-O0"), NULL);
	free(wait_for(&t, "#0 main"));
	type(&t, ":break factorial");
	keys(&t, "Enter");
	free(wait_for(&t, "Breakpoint 2 at"));
	keys(&t, "c");
	free(wait_line(&t, "| pid ", "| breakpoint 2 |"));
	free(wait_for(&t, "#0 factorial (factorial.c:8)"));
	type(&t, ":return 42");
	keys(&t, "Enter");
	s = wait_for(&t, "#0 main (factorial.c:16)");
	SCREEN_OK(strstr(s, "Make factorial return now?") != NULL &&
	    strstr(s, "#1 main") == NULL, s);
	free(s);
	keys(&t, "n");
	free(wait_for(&t, "r = 42"));
	/* shell's output is shown as a command's, the screen kept.  */
	type(&t, ":shell echo hi there; echo and more >&2");
	keys(&t, "Enter");
	s = wait_for(&t, "and more");
	SCREEN_OK(strstr(s, "hi there") != NULL &&
	    strstr(s, "#0 main (factorial.c:17)") != NULL, s);
	free(s);
	tmx_quit(&t);
}
END_TEST

Suite *
tui_suite(void)
{
	Suite *s = suite_create("tui");
	TCase *tc = tcase_create("tmux");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_unchecked_fixture(tc, NULL, tmx_reap);
	tcase_add_test(tc, callee8_80x24);
	tcase_add_test(tc, callee8_160x50);
	tcase_add_test(tc, explain_slots);
	tcase_add_test(tc, history_keys);
	tcase_add_test(tc, resize);
	tcase_add_test(tc, attach_detach);
	tcase_add_test(tc, attach_detach_i386);
	tcase_add_test(tc, add32_80x24);
	tcase_add_test(tc, callconv32_titles);
	tcase_add_test(tc, program_output);
	tcase_add_test(tc, deep_fold);
	tcase_add_test(tc, sigterm_restores);
	tcase_add_test(tc, rust_heap_demo);
	tcase_add_test(tc, float_view);
	tcase_add_test(tc, float_view_m32);
	tcase_add_loop_test(tc, insn_in_view, 0, NSIZES);
	tcase_add_loop_test(tc, outer_frame_code, 0, NSIZES);
	tcase_add_loop_test(tc, finish_value, 0, NSIZES);
	tcase_add_loop_test(tc, frames_viewer, 0, NSIZES);
	tcase_add_loop_test(tc, print_wraps, 0, NSIZES);
	/* Then again in ASCII without colours.  */
	tcase_add_loop_test(tc, focus_marker, 0, 2 * NSIZES);
	tcase_add_loop_test(tc, quit_asks, 0, NSIZES);
	tcase_add_loop_test(tc, stack_fold, 0, NSIZES);
	tcase_add_loop_test(tc, mouse_select, 0, NSIZES);
	tcase_add_loop_test(tc, feedback, 0, NSIZES);
	tcase_add_test(tc, smashed_slots);
	tcase_add_test(tc, smashed_slots_m32);
	tcase_add_test(tc, record_keys);
	tcase_add_test(tc, command_blocks);
	tcase_add_test(tc, return_redraws);
	tcase_add_loop_test(tc, record_timeline, 0, 2 * NSIZES);
	suite_add_tcase(s, tc);
	return s;
}
