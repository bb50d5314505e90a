"""Unit tests of the plain-Python package: loading, validation, rendering.

No MkDocs here: the package must work on its own.
"""

from __future__ import annotations

import copy
import os
import re

import markdown
import pytest
import yaml

import studykit
from studykit import DataError, render
from studykit import load as load_module

from conftest import DATA_FILE

FILE = "docs/_data/study.yml"


@pytest.fixture()
def raw():
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def exercise(raw, ex_id):
    return next(e for e in raw["exercises"] if e["id"] == ex_id)


def stage(raw, stage_id):
    return next(s for s in raw["stages"] if s["id"] == stage_id)


def assert_problem(exc: DataError, entry: str, field: str, words: str = "") -> None:
    """The message names the file, the entry and the field on one line."""
    lines = str(exc).splitlines()
    wanted = f"{FILE}: {entry}: field '{field}'"
    matching = [line for line in lines if line.startswith(wanted)]
    assert matching, f"no line starts with {wanted!r} in:\n{exc}"
    if words:
        assert words in matching[0], matching[0]


# ---------------------------------------------------------------------------
# Loading the real file
# ---------------------------------------------------------------------------


def test_real_file_loads(study):
    assert [s.id for s in study.stages] == [
        "requirements", "framing", "data", "modeling", "evaluation", "serving", "monitoring"
    ]
    assert sum(s.minutes for s in study.stages) == study.interview_minutes == 45
    assert len(study.exercises) == 27
    assert [e.number for e in study.exercises] == list(range(1, 28))
    assert len(study.case_studies) == 10
    assert len(study.difficulties) == 3
    # every item id is unique and prefixed with its stage
    ids = [i.id for s in study.stages for i in s.items]
    assert len(ids) == len(set(ids))
    assert all(i.id.startswith(s.id + "-") for s in study.stages for i in s.items)


def test_case_study_citation_is_split_and_decoded(study):
    chicisimo = next(c for c in study.case_studies if c.id == "chicisimo-fashion")
    assert chicisimo.title.startswith("How we grew from 0 to 4 million women")
    assert "%2D" not in chicisimo.url
    assert chicisimo.url.startswith("https://medium.com/hackernoon/how-we-grew-from-0-to-4-million-women-")


def test_cached_loader_parses_once_per_file_version(tmp_path, monkeypatch):
    path = tmp_path / "study.yml"
    path.write_text(DATA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    calls = []
    real = load_module.load_study
    monkeypatch.setattr(load_module, "load_study", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = studykit.load_study_cached(path, FILE)
    second = studykit.load_study_cached(path, FILE)
    assert first is second and len(calls) == 1
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    studykit.load_study_cached(path, FILE)
    assert len(calls) == 2


# ---------------------------------------------------------------------------
# Bad data: each case names file, entry and field
# ---------------------------------------------------------------------------


def parse(raw):
    return studykit.parse_study(raw, FILE)


def test_unknown_top_level_key(raw):
    raw["colour"] = "blue"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "top level", "colour", "unknown field")


def test_unknown_key_in_exercise(raw):
    exercise(raw, "fraud-detection")["difficulty"] = "hard"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "difficulty", "unknown field")


def test_unknown_key_in_nested_tags(raw):
    exercise(raw, "fraud-detection")["tags"]["level"] = "x"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "tags.level", "unknown field")


def test_missing_field_in_exercise(raw):
    del exercise(raw, "fraud-detection")["title"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "title", "missing required field")


def test_missing_field_in_checklist_item(raw):
    del stage(raw, "data")["items"][2]["teaches"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "stage 'data', item 'data-labels'", "teaches", "missing required field")


def test_entry_without_id_is_named_by_position(raw):
    del raw["exercises"][4]["id"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercises[4]", "id", "missing required field")


def test_wrong_type_minutes_as_string(raw):
    stage(raw, "requirements")["minutes"] = "five"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "stage 'requirements'", "minutes", "integer")


def test_wrong_type_is_not_coerced(raw):
    exercise(raw, "fraud-detection")["number"] = "2"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "number", "'2'")


def test_wrong_type_string_instead_of_list(raw):
    exercise(raw, "fraud-detection")["tags"]["domain"] = "fraud-risk"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "tags.domain", "list")


def test_duplicate_exercise_id(raw):
    raw["exercises"][5]["id"] = "fraud-detection"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "id", "duplicate id")


def test_duplicate_item_id_across_stages(raw):
    stage(raw, "monitoring")["items"].append(copy.deepcopy(stage(raw, "monitoring")["items"][0]))
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "stage 'monitoring', item 'monitoring-shift'", "id", "duplicate item id")


def test_duplicate_yaml_key(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8").replace("version: 1\n", "version: 1\nversion: 1\n", 1)
    path = tmp_path / "study.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        studykit.load_study(path, FILE)
    message = str(info.value)
    assert message.startswith(f"{FILE}: line ") and "duplicate key 'version'" in message


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "study.yml"
    path.write_text("version: 1\nstages: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        studykit.load_study(path, FILE)
    assert re.match(rf"{re.escape(FILE)}: line \d+: field '-': is not valid YAML", str(info.value))


def test_unknown_case_study_reference(raw):
    exercise(raw, "fraud-detection")["case_studies"] = ["lyft-fraud", "stripe-radar"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "case_studies", "unknown case study 'stripe-radar'")


def test_unknown_tag_value(raw):
    exercise(raw, "fraud-detection")["tags"]["domain"] = ["frod"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "tags.domain", "unknown domain 'frod'")


def test_unknown_difficulty(raw):
    exercise(raw, "language-id")["tags"]["difficulty"] = "trivial"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'language-id'", "tags.difficulty", "unknown difficulty 'trivial'")


def test_unknown_stage_in_case_study(raw):
    next(c for c in raw["case_studies"] if c["id"] == "lyft-fraud")["stages"].append("deployment")
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "case study 'lyft-fraud'", "stages", "unknown stage 'deployment'")


def test_unknown_stage_in_exercise_prompts(raw):
    exercise(raw, "fraud-detection")["prompts"]["labels"] = ["How late do chargebacks arrive?"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "prompts.labels", "unknown stage 'labels'")


def test_item_id_must_carry_stage_prefix(raw):
    stage(raw, "data")["items"][0]["id"] = "sources"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "stage 'data', item 'sources'", "id", "start with their stage id")


def test_minutes_must_add_up(raw):
    stage(raw, "modeling")["minutes"] = 12
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "stages", "minutes", "add up to 47")


def test_exercises_must_be_numbered_in_order(raw):
    exercise(raw, "autocomplete")["number"] = 11
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'autocomplete'", "number", "number 10")


def test_markup_in_a_title_is_refused(raw):
    exercise(raw, "fraud-detection")["title"] = "Fraud <script>alert(1)</script>"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "title", "pattern")


def test_non_https_article_link_is_refused(raw):
    case = next(c for c in raw["case_studies"] if c["id"] == "lyft-fraud")
    case["article"] = "[From shallow to deep learning in fraud](javascript:alert(1))"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "case study 'lyft-fraud'", "article", "pattern")


def test_malformed_page_reference(raw):
    stage(raw, "data")["items"][0]["teaches"] = "data/sources-and-storage#data-sources"
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "stage 'data', item 'data-sources'", "teaches", "pattern")


def test_every_problem_is_reported_at_once(raw):
    exercise(raw, "fraud-detection")["tags"]["domain"] = ["frod"]
    exercise(raw, "language-id")["case_studies"] = ["nope"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert len(info.value.problems) == 2


# ---------------------------------------------------------------------------
# Pages and anchors named by the data
# ---------------------------------------------------------------------------


def all_refs(study):
    return [ref for _, _, ref in load_module._references(study)]


def all_pages(study):
    pages = {ref.partition("#")[0] for ref in all_refs(study)}
    pages |= {studykit.exercise_page(e.slug) for e in study.exercises}
    pages |= {studykit.case_study_page(c.id) for c in study.case_studies}
    return pages | {"exercises/index.md", "case-studies/index.md", "index.md"}


def test_check_pages_accepts_complete_site(study):
    studykit.check_pages(study, all_pages(study), FILE)


def test_missing_chapter_page(study):
    pages = all_pages(study) - {"data/labels.md"}
    with pytest.raises(DataError) as info:
        studykit.check_pages(study, pages, FILE)
    assert_problem(info.value, "stage 'data', item 'data-labels'", "teaches", "page 'data/labels.md' does not exist")


def test_missing_exercise_page(study):
    pages = all_pages(study) - {"exercises/language-id.md"}
    with pytest.raises(DataError) as info:
        studykit.check_pages(study, pages, FILE)
    assert_problem(info.value, "exercise 'language-id'", "slug", "does not exist")


def test_exercise_page_without_data(study):
    pages = all_pages(study) | {"exercises/design-tiktok.md"}
    with pytest.raises(DataError) as info:
        studykit.check_pages(study, pages, FILE)
    assert_problem(info.value, "page 'exercises/design-tiktok.md'", "exercises", "no exercise entry")


def test_missing_anchor(study):
    anchors = {page: {"everything"} for page in all_pages(study)}
    for ref in all_refs(study):
        page, _, anchor = ref.partition("#")
        anchors[page].add(anchor)
    studykit.check_anchors(study, anchors, FILE)  # complete: no error
    anchors["data/labels.md"].discard("natural-labels")
    with pytest.raises(DataError) as info:
        studykit.check_anchors(study, anchors, FILE)
    assert_problem(info.value, "stage 'data', item 'data-labels'", "teaches", "no section '#natural-labels'")


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

MD_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "pymdownx.escapeall", "pymdownx.superfences"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MD_EXTENSIONS)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "**bold** _em_ `code` ~~s~~",
        "{ #evil } {: .cls }",
        "{{ jinja }} {% block %}",
        "&lt;already&gt; & ampersand",
        "$x^2$ :smile: ==mark== ^^ins^^",
    ],
)
def test_md_text_shows_text_literally(hostile):
    html = to_html(render.md_text(hostile))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    # the visible text is exactly the input
    visible = re.sub(r"<[^>]+>", "", html)
    import html as html_lib

    assert html_lib.unescape(visible).strip() == hostile


def test_relative_links():
    assert render.rel("exercises/fraud-detection.md", "data/labels.md#natural-labels") == "../data/labels.md#natural-labels"
    assert render.rel("data/index.md", "data/labels.md#x") == "labels.md#x"
    assert render.rel("cheat-sheet.md", "data/labels.md") == "data/labels.md"


def test_answer_template_has_every_stage_and_item(study):
    text = render.answer_template(study, "fraud-detection", "exercises/fraud-detection.md")
    html = to_html(text)
    ids = re.findall(r'id="([^"]+)"', html)
    for s in study.stages:
        assert s.id in ids
        for item in s.items:
            assert item.id in ids
            assert f'href="{render.href("exercises/fraud-detection.md", item.teaches)}"' in html
    assert len(ids) == len(set(ids)), "an id appears twice on the page"
    # stages appear in framework order
    positions = [html.index(f'id="{s.id}"') for s in study.stages]
    assert positions == sorted(positions)
    assert "Credit-card fraud detection" in html
    footer = to_html(render.exercise_footer(study, "fraud-detection", "exercises/fraud-detection.md"))
    assert 'href="../../case-studies/lyft-fraud/"' in footer and 'id="related"' in footer


def test_exercise_footer_prev_next(study):
    first = render.exercise_footer(study, "story-difficulty", "exercises/story-difficulty.md")
    assert "Previous:" not in first and 'Next: <a href="../fraud-detection/">2. Credit' in first
    last = render.exercise_footer(study, "cifar-open-set", "exercises/cifar-open-set.md")
    assert "Next:" not in last and 'Previous: <a href="../shape-recognition/">26. Triangle' in last


def test_answer_template_renders_exercise_prompts(study):
    ex = next(e for e in study.exercises if e.id == "fraud-detection")
    with_prompts = ex.model_copy(update={"prompts": {"data": ["Chargebacks arrive <weeks> late: what now?"]}})
    patched = study.model_copy(update={"exercises": [with_prompts if e.id == ex.id else e for e in study.exercises]})
    html = to_html(render.answer_template(patched, "fraud-detection", "exercises/fraud-detection.md"))
    assert "Chargebacks arrive &lt;weeks&gt; late: what now?" in html
    assert html.index("Chargebacks") > html.index('id="data"') and html.index("Chargebacks") < html.index('id="modeling"')


def test_stage_checklist_links_from_the_chapter(study):
    html = to_html(render.stage_checklist(study, "data", "data/index.md"))
    assert 'href="labels/#natural-labels"' in html
    assert html.count("<li") == len(next(s for s in study.stages if s.id == "data").items)


def test_unknown_ids_in_macros_fail_loudly(study):
    with pytest.raises(KeyError, match="unknown stage 'datta'"):
        render.stage_checklist(study, "datta", "data/index.md")
    with pytest.raises(KeyError, match="unknown exercise"):
        render.answer_template(study, "nope", "exercises/nope.md")


def test_time_plan_and_cheat_sheet(study):
    plan = render.time_plan(study, "cheat-sheet.md")
    assert "<td>0–5</td>" in plan and "<td>41–45</td>" in plan and "<strong>45</strong>" in plan
    assert plan.count("<tr>") == len(study.stages) + 2  # header, one per stage, total
    # each stage links to the chapter that teaches it, relative to the page
    assert '<td><a href="../requirements/#requirements">1. Clarify requirements</a></td>' in plan
    sheet = to_html(render.cheat_sheet(study, "cheat-sheet.md"))
    for s in study.stages:
        assert f'id="{s.id}"' in sheet
        for item in s.items:
            assert f'id="{item.id}"' in sheet


def test_indexes_list_everything(study):
    ex_html = to_html(render.exercises_index(study, "exercises/index.md"))
    assert ex_html.count("<tr") == 28
    cs_html = to_html(render.case_studies_index(study, "case-studies/index.md"))
    assert cs_html.count("<tr") == 11
    assert 'data-organisation="booking-com"' in cs_html
    facts = render.case_study_facts(study, "lyft-fraud", "case-studies/lyft-fraud.md")
    assert "https://web.archive.org/web/https://eng.lyft.com/from-shallow-to-deep-learning-in-fraud-9dafcbcef743" in facts
    assert "../exercises/fraud-detection.md" in facts


def test_clarifying_questions_hints_and_follow_ups_render_folded_and_in_order(study):
    from studykit.schema import ClarifyingQuestion, FollowUp

    ex = next(e for e in study.exercises if e.id == "fraud-detection")
    rich = ex.model_copy(
        update={
            "clarifying_questions": [ClarifyingQuestion(question="Card-present or online?", assume="Online <only>.")],
            "hints": ["Think about label delay.", "Chargebacks take weeks.", "Train on matured windows."],
            "follow_ups": [FollowUp(question='What if "fraud" rings adapt?', answer="Retrain weekly **and** monitor.")],
        }
    )
    patched = study.model_copy(update={"exercises": [rich if e.id == ex.id else e for e in study.exercises]})
    extensions = MD_EXTENSIONS + ["pymdownx.details"]
    top = markdown.markdown(render.answer_template(patched, ex.id, "exercises/fraud-detection.md"), extensions=extensions)
    assert 'id="clarifying-questions"' in top and "Online &lt;only&gt;." in top
    assert top.index('id="clarifying-questions"') < top.index('id="plan"') < top.index('id="hints"')
    hints = [top.index(h) for h in ("Think about label delay.", "Chargebacks take weeks.", "Train on matured windows.")]
    assert hints == sorted(hints)
    assert top.count("<details") == 4  # the questions block and three hints, all closed
    assert " open" not in top
    bottom = markdown.markdown(render.exercise_footer(patched, ex.id, "exercises/fraud-detection.md"), extensions=extensions)
    assert 'id="follow-ups"' in bottom and "<strong>" not in bottom
    assert "What if &quot;fraud&quot; rings adapt?" in bottom or 'What if "fraud" rings adapt?' in bottom


def test_every_stage_needs_two_exercise_prompts(raw):
    exercise(raw, "fraud-detection")["prompts"]["serving"] = ["Only one prompt?"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "prompts.serving", "at least 2")


def test_too_few_clarifying_questions(raw):
    del exercise(raw, "jaguar-sense")["clarifying_questions"][1:]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'jaguar-sense'", "clarifying_questions", "at least 5")


def test_missing_key_trade_off(raw):
    del exercise(raw, "jaguar-sense")["key_trade_off"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'jaguar-sense'", "key_trade_off", "missing required field")


def test_exercise_index_rows_carry_their_tags(study):
    html = to_html(render.exercises_index(study, "exercises/index.md"))
    assert html.count("<tr data-") == 27
    assert (
        '<tr data-exercise="fraud-detection" data-domain="fraud-risk" '
        'data-task="binary-classification anomaly-detection" data-difficulty="warm-up">' in html
    )
    assert 'data-filter="domain"' in html and 'data-filter="task"' in html and 'data-filter="difficulty"' in html
    assert 'href="tags/difficulty-warm-up/"' in html


def test_tag_pages_list_exactly_their_exercises(study):
    used = render.used_tags(study)
    assert ("difficulty", "warm-up") in used and all(k in render.TAG_KINDS for k, _ in used)
    html = to_html(render.tag_page_content(study, "domain", "vision", "exercises/tags/domain-vision.md"))
    vision = [e for e in study.exercises if "vision" in e.tags.domain]
    assert html.count("<li>") == len(vision)
    for ex in vision:
        assert f'href="../../{ex.slug}/"' in html


def test_unknown_stage_in_leans_on(raw):
    exercise(raw, "fraud-detection")["leans_on"] = {"labels": ["data/labels.md#label-delay"]}
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "leans_on.labels", "unknown stage 'labels'")


def test_leans_on_anchor_must_exist(study):
    ex = next(e for e in study.exercises if e.id == "fraud-detection")
    patched_ex = ex.model_copy(update={"leans_on": {"data": ["data/labels.md#no-such-anchor"]}})
    patched = study.model_copy(update={"exercises": [patched_ex if e.id == ex.id else e for e in study.exercises]})
    anchors = {page: {"x"} for page in all_pages(patched)}
    for ref in all_refs(study):
        anchors.setdefault(ref.partition("#")[0], set()).add(ref.partition("#")[2])
    with pytest.raises(DataError) as info:
        studykit.check_anchors(patched, anchors, FILE)
    assert_problem(info.value, "exercise 'fraud-detection'", "leans_on.data", "no section '#no-such-anchor'")


def test_heading_titles_read_from_sources(tmp_path):
    from studykit.headings import heading_titles

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "labels.md").write_text("# Labels { #labels }\n\n## Label delay { #label-delay }\n\ntext\n")
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "skip.md").write_text("# Hidden { #hidden }\n")
    assert heading_titles(tmp_path) == {"data/labels.md#labels": "Labels", "data/labels.md#label-delay": "Label delay"}


def test_review_first_links_use_section_titles(study):
    ex = next(e for e in study.exercises if e.id == "fraud-detection")
    patched_ex = ex.model_copy(update={"leans_on": {"data": ["data/labels.md#label-delay"]}})
    patched = study.model_copy(update={"exercises": [patched_ex if e.id == ex.id else e for e in study.exercises]})
    titles = {"data/labels.md#label-delay": "Label delay"}
    text = render.answer_template(patched, ex.id, "exercises/fraud-detection.md", titles)
    assert '<strong>Review first:</strong> <a href="../../data/labels/#label-delay">Label delay</a>' in text


def test_every_stage_needs_a_section_to_lean_on(raw):
    del exercise(raw, "fraud-detection")["leans_on"]["monitoring"]
    with pytest.raises(DataError) as info:
        parse(raw)
    assert_problem(info.value, "exercise 'fraud-detection'", "leans_on.monitoring", "at least one chapter section")


def test_flashcard_deck_and_anki_text(study, tmp_path):
    from studykit.cards import anki_tsv, build_deck, read_abbreviations

    snippet = tmp_path / "abbr.md"
    snippet.write_text("*[nDCG]: Normalised DCG\n\n*[NDCG]: Same, other spelling\n\n*[ML]: Machine\tlearning\n", encoding="utf-8")
    terms = read_abbreviations(snippet)
    assert terms[0] == ("nDCG", "Normalised DCG")
    deck = build_deck(study, terms)
    assert len(deck) == len(study.stages) + 3 + len(study.exercises)
    assert len({c.id for c in deck}) == len(deck)
    text = anki_tsv(deck)
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) == len(deck) and all(len(r) == 3 for r in rows)
    assert ["What does ML mean?", "Machine learning", "glossary"] in rows


def test_registry_collects_pages_headings_and_checklist_items(tmp_path):
    from studykit import registry

    (tmp_path / "index.html").write_text('<h1 id="home">Home</h1><p id="not-a-heading">x</p>', encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="data">Data</h2><li class="checklist__item" id="data-labels">x</li><li id="other">y</li>', encoding="utf-8"
    )
    entries = registry.collect(tmp_path)
    assert entries == {"/", "/#home", "/a/", "/a/#data", "/a/#data-labels"}
    path = tmp_path / "registry.txt"
    registry.write(path, entries)
    assert registry.read(path) == entries
    assert path.read_text(encoding="utf-8").startswith("# Published pages and anchors")


def test_anchors_command_adds_new_entries_and_refuses_silent_removal(tmp_path, monkeypatch, capsys):
    from studykit import __main__ as cli

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<h1 id="home">x</h1>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<h2 id="data">x</h2>', encoding="utf-8")
    monkeypatch.setattr(cli, "REGISTRY", tmp_path / "registry.txt")
    assert cli.main(["anchors", str(site)]) == 0
    assert "4 added, 0 removed, 4 published" in capsys.readouterr().out
    (site / "a" / "index.html").write_text("<h2>renamed</h2>", encoding="utf-8")
    assert cli.main(["anchors", str(site)]) == 1
    assert "/a/#data" in capsys.readouterr().err
    assert "/a/#data" in (tmp_path / "registry.txt").read_text(encoding="utf-8")  # kept
    assert cli.main(["anchors", str(site), "--allow-removal"]) == 0
    assert "/a/#data" not in (tmp_path / "registry.txt").read_text(encoding="utf-8")


def test_deck_is_built_once_per_file_version(study, tmp_path, monkeypatch):
    from studykit import cards

    snippet = tmp_path / "abbr.md"
    snippet.write_text("*[ML]: Machine learning\n", encoding="utf-8")
    calls = []
    real = cards.build_deck
    monkeypatch.setattr(cards, "build_deck", lambda *a: calls.append(1) or real(*a))
    assert cards.deck_for(study, snippet) is cards.deck_for(study, snippet)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("page", "target", "directory_urls", "expected"),
    [
        ("exercises/fraud-detection.md", "data/labels.md#natural-labels", True, "../../data/labels/#natural-labels"),
        ("exercises/index.md", "exercises/fraud-detection.md", True, "fraud-detection/"),
        ("data/index.md", "data/labels.md", True, "labels/"),
        ("cheat-sheet.md", "index.md", True, "../"),
        ("index.md", "index.md#paths", True, "./#paths"),
        ("index.md", "cheat-sheet.md", True, "cheat-sheet/"),
        ("exercises/tags/domain-vision.md", "exercises/index.md", True, "../../"),
        ("exercises/fraud-detection.md", "data/labels.md#natural-labels", False, "../data/labels.html#natural-labels"),
        ("data/index.md", "data/labels.md", False, "labels.html"),
        ("index.md", "cheat-sheet.md", False, "cheat-sheet.html"),
        ("cheat-sheet.md", "index.md", False, "index.html"),
        ("data/labels.md", "#label-delay", True, "#label-delay"),
    ],
)
def test_href_matches_the_urls_mkdocs_writes(page, target, directory_urls, expected):
    """Plain-HTML links must land where MkDocs puts pages, in both URL styles."""
    assert render.href(render.PagePath(page, directory_urls), target) == expected


# ---------------------------------------------------------------------------
# HTML stash and theme repairs
# ---------------------------------------------------------------------------


def test_stash_swaps_placeholders_back_and_reports_ids():
    from studykit.stash import HtmlStash

    stash = HtmlStash()
    token = stash.put("a.md", '<ul id="x"><li id="y">one</li></ul>')
    other = stash.put("a.md", "<p>two</p>")
    converted = f"<h2>Head</h2>{token.strip()}<p>prose</p>{other.strip()}"
    html, ids = stash.fill("a.md", converted)
    assert html == '<h2>Head</h2><ul id="x"><li id="y">one</li></ul><p>prose</p><p>two</p>'
    assert ids == {"x", "y"}
    # filled once: a second fill of the same page finds nothing left over
    assert stash.fill("a.md", "<p>plain</p>") == ("<p>plain</p>", set())


def test_stash_refuses_a_page_that_lost_a_block():
    from studykit.stash import HtmlStash, StashError

    stash = HtmlStash()
    stash.put("a.md", "<p>kept</p>")
    stash.put("a.md", "<p>lost</p>")
    with pytest.raises(StashError, match=r"a\.md: generated block\(s\) \[1\] were lost"):
        stash.fill("a.md", "<!--studykit-block-0-->")
    with pytest.raises(StashError, match="placeholder 3 has no HTML"):
        stash.fill("b.md", "<!--studykit-block-3-->")


SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
SECTION = (
    '<nav class="md-nav" data-md-level="2" aria-labelledby="__nav_3_1_label" aria-expanded="false">\n'
    '  <label class="md-nav__title" for="__nav_3_1">\n    <span class="md-nav__icon md-icon"></span>\n'
    "    1. Clarify &amp; scope\n  </label>"
)


BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'


def test_theme_repairs_name_the_search_dialog_and_section_navs_and_defer_the_bundle():
    from studykit.themefix import repair

    out = repair(SEARCH + SECTION + BUNDLE, "page.md")
    assert 'role="dialog" aria-label="Search">' in out
    assert 'data-md-level="2" aria-label="1. Clarify &amp; scope"' in out and "aria-labelledby" not in out
    assert out.endswith('<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>')


def test_theme_repairs_stop_when_the_theme_markup_changes():
    from studykit.themefix import ThemeMarkupChanged, repair

    with pytest.raises(ThemeMarkupChanged, match="page.md: Material's search dialog markup changed"):
        repair('<div class="md-search" role="dialog">' + SECTION + BUNDLE, "page.md")
    with pytest.raises(ThemeMarkupChanged, match="page.md: Material's bundle script tag changed"):
        repair(SEARCH + SECTION + BUNDLE.replace("></script>", " async></script>"), "page.md")
    with pytest.raises(ThemeMarkupChanged, match="bundle script tag changed"):
        repair(SEARCH + SECTION + BUNDLE + BUNDLE, "page.md")


# ---------------------------------------------------------------------------
# Table of contents: headings inside closed folds
# ---------------------------------------------------------------------------


def test_headings_inside_a_closed_fold_are_found_and_open_folds_are_not():
    from studykit.pagetoc import folded_heading_ids

    html = (
        '<h2 id="question">Q</h2>'
        '<details class="success"><summary>Reveal</summary><h3 id="answer-data">Data</h3>'
        '<details class="note" open="open"><summary>inner</summary><h4 id="deep">Deep</h4></details>'
        '<h3 id="answer-risks">Risks</h3></details>'
        '<details class="tip" open><summary>Shown</summary><h3 id="shown">Shown</h3></details>'
        '<details class="tip"><summary>Hint</summary><p>no heading</p></details>'
        '<h2 id="after">After</h2>'
    )
    # a heading in an open fold nested inside a closed one is still hidden
    assert folded_heading_ids(html) == {"answer-data", "deep", "answer-risks"}
    assert folded_heading_ids('<h2 id="a">A</h2>') == set()


def test_pruning_the_toc_lifts_children_that_stay():
    from types import SimpleNamespace as Entry

    from studykit.pagetoc import prune_toc

    def entry(id_, *children):
        return Entry(id=id_, children=list(children))

    items = [entry("question"), entry("reference-answer", entry("answer-data", entry("kept-child")), entry("answer-risks")),
             entry("after")]
    assert prune_toc(items, {"answer-data", "answer-risks"}) == 2
    assert [i.id for i in items] == ["question", "reference-answer", "after"]
    assert [c.id for c in items[1].children] == ["kept-child"]
    assert prune_toc(items, set()) == 0
