/* Functions to call from the debugger (`print add(1, 2)'): integer,
   floating-point and pointer arguments, structures passed and returned
   in registers and in memory, more arguments than registers, a function
   that stops at a breakpoint, one that crashes, one that exits, one that
   changes the program's state.  main stops at the line marked "calls
   here" with values to pass.  */
#include <stdlib.h>
#include <string.h>

struct pt {
	int x, y;
};

struct vec3 {
	double x, y, z;
};

struct big {
	long a[5];
	char name[16];
};

struct mixed {
	double d;
	long l;
};

int counter;

int add(int a, int b)
{
	return a + b;
}

double scale(double x, float f, int n)
{
	return x * f + n;
}

long sum8(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a + b + c + d + e + f + g + h;
}

double dsum10(double a, double b, double c, double d, double e, double f,
    double g, double h, double i, double j)
{
	return a + b + c + d + e + f + g + h + i + j;
}

int pt_sum(struct pt p)
{
	return p.x * 10 + p.y;
}

struct pt pt_make(int x, int y)
{
	struct pt p = { x, y };

	return p;
}

struct vec3 v_scale(struct vec3 v, double k)
{
	struct vec3 r = { v.x * k, v.y * k, v.z * k };

	return r;
}

long big_sum(struct big b)
{
	long s = 0;
	int i;

	for (i = 0; i < 5; i++)
		s += b.a[i];
	return s + b.name[0];
}

struct big big_make(long base)
{
	struct big b;
	int i;

	memset(&b, 0, sizeof b);
	for (i = 0; i < 5; i++)
		b.a[i] = base + i;
	strcpy(b.name, "made");
	return b;
}

struct mixed mixed_make(double d, long l)
{
	struct mixed m = { d, l };

	return m;
}

long double ld_half(long double x)
{
	return x / 2;
}

size_t len_of(const char *s)
{
	return strlen(s);
}

int apply(int (*f)(int, int), int a, int b)
{
	return f(a, b);
}

int bump(void)
{
	return ++counter;
}

void reset(void)
{
	counter = 0;
}

int stops_inside(int v)
{
	int w = v * 2;

	return w + 1;
}

int crash(int *p)
{
	return *p;
}

int leave(int code)
{
	exit(code);
}

int main(void)
{
	struct pt p = { 3, 4 };
	struct vec3 v = { 1, 2, 3 };
	struct big b = { { 1, 2, 3, 4, 5 }, "big" };
	const char *word = "hello";
	int r;

	r = add(1, 2) + pt_sum(p);	/* calls here */
	r += (int)v_scale(v, 2).x + (int)big_sum(b) + (int)len_of(word);
	r += bump();
	return r == 158 ? 0 : 1;
}
