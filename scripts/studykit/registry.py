"""The registry of published URLs: every page and every heading or checklist
anchor a reader may have shared. A test fails when one disappears, because a
link pasted into a study-group chat must keep working.

Entries are paths below the site root: ``/exercises/fraud-detection/`` (a
page) and ``/exercises/fraud-detection/#data-labels`` (an anchor on it).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

HEADER = "# Published pages and anchors. Update with: python3 scripts/dev.py anchors\n"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ident = attrs.get("id")
        if not ident:
            return
        if re.fullmatch(r"h[1-6]", tag) or (tag == "li" and "checklist__item" in (attrs.get("class") or "")):
            self.ids.append(ident)


def collect(site_dir: Path) -> set[str]:
    """Every page and heading/checklist anchor of a built site."""
    entries: set[str] = set()
    for page in sorted(site_dir.rglob("index.html")):
        url = page.parent.relative_to(site_dir).as_posix()
        url = "/" if url == "." else f"/{url}/"
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        entries.add(url)
        entries.update(f"{url}#{ident}" for ident in parser.ids)
    return entries


def read(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}


def write(path: Path, entries: set[str]) -> None:
    path.write_text(HEADER + "".join(f"{e}\n" for e in sorted(entries)), encoding="utf-8")
