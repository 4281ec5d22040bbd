// index: Rust containers indexed, measured and followed, stopped at in
// `look` with them all alive in `fill`.
#![allow(dead_code)]
use std::rc::Rc;
use std::sync::Arc;

#[derive(Debug, Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

struct Pair {
    name: String,
    at: Point,
}

#[inline(never)]
fn look(n: usize) -> usize {
    n + 1
}

#[inline(never)]
fn fill(k: usize) -> usize {
    let v: Vec<i32> = vec![10, 20, 30, 40];
    let empty: Vec<u8> = Vec::new();
    let s: &str = "héllo";
    let owned = String::from("world");
    let slice: &[i32] = &v[1..3];
    let arr = [7u16, 8, 9];
    let grid = [[1i8, 2], [3, 4]];
    let words = vec!["a", "bc", "def"];
    let pts = vec![Point { x: 1, y: 2 }, Point { x: 3, y: 4 }];
    let nested = vec![vec![1u64], vec![2, 3]];
    let boxed = Box::new(Point { x: 5, y: 6 });
    let boxed_vec = Box::new(vec![1.5f64, 2.5]);
    let rc = Rc::new(Point { x: 7, y: 8 });
    let arc = Arc::new(Pair { name: String::from("arc"), at: Point { x: 9, y: 10 } });
    let rc_vec = Rc::new(vec![100u32, 200]);
    let total = v[k] as usize + empty.len() + s.len() + owned.len() + slice[0] as usize
        + arr[2] as usize + grid[1][0] as usize + words[2].len() + pts[1].y as usize
        + nested[1][1] as usize + boxed.x as usize + boxed_vec.len() + rc.y as usize
        + arc.at.x as usize + arc.name.len() + rc_vec[1] as usize;
    look(total)
}

fn main() {
    let k = std::env::args().len() - 1; // 0 without arguments
    println!("{}", fill(k));
}
