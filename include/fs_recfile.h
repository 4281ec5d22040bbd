/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_recfile: recordings as files.  `record save' writes what a replay
 * needs without the process: the state at the recording's position (the
 * registers, and the memory every reading command may read: every
 * mapping but the files' own read-only segments, which come back from the
 * files, and every page the log touched), the log, and the program's
 * and libraries' paths, build-ids and mappings.  `--replay' opens it:
 * each file is found by its build-id (the path recorded when its build-id
 * is the same, a build-id directory of a debug tree, debuginfod's cache,
 * the recording's own directory), and a file that cannot be found is an
 * error that names it.  The format, described in the manual page (RECORDING
 * FILES), is versioned: a header, then tagged sections, the memory and the
 * log compressed with zlib.
 */
#ifndef FS_RECFILE_H
#define FS_RECFILE_H

#include "fs_error.h"
#include "fs_session.h"

#define FS_RECFILE_VERSION	1

/* Write the recording of S, at its position, to PATH.  */
int	fs_recfile_save(struct fs_session *s, const char *path,
	    struct fs_err *e);

/* Open the recording at PATH in S, which has no program yet: S then
   replays it, with no process.  */
int	fs_recfile_load(struct fs_session *s, const char *path,
	    struct fs_err *e);

#endif
