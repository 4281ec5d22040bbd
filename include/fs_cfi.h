/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_cfi: the unwind rule of one code address, read from a module's
 * .eh_frame through its .eh_frame_hdr search table: where the canonical
 * frame address is (a register plus an offset), where the return address
 * and the callee-saved registers were saved.  It is fs_unwind's fast path:
 * libunwind answers every question of CFI, but re-reads and re-runs an FDE
 * for every frame of every stop (its own cache blocks signals, two system
 * calls a frame), where a table of these rows, one per code address, makes
 * a frame cost a lookup and two loads.  Only the rules compilers emit for
 * ordinary code are described (CFA = register + offset; registers saved at
 * CFA + offset, kept, or lost): anything else (expressions, a register
 * saved in another register, signal frames) comes back marked not simple,
 * and libunwind unwinds it.  Bytes are the module's file image: the
 * caller checks nothing, every read is bounded and hostile tables give
 * -FS_E_FORMAT, never a fault or a loop.
 */
#ifndef FS_CFI_H
#define FS_CFI_H

#include <stdbool.h>
#include <stdint.h>

#include "fs_elf.h"
#include "fs_error.h"

/* DWARF register numbers of x86-64 that matter for unwinding.  */
#define FS_CFI_RBX	3
#define FS_CFI_RBP	6
#define FS_CFI_RSP	7
#define FS_CFI_R12	12
#define FS_CFI_R15	15
#define FS_CFI_RA	16
#define FS_CFI_NREG	17	/* 0..16: the general registers and RA */

enum fs_cfi_how {
	FS_CFI_SAME,		/* the caller's value is this frame's */
	FS_CFI_UNDEF,		/* lost (RA: the outermost frame) */
	FS_CFI_OFFSET,		/* saved at CFA + off */
	FS_CFI_VAL_OFFSET,	/* the value CFA + off */
	FS_CFI_OTHER		/* in a register or an expression */
};

struct fs_cfi_row {
	uint64_t	 lo, hi;	/* file addresses the row holds for */
	bool		 simple;	/* every rule below is one of the
					   first four kinds and CFA is a
					   register plus an offset */
	bool		 signal;	/* a signal frame's FDE ('S') */
	uint8_t		 cfa_reg;
	int64_t		 cfa_off;
	/* The CFA is the word at cfa_reg + cfa_off (the expression
	   DW_OP_bregN off; DW_OP_deref): not simple.  */
	bool		 cfa_deref;
	bool		 cfa_expr;	/* an expression, understood or not */
	uint8_t		 how[FS_CFI_NREG];
	int64_t		 off[FS_CFI_NREG];
	/* FS_CFI_OTHER of the expression DW_OP_bregN off (gcc's i386
	   main, which realigns its stack): saved at register AT_REG[i] +
	   AT_OFF[i]; AT_REG[i] 0xff for any other rule.  */
	uint8_t		 at_reg[FS_CFI_NREG];
	int64_t		 at_off[FS_CFI_NREG];
};

/* Decode one DW_EH_PE-encoded value at *P (not past END) whose own file
   address is PADDR, DATAREL the base of datarel encodings; advances *P.
   Returns 0, or -1 for an encoding gcc, clang and rustc never emit.  */
int	fs_cfi_decode(const uint8_t **p, const uint8_t *end, uint8_t enc,
	    uint64_t paddr, uint64_t datarel, uint64_t *out);

/* ELF's .eh_frame_hdr at file address *HDR and its search table, *COUNT
   entries at *TABLE.  Returns 0, -FS_E_NOENT when there is none or
   -FS_E_FORMAT for a table fs_cfi_row cannot search.  */
int	fs_cfi_table(const struct fs_elf *elf, uint64_t *hdr, uint64_t *table,
	    uint64_t *count);

/* The row for file address FADDR of ELF, whose .eh_frame_hdr is at
   file address HDR with its sorted table of COUNT entries at TABLE.
   Returns 0; -FS_E_NOENT when no FDE covers FADDR; -FS_E_FORMAT for
   malformed CFI.  */
int	fs_cfi_row(const struct fs_elf *elf, uint64_t hdr, uint64_t table,
	    uint64_t count, uint64_t faddr, struct fs_cfi_row *row,
	    struct fs_err *e);

#endif
