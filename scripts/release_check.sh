#!/usr/bin/env bash
# The release checks, run by .ci/run after scripts/check.sh: workflow and Read the Docs files
# against their schemas, the package metadata, rust-version against Cargo.lock, the third-party
# notices against Cargo.lock, what the crate and the sdist ship, the release scripts' lints, the
# Rust docs with warnings as errors, the documentation site with --strict, and the manylinux2014
# wheel (built, tag-checked, installed in a fresh virtualenv). Installs the Python tools it
# needs into the running Python (use a virtualenv); needs Rust and git.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PYTHON=$PY

step_start=$SECONDS
step_name=
step() {
  finish_step
  step_name=$*
  step_start=$SECONDS
  printf '\n==> %s\n' "$*"
}
finish_step() {
  if [ -n "$step_name" ]; then
    printf '    (%s: %d s)\n' "$step_name" $((SECONDS - step_start))
  fi
}

step "release tools (requirements-release.txt, requirements-docs.txt)"
"$PY" -m pip install --quiet --disable-pip-version-check \
  -r requirements-release.txt -r requirements-docs.txt

step "workflows and .readthedocs.yaml against their schemas (check-jsonschema)"
"$PY" -m check_jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
"$PY" -m check_jsonschema --builtin-schema vendor.readthedocs .readthedocs.yaml

step "pyproject.toml metadata and classifiers (validate-pyproject)"
"$PY" -m validate_pyproject pyproject.toml

step "rust-version against Cargo.lock"
"$PY" scripts/check_rust_version.py

step "third-party notices against Cargo.lock"
"$PY" scripts/check_third_party_licenses.py

step "what the crate and the sdist ship (cargo package --list, maturin sdist)"
"$PY" scripts/check_package.py

step "ruff and mypy --strict on the release scripts"
"$PY" -m ruff check scripts
"$PY" -m ruff format --check scripts
"$PY" -m mypy --strict scripts/cargo_graph.py scripts/check_rust_version.py \
  scripts/check_package.py scripts/check_third_party_licenses.py

step "cargo doc -D warnings (the core crate)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --locked --no-deps -p framelens

step "documentation site (mkdocs build --strict)"
NO_MKDOCS_2_WARNING=1 "$PY" -m mkdocs build --strict --quiet --site-dir target/site

step "manylinux2014 wheel: build, tags, install in a fresh virtualenv"
bash scripts/wheel_check.sh
finish_step
