#!/usr/bin/env python3
"""Check what the packages ship: the core crate (`cargo package --list`) and the sdist.

Each package must hold exactly the tracked files it needs to build (and, for the crate, to
document and run its examples and benches) plus the licences, and nothing else: no Python
package in the crate, no CI scripts, notebooks, benchmark scripts or tests in either. The
licence copies in the crates must equal the root files, and data/NOTICE.md must name every data
file.

    python scripts/check_package.py
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCES = ["LICENSE-MIT", "LICENSE-APACHE"]
CRATE = "crates/framelens"
BINDINGS = "crates/framelens-python"
# Written by `cargo package` itself (.cargo_vcs_info.json only in a git checkout).
CARGO_MADE = {"Cargo.toml", "Cargo.toml.orig", "Cargo.lock"}
CARGO_MAY_MAKE = frozenset({".cargo_vcs_info.json"})


def tracked(prefix: str) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--", prefix], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return out.split()


def crate_needs() -> set[str]:
    """The core crate's files, relative to the crate: sources, data, examples, benches."""
    keep = set()
    for path in tracked(CRATE):
        rel = path.removeprefix(CRATE + "/")
        top = rel.split("/")[0]
        if (
            (top == "src" and rel.endswith(".rs"))
            or top == "data"
            or (top in ("examples", "benches") and rel.endswith(".rs"))
            or rel in ["README.md", *LICENCES]
        ):
            keep.add(rel)
    return keep


def compare(
    what: str, got: set[str], want: set[str], optional: frozenset[str] = frozenset()
) -> bool:
    extra = sorted(got - want - optional)
    missing = sorted(want - got)
    for path in extra:
        print(f"  {what}: unexpected {path}")
    for path in missing:
        print(f"  {what}: missing {path}")
    if not extra and not missing:
        print(f"  {what}: {len(got)} files, as intended")
    return not extra and not missing


def check_crate() -> bool:
    out = subprocess.run(
        ["cargo", "package", "-p", "framelens", "--list", "--allow-dirty", "--quiet"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return compare("cargo package", set(out.split()), crate_needs() | CARGO_MADE, CARGO_MAY_MAKE)


def sdist_needs() -> set[str]:
    """The sdist's files: what `pip install` of it needs to build the wheel, and the licences
    and third-party notices."""
    want = {"PKG-INFO", "pyproject.toml", "Cargo.toml", "Cargo.lock", "README.md", *LICENCES}
    want.add("THIRD-PARTY-LICENSES.md")
    want |= {f"{CRATE}/{rel}" for rel in crate_needs() | {"Cargo.toml"}}
    want |= {f"{BINDINGS}/{name}" for name in ["Cargo.toml", *LICENCES]}
    want |= {p for p in tracked(f"{BINDINGS}/src") if p.endswith(".rs")}
    want |= set(tracked("python/framelens"))
    return want


def check_sdist() -> bool:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "maturin", "sdist", "--out", out],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        (archive,) = Path(out).glob("*.tar.gz")
        with tarfile.open(archive) as tar:
            names = [m.name for m in tar.getmembers() if m.isfile()]
    # Every member sits under one top directory, framelens-<version>/.
    got = {name.split("/", 1)[1] for name in names}
    return compare("maturin sdist", got, sdist_needs())


def check_licence_copies() -> bool:
    ok = True
    for crate in (CRATE, BINDINGS):
        for name in LICENCES:
            copy = ROOT / crate / name
            if not copy.exists() or not filecmp.cmp(ROOT / name, copy, shallow=False):
                print(f"  {crate}/{name} is not a copy of the root {name}")
                ok = False
    if ok:
        print("  licence copies in both crates equal the root files")
    return ok


def check_data_notice() -> bool:
    """data/NOTICE.md names every data file (or its folder's `*.<ext>` pattern)."""
    data = f"{CRATE}/data/"
    notice = (ROOT / data / "NOTICE.md").read_text(encoding="utf-8")
    unnamed = []
    for path in tracked(data):
        rel = path.removeprefix(data)
        folder, _, name = rel.rpartition("/")
        pattern = f"{folder}/*{Path(name).suffix}" if folder else ""
        if f"`{rel}`" not in notice and not (pattern and f"`{pattern}`" in notice):
            unnamed.append(rel)
    for rel in unnamed:
        print(f"  {data}NOTICE.md does not name {rel}")
    if not unnamed:
        print(f"  {data}NOTICE.md names every data file")
    return not unnamed


def main() -> int:
    results = [check_licence_copies(), check_data_notice(), check_crate(), check_sdist()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
