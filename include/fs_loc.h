/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_loc: where a variable is at a pc, and its bytes.  It evaluates DWARF
 * location expressions (the stack machine of DWARF 5 section 2.5: literals
 * and constants, arithmetic and logic, DW_OP_regN/bregN/fbreg, DW_OP_addr,
 * DW_OP_call_frame_cfa, DW_OP_piece/bit_piece, DW_OP_stack_value,
 * DW_OP_implicit_value, DW_OP_deref/deref_size, DW_OP_entry_value, the
 * GNU forms gcc 12 emits) against one frame: its registers, its CFA, the
 * target's memory and the module's load bias, all reached through a
 * context of callbacks so this module knows nothing of ptrace or libdwarf.
 * A result is a list of pieces, each in memory, in a register, a computed
 * value, literal bytes, or unavailable (optimized out).  It also says in
 * words where a variable lives ("at rbp-20", "in rdi", "optimized out"),
 * as the frame anatomy shows it.  Hostile expressions (bad opcodes, stack
 * underflow, endless loops through DW_OP_skip) end in an error, never a
 * crash or a hang.
 */
#ifndef FS_LOC_H
#define FS_LOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_dinfo.h"
#include "fs_error.h"

struct fs_arch;

/* DWARF register numbers of x86-64 (psABI figure 3.36): 0 rax, 1 rdx,
   2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp, 8-15 r8-r15, 16 the return
   address (rip), 17-32 xmm0-15, 33-40 st0-7, 49 rflags, 50-55 es, cs,
   ss, ds, fs, gs, 64 mxcsr, 65 fcw, 66 fsw, 67-82 xmm16-31, 118-125
   k0-7.  */
#define FS_DWREG_RBP	6
#define FS_DWREG_RSP	7
#define FS_DWREG_RIP	16

/* The name of DWARF register REG ("rdi", "xmm0"), or NULL.  */
const char *fs_loc_regname(unsigned reg);

struct fs_loc_ctx {
	/* The value of DWARF register REG in this frame: 0, or -FS_E_NOENT
	   when the frame does not know it (a caller-saved register in an
	   outer frame that CFI says nothing of).  Vector registers give
	   their low 8 bytes; REGBYTES, when set, gives all of one (up to
	   64 bytes: an xmm register number reads the ymm register it is
	   the low half of, as gdb reads it).  */
	int	(*reg)(void *arg, unsigned reg, uint64_t *val);
	int	(*regbytes)(void *arg, unsigned reg, uint8_t buf[64]);
	/* Read LEN bytes of target memory at ADDR: 0 or -FS_E_*.  */
	int	(*mem)(void *arg, uint64_t addr, void *buf, size_t len);
	void	*arg;
	uint64_t pc;		/* runtime pc of the frame (for a caller
				   frame, its return address) */
	uint64_t cfa;		/* 0: unknown */
	uint64_t bias;		/* module load bias, added to DW_OP_addr */
	/* The address of this module's TLS block in the current thread,
	   which DW_OP_form_tls_address offsets are relative to (for the
	   executable on x86-64: %fs base minus its PT_TLS size rounded up
	   to the alignment); 0: unknown.  */
	uint64_t tls_base;
	struct fs_expr frame_base; /* the function's DW_AT_frame_base */
	/* The program's architecture, whose names DWARF's register numbers
	   are described by ("at ebp-12"); NULL: x86-64.  */
	const struct fs_arch *arch;
	/* Registers at the function's entry, for DW_OP_entry_value: NULL
	   when not known (the expression is then unavailable).  */
	int	(*entry_reg)(void *arg, unsigned reg, uint64_t *val);
	/* Optional.  The base type at unit offset DIE (the operand of
	   DW_OP_convert, DW_OP_regval_type...): its size in bytes and
	   encoding.  NULL: the typed-stack operations make the result
	   unavailable.  */
	int	(*base_type)(void *arg, uint64_t die, unsigned *size,
		    enum fs_ate *enc);
	/* Optional.  Entry INDEX of the unit's .debug_addr (a file
	   address), for DW_OP_addrx/constx.  NULL: unsupported.  */
	int	(*addrx)(void *arg, uint64_t index, uint64_t *addr);
};

enum fs_piece_kind {
	FS_PIECE_MEM,		/* ADDR */
	FS_PIECE_REG,		/* REG */
	FS_PIECE_VALUE,		/* VALUE: computed (DW_OP_stack_value) */
	FS_PIECE_BYTES,		/* BYTES (DW_OP_implicit_value, const) */
	FS_PIECE_UNAVAIL,	/* optimized out */
	FS_PIECE_IMPLICIT,	/* DW_OP_implicit_pointer: a pointer to
				   the object whose DIE is at ADDR
				   (.debug_info offset), VALUE bytes in;
				   no bytes of its own (gdb's <synthetic
				   pointer>) */
};

struct fs_piece {
	enum fs_piece_kind kind;
	uint64_t	 size;		/* bytes; 0: the whole object */
	unsigned	 bit_size;	/* DW_OP_bit_piece; 0 otherwise */
	unsigned	 bit_offset;
	uint64_t	 addr;
	unsigned	 reg;
	uint64_t	 value;
	uint8_t		 wide[16];	/* FS_PIECE_VALUE wider than VALUE
					   (an x87 long double): NWIDE
					   bytes */
	unsigned	 nwide;
	const uint8_t	*bytes;
	size_t		 nbytes;	/* FS_PIECE_BYTES: length of BYTES */
};

#define FS_LOC_MAXPIECES	32

struct fs_locval {
	size_t		 npieces;
	struct fs_piece	 pieces[FS_LOC_MAXPIECES];
	/* DW_OP_GNU_uninit: the value is not set yet (gdb prints it as
	   " [uninitialized] ").  */
	bool		 uninit;
};

/* The expression of location L at file address FADDR.  Returns 0;
   -FS_E_NOENT when the variable has no location there (optimized out).
   A FS_LOC_CONST location has no expression: the caller reads
   const_bytes.  */
int	fs_loc_select(const struct fs_location *l, uint64_t faddr,
	    struct fs_expr *out);

/* Select and evaluate: the pieces of location L at runtime pc C->pc
   (FADDR is its file address).  A FS_LOC_CONST location gives one
   FS_PIECE_BYTES piece; no location there gives one FS_PIECE_UNAVAIL
   piece and returns 0.  */
int	fs_loc_locate(const struct fs_location *l, uint64_t faddr,
	    const struct fs_loc_ctx *c, struct fs_locval *out,
	    struct fs_err *e);

/* Evaluate expression X in context C.  Returns 0, or -FS_E_FORMAT for a
   malformed or unsupported expression, -FS_E_NOENT when it needs what the
   context does not know (a register not saved).  */
int	fs_loc_eval(const struct fs_expr *x, const struct fs_loc_ctx *c,
	    struct fs_locval *out, struct fs_err *e);

/* Read the LEN bytes of an object located at V into BUF.  VALID (LEN
   bytes, may be NULL) gets for each byte a mask of its bits that could
   be read: 0xff for a whole byte, 0 for one optimized out, others where
   pieces of bits (a bitfield's) left some out.  Returns 0 when every byte was read, -FS_E_NOENT
   when some are unavailable, other -FS_E_* when memory cannot be read.  */
int	fs_loc_read(const struct fs_locval *v, const struct fs_loc_ctx *c,
	    uint8_t *buf, size_t len, uint8_t *valid, struct fs_err *e);

/* Where a variable lives, in words, into BUF of SIZE: "at rbp-20" (a
   frame-base or rbp-relative slot, given as rbp- or cfa-relative as the
   frame uses rbp or not: HAS_RBP), "at rsp+8", "at 0x404028", "in rdi",
   "computed", "constant", "optimized out", "in pieces".  FADDR picks
   the expression of a list.  Returns BUF.  */
const char *fs_loc_describe(const struct fs_location *l, uint64_t faddr,
	    const struct fs_loc_ctx *c, bool has_rbp, char *buf, size_t size);

#endif
