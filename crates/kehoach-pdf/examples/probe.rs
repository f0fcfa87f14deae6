fn main() {
    let p = std::env::args().nth(1).unwrap();
    let page: u32 = std::env::args().nth(2).unwrap().parse().unwrap();
    let (g, r) = kehoach_pdf::probe(&std::fs::read(p).unwrap());
    for x in g.iter().filter(|g| g.page == page).take(400) {
        println!(
            "G {:7.2} {:7.2} {:7.2} {:5.2} {:?}",
            x.x0, x.x1, x.y, x.size, x.text
        );
    }
    for x in r.iter().filter(|g| g.page == page) {
        println!("R {:7.2} {:7.2} {:7.2} {:7.2}", x.x0, x.y0, x.x1, x.y1);
    }
}
