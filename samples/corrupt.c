/* Corrupt stacks, each stopped at an int3 for a debugger to unwind.
   Without an argument, smash() points its saved rbp below its own frame:
   its caller's frame, found through that rbp, comes out inner to
   smash's, and the unwind must stop there (gdb: "Backtrace stopped:
   previous frame inner to this frame (corrupt stack?)").  With "sigloop",
   sigloop() returns, as far as an unwinder can tell, into a signal
   trampoline whose saved context is that of another signal frame, whose
   saved context is the first one's: two signal frames, each the other's
   caller, which an unwinder must not follow round and round (gdb:
   "previous frame identical to this frame"). */
#define _GNU_SOURCE	/* REG_RSP, REG_RIP */
#include <string.h>
#include <ucontext.h>

/* A copy of the x86-64 sigreturn trampoline (mov $15,%rax; syscall),
   never run, with the unwind information glibc gives its own: a signal
   frame (augmentation S) whose caller's rsp and rip are those saved in
   the ucontext at rsp (offsets 160 and 168), the CFI starting one byte
   before it, as a return address into it is looked up one byte early.  */
void fake_restore(void);
__asm__(".text\n"
    "\t.cfi_startproc\n"
    "\t.cfi_signal_frame\n"
    "\t.cfi_escape 0x0f, 0x04, 0x77, 0xa0, 0x01, 0x06\n"
    "\t.cfi_escape 0x10, 0x10, 0x03, 0x77, 0xa8, 0x01\n"
    "\tnop\n"
    ".globl fake_restore\n"
    ".type fake_restore, @function\n"
    "fake_restore:\n"
    "\tmov $15, %rax\n"
    "\tsyscall\n"
    "\t.cfi_endproc\n"
    ".size fake_restore, .-fake_restore\n");

static void smash(void)
{
	long *fp = __builtin_frame_address(0);

	fp[0] = (long)fp - 256;
	__asm__ volatile("int3");
}

static void sigloop(void)
{
	long *fp = __builtin_frame_address(0);
	ucontext_t *a = (ucontext_t *)(fp + 2), *b = a + 1;

	/* Return into the trampoline, with context A at the CFA, as the
	   kernel lays out a signal frame; A returns into the trampoline
	   with context B, and B with A.  */
	fp[1] = (long)fake_restore;
	memset(a, 0, 2 * sizeof *a);
	a->uc_mcontext.gregs[REG_RSP] = (long)b;
	a->uc_mcontext.gregs[REG_RIP] = (long)fake_restore;
	b->uc_mcontext.gregs[REG_RSP] = (long)a;
	b->uc_mcontext.gregs[REG_RIP] = (long)fake_restore;
	__asm__ volatile("int3");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "sigloop") == 0)
		sigloop();
	else
		smash();
	return 0;
}
