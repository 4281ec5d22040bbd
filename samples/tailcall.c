/* Tail calls: at -O2 gcc compiles `return f(...);' as a jump, and the
   caller's frame is gone by the time f runs.  gdb shows it again, as a
   "tail call frame", from the DWARF call sites: multiply under compute,
   and c under b under a.  */
#include <stdio.h>

#define KEEP __attribute__((noinline, noclone))

KEEP int multiply(int a, int b);
KEEP int compute(int x);
KEEP int a(int v);
KEEP int b(int v);
KEEP int c(int v);

volatile int sink;

int multiply(int a, int b)
{
	sink = a;
	return a * b;
}

int compute(int x)
{
	sink = x;
	return multiply(x, 2);
}

/* Two tail calls in a row: a jumps to b, b to c.  */
int c(int v)
{
	sink = v;
	return v + 1;
}

int b(int v)
{
	sink = v;
	return c(v * 2);
}

int a(int v)
{
	sink = v;
	return b(v + 3);
}

int main(void)
{
	int r = compute(3);

	r += a(4);
	printf("%d\n", r);
	return 0;
}
