# The seed article's steps on add32, built gcc -m32 -O0
# (framescope --batch -x samples/add32.fs samples/bin/add32-m32-pattern).
# main's frame: push %ebp; mov %esp,%ebp; the stack realigned, ebx saved.
break main
run
frames
# num1 = 3 and num2 = 5 stored, sum = 0, then the two pushes of Add's
# arguments, right to left, and the call that pushes the return address.
break Add
continue
# Add's frame built: the saved ebp at ebp, the return address at ebp+4,
# left at ebp+8 and right at ebp+12, result at ebp-4.
frames
info frame
x/8xw $esp
# result = left + right; the return value in eax.
next
next
print result
info registers eax
# leave; ret: the frame taken down, main pops the arguments itself.
finish
frames 1
