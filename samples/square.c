/* The shared library that dlopen.c loads. */
static int times(int a, int b)
{
	return a * b;
}

int square(int x)
{
	return times(x, x);
}
