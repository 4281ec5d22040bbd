/* read(2) into a stack buffer smaller than the count it is given: get
   asks for 64 bytes into a 16-byte buffer, and the 48 bytes waiting in
   the pipe run over n, its saved rbp and its return address.  The
   kernel does the writing: no instruction of the program stores there.
   Built without the stack protector, the ret jumps to
   0x5252525252525252: SIGSEGV at the ret. */
#include <string.h>
#include <unistd.h>

static volatile size_t want = 64;   /* volatile: gcc would warn */

__attribute__((noinline)) static long
get(int fd)
{
    char buf[16];
    ssize_t n = read(fd, buf, want);   /* 64 > sizeof buf */

    return n > 0 ? buf[0] : -1;
}

int main(void)
{
    char msg[48];
    int p[2];

    memset(msg, 'R', sizeof msg);
    if (pipe(p) != 0 || write(p[1], msg, sizeof msg) != sizeof msg)
        return 2;
    close(p[1]);
    return get(p[0]) == 'R' ? 0 : 1;
}
