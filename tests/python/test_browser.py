"""The article view in a real browser: headless Chromium driven through chromedriver's W3C
WebDriver protocol (plain HTTP, so no extra Python package). Skipped, with a note, where Debian's
chromium and chromedriver are not installed."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import framelens as fl
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no browser: install Debian's chromium and chromedriver to run the browser test",
)

HOSTILE = (
    "VELSKA — The regime's reckless plan <img src=x onerror=\"window.pwned='img'\"> was, "
    "officials said, \"a witch hunt\" <script>window.pwned='script'</script>. Critics say the "
    "government baselessly blamed the economy for the policy."
)


class Browser:
    """A WebDriver session: just the calls the test needs."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu"],
                    },
                }
            }
        }
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        req = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["value"]

    def go(self, url: str) -> None:
        self.call("POST", f"/session/{self.session}/url", {"url": url})

    def js(self, script: str) -> Any:
        return self.call(
            "POST", f"/session/{self.session}/execute/sync", {"script": script, "args": []}
        )

    def quit(self) -> None:
        self.call("DELETE", f"/session/{self.session}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert DRIVER is not None
    port = free_port()
    proc = subprocess.Popen(
        [DRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("chromedriver did not start in 30 s")
                time.sleep(0.2)
        b = Browser(port)
        try:
            yield b
        finally:
            b.quit()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_rendered_page_in_chromium(browser, tmp_path):
    a = fl.analyze(HOSTILE)
    page = tmp_path / "page.html"
    fl.render(a, file=page)
    browser.go(page.as_uri())
    # Nothing from the article ran, and no element came from it.
    assert browser.js("return window.pwned === undefined")
    assert (
        browser.js("return document.querySelectorAll('.fl-body img, .fl-body script').length") == 0
    )
    text = browser.js(
        "const b = document.querySelector('.fl-body').cloneNode(true);"
        "b.querySelectorAll('.fl-tag').forEach(t => t.remove()); return b.textContent"
    )
    assert text == a.text
    # A label per marker, in small caps, frames hidden until their switch is clicked.
    tags = browser.js(
        "return [...document.querySelectorAll('.fl-body .fl-tag')].map(t => ["
        "t.textContent, getComputedStyle(t).display, getComputedStyle(t).fontVariantCaps])"
    )
    for cat in {m.category for m in a.markers}:
        shown = [t for t in tags if t[0] == cat]
        assert len(shown) == sum(m.category == cat for m in a.markers), cat
        visible = not cat.endswith("frame")  # both frame sets start hidden
        assert all((t[1] != "none") == visible for t in shown), (cat, shown)
        assert all(t[2] == "small-caps" for t in shown)
    assert any(m.category == "frame" for m in a.markers)
    browser.js(
        "[...document.querySelectorAll('.fl-legend label')]"
        ".find(l => l.textContent.startsWith('frame')).click()"
    )
    after = browser.js(
        "return [...document.querySelectorAll('.fl-body .fl-tag')]"
        ".filter(t => t.textContent === 'frame').map(t => getComputedStyle(t).display)"
    )
    assert after and all(d != "none" for d in after)
    # Switching loaded off hides its labels and makes its underline colour transparent.
    browser.js(
        "[...document.querySelectorAll('.fl-legend label')]"
        ".find(l => l.textContent.startsWith('loaded')).click()"
    )
    loaded = browser.js(
        "return [...document.querySelectorAll('.fl-body .fl-tag')]"
        ".filter(t => t.textContent === 'loaded').map(t => getComputedStyle(t).display)"
    )
    assert loaded and all(d == "none" for d in loaded)
