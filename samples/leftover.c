/* What a returned frame leaves behind: callee keeps its six arguments in
   its frame, returns, and garbage, called next from the same place, finds
   them in its own uninitialised local (the garbage the seed on VS2019's
   Add warns of).  Built with -ftrivial-auto-var-init=pattern
   (leftover-pattern-O0), gcc fills x with 0xfe bytes before garbage
   reads it. */
__attribute__((noinline)) long
callee(long arg1, long arg2, long arg3, long arg4, long arg5, long arg6)
{
    return arg1 + arg2 + arg3 + arg4 + arg5 + arg6;
}

__attribute__((noinline)) long
garbage(void)
{
    long x;   /* never set: it holds whatever was there */

    __asm__ volatile("" : "+m"(x));
    return x;
}

int main(void)
{
    long s = callee(1, 2, 3, 4, 5, 6);

    return (int)(s + garbage()) & 0x7f;
}
