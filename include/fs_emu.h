/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_emu: runs one x86-64 instruction on a register set, exactly as the
 * processor would, so that a recorder can go on without single-stepping
 * the process for the instructions compilers emit most: moves, address
 * arithmetic, add/sub/cmp and the logical operations, push/pop,
 * call/ret, jumps, setcc, cmovcc (fs_insn's struct fs_emu_form says
 * which).  The arithmetic flags are computed as the SDM defines them;
 * an instruction leaving one undefined is run only where this CPU's
 * value is known (the AF of and/or/xor/test, probed on this CPU at the
 * first use), else it is not emulated.  Memory is read through the
 * caller; the store an instruction makes is returned, not made, so the
 * caller decides (and a checker can compare it with the CPU's).
 * Anything else, and anything the operands make unsure (an unreadable
 * address), is "not emulated": the caller single-steps the process.
 */
#ifndef FS_EMU_H
#define FS_EMU_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/user.h>

#include "fs_insn.h"

/* Read LEN bytes at ADDR of the program's memory as the CPU would (a
   page it cannot read fails): 0, or -1.  */
typedef int fs_emu_read_fn(void *arg, uint64_t addr, void *buf,
    size_t len);

/* The store an instruction makes: LEN bytes (0: none) at ADDR.  */
struct fs_emu_store {
	uint64_t	addr;
	uint8_t		len;
	uint8_t		bytes[8];
};

/* Whether fs_emu_exec can run IN (64-bit code, a form it knows, and
   whose flags are known on this CPU).  */
bool	fs_emu_can(const struct fs_insn *in);

/* Run IN on REGS, reading memory through READ (ARG): 0 with REGS the
   state after it and *ST the store to make, or -1 (REGS unchanged) when
   it cannot: the process must run it.  */
int	fs_emu_exec(const struct fs_insn *in, struct user_regs_struct *regs,
	    fs_emu_read_fn *read, void *arg, struct fs_emu_store *st);

#endif
