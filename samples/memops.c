/* Stores of every kind, for checking what a debugger says an instruction
   writes against what a single step changes: rep string instructions
   forwards and backwards, pushes and enter, cmpxchg16b, a thread-local
   store, the x87, SSE and XSAVE state stores, AVX and AVX-512 stores,
   masked and not, and a scatter; each only where the CPU has it.  Then
   the C library's own (memset, memcpy, snprintf), whichever this CPU
   runs.  */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char src[4096] __attribute__((aligned(64)));
static unsigned char dst[8192] __attribute__((aligned(64)));
static __thread long tls_word;

static void strings(void)
{
	void *d = dst, *s = src;
	long n = 300;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	d = dst + 1024;
	n = 40;
	__asm__ volatile("rep stosq" : "+D"(d), "+c"(n) :
	    "a"(0x1111111111111111L) : "memory");
	/* Backwards: from the last element down.  */
	d = dst + 2048 + 8 * 39;
	s = src + 8 * 39;
	n = 40;
	__asm__ volatile("std; rep movsq; cld" : "+D"(d), "+S"(s), "+c"(n) :
	    : "memory", "cc");
	d = dst + 3007;
	n = 9;
	__asm__ volatile("std; rep stosb; cld" : "+D"(d), "+c"(n) : "a"(0x22) :
	    "memory", "cc");
	n = 0;
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

static void stack_ops(void)
{
	/* Out of the red zone first: the pushes would land in it.  */
	__asm__ volatile(
	    "sub $256, %%rsp\n\t"
	    "push %%rax\n\t"
	    "pushfq\n\t"
	    "pushq $-1\n\t"
	    "pushw $7\n\t"
	    "add $26, %%rsp\n\t"
	    "enter $32, $0\n\t"
	    "leave\n\t"
	    "enter $16, $3\n\t"
	    "leave\n\t"
	    "add $256, %%rsp"
	    : : "a"(0x4242424242424242L) : "memory", "cc");
}

static void atomics(void)
{
	unsigned long lo = 0, hi = 0;
	unsigned a, b, c, d;

	if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_CMPXCHG16B))
		__asm__ volatile("lock cmpxchg16b %2" : "+a"(lo), "+d"(hi),
		    "+m"(*(unsigned __int128 *)(dst + 4096)) :
		    "b"(0x5151515151515151L), "c"(0x6161616161616161L) : "cc");
	tls_word = 0x7171;
}

static void fpu_state(void)
{
	static unsigned char area[8192] __attribute__((aligned(64)));
	static unsigned char env[108];
	unsigned a, b, c, d, mxcsr;
	unsigned short cw;

	__asm__ volatile("fxsave %0" : "=m"(*(unsigned char (*)[512])area));
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	__asm__ volatile("fnsave %0; frstor %0" : "+m"(env));
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return;
	memset(area, 0, sizeof area);
	__asm__ volatile("xsave %0" : "+m"(*(unsigned char (*)[8192])area) :
	    "a"(-1), "d"(-1));
	if (!__get_cpuid_count(0xd, 1, &a, &b, &c, &d))
		a = 0;
	if (a & 1)
		__asm__ volatile("xsaveopt %0" :
		    "+m"(*(unsigned char (*)[8192])area) : "a"(-1), "d"(-1));
	if (a & 2) {
		memset(area, 0, sizeof area);
		__asm__ volatile("xsavec %0" :
		    "+m"(*(unsigned char (*)[8192])area) : "a"(-1), "d"(-1));
	}
	__asm__ volatile("xrstor %0" : : "m"(*(unsigned char (*)[8192])area),
	    "a"(-1), "d"(-1));
}

/* AVX: an unaligned store and a masked one (vmaskmovps).  */
__attribute__((target("avx"))) static void avx(unsigned char *p)
{
	__asm__ volatile("vmovdqu (%1), %%ymm0\n\t"
	    "vmovdqu %%ymm0, 3(%0)\n\t"
	    "vpcmpeqd %%ymm1, %%ymm1, %%ymm1\n\t"
	    "vpsrldq $8, %%ymm1, %%ymm1\n\t"
	    "vmaskmovps %%ymm0, %%ymm1, 64(%0)\n\t"
	    "vzeroupper"
	    : : "r"(p), "r"(src) : "memory", "xmm0", "xmm1");
}

/* AVX-512: a plain store, masked ones, a compressing one, a scatter.  */
__attribute__((target("avx512f"))) static void avx512(unsigned char *p)
{
	__asm__ volatile("vmovdqu64 (%1), %%zmm16\n\t"
	    "vmovdqu64 %%zmm16, 128(%0)\n\t"
	    "movl $0x5a5a, %%eax\n\t"
	    "kmovw %%eax, %%k1\n\t"
	    "vmovdqu32 %%zmm16, 256(%0)%{%%k1%}\n\t"
	    "vpcompressd %%zmm16, 384(%0)%{%%k1%}\n\t"
	    "vpternlogd $0xff, %%zmm17, %%zmm17, %%zmm17\n\t"
	    "vpsrld $28, %%zmm17, %%zmm17\n\t"
	    "kxnorw %%k2, %%k2, %%k2\n\t"
	    "vpscatterdd %%zmm16, 512(%0,%%zmm17,4)%{%%k2%}"
	    : : "r"(p), "r"(src) : "memory", "eax", "k1", "k2", "xmm16",
	    "xmm17");
}

static void vectors(void)
{
	if (__builtin_cpu_supports("avx"))
		avx(dst + 5120);
	if (__builtin_cpu_supports("avx512f"))
		avx512(dst + 5120);
}

int main(void)
{
	char buf[256];
	size_t i;

	for (i = 0; i < 512; i++)
		src[i] = (unsigned char)(i * 7 + 1);
	strings();
	stack_ops();
	atomics();
	fpu_state();
	vectors();
	memset(dst + 6000, 0x33, 1000);
	memcpy(dst + 7000, src, 1000);
	snprintf(buf, sizeof buf, "%s %d %f", "memops", (int)strlen(
	    (char *)src), 1.5);
	return buf[0] == 'm' && tls_word == 0x7171 ? 0 : 1;
}
