/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_regs: the registers of an x86-64 thread as gdb 13 names, groups,
 * types and shows them: the general registers of user_regs_struct, the
 * x87 stack and its control registers, SSE (xmm0-15, mxcsr), AVX
 * (ymm0-15), AVX-512 (xmm16-31, ymm16-31, zmm0-31, k0-7), PKRU, and the
 * parts of the general ones (eax, ax, al, ah).  The extended ones are read
 * out of an XSAVE area in its standard form, each component at the offset
 * CPUID leaf 0xD gives (none but the legacy area at a fixed one), a
 * component the XSAVE header marks as in its initial state read as
 * initial.  Which registers exist is what the processor and the kernel
 * enabled (XCR0): a machine without AVX-512 has no zmm, as gdb has none
 * there.  The types are gdb's (union vec128 with its v4_float..., the
 * flag types i386_eflags and i386_mxcsr, builtin_type_i387_ext), for
 * fs_value to print.  It knows nothing of processes: its caller reads the
 * registers (fs_target) and says which frame they belong to (fs_vars).
 */
#ifndef FS_REGS_H
#define FS_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "fs_dinfo.h"

/* XSAVE feature bits (XCR0).  */
#define FS_XFEAT_X87		0x001
#define FS_XFEAT_SSE		0x002
#define FS_XFEAT_AVX		0x004
#define FS_XFEAT_OPMASK		0x020
#define FS_XFEAT_ZMM_HI256	0x040
#define FS_XFEAT_HI16_ZMM	0x080
#define FS_XFEAT_AVX512		0x0e0
#define FS_XFEAT_PKRU		0x200

/* The registers of one thread in one frame.  XSAVE (XLEN bytes, as
   fs_target_xstate reads it) may be NULL: the extended registers then
   read as their initial state.  */
struct fs_regfile {
	struct user_regs_struct gp;
	const uint8_t	*xsave;
	size_t		 xlen;
};

/* gdb's register groups, as `info registers GROUP` takes them.  */
enum fs_reggroup {
	FS_RG_GENERAL,
	FS_RG_FLOAT,
	FS_RG_SSE,
	FS_RG_VECTOR,
	FS_RG_ALL,
	FS_RG_SYSTEM,
	FS_RG_NGROUPS,
};

struct fs_reg {
	const char	*name;
	const struct fs_type *type;
	unsigned	 size;		/* bytes */
	/* How `info registers' shows it: a float as its value and "(raw
	   0x...)", a vector in hex alone, the others in hex and as
	   their type says.  */
	bool		 is_float, is_vector;
	unsigned	 groups;	/* 1 << enum fs_reggroup */
	unsigned	 cls, index;	/* where it is read from */
};

/* The features this machine's threads have (XCR0; 0 without XSAVE:
   x87 and SSE are then taken as there, as every x86-64 has them).  */
uint64_t fs_regs_features(void);

/* The size of an XSAVE area holding every enabled component (CPUID leaf
   0xD), at least the 576 bytes of the legacy area and header.  */
size_t	fs_regs_xsave_size(void);

/* Register NAME (without `$'; gdb's aliases pc, sp, fp and ps too), or
   NULL when the machine has no such register.  */
const struct fs_reg *fs_regs_find(const char *name);

/* The registers of group G in gdb's order: their number, *OUT their
   array of pointers.  */
size_t	fs_regs_group(enum fs_reggroup g, const struct fs_reg *const **out);

/* The group named NAME ("general", "float", "sse", "vector", "all",
   "system"): 0, or -1 for no such group.  */
int	fs_regs_group_named(const char *name, enum fs_reggroup *g);

/* Register R's bytes (R->size of them, little-endian) in RF into BUF.  */
void	fs_regs_read(const struct fs_regfile *rf, const struct fs_reg *r,
	    uint8_t *buf);

/* The register DWARF number DWREG names (psABI figure 3.36), as gdb
   reads a variable there: xmm0-15 and xmm16-31 as the ymm registers
   they are the low half of, when the machine has them.  NULL: none.  */
const struct fs_reg *fs_regs_dwarf(unsigned dwreg);

/* Whether R is one of the x87 stack registers st0-st7 (a value there
   is an i387 extended float, converted to a variable's type).  */
bool	fs_regs_is_x87(const struct fs_reg *r);

/* Whether R is one of the registers beyond the general ones (x87,
   SSE, AVX, AVX-512, PKRU, MMX) that a program with NVEC vector
   registers has: x86-64's 16 or 32 xmm, ymm and zmm, i386's 8; the MMX
   registers mm0-mm7 when MMX (gdb shows them on i386 alone).  */
bool	fs_regs_extended_of(const struct fs_reg *r, unsigned nvec,
	    bool mmx);

/* The x87 extended float at EXT (10 bytes) as a double.  */
double	fs_regs_ext_to_double(const uint8_t *ext);

#endif
