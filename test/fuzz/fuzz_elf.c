/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "elf": a whole ELF file, as framescope opens a program or a
   library: fs_elf's headers, segments, notes and symbol tables, then what
   a session asks of them (symbols by address and by name, code bytes,
   objects, PLT stubs, the unwind table), and fs_dwarf's own reading of
   the section headers.  */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs_cfi.h"
#include "fs_dwarf.h"
#include "fs_elf.h"
#include "fuzz.h"

int
fuzz_elf_init(void)
{
	/* Decoded DWARF is never written to the cache from here.  */
	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	return 0;
}

/* The questions a session asks about an address.  */
static void
ask_addr(const struct fs_elf *elf, uint64_t a)
{
	const struct fs_sym *s;

	if ((s = fs_elf_sym_at(elf, a)) != NULL && s->name[0] != '\0')
		(void)fs_elf_sym_lookup(elf, s->name);
	(void)fs_elf_object_at(elf, a);
	(void)fs_elf_plt_at(elf, a);
	(void)fs_elf_got_name(elf, a);
	(void)fs_elf_bytes(elf, a, 16);
}

static void
ask_cfi(const struct fs_elf *elf, const struct fs_sym *syms, size_t nsyms)
{
	struct fs_cfi_row row;
	uint64_t hdr, table, count;
	size_t i;

	if (fs_cfi_table(elf, &hdr, &table, &count) < 0)
		return;
	for (i = 0; i < nsyms && i < 64; i++) {
		(void)fs_cfi_row(elf, hdr, table, count, syms[i].addr, &row,
		    NULL);
		(void)fs_cfi_row(elf, hdr, table, count, syms[i].addr + 4,
		    &row, NULL);
	}
}

static void
ask_dwarf(const char *path, uint64_t entry)
{
	struct fs_dwarf *dw;
	struct fs_lineinfo li;

	if (fs_dwarf_open(path, &dw, NULL) < 0)
		return;
	(void)fs_dwarf_line_at(dw, entry, &li);
	fs_dwarf_free(dw);
}

void
fuzz_elf(const uint8_t *data, size_t size)
{
	const struct fs_segment *segs;
	const struct fs_sym *syms;
	struct fs_elf *elf;
	uint64_t a, sz;
	size_t nsegs, nsyms, i, len;
	char path[64], *dm;
	int fd;

	if ((fd = fuzz_memfile(data, size, path, sizeof path)) < 0)
		return;
	if (fs_elf_open(path, &elf, NULL) < 0) {
		close(fd);
		return;
	}
	(void)fs_elf_type(elf);
	(void)fs_elf_stripped(elf);
	(void)fs_elf_has_debug_info(elf);
	(void)fs_elf_build_id(elf, &len);
	(void)fs_elf_debuglink(elf);
	(void)fs_elf_eh_frame_hdr(elf, &a, &sz);
	(void)fs_elf_dynamic(elf, &a, &sz);
	segs = fs_elf_segments(elf, &nsegs);
	for (i = 0; i < nsegs; i++) {
		ask_addr(elf, segs[i].vaddr);
		ask_addr(elf, segs[i].vaddr + segs[i].memsz - 1);
	}
	(void)fs_elf_load_symbols(elf, NULL);
	syms = fs_elf_symbols(elf, &nsyms);
	for (i = 0; i < nsyms && i < 256; i++) {
		ask_addr(elf, syms[i].addr);
		ask_addr(elf, syms[i].addr + syms[i].size);
		(void)fs_elf_sym_lookup(elf, syms[i].linkage);
		if ((dm = fs_elf_demangle(syms[i].linkage)) != NULL)
			free(dm);
	}
	(void)fs_elf_sym_lookup(elf, "main");
	(void)fs_elf_sym_lookup(elf, "_start");
	ask_addr(elf, fs_elf_entry(elf));
	ask_cfi(elf, syms, nsyms);
	ask_dwarf(path, fs_elf_entry(elf));
	fs_elf_free(elf);
	close(fd);
}
