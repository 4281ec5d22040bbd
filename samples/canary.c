/* Stack-protector canaries and callee-saved registers.  Built with
   -fstack-protector-all, so `greet`, with its char array, has a canary
   between its locals and its saved rbp; at -O2 `keep` holds values across
   its calls in callee-saved registers (rbx, rbp, r12), which it saves. */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) long
leaf(long x)
{
    __asm__ volatile("" ::: "memory");
    return x * 3 + 1;
}

__attribute__((noinline)) long
keep(long a, long b)
{
    long x = leaf(a);
    long y = leaf(b);
    return x + y + a * b + leaf(x * y);
}

__attribute__((noinline)) int
greet(const char *who)
{
    char buf[16];
    snprintf(buf, sizeof buf, "hi %s", who);
    return (int)strlen(buf) + (int)keep((long)strlen(buf), 2);
}

int main(int argc, char **argv) {
    return greet(argc > 1 ? argv[1] : "you") > 0 ? 0 : 1;
}
