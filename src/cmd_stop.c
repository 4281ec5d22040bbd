/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_stop: reporting a stop as gdb does: the frame line, the source line, the breakpoint, watchpoint or signal that stopped, threads.
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
#include "fs_syscall.h"
#include "fs_insn.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "cmd_int.h"

static const char *
module_name(const struct fs_frame *f)
{
	return f->where.mod != NULL ? fs_module_name(f->where.mod) : NULL;
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
	/* Said once a file, as gdb says it once a symtab: two rows of a
	   library may name one missing file by different paths (DWARF 5's
	   file 0 and file 1), so the name shown is what counts.  */
	else if (strcmp(c->last_src, f->where.file) != 0 ||
	    !c->last_src_err) {
		fflush(c->out);
		fprintf(c->err, "%u\t%s: No such file or directory.\n",
		    f->where.line, f->where.file);
	} else
		fprintf(c->out, "%u\tin %s\n", f->where.line, f->where.file);
	snprintf(c->last_src, sizeof c->last_src, "%s", f->where.file);
	c->last_src_err = text == NULL;
	/* The next `list' centers on the line shown.  */
	snprintf(c->list_path, sizeof c->list_path, "%s", path);
	snprintf(c->list_name, sizeof c->list_name, "%s", f->where.file);
	c->list_line = f->where.line;
	c->list_first = c->list_last = c->list_listed = 0;
	c->info_line_next = 0;
}

/* Whether frame F's pc is the first address of its line, a statement
   (gdb then does not show the address).  */
static bool
at_line_start(const struct fs_frame *f, bool interrupted)
{
	struct fs_lineinfo li;
	struct fs_dwarf *dw;

	if ((f->phys != 0 && !interrupted) || f->call_site ||
	    f->where.mod == NULL || f->where.file == NULL)
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

	if (f->sigtramp || f->dummy) {
		fs_sbuf_puts(b, f->dummy ? "<function called from framescope>\n" :
		    "<signal handler called>\n");
		return;
	}
	if (show_addr) {
		fs_sbuf_hex(b, f->pc, fs_session_arch(c->s)->addr_digits);
		fs_sbuf_add(b, " in ", 4);
	}
	fs_sbuf_puts(b, f->where.func ? f->where.func : "??");
	fs_sbuf_add(b, " (", 2);
	(void)fs_vars_args_append(c->s, f->index, b, NULL);
	fs_sbuf_add(b, ")", 1);
	if (f->where.file != NULL) {
		fs_sbuf_add(b, " at ", 4);
		fs_sbuf_puts(b, f->where.file);
		fs_sbuf_add(b, ":", 1);
		fs_sbuf_uint(b, f->where.line);
	} else if ((mod = module_name(f)) != NULL &&
	    !f->where.mod->is_exec && !f->where.mod->is_vdso) {
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

/* Frame I's location as a backtrace line has it after "#I  ", into
   B.  */
static void
frame_location(struct cmd_ctx *c, const struct fs_frame *f, unsigned i,
    struct fs_sbuf *b)
{
	bool interrupted;

	/* A frame at the call of an inlined function shows no address,
	   but when the call has no line: its pc is all there is.  */
	/* The frame a called function's dummy frame interrupted is where
	   it was, not in a call: gdb shows it as a stop.  */
	interrupted = i > 0 && f[i - 1].dummy;
	location_line(c, b, &f[i], !f[i].sigtramp && !f[i].dummy &&
	    (!f[i].call_site || f[i].where.file == NULL) &&
	    ((f[i].phys != 0 && !interrupted) ||
	    !at_line_start(&f[i], interrupted)));
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
	frame_location(c, f, i, &b);
	sbuf_write(c, &b);
	if (with_src && !f[i].sigtramp && !f[i].dummy)
		print_source(c, &f[i]);
}

void
cmd_print_location(struct cmd_ctx *c)
{
	struct fs_sbuf b = { NULL, 0, 0, false };
	const struct fs_frame *f;
	size_t n;

	if (fs_session_frames_head(c->s, 1, &f, &n, NULL) < 0 || n == 0)
		return;
	frame_location(c, f, 0, &b);
	sbuf_write(c, &b);
}

/* The name of thread TID, from /proc, for gdb's thread messages.  */
void
cmd_thread_name(pid_t pid, pid_t tid, char *buf, size_t len)
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
const char *
cmd_thread_id(struct cmd_ctx *c, pid_t tid, char *buf, size_t len)
{
	const struct fs_arch *a = fs_session_arch(c->s);
	struct user_regs_struct r;
	uint64_t tp;

	if (fs_session_thread_regs(c->s, tid, &r, NULL) == 0 &&
	    (tp = fs_arch_word(a, (const char *)&r + a->tp)) != 0)
		snprintf(buf, len, "Thread 0x%llx (LWP %d)",
		    (unsigned long long)tp, (int)tid);
	else
		snprintf(buf, len, "LWP %d", (int)tid);
	return buf;
}

/* gdb's number of thread TID: "2", or "2.1" (inferior 2, its thread 1)
   once a fork child has been followed.  */
const char *
cmd_thread_num(struct cmd_ctx *c, pid_t tid, char *buf, size_t len)
{
	if (fs_session_inferior(c->s) > 1)
		snprintf(buf, len, "%d.%d", fs_session_inferior(c->s),
		    fs_session_thread_num(c->s, tid));
	else
		snprintf(buf, len, "%d", fs_session_thread_num(c->s, tid));
	return buf;
}

/* "Thread 2 "name" " before "hit Breakpoint" once the program has had
   several threads (a followed fork child's counts), as gdb says it;
   else "".  */
static void
thread_prefix(struct cmd_ctx *c, pid_t tid, bool hit)
{
	char name[64], num[32];

	if (fs_session_thread_max(c->s) <= 1 &&
	    fs_session_inferior(c->s) <= 1) {
		fputs(hit ? "" : "Program", c->out);
		return;
	}
	cmd_thread_name(fs_session_pid(c->s), tid, name, sizeof name);
	fprintf(c->out, "Thread %s \"%s\"%s", cmd_thread_num(c, tid, num,
	    sizeof num), name, hit ? " hit " : "");
}

void
cmd_remember_location(struct cmd_ctx *c, const struct fs_frame *f)
{
	snprintf(c->last_func, sizeof c->last_func, "%s",
	    f->where.func ? f->where.func : "");
	c->last_cfa = f->cfa;
}

/* gdb's name of a watchpoint of KIND in its messages.  */
const char *
cmd_watch_title(enum fs_bp_kind kind)
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

/* Watchpoint BP's expression taken in the frame it belongs to (frame
   0 for a global), as fs_vars_lvalue.  */
static int
watch_lvalue(struct fs_session *s, const struct fs_breakpoint *bp,
    const uint8_t *p, struct fs_vars_lvalue *lv, struct fs_err *e)
{
	const struct fs_frame *f;
	size_t n, i;
	unsigned fi = 0;

	if (bp->wcfa != 0 && fs_session_frames(s, &f, &n, NULL) == 0)
		for (i = 0; i < n; i++)
			if (f[i].cfa == bp->wcfa && !f[i].inlined) {
				fi = (unsigned)i;
				break;
			}
	return fs_vars_lvalue(s, fi, strncmp(bp->spec, "-location ", 10) ==
	    0 ? bp->spec + 10 : bp->spec, p, lv, e);
}

/* The watched value of watchpoint BP as the LEN bytes at P make it, its
   expression taken in the frame it belongs to (frame 0 for a global).
   *OUT malloc'd, or NULL.  */
static char *
watch_text(struct cmd_ctx *c, const struct fs_breakpoint *bp,
    const uint8_t *p)
{
	struct fs_vars_lvalue lv;

	if (watch_lvalue(c->s, bp, p, &lv, NULL) < 0)
		return NULL;
	free(lv.rvalue);
	if (lv.len != bp->wlen) {
		free(lv.text);
		return NULL;
	}
	return lv.text;
}

int
cmd_watch_move(struct fs_session *s, int number,
    const struct fs_vars_lvalue *lv, struct fs_err *e)
{
	struct fs_watch_dep deps[FS_VARS_MAXDEPS];
	size_t i;

	for (i = 0; i < lv->ndeps; i++) {
		deps[i].addr = lv->deps[i].addr;
		deps[i].len = lv->deps[i].len;
	}
	return fs_session_watch_move(s, number, lv->addr, lv->len, deps,
	    lv->ndeps, lv->rvalue, e);
}

bool
cmd_watch_unreadable(const struct fs_vars_lvalue *lv,
    const struct fs_err *e)
{
	return lv->ndeps > 0 && strncmp(e->msg, "Cannot access memory", 20) ==
	    0;
}

int
cmd_watch_eval(struct fs_session *s, const struct fs_breakpoint *bp,
    void *arg)
{
	struct fs_vars_lvalue lv;
	struct fs_err e;
	int r;

	(void)arg;
	if (watch_lvalue(s, bp, NULL, &lv, &e) < 0) {
		/* p->x with p null: gdb's <unreadable>, until p moves.  */
		if (!cmd_watch_unreadable(&lv, &e))
			return -1;
		lv.len = 0;
	}
	free(lv.text);
	r = cmd_watch_move(s, bp->number, &lv, NULL);
	free(lv.rvalue);
	return r < 0 ? -1 : 0;
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
	fprintf(c->out, "%s %d: %s\n\n", cmd_watch_title(bp->kind), bp->number,
	    bp->spec);
	now = st->wnew != NULL ? watch_text(c, bp, st->wnew) : NULL;
	if (st->wold != NULL || st->wold_unread || st->wnew == NULL) {
		if (st->wold != NULL)
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
			    cmd_thread_id(c, st->tid, id, sizeof id));
		c->last_tid = st->tid;
	} else
		c->last_tid = 0;
	for (n = 0; n < st->nohist; n++)
		fprintf(c->out, "\nNo more reverse-execution history.\n");
	/* A function called from print returned: gdb stops silently, back
	   where the call was made (finish says where it is).  */
	if (st->call_returned && !st->finished)
		return;
	switch (st->reason) {
	case FS_STOP_NONE:
		return;
	case FS_STOP_EXITED:
		cmd_set_exit(c, st->exit_status, st->sig);
		if (st->sig != 0)
			fprintf(c->out, "\nProgram terminated with signal %s, "
			    "%s.\nThe program no longer exists.\n",
			    fs_signame(st->sig), fs_sigdesc(st->sig));
		else if (st->exit_status == 0)
			fprintf(c->out, "[Inferior %d (process %d) exited "
			    "normally]\n", fs_session_inferior(c->s),
			    (int)st->pid);
		else
			fprintf(c->out, "[Inferior %d (process %d) exited with "
			    "code 0%o]\n", fs_session_inferior(c->s),
			    (int)st->pid, st->exit_status);
		c->last_func[0] = '\0';
		return;
	case FS_STOP_BREAKPOINT:
		/* A breakpoint whose commands begin with silent: its
		   commands say what they want.  */
		if (cmd_script_silent(c, st->bpnum)) {
			if (fs_session_frames_head(c->s, 1, &f, &n, NULL) ==
			    0 && n > 0)
				cmd_remember_location(c, &f[0]);
			return;
		}
		fputc('\n', c->out);
		thread_prefix(c, st->tid, true);
		if (st->syscall) {
			const char *name = fs_session_arch(c->s)->syscalls->
			    name(st->sysno);

			/* gdb: "Catchpoint 1 (call to syscall write), " */
			fprintf(c->out, "%s %d (%s syscall ", st->bptemp ?
			    "Temporary catchpoint" : "Catchpoint", st->bpnum,
			    st->sysexit ? "returned from" : "call to");
			if (name != NULL)
				fputs(name, c->out);
			else
				fprintf(c->out, "%" PRIu64, st->sysno);
			fputs("), ", c->out);
			header = true;
			break;
		}
		if ((what = st->catchpoint) != NULL) {
			/* gdb: "Catchpoint 1 (exception thrown), ..." */
			fprintf(c->out, "%s %d (", st->bptemp ?
			    "Temporary catchpoint" : "Catchpoint", st->bpnum);
			if (st->child != 0)
				fprintf(c->out, "%sed process %d", what,
				    (int)st->child);
			else if (st->exec_path != NULL)
				fprintf(c->out, "exec'd %s", st->exec_path);
			else
				fputs(what, c->out);
			fputs("), ", c->out);
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
	case FS_STOP_NO_HISTORY:
		fprintf(c->out, "\nNo more reverse-execution history.\n");
		header = true;
		break;
	case FS_STOP_RECORD:
		if (st->message != NULL && st->message_error) {
			fflush(c->out);
			fprintf(c->err, "%s\n", st->message);
			fflush(c->err);
		} else if (st->message != NULL)
			fprintf(c->out, "%s\n", st->message);
		fprintf(c->out, "\nProgram stopped.\n");
		header = true;
		break;
	case FS_STOP_WATCHPOINT:
		if (cmd_script_silent(c, st->bpnum))
			return;
		print_watch_hit(c, st);
		header = true;
		break;
	case FS_STOP_WATCH_SCOPE:
		for (n = 0; n <= st->nwgone; n++)
			fprintf(c->out, "\nWatchpoint %d deleted because the "
			    "program has left the block in\nwhich its "
			    "expression is valid.\n", n == 0 ? st->bpnum :
			    st->wgone[n - 1]);
		header = true;
		break;
	case FS_STOP_SMASH:
		cmd_print_smash(c);
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
	if (f[0].where.func == NULL)
		header = true;
	else if (st->last_step_known)
		header = header || f[0].where.func_addr != st->last_step_func ||
		    f[0].cfa != st->last_step_cfa;
	else if (!st->step_frame && (strcmp(f[0].where.func,
	    c->last_func) != 0 || f[0].cfa != c->last_cfa))
		header = true;
	addr = (!f[0].call_site || f[0].where.file == NULL) &&
	    !at_line_start(&f[0], false);
	if (header || f[0].where.file == NULL)
		print_location(c, &f[0], addr);
	else if (addr)
		fprintf(c->out, "0x%0*" PRIx64 "\t",
		    (int)fs_session_arch(c->s)->addr_digits, f[0].pc);
	print_source(c, &f[0]);
	cmd_remember_location(c, &f[0]);
	cmd_do_displays(c);
}

/* gdb's <func+off>, and <func> at the function's first byte.  Returns a
   static buffer.  */
const char *
cmd_sym_offset(const char *func, uint64_t off)
{
	static char buf[512];

	if (off == 0)
		snprintf(buf, sizeof buf, "<%s>", func);
	else
		snprintf(buf, sizeof buf, "<%s+%" PRIu64 ">", func, off);
	return buf;
}
