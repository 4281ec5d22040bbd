/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixture of the value and expression suites (see check_vfix.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>

#include "check_common.h"
#include "check_util.h"
#include "check_vfix.h"

/* The types of samples/values.c as gcc 12 describes them.  */
#define BASE(n, s, e) { .kind = FS_TYPE_BASE, .name = (n), .size = (s), \
	.encoding = (e) }
#define PTR(t) { .kind = FS_TYPE_POINTER, .size = 8, .target = (t) }
#define TDEF(n, t) { .kind = FS_TYPE_TYPEDEF, .name = (n), .target = (t) }
#define CONST(t) { .kind = FS_TYPE_CONST, .target = (t) }
#define ARR1(t, s, d) { .kind = FS_TYPE_ARRAY, .size = (s), .target = (t), \
	.dims = (d), .ndims = 1 }
#define DIM(n) { .lower = 0, .has_count = true, .count = (n) }
#define MEM(n, t, o) { .name = (n), .type = (t), .offset = (o) }
#define BF(n, t, o, bs, bo) { .name = (n), .type = (t), .offset = (o), \
	.bit_size = (bs), .bit_offset = (bo) }
#define STRUCT(k, n, s, m) { .kind = (k), .name = (n), .size = (s), \
	.members = (m), .nmembers = sizeof (m) / sizeof (m)[0] }

static const struct fs_type T_char = BASE("char", 1, FS_ATE_SIGNED_CHAR);
static const struct fs_type T_schar = BASE("signed char", 1,
    FS_ATE_SIGNED_CHAR);
static const struct fs_type T_uchar = BASE("unsigned char", 1,
    FS_ATE_UNSIGNED_CHAR);
static const struct fs_type T_short = BASE("short int", 2, FS_ATE_SIGNED);
static const struct fs_type T_ushort = BASE("short unsigned int", 2,
    FS_ATE_UNSIGNED);
static const struct fs_type T_int = BASE("int", 4, FS_ATE_SIGNED);
static const struct fs_type T_uint = BASE("unsigned int", 4,
    FS_ATE_UNSIGNED);
static const struct fs_type T_long = BASE("long int", 8, FS_ATE_SIGNED);
static const struct fs_type T_ulong = BASE("long unsigned int", 8,
    FS_ATE_UNSIGNED);
static const struct fs_type T_llong = BASE("long long int", 8,
    FS_ATE_SIGNED);
static const struct fs_type T_bool = BASE("_Bool", 1, FS_ATE_BOOLEAN);
static const struct fs_type T_float = BASE("float", 4, FS_ATE_FLOAT);
static const struct fs_type T_double = BASE("double", 8, FS_ATE_FLOAT);
static const struct fs_type T_ldouble = BASE("long double", 16,
    FS_ATE_FLOAT);
static const struct fs_type T_cplx = BASE("complex double", 16,
    FS_ATE_COMPLEX_FLOAT);
static const struct fs_type T_void = { .kind = FS_TYPE_VOID };
static const struct fs_type T_i8b = TDEF("__int8_t", &T_schar);
static const struct fs_type T_i8 = TDEF("int8_t", &T_i8b);
static const struct fs_type T_u8b = TDEF("__uint8_t", &T_uchar);
static const struct fs_type T_u8 = TDEF("uint8_t", &T_u8b);
static const struct fs_type T_i64b = TDEF("__int64_t", &T_long);
static const struct fs_type T_i64 = TDEF("int64_t", &T_i64b);
static const struct fs_type T_cchar = CONST(&T_char);
static const struct fs_type T_cint = CONST(&T_int);
static const struct fs_type T_vint = { .kind = FS_TYPE_VOLATILE,
    .target = &T_int };
static const struct fs_type T_pint = PTR(&T_int);
static const struct fs_type T_ppint = PTR(&T_pint);
static const struct fs_type T_pvoid = PTR(&T_void);
static const struct fs_type T_pchar = PTR(&T_char);
static const struct fs_type T_pcchar = PTR(&T_cchar);
static const struct fs_type T_puchar = PTR(&T_uchar);
static const struct fs_type T_str_t = TDEF("str_t", &T_pchar);
static const struct fs_type T_cpint = CONST(&T_pint);
static const struct fs_type T_ccstr = CONST(&T_pcchar);

static const struct fs_type *const P_ii[] = { &T_int, &T_int };
static const struct fs_type T_fii = { .kind = FS_TYPE_FUNC, .target = &T_int,
    .params = (const struct fs_type **)P_ii, .nparams = 2 };
static const struct fs_type T_pfii = PTR(&T_fii);
static const struct fs_type T_binop = TDEF("binop_t", &T_pfii);

static struct fs_dim D2[] = { DIM(2) }, D3[] = { DIM(3) }, D4[] = { DIM(4) },
    D5[] = { DIM(5) }, D6[] = { DIM(6) }, D8[] = { DIM(8) },
    D12[] = { DIM(12) }, D13[] = { DIM(13) }, D16[] = { DIM(16) },
    D20[] = { DIM(20) }, D32[] = { DIM(32) }, D250[] = { DIM(250) },
    D300[] = { DIM(300) }, D23[] = { DIM(2), DIM(3) };
static const struct fs_type T_char8 = ARR1(&T_char, 8, D8);
static const struct fs_type T_char5 = ARR1(&T_char, 5, D5);
static const struct fs_type T_char32 = ARR1(&T_char, 32, D32);
static const struct fs_type T_char20 = ARR1(&T_char, 20, D20);
static const struct fs_type T_char16 = ARR1(&T_char, 16, D16);
static const struct fs_type T_char6 = ARR1(&T_char, 6, D6);
static const struct fs_type T_uchar4 = ARR1(&T_uchar, 4, D4);
static const struct fs_type T_u8x6 = ARR1(&T_u8, 6, D6);
static const struct fs_type T_int3 = ARR1(&T_int, 12, D3);
static const struct fs_type T_int23 = { .kind = FS_TYPE_ARRAY, .size = 24,
    .target = &T_int, .dims = D23, .ndims = 2 };
static const struct fs_type T_int16 = ARR1(&T_int, 64, D16);
static const struct fs_type T_int20 = ARR1(&T_int, 80, D20);
static const struct fs_type T_int12 = ARR1(&T_int, 48, D12);
static const struct fs_type T_int13 = ARR1(&T_int, 52, D13);
static const struct fs_type T_int300 = ARR1(&T_int, 1200, D300);
static const struct fs_type T_int250 = ARR1(&T_int, 1000, D250);
static const struct fs_type T_double3 = ARR1(&T_double, 24, D3);
static const struct fs_type T_pfii2 = ARR1(&T_pfii, 16, D2);
static const struct fs_type T_pchar2 = ARR1(&T_pchar, 16, D2);
static const struct fs_type T_pint3 = PTR(&T_int3);

static struct fs_member M_point[] = { MEM("x", &T_int, 0),
    MEM("y", &T_int, 4) };
static const struct fs_type T_point = STRUCT(FS_TYPE_STRUCT, "point", 8,
    M_point);
static const struct fs_type T_point_t = TDEF("point_t", &T_point);
static const struct fs_type T_ppoint = PTR(&T_point);
static const struct fs_type T_point2 = ARR1(&T_point, 16, D2);
static const struct fs_type T_point3 = ARR1(&T_point, 24, D3);
static struct fs_member M_line[] = { MEM("a", &T_point, 0),
    MEM("b", &T_point, 8), MEM("label", &T_pcchar, 16) };
static const struct fs_type T_line = STRUCT(FS_TYPE_STRUCT, "line", 24,
    M_line);
extern const struct fs_type T_node;
static const struct fs_type T_pnode = PTR(&T_node);
static struct fs_member M_node[] = { MEM("val", &T_int, 0),
    MEM("next", &T_pnode, 8) };
const struct fs_type T_node = STRUCT(FS_TYPE_STRUCT, "node", 16, M_node);
static struct fs_member M_bits[] = { BF("a", &T_uint, 0, 3, 0),
    BF("b", &T_int, 0, 4, 3), BF("c", &T_uint, 0, 1, 7),
    MEM("d", &T_int, 4), BF("e", &T_ulong, 8, 40, 0) };
static const struct fs_type T_bits = STRUCT(FS_TYPE_STRUCT, "bits", 16,
    M_bits);
static struct fs_member M_num[] = { MEM("i", &T_int, 0),
    MEM("f", &T_float, 0), MEM("b", &T_uchar4, 0) };
static const struct fs_type T_num = STRUCT(FS_TYPE_UNION, "num", 4, M_num);
static struct fs_member M_au[] = { MEM("i", &T_int, 0), MEM("c", &T_char, 0) };
static const struct fs_type T_au = STRUCT(FS_TYPE_UNION, NULL, 4, M_au);
static struct fs_member M_as[] = { MEM("lo", &T_short, 0),
    MEM("hi", &T_short, 2) };
static const struct fs_type T_as = STRUCT(FS_TYPE_STRUCT, NULL, 4, M_as);
static struct fs_member M_anon[] = { MEM("tag", &T_int, 0),
    MEM(NULL, &T_au, 4), MEM(NULL, &T_as, 8) };
static const struct fs_type T_anon = STRUCT(FS_TYPE_STRUCT, "withanon", 12,
    M_anon);
static struct fs_member M_withfp[] = { MEM("op", &T_pfii, 0),
    MEM("name", &T_pcchar, 8) };
static const struct fs_type T_withfp = STRUCT(FS_TYPE_STRUCT, "withfp", 16,
    M_withfp);
static const struct fs_type T_empty = { .kind = FS_TYPE_STRUCT,
    .name = "empty" };
static struct fs_member M_nested[] = { MEM("pts", &T_point2, 0),
    MEM("m", &T_int23, 16), MEM("name", &T_char8, 40) };
static const struct fs_type T_nested = STRUCT(FS_TYPE_STRUCT, "nested", 48,
    M_nested);
static const struct fs_type T_inc = { .kind = FS_TYPE_STRUCT,
    .name = "incomplete", .declaration = true };
static const struct fs_type T_pinc = PTR(&T_inc);

static struct fs_enumerator E_color[] = { { "RED", 0 }, { "GREEN", 1 },
    { "BLUE", 5 } };
static const struct fs_type T_color = { .kind = FS_TYPE_ENUM,
    .name = "color", .size = 4, .target = &T_uint, .enumerators = E_color,
    .nenumerators = 3, .is_unsigned = true };
static struct fs_enumerator E_flags[] = { { "F_READ", 1 }, { "F_WRITE", 2 },
    { "F_EXEC", 4 }, { "F_ALL", 8 } };
static const struct fs_type T_flags = { .kind = FS_TYPE_ENUM,
    .name = "flags", .size = 4, .target = &T_uint, .enumerators = E_flags,
    .nenumerators = 4, .is_unsigned = true };
static struct fs_enumerator E_sparse[] = { { "S_NEG", -3 }, { "S_ZERO", 0 },
    { "S_BIG", 1000 } };
static const struct fs_type T_sparse = { .kind = FS_TYPE_ENUM,
    .name = "sparse", .size = 4, .target = &T_int, .enumerators = E_sparse,
    .nenumerators = 3 };

const struct vfix_sym vfix_syms[] = {
	{ "g_char", &T_char }, { "g_char_nl", &T_char },
	{ "g_char_nul", &T_char }, { "g_schar", &T_schar },
	{ "g_uchar", &T_uchar }, { "g_char_q", &T_char },
	{ "g_char_bs", &T_char }, { "g_char_esc", &T_char },
	{ "g_char_del", &T_char }, { "g_short", &T_short },
	{ "g_ushort", &T_ushort }, { "g_int", &T_int }, { "g_uint", &T_uint },
	{ "g_long", &T_long }, { "g_ulong", &T_ulong },
	{ "g_llong", &T_llong }, { "g_i8", &T_i8 }, { "g_u8", &T_u8 },
	{ "g_i64", &T_i64 }, { "g_true", &T_bool }, { "g_false", &T_bool },
	{ "g_float", &T_float }, { "g_float_pi", &T_float },
	{ "g_float_third", &T_float }, { "g_double", &T_double },
	{ "g_double_third", &T_double }, { "g_double_big", &T_double },
	{ "g_double_small", &T_double }, { "g_double_int", &T_double },
	{ "g_double_neg", &T_double }, { "g_double_zero", &T_double },
	{ "g_double_negzero", &T_double }, { "g_double_inf", &T_double },
	{ "g_double_ninf", &T_double }, { "g_double_nan", &T_double },
	{ "g_double_nnan", &T_double }, { "g_double_1e16", &T_double },
	{ "g_double_123456789", &T_double }, { "g_float_1e10", &T_float },
	{ "g_float_inf", &T_float }, { "g_float_nan", &T_float },
	{ "g_ldouble", &T_ldouble }, { "g_ldouble_third", &T_ldouble },
	{ "g_null", &T_pint }, { "g_pint", &T_pint }, { "g_ppint", &T_ppint },
	{ "g_void", &T_pvoid }, { "g_str", &T_pcchar },
	{ "g_str_esc", &T_pchar }, { "g_str_typedef", &T_str_t },
	{ "g_ustr", &T_puchar }, { "g_str_null", &T_pcchar },
	{ "g_buf", &T_char8 }, { "g_buf_full", &T_char5 },
	{ "g_buf_big", &T_char32 }, { "g_buf_rep", &T_char20 },
	{ "g_buf_zero", &T_char16 }, { "g_buf_emb", &T_char8 },
	{ "g_buf_esc", &T_char6 }, { "g_ubuf", &T_uchar4 },
	{ "g_u8buf", &T_u8x6 }, { "g_arr", &T_int3 }, { "g_arr2", &T_int23 },
	{ "g_arr_zero", &T_int16 }, { "g_arr_rep", &T_int20 },
	{ "g_arr_ten", &T_int12 }, { "g_arr_eleven", &T_int13 },
	{ "g_arr_long", &T_int300 }, { "g_arr_seq", &T_int250 },
	{ "g_darr", &T_double3 }, { "g_point", &T_point },
	{ "g_point_td", &T_point_t }, { "g_line", &T_line },
	{ "g_node2", &T_node }, { "g_node1", &T_node }, { "g_bits", &T_bits },
	{ "g_num", &T_num }, { "g_anon", &T_anon }, { "g_withfp", &T_withfp },
	{ "g_empty", &T_empty }, { "g_nested", &T_nested },
	{ "g_points", &T_point3 }, { "g_color", &T_color },
	{ "g_color_blue", &T_color }, { "g_color_bad", &T_color },
	{ "g_flags", &T_flags }, { "g_flags_unk", &T_flags },
	{ "g_flags_zero", &T_flags }, { "g_flags_unk_only", &T_flags },
	{ "g_sparse", &T_sparse }, { "g_sparse_bad", &T_sparse },
	{ "g_fp", &T_pfii }, { "g_fp_td", &T_binop }, { "g_fp_null", &T_pfii },
	{ "g_fparr", &T_pfii2 }, { "g_ppoint", &T_ppoint },
	{ "g_pinc", &T_pinc }, { "g_cint", &T_cint }, { "g_vint", &T_vint },
	{ "g_cpint", &T_cpint }, { "g_ccstr", &T_ccstr },
	{ "g_parr", &T_pint3 }, { "g_strs", &T_pchar2 },
	{ "g_str_long", &T_pchar }, { "g_cplx", &T_cplx },
	{ "add", &T_fii }, { "sub", &T_fii },
};
const size_t vfix_nsyms = sizeof vfix_syms / sizeof vfix_syms[0];

struct vsym {
	char		*name;
	uint64_t	 addr, size;
};

static struct {
	int		 fd;
	Elf		*elf;
	struct vsym	*syms;
	size_t		 nsyms;
} F = { -1, NULL, NULL, 0 };

bool
vfix_open(const char *path)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf_Data *d;
	GElf_Sym s;
	size_t i, n;
	int type;

	elf_version(EV_CURRENT);
	if ((F.fd = open(path, O_RDONLY)) < 0)
		return false;
	if ((F.elf = elf_begin(F.fd, ELF_C_READ, NULL)) == NULL)
		return false;
	while ((scn = elf_nextscn(F.elf, scn)) != NULL) {
		gelf_getshdr(scn, &sh);
		if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
			continue;
		d = elf_getdata(scn, NULL);
		n = sh.sh_size / sh.sh_entsize;
		F.syms = calloc(n, sizeof *F.syms);
		for (i = 0; i < n; i++) {
			gelf_getsym(d, (int)i, &s);
			type = GELF_ST_TYPE(s.st_info);
			if ((type != STT_OBJECT && type != STT_FUNC) ||
			    s.st_shndx == SHN_UNDEF)
				continue;
			F.syms[F.nsyms].name = strdup(elf_strptr(F.elf,
			    sh.sh_link, s.st_name));
			F.syms[F.nsyms].addr = s.st_value;
			F.syms[F.nsyms].size = s.st_size;
			F.nsyms++;
		}
	}
	return F.nsyms > 0;
}

void
vfix_close(void)
{
	size_t i;

	for (i = 0; i < F.nsyms; i++)
		free(F.syms[i].name);
	free(F.syms);
	F.syms = NULL;
	F.nsyms = 0;
	if (F.elf != NULL)
		elf_end(F.elf);
	F.elf = NULL;
	if (F.fd >= 0)
		close(F.fd);
	F.fd = -1;
}

int
vfix_addr(const char *name, uint64_t *addr)
{
	size_t i;

	for (i = 0; i < F.nsyms; i++)
		if (strcmp(F.syms[i].name, name) == 0) {
			*addr = F.syms[i].addr;
			return 0;
		}
	return -FS_E_NOENT;
}

const struct fs_type *
vfix_type(const char *name)
{
	size_t i;

	for (i = 0; i < vfix_nsyms; i++)
		if (strcmp(vfix_syms[i].name, name) == 0)
			return vfix_syms[i].type;
	return NULL;
}

/* The file image: section contents, zeros for .bss; nothing outside
   the allocated sections, as gdb without a process.  */
int
vfix_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf_Data *d;

	(void)arg;
	while ((scn = elf_nextscn(F.elf, scn)) != NULL) {
		gelf_getshdr(scn, &sh);
		if (!(sh.sh_flags & SHF_ALLOC) || addr < sh.sh_addr ||
		    addr - sh.sh_addr >= sh.sh_size ||
		    len > sh.sh_size - (addr - sh.sh_addr))
			continue;
		if (sh.sh_type == SHT_NOBITS) {
			memset(buf, 0, len);
			return 0;
		}
		d = elf_getdata(scn, NULL);
		if (d == NULL || d->d_buf == NULL)
			return -FS_E_NOENT;
		memcpy(buf, (char *)d->d_buf + (addr - sh.sh_addr), len);
		return 0;
	}
	return -FS_E_NOENT;
}

int
vfix_symbolize(void *arg, uint64_t addr, char *buf, size_t size)
{
	size_t i;

	(void)arg;
	for (i = 0; i < F.nsyms; i++) {
		if (addr < F.syms[i].addr || addr - F.syms[i].addr >=
		    (F.syms[i].size ? F.syms[i].size : 1))
			continue;
		if (addr == F.syms[i].addr)
			snprintf(buf, size, "%s", F.syms[i].name);
		else
			snprintf(buf, size, "%s+%llu", F.syms[i].name,
			    (unsigned long long)(addr - F.syms[i].addr));
		return 0;
	}
	return -FS_E_NOENT;
}

int
vfix_lookup(void *arg, const char *name, struct fs_eval_sym *out)
{
	const struct fs_type *t = vfix_type(name);

	(void)arg;
	memset(out, 0, sizeof *out);
	if (t == NULL || vfix_addr(name, &out->addr) != 0)
		return -FS_E_NOENT;
	out->type = t;
	out->in_memory = true;
	return 0;
}

char **
vfix_gdb_print(const char *prog, const char *cmd, const char *const exprs[],
    size_t n)
{
	struct util_result r;
	const char **cmds = calloc(2 * n + 1, sizeof *cmds);
	char **bufs = calloc(2 * n, sizeof *bufs);
	char **ans = calloc(n, sizeof *ans);
	char *p, *q, *err, *eline;
	size_t i;

	for (i = 0; i < n; i++) {
		bufs[2 * i] = NULL;
		if (asprintf(&bufs[2 * i], "echo @@%zu\\n", i) < 0 ||
		    asprintf(&bufs[2 * i + 1], "%s %s", cmd, exprs[i]) < 0)
			ck_abort_msg("out of memory");
		cmds[2 * i] = bufs[2 * i];
		cmds[2 * i + 1] = bufs[2 * i + 1];
	}
	util_gdb(&r, NULL, cmds, prog, NULL);
	/* Each answer follows its marker; an empty one is an error, whose
	   message is the next line of standard error.  */
	err = r.err;
	for (i = 0; i < n; i++) {
		char mark[32];

		snprintf(mark, sizeof mark, "@@%zu\n", i);
		p = strstr(r.out, mark);
		ck_assert_msg(p != NULL, "no marker %zu in gdb's output", i);
		p += strlen(mark);
		q = strstr(p, "@@");
		if (q == NULL)
			q = p + strlen(p);
		if ((strncmp(p, "$", 1) == 0 || strncmp(p, "type", 4) == 0) &&
		    (p = strstr(p, " = ")) != NULL && p < q) {
			p += 3;
			ans[i] = strndup(p, (size_t)(q - p));
		} else {
			eline = strchr(err, '\n');
			if (eline == NULL)
				eline = err + strlen(err);
			ans[i] = strndup(err, (size_t)(eline - err));
			err = *eline ? eline + 1 : eline;
		}
		/* Drop the newline.  */
		if ((p = strrchr(ans[i], '\n')) != NULL && p[1] == '\0')
			*p = '\0';
	}
	for (i = 0; i < 2 * n; i++)
		free(bufs[i]);
	free(bufs);
	free(cmds);
	util_result_free(&r);
	return ans;
}

void
vfix_free_answers(char **a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(a[i]);
	free(a);
}
