/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_snapshot: the state of a stop as one JSON object (written with
 * jansson): the stop's number and reason, the registers, and every frame
 * with its function, source position, pc, cfa, sp and fp.  Addresses are
 * "0x..." strings so that no JSON reader loses bits.  The format is
 * documented in man/framescope.1 (SNAPSHOT FORMAT); `--dump` writes one per
 * stop, one per line (JSON Lines).
 */
#ifndef FS_SNAPSHOT_H
#define FS_SNAPSHOT_H

#include <stdio.h>

#include "fs_anatomy.h"
#include "fs_error.h"
#include "fs_session.h"

/* The snapshot of the current stop as a malloc'd one-line string.  */
int	fs_snapshot_string(struct fs_session *s, char **out, struct fs_err *e);

/* Write it to F followed by a newline, and flush.  */
int	fs_snapshot_write(struct fs_session *s, FILE *f, struct fs_err *e);

/* The same, each frame with its "slots" (its words explained, see
   fs_anatomy) when A is not NULL: A computes the map of the stop.  */
int	fs_snapshot_string_slots(struct fs_session *s, struct fs_anatomy *a,
	    char **out, struct fs_err *e);
int	fs_snapshot_write_slots(struct fs_session *s, struct fs_anatomy *a,
	    FILE *f, struct fs_err *e);

/* The texts of the parts of snapshots made before (a frame's head, a
   variable, a slot, the instruction), each under every input it was
   made of, so that the snapshots of a run of stops are spliced from
   them where a stop changed nothing: `record export` and `--dump`.  The
   cache holds no state of the program, only texts; the settings that
   change how values print do not change while it lives: clear it when
   they may have (between commands).  */
struct fs_snapcache;
struct fs_vars_provider;

int	fs_snapcache_new(struct fs_snapcache **out, struct fs_err *e);
void	fs_snapcache_clear(struct fs_snapcache *c);
void	fs_snapcache_free(struct fs_snapcache *c);
/* The provider the slot maps are made with (fs_anatomy_set_provider),
   whose variables are those of the snapshot's frames: not made twice.  */
void	fs_snapcache_set_provider(struct fs_snapcache *c,
	    const struct fs_vars_provider *p);
/* Parts taken from it, and made.  */
void	fs_snapcache_stats(const struct fs_snapcache *c, unsigned long *hits,
	    unsigned long *misses);
/* fs_snapshot_string_slots, the same text made with C (NULL: none).  */
int	fs_snapshot_string_cached(struct fs_session *s, struct fs_anatomy *a,
	    struct fs_snapcache *c, char **out, struct fs_err *e);

/* fs_snapshot_string_cached in two halves, so that the text can be made
   while the process runs: the first reads all the snapshot needs from
   the stopped process and computes A's map into *OUT; the second makes
   the text of that alone, and frees it.  A's map and C must not change
   in between, the modules not be unloaded: at most one single step.  */
struct fs_snaplater;
int	fs_snapshot_begin(struct fs_session *s, struct fs_anatomy *a,
	    struct fs_snapcache *c, struct fs_snaplater **out,
	    struct fs_err *e);
int	fs_snapshot_finish(struct fs_snaplater *l, char **out,
	    struct fs_err *e);
void	fs_snapshot_later_free(struct fs_snaplater *l);

/* The reason as the snapshot spells it: "entry", "breakpoint", ...  */
const char *fs_snapshot_reason(int reason);

#endif
