/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the end-to-end suites: child processes, samples, truth. */
#ifndef CHECK_UTIL_H
#define CHECK_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

/* A NULL-terminated, growable argument vector of copies.  */
struct util_argv {
	char	**v;
	size_t	  n, cap;
};

void	util_argv_push(struct util_argv *a, const char *s);
void	util_argv_pushf(struct util_argv *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void	util_argv_free(struct util_argv *a);

/* What a finished child did.  */
struct util_result {
	char	*out;		/* its standard output, NUL-terminated */
	char	*err;		/* its standard error */
	int	 status;	/* wait status */
	bool	 timed_out;	/* killed after the time limit */
};

/* Send this process's standard output to /dev/null and back: the
   samples print, and their output has no place in the test log.  For
   tcase_add_checked_fixture.  */
void	util_quiet_setup(void);
void	util_quiet_teardown(void);

/* Run ARGV with the standard input from /dev/null, collect its output,
   and kill its process group after TIMEOUT seconds.  */
void	util_run(char *const argv[], double timeout, struct util_result *r);
void	util_result_free(struct util_result *r);
/* "exit 2", "signal 11", "timed out": for messages.  */
const char *util_status_text(const struct util_result *r);

/* Run framescope --batch [--dump DUMP] -ex CMDS[0] ... PROG ARGS..., CMDS
   and ARGS NULL-terminated (ARGS may be NULL), 20 s at most.  */
void	util_framescope(struct util_result *r, const char *dump,
	    const char *const cmds[], const char *prog,
	    const char *const args[]);
/* The same script under gdb --batch, GDB_ONLY commands first.  */
void	util_gdb(struct util_result *r, const char *const gdb_only[],
	    const char *const cmds[], const char *prog,
	    const char *const args[]);
/* Whether gdb(1) can be run.  */
bool	util_have_gdb(void);

/* One line of gdb's backtrace.  */
struct util_gframe {
	unsigned	index;
	bool		has_pc;
	uint64_t	pc;
	char		func[256];
	char		file[256];	/* "" without "at FILE:LINE" */
	unsigned	line;
};

/* The frames of the last backtrace in gdb's output OUT, at most MAX.  */
size_t	util_gdb_backtrace(const char *out, struct util_gframe *g,
	    size_t max);
/* The value of the last "$N = VALUE" line of gdb's output OUT.  */
uint64_t util_gdb_value(const char *out);
/* The lines of a stop report, a backtrace or the breakpoint table in OUT
   (framescope's or gdb's), normalized: argument lists emptied, process
   ids replaced.  */
char	**util_stop_lines(const char *out, size_t *n);
void	util_strv_free(char **v, size_t n);
/* Run CMDS on sample NAME (with ARGS) under gdb and framescope: the stop
   lines must be the same.  GDB_ONLY: settings only gdb needs.  */
void	util_same_as_gdb(const char *name, const char *const args[],
	    const char *const gdb_only[], const char *const cmds[]);

/* Start ARGV in the background, stdin /dev/null, its standard output to a
   pipe whose read end is *OUT_FD (close-on-exec), its standard error to
   *ERR_FD likewise or to /dev/null when ERR_FD is NULL.  */
pid_t	util_spawn(char *const argv[], int *out_fd, int *err_fd);
/* Append what FD has to *BUF (of *LEN bytes, NUL-terminated) until NEEDLE
   appears in it, EOF, or TIMEOUT seconds.  True when NEEDLE is there.  */
bool	util_read_until(int fd, char **buf, size_t *len, const char *needle,
	    double timeout);
/* Wait up to TIMEOUT seconds for PID; false (PID killed and reaped) when
   it did not end in time.  */
bool	util_wait(pid_t pid, double timeout, int *status);
/* Whether PID is gone: no such process, or a zombie.  */
bool	util_pid_gone(pid_t pid);
/* A child of PARENT from /proc, or 0 within TIMEOUT seconds.  */
pid_t	util_child_of(pid_t parent, double timeout);
void	util_sleep_ms(long ms);

/* Absolute path of sample NAME (malloc'd).  */
char	*util_sample(const char *name);
/* Absolute path of samples/FILE, the source of the samples (malloc'd).  */
char	*util_source(const char *file);
/* The number of the first line of samples/FILE containing NEEDLE.  */
unsigned util_source_line(const char *file, const char *needle);

/* Symbol NAME of the ELF file PATH as nm(1) lists it.  */
bool	util_nm(const char *path, const char *name, uint64_t *addr,
	    uint64_t *size);
/* The entry point readelf(1) reports for PATH.  */
uint64_t util_elf_entry(const char *path);
/* How far PATH is moved when it runs without ASLR, as a debugger runs it:
   where the kernel maps it (read from /proc) minus its first PT_LOAD's
   page (0 for ET_EXEC).  */
uint64_t util_load_bias(const char *path);

/* A fresh directory (malloc'd), under the test case's own directory in
   $TMPDIR when util_tmp_setup has run; util_rmtree removes it.  */
char	*util_tmpdir(void);
void	util_rmtree(const char *dir);
/* An unchecked fixture: the test case's directory, removed with all in it
   by the teardown even when tests fail.  */
void	util_tmp_setup(void);
void	util_tmp_teardown(void);
/* The whole of file PATH, or NULL.  */
char	*util_slurp(const char *path);

/* The lines of S (a malloc'd copy, cut in place); *N of them.  */
char	**util_lines(const char *s, size_t *n);
void	util_lines_free(char **lines);
size_t	util_count_lines(const char *s);
/* Whether S has a line equal to LINE, or beginning with PREFIX.  */
bool	util_has_line(const char *s, const char *line);
bool	util_has_line_prefix(const char *s, const char *prefix);

/* Every line of the JSON-lines file PATH, parsed; fails on bad JSON.  */
json_t	**util_load_dump(const char *path, size_t *n);
void	util_dump_free(json_t **d, size_t n);
/* Member KEY of O, which must be a "0x..." string.  */
uint64_t util_jhex(const json_t *o, const char *key);
/* The same, or false when it is JSON null.  */
bool	util_jhex_opt(const json_t *o, const char *key, uint64_t *v);
/* String member KEY or NULL (when JSON null).  */
const char *util_jstr(const json_t *o, const char *key);

/* The headless Chromium `make deps` installs: chromium-headless-shell,
   or chromium.  */
const char *util_chromium(void);
/* Open URL in it with ARGS (NULL-terminated: --screenshot=FILE,
   --dump-dom, --window-size=W,H ...), a fresh profile in DIR, no network,
   60 s at most.  */
void	util_chromium_run(struct util_result *r, const char *dir,
	    const char *url, const char *const args[]);
/* Decode the 8-bit RGB or RGBA PNG file PATH: its size, and how many
   pixels are not white (INK) and how many are dark (DARK, every channel
   under 96).  False when it is no such PNG.  */
bool	util_png_ink(const char *path, unsigned *w, unsigned *h, size_t *ink,
	    size_t *dark);
/* Whether xmllint(1) finds the SVG file PATH valid against the SVG 1.1
   DTD (w3c-sgml-lib), without network; its complaint in *WHY when not
   (NULL: not wanted; malloc'd).  */
bool	util_svg_valid(const char *path, char **why);
/* CMDS (-ex) on the sample NAME under gdb and under framescope --batch:
   standard output and standard error the same, line for line (but
   gdb's own lines on libthread_db).  */
void	util_same_streams_as_gdb(const char *name,
	    const char *const cmds[]);
/* The same for the program at PROG, NAME in messages.  */
void	util_same_streams_as_gdb_at(const char *name, const char *prog,
	    const char *const cmds[]);

#endif
