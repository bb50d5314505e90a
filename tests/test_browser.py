"""What a reader sees and clicks, in real Chromium driven by Playwright.

Playwright cannot download its own browser here, so it drives the system
Chromium given by CHROMIUM_PATH (scripts/dev.py finds or installs it).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browserkit import Recorder, new_context, scroll_through, wait_until_formulas_typeset

pytestmark = pytest.mark.browser



def test_home_page_loads_cleanly_and_only_from_this_host(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url, wait_until="networkidle")
    expect(page.locator("h1")).to_contain_text("Machine-learning systems design")
    assert page.recorder.errors == []
    assert page.recorder.requests, "the recorder saw no requests at all"
    assert page.recorder.foreign(base_url) == []


def test_search_finds_a_word_from_a_chapter(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url, wait_until="networkidle")
    query = page.locator("input.md-search__input")
    query.click()
    expect(query).to_be_focused()
    # Wait until the search worker has built its index, then type like a reader.
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"), timeout=15000)
    query.press_sequentially("checkpointing", delay=20)
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible(timeout=15000)
    expect(result.locator("a").first).to_have_attribute("href", re.compile(r"/mlsd-guide/modeling/scaling/"))
    result.locator("a").first.click()
    page.wait_for_url(re.compile(r"/modeling/scaling/"))
    expect(page.locator("h2#gradient-checkpointing")).to_be_attached()
    assert page.recorder.foreign(base_url) == []


def test_palette_toggle_switches_and_is_remembered(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url, wait_until="networkidle")
    body = page.locator("body")
    # Default follows the system setting (light in this context).
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    for _ in range(3):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component='palette'] label:not([hidden])").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload(wait_until="networkidle")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    # and it survives going to another page
    page.goto(base_url + "cheat-sheet/", wait_until="networkidle")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


@pytest.mark.parametrize("anchor", ["data", "data-labels", "serving-rollout"])
def test_deep_link_into_an_answer_template_scrolls_to_it(page, served_site, anchor):
    base_url, _, _ = served_site
    page.goto(f"{base_url}exercises/fraud-detection/#{anchor}", wait_until="networkidle")
    target = page.locator(f"#{anchor}")
    expect(target).to_be_in_viewport()
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert top > 0, "the target is hidden under the header"
    assert page.evaluate("window.scrollY") > 300, "the page did not scroll"


def test_diagram_renders_from_the_self_hosted_script(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "framework/", wait_until="networkidle")
    scroll_through(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')].some(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
        timeout=15000,
    )
    assert any(u.endswith("assets/vendor/mermaid/mermaid.min.js") for u in page.recorder.requests)
    assert page.recorder.foreign(base_url) == []
    assert page.recorder.errors == []


def test_pages_without_diagrams_or_formulas_load_neither_library(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "cheat-sheet/", wait_until="networkidle")
    assert page.recorder.requests
    assert not any("mermaid" in u or "katex" in u for u in page.recorder.requests)


def test_diagram_loads_after_following_a_link(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "cheat-sheet/", wait_until="networkidle")
    # Instant navigation is off (mkdocs.yml): following a link loads the page
    # afresh, so this marker must be gone afterwards.
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("article a[href*='framing/']").first.click()
    page.wait_for_url("**/framing/**")
    scroll_through(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')].some(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
        timeout=15000,
    )
    assert page.evaluate("window.__sameDocument") is None, "the page was swapped in place, not loaded"
    assert page.recorder.foreign(base_url) == []


# ---------------------------------------------------------------------------
# Diagrams and formulas on every page that has them
# ---------------------------------------------------------------------------

from conftest import ROOT  # noqa: E402


def pages_with(pattern: str) -> list[str]:
    """Site paths of the Markdown pages whose source matches ``pattern``."""
    found = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        if rel.startswith("_") or not re.search(pattern, md.read_text(encoding="utf-8"), flags=re.M):
            continue
        found.append(rel[: -len("index.md")] if rel.endswith("index.md") else rel[: -len(".md")] + "/")
    return found


DIAGRAM_PAGES = pages_with(r"^\s*```mermaid")
# arithmatex's rule: no space just inside the dollars, and no digit right after the closing one.
FORMULA_PAGES = pages_with(r"(?<![\\$])\$(?![\s$])[^$\n]*?(?<![\s\\])\$(?!\d)")

CONTRAST = """
() => {
  // Contrast of every diagram label against what is behind it: the fill of
  // the shape that encloses it (a node, an actor box, a note), or the page.
  const rgb = (c) => (c && c.startsWith('rgb') ? c.match(/[\\d.]+/g).map(Number) : null);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
  const opaque = (c) => c && (c.length < 4 || c[3] > 0.5);
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const behind = (el) => {
    for (let node = el; node && node.tagName; node = node.parentNode) {
      const own = rgb(getComputedStyle(node).backgroundColor);
      if (node.tagName !== 'text' && opaque(own)) return own;
      if (node.tagName.toLowerCase() === 'g') {
        for (const child of node.children) {
          if (['rect', 'polygon', 'circle', 'ellipse', 'path'].includes(child.tagName.toLowerCase())
              && !child.contains(el) && child.getBBox && (() => {
                const a = child.getBBox(), b = el.getBBox ? el.getBBox() : null;
                return b && a.width * a.height > 0 && b.x >= a.x - 1 && b.y >= a.y - 1
                  && b.x + b.width <= a.x + a.width + 1 && b.y + b.height <= a.y + a.height + 1;
              })()) {
            const fill = rgb(getComputedStyle(child).fill);
            if (opaque(fill)) return fill;
          }
        }
      }
      if (node instanceof ShadowRoot) break;
    }
    return page;
  };
  const out = [];
  for (const d of document.querySelectorAll('div.mermaid')) {
    for (const el of d.shadowRoot.querySelectorAll('.nodeLabel, .edgeLabel, text')) {
      if (!el.textContent.trim()) continue;
      // SVG text is painted by its <tspan> children when they set their own fill.
      const painted = el.tagName.toLowerCase() === 'text' ? (el.querySelector('tspan') || el) : el;
      const style = getComputedStyle(painted);
      const color = rgb(el.tagName.toLowerCase() === 'text' ? style.fill : style.color);
      if (!color) continue;
      const target = el.tagName.toLowerCase() === 'text' ? el : (el.closest('foreignObject') || el);
      const a = lum(color), b = lum(behind(target));
      out.push([(Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), el.textContent.trim().slice(0, 40)]);
    }
  }
  return out;
}
"""


def test_there_are_diagrams_and_formulas_to_check():
    assert len(DIAGRAM_PAGES) >= 6, DIAGRAM_PAGES
    assert len(FORMULA_PAGES) >= 5, FORMULA_PAGES


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_every_diagram_renders_in_both_palettes(browser, served_site, path, scheme):
    base_url, _, _ = served_site
    context = new_context(browser, scheme)
    page = context.new_page()
    recorder = Recorder(page)
    try:
        page.goto(base_url + path, wait_until="networkidle")
        # Diagrams in folded answers are drawn when the reader opens the fold.
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        scroll_through(page)
        expected = (ROOT / "docs").joinpath(
            path + "index.md" if (ROOT / "docs" / path / "index.md").exists() else path.rstrip("/") + ".md"
        ).read_text(encoding="utf-8").count("```mermaid")
        page.wait_for_function(
            f"() => [...document.querySelectorAll('div.mermaid')].filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length >= {expected}",
            timeout=20000,
        )
        assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        ratios = page.evaluate(CONTRAST)
        assert ratios, "no diagram text found"
        worst = min(ratios)
        assert worst[0] >= 3, f"diagram label {worst[1]!r} has contrast {worst[0]:.2f} in the {scheme} palette"
        assert recorder.errors == []
        assert recorder.foreign(base_url) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", FORMULA_PAGES)
def test_formulas_are_typeset_by_the_self_hosted_katex(page, served_site, path):
    base_url, _, _ = served_site
    page.goto(base_url + path, wait_until="networkidle")
    # Formulas are typeset as they come into view (folds and tabs included);
    # printing typesets them all, which lets this test check every one.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    wait_until_formulas_typeset(page)
    unrendered = page.evaluate(
        "() => [...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex')).map(e => e.textContent)"
    )
    assert unrendered == []
    assert page.evaluate("() => document.querySelectorAll('.katex-error').length") == 0
    assert page.recorder.errors == []
    assert page.recorder.foreign(base_url) == []


def test_worked_answer_is_closed_on_load_and_opens_on_click(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "exercises/fraud-detection/", wait_until="networkidle")
    answer = page.locator("details.success")
    expect(answer).to_have_count(1)
    assert answer.get_attribute("open") is None
    expect(page.locator("#answer-data")).not_to_be_visible()
    answer.locator("summary").click()
    expect(answer).to_have_attribute("open", "")
    expect(page.locator("#answer-data")).to_be_visible()
    # hints and follow-ups are folded too
    for details in page.locator("details.tip, details.question").all():
        assert details.get_attribute("open") is None


def test_deep_link_into_the_worked_answer_opens_it(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "exercises/fraud-detection/#answer-data", wait_until="networkidle")
    expect(page.locator("details.success")).to_have_attribute("open", "")
    expect(page.locator("#answer-data")).to_be_in_viewport()


# ---------------------------------------------------------------------------
# Filters on the generated indexes
# ---------------------------------------------------------------------------


def visible_rows(page, table_id):
    return page.locator(f"#{table_id} tbody tr:visible")


def test_exercise_filters_work_without_reloading(page, served_site, study):
    base_url, _, _ = served_site
    page.goto(base_url + "exercises/", wait_until="networkidle")
    page.evaluate("() => { window.__noReload = true; }")
    rows = visible_rows(page, "exercise-table")
    expect(rows).to_have_count(27)
    expect(page.locator(".filters__count").first).to_have_text("Showing all 27")

    page.get_by_label("Difficulty", exact=True).select_option("warm-up")
    warm_up = [e for e in study.exercises if e.tags.difficulty == "warm-up"]
    expect(rows).to_have_count(len(warm_up))
    expect(page.locator(".filters__count").first).to_have_text(f"Showing {len(warm_up)} of 27")

    page.get_by_label("Domain", exact=True).select_option("nlp")
    both = [e for e in warm_up if "nlp" in e.tags.domain]
    assert 0 < len(both) < len(warm_up)
    expect(rows).to_have_count(len(both))
    shown = sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.exercise)"))
    assert shown == sorted(e.id for e in both)
    assert page.evaluate("window.__noReload") is True
    assert "difficulty=warm-up" in page.url and "domain=nlp" in page.url

    # the filtered view is shareable: the URL restores it
    page.goto(page.url, wait_until="networkidle")
    expect(rows).to_have_count(len(both))
    expect(page.get_by_label("Difficulty", exact=True)).to_have_value("warm-up")

    page.get_by_role("button", name="Clear filters").click()
    expect(rows).to_have_count(27)
    assert "difficulty" not in page.url


def test_case_study_filters(page, served_site, study):
    base_url, _, _ = served_site
    page.goto(base_url + "case-studies/?stage=monitoring", wait_until="networkidle")
    rows = visible_rows(page, "case-study-table")
    expected = sorted(c.id for c in study.case_studies if "monitoring" in c.stages)
    expect(rows).to_have_count(len(expected))
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.caseStudy)")) == expected
    page.get_by_label("Organisation", exact=True).select_option("uber")
    expect(rows).to_have_count(len([c for c in study.case_studies if "monitoring" in c.stages and c.organisation == "Uber"]))


def test_filters_are_keyboard_operable(page, served_site):
    base_url, _, _ = served_site
    page.goto(base_url + "exercises/", wait_until="networkidle")
    select = page.get_by_label("Task", exact=True)
    select.focus()
    expect(select).to_be_focused()
    page.keyboard.press("ArrowDown")  # first real option after "All"
    expect(visible_rows(page, "exercise-table")).not_to_have_count(27)


# ---------------------------------------------------------------------------
# Permanent links for study groups
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "selector, anchor",
    [("h2#data", "data"), ("li#data-labels", "data-labels"), ("h3#answer-data", "answer-data")],
)
def test_copy_link_gives_an_absolute_url_that_reopens_at_the_section(browser, served_site, selector, anchor):
    base_url, _, _ = served_site
    context = new_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/mlsd-guide")[0])
    page = context.new_page()
    try:
        page.goto(base_url + "exercises/fraud-detection/", wait_until="networkidle")
        if anchor.startswith("answer-"):
            page.locator("details.success > summary").click()
        control = page.locator(f"{selector} > a.headerlink")
        expect(control).to_be_visible()  # visible without hovering
        assert float(control.evaluate("el => getComputedStyle(el).opacity")) > 0.3
        expect(control).to_have_attribute("aria-label", re.compile(r"^Copy link to "))
        control.focus()
        page.keyboard.press("Enter")
        expect(page.locator(f"{selector} > .copy-status")).to_have_text("Link copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{base_url}exercises/fraud-detection/#{anchor}"
        # (the address bar is not asserted: Material's navigation.tracking may
        # move its hash to whichever heading scrolls into view next)

        fresh = context.new_page()
        fresh.goto(copied, wait_until="networkidle")
        expect(fresh.locator(f"#{anchor}")).to_be_in_viewport()
    finally:
        context.close()


def test_formulas_far_down_wait_until_the_reader_gets_near(page, served_site):
    """Lazy typesetting: nothing below the fold is drawn on load; scrolling or printing draws it."""
    base_url, _, _ = served_site
    page.goto(base_url + "evaluation/offline-metrics/", wait_until="networkidle")
    last = page.locator(".arithmatex:visible").last
    assert last.evaluate("e => e.getBoundingClientRect().top") > 3000, "the page needs a formula far down"
    page.wait_for_timeout(300)
    assert last.locator(".katex").count() == 0
    last.scroll_into_view_if_needed()
    expect(last.locator(".katex").first).to_be_attached(timeout=15000)
    # Printing draws every formula at once, wherever the reader is.
    page.goto(base_url + "evaluation/offline-metrics/", wait_until="networkidle")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    wait_until_formulas_typeset(page)


def test_search_index_loads_only_when_search_is_wanted(page, served_site):
    """The 400 KB index is not fetched on a page view; reaching for search, or a result link, fetches it."""
    base_url, _, _ = served_site
    wanted = lambda: [u for u in page.recorder.requests if "/search/search_index.json" in u]  # noqa: E731
    ready = re.compile(r"^(?!Initializing)")
    page.clock.install(time=1_700_000_000_000)
    page.clock.pause_at(1_700_000_000_000)  # only run_for moves the page's timers
    page.goto(base_url + "data/labels/", wait_until="load")
    page.clock.run_for(30_000)
    page.wait_for_timeout(500)
    assert wanted() == [], "the index was fetched without anyone searching"
    # The theme's shortcut puts the focus in the search box, which releases it.
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_have_text(ready, timeout=15000)
    assert len(wanted()) == 1
    page.locator("input.md-search__input").fill("label delay")
    page.clock.run_for(1000)  # the theme debounces typing on the (paused) page clock
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    # A click on the search button does too (the phone layout has only the button).
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(base_url + "data/labels/", wait_until="load")
    page.wait_for_timeout(500)
    assert len(wanted()) == 1
    page.locator("label.md-header__button[for=__search]").click()
    expect(page.locator(".md-search-result__meta")).to_have_text(ready, timeout=15000)
    assert len(wanted()) == 2
    # A page opened from a search result highlights the terms, which needs the index at once.
    page.goto(base_url + "data/labels/?h=label", wait_until="load")
    expect(page.locator("article mark").first).to_be_visible(timeout=15000)
    assert len(wanted()) == 3
