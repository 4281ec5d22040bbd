/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_save: commands as files, in gdb's script format: `save breakpoints'
 * writes the breakpoints, watchpoints, dprintfs and catchpoints as the
 * commands that make them again (their conditions, ignore counts and
 * disabled state after each, on $bpnum), and `source' runs such a file,
 * or any file of commands, stopping at the first that fails as gdb does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_session.h"

/* PATH with a leading "~/" made the home directory, malloc'd.  */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");
	char *out;

	if (path[0] == '~' && path[1] == '/' && home != NULL) {
		if (asprintf(&out, "%s%s", home, path + 1) < 0)
			return NULL;
		return out;
	}
	return strdup(path);
}

/* One breakpoint as the command that makes it again.  */
static void
recreate(FILE *f, const struct fs_breakpoint *bp)
{
	static const char *const watch[] = {
		[FS_BP_WATCH] = "watch", [FS_BP_RWATCH] = "rwatch",
		[FS_BP_AWATCH] = "awatch",
	};

	if (bp->catchpoint != NULL)
		fprintf(f, "catch %s\n", bp->catchpoint);
	else if (bp->kind != FS_BP_BREAKPOINT)
		fprintf(f, "%s %s\n", watch[bp->kind], bp->spec);
	else if (bp->dprintf != NULL)
		fprintf(f, "dprintf %s,%s\n", bp->spec, bp->dprintf);
	else
		fprintf(f, "%s %s\n", bp->temporary ? "tbreak" : "break",
		    bp->spec);
	if (bp->cond != NULL)
		fprintf(f, "  condition $bpnum %s\n", bp->cond);
	if (bp->ignore > 0)
		fprintf(f, "  ignore $bpnum %lu\n", bp->ignore);
	if (!bp->enabled)
		fputs("disable $bpnum\n", f);
}

/* save breakpoints FILE */
static int
c_save(struct cmd_ctx *c, char *arg)
{
	const struct fs_breakpoint *bp;
	char *w = cmd_word(&arg), *path;
	size_t i, n;
	FILE *f;
	int r = 0;

	if (w == NULL) {
		fputs("List of save subcommands:\n\nsave breakpoints -- Save "
		    "current breakpoint definitions as a script.\n\nType "
		    "\"help save\" followed by save subcommand name for full "
		    "documentation.\n", c->out);
		return 0;
	}
	if (strncmp("breakpoints", w, strlen(w)) != 0)
		return cmd_fail(c, "Undefined save command: \"%s\".  Try "
		    "\"help save\".", w);
	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (file name in which to "
		    "save)");
	bp = fs_session_breakpoints(c->s, &n);
	if (n == 0) {
		fprintf(c->err, "warning: Nothing to save.\n");
		return 0;
	}
	if ((path = expand_home(arg)) == NULL)
		return cmd_fail(c, "out of memory");
	if ((f = fopen(path, "we")) == NULL) {
		r = cmd_fail(c, "Unable to open file '%s' for saving (%s)",
		    path, strerror(errno));
		free(path);
		return r;
	}
	for (i = 0; i < n; i++)
		recreate(f, &bp[i]);
	if (fclose(f) != 0)
		r = cmd_fail(c, "%s: %s", path, strerror(errno));
	/* gdb says so at a prompt only.  */
	else if (!c->batch)
		fprintf(c->out, "Saved to file '%s'.\n", path);
	free(path);
	return r;
}

/* source FILE: its commands, up to the first that fails, which gdb
   reports under "FILE:LINE: Error in sourced command file:".  */
static int
c_source(struct cmd_ctx *c, char *arg)
{
	char *path, *line = NULL, *msg = NULL;
	size_t cap = 0, msglen = 0;
	unsigned long lineno = 0;
	ssize_t len;
	FILE *f, *err, *mem;
	int r = 0;

	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "source command requires file name of file "
		    "to source.");
	if ((path = expand_home(arg)) == NULL)
		return cmd_fail(c, "out of memory");
	/* gdb refuses a missing file at a prompt, warns in a script.  */
	if ((f = fopen(path, "re")) == NULL) {
		if (c->batch)
			fprintf(c->err, "warning: %s: %s\n", path,
			    strerror(errno));
		else
			r = cmd_fail(c, "%s: %s.", path, strerror(errno));
		free(path);
		return r;
	}
	err = c->err;
	while (!c->quit && (len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		/* The failing command's message goes after the line that
		   says where it was.  */
		if ((mem = open_memstream(&msg, &msglen)) == NULL) {
			r = cmd_fail(c, "out of memory");
			break;
		}
		c->err = mem;
		r = cmd_exec(c, line);
		c->err = err;
		fclose(mem);
		if (r < 0)
			fprintf(err, "%s:%lu: Error in sourced command file:\n",
			    path, lineno);
		fputs(msg != NULL ? msg : "", err);
		free(msg);
		msg = NULL;
		if (r < 0)
			break;
	}
	free(line);
	fclose(f);
	free(path);
	return r;
}

const struct cmd_entry cmd_save_table[] = {
	{ "save", { NULL }, c_save, NULL,
	    "save breakpoints FILE -- write the breakpoints as commands" },
	{ "source", { NULL }, c_source, NULL,
	    "source FILE -- run the commands of FILE" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};
