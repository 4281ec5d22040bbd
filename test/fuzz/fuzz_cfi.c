/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "cfi": a module's .eh_frame_hdr and .eh_frame (see fuzz.h
   for the input), read by fs_cfi as fs_unwind's fast path reads them:
   the search table, then the unwind row of addresses in and around each
   function it lists.  */
#include <string.h>
#include <unistd.h>

#include "fs_cfi.h"
#include "fs_elf.h"
#include "fuzz.h"

void
fuzz_cfi(const uint8_t *data, size_t size)
{
	static const uint64_t deltas[] = { 0, 1, 4, 5, 8, 13, 32, 100 };
	struct fs_cfi_row row;
	struct fs_elf *elf;
	const uint8_t *p;
	uint64_t hdr, table, count, i, pc;
	int32_t loc;
	size_t k;
	char path[64];
	int fd;

	if ((fd = fuzz_elf_image(data, size, path, sizeof path)) < 0)
		return;
	if (fs_elf_open(path, &elf, NULL) < 0) {
		close(fd);
		return;
	}
	if (fs_cfi_table(elf, &hdr, &table, &count) == 0) {
		for (i = 0; i < count && i < 256; i++) {
			/* Each entry: the function's start, its FDE's
			   address, both relative to the header.  */
			if ((p = fs_elf_bytes(elf, table + i * 8, 4)) == NULL)
				break;
			memcpy(&loc, p, 4);
			pc = hdr + (uint64_t)(int64_t)loc;
			for (k = 0; k < sizeof deltas / sizeof deltas[0]; k++)
				(void)fs_cfi_row(elf, hdr, table, count,
				    pc + deltas[k], &row, NULL);
			(void)fs_cfi_row(elf, hdr, table, count, pc - 1, &row,
			    NULL);
		}
	}
	fs_elf_free(elf);
	close(fd);
}
