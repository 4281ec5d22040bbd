/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_error: error codes and messages (see include/fs_error.h). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fs_error.h"

static const char *const fs_errstr[FS_E_MAX] = {
	[FS_OK] = "success",
	[FS_E_SYS] = "system error",
	[FS_E_NOENT] = "not found",
	[FS_E_FORMAT] = "malformed input",
	[FS_E_PTRACE] = "ptrace refused",
	[FS_E_STATE] = "not possible in this state",
	[FS_E_USAGE] = "bad usage",
	[FS_E_NOMEM] = "out of memory",
	[FS_E_EXITED] = "the process has exited",
	[FS_E_INTR] = "Quit",
	[FS_E_INSERT] = "Command aborted.",
};

static volatile sig_atomic_t cancel_asked;

void
fs_cancel_request(void)
{
	cancel_asked = 1;
}

bool
fs_cancelled(void)
{
	return cancel_asked != 0;
}

void
fs_cancel_clear(void)
{
	cancel_asked = 0;
}

const char *
fs_strerror(int code)
{
	/* Unsigned, so that -INT_MIN cannot overflow.  */
	unsigned u = code < 0 ? 0U - (unsigned)code : (unsigned)code;

	if (u >= FS_E_MAX || fs_errstr[u] == NULL)
		return "unknown error";
	return fs_errstr[u];
}

void
fs_err_clear(struct fs_err *e)
{
	if (e != NULL) {
		e->code = 0;
		e->msg[0] = '\0';
	}
}

int
fs_err_set(struct fs_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e != NULL) {
		e->code = code;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return -code;
}

int
fs_err_sys(struct fs_err *e, const char *fmt, ...)
{
	int saved = errno;
	size_t n;
	va_list ap;

	if (e != NULL) {
		e->code = FS_E_SYS;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, ": %s",
		    strerror(saved));
	}
	errno = saved;
	return -FS_E_SYS;
}
