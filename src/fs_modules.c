/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_modules: loaded ELF files and their load bias (see
 * include/fs_modules.h).  The bias of a file is found from any of its
 * mappings: a mapping at file offset O comes from the PT_LOAD segment whose
 * page-aligned offset is O, so bias = start - page-aligned p_vaddr.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs_modules.h"

#define PAGE_MASK_ (~(uint64_t)0xfff)

struct fs_modules {
	struct fs_module **v;
	size_t		   n, cap;
	struct fs_maps	   maps;
	char		 **rejected;	/* paths that are not ELF files */
	size_t		   nrejected;
};

int
fs_modules_new(struct fs_modules **out, struct fs_err *e)
{
	struct fs_modules *m;

	if ((m = calloc(1, sizeof *m)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	*out = m;
	return 0;
}

static void
module_free(struct fs_module *mod)
{
	if (mod == NULL)
		return;
	fs_dwarf_free(mod->dw);
	fs_elf_free(mod->elf);
	free(mod->path);
	free(mod);
}

void
fs_modules_free(struct fs_modules *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		module_free(m->v[i]);
	for (i = 0; i < m->nrejected; i++)
		free(m->rejected[i]);
	free(m->rejected);
	free(m->v);
	fs_maps_clear(&m->maps);
	free(m);
}

static struct fs_module *
module_add(struct fs_modules *m, const char *path, uint64_t inode,
    struct fs_elf *elf)
{
	struct fs_module *mod, **nv;

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;

		if ((nv = realloc(m->v, cap * sizeof *nv)) == NULL)
			return NULL;
		m->v = nv;
		m->cap = cap;
	}
	if ((mod = calloc(1, sizeof *mod)) == NULL)
		return NULL;
	if ((mod->path = strdup(path)) == NULL) {
		free(mod);
		return NULL;
	}
	mod->inode = inode;
	mod->elf = elf;
	m->v[m->n++] = mod;
	return mod;
}

int
fs_modules_set_exec(struct fs_modules *m, const char *path, struct fs_err *e)
{
	struct fs_module *mod;
	struct fs_elf *elf;
	struct stat sb;
	char *real;
	int r;

	if ((r = fs_elf_open(path, &elf, e)) < 0)
		return r;
	if (stat(path, &sb) < 0)
		sb.st_ino = 0;
	/* /proc/PID/maps names files by their absolute, resolved path.  */
	real = realpath(path, NULL);
	mod = module_add(m, real ? real : path, sb.st_ino, elf);
	free(real);
	if (mod == NULL) {
		fs_elf_free(elf);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	mod->is_exec = true;
	return 0;
}

void
fs_modules_unmap(struct fs_modules *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		m->v[i]->mapped = false;
		m->v[i]->lo = m->v[i]->hi = 0;
		m->v[i]->bias = 0;
	}
	fs_maps_clear(&m->maps);
}

static bool
rejected(struct fs_modules *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->nrejected; i++)
		if (strcmp(m->rejected[i], path) == 0)
			return true;
	return false;
}

static void
reject(struct fs_modules *m, const char *path)
{
	char **nv;

	if ((nv = realloc(m->rejected, (m->nrejected + 1) * sizeof *nv)) ==
	    NULL)
		return;
	m->rejected = nv;
	if ((nv[m->nrejected] = strdup(path)) != NULL)
		m->nrejected++;
}

/* The module for the file at PATH with INODE, opened if new.  */
static struct fs_module *
module_for(struct fs_modules *m, const char *path, uint64_t inode)
{
	struct fs_elf *elf;
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i]->path, path) == 0 &&
		    (m->v[i]->inode == inode || m->v[i]->inode == 0 ||
		    inode == 0))
			return m->v[i];
	if (rejected(m, path))
		return NULL;
	if (fs_elf_open(path, &elf, NULL) < 0) {
		reject(m, path);
		return NULL;
	}
	return module_add(m, path, inode, elf);
}

/* Bias of MOD given that runtime START maps file offset OFFSET; returns
   false when no PT_LOAD segment starts at that offset.  */
static bool
bias_from(struct fs_module *mod, uint64_t start, uint64_t offset,
    uint64_t *bias)
{
	const struct fs_segment *seg;
	size_t i, n;

	seg = fs_elf_segments(mod->elf, &n);
	for (i = 0; i < n; i++) {
		if ((seg[i].offset & PAGE_MASK_) == offset) {
			*bias = start - (seg[i].vaddr & PAGE_MASK_);
			return true;
		}
	}
	return false;
}

int
fs_modules_sync(struct fs_modules *m, pid_t pid, struct fs_err *e)
{
	struct fs_module *mod;
	const struct fs_map *mp;
	uint64_t bias, *oldlo;
	size_t i, oldn = m->n;
	int r, changed = 0;

	if ((r = fs_maps_read(pid, &m->maps, e)) < 0)
		return r;
	if ((oldlo = calloc(m->n + 1, sizeof *oldlo)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	for (i = 0; i < m->n; i++) {
		oldlo[i] = m->v[i]->mapped ? m->v[i]->bias + 1 : 0;
		m->v[i]->mapped = false;
		m->v[i]->lo = m->v[i]->hi = 0;
	}
	for (i = 0; i < m->maps.n; i++) {
		mp = &m->maps.v[i];
		if (mp->path[0] != '/' || strncmp(mp->path, "/dev/", 5) == 0)
			continue;
		if ((mod = module_for(m, mp->path, mp->inode)) == NULL)
			continue;
		if (!mod->mapped) {
			if (!bias_from(mod, mp->start, mp->offset, &bias))
				continue;
			mod->bias = bias;
			mod->mapped = true;
			mod->lo = mp->start;
			mod->hi = mp->end;
		} else {
			if (mp->start < mod->lo)
				mod->lo = mp->start;
			if (mp->end > mod->hi)
				mod->hi = mp->end;
		}
	}
	for (i = 0; i < m->n; i++) {
		uint64_t now = m->v[i]->mapped ? m->v[i]->bias + 1 : 0;

		if (now != (i < oldn ? oldlo[i] : 0))
			changed = 1;
	}
	free(oldlo);
	return changed;
}

struct fs_module *
fs_modules_exec(struct fs_modules *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i]->is_exec)
			return m->v[i];
	return NULL;
}

struct fs_module *
fs_modules_at(struct fs_modules *m, uint64_t addr)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i]->mapped && addr >= m->v[i]->lo &&
		    addr < m->v[i]->hi)
			return m->v[i];
	/* Before the process runs, the executable at its file addresses. */
	for (i = 0; i < m->n; i++)
		if (m->v[i]->is_exec && !m->v[i]->mapped)
			return m->v[i];
	return NULL;
}

size_t
fs_modules_count(const struct fs_modules *m)
{
	return m->n;
}

struct fs_module *
fs_modules_get(struct fs_modules *m, size_t i)
{
	return i < m->n ? m->v[i] : NULL;
}

const struct fs_maps *
fs_modules_maps(const struct fs_modules *m)
{
	return &m->maps;
}

struct fs_dwarf *
fs_module_dwarf(struct fs_module *mod)
{
	if (!mod->dw_tried) {
		mod->dw_tried = true;
		if (fs_elf_has_debug_info(mod->elf) &&
		    fs_dwarf_open(mod->path, &mod->dw, NULL) < 0)
			mod->dw = NULL;
	}
	return mod->dw;
}

void
fs_modules_where(struct fs_modules *m, uint64_t pc, uint64_t lookup,
    struct fs_where *w)
{
	const struct fs_sym *sym;
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	const char *name;
	uint64_t lo, hi;

	memset(w, 0, sizeof *w);
	if ((w->mod = fs_modules_at(m, pc)) == NULL)
		return;
	dw = fs_module_dwarf(w->mod);
	if (dw != NULL && fs_dwarf_function_at(dw, lookup - w->mod->bias,
	    &name, &lo, &hi) == 0 && name != NULL) {
		w->func = name;
		w->func_addr = lo + w->mod->bias;
	} else if ((sym = fs_elf_sym_at(w->mod->elf,
	    lookup - w->mod->bias)) != NULL) {
		w->func = sym->name;
		w->func_addr = sym->addr + w->mod->bias;
	}
	if (dw != NULL && fs_dwarf_line_at(dw, lookup - w->mod->bias,
	    &li) == 0 && li.line != 0) {
		w->file = li.file;
		w->fullpath = li.fullpath;
		w->line = li.line;
	}
}

int
fs_modules_find_function(struct fs_modules *m, const char *name,
    uint64_t *addr, struct fs_module **modp)
{
	const struct fs_sym *sym;
	struct fs_module *mod;
	size_t i, pass;

	/* The executable first, then libraries in load order.  */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < m->n; i++) {
			mod = m->v[i];
			if ((pass == 0) != mod->is_exec)
				continue;
			if (!mod->is_exec && !mod->mapped)
				continue;
			if ((sym = fs_elf_sym_lookup(mod->elf, name)) == NULL)
				continue;
			*addr = sym->addr + mod->bias;
			if (modp != NULL)
				*modp = mod;
			return 0;
		}
	}
	return -FS_E_NOENT;
}
