/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_modules: the ELF files a process has mapped — the executable and every
 * shared library — with the load bias of each, read from /proc/PID/maps.
 * It owns the fs_elf and fs_dwarf of every file and keeps them across runs
 * of the same program, so nothing is parsed twice; it is re-synced only
 * when the set of mappings can have changed (exec, a library loaded, an
 * attach), never on an ordinary stop.  It answers "what is at this address"
 * (module, function, file and line) and "where is this function".
 */
#ifndef FS_MODULES_H
#define FS_MODULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fs_dwarf.h"
#include "fs_elf.h"
#include "fs_error.h"
#include "fs_maps.h"

struct fs_module {
	char		*path;		/* as /proc/PID/maps names it */
	char		*soname;	/* as the loader's link map names it
					   (gdb's name for it), NULL: not
					   known; see fs_module_name */
	uint64_t	 inode;
	uint64_t	 bias;	/* runtime address = file address + bias */
	uint64_t	 lo, hi; /* runtime range of its mappings; 0, 0 when
				   not mapped */
	/* Where the last process had it, kept once that process is
	   gone (gdb still names its addresses then); 0, 0: never.  */
	uint64_t	 last_bias, last_lo, last_hi;
	bool		 is_exec;
	bool		 is_vdso;	/* the kernel's [vdso], read from the
				   process: not a file, no "from" */
	bool		 mapped;
	struct fs_elf	*elf;
	struct fs_elf	*dbg;	/* separate debug file (build ID or
				   .gnu_debuglink under /usr/lib/debug), for
				   the symbols and DWARF a stripped library
				   leaves out; NULL: none */
	char		*dbgpath;
	struct fs_dwarf	*dw;	/* use fs_module_dwarf(); NULL: none */
	bool		 dw_tried;
	/* .eh_frame_hdr binary-search table, file addresses; 0: none */
	uint64_t	 eh_hdr, eh_table, eh_count;
	bool		 eh_tried;
};

/* What is at an address.  Strings are borrowed from the module and live as
   long as the fs_modules.  */
struct fs_where {
	struct fs_module *mod;		/* NULL: nothing mapped there */
	const char	*func;		/* NULL: no symbol */
	uint64_t	 func_addr;	/* runtime */
	const char	*file;		/* NULL: no line information */
	const char	*fullpath;
	unsigned	 line;
};

struct fs_modules;

int	fs_modules_new(struct fs_modules **out, struct fs_err *e);
void	fs_modules_free(struct fs_modules *m);

/* Open the executable at PATH (before any process runs); it is then known
   with bias 0 until a process maps it.  Called again after an exec, the
   new program replaces the one before as the executable (the same file
   again changes nothing).  */
int	fs_modules_set_exec(struct fs_modules *m, const char *path,
	    struct fs_err *e);

/* Re-read /proc/PID/maps and bring the module list up to date.  Returns 1
   when a module was added or moved, 0 when nothing changed.  */
int	fs_modules_sync(struct fs_modules *m, pid_t pid, struct fs_err *e);
/* The same from the text of a maps file (a recording's).  READ (NULL:
   none) reads the memory of that moment, where a vDSO whose symbols and
   CFI are needed (fs_arch's vdso_module) is read from.  */
typedef ssize_t fs_modules_read_fn(void *arg, uint64_t addr, void *buf,
    size_t len);
int	fs_modules_sync_text(struct fs_modules *m, const char *maps,
	    fs_modules_read_fn *read, void *arg, struct fs_err *e);

/* A number that changes whenever a module is added, moved or unmapped,
   so that caches of addresses know when to empty themselves.  */
unsigned long fs_modules_generation(const struct fs_modules *m);

/* The process is gone: forget where things were mapped, keep the files. */
void	fs_modules_unmap(struct fs_modules *m);

struct fs_module *fs_modules_exec(struct fs_modules *m);
/* The mapped module holding runtime address ADDR, or NULL.  */
struct fs_module *fs_modules_at(struct fs_modules *m, uint64_t addr);
size_t	fs_modules_count(const struct fs_modules *m);
struct fs_module *fs_modules_get(struct fs_modules *m, size_t i);
/* The maps as last read.  */
const struct fs_maps *fs_modules_maps(const struct fs_modules *m);

/* The module's DWARF, opened on first use; NULL when it has none.  */
struct fs_dwarf *fs_module_dwarf(struct fs_module *mod);

/* The function symbol holding file address FADDR, from the debug file when
   the module's own symbol table was stripped.  */
const struct fs_sym *fs_module_sym_at(struct fs_module *mod, uint64_t faddr);
/* The function symbol called NAME in the module or its debug file.  */
const struct fs_sym *fs_module_sym_lookup(struct fs_module *mod,
	    const char *name);

/* The entry (file address) of the function DWARF names NAME in MOD, as
   gdb names it ("traits::largest<i32>", "traits::main::{closure#0}"), or
   whose name ends in "::NAME": for the names no ELF symbol has.  Walks
   every unit's DIEs.  Returns 0 or -FS_E_NOENT.  */
int	fs_module_dwarf_func_lookup(struct fs_module *mod, const char *name,
	    uint64_t *faddr);

/* Where separate debug files are looked for (default "/usr/lib/debug").  */
void	fs_modules_set_debug_dir(struct fs_modules *m, const char *dir);

/* Describe runtime address PC.  LOOKUP is the address used for the line
   (PC for the innermost frame, PC - 1 for a caller, as gdb does).  */
/* The same for ADDR of the process that is gone, by where it had its
   modules (W->mod NULL: none had ADDR).  */
void	fs_modules_where_last(struct fs_modules *m, uint64_t addr,
	    struct fs_where *w);
void	fs_modules_where(struct fs_modules *m, uint64_t pc, uint64_t lookup,
	    struct fs_where *w);

/* The runtime (or, before the process runs, file) address of function
   NAME, looked up in the executable first, then in each library.  */
/* The name gdb gives module MOD: the path the program asked the loader
   for ("/lib/x86_64-linux-gnu/libc.so.6", the interpreter as PT_INTERP
   has it), else its path.  */
const char *fs_module_name(const struct fs_module *mod);
/* The loader's link map says the library at bias BIAS was loaded as
   NAME: the mapped module there whose file is NAME's (by its real path,
   else its file name) takes it as its name.  */
void	fs_modules_set_soname(struct fs_modules *m, uint64_t bias,
	    const char *name);
/* The loader's module takes the name the executable's PT_INTERP gives
   it, known before the loader has a link map.  */
void	fs_modules_name_loader(struct fs_modules *m);
int	fs_modules_find_function(struct fs_modules *m, const char *name,
	    uint64_t *addr, struct fs_module **mod);

#endif
