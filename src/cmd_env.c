/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_env: what a launched program starts with, as gdb sets it: its
 * arguments (`run ARGS`, `set args`, `show args`, with the shell's
 * quoting and expansions and the redirections `<`, `>`, `>>`, `2>`,
 * `2>>`, `2>&1`), its environment (`set environment`, `unset
 * environment`, `show environment`), its working directory (`set cwd`,
 * `show cwd`), and `info program`.  No shell runs: words are expanded by
 * wordexp(3) with command substitution refused, and the redirections are
 * opened here, so a program starts the same under framescope whatever
 * the user's shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wordexp.h>

#include "cmd.h"
#include "fs_sbuf.h"
#include "cmd_int.h"

/* One redirection of a command line: standard stream FD from or to
   PATH (APPEND: `>>`); TO_OUT: `2>&1`.  */
struct redir {
	int	 fd;
	char	*path;
	bool	 append, to_out;
};

static void
sb_putc(struct fs_sbuf *sb, char ch)
{
	fs_sbuf_add(sb, &ch, 1);
}

static const char *
sb_str(const struct fs_sbuf *sb)
{
	return sb->s != NULL ? sb->s : "";
}

/* Whether C ends a word outside quotes.  */
static bool
word_end(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n';
}

/* The word at *P, quotes and backslashes kept for wordexp, appended to
   SB; *P moves past it.  Returns -1 on an unterminated quote.  */
static int
take_word(const char **p, struct fs_sbuf *sb)
{
	const char *s = *p;
	char q = 0;

	for (; *s != '\0' && (q != 0 || !word_end(*s)); s++) {
		if (q == 0 && (*s == '<' || *s == '>'))
			break;
		if (*s == '\\' && q != '\'' && s[1] != '\0') {
			sb_putc(sb, *s++);
			sb_putc(sb, *s);
			continue;
		}
		if (q == 0 && (*s == '\'' || *s == '"'))
			q = *s;
		else if (*s == q)
			q = 0;
		sb_putc(sb, *s);
	}
	*p = s;
	return q != 0 ? -1 : 0;
}

static const char *
wordexp_error(int r)
{
	switch (r) {
	case WRDE_BADCHAR:
		return "unquoted |, &, ;, (, ), { or } (no shell runs the "
		    "program)";
	case WRDE_CMDSUB:
		return "command substitution is not done (no shell runs the "
		    "program)";
	case WRDE_SYNTAX:
		return "syntax error (unbalanced quotes?)";
	case WRDE_NOSPACE:
		return "out of memory";
	default:
		return "cannot be expanded";
	}
}

/* Split TEXT into the program's words (into WE) and its redirections
   (up to 3, into RD, *NRD of them).  Returns 0, or -1 with a message
   in MSG.  */
static int
parse_args(const char *text, wordexp_t *we, struct redir *rd, size_t *nrd,
    char *msg, size_t len)
{
	struct fs_sbuf words, one;
	const char *p = text;
	wordexp_t fw;
	int r, fd;
	bool append;

	*nrd = 0;
	memset(&words, 0, sizeof words);
	memset(&one, 0, sizeof one);
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		fd = -1;
		if (*p == '<')
			fd = 0;
		else if (*p == '>')
			fd = 1;
		else if (p[0] == '2' && p[1] == '>')
			fd = 2, p++;
		else if (p[0] == '1' && p[1] == '>')
			fd = 1, p++;
		if (fd < 0) {
			if (take_word(&p, &words) < 0)
				goto unbalanced;
			sb_putc(&words, ' ');
			continue;
		}
		p++;
		append = fd > 0 && *p == '>';
		if (append)
			p++;
		if (*nrd == 3) {
			snprintf(msg, len, "too many redirections");
			goto fail;
		}
		if (fd == 2 && !append && p[0] == '&' && p[1] == '1' &&
		    word_end(p[2])) {
			p += 2;
			rd[*nrd] = (struct redir){ 2, NULL, false, true };
			(*nrd)++;
			continue;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		one.len = 0;
		if (one.s != NULL)
			one.s[0] = '\0';
		if (take_word(&p, &one) < 0)
			goto unbalanced;
		if (one.len == 0) {
			snprintf(msg, len, "a redirection without a file name");
			goto fail;
		}
		/* A file name is one word, expanded as the shell would.  */
		if ((r = wordexp(sb_str(&one), &fw, WRDE_NOCMD)) != 0) {
			snprintf(msg, len, "%s: %s", sb_str(&one),
			    wordexp_error(r));
			if (r == WRDE_NOSPACE)
				wordfree(&fw);
			goto fail;
		}
		if (fw.we_wordc != 1) {
			snprintf(msg, len, "%s: ambiguous redirect",
			    sb_str(&one));
			wordfree(&fw);
			goto fail;
		}
		rd[*nrd] = (struct redir){ fd, strdup(fw.we_wordv[0]), append,
		    false };
		wordfree(&fw);
		if (rd[(*nrd)++].path == NULL) {
			snprintf(msg, len, "out of memory");
			goto fail;
		}
	}
	if ((r = wordexp(sb_str(&words), we, WRDE_NOCMD)) != 0) {
		snprintf(msg, len, "%s", wordexp_error(r));
		if (r == WRDE_NOSPACE)
			wordfree(we);
		goto fail;
	}
	free(words.s);
	free(one.s);
	return 0;
unbalanced:
	snprintf(msg, len, "unbalanced quotes");
fail:
	while (*nrd > 0)
		free(rd[--*nrd].path);
	free(words.s);
	free(one.s);
	return -1;
}

/* `set startup-with-shell off': gdb splits the arguments at blanks, no
   quote, expansion or redirection taken.  */
static int
plain_args(struct cmd_ctx *c, const char *text)
{
	struct fs_err e;
	char *copy, *w, *save = NULL, **v = NULL, **nv;
	int n = 0, r;

	if ((copy = strdup(text)) == NULL)
		return cmd_fail(c, "out of memory");
	for (w = strtok_r(copy, " \t\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n", &save)) {
		if ((nv = reallocarray(v, (size_t)n + 1, sizeof *v)) == NULL) {
			free(v);
			free(copy);
			return cmd_fail(c, "out of memory");
		}
		v = nv;
		v[n++] = w;
	}
	r = fs_session_set_args(c->s, n, v, &e);
	free(v);
	free(copy);
	return r < 0 ? cmd_fail_err(c, &e) : 0;
}

int
cmd_launch_begin(struct cmd_ctx *c, char *arg, struct cmd_launch *l)
{
	const char *text, *cwd = fs_session_cwd(c->s);
	struct redir rd[3];
	struct fs_err e;
	wordexp_t we;
	char msg[512], *path;
	size_t nrd = 0, i;
	int fd, flags;
	struct stat sb;

	memset(l, 0, sizeof *l);
	l->fds[0] = l->fds[1] = l->fds[2] = -1;
	arg = cmd_skip(arg);
	if (*arg != '\0') {
		free(c->args_text);
		if ((c->args_text = strdup(arg)) == NULL)
			return cmd_fail(c, "out of memory");
	}
	if (cwd != NULL && (stat(cwd, &sb) < 0 || !S_ISDIR(sb.st_mode)))
		return cmd_fail(c, "%s: %s.", cwd, stat(cwd, &sb) < 0 ?
		    strerror(errno) : "Not a directory");
	fs_session_stdio(c->s, l->old);
	/* tty FILE: the program's three streams, unless a redirection
	   says otherwise (gdb's child fails to start without it).  */
	if (c->inferior_tty != NULL) {
		if ((fd = open(c->inferior_tty, O_RDWR | O_NOCTTY |
		    O_CLOEXEC)) < 0)
			return cmd_fail(c, "%s: %s.\nDuring startup program "
			    "exited with code 1.", c->inferior_tty,
			    strerror(errno));
		l->fds[0] = fd;
		l->fds[1] = dup(fd);
		l->fds[2] = dup(fd);
	}
	if ((text = c->args_text) == NULL)
		goto done;	/* the command line's */
	if (!cmd_setting(c, "startup-with-shell")) {
		if (plain_args(c, text) < 0)
			goto fail;
		goto done;
	}
	if (parse_args(text, &we, rd, &nrd, msg, sizeof msg) < 0) {
		cmd_fail(c, "Argument list: %s.", msg);
		goto fail;
	}
	if (fs_session_set_args(c->s, (int)we.we_wordc, we.we_wordv, &e) < 0) {
		wordfree(&we);
		cmd_fail_err(c, &e);
		goto fail;
	}
	wordfree(&we);
	for (i = 0; i < nrd; i++) {
		if (rd[i].to_out) {
			fd = -2;	/* made below, from the output */
		} else {
			path = rd[i].path;
			if (cwd != NULL && path[0] != '/' &&
			    asprintf(&path, "%s/%s", cwd, rd[i].path) < 0)
				path = NULL;
			flags = rd[i].fd == 0 ? O_RDONLY : O_WRONLY | O_CREAT |
			    (rd[i].append ? O_APPEND : O_TRUNC);
			fd = path != NULL ? open(path, flags | O_CLOEXEC,
			    0666) : -1;
			if (fd < 0) {
				cmd_fail(c, "%s: %s.", rd[i].path,
				    strerror(path != NULL ? errno : ENOMEM));
				if (path != rd[i].path)
					free(path);
				goto fail;
			}
			if (path != rd[i].path)
				free(path);
		}
		if (l->fds[rd[i].fd] >= 0)
			close(l->fds[rd[i].fd]);
		l->fds[rd[i].fd] = fd;
	}
	for (i = 0; i < nrd; i++)
		free(rd[i].path);
	nrd = 0;
	if (l->fds[2] == -2 && (l->fds[2] = dup(l->fds[1] >= 0 ? l->fds[1] :
	    l->old[1] >= 0 ? l->old[1] : 1)) < 0) {
		cmd_fail(c, "2>&1: %s.", strerror(errno));
		goto fail;
	}
done:
	l->redirected = l->fds[0] >= 0 || l->fds[1] >= 0 || l->fds[2] >= 0;
	if (l->redirected)
		fs_session_set_stdio(c->s,
		    l->fds[0] >= 0 ? l->fds[0] : l->old[0],
		    l->fds[1] >= 0 ? l->fds[1] : l->old[1],
		    l->fds[2] >= 0 ? l->fds[2] : l->old[2]);
	return 0;
fail:
	while (nrd > 0)
		free(rd[--nrd].path);
	for (i = 0; i < 3; i++)
		if (l->fds[i] >= 0)
			close(l->fds[i]);
	l->fds[0] = l->fds[1] = l->fds[2] = -1;
	return -1;
}

void
cmd_launch_end(struct cmd_ctx *c, struct cmd_launch *l)
{
	int i;

	if (l->redirected)
		fs_session_set_stdio(c->s, l->old[0], l->old[1], l->old[2]);
	for (i = 0; i < 3; i++)
		if (l->fds[i] >= 0)
			close(l->fds[i]);
	l->redirected = false;
}

/* ------------------------------------------------------------ arguments */

static int
set_args(struct cmd_ctx *c, char *arg)
{
	free(c->args_text);
	if ((c->args_text = strdup(cmd_skip(arg))) == NULL)
		return cmd_fail(c, "out of memory");
	return 0;
}

/* gdb's quoting of the command line's arguments: a backslash before
   each character a shell would take apart.  */
static void
put_quoted(FILE *out, const char *w)
{
	for (; *w != '\0'; w++) {
		if (strchr(" \t\n'\"\\$`<>|&;()*?[]#~{}!", *w) != NULL)
			fputc('\\', out);
		fputc(*w, out);
	}
}

static int
show_args(struct cmd_ctx *c, char *arg)
{
	char *const *v;
	int n, i;

	(void)arg;
	fprintf(c->out, "Argument list to give program being debugged when "
	    "it is started is \"");
	if (c->args_text != NULL)
		fputs(c->args_text, c->out);
	else if ((v = fs_session_args(c->s, &n)) != NULL)
		for (i = 0; i < n; i++) {
			if (i > 0)
				fputc(' ', c->out);
			put_quoted(c->out, v[i]);
		}
	fprintf(c->out, "\".\n");
	return 0;
}

/* ---------------------------------------------------------- environment */

/* gdb's `set environment VAR [=] VALUE`: the name is the first word or
   what comes before `=`; the value the rest, blanks around it
   dropped.  */
static int
set_environment(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *name, *value, *eq, *end;

	name = cmd_skip(arg);
	if (*name == '\0')
		return cmd_fail(c, "Argument required (environment variable "
		    "and value).");
	eq = strchr(name, '=');
	end = name + strcspn(name, " \t=");
	if (eq != NULL && *cmd_skip(end) == '=') {
		value = cmd_skip(eq + 1);
	} else {
		value = *end != '\0' ? cmd_skip(end) : end;
		eq = NULL;
	}
	if (end == name)
		return cmd_fail(c, "Argument required (environment variable to "
		    "set).");
	*end = '\0';
	for (end = value + strlen(value); end > value &&
	    (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	if (*value == '\0' && eq == NULL)
		fprintf(c->out, "Setting environment variable \"%s\" to null "
		    "value.\n", name);
	if (fs_session_setenv(c->s, name, value, &e) < 0)
		return cmd_fail_err(c, &e);
	return 0;
}

static int
unset_environment(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char *name = cmd_word(&arg);

	/* gdb asks only at a terminal: not in scripts.  */
	if (fs_session_setenv(c->s, name, NULL, &e) < 0)
		return cmd_fail_err(c, &e);
	return 0;
}

static int
show_environment(struct cmd_ctx *c, char *arg)
{
	char *const *env;
	const char *name = cmd_word(&arg), *v;

	if (name == NULL) {
		for (env = fs_session_environ(c->s); *env != NULL; env++)
			fprintf(c->out, "%s\n", *env);
		return 0;
	}
	if ((v = fs_session_getenv(c->s, name)) == NULL)
		fprintf(c->out, "Environment variable \"%s\" not defined.\n",
		    name);
	else
		fprintf(c->out, "%s = %s\n", name, v);
	return 0;
}

/* ---------------------------------------------------- working directory */

static int
set_cwd(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	wordexp_t we;
	char *dir = cmd_skip(arg), *end;
	int r;

	for (end = dir + strlen(dir); end > dir && (end[-1] == ' ' ||
	    end[-1] == '\t'); end--)
		;
	*end = '\0';
	if (*dir == '\0')
		r = fs_session_set_cwd(c->s, NULL, &e);
	else if (dir[0] == '~' && wordexp(dir, &we, WRDE_NOCMD) == 0) {
		/* `~' is the user's home, as gdb expands it at launch.  */
		r = fs_session_set_cwd(c->s, we.we_wordc == 1 ?
		    we.we_wordv[0] : dir, &e);
		wordfree(&we);
	} else
		r = fs_session_set_cwd(c->s, dir, &e);
	free(c->cwd_text);
	c->cwd_text = *dir != '\0' ? strdup(dir) : NULL;
	return r < 0 ? cmd_fail_err(c, &e) : 0;
}

static int
show_cwd(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	if (c->cwd_text == NULL)
		fprintf(c->out, "You have not set the inferior's current "
		    "working directory.\nThe inferior will inherit GDB's cwd "
		    "if native debugging, or the remote\nserver's cwd if "
		    "remote debugging.\n");
	else
		fprintf(c->out, "Current working directory that will be used "
		    "when starting the inferior is \"%s\".\n", c->cwd_text);
	return 0;
}

/* ------------------------------------------------------------ terminal */

static int
set_tty(struct cmd_ctx *c, char *arg)
{
	arg = cmd_trim(arg);
	free(c->inferior_tty);
	c->inferior_tty = NULL;
	if (*arg != '\0' && (c->inferior_tty = strdup(arg)) == NULL)
		return cmd_fail(c, "out of memory");
	return 0;
}

static int
show_tty(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Terminal for future runs of program being debugged "
	    "is \"%s\".\n", c->inferior_tty != NULL ? c->inferior_tty : "");
	return 0;
}

static int
show_randomization(struct cmd_ctx *c, char *arg)
{
	(void)arg;
	fprintf(c->out, "Disabling randomization of debuggee's virtual "
	    "address space is %s.\n", fs_session_aslr(c->s) ? "off" : "on");
	return 0;
}

/* --------------------------------------------------------- info program */

static int
info_program(struct cmd_ctx *c, char *arg)
{
	const struct fs_stop *st = fs_session_stop(c->s);
	const struct user_regs_struct *regs;
	struct fs_err e;
	char name[128];
	pid_t tid;

	(void)arg;
	if (!fs_session_alive(c->s)) {
		fprintf(c->out, "The program being debugged is not being "
		    "run.\n");
		return 0;
	}
	if (fs_session_regs(c->s, &regs, &e) < 0)
		return cmd_fail_err(c, &e);
	tid = st->tid != 0 ? st->tid : fs_session_pid(c->s);
	cmd_thread_id(c, tid, name, sizeof name);
	if (strncmp(name, "LWP", 3) == 0)
		snprintf(name, sizeof name, "process %d", (int)tid);
	fprintf(c->out, "\tUsing the running image of %s %s.\n",
	    fs_session_attached(c->s) ? "attached" : "child", name);
	fprintf(c->out, "Program stopped at 0x%" PRIx64 ".\n",
	    (uint64_t)regs->rip);
	switch (st->reason) {
	case FS_STOP_BREAKPOINT:
		if (st->bptemp)
			fprintf(c->out, "It stopped at a breakpoint that has "
			    "since been deleted.\n");
		else
			fprintf(c->out, "It stopped at breakpoint %d.\n",
			    st->bpnum);
		break;
	case FS_STOP_STEP:
		fprintf(c->out, "It stopped after being stepped.\n");
		break;
	case FS_STOP_SIGNAL:
		fprintf(c->out, "It stopped at signal %s, %s.\n",
		    fs_signame(st->sig), fs_sigdesc(st->sig));
		break;
	default:
		break;
	}
	return 0;
}

static int c_unset(struct cmd_ctx *, char *);

const struct cmd_entry cmd_env_table[] = {
	{ "tty", { NULL }, set_tty, NULL,
	    "tty [FILE] -- the terminal (or file) programs run later read "
	    "and write (set inferior-tty)" },
	{ "unset", { NULL }, c_unset, NULL,
	    "unset environment [VAR] -- remove VAR (all) from the "
	    "environment programs are started with" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_env_set[] = {
	{ "args", 4, set_args },
	{ "environment", 3, set_environment },
	{ "env", 3, set_environment },
	{ "cwd", 3, set_cwd },
	{ "inferior-tty", 0, set_tty },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_env_show[] = {
	{ "args", 4, show_args },
	{ "environment", 3, show_environment },
	{ "env", 3, show_environment },
	{ "cwd", 3, show_cwd },
	{ "inferior-tty", 0, show_tty },
	{ "disable-randomization", 0, show_randomization },
	{ NULL, 0, NULL },
};

const struct cmd_sub cmd_env_info[] = {
	{ "program", 4, info_program },
	{ NULL, 0, NULL },
};

/* `unset environment [VAR]`, gdb's only unset.  */
static int
c_unset(struct cmd_ctx *c, char *arg)
{
	char *w = cmd_word(&arg);

	if (w == NULL || strncmp("environment", w, strlen(w)) != 0 ||
	    strlen(w) < 3)
		return cmd_fail(c, w == NULL ? "\"unset\" must be followed by "
		    "the name of an unset subcommand." :
		    "Undefined unset command: \"%s\".  Try \"help unset\".", w);
	return unset_environment(c, arg);
}
