/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_abi: the System V AMD64 calling convention (psABI 3.2.3), and
 * i386's (everything on the stack, see fs_abi_layout), for
 * calling functions in the program and reading what they return: the
 * class of each eightbyte of a C type by the classification algorithm
 * (INTEGER in rdi, rsi, rdx, rcx, r8, r9 and rax, rdx; SSE in xmm0-7 and
 * xmm0, xmm1; X87 in st0; MEMORY on the stack, or for a return value
 * through a pointer the caller gives in rdi), and where the arguments of
 * a call go: which registers, and what the stack holds above the return
 * address.  It knows types (fs_dinfo) and nothing of processes.
 */
#ifndef FS_ABI_H
#define FS_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "fs_dinfo.h"
#include "fs_error.h"

struct fs_arch;

enum fs_abi_class {
	FS_ABI_NONE,
	FS_ABI_INTEGER,
	FS_ABI_SSE,
	FS_ABI_SSEUP,
	FS_ABI_X87,
	FS_ABI_X87UP,
	FS_ABI_COMPLEX_X87,
	FS_ABI_MEMORY,
};

#define FS_ABI_MAXWORDS	8

/* The classes of the eightbytes of type T: their number (0 for an object
   of no size), CLS[0] FS_ABI_MEMORY when it travels in memory.  */
size_t	fs_abi_classify(const struct fs_type *t,
	    enum fs_abi_class cls[FS_ABI_MAXWORDS]);

/* One argument of a call: its type and its bytes (the type's size).  */
struct fs_abi_arg {
	const struct fs_type *type;
	const uint8_t	*bytes;
	size_t		 len;
};

/* A call laid out: the general registers and xmm0-7 to set, and the
   bytes of the stack from the return address's slot up (the return
   address itself at offset 0 left for the caller, then the arguments in
   memory), which the caller writes at the new rsp.  */
struct fs_abi_call {
	uint64_t	 gp[6];		/* rdi, rsi, rdx, rcx, r8, r9 */
	uint8_t		 xmm[8][16];
	unsigned	 ngp, nsse;	/* used: al gets NSSE */
	uint8_t		*stack;		/* malloc'd */
	size_t		 stack_len;
	/* The return value travels in memory: the caller passes in rdi
	   (GP[0], set by fs_abi_layout) the address of RET_LEN bytes it
	   reserved, which rax holds again at the return.  */
	bool		 ret_in_memory;
	size_t		 ret_len;
};

/* Lay out the call of a function returning RET (NULL: void) with the
   NARGS arguments ARGS, the return value's buffer at RET_ADDR when it
   travels in memory, by the rules of ARCH (NULL: x86-64).  On i386
   (cdecl) nothing goes in registers: the stack holds, from the return
   address's 4-byte slot up, the hidden pointer to the buffer when the
   value travels in memory (which the callee pops with `ret $4'), then
   the arguments, the first lowest, each rounded up to 4 bytes.  Returns
   0, or -FS_E_USAGE for a type it cannot pass.  Free with
   fs_abi_call_free.  */
int	fs_abi_layout(const struct fs_arch *arch, const struct fs_type *ret,
	    uint64_t ret_addr, const struct fs_abi_arg *args, size_t nargs,
	    struct fs_abi_call *out, struct fs_err *e);
/* Whether a value of type RET is returned in memory, through a pointer
   the caller passes, by ARCH's rules (NULL: x86-64).  */
bool	fs_abi_ret_in_memory(const struct fs_arch *arch,
	    const struct fs_type *ret);
void	fs_abi_call_free(struct fs_abi_call *c);

/* The LEN bytes of a value of type RET returned with registers GP (rax,
   rdx), XMM0 and XMM1 (16 bytes each) and ST0 (the x87 top, 10 bytes),
   into BUF; false when it travels in memory (rax has its address).  In
   a process of architecture ARCH (NULL: x86-64); on i386 by the i386
   System V rules: integers, pointers and a complex float in eax and
   edx:eax, every other floating type in st0, structures, unions and
   wider complex numbers in memory (eax has their address).  */
bool	fs_abi_return(const struct fs_arch *arch, const struct fs_type *ret,
	    uint64_t rax, uint64_t rdx, const uint8_t xmm0[16],
	    const uint8_t xmm1[16], const uint8_t st0[10],
	    const uint8_t st1[10], uint8_t *buf, size_t len);

/* i386 functions may take their first arguments in registers (gcc's
   fastcall: ecx, edx; regparm(N): eax, edx, ecx), which the debugging
   information does not say.  cdecl code never reads eax, ecx or edx
   before it writes them: which of them the code at ADDR does (up to its
   first branch, call or return; the PIC thunk's call writes its
   register), read through READ; and FS_ABI_STACK when it names the word
   where a first argument on the stack would be.  */
#define FS_ABI_EAX	1u
#define FS_ABI_ECX	2u
#define FS_ABI_EDX	4u
#define FS_ABI_STACK	8u	/* it also names the first stack
				   argument's word (esp + 4 at the entry) */
typedef ssize_t fs_abi_read_fn(void *arg, uint64_t addr, void *buf,
    size_t len);
unsigned fs_abi_i386_reg_args(fs_abi_read_fn *read, void *arg,
	    uint64_t addr);

#endif
