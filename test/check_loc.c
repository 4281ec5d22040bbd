/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_loc: DWARF expressions hand-assembled, evaluated against a
   fake frame (an array of registers and a buffer of memory). */
#include <stdint.h>
#include <string.h>

#include <dwarf.h>

#include "check_common.h"
#include "fs_arch.h"
#include "fs_loc.h"

#define MEMBASE	UINT64_C(0x7ffe0000)
#define MEMSIZE	256

struct fake {
	uint64_t regs[33];
	uint32_t known;		/* bit per register 0-31 */
	uint64_t entry[33];
	uint8_t	 mem[MEMSIZE];
	uint8_t	 xmm[16];
};

static int
fk_reg(void *arg, unsigned reg, uint64_t *val)
{
	struct fake *f = arg;

	if (reg >= 32 || !((f->known >> reg) & 1))
		return -FS_E_NOENT;
	*val = f->regs[reg];
	return 0;
}

static int
fk_regbytes(void *arg, unsigned reg, uint8_t buf[16])
{
	struct fake *f = arg;

	if (reg != 17)
		return -FS_E_NOENT;
	memcpy(buf, f->xmm, 16);
	return 0;
}

static int
fk_entry(void *arg, unsigned reg, uint64_t *val)
{
	struct fake *f = arg;

	if (reg >= 33 || f->entry[reg] == 0)
		return -FS_E_NOENT;
	*val = f->entry[reg];
	return 0;
}

static int
fk_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	struct fake *f = arg;

	if (addr < MEMBASE || addr - MEMBASE > MEMSIZE ||
	    len > MEMSIZE - (addr - MEMBASE))
		return -FS_E_SYS;
	memcpy(buf, f->mem + (addr - MEMBASE), len);
	return 0;
}

/* DIE 0x30: int (4, signed); 0x40: unsigned char; 0x50: double.  */
static int
fk_base(void *arg, uint64_t die, unsigned *size, enum fs_ate *enc)
{
	(void)arg;
	switch (die) {
	case 0x30: *size = 4; *enc = FS_ATE_SIGNED; return 0;
	case 0x40: *size = 1; *enc = FS_ATE_UNSIGNED_CHAR; return 0;
	case 0x50: *size = 8; *enc = FS_ATE_FLOAT; return 0;
	case 0x60: *size = 4; *enc = FS_ATE_FLOAT; return 0;
	case 0x70: *size = 16; *enc = FS_ATE_FLOAT; return 0;
	default: return -FS_E_NOENT;
	}
}

static struct fake F;
static struct fs_loc_ctx C;
static const uint8_t fb_cfa[] = { DW_OP_call_frame_cfa };

static void
setup(void)
{
	unsigned i;

	memset(&F, 0, sizeof F);
	for (i = 0; i < MEMSIZE; i++)
		F.mem[i] = (uint8_t)i;
	F.regs[0] = 0x1122334455667788;		/* rax */
	F.regs[5] = 42;				/* rdi */
	F.regs[6] = MEMBASE + 0x80;		/* rbp */
	F.regs[7] = MEMBASE + 0x40;		/* rsp */
	F.known = 0xff;
	for (i = 0; i < 16; i++)
		F.xmm[i] = (uint8_t)(0xa0 + i);
	memset(&C, 0, sizeof C);
	C.reg = fk_reg;
	C.mem = fk_mem;
	C.arg = &F;
	C.cfa = MEMBASE + 0x90;
	C.bias = 0x1000;
	C.frame_base.ops = fb_cfa;
	C.frame_base.len = sizeof fb_cfa;
}

static int
ev(const uint8_t *ops, size_t len, struct fs_locval *v, struct fs_err *e)
{
	struct fs_expr x = { ops, len };

	fs_err_clear(e);
	return fs_loc_eval(&x, &C, v, e);
}

/* The single value an expression ending in DW_OP_stack_value computes.  */
static uint64_t
val(const uint8_t *ops, size_t len)
{
	struct fs_locval v;
	struct fs_err e;
	uint8_t buf[64];
	int rc;

	memcpy(buf, ops, len);
	buf[len] = DW_OP_stack_value;
	rc = ev(buf, len + 1, &v, &e);
	ck_assert_msg(rc == 0, "eval failed: %s", e.msg);
	ck_assert_uint_eq(v.npieces, 1);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_VALUE);
	return v.pieces[0].value;
}

#define VAL(...) ({ const uint8_t o_[] = { __VA_ARGS__ }; val(o_, sizeof o_); })
#define EVAL(v, e, ...) ({ const uint8_t o_[] = { __VA_ARGS__ };	\
	ev(o_, sizeof o_, (v), (e)); })

START_TEST(test_loc_literals_constants)
{
	ck_assert_uint_eq(VAL(DW_OP_lit0), 0);
	ck_assert_uint_eq(VAL(DW_OP_lit31), 31);
	ck_assert_uint_eq(VAL(DW_OP_const1u, 0xff), 255);
	ck_assert_uint_eq(VAL(DW_OP_const1s, 0xff), UINT64_MAX);
	ck_assert_uint_eq(VAL(DW_OP_const2u, 0x34, 0x12), 0x1234);
	ck_assert_uint_eq(VAL(DW_OP_const2s, 0xfe, 0xff), (uint64_t)-2);
	ck_assert_uint_eq(VAL(DW_OP_const4u, 1, 2, 3, 4), 0x04030201);
	ck_assert_uint_eq(VAL(DW_OP_const4s, 0, 0, 0, 0x80),
	    (uint64_t)(int64_t)INT32_MIN);
	ck_assert_uint_eq(VAL(DW_OP_const8u, 1, 2, 3, 4, 5, 6, 7, 8),
	    0x0807060504030201);
	ck_assert_uint_eq(VAL(DW_OP_const8s, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff), UINT64_MAX);
	ck_assert_uint_eq(VAL(DW_OP_constu, 0xe5, 0x8e, 0x26), 624485);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0xc0, 0xbb, 0x78), (uint64_t)-123456);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x7f), (uint64_t)-1);
	/* DW_OP_addr is relocated by the load bias.  */
	ck_assert_uint_eq(VAL(DW_OP_addr, 0x28, 0x40, 0x40, 0, 0, 0, 0, 0),
	    0x404028 + 0x1000);
}
END_TEST

START_TEST(test_loc_stack_ops)
{
	ck_assert_uint_eq(VAL(DW_OP_lit3, DW_OP_dup, DW_OP_plus), 6);
	ck_assert_uint_eq(VAL(DW_OP_lit3, DW_OP_lit4, DW_OP_drop), 3);
	ck_assert_uint_eq(VAL(DW_OP_lit3, DW_OP_lit4, DW_OP_over), 3);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_lit3,
	    DW_OP_pick, 2), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_swap), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_swap,
	    DW_OP_drop), 2);
	/* rot: 1 2 3 (3 on top) becomes 3 1 2.  */
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_lit3, DW_OP_rot),
	    2);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_lit3, DW_OP_rot,
	    DW_OP_drop), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_lit3, DW_OP_rot,
	    DW_OP_drop, DW_OP_drop), 3);
}
END_TEST

START_TEST(test_loc_arithmetic)
{
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x7b, DW_OP_abs), 5);
	ck_assert_uint_eq(VAL(DW_OP_lit12, DW_OP_lit10, DW_OP_and), 8);
	ck_assert_uint_eq(VAL(DW_OP_lit12, DW_OP_lit10, DW_OP_or), 14);
	ck_assert_uint_eq(VAL(DW_OP_lit12, DW_OP_lit10, DW_OP_xor), 6);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x79, DW_OP_lit2, DW_OP_div),
	    (uint64_t)-3);	/* -7 / 2, signed */
	ck_assert_uint_eq(VAL(DW_OP_lit17, DW_OP_lit5, DW_OP_mod), 2);
	ck_assert_uint_eq(VAL(DW_OP_lit3, DW_OP_lit10, DW_OP_minus),
	    (uint64_t)-7);
	ck_assert_uint_eq(VAL(DW_OP_lit6, DW_OP_lit7, DW_OP_mul), 42);
	ck_assert_uint_eq(VAL(DW_OP_lit5, DW_OP_neg), (uint64_t)-5);
	ck_assert_uint_eq(VAL(DW_OP_lit0, DW_OP_not), UINT64_MAX);
	ck_assert_uint_eq(VAL(DW_OP_lit5, DW_OP_plus_uconst, 0x80, 0x01),
	    133);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit4, DW_OP_shl), 16);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_const1u, 70, DW_OP_shl), 0);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x70, DW_OP_lit2, DW_OP_shr),
	    (uint64_t)-16 >> 2);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x70, DW_OP_lit2, DW_OP_shra),
	    (uint64_t)-4);
	/* Comparisons are signed on the generic type.  */
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x7f, DW_OP_lit1, DW_OP_lt), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit1, DW_OP_le), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_lit2, DW_OP_ge), 0);
	ck_assert_uint_eq(VAL(DW_OP_lit2, DW_OP_lit2, DW_OP_eq), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit2, DW_OP_lit1, DW_OP_gt), 1);
	ck_assert_uint_eq(VAL(DW_OP_lit2, DW_OP_lit2, DW_OP_ne), 0);
	ck_assert_uint_eq(VAL(DW_OP_lit2, DW_OP_nop, DW_OP_nop), 2);
}
END_TEST

START_TEST(test_loc_control_flow)
{
	/* lit1; bra +1 (taken, skips lit7); lit9.  */
	ck_assert_uint_eq(VAL(DW_OP_lit1, DW_OP_bra, 1, 0, DW_OP_lit7,
	    DW_OP_lit9), 9);
	/* lit0; bra not taken; lit7.  */
	ck_assert_uint_eq(VAL(DW_OP_lit5, DW_OP_lit0, DW_OP_bra, 1, 0,
	    DW_OP_lit7), 7);
	ck_assert_uint_eq(VAL(DW_OP_lit5, DW_OP_skip, 1, 0, DW_OP_lit7), 5);
	/* A counting loop: 3 iterations of "add 2", ends normally.
	   stack: acc n ; loop: swap lit2 plus swap lit1 minus dup bra -9 */
	ck_assert_uint_eq(VAL(DW_OP_lit0, DW_OP_lit3,
	    DW_OP_swap, DW_OP_lit2, DW_OP_plus, DW_OP_swap, DW_OP_lit1,
	    DW_OP_minus, DW_OP_dup, DW_OP_bra, 0xf6, 0xff, DW_OP_drop), 6);
}
END_TEST

START_TEST(test_loc_registers)
{
	struct fs_locval v;
	struct fs_err e;

	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg5), 0);
	ck_assert_uint_eq(v.npieces, 1);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_REG);
	ck_assert_uint_eq(v.pieces[0].reg, 5);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_regx, 17), 0);
	ck_assert_uint_eq(v.pieces[0].reg, 17);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_breg6, 0x6c), 0);	/* rbp-20 */
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_MEM);
	ck_assert_uint_eq(v.pieces[0].addr, MEMBASE + 0x80 - 20);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_bregx, 7, 8), 0);
	ck_assert_uint_eq(v.pieces[0].addr, MEMBASE + 0x48);
	/* fbreg through a CFA frame base, and through rbp.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_fbreg, 0x68), 0);	/* -24 */
	ck_assert_uint_eq(v.pieces[0].addr, MEMBASE + 0x90 - 24);
	{
		static const uint8_t fb[] = { DW_OP_breg6, 16 };
		static const uint8_t fb2[] = { DW_OP_reg6 };

		C.frame_base.ops = fb;
		C.frame_base.len = sizeof fb;
		ck_assert_int_eq(EVAL(&v, &e, DW_OP_fbreg, 0x68), 0);
		ck_assert_uint_eq(v.pieces[0].addr, MEMBASE + 0x80 + 16 - 24);
		C.frame_base.ops = fb2;
		C.frame_base.len = sizeof fb2;
		ck_assert_int_eq(EVAL(&v, &e, DW_OP_fbreg, 0x7c), 0);
		ck_assert_uint_eq(v.pieces[0].addr, MEMBASE + 0x80 - 4);
	}
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_call_frame_cfa), 0);
	ck_assert_uint_eq(v.pieces[0].addr, MEMBASE + 0x90);
	/* An unsaved register is an error, not a guess.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_breg12, 0), -FS_E_NOENT);
	ck_assert_str_eq(e.msg, "register r12 is not saved in this frame");
	C.cfa = 0;
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_call_frame_cfa), -FS_E_NOENT);
}
END_TEST

START_TEST(test_loc_deref)
{
	struct fs_locval v;
	struct fs_err e;

	/* mem[i] = i: 8 bytes at rsp (offset 0x40) = 0x4746...40.  */
	ck_assert_uint_eq(VAL(DW_OP_breg7, 0, DW_OP_deref),
	    0x4746454443424140);
	ck_assert_uint_eq(VAL(DW_OP_breg7, 0, DW_OP_deref_size, 2), 0x4140);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit0, DW_OP_deref), -FS_E_NOENT);
	ck_assert_str_eq(e.msg, "Cannot access memory at address 0x0");
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_breg7, 0, DW_OP_deref_size, 9),
	    -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit0, DW_OP_xderef),
	    -FS_E_FORMAT);
}
END_TEST

/* An i386 program's expressions: DW_OP_addr has 4 bytes, DW_OP_deref
   reads 4, the generic type wraps at 32 bits (a frame base of 0 minus 44
   is 0xffffffd4) and is unsigned there for DW_OP_mod and DW_OP_shr.  */
START_TEST(test_loc_i386)
{
	struct fs_locval v;
	struct fs_err e;

	C.arch = &fs_arch_i386;
	ck_assert_uint_eq(VAL(DW_OP_breg7, 0, DW_OP_deref), 0x43424140);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_addr, 0x10, 0, 0, 0), 0);
	ck_assert_uint_eq(v.npieces, 1);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_MEM);
	ck_assert_uint_eq(v.pieces[0].addr, 0x1010);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit0, DW_OP_consts, 0x54,
	    DW_OP_plus), 0);
	ck_assert_uint_eq(v.pieces[0].addr, 0xffffffd4);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x7f, DW_OP_lit7, DW_OP_mod), 3);
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x7f, DW_OP_lit4, DW_OP_shr),
	    0x0fffffff);
	/* Signed where gdb's address type is: -1 < 1.  */
	ck_assert_uint_eq(VAL(DW_OP_consts, 0x7f, DW_OP_lit1, DW_OP_lt), 1);
}
END_TEST

START_TEST(test_loc_pieces)
{
	struct fs_locval v;
	struct fs_err e;
	uint8_t buf[16], valid[16];
	static const uint8_t want[16] = {
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,	/* rax */
		42, 0, 0, 0,					/* rdi */
		0x78, 0x79, 0x7a, 0x7b,				/* rbp-8 */
	};

	/* A 16-byte struct: rax, low 4 bytes of rdi, 4 bytes at rbp-8. */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg0, DW_OP_piece, 8,
	    DW_OP_reg5, DW_OP_piece, 4, DW_OP_breg6, 0x78, DW_OP_piece, 4),
	    0);
	ck_assert_uint_eq(v.npieces, 3);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 16, valid, &e), 0);
	ck_assert_mem_eq(buf, want, 16);
	/* A missing middle piece: those bytes are optimized out.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg0, DW_OP_piece, 8,
	    DW_OP_piece, 4, DW_OP_lit7, DW_OP_stack_value, DW_OP_piece, 4),
	    0);
	ck_assert_int_eq(v.pieces[1].kind, FS_PIECE_UNAVAIL);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 16, valid, &e),
	    -FS_E_NOENT);
	/* VALID is a mask of the bits known, byte by byte.  */
	ck_assert_uint_eq(valid[7], 0xff);
	ck_assert_uint_eq(valid[8], 0);
	ck_assert_uint_eq(valid[11], 0);
	ck_assert_uint_eq(valid[12], 0xff);
	ck_assert_uint_eq(buf[12], 7);
	/* Bit pieces: 3 bits of rdi (42 = 101010b) from bit 1 (101b = 5),
	   then 5 bits of the literal 0x1f.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg5, DW_OP_bit_piece, 3, 1,
	    DW_OP_lit31, DW_OP_stack_value, DW_OP_bit_piece, 5, 0), 0);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 1, valid, &e), 0);
	ck_assert_uint_eq(buf[0], 5 | 0x1f << 3);
	ck_assert_uint_eq(valid[0], 0xff);
	/* A bit piece with no location: its bits alone are unknown (a
	   bitfield's neighbours in the byte are not).  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg5, DW_OP_bit_piece, 3, 1,
	    DW_OP_bit_piece, 5, 0), 0);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 1, valid, &e), -FS_E_NOENT);
	ck_assert_uint_eq(buf[0] & 7, 5);
	ck_assert_uint_eq(valid[0], 0x07);
	/* An xmm register whole: 16 bytes through regbytes.  */
	C.regbytes = fk_regbytes;
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_regx, 17), 0);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 16, valid, &e), 0);
	ck_assert_mem_eq(buf, F.xmm, 16);
	/* Implicit value: literal bytes, shorter than the object.  */
	{
		/* The pieces point into the expression: keep it alive. */
		static const uint8_t iv[] = { DW_OP_implicit_value, 2, 0x34,
		    0x12 };

		ck_assert_int_eq(ev(iv, sizeof iv, &v, &e), 0);
	}
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_BYTES);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 4, valid, &e), -FS_E_NOENT);
	ck_assert_uint_eq(buf[0], 0x34);
	ck_assert_uint_eq(buf[1], 0x12);
	ck_assert_uint_eq(valid[1], 0xff);
	ck_assert_uint_eq(valid[2], 0);
	/* Unreadable memory: an error naming the address, bytes invalid. */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit8), 0);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 4, valid, &e), -FS_E_NOENT);
	ck_assert_str_eq(e.msg, "Cannot access memory at address 0x8");
	ck_assert_uint_eq(valid[0], 0);
	/* A whole object in memory.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_breg7, 2), 0);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 3, valid, &e), 0);
	ck_assert_uint_eq(buf[0], 0x42);
	ck_assert_uint_eq(buf[2], 0x44);
	/* A register value read as a 4-byte int.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg0), 0);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 4, valid, &e), 0);
	ck_assert_uint_eq(buf[0], 0x88);
	ck_assert_uint_eq(buf[3], 0x55);
}
END_TEST

START_TEST(test_loc_unavailable)
{
	struct fs_locval v;
	struct fs_err e;
	uint8_t buf[8], valid[8];

	/* Empty expression.  */
	ck_assert_int_eq(ev(NULL, 0, &v, &e), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_UNAVAIL);
	ck_assert_int_eq(fs_loc_read(&v, &C, buf, 4, valid, &e), -FS_E_NOENT);
	ck_assert_uint_eq(valid[0], 0);
	/* entry_value with no entry registers: unavailable.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_GNU_entry_value, 1, DW_OP_reg5,
	    DW_OP_stack_value), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_UNAVAIL);
	/* ...and with them, the value.  */
	C.entry_reg = fk_entry;
	F.entry[5] = 77;
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_entry_value, 1, DW_OP_reg5,
	    DW_OP_lit1, DW_OP_plus, DW_OP_stack_value), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_VALUE);
	ck_assert_uint_eq(v.pieces[0].value, 78);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_entry_value, 1, DW_OP_reg4,
	    DW_OP_stack_value), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_UNAVAIL);
	/* A pointer to an object without an address: its DIE and offset,
	   for gdb's <synthetic pointer>.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_implicit_pointer, 0x10, 0, 0, 0,
	    4), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_IMPLICIT);
	ck_assert_uint_eq(v.pieces[0].addr, 0x10);
	ck_assert_uint_eq(v.pieces[0].value, 4);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_GNU_parameter_ref, 1, 0, 0, 0,
	    DW_OP_stack_value), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_UNAVAIL);
	/* Only the unavailable piece of a composite is lost.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_entry_value, 1, DW_OP_reg3,
	    DW_OP_stack_value, DW_OP_piece, 4, DW_OP_reg5, DW_OP_piece, 4),
	    0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_UNAVAIL);
	ck_assert_int_eq(v.pieces[1].kind, FS_PIECE_REG);
	/* TLS: relative to the block the context gives.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_const8u, 0x10, 0, 0, 0, 0, 0,
	    0, 0, DW_OP_GNU_push_tls_address), -FS_E_NOENT);
	C.tls_base = 0x7f0000;
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_const8u, 0x10, 0, 0, 0, 0, 0,
	    0, 0, DW_OP_form_tls_address), 0);
	ck_assert_uint_eq(v.pieces[0].addr, 0x7f0010);
	/* .debug_addr is not reachable without a callback.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_addrx, 1), -FS_E_FORMAT);
}
END_TEST

START_TEST(test_loc_typed)
{
	struct fs_locval v;
	struct fs_err e;

	/* Without base types, typed operations make it unavailable.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_breg5, 0, DW_OP_convert, 0x30,
	    DW_OP_convert, 0, DW_OP_stack_value), 0);
	ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_UNAVAIL);
	C.base_type = fk_base;
	/* 0x1_0000_0005 converted to int: 5; -1 as int then generic.  */
	ck_assert_uint_eq(VAL(DW_OP_const8u, 5, 0, 0, 0, 1, 0, 0, 0,
	    DW_OP_GNU_convert, 0x30, DW_OP_GNU_convert, 0), 5);
	ck_assert_uint_eq(VAL(DW_OP_const4u, 0xff, 0xff, 0xff, 0xff,
	    DW_OP_convert, 0x30, DW_OP_convert, 0), UINT64_MAX);
	ck_assert_uint_eq(VAL(DW_OP_const_type, 0x40, 1, 0xfe), 0xfe);
	ck_assert_uint_eq(VAL(DW_OP_regval_type, 0, 0x40), 0x88);
	ck_assert_uint_eq(VAL(DW_OP_breg7, 0, DW_OP_deref_type, 4, 0x30),
	    0x43424140);
	/* Unsigned char: 0xfe + 3 wraps to 1.  */
	ck_assert_uint_eq(VAL(DW_OP_const_type, 0x40, 1, 0xfe, DW_OP_lit3,
	    DW_OP_plus), 1);
	/* Floats: xmm0 holds 1.5 as a double; times 2.0 is 3.0; 0.5f
	   converted to double; the int 3 converted to double; a float
	   argument's value at entry.  */
	{
		double d = 1.5, r;
		float f;
		uint64_t bits;
		long double ld;

		memcpy(&F.regs[17], &d, 8);
		F.known |= 1u << 17;
		bits = VAL(DW_OP_regval_type, 17, 0x50, DW_OP_const_type,
		    0x50, 8, 0, 0, 0, 0, 0, 0, 0, 0x40, DW_OP_mul);
		memcpy(&r, &bits, 8);
		ck_assert(r == 3.0);
		bits = VAL(DW_OP_const_type, 0x60, 4, 0, 0, 0, 0x3f,
		    DW_OP_convert, 0x50);
		memcpy(&r, &bits, 8);
		ck_assert(r == 0.5);
		bits = VAL(DW_OP_lit3, DW_OP_convert, 0x30, DW_OP_convert,
		    0x50);
		memcpy(&r, &bits, 8);
		ck_assert(r == 3.0);
		bits = VAL(DW_OP_regval_type, 17, 0x50, DW_OP_convert, 0x30);
		ck_assert_uint_eq(bits, 1);
		/* Comparisons of floats give the generic 0 or 1.  */
		ck_assert_uint_eq(VAL(DW_OP_regval_type, 17, 0x50, DW_OP_lit1,
		    DW_OP_convert, 0x50, DW_OP_gt), 1);
		f = 2.5f;
		memcpy(&F.entry[17], &f, 4);
		C.entry_reg = fk_entry;
		bits = VAL(DW_OP_entry_value, 3, DW_OP_regval_type, 17, 0x60);
		ck_assert_uint_eq(bits, 0x40200000);
		/* An x87 long double read from memory is wider than the
		   piece's value: its bytes.  */
		ld = 1.25L;
		memcpy(F.mem + 0x40, &ld, 10);
		memset(F.mem + 0x4a, 0, 6);
		ck_assert_int_eq(EVAL(&v, &e, DW_OP_breg7, 0, DW_OP_deref_type,
		    16, 0x70, DW_OP_stack_value), 0);
		ck_assert_int_eq(v.pieces[0].kind, FS_PIECE_VALUE);
		ck_assert_uint_eq(v.pieces[0].nwide, 16);
		ck_assert_int_eq(memcmp(v.pieces[0].wide, &ld, 10), 0);
	}
}
END_TEST

START_TEST(test_loc_errors)
{
	struct fs_locval v;
	struct fs_err e;

	ck_assert_int_eq(EVAL(&v, &e, DW_OP_const4u, 1, 2), -FS_E_FORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "truncated"));
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_constu, 0x80), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_addr, 1, 2, 3), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_implicit_value, 9, 1),
	    -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_entry_value, 0xff, 0xff, 0xff,
	    0xff, 0x0f), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, 0xee), -FS_E_FORMAT);
	ck_assert_str_eq(e.msg, "unsupported DWARF operation 0xee");
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_plus), -FS_E_FORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "underflow"));
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit1, DW_OP_pick, 1),
	    -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_rot), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_drop), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_stack_value), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit1, DW_OP_lit0, DW_OP_div),
	    -FS_E_FORMAT);
	ck_assert_str_eq(e.msg, "Division by zero");
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit1, DW_OP_lit0, DW_OP_mod),
	    -FS_E_FORMAT);
	/* An endless loop ends.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_skip, 0xfd, 0xff), -FS_E_FORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "loop"));
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit1, DW_OP_bra, 0xfd, 0xff),
	    -FS_E_FORMAT);
	/* Jumps out of the expression.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_skip, 0x10, 0), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_skip, 0xf0, 0xff), -FS_E_FORMAT);
	/* Stack overflow.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit1, DW_OP_dup, DW_OP_skip,
	    0xfc, 0xff), -FS_E_FORMAT);
	/* A register location followed by something else.  */
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_reg0, DW_OP_lit1), -FS_E_FORMAT);
	ck_assert_int_eq(EVAL(&v, &e, DW_OP_lit0, DW_OP_piece, 0),
	    -FS_E_FORMAT);
	/* fbreg in a frame base, or without one.  */
	{
		static const uint8_t fb[] = { DW_OP_fbreg, 0 };

		C.frame_base.ops = fb;
		C.frame_base.len = sizeof fb;
		ck_assert_int_eq(EVAL(&v, &e, DW_OP_fbreg, 0), -FS_E_FORMAT);
		C.frame_base.len = 0;
		ck_assert_int_eq(EVAL(&v, &e, DW_OP_fbreg, 0), -FS_E_FORMAT);
	}
	/* Too many pieces.  */
	{
		uint8_t ops[2 * (FS_LOC_MAXPIECES + 1)];
		size_t i;

		for (i = 0; i < sizeof ops; i += 2) {
			ops[i] = DW_OP_piece;
			ops[i + 1] = 1;
		}
		ck_assert_int_eq(ev(ops, sizeof ops, &v, &e), -FS_E_FORMAT);
	}
}
END_TEST

/* Every byte string of length 1-3 and many of 4, evaluated: no crash,
   and 0 or an error.  */
START_TEST(test_loc_fuzz)
{
	struct fs_locval v;
	struct fs_err e;
	uint8_t ops[6], buf[8];
	uint32_t i, seed = 12345;
	size_t n;
	int rc;

	C.entry_reg = fk_entry;
	C.base_type = fk_base;
	for (i = 0; i < 400000; i++) {
		seed = seed * 1103515245 + 12345;
		n = 1 + (seed >> 8) % 6;
		for (size_t j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			ops[j] = (uint8_t)(seed >> 16);
		}
		rc = ev(ops, n, &v, &e);
		ck_assert(rc <= 0);
		if (rc == 0)
			fs_loc_read(&v, &C, buf, sizeof buf, NULL, &e);
	}
}
END_TEST

START_TEST(test_loc_select)
{
	static const uint8_t a[] = { DW_OP_reg5 }, b[] = { DW_OP_reg3 };
	struct fs_locrange r[] = {
		{ 0x1000, 0x1010, { a, 1 }, false, 0 },
		{ 0x1010, 0x1020, { NULL, 0 }, false, 0 },
		{ 0x1020, 0x1040, { b, 1 }, false, 0 },
	};
	struct fs_location l = { .kind = FS_LOC_LIST, .ranges = r,
	    .nranges = 3 };
	struct fs_expr x;

	ck_assert_int_eq(fs_loc_select(&l, 0x1000, &x), 0);
	ck_assert_ptr_eq(x.ops, a);
	ck_assert_int_eq(fs_loc_select(&l, 0x100f, &x), 0);
	ck_assert_ptr_eq(x.ops, a);
	ck_assert_int_eq(fs_loc_select(&l, 0x1010, &x), -FS_E_NOENT);
	ck_assert_int_eq(fs_loc_select(&l, 0x103f, &x), 0);
	ck_assert_ptr_eq(x.ops, b);
	ck_assert_int_eq(fs_loc_select(&l, 0x1040, &x), -FS_E_NOENT);
	ck_assert_int_eq(fs_loc_select(&l, 0xfff, &x), -FS_E_NOENT);
	l.kind = FS_LOC_NONE;
	ck_assert_int_eq(fs_loc_select(&l, 0x1000, &x), -FS_E_NOENT);
	l.kind = FS_LOC_EXPR;
	l.expr.ops = b;
	l.expr.len = 1;
	ck_assert_int_eq(fs_loc_select(&l, 0, &x), 0);
	ck_assert_ptr_eq(x.ops, b);
}
END_TEST

static const char *
desc(const uint8_t *ops, size_t len, bool has_rbp)
{
	static char buf[128];
	struct fs_location l = { .kind = FS_LOC_EXPR, .expr = { ops, len } };

	return fs_loc_describe(&l, 0, &C, has_rbp, buf, sizeof buf);
}
#define DESC(rbp, ...) ({ const uint8_t o_[] = { __VA_ARGS__ };	\
	desc(o_, sizeof o_, (rbp)); })

START_TEST(test_loc_describe)
{
	struct fs_location l = { .kind = FS_LOC_NONE };
	char buf[64];

	/* rbp = cfa - 16 in the fake frame.  */
	ck_assert_str_eq(DESC(true, DW_OP_fbreg, 0x6c), "at rbp-4");
	ck_assert_str_eq(DESC(false, DW_OP_fbreg, 0x68), "at cfa-24");
	ck_assert_str_eq(DESC(true, DW_OP_breg6, 0x6c), "at rbp-20");
	ck_assert_str_eq(DESC(false, DW_OP_breg7, 8), "at rsp+8");
	ck_assert_str_eq(DESC(false, DW_OP_breg7, 0), "at rsp");
	ck_assert_str_eq(DESC(false, DW_OP_reg5), "in rdi");
	ck_assert_str_eq(DESC(false, DW_OP_regx, 18), "in xmm1");
	ck_assert_str_eq(DESC(false, DW_OP_addr, 0x28, 0x40, 0x40, 0, 0, 0,
	    0, 0), "at 0x405028");
	ck_assert_str_eq(DESC(false, DW_OP_lit5, DW_OP_stack_value),
	    "constant 5");
	ck_assert_str_eq(DESC(false, DW_OP_GNU_entry_value, 1, DW_OP_reg5,
	    DW_OP_stack_value), "the value rdi had at entry");
	ck_assert_str_eq(DESC(false, DW_OP_breg3, 1, DW_OP_stack_value),
	    "computed: rbx+1");
	ck_assert_str_eq(DESC(false, DW_OP_implicit_value, 1, 0),
	    "constant");
	ck_assert_str_eq(DESC(false, DW_OP_reg0, DW_OP_piece, 8, DW_OP_piece,
	    8), "in pieces: rax, optimized out");
	ck_assert_str_eq(DESC(false, DW_OP_breg7, 8, DW_OP_deref),
	    "at a computed address");
	ck_assert_str_eq(DESC(false, DW_OP_const4u), "unreadable location");
	ck_assert_str_eq(fs_loc_describe(&l, 0, &C, true, buf, sizeof buf),
	    "optimized out");
	l.kind = FS_LOC_CONST;
	ck_assert_str_eq(fs_loc_describe(&l, 0, NULL, true, buf, sizeof buf),
	    "constant");
	/* Registers known: the real cfa-rbp distance (here 0x10).  */
	C.cfa = MEMBASE + 0xa0;
	ck_assert_str_eq(DESC(true, DW_OP_fbreg, 0x6c), "at rbp+12");
	ck_assert_str_eq(fs_loc_regname(16), "rip");
	ck_assert_ptr_null(fs_loc_regname(99));
}
END_TEST

Suite *
loc_suite(void)
{
	Suite *s = suite_create("loc");
	TCase *tc;

	tc = tcase_create("evaluates");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_loc_literals_constants);
	tcase_add_test(tc, test_loc_stack_ops);
	tcase_add_test(tc, test_loc_arithmetic);
	tcase_add_test(tc, test_loc_control_flow);
	tcase_add_test(tc, test_loc_registers);
	tcase_add_test(tc, test_loc_deref);
	tcase_add_test(tc, test_loc_i386);
	tcase_add_test(tc, test_loc_typed);
	suite_add_tcase(s, tc);

	tc = tcase_create("assembles_pieces");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_loc_pieces);
	tcase_add_test(tc, test_loc_unavailable);
	tcase_add_test(tc, test_loc_select);
	suite_add_tcase(s, tc);

	tc = tcase_create("refuses_bad_input");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_loc_errors);
	/* 400,000 random expressions: minutes under the sanitizers.  */
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_loc_fuzz);
	suite_add_tcase(s, tc);

	tc = tcase_create("describes");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_loc_describe);
	suite_add_tcase(s, tc);
	return s;
}
