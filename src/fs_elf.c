/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_elf: one ELF file mapped read-only once and parsed through libelf (see
 * include/fs_elf.h).  The file is validated at open (header, program and
 * section header tables, every file range we will ever hand out) so the
 * accessors below only do arithmetic on numbers already known to be sane.
 * Open only walks the headers: the function symbols are read and sorted
 * (O(n log n)) on the first query, and demangling and the name indexes are
 * built on the first call that needs them.  A separate debug file whose
 * DWARF names every frame is then never asked for a symbol at all.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gelf.h>
#include <demangle.h>

#include "fs_elf.h"

/* Longer mangled names are shown as they are: libiberty's C++ demangler
   puts arrays proportional to the name length on the stack, so a hostile
   megabyte-long name would overflow it.  Real names stay far below.  */
#define FS_DEMANGLE_MAX	(16 * 1024)

/* fs_symx.flags */
#define SX_RESOLVED	0x01	/* fs_sym.name is final (else: demangle) */
#define SX_OWNED	0x02	/* fs_sym.name was malloc'd */
#define SX_SYMTAB	0x04	/* came from .symtab (else .dynsym) */
#define SX_UNDERSCORE	0x08	/* display name starts with '_' */

/* What the sort and the preference rules need beside struct fs_sym.  */
struct fs_symx {
	uint8_t		rank;	/* 0 global, 1 weak, 2 local, 3 other */
	uint8_t		flags;
};

/* One entry of a name index: KEY is a NUL-terminated string owned by the
   symbol table (a linkage name, a display name or a tail of one).  */
struct fs_hent {
	const char	*key;
	size_t		 sym;
	uint32_t	 hash;
};

struct fs_htab {
	struct fs_hent	*ent;
	size_t		 mask;	/* capacity - 1; ent is NULL until built */
};

struct fs_elf {
	char		*path;
	void		*map;
	size_t		 mapsz;
	Elf		*elf;
	int		 type;
	uint64_t	 entry;
	const struct fs_arch *arch;
	bool		 stripped;
	bool		 debug_info;
	bool		 has_ehhdr;
	uint64_t	 ehhdr_addr;
	uint64_t	 ehhdr_size;
	bool		 has_dynamic;
	uint64_t	 dynamic_addr;
	uint64_t	 dynamic_size;

	struct fs_segment *segs;
	size_t		 nsegs;

	/* The symbol tables, read on the first query (syms_rc 1 until
	   then, else 0 or the -FS_E_* code, with its message, that every
	   later fs_elf_load_symbols repeats).  */
	Elf_Scn		*symtab_scn;
	Elf_Scn		*dynsym_scn;
	int		 syms_rc;
	char		*syms_msg;

	struct fs_sym	*syms;
	struct fs_symx	*symx;
	size_t		*prev_sized;	/* nearest index <= i with size > 0,
					   or SIZE_MAX */
	size_t		 nsyms;
	size_t		 nunresolved;

	/* Lazily built name indexes for fs_elf_sym_lookup.  */
	struct fs_htab	 by_linkage;
	struct fs_htab	 by_name;
	struct fs_htab	 by_suffix;	/* the tail after every "::" */
	bool		 names_built;

	uint8_t		 build_id[64];
	size_t		 build_id_len;
	char		*debuglink;
	char		*interp;	/* PT_INTERP's path, or NULL */

	/* Data objects, for naming what a pointer points to; read on first
	   use (fs_elf_object_at).  */
	struct fs_sym	*objs;
	size_t		 nobjs;
	bool		 objs_built;

	/* PLT stubs named "printf@plt", as gdb names them; on first use.  */
	struct fs_sym	*plts;
	size_t		 nplts;
	bool		 plts_built;
};

/* A candidate symbol while reading the tables, before dedup and sort.  */
struct fs_rawsym {
	struct fs_sym	sym;
	struct fs_symx	x;
};

/* True when [off, off+len) lies inside a file of SIZE bytes.  */
static bool
range_ok(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* The format error every corrupt-file path reports.  */
static int
corrupt(struct fs_err *e, const char *path, const char *what)
{
	return fs_err_set(e, FS_E_FORMAT, "%s: not an ELF file (%s)", path,
	    what);
}

/* Whether NAME is in a mangling that fs_elf_demangle understands.  */
static bool
looks_mangled(const char *name)
{
	return name[0] == '_' && (name[1] == 'Z' || name[1] == 'R');
}

char *
fs_elf_demangle(const char *name)
{
	char *d, *full, *clone, *r;

	if (name == NULL || !looks_mangled(name))
		return NULL;
	if (strnlen(name, FS_DEMANGLE_MAX + 1) > FS_DEMANGLE_MAX)
		return NULL;
	/* DMGL_AUTO tries Rust (legacy and v0) before the C++ ABI, since a
	   legacy Rust name is also a valid C++ one.  No DMGL_PARAMS: like
	   gdb's backtrace, show `ns::f`, not `ns::f(int)`.  No DMGL_VERBOSE:
	   libiberty then drops the Rust hash and crate disambiguators.  */
	if ((d = cplus_demangle(name, DMGL_ANSI | DMGL_AUTO)) == NULL ||
	    name[1] != 'Z' || strchr(name, '.') == NULL)
		return d;
	/* Without DMGL_PARAMS libiberty also drops GCC's clone suffix, so
	   `f.cold` would read `f` and be taken for `f` itself.  Put the
	   " [clone .cold]" that the full demangling shows back.  */
	if ((full = cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI |
	    DMGL_AUTO)) == NULL)
		return d;
	if ((clone = strstr(full, " [clone ")) != NULL &&
	    strstr(d, " [clone ") == NULL &&
	    asprintf(&r, "%s%s", d, clone) != -1) {
		free(d);
		d = r;
	}
	free(full);
	return d;
}

/* gdb-like preference rank of a binding: lower is better.  */
static uint8_t
bind_rank(unsigned char bind)
{
	switch (bind) {
	case STB_GLOBAL:
	case STB_GNU_UNIQUE:
		return 0;
	case STB_WEAK:
		return 1;
	case STB_LOCAL:
		return 2;
	default:
		return 3;
	}
}

/* Order used to find duplicates: address, linkage name, .symtab first.  */
static int
cmp_dedup(const void *a, const void *b)
{
	const struct fs_rawsym *x = a, *y = b;
	int c;

	if (x->sym.addr != y->sym.addr)
		return x->sym.addr < y->sym.addr ? -1 : 1;
	if ((c = strcmp(x->sym.linkage, y->sym.linkage)) != 0)
		return c;
	return (int)(y->x.flags & SX_SYMTAB) - (int)(x->x.flags & SX_SYMTAB);
}

/* Final order: address, then the preferred symbol of an address first.  */
static int
cmp_final(const void *a, const void *b)
{
	const struct fs_rawsym *x = a, *y = b;
	int ux, uy;

	if (x->sym.addr != y->sym.addr)
		return x->sym.addr < y->sym.addr ? -1 : 1;
	if (x->x.rank != y->x.rank)
		return x->x.rank < y->x.rank ? -1 : 1;
	ux = (x->x.flags & SX_UNDERSCORE) != 0;
	uy = (y->x.flags & SX_UNDERSCORE) != 0;
	if (ux != uy)
		return ux - uy;
	/* A symbol that says its size covers more than one that does not.  */
	if ((x->sym.size == 0) != (y->sym.size == 0))
		return x->sym.size == 0 ? 1 : -1;
	return strcmp(x->sym.linkage, y->sym.linkage);
}

/* Whether section NDX of ME holds code.  */
static bool
code_section(struct fs_elf *me, size_t ndx)
{
	Elf_Scn *scn;
	GElf_Shdr sh;

	return (scn = elf_getscn(me->elf, ndx)) != NULL &&
	    gelf_getshdr(scn, &sh) != NULL && (sh.sh_flags & SHF_EXECINSTR);
}

/* Append the function symbols of symbol table section SCN to *V.  */
static int
read_symtab(struct fs_elf *me, Elf_Scn *scn, const GElf_Shdr *sh,
    bool symtab, struct fs_rawsym **v, size_t *n, size_t *cap,
    struct fs_err *e)
{
	Elf_Scn *strscn;
	GElf_Shdr strsh;
	Elf_Data *d, *sd;
	GElf_Sym s;
	const char *str;
	size_t i, count, strsz, limit;
	unsigned char type;
	const char *nul;

	if ((d = elf_getdata(scn, NULL)) == NULL || d->d_buf == NULL)
		return 0;	/* empty, or nothing libelf can read */
	if (sh->sh_link == 0 ||
	    (strscn = elf_getscn(me->elf, sh->sh_link)) == NULL ||
	    gelf_getshdr(strscn, &strsh) == NULL ||
	    strsh.sh_type != SHT_STRTAB)
		return corrupt(e, me->path, "symbol table without strings");
	if ((sd = elf_getdata(strscn, NULL)) == NULL || sd->d_buf == NULL ||
	    sd->d_size == 0)
		return corrupt(e, me->path, "unreadable string table");
	str = sd->d_buf;
	strsz = sd->d_size;
	/* Names at or past LIMIT are not NUL-terminated inside the table.
	   Found once so each name costs O(1) to check.  */
	if (str[strsz - 1] == '\0')
		limit = strsz;
	else if ((nul = memrchr(str, '\0', strsz)) != NULL)
		limit = (size_t)(nul - str) + 1;
	else
		limit = 0;

	count = d->d_size / gelf_fsize(me->elf, ELF_T_SYM, 1, EV_CURRENT);
	/* Entry 0 is the reserved null symbol; gelf_getsym takes an int.  */
	for (i = 1; i < count && i <= INT32_MAX; i++) {
		if (gelf_getsym(d, (int)i, &s) == NULL)
			break;
		type = GELF_ST_TYPE(s.st_info);
		if (type != STT_FUNC && type != STT_GNU_IFUNC &&
		    type != STT_NOTYPE)
			continue;
		if (s.st_shndx == SHN_UNDEF ||
		    (s.st_shndx >= SHN_LORESERVE && s.st_shndx != SHN_XINDEX))
			continue;
		if (s.st_name >= limit || str[s.st_name] == '\0')
			continue;
		/* A label without a type names code as gdb's minimal symbols
		   do (the dynamic loader's _start) when it is in code, not
		   the end of a section (_edata) or an assembler's local.  */
		if (type == STT_NOTYPE && (s.st_shndx == SHN_XINDEX ||
		    str[s.st_name] == '.' || str[s.st_name] == '$' ||
		    !code_section(me, s.st_shndx)))
			continue;
		if (*n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 1024;
			struct fs_rawsym *nv;

			if ((nv = reallocarray(*v, ncap, sizeof **v)) == NULL)
				return fs_err_set(e, FS_E_NOMEM,
				    "%s: out of memory", me->path);
			*v = nv;
			*cap = ncap;
		}
		(*v)[*n].sym.addr = s.st_value;
		(*v)[*n].sym.size = s.st_size;
		(*v)[*n].sym.linkage = str + s.st_name;
		(*v)[*n].sym.name = str + s.st_name;
		(*v)[*n].x.rank = bind_rank(GELF_ST_BIND(s.st_info));
		(*v)[*n].x.flags = symtab ? SX_SYMTAB : 0;
		/* A mangled name waits for its first use to be demangled;
		   its display name rarely starts with '_', so it does not
		   count as one for the preference order.  */
		if (!looks_mangled(str + s.st_name)) {
			(*v)[*n].x.flags |= SX_RESOLVED;
			if (str[s.st_name] == '_')
				(*v)[*n].x.flags |= SX_UNDERSCORE;
		}
		(*n)++;
	}
	return 0;
}

/* Merge, dedupe and sort the symbols of .symtab and .dynsym into ME.  */
static int
load_symbols(struct fs_elf *me, Elf_Scn *symtab, Elf_Scn *dynsym,
    struct fs_err *e)
{
	struct fs_rawsym *v = NULL;
	GElf_Shdr sh;
	size_t n = 0, cap = 0, i, j, last;
	int rc;

	if (symtab != NULL && gelf_getshdr(symtab, &sh) != NULL &&
	    (rc = read_symtab(me, symtab, &sh, true, &v, &n, &cap, e)) < 0)
		goto fail;
	if (dynsym != NULL && gelf_getshdr(dynsym, &sh) != NULL &&
	    (rc = read_symtab(me, dynsym, &sh, false, &v, &n, &cap, e)) < 0)
		goto fail;

	if (n > 0) {
		qsort(v, n, sizeof *v, cmp_dedup);
		for (i = 1, j = 0; i < n; i++) {
			if (v[i].sym.addr == v[j].sym.addr &&
			    strcmp(v[i].sym.linkage, v[j].sym.linkage) == 0) {
				/* Keep .symtab's entry, but a size the
				   other table knows is still a size.  */
				if (v[j].sym.size == 0)
					v[j].sym.size = v[i].sym.size;
				continue;
			}
			v[++j] = v[i];
		}
		n = j + 1;
		qsort(v, n, sizeof *v, cmp_final);
	}

	if (n == 0) {
		free(v);
		return 0;
	}
	me->syms = calloc(n, sizeof *me->syms);
	me->symx = calloc(n, sizeof *me->symx);
	me->prev_sized = calloc(n, sizeof *me->prev_sized);
	if (me->syms == NULL || me->symx == NULL || me->prev_sized == NULL) {
		rc = fs_err_set(e, FS_E_NOMEM, "%s: out of memory", me->path);
		goto fail;
	}
	last = SIZE_MAX;
	for (i = 0; i < n; i++) {
		me->syms[i] = v[i].sym;
		me->symx[i] = v[i].x;
		if (!(v[i].x.flags & SX_RESOLVED))
			me->nunresolved++;
		if (v[i].sym.size != 0)
			last = i;
		me->prev_sized[i] = last;
	}
	me->nsyms = n;	/* only now does fs_elf_free walk the arrays */
	free(v);
	return 0;
fail:
	free(v);
	free(me->syms);
	free(me->symx);
	free(me->prev_sized);
	me->syms = NULL;
	me->symx = NULL;
	me->prev_sized = NULL;
	me->nunresolved = 0;
	return rc;
}

/* Read the program headers: PT_LOAD segments and PT_GNU_EH_FRAME.  */
static int
load_segments(struct fs_elf *me, struct fs_err *e)
{
	GElf_Phdr ph;
	size_t phnum, i;

	if (elf_getphdrnum(me->elf, &phnum) != 0)
		return corrupt(e, me->path, "bad program header count");
	if (phnum == 0)
		return 0;
	if ((me->segs = calloc(phnum, sizeof *me->segs)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "%s: out of memory", me->path);
	for (i = 0; i < phnum; i++) {
		if (i > INT32_MAX || gelf_getphdr(me->elf, (int)i, &ph) == NULL)
			return corrupt(e, me->path, "truncated program headers");
		if (ph.p_type == PT_GNU_EH_FRAME) {
			if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
				return corrupt(e, me->path,
				    "bad PT_GNU_EH_FRAME");
			me->has_ehhdr = true;
			me->ehhdr_addr = ph.p_vaddr;
			me->ehhdr_size = ph.p_memsz;
			continue;
		}
		if (ph.p_type == PT_INTERP && me->interp == NULL &&
		    ph.p_filesz > 1 && ph.p_filesz < 4096 &&
		    range_ok(ph.p_offset, ph.p_filesz, me->mapsz)) {
			me->interp = strndup((const char *)me->map +
			    ph.p_offset, ph.p_filesz);
			continue;
		}
		if (ph.p_type == PT_DYNAMIC && !me->has_dynamic) {
			me->has_dynamic = true;
			me->dynamic_addr = ph.p_vaddr;
			me->dynamic_size = ph.p_memsz;
			continue;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		/* Checked here once so fs_elf_bytes can trust the numbers.  */
		if (!range_ok(ph.p_offset, ph.p_filesz, me->mapsz))
			return corrupt(e, me->path,
			    "truncated: a segment lies past the end");
		if (ph.p_filesz > ph.p_memsz ||
		    ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
			return corrupt(e, me->path, "bad PT_LOAD segment");
		me->segs[me->nsegs].vaddr = ph.p_vaddr;
		me->segs[me->nsegs].memsz = ph.p_memsz;
		me->segs[me->nsegs].offset = ph.p_offset;
		me->segs[me->nsegs].filesz = ph.p_filesz;
		me->segs[me->nsegs].flags = ph.p_flags & (PF_R | PF_W | PF_X);
		me->nsegs++;
	}
	return 0;
}

/* Take the GNU build ID from the note section SH, if it holds one.  The
   section was checked to lie inside the file.  */
static void
read_build_id(struct fs_elf *me, const GElf_Shdr *sh)
{
	const uint8_t *p = (const uint8_t *)me->map + sh->sh_offset;
	const uint8_t *end = p + sh->sh_size;
	uint32_t namesz, descsz, type;

	while (end - p >= 12 && me->build_id_len == 0) {
		memcpy(&namesz, p, 4);
		memcpy(&descsz, p + 4, 4);
		memcpy(&type, p + 8, 4);
		p += 12;
		if (namesz > (size_t)(end - p) ||
		    ((namesz + 3) & ~3U) > (size_t)(end - p))
			return;
		if (type == NT_GNU_BUILD_ID && namesz == 4 &&
		    memcmp(p, "GNU", 4) == 0 && descsz > 0 &&
		    descsz <= sizeof me->build_id &&
		    descsz <= (size_t)(end - p) - 4) {
			memcpy(me->build_id, p + 4, descsz);
			me->build_id_len = descsz;
			return;
		}
		p += (namesz + 3) & ~3U;
		if (((descsz + 3) & ~3U) > (size_t)(end - p))
			return;
		p += (descsz + 3) & ~3U;
	}
}

/* Walk the section headers: find the symbol tables and .debug_info, and
   check that no section claims bytes past the end of the file.  */
static int
load_sections(struct fs_elf *me, Elf_Scn **symtab, Elf_Scn **dynsym,
    struct fs_err *e)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx;
	const char *name;
	bool have_names;

	*symtab = *dynsym = NULL;
	have_names = elf_getshdrstrndx(me->elf, &shstrndx) == 0 &&
	    shstrndx != SHN_UNDEF;
	while ((scn = elf_nextscn(me->elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL)
			return corrupt(e, me->path, "bad section header");
		if (sh.sh_type != SHT_NOBITS &&
		    !range_ok(sh.sh_offset, sh.sh_size, me->mapsz))
			return corrupt(e, me->path,
			    "truncated: a section lies past the end");
		if (sh.sh_type == SHT_NOTE && sh.sh_size > 0)
			read_build_id(me, &sh);
		if (sh.sh_type == SHT_SYMTAB && *symtab == NULL)
			*symtab = scn;
		else if (sh.sh_type == SHT_DYNSYM && *dynsym == NULL)
			*dynsym = scn;
		if (!have_names || sh.sh_type == SHT_NOBITS ||
		    sh.sh_size == 0)
			continue;
		/* elf_strptr checks the index and the terminating NUL.  */
		name = elf_strptr(me->elf, shstrndx, sh.sh_name);
		if (name != NULL && (strcmp(name, ".debug_info") == 0 ||
		    strcmp(name, ".zdebug_info") == 0))
			me->debug_info = true;
		if (name != NULL && strcmp(name, ".gnu_debuglink") == 0 &&
		    me->debuglink == NULL) {
			const char *p = (const char *)me->map + sh.sh_offset;
			size_t len = strnlen(p, sh.sh_size);

			if (len > 0 && len < sh.sh_size && memchr(p, '/', len)
			    == NULL)
				me->debuglink = strndup(p, len);
		}
	}
	me->stripped = *symtab == NULL;
	return 0;
}

/* Check the ELF header and the extent of its program and section header
   tables by hand, before libelf sees the file, so that everything libelf
   parses later is known to lie inside the mapping.  */
static int
check_header(struct fs_elf *me, struct fs_err *e)
{
	const unsigned char *id = me->map;
	Elf64_Ehdr eh;
	uint64_t shnum, phnum, shent, phent, sh0_size, sh0_info;
	bool c32;

	if (me->mapsz < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG) != 0)
		return fs_err_set(e, FS_E_FORMAT, "%s: not an ELF file",
		    me->path);
	if ((id[EI_CLASS] != ELFCLASS64 && id[EI_CLASS] != ELFCLASS32) ||
	    id[EI_DATA] != ELFDATA2LSB)
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: not an x86-64 ELF file (nor i386)", me->path);
	c32 = id[EI_CLASS] == ELFCLASS32;
	if (me->mapsz < (c32 ? sizeof(Elf32_Ehdr) : sizeof eh))
		return corrupt(e, me->path, "truncated header");
	/* Both are little-endian; an i386 header is read into the 64-bit
	   one, field by field.  */
	if (c32) {
		Elf32_Ehdr h;

		memcpy(&h, me->map, sizeof h);
		memset(&eh, 0, sizeof eh);
		eh.e_type = h.e_type;
		eh.e_machine = h.e_machine;
		eh.e_entry = h.e_entry;
		eh.e_phoff = h.e_phoff;
		eh.e_shoff = h.e_shoff;
		eh.e_phentsize = h.e_phentsize;
		eh.e_phnum = h.e_phnum;
		eh.e_shentsize = h.e_shentsize;
		eh.e_shnum = h.e_shnum;
	} else
		memcpy(&eh, me->map, sizeof eh);
	if ((me->arch = fs_arch_of_elf(id[EI_CLASS], eh.e_machine)) == NULL)
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: not an x86-64 ELF file (nor i386)", me->path);
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: not an executable or shared object", me->path);
	shent = c32 ? sizeof(Elf32_Shdr) : sizeof(Elf64_Shdr);
	phent = c32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);

	/* Extended numbering keeps the real counts in section header 0.  */
	shnum = eh.e_shnum;
	phnum = eh.e_phnum;
	if (eh.e_shoff != 0 && (shnum == 0 || phnum == PN_XNUM)) {
		if (eh.e_shentsize != shent ||
		    !range_ok(eh.e_shoff, shent, me->mapsz))
			return corrupt(e, me->path,
			    "truncated: section headers past the end");
		if (c32) {
			Elf32_Shdr sh0;

			memcpy(&sh0, (const char *)me->map + eh.e_shoff,
			    sizeof sh0);
			sh0_size = sh0.sh_size;
			sh0_info = sh0.sh_info;
		} else {
			Elf64_Shdr sh0;

			memcpy(&sh0, (const char *)me->map + eh.e_shoff,
			    sizeof sh0);
			sh0_size = sh0.sh_size;
			sh0_info = sh0.sh_info;
		}
		if (shnum == 0)
			shnum = sh0_size;
		if (phnum == PN_XNUM)
			phnum = sh0_info;
	}
	if (phnum > 0 && (eh.e_phentsize != phent ||
	    phnum > me->mapsz / phent ||
	    !range_ok(eh.e_phoff, phnum * phent, me->mapsz)))
		return corrupt(e, me->path,
		    "truncated: program headers past the end");
	if (eh.e_shoff != 0 && (eh.e_shentsize != shent ||
	    shnum > me->mapsz / shent ||
	    !range_ok(eh.e_shoff, shnum * shent, me->mapsz)))
		return corrupt(e, me->path,
		    "truncated: section headers past the end");
	me->type = eh.e_type;
	me->entry = eh.e_entry;

	if ((me->elf = elf_memory(me->map, me->mapsz)) == NULL ||
	    elf_kind(me->elf) != ELF_K_ELF)
		return fs_err_set(e, FS_E_FORMAT, "%s: not an ELF file",
		    me->path);
	return 0;
}

int
fs_elf_open(const char *path, struct fs_elf **out, struct fs_err *e)
{
	struct fs_elf *me;
	struct stat st;
	Elf_Scn *symtab, *dynsym;
	int fd, rc;

	*out = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return fs_err_set(e, FS_E_SYS, "libelf: %s",
		    elf_errmsg(-1));
	/* O_NONBLOCK so that a FIFO given by mistake does not hang us.  */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return fs_err_set(e, FS_E_NOENT, "%s: %s", path,
			    strerror(errno));
		return fs_err_sys(e, "%s", path);
	}
	if (fstat(fd, &st) == -1) {
		rc = fs_err_sys(e, "%s", path);
		close(fd);
		return rc;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fs_err_set(e, FS_E_SYS, "%s: is a directory", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fs_err_set(e, FS_E_FORMAT,
		    "%s: not an ELF file (not a regular file)", path);
	}
	if ((uint64_t)st.st_size < EI_NIDENT) {
		close(fd);
		return fs_err_set(e, FS_E_FORMAT, "%s: not an ELF file", path);
	}

	if ((me = calloc(1, sizeof *me)) == NULL ||
	    (me->path = strdup(path)) == NULL) {
		free(me);
		close(fd);
		return fs_err_set(e, FS_E_NOMEM, "%s: out of memory", path);
	}
	me->mapsz = (size_t)st.st_size;
	me->map = mmap(NULL, me->mapsz, PROT_READ, MAP_PRIVATE, fd, 0);
	if (me->map == MAP_FAILED) {
		me->map = NULL;
		rc = fs_err_sys(e, "%s: mmap", path);
		close(fd);
		fs_elf_free(me);
		return rc;
	}
	close(fd);	/* the mapping keeps the file */

	if ((rc = check_header(me, e)) < 0 ||
	    (rc = load_segments(me, e)) < 0 ||
	    (rc = load_sections(me, &symtab, &dynsym, e)) < 0) {
		fs_elf_free(me);
		return rc;
	}
	me->symtab_scn = symtab;
	me->dynsym_scn = dynsym;
	me->syms_rc = 1;
	*out = me;
	return 0;
}

int
fs_elf_load_symbols(const struct fs_elf *elf, struct fs_err *e)
{
	struct fs_elf *me = (struct fs_elf *)elf;	/* see mut() */
	struct fs_err err;

	if (me->syms_rc == 1) {
		fs_err_clear(&err);
		me->syms_rc = load_symbols(me, me->symtab_scn,
		    me->dynsym_scn, &err);
		if (me->syms_rc < 0)
			me->syms_msg = strdup(err.msg);
	}
	if (me->syms_rc < 0)
		return fs_err_set(e, -me->syms_rc, "%s", me->syms_msg != NULL ?
		    me->syms_msg : "symbol table unreadable");
	return 0;
}

void
fs_elf_free(struct fs_elf *elf)
{
	size_t i;

	if (elf == NULL)
		return;
	for (i = 0; i < elf->nsyms; i++)
		if (elf->symx[i].flags & SX_OWNED)
			free((char *)elf->syms[i].name);
	free(elf->by_linkage.ent);
	free(elf->by_name.ent);
	free(elf->by_suffix.ent);
	free(elf->syms);
	free(elf->symx);
	free(elf->prev_sized);
	free(elf->segs);
	free(elf->debuglink);
	free(elf->interp);
	free(elf->syms_msg);
	for (i = 0; i < elf->nobjs; i++)
		if (elf->objs[i].name != elf->objs[i].linkage)
			free((char *)elf->objs[i].name);
	free(elf->objs);
	for (i = 0; i < elf->nplts; i++)
		free((char *)elf->plts[i].name);
	free(elf->plts);
	if (elf->elf != NULL)
		elf_end(elf->elf);
	if (elf->map != NULL)
		munmap(elf->map, elf->mapsz);
	free(elf->path);
	free(elf);
}

const uint8_t *
fs_elf_build_id(const struct fs_elf *elf, size_t *len)
{
	*len = elf->build_id_len;
	return elf->build_id_len ? elf->build_id : NULL;
}

const char *
fs_elf_debuglink(const struct fs_elf *elf)
{
	return elf->debuglink;
}

const struct fs_arch *
fs_elf_arch(const struct fs_elf *elf)
{
	return elf->arch;
}

const char *
fs_elf_path(const struct fs_elf *elf)
{
	return elf->path;
}

int
fs_elf_type(const struct fs_elf *elf)
{
	return elf->type;
}

uint64_t
fs_elf_entry(const struct fs_elf *elf)
{
	return elf->entry;
}

bool
fs_elf_stripped(const struct fs_elf *elf)
{
	return elf->stripped;
}

bool
fs_elf_has_debug_info(const struct fs_elf *elf)
{
	return elf->debug_info;
}

const struct fs_segment *
fs_elf_segments(const struct fs_elf *elf, size_t *n)
{
	*n = elf->nsegs;
	return elf->segs;
}

/* The caches of a const handle are filled on demand; every handle is
   allocated non-const by fs_elf_open, so casting the const away is sound.
   Not safe against concurrent callers on one handle.  */
static struct fs_elf *
mut(const struct fs_elf *elf)
{
	return (struct fs_elf *)elf;
}

/* Give symbol I its display name, demangling on first use.  */
static const struct fs_sym *
resolve(struct fs_elf *me, size_t i)
{
	struct fs_sym *s = &me->syms[i];
	struct fs_symx *x = &me->symx[i];
	char *d;

	if (x->flags & SX_RESOLVED)
		return s;
	if ((d = fs_elf_demangle(s->linkage)) != NULL) {
		s->name = d;
		x->flags |= SX_OWNED;
	}
	x->flags |= SX_RESOLVED;
	me->nunresolved--;
	return s;
}

/* Demangle every name still waiting for it.  */
static void
resolve_all(struct fs_elf *me)
{
	size_t i;

	for (i = 0; i < me->nsyms && me->nunresolved > 0; i++)
		resolve(me, i);
}

const struct fs_sym *
fs_elf_symbols(const struct fs_elf *elf, size_t *n)
{
	(void)fs_elf_load_symbols(elf, NULL);
	resolve_all(mut(elf));
	*n = elf->nsyms;
	return elf->syms;
}

/* Index of the first symbol whose address is greater than ADDR.  */
static size_t
upper_bound(const struct fs_elf *elf, uint64_t addr)
{
	size_t lo = 0, hi = elf->nsyms, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (elf->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first symbol whose address is ADDR or greater.  */
static size_t
lower_bound(const struct fs_elf *elf, uint64_t addr)
{
	size_t lo = 0, hi = elf->nsyms, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (elf->syms[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The executable PT_LOAD segment holding FADDR, or NULL.  */
static const struct fs_segment *
exec_segment(const struct fs_elf *elf, uint64_t faddr)
{
	size_t i;

	for (i = 0; i < elf->nsegs; i++)
		if ((elf->segs[i].flags & PF_X) &&
		    faddr >= elf->segs[i].vaddr &&
		    faddr - elf->segs[i].vaddr < elf->segs[i].memsz)
			return &elf->segs[i];
	return NULL;
}

/* Of the symbols from index FIRST on that share an address, the one
   gdb's lookup_minimal_symbol_by_pc takes for FADDR: its symbols at an
   address are sorted by name and it starts from the last, passing over
   one without a size, a local one just after a global or weak one of
   the same size, and one that ends before FADDR when the one before
   reaches past it.  SIZE_MAX when none has a size that covers FADDR.  */
static size_t
gdb_pick(const struct fs_elf *elf, size_t first, uint64_t faddr)
{
	size_t v[64], n = 0, i, j, t;
	uint64_t a = elf->syms[first].addr;

	for (i = first; i < elf->nsyms && elf->syms[i].addr == a && n < 64;
	    i++)
		v[n++] = i;
	/* By linkage name (insertion: a handful at most).  */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(elf->syms[v[j - 1]].linkage,
		    elf->syms[v[j]].linkage) > 0; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = n; i-- > 0;) {
		const struct fs_sym *x = &elf->syms[v[i]];

		if (x->size == 0)
			continue;
		if (i > 0 && elf->symx[v[i]].rank == 2 &&
		    elf->symx[v[i - 1]].rank < 2 &&
		    elf->syms[v[i - 1]].size == x->size)
			continue;
		if (faddr - a >= x->size) {
			if (i > 0 && faddr - a < elf->syms[v[i - 1]].size)
				continue;
			return SIZE_MAX;
		}
		return v[i];
	}
	return SIZE_MAX;
}

const struct fs_sym *
fs_elf_sym_at(const struct fs_elf *elf, uint64_t faddr)
{
	const struct fs_segment *seg;
	size_t top, i, s, g;
	uint64_t a;

	(void)fs_elf_load_symbols(elf, NULL);
	if ((top = upper_bound(elf, faddr)) == 0)
		return NULL;
	top--;

	/* Like gdb: the nearest symbol with a size wins if it covers FADDR;
	   of those that share its address, the one gdb's minimal symbols
	   give.  */
	if ((s = elf->prev_sized[top]) != SIZE_MAX) {
		a = elf->syms[s].addr;
		g = lower_bound(elf, a);
		if ((g = gdb_pick(elf, g, faddr)) != SIZE_MAX)
			return resolve(mut(elf), g);
	}

	/* Else the nearest size-0 symbol below, if it and FADDR are in the
	   same executable segment: without a size, that is all we know.  */
	a = elf->syms[top].addr;
	if ((seg = exec_segment(elf, faddr)) == NULL ||
	    a < seg->vaddr || a - seg->vaddr >= seg->memsz)
		return NULL;
	for (i = lower_bound(elf, a); i <= top; i++)
		if (elf->syms[i].size == 0)
			return resolve(mut(elf), i);
	return NULL;
}

/* FNV-1a of a NUL-terminated string.  */
static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Whether symbol A is a better answer for a name than symbol B.  */
static bool
sym_better(const struct fs_elf *elf, size_t a, size_t b)
{
	const struct fs_symx *x = &elf->symx[a], *y = &elf->symx[b];

	if (x->rank != y->rank)
		return x->rank < y->rank;
	if ((x->flags & SX_UNDERSCORE) != (y->flags & SX_UNDERSCORE))
		return !(x->flags & SX_UNDERSCORE);
	return a < b;	/* lower address */
}

/* Allocate table T for up to N keys at a load factor of at most 1/2.  */
static bool
htab_init(struct fs_htab *t, size_t n)
{
	size_t cap = 16;

	while (cap < n * 2 && cap < SIZE_MAX / 4)
		cap *= 2;
	if ((t->ent = calloc(cap, sizeof *t->ent)) == NULL)
		return false;
	t->mask = cap - 1;
	return true;
}

/* Insert KEY for symbol SYM, keeping the better symbol on a clash.  */
static void
htab_put(const struct fs_elf *elf, struct fs_htab *t, const char *key,
    size_t sym)
{
	uint32_t h = hash_str(key);
	size_t i = h & t->mask;

	while (t->ent[i].key != NULL) {
		if (t->ent[i].hash == h && strcmp(t->ent[i].key, key) == 0) {
			if (sym_better(elf, sym, t->ent[i].sym))
				t->ent[i].sym = sym;
			return;
		}
		i = (i + 1) & t->mask;
	}
	t->ent[i].key = key;
	t->ent[i].hash = h;
	t->ent[i].sym = sym;
}

/* The symbol stored under KEY, or NULL.  */
static const struct fs_sym *
htab_get(struct fs_elf *me, const struct fs_htab *t, const char *key)
{
	uint32_t h;
	size_t i;

	if (t->ent == NULL)
		return NULL;
	h = hash_str(key);
	for (i = h & t->mask; t->ent[i].key != NULL; i = (i + 1) & t->mask)
		if (t->ent[i].hash == h && strcmp(t->ent[i].key, key) == 0)
			return resolve(me, t->ent[i].sym);
	return NULL;
}

/* Build the linkage-name index.  False when out of memory.  */
static bool
build_linkage(struct fs_elf *me)
{
	size_t i;

	if (me->by_linkage.ent != NULL)
		return true;
	if (!htab_init(&me->by_linkage, me->nsyms))
		return false;
	for (i = 0; i < me->nsyms; i++)
		htab_put(me, &me->by_linkage, me->syms[i].linkage, i);
	return true;
}

/* Build the display-name and "::" suffix indexes; this is what pays for
   demangling every name, so it only runs when a lookup needs it.  */
static bool
build_names(struct fs_elf *me)
{
	const char *p;
	size_t i, nsfx = 0;

	if (me->names_built)
		return true;
	resolve_all(me);
	for (i = 0; i < me->nsyms; i++)
		for (p = me->syms[i].name; (p = strstr(p, "::")) != NULL;
		    p += 2)
			nsfx++;
	if (!htab_init(&me->by_name, me->nsyms) ||
	    !htab_init(&me->by_suffix, nsfx)) {
		free(me->by_name.ent);
		free(me->by_suffix.ent);
		me->by_name.ent = me->by_suffix.ent = NULL;
		return false;
	}
	for (i = 0; i < me->nsyms; i++) {
		htab_put(me, &me->by_name, me->syms[i].name, i);
		for (p = me->syms[i].name; (p = strstr(p, "::")) != NULL;
		    p += 2)
			if (p[2] != '\0')
				htab_put(me, &me->by_suffix, p + 2, i);
	}
	me->names_built = true;
	return true;
}

const struct fs_sym *
fs_elf_sym_lookup(const struct fs_elf *elf, const char *name)
{
	struct fs_elf *me = mut(elf);
	const struct fs_sym *s;

	(void)fs_elf_load_symbols(elf, NULL);
	if (name == NULL || name[0] == '\0' || me->nsyms == 0)
		return NULL;
	/* Out of memory only costs the answer, never correctness.  */
	if (build_linkage(me) &&
	    (s = htab_get(me, &me->by_linkage, name)) != NULL)
		return s;
	if (!build_names(me))
		return NULL;
	if ((s = htab_get(me, &me->by_name, name)) != NULL)
		return s;
	return htab_get(me, &me->by_suffix, name);
}

const void *
fs_elf_bytes(const struct fs_elf *elf, uint64_t faddr, size_t len)
{
	const struct fs_segment *sg;
	uint64_t off;
	size_t i;

	for (i = 0; i < elf->nsegs; i++) {
		sg = &elf->segs[i];
		if (faddr < sg->vaddr)
			continue;
		off = faddr - sg->vaddr;
		/* filesz and offset were checked against the file at open.  */
		if (off < sg->filesz && len <= sg->filesz - off)
			return (const char *)elf->map + sg->offset + off;
	}
	return NULL;
}

int
fs_elf_eh_frame_hdr(const struct fs_elf *elf, uint64_t *faddr,
    uint64_t *size)
{
	if (!elf->has_ehhdr)
		return -FS_E_NOENT;
	*faddr = elf->ehhdr_addr;
	*size = elf->ehhdr_size;
	return 0;
}

const char *
fs_elf_interp(const struct fs_elf *elf)
{
	return elf->interp;
}

int
fs_elf_dynamic(const struct fs_elf *elf, uint64_t *faddr, uint64_t *size)
{
	if (!elf->has_dynamic)
		return -FS_E_NOENT;
	*faddr = elf->dynamic_addr;
	*size = elf->dynamic_size;
	return 0;
}

/* The PLT's relocations are read only when a step goes through a PLT
   stub, so they are looked up in place rather than indexed at open.  */
/* The GOT slot relocation (R_X86_64_JUMP_SLOT or GLOB_DAT, i386's
   JMP_SLOT or GLOB_DAT) at GOT_FADDR, or, with NAME, the first one bound
   to NAME: its symbol's name, *SLOT its file address.  */
static const char *
got_reloc(const struct fs_elf *elf, uint64_t got_faddr, const char *name,
    uint64_t *slot)
{
	Elf_Scn *scn = NULL, *symscn;
	GElf_Shdr sh, symsh;
	GElf_Rela rela;
	GElf_Rel rel;
	GElf_Sym sym;
	Elf_Data *data, *symdata;
	size_t i, n, type;
	const char *sname;

	while ((scn = elf_nextscn(elf->elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL || (sh.sh_type != SHT_RELA &&
		    sh.sh_type != SHT_REL) || sh.sh_entsize == 0)
			continue;
		if ((symscn = elf_getscn(elf->elf, sh.sh_link)) == NULL ||
		    gelf_getshdr(symscn, &symsh) == NULL ||
		    symsh.sh_type != SHT_DYNSYM ||
		    (data = elf_getdata(scn, NULL)) == NULL ||
		    (symdata = elf_getdata(symscn, NULL)) == NULL)
			continue;
		n = sh.sh_size / sh.sh_entsize;
		for (i = 0; i < n && i <= INT32_MAX; i++) {
			/* i386 has no addends: its REL entries are RELA's
			   first two fields.  */
			if (sh.sh_type == SHT_REL) {
				if (gelf_getrel(data, (int)i, &rel) == NULL)
					break;
				rela.r_offset = rel.r_offset;
				rela.r_info = rel.r_info;
			} else if (gelf_getrela(data, (int)i, &rela) == NULL)
				break;
			type = GELF_R_TYPE(rela.r_info);
			if ((name == NULL && rela.r_offset != got_faddr) ||
			    (elf->arch == &fs_arch_x86_64 ?
			    type != R_X86_64_JUMP_SLOT &&
			    type != R_X86_64_GLOB_DAT :
			    type != R_386_JMP_SLOT && type != R_386_GLOB_DAT))
				continue;
			if (gelf_getsym(symdata, (int)GELF_R_SYM(rela.r_info),
			    &sym) == NULL || sym.st_name == 0 ||
			    (sname = elf_strptr(elf->elf, symsh.sh_link,
			    sym.st_name)) == NULL) {
				if (name == NULL)
					return NULL;
				continue;
			}
			if (name != NULL && strcmp(sname, name) != 0)
				continue;
			if (slot != NULL)
				*slot = rela.r_offset;
			return sname;
		}
	}
	return NULL;
}

const char *
fs_elf_got_name(const struct fs_elf *elf, uint64_t got_faddr)
{
	return got_reloc(elf, got_faddr, NULL, NULL);
}

uint64_t
fs_elf_got_slot(const struct fs_elf *elf, const char *name)
{
	uint64_t slot = 0;

	return got_reloc(elf, 0, name, &slot) != NULL ? slot : 0;
}

bool
fs_elf_sym_ifunc(const struct fs_elf *elf, const char *name)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	GElf_Sym sym;
	Elf_Data *data;
	const char *sname;
	size_t i, n;

	while ((scn = elf_nextscn(elf->elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL || (sh.sh_type != SHT_SYMTAB &&
		    sh.sh_type != SHT_DYNSYM) || sh.sh_entsize == 0 ||
		    (data = elf_getdata(scn, NULL)) == NULL)
			continue;
		n = sh.sh_size / sh.sh_entsize;
		for (i = 1; i < n && i <= INT32_MAX; i++)
			if (gelf_getsym(data, (int)i, &sym) != NULL &&
			    GELF_ST_TYPE(sym.st_info) == STT_GNU_IFUNC &&
			    sym.st_shndx != SHN_UNDEF && sym.st_name != 0 &&
			    (sname = elf_strptr(elf->elf, sh.sh_link,
			    sym.st_name)) != NULL && strcmp(sname, name) == 0)
				return true;
	}
	return false;
}

static int
cmp_obj(const void *a, const void *b)
{
	const struct fs_sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (x->size < y->size) - (x->size > y->size);
}

/* The STT_OBJECT symbols of .symtab, else .dynsym, sorted.  */
static void
build_objects(struct fs_elf *me)
{
	Elf_Scn *scn = NULL, *best = NULL, *strscn;
	GElf_Shdr sh, strsh;
	GElf_Sym sym;
	Elf_Data *d, *sd;
	struct fs_sym *v;
	const char *str, *name, *dot;
	size_t i, count, cap = 0;
	char *dm;

	me->objs_built = true;
	while ((scn = elf_nextscn(me->elf, scn)) != NULL)
		if (gelf_getshdr(scn, &sh) != NULL && (sh.sh_type ==
		    SHT_SYMTAB || (sh.sh_type == SHT_DYNSYM && best == NULL)))
			best = scn;
	if (best == NULL || gelf_getshdr(best, &sh) == NULL ||
	    (d = elf_getdata(best, NULL)) == NULL || d->d_buf == NULL ||
	    (strscn = elf_getscn(me->elf, sh.sh_link)) == NULL ||
	    gelf_getshdr(strscn, &strsh) == NULL ||
	    strsh.sh_type != SHT_STRTAB ||
	    (sd = elf_getdata(strscn, NULL)) == NULL || sd->d_buf == NULL ||
	    sd->d_size == 0)
		return;
	str = sd->d_buf;
	count = d->d_size / gelf_fsize(me->elf, ELF_T_SYM, 1, EV_CURRENT);
	for (i = 1; i < count && i <= INT32_MAX; i++) {
		if (gelf_getsym(d, (int)i, &sym) == NULL)
			break;
		if (GELF_ST_TYPE(sym.st_info) != STT_OBJECT ||
		    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE ||
		    sym.st_name >= sd->d_size ||
		    memchr(str + sym.st_name, '\0', sd->d_size - sym.st_name)
		    == NULL || str[sym.st_name] == '\0')
			continue;
		if (me->nobjs == cap) {
			cap = cap ? cap * 2 : 256;
			if ((v = reallocarray(me->objs, cap, sizeof *v)) == NULL)
				break;
			me->objs = v;
		}
		name = str + sym.st_name;
		v = &me->objs[me->nobjs++];
		v->addr = sym.st_value;
		v->size = sym.st_size;
		v->linkage = name;
		v->name = looks_mangled(name) && (dm = fs_elf_demangle(name)) !=
		    NULL ? dm : name;
		/* gcc names a function's static `altstack' "altstack.0";
		   gdb shows <altstack>.  */
		if (v->name == name && GELF_ST_BIND(sym.st_info) == STB_LOCAL &&
		    (dot = strrchr(name, '.')) != NULL && dot > name &&
		    dot[1] != '\0' && strspn(dot + 1, "0123456789") ==
		    strlen(dot + 1))
			v->name = strndup(name, (size_t)(dot - name));
	}
	if (me->nobjs > 0)
		qsort(me->objs, me->nobjs, sizeof *me->objs, cmp_obj);
}

const struct fs_sym *
fs_elf_object_at(const struct fs_elf *elf, uint64_t faddr)
{
	struct fs_elf *me = mut(elf);
	size_t lo = 0, hi, mid;
	const struct fs_sym *s;

	if (!me->objs_built)
		build_objects(me);
	hi = me->nobjs;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (me->objs[mid].addr <= faddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The nearest symbol at or below FADDR that holds it.  */
	while (lo-- > 0) {
		s = &me->objs[lo];
		if (faddr < s->addr + (s->size ? s->size : 1))
			return s;
		if (s->addr + 4096 < faddr)
			break;
	}
	return NULL;
}

/* The address of section NAME, 0 when there is none.  */
static uint64_t
section_addr(struct fs_elf *me, size_t shstrndx, const char *name)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	const char *sname;

	while ((scn = elf_nextscn(me->elf, scn)) != NULL)
		if (gelf_getshdr(scn, &sh) != NULL &&
		    (sname = elf_strptr(me->elf, shstrndx, sh.sh_name)) !=
		    NULL && strcmp(sname, name) == 0)
			return sh.sh_addr;
	return 0;
}

const char *
fs_elf_section_at(const struct fs_elf *elf, uint64_t faddr)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf->elf, &shstrndx) != 0)
		return NULL;
	while ((scn = elf_nextscn(elf->elf, scn)) != NULL)
		if (gelf_getshdr(scn, &sh) != NULL &&
		    (sh.sh_flags & SHF_ALLOC) && faddr >= sh.sh_addr &&
		    faddr - sh.sh_addr < sh.sh_size)
			return elf_strptr(elf->elf, shstrndx, sh.sh_name);
	return NULL;
}

/* Each 16-byte entry of .plt, .plt.sec and .plt.got that jumps through a
   GOT slot bound to a symbol: "NAME@plt".  x86-64's jump through
   rip + disp32; i386's through disp32(%ebx), %ebx the GOT (.got.plt) in
   position-independent code, or through an absolute address.  */
static void
build_plts(struct fs_elf *me)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx, k;
	const char *sname, *target;
	const uint8_t *p;
	struct fs_sym *v;
	uint64_t a, slot, got = 0, step;
	int32_t disp;
	char *name;
	bool i386 = me->arch != &fs_arch_x86_64;

	me->plts_built = true;
	if (elf_getshdrstrndx(me->elf, &shstrndx) != 0)
		return;
	if (i386 && (got = section_addr(me, shstrndx, ".got.plt")) == 0)
		got = section_addr(me, shstrndx, ".got");
	while ((scn = elf_nextscn(me->elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL ||
		    (sname = elf_strptr(me->elf, shstrndx, sh.sh_name)) ==
		    NULL || (strcmp(sname, ".plt") != 0 &&
		    strcmp(sname, ".plt.sec") != 0 &&
		    strcmp(sname, ".plt.got") != 0) || sh.sh_size > (1u << 24))
			continue;
		/* A .plt.got of one 8-byte stub is a stub too.  */
		step = strcmp(sname, ".plt.got") == 0 ? 8 : 16;
		for (a = sh.sh_addr; a + step <= sh.sh_addr + sh.sh_size;
		    a += step) {
			if ((p = fs_elf_bytes(me, a, 8)) == NULL)
				break;
			k = 0;
			if (memcmp(p, i386 ? "\xf3\x0f\x1e\xfb" :
			    "\xf3\x0f\x1e\xfa", 4) == 0)
				k = 4;
			if (p[k] == 0xf2)
				k++;
			if (p[k] != 0xff || (p[k + 1] != 0x25 &&
			    !(i386 && p[k + 1] == 0xa3 && got != 0)) ||
			    (p = fs_elf_bytes(me, a + k + 2, 4)) == NULL)
				continue;
			memcpy(&disp, p, 4);
			if (!i386)
				slot = a + k + 6 + (uint64_t)(int64_t)disp;
			else if (p[-1] == 0xa3)
				slot = (got + (uint64_t)(int64_t)disp) &
				    0xffffffffu;
			else
				slot = (uint32_t)disp;
			if ((target = fs_elf_got_name(me, slot)) == NULL ||
			    asprintf(&name, "%s@plt", target) < 0)
				continue;
			if ((v = reallocarray(me->plts, me->nplts + 1,
			    sizeof *v)) == NULL) {
				free(name);
				return;
			}
			me->plts = v;
			v[me->nplts].addr = a;
			v[me->nplts].size = strcmp(sname, ".plt.got") == 0 ?
			    8 : 16;
			v[me->nplts].name = name;
			v[me->nplts].linkage = name;
			me->nplts++;
		}
	}
}

const struct fs_sym *
fs_elf_plt_lookup(const struct fs_elf *elf, const char *name)
{
	struct fs_elf *me = mut(elf);
	size_t i, n = strlen(name);

	if (!me->plts_built)
		build_plts(me);
	for (i = 0; i < me->nplts; i++)
		if (strncmp(me->plts[i].name, name, n) == 0 &&
		    strcmp(me->plts[i].name + n, "@plt") == 0)
			return &me->plts[i];
	return NULL;
}

const struct fs_sym *
fs_elf_plt_at(const struct fs_elf *elf, uint64_t faddr)
{
	struct fs_elf *me = mut(elf);
	size_t i;

	if (!me->plts_built)
		build_plts(me);
	for (i = 0; i < me->nplts; i++)
		if (faddr >= me->plts[i].addr &&
		    faddr < me->plts[i].addr + me->plts[i].size)
			return &me->plts[i];
	return NULL;
}

int
fs_elf_foreach_minsym(const struct fs_elf *elf,
    int (*fn)(const struct fs_minsym *m, void *arg), void *arg)
{
	struct fs_elf *me = mut(elf);
	Elf_Scn *scn = NULL, *best = NULL, *sec;
	GElf_Shdr sh, ssh;
	GElf_Sym sym;
	Elf_Data *d;
	struct fs_minsym m;
	const char *name, *dot;
	char buf[256];
	size_t i, n;
	unsigned type;
	int r;

	while ((scn = elf_nextscn(me->elf, scn)) != NULL)
		if (gelf_getshdr(scn, &sh) != NULL && (sh.sh_type ==
		    SHT_SYMTAB || (sh.sh_type == SHT_DYNSYM && best == NULL)))
			best = scn;
	if (best != NULL && gelf_getshdr(best, &sh) != NULL &&
	    sh.sh_entsize != 0 && (d = elf_getdata(best, NULL)) != NULL) {
		n = sh.sh_size / sh.sh_entsize;
		for (i = 1; i < n && i <= INT32_MAX; i++) {
			if (gelf_getsym(d, (int)i, &sym) == NULL)
				break;
			type = GELF_ST_TYPE(sym.st_info);
			if (type == STT_SECTION || type == STT_FILE ||
			    sym.st_shndx == SHN_UNDEF || sym.st_name == 0 ||
			    (name = elf_strptr(me->elf, sh.sh_link,
			    sym.st_name)) == NULL || *name == '\0')
				continue;
			m.addr = sym.st_value;
			m.local = GELF_ST_BIND(sym.st_info) == STB_LOCAL;
			m.kind = 'A';
			if (sym.st_shndx < SHN_LORESERVE &&
			    (sec = elf_getscn(me->elf, sym.st_shndx)) != NULL &&
			    gelf_getshdr(sec, &ssh) != NULL &&
			    (ssh.sh_flags & SHF_ALLOC) != 0)
				m.kind = (ssh.sh_flags & SHF_EXECINSTR) != 0 ?
				    'T' : ssh.sh_type != SHT_NOBITS ? 'D' : 'B';
			m.name = m.linkage = name;
			if (m.local &&
			    (dot = strrchr(name, '.')) != NULL && dot > name &&
			    dot[1] != '\0' && strspn(dot + 1, "0123456789") ==
			    strlen(dot + 1) && (size_t)(dot - name) < sizeof buf) {
				memcpy(buf, name, (size_t)(dot - name));
				buf[dot - name] = '\0';
				m.name = buf;
			}
			if ((r = fn(&m, arg)) != 0)
				return r;
		}
	}
	if (!me->plts_built)
		build_plts(me);
	for (i = 0; i < me->nplts; i++) {
		m.name = m.linkage = me->plts[i].name;
		m.addr = me->plts[i].addr;
		m.kind = 'T';
		m.local = false;
		if ((r = fn(&m, arg)) != 0)
			return r;
	}
	return 0;
}
