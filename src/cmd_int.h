/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_int: what the command interpreter's files share, not seen outside
 * them.  The commands live in families, one file each (cmd_break.c,
 * cmd_run.c, cmd_stack.c, ...), as tmux's cmd-*.c do; each family lists
 * its commands, its `info' subcommands and its `set' settings in tables
 * of its own, and cmd.c looks a name up in all of them.  Adding a command
 * touches its family's file alone.
 */
#ifndef CMD_INT_H
#define CMD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <regex.h>

#include "cmd.h"

/* A command: its name, aliases and one of two functions: FN takes the
   argument text, FMTFN also the /FMT after the name (print/x, x/4gx);
   a command without FMTFN refuses a /FMT.  HELP is the line `help'
   prints.  A table ends with an entry whose NAME is NULL.  */
struct cmd_entry {
	const char	*name;
	const char	*aliases[4];
	int		(*fn)(struct cmd_ctx *, char *);
	int		(*fmtfn)(struct cmd_ctx *, char *, const char *);
	const char	*help;
};

/* An `info' subcommand, taken by any prefix of NAME at least MIN long;
   or a `set' setting, NAME its words ("backtrace past-main"), FN given
   what follows them.  Tables end with a NULL NAME.  */
struct cmd_sub {
	const char	*name;
	size_t		 min;
	int		(*fn)(struct cmd_ctx *, char *);
};

/* Each family's tables.  */
extern const struct cmd_entry cmd_break_table[], cmd_run_table[],
    cmd_stack_table[], cmd_data_table[], cmd_mem_table[], cmd_list_table[],
    cmd_guard_table[], cmd_record_table[];
extern const struct cmd_sub cmd_break_info[], cmd_run_info[],
    cmd_stack_info[], cmd_data_info[], cmd_list_info[], cmd_guard_info[],
    cmd_record_info[];
extern const struct cmd_sub cmd_break_set[], cmd_run_set[],
    cmd_stack_set[], cmd_mem_set[], cmd_record_set[];
extern const struct cmd_sub cmd_run_show[], cmd_stack_show[],
    cmd_record_show[];
extern const struct cmd_entry cmd_env_table[], cmd_printf_table[],
    cmd_symbols_table[], cmd_save_table[];
extern const struct cmd_sub cmd_env_set[], cmd_env_show[], cmd_env_info[];
extern const struct cmd_sub cmd_info_info[], cmd_symbols_info[];
extern const struct cmd_entry cmd_script_table[];
extern const struct cmd_sub cmd_script_show[];
extern const struct cmd_entry cmd_shell_table[];
extern const struct cmd_sub cmd_shell_info[];
extern const struct cmd_entry cmd_flow_table[];

/* cmd.c: a line run as one command (cmd_exec reads blocks first); a
   command by its name, alias or unique prefix.  */
int	cmd_exec_line(struct cmd_ctx *c, const char *line);
const struct cmd_entry *cmd_lookup(const char *name);

/* cmd_script.c: run the user command NAME (PREFIX: any it begins, when
   one alone) with ARG, 1 when there is none; its help, 1 when NAME is
   none; a breakpoint's command lines under it in info breakpoints;
   whether its list begins with silent; -x files being read (DELTA 1 at
   the start, -1 at the end).  */
int	cmd_script_user(struct cmd_ctx *c, const char *name, char *arg,
	    bool prefix);
int	cmd_script_help(struct cmd_ctx *c, const char *name);
void	cmd_script_bp_lines(struct cmd_ctx *c, int num);
bool	cmd_script_silent(struct cmd_ctx *c, int num);
void	cmd_script_sourcing(struct cmd_ctx *c, int delta);
void	cmd_script_free(struct cmd_ctx *c);
unsigned cmd_script_depth(const struct cmd_ctx *c);	/* bodies running */

/* gdb matches with libiberty's regex, whose messages it prints
   ("Unmatched [ or [^"): the same code, under its own names, with
   glibc's regex_t layout and flags.  libiberty ships no header for it.  */
int	xregcomp(regex_t *, const char *, int);
int	xregexec(const regex_t *, const char *, size_t, regmatch_t *, int);
size_t	xregerror(int, const regex_t *, char *, size_t);
void	xregfree(regex_t *);

/* cmd_env.c: a launch's arguments and redirections.  Begin takes ARG
   (`run ARGS`: the new arguments; empty: those last given) and puts the
   redirections in place; end gives the streams back after the launch. */
struct cmd_launch {
	int	 fds[3];	/* opened for the program, -1: none */
	int	 old[3];	/* the session's before */
	bool	 redirected;
};
int	cmd_launch_begin(struct cmd_ctx *c, char *arg, struct cmd_launch *l);

/* cmd_data.c: set var EXPR.  */
int	cmd_eval_quiet(struct cmd_ctx *c, char *arg);

/* cmd_settings.c: gdb's settings.  The value of NAME ("confirm",
   "print elements"; 0 is also "unlimited"); set and show return 1 when
   ARG names no such setting; the query line gdb prints without a
   terminal, unless `set confirm off'.  */
void	cmd_settings_init(struct cmd_ctx *c);
unsigned long cmd_setting(const struct cmd_ctx *c, const char *name);
int	cmd_settings_set(struct cmd_ctx *c, char *arg);
int	cmd_settings_show(struct cmd_ctx *c, char *arg);
void	cmd_query(struct cmd_ctx *c, const char *question);
/* VALUE as print shows it: laid out as gdb's `set print pretty on' when
   it is on; a copy to free either way.  */
char	*cmd_pretty(const struct cmd_ctx *c, const char *value);
void	cmd_launch_end(struct cmd_ctx *c, struct cmd_launch *l);
/* print's options (gdb's -pretty, -elements 3 ...) before a `--' word
   at *ARG: set as `set print' sets them, for one command, the settings
   they replace in *SAVED (NULL: none were given), which
   cmd_print_options_end puts back.  *ARG goes past the `--'.  Returns
   0, or -1 after an error (nothing changed).  */
int	cmd_print_options(struct cmd_ctx *c, char **arg,
	    unsigned long **saved);
void	cmd_print_options_end(struct cmd_ctx *c, unsigned long *saved);
/* The language gdb names NAME ("c++") as framescope reads it: an
   fs_lang (FS_LANG_AUTO for auto and local), -1 one it does not read,
   -2 no language.  */
int	cmd_language(const char *name);
/* After a command, gdb's warning (once) that the language set by hand
   is not the selected frame's.  */
void	cmd_lang_check(struct cmd_ctx *c);

/* cmd.c: errors and words.  */
int	cmd_fail(struct cmd_ctx *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	cmd_fail_err(struct cmd_ctx *c, const struct fs_err *e);
char	*cmd_skip(char *p);
/* ARG without the blanks around it (cut in place).  */
char	*cmd_trim(char *arg);
char	*cmd_word(char **p);
int	cmd_on_off(const char *v);
/* gdb's $_ (and $__) after x examined the UNIT-byte unit at ADDR whose
   bytes are VAL (NULL: a string or an instruction, $__ void); UNIT 0:
   an address info line or info breakpoints showed last, $_ alone, a
   void *.  */
void	cmd_set_examined(struct cmd_ctx *c, uint64_t addr, unsigned unit,
	    const uint8_t *val);
/* Run LINE with C's output and errors to memory: *OUT (*LEN bytes,
   NUL-terminated; NULL when out of memory); returns cmd_exec's result.  */
int	cmd_exec_captured(struct cmd_ctx *c, const char *line, char **out,
	    size_t *len);
/* The flags of `thread apply' and `frame apply' at ARG: -q, -c, -s,
   and -ascending when ASC is not NULL; "--" ends them.  Returns where
   the command starts.  */
char	*cmd_apply_flags(char *arg, bool *asc, bool *quiet, bool *cont,
	    bool *silent);
/* Set $_exitcode or $_exitsignal, as gdb does when the program ends.  */
void	cmd_set_exit(struct cmd_ctx *c, int code, int sig);
int	cmd_count_arg(struct cmd_ctx *c, char *arg, unsigned long def,
	    unsigned long *n);

/* cmd_stop.c: what a stop report is made of.  */
void	cmd_thread_name(pid_t pid, pid_t tid, char *buf, size_t len);
const char *cmd_thread_id(struct cmd_ctx *c, pid_t tid, char *buf,
	    size_t len);
const char *cmd_thread_num(struct cmd_ctx *c, pid_t tid, char *buf,
	    size_t len);
void	cmd_remember_location(struct cmd_ctx *c, const struct fs_frame *f);
const char *cmd_watch_title(enum fs_bp_kind kind);
/* Watchpoint NUMBER moved to what LV names, and the objects it
   depends on (fs_session_watch_move).  */
int	cmd_watch_move(struct fs_session *s, int number,
	    const struct fs_vars_lvalue *lv, struct fs_err *e);
/* Whether watch's expression that failed with E is gdb's unreadable
   value: memory it points to cannot be read, and LV says what it read
   to get there.  */
bool	cmd_watch_unreadable(const struct fs_vars_lvalue *lv,
	    const struct fs_err *e);
/* The session's fs_watch_eval_cb: a watchpoint's expression taken
   again in its frame.  */
int	cmd_watch_eval(struct fs_session *s, const struct fs_breakpoint *bp,
	    void *arg);
const char *cmd_sym_offset(const char *func, uint64_t off);

/* cmd_break.c */
void	cmd_describe_addr(struct cmd_ctx *c, uint64_t addr, char *buf,
	    size_t len);
bool	cmd_is_linespec(const char *spec);

/* cmd_mem.c: gdb's print_address, "0x1129 <callee>" or "0x1145
   <callee+28>" (the address alone where no symbol holds it).  */
void	cmd_addr_label(struct cmd_ctx *c, uint64_t addr, char *buf,
	    size_t len);

/* cmd_stop.c: the selected thread's innermost frame as `info threads'
   shows it: a backtrace line without its "#0  ".  */
void	cmd_print_location(struct cmd_ctx *c);

/* cmd_data.c: info locals/args of FRAME, indented (bt full).  */
int	cmd_print_vars(struct cmd_ctx *c, unsigned frame, bool args,
	    int indent);

/* cmd_stack.c */
bool	cmd_is_main(const struct fs_frame *f);
size_t	cmd_visible_frames(struct cmd_ctx *c, const struct fs_frame *f,
	    size_t n);
int	cmd_anatomy(struct cmd_ctx *c, struct fs_err *e);

/* cmd.c: make and write the --dump line begun at the last stop, if
   any.  */
void	cmd_dump_flush(struct cmd_ctx *c);

/* cmd_guard.c: the guard's stop report.  */
void	cmd_print_smash(struct cmd_ctx *c);

/* cmd_mem.c: x with FMT ("4gx"; NULL: the last one).  */
int	cmd_x(struct cmd_ctx *c, char *arg, const char *fmt);

/* cmd_record.c: the reverse commands, for set exec-direction reverse
   (KIND: 0 step, 1 next, 2 stepi, 3 nexti).  */
int	cmd_reverse_stepping(struct cmd_ctx *c, char *arg, int kind);
int	cmd_reverse_finish(struct cmd_ctx *c, char *arg);
int	cmd_reverse_continue(struct cmd_ctx *c, char *arg);
int	cmd_record_goto(struct cmd_ctx *c, char *arg);

/* cmd_printf.c: printf's line, "FMT", ARGS (dprintf's too).  */
int	cmd_printf_line(struct cmd_ctx *c, char *arg);

/* cmd_data.c */
struct fs_vars_hist *cmd_history(struct cmd_ctx *c);
int	cmd_print_letter(struct cmd_ctx *c, const char *fmt, int *letter);
void	cmd_do_displays(struct cmd_ctx *c);
int	cmd_display_subcommand(struct cmd_ctx *c, char *arg, int op);

#endif
