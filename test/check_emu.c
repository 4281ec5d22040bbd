/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_emu: instructions run on registers and a fake memory,
   against known truth (the SDM's results and flags) and against this
   process's own CPU running the same instruction on the same values
   (the arithmetic of add/adc/sub/sbb/cmp/neg/inc/dec is defined to the
   last flag, so any x86-64 gives the same answer).  The lockstep check
   of the recorder against the traced process is in check_record.c. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check_common.h"
#include "fs_emu.h"
#include "fs_insn.h"

#define ARITH	0x8d5ULL	/* CF PF AF ZF SF OF */

/* A fake memory: 256 bytes at MEM_BASE.  */
#define MEM_BASE	0x7000ULL
static uint8_t mem[256];

static int
mem_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	(void)arg;
	if (addr < MEM_BASE || addr + len > MEM_BASE + sizeof mem)
		return -1;
	memcpy(buf, mem + (addr - MEM_BASE), len);
	return 0;
}

/* Decode CODE at 0x1000 and run it on R: fs_emu_exec's result.  */
static int
run(const char *code, size_t len, struct user_regs_struct *r,
    struct fs_emu_store *st)
{
	struct fs_insn in;

	ck_assert_int_eq(fs_insn_decode_fast((const uint8_t *)code, len,
	    0x1000, &in), 0);
	r->rip = 0x1000;
	return fs_emu_exec(&in, r, mem_read, NULL, st);
}

START_TEST(test_emu_known)
{
	struct user_regs_struct r;
	struct fs_emu_store st;

	/* add %rbx,%rax: 0x7fff...ff + 1 overflows into the sign.  */
	memset(&r, 0, sizeof r);
	r.rax = 0x7fffffffffffffffULL;
	r.rbx = 1;
	r.eflags = 0x202;
	ck_assert_int_eq(run("\x48\x01\xd8", 3, &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0x8000000000000000ULL);
	ck_assert_uint_eq(r.eflags & ARITH, 0x800 | 0x80 | 0x10 | 0x04);
	ck_assert_uint_eq(r.rip, 0x1003);
	ck_assert_uint_eq(st.len, 0);

	/* sub %ebx,%eax: 0 - 1 borrows; the upper half is cleared.  */
	memset(&r, 0, sizeof r);
	r.rax = 0xffffffff00000000ULL;
	r.rbx = 1;
	ck_assert_int_eq(run("\x29\xd8", 2, &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0xffffffffULL);
	ck_assert_uint_eq(r.eflags & ARITH, 0x01 | 0x04 | 0x10 | 0x80);

	/* cmp $0x5a,%al: only the flags.  */
	memset(&r, 0, sizeof r);
	r.rax = 0x1234565a;
	ck_assert_int_eq(run("\x3c\x5a", 2, &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0x1234565a);
	ck_assert_uint_eq(r.eflags & ARITH, 0x40 | 0x04);

	/* mov %ah,%bl: the high byte.  */
	memset(&r, 0, sizeof r);
	r.rax = 0xab00;
	r.rbx = 0x1111;
	ck_assert_int_eq(run("\x88\xe3", 2, &r, &st), 0);
	ck_assert_uint_eq(r.rbx, 0x11ab);

	/* push %rbp; the store below rsp, not made.  */
	memset(&r, 0, sizeof r);
	r.rsp = MEM_BASE + 128;
	r.rbp = 0x1122334455667788ULL;
	ck_assert_int_eq(run("\x55", 1, &r, &st), 0);
	ck_assert_uint_eq(r.rsp, MEM_BASE + 120);
	ck_assert_uint_eq(st.addr, MEM_BASE + 120);
	ck_assert_uint_eq(st.len, 8);
	ck_assert_uint_eq(st.bytes[0], 0x88);
	ck_assert_uint_eq(st.bytes[7], 0x11);

	/* call rel32: the return address pushed, rip the target.  */
	memset(&r, 0, sizeof r);
	r.rsp = MEM_BASE + 128;
	ck_assert_int_eq(run("\xe8\x10\x00\x00\x00", 5, &r, &st), 0);
	ck_assert_uint_eq(r.rip, 0x1015);
	ck_assert_uint_eq(st.addr, MEM_BASE + 120);
	ck_assert_uint_eq(st.bytes[0], 0x05);
	ck_assert_uint_eq(st.bytes[1], 0x10);

	/* ret: from the fake stack.  */
	memset(&r, 0, sizeof r);
	memset(mem, 0, sizeof mem);
	mem[0] = 0x34;
	mem[1] = 0x12;
	r.rsp = MEM_BASE;
	ck_assert_int_eq(run("\xc3", 1, &r, &st), 0);
	ck_assert_uint_eq(r.rip, 0x1234);
	ck_assert_uint_eq(r.rsp, MEM_BASE + 8);

	/* leave.  */
	memset(&r, 0, sizeof r);
	mem[16] = 0x99;
	r.rbp = MEM_BASE + 16;
	r.rsp = MEM_BASE;
	ck_assert_int_eq(run("\xc9", 1, &r, &st), 0);
	ck_assert_uint_eq(r.rbp, 0x99);
	ck_assert_uint_eq(r.rsp, MEM_BASE + 24);

	/* jle taken on SF != OF; cmovne with a 32-bit destination clears
	   the upper half even when nothing moves.  */
	memset(&r, 0, sizeof r);
	r.eflags = 0x80;
	ck_assert_int_eq(run("\x7e\x10", 2, &r, &st), 0);
	ck_assert_uint_eq(r.rip, 0x1012);
	memset(&r, 0, sizeof r);
	r.eflags = 0x40;
	r.rax = 0xffffffff12345678ULL;
	r.rbx = 7;
	ck_assert_int_eq(run("\x0f\x45\xc3", 3, &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0x12345678);

	/* mov %fs:0x28,%rax: the canary, at the thread pointer's base.  */
	memset(&r, 0, sizeof r);
	mem[0x30] = 0x5c;
	mem[0x37] = 0xa1;
	r.fs_base = MEM_BASE + 8;
	ck_assert_int_eq(run("\x64\x48\x8b\x04\x25\x28\x00\x00\x00", 9,
	    &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0xa10000000000005cULL);

	/* movsbl (%rdi),%eax from memory; cdqe.  */
	memset(&r, 0, sizeof r);
	mem[3] = 0x80;
	r.rdi = MEM_BASE + 3;
	ck_assert_int_eq(run("\x0f\xbe\x07", 3, &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0xffffff80);
	ck_assert_int_eq(run("\x48\x98", 2, &r, &st), 0);
	ck_assert_uint_eq(r.rax, 0xffffffffffffff80ULL);
}
END_TEST

/* What is left to the CPU, and an address that cannot be read, leave
   the registers as they were.  */
START_TEST(test_emu_refuses)
{
	static const struct {
		const char	*code;
		size_t		 len;
	} no[] = {
		{ "\x0f\x05", 2 },			/* syscall */
		{ "\x48\xc1\xe0\x03", 4 },		/* shl $3,%rax */
		{ "\x48\x0f\xaf\xc3", 4 },		/* imul %rbx,%rax */
		{ "\xf0\x48\x01\x07", 4 },		/* lock add */
		{ "\xf3\x48\xab", 3 },			/* rep stos */
		{ "\x0f\xa2", 2 },			/* cpuid */
		{ "\xc5\xf9\x6f\xc1", 4 },		/* vmovdqa */
		{ "\x48\x87\x07", 3 },			/* xchg with memory */
		{ "\x48\x8b\x07", 3 },			/* mov (%rdi): unmapped */
	};
	struct user_regs_struct r, r0;
	struct fs_emu_store st;
	size_t i;

	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		memset(&r, 0, sizeof r);
		r.rdi = 0x10;
		r0 = r;
		r0.rip = 0x1000;
		ck_assert_msg(run(no[i].code, no[i].len, &r, &st) < 0,
		    "case %zu emulated", i);
		ck_assert(memcmp(&r, &r0, sizeof r) == 0);
	}
}
END_TEST

/* The CPU's flags for OP (one of the forms below) on A, B, flags FIN.  */
static uint64_t
cpu_arith(int op, uint64_t *a, uint64_t b, uint64_t fin)
{
	uint64_t fl, x = *a;

#define ARITH_ASM(insn, cons) \
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t" \
	    "push %[fin]\n\tpopfq\n\t" insn "\n\t" \
	    "pushfq\n\tpop %[fl]\n\tlea 128(%%rsp), %%rsp" \
	    : [a] "+" cons (x), [fl] "=&r" (fl) : [b] "r" (b), \
	    [fin] "r" (fin) : "cc", "memory")
	switch (op) {
	case 0: ARITH_ASM("add %[b], %[a]", "r"); break;
	case 1: ARITH_ASM("adc %[b], %[a]", "r"); break;
	case 2: ARITH_ASM("sub %[b], %[a]", "r"); break;
	case 3: ARITH_ASM("sbb %[b], %[a]", "r"); break;
	case 4: ARITH_ASM("cmp %[b], %[a]", "r"); break;
	case 5: ARITH_ASM("neg %[a]", "r"); break;
	case 6: ARITH_ASM("inc %[a]", "r"); break;
	case 7: ARITH_ASM("dec %[a]", "r"); break;
	case 8: ARITH_ASM("addb %b[b], %b[a]", "q"); break;
	case 9: ARITH_ASM("sbbb %b[b], %b[a]", "q"); break;
	case 10: ARITH_ASM("subl %k[b], %k[a]", "r"); break;
	default: ARITH_ASM("adcw %w[b], %w[a]", "r"); break;
	}
#undef ARITH_ASM
	*a = x;
	return fl;
}

/* The same in fs_emu: the forms' encodings with rax the destination and
   rbx the source.  */
START_TEST(test_emu_arith_as_cpu)
{
	static const struct {
		const char	*code;
		size_t		 len;
	} forms[] = {
		{ "\x48\x01\xd8", 3 }, { "\x48\x11\xd8", 3 },
		{ "\x48\x29\xd8", 3 }, { "\x48\x19\xd8", 3 },
		{ "\x48\x39\xd8", 3 }, { "\x48\xf7\xd8", 3 },
		{ "\x48\xff\xc0", 3 }, { "\x48\xff\xc8", 3 },
		{ "\x00\xd8", 2 }, { "\x18\xd8", 2 }, { "\x29\xd8", 2 },
		{ "\x66\x11\xd8", 3 },
	};
	/* The edges of every size, then values of a fixed pseudo-random
	   sequence.  */
	uint64_t v[48] = { 0, 1, 2, 0x08, 0x0f, 0x10, 0x7f, 0x80, 0xff,
	    0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
	    0x7fffffffffffffffULL, 0x8000000000000000ULL,
	    0xffffffffffffffffULL, 0x0123456789abcdefULL,
	    0xfedcba9876543210ULL, 0x00000000fffffff0ULL };
	struct user_regs_struct r;
	struct fs_emu_store st;
	uint64_t a, fl, fin, x = 0x9e3779b97f4a7c15ULL;
	size_t op, i, j, k;

	for (i = 21; i < sizeof v / sizeof v[0]; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		v[i] = x >> (i % 4 * 16);
	}

	for (op = 0; op < sizeof forms / sizeof forms[0]; op++)
		for (i = 0; i < sizeof v / sizeof v[0]; i++)
			for (j = 0; j < sizeof v / sizeof v[0]; j++)
				for (k = 0; k < 2; k++) {
					fin = 0x202 | (k ? ARITH : 0);
					a = v[i];
					fl = cpu_arith((int)op, &a, v[j], fin);
					memset(&r, 0, sizeof r);
					r.rax = v[i];
					r.rbx = v[j];
					r.eflags = fin;
					ck_assert_int_eq(run(forms[op].code,
					    forms[op].len, &r, &st), 0);
					ck_assert_msg(r.rax == a &&
					    (r.eflags & ARITH) == (fl & ARITH),
					    "form %zu on 0x%llx, 0x%llx, CF %zu: "
					    "0x%llx flags 0x%llx, the CPU's "
					    "0x%llx flags 0x%llx", op,
					    (unsigned long long)v[i],
					    (unsigned long long)v[j], k,
					    (unsigned long long)r.rax,
					    (unsigned long long)(r.eflags &
					    ARITH), (unsigned long long)a,
					    (unsigned long long)(fl & ARITH));
				}
}
END_TEST

Suite *
emu_suite(void)
{
	Suite *s = suite_create("emu");
	TCase *tc = tcase_create("emu");

	tcase_add_test(tc, test_emu_known);
	tcase_add_test(tc, test_emu_refuses);
	tcase_add_test(tc, test_emu_arith_as_cpu);
	suite_add_tcase(s, tc);
	return s;
}
