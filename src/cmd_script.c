/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_script: gdb's command lists and script flow.  A line that opens a
 * block (commands, define, document, if, while) makes the interpreter
 * gather the lines after it, from wherever they come (a -x file, the
 * line prompt, the TUI's `:' prompt, stdin after -ex), up to the `end'
 * that closes it; then the block is stored (a breakpoint's commands, a
 * user command, its documentation) or run (if, while).  It owns the
 * user-defined commands, the breakpoints' command lists and their run
 * after a stop, as gdb's bpstat_do_actions: once the command that made
 * the stop has finished, and again for each stop a list's own
 * `continue' (or any command that moves) reaches.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_sbuf.h"
#include "fs_vars.h"

struct lines {
	char	**v;
	size_t	  n, cap;
};

enum block_kind {
	BLK_NONE, BLK_COMMANDS, BLK_DEFINE, BLK_DOCUMENT, BLK_IF, BLK_WHILE,
};

/* A block being read: its lines up to the `end' at DEPTH 0.  */
struct reader {
	enum block_kind	 kind;
	unsigned	 depth;		/* blocks opened inside it */
	struct lines	 body;
	size_t		 else_at;	/* of an if: where its else part
					   starts (SIZE_MAX: none) */
	char		*arg;		/* the condition; the name */
	int		*bps;		/* commands: the breakpoints */
	size_t		 nbps;
	long		 nobp;		/* ... and the first number that
					   named none (0: none), told once
					   the list is read */
	struct reader	*up;		/* the reader of the body this
					   block is a line of */
};

struct ucmd {
	char		*name;
	struct lines	 body;
	struct lines	 doc;
	bool		 documented;
};

struct bpcmds {
	int		 num;
	struct lines	 body;
};

/* A user command's arguments, while it runs.  */
struct uargs {
	char		**v;
	size_t		  n;
};

enum { CTL_NONE, CTL_BREAK, CTL_CONTINUE };

struct cmd_script {
	struct reader	 top;
	struct reader	*cur;
	struct ucmd	*ucmds;
	size_t		 nucmds;
	struct bpcmds	*bpc;
	size_t		 nbpc;
	int		 ctl;		/* a loop_break or loop_continue */
	unsigned	 running;	/* bodies being run */
	unsigned	 acting;	/* ... of them breakpoints' lists,
					   traced as lines of the top */
	unsigned	 sourcing;	/* -x files being read */
	unsigned long	 acted;		/* the stop whose commands ran */
	bool		 any_stop;	/* ACTED is one */
	const struct uargs *args;	/* the user command running */
};

static void
lines_free(struct lines *l)
{
	while (l->n > 0)
		free(l->v[--l->n]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int
lines_add(struct lines *l, const char *s, size_t len)
{
	char **v;

	if (l->n == l->cap) {
		if ((v = realloc(l->v, (l->cap ? l->cap * 2 : 8) *
		    sizeof *v)) == NULL)
			return -1;
		l->v = v;
		l->cap = l->cap ? l->cap * 2 : 8;
	}
	if ((l->v[l->n] = strndup(s, len)) == NULL)
		return -1;
	l->n++;
	return 0;
}

static int
lines_copy(struct lines *to, const struct lines *from, size_t a, size_t b)
{
	memset(to, 0, sizeof *to);
	for (; a < b; a++)
		if (lines_add(to, from->v[a], strlen(from->v[a])) < 0) {
			lines_free(to);
			return -1;
		}
	return 0;
}

static struct cmd_script *
state(struct cmd_ctx *c)
{
	if (c->script == NULL) {
		if ((c->script = calloc(1, sizeof *c->script)) == NULL)
			return NULL;
		c->script->top.else_at = SIZE_MAX;
		c->script->cur = &c->script->top;
	}
	return c->script;
}

static void
reader_clear(struct reader *r)
{
	lines_free(&r->body);
	free(r->arg);
	free(r->bps);
	r->arg = NULL;
	r->bps = NULL;
	r->nbps = 0;
	r->nobp = 0;
	r->kind = BLK_NONE;
	r->depth = 0;
	r->else_at = SIZE_MAX;
}

unsigned
cmd_script_depth(const struct cmd_ctx *c)
{
	return c->script != NULL ? c->script->running : 0;
}

void
cmd_script_free(struct cmd_ctx *c)
{
	struct cmd_script *sc = c->script;
	size_t i;

	if (sc == NULL)
		return;
	reader_clear(&sc->top);
	for (i = 0; i < sc->nucmds; i++) {
		free(sc->ucmds[i].name);
		lines_free(&sc->ucmds[i].body);
		lines_free(&sc->ucmds[i].doc);
	}
	free(sc->ucmds);
	for (i = 0; i < sc->nbpc; i++)
		lines_free(&sc->bpc[i].body);
	free(sc->bpc);
	free(sc);
	c->script = NULL;
}

/* LINE without its blanks at both ends: where it starts, its length. */
static const char *
strip(const char *line, size_t *len)
{
	size_t n;

	while (isspace((unsigned char)*line))
		line++;
	n = strlen(line);
	while (n > 0 && isspace((unsigned char)line[n - 1]))
		n--;
	*len = n;
	return line;
}

static bool
is_word(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && strncmp(s, w, len) == 0;
}

/* The kind of block the line S opens, as its first word names a
   command (a prefix too, "comm", "def").  */
static enum block_kind
opens(const char *s, size_t len)
{
	const struct cmd_entry *ce;
	char name[64];
	size_t n = 0;

	while (n < len && n + 1 < sizeof name && !isspace((unsigned char)s[n]))
		n++;
	if (n == 0 || n + 1 >= sizeof name)
		return BLK_NONE;
	memcpy(name, s, n);
	name[n] = '\0';
	if ((ce = cmd_lookup(name)) == NULL)
		return BLK_NONE;
	if (strcmp(ce->name, "commands") == 0)
		return BLK_COMMANDS;
	if (strcmp(ce->name, "define") == 0)
		return BLK_DEFINE;
	if (strcmp(ce->name, "document") == 0)
		return BLK_DOCUMENT;
	if (strcmp(ce->name, "if") == 0)
		return BLK_IF;
	if (strcmp(ce->name, "while") == 0)
		return BLK_WHILE;
	return BLK_NONE;
}

/* ------------------------------------------------------------ running */

static int run_body(struct cmd_ctx *c, const struct lines *l, size_t a,
    size_t b, bool actions);
static int close_block(struct cmd_ctx *c, struct reader *r);

/* EXPR's truth, as if and while take it, in the selected frame, with
   the value history and convenience variables.  */
static int
truth(struct cmd_ctx *c, const char *expr, bool *yes)
{
	struct fs_vars_scalar v;
	struct fs_err e;

	memset(&v, 0, sizeof v);
	if (fs_vars_scalar(c->s, c->frame, expr, cmd_history(c), &v, &e) < 0)
		return cmd_fail_err(c, &e);
	free(v.str);
	if (v.kind == 'i' || v.kind == 'a')
		*yes = v.ival != 0;
	else if (v.kind == 'f')
		*yes = v.fval != 0;
	else
		return cmd_fail(c, "Attempt to take contents of a non-pointer "
		    "value.");
	return 0;
}

/* LINE with the running user command's $argc and $argN put in, as
   gdb's insert_user_defined_cmd_args; NULL with its message when an
   argument is missing.  */
static char *
with_args(struct cmd_ctx *c, const char *line)
{
	const struct uargs *a = c->script->args;
	struct fs_sbuf b;
	const char *p = line;
	unsigned long i;
	char *end;

	if (a == NULL || strstr(line, "$arg") == NULL)
		return strdup(line);
	memset(&b, 0, sizeof b);
	while (*p != '\0') {
		if (strncmp(p, "$argc", 5) == 0 && !isalnum((unsigned char)
		    p[5]) && p[5] != '_') {
			fs_sbuf_printf(&b, "%zu", a->n);
			p += 5;
			continue;
		}
		if (strncmp(p, "$arg", 4) == 0 && isdigit((unsigned char)p[4])) {
			i = strtoul(p + 4, &end, 10);
			if (!isalpha((unsigned char)*end) && *end != '_') {
				if (i >= a->n) {
					free(b.s);
					cmd_fail(c, "Missing argument %lu in "
					    "user function.", i);
					return NULL;
				}
				fs_sbuf_printf(&b, "%s", a->v[i]);
				p = end;
				continue;
			}
		}
		fs_sbuf_printf(&b, "%c", *p++);
	}
	return b.s != NULL ? b.s : strdup("");
}

/* gdb's trace of LINE run in a body (set trace-commands on): a + for
   each level of blocks, a breakpoint's list being the top.  */
static void
trace(struct cmd_ctx *c, const char *line)
{
	const char *s;
	size_t len;
	unsigned k;

	s = strip(line, &len);
	if (len == 0 || !cmd_setting(c, "trace-commands"))
		return;
	for (k = c->script->acting; k <= c->script->running; k++)
		fputc('+', c->out);
	fprintf(c->out, "%.*s\n", (int)len, s);
}

/* Run LINE of a body: into the block it is part of, or as a command. */
static int
body_line(struct cmd_ctx *c, const char *line)
{
	struct cmd_script *sc = c->script;
	enum block_kind kind;
	const char *s;
	size_t len;
	char *text;
	int r;

	s = strip(line, &len);
	if (sc->cur->kind == BLK_NONE) {
		if (is_word(s, len, "loop_break")) {
			trace(c, line);
			sc->ctl = CTL_BREAK;
			return 0;
		}
		if (is_word(s, len, "loop_continue")) {
			trace(c, line);
			sc->ctl = CTL_CONTINUE;
			return 0;
		}
	}
	/* A line gathered into a block is given its arguments when the
	   block runs it: an if's branch not taken may name one missing. */
	if (sc->cur->kind != BLK_NONE)
		return cmd_exec(c, line);
	if ((text = with_args(c, line)) == NULL)
		return -1;
	/* An if's or a while's line is traced as written.  */
	kind = opens(s, len);
	if (kind == BLK_IF || kind == BLK_WHILE)
		trace(c, line);
	else
		trace(c, text);
	r = cmd_exec(c, text);
	free(text);
	return r;
}

/* Lines A to B of L, in a reader of their own.  ACTIONS: a breakpoint's
   commands, which end when one of them moves the program.  Returns -1
   when a command failed (the rest are not run).  */
static int
run_body(struct cmd_ctx *c, const struct lines *l, size_t a, size_t b,
    bool actions)
{
	struct cmd_script *sc = c->script;
	struct reader local, *saved = sc->cur;
	unsigned long stop = fs_session_stop(c->s)->number;
	int r = 0;

	memset(&local, 0, sizeof local);
	local.else_at = SIZE_MAX;
	local.up = saved;
	sc->cur = &local;
	sc->running++;
	for (; a < b && !c->quit; a++) {
		if ((r = body_line(c, l->v[a])) < 0 || sc->ctl != CTL_NONE)
			break;
		if (actions && fs_session_stop(c->s)->number != stop)
			break;
	}
	reader_clear(&local);
	sc->running--;
	sc->cur = saved;
	return r;
}

static int
run_if(struct cmd_ctx *c, struct reader *r)
{
	bool yes;

	if (truth(c, r->arg, &yes) < 0)
		return -1;
	if (yes)
		return run_body(c, &r->body, 0, r->else_at < r->body.n ?
		    r->else_at : r->body.n, false);
	if (r->else_at < r->body.n)
		return run_body(c, &r->body, r->else_at, r->body.n, false);
	return 0;
}

static int
run_while(struct cmd_ctx *c, struct reader *r)
{
	struct cmd_script *sc = c->script;
	bool yes;

	for (;;) {
		if (c->quit || truth(c, r->arg, &yes) < 0)
			return c->quit ? 0 : -1;
		if (!yes)
			return 0;
		if (run_body(c, &r->body, 0, r->body.n, false) < 0) {
			sc->ctl = CTL_NONE;
			return -1;
		}
		if (sc->ctl == CTL_BREAK) {
			sc->ctl = CTL_NONE;
			return 0;
		}
		sc->ctl = CTL_NONE;
	}
}

/* ------------------------------------------------------ user commands */

static struct ucmd *
ucmd_find(struct cmd_script *sc, const char *name)
{
	size_t i;

	for (i = 0; sc != NULL && i < sc->nucmds; i++)
		if (strcmp(sc->ucmds[i].name, name) == 0)
			return &sc->ucmds[i];
	return NULL;
}

/* ARG cut into a user command's arguments as gdb cuts them: at blanks
   outside quotes and parentheses.  */
static int
split_args(char *arg, struct uargs *a)
{
	char *p = cmd_skip(arg), *start, **v;
	int paren = 0;
	char quote = 0;

	memset(a, 0, sizeof *a);
	while (*p != '\0') {
		start = p;
		for (; *p != '\0'; p++) {
			if (quote != 0) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				else if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'')
				quote = *p;
			else if (*p == '(')
				paren++;
			else if (*p == ')' && paren > 0)
				paren--;
			else if (paren == 0 && isspace((unsigned char)*p))
				break;
		}
		if ((v = realloc(a->v, (a->n + 1) * sizeof *v)) == NULL)
			return -1;
		a->v = v;
		if (*p != '\0')
			*p++ = '\0';
		a->v[a->n++] = start;
		p = cmd_skip(p);
	}
	return 0;
}

int
cmd_script_user(struct cmd_ctx *c, const char *name, char *arg, bool prefix)
{
	struct cmd_script *sc = c->script;
	const struct uargs *saved;
	struct ucmd *u = NULL;
	struct lines body;
	struct uargs a;
	size_t i, len = strlen(name);
	int r;

	if (sc == NULL)
		return 1;
	if (!prefix)
		u = ucmd_find(sc, name);
	else
		for (i = 0; i < sc->nucmds; i++)
			if (strncmp(sc->ucmds[i].name, name, len) == 0) {
				if (u != NULL)
					return 1;
				u = &sc->ucmds[i];
			}
	if (u == NULL)
		return 1;
	if (sc->running > 1024)
		return cmd_fail(c, "Max user call depth exceeded -- command "
		    "aborted.");
	/* The definition may change while it runs.  */
	if (lines_copy(&body, &u->body, 0, u->body.n) < 0 ||
	    split_args(arg, &a) < 0) {
		lines_free(&body);
		return cmd_fail(c, "out of memory");
	}
	saved = sc->args;
	sc->args = &a;
	r = run_body(c, &body, 0, body.n, false);
	sc->args = saved;
	sc->ctl = CTL_NONE;
	free(a.v);
	lines_free(&body);
	return r;
}

/* The lines of a body as gdb shows them (show user, info breakpoints):
   each indented by INDENT and two more for each block it is in.  */
static void
print_body(struct cmd_ctx *c, const struct lines *l, int indent)
{
	size_t i, len;
	const char *s;
	int depth = 0;

	for (i = 0; i < l->n; i++) {
		s = strip(l->v[i], &len);
		if (is_word(s, len, "end") && depth > 0)
			depth--;
		fprintf(c->out, "%*s%s\n", indent + 2 * (is_word(s, len,
		    "else") && depth > 0 ? depth - 1 : depth), "", s);
		if (opens(s, len) != BLK_NONE)
			depth++;
	}
}

static int
c_show_user(struct cmd_ctx *c, char *arg)
{
	struct cmd_script *sc = c->script;
	struct ucmd *u;
	char *name = cmd_word(&arg);
	size_t i;

	if (name != NULL) {
		if ((u = ucmd_find(sc, name)) == NULL)
			return cmd_fail(c, cmd_lookup(name) != NULL ? "Not a "
			    "user command." : "Undefined command: \"%s\".  "
			    "Try \"help\".", name);
		fprintf(c->out, "User command \"%s\":\n", u->name);
		print_body(c, &u->body, 2);
		fputc('\n', c->out);
		return 0;
	}
	for (i = 0; sc != NULL && i < sc->nucmds; i++) {
		fprintf(c->out, "User command \"%s\":\n", sc->ucmds[i].name);
		print_body(c, &sc->ucmds[i].body, 2);
		fputc('\n', c->out);
	}
	return 0;
}

int
cmd_script_help(struct cmd_ctx *c, const char *name)
{
	struct cmd_script *sc = c->script;
	struct ucmd *u;
	size_t i;

	if (strcmp(name, "user-defined") == 0) {
		fprintf(c->out, "User-defined commands.\nThe commands in this "
		    "class are those defined by the user.\nUse the \"define\" "
		    "command to define a command.\n\nList of commands:\n\n");
		for (i = 0; sc != NULL && i < sc->nucmds; i++) {
			u = &sc->ucmds[i];
			fprintf(c->out, "%s -- %s\n", u->name, u->documented &&
			    u->doc.n > 0 ? u->doc.v[0] : "User-defined.");
		}
		fprintf(c->out, "\nType \"help\" followed by command name for "
		    "full documentation.\nType \"apropos word\" to search for "
		    "commands related to \"word\".\nType \"apropos -v word\" "
		    "for full documentation of commands related to \"word\"."
		    "\nCommand name abbreviations are allowed if "
		    "unambiguous.\n");
		return 0;
	}
	if ((u = ucmd_find(sc, name)) == NULL)
		return 1;
	if (!u->documented || u->doc.n == 0)
		fprintf(c->out, "User-defined.\n");
	for (i = 0; u->documented && i < u->doc.n; i++)
		fprintf(c->out, "%s\n", u->doc.v[i]);
	return 0;
}

/* ------------------------------------------------- breakpoint commands */

static struct bpcmds *
bpc_find(struct cmd_script *sc, int num)
{
	size_t i;

	for (i = 0; sc != NULL && i < sc->nbpc; i++)
		if (sc->bpc[i].num == num)
			return &sc->bpc[i];
	return NULL;
}

static bool
bp_exists(struct cmd_ctx *c, int num)
{
	const struct fs_breakpoint *bp;
	size_t i, n;

	bp = fs_session_breakpoints(c->s, &n);
	for (i = 0; i < n; i++)
		if (bp[i].number == num)
			return true;
	return false;
}

/* The lists of breakpoints deleted go with them.  */
static void
bpc_prune(struct cmd_ctx *c)
{
	struct cmd_script *sc = c->script;
	size_t i;

	for (i = 0; sc != NULL && i < sc->nbpc; )
		if (!bp_exists(c, sc->bpc[i].num)) {
			lines_free(&sc->bpc[i].body);
			sc->bpc[i] = sc->bpc[--sc->nbpc];
		} else
			i++;
}

static int
bpc_set(struct cmd_script *sc, int num, const struct lines *body)
{
	struct bpcmds *b = bpc_find(sc, num), *v;

	if (b == NULL) {
		if (body->n == 0)
			return 0;
		if ((v = realloc(sc->bpc, (sc->nbpc + 1) * sizeof *v)) == NULL)
			return -1;
		sc->bpc = v;
		b = &sc->bpc[sc->nbpc++];
		memset(b, 0, sizeof *b);
		b->num = num;
	}
	lines_free(&b->body);
	return lines_copy(&b->body, body, 0, body->n);
}

void
cmd_script_bp_lines(struct cmd_ctx *c, int num)
{
	struct bpcmds *b = bpc_find(c->script, num);

	if (b != NULL)
		print_body(c, &b->body, 8);
}

bool
cmd_script_silent(struct cmd_ctx *c, int num)
{
	struct bpcmds *b = bpc_find(c->script, num);
	const char *s;
	size_t len;

	if (b == NULL || b->body.n == 0)
		return false;
	s = strip(b->body.v[0], &len);
	return is_word(s, len, "silent");
}

/* The commands of the stop's breakpoint, once per stop; again for the
   stop one of them made.  */
static void
bp_actions(struct cmd_ctx *c)
{
	struct cmd_script *sc = c->script;
	const struct fs_stop *st;
	struct bpcmds *b;
	struct lines body;
	size_t first;

	for (;;) {
		st = fs_session_stop(c->s);
		if (sc->any_stop && st->number == sc->acted)
			return;
		sc->any_stop = true;
		sc->acted = st->number;
		if ((st->reason != FS_STOP_BREAKPOINT && st->reason !=
		    FS_STOP_WATCHPOINT) || c->quit ||
		    (b = bpc_find(sc, st->bpnum)) == NULL)
			return;
		if (lines_copy(&body, &b->body, 0, b->body.n) < 0)
			return;
		first = cmd_script_silent(c, st->bpnum) ? 1 : 0;
		sc->acting++;
		(void)run_body(c, &body, first, body.n, true);
		sc->acting--;
		sc->ctl = CTL_NONE;
		lines_free(&body);
	}
}

/* -------------------------------------------------------------- blocks */

static int
close_block(struct cmd_ctx *c, struct reader *r)
{
	struct cmd_script *sc = c->script;
	struct reader done = *r;
	struct ucmd *u, *v;
	size_t i;
	int ret = 0;

	/* The reader is free for the lines the block runs.  */
	memset(r, 0, sizeof *r);
	r->else_at = SIZE_MAX;
	r->up = done.up;
	switch (done.kind) {
	case BLK_COMMANDS:
		for (i = 0; i < done.nbps; i++)
			if (bpc_set(sc, done.bps[i], &done.body) < 0)
				ret = cmd_fail(c, "out of memory");
		if (done.nobp != 0)
			fprintf(c->out, "No breakpoint number %ld.\n",
			    done.nobp);
		break;
	case BLK_DEFINE:
	case BLK_DOCUMENT:
		if ((u = ucmd_find(sc, done.arg)) == NULL) {
			if ((v = realloc(sc->ucmds, (sc->nucmds + 1) *
			    sizeof *v)) == NULL) {
				ret = cmd_fail(c, "out of memory");
				break;
			}
			sc->ucmds = v;
			/* Kept by name, as gdb lists them.  */
			for (i = 0; i < sc->nucmds && strcmp(v[i].name,
			    done.arg) < 0; i++)
				;
			memmove(&v[i + 1], &v[i], (sc->nucmds++ - i) *
			    sizeof *v);
			u = &v[i];
			memset(u, 0, sizeof *u);
			u->name = done.arg;
			done.arg = NULL;
		}
		if (done.kind == BLK_DEFINE) {
			lines_free(&u->body);
			u->body = done.body;
		} else {
			lines_free(&u->doc);
			u->doc = done.body;
			u->documented = true;
		}
		memset(&done.body, 0, sizeof done.body);
		break;
	case BLK_IF:
		ret = run_if(c, &done);
		break;
	case BLK_WHILE:
		ret = run_while(c, &done);
		break;
	case BLK_NONE:
		break;
	}
	reader_clear(&done);
	return ret;
}

/* LINE into the open block R.  */
static int
feed(struct cmd_ctx *c, struct reader *r, const char *line)
{
	const char *s;
	size_t len;

	s = strip(line, &len);
	if (is_word(s, len, "end")) {
		if (r->depth == 0)
			return close_block(c, r);
		r->depth--;
	} else if (r->kind != BLK_DOCUMENT && opens(s, len) != BLK_NONE)
		r->depth++;
	else if (r->kind == BLK_IF && r->depth == 0 && is_word(s, len,
	    "else")) {
		if (r->else_at != SIZE_MAX)
			return cmd_fail(c, "Only one \"else\" is allowed per "
			    "\"if\".");
		r->else_at = r->body.n;
		return 0;
	}
	if (r->kind == BLK_DOCUMENT)
		s = line, len = strlen(line);
	if (lines_add(&r->body, s, len) < 0)
		return cmd_fail(c, "out of memory");
	return 0;
}

int
cmd_exec(struct cmd_ctx *c, const char *line)
{
	struct cmd_script *sc = state(c);
	const char *s;
	size_t len;
	int r;

	if (sc == NULL)
		return cmd_exec_line(c, line);
	s = strip(line, &len);
	if (sc->cur->kind != BLK_NONE || is_word(s, len, "end")) {
		if (sc->cur->kind != BLK_NONE)
			r = feed(c, sc->cur, line);
		else {
			if (sc->running == 0 && cmd_setting(c,
			    "trace-commands"))
				fprintf(c->out, "+end\n");
			r = cmd_fail(c, "This command cannot be used at the "
			    "top level.");
		}
		if (r < 0)
			c->failed++;
	} else
		r = cmd_exec_line(c, line);
	if (sc->running == 0 && sc->top.kind == BLK_NONE &&
	    fs_session_alive(c->s))
		bp_actions(c);
	return r;
}

const char *
cmd_script_prompt(struct cmd_ctx *c)
{
	static char buf[300];
	struct reader *r;
	unsigned n = 0;

	if (c->script == NULL || c->script->top.kind == BLK_NONE)
		return NULL;
	r = &c->script->top;
	/* gdb's prompt inside an if or while typed alone is one deeper. */
	n = r->depth + (r->kind == BLK_IF || r->kind == BLK_WHILE);
	if (n > sizeof buf - 2)
		n = sizeof buf - 2;
	memset(buf, ' ', n);
	buf[n] = '>';
	buf[n + 1] = '\0';
	return buf;
}

void
cmd_script_eof(struct cmd_ctx *c)
{
	struct cmd_script *sc = c->script;

	while (sc != NULL && sc->top.kind != BLK_NONE)
		(void)cmd_exec(c, "end");
}

void
cmd_script_cancel(struct cmd_ctx *c)
{
	if (c->script != NULL)
		reader_clear(&c->script->top);
}

void
cmd_script_sourcing(struct cmd_ctx *c, int delta)
{
	if (state(c) != NULL)
		c->script->sourcing += (unsigned)delta;
}

/* What gdb says before it reads a block from a person at a prompt.  */
static void
type_message(struct cmd_ctx *c, const char *what)
{
	struct cmd_script *sc = c->script;

	if (c->batch || sc->sourcing > 0 || sc->running > 0 ||
	    !isatty(STDIN_FILENO))
		return;
	fprintf(c->out, "Type %s, one per line.\nEnd with a line saying just "
	    "\"end\".\n", what);
}

static int
open_block(struct cmd_ctx *c, enum block_kind kind, const char *arg)
{
	struct reader *r = c->script->cur;

	r->kind = kind;
	r->depth = 0;
	r->else_at = SIZE_MAX;
	if (arg != NULL && (r->arg = strdup(arg)) == NULL) {
		r->kind = BLK_NONE;
		return cmd_fail(c, "out of memory");
	}
	return 0;
}

/* ------------------------------------------------------------ commands */

/* ARG's breakpoint numbers (N, N-M, several; none: the last one);
   *NOBP the first that names none, after one that does (gdb reads the
   list, then says so).  Returns 1 for a word that is no number, which
   gdb lets pass without a word.  */
static int
bp_list(struct cmd_ctx *c, char *arg, int **out, size_t *nout, long *nobp)
{
	const struct fs_breakpoint *bp;
	char *w, *end, *dash;
	long a, b, k;
	size_t i, n;
	int *v = NULL, *nv;

	*nout = 0;
	*nobp = 0;
	*out = NULL;
	if (*cmd_skip(arg) == '\0') {
		bp = fs_session_breakpoints(c->s, &n);
		for (a = 0, i = 0; i < n; i++)
			if (bp[i].number > a)
				a = bp[i].number;
		if (a == 0)
			return cmd_fail(c, "No breakpoints specified.");
		if ((*out = malloc(sizeof **out)) == NULL)
			return cmd_fail(c, "out of memory");
		**out = (int)a;
		*nout = 1;
		return 0;
	}
	while ((w = cmd_word(&arg)) != NULL) {
		a = strtol(w, &end, 10);
		b = a;
		if (*end == '-' && end > w) {
			dash = end + 1;
			b = strtol(dash, &end, 10);
			if (end == dash)
				b = -1;
		}
		if (*end != '\0' || end == w) {
			free(v);
			return 1;
		}
		if (a <= 0 || b < a) {
			free(v);
			fflush(c->out);
			fprintf(c->err, "warning: bad breakpoint number at or "
			    "near '%s'\n", w);
			return 1;
		}
		for (k = a; k <= b && *nobp == 0; k++) {
			if (!bp_exists(c, (int)k)) {
				/* gdb says so, no error.  */
				if (*nout == 0) {
					free(v);
					fprintf(c->out, "No breakpoint number "
					    "%ld.\n", k);
					return 1;
				}
				*nobp = k;
				break;
			}
			if ((nv = realloc(v, (*nout + 1) * sizeof *v)) ==
			    NULL) {
				free(v);
				return cmd_fail(c, "out of memory");
			}
			v = nv;
			v[(*nout)++] = (int)k;
		}
	}
	*out = v;
	return 0;
}

static int
c_commands(struct cmd_ctx *c, char *arg)
{
	char what[128];
	int *bps;
	size_t n;
	long nobp;
	int r;

	bpc_prune(c);
	if ((r = bp_list(c, arg, &bps, &n, &nobp)) != 0)
		return r < 0 ? -1 : 0;
	if (open_block(c, BLK_COMMANDS, NULL) < 0) {
		free(bps);
		return -1;
	}
	c->script->cur->bps = bps;
	c->script->cur->nbps = n;
	c->script->cur->nobp = nobp;
	if (n == 1)
		snprintf(what, sizeof what, "commands for breakpoint(s) %d", *bps);
	else
		snprintf(what, sizeof what, "commands for breakpoint(s) %d-%d",
		    bps[0], bps[n - 1]);
	type_message(c, what);
	return 0;
}

/* A user command's name: gdb's rules for a word that names one. */
static int
check_name(struct cmd_ctx *c, const char *name)
{
	const char *p;

	for (p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			return cmd_fail(c, "Junk in argument list: \"%s\"", p);
	return 0;
}

static int
c_define(struct cmd_ctx *c, char *arg)
{
	const struct cmd_entry *ce;
	char q[512], *name = cmd_word(&arg);

	if (name == NULL)
		return cmd_fail(c, "Argument required (name of command to "
		    "define).");
	/* gdb takes NAME WORD as a prefix command's subcommand.  */
	if (*cmd_skip(arg) != '\0')
		return cmd_fail(c, "Undefined command: \"%s\".  Try "
		    "\"help\".", name);
	if (check_name(c, name) < 0)
		return -1;
	if (ucmd_find(c->script, name) != NULL) {
		snprintf(q, sizeof q, "Redefine command \"%s\"? ", name);
		cmd_query(c, q);
	} else if ((ce = cmd_lookup(name)) != NULL &&
	    strcmp(ce->name, name) == 0) {
		snprintf(q, sizeof q, "Really redefine built-in command "
		    "\"%s\"? ", name);
		cmd_query(c, q);
	}
	if (open_block(c, BLK_DEFINE, name) < 0)
		return -1;
	if (!c->batch && c->script->sourcing == 0 && c->script->running == 0 &&
	    isatty(STDIN_FILENO))
		fprintf(c->out, "Type commands for definition of \"%s\".\n"
		    "End with a line saying just \"end\".\n", name);
	return 0;
}

static int
c_document(struct cmd_ctx *c, char *arg)
{
	char *name = cmd_word(&arg);

	if (name == NULL)
		return cmd_fail(c, "Argument required (name of command to "
		    "define).");
	if (ucmd_find(c->script, name) == NULL)
		return cmd_fail(c, cmd_lookup(name) != NULL ? "Command \"%s\" "
		    "is built-in." : "Undefined command: \"%s\".", name);
	if (open_block(c, BLK_DOCUMENT, name) < 0)
		return -1;
	if (!c->batch && c->script->sourcing == 0 && c->script->running == 0 &&
	    isatty(STDIN_FILENO))
		fprintf(c->out, "Type documentation for \"%s\".\nEnd with a "
		    "line saying just \"end\".\n", name);
	return 0;
}

static int
c_if(struct cmd_ctx *c, char *arg)
{
	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "if command requires an argument.");
	return open_block(c, BLK_IF, arg);
}

static int
c_while(struct cmd_ctx *c, char *arg)
{
	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "while command requires an argument.");
	return open_block(c, BLK_WHILE, arg);
}

/* gdb's source: a file's commands, as -x runs them.  */
static int
c_source(struct cmd_ctx *c, char *arg)
{
	arg = cmd_trim(arg);
	if (*arg == '\0')
		return cmd_fail(c, "source command requires file name of file "
		    "to source.");
	/* gdb: an error typed at a prompt, a warning in a script.  */
	if (access(arg, R_OK) != 0 && (c->batch || c->script->sourcing > 0 ||
	    c->script->running > 0)) {
		fflush(c->out);
		fprintf(c->err, "warning: %s: %s\n", arg, strerror(errno));
		return 0;
	}
	return cmd_source(c, arg);
}

const struct cmd_entry cmd_script_table[] = {
	{ "commands", { NULL }, c_commands, NULL,
	    "commands [N|N-M ...] ... end -- commands to run when breakpoint "
	    "N stops the program (silent first: no stop report)" },
	{ "define", { NULL }, c_define, NULL,
	    "define NAME ... end -- a command of your own ($arg0.., $argc)" },
	{ "document", { NULL }, c_document, NULL,
	    "document NAME ... end -- the help text of command NAME" },
	{ "if", { NULL }, c_if, NULL,
	    "if EXPR ... [else ...] end -- run commands when EXPR is true" },
	{ "source", { NULL }, c_source, NULL,
	    "source FILE -- run the commands of FILE, as -x does" },
	{ "while", { NULL }, c_while, NULL,
	    "while EXPR ... end -- run commands while EXPR is true "
	    "(loop_break, loop_continue)" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_script_show[] = {
	{ "user", 4, c_show_user },
	{ NULL, 0, NULL },
};
