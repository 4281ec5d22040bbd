/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz target "recfile": a recording file, as `--replay' and the TUI
 * open it (fs_recfile_load: the header and its sections, the files found
 * again by build-id, the memory map, the saved memory and the log, both
 * inflated), then gone through as a person replaying it does: info
 * record, bt, registers and memory at the saved position, reverse and
 * forward steps, record goto.  The input is the whole file.  It is
 * written beside links to the samples, as a recording sent by someone
 * else lies beside the programs it needs: the seeds (fuzz_recfile_seed)
 * name their program by its file name alone and no build-id, so that
 * they are found on any machine that built the samples.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fs_recfile.h"
#include "fs_session.h"
#include "fuzz.h"

/* The samples the seeds record; linked into the directory of the
   recordings.  */
static const char *const programs[] = { "callee8-O0", "timetravel-O0",
    "rust-add-O0" };
#define NPROGRAMS (sizeof programs / sizeof programs[0])

/* What a person replaying a recording asks, in order.  The stack is
   drawn for the innermost frame alone: drawing a Rust main's takes half
   a second, too long for fuzzing.  */
static const char *const replay_cmds[] = {
	"info record", "bt", "info registers rip rsp rbp", "x/8gx $sp",
	"info frame", "frames 1", "reverse-stepi", "reverse-stepi 8", "bt",
	"info locals", "reverse-next", "stepi 3", "next", "record goto begin",
	"frames 1", "reverse-stepi", "record goto end", "reverse-finish",
	"reverse-continue", "continue", "record stop",
};

static char *real[NPROGRAMS];	/* the samples' paths, NULL: not built */
static char dir[64];		/* this input's: the recording, the links */
static char recpath[96];
static FILE *devnull;

int
fuzz_recfile_init(void)
{
	size_t i;

	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	if ((devnull = fopen("/dev/null", "we")) == NULL) {
		perror("fuzz recfile: /dev/null");
		return -1;
	}
	for (i = 0; i < NPROGRAMS; i++)
		real[i] = realpath(fuzz_sample(programs[i]), NULL);
	return 0;
}

static void
dir_remove(void)
{
	char path[128];
	size_t i;

	for (i = 0; i < NPROGRAMS; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, programs[i]);
		unlink(path);
	}
	unlink(recpath);
	rmdir(dir);
}

/* A directory for one input, with links to the samples: made for each
   and removed after it, as a fuzzer's runs often end by _exit or a
   signal, where nothing made once would be removed.  */
static int
dir_make(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[128];
	size_t i;

	snprintf(dir, sizeof dir, "%s/fuzz-recfile.XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(recpath, sizeof recpath, "%s/recording", dir);
	for (i = 0; i < NPROGRAMS; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, programs[i]);
		if (real[i] != NULL && symlink(real[i], path) < 0) {
			dir_remove();
			return -1;
		}
	}
	return 0;
}

void
fuzz_recfile(const uint8_t *data, size_t size)
{
	struct fs_session *s;
	struct cmd_ctx c;
	char line[64];
	bool written;
	size_t i;
	int fd;

	if (devnull == NULL || dir_make() < 0)
		return;
	if ((fd = open(recpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0)
		goto out;
	written = size == 0 || write(fd, data, size) == (ssize_t)size;
	if (close(fd) < 0 || !written || fs_session_new(&s, NULL) < 0)
		goto out;
	if (fs_recfile_load(s, recpath, NULL) < 0 ||
	    cmd_init(&c, s, devnull, devnull) < 0) {
		fs_session_free(s);
		goto out;
	}
	c.batch = true;
	for (i = 0; i < sizeof replay_cmds / sizeof replay_cmds[0] &&
	    !c.quit; i++) {
		snprintf(line, sizeof line, "%s", replay_cmds[i]);
		(void)cmd_exec(&c, line);
	}
	cmd_fini(&c);
	fs_session_free(s);
out:
	dir_remove();
}

/* ---------------------------------------------------------------- seeds */

/* Append the section TAG of LEN bytes at P to *BUF.  */
static int
put_section(uint8_t **buf, size_t *len, const void *tag, const void *p,
    uint64_t n)
{
	if (fuzz_put(buf, len, tag, 4) < 0 || fuzz_put(buf, len, &n, 8) < 0 ||
	    fuzz_put(buf, len, p, (size_t)n) < 0)
		return -1;
	return 0;
}

/* The text T[0..N) with every occurrence of FROM made TO, appended to
   *BUF as a section TAG.  */
static int
put_replaced(uint8_t **buf, size_t *len, const char *tag, const char *t,
    size_t n, const char *from, const char *to)
{
	uint8_t *out = NULL;
	size_t olen = 0, k = strlen(from);
	const char *p = t, *end = t + n, *q;
	int rc;

	while (p < end) {
		q = k > 0 ? memmem(p, (size_t)(end - p), from, k) : NULL;
		if (q == NULL)
			q = end;
		if (fuzz_put(&out, &olen, p, (size_t)(q - p)) < 0 ||
		    (q < end && fuzz_put(&out, &olen, to, strlen(to)) < 0)) {
			free(out);
			return -1;
		}
		p = q < end ? q + k : end;
	}
	rc = put_section(buf, len, tag, out, olen);
	free(out);
	return rc;
}

/* Whether ADDR is in a writable mapping of MAPS (a /proc/PID/maps text
   of N bytes) whose path ends with "/NAME" or is NAME.  */
static bool
mapped_in(const char *maps, size_t n, const char *name, uint64_t addr)
{
	const char *p = maps, *end = maps + n, *nl;
	unsigned long long lo, hi;
	size_t k = strlen(name), len;
	char perms[5];

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (len > k && memcmp(nl - k, name, k) == 0 &&
		    (nl[-(ptrdiff_t)k - 1] == ' ' ||
		    nl[-(ptrdiff_t)k - 1] == '/') &&
		    sscanf(p, "%llx-%llx %4s", &lo, &hi, perms) == 3 &&
		    perms[1] == 'w' && addr >= lo && addr < hi)
			return true;
	}
	return false;
}

/* The ranges of the MEM section at P (N bytes) that start in the
   program's data or its stack, as a section appended to *BUF: the
   libraries' memory is most of a recording, and a replay reads code
   from the files.  */
static int
put_mem(uint8_t **buf, size_t *len, const uint8_t *p, uint64_t n,
    const char *maps, size_t mapslen, const char *base)
{
	uint8_t *out = NULL;
	size_t olen = 0;
	uint64_t hdr[3], off;
	int rc;

	for (off = 0; off + sizeof hdr <= n; off += sizeof hdr + hdr[2]) {
		memcpy(hdr, p + off, sizeof hdr);
		if (hdr[2] > n - off - sizeof hdr)
			break;
		if ((mapped_in(maps, mapslen, base, hdr[0]) ||
		    mapped_in(maps, mapslen, "[stack]", hdr[0])) &&
		    fuzz_put(&out, &olen, p + off, sizeof hdr +
		    (size_t)hdr[2]) < 0) {
			free(out);
			return -1;
		}
	}
	rc = put_section(buf, len, "MEM ", out, olen);
	free(out);
	return rc;
}

/*
 * The recording at FILE (made of the program at PROG) made portable and
 * small: in MODS, every build-id "-" (any file at the path will do) and
 * the program named by its file name alone, which the reader finds
 * beside the recording; in MAPS, the program's path the same; of the
 * memory, the program's and the stack's (put_mem).  The rest as is.
 */
static int
portable(const char *file, const char *prog, uint8_t **buf, size_t *len)
{
	const char *base = strrchr(prog, '/') != NULL ? strrchr(prog, '/') + 1 :
	    prog;
	uint8_t *in = NULL, *mods = NULL;
	size_t inlen = 0, mlen = 0, off;
	const char *p, *end, *nl, *sp, *maps = "";
	size_t mapslen = 0;
	uint64_t n;
	struct stat st;
	int fd, rc = -1;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || st.st_size < 16 ||
	    (in = malloc((size_t)st.st_size)) == NULL ||
	    read(fd, in, (size_t)st.st_size) != st.st_size) {
		close(fd);
		free(in);
		return -1;
	}
	close(fd);
	inlen = (size_t)st.st_size;
	if (fuzz_put(buf, len, in, 16) < 0)
		goto out;
	for (off = 16; off + 12 <= inlen; off += 12 + (size_t)n) {
		memcpy(&n, in + off + 4, 8);
		if (n > inlen - off - 12)
			goto out;
		p = (const char *)in + off + 12;
		if (memcmp(in + off, "MODS", 4) == 0) {
			for (end = p + n; p < end; p = nl + 1) {
				if ((nl = memchr(p, '\n', (size_t)(end - p))) ==
				    NULL || (sp = memchr(p, ' ', (size_t)(nl -
				    p))) == NULL)
					goto out;
				if (fuzz_put(&mods, &mlen, "- ", 2) < 0 ||
				    (strlen(prog) == (size_t)(nl - sp - 1) &&
				    memcmp(sp + 1, prog, strlen(prog)) == 0 ?
				    fuzz_put(&mods, &mlen, base, strlen(base)) :
				    fuzz_put(&mods, &mlen, sp + 1, (size_t)(nl -
				    sp - 1))) < 0 || fuzz_put(&mods, &mlen, "\n",
				    1) < 0)
					goto out;
			}
			if (put_section(buf, len, "MODS", mods, mlen) < 0)
				goto out;
		} else if (memcmp(in + off, "MAPS", 4) == 0) {
			maps = p;
			mapslen = (size_t)n;
			if (put_replaced(buf, len, "MAPS", p, (size_t)n, prog,
			    base) < 0)
				goto out;
		} else if (memcmp(in + off, "MEM ", 4) == 0) {
			if (put_mem(buf, len, (const uint8_t *)p, n, maps,
			    mapslen, base) < 0)
				goto out;
		} else if (memcmp(in + off, "META", 4) == 0) {
			if (put_replaced(buf, len, "META", p, (size_t)n, prog,
			    base) < 0)
				goto out;
		} else if (fuzz_put(buf, len, in + off, 12 + (size_t)n) < 0)
			goto out;
	}
	rc = off == inlen ? 0 : -1;
out:
	free(in);
	free(mods);
	return rc;
}

int
fuzz_recfile_seed(unsigned which, const char *where, uint8_t **buf,
    size_t *len)
{
	static const char *const scripts[] = {
		/* callee8's call of callee, recorded, saved at its end */
		"break main\nrun\nrecord\nnext 3",
		/* saved in its past, inside callee */
		"break main\nrun\nrecord\nnext 3\nreverse-stepi 15",
		/* timetravel's writes to memory and its system calls */
		"break main\nrun\nrecord\nnext 6",
		/* a Rust function's */
		"break add::add\nrun\nrecord\nstepi 8",
	};
	static const unsigned prog_of[] = { 0, 0, 1, 2 };
	struct fs_session *s;
	struct cmd_ctx c;
	char *argv[2], *text, *line, *next, file[4096], cmd[4200];
	int rc = -1;

	if (which >= sizeof scripts / sizeof scripts[0])
		return 2;
	argv[0] = (char *)fuzz_sample(programs[prog_of[which]]);
	argv[1] = NULL;
	if (access(argv[0], R_OK) != 0)
		return 1;		/* not built here */
	snprintf(file, sizeof file, "%s/recording.tmp", where);
	if ((text = strdup(scripts[which])) == NULL ||
	    fs_session_new(&s, NULL) < 0) {
		free(text);
		return -1;
	}
	if (fs_session_load(s, 1, argv, NULL) < 0 ||
	    cmd_init(&c, s, devnull, stderr) < 0) {
		fs_session_free(s);
		free(text);
		return -1;
	}
	c.batch = true;
	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (cmd_exec(&c, line) < 0)
			goto out;
	}
	snprintf(cmd, sizeof cmd, "record save %s", file);
	if (cmd_exec(&c, cmd) < 0)
		goto out;
	rc = portable(file, argv[0], buf, len);
	unlink(file);
out:
	cmd_fini(&c);
	fs_session_free(s);
	free(text);
	return rc;
}
