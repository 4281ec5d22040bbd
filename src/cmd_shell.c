/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_shell: the debugger's own place in the system, as gdb's commands
 * show and change it: shell (and !) runs a command line in /bin/sh and
 * keeps its status in $_shell_exitcode, cd and pwd the working
 * directory (a program run later starts there), info inferiors the
 * program debugged and its process.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_int.h"

/* The child's output copied from FD to the interpreter's stream OUT
   (a front end's memory stream has no descriptor to give it).  */
static void
copy_out(int fd, FILE *out)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			fwrite(buf, 1, (size_t)n, out);
	close(fd);
}

static int
c_shell(struct cmd_ctx *c, char *arg)
{
	int out = fileno(c->out), err = fileno(c->err), p[2] = { -1, -1 };
	const char *sh = getenv("SHELL");
	char set[96];
	int status, code, sig;
	pid_t pid;

	arg = cmd_trim(arg);
	if (sh == NULL || *sh == '\0')
		sh = "/bin/sh";
	fflush(c->out);
	fflush(c->err);
	/* Without a terminal of its own to write on (the TUI's streams),
	   the command's output is read back and shown as the interpreter's;
	   an interactive shell needs the terminal.  */
	if (out < 0 || err < 0) {
		if (*arg == '\0')
			return cmd_fail(c, "shell without a command needs the "
			    "terminal: give one (shell ls)");
		if (pipe2(p, O_CLOEXEC) < 0)
			return cmd_fail(c, "pipe: %s", strerror(errno));
	}
	if ((pid = fork()) < 0) {
		if (p[0] >= 0) {
			close(p[0]);
			close(p[1]);
		}
		return cmd_fail(c, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		int nul;

		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		if (p[1] >= 0) {
			if ((nul = open("/dev/null", O_RDONLY)) >= 0)
				dup2(nul, 0);
			dup2(p[1], 1);
			dup2(p[1], 2);
		} else {
			if (out != 1)
				dup2(out, 1);
			if (err != 2)
				dup2(err, 2);
		}
		if (*arg == '\0')
			execl(sh, sh, (char *)NULL);
		else
			execl("/bin/sh", "sh", "-c", arg, (char *)NULL);
		_exit(127);
	}
	if (p[1] >= 0) {
		close(p[1]);
		copy_out(p[0], c->out);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return cmd_fail(c, "waitpid: %s", strerror(errno));
	/* gdb's $_shell_exitcode, and $_shell_exitsignal when a signal
	   ended it.  */
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	snprintf(set, sizeof set, "$_shell_exitcode = %d", code);
	(void)cmd_eval_quiet(c, set);
	if (sig != 0) {
		snprintf(set, sizeof set, "$_shell_exitsignal = %d", sig);
		(void)cmd_eval_quiet(c, set);
	}
	return 0;
}

static int
c_pwd(struct cmd_ctx *c, char *arg)
{
	char buf[PATH_MAX];

	arg = cmd_trim(arg);
	if (*arg != '\0')
		return cmd_fail(c, "The \"pwd\" command does not take an "
		    "argument: %s", arg);
	if (getcwd(buf, sizeof buf) == NULL)
		return cmd_fail(c, "Error finding name of working directory: %s",
		    strerror(errno));
	fprintf(c->out, "Working directory %s.\n", buf);
	return 0;
}

static int
c_cd(struct cmd_ctx *c, char *arg)
{
	const char *home = getenv("HOME");
	char *dir, *path = NULL;

	arg = cmd_trim(arg);
	if (*arg == '\0')
		dir = (char *)(home != NULL ? home : "/");
	else if (arg[0] == '~' && (arg[1] == '\0' || arg[1] == '/') &&
	    home != NULL) {
		if (asprintf(&path, "%s%s", home, arg + 1) < 0)
			return cmd_fail(c, "out of memory");
		dir = path;
	} else
		dir = arg;
	if (chdir(dir) < 0) {
		cmd_fail(c, "%s: %s.", dir, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	/* gdb says where it is now at a prompt, not in a script.  */
	return c->batch ? 0 : c_pwd(c, (char *)"");
}

/* Whether inferior K is among the numbers of ARG (none: all).  */
static bool
inferior_wanted(const char *arg, int k)
{
	const char *p = arg;
	char *end;
	long n;

	if (*arg == '\0')
		return true;
	while (*(p = cmd_skip((char *)p)) != '\0') {
		n = strtol(p, &end, 10);
		if (n == k)
			return true;
		p = end;
	}
	return false;
}

/* gdb's table of inferiors: framescope debugs one process at a time,
   numbered as gdb numbers it; those a fork followed left before it
   are gone (<null>).  */
static int
info_inferiors(struct cmd_ctx *c, char *arg)
{
	const char *prog = fs_session_program(c->s), *p;
	char desc[64], real[PATH_MAX], *end;
	int num = fs_session_inferior(c->s), k, shown = 0;
	bool alive = fs_session_alive(c->s);

	arg = cmd_trim(arg);
	for (p = arg; *(p = cmd_skip((char *)p)) != '\0'; p = end)
		if (strtol(p, &end, 10) < 0 || end == p ||
		    (*end != '\0' && *end != ' ' && *end != '\t'))
			return cmd_fail(c, "Arguments must be numbers or '$' "
			    "variables.");
	if (prog != NULL && realpath(prog, real) != NULL)
		prog = real;
	for (k = 1; k <= num; k++) {
		if (!inferior_wanted(arg, k))
			continue;
		if (shown++ == 0)
			fprintf(c->out, "%-1s %-4s %-17s %-20s %-17s \n", "",
			    "Num", "Description", "Connection", "Executable");
		if (k == num && alive)
			snprintf(desc, sizeof desc, "process %d",
			    (int)fs_session_pid(c->s));
		else
			snprintf(desc, sizeof desc, "<null>");
		fprintf(c->out, "%-1s %-4d %-17s %-20s %-17s \n", k == num ?
		    "*" : "", k, desc, k == num && alive ? "1 (native)" : "",
		    prog != NULL ? prog : "");
	}
	if (shown == 0)
		fprintf(c->out, "No inferiors.\n");
	return 0;
}

const struct cmd_entry cmd_shell_table[] = {
	{ "shell", { "!", NULL }, c_shell, NULL,
	    "shell [COMMAND] (!COMMAND) -- run COMMAND in /bin/sh "
	    "($_shell_exitcode), or a shell" },
	{ "pwd", { NULL }, c_pwd, NULL,
	    "pwd -- print the working directory" },
	{ "cd", { NULL }, c_cd, NULL,
	    "cd [DIR] -- change the working directory (HOME without DIR)" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_shell_info[] = {
	{ "inferiors", 3, info_inferiors },
	{ NULL, 0, NULL },
};
