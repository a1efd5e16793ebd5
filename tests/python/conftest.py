import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))

# Our own sentences with the features of the seed article: a dateline, curly apostrophes, loaded
# wording in the writer's voice, and a quoted phrase inside reported speech.
ARTICLE = (
    "Harbor City, May 4, Northwire - Ties between the two capitals are growing.\n\n"
    "In late February, the draft resolution, backed by two states, baselessly accusing the "
    "island of aggravating the crisis was vetoed. Refuting unfounded claims, the council "
    "voted.\n\n"
    "Moscow sees the accord as binding, whereas the senator describes it as the "
    "\u201cworst deal ever\u201d.\n\n"
    "The island\u2019s envoy said, "
    "\u201cEvery time we met, it was clearly a step forward.\u201d\n\n"
    "Source: Harbor Daily (a port-city English-language newspaper)"
)


@pytest.fixture
def article() -> str:
    return ARTICLE


def threads_now() -> int | None:
    """The process's thread count (Linux), to check that cancelled work left none behind."""
    return len(os.listdir("/proc/self/task")) if sys.platform.startswith("linux") else None


def seconds_to_interrupt(run: Callable[[], object], after: float = 0.3) -> float:
    """Runs ``run`` with a SIGINT sent to this process ``after`` seconds in (Ctrl-C), checks
    that it raised KeyboardInterrupt, and returns how long that took."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(after, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            timer.start()
            run()
        return time.monotonic() - started
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signal.SIGINT, previous)
