/* Floating point in registers.  Float, double and long double arguments
   and locals, which live in xmm registers (and pieces of them) at -O1
   and -O2, where gdb also shows the values they had at entry from the
   callers' call sites (`x=x@entry=1.5'), and pointers the optimizer made
   synthetic.  And a moment, regs_here(),
   when every x87, SSE, AVX and AVX-512 register the machine has, and
   the general ones, hold values set here, so that `info registers
   float', `sse', `vector', `all' and `print $xmm0' can be compared with
   gdb's on any processor: fill_regs() loads what the processor has
   (LEVEL 0: SSE, 1: AVX, 2: AVX-512).  */
#include <stdio.h>

struct pt {
	float x, y;
};

__attribute__((noinline)) double scale(double x, float f, int n, double b)
{
	double r = x * f + n;

	__asm__ volatile("" ::: "memory");
	return r * b;
}

__attribute__((noinline)) float mix(float a, float b, long double ld)
{
	return a * b + (float)ld;
}

__attribute__((noinline)) double poly(double x, double c0, double c1,
    double c2, double c3, float w)
{
	double y = ((c3 * x + c2) * x + c1) * x + c0;

	__asm__ volatile("" ::: "memory");
	return y * w;
}

__attribute__((noinline)) float norm2(struct pt p)
{
	float s = p.x * p.x + p.y * p.y;

	__asm__ volatile("" ::: "memory");
	return s;
}

__attribute__((noinline)) long double lsum(long double a, long double b)
{
	long double s = a + b;

	__asm__ volatile("" ::: "memory");
	return s * 2;
}

__attribute__((noinline)) double avg(const double *v, int n)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += v[i];
	return n > 0 ? s / n : 0;
}

/* Pointers the optimizer did away with: at -O2 the inlined calls'
   parameters point to objects that have no address, which gdb shows as
   <synthetic pointer> and follows (DW_OP_implicit_pointer).  */
__attribute__((noinline)) int sink(int v)
{
	__asm__ volatile("" ::: "memory");
	return v;
}

static inline int deref_inl(const int *p)
{
	int r = sink(*p);

	return r + *p;
}

static inline float sum_inl(const struct pt *q)
{
	int r = sink((int)q->x);

	return (float)r + q->y;
}

__attribute__((noinline)) float reshaped(int v)
{
	int a = v * 3;
	struct pt pp = { (float)v, v + 0.5f };
	float r = (float)deref_inl(&a);

	r += sum_inl(&pp);
	return r;
}

/* What the registers are set to: 16 bytes for each of xmm0-15, 16 more
   for the upper half of each ymm, 32 for the upper half of each of
   zmm0-15, 64 for each of zmm16-31.  */
static unsigned char regvals[16 * 16 + 16 * 16 + 16 * 32 + 16 * 64];
__attribute__((used)) static const float x87vals[2] = { 2.5f, -0.375f };
__attribute__((used)) static const unsigned mxcsr_val = 0x1fa0;

void fill_regs(const unsigned char *vals, int level);
void regs_here(void);

#ifdef __GCC_HAVE_DWARF2_CFI_ASM
#define CFI(x) x "\n"
#else
#define CFI(x)
#endif

/* In a section of their own: not inside the range of floats.c's line
   table, which would give them a line.  */
__asm__(
"	.pushsection .text.regs, \"ax\", @progbits\n"
"	.globl	regs_here\n"
"	.type	regs_here, @function\n"
"regs_here:\n"
CFI("	.cfi_startproc")
"	nop\n"
"	ret\n"
CFI("	.cfi_endproc")
"	.size	regs_here, .-regs_here\n"
"	.globl	fill_regs\n"
"	.type	fill_regs, @function\n"
"fill_regs:\n"
CFI("	.cfi_startproc")
"	push	%rbx\n"
CFI("	.cfi_def_cfa_offset 16")
CFI("	.cfi_offset rbx, -16")
"	push	%r12\n"
CFI("	.cfi_def_cfa_offset 24")
CFI("	.cfi_offset r12, -24")
"	movdqu	0(%rdi), %xmm0\n"
"	movdqu	16(%rdi), %xmm1\n"
"	movdqu	32(%rdi), %xmm2\n"
"	movdqu	48(%rdi), %xmm3\n"
"	movdqu	64(%rdi), %xmm4\n"
"	movdqu	80(%rdi), %xmm5\n"
"	movdqu	96(%rdi), %xmm6\n"
"	movdqu	112(%rdi), %xmm7\n"
"	movdqu	128(%rdi), %xmm8\n"
"	movdqu	144(%rdi), %xmm9\n"
"	movdqu	160(%rdi), %xmm10\n"
"	movdqu	176(%rdi), %xmm11\n"
"	movdqu	192(%rdi), %xmm12\n"
"	movdqu	208(%rdi), %xmm13\n"
"	movdqu	224(%rdi), %xmm14\n"
"	movdqu	240(%rdi), %xmm15\n"
"	cmp	$1, %esi\n"
"	jl	1f\n"
"	vinsertf128	$1, 256(%rdi), %ymm0, %ymm0\n"
"	vinsertf128	$1, 272(%rdi), %ymm1, %ymm1\n"
"	vinsertf128	$1, 288(%rdi), %ymm2, %ymm2\n"
"	vinsertf128	$1, 304(%rdi), %ymm3, %ymm3\n"
"	vinsertf128	$1, 320(%rdi), %ymm4, %ymm4\n"
"	vinsertf128	$1, 336(%rdi), %ymm5, %ymm5\n"
"	vinsertf128	$1, 352(%rdi), %ymm6, %ymm6\n"
"	vinsertf128	$1, 368(%rdi), %ymm7, %ymm7\n"
"	vinsertf128	$1, 384(%rdi), %ymm8, %ymm8\n"
"	vinsertf128	$1, 400(%rdi), %ymm9, %ymm9\n"
"	vinsertf128	$1, 416(%rdi), %ymm10, %ymm10\n"
"	vinsertf128	$1, 432(%rdi), %ymm11, %ymm11\n"
"	vinsertf128	$1, 448(%rdi), %ymm12, %ymm12\n"
"	vinsertf128	$1, 464(%rdi), %ymm13, %ymm13\n"
"	vinsertf128	$1, 480(%rdi), %ymm14, %ymm14\n"
"	vinsertf128	$1, 496(%rdi), %ymm15, %ymm15\n"
"	cmp	$2, %esi\n"
"	jl	1f\n"
"	vinsertf64x4	$1, 512(%rdi), %zmm0, %zmm0\n"
"	vinsertf64x4	$1, 544(%rdi), %zmm1, %zmm1\n"
"	vinsertf64x4	$1, 576(%rdi), %zmm2, %zmm2\n"
"	vinsertf64x4	$1, 608(%rdi), %zmm3, %zmm3\n"
"	vinsertf64x4	$1, 640(%rdi), %zmm4, %zmm4\n"
"	vinsertf64x4	$1, 672(%rdi), %zmm5, %zmm5\n"
"	vinsertf64x4	$1, 704(%rdi), %zmm6, %zmm6\n"
"	vinsertf64x4	$1, 736(%rdi), %zmm7, %zmm7\n"
"	vinsertf64x4	$1, 768(%rdi), %zmm8, %zmm8\n"
"	vinsertf64x4	$1, 800(%rdi), %zmm9, %zmm9\n"
"	vinsertf64x4	$1, 832(%rdi), %zmm10, %zmm10\n"
"	vinsertf64x4	$1, 864(%rdi), %zmm11, %zmm11\n"
"	vinsertf64x4	$1, 896(%rdi), %zmm12, %zmm12\n"
"	vinsertf64x4	$1, 928(%rdi), %zmm13, %zmm13\n"
"	vinsertf64x4	$1, 960(%rdi), %zmm14, %zmm14\n"
"	vinsertf64x4	$1, 992(%rdi), %zmm15, %zmm15\n"
"	vmovdqu64	1024(%rdi), %zmm16\n"
"	vmovdqu64	1088(%rdi), %zmm17\n"
"	vmovdqu64	1152(%rdi), %zmm18\n"
"	vmovdqu64	1216(%rdi), %zmm19\n"
"	vmovdqu64	1280(%rdi), %zmm20\n"
"	vmovdqu64	1344(%rdi), %zmm21\n"
"	vmovdqu64	1408(%rdi), %zmm22\n"
"	vmovdqu64	1472(%rdi), %zmm23\n"
"	vmovdqu64	1536(%rdi), %zmm24\n"
"	vmovdqu64	1600(%rdi), %zmm25\n"
"	vmovdqu64	1664(%rdi), %zmm26\n"
"	vmovdqu64	1728(%rdi), %zmm27\n"
"	vmovdqu64	1792(%rdi), %zmm28\n"
"	vmovdqu64	1856(%rdi), %zmm29\n"
"	vmovdqu64	1920(%rdi), %zmm30\n"
"	vmovdqu64	1984(%rdi), %zmm31\n"
"	mov	$0x5a5a, %eax\n"
"	kmovw	%eax, %k1\n"
"	mov	$0x0f0f, %eax\n"
"	kmovw	%eax, %k2\n"
"	kxorw	%k0, %k0, %k0\n"
"	kxorw	%k3, %k3, %k3\n"
"	kxorw	%k4, %k4, %k4\n"
"	kxorw	%k5, %k5, %k5\n"
"	kxorw	%k6, %k6, %k6\n"
"	mov	$0x8001, %eax\n"
"	kmovw	%eax, %k7\n"
"1:\n"
"	fninit\n"
"	fld1\n"
"	fldpi\n"
"	fldz\n"
"	flds	x87vals(%rip)\n"
"	flds	x87vals+4(%rip)\n"
"	ldmxcsr	mxcsr_val(%rip)\n"
"	mov	$0x1111111111111111, %rbx\n"
"	mov	$0x2222222222222222, %rcx\n"
"	mov	$-3, %rdx\n"
"	mov	$0x4444444444444444, %rsi\n"
"	mov	$0x5555, %r8\n"
"	mov	$-6, %r9\n"
"	mov	$0x7777777777777777, %r10\n"
"	mov	$0x8888, %r11\n"
"	mov	$0x9999999999999999, %r12\n"
"	lea	fill_regs(%rip), %rdi\n"
"	xor	%eax, %eax\n"
"	call	regs_here\n"
"	fninit\n"
"	pop	%r12\n"
CFI("	.cfi_def_cfa_offset 16")
"	pop	%rbx\n"
CFI("	.cfi_def_cfa_offset 8")
"	ret\n"
CFI("	.cfi_endproc")
"	.size	fill_regs, .-fill_regs\n"
"	.popsection\n"
);

static void
set_regvals(void)
{
	float f[4];
	double d[2];
	unsigned i, k;

	/* xmm: four floats or two doubles each; the halves above them:
	   small integers by bytes.  */
	for (i = 0; i < 16; i++) {
		unsigned char *p = regvals + 16 * i;

		if (i % 2 == 0) {
			for (k = 0; k < 4; k++)
				f[k] = (float)i + 0.25f * (float)k -
				    (k == 3 ? 100.0f : 0.0f);
			__builtin_memcpy(p, f, 16);
		} else {
			d[0] = 1.0 / (i + 1);
			d[1] = -1e10 * i;
			__builtin_memcpy(p, d, 16);
		}
	}
	for (i = 256; i < sizeof regvals; i++)
		regvals[i] = (unsigned char)(i * 7 % 251);
}

int
main(void)
{
	static const double v[4] = { 1.5, 2.5, -4.0, 8.25 };
	struct pt p = { 3.0f, 4.0f };
	double t = 0;
	int i, level = 0;

	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx"))
		level = 1;
	if (__builtin_cpu_supports("avx512f"))
		level = 2;
	set_regvals();
	fill_regs(regvals, level);
	for (i = 0; i < 2; i++) {
		t += scale(1.5 + i, 2.5f, i, 2.5);
		t += mix(0.25f, 3.0f, 1.25L);
		t += poly(0.5, 1, 2, 3, 4 + i, 0.5f);
		t += norm2(p);
		t += (double)lsum(1.5L, i);
		t += avg(v, 4);
		t += reshaped(4 + i);
	}
	printf("%g\n", t);
	return 0;
}
