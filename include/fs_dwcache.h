/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dwcache: the files of framescope's persistent cache of decoded DWARF,
 * one a debug file, named by its build ID, under $XDG_CACHE_HOME/framescope
 * (default ~/.cache/framescope), as gdb's index-cache and debuginfod's
 * cache.  It owns where the files are, their header (magic, format
 * version, build ID, the sizes that identify the DWARF, a checksum of the
 * payload), reading them back checked, and writing them atomically (a
 * temporary file renamed over the old one), and the byte encoding of a
 * payload; what a payload holds is its user's (fs_dwarf).  A file that is
 * missing, truncated, corrupt, of another version or of other DWARF is
 * ignored (and rewritten by the next store), never trusted.  The cache is
 * off when $FRAMESCOPE_NO_CACHE is set to anything but the empty string,
 * or when neither $XDG_CACHE_HOME (absolute) nor $HOME is set.
 */
#ifndef FS_DWCACHE_H
#define FS_DWCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FS_DWCACHE_IDMAX 64

/* What a cache file must match to be used: the build ID of the DWARF's
   file and sizes that change with its contents.  */
struct fs_dwcache_key {
	uint8_t		id[FS_DWCACHE_IDMAX];
	size_t		idlen;		/* 0: no build ID, no cache */
	uint64_t	sizes[2];
};

/* The payload cached for KEY, checked against the header and its
   checksum, in *BUF (malloc'd, caller frees) and *LEN.  Returns 0, or -1
   when there is none usable (off, missing, unreadable or corrupt).  */
int	fs_dwcache_load(const struct fs_dwcache_key *key, uint8_t **buf,
	    size_t *len);

/* Write BUF[0..LEN) as the payload for KEY, atomically.  Returns 0 or -1
   (the cache is only an optimization: callers go on either way).  */
int	fs_dwcache_store(const struct fs_dwcache_key *key, const void *buf,
	    size_t len);

/* The path of KEY's cache file, malloc'd, or NULL when the cache is
   off.  */
char	*fs_dwcache_path(const struct fs_dwcache_key *key);

/* A payload being written: appends grow P; ERR is set, and the payload
   unusable, when memory runs out.  */
struct fs_dwcache_out {
	uint8_t		*p;
	size_t		 n, cap;
	bool		 err;
};

void	fs_dwcache_put(struct fs_dwcache_out *o, const void *v, size_t n);
void	fs_dwcache_put_u8(struct fs_dwcache_out *o, uint8_t v);
void	fs_dwcache_put_u32(struct fs_dwcache_out *o, uint32_t v);
void	fs_dwcache_put_u64(struct fs_dwcache_out *o, uint64_t v);
/* A string or NULL.  */
void	fs_dwcache_put_str(struct fs_dwcache_out *o, const char *s);

/* A payload being read: every read past the end, or of a malformed value,
   sets BAD and returns 0 / NULL, so a decoder checks BAD once at the end
   of each record.  */
struct fs_dwcache_in {
	const uint8_t	*p, *end;
	bool		 bad;
};

/* N bytes of the payload, in place (NULL, and BAD set, past its end).  */
const uint8_t *fs_dwcache_get(struct fs_dwcache_in *in, size_t n);
uint8_t	fs_dwcache_get_u8(struct fs_dwcache_in *in);
uint32_t fs_dwcache_get_u32(struct fs_dwcache_in *in);
uint64_t fs_dwcache_get_u64(struct fs_dwcache_in *in);
/* A string put by fs_dwcache_put_str: malloc'd (caller frees) or NULL,
   *NUL true when it was a NULL.  */
char	*fs_dwcache_get_str(struct fs_dwcache_in *in, bool *nul);
/* Whether N records of at least SIZE bytes each can still be read: a
   count from the file is checked so before anything is allocated for it.
   Sets BAD when not.  */
bool	fs_dwcache_fits(struct fs_dwcache_in *in, uint64_t n, size_t size);

#endif
