/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_modules: loaded ELF files and their load bias (see
 * include/fs_modules.h).  The bias of a file is found from any of its
 * mappings: a mapping at file offset O comes from the PT_LOAD segment whose
 * page-aligned offset is O, so bias = start - page-aligned p_vaddr.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_modules.h"

#define PAGE_MASK_ (~(uint64_t)0xfff)

struct fs_modules {
	struct fs_module **v;
	size_t		   n, cap;
	struct fs_maps	   maps;
	char		 **rejected;	/* paths that are not ELF files */
	size_t		   nrejected;
	char		  *debug_dir;
	unsigned long	   generation;
	pid_t		   pid;		/* whose maps: its vDSO is read */
	fs_modules_read_fn *read;	/* or, without one, where it is read */
	void		  *read_arg;
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
	fs_elf_free(mod->dbg);
	free(mod->dbgpath);
	free(mod->soname);
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
	free(m->debug_dir);
	free(m->v);
	fs_maps_clear(&m->maps);
	free(m);
}

void
fs_modules_set_debug_dir(struct fs_modules *m, const char *dir)
{
	free(m->debug_dir);
	m->debug_dir = dir != NULL ? strdup(dir) : NULL;
}

/* Open DEBUG for MOD if it is a debug file of MOD (same build ID when
   both have one).  */
static bool
debug_try(struct fs_module *mod, const char *path)
{
	const uint8_t *a, *b;
	struct fs_elf *dbg;
	size_t na, nb;

	if (access(path, R_OK) != 0 || fs_elf_open(path, &dbg, NULL) < 0)
		return false;
	a = fs_elf_build_id(mod->elf, &na);
	b = fs_elf_build_id(dbg, &nb);
	if (a != NULL && b != NULL && (na != nb || memcmp(a, b, na) != 0)) {
		fs_elf_free(dbg);
		return false;
	}
	mod->dbg = dbg;
	mod->dbgpath = strdup(path);
	return true;
}

/* Find the separate debug file of MOD the way gdb does: by build ID
   (DIR/.build-id/xx/yyyy.debug), then by .gnu_debuglink beside the file,
   in its .debug/ and under DIR.  Only worth it for a stripped file.  */
static void
debug_find(struct fs_modules *m, struct fs_module *mod)
{
	const char *dir = m->debug_dir ? m->debug_dir : "/usr/lib/debug";
	const char *link, *slash;
	const uint8_t *id;
	char path[4096];
	size_t n, i, off;

	if (!fs_elf_stripped(mod->elf) && fs_elf_has_debug_info(mod->elf))
		return;
	if ((id = fs_elf_build_id(mod->elf, &n)) != NULL && n > 1) {
		off = (size_t)snprintf(path, sizeof path, "%s/.build-id/%02x/",
		    dir, id[0]);
		for (i = 1; i < n && off + 3 < sizeof path; i++)
			off += (size_t)snprintf(path + off, sizeof path - off,
			    "%02x", id[i]);
		snprintf(path + off, sizeof path - off, ".debug");
		if (debug_try(mod, path))
			return;
	}
	if ((link = fs_elf_debuglink(mod->elf)) == NULL)
		return;
	slash = strrchr(mod->path, '/');
	n = slash ? (size_t)(slash - mod->path) : 0;
	snprintf(path, sizeof path, "%.*s/.debug/%s", (int)n, mod->path, link);
	if (debug_try(mod, path))
		return;
	snprintf(path, sizeof path, "%s%.*s/%s", dir, (int)n, mod->path, link);
	debug_try(mod, path);
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
	debug_find(m, mod);
	return mod;
}

int
fs_modules_set_exec(struct fs_modules *m, const char *path, struct fs_err *e)
{
	struct fs_module *mod;
	struct fs_elf *elf;
	struct stat sb;
	char *real;
	size_t i;
	int r;

	/* A program exec'd that was open already (the same one, or one
	   the process ran before): it is the executable again.  */
	if (m->n > 0 && stat(path, &sb) == 0 &&
	    (real = realpath(path, NULL)) != NULL) {
		for (i = 0; i < m->n; i++)
			if (strcmp(real, m->v[i]->path) == 0 &&
			    (uint64_t)sb.st_ino == m->v[i]->inode)
				break;
		free(real);
		if (i < m->n) {
			mod = m->v[i];
			for (i = 0; i < m->n; i++)
				m->v[i]->is_exec = m->v[i] == mod;
			return 0;
		}
	}
	if ((r = fs_elf_open(path, &elf, e)) < 0)
		return r;
	/* The program's own symbol tables are read at once, so that a
	   corrupt one is refused before anything runs; a library's or a
	   debug file's wait for their first query.  */
	if ((r = fs_elf_load_symbols(elf, e)) < 0) {
		fs_elf_free(elf);
		return r;
	}
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
	/* One executable: an exec replaces the program before.  */
	for (i = 0; i < m->n; i++)
		m->v[i]->is_exec = false;
	mod->is_exec = true;
	return 0;
}

unsigned long
fs_modules_generation(const struct fs_modules *m)
{
	return m->generation;
}

void
fs_modules_unmap(struct fs_modules *m)
{
	size_t i;

	m->generation++;
	for (i = 0; i < m->n; i++) {
		if (m->v[i]->mapped) {
			m->v[i]->last_bias = m->v[i]->bias;
			m->v[i]->last_lo = m->v[i]->lo;
			m->v[i]->last_hi = m->v[i]->hi;
		}
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

/* The module of the vDSO mapped at [START, END) in process m->pid (or,
   replaying a recording, in the memory m->read reads): its image copied
   into a memory file, which fs_elf opens as any other.  The same kernel
   maps the same image: one module serves every process.  */
static struct fs_module *
vdso_module(struct fs_modules *m, uint64_t start, uint64_t end)
{
	struct fs_module *mod;
	struct fs_elf *elf;
	char path[64];
	void *buf;
	ssize_t got;
	size_t i;
	int fd, mfd;

	for (i = 0; i < m->n; i++)
		if (m->v[i]->is_vdso)
			return m->v[i];
	if (rejected(m, "[vdso]") || end <= start || end - start > (1u << 20))
		return NULL;
	snprintf(path, sizeof path, "/proc/%d/mem", (int)m->pid);
	if ((buf = malloc(end - start)) == NULL)
		return NULL;
	got = -1;
	if (m->pid <= 0)
		got = m->read(m->read_arg, start, buf, end - start);
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		got = pread(fd, buf, end - start, (off_t)start);
		close(fd);
	}
	mod = NULL;
	if (got > 0 && (mfd = memfd_create("vdso", MFD_CLOEXEC)) >= 0) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", mfd);
		if (write(mfd, buf, (size_t)got) == got &&
		    fs_elf_open(path, &elf, NULL) == 0 &&
		    (mod = module_add(m, "[vdso]", 0, elf)) == NULL)
			fs_elf_free(elf);
		close(mfd);
	}
	free(buf);
	if (mod == NULL)
		reject(m, "[vdso]");
	else
		mod->is_vdso = true;
	return mod;
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

static int maps_sync(struct fs_modules *, struct fs_err *);

int
fs_modules_sync(struct fs_modules *m, pid_t pid, struct fs_err *e)
{
	int r;

	if ((r = fs_maps_read(pid, &m->maps, e)) < 0)
		return r;
	m->pid = pid;
	m->read = NULL;
	return maps_sync(m, e);
}

int
fs_modules_sync_text(struct fs_modules *m, const char *maps,
    fs_modules_read_fn *read, void *arg, struct fs_err *e)
{
	int r;

	if ((r = fs_maps_parse(maps, &m->maps, e)) < 0)
		return r;
	/* No process to read a vDSO from: the image READ reads, if any.  */
	m->pid = 0;
	m->read = read;
	m->read_arg = arg;
	return maps_sync(m, e);
}

/* Bring the modules up to date with m->maps.  */
static int
maps_sync(struct fs_modules *m, struct fs_err *e)
{
	struct fs_module *mod, *exec;
	const struct fs_map *mp;
	uint64_t bias, *oldlo;
	size_t i, oldn = m->n;
	int changed = 0;

	if ((oldlo = calloc(m->n + 1, sizeof *oldlo)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	for (i = 0; i < m->n; i++) {
		oldlo[i] = m->v[i]->mapped ? m->v[i]->bias + 1 : 0;
		m->v[i]->mapped = false;
		m->v[i]->lo = m->v[i]->hi = 0;
	}
	exec = fs_modules_exec(m);
	for (i = 0; i < m->maps.n; i++) {
		mp = &m->maps.v[i];
		if (strcmp(mp->path, "[vdso]") == 0 && exec != NULL &&
		    fs_elf_arch(exec->elf)->vdso_module &&
		    (m->pid > 0 || m->read != NULL)) {
			if ((mod = vdso_module(m, mp->start, mp->end)) ==
			    NULL)
				continue;
		} else if (mp->path[0] != '/' ||
		    strncmp(mp->path, "/dev/", 5) == 0)
			continue;
		else if ((mod = module_for(m, mp->path, mp->inode)) == NULL)
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
	/* A module's .bss past its file's last page is an anonymous
	   mapping /proc does not name: the module's all the same
	   (tcache_key in the C library), up to its segments' end.  */
	for (i = 0; i < m->n; i++) {
		const struct fs_segment *seg;
		size_t k, ns;
		uint64_t end;

		mod = m->v[i];
		if (!mod->mapped || mod->elf == NULL)
			continue;
		seg = fs_elf_segments(mod->elf, &ns);
		for (k = 0; k < ns; k++) {
			end = mod->bias + seg[k].vaddr + seg[k].memsz;
			if (seg[k].memsz > seg[k].filesz && end > mod->hi &&
			    end - mod->hi < (1u << 30))
				mod->hi = end;
		}
	}
	for (i = 0; i < m->n; i++) {
		uint64_t now = m->v[i]->mapped ? m->v[i]->bias + 1 : 0;

		if (now != (i < oldn ? oldlo[i] : 0))
			changed = 1;
	}
	free(oldlo);
	if (changed)
		m->generation++;
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

/* fs_elf_bytes in the shape fs_dwarf_set_code wants.  */
static const void *
code_bytes(void *elf, uint64_t faddr, size_t len)
{
	return fs_elf_bytes(elf, faddr, len);
}

struct fs_dwarf *
fs_module_dwarf(struct fs_module *mod)
{
	if (!mod->dw_tried) {
		mod->dw_tried = true;
		if (fs_elf_has_debug_info(mod->elf)) {
			if (fs_dwarf_open(mod->path, &mod->dw, NULL) < 0)
				mod->dw = NULL;
		} else if (mod->dbg != NULL &&
		    fs_elf_has_debug_info(mod->dbg)) {
			if (fs_dwarf_open(mod->dbgpath, &mod->dw, NULL) < 0)
				mod->dw = NULL;
			else	/* the debug file has no code of its own */
				fs_dwarf_set_code(mod->dw, code_bytes,
				    mod->elf);
		}
	}
	return mod->dw;
}

const struct fs_sym *
fs_module_sym_at(struct fs_module *mod, uint64_t faddr)
{
	const struct fs_sym *sym = NULL;

	if (mod->dbg != NULL && fs_elf_stripped(mod->elf))
		sym = fs_elf_sym_at(mod->dbg, faddr);
	return sym != NULL ? sym : fs_elf_sym_at(mod->elf, faddr);
}

const struct fs_sym *
fs_module_sym_lookup(struct fs_module *mod, const char *name)
{
	const struct fs_sym *sym = fs_elf_sym_lookup(mod->elf, name);

	if (sym == NULL && mod->dbg != NULL)
		sym = fs_elf_sym_lookup(mod->dbg, name);
	return sym;
}

struct dfl {
	const char	*name;
	size_t		 len;
	char		*sname;		/* NAME's short form, or NULL */
	uint64_t	 addr;
	int		 found;		/* 3: exact, 2: by suffix, 1: short */
};

/* The short form of Rust name NAME: every path inside its angle brackets
   cut to its last part, "<crate::P as crate::T>::f" read as
   "<P as T>::f", as one may write it.  Malloc'd, NULL when NAME has no
   angle brackets (or out of memory).  */
static char *
rust_short(const char *name)
{
	const char *p;
	char *out, *o, *seg;
	int depth = 0;

	if (strchr(name, '<') == NULL || (out = malloc(strlen(name) + 1)) ==
	    NULL)
		return NULL;
	for (p = name, o = seg = out; *p != '\0'; p++) {
		if (depth > 0 && p[0] == ':' && p[1] == ':') {
			/* Drop the path part before "::".  */
			o = seg;
			p++;
			continue;
		}
		if (*p == '<')
			depth++;
		else if (*p == '>' && depth > 0)
			depth--;
		*o++ = *p;
		if (strchr("<>, &*([;", *p) != NULL)
			seg = o;
	}
	*o = '\0';
	return out;
}

/* Whether function name FNAME is NAME or ends in "::NAME".  */
static bool
name_is(const char *fname, const char *name, size_t len, bool *exact)
{
	size_t n = strlen(fname);

	*exact = strcmp(fname, name) == 0;
	return *exact || (n > len + 2 && strcmp(fname + n - len, name) == 0 &&
	    strncmp(fname + n - len - 2, "::", 2) == 0);
}

static int
dfl_fn(const char *fname, uint64_t lo, uint64_t hi, void *arg)
{
	struct dfl *d = arg;
	char *sf;
	bool exact;

	(void)hi;
	if (fname == NULL)
		return 0;
	if (name_is(fname, d->name, d->len, &exact)) {
		if (exact || d->found < 2) {
			d->addr = lo;
			d->found = exact ? 3 : 2;
		}
		return exact;
	}
	if (d->found == 0 && d->sname != NULL &&
	    (sf = rust_short(fname)) != NULL) {
		if (name_is(sf, d->sname, strlen(d->sname), &exact)) {
			d->addr = lo;
			d->found = 1;
		}
		free(sf);
	}
	return 0;
}

int
fs_module_dwarf_func_lookup(struct fs_module *mod, const char *name,
    uint64_t *faddr)
{
	struct fs_dwarf *dw = fs_module_dwarf(mod);
	struct dfl d = { name, strlen(name), NULL, 0, 0 };

	if (dw == NULL || d.len == 0)
		return -FS_E_NOENT;
	/* "<P as T>::f" or "<crate::P as T>::f" for "<crate::P as
	   crate::T>::f".  */
	d.sname = rust_short(name);
	if (fs_dwarf_foreach_function(dw, dfl_fn, &d) == 0 && d.found < 3)
		(void)fs_dwarf_foreach_alias(dw, dfl_fn, &d);
	free(d.sname);
	if (d.found == 0)
		return -FS_E_NOENT;
	*faddr = d.addr;
	return 0;
}

/* W for LOOKUP in W's module, loaded at BIAS.  */
static void
where_in(uint64_t bias, uint64_t lookup, struct fs_where *w)
{
	const struct fs_sym *sym;
	struct fs_lineinfo li;
	struct fs_dwarf *dw;
	const char *name;
	uint64_t lo, hi;

	dw = fs_module_dwarf(w->mod);
	if ((sym = fs_elf_plt_at(w->mod->elf, lookup - bias)) != NULL) {
		w->func = sym->name;
		w->func_addr = sym->addr + bias;
	} else if (dw != NULL && fs_dwarf_function_at(dw, lookup - bias,
	    &name, &lo, &hi) == 0 && name != NULL) {
		w->func = name;
		w->func_addr = lo + bias;
	} else if ((sym = fs_module_sym_at(w->mod, lookup - bias)) != NULL) {
		w->func = sym->name;
		w->func_addr = sym->addr + bias;
	}
	if (dw != NULL && fs_dwarf_line_at(dw, lookup - bias, &li) == 0 &&
	    li.line != 0) {
		w->file = li.file;
		w->fullpath = li.fullpath;
		w->line = li.line;
	}
}

void
fs_modules_where(struct fs_modules *m, uint64_t pc, uint64_t lookup,
    struct fs_where *w)
{
	memset(w, 0, sizeof *w);
	if ((w->mod = fs_modules_at(m, pc)) != NULL)
		where_in(w->mod->bias, lookup, w);
}

void
fs_modules_where_last(struct fs_modules *m, uint64_t addr,
    struct fs_where *w)
{
	size_t i;

	memset(w, 0, sizeof *w);
	for (i = 0; i < m->n; i++)
		if (!m->v[i]->mapped && addr >= m->v[i]->last_lo &&
		    addr < m->v[i]->last_hi) {
			w->mod = m->v[i];
			where_in(m->v[i]->last_bias, addr, w);
			return;
		}
}

const char *
fs_module_name(const struct fs_module *mod)
{
	return mod->soname != NULL ? mod->soname : mod->path;
}

/* Whether NAME (as a program or loader names a library) is the file at
   PATH (as the kernel names it): the same file by its real path, or, when
   that cannot be told (another mount namespace, a recording's paths),
   the same file name.  */
static bool
same_file(const char *name, const char *path)
{
	char real[PATH_MAX];
	const char *a, *b;

	if (realpath(name, real) != NULL)
		return strcmp(real, path) == 0;
	a = strrchr(name, '/');
	b = strrchr(path, '/');
	return strcmp(a != NULL ? a + 1 : name, b != NULL ? b + 1 : path) ==
	    0;
}

/* Module at bias BIAS (any bias: ANY) whose file is NAME takes NAME.  */
static void
set_soname(struct fs_modules *m, uint64_t bias, bool any, const char *name)
{
	struct fs_module *mod;
	size_t i;

	if (name == NULL || name[0] == '\0')
		return;
	/* Named so at an earlier load already: no file to resolve again.  */
	for (i = 0; i < m->n; i++)
		if (m->v[i]->mapped && (any || m->v[i]->bias == bias) &&
		    m->v[i]->soname != NULL && strcmp(m->v[i]->soname, name) == 0)
			return;
	for (i = 0; i < m->n; i++) {
		mod = m->v[i];
		if (!mod->mapped || mod->is_vdso || mod->is_exec ||
		    (!any && mod->bias != bias) || !same_file(name, mod->path))
			continue;
		free(mod->soname);
		mod->soname = strdup(name);
		return;
	}
}

void
fs_modules_set_soname(struct fs_modules *m, uint64_t bias, const char *name)
{
	set_soname(m, bias, false, name);
}

void
fs_modules_name_loader(struct fs_modules *m)
{
	struct fs_module *exec = fs_modules_exec(m);
	const char *interp;

	if (exec != NULL && exec->elf != NULL &&
	    (interp = fs_elf_interp(exec->elf)) != NULL)
		set_soname(m, 0, true, interp);
}

int
fs_modules_find_function(struct fs_modules *m, const char *name,
    uint64_t *addr, struct fs_module **modp)
{
	const struct fs_sym *sym;
	struct fs_module *mod, *exec = fs_modules_exec(m);
	const char *interp = exec != NULL && exec->elf != NULL ?
	    fs_elf_interp(exec->elf) : NULL;
	size_t i, pass, want;
	bool loader;

	/* The executable first, then libraries in the link map's order,
	   where the dynamic loader comes last: its own private copies
	   (getcwd, malloc) are not the C library's.  */
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < m->n; i++) {
			mod = m->v[i];
			loader = interp != NULL && mod->soname != NULL &&
			    strcmp(mod->soname, interp) == 0;
			want = mod->is_exec ? 0 : loader ? 2 : 1;
			if (pass != want)
				continue;
			if (!mod->is_exec && !mod->mapped)
				continue;
			if ((sym = fs_module_sym_lookup(mod, name)) == NULL)
				continue;
			*addr = sym->addr + mod->bias;
			if (modp != NULL)
				*modp = mod;
			return 0;
		}
	}
	return -FS_E_NOENT;
}
