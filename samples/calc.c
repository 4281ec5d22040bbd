/* The Rust article's functions written in C: add, calc with locals a, b, c,
   and the compute -> multiply chain. */
#include <stdio.h>

int add(int a, int b)
{
	return a + b;
}

int calc(void)
{
	int a = 5;
	int b = 10;
	int c = a + b;
	return c;
}

int multiply(int x, int y)
{
	return x * y;
}

int compute(int x)
{
	int doubled = multiply(x, 2);
	return doubled + 1;
}

int main(void)
{
	int x = add(10, 20);
	int y = calc();
	int z = compute(x);
	printf("%d %d %d\n", x, y, z);
	return 0;
}
