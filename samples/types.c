/* Every kind of type the frame anatomy shows, with values that are the
   same on every run: stop in sink() called from inspect() (or at the line
   marked "all set") and look at inspect's locals.  At -O2, twice() is
   inlined at its two calls and scale() becomes a clone, scale.constprop.0.
   vla_sum() has a variable-length array of N ints. */
#include <stdio.h>

enum color { RED, GREEN = 5, BLUE = -3 };
enum big { SMALL = 1, HUGE = 4000000000u };
typedef unsigned int uint_t;

struct point { int x; int y; };
struct rect { struct point origin; struct point size; const char *label; };
union num { int i; float f; unsigned char b[4]; };
struct flags {
	unsigned int ready : 1;
	unsigned int mode : 3;
	int level : 5;
	unsigned char tag;
#ifdef __i386__
	unsigned long long wide : 40;	/* gcc -m32: long is 32 bits */
#else
	unsigned long wide : 40;
#endif
	short after;
};
struct node { int value; struct node *next; };
typedef int (*binop)(int, int);
typedef int (*printer)(const char *, ...);

int counter = 42;
static long hidden = -7;

static inline int twice(int v)
{
	int t = v * 2;

	return t + counter;
}

static int add(int a, int b)
{
	return a + b;
}

__attribute__((noinline)) void sink(const volatile void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

__attribute__((noinline)) static int scale(int v, int k)
{
	sink(&v);
	return v * k + counter;
}

__attribute__((noinline)) int vla_sum(int n)
{
	int grid[n];
	int i, s = 0;

	for (i = 0; i < n; i++)
		grid[i] = i * i;
	sink(grid);
	for (i = 0; i < n; i++)
		s += grid[i];
	return s;
}

__attribute__((noinline)) int inspect(struct rect *r, int n)
{
	struct node tail = { 2, NULL };
	struct node head = { 1, &tail };
	union num u = { .i = 0x41424344 };
	struct flags fl = { 1, 5, -3, 'T', 0x123456789aUL, 77 };
	enum color c = BLUE;
	enum big b = HUGE;
	uint_t uval = 3000000000u;
	const int ci = -12;
	volatile short vs = 300;
	int matrix[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
	char name[8] = "frame";
	binop op = add;
	printer pr = printf;
	double d = 2.5;
	int result;

	sink(&head); /* all set */
	sink(&u);
	sink(&fl);
	sink(&c);
	sink(&b);
	sink(&uval);
	sink(&ci);
	sink(matrix);
	sink(name);
	sink(&d);
	sink(&pr);
	result = op(r->size.x, n) + matrix[1][2] + ci + vs;
	{
		int inner = result * 2;

		sink(&inner);
		{
			long deepest = inner + hidden;

			sink(&deepest);
			result += (int)deepest;
		}
	}
	return result + twice(n) + twice(result);
}

int main(void)
{
	struct rect r = { { 1, 2 }, { 30, 40 }, "box" };
	int total;

	total = inspect(&r, 4);
	total += vla_sum(4);
	total += scale(total, 3) + scale(counter, 3);
	printf("%d\n", total);
	return 0;
}
