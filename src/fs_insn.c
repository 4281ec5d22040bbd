/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_insn: one-instruction decoding (see include/fs_insn.h), with two
 * libraries, each for what it does best.
 *
 * Zydis decodes: every instruction of x86-64 (AVX-512, AMX, CET, ...),
 * each operand with what it does (read, written, conditionally, explicit
 * or hidden: push's store below rsp, movs's [rsi] and [rdi]), so the
 * stepping logic and fs_insn_mem_access stand on a table of the whole
 * instruction set rather than on a list kept here.
 *
 * libopcodes writes the text: it is the disassembler of gdb and objdump,
 * so its text is theirs by construction, in AT&T and Intel syntax, where
 * any other library's needs rewriting that never ends.
 *
 * Both are loaded with dlopen on the first decode, not linked: a start of
 * framescope that decodes nothing (attach, bt, detach) pays neither's
 * relocations (libopcodes brings libbfd), and a decode without text does
 * not load libopcodes at all.
 */
#include <cpuid.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <Zydis/Zydis.h>
#include <dis-asm.h>

#include "fs_insn.h"

#ifndef FS_ZYDIS_SONAME
#define FS_ZYDIS_SONAME "libZydis.so"
#endif
#ifndef FS_OPCODES_SONAME
#define FS_OPCODES_SONAME "libopcodes.so"
#endif

/* --- Loading the libraries --- */

struct fn {
	const char	*name;
	void		**fn;
};

/* Open SONAME and resolve every name of FNS; false when anything is
   missing.  */
static bool
load(const char *soname, const struct fn *fns, size_t n)
{
	void *lib;
	size_t i;

	if ((lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return false;
	for (i = 0; i < n; i++)
		if ((*fns[i].fn = dlsym(lib, fns[i].name)) == NULL) {
			dlclose(lib);
			return false;
		}
	return true;
}

static struct {
	ZyanStatus	(*init)(ZydisDecoder *, ZydisMachineMode,
			    ZydisStackWidth);
	ZyanStatus	(*decode)(const ZydisDecoder *, const void *,
			    ZyanUSize, ZydisDecodedInstruction *,
			    ZydisDecodedOperand *);
	ZyanStatus	(*fmtinit)(ZydisFormatter *, ZydisFormatterStyle);
	ZyanStatus	(*format)(const ZydisFormatter *,
			    const ZydisDecodedInstruction *,
			    const ZydisDecodedOperand *, ZyanU8, char *,
			    ZyanUSize, ZyanU64, void *);
	ZydisDecoder	dec, dec32;
	bool		tried, ok;
} zy;

static bool
zy_load(void)
{
	const struct fn fns[] = {
		{ "ZydisDecoderInit", (void **)&zy.init },
		{ "ZydisDecoderDecodeFull", (void **)&zy.decode },
		{ "ZydisFormatterInit", (void **)&zy.fmtinit },
		{ "ZydisFormatterFormatInstruction", (void **)&zy.format },
	};

	if (!zy.tried) {
		zy.tried = true;
		zy.ok = load(FS_ZYDIS_SONAME, fns, sizeof fns / sizeof fns[0]) &&
		    ZYAN_SUCCESS(zy.init(&zy.dec, ZYDIS_MACHINE_MODE_LONG_64,
		    ZYDIS_STACK_WIDTH_64)) &&
		    ZYAN_SUCCESS(zy.init(&zy.dec32,
		    ZYDIS_MACHINE_MODE_LEGACY_32, ZYDIS_STACK_WIDTH_32));
	}
	return zy.ok;
}

static struct {
	void		(*init)(struct disassemble_info *, void *,
			    fprintf_ftype, fprintf_styled_ftype);
	void		(*init_target)(struct disassemble_info *);
	disassembler_ftype (*disassembler)(enum bfd_architecture, bool,
			    unsigned long, bfd *);
	disassembler_ftype print;
	bool		tried, ok;
} op;

static bool
op_load(void)
{
	const struct fn fns[] = {
		{ "init_disassemble_info", (void **)&op.init },
		{ "disassemble_init_for_target", (void **)&op.init_target },
		{ "disassembler", (void **)&op.disassembler },
	};

	if (!op.tried) {
		op.tried = true;
		op.ok = load(FS_OPCODES_SONAME, fns, sizeof fns /
		    sizeof fns[0]) && (op.print = op.disassembler(bfd_arch_i386,
		    false, bfd_mach_x86_64, NULL)) != NULL;
	}
	return op.ok;
}

/* --- Decoding: Zydis --- */

/* The slot of a general register in struct user_regs_struct, plus one;
   0 for anything else.  */
static uint8_t
gpr_slot(ZydisRegister r)
{
#define S(f) (uint8_t)(offsetof(struct user_regs_struct, f) / 8 + 1)
	static const uint8_t slot[16] = { S(rax), S(rcx), S(rdx), S(rbx),
	    S(rsp), S(rbp), S(rsi), S(rdi), S(r8), S(r9), S(r10), S(r11),
	    S(r12), S(r13), S(r14), S(r15) };
#undef S

	if (r >= ZYDIS_REGISTER_RAX && r <= ZYDIS_REGISTER_R15)
		return slot[r - ZYDIS_REGISTER_RAX];
	if (r >= ZYDIS_REGISTER_EAX && r <= ZYDIS_REGISTER_R15D)
		return slot[r - ZYDIS_REGISTER_EAX];
	return 0;
}

static bool
is_xstate_reg(ZydisRegister r)
{
	return (r >= ZYDIS_REGISTER_ST0 && r <= ZYDIS_REGISTER_X87TAG) ||
	    (r >= ZYDIS_REGISTER_MM0 && r <= ZYDIS_REGISTER_MM7) ||
	    (r >= ZYDIS_REGISTER_XMM0 && r <= ZYDIS_REGISTER_ZMM31) ||
	    (r >= ZYDIS_REGISTER_TMM0 && r <= ZYDIS_REGISTER_TMM7) ||
	    (r >= ZYDIS_REGISTER_K0 && r <= ZYDIS_REGISTER_K7) ||
	    r == ZYDIS_REGISTER_MXCSR || r == ZYDIS_REGISTER_PKRU;
}

/* The size of the XSAVE area for the state components the kernel enabled
   in XCR0: CPUID leaf 0xD, sub-leaf 0, EBX.  The traced process runs on
   this CPU with the same XCR0.  XSAVEC's compacted area is never larger
   for the same components.  */
static uint32_t
xsave_size(void)
{
	static uint32_t size;
	unsigned a, b, c, d;

	if (size == 0)
		size = __get_cpuid_count(0xd, 0, &a, &b, &c, &d) && b >= 576 ?
		    b : 4096;
	return size;
}

/* What an instruction Zydis cannot tell about may do: anything.  */
static void
unknown_effects(struct fs_insn *out)
{
	out->writes_mem = out->writes_xstate = out->mem_unknown = true;
	out->nmem = 0;
}

/* Add a memory operand.  */
static struct fs_insn_memop *
add_mem(struct fs_insn *out)
{
	if (out->nmem == FS_INSN_MAXMEM) {
		out->mem_unknown = true;
		return NULL;
	}
	memset(&out->mem[out->nmem], 0, sizeof out->mem[0]);
	return &out->mem[out->nmem++];
}

/* The memory operand O of instruction ZI, at ADDR, into OUT->mem.  */
static void
mem_operand(const ZydisDecodedInstruction *zi, const ZydisDecodedOperand *o,
    uint64_t addr, struct fs_insn *out)
{
	const ZydisDecodedOperandMem *m = &o->mem;
	struct fs_insn_memop *mo;
	ZydisOperandActions act = o->actions;
	bool r = act & (ZYDIS_OPERAND_ACTION_READ |
	    ZYDIS_OPERAND_ACTION_CONDREAD);
	bool w = act & (ZYDIS_OPERAND_ACTION_WRITE |
	    ZYDIS_OPERAND_ACTION_CONDWRITE);

	if (m->base == ZYDIS_REGISTER_RIP)
		out->riprel = addr + zi->length + (uint64_t)m->disp.value;
	if (w)
		out->writes_mem = true;
	/* lea computes an address; nop and the hints touch nothing.  */
	if (m->type == ZYDIS_MEMOP_TYPE_AGEN ||
	    zi->meta.category == ZYDIS_CATEGORY_WIDENOP ||
	    zi->meta.category == ZYDIS_CATEGORY_PREFETCH)
		return;
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_CLFLUSH:
	case ZYDIS_MNEMONIC_CLFLUSHOPT:
	case ZYDIS_MNEMONIC_CLWB:
	case ZYDIS_MNEMONIC_CLDEMOTE:
		return;
	default:
		break;
	}
	/* Vector indices (scatter, gather), MPX's MIB, AMX tile rows: the
	   addresses need more than the general registers.  */
	if (m->type != ZYDIS_MEMOP_TYPE_MEM || o->size == 0 ||
	    (mo = add_mem(out)) == NULL) {
		out->mem_unknown = true;
		return;
	}
	mo->size = o->size / 8;
	mo->access = (r ? FS_INSN_ACC_READ : 0) | (w ? FS_INSN_ACC_WRITE : 0);
	if (act & (ZYDIS_OPERAND_ACTION_CONDREAD |
	    ZYDIS_OPERAND_ACTION_CONDWRITE))
		mo->access |= FS_INSN_ACC_MAYBE;
	if (m->segment == ZYDIS_REGISTER_FS)
		mo->seg = FS_INSN_SEG_FS;
	else if (m->segment == ZYDIS_REGISTER_GS)
		mo->seg = FS_INSN_SEG_GS;
	if (zi->address_width == 32)
		mo->flags |= FS_INSN_MOP_ADDR32;
	mo->disp = m->disp.value;
	if (m->base == ZYDIS_REGISTER_RIP || m->base == ZYDIS_REGISTER_EIP)
		mo->disp = (int64_t)(addr + zi->length) + m->disp.value;
	else if (m->base != ZYDIS_REGISTER_NONE &&
	    (mo->base = gpr_slot(m->base)) == 0)
		out->mem_unknown = true;
	if (m->index != ZYDIS_REGISTER_NONE) {
		if ((mo->index = gpr_slot(m->index)) == 0)
			out->mem_unknown = true;
		mo->scale = m->scale;
	}
	/* A hidden store through rsp is a push (push, call, enter): below
	   the stack pointer.  An explicit operand of pop based on rsp is
	   addressed after pop moved it.  */
	if (o->visibility == ZYDIS_OPERAND_VISIBILITY_HIDDEN && w &&
	    (m->base == ZYDIS_REGISTER_RSP || m->base == ZYDIS_REGISTER_ESP))
		mo->disp -= (int64_t)mo->size;
	else if (zi->mnemonic == ZYDIS_MNEMONIC_POP &&
	    o->visibility == ZYDIS_OPERAND_VISIBILITY_EXPLICIT &&
	    (m->base == ZYDIS_REGISTER_RSP || m->base == ZYDIS_REGISTER_ESP))
		mo->disp += zi->operand_width / 8;
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_XSAVE:
	case ZYDIS_MNEMONIC_XSAVE64:
	case ZYDIS_MNEMONIC_XSAVEC:
	case ZYDIS_MNEMONIC_XSAVEC64:
	case ZYDIS_MNEMONIC_XSAVEOPT:
	case ZYDIS_MNEMONIC_XSAVEOPT64:
	case ZYDIS_MNEMONIC_XRSTOR:
	case ZYDIS_MNEMONIC_XRSTOR64:
		/* Only the components asked for, in use, are stored.  */
		mo->size = xsave_size();
		if (w)
			mo->access |= FS_INSN_ACC_MAYBE;
		break;
	case ZYDIS_MNEMONIC_XSAVES:
	case ZYDIS_MNEMONIC_XSAVES64:
	case ZYDIS_MNEMONIC_XRSTORS:
	case ZYDIS_MNEMONIC_XRSTORS64:
		/* Supervisor state: the kernel's alone.  */
		out->mem_unknown = true;
		break;
	case ZYDIS_MNEMONIC_XLAT:
		mo->index = gpr_slot(ZYDIS_REGISTER_RAX);
		mo->scale = 1;
		mo->flags |= FS_INSN_MOP_INDEX8;
		break;
	case ZYDIS_MNEMONIC_MASKMOVQ:
	case ZYDIS_MNEMONIC_MASKMOVDQU:
	case ZYDIS_MNEMONIC_VMASKMOVDQU:
	case ZYDIS_MNEMONIC_VMASKMOVPS:
	case ZYDIS_MNEMONIC_VMASKMOVPD:
	case ZYDIS_MNEMONIC_VPMASKMOVD:
	case ZYDIS_MNEMONIC_VPMASKMOVQ:
		mo->access |= FS_INSN_ACC_MAYBE;
		break;
	default:
		break;
	}
}

/* enter $SIZE, $LEVEL: push rbp, then for a nesting level L > 0 L-1
   frame pointers copied from under rbp and the new frame pointer: 8 *
   (L + 1) bytes below rsp, and the copies read from the 8 * (L - 1)
   bytes below rbp.  */
static void
enter_operands(const ZydisDecodedOperand *ops, size_t nops,
    struct fs_insn *out)
{
	unsigned level = 0;
	size_t i;
	struct fs_insn_memop *mo;

	for (i = 0; i < nops; i++)
		if (ops[i].type == ZYDIS_OPERAND_TYPE_IMMEDIATE &&
		    ops[i].size == 8)
			level = (unsigned)(ops[i].imm.value.u & 31);
	for (i = 0; i < out->nmem; i++)
		if (out->mem[i].access & FS_INSN_ACC_WRITE) {
			out->mem[i].size = 8 * (level + 1);
			out->mem[i].disp = -(int64_t)out->mem[i].size;
		}
	if (level >= 2 && (mo = add_mem(out)) != NULL) {
		mo->base = gpr_slot(ZYDIS_REGISTER_RBP);
		mo->size = 8 * (level - 1);
		mo->disp = -(int64_t)mo->size;
		mo->access = FS_INSN_ACC_READ;
	}
}

/* --- The form fs_emu runs --- */

/* A general register of any size: its slot plus one (0: not one), its
   size and whether it is ah, ch, dh or bh.  */
static uint8_t
gpr_any(ZydisRegister r, uint8_t *size, bool *high)
{
	*high = false;
	if (r >= ZYDIS_REGISTER_AL && r <= ZYDIS_REGISTER_R15B) {
		*size = 1;
		if (r >= ZYDIS_REGISTER_AH && r <= ZYDIS_REGISTER_BH) {
			*high = true;
			return gpr_slot((ZydisRegister)(ZYDIS_REGISTER_RAX +
			    (r - ZYDIS_REGISTER_AH)));
		}
		if (r >= ZYDIS_REGISTER_SPL)
			return gpr_slot((ZydisRegister)(ZYDIS_REGISTER_RSP +
			    (r - ZYDIS_REGISTER_SPL)));
		return gpr_slot((ZydisRegister)(ZYDIS_REGISTER_RAX +
		    (r - ZYDIS_REGISTER_AL)));
	}
	if (r >= ZYDIS_REGISTER_AX && r <= ZYDIS_REGISTER_R15W) {
		*size = 2;
		return gpr_slot((ZydisRegister)(ZYDIS_REGISTER_RAX +
		    (r - ZYDIS_REGISTER_AX)));
	}
	if (r >= ZYDIS_REGISTER_EAX && r <= ZYDIS_REGISTER_R15D) {
		*size = 4;
		return gpr_slot(r);
	}
	if (r >= ZYDIS_REGISTER_RAX && r <= ZYDIS_REGISTER_R15) {
		*size = 8;
		return gpr_slot(r);
	}
	return 0;
}

static const struct {
	ZydisMnemonic	zm;
	uint8_t		op;
} emu_ops[] = {
	{ ZYDIS_MNEMONIC_MOV, FS_EMU_MOV },
	{ ZYDIS_MNEMONIC_MOVZX, FS_EMU_MOVZX },
	{ ZYDIS_MNEMONIC_MOVSX, FS_EMU_MOVSX },
	{ ZYDIS_MNEMONIC_MOVSXD, FS_EMU_MOVSX },
	{ ZYDIS_MNEMONIC_LEA, FS_EMU_LEA },
	{ ZYDIS_MNEMONIC_ADD, FS_EMU_ADD },
	{ ZYDIS_MNEMONIC_ADC, FS_EMU_ADC },
	{ ZYDIS_MNEMONIC_SUB, FS_EMU_SUB },
	{ ZYDIS_MNEMONIC_SBB, FS_EMU_SBB },
	{ ZYDIS_MNEMONIC_CMP, FS_EMU_CMP },
	{ ZYDIS_MNEMONIC_AND, FS_EMU_AND },
	{ ZYDIS_MNEMONIC_OR, FS_EMU_OR },
	{ ZYDIS_MNEMONIC_XOR, FS_EMU_XOR },
	{ ZYDIS_MNEMONIC_TEST, FS_EMU_TEST },
	{ ZYDIS_MNEMONIC_NEG, FS_EMU_NEG },
	{ ZYDIS_MNEMONIC_NOT, FS_EMU_NOT },
	{ ZYDIS_MNEMONIC_INC, FS_EMU_INC },
	{ ZYDIS_MNEMONIC_DEC, FS_EMU_DEC },
	{ ZYDIS_MNEMONIC_PUSH, FS_EMU_PUSH },
	{ ZYDIS_MNEMONIC_POP, FS_EMU_POP },
	{ ZYDIS_MNEMONIC_CALL, FS_EMU_CALL },
	{ ZYDIS_MNEMONIC_RET, FS_EMU_RET },
	{ ZYDIS_MNEMONIC_JMP, FS_EMU_JMP },
	{ ZYDIS_MNEMONIC_CBW, FS_EMU_CBW },
	{ ZYDIS_MNEMONIC_CWDE, FS_EMU_CBW },
	{ ZYDIS_MNEMONIC_CDQE, FS_EMU_CBW },
	{ ZYDIS_MNEMONIC_CWD, FS_EMU_CWD },
	{ ZYDIS_MNEMONIC_CDQ, FS_EMU_CWD },
	{ ZYDIS_MNEMONIC_CQO, FS_EMU_CWD },
	{ ZYDIS_MNEMONIC_LEAVE, FS_EMU_LEAVE },
	{ ZYDIS_MNEMONIC_NOP, FS_EMU_NOP },
	{ ZYDIS_MNEMONIC_ENDBR64, FS_EMU_NOP },
	{ ZYDIS_MNEMONIC_XCHG, FS_EMU_XCHG },
};

/* The emulator's form of ZI (OPS), at ADDR, into F; op NONE when any
   part of it is outside what fs_emu does exactly: a prefix that changes
   what it does (lock, rep), 32-bit addresses, a
   register that is not a general one, a memory operand of xchg (locked
   by the CPU).  */
static void
emu_form(const ZydisDecodedInstruction *zi, const ZydisDecodedOperand *ops,
    uint64_t addr, struct fs_emu_form *f)
{
	const ZydisDecodedOperand *o;
	struct fs_emu_opnd *d;
	uint8_t eop = FS_EMU_NONE, sz;
	bool hi, branch;
	size_t i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < sizeof emu_ops / sizeof emu_ops[0]; i++)
		if (emu_ops[i].zm == zi->mnemonic) {
			eop = emu_ops[i].op;
			break;
		}
	if (eop == FS_EMU_NONE) {
		if (zi->meta.category == ZYDIS_CATEGORY_COND_BR &&
		    zi->mnemonic != ZYDIS_MNEMONIC_JRCXZ &&
		    zi->mnemonic != ZYDIS_MNEMONIC_JECXZ &&
		    zi->mnemonic != ZYDIS_MNEMONIC_LOOP &&
		    zi->mnemonic != ZYDIS_MNEMONIC_LOOPE &&
		    zi->mnemonic != ZYDIS_MNEMONIC_LOOPNE)
			eop = FS_EMU_JCC;
		else if (zi->meta.category == ZYDIS_CATEGORY_SETCC)
			eop = FS_EMU_SETCC;
		else if (zi->meta.category == ZYDIS_CATEGORY_CMOV)
			eop = FS_EMU_CMOVCC;
		else if (zi->meta.category == ZYDIS_CATEGORY_WIDENOP)
			eop = FS_EMU_NOP;
		else
			return;
	}
	if (zi->machine_mode != ZYDIS_MACHINE_MODE_LONG_64 ||
	    zi->address_width != 64 || zi->operand_width < 8)
		return;
	/* bnd, and the old repz ret, change nothing of a branch; on
	   anything else a prefix may.  */
	branch = eop == FS_EMU_CALL || eop == FS_EMU_RET || eop == FS_EMU_JMP ||
	    eop == FS_EMU_JCC;
	if ((zi->attributes & (ZYDIS_ATTRIB_HAS_LOCK |
	    ZYDIS_ATTRIB_HAS_XACQUIRE | ZYDIS_ATTRIB_HAS_XRELEASE)) ||
	    (!branch && (zi->attributes & (ZYDIS_ATTRIB_HAS_REP |
	    ZYDIS_ATTRIB_HAS_REPE | ZYDIS_ATTRIB_HAS_REPNE))))
		return;
	if ((eop == FS_EMU_PUSH || eop == FS_EMU_POP || branch ||
	    eop == FS_EMU_LEAVE) && zi->operand_width != 64)
		return;
	if (eop == FS_EMU_JCC || eop == FS_EMU_SETCC || eop == FS_EMU_CMOVCC)
		f->cc = zi->opcode & 0x0f;
	f->osize = zi->operand_width / 8;
	/* These take their operands from the operation alone.  */
	if (eop == FS_EMU_NOP || eop == FS_EMU_CBW || eop == FS_EMU_CWD ||
	    eop == FS_EMU_LEAVE) {
		f->op = eop;
		return;
	}
	/* The operands written: explicit, and implicit in the encoding
	   (cmp $imm, %al's al); the hidden ones (the stack of push, the
	   flags) are the operation's.  */
	for (i = 0; i < zi->operand_count; i++) {
		o = &ops[i];
		if (o->visibility != ZYDIS_OPERAND_VISIBILITY_EXPLICIT &&
		    o->visibility != ZYDIS_OPERAND_VISIBILITY_IMPLICIT)
			continue;
		if (f->nopnd == 2)
			return;		/* imul's three, and the like */
		d = &f->o[f->nopnd++];
		switch (o->type) {
		case ZYDIS_OPERAND_TYPE_REGISTER:
			if ((d->reg = gpr_any(o->reg.value, &sz, &hi)) == 0)
				return;
			d->kind = FS_EMU_OPND_REG;
			d->size = sz;
			d->high = hi;
			break;
		case ZYDIS_OPERAND_TYPE_IMMEDIATE:
			d->kind = FS_EMU_OPND_IMM;
			d->size = (uint8_t)(o->size / 8);
			d->imm = o->imm.is_signed ? o->imm.value.s :
			    (int64_t)o->imm.value.u;
			if (o->imm.is_relative)
				d->imm = (int64_t)(addr + zi->length) + d->imm;
			break;
		case ZYDIS_OPERAND_TYPE_MEMORY:
			if (eop == FS_EMU_XCHG || (o->mem.type !=
			    ZYDIS_MEMOP_TYPE_MEM && !(eop == FS_EMU_LEA &&
			    o->mem.type == ZYDIS_MEMOP_TYPE_AGEN)))
				return;
			/* The thread pointer's: the canary, errno, TLS.  */
			if (o->mem.segment == ZYDIS_REGISTER_FS)
				d->mem.seg = FS_INSN_SEG_FS;
			else if (o->mem.segment == ZYDIS_REGISTER_GS)
				d->mem.seg = FS_INSN_SEG_GS;
			d->kind = FS_EMU_OPND_MEM;
			d->size = (uint8_t)(o->size / 8);
			d->mem.disp = o->mem.disp.value;
			if (o->mem.base == ZYDIS_REGISTER_RIP)
				d->mem.disp += (int64_t)(addr + zi->length);
			else if (o->mem.base != ZYDIS_REGISTER_NONE &&
			    (o->mem.base < ZYDIS_REGISTER_RAX ||
			    o->mem.base > ZYDIS_REGISTER_R15 ||
			    (d->mem.base = gpr_slot(o->mem.base)) == 0))
				return;
			if (o->mem.index != ZYDIS_REGISTER_NONE) {
				if (o->mem.index < ZYDIS_REGISTER_RAX ||
				    o->mem.index > ZYDIS_REGISTER_R15 ||
				    (d->mem.index = gpr_slot(o->mem.index)) ==
				    0)
					return;
				d->mem.scale = o->mem.scale;
			}
			break;
		default:
			return;
		}
		if (d->size != 1 && d->size != 2 && d->size != 4 &&
		    d->size != 8 && !(eop == FS_EMU_LEA && i == 1))
			return;
	}
	f->op = eop;
}

/* Decode with Zydis into OUT (no text); ZI and OPS receive Zydis's
   decode for formatting.  Returns 0, -1, or -2 when CODE ends inside the
   instruction.  */
static int
zdecode(const uint8_t *code, size_t len, uint64_t addr, unsigned bits,
    struct fs_insn *out, ZydisDecodedInstruction *zi,
    ZydisDecodedOperand *ops)
{
	const ZydisDecodedOperand *o;
	struct fs_insn_memop *mo;
	ZyanStatus st;
	uint64_t rel;
	size_t i;

	if (!zy_load())
		return -1;
	st = zy.decode(bits == 32 ? &zy.dec32 : &zy.dec, code, len, zi, ops);
	if (st == ZYDIS_STATUS_NO_MORE_DATA)
		return -2;
	if (!ZYAN_SUCCESS(st))
		return -1;
	out->len = zi->length;
	switch (zi->meta.category) {
	case ZYDIS_CATEGORY_CALL:
		out->is_call = true;
		break;
	case ZYDIS_CATEGORY_RET:
		out->is_ret = true;
		break;
	case ZYDIS_CATEGORY_COND_BR:
	case ZYDIS_CATEGORY_UNCOND_BR:
		out->is_branch = true;
		break;
	case ZYDIS_CATEGORY_X87_ALU:
	case ZYDIS_CATEGORY_FCMOV:
		/* Every x87 instruction leaves its address in the state.  */
		out->writes_xstate = true;
		break;
	default:
		break;
	}
	/* i386's int $0x80 and sysenter too (the vDSO's
	   __kernel_vsyscall makes sysenter or syscall).  */
	out->is_syscall = zi->mnemonic == ZYDIS_MNEMONIC_SYSCALL ||
	    zi->mnemonic == ZYDIS_MNEMONIC_SYSENTER ||
	    (zi->mnemonic == ZYDIS_MNEMONIC_INT && zi->operand_count > 0 &&
	    ops[0].type == ZYDIS_OPERAND_TYPE_IMMEDIATE &&
	    ops[0].imm.value.u == 0x80);
	out->compat_syscall = out->is_syscall &&
	    zi->mnemonic != ZYDIS_MNEMONIC_SYSCALL;
	out->rep = (zi->meta.category == ZYDIS_CATEGORY_STRINGOP ||
	    zi->meta.category == ZYDIS_CATEGORY_IOSTRINGOP) &&
	    (zi->attributes & (ZYDIS_ATTRIB_HAS_REP | ZYDIS_ATTRIB_HAS_REPE |
	    ZYDIS_ATTRIB_HAS_REPNE));
	for (i = 0; i < zi->operand_count; i++) {
		o = &ops[i];
		switch (o->type) {
		case ZYDIS_OPERAND_TYPE_IMMEDIATE:
			if (!o->imm.is_relative)
				break;
			rel = addr + zi->length + o->imm.value.u;
			if (out->is_call || out->is_branch)
				out->dest = rel;
			if (out->is_call ||
			    zi->meta.category == ZYDIS_CATEGORY_UNCOND_BR)
				out->target = rel;
			break;
		case ZYDIS_OPERAND_TYPE_REGISTER:
			if ((o->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) &&
			    is_xstate_reg(o->reg.value))
				out->writes_xstate = true;
			break;
		case ZYDIS_OPERAND_TYPE_MEMORY:
			mem_operand(zi, o, addr, out);
			break;
		case ZYDIS_OPERAND_TYPE_POINTER:
		default:
			break;
		}
	}
	switch (zi->mnemonic) {
	case ZYDIS_MNEMONIC_ENTER:
		enter_operands(ops, zi->operand_count, out);
		break;
	case ZYDIS_MNEMONIC_CLZERO:
		/* AMD's: zeroes the cache line at rax.  */
		if ((mo = add_mem(out)) != NULL) {
			mo->base = gpr_slot(ZYDIS_REGISTER_RAX);
			mo->size = 64;
			mo->access = FS_INSN_ACC_WRITE;
			mo->flags = FS_INSN_MOP_LINE | (zi->address_width ==
			    32 ? FS_INSN_MOP_ADDR32 : 0);
		}
		out->writes_mem = true;
		break;
	case ZYDIS_MNEMONIC_EMMS:
	case ZYDIS_MNEMONIC_FEMMS:
	case ZYDIS_MNEMONIC_FNINIT:
	case ZYDIS_MNEMONIC_FLDENV:
	case ZYDIS_MNEMONIC_FRSTOR:
	case ZYDIS_MNEMONIC_FXRSTOR:
	case ZYDIS_MNEMONIC_FXRSTOR64:
	case ZYDIS_MNEMONIC_XRSTOR:
	case ZYDIS_MNEMONIC_XRSTOR64:
	case ZYDIS_MNEMONIC_XRSTORS:
	case ZYDIS_MNEMONIC_XRSTORS64:
	case ZYDIS_MNEMONIC_VZEROUPPER:
	case ZYDIS_MNEMONIC_VZEROALL:
	case ZYDIS_MNEMONIC_LDTILECFG:
	case ZYDIS_MNEMONIC_TILERELEASE:
		out->writes_xstate = true;
		break;
	default:
		break;
	}
	if (bits != 32)
		emu_form(zi, ops, addr, &out->emu);
	return 0;
}

/* --- Text: libopcodes --- */

struct obuf {
	char		s[200];
	size_t		n;
	bool		comment;	/* in "        # 0x...": dropped */
	bool		error;
	uint64_t	addr;		/* an address operand printed */
	uint64_t	riprel;		/* the address in the comment */
};

/* Append to B; libopcodes prints a piece at a time, mostly "%s" and
   plain text, which need no vsnprintf (the most of a decode's time).  */
static void
ovprintf(struct obuf *b, const char *fmt, va_list ap)
{
	const char *str = fmt;
	size_t k;
	int r;

	if (b->comment || b->n + 1 >= sizeof b->s)
		return;
	if (strcmp(fmt, "%s") == 0)
		str = va_arg(ap, const char *);
	else if (strchr(fmt, '%') != NULL) {
		r = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
		if (r > 0)
			b->n += (size_t)r;
		if (b->n >= sizeof b->s)
			b->n = sizeof b->s - 1;
		return;
	}
	k = strlen(str);
	if (k > sizeof b->s - 1 - b->n)
		k = sizeof b->s - 1 - b->n;
	memcpy(b->s + b->n, str, k);
	b->n += k;
	b->s[b->n] = '\0';
}

static int
o_printf(void *stream, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ovprintf(stream, fmt, ap);
	va_end(ap);
	return 0;
}

static int
o_styled(void *stream, enum disassembler_style style, const char *fmt, ...)
{
	struct obuf *b = stream;
	va_list ap;

	if (style == dis_style_comment_start)
		b->comment = true;
	va_start(ap, fmt);
	ovprintf(b, fmt, ap);
	va_end(ap);
	return 0;
}

/* gdb's print_address without the symbol, which callers add: "0x1129".  */
static void
o_address(bfd_vma a, struct disassemble_info *info)
{
	struct obuf *b = info->stream;

	if (b->comment) {
		b->riprel = a;
		return;
	}
	b->addr = a;
	o_printf(b, "0x%llx", (unsigned long long)a);
}

static void
o_memerr(int status, bfd_vma a, struct disassemble_info *info)
{
	(void)status;
	(void)a;
	((struct obuf *)info->stream)->error = true;
}

/* libopcodes' text of the instruction at ADDR in B; its length, or -1.
   The disassembler of each syntax is set up once.  */
static int
otext(const uint8_t *code, size_t len, uint64_t addr, unsigned bits,
    bool intel, struct obuf *b)
{
	static struct disassemble_info infos[2][2];
	static bool ready[2][2];
	struct disassemble_info *info = &infos[bits == 32][intel];
	int n;

	memset(b, 0, sizeof *b);
	if (!op_load() || len == 0)
		return -1;
	if (!ready[bits == 32][intel]) {
		op.init(info, NULL, o_printf, o_styled);
		info->arch = bfd_arch_i386;
		info->mach = bits == 32 ? bfd_mach_i386_i386 :
		    bfd_mach_x86_64;
		info->disassembler_options = intel ? "intel" : "att";
		info->print_address_func = o_address;
		info->memory_error_func = o_memerr;
		op.init_target(info);
		ready[bits == 32][intel] = true;
	}
	info->stream = b;
	info->buffer = (bfd_byte *)(uintptr_t)code;
	info->buffer_vma = addr;
	info->buffer_length = len;
	n = op.print(addr, info);
	while (b->n > 0 && b->s[b->n - 1] == ' ')
		b->n--;
	b->s[b->n] = '\0';
	/* "(bad)", or ".byte 0x0f" for an instruction cut short.  */
	if (n <= 0 || b->error || strcmp(b->s, "(bad)") == 0 ||
	    strncmp(b->s, ".byte", 5) == 0)
		return -1;
	return n;
}

/* TEXT from GDBTEXT: one space after the mnemonic and its prefixes, and
   after each comma between operands.  */
static void
plain_text(const char *g, char *out, size_t size)
{
	size_t n = 0;
	int depth = 0;

	for (; *g != '\0' && n + 2 < size; g++) {
		if (*g == ' ' && n > 0 && out[n - 1] == ' ')
			continue;
		if (*g == '(' || *g == '[' || *g == '{')
			depth++;
		else if ((*g == ')' || *g == ']' || *g == '}') && depth > 0)
			depth--;
		out[n++] = *g;
		if (*g == ',' && depth == 0)
			out[n++] = ' ';
	}
	out[n] = '\0';
}

/* When Zydis knows nothing of an instruction libopcodes decodes, what
   the text tells.  */
static void
from_text(const struct obuf *b, struct fs_insn *out)
{
	const char *m = b->s;

	unknown_effects(out);
	out->is_call = strncmp(m, "call", 4) == 0 || strncmp(m, "lcall", 5) ==
	    0;
	out->is_ret = strncmp(m, "ret", 3) == 0 || strncmp(m, "lret", 4) ==
	    0 || strncmp(m, "iret", 4) == 0;
	out->is_branch = m[0] == 'j' || strncmp(m, "loop", 4) == 0;
	out->compat_syscall = strcmp(m, "sysenter") == 0 ||
	    strncmp(m, "int    $0x80", 12) == 0;
	out->is_syscall = strcmp(m, "syscall") == 0 || out->compat_syscall;
	if (out->is_call || out->is_branch)
		out->dest = b->addr;
	if (out->is_call || strncmp(m, "jmp ", 4) == 0)
		out->target = b->addr;
	out->riprel = b->riprel;
}

/* OUT cleared but for ADDR.  */
static void
clear(struct fs_insn *out, uint64_t addr)
{
	memset(out, 0, sizeof *out);
	out->addr = addr;
}

int
fs_insn_decode_fast(const uint8_t *code, size_t len, uint64_t addr,
    struct fs_insn *out)
{
	return fs_insn_decode_fast_bits(code, len, addr, 64, out);
}

int
fs_insn_decode(const uint8_t *code, size_t len, uint64_t addr, bool intel,
    struct fs_insn *out)
{
	return fs_insn_decode_bits(code, len, addr, 64, intel, out);
}

int
fs_insn_decode_fast_bits(const uint8_t *code, size_t len, uint64_t addr,
    unsigned bits, struct fs_insn *out)
{
	ZydisDecodedInstruction zi;
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];

	clear(out, addr);
	if (zdecode(code, len, addr, bits, out, &zi, ops) < 0) {
		clear(out, addr);
		return -1;
	}
	return 0;
}

/* The instructions decoded last, each under all it was decoded from:
   the slot map decodes the same prologue and epilogue at every stop,
   and gdb's text of one is some microseconds of libopcodes.  */
#define MEMO_SIZE	64
static struct memo {
	bool		 used, intel;
	unsigned	 bits;
	uint64_t	 addr;
	size_t		 len;
	uint8_t		 code[16];
	int		 rc;
	struct fs_insn	 out;
} memo[MEMO_SIZE];

static int decode_bits(const uint8_t *, size_t, uint64_t, unsigned, bool,
    struct fs_insn *);

int
fs_insn_decode_bits(const uint8_t *code, size_t len, uint64_t addr,
    unsigned bits, bool intel, struct fs_insn *out)
{
	struct memo *m = &memo[(addr ^ addr >> 6) % MEMO_SIZE];

	if (len > sizeof m->code)
		return decode_bits(code, len, addr, bits, intel, out);
	if (m->used && m->addr == addr && m->len == len && m->bits == bits &&
	    m->intel == intel && memcmp(m->code, code, len) == 0) {
		*out = m->out;
		return m->rc;
	}
	m->rc = decode_bits(code, len, addr, bits, intel, out);
	m->used = true;
	m->addr = addr;
	m->len = len;
	m->bits = bits;
	m->intel = intel;
	memcpy(m->code, code, len);
	m->out = *out;
	return m->rc;
}

static int
decode_bits(const uint8_t *code, size_t len, uint64_t addr, unsigned bits,
    bool intel, struct fs_insn *out)
{
	ZydisDecodedInstruction zi;
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	ZydisFormatter f;
	struct obuf b;
	int n, zr;

	clear(out, addr);
	if ((zr = zdecode(code, len, addr, bits, out, &zi, ops)) < 0)
		clear(out, addr);
	/* Cut short, libopcodes takes a REX for an instruction of its own:
	   not what the CPU would run.  */
	if (zr == -2)
		return -1;
	if ((n = otext(code, len, addr, bits, intel, &b)) > 0) {
		/* The text and its length are gdb's.  Should Zydis not
		   agree on the length, what it says is of another
		   instruction.  */
		if (zr < 0 || out->len != (unsigned)n) {
			clear(out, addr);
			out->len = (unsigned)n;
			from_text(&b, out);
		}
		memcpy(out->gdbtext, b.s, b.n + 1);
	} else if (zr == 0 && !op.ok && ZYAN_SUCCESS(zy.fmtinit(&f, intel ?
	    ZYDIS_FORMATTER_STYLE_INTEL : ZYDIS_FORMATTER_STYLE_ATT))) {
		/* No libopcodes: Zydis's own text rather than none.  */
		zy.format(&f, &zi, ops, zi.operand_count_visible,
		    out->gdbtext, sizeof out->gdbtext, addr, NULL);
	} else {
		clear(out, addr);
		return -1;
	}
	plain_text(out->gdbtext, out->text, sizeof out->text);
	return 0;
}

/* --- Memory accesses --- */

/* How a single step runs a rep-prefixed string instruction: one
   iteration, whatever the count, the direction or fast strings (ERMSB).
   Checked on an Intel Xeon with AVX-512 and ERMSB: single-stepping rep
   movsb over 100000 bytes, rep stosq over 10000 quadwords and, with the
   direction flag set, rep movsq over 1000 stopped 111000 times with rcx
   one less at each stop; test_insn_mem_cpu checks every step of such
   loops against the bytes that changed.  So the access of one step is
   the element at rsi or rdi, below or above them alike, and none at all
   when the count register is 0.  */
static uint64_t
reg(const struct user_regs_struct *regs, uint8_t slot)
{
	uint64_t v;

	memcpy(&v, (const char *)regs + 8 * (size_t)(slot - 1), sizeof v);
	return v;
}

int
fs_insn_mem_access(const struct fs_insn *in,
    const struct user_regs_struct *regs, struct fs_insn_mem *out,
    size_t max)
{
	const struct fs_insn_memop *mo;
	uint64_t a, x;
	size_t i;

	if (in->len == 0 || in->mem_unknown)
		return -1;
	if (in->rep) {
		x = regs->rcx;
		if (in->nmem > 0 && (in->mem[0].flags & FS_INSN_MOP_ADDR32))
			x = (uint32_t)x;
		if (x == 0)
			return 0;
	}
	for (i = 0; i < in->nmem && i < max; i++) {
		mo = &in->mem[i];
		a = (uint64_t)mo->disp;
		if (mo->base != 0)
			a += reg(regs, mo->base);
		if (mo->index != 0) {
			x = reg(regs, mo->index);
			if (mo->flags & FS_INSN_MOP_INDEX8)
				x &= 0xff;
			a += x * mo->scale;
		}
		if (mo->flags & FS_INSN_MOP_ADDR32)
			a = (uint32_t)a;
		if (mo->flags & FS_INSN_MOP_LINE)
			a &= ~(uint64_t)63;
		if (mo->seg == FS_INSN_SEG_FS)
			a += regs->fs_base;
		else if (mo->seg == FS_INSN_SEG_GS)
			a += regs->gs_base;
		out[i].addr = a;
		out[i].len = mo->size;
		out[i].read = mo->access & FS_INSN_ACC_READ;
		out[i].write = mo->access & FS_INSN_ACC_WRITE;
		out[i].maybe = mo->access & FS_INSN_ACC_MAYBE;
	}
	return in->nmem;
}
