/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_source: cached source files (see include/fs_source.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_source.h"

struct file {
	char	 *path;
	char	 *text;		/* NULL: could not be read */
	size_t	  len;
	size_t	 *starts;	/* offset of each line */
	unsigned  nlines;
};

struct fs_source {
	struct file	*v;
	size_t		 n;
};

struct fs_source *
fs_source_new(void)
{
	return calloc(1, sizeof(struct fs_source));
}

void
fs_source_free(struct fs_source *src)
{
	size_t i;

	if (src == NULL)
		return;
	for (i = 0; i < src->n; i++) {
		free(src->v[i].path);
		free(src->v[i].text);
		free(src->v[i].starts);
	}
	free(src->v);
	free(src);
}

static void
file_load(struct file *f)
{
	FILE *fp;
	long size;
	size_t i, cap = 0;

	if ((fp = fopen(f->path, "re")) == NULL)
		return;
	if (fseek(fp, 0, SEEK_END) < 0 || (size = ftell(fp)) < 0 ||
	    size > 64L * 1024 * 1024 || fseek(fp, 0, SEEK_SET) < 0 ||
	    (f->text = malloc((size_t)size + 1)) == NULL) {
		fclose(fp);
		return;
	}
	f->len = fread(f->text, 1, (size_t)size, fp);
	f->text[f->len] = '\0';
	fclose(fp);
	if (f->len == 0)
		return;		/* an empty file has no lines */
	for (i = 0; i <= f->len; i++) {
		if (i == 0 || f->text[i - 1] == '\n') {
			if (i == f->len && i != 0)
				break;
			if (f->nlines == cap) {
				size_t *n;

				cap = cap ? cap * 2 : 256;
				if ((n = realloc(f->starts, cap *
				    sizeof *n)) == NULL)
					return;
				f->starts = n;
			}
			f->starts[f->nlines++] = i;
		}
	}
}

static struct file *
file_get(struct fs_source *src, const char *path)
{
	struct file *nv, *f;
	size_t i;

	if (src == NULL || path == NULL)
		return NULL;
	for (i = 0; i < src->n; i++)
		if (strcmp(src->v[i].path, path) == 0)
			return &src->v[i];
	if ((nv = realloc(src->v, (src->n + 1) * sizeof *nv)) == NULL)
		return NULL;
	src->v = nv;
	f = &src->v[src->n];
	memset(f, 0, sizeof *f);
	if ((f->path = strdup(path)) == NULL)
		return NULL;
	src->n++;
	file_load(f);
	return f;
}

const char *
fs_source_line(struct fs_source *src, const char *path, unsigned line,
    size_t *len)
{
	struct file *f = file_get(src, path);
	size_t start, end;

	if (f == NULL || f->text == NULL || line == 0 || line > f->nlines)
		return NULL;
	start = f->starts[line - 1];
	end = line < f->nlines ? f->starts[line] : f->len;
	while (end > start && (f->text[end - 1] == '\n' ||
	    f->text[end - 1] == '\r'))
		end--;
	*len = end - start;
	return f->text + start;
}

unsigned
fs_source_nlines(struct fs_source *src, const char *path)
{
	struct file *f = file_get(src, path);

	return f != NULL && f->text != NULL ? f->nlines : 0;
}
