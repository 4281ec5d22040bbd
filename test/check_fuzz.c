/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every input the fuzzers ever found that crashed or hung framescope
   (test/fuzz/crashes/TARGET) and every input of the corpus
   (test/fuzz/corpus/TARGET), fed to its fuzz target in-process, under
   the normal build: what proves the bugs fixed stay fixed.  Each target
   runs in a child of its own, which names each input before it runs it,
   so that a crash or a hang (an input that takes longer than TIMEOUT
   seconds) is reported with the file that caused it.  */
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fuzz/fuzz.h"

#define TIMEOUT	30

static const char *
fuzz_dir(void)
{
	const char *d = getenv("FUZZ");

	return d != NULL ? d : "test/fuzz";
}

/* The paths of the files in DIR, sorted; *N their count.  */
static char **
inputs(const char *dir, size_t *n)
{
	struct dirent **ents;
	char **v;
	int k, i;

	*n = 0;
	if ((k = scandir(dir, &ents, NULL, alphasort)) < 0)
		return NULL;
	v = calloc((size_t)k + 1, sizeof *v);
	ck_assert_ptr_nonnull(v);
	for (i = 0; i < k; i++) {
		if (ents[i]->d_name[0] != '.')
			ck_assert_int_ge(asprintf(&v[(*n)++], "%s/%s", dir,
			    ents[i]->d_name), 0);
		free(ents[i]);
	}
	free(ents);
	return v;
}

/* The bytes of the file at PATH (malloc'd) and their number, or NULL.  */
static uint8_t *
slurp(const char *path, size_t *len)
{
	uint8_t *buf = NULL, *nb;
	size_t cap = 0, got;
	FILE *f;

	*len = 0;
	if ((f = fopen(path, "re")) == NULL)
		return NULL;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap)) == NULL)
				break;
			buf = nb;
		}
		if ((got = fread(buf + *len, 1, cap - *len, f)) == 0)
			break;
		*len += got;
	}
	fclose(f);
	return buf;
}

/* In the child: run every input of PATHS, writing each one's index to FD
   first.  */
static void
replay(const struct fuzz_target *t, char **paths, size_t n, int fd)
{
	uint32_t i;
	uint8_t *data;
	size_t len;

	if (t->init != NULL && t->init() < 0)
		_exit(3);
	for (i = 0; i < n; i++) {
		if (write(fd, &i, sizeof i) != sizeof i)
			_exit(4);
		if ((data = slurp(paths[i], &len)) == NULL)
			_exit(5);
		alarm(TIMEOUT);
		t->run(data, len);
		alarm(0);
		free(data);
	}
	_exit(0);
}

START_TEST(test_fuzz_replay)
{
	const struct fuzz_target *t = &fuzz_targets[_i];
	char dir[4096], **paths, **more;
	size_t n, nmore, i;
	uint32_t last = UINT32_MAX, k;
	int fds[2], st;
	pid_t pid;

	snprintf(dir, sizeof dir, "%s/corpus/%s", fuzz_dir(), t->name);
	paths = inputs(dir, &n);
	ck_assert_msg(n > 0, "no corpus in %s", dir);
	snprintf(dir, sizeof dir, "%s/crashes/%s", fuzz_dir(), t->name);
	if ((more = inputs(dir, &nmore)) != NULL) {
		paths = reallocarray(paths, n + nmore + 1, sizeof *paths);
		ck_assert_ptr_nonnull(paths);
		memcpy(paths + n, more, nmore * sizeof *more);
		n += nmore;
		free(more);
	}

	ck_assert_int_eq(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		replay(t, paths, n, fds[1]);
	}
	ck_assert_int_gt(pid, 0);
	close(fds[1]);
	while (read(fds[0], &k, sizeof k) == sizeof k)
		last = k;
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(!(WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM),
	    "fuzz target %s: %s ran for more than %d s", t->name,
	    last < n ? paths[last] : "?", TIMEOUT);
	ck_assert_msg(!WIFSIGNALED(st), "fuzz target %s: %s: killed by "
	    "signal %d", t->name, last < n ? paths[last] : "?",
	    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	ck_assert_msg(WEXITSTATUS(st) == 0, "fuzz target %s: exit %d (3: "
	    "it cannot run here) at %s", t->name, WEXITSTATUS(st),
	    last < n ? paths[last] : "?");
	ck_assert_uint_eq(last + 1, n);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}
END_TEST

Suite *
fuzz_suite(void)
{
	Suite *s = suite_create("fuzz");
	TCase *tc;
	size_t n;

	for (n = 0; fuzz_targets[n].name != NULL; n++)
		;
	tc = tcase_create("replay");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_fuzz_replay, 0, (int)n);
	suite_add_tcase(s, tc);
	return s;
}
