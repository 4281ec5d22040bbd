/* The classic buffer overflow: strcpy copies a string of 32 characters
   into an 8-byte buffer.  Built without the stack protector (overflow-O0)
   the copy runs over vuln's saved rbp and return address, and its ret
   jumps to 0x4343434343434343: SIGSEGV at the ret.  Built with
   -fstack-protector-all (overflow-sp-O0) the canary sits between buf and
   the saved rbp: the check before the ret sees it changed, and
   __stack_chk_fail aborts the program.  `guard` stops at the store. */
#include <stdio.h>
#include <string.h>

void vuln(const char *s)
{
    char buf[8];
    strcpy(buf, s);
    printf("%.8s...\n", buf);
}

int main(int argc, char **argv)
{
    vuln(argc > 1 ? argv[1] : "AAAAAAAABBBBBBBBCCCCCCCCDDDDDDDD");
    return 0;
}
