/* An off-by-one loop: fill's loop runs i from 0 to len inclusive, so
   with len = 8 it writes arr[8], one element past the end of arr.  At
   -O0 gcc puts n right above arr: the store lands on n, and fill returns
   80 where 8 was meant.  Nothing crashes; `guard` stops at the store. */
#include <stdio.h>

__attribute__((noinline)) long
fill(int len)
{
    long n = len;
    int arr[8];

    for (int i = 0; i <= len; i++)   /* <=: one element too many */
        arr[i] = i * 10;
    return arr[0] + n;
}

int main(void)
{
    printf("%ld\n", fill(8));
    return 0;
}
