/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd: gdb's command language over an fs_session (see include/cmd.h):
 * the words of a line, the lookup of a command in the families' tables
 * (src/cmd_int.h) by its name, an alias, or any prefix that names it
 * alone, as in gdb ("cont", "fin", "disp"), and the commands that belong
 * to no family (info, set, echo, help).
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
#include "cmd_int.h"
#include "fs_guard.h"
#include "fs_sbuf.h"
#include "fs_skip.h"
#include "fs_insn.h"
#include "fs_record.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"

int
cmd_fail(struct cmd_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
	fflush(c->err);
	return -1;
}

int
cmd_fail_err(struct cmd_ctx *c, const struct fs_err *e)
{
	/* gdb ends a resume refused for a breakpoint it could not insert
	   so.  */
	if (e->code == FS_E_INSERT)
		return cmd_fail(c, "%s\nCommand aborted.", e->msg);
	return cmd_fail(c, "%s", e->msg[0] ? e->msg : fs_strerror(e->code));
}

/* Skip blanks; returns the rest.  */
char *
cmd_skip(char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* ARG without the blanks around it.  */
char *
cmd_trim(char *arg)
{
	char *end;

	arg = cmd_skip(arg);
	end = arg + strlen(arg);
	while (end > arg && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return arg;
}

/* Cut the next word off *P.  */
char *
cmd_word(char **p)
{
	char *w = cmd_skip(*p), *end;

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

/* A setting's on|off as gdb takes it (1, yes, enable; 0, no, disable;
   nothing is on): 1, 0, or -1 for anything else.  */
int
cmd_on_off(const char *v)
{
	if (v == NULL || strcmp(v, "on") == 0 || strcmp(v, "1") == 0 ||
	    strcmp(v, "yes") == 0 || strcmp(v, "enable") == 0)
		return 1;
	if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0 ||
	    strcmp(v, "no") == 0 || strcmp(v, "disable") == 0)
		return 0;
	return -1;
}

/* gdb's types of $_ and $__ after x: intN_t for the unit, and
   pointers to them, 8 and 4 bytes.  */
static const struct fs_type x_ints[4] = {
	{ .kind = FS_TYPE_BASE, .name = "int8_t", .size = 1,
	    .encoding = FS_ATE_SIGNED },
	{ .kind = FS_TYPE_BASE, .name = "int16_t", .size = 2,
	    .encoding = FS_ATE_SIGNED },
	{ .kind = FS_TYPE_BASE, .name = "int32_t", .size = 4,
	    .encoding = FS_ATE_SIGNED },
	{ .kind = FS_TYPE_BASE, .name = "int64_t", .size = 8,
	    .encoding = FS_ATE_SIGNED },
};
static const struct fs_type x_ptrs[2][5] = {
	{ { .kind = FS_TYPE_POINTER, .size = 8, .target = &x_ints[0] },
	  { .kind = FS_TYPE_POINTER, .size = 8, .target = &x_ints[1] },
	  { .kind = FS_TYPE_POINTER, .size = 8, .target = &x_ints[2] },
	  { .kind = FS_TYPE_POINTER, .size = 8, .target = &x_ints[3] },
	  { .kind = FS_TYPE_POINTER, .size = 8 } },
	{ { .kind = FS_TYPE_POINTER, .size = 4, .target = &x_ints[0] },
	  { .kind = FS_TYPE_POINTER, .size = 4, .target = &x_ints[1] },
	  { .kind = FS_TYPE_POINTER, .size = 4, .target = &x_ints[2] },
	  { .kind = FS_TYPE_POINTER, .size = 4, .target = &x_ints[3] },
	  { .kind = FS_TYPE_POINTER, .size = 4 } },
};
static const struct fs_type x_void = { .kind = FS_TYPE_VOID };

void
cmd_set_examined(struct cmd_ctx *c, uint64_t addr, unsigned unit,
    const uint8_t *val)
{
	const struct fs_type *pt;
	unsigned k = unit == 1 ? 0 : unit == 2 ? 1 : unit == 4 ? 2 :
	    unit == 8 ? 3 : 4;
	bool w4 = fs_session_arch(c->s)->word == 4;
	uint8_t b[8];

	/* The history holds the convenience variables.  */
	if (cmd_history(c) == NULL)
		return;
	pt = &x_ptrs[w4][k];
	memcpy(b, &addr, 8);
	(void)fs_vars_conv_set(c->hist, "_", pt, b, (size_t)pt->size, NULL);
	if (k == 4)
		return;
	if (val != NULL)
		(void)fs_vars_conv_set(c->hist, "__", &x_ints[k], val, unit,
		    NULL);
	else
		(void)fs_vars_conv_set(c->hist, "__", &x_void, b, 0, NULL);
}

/* Run LINE with C's output to memory: *OUT, NUL-terminated (NULL when
   out of memory), and cmd_exec's result.  */
int
cmd_exec_captured(struct cmd_ctx *c, const char *line, char **out, size_t *len)
{
	FILE *mo, *so = c->out, *se = c->err;
	int rc;

	*out = NULL;
	*len = 0;
	if ((mo = open_memstream(out, len)) == NULL)
		return cmd_exec(c, line);
	c->out = c->err = mo;
	rc = cmd_exec(c, line);
	c->out = so;
	c->err = se;
	fclose(mo);
	return rc;
}

char *
cmd_apply_flags(char *arg, bool *asc, bool *quiet, bool *cont, bool *silent)
{
	char *w;

	for (;;) {
		if (*arg != '-' || arg[1] == '\0')
			return arg;
		w = arg;
		while (*arg != '\0' && !isspace((unsigned char)*arg))
			arg++;
		if (*arg != '\0')
			*arg++ = '\0';
		arg = cmd_skip(arg);
		if (strcmp(w, "--") == 0)
			return arg;
		if (asc != NULL && strcmp(w, "-ascending") == 0)
			*asc = true;
		else if (strcmp(w, "-q") == 0)
			*quiet = true;
		else if (strcmp(w, "-c") == 0)
			*cont = true;
		else if (strcmp(w, "-s") == 0)
			*silent = true;
		else {
			/* Not a flag: the command, as gdb takes it.  */
			if (arg > w + strlen(w))
				w[strlen(w)] = ' ';
			return w;
		}
	}
}

/* gdb's $_exitcode and $_exitsignal (ints) after the program ended:
   the one that tells how, the other void.  */
void
cmd_set_exit(struct cmd_ctx *c, int code, int sig)
{
	static const struct fs_type t_int = { .kind = FS_TYPE_BASE,
	    .name = "int", .size = 4, .encoding = FS_ATE_SIGNED };
	int32_t v = sig != 0 ? sig : code;
	uint8_t b[4];

	if (cmd_history(c) == NULL)
		return;
	memcpy(b, &v, 4);
	(void)fs_vars_conv_set(c->hist, sig != 0 ? "_exitsignal" :
	    "_exitcode", &t_int, b, 4, NULL);
	(void)fs_vars_conv_set(c->hist, sig != 0 ? "_exitcode" :
	    "_exitsignal", &x_void, b, 0, NULL);
}

/* An optional count argument (default DEF).  */
int
cmd_count_arg(struct cmd_ctx *c, char *arg, unsigned long def, unsigned long *n)
{
	char *end;

	arg = cmd_skip(arg);
	if (*arg == '\0') {
		*n = def;
		return 0;
	}
	errno = 0;
	*n = strtoul(arg, &end, 0);
	if (errno != 0 || *cmd_skip(end) != '\0' || arg[0] == '-')
		return cmd_fail(c, "Invalid number \"%s\".", arg);
	return 0;
}

/* ------------------------------------------------------------- callbacks */

/* FRAMESCOPE_DUMP_CHECK: the snapshot of the stop made whole, with a map
   (which has seen every stop, for what changed) and variables of its
   own, nothing taken from a stop before; NULL on failure, told.  */
static char *
dump_check_whole(struct cmd_ctx *c)
{
	struct fs_err e;
	char *whole = NULL;

	if (c->chk_anat == NULL) {
		if ((c->chk_prov = calloc(1, sizeof *c->chk_prov)) == NULL ||
		    fs_anatomy_new(&c->chk_anat, &e) < 0) {
			free(c->chk_prov);
			c->chk_prov = NULL;
			c->dump_check = false;
			return NULL;
		}
		fs_anatomy_set_provider(c->chk_anat, fs_vars_provide,
		    c->chk_prov);
		fs_anatomy_set_incremental(c->chk_anat, false);
	}
	c->chk_n++;
	if (fs_snapshot_string_cached(c->s, c->chk_anat, NULL, &whole,
	    &e) < 0) {
		fprintf(c->err, "dump check: stop %lu: %s\n",
		    fs_session_stop(c->s)->number, e.msg);
		c->chk_bad++;
		whole = NULL;
	}
	fs_vars_provider_clear(c->chk_prov);
	return whole;
}

/* LINE, the --dump line of stop STOP, against WHOLE: a difference is
   told on the error stream with the first byte that differs; cmd_fini
   counts them.  */
static void
dump_check(struct cmd_ctx *c, unsigned long stop, const char *line,
    const char *whole)
{
	size_t i;

	if (whole == NULL || strcmp(whole, line) == 0)
		return;
	for (i = 0; whole[i] == line[i]; i++)
		;
	fprintf(c->err, "dump check: stop %lu differs from the whole "
	    "snapshot at byte %zu: ...%.120s against ...%.120s\n", stop, i,
	    line + (i > 40 ? i - 40 : 0), whole + (i > 40 ? i - 40 : 0));
	c->chk_bad++;
}

/* The stop's --dump line, begun: its map made and all it needs read
   from the process, spliced from the texts of the stops before it in
   this command; cmd_dump_flush makes and writes it.  */
static int
dump_begin(struct cmd_ctx *c, struct fs_err *e)
{
	/* Whole: no frame's variables taken from the stop before.  */
	if (c->snap_full && c->prov != NULL)
		fs_vars_provider_forget(c->prov);
	if (cmd_anatomy(c, e) < 0)
		return -1;
	fs_anatomy_set_incremental(c->anat, !c->snap_full);
	if (!c->snap_full && c->dumpcache == NULL &&
	    fs_snapcache_new(&c->dumpcache, e) < 0)
		return -1;
	fs_snapcache_set_provider(c->dumpcache, c->prov);
	if (fs_snapshot_begin(c->s, c->anat, c->snap_full ? NULL :
	    c->dumpcache, &c->dump_later, e) < 0)
		return -1;
	if (c->dump_check) {
		c->chk_stop = fs_session_stop(c->s)->number;
		c->chk_whole = dump_check_whole(c);
	}
	return 0;
}

/* The --dump line begun, if any, made and written.  It reads nothing
   of the process: it is made while the next single step runs.  */
void
cmd_dump_flush(struct cmd_ctx *c)
{
	struct fs_snaplater *l = c->dump_later;
	struct fs_err e;
	char *line;

	if (l == NULL)
		return;
	c->dump_later = NULL;
	if (fs_snapshot_finish(l, &line, &e) < 0)
		fprintf(c->err, "%s\n", e.msg);
	else {
		if (c->dump_check)
			dump_check(c, c->chk_stop, line, c->chk_whole);
		if (c->dump != NULL) {
			fputs(line, c->dump);
			fputc('\n', c->dump);
		}
		free(line);
	}
	free(c->chk_whole);
	c->chk_whole = NULL;
}

static void
step_cb(void *arg)
{
	cmd_dump_flush(arg);
}

static void
stop_cb(struct fs_session *s, void *arg)
{
	struct cmd_ctx *c = arg;
	struct fs_err e;

	const struct fs_stop *st = fs_session_stop(s);

	c->frame = 0;
	/* --record: from the first stop the user is shown (not the launch's
	   entry in the dynamic loader, which run goes on from).  */
	if (c->record_first && st->reason != FS_STOP_ENTRY &&
	    st->reason != FS_STOP_EXITED && st->reason != FS_STOP_NONE &&
	    fs_session_record(s) == NULL && fs_session_alive(s)) {
		c->record_first = false;
		if (fs_session_record_start(s, &e) == 0)
			fs_record_set_max(fs_session_record(s), c->rec_max);
		else
			fprintf(c->err, "%s\n", e.msg);
	}
	cmd_dump_flush(c);
	if (c->dump != NULL) {
		/* Flushed when the command ends, not at every stop of a
		   `stepi 100000`: a write(2) per stop would cost more than
		   the stop.  */
		/* Every stop in full: frames, variables and slots.  The text
		   is made while the next single step runs (both cores work),
		   or now when a front end is shown the stop or the step may
		   not come.  */
		if (dump_begin(c, &e) < 0)
			fprintf(c->err, "%s\n", e.msg);
		else if (c->dump_nooverlap || c->on_stop != NULL ||
		    c->evaluating)
			cmd_dump_flush(c);
		c->dumped++;
	}
	if (c->evaluating) {
		/* A function print called stopped: shown now, before the
		   call's error says so (and before a signal unwinds it).  */
		cmd_print_stop(c, false);
		fflush(c->out);
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

/* A dprintf's hit: its printf in frame 0; an error stops, as in gdb. */
static int
dprintf_cb(struct fs_session *s, const struct fs_breakpoint *bp, void *arg)
{
	struct cmd_ctx *c = arg;
	unsigned frame = c->frame;
	char *text;
	int r;

	(void)s;
	if ((text = strdup(bp->dprintf)) == NULL)
		return 1;
	c->frame = 0;
	r = cmd_printf_line(c, text);
	c->frame = frame;
	free(text);
	fflush(c->out);
	return r < 0;
}

/* gdb's lines for a thread the program makes or ends.  */
static void
thread_cb(struct fs_session *s, pid_t tid, uint64_t fs_base, bool exited,
    void *arg)
{
	struct cmd_ctx *c = arg;

	(void)s;
	if (!cmd_setting(c, "print thread-events"))
		return;
	if (exited)
		fprintf(c->out, "[Thread 0x%" PRIx64 " (LWP %d) exited]\n",
		    fs_base, (int)tid);
	else
		fprintf(c->out, "[New Thread 0x%" PRIx64 " (LWP %d)]\n",
		    fs_base, (int)tid);
}

/* gdb's lines for what the session did with the processes of a fork, and
   for an exec.  */
static void
note_cb(struct fs_session *s, const struct fs_note *n, void *arg)
{
	struct cmd_ctx *c = arg;
	const char *fork = n->vfork ? "vfork" : "fork";
	struct user_regs_struct r;

	switch (n->kind) {
	case FS_NOTE_FORK_DETACH:
		fprintf(c->out, "[Detaching after %s from child process %d]\n",
		    fork, (int)n->child);
		break;
	case FS_NOTE_FORK_FOLLOW:
		/* The thread that forked as gdb names it: by its pthread_t
		   when it has one.  */
		if (fs_session_thread_regs(s, n->tid, &r, NULL) == 0 &&
		    r.fs_base != 0)
			fprintf(c->out, "[Attaching after Thread 0x%llx (LWP %d) "
			    "%s to child process %d]\n",
			    (unsigned long long)r.fs_base, (int)n->tid, fork,
			    (int)n->child);
		else
			fprintf(c->out, "[Attaching after process %d %s to "
			    "child process %d]\n", (int)n->pid, fork,
			    (int)n->child);
		fprintf(c->out, "[New inferior %d (process %d)]\n",
		    n->child_inferior, (int)n->child);
		/* The next stop is in another thread: gdb says it
		   switched.  */
		c->last_tid = n->tid;
		break;
	case FS_NOTE_PARENT_DETACH:
		fprintf(c->out, "[Detaching after fork from parent process "
		    "%d]\n[Inferior %d (process %d) detached]\n", (int)n->pid,
		    n->inferior, (int)n->pid);
		break;
	case FS_NOTE_VFORK_PARENT:
		fprintf(c->out, "[Detaching vfork parent process %d after child "
		    "%s]\n[Inferior %d (process %d) detached]\n", (int)n->pid,
		    n->exec ? "exec" : "exit", n->inferior, (int)n->pid);
		break;
	case FS_NOTE_EXEC:
		fprintf(c->out, "process %d is executing new program: %s\n",
		    (int)n->pid, n->path);
		/* The old program's types are freed: --dump's texts keyed
		   by them go.  */
		cmd_dump_flush(c);
		fs_snapcache_clear(c->dumpcache);
		if (c->prov != NULL)
			fs_vars_provider_clear(c->prov);
		if (c->gprov != NULL)
			fs_vars_provider_forget(c->gprov);
		break;
	}
	fflush(c->out);
}

int
cmd_init(struct cmd_ctx *c, struct fs_session *s, FILE *out, FILE *err)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->out = out;
	c->err = err;
	c->rec_max = FS_RECORD_DEFAULT_MAX;
	cmd_settings_init(c);
	if ((c->src = fs_source_new()) == NULL)
		return -1;
	fs_session_on_stop(s, stop_cb, c);
	fs_session_on_step(s, step_cb, c);
	fs_session_on_signal(s, signal_cb, c);
	fs_session_on_thread(s, thread_cb, c);
	fs_session_on_condition(s, cond_cb, c);
	fs_session_on_watch_eval(s, cmd_watch_eval, c);
	fs_session_on_dprintf(s, dprintf_cb, c);
	fs_session_on_note(s, note_cb, c);
	return 0;
}

/* A slot map maker and its provider.  */
static void
maps_free(struct fs_anatomy **a, struct fs_vars_provider **p)
{
	fs_anatomy_free(*a);
	*a = NULL;
	if (*p != NULL)
		fs_vars_provider_clear(*p);
	free(*p);
	*p = NULL;
}

void
cmd_fini(struct cmd_ctx *c)
{
	cmd_dump_flush(c);
	if (c->dump != NULL)
		fclose(c->dump);
	c->dump = NULL;
	free(c->dumpbuf);
	c->dumpbuf = NULL;
	if (c->chk_n > 0)
		fprintf(c->err, "dump check: %lu snapshots compared, %lu "
		    "differed\n", c->chk_n, c->chk_bad);
	maps_free(&c->chk_anat, &c->chk_prov);
	fs_source_free(c->src);
	c->src = NULL;
	free(c->search_re);
	c->search_re = NULL;
	cmd_script_free(c);
	fs_snapcache_free(c->dumpcache);
	c->dumpcache = NULL;
	maps_free(&c->anat, &c->prov);
	if (c->gprov != NULL) {
		fs_guard_set_provider(fs_session_guard(c->s), NULL, NULL);
		fs_vars_provider_clear(c->gprov);
	}
	free(c->gprov);
	c->gprov = NULL;
	fs_vars_hist_free(c->hist);
	c->hist = NULL;
	free(c->args_text);
	c->args_text = NULL;
	free(c->cwd_text);
	c->cwd_text = NULL;
	free(c->inferior_tty);
	c->inferior_tty = NULL;
	while (c->ndisplays > 0)
		free(c->displays[--c->ndisplays].expr);
	free(c->displays);
	c->displays = NULL;
}

#define DUMPBUF	(1 << 20)

int
cmd_set_dump(struct cmd_ctx *c, const char *path)
{
	const char *v;
	char *buf;
	FILE *f;

	if ((f = fopen(path, "we")) == NULL)
		return cmd_fail(c, "%s: %s", path, strerror(errno));
	/* A full snapshot is some 20 kB: stdio's own buffer would write
	   each one in two system calls.  */
	if ((buf = malloc(DUMPBUF)) != NULL)
		setvbuf(f, buf, _IOFBF, DUMPBUF);
	c->dump_check = getenv("FRAMESCOPE_DUMP_CHECK") != NULL;
	c->dump_nooverlap = (v = getenv("FRAMESCOPE_DUMP_OVERLAP")) != NULL &&
	    strcmp(v, "0") == 0;
	if (c->dump != NULL)
		fclose(c->dump);
	free(c->dumpbuf);
	c->dump = f;
	c->dumpbuf = buf;
	return 0;
}

/* The families' `info' subcommands and `set' settings.  */
static const struct cmd_sub *const info_tables[] = {
	cmd_break_info, cmd_run_info, cmd_stack_info, cmd_data_info,
	cmd_list_info, cmd_guard_info, cmd_record_info, cmd_env_info,
	cmd_info_info, cmd_shell_info, cmd_symbols_info,
};
static const struct cmd_sub *const set_tables[] = {
	cmd_break_set, cmd_run_set, cmd_stack_set, cmd_mem_set,
	cmd_record_set, cmd_env_set,
};
static const struct cmd_sub *const show_tables[] = {
	cmd_run_show, cmd_stack_show, cmd_record_show, cmd_env_show,
	cmd_script_show,
};
#define NITEMS(a) (sizeof (a) / sizeof (a)[0])

static int
c_info(struct cmd_ctx *c, char *arg)
{
	const struct cmd_sub *sub;
	char *w = cmd_word(&arg);
	size_t i, len;

	if (w == NULL)
		return cmd_fail(c, "List of info subcommands: address, all-registers, args, "
		    "breakpoints, display, frame, functions, line, locals, "
		    "program, record, registers, scope, sharedlibrary, signals, "
		    "skip, source, symbol, threads, types, variables, "
		    "watchpoints.");
	len = strlen(w);
	for (i = 0; i < NITEMS(info_tables); i++)
		for (sub = info_tables[i]; sub->name != NULL; sub++)
			if (len >= sub->min &&
			    strncmp(sub->name, w, len) == 0)
				return sub->fn(c, arg);
	return cmd_fail(c, "Undefined info command: \"%s\".  Try \"help info\".",
	    w);
}

/* Whether ARG starts with the words of NAME; *REST is what follows.  */
static bool
set_match(const char *name, char *arg, char **rest)
{
	char *p = cmd_skip(arg);
	size_t n;

	while (*name != '\0') {
		n = strcspn(name, " ");
		if (strncmp(p, name, n) != 0 || (p[n] != '\0' &&
		    !isspace((unsigned char)p[n])))
			return false;
		p = cmd_skip(p + n);
		name += n;
		while (*name == ' ')
			name++;
	}
	*rest = p;
	return true;
}

static int
c_set(struct cmd_ctx *c, char *arg)
{
	const struct cmd_sub *sub;
	char *rest, *w;
	size_t i;
	int r;

	if (*cmd_skip(arg) == '\0')
		return cmd_fail(c, "Argument required (expression to compute).");
	for (i = 0; i < NITEMS(set_tables); i++)
		for (sub = set_tables[i]; sub->name != NULL; sub++)
			if (set_match(sub->name, arg, &rest))
				return sub->fn(c, rest);
	if ((r = cmd_settings_set(c, arg)) != 1)
		return r;
	/* set var EXPR, set variable EXPR; or an expression, as gdb takes
	   `set x = 3': evaluated for what it stores, nothing printed.  */
	if (set_match("variable", arg, &rest) || set_match("var", arg, &rest))
		return cmd_eval_quiet(c, rest);
	if (strchr(arg, '=') != NULL)
		return cmd_eval_quiet(c, arg);
	w = cmd_word(&arg);
	return cmd_fail(c, "No symbol \"%s\" in current context.", w);
}

/* show SETTING, or every setting that can be shown.  */
static int
c_show(struct cmd_ctx *c, char *arg)
{
	const struct cmd_sub *sub;
	char *rest;
	size_t i;

	for (i = 0; i < NITEMS(show_tables); i++)
		for (sub = show_tables[i]; sub->name != NULL; sub++)
			if (*cmd_skip(arg) == '\0') {
				/* gdb's bare `show' lists settings, not
				   the program's environment.  */
				if (strncmp(sub->name, "env", 3) != 0)
					sub->fn(c, arg);
			}
			else if (set_match(sub->name, arg, &rest))
				return sub->fn(c, rest);
	if (cmd_settings_show(c, arg) != 1 || *cmd_skip(arg) == '\0')
		return 0;
	return cmd_fail(c, "Undefined show command: \"%s\".  Try \"help "
	    "show\".", cmd_skip(arg));
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

static const struct cmd_entry cmd_core_table[] = {
	{ "echo", { NULL }, c_echo, NULL,
	    "echo TEXT -- print TEXT (C escapes: \\n, \\t)" },
	{ "help", { "h", NULL }, c_help, NULL,
	    "help [COMMAND|user-defined] -- list commands, or say what one does" },
	{ "info", { "i", NULL }, c_info, NULL,
	    "info address|args|breakpoints|display|frame|functions|guard|line|locals|program|record|registers|scope|sharedlibrary|signals|skip|slot|source|symbol|threads|types|variables|watchpoints" },
	{ "set", { NULL }, c_set, NULL,
	    "set args ARGS, set backtrace past-main on|off, set backtrace limit N|unlimited, set breakpoint pending on|off|auto, set cwd [DIR], set inferior-tty [FILE], set detach-on-fork on, set disassembly-flavor att|intel, set disable-randomization on|off, set environment VAR [=] VALUE, set exec-direction forward|reverse, set follow-fork-mode parent|child, set record full insn-number-max N|unlimited, set record full emulate on|off, set snapshot incremental on|off, set unwindonsignal on|off, and gdb's confirm, listsize, print elements|repeats|thread-events|inferior-events, trace-commands, startup-with-shell, pagination, width, height ..." },
	{ "show", { NULL }, c_show, NULL,
	    "show args|backtrace limit|cwd|detach-on-fork|inferior-tty|"
	    "disable-randomization|environment [VAR]|exec-direction|"
	    "follow-fork-mode|record full insn-number-max|record full emulate|"
	    "snapshot incremental|unwindonsignal|user [NAME]" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

/* Every family's commands; `help' sorts them by name.  */
static const struct cmd_entry *const tables[] = {
	cmd_core_table, cmd_break_table, cmd_run_table, cmd_stack_table,
	cmd_data_table, cmd_mem_table, cmd_list_table, cmd_guard_table,
	cmd_env_table,
	cmd_record_table, cmd_printf_table, cmd_script_table,
	cmd_shell_table, cmd_flow_table, cmd_symbols_table, cmd_save_table,
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct cmd_entry *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int
c_help(struct cmd_ctx *c, char *arg)
{
	const struct cmd_entry *all[256], *ce;
	size_t i, n = 0;
	char *name = cmd_word(&arg);
	int r;

	if (name != NULL) {
		if ((r = cmd_script_help(c, name)) != 1)
			return r;
		if ((ce = cmd_lookup(name)) == NULL)
			return cmd_fail(c, "Undefined command: \"%s\".  Try "
			    "\"help\".", name);
		fprintf(c->out, "%s\n", ce->help);
		return 0;
	}
	for (i = 0; i < NITEMS(tables); i++)
		for (ce = tables[i]; ce->name != NULL && n < NITEMS(all); ce++)
			all[n++] = ce;
	qsort(all, n, sizeof all[0], entry_cmp);
	for (i = 0; i < n; i++)
		fprintf(c->out, "%s\n", all[i]->help);
	return 0;
}

/* A command by its name or an alias, else by a prefix that names it
   alone, as gdb takes "cont" and "disas".  */
const struct cmd_entry *
cmd_lookup(const char *name)
{
	const struct cmd_entry *found = NULL, *ce;
	size_t i, k, len = strlen(name);

	for (i = 0; i < NITEMS(tables); i++)
		for (ce = tables[i]; ce->name != NULL; ce++) {
			if (strcmp(ce->name, name) == 0)
				return ce;
			for (k = 0; ce->aliases[k] != NULL; k++)
				if (strcmp(ce->aliases[k], name) == 0)
					return ce;
		}
	for (i = 0; i < NITEMS(tables); i++)
		for (ce = tables[i]; ce->name != NULL; ce++) {
			if (strncmp(ce->name, name, len) != 0)
				continue;
			if (found != NULL)
				return NULL;	/* ambiguous */
			found = ce;
		}
	return found;
}

int
cmd_exec_line(struct cmd_ctx *c, const char *line)
{
	const struct cmd_entry *ce;
	char *buf, *p, *name, *fmt = NULL;
	int r;

	if ((buf = strdup(line)) == NULL)
		return cmd_fail(c, "out of memory");
	/* An interrupt asked between commands is not this one's.  */
	fs_cancel_clear();
	cmd_dump_flush(c);
	/* A command may change how values print, or the memory (an
	   assignment): the texts --dump kept are of the commands before,
	   and so are the variables the slot maps were made with, of this
	   stop as of the last.  */
	fs_snapcache_clear(c->dumpcache);
	if (c->prov != NULL)
		fs_vars_provider_clear(c->prov);
	if (c->gprov != NULL)
		fs_vars_provider_forget(c->gprov);
	p = cmd_skip(buf);
	/* A block's lines say so themselves, one + more for each level. */
	if (*p != '\0' && cmd_setting(c, "trace-commands") &&
	    cmd_script_depth(c) == 0)
		fprintf(c->out, "+%s\n", p);
	if (*p == '\0' || *p == '#') {
		free(buf);
		return 0;
	}
	name = p;
	while (*p != '\0' && !isspace((unsigned char)*p) && *p != '/' &&
	    *name != '!')
		p++;
	if (*name == '!') {
		/* gdb's !COMMAND, shell COMMAND.  */
		static char bang[] = "!";

		name = bang;
		p++;
	} else if (*p == '/') {
		*p++ = '\0';
		fmt = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	} else if (*p != '\0')
		*p++ = '\0';
	/* A user command first, by its whole name; then gdb's, then a
	   user command by a prefix.  */
	if (fmt == NULL && (r = cmd_script_user(c, name, p, false)) != 1)
		;
	else if ((ce = cmd_lookup(name)) == NULL && (fmt != NULL ||
	    (r = cmd_script_user(c, name, p, true)) == 1))
		r = cmd_fail(c, "Undefined command: \"%s\".  Try \"help\".", name);
	else if (ce == NULL)
		;
	else if (ce->fmtfn != NULL)
		r = ce->fmtfn(c, p, fmt);
	else if (fmt != NULL)
		r = cmd_fail(c, "Undefined command: \"%s/%s\".  Try \"help\".",
		    name, fmt);
	else
		r = ce->fn(c, p);
	if (r >= 0)
		cmd_lang_check(c);
	fflush(c->out);
	cmd_dump_flush(c);
	if (c->dump != NULL && fflush(c->dump) == EOF)
		r = cmd_fail(c, "cannot write the dump: %s", strerror(errno));
	free(buf);
	if (r < 0)
		c->failed++;
	return r;
}

/* One line of a sourced file, its errors caught: what the command says
   on c->err goes there once it is done, after, when it failed, gdb's
   "PATH:LINE: Error in sourced command file:" (a nested source's error
   has its own under it).  */
static int
source_line(struct cmd_ctx *c, const char *line, const char *path,
    unsigned long lineno)
{
	FILE *err = c->err, *cap;
	char *buf = NULL;
	size_t len = 0;
	int r;

	if ((cap = open_memstream(&buf, &len)) == NULL)
		return cmd_exec(c, line);
	c->err = cap;
	r = cmd_exec(c, line);
	c->err = err;
	fclose(cap);
	fflush(c->out);
	if (r < 0)
		fprintf(err, "%s:%lu: Error in sourced command file:\n", path,
		    lineno);
	fwrite(buf, 1, len, err);
	fflush(err);
	free(buf);
	return r;
}

int
cmd_source(struct cmd_ctx *c, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	FILE *f;
	int r = 0;

	if ((f = fopen(path, "re")) == NULL) {
		c->failed++;
		return cmd_fail(c, "%s: %s.", path, strerror(errno));
	}
	cmd_script_sourcing(c, 1);
	/* gdb stops a file at its first error, and the source that read
	   it fails with it.  */
	while (r == 0 && !c->quit && (len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (source_line(c, line, path, lineno) < 0)
			r = -1;
	}
	/* A block the file left open ends with it.  */
	if (r == 0)
		cmd_script_eof(c);
	else
		cmd_script_cancel(c);
	cmd_script_sourcing(c, -1);
	free(line);
	fclose(f);
	return r;
}
