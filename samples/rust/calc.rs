// calc: locals in stack slots, and a nested call chain main -> compute -> multiply.
#[inline(never)]
fn calc(seed: i32) -> i32 {
    let a = seed;
    let b = 7;
    let c = a * b;
    c + 10
}

#[inline(never)]
fn multiply(x: i32, y: i32) -> i32 {
    x * y
}

#[inline(never)]
fn compute(n: i32) -> i32 {
    let temp = multiply(n, 10);
    temp + 1
}

fn main() {
    let argc = std::env::args().len() as i32; // 1 without arguments
    println!("{}", calc(2 + argc));
    let result = compute(4 + argc);
    println!("{}", result);
}
