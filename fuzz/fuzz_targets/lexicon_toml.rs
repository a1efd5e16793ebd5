//! Any lexicon file: an error or a lexicon that compiles; never a panic.
#![no_main]

use framelens::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    if let Ok(lexicon) = Lexicon::from_toml_str(&src, "fuzz.toml") {
        if let Ok(m) = lexicon.compile() {
            let mut out = Vec::new();
            m.find("the regime said so, baselessly", &mut out);
        }
    }
});
