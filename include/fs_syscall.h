/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_syscall: the Linux system calls as a recorder needs them, on x86-64
 * and on i386 (a table each, which fs_arch names): the
 * name of each number, and the memory a call may write, from its number
 * and arguments (read's buffer, stat's struct, the buffers a readv's or a
 * recvmsg's vectors name, ...).  The registers it changes need no table:
 * they are read after the call.  A call whose writes cannot be told (an
 * unknown number or ioctl request, shared memory set up behind the
 * recorder's back, a vfork child running in the parent's memory, exec)
 * is refused, so that a recording never holds a wrong past.  The table
 * covers what gdb's amd64 Linux process record knows and the calls added
 * to Linux since.
 */
#ifndef FS_SYSCALL_H
#define FS_SYSCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

/* The name of system call NR ("read"), or NULL for a number Linux does
   not have on x86-64.  */
const char *fs_syscall_name(uint64_t nr);

/* A range the call may write.  */
struct fs_syscall_range {
	uint64_t	addr;
	uint64_t	len;
};

/* Reads the program's memory, for arguments that point to structures
   (an iovec array, a msghdr).  Returns the bytes read.  */
typedef ssize_t fs_syscall_read_fn(void *arg, uint64_t addr, void *buf,
    size_t len);

enum {
	FS_SYSCALL_OK = 0,
	FS_SYSCALL_UNKNOWN = -1,	/* cannot be recorded */
	FS_SYSCALL_EXIT = -2,		/* ends the process */
	FS_SYSCALL_TOOMANY = -3,	/* more ranges than MAX */
	FS_SYSCALL_FORK = -4,		/* makes a new process (fork, or
					   clone without CLONE_THREAD): as
					   FS_SYSCALL_OK otherwise */
};

/* The ranges the system call REGS is about to make (number in orig_rax or
   rax, arguments in rdi, rsi, rdx, r10, r8, r9) may write, into
   OUT[0..MAX); *N of them.  Returns FS_SYSCALL_OK or one of the others.
   *ALTSTACK is set when the call sets a signal stack (sigaltstack), to
   its base and size (size 0: disabled).  */
int	fs_syscall_writes(const struct user_regs_struct *regs,
	    fs_syscall_read_fn *read, void *arg, struct fs_syscall_range *out,
	    size_t max, size_t *n, uint64_t altstack[2], bool *altset);

/* The same for i386 (int $0x80, or sysenter and syscall through the
   vDSO's __kernel_vsyscall; int $0x80 in 64-bit code too): the number
   in eax, the arguments in ebx, ecx, edx, esi, edi, ebp; the kernel's
   32-bit structures; socketcall and ipc by the call they name and, for
   socketcall, the block of its arguments.  */
const char *fs_syscall_name_i386(uint64_t nr);
int	fs_syscall_writes_i386(const struct user_regs_struct *regs,
	    fs_syscall_read_fn *read, void *arg, struct fs_syscall_range *out,
	    size_t max, size_t *n, uint64_t altstack[2], bool *altset);

/* An architecture's system calls, as fs_arch's syscalls names them.  */
struct fs_syscall_abi {
	const char	*(*name)(uint64_t nr);
	int		 (*writes)(const struct user_regs_struct *regs,
			    fs_syscall_read_fn *read, void *arg,
			    struct fs_syscall_range *out, size_t max,
			    size_t *n, uint64_t altstack[2], bool *altset);
	/* The groups of gdb's `catch syscall group:' it is in: bit i
	   the i-th of descriptor, file, ipc, memory, network, process,
	   signal.  */
	unsigned	 (*groups)(uint64_t nr);
};

/* Numbers are below this on both.  */
#define FS_SYSCALL_MAXNR	452

/* Whether system call NR of ABI is in gdb's group GROUP ("network");
   false for a group gdb does not have.  */
bool	fs_syscall_in_group(const struct fs_syscall_abi *abi,
	    const char *group, uint64_t nr);

extern const struct fs_syscall_abi fs_syscall_x86_64;
extern const struct fs_syscall_abi fs_syscall_i386;

#endif
