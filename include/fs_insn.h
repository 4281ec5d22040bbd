/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_insn: x86-64 instruction decoding: what the stepping logic needs to
 * know about one instruction (its length, whether it calls, returns or
 * jumps, where to), what it reads and writes in memory (for a recorder
 * that saves what a step will overwrite, and for telling which store hit
 * a slot of a frame), and its text as gdb and objdump write it, in AT&T
 * or Intel syntax.
 */
#ifndef FS_INSN_H
#define FS_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

/* A memory operand of a decoded instruction, explicit or implied, in the
   compact form fs_insn_mem_access computes addresses from; callers read
   addresses through that function, not from here.  Registers are
   numbered by their 8-byte slot in struct user_regs_struct, plus one (0:
   none).  */
struct fs_insn_memop {
	int64_t		disp;		/* rip-relative: the absolute address */
	uint32_t	size;		/* bytes accessed */
	uint8_t		base, index;	/* user_regs_struct slot + 1, or 0 */
	uint8_t		scale;
	uint8_t		seg;		/* FS_INSN_SEG_* */
	uint8_t		access;		/* FS_INSN_ACC_* */
	uint8_t		flags;		/* FS_INSN_MOP_* */
};

#define FS_INSN_SEG_NONE	0	/* base 0: es, cs, ss, ds, none */
#define FS_INSN_SEG_FS		1
#define FS_INSN_SEG_GS		2

#define FS_INSN_ACC_READ	0x01
#define FS_INSN_ACC_WRITE	0x02
#define FS_INSN_ACC_MAYBE	0x04	/* some bytes may not be accessed */

#define FS_INSN_MOP_ADDR32	0x01	/* 32-bit address (67 prefix) */
#define FS_INSN_MOP_INDEX8	0x02	/* index is the low byte (xlat's al) */
#define FS_INSN_MOP_LINE	0x04	/* rounded down to the 64-byte line */

#define FS_INSN_MAXMEM	4

/* The form of an instruction fs_emu can run, in 64-bit code: the
   operation and its explicit operands (destination first).  OP is
   FS_EMU_NONE for everything else: what is not here runs on the CPU.  */
enum {
	FS_EMU_NONE, FS_EMU_MOV, FS_EMU_MOVZX, FS_EMU_MOVSX, FS_EMU_LEA,
	FS_EMU_ADD, FS_EMU_ADC, FS_EMU_SUB, FS_EMU_SBB, FS_EMU_CMP,
	FS_EMU_AND, FS_EMU_OR, FS_EMU_XOR, FS_EMU_TEST,
	FS_EMU_NEG, FS_EMU_NOT, FS_EMU_INC, FS_EMU_DEC,
	FS_EMU_PUSH, FS_EMU_POP, FS_EMU_CALL, FS_EMU_RET, FS_EMU_JMP,
	FS_EMU_JCC, FS_EMU_SETCC, FS_EMU_CMOVCC,
	FS_EMU_CBW,		/* cbw, cwde, cdqe: by the operand size */
	FS_EMU_CWD,		/* cwd, cdq, cqo */
	FS_EMU_LEAVE, FS_EMU_NOP, FS_EMU_XCHG,
	FS_EMU_NOPS
};

#define FS_EMU_OPND_REG	1
#define FS_EMU_OPND_MEM	2
#define FS_EMU_OPND_IMM	3	/* a relative one made absolute */

struct fs_emu_opnd {
	uint8_t		kind;		/* FS_EMU_OPND_*, 0: none */
	uint8_t		size;		/* bytes: 1, 2, 4, 8 */
	uint8_t		reg;		/* user_regs_struct slot + 1 */
	bool		high;		/* ah, ch, dh, bh */
	int64_t		imm;		/* sign-extended */
	struct fs_insn_memop mem;	/* base, index, scale, disp, seg
					   (fs or gs: its base added);
					   64-bit addresses */
};

struct fs_emu_form {
	uint8_t		op;		/* FS_EMU_* */
	uint8_t		cc;		/* jcc, setcc, cmovcc: the condition,
					   0 (o) to 15 (g) as encoded */
	uint8_t		osize;		/* operand size, bytes */
	uint8_t		nopnd;
	struct fs_emu_opnd o[2];
};

struct fs_insn {
	uint64_t	addr;
	unsigned	len;		/* 0: could not decode */
	bool		is_call;
	bool		is_ret;
	bool		is_syscall;
	bool		compat_syscall;	/* int $0x80 or sysenter: the kernel's
					   32-bit entry, i386's calls, from
					   64-bit code too */
	bool		is_branch;	/* a jump: jmp, jcc, loop, jrcxz,
					   direct or not */
	uint64_t	target;		/* direct call/jump target, else 0 */
	uint64_t	riprel;		/* the address a rip-relative operand
					   refers to; 0: none */
	uint64_t	dest;		/* any direct branch's target (jcc
					   too), for showing; else 0 */
	/* Effects, for a recorder: whether the instruction may write
	   memory (fs_insn_mem_access says where), and whether it writes
	   x87, SSE, AVX, AVX-512, mask, MXCSR, PKRU or AMX state (or may:
	   an instruction not understood counts as writing everything), so
	   that the extended registers need saving only around such steps.
	   A syscall's own effects (what the kernel writes) are not the
	   instruction's.  */
	bool		writes_mem;
	bool		writes_xstate;
	/* The memory operands, for fs_insn_mem_access.  */
	bool		mem_unknown;	/* registers alone cannot tell */
	bool		rep;		/* rep/repe/repne string instruction */
	uint8_t		nmem;
	struct fs_insn_memop mem[FS_INSN_MAXMEM];
	struct fs_emu_form emu;	/* 64-bit code only, else op 0 */
	char		text[200];	/* "mov %rdi, -0x8(%rbp)": gdbtext with
					   one space after the mnemonic and
					   after each comma between operands;
					   empty after a decode without text */
	char		gdbtext[200];	/* as gdb and objdump write it:
					   "mov    %rdi,-0x8(%rbp)", a branch
					   target as 0x..., with no symbol
					   and no "# 0x..." comment */
};

/* Decode the instruction at ADDR from CODE[0..LEN), with its text (INTEL
   picks Intel syntax).  Returns 0, or -1 when the bytes are no
   instruction (OUT is then all zero but ADDR).  */
int	fs_insn_decode(const uint8_t *code, size_t len, uint64_t addr,
	    bool intel, struct fs_insn *out);

/* The same without the text, for stepping: TEXT and GDBTEXT are empty.  */
int	fs_insn_decode_fast(const uint8_t *code, size_t len, uint64_t addr,
	    struct fs_insn *out);

/* The same two in the processor mode of BITS (64, or 32 for i386 code:
   fs_arch's insn_bits).  */
int	fs_insn_decode_bits(const uint8_t *code, size_t len, uint64_t addr,
	    unsigned bits, bool intel, struct fs_insn *out);
int	fs_insn_decode_fast_bits(const uint8_t *code, size_t len,
	    uint64_t addr, unsigned bits, struct fs_insn *out);

/* One memory access of an instruction, explicit or implied: push and
   call write the 8 bytes below rsp, rep movs reads [rsi] and writes
   [rdi], enter, xsave, masked and scatter stores, ...  */
struct fs_insn_mem {
	uint64_t	addr;		/* effective address, segment base
					   added */
	uint32_t	len;		/* bytes */
	bool		read, write;
	bool		maybe;		/* some of the bytes may be left alone:
					   a masked or conditional store, the
					   parts of an xsave area not saved */
};

/* The memory IN accesses when it runs once with registers REGS: a
   rep-prefixed string instruction as a single step runs it, one
   iteration (none when the count register is 0).  Fills OUT[0..MAX),
   returns the count (at most FS_INSN_MAXMEM; above MAX when OUT was too
   small), or -1 when REGS alone cannot tell (a scatter or gather needing
   vector registers, AMX tiles, an instruction not understood), so a
   recorder can stop rather than hold a wrong past.  Software prefetches,
   nop and lea access nothing.  */
int	fs_insn_mem_access(const struct fs_insn *in,
	    const struct user_regs_struct *regs, struct fs_insn_mem *out,
	    size_t max);

#endif
