/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_sbuf: a growing string, the one every formatter of values, names and
 * frame lines appends to.  Allocation failure is sticky: the string stays
 * what it was, `oom` is set and later appends do nothing, so a formatter
 * checks once at the end.  The caller owns `s` (free it, or take it).
 * open_memstream would do the same but costs a calloc of a stdio buffer
 * per string, which a backtrace of 10,000 frames pays 20,000 times.
 */
#ifndef FS_SBUF_H
#define FS_SBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct fs_sbuf {
	char	*s;		/* NUL-terminated, NULL until an append */
	size_t	 len, cap;
	bool	 oom;
};

void	fs_sbuf_add(struct fs_sbuf *, const char *, size_t);
void	fs_sbuf_puts(struct fs_sbuf *, const char *);
void	fs_sbuf_printf(struct fs_sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* What "%llu", "%lld" and "0x%0*llx" print, without printf's cost: a frame line
   of a deep backtrace is mostly numbers.  */
void	fs_sbuf_uint(struct fs_sbuf *, unsigned long long);
void	fs_sbuf_int(struct fs_sbuf *, long long);
void	fs_sbuf_hex(struct fs_sbuf *, unsigned long long, int width);

/* Keys, compared byte for byte (the snapshot's parts, the slot map's
   frames): N bytes at P as they are, without a call while there is room
   (nor the NUL fs_sbuf_add keeps after them); a number as its bytes; a
   string with its length, NULL as a length no string has.  */
static inline void
fs_sbuf_key(struct fs_sbuf *k, const void *p, size_t n)
{
	if (k->s != NULL && k->len + n < k->cap) {
		memcpy(k->s + k->len, p, n);
		k->len += n;
	} else
		fs_sbuf_add(k, (const char *)p, n);
}

static inline void
fs_sbuf_key_u64(struct fs_sbuf *k, uint64_t v)
{
	fs_sbuf_key(k, &v, sizeof v);
}

static inline void
fs_sbuf_key_str(struct fs_sbuf *k, const char *s)
{
	size_t n = s != NULL ? strlen(s) : SIZE_MAX;

	fs_sbuf_key(k, &n, sizeof n);
	if (s != NULL)
		fs_sbuf_key(k, s, n);
}

/* Append formatted text to the NUL-terminated string in BUF[0..LEN),
   truncated to fit: for labels of a known bound.  */
void	fs_strcatf(char *buf, size_t len, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* V with its thousands marked, "17,889", in BUF; returns BUF.  */
const char *fs_grouped(unsigned long long v, char *buf, size_t len);

#endif
