"""Print stylesheet and the whole-guide PDF (scripts/printbook.py), checked in Chromium."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browserkit import new_context

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import printbook  # noqa: E402

PAGES = ["cheat-sheet/", "data/labels/", "exercises/fraud-detection/", "evaluation/offline-metrics/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_print_without_chrome_with_answers_open(browser, served_site, tmp_path, path, scheme):
    base_url, _, _ = served_site
    context = new_context(browser, scheme)
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="networkidle")
        printbook.prepare_for_print(page)
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
            if page.locator(chrome).count():
                expect(page.locator(chrome).first).to_be_hidden()
        for tool in (".mock-timer", ".practice-actions", ".stage-notes", "form.self-grade", ".filters"):
            if page.locator(tool).count():
                expect(page.locator(tool).first).to_be_hidden()
        assert page.evaluate("() => [...document.querySelectorAll('details')].every(d => d.open)")
        # paper is white whatever the screen palette
        bg = page.evaluate("() => getComputedStyle(document.querySelector('.md-main')).backgroundColor")
        body_bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert "rgb(255, 255, 255)" in (bg, body_bg)
        external = page.locator(".md-content a[href^='http']").first
        if external.count():
            after = external.evaluate("a => getComputedStyle(a, '::after').content")
            assert external.get_attribute("href") in after
        png = tmp_path / "page.png"
        page.screenshot(path=str(png), full_page=True)
        assert png.stat().st_size > 20_000
    finally:
        context.close()


def test_every_tab_prints_under_its_label(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "evaluation/offline-metrics/", wait_until="networkidle")
    printbook.prepare_for_print(page)
    blocks = page.locator(".tabbed-set .tabbed-block")
    assert blocks.count() >= 2
    for i in range(blocks.count()):
        expect(blocks.nth(i)).to_be_visible()
        label = blocks.nth(i).get_attribute("data-print-label")
        assert label and label == blocks.nth(i).evaluate("b => getComputedStyle(b, '::before').content").strip('"')


def test_reading_order_follows_the_navigation(served_site):
    _, site_dir, _ = served_site
    order = printbook.reading_order(site_dir)
    paths = [p for p, _ in order]
    assert paths[0] == "" and len(paths) == len(set(paths))
    assert paths.index("requirements/") < paths.index("framing/") < paths.index("exercises/fraud-detection/")
    assert "reference/reading/" in paths and not any(p.startswith("exercises/tags/") for p in paths)
    # every page in the navigation is printed: all exercises and case studies among them
    assert sum(p.startswith("exercises/") and p != "exercises/" for p in paths) == 27
    assert sum(p.startswith("case-studies/") and p != "case-studies/" for p in paths) == 10


def test_book_joins_pages_with_a_bookmark_each(browser, served_site, tmp_path):
    """The PDF step on a three-page slice of the guide: one bookmark per page, pages in order."""
    from pypdf import PdfReader

    base_url, site_dir, _ = served_site
    order = printbook.reading_order(site_dir)[:3]
    out = tmp_path / "book.pdf"
    count = printbook.print_book(browser, base_url, order, out, tmp_path / "png")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert count == 3
    assert [o.title for o in reader.outline] == [title for _, title in order]
    assert len(reader.pages) >= 3
    assert re.search(r"production", reader.pages[0].extract_text() + reader.pages[1].extract_text(), re.I)
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == ["chapter.png", "cheat-sheet.png", "exercise.png"]
