/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dwarf: the DWARF of one ELF file through libdwarf (see
 * include/fs_dwarf.h).
 *
 * Open indexes the units by their address ranges.  With a sound
 * .debug_aranges (gcc writes one) it reads the first unit only and takes
 * the other units and their ranges from there: each is read when an address
 * is first looked up in it, and must then agree with its DIE.  An address
 * .debug_aranges does not place, a unit that disagrees, or a search by file
 * (every unit) walks all unit headers and unit DIEs of .debug_info instead,
 * as open does without .debug_aranges.  (libdwarf 20210528 still sets up
 * every unit before the one it is asked for, but reads no more of them.)
 * A unit's line table is decoded on first use into rows sorted by address
 * (whole sequences are sorted, so a sequence stays contiguous and ends
 * with its end_sequence row); its DIE tree is walked on first use into
 * sorted function and block lists.  Both are kept until fs_dwarf_free.
 *
 * Breakpoint placement follows gdb 13 (symtab.c skip_prologue_sal,
 * skip_prologue_using_sal, find_pcs_for_symtab_line; amd64-tdep.c
 * amd64_skip_prologue; dwarf2 line reading).  gdb does not keep every line
 * table row: it drops line 0 rows, collapses rows of one line that carry
 * discriminators, and deletes rows that a file switch or a sequence end at
 * the same address makes empty.  Each row says whether gdb keeps it
 * (R_GDB), and the gdb_* helpers below only look at those rows, so that
 * `break FUNC' and `break FILE:LINE' land where gdb puts them.
 *
 * Every libdwarf call gets a Dwarf_Error pointer, and the Dwarf_Debug has a
 * handler that returns, so libdwarf never aborts; a unit whose lines or
 * DIEs fail to decode is marked bad and answers -FS_E_NOENT.
 */
#include <sys/stat.h>

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwarf.h>
#include <libdwarf.h>
#include <demangle.h>
#include <zlib.h>

#include "fs_dwarf.h"
#include "fs_dwarf_int.h"
#include "fs_dwcache.h"

#define R_STMT		0x01	/* is_stmt */
#define R_END		0x02	/* end_sequence */
#define R_PEND		0x04	/* prologue_end */
#define R_GDB		0x08	/* a row gdb keeps in its line table */

#define NOFILE		UINT32_MAX

/* DIE nesting deeper than this is hostile input, not code (rustc's std
   goes to 30): the walk does not go further down.  */
#define MAX_DEPTH	256
/* Hops through DW_AT_specification / DW_AT_abstract_origin for a name.  */
#define MAX_HOPS	8
/* .debug_rnglists and .debug_loclists sections checked before libdwarf
   reads them; a file with more is refused.  */
#define MAX_LISTS	8
/* DWARF this large (uncompressed .debug_info), or compressed, is worth a
   persistent cache of its decoded units.  */
#define CACHE_MIN_INFO	((uint64_t)1 << 20)

enum { ST_TODO, ST_OK, ST_BAD };
enum { B_FUNC, B_INLINE, B_LEX };

struct dw_row {
	uint64_t	addr;
	uint32_t	line;
	uint32_t	column;
	uint32_t	file;		/* index into dw_cu.files */
	uint32_t	flags;		/* R_* */
};

struct dw_file {
	char		*name;		/* gdb's symtab name */
	char		*fullpath;
};

struct dw_func {
	uint64_t	 lo, hi;	/* this range of the function */
	uint64_t	 elo, ehi;	/* the range holding its entry */
	const char	*name;
	const char	*alias;		/* its demangled name when not NAME, or NULL */
	Dwarf_Off	 die;
};

/* What gdb calls a block: a function, an inlined call, or a lexical block
   that declares something.  */
struct dw_block {
	uint64_t	lo, hi;
	Dwarf_Off	die;
	uint32_t	depth;
	uint32_t	kind;		/* B_* */
	uint32_t	call_file;	/* an inlined call's DW_AT_call_file */
	uint32_t	call_line;	/* and DW_AT_call_line, 0 unknown */
};

struct dw_cu {
	Dwarf_Off	 die_off;	/* the unit DIE in .debug_info */
	Dwarf_Off	 start, end;	/* the unit's bytes in .debug_info */
	unsigned	 version;
	int		 info_st;	/* ST_TODO: known from .debug_aranges
					   only, its DIE not yet read */
	bool		 archecked;	/* its DIE agreed with .debug_aranges
					   (cu_info), or it came from the
					   persistent cache */
	char		*name;
	char		*comp_dir;
	int		 gcc;		/* gdb's producer_is_gcc_ge_4 */
	bool		 llvm;		/* clang or rustc */

	int		 lines_st;
	struct dw_row	*rows;
	size_t		 nrows;
	struct dw_file	*files;
	size_t		 nfiles;
	uint32_t	*fmap;		/* file number - fbase -> files[] */
	size_t		 nfmap;
	uint64_t	 fbase;

	int		 dies_st;
	struct dw_func	*funcs;		/* sorted by lo */
	size_t		 nfuncs;
	uint64_t	*fmaxhi;	/* greatest hi of funcs[0..i] */
	struct dw_block	*blocks;	/* sorted by lo */
	size_t		 nblocks;
	uint64_t	*bmaxhi;
	bool		 has_loclist;
	char		**strs;		/* function names owned here */
	size_t		 nstrs, capstrs;
	struct fs_dinfo_unit *dinfo;	/* fs_dinfo's model, or NULL */
	int		 base_st;	/* ST_TODO: base not read yet */
	uint64_t	 base;		/* its DW_AT_low_pc, 0 when none */
};

struct dw_arange {
	uint64_t	lo, hi;
	size_t		cu;
};

struct dw_seg {
	uint64_t	vaddr, filesz, offset;
};

/* Units with their ranges, as the walk over .debug_info finds them.  */
struct dw_index {
	struct dw_cu	*cus;
	size_t		 ncus, capcus;
	struct dw_arange *aranges;
	size_t		 naranges, capar;
	size_t		*rangeless;
	size_t		 nrangeless, caprl;
};

struct fs_dwarf {
	/* fs_dwarf_has_namespace's last answer: a backtrace asks it of
	   the same main at every frame line, which walks DIEs.  */
	Dwarf_Off	 ns_unit;	/* the unit's DIE; 0: none */
	char		 ns_path[128];
	bool		 ns_found;
	int		 fd;
	uint64_t	 filesize;
	bool		 c32;		/* ELFCLASS32 (i386): its headers are
					   read into the 64-bit forms */
	Dwarf_Debug	 dbg;
	struct dw_cu	*cus;
	size_t		 ncus;
	struct dw_arange *aranges;	/* unit ranges, sorted by lo */
	size_t		 naranges;
	uint64_t	*amaxhi;
	size_t		*rangeless;	/* units that state no range */
	size_t		 nrangeless;
	/* Until the walk over the unit headers is done (walked), the units
	   and ranges above come from .debug_aranges, and the walk so far is
	   in walk, to go on from next.  */
	bool		 walked;
	bool		 wdone;		/* the walk has met the end */
	bool		 wbroken;	/* the walk met a unit that does not
					   decode */
	bool		 arbad;		/* .debug_aranges disagrees with a
					   unit's DIE: walk */
	struct dw_index	 walk;
	Dwarf_Off	 next;
	uint8_t		*arbuf;		/* .debug_aranges, until open ends */
	uint64_t	 arsize;
	Elf64_Shdr	 arsh;		/* its header, read only when the
					   cache file does not give the index */
	bool		 arz;		/* .zdebug_aranges */
	bool		 arhave;	/* one of it, one .debug_info */
	uint8_t		*arix;		/* the index as the cache file holds
					   it, for cache_save */
	size_t		 narix;
	uint64_t	 infosize;	/* of .debug_info, uncompressed */
	Elf64_Shdr	*shdrs;		/* the section headers, read once */
	uint64_t	 nshdrs;
	char		*shstr;		/* their names, NUL-ended */
	uint64_t	 shstrsz;
	struct dw_seg	*segs;		/* code sections, to read code */
	size_t		 nsegs;
	const void	*(*code)(void *, uint64_t, size_t);
	void		*code_arg;
	struct fs_dinfo	*dinfo;		/* fs_dinfo's state, or NULL */
	/* Sections to check before libdwarf is let read them.  */
	Elf64_Shdr	 lists[MAX_LISTS];
	bool		 listsz[MAX_LISTS];	/* .zdebug_* */
	size_t		 nlists;
	/* libdwarf is set up on first need (dw_libdwarf) when the units
	   asked for came from the persistent cache; dbgfail: it failed. */
	bool		 dbgfail;
	bool		 infoz;		/* .debug_info is compressed */
	struct fs_dwcache_key key;	/* key.idlen 0: no cache */
	size_t		 ncached;	/* units the cache file gave */
};

struct rng {
	uint64_t	lo, hi;
};

struct rngv {
	struct rng	*v;
	size_t		 n, cap;
};

/* gdb's symtab_and_line, as far as prologue skipping needs it.  */
struct sal {
	bool		ok;	/* false: no line (gdb's line 0) */
	uint64_t	pc, end;
	uint32_t	line;
	uint32_t	file;
	bool		is_stmt;
};

/* Array V holding N of *CAP with room for one more: V itself, or moved,
   or NULL when memory runs out (V is then unchanged).  */
static void *
grow(void *v, size_t *cap, size_t n, size_t size)
{
	void *nv;
	size_t nc;

	if (n < *cap)
		return v;
	nc = *cap ? *cap * 2 : 16;
	if (nc > SIZE_MAX / size || (nv = realloc(v, nc * size)) == NULL)
		return NULL;
	*cap = nc;
	return nv;
}

/* grow for the array V (an lvalue) holding N of CAP: 0, or -1 when memory
   runs out.  A macro so that V is assigned with its own type.  */
#define GROW(v, n, cap) __extension__ ({				\
	void *grow_p = grow((v), &(cap), (n), sizeof *(v));		\
	grow_p != NULL ? ((v) = grow_p, 0) : -1;			\
})

/* Join paths the way gdb's path_join does: one '/' between the parts.  */
static char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	char *s;

	while (*b == '/')
		b++;
	if (la > 0 && a[la - 1] == '/')
		la--;
	if (asprintf(&s, "%.*s/%s", (int)la, a, b) < 0)
		return NULL;
	return s;
}

/* The handler libdwarf calls when it is given no Dwarf_Error pointer; we
   always give one, but the default handler aborts, so never leave it.  */
static void
dw_errhand(Dwarf_Error err, Dwarf_Ptr arg)
{
	(void)err;
	(void)arg;
}

/* Release the error a DW_DLV_ERROR return left in *ERR.  */
static void
dw_errfree(struct fs_dwarf *dw, Dwarf_Error *err)
{
	if (*err != NULL) {
		dwarf_dealloc_error(dw->dbg, *err);
		*err = NULL;
	}
}

/* Pass RC through, freeing the error that came with a DW_DLV_ERROR.  */
static int
dwchk(struct fs_dwarf *dw, int rc, Dwarf_Error *err)
{
	if (rc == DW_DLV_ERROR)
		dw_errfree(dw, err);
	return rc;
}

/* The string attribute AT of DIE (owned by libdwarf) in *S.  */
static int
die_string(struct fs_dwarf *dw, Dwarf_Die die, Dwarf_Half at, const char **s)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	char *str = NULL;
	int rc;

	rc = dwchk(dw, dwarf_attr(die, at, &a, &err), &err);
	if (rc != DW_DLV_OK)
		return rc;
	rc = dwchk(dw, dwarf_formstring(a, &str, &err), &err);
	dwarf_dealloc_attribute(a);
	if (rc == DW_DLV_OK && str == NULL)
		rc = DW_DLV_NO_ENTRY;
	if (rc == DW_DLV_OK)
		*s = str;
	return rc;
}

/* The reference attribute AT of DIE as a .debug_info offset in *OFF.  */
static int
die_ref(struct fs_dwarf *dw, Dwarf_Die die, Dwarf_Half at, Dwarf_Off *off)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	int rc;

	rc = dwchk(dw, dwarf_attr(die, at, &a, &err), &err);
	if (rc != DW_DLV_OK)
		return rc;
	rc = dwchk(dw, dwarf_global_formref(a, off, &err), &err);
	dwarf_dealloc_attribute(a);
	return rc;
}

/* The form of attribute AT of DIE in *FORM.  */
static int
die_form(struct fs_dwarf *dw, Dwarf_Die die, Dwarf_Half at, Dwarf_Half *form)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	int rc;

	rc = dwchk(dw, dwarf_attr(die, at, &a, &err), &err);
	if (rc != DW_DLV_OK)
		return rc;
	rc = dwchk(dw, dwarf_whatform(a, form, &err), &err);
	dwarf_dealloc_attribute(a);
	return rc;
}

/* The unsigned constant attribute AT of DIE in *V.  */
static int
die_udata(struct fs_dwarf *dw, Dwarf_Die die, Dwarf_Half at, uint64_t *v)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Unsigned u;
	int rc;

	rc = dwchk(dw, dwarf_attr(die, at, &a, &err), &err);
	if (rc != DW_DLV_OK)
		return rc;
	rc = dwchk(dw, dwarf_formudata(a, &u, &err), &err);
	dwarf_dealloc_attribute(a);
	if (rc == DW_DLV_OK)
		*v = u;
	return rc;
}

/* Append [LO, HI) to V unless it is empty or inverted (broken input), or
   starts at 0: the address a linker gives code it discarded, and no code
   of an executable or library is there (gdb drops these too).  */
static int
rng_add(struct rngv *v, uint64_t lo, uint64_t hi)
{
	if (hi <= lo || lo == 0)
		return 0;
	if (GROW(v->v, v->n, v->cap) != 0)
		return -1;
	v->v[v->n].lo = lo;
	v->v[v->n].hi = hi;
	v->n++;
	return 0;
}

/* DWARF 5 DW_AT_ranges: a .debug_rnglists list, addresses already cooked
   by libdwarf against the unit's base.  */
static int
ranges_rnglists(struct fs_dwarf *dw, Dwarf_Attribute a, Dwarf_Half form,
    struct rngv *v)
{
	Dwarf_Rnglists_Head head = NULL;
	Dwarf_Unsigned val = 0, count = 0, goff, i, raw1, raw2, c1, c2;
	Dwarf_Off off = 0;
	Dwarf_Error err = NULL;
	Dwarf_Bool unavail;
	unsigned len, code;
	int rc;

	if (form == DW_FORM_rnglistx)
		rc = dwarf_formudata(a, &val, &err);
	else {
		rc = dwarf_global_formref(a, &off, &err);
		val = off;
	}
	if (dwchk(dw, rc, &err) != DW_DLV_OK)
		return -1;
	rc = dwarf_rnglists_get_rle_head(a, form, val, &head, &count, &goff,
	    &err);
	if (dwchk(dw, rc, &err) != DW_DLV_OK)
		return -1;
	for (i = 0; i < count; i++) {
		unavail = 0;
		rc = dwarf_get_rnglists_entry_fields_a(head, i, &len, &code,
		    &raw1, &raw2, &unavail, &c1, &c2, &err);
		if (dwchk(dw, rc, &err) != DW_DLV_OK) {
			dwarf_dealloc_rnglists_head(head);
			return -1;
		}
		if (code == DW_RLE_end_of_list)
			break;
		if (unavail || code == DW_RLE_base_address ||
		    code == DW_RLE_base_addressx)
			continue;
		if (rng_add(v, c1, c2) != 0) {
			dwarf_dealloc_rnglists_head(head);
			return -1;
		}
	}
	dwarf_dealloc_rnglists_head(head);
	return 0;
}

/* DWARF 2-4 DW_AT_ranges: a .debug_ranges list relative to BASE, the
   unit's low_pc, which base-address entries replace.  */
static int
ranges_debug_ranges(struct fs_dwarf *dw, Dwarf_Die die, Dwarf_Attribute a,
    Dwarf_Half form, uint64_t base, struct rngv *v)
{
	Dwarf_Ranges *buf = NULL;
	Dwarf_Signed n = 0, i;
	Dwarf_Unsigned bytes, u;
	Dwarf_Off off = 0, real;
	Dwarf_Error err = NULL;
	int rc, ret = 0;

	if (form == DW_FORM_data4 || form == DW_FORM_data8) {
		rc = dwarf_formudata(a, &u, &err);
		off = u;
	} else
		rc = dwarf_global_formref(a, &off, &err);
	if (dwchk(dw, rc, &err) != DW_DLV_OK)
		return -1;
	rc = dwarf_get_ranges_b(dw->dbg, off, die, &real, &buf, &n, &bytes,
	    &err);
	if (dwchk(dw, rc, &err) != DW_DLV_OK)
		return -1;
	for (i = 0; i < n && ret == 0; i++) {
		if (buf[i].dwr_type == DW_RANGES_END)
			break;
		if (buf[i].dwr_type == DW_RANGES_ADDRESS_SELECTION)
			base = buf[i].dwr_addr2;
		else
			ret = rng_add(v, base + buf[i].dwr_addr1,
			    base + buf[i].dwr_addr2);
	}
	dwarf_ranges_dealloc(dw->dbg, buf, n);
	return ret;
}

/* The code ranges of DIE (low_pc/high_pc or DW_AT_ranges) appended to V.
   BASE is the unit's low_pc.  Returns 0 (perhaps adding nothing) or -1 on
   a libdwarf error.  */
static int
die_ranges(struct fs_dwarf *dw, Dwarf_Die die, unsigned version,
    uint64_t base, struct rngv *v)
{
	Dwarf_Addr lo, hi;
	Dwarf_Half form;
	enum Dwarf_Form_Class cls;
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	int rc, ret;

	rc = dwchk(dw, dwarf_lowpc(die, &lo, &err), &err);
	if (rc == DW_DLV_OK) {
		rc = dwchk(dw, dwarf_highpc_b(die, &hi, &form, &cls, &err),
		    &err);
		if (rc == DW_DLV_OK) {
			if (cls == DW_FORM_CLASS_CONSTANT) {
				if (hi > UINT64_MAX - lo)
					return 0;
				hi += lo;
			}
			return rng_add(v, lo, hi);
		}
		if (rc == DW_DLV_ERROR)
			return -1;
	} else if (rc == DW_DLV_ERROR)
		return -1;

	rc = dwchk(dw, dwarf_attr(die, DW_AT_ranges, &a, &err), &err);
	if (rc == DW_DLV_NO_ENTRY)
		return 0;
	if (rc != DW_DLV_OK)
		return -1;
	if (dwchk(dw, dwarf_whatform(a, &form, &err), &err) != DW_DLV_OK) {
		dwarf_dealloc_attribute(a);
		return -1;
	}
	if (version >= 5 || form == DW_FORM_rnglistx)
		ret = ranges_rnglists(dw, a, form, v);
	else
		ret = ranges_debug_ranges(dw, die, a, form, base, v);
	dwarf_dealloc_attribute(a);
	return ret;
}

/* gdb's producer_is_gcc_ge_4: -1 for no gcc or gcc < 4, INT_MAX for gcc 5
   and later, else the gcc 4 minor version.  */
static int
producer_gcc(const char *p)
{
	int major, minor;

	if (p == NULL || strncmp(p, "GNU ", 4) != 0)
		return -1;
	p += 4;
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
		p++;
	if (*p != '\0')
		p++;
	if (sscanf(p, "%d.%d", &major, &minor) != 2 || major < 4)
		return -1;
	return major > 4 ? INT_MAX : minor;
}

/* Little-endian reads from the file's own bytes.  */
static uint64_t
le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* The compression header at RAW (LEN bytes) of a section of DW, in the
   64-bit form, and its length.  */
static int
chdr_read(const struct fs_dwarf *dw, const uint8_t *raw, uint64_t len,
    Elf64_Chdr *ch, uint64_t *hlen)
{
	if (dw->c32) {
		Elf32_Chdr c;

		if (len < sizeof c)
			return -1;
		memcpy(&c, raw, sizeof c);
		ch->ch_type = c.ch_type;
		ch->ch_size = c.ch_size;
		ch->ch_addralign = c.ch_addralign;
		*hlen = sizeof c;
		return 0;
	}
	if (len < sizeof *ch)
		return -1;
	memcpy(ch, raw, sizeof *ch);
	*hlen = sizeof *ch;
	return 0;
}

/* The bytes of section SH, uncompressed when SHF_COMPRESSED or, for a
   GNU .zdebug section (ZDEBUG), "ZLIB"-prefixed, in *BUF (malloc'd) and
   *SIZE.  */
static int
section_bytes(struct fs_dwarf *dw, const Elf64_Shdr *sh, bool zdebug,
    uint8_t **buf, uint64_t *size)
{
	Elf64_Chdr ch;
	uint8_t *raw;
	uLongf dlen;
	uint64_t hlen;
	unsigned i;

	*buf = NULL;
	if (sh->sh_type == SHT_NOBITS || sh->sh_offset > dw->filesize ||
	    sh->sh_size > dw->filesize - sh->sh_offset)
		return -1;
	if ((raw = malloc(sh->sh_size + 1)) == NULL ||
	    pread(dw->fd, raw, sh->sh_size, (off_t)sh->sh_offset) !=
	    (ssize_t)sh->sh_size) {
		free(raw);
		return -1;
	}
	if (zdebug) {
		if (sh->sh_size < 12 || memcmp(raw, "ZLIB", 4) != 0) {
			*buf = raw;	/* libdwarf reads it as is */
			*size = sh->sh_size;
			return 0;
		}
		ch.ch_type = ELFCOMPRESS_ZLIB;
		for (ch.ch_size = 0, i = 4; i < 12; i++)
			ch.ch_size = ch.ch_size << 8 | raw[i];
		hlen = 12;
	} else if (!(sh->sh_flags & SHF_COMPRESSED)) {
		*buf = raw;
		*size = sh->sh_size;
		return 0;
	} else {
		if (chdr_read(dw, raw, sh->sh_size, &ch, &hlen) < 0) {
			free(raw);
			return -1;
		}
	}
	/* A section that claims more than 1 GiB is refused, not tried.  */
	if (ch.ch_type != ELFCOMPRESS_ZLIB || ch.ch_size > (1u << 30) ||
	    (*buf = malloc(ch.ch_size + 1)) == NULL) {
		free(raw);
		return -1;
	}
	dlen = (uLongf)ch.ch_size;
	if (uncompress(*buf, &dlen, raw + hlen, sh->sh_size - hlen) !=
	    Z_OK || dlen != ch.ch_size) {
		free(raw);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	free(raw);
	*size = ch.ch_size;
	return 0;
}

/* The size of section SH once uncompressed, from its header alone.  */
static int
section_size(struct fs_dwarf *dw, const Elf64_Shdr *sh, bool zdebug,
    uint64_t *size)
{
	Elf64_Chdr ch;
	uint8_t z[12];
	unsigned i;

	if (sh->sh_type == SHT_NOBITS || sh->sh_offset > dw->filesize ||
	    sh->sh_size > dw->filesize - sh->sh_offset)
		return -1;
	*size = sh->sh_size;
	if (zdebug) {
		if (sh->sh_size < sizeof z || pread(dw->fd, z, sizeof z,
		    (off_t)sh->sh_offset) != (ssize_t)sizeof z)
			return -1;
		if (memcmp(z, "ZLIB", 4) == 0)
			for (*size = 0, i = 4; i < 12; i++)
				*size = *size << 8 | z[i];
	} else if (sh->sh_flags & SHF_COMPRESSED) {
		uint8_t h[sizeof ch];
		uint64_t hlen;

		if (sh->sh_size < sizeof(Elf32_Chdr) || pread(dw->fd, h,
		    sizeof(Elf32_Chdr), (off_t)sh->sh_offset) !=
		    (ssize_t)sizeof(Elf32_Chdr))
			return -1;
		if (!dw->c32 && (sh->sh_size < sizeof ch || pread(dw->fd, h,
		    sizeof ch, (off_t)sh->sh_offset) != (ssize_t)sizeof ch))
			return -1;
		if (chdr_read(dw, h, dw->c32 ? sizeof(Elf32_Chdr) : sizeof ch,
		    &ch, &hlen) < 0)
			return -1;
		*size = ch.ch_size;
	}
	return 0;
}

/* Whether the unit headers of a .debug_rnglists or .debug_loclists
   section are sound: libdwarf 20210528 frees memory twice when one is
   not (internal_load_rnglists_contexts goes on after its error path).  */
/* DWARF's initial length of the unit at OFF in P[0..SIZE): *LEN bytes
   after a header of *HDR bytes (4, or 12 for the 64-bit format), whose
   offsets are *OSZ bytes.  False when it is reserved or overruns SIZE.  */
static bool
unit_length(const uint8_t *p, uint64_t off, uint64_t size, uint64_t *len,
    uint64_t *hdr, uint64_t *osz)
{
	if (size - off < 4)
		return false;
	*len = le(p + off, 4);
	*hdr = 4;
	*osz = 4;
	if (*len == 0xffffffff) {
		if (size - off < 12)
			return false;
		*len = le(p + off + 4, 8);
		*hdr = 12;
		*osz = 8;
	} else if (*len >= 0xfffffff0)
		return false;
	return *len <= size - off - *hdr;
}

static bool
lists_ok(const uint8_t *p, uint64_t size)
{
	uint64_t off = 0, len, hdr, osz;

	while (off < size) {
		if (!unit_length(p, off, size, &len, &hdr, &osz) || len < 8)
			return false;
		if (le(p + off + hdr, 2) != 5 || (p[off + hdr + 2] != 2 &&
		    p[off + hdr + 2] != 4 && p[off + hdr + 2] != 8) ||
		    le(p + off + hdr + 4, 4) > (len - 8) / osz)
			return false;
		off += hdr + len;
	}
	return true;
}

/* The build ID of the note section SH, the key of the persistent cache;
   none when it does not read.  */
static void
build_id(struct fs_dwarf *dw, const Elf64_Shdr *sh)
{
	uint8_t note[16 + FS_DWCACHE_IDMAX];
	uint64_t namesz, descsz;

	if (sh->sh_type != SHT_NOTE || sh->sh_size < 16 ||
	    sh->sh_size > sizeof note || sh->sh_offset > dw->filesize ||
	    sh->sh_size > dw->filesize - sh->sh_offset ||
	    pread(dw->fd, note, sh->sh_size, (off_t)sh->sh_offset) !=
	    (ssize_t)sh->sh_size)
		return;
	namesz = le(note, 4);
	descsz = le(note + 4, 4);
	if (namesz != 4 || le(note + 8, 4) != NT_GNU_BUILD_ID ||
	    memcmp(note + 12, "GNU", 4) != 0 || descsz == 0 ||
	    descsz > FS_DWCACHE_IDMAX || descsz > sh->sh_size - 16)
		return;
	memcpy(dw->key.id, note + 16, descsz);
	dw->key.idlen = descsz;
}

/* Whether the .debug_rnglists and .debug_loclists sections elf_sections
   found are sound, which libdwarf needs (see lists_ok).  */
static bool
lists_check(struct fs_dwarf *dw)
{
	uint64_t size;
	uint8_t *buf;
	size_t i;
	bool ok;

	for (i = 0; i < dw->nlists; i++) {
		if (section_bytes(dw, &dw->lists[i], dw->listsz[i], &buf,
		    &size) != 0)
			return false;
		ok = lists_ok(buf, size);
		free(buf);
		if (!ok)
			return false;
	}
	return true;
}

/* N section headers at file offset OFF into SH, in the 64-bit form.  */
static int
shdr_pread(const struct fs_dwarf *dw, Elf64_Shdr *sh, uint64_t n,
    uint64_t off)
{
	Elf32_Shdr *h;
	uint64_t i;

	if (!dw->c32)
		return pread(dw->fd, sh, n * sizeof *sh, (off_t)off) ==
		    (ssize_t)(n * sizeof *sh) ? 0 : -1;
	/* Read into the end of SH's room, each 40-byte header then
	   widened in place from the front: never over one unread.  */
	h = (Elf32_Shdr *)(void *)((char *)sh + n * (sizeof *sh -
	    sizeof *h));
	if (pread(dw->fd, h, n * sizeof *h, (off_t)off) !=
	    (ssize_t)(n * sizeof *h))
		return -1;
	for (i = 0; i < n; i++) {
		Elf32_Shdr x = h[i];

		sh[i].sh_name = x.sh_name;
		sh[i].sh_type = x.sh_type;
		sh[i].sh_flags = x.sh_flags;
		sh[i].sh_addr = x.sh_addr;
		sh[i].sh_offset = x.sh_offset;
		sh[i].sh_size = x.sh_size;
		sh[i].sh_link = x.sh_link;
		sh[i].sh_info = x.sh_info;
		sh[i].sh_addralign = x.sh_addralign;
		sh[i].sh_entsize = x.sh_entsize;
	}
	return 0;
}

/* The section header table and the names of the sections, each read
   in one call and kept for fs_dwarf_section: none when the table is
   broken (left to libdwarf).  */
static int
shdrs_read(struct fs_dwarf *dw, const Elf64_Ehdr *eh)
{
	Elf64_Shdr sh0, *str;
	uint64_t shnum = eh->e_shnum, stridx = eh->e_shstrndx, i;
	size_t ent = dw->c32 ? sizeof(Elf32_Shdr) : sizeof sh0;

	if (eh->e_shoff == 0 || eh->e_shentsize != ent ||
	    eh->e_shoff > dw->filesize)
		return 0;
	if (shnum == 0 || stridx == SHN_XINDEX) {
		if (shdr_pread(dw, &sh0, 1, eh->e_shoff) < 0)
			return 0;
		if (shnum == 0)
			shnum = sh0.sh_size;
		if (stridx == SHN_XINDEX)
			stridx = sh0.sh_link;
	}
	if (shnum == 0 || shnum > (dw->filesize - eh->e_shoff) / ent ||
	    stridx >= shnum)
		return 0;
	if ((dw->shdrs = malloc(shnum * sizeof sh0)) == NULL)
		return -1;
	(void)i;
	if (shdr_pread(dw, dw->shdrs, shnum, eh->e_shoff) < 0)
		goto none;
	str = &dw->shdrs[stridx];
	if (str->sh_type == SHT_NOBITS || str->sh_offset > dw->filesize ||
	    str->sh_size > dw->filesize - str->sh_offset)
		goto none;
	if ((dw->shstr = malloc(str->sh_size + 1)) == NULL) {
		free(dw->shdrs);
		dw->shdrs = NULL;
		return -1;
	}
	if (pread(dw->fd, dw->shstr, str->sh_size, (off_t)str->sh_offset) !=
	    (ssize_t)str->sh_size)
		goto none;
	/* Every name then ends inside the buffer.  */
	dw->shstr[str->sh_size] = '\0';
	dw->shstrsz = str->sh_size;
	dw->nshdrs = shnum;
	return 0;
none:
	free(dw->shdrs);
	free(dw->shstr);
	dw->shdrs = NULL;
	dw->shstr = NULL;
	return 0;
}

/* The name of section SH, or NULL.  */
static const char *
shdr_name(const struct fs_dwarf *dw, const Elf64_Shdr *sh)
{
	return sh->sh_name < dw->shstrsz ? dw->shstr + sh->sh_name : NULL;
}

/* One pass over the section headers: note the sections libdwarf cannot
   be trusted with (checked by lists_check before it reads them), the
   build ID, and where the code is, for the prologue analysis gdb does on
   gcc code.  Returns -1 when there are too many such sections.  A broken
   section table is left to libdwarf.  */
static int
elf_sections(struct fs_dwarf *dw, const Elf64_Ehdr *eh)
{
	const Elf64_Shdr *sh;
	const char *name;
	uint64_t i;
	bool ok = true;
	size_t cap = 0;
	unsigned nar = 0, ninfo = 0;

	if (shdrs_read(dw, eh) != 0)
		return -1;
	for (i = 0; i < dw->nshdrs && ok; i++) {
		sh = &dw->shdrs[i];
		/* Code present in this file: not in a separate debug file,
		   where .text is NOBITS.  */
		if ((sh->sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) ==
		    (SHF_ALLOC | SHF_EXECINSTR) && sh->sh_type != SHT_NOBITS &&
		    sh->sh_offset <= dw->filesize &&
		    sh->sh_size <= dw->filesize - sh->sh_offset &&
		    sh->sh_addr <= UINT64_MAX - sh->sh_size) {
			if (GROW(dw->segs, dw->nsegs, cap) != 0)
				return -1;
			dw->segs[dw->nsegs].vaddr = sh->sh_addr;
			dw->segs[dw->nsegs].filesz = sh->sh_size;
			dw->segs[dw->nsegs].offset = sh->sh_offset;
			dw->nsegs++;
		}
		if ((name = shdr_name(dw, sh)) == NULL)
			continue;
		if (strcmp(name, ".debug_info") == 0 ||
		    strcmp(name, ".zdebug_info") == 0) {
			ninfo++;
			if (section_size(dw, sh, name[1] == 'z',
			    &dw->infosize) != 0)
				ninfo++;
			dw->infoz = name[1] == 'z' ||
			    (sh->sh_flags & SHF_COMPRESSED) != 0;
			continue;
		}
		if (strcmp(name, ".note.gnu.build-id") == 0) {
			build_id(dw, sh);
			continue;
		}
		if (strcmp(name, ".debug_aranges") == 0 ||
		    strcmp(name, ".zdebug_aranges") == 0) {
			/* Read by fs_dwarf_open unless the cache file has
			   its index.  */
			if (nar++ == 0) {
				dw->arsh = *sh;
				dw->arz = name[1] == 'z';
			}
			continue;
		}
		if (strcmp(name, ".debug_rnglists") != 0 &&
		    strcmp(name, ".debug_loclists") != 0 &&
		    strcmp(name, ".zdebug_rnglists") != 0 &&
		    strcmp(name, ".zdebug_loclists") != 0)
			continue;
		/* Checked by lists_check, before libdwarf reads them.  */
		if (dw->nlists == MAX_LISTS)
			ok = false;
		else {
			dw->listsz[dw->nlists] = name[1] == 'z';
			dw->lists[dw->nlists++] = *sh;
		}
	}
	/* Two of a kind: which one libdwarf reads is not ours to guess.  */
	dw->arhave = nar == 1 && ninfo == 1;
	return ok ? 0 : -1;
}

/* Read LEN bytes at file address ADDR: through the caller's reader when
   it gave one, else from the code sections of the file.  */
static bool
code_read(struct fs_dwarf *dw, uint64_t addr, void *buf, size_t len)
{
	const struct dw_seg *s;
	const void *p;
	size_t i;

	if (dw->code != NULL) {
		if ((p = dw->code(dw->code_arg, addr, len)) == NULL)
			return false;
		memcpy(buf, p, len);
		return true;
	}
	for (i = 0; i < dw->nsegs; i++) {
		s = &dw->segs[i];
		if (addr < s->vaddr || addr - s->vaddr > s->filesz ||
		    len > s->filesz - (addr - s->vaddr))
			continue;
		return pread(dw->fd, buf, len, (off_t)(s->offset +
		    (addr - s->vaddr))) == (ssize_t)len;
	}
	return false;
}

/* Whether the sections libdwarf loads lie inside the file: it takes the
   section headers at their word and allocates what they say (a section
   0 made a SHT_GROUP of a terabyte).  */
static bool
sections_inside(const struct fs_dwarf *dw)
{
	const Elf64_Shdr *sh;
	size_t i;

	for (i = 0; i < dw->nshdrs; i++) {
		sh = &dw->shdrs[i];
		if (i == 0 && sh->sh_type != SHT_NULL)
			return false;
		if (sh->sh_type != SHT_NULL && sh->sh_type != SHT_NOBITS &&
		    (sh->sh_offset > dw->filesize ||
		    sh->sh_size > dw->filesize - sh->sh_offset))
			return false;
	}
	return true;
}

/* Check the ELF header and the sections (see elf_sections).  */
static int
elf_load(struct fs_dwarf *dw, const char *path, struct fs_err *e)
{
	Elf64_Ehdr eh;
	Elf32_Ehdr h;

	if (pread(dw->fd, &h, sizeof h, 0) != (ssize_t)sizeof h ||
	    memcmp(h.e_ident, ELFMAG, SELFMAG) != 0)
		return fs_err_set(e, FS_E_FORMAT, "%s: not an ELF file", path);
	if ((h.e_ident[EI_CLASS] != ELFCLASS64 &&
	    h.e_ident[EI_CLASS] != ELFCLASS32) ||
	    h.e_ident[EI_DATA] != ELFDATA2LSB)
		return fs_err_set(e, FS_E_FORMAT, "%s: not a little-endian "
		    "ELF file", path);
	dw->c32 = h.e_ident[EI_CLASS] == ELFCLASS32;
	if (dw->c32) {
		memset(&eh, 0, sizeof eh);
		memcpy(eh.e_ident, h.e_ident, EI_NIDENT);
		eh.e_type = h.e_type;
		eh.e_machine = h.e_machine;
		eh.e_shoff = h.e_shoff;
		eh.e_shentsize = h.e_shentsize;
		eh.e_shnum = h.e_shnum;
		eh.e_shstrndx = h.e_shstrndx;
	} else if (pread(dw->fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh)
		return fs_err_set(e, FS_E_FORMAT, "%s: not an ELF file", path);
	if (elf_sections(dw, &eh) != 0)
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: malformed .debug_rnglists or .debug_loclists", path);
	if (!sections_inside(dw))
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: a section lies past the end of the file", path);
	return 0;
}

/* Set libdwarf up for DW, once: at open, or on the first need of it when
   open took the units asked for from the persistent cache.  Returns 0, or
   an -FS_E_* code with E (which may be NULL) filled.  */
static int	walk_step(struct fs_dwarf *);

static int
dw_libdwarf(struct fs_dwarf *dw, const char *path, struct fs_err *e)
{
	Dwarf_Error err = NULL;
	int rc;

	if (dw->dbg != NULL)
		return 0;
	if (dw->dbgfail)
		return fs_err_set(e, FS_E_FORMAT, "%s: DWARF unusable", path);
	dw->dbgfail = true;
	if (!lists_check(dw))
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: malformed .debug_rnglists or .debug_loclists", path);
	rc = dwarf_init_b(dw->fd, DW_DLC_READ, DW_GROUPNUMBER_ANY,
	    dw_errhand, NULL, &dw->dbg, &err);
	if (rc == DW_DLV_NO_ENTRY) {
		dw->dbg = NULL;
		return fs_err_set(e, FS_E_NOENT, "%s: no DWARF", path);
	}
	if (rc != DW_DLV_OK) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: %s", path,
		    err != NULL ? dwarf_errmsg(err) : "libdwarf refused it");
		if (err != NULL)
			dwarf_dealloc(NULL, err, DW_DLA_ERROR);
		dw->dbg = NULL;
		return rc;
	}
	dw->dbgfail = false;
	/* libdwarf 20210528 reads a unit by its offset
	   (dwarf_get_cu_die_offset_given_cu_header_offset_b) only once
	   dwarf_next_cu_header_d has read one: the walk takes its first
	   step now (a file whose first unit does not decode has the walk
	   done, and open fails as without .debug_aranges).  */
	if (walk_step(dw) < 0)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	return 0;
}

/* The unit DIE of CU, to be released with dwarf_dealloc_die.  */
static int
cu_die(struct fs_dwarf *dw, const struct dw_cu *cu, Dwarf_Die *die)
{
	Dwarf_Error err = NULL;

	if (dw_libdwarf(dw, "", NULL) != 0 || dwchk(dw,
	    dwarf_offdie_b(dw->dbg, cu->die_off, 1, die, &err), &err) !=
	    DW_DLV_OK)
		return -1;
	return 0;
}

/* qsort: unit ranges by address.  */
static int
arange_cmp(const void *a, const void *b)
{
	const struct dw_arange *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi > y->hi ? -1 : 1;
	return x->cu < y->cu ? -1 : x->cu > y->cu;
}

/* Free what the line table and DIE walk of CU hold.  */
static void
cu_free(struct dw_cu *cu)
{
	size_t i;

	free(cu->rows);
	free(cu->fmap);
	for (i = 0; i < cu->nfiles; i++) {
		if (cu->files[i].fullpath != cu->files[i].name)
			free(cu->files[i].fullpath);
		free(cu->files[i].name);
	}
	free(cu->files);
	free(cu->funcs);
	free(cu->fmaxhi);
	free(cu->blocks);
	free(cu->bmaxhi);
	for (i = 0; i < cu->nstrs; i++)
		free(cu->strs[i]);
	free(cu->strs);
	free(cu->name);
	free(cu->comp_dir);
	fs_dinfo_unit_free(cu->dinfo);
	cu->dinfo = NULL;
}

/* Whether TAG is that of a unit the index keeps.  */
static bool
unit_tag(Dwarf_Half tag)
{
	return tag == DW_TAG_compile_unit || tag == DW_TAG_partial_unit ||
	    tag == DW_TAG_skeleton_unit;
}

/* The names and producer of CU from its unit DIE.  */
static int
cu_attrs(struct fs_dwarf *dw, struct dw_cu *cu, Dwarf_Die die)
{
	const char *s;

	if (die_string(dw, die, DW_AT_name, &s) == DW_DLV_OK &&
	    (cu->name = strdup(s)) == NULL)
		return -1;
	if (die_string(dw, die, DW_AT_comp_dir, &s) == DW_DLV_OK &&
	    (cu->comp_dir = strdup(s)) == NULL)
		return -1;
	if (die_string(dw, die, DW_AT_producer, &s) == DW_DLV_OK) {
		cu->gcc = producer_gcc(s);
		cu->llvm = strncmp(s, "clang ", 6) == 0 ||
		    strncmp(s, " F90 Flang ", 11) == 0;
	} else
		cu->gcc = -1;
	return 0;
}

/* Record one unit in IX: its DIE offset, names, producer and ranges.  */
static int
index_cu(struct fs_dwarf *dw, struct dw_index *ix, Dwarf_Die die,
    unsigned version, Dwarf_Off start, Dwarf_Off end)
{
	struct dw_cu *cu;
	struct rngv rv = { NULL, 0, 0 };
	Dwarf_Error err = NULL;
	Dwarf_Addr low = 0;
	Dwarf_Half tag;
	Dwarf_Off off;
	size_t i, ci;

	if (dwchk(dw, dwarf_tag(die, &tag, &err), &err) != DW_DLV_OK ||
	    !unit_tag(tag) ||
	    dwchk(dw, dwarf_dieoffset(die, &off, &err), &err) != DW_DLV_OK)
		return 0;
	if (GROW(ix->cus, ix->ncus, ix->capcus) != 0)
		return -1;
	/* Counted at once, so that fs_dwarf_free frees what follows.  */
	ci = ix->ncus++;
	cu = &ix->cus[ci];
	memset(cu, 0, sizeof *cu);
	cu->die_off = off;
	cu->start = start;
	cu->end = end;
	cu->version = version;
	cu->info_st = ST_OK;
	if (cu_attrs(dw, cu, die) != 0)
		return -1;
	if (dwchk(dw, dwarf_lowpc(die, &low, &err), &err) != DW_DLV_OK)
		low = 0;
	/* A unit whose ranges do not decode is still indexed: its lines
	   may be found through its sequences (see cu_lines_for).  */
	if (die_ranges(dw, die, version, low, &rv) != 0)
		rv.n = 0;
	for (i = 0; i < rv.n; i++) {
		if (GROW(ix->aranges, ix->naranges, ix->capar) != 0) {
			free(rv.v);
			return -1;
		}
		ix->aranges[ix->naranges].lo = rv.v[i].lo;
		ix->aranges[ix->naranges].hi = rv.v[i].hi;
		ix->aranges[ix->naranges].cu = ci;
		ix->naranges++;
	}
	if (rv.n == 0) {
		if (GROW(ix->rangeless, ix->nrangeless, ix->caprl) != 0) {
			free(rv.v);
			return -1;
		}
		ix->rangeless[ix->nrangeless++] = ci;
	}
	free(rv.v);
	return 0;
}

/* One unit header of the walk over .debug_info, into dw->walk.  A header
   that fails to decode ends the walk (the next one cannot be found); the
   units before it stay.  Returns 1 when the walk is done, 0 when it goes
   on, -1 when memory runs out.  */
static int
walk_step(struct fs_dwarf *dw)
{
	Dwarf_Unsigned hlen, typeoff, next = 0;
	Dwarf_Half ver, asz, lsz, esz, utype;
	Dwarf_Off abbr;
	Dwarf_Sig8 sig;
	Dwarf_Error err = NULL;
	Dwarf_Die die;
	int rc;

	/* libdwarf would start over.  */
	if (dw->wdone)
		return 1;
	if (dw_libdwarf(dw, "", NULL) != 0) {
		dw->wbroken = true;
		dw->wdone = true;
		return 1;
	}
	rc = dwarf_next_cu_header_d(dw->dbg, 1, &hlen, &ver, &abbr, &asz,
	    &lsz, &esz, &sig, &typeoff, &next, &utype, &err);
	if (rc != DW_DLV_OK) {
		if (rc != DW_DLV_NO_ENTRY) {
			dw_errfree(dw, &err);
			dw->wbroken = true;
		}
		dw->wdone = true;
		return 1;
	}
	if (next <= dw->next) {
		/* Not moving forward: broken unit lengths.  */
		dw->wbroken = true;
		dw->wdone = true;
		return 1;
	}
	if (utype != DW_UT_type && utype != DW_UT_split_type) {
		rc = dwarf_siblingof_b(dw->dbg, NULL, 1, &die, &err);
		if (rc == DW_DLV_OK) {
			rc = index_cu(dw, &dw->walk, die, ver, dw->next, next);
			dwarf_dealloc_die(die);
			if (rc != 0)
				return -1;
		} else {
			dw_errfree(dw, &err);
			dw->wbroken = true;
		}
	}
	dw->next = next;
	return 0;
}

/* Note the greatest ends of the sorted unit ranges of the index.  */
static int
index_maxhi(struct fs_dwarf *dw)
{
	size_t i;

	free(dw->amaxhi);
	dw->amaxhi = NULL;
	if (dw->naranges == 0)
		return 0;
	if ((dw->amaxhi = calloc(dw->naranges, sizeof dw->amaxhi[0])) ==
	    NULL) {
		dw->naranges = 0;
		return -1;
	}
	for (i = 0; i < dw->naranges; i++)
		dw->amaxhi[i] = i == 0 || dw->aranges[i].hi >
		    dw->amaxhi[i - 1] ? dw->aranges[i].hi : dw->amaxhi[i - 1];
	return 0;
}

/* Sort the unit ranges of the index and note their greatest ends.  */
static int
index_sort(struct fs_dwarf *dw)
{
	if (dw->naranges > 0)
		qsort(dw->aranges, dw->naranges, sizeof dw->aranges[0],
		    arange_cmp);
	return index_maxhi(dw);
}

/* Drop the units and ranges of the index (those of .debug_aranges, none
   of them used yet).  */
static void
index_drop(struct fs_dwarf *dw)
{
	size_t i;

	for (i = 0; i < dw->ncus; i++)
		cu_free(&dw->cus[i]);
	free(dw->cus);
	free(dw->aranges);
	free(dw->amaxhi);
	free(dw->rangeless);
	dw->cus = NULL;
	dw->aranges = NULL;
	dw->amaxhi = NULL;
	dw->rangeless = NULL;
	dw->ncus = dw->naranges = dw->nrangeless = 0;
}

/* qsort and bsearch: units by offset, through pointers.  */
static int
cu_start_cmp(const void *a, const void *b)
{
	const struct dw_cu *x = *(struct dw_cu *const *)a;
	const struct dw_cu *y = *(struct dw_cu *const *)b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Finish the walk over the unit headers and make what it found the index,
   in place of the units of .debug_aranges: a unit already read keeps what
   it decoded (callers hold its strings); one the walk does not find stays,
   unusable, until fs_dwarf_free.  Returns -1 only when memory runs out.  */
static int
index_walk(struct fs_dwarf *dw)
{
	struct dw_index *ix = &dw->walk;
	struct dw_cu **old = NULL, **hit, key, *kp = &key, *cu;
	bool *gone = NULL;
	size_t i, n;
	int rc;

	if (dw->walked)
		return 0;
	while ((rc = walk_step(dw)) == 0)
		;
	if (rc < 0)
		return -1;
	/* Nothing fails past this point: an error would leave the walk
	   done and not be repeated.  */
	if (ix->ncus > SIZE_MAX / sizeof *ix->cus - dw->ncus ||
	    (old = calloc(dw->ncus + 1, sizeof *old)) == NULL ||
	    (gone = calloc(dw->ncus + 1, sizeof *gone)) == NULL ||
	    (ix->ncus + dw->ncus > ix->capcus &&
	    (cu = realloc(ix->cus, (ix->ncus + dw->ncus + 1) *
	    sizeof *ix->cus)) == NULL)) {
		free(old);
		free(gone);
		return -1;
	}
	if (ix->ncus + dw->ncus > ix->capcus) {
		ix->cus = cu;
		ix->capcus = ix->ncus + dw->ncus + 1;
	}
	for (i = 0; i < dw->ncus; i++)
		old[i] = &dw->cus[i];
	if (dw->ncus > 0)
		qsort(old, dw->ncus, sizeof *old, cu_start_cmp);
	/* Units may go, with their models.  */
	fs_dinfo_forget(dw->dinfo);
	for (i = 0; i < ix->ncus; i++) {
		cu = &ix->cus[i];
		key.start = cu->start;
		hit = dw->ncus == 0 ? NULL : bsearch(&kp, old, dw->ncus,
		    sizeof *old, cu_start_cmp);
		if (hit == NULL)
			continue;
		gone[hit - old] = true;
		if ((*hit)->info_st == ST_OK && (*hit)->die_off ==
		    cu->die_off) {
			/* The same unit read from the same DIE.  */
			cu_free(cu);
			*cu = **hit;
		} else
			cu_free(*hit);
	}
	for (i = 0, n = ix->ncus; i < dw->ncus; i++)
		if (!gone[i]) {
			ix->cus[n] = *old[i];
			ix->cus[n].lines_st = ix->cus[n].dies_st = ST_BAD;
			n++;
		}
	free(old);
	free(gone);
	free(dw->cus);
	free(dw->aranges);
	free(dw->rangeless);
	dw->cus = ix->cus;
	dw->ncus = n;
	dw->aranges = ix->aranges;
	dw->naranges = ix->naranges;
	dw->rangeless = ix->rangeless;
	dw->nrangeless = ix->nrangeless;
	memset(ix, 0, sizeof *ix);
	dw->walked = true;
	return index_sort(dw);
}

/* The units and ranges .debug_aranges states, as the index until a lookup
   needs the walk.  *OK is false (and the walk indexes) unless every set is
   sound, names a distinct offset in .debug_info and ends with its
   terminator, and some set holds a range; whether each names the unit
   DIE it claims, with the ranges that DIE states, is checked when the
   unit is first read (cu_info).  A unit whose set holds no range is left
   to the walk, like a unit no set names.  */
static int
index_aranges(struct fs_dwarf *dw, bool *ok)
{
	const uint8_t *p = dw->arbuf;
	struct rngv rv = { NULL, 0, 0 };
	struct dw_cu **byoff = NULL;
	uint64_t size = dw->arsize, off = 0, len, hdr, osz, q, end, lo, n;
	size_t capcus = 0, capar = 0, i, ci = 0;
	bool term;

	*ok = false;
	if (p == NULL)
		return 0;
	while (off < size) {
		if (!unit_length(p, off, size, &len, &hdr, &osz) ||
		    len < 4 + osz)
			goto bad;
		end = off + hdr + len;
		q = off + hdr;
		if (le(p + q, 2) != 2 || p[q + 2 + osz] != 8 ||
		    p[q + 3 + osz] != 0 || le(p + q + 2, osz) >= dw->infosize)
			goto bad;
		/* The tuples start at a multiple of their size.  */
		rv.n = 0;
		term = false;
		for (q = off + ((hdr + 4 + osz + 15) & ~(uint64_t)15);
		    q <= end && end - q >= 16; q += 16) {
			lo = le(p + q, 8);
			n = le(p + q + 8, 8);
			if (lo == 0 && n == 0) {
				term = true;
				break;
			}
			if (n > UINT64_MAX - lo)
				goto bad;
			if (rng_add(&rv, lo, lo + n) != 0)
				goto nomem;
		}
		if (!term)
			goto bad;
		if (rv.n > 0) {
			if (GROW(dw->cus, dw->ncus, capcus) != 0)
				goto nomem;
			ci = dw->ncus++;
			memset(&dw->cus[ci], 0, sizeof dw->cus[ci]);
			dw->cus[ci].start = le(p + off + hdr + 2, osz);
			dw->cus[ci].gcc = -1;
		}
		for (i = 0; i < rv.n; i++) {
			if (GROW(dw->aranges, dw->naranges, capar) != 0)
				goto nomem;
			dw->aranges[dw->naranges].lo = rv.v[i].lo;
			dw->aranges[dw->naranges].hi = rv.v[i].hi;
			dw->aranges[dw->naranges].cu = ci;
			dw->naranges++;
		}
		off = end;
	}
	if (dw->ncus == 0)
		goto bad;
	/* The units in the order of their offsets (gcc's sets come so),
	   which cache_load's search relies on.  */
	for (i = 1; i < dw->ncus && dw->cus[i - 1].start < dw->cus[i].start;
	    i++)
		;
	if (i < dw->ncus) {
		struct dw_cu *sorted;
		size_t *map;

		if ((byoff = calloc(dw->ncus, sizeof *byoff)) == NULL)
			goto nomem;
		for (i = 0; i < dw->ncus; i++)
			byoff[i] = &dw->cus[i];
		qsort(byoff, dw->ncus, sizeof *byoff, cu_start_cmp);
		for (i = 1; i < dw->ncus; i++)
			if (byoff[i]->start == byoff[i - 1]->start) {
				free(byoff);
				goto bad;
			}
		sorted = calloc(dw->ncus, sizeof *sorted);
		map = calloc(dw->ncus, sizeof *map);
		if (sorted == NULL || map == NULL) {
			free(sorted);
			free(map);
			free(byoff);
			goto nomem;
		}
		for (i = 0; i < dw->ncus; i++) {
			sorted[i] = *byoff[i];
			map[byoff[i] - dw->cus] = i;
		}
		for (i = 0; i < dw->naranges; i++)
			dw->aranges[i].cu = map[dw->aranges[i].cu];
		free(dw->cus);
		dw->cus = sorted;
		free(map);
		free(byoff);
	}
	free(rv.v);
	*ok = true;
	return index_sort(dw);
bad:
	free(rv.v);
	index_drop(dw);
	return 0;
nomem:
	free(rv.v);
	index_drop(dw);
	return -1;
}

/* qsort: ranges by start, the longest first.  */
static int
rng_cmp(const void *a, const void *b)
{
	const struct rng *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->hi > y->hi ? -1 : x->hi < y->hi;
}

/* Read the unit DIE of CU when the unit is known from .debug_aranges
   only.  The set must have named the offset of a unit header, and the
   unit DIE there must state the ranges the set does; else the unit is
   unusable and dw->arbad has the caller walk .debug_info instead.  */
static int
cu_info(struct fs_dwarf *dw, struct dw_cu *cu)
{
	struct rngv rv = { NULL, 0, 0 };
	Dwarf_Unsigned total;
	Dwarf_Off dieoff, cuoff, lenoff;
	Dwarf_Half ver, osz, asz, esz, tag;
	Dwarf_Bool is_info, is_dwo;
	Dwarf_Sig8 *sig;
	Dwarf_Addr low = 0;
	Dwarf_Error err = NULL;
	Dwarf_Die die = NULL;
	size_t i, n, ci = (size_t)(cu - dw->cus);
	int ret = -1;

	if (cu->info_st != ST_TODO)
		return cu->info_st == ST_OK ? 0 : -1;
	cu->info_st = ST_BAD;
	if (cu->start >= dw->infosize || dw_libdwarf(dw, "", NULL) != 0 ||
	    dwchk(dw,
	    dwarf_get_cu_die_offset_given_cu_header_offset_b(dw->dbg,
	    cu->start, 1, &dieoff, &err), &err) != DW_DLV_OK ||
	    dieoff >= dw->infosize || dwchk(dw, dwarf_offdie_b(dw->dbg,
	    dieoff, 1, &die, &err), &err) != DW_DLV_OK)
		goto out;
	if (dwchk(dw, dwarf_CU_dieoffset_given_die(die, &cuoff, &err),
	    &err) != DW_DLV_OK || cuoff != dieoff ||
	    dwchk(dw, dwarf_cu_header_basics(die, &ver, &is_info, &is_dwo,
	    &osz, &asz, &esz, &sig, &lenoff, &total, &err), &err) !=
	    DW_DLV_OK || !is_info || lenoff != cu->start ||
	    total > UINT64_MAX - lenoff ||
	    dwchk(dw, dwarf_tag(die, &tag, &err), &err) != DW_DLV_OK ||
	    !unit_tag(tag))
		goto out;
	cu->die_off = dieoff;
	cu->end = lenoff + total;
	cu->version = ver;
	if (cu_attrs(dw, cu, die) != 0)
		goto out;
	if (dwchk(dw, dwarf_lowpc(die, &low, &err), &err) != DW_DLV_OK)
		low = 0;
	if (die_ranges(dw, die, ver, low, &rv) != 0)
		goto out;
	if (rv.n > 0)
		qsort(rv.v, rv.n, sizeof rv.v[0], rng_cmp);
	/* dw->aranges is sorted alike.  */
	for (i = n = 0; i < dw->naranges; i++) {
		if (dw->aranges[i].cu != ci)
			continue;
		if (n >= rv.n || dw->aranges[i].lo != rv.v[n].lo ||
		    dw->aranges[i].hi != rv.v[n].hi)
			goto out;
		n++;
	}
	if (n == rv.n) {
		cu->info_st = ST_OK;
		cu->archecked = true;
		ret = 0;
	}
out:
	if (die != NULL)
		dwarf_dealloc_die(die);
	free(rv.v);
	if (ret != 0) {
		cu->lines_st = cu->dies_st = ST_BAD;
		dw->arbad = true;
	}
	return ret;
}

static size_t	cache_load(struct fs_dwarf *);
static void	cache_save(struct fs_dwarf *);
static int	cache_index_put(struct fs_dwarf *);

int
fs_dwarf_open(const char *path, struct fs_dwarf **out, struct fs_err *e)
{
	struct fs_dwarf *dw;
	struct stat st;
	bool arok;
	int rc;

	*out = NULL;
	if ((dw = calloc(1, sizeof *dw)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((dw->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		rc = fs_err_sys(e, "%s", path);
		free(dw);
		return rc;
	}
	if (fstat(dw->fd, &st) == -1) {
		rc = fs_err_sys(e, "%s", path);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = fs_err_set(e, FS_E_FORMAT, "%s: not a regular file",
		    path);
		goto fail;
	}
	dw->filesize = (uint64_t)st.st_size;
	if ((rc = elf_load(dw, path, e)) != 0)
		goto fail;
	if (!dw->infoz && dw->infosize < CACHE_MIN_INFO)
		dw->key.idlen = 0;
	dw->key.sizes[0] = dw->filesize;
	dw->key.sizes[1] = dw->infosize;

	/* The index of .debug_aranges and the units from the persistent
	   cache, of this very DWARF (the same build ID and sizes), read the
	   same way before: neither .debug_aranges nor libdwarf is needed
	   until a unit the cache does not hold is.  */
	if (dw->arhave && dw->key.idlen > 0 && cache_load(dw) > 0) {
		*out = dw;
		return 0;
	}
	/* Only an index: when it does not read, units are found by walking
	   .debug_info.  */
	if (dw->arhave && section_bytes(dw, &dw->arsh, dw->arz, &dw->arbuf,
	    &dw->arsize) != 0)
		dw->arbuf = NULL;
	if (index_aranges(dw, &arok) != 0)
		goto nomem;
	if (arok && dw->key.idlen > 0 && cache_index_put(dw) != 0)
		goto nomem;
	/* With .debug_aranges, only the first unit is read now (by
	   dw_libdwarf: a file whose first unit does not decode fails as
	   with the walk); the others are read when an address is looked up
	   in them.  */
	if ((rc = dw_libdwarf(dw, path, e)) != 0)
		goto fail;
	free(dw->arbuf);
	dw->arbuf = NULL;
	if (!arok || dw->wdone || dw->walk.ncus == 0) {
		index_drop(dw);
		if (index_walk(dw) != 0)
			goto nomem;
	}
	if (dw->ncus == 0) {
		if (dw->wbroken)
			rc = fs_err_set(e, FS_E_FORMAT,
			    "%s: .debug_info does not decode", path);
		else
			rc = fs_err_set(e, FS_E_NOENT,
			    "%s: no compilation unit in the DWARF", path);
		goto fail;
	}
	*out = dw;
	return 0;
nomem:
	rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
fail:
	fs_dwarf_free(dw);
	return rc;
}

void
fs_dwarf_free(struct fs_dwarf *dw)
{
	Dwarf_Error err = NULL;
	size_t i;

	if (dw == NULL)
		return;
	cache_save(dw);
	for (i = 0; i < dw->ncus; i++)
		cu_free(&dw->cus[i]);
	free(dw->cus);
	free(dw->aranges);
	free(dw->amaxhi);
	free(dw->rangeless);
	for (i = 0; i < dw->walk.ncus; i++)
		cu_free(&dw->walk.cus[i]);
	free(dw->walk.cus);
	free(dw->walk.aranges);
	free(dw->walk.rangeless);
	free(dw->arbuf);
	free(dw->arix);
	free(dw->segs);
	free(dw->shdrs);
	free(dw->shstr);
	fs_dinfo_free(dw->dinfo);
	if (dw->dbg != NULL && dwarf_finish(dw->dbg, &err) == DW_DLV_ERROR)
		dwarf_dealloc(NULL, err, DW_DLA_ERROR);
	if (dw->fd != -1)
		close(dw->fd);
	free(dw);
}

/*
 * Line tables.
 */

/* The index of file NAME in CU, added with FULLPATH when new.  Takes
   ownership of both strings.  */
static int
file_intern(struct dw_cu *cu, size_t *cap, char *name, char *fullpath,
    uint32_t *fid)
{
	size_t i;

	for (i = 0; i < cu->nfiles; i++)
		if (strcmp(cu->files[i].name, name) == 0) {
			if (fullpath != name)
				free(fullpath);
			free(name);
			*fid = (uint32_t)i;
			return 0;
		}
	if (cu->nfiles >= NOFILE || GROW(cu->files, cu->nfiles, *cap) != 0) {
		if (fullpath != name)
			free(fullpath);
		free(name);
		return -1;
	}
	cu->files[cu->nfiles].name = name;
	cu->files[cu->nfiles].fullpath = fullpath;
	*fid = (uint32_t)cu->nfiles++;
	return 0;
}

/* gdb's name for the file entry NAME in directory DIR (NULL: the
   compilation directory, in DWARF 4): DIR/NAME, but when that is absolute
   and is the compilation directory joined to a relative name gdb already
   knows (the unit's name, an earlier file), that name.  */
static int
file_add(struct dw_cu *cu, size_t *cap, const char *name, const char *dir,
    uint32_t *fid)
{
	char *g, *j, *full;
	size_t i;

	if (name[0] == '/' || dir == NULL || dir[0] == '\0')
		g = strdup(name);
	else
		g = path_join(dir, name);
	if (g == NULL)
		return -1;
	if (g[0] == '/' && cu->comp_dir != NULL) {
		for (i = 0; i <= cu->nfiles; i++) {
			const char *c = i == 0 ? cu->name :
			    cu->files[i - 1].name;

			if (c == NULL || c[0] == '/')
				continue;
			if ((j = path_join(cu->comp_dir, c)) == NULL) {
				free(g);
				return -1;
			}
			if (strcmp(j, g) == 0) {
				free(g);
				free(j);
				if ((g = strdup(c)) == NULL)
					return -1;
				break;
			}
			free(j);
		}
	}
	if (g[0] == '/' || cu->comp_dir == NULL)
		full = g;
	else if ((full = path_join(cu->comp_dir, g)) == NULL) {
		free(g);
		return -1;
	}
	return file_intern(cu, cap, g, full, fid);
}

/* The file table of a line context: *MAP maps a file number (minus
   *BASE) to a dw_cu.files index.  */
static int
lines_files(struct fs_dwarf *dw, struct dw_cu *cu, Dwarf_Line_Context ctx,
    Dwarf_Unsigned lver, uint32_t **map, Dwarf_Signed *base,
    Dwarf_Signed *count)
{
	Dwarf_Signed end, i;
	Dwarf_Unsigned dirix, mtime, flen;
	Dwarf_Form_Data16 *md5;
	Dwarf_Error err = NULL;
	const char *name, *dir;
	char *qq;
	size_t cap = 0;
	uint32_t unknown;

	*map = NULL;
	if (dwchk(dw, dwarf_srclines_files_indexes(ctx, base, count, &end,
	    &err), &err) != DW_DLV_OK)
		return -1;
	if (*count < 0 || *count > (1 << 20) || end - *base != *count)
		return -1;
	if ((*map = calloc((size_t)*count + 1, sizeof **map)) == NULL)
		return -1;
	/* Rows naming a file the table does not have point here.  */
	if ((qq = strdup("??")) == NULL ||
	    file_intern(cu, &cap, qq, qq, &unknown) != 0)
		return -1;
	for (i = 0; i < *count; i++) {
		name = NULL;
		if (dwchk(dw, dwarf_srclines_files_data_b(ctx, *base + i,
		    &name, &dirix, &mtime, &flen, &md5, &err), &err) !=
		    DW_DLV_OK || name == NULL) {
			(*map)[i] = unknown;
			continue;
		}
		dir = NULL;
		/* DWARF 5 numbers directories from 0 (the compilation
		   directory); DWARF 4 from 1, 0 meaning "none given".  */
		if ((lver >= 5 || dirix > 0) && dwchk(dw,
		    dwarf_srclines_include_dir_data(ctx, (Dwarf_Signed)dirix,
		    &dir, &err), &err) != DW_DLV_OK)
			dir = NULL;
		if (file_add(cu, &cap, name, dir, &(*map)[i]) != 0)
			return -1;
	}
	return 0;
}

struct seq {
	size_t		start, len;
	uint64_t	addr;
};

/* qsort: sequences by start address, then by table order.  */
static int
seq_cmp(const void *a, const void *b)
{
	const struct seq *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Flag the rows of one sequence that gdb keeps (R_GDB), replaying gdb's
   lnp_state_machine::record_line: it ignores line 0 rows and a non-stmt
   row switching files where a stmt row already stands; it does not repeat
   a line whose rows carry discriminators; and the end marker it puts in a
   file it leaves (or at the sequence end) deletes that file's rows at the
   same address.  DISC holds each row's discriminator.  */
static void
seq_gdb_flags(struct dw_row *r, const uint32_t *disc, size_t n)
{
	uint32_t last_file = NOFILE, last_line = 0;
	uint32_t reg_file, reg_line = 1;
	uint64_t last_addr = 0;
	bool nzd = false, stmt_at = false, changed, ignore;
	size_t i, k;

	reg_file = n > 0 ? r[0].file : NOFILE;
	for (i = 0; i < n; i++) {
		if (r[i].flags & R_END) {
			if (last_file != NOFILE)
				for (k = i; k > 0 && r[k - 1].addr ==
				    r[i].addr; k--)
					r[k - 1].flags &= ~R_GDB;
			break;
		}
		if (r[i].file != reg_file || r[i].line != reg_line)
			nzd = disc[i] != 0;
		else
			nzd = nzd || disc[i] != 0;
		reg_file = r[i].file;
		reg_line = r[i].line;

		changed = last_file != r[i].file;
		ignore = (changed && last_addr == r[i].addr &&
		    !(r[i].flags & R_STMT) && stmt_at) || r[i].line == 0;
		if (changed && !ignore && last_file != NOFILE)
			for (k = i; k > 0 && r[k - 1].addr == r[i].addr; k--)
				r[k - 1].flags &= ~R_GDB;
		if (!ignore) {
			if (changed || r[i].line != last_line || !nzd)
				r[i].flags |= R_GDB;
			last_file = r[i].file;
			last_line = r[i].line;
		}
		if (last_addr != r[i].addr) {
			stmt_at = false;
			last_addr = r[i].addr;
		}
		stmt_at = stmt_at || (r[i].flags & R_STMT);
	}
}

/* Sort the rows of CU by sequence start, dropping the sequences of code
   the linker discarded (at address 0, or -1/-2 as lld puts it: see
   rng_add) and empty ones; a table that stops without end_sequence is
   closed at its last address, as gdb does.  */
static int
lines_sort(struct dw_cu *cu, struct dw_row *raw, uint32_t *disc, size_t n)
{
	struct seq *seqs = NULL;
	size_t nseq = 0, capseq = 0, i, start, out;
	struct dw_row *rows;
	bool dead;

	for (start = 0; start < n; start = i) {
		dead = false;
		for (i = start; i < n; i++) {
			if (raw[i].addr == 0 || raw[i].addr >= UINT64_MAX - 1)
				dead = true;
			if (raw[i].flags & R_END) {
				i++;
				break;
			}
		}
		if (dead || i - start < 2)
			continue;
		seq_gdb_flags(raw + start, disc + start, i - start);
		if (GROW(seqs, nseq, capseq) != 0) {
			free(seqs);
			return -1;
		}
		seqs[nseq].start = start;
		seqs[nseq].len = i - start;
		seqs[nseq].addr = raw[start].addr;
		nseq++;
	}
	if (nseq > 0)
		qsort(seqs, nseq, sizeof seqs[0], seq_cmp);
	if ((rows = calloc(n + 1, sizeof rows[0])) == NULL) {
		free(seqs);
		return -1;
	}
	for (out = 0, i = 0; i < nseq; i++) {
		memcpy(rows + out, raw + seqs[i].start,
		    seqs[i].len * sizeof rows[0]);
		out += seqs[i].len;
		if (!(rows[out - 1].flags & R_END)) {
			rows[out] = rows[out - 1];
			rows[out].flags = R_END;
			rows[out].line = 0;
			out++;
		}
	}
	free(seqs);
	cu->rows = rows;
	cu->nrows = out;
	return 0;
}

/* Read the rows of a line context into RAW/DISC (N of them).  */
static int
lines_rows(struct fs_dwarf *dw, struct dw_cu *cu, Dwarf_Line_Context ctx,
    Dwarf_Unsigned lver, const uint32_t *map, Dwarf_Signed base,
    Dwarf_Signed count, struct dw_row **raw, uint32_t **disc, size_t *n)
{
	Dwarf_Line *lines;
	Dwarf_Signed nl, i;
	Dwarf_Addr addr;
	Dwarf_Unsigned lineno, fno, col, isa, dsc;
	Dwarf_Bool stmt, endseq, pend, eb;
	Dwarf_Error err = NULL;
	struct dw_row *r;
	int rc;

	if (dwchk(dw, dwarf_srclines_from_linecontext(ctx, &lines, &nl,
	    &err), &err) != DW_DLV_OK)
		return -1;
	if (nl < 0 || (uint64_t)nl > SIZE_MAX / sizeof **raw - 2)
		return -1;
	*raw = calloc((size_t)nl + 1, sizeof **raw);
	*disc = calloc((size_t)nl + 1, sizeof **disc);
	if (*raw == NULL || *disc == NULL)
		return -1;
	for (i = 0; i < nl; i++) {
		r = &(*raw)[i];
		stmt = endseq = pend = eb = 0;
		dsc = 0;
		rc = dwarf_lineaddr(lines[i], &addr, &err);
		if (rc == DW_DLV_OK)
			rc = dwarf_lineno(lines[i], &lineno, &err);
		if (rc == DW_DLV_OK)
			rc = dwarf_line_srcfileno(lines[i], &fno, &err);
		if (rc == DW_DLV_OK)
			rc = dwarf_lineoff_b(lines[i], &col, &err);
		if (rc == DW_DLV_OK)
			rc = dwarf_linebeginstatement(lines[i], &stmt, &err);
		if (rc == DW_DLV_OK)
			rc = dwarf_lineendsequence(lines[i], &endseq, &err);
		if (rc == DW_DLV_OK)
			rc = dwarf_prologue_end_etc(lines[i], &pend, &eb,
			    &isa, &dsc, &err);
		if (dwchk(dw, rc, &err) != DW_DLV_OK)
			return -1;
		/* libdwarf 20210528 starts the DWARF 5 file register at 0,
		   not 1 (its issue 137), so a row relying on the default
		   says 0.  gcc never selects file 0 itself; LLVM always sets
		   the file, so its 0 is a real 0.  */
		if (lver >= 5 && fno == 0 && !cu->llvm && count > 1)
			fno = 1;
		r->addr = addr;
		r->line = lineno > UINT32_MAX ? UINT32_MAX : (uint32_t)lineno;
		r->column = col > UINT32_MAX ? UINT32_MAX : (uint32_t)col;
		/* A file number the table lacks: files[0], "??".  */
		r->file = fno >= (Dwarf_Unsigned)base &&
		    fno - (Dwarf_Unsigned)base < (Dwarf_Unsigned)count ?
		    map[fno - (Dwarf_Unsigned)base] : 0;
		/* libdwarf 20210528 reports end_sequence on the row that
		   DW_LNS_set_epilogue_begin starts (LLVM's code: Rust,
		   clang), which would end the sequence there and lose the
		   function's last lines.  A real end_sequence row is never
		   an epilogue's beginning: the registers are reset after
		   it.  */
		if (endseq && eb)
			endseq = 0;
		r->flags = (stmt ? R_STMT : 0) | (endseq ? R_END : 0) |
		    (pend ? R_PEND : 0);
		(*disc)[i] = dsc > UINT32_MAX ? UINT32_MAX : (uint32_t)dsc;
	}
	*n = (size_t)nl;
	return 0;
}

/* Decode the line table of CU once.  Returns 0, or -FS_E_NOENT when the
   unit's lines are unusable.  */
static int
cu_lines(struct fs_dwarf *dw, struct dw_cu *cu)
{
	Dwarf_Line_Context ctx = NULL;
	Dwarf_Unsigned lver = 0;
	Dwarf_Small tcount = 0;
	Dwarf_Signed base = 0, count = 0;
	Dwarf_Error err = NULL;
	Dwarf_Die die;
	struct dw_row *raw = NULL;
	uint32_t *disc = NULL, *map = NULL;
	size_t n = 0;
	int rc, ret = -FS_E_NOENT;

	if (cu->lines_st != ST_TODO)
		return cu->lines_st == ST_OK ? 0 : -FS_E_NOENT;
	if (cu_info(dw, cu) != 0)
		return -FS_E_NOENT;
	cu->lines_st = ST_BAD;
	if (cu_die(dw, cu, &die) != 0)
		return -FS_E_NOENT;
	rc = dwchk(dw, dwarf_srclines_b(die, &lver, &tcount, &ctx, &err),
	    &err);
	if (rc == DW_DLV_NO_ENTRY) {
		/* No line table: a unit of data only.  */
		cu->lines_st = ST_OK;
		ret = 0;
	} else if (rc == DW_DLV_OK) {
		if (lines_files(dw, cu, ctx, lver, &map, &base, &count) == 0 &&
		    lines_rows(dw, cu, ctx, lver, map, base, count, &raw,
		    &disc, &n) == 0 && lines_sort(cu, raw, disc, n) == 0) {
			cu->lines_st = ST_OK;
			/* Kept for DW_AT_call_file, numbered alike.  */
			cu->fmap = map;
			cu->nfmap = (size_t)count;
			cu->fbase = (uint64_t)base;
			map = NULL;
			ret = 0;
		}
		dwarf_srclines_dealloc_b(ctx);
	}
	dwarf_dealloc_die(die);
	free(raw);
	free(disc);
	free(map);
	return ret;
}

/* The first row of CU with an address above PC.  */
static size_t
rows_upper(const struct dw_cu *cu, uint64_t pc)
{
	size_t lo = 0, hi = cu->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cu->rows[mid].addr <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first row of CU at or above PC.  */
static size_t
rows_lower(const struct dw_cu *cu, uint64_t pc)
{
	size_t lo = 0, hi = cu->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cu->rows[mid].addr < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether some sequence of CU covers PC.  */
static bool
rows_cover(const struct dw_cu *cu, uint64_t pc)
{
	size_t i = rows_upper(cu, pc);

	return i > 0 && !(cu->rows[i - 1].flags & R_END);
}

/* An iteration over the units whose ranges hold an address.  */
struct cu_iter {
	size_t	i;
	bool	started;
};

/* The next unit whose ranges hold PC, or NULL.  Ranges overlap only in
   broken input, so there is normally one.  */
static struct dw_cu *
cu_next(struct fs_dwarf *dw, uint64_t pc, struct cu_iter *it)
{
	size_t lo = 0, hi = dw->naranges, mid;

	if (!it->started) {
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (dw->aranges[mid].lo <= pc)
				lo = mid + 1;
			else
				hi = mid;
		}
		it->i = lo;
		it->started = true;
	}
	/* Back from the last range starting at or below PC, while one
	   before could still reach it.  */
	while (it->i > 0 && dw->amaxhi[it->i - 1] > pc) {
		it->i--;
		if (pc < dw->aranges[it->i].hi)
			return &dw->cus[dw->aranges[it->i].cu];
	}
	it->i = 0;
	return NULL;
}

/* The unit whose line table covers PC: by the unit ranges, else among the
   units that state no range.  */
static struct dw_cu *
cu_lines_in(struct fs_dwarf *dw, uint64_t pc)
{
	struct cu_iter it = { 0, false };
	struct dw_cu *cu;
	size_t i;

	while ((cu = cu_next(dw, pc, &it)) != NULL)
		if (cu_lines(dw, cu) == 0 && rows_cover(cu, pc))
			return cu;
	for (i = 0; i < dw->nrangeless; i++) {
		cu = &dw->cus[dw->rangeless[i]];
		if (cu_lines(dw, cu) == 0 && rows_cover(cu, pc))
			return cu;
	}
	return NULL;
}

/* cu_lines_in, by the units of .debug_aranges while they answer and agree
   with their DIEs, else after the walk over all units: what .debug_aranges
   does not name may state no range (so be searched by its lines) or have
   ranges that .debug_aranges lacks.  */
static struct dw_cu *
cu_lines_for(struct fs_dwarf *dw, uint64_t pc)
{
	struct dw_cu *cu;

	if (!dw->walked) {
		if ((cu = cu_lines_in(dw, pc)) != NULL && !dw->arbad)
			return cu;
		if (index_walk(dw) != 0)
			return NULL;
	}
	return cu_lines_in(dw, pc);
}

int
fs_dwarf_line_at(struct fs_dwarf *dw, uint64_t faddr,
    struct fs_lineinfo *out)
{
	const struct dw_row *rows;
	struct dw_cu *cu;
	size_t i, best, j;

	if ((cu = cu_lines_for(dw, faddr)) == NULL)
		return -FS_E_NOENT;
	rows = cu->rows;
	i = rows_upper(cu, faddr);
	if (i == 0 || (rows[i - 1].flags & R_END))
		return -FS_E_NOENT;
	/* Of the rows at that address the last, unless it is not a
	   statement and an earlier one is (gdb's find_pc_sect_line).  */
	best = i - 1;
	if (!(rows[best].flags & R_STMT)) {
		j = best;
		while (j > 0 && rows[j - 1].addr == rows[j].addr &&
		    !(rows[j - 1].flags & R_END) && rows[j - 1].line != 0 &&
		    !(rows[j].flags & R_STMT))
			j--;
		if (rows[j].flags & R_STMT)
			best = j;
	}
	/* rows[i] exists: every sequence ends with an end_sequence row
	   above its last line.  */
	out->file = cu->files[rows[best].file].name;
	out->fullpath = cu->files[rows[best].file].fullpath;
	out->line = rows[best].line;
	out->column = rows[best].column;
	out->lo = rows[best].addr;
	out->hi = i < cu->nrows ? rows[i].addr : rows[best].addr + 1;
	out->is_stmt = (rows[best].flags & R_STMT) != 0;
	return 0;
}

/*
 * DIE walk: functions, blocks, and whether gdb would trust the unit's
 * locations.
 */

/* A subprogram DIE, for names reached through specification/origin.  */
struct decl {
	Dwarf_Off	 off;
	Dwarf_Off	 ref;		/* specification or origin, or 0 */
	const char	*name;		/* libdwarf-owned */
	const char	*linkage;
	const char	*prefix;	/* enclosing namespaces, or NULL */
};

/* A function range before its name is known.  */
struct pfunc {
	uint64_t	lo, hi, elo, ehi;
	Dwarf_Off	die;
};

struct walk {
	struct fs_dwarf	*dw;
	struct dw_cu	*cu;
	uint64_t	 base;		/* the unit's low_pc */
	struct decl	*decls;
	size_t		 ndecls, capdecls;
	struct pfunc	*pf;
	size_t		 npf, cappf;
	size_t		 capblocks;
	struct rngv	 rv;
	char		**prefixes;	/* freed after the walk */
	size_t		 nprefixes, capprefixes;
	int		 err;
};

/* Keep S in CU (freed with it) and return it.  */
static const char *
cu_keep(struct dw_cu *cu, char *s)
{
	if (s == NULL)
		return NULL;
	if (GROW(cu->strs, cu->nstrs, cu->capstrs) != 0) {
		free(s);
		return NULL;
	}
	cu->strs[cu->nstrs++] = s;
	return s;
}

/* Add the ranges in W->rv as blocks of kind KIND at DEPTH; an inlined
   call's with the place of the call, from DIE.  */
static int
walk_blocks(struct walk *w, Dwarf_Die d, Dwarf_Off die, unsigned depth,
    unsigned kind)
{
	struct dw_cu *cu = w->cu;
	uint64_t cfile = 0, cline = 0;
	size_t i;

	if (kind == B_INLINE && w->rv.n > 0) {
		if (die_udata(w->dw, d, DW_AT_call_file, &cfile) != DW_DLV_OK)
			cfile = UINT32_MAX;
		if (die_udata(w->dw, d, DW_AT_call_line, &cline) != DW_DLV_OK)
			cline = 0;
	}

	for (i = 0; i < w->rv.n; i++) {
		if (GROW(cu->blocks, cu->nblocks, w->capblocks) != 0)
			return -1;
		cu->blocks[cu->nblocks].lo = w->rv.v[i].lo;
		cu->blocks[cu->nblocks].hi = w->rv.v[i].hi;
		cu->blocks[cu->nblocks].die = die;
		cu->blocks[cu->nblocks].depth = depth;
		cu->blocks[cu->nblocks].kind = kind;
		cu->blocks[cu->nblocks].call_file = cfile > UINT32_MAX ?
		    UINT32_MAX : (uint32_t)cfile;
		cu->blocks[cu->nblocks].call_line = cline > UINT32_MAX ?
		    0 : (uint32_t)cline;
		cu->nblocks++;
	}
	return 0;
}

static int walk_children(struct walk *, Dwarf_Die, const char *, unsigned,
    bool, bool *);

/* Whether the location of a variable or parameter DIE is a location list,
   gdb's has_loclist.  */
static bool
die_loclist(struct walk *w, Dwarf_Die die)
{
	Dwarf_Half form;

	if (die_form(w->dw, die, DW_AT_location, &form) != DW_DLV_OK)
		return false;
	return form == DW_FORM_sec_offset || form == DW_FORM_loclistx ||
	    (w->cu->version < 4 && (form == DW_FORM_data4 ||
	    form == DW_FORM_data8));
}

/* One subprogram DIE: remember it for names, and when it has code add its
   ranges as a function and a block, then walk its body.  */
static int
walk_subprogram(struct walk *w, Dwarf_Die die, Dwarf_Off off,
    const char *prefix, unsigned depth)
{
	struct decl *d;
	struct pfunc *p;
	Dwarf_Off ref = 0;
	size_t i;
	bool syms;

	if (GROW(w->decls, w->ndecls, w->capdecls) != 0)
		return -1;
	d = &w->decls[w->ndecls++];
	memset(d, 0, sizeof *d);
	d->off = off;
	d->prefix = prefix;
	if (die_string(w->dw, die, DW_AT_name, &d->name) != DW_DLV_OK)
		d->name = NULL;
	if (die_string(w->dw, die, DW_AT_linkage_name, &d->linkage) !=
	    DW_DLV_OK && die_string(w->dw, die, DW_AT_MIPS_linkage_name,
	    &d->linkage) != DW_DLV_OK)
		d->linkage = NULL;
	if (die_ref(w->dw, die, DW_AT_specification, &ref) == DW_DLV_OK ||
	    die_ref(w->dw, die, DW_AT_abstract_origin, &ref) == DW_DLV_OK)
		d->ref = ref;

	w->rv.n = 0;
	if (die_ranges(w->dw, die, w->cu->version, w->base, &w->rv) != 0)
		return -1;
	if (w->rv.n == 0)
		return 0;	/* a declaration or an abstract instance */
	for (i = 0; i < w->rv.n; i++) {
		if (GROW(w->pf, w->npf, w->cappf) != 0)
			return -1;
		p = &w->pf[w->npf++];
		p->lo = w->rv.v[i].lo;
		p->hi = w->rv.v[i].hi;
		/* gdb's entry pc of a function in pieces: its first.  */
		p->elo = w->rv.v[0].lo;
		p->ehi = w->rv.v[0].hi;
		p->die = off;
	}
	if (walk_blocks(w, die, off, depth, B_FUNC) != 0)
		return -1;
	return walk_children(w, die, prefix, depth + 1, true, &syms);
}

/* The prefix for the children of a namespace or type DIE named NAME.  */
static const char *
walk_prefix(struct walk *w, const char *prefix, const char *name)
{
	char *s;

	if (name == NULL)
		return prefix;
	if (prefix == NULL)
		s = strdup(name);
	else if (asprintf(&s, "%s::%s", prefix, name) < 0)
		s = NULL;
	if (s == NULL ||
	    GROW(w->prefixes, w->nprefixes, w->capprefixes) != 0) {
		free(s);
		w->err = -1;
		return prefix;
	}
	w->prefixes[w->nprefixes++] = s;
	return s;
}

/* One DIE below the unit.  *SYM says whether it makes a gdb symbol, so
   that a lexical block holding it is a gdb block.  */
static int
walk_die(struct walk *w, Dwarf_Die die, const char *prefix, unsigned depth,
    bool in_code, bool *sym)
{
	Dwarf_Error err = NULL;
	Dwarf_Half tag;
	Dwarf_Off off;
	const char *name;
	size_t mark, i;
	bool syms;

	*sym = false;
	if (dwchk(w->dw, dwarf_tag(die, &tag, &err), &err) != DW_DLV_OK ||
	    dwchk(w->dw, dwarf_dieoffset(die, &off, &err), &err) !=
	    DW_DLV_OK)
		return -1;
	switch (tag) {
	case DW_TAG_subprogram:
		*sym = true;
		return walk_subprogram(w, die, off, prefix, depth);
	case DW_TAG_inlined_subroutine:
	case DW_TAG_lexical_block:
		w->rv.n = 0;
		if (die_ranges(w->dw, die, w->cu->version, w->base,
		    &w->rv) != 0)
			return -1;
		mark = w->cu->nblocks;
		if (walk_blocks(w, die, off, depth,
		    tag == DW_TAG_lexical_block ? B_LEX : B_INLINE) != 0)
			return -1;
		if (walk_children(w, die, prefix, depth + 1, in_code,
		    &syms) != 0)
			return -1;
		/* gdb makes no block of a lexical block that declares
		   nothing: its contents belong to the block around.  */
		if (tag == DW_TAG_lexical_block && !syms)
			for (i = mark; i < w->cu->nblocks; i++)
				if (w->cu->blocks[i].die == off)
					w->cu->blocks[i].kind = UINT32_MAX;
		return 0;
	case DW_TAG_namespace:
	case DW_TAG_module:
		if (die_string(w->dw, die, DW_AT_name, &name) != DW_DLV_OK)
			name = tag == DW_TAG_namespace ?
			    "(anonymous namespace)" : NULL;
		return walk_children(w, die, walk_prefix(w, prefix, name),
		    depth + 1, in_code, &syms);
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_class_type:
	case DW_TAG_enumeration_type:
		/* Rust and C++ declare methods inside their type.  */
		*sym = true;
		if (die_string(w->dw, die, DW_AT_name, &name) != DW_DLV_OK)
			return 0;
		return walk_children(w, die, walk_prefix(w, prefix, name),
		    depth + 1, false, &syms);
	case DW_TAG_variable:
	case DW_TAG_formal_parameter:
		*sym = true;
		if (in_code && die_loclist(w, die))
			w->cu->has_loclist = true;
		return 0;
	case DW_TAG_label:
	case DW_TAG_typedef:
	case DW_TAG_constant:
	case DW_TAG_imported_module:
	case DW_TAG_imported_declaration:
		*sym = true;
		return 0;
	default:
		return 0;
	}
}

/* The children of DIE; *SYMS says whether one of them makes a symbol.  */
static int
walk_children(struct walk *w, Dwarf_Die die, const char *prefix,
    unsigned depth, bool in_code, bool *syms)
{
	Dwarf_Error err = NULL;
	Dwarf_Die cur, next;
	Dwarf_Off off, prev = 0;
	bool sym;
	int rc;

	*syms = false;
	if (depth > MAX_DEPTH)
		return 0;
	rc = dwchk(w->dw, dwarf_child(die, &cur, &err), &err);
	if (rc == DW_DLV_NO_ENTRY)
		return 0;
	if (rc != DW_DLV_OK)
		return -1;
	for (;;) {
		/* Given up by the user: cu_dies leaves the unit to walk
		   again.  */
		if (fs_cancelled()) {
			dwarf_dealloc_die(cur);
			return -1;
		}
		/* A sibling chain must move forward inside the unit, or
		   broken DW_AT_sibling values could loop.  */
		if (dwchk(w->dw, dwarf_dieoffset(cur, &off, &err), &err) !=
		    DW_DLV_OK || off <= prev || off < w->cu->start ||
		    off >= w->cu->end ||
		    walk_die(w, cur, prefix, depth, in_code, &sym) != 0 ||
		    w->err != 0) {
			dwarf_dealloc_die(cur);
			return -1;
		}
		prev = off;
		*syms = *syms || sym;
		rc = dwchk(w->dw, dwarf_siblingof_b(w->dw->dbg, cur, 1, &next,
		    &err), &err);
		dwarf_dealloc_die(cur);
		if (rc == DW_DLV_NO_ENTRY)
			return 0;
		if (rc != DW_DLV_OK)
			return -1;
		cur = next;
	}
}

/* qsort: decls by offset.  */
static int
decl_cmp(const void *a, const void *b)
{
	const struct decl *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The decl at OFF, or NULL.  */
static const struct decl *
decl_find(const struct walk *w, Dwarf_Off off)
{
	struct decl key;

	key.off = off;
	return bsearch(&key, w->decls, w->ndecls, sizeof w->decls[0],
	    decl_cmp);
}

/* Name and linkage name of the DIE at OFF in another unit (no prefix: its
   namespaces are not walked).  */
static void
foreign_names(struct walk *w, Dwarf_Off off, const char **name,
    const char **linkage, Dwarf_Off *ref)
{
	Dwarf_Error err = NULL;
	Dwarf_Die die;

	*name = *linkage = NULL;
	*ref = 0;
	if (dwchk(w->dw, dwarf_offdie_b(w->dw->dbg, off, 1, &die, &err),
	    &err) != DW_DLV_OK)
		return;
	if (die_string(w->dw, die, DW_AT_name, name) != DW_DLV_OK)
		*name = NULL;
	if (die_string(w->dw, die, DW_AT_linkage_name, linkage) != DW_DLV_OK)
		*linkage = NULL;
	if (die_ref(w->dw, die, DW_AT_specification, ref) != DW_DLV_OK &&
	    die_ref(w->dw, die, DW_AT_abstract_origin, ref) != DW_DLV_OK)
		*ref = 0;
	dwarf_dealloc_die(die);
}

bool
fs_dwarf_rust_linkage(const char *l)
{
	size_t n;

	if (strncmp(l, "_R", 2) == 0)
		return true;
	n = strlen(l);
	return strncmp(l, "_ZN", 3) == 0 && n > 21 &&
	    strncmp(l + n - 20, "17h", 3) == 0 && l[n - 1] == 'E';
}

char *
fs_dwarf_rust_name(const char *prefix, const char *name, const char *linkage,
    char **alias)
{
	char *path = NULL, *dm, *r;
	const char *last;
	size_t n;

	if (alias != NULL)
		*alias = NULL;
	if (linkage == NULL || !fs_dwarf_rust_linkage(linkage))
		return NULL;
	if (prefix != NULL && name != NULL &&
	    asprintf(&path, "%s::%s", prefix, name) < 0)
		return NULL;
	/* gdb's DWARF path keeps what the legacy mangling loses (generic
	   arguments, closure numbers), and names the function as gdb
	   does; an impl is only "{impl#1}" there, so what it implements
	   is in the mangled name alone: that is the other name `break'
	   takes.  No DMGL_VERBOSE: libiberty then drops the hash.  */
	if (path != NULL && (alias == NULL ||
	    strstr(path, "{impl#") == NULL))
		return path;
	if ((dm = cplus_demangle(linkage, DMGL_ANSI | DMGL_RUST)) == NULL)
		return path;
	/* A closure of a method: the legacy "{{closure}}" numbered as the
	   DWARF path numbers it.  */
	n = strlen(dm);
	if (path != NULL && (last = strrchr(path, ':')) != NULL &&
	    strncmp(last + 1, "{closure#", 9) == 0 && n > 11 &&
	    strcmp(dm + n - 11, "{{closure}}") == 0 &&
	    asprintf(&r, "%.*s%s", (int)(n - 11), dm, last + 1) >= 0) {
		free(dm);
		dm = r;
	}
	if (path == NULL)
		return dm;
	*alias = dm;
	return path;
}

/* The name of the function described by decl D: its demangled linkage
   name (for Rust, fs_dwarf_rust_name's, and gdb's in *ALIAS when it
   differs), else its DW_AT_name qualified by its namespaces, looking
   through DW_AT_specification and DW_AT_abstract_origin for either.  */
static const char *
func_name(struct walk *w, const struct decl *d, const char **alias)
{
	const char *name = NULL, *linkage = NULL, *prefix = NULL;
	const char *n, *l;
	Dwarf_Off ref = 0;
	char *s = NULL, *a;
	int hop;

	*alias = NULL;
	if (d == NULL)
		return cu_keep(w->cu, strdup("??"));
	for (hop = 0; hop < MAX_HOPS; hop++) {
		if (d != NULL) {
			n = d->name;
			l = d->linkage;
			ref = d->ref;
		} else
			foreign_names(w, ref, &n, &l, &ref);
		if (linkage == NULL && l != NULL)
			linkage = l;
		if (name == NULL && n != NULL) {
			name = n;
			prefix = d != NULL ? d->prefix : NULL;
		}
		if ((linkage != NULL && name != NULL) || ref == 0)
			break;
		if (ref >= w->cu->start && ref < w->cu->end) {
			if ((d = decl_find(w, ref)) == NULL)
				break;
		} else
			d = NULL;
	}
	if ((s = fs_dwarf_rust_name(prefix, name, linkage, &a)) != NULL) {
		*alias = cu_keep(w->cu, a);
		return cu_keep(w->cu, s);
	}
	if (linkage != NULL &&
	    (s = cplus_demangle(linkage, DMGL_ANSI | DMGL_RUST)) != NULL)
		return cu_keep(w->cu, s);
	/* A linkage name that is no mangled name names the function for
	   gdb, before its DW_AT_name (glibc's "__GI_raise" for raise).  */
	if (linkage != NULL && prefix == NULL)
		return cu_keep(w->cu, strdup(linkage));
	if (name != NULL && prefix != NULL) {
		if (asprintf(&s, "%s::%s", prefix, name) < 0)
			return NULL;
		return cu_keep(w->cu, s);
	}
	if (name != NULL)
		return cu_keep(w->cu, strdup(name));
	if (linkage != NULL)
		return cu_keep(w->cu, strdup(linkage));
	return cu_keep(w->cu, strdup("??"));
}

/* qsort: functions by address, the longer first.  */
static int
func_cmp(const void *a, const void *b)
{
	const struct dw_func *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi > y->hi ? -1 : 1;
	return 0;
}

/* qsort: blocks by address, the outer first.  */
static int
block_cmp(const void *a, const void *b)
{
	const struct dw_block *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return x->die < y->die ? -1 : x->die > y->die;
}

/* Name the functions found, sort functions and blocks, and build the
   prefix maxima that let lookups stop early.  */
static int
walk_finish(struct walk *w)
{
	struct dw_cu *cu = w->cu;
	size_t i, n;

	if (w->ndecls > 0)
		qsort(w->decls, w->ndecls, sizeof w->decls[0], decl_cmp);
	if (w->npf > 0 &&
	    ((cu->funcs = calloc(w->npf, sizeof cu->funcs[0])) == NULL ||
	    (cu->fmaxhi = calloc(w->npf, sizeof cu->fmaxhi[0])) == NULL))
		return -1;
	for (i = 0; i < w->npf; i++) {
		cu->funcs[i].lo = w->pf[i].lo;
		cu->funcs[i].hi = w->pf[i].hi;
		cu->funcs[i].elo = w->pf[i].elo;
		cu->funcs[i].ehi = w->pf[i].ehi;
		cu->funcs[i].die = w->pf[i].die;
	}
	cu->nfuncs = w->npf;
	for (i = 0; i < cu->nfuncs; i++) {
		const struct decl *d = decl_find(w, cu->funcs[i].die);

		if ((cu->funcs[i].name = func_name(w, d,
		    &cu->funcs[i].alias)) == NULL)
			return -1;
	}
	if (cu->nfuncs > 0)
		qsort(cu->funcs, cu->nfuncs, sizeof cu->funcs[0], func_cmp);
	for (i = 0; i < cu->nfuncs; i++)
		cu->fmaxhi[i] = i == 0 || cu->funcs[i].hi > cu->fmaxhi[i - 1] ?
		    cu->funcs[i].hi : cu->fmaxhi[i - 1];

	/* Drop the lexical blocks gdb would not make.  */
	for (i = n = 0; i < cu->nblocks; i++)
		if (cu->blocks[i].kind != UINT32_MAX)
			cu->blocks[n++] = cu->blocks[i];
	cu->nblocks = n;
	if (n > 0) {
		qsort(cu->blocks, n, sizeof cu->blocks[0], block_cmp);
		if ((cu->bmaxhi = calloc(n, sizeof cu->bmaxhi[0])) == NULL)
			return -1;
		for (i = 0; i < n; i++)
			cu->bmaxhi[i] = i == 0 ||
			    cu->blocks[i].hi > cu->bmaxhi[i - 1] ?
			    cu->blocks[i].hi : cu->bmaxhi[i - 1];
	}
	return 0;
}

/* Walk the DIEs of CU once.  Returns 0, or -FS_E_NOENT when they do not
   decode (the unit then has no functions).  */
static int
cu_dies(struct fs_dwarf *dw, struct dw_cu *cu)
{
	struct walk w;
	Dwarf_Error err = NULL;
	Dwarf_Addr low;
	Dwarf_Die die;
	size_t i;
	bool syms;
	int ret = -FS_E_NOENT;

	if (cu->dies_st != ST_TODO)
		return cu->dies_st == ST_OK ? 0 : -FS_E_NOENT;
	if (cu_info(dw, cu) != 0)
		return -FS_E_NOENT;
	cu->dies_st = ST_BAD;
	if (cu_die(dw, cu, &die) != 0)
		return -FS_E_NOENT;
	memset(&w, 0, sizeof w);
	w.dw = dw;
	w.cu = cu;
	if (dwchk(dw, dwarf_lowpc(die, &low, &err), &err) == DW_DLV_OK)
		w.base = low;
	if (walk_children(&w, die, NULL, 1, false, &syms) == 0 &&
	    w.err == 0 && walk_finish(&w) == 0) {
		cu->dies_st = ST_OK;
		ret = 0;
	}
	dwarf_dealloc_die(die);
	if (ret != 0 && fs_cancelled())
		cu->dies_st = ST_TODO;	/* not broken: given up */
	if (ret != 0) {
		free(cu->funcs);
		free(cu->fmaxhi);
		free(cu->blocks);
		free(cu->bmaxhi);
		cu->funcs = NULL;
		cu->fmaxhi = NULL;
		cu->blocks = NULL;
		cu->bmaxhi = NULL;
		cu->nfuncs = cu->nblocks = 0;
		cu->has_loclist = false;
	}
	for (i = 0; i < w.nprefixes; i++)
		free(w.prefixes[i]);
	free(w.prefixes);
	free(w.decls);
	free(w.pf);
	free(w.rv.v);
	return ret;
}

/* The innermost function of CU holding PC, or NULL.  */
static const struct dw_func *
func_at(const struct dw_cu *cu, uint64_t pc)
{
	const struct dw_func *f, *best = NULL;
	size_t lo = 0, hi = cu->nfuncs, mid, i;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cu->funcs[mid].lo <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i > 0 && cu->fmaxhi[i - 1] > pc; i--) {
		f = &cu->funcs[i - 1];
		if (pc < f->hi && (best == NULL ||
		    f->hi - f->lo < best->hi - best->lo))
			best = f;
	}
	return best;
}

/* The innermost gdb block of CU holding PC; with FUNCS_ONLY, the innermost
   function or inlined call.  NULL when none.  */
static const struct dw_block *
block_at(const struct dw_cu *cu, uint64_t pc, bool funcs_only)
{
	const struct dw_block *b, *best = NULL;
	size_t lo = 0, hi = cu->nblocks, mid, i;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cu->blocks[mid].lo <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i > 0 && cu->bmaxhi[i - 1] > pc; i--) {
		b = &cu->blocks[i - 1];
		if (pc >= b->hi || (funcs_only && b->kind == B_LEX))
			continue;
		if (best == NULL || b->depth > best->depth)
			best = b;
	}
	return best;
}

/* The innermost function holding PC, by the unit ranges, else among the
   units that state no range.  */
static const struct dw_func *
func_in(struct fs_dwarf *dw, uint64_t faddr)
{
	struct cu_iter it = { 0, false };
	const struct dw_func *f = NULL;
	struct dw_cu *cu;
	size_t i;

	while (f == NULL && (cu = cu_next(dw, faddr, &it)) != NULL)
		if (cu_dies(dw, cu) == 0)
			f = func_at(cu, faddr);
	/* A unit may state no ranges of its own while its functions do.  */
	for (i = 0; f == NULL && i < dw->nrangeless; i++) {
		cu = &dw->cus[dw->rangeless[i]];
		if (cu_dies(dw, cu) == 0)
			f = func_at(cu, faddr);
	}
	return f;
}

/* The function holding FADDR, the units walked first when the quick
   index does not tell (as cu_lines_for).  */
static const struct dw_func *
func_lookup(struct fs_dwarf *dw, uint64_t faddr)
{
	const struct dw_func *f;

	f = dw->walked ? NULL : func_in(dw, faddr);
	if (f == NULL || dw->arbad)
		f = index_walk(dw) == 0 ? func_in(dw, faddr) : NULL;
	return f;
}

int
fs_dwarf_function_at(struct fs_dwarf *dw, uint64_t faddr, const char **name,
    uint64_t *lo, uint64_t *hi)
{
	const struct dw_func *f;

	if ((f = func_lookup(dw, faddr)) == NULL)
		return -FS_E_NOENT;
	*name = f->name;
	*lo = f->lo;
	*hi = f->hi;
	return 0;
}

int
fs_dwarf_function_entry(struct fs_dwarf *dw, uint64_t faddr, uint64_t *entry)
{
	const struct dw_func *f;

	if ((f = func_lookup(dw, faddr)) == NULL)
		return -FS_E_NOENT;
	*entry = f->elo;
	return 0;
}

/* Call FN with each function's name (ALIAS: its second name, for the
   functions that have one) and entry range, once per function.  */
static int
foreach_name(struct fs_dwarf *dw, bool alias,
    int (*fn)(const char *, uint64_t, uint64_t, void *), void *arg)
{
	struct dw_cu *cu;
	const char *name;
	size_t i, j;
	int rc;

	/* Every unit, known only to the walk.  */
	(void)index_walk(dw);
	for (i = 0; i < dw->ncus; i++) {
		cu = &dw->cus[i];
		if (cu_dies(dw, cu) != 0)
			continue;
		for (j = 0; j < cu->nfuncs; j++) {
			/* Once per function: at the range of its entry.  */
			name = alias ? cu->funcs[j].alias : cu->funcs[j].name;
			if (cu->funcs[j].lo != cu->funcs[j].elo || name == NULL)
				continue;
			if ((rc = fn(name, cu->funcs[j].elo, cu->funcs[j].ehi,
			    arg)) != 0)
				return rc;
		}
	}
	return 0;
}

int
fs_dwarf_foreach_function(struct fs_dwarf *dw,
    int (*fn)(const char *, uint64_t, uint64_t, void *), void *arg)
{
	return foreach_name(dw, false, fn, arg);
}

int
fs_dwarf_foreach_alias(struct fs_dwarf *dw,
    int (*fn)(const char *, uint64_t, uint64_t, void *), void *arg)
{
	return foreach_name(dw, true, fn, arg);
}

/*
 * gdb's view of the line table: only R_GDB rows, and the end markers that
 * end_sequence rows stand for.
 */

/* Whether row I is an entry of gdb's line table.  */
static bool
gdb_item(const struct dw_cu *cu, size_t i)
{
	return (cu->rows[i].flags & (R_GDB | R_END)) != 0;
}

/* gdb's find_pc_sect_line on CU: the line entry holding PC and the
   address where the next entry starts.  */
static struct sal
gdb_sal(const struct dw_cu *cu, uint64_t pc)
{
	struct sal s;
	size_t i, k, best, t, p;

	memset(&s, 0, sizeof s);
	s.pc = pc;
	i = rows_upper(cu, pc);
	for (k = i; k > 0 && !gdb_item(cu, k - 1); k--)
		;
	if (k == 0 || (cu->rows[k - 1].flags & R_END))
		return s;
	best = k - 1;
	if (!(cu->rows[best].flags & R_STMT)) {
		/* Back over entries at the same address to a statement.  */
		t = best;
		for (;;) {
			for (p = t; p > 0 && !gdb_item(cu, p - 1) &&
			    cu->rows[p - 1].addr == cu->rows[t].addr; p--)
				;
			if (p == 0 || !gdb_item(cu, p - 1) ||
			    cu->rows[p - 1].addr != cu->rows[t].addr ||
			    (cu->rows[p - 1].flags & R_END) ||
			    (cu->rows[t].flags & R_STMT))
				break;
			t = p - 1;
		}
		if (cu->rows[t].flags & R_STMT)
			best = t;
	}
	for (; i < cu->nrows && !gdb_item(cu, i); i++)
		;
	s.ok = true;
	s.pc = cu->rows[best].addr;
	s.end = i < cu->nrows ? cu->rows[i].addr : cu->rows[best].addr + 1;
	s.line = cu->rows[best].line;
	s.file = cu->rows[best].file;
	s.is_stmt = (cu->rows[best].flags & R_STMT) != 0;
	return s;
}

int
fs_dwarf_gdb_line(struct fs_dwarf *dw, uint64_t faddr,
    struct fs_lineinfo *out)
{
	struct dw_cu *cu;
	struct sal sl;

	if ((cu = cu_lines_for(dw, faddr)) == NULL)
		return -FS_E_NOENT;
	sl = gdb_sal(cu, faddr);
	if (!sl.ok || sl.file == NOFILE)
		return -FS_E_NOENT;
	memset(out, 0, sizeof *out);
	out->file = cu->files[sl.file].name;
	out->fullpath = cu->files[sl.file].fullpath;
	out->line = sl.line;
	out->lo = sl.pc;
	out->hi = sl.end;
	out->is_stmt = sl.is_stmt;
	return 0;
}

/* gdb's skip_prologue_using_linetable: the first entry flagged
   prologue_end in [LO, HI) of the file holding LO's line.  */
static bool
gdb_prologue_end(const struct dw_cu *cu, uint64_t lo, uint64_t hi,
    uint64_t *pc)
{
	struct sal s = gdb_sal(cu, lo);
	size_t i;

	if (!s.ok)
		return false;
	for (i = rows_lower(cu, lo); i < cu->nrows && cu->rows[i].addr < hi;
	    i++)
		if ((cu->rows[i].flags & (R_GDB | R_PEND)) ==
		    (R_GDB | R_PEND) && cu->rows[i].file == s.file) {
			*pc = cu->rows[i].addr;
			return true;
		}
	return false;
}

/* gdb's skip_prologue_using_sal for the function [LO, HI): the end of the
   first line, past lines that go backward (code the scheduler moved into
   the prologue); 0 when that does not work out.  */
static uint64_t
gdb_prologue_using_sal(const struct dw_cu *cu, uint64_t lo, uint64_t hi)
{
	struct sal ps = gdb_sal(cu, lo), s;
	const struct dw_block *b;
	size_t i, j;

	if (ps.ok) {
		/* Two entries of the first line's file at the function's
		   address: an empty prologue.  */
		for (i = rows_lower(cu, ps.pc); i < cu->nrows &&
		    cu->rows[i].addr == ps.pc; i++)
			if ((cu->rows[i].flags & R_GDB) &&
			    cu->rows[i].file == ps.file)
				break;
		if (i < cu->nrows && cu->rows[i].addr == ps.pc) {
			for (j = i + 1; j < cu->nrows && !gdb_item(cu, j); j++)
				;
			if (j < cu->nrows && !(cu->rows[j].flags & R_END) &&
			    cu->rows[j].file == ps.file &&
			    cu->rows[j].addr == lo)
				return lo;
		}
		if (ps.end >= hi)
			return 0;
		while (ps.end < hi) {
			s = gdb_sal(cu, ps.end);
			if (!s.ok || s.line >= ps.line || s.file != ps.file)
				break;
			/* Inlined code says nothing of our lines.  */
			b = block_at(cu, ps.end, true);
			if (b != NULL && b->kind == B_INLINE)
				break;
			ps = s;
		}
	}
	if (ps.end < hi)
		return ps.end;
	return ps.pc;
}

/* gdb's amd64_analyze_stack_align: the code some gcc versions put before
   the frame set-up to realign the stack.  Returns the address after it,
   or PC.  */
static uint64_t
amd64_stack_align(struct fs_dwarf *dw, uint64_t pc)
{
	uint8_t b[18];
	int reg, r, off;

	if (!code_read(dw, pc, b, sizeof b))
		return pc;
	if ((b[0] & 0xfb) == 0x48 && b[1] == 0x8d && b[3] == 0x24 &&
	    b[4] == 0x8) {
		/* leaq 8(%rsp), %reg */
		if ((b[2] & 0xc7) != 0x44)
			return pc;
		reg = (b[2] >> 3) & 7;
		if (b[0] == 0x4c)
			reg += 8;
		off = 5;
	} else {
		/* pushq %reg; leaq 16(%rsp), %reg */
		reg = 0;
		if ((b[0] & 0xf8) == 0x50)
			off = 0;
		else if ((b[0] & 0xf6) == 0x40 && (b[1] & 0xf8) == 0x50) {
			if (b[0] & 1)
				reg = 8;
			off = 1;
		} else
			return pc;
		reg += b[off] & 7;
		off++;
		if ((b[off] & 0xfb) != 0x48 || b[off + 1] != 0x8d ||
		    b[off + 3] != 0x24 || b[off + 4] != 0x10)
			return pc;
		if ((b[off + 2] & 0xc7) != 0x44)
			return pc;
		r = (b[off + 2] >> 3) & 7;
		if (b[off] == 0x4c)
			r += 8;
		if (reg != r)
			return pc;
		off += 5;
	}
	if (reg == 4 || reg == 5)
		return pc;
	/* andq $-XXX, %rsp */
	if (b[off] != 0x48 || b[off + 2] != 0xe4 ||
	    (b[off + 1] != 0x81 && b[off + 1] != 0x83))
		return pc;
	off += b[off + 1] == 0x81 ? 7 : 4;
	/* pushq -8(%reg) */
	r = 0;
	if (b[off] == 0xff)
		off++;
	else if ((b[off] & 0xf6) == 0x40 && b[off + 1] == 0xff) {
		if (b[off] & 1)
			r = 8;
		off += 2;
	} else
		return pc;
	if (b[off + 1] != 0xf8 || (b[off] & 0xf8) != 0x70)
		return pc;
	r += b[off] & 7;
	if (reg != r)
		return pc;
	return pc + off + 2;
}

/* gdb's amd64_analyze_prologue: past `[endbr64] pushq %rbp; movq %rsp,
   %rbp'.  *FRAMELESS when that sequence is not there.  Returns 0 when the
   code cannot be read at all.  */
static uint64_t
amd64_analyze(struct fs_dwarf *dw, uint64_t pc, bool *frameless)
{
	static const uint8_t endbr64[3] = { 0x0f, 0x1e, 0xfa };
	uint8_t op, b[3];

	*frameless = true;
	if (!code_read(dw, pc, &op, 1))
		return 0;
	pc = amd64_stack_align(dw, pc);
	if (!code_read(dw, pc, &op, 1))
		return pc;
	if (op == 0xf3) {
		if (!code_read(dw, pc + 1, b, 3))
			return pc;
		if (memcmp(b, endbr64, 3) == 0)
			pc += 4;
		if (!code_read(dw, pc, &op, 1))
			return pc;
	}
	if (op != 0x55)
		return pc;
	if (!code_read(dw, pc + 1, b, 3))
		return pc + 1;
	if ((b[0] == 0x48 && b[1] == 0x89 && b[2] == 0xe5) ||
	    (b[0] == 0x48 && b[1] == 0x8b && b[2] == 0xec)) {
		*frameless = false;
		return pc + 4;
	}
	return pc + 1;
}

/* gdb's amd64_skip_xmm_prologue (GCC PR debug/48827): a varargs function
   whose register save area follows a false line change.  */
static uint64_t
amd64_skip_xmm(struct fs_dwarf *dw, const struct dw_cu *cu, uint64_t pc,
    uint64_t start)
{
	struct sal ss, ns;
	uint8_t b[4 + 8 * 7];
	int off, reg;

	if (pc == start)
		return pc;
	ss = gdb_sal(cu, start);
	if (!ss.ok || cu->gcc < 6 || ss.pc != start || pc >= ss.end)
		return pc;
	ns = gdb_sal(cu, ss.end);
	if (!ns.ok || ns.line != ss.line)
		return pc;
	if (ns.pc < 4 || !code_read(dw, ns.pc - 4, b, sizeof b))
		return pc;
	/* test %al,%al; je AFTER */
	if (b[0] != 0x84 || b[1] != 0xc0 || b[2] != 0x74)
		return pc;
	off = 4;
	for (reg = 0; reg < 8; reg++) {
		/* movaps %xmmREG, -0x??(%rbp) */
		if (b[off] != 0x0f || b[off + 1] != 0x29 ||
		    (b[off + 2] & 0x3f) != (reg << 3 | 0x5))
			return pc;
		if ((b[off + 2] & 0xc0) == 0x40)
			off += 4;
		else if ((b[off + 2] & 0xc0) == 0x80)
			off += 7;
		else
			return pc;
	}
	if (off - 4 != b[3])
		return pc;
	return ns.end;
}

/* gdb's amd64_skip_prologue: the line table for LLVM code, else the
   instructions.  */
static uint64_t
amd64_skip_prologue(struct fs_dwarf *dw, const struct dw_cu *cu,
    uint64_t lo, uint64_t hi)
{
	uint64_t pc, post;
	bool frameless;

	if (cu->llvm && (post = gdb_prologue_using_sal(cu, lo, hi)) != 0)
		return post > lo ? post : lo;
	if ((pc = amd64_analyze(dw, lo, &frameless)) == 0) {
		/* No code to look at (a separate debug file and no reader
		   given): the line table is the best guess left.  */
		post = gdb_prologue_using_sal(cu, lo, hi);
		return post > lo ? post : lo;
	}
	if (frameless)
		return lo;
	return amd64_skip_xmm(dw, cu, pc, lo);
}

/* gdb's i386_analyze_prologue, as far as i386_skip_prologue needs it:
   past the stack realignment of main (`lea 4(%esp),%reg; and $-N,%esp;
   pushl -4(%reg)'), `[endbr32] push %ebp; mov %esp,%ebp', a `sub $N,%esp'
   or `lea -N(%esp),%esp' right after, and the pushes of registers that
   follow.  *FRAMELESS when there is no such frame setup.  Returns 0 when
   the code cannot be read at all.  */
static uint64_t
i386_analyze(struct fs_dwarf *dw, uint64_t pc, bool *frameless)
{
	uint8_t b[4], reg;
	uint64_t p;

	*frameless = true;
	if (!code_read(dw, pc, b, 1))
		return 0;
	if (code_read(dw, pc, b, 4) && b[0] == 0x8d && (b[1] & 0xc7) ==
	    0x44 && b[2] == 0x24 && b[3] == 0x04) {
		reg = (b[1] >> 3) & 7;
		p = pc + 4;
		if (code_read(dw, p, b, 2) && b[0] == 0x83 && b[1] == 0xe4)
			p += 3;
		else if (code_read(dw, p, b, 2) && b[0] == 0x81 &&
		    b[1] == 0xe4)
			p += 6;
		else
			p = 0;
		if (p != 0 && code_read(dw, p, b, 3) && b[0] == 0xff &&
		    b[1] == (0x70 | reg) && b[2] == 0xfc)
			pc = p + 3;
	}
	if (code_read(dw, pc, b, 4) && memcmp(b, "\xf3\x0f\x1e\xfb", 4) ==
	    0)
		pc += 4;
	if (!code_read(dw, pc, b, 1) || b[0] != 0x55)
		return pc;
	pc++;
	if (!code_read(dw, pc, b, 2) || !((b[0] == 0x89 && b[1] == 0xe5) ||
	    (b[0] == 0x8b && b[1] == 0xec)))
		return pc;
	*frameless = false;
	pc += 2;
	if (code_read(dw, pc, b, 2) && b[0] == 0x83 && b[1] == 0xec)
		pc += 3;
	else if (code_read(dw, pc, b, 2) && b[0] == 0x81 && b[1] == 0xec)
		pc += 6;
	else if (code_read(dw, pc, b, 3) && b[0] == 0x8d && b[1] == 0x64 &&
	    b[2] == 0x24)
		pc += 4;
	while (code_read(dw, pc, b, 1) && b[0] >= 0x50 && b[0] <= 0x57)
		pc++;
	return pc;
}

/* gdb's i386_skip_prologue: the line table for LLVM code, else the
   instructions.  */
static uint64_t
i386_skip_prologue(struct fs_dwarf *dw, const struct dw_cu *cu,
    uint64_t lo, uint64_t hi)
{
	uint64_t pc, post;
	bool frameless;

	if (cu->llvm && (post = gdb_prologue_using_sal(cu, lo, hi)) != 0)
		return post > lo ? post : lo;
	if ((pc = i386_analyze(dw, lo, &frameless)) == 0) {
		post = gdb_prologue_using_sal(cu, lo, hi);
		return post > lo ? post : lo;
	}
	return frameless ? lo : pc;
}

/* Where gdb puts `break FUNC' for the function [LO, HI) of CU:
   find_function_start_sal with skip_prologue_sal.  */
static uint64_t
gdb_breakpoint(struct fs_dwarf *dw, struct dw_cu *cu, uint64_t lo,
    uint64_t hi)
{
	struct sal s0, s;
	uint64_t pc;
	bool locations_valid;
	size_t i;

	/* gdb trusts the locations of a unit from gcc 4.5 or later that has
	   location lists, and then does not skip the prologue at all.  */
	locations_valid = cu->gcc >= 5 && cu_dies(dw, cu) == 0 &&
	    cu->has_loclist;
	s0 = gdb_sal(cu, lo);
	if (locations_valid && s0.ok)
		return lo;
	if (gdb_prologue_end(cu, lo, hi, &pc))
		return pc > lo ? pc : lo;
	if (locations_valid) {
		/* No line at the entry: gdb takes the first line inside.  */
		for (i = rows_lower(cu, lo); i < cu->nrows &&
		    cu->rows[i].addr < hi; i++)
			if (cu->rows[i].flags & R_GDB)
				return cu->rows[i].addr;
		return lo;
	}
	/* The architecture's prologue analysis, gdb's for each.  */
	pc = dw->c32 ? i386_skip_prologue(dw, cu, lo, hi) :
	    amd64_skip_prologue(dw, cu, lo, hi);
	/* Stopped in mid-line: go to the start of the next line while that
	   is still in the function.  */
	s = gdb_sal(cu, pc);
	if (s.ok && s.pc != pc && lo <= s.end && s.end < hi)
		pc = s.end;
	return pc > lo ? pc : lo;
}

/* The file and line gdb gives a breakpoint it moved to PC inside the
   function F of CU (skip_prologue_sal): the line there, but in code
   inlined into F, the line of the outermost inlined call.  */
static void
gdb_moved_line(const struct dw_cu *cu, const struct dw_func *f, uint64_t pc,
    uint32_t *file, uint32_t *line)
{
	const struct dw_block *b, *outer = NULL;
	struct sal s = gdb_sal(cu, pc);
	size_t lo = 0, hi = cu->nblocks, mid, i;

	*file = s.ok ? s.file : NOFILE;
	*line = s.ok ? s.line : 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cu->blocks[mid].lo <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i > 0 && cu->bmaxhi[i - 1] > pc; i--) {
		b = &cu->blocks[i - 1];
		if (b->kind != B_INLINE || pc >= b->hi || b->lo < f->lo ||
		    b->hi > f->hi)
			continue;
		if (outer == NULL || b->depth < outer->depth)
			outer = b;
	}
	if (outer == NULL || outer->call_line == 0)
		return;
	*line = outer->call_line;
	if (outer->call_file >= cu->fbase &&
	    outer->call_file - cu->fbase < cu->nfmap)
		*file = cu->fmap[outer->call_file - cu->fbase];
}

int
fs_dwarf_bp_line(struct fs_dwarf *dw, uint64_t faddr, const char **file,
    unsigned *line)
{
	const struct dw_func *f = NULL;
	struct dw_cu *cu;
	struct sal s;
	uint32_t fid, ln;

	if ((cu = cu_lines_for(dw, faddr)) == NULL)
		return -FS_E_NOENT;
	if (cu_dies(dw, cu) == 0)
		f = func_at(cu, faddr);
	if (f != NULL && faddr != f->elo)
		gdb_moved_line(cu, f, faddr, &fid, &ln);
	else {
		s = gdb_sal(cu, faddr);
		fid = s.ok ? s.file : NOFILE;
		ln = s.ok ? s.line : 0;
	}
	if (fid == NOFILE || ln == 0)
		return -FS_E_NOENT;
	*file = cu->files[fid].name;
	*line = ln;
	return 0;
}

void
fs_dwarf_set_code(struct fs_dwarf *dw,
    const void *(*bytes)(void *arg, uint64_t faddr, size_t len), void *arg)
{
	dw->code = bytes;
	dw->code_arg = arg;
}

int
fs_dwarf_after_prologue(struct fs_dwarf *dw, uint64_t func_lo,
    uint64_t func_hi, uint64_t *faddr)
{
	struct dw_cu *cu;

	if ((cu = cu_lines_for(dw, func_lo)) == NULL)
		return -FS_E_NOENT;
	if (func_hi <= func_lo)
		func_hi = func_lo + 1;
	*faddr = gdb_breakpoint(dw, cu, func_lo, func_hi);
	return 0;
}

/*
 * break FILE:LINE
 */

/* gdb's compare_filenames_for_search: NAME is FILE or a trailing run of
   its path components.  */
static bool
file_matches(const char *file, const char *name)
{
	size_t lf = strlen(file), ln = strlen(name);

	if (lf < ln || strcmp(file + lf - ln, name) != 0)
		return false;
	return lf == ln || (name[0] != '/' && file[lf - ln - 1] == '/');
}

struct hit {
	uint64_t	 pc;
	struct dw_cu	*cu;
	Dwarf_Off	 block;		/* gdb block holding pc, 0: none */
	unsigned	 line;		/* the line gdb names it by */
	uint32_t	 file;		/* the row's file in CU */
};

/* Collect the statement entries of LINE in the files of every unit that
   match FILE (gdb's find_pcs_for_symtab_line), and in *BEST the smallest
   line above LINE that has one.  */
static int
line_hits(struct fs_dwarf *dw, const char *file, unsigned line,
    struct hit **hits, size_t *nhits, size_t *cap, unsigned *best,
    bool *known)
{
	struct dw_cu *cu;
	bool *match;
	size_t i, j;

	for (i = 0; i < dw->ncus; i++) {
		cu = &dw->cus[i];
		if (cu_lines(dw, cu) != 0 || cu->nfiles == 0)
			continue;
		if ((match = calloc(cu->nfiles, sizeof *match)) == NULL)
			return -1;
		for (j = 0; j < cu->nfiles; j++)
			match[j] = file_matches(cu->files[j].name, file) ||
			    file_matches(cu->files[j].fullpath, file);
		for (j = 0; j < cu->nrows; j++) {
			const struct dw_row *r = &cu->rows[j];

			if ((r->flags & (R_GDB | R_STMT)) != (R_GDB | R_STMT) ||
			    !match[r->file])
				continue;
			*known = true;
			if (r->line == line) {
				if (GROW(*hits, *nhits, *cap) != 0) {
					free(match);
					return -1;
				}
				(*hits)[*nhits].pc = r->addr;
				(*hits)[*nhits].cu = cu;
				(*hits)[*nhits].block = 0;
				(*hits)[*nhits].file = r->file;
				(*nhits)++;
			} else if (r->line > line &&
			    (*best == 0 || r->line < *best))
				*best = r->line;
		}
		/* A file with no statement left still names a symtab.  */
		for (j = 0; j < cu->nfiles && !*known; j++)
			*known = match[j];
		free(match);
	}
	return 0;
}

/* qsort: hits by address.  */
static int
hit_pc_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	return x->pc < y->pc ? -1 : x->pc > y->pc;
}

/* qsort: hits by unit, block, then address.  */
static int
hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->cu != y->cu)
		return x->cu < y->cu ? -1 : 1;
	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	return x->pc < y->pc ? -1 : x->pc > y->pc;
}

/* line_hits for LINE or, when LINE has no code, the next line that has
   some (gdb's best entry), which *LINE becomes.  */
static int
line_hits_next(struct fs_dwarf *dw, const char *file, unsigned *line,
    struct hit **hits, size_t *nhits, size_t *cap, bool *known)
{
	unsigned best = 0;

	if (index_walk(dw) != 0 || line_hits(dw, file, *line, hits, nhits,
	    cap, &best, known) != 0)
		return -1;
	if (*nhits == 0 && best != 0) {
		*line = best;
		best = 0;
		if (line_hits(dw, file, *line, hits, nhits, cap, &best,
		    known) != 0)
			return -1;
	}
	return 0;
}

int
fs_dwarf_find_line(struct fs_dwarf *dw, const char *file, unsigned line,
    uint64_t **addrs, size_t *naddrs, unsigned *line_out, struct fs_err *e)
{
	struct hit *hits = NULL;
	const struct dw_block *b;
	const struct dw_func *f;
	uint64_t *out = NULL, bp;
	size_t nhits = 0, cap = 0, i, j, n;
	uint32_t fid, moved;
	bool known = false;

	*addrs = NULL;
	*naddrs = 0;
	if (line == 0)
		return fs_err_set(e, FS_E_NOENT, "no line 0 in \"%s\"", file);
	/* Files are found in every unit, known only to the walk.  */
	if (line_hits_next(dw, file, &line, &hits, &nhits, &cap, &known) != 0)
		goto nomem;
	if (nhits == 0) {
		free(hits);
		if (!known)
			return fs_err_set(e, FS_E_NOENT,
			    "no source file named %s", file);
		return fs_err_set(e, FS_E_NOENT, "no line %u in file \"%s\"",
		    line, file);
	}
	/* One location per gdb block (create_sals_line_offset): its lowest
	   address, moved past the function's prologue when within it.  */
	for (i = 0; i < nhits; i++) {
		b = NULL;
		if (cu_dies(dw, hits[i].cu) == 0)
			b = block_at(hits[i].cu, hits[i].pc, false);
		hits[i].block = b != NULL ? b->die : 0;
		hits[i].line = line;
	}
	qsort(hits, nhits, sizeof hits[0], hit_cmp);
	for (i = n = 0; i < nhits; i++) {
		if (i > 0 && hits[i].block != 0 && hits[i].cu ==
		    hits[i - 1].cu && hits[i].block == hits[i - 1].block)
			continue;
		hits[n] = hits[i];
		if (hits[n].cu->dies_st == ST_OK &&
		    (f = func_at(hits[n].cu, hits[n].pc)) != NULL &&
		    hits[n].pc < (bp = gdb_breakpoint(dw, hits[n].cu, f->elo,
		    f->ehi))) {
			hits[n].pc = bp;
			/* gdb names a moved breakpoint by its new place.  */
			gdb_moved_line(hits[n].cu, f, bp, &fid, &moved);
			if (moved != 0)
				hits[n].line = moved;
		}
		n++;
	}
	qsort(hits, n, sizeof hits[0], hit_pc_cmp);
	if ((out = calloc(n, sizeof out[0])) == NULL)
		goto nomem;
	for (i = j = 0; i < n; i++)
		if (j == 0 || out[j - 1] != hits[i].pc)
			out[j++] = hits[i].pc;
	*line_out = hits[0].line;
	free(hits);
	*addrs = out;
	*naddrs = j;
	return 0;
nomem:
	free(hits);
	free(out);
	return fs_err_set(e, FS_E_NOMEM, "out of memory");
}

/* The first file of a unit that FILE names (as line_hits matches
   them), or FILE itself.  */
static const char *
file_named(struct fs_dwarf *dw, const char *file)
{
	struct dw_cu *cu;
	size_t i, j;

	for (i = 0; i < dw->ncus; i++) {
		cu = &dw->cus[i];
		if (cu_lines(dw, cu) != 0)
			continue;
		for (j = 0; j < cu->nfiles; j++)
			if (file_matches(cu->files[j].name, file) ||
			    file_matches(cu->files[j].fullpath, file))
				return cu->files[j].name;
	}
	return file;
}

int
fs_dwarf_line_start(struct fs_dwarf *dw, const char *file, unsigned line,
    uint64_t *faddr, const char **name, struct fs_err *e)
{
	struct hit *hits = NULL;
	size_t nhits = 0, cap = 0;
	bool known = false;

	if (line_hits_next(dw, file, &line, &hits, &nhits, &cap, &known) != 0)
		goto nomem;
	if (!known) {
		free(hits);
		return fs_err_set(e, FS_E_NOENT, "no source file named %s",
		    file);
	}
	if (nhits == 0) {
		free(hits);
		*name = file_named(dw, file);
		return 1;
	}
	/* gdb's find_line_common: the first exact entry of the first
	   table that has one; within a unit the rows go by address.  */
	*faddr = hits[0].pc;
	*name = hits[0].cu->files[hits[0].file].name;
	free(hits);
	return 0;
nomem:
	free(hits);
	return fs_err_set(e, FS_E_NOMEM, "out of memory");
}

/*
 * What fs_dinfo builds on (src/fs_dwarf_int.h).
 */

/* The unit whose functions hold FADDR, as func_in finds it.  */
static struct dw_cu *
unit_in(struct fs_dwarf *dw, uint64_t faddr)
{
	struct cu_iter it = { 0, false };
	struct dw_cu *cu;
	size_t i;

	while ((cu = cu_next(dw, faddr, &it)) != NULL)
		if (cu_dies(dw, cu) == 0 && func_at(cu, faddr) != NULL)
			return cu;
	for (i = 0; i < dw->nrangeless; i++) {
		cu = &dw->cus[dw->rangeless[i]];
		if (cu_dies(dw, cu) == 0 && func_at(cu, faddr) != NULL)
			return cu;
	}
	return NULL;
}

static void
unit_fill(struct fs_dwarf *dw, struct dw_cu *cu, struct fs_dwarf_unit *u)
{
	Dwarf_Error err = NULL;
	Dwarf_Addr low = 0;
	Dwarf_Die die;

	memset(u, 0, sizeof *u);
	u->dw = dw;
	u->dbg = dw->dbg;
	u->cu = cu;
	u->die_off = cu->die_off;
	u->start = cu->start;
	u->end = cu->end;
	u->version = cu->version;
	u->model = &cu->dinfo;
	/* Read once: a backtrace asks for the unit of every frame.  */
	if (cu->base_st == ST_TODO && cu_die(dw, cu, &die) == 0) {
		if (dwchk(dw, dwarf_lowpc(die, &low, &err), &err) ==
		    DW_DLV_OK)
			cu->base = low;
		cu->base_st = ST_OK;
		dwarf_dealloc_die(die);
	}
	u->base = cu->base;
}

/* The child of DIE that is a namespace named NAME (LEN bytes), into
   *OUT; false when there is none.  */
static bool
namespace_child(struct fs_dwarf *dw, Dwarf_Die die, const char *name,
    size_t len, Dwarf_Die *out)
{
	Dwarf_Error err = NULL;
	Dwarf_Die cur, next;
	Dwarf_Half tag;
	const char *n;
	unsigned count;
	int rc;

	if (dwchk(dw, dwarf_child(die, &cur, &err), &err) != DW_DLV_OK)
		return false;
	/* Broken sibling chains end here too.  */
	for (count = 0; count < 1000000; count++) {
		if (dwchk(dw, dwarf_tag(cur, &tag, &err), &err) == DW_DLV_OK &&
		    tag == DW_TAG_namespace &&
		    die_string(dw, cur, DW_AT_name, &n) == DW_DLV_OK &&
		    strlen(n) == len && strncmp(n, name, len) == 0) {
			*out = cur;
			return true;
		}
		rc = dwchk(dw, dwarf_siblingof_b(dw->dbg, cur, 1, &next,
		    &err), &err);
		dwarf_dealloc_die(cur);
		if (rc != DW_DLV_OK)
			return false;
		cur = next;
	}
	dwarf_dealloc_die(cur);
	return false;
}

bool
fs_dwarf_has_namespace(struct fs_dwarf *dw, uint64_t faddr, const char *path)
{
	struct dw_cu *cu;
	Dwarf_Die die, sub;
	const char *p = path, *e;
	bool found = true;

	cu = dw->walked ? NULL : unit_in(dw, faddr);
	if (cu == NULL || dw->arbad)
		cu = index_walk(dw) == 0 ? unit_in(dw, faddr) : NULL;
	if (cu == NULL)
		return false;
	if (cu->die_off == dw->ns_unit && dw->ns_unit != 0 &&
	    strcmp(path, dw->ns_path) == 0)
		return dw->ns_found;
	if (cu_die(dw, cu, &die) != 0)
		return false;
	while (found && *p != '\0') {
		if ((e = strstr(p, "::")) == NULL)
			e = p + strlen(p);
		found = namespace_child(dw, die, p, (size_t)(e - p), &sub);
		dwarf_dealloc_die(die);
		if (found)
			die = sub;
		p = *e != '\0' ? e + 2 : e;
	}
	if (found)
		dwarf_dealloc_die(die);
	if (strlen(path) < sizeof dw->ns_path) {
		dw->ns_unit = cu->die_off;
		snprintf(dw->ns_path, sizeof dw->ns_path, "%s", path);
		dw->ns_found = found;
	}
	return found;
}

int
fs_dwarf_unit_at(struct fs_dwarf *dw, uint64_t faddr, struct fs_dwarf_unit *u)
{
	struct dw_cu *cu;

	/* As fs_dwarf_function_at.  */
	cu = dw->walked ? NULL : unit_in(dw, faddr);
	if (cu == NULL || dw->arbad)
		cu = index_walk(dw) == 0 ? unit_in(dw, faddr) : NULL;
	if (cu == NULL)
		return -FS_E_NOENT;
	/* The unit may have come from the persistent cache: the model is
	   read through libdwarf.  */
	if (dw_libdwarf(dw, "", NULL) < 0)
		return -FS_E_FORMAT;
	unit_fill(dw, cu, u);
	return 0;
}

int
fs_dwarf_unit_nth(struct fs_dwarf *dw, size_t i, struct fs_dwarf_unit *u)
{
	if (dw_libdwarf(dw, "", NULL) < 0)
		return -FS_E_FORMAT;
	(void)index_walk(dw);
	for (; i < dw->ncus; i++)
		if (dw->cus[i].info_st == ST_OK)
			break;
	if (i >= dw->ncus)
		return -FS_E_NOENT;
	unit_fill(dw, &dw->cus[i], u);
	u->index = i;
	return 0;
}

const char *
fs_dwarf_unit_file(const struct fs_dwarf_unit *u, uint64_t fileno)
{
	struct dw_cu *cu = u->cu;

	if (cu_lines(u->dw, cu) != 0 || fileno < cu->fbase ||
	    fileno - cu->fbase >= cu->nfmap)
		return NULL;
	return cu->files[cu->fmap[fileno - cu->fbase]].name;
}

int
fs_dwarf_die_ranges(const struct fs_dwarf_unit *u, Dwarf_Die die,
    uint64_t **pairs, size_t *n)
{
	struct rngv rv = { NULL, 0, 0 };
	size_t i;

	*pairs = NULL;
	*n = 0;
	if (die_ranges(u->dw, die, u->version, u->base, &rv) != 0) {
		free(rv.v);
		return -1;
	}
	if (rv.n == 0)
		return 0;
	if ((*pairs = calloc(rv.n * 2, sizeof **pairs)) == NULL) {
		free(rv.v);
		return -1;
	}
	for (i = 0; i < rv.n; i++) {
		(*pairs)[2 * i] = rv.v[i].lo;
		(*pairs)[2 * i + 1] = rv.v[i].hi;
	}
	*n = rv.n;
	free(rv.v);
	return 0;
}

int
fs_dwarf_section(struct fs_dwarf *dw, const char *name, uint8_t **buf,
    uint64_t *size)
{
	const Elf64_Shdr *sh;
	const char *sname;
	uint64_t i;

	*buf = NULL;
	*size = 0;
	for (i = 0; i < dw->nshdrs; i++) {
		sh = &dw->shdrs[i];
		if ((sname = shdr_name(dw, sh)) == NULL)
			continue;
		if (strcmp(sname, name) == 0)
			return section_bytes(dw, sh, false, buf, size) == 0 ?
			    0 : -FS_E_FORMAT;
		/* GNU compressed: .zdebug_x for .debug_x.  */
		if (strncmp(name, ".debug_", 7) == 0 &&
		    strncmp(sname, ".z", 2) == 0 &&
		    strcmp(sname + 2, name + 1) == 0)
			return section_bytes(dw, sh, true, buf, size) == 0 ?
			    0 : -FS_E_FORMAT;
	}
	return -FS_E_NOENT;
}

bool
fs_dwarf_cacheable(const struct fs_dwarf *dw)
{
	return dw->key.idlen > 0 && !dw->arbad;
}

struct fs_dinfo **
fs_dwarf_dinfo(struct fs_dwarf *dw)
{
	return &dw->dinfo;
}

/*
 * The persistent cache (fs_dwcache): the units decoded in earlier runs,
 * as they were decoded (the unit's names and producer, its line table,
 * its functions and blocks), so that a lookup in them needs neither
 * libdwarf nor the inflating of compressed sections.  Only for files
 * whose DWARF is compressed or large, indexed by a sound .debug_aranges
 * that agreed with every unit read; only units read through it (whose DIE
 * was checked against it).  The file starts with the index that
 * .debug_aranges gave at open, so that a later open need not inflate and
 * sort it:
 *
 *	u64 nunits, per unit u64 start (increasing); u64 nranges, per range
 *	u64 lo, hi, u32 unit (in arange_cmp's order)
 *
 * Each unit decoded is then a record:
 *
 *	u64 start, die_off, end; u32 version, gcc; u8 llvm, parts (1: line
 *	table, 2: DIEs, 4: has_loclist); str name, comp_dir;
 *	lines: u32 nfiles, per file str name, u8 same, str fullpath unless
 *	same; u64 fbase; u32 nfmap, u32 fmap[]; u64 nrows, per row u64
 *	addr, u32 line, column, file, flags;
 *	DIEs: u64 nfuncs, per function u64 lo, hi, elo, ehi, die, str name;
 *	u64 nblocks, per block u64 lo, hi, die, u32 depth, kind,
 *	call_file, call_line
 *
 * behind a u32 version of this layout, the index and a u64 count, and
 * followed by fs_dinfo's part: the models of the functions looked up
 * (fs_dinfo.c).  A record that does not decode, or whose indexes point outside its tables, or a unit
 * .debug_aranges does not name, makes the whole file unused.
 */

#define CACHE_LAYOUT	4
#define CP_LINES	0x1
#define CP_DIES		0x2
#define CP_LOCLIST	0x4

/* Whether CU has anything decoded worth keeping.  */
static bool
cache_worthy(const struct dw_cu *cu)
{
	return cu->info_st == ST_OK && cu->archecked &&
	    (cu->lines_st == ST_OK || cu->dies_st == ST_OK);
}

static void
cache_put_cu(struct fs_dwcache_out *o, const struct dw_cu *cu)
{
	bool lines = cu->lines_st == ST_OK, dies = cu->dies_st == ST_OK;
	size_t i;

	fs_dwcache_put_u64(o, cu->start);
	fs_dwcache_put_u64(o, cu->die_off);
	fs_dwcache_put_u64(o, cu->end);
	fs_dwcache_put_u32(o, cu->version);
	fs_dwcache_put_u32(o, (uint32_t)cu->gcc);
	fs_dwcache_put_u8(o, cu->llvm);
	fs_dwcache_put_u8(o, (lines ? CP_LINES : 0) | (dies ? CP_DIES : 0) |
	    (dies && cu->has_loclist ? CP_LOCLIST : 0));
	fs_dwcache_put_str(o, cu->name);
	fs_dwcache_put_str(o, cu->comp_dir);
	if (lines) {
		fs_dwcache_put_u32(o, (uint32_t)cu->nfiles);
		for (i = 0; i < cu->nfiles; i++) {
			fs_dwcache_put_str(o, cu->files[i].name);
			fs_dwcache_put_u8(o,
			    cu->files[i].fullpath == cu->files[i].name);
			if (cu->files[i].fullpath != cu->files[i].name)
				fs_dwcache_put_str(o, cu->files[i].fullpath);
		}
		fs_dwcache_put_u64(o, cu->fbase);
		fs_dwcache_put_u32(o, (uint32_t)cu->nfmap);
		for (i = 0; i < cu->nfmap; i++)
			fs_dwcache_put_u32(o, cu->fmap[i]);
		fs_dwcache_put_u64(o, cu->nrows);
		for (i = 0; i < cu->nrows; i++) {
			fs_dwcache_put_u64(o, cu->rows[i].addr);
			fs_dwcache_put_u32(o, cu->rows[i].line);
			fs_dwcache_put_u32(o, cu->rows[i].column);
			fs_dwcache_put_u32(o, cu->rows[i].file);
			fs_dwcache_put_u32(o, cu->rows[i].flags);
		}
	}
	if (dies) {
		fs_dwcache_put_u64(o, cu->nfuncs);
		for (i = 0; i < cu->nfuncs; i++) {
			fs_dwcache_put_u64(o, cu->funcs[i].lo);
			fs_dwcache_put_u64(o, cu->funcs[i].hi);
			fs_dwcache_put_u64(o, cu->funcs[i].elo);
			fs_dwcache_put_u64(o, cu->funcs[i].ehi);
			fs_dwcache_put_u64(o, cu->funcs[i].die);
			fs_dwcache_put_str(o, cu->funcs[i].name);
			fs_dwcache_put_u8(o, cu->funcs[i].alias != NULL);
			if (cu->funcs[i].alias != NULL)
				fs_dwcache_put_str(o, cu->funcs[i].alias);
		}
		fs_dwcache_put_u64(o, cu->nblocks);
		for (i = 0; i < cu->nblocks; i++) {
			fs_dwcache_put_u64(o, cu->blocks[i].lo);
			fs_dwcache_put_u64(o, cu->blocks[i].hi);
			fs_dwcache_put_u64(o, cu->blocks[i].die);
			fs_dwcache_put_u32(o, cu->blocks[i].depth);
			fs_dwcache_put_u32(o, cu->blocks[i].kind);
			fs_dwcache_put_u32(o, cu->blocks[i].call_file);
			fs_dwcache_put_u32(o, cu->blocks[i].call_line);
		}
	}
}

/* The line table of a unit record into CU.  */
static int
cache_get_lines(struct fs_dwcache_in *in, struct dw_cu *cu)
{
	struct dw_file *f;
	uint64_t n;
	size_t i;
	bool nul, same;

	n = fs_dwcache_get_u32(in);
	if (!fs_dwcache_fits(in, n, 5) || n == 0 ||
	    (cu->files = calloc(n, sizeof *cu->files)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		f = &cu->files[cu->nfiles];
		if ((f->name = fs_dwcache_get_str(in, &nul)) == NULL)
			return -1;
		same = fs_dwcache_get_u8(in) != 0;
		f->fullpath = same ? f->name : fs_dwcache_get_str(in, &nul);
		cu->nfiles++;
		if (f->fullpath == NULL)
			return -1;
	}
	cu->fbase = fs_dwcache_get_u64(in);
	n = fs_dwcache_get_u32(in);
	if (!fs_dwcache_fits(in, n, 4) ||
	    (cu->fmap = calloc(n + 1, sizeof *cu->fmap)) == NULL)
		return -1;
	for (cu->nfmap = 0; cu->nfmap < n; cu->nfmap++)
		if ((cu->fmap[cu->nfmap] = fs_dwcache_get_u32(in)) >=
		    cu->nfiles)
			return -1;
	n = fs_dwcache_get_u64(in);
	if (!fs_dwcache_fits(in, n, 24) || (n > 0 &&
	    (cu->rows = calloc(n, sizeof *cu->rows)) == NULL))
		return -1;
	for (cu->nrows = 0; cu->nrows < n; cu->nrows++) {
		cu->rows[cu->nrows].addr = fs_dwcache_get_u64(in);
		cu->rows[cu->nrows].line = fs_dwcache_get_u32(in);
		cu->rows[cu->nrows].column = fs_dwcache_get_u32(in);
		cu->rows[cu->nrows].file = fs_dwcache_get_u32(in);
		cu->rows[cu->nrows].flags = fs_dwcache_get_u32(in);
		if (cu->rows[cu->nrows].file >= cu->nfiles)
			return -1;
	}
	/* The lookups rely on a table that ends a sequence last.  */
	if (n > 0 && !(cu->rows[n - 1].flags & R_END))
		return -1;
	return in->bad ? -1 : 0;
}

/* The functions and blocks of a unit record into CU, with the greatest
   ends the lookups use.  */
static int
cache_get_dies(struct fs_dwcache_in *in, struct dw_cu *cu)
{
	struct dw_func *f;
	struct dw_block *b;
	uint64_t n;
	size_t i;
	bool nul;

	n = fs_dwcache_get_u64(in);
	if (!fs_dwcache_fits(in, n, 44) || (n > 0 &&
	    ((cu->funcs = calloc(n, sizeof *cu->funcs)) == NULL ||
	    (cu->fmaxhi = calloc(n, sizeof *cu->fmaxhi)) == NULL)))
		return -1;
	for (cu->nfuncs = 0; cu->nfuncs < n; cu->nfuncs++) {
		f = &cu->funcs[cu->nfuncs];
		f->lo = fs_dwcache_get_u64(in);
		f->hi = fs_dwcache_get_u64(in);
		f->elo = fs_dwcache_get_u64(in);
		f->ehi = fs_dwcache_get_u64(in);
		f->die = fs_dwcache_get_u64(in);
		if ((f->name = cu_keep(cu, fs_dwcache_get_str(in, &nul))) ==
		    NULL || (cu->nfuncs > 0 && f->lo < f[-1].lo))
			return -1;
		if (fs_dwcache_get_u8(in) != 0 && (f->alias = cu_keep(cu,
		    fs_dwcache_get_str(in, &nul))) == NULL)
			return -1;
		cu->fmaxhi[cu->nfuncs] = cu->nfuncs == 0 ||
		    f->hi > cu->fmaxhi[cu->nfuncs - 1] ? f->hi :
		    cu->fmaxhi[cu->nfuncs - 1];
	}
	n = fs_dwcache_get_u64(in);
	if (!fs_dwcache_fits(in, n, 40) || (n > 0 &&
	    ((cu->blocks = calloc(n, sizeof *cu->blocks)) == NULL ||
	    (cu->bmaxhi = calloc(n, sizeof *cu->bmaxhi)) == NULL)))
		return -1;
	for (i = 0; i < n; i++) {
		b = &cu->blocks[i];
		b->lo = fs_dwcache_get_u64(in);
		b->hi = fs_dwcache_get_u64(in);
		b->die = fs_dwcache_get_u64(in);
		b->depth = fs_dwcache_get_u32(in);
		b->kind = fs_dwcache_get_u32(in);
		b->call_file = fs_dwcache_get_u32(in);
		b->call_line = fs_dwcache_get_u32(in);
		if ((b->kind != B_FUNC && b->kind != B_INLINE &&
		    b->kind != B_LEX) || (i > 0 && b->lo < b[-1].lo))
			return -1;
		cu->bmaxhi[i] = i == 0 || b->hi > cu->bmaxhi[i - 1] ?
		    b->hi : cu->bmaxhi[i - 1];
	}
	cu->nblocks = n;
	return in->bad ? -1 : 0;
}

/* One unit record into CU (zeroed here; freed by the caller with cu_free
   whatever this returns).  */
static int
cache_get_cu(struct fs_dwcache_in *in, struct dw_cu *cu)
{
	unsigned parts;
	bool nul;

	memset(cu, 0, sizeof *cu);
	cu->start = fs_dwcache_get_u64(in);
	cu->die_off = fs_dwcache_get_u64(in);
	cu->end = fs_dwcache_get_u64(in);
	cu->version = fs_dwcache_get_u32(in);
	cu->gcc = (int)fs_dwcache_get_u32(in);
	cu->llvm = fs_dwcache_get_u8(in) != 0;
	parts = fs_dwcache_get_u8(in);
	cu->name = fs_dwcache_get_str(in, &nul);
	if (in->bad)
		return -1;
	cu->comp_dir = fs_dwcache_get_str(in, &nul);
	if (in->bad || (parts & ~(unsigned)(CP_LINES | CP_DIES |
	    CP_LOCLIST)) != 0 || (parts & (CP_LINES | CP_DIES)) == 0 ||
	    cu->gcc < -1 || cu->die_off <= cu->start ||
	    cu->end <= cu->die_off)
		return -1;
	cu->info_st = ST_OK;
	cu->archecked = true;
	cu->lines_st = cu->dies_st = ST_TODO;
	if (parts & CP_LINES) {
		if (cache_get_lines(in, cu) != 0)
			return -1;
		cu->lines_st = ST_OK;
	}
	if (parts & CP_DIES) {
		if (cache_get_dies(in, cu) != 0)
			return -1;
		cu->has_loclist = (parts & CP_LOCLIST) != 0;
		cu->dies_st = ST_OK;
	}
	return 0;
}

/* bsearch: units by offset.  */
static int
cu_start_cmp_v(const void *a, const void *b)
{
	const struct dw_cu *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The index of .debug_aranges as index_aranges made it, for the cache
   file: in dw->arix.  */
static int
cache_index_put(struct fs_dwarf *dw)
{
	struct fs_dwcache_out o = { NULL, 0, 0, false };
	size_t i;

	fs_dwcache_put_u64(&o, dw->ncus);
	for (i = 0; i < dw->ncus; i++)
		fs_dwcache_put_u64(&o, dw->cus[i].start);
	fs_dwcache_put_u64(&o, dw->naranges);
	for (i = 0; i < dw->naranges; i++) {
		fs_dwcache_put_u64(&o, dw->aranges[i].lo);
		fs_dwcache_put_u64(&o, dw->aranges[i].hi);
		fs_dwcache_put_u32(&o, (uint32_t)dw->aranges[i].cu);
	}
	if (o.err) {
		free(o.p);
		return -1;
	}
	dw->arix = o.p;
	dw->narix = o.n;
	return 0;
}

/* The index of the cache file into dw, as index_aranges would have made
   it; it must be as index_aranges leaves one (units in the order of
   their offsets, inside .debug_info; ranges sorted, not empty, each of a
   unit).  */
static int
cache_get_index(struct fs_dwarf *dw, struct fs_dwcache_in *in)
{
	const uint8_t *from = in->p;
	struct dw_arange *a;
	uint64_t n, start;
	size_t i;

	n = fs_dwcache_get_u64(in);
	if (!fs_dwcache_fits(in, n, 8) || n == 0 ||
	    (dw->cus = calloc(n, sizeof *dw->cus)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		start = fs_dwcache_get_u64(in);
		if ((i > 0 && start <= dw->cus[i - 1].start) ||
		    start >= dw->infosize)
			return -1;
		dw->cus[i].start = start;
		dw->cus[i].gcc = -1;
		dw->ncus++;
	}
	n = fs_dwcache_get_u64(in);
	if (!fs_dwcache_fits(in, n, 20) || n == 0 ||
	    (dw->aranges = calloc(n, sizeof *dw->aranges)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		a = &dw->aranges[i];
		a->lo = fs_dwcache_get_u64(in);
		a->hi = fs_dwcache_get_u64(in);
		a->cu = fs_dwcache_get_u32(in);
		if (a->lo == 0 || a->hi <= a->lo || a->cu >= dw->ncus ||
		    (i > 0 && arange_cmp(a - 1, a) > 0))
			return -1;
		dw->naranges++;
	}
	if (in->bad || index_maxhi(dw) != 0 ||
	    (dw->arix = malloc((size_t)(in->p - from))) == NULL)
		return -1;
	dw->narix = (size_t)(in->p - from);
	memcpy(dw->arix, from, dw->narix);
	return 0;
}

/* The index and the units of the cache file, all or none.  Returns how
   many units.  */
static size_t
cache_load(struct fs_dwarf *dw)
{
	struct fs_dwcache_in in;
	struct dw_cu *got = NULL, *hit;
	uint8_t *buf;
	uint64_t n = 0;
	size_t len, i, ngot = 0, ret = 0;

	if (fs_dwcache_load(&dw->key, &buf, &len) != 0)
		return 0;
	in.p = buf;
	in.end = buf + len;
	in.bad = false;
	if (fs_dwcache_get_u32(&in) != CACHE_LAYOUT ||
	    cache_get_index(dw, &in) != 0)
		goto out;
	n = fs_dwcache_get_u64(&in);
	if (!fs_dwcache_fits(&in, n, 38) || n == 0 || n > dw->ncus ||
	    (got = calloc(n, sizeof *got)) == NULL)
		goto out;
	for (ngot = 0; ngot < n; ngot++)
		if (cache_get_cu(&in, &got[ngot]) != 0) {
			ngot++;
			goto out;
		}
	/* Then fs_dinfo's functions.  */
	if (fs_dinfo_cache_get(dw, &in) != 0 || in.p != in.end)
		goto out;
	/* Every record a distinct unit of the index, not yet read.  */
	for (i = 0; i < n; i++) {
		hit = bsearch(&got[i], dw->cus, dw->ncus, sizeof *dw->cus,
		    cu_start_cmp_v);
		if (hit == NULL || hit->info_st != ST_TODO ||
		    got[i].end > dw->infosize)
			goto out;
		hit->info_st = ST_BAD;	/* taken, for the check */
	}
	for (i = 0; i < n; i++) {
		hit = bsearch(&got[i], dw->cus, dw->ncus, sizeof *dw->cus,
		    cu_start_cmp_v);
		cu_free(hit);
		*hit = got[i];
		memset(&got[i], 0, sizeof got[i]);
	}
	ret = dw->ncached = n;
out:
	if (ret == 0) {
		fs_dinfo_cache_drop(dw->dinfo);
		index_drop(dw);
		free(dw->arix);
		dw->arix = NULL;
		dw->narix = 0;
	}
	for (i = 0; i < ngot; i++)
		cu_free(&got[i]);
	free(got);
	free(buf);
	return ret;
}

/* Write the units decoded so far to the cache file, when there are more
   of them than it gave (or it gave none).  */
static void
cache_save(struct fs_dwarf *dw)
{
	struct fs_dwcache_out o = { NULL, 0, 0, false };
	size_t i, n = 0;

	/* After the walk, the units checked against .debug_aranges are
	   still those a later open finds by it.  */
	if (dw->key.idlen == 0 || dw->arbad || dw->arix == NULL)
		return;
	for (i = 0; i < dw->ncus; i++)
		if (cache_worthy(&dw->cus[i]))
			n++;
	if (n == 0 || (n <= dw->ncached && !fs_dinfo_cache_dirty(dw->dinfo)))
		return;
	fs_dwcache_put_u32(&o, CACHE_LAYOUT);
	fs_dwcache_put(&o, dw->arix, dw->narix);
	fs_dwcache_put_u64(&o, n);
	for (i = 0; i < dw->ncus; i++)
		if (cache_worthy(&dw->cus[i]))
			cache_put_cu(&o, &dw->cus[i]);
	fs_dinfo_cache_put(dw->dinfo, &o);
	if (!o.err)
		(void)fs_dwcache_store(&dw->key, o.p, o.n);
	free(o.p);
}

const char *
fs_dwarf_op_name(unsigned op)
{
	const char *name = NULL;

	if (dwarf_get_OP_name(op, &name) != DW_DLV_OK)
		return NULL;
	return name;
}
