//! Compiles in the language packs: every folder `data/<code>/` that holds a `text.toml` is a
//! pack, with its lexicon files (`lexicon/*.toml`, in name order) and its optional text-engine
//! rules (`script.toml`). Writes `packs.rs` into `OUT_DIR`, a table of `include_str!`s, so that
//! adding a language is adding a folder.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&manifest).join("data");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut codes: Vec<String> = std::fs::read_dir(&data)
        .expect("data/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("text.toml").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    codes.sort();
    let mut out = String::from("/// The compiled-in packs, by language code.\npub(crate) const SOURCES: &[PackSource] = &[\n");
    for code in &codes {
        let dir = data.join(code);
        println!("cargo:rerun-if-changed={}", dir.display());
        let lexdir = dir.join("lexicon");
        println!("cargo:rerun-if-changed={}", lexdir.display());
        let mut files: Vec<String> = std::fs::read_dir(&lexdir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let script = dir.join("script.toml");
        let script = if script.is_file() {
            format!("Some(include_str!({:?}))", script.display().to_string())
        } else {
            "None".to_string()
        };
        let _ = writeln!(
            out,
            "    PackSource {{ code: {code:?}, text: include_str!({:?}), script: {script}, lexicon: &[",
            dir.join("text.toml").display().to_string()
        );
        for f in &files {
            let _ = writeln!(
                out,
                "        ({f:?}, include_str!({:?})),",
                lexdir.join(f).display().to_string()
            );
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("packs.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
