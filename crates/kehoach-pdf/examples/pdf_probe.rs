//! Debug: reads each PDF given and prints `Ok` with its page count or the
//! error, one line per file (the hostile fixtures are timed with this).
fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap_or_default();
        match kehoach_pdf::read(&bytes) {
            Ok(r) => println!("{p}: Ok, {} pages, {} lines", r.pages, r.text.lines.len()),
            Err(e) => println!("{p}: {e:?}\n    {e}"),
        }
    }
}
