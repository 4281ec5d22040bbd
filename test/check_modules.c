/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_modules: load biases, lookups by address and by name. */
#include <sys/wait.h>

#include <dlfcn.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_maps.h"
#include "fs_modules.h"
#include "fs_target.h"

extern char **environ;

/* The address nm gives NAME in PATH.  */
static uint64_t
nm_addr(const char *path, const char *name)
{
	char cmd[PATH_MAX + 64], line[1024], sym[512], type[8];
	unsigned long long a;
	uint64_t found = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "nm --defined-only '%s'", path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (fgets(line, sizeof line, p) != NULL)
		if (sscanf(line, "%llx %7s %511s", &a, type, sym) == 3 &&
		    strcmp(sym, name) == 0)
			found = a;
	pclose(p);
	ck_assert_msg(found != 0, "nm: no %s in %s", name, path);
	return found;
}

/* SAMPLE's resolved path, in a static buffer.  */
static const char *
real_sample(const char *name)
{
	static char buf[PATH_MAX];

	ck_assert_ptr_nonnull(realpath(sample_path(name), buf));
	return buf;
}

static struct fs_modules *
modules_for(const char *name)
{
	struct fs_modules *m;
	struct fs_err e;

	fs_err_clear(&e);
	ck_assert_int_eq(fs_modules_new(&m, &e), 0);
	ck_assert_msg(fs_modules_set_exec(m, sample_path(name), &e) == 0,
	    "set_exec: %s", e.msg);
	return m;
}

static struct fs_target *
spawn(const char *path)
{
	char buf[PATH_MAX];
	char *argv[] = { buf, NULL };
	struct fs_target *t;
	struct fs_err e;

	snprintf(buf, sizeof buf, "%s", path);
	ck_assert_msg(fs_target_spawn(buf, argv, environ, false, &t,
	    &e) == 0, "spawn: %s", e.msg);
	return t;
}

/* Let T run to runtime address ADDR (an int3 there, taken out again).  */
static void
run_to(struct fs_target *t, uint64_t addr)
{
	static const uint8_t int3 = 0xcc;
	const struct user_regs_struct *r;
	struct user_regs_struct regs;
	struct fs_event ev;
	struct fs_err e;
	uint8_t orig;

	ck_assert_int_eq(fs_target_read(t, addr, &orig, 1, &e), 1);
	ck_assert_int_eq(fs_target_write(t, addr, &int3, 1, &e), 0);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_BREAKPOINT);
	ck_assert_int_eq(fs_target_write(t, addr, &orig, 1, &e), 0);
	ck_assert_int_eq(fs_target_regs(t, &r, &e), 0);
	regs = *r;
	regs.rip = addr;
	ck_assert_int_eq(fs_target_set_regs(t, &regs, &e), 0);
}

static struct fs_module *
module_named(struct fs_modules *m, const char *part)
{
	struct fs_module *mod;
	size_t i;

	for (i = 0; i < fs_modules_count(m); i++) {
		mod = fs_modules_get(m, i);
		if (mod->mapped && strstr(mod->path, part) != NULL)
			return mod;
	}
	return NULL;
}

START_TEST(test_modules_exec_before_run)
{
	struct fs_modules *m = modules_for("callee8-O0");
	struct fs_module *exec, *mod = NULL;
	const char *path = real_sample("callee8-O0");
	uint64_t main_addr = nm_addr(path, "main"), a;
	struct fs_where w;

	ck_assert_uint_eq(fs_modules_count(m), 1);
	ck_assert_ptr_nonnull(exec = fs_modules_exec(m));
	ck_assert_ptr_eq(fs_modules_get(m, 0), exec);
	ck_assert_ptr_null(fs_modules_get(m, 1));
	ck_assert_str_eq(exec->path, path);	/* resolved, as in maps */
	ck_assert(exec->is_exec);
	ck_assert(!exec->mapped);
	ck_assert_uint_eq(exec->bias, 0);
	ck_assert_uint_eq(fs_modules_maps(m)->n, 0);

	/* File addresses until a process maps it.  */
	ck_assert_int_eq(fs_modules_find_function(m, "main", &a, &mod), 0);
	ck_assert_uint_eq(a, main_addr);
	ck_assert_ptr_eq(mod, exec);
	ck_assert_ptr_eq(fs_modules_at(m, main_addr), exec);
	fs_modules_where(m, main_addr, main_addr, &w);
	ck_assert_ptr_eq(w.mod, exec);
	ck_assert_str_eq(w.func, "main");
	ck_assert_uint_eq(w.func_addr, main_addr);
	ck_assert_str_eq(w.file, "callee8.c");
	ck_assert_uint_eq(w.line, util_source_line("callee8.c", "int main()"));
	ck_assert_ptr_nonnull(w.fullpath);
	ck_assert_int_eq(w.fullpath[0], '/');
	ck_assert_int_eq(fs_modules_find_function(m, "no_such_function", &a,
	    NULL), -FS_E_NOENT);
	fs_modules_free(m);
}
END_TEST

START_TEST(test_modules_set_exec_errors)
{
	struct fs_modules *m;
	struct fs_err e;

	ck_assert_int_eq(fs_modules_new(&m, &e), 0);
	ck_assert_int_eq(fs_modules_set_exec(m, sample_path("no-such-file"),
	    &e), -FS_E_NOENT);
	ck_assert_int_eq(fs_modules_set_exec(m, sample_path("notelf"), &e),
	    -FS_E_FORMAT);
	ck_assert_uint_eq(fs_modules_count(m), 0);
	ck_assert_ptr_null(fs_modules_exec(m));
	ck_assert_ptr_null(fs_modules_at(m, 0x1000));
	fs_modules_free(m);
	fs_modules_free(NULL);
}
END_TEST

START_TEST(test_modules_sync_finds_bias)
{
	const char *path = real_sample("callee8-O0");
	struct fs_modules *m = modules_for("callee8-O0");
	struct fs_target *t = spawn(path);
	const struct user_regs_struct *r;
	const struct fs_segment *seg;
	struct fs_maps own = { 0 };
	struct fs_module *exec, *ld;
	uint64_t first = UINT64_MAX, last = 0, main_rt;
	const uint8_t *file;
	uint8_t mem[32];
	struct fs_err e;
	size_t i, nseg;

	ck_assert_int_eq(fs_modules_sync(m, fs_target_pid(t), &e), 1);
	ck_assert_int_eq(fs_modules_sync(m, fs_target_pid(t), &e), 0);
	exec = fs_modules_exec(m);
	ck_assert(exec->mapped);
	ck_assert_uint_gt(fs_modules_maps(m)->n, 3);

	/* bias = start of the first mapping - page of the first PT_LOAD. */
	ck_assert_int_eq(fs_maps_read(fs_target_pid(t), &own, NULL), 0);
	for (i = 0; i < own.n; i++)
		if (strcmp(own.v[i].path, path) == 0) {
			if (own.v[i].start < first)
				first = own.v[i].start;
			if (own.v[i].end > last)
				last = own.v[i].end;
		}
	seg = fs_elf_segments(exec->elf, &nseg);
	ck_assert_uint_gt(nseg, 0);
	ck_assert_uint_eq(exec->bias, first - (seg[0].vaddr & ~0xfffULL));
	ck_assert_uint_eq(exec->lo, first);
	ck_assert_uint_eq(exec->hi, last);

	/* The bytes at main's runtime address are main's.  */
	main_rt = nm_addr(path, "main") + exec->bias;
	ck_assert_int_eq(fs_target_read(t, main_rt, mem, sizeof mem, &e),
	    (ssize_t)sizeof mem);
	ck_assert_ptr_nonnull(file = fs_elf_bytes(exec->elf, main_rt -
	    exec->bias, sizeof mem));
	ck_assert_int_eq(memcmp(mem, file, sizeof mem), 0);
	ck_assert_ptr_eq(fs_modules_at(m, main_rt), exec);
	ck_assert_ptr_eq(fs_modules_at(m, exec->lo), exec);
	ck_assert_ptr_ne(fs_modules_at(m, exec->hi), exec);
	ck_assert_ptr_null(fs_modules_at(m, 0));

	/* At the entry stop the loader is mapped and pc is in it.  */
	ck_assert_int_eq(fs_target_regs(t, &r, &e), 0);
	ck_assert_ptr_nonnull(ld = module_named(m, "ld-linux"));
	ck_assert(!ld->is_exec);
	ck_assert_ptr_eq(fs_modules_at(m, r->rip), ld);
	ck_assert_uint_eq(ld->bias, ld->lo);	/* its first PT_LOAD is 0 */
	ck_assert_ptr_null(module_named(m, "libc.so"));
	fs_maps_clear(&own);
	fs_target_free(t);
	fs_modules_free(m);
}
END_TEST

/* Where libc has FUNC in our process, as an offset from its base.  */
static uint64_t
own_libc_offset(const char *func)
{
	Dl_info info;
	void *h, *p;

	/* libc's own, not an interposer's (a sanitizer's printf).  */
	ck_assert_ptr_nonnull(h = dlopen("libc.so.6", RTLD_LAZY |
	    RTLD_NOLOAD));
	ck_assert_ptr_nonnull(p = dlsym(h, func));
	ck_assert_int_ne(dladdr(p, &info), 0);
	ck_assert_ptr_nonnull(strstr(info.dli_fname, "libc.so.6"));
	dlclose(h);
	return (uint64_t)((uintptr_t)p - (uintptr_t)info.dli_fbase);
}

START_TEST(test_modules_libraries_after_start)
{
	const char *path = real_sample("callee8-O0");
	struct fs_modules *m = modules_for("callee8-O0");
	struct fs_target *t = spawn(path);
	struct fs_module *exec, *libc, *mod;
	static const char *const funcs[] = { "printf", "puts", "malloc" };
	uint64_t main_rt, a;
	struct fs_where w;
	struct fs_err e;
	size_t i, n;

	ck_assert_int_eq(fs_modules_sync(m, fs_target_pid(t), &e), 1);
	exec = fs_modules_exec(m);
	n = fs_modules_count(m);
	ck_assert_int_eq(fs_modules_find_function(m, "main", &main_rt, &mod),
	    0);
	ck_assert_ptr_eq(mod, exec);
	ck_assert_uint_eq(main_rt, nm_addr(path, "main") + exec->bias);
	run_to(t, main_rt);

	/* Now libc is there: a change.  */
	ck_assert_int_eq(fs_modules_sync(m, fs_target_pid(t), &e), 1);
	ck_assert_uint_gt(fs_modules_count(m), n);
	ck_assert_ptr_eq(fs_modules_exec(m), exec);	/* kept */
	ck_assert_ptr_nonnull(libc = module_named(m, "/libc.so.6"));
	ck_assert(!libc->is_exec);
	ck_assert_uint_eq(libc->bias, libc->lo);
	ck_assert_uint_gt(libc->hi, libc->lo);

	for (i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
		mod = NULL;
		ck_assert_int_eq(fs_modules_find_function(m, funcs[i], &a,
		    &mod), 0);
		ck_assert_ptr_eq(mod, libc);
		ck_assert_uint_eq(a - libc->lo, own_libc_offset(funcs[i]));
		ck_assert_ptr_eq(fs_modules_at(m, a), libc);
		fs_modules_where(m, a, a, &w);
		ck_assert_ptr_eq(w.mod, libc);
		ck_assert_ptr_nonnull(w.func);
		ck_assert_uint_eq(w.func_addr, a);
	}
	/* The executable is still searched first.  */
	ck_assert_int_eq(fs_modules_find_function(m, "main", &a, &mod), 0);
	ck_assert_uint_eq(a, main_rt);
	ck_assert_ptr_eq(mod, exec);

	fs_modules_where(m, main_rt, main_rt, &w);
	ck_assert_ptr_eq(w.mod, exec);
	ck_assert_str_eq(w.func, "main");
	ck_assert_uint_eq(w.func_addr, main_rt);
	ck_assert_str_eq(w.file, "callee8.c");
	ck_assert_uint_eq(w.line, util_source_line("callee8.c", "int main()"));
	fs_target_free(t);
	fs_modules_free(m);
}
END_TEST

START_TEST(test_modules_unmap_forgets_addresses)
{
	const char *path = real_sample("callee8-O0");
	struct fs_modules *m = modules_for("callee8-O0");
	struct fs_target *t = spawn(path);
	struct fs_module *exec;
	size_t i, n;
	struct fs_err e;
	uint64_t main_file = nm_addr(path, "main"), a;

	ck_assert_int_eq(fs_modules_sync(m, fs_target_pid(t), &e), 1);
	n = fs_modules_count(m);
	exec = fs_modules_exec(m);
	ck_assert_uint_ne(exec->bias, 0);
	fs_target_free(t);
	fs_modules_unmap(m);
	ck_assert_uint_eq(fs_modules_count(m), n);	/* files kept */
	ck_assert_uint_eq(fs_modules_maps(m)->n, 0);
	for (i = 0; i < n; i++) {
		ck_assert(!fs_modules_get(m, i)->mapped);
		ck_assert_uint_eq(fs_modules_get(m, i)->bias, 0);
		ck_assert_uint_eq(fs_modules_get(m, i)->lo, 0);
	}
	ck_assert_int_eq(fs_modules_find_function(m, "main", &a, NULL), 0);
	ck_assert_uint_eq(a, main_file);

	/* A new process: the same files, mapped again.  */
	t = spawn(path);
	ck_assert_int_eq(fs_modules_sync(m, fs_target_pid(t), &e), 1);
	ck_assert_uint_eq(fs_modules_count(m), n);
	ck_assert(fs_modules_exec(m)->mapped);
	fs_target_free(t);
	fs_modules_free(m);
}
END_TEST

START_TEST(test_modules_without_debug_info)
{
	const char *nodebug = real_sample("callee8-nodebug");
	struct fs_modules *m = modules_for("callee8-nodebug");
	struct fs_module *exec = fs_modules_exec(m);
	uint64_t main_addr = nm_addr(nodebug, "main");
	struct fs_where w;

	ck_assert_ptr_null(fs_module_dwarf(exec));
	fs_modules_where(m, main_addr + 4, main_addr + 4, &w);
	ck_assert_str_eq(w.func, "main");	/* from the symbol table */
	ck_assert_uint_eq(w.func_addr, main_addr);
	ck_assert_ptr_null(w.file);
	ck_assert_uint_eq(w.line, 0);
	fs_modules_free(m);

	m = modules_for("callee8-O0");
	ck_assert_ptr_nonnull(fs_module_dwarf(fs_modules_exec(m)));
	/* Asked twice, the same one.  */
	ck_assert_ptr_eq(fs_module_dwarf(fs_modules_exec(m)),
	    fs_module_dwarf(fs_modules_exec(m)));
	fs_modules_free(m);

	m = modules_for("callee8-stripped");
	fs_modules_where(m, main_addr, main_addr, &w);
	ck_assert_ptr_eq(w.mod, fs_modules_exec(m));
	ck_assert_ptr_null(w.file);
	ck_assert_int_eq(fs_modules_find_function(m, "main", &(uint64_t){ 0 },
	    NULL), -FS_E_NOENT);
	fs_modules_free(m);
}
END_TEST

START_TEST(test_modules_sync_missing_process)
{
	struct fs_modules *m = modules_for("callee8-O0");
	struct fs_err e;
	pid_t pid;
	int st;

	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_int_lt(fs_modules_sync(m, pid, &e), 0);
	ck_assert(!fs_modules_exec(m)->mapped);
	fs_modules_free(m);
}
END_TEST

Suite *
modules_suite(void)
{
	Suite *s = suite_create("modules");
	TCase *tc;

	tc = tcase_create("knows_the_files");
	tcase_add_test(tc, test_modules_exec_before_run);
	tcase_add_test(tc, test_modules_set_exec_errors);
	tcase_add_test(tc, test_modules_without_debug_info);
	tcase_add_test(tc, test_modules_sync_missing_process);
	suite_add_tcase(s, tc);

	tc = tcase_create("follows_the_process");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_modules_sync_finds_bias);
	tcase_add_test(tc, test_modules_libraries_after_start);
	tcase_add_test(tc, test_modules_unmap_forgets_addresses);
	suite_add_tcase(s, tc);
	return s;
}
