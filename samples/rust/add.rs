// add: one small function call, a real frame for `add` under main.
#[inline(never)]
fn add(a: i32, b: i32) -> i32 {
    a + b
}

fn main() {
    let extra = std::env::args().len() as i32 - 1; // 0 without arguments
    let x = add(10 + extra, 20);
    println!("{}", x);
}
