// An unsafe pointer writes past the end of a stack array: fill stores
// n values through a raw pointer into arr, which holds four, so the
// stores after the fourth land on whatever lies above arr in fill's
// frame, up to its return address.
#[inline(never)]
fn fill(n: usize) -> u64 {
    let mut arr = [0u64; 4];
    let p = arr.as_mut_ptr();
    for i in 0..n {
        unsafe {
            *p.add(i) = 0x4141414141414141 + i as u64;
        }
    }
    arr[0] + arr[3]
}

fn main() {
    let n = std::env::args().count() + 9; // 10 without arguments
    println!("{}", fill(n));
}
