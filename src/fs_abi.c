/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_abi: the System V calling conventions of x86-64 and i386 (see
   include/fs_abi.h). */
#include <stdlib.h>
#include <string.h>

#include "fs_abi.h"
#include "fs_arch.h"
#include "fs_insn.h"
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

/* Whether i386 passes T 16-byte aligned on the stack (gdb's
   i386_16_byte_align_p): a 16-byte scalar (__float128), or an aggregate
   holding one.  */
static bool
align16_i386(const struct fs_type *t, int depth)
{
	const struct fs_type *s = fs_value_strip(t);
	size_t i;

	if (s == NULL || depth > MAX_DEPTH)
		return false;
	switch (s->kind) {
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
		for (i = 0; i < s->nmembers; i++)
			if (align16_i386(s->members[i].type, depth + 1))
				return true;
		return false;
	case FS_TYPE_ARRAY:
		return align16_i386(s->target, depth + 1);
	case FS_TYPE_BASE:
		return s->size == 16 && s->encoding != FS_ATE_COMPLEX_FLOAT;
	default:
		return false;
	}
}

bool
fs_abi_ret_in_memory(const struct fs_arch *arch, const struct fs_type *ret)
{
	enum fs_abi_class cls[FS_ABI_MAXWORDS];
	const struct fs_type *s = fs_value_strip(ret);

	if (s == NULL || s->kind == FS_TYPE_VOID)
		return false;
	if (arch != NULL && arch->word == 4)
		return s->kind == FS_TYPE_STRUCT || s->kind == FS_TYPE_UNION ||
		    s->kind == FS_TYPE_ARRAY || (s->size > 8 &&
		    !(s->kind == FS_TYPE_BASE && s->encoding == FS_ATE_FLOAT));
	return fs_abi_classify(ret, cls) > 0 && cls[0] == FS_ABI_MEMORY;
}

/* i386's System V call: every argument on the stack, the first lowest
   (pushed right to left), each taking a multiple of 4 bytes, a 16-byte
   aligned one at a multiple of 16 from the first; a structure returned
   through the hidden pointer passed before them.  */
static int
layout_i386(const struct fs_type *ret, uint64_t ret_addr,
    const struct fs_abi_arg *args, size_t nargs, struct fs_abi_call *out,
    struct fs_err *e)
{
	size_t i, off, need;
	uint32_t p = (uint32_t)ret_addr;
	uint8_t *nb;

	out->stack_len = 4;		/* the return address's slot */
	if (fs_abi_ret_in_memory(&fs_arch_i386, ret)) {
		out->ret_in_memory = true;
		out->ret_len = (size_t)fs_value_strip(ret)->size;
	}
	need = 4 + (out->ret_in_memory ? 4 : 0);
	for (i = 0; i < nargs; i++)
		need += 16 + ((args[i].len + 3) & ~(size_t)3);
	if ((out->stack = calloc(1, need)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if (out->ret_in_memory) {
		memcpy(out->stack + 4, &p, 4);
		out->stack_len += 4;
	}
	for (i = 0; i < nargs; i++) {
		off = out->stack_len;
		if (align16_i386(args[i].type, 0) && (off - 4) % 16 != 0)
			off += 16 - (off - 4) % 16;
		memcpy(out->stack + off, args[i].bytes, args[i].len);
		out->stack_len = off + ((args[i].len + 3) & ~(size_t)3);
	}
	if ((nb = realloc(out->stack, out->stack_len)) != NULL)
		out->stack = nb;
	return 0;
}

int
fs_abi_layout(const struct fs_arch *arch, const struct fs_type *ret,
    uint64_t ret_addr, const struct fs_abi_arg *args, size_t nargs,
    struct fs_abi_call *out, struct fs_err *e)
{
	enum fs_abi_class cls[FS_ABI_MAXWORDS];
	size_t i, w, nw, ni, ns;
	uint64_t word;
	uint8_t tmp[16];

	memset(out, 0, sizeof *out);
	if (arch != NULL && arch->word == 4)
		return layout_i386(ret, ret_addr, args, nargs, out, e);
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

/* Which of eax, ecx, edx (FS_ABI_EAX...) the operand text OP names.  */
static unsigned
regs_named(const char *op, size_t len)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
	} r[] = {
		{ "%eax", FS_ABI_EAX }, { "%ax", FS_ABI_EAX },
		{ "%al", FS_ABI_EAX }, { "%ah", FS_ABI_EAX },
		{ "%ecx", FS_ABI_ECX }, { "%cx", FS_ABI_ECX },
		{ "%cl", FS_ABI_ECX }, { "%ch", FS_ABI_ECX },
		{ "%edx", FS_ABI_EDX }, { "%dx", FS_ABI_EDX },
		{ "%dl", FS_ABI_EDX }, { "%dh", FS_ABI_EDX },
	};
	unsigned m = 0;
	size_t i, k, n;

	for (i = 0; i < len; i++) {
		if (op[i] != '%')
			continue;
		for (k = 0; k < sizeof r / sizeof r[0]; k++) {
			n = strlen(r[k].name);
			if (i + n <= len && strncmp(op + i, r[k].name, n) == 0 &&
			    (i + n == len || !(op[i + n] >= 'a' &&
			    op[i + n] <= 'z'))) {
				m |= r[k].bit;
				break;
			}
		}
	}
	return m;
}

unsigned
fs_abi_i386_reg_args(fs_abi_read_fn *read, void *arg, uint64_t addr)
{
	/* Mnemonics whose last operand is only written.  */
	static const char *const pure[] = { "mov", "lea", "pop", "set",
	    "popcnt", "lzcnt", "tzcnt", "bsf", "bsr", "cvt", "pextr",
	    "fnstsw" };
	uint8_t code[16];
	struct fs_insn in;
	unsigned written = 0, got = 0, n, k, dst, src;
	const char *ops, *last, *p;
	size_t mlen;
	ssize_t len;
	bool pure_write;
	/* esp and ebp from esp at the entry, while known.  */
	long long esp = 0, ebp = 0;
	bool esp_known = true, ebp_known = false;

	for (n = 0; n < 64; n++, addr += in.len) {
		if ((len = read(arg, addr, code, sizeof code)) <= 0 ||
		    fs_insn_decode_bits(code, (size_t)len, addr, 32, false,
		    &in) < 0 || in.len == 0)
			break;
		/* The first stack argument's word, 4 above esp at the entry,
		   named by a memory operand.  */
		for (p = in.text; (p = strstr(p, "(%e")) != NULL; p++) {
			const char *d = p;
			long long disp;

			while (d > in.text && d[-1] != ' ' && d[-1] != ',')
				d--;
			disp = d == p ? 0 : strtoll(d, NULL, 0);
			if ((strncmp(p, "(%esp)", 6) == 0 && esp_known &&
			    esp + disp == 4) || (strncmp(p, "(%ebp)", 6) == 0 &&
			    ebp_known && ebp + disp == 4))
				got |= FS_ABI_STACK;
		}
		if (strncmp(in.text, "push ", 5) == 0)
			esp -= 4;
		else if (strncmp(in.text, "pop ", 4) == 0)
			esp += 4;
		else if (strcmp(in.text, "mov %esp, %ebp") == 0) {
			ebp = esp;
			ebp_known = esp_known;
		} else if ((strncmp(in.text, "sub $", 5) == 0 ||
		    strncmp(in.text, "add $", 5) == 0) &&
		    (p = strstr(in.text, ", %esp")) != NULL && p[6] == '\0')
			esp += (in.text[0] == 's' ? -1 : 1) *
			    strtoll(in.text + 5, NULL, 0);
		else if ((p = strrchr(in.text, ' ')) != NULL &&
		    strcmp(p + 1, "%esp") == 0)
			esp_known = false;	/* and $-16, %esp; lea ... */
		if (in.is_call) {
			/* The PIC thunk, `mov (%esp),%REG; ret', sets REG. */
			struct fs_insn t;

			if (in.target == 0 || (len = read(arg, in.target, code,
			    sizeof code)) <= 0 || fs_insn_decode_bits(code,
			    (size_t)len, in.target, 32, false, &t) < 0 ||
			    strncmp(t.text, "mov (%esp), ", 12) != 0)
				break;
			written |= regs_named(t.text + 12,
			    strlen(t.text + 12));
			continue;
		}
		if (in.is_ret || in.is_branch || in.is_syscall ||
		    strcmp(in.text, "ud2") == 0 || strcmp(in.text, "hlt") == 0)
			break;
		mlen = strcspn(in.text, " ");
		ops = in.text + mlen + (in.text[mlen] == ' ');
		/* The last operand, after the last ", " (none inside a memory
		   operand, written without spaces), is the destination.  */
		for (last = ops; (p = strstr(last, ", ")) != NULL; )
			last = p + 2;
		src = regs_named(ops, (size_t)(last - ops));
		dst = regs_named(last, strlen(last));
		for (k = 0, pure_write = false; k < sizeof pure / sizeof pure[0];
		    k++)
			if (strncmp(in.text, pure[k], strlen(pure[k])) == 0)
				pure_write = true;
		/* imul $N, SRC, DST */
		if (strncmp(in.text, "imul ", 5) == 0 && (p = strstr(ops,
		    ", ")) != NULL && strstr(p + 2, ", ") != NULL)
			pure_write = true;
		/* xor %eax, %eax: a zero, nothing read (sbb: the carry).  */
		if ((strncmp(in.text, "xor ", 4) == 0 ||
		    strncmp(in.text, "sub ", 4) == 0 ||
		    strncmp(in.text, "sbb ", 4) == 0) && last != ops &&
		    last[0] == '%' && src == dst && strncmp(ops, last,
		    strlen(last)) == 0) {
			written |= dst;
			continue;
		}
		if (last != ops && last[0] == '%' && pure_write) {
			got |= src & ~written;
			written |= dst;
			continue;
		}
		/* One operand, only written: pop, setcc, fnstsw.  */
		if (last == ops && last[0] == '%' && pure_write) {
			written |= dst;
			continue;
		}
		/* mul, div and their signed forms of one operand: edx:eax
		   read (eax, or both to divide) and written.  */
		if (last == ops && (strncmp(in.text, "mul", 3) == 0 ||
		    strncmp(in.text, "imul", 4) == 0 || strncmp(in.text,
		    "div", 3) == 0 || strncmp(in.text, "idiv", 4) == 0)) {
			got |= (dst | FS_ABI_EAX | (strstr(in.text, "div") !=
			    NULL ? FS_ABI_EDX : 0)) & ~written;
			written |= FS_ABI_EAX | FS_ABI_EDX;
			continue;
		}
		/* Everything else reads what it names (the destination of an
		   add, a push's operand, a memory operand's registers).  */
		got |= (src | dst) & ~written;
		if (strncmp(in.text, "cltd", 4) == 0 ||
		    strncmp(in.text, "cdq", 3) == 0) {
			got |= FS_ABI_EAX & ~written;
			written |= FS_ABI_EDX;
		}
	}
	return got;
}
