//! How loading custom data scales: a lexicon TOML file, a word list, a LIWC dictionary, MPQA
//! clues and an outlet registry of 10k, 20k and 100k generated entries, parsed and (for
//! lexicons) compiled. Prints seconds and the ratio to 10k; linear loading gives about 2x and
//! 10x.
//!
//!     cargo bench --bench loading

use std::time::Instant;

use framelens::{Category, Lexicon, Registry};

/// A made-up word for entry `i`: letters only, distinct, and ending in `x` (which is never
/// doubled) so that no word is an inflection (-es, -ed, -ing) of another.
fn word(i: usize) -> String {
    let mut w = String::from("w");
    let mut n = i;
    loop {
        w.push((b'a' + (n % 16) as u8) as char);
        n /= 16;
        if n == 0 {
            w.push('x');
            return w;
        }
    }
}

fn lexicon_toml(n: usize) -> String {
    let mut s = String::from("category = \"loaded\"\nentry = [\n");
    for i in 0..n {
        s.push_str(&format!(
            "  {{ id = \"e{i}\", lemma = \"{}\", pos = \"verb\", note = \"generated\" }},\n",
            word(i)
        ));
    }
    s.push_str("]\n");
    s
}

fn wordlist(n: usize) -> String {
    (0..n).map(|i| format!("{}\n", word(i))).collect()
}

fn liwc(n: usize) -> String {
    let mut s = String::from("%\n1\tone\n2\ttwo\n%\n");
    for i in 0..n {
        s.push_str(&format!("{}\t{}\n", word(i), 1 + i % 2));
    }
    s
}

fn mpqa(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "type=strongsubj len=1 word1={} pos1=adj stemmed1=n priorpolarity=negative\n",
                word(i)
            )
        })
        .collect()
}

fn registry(n: usize) -> String {
    let mut s = String::from("outlet = [\n");
    for i in 0..n {
        let w = word(i);
        s.push_str(&format!(
            "  {{ id = \"o{i}\", name = \"Outlet {w}\", domains = [\"{w}.test\"], country = \"NZ\", \
             ownership = \"private\", kind = \"online\", note = \"generated\" }},\n"
        ));
    }
    s.push_str("]\n");
    s
}

fn time(f: impl Fn() -> usize) -> f64 {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed().as_secs_f64()
}

fn main() {
    let sizes = [10_000, 20_000, 100_000];
    type Loader = (&'static str, fn(usize) -> String, fn(&str) -> usize);
    let loaders: [Loader; 5] = [
        ("lexicon TOML, load + compile", lexicon_toml, |src| {
            let l = Lexicon::from_toml_str(src, "gen.toml").unwrap();
            l.compile().unwrap().terms().len()
        }),
        ("word list, load + compile", wordlist, |src| {
            let l = Lexicon::from_wordlist_str(src, "gen.txt", Category::Loaded).unwrap();
            l.compile().unwrap().terms().len()
        }),
        ("LIWC dictionary, load + compile", liwc, |src| {
            let l = Lexicon::from_liwc_str(src, "gen.dic", Category::Loaded).unwrap();
            l.compile().unwrap().terms().len()
        }),
        ("MPQA clues, load + compile", mpqa, |src| {
            let l = Lexicon::from_mpqa_str(src, "gen.tff", Category::Loaded).unwrap();
            l.compile().unwrap().terms().len()
        }),
        ("outlet registry", registry, |src| {
            Registry::from_toml_str(src, "gen.toml").unwrap().len()
        }),
    ];
    println!(
        "{:<34} {:>9} {:>9} {:>9}  {:>6} {:>6}",
        "entries", "10k s", "20k s", "100k s", "20k/10k", "100k/10k"
    );
    for (name, make, load) in loaders {
        let secs: Vec<f64> = sizes.iter().map(|&n| time(|| load(&make(n)))).collect();
        println!(
            "{name:<34} {:>9.3} {:>9.3} {:>9.3}  {:>6.1}x {:>6.1}x",
            secs[0],
            secs[1],
            secs[2],
            secs[1] / secs[0],
            secs[2] / secs[0]
        );
    }
}
