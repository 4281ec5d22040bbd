/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_record: recording and going back in time, with gdb's commands and
 * messages: record (full), record stop, record goto, record save, info
 * record, set record full insn-number-max, the reverse commands
 * (reverse-stepi, -nexti, -step, -next, -finish, -continue and rsi, rni,
 * rs, rn, rc), set exec-direction, and show for their settings.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_recfile.h"
#include "fs_record.h"
#include "fs_snapshot.h"
#include "view_html.h"

static int record_save(struct cmd_ctx *, char *);
static int record_export(struct cmd_ctx *, char *);

/* "1,234,567" into BUF.  */
static const char *
grouped(uint64_t v, char *buf, size_t len)
{
	char tmp[32];
	size_t n, i, o = 0;

	n = (size_t)snprintf(tmp, sizeof tmp, "%" PRIu64, v);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

static int
c_record(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *w = cmd_word(&arg), *rest;

	if (w == NULL || strcmp(w, "full") == 0) {
		if (*cmd_skip(arg) != '\0')
			return cmd_fail(c, "Junk at end of arguments.");
		if (fs_session_record_start(c->s, &e) < 0)
			return cmd_fail_err(c, &e);
		fs_record_set_max(fs_session_record(c->s), c->rec_max);
		return 0;
	}
	rest = arg;
	if (strcmp(w, "stop") == 0 || strcmp(w, "s") == 0) {
		if (fs_session_record_stop(c->s, &e) < 0)
			return cmd_fail_err(c, &e);
		c->reverse = false;
		fprintf(c->out, "Process record is stopped and all execution "
		    "logs are deleted.\n");
		return 0;
	}
	if (strcmp(w, "goto") == 0)
		return cmd_record_goto(c, rest);
	if (strcmp(w, "save") == 0)
		return record_save(c, rest);
	if (strcmp(w, "export") == 0)
		return record_export(c, rest);
	return cmd_fail(c, "Undefined record command: \"%s\".  Try \"help "
	    "record\".", w);
}

int
cmd_record_goto(struct cmd_ctx *c, char *arg)
{
	struct fs_record *r = fs_session_record(c->s);
	struct fs_err e;
	uint64_t pos, now;
	char *w = cmd_word(&arg), *end;

	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (r == NULL)
		return cmd_fail(c, "No recording is currently active.\nUse the "
		    "\"record full\" or \"record btrace\" command first.");
	if (w == NULL)
		return cmd_fail(c, "Command requires an argument (insn number "
		    "to go to).");
	if (strcmp(w, "begin") == 0 || strcmp(w, "start") == 0)
		pos = fs_record_first(r) - 1;
	else if (strcmp(w, "end") == 0)
		pos = fs_record_end(r);
	else {
		errno = 0;
		pos = strtoull(w, &end, 0);
		if (errno != 0 || *end != '\0' || w[0] == '-')
			return cmd_fail(c, "Invalid number \"%s\".", w);
		if (pos + 1 < fs_record_first(r) || pos > fs_record_end(r))
			return cmd_fail(c, "Target insn '%s' not found.", w);
	}
	now = fs_record_pos(r);
	if (pos == now)
		return cmd_fail(c, "Already at target insn.");
	fprintf(c->out, "Go %s to insn number %" PRIu64 "\n", pos > now ?
	    "forward" : "backward", pos);
	if (fs_session_record_goto(c->s, pos, &e) < 0)
		return cmd_fail_err(c, &e);
	cmd_print_frame(c, 0, true);
	return 0;
}

static int
record_save(struct cmd_ctx *c, char *arg)
{
	struct fs_record *r = fs_session_record(c->s);
	struct fs_err e;
	char name[64], *path = cmd_word(&arg);

	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (r == NULL)
		return cmd_fail(c, "No recording is currently active.\nUse the "
		    "\"record full\" or \"record btrace\" command first.");
	if (path == NULL) {
		snprintf(name, sizeof name, "framescope_record.%d",
		    (int)fs_session_pid(c->s));
		path = name;
	}
	if (fs_recfile_save(c->s, path, &e) < 0)
		return cmd_fail_err(c, &e);
	fprintf(c->out, "Saved recording %s with execution log.\n", path);
	return 0;
}

struct export {
	struct cmd_ctx	*c;
	FILE		*f;
	struct view_html *page;		/* --html: the page's steps */
	unsigned long	 n;
	struct fs_snapcache *cache;	/* the texts of the steps before */
};

static int
export_one(struct fs_session *s, void *arg)
{
	struct export *x = arg;
	struct fs_err e;
	char *line;

	json_t *snap;
	json_error_t je;

	/* Whole: no frame's variables taken from the step before.  */
	if (x->cache == NULL && x->c->prov != NULL)
		fs_vars_provider_forget(x->c->prov);
	if (cmd_anatomy(x->c, &e) < 0)
		return cmd_fail_err(x->c, &e);
	fs_anatomy_set_incremental(x->c->anat, x->cache != NULL);
	if (fs_snapshot_string_cached(s, x->c->anat, x->cache, &line,
	    &e) < 0)
		return cmd_fail_err(x->c, &e);
	if (x->page != NULL) {
		/* The step as a --dump line, for the page --html makes of
		   one.  */
		snap = json_loads(line, 0, &je);
		free(line);
		if (snap == NULL)
			return cmd_fail(x->c, "snapshot: %s", je.text);
		if (view_html_add(x->page, snap, &e) < 0) {
			json_decref(snap);
			return cmd_fail_err(x->c, &e);
		}
		json_decref(snap);
		x->n++;
		return 0;
	}
	if (fputs(line, x->f) == EOF || fputc('\n', x->f) == EOF) {
		free(line);
		return cmd_fail(x->c, "cannot write the snapshots: %s",
		    strerror(errno));
	}
	free(line);
	x->n++;
	return 0;
}

/* record export --jsonl FILE [FROM [TO]]: the full snapshot of every
   instruction of the recording from FROM to TO (the whole by default),
   one a line; --html FILE: the page framescope --html makes of such a
   file.  */
static int
record_export(struct cmd_ctx *c, char *arg)
{
	struct fs_record *r = fs_session_record(c->s);
	struct export x = { c, NULL, NULL, 0, NULL };
	struct fs_err e;
	uint64_t from, to, v[2];
	char *w, *path, *end;
	bool html;
	int n = 0, rc;

	if ((w = cmd_word(&arg)) == NULL || (strcmp(w, "--jsonl") != 0 &&
	    strcmp(w, "--html") != 0) || (path = cmd_word(&arg)) == NULL)
		return cmd_fail(c, "Usage: record export --jsonl|--html FILE "
		    "[FROM [TO]]");
	html = strcmp(w, "--html") == 0;
	while ((w = cmd_word(&arg)) != NULL) {
		errno = 0;
		if (n == 2 || (v[n] = strtoull(w, &end, 0), errno != 0) ||
		    *end != '\0' || w[0] == '-')
			return cmd_fail(c, "Invalid number \"%s\".", w);
		n++;
	}
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (r == NULL)
		return cmd_fail(c, "No recording is currently active.\nUse the "
		    "\"record full\" or \"record btrace\" command first.");
	from = n > 0 ? v[0] : fs_record_first(r) - 1;
	to = n > 1 ? v[1] : fs_record_end(r);
	if (from + 1 < fs_record_first(r) || from > fs_record_end(r) ||
	    to < from || to > fs_record_end(r))
		return cmd_fail(c, "Instructions %llu to %llu are not in the "
		    "recording (%llu to %llu).", (unsigned long long)from,
		    (unsigned long long)to,
		    (unsigned long long)fs_record_first(r) - 1,
		    (unsigned long long)fs_record_end(r));
	if ((x.f = fopen(path, "we")) == NULL)
		return cmd_fail(c, "%s: %s", path, strerror(errno));
	fs_err_clear(&e);
	if (html && view_html_new(&x.page, &e) < 0) {
		fclose(x.f);
		return cmd_fail_err(c, &e);
	}
	/* A step changes a few words: the rest of its snapshot is the
	   text of the one before.  */
	if (!c->snap_full && fs_snapcache_new(&x.cache, &e) < 0) {
		view_html_free(x.page);
		fclose(x.f);
		return cmd_fail_err(c, &e);
	}
	if (x.cache != NULL && cmd_anatomy(c, &e) == 0)
		fs_snapcache_set_provider(x.cache, c->prov);
	/* The recording is a history of its own: what the stops shown
	   before it left (stale words of frames gone, the words of the
	   stop before) is none of its steps'.  */
	if (cmd_anatomy(c, &e) == 0)
		fs_anatomy_forget(c->anat);
	rc = fs_session_record_each(c->s, from, to, export_one, &x, &e);
	fs_snapcache_free(x.cache);
	if (rc == 0 && html && view_html_write(x.page, x.f, NULL, &e) < 0)
		rc = -1;
	view_html_free(x.page);
	if (fclose(x.f) != 0 && rc == 0)
		return cmd_fail(c, "%s: %s", path, strerror(errno));
	if (rc < 0)
		return e.msg[0] != '\0' ? cmd_fail_err(c, &e) : -1;
	if (html)
		fprintf(c->out, "Exported %lu steps to the page %s.\n", x.n,
		    path);
	else
		fprintf(c->out, "Exported %lu snapshots to %s.\n", x.n, path);
	return 0;
}

static int
info_record(struct cmd_ctx *c, char *arg)
{
	struct fs_record *r = fs_session_record(c->s);
	uint64_t n, used, emu, stepped;
	char b1[32];

	(void)arg;
	if (r == NULL) {
		fprintf(c->out, "No recording is currently active.\n");
		return 0;
	}
	fprintf(c->out, "Active record target: record-full\n");
	fprintf(c->out, "%s mode:\n", fs_record_replaying(r) ||
	    fs_session_replaying_file(c->s) ? "Replay" : "Record");
	n = fs_record_count(r);
	if (n == 0)
		fprintf(c->out, "No instructions have been logged.\n");
	else {
		fprintf(c->out, "Lowest recorded instruction number is %" PRIu64
		    ".\n", fs_record_first(r));
		if (fs_record_replaying(r))
			fprintf(c->out, "Current instruction number is %" PRIu64
			    ".\n", fs_record_pos(r));
		fprintf(c->out, "Highest recorded instruction number is %"
		    PRIu64 ".\n", fs_record_end(r));
		fprintf(c->out, "Log contains %" PRIu64 " instructions.\n", n);
	}
	fprintf(c->out, "Max logged instructions is %" PRIu64 ".\n",
	    fs_record_max(r));
	used = fs_record_used(r);
	fprintf(c->out, "Log uses %s bytes of memory", grouped(used, b1,
	    sizeof b1));
	if (n > 0)
		fprintf(c->out, " (%.1f bytes per instruction)",
		    (double)used / (double)n);
	fprintf(c->out, ".\n");
	fs_record_emu_counts(r, &emu, &stepped);
	if (emu + stepped > 0)
		fprintf(c->out, "Emulated %" PRIu64 " of the %" PRIu64
		    " instructions recorded here, single-stepped the rest.\n",
		    emu, emu + stepped);
	return 0;
}

/* --------------------------------------------------------- reverse */

/* reverse-stepi, reverse-nexti, reverse-step, reverse-next: KIND as
   cmd_run's stepping (0 step, 1 next, 2 stepi, 3 nexti).  */
int
cmd_reverse_stepping(struct cmd_ctx *c, char *arg, int kind)
{
	struct fs_err e;
	unsigned long n, i;
	int r = 0;

	if (cmd_count_arg(c, arg, 1, &n) < 0)
		return -1;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (kind >= 2)
		r = fs_session_reverse_stepi(c->s, n, kind == 3, &e);
	else
		for (i = 0; i < n && r == 0; i++) {
			r = fs_session_reverse_step(c->s, kind == 1, &e);
			if (fs_session_stop(c->s)->reason != FS_STOP_STEP)
				break;
		}
	if (r < 0)
		return cmd_fail_err(c, &e);
	cmd_print_stop(c, false);
	return 0;
}

static int
c_rstep(struct cmd_ctx *c, char *arg)
{
	return cmd_reverse_stepping(c, arg, 0);
}

static int
c_rnext(struct cmd_ctx *c, char *arg)
{
	return cmd_reverse_stepping(c, arg, 1);
}

static int
c_rstepi(struct cmd_ctx *c, char *arg)
{
	return cmd_reverse_stepping(c, arg, 2);
}

static int
c_rnexti(struct cmd_ctx *c, char *arg)
{
	return cmd_reverse_stepping(c, arg, 3);
}

int
cmd_reverse_finish(struct cmd_ctx *c, char *arg)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t n;

	(void)arg;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (fs_session_record(c->s) == NULL)
		return cmd_fail(c, "Target native does not support this "
		    "command.");
	if (fs_session_frames_head(c->s, c->frame + 1, &f, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	if (c->frame + 1 >= n || (!c->past_main && cmd_is_main(&f[c->frame])))
		return cmd_fail(c, "\"finish\" not meaningful in the outermost "
		    "frame.");
	if (!c->batch) {
		fprintf(c->out, "Run back to call of ");
		cmd_print_frame(c, c->frame, false);
	}
	if (fs_session_reverse_finish(c->s, c->frame, &e) < 0)
		return cmd_fail_err(c, &e);
	cmd_print_stop(c, true);
	return 0;
}

int
cmd_reverse_continue(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	unsigned long n;

	if (cmd_count_arg(c, arg, 1, &n) < 0)
		return -1;
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	if (fs_session_record(c->s) == NULL)
		return cmd_fail(c, "Target native does not support this "
		    "command.");
	if (!c->batch)
		fprintf(c->out, "Continuing.\n");
	if (fs_session_reverse_cont(c->s, &e) < 0)
		return cmd_fail_err(c, &e);
	cmd_print_stop(c, false);
	return 0;
}

/* ------------------------------------------------------- settings */

static int
set_exec_direction(struct cmd_ctx *c, char *arg)
{
	char *w = cmd_word(&arg);

	if (w == NULL)
		return cmd_fail(c, "Requires an argument. Valid arguments are "
		    "forward, reverse.");
	if (strcmp(w, "forward") == 0) {
		c->reverse = false;
		return 0;
	}
	if (strcmp(w, "reverse") != 0)
		return cmd_fail(c, "Undefined item: \"%s\".", w);
	if (fs_session_record(c->s) == NULL)
		return cmd_fail(c, "Target does not support this operation.");
	c->reverse = true;
	return 0;
}

static int
set_insn_max(struct cmd_ctx *c, char *arg)
{
	char *w = cmd_word(&arg), *end;
	unsigned long long v;

	if (w == NULL)
		return cmd_fail(c, "Argument required (integer to set it to, or "
		    "\"unlimited\".).");
	if (strcmp(w, "unlimited") == 0)
		v = 0;
	else {
		errno = 0;
		v = strtoull(w, &end, 0);
		if (errno != 0 || *end != '\0' || w[0] == '-')
			return cmd_fail(c, "No symbol \"%s\" in current "
			    "context.", w);
	}
	c->rec_max = v;
	if (fs_session_record(c->s) != NULL)
		fs_record_set_max(fs_session_record(c->s), v);
	return 0;
}

/* set record full emulate on|off: instructions run in the tracer or
   single-stepped while recording.  */
static int
set_emulate(struct cmd_ctx *c, char *arg)
{
	int on = cmd_on_off(cmd_word(&arg));

	if (on < 0)
		return cmd_fail(c, "\"on\" or \"off\" expected.");
	fs_session_set_record_emulate(c->s, on == 1);
	return 0;
}

static int
show_emulate(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Emulation of instructions while recording is %s.\n",
	    fs_session_record_emulate(c->s) ? "on" : "off");
	return 0;
}

static int
show_exec_direction(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "%s.\n", c->reverse ? "Reverse" : "Forward");
	return 0;
}

/* set snapshot incremental on|off: whether `record export` and --dump
   splice each snapshot from the texts of the ones before (the same text,
   made faster); off makes each whole, to compare.  */
static int
set_snap_incremental(struct cmd_ctx *c, char *arg)
{
	int on = cmd_on_off(cmd_word(&arg));

	if (on < 0)
		return cmd_fail(c, "\"on\" or \"off\" expected.");
	c->snap_full = !on;
	return 0;
}

static int
show_snap_incremental(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Incremental snapshots are %s.\n", c->snap_full ?
	    "off" : "on");
	return 0;
}

static int
show_insn_max(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	if (c->rec_max == 0)
		fprintf(c->out, "Record/replay buffer limit is unlimited.\n");
	else
		fprintf(c->out, "Record/replay buffer limit is %llu.\n",
		    c->rec_max);
	return 0;
}

const struct cmd_entry cmd_record_table[] = {
	{ "record", { "rec", NULL }, c_record, NULL,
	    "record [full|stop|goto begin|end|N|save [FILE]|export --jsonl|--html FILE "
	    "[FROM [TO]]] -- record every step, to go back" },
	{ "reverse-continue", { "rc", NULL }, cmd_reverse_continue, NULL,
	    "reverse-continue -- run backwards to a breakpoint or watchpoint" },
	{ "reverse-finish", { NULL }, cmd_reverse_finish, NULL,
	    "reverse-finish -- run backwards to the call of the selected "
	    "frame" },
	{ "reverse-next", { "rn", NULL }, c_rnext, NULL,
	    "reverse-next [N] -- back one source line, over calls" },
	{ "reverse-nexti", { "rni", NULL }, c_rnexti, NULL,
	    "reverse-nexti [N] -- back one instruction, over calls" },
	{ "reverse-step", { "rs", NULL }, c_rstep, NULL,
	    "reverse-step [N] -- back one source line, into calls" },
	{ "reverse-stepi", { "rsi", NULL }, c_rstepi, NULL,
	    "reverse-stepi [N] -- back one instruction" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_record_info[] = {
	{ "record", 3, info_record },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_record_set[] = {
	{ "exec-direction", 0, set_exec_direction },
	{ "record full insn-number-max", 0, set_insn_max },
	{ "record insn-number-max", 0, set_insn_max },
	{ "record full emulate", 0, set_emulate },
	{ "record emulate", 0, set_emulate },
	{ "snapshot incremental", 0, set_snap_incremental },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_record_show[] = {
	{ "exec-direction", 0, show_exec_direction },
	{ "record full insn-number-max", 0, show_insn_max },
	{ "record full emulate", 0, show_emulate },
	{ "record emulate", 0, show_emulate },
	{ "snapshot incremental", 0, show_snap_incremental },
	{ NULL, 0, NULL },
};
