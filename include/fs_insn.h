/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_insn: x86-64 instruction decoding through capstone, for what the
 * stepping logic needs to know about one instruction (its length, whether
 * it calls or returns) and for showing it (AT&T or Intel text).  This is
 * the only file that includes <capstone/capstone.h>.
 */
#ifndef FS_INSN_H
#define FS_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fs_insn {
	uint64_t	addr;
	unsigned	len;		/* 0: could not decode */
	bool		is_call;
	bool		is_ret;
	bool		is_syscall;
	uint64_t	target;		/* direct call/jump target, else 0 */
	uint64_t	riprel;		/* the address a rip-relative operand
					   refers to; 0: none */
	uint64_t	dest;		/* any direct branch's target (jcc
					   too), for showing; else 0 */
	char		text[200];	/* "movq %rdi, -8(%rbp)" (capstone) */
	char		gdbtext[200];	/* the same as gdb and objdump write
					   it: "mov    %rdi,-0x8(%rbp)" */
};

/* Decode the instruction at ADDR from CODE[0..LEN).  INTEL picks Intel
   syntax for TEXT.  Returns 0, or -1 when the bytes are no instruction. */
int	fs_insn_decode(const uint8_t *code, size_t len, uint64_t addr,
	    bool intel, struct fs_insn *out);

#endif
