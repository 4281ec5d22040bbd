/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_cfi: one code address's unwind rule from .eh_frame (see
   include/fs_cfi.h).  The format: the LSB's .eh_frame (DWARF 4 6.4 with
   the GNU augmentations).  */
#include <string.h>

#include "fs_cfi.h"

/* remember_state nests this deep at most in what compilers emit.  */
#define CFI_MAXSTATE	8

struct cur {
	const uint8_t	*p, *end;
	bool		 bad;	/* a read went past END */
};

static uint8_t
u8(struct cur *c)
{
	if (c->p >= c->end) {
		c->bad = true;
		return 0;
	}
	return *c->p++;
}

static uint64_t
fixed(struct cur *c, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if ((size_t)(c->end - c->p) < n) {
		c->bad = true;
		c->p = c->end;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)c->p[i] << (8 * i);
	c->p += n;
	return v;
}

/* A LEB128 number's bits; *SHIFT their count, *LAST its last byte.  */
static uint64_t
leb(struct cur *c, unsigned *shift, uint8_t *last)
{
	uint64_t v = 0;
	uint8_t b;

	*shift = 0;
	do {
		b = u8(c);
		if (*shift < 64)
			v |= (uint64_t)(b & 0x7f) << *shift;
		*shift += 7;
	} while ((b & 0x80) && !c->bad);
	*last = b;
	return v;
}

static uint64_t
uleb(struct cur *c)
{
	unsigned shift;
	uint8_t last;

	return leb(c, &shift, &last);
}

static int64_t
sleb(struct cur *c)
{
	unsigned shift;
	uint8_t last;
	uint64_t v = leb(c, &shift, &last);

	if (shift < 64 && (last & 0x40))
		v |= ~(uint64_t)0 << shift;
	return (int64_t)v;
}

int
fs_cfi_decode(const uint8_t **p, const uint8_t *end, uint8_t enc,
    uint64_t paddr, uint64_t datarel, uint64_t *out)
{
	uint64_t v;
	size_t sz;

	if (enc == 0xff)	/* DW_EH_PE_omit */
		return -1;
	switch (enc & 0x0f) {
	case 0x03: case 0x0b: sz = 4; break;	/* udata4, sdata4 */
	case 0x04: case 0x0c: case 0x00: sz = 8; break;
	case 0x02: case 0x0a: sz = 2; break;
	default: return -1;			/* uleb128 forms: unused */
	}
	if ((size_t)(end - *p) < sz)
		return -1;
	if (sz == 4) {
		uint32_t x;
		memcpy(&x, *p, 4);
		v = (enc & 0x08) ? (uint64_t)(int64_t)(int32_t)x : x;
	} else if (sz == 2) {
		uint16_t x;
		memcpy(&x, *p, 2);
		v = (enc & 0x08) ? (uint64_t)(int64_t)(int16_t)x : x;
	} else
		memcpy(&v, *p, 8);
	switch (enc & 0x70) {
	case 0x00: break;
	case 0x10: v += paddr; break;		/* pcrel */
	case 0x30: v += datarel; break;		/* datarel */
	default: return -1;
	}
	*p += sz;
	*out = v;
	return 0;
}

int
fs_cfi_table(const struct fs_elf *elf, uint64_t *hdr_addr, uint64_t *table,
    uint64_t *count)
{
	const uint8_t *hdr, *p, *end;
	uint64_t faddr, size, eh_ptr, n;

	if (fs_elf_eh_frame_hdr(elf, &faddr, &size) < 0 || size < 12 ||
	    (hdr = fs_elf_bytes(elf, faddr, size)) == NULL)
		return -FS_E_NOENT;
	/* version 1, and a table of datarel sdata4 pairs: what every
	   linker writes (anything else is searched by libunwind).  */
	if (hdr[0] != 1 || hdr[3] != 0x3b)
		return -FS_E_FORMAT;
	p = hdr + 4;
	end = hdr + size;
	if (fs_cfi_decode(&p, end, hdr[1], faddr + (uint64_t)(p - hdr), faddr,
	    &eh_ptr) < 0 || fs_cfi_decode(&p, end, hdr[2], faddr +
	    (uint64_t)(p - hdr), faddr, &n) < 0)
		return -FS_E_FORMAT;
	if (n == 0 || n > (uint64_t)(end - p) / 8)
		return -FS_E_FORMAT;
	*hdr_addr = faddr;
	*table = faddr + (uint64_t)(p - hdr);
	*count = n;
	return 0;
}

/* One CIE or FDE record at file address ADDR: its contents after the
   length, [*body, *end), and the file address of *body.  */
static int
record(const struct fs_elf *elf, uint64_t addr, const uint8_t **body,
    const uint8_t **end, uint64_t *body_addr)
{
	const uint8_t *p;
	uint64_t len;
	uint32_t l32;
	size_t hl = 4;

	if ((p = fs_elf_bytes(elf, addr, 4)) == NULL)
		return -1;
	memcpy(&l32, p, 4);
	len = l32;
	if (l32 == 0xffffffffU) {
		if ((p = fs_elf_bytes(elf, addr, 12)) == NULL)
			return -1;
		memcpy(&len, p + 4, 8);
		hl = 12;
	}
	/* 0 ends the section; a length past 16 MB is not a record.  */
	if (len == 0 || len > (1U << 24) ||
	    (p = fs_elf_bytes(elf, addr, hl + (size_t)len)) == NULL)
		return -1;
	*body = p + hl;
	*end = p + hl + len;
	*body_addr = addr + hl;
	return 0;
}

struct cie {
	uint64_t	 code_align;
	int64_t		 data_align;
	uint8_t		 fde_enc;
	bool		 has_z, signal;
	const uint8_t	*insns, *insns_end;
};

/* N times the data alignment factor: the offset a factored operand
   gives, wrapping (not overflowing) for the absurd ones of hostile
   tables.  */
static int64_t
factored(const struct cie *ci, uint64_t n)
{
	return (int64_t)(n * (uint64_t)ci->data_align);
}

static int
parse_cie(const struct fs_elf *elf, uint64_t addr, struct cie *ci)
{
	const uint8_t *body, *end, *aug, *augend;
	uint64_t baddr, v, ra;
	struct cur c;
	uint8_t version, enc;
	size_t auglen;

	if (record(elf, addr, &body, &end, &baddr) < 0)
		return -1;
	c.p = body;
	c.end = end;
	c.bad = false;
	if (fixed(&c, 4) != 0)			/* CIE id in .eh_frame */
		return -1;
	version = u8(&c);
	if (version != 1 && version != 3 && version != 4)
		return -1;
	aug = c.p;
	auglen = strnlen((const char *)aug, (size_t)(c.end - c.p));
	if (aug + auglen >= c.end)
		return -1;
	c.p += auglen + 1;
	/* "eh": a gcc 2 pointer to exception tables; unknown ones may
	   change what follows.  */
	if (auglen > 0 && aug[0] != 'z')
		return -1;
	if (version == 4) {
		if (u8(&c) != 8 || u8(&c) != 0)	/* address, segment */
			return -1;
	}
	memset(ci, 0, sizeof *ci);
	ci->code_align = uleb(&c);
	ci->data_align = sleb(&c);
	ra = version == 1 ? u8(&c) : uleb(&c);
	if (ra != FS_CFI_RA || c.bad)
		return -1;
	ci->fde_enc = 0;	/* absptr */
	if (auglen > 0) {
		ci->has_z = true;
		v = uleb(&c);
		if (c.bad || v > (uint64_t)(c.end - c.p))
			return -1;
		augend = c.p + v;
		for (aug++; *aug != '\0'; aug++) {
			switch (*aug) {
			case 'R':
				ci->fde_enc = u8(&c);
				break;
			case 'L':
				(void)u8(&c);
				break;
			case 'P':
				enc = u8(&c);
				if (fs_cfi_decode(&c.p, augend, enc & 0x7f,
				    baddr + (uint64_t)(c.p - body), 0, &v) < 0)
					return -1;
				break;
			case 'S':
				ci->signal = true;
				break;
			default:
				/* The rest is for others: the length says
				   where it ends.  */
				goto done;
			}
			if (c.bad || c.p > augend)
				return -1;
		}
done:
		c.p = augend;
	}
	if (c.bad)
		return -1;
	ci->insns = c.p;
	ci->insns_end = c.end;
	return 0;
}

struct state {
	uint8_t		 cfa_reg;
	bool		 cfa_expr;
	int64_t		 cfa_off;
	uint8_t		 how[FS_CFI_NREG];
	int64_t		 off[FS_CFI_NREG];
};

static void
set_reg(struct state *st, uint64_t reg, uint8_t how, int64_t off)
{
	/* Vector registers (17 and up) do not unwind the stack.  */
	if (reg >= FS_CFI_NREG)
		return;
	st->how[reg] = how;
	st->off[reg] = off;
}

/*
 * Run CFA instructions [p, end) from LOC, in state ST (INIT: the state
 * after the CIE's instructions, for DW_CFA_restore).  With TARGET, stop
 * before the first row past it: *LO and *HI are then the addresses of the
 * row ST describes.  Returns 0, or -1 for what cannot be read.
 */
static int
execute(const uint8_t *p, const uint8_t *end, uint64_t loc, bool to_target,
    uint64_t target, const struct cie *ci, const struct state *init,
    struct state *st, uint64_t *lo, uint64_t *hi)
{
	struct state saved[CFI_MAXSTATE];
	struct cur c = { p, end, false };
	size_t nsaved = 0;
	uint64_t reg, delta, n;
	uint8_t op;

	*lo = loc;
	while (c.p < c.end) {
		op = u8(&c);
		delta = 0;
		switch (op >> 6) {
		case 1:		/* DW_CFA_advance_loc */
			delta = (op & 0x3f) * ci->code_align;
			goto advance;
		case 2:		/* DW_CFA_offset */
			set_reg(st, op & 0x3f, FS_CFI_OFFSET,
			    factored(ci, uleb(&c)));
			continue;
		case 3:		/* DW_CFA_restore */
			reg = op & 0x3f;
			if (init == NULL)
				return -1;
			if (reg < FS_CFI_NREG)
				set_reg(st, reg, init->how[reg],
				    init->off[reg]);
			continue;
		}
		switch (op) {
		case 0x00:	/* nop */
			break;
		case 0x01:	/* set_loc: not in position-independent code */
			return -1;
		case 0x02:
			delta = fixed(&c, 1) * ci->code_align;
			goto advance;
		case 0x03:
			delta = fixed(&c, 2) * ci->code_align;
			goto advance;
		case 0x04:
			delta = fixed(&c, 4) * ci->code_align;
			goto advance;
		case 0x05:	/* offset_extended */
			reg = uleb(&c);
			set_reg(st, reg, FS_CFI_OFFSET,
			    factored(ci, uleb(&c)));
			break;
		case 0x06:	/* restore_extended */
			reg = uleb(&c);
			if (init == NULL)
				return -1;
			if (reg < FS_CFI_NREG)
				set_reg(st, reg, init->how[reg],
				    init->off[reg]);
			break;
		case 0x07:	/* undefined */
			set_reg(st, uleb(&c), FS_CFI_UNDEF, 0);
			break;
		case 0x08:	/* same_value */
			set_reg(st, uleb(&c), FS_CFI_SAME, 0);
			break;
		case 0x09:	/* register */
			reg = uleb(&c);
			(void)uleb(&c);
			set_reg(st, reg, FS_CFI_OTHER, 0);
			break;
		case 0x0a:	/* remember_state */
			if (nsaved == CFI_MAXSTATE)
				return -1;
			saved[nsaved++] = *st;
			break;
		case 0x0b:	/* restore_state */
			if (nsaved == 0)
				return -1;
			/* The CFA rule is part of the row remembered
			   (DWARF 3 on; gcc relies on it).  */
			*st = saved[--nsaved];
			break;
		case 0x0c:	/* def_cfa */
			reg = uleb(&c);
			st->cfa_reg = reg < 256 ? (uint8_t)reg : 255;
			st->cfa_off = (int64_t)uleb(&c);
			st->cfa_expr = false;
			break;
		case 0x0d:	/* def_cfa_register */
			reg = uleb(&c);
			st->cfa_reg = reg < 256 ? (uint8_t)reg : 255;
			st->cfa_expr = false;
			break;
		case 0x0e:	/* def_cfa_offset */
			st->cfa_off = (int64_t)uleb(&c);
			break;
		case 0x0f:	/* def_cfa_expression */
			n = uleb(&c);
			if (n > (uint64_t)(c.end - c.p))
				return -1;
			c.p += n;
			st->cfa_expr = true;
			break;
		case 0x10:	/* expression */
		case 0x16:	/* val_expression */
			reg = uleb(&c);
			n = uleb(&c);
			if (n > (uint64_t)(c.end - c.p))
				return -1;
			c.p += n;
			set_reg(st, reg, FS_CFI_OTHER, 0);
			break;
		case 0x11:	/* offset_extended_sf */
			reg = uleb(&c);
			set_reg(st, reg, FS_CFI_OFFSET,
			    factored(ci, (uint64_t)sleb(&c)));
			break;
		case 0x12:	/* def_cfa_sf */
			reg = uleb(&c);
			st->cfa_reg = reg < 256 ? (uint8_t)reg : 255;
			st->cfa_off = factored(ci, (uint64_t)sleb(&c));
			st->cfa_expr = false;
			break;
		case 0x13:	/* def_cfa_offset_sf */
			st->cfa_off = factored(ci, (uint64_t)sleb(&c));
			break;
		case 0x14:	/* val_offset */
			reg = uleb(&c);
			set_reg(st, reg, FS_CFI_VAL_OFFSET,
			    factored(ci, uleb(&c)));
			break;
		case 0x15:	/* val_offset_sf */
			reg = uleb(&c);
			set_reg(st, reg, FS_CFI_VAL_OFFSET,
			    factored(ci, (uint64_t)sleb(&c)));
			break;
		case 0x2e:	/* GNU_args_size */
			(void)uleb(&c);
			break;
		case 0x2f:	/* GNU_negative_offset_extended */
			reg = uleb(&c);
			set_reg(st, reg, FS_CFI_OFFSET,
			    factored(ci, 0 - uleb(&c)));
			break;
		default:
			return -1;
		}
		if (c.bad)
			return -1;
		continue;
advance:
		if (c.bad)
			return -1;
		if (to_target && loc + delta > target) {
			*hi = loc + delta;
			return 0;
		}
		loc += delta;
		*lo = loc;
	}
	return c.bad ? -1 : 0;
}

int
fs_cfi_row(const struct fs_elf *elf, uint64_t hdr, uint64_t table,
    uint64_t count, uint64_t faddr, struct fs_cfi_row *row, struct fs_err *e)
{
	const uint8_t *tab, *body, *end, *p;
	uint64_t baddr, begin, range, cieptr, fde, n, lo, hi;
	struct state init, st;
	struct cie ci;
	size_t a, b, mid, i;
	int32_t x;
	struct cur c;

	if (count == 0 || count > (1U << 26) ||
	    (tab = fs_elf_bytes(elf, table, (size_t)count * 8)) == NULL)
		return fs_err_set(e, FS_E_FORMAT, "no .eh_frame_hdr table");
	/* The last entry whose start is at or below FADDR.  */
	a = 0;
	b = (size_t)count;
	while (a < b) {
		mid = a + (b - a) / 2;
		memcpy(&x, tab + mid * 8, 4);
		if (hdr + (uint64_t)(int64_t)x <= faddr)
			a = mid + 1;
		else
			b = mid;
	}
	if (a == 0)
		return fs_err_set(e, FS_E_NOENT, "no FDE");
	memcpy(&x, tab + (a - 1) * 8 + 4, 4);
	fde = hdr + (uint64_t)(int64_t)x;
	if (record(elf, fde, &body, &end, &baddr) < 0 || end - body < 4)
		return fs_err_set(e, FS_E_FORMAT, "bad FDE at 0x%llx",
		    (unsigned long long)fde);
	memcpy(&x, body, 4);
	cieptr = (uint64_t)(uint32_t)x;
	if (cieptr == 0 || cieptr > baddr ||
	    parse_cie(elf, baddr - cieptr, &ci) < 0)
		return fs_err_set(e, FS_E_FORMAT, "bad CIE for FDE at 0x%llx",
		    (unsigned long long)fde);
	p = body + 4;
	if (fs_cfi_decode(&p, end, ci.fde_enc, baddr + (uint64_t)(p - body),
	    0, &begin) < 0 || fs_cfi_decode(&p, end, ci.fde_enc & 0x0f, 0, 0,
	    &range) < 0)
		return fs_err_set(e, FS_E_FORMAT, "bad FDE at 0x%llx",
		    (unsigned long long)fde);
	if (faddr < begin || faddr - begin >= range)
		return fs_err_set(e, FS_E_NOENT, "no FDE");
	c.p = p;
	c.end = end;
	c.bad = false;
	if (ci.has_z) {
		n = uleb(&c);
		if (c.bad || n > (uint64_t)(c.end - c.p))
			return fs_err_set(e, FS_E_FORMAT, "bad FDE at 0x%llx",
			    (unsigned long long)fde);
		c.p += n;
	}
	/* Registers without a rule keep their values, as libunwind has
	   it for x86-64.  */
	memset(&init, 0, sizeof init);
	for (i = 0; i < FS_CFI_NREG; i++)
		init.how[i] = FS_CFI_SAME;
	init.cfa_reg = FS_CFI_RSP;
	init.cfa_off = 8;
	if (execute(ci.insns, ci.insns_end, begin, false, 0, &ci, NULL, &init,
	    &lo, &hi) < 0)
		return fs_err_set(e, FS_E_FORMAT, "bad CIE instructions");
	st = init;
	hi = begin + range;
	if (execute(c.p, c.end, begin, true, faddr, &ci, &init, &st, &lo,
	    &hi) < 0)
		return fs_err_set(e, FS_E_FORMAT, "bad FDE instructions at "
		    "0x%llx", (unsigned long long)fde);
	memset(row, 0, sizeof *row);
	row->lo = lo;
	row->hi = hi;
	row->signal = ci.signal;
	row->cfa_reg = st.cfa_reg;
	row->cfa_off = st.cfa_off;
	memcpy(row->how, st.how, sizeof row->how);
	memcpy(row->off, st.off, sizeof row->off);
	row->simple = !st.cfa_expr && !ci.signal &&
	    st.cfa_reg < FS_CFI_NREG && st.how[FS_CFI_RSP] == FS_CFI_SAME;
	for (i = 0; i < FS_CFI_NREG && row->simple; i++)
		if (st.how[i] == FS_CFI_OTHER && (i == FS_CFI_RBX ||
		    i == FS_CFI_RBP || i >= FS_CFI_R12))
			row->simple = false;
	return 0;
}
