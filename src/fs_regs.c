/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_regs: x86-64 registers as gdb shows them (see include/fs_regs.h). */
#include <cpuid.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "fs_regs.h"

/* The legacy area of XSAVE (FXSAVE's layout) and its header.  */
#define FX_FCW		0
#define FX_FSW		2
#define FX_FTW		4
#define FX_FOP		6
#define FX_FIP		8
#define FX_FDP		16
#define FX_MXCSR	24
#define FX_ST		32
#define FX_XMM		160
#define XS_BV		512
#define XS_HDR_END	576

/* XSAVE components past the legacy area that registers live in.  */
enum { XC_AVX = 2, XC_OPMASK = 5, XC_ZMM_HI256 = 6, XC_HI16_ZMM = 7,
    XC_PKRU = 9, XC_MAX = 10 };

enum cls {
	CLS_GP,		/* INDEX: offset in user_regs_struct */
	CLS_GPHI,	/* ah..dh: the second byte there */
	CLS_ST,
	CLS_FPC,	/* fctrl fstat ftag fiseg fioff foseg fooff fop */
	CLS_XMM,
	CLS_MXCSR,
	CLS_YMM,
	CLS_ZMM,
	CLS_K,
	CLS_PKRU,
	CLS_MM,		/* i386's MMX view of the x87 registers */
};

/* Types, named as gdb names them.  */
#define BASE(id, n, sz, enc)						\
	static const struct fs_type id = { .kind = FS_TYPE_BASE,	\
	    .name = n, .size = sz, .encoding = FS_ATE_##enc }
BASE(t_int8, "int8_t", 1, SIGNED);
BASE(t_int16, "int16_t", 2, SIGNED);
BASE(t_int32, "int32_t", 4, SIGNED);
BASE(t_int64, "int64_t", 8, SIGNED);
BASE(t_uint32, "uint32_t", 4, UNSIGNED);
BASE(t_uint64, "uint64_t", 8, UNSIGNED);
BASE(t_int128, "int128_t", 16, SIGNED);
BASE(t_uint128, "uint128_t", 16, UNSIGNED);
BASE(t_int, "int", 4, SIGNED);
BASE(t_long, "long", 8, SIGNED);
BASE(t_bool, "bool", 1, BOOLEAN);
BASE(t_float, "float", 4, FLOAT);
BASE(t_double, "double", 8, FLOAT);
BASE(t_i387_ext, "builtin_type_i387_ext", 10, FLOAT);
/* The target description's halves (xmm), and gdb's own (ymm, zmm):
   the same formats under two names.  */
BASE(t_tbf16, "builtin_type_bfloat16", 2, FLOAT);
BASE(t_thalf, "builtin_type_ieee_half", 2, FLOAT);
BASE(t_bf16, "bfloat16", 2, FLOAT);
BASE(t_half, "half", 2, FLOAT);
#undef BASE

static const struct fs_type t_void = { .kind = FS_TYPE_VOID, .name = "void" };
static const struct fs_type t_code = { .kind = FS_TYPE_FUNC,
    .varargs = true };
static const struct fs_type t_code_ptr = { .kind = FS_TYPE_POINTER,
    .size = 8, .target = &t_code };
static const struct fs_type t_data_ptr = { .kind = FS_TYPE_POINTER,
    .size = 8, .target = &t_void };

#define FLAG(n, bit) { .name = n, .type = &t_bool, .bit_size = 1,	\
	.bit_offset = bit }
static struct fs_member eflags_m[] = {
	FLAG("CF", 0), FLAG(NULL, 1), FLAG("PF", 2), FLAG("AF", 4),
	FLAG("ZF", 6), FLAG("SF", 7), FLAG("TF", 8), FLAG("IF", 9),
	FLAG("DF", 10), FLAG("OF", 11), FLAG("NT", 14), FLAG("RF", 16),
	FLAG("VM", 17), FLAG("AC", 18), FLAG("VIF", 19), FLAG("VIP", 20),
	FLAG("ID", 21),
};
static struct fs_member mxcsr_m[] = {
	FLAG("IE", 0), FLAG("DE", 1), FLAG("ZE", 2), FLAG("OE", 3),
	FLAG("UE", 4), FLAG("PE", 5), FLAG("DAZ", 6), FLAG("IM", 7),
	FLAG("DM", 8), FLAG("ZM", 9), FLAG("OM", 10), FLAG("UM", 11),
	FLAG("PM", 12), FLAG("FZ", 15),
};
#undef FLAG
/* Type T, a flags register or a union of vectors, of the members M.  */
#define AGGREGATE(t, k, nm, sz, m) static const struct fs_type t = {	\
	.kind = k, .name = nm, .size = sz, .members = m,		\
	.nmembers = sizeof m / sizeof m[0] }
AGGREGATE(t_eflags, FS_TYPE_FLAGS, "i386_eflags", 4, eflags_m);
AGGREGATE(t_mxcsr, FS_TYPE_FLAGS, "i386_mxcsr", 4, mxcsr_m);

/* A vector of N elements of ET (ES bytes each), named NAME or not.  */
#define DIM(n) static struct fs_dim d##n = { .has_count = true, .count = n }
DIM(2); DIM(4); DIM(8); DIM(16); DIM(32); DIM(64);
#undef DIM
#define VEC(id, nm, et, es, n) static const struct fs_type id = {	\
	.kind = FS_TYPE_ARRAY, .name = nm, .target = &et,		\
	.size = (n) * (es), .dims = &d##n, .ndims = 1, .vector = true }
VEC(v8bf16, "v8bf16", t_tbf16, 2, 8);
VEC(v8h, "v8h", t_thalf, 2, 8);
VEC(v4f, "v4f", t_float, 4, 4);
VEC(v2d, "v2d", t_double, 8, 2);
VEC(v16i8, "v16i8", t_int8, 1, 16);
VEC(v8i16, "v8i16", t_int16, 2, 8);
VEC(v4i32, "v4i32", t_int32, 4, 4);
VEC(v2i64, "v2i64", t_int64, 8, 2);
VEC(y_bf16, NULL, t_bf16, 2, 16);
VEC(y_half, NULL, t_half, 2, 16);
VEC(y_float, NULL, t_float, 4, 8);
VEC(y_double, NULL, t_double, 8, 4);
VEC(y_int8, NULL, t_int8, 1, 32);
VEC(y_int16, NULL, t_int16, 2, 16);
VEC(y_int32, NULL, t_int32, 4, 8);
VEC(y_int64, NULL, t_int64, 8, 4);
VEC(y_int128, NULL, t_int128, 16, 2);
VEC(z_bf16, NULL, t_bf16, 2, 32);
VEC(z_half, NULL, t_half, 2, 32);
VEC(z_float, NULL, t_float, 4, 16);
VEC(z_double, NULL, t_double, 8, 8);
VEC(z_int8, NULL, t_int8, 1, 64);
VEC(z_int16, NULL, t_int16, 2, 32);
VEC(z_int32, NULL, t_int32, 4, 16);
VEC(z_int64, NULL, t_int64, 8, 8);
VEC(z_int128, NULL, t_int128, 16, 4);
VEC(m_int32, NULL, t_int32, 4, 2);
VEC(m_int16, NULL, t_int16, 2, 4);
VEC(m_int8, NULL, t_int8, 1, 8);
#undef VEC

#define M(n, t) { .name = n, .type = &t }
static struct fs_member vec128_m[] = {
	M("v8_bfloat16", v8bf16), M("v8_half", v8h), M("v4_float", v4f),
	M("v2_double", v2d), M("v16_int8", v16i8), M("v8_int16", v8i16),
	M("v4_int32", v4i32), M("v2_int64", v2i64), M("uint128", t_uint128),
};
static struct fs_member vec256_m[] = {
	M("v16_bfloat16", y_bf16), M("v16_half", y_half),
	M("v8_float", y_float), M("v4_double", y_double),
	M("v32_int8", y_int8), M("v16_int16", y_int16),
	M("v8_int32", y_int32), M("v4_int64", y_int64),
	M("v2_int128", y_int128),
};
static struct fs_member vec512_m[] = {
	M("v32_bfloat16", z_bf16), M("v32_half", z_half),
	M("v16_float", z_float), M("v8_double", z_double),
	M("v64_int8", z_int8), M("v32_int16", z_int16),
	M("v16_int32", z_int32), M("v8_int64", z_int64),
	M("v4_int128", z_int128),
};
static struct fs_member vec64_m[] = {
	M("uint64", t_int64), M("v2_int32", m_int32), M("v4_int16", m_int16),
	M("v8_int8", m_int8),
};
#undef M
AGGREGATE(t_vec64, FS_TYPE_UNION, "builtin_type_vec64i", 8, vec64_m);
AGGREGATE(t_vec128, FS_TYPE_UNION, "vec128", 16, vec128_m);
AGGREGATE(t_vec256, FS_TYPE_UNION, "builtin_type_vec256i", 32, vec256_m);
AGGREGATE(t_vec512, FS_TYPE_UNION, "builtin_type_vec512i", 64, vec512_m);
#undef AGGREGATE

/* Every register of the machine, raw ones first in gdb's order, then
   the pseudo registers; and each group's.  */
#define MAXREGS		256
static struct fs_reg regs[MAXREGS];
static size_t nregs;
static char names[MAXREGS][8];
static const struct fs_reg *groups[FS_RG_NGROUPS][MAXREGS];
static size_t ngroups[FS_RG_NGROUPS];
static uint64_t features;
static uint32_t comp_off[XC_MAX];
static bool ready;

#define G(g)	(1u << FS_RG_##g)

static struct fs_reg *
add(const char *name, const struct fs_type *t, unsigned cls,
    unsigned index, unsigned groups_)
{
	struct fs_reg *r = &regs[nregs];

	snprintf(names[nregs], sizeof names[nregs], "%s", name);
	nregs++;
	r->name = names[nregs - 1];
	r->type = t;
	r->size = (unsigned)t->size;
	r->cls = cls;
	r->index = index;
	r->groups = groups_;
	r->is_float = t->kind == FS_TYPE_BASE && t->encoding == FS_ATE_FLOAT;
	r->is_vector = t->kind == FS_TYPE_UNION;
	return r;
}

uint64_t
fs_regs_features(void)
{
	unsigned a, b, c, d;
	uint32_t lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return 0;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (uint64_t)hi << 32 | lo;
}

size_t
fs_regs_xsave_size(void)
{
	unsigned a, b, c, d;

	if (fs_regs_features() == 0 || !__get_cpuid_count(0xd, 0, &a, &b, &c,
	    &d) || b < XS_HDR_END)
		return XS_HDR_END;
	return b;
}

static void
setup(void)
{
	static const struct { const char *n; size_t off; } gp[] = {
#define R(n) { #n, offsetof(struct user_regs_struct, n) }
		R(rax), R(rbx), R(rcx), R(rdx), R(rsi), R(rdi), R(rbp),
		R(rsp), R(r8), R(r9), R(r10), R(r11), R(r12), R(r13), R(r14),
		R(r15), R(rip), R(eflags), R(cs), R(ss), R(ds), R(es), R(fs),
		R(gs),
#undef R
	};
	static const char *const fpc[] = { "fctrl", "fstat", "ftag", "fiseg",
	    "fioff", "foseg", "fooff", "fop" };
	static const char *const b8[] = { "al", "bl", "cl", "dl", "sil",
	    "dil", "bpl", "spl" };
	static const char *const b16[] = { "ax", "bx", "cx", "dx", "si",
	    "di", "bp", "" };
	static const char *const b32[] = { "eax", "ebx", "ecx", "edx", "esi",
	    "edi", "ebp", "esp" };
	unsigned a, b, c, d, i, sseg;
	bool avx, avx512, pkru, avx512_p, avx_p, sse_p;
	const struct fs_type *t;
	char n[8];
	uint64_t m;

	features = fs_regs_features();
	for (i = XC_AVX; i < XC_MAX; i++) {
		if (!(features & (1u << i)))
			continue;
		__cpuid_count(0xd, i, a, b, c, d);
		comp_off[i] = b;
	}
	m = features != 0 ? features : FS_XFEAT_X87 | FS_XFEAT_SSE;
	avx = (m & FS_XFEAT_AVX) != 0 && comp_off[XC_AVX] != 0;
	avx512 = (m & FS_XFEAT_AVX512) == FS_XFEAT_AVX512 &&
	    comp_off[XC_OPMASK] != 0 && comp_off[XC_ZMM_HI256] != 0 &&
	    comp_off[XC_HI16_ZMM] != 0;
	pkru = (m & FS_XFEAT_PKRU) != 0 && comp_off[XC_PKRU] != 0;
	/* gdb's i386_register_reggroup_p: which of xmm, ymm and zmm the
	   vector group and `all' show.  */
	m &= 0xe7;
	avx512_p = m == 0xe7;
	avx_p = m == 0x07;
	sse_p = m == 0x03;

	for (i = 0; i < sizeof gp / sizeof gp[0]; i++) {
		t = i == 6 || i == 7 ? &t_data_ptr : i == 16 ? &t_code_ptr :
		    i == 17 ? &t_eflags : i >= 18 ? &t_int32 : &t_int64;
		add(gp[i].n, t, CLS_GP, (unsigned)gp[i].off,
		    G(GENERAL) | G(ALL));
	}
	for (i = 0; i < 8; i++) {
		snprintf(n, sizeof n, "st%u", i);
		add(n, &t_i387_ext, CLS_ST, i, G(FLOAT) | G(ALL));
	}
	for (i = 0; i < 8; i++)
		add(fpc[i], &t_int, CLS_FPC, i, G(FLOAT) | G(ALL));
	sseg = G(SSE) | (sse_p ? G(VECTOR) | G(ALL) : 0);
	for (i = 0; i < 16; i++) {
		snprintf(n, sizeof n, "xmm%u", i);
		add(n, &t_vec128, CLS_XMM, i, sseg);
	}
	add("mxcsr", &t_mxcsr, CLS_MXCSR, 0, G(SSE) | G(VECTOR) | G(ALL));
	if (avx512) {
		for (i = 16; i < 32; i++) {
			snprintf(n, sizeof n, "xmm%u", i);
			add(n, &t_vec128, CLS_XMM, i, sseg);
		}
		for (i = 0; i < 8; i++) {
			snprintf(n, sizeof n, "k%u", i);
			add(n, &t_uint64, CLS_K, i, G(GENERAL) | G(ALL));
		}
	}
	if (pkru)
		add("pkru", &t_uint32, CLS_PKRU, 0, G(ALL));
	add("fs_base", &t_long, CLS_GP, offsetof(struct user_regs_struct,
	    fs_base), G(SYSTEM));
	add("gs_base", &t_long, CLS_GP, offsetof(struct user_regs_struct,
	    gs_base), G(SYSTEM));
	add("orig_rax", &t_long, CLS_GP, offsetof(struct user_regs_struct,
	    orig_rax), G(SYSTEM));
	/* Pseudo registers: the parts of the general ones (in no group),
	   then ymm and zmm.  */
	for (i = 0; i < 16; i++) {
		if (i < 8)
			snprintf(n, sizeof n, "%s", b8[i]);
		else
			snprintf(n, sizeof n, "r%ul", i);
		add(n, &t_int8, CLS_GP, regs[i].index, 0)->size = 1;
	}
	for (i = 0; i < 4; i++)
		add(b8[i][0] == 'a' ? "ah" : b8[i][0] == 'b' ? "bh" :
		    b8[i][0] == 'c' ? "ch" : "dh", &t_int8, CLS_GPHI,
		    regs[i].index, 0)->size = 1;
	for (i = 0; i < 16; i++) {
		if (i < 8)
			snprintf(n, sizeof n, "%s", b16[i]);
		else
			snprintf(n, sizeof n, "r%uw", i);
		if (n[0] != '\0')
			add(n, &t_int16, CLS_GP, regs[i].index, 0)->size = 2;
	}
	for (i = 0; i < 16; i++) {
		if (i < 8)
			snprintf(n, sizeof n, "%s", b32[i]);
		else
			snprintf(n, sizeof n, "r%ud", i);
		add(n, &t_int32, CLS_GP, regs[i].index, 0)->size = 4;
	}
	add("eip", &t_int32, CLS_GP, regs[16].index, 0)->size = 4;
	if (avx)
		for (i = 0; i < (avx512 ? 32u : 16u); i++) {
			snprintf(n, sizeof n, "ymm%u", i);
			add(n, &t_vec256, CLS_YMM, i, avx_p ? G(VECTOR) | G(ALL) :
			    0);
		}
	if (avx512)
		for (i = 0; i < 32; i++) {
			snprintf(n, sizeof n, "zmm%u", i);
			add(n, &t_vec512, CLS_ZMM, i, avx512_p ? G(VECTOR) |
			    G(ALL) : 0);
		}
	/* gdb's on i386 alone, in no group: fs_regs_extended_of says.  */
	for (i = 0; i < 8; i++) {
		snprintf(n, sizeof n, "mm%u", i);
		add(n, &t_vec64, CLS_MM, i, 0);
	}
	for (i = 0; i < nregs; i++)
		for (a = 0; a < (unsigned)FS_RG_NGROUPS; a++)
			if (regs[i].groups & (1u << a))
				groups[a][ngroups[a]++] = &regs[i];
	ready = true;
}

bool
fs_regs_extended_of(const struct fs_reg *r, unsigned nvec, bool mmx)
{
	if (r->cls == CLS_GP || r->cls == CLS_GPHI)
		return false;
	if (r->cls == CLS_MM)
		return mmx;
	return (r->cls != CLS_XMM && r->cls != CLS_YMM && r->cls != CLS_ZMM) ||
	    r->index < nvec;
}

const struct fs_reg *
fs_regs_find(const char *name)
{
	size_t i;

	if (!ready)
		setup();
	if (strcmp(name, "pc") == 0)
		name = "rip";
	else if (strcmp(name, "sp") == 0)
		name = "rsp";
	else if (strcmp(name, "fp") == 0)
		name = "rbp";
	else if (strcmp(name, "ps") == 0)
		name = "eflags";
	for (i = 0; i < nregs; i++)
		if (strcmp(regs[i].name, name) == 0)
			return &regs[i];
	return NULL;
}

size_t
fs_regs_group(enum fs_reggroup g, const struct fs_reg *const **out)
{
	if (!ready)
		setup();
	if (g >= FS_RG_NGROUPS) {
		*out = NULL;
		return 0;
	}
	*out = groups[g];
	return ngroups[g];
}

int
fs_regs_group_named(const char *name, enum fs_reggroup *g)
{
	static const char *const gn[FS_RG_NGROUPS] = { "general", "float",
	    "sse", "vector", "all", "system" };
	int i;

	for (i = 0; i < FS_RG_NGROUPS; i++)
		if (strcmp(gn[i], name) == 0) {
			*g = (enum fs_reggroup)i;
			return 0;
		}
	return -1;
}

/* N bytes of component C at OFF in RF's XSAVE area, or zeros when it
   is in its initial state or not there.  */
static void
comp(const struct fs_regfile *rf, unsigned c, size_t off, uint8_t *buf,
    size_t n)
{
	uint64_t bv = 0;
	size_t at;

	memset(buf, 0, n);
	if (rf->xsave == NULL || rf->xlen < XS_HDR_END)
		return;
	memcpy(&bv, rf->xsave + XS_BV, 8);
	if (!(bv & (UINT64_C(1) << c)))
		return;
	at = c < XC_AVX ? off : (size_t)comp_off[c] + off;
	if ((c >= XC_AVX && comp_off[c] == 0) || at + n > rf->xlen)
		return;
	memcpy(buf, rf->xsave + at, n);
}

/* The x87 tag of the register holding EXT: 0 valid, 1 zero, 2 special,
   as the full tag word has it (FXSAVE keeps one bit a register).  */
static unsigned
x87_tag(const uint8_t *ext)
{
	unsigned exp = (ext[9] & 0x7f) << 8 | ext[8];
	uint64_t frac;
	bool integer = (ext[7] & 0x80) != 0;

	memcpy(&frac, ext, 8);
	frac &= ~(UINT64_C(1) << 63);
	if (exp == 0x7fff)
		return 2;
	if (exp == 0)
		return frac == 0 && !integer ? 1 : 2;
	return integer ? 0 : 2;
}

static uint32_t
x87_ctl(const struct fs_regfile *rf, unsigned i)
{
	uint8_t b[8], ext[10];
	uint32_t v = 0;
	unsigned top, reg, tag, full = 0;
	uint64_t bv = 0;

	if (rf->xsave != NULL && rf->xlen >= XS_HDR_END)
		memcpy(&bv, rf->xsave + XS_BV, 8);
	if (!(bv & FS_XFEAT_X87))
		/* The initial state: FNINIT's.  */
		return i == 0 ? 0x37f : i == 2 ? 0xffff : 0;
	switch (i) {
	case 0:
		comp(rf, 0, FX_FCW, b, 2);
		return (uint32_t)(b[0] | b[1] << 8);
	case 1:
		comp(rf, 0, FX_FSW, b, 2);
		return (uint32_t)(b[0] | b[1] << 8);
	case 2:
		/* The full tag word from FXSAVE's bit a register: gdb's
		   i387_supply_fxsave.  */
		comp(rf, 0, FX_FSW, b, 2);
		top = (b[1] >> 3) & 7;
		comp(rf, 0, FX_FTW, b, 1);
		for (reg = 0; reg < 8; reg++) {
			if (b[0] & (1u << reg)) {
				comp(rf, 0, FX_ST + 16 * ((reg + 8 - top) % 8),
				    ext, 10);
				tag = x87_tag(ext);
			} else
				tag = 3;
			full |= tag << (2 * reg);
		}
		return full;
	case 3:		/* fiseg: the upper half of the 64-bit FIP */
		comp(rf, 0, FX_FIP + 4, b, 4);
		break;
	case 4:
		comp(rf, 0, FX_FIP, b, 4);
		break;
	case 5:
		comp(rf, 0, FX_FDP + 4, b, 4);
		break;
	case 6:
		comp(rf, 0, FX_FDP, b, 4);
		break;
	default:
		comp(rf, 0, FX_FOP, b, 2);
		return (uint32_t)(b[0] | b[1] << 8) & 0x7ff;
	}
	memcpy(&v, b, 4);
	return v;
}

void
fs_regs_read(const struct fs_regfile *rf, const struct fs_reg *r,
    uint8_t *buf)
{
	uint32_t v;
	unsigned i = r->index;

	memset(buf, 0, r->size);
	switch (r->cls) {
	case CLS_GP:
		memcpy(buf, (const uint8_t *)&rf->gp + i, r->size);
		return;
	case CLS_GPHI:
		memcpy(buf, (const uint8_t *)&rf->gp + i + 1, 1);
		return;
	case CLS_ST:
		comp(rf, 0, FX_ST + 16 * i, buf, 10);
		return;
	case CLS_FPC:
		v = x87_ctl(rf, i);
		memcpy(buf, &v, 4);
		return;
	case CLS_MXCSR:
		/* Saved with SSE or AVX state; gdb reads it either way.  */
		if (rf->xsave != NULL && rf->xlen >= XS_HDR_END)
			memcpy(buf, rf->xsave + FX_MXCSR, 4);
		else {
			v = 0x1f80;
			memcpy(buf, &v, 4);
		}
		return;
	case CLS_K:
		comp(rf, XC_OPMASK, 8 * i, buf, 8);
		return;
	case CLS_PKRU:
		comp(rf, XC_PKRU, 0, buf, 4);
		return;
	case CLS_MM:
		/* The mantissa of st((N + top) % 8), as gdb's
		   i386_mmx_regnum_to_fp_regnum takes it.  */
		v = x87_ctl(rf, 1);
		comp(rf, 0, FX_ST + 16 * ((i + ((v >> 11) & 7)) % 8), buf, 8);
		return;
	default:
		break;
	}
	/* xmm, ymm, zmm: the low 128 bits, then the next 128, then 256; or
	   all of a register 16-31 in the Hi16_ZMM component.  */
	if (i >= 16) {
		comp(rf, XC_HI16_ZMM, 64 * (i - 16), buf, r->size);
		return;
	}
	comp(rf, 1, FX_XMM + 16 * i, buf, 16);
	if (r->cls == CLS_XMM)
		return;
	comp(rf, XC_AVX, 16 * i, buf + 16, 16);
	if (r->cls == CLS_ZMM)
		comp(rf, XC_ZMM_HI256, 32 * i, buf + 32, 32);
}

const struct fs_reg *
fs_regs_dwarf(unsigned dw)
{
	static const char *const gp[] = { "rax", "rdx", "rcx", "rbx", "rsi",
	    "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13",
	    "r14", "r15", "rip" };
	static const char *const seg[] = { "es", "cs", "ss", "ds", "fs",
	    "gs" };
	const struct fs_reg *r;
	char n[8];

	if (dw <= 16)
		return fs_regs_find(gp[dw]);
	if (dw <= 32 || (dw >= 67 && dw <= 82)) {
		unsigned x = dw <= 32 ? dw - 17 : dw - 67 + 16;

		snprintf(n, sizeof n, "ymm%u", x);
		if ((r = fs_regs_find(n)) != NULL)
			return r;
		snprintf(n, sizeof n, "xmm%u", x);
		return fs_regs_find(n);
	}
	if (dw >= 33 && dw <= 40) {
		snprintf(n, sizeof n, "st%u", dw - 33);
		return fs_regs_find(n);
	}
	if (dw == 49)
		return fs_regs_find("eflags");
	if (dw >= 50 && dw <= 55)
		return fs_regs_find(seg[dw - 50]);
	if (dw == 58 || dw == 59)
		return fs_regs_find(dw == 58 ? "fs_base" : "gs_base");
	if (dw >= 64 && dw <= 66)
		return fs_regs_find(dw == 64 ? "mxcsr" : dw == 65 ? "fctrl" :
		    "fstat");
	if (dw >= 118 && dw <= 125) {
		snprintf(n, sizeof n, "k%u", dw - 118);
		return fs_regs_find(n);
	}
	return NULL;
}

bool
fs_regs_is_x87(const struct fs_reg *r)
{
	return r != NULL && r->cls == CLS_ST;
}

double
fs_regs_ext_to_double(const uint8_t *ext)
{
	long double ld = 0;

	memcpy(&ld, ext, 10);
	return (double)ld;
}
