/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fuzz targets: each takes one input of bytes and feeds it to a reader
 * of untrusted data (an ELF file, DWARF sections, unwind tables, a stack,
 * a command line, a recording file), then asks what a debugger would ask
 * of the result.  A target never judges the answers except where the
 * code promises one (both unwinding paths give the same frames): what it
 * looks for is a crash, a hang, a leak or a sanitizer report.  The same
 * functions serve libFuzzer (test/fuzz/main.c, built by `make fuzz') and
 * the Check suite that replays every saved input under the normal build
 * (check_fuzz.c).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fuzz_target {
	const char	*name;
	/* Once per process, before the first input: 0, or -1 when the
	   target cannot run here (its message on stderr).  May be NULL.  */
	int		(*init)(void);
	void		(*run)(const uint8_t *data, size_t size);
};

/* Every target, ending with a NULL name.  */
extern const struct fuzz_target fuzz_targets[];
const struct fuzz_target *fuzz_target_find(const char *name);

/* An input being read: reads past its end give zeros.  */
struct fuzz_in {
	const uint8_t	*p;
	size_t		 n;
};

uint8_t	 fuzz_u8(struct fuzz_in *in);
uint16_t fuzz_u16(struct fuzz_in *in);
uint32_t fuzz_u32(struct fuzz_in *in);
uint64_t fuzz_u64(struct fuzz_in *in);
/* The next LEN bytes, or as many as are left (*GOT).  */
const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t len, size_t *got);
/* Append DATA[0..SIZE) to *BUF (grown with realloc; *LEN its length),
   as the seeds are written.  Returns 0 or -1.  */
int	fuzz_put(uint8_t **buf, size_t *len, const void *data, size_t size);

/*
 * Sections: the inputs of the DWARF and CFI targets are the sections an
 * ELF file would hold, which fuzz_elf_image wraps into one, so that the
 * mutations go to the data under test and not to the ELF headers around
 * it.  An input is a list of records: a section (FUZZ_SEC_*, with the
 * flags below), its address (8 bytes, little-endian; 0 for a section not
 * loaded), its length (4 bytes) and its bytes.
 */
enum fuzz_sec {
	FUZZ_SEC_INFO, FUZZ_SEC_ABBREV, FUZZ_SEC_LINE, FUZZ_SEC_STR,
	FUZZ_SEC_LINE_STR, FUZZ_SEC_LOCLISTS, FUZZ_SEC_RNGLISTS,
	FUZZ_SEC_ARANGES, FUZZ_SEC_ADDR, FUZZ_SEC_STR_OFFSETS,
	FUZZ_SEC_RANGES, FUZZ_SEC_LOC, FUZZ_SEC_TEXT, FUZZ_SEC_EH_FRAME_HDR,
	FUZZ_SEC_EH_FRAME, FUZZ_SEC_NOTE, FUZZ_SEC_N
};
#define FUZZ_SEC_COMPRESSED	0x80	/* SHF_COMPRESSED, zlib */
#define FUZZ_SEC_ZDEBUG		0x40	/* .zdebug_*, the GNU way */

/* The ELF section name of FUZZ_SEC_* S, or NULL.  */
const char *fuzz_sec_name(unsigned s);

/* Append one record to *BUF, as fuzz_put.  */
int	fuzz_sec_put(uint8_t **buf, size_t *len, unsigned sec, uint64_t addr,
	    const void *data, uint32_t size);

/* The sections of the ELF file at PATH whose FUZZ_SEC_* are in WANT (a
   bit each), appended to *BUF as records (fuzz_put); FLAGS are or'ed
   into the number of each DWARF section.  An object file's relocations
   are applied first, as a linker would.  Returns 0 or -1.  */
int	fuzz_sections_of(const char *path, unsigned long want, unsigned flags,
	    uint8_t **buf, size_t *len);
#define FUZZ_SEC_DWARF	((1ul << FUZZ_SEC_TEXT) - 1)

/* The sections of DATA made into an ELF file (x86-64, ET_DYN): a PT_LOAD
   for each section with an address, PT_GNU_EH_FRAME for .eh_frame_hdr.
   Returned in a memory file, whose path (/proc/self/fd/N) is written into
   PATH; close the descriptor when done.  Returns it, or -1.  */
int	fuzz_elf_image(const uint8_t *data, size_t size, char *path,
	    size_t pathsz);
/* The bytes DATA[0..SIZE) in a memory file, as above.  */
int	fuzz_memfile(const void *data, size_t size, char *path,
	    size_t pathsz);

/* A frame of made-up registers and memory, every optional part of it
   known, for evaluating DWARF locations (fs_loc); and its memory.  */
struct fs_loc_ctx;
void	fuzz_frame(struct fs_loc_ctx *c);
int	fuzz_frame_mem(void *arg, uint64_t addr, void *buf, size_t len);

/* Where the sample programs are: $SAMPLES, else samples/bin.  */
const char *fuzz_sample(const char *name);

/* The targets.  */
int	fuzz_elf_init(void);
void	fuzz_elf(const uint8_t *data, size_t size);
int	fuzz_dwarf_init(void);
void	fuzz_dwarf(const uint8_t *data, size_t size);
/* What the dwarf target asks of DW (lines, functions, scopes,
   variables, types...), for the targets that open DWARF otherwise.  */
struct fs_dwarf;
void	fuzz_dwarf_ask(struct fs_dwarf *dw);
int	fuzz_dwcache_init(void);
void	fuzz_dwcache(const uint8_t *data, size_t size);
/* The cache file's payload that reading every function of the DWARF
   fuzz_dwcache_init made wrote (appended to *BUF as fuzz_put).  */
int	fuzz_dwcache_seed(uint8_t **buf, size_t *len);
void	fuzz_loc(const uint8_t *data, size_t size);
void	fuzz_cfi(const uint8_t *data, size_t size);
int	fuzz_unwind_init(void);
void	fuzz_unwind(const uint8_t *data, size_t size);
/* The stack and registers of the stop fuzz_unwind_init made, as an input
   of the target (appended to *BUF as fuzz_put).  Returns 0 or -1.  */
int	fuzz_unwind_seed(uint8_t **buf, size_t *len);
int	fuzz_cmd_init(void);
void	fuzz_cmd(const uint8_t *data, size_t size);
int	fuzz_eval_init(void);
void	fuzz_eval(const uint8_t *data, size_t size);
int	fuzz_recfile_init(void);
void	fuzz_recfile(const uint8_t *data, size_t size);
/* Recording WHICH of the seeds, made in the directory WHERE (a sample
   run, recorded and saved, made portable), appended to *BUF as
   fuzz_put.  Returns 0, 1 when its program is not built here, 2 when
   there is no seed WHICH, or -1.  */
int	fuzz_recfile_seed(unsigned which, const char *where, uint8_t **buf,
	    size_t *len);

#endif
