/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_fcode: what a function's machine code does with its stack frame,
 * found by decoding it once: every word it reads or writes at a fixed
 * offset from its CFA (through rbp or rsp, placed by the function's CFI,
 * or by its frame-pointer prologue where it has none), where it stores
 * the stack protector's canary, and its call instructions.  The slot map
 * tells a temporary from padding and a parameter not stored yet by it;
 * the guard finds where to stop for calls.  It also reads an instruction's
 * memory operand (base, index, displacement) from its text.  A cache of
 * functions, by entry address, lives as long as one process.
 */
#ifndef FS_FCODE_H
#define FS_FCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "fs_error.h"
#include "fs_insn.h"

struct fs_session;

/* A read or write of the frame at a fixed offset from the CFA.  */
struct fs_fcode_acc {
	uint64_t	 pc;
	int64_t		 off;		/* from the CFA */
	unsigned	 size;
	bool		 write;
	bool		 lea;		/* its address taken (lea): what is
					   there is reached through a pointer */
	bool		 realigned;	/* OFF is from the stack pointer the
					   function realigned: see
					   fs_fcode_uses_at */
};

struct fs_fcode {
	uint64_t	 start, end;	/* runtime, the bytes decoded */
	bool		 canary;	/* stores the stack protector's guard */
	int64_t		 canary_off;	/* ... at CFA + this (see
					   fs_fcode_canary_addr) */
	bool		 canary_realigned; /* ... from the realigned rsp */
	uint64_t	 canary_pc;	/* ... by this instruction */
	struct fs_fcode_acc *acc;	/* by pc */
	size_t		 nacc;
	uint64_t	*calls;		/* addresses of its call instructions */
	size_t		 ncalls;
	uint64_t	*rets;		/* ... of its ret instructions, and of
					   its jumps to other functions (tail
					   calls) */
	size_t		 nrets;
	uint64_t	*insns;		/* where each instruction starts */
	size_t		 ninsns;
	/* The first instruction after its prologue (the pushes of
	   callee-saved registers, the frame pointer, the stack
	   allocation, the canary's store).  */
	uint64_t	 body;
	/* Moves rsp by a register (alloca, a variable-length array): the
	   words between FIXED bytes under the CFA (its frame before that)
	   and rsp are its own, reached through pointers.  */
	bool		 dynalloc;
	int64_t		 fixed;
	/* Fills its locals with 0xfe bytes before they are set
	   (-ftrivial-auto-var-init=pattern).  */
	bool		 pattern;
	/* Realigns its stack (i386's main: `and $-16,%esp`) to REALIGN
	   bytes when rsp is REALIGN_OFF bytes under the CFA: where what it
	   does after that lands depends on the CFA of each call.  0: it
	   does not.  */
	uint64_t	 realign;
	int64_t		 realign_off;
};

struct fs_fcodes;

int	fs_fcodes_new(struct fs_fcodes **out, struct fs_err *e);
void	fs_fcodes_free(struct fs_fcodes *c);
/* Forget every function: a new process.  */
void	fs_fcodes_clear(struct fs_fcodes *c);

/* The CFI row of runtime address PC in MOD (its .eh_frame_hdr table
   found on first use).  Returns 0 or -1 when it has none.  */
struct fs_module;
struct fs_cfi_row;
int	fs_fcode_cfi_row(struct fs_module *mod, uint64_t pc,
	    struct fs_cfi_row *row);

/* The function that holds PC: its entry and end (runtime), from the
   symbol table.  Returns 0 or -1 when no symbol with a size holds PC.  */
int	fs_fcode_bounds(struct fs_session *s, uint64_t pc, uint64_t *start,
	    uint64_t *end);
/* The facts of the function whose code holds PC, decoded on first use.
   NULL when it cannot be: no symbol, or its code unreadable.  Borrowed
   until fs_fcodes_clear.  */
const struct fs_fcode *fs_fcode_at(struct fs_fcodes *c, struct fs_session *s,
	    uint64_t pc);

enum fs_fcode_use {
	FS_FCODE_READ = 1,
	FS_FCODE_WRITE = 2,
	FS_FCODE_LEA = 4,
};
/* The instruction of FC that ends at ADDR (the one executed before
   ADDR, in a straight line): its address, or 0.  */
uint64_t fs_fcode_insn_before(const struct fs_fcode *fc, uint64_t addr);

/* How FC uses the bytes [OFF, OFF + SIZE) from its CFA: FS_FCODE_READ,
   FS_FCODE_WRITE, FS_FCODE_LEA (its address taken there), or several
   (0: never at a fixed offset).  *FIRST_WRITE, if not NULL, gets the
   address of its first instruction (by address) that writes any of them
   (0: none).  */
unsigned fs_fcode_uses(const struct fs_fcode *fc, int64_t off,
	    unsigned size, uint64_t *first_write);
/* The same in its frame at CFA, where a function that realigns its stack
   puts what it does after that.  */
unsigned fs_fcode_uses_at(const struct fs_fcode *fc, uint64_t cfa,
	    int64_t off, unsigned size, uint64_t *first_write);
/* Where FC's canary is in its frame at CFA (FC->canary set).  */
uint64_t fs_fcode_canary_addr(const struct fs_fcode *fc, uint64_t cfa);
/* Where access A of FC is from the CFA in its frame at CFA.  */
int64_t	fs_fcode_acc_off(const struct fs_fcode *fc,
	    const struct fs_fcode_acc *a, uint64_t cfa);

/* --- One instruction's memory operand --- */

/* The general registers, in the order of fs_fcode_reg.  */
enum {
	FS_R_NONE = -1, FS_R_RAX, FS_R_RCX, FS_R_RDX, FS_R_RBX, FS_R_RSP,
	FS_R_RBP, FS_R_RSI, FS_R_RDI, FS_R_R8, FS_R_R9, FS_R_R10, FS_R_R11,
	FS_R_R12, FS_R_R13, FS_R_R14, FS_R_R15, FS_R_RIP
};

struct fs_memop {
	int		 seg;		/* 'f' (fs), 'g' (gs) or 0 */
	int		 base, index;	/* FS_R_*; NONE when absent */
	unsigned	 scale;
	int64_t		 disp;
	bool		 last;		/* the last operand (AT&T): the
					   destination of most instructions */
};

/* The explicit memory operand of IN, from its text.  Returns 0, or -1
   when it has none.  lea's is an address, not an access: LEA true takes
   it too.  */
int	fs_fcode_memop(const struct fs_insn *in, bool lea, struct fs_memop *m);
/* The value of register R (FS_R_*) in REGS; rip is IN's next.  */
uint64_t fs_fcode_reg(const struct user_regs_struct *regs, int r);

/* One memory access of an instruction.  */
struct fs_fcode_mem {
	uint64_t	 addr;
	unsigned	 len;
	bool		 read, write;
};
/* The memory accesses of IN executed with registers REGS, explicit and
   implied (push, call, ret, pop, leave, string instructions): at most
   MAX, returns how many.  */
int	fs_fcode_mem(const struct fs_insn *in,
	    const struct user_regs_struct *regs, struct fs_fcode_mem *out,
	    size_t max);

#endif
