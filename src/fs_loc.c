/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_loc: DWARF location expressions (see include/fs_loc.h). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <dwarf.h>

#include "fs_arch.h"
#include "fs_loc.h"
#include "fs_sbuf.h"

/* Enough for any expression a compiler emits; a DW_OP_skip/bra loop
   ends here instead of hanging the debugger.  */
#define LOC_MAXSTEPS	10000
#define LOC_MAXSTACK	64

static const char *const regnames[] = {
	"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip",
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
};

static const char *const regnames2[] = {
	"st0", "st1", "st2", "st3", "st4", "st5", "st6", "st7",
	"xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22",
	"xmm23", "xmm24", "xmm25", "xmm26", "xmm27", "xmm28", "xmm29",
	"xmm30", "xmm31", "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7",
};

const char *
fs_loc_regname(unsigned reg)
{
	if (reg < sizeof regnames / sizeof regnames[0])
		return regnames[reg];
	if (reg >= 33 && reg <= 40)
		return regnames2[reg - 33];
	if (reg >= 67 && reg <= 82)
		return regnames2[reg - 67 + 8];
	if (reg >= 118 && reg <= 125)
		return regnames2[reg - 118 + 24];
	if (reg == 64)
		return "mxcsr";
	return NULL;
}

/* A cursor over expression bytes; every read is bounds-checked.  */
struct cur {
	const uint8_t	*p;
	size_t		 len, off;
	bool		 bad;
};

static uint64_t
rd_u(struct cur *k, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if (k->bad || n > k->len - k->off) {
		k->bad = true;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)k->p[k->off + i] << (8 * i);
	k->off += n;
	return v;
}

static int64_t
rd_s(struct cur *k, size_t n)
{
	uint64_t v = rd_u(k, n);

	if (n < 8 && (v >> (8 * n - 1)) & 1)
		v |= ~(uint64_t)0 << (8 * n);
	return (int64_t)v;
}

static uint64_t
rd_uleb(struct cur *k)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t b;

	do {
		if (k->bad || k->off >= k->len) {
			k->bad = true;
			return 0;
		}
		b = k->p[k->off++];
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

static int64_t
rd_sleb(struct cur *k)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t b;

	do {
		if (k->bad || k->off >= k->len) {
			k->bad = true;
			return 0;
		}
		b = k->p[k->off++];
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (shift < 64 && (b & 0x40))
		v |= ~(uint64_t)0 << shift;
	return (int64_t)v;
}

static const uint8_t *
rd_block(struct cur *k, size_t n)
{
	const uint8_t *b;

	if (k->bad || n > k->len - k->off) {
		k->bad = true;
		return NULL;
	}
	b = k->p + k->off;
	k->off += n;
	return b;
}

/* A stack entry.  Typed entries (DW_OP_convert and friends) keep their
   size and signedness, which comparisons, division and shifts obey.  */
struct ent {
	uint64_t	v;
	uint8_t		size;		/* 0: the generic type */
	bool		is_unsigned;
	bool		is_float;	/* V holds a float (SIZE 4) or a
					   double (8): its bits; LD an x87
					   long double (10, 12 or 16) */
	long double	ld;
};

/* What the operations so far say the current piece is.  */
enum pend {
	PEND_NONE,	/* a memory location on the stack, or nothing */
	PEND_REG,
	PEND_VALUE,
	PEND_BYTES,
	PEND_UNAVAIL,
	PEND_IMPLICIT,
};

struct ev {
	const struct fs_loc_ctx *c;
	struct fs_err	*e;
	struct ent	 st[LOC_MAXSTACK];
	size_t		 n;
	enum pend	 pend;
	unsigned	 reg;
	const uint8_t	*bytes;
	size_t		 nbytes;
	bool		 unavail;	/* something needed is unknowable */
	uint64_t	 idie;		/* PEND_IMPLICIT's object and */
	int64_t		 ioff;		/* offset in it */
	int		 depth;		/* fbreg/entry_value nesting */
	unsigned	 steps;
	unsigned	 asize;		/* bytes of an address: DW_OP_addr's
					   operand, DW_OP_deref's read, the
					   generic type's width */
};

static int	eval(struct ev *, const uint8_t *, size_t,
		    struct fs_locval *);

/* Not a memset of the whole: the stack is written before it is read,
   and clearing it costs more than most expressions' evaluation.  */
static void
ev_init(struct ev *v, const struct fs_loc_ctx *c, struct fs_err *e,
    int depth)
{
	v->c = c;
	v->e = e;
	v->n = 0;
	v->pend = PEND_NONE;
	v->reg = 0;
	v->bytes = NULL;
	v->nbytes = 0;
	v->unavail = false;
	v->depth = depth;
	v->steps = 0;
	v->asize = c->arch != NULL ? c->arch->word : 8;
}

static int
push(struct ev *v, uint64_t x)
{
	if (v->n >= LOC_MAXSTACK)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "DWARF expression stack overflow");
	v->st[v->n].v = x;
	v->st[v->n].size = 0;
	v->st[v->n].is_unsigned = false;
	v->st[v->n].is_float = false;
	v->n++;
	return 0;
}

/* A float entry's value, and back.  */
static long double
fval(const struct ent *e)
{
	float f;
	double d;
	uint32_t w;

	if (e->size == 4) {
		w = (uint32_t)e->v;
		memcpy(&f, &w, 4);
		return f;
	}
	if (e->size > 8)
		return e->ld;
	memcpy(&d, &e->v, 8);
	return d;
}

static void
fset(struct ent *e, long double x, uint8_t size)
{
	float f;
	double d;
	uint32_t w;

	e->is_float = true;
	e->is_unsigned = false;
	e->size = size;
	e->v = 0;
	if (size == 4) {
		f = (float)x;
		memcpy(&w, &f, 4);
		e->v = w;
	} else if (size == 8) {
		d = (double)x;
		memcpy(&e->v, &d, 8);
	} else
		e->ld = x;
}

static int
need(struct ev *v, size_t k, const char *name, uint8_t op)
{
	if (v->n >= k)
		return 0;
	if (name != NULL)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "DWARF expression stack underflow at %s", name);
	return fs_err_set(v->e, FS_E_FORMAT,
	    "DWARF expression stack underflow at opcode 0x%02x", op);
}

/* A typed value's bits, truncated and extended as its type says.  */
static uint64_t
fit(uint64_t x, unsigned size, bool is_unsigned)
{
	if (size == 0 || size >= 8)
		return x;
	x &= (UINT64_C(1) << (8 * size)) - 1;
	if (!is_unsigned && (x >> (8 * size - 1)) & 1)
		x |= ~(uint64_t)0 << (8 * size);
	return x;
}

/* The top entry, when of the generic type, made as wide as an address
   and signed, as gdb's "<signed DWARF address type>": on i386 the
   generic arithmetic wraps at 32 bits (fbreg -44 of a frame base read
   as 0 is 0xffffffd4, not a 64-bit address).  */
static void
generic_fit(struct ev *v)
{
	struct ent *t;

	if (v->n == 0 || v->asize >= 8)
		return;
	t = &v->st[v->n - 1];
	if (t->size == 0 && !t->is_float)
		t->v = fit(t->v, v->asize, false);
}

/* An address on the stack, as wide as the architecture's.  */
static uint64_t
addr_fit(const struct ev *v, uint64_t x)
{
	return v->asize >= 8 ? x : fit(x, v->asize, true);
}

static int
getreg(struct ev *v, unsigned reg, uint64_t *val)
{
	const char *n;

	if (v->c->reg == NULL || v->c->reg(v->c->arg, reg, val) != 0) {
		n = fs_loc_regname(reg);
		if (n != NULL)
			return fs_err_set(v->e, FS_E_NOENT,
			    "register %s is not saved in this frame", n);
		return fs_err_set(v->e, FS_E_NOENT,
		    "DWARF register %u is not known in this frame", reg);
	}
	return 0;
}

static int
rdmem(struct ev *v, uint64_t addr, void *buf, size_t len)
{
	if (v->c->mem == NULL || v->c->mem(v->c->arg, addr, buf, len) != 0)
		return fs_err_set(v->e, FS_E_NOENT,
		    "Cannot access memory at address 0x%" PRIx64, addr);
	return 0;
}

/* The base type at unit offset DIE: 0 and its size and signedness, or
   1 when it cannot be modelled (the result becomes unavailable).  DIE
   0 is the generic type.  */
static int
basetype_f(struct ev *v, uint64_t die, unsigned *size, bool *is_unsigned,
    bool *is_float)
{
	enum fs_ate enc;

	*size = 0;
	*is_unsigned = false;
	*is_float = false;
	if (die == 0)
		return 0;
	if (v->c->base_type == NULL ||
	    v->c->base_type(v->c->arg, die, size, &enc) != 0)
		return 1;
	if (enc == FS_ATE_FLOAT) {
		/* Floats and doubles (xmm registers), x87 long doubles.  */
		*is_float = true;
		return *size == 4 || *size == 8 || *size == 10 ||
		    *size == 12 || *size == 16 ? 0 : 1;
	}
	switch (enc) {
	case FS_ATE_SIGNED:
	case FS_ATE_SIGNED_CHAR:
		break;
	case FS_ATE_UNSIGNED:
	case FS_ATE_UNSIGNED_CHAR:
	case FS_ATE_BOOLEAN:
	case FS_ATE_UTF:
	case FS_ATE_ADDRESS:
		*is_unsigned = true;
		break;
	default:
		return 1;
	}
	if (*size == 0 || *size > 8)
		return 1;
	return 0;
}

/* The value of the function's frame base (DW_OP_fbreg's origin).  */
static int
framebase(struct ev *v, uint64_t *out)
{
	struct fs_locval lv;
	struct ev sub;
	int rc;

	if (v->c->frame_base.len == 0)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "DW_OP_fbreg in a function without a frame base");
	if (v->depth > 0)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "DW_OP_fbreg inside a frame base");
	ev_init(&sub, v->c, v->e, v->depth + 1);
	if ((rc = eval(&sub, v->c->frame_base.ops, v->c->frame_base.len,
	    &lv)) != 0)
		return rc;
	if (lv.npieces != 1)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "frame base in pieces");
	switch (lv.pieces[0].kind) {
	case FS_PIECE_MEM:
		*out = lv.pieces[0].addr;
		return 0;
	case FS_PIECE_VALUE:
		*out = lv.pieces[0].value;
		return 0;
	case FS_PIECE_REG:
		/* DW_OP_reg6 as a frame base means rbp's value (clang, old
		   gcc), as gdb reads it.  */
		return getreg(v, lv.pieces[0].reg, out);
	case FS_PIECE_UNAVAIL:
		v->unavail = true;
		*out = 0;
		return 0;
	default:
		return fs_err_set(v->e, FS_E_FORMAT,
		    "unusable frame base");
	}
}

/* DW_OP_entry_value: the registers at function entry.  Only the forms
   compilers emit are understood, DW_OP_regN and DW_OP_bregN 0
   (optionally dereferenced); anything else is unavailable.  */
static int
entryvalue(struct ev *v, const uint8_t *ops, size_t len)
{
	struct cur k = { ops, len, 0, false };
	uint64_t val = 0, die;
	unsigned reg;
	uint8_t op;
	int64_t off = 0;
	bool deref = false;
	size_t dsize = 8;
	int rc;

	if (len == 0)
		goto unavail;
	op = (uint8_t)rd_u(&k, 1);
	if (op >= DW_OP_reg0 && op <= DW_OP_reg31)
		reg = op - DW_OP_reg0;
	else if (op == DW_OP_regx)
		reg = (unsigned)rd_uleb(&k);
	else if (op == DW_OP_regval_type || op == DW_OP_GNU_regval_type) {
		/* A register's value as a base type: gcc's form for an
		   argument in an xmm register.  */
		unsigned sz;
		bool uns, fl;

		reg = (unsigned)rd_uleb(&k);
		die = rd_uleb(&k);
		if (k.bad)
			return fs_err_set(v->e, FS_E_FORMAT,
			    "truncated DW_OP_entry_value");
		if (k.off != k.len || basetype_f(v, die, &sz, &uns, &fl) != 0 ||
		    v->c->entry_reg == NULL ||
		    v->c->entry_reg(v->c->arg, reg, &val) != 0)
			goto unavail;
		if (fl && sz == 4)
			val &= 0xffffffff;
		if ((rc = push(v, fl ? val : fit(val, sz, uns))) != 0)
			return rc;
		v->st[v->n - 1].size = (uint8_t)sz;
		v->st[v->n - 1].is_unsigned = uns;
		v->st[v->n - 1].is_float = fl;
		return 0;
	} else if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
		reg = op - DW_OP_breg0;
		off = rd_sleb(&k);
		deref = true;
	} else if (op == DW_OP_bregx) {
		reg = (unsigned)rd_uleb(&k);
		off = rd_sleb(&k);
		deref = true;
	} else
		goto unavail;
	if (deref) {
		if (k.off < k.len && k.p[k.off] == DW_OP_deref) {
			k.off++;
		} else if (k.off < k.len && k.p[k.off] == DW_OP_deref_size) {
			k.off++;
			dsize = (size_t)rd_u(&k, 1);
			if (dsize == 0 || dsize > 8)
				k.bad = true;
		} else
			goto unavail;
	}
	if (k.bad)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "truncated DW_OP_entry_value");
	if (k.off != k.len)
		goto unavail;
	if (v->c->entry_reg == NULL ||
	    v->c->entry_reg(v->c->arg, reg, &val) != 0)
		goto unavail;
	if (deref) {
		uint8_t b[8] = { 0 };
		int i;

		if (rdmem(v, val + (uint64_t)off, b, dsize) != 0)
			goto unavail;
		val = 0;
		for (i = (int)dsize - 1; i >= 0; i--)
			val = val << 8 | b[i];
	}
	return push(v, val);
unavail:
	v->unavail = true;
	return push(v, 0);
}

/* Close the current piece (SIZE bytes, or BITS bits at BITOFF; both 0
   at the end of a whole-object expression) into OUT.  */
static int
close_piece(struct ev *v, struct fs_locval *out, uint64_t size,
    unsigned bits, unsigned bitoff)
{
	struct fs_piece *p;

	if (out->npieces >= FS_LOC_MAXPIECES)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "too many pieces in a DWARF location");
	p = &out->pieces[out->npieces++];
	memset(p, 0, sizeof *p);
	p->size = size;
	p->bit_size = bits;
	p->bit_offset = bitoff;
	if (v->unavail) {
		p->kind = FS_PIECE_UNAVAIL;
	} else switch (v->pend) {
	case PEND_REG:
		p->kind = FS_PIECE_REG;
		p->reg = v->reg;
		break;
	case PEND_VALUE:
		if (v->n == 0)
			return fs_err_set(v->e, FS_E_FORMAT,
			    "DW_OP_stack_value with an empty stack");
		p->kind = FS_PIECE_VALUE;
		p->value = v->st[v->n - 1].v;
		if (v->st[v->n - 1].is_float && v->st[v->n - 1].size > 8) {
			/* Wider than VALUE: its bytes.  */
			memcpy(p->wide, &v->st[v->n - 1].ld, 10);
			p->nwide = v->st[v->n - 1].size;
		}
		break;
	case PEND_BYTES:
		p->kind = FS_PIECE_BYTES;
		p->bytes = v->bytes;
		p->nbytes = v->nbytes;
		break;
	case PEND_UNAVAIL:
		p->kind = FS_PIECE_UNAVAIL;
		break;
	case PEND_IMPLICIT:
		p->kind = FS_PIECE_IMPLICIT;
		p->addr = v->idie;
		p->value = (uint64_t)v->ioff;
		break;
	case PEND_NONE:
		if (v->n == 0) {
			/* DWARF 5 2.6.1.3: a piece with no location is
			   undefined, an optimized-out part.  */
			p->kind = FS_PIECE_UNAVAIL;
		} else {
			p->kind = FS_PIECE_MEM;
			p->addr = addr_fit(v, v->st[v->n - 1].v);
		}
		break;
	}
	v->pend = PEND_NONE;
	v->unavail = false;
	v->n = 0;
	return 0;
}

/* A binary operation on floats (DWARF 5 2.5.1.4: both of one type; an
   integer of the generic type beside a float is taken as a value).  */
static int
float_binop(struct ev *v, uint8_t op, const struct ent *a,
    const struct ent *b, struct ent *out)
{
	long double x = a->is_float ? fval(a) : (long double)(int64_t)a->v;
	long double y = b->is_float ? fval(b) : (long double)(int64_t)b->v;
	uint8_t size = a->is_float ? a->size : b->size;
	int r;

	/* In the precision of the type, as gdb computes it.  */
	switch (op) {
	case DW_OP_plus:
	case DW_OP_minus:
	case DW_OP_mul:
	case DW_OP_div:
		if (size == 4) {
			float p = (float)x, q = (float)y;

			fset(out, op == DW_OP_plus ? p + q : op == DW_OP_minus ?
			    p - q : op == DW_OP_mul ? p * q : p / q, size);
		} else if (size == 8) {
			double p = (double)x, q = (double)y;

			fset(out, op == DW_OP_plus ? p + q : op == DW_OP_minus ?
			    p - q : op == DW_OP_mul ? p * q : p / q, size);
		} else
			fset(out, op == DW_OP_plus ? x + y : op == DW_OP_minus ?
			    x - y : op == DW_OP_mul ? x * y : x / y, size);
		return 0;
	default:
		break;
	}
	switch (op) {
	case DW_OP_le: r = x <= y; break;
	case DW_OP_ge: r = x >= y; break;
	case DW_OP_eq: r = x == y; break;
	case DW_OP_lt: r = x < y; break;
	case DW_OP_gt: r = x > y; break;
	case DW_OP_ne: r = x != y; break;
	default:
		/* Bits of a float: no meaning, no value.  */
		v->unavail = true;
		out->v = 0;
		out->size = 0;
		out->is_float = false;
		return 0;
	}
	out->v = (uint64_t)r;
	out->size = 0;
	out->is_unsigned = false;
	out->is_float = false;
	return 0;
}

#define NEED(k) do {							\
	if ((rc = need(v, (k), opname, op)) != 0)			\
		return rc;						\
} while (0)
#define PUSH(x) do {							\
	if ((rc = push(v, (x))) != 0)					\
		return rc;						\
} while (0)
#define TOP	(v->st[v->n - 1])
#define NEXT	(v->st[v->n - 2])

/* D converted to a 64-bit integer (unsigned when UNS) as the processor
   converts it, with no undefined behaviour: a value out of range (from
   hostile DWARF) is the "integer indefinite" 0x8000000000000000, or all
   ones unsigned, NaN 0.  */
static uint64_t
float_int(long double d, bool uns)
{
	if (isnan(d))
		return 0;
	if (uns && d > -1 && d < 0x1p64L)
		return (uint64_t)d;
	if (d >= -0x1p63L && d < 0x1p63L)
		return (uint64_t)(int64_t)d;
	return uns && d > 0 ? UINT64_MAX : (uint64_t)1 << 63;
}

static int
eval(struct ev *v, const uint8_t *ops, size_t len, struct fs_locval *out)
{
	struct cur k = { ops, len, 0, false };
	const char *opname;	/* NULL: "opcode 0x.." */
	struct ent a, b;
	uint64_t x, y;
	int64_t s;
	unsigned sz, reg;
	bool uns, r, fl;
	uint8_t op, buf[8];
	const uint8_t *blk;
	size_t i;
	int rc;

	/* Pieces are cleared as they are made (close_piece).  */
	out->npieces = 0;
	out->uninit = false;
	v->n = 0;
	v->pend = PEND_NONE;
	if (len == 0) {
		/* An empty expression: the object exists but has no
		   location (DWARF 5 2.6.1.1.1).  */
		v->pend = PEND_UNAVAIL;
		return close_piece(v, out, 0, 0, 0);
	}
	while (k.off < k.len) {
		generic_fit(v);
		if (++v->steps > LOC_MAXSTEPS)
			return fs_err_set(v->e, FS_E_FORMAT,
			    "DWARF expression does not end (a loop?)");
		op = k.p[k.off++];
		opname = NULL;
		/* After a register, a value or literal bytes only a piece
		   may follow (DWARF 5 2.6.1.1.3/4).  */
		if (v->pend != PEND_NONE && op != DW_OP_piece &&
		    op != DW_OP_bit_piece && op != DW_OP_nop &&
		    op != DW_OP_GNU_uninit)
			return fs_err_set(v->e, FS_E_FORMAT,
			    "DWARF expression: a register or value location "
			    "must be alone or followed by DW_OP_piece");
		if (op >= DW_OP_lit0 && op <= DW_OP_lit31) {
			PUSH(op - DW_OP_lit0);
			continue;
		}
		if (op >= DW_OP_reg0 && op <= DW_OP_reg31) {
			v->pend = PEND_REG;
			v->reg = op - DW_OP_reg0;
			continue;
		}
		if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
			s = rd_sleb(&k);
			if (k.bad)
				break;
			if ((rc = getreg(v, op - DW_OP_breg0, &x)) != 0)
				return rc;
			PUSH(x + (uint64_t)s);
			continue;
		}
		switch (op) {
		case DW_OP_addr:
			x = rd_u(&k, v->asize);
			PUSH(addr_fit(v, x + v->c->bias));
			break;
		case DW_OP_const1u:
			PUSH(rd_u(&k, 1));
			break;
		case DW_OP_const1s:
			PUSH((uint64_t)rd_s(&k, 1));
			break;
		case DW_OP_const2u:
			PUSH(rd_u(&k, 2));
			break;
		case DW_OP_const2s:
			PUSH((uint64_t)rd_s(&k, 2));
			break;
		case DW_OP_const4u:
			PUSH(rd_u(&k, 4));
			break;
		case DW_OP_const4s:
			PUSH((uint64_t)rd_s(&k, 4));
			break;
		case DW_OP_const8u:
			PUSH(rd_u(&k, 8));
			break;
		case DW_OP_const8s:
			PUSH((uint64_t)rd_s(&k, 8));
			break;
		case DW_OP_constu:
			PUSH(rd_uleb(&k));
			break;
		case DW_OP_consts:
			PUSH((uint64_t)rd_sleb(&k));
			break;
		case DW_OP_dup:
			opname = "DW_OP_dup";
			NEED(1);
			a = TOP;
			PUSH(0);
			TOP = a;
			break;
		case DW_OP_drop:
			opname = "DW_OP_drop";
			NEED(1);
			v->n--;
			break;
		case DW_OP_over:
			opname = "DW_OP_over";
			NEED(2);
			a = NEXT;
			PUSH(0);
			TOP = a;
			break;
		case DW_OP_pick:
			opname = "DW_OP_pick";
			x = rd_u(&k, 1);
			if (k.bad)
				break;
			NEED(x + 1);
			a = v->st[v->n - 1 - x];
			PUSH(0);
			TOP = a;
			break;
		case DW_OP_swap:
			opname = "DW_OP_swap";
			NEED(2);
			a = TOP;
			TOP = NEXT;
			NEXT = a;
			break;
		case DW_OP_rot:
			opname = "DW_OP_rot";
			NEED(3);
			a = TOP;
			TOP = NEXT;
			NEXT = v->st[v->n - 3];
			v->st[v->n - 3] = a;
			break;
		case DW_OP_deref:
		case DW_OP_deref_size:
		case DW_OP_deref_type:
		case DW_OP_GNU_deref_type:
			opname = "DW_OP_deref";
			sz = v->asize;
			uns = true;
			r = false;
			if (op != DW_OP_deref)
				sz = (unsigned)rd_u(&k, 1);
			fl = false;
			if (op == DW_OP_deref_type ||
			    op == DW_OP_GNU_deref_type) {
				unsigned tsz;

				x = rd_uleb(&k);
				if (k.bad)
					break;
				r = basetype_f(v, x, &tsz, &uns, &fl) != 0;
				if (!r && tsz != 0 && tsz != sz)
					r = true;
			}
			if (k.bad)
				break;
			if (sz == 0 || (sz > 8 && !(fl && !r && sz <= 16)))
				return fs_err_set(v->e, FS_E_FORMAT,
				    "DW_OP_deref_size of %u bytes", sz);
			NEED(1);
			if (r) {
				v->unavail = true;
				TOP.v = 0;
				break;
			}
			TOP.v = addr_fit(v, TOP.v);
			if (sz > 8) {
				/* An x87 long double.  */
				uint8_t wide[16];
				long double ld = 0;

				if ((rc = rdmem(v, TOP.v, wide, sz)) != 0)
					return rc;
				memcpy(&ld, wide, 10);
				fset(&TOP, ld, (uint8_t)sz);
				break;
			}
			memset(buf, 0, sizeof buf);
			if ((rc = rdmem(v, TOP.v, buf, sz)) != 0)
				return rc;
			x = 0;
			for (i = sz; i > 0; i--)
				x = x << 8 | buf[i - 1];
			TOP.v = fl ? x : fit(x, op == DW_OP_deref ? 0 : sz,
			    op == DW_OP_deref_size || uns);
			if (op == DW_OP_deref_type ||
			    op == DW_OP_GNU_deref_type) {
				TOP.size = (uint8_t)sz;
				TOP.is_unsigned = uns;
				TOP.is_float = fl;
			}
			break;
		case DW_OP_xderef:
		case DW_OP_xderef_size:
		case DW_OP_xderef_type:
			return fs_err_set(v->e, FS_E_FORMAT,
			    "DW_OP_xderef: address spaces are not supported");
		case DW_OP_abs:
			opname = "DW_OP_abs";
			NEED(1);
			if (TOP.is_float)
				fset(&TOP, fabsl(fval(&TOP)), TOP.size);
			else if (!TOP.is_unsigned && (int64_t)TOP.v < 0)
				TOP.v = 0 - TOP.v;
			break;
		case DW_OP_neg:
			opname = "DW_OP_neg";
			NEED(1);
			if (TOP.is_float)
				fset(&TOP, -fval(&TOP), TOP.size);
			else
				TOP.v = fit(0 - TOP.v, TOP.size,
				    TOP.is_unsigned);
			break;
		case DW_OP_not:
			opname = "DW_OP_not";
			NEED(1);
			if (TOP.is_float)
				v->unavail = true;
			TOP.v = fit(~TOP.v, TOP.size, TOP.is_unsigned);
			break;
		case DW_OP_plus_uconst:
			opname = "DW_OP_plus_uconst";
			x = rd_uleb(&k);
			if (k.bad)
				break;
			NEED(1);
			TOP.v = fit(TOP.v + x, TOP.size, TOP.is_unsigned);
			break;
		case DW_OP_and:
		case DW_OP_div:
		case DW_OP_minus:
		case DW_OP_mod:
		case DW_OP_mul:
		case DW_OP_or:
		case DW_OP_plus:
		case DW_OP_shl:
		case DW_OP_shr:
		case DW_OP_shra:
		case DW_OP_xor:
		case DW_OP_le:
		case DW_OP_ge:
		case DW_OP_eq:
		case DW_OP_lt:
		case DW_OP_gt:
		case DW_OP_ne:
			opname = "a binary operation";
			NEED(2);
			b = TOP;
			a = NEXT;
			v->n--;
			if (a.is_float || b.is_float) {
				if ((rc = float_binop(v, op, &a, &b, &TOP)) != 0)
					return rc;
				break;
			}
			x = a.v;
			y = b.v;
			uns = a.is_unsigned;
			switch (op) {
			case DW_OP_and: x &= y; break;
			case DW_OP_or:  x |= y; break;
			case DW_OP_xor: x ^= y; break;
			case DW_OP_plus: x += y; break;
			case DW_OP_minus: x -= y; break;
			case DW_OP_mul: x *= y; break;
			case DW_OP_div:
			case DW_OP_mod:
				if (a.size == 0 && op == DW_OP_mod &&
				    v->asize < 8) {
					x = fit(x, v->asize, true);
					y = fit(y, v->asize, true);
				}
				if (y == 0)
					return fs_err_set(v->e, FS_E_FORMAT,
					    "Division by zero");
				/* The generic type is signed for DW_OP_div,
				   unsigned for DW_OP_mod, as gdb reads it. */
				if (op == DW_OP_mod || uns)
					x = op == DW_OP_div ? x / y : x % y;
				else if ((int64_t)x == INT64_MIN &&
				    (int64_t)y == -1)
					x = op == DW_OP_div ? x : 0;
				else
					x = (uint64_t)((int64_t)x /
					    (int64_t)y);
				break;
			case DW_OP_shl:
				x = y >= 64 ? 0 : x << y;
				break;
			case DW_OP_shr:
				sz = a.size != 0 ? a.size : v->asize;
				if (sz < 8)
					x &= (UINT64_C(1) << (8 * sz)) - 1;
				x = y >= 64 ? 0 : x >> y;
				break;
			case DW_OP_shra:
				if (y >= 64)
					y = 63;
				x = (uint64_t)((int64_t)x >> y);
				break;
			default:
#define CMP(o) (uns ? (x o y) : ((int64_t)x o (int64_t)y))
				switch (op) {
				case DW_OP_le: r = CMP(<=); break;
				case DW_OP_ge: r = CMP(>=); break;
				case DW_OP_eq: r = x == y; break;
				case DW_OP_lt: r = CMP(<); break;
				case DW_OP_gt: r = CMP(>); break;
				default: r = x != y; break;
				}
#undef CMP
				TOP.v = r;
				TOP.size = 0;
				TOP.is_unsigned = false;
				continue;
			}
			TOP.v = fit(x, a.size, a.is_unsigned);
			TOP.size = a.size;
			TOP.is_unsigned = a.is_unsigned;
			break;
		case DW_OP_skip:
		case DW_OP_bra:
			opname = op == DW_OP_skip ? "DW_OP_skip" : "DW_OP_bra";
			s = rd_s(&k, 2);
			if (k.bad)
				break;
			if (op == DW_OP_bra) {
				NEED(1);
				v->n--;
				if (v->st[v->n].v == 0)
					break;
			}
			if ((s < 0 && (uint64_t)-s > k.off) ||
			    (s > 0 && (uint64_t)s > k.len - k.off))
				return fs_err_set(v->e, FS_E_FORMAT,
				    "%s out of the expression", opname);
			k.off = (size_t)((int64_t)k.off + s);
			break;
		case DW_OP_regx:
			x = rd_uleb(&k);
			if (k.bad)
				break;
			v->pend = PEND_REG;
			v->reg = x > UINT32_MAX ? UINT32_MAX : (unsigned)x;
			break;
		case DW_OP_bregx:
			x = rd_uleb(&k);
			s = rd_sleb(&k);
			if (k.bad)
				break;
			if ((rc = getreg(v, x > UINT32_MAX ? UINT32_MAX :
			    (unsigned)x, &y)) != 0)
				return rc;
			PUSH(y + (uint64_t)s);
			break;
		case DW_OP_fbreg:
			s = rd_sleb(&k);
			if (k.bad)
				break;
			if ((rc = framebase(v, &x)) != 0)
				return rc;
			PUSH(x + (uint64_t)s);
			break;
		case DW_OP_call_frame_cfa:
			if (v->c->cfa == 0)
				return fs_err_set(v->e, FS_E_NOENT,
				    "the frame's CFA is not known");
			PUSH(v->c->cfa);
			break;
		case DW_OP_piece:
			x = rd_uleb(&k);
			if (k.bad)
				break;
			if (x == 0)
				return fs_err_set(v->e, FS_E_FORMAT,
				    "DW_OP_piece of 0 bytes");
			if ((rc = close_piece(v, out, x, 0, 0)) != 0)
				return rc;
			break;
		case DW_OP_bit_piece:
			x = rd_uleb(&k);
			y = rd_uleb(&k);
			if (k.bad)
				break;
			if (x == 0 || x > 64 * 8 || y > 1U << 20)
				return fs_err_set(v->e, FS_E_FORMAT,
				    "DW_OP_bit_piece of %" PRIu64 " bits "
				    "at %" PRIu64, x, y);
			if ((rc = close_piece(v, out, 0, (unsigned)x,
			    (unsigned)y)) != 0)
				return rc;
			break;
		case DW_OP_stack_value:
			opname = "DW_OP_stack_value";
			NEED(1);
			v->pend = PEND_VALUE;
			break;
		case DW_OP_implicit_value:
			x = rd_uleb(&k);
			if (x > k.len)
				k.bad = true;
			if (k.bad)
				break;
			blk = rd_block(&k, (size_t)x);
			if (k.bad)
				break;
			v->pend = PEND_BYTES;
			v->bytes = blk;
			v->nbytes = (size_t)x;
			break;
		case DW_OP_implicit_pointer:
		case DW_OP_GNU_implicit_pointer:
			/* A pointer to an object that has no address: gdb
			   prints it as <synthetic pointer>, and follows it
			   to the object.  */
			v->idie = rd_u(&k, 4);
			v->ioff = rd_sleb(&k);
			v->pend = PEND_IMPLICIT;
			break;
		case DW_OP_entry_value:
		case DW_OP_GNU_entry_value:
			x = rd_uleb(&k);
			if (x > k.len)
				k.bad = true;
			if (k.bad)
				break;
			blk = rd_block(&k, (size_t)x);
			if (k.bad)
				break;
			if ((rc = entryvalue(v, blk, (size_t)x)) != 0)
				return rc;
			break;
		case DW_OP_GNU_parameter_ref:
			rd_u(&k, 4);
			v->unavail = true;
			PUSH(0);
			break;
		case DW_OP_form_tls_address:
		case DW_OP_GNU_push_tls_address:
			opname = "DW_OP_form_tls_address";
			NEED(1);
			if (v->c->tls_base == 0)
				return fs_err_set(v->e, FS_E_NOENT,
				    "the thread's TLS block is not known");
			TOP.v += v->c->tls_base;
			break;
		case DW_OP_addrx:
		case DW_OP_constx:
		case DW_OP_GNU_addr_index:
		case DW_OP_GNU_const_index:
			x = rd_uleb(&k);
			if (k.bad)
				break;
			if (v->c->addrx == NULL ||
			    v->c->addrx(v->c->arg, x, &y) != 0)
				return fs_err_set(v->e, FS_E_FORMAT,
				    "DW_OP_addrx: .debug_addr is not read");
			if (op == DW_OP_addrx || op == DW_OP_GNU_addr_index)
				y += v->c->bias;
			PUSH(y);
			break;
		case DW_OP_nop:
			break;
		case DW_OP_GNU_uninit:
			out->uninit = true;
			break;
		case DW_OP_convert:
		case DW_OP_GNU_convert:
		case DW_OP_reinterpret:
		case DW_OP_GNU_reinterpret:
			opname = "DW_OP_convert";
			x = rd_uleb(&k);
			if (k.bad)
				break;
			NEED(1);
			if (basetype_f(v, x, &sz, &uns, &fl) != 0) {
				v->unavail = true;
				break;
			}
			if (op == DW_OP_reinterpret ||
			    op == DW_OP_GNU_reinterpret) {
				/* The same bits, another type.  */
				TOP.v = fl ? TOP.v : fit(TOP.v, sz, uns);
			} else if (fl) {
				long double d = TOP.is_float ? fval(&TOP) :
				    TOP.is_unsigned ?
				    (long double)fit(TOP.v, TOP.size, true) :
				    (long double)(int64_t)fit(TOP.v, TOP.size,
				    false);

				fset(&TOP, d, (uint8_t)sz);
				break;
			} else if (TOP.is_float) {
				long double d = fval(&TOP);

				TOP.v = fit(float_int(d, uns), sz, uns);
			} else {
				TOP.v = fit(TOP.v, TOP.size, TOP.is_unsigned);
				TOP.v = fit(TOP.v, sz, uns);
			}
			TOP.size = (uint8_t)sz;
			TOP.is_unsigned = uns;
			TOP.is_float = fl;
			break;
		case DW_OP_const_type:
		case DW_OP_GNU_const_type:
			x = rd_uleb(&k);
			y = rd_u(&k, 1);
			blk = rd_block(&k, (size_t)y);
			if (k.bad)
				break;
			if (basetype_f(v, x, &sz, &uns, &fl) != 0 ||
			    (y > 8 && !(fl && y <= 16)) || (sz != 0 &&
			    sz != y)) {
				v->unavail = true;
				PUSH(0);
				break;
			}
			if (y > 8) {
				long double ld = 0;

				memcpy(&ld, blk, 10);
				PUSH(0);
				fset(&TOP, ld, (uint8_t)y);
				break;
			}
			x = 0;
			for (i = (size_t)y; i > 0; i--)
				x = x << 8 | blk[i - 1];
			PUSH(fl ? x : fit(x, (unsigned)y, uns));
			TOP.size = (uint8_t)y;
			TOP.is_unsigned = uns;
			TOP.is_float = fl;
			break;
		case DW_OP_regval_type:
		case DW_OP_GNU_regval_type:
			x = rd_uleb(&k);
			y = rd_uleb(&k);
			if (k.bad)
				break;
			reg = x > UINT32_MAX ? UINT32_MAX : (unsigned)x;
			if (basetype_f(v, y, &sz, &uns, &fl) != 0) {
				v->unavail = true;
				PUSH(0);
				break;
			}
			if ((rc = getreg(v, reg, &x)) != 0)
				return rc;
			if (fl && sz == 4)
				x &= 0xffffffff;
			PUSH(fl ? x : fit(x, sz, uns));
			TOP.size = (uint8_t)sz;
			TOP.is_unsigned = uns;
			TOP.is_float = fl;
			break;
		default:
			return fs_err_set(v->e, FS_E_FORMAT,
			    "unsupported DWARF operation 0x%02x", op);
		}
		if (k.bad)
			break;
	}
	if (k.bad)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "truncated DWARF expression (operation at byte %zu)",
		    k.off);
	generic_fit(v);
	/* Trailing operations after the last piece make one more whole
	   piece only when there was no piece at all.  */
	if (out->npieces == 0)
		return close_piece(v, out, 0, 0, 0);
	if (v->n != 0 || v->pend != PEND_NONE)
		return fs_err_set(v->e, FS_E_FORMAT,
		    "DWARF expression: operations after the last piece");
	return 0;
}

int
fs_loc_eval(const struct fs_expr *x, const struct fs_loc_ctx *c,
    struct fs_locval *out, struct fs_err *e)
{
	struct ev v;
	int rc;

	ev_init(&v, c, e, 0);
	if ((rc = eval(&v, x->ops, x->len, out)) != 0)
		out->npieces = 0;
	return rc;
}

int
fs_loc_select(const struct fs_location *l, uint64_t faddr,
    struct fs_expr *out)
{
	size_t lo, hi, mid;

	out->ops = NULL;
	out->len = 0;
	switch (l->kind) {
	case FS_LOC_EXPR:
		*out = l->expr;
		return 0;
	case FS_LOC_CONST:
		return 0;
	case FS_LOC_LIST:
		/* Sorted by LO; ranges do not overlap in practice, but the
		   last range starting at or before FADDR may be short, so
		   look back over a few.  */
		lo = 0;
		hi = l->nranges;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (l->ranges[mid].lo <= faddr)
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo > 0) {
			lo--;
			if (faddr < l->ranges[lo].hi) {
				if (l->ranges[lo].expr.len == 0)
					return -FS_E_NOENT;
				*out = l->ranges[lo].expr;
				return 0;
			}
			if (l->nranges - lo > 16)
				break;
		}
		return -FS_E_NOENT;
	case FS_LOC_NONE:
	default:
		return -FS_E_NOENT;
	}
}

int
fs_loc_locate(const struct fs_location *l, uint64_t faddr,
    const struct fs_loc_ctx *c, struct fs_locval *out, struct fs_err *e)
{
	struct fs_expr x;

	memset(out, 0, sizeof *out);
	if (l->kind == FS_LOC_CONST) {
		out->npieces = 1;
		out->pieces[0].kind = FS_PIECE_BYTES;
		out->pieces[0].bytes = l->const_bytes;
		out->pieces[0].nbytes = l->const_len;
		return 0;
	}
	if (fs_loc_select(l, faddr, &x) != 0) {
		out->npieces = 1;
		out->pieces[0].kind = FS_PIECE_UNAVAIL;
		return 0;
	}
	return fs_loc_eval(&x, c, out, e);
}

/* Copy NBITS bits from SRC at bit SOFF to DST at bit DOFF, marking them
   valid or not in VALID (per bit: a bitfield may be known where its
   neighbours in the byte are not).  */
static void
copybits(uint8_t *dst, size_t dlen, uint64_t doff, const uint8_t *src,
    uint64_t soff, uint64_t nbits, uint8_t *valid, bool ok)
{
	uint64_t i, d, s;

	for (i = 0; i < nbits; i++) {
		d = doff + i;
		s = soff + i;
		if (d / 8 >= dlen)
			return;
		if (src != NULL && ok) {
			if ((src[s / 8] >> (s % 8)) & 1)
				dst[d / 8] |= (uint8_t)(1U << (d % 8));
			else
				dst[d / 8] &= (uint8_t)~(1U << (d % 8));
		}
		if (valid != NULL && !ok)
			valid[d / 8] &= (uint8_t)~(1U << (d % 8));
	}
}

int
fs_loc_read(const struct fs_locval *v, const struct fs_loc_ctx *c,
    uint8_t *buf, size_t len, uint8_t *valid, struct fs_err *e)
{
	const struct fs_piece *p;
	uint8_t src[64];
	uint64_t pos = 0, nbits, soff, val, avail, good;
	size_t i, n;
	int rc = 0, prc;
	bool ok;

	memset(buf, 0, len);
	if (valid != NULL)
		memset(valid, 0xff, len);
	if (v->npieces == 0) {
		if (valid != NULL)
			memset(valid, 0, len);
		return fs_err_set(e, FS_E_NOENT, "optimized out");
	}
	for (i = 0; i < v->npieces && pos < (uint64_t)len * 8; i++) {
		p = &v->pieces[i];
		if (p->bit_size != 0) {
			nbits = p->bit_size;
			soff = p->bit_offset;
		} else if (p->size != 0) {
			nbits = p->size * 8;
			soff = 0;
		} else {
			nbits = (uint64_t)len * 8 - pos;
			soff = 0;
		}
		if (nbits > (uint64_t)len * 8 - pos)
			nbits = (uint64_t)len * 8 - pos;
		n = (size_t)((soff + nbits + 7) / 8);
		ok = true;
		prc = 0;
		memset(src, 0, sizeof src);
		switch (p->kind) {
		case FS_PIECE_MEM:
			if (soff == 0 && pos % 8 == 0 && nbits % 8 == 0) {
				/* Byte-aligned: read in place, whatever the
				   size.  */
				if (c->mem == NULL || c->mem(c->arg, p->addr,
				    buf + pos / 8, (size_t)(nbits / 8)) != 0) {
					memset(buf + pos / 8, 0,
					    (size_t)(nbits / 8));
					copybits(buf, len, pos, NULL, 0, nbits,
					    valid, false);
					if (rc == 0)
						rc = fs_err_set(e, FS_E_NOENT,
						    "Cannot access memory at "
						    "address 0x%" PRIx64,
						    p->addr);
				}
				pos += nbits;
				continue;
			}
			if (n > sizeof src) {
				ok = false;
				prc = fs_err_set(e, FS_E_FORMAT,
				    "bit piece too large");
				break;
			}
			if (c->mem == NULL ||
			    c->mem(c->arg, p->addr, src, n) != 0) {
				ok = false;
				prc = fs_err_set(e, FS_E_NOENT,
				    "Cannot access memory at address 0x%"
				    PRIx64, p->addr);
			}
			break;
		case FS_PIECE_REG:
			if (n > sizeof src) {
				ok = false;
				break;
			}
			if (c->regbytes != NULL &&
			    c->regbytes(c->arg, p->reg, src) == 0)
				break;
			if (n > 8 || c->reg == NULL ||
			    c->reg(c->arg, p->reg, &val) != 0) {
				ok = false;
				break;
			}
			for (n = 0; n < 8; n++)
				src[n] = (uint8_t)(val >> (8 * n));
			break;
		case FS_PIECE_VALUE:
			for (n = 0; n < 8; n++)
				src[n] = (uint8_t)(p->value >> (8 * n));
			if (p->nwide > 0)
				memcpy(src, p->wide, p->nwide);
			break;
		case FS_PIECE_BYTES:
			/* Bits beyond the literal are unknown.  */
			avail = (uint64_t)(p->nbytes < sizeof src ?
			    p->nbytes : sizeof src) * 8;
			memcpy(src, p->bytes, (size_t)(avail / 8));
			good = avail > soff ? avail - soff : 0;
			if (good > nbits)
				good = nbits;
			copybits(buf, len, pos, src, soff, good, valid, true);
			if (good < nbits) {
				copybits(buf, len, pos + good, NULL, 0,
				    nbits - good, valid, false);
				if (rc == 0)
					rc = fs_err_set(e, FS_E_NOENT,
					    "optimized out");
			}
			pos += nbits;
			continue;
		case FS_PIECE_UNAVAIL:
		case FS_PIECE_IMPLICIT:
			ok = false;
			break;
		}
		copybits(buf, len, pos, src, soff, nbits, valid, ok);
		if (!ok && rc == 0)
			rc = prc != 0 ? prc : fs_err_set(e, FS_E_NOENT,
			    "optimized out");
		pos += nbits;
	}
	if (pos < (uint64_t)len * 8) {
		/* Pieces cover less than the object: the rest is unknown. */
		copybits(buf, len, pos, NULL, 0, (uint64_t)len * 8 - pos,
		    valid, false);
		if (rc == 0)
			rc = fs_err_set(e, FS_E_NOENT, "optimized out");
	}
	return rc;
}

/* Describing locations in words.  */

static void
regoff(char *buf, size_t size, const char *base, int64_t off)
{
	if (off == 0)
		snprintf(buf, size, "%s", base);
	else if (off < 0)
		snprintf(buf, size, "%s-%" PRIu64, base, 0 - (uint64_t)off);
	else
		snprintf(buf, size, "%s+%" PRId64, base, off);
}

/* gdb's name of DWARF register REG in the architecture of C: another
   than x86-64 (i386) has its own numbers.  */
static const char *
rname(const struct fs_loc_ctx *c, unsigned reg, char *tmp, size_t size)
{
	const char *n = c != NULL && c->arch != NULL && c->arch->word != 8 ?
	    fs_arch_dwarf_name(c->arch, reg) : fs_loc_regname(reg);

	if (n != NULL)
		return n;
	snprintf(tmp, size, "DWARF register %u", reg);
	return tmp;
}

/* The frame base as a register and an offset: rbp+16 for
   DW_OP_breg6 16, cfa+0 for DW_OP_call_frame_cfa.  REG is -1 for the
   CFA.  Returns false when it is something else.  */
static bool
fb_shape(const struct fs_expr *fb, int *reg, int64_t *off)
{
	struct cur k = { fb->ops, fb->len, 0, false };
	uint8_t op;

	if (fb->len == 0)
		return false;
	op = (uint8_t)rd_u(&k, 1);
	*off = 0;
	if (op == DW_OP_call_frame_cfa)
		*reg = -1;
	else if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
		*reg = op - DW_OP_breg0;
		*off = rd_sleb(&k);
	} else if (op >= DW_OP_reg0 && op <= DW_OP_reg31)
		*reg = op - DW_OP_reg0;
	else
		return false;
	return !k.bad && k.off == k.len;
}

/* Describe one piece's expression OPS[0..LEN) into BUF.  */
static void
describe1(const uint8_t *ops, size_t len, const struct fs_loc_ctx *c,
    bool has_rbp, char *buf, size_t size)
{
	struct cur k = { ops, len, 0, false };
	char tmp[32], t2[40];
	uint64_t x, rbp;
	int64_t off, fboff, delta;
	int fbreg;
	uint8_t op;
	unsigned reg;

	if (len == 0) {
		snprintf(buf, size, "optimized out");
		return;
	}
	op = (uint8_t)rd_u(&k, 1);
	if (op >= DW_OP_reg0 && op <= DW_OP_reg31 && len == 1) {
		snprintf(buf, size, "in %s", rname(c, op - DW_OP_reg0, tmp,
		    sizeof tmp));
		return;
	}
	if (op == DW_OP_regx) {
		reg = (unsigned)rd_uleb(&k);
		if (!k.bad && k.off == len) {
			snprintf(buf, size, "in %s", rname(c, reg, tmp,
			    sizeof tmp));
			return;
		}
	}
	if (op == DW_OP_addr) {
		x = rd_u(&k, c != NULL && c->arch != NULL ? c->arch->word : 8);
		if (!k.bad && k.off == len) {
			snprintf(buf, size, "at 0x%" PRIx64,
			    x + (c != NULL ? c->bias : 0));
			return;
		}
		if (!k.bad && k.off < len && (k.p[k.off] ==
		    DW_OP_form_tls_address || k.p[k.off] ==
		    DW_OP_GNU_push_tls_address)) {
			snprintf(buf, size, "thread-local");
			return;
		}
	}
	if ((op == DW_OP_const8u || op == DW_OP_const4u ||
	    op == DW_OP_constu) && len >= 2 && (ops[len - 1] ==
	    DW_OP_form_tls_address || ops[len - 1] ==
	    DW_OP_GNU_push_tls_address)) {
		snprintf(buf, size, "thread-local");
		return;
	}
	if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
		off = rd_sleb(&k);
		if (!k.bad && k.off == len) {
			snprintf(buf, size, "at ");
			regoff(buf + 3, size > 3 ? size - 3 : 0,
			    rname(c, op - DW_OP_breg0, tmp, sizeof tmp), off);
			return;
		}
	}
	if (op == DW_OP_fbreg) {
		off = rd_sleb(&k);
		if (!k.bad && k.off == len && c != NULL &&
		    fb_shape(&c->frame_base, &fbreg, &fboff)) {
			/* Wrapping, as the address arithmetic it shows:
			   hostile DWARF may give any offset.  */
			off = (int64_t)((uint64_t)off + (uint64_t)fboff);
			if (fbreg == -1 && has_rbp) {
				/* cfa = rbp + 16 after the standard
				   prologue; the frame's registers say so
				   exactly when they are known.  */
				delta = 16;
				if (c->cfa != 0 && c->reg != NULL &&
				    c->reg(c->arg, FS_DWREG_RBP, &rbp) == 0 &&
				    c->cfa - rbp < 4096)
					delta = (int64_t)(c->cfa - rbp);
				snprintf(buf, size, "at ");
				regoff(buf + 3, size > 3 ? size - 3 : 0,
				    "rbp", (int64_t)((uint64_t)off +
				    (uint64_t)delta));
			} else if (fbreg == -1) {
				snprintf(buf, size, "at ");
				regoff(buf + 3, size > 3 ? size - 3 : 0,
				    "cfa", off);
			} else {
				snprintf(buf, size, "at ");
				regoff(buf + 3, size > 3 ? size - 3 : 0,
				    rname(c, (unsigned)fbreg, tmp, sizeof tmp),
				    off);
			}
			return;
		}
		if (!k.bad && k.off == len) {
			snprintf(buf, size, "at ");
			regoff(buf + 3, size > 3 ? size - 3 : 0,
			    "frame base", off);
			return;
		}
	}
	if (op == DW_OP_call_frame_cfa && len == 1) {
		snprintf(buf, size, "at cfa");
		return;
	}
	if (op == DW_OP_implicit_value) {
		snprintf(buf, size, "constant");
		return;
	}
	if (op == DW_OP_implicit_pointer || op == DW_OP_GNU_implicit_pointer) {
		snprintf(buf, size, "optimized out (points to a variable "
		    "with no address)");
		return;
	}
	if (ops[len - 1] == DW_OP_stack_value) {
		k.off = 0;
		k.bad = false;
		op = ops[0];
		if (op >= DW_OP_lit0 && op <= DW_OP_lit31 && len == 2) {
			snprintf(buf, size, "constant %u", op - DW_OP_lit0);
			return;
		}
		if ((op == DW_OP_constu || op == DW_OP_consts ||
		    (op >= DW_OP_const1u && op <= DW_OP_const8s)) &&
		    len > 2) {
			snprintf(buf, size, "constant");
			return;
		}
		if ((op == DW_OP_entry_value || op == DW_OP_GNU_entry_value) &&
		    len >= 3 && ops[1] == 1 && ops[2] >= DW_OP_reg0 &&
		    ops[2] <= DW_OP_reg31) {
			snprintf(t2, sizeof t2, "%s", rname(c, ops[2] -
			    DW_OP_reg0, tmp, sizeof tmp));
			snprintf(buf, size, len == 4 ?
			    "the value %s had at entry" :
			    "computed from the value %s had at entry", t2);
			return;
		}
		if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
			k.off = 1;
			off = rd_sleb(&k);
			if (!k.bad && k.off == len - 1) {
				snprintf(t2, sizeof t2, "%s", rname(c, op -
				    DW_OP_breg0, tmp, sizeof tmp));
				snprintf(buf, size, "computed: ");
				regoff(buf + 10, size > 10 ? size - 10 : 0,
				    t2, off);
				return;
			}
			snprintf(buf, size, "computed from %s", rname(c, op -
			    DW_OP_breg0, tmp, sizeof tmp));
			return;
		}
		snprintf(buf, size, "computed");
		return;
	}
	snprintf(buf, size, "at a computed address");
}

/* The length of the operation at OPS[OFF], or 0 when it cannot be
   decoded, to split an expression at its pieces.  */
static size_t
oplen(const uint8_t *ops, size_t len, size_t off, unsigned asize)
{
	struct cur k = { ops, len, off, false };
	uint8_t op = (uint8_t)rd_u(&k, 1);
	uint64_t x;

	if (op >= DW_OP_breg0 && op <= DW_OP_breg31)
		rd_sleb(&k);
	else switch (op) {
	case DW_OP_addr:
		rd_u(&k, asize); break;
	case DW_OP_const8u: case DW_OP_const8s:
		rd_u(&k, 8); break;
	case DW_OP_const1u: case DW_OP_const1s: case DW_OP_pick:
	case DW_OP_deref_size: case DW_OP_xderef_size:
		rd_u(&k, 1); break;
	case DW_OP_const2u: case DW_OP_const2s: case DW_OP_skip:
	case DW_OP_bra:
		rd_u(&k, 2); break;
	case DW_OP_const4u: case DW_OP_const4s: case DW_OP_GNU_parameter_ref:
		rd_u(&k, 4); break;
	case DW_OP_constu: case DW_OP_plus_uconst: case DW_OP_regx:
	case DW_OP_piece: case DW_OP_addrx: case DW_OP_constx:
	case DW_OP_GNU_addr_index: case DW_OP_GNU_const_index:
	case DW_OP_convert: case DW_OP_GNU_convert: case DW_OP_reinterpret:
	case DW_OP_GNU_reinterpret:
		rd_uleb(&k); break;
	case DW_OP_consts: case DW_OP_fbreg:
		rd_sleb(&k); break;
	case DW_OP_bregx: case DW_OP_regval_type: case DW_OP_GNU_regval_type:
	case DW_OP_bit_piece:
		rd_uleb(&k);
		if (op == DW_OP_bregx)
			rd_sleb(&k);
		else
			rd_uleb(&k);
		break;
	case DW_OP_implicit_value: case DW_OP_entry_value:
	case DW_OP_GNU_entry_value:
		x = rd_uleb(&k);
		if (x > len)
			return 0;
		rd_block(&k, (size_t)x);
		break;
	case DW_OP_implicit_pointer: case DW_OP_GNU_implicit_pointer:
		rd_u(&k, 4);
		rd_sleb(&k);
		break;
	case DW_OP_const_type: case DW_OP_GNU_const_type:
		rd_uleb(&k);
		x = rd_u(&k, 1);
		rd_block(&k, (size_t)x);
		break;
	case DW_OP_deref_type: case DW_OP_GNU_deref_type:
		rd_u(&k, 1);
		rd_uleb(&k);
		break;
	default:
		break;
	}
	return k.bad ? 0 : k.off - off;
}

const char *
fs_loc_describe(const struct fs_location *l, uint64_t faddr,
    const struct fs_loc_ctx *c, bool has_rbp, char *buf, size_t size)
{
	struct fs_expr x;
	char one[64];
	size_t off, start, n, used, npieces = 0;
	unsigned asize = c != NULL && c->arch != NULL ? c->arch->word : 8;
	uint8_t op;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (l->kind == FS_LOC_CONST) {
		snprintf(buf, size, "constant");
		return buf;
	}
	if (fs_loc_select(l, faddr, &x) != 0 || x.len == 0) {
		snprintf(buf, size, "optimized out");
		return buf;
	}
	/* Split at DW_OP_piece; a single piece reads as the whole.  */
	for (off = 0; off < x.len; off += n) {
		if ((n = oplen(x.ops, x.len, off, asize)) == 0)
			break;
		if (x.ops[off] == DW_OP_piece || x.ops[off] == DW_OP_bit_piece)
			npieces++;
	}
	if (off != x.len) {
		snprintf(buf, size, "unreadable location");
		return buf;
	}
	if (npieces == 0) {
		describe1(x.ops, x.len, c, has_rbp, buf, size);
		return buf;
	}
	snprintf(buf, size, "in pieces: ");
	used = strlen(buf);
	for (off = start = 0; off < x.len; off += n) {
		n = oplen(x.ops, x.len, off, asize);
		op = x.ops[off];
		if (op != DW_OP_piece && op != DW_OP_bit_piece)
			continue;
		describe1(x.ops + start, off - start, c, has_rbp, one,
		    sizeof one);
		/* "in rax" and "at rbp-8" read better without the verb
		   inside a list.  */
		snprintf(buf + used, size - used, "%s%s",
		    start == 0 ? "" : ", ",
		    strncmp(one, "in ", 3) == 0 ? one + 3 : one);
		used = strlen(buf);
		start = off + n;
	}
	return buf;
}

/* gdb's name of DWARF register REG, after a `$'.  */
static void
gdb_reg(struct fs_sbuf *out, const struct fs_arch *a, uint64_t reg)
{
	const char *n = reg <= UINT32_MAX ? (a != NULL ?
	    fs_arch_dwarf_name(a, (unsigned)reg) :
	    fs_loc_regname((unsigned)reg)) : NULL;

	/* Past the integer registers: the vector and x87 ones, by the
	   ABI's numbers (i386's: st0 at 11, xmm0 at 21, mm0 at 29).  */
	if (n == NULL && reg <= UINT32_MAX && a != NULL && a->word == 8)
		n = fs_loc_regname((unsigned)reg);
	if (n == NULL && a != NULL && a->word == 4) {
		if (reg >= 11 && reg <= 18)
			n = regnames2[reg - 11];
		else if (reg >= 21 && reg <= 28)
			n = regnames[reg - 21 + 17];
		else if (reg >= 29 && reg <= 36) {
			fs_sbuf_printf(out, "$mm%u", (unsigned)reg - 29);
			return;
		}
	}
	if (n != NULL)
		fs_sbuf_printf(out, "$%s", n);
	else
		fs_sbuf_printf(out, "$%" PRIu64, reg);
}

/* gdb's disassembly of the operations of X from OFF up to END (up to a
   piece, unless ALL), one a line, offsets from BASE, indented
   by INDENT: its disassemble_dwarf_expression.  Returns where it
   stopped, or SIZE_MAX for an operation that does not decode.  */
static size_t
gdb_disasm(struct fs_sbuf *out, const struct fs_arch *a, unsigned asize,
    const struct fs_expr *x, size_t base, size_t off, size_t end, int indent,
    bool all)
{
	struct cur k = { x->ops, end, off, false };
	const char *name;
	uint64_t u, v;
	int64_t s;
	uint8_t op;

	while (k.off < end && (all || (x->ops[k.off] != DW_OP_piece &&
	    x->ops[k.off] != DW_OP_bit_piece))) {
		op = (uint8_t)rd_u(&k, 1);
		if ((name = fs_dwarf_op_name(op)) == NULL)
			return SIZE_MAX;
		fs_sbuf_printf(out, "  %*zu: %s", indent + 4, k.off - 1 - base,
		    name);
		if (op >= DW_OP_reg0 && op <= DW_OP_reg31) {
			fs_sbuf_puts(out, " [");
			gdb_reg(out, a, op - DW_OP_reg0);
			fs_sbuf_puts(out, "]");
		} else if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
			s = rd_sleb(&k);
			fs_sbuf_printf(out, " %" PRId64 " [", s);
			gdb_reg(out, a, op - DW_OP_breg0);
			fs_sbuf_puts(out, "]");
		} else switch (op) {
		case DW_OP_addr:
			fs_sbuf_printf(out, " 0x%" PRIx64, rd_u(&k, asize));
			break;
		case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u:
		case DW_OP_const8u:
			u = rd_u(&k, op == DW_OP_const1u ? 1 : op ==
			    DW_OP_const2u ? 2 : op == DW_OP_const4u ? 4 : 8);
			fs_sbuf_printf(out, " %" PRIu64, u);
			break;
		case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s:
		case DW_OP_const8s:
			s = rd_s(&k, op == DW_OP_const1s ? 1 : op ==
			    DW_OP_const2s ? 2 : op == DW_OP_const4s ? 4 : 8);
			fs_sbuf_printf(out, " %" PRId64, s);
			break;
		case DW_OP_constu: case DW_OP_plus_uconst:
		case DW_OP_GNU_const_index: case DW_OP_constx:
			fs_sbuf_printf(out, " %" PRIu64, rd_uleb(&k));
			break;
		case DW_OP_consts: case DW_OP_fbreg:
			fs_sbuf_printf(out, " %" PRId64, rd_sleb(&k));
			break;
		case DW_OP_regx:
			u = rd_uleb(&k);
			fs_sbuf_printf(out, " %" PRIu64 " [", u);
			gdb_reg(out, a, u);
			fs_sbuf_puts(out, "]");
			break;
		case DW_OP_implicit_value:
			u = rd_uleb(&k);
			rd_block(&k, u > end ? end : (size_t)u);
			fs_sbuf_printf(out, " %" PRIu64, u);
			break;
		case DW_OP_bregx:
			u = rd_uleb(&k);
			s = rd_sleb(&k);
			fs_sbuf_printf(out, " register %" PRIu64 " [", u);
			gdb_reg(out, a, u);
			fs_sbuf_printf(out, "] offset %" PRId64, s);
			break;
		case DW_OP_deref_size: case DW_OP_xderef_size: case DW_OP_pick:
			fs_sbuf_printf(out, " %u", (unsigned)rd_u(&k, 1));
			break;
		case DW_OP_skip: case DW_OP_bra:
			s = rd_s(&k, 2);
			fs_sbuf_printf(out, " to %" PRId64, (int64_t)(k.off -
			    base) + s);
			break;
		case DW_OP_call2: case DW_OP_call4:
			fs_sbuf_printf(out, " offset 0x%" PRIx64, rd_u(&k,
			    op == DW_OP_call2 ? 2 : 4));
			break;
		case DW_OP_piece:
			fs_sbuf_printf(out, " %" PRIu64 " (bytes)", rd_uleb(&k));
			break;
		case DW_OP_bit_piece:
			u = rd_uleb(&k);
			v = rd_uleb(&k);
			fs_sbuf_printf(out, " size %" PRIu64 " offset %" PRIu64
			    " (bits)", u, v);
			break;
		case DW_OP_implicit_pointer: case DW_OP_GNU_implicit_pointer:
			u = rd_u(&k, 4);
			s = rd_sleb(&k);
			fs_sbuf_printf(out, " DIE <0x%" PRIx64 "> offset %"
			    PRId64, u, s);
			break;
		case DW_OP_GNU_parameter_ref:
			fs_sbuf_printf(out, " offset 0x%" PRIx64, rd_u(&k, 4));
			break;
		case DW_OP_addrx: case DW_OP_GNU_addr_index:
			fs_sbuf_printf(out, " %" PRIu64, rd_uleb(&k));
			break;
		case DW_OP_deref_type: case DW_OP_GNU_deref_type:
			u = rd_u(&k, 1);
			v = rd_uleb(&k);
			fs_sbuf_printf(out, " <0x%" PRIx64 "> %" PRIu64, v, u);
			break;
		case DW_OP_const_type: case DW_OP_GNU_const_type:
			v = rd_uleb(&k);
			u = rd_u(&k, 1);
			rd_block(&k, (size_t)u);
			fs_sbuf_printf(out, " <0x%" PRIx64 ">", v);
			break;
		case DW_OP_regval_type: case DW_OP_GNU_regval_type:
			u = rd_uleb(&k);
			v = rd_uleb(&k);
			fs_sbuf_printf(out, " <0x%" PRIx64 "> [", v);
			gdb_reg(out, a, u);
			fs_sbuf_puts(out, "]");
			break;
		case DW_OP_convert: case DW_OP_GNU_convert:
		case DW_OP_reinterpret: case DW_OP_GNU_reinterpret:
			v = rd_uleb(&k);
			fs_sbuf_printf(out, " <0x%" PRIx64 ">", v);
			break;
		case DW_OP_entry_value: case DW_OP_GNU_entry_value:
			u = rd_uleb(&k);
			if (k.bad || u > end - k.off)
				return SIZE_MAX;
			fs_sbuf_puts(out, "\n");
			if (gdb_disasm(out, a, asize, x, base, k.off, k.off +
			    (size_t)u, indent + 2, all) == SIZE_MAX)
				return SIZE_MAX;
			k.off += (size_t)u;
			continue;
		default:
			break;
		}
		if (k.bad)
			return SIZE_MAX;
		fs_sbuf_puts(out, "\n");
	}
	return k.off;
}

/* Whether OFF ends a piece of X: its end, or a DW_OP_piece.  */
static bool
piece_end(const struct fs_expr *x, size_t off)
{
	return off >= x->len || x->ops[off] == DW_OP_piece ||
	    x->ops[off] == DW_OP_bit_piece;
}

/* One piece of X at OFF in gdb's words, when gdb has words for it:
   returns where it ends, OFF when it has none.  */
static size_t
gdb_piece(const struct fs_expr *x, size_t off, const struct fs_expr *fb,
    const struct fs_arch *a, unsigned asize, const char *objname,
    struct fs_sbuf *out)
{
	struct cur k = { x->ops, x->len, off, false };
	struct cur b;
	uint8_t op = (uint8_t)rd_u(&k, 1);
	int64_t fo, bo = 0;
	uint64_t u, breg;

	if (op >= DW_OP_reg0 && op <= DW_OP_reg31) {
		fs_sbuf_puts(out, "a variable in ");
		gdb_reg(out, a, op - DW_OP_reg0);
		return k.off;
	}
	if (op == DW_OP_regx) {
		u = rd_uleb(&k);
		if (k.bad)
			return off;
		fs_sbuf_puts(out, "a variable in ");
		gdb_reg(out, a, u);
		return k.off;
	}
	if (op == DW_OP_fbreg) {
		fo = rd_sleb(&k);
		if (k.bad || !piece_end(x, k.off) || fb == NULL || fb->len == 0)
			return off;
		b = (struct cur){ fb->ops, fb->len, 1, false };
		if (fb->ops[0] >= DW_OP_breg0 && fb->ops[0] <= DW_OP_breg31) {
			breg = fb->ops[0] - DW_OP_breg0;
			bo = rd_sleb(&b);
			if (b.bad || b.off != fb->len)
				return off;
		} else if (fb->ops[0] >= DW_OP_reg0 &&
		    fb->ops[0] <= DW_OP_reg31)
			breg = fb->ops[0] - DW_OP_reg0;
		else
			return off;
		fs_sbuf_puts(out, "a variable at frame base reg ");
		gdb_reg(out, a, breg);
		fs_sbuf_printf(out, " offset %" PRId64 "+%" PRId64, bo, fo);
		return k.off;
	}
	if ((op == DW_OP_addr || (asize == 4 && op == DW_OP_const4u) ||
	    (asize == 8 && op == DW_OP_const8u)) &&
	    off + 1 + asize < x->len &&
	    (x->ops[off + 1 + asize] == DW_OP_GNU_push_tls_address ||
	    x->ops[off + 1 + asize] == DW_OP_form_tls_address) &&
	    piece_end(x, off + 2 + asize)) {
		u = rd_u(&k, asize);
		fs_sbuf_printf(out, "a thread-local variable at offset 0x%"
		    PRIx64 " in the thread-local storage for `%s'", u,
		    objname != NULL ? objname : "");
		return off + 2 + asize;
	}
	if (op >= DW_OP_lit0 && op <= DW_OP_lit31 && off + 1 < x->len &&
	    x->ops[off + 1] == DW_OP_stack_value) {
		fs_sbuf_printf(out, "the constant %d", op - DW_OP_lit0);
		return off + 2;
	}
	return off;
}

int
fs_loc_gdb_text(const struct fs_expr *x, const struct fs_expr *frame_base,
    const struct fs_arch *arch, const char *objname, struct fs_sbuf *out)
{
	unsigned asize = arch != NULL ? arch->word : 8;
	size_t off = 0, here, next;
	bool first = true, dis;
	struct cur k;
	uint64_t u, v;

	while (off < x->len) {
		here = off;
		if (!first)
			fs_sbuf_puts(out, ", and ");
		first = false;
		next = gdb_piece(x, off, frame_base, arch, asize, objname, out);
		dis = next == here && !piece_end(x, here);
		if (dis) {
			fs_sbuf_puts(out, "a complex DWARF expression:\n");
			/* Each piece's offsets from its own start, as
			   gdb's.  */
			next = gdb_disasm(out, arch, asize, x, here, here,
			    x->len, 0, false);
			if (next == SIZE_MAX)
				return -FS_E_FORMAT;
		}
		off = next;
		if (off >= x->len)
			break;
		if (dis)
			fs_sbuf_puts(out, "   ");
		k = (struct cur){ x->ops, x->len, off + 1, false };
		if (x->ops[off] == DW_OP_piece) {
			u = rd_uleb(&k);
			fs_sbuf_printf(out, off == here ? "an empty %" PRIu64
			    "-byte piece" : " [%" PRIu64 "-byte piece]", u);
		} else if (x->ops[off] == DW_OP_bit_piece) {
			u = rd_uleb(&k);
			v = rd_uleb(&k);
			if (off == here)
				fs_sbuf_printf(out, "an empty %" PRIu64
				    "-bit piece", u);
			else
				fs_sbuf_printf(out, " [%" PRIu64 "-bit piece, "
				    "offset %" PRIu64 " bits]", u, v);
		} else
			return -FS_E_FORMAT;
		if (k.bad)
			return -FS_E_FORMAT;
		off = k.off;
	}
	return 0;
}
