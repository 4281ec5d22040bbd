/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_error: the error codes of the core library and the message buffer that
 * every fallible core function fills.  Core functions never print and never
 * exit: they return 0 on success or a negative -FS_E_* code, and leave a
 * one-line, human-readable explanation in the caller's struct fs_err.  Only
 * a front end decides what to do with it.
 *
 * It also holds the one request a front end may make from a signal
 * handler: to give up the operation under way (fs_cancel_request).  Every
 * loop whose length the input decides (unwinding, reading DWARF, stepping
 * N times, resuming again and again) asks fs_cancelled and ends as at an
 * error, FS_E_INTR ("Quit", gdb's word), leaving what it did consistent.
 */
#ifndef FS_ERROR_H
#define FS_ERROR_H

#include <stdbool.h>

enum fs_errcode {
	FS_OK = 0,
	FS_E_SYS,	/* a system call failed; the message carries strerror */
	FS_E_NOENT,	/* the thing looked for does not exist */
	FS_E_FORMAT,	/* a file or its debug information is malformed */
	FS_E_PTRACE,	/* the kernel refused to let us trace */
	FS_E_STATE,	/* not possible now (no process, process running...) */
	FS_E_USAGE,	/* bad command or argument */
	FS_E_NOMEM,
	FS_E_EXITED,	/* the process is gone */
	FS_E_INTR,	/* given up at the user's request (fs_cancel_request) */
	FS_E_INSERT,	/* a breakpoint could not be written: nothing ran */
	FS_E_MAX
};

#define FS_ERR_LEN 512

struct fs_err {
	int	code;
	char	msg[FS_ERR_LEN];
};

/* Record CODE and a formatted message in E (which may be NULL).  Returns
   -CODE so a caller can write `return fs_err_set(e, ...);`.  */
int	fs_err_set(struct fs_err *e, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Like fs_err_set with FS_E_SYS, appending ": strerror(errno)".  errno is
   read before anything else runs.  */
int	fs_err_sys(struct fs_err *e, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Empty E so a later check sees no stale message.  */
void	fs_err_clear(struct fs_err *e);

/* Static description of CODE.  */
const char *fs_strerror(int code);

/* Ask the operation under way to end (async-signal-safe).  Stays asked
   until fs_cancel_clear: the front end clears it when it has reported
   the end of the command.  */
void	fs_cancel_request(void);
bool	fs_cancelled(void);
void	fs_cancel_clear(void);

#endif
