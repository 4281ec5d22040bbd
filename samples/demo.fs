# `make demo`: the textbook's 8-argument call, one stop at a time.
echo \n== main at the call: locals a = 7 and b = 8 under the saved rbp\n
break callee8.c:10
run
bt
info registers rsp rbp
x/4gx $sp
echo \n== pushq twice: arg8, then arg7, go on the stack (rsp moves down 16)\n
stepi 2
x/4gx $sp
echo \n== arg1..arg6 go in registers rdi, rsi, rdx, rcx, r8, r9\n
stepi 6
info registers rdi rsi rdx rcx r8 r9
echo \n== call: the return address is pushed; rip is callee's first instruction\n
stepi
x/4gx $sp
bt
echo \n== callee's prologue: push %rbp; mov %rsp,%rbp\n
stepi 2
info registers rsp rbp
echo \n== above rbp: saved rbp, return address, arg7 (rbp+16), arg8 (rbp+24)\n
x/4gx $rbp
echo \n== arg1..arg6 copied into the red zone under rsp: rbp-48 .. rbp-8\n
stepi 6
x/6gx $rbp-48
bt
echo \n== finish: pop %rbp and ret take callee's frame away\n
finish
bt
echo \n== the data stays on the stack; only rsp and rbp moved\n
x/6gx $sp-48
continue
