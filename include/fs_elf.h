/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_elf: one ELF file opened once and kept: its function symbols (from
 * .symtab and .dynsym, demangled through libiberty for C++ and both Rust
 * manglings), its loadable segments, and the raw bytes of its file-backed
 * segments so the unwinder can read code and .eh_frame without asking the
 * traced process.  All addresses here are file (link-time) addresses; the
 * load bias of a running copy is added by fs_modules.  This is the only
 * file that includes <libelf.h>/<gelf.h>.  Hostile input never crashes it:
 * every offset and size read from the file is checked against the file.
 */
#ifndef FS_ELF_H
#define FS_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_arch.h"
#include "fs_error.h"

struct fs_elf;

struct fs_sym {
	uint64_t	 addr;		/* file address */
	uint64_t	 size;		/* 0 when the symbol table does not say */
	const char	*name;		/* as a person reads it: demangled,
					   Rust hash dropped */
	const char	*linkage;	/* as stored in the ELF file */
};

struct fs_segment {
	uint64_t	vaddr;		/* p_vaddr */
	uint64_t	memsz;
	uint64_t	offset;		/* p_offset */
	uint64_t	filesz;
	unsigned	flags;		/* PF_R | PF_W | PF_X */
};

/* Open PATH.  Fails with FS_E_NOENT (missing), FS_E_SYS (unreadable, a
   directory), FS_E_FORMAT (not an ELF file, neither x86-64 nor i386, truncated).
   Caller frees *OUT with fs_elf_free().  */
int	fs_elf_open(const char *path, struct fs_elf **out, struct fs_err *e);
void	fs_elf_free(struct fs_elf *elf);

const char *fs_elf_path(const struct fs_elf *elf);
/* The architecture of the file: x86-64 or i386.  */
const struct fs_arch *fs_elf_arch(const struct fs_elf *elf);
/* ET_EXEC (2) or ET_DYN (3: PIE executables and shared libraries).  */
int	fs_elf_type(const struct fs_elf *elf);
uint64_t fs_elf_entry(const struct fs_elf *elf);
/* True when the file has no .symtab (only .dynsym, or nothing).  */
bool	fs_elf_stripped(const struct fs_elf *elf);
/* True when the file has a .debug_info section.  */
bool	fs_elf_has_debug_info(const struct fs_elf *elf);

/* The PT_LOAD segments, in file order.  Borrowed from ELF.  */
const struct fs_segment *fs_elf_segments(const struct fs_elf *elf, size_t *n);

/* Read the function symbols of .symtab and .dynsym, as the first of the
   three queries below does by itself: open does not, so that a file
   asked for no symbol never pays for them.  Returns 0, or FS_E_FORMAT
   (a symbol table without its strings) or FS_E_NOMEM, the same error at
   every call; the queries then find no function symbol.  */
int	fs_elf_load_symbols(const struct fs_elf *elf, struct fs_err *e);

/* The function symbol whose [addr, addr+size) holds FADDR; for a symbol of
   size 0, the nearest one below FADDR in the same executable segment.  NULL
   when none.  Borrowed from ELF.  O(log n).  */
const struct fs_sym *fs_elf_sym_at(const struct fs_elf *elf, uint64_t faddr);

/* The function symbol called NAME: its linkage name, else its display name,
   else a display name ending in "::NAME" (so `multiply` finds Rust's
   `calc::multiply`).  NULL when none.  Borrowed from ELF.  */
const struct fs_sym *fs_elf_sym_lookup(const struct fs_elf *elf,
	    const char *name);

/* Every function symbol, sorted by address.  Borrowed from ELF.  */
const struct fs_sym *fs_elf_symbols(const struct fs_elf *elf, size_t *n);

/* A pointer to the file bytes that a running copy holds at file address
   FADDR, valid for LEN bytes, or NULL when [FADDR, FADDR+LEN) is not wholly
   inside the file-backed part of one PT_LOAD segment.  Borrowed from ELF.  */
const void *fs_elf_bytes(const struct fs_elf *elf, uint64_t faddr, size_t len);

/* The file address and size of .eh_frame_hdr (PT_GNU_EH_FRAME).  Returns 0,
   or -FS_E_NOENT when the file has none.  */
int	fs_elf_eh_frame_hdr(const struct fs_elf *elf, uint64_t *faddr,
	    uint64_t *size);

/* The file address and size of the dynamic section (PT_DYNAMIC), as a
   running copy holds it once relocated.  Returns 0, or -FS_E_NOENT when
   the file has none (a static executable).  */
/* The program interpreter PT_INTERP names ("/lib64/ld-linux-x86-64.so.2"),
   or NULL.  Borrowed.  */
const char *fs_elf_interp(const struct fs_elf *elf);
int	fs_elf_dynamic(const struct fs_elf *elf, uint64_t *faddr,
	    uint64_t *size);

/* The GNU build ID (the NT_GNU_BUILD_ID note), or NULL.  Borrowed.  */
const uint8_t *fs_elf_build_id(const struct fs_elf *elf, size_t *len);
/* The file name .gnu_debuglink names (no directory part), or NULL.  */
const char *fs_elf_debuglink(const struct fs_elf *elf);

/* The data object (STT_OBJECT symbol) holding file address FADDR, as
   gdb names what a pointer points to (`<counter>', `<table+8>').  Read
   from the symbol table on first use.  NULL when none.  Borrowed.  */
const struct fs_sym *fs_elf_object_at(const struct fs_elf *elf,
	    uint64_t faddr);

/* The name of the allocated section holding file address FADDR
   (".text", ".data"), or NULL.  Borrowed.  */
const char *fs_elf_section_at(const struct fs_elf *elf, uint64_t faddr);

/* The PLT stub holding file address FADDR, named as gdb names it
   ("printf@plt"), or NULL.  Borrowed.  */
const struct fs_sym *fs_elf_plt_at(const struct fs_elf *elf, uint64_t faddr);
/* The PLT stub of function NAME ("abort" finds "abort@plt"), or NULL.  */
const struct fs_sym *fs_elf_plt_lookup(const struct fs_elf *elf,
	    const char *name);

/* gdb's minimal symbols of the file, as `info functions' and `info
   variables' list those without debugging information: each named
   symbol of .symtab (else .dynsym) but section, file and undefined
   ones, with KIND by its section as gdb classes it: 'T' code, 'D' data
   (allocated, with contents), 'B' allocated without (.bss), 'A' absolute
   or other; LOCAL for a local binding.  A local symbol's ".N" suffix is
   dropped, as gdb shows "calls" for gcc's "calls.0".  Then
   each PLT stub, as kind 'T' ("printf@plt").  FN is called with each,
   in the tables' order, until it returns non-zero.  Returns 0 or what
   FN returned.  */
struct fs_minsym {
	const char	*name;
	const char	*linkage;	/* as stored, "calls.0" */
	uint64_t	 addr;		/* file address */
	char		 kind;
	bool		 local;
};
int	fs_elf_foreach_minsym(const struct fs_elf *elf,
	    int (*fn)(const struct fs_minsym *m, void *arg), void *arg);

/* The symbol a GOT slot at file address GOT_FADDR is bound to (its
   R_X86_64_JUMP_SLOT or GLOB_DAT relocation): "printf" for the slot a
   PLT stub jumps through.  NULL when no relocation names one.  Borrowed
   from ELF.  */
const char *fs_elf_got_name(const struct fs_elf *elf, uint64_t got_faddr);
/* The file address of the GOT slot bound to symbol NAME (a JUMP_SLOT or
   GLOB_DAT relocation names it), 0 when none does.  */
uint64_t fs_elf_got_slot(const struct fs_elf *elf, const char *name);
/* Whether NAME is defined here as an indirect function (STT_GNU_IFUNC):
   its symbol's address is its resolver's, which returns the function
   the loader binds NAME to (strcpy's, by the CPU).  */
bool	 fs_elf_sym_ifunc(const struct fs_elf *elf, const char *name);

/* Demangle a C++ or Rust (legacy or v0) linkage name as fs_sym.name shows
   it.  Returns a malloc'd string, or NULL when NAME is not mangled.  */
char	*fs_elf_demangle(const char *name);

#endif
