/* Globals of every type class, initialised to values that exercise the
   value printer: framescope's tests print each with gdb and with
   framescope and compare.  */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

struct point { int x, y; };
struct line { struct point a, b; const char *label; };
struct node { int val; struct node *next; };
/* A 40-bit field needs a 64-bit type: long on x86-64, long long on
   i386 (gcc -m32).  */
#ifdef __i386__
#define LONG40 unsigned long long
#else
#define LONG40 unsigned long
#endif
struct bits { unsigned a : 3; signed b : 4; unsigned c : 1; int d; LONG40 e : 40; };
union num { int i; float f; unsigned char b[4]; };
struct withanon { int tag; union { int i; char c; }; struct { short lo, hi; }; };
struct withfp { int (*op)(int, int); const char *name; };
struct empty { };
struct nested { struct point pts[2]; int m[2][3]; char name[8]; };
enum color { RED, GREEN, BLUE = 5 };
enum flags { F_READ = 1, F_WRITE = 2, F_EXEC = 4, F_ALL = 8 };
enum sparse { S_NEG = -3, S_ZERO = 0, S_BIG = 1000 };
typedef struct point point_t;
typedef char *str_t;
typedef int (*binop_t)(int, int);
struct incomplete;

int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }

char g_char = 'a';
char g_char_nl = '\n';
char g_char_nul = 0;
signed char g_schar = -1;
unsigned char g_uchar = 200;
char g_char_q = '\'';
char g_char_bs = '\\';
char g_char_esc = 27;
char g_char_del = 127;
short g_short = -1234;
unsigned short g_ushort = 65535;
int g_int = -42;
unsigned g_uint = 4000000000u;
/* Past 32 bits where long has 64 (x86-64), its largest magnitudes where
   it has 32 (i386).  */
#if __SIZEOF_LONG__ == 8
long g_long = -1234567890123L;
#else
long g_long = -1234567890L;
#endif
unsigned long g_ulong = ULONG_MAX;
long long g_llong = 9223372036854775807LL;
int8_t g_i8 = 65;
uint8_t g_u8 = 255;
int64_t g_i64 = -9223372036854775807LL - 1;
bool g_true = true;
bool g_false = false;
float g_float = 1.5f;
float g_float_pi = 3.14159265f;
float g_float_third = 1.0f / 3;
double g_double = 3.141592653589793;
double g_double_third = 1.0 / 3;
double g_double_big = 1e300;
double g_double_small = 1e-300;
double g_double_int = 100.0;
double g_double_neg = -2.5;
double g_double_zero = 0.0;
double g_double_negzero = -0.0;
double g_double_inf = __builtin_inf();
double g_double_ninf = -__builtin_inf();
double g_double_nan = __builtin_nan("");
double g_double_nnan = -__builtin_nan("");
double g_double_1e16 = 1e16;
double g_double_123456789 = 123456789.0;
float g_float_1e10 = 1e10f;
float g_float_inf = __builtin_inff();
float g_float_nan = __builtin_nanf("");
long double g_ldouble = 2.5L;
long double g_ldouble_third = 1.0L / 3;
int *g_null = 0;
int *g_pint = &g_int;
int **g_ppint = &g_pint;
void *g_void = &g_int;
const char *g_str = "hello";
char *g_str_esc = "tab\there \"q\" nl\n";
str_t g_str_typedef = "typedef";
unsigned char *g_ustr = (unsigned char *)"bytes";
const char *g_str_null = 0;
/* Text past ASCII: UTF-8 characters (printed as they are in a UTF-8
   locale), bytes that are none (escapes), and one cut short by the end
   of its array (gdb's <incomplete sequence>).  */
const char *g_str_utf8 = "na\xc3\xafve \xe2\x82\xac \xff\xfe end";
char g_arr_utf8[8] = "h\xc3\xa9llo";
char g_arr_cut[4] = { 'a', 'b', '\xe2', '\x82' };
char g_arr_bad_cut[4] = { 'a', '\xfe', '\xe2', '\x82' };
char g_buf[8] = "hi";
char g_buf_full[5] = "abcde";
char g_buf_big[32] = "hi";
char g_buf_rep[20] = "aaaaaaaaaaaaaaa";
char g_buf_zero[16];
char g_buf_emb[8] = "a\0001b";
char g_buf_esc[6] = { 1, 2, 'x', 127, '"', 0 };
unsigned char g_ubuf[4] = { 1, 2, 3, 4 };
uint8_t g_u8buf[6] = "u8buf";
int g_arr[3] = { 1, 2, 3 };
int g_arr2[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
int g_arr_zero[16];
int g_arr_rep[20] = { 1, 2, [5 ... 17] = 7, 9 };
int g_arr_ten[12] = { [1 ... 10] = 3 };
int g_arr_eleven[13] = { [1 ... 11] = 3 };
int g_arr_long[300] = { [0 ... 299] = 1, [5] = 2, [100] = 3 };
#define T10(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9
#define T50(b) T10(b), T10(b + 10), T10(b + 20), T10(b + 30), T10(b + 40)
int g_arr_seq[250] = { T50(0), T50(50), T50(100), T50(150), T50(200) };
double g_darr[3] = { 0.5, 1.25, -3 };
struct point g_point = { 1, 2 };
point_t g_point_td = { 3, 4 };
struct line g_line = { { 1, 2 }, { 3, 4 }, "diag" };
struct node g_node2 = { 2, 0 };
struct node g_node1 = { 1, &g_node2 };
struct bits g_bits = { 5, -3, 1, 77, 0xabcdef1234ul };
union num g_num = { .f = 1.0f };
struct withanon g_anon = { 7, { 65 }, { 1, 2 } };
struct withfp g_withfp = { add, "add" };
struct empty g_empty;
struct nested g_nested = { { { 1, 2 }, { 3, 4 } }, { { 1, 2, 3 }, { 4, 5, 6 } }, "nest" };
struct point g_points[3] = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
enum color g_color = GREEN;
enum color g_color_blue = BLUE;
enum color g_color_bad = (enum color)3;
enum flags g_flags = F_READ | F_EXEC;
enum flags g_flags_unk = F_READ | 16;
enum flags g_flags_zero = 0;
enum flags g_flags_unk_only = 32;
enum sparse g_sparse = S_NEG;
enum sparse g_sparse_bad = (enum sparse)7;
int (*g_fp)(int, int) = add;
binop_t g_fp_td = sub;
int (*g_fp_null)(int, int) = 0;
int (*g_fparr[2])(int, int) = { add, sub };
struct point *g_ppoint = &g_point;
struct incomplete *g_pinc = (struct incomplete *)&g_int;
const int g_cint = 7;
volatile int g_vint = 8;
int *const g_cpint = &g_int;
const char *const g_ccstr = "cc";
int (*g_parr)[3] = &g_arr;
char *g_strs[2] = { "one", "two" };
char *g_str_long = "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789";
_Complex double g_cplx = 1.0 + 2.0i;

int
main(void)
{
	return add(g_int, sub(g_arr[0], g_point.x)) + g_arr_seq[3];
}
