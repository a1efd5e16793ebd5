#!/usr/bin/env python3
"""Check the workspace `rust-version` against the crates in Cargo.lock.

The declared `rust-version` must be at least the newest one any locked crate that the
libraries are built from asks for (its `rust-version` field, or the first release of its
edition when it has none). A crate our own code needs that is newer than declared is caught by
clippy's `incompatible_msrv` lint in scripts/check.sh; this script catches the dependencies.
Dev-dependencies are reported, not required: users of the crate never build them.

    python scripts/check_rust_version.py
"""

from __future__ import annotations

import sys
from typing import Any

from cargo_graph import dev_only, metadata, shipped

# The first stable release of each edition: a crate with no rust-version needs at least this.
EDITION_FLOOR = {"2015": (1, 0, 0), "2018": (1, 31, 0), "2021": (1, 56, 0), "2024": (1, 85, 0)}


def version(text: str) -> tuple[int, ...]:
    parts = tuple(int(x) for x in text.split("."))
    return parts + (0,) * (3 - len(parts))


def needs(package: dict[str, Any]) -> tuple[int, ...]:
    floor = EDITION_FLOOR[package["edition"]]
    declared = package.get("rust_version")
    return max(floor, version(declared)) if declared else floor


def show(v: tuple[int, ...]) -> str:
    return ".".join(map(str, v[:2] if v[2] == 0 else v))


def newest(packages: list[dict[str, Any]]) -> tuple[tuple[int, ...], list[str]]:
    top = max(needs(p) for p in packages)
    return top, [f"{p['name']} {p['version']}" for p in packages if needs(p) == top]


def main() -> int:
    meta = metadata()
    members = [p for p in meta["packages"] if p["id"] in meta["workspace_members"]]
    declared = {p["name"]: p.get("rust_version") for p in members}
    if len(set(declared.values())) != 1 or None in declared.values():
        print(f"workspace members declare different rust-versions: {declared}")
        return 1
    ours = version(next(iter(declared.values())))
    deps = [p for p in shipped(meta) if p["id"] not in meta["workspace_members"]]
    need, by = newest(deps)
    dev = dev_only(meta)
    dev_need, dev_by = newest(dev) if dev else ((0, 0, 0), [])
    print(f"rust-version {show(ours)}; the locked dependencies need {show(need)} ({', '.join(by)})")
    if dev_need > need:
        print(f"  tests and benches need {show(dev_need)} ({', '.join(dev_by)})")
    if ours < need:
        print(f"error: rust-version {show(ours)} < {show(need)}: raise it in Cargo.toml")
        return 1
    if ours > need:
        print("  (higher than the dependencies need: right only if framelens itself needs it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
