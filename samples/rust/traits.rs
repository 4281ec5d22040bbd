// traits: methods, trait objects, generics and closures.
trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String {
        String::from("shape")
    }
}

struct Point {
    x: f64,
    y: f64,
}

struct Square {
    side: f64,
}

impl Point {
    #[inline(never)]
    fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    #[inline(never)]
    fn norm2(&self) -> f64 {
        self.x * self.x + self.y * self.y
    }
}

impl Shape for Point {
    #[inline(never)]
    fn area(&self) -> f64 {
        0.0
    }
}

impl Shape for Square {
    #[inline(never)]
    fn area(&self) -> f64 {
        self.side * self.side
    }
}

#[inline(never)]
fn largest<T: PartialOrd + Copy>(items: &[T]) -> T {
    let mut best = items[0];
    for &it in items {
        if it > best {
            best = it;
        }
    }
    best
}

#[inline(never)]
fn total_area(shapes: &[Box<dyn Shape>]) -> f64 {
    let mut sum = 0.0;
    for s in shapes {
        sum += s.area();
    }
    sum
}

#[inline(never)]
fn apply<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 {
    f(x)
}

fn main() {
    let argc = std::env::args().len() as i32; // 1 without arguments
    let p = Point::new(3.0, 4.0);
    let n = p.norm2();
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Point::new(1.0, 2.0)), Box::new(Square { side: 2.0 })];
    let area = total_area(&shapes);
    let big = largest(&[3, 9, argc]);
    let bigf = largest(&[1.5, 0.5]);
    let offset = 10 * argc;
    let add_offset = |x: i32| x + offset;
    let r = apply(add_offset, 5);
    let twice = |x: i32| {
        let y = x * 2;
        y
    };
    let t = apply(twice, r);
    println!("{} {} {} {} {} {} {}", n, area, big, bigf, r, t, shapes[0].name());
}
