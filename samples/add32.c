/* The seed article's program (Function Stack Frame Creation and
   Destruction), as VS2019 built it for 32-bit x86: Add's frame holds
   left and right at ebp+8 and ebp+12, result at ebp-4.  Built with
   gcc -m32 -O0, and again with -ftrivial-auto-var-init=pattern, gcc's
   analogue of the 0xCC fill the article shows.  */
#include <stdio.h>

int Add(int left, int right)
{
	int result = 0;
	result = left + right;
	return result;
}

int main()
{
	int num1 = 3;
	int num2 = 5;
	int sum = 0;
	sum = Add(num1, num2);
	printf("%d\n", sum);
	return 0;
}
