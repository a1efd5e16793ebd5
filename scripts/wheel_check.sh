#!/usr/bin/env bash
# The Linux wheel the release publishes, built here: manylinux2014 (glibc 2.17) and abi3, with
# maturin and zig from PyPI (no Docker). Checks the wheel's tags (file name and WHEEL metadata),
# that auditwheel agrees the binary fits manylinux_2_17, that it carries the licences, then
# installs it in a fresh virtualenv and imports it.
#
#   bash scripts/wheel_check.sh            # PYTHON=... picks the interpreter (default python3)
#   WHEEL_PYTHONS="python3.10 python3.13" bash scripts/wheel_check.sh   # install-test each
#
# It builds in the usual target/ directory, so a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
OUT=target/release-wheel
ARCH=$(uname -m)
start=$SECONDS

"$PY" -m pip install --quiet --disable-pip-version-check 'maturin>=1.9.2,<2' ziglang auditwheel
# maturin finds zig as `python3 -m ziglang`: put this interpreter first on the PATH.
PATH="$("$PY" -c 'import os, sys; print(os.path.dirname(sys.executable))'):$PATH"

rm -rf "$OUT"
"$PY" -m maturin build --release --zig --compatibility manylinux2014 --out "$OUT" --quiet
wheels=("$OUT"/*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "expected one wheel in $OUT, found: ${wheels[*]}" >&2
  exit 1
fi
wheel=${wheels[0]}
echo "built $(basename "$wheel") in $((SECONDS - start)) s"

# The tags: in the file name and in the WHEEL file, the same three-part tag.
"$PY" - "$wheel" "$ARCH" <<'PY'
import re
import sys
import zipfile

path, arch = sys.argv[1], sys.argv[2]
name = path.rsplit("/", 1)[-1]
want = {f"cp310-abi3-manylinux_2_17_{arch}", f"cp310-abi3-manylinux2014_{arch}"}
m = re.fullmatch(r"framelens-([^-]+)-(cp\d+)-(abi3)-([^-]+)\.whl", name)
if not m:
    sys.exit(f"{name}: not a framelens abi3 wheel name")
python, abi, platforms = m.group(2), m.group(3), m.group(4).split(".")
from_name = {f"{python}-{abi}-{p}" for p in platforms}
with zipfile.ZipFile(path) as whl:
    dist_info = f"framelens-{m.group(1)}.dist-info"
    wheel_meta = whl.read(f"{dist_info}/WHEEL").decode()
    files = set(whl.namelist())
from_meta = {line.split(": ", 1)[1] for line in wheel_meta.splitlines() if line.startswith("Tag: ")}
if from_name != want or from_meta != want:
    sys.exit(f"{name}: tags {sorted(from_name)} (name), {sorted(from_meta)} (WHEEL); want {sorted(want)}")
licences = {f"{dist_info}/licenses/{f}" for f in ("LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-LICENSES.md")}
if not licences <= files:
    sys.exit(f"{name}: missing {sorted(licences - files)}")
print(f"tags {', '.join(sorted(want))}; licences and third-party notices in {dist_info}/licenses")
PY

# auditwheel reads the binary itself: every glibc symbol version and library it needs.
"$PY" -m auditwheel show "$wheel" | tr -s ' \n' ' ' | fold -s -w 100
echo
"$PY" -m auditwheel show "$wheel" | tr -s ' \n' ' ' \
  | grep -q "consistent with the following platform tag: \"manylinux_2_17_$ARCH\"" \
  || { echo "auditwheel: the binary does not fit manylinux_2_17_$ARCH" >&2; exit 1; }

# A fresh virtualenv per interpreter: the wheel and its dependencies from the index, no source tree on the path.
for interp in ${WHEEL_PYTHONS:-$PY}; do
  venv=target/wheel-venv
  rm -rf "$venv"
  "$interp" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
  (cd "$venv" && bin/python -c "import framelens, sys; framelens.analyze('x'); \
print('imported framelens', framelens.__version__, 'on Python', sys.version.split()[0])")
done
echo "wheel check: $((SECONDS - start)) s"
