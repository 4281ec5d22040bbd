// factorial: recursion, one frame per call (at -O2 LLVM may turn it into a loop).
#[inline(never)]
fn factorial(n: u64) -> u64 {
    if n <= 1 {
        return 1;
    }
    n * factorial(n - 1)
}

fn main() {
    let n = 4 + std::env::args().len() as u64; // 5 without arguments
    println!("{}", factorial(n));
}
