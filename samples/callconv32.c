/* The i386 calling conventions, side by side: cdecl (every argument
   pushed right to left, the caller pops), stdcall (the callee pops them
   with ret N), fastcall (the first two in ecx and edx), regparm(3) (the
   first three in eax, edx and ecx), and a struct returned through the
   hidden pointer the caller passes first.  Built with gcc -m32.  */
#include <stdio.h>

struct pair { int a, b; };

int cdecl_sum(int a, int b, int c)
{
	int r = a + b + c;
	return r;
}

__attribute__((stdcall)) int stdcall_sum(int a, int b, int c)
{
	int r = a + b + c;
	return r;
}

__attribute__((fastcall)) int fastcall_sum(int a, int b, int c)
{
	int r = a + b + c;
	return r;
}

__attribute__((regparm(3))) int regparm_sum(int a, int b, int c, int d)
{
	int r = a + b + c + d;
	return r;
}

struct pair make_pair(int a, int b)
{
	struct pair p = { a, b };
	return p;
}

int main(void)
{
	int total = 0;
	struct pair p;

	total += cdecl_sum(1, 2, 3);
	total += stdcall_sum(4, 5, 6);
	total += fastcall_sum(7, 8, 9);
	total += regparm_sum(10, 11, 12, 13);
	p = make_pair(14, 15);
	total += p.a + p.b;
	printf("%d\n", total);
	return 0;
}
