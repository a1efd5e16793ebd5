#!/usr/bin/env bash
# Every check framelens has: formatting, lints, Rust tests, the extension build, Python tests and
# the stub check. Installs the Python tools it needs; needs Rust (cargo) and Python 3.10+ with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

step() { printf '\n==> %s\n' "$*"; }

step "python tools"
"$PY" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy -D warnings (the workspace, with the bindings' bench feature)"
cargo clippy --workspace --all-targets --all-features --quiet -- -D warnings

step "cargo test (the core; then the bindings' unit tests)"
cargo test --quiet -p framelens
cargo test --quiet -p framelens-python

step "build and install the extension"
rm -rf target/check-wheels
"$PY" -m maturin build --release --quiet --out target/check-wheels
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
  target/check-wheels/framelens-*.whl

step "ruff"
"$PY" -m ruff check python tests/python benches examples
"$PY" -m ruff format --check python tests/python benches examples

step "stub check (mypy.stubtest on the whole package) and mypy --strict"
"$PY" -m mypy.stubtest framelens --mypy-config-file pyproject.toml
"$PY" -m mypy --strict python/framelens examples/quickstart.py

step "pytest"
"$PY" -m pytest -q tests/python
