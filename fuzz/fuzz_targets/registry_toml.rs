//! Any registry file: an error or a registry whose lookups work; never a panic.
#![no_main]

use framelens::Registry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    if let Ok(r) = Registry::from_toml_str(&src, "r.toml") {
        let _ = r.by_url("https://www.example.com/a");
        let _ = r.by_name("The Example");
    }
});
