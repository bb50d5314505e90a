"""Heading titles of the Markdown sources, by ``page.md#anchor``.

Macros render a page before MkDocs has rendered the pages it links to, so
link text for a section ("Label delay") comes from here: one pass over the
sources per build, reading headings written as ``## Title { #anchor }``.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADING = re.compile(r"^\s{0,8}#{1,6}\s+(?P<title>.+?)\s*\{ #(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*) \}\s*$", re.M)


def heading_titles(docs_dir: Path) -> dict[str, str]:
    """Map ``folder/page.md#anchor`` to the heading's text for every page under ``docs_dir``."""
    titles: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith("_"):
            continue
        for match in _HEADING.finditer(path.read_text(encoding="utf-8")):
            titles[f"{rel}#{match['id']}"] = match["title"].strip()
    return titles
