/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tui: the live terminal front end (see include/tui.h). */
#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "fs_insn.h"
#include "fs_sbuf.h"
#include "fs_record.h"
#include "fs_source.h"
#include "fs_target.h"
#include "fs_guard.h"
#include "tui.h"

enum pane { P_STACK, P_SOURCE, P_BT, P_VARS, P_ASM, P_REGS, P_OUT, P_N };

static const char *const pane_names[P_N] = { "Stack", "Source", "Backtrace",
    "Locals", "Disassembly", "Registers", "Program output" };

enum role {
	R_NORMAL, R_TITLE, R_TITLE_FOCUS, R_CHANGED, R_RETADDR, R_SAVED,
	R_VAR, R_REDZONE, R_MARKER, R_CURLINE, R_BREAK, R_ERROR, R_HISTORY,
	R_DIM, R_SELECT, R_STATUS, R_SMASH, R_N
};

struct rect {
	int		 y, x, h, w;
	bool		 shown;
};

struct glyphs {
	const char	*h, *v, *tl, *tr, *bl, *br, *tee_r, *tee_l;
	const char	*left, *cur, *bp, *more, *times;
	const char	*hh;		/* the focused pane's rule */
	const char	*right;		/* a line goes on to the right */
	const char	*pos;		/* the position on a timeline */
};

static const struct glyphs g_unicode = { "─", "│", "┌", "┐", "└", "┘", "├",
    "┤", "◀", "▶", "●", "⋮", "×", "━", "›", "◆" };
static const struct glyphs g_ascii = { "-", "|", "+", "+", "+", "+", "+",
    "+", "<-", ">", "*", ":", "x", "=", ">", "#" };

#define OUT_LINES	1000
#define MSG_LEN		4096
#define LOG_LINES	5000

/* The last CAP lines of something.  */
struct ring {
	char		**v;		/* CAP of them, made on first use */
	size_t		 cap, n, head;
};

/* The program's terminal: a reader thread drains it into lines, so that
   the program never blocks on a full terminal while we wait for it.  */
struct outbuf {
	pthread_mutex_t	 mu;
	struct ring	 lines;
	char		 part[512];
	size_t		 plen;
	volatile int	 dirty;
};

struct viewer {
	bool		 on;
	char		 title[160];
	char		*text;		/* tabs expanded */
	bool		 wrap;		/* lines cut between words */
	int		 wrapw;		/* the width they were cut at */
	char		**lines;
	size_t		 n;
	int		 widest;	/* columns of the longest line */
	long		 top;		/* first line shown */
	int		 left;		/* first column shown */
};

struct tui {
	struct cmd_ctx	*c;
	struct fs_session *s;
	const struct tui_opts *o;
	struct tui_model *m;
	const struct glyphs *g;
	bool		 ascii, color;
	attr_t		 attr[R_N];

	/* History: a ring of captured stops; the newest is the live one. */
	struct tui_snap	**hist;
	size_t		 hcap, hn, hhead;
	long		 hview;		/* -1: live, else index from oldest */

	int		 W, H;
	int		 rows;		/* lines of the panes */
	struct rect	 r[P_N];
	int		 focus;
	int		 band;		/* the pane in the shared column */

	/* The stack pane's lines (stack_build), for SL_SNAP as folded at
	   SL_FOLD; the line of each map's head.  */
	struct sline	*sl;
	size_t		 nsl, slcap;
	const struct tui_snap *sl_snap;
	unsigned long	 sl_fold, fold_gen;
	long		*sl_head;
	long		 stack_cur;	/* cursor line of the stack pane */
	long		 stack_top;
	bool		 stack_follow;
	long		 src_cur;	/* source cursor line (from 1) */
	char		 src_key[1024];	/* file + line the cursor is for */
	long		 bt_top;
	size_t		 bt_sel;	/* row of the selected frame */
	unsigned	 src_top;	/* first line the source shows */
	bool		 mouse;		/* mouse events asked for */
	size_t		*unfolded;	/* first frames of unfolded runs */
	size_t		 nunfolded;
	int		 out_back;	/* lines scrolled back */

	bool		 intel;
	bool		 xview;		/* Registers: float and vector */
	long		 xregs_top;	/* its first line shown */
	bool		 playing;
	int		 speed;
	int		 last_step;	/* the last step key: < and > in a
					   recording step as it did */
	bool		 prompting;
	char		 prompt[512];
	char		 logprompt[300];	/* before the command run: the
						   log's "(framescope) ", or
						   ">" in a block */
	size_t		 plen;
	char		 msg[MSG_LEN];	/* lines split by '\n' */
	bool		 msg_err;
	int		 msg_rows;	/* lines of the message area */
	/* The instruction strip, for sizes without a disassembly pane.  */
	char		 strip[2][1100];
	int		 bar_rows[4];	/* lines of each bar (bars[]) */
	/* The recording's breakpoint hits seen, by position (sorted).  */
	const struct fs_record *tl_rec;
	uint64_t	*tl_hits;
	size_t		 tl_n, tl_cap;
	/* Where it was drawn, for a click: its line, its track's columns,
	   the positions they span.  */
	int		 tl_y, tl_x, tl_w;
	uint64_t	 tl_lo, tl_span;
	bool		 insn_mode;	/* stepping by instruction */
	const char	*typed;		/* the `:' line as typed */
	struct ring	 log;		/* every command and what it
					   said, for L */
	struct viewer	 view;
	enum { ASK_NONE, ASK_QUIT, ASK_ATTACHED } asking;
	bool		 quit;
	bool		 dirty;

	/* The interpreter's streams, read after each command.  */
	FILE		*out, *err;
	char		*outbuf, *errbuf;
	size_t		 outlen, errlen;

	int		 ptm, pts;
	char		 ptsname[64];
	pthread_t	 reader;
	bool		 reader_on;
	int		 wake[2];	/* a pipe that tells the reader to end:
					   it is joined, not cancelled */
	struct outbuf	 ob;
	int		 saved_stderr;

	/* Timings for `make bench` (FRAMESCOPE_TUI_STATS).  */
	double		 draw_sum, draw_max, step_sum, step_max;
	unsigned long	 ndraw, nstep;
	double		 play_s;
	unsigned long	 play_steps;
};

static volatile sig_atomic_t g_term, g_busy, g_intr;
static struct fs_session *g_sess;
static struct termios g_tio;
static bool g_have_tio;

/* Steps per second of play; the last one: as fast as it goes.  */
static const int speeds[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 0 };
#define NSPEEDS	((int)(sizeof speeds / sizeof speeds[0]))

/* ------------------------------------------------------------ signals */

static void
on_term(int sig)
{
	(void)sig;
	g_term = 1;
	fs_cancel_request();
	if (g_sess != NULL)
		fs_session_interrupt(g_sess);
}

/* ^C stops what runs (the program, or play); with nothing running it
   quits, as a terminal program is expected to.  */
static void
on_int(int sig)
{
	(void)sig;
	if (g_busy) {
		fs_cancel_request();
		if (g_sess != NULL)
			fs_session_interrupt(g_sess);
	} else if (g_intr)
		g_term = 1;
	else
		g_intr = 1;
}

/* getch, taking a terminal that is gone for a hangup: a tmux pane
   killed under a wrapper shell sends no SIGHUP, and every read of the
   terminal then fails at once.  */
static int
key_get(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	int ch = getch();

	if (ch == ERR && (poll(&p, 1, 0) < 0 ||
	    (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0))
		g_term = 1;
	return ch;
}

static void
on_crash(int sig)
{
	static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";

	if (g_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &g_tio);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
		/* Nothing more can be done.  */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
signals_tui(void)
{
	struct sigaction sa;
	static const int crash[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE,
	    SIGILL };
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
}

/* ------------------------------------------------------------- output */

/* Add S[0..LEN) as the newest line, the oldest going when it is full;
   the copy, or NULL.  */
static char *
ring_add(struct ring *r, const char *s, size_t len)
{
	char *l;

	if (r->v == NULL && (r->v = calloc(r->cap, sizeof *r->v)) == NULL)
		return NULL;
	if ((l = strndup(s, len)) == NULL)
		return NULL;
	if (r->n == r->cap) {
		free(r->v[r->head]);
		r->v[r->head] = l;
		r->head = (r->head + 1) % r->cap;
	} else
		r->v[(r->head + r->n++) % r->cap] = l;
	return l;
}

/* Line I, from the oldest.  */
static const char *
ring_at(const struct ring *r, size_t i)
{
	return r->v[(r->head + i) % r->cap];
}

static void
ring_free(struct ring *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[(r->head + i) % r->cap]);
	free(r->v);
	r->v = NULL;
	r->n = r->head = 0;
}

static void
ob_line(struct outbuf *ob, const char *s, size_t len)
{
	size_t i;
	char *l;

	if ((l = ring_add(&ob->lines, s, len)) == NULL)
		return;
	for (i = 0; l[i] != '\0'; i++)
		if ((unsigned char)l[i] < 0x20 && l[i] != '\t')
			l[i] = ' ';
}

static void
ob_feed(struct outbuf *ob, const char *buf, size_t n)
{
	size_t i;

	pthread_mutex_lock(&ob->mu);
	for (i = 0; i < n; i++) {
		if (buf[i] == '\r')
			continue;
		if (buf[i] == '\n' || ob->plen == sizeof ob->part) {
			ob_line(ob, ob->part, ob->plen);
			ob->plen = 0;
			if (buf[i] == '\n')
				continue;
		}
		ob->part[ob->plen++] = buf[i];
	}
	ob->dirty = 1;
	pthread_mutex_unlock(&ob->mu);
}

static void *
reader_main(void *arg)
{
	struct tui *t = arg;
	char buf[4096];
	ssize_t n;

	struct pollfd pfd[2];

	pfd[0].fd = t->ptm;
	pfd[1].fd = t->wake[0];
	pfd[0].events = pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, 50) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents != 0)
			break;
		if (!(pfd[0].revents & POLLIN)) {
			/* No slave open (between runs): wait, try again. */
			if (pfd[0].revents & (POLLHUP | POLLERR))
				usleep(50000);
			continue;
		}
		n = read(t->ptm, buf, sizeof buf);
		if (n > 0)
			ob_feed(&t->ob, buf, (size_t)n);
	}
	return NULL;
}

static int
pty_open(struct tui *t)
{
	char *name;

	t->ptm = t->pts = -1;
	if ((t->ptm = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0 ||
	    grantpt(t->ptm) < 0 || unlockpt(t->ptm) < 0 ||
	    (name = ptsname(t->ptm)) == NULL)
		goto fail;
	snprintf(t->ptsname, sizeof t->ptsname, "%s", name);
	if ((t->pts = open(t->ptsname, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		goto fail;
	pthread_mutex_init(&t->ob.mu, NULL);
	if (pipe2(t->wake, O_CLOEXEC) < 0)
		goto fail;
	if (pthread_create(&t->reader, NULL, reader_main, t) != 0) {
		close(t->wake[0]);
		close(t->wake[1]);
		goto fail;
	}
	t->reader_on = true;
	fs_session_set_stdio(t->s, t->pts, t->pts, t->pts);
	return 0;
fail:
	if (t->ptm >= 0)
		close(t->ptm);
	if (t->pts >= 0)
		close(t->pts);
	t->ptm = t->pts = -1;
	return -1;
}

static void
pty_close(struct tui *t)
{
	if (t->reader_on) {
		(void)write(t->wake[1], "", 1);
		pthread_join(t->reader, NULL);
		close(t->wake[0]);
		close(t->wake[1]);
		t->reader_on = false;
	}
	fs_session_set_stdio(t->s, -1, -1, -1);
	if (t->ptm >= 0)
		close(t->ptm);
	if (t->pts >= 0)
		close(t->pts);
	t->ptm = t->pts = -1;
	ring_free(&t->ob.lines);
}

static void
pty_resize(struct tui *t)
{
	struct winsize ws;
	const struct rect *r = &t->r[P_OUT];

	if (t->ptm < 0)
		return;
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)(r->shown && r->h > 1 ? r->h - 1 : 24);
	ws.ws_col = (unsigned short)(r->shown && r->w > 0 ? r->w : 80);
	ioctl(t->ptm, TIOCSWINSZ, &ws);
}

/* ------------------------------------------------------------ history */

static struct tui_snap *
hist_at(const struct tui *t, size_t i)
{
	return t->hist[(t->hhead + i) % t->hcap];
}

static struct tui_snap *
cur_snap(const struct tui *t)
{
	if (t->hn == 0)
		return NULL;
	return hist_at(t, t->hview >= 0 ? (size_t)t->hview : t->hn - 1);
}

static void
hist_push(struct tui *t, struct tui_snap *sn)
{
	struct tui_snap *last;

	/* The same stop taken again (more frames): replace it.  */
	if (t->hn > 0 && (last = hist_at(t, t->hn - 1))->number ==
	    sn->number && last->alive == sn->alive &&
	    last->stop.reason == sn->stop.reason) {
		tui_snap_free(last);
		t->hist[(t->hhead + t->hn - 1) % t->hcap] = sn;
		return;
	}
	if (t->hn == t->hcap) {
		tui_snap_free(t->hist[t->hhead]);
		t->hist[t->hhead] = sn;
		t->hhead = (t->hhead + 1) % t->hcap;
		if (t->hview > 0)
			t->hview--;
	} else
		t->hist[(t->hhead + t->hn++) % t->hcap] = sn;
}

static size_t
maps_wanted(const struct tui *t)
{
	size_t n = (size_t)(t->r[P_STACK].h > 0 ? t->r[P_STACK].h / 4 : 8);

	if (n < 8)
		n = 8;
	if (n > 24)
		n = 24;
	if (t->c->frame + 2 > n)
		n = t->c->frame + 2;
	return n;
}

/* --- the timeline of a recording --- */

/* The hits belong to one recording: another, or none, starts afresh. */
static struct fs_record *
timeline_rec(struct tui *t)
{
	struct fs_record *r = fs_session_record(t->s);

	if (r != t->tl_rec) {
		t->tl_n = 0;
		t->tl_rec = r;
	}
	return r;
}

/* A stop at a breakpoint while recording or replaying: its position is
   a hit on the timeline, once.  */
static void
timeline_note(struct tui *t, const struct tui_snap *sn)
{
	struct fs_record *r = timeline_rec(t);
	uint64_t pos, *v;
	size_t lo = 0, hi;

	if (r == NULL || sn->stop.reason != FS_STOP_BREAKPOINT)
		return;
	pos = fs_record_pos(r);
	for (hi = t->tl_n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->tl_hits[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->tl_n && t->tl_hits[lo] == pos)
		return;
	if (t->tl_n == t->tl_cap) {
		size_t cap = t->tl_cap ? 2 * t->tl_cap : 64;

		if ((v = realloc(t->tl_hits, cap * sizeof *v)) == NULL)
			return;
		t->tl_hits = v;
		t->tl_cap = cap;
	}
	memmove(t->tl_hits + lo + 1, t->tl_hits + lo, (t->tl_n - lo) *
	    sizeof *t->tl_hits);
	t->tl_hits[lo] = pos;
	t->tl_n++;
}

static void
capture(struct tui *t)
{
	struct tui_snap *sn;
	struct fs_err e;

	t->sl_snap = NULL;
	if (tui_snap_take(t->m, t->s, maps_wanted(t), &sn, &e) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
		t->msg_err = true;
		return;
	}
	hist_push(t, sn);
	timeline_note(t, sn);
	t->dirty = true;
}

static void
on_stop(struct cmd_ctx *c, void *arg)
{
	struct tui *t = arg;

	(void)c;
	capture(t);
	t->stack_follow = true;
}

/* ------------------------------------------------------------ drawing */

static void
colors_init(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");
	int i;

	t->color = has_colors() && (nc == NULL || *nc == '\0');
	for (i = 0; i < R_N; i++)
		t->attr[i] = A_NORMAL;
	t->attr[R_TITLE_FOCUS] = A_REVERSE | A_BOLD;
	t->attr[R_TITLE] = A_BOLD;
	t->attr[R_CHANGED] = A_BOLD | A_UNDERLINE;
	t->attr[R_MARKER] = A_BOLD;
	t->attr[R_CURLINE] = A_BOLD;
	t->attr[R_BREAK] = A_BOLD;
	t->attr[R_ERROR] = A_BOLD;
	t->attr[R_HISTORY] = A_REVERSE | A_BOLD;
	t->attr[R_DIM] = A_DIM;
	t->attr[R_SELECT] = A_REVERSE;
	t->attr[R_STATUS] = A_REVERSE;
	t->attr[R_SMASH] = A_REVERSE | A_BOLD;
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_BLACK, COLOR_CYAN);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_MAGENTA, -1);
	init_pair(5, COLOR_CYAN, -1);
	init_pair(6, COLOR_GREEN, -1);
	init_pair(7, COLOR_RED, -1);
	init_pair(8, COLOR_BLACK, COLOR_YELLOW);
	init_pair(9, COLOR_BLUE, -1);
	init_pair(10, COLOR_WHITE, COLOR_BLUE);
	t->attr[R_TITLE] = COLOR_PAIR(1) | A_BOLD;
	t->attr[R_TITLE_FOCUS] = COLOR_PAIR(2) | A_BOLD;
	t->attr[R_CHANGED] = COLOR_PAIR(3) | A_BOLD;
	t->attr[R_RETADDR] = COLOR_PAIR(4);
	t->attr[R_SAVED] = COLOR_PAIR(5);
	t->attr[R_VAR] = COLOR_PAIR(6);
	t->attr[R_REDZONE] = COLOR_PAIR(7) | A_DIM;
	t->attr[R_MARKER] = COLOR_PAIR(3) | A_BOLD;
	t->attr[R_CURLINE] = COLOR_PAIR(6) | A_BOLD;
	t->attr[R_BREAK] = COLOR_PAIR(7) | A_BOLD;
	t->attr[R_ERROR] = COLOR_PAIR(7) | A_BOLD;
	t->attr[R_HISTORY] = COLOR_PAIR(8) | A_BOLD;
	t->attr[R_DIM] = COLOR_PAIR(9);
	t->attr[R_STATUS] = COLOR_PAIR(10);
	init_pair(11, COLOR_WHITE, COLOR_RED);
	t->attr[R_SMASH] = COLOR_PAIR(11) | A_BOLD;
}

/* Columns of UTF-8 text (every character one column).  */
static int
cols(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Draw S at (Y, X) in at most W columns; returns the columns used.  */
static int
put(int y, int x, int w, const char *s, attr_t a)
{
	int n = 0;
	const char *p = s;

	if (w <= 0)
		return 0;
	while (*p != '\0') {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (n == w)
				break;
			n++;
		}
		p++;
	}
	if (p > s) {
		attrset(a);
		mvaddnstr(y, x, s, (int)(p - s));
		attrset(A_NORMAL);
	}
	return n;
}

/* Draw S from its column SKIP, in at most W columns.  */
static void
put_from(int y, int x, int w, const char *s, int skip, attr_t a)
{
	for (; *s != '\0' && skip > 0; skip--) {
		s++;
		while (((unsigned char)*s & 0xc0) == 0x80)
			s++;
	}
	put(y, x, w, s, a);
}

static void
fill(int y, int x, int w, const char *g, attr_t a)
{
	int i;

	attrset(a);
	for (i = 0; i < w; i++)
		mvaddstr(y, x + i, g);
	attrset(A_NORMAL);
}

static void
title(struct tui *t, enum pane p, const char *extra)
{
	const struct rect *r = &t->r[p];
	bool focus = t->focus == (int)p;
	char buf[512];

	/* The focused pane's rule is heavy (=== in ASCII) and its name
	   marked, so that it shows without colours too.  */
	fill(r->y, r->x, r->w, focus ? t->g->hh : t->g->h,
	    t->attr[focus ? R_TITLE : R_DIM]);
	snprintf(buf, sizeof buf, " %s%s%s%s%s ", focus ? t->g->cur : "",
	    focus ? " " : "", pane_names[p], extra != NULL && *extra ? ": " :
	    "", extra != NULL ? extra : "");
	put(r->y, r->x + 1, r->w - 2, buf, t->attr[focus ? R_TITLE_FOCUS :
	    R_TITLE]);
}

/* --- stack pane --- */

/* The pane is a list of lines built from the stop and the folds: the
   outer frames not captured (one line), each frame's box (head, words,
   the red zone's rule, foot), and a box for each folded recursion.  */
enum sl_kind { SL_MORE, SL_HEAD, SL_SLOT, SL_SEP, SL_FOOT, SL_EMPTY, SL_FOLD };

struct sline {
	enum sl_kind	 kind;
	size_t		 map, slot;	/* the frame's map, its word */
	size_t		 first, count;	/* SL_MORE, SL_FOLD: the frames */
	int		 part;		/* SL_FOLD: 0 head, 1 text, 2 foot */
};

static bool
map_sep(const struct tui_fmap *m, size_t *at)
{
	size_t j;

	if (!m->redzone)
		return false;
	for (j = 0; j + 1 < m->nslots; j++)
		if (m->slots[j].addr + 8 == m->sp) {
			*at = j;
			return true;
		}
	return false;
}

static size_t
map_lines(const struct tui_fmap *m)
{
	size_t at;

	return 2 + (m->nslots ? m->nslots : 1) + (map_sep(m, &at) ? 1 : 0);
}

static bool is_unfolded(const struct tui *, size_t);

/* The run frame F is folded away in, or NULL: a recursion of at least
   TUI_FOLD_MIN frames shows its innermost TUI_FOLD_KEEP.  */
static const struct tui_run *
folded_in(const struct tui *t, const struct tui_snap *sn, size_t f)
{
	const struct tui_run *r = tui_snap_run(sn, f);

	if (r == NULL || r->count < TUI_FOLD_MIN || f < r->first +
	    TUI_FOLD_KEEP || is_unfolded(t, r->first))
		return NULL;
	return r;
}

static void
sl_push(struct tui *t, enum sl_kind kind, size_t map, size_t slot)
{
	struct sline *v;

	if (t->nsl == t->slcap) {
		size_t cap = t->slcap ? 2 * t->slcap : 256;

		if ((v = realloc(t->sl, cap * sizeof *v)) == NULL)
			return;
		t->sl = v;
		t->slcap = cap;
	}
	v = &t->sl[t->nsl++];
	memset(v, 0, sizeof *v);
	v->kind = kind;
	v->map = map;
	v->slot = slot;
}

static void
stack_build(struct tui *t, const struct tui_snap *sn)
{
	size_t i, f, lo, j, at = 0;
	const struct tui_run *r;
	int part;

	if (t->sl_snap == sn && t->sl_fold == t->fold_gen)
		return;
	t->sl_snap = sn;
	t->sl_fold = t->fold_gen;
	t->nsl = 0;
	free(t->sl_head);
	t->sl_head = calloc(sn->nmaps + 1, sizeof *t->sl_head);
	/* From the outermost frame down: higher addresses on top.  */
	for (i = sn->alive ? sn->depth : 0; i > 0;) {
		f = i - 1;
		if ((r = folded_in(t, sn, f)) != NULL) {
			for (part = 0; part < 3; part++) {
				sl_push(t, SL_FOLD, 0, 0);
				t->sl[t->nsl - 1].first = r->first +
				    TUI_FOLD_KEEP;
				t->sl[t->nsl - 1].count = r->count -
				    TUI_FOLD_KEEP;
				t->sl[t->nsl - 1].part = part;
			}
			i = r->first + TUI_FOLD_KEEP;
			continue;
		}
		if (f < sn->nmaps) {
			const struct tui_fmap *m = &sn->maps[f];
			bool sep = map_sep(m, &at);

			if (t->sl_head != NULL)
				t->sl_head[f] = (long)t->nsl;
			sl_push(t, SL_HEAD, f, 0);
			if (m->nslots == 0)
				sl_push(t, SL_EMPTY, f, 0);
			for (j = m->nslots; j-- > 0;) {
				if (sep && j == at)
					sl_push(t, SL_SEP, f, 0);
				sl_push(t, SL_SLOT, f, j);
			}
			sl_push(t, SL_FOOT, f, 0);
			i--;
			continue;
		}
		/* Frames not captured, down to the maps or a fold.  */
		for (lo = f; lo > sn->nmaps && folded_in(t, sn, lo - 1) ==
		    NULL; lo--)
			;
		sl_push(t, SL_MORE, 0, 0);
		t->sl[t->nsl - 1].first = lo;
		t->sl[t->nsl - 1].count = f - lo + 1;
		i = lo;
	}
}

static size_t
stack_total(struct tui *t, const struct tui_snap *sn)
{
	stack_build(t, sn);
	return t->nsl;
}

static bool
stack_line(struct tui *t, const struct tui_snap *sn, size_t line,
    struct sline *sl)
{
	stack_build(t, sn);
	if (line >= t->nsl)
		return false;
	*sl = t->sl[line];
	return true;
}

/* The line of frame K's head, or -1 when it is not drawn.  */
static long
map_start(struct tui *t, const struct tui_snap *sn, size_t k)
{
	stack_build(t, sn);
	if (k >= sn->nmaps || t->sl_head == NULL || folded_in(t, sn, k))
		return -1;
	return t->sl_head[k];
}

/* The text line of the fold that hides frame K, or -1.  */
static long
fold_line(struct tui *t, const struct tui_snap *sn, size_t k)
{
	size_t i;

	stack_build(t, sn);
	for (i = 0; i < t->nsl; i++)
		if (t->sl[i].kind == SL_FOLD && t->sl[i].part == 1 &&
		    k >= t->sl[i].first && k < t->sl[i].first +
		    t->sl[i].count)
			return (long)i;
	return -1;
}

static long
slot_line(struct tui *t, const struct tui_snap *sn, size_t k, uint64_t addr)
{
	long line = map_start(t, sn, k);
	size_t i;

	if (line < 0)
		return -1;
	for (i = (size_t)line; i < t->nsl && t->sl[i].kind != SL_FOOT; i++)
		if (t->sl[i].kind == SL_SLOT &&
		    sn->maps[k].slots[t->sl[i].slot].addr == addr)
			return (long)i;
	return -1;
}

/* Put the stack cursor on frame K's first word, or on the fold or the
   line of outer frames that holds it.  */
static void
stack_cursor_to(struct tui *t, const struct tui_snap *sn, size_t k)
{
	long line;
	size_t i;

	if ((line = map_start(t, sn, k)) >= 0)
		t->stack_cur = line + 1;
	else if ((line = fold_line(t, sn, k)) >= 0)
		t->stack_cur = line;
	else
		for (i = 0; i < t->nsl; i++)
			if (t->sl[i].kind == SL_MORE && k >= t->sl[i].first &&
			    k < t->sl[i].first + t->sl[i].count)
				t->stack_cur = (long)i;
}

/* The frame line L of the pane is about: a box's, a fold's first, the
   innermost of the outer frames a line counts.  */
static long
line_frame(const struct sline *sl)
{
	return sl->kind == SL_MORE || sl->kind == SL_FOLD ? (long)sl->first :
	    (long)sl->map;
}

static enum role
slot_role(enum fs_slot_kind k)
{
	switch (k) {
	case FS_SLOT_RETADDR:
		return R_RETADDR;
	case FS_SLOT_SAVED_RBP:
	case FS_SLOT_SAVED_REG:
		return R_SAVED;
	case FS_SLOT_PARAM:
	case FS_SLOT_LOCAL:
	case FS_SLOT_OUTARG:
		return R_VAR;
	case FS_SLOT_REDZONE:
		return R_REDZONE;
	case FS_SLOT_CANARY:
		return R_ERROR;
	default:
		return R_NORMAL;
	}
}

static const char *
frame_label(const struct tui_snap *sn, size_t i, char *buf, size_t len)
{
	const struct tui_run *run;

	if (i < sn->nframes) {
		const struct tui_frame *f = &sn->frames[i];

		snprintf(buf, len, "#%zu %s", i, f->sigtramp ?
		    "<signal handler called>" : f->func ? f->func : "??");
		if (f->file != NULL) {
			size_t k = strlen(buf);

			snprintf(buf + k, len - k, " (%s:%u)", f->file,
			    f->line);
		}
	} else if ((run = tui_snap_run(sn, i)) != NULL)
		snprintf(buf, len, "#%zu %s", i, run->func ? run->func : "??");
	else
		snprintf(buf, len, "#%zu", i);
	return buf;
}

static void
markers(const struct tui_snap *sn, uint64_t addr, char *buf, size_t len,
    const struct glyphs *g)
{
	size_t i, k;

	buf[0] = '\0';
	if (sn->has_regs && addr == sn->regs.rsp) {
		k = strlen(buf);
		snprintf(buf + k, len - k, " %s %s", g->left, sn->arch->sp);
	}
	if (sn->has_regs && addr == sn->regs.rbp) {
		k = strlen(buf);
		snprintf(buf + k, len - k, " %s %s", g->left, sn->arch->fp);
	}
	for (i = 0; i < sn->nmaps; i++) {
		const struct tui_fmap *m = &sn->maps[i];

		k = strlen(buf);
		if (i > 0 && m->uses_fp && m->rbp == addr)
			snprintf(buf + k, len - k, " %s %s #%zu", g->left,
			    sn->arch->fp, i);
		k = strlen(buf);
		/* A tail call's frame has the cfa of the one below, not
		   one of its own.  */
		if (m->cfa != 0 && m->cfa == addr && !(i < sn->nframes &&
		    sn->frames[i].tailcall))
			snprintf(buf + k, len - k, " %s cfa #%zu", g->left, i);
	}
}

static void
draw_stack(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_STACK];
	const struct glyphs *g = t->g;
	char buf[1024], mk[256], lab[512];
	int y, h = r->h - 1, x0 = r->x, w = r->w, x;
	size_t total, sel = t->c->frame;
	long line;
	struct sline sl;

	snprintf(buf, sizeof buf, "%zu frame%s, higher addresses on top",
	    sn->depth, sn->depth == 1 ? "" : "s");
	title(t, P_STACK, sn->alive ? buf : NULL);
	if (!sn->alive) {
		put(r->y + 2, x0 + 2, w - 4, "The program is not being run.",
		    t->attr[R_NORMAL]);
		put(r->y + 3, x0 + 2, w - 4, "r: start it (to main), "
		    "c: run it, :attach PID", t->attr[R_DIM]);
		return;
	}
	total = stack_total(t, sn);
	for (y = 0; y < h; y++) {
		line = t->stack_top + y;
		if (line < 0 || (size_t)line >= total ||
		    !stack_line(t, sn, (size_t)line, &sl))
			continue;
		int yy = r->y + 1 + y;
		attr_t box = t->attr[R_DIM];
		bool cursor = t->focus == P_STACK && line == t->stack_cur;
		bool selbox = sl.kind == SL_FOLD ? sel >= sl.first && sel <
		    sl.first + sl.count : sl.kind != SL_MORE &&
		    sn->maps[sl.map].index == sel;

		/* A line of frames: the count, the first, the last.  */
		const struct tui_run *run = NULL;
		char a[32], b[32], c[32];

		if (sl.kind == SL_MORE || sl.kind == SL_FOLD) {
			run = tui_snap_run(sn, sl.first);
			fs_grouped(sl.count, a, sizeof a);
			fs_grouped(sl.first, b, sizeof b);
			fs_grouped(sl.first + sl.count - 1, c, sizeof c);
		}
		if (selbox)
			box = t->attr[R_TITLE];
		switch (sl.kind) {
		case SL_MORE:
			snprintf(buf, sizeof buf, "%s %s outer frame%s above, "
			    "#%s %s%s%s: Enter shows #%s", g->more, a,
			    sl.count == 1 ? "" : "s", b, run != NULL &&
			    run->func != NULL ? run->func : "??", sl.count > 1 ?
			    " to #" : "", sl.count > 1 ? c : "", b);
			if (cursor)
				fill(yy, x0, w, " ", t->attr[R_SELECT]);
			put(yy, x0 + 1, w - 2, buf, cursor ?
			    t->attr[R_SELECT] : t->attr[R_DIM]);
			break;
		case SL_FOLD:
			if (sl.part != 1) {
				put(yy, x0, 1, sl.part ? g->bl : g->tl, box);
				fill(yy, x0 + 1, w - 2, g->h, box);
				put(yy, x0 + w - 1, 1, sl.part ? g->br : g->tr,
				    box);
			}
			if (sl.part == 0) {
				snprintf(buf, sizeof buf, " #%s-#%s %s %s%s ",
				    b, c, run && run->func ? run->func : "??",
				    g->times, a);
				put(yy, x0 + 2, w - 4, buf, selbox ?
				    t->attr[R_TITLE_FOCUS] : t->attr[R_TITLE]);
				break;
			}
			if (sl.part == 2)
				break;
			put(yy, x0, 1, g->v, box);
			put(yy, x0 + w - 1, 1, g->v, box);
			snprintf(buf, sizeof buf, "%s %s frames of %s folded",
			    g->more, a, run && run->func ? run->func : "??");
			if (run != NULL && run->fold_hi > run->fold_lo) {
				fs_grouped(run->fold_hi - run->fold_lo, c,
				    sizeof c);
				fs_strcatf(buf, sizeof buf, ", %s bytes of "
				    "stack", c);
			}
			if (selbox) {
				fs_grouped(sel, c, sizeof c);
				fs_strcatf(buf, sizeof buf, "; #%s selected",
				    c);
			}
			fs_strcatf(buf, sizeof buf, ": Enter unfolds");
			if (cursor)
				fill(yy, x0 + 1, w - 2, " ",
				    t->attr[R_SELECT]);
			put(yy, x0 + 2, w - 4, buf, cursor ?
			    t->attr[R_SELECT] : t->attr[R_DIM]);
			break;
		case SL_HEAD: {
			const struct tui_fmap *m = &sn->maps[sl.map];

			put(yy, x0, 1, g->tl, box);
			fill(yy, x0 + 1, w - 2, g->h, box);
			put(yy, x0 + w - 1, 1, g->tr, box);
			frame_label(sn, m->index, lab, sizeof lab);
			/* The convention after the name, as frames has it:
			   cut with the rest where the box is narrow.  */
			if (m->convention[0] != '\0')
				fs_strcatf(lab, sizeof lab, " [%s]",
				    m->convention);
			snprintf(buf, sizeof buf, " %s%s%s%s ", lab,
			    m->prologue ? " [prologue]" : "",
			    m->epilogue ? " [epilogue]" : "",
			    m->truncated ? " [only the words under its cfa]" :
			    "");
			put(yy, x0 + 2, w - 4, buf, m->index == sel ?
			    t->attr[R_TITLE_FOCUS] : t->attr[R_TITLE]);
			break;
		}
		case SL_FOOT:
			put(yy, x0, 1, g->bl, box);
			fill(yy, x0 + 1, w - 2, g->h, box);
			put(yy, x0 + w - 1, 1, g->br, box);
			break;
		case SL_SEP:
			put(yy, x0, 1, g->tee_r, box);
			fill(yy, x0 + 1, w - 2, g->h, t->attr[R_REDZONE]);
			put(yy, x0 + 3, w - 6, " below rsp: red zone ",
			    t->attr[R_REDZONE]);
			put(yy, x0 + w - 1, 1, g->tee_l, box);
			break;
		case SL_EMPTY:
			put(yy, x0, 1, g->v, box);
			put(yy, x0 + 2, w - 4, sl.map < sn->nframes &&
			    sn->frames[sl.map].tailcall ? "(a tail call: it "
			    "jumped to the frame below, its own frame is gone)" :
			    sl.map < sn->nframes && sn->frames[sl.map].inlined ?
			    "(an inlined call: its words are in the frame it is "
			    "inlined into, above)" :
			    "(no slots: the frame's cfa is unknown)",
			    t->attr[R_DIM]);
			put(yy, x0 + w - 1, 1, g->v, box);
			break;
		case SL_SLOT: {
			const struct tui_slot *s =
			    &sn->maps[sl.map].slots[sl.slot];
			char off[32], val[24];
			int room, mw;

			put(yy, x0, 1, g->v, box);
			put(yy, x0 + w - 1, 1, g->v, box);
			x = x0 + 1;
			if (cursor)
				fill(yy, x, w - 2, " ", t->attr[R_SELECT]);
			snprintf(buf, sizeof buf, "%12" PRIx64, s->addr);
			x += put(yy, x, w - 2, buf, cursor ? t->attr[R_SELECT] :
			    t->attr[R_DIM]) + 1;
			if (s->off == 0)
				snprintf(off, sizeof off, "%s", s->base);
			else
				snprintf(off, sizeof off, "%s%+" PRId64,
				    s->base, s->off);
			snprintf(buf, sizeof buf, "%7s", off);
			x += put(yy, x, x0 + w - 1 - x, buf, cursor ?
			    t->attr[R_SELECT] : A_NORMAL) + 1;
			if (s->readable)
				snprintf(val, sizeof val, "%0*" PRIx64,
				    (int)sn->arch->word * 2, s->value);
			else
				snprintf(val, sizeof val, "%-*s",
				    (int)sn->arch->word * 2, "??");
			x += put(yy, x, x0 + w - 1 - x, val, cursor ?
			    t->attr[R_SELECT] : s->overwritten ?
			    t->attr[R_SMASH] : s->changed ?
			    t->attr[R_CHANGED] : A_NORMAL);
			/* An overwritten control slot: "!", in every mode. */
			x += put(yy, x, x0 + w - 1 - x, s->overwritten ? "!" :
			    s->changed ? "*" : " ", s->overwritten ?
			    t->attr[R_SMASH] : t->attr[R_CHANGED]) + 1;
			markers(sn, s->addr, mk, sizeof mk, g);
			room = x0 + w - 2 - x;
			mw = cols(mk);
			if (mw > room / 2)
				mw = room / 2;
			snprintf(buf, sizeof buf, "%s%s%s", s->text ? s->text :
			    "", s->ref ? " " : "", s->ref ? s->ref : "");
			put(yy, x, room - mw, buf, cursor ? t->attr[R_SELECT] :
			    s->overwritten ? t->attr[R_SMASH] :
			    t->attr[slot_role(s->kind)]);
			if (mw > 0)
				put(yy, x0 + w - 1 - mw, mw, mk, cursor ?
				    t->attr[R_SELECT] : t->attr[R_MARKER]);
			break;
		}
		}
	}
}

/* Put the stack view where the eye should be: rsp with a few words of
   red zone under it, or the box of the selected frame.  */
static void
stack_follow(struct tui *t, const struct tui_snap *sn)
{
	long h = t->r[P_STACK].h - 1, total, line, end, top;
	size_t k = t->c->frame;

	if (sn == NULL || !sn->alive || h <= 0)
		return;
	total = (long)stack_total(t, sn);
	if (k == 0 && sn->has_regs &&
	    (line = slot_line(t, sn, 0, sn->regs.rsp)) >= 0) {
		size_t j;
		long at;

		end = line + 4;
		/* After one instruction, the word it wrote under rsp too
		   (an argument kept in the red zone), as long as rsp stays
		   in view.  */
		for (j = 0; sn->stop.single_step && sn->nmaps > 0 &&
		    j < sn->maps[0].nslots; j++)
			if (sn->maps[0].slots[j].changed && (at = slot_line(t,
			    sn, 0, sn->maps[0].slots[j].addr)) > end)
				end = at + 1 < line + h - 2 ? at + 1 : line +
				    h - 2;
		if (end > total - 1)
			end = total - 1;
		t->stack_cur = line;
	} else if ((line = map_start(t, sn, k)) >= 0) {
		end = line + (long)map_lines(&sn->maps[k]) - 1;
		t->stack_cur = line + 1;
		if (end - line + 1 > h)
			end = line + h - 1;
	} else if ((line = fold_line(t, sn, k)) >= 0) {
		t->stack_cur = line;
		end = line + 1;
	} else {
		t->stack_top = 0;
		t->stack_cur = 0;
		return;
	}
	top = end - h + 1;
	if (top < 0)
		top = 0;
	t->stack_top = top;
}

static void
stack_scroll_to_cursor(struct tui *t)
{
	long h = t->r[P_STACK].h - 1;

	/* The line above the cursor too: the head of its box.  */
	if (t->stack_cur - 1 < t->stack_top)
		t->stack_top = t->stack_cur - 1;
	if (t->stack_cur >= t->stack_top + h)
		t->stack_top = t->stack_cur - h + 1;
	if (t->stack_top < 0)
		t->stack_top = 0;
}

/* --- source pane --- */

static void draw_asm_in(struct tui *, const struct tui_snap *,
    const struct rect *, const char *);
static bool asm_in_source(const struct tui *);
static void pc_label(struct tui *, uint64_t, char *, size_t);

static const struct tui_frame *
sel_frame(const struct tui *t, const struct tui_snap *sn)
{
	if (sn == NULL || t->c->frame >= sn->nframes)
		return NULL;
	return &sn->frames[t->c->frame];
}

static const char *
basename_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

static bool
bp_at_line(struct fs_session *s, const char *file, unsigned line)
{
	const struct fs_breakpoint *bp;
	size_t n, i;

	bp = fs_session_breakpoints(s, &n);
	for (i = 0; i < n; i++)
		if (bp[i].file != NULL && bp[i].line == line &&
		    strcmp(basename_of(bp[i].file), basename_of(file)) == 0)
			return true;
	return false;
}

static void
expand_tabs(const char *s, size_t len, char *out, size_t olen)
{
	size_t i, k = 0, col = 0;

	for (i = 0; i < len && k + 1 < olen; i++) {
		if (s[i] == '\t') {
			do {
				out[k++] = ' ';
				col++;
			} while (col % 8 != 0 && k + 1 < olen);
		} else {
			out[k++] = s[i];
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				col++;
		}
	}
	out[k] = '\0';
}

static void
draw_source(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_SOURCE];
	const struct tui_frame *f = sel_frame(t, sn);
	const char *path, *text;
	char buf[2200], line[2048], key[1100];
	unsigned nl, top, ln;
	size_t len;
	int y, h = r->h - 1;

	if (asm_in_source(t) && !t->r[P_ASM].shown) {
		/* No line information, or a file not on this machine (the C
		   library's): the code in the source's place.  */
		if (f->file != NULL)
			snprintf(buf, sizeof buf, "Code (no %s): %s",
			    basename_of(f->file), t->intel ? "intel" : "at&t");
		else
			snprintf(buf, sizeof buf, "Disassembly (no source): "
			    "%s", t->intel ? "intel" : "at&t");
		draw_asm_in(t, sn, r, buf);
		return;
	}
	if (f == NULL || f->file == NULL) {
		title(t, P_SOURCE, NULL);
		put(r->y + 1, r->x + 1, r->w - 2, f != NULL ?
		    "(no line information for this frame)" :
		    "(no frame)", t->attr[R_DIM]);
		return;
	}
	path = f->path != NULL ? f->path : f->file;
	title(t, P_SOURCE, f->file);
	nl = fs_source_nlines(t->c->src, path);
	if (nl == 0) {
		snprintf(buf, sizeof buf, "%u  in %s: cannot read the file",
		    f->line, f->file);
		put(r->y + 1, r->x + 1, r->w - 2, buf, t->attr[R_DIM]);
		return;
	}
	/* A new stop or frame puts the cursor back on its line.  */
	snprintf(key, sizeof key, "%s:%u:%lu", path, f->line, sn->number);
	if (t->src_cur < 1)
		t->src_cur = 1;
	if (t->src_cur > (long)nl)
		t->src_cur = nl;
	/* The view stays while the cursor is in it (a click does not move
	   the lines under the pointer); a new stop centres it again.  */
	top = t->src_top;
	if (strcmp(key, t->src_key) != 0) {
		memcpy(t->src_key, key, sizeof t->src_key - 1);
		t->src_key[sizeof t->src_key - 1] = '\0';
		t->src_cur = f->line;
		top = 0;
	}
	if (top == 0 || t->src_cur < (long)top || t->src_cur >= (long)top + h)
		top = t->src_cur > h / 3 ? (unsigned)t->src_cur - (unsigned)h /
		    3 : 1;
	if (top + (unsigned)h > nl + 1)
		top = nl + 1 > (unsigned)h ? nl + 1 - (unsigned)h : 1;
	t->src_top = top;
	for (y = 0; y < h; y++) {
		ln = top + (unsigned)y;
		if (ln > nl)
			break;
		text = fs_source_line(t->c->src, path, ln, &len);
		expand_tabs(text != NULL ? text : "", text ? len : 0, line,
		    sizeof line);
		bool cur = ln == f->line;
		bool bp = bp_at_line(t->s, f->file, ln);
		attr_t a = cur ? t->attr[R_CURLINE] : A_NORMAL;

		if (t->focus == P_SOURCE && (long)ln == t->src_cur)
			a = t->attr[R_SELECT];
		put(r->y + 1 + y, r->x, 1, bp ? t->g->bp : " ",
		    t->attr[R_BREAK]);
		put(r->y + 1 + y, r->x + 1, 1, cur ? t->g->cur : " ",
		    t->attr[R_CURLINE]);
		snprintf(buf, sizeof buf, "%4u  %s", ln, line);
		put(r->y + 1 + y, r->x + 2, r->w - 2, buf, a);
	}
}

/* --- disassembly pane --- */


/* The instructions of the selected frame's function around its pc in
   rectangle R, with full operands: the address, then the offset, give
   way when the pane is narrow.  */
static void
draw_asm_in(struct tui *t, const struct tui_snap *sn, const struct rect *r,
    const char *ttl)
{
	const struct tui_frame *f = sel_frame(t, sn);
	const struct fs_breakpoint *bp;
	struct fs_insn in[512];
	uint8_t code[4096 + 256];
	uint64_t start, pc, ran;
	size_t n = 0, off = 0, nbp, i, k, at = 0;
	ssize_t got;
	char buf[700], text[600], lab[200];
	int y, h = r->h - 1, first, form, widest, ow;
	bool hasran;

	fill(r->y, r->x, r->w, t->focus == P_ASM ? t->g->hh : t->g->h,
	    t->attr[t->focus == P_ASM ? R_TITLE : R_DIM]);
	snprintf(buf, sizeof buf, " %s%s%s ", t->focus == P_ASM ? t->g->cur :
	    "", t->focus == P_ASM ? " " : "", ttl);
	put(r->y, r->x + 1, r->w - 2, buf, t->attr[t->focus == P_ASM ?
	    R_TITLE_FOCUS : R_TITLE]);
	if (f == NULL || !fs_session_alive(t->s)) {
		put(r->y + 1, r->x + 1, r->w - 2, "(no process)",
		    t->attr[R_DIM]);
		return;
	}
	pc = f->pc;
	hasran = t->c->frame == 0 && sn->has_ran;
	ran = sn->ran_pc;
	start = f->func_addr != 0 && pc >= f->func_addr &&
	    pc - f->func_addr < 4096 ? f->func_addr : pc;
	got = fs_session_read(t->s, start, code, sizeof code, NULL);
	if (got <= 0) {
		put(r->y + 1, r->x + 1, r->w - 2, "(cannot read the code)",
		    t->attr[R_DIM]);
		return;
	}
	while (n < sizeof in / sizeof in[0] && off < (size_t)got) {
		if (fs_insn_decode_bits(code + off, (size_t)got - off,
		    start + off, fs_session_arch(t->s)->insn_bits, t->intel,
		    &in[n]) < 0 || in[n].len == 0)
			break;
		if (in[n].addr == pc)
			at = n;
		off += in[n].len;
		n++;
		if (in[n - 1].addr > pc && n > at + (size_t)h)
			break;
	}
	first = (int)at - h / 3;
	if (first < 0)
		first = 0;
	/* The widest form whose longest line fits.  */
	widest = 0;
	ow = 1;
	for (y = 0; y < h && (size_t)(first + y) < n; y++) {
		const struct fs_insn *x = &in[first + y];
		int c = cols(x->gdbtext);

		if (x->dest != 0) {
			pc_label(t, x->dest, lab, sizeof lab);
			c += 1 + cols(lab);
		}
		if (c > widest)
			widest = c;
		lab[0] = '\0';
		if (f->func != NULL && x->addr >= f->func_addr)
			snprintf(lab, sizeof lab, "%" PRIu64, x->addr -
			    f->func_addr);
		if ((int)strlen(lab) > ow)
			ow = (int)strlen(lab);
	}
	if (hasran)
		widest += 8;
	form = widest + 12 + 6 + ow + 2 <= r->w - 2 ? 0 : widest + ow + 6 <=
	    r->w - 2 ? 1 : 2;
	if (f->func == NULL && form == 1)
		form = 2;
	bp = fs_session_breakpoints(t->s, &nbp);
	for (y = 0; y < h && (size_t)(first + y) < n; y++) {
		const struct fs_insn *x = &in[first + y];
		bool isbp = false, cur = x->addr == pc;
		bool wasran = hasran && x->addr == ran && !cur;
		char o[32];

		for (i = 0; i < nbp && !isbp; i++)
			for (k = 0; k < bp[i].naddrs; k++)
				if (bp[i].addrs[k] == x->addr)
					isbp = true;
		put(r->y + 1 + y, r->x, 1, isbp ? t->g->bp : " ",
		    t->attr[R_BREAK]);
		put(r->y + 1 + y, r->x + 1, 1, cur ? t->g->cur : " ",
		    t->attr[R_CURLINE]);
		snprintf(text, sizeof text, "%s", x->gdbtext);
		if (x->dest != 0) {
			pc_label(t, x->dest, lab, sizeof lab);
			if (lab[0] != '\0')
				fs_strcatf(text, sizeof text, " %s", lab);
		}
		if (f->func != NULL && x->addr >= f->func_addr)
			snprintf(o, sizeof o, "<+%" PRIu64 ">", x->addr -
			    f->func_addr);
		else
			o[0] = '\0';
		if (form == 0)
			snprintf(buf, sizeof buf, "%12" PRIx64 " %-*s %s",
			    x->addr, ow + 3, o, text);
		else if (form == 1)
			snprintf(buf, sizeof buf, "%-*s %s", ow + 3, o, text);
		else
			snprintf(buf, sizeof buf, "%s", text);
		if (wasran)
			fs_strcatf(buf, sizeof buf, "   %s ran", t->g->left);
		put(r->y + 1 + y, r->x + 2, r->w - 2, buf, cur ?
		    t->attr[R_CURLINE] : wasran ? t->attr[R_DIM] : A_NORMAL);
	}
}

static void
draw_asm(struct tui *t, const struct tui_snap *sn)
{
	draw_asm_in(t, sn, &t->r[P_ASM], t->intel ? "Disassembly: intel" :
	    "Disassembly: at&t");
}

/* --- registers pane --- */

/* The second view (`v'): the x87, SSE, AVX and AVX-512 registers, one a
   line, scrolled with the pane.  */
static void
draw_xregs(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_REGS];
	size_t i;
	int y;
	char buf[16];

	title(t, P_REGS, "float and vector");
	if (sn == NULL || !sn->has_regs)
		return;
	if (sn->xregs == NULL) {
		put(r->y + 1, r->x + 1, r->w - 2, "(not captured at this stop)",
		    t->attr[R_DIM]);
		return;
	}
	if (t->xregs_top >= (long)sn->nxregs)
		t->xregs_top = (long)sn->nxregs - 1;
	if (t->xregs_top < 0)
		t->xregs_top = 0;
	for (i = (size_t)t->xregs_top, y = r->y + 1; i < sn->nxregs &&
	    y < r->y + r->h; i++, y++) {
		snprintf(buf, sizeof buf, "%-7s", sn->xregs[i].name);
		put(y, r->x + 1, 7, buf, t->attr[R_DIM]);
		put(y, r->x + 8, r->w - 9, sn->xregs[i].text ?
		    sn->xregs[i].text : "", sn->xregs[i].changed ?
		    t->attr[R_CHANGED] : A_NORMAL);
	}
}

static void
draw_regs(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_REGS];
	const struct fs_arch *a;
	const struct fs_regdesc *rd;
	const char *order[32];
	size_t nrd, i, k, norder = 0;
	int cw = 24, ncol, y, x;
	char buf[64];

	if (t->xview) {
		draw_xregs(t, sn);
		return;
	}
	title(t, P_REGS, NULL);
	if (sn == NULL || !sn->has_regs)
		return;
	/* pc, sp and fp first, then the others up to the flags.  */
	a = sn->arch;
	rd = a->regs;
	nrd = a->nregs;
	order[norder++] = a->pc;
	order[norder++] = a->sp;
	order[norder++] = a->fp;
	for (k = 0; k < nrd && norder < 32; k++) {
		if (strcmp(rd[k].name, a->pc) == 0 ||
		    strcmp(rd[k].name, a->sp) == 0 ||
		    strcmp(rd[k].name, a->fp) == 0)
			continue;
		order[norder++] = rd[k].name;
		if (rd[k].kind == FS_REG_FLAGS)
			break;
	}
	ncol = r->w / cw;
	if (ncol < 1)
		ncol = 1;
	for (i = 0; i < norder; i++) {
		y = r->y + 1 + (int)i / ncol;
		x = r->x + 1 + (int)(i % (size_t)ncol) * cw;
		if (y >= r->y + r->h)
			break;
		for (k = 0; k < nrd && strcmp(rd[k].name, order[i]) != 0; k++)
			;
		if (k == nrd)
			continue;
		uint64_t v = fs_arch_word(a, (const char *)&sn->regs +
		    rd[k].off);

		snprintf(buf, sizeof buf, "%-7s", order[i]);
		put(y, x, 7, buf, t->attr[R_DIM]);
		snprintf(buf, sizeof buf, "%0*" PRIx64, (int)a->word * 2, v);
		put(y, x + 7, cw - 8, buf, k < 64 && (sn->regs_changed >> k &
		    1) ? t->attr[R_CHANGED] : A_NORMAL);
	}
}

/* --- backtrace pane --- */

static bool
is_unfolded(const struct tui *t, size_t first)
{
	size_t i;

	for (i = 0; i < t->nunfolded; i++)
		if (t->unfolded[i] == first)
			return true;
	return false;
}

static bool
run_folded(const struct tui *t, const struct tui_run *r)
{
	return r->count >= 3 && !is_unfolded(t, r->first);
}

/* Rows of the backtrace: a folded run is one row.  */
static size_t
bt_rows(const struct tui *t, const struct tui_snap *sn)
{
	size_t i, n = 0;

	for (i = 0; i < sn->nruns; i++)
		n += run_folded(t, &sn->runs[i]) ? 1 : sn->runs[i].count;
	return n;
}

/* Row ROW as (frame, folded run or NULL).  */
static bool
bt_row(const struct tui *t, const struct tui_snap *sn, size_t row,
    size_t *frame, const struct tui_run **run)
{
	size_t i, n = 0, k;

	for (i = 0; i < sn->nruns; i++) {
		const struct tui_run *r = &sn->runs[i];

		k = run_folded(t, r) ? 1 : r->count;
		if (row < n + k) {
			*run = k == 1 && r->count > 1 ? r : NULL;
			*frame = r->first + (row - n);
			return true;
		}
		n += k;
	}
	return false;
}

static size_t
bt_row_of(const struct tui *t, const struct tui_snap *sn, size_t frame)
{
	size_t i, n = 0;

	for (i = 0; i < sn->nruns; i++) {
		const struct tui_run *r = &sn->runs[i];
		bool fold = run_folded(t, r);

		if (frame < r->first + r->count)
			return n + (fold ? 0 : frame - r->first);
		n += fold ? 1 : r->count;
	}
	return n;
}

static void
draw_bt(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_BT];
	const struct tui_run *run;
	size_t rows, frame, selrow;
	char buf[512], a[32], lab[400];
	int y, h = r->h - 1;

	snprintf(buf, sizeof buf, "%zu frame%s", sn ? sn->depth : 0,
	    sn && sn->depth == 1 ? "" : "s");
	title(t, P_BT, buf);
	if (sn == NULL || !sn->alive)
		return;
	rows = bt_rows(t, sn);
	selrow = bt_row_of(t, sn, t->c->frame);
	/* The selected frame in view, unless the wheel moved away.  */
	if (selrow != t->bt_sel) {
		t->bt_sel = selrow;
		if ((long)selrow < t->bt_top)
			t->bt_top = (long)selrow;
		if ((long)selrow >= t->bt_top + h)
			t->bt_top = (long)selrow - h + 1;
	}
	/* The last line may be why the frames end.  */
	if (t->bt_top > (long)rows + (sn->bt_stopped != NULL) - h)
		t->bt_top = (long)rows + (sn->bt_stopped != NULL) - h;
	if (t->bt_top < 0)
		t->bt_top = 0;
	for (y = 0; y < h; y++) {
		size_t row = (size_t)(t->bt_top + y);

		if (row >= rows || !bt_row(t, sn, row, &frame, &run))
			break;
		if (run != NULL) {
			fs_grouped(run->count, a, sizeof a);
			snprintf(buf, sizeof buf, "#%zu-#%zu %s %s%s  "
			    "(Enter: unfold)", run->first, run->first +
			    run->count - 1, run->func ? run->func : "??",
			    t->g->times, a);
		} else
			snprintf(buf, sizeof buf, "%s", frame_label(sn, frame,
			    lab, sizeof lab));
		put(r->y + 1 + y, r->x + 1, r->w - 2, buf, row == selrow ?
		    (t->focus == P_BT ? t->attr[R_SELECT] :
		    t->attr[R_CURLINE]) : A_NORMAL);
	}
	/* Under the last frame, why there is no other: gdb's line.  */
	if (sn->bt_stopped != NULL && y < h && (size_t)(t->bt_top + y) ==
	    rows) {
		snprintf(buf, sizeof buf, "Backtrace stopped: %s",
		    sn->bt_stopped);
		put(r->y + 1 + y, r->x + 1, r->w - 2, buf, t->attr[R_ERROR]);
	}
}

/* --- locals pane --- */

static void
draw_vars(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_VARS];
	const struct tui_frame *f = sel_frame(t, sn);
	size_t k = t->c->frame, i;
	char buf[512];
	int y = r->y + 1, end = r->y + r->h, aw;

	snprintf(buf, sizeof buf, "#%zu %s", k, f && f->func ? f->func : "");
	title(t, P_VARS, f != NULL ? buf : NULL);
	if (f == NULL)
		return;
	if (k < sn->nmaps && sn->vars != NULL && sn->vars[k].known) {
		const struct tui_fvars *fv = &sn->vars[k];

		if (fv->n == 0)
			put(y, r->x + 1, r->w - 2, "(no arguments, no locals)",
			    t->attr[R_DIM]);
		for (i = 0; i < fv->n && y < end; i++, y++) {
			snprintf(buf, sizeof buf, "%s = %s", fv->v[i].name,
			    fv->v[i].value ? fv->v[i].value : "?");
			int n = put(y, r->x + 1, r->w - 2, buf, A_NORMAL);

			snprintf(buf, sizeof buf, " %s%s", fv->v[i].arg ?
			    "argument, " : "", fv->v[i].where ?
			    fv->v[i].where : "");
			put(y, r->x + 1 + n, r->w - 2 - n, buf,
			    t->attr[R_DIM]);
		}
		return;
	}
	/* Without the variables model: what the frame is, with the digits
	   of a user-space address (8 in a 32-bit process).  */
	aw = sn->arch->word >= 8 ? 12 : 8;
	snprintf(buf, sizeof buf, "pc  %0*" PRIx64 "%s%s", aw, f->pc,
	    f->func ? " in " : "", f->func ? f->func : "");
	if (y < end)
		put(y++, r->x + 1, r->w - 2, buf, A_NORMAL);
	snprintf(buf, sizeof buf, "cfa %0*" PRIx64 "  sp %0*" PRIx64, aw,
	    f->cfa, aw, f->sp);
	if (y < end)
		put(y++, r->x + 1, r->w - 2, buf, A_NORMAL);
	snprintf(buf, sizeof buf, "frame size %" PRIu64 " bytes",
	    f->cfa > f->sp ? f->cfa - f->sp : 0);
	if (y < end)
		put(y++, r->x + 1, r->w - 2, buf, A_NORMAL);
	if (y < end)
		put(y++, r->x + 1, r->w - 2, "(no variables known here)",
		    t->attr[R_DIM]);
}

/* --- program output pane --- */

static void
draw_out(struct tui *t)
{
	const struct rect *r = &t->r[P_OUT];
	char buf[256];
	size_t n, i;
	int y, h = r->h - 1;

	if (t->ptm >= 0)
		snprintf(buf, sizeof buf, "%s%s", t->ptsname, t->focus ==
		    P_OUT ? " (keys go to it)" : "");
	else
		snprintf(buf, sizeof buf, "not ours (attached)");
	title(t, P_OUT, buf);
	pthread_mutex_lock(&t->ob.mu);
	t->ob.dirty = 0;
	n = t->ob.lines.n;
	/* The unfinished line too, as a prompt is one.  */
	size_t total = n + (t->ob.plen > 0 ? 1 : 0);
	long first = (long)total - h - t->out_back;

	if (first < 0)
		first = 0;
	for (y = 0; y < h; y++) {
		i = (size_t)first + (size_t)y;
		if (i >= total)
			break;
		if (i < n) {
			const char *l = ring_at(&t->ob.lines, i);

			expand_tabs(l, strlen(l), buf, sizeof buf);
		} else
			expand_tabs(t->ob.part, t->ob.plen, buf, sizeof buf);
		put(r->y + 1 + y, r->x + 1, r->w - 2, buf, A_NORMAL);
	}
	pthread_mutex_unlock(&t->ob.mu);
}

/* --- status and command line --- */

/* Why the program stopped, for the status line; BRIEF: in few columns
   ("bp 2", "SIGSEGV").  */
static const char *
reason_text(const struct tui_snap *sn, bool brief, char *buf, size_t len)
{
	const struct fs_stop *st = &sn->stop;

	switch (st->reason) {
	case FS_STOP_NONE:
		return "not running";
	case FS_STOP_ENTRY:
		return brief ? "entry" : "stopped at the first instruction";
	case FS_STOP_ATTACHED:
		return "attached";
	case FS_STOP_BREAKPOINT:
		snprintf(buf, len, "%s %d", brief ? "bp" : "breakpoint",
		    st->bpnum);
		return buf;
	case FS_STOP_STEP:
		return st->finished ? "finished" : "stepped";
	case FS_STOP_SIGNAL:
		snprintf(buf, len, "%s%s", brief ? "" : "signal ",
		    fs_signame(st->sig));
		return buf;
	case FS_STOP_INTERRUPT:
		return "interrupted";
	case FS_STOP_WATCHPOINT:
		snprintf(buf, len, "%s %d", brief ? "wp" : "watchpoint",
		    st->bpnum);
		return buf;
	case FS_STOP_WATCH_SCOPE:
		snprintf(buf, len, "%s %d deleted", brief ? "wp" :
		    "watchpoint", st->bpnum);
		return buf;
	case FS_STOP_SMASH:
		return "stack smash";
	case FS_STOP_NO_HISTORY:
		return "no more history";
	case FS_STOP_RECORD:
		return "recording stopped";
	case FS_STOP_EXITED:
		if (brief)
			return st->sig != 0 ? "killed" : "exited";
		if (st->sig != 0)
			snprintf(buf, len, "killed by %s",
			    fs_signame(st->sig));
		else
			snprintf(buf, len, "exited with code %d",
			    st->exit_status);
		return buf;
	}
	return "";
}

/* A piece of the status line.  When the line is too long for the
   terminal, pieces take their brief form, lowest priority first, then
   are left out, lowest first: the mode and why the program stopped stay
   longest.  */
struct seg {
	char		 full[128], brief[64];
	int		 prio;
	bool		 right;		/* on the right-hand side */
	bool		 loud;		/* HISTORY, PLAY: stands out */
	int		 state;		/* 0 full, 1 brief, 2 left out */
};

#define NSEGS	12

static struct seg *
seg_add(struct seg *sg, int *n, int prio, bool right, const char *full,
    const char *brief)
{
	struct seg *g;

	if (*n == NSEGS)
		return NULL;
	g = &sg[(*n)++];
	memset(g, 0, sizeof *g);
	snprintf(g->full, sizeof g->full, "%s", full);
	snprintf(g->brief, sizeof g->brief, "%s", brief != NULL ? brief : "");
	g->prio = prio;
	g->right = right;
	return g;
}

static int
seg_width(const struct seg *sg, int n)
{
	int i, w = 2, k = 0;

	for (i = 0; i < n; i++) {
		if (sg[i].state == 2)
			continue;
		w += cols(sg[i].state == 1 ? sg[i].brief : sg[i].full);
		if (k++ > 0)
			w += 3;
	}
	return w;
}

/* Rounds over the pieces, the lowest priority first, each giving way
   one step (to its brief form, or out), until the line fits.  */
static void
segs_fit(struct seg *sg, int n, int width)
{
	int round, prio, i;

	for (round = 0; round < 2; round++)
		for (prio = 0; prio <= 100; prio++)
			for (i = 0; i < n; i++) {
				if (seg_width(sg, n) <= width)
					return;
				if (sg[i].prio != prio || sg[i].state == 2)
					continue;
				sg[i].state = sg[i].state == 0 &&
				    sg[i].brief[0] != '\0' ? 1 : 2;
			}
}

/* "REC 12,345" while recording, "REPLAY 1,234/12,345" in its past or a
   recording file.  */
static void
record_mode(struct tui *t, char *mode, size_t len)
{
	struct fs_record *r = fs_session_record(t->s);
	char a[32], b[32];

	fs_grouped(fs_record_end(r), b, sizeof b);
	if (fs_record_replaying(r) || fs_session_replaying_file(t->s)) {
		fs_grouped(fs_record_pos(r), a, sizeof a);
		snprintf(mode, len, "REPLAY %s/%s", a, b);
	} else
		snprintf(mode, len, "REC %s", b);
}

static void
draw_status(struct tui *t, const struct tui_snap *sn)
{
	struct seg sg[NSEGS], *g;
	char a[128], b[64], r[64], rb[64];
	const char *prog = fs_session_program(t->s);
	int n = 0, i, y = t->H - 1 - t->msg_rows, x, k;

	snprintf(a, sizeof a, "%s", prog ? basename_of(prog) : "framescope");
	snprintf(b, sizeof b, "%.12s", a);
	seg_add(sg, &n, 40, false, a, strcmp(a, b) ? b : NULL);
	if (sn != NULL && sn->pid > 0) {
		bool file = fs_session_replaying_file(t->s);

		snprintf(a, sizeof a, "pid %d%s", (int)sn->pid, file ?
		    " (recording)" : sn->attached ? " (attached)" : "");
		snprintf(b, sizeof b, "%d%s", (int)sn->pid, file ? " rec" :
		    sn->attached ? " att" : "");
		seg_add(sg, &n, 30, false, a, b);
	}
	seg_add(sg, &n, 80, false, sn ? reason_text(sn, false, r, sizeof r) :
	    "not running", sn ? reason_text(sn, true, rb, sizeof rb) : NULL);
	if (sn != NULL) {
		snprintf(a, sizeof a, "stop %lu", sn->number);
		snprintf(b, sizeof b, "s%lu", sn->number);
		seg_add(sg, &n, 35, false, a, b);
	}
	snprintf(a, sizeof a, "frame #%u", t->c->frame);
	snprintf(b, sizeof b, "#%u", t->c->frame);
	seg_add(sg, &n, 60, false, a, b);
	seg_add(sg, &n, 10, false, t->intel ? "intel" : "at&t", NULL);
	/* The right-hand side.  */
	if (t->focus == P_OUT && t->ptm >= 0)
		seg_add(sg, &n, 90, true, "keys go to the program (Tab "
		    "leaves)", "keys to program");
	if (t->hview >= 0) {
		snprintf(a, sizeof a, "HISTORY %ld/%zu", t->hview + 1, t->hn);
		snprintf(b, sizeof b, "HIST %ld/%zu", t->hview + 1, t->hn);
		if ((g = seg_add(sg, &n, 100, true, a, b)) != NULL)
			g->loud = true;
	} else if (fs_session_record(t->s) != NULL) {
		record_mode(t, a, sizeof a);
		if ((g = seg_add(sg, &n, 100, true, a, NULL)) != NULL)
			g->loud = true;
	} else if (t->playing) {
		if (speeds[t->speed] > 0)
			snprintf(a, sizeof a, "PLAY %d/s", speeds[t->speed]);
		else
			snprintf(a, sizeof a, "PLAY max");
		if ((g = seg_add(sg, &n, 100, true, a, NULL)) != NULL)
			g->loud = true;
	} else
		seg_add(sg, &n, 100, true, "LIVE", NULL);
	seg_add(sg, &n, 20, true, "? help", "?");
	segs_fit(sg, n, t->W);

	fill(y, 0, t->W, " ", t->attr[R_STATUS]);
	/* Left pieces from the left edge, right ones to the right edge. */
	for (k = 0; k < 2; k++) {
		int w = 0, m = 0;

		for (i = 0; i < n; i++)
			if (sg[i].right == (k == 1) && sg[i].state < 2) {
				w += cols(sg[i].state ? sg[i].brief :
				    sg[i].full) + (m++ ? 3 : 0);
			}
		x = k == 0 ? 1 : t->W - 1 - w;
		if (x < 0)
			x = 0;
		m = 0;
		for (i = 0; i < n; i++) {
			const char *txt;

			if (sg[i].right != (k == 1) || sg[i].state == 2)
				continue;
			if (m++ > 0)
				x += put(y, x, t->W - x, " | ",
				    t->attr[R_STATUS]);
			txt = sg[i].state ? sg[i].brief : sg[i].full;
			x += put(y, x, t->W - x, txt, sg[i].loud ?
			    t->attr[R_HISTORY] : t->attr[R_STATUS]);
		}
	}
}

/* --- the message area --- */

struct wline {
	const char	*s;
	int		 len;		/* bytes */
};

/* Cut TEXT (lines split by '\n') into pieces of at most W columns,
   between words where it can; the first MAX go into OUT.  Returns how
   many pieces there are.  */
static int
wrap_text(const char *text, int w, struct wline *out, int max)
{
	const char *p = text, *q, *ls, *brk, *end;
	int n = 0, c;

	if (w < 1)
		w = 1;
	while (*p != '\0') {
		ls = q = p;
		brk = NULL;
		c = 0;
		while (*q != '\0' && *q != '\n' && c < w) {
			if (*q == ' ' && q > ls)
				brk = q;
			q++;
			while (((unsigned char)*q & 0xc0) == 0x80)
				q++;
			c++;
		}
		end = q;
		if (*q == ' ')
			q++;
		else if (*q != '\0' && *q != '\n' && brk != NULL) {
			end = brk;
			q = brk + 1;
		}
		if (n < max) {
			out[n].s = ls;
			out[n].len = (int)(end - ls);
		}
		n++;
		if (*q == '\n')
			q++;
		p = q;
	}
	return n;
}

/* Lines the message area may grow to.  */
static int
msg_max(const struct tui *t)
{
	return t->H >= 40 ? 6 : t->H >= 20 ? 3 : 1;
}

static const char *
ask_text(const struct tui *t, char *buf, size_t len)
{
	switch (t->asking) {
	case ASK_QUIT:
		snprintf(buf, len, "A debugging session is active.  Inferior 1 "
		    "[process %d] will be killed.  Quit anyway? (y or n)",
		    (int)fs_session_pid(t->s));
		return buf;
	case ASK_ATTACHED:
		snprintf(buf, len, "The process %d was attached: k kills it, d "
		    "detaches (it goes on running), Esc stays",
		    (int)fs_session_pid(t->s));
		return buf;
	default:
		return NULL;
	}
}

static int
msg_rows(const struct tui *t)
{
	struct wline wl[1];
	char q[256];
	const char *a;
	int n;

	if (t->prompting)
		return 1;
	a = ask_text(t, q, sizeof q);
	n = wrap_text(a != NULL ? a : t->msg, t->W, wl, 1);
	if (n > msg_max(t))
		n = msg_max(t);
	return n > 0 ? n : 1;
}

static const char *prompt_text(struct tui *);

static void
draw_msg(struct tui *t)
{
	struct wline wl[64];
	char q[256], line[MSG_LEN];
	const char *a;
	int n, i, y0 = t->H - t->msg_rows, first = 0, rows = t->msg_rows;
	attr_t at;

	if (t->prompting) {
		/* Inside a block (commands, define, if, while): gdb's ">"
		   prompts for its lines.  */
		snprintf(line, sizeof line, "%s%s", prompt_text(t), t->prompt);
		/* The end of a long line, where one types.  */
		i = cols(line) - (t->W - 1);
		put_from(y0, 0, t->W, line, i > 0 ? i : 0, A_NORMAL);
		return;
	}
	a = ask_text(t, q, sizeof q);
	at = a != NULL || t->msg_err ? t->attr[R_ERROR] : A_NORMAL;
	n = wrap_text(a != NULL ? a : t->msg, t->W, wl, 64);
	if (n > 64)
		n = 64;
	if (n > rows) {
		/* What a command said last matters most (finish's value):
		   the first lines give way, and the log keeps them.  */
		snprintf(line, sizeof line, "%s %d more line%s above: L shows "
		    "the log", t->g->more, n - rows + 1, n - rows + 1 == 1 ?
		    "" : "s");
		put(y0, 0, t->W, line, t->attr[R_DIM]);
		first = n - rows + 1;
		y0++;
		rows--;
	}
	for (i = 0; i < rows && first + i < n; i++) {
		snprintf(line, sizeof line, "%.*s", wl[first + i].len,
		    wl[first + i].s);
		put(y0 + i, 0, t->W, line, at);
	}
}

/* --- the instruction strip --- */

/* "<main+36>" for PC, or "" without a symbol.  */
static void
pc_label(struct tui *t, uint64_t pc, char *buf, size_t len)
{
	struct fs_where w;

	fs_modules_where(fs_session_modules(t->s), pc, pc, &w);
	if (w.func == NULL)
		buf[0] = '\0';
	else if (pc == w.func_addr)
		snprintf(buf, len, "<%s>", w.func);
	else
		snprintf(buf, len, "<%s+%" PRIu64 ">", w.func, pc -
		    w.func_addr);
}

/* The instruction at PC as gdb writes it, with a direct branch's target
   named ("call   0x555555555129 <callee>"); -1 when it cannot be read.  */
static int
insn_at(struct tui *t, uint64_t pc, char *buf, size_t len)
{
	uint8_t code[16];
	struct fs_insn in;
	char lab[300];
	ssize_t got;

	got = fs_session_read(t->s, pc, code, sizeof code, NULL);
	if (got <= 0 || fs_insn_decode_bits(code, (size_t)got, pc,
	    fs_session_arch(t->s)->insn_bits, t->intel, &in) < 0 ||
	    in.len == 0)
		return -1;
	snprintf(buf, len, "%s", in.gdbtext);
	if (in.dest != 0) {
		pc_label(t, in.dest, lab, sizeof lab);
		if (lab[0] != '\0')
			fs_strcatf(buf, len, " %s", lab);
	}
	return 0;
}

/* The strip's lines, one or two: the instruction about to run (gdb's
   "=>"), and the one a step by instruction just ran; the widest form that
   fits in W columns.  */
static int
strip_make(struct tui *t, const struct tui_snap *sn, int w)
{
	char next[256], ran[256], nl[540], rl[540];
	uint64_t pc;
	int form;

	t->strip[0][0] = t->strip[1][0] = '\0';
	if (sn == NULL || !sn->alive || !sn->has_regs)
		return 0;
	pc = sn->regs.rip;
	if (insn_at(t, pc, next, sizeof next) < 0)
		snprintf(next, sizeof next, "(cannot read the code)");
	if (!sn->has_ran || insn_at(t, sn->ran_pc, ran, sizeof ran) < 0)
		ran[0] = '\0';
	/* Forms: with addresses and symbols, symbols alone, bare.  */
	for (form = 0; form < 3; form++) {
		char a[24] = "", sym[200] = "";

		if (form < 2)
			pc_label(t, pc, sym, sizeof sym);
		if (form == 0)
			snprintf(a, sizeof a, "0x%" PRIx64 " ", pc);
		snprintf(nl, sizeof nl, "=> %s%s%s%s", a, sym, sym[0] || a[0] ?
		    ":  " : "", next);
		if (ran[0] != '\0') {
			if (form < 2)
				pc_label(t, sn->ran_pc, sym, sizeof sym);
			if (form == 0)
				snprintf(a, sizeof a, "0x%" PRIx64 " ",
				    sn->ran_pc);
			snprintf(rl, sizeof rl, "   %s%s%s%s   (just ran)", a,
			    sym, sym[0] || a[0] ? ":  " : "", ran);
		}
		if (ran[0] == '\0') {
			if (cols(nl) <= w || form == 2) {
				snprintf(t->strip[0], sizeof t->strip[0], "%s",
				    nl);
				return 1;
			}
			continue;
		}
		/* Both on one line when they fit, the next one first.  */
		if (form > 0 && cols(nl) + cols(rl) + 3 <= w) {
			snprintf(t->strip[0], sizeof t->strip[0], "%s %s %s",
			    nl, t->g->v, rl + 3);
			return 1;
		}
		if ((cols(nl) <= w && cols(rl) <= w) || form == 2) {
			snprintf(t->strip[0], sizeof t->strip[0], "%s", rl);
			snprintf(t->strip[1], sizeof t->strip[1], "%s", nl);
			return 2;
		}
	}
	return 1;
}

/* The strip's lines at this size: none when the disassembly in view is
   frame #0's (with an outer frame selected, it shows that frame's).  */
static int
strip_rows(struct tui *t)
{
	if ((t->r[P_ASM].shown || asm_in_source(t)) && t->c->frame == 0)
		return 0;
	return strip_make(t, cur_snap(t), t->W);
}

static void
strip_draw(struct tui *t, int y, int rows)
{
	int i;

	for (i = 0; i < rows; i++) {
		const char *l = t->strip[i];
		bool ran = strstr(l, "(just ran)") != NULL &&
		    strncmp(l, "=>", 2) != 0;

		put(y + i, 0, t->W, l, ran ? t->attr[R_DIM] :
		    t->attr[R_CURLINE]);
	}
}

/* A recording's timeline: one line while there is one.  */
static int
timeline_rows(struct tui *t)
{
	return timeline_rec(t) != NULL ? 1 : 0;
}

/* "12 ──●─────◆──●──── 21 | 2 breakpoint hits": the log from its first
   position kept to its end, the position (◆) and the positions where a
   breakpoint stopped the program (●), each column a span of the log.  */
static void
timeline_draw(struct tui *t, int y, int rows)
{
	struct fs_record *r = timeline_rec(t);
	char left[40], right[80], a[32], b[32];
	uint64_t lo, hi, span, pos;
	int tw, c, x, pc;
	size_t i;
	char *mark;

	t->tl_w = 0;
	if (rows < 1 || r == NULL)
		return;
	lo = fs_record_first(r) - 1;
	hi = lo + fs_record_count(r);
	pos = fs_record_pos(r);
	span = hi - lo;
	snprintf(left, sizeof left, " %s ", fs_grouped(lo, a, sizeof a));
	snprintf(right, sizeof right, " %s | %zu breakpoint hit%s ",
	    fs_grouped(hi, b, sizeof b), t->tl_n, t->tl_n == 1 ? "" : "s");
	tw = t->W - cols(left) - cols(right);
	if (tw < 10) {
		snprintf(right, sizeof right, " %s ", b);
		tw = t->W - cols(left) - cols(right);
	}
	fill(y, 0, t->W, " ", A_NORMAL);
	if (tw < 2)
		return;
	if ((mark = calloc((size_t)tw, 1)) == NULL)
		return;
	/* A column is a hit when a hit falls in its span.  */
	for (i = 0; i < t->tl_n; i++)
		if (t->tl_hits[i] >= lo && t->tl_hits[i] <= hi)
			mark[span ? (t->tl_hits[i] - lo) * (uint64_t)(tw - 1) /
			    span : 0] = 1;
	pc = pos < lo ? 0 : pos > hi ? tw - 1 : span ? (int)((pos - lo) *
	    (uint64_t)(tw - 1) / span) : 0;
	x = put(y, 0, t->W, left, t->attr[R_DIM]);
	t->tl_y = y;
	t->tl_x = x;
	t->tl_w = tw;
	t->tl_lo = lo;
	t->tl_span = span;
	for (c = 0; c < tw; c++)
		put(y, x + c, 1, c == pc ? t->g->pos : mark[c] ? t->g->bp :
		    t->g->h, c == pc ? t->attr[R_HISTORY] : mark[c] ?
		    t->attr[R_BREAK] : t->attr[R_DIM]);
	put(y, x + tw, t->W - x - tw, right, t->attr[R_DIM]);
	free(mark);
}

/* The bars over the status line, from the top down: each says how many
   lines it wants once the panes are placed, and draws them.  */
static const struct bar {
	int	(*rows)(struct tui *);
	void	(*draw)(struct tui *, int, int);
} bars[] = {
	{ timeline_rows, timeline_draw },
	{ strip_rows, strip_draw },
};
#define NBARS	((int)(sizeof bars / sizeof bars[0]))
_Static_assert(NBARS <= (int)(sizeof ((struct tui *)0)->bar_rows /
    sizeof (int)), "more bars than struct tui counts lines for");

static void
draw_bars(struct tui *t)
{
	int i, y = t->rows;

	for (i = 0; i < NBARS; i++) {
		bars[i].draw(t, y, t->bar_rows[i]);
		y += t->bar_rows[i];
	}
}

/* --- the viewer: help, the log, long command output --- */

static void
viewer_lines_free(struct tui *t)
{
	size_t i;

	for (i = 0; i < t->view.n; i++)
		free(t->view.lines[i]);
	free(t->view.lines);
	t->view.lines = NULL;
	t->view.n = 0;
	t->view.widest = 0;
}

static void
viewer_close(struct tui *t)
{
	viewer_lines_free(t);
	free(t->view.text);
	t->view.text = NULL;
	t->view.on = false;
	t->dirty = true;
}

/* The viewer's lines from its text: as they are, or cut between words
   to the widest box the screen has.  */
static void
viewer_lines(struct tui *t)
{
	const char *p = t->view.text != NULL ? t->view.text : "", *nl;
	struct wline *wl = NULL;
	size_t cap = 0, k, nw = 0;
	char **v, *l;
	int w;

	viewer_lines_free(t);
	t->view.wrapw = t->W - 4 > 1 ? t->W - 4 : 1;
	if (t->view.wrap) {
		nw = (size_t)wrap_text(p, t->view.wrapw, NULL, 0);
		if ((wl = calloc(nw ? nw : 1, sizeof *wl)) == NULL)
			return;
		wrap_text(p, t->view.wrapw, wl, (int)nw);
	}
	for (k = 0; t->view.wrap ? k < nw : *p != '\0'; k++) {
		if (!t->view.wrap) {
			if ((nl = strchr(p, '\n')) == NULL)
				nl = p + strlen(p);
			l = strndup(p, (size_t)(nl - p));
			p = *nl != '\0' ? nl + 1 : nl;
		} else
			l = strndup(wl[k].s, (size_t)wl[k].len);
		if (l == NULL)
			break;
		if (t->view.n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((v = realloc(t->view.lines, cap * sizeof *v)) ==
			    NULL) {
				free(l);
				break;
			}
			t->view.lines = v;
		}
		t->view.lines[t->view.n++] = l;
		if ((w = cols(l)) > t->view.widest)
			t->view.widest = w;
	}
	free(wl);
}

/* Show TEXT in the viewer (tabs expanded), from line TOP (or, with TOP
   -1, from the end); with WRAP its lines are cut between words, else
   they are as they are, scrolled sideways.  */
static void
viewer_open(struct tui *t, const char *ttl, const char *text, long top,
    bool wrap)
{
	struct fs_sbuf b = { 0 };
	const char *p = text, *nl;
	char line[4096];

	viewer_close(t);
	snprintf(t->view.title, sizeof t->view.title, "%s", ttl);
	for (; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (memchr(p, '\t', (size_t)(nl - p)) != NULL) {
			expand_tabs(p, (size_t)(nl - p), line, sizeof line);
			fs_sbuf_puts(&b, line);
		} else
			fs_sbuf_add(&b, p, (size_t)(nl - p));
		fs_sbuf_puts(&b, "\n");
	}
	t->view.text = b.s;
	t->view.wrap = wrap;
	viewer_lines(t);
	t->view.top = top;
	t->view.left = 0;
	t->view.on = true;
	t->dirty = true;
}

/* The viewer's box: over the panes, as large as its text needs.  */
static void
viewer_rect(const struct tui *t, struct rect *r)
{
	int rows = t->rows;

	/* Wrapped, the box has the width the lines were cut to.  */
	r->w = t->view.wrap ? t->view.wrapw + 4 : t->view.widest + 4;
	if (r->w < 50)
		r->w = 50;
	if (r->w > t->W)
		r->w = t->W;
	r->h = (int)t->view.n + 2;
	if (r->h > rows)
		r->h = rows;
	r->y = (rows - r->h) / 2;
	r->x = (t->W - r->w) / 2;
}

static int
viewer_height(const struct tui *t)
{
	struct rect r;

	viewer_rect(t, &r);
	return r.h - 2 > 1 ? r.h - 2 : 1;
}

static void
viewer_clamp(struct tui *t)
{
	long max = (long)t->view.n - viewer_height(t);
	struct rect r;

	if (max < 0)
		max = 0;
	if (t->view.top < 0 || t->view.top > max)
		t->view.top = t->view.top < 0 && t->view.top != -1 ? 0 : max;
	viewer_rect(t, &r);
	if (t->view.left > t->view.widest - (r.w - 4))
		t->view.left = t->view.widest - (r.w - 4);
	if (t->view.left < 0)
		t->view.left = 0;
}

static void
draw_viewer(struct tui *t)
{
	const struct glyphs *g = t->g;
	attr_t fr = t->attr[R_TITLE_FOCUS];
	char buf[256];
	struct rect r;
	int i, h;
	long last;

	/* Wrapped lines are cut again when the screen's width changes.  */
	if (t->view.wrap && t->view.wrapw != (t->W - 4 > 1 ? t->W - 4 : 1))
		viewer_lines(t);
	viewer_clamp(t);
	viewer_rect(t, &r);
	h = r.h - 2;
	for (i = 0; i < r.h; i++)
		fill(r.y + i, r.x, r.w, " ", A_NORMAL);
	put(r.y, r.x, 1, g->tl, t->attr[R_TITLE]);
	fill(r.y, r.x + 1, r.w - 2, g->h, t->attr[R_TITLE]);
	put(r.y, r.x + r.w - 1, 1, g->tr, t->attr[R_TITLE]);
	put(r.y + r.h - 1, r.x, 1, g->bl, t->attr[R_TITLE]);
	fill(r.y + r.h - 1, r.x + 1, r.w - 2, g->h, t->attr[R_TITLE]);
	put(r.y + r.h - 1, r.x + r.w - 1, 1, g->br, t->attr[R_TITLE]);
	for (i = 1; i < r.h - 1; i++) {
		put(r.y + i, r.x, 1, g->v, t->attr[R_TITLE]);
		put(r.y + i, r.x + r.w - 1, 1, g->v, t->attr[R_TITLE]);
	}
	snprintf(buf, sizeof buf, " %s ", t->view.title);
	put(r.y, r.x + 2, r.w - 4, buf, fr);
	for (i = 0; i < h && (size_t)(t->view.top + i) < t->view.n; i++) {
		const char *l = t->view.lines[t->view.top + i];

		put_from(r.y + 1 + i, r.x + 2, r.w - 4, l, t->view.left,
		    A_NORMAL);
		/* The line goes on to the right.  */
		if (cols(l) - t->view.left > r.w - 4)
			put(r.y + 1 + i, r.x + r.w - 2, 1, g->right,
			    t->attr[R_MARKER]);
	}
	last = t->view.top + h < (long)t->view.n ? t->view.top + h :
	    (long)t->view.n;
	snprintf(buf, sizeof buf, " %ld-%ld of %zu%s | q closes ",
	    t->view.n ? t->view.top + 1 : 0, last, t->view.n,
	    t->view.wrap ? " | w unwraps" : t->view.widest > r.w - 4 ?
	    " | <- -> scroll, w wraps" : "");
	put(r.y + r.h - 1, r.x + r.w - 2 - cols(buf), cols(buf), buf,
	    t->attr[R_TITLE]);
}

/* A key in the viewer: moves it, or closes it (Esc, q).  */
static void
viewer_key(struct tui *t, int ch)
{
	int h = viewer_height(t);

	switch (ch) {
	case KEY_UP:
	case 'k':
		t->view.top--;
		break;
	case KEY_DOWN:
	case 'j':
	case '\r':
	case '\n':
	case KEY_ENTER:
		t->view.top++;
		break;
	case KEY_PPAGE:
	case 'b':
		t->view.top -= h;
		break;
	case KEY_NPAGE:
	case ' ':
		t->view.top += h;
		break;
	case KEY_HOME:
	case 'g':
		t->view.top = 0;
		t->view.left = 0;
		break;
	case KEY_END:
	case 'G':
		t->view.top = (long)t->view.n;
		break;
	case KEY_LEFT:
	case 'h':
		t->view.left -= 8;
		break;
	case KEY_RIGHT:
	case 'l':
		t->view.left += 8;
		break;
	case 'w': {
		/* About the same part of the text stays in view.  */
		size_t was = t->view.n;

		t->view.wrap = !t->view.wrap;
		viewer_lines(t);
		if (was > 0)
			t->view.top = (long)((double)t->view.top *
			    (double)t->view.n / (double)was);
		t->view.left = 0;
		break;
	}
	case 27:
	case 'q':
		viewer_close(t);
		return;
	default:
		snprintf(t->msg, sizeof t->msg, "In the viewer: arrows, PgUp, "
		    "PgDn, Home, End move; w wraps; q or Esc closes it");
		t->msg_err = false;
		break;
	}
	if (t->view.top < 0)
		t->view.top = 0;
	viewer_clamp(t);
	t->dirty = true;
}

static double now(void);
static void draw_screen(struct tui *);
static void layout(struct tui *);
static void quit_key(struct tui *);

/* Count a duration D of something timed for `make bench`.  */
static void
tally(double d, double *sum, double *max, unsigned long *n)
{
	*sum += d;
	if (d > *max)
		*max = d;
	(*n)++;
}

static void
draw(struct tui *t)
{
	double t0 = now();

	draw_screen(t);
	tally(now() - t0, &t->draw_sum, &t->draw_max, &t->ndraw);
}

static void
draw_screen(struct tui *t)
{
	struct tui_snap *sn = cur_snap(t);
	int i;

	erase();
	layout(t);
	if (t->W < 40 || t->H < 10) {
		put(0, 0, t->W, "too small: 40x10 at least", A_BOLD);
		refresh();
		t->dirty = false;
		return;
	}
	/* Column separators.  */
	for (i = 0; i < P_N; i++) {
		const struct rect *r = &t->r[i];
		int y;

		if (!r->shown || r->x == 0)
			continue;
		for (y = r->y; y < r->y + r->h; y++)
			put(y, r->x - 1, 1, t->g->v, t->attr[R_DIM]);
	}
	if (sn != NULL && t->stack_follow) {
		stack_follow(t, sn);
		t->stack_follow = false;
	}
	if (t->r[P_STACK].shown) {
		if (sn != NULL)
			draw_stack(t, sn);
		else
			title(t, P_STACK, NULL);
	}
	if (t->r[P_SOURCE].shown)
		draw_source(t, sn);
	if (t->r[P_ASM].shown)
		draw_asm(t, sn);
	if (t->r[P_REGS].shown)
		draw_regs(t, sn);
	if (t->r[P_BT].shown)
		draw_bt(t, sn);
	if (t->r[P_VARS].shown)
		draw_vars(t, sn);
	if (t->r[P_OUT].shown)
		draw_out(t);
	draw_bars(t);
	draw_status(t, sn);
	draw_msg(t);
	if (t->view.on)
		draw_viewer(t);
	if (t->prompting) {
		int pc = cols(prompt_text(t)) + cols(t->prompt);

		curs_set(1);
		move(t->H - 1, pc < t->W ? pc : t->W - 1);
	} else
		curs_set(0);
	refresh();
	t->dirty = false;
}

/* ------------------------------------------------------------- layout */

static void
rect(struct rect *r, int y, int x, int h, int w)
{
	r->y = y;
	r->x = x;
	r->h = h;
	r->w = w;
	r->shown = h >= 2 && w >= 10;
}

/* Place the panes in the first ROWS lines.  The choice of layout goes
   by the terminal's size alone, so that a message growing or a strip
   coming does not move every pane.  */
static void
panes(struct tui *t, int rows)
{
	int W = t->W, i;

	for (i = 0; i < P_N; i++)
		memset(&t->r[i], 0, sizeof t->r[i]);
	if (W >= 150 && t->H >= 32) {
		/* Wide: the stack on the left, everything else stacked on
		   the right.  */
		int sw = W * 52 / 100, rx = sw + 1, rw = W - sw - 1, y = 0;
		int hs = rows * 28 / 100, ha = rows * 18 / 100, hr = 7;
		int rest = rows - hs - ha - hr, hb = rest * 40 / 100;
		int hv = rest * 30 / 100;

		rect(&t->r[P_STACK], 0, 0, rows, sw);
		rect(&t->r[P_SOURCE], y, rx, hs, rw);
		y += hs;
		rect(&t->r[P_ASM], y, rx, ha, rw);
		y += ha;
		rect(&t->r[P_REGS], y, rx, hr, rw);
		y += hr;
		rect(&t->r[P_BT], y, rx, hb, rw);
		y += hb;
		rect(&t->r[P_VARS], y, rx, hv, rw);
		y += hv;
		rect(&t->r[P_OUT], y, rx, rows - y, rw);
	} else if (t->H >= 16) {
		/* The stack on top, a band under it: source, then a column
		   shared by the other panes (Tab brings each), then the
		   program's output when there is room.  From 120 columns,
		   stepping by instruction shares the source's place with
		   the disassembly.  */
		int sh = rows * 56 / 100, by = sh, bh = rows - sh;
		int srcw = W >= 120 ? W * 40 / 100 : W * 55 / 100;
		int colx = srcw + 1, colw, outw = 0;

		if (W >= 120) {
			outw = W * 28 / 100;
			colw = W - colx - outw - 1;
		} else
			colw = W - colx;
		rect(&t->r[P_STACK], 0, 0, sh, W);
		if (W >= 120 && t->insn_mode && t->band != P_ASM && bh >= 8) {
			int hs = bh * 40 / 100;

			rect(&t->r[P_SOURCE], by, 0, hs, srcw);
			rect(&t->r[P_ASM], by + hs, 0, bh - hs, srcw);
		} else
			rect(&t->r[P_SOURCE], by, 0, bh, srcw);
		if (outw > 0)
			rect(&t->r[P_OUT], by, W - outw, bh, outw);
		if (t->band == P_BT || t->band == P_VARS) {
			int hb = bh / 2;

			rect(&t->r[P_BT], by, colx, hb, colw);
			rect(&t->r[P_VARS], by + hb, colx, bh - hb, colw);
		} else if (t->band != P_OUT || outw == 0)
			rect(&t->r[t->band], by, colx, bh, colw);
		else {
			int hb = bh / 2;

			rect(&t->r[P_BT], by, colx, hb, colw);
			rect(&t->r[P_VARS], by + hb, colx, bh - hb, colw);
		}
	} else
		rect(&t->r[P_STACK], 0, 0, rows, W);
}

/* Whether the source pane shows the code: a frame without lines, or
   whose file cannot be read.  */
static bool
asm_in_source(const struct tui *t)
{
	const struct tui_snap *sn = cur_snap(t);
	const struct tui_frame *f = sel_frame(t, sn);

	return t->r[P_SOURCE].shown && f != NULL && sn->alive &&
	    (f->file == NULL || fs_source_nlines(t->c->src, f->path != NULL ?
	    f->path : f->file) == 0);
}

/* The screen from the bottom: the message area (one line, or a few for
   a long message), the status line, the bars (the instruction strip when
   no disassembly is in view), then the panes.  */
static void
layout(struct tui *t)
{
	int stack_h = t->r[P_STACK].h, n = 0, i, outw = t->r[P_OUT].shown ?
	    t->r[P_OUT].w : 0, H = t->H, W = t->W;

	getmaxyx(stdscr, t->H, t->W);
	t->msg_rows = msg_rows(t);
	t->rows = t->H - 1 - t->msg_rows;
	panes(t, t->rows);
	for (i = 0; i < NBARS; i++)
		n += t->bar_rows[i] = bars[i].rows(t);
	if (n > 0) {
		t->rows -= n;
		panes(t, t->rows);
	}
	/* The program's terminal changes size with ours, not with a
	   message: every change is a SIGWINCH to the program.  */
	if (t->H != H || t->W != W || outw != (t->r[P_OUT].shown ?
	    t->r[P_OUT].w : 0))
		pty_resize(t);
	if (t->r[P_STACK].h != stack_h)
		stack_scroll_to_cursor(t);
}

/* ------------------------------------------------------------ actions */

static void
streams_reset(struct tui *t)
{
	if (t->out != NULL)
		fclose(t->out);
	if (t->err != NULL)
		fclose(t->err);
	free(t->outbuf);
	free(t->errbuf);
	t->outbuf = t->errbuf = NULL;
	t->out = open_memstream(&t->outbuf, &t->outlen);
	t->err = open_memstream(&t->errbuf, &t->errlen);
	t->c->out = t->out != NULL ? t->out : stdout;
	t->c->err = t->err != NULL ? t->err : stderr;
}

/* --- the log --- */

/* Keep TEXT, line by line.  */
static void
log_text(struct tui *t, const char *text)
{
	const char *p = text, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		ring_add(&t->log, p, nl != NULL ? (size_t)(nl - p) :
		    strlen(p));
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
}

static void
k_log(struct tui *t, int ch)
{
	struct fs_sbuf b = { 0 };
	size_t i;

	(void)ch;
	for (i = 0; i < t->log.n; i++) {
		fs_sbuf_puts(&b, ring_at(&t->log, i));
		fs_sbuf_puts(&b, "\n");
	}
	viewer_open(t, "log: the commands and what they said",
	    b.s != NULL ? b.s : "(nothing yet)", -1, false);
	free(b.s);
}

/* Set the message, kept in the log too.  */
static void
say(struct tui *t, bool err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct tui *t, bool err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_err = err;
	log_text(t, t->msg);
	t->dirty = true;
}

/* Whether TEXT goes in the message area: a few lines, no line wider than
   the terminal but a single one, which wraps.  */
static bool
msg_fits(const struct tui *t, const char *text)
{
	struct wline wl[1];
	const char *p, *nl;
	int lines = 0;

	if (wrap_text(text, t->W, wl, 1) > msg_max(t))
		return false;
	for (p = text; *p != '\0'; p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		lines++;
		if (cols(p) - cols(nl) > t->W && text[strcspn(text, "\n")] !=
		    '\0')
			return false;
	}
	return lines <= msg_max(t);
}

/* Whether LINE is gdb's echo of a source line at a stop.  */
static bool
src_echo(const char *line)
{
	const char *p = line;

	if (strncmp(p, "0x", 2) == 0) {
		p += 2 + strspn(p + 2, "0123456789abcdef");
		if (*p++ != '\t')
			return false;
	}
	return isdigit((unsigned char)*p) && p[strspn(p, "0123456789")] ==
	    '\t';
}

/* Whether CMD prints values, text to read cut between words, not a
   table: print, p/x, call, output.  */
static bool
value_cmd(const char *cmd)
{
	static const char *const w[] = { "print", "p", "inspect", "call",
	    "output", "printf", "echo", NULL };
	size_t n, i;

	cmd += strspn(cmd, " ");
	n = strcspn(cmd, " /");
	for (i = 0; w[i] != NULL; i++)
		if (strlen(w[i]) == n && strncmp(cmd, w[i], n) == 0)
			return true;
	return false;
}

/* The interpreter's words after command CMD: what it printed, its errors
   after, in the message area, less the lines that only say it goes on
   ("Continuing.", "Run till exit ...").  VIEW_MANY: output that does not
   fit there goes to the viewer, unless the program moved (a stop's report
   keeps its last lines, finish's value).  Everything goes to the log. */
static void
collect(struct tui *t, const char *cmd, bool view_many, unsigned long stop0)
{
	struct fs_sbuf m = { 0 }, all = { 0 };
	char line[MSG_LEN];
	size_t hdr;
	const char *p, *nl;
	bool moved = fs_session_stop(t->s)->number != stop0;

	fflush(t->out);
	fflush(t->err);
	/* finish marks its stop after telling it: the snapshot of the stop
	   takes the mark, and the status line says "finished".  */
	if (moved && t->hn > 0 && hist_at(t, t->hn - 1)->number ==
	    fs_session_stop(t->s)->number)
		hist_at(t, t->hn - 1)->stop.finished =
		    fs_session_stop(t->s)->finished;
	if (cmd != NULL && *cmd != '\0')
		fs_sbuf_printf(&all, "%s%s\n", t->logprompt[0] != '\0' ?
		    t->logprompt : "(framescope) ", cmd);
	hdr = all.len;
	if (t->outbuf != NULL)
		fs_sbuf_puts(&all, t->outbuf);
	if (t->errbuf != NULL)
		fs_sbuf_puts(&all, t->errbuf);
	if (all.s != NULL)
		log_text(t, all.s);
	for (p = t->outbuf != NULL ? t->outbuf : ""; *p != '\0';
	    p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl == p || strncmp(p, "Continuing.", 11) == 0 ||
		    strncmp(p, "Run till exit", 13) == 0 ||
		    strncmp(p, "Starting program", 16) == 0)
			continue;
		/* A stop's source line ("10\t...", after stepi
		   "0x...\t10\t..."): the source pane shows it, the log
		   keeps it.  */
		if (moved && t->r[P_SOURCE].shown && src_echo(p))
			continue;
		expand_tabs(p, (size_t)(nl - p), line, sizeof line);
		fs_sbuf_printf(&m, "%s%s", m.len ? "\n" : "", line);
	}
	for (p = t->errbuf != NULL ? t->errbuf : ""; *p != '\0';
	    p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		expand_tabs(p, (size_t)(nl - p), line, sizeof line);
		fs_sbuf_printf(&m, "%s%s", m.len ? "\n" : "", line);
	}
	t->msg_err = t->errbuf != NULL && t->errlen > 0;
	/* The command as typed, for the viewer's title.  */
	if (t->typed != NULL)
		cmd = t->typed;
	if (view_many && !moved && m.s != NULL && !msg_fits(t, m.s)) {
		viewer_open(t, cmd, all.s + hdr, 0, value_cmd(cmd));
		snprintf(t->msg, sizeof t->msg, "%s: %zu lines in the viewer "
		    "(arrows move, q closes)", cmd, t->view.n);
	} else if (m.s != NULL)
		snprintf(t->msg, sizeof t->msg, "%s", m.s);
	else if (view_many && !moved)
		/* A command that says nothing when it works, as gdb's:
		   say that it did.  */
		snprintf(t->msg, sizeof t->msg, "%s: done", cmd);
	free(m.s);
	free(all.s);
	streams_reset(t);
}

static void
run(struct tui *t, const char *line, bool view_many)
{
	unsigned long stop0 = fs_session_stop(t->s)->number;

	t->hview = -1;
	t->msg[0] = '\0';
	t->msg_err = false;
	/* Say that it runs before it blocks: a continue may take long.  */
	if (strncmp(line, "continue", 8) == 0 || strncmp(line, "run", 3) == 0 ||
	    strncmp(line, "finish", 6) == 0) {
		snprintf(t->msg, sizeof t->msg, "running... (^C interrupts)");
		draw(t);
	}
	snprintf(t->logprompt, sizeof t->logprompt, "%s",
	    cmd_script_prompt(t->c) != NULL ? cmd_script_prompt(t->c) : "");
	g_busy = 1;
	cmd_exec(t->c, line);
	g_busy = 0;
	g_intr = 0;
	collect(t, line, view_many, stop0);
	/* quit asks here as q does.  */
	if (t->c->quit) {
		t->c->quit = false;
		quit_key(t);
	}
	t->dirty = true;
}

/* < and > in a recording: a step back or forward of the kind of the
   last step key (a line, over calls or into them, or an instruction).  */
static void
record_step(struct tui *t, bool back)
{
	static const char *const fwd[] = { "stepi", "nexti", "step", "next" };
	int k = t->last_step == 'I' ? 1 : t->last_step == 's' ? 2 :
	    t->last_step == 'n' ? 3 : 0;
	char line[32];

	snprintf(line, sizeof line, "%s%s", back ? "reverse-" : "", fwd[k]);
	run(t, line, false);
}

static void
restart(struct tui *t)
{
	struct fs_err e;

	if (fs_session_attached(t->s) && fs_session_alive(t->s)) {
		snprintf(t->msg, sizeof t->msg, "The process was attached: it "
		    "cannot be restarted");
		t->msg_err = true;
		return;
	}
	if (fs_session_program(t->s) == NULL)
		return;
	run(t, "start", false);
	if (!fs_session_alive(t->s)) {
		/* No main: stop at the first instruction.  */
		if (fs_session_launch(t->s, &e) < 0) {
			snprintf(t->msg, sizeof t->msg, "%s", e.msg);
			t->msg_err = true;
		}
	}
}

static void
select_frame(struct tui *t, long f)
{
	struct tui_snap *sn = cur_snap(t);

	if (sn == NULL || !sn->alive)
		return;
	if (f < 0)
		f = 0;
	if ((size_t)f >= sn->depth)
		f = (long)sn->depth - 1;
	t->c->frame = (unsigned)f;
	/* Live: take the stop again with the frame's slot map and name.  */
	if (t->hview < 0 && ((size_t)f >= sn->nmaps || (size_t)f >=
	    sn->nframes))
		capture(t);
	t->stack_follow = true;
	t->dirty = true;
	/* Say which, as gdb's frame, up and down do.  */
	if (t->hview < 0) {
		unsigned long stop0 = fs_session_stop(t->s)->number;

		cmd_print_frame(t->c, (unsigned)f, false);
		collect(t, NULL, false, stop0);
	} else {
		char lab[512];

		say(t, false, "%s (as it was at stop %lu)", frame_label(sn,
		    (size_t)f, lab, sizeof lab), sn->number);
	}
}

static void
toggle_break(struct tui *t)
{
	const struct tui_frame *f = sel_frame(t, cur_snap(t));
	const struct fs_breakpoint *bp;
	size_t n, i;
	char line[1200];

	if (f == NULL || f->file == NULL || t->src_cur < 1) {
		snprintf(t->msg, sizeof t->msg, "No source line here");
		t->msg_err = true;
		return;
	}
	bp = fs_session_breakpoints(t->s, &n);
	for (i = 0; i < n; i++)
		if (bp[i].file != NULL && bp[i].line == (unsigned)t->src_cur &&
		    strcmp(basename_of(bp[i].file), basename_of(f->file)) ==
		    0) {
			snprintf(line, sizeof line, "delete %d", bp[i].number);
			run(t, line, false);
			snprintf(t->msg, sizeof t->msg, "Deleted breakpoint "
			    "%d", bp[i].number);
			return;
		}
	snprintf(line, sizeof line, "break %s:%ld", basename_of(f->file),
	    t->src_cur);
	run(t, line, false);
}

/* e: what the word under the stack cursor is, whole.  */
static void
k_explain(struct tui *t, int ch)
{
	struct tui_snap *sn = cur_snap(t);
	struct sline sl;
	char ttl[128];

	(void)ch;
	if (sn == NULL || !sn->alive || t->stack_cur < 0 ||
	    !stack_line(t, sn, (size_t)t->stack_cur, &sl) ||
	    sl.kind != SL_SLOT) {
		snprintf(t->msg, sizeof t->msg, "e explains the slot under the "
		    "stack cursor (Tab to the stack pane, arrows to move)");
		t->msg_err = false;
		return;
	}
	const struct tui_slot *s = &sn->maps[sl.map].slots[sl.slot];

	snprintf(ttl, sizeof ttl, "%" PRIx64, s->addr);
	say(t, false, "%s: %s", ttl, s->explain ? s->explain : "");
	if (!msg_fits(t, t->msg))
		viewer_open(t, ttl, t->msg, 0, true);
}

static const enum pane tab_order[] = { P_STACK, P_SOURCE, P_BT, P_VARS,
    P_ASM, P_REGS, P_OUT };

static void
focus_next(struct tui *t, int dir)
{
	size_t i, n = sizeof tab_order / sizeof tab_order[0];

	for (i = 0; i < n && (int)tab_order[i] != t->focus; i++)
		;
	i = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	t->focus = tab_order[i];
	/* A pane the layout hides takes the shared column.  */
	if (!t->r[t->focus].shown) {
		t->band = t->focus;
		layout(t);
		if (!t->r[t->focus].shown) {
			focus_next(t, dir);
			return;
		}
	}
	t->dirty = true;
}

/* The program's output, D lines on (back, when negative).  */
static void
out_scroll(struct tui *t, long d)
{
	t->out_back -= (int)d;
	if (t->out_back < 0)
		t->out_back = 0;
}

static void
scroll_pane(struct tui *t, long d)
{
	struct tui_snap *sn = cur_snap(t);

	switch (t->focus) {
	case P_STACK:
		if (sn != NULL && sn->alive) {
			long total = (long)stack_total(t, sn), step = d > 0 ?
			    1 : -1, was = t->stack_cur;
			struct sline sl;

			t->stack_cur += d;
			if (t->stack_cur >= total)
				t->stack_cur = total - 1;
			if (t->stack_cur < 0)
				t->stack_cur = 0;
			/* The cursor is on words and folds, not on box
			   lines.  */
			while (t->stack_cur >= 0 && t->stack_cur < total &&
			    stack_line(t, sn, (size_t)t->stack_cur, &sl) &&
			    sl.kind != SL_SLOT && sl.kind != SL_MORE &&
			    !(sl.kind == SL_FOLD && sl.part == 1))
				t->stack_cur += step;
			if (t->stack_cur < 0 || t->stack_cur >= total)
				t->stack_cur = was;
			stack_scroll_to_cursor(t);
		}
		break;
	case P_SOURCE:
		t->src_cur += d;
		break;
	case P_BT:
		if (sn != NULL && sn->alive) {
			size_t row = bt_row_of(t, sn, t->c->frame), frame;
			const struct tui_run *run;
			long nr = (long)row + d, rows = (long)bt_rows(t, sn);

			if (nr < 0)
				nr = 0;
			if (nr >= rows)
				nr = rows - 1;
			if (bt_row(t, sn, (size_t)nr, &frame, &run))
				select_frame(t, (long)frame);
		}
		break;
	case P_OUT:
		out_scroll(t, d);
		break;
	case P_REGS:
		t->xregs_top += d;
		if (t->xregs_top < 0)
			t->xregs_top = 0;
		break;
	default:
		break;
	}
	t->dirty = true;
}

/* Fold or unfold the recursion holding FRAME (in the backtrace and the
   stack pane alike).  */
static void
toggle_fold(struct tui *t, size_t frame)
{
	struct tui_snap *sn = cur_snap(t);
	const struct tui_run *r;
	char a[32], b[32], c[32];
	size_t i, *u;

	if (sn == NULL || (r = tui_snap_run(sn, frame)) == NULL ||
	    r->count < 3) {
		say(t, false, "No recursion to fold here");
		return;
	}
	fs_grouped(r->count, a, sizeof a);
	fs_grouped(r->first, b, sizeof b);
	fs_grouped(r->first + r->count - 1, c, sizeof c);
	t->fold_gen++;
	t->dirty = true;
	for (i = 0; i < t->nunfolded; i++)
		if (t->unfolded[i] == r->first) {
			t->unfolded[i] = t->unfolded[--t->nunfolded];
			say(t, false, "Folded %s %s%s (#%s-#%s)", r->func ?
			    r->func : "??", t->g->times, a, b, c);
			goto cursor;
		}
	if ((u = realloc(t->unfolded, (t->nunfolded + 1) * sizeof *u)) ==
	    NULL)
		return;
	t->unfolded = u;
	t->unfolded[t->nunfolded++] = r->first;
	say(t, false, "Unfolded %s %s%s (#%s-#%s)", r->func ? r->func : "??",
	    t->g->times, a, b, c);
cursor:
	/* The stack's cursor stays on the frames it was on.  */
	if (sn->alive && r->count >= TUI_FOLD_MIN) {
		stack_cursor_to(t, sn, r->first + TUI_FOLD_KEEP);
		stack_scroll_to_cursor(t);
	}
}

/* Enter in the stack pane: a fold opens; a frame's words select it; on
   the selected frame, its recursion folds again.  */
static void
stack_enter(struct tui *t)
{
	struct tui_snap *sn = cur_snap(t);
	const struct tui_run *r;
	struct sline sl;
	long f;

	if (sn == NULL || t->stack_cur < 0 ||
	    !stack_line(t, sn, (size_t)t->stack_cur, &sl) ||
	    (f = line_frame(&sl)) < 0)
		return;
	if (sl.kind == SL_FOLD)
		toggle_fold(t, sl.first);
	else if ((unsigned long)f != t->c->frame)
		select_frame(t, f);
	else if ((r = tui_snap_run(sn, (size_t)f)) != NULL &&
	    r->count >= TUI_FOLD_MIN && is_unfolded(t, r->first))
		toggle_fold(t, (size_t)f);
}

static int
pane_height(struct tui *t)
{
	int h = t->r[t->focus].h - 2;

	return h > 1 ? h : 1;
}

static void
play_step(struct tui *t)
{
	struct fs_err e;
	const struct fs_stop *st;

	if (!fs_session_alive(t->s)) {
		t->playing = false;
		return;
	}
	g_busy = 1;
	fs_cancel_clear();
	if (fs_session_stepi(t->s, 1, false, &e) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
		t->msg_err = true;
		t->playing = false;
	}
	g_busy = 0;
	st = fs_session_stop(t->s);
	if (st->reason != FS_STOP_STEP) {
		t->playing = false;
		cmd_print_stop(t->c, false);
		collect(t, "", false, 0);
	}
	t->dirty = true;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void key(struct tui *t, int ch);
static void mouse_event(struct tui *);

/* Play: step by itself; any key but + and - stops it.  At the top
   speed the screen is drawn at most 30 times a second.  */
static void
play(struct tui *t)
{
	double last = 0, next = now();
	int ch;

	double start = now();
	unsigned long steps0 = t->play_steps;

	t->playing = true;
	t->msg[0] = '\0';
	t->dirty = true;
	while (t->playing && !g_term) {
		if (g_intr) {
			g_intr = 0;
			break;
		}
		if (t->dirty && now() - last >= 1.0 / 30) {
			draw(t);
			last = now();
		}
		timeout(0);
		ch = key_get();
		if (ch != ERR) {
			if (ch == '+' || ch == '=') {
				if (t->speed + 1 < NSPEEDS)
					t->speed++;
				t->dirty = true;
			} else if (ch == '-') {
				if (t->speed > 0)
					t->speed--;
				t->dirty = true;
			} else if (ch == KEY_RESIZE) {
				clearok(curscr, TRUE);
				layout(t);
				t->dirty = true;
			} else if (ch == KEY_MOUSE) {
				/* The wheel and clicks do not stop play.  */
				mouse_event(t);
			} else {
				t->playing = false;
				break;
			}
		}
		if (speeds[t->speed] > 0) {
			double d = next - now();

			if (d > 0) {
				/* Wait in getch, so a key stops at once.  */
				timeout((int)(d * 1000) + 1);
				ch = key_get();
				if (ch != ERR)
					ungetch(ch);
				continue;
			}
			next = now() + 1.0 / speeds[t->speed];
		}
		play_step(t);
		t->play_steps++;
	}
	/* Only the top speed says how fast play can go.  */
	if (speeds[t->speed] == 0)
		t->play_s += now() - start;
	else
		t->play_steps = steps0;
	t->playing = false;
	timeout(100);
	t->dirty = true;
}

/* What the command line begins with: ":", or gdb's ">" in a block.  */
static const char *
prompt_text(struct tui *t)
{
	const char *more = cmd_script_prompt(t->c);

	return more != NULL ? more : ":";
}

static void
prompt_key(struct tui *t, int ch)
{
	if (ch == 27 || ch == 7) {
		t->prompting = false;
		cmd_script_cancel(t->c);
	} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		char line[sizeof t->prompt + 16];
		const char *p = t->prompt + strspn(t->prompt, " \t");

		t->prompting = false;
		/* The viewer shows the frames as bt lists them, one's own
		   first; -outer gives the textbook's order back.  */
		if (strncmp(p, "frames", 6) == 0 && (p[6] == '\0' ||
		    p[6] == ' ' || p[6] == '\t'))
			snprintf(line, sizeof line, "frames -inner%s", p + 6);
		else
			snprintf(line, sizeof line, "%s", p);
		t->typed = p;
		if (line[0] != '\0' || cmd_script_prompt(t->c) != NULL)
			run(t, line, true);
		t->typed = NULL;
		/* The next line of a block is asked for at once.  */
		if (cmd_script_prompt(t->c) != NULL) {
			t->prompting = true;
			t->plen = 0;
			t->prompt[0] = '\0';
		}
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* A whole UTF-8 character.  */
		while (t->plen > 0 && ((unsigned char)t->prompt[--t->plen] &
		    0xc0) == 0x80)
			;
		t->prompt[t->plen] = '\0';
		if (t->plen == 0 && ch != 127 && ch != KEY_BACKSPACE)
			t->prompting = false;
	} else if (ch == 21) {		/* ^U */
		t->plen = 0;
		t->prompt[0] = '\0';
	} else if (ch >= 0x20 && ch < 0x100 && t->plen + 1 < sizeof t->prompt) {
		t->prompt[t->plen++] = (char)ch;
		t->prompt[t->plen] = '\0';
	}
	t->dirty = true;
}

static void
out_key(struct tui *t, int ch)
{
	char b[8];
	size_t n = 0;

	switch (ch) {
	case KEY_ENTER:
	case '\n':
		b[n++] = '\r';
		break;
	case KEY_BACKSPACE:
		b[n++] = 127;
		break;
	case KEY_UP: memcpy(b, "\033[A", 3); n = 3; break;
	case KEY_DOWN: memcpy(b, "\033[B", 3); n = 3; break;
	case KEY_RIGHT: memcpy(b, "\033[C", 3); n = 3; break;
	case KEY_LEFT: memcpy(b, "\033[D", 3); n = 3; break;
	default:
		if (ch >= 0 && ch < 0x100)
			b[n++] = (char)ch;
	}
	if (n > 0 && t->ptm >= 0 && write(t->ptm, b, n) < 0) {
		/* The program closed its terminal: nothing to tell.  */
	}
}

static void
history_move(struct tui *t, int d)
{
	if (t->hn == 0)
		return;
	if (d < 0) {
		if (t->hview < 0)
			t->hview = (long)t->hn - 1;
		if (t->hview == 0) {
			snprintf(t->msg, sizeof t->msg, "The oldest stop "
			    "kept");
			return;
		}
		t->hview--;
	} else {
		if (t->hview < 0)
			return;
		if (++t->hview >= (long)t->hn - 1)
			t->hview = -1;
	}
	t->c->frame = 0;
	t->stack_follow = true;
	if (t->hview >= 0)
		snprintf(t->msg, sizeof t->msg, "History: stop %lu; the "
		    "process does not move (> forward, a step key: live)",
		    cur_snap(t)->number);
	else
		snprintf(t->msg, sizeof t->msg, "Back at the live stop");
	t->msg_err = false;
	t->dirty = true;
}

/* q asks before it kills a program that runs, as gdb's quit does; an
   attached process may be killed or left running.  */
static void
quit_key(struct tui *t)
{
	if (fs_session_alive(t->s) && !fs_session_replaying_file(t->s)) {
		t->asking = fs_session_attached(t->s) ? ASK_ATTACHED :
		    ASK_QUIT;
		t->dirty = true;
		return;
	}
	t->quit = true;
}

/* Q: at once; an attached process goes on running.  */
static void
quit_now(struct tui *t)
{
	struct fs_err e;

	if (fs_session_alive(t->s) && fs_session_attached(t->s) &&
	    fs_session_detach(t->s, &e) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
		t->msg_err = true;
		return;
	}
	t->quit = true;
}

static void
ask_key(struct tui *t, int ch)
{
	struct fs_err e;
	int was = t->asking;

	t->asking = ASK_NONE;
	t->dirty = true;
	if (was == ASK_QUIT && (ch == 'y' || ch == 'Y')) {
		t->quit = true;
		return;
	}
	if (was == ASK_ATTACHED && (ch == 'k' || ch == 'K')) {
		fs_session_kill(t->s, &e);
		t->quit = true;
		return;
	}
	if (was == ASK_ATTACHED && (ch == 'd' || ch == 'D')) {
		quit_now(t);
		return;
	}
	snprintf(t->msg, sizeof t->msg, "Not confirmed.");
	t->msg_err = false;
}

/* --- the mouse --- */

static int
pane_at(const struct tui *t, int y, int x)
{
	int i;

	for (i = 0; i < P_N; i++) {
		const struct rect *r = &t->r[i];

		if (r->shown && y >= r->y && y < r->y + r->h && x >= r->x &&
		    x < r->x + r->w)
			return i;
	}
	return -1;
}

/* The wheel scrolls the pane under the pointer, three lines a notch.  */
static void
wheel(struct tui *t, int p, int d)
{
	struct tui_snap *sn = cur_snap(t);
	long h = t->r[P_STACK].h - 1, total;

	switch (p) {
	case P_STACK:
		if (sn == NULL)
			break;
		total = (long)stack_total(t, sn);
		t->stack_top += 3 * d;
		if (t->stack_top > total - h)
			t->stack_top = total - h;
		if (t->stack_top < 0)
			t->stack_top = 0;
		break;
	case P_SOURCE:
		/* The lines move, the cursor with them.  */
		if (t->src_top + 3 * d >= 1) {
			t->src_top += 3 * d;
			t->src_cur += 3 * d;
		}
		break;
	case P_BT:
		t->bt_top += 3 * d;
		break;
	case P_OUT:
		out_scroll(t, 3 * d);
		break;
	default:
		break;
	}
	t->dirty = true;
}

/* A click: in the stack or the backtrace it selects the frame (on a
   fold, unfolds it), in the source's numbers it sets or deletes a
   breakpoint; anywhere it gives the pane the focus.  */
static void
click(struct tui *t, int p, int y, int x)
{
	struct tui_snap *sn = cur_snap(t);
	const struct rect *r = &t->r[p];
	const struct tui_run *run;
	struct sline sl;
	size_t frame;
	long row = y - r->y - 1, f;

	t->focus = p;
	t->dirty = true;
	if (row < 0 || sn == NULL)
		return;
	switch (p) {
	case P_STACK:
		if (!stack_line(t, sn, (size_t)(t->stack_top + row), &sl) ||
		    (f = line_frame(&sl)) < 0)
			break;
		if (sl.kind == SL_SLOT || sl.kind == SL_FOLD || sl.kind ==
		    SL_MORE)
			t->stack_cur = t->stack_top + row;
		if (sl.kind == SL_FOLD)
			toggle_fold(t, sl.first);
		else if ((unsigned long)f != t->c->frame) {
			select_frame(t, f);
			/* The cursor stays where the click was.  */
			t->stack_follow = false;
			if (sl.kind == SL_SLOT)
				t->stack_cur = t->stack_top + row;
		}
		break;
	case P_BT:
		if (sn->alive && bt_row(t, sn, (size_t)(t->bt_top + row),
		    &frame, &run)) {
			if (run != NULL && frame == t->c->frame)
				toggle_fold(t, frame);
			else
				select_frame(t, (long)frame);
		}
		break;
	case P_SOURCE:
		t->src_cur = (long)t->src_top + row;
		/* The gutter: the marks and the line number.  */
		if (x < r->x + 6)
			toggle_break(t);
		break;
	default:
		break;
	}
}

static void
mouse_event(struct tui *t)
{
	MEVENT me;
	int p;

	if (getmouse(&me) != OK)
		return;
	if (t->view.on) {
		if (me.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
			viewer_key(t, me.bstate & BUTTON4_PRESSED ? KEY_UP :
			    KEY_DOWN);
		return;
	}
	if (t->prompting || t->asking != ASK_NONE)
		return;
	/* A click on the timeline goes to the position under it.  */
	if (t->tl_w > 1 && me.y == t->tl_y && me.x >= t->tl_x && me.x <
	    t->tl_x + t->tl_w && (me.bstate & (BUTTON1_PRESSED |
	    BUTTON1_CLICKED))) {
		char line[64];

		snprintf(line, sizeof line, "record goto %" PRIu64, t->tl_lo +
		    ((uint64_t)(me.x - t->tl_x) * t->tl_span +
		    (uint64_t)(t->tl_w - 1) / 2) / (uint64_t)(t->tl_w - 1));
		run(t, line, false);
		return;
	}
	if ((p = pane_at(t, me.y, me.x)) < 0)
		return;
	if (me.bstate & BUTTON4_PRESSED)
		wheel(t, p, -1);
	else if (me.bstate & BUTTON5_PRESSED)
		wheel(t, p, 1);
	else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		click(t, p, me.y, me.x);
}

static void
mouse_set(struct tui *t, bool on)
{
	t->mouse = on;
	mousemask(on ? BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED : 0, NULL);
}

/* --- keys --- */

static void
k_step(struct tui *t, int ch)
{
	struct tui_snap *sn;
	unsigned long stop0;
	uint64_t pc0;
	double t0;

	if (t->hview >= 0) {
		t->hview = -1;
		t->stack_follow = true;
	}
	if (ch == 'c' && !fs_session_alive(t->s) &&
	    !fs_session_attached(t->s)) {
		run(t, "run", false);
		return;
	}
	/* With a recording, < and > step as the last step key did.  */
	if (ch != 'f' && ch != 'c')
		t->last_step = ch;
	/* Stepping by instruction brings the disassembly (or the strip),
	   by line the source alone.  */
	if (ch == 'i' || ch == 'I')
		t->insn_mode = true;
	else if (ch == 's' || ch == 'n')
		t->insn_mode = false;
	sn = cur_snap(t);
	pc0 = sn != NULL && sn->has_regs ? sn->regs.rip : 0;
	stop0 = fs_session_stop(t->s)->number;
	t0 = now();
	run(t, ch == 's' ? "step" : ch == 'n' ? "next" : ch == 'i' ? "stepi" :
	    ch == 'I' ? "nexti" : ch == 'f' ? "finish" : "continue", false);
	/* nexti over a call: what ran is the call.  */
	sn = cur_snap(t);
	if (ch == 'I' && sn != NULL && sn->number != stop0 && !sn->has_ran &&
	    sn->stop.reason == FS_STOP_STEP && pc0 != 0) {
		sn->has_ran = true;
		sn->ran_pc = pc0;
	}
	draw(t);
	tally(now() - t0, &t->step_sum, &t->step_max, &t->nstep);
}

static void
k_restart(struct tui *t, int ch)
{
	(void)ch;
	restart(t);
}

static void
k_break(struct tui *t, int ch)
{
	(void)ch;
	toggle_break(t);
}

static void
k_frame(struct tui *t, int ch)
{
	select_frame(t, (long)t->c->frame + (ch == 'u' ? 1 : -1));
}

static void
k_play(struct tui *t, int ch)
{
	(void)ch;
	t->hview = -1;
	t->insn_mode = true;
	play(t);
}

static void
k_speed(struct tui *t, int ch)
{
	if (ch == '-') {
		if (t->speed > 0)
			t->speed--;
	} else if (t->speed + 1 < NSPEEDS)
		t->speed++;
	snprintf(t->msg, sizeof t->msg, "play speed: %d steps/s%s",
	    speeds[t->speed], speeds[t->speed] ? "" : " (as fast as it goes)");
}

static void
k_prompt(struct tui *t, int ch)
{
	(void)ch;
	t->prompting = true;
	t->plen = 0;
	t->prompt[0] = '\0';
}

static void
k_history(struct tui *t, int ch)
{
	if (fs_session_record(t->s) != NULL && t->hview < 0)
		record_step(t, ch == '<' || ch == ',');
	else
		history_move(t, ch == '<' || ch == ',' ? -1 : 1);
}

static void
k_record(struct tui *t, int ch)
{
	(void)ch;
	run(t, fs_session_record(t->s) != NULL ? "record stop" : "record",
	    false);
}

static void
k_syntax(struct tui *t, int ch)
{
	(void)ch;
	t->intel = !t->intel;
	t->c->intel = t->intel;
	say(t, false, "The disassembly in %s syntax", t->intel ? "Intel" :
	    "AT&T");
}

static void
k_xview(struct tui *t, int ch)
{
	(void)ch;
	t->xview = !t->xview;
	tui_model_set_xregs(t->m, t->xview);
	if (t->hview < 0 && cur_snap(t) != NULL && cur_snap(t)->alive)
		capture(t);
	t->dirty = true;
}

static void k_help(struct tui *, int);

static void
k_guard(struct tui *t, int ch)
{
	(void)ch;
	run(t, fs_guard_on(fs_session_guard(t->c->s)) ? "guard off" :
	    "guard on", false);
}

static void
k_mouse(struct tui *t, int ch)
{
	(void)ch;
	mouse_set(t, !t->mouse);
	say(t, false, t->mouse ? "Mouse on: click a frame, a line number; the "
	    "wheel scrolls" : "Mouse off: the terminal selects text (M turns "
	    "it on)");
}


static void
k_quit(struct tui *t, int ch)
{
	if (ch == 'Q')
		quit_now(t);
	else
		quit_key(t);
}

static void
k_enter(struct tui *t, int ch)
{
	(void)ch;
	if (t->focus == P_BT)
		toggle_fold(t, t->c->frame);
	else if (t->focus == P_STACK)
		stack_enter(t);
}

static void
k_move(struct tui *t, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		scroll_pane(t, -1);
		break;
	case KEY_DOWN:
	case 'j':
		scroll_pane(t, 1);
		break;
	case KEY_PPAGE:
		scroll_pane(t, -pane_height(t));
		break;
	case KEY_NPAGE:
		scroll_pane(t, pane_height(t));
		break;
	case KEY_HOME:
		scroll_pane(t, -1000000);
		break;
	case KEY_END:
		scroll_pane(t, 1000000);
		break;
	}
}

static void
k_focus(struct tui *t, int ch)
{
	focus_next(t, ch == '\t' ? 1 : -1);
}

static void
k_redraw(struct tui *t, int ch)
{
	(void)ch;
	clearok(curscr, TRUE);
	t->dirty = true;
}

/* What each key does, in the order the help lists them: a mode or a
   command that wants a key adds a row here.  */
struct keydef {
	int		 keys[4];	/* curses codes; 0 ends */
	const char	*name;		/* as the help writes them */
	const char	*help;
	void		(*fn)(struct tui *, int);
};

static const struct keydef keydefs[] = {
	{ { 's' }, "s", "step: the next source line, into calls", k_step },
	{ { 'n' }, "n", "next: the next source line, over calls", k_step },
	{ { 'i' }, "i", "stepi: one instruction", k_step },
	{ { 'I' }, "I", "nexti: one instruction, over calls", k_step },
	{ { 'f' }, "f", "finish the selected frame", k_step },
	{ { 'c' }, "c", "continue (run, when the program is not running)",
	    k_step },
	{ { 'r' }, "r", "restart the program, to main", k_restart },
	{ { 'b' }, "b", "set or delete a breakpoint at the source cursor's "
	    "line", k_break },
	{ { 'u', 'd' }, "u d", "select the caller (up) or the callee (down) "
	    "frame", k_frame },
	{ { 'p' }, "p", "play: stepi by itself; any key stops it", k_play },
	{ { '+', '=', '-' }, "+ -", "play faster, slower", k_speed },
	{ { '<', ',', '>', '.' }, "< >", "back and forth through the last "
	    "stops (HISTORY): the process does not move; a step key returns "
	    "to the live stop; with a recording, back or forward one step as "
	    "the last step key went (line or instruction), replayed, then "
	    "recorded at its end", k_history },
	{ { 'R' }, "R", "start or stop recording (the status line says REC "
	    "n, or REPLAY i/n in its past; a timeline shows the position and "
	    "the breakpoint hits)", k_record },
	{ { 'e' }, "e", "explain the stack word under the cursor", k_explain },
	{ { 'a' }, "a", "AT&T or Intel syntax", k_syntax },
	{ { 'v' }, "v", "the Registers pane: general, or float and vector "
	    "(x87, SSE, AVX, AVX-512)", k_xview },
	{ { 'G' }, "G", "guard on or off: continue, next and finish stop at "
	    "the store that smashes a frame (overwritten slots are marked !)",
	    k_guard },
	{ { 'L' }, "L", "the log: every command and what it said", k_log },
	{ { ':' }, ":", "a command line: any batch command (break, print, "
	    "x, frames, info frame, snapshot FILE, dump FILE, ...)",
	    k_prompt },
	{ { '\t', KEY_BTAB }, "Tab S-Tab", "focus the next or previous pane "
	    "(a hidden one comes into view)", k_focus },
	{ { KEY_UP, KEY_DOWN, 'k', 'j' }, "arrows j k", "move in the focused "
	    "pane", k_move },
	{ { KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END }, "PgUp PgDn Home End",
	    "move in the focused pane by pages, to the ends", k_move },
	{ { '\r', '\n', KEY_ENTER }, "Enter", "fold or unfold a recursion "
	    "(backtrace, stack); in the stack, select the frame under the "
	    "cursor", k_enter },
	{ { 'M' }, "M", "mouse on or off (off: the terminal selects text)",
	    k_mouse },
	{ { 12 }, "^L", "redraw the screen", k_redraw },
	{ { 'q' }, "q", "quit: asks first while the program runs (attached: "
	    "kill it or detach)", k_quit },
	{ { 'Q' }, "Q", "quit without asking (an attached process is "
	    "detached)", k_quit },
	{ { '?', KEY_F(1) }, "? F1", "this help", k_help },
};

static const struct keydef *
keydef_of(int ch)
{
	size_t i, k;

	for (i = 0; i < sizeof keydefs / sizeof keydefs[0]; i++)
		for (k = 0; k < 4 && keydefs[i].keys[k] != 0; k++)
			if (keydefs[i].keys[k] == ch)
				return &keydefs[i];
	return NULL;
}

static const char help_tail[] =
"\n"
"Panes: Stack (the hero: one box per frame, higher addresses on top,\n"
"arrows at rsp, rbp and each cfa, changed words marked *, overwritten\n"
"control slots !), Source, Backtrace, Locals, Disassembly, Registers,\n"
"Program output (the program runs on its own terminal; keys go to it\n"
"when the pane has focus).\n"
"Small terminals show fewer panes: Tab brings the hidden ones.\n"
"\n"
"The viewer (this text, the log, long answers): arrows, PgUp, PgDn,\n"
"Home, End move it, Left and Right scroll sideways, w wraps or unwraps\n"
"its lines, q or Esc closes it.\n"
"\n"
"Mouse: a click selects a frame (stack, backtrace) or unfolds a fold;\n"
"a click on a source line number sets or deletes a breakpoint, on a\n"
"recording's timeline goes to that moment; the wheel scrolls the pane\n"
"under the pointer.\n";

static void
k_help(struct tui *t, int ch)
{
	struct fs_sbuf b = { 0 };
	size_t i;

	(void)ch;
	/* Each key's words wrapped to the screen, under one another.  */
	for (i = 0; i < sizeof keydefs / sizeof keydefs[0]; i++) {
		struct wline wl[8];
		int n, k;

		n = wrap_text(keydefs[i].help, t->W - 4 - 11 > 20 ? t->W - 4 -
		    11 : 20, wl, 8);
		for (k = 0; k < n && k < 8; k++)
			fs_sbuf_printf(&b, "%-10s %.*s\n", k == 0 ?
			    keydefs[i].name : "", wl[k].len, wl[k].s);
	}
	fs_sbuf_puts(&b, help_tail);
	viewer_open(t, "framescope keys", b.s != NULL ? b.s : "", 0, false);
	free(b.s);
}

static void
key(struct tui *t, int ch)
{
	const struct keydef *kd;

	if (ch == KEY_RESIZE) {
		/* The terminal may have kept other lines than curses thinks
		   (tmux drops the top ones when it shrinks): paint it all.  */
		clearok(curscr, TRUE);
		layout(t);
		t->stack_follow = true;
		t->dirty = true;
		return;
	}
	if (ch == 12) {			/* ^L */
		clearok(curscr, TRUE);
		t->dirty = true;
		return;
	}
	if (ch == KEY_MOUSE) {
		mouse_event(t);
		return;
	}
	if (t->asking != ASK_NONE) {
		ask_key(t, ch);
		return;
	}
	if (t->view.on) {
		viewer_key(t, ch);
		return;
	}
	if (t->prompting) {
		prompt_key(t, ch);
		return;
	}
	if (ch == '\t' || ch == KEY_BTAB) {
		focus_next(t, ch == '\t' ? 1 : -1);
		return;
	}
	if (t->focus == P_OUT && t->ptm >= 0 && ch != KEY_F(1) &&
	    ch != KEY_PPAGE && ch != KEY_NPAGE) {
		out_key(t, ch);
		return;
	}
	t->dirty = true;
	if ((kd = keydef_of(ch)) != NULL)
		kd->fn(t, ch);
}

/* --------------------------------------------------------------- main */

static void
write_stats(const struct tui *t)
{
	const char *path = getenv("FRAMESCOPE_TUI_STATS");
	FILE *f;

	if (path == NULL || *path == '\0' || (f = fopen(path, "we")) == NULL)
		return;
	fprintf(f, "draws %lu\ndraw_ms_mean %.3f\ndraw_ms_max %.3f\n",
	    t->ndraw, t->ndraw ? 1e3 * t->draw_sum / (double)t->ndraw : 0,
	    1e3 * t->draw_max);
	fprintf(f, "steps %lu\nstep_ms_mean %.3f\nstep_ms_max %.3f\n",
	    t->nstep, t->nstep ? 1e3 * t->step_sum / (double)t->nstep : 0,
	    1e3 * t->step_max);
	fprintf(f, "play_steps %lu\nplay_seconds %.3f\nplay_steps_per_s "
	    "%.0f\n", t->play_steps, t->play_s, t->play_s > 0 ?
	    (double)t->play_steps / t->play_s : 0);
	fclose(f);
}

static void
setup_screen(struct tui *t)
{
	const char *cs;

	cs = nl_langinfo(CODESET);
	t->ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	t->g = t->ascii ? &g_ascii : &g_unicode;
	tui_model_set_ascii(t->m, t->ascii);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(100);
	colors_init(t);
	curs_set(0);
	/* Clicks as they come, not held back to tell them from double
	   clicks.  */
	mouseinterval(0);
	mouse_set(t, true);
	layout(t);
}

int
tui_run(struct cmd_ctx *c, const struct tui_opts *o)
{
	struct tui t;
	struct fs_err e;
	size_t i;
	int ch, devnull;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "framescope: the TUI needs a terminal\n");
		return 1;
	}
	memset(&t, 0, sizeof t);
	t.c = c;
	t.s = c->s;
	t.o = o;
	t.ptm = t.pts = -1;
	t.ob.lines.cap = OUT_LINES;
	t.log.cap = LOG_LINES;
	t.hview = -1;
	t.focus = P_STACK;
	t.band = P_BT;
	t.speed = 3;
	t.intel = o->intel;
	c->intel = o->intel;
	t.hcap = o->history ? o->history : 1000;
	if ((t.hist = calloc(t.hcap, sizeof *t.hist)) == NULL ||
	    tui_model_new(&t.m, &e) < 0) {
		free(t.hist);
		fprintf(stderr, "framescope: out of memory\n");
		return 1;
	}
	setlocale(LC_ALL, "");
	if (tcgetattr(STDIN_FILENO, &g_tio) == 0)
		g_have_tio = true;
	if (!fs_session_attached(t.s) && fs_session_program(t.s) != NULL)
		pty_open(&t);
	/* Nothing may write on the screen behind curses' back.  */
	t.saved_stderr = dup(STDERR_FILENO);
	if ((devnull = open("/dev/null", O_WRONLY | O_CLOEXEC)) >= 0) {
		dup2(devnull, STDERR_FILENO);
		close(devnull);
	}
	streams_reset(&t);
	c->batch = false;
	c->on_stop = on_stop;
	c->on_stop_arg = &t;
	g_sess = t.s;
	setup_screen(&t);
	signals_tui();
	snprintf(t.msg, sizeof t.msg, "framescope: s step, n next, i stepi, "
	    "c continue, p play, : command, ? help, q quit");
	/* A recording opened from a file is drawn at its stop at once, not
	   first as a program not running.  */
	if (fs_session_replaying_file(t.s))
		capture(&t);
	draw(&t);
	if (o->launch && !fs_session_alive(t.s))
		restart(&t);
	for (i = 0; i < o->nscripts && !t.quit; i++) {
		if (o->scripts[i].is_file) {
			cmd_source(c, o->scripts[i].text);
			collect(&t, o->scripts[i].text, false, 0);
		} else
			run(&t, o->scripts[i].text, false);
	}
	if (t.hn == 0 || fs_session_stop(t.s)->number !=
	    cur_snap(&t)->number)
		capture(&t);
	t.stack_follow = true;
	t.dirty = true;
	while (!t.quit && !g_term) {
		if (g_intr) {
			/* ^C with nothing running: quit, asking first; a
			   second one quits without asking.  */
			g_intr = 0;
			if (t.asking != ASK_NONE)
				break;
			quit_key(&t);
			if (t.quit)
				break;
		}
		if (t.ob.dirty && t.r[P_OUT].shown)
			t.dirty = true;
		if (t.dirty)
			draw(&t);
		ch = key_get();
		if (ch == ERR)
			continue;
		key(&t, ch);
	}
	endwin();
	write_stats(&t);
	g_sess = NULL;
	signal(SIGINT, SIG_DFL);
	c->on_stop = NULL;
	if (t.out != NULL)
		fclose(t.out);
	if (t.err != NULL)
		fclose(t.err);
	free(t.outbuf);
	free(t.errbuf);
	c->out = stdout;
	c->err = stderr;
	if (t.saved_stderr >= 0) {
		dup2(t.saved_stderr, STDERR_FILENO);
		close(t.saved_stderr);
	}
	/* The program dies with its terminal unless detached: kill it
	   first, so it does not get a hangup it might catch.  */
	if (fs_session_alive(t.s) && !fs_session_attached(t.s))
		fs_session_kill(t.s, &e);
	pty_close(&t);
	for (i = 0; i < t.hn; i++)
		tui_snap_free(hist_at(&t, i));
	free(t.hist);
	free(t.unfolded);
	free(t.sl);
	free(t.sl_head);
	free(t.tl_hits);
	ring_free(&t.log);
	viewer_close(&t);
	tui_model_free(t.m);
	return 0;
}
