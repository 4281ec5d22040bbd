/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_insn: decoding known x86-64 byte sequences. */
#include <cpuid.h>
#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <gnu/libc-version.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fs_elf.h"
#include "fs_error.h"
#include "fs_insn.h"
#include "fs_maps.h"
#include "fs_target.h"

/* Decode CODE at ADDR, which must succeed.  */
static struct fs_insn
decode(const char *code, size_t len, uint64_t addr, bool intel)
{
	struct fs_insn in;

	memset(&in, 0x5a, sizeof in);
	ck_assert_int_eq(fs_insn_decode((const uint8_t *)code, len, addr,
	    intel, &in), 0);
	ck_assert_uint_eq(in.addr, addr);
	ck_assert_uint_gt(in.len, 0);
	ck_assert_uint_le(in.len, len);
	ck_assert_uint_lt(strlen(in.text), sizeof in.text);
	return in;
}

START_TEST(test_insn_direct_call)
{
	struct fs_insn in;

	in = decode("\xe8\x00\x00\x00\x00", 5, 0x1000, false);
	ck_assert_uint_eq(in.len, 5);
	ck_assert(in.is_call);
	ck_assert(!in.is_ret && !in.is_syscall);
	ck_assert_uint_eq(in.target, 0x1005);
	ck_assert_ptr_nonnull(strstr(in.text, "call"));
	ck_assert_ptr_nonnull(strstr(in.text, "0x1005"));

	/* A backward call, relative to the end of the instruction.  */
	in = decode("\xe8\xfb\xff\xff\xff", 5, 0x555555555000, false);
	ck_assert(in.is_call);
	ck_assert_uint_eq(in.target, 0x555555555000);
	in = decode("\xe8\x10\x00\x00\x00\x90\x90", 7, 0x400000, false);
	ck_assert_uint_eq(in.len, 5);
	ck_assert_uint_eq(in.target, 0x400015);
}
END_TEST

START_TEST(test_insn_indirect_call)
{
	struct fs_insn in;

	in = decode("\xff\xd0", 2, 0x2000, false);
	ck_assert_uint_eq(in.len, 2);
	ck_assert(in.is_call);
	ck_assert_uint_eq(in.target, 0);
	ck_assert_str_eq(in.text, "call *%rax");
	/* call *0x2fe2(%rip): through the GOT.  */
	in = decode("\xff\x15\xe2\x2f\x00\x00", 6, 0x3000, false);
	ck_assert_uint_eq(in.len, 6);
	ck_assert(in.is_call);
	ck_assert_uint_eq(in.target, 0);
}
END_TEST

START_TEST(test_insn_ret)
{
	struct fs_insn in;

	in = decode("\xc3", 1, 0x10, false);
	ck_assert_uint_eq(in.len, 1);
	ck_assert(in.is_ret);
	ck_assert(!in.is_call && !in.is_syscall);
	ck_assert_uint_eq(in.target, 0);
	ck_assert_ptr_nonnull(strstr(in.text, "ret"));
	in = decode("\xc2\x08\x00", 3, 0x10, false);	/* ret $8 */
	ck_assert_uint_eq(in.len, 3);
	ck_assert(in.is_ret);
}
END_TEST

START_TEST(test_insn_prologue_text)
{
	struct fs_insn in;

	in = decode("\x55", 1, 0x1129, false);
	ck_assert_uint_eq(in.len, 1);
	ck_assert_str_eq(in.text, "push %rbp");
	ck_assert(!in.is_call && !in.is_ret && !in.is_syscall);
	in = decode("\x48\x89\xe5", 3, 0x112a, false);
	ck_assert_uint_eq(in.len, 3);
	ck_assert_str_eq(in.text, "mov %rsp, %rbp");
	in = decode("\x48\x89\xe5", 3, 0x112a, true);
	ck_assert_str_eq(in.text, "mov rbp, rsp");
	in = decode("\x55", 1, 0x1129, true);
	ck_assert_str_eq(in.text, "push rbp");
	in = decode("\xf3\x0f\x1e\xfa", 4, 0, false);
	ck_assert_uint_eq(in.len, 4);
	ck_assert_str_eq(in.text, "endbr64");
}
END_TEST

START_TEST(test_insn_syscall)
{
	struct fs_insn in;

	in = decode("\x0f\x05", 2, 0x7000, false);
	ck_assert_uint_eq(in.len, 2);
	ck_assert(in.is_syscall);
	ck_assert(!in.is_call && !in.is_ret);
	ck_assert_str_eq(in.text, "syscall");
	in = decode("\xcc", 1, 0, false);
	ck_assert(!in.is_syscall && !in.is_call);
	ck_assert_str_eq(in.text, "int3");
}
END_TEST

START_TEST(test_insn_jumps_have_targets)
{
	struct fs_insn in;

	in = decode("\xeb\xfe", 2, 0x4000, false);	/* jmp . */
	ck_assert_uint_eq(in.target, 0x4000);
	ck_assert(!in.is_call);
	in = decode("\xe9\x00\x01\x00\x00", 5, 0x4000, false);
	ck_assert_uint_eq(in.target, 0x4105);
	in = decode("\xff\xe0", 2, 0x4000, false);	/* jmp *%rax */
	ck_assert_uint_eq(in.target, 0);
	ck_assert(!in.is_call);
}
END_TEST

START_TEST(test_insn_decodes_only_the_first)
{
	struct fs_insn in;

	in = decode("\x55\x48\x89\xe5\xc3", 5, 0x100, false);
	ck_assert_uint_eq(in.len, 1);
	in = decode("\x48\x89\xe5\xc3", 4, 0x101, false);
	ck_assert_uint_eq(in.len, 3);
}
END_TEST

START_TEST(test_insn_rejects_garbage)
{
	static const struct {
		const char	*code;
		size_t		 len;
	} bad[] = {
		{ "\x06", 1 },			/* push %es: not in 64-bit */
		{ "\xe8\x00\x00", 3 },		/* call cut short */
		{ "\x48\x89", 2 },		/* mov without its ModRM */
		{ "\x0f", 1 },
		{ "", 0 },
	};
	struct fs_insn in;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&in, 0x5a, sizeof in);
		ck_assert_msg(fs_insn_decode((const uint8_t *)bad[i].code,
		    bad[i].len, 0x1000, false, &in) == -1, "case %zu", i);
		/* Nothing stale is left in OUT.  */
		ck_assert_uint_eq(in.len, 0);
		ck_assert(!in.is_call && !in.is_ret && !in.is_syscall);
		ck_assert_uint_eq(in.target, 0);
		ck_assert_str_eq(in.text, "");
	}
}
END_TEST

/* --- Memory accesses --- */

/* Registers with every general register a distinct, recognisable value.  */
static struct user_regs_struct
some_regs(void)
{
	struct user_regs_struct r;

	memset(&r, 0, sizeof r);
	r.rax = 0x100000;
	r.rbx = 0x200000;
	r.rcx = 0x30;
	r.rdx = 0x400000;
	r.rsi = 0x500000;
	r.rdi = 0x600000;
	r.rbp = 0x7fff0100;
	r.rsp = 0x7fff0000;
	r.r8 = 0x800000;
	r.r12 = 0xc00000;
	r.r13 = 0xd00000;
	r.r14 = 0xe0;
	r.fs_base = 0x7ffff7d80000;
	r.gs_base = 0x7ffff7e90000;
	r.eflags = 0x246;
	return r;
}

/* The accesses of CODE at ADDR with REGS: their count, or -1.  */
static int
mem_of(const char *code, size_t len, uint64_t addr,
    const struct user_regs_struct *regs, struct fs_insn *in,
    struct fs_insn_mem *m)
{
	ck_assert_int_eq(fs_insn_decode_fast((const uint8_t *)code, len, addr,
	    in), 0);
	ck_assert_uint_eq(in->len, len);
	memset(m, 0x5a, sizeof *m * FS_INSN_MAXMEM);
	return fs_insn_mem_access(in, regs, m, FS_INSN_MAXMEM);
}

/* The only access of CODE with REGS, which must be one.  */
static struct fs_insn_mem
one_access(const char *code, size_t len, const struct user_regs_struct *r)
{
	struct fs_insn in;
	struct fs_insn_mem m[FS_INSN_MAXMEM];

	ck_assert_int_eq(mem_of(code, len, 0x1000, r, &in, m), 1);
	return m[0];
}

#define ck_mem(m, a, l, r, w) do {					\
	ck_assert_uint_eq((m).addr, (a));				\
	ck_assert_uint_eq((m).len, (l));				\
	ck_assert_int_eq((m).read, (r));				\
	ck_assert_int_eq((m).write, (w));				\
} while (0)

START_TEST(test_insn_mem_stack)
{
	struct user_regs_struct r = some_regs();
	struct fs_insn_mem m[FS_INSN_MAXMEM], a;
	struct fs_insn in;

	a = one_access("\x55", 1, &r);			/* push %rbp */
	ck_mem(a, r.rsp - 8, 8, false, true);
	ck_assert(!a.maybe);
	a = one_access("\x66\x50", 2, &r);		/* push %ax */
	ck_mem(a, r.rsp - 2, 2, false, true);
	a = one_access("\x6a\x08", 2, &r);		/* push $0x8 */
	ck_mem(a, r.rsp - 8, 8, false, true);
	a = one_access("\x9c", 1, &r);			/* pushf */
	ck_mem(a, r.rsp - 8, 8, false, true);
	a = one_access("\xe8\x00\x00\x00\x00", 5, &r);	/* call */
	ck_mem(a, r.rsp - 8, 8, false, true);
	a = one_access("\xff\xd0", 2, &r);		/* call *%rax */
	ck_mem(a, r.rsp - 8, 8, false, true);
	a = one_access("\xc3", 1, &r);			/* ret */
	ck_mem(a, r.rsp, 8, true, false);
	a = one_access("\xc2\x08\x00", 3, &r);		/* ret $0x8 */
	ck_mem(a, r.rsp, 8, true, false);
	a = one_access("\xc9", 1, &r);			/* leave */
	ck_mem(a, r.rbp, 8, true, false);
	a = one_access("\x5b", 1, &r);			/* pop %rbx */
	ck_mem(a, r.rsp, 8, true, false);
	a = one_access("\x48\xcf", 2, &r);		/* iretq */
	ck_mem(a, r.rsp, 40, true, false);

	/* call *0x10(%rip): the pointer read, the return address written.  */
	ck_assert_int_eq(mem_of("\xff\x15\x10\x00\x00\x00", 6, 0x1000, &r, &in,
	    m), 2);
	ck_mem(m[0], 0x1016, 8, true, false);
	ck_mem(m[1], r.rsp - 8, 8, false, true);
	ck_assert_uint_eq(in.riprel, 0x1016);
	/* push (%rax); pop (%rax); pop 0x8(%rsp), addressed after the pop.  */
	ck_assert_int_eq(mem_of("\xff\x30", 2, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rax, 8, true, false);
	ck_mem(m[1], r.rsp - 8, 8, false, true);
	ck_assert_int_eq(mem_of("\x8f\x00", 2, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rax, 8, false, true);
	ck_mem(m[1], r.rsp, 8, true, false);
	ck_assert_int_eq(mem_of("\x8f\x44\x24\x08", 4, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rsp + 16, 8, false, true);
	ck_mem(m[1], r.rsp, 8, true, false);

	/* enter $0x10,$0: push %rbp; enter $0x10,$3: push %rbp, two frame
	   pointers copied from under rbp, the new frame pointer.  */
	a = one_access("\xc8\x10\x00\x00", 4, &r);
	ck_mem(a, r.rsp - 8, 8, false, true);
	ck_assert_int_eq(mem_of("\xc8\x10\x00\x03", 4, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rsp - 32, 32, false, true);
	ck_mem(m[1], r.rbp - 16, 16, true, false);
	ck_assert(in.writes_mem);
}
END_TEST

START_TEST(test_insn_mem_addressing)
{
	struct user_regs_struct r = some_regs();
	struct fs_insn_mem m[FS_INSN_MAXMEM], a;
	struct fs_insn in;

	/* mov %rdi,-0x8(%rbp) */
	a = one_access("\x48\x89\x7d\xf8", 4, &r);
	ck_mem(a, r.rbp - 8, 8, false, true);
	/* mov %eax,(%rax,%rbx,4) */
	a = one_access("\x89\x04\x98", 3, &r);
	ck_mem(a, r.rax + r.rbx * 4, 4, false, true);
	/* mov %al,0x10(,%rcx,8) */
	a = one_access("\x88\x04\xcd\x10\x00\x00\x00", 7, &r);
	ck_mem(a, r.rcx * 8 + 0x10, 1, false, true);
	/* movw $0x1,(%r12) */
	a = one_access("\x66\x41\xc7\x04\x24\x01\x00", 7, &r);
	ck_mem(a, r.r12, 2, false, true);
	/* mov %r8,0x100(%r13,%r14,2) */
	a = one_access("\x4f\x89\x84\x75\x00\x01\x00\x00", 8, &r);
	ck_mem(a, r.r13 + r.r14 * 2 + 0x100, 8, false, true);
	/* mov %rax,0xffffffffffffff80: an absolute disp32, sign-extended */
	a = one_access("\x48\x89\x04\x25\x80\xff\xff\xff", 8, &r);
	ck_mem(a, 0xffffffffffffff80, 8, false, true);
	/* movabs %rax,0x1122334455667788 */
	a = one_access("\x48\xa3\x88\x77\x66\x55\x44\x33\x22\x11", 10, &r);
	ck_mem(a, 0x1122334455667788, 8, false, true);
	/* add %eax,0x10(%rip), at 0x1000: read and written */
	ck_assert_int_eq(mem_of("\x01\x05\x10\x00\x00\x00", 6, 0x1000, &r,
	    &in, m), 1);
	ck_mem(m[0], 0x1016, 4, true, true);
	ck_assert_uint_eq(in.riprel, 0x1016);
	/* mov %eax,(%eax): a 32-bit address drops the high half.  */
	r.rax = 0x123401000;
	a = one_access("\x67\x89\x00", 3, &r);
	ck_mem(a, 0x23401000, 4, false, true);
	r = some_regs();
	/* mov %fs:0x28,%rax; mov %rax,%gs:(%rbx); es mov %eax,(%rbx) */
	a = one_access("\x64\x48\x8b\x04\x25\x28\x00\x00\x00", 9, &r);
	ck_mem(a, r.fs_base + 0x28, 8, true, false);
	a = one_access("\x65\x48\x89\x03", 4, &r);
	ck_mem(a, r.gs_base + r.rbx, 8, false, true);
	a = one_access("\x26\x89\x03", 3, &r);
	ck_mem(a, r.rbx, 4, false, true);
	/* xchg %eax,(%rdi); cmpxchg16b (%rdi); xlat */
	a = one_access("\x87\x07", 2, &r);
	ck_mem(a, r.rdi, 4, true, true);
	a = one_access("\x48\x0f\xc7\x0f", 4, &r);
	ck_mem(a, r.rdi, 16, true, true);
	r.rax = 0x12345678;
	a = one_access("\xd7", 1, &r);
	ck_mem(a, r.rbx + 0x78, 1, true, false);
	r = some_regs();
	/* movdir64b (%rdi),%rax: 64 bytes read at rdi, written at rax.  */
	ck_assert_int_eq(mem_of("\x66\x0f\x38\xf8\x07", 5, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rdi, 64, true, false);
	ck_mem(m[1], r.rax, 64, false, true);

	/* lea, nop, prefetch, clflush, syscall: nothing.  */
	ck_assert_int_eq(mem_of("\x48\x8d\x04\x98", 4, 0, &r, &in, m), 0);
	ck_assert(!in.writes_mem);
	ck_assert_int_eq(mem_of("\x48\x8d\x05\x10\x00\x00\x00", 7, 0x1000, &r,
	    &in, m), 0);
	ck_assert_uint_eq(in.riprel, 0x1017);
	ck_assert_int_eq(mem_of("\x66\x0f\x1f\x44\x00\x00", 6, 0, &r, &in, m),
	    0);
	ck_assert_int_eq(mem_of("\x0f\x18\x08", 3, 0, &r, &in, m), 0);
	ck_assert_int_eq(mem_of("\x0f\xae\x3f", 3, 0, &r, &in, m), 0);
	ck_assert_int_eq(mem_of("\x0f\x05", 2, 0, &r, &in, m), 0);
	ck_assert(!in.writes_mem && in.is_syscall);
	/* Fewer slots than accesses: the count says how many there are.  */
	ck_assert_int_eq(fs_insn_decode_fast((const uint8_t *)"\xff\x30", 2, 0,
	    &in), 0);
	ck_assert_int_eq(fs_insn_mem_access(&in, &r, m, 1), 2);
	ck_mem(m[0], r.rax, 8, true, false);
}
END_TEST

/* One iteration of a rep string instruction per step, at rsi and rdi
   whichever the direction (the element there is the one moved), and
   nothing once the count is 0.  */
START_TEST(test_insn_mem_strings)
{
	struct user_regs_struct r = some_regs();
	struct fs_insn_mem m[FS_INSN_MAXMEM], a;
	struct fs_insn in;
	int df;

	for (df = 0; df < 2; df++) {
		r.eflags = df ? 0x646 : 0x246;
		ck_assert_int_eq(mem_of("\xf3\xa4", 2, 0, &r, &in, m), 2);
		ck_mem(m[0], r.rdi, 1, false, true);
		ck_mem(m[1], r.rsi, 1, true, false);
		ck_assert(in.rep && in.writes_mem);
		ck_assert_int_eq(mem_of("\xf3\x48\xa5", 3, 0, &r, &in, m), 2);
		ck_mem(m[0], r.rdi, 8, false, true);
		ck_mem(m[1], r.rsi, 8, true, false);
		a = one_access("\xf3\x48\xab", 3, &r);	/* rep stos %rax */
		ck_mem(a, r.rdi, 8, false, true);
	}
	r.rcx = 0;
	ck_assert_int_eq(mem_of("\xf3\xa4", 2, 0, &r, &in, m), 0);
	ck_assert_int_eq(mem_of("\xf3\x48\xab", 3, 0, &r, &in, m), 0);
	/* Without rep, rcx does not count.  */
	ck_assert_int_eq(mem_of("\xa4", 1, 0, &r, &in, m), 2);
	ck_assert(!in.rep);
	/* A 32-bit address size counts with ecx.  */
	r.rcx = 0x100000000;
	ck_assert_int_eq(mem_of("\xf3\x67\xa4", 3, 0, &r, &in, m), 0);
	r = some_regs();
	/* lods, scas, cmps read; a segment override applies to rsi.  */
	a = one_access("\xac", 1, &r);
	ck_mem(a, r.rsi, 1, true, false);
	a = one_access("\xf2\xae", 2, &r);		/* repne scasb */
	ck_mem(a, r.rdi, 1, true, false);
	ck_assert_int_eq(mem_of("\xf3\xa6", 2, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rsi, 1, true, false);
	ck_mem(m[1], r.rdi, 1, true, false);
	ck_assert(!in.writes_mem);
	ck_assert_int_eq(mem_of("\x64\xa4", 2, 0, &r, &in, m), 2);
	ck_mem(m[0], r.rdi, 1, false, true);
	ck_mem(m[1], r.fs_base + r.rsi, 1, true, false);
	/* rep insb, rep outsb: the port's side is no memory.  */
	a = one_access("\xf3\x6c", 2, &r);
	ck_mem(a, r.rdi, 1, false, true);
	a = one_access("\xf3\x6e", 2, &r);
	ck_mem(a, r.rsi, 1, true, false);
	r.rcx = 0;
	ck_assert_int_eq(mem_of("\xf3\x6c", 2, 0, &r, &in, m), 0);
}
END_TEST

START_TEST(test_insn_mem_state_and_vectors)
{
	struct user_regs_struct r = some_regs();
	struct fs_insn_mem m[FS_INSN_MAXMEM], a;
	struct fs_insn in;
	unsigned ea, eb, ec, ed;

	/* xsave's area: as CPUID leaf 0xD says for the enabled state.  */
	a = one_access("\x0f\xae\x27", 3, &r);
	ck_assert_uint_eq(a.addr, r.rdi);
	ck_assert(a.write && a.maybe);
	if (__get_cpuid_count(0xd, 0, &ea, &eb, &ec, &ed) && eb >= 576)
		ck_assert_uint_eq(a.len, eb);
	ck_assert_uint_ge(a.len, 576);
	ck_assert_uint_eq(one_access("\x48\x0f\xae\x27", 4, &r).len, a.len);
	a = one_access("\x0f\xae\x2f", 3, &r);		/* xrstor */
	ck_assert(a.read && !a.write);
	a = one_access("\x0f\xae\x07", 3, &r);		/* fxsave */
	ck_mem(a, r.rdi, 512, false, true);
	a = one_access("\xdd\x37", 2, &r);		/* fnsave */
	ck_mem(a, r.rdi, 108, false, true);
	a = one_access("\x0f\xae\x1f", 3, &r);		/* stmxcsr */
	ck_mem(a, r.rdi, 4, false, true);

	/* vmovdqu64 %zmm0,(%rdi), then with {%k1}: which bytes depends on
	   k1, all 64 may be written.  */
	a = one_access("\x62\xf1\xfe\x48\x7f\x07", 6, &r);
	ck_mem(a, r.rdi, 64, false, true);
	ck_assert(!a.maybe);
	a = one_access("\x62\xf1\xfe\x49\x7f\x07", 6, &r);
	ck_mem(a, r.rdi, 64, false, true);
	ck_assert(a.maybe);
	/* vmovdqu %ymm0,(%rdi); vaddps (%rdi){1to16},%zmm0,%zmm1 */
	a = one_access("\xc5\xfe\x7f\x07", 4, &r);
	ck_mem(a, r.rdi, 32, false, true);
	a = one_access("\x62\xf1\x7c\x58\x58\x0f", 6, &r);
	ck_mem(a, r.rdi, 4, true, false);
	/* A scatter and a gather need the vector registers: -1; only the
	   scatter writes memory.  */
	ck_assert_int_eq(mem_of("\x62\xf2\x7d\x49\xa0\x0c\x87", 7, 0, &r, &in,
	    m), -1);
	ck_assert(in.writes_mem);
	ck_assert_int_eq(mem_of("\xc4\xe2\x69\x90\x04\x8f", 6, 0, &r, &in, m),
	    -1);
	ck_assert(!in.writes_mem);
	/* tilestored %tmm1,(%rdi,%rax,1): rows from the tile configuration */
	ck_assert_int_eq(mem_of("\xc4\xe2\x7a\x4b\x0c\x07", 6, 0, &r, &in, m),
	    -1);
}
END_TEST

/* Which instructions write the x87, SSE, AVX, mask or MXCSR state.  */
START_TEST(test_insn_writes_xstate)
{
	static const struct {
		const char	*code;
		size_t		 len;
		bool		 xstate;
	} c[] = {
		{ "\x48\x89\x07", 3, false },		/* mov %rax,(%rdi) */
		{ "\x55", 1, false },			/* push %rbp */
		{ "\x0f\x29\x07", 3, false },		/* movaps %xmm0,(%rdi) */
		{ "\xc5\xfe\x7f\x07", 4, false },	/* vmovdqu %ymm0,(%rdi) */
		{ "\x62\xf1\xfe\x49\x7f\x07", 6, false },	/* ...{%k1} */
		{ "\xc5\xfb\x93\xc0", 4, false },	/* kmovd %k0,%eax */
		{ "\x0f\x28\xc1", 3, true },		/* movaps %xmm1,%xmm0 */
		{ "\x0f\x58\x07", 3, true },		/* addps (%rdi),%xmm0 */
		{ "\x62\xf1\xfe\x48\x6f\x07", 6, true },	/* vmovdqu64 load */
		{ "\xc5\xfb\x92\xc0", 4, true },	/* kmovd %eax,%k0 */
		{ "\x62\xb2\x7d\x20\x26\xc3", 6, true },	/* vptestmb */
		{ "\xd9\x07", 2, true },		/* fld (%rdi) */
		{ "\xc5\xf8\x77", 3, true },		/* vzeroupper */
		{ "\x0f\xae\x17", 3, true },		/* ldmxcsr (%rdi) */
		{ "\x0f\xae\x2f", 3, true },		/* xrstor (%rdi) */
		{ "\x0f\x01\xef", 3, true },		/* wrpkru */
	};
	struct fs_insn in;
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		ck_assert_int_eq(fs_insn_decode_fast((const uint8_t *)c[i].code,
		    c[i].len, 0, &in), 0);
		ck_assert_msg(in.writes_xstate == c[i].xstate, "case %zu", i);
	}
}
END_TEST

/* A part of the traced process watched for changes across a step.  */
struct window {
	uint64_t	lo, hi;
	uint8_t		before[16384], after[16384];
	ssize_t		got;
};

static void
watch(struct fs_target *t, struct window *w, uint64_t lo, uint64_t hi)
{
	if (hi - lo > sizeof w->before)
		hi = lo + sizeof w->before;
	w->lo = lo;
	w->hi = hi;
	w->got = fs_target_read(t, lo, w->before, (size_t)(hi - lo), NULL);
}

/* The first byte of W that changed and is in none of the writes M[0..N),
   or 0.  Counts the changed bytes in *CHANGED.  */
static uint64_t
stray_write(struct fs_target *t, struct window *w,
    const struct fs_insn_mem *m, int n, unsigned *changed)
{
	uint64_t a;
	ssize_t i;
	int k;

	if (w->got <= 0 || fs_target_read(t, w->lo, w->after, (size_t)w->got,
	    NULL) != w->got)
		return 0;
	for (i = 0; i < w->got; i++) {
		if (w->before[i] == w->after[i])
			continue;
		(*changed)++;
		a = w->lo + (uint64_t)i;
		for (k = 0; k < n; k++)
			if (m[k].write && a >= m[k].addr && a - m[k].addr <
			    m[k].len)
				break;
		if (k == n)
			return a;
	}
	return 0;
}

/* Single-step sample NAME from main until main returns, the C library
   on the way; before each step ask fs_insn_mem_access what the
   instruction writes, and after it check that every byte that changed
   near the stack pointer, in the program's data and by the thread
   pointer (TLS) is inside what it said.  The stores the CPU lacks the
   sample skips; the kernel's writes at a syscall are not the
   instruction's.  */
START_TEST(test_insn_mem_cpu)
{
	static const char *const names[] = { "memops-O0", "callkinds-O2" };
	static struct window win[4];
	const char *name = names[_i];
	char path[PATH_MAX], *argv[2] = { path, NULL };
	struct fs_target *t;
	struct fs_elf *elf;
	const struct fs_sym *sym;
	const struct fs_segment *seg;
	const struct user_regs_struct *rp;
	struct user_regs_struct regs;
	struct fs_insn_mem m[FS_INSN_MAXMEM];
	struct fs_maps maps = { 0 };
	const struct fs_map *mp;
	struct fs_event ev;
	struct fs_insn in;
	struct fs_err e;
	uint64_t bias = 0, main_at, main_sp, stack_lo = 0, data_lo = 0,
	    data_hi = 0, stray;
	uint8_t code[16], orig;
	unsigned steps = 0, changed = 0, writing = 0, reps = 0, unknown = 0,
	    before;
	size_t nseg, i;
	ssize_t got;
	int n;

	ck_assert_ptr_nonnull(realpath(sample_path(name), path));
	ck_assert_int_eq(fs_elf_open(path, &elf, &e), 0);
	ck_assert_int_eq(fs_target_spawn(path, argv, environ, false, &t, &e),
	    0);
	/* Where it is loaded, and main.  */
	ck_assert_int_eq(fs_maps_read(fs_target_pid(t), &maps, NULL), 0);
	for (i = 0; i < maps.n; i++)
		if (strcmp(maps.v[i].path, path) == 0 && maps.v[i].offset == 0) {
			bias = maps.v[i].start;
			break;
		}
	seg = fs_elf_segments(elf, &nseg);
	ck_assert_uint_gt(nseg, 0);
	bias -= seg[0].vaddr & ~0xfffULL;
	for (i = 0; i < nseg; i++)
		if (seg[i].flags & PF_W) {
			data_lo = seg[i].vaddr + bias;
			data_hi = data_lo + seg[i].memsz;
		}
	ck_assert_ptr_nonnull(sym = fs_elf_sym_lookup(elf, "main"));
	main_at = sym->addr + bias;
	ck_assert_int_eq(fs_target_read(t, main_at, &orig, 1, NULL), 1);
	ck_assert_int_eq(fs_target_write(t, main_at, "\xcc", 1, NULL), 0);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_BREAKPOINT);
	ck_assert_int_eq(fs_target_write(t, main_at, &orig, 1, NULL), 0);
	ck_assert_int_eq(fs_target_regs(t, &rp, &e), 0);
	regs = *rp;
	regs.rip = main_at;
	ck_assert_int_eq(fs_target_set_regs(t, &regs, &e), 0);
	main_sp = regs.rsp;
	fs_maps_clear(&maps);
	ck_assert_int_eq(fs_maps_read(fs_target_pid(t), &maps, NULL), 0);
	ck_assert_ptr_nonnull(mp = fs_maps_find(&maps, main_sp));
	stack_lo = mp->start;

	while (regs.rsp <= main_sp && steps < 2000000) {
		got = fs_target_read(t, regs.rip, code, sizeof code, &e);
		ck_assert_int_gt(got, 0);
		ck_assert_msg(fs_insn_decode_fast(code, (size_t)got, regs.rip,
		    &in) == 0, "%s: no instruction at %#llx", name,
		    (unsigned long long)regs.rip);
		n = fs_insn_mem_access(&in, &regs, m, FS_INSN_MAXMEM);
		ck_assert_int_le(n, FS_INSN_MAXMEM);
		watch(t, &win[0], regs.rsp - 12288 < stack_lo ? stack_lo :
		    regs.rsp - 12288, regs.rsp + 1024);
		watch(t, &win[1], data_lo, data_hi);
		watch(t, &win[2], regs.fs_base - 512, regs.fs_base + 64);
		ck_assert_int_eq(fs_target_step(t, 0, &ev, &e), 0);
		ck_assert_int_eq(ev.kind, FS_EV_STEP);
		steps++;
		reps += in.rep;
		if (in.is_syscall || n < 0) {
			unknown += n < 0;
			goto next;
		}
		before = changed;
		for (i = 0; i < 3; i++)
			if ((stray = stray_write(t, &win[i], m, n,
			    &changed)) != 0) {
				fs_insn_decode(code, (size_t)got, regs.rip,
				    false, &in);
				ck_abort_msg("%s: %#llx %s wrote %#llx, not "
				    "in its %d accesses", name,
				    (unsigned long long)regs.rip, in.gdbtext,
				    (unsigned long long)stray, n);
			}
		writing += changed > before;
next:
		ck_assert_int_eq(fs_target_regs(t, &rp, &e), 0);
		regs = *rp;
	}
	ck_assert_uint_gt(regs.rsp, main_sp);
	ck_assert_uint_gt(steps, 1000);
	ck_assert_uint_gt(writing, 100);
	ck_assert_uint_le(unknown, 4);
	if (_i == 0)
		ck_assert_uint_ge(reps, 300 + 40 + 40 + 9);
	fs_maps_clear(&maps);
	fs_target_free(t);
	fs_elf_free(elf);
}
END_TEST

/* What a comparison with objdump found.  */
struct cmp {
	unsigned	total;		/* instructions compared */
	unsigned	bad;		/* text or decode differs */
	unsigned	zydis;		/* the fast decode differs in length */
	uint64_t	sample[96];	/* addresses to ask gdb about */
	unsigned	nsample, nevex;
};

/* The bytes at ADDR of ELF, as many as there are up to 16; NULL if none.  */
static const uint8_t *
elf_code(const struct fs_elf *elf, uint64_t addr, size_t *len)
{
	const uint8_t *code;

	for (*len = 16; *len > 0; (*len)--)
		if ((code = fs_elf_bytes(elf, addr, *len)) != NULL)
			return code;
	return NULL;
}

/* Compare fs_insn with every instruction objdump shows in PATH's code, in
   AT&T or INTEL syntax.  objdump writes a branch target "1129 <main+4>"
   and a rip-relative operand's address in a comment, "# 4010 <x>"; gdb
   "0x1129 <main+4>" and "# 0x4010 <x>": fs_insn's text is gdb's without
   the symbols and the comment, whose address is RIPREL.  */
static void
compare_objdump(const char *path, bool intel, struct cmp *c)
{
	struct fs_elf *elf;
	struct fs_insn in, fast;
	struct fs_err e;
	const uint8_t *code;
	char cmd[1024], line[512], want[256], got[256], hex[32], *p;
	unsigned long long addr, riprel;
	size_t len;
	unsigned bits;
	FILE *f;
	int r;

	ck_assert_msg(fs_elf_open(path, &elf, &e) == 0, "%s", e.msg);
	bits = fs_elf_arch(elf)->insn_bits;
	snprintf(cmd, sizeof cmd, "objdump -d -w --no-show-raw-insn %s '%s'",
	    intel ? "-M intel" : "", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != ' ' || sscanf(line, " %llx:", &addr) != 1 ||
		    (p = strchr(line, '\t')) == NULL)
			continue;
		snprintf(want, sizeof want, "%s", p + 1);
		riprel = 0;
		if ((p = strstr(want, "        # ")) != NULL) {
			riprel = strtoull(p + 10, NULL, 16);
			*p = '\0';
		}
		if ((p = strstr(want, " <")) != NULL)
			*p = '\0';
		while (*want && want[strlen(want) - 1] == ' ')
			want[strlen(want) - 1] = '\0';
		if ((code = elf_code(elf, addr, &len)) == NULL)
			continue;
		c->total++;
		/* A sample spread over the code, and EVEX code (mask
		   registers) for sure.  */
		if (c->nsample < sizeof c->sample / sizeof c->sample[0] &&
		    (c->total % 5000 == 1 || ((strstr(want, "%k") != NULL ||
		    strstr(want, ",k") != NULL || strstr(want, "{k") != NULL) &&
		    c->nevex++ < 16)))
			c->sample[c->nsample++] = addr;
		/* In the file's mode: the -m32 samples' is 32-bit.  */
		r = fs_insn_decode_bits(code, len, addr, bits, intel, &in);
		if (r == 0 && fs_insn_decode_fast_bits(code, len, addr, bits,
		    &fast) == 0 ? fast.len != in.len : r == 0) {
			if (c->zydis++ < 10)
				fprintf(stderr, "%s %#llx: \"%s\": Zydis's "
				    "length %u\n", path, addr, in.gdbtext,
				    fast.len);
		}
		snprintf(got, sizeof got, "%s", r == 0 ? in.gdbtext : "(bad)");
		snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)
		    in.dest);
		if (r == 0 && in.dest != 0 && (p = strstr(got, hex)) != NULL)
			memmove(p, p + 2, strlen(p + 2) + 1);
		if (strcmp(got, want) != 0 || (r == 0 && in.riprel != riprel &&
		    riprel != 0)) {
			if (c->bad++ < 10)
				fprintf(stderr, "%s %#llx: objdump \"%s\" # %llx"
				    ", framescope \"%s\" # %llx\n", path, addr,
				    want, riprel, got, r == 0 ? (unsigned long
				    long)in.riprel : 0);
		}
	}
	pclose(f);
	fs_elf_free(elf);
}

/* More than MIN instructions compared, and all alike.  */
static void
cmp_check(const struct cmp *c, unsigned min)
{
	ck_assert_uint_gt(c->total, min);
	ck_assert_msg(c->bad == 0, "%u of %u instructions differ from "
	    "objdump's", c->bad, c->total);
	ck_assert_msg(c->zydis == 0, "%u of %u instructions of another length "
	    "without text", c->zydis, c->total);
}

/* Every instruction of every sample, as objdump writes it.  */
START_TEST(test_insn_samples_as_objdump)
{
	char dir[4096], path[4096 + 256];
	struct cmp c = { 0 };
	struct dirent *d;
	struct fs_elf *elf;
	unsigned files = 0;
	DIR *dp;

	snprintf(dir, sizeof dir, "%s", sample_path("."));
	ck_assert_ptr_nonnull(dp = opendir(dir));
	while ((d = readdir(dp)) != NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		if (d->d_name[0] == '.' || fs_elf_open(path, &elf, NULL) < 0)
			continue;
		fs_elf_free(elf);
		compare_objdump(path, _i, &c);
		files++;
	}
	closedir(dp);
	ck_assert_uint_gt(files, 50);
	cmp_check(&c, 10000);
}
END_TEST

/* The C library's code, whichever it is: its string functions for every
   CPU (SSE2, AVX2, EVEX, ...) are in it, whichever this one runs.  */
static const char *
libc_path(void)
{
	static char path[4096];
	Dl_info di;

	/* Not printf: a sanitizer's runtime has its own.  */
	ck_assert(dladdr((void *)gnu_get_libc_version, &di) != 0);
	ck_assert_ptr_nonnull(realpath(di.dli_fname, path));
	return path;
}

/* gdb's x/40i at each address of C's sample, in PATH, and fs_insn's text
   at each address gdb shows.  */
static void
compare_gdb(const char *path, const struct cmp *c, bool intel)
{
	struct fs_elf *elf;
	struct fs_insn in;
	const uint8_t *code;
	char cmd[8192], line[512], *text, *p;
	unsigned long long addr, riprel;
	unsigned i, total = 0, bad = 0;
	size_t n, len;
	FILE *f;

	ck_assert_int_eq(fs_elf_open(path, &elf, NULL), 0);
	n = (size_t)snprintf(cmd, sizeof cmd, "gdb -nx -batch -iex 'set "
	    "debuginfod enabled off' -ex 'set disassembly-flavor %s'",
	    intel ? "intel" : "att");
	for (i = 0; i < c->nsample && n + 64 < sizeof cmd; i++)
		n += (size_t)snprintf(cmd + n, sizeof cmd - n, " -ex 'x/40i "
		    "%#llx'", (unsigned long long)c->sample[i]);
	snprintf(cmd + n, sizeof cmd - n, " '%s' 2>&1", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, " %llx", &addr) != 1 ||
		    (text = strchr(line, '\t')) == NULL)
			continue;
		text++;
		if (strncmp(text, "Cannot access memory", 20) == 0)
			continue;
		riprel = 0;
		if ((p = strstr(text, "        # 0x")) != NULL) {
			riprel = strtoull(p + 10, NULL, 16);
			*p = '\0';
		}
		if ((p = strstr(text, " <")) != NULL)
			*p = '\0';
		if ((code = elf_code(elf, addr, &len)) == NULL)
			continue;
		total++;
		if (fs_insn_decode(code, len, addr, intel, &in) < 0)
			snprintf(in.gdbtext, sizeof in.gdbtext, "(bad)");
		if (strcmp(in.gdbtext, text) != 0 || in.riprel != riprel) {
			if (bad++ < 10)
				fprintf(stderr, "%#llx: gdb \"%s\" # %llx, "
				    "framescope \"%s\" # %llx\n", addr, text,
				    riprel, in.gdbtext,
				    (unsigned long long)in.riprel);
		}
	}
	pclose(f);
	fs_elf_free(elf);
	ck_assert_uint_gt(total, 40 * c->nsample / 2);
	ck_assert_msg(bad == 0, "%u of %u instructions differ from gdb's x/i",
	    bad, total);
}

START_TEST(test_insn_libc_as_objdump)
{
	struct cmp c = { 0 };

	compare_objdump(libc_path(), _i, &c);
	compare_gdb(libc_path(), &c, _i);
	cmp_check(&c, 100000);
}
END_TEST

Suite *
insn_suite(void)
{
	Suite *s = suite_create("insn");
	TCase *tc;

	tc = tcase_create("classifies_control_flow");
	tcase_add_test(tc, test_insn_direct_call);
	tcase_add_test(tc, test_insn_indirect_call);
	tcase_add_test(tc, test_insn_ret);
	tcase_add_test(tc, test_insn_syscall);
	tcase_add_test(tc, test_insn_jumps_have_targets);
	suite_add_tcase(s, tc);

	tc = tcase_create("formats_and_measures");
	tcase_add_test(tc, test_insn_prologue_text);
	tcase_add_test(tc, test_insn_decodes_only_the_first);
	tcase_add_test(tc, test_insn_rejects_garbage);
	suite_add_tcase(s, tc);

	tc = tcase_create("memory_accesses");
	tcase_add_test(tc, test_insn_mem_stack);
	tcase_add_test(tc, test_insn_mem_addressing);
	tcase_add_test(tc, test_insn_mem_strings);
	tcase_add_test(tc, test_insn_mem_state_and_vectors);
	tcase_add_test(tc, test_insn_writes_xstate);
	suite_add_tcase(s, tc);

	tc = tcase_create("memory_accesses_on_the_cpu");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_insn_mem_cpu, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("as_objdump");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_insn_samples_as_objdump, 0, 2);
	tcase_add_loop_test(tc, test_insn_libc_as_objdump, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
