/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_recfile: recording files (see include/fs_recfile.h).
 *
 * A file is the magic "FSRECORD", a 32-bit version and a 32-bit flags
 * word (0), then sections, each a 4-byte tag, a 64-bit length and that
 * many bytes, little-endian throughout:
 *   META  text, one "key=value" a line: program (the executable's path),
 *         pid, tid, first (the number of the log's first instruction),
 *         pos (the position the state is at), count (instructions);
 *   MODS  text, one "build-id path" a line (build-id in hex, "-" when the
 *         file has none), the executable first;
 *   MAPS  the process's /proc/PID/maps as it was;
 *   REGS  struct user_regs_struct at the position, 216 bytes;
 *   XSTA  the extended registers at the position: the XSAVE area as
 *         PTRACE_GETREGSET gives it (its first 512 bytes the FXSAVE
 *         image of struct user_fpregs_struct);
 *   MEM   ranges of memory at the position: for each, its address, its
 *         length and the length of its zlib stream (64 bits each), then
 *         the stream;
 *   LOG   the log's entries (fs_record's format) as they are at the
 *         position, as one zlib stream: its length before compression
 *         (64 bits), then the stream;
 *   END   empty, last.
 * Sections a reader does not know are skipped.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "fs_elf.h"
#include "fs_maps.h"
#include "fs_modules.h"
#include "fs_recfile.h"
#include "fs_record.h"
#include "fs_sbuf.h"

#define MAGIC		"FSRECORD"
#define MAP_MAX		(64ULL << 20)	/* saved of one mapping, at most */
#define TOTAL_MAX	(1ULL << 30)	/* saved in all */
#define PAGE		4096ULL
#define XSTATE_MAX	(16 * 1024)	/* the XSAVE area, AMX included */

static const char *const TAG_END = "END ";

/* ---------------------------------------------------------------- saving */

struct range {
	uint64_t	 addr, len;
	uint8_t		*data;		/* loading: its bytes */
};

struct ranges {
	struct range	*v;
	size_t		 n, cap;
};

static int
ranges_add(struct ranges *rs, uint64_t addr, uint64_t len)
{
	struct range *nv;

	if (len == 0)
		return 0;
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;

		if ((nv = realloc(rs->v, cap * sizeof *nv)) == NULL)
			return -1;
		rs->v = nv;
		rs->cap = cap;
	}
	rs->v[rs->n].addr = addr;
	rs->v[rs->n].len = len;
	rs->v[rs->n++].data = NULL;
	return 0;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* Sort and merge what overlaps or touches.  */
static void
ranges_merge(struct ranges *rs)
{
	size_t i, m = 0;

	qsort(rs->v, rs->n, sizeof *rs->v, range_cmp);
	for (i = 0; i < rs->n; i++) {
		if (m > 0 && rs->v[i].addr <= rs->v[m - 1].addr +
		    rs->v[m - 1].len) {
			uint64_t end = rs->v[i].addr + rs->v[i].len;

			if (end > rs->v[m - 1].addr + rs->v[m - 1].len)
				rs->v[m - 1].len = end - rs->v[m - 1].addr;
			continue;
		}
		rs->v[m++] = rs->v[i];
	}
	rs->n = m;
}

static int
touched(void *arg, uint64_t addr, const uint8_t *data, size_t len)
{
	(void)data;
	return ranges_add(arg, addr, len);
}

/* The bytes at runtime address ADDR of MOD's file (LEN at most, *N of
   them) when they are those of a segment the program cannot have
   changed: not a writable one, not even where the loader made it
   read-only after relocating it (RELRO).  NULL otherwise.  */
static const void *
file_bytes(struct fs_module *mod, uint64_t addr, size_t len, size_t *n)
{
	const struct fs_segment *seg;
	uint64_t fa = addr - mod->bias;
	size_t i, k;

	seg = fs_elf_segments(mod->elf, &k);
	for (i = 0; i < k; i++) {
		if (fa < seg[i].vaddr || fa >= seg[i].vaddr + seg[i].filesz)
			continue;
		if (seg[i].flags & 2)		/* PF_W */
			return NULL;
		*n = (size_t)(seg[i].vaddr + seg[i].filesz - fa);
		if (*n > len)
			*n = len;
		return fs_elf_bytes(mod->elf, fa, *n);
	}
	return NULL;
}

/* Whether mapping MP is all of an ELF file's read-only segments, which
   the replay reads from the file found again.  */
static bool
from_file(struct fs_modules *mods, const struct fs_map *mp)
{
	struct fs_module *mod;
	uint64_t a;
	size_t n;

	if ((mp->prot & FS_MAP_W) || mp->path[0] != '/' ||
	    (mod = fs_modules_at(mods, mp->start)) == NULL || !mod->mapped ||
	    strcmp(mod->path, mp->path) != 0)
		return false;
	for (a = mp->start; a < mp->end; a += n)
		if (file_bytes(mod, a, (size_t)(mp->end - a), &n) == NULL ||
		    n == 0)
			return false;
	return true;
}

static int
put_section(FILE *f, const char *tag, const void *data, uint64_t len)
{
	if (fwrite(tag, 1, 4, f) != 4 || fwrite(&len, 8, 1, f) != 1 ||
	    (len > 0 && fwrite(data, 1, (size_t)len, f) != len))
		return -1;
	return 0;
}

static void
hex(struct fs_sbuf *b, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char c[2];
	size_t i;

	for (i = 0; i < n; i++) {
		c[0] = digits[p[i] >> 4];
		c[1] = digits[p[i] & 15];
		fs_sbuf_add(b, c, 2);
	}
}

/* The ranges a replay reads: every mapping but the files' read-only
   segments and the kernel's [vvar] and [vsyscall] (which cannot be
   read), then the pages the log touched, wherever they are now.  */
static int
save_ranges(struct fs_session *s, struct ranges *rs, struct fs_err *e)
{
	struct fs_modules *mods = fs_session_modules(s);
	const struct fs_maps *maps = fs_modules_maps(mods);
	const struct fs_map *mp;
	uint64_t total = 0, len;
	size_t i;

	for (i = 0; i < maps->n; i++) {
		mp = &maps->v[i];
		if (!(mp->prot & FS_MAP_R) || strcmp(mp->path, "[vvar]") == 0 ||
		    strcmp(mp->path, "[vsyscall]") == 0 || from_file(mods, mp))
			continue;
		len = mp->end - mp->start;
		if (len > MAP_MAX) {
			/* A large mapping: its top (a stack grows down to
			   it) is what is read.  */
			if (strcmp(mp->path, "[stack]") != 0)
				continue;
			if (ranges_add(rs, mp->end - MAP_MAX, MAP_MAX) < 0)
				return fs_err_set(e, FS_E_NOMEM,
				    "out of memory");
			continue;
		}
		if (total + len > TOTAL_MAX)
			continue;
		total += len;
		if (ranges_add(rs, mp->start, len) < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	if (fs_record_touched(fs_session_record(s), touched, rs, e) < 0)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	ranges_merge(rs);
	return 0;
}

/* The bytes of range R as the state has them, page by page (a page that
   cannot be read is left out: the range is cut there), compressed into
   OUT.  */
static int
put_range(FILE *f, struct fs_session *s, const struct range *r,
    uint8_t *buf, uint8_t **zbuf, size_t *zcap)
{
	uint64_t a, start, len, clen, hdr[3];
	uLongf zl;
	ssize_t got;
	uint8_t *nz;

	for (a = r->addr; a < r->addr + r->len; ) {
		/* The next run of readable pages, up to 1 MB.  */
		while (a < r->addr + r->len && fs_session_read(s, a, buf,
		    1, NULL) != 1)
			a = (a & ~(PAGE - 1)) + PAGE;
		start = a;
		len = 0;
		while (a < r->addr + r->len && len < (1 << 20)) {
			uint64_t n = PAGE - (a & (PAGE - 1));

			if (n > r->addr + r->len - a)
				n = r->addr + r->len - a;
			got = fs_session_read(s, a, buf + len, (size_t)n, NULL);
			if (got != (ssize_t)n)
				break;
			len += n;
			a += n;
		}
		if (len == 0)
			continue;
		zl = compressBound((uLong)len);
		if (zl > *zcap) {
			if ((nz = realloc(*zbuf, zl)) == NULL)
				return -1;
			*zbuf = nz;
			*zcap = zl;
		}
		if (compress2(*zbuf, &zl, buf, (uLong)len, 6) != Z_OK)
			return -1;
		clen = zl;
		hdr[0] = start;
		hdr[1] = len;
		hdr[2] = clen;
		if (fwrite(hdr, 8, 3, f) != 3 || fwrite(*zbuf, 1, (size_t)clen,
		    f) != clen)
			return -1;
	}
	return 0;
}

int
fs_recfile_save(struct fs_session *s, const char *path, struct fs_err *e)
{
	struct fs_record *r = fs_session_record(s);
	struct fs_modules *mods = fs_session_modules(s);
	const struct fs_maps *maps = fs_modules_maps(mods);
	const struct user_regs_struct *regs;
	uint8_t *xs = NULL;
	size_t xlen;
	struct fs_sbuf meta = { 0 }, mods_t = { 0 }, maps_t = { 0 };
	struct ranges rs = { 0 };
	struct fs_module *mod, *ex;
	const uint8_t *id;
	const pid_t *tids;
	uint8_t *log = NULL, *zbuf = NULL, *buf = NULL;
	size_t loglen, zcap = 0, idlen, i, n;
	uint64_t v32[2] = { 0, 0 }, memlen, hdr, rawlen;
	uLongf zl;
	pid_t tid;
	char tmp[PATH_MAX + 8];
	long memstart;
	FILE *f = NULL;
	int rc = -FS_E_SYS;

	if (r == NULL)
		return fs_err_set(e, FS_E_STATE, "No recording is currently "
		    "active.");
	if ((xs = malloc(XSTATE_MAX)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((rc = fs_session_regs(s, &regs, e)) < 0 ||
	    (rc = fs_record_xstate(r, xs, XSTATE_MAX, &xlen, e)) < 0 ||
	    (rc = fs_session_threads(s, &tids, &n, &tid, e)) < 0) {
		free(xs);
		return rc;
	}
	ex = fs_modules_exec(mods);
	fs_sbuf_printf(&meta, "program=%s\npid=%d\ntid=%d\nfirst=%" PRIu64
	    "\npos=%" PRIu64 "\ncount=%" PRIu64 "\n", ex != NULL ? ex->path :
	    fs_session_program(s), (int)fs_session_pid(s), (int)tid,
	    fs_record_first(r), fs_record_pos(r), fs_record_count(r));
	for (i = 0; i < fs_modules_count(mods); i++) {
		mod = fs_modules_get(mods, i);
		/* The vDSO is no file: its image is in MEM.  */
		if ((!mod->mapped && !mod->is_exec) || mod->is_vdso)
			continue;
		if ((id = fs_elf_build_id(mod->elf, &idlen)) != NULL &&
		    idlen > 0)
			hex(&mods_t, id, idlen);
		else
			fs_sbuf_puts(&mods_t, "-");
		fs_sbuf_printf(&mods_t, " %s\n", mod->path);
	}
	for (i = 0; i < maps->n; i++) {
		const struct fs_map *mp = &maps->v[i];

		fs_sbuf_printf(&maps_t, "%" PRIx64 "-%" PRIx64 " %c%c%cp %08" PRIx64
		    " 00:00 %" PRIu64 " %s\n", mp->start, mp->end,
		    (mp->prot & FS_MAP_R) ? 'r' : '-',
		    (mp->prot & FS_MAP_W) ? 'w' : '-',
		    (mp->prot & FS_MAP_X) ? 'x' : '-', mp->offset, mp->inode,
		    mp->path);
	}
	if (meta.oom || mods_t.oom || maps_t.oom) {
		rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto out;
	}
	if ((rc = save_ranges(s, &rs, e)) < 0 ||
	    (rc = fs_record_log_bytes(r, &log, &loglen, e)) < 0)
		goto out;
	if ((buf = malloc((1 << 20) + PAGE)) == NULL) {
		rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto out;
	}
	/* Written beside, then renamed: a failed save leaves no half file
	   under the name.  */
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "we")) == NULL) {
		rc = fs_err_sys(e, "%s", path);
		goto out;
	}
	v32[0] = FS_RECFILE_VERSION;
	if (fwrite(MAGIC, 1, 8, f) != 8 || fwrite(v32, 4, 2, f) != 2 ||
	    put_section(f, "META", meta.s, meta.len) < 0 ||
	    put_section(f, "MODS", mods_t.s, mods_t.len) < 0 ||
	    put_section(f, "MAPS", maps_t.s, maps_t.len) < 0 ||
	    put_section(f, "REGS", regs, sizeof *regs) < 0 ||
	    put_section(f, "XSTA", xs, xlen) < 0)
		goto write_error;
	/* MEM: its length is known once written.  */
	hdr = 0;
	if (fwrite("MEM ", 1, 4, f) != 4 || (memstart = ftell(f)) < 0 ||
	    fwrite(&hdr, 8, 1, f) != 1)
		goto write_error;
	for (i = 0; i < rs.n; i++)
		if (put_range(f, s, &rs.v[i], buf, &zbuf, &zcap) < 0)
			goto write_error;
	memlen = (uint64_t)ftell(f) - (uint64_t)memstart - 8;
	if (fseek(f, memstart, SEEK_SET) < 0 || fwrite(&memlen, 8, 1, f) != 1
	    || fseek(f, 0, SEEK_END) < 0)
		goto write_error;
	zl = compressBound((uLong)loglen);
	if (zl > zcap) {
		uint8_t *nz = realloc(zbuf, zl);

		if (nz == NULL) {
			rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
			goto out;
		}
		zbuf = nz;
		zcap = zl;
	}
	if (compress2(zbuf, &zl, log, (uLong)loglen, 6) != Z_OK)
		goto write_error;
	rawlen = loglen;
	hdr = 8 + zl;
	if (fwrite("LOG ", 1, 4, f) != 4 || fwrite(&hdr, 8, 1, f) != 1 ||
	    fwrite(&rawlen, 8, 1, f) != 1 || fwrite(zbuf, 1, zl, f) != zl ||
	    put_section(f, TAG_END, NULL, 0) < 0)
		goto write_error;
	if (fclose(f) != 0) {
		f = NULL;
		goto write_error;
	}
	f = NULL;
	if (rename(tmp, path) < 0) {
		rc = fs_err_sys(e, "%s", path);
		unlink(tmp);
		goto out;
	}
	rc = 0;
	goto out;
write_error:
	rc = fs_err_sys(e, "%s: cannot write", path);
	if (f != NULL)
		fclose(f);
	f = NULL;
	unlink(tmp);
out:
	if (f != NULL)
		fclose(f);
	free(meta.s);
	free(mods_t.s);
	free(maps_t.s);
	free(rs.v);
	free(log);
	free(zbuf);
	free(buf);
	free(xs);
	return rc;
}

/* --------------------------------------------------------------- loading */

struct image {
	struct ranges	 mem;
	struct fs_modules *mods;
};

static void
image_free(void *arg)
{
	struct image *im = arg;
	size_t i;

	for (i = 0; i < im->mem.n; i++)
		free(im->mem.v[i].data);
	free(im->mem.v);
	free(im);
}

/* The memory at the recording's position: its saved ranges, the files'
   read-only segments.  */
static ssize_t
image_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	struct image *im = arg;
	struct fs_module *mod;
	const struct range *r;
	const void *p;
	size_t done = 0, lo, hi, mid, n;
	uint64_t a;

	while (done < len) {
		a = addr + done;
		lo = 0;
		hi = im->mem.n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (im->mem.v[mid].addr + im->mem.v[mid].len <= a)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < im->mem.n && im->mem.v[lo].addr <= a) {
			r = &im->mem.v[lo];
			n = (size_t)(r->addr + r->len - a);
			if (n > len - done)
				n = len - done;
			memcpy((uint8_t *)buf + done, r->data + (a - r->addr), n);
			done += n;
			continue;
		}
		/* A file's read-only bytes, as much as the segment has.  */
		if ((mod = fs_modules_at(im->mods, a)) == NULL ||
		    !mod->mapped || (p = file_bytes(mod, a, len - done, &n)) ==
		    NULL || n == 0)
			break;
		memcpy((uint8_t *)buf + done, p, n);
		done += n;
	}
	return done > 0 ? (ssize_t)done : -1;
}

struct section {
	const uint8_t	*p;
	uint64_t	 len;
	bool		 found;
};

/* The value of KEY= in the text T of length N, or NULL.  */
static char *
meta_get(const struct section *m, const char *key, char *buf, size_t len)
{
	const char *p = (const char *)m->p, *end = p + m->len, *nl;
	size_t k = strlen(key);

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > k && strncmp(p, key, k) == 0 &&
		    p[k] == '=') {
			snprintf(buf, len, "%.*s", (int)(nl - p - (ptrdiff_t)k -
			    1), p + k + 1);
			return buf;
		}
		p = nl + 1;
	}
	return NULL;
}

/* Whether the ELF file at PATH has the build-id ID (hex; "-": none, and
   then any file will do).  */
static bool
same_build(const char *path, const char *id)
{
	struct fs_sbuf b = { 0 };
	struct fs_elf *elf;
	const uint8_t *p;
	size_t n;
	bool ok;

	if (access(path, R_OK) != 0 || fs_elf_open(path, &elf, NULL) < 0)
		return false;
	if (strcmp(id, "-") == 0) {
		fs_elf_free(elf);
		return true;
	}
	if ((p = fs_elf_build_id(elf, &n)) != NULL)
		hex(&b, p, n);
	ok = b.s != NULL && strcmp(b.s, id) == 0;
	free(b.s);
	fs_elf_free(elf);
	return ok;
}

/* Where the file recorded as PATH with build-id ID is here: the path,
   the recording's directory, a build-id tree, debuginfod's cache.  */
static char *
find_file(const char *path, const char *id, const char *recdir)
{
	const char *base = strrchr(path, '/'), *home, *cache;
	char buf[2 * PATH_MAX + 64];

	base = base != NULL ? base + 1 : path;
	if (same_build(path, id))
		return strdup(path);
	snprintf(buf, sizeof buf, "%s/%s", recdir, base);
	if (same_build(buf, id))
		return realpath(buf, NULL);
	if (strcmp(id, "-") == 0 || strlen(id) < 4)
		return NULL;
	snprintf(buf, sizeof buf, "/usr/lib/debug/.build-id/%.2s/%s", id,
	    id + 2);
	if (same_build(buf, id))
		return realpath(buf, NULL);
	if ((cache = getenv("XDG_CACHE_HOME")) != NULL && *cache != '\0')
		snprintf(buf, sizeof buf, "%s/debuginfod_client/%s/executable",
		    cache, id);
	else if ((home = getenv("HOME")) != NULL)
		snprintf(buf, sizeof buf,
		    "%s/.cache/debuginfod_client/%s/executable", home, id);
	else
		return NULL;
	if (same_build(buf, id))
		return realpath(buf, NULL);
	return NULL;
}

/* Each recorded file's path as found here: a copy of MAPS with the
   paths changed (and no inode numbers, which another machine has not),
   and the executable's, into *EXEC.  */
static int
find_files(const struct section *mods, const struct section *maps,
    const char *recpath, char **maps_out, char **exec, struct fs_err *e)
{
	const char *p = (const char *)mods->p, *end = p + mods->len, *nl,
	    *sp;
	char id[256], path[PATH_MAX], recdir[PATH_MAX], *found, *slash;
	char **from = NULL, **to = NULL;
	struct fs_sbuf out = { 0 };
	size_t n = 0, i, k;
	int rc = 0;

	snprintf(recdir, sizeof recdir, "%s", recpath);
	if ((slash = strrchr(recdir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(recdir, sizeof recdir, ".");
	*exec = NULL;
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((sp = memchr(p, ' ', (size_t)(nl - p))) == NULL ||
		    (size_t)(sp - p) >= sizeof id ||
		    (size_t)(nl - sp - 1) >= sizeof path) {
			rc = fs_err_set(e, FS_E_FORMAT, "%s: the list of files "
			    "is damaged", recpath);
			goto out;
		}
		snprintf(id, sizeof id, "%.*s", (int)(sp - p), p);
		snprintf(path, sizeof path, "%.*s", (int)(nl - sp - 1), sp + 1);
		if ((found = find_file(path, id, recdir)) == NULL) {
			if (strcmp(id, "-") == 0)
				rc = fs_err_set(e, FS_E_NOENT, "%s: %s is "
				    "needed and is not there", recpath, path);
			else
				rc = fs_err_set(e, FS_E_NOENT, "%s: %s "
				    "(build-id %s) is needed: not at that path, "
				    "nor beside the recording, nor under "
				    "/usr/lib/debug/.build-id or debuginfod's "
				    "cache", recpath, path, id);
			goto out;
		}
		if ((from = realloc(from, (n + 1) * sizeof *from)) == NULL ||
		    (to = realloc(to, (n + 1) * sizeof *to)) == NULL) {
			free(found);
			rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
			goto out;
		}
		from[n] = strdup(path);
		to[n++] = found;
		if (*exec == NULL)
			*exec = strdup(found);
		p = nl + 1;
	}
	/* The maps, line by line: "start-end perms offset dev inode path":
	   the inode gone, the path the one found here.  */
	p = (const char *)maps->p;
	end = p + maps->len;
	while (p < end) {
		const char *f[6];
		int fields;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (f[0] = p, fields = 1; fields < 6; fields++) {
			f[fields] = f[fields - 1];
			while (f[fields] < nl && *f[fields] != ' ')
				f[fields]++;
			while (f[fields] < nl && *f[fields] == ' ')
				f[fields]++;
		}
		k = (size_t)(nl - f[5]);
		for (i = 0; i < n; i++)
			if (strlen(from[i]) == k && strncmp(from[i], f[5], k) ==
			    0)
				break;
		fs_sbuf_add(&out, p, (size_t)(f[4] - p));
		fs_sbuf_add(&out, "0 ", 2);
		if (i < n)
			fs_sbuf_puts(&out, to[i]);
		else
			fs_sbuf_add(&out, f[5], k);
		fs_sbuf_add(&out, "\n", 1);
		p = nl + 1;
	}
	if (out.oom || out.s == NULL) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: no memory map", recpath);
		goto out;
	}
	*maps_out = out.s;
	out.s = NULL;
out:
	for (i = 0; i < n; i++) {
		free(from[i]);
		free(to[i]);
	}
	free(from);
	free(to);
	free(out.s);
	if (rc < 0) {
		free(*exec);
		*exec = NULL;
	}
	return rc;
}

/* The memory section's ranges, decompressed.  */
static int
load_mem(const struct section *sec, struct ranges *rs, const char *recpath,
    struct fs_err *e)
{
	const uint8_t *p = sec->p, *end = sec->p + sec->len;
	uint64_t hdr[3];
	uLongf zl;

	while (p < end) {
		if ((size_t)(end - p) < sizeof hdr)
			goto bad;
		memcpy(hdr, p, sizeof hdr);
		p += sizeof hdr;
		if (hdr[2] > (uint64_t)(end - p) || hdr[1] > TOTAL_MAX)
			goto bad;
		/* A range of no bytes (never written) holds nothing, and
		   ranges_add leaves it out.  */
		if (hdr[1] == 0) {
			p += hdr[2];
			continue;
		}
		if (ranges_add(rs, hdr[0], hdr[1]) < 0)
			goto bad;
		if ((rs->v[rs->n - 1].data = malloc((size_t)hdr[1])) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		zl = (uLongf)hdr[1];
		if (uncompress(rs->v[rs->n - 1].data, &zl, p, (uLong)hdr[2]) !=
		    Z_OK || zl != hdr[1])
			goto bad;
		p += hdr[2];
	}
	qsort(rs->v, rs->n, sizeof *rs->v, range_cmp);
	return 0;
bad:
	return fs_err_set(e, FS_E_FORMAT, "%s: the saved memory is damaged",
	    recpath);
}

int
fs_recfile_load(struct fs_session *s, const char *path, struct fs_err *e)
{
	struct section meta = { 0 }, mods = { 0 }, maps = { 0 }, regs = { 0 },
	    fpr = { 0 }, mem = { 0 }, log = { 0 };
	struct fs_record_base base;
	struct fs_record *r = NULL;
	struct fs_err le = { 0 };
	struct image *im = NULL;
	struct stat sb;
	uint8_t *file = NULL, *raw = NULL, *xs = NULL;
	const uint8_t *p, *end;
	uint32_t v32[2];
	uint64_t len, rawlen, first, pos;
	size_t k;
	char val[PATH_MAX], *maps_text = NULL, *exec = NULL, *argv[1];
	pid_t pid, tid;
	uLongf zl;
	FILE *f;
	int rc;

	if ((f = fopen(path, "re")) == NULL)
		return fs_err_sys(e, "%s", path);
	if (fstat(fileno(f), &sb) < 0 || (file = malloc((size_t)sb.st_size +
	    1)) == NULL || fread(file, 1, (size_t)sb.st_size, f) !=
	    (size_t)sb.st_size) {
		rc = fs_err_sys(e, "%s", path);
		fclose(f);
		goto out;
	}
	fclose(f);
	if (sb.st_size < 16 || memcmp(file, MAGIC, 8) != 0) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: not a framescope "
		    "recording", path);
		goto out;
	}
	memcpy(v32, file + 8, 8);
	if (v32[0] != FS_RECFILE_VERSION) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: a recording of format "
		    "version %u; this framescope reads version %d", path,
		    v32[0], FS_RECFILE_VERSION);
		goto out;
	}
	p = file + 16;
	end = file + sb.st_size;
	struct {
		const char	*tag;
		struct section	*sec;
	} tags[] = {
		{ "META", &meta }, { "MODS", &mods }, { "MAPS", &maps },
		{ "REGS", &regs }, { "XSTA", &fpr }, { "MEM ", &mem },
		{ "LOG ", &log },
	};
	for (;;) {
		struct section *sec = NULL;

		if (end - p < 12) {
			rc = fs_err_set(e, FS_E_FORMAT, "%s: cut short", path);
			goto out;
		}
		memcpy(&len, p + 4, 8);
		if (len > (uint64_t)(end - p - 12)) {
			rc = fs_err_set(e, FS_E_FORMAT, "%s: cut short", path);
			goto out;
		}
		if (memcmp(p, TAG_END, 4) == 0)
			break;
		for (k = 0; k < sizeof tags / sizeof tags[0]; k++)
			if (memcmp(p, tags[k].tag, 4) == 0)
				sec = tags[k].sec;
		if (sec != NULL) {
			sec->p = p + 12;
			sec->len = len;
			sec->found = true;
		}
		p += 12 + len;
	}
	if (!meta.found || !mods.found || !maps.found || !regs.found ||
	    regs.len != sizeof base.regs || !fpr.found ||
	    fpr.len < sizeof(struct user_fpregs_struct) ||
	    fpr.len > XSTATE_MAX || !mem.found || !log.found ||
	    log.len < 8) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: a section is missing or "
		    "damaged", path);
		goto out;
	}
	if (meta_get(&meta, "pid", val, sizeof val) == NULL ||
	    (pid = (pid_t)atoi(val)) <= 0 ||
	    meta_get(&meta, "tid", val, sizeof val) == NULL ||
	    (tid = (pid_t)atoi(val)) <= 0 ||
	    meta_get(&meta, "first", val, sizeof val) == NULL ||
	    (first = strtoull(val, NULL, 10)) == 0 ||
	    meta_get(&meta, "pos", val, sizeof val) == NULL) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: its description is "
		    "damaged", path);
		goto out;
	}
	pos = strtoull(val, NULL, 10);
	if ((rc = find_files(&mods, &maps, path, &maps_text, &exec, e)) < 0)
		goto out;
	argv[0] = exec;
	if ((rc = fs_session_load(s, 1, argv, e)) < 0)
		goto out;
	if ((im = calloc(1, sizeof *im)) == NULL) {
		rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto out;
	}
	im->mods = fs_session_modules(s);
	if ((rc = load_mem(&mem, &im->mem, path, e)) < 0)
		goto out;
	memcpy(&rawlen, log.p, 8);
	/* deflate packs at most 1032 bytes into one: a larger length is a
	   lie, not memory to reserve.  */
	if (rawlen > (1ULL << 34) || rawlen / 1032 > log.len ||
	    (raw = malloc((size_t)rawlen + 1)) == NULL) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: the log is damaged", path);
		goto out;
	}
	zl = (uLongf)rawlen;
	if (uncompress(raw, &zl, log.p + 8, (uLong)(log.len - 8)) != Z_OK ||
	    zl != rawlen) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: the log is damaged", path);
		goto out;
	}
	memset(&base, 0, sizeof base);
	base.read = image_read;
	base.release = image_free;
	base.arg = im;
	memcpy(&base.regs, regs.p, sizeof base.regs);
	if ((xs = malloc((size_t)fpr.len)) == NULL) {
		rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto out;
	}
	memcpy(xs, fpr.p, (size_t)fpr.len);
	base.xstate = xs;
	base.xlen = (size_t)fpr.len;
	if ((rc = fs_record_load(&base, raw, (size_t)rawlen, first, pos, &r,
	    &le)) < 0) {
		fs_err_set(e, FS_E_FORMAT, "%s: %s", path, le.msg);
		goto out;
	}
	im = NULL;		/* the recording's now */
	xs = NULL;
	if ((rc = fs_session_replay(s, r, pid, tid, maps_text, e)) < 0)
		goto out;
	rc = 0;
out:
	if (im != NULL)
		image_free(im);
	free(xs);
	free(raw);
	free(file);
	free(maps_text);
	free(exec);
	return rc;
}
