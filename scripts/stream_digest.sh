#!/usr/bin/env bash
# The SHA-256 of the JSON Lines results of a corpus written COPIES times (default 3), streamed
# with the core's example program: a refactoring that must not change any result keeps it.
#
#     bash scripts/stream_digest.sh ../shared/data/abp/dev.jsonl [COPIES]
#
# For the ABP development half (6,000 articles, so 18,000 lines) it printed
# d2ded07a9f0511ab8ee221b4ecaca2c05d1e6cbd1668311751ee1af9629bf710 from fd08729 (before the
# workspace split) through the commits that only moved code.
set -euo pipefail
corpus=${1:?usage: stream_digest.sh CORPUS.jsonl [COPIES]}
copies=${2:-3}
cd "$(dirname "$0")/.."
cargo build --release --quiet --example stream
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for _ in $(seq "$copies"); do cat "$corpus"; done > "$tmp/in.jsonl"
./target/release/examples/stream "$tmp/in.jsonl" "$tmp/out.jsonl" 2>/dev/null || true
sha256sum "$tmp/out.jsonl" | cut -d' ' -f1
