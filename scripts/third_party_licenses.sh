#!/usr/bin/env bash
# Regenerates THIRD-PARTY-LICENSES.md, the licences of the Rust crates compiled into the Python
# extension and the core crate, from Cargo.lock with cargo-about (about.toml, about.md.hbs).
# Run it after any change to Cargo.lock; scripts/check_third_party_licenses.py (in .ci/run)
# fails until it is run. Installs cargo-about (a few minutes of compiling) when it is missing.
#
#   bash scripts/third_party_licenses.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_ABOUT_VERSION=0.9.3

if ! cargo about --version 2>/dev/null | grep -q "$CARGO_ABOUT_VERSION"; then
  cargo install --locked --features cli --version "$CARGO_ABOUT_VERSION" cargo-about
fi
# Licence texts come from the crates as published (--offline: no fetching from their git
# repositories), so the file depends on Cargo.lock alone.
cargo fetch --locked
cargo about generate --locked --offline --output-file THIRD-PARTY-LICENSES.md about.md.hbs
python3 scripts/check_third_party_licenses.py
