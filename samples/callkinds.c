/* Calls of every kind a frame is made for: through a function pointer,
   a struct passed and returned by value (in xmm registers, and in memory
   on the stack), recursion (partly inlined into itself at -O2, where
   gdb finds no entry values: the call sites name an abstract
   instance), nine arguments (three on the stack), and a char buffer
   filled by memset.  */
#include <stdio.h>
#include <string.h>

struct vec3 {
	double x, y, z;
};

struct big {
	long a[6];
	char name[12];
};

typedef int (*op_t)(int, int);

static int add(int a, int b);
static int mul(int a, int b);
static int apply(op_t f, int a, int b);
static struct vec3 scale(struct vec3 v, double k);
static long sum_big(struct big b);
static int fib(int n);
static void fill(char *buf, size_t n, char c);
static int many(int a, int b, int c, int d, int e, int f, int g, int h,
    int i);

static int add(int a, int b)
{
	return a + b;
}

static int mul(int a, int b)
{
	return a * b;
}

static int apply(op_t f, int a, int b)
{
	int r = f(a, b);

	return r;
}

static struct vec3 scale(struct vec3 v, double k)
{
	struct vec3 r = { v.x * k, v.y * k, v.z * k };

	return r;
}

static long sum_big(struct big b)
{
	long s = 0;
	int i;

	for (i = 0; i < 6; i++)
		s += b.a[i];
	return s + (long)strlen(b.name);
}

static int fib(int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

static void fill(char *buf, size_t n, char c)
{
	memset(buf, c, n - 1);
	buf[n - 1] = '\0';
}

static int many(int a, int b, int c, int d, int e, int f, int g, int h,
    int i)
{
	return a + b + c + d + e + f + g + h + i;
}

int main(int argc, char **argv)
{
	struct vec3 v = { 1.5, -2.0, 3.25 };
	struct big b = { { 1, 2, 3, 4, 5, 6 }, "hello" };
	char buf[16];
	int x = apply(add, 3, 4);
	int y = apply(mul, x, 2);
	struct vec3 w = scale(v, 2.0);
	long s = sum_big(b);
	int f, m;

	fill(buf, sizeof buf, 'z');
	f = fib(6);
	m = many(1, 2, 3, 4, 5, 6, 7, 8, 9);
	printf("%d %d %g %ld %s %d %d %d %s\n", x, y, w.z, s, buf, f, m, argc,
	    argv[0] != NULL ? "" : "?");
	return 0;
}
