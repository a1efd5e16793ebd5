#!/usr/bin/env python3
"""Check that THIRD-PARTY-LICENSES.md lists exactly the crates built into framelens.

The crates are what `cargo tree` resolves from Cargo.lock for the two workspace crates, with
their normal and build dependencies, on each platform a wheel is built for (the `targets` of
about.toml), the way cargo-about resolves them. A crate added to or removed from Cargo.lock, or
a new version, makes this fail until scripts/third_party_licenses.sh regenerates the file. It
runs in about a second, without cargo-about.

    python scripts/check_third_party_licenses.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "THIRD-PARTY-LICENSES.md"
MEMBERS = ("framelens", "framelens-python")


def built(target: str) -> set[tuple[str, str]]:
    """(name, version) of every registry crate the workspace's libraries build from on `target`."""
    cmd = ["cargo", "tree", "--locked", "-e", "normal,build", "--target", target]
    cmd += ["--prefix", "none", "--format", "{p}"]
    for member in MEMBERS:
        cmd += ["-p", member]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    crates = set()
    for line in out.splitlines():
        # "name v1.2.3", "name v1.2.3 (proc-macro)", "name v1.2.3 (*)" or a member "(/path)".
        m = re.match(r"(\S+) v(\S+)(?: \((.*)\))?", line)
        if m and not (m.group(3) or "").startswith("/"):
            crates.add((m.group(1), m.group(2)))
    return crates


def targets() -> list[str]:
    """The `targets` list of about.toml (read without a TOML parser: Python 3.10 has none)."""
    about = (ROOT / "about.toml").read_text(encoding="utf-8")
    m = re.search(r"^targets = \[(.*?)\]", about, flags=re.M | re.S)
    if not m:
        sys.exit("about.toml has no targets list")
    return re.findall(r'"([^"]+)"', m.group(1))


def main() -> int:
    want: set[tuple[str, str]] = set()
    for target in targets():
        want |= built(target)
    listed_text = NOTICES.read_text(encoding="utf-8") if NOTICES.exists() else ""
    listed = set(re.findall(r"^- (\S+) (\S+)$", listed_text, flags=re.M))
    listed = {(n, v) for n, v in listed if n not in MEMBERS}
    missing, stale = sorted(want - listed), sorted(listed - want)
    for name, version in missing:
        print(f"  {NOTICES.name}: no licence for {name} {version}")
    # cargo-about checks each platform-specific dependency against the whole targets list, not
    # the target its parent is built for: chrono's unix-only iana-time-zone brings its
    # windows-only crates (windows-core and others) into the notices though no wheel builds them.
    # A notice too many is harmless; one that is missing or of an old version is not.
    names = {name for name, _ in want}
    extra = [(n, v) for n, v in stale if n not in names]
    stale = [(n, v) for n, v in stale if n in names]
    for name, version in stale:
        print(f"  {NOTICES.name}: lists {name} {version}, which is not built")
    if missing or stale:
        print("  run: bash scripts/third_party_licenses.sh")
        return 1
    if extra:
        print(f"  {NOTICES.name}: also lists {', '.join(n for n, _ in extra)} (cargo-about)")
    print(f"  {NOTICES.name}: the licences of all {len(want)} crates built in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
