/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the end-to-end suites: running framescope, gdb and samples as
   child processes with a time limit, and reading truth from the binaries. */
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "check_common.h"
#include "check_util.h"

/* ------------------------------------------------------------- argv */

void
util_argv_push(struct util_argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		ck_assert_ptr_nonnull(a->v = realloc(a->v,
		    a->cap * sizeof *a->v));
	}
	ck_assert_ptr_nonnull(a->v[a->n] = strdup(s));
	a->n++;
	a->v[a->n] = NULL;
}

void
util_argv_pushf(struct util_argv *a, const char *fmt, ...)
{
	char buf[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	util_argv_push(a, buf);
}

void
util_argv_free(struct util_argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* ------------------------------------------------------------ processes */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
util_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Append what is readable on FD to *BUF; false at EOF or error.  */
static bool
drain(int fd, char **buf, size_t *len)
{
	char chunk[8192];
	ssize_t n;

	n = read(fd, chunk, sizeof chunk);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	ck_assert_ptr_nonnull(*buf = realloc(*buf, *len + (size_t)n + 1));
	memcpy(*buf + *len, chunk, (size_t)n);
	*len += (size_t)n;
	(*buf)[*len] = '\0';
	return true;
}

pid_t
util_spawn(char *const argv[], int *out_fd, int *err_fd)
{
	int op[2], ep[2] = { -1, -1 }, nul;
	pid_t pid;

	ck_assert_int_eq(pipe2(op, O_CLOEXEC), 0);
	if (err_fd != NULL)
		ck_assert_int_eq(pipe2(ep, O_CLOEXEC), 0);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* Its own group, so that a time-out kills what it started. */
		setpgid(0, 0);
		nul = open("/dev/null", O_RDWR);
		dup2(nul, 0);
		dup2(op[1], 1);
		dup2(err_fd != NULL ? ep[1] : nul, 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		dprintf(2, "cannot execute %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(op[1]);
	*out_fd = op[0];
	if (err_fd != NULL) {
		close(ep[1]);
		*err_fd = ep[0];
	}
	return pid;
}

bool
util_wait(pid_t pid, double timeout, int *status)
{
	double end = now() + timeout;
	pid_t w;
	int st;

	for (;;) {
		w = waitpid(pid, &st, WNOHANG);
		if (w == pid) {
			if (status != NULL)
				*status = st;
			return true;
		}
		if (w < 0 && errno != EINTR)
			return false;
		if (now() > end)
			break;
		util_sleep_ms(5);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (status != NULL)
		*status = st;
	return false;
}

void
util_run(char *const argv[], double timeout, struct util_result *r)
{
	struct pollfd pf[2];
	size_t olen = 0, elen = 0;
	double end = now() + timeout;
	int ofd, efd, n, i, left;
	pid_t pid;

	memset(r, 0, sizeof *r);
	ck_assert_ptr_nonnull(r->out = calloc(1, 1));
	ck_assert_ptr_nonnull(r->err = calloc(1, 1));
	pid = util_spawn(argv, &ofd, &efd);
	pf[0] = (struct pollfd){ .fd = ofd, .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = efd, .events = POLLIN };
	left = 2;
	while (left > 0) {
		double rest = end - now();

		if (rest <= 0) {
			r->timed_out = true;
			break;
		}
		n = poll(pf, 2, (int)(rest * 1000) + 1);
		if (n < 0 && errno == EINTR)
			continue;
		ck_assert_int_ge(n, 0);
		for (i = 0; i < 2; i++) {
			if (pf[i].fd < 0 || pf[i].revents == 0)
				continue;
			if (!drain(pf[i].fd, i == 0 ? &r->out : &r->err,
			    i == 0 ? &olen : &elen)) {
				close(pf[i].fd);
				pf[i].fd = -1;
				left--;
			}
		}
	}
	for (i = 0; i < 2; i++)
		if (pf[i].fd >= 0)
			close(pf[i].fd);
	if (!util_wait(pid, r->timed_out ? 0 : end - now() + 1, &r->status))
		r->timed_out = true;
}

void
util_result_free(struct util_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

const char *
util_status_text(const struct util_result *r)
{
	static char buf[64];

	if (r->timed_out)
		return "timed out";
	if (WIFEXITED(r->status))
		snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(r->status));
	else if (WIFSIGNALED(r->status))
		snprintf(buf, sizeof buf, "signal %d", WTERMSIG(r->status));
	else
		snprintf(buf, sizeof buf, "status %#x", r->status);
	return buf;
}

void
util_framescope(struct util_result *r, const char *dump,
    const char *const cmds[], const char *prog, const char *const args[])
{
	struct util_argv a = { 0 };
	size_t i;

	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	if (dump != NULL) {
		util_argv_push(&a, "--dump");
		util_argv_push(&a, dump);
	}
	for (i = 0; cmds != NULL && cmds[i] != NULL; i++) {
		util_argv_push(&a, "-ex");
		util_argv_push(&a, cmds[i]);
	}
	util_argv_push(&a, prog);
	for (i = 0; args != NULL && args[i] != NULL; i++)
		util_argv_push(&a, args[i]);
	util_run(a.v, 20, r);
	util_argv_free(&a);
}

bool
util_have_gdb(void)
{
	static int have = -1;

	if (have < 0)
		have = system("gdb --version >/dev/null 2>&1") == 0;
	return have;
}

void
util_gdb(struct util_result *r, const char *const gdb_only[],
    const char *const cmds[], const char *prog, const char *const args[])
{
	static const char *const pre[] = {
		"set startup-with-shell off", "unset environment LINES",
		"unset environment COLUMNS", "set debuginfod enabled off",
		NULL,
	};
	struct util_argv a = { 0 };
	size_t i;

	ck_assert_msg(util_have_gdb(), "gdb(1) is needed for this test");
	util_argv_push(&a, "gdb");
	util_argv_push(&a, "-nx");
	util_argv_push(&a, "-q");
	util_argv_push(&a, "--batch");
	/* No "[Thread debugging using libthread_db enabled]", and faster. */
	util_argv_push(&a, "-iex");
	util_argv_push(&a, "set auto-load libthread-db off");
	for (i = 0; pre[i] != NULL; i++) {
		util_argv_push(&a, "-ex");
		util_argv_push(&a, pre[i]);
	}
	for (i = 0; gdb_only != NULL && gdb_only[i] != NULL; i++) {
		util_argv_push(&a, "-ex");
		util_argv_push(&a, gdb_only[i]);
	}
	for (i = 0; cmds != NULL && cmds[i] != NULL; i++) {
		util_argv_push(&a, "-ex");
		util_argv_push(&a, cmds[i]);
	}
	util_argv_push(&a, "--args");
	util_argv_push(&a, prog);
	for (i = 0; args != NULL && args[i] != NULL; i++)
		util_argv_push(&a, args[i]);
	util_run(a.v, 30, r);
	util_argv_free(&a);
	ck_assert_msg(!r->timed_out, "gdb timed out");
}

bool
util_read_until(int fd, char **buf, size_t *len, const char *needle,
    double timeout)
{
	double end = now() + timeout;
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	int n;

	if (*buf == NULL) {
		ck_assert_ptr_nonnull(*buf = calloc(1, 1));
		*len = 0;
	}
	while (needle == NULL || strstr(*buf, needle) == NULL) {
		double rest = end - now();

		if (rest <= 0)
			return false;
		n = poll(&pf, 1, (int)(rest * 1000) + 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			continue;
		if (!drain(fd, buf, len))
			return needle == NULL;
	}
	return true;
}

bool
util_pid_gone(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	bool gone = true;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return true;
	if (fgets(buf, sizeof buf, f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL && p[1] == ' ')
		gone = p[2] == 'Z' || p[2] == 'X';
	fclose(f);
	return gone;
}

pid_t
util_child_of(pid_t parent, double timeout)
{
	double end = now() + timeout;
	char path[300], buf[512], *p;
	struct dirent *de;
	DIR *d;
	FILE *f;
	long ppid;
	pid_t found = 0;

	do {
		ck_assert_ptr_nonnull(d = opendir("/proc"));
		while (found == 0 && (de = readdir(d)) != NULL) {
			if (de->d_name[0] < '1' || de->d_name[0] > '9')
				continue;
			snprintf(path, sizeof path, "/proc/%s/stat",
			    de->d_name);
			if ((f = fopen(path, "re")) == NULL)
				continue;
			if (fgets(buf, sizeof buf, f) != NULL &&
			    (p = strrchr(buf, ')')) != NULL &&
			    sscanf(p + 2, "%*c %ld", &ppid) == 1 &&
			    ppid == parent)
				found = (pid_t)atol(de->d_name);
			fclose(f);
		}
		closedir(d);
		if (found == 0)
			util_sleep_ms(10);
	} while (found == 0 && now() < end);
	return found;
}

/* ------------------------------------------------------------ gdb output */

/* The last occurrence of NEEDLE in S.  */
static const char *
last_strstr(const char *s, const char *needle)
{
	const char *p, *found = NULL;

	for (p = s; (p = strstr(p, needle)) != NULL; p++)
		found = p;
	return found;
}

/* Parse "#N  [0xPC in ]FUNC (ARGS) [at FILE:LINE|from LIB]".  */
static bool
parse_gframe(const char *l, struct util_gframe *g)
{
	const char *p, *paren, *at;
	char *end;
	size_t len;

	memset(g, 0, sizeof *g);
	if (l[0] != '#' || l[1] < '0' || l[1] > '9')
		return false;
	g->index = (unsigned)strtoul(l + 1, &end, 10);
	p = end;
	while (*p == ' ')
		p++;
	if (strncmp(p, "0x", 2) == 0) {
		g->has_pc = true;
		g->pc = strtoull(p, &end, 16);
		p = end;
		if (strncmp(p, " in ", 4) != 0)
			return false;
		p += 4;
	}
	if ((paren = strstr(p, " (")) == NULL)
		paren = p + strlen(p);
	len = (size_t)(paren - p);
	if (len >= sizeof g->func)
		len = sizeof g->func - 1;
	memcpy(g->func, p, len);
	g->func[len] = '\0';
	if ((at = last_strstr(paren, ") at ")) != NULL) {
		const char *colon = strrchr(at, ':');

		if (colon != NULL) {
			len = (size_t)(colon - (at + 5));
			if (len >= sizeof g->file)
				len = sizeof g->file - 1;
			memcpy(g->file, at + 5, len);
			g->file[len] = '\0';
			g->line = (unsigned)strtoul(colon + 1, NULL, 10);
		}
	}
	return true;
}

/* The frames of the last backtrace in OUT (lines "#0 ..." restart it).  */
size_t
util_gdb_backtrace(const char *out, struct util_gframe *g, size_t max)
{
	char **lines;
	size_t n, i, k = 0;
	struct util_gframe f;

	lines = util_lines(out, &n);
	for (i = 0; i < n; i++) {
		if (!parse_gframe(lines[i], &f))
			continue;
		if (f.index == 0)
			k = 0;
		if (k < max && f.index == k)
			g[k++] = f;
	}
	util_lines_free(lines);
	return k;
}

/* The value of the last "$N = 0x..." line of OUT.  */
uint64_t
util_gdb_value(const char *out)
{
	const char *p = last_strstr(out, "$"), *eq;

	ck_assert_msg(p != NULL && (eq = strstr(p, " = ")) != NULL,
	    "no value printed by gdb:\n%s", out);
	return strtoull(eq + 3, NULL, 0);
}

/* ------------------------------------------------- comparing with gdb */

static bool
all_digits(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* "N\t..." or "0xADDR\tN\t...": a source line as a stop shows it.  */
static bool
is_source_line(const char *l)
{
	const char *tab;

	if (strncmp(l, "0x", 2) == 0) {
		if ((tab = strchr(l, '\t')) == NULL)
			return false;
		l = tab + 1;
	}
	return (tab = strchr(l, '\t')) != NULL &&
	    all_digits(l, (size_t)(tab - l));
}

/* A line naming a place: "... at FILE:LINE", "0x... in f ()".  */
static bool
is_location_line(const char *l)
{
	const char *at = last_strstr(l, " at "), *colon;

	if (strncmp(l, "Run till exit from ", 19) == 0)
		return false;
	if (strncmp(l, "0x", 2) == 0 && strstr(l, " in ") != NULL)
		return true;
	if (at == NULL || (colon = strrchr(at, ':')) == NULL)
		return false;
	return all_digits(colon + 1, strlen(colon + 1));
}

/* Whether line L of a stop report, a backtrace or the breakpoint table is
   compared with gdb's.  gdb --batch does not print "Continuing." nor "Run
   till exit from" (from_tty is 0), and framescope prints no values.  */
static bool
compared(const char *l)
{
	static const char *const prefixes[] = {
		"Breakpoint ", "Temporary breakpoint ", "Program received ",
		"Program terminated ", "[Inferior 1 (process ", "Num ",
		"\tbreakpoint already hit", "No breakpoints or watchpoints.",
		"No more reverse-execution history.",
	};
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(l, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	if (l[0] == '#' && l[1] >= '0' && l[1] <= '9')
		return true;
	/* A row of the breakpoint table, or of one of its locations
	   ("1.2   y   0x... in f at x.c:3").  */
	if (l[0] >= '1' && l[0] <= '9' && strstr(l, " breakpoint ") != NULL)
		return true;
	if (l[0] >= '1' && l[0] <= '9' && l[strspn(l, "0123456789")] == '.' &&
	    strstr(l, "  y   0x") != NULL)
		return true;
	return is_source_line(l) || is_location_line(l);
}

/* A copy of L with argument lists emptied ("f (x=1) at" -> "f () at")
   and process ids replaced by "PID".  */
static char *
normalize(const char *l)
{
	char *s, *p, *q;
	int depth;

	ck_assert_ptr_nonnull(s = strdup(l));
	if (strncmp(s, "[Inferior 1 (process ", 21) == 0) {
		p = s + 21;
		q = p;
		while (*q >= '0' && *q <= '9')
			q++;
		memmove(p + 3, q, strlen(q) + 1);
		memcpy(p, "PID", 3);
		return s;
	}
	if (is_source_line(s) || (s[0] >= '1' && s[0] <= '9'))
		return s;
	if ((p = strstr(s, " (")) == NULL)
		return s;
	p += 2;
	for (q = p, depth = 1; *q != '\0'; q++) {
		if (*q == '(')
			depth++;
		else if (*q == ')' && --depth == 0)
			break;
	}
	if (*q == ')')
		memmove(p, q, strlen(q) + 1);
	return s;
}

/* The compared lines of OUT, normalized.  */
char **
util_stop_lines(const char *out, size_t *n)
{
	char **lines, **v;
	size_t i, k = 0, total;

	lines = util_lines(out, &total);
	ck_assert_ptr_nonnull(v = calloc(total + 1, sizeof *v));
	for (i = 0; i < total; i++)
		if (compared(lines[i]))
			v[k++] = normalize(lines[i]);
	util_lines_free(lines);
	*n = k;
	return v;
}

void
util_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Run CMDS on sample NAME (with ARGS) under gdb and framescope; the stop
   lines must be the same.  GDB_ONLY: settings only gdb needs.  */
void
util_same_as_gdb(const char *name, const char *const args[],
    const char *const gdb_only[], const char *const cmds[])
{
	struct util_result g, f;
	char **gl, **fl, *prog = util_sample(name);
	size_t gn, fn, i;
	char script[1024] = "";

	for (i = 0; cmds[i] != NULL; i++) {
		strncat(script, cmds[i], sizeof script - strlen(script) - 3);
		strncat(script, "; ", sizeof script - strlen(script) - 1);
	}
	util_gdb(&g, gdb_only, cmds, prog, args);
	util_framescope(&f, NULL, cmds, prog, args);
	ck_assert_msg(!f.timed_out && WIFEXITED(f.status),
	    "%s [%s]: framescope %s\n%s", name, script,
	    util_status_text(&f), f.err);
	gl = util_stop_lines(g.out, &gn);
	fl = util_stop_lines(f.out, &fn);
	for (i = 0; i < gn && i < fn; i++)
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0,
		    "%s [%s]: stop line %zu differs from gdb's:\n"
		    "  gdb:        %s\n  framescope: %s\n"
		    "--- gdb:\n%s--- framescope:\n%s", name, script, i + 1,
		    gl[i], fl[i], g.out, f.out);
	ck_assert_msg(gn == fn, "%s [%s]: gdb shows %zu stop lines, "
	    "framescope %zu:\n--- gdb:\n%s--- framescope:\n%s%s", name,
	    script, gn, fn, g.out, f.out, f.err);
	util_strv_free(gl, gn);
	util_strv_free(fl, fn);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}

/* -------------------------------------------------------------- samples */

char *
util_sample(const char *name)
{
	char buf[PATH_MAX];

	ck_assert_msg(realpath(sample_path(name), buf) != NULL,
	    "sample %s missing (%s): run make samples", name,
	    sample_path(name));
	return strdup(buf);
}

char *
util_source(const char *file)
{
	char buf[PATH_MAX], *slash, *out;

	ck_assert_msg(realpath(sample_path("."), buf) != NULL,
	    "no samples directory %s", sample_path("."));
	/* $SAMPLES is samples/bin: the sources are one level up.  */
	if ((slash = strrchr(buf, '/')) != NULL && slash != buf)
		*slash = '\0';
	ck_assert_int_ne(asprintf(&out, "%s/%s", buf, file), -1);
	return out;
}

unsigned
util_source_line(const char *file, const char *needle)
{
	char *path = util_source(file), line[4096];
	unsigned n = 0, found = 0;
	FILE *f;

	ck_assert_msg((f = fopen(path, "re")) != NULL, "%s: %s", path,
	    strerror(errno));
	while (found == 0 && fgets(line, sizeof line, f) != NULL) {
		n++;
		if (strstr(line, needle) != NULL)
			found = n;
	}
	fclose(f);
	ck_assert_msg(found != 0, "no \"%s\" in %s", needle, path);
	free(path);
	return found;
}

bool
util_nm(const char *path, const char *name, uint64_t *addr, uint64_t *size)
{
	char cmd[4352], line[8192], f[4][4096];
	FILE *p;
	bool found = false;
	int n;

	snprintf(cmd, sizeof cmd, "nm -S --defined-only '%s' 2>/dev/null",
	    path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (fgets(line, sizeof line, p) != NULL) {
		n = sscanf(line, "%4095s %4095s %4095s %4095s", f[0], f[1],
		    f[2], f[3]);
		if (found)
			continue;
		if (n == 4 && strcmp(f[3], name) == 0) {
			*addr = strtoull(f[0], NULL, 16);
			if (size != NULL)
				*size = strtoull(f[1], NULL, 16);
			found = true;
		} else if (n == 3 && strcmp(f[2], name) == 0) {
			*addr = strtoull(f[0], NULL, 16);
			if (size != NULL)
				*size = 0;
			found = true;
		}
	}
	pclose(p);
	return found;
}

uint64_t
util_elf_entry(const char *path)
{
	char cmd[4352], line[1024], *p;
	uint64_t entry = 0;
	FILE *f;

	snprintf(cmd, sizeof cmd, "readelf -h '%s' 2>/dev/null", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL)
		if ((p = strstr(line, "Entry point address:")) != NULL)
			entry = strtoull(p + 20, NULL, 16);
	pclose(f);
	ck_assert_msg(entry != 0, "readelf gives no entry point for %s",
	    path);
	return entry;
}

uint64_t
util_load_bias(const char *path)
{
	char cmd[4352], line[1024], maps[64], *last;
	uint64_t first_load = UINT64_MAX, bias = UINT64_MAX;
	unsigned long long s, e, o, va, off;
	int status;
	pid_t pid;
	FILE *f;

	snprintf(cmd, sizeof cmd, "readelf -lW '%s' 2>/dev/null", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL)
		if (first_load == UINT64_MAX &&
		    sscanf(line, " LOAD 0x%llx 0x%llx", &off, &va) == 2)
			first_load = va & ~(uint64_t)0xfff;
	pclose(f);
	ck_assert_msg(first_load != UINT64_MAX, "no PT_LOAD in %s", path);
	/* Let the kernel load it as a debugger would, without ASLR, and
	   read where from /proc: it stops at the exec.  */
	fflush(NULL);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		personality(ADDR_NO_RANDOMIZE);
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSTOPPED(status), "%s did not stop at its exec",
	    path);
	snprintf(maps, sizeof maps, "/proc/%d/maps", (int)pid);
	ck_assert_ptr_nonnull(f = fopen(maps, "re"));
	while (bias == UINT64_MAX && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		last = strrchr(line, ' ');
		if (sscanf(line, "%llx-%llx %*s %llx", &s, &e, &o) == 3 &&
		    o == 0 && last != NULL && strcmp(last + 1, path) == 0)
			bias = s - first_load;
	}
	fclose(f);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ck_assert_msg(bias != UINT64_MAX, "no mapping of %s", path);
	return bias;
}

/* ---------------------------------------------------------------- files */

/* Where util_tmpdir makes its directories while a test case runs.  */
static char *tmproot;

void
util_tmp_setup(void)
{
	const char *t = getenv("TMPDIR");

	if (asprintf(&tmproot, "%s/fscheck.XXXXXX", t != NULL && *t != '\0' ?
	    t : "/tmp") < 0)
		tmproot = NULL;
	else if (mkdtemp(tmproot) == NULL) {
		free(tmproot);
		tmproot = NULL;
	}
}

void
util_tmp_teardown(void)
{
	if (tmproot != NULL)
		util_rmtree(tmproot);
	free(tmproot);
	tmproot = NULL;
}

char *
util_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *d;

	if (tmproot != NULL)
		ck_assert_int_ne(asprintf(&d, "%s/t.XXXXXX", tmproot), -1);
	else
		ck_assert_int_ne(asprintf(&d, "%s/fscheck.XXXXXX",
		    t != NULL && *t != '\0' ? t : "/tmp"), -1);
	ck_assert_msg(mkdtemp(d) != NULL, "mkdtemp: %s", strerror(errno));
	return d;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
util_rmtree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *
util_slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	ck_assert_ptr_nonnull(buf = calloc(1, 1));
	while (drain(fd, &buf, &len))
		;
	close(fd);
	return buf;
}

/* ---------------------------------------------------------------- lines */

char **
util_lines(const char *s, size_t *n)
{
	size_t len = strlen(s), count = 0, i;
	char **v, *copy, *p, *nl;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || i + 1 == len)
			count++;
	/* One block: the pointers, then the text they point into.  */
	ck_assert_ptr_nonnull(v = malloc((count + 1) * sizeof *v + len + 1));
	copy = (char *)(v + count + 1);
	memcpy(copy, s, len + 1);
	*n = 0;
	for (p = copy; *p != '\0'; p = nl + 1) {
		v[(*n)++] = p;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
	}
	v[*n] = NULL;
	return v;
}

void
util_lines_free(char **lines)
{
	free(lines);
}

size_t
util_count_lines(const char *s)
{
	size_t n = 0, len = strlen(s), i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || i + 1 == len)
			n++;
	return n;
}

bool
util_has_line(const char *s, const char *line)
{
	size_t len = strlen(line);
	const char *p = s;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == s || p[-1] == '\n') && (p[len] == '\n' ||
		    p[len] == '\0'))
			return true;
		p++;
	}
	return false;
}

bool
util_has_line_prefix(const char *s, const char *prefix)
{
	const char *p = s;

	while ((p = strstr(p, prefix)) != NULL) {
		if (p == s || p[-1] == '\n')
			return true;
		p++;
	}
	return false;
}

/* ----------------------------------------------------------------- JSON */

json_t **
util_load_dump(const char *path, size_t *n)
{
	char *text = util_slurp(path), **lines;
	json_t **d;
	json_error_t je;
	size_t i;

	ck_assert_msg(text != NULL, "no dump file %s", path);
	lines = util_lines(text, n);
	ck_assert_ptr_nonnull(d = calloc(*n + 1, sizeof *d));
	for (i = 0; i < *n; i++) {
		d[i] = json_loads(lines[i], 0, &je);
		ck_assert_msg(d[i] != NULL, "%s line %zu: %s", path, i + 1,
		    je.text);
		ck_assert_msg(json_is_object(d[i]), "%s line %zu: not an "
		    "object", path, i + 1);
	}
	util_lines_free(lines);
	free(text);
	return d;
}

void
util_dump_free(json_t **d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		json_decref(d[i]);
	free(d);
}

bool
util_jhex_opt(const json_t *o, const char *key, uint64_t *v)
{
	json_t *m = json_object_get(o, key);
	const char *s;
	char *end;

	ck_assert_msg(m != NULL, "no \"%s\" member", key);
	if (json_is_null(m))
		return false;
	ck_assert_msg(json_is_string(m), "\"%s\" is not a string", key);
	s = json_string_value(m);
	ck_assert_msg(s[0] == '0' && s[1] == 'x' && s[2] != '\0',
	    "\"%s\": \"%s\" is not 0x...", key, s);
	errno = 0;
	*v = strtoull(s + 2, &end, 16);
	ck_assert_msg(*end == '\0' && errno == 0, "\"%s\": \"%s\" is not hex",
	    key, s);
	return true;
}

uint64_t
util_jhex(const json_t *o, const char *key)
{
	uint64_t v = 0;

	ck_assert_msg(util_jhex_opt(o, key, &v), "\"%s\" is null", key);
	return v;
}

const char *
util_jstr(const json_t *o, const char *key)
{
	json_t *m = json_object_get(o, key);

	ck_assert_msg(m != NULL, "no \"%s\" member", key);
	if (json_is_null(m))
		return NULL;
	ck_assert_msg(json_is_string(m), "\"%s\" is not a string or null",
	    key);
	return json_string_value(m);
}

static int saved_stdout = -1;

void
util_quiet_setup(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	fflush(stdout);
	saved_stdout = dup(STDOUT_FILENO);
	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
}

void
util_quiet_teardown(void)
{
	if (saved_stdout >= 0) {
		fflush(stdout);
		dup2(saved_stdout, STDOUT_FILENO);
		close(saved_stdout);
		saved_stdout = -1;
	}
}

/* --------------------------------------------------- pictures and pages */

const char *
util_chromium(void)
{
	static const char *const names[] = { "chromium-headless-shell",
	    "chromium" };
	static const char *found;
	static char path[PATH_MAX];
	const char *p, *dirs = getenv("PATH");
	size_t i, n;

	if (found != NULL)
		return found;
	for (i = 0; i < 2 && found == NULL; i++)
		for (p = dirs != NULL ? dirs : "/usr/bin"; *p != '\0' &&
		    found == NULL; p += n + (p[n] == ':')) {
			n = strcspn(p, ":");
			snprintf(path, sizeof path, "%.*s/%s", (int)n, p,
			    names[i]);
			if (access(path, X_OK) == 0)
				found = path;
		}
	ck_assert_msg(found != NULL, "no headless Chromium: make deps "
	    "installs chromium-headless-shell");
	return found;
}

void
util_chromium_run(struct util_result *r, const char *dir, const char *url,
    const char *const args[])
{
	static const char *const fixed[] = { "--headless", "--no-sandbox",
	    "--disable-gpu", "--disable-background-networking",
	    "--disable-component-update", "--disable-sync", "--no-first-run",
	    "--disable-default-apps", "--disable-extensions",
	    "--hide-scrollbars", "--no-proxy-server",
	    "--host-resolver-rules=MAP * ~NOTFOUND", NULL };
	struct util_argv a = { 0 };
	size_t i;

	util_argv_push(&a, util_chromium());
	for (i = 0; fixed[i] != NULL; i++)
		util_argv_push(&a, fixed[i]);
	util_argv_pushf(&a, "--user-data-dir=%s/chromium-profile", dir);
	util_argv_pushf(&a, "--crash-dumps-dir=%s/chromium-crashes", dir);
	for (i = 0; args != NULL && args[i] != NULL; i++)
		util_argv_push(&a, args[i]);
	util_argv_push(&a, url);
	util_run(a.v, 60, r);
	util_argv_free(&a);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

bool
util_png_ink(const char *path, unsigned *w, unsigned *h, size_t *ink,
    size_t *dark)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	unsigned char *file = NULL, *z = NULL, *raw = NULL, *row, *prev;
	size_t flen = 0, zlen = 0, pos = 8, i, stride, bpp = 0;
	uLongf rawlen;
	unsigned x, y;
	bool ok = false;
	FILE *f;

	*w = *h = 0;
	*ink = *dark = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return false;
	ck_assert_ptr_nonnull(file = malloc(1 << 20));
	for (size_t cap = 1 << 20, got; (got = fread(file + flen, 1,
	    cap - flen, f)) > 0;) {
		flen += got;
		if (flen == cap)
			ck_assert_ptr_nonnull(file = realloc(file, cap *= 2));
	}
	fclose(f);
	if (flen < 8 || memcmp(file, sig, 8) != 0)
		goto out;
	ck_assert_ptr_nonnull(z = malloc(flen));
	while (pos + 12 <= flen) {
		uint32_t len = be32(file + pos);
		const unsigned char *type = file + pos + 4, *d = file + pos + 8;

		if (len > flen - pos - 12)
			goto out;
		if (memcmp(type, "IHDR", 4) == 0) {
			*w = be32(d);
			*h = be32(d + 4);
			/* 8 bits, RGB or RGBA, no interlace.  */
			if (d[8] != 8 || (d[9] != 2 && d[9] != 6) || d[12] != 0)
				goto out;
			bpp = d[9] == 2 ? 3 : 4;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			memcpy(z + zlen, d, len);
			zlen += len;
		} else if (memcmp(type, "IEND", 4) == 0)
			break;
		pos += 12 + len;
	}
	if (bpp == 0 || *w == 0 || *h == 0)
		goto out;
	stride = (size_t)*w * bpp;
	rawlen = (uLongf)((stride + 1) * *h);
	ck_assert_ptr_nonnull(raw = malloc(rawlen));
	if (uncompress(raw, &rawlen, z, zlen) != Z_OK ||
	    rawlen != (stride + 1) * *h)
		goto out;
	for (y = 0; y < *h; y++) {
		unsigned char ft = raw[y * (stride + 1)];

		row = raw + y * (stride + 1) + 1;
		prev = y > 0 ? row - (stride + 1) : NULL;
		for (i = 0; i < stride; i++) {
			int a = i >= bpp ? row[i - bpp] : 0;
			int b = prev != NULL ? prev[i] : 0;
			int c = prev != NULL && i >= bpp ? prev[i - bpp] : 0;

			switch (ft) {
			case 0: break;
			case 1: row[i] = (unsigned char)(row[i] + a); break;
			case 2: row[i] = (unsigned char)(row[i] + b); break;
			case 3: row[i] = (unsigned char)(row[i] + (a + b) / 2);
				break;
			case 4: row[i] = (unsigned char)(row[i] +
				    paeth(a, b, c)); break;
			default: goto out;
			}
		}
		for (x = 0; x < *w; x++) {
			const unsigned char *px = row + (size_t)x * bpp;

			if (px[0] < 245 || px[1] < 245 || px[2] < 245)
				(*ink)++;
			if (px[0] < 96 && px[1] < 96 && px[2] < 96)
				(*dark)++;
		}
	}
	ok = true;
out:
	free(file);
	free(z);
	free(raw);
	return ok;
}

bool
util_svg_valid(const char *path, char **why)
{
	static const char dtd[] = "/usr/share/xml/w3c-sgml-lib/schema/dtd/"
	    "REC-SVG11-20110816/svg11.dtd";
	const char *argv[] = { "xmllint", "--noout", "--nonet", "--dtdvalid",
	    dtd, path, NULL };
	struct util_result r;
	bool ok;

	ck_assert_msg(access(dtd, R_OK) == 0, "%s: missing (make deps "
	    "installs w3c-sgml-lib)", dtd);
	util_run((char *const *)argv, 30, &r);
	ok = !r.timed_out && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0;
	if (why != NULL)
		ck_assert_ptr_nonnull(*why = strdup(ok ? "" : r.err));
	util_result_free(&r);
	return ok;
}

/* Drop gdb's own lines on libthread_db from L.  */
static size_t
drop_thread_db(char **l, size_t n)
{
	size_t i, j;

	for (i = j = 0; i < n; i++)
		if (strncmp(l[i], "[Thread debugging", 17) != 0 &&
		    strncmp(l[i], "Using host libthread_db", 23) != 0)
			l[j++] = l[i];
	l[j] = NULL;
	return j;
}

static void
same_lines(const char *sample, const char *what, const char *g,
    const char *f)
{
	char **gl, **fl;
	size_t gn = 0, fn = 0, i;

	gl = util_lines(g, &gn);
	fl = util_lines(f, &fn);
	gn = drop_thread_db(gl, gn);
	for (i = 0; i < gn && i < fn; i++)
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "%s %s line %zu:\n"
		    "  gdb:        %s\n  framescope: %s", sample, what, i + 1,
		    gl[i], fl[i]);
	ck_assert_msg(gn == fn, "%s %s: gdb %zu lines, framescope %zu",
	    sample, what, gn, fn);
	util_lines_free(gl);
	util_lines_free(fl);
}

void
util_same_streams_as_gdb(const char *sample, const char *const cmds[])
{
	char *prog = util_sample(sample);

	util_same_streams_as_gdb_at(sample, prog, cmds);
	free(prog);
}

void
util_same_streams_as_gdb_at(const char *name, const char *prog,
    const char *const cmds[])
{
	struct util_result g, f;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	same_lines(name, "output", g.out, f.out);
	same_lines(name, "errors", g.err, f.err);
	util_result_free(&g);
	util_result_free(&f);
}
