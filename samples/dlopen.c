/* Loads libsquare.so with dlopen after main starts, and calls into it:
   a breakpoint in a library that is not loaded at the first stop. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "./libsquare.so";
	void *h = dlopen(path, RTLD_NOW);
	int (*square)(int);

	if (h == NULL) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	square = (int (*)(int))dlsym(h, "square");
	printf("%d\n", square(7));
	dlclose(h);
	return 0;
}
