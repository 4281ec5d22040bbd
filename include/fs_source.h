/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_source: source files read once and split into lines, for showing the
 * line a stop is at.  A file that cannot be read is remembered as missing
 * so it is not retried at every stop.
 */
#ifndef FS_SOURCE_H
#define FS_SOURCE_H

#include <stddef.h>

struct fs_source;

struct fs_source *fs_source_new(void);
void	fs_source_free(struct fs_source *src);

/* Line LINE (from 1) of the file at PATH, without its newline, and its
   length in *LEN.  NULL when the file or the line does not exist.
   Borrowed until fs_source_free.  */
const char *fs_source_line(struct fs_source *src, const char *path,
	    unsigned line, size_t *len);

/* How many lines the file has (0 when missing).  */
unsigned fs_source_nlines(struct fs_source *src, const char *path);

#endif
