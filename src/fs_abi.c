/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_abi: the System V AMD64 calling convention (see include/fs_abi.h). */
#include <stdlib.h>
#include <string.h>

#include "fs_abi.h"
#include "fs_arch.h"
#include "fs_value.h"

#define MAX_DEPTH	32

/* psABI 3.2.3's merge of two classes of one eightbyte.  */
static enum fs_abi_class
merge(enum fs_abi_class a, enum fs_abi_class b)
{
	if (a == b || b == FS_ABI_NONE)
		return a;
	if (a == FS_ABI_NONE)
		return b;
	if (a == FS_ABI_MEMORY || b == FS_ABI_MEMORY)
		return FS_ABI_MEMORY;
	if (a == FS_ABI_INTEGER || b == FS_ABI_INTEGER)
		return FS_ABI_INTEGER;
	if (a == FS_ABI_X87 || a == FS_ABI_X87UP || a == FS_ABI_COMPLEX_X87 ||
	    b == FS_ABI_X87 || b == FS_ABI_X87UP || b == FS_ABI_COMPLEX_X87)
		return FS_ABI_MEMORY;
	return FS_ABI_SSE;
}

/* The alignment of T: its largest scalar's size, 16 at most.  */
static uint64_t
align_of(const struct fs_type *t, int depth)
{
	const struct fs_type *s = fs_value_strip(t);
	uint64_t a = 1, m;
	size_t i;

	if (s == NULL || depth > MAX_DEPTH)
		return 1;
	switch (s->kind) {
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
	case FS_TYPE_VARIANT:
		for (i = 0; i < s->nmembers; i++)
			if ((m = align_of(s->members[i].type, depth + 1)) > a)
				a = m;
		return a;
	case FS_TYPE_ARRAY:
		return align_of(s->target, depth + 1);
	case FS_TYPE_BASE:
		if (s->encoding == FS_ATE_COMPLEX_FLOAT)
			return s->size / 2 > 16 ? 16 : s->size / 2 > 8 ? 16 :
			    s->size / 2;
		return s->size >= 16 || s->size == 10 || s->size == 12 ? 16 :
		    s->size == 0 ? 1 : s->size;
	default:
		return s->size == 0 ? 1 : s->size > 16 ? 16 : s->size;
	}
}

static void
put(enum fs_abi_class *cls, size_t nw, uint64_t off, enum fs_abi_class c)
{
	if (off / 8 < nw)
		cls[off / 8] = merge(cls[off / 8], c);
}

static void
classify(const struct fs_type *t, uint64_t off, enum fs_abi_class *cls,
    size_t nw, int depth)
{
	const struct fs_type *s = fs_value_strip(t);
	uint64_t esz, n, i, a;
	size_t k;

	if (s == NULL || depth > MAX_DEPTH) {
		put(cls, nw, off, FS_ABI_MEMORY);
		return;
	}
	switch (s->kind) {
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
	case FS_TYPE_VARIANT:
		for (k = 0; k < s->nmembers; k++) {
			const struct fs_member *m = &s->members[k];

			if (m->bit_size > 0) {
				put(cls, nw, off + m->offset + m->bit_offset / 8,
				    FS_ABI_INTEGER);
				continue;
			}
			a = align_of(m->type, 0);
			/* An unaligned field: in memory.  */
			if (a > 1 && (off + m->offset) % a != 0) {
				put(cls, nw, off + m->offset, FS_ABI_MEMORY);
				continue;
			}
			classify(m->type, off + m->offset, cls, nw, depth + 1);
		}
		return;
	case FS_TYPE_ARRAY:
		esz = fs_value_strip(s->target) != NULL ?
		    fs_value_strip(s->target)->size : 0;
		n = esz != 0 ? s->size / esz : 0;
		for (i = 0; i < n && i < 64; i++)
			classify(s->target, off + i * esz, cls, nw, depth + 1);
		return;
	case FS_TYPE_BASE:
		if (s->encoding == FS_ATE_FLOAT) {
			if (s->size <= 8) {
				put(cls, nw, off, FS_ABI_SSE);
			} else {
				put(cls, nw, off, FS_ABI_X87);
				put(cls, nw, off + 8, FS_ABI_X87UP);
			}
			return;
		}
		if (s->encoding == FS_ATE_COMPLEX_FLOAT) {
			if (s->size <= 16) {
				put(cls, nw, off, FS_ABI_SSE);
				if (s->size > 8)
					put(cls, nw, off + 8, FS_ABI_SSE);
			} else
				put(cls, nw, off, FS_ABI_COMPLEX_X87);
			return;
		}
		put(cls, nw, off, FS_ABI_INTEGER);
		if (s->size > 8)
			put(cls, nw, off + 8, FS_ABI_INTEGER);
		return;
	case FS_TYPE_POINTER:
	case FS_TYPE_REFERENCE:
	case FS_TYPE_RVALUE_REF:
	case FS_TYPE_ENUM:
	case FS_TYPE_FLAGS:
		put(cls, nw, off, FS_ABI_INTEGER);
		return;
	default:
		put(cls, nw, off, FS_ABI_MEMORY);
		return;
	}
}

size_t
fs_abi_classify(const struct fs_type *t, enum fs_abi_class cls[FS_ABI_MAXWORDS])
{
	const struct fs_type *s = fs_value_strip(t);
	size_t nw, i;

	memset(cls, 0, FS_ABI_MAXWORDS * sizeof *cls);
	if (s == NULL || s->size == 0)
		return 0;
	nw = (size_t)((s->size + 7) / 8);
	if (s->size > 16) {
		cls[0] = FS_ABI_MEMORY;
		return nw > FS_ABI_MAXWORDS ? FS_ABI_MAXWORDS : nw;
	}
	classify(t, 0, cls, nw, 0);
	/* The post merger.  */
	for (i = 0; i < nw; i++) {
		if (cls[i] == FS_ABI_MEMORY || (cls[i] == FS_ABI_X87UP &&
		    (i == 0 || cls[i - 1] != FS_ABI_X87))) {
			cls[0] = FS_ABI_MEMORY;
			return nw;
		}
		if (cls[i] == FS_ABI_SSEUP && (i == 0 ||
		    (cls[i - 1] != FS_ABI_SSE && cls[i - 1] != FS_ABI_SSEUP)))
			cls[i] = FS_ABI_SSE;
		if (cls[i] == FS_ABI_NONE)
			cls[i] = FS_ABI_SSE;	/* padding: any register */
	}
	return nw;
}

/* The argument in memory: ALIGN-aligned from the stack's first argument
   slot (offset 8, 16-aligned at the call), its bytes.  */
static int
push_stack(struct fs_abi_call *c, const uint8_t *bytes, size_t len,
    uint64_t align)
{
	size_t off = c->stack_len, need;
	uint8_t *nb;

	if (align < 8)
		align = 8;
	if ((off - 8) % align != 0)
		off += align - (off - 8) % align;
	need = off + ((len + 7) & ~(size_t)7);
	if ((nb = realloc(c->stack, need)) == NULL)
		return -FS_E_NOMEM;
	memset(nb + c->stack_len, 0, need - c->stack_len);
	memcpy(nb + off, bytes, len);
	c->stack = nb;
	c->stack_len = need;
	return 0;
}

int
fs_abi_layout(const struct fs_type *ret, uint64_t ret_addr,
    const struct fs_abi_arg *args, size_t nargs, struct fs_abi_call *out,
    struct fs_err *e)
{
	enum fs_abi_class cls[FS_ABI_MAXWORDS];
	size_t i, w, nw, ni, ns;
	uint64_t word;
	uint8_t tmp[16];

	memset(out, 0, sizeof *out);
	if ((out->stack = calloc(1, 8)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	out->stack_len = 8;		/* the return address's slot */
	if (ret != NULL && fs_value_strip(ret) != NULL &&
	    fs_value_strip(ret)->kind != FS_TYPE_VOID &&
	    fs_abi_classify(ret, cls) > 0 && cls[0] == FS_ABI_MEMORY) {
		out->ret_in_memory = true;
		out->ret_len = (size_t)fs_value_strip(ret)->size;
		out->gp[out->ngp++] = ret_addr;
	}
	for (i = 0; i < nargs; i++) {
		const struct fs_abi_arg *a = &args[i];

		nw = fs_abi_classify(a->type, cls);
		for (w = 0, ni = ns = 0; w < nw; w++) {
			if (cls[w] == FS_ABI_INTEGER)
				ni++;
			else if (cls[w] == FS_ABI_SSE)
				ns++;
		}
		if (nw > 0 && (cls[0] == FS_ABI_MEMORY ||
		    cls[0] == FS_ABI_X87 || cls[0] == FS_ABI_COMPLEX_X87 ||
		    out->ngp + ni > 6 || out->nsse + ns > 8)) {
			if (push_stack(out, a->bytes, a->len,
			    align_of(a->type, 0)) < 0)
				return fs_err_set(e, FS_E_NOMEM, "out of memory");
			continue;
		}
		for (w = 0; w < nw; w++) {
			memset(tmp, 0, sizeof tmp);
			if (w * 8 < a->len)
				memcpy(tmp, a->bytes + w * 8, a->len - w * 8 < 8 ?
				    a->len - w * 8 : 8);
			memcpy(&word, tmp, 8);
			switch (cls[w]) {
			case FS_ABI_INTEGER:
				out->gp[out->ngp++] = word;
				break;
			case FS_ABI_SSEUP:
				memcpy(out->xmm[out->nsse - 1] + 8, &word, 8);
				break;
			default:
				memcpy(out->xmm[out->nsse++], &word, 8);
				break;
			}
		}
	}
	return 0;
}

void
fs_abi_call_free(struct fs_abi_call *c)
{
	free(c->stack);
	c->stack = NULL;
	c->stack_len = 0;
}

/* What an i386 function returns (gcc's default, no
   -freg-struct-return).  */
static bool
return_i386(const struct fs_type *s, const struct fs_type *ret,
    uint64_t eax, uint64_t edx, const uint8_t st0[10], uint8_t *buf,
    size_t len)
{
	uint64_t pair = (eax & 0xffffffff) | edx << 32;
	long double ld = 0;

	if (s == NULL)
		return true;
	if (s->kind == FS_TYPE_BASE && s->encoding == FS_ATE_FLOAT) {
		memcpy(&ld, st0, 10);
		fs_value_float_put(ret, ld, buf, len);
		return true;
	}
	if (len > 8 || s->kind == FS_TYPE_STRUCT || s->kind ==
	    FS_TYPE_UNION || s->kind == FS_TYPE_ARRAY)
		return false;
	memcpy(buf, &pair, len);
	return true;
}

bool
fs_abi_return(const struct fs_arch *arch, const struct fs_type *ret,
    uint64_t rax, uint64_t rdx, const uint8_t xmm0[16],
    const uint8_t xmm1[16], const uint8_t st0[10], const uint8_t st1[10],
    uint8_t *buf, size_t len)
{
	enum fs_abi_class cls[FS_ABI_MAXWORDS];
	const uint8_t *xmm[2] = { xmm0, xmm1 };
	const struct fs_type *s = fs_value_strip(ret);
	uint64_t ints[2] = { rax, rdx };
	size_t nw, w, ni = 0, ns = 0, n;
	uint8_t word[8];

	memset(buf, 0, len);
	if (arch != NULL && arch->word == 4)
		return return_i386(s, ret, rax, rdx, st0, buf, len);
	if ((nw = fs_abi_classify(ret, cls)) == 0)
		return true;
	if (cls[0] == FS_ABI_MEMORY)
		return false;
	if (cls[0] == FS_ABI_X87 || cls[0] == FS_ABI_COMPLEX_X87) {
		/* x87: a long double in st0, its imaginary part in st1.  */
		long double ld = 0;

		if (s != NULL && s->encoding == FS_ATE_COMPLEX_FLOAT &&
		    len >= 32) {
			memcpy(buf, st0, 10);
			memcpy(buf + len / 2, st1, 10);
		} else {
			memcpy(&ld, st0, 10);
			fs_value_float_put(ret, ld, buf, len);
		}
		return true;
	}
	for (w = 0; w < nw; w++) {
		switch (cls[w]) {
		case FS_ABI_INTEGER:
			memcpy(word, &ints[ni < 2 ? ni : 1], 8);
			ni++;
			break;
		case FS_ABI_SSEUP:
			memcpy(word, xmm[ns > 0 ? ns - 1 : 0] + 8, 8);
			break;
		default:
			memcpy(word, xmm[ns < 2 ? ns : 1], 8);
			ns++;
			break;
		}
		n = len - w * 8 < 8 ? len - w * 8 : 8;
		memcpy(buf + w * 8, word, n);
	}
	return true;
}
