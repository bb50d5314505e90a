"""The real site builds strictly, and broken data stops the build before any page is written."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT, copy_project, mkdocs_build

FILE = "docs/_data/study.yml"


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)


def ids_of(html: str) -> list[str]:
    parser = IdCollector()
    parser.feed(html)
    return parser.ids


def visible_text(html: str) -> str:
    """Text of a page with tags (such as abbreviation tooltips) removed."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def html_pages(site_dir):
    return sorted(p for p in site_dir.rglob("*.html"))


def test_strict_build_has_no_warnings(served_site):
    _, _, output = served_site
    warnings = re.findall(r"^(?:WARNING|ERROR)\s+-.*$", output, flags=re.M)
    assert not warnings, "\n".join(warnings)
    assert "Documentation built" in output


def test_every_answer_template_page_has_every_stage_and_item(served_site, study):
    _, site_dir, _ = served_site
    for ex in study.exercises:
        page = site_dir / "exercises" / ex.slug / "index.html"
        assert page.exists(), f"missing page for exercise {ex.id}"
        ids = ids_of(page.read_text(encoding="utf-8"))
        for stage in study.stages:
            assert stage.id in ids, f"{ex.slug}: no #{stage.id}"
            for item in stage.items:
                assert item.id in ids, f"{ex.slug}: no #{item.id}"
        assert "exercise" in ids and "related" in ids


def test_stage_chapters_end_with_their_checklist(served_site, study):
    _, site_dir, _ = served_site
    for stage in study.stages:
        chapter = stage.teaches.partition("#")[0].replace("index.md", "index.html")
        html = (site_dir / chapter).read_text(encoding="utf-8")
        ids = ids_of(html)
        assert stage.id in ids and "checklist" in ids
        for item in stage.items:
            assert item.id in ids, f"{chapter}: checklist item {item.id} missing"
        assert ids.index("checklist") < ids.index(stage.items[0].id)


def test_cheat_sheet_has_every_stage_item_and_minutes(served_site, study):
    _, site_dir, _ = served_site
    html = (site_dir / "cheat-sheet" / "index.html").read_text(encoding="utf-8")
    ids = ids_of(html)
    for stage in study.stages:
        assert stage.id in ids
        assert f"<strong>{stage.minutes} min</strong>" in html
        assert all(item.id in ids for item in stage.items)


def test_no_template_residue_in_any_page(served_site):
    _, site_dir, _ = served_site
    pages = html_pages(site_dir)
    assert len(pages) > 80
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in html, page
        # Jinja delimiters would mean a macro did not run. Code blocks could
        # legitimately show them, so look at text outside <code>.
        text = re.sub(r"<code.*?</code>", "", html, flags=re.S)
        assert "{{" not in text and "{%" not in text, page


def test_exercise_pages_are_in_the_nav_in_data_order(served_site, study):
    _, site_dir, _ = served_site
    html = (site_dir / "exercises" / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f"{ex.number}. {ex.title}") for ex in study.exercises]
    assert positions == sorted(positions)


# ---------------------------------------------------------------------------
# Broken input stops the build with one clear message, and writes nothing
# ---------------------------------------------------------------------------


def break_and_build(tmp_path, edit):
    project = copy_project(tmp_path / "project")
    edit(project)
    site = tmp_path / "out"
    site.mkdir()
    result = mkdocs_build(project, site)
    return result, site


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "tags: { domain: [fraud-risk], task",
            "tags: { domain: [frod], task",
            f"{FILE}: exercise 'fraud-detection': field 'tags.domain': unknown domain 'frod'",
        ),
        (
            "    minutes: 8\n",
            "    minutes: eight\n",
            f"{FILE}: stage 'data': field 'minutes': Input should be a valid integer",
        ),
        (
            "teaches: data/labels.md#natural-labels",
            "teaches: data/labels.md#no-such-section",
            f"{FILE}: stage 'data', item 'data-labels': field 'teaches': no section '#no-such-section' on page 'data/labels.md'",
        ),
        (
            "teaches: data/labels.md#natural-labels",
            "teaches: data/label.md#natural-labels",
            f"{FILE}: stage 'data', item 'data-labels': field 'teaches': page 'data/label.md' does not exist",
        ),
    ],
    ids=["unknown-tag", "wrong-type", "missing-anchor", "missing-page"],
)
def test_bad_data_stops_the_build_and_writes_nothing(tmp_path, old, new, expected):
    result, site = break_and_build(tmp_path, lambda p: replace_in(p / FILE, old, new))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output, output
    assert "Traceback" not in output, output
    assert not any(site.iterdir()), f"the failed build wrote {sorted(site.iterdir())[:5]}"


def test_missing_exercise_page_stops_the_build(tmp_path):
    result, site = break_and_build(tmp_path, lambda p: (p / "docs/exercises/language-id.md").unlink())
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{FILE}: exercise 'language-id': field 'slug': page 'exercises/language-id.md' does not exist" in output
    assert not any(site.iterdir())


def test_text_from_data_cannot_inject_html(tmp_path):
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** [x](javascript:alert(3))"

    def edit(project):
        replace_in(
            project / FILE,
            "      You have a history of credit-card purchases",
            f"      {hostile} You have a history of credit-card purchases",
        )

    result, site = break_and_build(tmp_path, edit)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "exercises" / "fraud-detection" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<img src=\"x\"" not in html
    assert "javascript:alert(3)" not in re.findall(r'href="([^"]*)"', html)
    assert "<strong>bold</strong>" not in html


# ---------------------------------------------------------------------------
# The exercises in depth
# ---------------------------------------------------------------------------

ANSWER_SECTIONS = ["requirements", "framing", "data", "modeling", "evaluation", "serving", "monitoring", "risks"]


def worked_answer(slug: str, root) -> str:
    source = (root / "docs" / "exercises" / f"{slug}.md").read_text(encoding="utf-8")
    marker = '??? success "Reveal the worked answer"'
    start = source.index(marker) + len(marker)
    end = source.index("{{ exercise_footer(")
    return source[start:end]


def test_every_exercise_page_has_every_part(served_site, study):
    from conftest import ROOT

    _, site_dir, _ = served_site
    for ex in study.exercises:
        html = (site_dir / "exercises" / ex.slug / "index.html").read_text(encoding="utf-8")
        ids = ids_of(html)
        for part in ["clarifying-questions", "plan", "hints", "reference-answer", "follow-ups", "related", "navigation"]:
            assert part in ids, f"{ex.slug}: no #{part}"
        positions = [ids.index(f"answer-{s}") for s in ANSWER_SECTIONS]
        assert positions == sorted(positions), f"{ex.slug}: answer sections out of order"
        assert len(ex.clarifying_questions) >= 5
        assert all(len(ex.prompts[s.id]) >= 2 for s in study.stages)
        text = visible_text(html)
        assert text.count("Review first:") == len(study.stages), f"{ex.slug}: a stage lacks its sections to review"
        for prompt in (p for s in study.stages for p in ex.prompts[s.id]):
            assert prompt in text, f"{ex.slug}: prompt not shown: {prompt}"
        assert 3 <= len(ex.hints) <= 5 and len(ex.follow_ups) >= 4
        # the worked answer is folded: one <details class="success"> holding all eight sections
        assert html.count('<details class="success">') == 1
        # its sections keep their anchors but stay out of the table of contents,
        # which still lists the heading of the fold itself
        toc_links = re.findall(r'<a href="(#[^"]+)" class="md-nav__link">', html)
        assert "#reference-answer" in toc_links and "#hints" in toc_links, f"{ex.slug}: TOC lost its entries"
        assert not [a for a in toc_links if a.startswith("#answer-")], f"{ex.slug}: answer sections in the TOC"
        words = len(worked_answer(ex.slug, ROOT).split())
        assert 900 <= words <= 1800, f"{ex.slug}: worked answer has {words} words"


def test_glossary_covers_every_abbreviation_tooltip(served_site):
    from conftest import ROOT

    _, site_dir, _ = served_site
    snippet = (ROOT / "docs" / "_snippets" / "abbreviations.md").read_text(encoding="utf-8")
    abbreviations = re.findall(r"^\*\[([^\]]+)\]:", snippet, flags=re.M)
    assert len(abbreviations) > 50
    # one definition per paragraph (see the comment in mkdocs.yml)
    assert all(len(block.strip().splitlines()) == 1 for block in snippet.split("\n\n") if block.strip())
    glossary = (site_dir / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    headings = [visible_text(h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", glossary, flags=re.S)]
    covered = {term for h in headings for term in re.split(r"\s*\(also\s*|\)\s*|\s*¶", h) if term}
    missing = [a for a in abbreviations if a not in covered]
    assert not missing, f"abbreviations without a glossary entry: {missing}"
    # and every tooltip a page shows comes from that list
    used = set()
    for page in html_pages(site_dir):
        used |= set(re.findall(r'<abbr title="[^"]*">([^<]+)</abbr>', page.read_text(encoding="utf-8")))
    assert used and used <= set(abbreviations), sorted(used - set(abbreviations))


# ---------------------------------------------------------------------------
# Chapters
# ---------------------------------------------------------------------------

CHAPTER_PAGES = {
    "foundations": ["index", "production-systems", "research-vs-production"],
    "framework": ["index"],
    "requirements": ["index", "goals", "performance", "scope"],
    "framing": ["index", "objective", "inputs-outputs", "ml-category", "system-sketch"],
    "data": ["index", "sources-and-storage", "labels", "sampling", "features", "privacy-and-bias"],
    "modeling": ["index", "selection", "training", "debugging", "tuning", "scaling"],
    "evaluation": ["index", "offline-metrics", "online-metrics", "validation", "fairness"],
    "serving": ["index", "cloud-vs-device", "compression", "prediction-pipeline", "reliability", "testing-in-production"],
    "monitoring": ["index", "why-systems-fail", "what-to-monitor", "retraining", "infrastructure"],
    "interview": ["index", "advice", "assumptions", "preparing"],
    "reference": ["glossary", "reading"],
}


def test_every_chapter_page_exists_and_is_built(served_site):
    from conftest import ROOT

    _, site_dir, _ = served_site
    for folder, pages in CHAPTER_PAGES.items():
        for name in pages:
            assert (ROOT / "docs" / folder / f"{name}.md").exists(), f"docs/{folder}/{name}.md"
            built = site_dir / folder / ("" if name == "index" else name) / "index.html"
            assert built.exists(), built
            words = len(visible_text(built.read_text(encoding="utf-8")).split())
            assert words > 400, f"{folder}/{name}: only {words} words"


def test_every_heading_in_the_sources_has_an_explicit_id():
    from conftest import ROOT

    missing = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        in_fence = False
        for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            if not in_fence and re.match(r"^\s{0,8}#{1,6} ", line) and not re.search(r"\{ #[a-z0-9]+(?:-[a-z0-9]+)* \}\s*$", line):
                missing.append(f"{md.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not missing, "\n".join(missing)


def test_every_built_heading_keeps_its_source_id(served_site):
    """On prose pages, the built headings carry exactly the ids written in the source."""
    from conftest import ROOT

    _, site_dir, _ = served_site
    checked = 0
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        source = md.read_text(encoding="utf-8")
        if rel.startswith("_") or "render_macros: true" in source:
            continue
        wanted = re.findall(r"^\s{0,8}#{1,6} .*\{ #([a-z0-9-]+) \}\s*$", source, flags=re.M)
        built = site_dir / (rel[: -len("index.md")] if rel.endswith("index.md") else rel[: -len(".md")] + "/") / "index.html"
        found = re.findall(r'<h[1-6] id="([^"]+)"', built.read_text(encoding="utf-8"))
        assert sorted(found) == sorted(wanted), f"{rel}: built {sorted(set(found) ^ set(wanted))}"
        checked += 1
    assert checked >= 40


def test_every_tag_has_a_page_listing_its_exercises(served_site, study):
    import studykit

    _, site_dir, _ = served_site
    used = studykit.render.used_tags(study)
    assert len(used) >= 20
    for kind, tag_id in used:
        html = (site_dir / "exercises" / "tags" / f"{kind}-{tag_id}" / "index.html").read_text(encoding="utf-8")
        expected = {e.slug for e in study.exercises if tag_id in studykit.render._tag_values(e, kind)}
        linked = set(re.findall(r'<li><a href="\.\./\.\./([a-z0-9-]+)/">', html))
        assert linked == expected, f"{kind}-{tag_id}"
    index = (site_dir / "exercises" / "index.html").read_text(encoding="utf-8")
    for kind, tag_id in used:
        assert f'href="tags/{kind}-{tag_id}/"' in index


# ---------------------------------------------------------------------------
# Case studies
# ---------------------------------------------------------------------------

CASE_SECTIONS = ["problem", "framing", "data", "models", "serving", "lessons", "interview-takeaways"]


def test_every_case_study_has_every_part_and_well_formed_links(served_site, study):
    from urllib.parse import urlparse

    import studykit

    _, site_dir, _ = served_site
    for case in study.case_studies:
        html = (site_dir / "case-studies" / case.id / "index.html").read_text(encoding="utf-8")
        ids = ids_of(html)
        positions = [ids.index(s) for s in CASE_SECTIONS]
        assert positions == sorted(positions), f"{case.id}: sections missing or out of order"
        # original and archived links, both well formed
        original = urlparse(case.url)
        assert original.scheme == "https" and original.netloc and "%2D" not in case.url
        hrefs = re.findall(r'href="([^"]+)"', html)
        assert case.url in hrefs, f"{case.id}: no link to the original"
        assert studykit.render.archive_url(case.url) in hrefs, f"{case.id}: no archived copy"
        text = visible_text(html)
        for fact in (case.organisation, str(case.year), case.author.split(" (")[0], "Links last checked:"):
            assert fact in text, f"{case.id}: {fact!r} missing"
        # the stage mapping links to each stage's chapter
        for stage_id in case.stages:
            stage = next(s for s in study.stages if s.id == stage_id)
            chapter = stage.teaches.replace("/index.md", "/")
            assert any(h.endswith(chapter) for h in hrefs), f"{case.id}: no link to {chapter}"
        # related exercises are linked both ways
        for ex in study.exercises:
            if case.id in ex.case_studies:
                assert f"../../exercises/{ex.slug}/" in hrefs, f"{case.id}: no link to exercise {ex.slug}"
        # the interview list points into the chapters
        takeaways = html[html.index('id="interview-takeaways"'):]
        takeaways = takeaways[: takeaways.index("</ul>")]
        assert takeaways.count("<li>") >= 4
        assert takeaways.count('href="../../') >= 4


def test_study_paths_on_the_home_page(served_site):
    _, site_dir, _ = served_site
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for path in ("path-evening", "path-week", "path-four-weeks"):
        section = html[html.index(f'id="{path}"'):]
        section = section[: section.index("<h2", 10)] if "<h2" in section[10:] else section
        assert section.count("<li>") >= 5, path
        assert re.search(r"\d+\s*(min|h)", visible_text(section)), f"{path}: no time estimates"
    # the framework diagram links to every stage chapter
    flow = html[html.index('class="framework-flow"'):]
    flow = flow[: flow.index("</ol>")]
    assert flow.count("<a ") == 7


# ---------------------------------------------------------------------------
# Published anchors never break
# ---------------------------------------------------------------------------


def test_no_published_page_or_anchor_disappears(served_site):
    from conftest import ROOT
    from studykit import registry

    _, site_dir, _ = served_site
    published = registry.read(ROOT / "tests" / "published-anchors.txt")
    assert len(published) > 2000
    current = registry.collect(site_dir)
    gone = sorted(published - current)
    assert not gone, "published anchors disappeared (restore them or add a redirect):\n" + "\n".join(gone[:30])
    new = sorted(current - published)
    assert not new, "new anchors are not registered yet: run `python3 scripts/dev.py anchors`\n" + "\n".join(new[:30])


def test_a_moved_page_keeps_its_address_and_anchors(tmp_path, browser):
    """Move a page the way a maintainer would: rename it and add a redirect.

    The old address and every registered anchor on it stay published (the
    registry test passes), and a shared link with an #anchor lands on the
    section at the new address. Without the redirect they would disappear.
    """
    import functools
    import http.server
    import threading

    from studykit import registry

    published = registry.read(ROOT / "tests" / "published-anchors.txt")
    old_entries = {e for e in published if e.startswith("/guide/linking/")}
    assert len(old_entries) > 3
    project = copy_project(tmp_path / "project")
    (project / "docs" / "guide" / "linking.md").rename(project / "docs" / "guide" / "links.md")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("guide/linking.md", "guide/links.md"), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("guide/linking.md", "guide/links.md")
    moved = config.replace("redirect_maps: {}", "redirect_maps:\n        guide/linking.md: guide/links.md")
    assert moved != config
    (project / "mkdocs.yml").write_text(moved, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert old_entries <= registry.collect(tmp_path / "site")

    # Without the redirect, the old address and its anchors are gone.
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "bare").returncode == 0
    assert not old_entries & registry.collect(tmp_path / "bare")

    # A reader's old link, anchor included, arrives at the section.
    anchor = sorted(e for e in old_entries if "#" in e)[-1]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{anchor}")
        page.wait_for_url(re.compile(r"/guide/links/#"))
        assert page.url.endswith(anchor.split("/guide/linking/")[1])
        assert page.locator(f"[id='{anchor.split('#')[1]}']").count() == 1
    finally:
        page.close()
        server.shutdown()
