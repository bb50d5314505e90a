"""Accessibility repairs to the theme's HTML, applied to every page after rendering.

Material for MkDocs 9.x writes two things that axe-core (tests/test_a11y.py)
rejects and that no setting changes. Forking its templates would freeze a
copy of each; a small, checked rewrite of the output keeps the theme's
templates as they are. If the theme's markup changes so that a repair no
longer applies, ``repair`` raises instead of passing the page through, and
the build stops: the fix is then re-checked against the new markup.
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


class ThemeMarkupChanged(Exception):
    """The theme's markup no longer matches what a repair expects."""


def repair(page_html: str, where: str) -> str:
    """Return ``page_html`` with the theme's accessibility gaps repaired."""
    if page_html.count(_SEARCH_DIALOG) != 1:
        raise ThemeMarkupChanged(f"{where}: Material's search dialog markup changed; update studykit/themefix.py")
    page_html = page_html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED)

    def name_nav(match: re.Match) -> str:
        title = " ".join(html.unescape(match.group(4)).split())
        if not title:
            return match.group(0)
        return f'{match.group(1)} aria-label="{html.escape(title)}"{match.group(3)}{match.group(4)}{match.group(5)}'

    return _SECTION_NAV.sub(name_nav, page_html)
