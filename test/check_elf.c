/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests of fs_elf against the built samples: the expected addresses come
 * from nm(1) and readelf(1) at run time, never from constants, and hostile
 * copies of a sample (truncated, garbage, mutated) must fail cleanly.
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fs_elf.h"

/* The address and size nm reports for NAME in PATH (size 0 when nm has
   none).  False when nm does not list it.  */
static bool
nm_sym(const char *path, const char *name, uint64_t *addr, uint64_t *size)
{
	char cmd[4352], line[8192], f[3][4096];
	FILE *p;
	bool found = false;
	int n;

	snprintf(cmd, sizeof cmd, "nm -S --defined-only '%s' 2>/dev/null",
	    path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (!found && fgets(line, sizeof line, p) != NULL) {
		n = sscanf(line, "%4095s %4095s %4095s", f[0], f[1], f[2]);
		if (n == 3 && strcmp(f[2], name) == 0) {
			/* "addr type name": no size */
			*addr = strtoull(f[0], NULL, 16);
			*size = 0;
			found = true;
		} else if (n == 3 && sscanf(line, "%*s %*s %*s %4095s",
		    f[2]) == 1 && strcmp(f[2], name) == 0) {
			*addr = strtoull(f[0], NULL, 16);
			*size = strtoull(f[1], NULL, 16);
			found = true;
		}
	}
	pclose(p);
	return found;
}

/* The first linkage name nm lists in PATH that starts with PREFIX and
   contains PART, with its address.  */
static bool
nm_find(const char *path, const char *prefix, const char *part, char *name,
    size_t namesz, uint64_t *addr)
{
	char cmd[4352], line[8192], a[64], t[8], nmbuf[4096];
	FILE *p;
	bool found = false;

	snprintf(cmd, sizeof cmd, "nm --defined-only '%s' 2>/dev/null", path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (!found && fgets(line, sizeof line, p) != NULL) {
		if (sscanf(line, "%63s %7s %4095s", a, t, nmbuf) != 3)
			continue;
		if (strncmp(nmbuf, prefix, strlen(prefix)) == 0 &&
		    strstr(nmbuf, part) != NULL) {
			snprintf(name, namesz, "%s", nmbuf);
			*addr = strtoull(a, NULL, 16);
			found = true;
		}
	}
	pclose(p);
	return found;
}

/* Address and file offset of section SECT, from readelf -SW.  */
static bool
readelf_section(const char *path, const char *sect, uint64_t *addr,
    uint64_t *off)
{
	char cmd[4352], line[8192], pat[256], name[256], type[64];
	FILE *p;
	const char *s;
	bool found = false;

	snprintf(cmd, sizeof cmd, "readelf -SW '%s' 2>/dev/null", path);
	snprintf(pat, sizeof pat, "] %s ", sect);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (!found && fgets(line, sizeof line, p) != NULL) {
		if ((s = strstr(line, pat)) == NULL)
			continue;
		if (sscanf(s + 2, "%255s %63s %" SCNx64 " %" SCNx64, name,
		    type, addr, off) == 4)
			found = true;
	}
	pclose(p);
	return found;
}

/* The whole of PATH in a malloc'd buffer.  */
static unsigned char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	int fd;

	ck_assert_int_ne(fd = open(path, O_RDONLY), -1);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_ptr_nonnull(buf = malloc((size_t)st.st_size + 1));
	ck_assert_int_eq(read(fd, buf, (size_t)st.st_size), st.st_size);
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
}

/* Write LEN bytes of BUF to a fresh temporary file, named into PATH.  */
static void
write_temp(char *path, size_t pathsz, const void *buf, size_t len)
{
	int fd;

	snprintf(path, pathsz, "/tmp/check_elf.XXXXXX");
	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
}

/* Call every accessor on a file that opened, so a corrupt file that
   passed the checks at open gets its chance to crash us.  */
static void
exercise(struct fs_elf *elf)
{
	const struct fs_sym *syms, *s;
	const struct fs_segment *seg;
	uint64_t a, sz;
	size_t n, nseg, i;

	(void)fs_elf_type(elf);
	(void)fs_elf_entry(elf);
	(void)fs_elf_stripped(elf);
	(void)fs_elf_has_debug_info(elf);
	(void)fs_elf_eh_frame_hdr(elf, &a, &sz);
	seg = fs_elf_segments(elf, &nseg);
	for (i = 0; i < nseg; i++) {
		(void)fs_elf_bytes(elf, seg[i].vaddr, 1);
		(void)fs_elf_bytes(elf, seg[i].vaddr, seg[i].filesz);
		(void)fs_elf_bytes(elf, seg[i].vaddr + seg[i].memsz, 1);
	}
	(void)fs_elf_bytes(elf, UINT64_MAX, 16);
	syms = fs_elf_symbols(elf, &n);
	for (i = 0; i < n; i++) {
		ck_assert(i == 0 || syms[i - 1].addr <= syms[i].addr);
		ck_assert_ptr_nonnull(syms[i].name);
		ck_assert_ptr_nonnull(syms[i].linkage);
		/* A size-0 one outside executable segments holds nothing.  */
		s = fs_elf_sym_at(elf, syms[i].addr);
		ck_assert(s != NULL || syms[i].size == 0);
		(void)fs_elf_sym_at(elf, syms[i].addr + syms[i].size / 2);
		if (i < 64)
			ck_assert_ptr_nonnull(fs_elf_sym_lookup(elf,
			    syms[i].linkage));
	}
	(void)fs_elf_sym_at(elf, 0);
	(void)fs_elf_sym_at(elf, UINT64_MAX);
	(void)fs_elf_sym_lookup(elf, "main");
	(void)fs_elf_sym_lookup(elf, "no::such::thing");
}

/* Open PATH; it must fail with CODE and a message containing WANT.  */
static void
expect_fail(const char *path, int code, const char *want)
{
	struct fs_elf *elf = (struct fs_elf *)1;
	struct fs_err e;
	int rc;

	fs_err_clear(&e);
	rc = fs_elf_open(path, &elf, &e);
	ck_assert_int_eq(rc, -code);
	ck_assert_int_eq(e.code, code);
	ck_assert_ptr_null(elf);
	ck_assert_msg(strstr(e.msg, want) != NULL, "message \"%s\" lacks "
	    "\"%s\"", e.msg, want);
	ck_assert_ptr_null(strchr(e.msg, '\n'));
}

/* Open PATH, which must succeed.  */
static struct fs_elf *
must_open(const char *path)
{
	struct fs_elf *elf = NULL;
	struct fs_err e;
	int rc;

	fs_err_clear(&e);
	rc = fs_elf_open(path, &elf, &e);
	ck_assert_msg(rc == 0, "%s: %s", path, e.msg);
	ck_assert_ptr_nonnull(elf);
	return elf;
}

START_TEST(test_open_pie)
{
	const char *path = sample_path("callee8-O0");
	struct fs_elf *elf = must_open(path);
	const struct fs_segment *seg;
	unsigned char *buf;
	Elf64_Ehdr eh;
	size_t n, i, len;
	bool exec = false;

	buf = slurp(path, &len);
	memcpy(&eh, buf, sizeof eh);
	ck_assert_str_eq(fs_elf_path(elf), path);
	ck_assert_int_eq(fs_elf_type(elf), ET_DYN);
	ck_assert_uint_eq(fs_elf_entry(elf), eh.e_entry);
	ck_assert(!fs_elf_stripped(elf));
	ck_assert(fs_elf_has_debug_info(elf));
	seg = fs_elf_segments(elf, &n);
	ck_assert_uint_gt(n, 0);
	for (i = 0; i < n; i++) {
		ck_assert_uint_le(seg[i].filesz, seg[i].memsz);
		ck_assert_uint_le(seg[i].offset + seg[i].filesz, len);
		if ((seg[i].flags & PF_X) && eh.e_entry >= seg[i].vaddr &&
		    eh.e_entry < seg[i].vaddr + seg[i].memsz)
			exec = true;
		if (i > 0)	/* file order, which is address order here */
			ck_assert_uint_gt(seg[i].offset, seg[i - 1].offset);
	}
	ck_assert_msg(exec, "entry point not in an executable PT_LOAD");
	free(buf);
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_symbols_match_nm)
{
	const char *path = sample_path("callee8-O0");
	const char *names[] = { "callee", "main", "_start" };
	struct fs_elf *elf = must_open(path);
	const struct fs_sym *s, *all;
	uint64_t addr, size;
	size_t i, n;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		ck_assert_msg(nm_sym(path, names[i], &addr, &size),
		    "nm has no %s", names[i]);
		s = fs_elf_sym_lookup(elf, names[i]);
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s->name, names[i]);
		ck_assert_str_eq(s->linkage, names[i]);
		ck_assert_uint_eq(s->addr, addr);
		ck_assert_uint_eq(s->size, size);
	}
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, "no_such_function"));
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, ""));

	all = fs_elf_symbols(elf, &n);
	ck_assert_uint_gt(n, 3);
	for (i = 1; i < n; i++) {
		ck_assert_uint_le(all[i - 1].addr, all[i].addr);
		ck_assert_msg(all[i - 1].addr != all[i].addr ||
		    strcmp(all[i - 1].linkage, all[i].linkage) != 0,
		    "duplicate %s", all[i].linkage);
	}
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_sym_at)
{
	const char *path = sample_path("callee8-O0");
	struct fs_elf *elf = must_open(path);
	const struct fs_sym *s;
	uint64_t addr, size, maddr, msize;

	ck_assert(nm_sym(path, "callee", &addr, &size));
	ck_assert(nm_sym(path, "main", &maddr, &msize));
	ck_assert_uint_gt(size, 2);
	s = fs_elf_sym_at(elf, addr + size / 2);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->name, "callee");
	ck_assert_ptr_eq(fs_elf_sym_at(elf, addr), s);
	ck_assert_ptr_eq(fs_elf_sym_at(elf, addr + size - 1), s);
	s = fs_elf_sym_at(elf, maddr + msize - 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->name, "main");
	/* Below every symbol, and far past the last one.  */
	ck_assert_ptr_null(fs_elf_sym_at(elf, 0));
	ck_assert_ptr_null(fs_elf_sym_at(elf, UINT64_MAX));
	fs_elf_free(elf);
}
END_TEST

/* Data objects, as nm lists them: every byte of each names it.  */
START_TEST(test_object_at)
{
	const char *path = sample_path("values-O0");
	const char *names[] = { "g_int", "g_arr", "g_node1", "g_str" };
	struct fs_elf *elf = must_open(path);
	const struct fs_sym *s;
	uint64_t addr, size;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		ck_assert_msg(nm_sym(path, names[i], &addr, &size),
		    "nm has no %s", names[i]);
		ck_assert_uint_gt(size, 0);
		s = fs_elf_object_at(elf, addr);
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s->name, names[i]);
		ck_assert_uint_eq(s->size, size);
		ck_assert_ptr_eq(fs_elf_object_at(elf, addr + size - 1), s);
	}
	/* Code is no data object.  */
	ck_assert(nm_sym(path, "main", &addr, &size));
	ck_assert_ptr_null(fs_elf_object_at(elf, addr));
	fs_elf_free(elf);
	/* A function's static, "altstack.0" to the linker, is named as in
	   the source, as gdb names it.  */
	path = sample_path("sighandler-O0");
	elf = must_open(path);
	ck_assert(nm_sym(path, "altstack.0", &addr, &size));
	ck_assert_ptr_nonnull(s = fs_elf_object_at(elf, addr + 8));
	ck_assert_str_eq(s->name, "altstack");
	ck_assert_str_eq(s->linkage, "altstack.0");
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_stripped)
{
	const char *path = sample_path("callee8-stripped");
	struct fs_elf *elf = must_open(path);
	const struct fs_segment *seg;
	uint64_t a, sz;
	size_t n;

	ck_assert(fs_elf_stripped(elf));
	ck_assert(!fs_elf_has_debug_info(elf));
	ck_assert_int_eq(fs_elf_type(elf), ET_DYN);
	seg = fs_elf_segments(elf, &n);
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(seg);
	ck_assert_int_eq(fs_elf_eh_frame_hdr(elf, &a, &sz), 0);
	/* Not exported, so gone with .symtab.  */
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, "callee"));
	exercise(elf);
	fs_elf_free(elf);

	elf = must_open(sample_path("callee8-nodebug"));
	ck_assert(!fs_elf_stripped(elf));
	ck_assert(!fs_elf_has_debug_info(elf));
	ck_assert_ptr_nonnull(fs_elf_sym_lookup(elf, "callee"));
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_shared_object)
{
	const char *path = sample_path("libsquare.so");
	struct fs_elf *elf = must_open(path);
	const struct fs_sym *s;
	uint64_t addr, size;

	ck_assert_int_eq(fs_elf_type(elf), ET_DYN);
	ck_assert(nm_sym(path, "square", &addr, &size));
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "square"));
	ck_assert_uint_eq(s->addr, addr);
	ck_assert_ptr_eq(fs_elf_sym_at(elf, addr + 1), s);
	exercise(elf);
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_eh_frame_hdr)
{
	const char *path = sample_path("callee8-O0");
	struct fs_elf *elf = must_open(path);
	const unsigned char *p;
	uint64_t a, sz, sa, so;

	ck_assert_int_eq(fs_elf_eh_frame_hdr(elf, &a, &sz), 0);
	ck_assert(readelf_section(path, ".eh_frame_hdr", &sa, &so));
	ck_assert_uint_eq(a, sa);
	ck_assert_uint_ge(sz, 4);
	ck_assert_ptr_nonnull(p = fs_elf_bytes(elf, a, sz));
	ck_assert_uint_eq(p[0], 1);	/* .eh_frame_hdr version */
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_bytes)
{
	const char *path = sample_path("callee8-O0");
	struct fs_elf *elf = must_open(path);
	const struct fs_segment *seg;
	const void *p;
	unsigned char *buf;
	uint64_t addr, size, taddr, toff, off;
	size_t len, n, i;

	buf = slurp(path, &len);
	ck_assert(nm_sym(path, "callee", &addr, &size));
	ck_assert(readelf_section(path, ".text", &taddr, &toff));
	off = addr - taddr + toff;
	ck_assert_uint_le(off + size, len);
	ck_assert_ptr_nonnull(p = fs_elf_bytes(elf, addr, size));
	ck_assert_mem_eq(p, buf + off, size);
	ck_assert_ptr_eq(fs_elf_bytes(elf, addr, 0), p);

	/* Past the file-backed part of each segment, and around it.  */
	seg = fs_elf_segments(elf, &n);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(fs_elf_bytes(elf, seg[i].vaddr,
		    seg[i].filesz));
		ck_assert_ptr_null(fs_elf_bytes(elf, seg[i].vaddr,
		    seg[i].filesz + 1));
		if (seg[i].memsz > seg[i].filesz)	/* .bss */
			ck_assert_ptr_null(fs_elf_bytes(elf,
			    seg[i].vaddr + seg[i].filesz, 1));
	}
	ck_assert_ptr_null(fs_elf_bytes(elf, UINT64_MAX - 1, 4));
	ck_assert_ptr_null(fs_elf_bytes(elf, addr, SIZE_MAX));
	free(buf);
	fs_elf_free(elf);
}
END_TEST

/* A .symtab whose string table link is broken: open, which reads no
   symbol, succeeds; the first query finds none, and fs_elf_load_symbols
   gives the error, every time.  */
START_TEST(test_bad_symtab_lazy)
{
	struct fs_elf *elf;
	struct fs_err e;
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	unsigned char *buf;
	char tmp[64];
	size_t len, i, n;
	bool found = false;
	int k;

	buf = slurp(sample_path("callee8-O0"), &len);
	memcpy(&eh, buf, sizeof eh);
	for (i = 0; i < eh.e_shnum; i++) {
		memcpy(&sh, buf + eh.e_shoff + i * sizeof sh, sizeof sh);
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		sh.sh_link = 0;
		memcpy(buf + eh.e_shoff + i * sizeof sh, &sh, sizeof sh);
		found = true;
	}
	ck_assert(found);
	write_temp(tmp, sizeof tmp, buf, len);
	elf = must_open(tmp);
	ck_assert(!fs_elf_stripped(elf));
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, "main"));
	(void)fs_elf_symbols(elf, &n);
	ck_assert_uint_eq(n, 0);
	for (k = 0; k < 2; k++) {
		fs_err_clear(&e);
		ck_assert_int_eq(fs_elf_load_symbols(elf, &e), -FS_E_FORMAT);
		ck_assert_int_eq(e.code, FS_E_FORMAT);
		ck_assert_msg(strstr(e.msg, "symbol table without strings") !=
		    NULL, "%s", e.msg);
	}
	exercise(elf);
	fs_elf_free(elf);
	unlink(tmp);
	free(buf);

	/* The sound file reads its symbols, without an error.  */
	elf = must_open(sample_path("callee8-O0"));
	ck_assert_int_eq(fs_elf_load_symbols(elf, NULL), 0);
	ck_assert_ptr_nonnull(fs_elf_sym_lookup(elf, "main"));
	fs_elf_free(elf);
}
END_TEST

/* PT_DYNAMIC is where readelf puts .dynamic.  */
START_TEST(test_dynamic)
{
	const char *path = sample_path("callee8-O0");
	struct fs_elf *elf = must_open(path);
	uint64_t addr, size, raddr, roff;

	ck_assert(readelf_section(path, ".dynamic", &raddr, &roff));
	ck_assert_int_eq(fs_elf_dynamic(elf, &addr, &size), 0);
	ck_assert_uint_eq(addr, raddr);
	ck_assert_uint_gt(size, 0);
	ck_assert_uint_eq(size % 16, 0);
	fs_elf_free(elf);
}
END_TEST

START_TEST(test_errors)
{
	char dir[] = "/tmp/check_elf.d.XXXXXX", obj[4096], cmd[8192];

	expect_fail("/nonexistent/framescope/none", FS_E_NOENT,
	    "No such file or directory");
	expect_fail(sample_path("callee8-O0/x"), FS_E_NOENT, "callee8-O0/x");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	expect_fail(dir, FS_E_SYS, "is a directory");
	expect_fail(sample_path("notelf"), FS_E_FORMAT, "not an ELF file");
	expect_fail("/dev/null", FS_E_FORMAT, "not an ELF file");

	/* A relocatable object is ELF, but neither ET_EXEC nor ET_DYN.  */
	snprintf(obj, sizeof obj, "%s/o.o", dir);
	snprintf(cmd, sizeof cmd, "echo 'int f(void){return 1;}' | "
	    "gcc -x c -c -o %s - 2>/dev/null", obj);
	if (system(cmd) == 0) {
		expect_fail(obj, FS_E_FORMAT, "not an executable");
		unlink(obj);
	}
	rmdir(dir);
}
END_TEST

START_TEST(test_not_x86_64)
{
	char tmp[64];
	unsigned char *buf;
	size_t len;
	uint16_t mach = EM_AARCH64;

	buf = slurp(sample_path("callee8-O0"), &len);
	memcpy(buf + offsetof(Elf64_Ehdr, e_machine), &mach, sizeof mach);
	write_temp(tmp, sizeof tmp, buf, len);
	expect_fail(tmp, FS_E_FORMAT, "not an x86-64 ELF file");
	unlink(tmp);
	free(buf);

	buf = slurp(sample_path("callee8-O0"), &len);
	buf[EI_CLASS] = ELFCLASS32;
	write_temp(tmp, sizeof tmp, buf, len);
	expect_fail(tmp, FS_E_FORMAT, "not an x86-64 ELF file");
	unlink(tmp);
	free(buf);
}
END_TEST

START_TEST(test_truncated)
{
	char tmp[64];
	unsigned char *buf;
	size_t len, i, cut[10];

	buf = slurp(sample_path("callee8-O0"), &len);
	cut[0] = 0;
	cut[1] = 4;
	cut[2] = 16;
	cut[3] = sizeof(Elf64_Ehdr) - 1;
	cut[4] = sizeof(Elf64_Ehdr);
	cut[5] = 200;
	cut[6] = len / 4;
	cut[7] = len / 2;
	cut[8] = len - 64;
	cut[9] = len - 1;
	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		write_temp(tmp, sizeof tmp, buf, cut[i]);
		expect_fail(tmp, FS_E_FORMAT, "not an ELF file");
		unlink(tmp);
	}
	free(buf);
}
END_TEST

/* A valid ELF header followed by random bytes: fails or opens, never
   crashes.  */
START_TEST(test_garbage_after_header)
{
	struct fs_elf *elf;
	struct fs_err e;
	char tmp[64];
	unsigned char *buf, *g;
	size_t len, glen, i;
	unsigned seed;
	int rc;

	buf = slurp(sample_path("callee8-O0"), &len);
	for (seed = 1; seed <= 40; seed++) {
		srandom(seed);
		glen = seed % 2 ? 4096 : len;
		ck_assert_ptr_nonnull(g = malloc(glen));
		memcpy(g, buf, sizeof(Elf64_Ehdr));
		for (i = sizeof(Elf64_Ehdr); i < glen; i++)
			g[i] = (unsigned char)random();
		write_temp(tmp, sizeof tmp, g, glen);
		elf = NULL;
		rc = fs_elf_open(tmp, &elf, &e);
		ck_assert(rc == 0 || rc == -FS_E_FORMAT);
		if (rc == 0)
			exercise(elf);
		fs_elf_free(elf);
		unlink(tmp);
		free(g);
	}
	free(buf);
}
END_TEST

/* Random byte changes in the headers and tables of a real sample.  */
START_TEST(test_mutations)
{
	struct fs_elf *elf;
	struct fs_err e;
	char tmp[64];
	unsigned char *buf, *m;
	size_t len, pos;
	unsigned iter, k;
	int rc, opened = 0;

	buf = slurp(sample_path("callee8-O0"), &len);
	ck_assert_ptr_nonnull(m = malloc(len));
	srandom(12345);
	for (iter = 0; iter < 400; iter++) {
		memcpy(m, buf, len);
		for (k = 0; k < 1 + iter % 8; k++) {
			switch (random() % 3) {
			case 0:		/* ELF header and program headers */
				pos = (size_t)random() % 1024;
				break;
			case 1:		/* section headers, string tables */
				pos = len - 1 - (size_t)random() % 4096;
				break;
			default:
				pos = (size_t)random() % len;
				break;
			}
			m[pos] = (unsigned char)random();
		}
		write_temp(tmp, sizeof tmp, m, len);
		elf = NULL;
		rc = fs_elf_open(tmp, &elf, &e);
		ck_assert_msg(rc == 0 || rc == -FS_E_FORMAT, "rc %d: %s", rc,
		    e.msg);
		if (rc == 0) {
			opened++;
			exercise(elf);
		}
		fs_elf_free(elf);
		unlink(tmp);
	}
	ck_assert_int_gt(opened, 0);	/* the checks are not too strict */
	free(m);
	free(buf);
}
END_TEST

START_TEST(test_demangle)
{
	const char *const t[][2] = {
		/* Rust legacy: hash dropped */
		{ "_ZN4calc8multiply17h39d66894004638d1E", "calc::multiply" },
		/* Rust v0: crate disambiguator dropped */
		{ "_RNvCshnKJJWZQShR_4calc8multiply", "calc::multiply" },
		/* C++: no parameter list */
		{ "_ZN2ns1fEi", "ns::f" },
		{ "_ZN2ns3fooIiEEvT_", "ns::foo<int>" },
		/* a GCC clone keeps its suffix: it is not the function */
		{ "_Z3foov.cold", "foo [clone .cold]" },
	};
	char *d;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		ck_assert_ptr_nonnull(d = fs_elf_demangle(t[i][0]));
		ck_assert_str_eq(d, t[i][1]);
		free(d);
	}
	ck_assert_ptr_null(fs_elf_demangle("main"));
	ck_assert_ptr_null(fs_elf_demangle("_start"));
	ck_assert_ptr_null(fs_elf_demangle("_Z"));
	ck_assert_ptr_null(fs_elf_demangle("_Rxyz"));
}
END_TEST

/* Build a binary with aliases, a size-0 function and mangled names into
   DIR; returns its path.  */
static const char *
build_aliases(const char *dir, const char *flags)
{
	static char bin[4096];
	char src[4096], cmd[16384];
	FILE *f;

	snprintf(src, sizeof src, "%s/a.c", dir);
	snprintf(bin, sizeof bin, "%s/a%s", dir, flags[0] ? ".stripped" : "");
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs(
	    "static int lfn(int x) { return x + 1; }\n"
	    "extern int gfn(int) __attribute__((alias(\"lfn\")));\n"
	    "extern int _ufn(int) __attribute__((alias(\"lfn\")));\n"
	    "extern int wfn(int) __attribute__((weak, alias(\"lfn\")));\n"
	    "int ns_f(int) __asm__(\"_ZN2ns1fEi\");\n"
	    "int ns_f(int x) { return x * 2; }\n"
	    "int rl(int) __asm__(\"_ZN4calc8multiply17h0123456789abcdefE\");\n"
	    "int rl(int x) { return x * 3; }\n"
	    "int rv(int) __asm__(\"_RNvCshnKJJWZQShR_4calc6divide\");\n"
	    "int rv(int x) { return x / 3; }\n"
	    "__asm__(\".text\\n.globl zfunc\\n.type zfunc,@function\\n"
	    "zfunc:\\n nop\\n nop\\n nop\\n ret\\n\");\n"
	    "int main(void) { return gfn(1) + ns_f(2) + rl(3) + rv(4); }\n",
	    f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -O0 -rdynamic -o %s/a %s 2>&1 && "
	    "{ [ -z '%s' ] || strip %s -o %s %s/a; }", dir, src, flags, flags,
	    bin, dir);
	ck_assert_int_eq(system(cmd), 0);
	return bin;
}

START_TEST(test_preference_and_lookup)
{
	char dir[] = "/tmp/check_elf.d.XXXXXX", cmd[4352];
	const char *bin;
	struct fs_elf *elf;
	const struct fs_sym *s, *l, *all;
	uint64_t addr, size;
	size_t n, i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	bin = build_aliases(dir, "");
	elf = must_open(bin);

	/* Four names at one address: the one gdb's minimal symbols give,
	   the last by name of those with a size (a local one after a
	   global of its size yields to it).  */
	ck_assert(nm_sym(bin, "lfn", &addr, &size));
	ck_assert_ptr_nonnull(l = fs_elf_sym_lookup(elf, "lfn"));
	ck_assert_str_eq(l->linkage, "lfn");
	ck_assert_uint_eq(l->addr, addr);
	ck_assert_ptr_nonnull(s = fs_elf_sym_at(elf, addr));
	ck_assert_str_eq(s->name, "wfn");
	ck_assert_ptr_eq(fs_elf_sym_lookup(elf, "wfn"), s);
	ck_assert_str_eq(fs_elf_sym_lookup(elf, "gfn")->name, "gfn");
	ck_assert_str_eq(fs_elf_sym_lookup(elf, "_ufn")->name, "_ufn");

	/* Linkage, display and "::" suffix lookups.  */
	ck_assert(nm_sym(bin, "_ZN2ns1fEi", &addr, &size));
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "_ZN2ns1fEi"));
	ck_assert_str_eq(s->name, "ns::f");
	ck_assert_uint_eq(s->addr, addr);
	ck_assert_ptr_eq(fs_elf_sym_lookup(elf, "ns::f"), s);
	ck_assert_ptr_eq(fs_elf_sym_lookup(elf, "f"), s);
	ck_assert_ptr_eq(fs_elf_sym_at(elf, addr + 1), s);
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "multiply"));
	ck_assert_str_eq(s->name, "calc::multiply");
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "divide"));
	ck_assert_str_eq(s->name, "calc::divide");
	ck_assert_ptr_eq(fs_elf_sym_lookup(elf, "calc::divide"), s);
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, "alc::divide"));
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, "ns::"));

	/* A size-0 symbol holds what follows it in its segment.  */
	ck_assert(nm_sym(bin, "zfunc", &addr, &size));
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "zfunc"));
	ck_assert_uint_eq(s->size, 0);
	ck_assert_ptr_eq(fs_elf_sym_at(elf, addr), s);
	ck_assert_ptr_eq(fs_elf_sym_at(elf, addr + 3), s);

	/* -rdynamic puts the globals in .dynsym too: merged, not twice.  */
	all = fs_elf_symbols(elf, &n);
	for (i = 1; i < n; i++)
		ck_assert(all[i - 1].addr != all[i].addr ||
		    strcmp(all[i - 1].linkage, all[i].linkage) != 0);
	fs_elf_free(elf);

	/* Stripped, the exported names remain through .dynsym.  */
	bin = build_aliases(dir, "--strip-all");
	elf = must_open(bin);
	ck_assert(fs_elf_stripped(elf));
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "gfn"));
	ck_assert_ptr_null(fs_elf_sym_lookup(elf, "lfn"));
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "f"));
	ck_assert_str_eq(s->name, "ns::f");
	fs_elf_free(elf);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Real rustc output, when the Rust samples were built.  */
START_TEST(test_rust)
{
	const char *path;
	struct fs_elf *elf;
	const struct fs_sym *s;
	char name[4096];
	uint64_t addr;

	path = sample_path("rust-calc-O0");
	if (access(path, R_OK) == 0) {
		ck_assert(nm_find(path, "_ZN", "4calc8multiply17h", name,
		    sizeof name, &addr));
		elf = must_open(path);
		ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "multiply"));
		ck_assert_str_eq(s->name, "calc::multiply");
		ck_assert_str_eq(s->linkage, name);
		ck_assert_uint_eq(s->addr, addr);
		ck_assert_ptr_eq(fs_elf_sym_lookup(elf, "calc::multiply"), s);
		ck_assert_ptr_eq(fs_elf_sym_at(elf, addr + 1), s);
		fs_elf_free(elf);
	}
	path = sample_path("rust-add-v0");
	if (access(path, R_OK) == 0) {
		ck_assert(nm_find(path, "_RNv", "_3add3add", name, sizeof name,
		    &addr));
		elf = must_open(path);
		ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "add::add"));
		ck_assert_str_eq(s->linkage, name);
		ck_assert_uint_eq(s->addr, addr);
		ck_assert_ptr_eq(fs_elf_sym_at(elf, addr), s);
		fs_elf_free(elf);
	}
}
END_TEST

/* Seconds since an arbitrary origin.  */
static double
now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* 100,000 functions, half of them C++-mangled: open stays fast because it
   demangles nothing.  */
START_TEST(test_many_symbols)
{
	enum { N = 100000 };
	char dir[] = "/tmp/check_elf.d.XXXXXX", src[4096], bin[4096];
	char cmd[16384], name[64];
	struct fs_elf *elf;
	const struct fs_sym *s;
	FILE *f;
	double t0, topen, tlook;
	int i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(src, sizeof src, "%s/many.s", dir);
	snprintf(bin, sizeof bin, "%s/many.so", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs(".text\n", f);
	for (i = 0; i < N; i++) {
		if (i % 2)
			snprintf(name, sizeof name, "fn%d", i);
		else
			snprintf(name, sizeof name, "_ZN2ns%zufn%dEv",
			    strlen("fn") + (size_t)snprintf(NULL, 0, "%d", i),
			    i);
		fprintf(f, ".globl %s\n.type %s,@function\n%s:\n ret\n"
		    ".size %s,1\n", name, name, name, name);
	}
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -shared -nostdlib -o %s %s", bin, src);
	ck_assert_int_eq(system(cmd), 0);

	t0 = now();
	elf = must_open(bin);
	topen = now() - t0;
	ck_assert_msg(topen < 2.0, "open took %.3fs", topen);
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "fn77777"));
	ck_assert_ptr_eq(fs_elf_sym_at(elf, s->addr), s);
	t0 = now();
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, "fn77776"));
	ck_assert_str_eq(s->name, "ns::fn77776");
	for (i = 0; i < N; i += 2) {
		snprintf(name, sizeof name, "ns::fn%d", i);
		ck_assert_ptr_nonnull(fs_elf_sym_lookup(elf, name));
	}
	tlook = now() - t0;
	ck_assert_msg(tlook < 10.0, "lookups took %.3fs", tlook);
	fs_elf_free(elf);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *
elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("core");
	TCase *slow = tcase_create("hostile");

	tcase_add_test(tc, test_open_pie);
	tcase_add_test(tc, test_symbols_match_nm);
	tcase_add_test(tc, test_sym_at);
	tcase_add_test(tc, test_object_at);
	tcase_add_test(tc, test_stripped);
	tcase_add_test(tc, test_shared_object);
	tcase_add_test(tc, test_eh_frame_hdr);
	tcase_add_test(tc, test_bytes);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_bad_symtab_lazy);
	tcase_add_test(tc, test_dynamic);
	tcase_add_test(tc, test_not_x86_64);
	tcase_add_test(tc, test_demangle);
	tcase_add_test(tc, test_rust);
	suite_add_tcase(s, tc);

	/* These build binaries or loop: more than Check's 4 s default,
	   especially under the sanitizers.  */
	tcase_set_timeout(slow, 120);
	tcase_add_test(slow, test_truncated);
	tcase_add_test(slow, test_garbage_after_header);
	tcase_add_test(slow, test_mutations);
	tcase_add_test(slow, test_preference_and_lookup);
	tcase_add_test(slow, test_many_symbols);
	suite_add_tcase(s, slow);
	return s;
}
