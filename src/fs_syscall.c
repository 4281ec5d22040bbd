/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_syscall: what each x86-64 or i386 system call writes (see
 * include/fs_syscall.h).  Sizes are those of the kernel's structures on
 * each (on x86-64 struct stat 144 bytes, struct sigaction 32, a timespec
 * 16...).
 * A structure the kernel fills only partly is taken whole: a range that
 * is not written costs its bytes in the log and nothing else, while one
 * left out would make the past wrong.
 */
#include <string.h>

#include "fs_syscall.h"

#define NNAMES	452

static const char *const names[NNAMES] = {
	[0] = "read", [1] = "write", [2] = "open", [3] = "close",
	[4] = "stat", [5] = "fstat", [6] = "lstat", [7] = "poll",
	[8] = "lseek", [9] = "mmap", [10] = "mprotect", [11] = "munmap",
	[12] = "brk", [13] = "rt_sigaction", [14] = "rt_sigprocmask",
	[15] = "rt_sigreturn", [16] = "ioctl", [17] = "pread64",
	[18] = "pwrite64", [19] = "readv", [20] = "writev", [21] = "access",
	[22] = "pipe", [23] = "select", [24] = "sched_yield",
	[25] = "mremap", [26] = "msync", [27] = "mincore", [28] = "madvise",
	[29] = "shmget", [30] = "shmat", [31] = "shmctl", [32] = "dup",
	[33] = "dup2", [34] = "pause", [35] = "nanosleep",
	[36] = "getitimer", [37] = "alarm", [38] = "setitimer",
	[39] = "getpid", [40] = "sendfile", [41] = "socket",
	[42] = "connect", [43] = "accept", [44] = "sendto",
	[45] = "recvfrom", [46] = "sendmsg", [47] = "recvmsg",
	[48] = "shutdown", [49] = "bind", [50] = "listen",
	[51] = "getsockname", [52] = "getpeername", [53] = "socketpair",
	[54] = "setsockopt", [55] = "getsockopt", [56] = "clone",
	[57] = "fork", [58] = "vfork", [59] = "execve", [60] = "exit",
	[61] = "wait4", [62] = "kill", [63] = "uname", [64] = "semget",
	[65] = "semop", [66] = "semctl", [67] = "shmdt", [68] = "msgget",
	[69] = "msgsnd", [70] = "msgrcv", [71] = "msgctl", [72] = "fcntl",
	[73] = "flock", [74] = "fsync", [75] = "fdatasync",
	[76] = "truncate", [77] = "ftruncate", [78] = "getdents",
	[79] = "getcwd", [80] = "chdir", [81] = "fchdir", [82] = "rename",
	[83] = "mkdir", [84] = "rmdir", [85] = "creat", [86] = "link",
	[87] = "unlink", [88] = "symlink", [89] = "readlink", [90] = "chmod",
	[91] = "fchmod", [92] = "chown", [93] = "fchown", [94] = "lchown",
	[95] = "umask", [96] = "gettimeofday", [97] = "getrlimit",
	[98] = "getrusage", [99] = "sysinfo", [100] = "times",
	[101] = "ptrace", [102] = "getuid", [103] = "syslog",
	[104] = "getgid", [105] = "setuid", [106] = "setgid",
	[107] = "geteuid", [108] = "getegid", [109] = "setpgid",
	[110] = "getppid", [111] = "getpgrp", [112] = "setsid",
	[113] = "setreuid", [114] = "setregid", [115] = "getgroups",
	[116] = "setgroups", [117] = "setresuid", [118] = "getresuid",
	[119] = "setresgid", [120] = "getresgid", [121] = "getpgid",
	[122] = "setfsuid", [123] = "setfsgid", [124] = "getsid",
	[125] = "capget", [126] = "capset", [127] = "rt_sigpending",
	[128] = "rt_sigtimedwait", [129] = "rt_sigqueueinfo",
	[130] = "rt_sigsuspend", [131] = "sigaltstack", [132] = "utime",
	[133] = "mknod", [134] = "uselib", [135] = "personality",
	[136] = "ustat", [137] = "statfs", [138] = "fstatfs",
	[139] = "sysfs", [140] = "getpriority", [141] = "setpriority",
	[142] = "sched_setparam", [143] = "sched_getparam",
	[144] = "sched_setscheduler", [145] = "sched_getscheduler",
	[146] = "sched_get_priority_max", [147] = "sched_get_priority_min",
	[148] = "sched_rr_get_interval", [149] = "mlock", [150] = "munlock",
	[151] = "mlockall", [152] = "munlockall", [153] = "vhangup",
	[154] = "modify_ldt", [155] = "pivot_root", [156] = "_sysctl",
	[157] = "prctl", [158] = "arch_prctl", [159] = "adjtimex",
	[160] = "setrlimit", [161] = "chroot", [162] = "sync",
	[163] = "acct", [164] = "settimeofday", [165] = "mount",
	[166] = "umount2", [167] = "swapon", [168] = "swapoff",
	[169] = "reboot", [170] = "sethostname", [171] = "setdomainname",
	[172] = "iopl", [173] = "ioperm", [174] = "create_module",
	[175] = "init_module", [176] = "delete_module",
	[177] = "get_kernel_syms", [178] = "query_module",
	[179] = "quotactl", [180] = "nfsservctl", [181] = "getpmsg",
	[182] = "putpmsg", [183] = "afs_syscall", [184] = "tuxcall",
	[185] = "security", [186] = "gettid", [187] = "readahead",
	[188] = "setxattr", [189] = "lsetxattr", [190] = "fsetxattr",
	[191] = "getxattr", [192] = "lgetxattr", [193] = "fgetxattr",
	[194] = "listxattr", [195] = "llistxattr", [196] = "flistxattr",
	[197] = "removexattr", [198] = "lremovexattr",
	[199] = "fremovexattr", [200] = "tkill", [201] = "time",
	[202] = "futex", [203] = "sched_setaffinity",
	[204] = "sched_getaffinity", [205] = "set_thread_area",
	[206] = "io_setup", [207] = "io_destroy", [208] = "io_getevents",
	[209] = "io_submit", [210] = "io_cancel", [211] = "get_thread_area",
	[212] = "lookup_dcookie", [213] = "epoll_create",
	[214] = "epoll_ctl_old", [215] = "epoll_wait_old",
	[216] = "remap_file_pages", [217] = "getdents64",
	[218] = "set_tid_address", [219] = "restart_syscall",
	[220] = "semtimedop", [221] = "fadvise64", [222] = "timer_create",
	[223] = "timer_settime", [224] = "timer_gettime",
	[225] = "timer_getoverrun", [226] = "timer_delete",
	[227] = "clock_settime", [228] = "clock_gettime",
	[229] = "clock_getres", [230] = "clock_nanosleep",
	[231] = "exit_group", [232] = "epoll_wait", [233] = "epoll_ctl",
	[234] = "tgkill", [235] = "utimes", [236] = "vserver",
	[237] = "mbind", [238] = "set_mempolicy", [239] = "get_mempolicy",
	[240] = "mq_open", [241] = "mq_unlink", [242] = "mq_timedsend",
	[243] = "mq_timedreceive", [244] = "mq_notify",
	[245] = "mq_getsetattr", [246] = "kexec_load", [247] = "waitid",
	[248] = "add_key", [249] = "request_key", [250] = "keyctl",
	[251] = "ioprio_set", [252] = "ioprio_get", [253] = "inotify_init",
	[254] = "inotify_add_watch", [255] = "inotify_rm_watch",
	[256] = "migrate_pages", [257] = "openat", [258] = "mkdirat",
	[259] = "mknodat", [260] = "fchownat", [261] = "futimesat",
	[262] = "newfstatat", [263] = "unlinkat", [264] = "renameat",
	[265] = "linkat", [266] = "symlinkat", [267] = "readlinkat",
	[268] = "fchmodat", [269] = "faccessat", [270] = "pselect6",
	[271] = "ppoll", [272] = "unshare", [273] = "set_robust_list",
	[274] = "get_robust_list", [275] = "splice", [276] = "tee",
	[277] = "sync_file_range", [278] = "vmsplice", [279] = "move_pages",
	[280] = "utimensat", [281] = "epoll_pwait", [282] = "signalfd",
	[283] = "timerfd_create", [284] = "eventfd", [285] = "fallocate",
	[286] = "timerfd_settime", [287] = "timerfd_gettime",
	[288] = "accept4", [289] = "signalfd4", [290] = "eventfd2",
	[291] = "epoll_create1", [292] = "dup3", [293] = "pipe2",
	[294] = "inotify_init1", [295] = "preadv", [296] = "pwritev",
	[297] = "rt_tgsigqueueinfo", [298] = "perf_event_open",
	[299] = "recvmmsg", [300] = "fanotify_init", [301] = "fanotify_mark",
	[302] = "prlimit64", [303] = "name_to_handle_at",
	[304] = "open_by_handle_at", [305] = "clock_adjtime",
	[306] = "syncfs", [307] = "sendmmsg", [308] = "setns",
	[309] = "getcpu", [310] = "process_vm_readv",
	[311] = "process_vm_writev", [312] = "kcmp", [313] = "finit_module",
	[314] = "sched_setattr", [315] = "sched_getattr",
	[316] = "renameat2", [317] = "seccomp", [318] = "getrandom",
	[319] = "memfd_create", [320] = "kexec_file_load", [321] = "bpf",
	[322] = "execveat", [323] = "userfaultfd", [324] = "membarrier",
	[325] = "mlock2", [326] = "copy_file_range", [327] = "preadv2",
	[328] = "pwritev2", [329] = "pkey_mprotect", [330] = "pkey_alloc",
	[331] = "pkey_free", [332] = "statx", [333] = "io_pgetevents",
	[334] = "rseq", [424] = "pidfd_send_signal",
	[425] = "io_uring_setup", [426] = "io_uring_enter",
	[427] = "io_uring_register", [428] = "open_tree",
	[429] = "move_mount", [430] = "fsopen", [431] = "fsconfig",
	[432] = "fsmount", [433] = "fspick", [434] = "pidfd_open",
	[435] = "clone3", [436] = "close_range", [437] = "openat2",
	[438] = "pidfd_getfd", [439] = "faccessat2",
	[440] = "process_madvise", [441] = "epoll_pwait2",
	[442] = "mount_setattr", [443] = "quotactl_fd",
	[444] = "landlock_create_ruleset", [445] = "landlock_add_rule",
	[446] = "landlock_restrict_self", [447] = "memfd_secret",
	[448] = "process_mrelease", [449] = "futex_waitv",
	[450] = "set_mempolicy_home_node", [451] = "cachestat",
};

const char *
fs_syscall_name(uint64_t nr)
{
	return nr < NNAMES ? names[nr] : NULL;
}

/* Sizes of the kernel's x86-64 structures.  */
enum {
	SZ_STAT = 144, SZ_STATFS = 120, SZ_STATX = 256, SZ_TIMESPEC = 16,
	SZ_TIMEVAL = 16, SZ_ITIMERSPEC = 32, SZ_ITIMERVAL = 32,
	SZ_RUSAGE = 144, SZ_SIGINFO = 128, SZ_SIGACTION = 32, SZ_RLIMIT = 16,
	SZ_UTSNAME = 390, SZ_SYSINFO = 112, SZ_TMS = 32, SZ_TIMEX = 208,
	SZ_MSGHDR = 56, SZ_MMSGHDR = 64, SZ_IOVEC = 16, SZ_EPOLL_EVENT = 12,
	SZ_POLLFD = 8, SZ_IO_EVENT = 32, SZ_STACK_T = 24, SZ_USTAT = 32,
	SZ_FLOCK = 32, SZ_MQ_ATTR = 64, SZ_SHMID_DS = 112, SZ_SEMID_DS = 104,
	SZ_MSQID_DS = 120, SZ_TERMIOS = 60, SZ_TERMIO = 18, SZ_TERMIOS2 = 44,
	SZ_WINSIZE = 8, SZ_SERIAL = 72, SZ_ICOUNT = 80, SZ_USER_DESC = 16,
	SZ_SCHED_PARAM = 4, SZ_CAP_HDR = 8, SZ_CAP_DATA = 24,
};

struct ctx {
	fs_syscall_read_fn	*read;
	void			*arg;
	struct fs_syscall_range	*out;
	size_t			 max, n;
	bool			 toomany;
};

static void
add(struct ctx *c, uint64_t addr, uint64_t len)
{
	if (addr == 0 || len == 0)
		return;
	if (c->n == c->max) {
		c->toomany = true;
		return;
	}
	c->out[c->n].addr = addr;
	c->out[c->n++].len = len;
}

/* A value of LEN (4 or 8) bytes at ADDR in the program, or 0.  */
static uint64_t
peek(struct ctx *c, uint64_t addr, size_t len)
{
	uint64_t v = 0;

	if (addr == 0 || c->read(c->arg, addr, &v, len) != (ssize_t)len)
		return 0;
	return v;
}

/* The buffers of CNT iovecs at IOV, each two words of W bytes.  */
static void
iovecs_w(struct ctx *c, uint64_t iov, uint64_t cnt, unsigned w)
{
	uint64_t i;

	if (cnt > 1024)
		cnt = 1024;
	for (i = 0; i < cnt && !c->toomany; i++)
		add(c, peek(c, iov + i * 2 * w, w), peek(c, iov + i * 2 * w +
		    w, w));
}

static void
iovecs(struct ctx *c, uint64_t iov, uint64_t cnt)
{
	iovecs_w(c, iov, cnt, SZ_IOVEC / 2);
}

/* A socket address ADDR whose length is at LENP (an int, written too). */
static void
sockaddr(struct ctx *c, uint64_t addr, uint64_t lenp)
{
	if (lenp == 0)
		return;
	add(c, lenp, 4);
	add(c, addr, peek(c, lenp, 4) & 0xffffffff);
}

/* What recvmsg fills of the struct msghdr at MSG, seven words of W
   bytes (56 on x86-64, 28 on i386): itself (namelen, controllen, flags),
   the name, every iovec's buffer, the control.  */
static void
msghdr_w(struct ctx *c, uint64_t msg, unsigned w)
{
	uint8_t b[SZ_MSGHDR];
	uint64_t h[7] = { 0 };
	unsigned i;

	if (msg == 0 || c->read(c->arg, msg, b, 7 * w) != (ssize_t)(7 * w))
		return;
	for (i = 0; i < 7; i++)
		memcpy(&h[i], b + i * w, w);
	add(c, msg, 7 * w);
	add(c, h[0], h[1] & 0xffffffff);
	iovecs_w(c, h[2], h[3], w);
	add(c, h[4], h[5]);
}

/* recvmmsg's CNT struct mmsghdr at VEC, eight words of W bytes each:
   the msghdr, then the length received (msg_len).  */
static void
mmsghdrs_w(struct ctx *c, uint64_t vec, uint64_t cnt, unsigned w)
{
	uint64_t i;

	for (i = 0; i < cnt && i < 1024 && !c->toomany; i++) {
		msghdr_w(c, vec + i * 8 * w, w);
		add(c, vec + i * 8 * w + 7 * w, 4);
	}
}

/* fd_set arguments of select: N bits, in longs.  */
static uint64_t
fdset_len(uint64_t n)
{
	if (n > 65536)
		n = 65536;
	return (n + 63) / 64 * 8;
}

/* The old terminal and serial ioctls have no size in their numbers.  */
static int
ioctl_writes(struct ctx *c, uint64_t req, uint64_t argp)
{
	unsigned dir = (unsigned)(req >> 30) & 3, size;

	switch (req) {
	case 0x5401: case 0x5456:		/* TCGETS, TIOCGLCKTRMIOS */
		add(c, argp, SZ_TERMIOS);
		return 0;
	case 0x5405:				/* TCGETA */
		add(c, argp, SZ_TERMIO);
		return 0;
	case 0x540f: case 0x5411: case 0x5415:	/* TIOCGPGRP, OUTQ, MGET */
	case 0x5419: case 0x541b: case 0x5424:	/* GSOFTCAR, FIONREAD, GETD */
	case 0x5429: case 0x5454: case 0x5459:	/* GSID, SERGWILD, GETLSR */
		add(c, argp, 4);
		return 0;
	case 0x5413:				/* TIOCGWINSZ */
		add(c, argp, SZ_WINSIZE);
		return 0;
	case 0x541e:				/* TIOCGSERIAL */
		add(c, argp, SZ_SERIAL);
		return 0;
	case 0x545d:				/* TIOCGICOUNT */
		add(c, argp, SZ_ICOUNT);
		return 0;
	case 0x5460:				/* FIOQSIZE */
		add(c, argp, 8);
		return 0;
	case 0x5402: case 0x5403: case 0x5404:	/* TCSETS, W, F */
	case 0x5406: case 0x5407: case 0x5408:	/* TCSETA, W, F */
	case 0x5409: case 0x540a: case 0x540b:	/* TCSBRK, TCXONC, TCFLSH */
	case 0x540c: case 0x540d: case 0x540e:	/* TIOCEXCL, NXCL, SCTTY */
	case 0x5410: case 0x5412: case 0x5414:	/* SPGRP, STI, SWINSZ */
	case 0x5416: case 0x5417: case 0x5418:	/* TIOCMBIS, MBIC, MSET */
	case 0x541a: case 0x541d: case 0x541f:	/* SSOFTCAR, CONS, SSERIAL */
	case 0x5420: case 0x5421: case 0x5422:	/* PKT, FIONBIO, NOTTY */
	case 0x5423: case 0x5425: case 0x5427:	/* SETD, TCSBRKP, SBRK */
	case 0x5428: case 0x5441: case 0x5450:	/* CBRK, GPTPEER, FIONCLEX */
	case 0x5451: case 0x5452: case 0x5453:	/* FIOCLEX, FIOASYNC, SERCONFIG */
	case 0x5455: case 0x5457: case 0x545c:	/* SERSWILD, SLCKTRMIOS, MIWAIT */
		return 0;
	}
	/* Newer requests say in their number what they copy out.  */
	size = (unsigned)(req >> 16) & 0x3fff;
	if (dir == 0 || size == 0)
		return -1;
	if (dir & 2)
		add(c, argp, size);
	return 0;
}

/* prctl options: what each writes at its second argument.  */
static int
prctl_writes(struct ctx *c, uint64_t opt, uint64_t a2)
{
	switch (opt) {
	case 2: case 9: case 11: case 19: case 25:	/* GET_PDEATHSIG,
							   FPEMU, FPEXC,
							   ENDIAN, TSC */
		add(c, a2, 4);
		return 0;
	case 16:					/* GET_NAME */
		add(c, a2, 16);
		return 0;
	case 40:					/* GET_TID_ADDRESS */
		add(c, a2, 8);
		return 0;
	case 1: case 3: case 4: case 5: case 6: case 7: case 8: case 10:
	case 12: case 13: case 14: case 15: case 17: case 18: case 20:
	case 21: case 22: case 23: case 24: case 26: case 27: case 28:
	case 29: case 30: case 31: case 32: case 33: case 34: case 35:
	case 36: case 37: case 38: case 39: case 41: case 42: case 43:
	case 44: case 45: case 46: case 47: case 48: case 49: case 50:
	case 51: case 52: case 53: case 54: case 55: case 56: case 57:
	case 58: case 59: case 60: case 61: case 62: case 63: case 64:
	case 65: case 66: case 0x53564d41:		/* PR_SET_VMA */
		return 0;
	}
	return -1;
}

/* clone and clone3: threads (the new one is held, so it writes nothing
   while the recorder steps) and processes with memory of their own; a
   child sharing our memory (vfork, CLONE_VM alone) would write it
   unseen.  */
#define CLONE_VM_	0x100
#define CLONE_VFORK_	0x4000
#define CLONE_THREAD_	0x10000
#define CLONE_PIDFD_	0x1000
#define CLONE_PARENT_SETTID_ 0x100000
#define CLONE_CHILD_SETTID_ 0x1000000

static int
clone_writes(struct ctx *c, uint64_t flags, uint64_t pidfd, uint64_t ptid,
    uint64_t ctid)
{
	if ((flags & CLONE_VFORK_) || ((flags & CLONE_VM_) &&
	    !(flags & CLONE_THREAD_)))
		return FS_SYSCALL_UNKNOWN;
	if (flags & CLONE_PIDFD_)
		add(c, pidfd, 4);
	if (flags & CLONE_PARENT_SETTID_)
		add(c, ptid, 4);
	if ((flags & CLONE_CHILD_SETTID_) && (flags & CLONE_VM_))
		add(c, ctid, 4);
	return (flags & CLONE_THREAD_) ? FS_SYSCALL_OK : FS_SYSCALL_FORK;
}

int
fs_syscall_writes(const struct user_regs_struct *regs,
    fs_syscall_read_fn *read, void *arg, struct fs_syscall_range *out,
    size_t max, size_t *n, uint64_t altstack[2], bool *altset)
{
	struct ctx c = { read, arg, out, max, 0, false };
	/* At the syscall instruction, before it runs, rax is the number. */
	uint64_t nr = regs->rax;
	uint64_t a0 = regs->rdi, a1 = regs->rsi, a2 = regs->rdx,
	    a3 = regs->r10, a4 = regs->r8, a5 = regs->r9, v;
	int r = FS_SYSCALL_OK;

	*n = 0;
	*altset = false;
	switch (nr) {
	case 0: case 17: case 89:	/* read, pread64, readlink */
	case 78: case 217:		/* getdents, getdents64 */
		add(&c, a1, a2);
		break;
	case 79: case 318:		/* getcwd, getrandom */
		add(&c, a0, a1);
		break;
	case 267:			/* readlinkat */
		add(&c, a2, a3);
		break;
	case 19: case 295: case 327:	/* readv, preadv, preadv2 */
		iovecs(&c, a1, a2);
		break;
	case 310:			/* process_vm_readv */
		iovecs(&c, a1, a2);
		break;
	case 4: case 5: case 6:		/* stat, fstat, lstat */
		add(&c, a1, SZ_STAT);
		break;
	case 262:			/* newfstatat */
		add(&c, a2, SZ_STAT);
		break;
	case 332:			/* statx */
		add(&c, a4, SZ_STATX);
		break;
	case 137: case 138:		/* statfs, fstatfs */
		add(&c, a1, SZ_STATFS);
		break;
	case 136:			/* ustat */
		add(&c, a1, SZ_USTAT);
		break;
	case 7:				/* poll */
		add(&c, a0, a1 * SZ_POLLFD);
		break;
	case 271:			/* ppoll */
		add(&c, a0, a1 * SZ_POLLFD);
		add(&c, a2, SZ_TIMESPEC);
		break;
	case 23: case 270:		/* select, pselect6 */
		add(&c, a1, fdset_len(a0));
		add(&c, a2, fdset_len(a0));
		add(&c, a3, fdset_len(a0));
		add(&c, a4, SZ_TIMEVAL);
		break;
	case 9:				/* mmap: MAP_FIXED replaces memory */
		if (a3 & 0x10)
			add(&c, a0, a1);
		break;
	case 11:			/* munmap: gone, but it was there */
		add(&c, a0, a1);
		break;
	case 25:			/* mremap */
		add(&c, a0, a1);
		if (a3 & 2)		/* MREMAP_FIXED */
			add(&c, a4, a2);
		break;
	case 28:			/* madvise: DONTNEED, FREE, REMOVE zero */
		if (a2 == 4 || a2 == 8 || a2 == 9 || a2 == 101)
			add(&c, a0, a1);
		break;
	case 27:			/* mincore */
		add(&c, a2, (a1 + 4095) / 4096);
		break;
	case 13:			/* rt_sigaction */
		add(&c, a2, SZ_SIGACTION);
		break;
	case 14:			/* rt_sigprocmask */
		add(&c, a2, a3 ? a3 : 8);
		break;
	case 127:			/* rt_sigpending */
		add(&c, a0, a1 ? a1 : 8);
		break;
	case 128:			/* rt_sigtimedwait */
		add(&c, a1, SZ_SIGINFO);
		break;
	case 131:			/* sigaltstack */
		add(&c, a1, SZ_STACK_T);
		if (a0 != 0) {
			uint64_t ss[3];

			if (read(arg, a0, ss, sizeof ss) == (ssize_t)sizeof ss) {
				/* ss_sp, ss_flags (SS_DISABLE: 2), ss_size */
				altstack[0] = ss[0];
				altstack[1] = (ss[1] & 2) ? 0 : ss[2];
				*altset = true;
			}
		}
		break;
	case 16:			/* ioctl */
		if (ioctl_writes(&c, a1, a2) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 72:			/* fcntl */
		if (a1 == 5 || a1 == 36)	/* F_GETLK, F_OFD_GETLK */
			add(&c, a2, SZ_FLOCK);
		else if (a1 == 16)		/* F_GETOWN_EX */
			add(&c, a2, 8);
		break;
	case 22: case 293: case 53:	/* pipe, pipe2, socketpair */
		add(&c, nr == 53 ? a3 : a0, 8);
		break;
	case 35:			/* nanosleep */
		add(&c, a1, SZ_TIMESPEC);
		break;
	case 230:			/* clock_nanosleep */
		add(&c, a3, SZ_TIMESPEC);
		break;
	case 36:			/* getitimer */
		add(&c, a1, SZ_ITIMERVAL);
		break;
	case 38:			/* setitimer */
		add(&c, a2, SZ_ITIMERVAL);
		break;
	case 40:			/* sendfile */
		add(&c, a2, 8);
		break;
	case 43: case 288:		/* accept, accept4 */
	case 51: case 52:		/* getsockname, getpeername */
		sockaddr(&c, a1, a2);
		break;
	case 45:			/* recvfrom */
		add(&c, a1, a2);
		sockaddr(&c, a4, a5);
		break;
	case 47:			/* recvmsg */
		msghdr_w(&c, a1, 8);
		break;
	case 299:			/* recvmmsg */
		mmsghdrs_w(&c, a1, a2, 8);
		add(&c, a4, SZ_TIMESPEC);
		break;
	case 307:			/* sendmmsg: each msg_len */
		add(&c, a1, a2 * SZ_MMSGHDR);
		break;
	case 55:			/* getsockopt */
		add(&c, a4, 4);
		add(&c, a3, peek(&c, a4, 4) & 0xffffffff);
		break;
	case 56:			/* clone */
		r = clone_writes(&c, a0, a2, a2, a3);
		break;
	case 435: {			/* clone3 */
		uint64_t ca[4];

		if (read(arg, a0, ca, sizeof ca) != (ssize_t)sizeof ca)
			r = FS_SYSCALL_UNKNOWN;
		else
			r = clone_writes(&c, ca[0], ca[1], ca[3], ca[2]);
		break;
	}
	case 61:			/* wait4 */
		add(&c, a1, 4);
		add(&c, a3, SZ_RUSAGE);
		break;
	case 247:			/* waitid */
		add(&c, a2, SZ_SIGINFO);
		add(&c, a4, SZ_RUSAGE);
		break;
	case 63:			/* uname */
		add(&c, a0, SZ_UTSNAME);
		break;
	case 66:			/* semctl */
		if (a2 == 2 || a2 == 3 || a2 == 18 || a2 == 19 || a2 == 20)
			add(&c, a3, SZ_SEMID_DS);
		else if (a2 == 13)	/* GETALL: as many as the set has */
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 31:			/* shmctl */
		if (a1 == 2 || a1 == 3 || a1 == 13 || a1 == 14 || a1 == 15)
			add(&c, a2, SZ_SHMID_DS);
		break;
	case 71:			/* msgctl */
		if (a1 == 2 || a1 == 3 || a1 == 11 || a1 == 12 || a1 == 13)
			add(&c, a2, SZ_MSQID_DS);
		break;
	case 70:			/* msgrcv */
		add(&c, a1, a2 + 8);
		break;
	case 96:			/* gettimeofday */
		add(&c, a0, SZ_TIMEVAL);
		add(&c, a1, 8);
		break;
	case 97:			/* getrlimit */
		add(&c, a1, SZ_RLIMIT);
		break;
	case 302:			/* prlimit64 */
		add(&c, a3, SZ_RLIMIT);
		break;
	case 98:			/* getrusage */
		add(&c, a1, SZ_RUSAGE);
		break;
	case 99:			/* sysinfo */
		add(&c, a0, SZ_SYSINFO);
		break;
	case 100:			/* times */
		add(&c, a0, SZ_TMS);
		break;
	case 101:			/* ptrace */
		if (a0 >= 1 && a0 <= 3)		/* PEEKTEXT, DATA, USER */
			add(&c, a3, 8);
		else if (a0 == 12)		/* GETREGS */
			add(&c, a3, sizeof(struct user_regs_struct));
		else if (a0 == 14)		/* GETFPREGS */
			add(&c, a3, sizeof(struct user_fpregs_struct));
		else if (a0 == 0x4201)		/* GETEVENTMSG */
			add(&c, a3, 8);
		else if (a0 == 0x4202)		/* GETSIGINFO */
			add(&c, a3, SZ_SIGINFO);
		else if (a0 == 0x4204 || a0 == 0x4209 || a0 == 0x420a ||
		    a0 == 0x420e || a0 == 0x420f)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 115:			/* getgroups */
		add(&c, a1, a0 * 4);
		break;
	case 118: case 120:		/* getresuid, getresgid */
		add(&c, a0, 4);
		add(&c, a1, 4);
		add(&c, a2, 4);
		break;
	case 125:			/* capget */
		add(&c, a0, SZ_CAP_HDR);
		add(&c, a1, SZ_CAP_DATA);
		break;
	case 143:			/* sched_getparam */
		add(&c, a1, SZ_SCHED_PARAM);
		break;
	case 148:			/* sched_rr_get_interval */
		add(&c, a1, SZ_TIMESPEC);
		break;
	case 154:			/* modify_ldt: read */
		if (a0 == 0 || a0 == 2)
			add(&c, a1, a2);
		break;
	case 157:			/* prctl */
		if (prctl_writes(&c, a0, a1) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 158:			/* arch_prctl */
		if (a0 == 0x1003 || a0 == 0x1004 || a0 == 0x1022 ||
		    a0 == 0x1023)		/* GET_FS, GET_GS, XCOMP */
			add(&c, a1, 8);
		else if (a0 != 0x1001 && a0 != 0x1002 && a0 != 0x1011 &&
		    a0 != 0x1012 && a0 != 0x1021 && a0 != 0x1024)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 159: case 305:		/* adjtimex, clock_adjtime */
		add(&c, nr == 159 ? a0 : a1, SZ_TIMEX);
		break;
	case 191: case 192: case 193:	/* getxattr, lgetxattr, fgetxattr */
		add(&c, a2, a3);
		break;
	case 194: case 195: case 196:	/* listxattr, ... */
		add(&c, a1, a2);
		break;
	case 201:			/* time */
		add(&c, a0, 8);
		break;
	case 202:			/* futex: the word, PI ops write it */
		add(&c, a0, 4);
		v = a1 & 0x7f;
		if (v == 3 || v == 4 || v == 5 || v == 11 || v == 12)
			add(&c, a4, 4);
		break;
	case 204:			/* sched_getaffinity */
		add(&c, a2, a1);
		break;
	case 206:			/* io_setup */
		add(&c, a1, 8);
		break;
	case 208:			/* io_getevents */
		add(&c, a3, a2 * SZ_IO_EVENT);
		break;
	case 333:			/* io_pgetevents */
		add(&c, a3, a2 * SZ_IO_EVENT);
		break;
	case 210:			/* io_cancel */
		add(&c, a2, SZ_IO_EVENT);
		break;
	case 211:			/* get_thread_area */
		add(&c, a0, SZ_USER_DESC);
		break;
	case 212:			/* lookup_dcookie */
		add(&c, a1, a2);
		break;
	case 222:			/* timer_create */
		add(&c, a2, 4);
		break;
	case 223: case 286:		/* timer_settime, timerfd_settime */
		add(&c, a3, SZ_ITIMERSPEC);
		break;
	case 224: case 287:		/* timer_gettime, timerfd_gettime */
		add(&c, a1, SZ_ITIMERSPEC);
		break;
	case 228: case 229:		/* clock_gettime, clock_getres */
		add(&c, a1, SZ_TIMESPEC);
		break;
	case 232: case 281: case 441:	/* epoll_wait, epoll_pwait(2) */
		add(&c, a1, a2 * SZ_EPOLL_EVENT);
		break;
	case 239:			/* get_mempolicy */
		add(&c, a0, 4);
		add(&c, a1, fdset_len(a2));
		break;
	case 243:			/* mq_timedreceive */
		add(&c, a1, a2);
		add(&c, a3, 4);
		break;
	case 245:			/* mq_getsetattr */
		add(&c, a2, SZ_MQ_ATTR);
		break;
	case 250:			/* keyctl: READ, DESCRIBE, ... */
		if (a0 == 6 || a0 == 11 || a0 == 17 || a0 == 23)
			add(&c, a2, a3);
		break;
	case 274:			/* get_robust_list */
		add(&c, a1, 8);
		add(&c, a2, 8);
		break;
	case 275:			/* splice */
		add(&c, a1, 8);
		add(&c, a3, 8);
		break;
	case 326:			/* copy_file_range */
		add(&c, a1, 8);
		add(&c, a3, 8);
		break;
	case 279:			/* move_pages */
		add(&c, a4, a1 * 4);
		break;
	case 303:			/* name_to_handle_at */
		add(&c, a2, 8 + (peek(&c, a2, 4) & 0xffffffff));
		add(&c, a3, 4);
		break;
	case 309:			/* getcpu */
		add(&c, a0, 4);
		add(&c, a1, 4);
		break;
	case 315:			/* sched_getattr */
		add(&c, a1, a2);
		break;
	case 317:			/* seccomp: GET_NOTIF_SIZES */
		if (a0 == 3)
			add(&c, a2, 8);
		break;
	case 451:			/* cachestat */
		add(&c, a2, 32);
		break;
	case 60: case 231:		/* exit, exit_group */
		r = FS_SYSCALL_EXIT;
		break;
	case 57:			/* fork */
		r = FS_SYSCALL_FORK;
		break;
	/* Calls that write nothing of the process's memory.  */
	case 1: case 2: case 3: case 8: case 10: case 12: case 15: case 18:
	case 20: case 21: case 24: case 26: case 29: case 30: case 32:
	case 33: case 34: case 37: case 39: case 41: case 42: case 44:
	case 46: case 48: case 49: case 50: case 54: case 62:
	case 64: case 65: case 67: case 68: case 69: case 73: case 74:
	case 75: case 76: case 77: case 80: case 81: case 82: case 83:
	case 84: case 85: case 86: case 87: case 88: case 90: case 91:
	case 92: case 93: case 94: case 95: case 102: case 103: case 104:
	case 105: case 106: case 107: case 108: case 109: case 110:
	case 111: case 112: case 113: case 114: case 116: case 117:
	case 119: case 121: case 122: case 123: case 124: case 126:
	case 129: case 130: case 132: case 133: case 135: case 139:
	case 140: case 141: case 142: case 144: case 145: case 146:
	case 147: case 149: case 150: case 151: case 152: case 153:
	case 155: case 160: case 161: case 162: case 163: case 164:
	case 165: case 166: case 167: case 168: case 169: case 170:
	case 171: case 172: case 173: case 175: case 176: case 186:
	case 187: case 188: case 189: case 190: case 197: case 198:
	case 199: case 200: case 203: case 207: case 209: case 213:
	case 218: case 220: case 221: case 225: case 226: case 227:
	case 233: case 234: case 235: case 237: case 238: case 240:
	case 241: case 242: case 244: case 246: case 248: case 249:
	case 251: case 252: case 253: case 254: case 255: case 256:
	case 257: case 258: case 259: case 260: case 261: case 263:
	case 264: case 265: case 266: case 268: case 269: case 272:
	case 273: case 276: case 277: case 278: case 280: case 282:
	case 283: case 284: case 285: case 289: case 290: case 291:
	case 292: case 294: case 296: case 297: case 298: case 300:
	case 301: case 304: case 306: case 308: case 311: case 312:
	case 313: case 314: case 316: case 320: case 324: case 325:
	case 328: case 329: case 330: case 331: case 334: case 424:
	case 428: case 429: case 430: case 431: case 432: case 433:
	case 434: case 436: case 437: case 438: case 439: case 440:
	case 442: case 444: case 445: case 446: case 448: case 449:
	case 450:
		break;
	default:
		/* Not known, or shared memory the recorder cannot follow
		   (memfd_create, io_uring, userfaultfd, exec, vfork, ...). */
		r = FS_SYSCALL_UNKNOWN;
		break;
	}
	*n = c.n;
	if ((r == FS_SYSCALL_OK || r == FS_SYSCALL_FORK) && c.toomany)
		r = FS_SYSCALL_TOOMANY;
	return r;
}

/* ---------------------------------------------------------------- i386 */

/*
 * The i386 system calls (int $0x80, or sysenter or syscall through the
 * vDSO's __kernel_vsyscall): the number in eax, the arguments in ebx,
 * ecx, edx, esi, edi and ebp, the kernel's 32-bit structures.  What a C
 * program's life on glibc makes is known, the socket and System V IPC
 * calls too, direct or multiplexed by socketcall and ipc (as glibc makes
 * them on i386); anything else (the old calls glibc no longer makes) is
 * refused rather than guessed.  The kernel takes int $0x80 this way from
 * 64-bit code too.
 */
#define NNAMES32	452

static const char *const names32[NNAMES32] = {
	[0] = "restart_syscall", [1] = "exit", [2] = "fork",
	[3] = "read", [4] = "write", [5] = "open", [6] = "close",
	[7] = "waitpid", [8] = "creat", [9] = "link", [10] = "unlink",
	[11] = "execve", [12] = "chdir", [13] = "time", [14] = "mknod",
	[15] = "chmod", [16] = "lchown", [17] = "break",
	[18] = "oldstat", [19] = "lseek", [20] = "getpid",
	[21] = "mount", [22] = "umount", [23] = "setuid",
	[24] = "getuid", [25] = "stime", [26] = "ptrace",
	[27] = "alarm", [28] = "oldfstat", [29] = "pause",
	[30] = "utime", [31] = "stty", [32] = "gtty", [33] = "access",
	[34] = "nice", [35] = "ftime", [36] = "sync", [37] = "kill",
	[38] = "rename", [39] = "mkdir", [40] = "rmdir", [41] = "dup",
	[42] = "pipe", [43] = "times", [44] = "prof", [45] = "brk",
	[46] = "setgid", [47] = "getgid", [48] = "signal",
	[49] = "geteuid", [50] = "getegid", [51] = "acct",
	[52] = "umount2", [53] = "lock", [54] = "ioctl", [55] = "fcntl",
	[56] = "mpx", [57] = "setpgid", [58] = "ulimit",
	[59] = "oldolduname", [60] = "umask", [61] = "chroot",
	[62] = "ustat", [63] = "dup2", [64] = "getppid",
	[65] = "getpgrp", [66] = "setsid", [67] = "sigaction",
	[68] = "sgetmask", [69] = "ssetmask", [70] = "setreuid",
	[71] = "setregid", [72] = "sigsuspend", [73] = "sigpending",
	[74] = "sethostname", [75] = "setrlimit", [76] = "getrlimit",
	[77] = "getrusage", [78] = "gettimeofday",
	[79] = "settimeofday", [80] = "getgroups", [81] = "setgroups",
	[82] = "select", [83] = "symlink", [84] = "oldlstat",
	[85] = "readlink", [86] = "uselib", [87] = "swapon",
	[88] = "reboot", [89] = "readdir", [90] = "mmap",
	[91] = "munmap", [92] = "truncate", [93] = "ftruncate",
	[94] = "fchmod", [95] = "fchown", [96] = "getpriority",
	[97] = "setpriority", [98] = "profil", [99] = "statfs",
	[100] = "fstatfs", [101] = "ioperm", [102] = "socketcall",
	[103] = "syslog", [104] = "setitimer", [105] = "getitimer",
	[106] = "stat", [107] = "lstat", [108] = "fstat",
	[109] = "olduname", [110] = "iopl", [111] = "vhangup",
	[112] = "idle", [113] = "vm86old", [114] = "wait4",
	[115] = "swapoff", [116] = "sysinfo", [117] = "ipc",
	[118] = "fsync", [119] = "sigreturn", [120] = "clone",
	[121] = "setdomainname", [122] = "uname", [123] = "modify_ldt",
	[124] = "adjtimex", [125] = "mprotect", [126] = "sigprocmask",
	[127] = "create_module", [128] = "init_module",
	[129] = "delete_module", [130] = "get_kernel_syms",
	[131] = "quotactl", [132] = "getpgid", [133] = "fchdir",
	[134] = "bdflush", [135] = "sysfs", [136] = "personality",
	[137] = "afs_syscall", [138] = "setfsuid", [139] = "setfsgid",
	[140] = "_llseek", [141] = "getdents", [142] = "_newselect",
	[143] = "flock", [144] = "msync", [145] = "readv",
	[146] = "writev", [147] = "getsid", [148] = "fdatasync",
	[149] = "_sysctl", [150] = "mlock", [151] = "munlock",
	[152] = "mlockall", [153] = "munlockall",
	[154] = "sched_setparam", [155] = "sched_getparam",
	[156] = "sched_setscheduler", [157] = "sched_getscheduler",
	[158] = "sched_yield", [159] = "sched_get_priority_max",
	[160] = "sched_get_priority_min",
	[161] = "sched_rr_get_interval", [162] = "nanosleep",
	[163] = "mremap", [164] = "setresuid", [165] = "getresuid",
	[166] = "vm86", [167] = "query_module", [168] = "poll",
	[169] = "nfsservctl", [170] = "setresgid", [171] = "getresgid",
	[172] = "prctl", [173] = "rt_sigreturn", [174] = "rt_sigaction",
	[175] = "rt_sigprocmask", [176] = "rt_sigpending",
	[177] = "rt_sigtimedwait", [178] = "rt_sigqueueinfo",
	[179] = "rt_sigsuspend", [180] = "pread64", [181] = "pwrite64",
	[182] = "chown", [183] = "getcwd", [184] = "capget",
	[185] = "capset", [186] = "sigaltstack", [187] = "sendfile",
	[188] = "getpmsg", [189] = "putpmsg", [190] = "vfork",
	[191] = "ugetrlimit", [192] = "mmap2", [193] = "truncate64",
	[194] = "ftruncate64", [195] = "stat64", [196] = "lstat64",
	[197] = "fstat64", [198] = "lchown32", [199] = "getuid32",
	[200] = "getgid32", [201] = "geteuid32", [202] = "getegid32",
	[203] = "setreuid32", [204] = "setregid32",
	[205] = "getgroups32", [206] = "setgroups32",
	[207] = "fchown32", [208] = "setresuid32",
	[209] = "getresuid32", [210] = "setresgid32",
	[211] = "getresgid32", [212] = "chown32", [213] = "setuid32",
	[214] = "setgid32", [215] = "setfsuid32", [216] = "setfsgid32",
	[217] = "pivot_root", [218] = "mincore", [219] = "madvise",
	[220] = "getdents64", [221] = "fcntl64", [224] = "gettid",
	[225] = "readahead", [226] = "setxattr", [227] = "lsetxattr",
	[228] = "fsetxattr", [229] = "getxattr", [230] = "lgetxattr",
	[231] = "fgetxattr", [232] = "listxattr", [233] = "llistxattr",
	[234] = "flistxattr", [235] = "removexattr",
	[236] = "lremovexattr", [237] = "fremovexattr", [238] = "tkill",
	[239] = "sendfile64", [240] = "futex",
	[241] = "sched_setaffinity", [242] = "sched_getaffinity",
	[243] = "set_thread_area", [244] = "get_thread_area",
	[245] = "io_setup", [246] = "io_destroy",
	[247] = "io_getevents", [248] = "io_submit",
	[249] = "io_cancel", [250] = "fadvise64", [252] = "exit_group",
	[253] = "lookup_dcookie", [254] = "epoll_create",
	[255] = "epoll_ctl", [256] = "epoll_wait",
	[257] = "remap_file_pages", [258] = "set_tid_address",
	[259] = "timer_create", [260] = "timer_settime",
	[261] = "timer_gettime", [262] = "timer_getoverrun",
	[263] = "timer_delete", [264] = "clock_settime",
	[265] = "clock_gettime", [266] = "clock_getres",
	[267] = "clock_nanosleep", [268] = "statfs64",
	[269] = "fstatfs64", [270] = "tgkill", [271] = "utimes",
	[272] = "fadvise64_64", [273] = "vserver", [274] = "mbind",
	[275] = "get_mempolicy", [276] = "set_mempolicy",
	[277] = "mq_open", [278] = "mq_unlink", [279] = "mq_timedsend",
	[280] = "mq_timedreceive", [281] = "mq_notify",
	[282] = "mq_getsetattr", [283] = "kexec_load", [284] = "waitid",
	[286] = "add_key", [287] = "request_key", [288] = "keyctl",
	[289] = "ioprio_set", [290] = "ioprio_get",
	[291] = "inotify_init", [292] = "inotify_add_watch",
	[293] = "inotify_rm_watch", [294] = "migrate_pages",
	[295] = "openat", [296] = "mkdirat", [297] = "mknodat",
	[298] = "fchownat", [299] = "futimesat", [300] = "fstatat64",
	[301] = "unlinkat", [302] = "renameat", [303] = "linkat",
	[304] = "symlinkat", [305] = "readlinkat", [306] = "fchmodat",
	[307] = "faccessat", [308] = "pselect6", [309] = "ppoll",
	[310] = "unshare", [311] = "set_robust_list",
	[312] = "get_robust_list", [313] = "splice",
	[314] = "sync_file_range", [315] = "tee", [316] = "vmsplice",
	[317] = "move_pages", [318] = "getcpu", [319] = "epoll_pwait",
	[320] = "utimensat", [321] = "signalfd",
	[322] = "timerfd_create", [323] = "eventfd",
	[324] = "fallocate", [325] = "timerfd_settime",
	[326] = "timerfd_gettime", [327] = "signalfd4",
	[328] = "eventfd2", [329] = "epoll_create1", [330] = "dup3",
	[331] = "pipe2", [332] = "inotify_init1", [333] = "preadv",
	[334] = "pwritev", [335] = "rt_tgsigqueueinfo",
	[336] = "perf_event_open", [337] = "recvmmsg",
	[338] = "fanotify_init", [339] = "fanotify_mark",
	[340] = "prlimit64", [341] = "name_to_handle_at",
	[342] = "open_by_handle_at", [343] = "clock_adjtime",
	[344] = "syncfs", [345] = "sendmmsg", [346] = "setns",
	[347] = "process_vm_readv", [348] = "process_vm_writev",
	[349] = "kcmp", [350] = "finit_module", [351] = "sched_setattr",
	[352] = "sched_getattr", [353] = "renameat2", [354] = "seccomp",
	[355] = "getrandom", [356] = "memfd_create", [357] = "bpf",
	[358] = "execveat", [359] = "socket", [360] = "socketpair",
	[361] = "bind", [362] = "connect", [363] = "listen",
	[364] = "accept4", [365] = "getsockopt", [366] = "setsockopt",
	[367] = "getsockname", [368] = "getpeername", [369] = "sendto",
	[370] = "sendmsg", [371] = "recvfrom", [372] = "recvmsg",
	[373] = "shutdown", [374] = "userfaultfd", [375] = "membarrier",
	[376] = "mlock2", [377] = "copy_file_range", [378] = "preadv2",
	[379] = "pwritev2", [380] = "pkey_mprotect",
	[381] = "pkey_alloc", [382] = "pkey_free", [383] = "statx",
	[384] = "arch_prctl", [385] = "io_pgetevents", [386] = "rseq",
	[393] = "semget", [394] = "semctl", [395] = "shmget",
	[396] = "shmctl", [397] = "shmat", [398] = "shmdt",
	[399] = "msgget", [400] = "msgsnd", [401] = "msgrcv",
	[402] = "msgctl", [403] = "clock_gettime64",
	[404] = "clock_settime64", [405] = "clock_adjtime64",
	[406] = "clock_getres_time64", [407] = "clock_nanosleep_time64",
	[408] = "timer_gettime64", [409] = "timer_settime64",
	[410] = "timerfd_gettime64", [411] = "timerfd_settime64",
	[412] = "utimensat_time64", [413] = "pselect6_time64",
	[414] = "ppoll_time64", [416] = "io_pgetevents_time64",
	[417] = "recvmmsg_time64", [418] = "mq_timedsend_time64",
	[419] = "mq_timedreceive_time64", [420] = "semtimedop_time64",
	[421] = "rt_sigtimedwait_time64", [422] = "futex_time64",
	[423] = "sched_rr_get_interval_time64",
	[424] = "pidfd_send_signal", [425] = "io_uring_setup",
	[426] = "io_uring_enter", [427] = "io_uring_register",
	[428] = "open_tree", [429] = "move_mount", [430] = "fsopen",
	[431] = "fsconfig", [432] = "fsmount", [433] = "fspick",
	[434] = "pidfd_open", [435] = "clone3", [436] = "close_range",
	[437] = "openat2", [438] = "pidfd_getfd", [439] = "faccessat2",
	[440] = "process_madvise", [441] = "epoll_pwait2",
	[442] = "mount_setattr", [443] = "quotactl_fd",
	[444] = "landlock_create_ruleset", [445] = "landlock_add_rule",
	[446] = "landlock_restrict_self", [447] = "memfd_secret",
	[448] = "process_mrelease", [449] = "futex_waitv",
	[450] = "set_mempolicy_home_node",
};

/* Sizes of the kernel's i386 structures.  */
enum {
	SZ32_STAT = 64, SZ32_STAT64 = 96, SZ32_STATFS = 64,
	SZ32_STATFS64 = 84, SZ32_TIMESPEC = 8, SZ32_TIMEVAL = 8,
	SZ32_ITIMERVAL = 16, SZ32_RUSAGE = 72, SZ32_SIGACTION = 20,
	SZ32_OLD_SIGACTION = 16, SZ32_STACK_T = 12, SZ32_RLIMIT = 8,
	SZ32_TMS = 16, SZ32_SYSINFO = 64, SZ32_FLOCK = 16,
	SZ32_FLOCK64 = 24, SZ_TIMESPEC64 = 16, SZ32_SEMID64_DS = 64,
	SZ32_MSQID64_DS = 88, SZ32_SHMID64_DS = 84,
};

/* The socket calls by socketcall's number of each (SYS_SOCKET 1 ...
   SYS_SENDMMSG 20), their arguments A as socketcall's block or the
   direct call's registers hold them.  Returns -1 for no such call.  */
static int
socket_writes32(struct ctx *c, uint64_t call, const uint64_t a[6])
{
	switch (call) {
	case 1: case 2: case 3: case 4:	/* socket, bind, connect, listen */
	case 9: case 11: case 13:	/* send, sendto, shutdown */
	case 14: case 16:		/* setsockopt, sendmsg */
		return 0;
	case 5: case 6: case 7: case 18: /* accept, getsockname, getpeername,
					    accept4 */
		sockaddr(c, a[1], a[2]);
		return 0;
	case 8:				/* socketpair: two ints */
		add(c, a[3], 8);
		return 0;
	case 10:			/* recv */
		add(c, a[1], a[2]);
		return 0;
	case 12:			/* recvfrom */
		add(c, a[1], a[2]);
		sockaddr(c, a[4], a[5]);
		return 0;
	case 15:			/* getsockopt */
		add(c, a[4], 4);
		add(c, a[3], peek(c, a[4], 4));
		return 0;
	case 17:			/* recvmsg */
		msghdr_w(c, a[1], 4);
		return 0;
	case 19:			/* recvmmsg, a 32-bit timespec */
		mmsghdrs_w(c, a[1], a[2], 4);
		add(c, a[4], SZ32_TIMESPEC);
		return 0;
	case 20:			/* sendmmsg: each msg_len */
		add(c, a[1], a[2] * 8 * 4);
		return 0;
	}
	return -1;
}

/* i386's direct socket calls (Linux 4.3 on), as socketcall numbers
   them.  */
static const uint16_t direct_socket32[][2] = {
	{ 359, 1 }, { 361, 2 }, { 362, 3 }, { 363, 4 }, { 367, 6 },
	{ 368, 7 }, { 360, 8 }, { 369, 11 }, { 371, 12 }, { 373, 13 },
	{ 366, 14 }, { 365, 15 }, { 370, 16 }, { 372, 17 }, { 364, 18 },
	{ 337, 19 }, { 345, 20 },
};

/* What a semctl, msgctl or shmctl command CMD (IPC_64 or not) writes at
   BUF: IPC_STAT, IPC_INFO and the call's own three from OWN (SEM_STAT,
   SEM_INFO, SEM_STAT_ANY; MSG_...; SHM_...) fill a structure, SIZE
   bytes, the biggest of them, taken whole.  */
static void
ctl32(struct ctx *c, uint64_t cmd, uint64_t buf, uint64_t own,
    uint64_t size)
{
	cmd &= ~0x100ULL;
	if (cmd == 2 || cmd == 3 || (cmd >= own && cmd < own + 3))
		add(c, buf, size);
}

#define msgctl32(c, cmd, buf)	ctl32(c, cmd, buf, 11, SZ32_MSQID64_DS)
#define shmctl32(c, cmd, buf)	ctl32(c, cmd, buf, 13, SZ32_SHMID64_DS)

/* semctl's, which also has GETALL (13), as many shorts as the set has:
   not known, -1.  */
static int
semctl32(struct ctx *c, uint64_t cmd, uint64_t buf)
{
	if ((cmd & ~0x100ULL) == 13)
		return -1;
	ctl32(c, cmd, buf, 18, SZ32_SEMID64_DS);
	return 0;
}

/* ipc(CALL, FIRST, SECOND, THIRD, PTR, FIFTH) in A: the System V call
   in CALL's low half, its version in the high one.  Returns -1 for one
   not known.  */
static int
ipc_writes32(struct ctx *c, const uint64_t a[6])
{
	uint64_t version = a[0] >> 16;

	switch (a[0] & 0xffff) {
	case 1: case 2: case 4:		/* semop, semget, semtimedop */
	case 11: case 13:		/* msgsnd, msgget */
	case 22: case 23:		/* shmdt, shmget */
		return 0;
	case 3:				/* semctl: the union semun at PTR */
		return a[4] == 0 ? 0 : semctl32(c, a[3], peek(c, a[4], 4));
	case 12:			/* msgrcv: mtype and SECOND bytes at
					   the kludge's msgp (version 0) or
					   at PTR */
		if (a[2] < 0x80000000)
			add(c, version == 0 ? peek(c, a[4], 4) : a[4],
			    a[2] + 4);
		return 0;
	case 14:			/* msgctl */
		msgctl32(c, a[2], a[4]);
		return 0;
	case 21:			/* shmat: the address, at THIRD */
		if (version != 1)
			add(c, a[3], 4);
		return 0;
	case 24:			/* shmctl */
		shmctl32(c, a[2], a[4]);
		return 0;
	}
	return -1;
}

const char *
fs_syscall_name_i386(uint64_t nr)
{
	return nr < NNAMES32 ? names32[nr] : NULL;
}

int
fs_syscall_writes_i386(const struct user_regs_struct *regs,
    fs_syscall_read_fn *read, void *arg, struct fs_syscall_range *out,
    size_t max, size_t *n, uint64_t altstack[2], bool *altset)
{
	struct ctx c = { read, arg, out, max, 0, false };
	uint64_t nr = regs->rax & 0xffffffff;
	uint64_t a0 = regs->rbx & 0xffffffff, a1 = regs->rcx & 0xffffffff,
	    a2 = regs->rdx & 0xffffffff, a3 = regs->rsi & 0xffffffff,
	    a4 = regs->rdi & 0xffffffff, a5 = regs->rbp & 0xffffffff, v;
	uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
	uint32_t blk[6];
	size_t i;
	int r = FS_SYSCALL_OK;

	*n = 0;
	*altset = false;
	switch (nr) {
	case 3: case 180:		/* read, pread64 */
	case 85: case 141: case 220:	/* readlink, getdents(64) */
		add(&c, a1, a2);
		break;
	case 183: case 355:		/* getcwd, getrandom */
		add(&c, a0, a1);
		break;
	case 305:			/* readlinkat */
		add(&c, a2, a3);
		break;
	case 145:			/* readv */
		iovecs_w(&c, a1, a2, 4);
		break;
	case 7:				/* waitpid */
		add(&c, a1, 4);
		break;
	case 114:			/* wait4 */
		add(&c, a1, 4);
		add(&c, a3, SZ32_RUSAGE);
		break;
	case 284:			/* waitid */
		add(&c, a2, SZ_SIGINFO);
		add(&c, a4, SZ32_RUSAGE);
		break;
	case 13:			/* time */
		add(&c, a0, 4);
		break;
	case 42: case 331:		/* pipe, pipe2 */
		add(&c, a0, 8);
		break;
	case 43:			/* times */
		add(&c, a0, SZ32_TMS);
		break;
	case 54:			/* ioctl: the same numbers and sizes */
		if (ioctl_writes(&c, a1, a2) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 55: case 221:		/* fcntl, fcntl64 */
		if (a1 == 5)			/* F_GETLK */
			add(&c, a2, SZ32_FLOCK);
		else if (a1 == 12 || a1 == 36)	/* F_GETLK64, OFD */
			add(&c, a2, SZ32_FLOCK64);
		else if (a1 == 16)		/* F_GETOWN_EX */
			add(&c, a2, 8);
		break;
	case 67:			/* sigaction */
		add(&c, a2, SZ32_OLD_SIGACTION);
		break;
	case 174:			/* rt_sigaction */
		add(&c, a2, SZ32_SIGACTION);
		break;
	case 126:			/* sigprocmask */
		add(&c, a2, 4);
		break;
	case 175:			/* rt_sigprocmask */
		add(&c, a2, a3 ? a3 : 8);
		break;
	case 176:			/* rt_sigpending */
		add(&c, a0, a1 ? a1 : 8);
		break;
	case 177:			/* rt_sigtimedwait */
		add(&c, a1, SZ_SIGINFO);
		break;
	case 186:			/* sigaltstack */
		add(&c, a1, SZ32_STACK_T);
		if (a0 != 0) {
			uint32_t ss[3];

			if (read(arg, a0, ss, sizeof ss) == (ssize_t)sizeof ss) {
				/* ss_sp, ss_flags (SS_DISABLE: 2), ss_size */
				altstack[0] = ss[0];
				altstack[1] = (ss[1] & 2) ? 0 : ss[2];
				*altset = true;
			}
		}
		break;
	case 76: case 191:		/* getrlimit, ugetrlimit */
		add(&c, a1, SZ32_RLIMIT);
		break;
	case 340:			/* prlimit64 */
		add(&c, a3, SZ_RLIMIT);
		break;
	case 77:			/* getrusage */
		add(&c, a1, SZ32_RUSAGE);
		break;
	case 78:			/* gettimeofday */
		add(&c, a0, SZ32_TIMEVAL);
		add(&c, a1, 8);
		break;
	case 104:			/* setitimer */
		add(&c, a2, SZ32_ITIMERVAL);
		break;
	case 105:			/* getitimer */
		add(&c, a1, SZ32_ITIMERVAL);
		break;
	case 106: case 107: case 108:	/* stat, lstat, fstat */
		add(&c, a1, SZ32_STAT);
		break;
	case 195: case 196: case 197:	/* stat64, lstat64, fstat64 */
		add(&c, a1, SZ32_STAT64);
		break;
	case 300:			/* fstatat64 */
		add(&c, a2, SZ32_STAT64);
		break;
	case 383:			/* statx */
		add(&c, a4, SZ_STATX);
		break;
	case 99: case 100:		/* statfs, fstatfs */
		add(&c, a1, SZ32_STATFS);
		break;
	case 268: case 269:		/* statfs64, fstatfs64 */
		add(&c, a2, SZ32_STATFS64);
		break;
	case 116:			/* sysinfo */
		add(&c, a0, SZ32_SYSINFO);
		break;
	case 122:			/* uname */
		add(&c, a0, SZ_UTSNAME);
		break;
	case 140:			/* _llseek: the result, 64 bits */
		add(&c, a3, 8);
		break;
	case 142:			/* _newselect: fd_sets of 32-bit longs */
		v = a0 > 65536 ? 65536 : a0;
		add(&c, a1, (v + 31) / 32 * 4);
		add(&c, a2, (v + 31) / 32 * 4);
		add(&c, a3, (v + 31) / 32 * 4);
		add(&c, a4, SZ32_TIMEVAL);
		break;
	case 168:			/* poll */
		add(&c, a0, a1 * SZ_POLLFD);
		break;
	case 162:			/* nanosleep */
		add(&c, a1, SZ32_TIMESPEC);
		break;
	case 265: case 266:		/* clock_gettime, clock_getres */
		add(&c, a1, SZ32_TIMESPEC);
		break;
	case 267:			/* clock_nanosleep */
		add(&c, a3, SZ32_TIMESPEC);
		break;
	case 403: case 406:		/* clock_gettime64, clock_getres_.. */
		add(&c, a1, SZ_TIMESPEC64);
		break;
	case 407:			/* clock_nanosleep_time64 */
		add(&c, a3, SZ_TIMESPEC64);
		break;
	case 192:			/* mmap2: MAP_FIXED replaces memory */
		if (a3 & 0x10)
			add(&c, a0, a1);
		break;
	case 91:			/* munmap: gone, but it was there */
		add(&c, a0, a1);
		break;
	case 163:			/* mremap */
		add(&c, a0, a1);
		if (a3 & 2)		/* MREMAP_FIXED */
			add(&c, a4, a2);
		break;
	case 219:			/* madvise: DONTNEED, FREE, REMOVE zero */
		if (a2 == 4 || a2 == 8 || a2 == 9 || a2 == 101)
			add(&c, a0, a1);
		break;
	case 218:			/* mincore */
		add(&c, a2, (a1 + 4095) / 4096);
		break;
	case 172:			/* prctl */
		if (prctl_writes(&c, a0, a1) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 384:			/* arch_prctl */
		if (a0 == 0x1022 || a0 == 0x1023)	/* XCOMP */
			add(&c, a1, 8);
		else if (a0 != 0x1011 && a0 != 0x1012 && a0 != 0x1021 &&
		    a0 != 0x1024)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 187:			/* sendfile */
		add(&c, a2, 4);
		break;
	case 239:			/* sendfile64 */
		add(&c, a2, 8);
		break;
	case 240: case 422:		/* futex, futex_time64 */
		add(&c, a0, 4);
		v = a1 & 0x7f;
		if (v == 3 || v == 4 || v == 5 || v == 11 || v == 12)
			add(&c, a4, 4);
		break;
	case 242:			/* sched_getaffinity */
		add(&c, a2, a1);
		break;
	case 155:			/* sched_getparam */
		add(&c, a1, SZ_SCHED_PARAM);
		break;
	case 243: case 244:		/* set/get_thread_area: the entry */
		add(&c, a0, SZ_USER_DESC);
		break;
	case 312:			/* get_robust_list */
		add(&c, a1, 4);
		add(&c, a2, 4);
		break;
	case 256: case 319:		/* epoll_wait, epoll_pwait */
		add(&c, a1, a2 * SZ_EPOLL_EVENT);
		break;
	case 120:			/* clone: flags, stack, ptid, tls, ctid */
		r = clone_writes(&c, a0, a2, a2, a4);
		break;
	case 102: {			/* socketcall(CALL, its arguments) */
		static const uint8_t nargs[21] = { 0, 3, 3, 3, 2, 3, 3, 3,
		    4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4 };

		memset(blk, 0, sizeof blk);
		if (a0 < 1 || a0 > 20 || read(arg, a1, blk, nargs[a0] * 4u) !=
		    (ssize_t)(nargs[a0] * 4u)) {
			r = FS_SYSCALL_UNKNOWN;
			break;
		}
		for (i = 0; i < 6; i++)
			a[i] = blk[i];
		if (socket_writes32(&c, a0, a) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	}
	case 117:			/* ipc */
		if (ipc_writes32(&c, a) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 417:			/* recvmmsg_time64 */
		mmsghdrs_w(&c, a1, a2, 4);
		add(&c, a4, SZ_TIMESPEC64);
		break;
	case 394:			/* semctl(id, num, cmd, semun) */
		if (semctl32(&c, a2, a3) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	case 396:			/* shmctl(id, cmd, buf) */
		shmctl32(&c, a1, a2);
		break;
	case 402:			/* msgctl(id, cmd, buf) */
		msgctl32(&c, a1, a2);
		break;
	case 401:			/* msgrcv(id, msgp, size, type, flags) */
		if (a2 < 0x80000000)
			add(&c, a1, a2 + 4);
		break;
	case 1: case 252:		/* exit, exit_group */
		r = FS_SYSCALL_EXIT;
		break;
	case 2:				/* fork */
		r = FS_SYSCALL_FORK;
		break;
	/* Calls that write nothing of the process's memory.  */
	case 4: case 5: case 6: case 8: case 9: case 10: case 12: case 15:
	case 19: case 20: case 23: case 24: case 27: case 29: case 33:
	case 34: case 36: case 37: case 38: case 39: case 40: case 41:
	case 45: case 46: case 47: case 49: case 50: case 57: case 60:
	case 61: case 63: case 64: case 65: case 66: case 75: case 83:
	case 92: case 93: case 94: case 96: case 97: case 118: case 119:
	case 125: case 132: case 133: case 136: case 143: case 144:
	case 146: case 147: case 148: case 150: case 151: case 152:
	case 153: case 157: case 158: case 173: case 178: case 179:
	case 181: case 193: case 194: case 199: case 200: case 201:
	case 202: case 207: case 212: case 213: case 214: case 224:
	case 238: case 241: case 250: case 254: case 255: case 258:
	case 263: case 270: case 272: case 295: case 296: case 301:
	case 302: case 306: case 307: case 311: case 322: case 328:
	case 329: case 330: case 376: case 386: case 436: case 439:
	case 393: case 395: case 397: case 398: case 399: case 400:
	case 420:			/* sem/shm/msgget, shmat, shmdt,
					   msgsnd, semtimedop_time64 */
		break;
	default:
		for (i = 0; i < sizeof direct_socket32 /
		    sizeof direct_socket32[0]; i++)
			if (direct_socket32[i][0] == nr)
				break;
		/* Not known, or not followed: shared memory, exec, vfork,
		   clone3...  */
		if (i == sizeof direct_socket32 / sizeof direct_socket32[0] ||
		    socket_writes32(&c, direct_socket32[i][1], a) < 0)
			r = FS_SYSCALL_UNKNOWN;
		break;
	}
	*n = c.n;
	if ((r == FS_SYSCALL_OK || r == FS_SYSCALL_FORK) && c.toomany)
		r = FS_SYSCALL_TOOMANY;
	return r;
}

/* gdb's groups of system calls (`catch syscall group:network'), a bit
   each, by number.  */
enum {
	G_DESC = 1, G_FILE = 2, G_IPC = 4, G_MEM = 8, G_NET = 16,
	G_PROC = 32, G_SIG = 64,
};
static const char *const group_names[] = {
	"descriptor", "file", "ipc", "memory", "network", "process",
	"signal",
};

static const uint8_t groups64[NNAMES] = {
	[0] = G_DESC, [1] = G_DESC, [2] = G_DESC | G_FILE, [3] = G_DESC,
	[4] = G_FILE, [5] = G_DESC, [6] = G_FILE, [7] = G_DESC,
	[8] = G_DESC, [9] = G_DESC | G_MEM, [10] = G_MEM, [11] = G_MEM,
	[12] = G_MEM, [13] = G_SIG, [14] = G_SIG, [15] = G_SIG,
	[16] = G_DESC, [17] = G_DESC, [18] = G_DESC, [19] = G_DESC,
	[20] = G_DESC, [21] = G_FILE, [22] = G_DESC, [23] = G_DESC,
	[25] = G_MEM, [26] = G_MEM, [27] = G_MEM, [28] = G_MEM,
	[29] = G_IPC, [30] = G_IPC | G_MEM, [31] = G_IPC, [32] = G_DESC,
	[33] = G_DESC, [34] = G_SIG, [40] = G_DESC | G_NET,
	[41] = G_NET, [42] = G_NET, [43] = G_NET, [44] = G_NET,
	[45] = G_NET, [46] = G_NET, [47] = G_NET, [48] = G_NET,
	[49] = G_NET, [50] = G_NET, [51] = G_NET, [52] = G_NET,
	[53] = G_NET, [54] = G_NET, [55] = G_NET, [56] = G_PROC,
	[57] = G_PROC, [58] = G_PROC, [59] = G_FILE | G_PROC,
	[60] = G_PROC, [61] = G_PROC, [62] = G_SIG, [64] = G_IPC,
	[65] = G_IPC, [66] = G_IPC, [67] = G_IPC | G_MEM, [68] = G_IPC,
	[69] = G_IPC, [70] = G_IPC, [71] = G_IPC, [72] = G_DESC,
	[73] = G_DESC, [74] = G_DESC, [75] = G_DESC, [76] = G_FILE,
	[77] = G_DESC, [78] = G_DESC, [79] = G_FILE, [80] = G_FILE,
	[81] = G_DESC, [82] = G_FILE, [83] = G_FILE, [84] = G_FILE,
	[85] = G_DESC | G_FILE, [86] = G_FILE, [87] = G_FILE,
	[88] = G_FILE, [89] = G_FILE, [90] = G_FILE, [91] = G_DESC,
	[92] = G_FILE, [93] = G_DESC, [94] = G_FILE, [127] = G_SIG,
	[128] = G_SIG, [129] = G_SIG, [130] = G_SIG, [131] = G_SIG,
	[132] = G_FILE, [133] = G_FILE, [134] = G_FILE, [137] = G_FILE,
	[138] = G_DESC, [149] = G_MEM, [150] = G_MEM, [151] = G_MEM,
	[152] = G_MEM, [155] = G_FILE, [158] = G_PROC, [161] = G_FILE,
	[163] = G_FILE, [165] = G_FILE, [166] = G_FILE, [167] = G_FILE,
	[168] = G_FILE, [179] = G_FILE, [187] = G_DESC, [188] = G_FILE,
	[189] = G_FILE, [190] = G_DESC, [191] = G_FILE, [192] = G_FILE,
	[193] = G_DESC, [194] = G_FILE, [195] = G_FILE, [196] = G_DESC,
	[197] = G_FILE, [198] = G_FILE, [199] = G_DESC, [200] = G_SIG,
	[213] = G_DESC, [216] = G_MEM, [217] = G_DESC, [220] = G_IPC,
	[221] = G_DESC, [231] = G_PROC, [232] = G_DESC, [233] = G_DESC,
	[234] = G_SIG, [235] = G_FILE, [237] = G_MEM, [238] = G_MEM,
	[239] = G_MEM, [247] = G_PROC, [253] = G_DESC, [254] = G_DESC,
	[255] = G_DESC, [256] = G_MEM, [257] = G_DESC | G_FILE,
	[258] = G_DESC | G_FILE, [259] = G_DESC | G_FILE,
	[260] = G_DESC | G_FILE, [261] = G_DESC | G_FILE,
	[262] = G_DESC | G_FILE, [263] = G_DESC | G_FILE,
	[264] = G_DESC | G_FILE, [265] = G_DESC | G_FILE,
	[266] = G_DESC | G_FILE, [267] = G_DESC | G_FILE,
	[268] = G_DESC | G_FILE, [269] = G_DESC | G_FILE,
	[270] = G_DESC, [271] = G_DESC, [272] = G_PROC, [275] = G_DESC,
	[276] = G_DESC, [277] = G_DESC, [278] = G_DESC, [279] = G_MEM,
	[280] = G_DESC | G_FILE, [281] = G_DESC, [282] = G_DESC | G_SIG,
	[283] = G_DESC, [284] = G_DESC, [285] = G_DESC, [286] = G_DESC,
	[287] = G_DESC, [288] = G_NET, [289] = G_DESC | G_SIG,
	[290] = G_DESC, [291] = G_DESC, [292] = G_DESC, [293] = G_DESC,
	[294] = G_DESC, [295] = G_DESC, [296] = G_DESC,
	[297] = G_PROC | G_SIG, [298] = G_DESC, [299] = G_NET,
	[300] = G_DESC, [301] = G_DESC | G_FILE,
	[303] = G_DESC | G_FILE, [304] = G_DESC, [306] = G_DESC,
	[307] = G_NET, [308] = G_DESC, [313] = G_DESC,
};

static const uint8_t groups32[NNAMES32] = {
	[1] = G_PROC, [2] = G_PROC, [3] = G_DESC, [4] = G_DESC,
	[5] = G_DESC | G_FILE, [6] = G_DESC, [7] = G_PROC,
	[8] = G_DESC | G_FILE, [9] = G_FILE, [10] = G_FILE,
	[11] = G_FILE | G_PROC, [12] = G_FILE, [14] = G_FILE,
	[15] = G_FILE, [16] = G_FILE, [17] = G_MEM, [18] = G_FILE,
	[19] = G_DESC, [21] = G_FILE, [22] = G_FILE, [28] = G_DESC,
	[29] = G_SIG, [30] = G_FILE, [33] = G_FILE, [37] = G_SIG,
	[38] = G_FILE, [39] = G_FILE, [40] = G_FILE, [41] = G_DESC,
	[42] = G_DESC, [45] = G_MEM, [48] = G_SIG, [51] = G_FILE,
	[52] = G_FILE, [54] = G_DESC, [55] = G_DESC, [61] = G_FILE,
	[63] = G_DESC, [67] = G_SIG, [68] = G_SIG, [69] = G_SIG,
	[72] = G_SIG, [73] = G_SIG, [82] = G_DESC, [83] = G_FILE,
	[84] = G_FILE, [85] = G_FILE, [86] = G_FILE, [87] = G_FILE,
	[89] = G_DESC, [90] = G_DESC | G_MEM, [91] = G_MEM,
	[92] = G_FILE, [93] = G_DESC, [94] = G_DESC, [95] = G_DESC,
	[99] = G_FILE, [100] = G_DESC, [102] = G_DESC, [106] = G_FILE,
	[107] = G_FILE, [108] = G_DESC, [114] = G_PROC, [115] = G_FILE,
	[117] = G_IPC, [118] = G_DESC, [119] = G_SIG, [120] = G_PROC,
	[125] = G_MEM, [126] = G_SIG, [131] = G_FILE, [133] = G_DESC,
	[140] = G_DESC, [141] = G_DESC, [142] = G_DESC, [143] = G_DESC,
	[144] = G_MEM, [145] = G_DESC, [146] = G_DESC, [148] = G_DESC,
	[150] = G_MEM, [151] = G_MEM, [152] = G_MEM, [153] = G_MEM,
	[163] = G_MEM, [168] = G_DESC, [173] = G_SIG, [174] = G_SIG,
	[175] = G_SIG, [176] = G_SIG, [177] = G_SIG, [178] = G_SIG,
	[179] = G_SIG, [180] = G_DESC, [181] = G_DESC, [182] = G_FILE,
	[183] = G_FILE, [186] = G_SIG, [187] = G_DESC | G_NET,
	[190] = G_PROC, [192] = G_DESC | G_MEM, [193] = G_FILE,
	[194] = G_DESC, [195] = G_FILE, [196] = G_FILE, [197] = G_DESC,
	[198] = G_FILE, [207] = G_DESC, [212] = G_FILE, [217] = G_FILE,
	[218] = G_MEM, [219] = G_MEM, [220] = G_DESC, [221] = G_DESC,
	[225] = G_DESC, [226] = G_FILE, [227] = G_FILE, [228] = G_DESC,
	[229] = G_FILE, [230] = G_FILE, [231] = G_DESC, [232] = G_FILE,
	[233] = G_FILE, [234] = G_DESC, [235] = G_FILE, [236] = G_FILE,
	[237] = G_DESC, [238] = G_SIG, [239] = G_DESC | G_NET,
	[250] = G_DESC, [252] = G_PROC, [254] = G_DESC, [255] = G_DESC,
	[256] = G_DESC, [257] = G_MEM, [268] = G_FILE, [269] = G_DESC,
	[270] = G_SIG, [271] = G_FILE, [272] = G_DESC, [274] = G_MEM,
	[275] = G_MEM, [276] = G_MEM, [284] = G_PROC, [291] = G_DESC,
	[292] = G_DESC, [293] = G_DESC, [294] = G_MEM,
	[295] = G_DESC | G_FILE, [296] = G_DESC | G_FILE,
	[297] = G_DESC | G_FILE, [298] = G_DESC | G_FILE,
	[299] = G_DESC | G_FILE, [300] = G_DESC | G_FILE,
	[301] = G_DESC | G_FILE, [302] = G_DESC | G_FILE,
	[303] = G_DESC | G_FILE, [304] = G_DESC | G_FILE,
	[305] = G_DESC | G_FILE, [306] = G_DESC | G_FILE,
	[307] = G_DESC | G_FILE, [308] = G_DESC, [309] = G_DESC,
	[310] = G_PROC, [313] = G_DESC, [314] = G_DESC, [315] = G_DESC,
	[316] = G_DESC, [317] = G_MEM, [319] = G_DESC,
	[320] = G_DESC | G_FILE, [321] = G_DESC | G_SIG, [322] = G_DESC,
	[323] = G_DESC, [324] = G_DESC, [325] = G_DESC, [326] = G_DESC,
	[327] = G_DESC | G_SIG, [328] = G_DESC, [329] = G_DESC,
	[330] = G_DESC, [331] = G_DESC, [332] = G_DESC, [333] = G_DESC,
	[334] = G_DESC, [335] = G_PROC | G_SIG, [336] = G_DESC,
	[337] = G_NET, [338] = G_DESC, [339] = G_DESC | G_FILE,
	[341] = G_DESC | G_FILE, [342] = G_DESC, [344] = G_DESC,
	[345] = G_NET, [346] = G_DESC, [350] = G_DESC, [359] = G_NET,
	[360] = G_NET, [361] = G_NET, [362] = G_NET, [363] = G_NET,
	[364] = G_NET, [365] = G_NET, [366] = G_NET, [367] = G_NET,
	[368] = G_NET, [369] = G_NET, [370] = G_NET, [371] = G_NET,
	[372] = G_NET, [373] = G_NET, [384] = G_PROC, [393] = G_IPC,
	[394] = G_IPC, [395] = G_IPC, [396] = G_IPC,
	[397] = G_IPC | G_MEM, [398] = G_IPC | G_MEM, [399] = G_IPC,
	[400] = G_IPC, [401] = G_IPC, [402] = G_IPC,
};

static unsigned
groups_x86_64(uint64_t nr)
{
	return nr < NNAMES ? groups64[nr] : 0;
}

static unsigned
groups_i386(uint64_t nr)
{
	return nr < NNAMES32 ? groups32[nr] : 0;
}

bool
fs_syscall_in_group(const struct fs_syscall_abi *abi, const char *group,
    uint64_t nr)
{
	size_t i;

	for (i = 0; i < sizeof group_names / sizeof *group_names; i++)
		if (strcmp(group_names[i], group) == 0)
			return (abi->groups(nr) & 1u << i) != 0;
	return false;
}

const struct fs_syscall_abi fs_syscall_x86_64 = {
	fs_syscall_name, fs_syscall_writes, groups_x86_64,
};

const struct fs_syscall_abi fs_syscall_i386 = {
	fs_syscall_name_i386, fs_syscall_writes_i386, groups_i386,
};
