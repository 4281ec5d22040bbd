/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd: gdb's command language over an fs_session (see include/cmd.h).
 * Commands are a table; a command may be called by its name, an alias, or
 * any prefix that names it alone, as in gdb ("cont", "fin", "disp").
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fs_sbuf.h"
#include "fs_skip.h"
#include "fs_insn.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"

struct cmd_entry {
	const char	*name;
	const char	*aliases[4];
	int		(*fn)(struct cmd_ctx *, char *);
	const char	*help;
};

static int
fail(struct cmd_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool is_main(const struct fs_frame *);
static bool is_linespec(const char *);
static size_t visible_frames(struct cmd_ctx *, const struct fs_frame *,
    size_t);
static void do_displays(struct cmd_ctx *);
static struct fs_vars_hist *history(struct cmd_ctx *);
static int display_subcommand(struct cmd_ctx *, char *, int);

static int
fail(struct cmd_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
	fflush(c->err);
	return -1;
}

static int
fail_err(struct cmd_ctx *c, const struct fs_err *e)
{
	return fail(c, "%s", e->msg[0] ? e->msg : fs_strerror(e->code));
}

/* Skip blanks; returns the rest.  */
static char *
skip(char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* Cut the next word off *P.  */
static char *
word(char **p)
{
	char *w = skip(*p), *end;

	if (*w == '\0')
		return NULL;
	end = w;
	while (*end != '\0' && !isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		*end++ = '\0';
	*p = end;
	return w;
}

/* An optional count argument (default DEF).  */
static int
count_arg(struct cmd_ctx *c, char *arg, unsigned long def, unsigned long *n)
{
	char *end;

	arg = skip(arg);
	if (*arg == '\0') {
		*n = def;
		return 0;
	}
	errno = 0;
	*n = strtoul(arg, &end, 0);
	if (errno != 0 || *skip(end) != '\0' || arg[0] == '-')
		return fail(c, "Invalid number \"%s\".", arg);
	return 0;
}

/* ------------------------------------------------------------- reporting */

static int anatomy(struct cmd_ctx *, struct fs_err *);

static void
stop_cb(struct fs_session *s, void *arg)
{
	struct cmd_ctx *c = arg;
	struct fs_err e;

	char *line;

	c->frame = 0;
	if (c->dump != NULL) {
		/* Flushed when the command ends, not at every stop of a
		   `stepi 100000`: a write(2) per stop would cost more than
		   the stop.  */
		/* Every stop in full: frames, variables and slots.  */
		if (anatomy(c, &e) < 0 ||
		    fs_snapshot_string_slots(s, c->anat, &line, &e) < 0)
			fprintf(c->err, "%s\n", e.msg);
		else {
			fputs(line, c->dump);
			fputc('\n', c->dump);
			free(line);
		}
		c->dumped++;
	}
	if (c->on_stop != NULL)
		c->on_stop(c, c->on_stop_arg);
}

/* gdb's words for a signal that passes by without stopping.  */
static void
signal_cb(struct fs_session *s, int sig, void *arg)
{
	struct cmd_ctx *c = arg;

	(void)s;
	fprintf(c->out, "\nProgram received signal %s, %s.\n",
	    fs_signame(sig), fs_sigdesc(sig));
}

/* A breakpoint's condition, at its hit: an error stops, as in gdb.  */
static int
cond_cb(struct fs_session *s, const struct fs_breakpoint *bp, void *arg)
{
	struct cmd_ctx *c = arg;
	struct fs_err e;
	bool yes;

	if (fs_vars_truth(s, 0, bp->cond, &yes, &e) < 0) {
		fflush(c->out);
		fprintf(c->err, "Error in testing breakpoint condition:\n%s\n",
		    e.msg);
		return 1;
	}
	return yes;
}

/* gdb's lines for a thread the program makes or ends.  */
static void
thread_cb(struct fs_session *s, pid_t tid, uint64_t fs_base, bool exited,
    void *arg)
{
	struct cmd_ctx *c = arg;

	(void)s;
	if (exited)
		fprintf(c->out, "[Thread 0x%" PRIx64 " (LWP %d) exited]\n",
		    fs_base, (int)tid);
	else
		fprintf(c->out, "[New Thread 0x%" PRIx64 " (LWP %d)]\n",
		    fs_base, (int)tid);
}

int
cmd_init(struct cmd_ctx *c, struct fs_session *s, FILE *out, FILE *err)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->out = out;
	c->err = err;
	if ((c->src = fs_source_new()) == NULL)
		return -1;
	fs_session_on_stop(s, stop_cb, c);
	fs_session_on_signal(s, signal_cb, c);
	fs_session_on_thread(s, thread_cb, c);
	fs_session_on_condition(s, cond_cb, c);
	return 0;
}

void
cmd_fini(struct cmd_ctx *c)
{
	if (c->dump != NULL)
		fclose(c->dump);
	c->dump = NULL;
	fs_source_free(c->src);
	c->src = NULL;
	fs_anatomy_free(c->anat);
	c->anat = NULL;
	if (c->prov != NULL)
		fs_vars_provider_clear(c->prov);
	free(c->prov);
	c->prov = NULL;
	fs_vars_hist_free(c->hist);
	c->hist = NULL;
	while (c->ndisplays > 0)
		free(c->displays[--c->ndisplays].expr);
	free(c->displays);
	c->displays = NULL;
}

int
cmd_set_dump(struct cmd_ctx *c, const char *path)
{
	FILE *f;

	if ((f = fopen(path, "we")) == NULL)
		return fail(c, "%s: %s", path, strerror(errno));
	if (c->dump != NULL)
		fclose(c->dump);
	c->dump = f;
	return 0;
}

static const char *
module_name(const struct fs_frame *f)
{
	return f->where.mod != NULL ? f->where.mod->path : NULL;
}

/* Print the source line of frame F if we have the file.  */
static void
print_source(struct cmd_ctx *c, const struct fs_frame *f)
{
	const char *text, *path;
	size_t len;

	if (f->where.file == NULL)
		return;
	path = f->where.fullpath ? f->where.fullpath : f->where.file;
	text = fs_source_line(c->src, path, f->where.line, &len);
	if (text != NULL)
		fprintf(c->out, "%u\t%.*s\n", f->where.line, (int)len, text);
	else if (strcmp(c->last_src, path) != 0 || !c->last_src_err) {
		fflush(c->out);
		fprintf(c->err, "%u\t%s: No such file or directory.\n",
		    f->where.line, f->where.file);
	} else
		fprintf(c->out, "%u\tin %s\n", f->where.line, f->where.file);
	snprintf(c->last_src, sizeof c->last_src, "%s", path);
	c->last_src_err = text == NULL;
	/* The next `list' centers on the line shown.  */
	snprintf(c->list_path, sizeof c->list_path, "%s", path);
	snprintf(c->list_name, sizeof c->list_name, "%s", f->where.file);
	c->list_line = f->where.line;
	c->list_first = c->list_last = 0;
}

/* Whether frame F's pc is the first address of its line, a statement
   (gdb then does not show the address).  */
static bool
at_line_start(const struct fs_frame *f)
{
	struct fs_lineinfo li;
	struct fs_dwarf *dw;

	if (f->phys != 0 || f->call_site || f->where.mod == NULL ||
	    f->where.file == NULL)
		return false;
	if ((dw = fs_module_dwarf(f->where.mod)) == NULL ||
	    fs_dwarf_gdb_line(dw, f->pc - f->where.mod->bias, &li) < 0)
		return false;
	return li.lo + f->where.mod->bias == f->pc && li.is_stmt;
}

/* The "func () at file:line" / "0x... in func () from lib" part, put
   together in B: a backtrace writes thousands of these, and printf's
   engine was most of its time.  */
static void
location_line(struct cmd_ctx *c, struct fs_sbuf *b, const struct fs_frame *f,
    bool show_addr)
{
	const char *mod;
	char *args;

	if (f->sigtramp) {
		fs_sbuf_puts(b, "<signal handler called>\n");
		return;
	}
	if (show_addr) {
		fs_sbuf_hex(b, f->pc, 16);
		fs_sbuf_add(b, " in ", 4);
	}
	if (fs_vars_args_line(c->s, f->index, &args, NULL) < 0)
		args = NULL;
	fs_sbuf_puts(b, f->where.func ? f->where.func : "??");
	fs_sbuf_add(b, " (", 2);
	if (args != NULL)
		fs_sbuf_puts(b, args);
	fs_sbuf_add(b, ")", 1);
	free(args);
	if (f->where.file != NULL) {
		fs_sbuf_add(b, " at ", 4);
		fs_sbuf_puts(b, f->where.file);
		fs_sbuf_add(b, ":", 1);
		fs_sbuf_uint(b, f->where.line);
	} else if ((mod = module_name(f)) != NULL &&
	    !f->where.mod->is_exec) {
		fs_sbuf_add(b, " from ", 6);
		fs_sbuf_puts(b, mod);
	}
	fs_sbuf_add(b, "\n", 1);
}

static void
sbuf_write(struct cmd_ctx *c, struct fs_sbuf *b)
{
	if (b->s != NULL)
		fwrite(b->s, 1, b->len, c->out);
	if (b->oom)
		fprintf(c->out, "(out of memory)\n");
	free(b->s);
}

static void
print_location(struct cmd_ctx *c, const struct fs_frame *f, bool show_addr)
{
	struct fs_sbuf b = { NULL, 0, 0, false };

	location_line(c, &b, f, show_addr);
	sbuf_write(c, &b);
}

void
cmd_print_frame(struct cmd_ctx *c, unsigned i, bool with_src)
{
	struct fs_sbuf b = { NULL, 0, 0, false };
	const struct fs_frame *f;
	size_t n, w;

	if (fs_session_frames_head(c->s, i + 1, &f, &n, NULL) < 0 || i >= n)
		return;
	/* "#%-2u " */
	fs_sbuf_add(&b, "#", 1);
	w = b.len;
	fs_sbuf_uint(&b, i);
	fs_sbuf_add(&b, "  ", b.len - w < 2 ? 3 - (b.len - w) : 1);
	/* A frame at the call of an inlined function shows no address.  */
	location_line(c, &b, &f[i], !f[i].sigtramp && !f[i].call_site &&
	    (f[i].phys != 0 || !at_line_start(&f[i])));
	sbuf_write(c, &b);
	if (with_src && !f[i].sigtramp)
		print_source(c, &f[i]);
}

/* The name of thread TID, from /proc, for gdb's thread messages.  */
static void
thread_name(pid_t pid, pid_t tid, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof path, "/proc/%d/task/%d/comm", (int)pid,
	    (int)tid);
	if ((f = fopen(path, "re")) == NULL)
		return;
	if (fgets(buf, (int)len, f) != NULL)
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/* gdb's name of a thread: "Thread 0x7ffff7d8a740 (LWP 1234)", where the
   number is its pthread_t, which glibc makes the thread's %fs base; "LWP
   1234" before the thread has one.  */
static const char *
thread_id(struct cmd_ctx *c, pid_t tid, char *buf, size_t len)
{
	struct user_regs_struct r;

	if (fs_session_thread_regs(c->s, tid, &r, NULL) == 0 &&
	    r.fs_base != 0)
		snprintf(buf, len, "Thread 0x%llx (LWP %d)",
		    (unsigned long long)r.fs_base, (int)tid);
	else
		snprintf(buf, len, "LWP %d", (int)tid);
	return buf;
}

/* "Thread 2 "name" " before "hit Breakpoint" once the process has had
   several threads, as gdb says it; else "".  */
static void
thread_prefix(struct cmd_ctx *c, pid_t tid, bool hit)
{
	char name[64];

	if (fs_session_thread_max(c->s) <= 1) {
		fputs(hit ? "" : "Program", c->out);
		return;
	}
	thread_name(fs_session_pid(c->s), tid, name, sizeof name);
	fprintf(c->out, "Thread %d \"%s\"%s", fs_session_thread_num(c->s, tid),
	    name, hit ? " hit " : "");
}

static void
remember_location(struct cmd_ctx *c, const struct fs_frame *f)
{
	snprintf(c->last_func, sizeof c->last_func, "%s",
	    f->where.func ? f->where.func : "");
	c->last_cfa = f->cfa;
}

/* The event of catchpoint NUMBER, NULL when it is a breakpoint.  */
static const char *
catch_what(struct cmd_ctx *c, int number)
{
	const struct fs_breakpoint *bp;
	size_t i, n;

	bp = fs_session_breakpoints(c->s, &n);
	for (i = 0; i < n; i++)
		if (bp[i].number == number)
			return bp[i].catchpoint;
	return NULL;
}

/* gdb's name of a watchpoint of KIND in its messages.  */
static const char *
watch_title(enum fs_bp_kind kind)
{
	switch (kind) {
	case FS_BP_RWATCH:
		return "Hardware read watchpoint";
	case FS_BP_AWATCH:
		return "Hardware access (read/write) watchpoint";
	default:
		return "Hardware watchpoint";
	}
}

/* The watched value of watchpoint BP as the LEN bytes at P make it, its
   expression taken in the frame it belongs to (frame 0 for a global).
   *OUT malloc'd, or NULL.  */
static char *
watch_text(struct cmd_ctx *c, const struct fs_breakpoint *bp,
    const uint8_t *p)
{
	struct fs_vars_lvalue lv;
	const struct fs_frame *f;
	size_t n, i;
	unsigned fi = 0;

	if (bp->wcfa != 0 && fs_session_frames(c->s, &f, &n, NULL) == 0)
		for (i = 0; i < n; i++)
			if (f[i].cfa == bp->wcfa && !f[i].inlined) {
				fi = (unsigned)i;
				break;
			}
	if (fs_vars_lvalue(c->s, fi, bp->spec, p, &lv, NULL) < 0)
		return NULL;
	if (lv.len != bp->wlen) {
		free(lv.text);
		return NULL;
	}
	return lv.text;
}

/* gdb's report of a watchpoint that fired.  */
static void
print_watch_hit(struct cmd_ctx *c, const struct fs_stop *st)
{
	const struct fs_breakpoint *bp = NULL, *all;
	char *old = NULL, *now;
	size_t i, n;

	all = fs_session_breakpoints(c->s, &n);
	for (i = 0; i < n; i++)
		if (all[i].number == st->bpnum)
			bp = &all[i];
	if (bp == NULL)
		return;
	fputc('\n', c->out);
	thread_prefix(c, st->tid, true);
	fprintf(c->out, "%s %d: %s\n\n", watch_title(bp->kind), bp->number,
	    bp->spec);
	now = watch_text(c, bp, st->wnew);
	if (st->wold != NULL) {
		old = watch_text(c, bp, st->wold);
		fprintf(c->out, "Old value = %s\nNew value = %s\n",
		    old ? old : "<unreadable>", now ? now : "<unreadable>");
	} else
		fprintf(c->out, "Value = %s\n", now ? now : "<unreadable>");
	free(old);
	free(now);
}

void
cmd_print_stop(struct cmd_ctx *c, bool always_header)
{
	const struct fs_stop *st = fs_session_stop(c->s);
	const char *what;
	const struct fs_frame *f;
	bool header = always_header, addr;
	size_t n;

	if (st->reason != FS_STOP_NONE && st->reason != FS_STOP_EXITED) {
		char id[96];

		/* The thread before the first stop is the main one, as
		   gdb has it after run or attach.  */
		if (st->tid != (c->last_tid != 0 ? c->last_tid : st->pid))
			fprintf(c->out, "[Switching to %s]\n",
			    thread_id(c, st->tid, id, sizeof id));
		c->last_tid = st->tid;
	} else
		c->last_tid = 0;
	switch (st->reason) {
	case FS_STOP_NONE:
		return;
	case FS_STOP_EXITED:
		if (st->sig != 0)
			fprintf(c->out, "\nProgram terminated with signal %s, "
			    "%s.\nThe program no longer exists.\n",
			    fs_signame(st->sig), fs_sigdesc(st->sig));
		else if (st->exit_status == 0)
			fprintf(c->out, "[Inferior 1 (process %d) exited "
			    "normally]\n", (int)st->pid);
		else
			fprintf(c->out, "[Inferior 1 (process %d) exited with "
			    "code 0%o]\n", (int)st->pid, st->exit_status);
		c->last_func[0] = '\0';
		return;
	case FS_STOP_BREAKPOINT:
		fputc('\n', c->out);
		thread_prefix(c, st->tid, true);
		if ((what = catch_what(c, st->bpnum)) != NULL) {
			/* gdb: "Catchpoint 1 (exception thrown), ..." */
			fprintf(c->out, "Catchpoint %d (%s), ", st->bpnum, what);
			header = true;
			break;
		}
		fprintf(c->out, "%s %d", st->bptemp ? "Temporary breakpoint" :
		    "Breakpoint", st->bpnum);
		if (st->bploc > 0)
			fprintf(c->out, ".%d", st->bploc);
		fprintf(c->out, ", ");
		header = true;
		break;
	case FS_STOP_SIGNAL:
		fputc('\n', c->out);
		thread_prefix(c, st->tid, false);
		fprintf(c->out, " received signal %s, %s.\n",
		    fs_signame(st->sig), fs_sigdesc(st->sig));
		header = true;
		break;
	case FS_STOP_INTERRUPT:
		fprintf(c->out, "\nProgram stopped.\n");
		header = true;
		break;
	case FS_STOP_WATCHPOINT:
		print_watch_hit(c, st);
		header = true;
		break;
	case FS_STOP_WATCH_SCOPE:
		fprintf(c->out, "\nWatchpoint %d deleted because the program "
		    "has left the block in\nwhich its expression is valid.\n",
		    st->bpnum);
		header = true;
		break;
	case FS_STOP_ENTRY:
	case FS_STOP_ATTACHED:
		header = true;
		break;
	default:
		break;
	}
	if (fs_session_frames_head(c->s, 1, &f, &n, NULL) < 0 || n == 0)
		return;
	if (f[0].where.func == NULL || strcmp(f[0].where.func,
	    c->last_func) != 0 || f[0].cfa != c->last_cfa)
		header = true;
	addr = !f[0].call_site && !at_line_start(&f[0]);
	if (header || f[0].where.file == NULL)
		print_location(c, &f[0], addr);
	else if (addr)
		fprintf(c->out, "0x%016" PRIx64 "\t", f[0].pc);
	print_source(c, &f[0]);
	remember_location(c, &f[0]);
	do_displays(c);
}

/* gdb's <func+off>, and <func> at the function's first byte.  Returns a
   static buffer.  */
static const char *
sym_offset(const char *func, uint64_t off)
{
	static char buf[512];

	if (off == 0)
		snprintf(buf, sizeof buf, "<%s>", func);
	else
		snprintf(buf, sizeof buf, "<%s+%" PRIu64 ">", func, off);
	return buf;
}

/* ------------------------------------------------------------ breakpoints */

static void
describe_addr(struct cmd_ctx *c, uint64_t addr, char *buf, size_t len)
{
	struct fs_where w;

	fs_modules_where(fs_session_modules(c->s), addr, addr, &w);
	if (w.file != NULL)
		snprintf(buf, len, "file %s, line %u.", w.file, w.line);
	else
		buf[0] = '\0';
}

/* "LOCATION if CONDITION": cut ARG at the keyword, return the
   condition (NULL: none, "" when nothing follows `if').  */
static char *
split_condition(char *arg)
{
	char *p;

	for (p = arg; (p = strstr(p, "if")) != NULL; p += 2) {
		if ((p == arg || p[-1] == ' ' || p[-1] == '\t') &&
		    (p[2] == '\0' || p[2] == ' ' || p[2] == '\t' ||
		    p[2] == '(')) {
			char *q = p;

			*p = '\0';
			while (q > arg && (q[-1] == ' ' || q[-1] == '\t'))
				*--q = '\0';
			p += 2;
			while (*p == ' ' || *p == '\t')
				p++;
			return p;
		}
	}
	return NULL;
}

static int
do_break(struct cmd_ctx *c, char *arg, bool temporary)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	char where[1100];
	size_t i;

	const struct fs_frame *f;
	char here[32], *cond;
	size_t n;
	int r;

	arg = skip(arg);
	if ((cond = split_condition(arg)) != NULL && *cond == '\0')
		return fail(c, "Argument required (boolean expression).");
	if (*arg == '\0' && fs_session_alive(c->s) &&
	    fs_session_frames_head(c->s, 0, &f, &n, NULL) == 0 &&
	    c->frame < n) {
		/* gdb: no location means the selected frame's pc.  */
		snprintf(here, sizeof here, "*0x%" PRIx64, f[c->frame].pc);
		arg = here;
	}
	fs_session_set_pending(c->s, c->bp_pending > 0 ||
	    (c->bp_pending == 0 && !c->batch));
	if ((r = fs_session_break(c->s, *arg ? arg : NULL, temporary, &bp,
	    &e)) < 0) {
		/* What gdb could make pending: in batch mode it asks, and
		   takes no for an answer.  */
		if (r == -FS_E_NOENT && c->bp_pending == 0 && c->batch &&
		    (strncmp(e.msg, "Function ", 9) == 0 ||
		    strncmp(e.msg, "No source file", 14) == 0 ||
		    strncmp(e.msg, "No line ", 8) == 0)) {
			fflush(c->out);
			fprintf(c->err, "%s\n", e.msg);
			fprintf(c->out, "Make breakpoint pending on future "
			    "shared library load? (y or [n]) [answered N; "
			    "input not from terminal]\n");
			return 0;
		}
		return fail_err(c, &e);
	}
	if (cond != NULL && fs_session_condition(c->s, bp->number, cond,
	    &e) < 0)
		return fail_err(c, &e);
	if (bp->pending) {
		fflush(c->out);
		fprintf(c->err, "Function \"%s\" not defined.\n", bp->spec);
		fprintf(c->out, "%s %d (%s) pending.\n", temporary ?
		    "Temporary breakpoint" : "Breakpoint", bp->number,
		    bp->spec);
		return 0;
	}
	if (bp->naddrs > 1) {
		/* gdb: "Breakpoint 1 at 0x1139: file.c:10. (2 locations)" */
		fprintf(c->out, "%s %d at 0x%" PRIx64 ": ", temporary ?
		    "Temporary breakpoint" : "Breakpoint", bp->number,
		    bp->addrs[0]);
		if (bp->file != NULL && is_linespec(bp->spec))
			fprintf(c->out, "%s:%u. ", bp->file, bp->line);
		else
			fprintf(c->out, "%s. ", bp->spec);
		fprintf(c->out, "(%zu locations)\n", bp->naddrs);
		return 0;
	}
	for (i = 0; i < bp->naddrs; i++) {
		if (bp->file != NULL)
			snprintf(where, sizeof where, "file %s, line %u.",
			    bp->file, bp->line);
		else
			describe_addr(c, bp->addrs[i], where, sizeof where);
		fprintf(c->out, "%s %d at 0x%" PRIx64 "%s%s\n", temporary ?
		    "Temporary breakpoint" : "Breakpoint", bp->number,
		    bp->addrs[i], where[0] ? ": " : "", where);
	}
	return 0;
}

/* A breakpoint number as the first word of *ARG.  */
static int
bp_number(struct cmd_ctx *c, char **arg, int *num)
{
	char *w = word(arg), *end;
	long v;

	if (w == NULL)
		return fail(c, "Argument required (breakpoint number).");
	v = strtol(w, &end, 10);
	if (*end != '\0' || v <= 0 || v > INT_MAX)
		return fail(c, "Bad breakpoint argument: '%s'", w);
	*num = (int)v;
	return 0;
}

/* condition N [EXPR] */
static int
c_condition(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	int num;

	if (bp_number(c, &arg, &num) < 0)
		return -1;
	arg = skip(arg);
	if (fs_session_condition(c->s, num, arg, &e) < 0)
		return fail_err(c, &e);
	/* gdb says so at a prompt only.  */
	if (*arg == '\0' && !c->batch)
		fprintf(c->out, "Breakpoint %d now unconditional.\n", num);
	return 0;
}

/* ignore N COUNT */
static int
c_ignore(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *w, *end;
	unsigned long count;
	int num;

	if (bp_number(c, &arg, &num) < 0)
		return -1;
	if ((w = word(&arg)) == NULL)
		return fail(c, "Second argument (specified ignore-count) is "
		    "missing.");
	count = strtoul(w, &end, 10);
	if (*end != '\0' || *w == '-')
		return fail(c, "Invalid number \"%s\".", w);
	if (fs_session_ignore(c->s, num, count, &e) < 0)
		return fail_err(c, &e);
	if (c->batch)
		return 0;
	if (count == 0)
		fprintf(c->out, "Will stop next time breakpoint %d is "
		    "reached.\n", num);
	else if (count == 1)
		fprintf(c->out, "Will ignore next crossing of breakpoint "
		    "%d.\n", num);
	else
		fprintf(c->out, "Will ignore next %lu crossings of breakpoint "
		    "%d.\n", count, num);
	return 0;
}

static int
c_break(struct cmd_ctx *c, char *arg)
{
	return do_break(c, arg, false);
}

static int
c_tbreak(struct cmd_ctx *c, char *arg)
{
	return do_break(c, arg, true);
}

/* catch panic: a Rust panic stops where it starts unwinding, as
   `break rust_panic' does in gdb; shown as gdb shows a catchpoint
   ("Catchpoint 1 (throw)").  */
static int
c_catch(struct cmd_ctx *c, char *arg)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	char *w = word(&arg);

	if (w == NULL || strcmp(w, "panic") != 0)
		return fail(c, "catch panic -- the only catchpoint known");
	if (fs_session_catch(c->s, "rust_panic", "panic", &bp, &e) < 0)
		return fail_err(c, &e);
	fprintf(c->out, "Catchpoint %d (panic)%s\n", bp->number,
	    bp->pending ? " pending." : "");
	return 0;
}

/* watch, rwatch, awatch EXPR [if COND]: a hardware watchpoint on the
   object EXPR names in the selected frame.  */
static int
do_watch(struct cmd_ctx *c, char *arg, enum fs_bp_kind kind)
{
	const struct fs_breakpoint *bp;
	struct fs_vars_lvalue lv;
	struct fs_err e;
	char *cond;
	int r;

	arg = skip(arg);
	if ((cond = split_condition(arg)) != NULL && *cond == '\0')
		return fail(c, "Argument required (boolean expression).");
	if (*arg == '\0')
		return fail(c, "Argument required (expression to compute).");
	if (fs_vars_lvalue(c->s, c->frame, arg, NULL, &lv, &e) < 0)
		return fail_err(c, &e);
	free(lv.text);
	r = fs_session_watch(c->s, kind, arg, lv.addr, lv.len,
	    lv.local ? (int)c->frame : -1, &bp, &e);
	if (r < 0)
		return fail_err(c, &e);
	if (cond != NULL && fs_session_condition(c->s, bp->number, cond,
	    &e) < 0)
		return fail_err(c, &e);
	fprintf(c->out, "%s %d: %s\n", watch_title(kind), bp->number,
	    bp->spec);
	return 0;
}

static int
c_watch(struct cmd_ctx *c, char *arg)
{
	return do_watch(c, arg, FS_BP_WATCH);
}

static int
c_rwatch(struct cmd_ctx *c, char *arg)
{
	return do_watch(c, arg, FS_BP_RWATCH);
}

static int
c_awatch(struct cmd_ctx *c, char *arg)
{
	return do_watch(c, arg, FS_BP_AWATCH);
}

static int
c_skip(struct cmd_ctx *c, char *arg)
{
	struct fs_skips *l = fs_session_skips(c->s);
	const struct fs_frame *f;
	struct fs_where w;
	struct fs_err e;
	char *sub, *end;
	long n;
	size_t nf;
	int r = 0;

	arg = skip(arg);
	sub = word(&arg);
	arg = skip(arg);
	if (sub != NULL && strcmp(sub, "delete") == 0) {
		if (*arg == '\0')
			return fs_skip_delete(l, 0, &e) < 0 ? fail_err(c, &e) :
			    0;
		while ((sub = word(&arg)) != NULL) {
			n = strtol(sub, &end, 10);
			if (*end != '\0' || n <= 0)
				r = fail(c, "Arguments must be skip numbers.");
			else if (fs_skip_delete(l, (int)n, &e) < 0)
				r = fail_err(c, &e);
		}
		return r;
	}
	if (sub != NULL && (strcmp(sub, "file") == 0 || strcmp(sub, "-fi") ==
	    0 || strcmp(sub, "-file") == 0)) {
		if (*arg == '\0') {
			if (fs_session_frames_head(c->s, 0, &f, &nf, NULL) < 0 ||
			    c->frame >= nf)
				return fail(c, "No default file now.");
			fs_modules_where(fs_session_modules(c->s),
			    f[c->frame].pc, f[c->frame].pc, &w);
			if (w.file == NULL)
				return fail(c, "No default file now.");
			arg = (char *)(uintptr_t)w.file;
		}
		if (fs_skip_add(l, FS_SKIP_FILE, arg, NULL, &e) < 0)
			return fail_err(c, &e);
		fprintf(c->out, "File %s will be skipped when stepping.\n",
		    arg);
		return 0;
	}
	if (sub != NULL && (strcmp(sub, "function") == 0 ||
	    strcmp(sub, "-fu") == 0 || strcmp(sub, "-function") == 0))
		sub = NULL;
	else if (sub != NULL) {
		/* skip NAME: a function.  */
		arg = sub;
		sub = NULL;
	}
	if (*arg == '\0') {
		if (fs_session_frames_head(c->s, 0, &f, &nf, NULL) < 0 ||
		    c->frame >= nf)
			return fail(c, "No default function now.");
		fs_modules_where(fs_session_modules(c->s), f[c->frame].pc,
		    f[c->frame].pc, &w);
		if (w.func == NULL)
			return fail(c, "No function found containing current "
			    "program point %#" PRIx64 ".", f[c->frame].pc);
		arg = (char *)(uintptr_t)w.func;
	}
	if (fs_skip_add(l, FS_SKIP_FUNCTION, arg, NULL, &e) < 0)
		return fail_err(c, &e);
	fprintf(c->out, "Function %s will be skipped when stepping.\n", arg);
	return 0;
}

static int
info_skip(struct cmd_ctx *c, char *arg)
{
	const struct fs_skips *l = fs_session_skips(c->s);
	size_t i;

	(void)arg;
	if (l->n == 0) {
		fprintf(c->out, "Not skipping any files or functions.\n");
		return 0;
	}
	fprintf(c->out, "Num   Enb Glob File                 RE Function\n");
	for (i = 0; i < l->n; i++)
		fprintf(c->out, "%-5d %-3s %4s %-20s %2s %s\n", l->v[i].num,
		    l->v[i].enabled ? "y" : "n", "n",
		    l->v[i].kind == FS_SKIP_FILE ? l->v[i].pattern : "<none>",
		    "n", l->v[i].kind == FS_SKIP_FUNCTION ? l->v[i].pattern :
		    "<none>");
	return 0;
}

static int
c_delete(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *w, *end;
	long n;
	int r = 0;

	if ((r = display_subcommand(c, arg, 0)) != -2)
		return r;
	r = 0;
	arg = skip(arg);
	if (strncmp(arg, "breakpoints", 11) == 0)
		arg = skip(arg + 11);
	if (*arg == '\0')
		return fs_session_delete(c->s, 0, NULL);
	while ((w = word(&arg)) != NULL) {
		n = strtol(w, &end, 10);
		if (*end != '\0' || n <= 0) {
			r = fail(c, "Convenience variable must have integer "
			    "value.\nArgs must be numbers or '$' variables.");
			continue;
		}
		if (fs_session_delete(c->s, (int)n, &e) < 0)
			r = fail_err(c, &e);
	}
	return r;
}

static int
enable_disable(struct cmd_ctx *c, char *arg, bool on)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	size_t i, n;
	char *w, *end;
	long num;
	int r = 0;

	if ((r = display_subcommand(c, arg, on ? 1 : 2)) != -2)
		return r;
	r = 0;
	arg = skip(arg);
	if (*arg == '\0') {
		bp = fs_session_breakpoints(c->s, &n);
		for (i = 0; i < n; i++)
			fs_session_enable(c->s, bp[i].number, on, NULL);
		return 0;
	}
	while ((w = word(&arg)) != NULL) {
		num = strtol(w, &end, 10);
		if (*end != '\0' || num <= 0)
			r = fail(c, "Bad breakpoint number '%s'", w);
		else if (fs_session_enable(c->s, (int)num, on, &e) < 0)
			r = fail_err(c, &e);
	}
	return r;
}

static int
c_enable(struct cmd_ctx *c, char *arg)
{
	return enable_disable(c, arg, true);
}

static int
c_disable(struct cmd_ctx *c, char *arg)
{
	return enable_disable(c, arg, false);
}

/* Whether SPEC is FILE:LINE (what the session made of a bare LINE too). */
static bool
is_linespec(const char *spec)
{
	const char *colon = strrchr(spec, ':');

	return spec[0] != '*' && colon != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1);
}


/* The lines gdb's `info breakpoints' adds under a breakpoint.  */
static void
bp_notes(struct cmd_ctx *c, const struct fs_breakpoint *bp)
{
	if (bp->cond != NULL)
		fprintf(c->out, "\tstop only if %s\n", bp->cond);
	if (bp->hits > 0)
		fprintf(c->out, "\tbreakpoint already hit %lu time%s\n",
		    bp->hits, bp->hits == 1 ? "" : "s");
	if (bp->ignore > 0)
		fprintf(c->out, "\tignore next %lu hits\n", bp->ignore);
}

/* gdb's type column of a breakpoint.  */
static const char *
bp_type(const struct fs_breakpoint *bp)
{
	switch (bp->kind) {
	case FS_BP_WATCH:
		return "hw watchpoint";
	case FS_BP_RWATCH:
		return "read watchpoint";
	case FS_BP_AWATCH:
		return "acc watchpoint";
	default:
		return bp->catchpoint != NULL ? "catchpoint" : "breakpoint";
	}
}

/* The table of `info breakpoints' (WATCH_ONLY: `info watchpoints'):
   gdb widens the type column to its longest name, and the address
   column is narrow when no row has an address a process gives.  */
static int
bp_table(struct cmd_ctx *c, bool watch_only)
{
	const struct fs_breakpoint *bp;
	struct fs_where w;
	size_t i, j, n, shown = 0;
	int tw = 14, aw = 10;

	bp = fs_session_breakpoints(c->s, &n);
	for (i = 0; i < n; i++) {
		if (watch_only && bp[i].kind == FS_BP_BREAKPOINT)
			continue;
		shown++;
		if ((int)strlen(bp_type(&bp[i])) > tw)
			tw = (int)strlen(bp_type(&bp[i]));
		if (bp[i].kind == FS_BP_BREAKPOINT || fs_session_alive(c->s))
			aw = 18;
	}
	if (shown == 0) {
		fprintf(c->out, watch_only ? "No watchpoints.\n" :
		    "No breakpoints or watchpoints.\n");
		return 0;
	}
	fprintf(c->out, "%-7s %-*s %-4s %-3s %-*s %s\n", "Num", tw, "Type",
	    "Disp", "Enb", aw, "Address", "What");
	for (i = 0; i < n; i++) {
		if (watch_only && bp[i].kind == FS_BP_BREAKPOINT)
			continue;
		if (bp[i].kind != FS_BP_BREAKPOINT) {
			fprintf(c->out, "%-7d %-*s %-4s %-3s %-*s %s\n",
			    bp[i].number, tw, bp_type(&bp[i]), "keep",
			    bp[i].enabled ? "y" : "n", aw, "", bp[i].spec);
			bp_notes(c, &bp[i]);
			continue;
		}
		if (bp[i].catchpoint != NULL) {
			/* gdb's row of a catchpoint: no address.  */
			fprintf(c->out, "%-7d %-*s %-4s %-3s %-18s "
			    "%s\n", bp[i].number, tw, "catchpoint",
			    bp[i].temporary ? "del" :
			    "keep", bp[i].enabled ? "y" : "n", "",
			    bp[i].catchpoint);
			if (bp[i].hits > 0)
				fprintf(c->out, "\tcatchpoint already hit %lu "
				    "time%s\n", bp[i].hits, bp[i].hits == 1 ?
				    "" : "s");
			continue;
		}
		fprintf(c->out, "%-7d %-*s %-4s %-3s ", bp[i].number, tw,
		    "breakpoint", bp[i].temporary ? "del" : "keep",
		    bp[i].enabled ? "y" : "n");
		if (bp[i].pending || bp[i].naddrs == 0)
			fprintf(c->out, "%-18s %s\n", "<PENDING>", bp[i].spec);
		else if (bp[i].naddrs > 1)
			fprintf(c->out, "%-18s \n", "<MULTIPLE>");
		/* gdb says these under the breakpoint's own row.  */
		if (bp[i].naddrs > 1)
			bp_notes(c, &bp[i]);
		for (j = 0; j < bp[i].naddrs; j++) {
			/* gdb numbers the locations of one breakpoint N.1,
			   N.2...  */
			if (bp[i].naddrs > 1)
				fprintf(c->out, "%d.%-*zu%-3s ", bp[i].number,
				    tw + 12, j + 1, bp[i].enabled ? "y" : "n");
			fs_modules_where(fs_session_modules(c->s),
			    bp[i].addrs[j], bp[i].addrs[j], &w);
			fprintf(c->out, "0x%016" PRIx64 " ", bp[i].addrs[j]);
			/* A FILE:LINE location is at that line, even where
			   the code there was inlined from elsewhere.  */
			if (is_linespec(bp[i].spec) && bp[i].file != NULL &&
			    w.file != NULL) {
				w.file = bp[i].file;
				w.line = bp[i].line;
			}
			/* gdb names a location in inlined code by the
			   inlined function.  */
			if (bp[i].scopes != NULL && bp[i].scopes[j] != NULL &&
			    bp[i].scopes[j]->kind == FS_SCOPE_INLINED &&
			    bp[i].scopes[j]->name != NULL)
				w.func = bp[i].scopes[j]->name;
			if (w.func != NULL && w.file != NULL)
				fprintf(c->out, "in %s at %s:%u\n", w.func,
				    w.file, w.line);
			else if (w.func != NULL)
				fprintf(c->out, "%s\n", sym_offset(w.func,
				    bp[i].addrs[j] - w.func_addr));
			else
				fputc('\n', c->out);
		}
		if (bp[i].naddrs <= 1)
			bp_notes(c, &bp[i]);
	}
	return 0;
}

static int
info_breakpoints(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return bp_table(c, false);
}

static int
info_watchpoints(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return bp_table(c, true);
}

/* -------------------------------------------------------------- running */

static int
c_run(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;

	if (*skip(arg) != '\0')
		return fail(c, "run: arguments go after the program on the "
		    "command line");
	if (fs_session_attached(c->s))
		return fail(c, "The program being debugged was attached; "
		    "detach or kill it first.");
	c->last_tid = 0;
	if (fs_session_launch(c->s, &e) < 0)
		return fail_err(c, &e);
	if (fs_session_cont(c->s, &e) < 0)
		return fail_err(c, &e);
	c->last_func[0] = '\0';
	cmd_print_stop(c, true);
	return 0;
}

/* fs_dwarf_foreach_function: a Rust crate's main, "crate::main".  */
static int
crate_main_fn(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	const char *p = strstr(name, "::");

	(void)lo;
	(void)hi;
	if (p == NULL || p == name || strcmp(p, "::main") != 0)
		return 0;
	snprintf(arg, 256, "%s", name);
	return 1;
}

/* The function `start' runs to: main, but in a Rust program (which has
   rust_panic) its crate's main, where gdb stops (DW_AT_main_subprogram),
   not the C main that rustc writes to call it.  */
static const char *
start_function(struct cmd_ctx *c, char *buf)
{
	struct fs_modules *m = fs_session_modules(c->s);
	struct fs_module *exec;
	struct fs_dwarf *dw;
	uint64_t pa;

	if (fs_modules_find_function(m, "rust_panic", &pa, NULL) < 0 ||
	    (exec = fs_modules_exec(m)) == NULL ||
	    (dw = fs_module_dwarf(exec)) == NULL ||
	    fs_dwarf_foreach_function(dw, crate_main_fn, buf) != 1)
		return "main";
	return buf;
}

static int
c_start(struct cmd_ctx *c, char *arg)
{
	const struct fs_breakpoint *bp;
	struct fs_err e;
	char where[1100], mainfn[256];

	if (*skip(arg) != '\0')
		return fail(c, "start: arguments go after the program on the "
		    "command line");
	if (fs_session_program(c->s) == NULL)
		return fail(c, "No executable file specified.");
	if (fs_session_break(c->s, start_function(c, mainfn), true, &bp,
	    &e) < 0)
		return fail_err(c, &e);
	if (bp->pending) {
		fs_session_delete(c->s, bp->number, NULL);
		return fail(c, "No symbol table loaded.  Use the \"file\" "
		    "command.");
	}
	if (bp->file != NULL)
		snprintf(where, sizeof where, "file %s, line %u.", bp->file,
		    bp->line);
	else
		describe_addr(c, bp->addrs[0], where, sizeof where);
	fprintf(c->out, "Temporary breakpoint %d at 0x%" PRIx64 "%s%s\n",
	    bp->number, bp->addrs[0], where[0] ? ": " : "", where);
	return c_run(c, arg);
}

static int
c_continue(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	unsigned long n, i;

	if (count_arg(c, arg, 1, &n) < 0)
		return -1;
	if (!fs_session_alive(c->s))
		return fail(c, "The program is not being run.");
	const struct fs_stop *st = fs_session_stop(c->s);
	int bp = st->reason == FS_STOP_BREAKPOINT ? st->bpnum : 0;

	/* As gdb, only a person at the prompt is told.  */
	if (n > 1 && bp != 0)
		fprintf(c->out, "Will ignore next %lu crossings of breakpoint "
		    "%d.  Continuing.\n", n - 1, bp);
	else if (!c->batch)
		fprintf(c->out, "Continuing.\n");
	/* gdb's "continue N" ignores the breakpoint it stopped at N-1
	   more times; any other stop ends it.  */
	for (i = 0; i < (bp != 0 ? n : 1); i++) {
		if (fs_session_cont(c->s, &e) < 0)
			return fail_err(c, &e);
		st = fs_session_stop(c->s);
		if (st->reason != FS_STOP_BREAKPOINT || st->bpnum != bp)
			break;
	}
	cmd_print_stop(c, false);
	return 0;
}

static int
stepping(struct cmd_ctx *c, char *arg, int kind)
{
	struct fs_err e;
	unsigned long n, i;
	int r;

	if (count_arg(c, arg, 1, &n) < 0)
		return -1;
	if (!fs_session_alive(c->s))
		return fail(c, "The program is not being run.");
	if (kind >= 2) {
		r = fs_session_stepi(c->s, n, kind == 3, &e);
	} else {
		r = 0;
		for (i = 0; i < n && r == 0; i++) {
			const struct fs_frame *f;
			size_t nf;

			r = fs_session_step(c->s, kind == 1, &e);
			if (fs_session_stop(c->s)->reason != FS_STOP_STEP)
				break;
			/* gdb's step N starts each step where the last one
			   stopped: the frame shown at the end is compared
			   with that one's.  */
			if (r == 0 && i + 1 < n && fs_session_frames_head(c->s,
			    1, &f, &nf, NULL) == 0 && nf > 0)
				remember_location(c, &f[0]);
		}
	}
	if (r < 0)
		return fail_err(c, &e);
	cmd_print_stop(c, false);
	return 0;
}

static int
c_step(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 0);
}

static int
c_next(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 1);
}

static int
c_stepi(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 2);
}

static int
c_nexti(struct cmd_ctx *c, char *arg)
{
	return stepping(c, arg, 3);
}

static int
c_finish(struct cmd_ctx *c, char *arg)
{
	const struct fs_scope *fn;
	const struct fs_frame *f;
	char *val;
	struct fs_err e;
	unsigned num;
	size_t n;

	(void)arg;
	if (!fs_session_alive(c->s))
		return fail(c, "The program is not being run.");
	if (fs_session_frames_head(c->s, c->frame + 1, &f, &n, &e) < 0)
		return fail_err(c, &e);
	/* Like gdb, main is the outermost frame unless past-main is on. */
	if (c->frame + 1 >= n || (!c->past_main && is_main(&f[c->frame])))
		return fail(c, "\"finish\" not meaningful in the outermost "
		    "frame.");
	if (!c->batch) {
		fprintf(c->out, "Run till exit from ");
		cmd_print_frame(c, c->frame, false);
	}
	/* What it returns is known from the frame's function, before the
	   frame is gone.  */
	fn = f[c->frame].inlined ? NULL : fs_vars_function(c->s, c->frame);
	/* gdb takes a tail call frame's function at its pc, which is past
	   its end when the jump was its last instruction.  */
	if (fn != NULL && f[c->frame].tailcall &&
	    (f[c->frame].where.mod == NULL || !fs_dinfo_scope_has(fn,
	    f[c->frame].pc - f[c->frame].where.mod->bias)))
		fn = NULL;
	if (fs_session_finish(c->s, c->frame, &e) < 0)
		return fail_err(c, &e);
	cmd_print_stop(c, true);
	if (fn != NULL && fn->ret_type != NULL &&
	    fs_session_stop(c->s)->finished &&
	    history(c) != NULL && fs_vars_return_value(c->s, fn->ret_type,
	    c->hist, &num, &val, NULL) == 0) {
		fprintf(c->out, "Value returned is $%u = %s\n", num, val);
		free(val);
	}
	return 0;
}

static int
c_kill(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	pid_t pid = fs_session_pid(c->s);

	(void)arg;
	if (fs_session_kill(c->s, &e) < 0)
		return fail_err(c, &e);
	c->last_tid = 0;	/* the next process's first stop switches
				   from its main thread, not this one's */
	fprintf(c->out, "[Inferior 1 (process %d) killed]\n", (int)pid);
	return 0;
}

static int
c_detach(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	pid_t pid = fs_session_pid(c->s);

	(void)arg;
	if (!fs_session_alive(c->s))
		return fail(c, "The program is not being run.");
	fprintf(c->out, "Detaching from program: %s, process %d\n",
	    fs_session_program(c->s) ? fs_session_program(c->s) : "?",
	    (int)pid);
	if (fs_session_detach(c->s, &e) < 0)
		return fail_err(c, &e);
	fprintf(c->out, "[Inferior 1 (process %d) detached]\n", (int)pid);
	return 0;
}

static int
c_attach(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *end;
	long pid;

	arg = skip(arg);
	pid = strtol(arg, &end, 10);
	if (*arg == '\0' || *skip(end) != '\0' || pid <= 0)
		return fail(c, "Illegal process-id: %s.", *arg ? arg : "");
	fprintf(c->out, "Attaching to process %ld\n", pid);
	if (fs_session_attach(c->s, (pid_t)pid, &e) < 0)
		return fail_err(c, &e);
	c->last_func[0] = '\0';
	cmd_print_stop(c, true);
	return 0;
}

static int
c_quit(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	c->quit = true;
	return 0;
}

/* ----------------------------------------------------------- signals */

static void
signal_row(struct cmd_ctx *c, int sig)
{
	unsigned fl = fs_session_sigflags(c->s, sig);

	fprintf(c->out, "%-14s%s\t%s\t%s\t\t%s\n", fs_signame(sig),
	    (fl & FS_SIG_STOP) ? "Yes" : "No",
	    (fl & FS_SIG_PRINT) ? "Yes" : "No",
	    (fl & FS_SIG_PASS) ? "Yes" : "No", fs_sigdesc(sig));
}

static void
signal_header(struct cmd_ctx *c)
{
	fprintf(c->out, "Signal        Stop\tPrint\tPass to program\t"
	    "Description\n");
}

static int
c_handle(struct cmd_ctx *c, char *arg)
{
	struct { const char *w; unsigned on, off; } acts[] = {
		{ "stop", FS_SIG_STOP, 0 }, { "nostop", 0, FS_SIG_STOP },
		{ "print", FS_SIG_PRINT, 0 }, { "noprint", 0, FS_SIG_PRINT },
		{ "pass", FS_SIG_PASS, 0 }, { "nopass", 0, FS_SIG_PASS },
		{ "noignore", FS_SIG_PASS, 0 }, { "ignore", 0, FS_SIG_PASS },
	};
	int sigs[65], nsigs = 0, sig, i;
	size_t k, keys[32], nkeys = 0, j;
	char *w;

	if (*skip(arg) == '\0')
		return fail(c, "Argument required (signal and action).");
	while ((w = word(&arg)) != NULL) {
		for (k = 0; k < sizeof acts / sizeof acts[0]; k++)
			if (strcasecmp(w, acts[k].w) == 0)
				break;
		if (k < sizeof acts / sizeof acts[0]) {
			if (nkeys < sizeof keys / sizeof keys[0])
				keys[nkeys++] = k;
			continue;
		}
		if (strcasecmp(w, "all") == 0) {
			for (sig = 1; sig < 65 && nsigs < 65; sig++)
				if (sig != SIGTRAP && sig != SIGINT)
					sigs[nsigs++] = sig;
			continue;
		}
		if ((sig = fs_sigparse(w)) == 0)
			return fail(c, "Unrecognized or ambiguous flag word: "
			    "\"%s\".", w);
		if (nsigs < 65)
			sigs[nsigs++] = sig;
	}
	if (nsigs == 0)
		return fail(c, "Argument required (signal and action).");
	/* Keywords act in order, as in gdb: `noprint stop` ends printing
	   and stopping.  */
	for (i = 0; i < nsigs; i++)
		for (j = 0; j < nkeys; j++)
			fs_session_handle(c->s, sigs[i], acts[keys[j]].on,
			    acts[keys[j]].off, NULL);
	signal_header(c);
	for (i = 0; i < nsigs; i++)
		signal_row(c, sigs[i]);
	return 0;
}

static int
info_signals(struct cmd_ctx *c, char *arg)
{
	int sig;

	arg = skip(arg);
	signal_header(c);
	if (*arg != '\0') {
		if ((sig = fs_sigparse(arg)) == 0)
			return fail(c, "Only signals 1-64 are valid as numeric "
			    "signals.");
		signal_row(c, sig);
		return 0;
	}
	for (sig = 1; sig < 65; sig++)
		signal_row(c, sig);
	return 0;
}

/* ---------------------------------------------------------------- frames */

/* The program's main, where gdb's backtrace ends.  */
static bool
is_main(const struct fs_frame *f)
{
	const char *fn = f->where.func, *fl = f->where.file;
	size_t n, k;

	if (fn == NULL || f->where.mod == NULL || !f->where.mod->is_exec)
		return false;
	if (strcmp(fn, "main") == 0)
		return true;
	/* A Rust program's main is its crate's, "crate::main", as gdb
	   knows from DW_AT_main_subprogram.  */
	n = strlen(fn);
	k = fl != NULL ? strlen(fl) : 0;
	return n > 6 && strcmp(fn + n - 6, "::main") == 0 &&
	    strstr(fn, "::") == fn + n - 6 && k > 3 &&
	    strcmp(fl + k - 3, ".rs") == 0;
}

static int
c_bt(struct cmd_ctx *c, char *arg)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t n, i, limit = (size_t)-1, outer = 0, start = 0;
	bool past_main = c->past_main;
	char *w, *end;
	long v;

	while ((w = word(&arg)) != NULL) {
		if (strcmp(w, "-past-main") == 0) {
			past_main = true;
			continue;
		}
		if (strcmp(w, "full") == 0 || strcmp(w, "-full") == 0)
			continue;
		v = strtol(w, &end, 10);
		if (*end != '\0' || v == 0)
			return fail(c, "No symbol \"%s\" in current context.",
			    w);
		if (v > 0)
			limit = (size_t)v;
		else
			outer = (size_t)-v;
	}
	if (!fs_session_alive(c->s))
		return fail(c, "No stack.");
	if (fs_session_frames_head(c->s, 0, &f, &n, &e) < 0)
		return fail_err(c, &e);
	if (outer > 0) {
		/* gdb's `bt -N`: the outermost N frames (up to main).  */
		size_t top = n;

		if (!past_main)
			top = visible_frames(c, f, n);
		start = top > outer ? top - outer : 0;
		limit = top;
	}
	for (i = start; i < n && i < limit; i++) {
		cmd_print_frame(c, (unsigned)i, false);
		fs_session_frames_head(c->s, i + 1, &f, &n, NULL);
		/* gdb stops at main unless asked for what called it.  */
		if (!past_main && is_main(&f[i]))
			return 0;
	}
	if (i < n && limit != (size_t)-1 && outer == 0)
		fprintf(c->out, "(More stack frames follow...)\n");
	return 0;
}

/* How many frames gdb would show: up to main, unless past-main.  */
static size_t
visible_frames(struct cmd_ctx *c, const struct fs_frame *f, size_t n)
{
	size_t i;

	if (c->past_main)
		return n;
	for (i = 0; i < n; i++) {
		/* Name frames one by one: what lies past main is not read. */
		if (fs_session_frames_head(c->s, i + 1, &f, &n, NULL) < 0)
			return n;
		if (is_main(&f[i]))
			return i + 1;
	}
	return n;
}

static int
select_frame(struct cmd_ctx *c, long idx)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t n;

	if (!fs_session_alive(c->s))
		return fail(c, "No stack.");
	if (fs_session_frames_head(c->s, 0, &f, &n, &e) < 0)
		return fail_err(c, &e);
	n = visible_frames(c, f, n);
	/* gdb goes as far as it can, and complains only when it cannot
	   move at all.  */
	if (idx < 0 && c->frame == 0)
		return fail(c, "Bottom (innermost) frame selected; you cannot "
		    "go down.");
	if (idx >= 0 && (size_t)idx >= n && c->frame + 1 >= n)
		return fail(c, "Initial frame selected; you cannot go up.");
	if (idx < 0)
		idx = 0;
	if ((size_t)idx >= n)
		idx = (long)n - 1;
	c->frame = (unsigned)idx;
	cmd_print_frame(c, c->frame, true);
	return 0;
}

static int
c_frame(struct cmd_ctx *c, char *arg)
{
	const struct fs_frame *f;
	size_t n;
	char *end;
	long v;

	arg = skip(arg);
	if (strncmp(arg, "level", 5) == 0)
		arg = skip(arg + 5);
	if (*arg == '\0')
		return select_frame(c, c->frame);
	v = strtol(arg, &end, 10);
	if (*skip(end) != '\0')
		return fail(c, "Invalid frame \"%s\".", arg);
	if (fs_session_alive(c->s) &&
	    fs_session_frames_head(c->s, 0, &f, &n, NULL) == 0 && (v < 0 ||
	    (size_t)v >= visible_frames(c, f, n)))
		return fail(c, "No frame at level %s.", arg);
	return select_frame(c, v);
}

static int
c_up(struct cmd_ctx *c, char *arg)
{
	unsigned long n;

	if (count_arg(c, arg, 1, &n) < 0)
		return -1;
	return select_frame(c, (long)c->frame + (long)n);
}

static int
c_down(struct cmd_ctx *c, char *arg)
{
	unsigned long n;

	if (count_arg(c, arg, 1, &n) < 0)
		return -1;
	return select_frame(c, (long)c->frame - (long)n);
}

/* ------------------------------------------------------------ registers */

static void
eflags_text(uint64_t v, char *buf, size_t len)
{
	static const struct { int bit; const char *name; } fl[] = {
		{ 0, "CF" }, { 2, "PF" }, { 4, "AF" }, { 6, "ZF" },
		{ 7, "SF" }, { 8, "TF" }, { 9, "IF" }, { 10, "DF" },
		{ 11, "OF" },
	};
	size_t i, off;

	off = (size_t)snprintf(buf, len, "[ ");
	for (i = 0; i < sizeof fl / sizeof fl[0] && off < len; i++)
		if (v & (1ULL << fl[i].bit))
			off += (size_t)snprintf(buf + off, len - off, "%s ",
			    fl[i].name);
	if (off < len)
		snprintf(buf + off, len - off, "]");
}

static int
info_registers(struct cmd_ctx *c, char *arg)
{
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	struct fs_where w;
	struct fs_err e;
	char hexs[32], nat[640], *want[32], *p;
	size_t i, k, nwant = 0, n, nregs;
	const struct fs_regdesc *regs = fs_target_regdescs(&nregs);
	uint64_t v;
	bool found;

	while (nwant < 32 && (p = word(&arg)) != NULL)
		want[nwant++] = p[0] == '$' ? p + 1 : p;
	if (fs_session_regs(c->s, &r, &e) < 0)
		return fail_err(c, &e);
	if (fs_session_frames_head(c->s, 0, &f, &n, NULL) < 0)
		n = 0;
	for (k = 0; k < (nwant ? nwant : 1); k++) {
		found = false;
		for (i = 0; i < nregs; i++) {
			const char *name = regs[i].name;

			if (nwant && strcmp(want[k], name) != 0 &&
			    !(strcmp(want[k], "pc") == 0 &&
			    regs[i].kind == FS_REG_CODE) &&
			    !(strcmp(want[k], "sp") == 0 &&
			    strcmp(name, "rsp") == 0) &&
			    !(strcmp(want[k], "fp") == 0 &&
			    strcmp(name, "rbp") == 0))
				continue;
			found = true;
			memcpy(&v, (const char *)r + regs[i].off, 8);
			/* In a caller's frame, what it sees of pc, sp, fp.  */
			if (c->frame > 0 && c->frame < n) {
				if (regs[i].kind == FS_REG_CODE)
					v = f[c->frame].pc;
				else if (strcmp(name, "rsp") == 0)
					v = f[c->frame].sp;
				else if (strcmp(name, "rbp") == 0)
					v = f[c->frame].fp;
			}
			snprintf(hexs, sizeof hexs, "0x%" PRIx64, v);
			switch (regs[i].kind) {
			case FS_REG_POINTER:
				snprintf(nat, sizeof nat, "0x%" PRIx64, v);
				break;
			case FS_REG_CODE:
				fs_modules_where(fs_session_modules(c->s), v, v,
				    &w);
				if (w.func != NULL)
					snprintf(nat, sizeof nat,
					    "0x%" PRIx64 " %s", v,
					    sym_offset(w.func, v - w.func_addr));
				else
					snprintf(nat, sizeof nat, "0x%" PRIx64,
					    v);
				break;
			case FS_REG_FLAGS:
				eflags_text(v, nat, sizeof nat);
				break;
			default:
				snprintf(nat, sizeof nat, "%" PRId64,
				    (int64_t)v);
				break;
			}
			fprintf(c->out, "%-15s%-19s %s\n", name, hexs, nat);
		}
		if (nwant && !found)
			return fail(c, "Invalid register `%s'", want[k]);
	}
	return 0;
}

/* --------------------------------------------------------------- memory */

/* "<sym>" or "<sym+off>" for a code or data address a symbol holds
   (before the program runs, a file address of the executable), or "".  */
static void
addr_symbol(struct cmd_ctx *c, uint64_t addr, char *buf, size_t len)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	struct fs_module *m;
	const struct fs_sym *o = NULL;
	struct fs_where w;
	uint64_t fa;

	buf[0] = '\0';
	if (!fs_session_alive(c->s)) {
		if ((m = fs_modules_exec(mods)) == NULL || m->elf == NULL)
			return;
		fa = addr;
		if ((o = fs_elf_sym_at(m->elf, fa)) == NULL &&
		    (m->dbg == NULL || (o = fs_elf_object_at(m->dbg, fa)) ==
		    NULL))
			o = fs_elf_object_at(m->elf, fa);
	} else {
		fs_modules_where(mods, addr, addr, &w);
		if (w.func != NULL && w.mod != NULL && w.mod->mapped) {
			snprintf(buf, len, "%s", sym_offset(w.func,
			    addr - w.func_addr));
			return;
		}
		if ((m = fs_modules_at(mods, addr)) == NULL || !m->mapped)
			return;
		fa = addr - m->bias;
		if (m->dbg != NULL)
			o = fs_elf_object_at(m->dbg, fa);
		if (o == NULL && m->elf != NULL)
			o = fs_elf_object_at(m->elf, fa);
	}
	if (o == NULL)
		return;
	if (fa == o->addr)
		snprintf(buf, len, "<%s>", o->name);
	else
		snprintf(buf, len, "<%s+%" PRIu64 ">", o->name, fa - o->addr);
}

static void
addr_label(struct cmd_ctx *c, uint64_t addr, char *buf, size_t len)
{
	char sym[512];

	addr_symbol(c, addr, sym, sizeof sym);
	snprintf(buf, len, "0x%" PRIx64 "%s%s", addr, sym[0] ? " " : "",
	    sym);
}

/* " <sym>" or " <sym+off>" for a data or code address, when a symbol
   holds it.  */
static void
sym_label(struct cmd_ctx *c, uint64_t addr)
{
	char sym[512];

	addr_symbol(c, addr, sym, sizeof sym);
	if (sym[0] != '\0')
		fprintf(c->out, " %s", sym);
}

/* gdb's " <callee>" after a direct branch's target.  */
static void
branch_target(struct cmd_ctx *c, const struct fs_insn *in)
{
	struct fs_where w;

	if (in->riprel != 0) {
		/* gdb's comment on a rip-relative operand.  */
		fprintf(c->out, "        # 0x%" PRIx64, in->riprel);
		sym_label(c, in->riprel);
		return;
	}
	if (in->dest == 0)
		return;
	fs_modules_where(fs_session_modules(c->s), in->dest, in->dest, &w);
	if (w.func == NULL)
		return;
	if (in->dest == w.func_addr)
		fprintf(c->out, " <%s>", w.func);
	else
		fprintf(c->out, " <%s+%" PRIu64 ">", w.func,
		    in->dest - w.func_addr);
}

/* gdb's disassemble: the function around the selected frame's pc, a
   named function or the one holding an address, or START,END (END may
   be +LENGTH); /r adds the bytes.  "=>" marks the selected frame's pc.  */
static int
c_disassemble(struct cmd_ctx *c, char *arg, const char *fmt)
{
	const struct fs_frame *f;
	struct fs_module *mod;
	const struct fs_sym *sym;
	struct fs_where w;
	struct fs_insn in;
	struct fs_err e;
	uint64_t lo, hi, pc = 0, a;
	uint8_t buf[16];
	char bytes[64], label[300], *comma;
	bool raw = false, range = false;
	ssize_t got;
	size_t n, k;

	arg = skip(arg);
	if (fmt == NULL && *arg == '/') {
		/* "disassemble /r main": the modifiers after a space.  */
		fmt = ++arg;
		while (*arg != '\0' && !isspace((unsigned char)*arg))
			arg++;
		if (*arg != '\0')
			*arg++ = '\0';
	}
	for (; fmt != NULL && *fmt != '\0'; fmt++)
		if (*fmt == 'r')
			raw = true;
		else if (*fmt != 's' && *fmt != 'm')
			return fail(c, "Invalid disassembly modifier.");
	if (!fs_session_alive(c->s))
		return fail(c, "No frame selected.");
	if (fs_session_frames_head(c->s, c->frame + 1, &f, &n, &e) < 0)
		return fail_err(c, &e);
	if (c->frame < n)
		pc = f[c->frame].pc;
	arg = skip(arg);
	if ((comma = strchr(arg, ',')) != NULL) {
		*comma = '\0';
		if (fs_session_eval_addr(c->s, arg, c->frame, &lo, &e) < 0)
			return fail_err(c, &e);
		comma = skip(comma + 1);
		if (*comma == '+') {
			if (fs_session_eval_addr(c->s, comma + 1, c->frame, &hi,
			    &e) < 0)
				return fail_err(c, &e);
			hi += lo;
		} else if (fs_session_eval_addr(c->s, comma, c->frame, &hi,
		    &e) < 0)
			return fail_err(c, &e);
		range = true;
	} else {
		if (*arg == '\0')
			a = pc;
		else if (fs_session_eval_addr(c->s, arg, c->frame, &a, &e) < 0)
			return fail_err(c, &e);
		fs_modules_where(fs_session_modules(c->s), a, a, &w);
		mod = fs_modules_at(fs_session_modules(c->s), a);
		if (w.func == NULL || mod == NULL || (sym = fs_module_sym_at(mod,
		    w.func_addr - mod->bias)) == NULL || sym->size == 0)
			return fail(c, "No function contains specified "
			    "address.");
		lo = w.func_addr;
		hi = lo + sym->size;
		fprintf(c->out, "Dump of assembler code for function %s:\n",
		    w.func);
	}
	if (range)
		fprintf(c->out, "Dump of assembler code from 0x%" PRIx64 " to "
		    "0x%" PRIx64 ":\n", lo, hi);
	for (a = lo; a < hi; a += in.len) {
		if ((got = fs_session_read(c->s, a, buf, sizeof buf, &e)) <= 0)
			return fail(c, "Cannot access memory at address 0x%"
			    PRIx64, a);
		if (fs_insn_decode(buf, (size_t)got, a, c->intel, &in) < 0) {
			fprintf(c->out, "   0x%016" PRIx64 ":\t(bad)\n", a);
			in.len = 1;
			continue;
		}
		fprintf(c->out, "%s 0x%016" PRIx64, a == pc ? "=>" : "  ", a);
		if (range) {
			/* gdb writes "+0" here, unlike x/i.  */
			fs_modules_where(fs_session_modules(c->s), a, a, &w);
			if (w.func != NULL) {
				snprintf(label, sizeof label, "%s", w.func);
				fprintf(c->out, " <%s+%" PRIu64 ">", label,
				    a - w.func_addr);
			}
		} else
			fprintf(c->out, " <+%" PRIu64 ">", a - lo);
		fputc(':', c->out);
		fputc('\t', c->out);
		if (raw) {
			for (k = 0, bytes[0] = '\0'; k < in.len && k < 16; k++)
				snprintf(bytes + strlen(bytes), sizeof bytes -
				    strlen(bytes), "%s%02x", k ? " " : "",
				    buf[k]);
			fprintf(c->out, "%-19s\t", bytes);
		}
		fputs(in.gdbtext, c->out);
		branch_target(c, &in);
		fputc('\n', c->out);
	}
	fprintf(c->out, "End of assembler dump.\n");
	return 0;
}

static int
c_x(struct cmd_ctx *c, char *arg, const char *fmtpart)
{
	unsigned long count = 1;
	char fmt = c->x_fmt ? c->x_fmt : 'x', size = 0, label[640];
	bool given_size = false;
	const char *p = fmtpart;
	uint64_t addr, v;
	unsigned per_line, i, sz;
	struct fs_err e;
	uint8_t buf[16];
	ssize_t got;

	if (p != NULL) {
		if (isdigit((unsigned char)*p))
			count = strtoul(p, (char **)&p, 10);
		for (; *p; p++) {
			if (strchr("bhwg", *p)) {
				size = *p;
				given_size = true;
			}
			else if (strchr("xduotacfsi", *p))
				fmt = *p;
			else
				return fail(c, "Invalid number \"%s\".",
				    fmtpart);
		}
	}
	arg = skip(arg);
	if (*arg == '\0' && !c->x_valid)
		return fail(c, "Argument required (starting display address).");
	/* gdb's decode_format: a unit size not given is the last one, but
	   for addresses (8 bytes), floats (4 or 8) and characters (1).  */
	if (!given_size) {
		char last = c->x_size ? c->x_size : 'w';

		size = fmt == 'a' ? 'g' : fmt == 'c' ? 'b' : fmt == 'f' ?
		    (last == 'w' || last == 'g' ? last : 'g') : last;
	}
	if (*arg == '\0') {
		/* On from where the last x ended, as many again when no
		   format was given either.  */
		if (fmtpart == NULL)
			count = c->x_count;
		addr = c->x_next;
		goto examine;
	}
	/* Registers, symbols and sums, or any expression print takes,
	   as an address; before the run, memory is the executable's file
	   image, as in gdb.  */
	if (fs_session_eval_addr(c->s, arg, c->frame, &addr, &e) < 0 &&
	    ((e.code != FS_E_USAGE && e.code != FS_E_NOENT) ||
	    fs_vars_address(c->s, c->frame, arg,
	    &addr, &e) < 0))
		return fail_err(c, &e);
examine:
	c->x_fmt = fmt;
	c->x_size = fmt == 's' ? 'b' : size;
	c->x_count = count;
	if (fmt == 'i') {
		struct fs_insn in;
		const struct fs_frame *fr;
		uint64_t pc = 0;
		size_t nf;

		/* "=>" marks the selected frame's pc, as gdb's.  */
		if (fs_session_frames_head(c->s, c->frame + 1, &fr, &nf,
		    NULL) == 0 && c->frame < nf)
			pc = fr[c->frame].pc;
		for (i = 0; i < count; i++) {
			if ((got = fs_vars_read(c->s, addr, buf, sizeof buf,
			    &e)) <= 0)
				return fail(c, "Cannot access memory at "
				    "address 0x%" PRIx64, addr);
			if (fs_insn_decode(buf, (size_t)got, addr, c->intel,
			    &in) < 0) {
				fprintf(c->out, "   0x%" PRIx64 ":\t(bad)\n",
				    addr);
				addr++;
				continue;
			}
			addr_label(c, addr, label, sizeof label);
			fprintf(c->out, "%s %s:\t%s", pc == addr ? "=>" : "  ",
			    label, in.gdbtext);
			branch_target(c, &in);
			fputc('\n', c->out);
			addr += in.len;
		}
		c->x_next = addr;
		c->x_valid = true;
		return 0;
	}
	if (fmt == 's') {
		for (i = 0; i < count; i++) {
			char s[201];
			size_t k = 0;

			if (fs_vars_read(c->s, addr, s, 1, NULL) != 1)
				return fail(c, "Cannot access memory at "
				    "address 0x%" PRIx64, addr);
			while (k < 200 && fs_vars_read(c->s, addr + k,
			    s + k, 1, NULL) == 1 && s[k] != '\0')
				k++;
			s[k] = '\0';
			addr_label(c, addr, label, sizeof label);
			fprintf(c->out, "%s:\t\"%s\"\n", label, s);
			addr += k + 1;
		}
		c->x_next = addr;
		c->x_valid = true;
		return 0;
	}

	/* gdb: a float of a size that is no float is shown as an integer. */
	if (fmt == 'f' && (size == 'b' || size == 'h'))
		fmt = 'd';
	sz = size == 'b' ? 1 : size == 'h' ? 2 : size == 'w' ? 4 : 8;
	per_line = sz == 1 ? 8 : sz == 2 ? 8 : sz == 4 ? 4 : 2;
	if (fmt == 'a')
		per_line = 2;
	for (i = 0; i < count; i++) {
		if (i % per_line == 0) {
			if (i > 0)
				fputc('\n', c->out);
			addr_label(c, addr, label, sizeof label);
			fprintf(c->out, "%s:", label);
		}
		got = fs_vars_read(c->s, addr, buf, sz, &e);
		if (got != (ssize_t)sz) {
			fputc('\n', c->out);
			return fail(c, "Cannot access memory at address 0x%"
			    PRIx64, addr);
		}
		v = 0;
		memcpy(&v, buf, sz);
		switch (fmt) {
		case 'x':
			fprintf(c->out, "\t0x%0*" PRIx64, (int)sz * 2, v);
			break;
		case 'd': {
			int64_t sv = (int64_t)(v << (64 - 8 * sz)) >>
			    (64 - 8 * sz);
			fprintf(c->out, "\t%" PRId64, sv);
			break;
		}
		case 'u':
			fprintf(c->out, "\t%" PRIu64, v);
			break;
		case 'o':
			fprintf(c->out, "\t0%" PRIo64, v);
			break;
		case 't': {
			int b;

			fputc('\t', c->out);
			for (b = (int)sz * 8 - 1; b >= 0; b--)
				fputc((v >> b) & 1 ? '1' : '0', c->out);
			break;
		}
		case 'c':
			fprintf(c->out, "\t%d '%c'", (int)(int8_t)v,
			    isprint((int)v) ? (int)v : '?');
			break;
		case 'a':
			addr_label(c, v, label, sizeof label);
			fprintf(c->out, "\t%s", label);
			break;
		case 'f': {
			/* As print writes a float or a double.  */
			struct fs_type ft;
			struct fs_value fv;
			char *text = NULL;

			memset(&ft, 0, sizeof ft);
			ft.kind = FS_TYPE_BASE;
			ft.name = sz == 8 ? "double" : "float";
			ft.size = sz;
			ft.encoding = FS_ATE_FLOAT;
			memset(&fv, 0, sizeof fv);
			fv.type = &ft;
			fv.bytes = buf;
			fv.len = sz;
			if (fs_value_format(&fv, NULL, FS_VALUE_C, &text,
			    NULL) == 0)
				fprintf(c->out, "\t%s", text);
			free(text);
			break;
		}
		}
		addr += sz;
	}
	fputc('\n', c->out);
	c->x_next = addr;
	c->x_valid = true;
	return 0;
}

/* ------------------------------------------------------------- snapshot */

/* The slot map maker, its variables from the DWARF of each frame.  */
static int
anatomy(struct cmd_ctx *c, struct fs_err *e)
{
	if (c->anat != NULL)
		return 0;
	if ((c->prov = calloc(1, sizeof *c->prov)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if (fs_anatomy_new(&c->anat, e) < 0)
		return -1;
	fs_anatomy_set_provider(c->anat, fs_vars_provide, c->prov);
	return 0;
}

static int
c_snapshot(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	FILE *f;
	int r;

	struct fs_anatomy *a = NULL;

	arg = skip(arg);
	if (fs_session_stop(c->s)->reason == FS_STOP_NONE)
		return fail(c, "The program is not being run.");
	/* Full (variables and slots) unless -brief; -slots, which once
	   asked for them, is still taken.  */
	if (strncmp(arg, "-slots", 6) == 0 && (arg[6] == '\0' ||
	    isspace((unsigned char)arg[6])))
		arg = skip(arg + 6);
	if (strncmp(arg, "-brief", 6) == 0 && (arg[6] == '\0' ||
	    isspace((unsigned char)arg[6])))
		arg = skip(arg + 6);
	else {
		if (anatomy(c, &e) < 0)
			return fail_err(c, &e);
		a = c->anat;
	}
	if (*arg == '\0')
		r = fs_snapshot_write_slots(c->s, a, c->out, &e);
	else {
		if ((f = fopen(arg, "we")) == NULL)
			return fail(c, "%s: %s", arg, strerror(errno));
		r = fs_snapshot_write_slots(c->s, a, f, &e);
		if (fclose(f) != 0 && r == 0)
			r = fs_err_sys(&e, "%s", arg);
	}
	if (r < 0)
		return fail_err(c, &e);
	return 0;
}

/* The slot map of the stop, drawn, with the variables of each frame.  */
static int
c_frames(struct cmd_ctx *c, char *arg)
{
	const struct user_regs_struct *regs;
	const struct fs_frame_anatomy *fa;
	struct view_frames_opts o;
	struct fs_err e;
	char msg[128];
	size_t n;

	if (view_frames_args(arg, &o, msg, sizeof msg) < 0)
		return fail(c, "%s", msg);
	if (anatomy(c, &e) < 0 || fs_session_regs(c->s, &regs, &e) < 0 ||
	    fs_anatomy_compute(c->anat, c->s, o.max, &fa, &n, &e) < 0)
		return fail_err(c, &e);
	view_frames_print(c->out, fa, n, regs->rsp, regs->rbp, &o);
	return 0;
}

static int
c_dump(struct cmd_ctx *c, char *arg)
{
	arg = skip(arg);
	if (*arg == '\0')
		return fail(c, "Argument required (file name).");
	return cmd_set_dump(c, arg);
}

/* ----------------------------------------------------------------- info */

static int
info_sharedlibrary(struct cmd_ctx *c, char *arg)
{
	struct fs_modules *m = fs_session_modules(c->s);
	struct fs_module *mod;
	size_t i, n = fs_modules_count(m), shown = 0;

	(void)arg;
	for (i = 0; i < n; i++) {
		mod = fs_modules_get(m, i);
		if (!mod->mapped || mod->is_exec)
			continue;
		if (shown++ == 0)
			fprintf(c->out, "From                To                  "
			    "Syms Read   Shared Object Library\n");
		fprintf(c->out, "0x%016" PRIx64 "  0x%016" PRIx64 "  Yes%s"
		    "        %s\n", mod->lo, mod->hi,
		    fs_elf_stripped(mod->elf) ? " (*)" : "    ", mod->path);
	}
	if (shown == 0)
		fprintf(c->out, "No shared libraries loaded at this time.\n");
	return 0;
}

/* Where location SPEC is, for `list': a function (the line of its
   first instruction), FILE:LINE or LINE (in the file listed last).
   Returns 0 with *LINE set (and the file in C's list fields), or -1
   after a message.  */
static int
list_where(struct cmd_ctx *c, const char *spec, unsigned *line)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	struct fs_module *mod = NULL;
	struct fs_where w;
	struct fs_dwarf *dw;
	uint64_t addr, *addrs = NULL;
	size_t naddrs = 0, i;
	unsigned l;
	char file[256], *end;
	const char *colon;
	long v;

	v = strtol(spec, &end, 10);
	if (end != spec && *skip(end) == '\0') {
		if (c->list_path[0] == '\0' && list_where(c, "main", &l) < 0)
			return -1;
		*line = v > 0 ? (unsigned)v : 1;
		return 0;
	}
	if ((colon = strrchr(spec, ':')) != NULL && colon != spec) {
		v = strtol(colon + 1, &end, 10);
		if (end == colon + 1 || *skip(end) != '\0' || v <= 0 ||
		    (size_t)(colon - spec) >= sizeof file)
			return fail(c, "malformed linespec error: unexpected "
			    "string, \"%s\"", colon + 1);
		memcpy(file, spec, (size_t)(colon - spec));
		file[colon - spec] = '\0';
		/* Any line with code in the file names the file's path.  */
		for (i = 0; i < fs_modules_count(mods); i++) {
			mod = fs_modules_get(mods, i);
			if ((dw = fs_module_dwarf(mod)) != NULL &&
			    fs_dwarf_find_line(dw, file, 1, &addrs, &naddrs,
			    &l, NULL) == 0 && naddrs > 0)
				break;
			mod = NULL;
		}
		if (mod == NULL) {
			free(addrs);
			return fail(c, "No source file named %s.", file);
		}
		addr = addrs[0] + (mod->mapped ? mod->bias : 0);
		free(addrs);
		fs_modules_where(mods, addr, addr, &w);
		if (w.file == NULL)
			return fail(c, "No source file named %s.", file);
		snprintf(c->list_path, sizeof c->list_path, "%s",
		    w.fullpath ? w.fullpath : w.file);
		snprintf(c->list_name, sizeof c->list_name, "%s", w.file);
		*line = (unsigned)v;
		return 0;
	}
	if (fs_modules_find_function(mods, spec, &addr, &mod) < 0)
		return fail(c, "Function \"%s\" not defined.", spec);
	fs_modules_where(mods, addr, addr, &w);
	if (w.file == NULL)
		return fail(c, "No line number known for %s.", spec);
	snprintf(c->list_path, sizeof c->list_path, "%s",
	    w.fullpath ? w.fullpath : w.file);
	snprintf(c->list_name, sizeof c->list_name, "%s", w.file);
	*line = w.line;
	return 0;
}

/* Print lines FIRST..LAST of the file listed, as gdb does.  */
static int
list_lines(struct cmd_ctx *c, unsigned first, unsigned last)
{
	unsigned n = fs_source_nlines(c->src, c->list_path), l;
	const char *text;
	size_t len;

	if (n == 0)
		return fail(c, "%u\tin %s", first, c->list_name);
	if (first > n) {
		/* gdb stays there: `list' says so again, `list -' goes back
		   from here.  */
		c->list_first = first;
		c->list_last = first - 1;
		return fail(c, "Line number %u out of range; %s has %u lines.",
		    first, c->list_name, n);
	}
	if (last > n)
		last = n;
	for (l = first; l <= last; l++) {
		text = fs_source_line(c->src, c->list_path, l, &len);
		fprintf(c->out, "%u\t%.*s\n", l, text ? (int)len : 0,
		    text ? text : "");
	}
	c->list_first = first;
	c->list_last = last;
	return 0;
}

/* gdb's `list': ten lines around a place, or on from the last ones.  */
static int
c_list(struct cmd_ctx *c, char *arg)
{
	unsigned a, b, line;
	char *comma;

	arg = skip(arg);
	if (strcmp(arg, "-") == 0 && c->list_first == 0)
		arg += 1;	/* nothing listed yet: as `list' */
	if (strcmp(arg, "-") == 0) {
		a = c->list_first;
		if (a <= 1)
			return fail(c, "Already at the start of %s.",
			    c->list_name);
		return list_lines(c, a > 10 ? a - 10 : 1, a - 1);
	}
	if (*arg == '\0') {
		if (c->list_last != 0)
			return list_lines(c, c->list_last + 1,
			    c->list_last + 10);
		if (c->list_line == 0) {
			/* Nothing shown yet: around main, as gdb.  */
			uint64_t addr, bp;
			struct fs_module *mod;
			struct fs_where w;

			if (fs_modules_find_function(fs_session_modules(c->s),
			    "main", &addr, &mod) < 0)
				return fail(c, "No symbol table is loaded.  "
				    "Use the \"file\" command.");
			bp = addr;
			if (fs_session_break_addr(c->s, "main", &bp) < 0)
				bp = addr;
			fs_modules_where(fs_session_modules(c->s), bp, bp, &w);
			if (w.file == NULL)
				return fail(c, "No line number known for main.");
			snprintf(c->list_path, sizeof c->list_path, "%s",
			    w.fullpath ? w.fullpath : w.file);
			snprintf(c->list_name, sizeof c->list_name, "%s",
			    w.file);
			c->list_line = w.line > 9 ? w.line - 9 : 1;
		}
		line = c->list_line;
		return list_lines(c, line > 5 ? line - 5 : 1,
		    (line > 5 ? line - 5 : 1) + 9);
	}
	if ((comma = strchr(arg, ',')) != NULL) {
		*comma = '\0';
		if (list_where(c, skip(arg), &a) < 0)
			return -1;
		if (*skip(comma + 1) == '\0')
			return list_lines(c, a, a + 9);
		if (list_where(c, skip(comma + 1), &b) < 0)
			return -1;
		return list_lines(c, a, b);
	}
	if (list_where(c, arg, &line) < 0)
		return -1;
	return list_lines(c, line > 5 ? line - 5 : 1,
	    (line > 5 ? line - 5 : 1) + 9);
}

/* gdb's `info locals' and `info args': one "name = value" a line.  */
static int
info_vars(struct cmd_ctx *c, bool args)
{
	struct fs_frame_vars *fv;
	const struct fs_varval *v;
	struct fs_err e;
	size_t i, n;

	if (!fs_session_alive(c->s))
		return fail(c, "No frame selected.");
	if (fs_vars_frame(c->s, c->frame, &fv, &e) < 0)
		return fail_err(c, &e);
	if (fv->func == NULL) {
		fs_vars_free(fv);
		fprintf(c->out, "No symbol table info available.\n");
		return 0;
	}
	v = args ? fv->args : fv->locals;
	n = args ? fv->nargs : fv->nlocals;
	if (n == 0)
		fprintf(c->out, args ? "No arguments.\n" : "No locals.\n");
	for (i = 0; i < n; i++)
		fprintf(c->out, "%s = %s\n", v[i].var->name ? v[i].var->name :
		    "?", v[i].value ? v[i].value : "<error>");
	fs_vars_free(fv);
	return 0;
}

static int
info_locals(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return info_vars(c, false);
}

static int
info_args(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	return info_vars(c, true);
}

/* gdb's print: "$N = value", N counting the values printed.  */
static int
c_print(struct cmd_ctx *c, char *arg, const char *fmt)
{
	struct fs_err e;
	char *val;
	unsigned num;
	int letter = 0;

	if (fmt != NULL) {
		while (*fmt >= '0' && *fmt <= '9')
			fmt++;
		if (strlen(fmt) != 1 || strchr("xduotcazs", *fmt) == NULL)
			return fail(c, "Undefined output format \"%s\".", fmt);
		letter = *fmt;
	}
	arg = skip(arg);
	/* gdb: no expression shows the last value again, as a new one.  */
	if (*arg == '\0')
		arg = (char *)"$";
	if (history(c) == NULL)
		return fail(c, "out of memory");
	if (fs_vars_print_hist(c->s, c->frame, arg, letter, c->hist, &num,
	    NULL, &val, &e) < 0)
		return fail_err(c, &e);
	fprintf(c->out, "$%u = %s\n", num, val);
	free(val);
	return 0;
}

/* ---------------------------------------------------- history, display */

static struct fs_vars_hist *
history(struct cmd_ctx *c)
{
	if (c->hist == NULL && fs_vars_hist_new(&c->hist) < 0)
		c->hist = NULL;
	return c->hist;
}

/* The errors gdb finds when it parses an expression, which keep a
   display from being made; the others (memory, registers) are shown in
   its place at every stop.  */
static bool
parse_error(const char *msg)
{
	static const char *const pre[] = { "A syntax error", "No symbol ",
	    "Invalid number \"", "Unmatched single quote.",
	    "Empty character constant.", "Numeric constant too large.",
	    "name too long", "expression too deep" };
	size_t i;

	for (i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (strncmp(msg, pre[i], strlen(pre[i])) == 0)
			return true;
	return false;
}

/* Display D's /FMT as x takes it: count, letter, size.  */
static void
display_xfmt(const struct cmd_display *d, char *buf, size_t len,
    bool label)
{
	unsigned long count = 1;
	const char *p = d->fmt;
	char letter = 'x', size = 0;

	if (isdigit((unsigned char)*p))
		count = strtoul(p, (char **)&p, 10);
	for (; *p != '\0'; p++)
		if (strchr("bhwg", *p) != NULL)
			size = *p;
		else
			letter = *p;
	if (label) {
		/* As gdb shows it: "x/i", "x/2i", "x/xw".  */
		char n[24] = "";

		if (count != 1)
			snprintf(n, sizeof n, "%lu", count);
		snprintf(buf, len, "%s%c", n, letter);
		if (letter != 'i' && letter != 's' && size != 0 &&
		    strlen(buf) + 1 < len)
			strncat(buf, &size, 1);
	} else
		snprintf(buf, len, "%lu%c%c", count, letter == 'i' ||
		    letter == 's' ? 'b' : size, letter);
}

static void
show_display(struct cmd_ctx *c, struct cmd_display *d)
{
	struct fs_err e;
	char *val = NULL, xf[32];
	int r;

	if (d->xstyle) {
		display_xfmt(d, xf, sizeof xf, true);
		fprintf(c->out, "%u: x/%s %s%s", d->num, xf, d->expr,
		    strchr(d->fmt, 's') != NULL ? "  " : "\n");
		(void)c_x(c, d->expr, xf);
		return;
	}
	memset(&e, 0, sizeof e);
	/* gdb takes any letter, and says so when it shows the value.  */
	if (d->fmt[0] != '\0' && strchr("xduotcaz", d->fmt[0]) == NULL)
		r = fs_err_set(&e, FS_E_USAGE, "Undefined output format "
		    "\"%s\".", d->fmt);
	else
		r = fs_vars_print_hist(c->s, c->frame, d->expr, d->fmt[0],
		    history(c), NULL, NULL, &val, &e);
	fprintf(c->out, "%u: %s%s%s", d->num, d->fmt[0] ? "/" : "",
	    d->fmt, d->fmt[0] ? " " : "");
	fputs(d->expr, c->out);
	if (r < 0)
		fprintf(c->out, " = <error: %s>\n", e.msg[0] ? e.msg :
		    fs_strerror(e.code));
	else
		fprintf(c->out, " = %s\n", val);
	free(val);
}

/* Every display that is on and in scope, in number order: after a stop
   that shows a frame, and `display' alone.  */
static void
do_displays(struct cmd_ctx *c)
{
	size_t i;

	for (i = 0; i < c->ndisplays; i++)
		if (c->displays[i].enabled && fs_vars_in_block(c->s, c->frame,
		    c->displays[i].block))
			show_display(c, &c->displays[i]);
}

/* display[/FMT] [EXPR]  */
static int
c_display(struct cmd_ctx *c, char *arg, const char *fmt)
{
	struct cmd_display *nv, d;
	const struct fs_scope *block = NULL;
	struct fs_err e;
	char *val = NULL;
	const char *p;
	int r;

	arg = skip(arg);
	if (*arg == '\0') {
		do_displays(c);
		return 0;
	}
	memset(&d, 0, sizeof d);
	if (fmt != NULL) {
		if (strlen(fmt) >= sizeof d.fmt)
			return fail(c, "Invalid number \"%s\".", fmt);
		for (p = fmt; isdigit((unsigned char)*p); p++)
			;
		for (; *p != '\0'; p++) {
			if (strchr("bhwgis", *p) != NULL)
				d.xstyle = true;
		}
		if (d.xstyle)
			snprintf(d.fmt, sizeof d.fmt, "%s", fmt);
		else {
			/* A count means nothing to print's formats.  */
			for (p = fmt; isdigit((unsigned char)*p); p++)
				;
			snprintf(d.fmt, sizeof d.fmt, "%.1s", p);
		}
	}
	/* Evaluated once to know it parses and what block it belongs to. */
	memset(&e, 0, sizeof e);
	r = fs_vars_print_hist(c->s, c->frame, arg, 0, history(c), NULL,
	    &block, &val, &e);
	free(val);
	if (r < 0 && parse_error(e.msg))
		return fail_err(c, &e);
	if ((d.expr = strdup(arg)) == NULL ||
	    (nv = realloc(c->displays, (c->ndisplays + 1) * sizeof *nv)) ==
	    NULL) {
		free(d.expr);
		return fail(c, "out of memory");
	}
	d.expr[strcspn(d.expr, "\n")] = '\0';
	/* Trailing blanks are not part of it.  */
	for (r = (int)strlen(d.expr); r > 0 && isspace((unsigned char)
	    d.expr[r - 1]); r--)
		d.expr[r - 1] = '\0';
	d.num = ++c->display_next;
	d.enabled = true;
	d.block = block;
	c->displays = nv;
	nv[c->ndisplays++] = d;
	/* gdb shows a new display at once only at a prompt.  */
	if (!c->batch)
		show_display(c, &nv[c->ndisplays - 1]);
	return 0;
}

static struct cmd_display *
display_find(struct cmd_ctx *c, unsigned num)
{
	size_t i;

	for (i = 0; i < c->ndisplays; i++)
		if (c->displays[i].num == num)
			return &c->displays[i];
	return NULL;
}

/* OP on the displays ARG names (numbers and ranges N-M), all without:
   0 delete, 1 enable, 2 disable.  */
static int
display_op(struct cmd_ctx *c, char *arg, int op)
{
	struct cmd_display *d;
	unsigned long lo, hi, n;
	char *w, *end;
	size_t i;

	arg = skip(arg);
	if (*arg == '\0') {
		if (op == 0) {
			/* gdb asks; batch answers for the user.  */
			fprintf(c->out, "Delete all auto-display expressions? "
			    "(y or n) [answered Y; input not from "
			    "terminal]\n");
			while (c->ndisplays > 0)
				free(c->displays[--c->ndisplays].expr);
			return 0;
		}
		for (i = 0; i < c->ndisplays; i++)
			c->displays[i].enabled = op == 1;
		return 0;
	}
	while ((w = word(&arg)) != NULL) {
		lo = strtoul(w, &end, 10);
		hi = lo;
		if (*end == '-')
			hi = strtoul(end + 1, &end, 10);
		if (end == w || *end != '\0' || !isdigit((unsigned char)*w))
			return fail(c, "Arguments must be display numbers.");
		for (n = lo; n <= hi && n - lo < 100000; n++) {
			if ((d = display_find(c, (unsigned)n)) == NULL) {
				fprintf(c->out, "No display number %lu.\n", n);
				continue;
			}
			if (op != 0) {
				d->enabled = op == 1;
				continue;
			}
			free(d->expr);
			i = (size_t)(d - c->displays);
			memmove(d, d + 1, (c->ndisplays - i - 1) * sizeof *d);
			c->ndisplays--;
		}
	}
	return 0;
}

static int
c_undisplay(struct cmd_ctx *c, char *arg)
{
	return display_op(c, arg, 0);
}

/* `delete display', `enable display', `disable display': 1 when ARG
   starts with "display" (done, *R its result), else 0.  */
static int
display_subcommand(struct cmd_ctx *c, char *arg, int op)
{
	char *p = skip(arg);
	size_t n = strcspn(p, " \t");

	if (n < 4 || strncmp(p, "display", n) != 0 || n > 7)
		return -2;
	return display_op(c, p + n, op);
}

static int
info_display(struct cmd_ctx *c, char *arg)
{
	struct cmd_display *d;
	char xf[32];
	size_t i;

	(void)arg;
	if (c->ndisplays == 0) {
		fprintf(c->out, "There are no auto-display expressions "
		    "now.\n");
		return 0;
	}
	fprintf(c->out, "Auto-display expressions now in effect:\n"
	    "Num Enb Expression\n");
	for (i = 0; i < c->ndisplays; i++) {
		d = &c->displays[i];
		fprintf(c->out, "%u:   %c  ", d->num, d->enabled ? 'y' : 'n');
		if (d->xstyle) {
			display_xfmt(d, xf, sizeof xf, false);
			fprintf(c->out, "/%s ", xf);
		} else if (d->fmt[0] != '\0')
			fprintf(c->out, "/%s ", d->fmt);
		fputs(d->expr, c->out);
		if (d->block != NULL && !fs_vars_in_block(c->s, c->frame,
		    d->block))
			fputs(" (cannot be evaluated in the current context)",
			    c->out);
		fputc('\n', c->out);
	}
	return 0;
}

/* whatis and ptype: "type = ...".  */
static int
type_of(struct cmd_ctx *c, char *arg, bool expand)
{
	struct fs_err e;
	char *text;

	arg = skip(arg);
	if (*arg == '\0')
		return fail(c, "Argument required (one or more choice "
		    "items).");
	if (fs_vars_type_hist(c->s, c->frame, arg, expand, history(c), &text,
	    &e) < 0)
		return fail_err(c, &e);
	fprintf(c->out, "type = %s\n", text);
	free(text);
	return 0;
}

static int
c_whatis(struct cmd_ctx *c, char *arg)
{
	return type_of(c, arg, false);
}

static int
c_ptype(struct cmd_ctx *c, char *arg)
{
	return type_of(c, arg, true);
}

/* gdb's "Arglist at" / "Locals at" address: amd64_frame_cache's base,
   which looks only at the function's first instructions: rbp once
   `push %rbp; mov %rsp,%rbp' has run past the push, else rsp plus what
   the prologue pushed so far, less 8.  */
static uint64_t
frame_base(struct cmd_ctx *c, const struct fs_frame *f, uint64_t rsp)
{
	uint8_t b[8];
	uint64_t start = f->where.func_addr, pc = start;

	if (f->where.func == NULL || start == 0 ||
	    fs_session_read(c->s, start, b, sizeof b, NULL) != sizeof b)
		return rsp - 8;
	if (memcmp(b, "\xf3\x0f\x1e\xfa", 4) == 0) {
		pc += 4;
		memmove(b, b + 4, 4);
		if (fs_session_read(c->s, pc + 4, b + 4, 4, NULL) != 4)
			return rsp - 8;
	}
	if (b[0] != 0x55)
		return rsp - 8;
	if (f->pc <= pc + 1)
		return rsp;
	if (memcmp(b + 1, "\x48\x89\xe5", 3) == 0 ||
	    memcmp(b + 1, "\x48\x8b\xec", 3) == 0)
		return f->fp;
	return rsp;
}

static const char *
frame_language(const struct fs_frame *f)
{
	const char *dot = f->where.file ? strrchr(f->where.file, '.') : NULL;

	if (dot == NULL)
		return NULL;
	if (strcmp(dot, ".rs") == 0)
		return "rust";
	if (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0)
		return "c";
	if (strcmp(dot, ".cc") == 0 || strcmp(dot, ".cpp") == 0 ||
	    strcmp(dot, ".cxx") == 0 || strcmp(dot, ".C") == 0)
		return "c++";
	if (strcmp(dot, ".S") == 0 || strcmp(dot, ".s") == 0)
		return "asm";
	return NULL;
}

/* gdb's `info frame': where the frame is, who called it, its arguments,
   and where it saved its caller's registers (from CFI).  */
static int
info_frame_cmd(struct cmd_ctx *c, char *arg)
{
	static const unsigned order[] = { FS_UREG_RBX, FS_UREG_RBP,
	    FS_UREG_RSP, FS_UREG_R12, FS_UREG_R13, FS_UREG_R14, FS_UREG_R15,
	    FS_UREG_RIP };
	const struct user_regs_struct *regs;
	const struct fs_frame_regs *fr = NULL;
	const struct fs_frame *f, *all;
	const char *lang;
	uint64_t ra, base, rsp, at, below;
	struct fs_err e;
	size_t n, nr = 0, i, j, want, k = c->frame;
	char *args = NULL;
	bool outer, any = false;

	(void)arg;
	if (!fs_session_alive(c->s))
		return fail(c, "No stack.");
	if (fs_session_frames_head(c->s, want = k + 2, &all, &n, &e) < 0 ||
	    fs_session_regs(c->s, &regs, &e) < 0)
		return fail_err(c, &e);
	if (k >= n)
		return fail(c, "No stack.");
	f = &all[k];
	outer = k + 1 >= n || (!c->past_main && is_main(f));
	fprintf(c->out, "Stack level %zu, frame at 0x%" PRIx64 ":\n", k,
	    f->cfa);
	fprintf(c->out, " rip = 0x%" PRIx64, f->pc);
	if (f->where.func != NULL)
		fprintf(c->out, " in %s", f->where.func);
	if (f->where.file != NULL)
		fprintf(c->out, " (%s:%u)", f->where.file, f->where.line);
	/* gdb's saved rip is that of the first frame out that is not an
	   inlined call or a tail call, which a tail call frame above it
	   has (made up) in its pc.  */
	for (j = k; j + 1 < n && (all[j].inlined || all[j].tailcall); j++)
		if (j + 2 >= want) {
			/* Frames further out are shown as far as asked.  */
			want = j + 3;
			if (fs_session_frames_head(c->s, want, &all, &n,
			    &e) < 0)
				return fail_err(c, &e);
			f = &all[k];
		}
	if (j + 1 < n && all[j + 1].tailcall)
		fprintf(c->out, "; saved rip = 0x%" PRIx64, all[j + 1].pc);
	else if (all[j].cfa != 0 && !all[j].sigtramp &&
	    fs_session_read(c->s, all[j].cfa - 8, &ra, 8, NULL) == 8)
		fprintf(c->out, "; saved rip = 0x%" PRIx64, ra);
	fputc('\n', c->out);
	if (f->tailcall)
		fprintf(c->out, " tail call frame,");
	else if (f->inlined)
		fprintf(c->out, " inlined into frame %zu%s", k + 1, k > 0 ?
		    "," : "\n");
	else if (!outer && k + 1 < n)
		fprintf(c->out, " called by frame at 0x%" PRIx64 "%s",
		    all[k + 1].cfa, k > 0 ? "," : "\n");
	if (k > 0)
		fprintf(c->out, " caller of frame at 0x%" PRIx64 "\n",
		    all[k - 1].cfa);
	if ((lang = frame_language(f)) != NULL)
		fprintf(c->out, " source language %s.\n", lang);
	if (f->inlined || f->tailcall) {
		/* gdb knows no base address of an inlined call, nor of a
		   tail call's frame, which is no longer there.  */
		fprintf(c->out, " Arglist at unknown address.\n"
		    " Locals at unknown address, Previous frame's sp in "
		    "rsp\n");
		return 0;
	}
	rsp = k == 0 ? regs->rsp : f->sp;
	base = frame_base(c, f, rsp);
	if (fs_vars_args_line(c->s, (unsigned)k, &args, NULL) < 0)
		args = NULL;
	fprintf(c->out, " Arglist at 0x%" PRIx64 ", args: %s\n", base,
	    args != NULL ? args : "");
	free(args);
	fprintf(c->out, " Locals at 0x%" PRIx64 ", Previous frame's sp is "
	    "0x%" PRIx64 "\n", base, f->cfa);
	if (f->cfa == 0 || f->sigtramp)
		return 0;
	/* What this frame saved is where the caller's registers are,
	   less what frames below had saved already.  */
	if (fs_unwind_regs(fs_session_unwinder(c->s), k + 2, &fr, &nr,
	    NULL) < 0)
		nr = 0;
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (order[i] == FS_UREG_RIP) {
			/* Made up for a tail call frame above, not read.  */
			if (k + 1 < n && all[k + 1].tailcall)
				continue;
			at = f->cfa - 8;
		} else if (order[i] == FS_UREG_RSP || k + 1 >= nr)
			continue;
		else {
			at = fr[k + 1].saved_at[order[i]];
			below = fr[k].saved_at[order[i]];
			if (at == 0 || at == below)
				continue;
		}
		fprintf(c->out, "%s %s at 0x%" PRIx64, any ? "," :
		    " Saved registers:\n ", fs_ureg_name(order[i]), at);
		any = true;
	}
	if (any)
		fputc('\n', c->out);
	return 0;
}


static int
info_threads(struct cmd_ctx *c, char *arg)
{
	struct user_regs_struct r;
	struct fs_lineinfo li;
	struct fs_module *mod;
	struct fs_dwarf *dw;
	const pid_t *tids;
	struct fs_where w;
	struct fs_err e;
	char name[64], tid[64], (*id)[128];
	size_t i, n;
	int width = 9, len;
	pid_t cur;

	(void)arg;
	if (!fs_session_alive(c->s)) {
		fprintf(c->out, "No threads.\n");
		return 0;
	}
	if (fs_session_threads(c->s, &tids, &n, &cur, &e) < 0)
		return fail_err(c, &e);
	if ((id = calloc(n, sizeof *id)) == NULL)
		return fail(c, "out of memory");
	/* gdb sizes the Target Id column to its longest entry.  */
	for (i = 0; i < n; i++) {
		thread_name(fs_session_pid(c->s), tids[i], name, sizeof name);
		len = snprintf(id[i], sizeof id[i], "%s \"%s\"",
		    thread_id(c, tids[i], tid, sizeof tid), name);
		if (len > width && len < (int)sizeof id[i])
			width = len;
	}
	fprintf(c->out, "  Id   %-*s Frame \n", width, "Target Id");
	for (i = 0; i < n; i++) {
		if (fs_session_thread_regs(c->s, tids[i], &r, NULL) < 0)
			continue;
		fprintf(c->out, "%c %-4d %-*s ", tids[i] == cur ? '*' : ' ',
		    fs_session_thread_num(c->s, tids[i]), width, id[i]);
		fs_modules_where(fs_session_modules(c->s), r.rip, r.rip, &w);
		/* The address only where the pc is not at a line's start.  */
		if (w.file == NULL || (mod = w.mod) == NULL ||
		    (dw = fs_module_dwarf(mod)) == NULL ||
		    fs_dwarf_line_at(dw, r.rip - mod->bias, &li) < 0 ||
		    li.lo != r.rip - mod->bias)
			fprintf(c->out, "0x%016llx in ",
			    (unsigned long long)r.rip);
		fprintf(c->out, "%s ()", w.func ? w.func : "??");
		if (w.file != NULL)
			fprintf(c->out, " at %s:%u", w.file, w.line);
		else if (w.mod != NULL && !w.mod->is_exec)
			fprintf(c->out, " from %s", w.mod->path);
		fputc('\n', c->out);
	}
	free(id);
	return 0;
}

/* gdb's `thread [N]`: show or switch the current thread (N counts from 1
   in `info threads` order).  */
static int
c_thread(struct cmd_ctx *c, char *arg)
{
	const pid_t *tids;
	pid_t tid;
	struct fs_err e;
	char id[96];
	size_t n, i;
	pid_t cur;
	char *end;
	long num;

	if (!fs_session_alive(c->s))
		return fail(c, "No thread selected.");
	if (fs_session_threads(c->s, &tids, &n, &cur, &e) < 0)
		return fail_err(c, &e);
	arg = skip(arg);
	if (*arg == '\0') {
		fprintf(c->out, "[Current thread is %d (%s)]\n",
		    fs_session_thread_num(c->s, cur), thread_id(c, cur, id,
		    sizeof id));
		return 0;
	}
	num = strtol(arg, &end, 10);
	for (i = 0; i < n && fs_session_thread_num(c->s, tids[i]) != num; i++)
		;
	if (*skip(end) != '\0' || end == arg || num < 1 || i == n)
		return fail(c, "Invalid thread ID: %s", arg);
	/* The list is the session's until it is asked again.  */
	tid = tids[i];
	if (fs_session_select_thread(c->s, tid, &e) < 0)
		return fail_err(c, &e);
	c->frame = 0;
	c->last_tid = tid;
	fprintf(c->out, "[Switching to thread %ld (%s)]\n", num,
	    thread_id(c, tid, id, sizeof id));
	cmd_print_frame(c, 0, true);
	return 0;
}

static int
c_info(struct cmd_ctx *c, char *arg)
{
	static const struct {
		const char *name;
		size_t min;
		int (*fn)(struct cmd_ctx *, char *);
	} subs[] = {
		{ "breakpoints", 1, info_breakpoints },
		{ "registers", 1, info_registers },
		{ "signals", 3, info_signals },
		{ "handle", 1, info_signals },
		{ "sharedlibrary", 2, info_sharedlibrary },
		{ "frame", 1, info_frame_cmd },
		{ "locals", 2, info_locals },
		{ "args", 2, info_args },
		{ "threads", 2, info_threads },
		{ "skip", 2, info_skip },
		{ "display", 2, info_display },
		{ "watchpoints", 3, info_watchpoints },
	};
	char *w = word(&arg);
	size_t i, len;

	if (w == NULL)
		return fail(c, "List of info subcommands: args, breakpoints, "
		    "display, frame, locals, registers, sharedlibrary, "
		    "signals, skip, threads, watchpoints.");
	len = strlen(w);
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (len >= subs[i].min && strncmp(subs[i].name, w, len) == 0)
			return subs[i].fn(c, arg);
	return fail(c, "Undefined info command: \"%s\".  Try \"help info\".",
	    w);
}

static int
c_set(struct cmd_ctx *c, char *arg)
{
	char *w = word(&arg), *v;

	if (w == NULL)
		return fail(c, "Argument required (expression to compute).");
	if (strcmp(w, "backtrace") == 0 && (w = word(&arg)) != NULL &&
	    strcmp(w, "past-main") == 0) {
		v = word(&arg);
		c->past_main = v == NULL || strcmp(v, "on") == 0;
		return 0;
	}
	if (strcmp(w, "disassembly-flavor") == 0 && (v = word(&arg)) != NULL) {
		if (strcmp(v, "intel") == 0)
			c->intel = true;
		else if (strcmp(v, "att") == 0)
			c->intel = false;
		else
			return fail(c, "Undefined item: \"%s\".", v);
		return 0;
	}
	if (strcmp(w, "breakpoint") == 0 && (w = word(&arg)) != NULL &&
	    strcmp(w, "pending") == 0) {
		v = word(&arg);
		if (v == NULL || strcmp(v, "on") == 0)
			c->bp_pending = 1;
		else if (strcmp(v, "off") == 0)
			c->bp_pending = -1;
		else if (strcmp(v, "auto") == 0)
			c->bp_pending = 0;
		else
			return fail(c, "\"on\", \"off\" or \"auto\" "
			    "expected.");
		return 0;
	}
	if (strcmp(w, "disable-randomization") == 0) {
		v = word(&arg);
		fs_session_set_aslr(c->s, v != NULL && strcmp(v, "off") == 0);
		return 0;
	}
	return fail(c, "No symbol \"%s\" in current context.", w);
}

/* gdb's echo: the text as is, with C escapes; "\n" ends a line.  */
static int
c_echo(struct cmd_ctx *c, char *arg)
{
	char *p;

	for (p = arg; *p != '\0'; p++) {
		if (*p != '\\' || p[1] == '\0') {
			fputc(*p, c->out);
			continue;
		}
		switch (*++p) {
		case 'n': fputc('\n', c->out); break;
		case 't': fputc('\t', c->out); break;
		case '\\': fputc('\\', c->out); break;
		case '"': fputc('"', c->out); break;
		default: fputc(*p, c->out); break;
		}
	}
	return 0;
}

static int c_help(struct cmd_ctx *, char *);

static const struct cmd_entry commands[] = {
	{ "attach", { NULL }, c_attach, "attach PID -- attach to a running process" },
	{ "awatch", { NULL }, c_awatch, "awatch EXPR [if COND] -- stop when the program reads or writes EXPR" },
	{ "backtrace", { "bt", "where", NULL }, c_bt, "backtrace [N] [-past-main] -- print the frames" },
	{ "break", { "b", "br", NULL }, c_break, "break [FUNCTION|FILE:LINE|LINE|*ADDRESS] [if EXPR] -- set a breakpoint" },
	{ "condition", { NULL }, c_condition, "condition N [EXPR] -- breakpoint N stops only where EXPR is true (no EXPR: always)" },
	{ "continue", { "c", "cont", NULL }, c_continue, "continue [N] -- resume the program" },
	{ "delete", { "d", NULL }, c_delete, "delete [N...] -- delete breakpoints (all without N)" },
	{ "catch", { NULL }, c_catch, "catch panic -- stop where a Rust panic starts (break rust_panic)" },
	{ "detach", { NULL }, c_detach, "detach -- let the process run on, untraced" },
	{ "disable", { "disa", "dis", NULL }, c_disable, "disable [N...] -- disable breakpoints" },
	{ "display", { NULL }, NULL, "display[/FMT] [EXPR] -- print EXPR at every stop (FMT: print's letters, or i and s as x shows them); alone, show them all now" },
	{ "disassemble", { NULL }, NULL, "disassemble[/r] [FUNCTION|ADDRESS|START,END|START,+LENGTH] -- the machine code, => at the pc" },
	{ "down", { "do", NULL }, c_down, "down [N] -- select the frame N below" },
	{ "dump", { NULL }, c_dump, "dump FILE -- write a JSON snapshot of every stop from now on to FILE" },
	{ "echo", { NULL }, c_echo, "echo TEXT -- print TEXT (C escapes: \\n, \\t)" },
	{ "enable", { NULL }, c_enable, "enable [N...] -- enable breakpoints" },
	{ "finish", { "fin", NULL }, c_finish, "finish -- run until the selected frame returns" },
	{ "frames", { NULL }, c_frames, "frames [-ascii|-unicode] [N] -- draw the stack, every 8-byte word explained" },
	{ "frame", { "f", "fr", "fra", NULL }, c_frame, "frame [N] -- select and print frame N" },
	{ "handle", { NULL }, c_handle, "handle SIGNAL [no]stop [no]print [no]pass -- signal disposition" },
	{ "help", { "h", NULL }, c_help, "help -- list commands" },
	{ "ignore", { NULL }, c_ignore, "ignore N COUNT -- let the program past the next COUNT hits of breakpoint N" },
	{ "info", { "i", NULL }, c_info, "info args|breakpoints|display|frame|locals|registers|sharedlibrary|signals|skip|threads|watchpoints" },
	{ "kill", { "k", NULL }, c_kill, "kill -- kill the program" },
	{ "list", { "l", NULL }, c_list, "list [LINE|FUNCTION|FILE:LINE|A,B|-] -- list source lines" },
	{ "next", { "n", NULL }, c_next, "next [N] -- next source line, stepping over calls" },
	{ "nexti", { "ni", NULL }, c_nexti, "nexti [N] -- next instruction, stepping over calls" },
	{ "print", { "p", "inspect", NULL }, NULL, "print[/FMT] [EXPR] -- print the value of EXPR (variables, . -> [] * &, arithmetic, $registers, history $ $$ $$N $N, ADDR@COUNT; FMT: x d u o t c a z); alone, the last value again" },
	{ "rwatch", { NULL }, c_rwatch, "rwatch EXPR [if COND] -- stop when the program reads EXPR" },
	{ "ptype", { NULL }, c_ptype, "ptype EXPR -- the type of EXPR, its struct, union or enum written out" },
	{ "quit", { "q", "exit", NULL }, c_quit, "quit -- leave (kill a launched program, detach an attached one)" },
	{ "run", { "r", NULL }, c_run, "run -- start the program" },
	{ "set", { NULL }, c_set, "set backtrace past-main on|off, set breakpoint pending on|off|auto, set disassembly-flavor att|intel, set disable-randomization on|off" },
	{ "skip", { NULL }, c_skip, "skip [function] [NAME] | skip file [FILE] | skip delete [N...] -- what step does not enter" },
	{ "snapshot", { NULL }, c_snapshot, "snapshot [-brief] [FILE] -- write the current stop as JSON: frames, their variables and every stack word (-brief: frames only)" },
	{ "start", { NULL }, c_start, "start -- run to main" },
	{ "step", { "s", NULL }, c_step, "step [N] -- next source line, entering calls" },
	{ "stepi", { "si", NULL }, c_stepi, "stepi [N] -- one machine instruction" },
	{ "tbreak", { NULL }, c_tbreak, "tbreak LOCATION -- set a temporary breakpoint" },
	{ "thread", { NULL }, c_thread, "thread [N] -- show or switch the current thread" },
	{ "undisplay", { NULL }, c_undisplay, "undisplay [N...] -- delete displays (all without N); also delete display, enable display [N...], disable display [N...]" },
	{ "up", { NULL }, c_up, "up [N] -- select the frame N above" },
	{ "watch", { "wa", NULL }, c_watch, "watch EXPR [if COND] -- stop when the program changes EXPR (a hardware watchpoint)" },
	{ "whatis", { NULL }, c_whatis, "whatis EXPR -- the type of EXPR, by name" },
	{ "x", { NULL }, NULL, "x/NFU [ADDRESS] -- examine memory (F: x d u o t a c f s i; U: b h w g); no ADDRESS: on from the last" },
};

static int
c_help(struct cmd_ctx *c, char *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(c->out, "%s\n", commands[i].help);
	return 0;
}

static const struct cmd_entry *
lookup(const char *name)
{
	const struct cmd_entry *found = NULL;
	size_t i, k, len = strlen(name);

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
		for (k = 0; commands[i].aliases[k] != NULL; k++)
			if (strcmp(commands[i].aliases[k], name) == 0)
				return &commands[i];
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strncmp(commands[i].name, name, len) != 0)
			continue;
		if (found != NULL)
			return NULL;	/* ambiguous */
		found = &commands[i];
	}
	return found;
}

int
cmd_exec(struct cmd_ctx *c, const char *line)
{
	const struct cmd_entry *ce;
	char *buf, *p, *name, *fmt = NULL;
	int r;

	if ((buf = strdup(line)) == NULL)
		return fail(c, "out of memory");
	p = skip(buf);
	if (*p == '\0' || *p == '#') {
		free(buf);
		return 0;
	}
	name = p;
	while (*p != '\0' && !isspace((unsigned char)*p) && *p != '/')
		p++;
	if (*p == '/') {
		*p++ = '\0';
		fmt = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	} else if (*p != '\0')
		*p++ = '\0';
	if (strcmp(name, "x") == 0)
		r = c_x(c, p, fmt);
	else if (strcmp(name, "print") == 0 || strcmp(name, "p") == 0 ||
	    strcmp(name, "inspect") == 0)
		r = c_print(c, p, fmt);
	else if (strcmp(name, "display") == 0)
		r = c_display(c, p, fmt);
	else if (strlen(name) >= 5 && strncmp(name, "disassemble",
	    strlen(name)) == 0)
		r = c_disassemble(c, p, fmt);
	else if ((ce = lookup(name)) == NULL || ce->fn == NULL)
		r = fail(c, "Undefined command: \"%s\".  Try \"help\".", name);
	else if (fmt != NULL)
		r = fail(c, "Undefined command: \"%s/%s\".  Try \"help\".",
		    name, fmt);
	else
		r = ce->fn(c, p);
	fflush(c->out);
	if (c->dump != NULL && fflush(c->dump) == EOF)
		r = fail(c, "cannot write the dump: %s", strerror(errno));
	free(buf);
	if (r < 0)
		c->failed++;
	return r;
}

int
cmd_source(struct cmd_ctx *c, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int r = 0;

	if ((f = fopen(path, "re")) == NULL) {
		c->failed++;
		return fail(c, "%s: %s.", path, strerror(errno));
	}
	while (!c->quit && (len = getline(&line, &cap, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (cmd_exec(c, line) < 0)
			r = -1;
	}
	free(line);
	fclose(f);
	return r;
}
