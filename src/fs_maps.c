/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_maps: /proc/PID/maps parsing (see include/fs_maps.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_maps.h"

void
fs_maps_clear(struct fs_maps *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* Parse one line; returns 0 and fills MP, or -1 for a malformed line.  */
static int
parse_line(const char *text, struct fs_map *mp)
{
	unsigned long long start, end, off, ino;
	char perms[8], line[4096 + 128];
	int pos = 0;
	const char *p;
	size_t len;

	/* sscanf must not see past this line: a blank in the format would
	   skip the newline of a line without a path.  */
	len = strcspn(text, "\n");
	if (len >= sizeof line)
		return -1;
	memcpy(line, text, len);
	line[len] = '\0';
	if (sscanf(line, "%llx-%llx %7s %llx %*x:%*x %llu %n", &start, &end,
	    perms, &off, &ino, &pos) < 5 || pos == 0 || end < start)
		return -1;
	p = line + pos;
	while (*p == ' ')
		p++;
	len = strcspn(p, "\n");
	mp->start = start;
	mp->end = end;
	mp->offset = off;
	mp->inode = ino;
	mp->prot = (perms[0] == 'r' ? FS_MAP_R : 0) |
	    (perms[1] == 'w' ? FS_MAP_W : 0) | (perms[2] == 'x' ? FS_MAP_X : 0);
	mp->path = strndup(p, len);
	return mp->path == NULL ? -1 : 0;
}

int
fs_maps_parse(const char *text, struct fs_maps *m, struct fs_err *e)
{
	const char *line = text;
	size_t cap = 0;
	struct fs_map mp, *nv;

	fs_maps_clear(m);
	while (line != NULL && *line != '\0') {
		if (parse_line(line, &mp) == 0) {
			if (m->n == cap) {
				cap = cap ? cap * 2 : 64;
				nv = realloc(m->v, cap * sizeof *nv);
				if (nv == NULL) {
					free(mp.path);
					fs_maps_clear(m);
					return fs_err_set(e, FS_E_NOMEM,
					    "out of memory");
				}
				m->v = nv;
			}
			m->v[m->n++] = mp;
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	return 0;
}

int
fs_maps_read(pid_t pid, struct fs_maps *m, struct fs_err *e)
{
	char path[64], *text = NULL;
	size_t len = 0, got;
	FILE *f, *mem;
	char buf[8192];
	int r;

	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return fs_err_sys(e, "%s", path);
	if ((mem = open_memstream(&text, &len)) == NULL) {
		fclose(f);
		return fs_err_sys(e, "open_memstream");
	}
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, got, mem);
	fclose(f);
	fclose(mem);
	r = fs_maps_parse(text, m, e);
	free(text);
	return r;
}

const struct fs_map *
fs_maps_find(const struct fs_maps *m, uint64_t addr)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (addr < m->v[mid].start)
			hi = mid;
		else if (addr >= m->v[mid].end)
			lo = mid + 1;
		else
			return &m->v[mid];
	}
	return NULL;
}

/*
 * The main thread's stack grows down without a new mapping: once the maps
 * are read, an rsp below the [stack] mapping's start is still in it.  So
 * an address in no mapping, under [stack] and not past the next mapping
 * below, belongs to [stack].
 */
const struct fs_map *
fs_maps_stack(const struct fs_maps *m, uint64_t addr)
{
	const struct fs_map *mp;
	size_t i;

	if ((mp = fs_maps_find(m, addr)) != NULL)
		return mp;
	for (i = 0; i < m->n; i++) {
		if (m->v[i].start <= addr)
			continue;
		if (strcmp(m->v[i].path, "[stack]") == 0)
			return &m->v[i];
		return NULL;
	}
	return NULL;
}
