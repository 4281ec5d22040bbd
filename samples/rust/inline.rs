// inline: fast_add is pasted into main (no frame); safe_add keeps its own frame.
#[inline(always)]
fn fast_add(a: i32, b: i32) -> i32 {
    a + b
}

#[inline(never)]
fn safe_add(a: i32, b: i32) -> i32 {
    a + b
}

fn main() {
    let argc = std::env::args().len() as i32; // 1 without arguments
    let x = fast_add(argc, 2);
    let y = safe_add(x, 3);
    println!("{} {}", x, y);
}
