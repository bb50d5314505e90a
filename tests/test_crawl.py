"""Crawl the built site over HTTP under /mlsd-guide/, as GitHub project pages serve it.

Every internal link, #anchor and asset must resolve, and no page may load
anything from another host.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

# Tags whose URL the browser fetches by itself when the page loads.
ASSET_ATTRS = {("script", "src"), ("img", "src"), ("link", "href"), ("source", "src"), ("iframe", "src"),
               ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href")}
# <link rel> values that are references rather than loads.
LINK_REFERENCES = {"canonical", "alternate", "prev", "next", "author", "license", "me"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.inline_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for (t, attr) in ASSET_ATTRS:
            if tag == t and attrs.get(attr):
                if tag == "link" and set((attrs.get("rel") or "").split()) & LINK_REFERENCES:
                    self.links.append(attrs[attr])
                else:
                    self.assets.append(attrs[attr])
        if attrs.get("srcset"):
            self.assets += [part.strip().split()[0] for part in attrs["srcset"].split(",") if part.strip()]


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_crawl_resolves_every_link_anchor_and_asset(served_site):
    base_url, _, _ = served_site
    base = urlparse(base_url)
    pages: dict[str, PageParser] = {}
    queue = deque([base_url])
    failures: list[str] = []
    anchor_refs: list[tuple[str, str, str]] = []  # (from page, target page, anchor)
    assets_seen: dict[str, str] = {}

    def internal(url: str) -> bool:
        parsed = urlparse(url)
        return parsed.scheme in ("http", "https") and parsed.netloc == base.netloc

    while queue:
        url = queue.popleft()
        if url in pages:
            continue
        status, body, ctype = fetch(url)
        if status != 200:
            failures.append(f"{url}: HTTP {status}")
            pages[url] = PageParser()
            continue
        parser = PageParser()
        if "html" in ctype:
            parser.feed(body.decode("utf-8"))
        pages[url] = parser
        for href in parser.links:
            target = urljoin(url, href)
            parsed = urlparse(target)
            if parsed.scheme not in ("http", "https"):
                # javascript:void(0) is the theme's own search-share button.
                if parsed.scheme not in ("mailto", "") and href != "javascript:void(0)":
                    failures.append(f"{url}: link with scheme {parsed.scheme!r}: {href}")
                continue
            if not internal(target):
                continue  # outbound links are fine: nothing is fetched until clicked
            page_url, anchor = urldefrag(target)
            if not urlparse(page_url).path.startswith(base.path):
                failures.append(f"{url}: link escapes the sub-path: {href}")
                continue
            if anchor:
                anchor_refs.append((url, page_url, anchor))
            if page_url not in pages and not page_url.endswith((".xml", ".gz", ".zip", ".txt", ".md", ".tsv", ".json")):
                queue.append(page_url)
        for src in parser.assets:
            target = urljoin(url, src)
            if not internal(target):
                failures.append(f"{url}: loads an asset from another host: {src}")
                continue
            assets_seen.setdefault(urldefrag(target)[0], url)

    for asset, page in sorted(assets_seen.items()):
        status, _, _ = fetch(asset)
        if status != 200:
            failures.append(f"{page}: asset {asset}: HTTP {status}")

    for page, target, anchor in anchor_refs:
        parser = pages.get(target)
        if parser is None:
            status, body, _ = fetch(target)
            parser = PageParser()
            parser.feed(body.decode("utf-8", "replace"))
            pages[target] = parser
        if anchor not in parser.ids:
            failures.append(f"{page}: #{anchor} not found on {target}")

    html_pages = [u for u, p in pages.items() if p.ids]
    assert len(html_pages) > 80, f"crawl reached only {len(html_pages)} pages"
    assert len(anchor_refs) > 500
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} problems)"


def test_crawler_detects_foreign_assets_and_broken_anchors():
    """The parser the crawler relies on sees what it must see."""
    parser = PageParser()
    parser.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<link rel="canonical" href="https://example.org/x/">'
        '<script src="https://unpkg.com/mermaid"></script>'
        '<img srcset="a.png 1x, https://cdn.example/b.png 2x">'
        '<h2 id="one">x</h2><a href="#two">y</a>'
    )
    assert "https://fonts.googleapis.com/css" in parser.assets
    assert "https://unpkg.com/mermaid" in parser.assets
    assert "https://cdn.example/b.png" in parser.assets
    assert "https://example.org/x/" in parser.links and "https://example.org/x/" not in parser.assets
    assert parser.ids == {"one"} and "#two" in parser.links
