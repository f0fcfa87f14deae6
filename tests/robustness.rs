//! Bad and broken input never panics: the pipeline either returns a plan
//! (with warnings) or a typed error. Inputs are the corpus cut at many
//! places, with lines dropped, duplicated and reordered, and with bytes
//! overwritten, all from a fixed seed so that a failure can be replayed.
//! Legacy-encoded texts get the byte damage only, PDFs are cut and damaged
//! and run through the whole PDF pipeline.

use kehoach_suite::documents;

/// A small deterministic generator (64-bit LCG), enough to vary inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn must_not_panic(name: &str, bytes: &[u8]) {
    let r = std::panic::catch_unwind(|| kehoach_extract::extract(name, bytes));
    assert!(
        r.is_ok(),
        "{name}: the pipeline panicked on a {}-byte input",
        bytes.len()
    );
}

#[test]
fn truncated_and_shuffled_documents_never_panic() {
    let mut rng = Lcg(0x6b65686f616368);
    for doc in documents() {
        let name = doc
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let bytes = std::fs::read(&doc).expect("readable");
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            // A PDF or a legacy-encoded text: cut and overwrite bytes.
            for k in 1..8 {
                must_not_panic(&name, &bytes[..bytes.len() * k / 8]);
            }
            for _ in 0..6 {
                let mut b = bytes.clone();
                for _ in 0..20 {
                    let i = rng.below(b.len());
                    b[i] = rng.below(256) as u8;
                }
                must_not_panic(&name, &b);
            }
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        // Cut after every twentieth of the lines.
        for k in 1..20 {
            let cut = lines.len() * k / 20;
            must_not_panic(&name, lines[..cut].join("\n").as_bytes());
            must_not_panic(&name, lines[cut..].join("\n").as_bytes());
        }
        // Drop, duplicate and swap lines.
        for _ in 0..10 {
            let mut v: Vec<&str> = lines.clone();
            for _ in 0..40 {
                let a = rng.below(v.len());
                match rng.below(3) {
                    0 => {
                        v.remove(a);
                    }
                    1 => v.insert(a, lines[rng.below(lines.len())]),
                    _ => {
                        let b = rng.below(v.len());
                        v.swap(a, b);
                    }
                }
            }
            must_not_panic(&name, v.join("\n").as_bytes());
        }
        // Overwrite bytes (often making the text invalid UTF-8: an error, not a panic).
        for _ in 0..10 {
            let mut b = text.as_bytes().to_vec();
            for _ in 0..20 {
                let i = rng.below(b.len());
                b[i] = rng.below(256) as u8;
            }
            must_not_panic(&name, &b);
        }
    }
}

#[test]
fn odd_small_inputs_never_panic() {
    let cases: &[&str] = &[
        "TT",
        "STT Tên nhiệm vụ Cơ quan chủ trì",
        "TT\tChỉ tiêu\tĐơn vị tính\tKết quả\n1\t\t\t\n\t\t\t\n",
        "| TT | Chỉ tiêu | Kết quả |\n|---|---|---|\n| 1 | | |\n| | x |",
        "PHỤ LỤC\nTT Chỉ tiêu Năm\n2025\n1\n",
        "KẾ HOẠCH\n\n\n",
        "1\n2\n3\n4\n",
        "I\nII\nA\nB\n",
        "TT Chỉ tiêu Năm 2025 Năm 2030 Cơ quan chủ trì\n1 x - - Phòng\n1.1\n1.1.1\n99\n",
        "\u{301}\u{300}\u{303}",
    ];
    for c in cases {
        must_not_panic("case.txt", c.as_bytes());
    }
}
