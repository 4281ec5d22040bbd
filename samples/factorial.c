/* Recursive factorial; with an argument N it recurses N deep
   (factorial(N) modulo 2^64), for deep-stack tests. */
#include <stdio.h>
#include <stdlib.h>

unsigned long factorial(unsigned long n)
{
	if (n <= 1)
		return 1;
	return n * factorial(n - 1);
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 5;
	unsigned long r = factorial(n);
	printf("factorial(%lu) = %lu\n", n, r);
	return 0;
}
