/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_seed OUTDIR: the first inputs of every fuzz target, made from the
 * sample programs (their files, their DWARF and unwind sections, a stack
 * of sighandler in its signal handler, recordings of a few of them run)
 * and from the commands, expressions and location expressions the tests
 * use.  `make fuzz-corpus' runs it, then lets libFuzzer keep the inputs
 * that add coverage in test/fuzz/corpus.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <elf.h>

#include "fuzz.h"

static const char *outdir;
static unsigned nwritten;

static void
put_file(const char *target, const char *name, const void *data, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", outdir, target);
	(void)mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/%s/%s", outdir, target, name);
	if ((f = fopen(path, "we")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "fuzz_seed: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	nwritten++;
}

/* The sections of the sample NAME whose FUZZ_SEC_* are in WANT, as an
   input of the section targets.  */
static void
put_sections_of(const char *target, const char *path, const char *name,
    unsigned long want, unsigned flags, const char *suffix)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char out[256];

	if (fuzz_sections_of(path, want, flags, &buf, &len) < 0) {
		fprintf(stderr, "fuzz_seed: %s: cannot read\n", name);
		exit(1);
	}
	snprintf(out, sizeof out, "%s%s", name, suffix);
	put_file(target, out, buf, len);
	free(buf);
}

static void
put_sections(const char *target, const char *name, unsigned long want,
    unsigned flags, const char *suffix)
{
	put_sections_of(target, fuzz_sample(name), name, want, flags, suffix);
}

/* Where the file range at OFF, of LEN bytes, went: the new offset of
   the segment holding it, or -1.  */
struct moved {
	uint64_t	 from, len, to;
};

static int64_t
moved_to(const struct moved *m, size_t n, uint64_t off, uint64_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (off >= m[i].from && off - m[i].from <= m[i].len &&
		    len <= m[i].len - (off - m[i].from))
			return (int64_t)(m[i].to + (off - m[i].from));
	return -1;
}

/* Append IN's bytes [FROM, FROM + LEN) to *OUT, 16-aligned, and note
   where they went in M[*NM].  */
static void
move(struct moved *m, size_t *nm, const uint8_t *in, uint64_t from,
    uint64_t len, uint8_t **out, size_t *outlen)
{
	static const uint8_t zero[16];

	if (fuzz_put(out, outlen, zero, (16 - *outlen % 16) % 16) < 0)
		exit(1);
	m[*nm].from = from;
	m[*nm].len = len;
	m[*nm].to = *outlen;
	++*nm;
	if (fuzz_put(out, outlen, in + from, len) < 0)
		exit(1);
}

/*
 * Seeds of the whole-file target: the samples' files, packed.  A linker
 * starts each loadable segment on a page of its own, and most of a small
 * program's file is the padding between them; the same file with its
 * segments one after the other and then its other sections is a third
 * the size, as readers that never map it see no difference.  Without
 * DEBUG, the DWARF sections are left empty (the dwarf target has it).
 */
static void
put_elf(const char *name, bool debug)
{
	const char *path = fuzz_sample(name);
	struct moved m[64];
	size_t nm = 0, len = 0, i, k, size;
	uint8_t *in, *out = NULL;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	Elf64_Shdr *sh;
	struct stat st;
	int64_t at;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0 || (in = malloc((size_t)st.st_size)) ==
	    NULL || read(fd, in, (size_t)st.st_size) != st.st_size) {
		fprintf(stderr, "fuzz_seed: %s: cannot read\n", path);
		exit(1);
	}
	close(fd);
	size = (size_t)st.st_size;
	memcpy(&eh, in, sizeof eh);
	if (eh.e_phoff + eh.e_phnum * sizeof *ph > size ||
	    eh.e_shoff + eh.e_shnum * sizeof *sh > size) {
		fprintf(stderr, "fuzz_seed: %s: unexpected layout\n", path);
		exit(1);
	}
	ph = (Elf64_Phdr *)(in + eh.e_phoff);
	sh = (Elf64_Shdr *)(in + eh.e_shoff);
	/* The loadable segments, in file order, one after the other.  */
	for (i = 0; i < eh.e_phnum && nm < 64; i++) {
		if (ph[i].p_type == PT_LOAD && moved_to(m, nm, ph[i].p_offset,
		    ph[i].p_filesz) < 0)
			move(m, &nm, in, ph[i].p_offset, ph[i].p_filesz, &out,
			    &len);
	}
	/* The other sections after them.  */
	for (i = 1; i < eh.e_shnum; i++) {
		if (!debug && eh.e_shstrndx < eh.e_shnum && sh[i].sh_name <
		    sh[eh.e_shstrndx].sh_size && strncmp((const char *)in +
		    sh[eh.e_shstrndx].sh_offset + sh[i].sh_name, ".debug_",
		    7) == 0)
			sh[i].sh_size = 0;
		if (sh[i].sh_type != SHT_NOBITS && nm < 64 && moved_to(m, nm,
		    sh[i].sh_offset, sh[i].sh_size) < 0)
			move(m, &nm, in, sh[i].sh_offset, sh[i].sh_size, &out,
			    &len);
	}
	/* The headers, pointing at the new places.  */
	if ((at = moved_to(m, nm, eh.e_phoff, eh.e_phnum * sizeof *ph)) < 0)
		exit(1);
	eh.e_phoff = (uint64_t)at;
	ph = (Elf64_Phdr *)(out + at);
	for (i = 0; i < eh.e_phnum; i++) {
		at = moved_to(m, nm, ph[i].p_offset, ph[i].p_filesz);
		ph[i].p_offset = at >= 0 ? (uint64_t)at : 0;
	}
	if (fuzz_put(&out, &len, "\0\0\0\0\0\0\0", (8 - len % 8) % 8) < 0)
		exit(1);
	k = len;
	if (fuzz_put(&out, &len, sh, eh.e_shnum * sizeof *sh) < 0)
		exit(1);
	eh.e_shoff = k;
	sh = (Elf64_Shdr *)(out + k);
	for (i = 1; i < eh.e_shnum; i++) {
		at = moved_to(m, nm, sh[i].sh_offset, sh[i].sh_type ==
		    SHT_NOBITS ? 0 : sh[i].sh_size);
		sh[i].sh_offset = at >= 0 ? (uint64_t)at : 0;
	}
	memcpy(out, &eh, sizeof eh);
	put_file("elf", name, out, len);
	free(out);
	free(in);
}

static const char *const c_samples[] = { "callee8", "add", "calc",
    "factorial", "tailcall", "types", "values", "callkinds", "sighandler",
    "threads", "canary", "watch", "memops" };

static const char *const commands[] = {
	"break main\ninfo breakpoints\ndelete 1\ninfo breakpoints",
	"break callee8.c:4\ntbreak add\nbreak *0x1139\ncondition 1 a > 1\n"
	    "ignore 1 2\ndisable 1\nenable\ninfo breakpoints",
	"print g_int\nprint/x g_arr\nprint &g_point\nprint g_line.label\n"
	    "print *g_ppoint\nprint g_arr[1]@2\nprint $1 + $$2\noutput",
	"ptype struct point\nwhatis g_node1\nptype g_withfp\n"
	    "ptype binop_t\nwhatis &g_arr2[1]\nptype union num",
	"list main\nlist\nlist -\nlist 1,5\nlist values.c:30\nlist nosuch",
	"info functions\ninfo variables\ninfo types\ninfo scope main\n"
	    "info line main\ninfo address g_int\ninfo symbol 0x4010",
	"disassemble main\ndisassemble/r add\nx/8xb &g_int\nx/2i main\n"
	    "x/s g_str\nset disassembly-flavor intel\nx/3i main",
	"display g_int\ndisplay/x g_uint\ninfo display\nundisplay 1\n"
	    "delete display 2",
	"skip function add\nskip file values.c\ninfo skip\nskip delete 1",
	"handle SIGUSR1 nostop noprint\nhandle SIGALRM stop print\n"
	    "info signals SIGUSR1\nhandle 14 pass",
	"set backtrace past-main on\nset breakpoint pending off\n"
	    "break nosuch\nset breakpoint pending on\nbreak nosuch\n"
	    "set disable-randomization off\nset var g_int = 3",
	"watch g_int\nrwatch g_arr[1]\nawatch g_point.x if g_int > 0\n"
	    "info watchpoints",
	"bt\nframe 1\nup\ndown\ninfo frame\ninfo registers rip\n"
	    "info locals\ninfo args\nframes\nsnapshot -brief\nfinish\n"
	    "step\nnext 3\nstepi\nnexti\ncontinue\nkill\ndetach",
	"help\necho hello\\n\nthread 1\ninfo threads\ninfo sharedlibrary\n"
	    "catch panic\nquit",
};

static const char *const expressions[] = {
	"g_int", "&g_int", "*g_pint", "**g_ppint", "g_arr[1]", "g_arr + 1",
	"g_arr2[1][2]", "g_point.y", "g_line.b.x", "g_ppoint->y",
	"(*g_ppoint).x", "g_node1.next->val", "*g_node1.next", "g_bits.b",
	"g_nested.pts[1].y", "g_str[1]", "*g_str", "g_withfp.op", "add",
	"&add", "1 + 2 * 3", "-5 % 3", "'\\n'", "5000000000", "0xffffffff",
	"g_float * 2", "1.5e3", "g_pint - g_pint", "g_int < 0 && !g_int",
	"~g_int | 3 ^ 1", "(char)65", "(unsigned char)300", "(int *)0",
	"(double)g_int", "sizeof g_point", "sizeof(int)", "g_color",
	"g_flags", "(*g_parr)[2]", "g_arr[0]@2", "g_str[0]@3", "$", "$$2",
	"$1", "$pc", "$sp + 8", "$rax", "$eflags", "g_arr[", "1 +", ")",
	"nosuch", "g_point.z", "*g_null", "1 / 0", "g_int.x",
	"*(int (*)[3])g_arr", "(short[2])g_int", "sizeof(int[2][3])",
	"{int}&g_int", "g_int++ + --g_int", "RED + 1", "g_point == g_point",
};

/* The same in a Rust frame (the eval target's flag 0x80): literals,
   `as', bool, ranges and arrays.  */
static const char *const rust_expressions[] = {
	"0x_ff + 0b101 * 1_000i64", "2.5f32 as u8", "-1 as u32 as char",
	"g_int as bool && !false", "1 & 3 == 1 || g_int < 0", "!7u8",
	"&g_arr[1..3]", "&g_str[..=2]", "g_arr[0..1]", "[g_int, 2][1]",
	"[0u16; 3]", "&[1, 2][..]", "g_int << 2usize", "3000000000 + 1",
};

/* DWARF location expressions as gcc and rustc write them, as the loc
   target reads them: flags, the frame base's length and bytes, the
   expression.  */
static const struct {
	size_t	len;
	uint8_t	b[16];
} loc_exprs[] = {
	{ 5, { 0x01, 1, 0x9c, 0x91, 0x6c } },	/* fbreg -20, cfa base */
	{ 5, { 0x00, 1, 0x56, 0x91, 0x70 } },	/* fbreg -16, rbp base */
	{ 4, { 0, 0, 0x77, 0x08 } },		/* breg7 8 */
	{ 11, { 0, 0, 0x03, 0x10, 0x40 } },	/* addr 0x4010 */
	{ 3, { 0, 0, 0x55 } },			/* reg5 */
	{ 6, { 0x02, 0, 0xa3, 0x01, 0x55, 0x9f } }, /* entry_value(reg5) */
	{ 3, { 0x01, 0, 0x9c } },		/* call_frame_cfa */
	{ 8, { 0, 0, 0x50, 0x93, 0x04, 0x51, 0x93, 0x04 } }, /* pieces */
	{ 8, { 0, 0, 0x9e, 0x04, 1, 2, 3, 4 } },	/* implicit_value */
	{ 6, { 0, 0, 0x31, 0x23, 0x05, 0x9f } },	/* lit1 plus_uconst */
	{ 11, { 0, 0, 0x30, 0x28, 0x02, 0x00, 0x31, 0x2f, 0x01, 0x00,
	    0x32 } },				/* bra, skip */
	{ 7, { 0, 0, 0x71, 0x00, 0x94, 0x04, 0x9f } }, /* deref_size */
	{ 7, { 0x04, 0, 0x75, 0x00, 0xa8, 0x2a, 0x9f } }, /* convert */
	{ 12, { 0x20, 0, 0x0e, 0x10, 0, 0, 0, 0, 0, 0, 0, 0xe0 } }, /* tls */
	{ 5, { 0x08, 0, 0xa1, 0x02, 0x9f } },	/* addrx */
	{ 8, { 0, 0, 0x70, 0x10, 0x9d, 0x03, 0x01, 0x9f } }, /* bit_piece */
};

int
main(int argc, char **argv)
{
	static const char *const elfs[] = { "callee8-O0", "callee8-stripped",
	    "tailcall-O2", "libsquare.so", "threads-O0" };
	const unsigned long dwarf = ((1ul << FUZZ_SEC_TEXT) - 1) |
	    (1ul << FUZZ_SEC_TEXT) | (1ul << FUZZ_SEC_NOTE);
	const unsigned long cfi = (1ul << FUZZ_SEC_EH_FRAME_HDR) |
	    (1ul << FUZZ_SEC_EH_FRAME);
	static const char *const variants[] = { "-O0", "-O2", "-O0-nofp" };
	uint8_t *buf = NULL;
	size_t i, k, len = 0;
	char name[64];

	if (argc != 2) {
		fprintf(stderr, "usage: fuzz_seed OUTDIR\n");
		return 2;
	}
	outdir = argv[1];
	(void)mkdir(outdir, 0777);
	for (i = 0; i < sizeof elfs / sizeof elfs[0]; i++)
		put_elf(elfs[i], i == 0);
	for (i = 0; i < sizeof c_samples / sizeof c_samples[0]; i++)
		for (k = 0; k < 3; k++) {
			snprintf(name, sizeof name, "%s%s", c_samples[i],
			    variants[k]);
			if (access(fuzz_sample(name), R_OK) != 0)
				continue;
			put_sections("dwarf", name, dwarf, 0, "");
			put_sections("cfi", name, cfi, 0, "");
		}
	put_sections("dwarf", "types-O2", dwarf, FUZZ_SEC_COMPRESSED,
	    "-compressed");
	put_sections("dwarf", "callee8-O0", dwarf, FUZZ_SEC_ZDEBUG,
	    "-zdebug");
	put_sections("cfi", "libsquare.so", cfi, 0, "");
	/* Rust's DWARF: the types fs_rust prints, from the crate's own
	   unit, compiled alone (a program's holds the standard library's
	   too, megabytes of it).  */
	put_sections_of("dwarf", FUZZ_DATA_DIR "/values-rs.o",
	    "rust-values-O0", dwarf, 0, "");

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		snprintf(name, sizeof name, "commands-%zu", i);
		len = 0;
		if (fuzz_put(&buf, &len, "", 1) < 0 ||
		    fuzz_put(&buf, &len, commands[i], strlen(commands[i])) < 0)
			return 1;
		buf[0] = (uint8_t)i;
		put_file("cmd", name, buf, len);
	}
	for (i = 0; i < sizeof expressions / sizeof expressions[0]; i++) {
		snprintf(name, sizeof name, "expression-%zu", i);
		len = 0;
		if (fuzz_put(&buf, &len, "", 1) < 0 || fuzz_put(&buf, &len,
		    expressions[i], strlen(expressions[i])) < 0)
			return 1;
		buf[0] = (uint8_t)(i % 8 * 2);
		put_file("eval", name, buf, len);
	}
	for (i = 0; i < sizeof rust_expressions / sizeof rust_expressions[0];
	    i++) {
		snprintf(name, sizeof name, "rust-expression-%zu", i);
		len = 0;
		if (fuzz_put(&buf, &len, "", 1) < 0 || fuzz_put(&buf, &len,
		    rust_expressions[i], strlen(rust_expressions[i])) < 0)
			return 1;
		buf[0] = (uint8_t)(0x80 | (i % 2));
		put_file("eval", name, buf, len);
	}
	for (i = 0; i < sizeof loc_exprs / sizeof loc_exprs[0]; i++) {
		snprintf(name, sizeof name, "expression-%zu", i);
		put_file("loc", name, loc_exprs[i].b, loc_exprs[i].len);
	}

	if (fuzz_dwcache_init() < 0)
		return 1;
	len = 0;
	if (fuzz_dwcache_seed(&buf, &len) < 0)
		return 1;
	put_file("dwcache", "twounits", buf, len);

	if (fuzz_unwind_init() < 0)
		return 1;
	len = 0;
	if (fuzz_unwind_seed(&buf, &len) < 0)
		return 1;
	put_file("unwind", "sighandler-O2", buf, len);
	buf[0] = 2;		/* and compared with libunwind alone */
	put_file("unwind", "sighandler-O2-compare", buf, len);
	buf[0] = 1;		/* libunwind alone */
	put_file("unwind", "sighandler-O2-slow", buf, len);

	if (fuzz_recfile_init() < 0)
		return 1;
	for (i = 0; ; i++) {
		int rc;

		len = 0;
		if ((rc = fuzz_recfile_seed((unsigned)i, outdir, &buf,
		    &len)) < 0) {
			fprintf(stderr, "fuzz_seed: recording %zu failed\n", i);
			return 1;
		}
		if (rc == 2)
			break;
		if (rc == 1)
			continue;
		snprintf(name, sizeof name, "recording-%zu", i);
		put_file("recfile", name, buf, len);
	}
	free(buf);
	printf("fuzz_seed: %u inputs in %s\n", nwritten, outdir);
	return 0;
}
