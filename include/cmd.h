/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd: the command interpreter shared by the front ends: the batch runner
 * (-ex, -x), the line prompt and the TUI's `:` prompt all hand it one line
 * at a time.  It speaks gdb's command language and prints gdb's formats
 * (bt, info registers, x, info breakpoints, stop reports) to the streams it
 * is given, so a person who knows gdb reads it without learning anything.
 * It owns the selected frame and the --dump stream; the session owns the
 * rest.
 */
#ifndef CMD_H
#define CMD_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "fs_anatomy.h"
#include "fs_vars.h"
#include "fs_session.h"
#include "fs_source.h"

/* One `display' expression.  FMT is its /FMT as given ("" none);
   XSTYLE: shown as x shows memory (i, s, a size letter).  BLOCK, when
   not NULL, is the scope whose locals it uses: it is shown only in a
   frame inside it, as gdb does.  */
struct fs_snaplater;

struct cmd_display {
	unsigned	 num;
	char		*expr;
	char		 fmt[16];
	bool		 xstyle;
	bool		 enabled;
	const struct fs_scope *block;
};

#define CMD_NSETTINGS	48

struct cmd_ctx {
	struct fs_session	*s;
	FILE			*out;
	FILE			*err;
	FILE			*dump;		/* --dump: one JSON per stop */
	char			*dumpbuf;	/* its stdio buffer */
	struct fs_source	*src;
	unsigned		 frame;		/* selected frame */
	bool			 quit;
	int			 failed;	/* commands that failed */
	bool			 past_main;	/* bt beyond main */
	bool			 intel;		/* x/i syntax */
	bool			 evaluating;	/* print/call at work: a stop
						   in a function it calls is
						   shown as it happens */
	bool			 batch;		/* no prompt: gdb's quieter
						   messages */
	/* x's defaults: the last format, unit size and count, and the
	   address after the last unit shown (X_VALID: there was one).  */
	char			 x_fmt, x_size;
	unsigned long		 x_count;
	uint64_t		 x_next;
	bool			 x_valid;
	int			 bp_pending;	/* set breakpoint pending: 1 on,
						   -1 off, 0 auto (on at a
						   prompt, off in batch) */
	/* Where the last reported stop was, to tell a new function.  */
	char			 last_func[256];
	unsigned long long	 last_cfa;
	unsigned long		 dumped;	/* stops written to dump */
	/* The source file last shown, and whether it could not be read:
	   like gdb, say "No such file" once per change of file.  */
	char			 last_src[4096];
	bool			 last_src_err;
	struct fs_vars_hist	*hist;		/* print's values: $1, $2;
						   made on first use */
	/* `display': the expressions shown at every stop, by number.  */
	struct cmd_display	*displays;
	size_t			 ndisplays;
	unsigned		 display_next;	/* the last number given */
	/* `list': the file and line last shown or listed; LIST_FIRST and
	   LIST_LAST, the lines of the last listing (0: the next `list'
	   centers on LIST_LINE).  */
	char			 list_path[4096];
	char			 list_name[256];
	unsigned		 list_line, list_first, list_last;
	/* gdb's last_line_listed, where search goes on from (0: none),
	   and the regular expression searched last (NULL: none).  */
	unsigned		 list_listed;
	char			*search_re;
	unsigned		 info_line_next;	/* `info line' with
						   no argument: the line
						   after the last it showed
						   (0: the line listed) */
	pid_t			 last_tid;	/* thread of the last stop shown:
						   gdb says "[Switching to ...]"
						   when another one stops */
	struct fs_anatomy	*anat;		/* `frames`: made on first use */
	/* --dump's texts of the stops before (fs_snapcache), and `set
	   snapshot incremental off': every snapshot made whole.  */
	struct fs_snapcache	*dumpcache;
	bool			 snap_full;
	/* FRAMESCOPE_DUMP_CHECK: each --dump line against the stop's
	   snapshot made whole by a map and a provider of their own; the
	   lines compared and those that differed.  */
	bool			 dump_check;
	/* The stop's --dump line begun (its map made, everything read),
	   to be made and written while the next single step runs, and
	   with FRAMESCOPE_DUMP_CHECK the whole snapshot it must equal.
	   FRAMESCOPE_DUMP_OVERLAP=0 makes it at the stop.  */
	struct fs_snaplater	*dump_later;
	char			*chk_whole;
	unsigned long		 chk_stop;
	bool			 dump_nooverlap;
	struct fs_anatomy	*chk_anat;
	struct fs_vars_provider	*chk_prov;
	unsigned long		 chk_n, chk_bad;
	/* A front end's own work at every stop (the TUI's history), after
	   the interpreter's.  */
	void			(*on_stop)(struct cmd_ctx *, void *);
	void			*on_stop_arg;
	struct fs_vars_provider	*prov;		/* its variables */
	struct fs_vars_provider	*gprov;		/* the guard's, made when it
						   is first turned on */
	/* set exec-direction reverse: stepping and continuing go
	   backwards in the recording.  */
	bool			 reverse;
	unsigned long long	 rec_max;	/* set record full
						   insn-number-max */
	bool			 record_first;	/* --record: start recording
						   at the next stop shown */
	/* `set args' or `run ARGS' as typed (NULL: the command line's),
	   and `set cwd' as typed (NULL: none).  */
	char			*args_text;
	char			*cwd_text;
	char			*inferior_tty;	/* tty FILE (NULL: none) */
	/* gdb's settings (cmd_settings.c), by their place in its table.  */
	unsigned long		 setv[CMD_NSETTINGS];
	bool			 lang_warned;	/* once, as gdb warns that
						   the language set is not
						   the frame's */
	struct cmd_script	*script;	/* blocks being read, user
						   commands, breakpoints'
						   commands (cmd_script.c) */
};

/* Prepare C for session S, printing to OUT and ERR.  Installs the stop
   callback.  */
int	cmd_init(struct cmd_ctx *c, struct fs_session *s, FILE *out, FILE *err);
void	cmd_fini(struct cmd_ctx *c);

/* Write every stop from now on to PATH, one JSON object per line.  */
int	cmd_set_dump(struct cmd_ctx *c, const char *path);

/* Run one command line.  Returns 0, or -1 when it failed (its one-line
   message is on ERR and C->failed was counted).  A line that opens a
   block (commands, define, document, if, while) makes the lines after
   it part of that block until its `end'.  */
int	cmd_exec(struct cmd_ctx *c, const char *line);

/* The prompt for the next line while a block is open (">", " >" inside
   a block in it), NULL when none is; EOF ends the blocks open, as their
   `end' would; cancel drops them.  */
const char *cmd_script_prompt(struct cmd_ctx *c);
void	cmd_script_eof(struct cmd_ctx *c);
void	cmd_script_cancel(struct cmd_ctx *c);

/* Run every line of the file at PATH (gdb's -x / source).  */
int	cmd_source(struct cmd_ctx *c, const char *path);

/* Report the current stop as gdb does after a command that moved.  */
void	cmd_print_stop(struct cmd_ctx *c, bool always_header);

/* Print frame F as `bt` does (one line), and its source line when WITH_SRC. */
void	cmd_print_frame(struct cmd_ctx *c, unsigned f, bool with_src);

#endif
