/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixture of the value and expression suites: samples/values.c's
   globals with their types built by hand (until the DWARF model gives
   them), their bytes read from the ELF file, and gdb's answers.  */
#ifndef CHECK_VFIX_H
#define CHECK_VFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_eval.h"
#include "fs_value.h"

struct vfix_sym {
	const char		*name;
	const struct fs_type	*type;
};

extern const struct vfix_sym vfix_syms[];
extern const size_t vfix_nsyms;

/* Open the sample (its symbols and sections); false when it is not
   built.  */
bool	vfix_open(const char *path);
void	vfix_close(void);
/* Callbacks over the file's image, as gdb reads it without a process. */
int	vfix_mem(void *arg, uint64_t addr, void *buf, size_t len);
int	vfix_symbolize(void *arg, uint64_t addr, char *buf, size_t size);
int	vfix_lookup(void *arg, const char *name, struct fs_eval_sym *out);
int	vfix_addr(const char *name, uint64_t *addr);
const struct fs_type *vfix_type(const char *name);

/* gdb's answer to `CMD EXPRS[i]` (print, whatis) for each: the text
   after "$N = " or "type = ", or the error message.  Returns an array
   of N strings (free with vfix_free_answers).  */
char	**vfix_gdb_print(const char *prog, const char *cmd,
	    const char *const exprs[], size_t n);
void	vfix_free_answers(char **a, size_t n);

#endif
