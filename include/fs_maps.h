/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_maps: the memory map of a process as /proc/PID/maps tells it, parsed
 * into an array.  The modules layer uses it to find what is loaded where
 * (and so the load bias of each ELF file); the unwinder uses it to know
 * where a thread's stack ends.
 */
#ifndef FS_MAPS_H
#define FS_MAPS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fs_error.h"

#define FS_MAP_R	0x1
#define FS_MAP_W	0x2
#define FS_MAP_X	0x4

struct fs_map {
	uint64_t	 start, end;	/* [start, end) */
	uint64_t	 offset;	/* file offset of start */
	unsigned	 prot;		/* FS_MAP_* */
	uint64_t	 inode;
	char		*path;		/* "" for anonymous, "[stack]" ... */
};

struct fs_maps {
	struct fs_map	*v;
	size_t		 n;
};

/* Read /proc/PID/maps into M (emptied first).  */
int	fs_maps_read(pid_t pid, struct fs_maps *m, struct fs_err *e);
/* Parse maps text into M (emptied first).  Malformed lines are skipped.  */
int	fs_maps_parse(const char *text, struct fs_maps *m, struct fs_err *e);
/* The mapping holding ADDR, or NULL.  O(log n).  */
const struct fs_map *fs_maps_find(const struct fs_maps *m, uint64_t addr);
const struct fs_map *fs_maps_stack(const struct fs_maps *m, uint64_t addr);
/* Free what M holds; M itself is the caller's.  */
void	fs_maps_clear(struct fs_maps *m);

#endif
