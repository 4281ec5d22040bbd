/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_save: the breakpoints as a file of commands, in gdb's script
 * format: `save breakpoints' writes the breakpoints, watchpoints,
 * dprintfs and catchpoints as the commands that make them again (their
 * conditions, ignore counts and disabled state after each, on $bpnum),
 * which `source' runs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_session.h"
#include "fs_syscall.h"

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
recreate(FILE *f, const struct fs_breakpoint *bp,
    const struct fs_syscall_abi *sys)
{
	static const char *const watch[] = {
		[FS_BP_WATCH] = "watch", [FS_BP_RWATCH] = "rwatch",
		[FS_BP_AWATCH] = "awatch",
	};
	const char *name;
	size_t i;

	if (bp->catchpoint != NULL) {
		fprintf(f, "%s %s", bp->temporary ? "tcatch" : "catch",
		    bp->catchpoint);
		/* A syscall catchpoint's calls, by name as gdb writes
		   them (a number that has none).  */
		for (i = 0; i < bp->nsyscalls; i++)
			if ((name = sys->name(bp->syscalls[i])) != NULL)
				fprintf(f, " %s", name);
			else
				fprintf(f, " %" PRIu64, bp->syscalls[i]);
		fputc('\n', f);
	} else if (bp->kind != FS_BP_BREAKPOINT)
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
		recreate(f, &bp[i], fs_session_arch(c->s)->syscalls);
	if (fclose(f) != 0)
		r = cmd_fail(c, "%s: %s", path, strerror(errno));
	/* gdb says so at a prompt only.  */
	else if (!c->batch)
		fprintf(c->out, "Saved to file '%s'.\n", path);
	free(path);
	return r;
}

const struct cmd_entry cmd_save_table[] = {
	{ "save", { NULL }, c_save, NULL,
	    "save breakpoints FILE -- write the breakpoints as commands" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};
