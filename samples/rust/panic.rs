// panic: an index out of bounds three calls deep; the panic unwinds and exits 101.
#[inline(never)]
fn get(v: &[i32], i: usize) -> i32 {
    v[i]
}

#[inline(never)]
fn inner(i: usize) -> i32 {
    let v = vec![1, 2, 3];
    get(&v, i)
}

#[inline(never)]
fn outer(i: usize) -> i32 {
    inner(i) + 1
}

fn main() {
    let i = std::env::args().len() + 2; // 3 without arguments: out of bounds
    println!("{}", outer(i));
}
