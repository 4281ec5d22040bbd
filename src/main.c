/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main: the command line.  It parses options, loads the program or
 * attaches, then hands command lines to the interpreter: those of -ex and
 * -x in order with --batch; else, on a terminal, it opens the TUI (which
 * runs them on screen), or reads them from a line prompt.  Only here is
 * it decided how framescope exits:
 *   0   every command succeeded
 *   1   a command failed
 *   2   the program could not be loaded, or the process not attached
 *   64  bad usage
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fs_recfile.h"
#include "fs_record.h"
#include "fs_session.h"
#include "tui.h"
#include "view_html.h"

#define FS_VERSION "0.1"

enum { EXIT_CMD = 1, EXIT_LOAD = 2, EXIT_USAGE = 64 };

static struct fs_session *g_session;
static volatile sig_atomic_t g_terminate;

static void
usage(FILE *f)
{
	fprintf(f,
"usage: framescope [--batch | -nw] [-ex COMMAND]... [-x FILE] [--dump FILE]\n"
"                  [--intel] [--aslr] [--] PROGRAM [ARGS...]\n"
"       framescope [--batch | -nw] [-ex COMMAND]... [-x FILE] [--dump FILE]\n"
"                  [--intel] -p PID\n"
"       framescope [--batch | -nw] [-ex COMMAND]... [-x FILE] [--dump FILE]\n"
"                  [--intel] --replay RECORDING\n"
"       framescope --html DUMP -o PAGE\n"
"       framescope --version | --help\n"
"  (on a terminal, without --batch or -nw: the TUI; press ? in it)\n"
"  --batch, -batch         run the commands, then leave (no prompt)\n"
"  -nw, --nw               a line prompt instead of the TUI\n"
"  --intel                 Intel syntax in the TUI's disassembly\n"
"  -ex, --eval-command=C   run command C (repeatable, in order with -x)\n"
"  -x, --command=FILE      run the commands in FILE\n"
"  --dump FILE             write a JSON snapshot of every stop to FILE\n"
"  -p, --pid=PID           attach to process PID\n"
"  --replay=FILE           go through a recording saved by `record save',\n"
"                          without a process\n"
"  --record                start recording at the first stop\n"
"  --aslr                  keep address-space randomisation on\n"
"  --html DUMP -o PAGE     make the --dump file DUMP a page to step through\n"
"  -q, --quiet, --nx, --args  accepted for gdb compatibility\n");
}

/* SIGINT ends the operation under way (a continue, a stepi N, a deep
   backtrace) and the next command runs; SIGTERM and SIGHUP end it too,
   and then framescope, as quit does: a launched program killed, an
   attached one let go without our breakpoints.  */
static void
on_signal(int sig)
{
	if (sig != SIGINT)
		g_terminate = 1;
	fs_cancel_request();
	if (g_session != NULL)
		fs_session_interrupt(g_session);
}

static void
signals_setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* The line prompt used without --batch until a terminal front end runs;
   BLOCK: only the lines of the block an -ex line opened, read from stdin
   as gdb reads them, with its ">" prompts.  */
static void
prompt_loop(struct cmd_ctx *c, bool block)
{
	char *line = NULL;
	const char *more;
	size_t cap = 0;
	ssize_t len;
	bool tty = isatty(STDIN_FILENO);

	while (!c->quit && !g_terminate) {
		more = cmd_script_prompt(c);
		if (block && more == NULL)
			break;
		if (tty || more != NULL) {
			fputs(more != NULL ? more : "(framescope) ", stdout);
			fflush(stdout);
		}
		/* The end of the input ends the innermost block open; gdb
		   asks again for the one around it.  */
		if ((len = getline(&line, &cap, stdin)) < 0) {
			if (more == NULL)
				break;
			cmd_exec(c, "end");
			continue;
		}
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		cmd_exec(c, line);
	}
	cmd_script_eof(c);
	free(line);
}

int
main(int argc, char **argv)
{
	struct tui_script *scripts;
	struct cmd_ctx c;
	struct fs_err e;
	const char *dump = NULL, *html = NULL, *page = NULL, *replay = NULL;
	bool batch = false, aslr = false, nw = false, intel = false,
	    record = false;
	long pid = 0;
	int i, nscripts = 0, status = 0, prog = -1;
	char *end;

	/* Strings are decoded in the environment's character set, as
	   gdb decodes them (fs_value); nothing else depends on it.  */
	setlocale(LC_CTYPE, "");
	if ((scripts = calloc((size_t)argc + 1, sizeof *scripts)) == NULL) {
		fprintf(stderr, "framescope: out of memory\n");
		return EXIT_LOAD;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-') {
			prog = i;
			break;
		}
		if (strcmp(a, "--") == 0) {
			if (i + 1 < argc)
				prog = i + 1;
			break;
		}
		if (a[1] == '-' && a[2] != '\0')
			a++;	/* --batch and -batch alike, as gdb */
		if (strcmp(a, "-batch") == 0)
			batch = true;
		else if (strcmp(a, "-aslr") == 0)
			aslr = true;
		else if (strcmp(a, "-nw") == 0)
			nw = true;
		else if (strcmp(a, "-intel") == 0)
			intel = true;
		else if (strcmp(a, "-record") == 0)
			record = true;
		else if (strncmp(a, "-replay=", 8) == 0)
			replay = a + 8;
		else if (strcmp(a, "-q") == 0 || strcmp(a, "-quiet") == 0 ||
		    strcmp(a, "-nx") == 0 || strcmp(a, "-args") == 0)
			;
		else if (strcmp(a, "-version") == 0) {
			printf("framescope %s\n", FS_VERSION);
			free(scripts);
			return 0;
		} else if (strcmp(a, "-help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			free(scripts);
			return 0;
		} else if (strncmp(a, "-eval-command=", 14) == 0) {
			scripts[nscripts++] = (struct tui_script){ false, a + 14 };
		} else if (strncmp(a, "-command=", 9) == 0) {
			scripts[nscripts++] = (struct tui_script){ true, a + 9 };
		} else if (strncmp(a, "-dump=", 6) == 0) {
			dump = a + 6;
		} else if (strncmp(a, "-html=", 6) == 0) {
			html = a + 6;
		} else if (strncmp(a, "-output=", 8) == 0) {
			page = a + 8;
		} else if (strncmp(a, "-pid=", 5) == 0) {
			pid = strtol(a + 5, &end, 10);
			if (*end != '\0' || pid <= 0) {
				fprintf(stderr, "framescope: invalid process "
				    "id '%s'\n", a + 5);
				free(scripts);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "-ex") == 0 ||
		    strcmp(a, "-eval-command") == 0 || strcmp(a, "-x") == 0 ||
		    strcmp(a, "-command") == 0 || strcmp(a, "-dump") == 0 ||
		    strcmp(a, "-p") == 0 || strcmp(a, "-pid") == 0 ||
		    strcmp(a, "-html") == 0 || strcmp(a, "-o") == 0 ||
		    strcmp(a, "-output") == 0 || strcmp(a, "-replay") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "framescope: option '%s' "
				    "requires an argument\n", argv[i]);
				free(scripts);
				return EXIT_USAGE;
			}
			i++;
			if (strcmp(a, "-ex") == 0 ||
			    strcmp(a, "-eval-command") == 0)
				scripts[nscripts++] =
				    (struct tui_script){ false, argv[i] };
			else if (strcmp(a, "-x") == 0 ||
			    strcmp(a, "-command") == 0)
				scripts[nscripts++] =
				    (struct tui_script){ true, argv[i] };
			else if (strcmp(a, "-dump") == 0)
				dump = argv[i];
			else if (strcmp(a, "-html") == 0)
				html = argv[i];
			else if (strcmp(a, "-o") == 0 ||
			    strcmp(a, "-output") == 0)
				page = argv[i];
			else if (strcmp(a, "-replay") == 0)
				replay = argv[i];
			else {
				pid = strtol(argv[i], &end, 10);
				if (*end != '\0' || pid <= 0) {
					fprintf(stderr, "framescope: invalid "
					    "process id '%s'\n", argv[i]);
					free(scripts);
					return EXIT_USAGE;
				}
			}
		} else {
			fprintf(stderr, "framescope: unknown option '%s' (try "
			    "--help)\n", argv[i]);
			free(scripts);
			return EXIT_USAGE;
		}
	}
	/* A page from a dump: nothing is run.  */
	if (html != NULL || page != NULL) {
		const char *why = html == NULL ? "-o PAGE needs --html DUMP" :
		    page == NULL ? "--html DUMP needs -o PAGE" : prog >= 0 ||
		    pid != 0 || nscripts > 0 || dump != NULL || replay != NULL ||
		    record ? "--html makes "
		    "a page of a dump and runs nothing" : NULL;

		free(scripts);
		if (why != NULL) {
			fprintf(stderr, "framescope: %s (try --help)\n", why);
			return EXIT_USAGE;
		}
		if (view_html_from_dump(html, page, &e) < 0) {
			fprintf(stderr, "framescope: %s\n", e.msg);
			return EXIT_LOAD;
		}
		return 0;
	}
	/* gdb --batch runs commands without a program too (`attach PID',
	   `print 6*7'); with nothing to do at all, say how to use it.  */
	if (replay != NULL && (prog >= 0 || pid != 0)) {
		fprintf(stderr, "framescope: --replay takes no program and no "
		    "process id\n");
		free(scripts);
		return EXIT_USAGE;
	}
	if (prog < 0 && pid == 0 && replay == NULL && (!batch ||
	    nscripts == 0)) {
		fprintf(stderr, "framescope: no program and no process id "
		    "given (try --help)\n");
		free(scripts);
		return EXIT_USAGE;
	}
	if (fs_session_new(&g_session, &e) < 0) {
		fprintf(stderr, "framescope: %s\n", e.msg);
		free(scripts);
		return EXIT_LOAD;
	}
	fs_session_set_aslr(g_session, aslr);
	if (cmd_init(&c, g_session, stdout, stderr) < 0) {
		fprintf(stderr, "framescope: out of memory\n");
		fs_session_free(g_session);
		free(scripts);
		return EXIT_LOAD;
	}
	c.batch = batch;
	signals_setup();
	if (dump != NULL && cmd_set_dump(&c, dump) < 0) {
		status = EXIT_LOAD;
		goto out;
	}
	if (prog >= 0 && fs_session_load(g_session, argc - prog, argv + prog,
	    &e) < 0) {
		fprintf(stderr, "framescope: %s\n", e.msg);
		status = EXIT_LOAD;
		goto out;
	}
	if (pid != 0) {
		char buf[32];

		snprintf(buf, sizeof buf, "attach %ld", pid);
		if (cmd_exec(&c, buf) < 0) {
			status = EXIT_LOAD;
			goto out;
		}
	}
	if (replay != NULL) {
		if (fs_recfile_load(g_session, replay, &e) < 0) {
			fprintf(stderr, "framescope: %s\n", e.msg);
			status = EXIT_LOAD;
			goto out;
		}
		printf("Restored records from %s.\n", replay);
		cmd_print_stop(&c, true);
	}
	/* --record: from the first stop shown, that of the attach or of the
	   first run.  */
	c.record_first = record;
	if (record && fs_session_alive(g_session) &&
	    fs_session_record(g_session) == NULL) {
		c.record_first = false;
		if (cmd_exec(&c, "record") < 0) {
			status = EXIT_LOAD;
			goto out;
		}
	}
	if (!batch && !nw && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		struct tui_opts o;

		memset(&o, 0, sizeof o);
		o.intel = intel;
		o.launch = pid == 0 && replay == NULL;
		o.scripts = scripts;
		o.nscripts = (size_t)nscripts;
		/* A Rust program: stop at a panic (catch panic).  */
		{
			uint64_t pa;

			if (fs_modules_find_function(fs_session_modules(
			    g_session), "rust_panic", &pa, NULL) == 0)
				(void)cmd_exec(&c, "catch panic");
		}
		if (tui_run(&c, &o) != 0)
			status = EXIT_LOAD;
		else
			status = c.failed > 0 ? EXIT_CMD : 0;
		goto out;
	}
	for (i = 0; i < nscripts && !c.quit && !g_terminate; i++) {
		if (scripts[i].is_file)
			cmd_source(&c, scripts[i].text);
		else if (cmd_exec(&c, scripts[i].text) == 0 &&
		    cmd_script_prompt(&c) != NULL)
			prompt_loop(&c, true);
	}
	if (!batch && !c.quit && !g_terminate)
		prompt_loop(&c, false);
	status = c.failed > 0 ? EXIT_CMD : 0;
out:
	cmd_fini(&c);
	/* Kills a launched program, detaches from an attached one.  */
	fs_session_free(g_session);
	g_session = NULL;
	free(scripts);
	return status;
}
