/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_emu: one x86-64 instruction run on a register set (see
 * include/fs_emu.h).
 *
 * Every operation works on a copy of the registers, reads its memory
 * operands first and returns its one store, so that an instruction that
 * cannot finish (an address that cannot be read) leaves nothing changed
 * and goes to the CPU.  The flags are those of the SDM's definitions:
 * CF and OF from the exact sum or difference, AF from bit 4's carry, PF
 * the even parity of the result's low byte.  and/or/xor/test leave AF
 * undefined: what this CPU does with it is measured once, by running
 * them here on operands with AF set and clear; only when it clears AF
 * every time are they emulated (clearing it).  The shifts, rotates and
 * multiplications, which leave more undefined, always go to the CPU.
 */
#include <stddef.h>
#include <string.h>

#include "fs_emu.h"

#define F_CF	0x001ULL
#define F_PF	0x004ULL
#define F_AF	0x010ULL
#define F_ZF	0x040ULL
#define F_SF	0x080ULL
#define F_TF	0x100ULL
#define F_OF	0x800ULL
#define F_AC	0x40000ULL
#define F_ARITH	(F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

#define RIP_SLOT	(offsetof(struct user_regs_struct, rip) / 8)
#define RSP_SLOT	(offsetof(struct user_regs_struct, rsp) / 8)
#define RBP_SLOT	(offsetof(struct user_regs_struct, rbp) / 8)
#define RAX_SLOT	(offsetof(struct user_regs_struct, rax) / 8)
#define RDX_SLOT	(offsetof(struct user_regs_struct, rdx) / 8)
#define FS_BASE_SLOT	(offsetof(struct user_regs_struct, fs_base) / 8)
#define GS_BASE_SLOT	(offsetof(struct user_regs_struct, gs_base) / 8)

struct ctx {
	uint64_t		*R;
	fs_emu_read_fn		*read;
	void			*arg;
	struct fs_emu_store	*st;
};

static uint64_t
mask(unsigned size)
{
	return size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

static uint64_t
sext(uint64_t v, unsigned size)
{
	unsigned sh = 64 - 8 * size;

	return size >= 8 ? v : (uint64_t)((int64_t)(v << sh) >> sh);
}

/* --- The undefined AF of the logical operations, on this CPU --- */

/* Run the logical operation OP on A and B with the flags FIN: the
   flags after.  The red zone is stepped over for the push.  */
static uint64_t
logic_flags(int op, uint64_t a, uint64_t b, uint64_t fin)
{
	uint64_t fl;

#define LOGIC(insn) \
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t" \
	    "push %[fin]\n\tpopfq\n\t" insn " %[b], %[a]\n\t" \
	    "pushfq\n\tpop %[fl]\n\tlea 128(%%rsp), %%rsp" \
	    : [a] "+r" (a), [fl] "=&r" (fl) : [b] "r" (b), [fin] "r" (fin) \
	    : "cc", "memory")
	switch (op) {
	case 0:
		LOGIC("and");
		break;
	case 1:
		LOGIC("or");
		break;
	case 2:
		LOGIC("xor");
		break;
	default:
		LOGIC("test");
		break;
	}
#undef LOGIC
	return fl;
}

/* 1: this CPU clears AF in and/or/xor/test; 0: not always.  */
static bool
logic_af_clear(void)
{
	static int known = -1;
	static const uint64_t v[] = { 0, 1, 0x0f, 0x10, 0x18, 0xff,
	    0x8000000000000000ULL, 0xffffffffffffffffULL, 0x123456789abcdef0ULL,
	    0x0808080808080808ULL };
	size_t i, j;
	int op;

	if (known >= 0)
		return known;
	known = 1;
	for (op = 0; op < 4; op++)
		for (i = 0; i < sizeof v / sizeof v[0]; i++)
			for (j = 0; j < sizeof v / sizeof v[0]; j++)
				if ((logic_flags(op, v[i], v[j], 0x202 |
				    F_ARITH) & F_AF) != 0 ||
				    (logic_flags(op, v[i], v[j], 0x202) &
				    F_AF) != 0)
					known = 0;
	return known;
}

bool
fs_emu_can(const struct fs_insn *in)
{
	switch (in->emu.op) {
	case FS_EMU_NONE:
		return false;
	case FS_EMU_AND:
	case FS_EMU_OR:
	case FS_EMU_XOR:
	case FS_EMU_TEST:
		return logic_af_clear();
	default:
		return true;
	}
}

/* --- Operands --- */

static uint64_t
ea_of(const struct ctx *c, const struct fs_emu_opnd *o, bool lea)
{
	uint64_t a = (uint64_t)o->mem.disp;

	/* lea computes the offset alone, without the segment's base.  */
	if (o->mem.seg == FS_INSN_SEG_FS && !lea)
		a += c->R[FS_BASE_SLOT];
	else if (o->mem.seg == FS_INSN_SEG_GS && !lea)
		a += c->R[GS_BASE_SLOT];
	if (o->mem.base != 0)
		a += c->R[o->mem.base - 1];
	if (o->mem.index != 0)
		a += c->R[o->mem.index - 1] * o->mem.scale;
	return a;
}

static uint64_t
ea(const struct ctx *c, const struct fs_emu_opnd *o)
{
	return ea_of(c, o, false);
}

static int
load(const struct ctx *c, uint64_t addr, unsigned size, uint64_t *v)
{
	uint8_t b[8];
	unsigned i;

	if (c->read(c->arg, addr, b, size) < 0)
		return -1;
	*v = 0;
	for (i = 0; i < size; i++)
		*v |= (uint64_t)b[i] << (8 * i);
	return 0;
}

static void
store(const struct ctx *c, uint64_t addr, unsigned size, uint64_t v)
{
	unsigned i;

	c->st->addr = addr;
	c->st->len = (uint8_t)size;
	for (i = 0; i < size; i++)
		c->st->bytes[i] = (uint8_t)(v >> (8 * i));
}

/* The operand's value, zero-extended (an immediate: sign-extended).  */
static int
get(const struct ctx *c, const struct fs_emu_opnd *o, uint64_t *v)
{
	switch (o->kind) {
	case FS_EMU_OPND_REG:
		*v = c->R[o->reg - 1];
		if (o->high)
			*v >>= 8;
		*v &= mask(o->size);
		return 0;
	case FS_EMU_OPND_IMM:
		*v = (uint64_t)o->imm;
		return 0;
	case FS_EMU_OPND_MEM:
		return load(c, ea(c, o), o->size, v);
	default:
		return -1;
	}
}

/* Write V to the operand: a 32-bit register zero-extended, 16 and 8
   bits merged.  */
static int
put(const struct ctx *c, const struct fs_emu_opnd *o, uint64_t v)
{
	uint64_t *r;

	switch (o->kind) {
	case FS_EMU_OPND_REG:
		r = &c->R[o->reg - 1];
		if (o->high)
			*r = (*r & ~0xff00ULL) | ((v & 0xff) << 8);
		else if (o->size == 4)
			*r = v & 0xffffffffULL;
		else
			*r = (*r & ~mask(o->size)) | (v & mask(o->size));
		return 0;
	case FS_EMU_OPND_MEM:
		store(c, ea(c, o), o->size, v);
		return 0;
	default:
		return -1;
	}
}

/* --- Flags --- */

static uint64_t
szp(uint64_t res, unsigned size)
{
	uint64_t f = 0;

	res &= mask(size);
	if (res == 0)
		f |= F_ZF;
	if (res >> (8 * size - 1) & 1)
		f |= F_SF;
	if (!__builtin_parity((unsigned)(res & 0xff)))
		f |= F_PF;
	return f;
}

/* A + B + CIN in SIZE bytes: the result, *F its flags.  */
static uint64_t
add_flags(uint64_t a, uint64_t b, unsigned cin, unsigned size, uint64_t *f)
{
	unsigned __int128 w = (unsigned __int128)a + b + cin;
	uint64_t m = mask(size), res = (uint64_t)w & m;
	uint64_t sign = 1ULL << (8 * size - 1);

	*f = szp(res, size);
	if (size >= 8 ? (w >> 64) != 0 : ((uint64_t)w & ~m) != 0)
		*f |= F_CF;
	if ((a ^ res) & (b ^ res) & sign)
		*f |= F_OF;
	if ((a ^ b ^ res) & 0x10)
		*f |= F_AF;
	return res;
}

/* A - B - BIN in SIZE bytes.  */
static uint64_t
sub_flags(uint64_t a, uint64_t b, unsigned bin, unsigned size, uint64_t *f)
{
	uint64_t m = mask(size), res = (a - b - bin) & m;
	uint64_t sign = 1ULL << (8 * size - 1);

	*f = szp(res, size);
	if ((unsigned __int128)a < (unsigned __int128)b + bin)
		*f |= F_CF;
	if ((a ^ b) & (a ^ res) & sign)
		*f |= F_OF;
	if ((a ^ b ^ res) & 0x10)
		*f |= F_AF;
	return res;
}

static bool
cond(uint64_t fl, unsigned cc)
{
	bool cf = fl & F_CF, zf = fl & F_ZF, sf = fl & F_SF, of = fl & F_OF,
	    pf = fl & F_PF, r;

	switch (cc >> 1) {
	case 0:
		r = of;
		break;
	case 1:
		r = cf;
		break;
	case 2:
		r = zf;
		break;
	case 3:
		r = cf || zf;
		break;
	case 4:
		r = sf;
		break;
	case 5:
		r = pf;
		break;
	case 6:
		r = sf != of;
		break;
	default:
		r = zf || sf != of;
		break;
	}
	return (cc & 1) ? !r : r;
}

/* --- Running --- */

static int
alu(const struct ctx *c, const struct fs_emu_form *f, uint64_t *fl)
{
	const struct fs_emu_opnd *d = &f->o[0];
	unsigned size = d->size, cf = (unsigned)(*fl & F_CF);
	uint64_t a, b = 0, res, nf;

	if (get(c, d, &a) < 0 || (f->nopnd > 1 && get(c, &f->o[1], &b) < 0))
		return -1;
	b &= mask(size);
	switch (f->op) {
	case FS_EMU_ADD:
		res = add_flags(a, b, 0, size, &nf);
		break;
	case FS_EMU_ADC:
		res = add_flags(a, b, cf, size, &nf);
		break;
	case FS_EMU_SUB:
	case FS_EMU_CMP:
		res = sub_flags(a, b, 0, size, &nf);
		break;
	case FS_EMU_SBB:
		res = sub_flags(a, b, cf, size, &nf);
		break;
	case FS_EMU_NEG:
		res = sub_flags(0, a, 0, size, &nf);
		break;
	case FS_EMU_INC:
		res = add_flags(a, 1, 0, size, &nf);
		nf = (nf & ~F_CF) | (*fl & F_CF);
		break;
	case FS_EMU_DEC:
		res = sub_flags(a, 1, 0, size, &nf);
		nf = (nf & ~F_CF) | (*fl & F_CF);
		break;
	case FS_EMU_AND:
	case FS_EMU_TEST:
		res = a & b;
		nf = szp(res, size);
		break;
	case FS_EMU_OR:
		res = a | b;
		nf = szp(res, size);
		break;
	case FS_EMU_XOR:
		res = a ^ b;
		nf = szp(res, size);
		break;
	case FS_EMU_NOT:
		/* The one that leaves the flags alone.  */
		return put(c, d, ~a & mask(size));
	default:
		return -1;
	}
	*fl = (*fl & ~F_ARITH) | nf;
	if (f->op == FS_EMU_CMP || f->op == FS_EMU_TEST)
		return 0;
	return put(c, d, res);
}

int
fs_emu_exec(const struct fs_insn *in, struct user_regs_struct *regs,
    fs_emu_read_fn *read, void *arg, struct fs_emu_store *st)
{
	const struct fs_emu_form *f = &in->emu;
	const struct fs_emu_opnd *o0 = &f->o[0], *o1 = &f->o[1];
	struct user_regs_struct n = *regs;
	struct ctx c = { (uint64_t *)&n, read, arg, st };
	uint64_t *R = c.R, next = in->addr + in->len, v, w, t, fl;
	unsigned sz;

	st->len = 0;
	/* A program that single-steps itself or checks alignment: the
	   CPU's traps are not this code's.  */
	if (!fs_emu_can(in) || (n.eflags & (F_TF | F_AC)) || n.rip != in->addr)
		return -1;
	R[RIP_SLOT] = next;
	switch (f->op) {
	case FS_EMU_MOV:
		if (get(&c, o1, &v) < 0 || put(&c, o0, v) < 0)
			return -1;
		break;
	case FS_EMU_MOVZX:
		if (get(&c, o1, &v) < 0 || put(&c, o0, v) < 0)
			return -1;
		break;
	case FS_EMU_MOVSX:
		if (get(&c, o1, &v) < 0 || put(&c, o0, sext(v, o1->size)) < 0)
			return -1;
		break;
	case FS_EMU_LEA:
		if (o1->kind != FS_EMU_OPND_MEM || put(&c, o0, ea_of(&c, o1,
		    true)) < 0)
			return -1;
		break;
	case FS_EMU_ADD: case FS_EMU_ADC: case FS_EMU_SUB: case FS_EMU_SBB:
	case FS_EMU_CMP: case FS_EMU_AND: case FS_EMU_OR: case FS_EMU_XOR:
	case FS_EMU_TEST: case FS_EMU_NEG: case FS_EMU_NOT: case FS_EMU_INC:
	case FS_EMU_DEC:
		fl = n.eflags;
		if (alu(&c, f, &fl) < 0)
			return -1;
		n.eflags = fl;
		break;
	case FS_EMU_PUSH:
		if (get(&c, o0, &v) < 0)
			return -1;
		R[RSP_SLOT] -= 8;
		store(&c, R[RSP_SLOT], 8, v);
		break;
	case FS_EMU_POP:
		if (o0->kind != FS_EMU_OPND_REG || o0->size != 8 ||
		    load(&c, R[RSP_SLOT], 8, &v) < 0)
			return -1;
		R[RSP_SLOT] += 8;
		put(&c, o0, v);
		break;
	case FS_EMU_CALL:
		if (get(&c, o0, &t) < 0)
			return -1;
		R[RSP_SLOT] -= 8;
		store(&c, R[RSP_SLOT], 8, next);
		R[RIP_SLOT] = t;
		break;
	case FS_EMU_RET:
		if (load(&c, R[RSP_SLOT], 8, &v) < 0)
			return -1;
		R[RSP_SLOT] += 8;
		if (f->nopnd > 0)
			R[RSP_SLOT] += (uint64_t)o0->imm & 0xffff;
		R[RIP_SLOT] = v;
		break;
	case FS_EMU_JMP:
		if (get(&c, o0, &t) < 0)
			return -1;
		R[RIP_SLOT] = t;
		break;
	case FS_EMU_JCC:
		if (cond(n.eflags, f->cc))
			R[RIP_SLOT] = (uint64_t)o0->imm;
		break;
	case FS_EMU_SETCC:
		if (put(&c, o0, cond(n.eflags, f->cc)) < 0)
			return -1;
		break;
	case FS_EMU_CMOVCC:
		/* The source is read either way; a 32-bit destination is
		   zero-extended even when nothing moves.  */
		if (get(&c, o1, &v) < 0)
			return -1;
		if (!cond(n.eflags, f->cc))
			get(&c, o0, &v);
		put(&c, o0, v);
		break;
	case FS_EMU_CBW:
		sz = f->osize;
		v = sext(R[RAX_SLOT] & mask(sz / 2), sz / 2);
		if (sz == 4)
			R[RAX_SLOT] = v & 0xffffffffULL;
		else
			R[RAX_SLOT] = (R[RAX_SLOT] & ~mask(sz)) | (v & mask(sz));
		break;
	case FS_EMU_CWD:
		sz = f->osize;
		v = (R[RAX_SLOT] >> (8 * sz - 1) & 1) ? mask(sz) : 0;
		if (sz == 4)
			R[RDX_SLOT] = v;
		else
			R[RDX_SLOT] = (R[RDX_SLOT] & ~mask(sz)) | v;
		break;
	case FS_EMU_LEAVE:
		if (load(&c, R[RBP_SLOT], 8, &v) < 0)
			return -1;
		R[RSP_SLOT] = R[RBP_SLOT] + 8;
		R[RBP_SLOT] = v;
		break;
	case FS_EMU_NOP:
		break;
	case FS_EMU_XCHG:
		if (get(&c, o0, &v) < 0 || get(&c, o1, &w) < 0)
			return -1;
		put(&c, o0, w);
		put(&c, o1, v);
		break;
	default:
		return -1;
	}
	/* A jump to a non-canonical address faults on the jump itself,
	   nothing changed: the CPU's to make.  */
	if ((uint64_t)((int64_t)(R[RIP_SLOT] << 16) >> 16) != R[RIP_SLOT])
		return -1;
	/* As the debug trap of a single step leaves it: no system call.  */
	n.orig_rax = (unsigned long long)-1;
	*regs = n;
	return 0;
}
