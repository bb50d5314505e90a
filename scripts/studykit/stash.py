"""Finished HTML that bypasses Markdown.

Generated blocks such as a 55-item checklist or the flashcard deck are
already HTML. Handing them to Python-Markdown costs time (its raw-HTML
parser walks every tag) and buys nothing. Instead a macro leaves a one-line
placeholder comment in the Markdown and the HTML goes into this stash; after
conversion, the page's placeholders are swapped for the HTML. A placeholder
that does not survive conversion, or one that has no HTML, is an error: a
page is never written half-filled.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<!--studykit-block-(\d+)-->")
_ID = re.compile(r'\sid="([^"]+)"')

#: The one stash of a build, shared by the macros (which fill it) and the
#: hooks (which empty it into each page).
STASH = None  # set below


class StashError(Exception):
    """A placeholder and its HTML did not meet."""


class HtmlStash:
    """Per-page store of HTML blocks, keyed by the page's source path."""

    def __init__(self) -> None:
        self._pages: dict[str, list[str]] = {}

    def clear(self) -> None:
        self._pages.clear()

    def put(self, page: str, html: str) -> str:
        """Keep ``html`` for ``page``; return the Markdown placeholder to emit instead."""
        blocks = self._pages.setdefault(str(page), [])
        blocks.append(html)
        # Blank lines around the comment make it a raw HTML block of its own.
        return f"\n\n<!--studykit-block-{len(blocks) - 1}-->\n\n"

    def fill(self, page: str, html: str) -> tuple[str, set[str]]:
        """Replace the placeholders in the converted ``html`` of ``page``.

        Returns the filled HTML and the element ids the blocks brought in, so
        that anchor checks know about them.
        """
        blocks = self._pages.pop(str(page), [])
        used: set[int] = set()

        def swap(match: re.Match) -> str:
            index = int(match.group(1))
            if index >= len(blocks):
                raise StashError(f"{page}: placeholder {index} has no HTML")
            used.add(index)
            return blocks[index]

        out = _TOKEN.sub(swap, html)
        missing = sorted(set(range(len(blocks))) - used)
        if missing:
            raise StashError(f"{page}: generated block(s) {missing} were lost in Markdown conversion")
        ids = {m for block in blocks for m in _ID.findall(block)}
        return out, ids


STASH = HtmlStash()
