"""Helpers for the Chromium tests (the `browser` fixture lives in conftest.py).

Playwright cannot download its own browser here, so it drives the system
Chromium given by CHROMIUM_PATH (scripts/dev.py finds or installs it).
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("No Chromium: run the tests through `python3 scripts/dev.py test`, which installs it")
    return path


class Recorder:
    """Collects console errors, page errors and every request a page makes."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda req: self.requests.append(req.url))

    def foreign(self, base_url: str) -> list[str]:
        host = urlparse(base_url).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]


def new_context(browser, scheme: str = "light", **options):
    options = {"viewport": {"width": 1280, "height": 800}, **options}
    context = browser.new_context(color_scheme=scheme, **options)
    # Material renders diagrams into a closed shadow root; open it so tests can look inside.
    context.add_init_script(
        "const _attach = Element.prototype.attachShadow;"
        "Element.prototype.attachShadow = function (init) { return _attach.call(this, {...init, mode: 'open'}); };"
    )
    return context


def scroll_through(page) -> None:
    """Scroll down the whole page the way a reader would, then back to the top.

    Diagrams and formulas are drawn only when they come near the viewport,
    so tests that check all of them scroll first.
    """
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
              window.scrollTo(0, y);
              await new Promise((r) => setTimeout(r, 30));
            }
            window.scrollTo(0, 0);
            // The header and tabs animate back in; wait until every running
            // transition has finished so checks see the settled page.
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
        }"""
    )


def wait_until_formulas_typeset(page, timeout: float = 15000) -> None:
    """Wait until KaTeX has drawn every formula on the page (after a scroll or 'beforeprint')."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))", timeout=timeout
    )
