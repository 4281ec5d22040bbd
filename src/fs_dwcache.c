/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dwcache: the persistent cache's files (see include/fs_dwcache.h).
 *
 * A file is a fixed header of little-endian fields, then the payload:
 *
 *	magic "FSDWCACH", u32 version, u32 build ID length, 64 bytes of
 *	build ID (zero-padded), u64 sizes[2], u64 payload length,
 *	u32 CRC-32 of the payload, u32 zero
 *
 * Everything in the header must match the key and the file's size, and the
 * checksum the payload, or the file is not used.  The checksum catches a
 * file cut short or damaged; a payload made to pass it is still only data
 * that its decoder checks value by value.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "fs_dwcache.h"

#define MAGIC		"FSDWCACH"
#define VERSION		14
#define HDR_LEN		(8 + 4 + 4 + FS_DWCACHE_IDMAX + 16 + 8 + 4 + 4)
/* Far above what a libc's decoded units take; a larger file is not
   read.  */
#define MAX_PAYLOAD	((size_t)256 << 20)

static uint64_t
le_get(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

static void
le_put(uint8_t *p, uint64_t v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/* The cache directory, malloc'd, or NULL when the cache is off.  */
static char *
cache_dir(void)
{
	const char *s;
	char *d;

	if ((s = getenv("FRAMESCOPE_NO_CACHE")) != NULL && *s != '\0')
		return NULL;
	if ((s = getenv("XDG_CACHE_HOME")) != NULL && s[0] == '/') {
		if (asprintf(&d, "%s/framescope", s) < 0)
			return NULL;
		return d;
	}
	if ((s = getenv("HOME")) == NULL || s[0] != '/')
		return NULL;
	if (asprintf(&d, "%s/.cache/framescope", s) < 0)
		return NULL;
	return d;
}

char *
fs_dwcache_path(const struct fs_dwcache_key *key)
{
	char *dir, *path;
	char hex[2 * FS_DWCACHE_IDMAX + 1];
	size_t i;

	if (key->idlen == 0 || key->idlen > FS_DWCACHE_IDMAX ||
	    (dir = cache_dir()) == NULL)
		return NULL;
	for (i = 0; i < key->idlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", key->id[i]);
	if (asprintf(&path, "%s/%s.dwarf", dir, hex) < 0)
		path = NULL;
	free(dir);
	return path;
}

static void
header(uint8_t *h, const struct fs_dwcache_key *key, uint64_t len,
    uint32_t crc)
{
	memset(h, 0, HDR_LEN);
	memcpy(h, MAGIC, 8);
	le_put(h + 8, VERSION, 4);
	le_put(h + 12, key->idlen, 4);
	memcpy(h + 16, key->id, key->idlen);
	le_put(h + 16 + FS_DWCACHE_IDMAX, key->sizes[0], 8);
	le_put(h + 24 + FS_DWCACHE_IDMAX, key->sizes[1], 8);
	le_put(h + 32 + FS_DWCACHE_IDMAX, len, 8);
	le_put(h + 40 + FS_DWCACHE_IDMAX, crc, 4);
}

int
fs_dwcache_load(const struct fs_dwcache_key *key, uint8_t **buf,
    size_t *len)
{
	uint8_t h[HDR_LEN], want[HDR_LEN], *p = NULL;
	struct stat st;
	uint64_t n;
	char *path;
	ssize_t r;
	size_t got;
	int fd;

	*buf = NULL;
	*len = 0;
	if ((path = fs_dwcache_path(key)) == NULL)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(path);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HDR_LEN || read(fd, h, HDR_LEN) != HDR_LEN)
		goto bad;
	n = le_get(h + 32 + FS_DWCACHE_IDMAX, 8);
	if (n > MAX_PAYLOAD || n != (uint64_t)st.st_size - HDR_LEN)
		goto bad;
	/* The header as it would be written for this key, the checksum
	   aside.  */
	header(want, key, n, 0);
	memcpy(want + 40 + FS_DWCACHE_IDMAX, h + 40 + FS_DWCACHE_IDMAX, 4);
	if (memcmp(h, want, HDR_LEN) != 0 || (p = malloc(n + 1)) == NULL)
		goto bad;
	for (got = 0; got < n; got += (size_t)r)
		if ((r = read(fd, p + got, n - got)) <= 0)
			goto bad;
	if (crc32_z(0, p, n) != le_get(h + 40 + FS_DWCACHE_IDMAX, 4))
		goto bad;
	close(fd);
	*buf = p;
	*len = n;
	return 0;
bad:
	free(p);
	close(fd);
	return -1;
}

/* mkdir -p of the absolute path DIR, 0700 for what it creates.  */
static int
mkdirs(char *dir)
{
	char *s;

	for (s = dir + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int
fs_dwcache_store(const struct fs_dwcache_key *key, const void *buf,
    size_t len)
{
	uint8_t h[HDR_LEN];
	char *path, *tmp = NULL, *slash;
	int fd = -1, ret = -1;

	if (len > MAX_PAYLOAD || (path = fs_dwcache_path(key)) == NULL)
		return -1;
	slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdirs(path) != 0) {
		free(path);
		return -1;
	}
	*slash = '/';
	if (asprintf(&tmp, "%.*s/.tmp.XXXXXX", (int)(slash - path), path) < 0) {
		free(path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	header(h, key, len, (uint32_t)crc32_z(0, buf, len));
	if (write(fd, h, HDR_LEN) != HDR_LEN ||
	    write(fd, buf, len) != (ssize_t)len || close(fd) != 0) {
		fd = -1;
		unlink(tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	free(path);
	return ret;
}

void
fs_dwcache_put(struct fs_dwcache_out *o, const void *v, size_t n)
{
	uint8_t *np;
	size_t nc;

	if (o->err)
		return;
	if (n > o->cap - o->n) {
		nc = o->cap ? o->cap : 4096;
		while (nc - o->n < n && nc < SIZE_MAX / 2)
			nc *= 2;
		if (nc - o->n < n || (np = realloc(o->p, nc)) == NULL) {
			o->err = true;
			return;
		}
		o->p = np;
		o->cap = nc;
	}
	if (n > 0)
		memcpy(o->p + o->n, v, n);
	o->n += n;
}

void
fs_dwcache_put_u8(struct fs_dwcache_out *o, uint8_t v)
{
	fs_dwcache_put(o, &v, 1);
}

void
fs_dwcache_put_u32(struct fs_dwcache_out *o, uint32_t v)
{
	uint8_t b[4];

	le_put(b, v, 4);
	fs_dwcache_put(o, b, 4);
}

void
fs_dwcache_put_u64(struct fs_dwcache_out *o, uint64_t v)
{
	uint8_t b[8];

	le_put(b, v, 8);
	fs_dwcache_put(o, b, 8);
}

void
fs_dwcache_put_str(struct fs_dwcache_out *o, const char *s)
{
	size_t n;

	if (s == NULL) {
		fs_dwcache_put_u32(o, UINT32_MAX);
		return;
	}
	if ((n = strlen(s)) >= UINT32_MAX) {
		o->err = true;
		return;
	}
	fs_dwcache_put_u32(o, (uint32_t)n);
	fs_dwcache_put(o, s, n);
}

static const uint8_t *
take(struct fs_dwcache_in *in, size_t n)
{
	const uint8_t *p = in->p;

	if (in->bad || (size_t)(in->end - in->p) < n) {
		in->bad = true;
		return NULL;
	}
	in->p += n;
	return p;
}

const uint8_t *
fs_dwcache_get(struct fs_dwcache_in *in, size_t n)
{
	return take(in, n);
}

uint8_t
fs_dwcache_get_u8(struct fs_dwcache_in *in)
{
	const uint8_t *p = take(in, 1);

	return p != NULL ? *p : 0;
}

uint32_t
fs_dwcache_get_u32(struct fs_dwcache_in *in)
{
	const uint8_t *p = take(in, 4);

	return p != NULL ? (uint32_t)le_get(p, 4) : 0;
}

uint64_t
fs_dwcache_get_u64(struct fs_dwcache_in *in)
{
	const uint8_t *p = take(in, 8);

	return p != NULL ? le_get(p, 8) : 0;
}

char *
fs_dwcache_get_str(struct fs_dwcache_in *in, bool *nul)
{
	const uint8_t *p;
	uint32_t n;
	char *s;

	*nul = false;
	n = fs_dwcache_get_u32(in);
	if (in->bad)
		return NULL;
	if (n == UINT32_MAX) {
		*nul = true;
		return NULL;
	}
	/* A NUL inside would make the name another string than written. */
	if ((p = take(in, n)) == NULL || memchr(p, '\0', n) != NULL ||
	    (s = malloc((size_t)n + 1)) == NULL) {
		in->bad = true;
		return NULL;
	}
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

bool
fs_dwcache_fits(struct fs_dwcache_in *in, uint64_t n, size_t size)
{
	if (in->bad || (size > 0 &&
	    n > (uint64_t)(in->end - in->p) / size)) {
		in->bad = true;
		return false;
	}
	return true;
}
