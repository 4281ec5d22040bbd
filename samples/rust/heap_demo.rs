// heap_demo: a Vec is { ptr, cap, len } on the stack, its elements on the heap.
#[inline(never)]
fn sum(v: &[i32]) -> i32 {
    v.iter().sum()
}

#[inline(never)]
fn heap_demo(extra: i32) -> i32 {
    let mut v = vec![1, 2, 3];
    v[0] += extra;
    sum(&v)
}

fn main() {
    let extra = std::env::args().len() as i32 - 1; // 0 without arguments
    println!("{}", heap_demo(extra));
}
