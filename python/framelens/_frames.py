"""Turns lists of row dicts into pandas DataFrames when pandas is installed."""

from __future__ import annotations

from typing import Any


def to_frame(rows: list[dict[str, Any]]) -> Any:
    """A DataFrame of ``rows`` if pandas is importable, else ``rows`` unchanged."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows)
