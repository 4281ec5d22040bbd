/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dwarf: the DWARF of one ELF file, read through libdwarf (DWARF 4 and
 * 5, as gcc 12 and rustc emit them).  Opening only indexes the compile
 * units (their address ranges and names); a unit's line table is decoded the
 * first time an address or a file in it is asked for, and kept.  So a large
 * binary costs little at start, and nothing in the stepping path decodes
 * DWARF twice.  All addresses are file (link-time) addresses.  This is the
 * only file that includes <libdwarf.h>.  Broken or hostile DWARF makes a
 * unit unusable, never the debugger crash.  For compressed or large DWARF,
 * the units decoded are written to the persistent cache (fs_dwcache) when
 * the fs_dwarf is freed, and a later open takes them from there, setting
 * libdwarf up only when a unit the cache lacks is asked for.
 */
#ifndef FS_DWARF_H
#define FS_DWARF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_error.h"

struct fs_dwarf;

/* Where an address is in the source.  Strings are owned by the fs_dwarf and
   live as long as it does.  */
struct fs_lineinfo {
	const char	*file;	/* the name as the line table gives it, joined
				   to its directory when that is relative to
				   the compilation directory (gdb's symtab
				   name: "callee8.c", "src/main.rs") */
	const char	*fullpath; /* absolute path, for reading the source */
	unsigned	 line;	/* 0: compiler-generated code, no line */
	unsigned	 column;
	uint64_t	 lo, hi; /* [lo, hi): the line-table row holding the
				   address, up to the next row with a higher
				   address */
	bool		 is_stmt; /* the row at LO is a statement start */
};

/* Open the DWARF of the ELF file at PATH.  Returns 0; -FS_E_NOENT when the
   file has no DWARF (not an error for the caller: it goes on without lines);
   -FS_E_FORMAT when it is no 64-bit ELF file or libdwarf rejects it (or
   would mishandle it: a malformed .debug_rnglists header); -FS_E_SYS when
   it cannot be read.  Caller frees with fs_dwarf_free().  */
int	fs_dwarf_open(const char *path, struct fs_dwarf **out, struct fs_err *e);
void	fs_dwarf_free(struct fs_dwarf *dw);

/* The line-table row holding FADDR.  Returns 0, or -FS_E_NOENT when no unit
   covers FADDR (code without line information).  */
int	fs_dwarf_line_at(struct fs_dwarf *dw, uint64_t faddr,
	    struct fs_lineinfo *out);

/* The line entry holding FADDR as gdb's line table has it (gdb drops
   some rows the DWARF has, and starts an entry where it recorded one):
   gdb 13 shows a frame's address when its pc is not OUT->lo or the
   entry is no statement.  FILE, FULLPATH, LINE, LO, HI and IS_STMT are
   set.  Returns 0 or -FS_E_NOENT.  */
int	fs_dwarf_gdb_line(struct fs_dwarf *dw, uint64_t faddr,
	    struct fs_lineinfo *out);

/* Where gdb (13) puts a breakpoint on a function that starts at FUNC_LO and
   ends at FUNC_HI: the first row flagged prologue_end (LLVM); for LLVM code
   without one, the end of the first line; for gcc code, past `push %rbp;
   mov %rsp,%rbp' to the start of the next line, but FUNC_LO for a function
   without that frame set-up or in a unit with location lists (optimized
   code, which gdb trusts from its entry).  Returns 0, or -FS_E_NOENT
   without lines.  */
int	fs_dwarf_after_prologue(struct fs_dwarf *dw, uint64_t func_lo,
	    uint64_t func_hi, uint64_t *faddr);

/* The file and line gdb names for a breakpoint at FADDR found by `break
   FUNC' (FADDR from fs_dwarf_after_prologue): at the function's entry, the
   line there; past it, the line there unless FADDR is in code inlined into
   the function, then the line of the outermost inlined call (where
   fs_dwarf_line_at gives the inlined function's own line).  Returns 0 or
   -FS_E_NOENT.  */
int	fs_dwarf_bp_line(struct fs_dwarf *dw, uint64_t faddr, const char **file,
	    unsigned *line);

/* The prologue analysis reads instructions, by default from the code
   sections of the opened file.  A separate debug file has none: give a
   reader of the program's own bytes (fs_elf_bytes of the main file fits:
   BYTES returns a pointer to LEN bytes at file address FADDR, or NULL).
   Without code, fs_dwarf_after_prologue goes by the line table alone.  */
void	fs_dwarf_set_code(struct fs_dwarf *dw,
	    const void *(*bytes)(void *arg, uint64_t faddr, size_t len),
	    void *arg);

/* Breakpoint addresses for FILE:LINE, as gdb chooses them: FILE matches a
   line-table file by its whole name or by a trailing path component ("x.c"
   matches "dir/x.c"); LINE, or when it has no code the next line that has
   some, in each function; for each function the lowest is_stmt address of
   that line, moved past the prologue when it lies within it (as
   fs_dwarf_after_prologue).  *ADDRS is malloc'd, caller frees, sorted.
   *LINE_OUT is the line gdb reports for one location: the line chosen
   (LINE or the next with code), or when the lowest address was moved past
   a prologue, the line there (as fs_dwarf_bp_line); for several locations
   gdb's message names LINE itself.  Returns 0, or -FS_E_NOENT.  */
int	fs_dwarf_find_line(struct fs_dwarf *dw, const char *file, unsigned line,
	    uint64_t **addrs, size_t *naddrs, unsigned *line_out,
	    struct fs_err *e);

/* Where LINE of FILE starts, as gdb's find_line_pc finds it for `info
   line': the lowest statement entry of LINE in the first unit whose
   files match FILE (as fs_dwarf_find_line matches them) and that has
   one; when none has, of the smallest line above LINE that has code.
   No prologue is skipped.  *NAME: the file's name as the unit has it
   ("../iconv/loop.c" for "loop.c").  Returns 0 with *FADDR, 1 when FILE
   is known but nothing from LINE on has code (gdb's "out of range"),
   -FS_E_NOENT when no unit names FILE.  */
int	fs_dwarf_line_start(struct fs_dwarf *dw, const char *file,
	    unsigned line, uint64_t *faddr, const char **name,
	    struct fs_err *e);

/* The function (DW_TAG_subprogram with code) holding FADDR: its name (the
   DWARF name for C; for Rust gdb's `crate::module::fn`, `crate::f<T>`,
   `crate::main::{closure#0}`, but `<crate::P as crate::T>::f` for a
   method of an impl) and range (for a function in pieces, the
   piece holding FADDR).  Returns 0 or -FS_E_NOENT.  */
int	fs_dwarf_function_at(struct fs_dwarf *dw, uint64_t faddr,
	    const char **name, uint64_t *lo, uint64_t *hi);

/* Whether the unit holding the function at FADDR has a namespace named
   PATH ("crate::main": Rust makes one of a function for its closures
   and nested items).  */
bool	fs_dwarf_has_namespace(struct fs_dwarf *dw, uint64_t faddr,
	    const char *path);

/* The entry of the function holding FADDR (in pieces, the start of the
   piece its entry is in, which may lie above FADDR).  Returns 0 or
   -FS_E_NOENT.  */
int	fs_dwarf_function_entry(struct fs_dwarf *dw, uint64_t faddr,
	    uint64_t *entry);

/* Call FN with the name and range of every function (DW_TAG_subprogram
   with code; for a function in pieces, the range holding its entry) of
   every unit whose DIEs decode, in address order within a unit, until FN
   returns non-zero.  Walks the DIEs of every unit: for listings and tests,
   not for the stepping path.  Returns 0 or what FN returned.  */
int	fs_dwarf_foreach_function(struct fs_dwarf *dw,
	    int (*fn)(const char *name, uint64_t lo, uint64_t hi, void *arg),
	    void *arg);
/* As fs_dwarf_foreach_function, for the functions that have a second
   name: FN gets a Rust impl method's demangled name
   ("<crate::P as crate::T>::area", what it implements), where the
   function's name is gdb's DWARF path ("crate::{impl#1}::area").  */
int	fs_dwarf_foreach_alias(struct fs_dwarf *dw,
	    int (*fn)(const char *name, uint64_t lo, uint64_t hi, void *arg),
	    void *arg);

/* Whether L is a Rust symbol: v0 (_R...) or legacy (_ZN...17h<hash>E).  */
bool	fs_dwarf_rust_linkage(const char *l);

/* The name of DWARF operation OP ("DW_OP_fbreg", "DW_OP_GNU_entry_value"),
   NULL when it has none.  */
const char *fs_dwarf_op_name(unsigned op);

#endif
