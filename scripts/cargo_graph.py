"""The locked dependency graph, as `cargo metadata` reports it, for the release checks.

`shipped` is every crate the libraries are built from: the workspace members' normal and build
dependencies, followed through the graph, on every platform (the wheels are built for Linux,
macOS and Windows). Dev-dependencies (criterion, proptest, ...) are left out: they build the
tests and benches, never the crates users get.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def metadata() -> dict[str, Any]:
    """`cargo metadata` for the workspace, from Cargo.lock as it is (`--locked`)."""
    out = subprocess.run(
        ["cargo", "metadata", "--locked", "--format-version", "1"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    meta: dict[str, Any] = json.loads(out)
    return meta


def shipped(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The packages the workspace's libraries are built from, members included."""
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    seen: set[str] = set()
    todo = list(meta["workspace_members"])
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        for dep in nodes[pkg]["deps"]:
            if any(kind["kind"] in (None, "build") for kind in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    return sorted((packages[p] for p in seen), key=lambda p: (p["name"], p["version"]))


def dev_only(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The locked packages that only tests, benches and examples need."""
    ids = {p["id"] for p in shipped(meta)}
    return [p for p in meta["packages"] if p["id"] not in ids]
