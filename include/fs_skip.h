/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_skip: what `step` does not stop in, as gdb's skip command keeps it:
 * functions by name ("calc::multiply", or any path ending in
 * "::multiply") and source files by name ("vec/mod.rs", matched whole or
 * as the last components of the path).  Entries are numbered from 1 in
 * the order they were added; numbers are not reused.  The session owns
 * one list; stepping asks fs_skip_match for the function it enters.
 */
#ifndef FS_SKIP_H
#define FS_SKIP_H

#include <stdbool.h>
#include <stddef.h>

#include "fs_error.h"

enum fs_skip_kind {
	FS_SKIP_FUNCTION,
	FS_SKIP_FILE,
};

struct fs_skip_entry {
	int		 num;
	enum fs_skip_kind kind;
	char		*pattern;
	bool		 enabled;
};

struct fs_skips {
	struct fs_skip_entry *v;
	size_t		 n;
	int		 next;		/* the last number given */
};

/* Add an entry; *NUM (may be NULL) gets its number.  Returns 0 or
   -FS_E_NOMEM.  */
int	fs_skip_add(struct fs_skips *l, enum fs_skip_kind kind,
	    const char *pattern, int *num, struct fs_err *e);
/* Delete entry NUM, or all with NUM 0.  Returns 0, or -FS_E_NOENT with
   gdb's message.  */
int	fs_skip_delete(struct fs_skips *l, int num, struct fs_err *e);
/* True when an enabled entry matches function FUNC or file FILE (either
   may be NULL).  */
bool	fs_skip_match(const struct fs_skips *l, const char *func,
	    const char *file);
void	fs_skip_clear(struct fs_skips *l);

#endif
