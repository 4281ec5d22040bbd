/* What recording and going back are tried on: a global three functions
   write in turn (who wrote it last?), a read(2) of the program's own
   first bytes into a stack buffer (the bytes before it come back going
   back), and, given a number N, N rounds of a loop that adds one and
   tells the total every 50 ms (a process to attach to), with write(2)
   alone, so that nothing on its path needs what cannot be recorded;
   with a second argument, a memfd_create(2) first, which cannot. */
#define _GNU_SOURCE	/* memfd_create */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

long total;

void set_total(long v)
{
	total = v;
}

void add_total(long v)
{
	total += v;
}

static void triple(long *p)
{
	*p = *p * 3;
}

/* The first 16 bytes of the file at PATH, "\177ELF..." for a program,
   read into a buffer filled with "abcd..." first.  */
int head(const char *path)
{
	char buf[16];
	int fd, n, i;

	for (i = 0; i < (int)sizeof buf; i++)
		buf[i] = (char)('a' + i);
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	n = (int)read(fd, buf, sizeof buf);
	close(fd);
	return n == (int)sizeof buf && buf[1] == 'E' ? 0 : 1;
}

static void tell(long v)
{
	char s[24];
	int i = (int)sizeof s;

	s[--i] = '\n';
	do
		s[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0 && i > 0);
	if (write(1, s + i, sizeof s - (size_t)i) < 0)
		exit(3);
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 0, i;
	struct timespec ts = { 0, 50 * 1000000L };

	set_total(2);
	add_total(5);
	triple(&total);
	if (head(argv[0]) != 0)
		return 2;
	tell(total);
	if (argc > 2 && memfd_create("timetravel", 0) < 0)
		return 4;
	for (i = 0; i < rounds; i++) {
		add_total(1);
		tell(total);
		nanosleep(&ts, NULL);
	}
	return 0;
}
