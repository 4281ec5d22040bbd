/* The VS2019 article's Add: two int parameters, one local, called from a
   main with three locals. */
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
