"""axe-core in Chromium: every page type, light and dark palette, zero violations.

axe-core comes from scripts/node/test (locked; `dev.py test` installs it).
The rule set is WCAG 2.0-2.2 A and AA plus axe's best practices, which
include heading order, landmarks and region rules. No rule is switched off.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browserkit import Recorder, new_context, scroll_through, wait_until_formulas_typeset

ROOT = Path(__file__).resolve().parent.parent
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# One page of each kind the site has.
PAGES = {
    "home": "",
    "framework": "framework/",
    "chapter with diagram": "data/",
    "chapter with formulas and tabs": "evaluation/offline-metrics/",
    "exercise": "exercises/fraud-detection/",
    "exercises index": "exercises/",
    "tag page": "exercises/tags/domain-vision/",
    "case study": "case-studies/lyft-fraud/",
    "case-studies index": "case-studies/",
    "cheat sheet": "cheat-sheet/",
    "practice": "practice/",
    "flashcards": "practice/flashcards/",
    "glossary": "reference/glossary/",
    "404": "404.html",
}


def axe_source() -> str:
    tools = Path(os.environ.get("NODE_TOOLS") or ROOT / "scripts" / "node" / "test" / "node_modules")
    path = tools / "axe-core" / "axe.min.js"
    assert path.is_file(), f"{path} is missing: run the tests through `python3 scripts/dev.py test`"
    return path.read_text(encoding="utf-8")


AXE = None


def violations(page) -> list[str]:
    """Run axe on the page as it is now; return one readable line per failing node."""
    global AXE
    AXE = AXE or axe_source()
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations"
        ".map(v => v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(' ')} :: ${n.failureSummary.replace(/\\s+/g, ' ')} :: ${n.html.slice(0, 120)}`)).flat()",
        TAGS,
    )
    return result


def assert_no_violations(page) -> None:
    found = violations(page)
    assert not found, "\n".join(found)


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    context = new_context(browser, scheme=request.param)
    page = context.new_page()
    page.recorder = Recorder(page)
    page.scheme = request.param
    yield page
    context.close()


def open_page(page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    expected = "slate" if page.scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    # Let diagrams and formulas finish drawing: axe must see what readers see.
    # They are drawn near the viewport; 'beforeprint' draws them all at once.
    scroll_through(page)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    if page.locator(".mermaid").count():
        expect(page.locator(".mermaid svg").first).to_be_attached(timeout=15000)
        expect(page.locator("pre.mermaid")).to_have_count(0, timeout=15000)  # every diagram drawn
    wait_until_formulas_typeset(page)
    # Printing opened the folds; code blocks that now scroll become focusable.
    page.wait_for_function(
        "() => [...document.querySelectorAll('pre > code')]"
        ".every(c => c.scrollWidth <= c.clientWidth || c.hasAttribute('tabindex'))",
        timeout=5000,
    )


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_has_no_axe_violations(scheme_page, served_site, path):
    base_url, _, _ = served_site
    open_page(scheme_page, base_url, path)
    assert_no_violations(scheme_page)


def test_exercise_in_use_has_no_axe_violations(scheme_page, served_site):
    """Ticked checkboxes, a running timer, open folds and a filled note."""
    base_url, _, _ = served_site
    page = scheme_page
    open_page(page, base_url, "exercises/fraud-detection/")
    page.locator("li#data-labels input[type=checkbox]").check()
    page.get_by_role("button", name="Start").click()
    for summary in page.locator("details > summary").all()[:3]:
        summary.click()
    page.locator(".stage-notes textarea").first.fill("Label delay: chargebacks arrive weeks later.")
    assert_no_violations(page)


def test_search_dialog_has_no_axe_violations(scheme_page, served_site):
    base_url, _, _ = served_site
    page = scheme_page
    open_page(page, base_url, "")
    query = page.locator("input.md-search__input")
    query.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"), timeout=15000)
    query.press_sequentially("drift", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    assert_no_violations(page)


def test_axe_gate_can_fail(page, served_site):
    """The gate is not vacuous: a low-contrast link and a skipped heading level are caught."""
    base_url, _, _ = served_site
    page.goto(base_url, wait_until="networkidle")
    page.evaluate(
        """() => {
            const box = document.querySelector('.md-content__inner');
            box.insertAdjacentHTML('beforeend',
              '<h5>Skipped levels</h5><p><a href="#x" style="color:#ddd;background:#fff">pale link</a></p>');
        }"""
    )
    found = " ".join(violations(page))
    assert "color-contrast" in found and "heading-order" in found


@pytest.mark.parametrize("path", ["", "data/labels/", "exercises/fraud-detection/"], ids=["home", "chapter", "exercise"])
def test_phone_layout_has_no_axe_violations(browser, served_site, path):
    """Phone width (Lighthouse's mobile viewport): touch targets and the collapsed layout."""
    base_url, _, _ = served_site
    context = new_context(browser, "light", viewport={"width": 412, "height": 823}, device_scale_factor=2.625,
                          is_mobile=True, has_touch=True)
    page = context.new_page()
    page.scheme = "light"
    try:
        open_page(page, base_url, path)
        assert_no_violations(page)
    finally:
        context.close()
