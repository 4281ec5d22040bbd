/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Differential test against gdb: at breakpoints and signal stops in every
 * variant of every C sample, each frame framescope unwinds must have the
 * function, file, line, pc and CFA that gdb's backtrace shows.
 *
 * The stops are chosen automatically from the sample's source and symbols
 * (a "plan" is one breakpoint): a run without breakpoints (the fatal
 * signal of segv and abort), `break F` for every function of the .c file
 * (and of libsquare.so's square.c for dlopen) that has an ELF symbol, and
 * `break FILE:LINE` at every line that calls one of those functions, at
 * every `return` of main() and at every place where gdb finds a function
 * inlined.  After `run`, three `continue`s follow, so recursion
 * (factorial) and repeated hits are compared too.  Each plan is one gdb
 * run and one framescope run, in parallel with the others; a plan whose
 * breakpoint gdb puts exactly where an earlier plan's is would make the
 * same stops and is not run.  Before, one gdb run and one framescope run
 * per program set every plan's breakpoint and list them: the addresses
 * (and the "Breakpoint 1 at ..." messages) must be the same.
 *
 * gdb shows a call inlined into a function as a frame of its own, with
 * the pc and CFA of the frame it is inlined into, and so does framescope:
 * every frame is compared, inlined ones too (framescope's snapshot marks
 * them "inlined", as gdb's `info frame` says "inlined into frame").  So
 * are the "tail call frames" gdb makes up from DW_TAG_call_site for the
 * functions that jumped to the next instead of calling it (framescope's
 * snapshot marks them "tailcall", gdb's `info frame` says "tail call
 * frame"); tailcall.c has chains of one and two of them at -O2.  `break F`
 * has locations in the inlined copies of F too, compared with gdb's like
 * the others.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_common.h"

extern char **environ;

/* `continue`s after `run` in every plan.  */
#define NCONT 3
#define NSTOPS (NCONT + 1)
/* Seconds a gdb or framescope run may take before it is killed.  */
#define JOB_TIMEOUT 30

static const char *const variants[] = { "O0", "O2", "O0-nofp", "O0-nocfi" };
#define NVARIANTS (sizeof variants / sizeof variants[0])
/* The same samples built gcc -m32 (i386), and their shared library.  */
static const char *const variants32[] = { "m32-O0", "m32-O2" };
#define NVARIANTS32 (sizeof variants32 / sizeof variants32[0])
#define LIB32_SUFFIX "-m32.so"

/* The C samples.  "@LIB" stands for the absolute path of libsquare.so;
   LIBSRC and LIB are a shared library the program loads, whose functions
   are stopped at too.  */
static const struct sample {
	const char *name;
	const char *arg1, *arg2;
	const char *libsrc, *lib;
} samples[] = {
	{ "callee8", NULL, NULL, NULL, NULL },
	{ "add", NULL, NULL, NULL, NULL },
	{ "calc", NULL, NULL, NULL, NULL },
	{ "factorial", NULL, NULL, NULL, NULL },
	{ "segv", NULL, NULL, NULL, NULL },
	{ "sighandler", NULL, NULL, NULL, NULL },
	{ "abort", NULL, NULL, NULL, NULL },
	{ "dlopen", "@LIB", NULL, "square.c", "libsquare.so" },
	{ "counter", "3", "1", NULL, NULL },
	{ "exitcode", NULL, NULL, NULL, NULL },
	{ "tailcall", NULL, NULL, NULL, NULL },
	{ "callkinds", NULL, NULL, NULL, NULL },
	/* i386 only (built -m32 alone), and the newer samples, whose
	   x86-64 builds other suites test.  */
	{ "add32", NULL, NULL, NULL, NULL },
	{ "callconv32", NULL, NULL, NULL, NULL },
	{ "leftover", NULL, NULL, NULL, NULL },
	{ "timetravel", NULL, NULL, NULL, NULL },
	{ "calls", NULL, NULL, NULL, NULL },
};
/* The samples of every variant; the rest are of the -m32 ones alone.  */
#define NSAMPLES 12
#define NSAMPLES32 ((int)(sizeof samples / sizeof samples[0]))

/* ---- small utilities ---------------------------------------------- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL,
		    b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		ck_assert_int_ge(n, 0);
		if (b->s != NULL && b->len + (size_t)n < b->cap)
			break;
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	b->len += (size_t)n;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	ck_assert_ptr_nonnull(p);
	return p;
}

static char *xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(n, 0);
	return p;
}

/* The whole of PATH, NUL-terminated, or NULL when it cannot be read.  */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap * 2 + 8192;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* Splits BUF in place into lines; returns a NULL-terminated array.  */
static char **
split_lines(char *buf, size_t *nlines)
{
	char **v = NULL, *p = buf, *nl;
	size_t n = 0, cap = 0;

	while (p != NULL && *p != '\0') {
		if (n + 2 > cap) {
			cap = cap * 2 + 64;
			v = realloc(v, cap * sizeof *v);
			ck_assert_ptr_nonnull(v);
		}
		v[n++] = p;
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		p = nl;
	}
	if (v == NULL) {
		v = malloc(sizeof *v);
		ck_assert_ptr_nonnull(v);
	}
	v[n] = NULL;
	*nlines = n;
	return v;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- regular expressions ------------------------------------------ */

struct rx {
	const char *pat;
	regex_t re;
	bool ready;
};

#define RX(name, pattern) static struct rx name = { pattern, { 0 }, false }

/* A `break` says "Breakpoint 1 at 0x1145: file callee8.c, line 4.",
   "Breakpoint 1 at 0x1040: segv.c:11. (3 locations)" or "Breakpoint 1
   (square) pending.".  */
RX(rx_bp_ann, "^Breakpoint ([0-9]+) (.*)$");
/* Rows of info breakpoints: gdb's and framescope's "1  breakpoint keep y
   0x... in main at f.c:3" or "... <MULTIPLE>" or "... <PENDING>  f", then
   gdb's "1.2  y  0x... in ..." or framescope's "      0x... in ..." for
   further locations.  "in F at" is missing where gdb finds no function,
   as in on_alrm() of sighandler-O2, which is only a jump.  */
RX(rx_tab_row, "^([0-9]+) +breakpoint +keep +[yn] +(.*)$");
RX(rx_tab_loc, "^([0-9]+)\\.([0-9]+) +[yn]-? +(.*)$");
RX(rx_tab_more, "^ +(0x.*)$");
RX(rx_tab_addr, "^0x([0-9a-f]+) +(in +([^ ]+) +at +)?([^ ]+):([0-9]+)");
/* The report of a stop.  */
RX(rx_stop_bp, "^(Temporary )?[Bb]reakpoint ([0-9]+)(\\.[0-9]+)?, ");
RX(rx_stop_sig, "^Program received signal (SIG[A-Z0-9]+)");
RX(rx_stop_exit0, "^\\[Inferior 1 \\(process [0-9]+\\) exited normally\\]");
RX(rx_stop_exit, "^\\[Inferior 1 \\(process [0-9]+\\) exited with code "
    "([0-7]+)\\]");
RX(rx_stop_killed, "^Program terminated with signal (SIG[A-Z0-9]+)");
/* bt: "#1  0x0000555555555195 in main () at callee8.c:10" */
RX(rx_bt, "^#([0-9]+) +(0x([0-9a-f]+) in )?(.*)$");
/* ... "main (argc=..., argv=...) at factorial.c:16": with frame-arguments
   none the values are "...", so the only ")" closes the arguments.  */
RX(rx_bt_rest, "^([^ ]+) \\(([^)]*)\\)( at ([^ ]+):([0-9]+))?"
    "( from ([^ ]+))?$");
/* info frame */
RX(rx_level, "^Stack level ([0-9]+), frame at 0x([0-9a-f]+):");
/* x86-64 and i386.  */
RX(rx_rip, "^ [re]ip = 0x([0-9a-f]+)");
RX(rx_pcinfo, "^@@PCINFO ([0-9]+) ([^ ]+) ([0-9]+)$");

static bool
rx_match(struct rx *r, const char *s, regmatch_t *m, size_t nm)
{
	if (!r->ready) {
		ck_assert_msg(regcomp(&r->re, r->pat, REG_EXTENDED) == 0,
		    "bad regex %s", r->pat);
		r->ready = true;
	}
	return regexec(&r->re, s, nm, m, 0) == 0;
}

/* Group I of a match, copied to BUF ("" when it did not take part).  */
static char *
grp(const char *s, const regmatch_t *m, int i, char *buf, size_t sz)
{
	size_t n = 0;

	if (m[i].rm_so >= 0) {
		n = (size_t)(m[i].rm_eo - m[i].rm_so);
		if (n >= sz)
			n = sz - 1;
		memcpy(buf, s + m[i].rm_so, n);
	}
	buf[n] = '\0';
	return buf;
}

static long long
grp_num(const char *s, const regmatch_t *m, int i, int base)
{
	char buf[64];

	return strtoll(grp(s, m, i, buf, sizeof buf), NULL, base);
}

static uint64_t
grp_hex(const char *s, const regmatch_t *m, int i)
{
	char buf[64];

	return strtoull(grp(s, m, i, buf, sizeof buf), NULL, 16);
}

/* ---- child processes ---------------------------------------------- */

struct job {
	char **argv;		/* argv[0] is looked up in PATH */
	char *out, *err;	/* files for stdout and stderr */
	pid_t pid;
	double deadline;
	int status;
	bool timed_out, done;
};

/* The environment both debuggers get, and so both debuggees: ours,
   without LINES and COLUMNS.  gdb puts LINES and COLUMNS (its screen size)
   into its own environment at start-up, and the program it runs inherits
   them unless `unset environment` removes them; removing them from what
   framescope gets too keeps the two identical even when our caller exported
   them.  Nothing else differs: the programs are exec'd directly here (no
   shell, so no `_` naming the debugger), gdb with startup-with-shell off,
   both with the same absolute path and arguments and with ASLR off.  */
static char **
child_env(void)
{
	static char **env;
	size_t n = 0, i;

	if (env != NULL)
		return env;
	while (environ[n] != NULL)
		n++;
	env = calloc(n + 1, sizeof *env);
	ck_assert_ptr_nonnull(env);
	for (n = i = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], "LINES=", 6) != 0 &&
		    strncmp(environ[i], "COLUMNS=", 8) != 0)
			env[n++] = environ[i];
	env[n] = NULL;
	return env;
}

static void
job_start(struct job *j)
{
	char **env = child_env();
	pid_t pid;
	int fd;

	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* Own process group, so that a hung run is killed with its
		   debuggee; killed with us if we die.  */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0 && dup2(fd, 0) == 0 && fd != 0)
			close(fd);
		fd = open(j->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0 && dup2(fd, 1) == 1 && fd != 1)
			close(fd);
		fd = open(j->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0 && dup2(fd, 2) == 2 && fd != 2)
			close(fd);
		execvpe(j->argv[0], j->argv, env);
		fprintf(stderr, "exec %s: %s\n", j->argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	j->pid = pid;
	j->deadline = now() + JOB_TIMEOUT;
}

/* Runs the N jobs, two per processor at a time (at most 8): gdb spends
   half its time waiting for its debuggee.  A job that outlives
   JOB_TIMEOUT is killed with its process group (its debuggee).  */
static void
run_jobs_once(struct job **jobs, size_t n)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t next = 0, running = 0, i;
	size_t maxpar = ncpu < 1 ? 2 : ncpu > 4 ? 8 : (size_t)ncpu * 2;
	struct timespec nap = { 0, 5 * 1000 * 1000 };
	pid_t r;

	while (next < n || running > 0) {
		while (next < n && running < maxpar) {
			job_start(jobs[next++]);
			running++;
		}
		for (i = 0; i < next; i++) {
			struct job *j = jobs[i];

			if (j->done)
				continue;
			r = waitpid(j->pid, &j->status, WNOHANG);
			if (r == 0 && now() > j->deadline) {
				kill(-j->pid, SIGKILL);
				r = waitpid(j->pid, &j->status, 0);
				j->timed_out = true;
			}
			if (r == j->pid) {
				j->done = true;
				running--;
			}
		}
		nanosleep(&nap, NULL);
	}
}

/* gdb, the oracle, crashes now and then in its own code (a segfault
   seen once in some hundred runs, never in the same place twice): a gdb
   job that died of a signal runs once more before its death counts as a
   difference.  framescope's jobs get no second chance.  */
static void
run_jobs(struct job **jobs, size_t n)
{
	struct job **again;
	size_t i, k = 0;

	run_jobs_once(jobs, n);
	again = calloc(n + 1, sizeof *again);
	ck_assert_ptr_nonnull(again);
	for (i = 0; i < n; i++) {
		struct job *j = jobs[i];

		if (strcmp(j->argv[0], "gdb") == 0 && !j->timed_out &&
		    WIFSIGNALED(j->status)) {
			j->done = false;
			again[k++] = j;
		}
	}
	if (k > 0)
		run_jobs_once(again, k);
	free(again);
}

struct argv {
	char **v;
	size_t n, cap;
};

static void
av_add(struct argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap * 2 + 32;
		a->v = realloc(a->v, a->cap * sizeof *a->v);
		ck_assert_ptr_nonnull(a->v);
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

static void
av_ex(struct argv *a, const char *cmd)
{
	av_add(a, "-ex");
	av_add(a, cmd);
}

/* ---- symbols and sources ------------------------------------------ */

struct sym {
	char name[128];
	uint64_t addr, size;
};

struct syms {
	struct sym *v;
	size_t n;
};

/* The defined text symbols of PATH, from nm(1).  */
static void
nm_text(const char *path, struct syms *out)
{
	char cmd[PATH_MAX + 64], line[512], a[64], b[64], c[64], d[128];
	size_t cap = 0;
	FILE *p;
	int k;

	memset(out, 0, sizeof *out);
	snprintf(cmd, sizeof cmd, "nm -S --defined-only '%s' 2>/dev/null",
	    path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof line, p) != NULL) {
		struct sym *s;
		const char *type, *name;
		uint64_t size = 0;

		k = sscanf(line, "%63s %63s %63s %127s", a, b, c, d);
		if (k == 4) {
			size = strtoull(b, NULL, 16);
			type = c;
			name = d;
		} else if (k == 3) {
			type = b;
			name = c;
		} else {
			continue;
		}
		if (strchr("tTwW", type[0]) == NULL || type[1] != '\0')
			continue;
		if (out->n == cap) {
			cap = cap * 2 + 64;
			out->v = realloc(out->v, cap * sizeof *out->v);
			ck_assert_ptr_nonnull(out->v);
		}
		s = &out->v[out->n++];
		snprintf(s->name, sizeof s->name, "%s", name);
		s->addr = strtoull(a, NULL, 16);
		s->size = size;
	}
	pclose(p);
	ck_assert_msg(out->n > 0, "nm lists no text symbol in %s", path);
}

static bool
has_sym(const struct syms *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return true;
	return false;
}

/* Whether ADDR is inside the code of FUNC itself: its symbol or one of
   the parts GCC splits off (FUNC.cold, FUNC.part.0, ...).  */
static bool
in_own_code(const struct syms *s, const char *func, uint64_t addr)
{
	size_t i, n = strlen(func);

	for (i = 0; i < s->n; i++) {
		const struct sym *y = &s->v[i];

		if (strncmp(y->name, func, n) != 0 ||
		    (y->name[n] != '\0' && y->name[n] != '.'))
			continue;
		if (addr >= y->addr && addr < y->addr + (y->size ? y->size : 1))
			return true;
	}
	return false;
}

#define MAXFUNCS 32
#define MAXLINES 64

struct srcfunc {
	char name[64];
	int defline, endline;
};

struct source {
	char *buf;
	char **lines;
	size_t nlines;
	struct srcfunc f[MAXFUNCS];
	size_t nf;
};

static bool
is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The functions defined in the C file PATH: a line that starts with an
   identifier, has a '(' and does not end with ';' defines the function
   named just before the '('; its body ends at the next line starting with
   '}'.  Enough for the samples, which are written that way.  */
static void
read_source(const char *path, struct source *src)
{
	size_t i;

	memset(src, 0, sizeof *src);
	src->buf = slurp(path);
	ck_assert_msg(src->buf != NULL, "cannot read %s", path);
	src->lines = split_lines(src->buf, &src->nlines);
	for (i = 0; i < src->nlines; i++) {
		const char *l = src->lines[i], *paren, *e;
		size_t len = strlen(l);
		struct srcfunc *f;

		if (len == 0 || !is_ident((unsigned char)l[0]) ||
		    l[len - 1] == ';' || (paren = strchr(l, '(')) == NULL)
			continue;
		e = paren;
		while (e > l && e[-1] == ' ')
			e--;
		paren = e;
		while (e > l && is_ident((unsigned char)e[-1]))
			e--;
		if (e == paren || src->nf == MAXFUNCS)
			continue;
		f = &src->f[src->nf++];
		snprintf(f->name, sizeof f->name, "%.*s", (int)(paren - e), e);
		f->defline = (int)i + 1;
		f->endline = (int)src->nlines;
		while (++i < src->nlines && src->lines[i][0] != '}')
			;
		if (i < src->nlines)
			f->endline = (int)i + 1;
	}
}

static void
free_source(struct source *src)
{
	free(src->lines);
	free(src->buf);
}

/* Whether line LINE (1-based) of SRC calls NAME.  */
static bool
calls(const struct source *src, int line, const char *name)
{
	const char *l = src->lines[line - 1], *p = l, *q;
	size_t n = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		q = p + n;
		while (*q == ' ')
			q++;
		if ((p == l || !is_ident((unsigned char)p[-1])) && *q == '(')
			return true;
		p += n;
	}
	return false;
}

static void
add_line(int *lines, size_t *n, int line)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (lines[i] == line)
			return;
	if (*n < MAXLINES)
		lines[(*n)++] = line;
}

/* ---- gdb's and framescope's breakpoints --------------------------- */

#define MAXLOCS 16

struct bploc {
	int minor;
	uint64_t addr;
	char file[256];
	int line;
};

/* Breakpoint 1 as a debugger announced it and (gdb) tabulated it.  */
struct bp {
	bool found, pending;
	struct bploc loc[MAXLOCS];
	size_t nloc;
};

static void
bp_add(struct bp *b, int minor, uint64_t addr, const char *file, int line)
{
	struct bploc *l;

	if (b->nloc == MAXLOCS)
		return;
	l = &b->loc[b->nloc++];
	l->minor = minor;
	l->addr = addr;
	snprintf(l->file, sizeof l->file, "%s", file);
	l->line = line;
	b->found = true;
}

/* Parses the info breakpoints table (gdb's or framescope's) in
   LINES[0..N) into BPS[0..NBPS), indexed by breakpoint number - 1.  */
static void
parse_table(char **lines, size_t n, struct bp *bps, size_t nbps)
{
	char buf[256], file[256];
	regmatch_t m[10];
	struct bp *cur = NULL;
	size_t i;
	long num;
	int minor;

	for (i = 0; i < n; i++) {
		const char *l = lines[i];

		if (rx_match(&rx_tab_row, l, m, 10)) {
			num = (long)grp_num(l, m, 1, 10);
			cur = num >= 1 && (size_t)num <= nbps ?
			    &bps[num - 1] : NULL;
			if (cur == NULL)
				continue;
			cur->found = true;
			grp(l, m, 2, buf, sizeof buf);
			if (strncmp(buf, "<PENDING>", 9) == 0)
				cur->pending = true;
			minor = 1;
		} else if (rx_match(&rx_tab_loc, l, m, 10)) {
			num = (long)grp_num(l, m, 1, 10);
			cur = num >= 1 && (size_t)num <= nbps ?
			    &bps[num - 1] : NULL;
			minor = (int)grp_num(l, m, 2, 10);
			grp(l, m, 3, buf, sizeof buf);
		} else if (cur != NULL && rx_match(&rx_tab_more, l, m, 10)) {
			minor = (int)cur->nloc + 1;
			grp(l, m, 1, buf, sizeof buf);
		} else {
			continue;
		}
		if (cur != NULL && rx_match(&rx_tab_addr, buf, m, 10))
			bp_add(cur, minor, grp_hex(buf, m, 1),
			    grp(buf, m, 4, file, sizeof file),
			    (int)grp_num(buf, m, 5, 10));
	}
}

/* What a `break` printed, as "at 0x1040: segv.c:11. (3 locations)".  */
struct ann {
	int num;		/* the breakpoint's number, 0 if none */
	bool pending;
	char text[256];
};

/* Parses the output of a listing run (gdb's or framescope's): "@@BP K"
   precedes the `break` of plan K, whose announcement goes to ANN[K];
   "@@BREAKS" precedes the table, parsed into TAB by number.  */
static void
parse_listing(char **lines, size_t n, struct ann *ann, size_t nplans,
    struct bp *tab, size_t ntab)
{
	regmatch_t m[10];
	size_t i;
	int k = -1;

	for (i = 0; i < n; i++) {
		const char *l = lines[i];

		if (sscanf(l, "@@BP %d", &k) == 1)
			continue;
		if (strcmp(l, "@@BREAKS") == 0) {
			parse_table(lines + i + 1, n - i - 1, tab, ntab);
			break;
		}
		if (k < 0 || (size_t)k >= nplans || ann[k].num > 0 ||
		    !rx_match(&rx_bp_ann, l, m, 10))
			continue;
		ann[k].num = (int)grp_num(l, m, 1, 10);
		grp(l, m, 2, ann[k].text, sizeof ann[k].text);
		ann[k].pending = ann[k].text[0] == '(';
	}
}

/* ---- programs, plans and their runs ------------------------------- */

enum plan_kind { PLAN_RUN, PLAN_FUNC, PLAN_LINE };

struct plan {
	enum plan_kind kind;
	char loc[128];		/* the breakpoint's location */
	bool in_lib;		/* a function of the shared library */
	bool dup;		/* same locations as an earlier plan */
	uint64_t key[MAXLOCS];	/* gdb's enabled locations, sorted */
	size_t nkey;
	struct job gdb, fs;
	char *snap[NSTOPS];
};

struct prog {
	const struct sample *s;
	char label[64];		/* "segv-O2" */
	char exe[PATH_MAX + 128];
	char *args[2];
	int nargs;
	char srcname[64];	/* "segv.c" */
	struct syms syms;
	struct plan *plans;
	size_t nplans;
};

struct ctx {
	char bindir[PATH_MAX], srcdir[PATH_MAX], tmp[PATH_MAX];
	const char *fs;
	double t0;
	struct sbuf rep;	/* the mismatches */
	unsigned nmis;
	/* counters */
	unsigned ndup, nruns, nstops, nframestops, nframes, nfull, ninline,
	    ntail, nbps, nbplocs, ninlinelocs;
};

static void mismatch(struct ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
mismatch(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	ck_assert_int_ge(vasprintf(&s, fmt, ap), 0);
	va_end(ap);
	if (c->nmis < 200)
		sb_printf(&c->rep, "  %s\n", s);
	c->nmis++;
	free(s);
}

/* The `python` command that prints, for the newest frame, the number of
   function blocks (the function and every function inlined there) around
   the pc, and the file and line the line table gives for the pc.  gdb
   hides the inlined frames whose code starts exactly at the pc of a stop
   (it reports the call site instead), so this is how they are seen.  */
static const char py_pcinfo[] =
    "python exec(\"f=gdb.newest_frame()\\nb=gdb.block_for_pc(f.pc())\\n"
    "n=0\\nwhile b is not None:\\n  n+=b.function is not None\\n"
    "  b=b.superblock\\ns=gdb.find_pc_line(f.pc())\\n"
    "print('@@PCINFO %d %s %d' % (n, s.symtab.filename if s.symtab "
    "else '-', s.line))\")";

static void
gdb_prologue(struct argv *a, const struct ctx *c)
{
	char cmd[PATH_MAX + 64];

	av_add(a, "gdb");
	av_add(a, "-nx");
	av_add(a, "-q");
	av_add(a, "--batch");
	/* No network look-up of debug info, whatever DEBUGINFOD_URLS says.  */
	av_add(a, "-iex");
	av_add(a, "set debuginfod enabled off");
	/* The samples have one thread: libthread_db only costs time.  */
	av_add(a, "-iex");
	av_add(a, "set auto-load libthread-db off");
	/* Index the C library's debug info (libc6-dbg) once, not at every
	   run: a third less time.  */
	snprintf(cmd, sizeof cmd, "set index-cache directory %s", c->tmp);
	av_add(a, "-iex");
	av_add(a, cmd);
	av_add(a, "-iex");
	av_add(a, "set index-cache enabled on");
	av_ex(a, "set startup-with-shell off");
	av_ex(a, "unset environment LINES");
	av_ex(a, "unset environment COLUMNS");
	av_ex(a, "set width 0");
	av_ex(a, "set height 0");
	av_ex(a, "set confirm off");
	av_ex(a, "set print frame-arguments none");
}

/* The `break` of plan PL, for gdb and framescope alike.  A function of
   the shared library is not there before the program runs: both make it
   pending.  Anything else that cannot be found now is an error;
   "pending on" would make gdb look for "abort.c:13" in the C library's
   abort.c.  */
static void
plan_break(struct argv *a, const struct plan *pl)
{
	char cmd[256];

	av_ex(a, pl->in_lib ? "set breakpoint pending on" :
	    "set breakpoint pending off");
	snprintf(cmd, sizeof cmd, "break %s", pl->loc);
	av_ex(a, cmd);
}

static void
prog_args(struct argv *a, const struct prog *p)
{
	int i;

	av_add(a, p->exe);
	for (i = 0; i < p->nargs; i++)
		av_add(a, p->args[i]);
}

static void
job_files(struct job *j, const struct ctx *c, const char *tag)
{
	j->out = xasprintf("%s/%s.out", c->tmp, tag);
	j->err = xasprintf("%s/%s.err", c->tmp, tag);
}

static void
free_job(struct job *j)
{
	size_t i;

	for (i = 0; j->argv != NULL && j->argv[i] != NULL; i++)
		free(j->argv[i]);
	free(j->argv);
	free(j->out);
	free(j->err);
}

/* Builds the gdb and framescope runs of plan PL of program P.  */
static void
plan_jobs(struct ctx *c, struct prog *p, size_t idx)
{
	struct plan *pl = &p->plans[idx];
	struct argv g = { 0 }, f = { 0 };
	char tag[128], cmd[256];
	int k;

	snprintf(tag, sizeof tag, "%s.%zu", p->label, idx);
	gdb_prologue(&g, c);
	av_add(&f, c->fs);
	av_add(&f, "--batch");
	if (pl->kind != PLAN_RUN) {
		plan_break(&g, pl);
		plan_break(&f, pl);
	}
	av_ex(&g, "echo \\n@@BREAKS\\n");
	av_ex(&g, "info breakpoints");
	for (k = 0; k < NSTOPS; k++) {
		av_ex(&g, "echo \\n@@STOP\\n");
		av_ex(&g, k == 0 ? "run" : "continue");
		av_ex(&g, "echo \\n@@BT\\n");
		av_ex(&g, "bt");
		av_ex(&g, "echo \\n@@FRAMES\\n");
		av_ex(&g, "frame apply all -q info frame");
		av_ex(&g, "echo \\n@@PC\\n");
		av_ex(&g, py_pcinfo);

		pl->snap[k] = xasprintf("%s/%s.snap%d.json", c->tmp, tag, k);
		av_ex(&f, k == 0 ? "run" : "continue");
		snprintf(cmd, sizeof cmd, "snapshot %s", pl->snap[k]);
		av_ex(&f, cmd);
	}
	av_ex(&g, "echo \\n@@END\\n");
	av_add(&g, "--args");
	prog_args(&g, p);
	prog_args(&f, p);
	pl->gdb.argv = g.v;
	pl->fs.argv = f.v;
	snprintf(cmd, sizeof cmd, "%s.gdb", tag);
	job_files(&pl->gdb, c, cmd);
	snprintf(cmd, sizeof cmd, "%s.fs", tag);
	job_files(&pl->fs, c, cmd);
}

/* Checks that job J ran to its end; false (and a mismatch) if not.  */
static bool
job_ok(struct ctx *c, const struct job *j, const char *what,
    const char *label)
{
	char *err;

	if (j->timed_out) {
		mismatch(c, "%s: %s hung and was killed after %d s", label,
		    what, JOB_TIMEOUT);
		return false;
	}
	if (WIFEXITED(j->status) && WEXITSTATUS(j->status) == 127) {
		err = slurp(j->err);
		ck_abort_msg("%s: cannot run %s: %s", label, what,
		    err ? err : "?");
	}
	if (WIFSIGNALED(j->status)) {
		mismatch(c, "%s: %s died of signal %d", label, what,
		    WTERMSIG(j->status));
		return false;
	}
	return true;
}

/* ---- stops -------------------------------------------------------- */

enum stop_kind { STOP_NONE, STOP_BREAKPOINT, STOP_SIGNAL, STOP_EXITED,
	STOP_KILLED };

struct gframe {
	bool in_bt, in_info;
	bool sigtramp, inlined, tailcall;
	char func[128], file[256];
	int line;
	uint64_t pc, cfa;
};

#define MAXFRAMES 64

struct stop {
	enum stop_kind kind;
	int bpnum, code;
	char sig[16];
	/* gdb */
	struct gframe gf[MAXFRAMES];
	size_t ngf;
	bool have_pcinfo;
	int pc_nblocks, pc_line;
	char pc_file[256];
	/* framescope */
	json_t *snap;
};

static void
kind_str(const struct stop *s, char *buf, size_t sz)
{
	switch (s->kind) {
	case STOP_NONE:
		snprintf(buf, sz, "no stop");
		break;
	case STOP_BREAKPOINT:
		snprintf(buf, sz, "breakpoint %d", s->bpnum);
		break;
	case STOP_SIGNAL:
		snprintf(buf, sz, "signal %s", s->sig);
		break;
	case STOP_EXITED:
		snprintf(buf, sz, "exited with code %d", s->code);
		break;
	case STOP_KILLED:
		snprintf(buf, sz, "killed by %s", s->sig);
		break;
	}
}

/* Which @@ section of gdb's output a line is in.  */
enum sect { SECT_PRE, SECT_BREAKS, SECT_STOP, SECT_BT, SECT_FRAMES,
	SECT_PC, SECT_END };

/* Parses gdb's output of a plan into its breakpoint and its stops.  */
static void
parse_gdb_plan(char **lines, size_t n, struct stop *stops)
{
	enum sect sect = SECT_PRE;
	char buf[256];
	regmatch_t m[10];
	struct stop *st = NULL;
	struct gframe *cur = NULL;
	size_t i;
	int k = -1;
	long lv;

	for (i = 0; i < n; i++) {
		const char *l = lines[i];

		if (strcmp(l, "@@BREAKS") == 0) {
			sect = SECT_BREAKS;
			continue;
		} else if (strcmp(l, "@@STOP") == 0) {
			sect = SECT_STOP;
			if (++k >= NSTOPS)
				break;
			st = &stops[k];
			cur = NULL;
			continue;
		} else if (strcmp(l, "@@BT") == 0) {
			sect = SECT_BT;
			continue;
		} else if (strcmp(l, "@@FRAMES") == 0) {
			sect = SECT_FRAMES;
			continue;
		} else if (strcmp(l, "@@PC") == 0) {
			sect = SECT_PC;
			continue;
		} else if (strcmp(l, "@@END") == 0) {
			break;
		}
		switch (sect) {
		case SECT_PRE:
		case SECT_BREAKS:
		case SECT_END:
			break;
		case SECT_STOP:
			if (st->kind != STOP_NONE)
				break;
			if (rx_match(&rx_stop_bp, l, m, 10)) {
				st->kind = STOP_BREAKPOINT;
				st->bpnum = (int)grp_num(l, m, 2, 10);
			} else if (rx_match(&rx_stop_sig, l, m, 10)) {
				st->kind = STOP_SIGNAL;
				grp(l, m, 1, st->sig, sizeof st->sig);
			} else if (rx_match(&rx_stop_exit0, l, m, 10)) {
				st->kind = STOP_EXITED;
			} else if (rx_match(&rx_stop_exit, l, m, 10)) {
				st->kind = STOP_EXITED;
				st->code = (int)grp_num(l, m, 1, 8);
			} else if (rx_match(&rx_stop_killed, l, m, 10)) {
				st->kind = STOP_KILLED;
				grp(l, m, 1, st->sig, sizeof st->sig);
			}
			break;
		case SECT_BT:
			if (!rx_match(&rx_bt, l, m, 10))
				break;
			lv = (long)grp_num(l, m, 1, 10);
			if (lv < 0 || lv >= MAXFRAMES)
				break;
			cur = &st->gf[lv];
			if ((size_t)lv + 1 > st->ngf)
				st->ngf = (size_t)lv + 1;
			cur->in_bt = true;
			grp(l, m, 4, buf, sizeof buf);
			if (strncmp(buf, "<signal handler called>", 23) == 0) {
				cur->sigtramp = true;
				snprintf(cur->func, sizeof cur->func, "%s",
				    "<signal handler called>");
			} else if (rx_match(&rx_bt_rest, buf, m, 10)) {
				grp(buf, m, 1, cur->func, sizeof cur->func);
				grp(buf, m, 4, cur->file, sizeof cur->file);
				cur->line = (int)grp_num(buf, m, 5, 10);
			} else {
				snprintf(cur->func, sizeof cur->func,
				    "(unparsed: %.100s)", buf);
			}
			break;
		case SECT_FRAMES:
			if (rx_match(&rx_level, l, m, 10)) {
				lv = (long)grp_num(l, m, 1, 10);
				cur = NULL;
				if (lv < 0 || lv >= MAXFRAMES)
					break;
				cur = &st->gf[lv];
				if ((size_t)lv + 1 > st->ngf)
					st->ngf = (size_t)lv + 1;
				cur->in_info = true;
				cur->cfa = grp_hex(l, m, 2);
			} else if (cur != NULL && rx_match(&rx_rip, l, m, 10)) {
				cur->pc = grp_hex(l, m, 1);
			} else if (cur != NULL &&
			    strstr(l, "inlined into frame") != NULL) {
				cur->inlined = true;
			} else if (cur != NULL &&
			    strstr(l, "tail call frame") != NULL) {
				cur->tailcall = true;
			}
			break;
		case SECT_PC:
			if (rx_match(&rx_pcinfo, l, m, 10)) {
				st->have_pcinfo = true;
				st->pc_nblocks = (int)grp_num(l, m, 1, 10);
				grp(l, m, 2, st->pc_file, sizeof st->pc_file);
				st->pc_line = (int)grp_num(l, m, 3, 10);
			}
			break;
		}
	}
}

/* Reads framescope's snapshots into STOPS; a missing snapshot, or the
   same stop again (the command that should have made one failed), ends
   the list.  */
static void
read_fs_stops(struct ctx *c, const char *label, struct plan *pl,
    struct stop *stops)
{
	json_error_t e;
	json_int_t prev = -1, num;
	const char *reason, *sig;
	json_t *js;
	int k;

	for (k = 0; k < NSTOPS; k++) {
		if (access(pl->snap[k], F_OK) != 0)
			break;
		js = json_load_file(pl->snap[k], 0, &e);
		if (js == NULL) {
			mismatch(c, "%s: framescope's snapshot %d is not "
			    "JSON: %s", label, k, e.text);
			break;
		}
		num = json_integer_value(json_object_get(js, "stop"));
		if (num == prev) {
			json_decref(js);
			break;
		}
		prev = num;
		stops[k].snap = js;
		reason = json_string_value(json_object_get(js, "reason"));
		sig = json_string_value(json_object_get(js, "signal"));
		if (sig != NULL)
			snprintf(stops[k].sig, sizeof stops[k].sig, "%s", sig);
		if (reason == NULL) {
			stops[k].kind = STOP_NONE;
		} else if (strcmp(reason, "breakpoint") == 0) {
			stops[k].kind = STOP_BREAKPOINT;
			stops[k].bpnum = (int)json_integer_value(
			    json_object_get(js, "breakpoint"));
		} else if (strcmp(reason, "signal") == 0) {
			stops[k].kind = STOP_SIGNAL;
		} else if (strcmp(reason, "exited") == 0) {
			stops[k].kind = sig != NULL ? STOP_KILLED : STOP_EXITED;
			stops[k].code = (int)json_integer_value(
			    json_object_get(js, "exit_code"));
		} else {
			mismatch(c, "%s: framescope stop %d has reason %s",
			    label, k, reason);
			break;
		}
	}
}

static const char *
jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static uint64_t
jhex(json_t *o, const char *key, bool *ok)
{
	const char *s = jstr(o, key);

	*ok = s != NULL && strncmp(s, "0x", 2) == 0;
	return *ok ? strtoull(s, NULL, 16) : 0;
}

static bool
same_str(const char *a, const char *b)
{
	return strcmp(a ? a : "(null)", b ? b : "(null)") == 0;
}

/* Whether a frame is one of the samples' code, whose function, file and
   line are compared: framescope puts it in a module of the samples'
   directory, or gdb gives it one of the samples' source files.  gdb knows
   the C library's own functions from libc6-dbg, and names some of them
   differently (the alias __GI_raise for raise), so frames in the C
   library (a signal raised by abort(), say) are compared by pc and CFA
   only.  */
static bool
sample_frame(const struct ctx *c, const struct prog *p, json_t *ff,
    const struct gframe *gi)
{
	const char *mod = jstr(ff, "module");
	size_t n = strlen(c->bindir);

	if (mod != NULL && strncmp(mod, c->bindir, n) == 0 && mod[n] == '/')
		return true;
	return strcmp(gi->file, p->srcname) == 0 ||
	    (p->s->libsrc != NULL && strcmp(gi->file, p->s->libsrc) == 0);
}

/* Compares gdb's frames of stop GS with framescope's of FS.  */
static void
compare_frames(struct ctx *c, const struct prog *p, const char *label,
    const struct stop *gs, const struct stop *fs)
{
	json_t *frames = json_object_get(fs->snap, "frames"), *ff;
	size_t nfs = json_array_size(frames), nmain = nfs, lv, fi = 0, i;
	char where[512];
	bool ok, found = false;

	/* framescope's frames go on to _start(); gdb's stop at main.  */
	for (i = 0; i < nfs && !found; i++) {
		ff = json_array_get(frames, i);
		if (same_str(jstr(ff, "function"), "main") &&
		    same_str(jstr(ff, "module"), p->exe)) {
			nmain = i + 1;
			found = true;
		}
	}
	if (!found)
		mismatch(c, "%s: no frame of framescope is main() (%zu "
		    "frames)", label, nfs);
	if (gs->ngf == 0)
		mismatch(c, "%s: gdb printed no frame", label);
	for (lv = 0; lv < gs->ngf; lv++) {
		const struct gframe *gr = &gs->gf[lv];
		const char *fn, *ffile;
		json_t *jl;
		uint64_t v;
		int fline;
		bool finl, ftail;

		if (!gr->in_bt || !gr->in_info) {
			mismatch(c, "%s: gdb frame #%zu is missing from its "
			    "%s output", label, lv,
			    gr->in_bt ? "info frame" : "bt");
			return;
		}
		snprintf(where, sizeof where, "%s frame %zu (gdb #%zu)",
		    label, fi, lv);
		if (fi >= nmain) {
			mismatch(c, "%s: gdb has the frame %s (CFA %#" PRIx64
			    "), framescope has no more frames up to main",
			    where, gr->func, gr->cfa);
			return;
		}
		ff = json_array_get(frames, fi);
		c->nframes++;
		if (gr->inlined)
			c->ninline++;
		finl = json_is_true(json_object_get(ff, "inlined"));
		if (finl != gr->inlined)
			mismatch(c, "%s: gdb's frame is %sinlined, "
			    "framescope's %s", where, gr->inlined ? "" :
			    "not ", finl ? "is" : "is not");
		if (gr->tailcall)
			c->ntail++;
		ftail = json_is_true(json_object_get(ff, "tailcall"));
		if (ftail != gr->tailcall)
			mismatch(c, "%s: gdb's frame is %sa tail call frame, "
			    "framescope's %s", where, gr->tailcall ? "" :
			    "not ", ftail ? "is" : "is not");
		v = jhex(ff, "pc", &ok);
		if (!ok || v != gr->pc)
			mismatch(c, "%s: pc: gdb %#" PRIx64 ", framescope %s",
			    where, gr->pc, ok ? jstr(ff, "pc") : "null");
		v = jhex(ff, "cfa", &ok);
		if (!ok || v != gr->cfa)
			mismatch(c, "%s: CFA: gdb %#" PRIx64 " (%s), "
			    "framescope %s", where, gr->cfa, gr->func,
			    ok ? jstr(ff, "cfa") : "null");
		fn = jstr(ff, "function");
		if (gr->sigtramp) {
			if (!same_str(fn, "<signal handler called>") ||
			    !json_is_true(json_object_get(ff,
			    "signal_frame")))
				mismatch(c, "%s: gdb has <signal handler "
				    "called>, framescope %s", where,
				    fn ? fn : "null");
		} else if (sample_frame(c, p, ff, gr)) {
			c->nfull++;
			ffile = jstr(ff, "file");
			jl = json_object_get(ff, "line");
			fline = json_is_integer(jl) ?
			    (int)json_integer_value(jl) : 0;
			if (!same_str(fn, gr->func))
				mismatch(c, "%s: function: gdb %s, framescope "
				    "%s", where, gr->func, fn ? fn : "null");
			if (ffile == NULL || gr->line != fline ||
			    strcmp(base_name(gr->file), base_name(ffile)) != 0)
				mismatch(c, "%s in %s: line: gdb %s:%d, "
				    "framescope %s:%d", where, gr->func,
				    gr->file, gr->line, ffile ? ffile : "null",
				    fline);
		}
		fi++;
	}
	if (fi < nmain)
		mismatch(c, "%s: framescope has %zu frames up to main, gdb %zu; "
		    "framescope's frame %zu "
		    "is %s", label, nmain, fi, fi,
		    jstr(json_array_get(frames, fi), "function") ?
		    jstr(json_array_get(frames, fi), "function") : "null");
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Compares where gdb and framescope put the breakpoint of plan PL before
   the program runs: GANN and FANN are what their `break` printed, GTAB
   and FTAB their tables.  The locations of gdb in inlined copies of a
   function, which framescope does not know, are left out and counted.
   Sets PL's key.  */
static void
compare_breaks(struct ctx *c, const struct prog *p, struct plan *pl,
    const char *label, const struct ann *gann, const struct bp *gtab,
    const struct ann *fann, const struct bp *ftab)
{
	size_t i, j, ninl = 0;
	bool same = true;

	c->nbps++;
	if (gann->pending || fann->pending) {
		if (strcmp(gann->text, fann->text) != 0)
			mismatch(c, "%s: gdb says \"%s\", framescope \"%s\"",
			    label, gann->text, fann->text);
		return;
	}
	if (gtab->nloc == 0 && ftab->nloc == 0) {
		/* Both failed: the same as running without.  */
		pl->dup = true;
		return;
	}
	for (i = 0; i < gtab->nloc; i++) {
		if (pl->kind == PLAN_FUNC &&
		    !in_own_code(&p->syms, pl->loc, gtab->loc[i].addr))
			ninl++;
		pl->key[pl->nkey++] = gtab->loc[i].addr;
	}
	qsort(pl->key, pl->nkey, sizeof pl->key[0], cmp_u64);
	c->ninlinelocs += (unsigned)ninl;
	c->nbplocs += (unsigned)pl->nkey;
	for (i = 0; i < pl->nkey; i++) {
		for (j = 0; j < ftab->nloc; j++)
			if (ftab->loc[j].addr == pl->key[i])
				break;
		same = same && j < ftab->nloc;
	}
	if (!same || pl->nkey != ftab->nloc) {
		struct sbuf sb = { 0 };

		for (i = 0; i < pl->nkey; i++)
			sb_printf(&sb, " %#" PRIx64, pl->key[i]);
		if (ninl > 0)
			sb_printf(&sb, " (%zu of them inlined)", ninl);
		sb_printf(&sb, ", framescope");
		for (i = 0; i < ftab->nloc; i++)
			sb_printf(&sb, " %#" PRIx64, ftab->loc[i].addr);
		mismatch(c, "%s: breakpoint locations: gdb%s", label, sb.s);
		free(sb.s);
		return;
	}
	/* "at 0x1145: file callee8.c, line 4." or "at 0x1040: segv.c:11.
	   (3 locations)".  */
	if (strcmp(gann->text, fann->text) != 0)
		mismatch(c, "%s: gdb says \"Breakpoint %d %s\", framescope "
		    "\"Breakpoint %d %s\"", label, gann->num, gann->text,
		    fann->num, fann->text);
}

/* Whether gdb and framescope stopped at the same pc; if not, one
   mismatch says where each is, rather than one per frame.  */
static bool
same_place(struct ctx *c, const char *label, const struct stop *gs,
    const struct stop *fs)
{
	json_t *f0 = json_array_get(json_object_get(fs->snap, "frames"), 0);
	const struct gframe *g0 = &gs->gf[0];
	json_t *jl = json_object_get(f0, "line");
	uint64_t pc;
	bool ok;

	pc = jhex(f0, "pc", &ok);
	if (gs->ngf == 0 || !g0->in_info || (ok && pc == g0->pc))
		return true;
	mismatch(c, "%s: gdb stopped at %#" PRIx64 " in %s (%s:%d), "
	    "framescope at %s in %s (%s:%d)", label, g0->pc, g0->func,
	    g0->file, g0->line, ok ? jstr(f0, "pc") : "null",
	    jstr(f0, "function") ? jstr(f0, "function") : "null",
	    jstr(f0, "file") ? jstr(f0, "file") : "null",
	    json_is_integer(jl) ? (int)json_integer_value(jl) : 0);
	return false;
}

/* Compares the two runs of plan PL.  */
static void
compare_plan(struct ctx *c, const struct prog *p, struct plan *pl)
{
	struct stop *gs, *fs;
	char label[256], slabel[400], gk[64], fk[64];
	char *gbuf, *gerr, **glines;
	size_t ngl;
	int k;

	snprintf(label, sizeof label, "%s '%s'", p->label,
	    pl->kind == PLAN_RUN ? "run" : pl->loc);
	c->nruns++;
	if (!job_ok(c, &pl->gdb, "gdb", label) ||
	    !job_ok(c, &pl->fs, "framescope", label))
		return;
	gerr = slurp(pl->gdb.err);
	ck_assert_msg(gerr == NULL ||
	    strstr(gerr, "Error disabling address space randomization") ==
	    NULL, "gdb cannot disable ASLR here: stack addresses cannot "
	    "be compared");
	free(gerr);
	gs = calloc(NSTOPS, sizeof *gs);
	fs = calloc(NSTOPS, sizeof *fs);
	ck_assert(gs != NULL && fs != NULL);
	gbuf = slurp(pl->gdb.out);
	ck_assert_ptr_nonnull(gbuf);
	glines = split_lines(gbuf, &ngl);
	parse_gdb_plan(glines, ngl, gs);
	read_fs_stops(c, label, pl, fs);
	for (k = 0; k < NSTOPS; k++) {
		kind_str(&gs[k], gk, sizeof gk);
		kind_str(&fs[k], fk, sizeof fk);
		snprintf(slabel, sizeof slabel, "%s stop %d (%s)", label, k,
		    gk);
		if (gs[k].kind == STOP_NONE && fs[k].kind == STOP_NONE)
			break;
		if (strcmp(gk, fk) != 0) {
			mismatch(c, "%s %s: gdb's stop is %s, framescope's %s",
			    label, k == 0 ? "run" : "continue", gk, fk);
			break;
		}
		c->nstops++;
		if (gs[k].kind != STOP_BREAKPOINT &&
		    gs[k].kind != STOP_SIGNAL)
			continue;
		if (!same_place(c, slabel, &gs[k], &fs[k]))
			break;
		c->nframestops++;
		compare_frames(c, p, slabel, &gs[k], &fs[k]);
	}
	for (k = 0; k < NSTOPS; k++)
		json_decref(fs[k].snap);
	free(glines);
	free(gbuf);
	free(gs);
	free(fs);
}

/* ---- setting up the programs -------------------------------------- */

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Starts a process that removes the directory DIR (unless $GDBDIFF_KEEP
   is set) once this one is gone, however it goes: Check ends a failed
   test with _exit(), and kills one that times out.  */
static void
start_janitor(const char *dir)
{
	int fd[2];
	pid_t pid;
	char ch;

	ck_assert_int_eq(pipe2(fd, O_CLOEXEC), 0);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		close(fd[1]);
		while (read(fd[0], &ch, 1) < 0 && errno == EINTR)
			;
		if (getenv("GDBDIFF_KEEP") == NULL)
			nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		_exit(0);
	}
	/* Out of our process group before Check kills it.  The write end
	   stays open, and unused, as long as we live.  */
	setpgid(pid, pid);
	close(fd[0]);
}

static void
ctx_init(struct ctx *c)
{
	char path[PATH_MAX + 8];

	memset(c, 0, sizeof *c);
	ck_assert_msg(realpath(sample_path("."), c->bindir) != NULL,
	    "no samples directory %s", sample_path("."));
	snprintf(path, sizeof path, "%s/..", c->bindir);
	ck_assert(realpath(path, c->srcdir) != NULL);
	snprintf(c->tmp, sizeof c->tmp, "/tmp/check_gdbdiff.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(c->tmp));
	start_janitor(c->tmp);
	c->t0 = now();
	c->fs = framescope_path();
	ck_assert_msg(access(c->fs, X_OK) == 0, "no framescope at %s",
	    c->fs);
}

/* Removes the runs' files, unless $GDBDIFF_KEEP is set (to look at what
   gdb and framescope printed).  */
static void
ctx_fini(struct ctx *c)
{
	if (getenv("GDBDIFF_KEEP") != NULL)
		fprintf(stderr, "gdbdiff: the runs' files are in %s\n",
		    c->tmp);
	else
		nftw(c->tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(c->rep.s);
}

static void
prog_init(struct ctx *c, struct prog *p, const struct sample *s,
    const char *variant)
{
	const char *a[2] = { s->arg1, s->arg2 };
	int i;

	memset(p, 0, sizeof *p);
	p->s = s;
	snprintf(p->label, sizeof p->label, "%s-%s", s->name, variant);
	snprintf(p->exe, sizeof p->exe, "%s/%s", c->bindir, p->label);
	ck_assert_msg(access(p->exe, X_OK) == 0, "no sample %s", p->exe);
	snprintf(p->srcname, sizeof p->srcname, "%s.c", s->name);
	for (i = 0; i < 2 && a[i] != NULL; i++) {
		/* An i386 program loads the library's i386 build.  */
		if (strcmp(a[i], "@LIB") == 0 && strncmp(variant, "m32", 3) ==
		    0)
			p->args[p->nargs++] = xasprintf("%s/%.*s%s",
			    c->bindir, (int)(strlen(s->lib) - 3), s->lib,
			    LIB32_SUFFIX);
		else
			p->args[p->nargs++] = strcmp(a[i], "@LIB") == 0 ?
			    xasprintf("%s/%s", c->bindir, s->lib) :
			    xstrdup(a[i]);
	}
	nm_text(p->exe, &p->syms);
}

static struct plan *
add_plan(struct prog *p, enum plan_kind kind, const char *loc)
{
	struct plan *pl;

	p->plans = realloc(p->plans, (p->nplans + 1) * sizeof *p->plans);
	ck_assert_ptr_nonnull(p->plans);
	pl = &p->plans[p->nplans++];
	memset(pl, 0, sizeof *pl);
	pl->kind = kind;
	snprintf(pl->loc, sizeof pl->loc, "%s", loc ? loc : "");
	return pl;
}

/* The gdb run that lists where gdb puts `break F` for every function of
   the program, before it runs.  */
static void
prepass_job(struct ctx *c, struct prog *p, const struct source *src,
    struct job *j)
{
	struct argv a = { 0 };
	char cmd[128];
	size_t i;

	gdb_prologue(&a, c);
	av_ex(&a, "set breakpoint pending on");
	for (i = 0; i < src->nf; i++) {
		snprintf(cmd, sizeof cmd, "break %s", src->f[i].name);
		av_ex(&a, cmd);
	}
	av_ex(&a, "echo \\n@@BREAKS\\n");
	av_ex(&a, "info breakpoints");
	av_add(&a, p->exe);
	j->argv = a.v;
	snprintf(cmd, sizeof cmd, "%s.pre", p->label);
	job_files(j, c, cmd);
}

/* The runs, one of gdb and one of framescope, that set the breakpoints
   of all plans of P and list where they are, before the program runs.  */
static void
listing_jobs(struct ctx *c, struct prog *p, struct job *g, struct job *f)
{
	struct argv ga = { 0 }, fa = { 0 };
	char cmd[256];
	size_t i;

	gdb_prologue(&ga, c);
	av_add(&fa, c->fs);
	av_add(&fa, "--batch");
	for (i = 0; i < p->nplans; i++) {
		if (p->plans[i].kind == PLAN_RUN)
			continue;
		snprintf(cmd, sizeof cmd, "echo \\n@@BP %zu\\n", i);
		av_ex(&ga, cmd);
		av_ex(&fa, cmd);
		plan_break(&ga, &p->plans[i]);
		plan_break(&fa, &p->plans[i]);
	}
	av_ex(&ga, "echo \\n@@BREAKS\\n");
	av_ex(&ga, "info breakpoints");
	av_ex(&fa, "echo \\n@@BREAKS\\n");
	av_ex(&fa, "info breakpoints");
	av_add(&ga, p->exe);
	av_add(&fa, p->exe);
	g->argv = ga.v;
	f->argv = fa.v;
	snprintf(cmd, sizeof cmd, "%s.list.gdb", p->label);
	job_files(g, c, cmd);
	snprintf(cmd, sizeof cmd, "%s.list.fs", p->label);
	job_files(f, c, cmd);
}

/* Compares the breakpoints of the listing runs G and F of P, and marks
   the plans whose breakpoint gdb puts where an earlier plan's is: their
   stops would be the same, they are not run again.  */
static void
check_listing(struct ctx *c, struct prog *p, const struct job *g,
    const struct job *f)
{
	struct ann *gann, *fann;
	struct bp *gtab, *ftab, none = { 0 };
	char *gbuf, *fbuf, **gl, **fl, label[256];
	size_t ngl, nfl, i, j, n = p->nplans;

	ck_assert_msg(job_ok(c, g, "gdb", p->label) && WIFEXITED(g->status),
	    "%s: gdb's listing of breakpoints failed", p->label);
	ck_assert_msg(job_ok(c, f, "framescope", p->label),
	    "%s: framescope's listing of breakpoints failed", p->label);
	gann = calloc(n, sizeof *gann);
	fann = calloc(n, sizeof *fann);
	gtab = calloc(n, sizeof *gtab);
	ftab = calloc(n, sizeof *ftab);
	gbuf = slurp(g->out);
	fbuf = slurp(f->out);
	ck_assert(gann && fann && gtab && ftab && gbuf && fbuf);
	gl = split_lines(gbuf, &ngl);
	fl = split_lines(fbuf, &nfl);
	parse_listing(gl, ngl, gann, n, gtab, n);
	parse_listing(fl, nfl, fann, n, ftab, n);
	for (i = 0; i < n; i++) {
		struct plan *pl = &p->plans[i];

		if (pl->kind == PLAN_RUN)
			continue;
		snprintf(label, sizeof label, "%s 'break %s'", p->label,
		    pl->loc);
		compare_breaks(c, p, pl, label, &gann[i],
		    gann[i].num > 0 ? &gtab[gann[i].num - 1] : &none,
		    &fann[i], fann[i].num > 0 ? &ftab[fann[i].num - 1] :
		    &none);
		for (j = 0; j < i && pl->nkey > 0; j++)
			if (p->plans[j].nkey == pl->nkey &&
			    memcmp(p->plans[j].key, pl->key,
			    pl->nkey * sizeof pl->key[0]) == 0)
				pl->dup = true;
	}
	free(gl);
	free(fl);
	free(gbuf);
	free(fbuf);
	free(gann);
	free(fann);
	free(gtab);
	free(ftab);
}

/* Makes the plans of program P: see the top of the file.  */
static void
make_plans(struct ctx *c, struct prog *p, const struct source *src,
    const struct source *lsrc, const struct job *pre)
{
	struct bp bps[MAXFUNCS];
	struct syms lsyms = { 0 };
	int lines[MAXLINES];
	size_t nlines = 0, i, j, nl;
	char *buf, **gl, loc[PATH_MAX + 128];
	const struct srcfunc *mainf = NULL;

	ck_assert_msg(!pre->timed_out && WIFEXITED(pre->status),
	    "%s: gdb's listing of breakpoints failed", p->label);
	buf = slurp(pre->out);
	ck_assert_ptr_nonnull(buf);
	gl = split_lines(buf, &nl);
	memset(bps, 0, sizeof bps);
	for (i = 0; i < nl && strcmp(gl[i], "@@BREAKS") != 0; i++)
		;
	if (i < nl)
		parse_table(gl + i + 1, nl - i - 1, bps, src->nf);

	add_plan(p, PLAN_RUN, NULL);
	for (i = 0; i < src->nf; i++) {
		const struct srcfunc *f = &src->f[i];

		if (strcmp(f->name, "main") == 0)
			mainf = f;
		/* A function inlined everywhere, or only a clone
		   (f.constprop.0), has no symbol of its own: gdb finds it
		   by its DWARF name, as framescope does.  */
		if (has_sym(&p->syms, f->name) || bps[i].nloc > 0)
			add_plan(p, PLAN_FUNC, f->name);
		for (j = 0; j < bps[i].nloc; j++) {
			const struct bploc *l = &bps[i].loc[j];

			if (in_own_code(&p->syms, f->name, l->addr))
				continue;
			/* An inlined copy: its line is a plan too.  */
			if (strcmp(l->file, p->srcname) == 0)
				add_line(lines, &nlines, l->line);
		}
	}
	if (lsrc != NULL) {
		snprintf(loc, sizeof loc, "%s/%s", c->bindir, p->s->lib);
		nm_text(loc, &lsyms);
		for (i = 0; i < lsrc->nf; i++)
			if (has_sym(&lsyms, lsrc->f[i].name))
				add_plan(p, PLAN_FUNC, lsrc->f[i].name)->in_lib
				    = true;
		free(lsyms.v);
	}
	/* Lines that call a function of the program or library, and the
	   returns of main.  */
	for (i = 0; i < src->nf; i++) {
		const struct srcfunc *f = &src->f[i];
		int ln;

		for (ln = f->defline + 1; ln < f->endline; ln++) {
			for (j = 0; j < src->nf; j++)
				if (calls(src, ln, src->f[j].name))
					add_line(lines, &nlines, ln);
			for (j = 0; lsrc != NULL && j < lsrc->nf; j++)
				if (calls(src, ln, lsrc->f[j].name))
					add_line(lines, &nlines, ln);
			if (f == mainf && strstr(src->lines[ln - 1],
			    "return") != NULL)
				add_line(lines, &nlines, ln);
		}
	}
	for (i = 0; i < nlines; i++) {
		snprintf(loc, sizeof loc, "%s:%d", p->srcname, lines[i]);
		add_plan(p, PLAN_LINE, loc);
	}
	free(gl);
	free(buf);
}

static void
free_prog(struct prog *p)
{
	size_t i;
	int k;

	for (i = 0; i < p->nplans; i++) {
		free_job(&p->plans[i].gdb);
		free_job(&p->plans[i].fs);
		for (k = 0; k < NSTOPS; k++)
			free(p->plans[i].snap[k]);
	}
	free(p->plans);
	free(p->syms.v);
	free(p->args[0]);
	free(p->args[1]);
}

static void
report(struct ctx *c, const char *what)
{
	printf("gdbdiff %s (%.0f s): %u runs (%u plans left out as "
	    "duplicates), %u stops (%u with frames), %u frames compared (%u "
	    "by function and line, %u of them inlined, %u tail-call "
	    "frames); %u breakpoints, %u locations compared (%u of them in "
	    "inlined copies); %u mismatches\n", what, now() - c->t0,
	    c->nruns, c->ndup, c->nstops, c->nframestops, c->nframes,
	    c->nfull, c->ninline, c->ntail, c->nbps, c->nbplocs,
	    c->ninlinelocs, c->nmis);
	if (c->nmis > 0)
		fprintf(stderr, "gdbdiff %s: framescope differs from gdb:\n"
		    "%s%s", what, c->rep.s, c->nmis > 200 ? "  ...\n" : "");
	fflush(NULL);
}

/* ---- the tests ---------------------------------------------------- */

/* The assumption everything else rests on: gdb's debuggee and
   framescope's get the same stack, because they get the same argv and
   environment.  */
START_TEST(test_gdbdiff_same_stack)
{
	struct ctx c;
	struct prog p;
	struct plan *pl;
	struct job *jobs[2];
	struct stop *gs, *fs;
	char *buf, **lines;
	size_t n;
	bool ok;
	int k;

	ctx_init(&c);
	prog_init(&c, &p, &samples[0], "O0");
	pl = add_plan(&p, PLAN_FUNC, "callee");
	plan_jobs(&c, &p, 0);
	jobs[0] = &pl->gdb;
	jobs[1] = &pl->fs;
	run_jobs(jobs, 2);
	gs = calloc(NSTOPS, sizeof *gs);
	fs = calloc(NSTOPS, sizeof *fs);
	ck_assert(gs != NULL && fs != NULL);
	buf = slurp(pl->gdb.out);
	ck_assert_ptr_nonnull(buf);
	lines = split_lines(buf, &n);
	parse_gdb_plan(lines, n, gs);
	read_fs_stops(&c, p.label, pl, fs);
	ck_assert_msg(gs[0].kind == STOP_BREAKPOINT && gs[0].ngf > 0,
	    "gdb did not stop in callee");
	ck_assert_msg(fs[0].kind == STOP_BREAKPOINT,
	    "framescope did not stop in callee");
	ck_assert_msg(jhex(json_array_get(json_object_get(fs[0].snap,
	    "frames"), 0), "cfa", &ok) == gs[0].gf[0].cfa && ok,
	    "frame 0's CFA differs (gdb %#" PRIx64 "): the two debuggees do "
	    "not get the same argv and environment", gs[0].gf[0].cfa);
	for (k = 0; k < NSTOPS; k++)
		json_decref(fs[k].snap);
	free(lines);
	free(buf);
	free(gs);
	free(fs);
	free_prog(&p);
	ctx_fini(&c);
}
END_TEST

/* Every stop of the variants VARS[0..NVARS) of sample S.  */
static void
sample_diff(const struct sample *s, const char *const *vars, size_t nvars)
{
	struct ctx c;
	struct prog progs[NVARIANTS];
	struct source src, lsrc;
	struct job pre[NVARIANTS], lg[NVARIANTS], lf[NVARIANTS], **jobs;
	char path[PATH_MAX + 64], first[900];
	size_t v, i, njobs = 0, maxjobs = 0;
	unsigned nmis;

	ctx_init(&c);
	snprintf(path, sizeof path, "%s/%s.c", c.srcdir, s->name);
	read_source(path, &src);
	if (s->libsrc != NULL) {
		snprintf(path, sizeof path, "%s/%s", c.srcdir, s->libsrc);
		read_source(path, &lsrc);
	}
	memset(pre, 0, sizeof pre);
	memset(lg, 0, sizeof lg);
	memset(lf, 0, sizeof lf);
	jobs = calloc(2 * NVARIANTS, sizeof *jobs);
	ck_assert_ptr_nonnull(jobs);
	/* Where gdb puts `break F` for each function, to find the inlined
	   copies; then the plans; then where both put every breakpoint of
	   the plans.  */
	for (v = 0; v < nvars; v++) {
		prog_init(&c, &progs[v], s, vars[v]);
		prepass_job(&c, &progs[v], &src, &pre[v]);
		jobs[v] = &pre[v];
	}
	run_jobs(jobs, nvars);
	for (v = 0; v < nvars; v++) {
		make_plans(&c, &progs[v], &src, s->libsrc ? &lsrc : NULL,
		    &pre[v]);
		listing_jobs(&c, &progs[v], &lg[v], &lf[v]);
		jobs[2 * v] = &lg[v];
		jobs[2 * v + 1] = &lf[v];
		maxjobs += 2 * progs[v].nplans;
	}
	run_jobs(jobs, 2 * nvars);
	for (v = 0; v < nvars; v++)
		check_listing(&c, &progs[v], &lg[v], &lf[v]);
	free(jobs);
	jobs = calloc(maxjobs, sizeof *jobs);
	ck_assert_ptr_nonnull(jobs);
	for (v = 0; v < nvars; v++)
		for (i = 0; i < progs[v].nplans; i++) {
			if (progs[v].plans[i].dup) {
				c.ndup++;
				continue;
			}
			plan_jobs(&c, &progs[v], i);
			jobs[njobs++] = &progs[v].plans[i].gdb;
			jobs[njobs++] = &progs[v].plans[i].fs;
		}
	run_jobs(jobs, njobs);
	for (v = 0; v < nvars; v++) {
		for (i = 0; i < progs[v].nplans; i++)
			if (!progs[v].plans[i].dup)
				compare_plan(&c, &progs[v],
				    &progs[v].plans[i]);
		free_prog(&progs[v]);
		free_job(&pre[v]);
		free_job(&lg[v]);
		free_job(&lf[v]);
	}
	free(jobs);
	report(&c, s->name);
	nmis = c.nmis;
	snprintf(first, sizeof first, "%s", c.rep.s ? c.rep.s : "");
	free_source(&src);
	if (s->libsrc != NULL)
		free_source(&lsrc);
	ctx_fini(&c);
	ck_assert_msg(nmis == 0, "%s: %u differences from gdb (listed on "
	    "stderr), the first:\n%s", s->name, nmis, first);
}

/* Every stop of every variant of sample number _i.  */
START_TEST(test_gdbdiff_sample)
{
	sample_diff(&samples[_i], variants, NVARIANTS);
}
END_TEST

/* Every stop of the -m32 builds (i386) of sample number _i.  */
START_TEST(test_gdbdiff_sample32)
{
	sample_diff(&samples[_i], variants32, NVARIANTS32);
}
END_TEST

Suite *
gdbdiff_suite(void)
{
	Suite *s = suite_create("gdbdiff");
	TCase *tc = tcase_create("gdbdiff");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_gdbdiff_same_stack);
	tcase_add_loop_test(tc, test_gdbdiff_sample, 0, NSAMPLES);
	tcase_add_loop_test(tc, test_gdbdiff_sample32, 0, NSAMPLES32);
	suite_add_tcase(s, tc);
	return s;
}
