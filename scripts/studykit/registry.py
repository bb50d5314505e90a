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
from urllib.parse import urljoin

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


# The stub mkdocs-redirects writes at a moved page's old address.
_REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def collect(site_dir: Path) -> set[str]:
    """Every page and heading/checklist anchor of a built site.

    A moved page's old address (a redirect stub from mkdocs-redirects) still
    counts as published, and so do its old anchors wherever the page it now
    points to still has them: the redirect carries the #anchor along.
    """
    entries: set[str] = set()
    redirects: dict[str, str] = {}
    anchors: dict[str, set[str]] = {}
    for page in sorted(site_dir.rglob("index.html")):
        url = page.parent.relative_to(site_dir).as_posix()
        url = "/" if url == "." else f"/{url}/"
        html = page.read_text(encoding="utf-8")
        entries.add(url)
        stub = _REDIRECT.search(html)
        if stub and "md-content" not in html:
            target = urljoin(url, stub.group(1).split("#")[0])
            redirects[url] = target if target.endswith("/") else target.rsplit("index.html", 1)[0]
            continue
        parser = _Ids()
        parser.feed(html)
        anchors[url] = set(parser.ids)
        entries.update(f"{url}#{ident}" for ident in parser.ids)
    for old, new in redirects.items():
        entries.update(f"{old}#{ident}" for ident in anchors.get(new, ()))
    return entries


def read(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}


def write(path: Path, entries: set[str]) -> None:
    path.write_text(HEADER + "".join(f"{e}\n" for e in sorted(entries)), encoding="utf-8")
