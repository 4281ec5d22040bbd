/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "cmd": command lines, as the batch runner, the line prompt
   and the TUI's `:' prompt hand them to cmd_exec, on a session that has
   loaded a sample program and runs no process (print, ptype, list,
   break, info, x, disassemble, set, display... all reach the program's
   symbols, lines and DWARF through it).  The input: a byte choosing the
   program, then lines.  The commands that would start or attach to a
   process or write a file are left out: they are not the parser's;
   so are while, which loops as long as it is told to, source, which
   would read any file (/dev/zero without end), shell (and !), which
   would run anything, and cd, which would move the fuzzer.  */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fs_session.h"
#include "fuzz.h"

#define MAXLINES	32

static const char *const programs[] = { "values-O0", "types-O2",
    "callkinds-O2", "tailcall-O2" };
#define NPROGRAMS (sizeof programs / sizeof programs[0])

static FILE *devnull;

int
fuzz_cmd_init(void)
{
	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	if ((devnull = fopen("/dev/null", "we")) == NULL) {
		perror("fuzz cmd: /dev/null");
		return -1;
	}
	return 0;
}

/* Whether LINE's command would run or attach to a process, or write a
   file: the first word names one of them, by any prefix.  */
static bool
excluded(const char *line)
{
	static const char *const names[] = { "run", "start", "attach",
	    "dump", "while", "source", "shell", "cd" };
	size_t i, len;

	while (isspace((unsigned char)*line))
		line++;
	len = strcspn(line, " \t\n\v\f\r/");
	/* shell by !, or by a user command's argument put in its body.  */
	if (*line == '!' || strstr(line, "$arg") != NULL)
		return true;
	if (len == 0)
		return false;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (len <= strlen(names[i]) &&
		    strncmp(line, names[i], len) == 0)
			return true;
	return false;
}

void
fuzz_cmd(const uint8_t *data, size_t size)
{
	struct fs_session *s;
	struct cmd_ctx c;
	char *argv[2], *text, *line, *next;
	unsigned n = 0;

	if (size == 0 || devnull == NULL)
		return;
	argv[0] = (char *)fuzz_sample(programs[data[0] % NPROGRAMS]);
	argv[1] = NULL;
	if ((text = strndup((const char *)data + 1, size - 1)) == NULL)
		return;
	if (fs_session_new(&s, NULL) < 0) {
		free(text);
		return;
	}
	if (fs_session_load(s, 1, argv, NULL) < 0 ||
	    cmd_init(&c, s, devnull, devnull) < 0) {
		fs_session_free(s);
		free(text);
		return;
	}
	c.batch = true;
	for (line = text; line != NULL && n < MAXLINES && !c.quit;
	    line = next, n++) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (!excluded(line))
			(void)cmd_exec(&c, line);
	}
	cmd_fini(&c);
	fs_session_free(s);
	free(text);
}
