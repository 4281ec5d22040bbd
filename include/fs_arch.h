/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_arch: what framescope knows of a processor architecture, one
 * description each (x86-64, i386), chosen per process and per ELF file.
 * A 64-bit tracer sees a 32-bit process's registers in the 64-bit struct
 * user_regs_struct (eax in rax, zero-extended; eip in rip), so the
 * registers are always kept there; the description says what they are
 * called, how wide a word and an address are, which DWARF number names
 * which register, which columns of the CFI are the stack pointer, frame
 * pointer and return address, how the ABI passes arguments, whether there
 * is a red zone, where the stack protector's guard lives, what a signal
 * frame holds, and the decoder's mode.  Modules ask it rather than test
 * for an architecture.
 */
#ifndef FS_ARCH_H
#define FS_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

struct fs_syscall_abi;

/* The general registers, in gdb's `info registers` order, with how gdb
   shows each.  */
enum fs_regkind { FS_REG_INT, FS_REG_POINTER, FS_REG_CODE, FS_REG_FLAGS };

struct fs_regdesc {
	const char	*name;		/* "rax", "eip", "fs_base" */
	size_t		 off;		/* in struct user_regs_struct */
	enum fs_regkind	 kind;
};

/* The registers the unwinder follows from frame to frame, the return
   address first: on x86-64 rip, rsp, rbp, rbx, r12..r15; on i386 eip,
   esp, ebp, ebx, esi, edi (the callee-saved ones).  */
#define FS_ARCH_NUNWIND	8

/* A register a signal frame's sigcontext holds, and where.  */
struct fs_arch_screg {
	const char	*name;
	int16_t		 off;
};

/* Where a signal frame keeps the registers of the code it interrupted:
   the address of the sigcontext from the trampoline frame's sp, and the
   offset of each register in it.  */
struct fs_arch_sigframe {
	const uint8_t	*code;		/* the trampoline's instructions */
	size_t		 len;
	int		 skip;		/* bytes of code before which the
					   sigcontext is at sp + SP_OFF +
					   word (i386's `pop %eax`), -1 */
	int		 sp_off;	/* sigcontext at sp + SP_OFF, or ... */
	int		 uc_ptr;	/* ... the ucontext pointed to by the
					   word at sp + UC_PTR (>= 0) */
	int		 uc_sc;		/* ... plus UC_SC */
};

struct fs_arch {
	const char	*name;		/* "x86-64", "i386": the snapshot's */
	const char	*gdb_name;	/* gdb's: "i386:x86-64", "i386" */
	unsigned	 word;		/* bytes of a pointer, a long, a stack
					   slot, a pushed return address */
	unsigned	 addr_digits;	/* hex digits gdb pads a code
					   address to in `bt`: 16, 8 */
	const char	*sp, *fp, *pc;	/* "rsp", "rbp", "rip" */
	const char	*sp_up, *fp_up;	/* "RSP", "RBP": the TUI's markers */
	const struct fs_regdesc *regs;	/* info registers, gdb's order */
	size_t		 nregs;
	const struct fs_regdesc *more;	/* named but not shown (orig_rax) */
	size_t		 nmore;
	/* DWARF register number N is the register at DWARF_OFF[N] in
	   struct user_regs_struct, when N < NDWARF and it is not -1.  */
	const int16_t	*dwarf_off;
	unsigned	 ndwarf;
	const char *const *dwarf_names;	/* gdb's name of each, or NULL */
	unsigned	 dw_sp, dw_fp, dw_ra;	/* CFI columns */
	/* The registers the unwinder follows (FS_ARCH_NUNWIND): their DWARF
	   numbers (0xff: none) and offsets in user_regs_struct.  */
	uint8_t		 unwind_dw[FS_ARCH_NUNWIND];
	uint16_t	 unwind_off[FS_ARCH_NUNWIND];
	/* The names fs_unwind gives its enum fs_ureg (callee-saved
	   registers, sp and pc), NULL for one the ABI does not have.  */
	const char *const *ureg_names;
	/* The DWARF number of each of them (0xff: none).  */
	uint8_t		 ureg_dw[8];
	/* Those registers in gdb's register order (`info frame`'s saved
	   registers), 0xff after the last.  */
	uint8_t		 ureg_order[8];
	unsigned	 red_zone;	/* bytes below sp a leaf may use */
	unsigned	 call_room;	/* below it, what gdb's inferior call
					   keeps for its code: 1 byte
					   (x86-64), 16 (i386) */
	/* Integer arguments in registers (offsets in user_regs_struct) by
	   the ABI's default convention; 0 on i386, where cdecl pushes them
	   all.  */
	const uint16_t	*arg_regs;
	unsigned	 narg_regs;
	/* The thread pointer (glibc's pthread_t, the TCB): the base of %fs
	   on x86-64, of %gs on i386, at TP in user_regs_struct.  The stack
	   protector's guard is at TP + CANARY_OFF; CANARY_TEXT as gdb would
	   write the operand.  */
	size_t		 tp;
	unsigned	 canary_off;
	const char	*canary_text;
	/* The signal trampolines: plain sigreturn and rt_sigreturn (x86-64
	   has only the latter).  */
	const struct fs_arch_sigframe *sigframes;
	size_t		 nsigframes;
	/* The offsets in the sigcontext of the registers the unwinder
	   follows, in unwind_dw's order (-1: not there).  */
	int16_t		 sc_off[FS_ARCH_NUNWIND];
	/* Every register the sigcontext holds but the stack pointer, in
	   the order gdb's `info frame' lists a signal frame's saved
	   registers; the stack pointer's offset, and whether gdb says
	   where it is saved ("Previous frame's sp at", as the CFI of
	   x86-64's restorer, glibc's __restore_rt, puts it) or what it is
	   ("is", as the i386 vDSO's).  */
	const struct fs_arch_screg *sc_regs;
	size_t		 nsc_regs;
	int16_t		 sc_sp;
	bool		 sc_sp_at;
	unsigned	 insn_bits;	/* the decoder's mode: 64, 32 */
	unsigned	 nvec;		/* xmm, ymm, zmm registers a program
					   may name: 32 (as many as the
					   processor has), 8 */
	bool		 mmx;		/* and mm0-mm7, as gdb on i386 */
	/* The system calls' numbers, arguments and structures (fs_syscall):
	   what the recorder needs of them.  */
	const struct fs_syscall_abi *syscalls;
	/* Those int $0x80 and sysenter make (fs_insn's compat_syscall):
	   the kernel takes them as i386's whatever the code's mode.  */
	const struct fs_syscall_abi *compat_syscalls;
	/* System calls go through the vDSO (i386's __kernel_vsyscall), so
	   a stopped thread is often in it: its symbols and CFI are needed,
	   read from the process's memory.  */
	bool		 vdso_module;
	bool		 libunwind;	/* libunwind-ptrace unwinds it: the
					   host architecture */
	uint16_t	 elf_machine;	/* EM_X86_64, EM_386 */
	uint8_t		 elf_class;	/* ELFCLASS64, ELFCLASS32 */
};

extern const struct fs_arch fs_arch_x86_64;
extern const struct fs_arch fs_arch_i386;

/* The architecture of the code a thread runs, by its code segment: the
   kernel's 32-bit user code selector is 0x23.  */
const struct fs_arch *fs_arch_of_regs(const struct user_regs_struct *r);
/* The architecture of an ELF file of CLASS and MACHINE, NULL for none we
   know.  */
const struct fs_arch *fs_arch_of_elf(unsigned elf_class, unsigned machine);

/* The value of the register named NAME[0..LEN) in R, as wide as the
   architecture's registers are.  Returns 0, or -1 for no such register.  */
int	fs_arch_regval(const struct fs_arch *a,
	    const struct user_regs_struct *r, const char *name, size_t len,
	    uint64_t *val);
/* Store VAL into the register named NAME[0..LEN).  Returns 0 or -1.  */
int	fs_arch_set_regval(const struct fs_arch *a,
	    struct user_regs_struct *r, const char *name, size_t len,
	    uint64_t val);
/* The value of DWARF register N in R: 0, or -1 when the architecture
   has no such register among the general ones.  */
int	fs_arch_dwarf_reg(const struct fs_arch *a,
	    const struct user_regs_struct *r, unsigned n, uint64_t *val);
/* gdb's name of DWARF register N ("rbp", "ebp"), NULL when none.  */
const char *fs_arch_dwarf_name(const struct fs_arch *a, unsigned n);

/* Read a word of the architecture's size from P, zero-extended.  */
uint64_t fs_arch_word(const struct fs_arch *a, const void *p);

#endif
