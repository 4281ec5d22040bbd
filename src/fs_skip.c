/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "fs_skip.h"

int
fs_skip_add(struct fs_skips *l, enum fs_skip_kind kind, const char *pattern,
    int *num, struct fs_err *e)
{
	struct fs_skip_entry *nv;
	char *p;

	if ((p = strdup(pattern)) == NULL ||
	    (nv = realloc(l->v, (l->n + 1) * sizeof *nv)) == NULL) {
		free(p);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	l->v = nv;
	nv[l->n].num = ++l->next;
	nv[l->n].kind = kind;
	nv[l->n].pattern = p;
	nv[l->n].enabled = true;
	l->n++;
	if (num != NULL)
		*num = l->next;
	return 0;
}

int
fs_skip_delete(struct fs_skips *l, int num, struct fs_err *e)
{
	size_t i;

	if (num == 0) {
		if (l->n == 0)
			return fs_err_set(e, FS_E_NOENT,
			    "No skiplist entries found.");
		for (i = 0; i < l->n; i++)
			free(l->v[i].pattern);
		l->n = 0;
		return 0;
	}
	for (i = 0; i < l->n; i++)
		if (l->v[i].num == num) {
			free(l->v[i].pattern);
			memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) *
			    sizeof l->v[0]);
			l->n--;
			return 0;
		}
	return fs_err_set(e, FS_E_NOENT, "No skiplist entries found with "
	    "number %d.", num);
}

/* NAME is PAT, or ends in SEP PAT.  */
static bool
tail_match(const char *name, const char *pat, const char *sep)
{
	size_t n = strlen(name), p = strlen(pat), s = strlen(sep);

	if (strcmp(name, pat) == 0)
		return true;
	return n > p + s && strcmp(name + n - p, pat) == 0 &&
	    strncmp(name + n - p - s, sep, s) == 0;
}

bool
fs_skip_match(const struct fs_skips *l, const char *func, const char *file)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (!l->v[i].enabled)
			continue;
		if (l->v[i].kind == FS_SKIP_FUNCTION && func != NULL &&
		    tail_match(func, l->v[i].pattern, "::"))
			return true;
		if (l->v[i].kind == FS_SKIP_FILE && file != NULL &&
		    tail_match(file, l->v[i].pattern, "/"))
			return true;
	}
	return false;
}

void
fs_skip_clear(struct fs_skips *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].pattern);
	free(l->v);
	memset(l, 0, sizeof *l);
}
