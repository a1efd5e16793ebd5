//! Any word list, MPQA file or LIWC dictionary: an error or a lexicon; never a panic.
#![no_main]

use framelens::{Category, Lexicon};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    for lexicon in [
        Lexicon::from_wordlist_str(&src, "w.txt", Category::Loaded),
        Lexicon::from_mpqa_str(&src, "m.tff", Category::Loaded),
        Lexicon::from_liwc_str(&src, "d.dic", Category::Loaded),
    ]
    .into_iter()
    .flatten()
    {
        if let Ok(m) = lexicon.compile() {
            let mut out = Vec::new();
            m.find("an abandoned, hateful regime", &mut out);
        }
    }
});
