/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tui: the live terminal front end (see include/tui.h). */
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
#include "fs_source.h"
#include "fs_target.h"
#include "tui.h"

enum pane { P_STACK, P_SOURCE, P_BT, P_VARS, P_ASM, P_REGS, P_OUT, P_N };

static const char *const pane_names[P_N] = { "Stack", "Source", "Backtrace",
    "Locals", "Disassembly", "Registers", "Program output" };

enum role {
	R_NORMAL, R_TITLE, R_TITLE_FOCUS, R_CHANGED, R_RETADDR, R_SAVED,
	R_VAR, R_REDZONE, R_MARKER, R_CURLINE, R_BREAK, R_ERROR, R_HISTORY,
	R_DIM, R_SELECT, R_STATUS, R_N
};

struct rect {
	int		 y, x, h, w;
	bool		 shown;
};

struct glyphs {
	const char	*h, *v, *tl, *tr, *bl, *br, *tee_r, *tee_l;
	const char	*left, *cur, *bp, *more, *times;
};

static const struct glyphs g_unicode = { "─", "│", "┌", "┐", "└", "┘", "├",
    "┤", "◀", "▶", "●", "⋮", "×" };
static const struct glyphs g_ascii = { "-", "|", "+", "+", "+", "+", "+",
    "+", "<-", ">", "*", ":", "x" };

#define OUT_LINES	1000
#define MSG_LEN		2048

/* The program's terminal: a reader thread drains it into lines, so that
   the program never blocks on a full terminal while we wait for it.  */
struct outbuf {
	pthread_mutex_t	 mu;
	char		*lines[OUT_LINES];
	size_t		 n, head;	/* ring */
	char		 part[512];
	size_t		 plen;
	volatile int	 dirty;
};

struct popup {
	bool		 on;
	char		 title[128];
	char		*text;		/* lines split by '\n' */
	int		 top;
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
	struct rect	 r[P_N];
	int		 focus;
	int		 band;		/* the pane in the shared column */

	long		 stack_cur;	/* cursor line of the stack pane */
	long		 stack_top;
	bool		 stack_follow;
	long		 src_cur;	/* source cursor line (from 1) */
	char		 src_key[1024];	/* file + line the cursor is for */
	long		 bt_top;
	size_t		*unfolded;	/* first frames of unfolded runs */
	size_t		 nunfolded;
	int		 out_back;	/* lines scrolled back */

	bool		 intel;
	bool		 playing;
	int		 speed;
	bool		 prompting;
	char		 prompt[512];
	size_t		 plen;
	char		 msg[MSG_LEN];
	bool		 msg_err;
	struct popup	 pop;
	bool		 asking_quit;
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

static void
ob_line(struct outbuf *ob, const char *s, size_t len)
{
	size_t i;
	char *l;

	if ((l = strndup(s, len)) == NULL)
		return;
	if (ob->n == OUT_LINES) {
		free(ob->lines[ob->head]);
		ob->lines[ob->head] = l;
		ob->head = (ob->head + 1) % OUT_LINES;
	} else
		ob->lines[(ob->head + ob->n++) % OUT_LINES] = l;
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
	size_t i;

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
	for (i = 0; i < t->ob.n; i++)
		free(t->ob.lines[(t->ob.head + i) % OUT_LINES]);
	t->ob.n = 0;
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

static void
capture(struct tui *t)
{
	struct tui_snap *sn;
	struct fs_err e;

	if (tui_snap_take(t->m, t->s, maps_wanted(t), &sn, &e) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
		t->msg_err = true;
		return;
	}
	hist_push(t, sn);
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
group(char *buf, size_t len, size_t v)
{
	char tmp[32];
	size_t n, i, k = 0;

	snprintf(tmp, sizeof tmp, "%zu", v);
	n = strlen(tmp);
	for (i = 0; i < n && k + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = tmp[i];
	}
	buf[k] = '\0';
}

static void
title(struct tui *t, enum pane p, const char *extra)
{
	const struct rect *r = &t->r[p];
	char buf[512];
	int n;

	fill(r->y, r->x, r->w, t->g->h, t->attr[R_DIM]);
	snprintf(buf, sizeof buf, " %s%s%s ", pane_names[p],
	    extra != NULL && *extra ? ": " : "", extra != NULL ? extra : "");
	n = put(r->y, r->x + 1, r->w - 2, buf,
	    t->attr[t->focus == (int)p ? R_TITLE_FOCUS : R_TITLE]);
	(void)n;
}

/* --- stack pane --- */

enum sl_kind { SL_MORE, SL_HEAD, SL_SLOT, SL_SEP, SL_FOOT, SL_EMPTY };

struct sline {
	enum sl_kind	 kind;
	size_t		 map, slot;
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

static size_t
stack_total(const struct tui_snap *sn)
{
	size_t i, n = sn->depth > sn->nmaps ? 1 : 0;

	for (i = 0; i < sn->nmaps; i++)
		n += map_lines(&sn->maps[i]);
	return n;
}

/* Where map K starts.  */
static size_t
map_start(const struct tui_snap *sn, size_t k)
{
	size_t i, n = sn->depth > sn->nmaps ? 1 : 0;

	for (i = sn->nmaps; i-- > k + 1;)
		n += map_lines(&sn->maps[i]);
	return n;
}

static bool
stack_line(const struct tui_snap *sn, size_t line, struct sline *sl)
{
	size_t i, n = 0, len, at, j;

	if (sn->depth > sn->nmaps) {
		if (line == 0) {
			sl->kind = SL_MORE;
			return true;
		}
		n = 1;
	}
	for (i = sn->nmaps; i-- > 0;) {
		const struct tui_fmap *m = &sn->maps[i];

		len = map_lines(m);
		if (line >= n + len) {
			n += len;
			continue;
		}
		sl->map = i;
		line -= n;
		if (line == 0)
			sl->kind = SL_HEAD;
		else if (line == len - 1)
			sl->kind = SL_FOOT;
		else if (m->nslots == 0)
			sl->kind = SL_EMPTY;
		else {
			/* Slots from the top (highest address) down.  */
			j = line - 1;
			if (map_sep(m, &at)) {
				size_t above = m->nslots - 1 - at;

				if (j == above) {
					sl->kind = SL_SEP;
					return true;
				}
				if (j > above)
					j--;
			}
			sl->kind = SL_SLOT;
			sl->slot = m->nslots - 1 - j;
		}
		return true;
	}
	return false;
}

static long
slot_line(const struct tui_snap *sn, size_t k, uint64_t addr)
{
	const struct tui_fmap *m;
	size_t j, at;
	long line;

	if (k >= sn->nmaps)
		return -1;
	m = &sn->maps[k];
	line = (long)map_start(sn, k) + 1;
	for (j = m->nslots; j-- > 0;) {
		if (map_sep(m, &at) && j == at)
			line++;
		if (m->slots[j].addr == addr)
			return line;
		line++;
	}
	return -1;
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
	total = stack_total(sn);
	for (y = 0; y < h; y++) {
		line = t->stack_top + y;
		if (line < 0 || (size_t)line >= total ||
		    !stack_line(sn, (size_t)line, &sl))
			continue;
		int yy = r->y + 1 + y;
		attr_t box = t->attr[R_DIM];
		bool cursor = t->focus == P_STACK && line == t->stack_cur;

		if (sl.kind != SL_MORE && sn->maps[sl.map].index == sel)
			box = t->attr[R_TITLE];
		switch (sl.kind) {
		case SL_MORE: {
			char a[32];

			group(a, sizeof a, sn->depth - sn->nmaps);
			snprintf(buf, sizeof buf, "%s %s outer frame%s "
			    "(#%zu..#%zu) above: select one in the "
			    "backtrace", g->more, a, sn->depth - sn->nmaps ==
			    1 ? "" : "s", sn->nmaps, sn->depth - 1);
			put(yy, x0 + 1, w - 2, buf, t->attr[R_DIM]);
			break;
		}
		case SL_HEAD: {
			const struct tui_fmap *m = &sn->maps[sl.map];

			put(yy, x0, 1, g->tl, box);
			fill(yy, x0 + 1, w - 2, g->h, box);
			put(yy, x0 + w - 1, 1, g->tr, box);
			frame_label(sn, m->index, lab, sizeof lab);
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
			    t->attr[R_SELECT] : s->changed ?
			    t->attr[R_CHANGED] : A_NORMAL);
			x += put(yy, x, x0 + w - 1 - x, s->changed ? "*" : " ",
			    t->attr[R_CHANGED]) + 1;
			markers(sn, s->addr, mk, sizeof mk, g);
			room = x0 + w - 2 - x;
			mw = cols(mk);
			if (mw > room / 2)
				mw = room / 2;
			snprintf(buf, sizeof buf, "%s%s%s", s->text ? s->text :
			    "", s->ref ? " " : "", s->ref ? s->ref : "");
			put(yy, x, room - mw, buf, cursor ? t->attr[R_SELECT] :
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
	total = (long)stack_total(sn);
	if (k == 0 && sn->has_regs &&
	    (line = slot_line(sn, 0, sn->regs.rsp)) >= 0) {
		end = line + 4;
		if (end > total - 1)
			end = total - 1;
		t->stack_cur = line;
	} else if (k < sn->nmaps) {
		line = (long)map_start(sn, k);
		end = line + (long)map_lines(&sn->maps[k]) - 1;
		t->stack_cur = line + 1;
		if (end - line + 1 > h)
			end = line + h - 1;
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

	if (t->stack_cur < t->stack_top)
		t->stack_top = t->stack_cur;
	if (t->stack_cur >= t->stack_top + h)
		t->stack_top = t->stack_cur - h + 1;
	if (t->stack_top < 0)
		t->stack_top = 0;
}

/* --- source pane --- */

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
		snprintf(buf, sizeof buf, "%u\tin %s: cannot read the file",
		    f->line, f->file);
		put(r->y + 1, r->x + 1, r->w - 2, buf, t->attr[R_DIM]);
		return;
	}
	/* A new stop or frame puts the cursor back on its line.  */
	snprintf(key, sizeof key, "%s:%u:%lu", path, f->line, sn->number);
	if (strcmp(key, t->src_key) != 0) {
		memcpy(t->src_key, key, sizeof t->src_key - 1);
		t->src_key[sizeof t->src_key - 1] = '\0';
		t->src_cur = f->line;
	}
	if (t->src_cur < 1)
		t->src_cur = 1;
	if (t->src_cur > (long)nl)
		t->src_cur = nl;
	top = t->src_cur > h / 3 ? (unsigned)t->src_cur - (unsigned)h / 3 : 1;
	if (top + (unsigned)h > nl + 1)
		top = nl + 1 > (unsigned)h ? nl + 1 - (unsigned)h : 1;
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

static void
draw_asm(struct tui *t, const struct tui_snap *sn)
{
	const struct rect *r = &t->r[P_ASM];
	const struct tui_frame *f = sel_frame(t, sn);
	const struct fs_breakpoint *bp;
	struct fs_insn in[512];
	uint8_t code[4096 + 256];
	uint64_t start, pc;
	size_t n = 0, off = 0, nbp, i, k, at = 0;
	ssize_t got;
	char buf[512];
	int y, h = r->h - 1, first;

	title(t, P_ASM, t->intel ? "intel" : "at&t");
	if (f == NULL || !fs_session_alive(t->s)) {
		put(r->y + 1, r->x + 1, r->w - 2, "(no process)",
		    t->attr[R_DIM]);
		return;
	}
	pc = f->pc;
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
	bp = fs_session_breakpoints(t->s, &nbp);
	for (y = 0; y < h && (size_t)(first + y) < n; y++) {
		const struct fs_insn *x = &in[first + y];
		bool isbp = false, cur = x->addr == pc;

		for (i = 0; i < nbp && !isbp; i++)
			for (k = 0; k < bp[i].naddrs; k++)
				if (bp[i].addrs[k] == x->addr)
					isbp = true;
		put(r->y + 1 + y, r->x, 1, isbp ? t->g->bp : " ",
		    t->attr[R_BREAK]);
		put(r->y + 1 + y, r->x + 1, 1, cur ? t->g->cur : " ",
		    t->attr[R_CURLINE]);
		if (f->func != NULL && x->addr >= f->func_addr)
			snprintf(buf, sizeof buf, "%12" PRIx64 " <+%" PRIu64
			    ">  %s", x->addr, x->addr - f->func_addr, x->gdbtext);
		else
			snprintf(buf, sizeof buf, "%12" PRIx64 "  %s",
			    x->addr, x->gdbtext);
		put(r->y + 1 + y, r->x + 2, r->w - 2, buf,
		    cur ? t->attr[R_CURLINE] : A_NORMAL);
	}
}

/* --- registers pane --- */

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
	if ((long)selrow < t->bt_top)
		t->bt_top = (long)selrow;
	if ((long)selrow >= t->bt_top + h)
		t->bt_top = (long)selrow - h + 1;
	for (y = 0; y < h; y++) {
		size_t row = (size_t)(t->bt_top + y);

		if (row >= rows || !bt_row(t, sn, row, &frame, &run))
			break;
		if (run != NULL) {
			group(a, sizeof a, run->count);
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
	int y = r->y + 1, end = r->y + r->h;

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
	/* Without the variables model: what the frame is.  */
	snprintf(buf, sizeof buf, "pc  %012" PRIx64 "%s%s", f->pc,
	    f->func ? " in " : "", f->func ? f->func : "");
	if (y < end)
		put(y++, r->x + 1, r->w - 2, buf, A_NORMAL);
	snprintf(buf, sizeof buf, "cfa %012" PRIx64 "  sp %012" PRIx64,
	    f->cfa, f->sp);
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
		    P_OUT ? " (keys go to the program; Tab leaves)" : "");
	else
		snprintf(buf, sizeof buf, "not ours (attached)");
	title(t, P_OUT, buf);
	pthread_mutex_lock(&t->ob.mu);
	t->ob.dirty = 0;
	n = t->ob.n;
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
			const char *l = t->ob.lines[(t->ob.head + i) %
			    OUT_LINES];

			expand_tabs(l, strlen(l), buf, sizeof buf);
		} else
			expand_tabs(t->ob.part, t->ob.plen, buf, sizeof buf);
		put(r->y + 1 + y, r->x + 1, r->w - 2, buf, A_NORMAL);
	}
	pthread_mutex_unlock(&t->ob.mu);
}

/* --- status and command line --- */

static const char *
reason_text(const struct tui_snap *sn, char *buf, size_t len)
{
	const struct fs_stop *st = &sn->stop;

	switch (st->reason) {
	case FS_STOP_NONE:
		return "not running";
	case FS_STOP_ENTRY:
		return "stopped at the first instruction";
	case FS_STOP_ATTACHED:
		return "attached";
	case FS_STOP_BREAKPOINT:
		snprintf(buf, len, "breakpoint %d", st->bpnum);
		return buf;
	case FS_STOP_STEP:
		return st->finished ? "finished" : "stepped";
	case FS_STOP_SIGNAL:
		snprintf(buf, len, "signal %s", fs_signame(st->sig));
		return buf;
	case FS_STOP_INTERRUPT:
		return "interrupted";
	case FS_STOP_WATCHPOINT:
		snprintf(buf, len, "watchpoint %d", st->bpnum);
		return buf;
	case FS_STOP_WATCH_SCOPE:
		snprintf(buf, len, "watchpoint %d deleted", st->bpnum);
		return buf;
	case FS_STOP_EXITED:
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

static void
draw_status(struct tui *t, const struct tui_snap *sn)
{
	char buf[600], r[64], mode[96];
	const char *prog = fs_session_program(t->s);
	int y = t->H - 2;

	fill(y, 0, t->W, " ", t->attr[R_STATUS]);
	if (t->hview >= 0)
		snprintf(mode, sizeof mode, "HISTORY %ld/%zu", t->hview + 1,
		    t->hn);
	else if (t->playing) {
		if (speeds[t->speed] > 0)
			snprintf(mode, sizeof mode, "PLAY %d/s",
			    speeds[t->speed]);
		else
			snprintf(mode, sizeof mode, "PLAY max");
	} else
		snprintf(mode, sizeof mode, "LIVE");
	snprintf(buf, sizeof buf, " %s | pid %d%s | %s | stop %lu | frame "
	    "#%u | %s", prog ? basename_of(prog) : "framescope",
	    sn ? (int)sn->pid : 0, sn && sn->attached ? " (attached)" : "",
	    sn ? reason_text(sn, r, sizeof r) : "not running",
	    sn ? sn->number : 0, t->c->frame, t->intel ? "intel" : "at&t");
	put(y, 0, t->W, buf, t->attr[R_STATUS]);
	snprintf(buf, sizeof buf, " %s | ? help ", mode);
	put(y, t->W - cols(buf) > 0 ? t->W - cols(buf) : 0, t->W, buf,
	    t->hview >= 0 || t->playing ? t->attr[R_HISTORY] :
	    t->attr[R_STATUS]);
	y = t->H - 1;
	if (t->prompting) {
		snprintf(buf, sizeof buf, ":%s", t->prompt);
		put(y, 0, t->W, buf, A_NORMAL);
	} else if (t->asking_quit)
		put(y, 0, t->W, "The process was attached: k kill it, d "
		    "detach (it goes on running), Esc stay", t->attr[R_ERROR]);
	else
		put(y, 0, t->W, t->msg, t->msg_err ? t->attr[R_ERROR] :
		    A_NORMAL);
}

/* --- popups: help, explanations, long command output --- */

static void
popup(struct tui *t, const char *ttl, const char *text)
{
	free(t->pop.text);
	t->pop.text = strdup(text);
	snprintf(t->pop.title, sizeof t->pop.title, "%s", ttl);
	t->pop.top = 0;
	t->pop.on = t->pop.text != NULL;
}

/* Lines of the popup text wrapped at W columns; LINE N's start and
   length in bytes.  */
static int
wrap(const char *text, int w, int want, const char **start, int *len)
{
	const char *p = text, *ls;
	int n = 0, c;

	while (*p != '\0') {
		ls = p;
		c = 0;
		while (*p != '\0' && *p != '\n' && c < w) {
			p++;
			while (((unsigned char)*p & 0xc0) == 0x80)
				p++;
			c++;
		}
		if (n == want) {
			*start = ls;
			*len = (int)(p - ls);
		}
		n++;
		if (*p == '\n')
			p++;
	}
	return n;
}

static void
draw_popup(struct tui *t)
{
	const char *s = NULL;
	int w = t->W - 4, h, n, i, y0, x0, len = 0, longest = 0, c = 0;
	const char *p;

	if (w > 100)
		w = 100;
	for (p = t->pop.text; ; p++) {
		if (*p == '\n' || *p == '\0') {
			if (c > longest)
				longest = c;
			c = 0;
			if (*p == '\0')
				break;
		} else if (((unsigned char)*p & 0xc0) != 0x80)
			c++;
	}
	if (longest + 4 < w)
		w = longest + 4 > 30 ? longest + 4 : 30;
	n = wrap(t->pop.text, w - 4, -1, &s, &len);
	h = n + 2;
	if (h > t->H - 2)
		h = t->H - 2;
	if (t->pop.top > n - (h - 2))
		t->pop.top = n - (h - 2) > 0 ? n - (h - 2) : 0;
	y0 = (t->H - h) / 2;
	x0 = (t->W - w) / 2;
	for (i = 0; i < h; i++)
		fill(y0 + i, x0, w, " ", A_NORMAL);
	put(y0, x0, 1, t->g->tl, t->attr[R_TITLE]);
	fill(y0, x0 + 1, w - 2, t->g->h, t->attr[R_TITLE]);
	put(y0, x0 + w - 1, 1, t->g->tr, t->attr[R_TITLE]);
	put(y0 + h - 1, x0, 1, t->g->bl, t->attr[R_TITLE]);
	fill(y0 + h - 1, x0 + 1, w - 2, t->g->h, t->attr[R_TITLE]);
	put(y0 + h - 1, x0 + w - 1, 1, t->g->br, t->attr[R_TITLE]);
	for (i = 1; i < h - 1; i++) {
		put(y0 + i, x0, 1, t->g->v, t->attr[R_TITLE]);
		put(y0 + i, x0 + w - 1, 1, t->g->v, t->attr[R_TITLE]);
	}
	put(y0, x0 + 2, w - 4, t->pop.title, t->attr[R_TITLE_FOCUS]);
	if (n > h - 2)
		put(y0 + h - 1, x0 + 2, w - 4, " arrows scroll, any other key "
		    "closes ", t->attr[R_TITLE]);
	for (i = 0; i < h - 2; i++) {
		char line[1024];

		if (wrap(t->pop.text, w - 4, t->pop.top + i, &s, &len) <=
		    t->pop.top + i)
			break;
		snprintf(line, sizeof line, "%.*s", len, s);
		put(y0 + 1 + i, x0 + 2, w - 4, line, A_NORMAL);
	}
}

static double now(void);
static void draw_screen(struct tui *);

static void
draw(struct tui *t)
{
	double t0 = now(), d;

	draw_screen(t);
	d = now() - t0;
	t->draw_sum += d;
	if (d > t->draw_max)
		t->draw_max = d;
	t->ndraw++;
}

static void
draw_screen(struct tui *t)
{
	struct tui_snap *sn = cur_snap(t);
	int i;

	erase();
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
	draw_status(t, sn);
	if (t->pop.on)
		draw_popup(t);
	if (t->prompting) {
		curs_set(1);
		move(t->H - 1, 1 + cols(t->prompt) < t->W ? 1 +
		    cols(t->prompt) : t->W - 1);
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

static void
layout(struct tui *t)
{
	int rows = t->H - 2, W = t->W, i;

	getmaxyx(stdscr, t->H, t->W);
	rows = t->H - 2;
	W = t->W;
	for (i = 0; i < P_N; i++)
		memset(&t->r[i], 0, sizeof t->r[i]);
	if (W >= 150 && rows >= 30) {
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
	} else if (rows >= 14) {
		/* The stack on top, a band under it: source, then a column
		   shared by the other panes (Tab brings each), then the
		   program's output when there is room.  */
		int sh = rows * 56 / 100, by = sh, bh = rows - sh;
		int srcw = W >= 120 ? W * 40 / 100 : W * 55 / 100;
		int colx = srcw + 1, colw, outw = 0;

		if (W >= 120) {
			outw = W * 28 / 100;
			colw = W - colx - outw - 1;
		} else
			colw = W - colx;
		rect(&t->r[P_STACK], 0, 0, sh, W);
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
	pty_resize(t);
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

/* The interpreter's words after a command: errors as such, one line in
   the message line, more in a popup when asked.  */
static void
collect(struct tui *t, const char *cmd, bool popup_many)
{
	char *o, *p;
	size_t nl = 0;

	fflush(t->out);
	fflush(t->err);
	if (t->errbuf != NULL && t->errlen > 0) {
		snprintf(t->msg, sizeof t->msg, "%s", t->errbuf);
		t->msg_err = true;
	} else if (t->outbuf != NULL && t->outlen > 0) {
		o = t->outbuf;
		for (p = o; *p != '\0'; p++)
			if (*p == '\n' && p[1] != '\0')
				nl++;
		if (popup_many && nl > 0)
			popup(t, cmd, o);
		/* The message line: the lines that say what happened, not
		   "Continuing." or "Run till exit".  */
		t->msg[0] = '\0';
		for (p = strtok(o, "\n"); p != NULL; p = strtok(NULL, "\n")) {
			if (strcmp(p, "Continuing.") == 0 ||
			    strncmp(p, "Run till exit", 13) == 0 ||
			    strncmp(p, "Starting program", 16) == 0)
				continue;
			size_t k = strlen(t->msg);

			snprintf(t->msg + k, sizeof t->msg - k, "%s%s",
			    k ? "  " : "", p);
		}
		t->msg_err = false;
	}
	for (p = t->msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	streams_reset(t);
}

static void
run(struct tui *t, const char *line, bool popup_many)
{
	t->hview = -1;
	t->msg[0] = '\0';
	t->msg_err = false;
	/* Say that it runs before it blocks: a continue may take long.  */
	if (strncmp(line, "continue", 8) == 0 || strncmp(line, "run", 3) == 0 ||
	    strncmp(line, "finish", 6) == 0) {
		snprintf(t->msg, sizeof t->msg, "running... (^C interrupts)");
		draw(t);
	}
	g_busy = 1;
	cmd_exec(t->c, line);
	g_busy = 0;
	g_intr = 0;
	collect(t, line, popup_many);
	if (t->c->quit)
		t->quit = true;
	t->dirty = true;
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

static void
explain(struct tui *t)
{
	struct tui_snap *sn = cur_snap(t);
	struct sline sl;
	char ttl[128];

	if (sn == NULL || !sn->alive || t->stack_cur < 0 ||
	    !stack_line(sn, (size_t)t->stack_cur, &sl) ||
	    sl.kind != SL_SLOT) {
		snprintf(t->msg, sizeof t->msg, "e explains the slot under the "
		    "stack cursor (Tab to the stack pane, arrows to move)");
		t->msg_err = false;
		return;
	}
	const struct tui_slot *s = &sn->maps[sl.map].slots[sl.slot];

	snprintf(ttl, sizeof ttl, " %" PRIx64 " ", s->addr);
	snprintf(t->msg, sizeof t->msg, "%s", s->explain ? s->explain : "");
	t->msg_err = false;
	if (cols(t->msg) > t->W)
		popup(t, ttl, t->msg);
}

static const char help_text[] =
"s  step (a source line, into calls)     n  next (over calls)\n"
"i  stepi (one instruction)              I  nexti\n"
"f  finish the selected frame            c  continue (or run)\n"
"b  toggle a breakpoint at the source cursor line\n"
"u  up a frame (to the caller)           d  down a frame\n"
"r  restart the program (to main)        p  play: stepi by itself\n"
"+  play faster    -  play slower        any key stops play\n"
"<  back in history (the process does not move)\n"
">  forward in history; a step key returns to the live stop\n"
"e  explain the slot under the stack cursor\n"
"a  AT&T / Intel syntax in the disassembly\n"
":  command prompt: any batch command (break, print, x, frames,\n"
"   info frame, snapshot FILE, dump FILE, ...)\n"
"Tab / Shift-Tab  move focus between panes\n"
"arrows, PgUp/PgDn, Home/End  move in the focused pane\n"
"Enter  in the backtrace: fold or unfold a run of frames\n"
"^L redraw    q quit (asks kill or detach when attached)\n"
"? or F1  this help\n"
"\n"
"Panes: Stack (the hero: one box per frame, higher addresses on top,\n"
"arrows at rsp, rbp and each cfa, changed words marked *), Source,\n"
"Backtrace, Locals, Disassembly, Registers, Program output (the program\n"
"runs on its own terminal; keys go to it when the pane has focus).\n"
"Small terminals show fewer panes: Tab brings the hidden ones.";

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

static void
scroll_pane(struct tui *t, long d)
{
	struct tui_snap *sn = cur_snap(t);

	switch (t->focus) {
	case P_STACK:
		if (sn != NULL && sn->alive) {
			long total = (long)stack_total(sn), step = d > 0 ? 1 :
			    -1, was = t->stack_cur;
			struct sline sl;

			t->stack_cur += d;
			if (t->stack_cur >= total)
				t->stack_cur = total - 1;
			if (t->stack_cur < 0)
				t->stack_cur = 0;
			/* The cursor is on words, not on box lines.  */
			while (t->stack_cur >= 0 && t->stack_cur < total &&
			    stack_line(sn, (size_t)t->stack_cur, &sl) &&
			    sl.kind != SL_SLOT)
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
		t->out_back -= (int)d;
		if (t->out_back < 0)
			t->out_back = 0;
		break;
	default:
		break;
	}
	t->dirty = true;
}

static void
toggle_fold(struct tui *t)
{
	struct tui_snap *sn = cur_snap(t);
	const struct tui_run *r;
	size_t i;

	if (sn == NULL || (r = tui_snap_run(sn, t->c->frame)) == NULL ||
	    r->count < 3)
		return;
	for (i = 0; i < t->nunfolded; i++)
		if (t->unfolded[i] == r->first) {
			t->unfolded[i] = t->unfolded[--t->nunfolded];
			t->dirty = true;
			return;
		}
	size_t *u = realloc(t->unfolded, (t->nunfolded + 1) * sizeof *u);

	if (u == NULL)
		return;
	t->unfolded = u;
	t->unfolded[t->nunfolded++] = r->first;
	t->dirty = true;
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
		collect(t, "", false);
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

static void
prompt_key(struct tui *t, int ch)
{
	if (ch == 27 || ch == 7) {
		t->prompting = false;
	} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		char line[sizeof t->prompt];

		t->prompting = false;
		snprintf(line, sizeof line, "%s", t->prompt);
		if (line[0] != '\0')
			run(t, line, true);
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

static void
quit_key(struct tui *t)
{
	if (fs_session_alive(t->s) && fs_session_attached(t->s)) {
		t->asking_quit = true;
		t->dirty = true;
		return;
	}
	t->quit = true;
}

static void
key(struct tui *t, int ch)
{
	struct fs_err e;

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
	if (t->asking_quit) {
		t->asking_quit = false;
		if (ch == 'k' || ch == 'K') {
			fs_session_kill(t->s, &e);
			t->quit = true;
		} else if (ch == 'd' || ch == 'D') {
			if (fs_session_detach(t->s, &e) < 0) {
				snprintf(t->msg, sizeof t->msg, "%s", e.msg);
				t->msg_err = true;
			} else
				t->quit = true;
		}
		t->dirty = true;
		return;
	}
	if (t->pop.on) {
		if (ch == KEY_UP || ch == 'k')
			t->pop.top = t->pop.top > 0 ? t->pop.top - 1 : 0;
		else if (ch == KEY_DOWN || ch == 'j')
			t->pop.top++;
		else if (ch == KEY_PPAGE)
			t->pop.top = t->pop.top > 10 ? t->pop.top - 10 : 0;
		else if (ch == KEY_NPAGE || ch == ' ')
			t->pop.top += 10;
		else
			t->pop.on = false;
		t->dirty = true;
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
	switch (ch) {
	case 's': case 'n': case 'i': case 'I': case 'f': case 'c':
		if (t->hview >= 0) {
			t->hview = -1;
			t->stack_follow = true;
		}
		if (ch == 'c' && !fs_session_alive(t->s) &&
		    !fs_session_attached(t->s)) {
			run(t, "run", false);
			break;
		}
		{
			double t0 = now(), d;

			run(t, ch == 's' ? "step" : ch == 'n' ? "next" :
			    ch == 'i' ? "stepi" : ch == 'I' ? "nexti" :
			    ch == 'f' ? "finish" : "continue", false);
			draw(t);
			d = now() - t0;
			t->step_sum += d;
			if (d > t->step_max)
				t->step_max = d;
			t->nstep++;
		}
		break;
	case 'r':
		restart(t);
		break;
	case 'b':
		toggle_break(t);
		break;
	case 'u':
		select_frame(t, (long)t->c->frame + 1);
		break;
	case 'd':
		select_frame(t, (long)t->c->frame - 1);
		break;
	case 'p':
		t->hview = -1;
		play(t);
		break;
	case '+':
	case '=':
		if (t->speed + 1 < NSPEEDS)
			t->speed++;
		snprintf(t->msg, sizeof t->msg, "play speed: %d steps/s%s",
		    speeds[t->speed], speeds[t->speed] ? "" : " (as fast "
		    "as it goes)");
		break;
	case '-':
		if (t->speed > 0)
			t->speed--;
		snprintf(t->msg, sizeof t->msg, "play speed: %d steps/s",
		    speeds[t->speed]);
		break;
	case ':':
		t->prompting = true;
		t->plen = 0;
		t->prompt[0] = '\0';
		break;
	case '<':
	case ',':
		history_move(t, -1);
		break;
	case '>':
	case '.':
		history_move(t, 1);
		break;
	case 'e':
		explain(t);
		break;
	case 'a':
		t->intel = !t->intel;
		t->c->intel = t->intel;
		break;
	case '?':
	case KEY_F(1):
		popup(t, " framescope keys ", help_text);
		break;
	case 'q':
		quit_key(t);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (t->focus == P_BT)
			toggle_fold(t);
		break;
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
	default:
		break;
	}
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
	draw(&t);
	if (o->launch && !fs_session_alive(t.s))
		restart(&t);
	for (i = 0; i < o->nscripts && !t.quit; i++) {
		if (o->scripts[i].is_file) {
			cmd_source(c, o->scripts[i].text);
			collect(&t, o->scripts[i].text, false);
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
			/* ^C with nothing running: quit.  */
			g_intr = 0;
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
	free(t.pop.text);
	tui_model_free(t.m);
	return 0;
}
