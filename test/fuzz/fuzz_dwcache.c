/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz target "dwcache": a file of the persistent cache of decoded DWARF
 * (fs_dwcache), as fs_dwarf_open takes it back instead of reading the
 * DWARF: the index of the units, their line tables, the models of the
 * functions looked up before with their scopes, variables and types; then
 * everything the dwarf target asks.  The DWARF it is the cache of is a
 * library made of two samples, samples/values.c and square.c (one unit
 * alone is never cached), built beside the fuzz targets, compressed (as
 * only compressed or large DWARF is cached) and wrapped by
 * fuzz_elf_image.  The input is the payload: the
 * header around it (which DWARF it belongs to, and a checksum that says
 * it was written whole) is written by fs_dwcache_store, as a cache file
 * that fails those checks is never read.
 */
#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs_dinfo.h"
#include "fs_dwarf.h"
#include "fs_dwcache.h"
#include "fs_elf.h"
#include "fuzz.h"

static char image[64];
static char cachedir[] = "/tmp/fs-fuzz-dwcache.XXXXXX";
static struct fs_dwcache_key key;
static bool ready;

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static void
cleanup(void)
{
	(void)nftw(cachedir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int
fuzz_dwcache_init(void)
{
	const char *path = FUZZ_DATA_DIR "/twounits.so";
	const uint8_t *id;
	const struct fs_sym *syms, *sym;
	const struct fs_scope *sc;
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	struct fs_elf *elf;
	struct fuzz_in in;
	struct stat st;
	uint8_t *tlv = NULL, *payload;
	size_t len = 0, idlen, n, nsyms, i;
	int fd;

	unsetenv("FRAMESCOPE_NO_CACHE");
	if (mkdtemp(cachedir) == NULL) {
		perror("fuzz dwcache: mkdtemp");
		return -1;
	}
	atexit(cleanup);
	setenv("XDG_CACHE_HOME", cachedir, 1);
	if (fuzz_sections_of(path, FUZZ_SEC_DWARF | (1ul << FUZZ_SEC_TEXT) |
	    (1ul << FUZZ_SEC_NOTE), FUZZ_SEC_COMPRESSED, &tlv, &len) < 0 ||
	    (fd = fuzz_elf_image(tlv, len, image, sizeof image)) < 0 ||
	    fstat(fd, &st) < 0 || fs_elf_open(image, &elf, NULL) < 0) {
		fprintf(stderr, "fuzz dwcache: cannot read %s\n", path);
		free(tlv);
		return -1;
	}
	/* The key fs_dwarf gives its DWARF: the build ID, the file's size
	   and .debug_info's, inflated.  */
	if ((id = fs_elf_build_id(elf, &idlen)) != NULL &&
	    idlen <= sizeof key.id) {
		memcpy(key.id, id, idlen);
		key.idlen = idlen;
	}
	fs_elf_free(elf);
	key.sizes[0] = (uint64_t)st.st_size;
	in.p = tlv;
	in.n = len;
	while (in.n >= 13) {
		uint8_t sec = fuzz_u8(&in);

		(void)fuzz_u64(&in);
		(void)fuzz_bytes(&in, fuzz_u32(&in), &n);
		if ((sec & 0x3f) == FUZZ_SEC_INFO)
			key.sizes[1] = n;
	}
	free(tlv);
	/* A first reading writes the cache file; found by this key, it
	   proves the key right.  Units are cached only when read through
	   .debug_aranges, by the address of a function, as a session reads
	   them; then the dwarf target's questions.  */
	if (fs_dwarf_open(image, &dw, NULL) < 0 ||
	    fs_elf_open(path, &elf, NULL) < 0) {
		fprintf(stderr, "fuzz dwcache: %s: no DWARF\n", path);
		return -1;
	}
	(void)fs_elf_load_symbols(elf, NULL);
	/* First functions the DWARF has: an address it lacks has the
	   units found by walking .debug_info instead.  */
	for (i = 0; i < 2; i++)
		if ((sym = fs_elf_sym_lookup(elf, i ? "square" : "main")) !=
		    NULL) {
			(void)fs_dwarf_line_at(dw, sym->addr, &li);
			(void)fs_dinfo_scope_at(dw, sym->addr, &sc, NULL);
		}
	syms = fs_elf_symbols(elf, &nsyms);
	for (i = 0; i < nsyms; i++) {
		(void)fs_dwarf_line_at(dw, syms[i].addr, &li);
		(void)fs_dinfo_scope_at(dw, syms[i].addr, &sc, NULL);
	}
	fs_elf_free(elf);
	fuzz_dwarf_ask(dw);
	fs_dwarf_free(dw);
	if (fs_dwcache_load(&key, &payload, &len) < 0) {
		fprintf(stderr, "fuzz dwcache: no cache file written\n");
		return -1;
	}
	free(payload);
	ready = true;
	return 0;
}

int
fuzz_dwcache_seed(uint8_t **buf, size_t *len)
{
	uint8_t *payload;
	size_t n;
	int rc;

	if (!ready || fs_dwcache_load(&key, &payload, &n) < 0)
		return -1;
	rc = fuzz_put(buf, len, payload, n);
	free(payload);
	return rc;
}

void
fuzz_dwcache(const uint8_t *data, size_t size)
{
	struct fs_dwarf *dw;

	if (!ready || fs_dwcache_store(&key, data, size) < 0)
		return;
	if (fs_dwarf_open(image, &dw, NULL) == 0) {
		fuzz_dwarf_ask(dw);
		fs_dwarf_free(dw);
	}
}
