"""Keep headings that sit inside a closed fold out of the page's table of contents.

Each exercise page folds its worked answer (``??? success``), and the answer
has its own headings so that a study group can link to one part of it. Those
anchors stay. What goes is their entry in the page's table of contents:
- a reader who has not tried the exercise yet should not see the answer's
  outline next to the question;
- the theme tracks the position of every heading in the table of contents
  while the page scrolls, and measuring a heading inside a closed
  ``<details>`` forces the browser to lay out the hidden answer. On an
  exercise page that was the largest single task of the page load (Lighthouse,
  mobile).

A link to such an anchor still works: the theme opens the fold around the
target (``tests/test_browser.py`` follows one).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

# Opening and closing <details> tags, and headings that carry an id, in document order.
_TOKEN = re.compile(r'<(/?)details\b([^>]*)>|<h[1-6]\b[^>]*?\bid="([^"]+)"')
_OPEN_ATTR = re.compile(r"\sopen(?:\s|=|$)")


class TocEntry(Protocol):
    """What MkDocs' ``AnchorLink`` offers and this module uses."""

    id: str
    children: list[Any]


def folded_heading_ids(page_html: str) -> set[str]:
    """Ids of the headings in ``page_html`` that are inside a ``<details>`` which is closed on load."""
    if "<details" not in page_html:
        return set()
    closed: list[bool] = []  # one entry per <details> we are inside: True when it starts closed
    ids: set[str] = set()
    for match in _TOKEN.finditer(page_html):
        closing, attrs, heading = match.groups()
        if heading is not None:
            if any(closed):
                ids.add(heading)
        elif closing:
            if closed:
                closed.pop()
        else:
            closed.append(not _OPEN_ATTR.search(attrs))
    return ids


def prune_toc(items: list[TocEntry], ids: set[str]) -> int:
    """Remove the entries whose id is in ``ids`` from ``items``, in place; return how many went.

    A removed entry's children that are not themselves removed move up into
    its place, so no heading outside a fold is lost with its parent.
    """
    removed = 0
    kept: list[TocEntry] = []
    for item in items:
        removed += prune_toc(item.children, ids)
        if item.id in ids:
            removed += 1
            kept.extend(item.children)
        else:
            kept.append(item)
    items[:] = kept
    return removed
