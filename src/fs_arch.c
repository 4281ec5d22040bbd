/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_arch: the descriptions of x86-64 and i386 (see include/fs_arch.h).
 */
#include <elf.h>
#include <string.h>

#include "fs_arch.h"
#include "fs_syscall.h"

#define OFF(f)	offsetof(struct user_regs_struct, f)

/* --- x86-64 --- */

static const struct fs_regdesc regs64[] = {
#define R(n, k) { #n, OFF(n), k }
	R(rax, FS_REG_INT), R(rbx, FS_REG_INT), R(rcx, FS_REG_INT),
	R(rdx, FS_REG_INT), R(rsi, FS_REG_INT), R(rdi, FS_REG_INT),
	R(rbp, FS_REG_POINTER), R(rsp, FS_REG_POINTER), R(r8, FS_REG_INT),
	R(r9, FS_REG_INT), R(r10, FS_REG_INT), R(r11, FS_REG_INT),
	R(r12, FS_REG_INT), R(r13, FS_REG_INT), R(r14, FS_REG_INT),
	R(r15, FS_REG_INT), R(rip, FS_REG_CODE), R(eflags, FS_REG_FLAGS),
	R(cs, FS_REG_INT), R(ss, FS_REG_INT), R(ds, FS_REG_INT),
	R(es, FS_REG_INT), R(fs, FS_REG_INT), R(gs, FS_REG_INT),
	R(fs_base, FS_REG_INT), R(gs_base, FS_REG_INT),
	/* Not in gdb's `info registers`.  */
	R(orig_rax, FS_REG_INT),
#undef R
};

static const int16_t dwoff64[] = {
	OFF(rax), OFF(rdx), OFF(rcx), OFF(rbx), OFF(rsi), OFF(rdi),
	OFF(rbp), OFF(rsp), OFF(r8), OFF(r9), OFF(r10), OFF(r11),
	OFF(r12), OFF(r13), OFF(r14), OFF(r15), OFF(rip),
};

static const char *const dwname64[] = {
	"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip",
};

static const char *const ureg64[] = { "rbx", "rbp", "r12", "r13", "r14",
    "r15", "rsp", "rip" };

static const uint16_t args64[] = { OFF(rdi), OFF(rsi), OFF(rdx), OFF(rcx),
    OFF(r8), OFF(r9) };

/* mov $15,%rax; syscall: glibc's __restore_rt and the vDSO's.  The
   ucontext is on the stack where the return address was popped from,
   its sigcontext (uc_mcontext) 40 bytes in.  */
static const uint8_t rt64[] = { 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00,
    0x0f, 0x05 };
static const struct fs_arch_sigframe sig64[] = {
	{ rt64, sizeof rt64, -1, 40, -1, 0 },
};

/* struct sigcontext: r8..r15 at 0..56, rdi 64, rsi 72, rbp 80, rbx 88,
   rdx 96, rax 104, rcx 112, rsp 120, rip 128.  */
static const struct fs_arch_screg screg64[] = {
	{ "rax", 104 }, { "rbx", 88 }, { "rcx", 112 }, { "rdx", 96 },
	{ "rsi", 72 }, { "rdi", 64 }, { "rbp", 80 }, { "r8", 0 },
	{ "r9", 8 }, { "r10", 16 }, { "r11", 24 }, { "r12", 32 },
	{ "r13", 40 }, { "r14", 48 }, { "r15", 56 }, { "rip", 128 },
};

const struct fs_arch fs_arch_x86_64 = {
	.name = "x86-64",
	.gdb_name = "i386:x86-64",
	.word = 8,
	.addr_digits = 16,
	.sp = "rsp", .fp = "rbp", .pc = "rip",
	.sp_up = "RSP", .fp_up = "RBP",
	.regs = regs64,
	.nregs = sizeof regs64 / sizeof regs64[0] - 1,
	.more = regs64 + sizeof regs64 / sizeof regs64[0] - 1,
	.nmore = 1,
	.dwarf_off = dwoff64,
	.ndwarf = sizeof dwoff64 / sizeof dwoff64[0],
	.dwarf_names = dwname64,
	.dw_sp = 7, .dw_fp = 6, .dw_ra = 16,
	.unwind_dw = { 16, 7, 6, 3, 12, 13, 14, 15 },
	.unwind_off = { OFF(rip), OFF(rsp), OFF(rbp), OFF(rbx), OFF(r12),
	    OFF(r13), OFF(r14), OFF(r15) },
	.ureg_names = ureg64,
	.ureg_order = { 0, 1, 6, 2, 3, 4, 5, 7 },
	.ureg_dw = { 3, 6, 12, 13, 14, 15, 7, 16 },
	.red_zone = 128,
	.call_room = 1,
	.arg_regs = args64,
	.narg_regs = 6,
	.tp = OFF(fs_base),
	.canary_off = 0x28,
	.canary_text = "%fs:0x28",
	.sigframes = sig64,
	.nsigframes = 1,
	/* struct sigcontext: r8..r15 at 0..56, rdi 64, rsi 72, rbp 80,
	   rbx 88, rdx 96, rax 104, rcx 112, rsp 120, rip 128.  */
	.sc_off = { 128, 120, 80, 88, 32, 40, 48, 56 },
	.sc_regs = screg64,
	.nsc_regs = sizeof screg64 / sizeof screg64[0],
	.sc_sp = 120,
	.sc_sp_at = true,
	.insn_bits = 64,
	.nvec = 32,
	.syscalls = &fs_syscall_x86_64,
	.compat_syscalls = &fs_syscall_i386,
	.libunwind = true,
	.elf_machine = EM_X86_64,
	.elf_class = ELFCLASS64,
};

/* --- i386 --- */

static const struct fs_regdesc regs32[] = {
#define R(n, f, k) { #n, OFF(f), k }
	R(eax, rax, FS_REG_INT), R(ecx, rcx, FS_REG_INT),
	R(edx, rdx, FS_REG_INT), R(ebx, rbx, FS_REG_INT),
	R(esp, rsp, FS_REG_POINTER), R(ebp, rbp, FS_REG_POINTER),
	R(esi, rsi, FS_REG_INT), R(edi, rdi, FS_REG_INT),
	R(eip, rip, FS_REG_CODE), R(eflags, eflags, FS_REG_FLAGS),
	R(cs, cs, FS_REG_INT), R(ss, ss, FS_REG_INT), R(ds, ds, FS_REG_INT),
	R(es, es, FS_REG_INT), R(fs, fs, FS_REG_INT), R(gs, gs, FS_REG_INT),
	/* Not in gdb's `info registers` on i386.  */
	R(orig_eax, orig_rax, FS_REG_INT), R(fs_base, fs_base, FS_REG_INT),
	R(gs_base, gs_base, FS_REG_INT),
#undef R
};

static const int16_t dwoff32[] = {
	OFF(rax), OFF(rcx), OFF(rdx), OFF(rbx), OFF(rsp), OFF(rbp),
	OFF(rsi), OFF(rdi), OFF(rip),
};

static const char *const dwname32[] = {
	"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip",
};

/* fs_unwind's FS_UREG_R12 and R13 stand for esi and edi, the i386 ABI's
   other callee-saved registers.  */
static const char *const ureg32[] = { "ebx", "ebp", "esi", "edi", NULL,
    NULL, "esp", "eip" };

/* The vDSO's __kernel_sigreturn (pop %eax; mov $119,%eax; int $0x80),
   whose struct sigframe holds the sigcontext right after the signal
   number, and __kernel_rt_sigreturn (mov $173,%eax; int $0x80), whose
   rt_sigframe passes the ucontext's address as the handler's third
   argument, its sigcontext 20 bytes in.  glibc's own restorers are the
   same code.  */
static const uint8_t sig32_code[] = { 0x58, 0xb8, 0x77, 0x00, 0x00, 0x00,
    0xcd, 0x80 };
static const uint8_t rt32_code[] = { 0xb8, 0xad, 0x00, 0x00, 0x00, 0xcd,
    0x80 };
static const struct fs_arch_sigframe sig32[] = {
	{ sig32_code, sizeof sig32_code, 1, 0, -1, 0 },
	{ rt32_code, sizeof rt32_code, -1, 0, 8, 20 },
};

/* struct sigcontext (32-bit): gs, fs, es, ds, edi 16, esi 20, ebp 24,
   esp 28, ebx 32, edx 36, ecx 40, eax 44, trapno, err, eip 56.  */
static const struct fs_arch_screg screg32[] = {
	{ "eax", 44 }, { "ecx", 40 }, { "edx", 36 }, { "ebx", 32 },
	{ "ebp", 24 }, { "esi", 20 }, { "edi", 16 }, { "eip", 56 },
};

const struct fs_arch fs_arch_i386 = {
	.name = "i386",
	.gdb_name = "i386",
	.word = 4,
	.addr_digits = 8,
	.sp = "esp", .fp = "ebp", .pc = "eip",
	.sp_up = "ESP", .fp_up = "EBP",
	.regs = regs32,
	.nregs = 16,
	.more = regs32 + 16,
	.nmore = 3,
	.dwarf_off = dwoff32,
	.ndwarf = sizeof dwoff32 / sizeof dwoff32[0],
	.dwarf_names = dwname32,
	.dw_sp = 4, .dw_fp = 5, .dw_ra = 8,
	.unwind_dw = { 8, 4, 5, 3, 6, 7, 0xff, 0xff },
	.unwind_off = { OFF(rip), OFF(rsp), OFF(rbp), OFF(rbx), OFF(rsi),
	    OFF(rdi), OFF(r14), OFF(r15) },
	.ureg_names = ureg32,
	.ureg_order = { 0, 6, 1, 2, 3, 7, 0xff, 0xff },
	.ureg_dw = { 3, 5, 6, 7, 0xff, 0xff, 4, 8 },
	.red_zone = 0,
	.call_room = 16,
	.arg_regs = NULL,
	.narg_regs = 0,
	.tp = OFF(gs_base),
	.canary_off = 0x14,
	.canary_text = "%gs:0x14",
	.sigframes = sig32,
	.nsigframes = 2,
	/* struct sigcontext (32-bit): gs, fs, es, ds, edi 16, esi 20,
	   ebp 24, esp 28, ebx 32, edx 36, ecx 40, eax 44, trapno, err,
	   eip 56.  */
	.sc_off = { 56, 28, 24, 32, 20, 16, -1, -1 },
	.sc_regs = screg32,
	.nsc_regs = sizeof screg32 / sizeof screg32[0],
	.sc_sp = 28,
	.sc_sp_at = false,
	.insn_bits = 32,
	.nvec = 8,
	.mmx = true,
	.syscalls = &fs_syscall_i386,
	.compat_syscalls = &fs_syscall_i386,
	.vdso_module = true,
	.libunwind = false,
	.elf_machine = EM_386,
	.elf_class = ELFCLASS32,
};

const struct fs_arch *
fs_arch_of_regs(const struct user_regs_struct *r)
{
	return r->cs == 0x23 ? &fs_arch_i386 : &fs_arch_x86_64;
}

const struct fs_arch *
fs_arch_of_elf(unsigned elf_class, unsigned machine)
{
	if (elf_class == ELFCLASS64 && machine == EM_X86_64)
		return &fs_arch_x86_64;
	if (elf_class == ELFCLASS32 && machine == EM_386)
		return &fs_arch_i386;
	return NULL;
}

static const struct fs_regdesc *
regdesc(const struct fs_arch *a, const char *name, size_t len)
{
	const struct fs_regdesc *d;
	size_t i;

	for (i = 0; i < a->nregs + a->nmore; i++) {
		d = i < a->nregs ? &a->regs[i] : &a->more[i - a->nregs];
		if (strlen(d->name) == len && strncmp(d->name, name, len) == 0)
			return d;
	}
	return NULL;
}

uint64_t
fs_arch_word(const struct fs_arch *a, const void *p)
{
	uint64_t v = 0;

	memcpy(&v, p, a->word);
	return v;
}

int
fs_arch_regval(const struct fs_arch *a, const struct user_regs_struct *r,
    const char *name, size_t len, uint64_t *val)
{
	const struct fs_regdesc *d = regdesc(a, name, len);

	if (d == NULL)
		return -1;
	/* Segment registers and the 32-bit ones are held zero-extended.  */
	*val = fs_arch_word(a, (const char *)r + d->off);
	return 0;
}

int
fs_arch_set_regval(const struct fs_arch *a, struct user_regs_struct *r,
    const char *name, size_t len, uint64_t val)
{
	const struct fs_regdesc *d = regdesc(a, name, len);

	if (d == NULL)
		return -1;
	if (a->word < 8)
		val &= ((uint64_t)1 << (a->word * 8)) - 1;
	memcpy((char *)r + d->off, &val, 8);
	return 0;
}

int
fs_arch_dwarf_reg(const struct fs_arch *a, const struct user_regs_struct *r,
    unsigned n, uint64_t *val)
{
	if (n >= a->ndwarf || a->dwarf_off[n] < 0)
		return -1;
	*val = fs_arch_word(a, (const char *)r + a->dwarf_off[n]);
	return 0;
}

const char *
fs_arch_dwarf_name(const struct fs_arch *a, unsigned n)
{
	return n < a->ndwarf ? a->dwarf_names[n] : NULL;
}
