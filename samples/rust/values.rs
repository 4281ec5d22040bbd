// values: one of each kind of Rust value, stopped at in `show` and `inspect`.
#![allow(dead_code)]
#[derive(Debug, Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

struct Meters(f64);

struct Empty;

#[derive(Debug)]
enum Shape {
    Circle { r: f64 },
    Rect(Point, Point),
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Color {
    Red,
    Green,
    Blue,
}

#[inline(never)]
fn inspect(total: i64) -> i64 {
    total + 1
}

#[inline(never)]
fn show(n: i32) -> i64 {
    let i: i32 = -7 * n;
    let u: u64 = 18446744073709551615;
    let b: u8 = 200;
    let flag = n > 0;
    let c = 'λ';
    let f: f64 = 2.5;
    let g: f32 = 0.1;
    let s: &str = "hello";
    let owned = String::from("world");
    let empty = String::new();
    let v = vec![1, 2, 3];
    let words = vec!["a", "bc"];
    let slice: &[i32] = &v[1..];
    let arr = [10u8, 20, 30];
    let tup = (1, 'x', true);
    let unit = ();
    let p = Point { x: 3, y: -4 };
    let m = Meters(1.5);
    let e = Empty;
    let some: Option<i32> = Some(5);
    let none: Option<i32> = None;
    let some_ref: Option<&Point> = Some(&p);
    let ok: Result<i32, String> = Ok(7);
    let err: Result<i32, String> = Err(String::from("bad"));
    let circle = Shape::Circle { r: 2.0 };
    let rect = Shape::Rect(Point { x: 0, y: 0 }, Point { x: 2, y: 1 });
    let dot = Shape::Dot;
    let color = Color::Green;
    let boxed = Box::new(p);
    let boxed_int: Box<i64> = Box::new(99);
    let r = &p;
    let nested = vec![vec![1u16], vec![2, 3]];
    let total = i as i64 + u as i64 + b as i64 + f as i64 + g as i64 + s.len() as i64
        + owned.len() as i64 + empty.len() as i64 + v.len() as i64 + words.len() as i64
        + slice.len() as i64 + arr[0] as i64 + tup.0 as i64 + p.x as i64 + m.0 as i64
        + some.unwrap_or(0) as i64 + none.unwrap_or(0) as i64 + ok.clone().unwrap_or(0) as i64
        + boxed.y as i64 + *boxed_int + r.x as i64 + nested.len() as i64
        + some_ref.map(|q| q.y as i64).unwrap_or(0) + err.is_err() as i64
        + (flag as i64) + (c as i64) + (color == Color::Green) as i64;
    let _ = (&unit, &e, &circle, &rect, &dot);
    inspect(total)
}

fn main() {
    let n = std::env::args().len() as i32; // 1 without arguments
    println!("{}", show(n));
}
