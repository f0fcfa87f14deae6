//! cargo-fuzz target `text_tables`: [`kehoach_fuzz::text_tables`] on libFuzzer's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // libfuzzer-sys aborts on every panic, even one the readers catch
        // themselves (kehoach-pdf around pdf-extract): only a panic that
        // escapes the target should count, and libfuzzer-sys aborts on that
        // one after its own catch_unwind.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| kehoach_fuzz::text_tables(data)
);
