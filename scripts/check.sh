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

step "cargo clippy -D warnings (core, then with the python feature)"
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --all-targets --quiet --features python -- -D warnings

step "cargo test (then the unit tests of the python feature's module)"
cargo test --quiet
cargo test --quiet --features python --lib python::

step "build and install the extension"
rm -rf target/check-wheels
"$PY" -m maturin build --release --quiet --out target/check-wheels
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
  target/check-wheels/framelens-*.whl

step "ruff"
"$PY" -m ruff check python tests/python benches examples
"$PY" -m ruff format --check python tests/python benches examples

step "stub check (mypy.stubtest) and mypy --strict on the examples"
"$PY" -m mypy.stubtest framelens._framelens
"$PY" -m mypy --strict examples/quickstart.py

step "pytest"
"$PY" -m pytest -q tests/python
