/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dwarf_int: what fs_dwarf.c shares with fs_dinfo.c, and with no one
 * else: the libdwarf handle and the units fs_dwarf indexes, so that
 * fs_dinfo builds its model of a unit on the same index and keeps it with
 * the unit (fs_dwarf frees it).  Like fs_dwarf.c, fs_dinfo.c includes
 * <libdwarf.h>; no other file does.
 */
#ifndef FS_DWARF_INT_H
#define FS_DWARF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf.h>
#include <libdwarf.h>

#include "fs_dwarf.h"

struct fs_dinfo;		/* fs_dinfo's state of one file */
struct fs_dinfo_unit;		/* fs_dinfo's model of one unit */

/* One unit, as a lookup finds it.  Valid until the next fs_dwarf call
   that may index the units anew (any lookup): use it at once.  */
struct fs_dwarf_unit {
	struct fs_dwarf	*dw;
	Dwarf_Debug	 dbg;
	void		*cu;		/* fs_dwarf's, opaque */
	size_t		 index;		/* fs_dwarf_unit_nth's */
	Dwarf_Off	 die_off;	/* the unit DIE */
	Dwarf_Off	 start, end;	/* its bytes in .debug_info */
	unsigned	 version;
	uint64_t	 base;		/* its low_pc, 0 when none */
	struct fs_dinfo_unit **model;	/* where fs_dinfo keeps its model */
};

/* The unit whose functions hold FADDR (as fs_dwarf_function_at finds
   it).  Returns 0 or -FS_E_NOENT.  */
int	fs_dwarf_unit_at(struct fs_dwarf *dw, uint64_t faddr,
	    struct fs_dwarf_unit *u);
/* The first readable unit numbered I or above (U->index says which);
   indexes every unit header first.  Returns 0 or -FS_E_NOENT.  */
int	fs_dwarf_unit_nth(struct fs_dwarf *dw, size_t i,
	    struct fs_dwarf_unit *u);
/* The name of file FILENO (DW_AT_decl_file, DW_AT_call_file) in the line
   table of unit U, as fs_dwarf_line_at names files; NULL unknown.  */
const char *fs_dwarf_unit_file(const struct fs_dwarf_unit *u,
	    uint64_t fileno);
/* The code ranges of DIE of unit U, as *N lo, hi pairs in *PAIRS
   (malloc'd, caller frees; NULL when none).  Returns 0 or -1.  */
int	fs_dwarf_die_ranges(const struct fs_dwarf_unit *u, Dwarf_Die die,
	    uint64_t **pairs, size_t *n);
/* The bytes of section NAME (".debug_loc"; ".zdebug_loc" also found),
   uncompressed, in *BUF (malloc'd, caller frees).  Returns 0,
   -FS_E_NOENT when there is none, -FS_E_FORMAT when it does not read.  */
int	fs_dwarf_section(struct fs_dwarf *dw, const char *name,
	    uint8_t **buf, uint64_t *size);
/* The name of a Rust function (LINKAGE a Rust symbol, legacy or v0),
   from its DW_AT_name NAME in namespaces PREFIX ("crate::m", NULL
   unknown): gdb's DWARF path ("crate::largest<i32>",
   "crate::main::{closure#0}", "crate::{impl#1}::area"), or the
   demangled name without its hash when no path is known.  For a
   function of an impl, which that path only numbers, *ALIAS (when not
   NULL) gets the demangled name, as Rust's backtraces print it
   ("<crate::Point as crate::Shape>::area"), else NULL.  Both malloc'd.
   Returns NULL when LINKAGE is not Rust's or nothing is known.  */
char	*fs_dwarf_rust_name(const char *prefix, const char *name,
	    const char *linkage, char **alias);
/* Where fs_dinfo keeps its state of DW.  */
struct fs_dinfo **fs_dwarf_dinfo(struct fs_dwarf *dw);

/* Whether DW's file has a persistent cache file, to which fs_dinfo adds
   the functions it models.  */
bool	fs_dwarf_cacheable(const struct fs_dwarf *dw);

/* Defined by fs_dinfo.c, called as fs_dwarf frees units and itself.  */
void	fs_dinfo_unit_free(struct fs_dinfo_unit *u);
void	fs_dinfo_free(struct fs_dinfo *d);
/* Forget what D remembers of units' models, before they may be freed.
   D may be NULL.  */
void	fs_dinfo_forget(struct fs_dinfo *d);

/* fs_dinfo's part of the cache file, after fs_dwarf's units: the
   functions modelled in this run and earlier ones.  Get: 0, or -1 when it
   does not decode (then, as after drop, nothing of it is used); dirty:
   whether there are functions the file does not hold yet.  D may be
   NULL.  */
struct fs_dwcache_in;
struct fs_dwcache_out;
int	fs_dinfo_cache_get(struct fs_dwarf *dw, struct fs_dwcache_in *in);
void	fs_dinfo_cache_drop(struct fs_dinfo *d);
bool	fs_dinfo_cache_dirty(const struct fs_dinfo *d);
void	fs_dinfo_cache_put(const struct fs_dinfo *d,
	    struct fs_dwcache_out *o);
/* How many functions the cache file gave (for the tests).  */
size_t	fs_dinfo_cached(struct fs_dwarf *dw);

#endif
