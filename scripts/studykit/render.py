"""Render Markdown from the validated data.

Every function returns a Markdown string for the page whose source path
(relative to ``docs/``) is ``page``; links are relative ``.md`` links so that
MkDocs validates each one. Text that comes from the data file goes through
``md_text`` so it is shown literally and can never inject HTML or Markdown.
"""

from __future__ import annotations

import html
import json
import posixpath
import string

from .load import case_study_page, exercise_page
from .schema import CaseStudy, Exercise, Stage, Study
from .stash import HtmlStash

# ASCII punctuation that Markdown (with pymdownx.escapeall) treats as syntax.
# '&' and ';' are left alone because html.escape turns '&', '<' and '>' into
# entities first.
_MARKUP = set(string.punctuation) - {"&", ";", "<", ">", "'", '"', ",", "?", "/", "%", "@"}


def md_text(value: str) -> str:
    """Escape ``value`` so Markdown shows it as plain text."""
    escaped = html.escape(value, quote=False)
    return "".join("\\" + ch if ch in _MARKUP else ch for ch in escaped)


def md_attr(value: str) -> str:
    """Escape ``value`` for an HTML attribute inside raw HTML."""
    return html.escape(value, quote=True)


def rel(page: str, target: str) -> str:
    """Relative link from source page ``page`` to ``target`` (``path.md#anchor``)."""
    path, hash_, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return link + (f"#{anchor}" if hash_ else "")


class PagePath(str):
    """A source path (``exercises/fraud-detection.md``) that knows the site's URL style.

    Markdown links (``rel``) are resolved by MkDocs itself. Large generated
    blocks are emitted as plain HTML instead, which Markdown passes through
    untouched (that halves the cost of an exercise page); their links are
    computed here (``href``), so they need to know whether the build uses
    directory URLs (``foo/``) or file URLs (``foo.html``, the offline copy).
    """

    directory_urls: bool
    stash: "HtmlStash | None"

    def __new__(cls, path: str, directory_urls: bool = True, stash: "HtmlStash | None" = None) -> "PagePath":
        obj = super().__new__(cls, path)
        obj.directory_urls = directory_urls
        obj.stash = stash
        return obj


def html_block(page: str, html: str) -> str:
    """A finished HTML block: stashed past Markdown when the page has a stash, else inline."""
    stash = getattr(page, "stash", None)
    return stash.put(page, html) if stash is not None else html


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL, relative to the site root, that MkDocs gives the source page ``src``."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(page: str, target: str) -> str:
    """The relative URL from source page ``page`` to ``target`` (``path.md#anchor``), as MkDocs writes it."""
    directory_urls = getattr(page, "directory_urls", True)
    path, hash_, anchor = target.partition("#")
    fragment = f"#{anchor}" if hash_ else ""
    if not path:
        return fragment
    dest = page_url(path, directory_urls)
    here = page_url(page, directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    if base == "/":
        base = ""
    link = posixpath.relpath(dest or ".", base.rstrip("/") or ".")
    if dest == "" or dest.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link + fragment


def _labels(vocab) -> dict[str, str]:
    return {v.id: v.label for v in vocab}


def archive_url(url: str) -> str:
    return f"https://web.archive.org/web/{url}"


# --------------------------------------------------------------------------
# Checklists and the cheat sheet
# --------------------------------------------------------------------------


def stage_checklist(study: Study, stage_id: str, page: str, scope: str | None = None) -> str:
    """The checklist of one stage: one list item per item, each with its id and a link.

    ``scope`` names where ticks are remembered (``exercise:fraud-detection``,
    ``cheat-sheet``, ``chapter:data``); the practice scripts key saved
    progress by scope and item id, never by the item's wording.
    """
    return html_block(page, _checklist_html(study, stage_id, page, scope))


def _checklist_html(study: Study, stage_id: str, page: str, scope: str | None = None) -> str:
    stage = _stage(study, stage_id)
    scope = scope or f"chapter:{stage.id}"
    # On exercise pages the same 55 items repeat 27 times: keep them out of
    # the search index so a search lands on the chapter that teaches the item.
    exclude = " data-search-exclude" if scope.startswith("exercise:") else ""
    lines = [f'<ul class="checklist" data-stage="{md_attr(stage.id)}" data-scope="{md_attr(scope)}"{exclude}>']
    for item in stage.items:
        lines.append(
            f'<li class="checklist__item" id="{md_attr(item.id)}" data-item="{md_attr(item.id)}">'
            f'<a href="{md_attr(href(page, item.teaches))}">{md_attr(item.text)}</a>'
            f' <a class="headerlink" href="#{md_attr(item.id)}" title="Copy link">¶</a></li>'
        )
    lines.append("</ul>")
    return "\n".join(lines) + "\n"


def _stage(study: Study, stage_id: str) -> Stage:
    for stage in study.stages:
        if stage.id == stage_id:
            return stage
    known = ", ".join(s.id for s in study.stages)
    raise KeyError(f"unknown stage '{stage_id}' (known: {known})")


def _stage_heading(number: int, stage: Stage, level: str = "##") -> str:
    return f"{level} {number}. {md_text(stage.title)} {{ #{stage.id} }}"


def _stage_intro_html(stage: Stage, page: str) -> str:
    return (
        f"<p><strong>{stage.minutes} min</strong> · {md_attr(stage.purpose)} "
        f"{_a(page, stage.teaches, 'Study this stage')}</p>\n"
    )


def _time_plan_html(study: Study, page: str) -> str:
    rows = []
    clock = 0
    for number, stage in enumerate(study.stages, start=1):
        start, clock = clock, clock + stage.minutes
        rows.append(
            f"<tr><td>{_a(page, stage.teaches, f'{number}. {stage.title}')}</td>"
            f'<td style="text-align: right">{stage.minutes}</td><td>{start}–{clock}</td></tr>'
        )
    rows.append(f"<tr><td><strong>Total</strong></td><td style=\"text-align: right\"><strong>{study.interview_minutes}</strong></td><td></td></tr>")
    return (
        '<table>\n<thead><tr><th>Stage</th><th style="text-align: right">Minutes</th><th>Clock</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )


def time_plan(study: Study, page: str) -> str:
    """A table of stages with their minutes and the running clock, as one HTML block."""
    return html_block(page, _time_plan_html(study, page))


def cheat_sheet(study: Study, page: str) -> str:
    """Every stage with its time budget, purpose and checklist."""
    parts = [
        "## Time plan { #plan }\n",
        time_plan(study, page),
    ]
    for number, stage in enumerate(study.stages, start=1):
        parts += [
            _stage_heading(number, stage) + "\n",
            html_block(page, _stage_intro_html(stage, page) + _checklist_html(study, stage.id, page, "cheat-sheet")),
        ]
    return "\n".join(parts)


# --------------------------------------------------------------------------
# Exercises
# --------------------------------------------------------------------------


def _exercise(study: Study, exercise_id: str) -> Exercise:
    for ex in study.exercises:
        if ex.id == exercise_id:
            return ex
    raise KeyError(f"unknown exercise '{exercise_id}'")


def _case(study: Study, case_id: str) -> CaseStudy:
    for case in study.case_studies:
        if case.id == case_id:
            return case
    raise KeyError(f"unknown case study '{case_id}'")


TAG_KINDS = ("domain", "task", "difficulty")
TAG_KIND_LABELS = {"domain": "Domain", "task": "Task", "difficulty": "Difficulty"}


def tag_page(kind: str, tag_id: str) -> str:
    """Source path of the page listing the exercises with one tag."""
    return f"exercises/tags/{kind}-{tag_id}.md"


def _vocab(study: Study, kind: str):
    return {"domain": study.domains, "task": study.tasks, "difficulty": study.difficulties}[kind]


def _tag_values(ex: Exercise, kind: str) -> list[str]:
    value = getattr(ex.tags, kind)
    return value if isinstance(value, list) else [value]


def used_tags(study: Study) -> list[tuple[str, str]]:
    """Every (kind, tag id) that at least one exercise carries, in vocabulary order."""
    out = []
    for kind in TAG_KINDS:
        used = {v for ex in study.exercises for v in _tag_values(ex, kind)}
        out += [(kind, v.id) for v in _vocab(study, kind) if v.id in used]
    return out


def _tag_links_html(study: Study, ex: Exercise, kind: str, page: str) -> str:
    labels = _labels(_vocab(study, kind))
    return ", ".join(
        f'<a href="{md_attr(href(page, tag_page(kind, v)))}">{md_attr(labels[v])}</a>' for v in _tag_values(ex, kind)
    )


def exercise_tags_html(study: Study, ex: Exercise, page: str) -> str:
    return " · ".join(
        f"<strong>{TAG_KIND_LABELS[k]}:</strong> {_tag_links_html(study, ex, k, page)}" for k in TAG_KINDS
    )


def _filters(table_id: str, controls: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """Filter controls for a table; hidden until the filter script binds them."""
    lines = [f'<div class="filters" data-filter-for="{table_id}" hidden>']
    for key, label, options in controls:
        control = f"{table_id}-{key}"
        lines.append(f'<div class="filters__field"><label for="{control}">{md_attr(label)}</label>')
        lines.append(f'<select id="{control}" data-filter="{key}">')
        lines.append('<option value="">All</option>')
        lines += [f'<option value="{md_attr(v)}">{md_attr(text)}</option>' for v, text in options]
        lines.append("</select></div>")
    lines.append('<button type="button" class="md-button filters__reset" data-filter-reset>Clear filters</button>')
    lines.append('<p class="filters__count" role="status" aria-live="polite"></p>')
    lines.append("</div>")
    return "\n".join(lines)


def exercises_index(study: Study, page: str) -> str:
    """The exercises as a table that readers can filter by domain, task and difficulty."""
    used = used_tags(study)
    controls = [
        (kind, TAG_KIND_LABELS[kind], [(i, _labels(_vocab(study, kind))[i]) for k, i in used if k == kind])
        for kind in TAG_KINDS
    ]
    rows = []
    for ex in study.exercises:
        data = " ".join(f'data-{k}="{md_attr(" ".join(_tag_values(ex, k)))}"' for k in TAG_KINDS)
        cells = [f"<td>{ex.number}</td>",
                 f'<td><a href="{md_attr(href(page, exercise_page(ex.slug)))}">{md_attr(ex.title)}</a></td>']
        cells += [f"<td>{_tag_links_html(study, ex, k, page)}</td>" for k in TAG_KINDS]
        total = sum(len(s.items) for s in study.stages)
        cells.append(f'<td class="progress-cell" data-scope="exercise:{md_attr(ex.id)}" data-total="{total}">–</td>')
        rows.append(f'<tr data-exercise="{md_attr(ex.id)}" {data}>{"".join(cells)}</tr>')
    return html_block(page, "\n".join(
        [
            _filters("exercise-table", controls),
            "",
            '<table id="exercise-table" class="filterable">',
            "<thead><tr><th>#</th><th>Exercise</th><th>Domain</th><th>Task</th><th>Difficulty</th><th>Covered</th></tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    ) + "\n")


def tag_page_content(study: Study, kind: str, tag_id: str, page: str) -> str:
    """The page listing every exercise with one tag."""
    vocab = {v.id: v for v in _vocab(study, kind)}
    tag = vocab[tag_id]
    matching = [ex for ex in study.exercises if tag_id in _tag_values(ex, kind)]
    block = []
    if tag.description:
        block.append(f"<p>{md_attr(tag.description)}</p>")
    block.append(
        f"<p>{len(matching)} of the {len(study.exercises)} exercises. "
        f"{_a(page, 'exercises/index.md', 'All exercises, with filters')}</p>"
    )
    items = "".join(
        f"<li>{_a(page, exercise_page(ex.slug), f'{ex.number}. {ex.title}')}: {exercise_tags_html(study, ex, page)}</li>\n"
        for ex in matching
    )
    block.append(f"<ul>\n{items}</ul>\n")
    parts = [f"# {TAG_KIND_LABELS[kind]}: {md_text(tag.label)} {{ #tag }}\n", html_block(page, "\n".join(block))]
    others = [(k, i) for k, i in used_tags(study) if k == kind and i != tag_id]
    if others:
        labels = _labels(_vocab(study, kind))
        parts.append(f"## Other {TAG_KIND_LABELS[kind].lower()} tags {{ #other-tags }}\n")
        links = " · ".join(_a(page, tag_page(k, i), labels[i]) for k, i in others)
        parts.append(html_block(page, f"<p>{links}</p>\n"))
    return "\n".join(parts)


def framework_diagram(study: Study, page: str) -> str:
    """The seven stages as a row of linked boxes with their minutes."""
    items = [
        f'<li class="framework-flow__stage" markdown>[**{n}. {md_text(s.title)}**  \n{s.minutes} min]({rel(page, s.teaches)})</li>'
        for n, s in enumerate(study.stages, start=1)
    ]
    return "\n".join(['<ol class="framework-flow" aria-label="The framework, in interview order" markdown>', *items, "</ol>"]) + "\n"


def practice_data(study: Study, ex: Exercise) -> str:
    """The exercise as JSON for the practice scripts (timer plan, Markdown export).

    It sits in an attribute rather than a <script type="application/json">:
    were instant navigation turned on again, Material would re-run the page's
    scripts without their type and execute the JSON as JavaScript.
    """
    data = {
        "id": ex.id,
        "title": f"{ex.number}. {ex.title}",
        "prompt": " ".join(ex.prompt.split()),
        "stages": [
            {
                "id": s.id,
                "title": f"{n}. {s.title}",
                "minutes": s.minutes,
                "items": [{"id": i.id, "text": i.text} for i in s.items],
            }
            for n, s in enumerate(study.stages, start=1)
        ],
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<div class="practice-data" hidden data-json="{md_attr(payload)}"></div>\n'


def _section_title(ref: str, titles: dict[str, str] | None) -> str:
    """Link text for a chapter section: its heading, or its anchor in words."""
    if titles and ref in titles:
        return titles[ref]
    return ref.partition("#")[2].replace("-", " ").capitalize()


def _a(page: str, target: str, text: str) -> str:
    return f'<a href="{md_attr(href(page, target))}">{md_attr(text)}</a>'


def _paragraphs(text: str) -> str:
    """Plain text with blank-line paragraphs, as escaped HTML paragraphs."""
    paras = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{md_attr(p)}</p>\n" for p in paras)


def _details(kind: str, summary: str, body_html: str) -> str:
    """A folded block, as pymdownx.details writes ``??? kind "summary"``."""
    return f'<details class="{kind}">\n<summary>{md_attr(summary)}</summary>\n{body_html}</details>\n'


def answer_template(study: Study, exercise_id: str, page: str, titles: dict[str, str] | None = None) -> str:
    """The top of an exercise page: prompt, clarifying questions, the plan, every stage, hints.

    The worked answer (prose in the page itself) follows it, then ``exercise_footer``.
    Headings stay Markdown (for the table of contents and permalinks); the
    blocks between them are finished HTML.
    """
    ex = _exercise(study, exercise_id)
    parts = [
        f"# {ex.number}. {md_text(ex.title)} {{ #exercise }}\n",
        html_block(
            page,
            f"<p>{exercise_tags_html(study, ex, page)}</p>\n"
            '<div class="admonition question">\n<p class="admonition-title">The prompt</p>\n'
            f"{_paragraphs(ex.prompt)}</div>\n",
        ),
    ]
    if ex.clarifying_questions:
        items = "".join(
            f"<li><strong>{md_attr(q.question)}</strong><br>\n<em>If you decide:</em> {md_attr(q.assume)}</li>\n"
            for q in ex.clarifying_questions
        )
        parts += [
            "## Clarifying questions { #clarifying-questions }\n",
            html_block(
                page,
                "<p>Write your own questions first, then compare.</p>\n"
                + _details("question", "Questions worth asking, with the assumption to state if told 'you decide'",
                           f"<ol>\n{items}</ol>\n"),
            ),
        ]
    parts += [
        f"## Your {study.interview_minutes}-minute plan {{ #plan }}\n",
        html_block(
            page,
            "<p>Work through the stages in order. Each item links to the section that teaches it; "
            "the minutes are a budget, not a rule.</p>\n"
            + _time_plan_html(study, page)
            + f'<div class="mock-timer" data-exercise="{md_attr(ex.id)}"></div>\n'
            f'<div class="practice-actions" data-exercise="{md_attr(ex.id)}"></div>\n' + practice_data(study, ex),
        ),
    ]
    for number, stage in enumerate(study.stages, start=1):
        block = [
            _stage_intro_html(stage, page),
            _checklist_html(study, stage.id, page, f"exercise:{ex.id}"),
            f'<div class="stage-notes" data-exercise="{md_attr(ex.id)}" data-stage="{md_attr(stage.id)}"></div>\n',
        ]
        prompts = ex.prompts.get(stage.id, [])
        if prompts:
            items = "".join(f"<li>{md_attr(p)}</li>" for p in prompts)
            block.append(f'<p><strong>For this exercise:</strong></p>\n<ul class="stage-prompts">{items}</ul>\n')
        leans = ex.leans_on.get(stage.id, [])
        if leans:
            links = ", ".join(_a(page, ref, _section_title(ref, titles)) for ref in leans)
            block.append(f'<p class="review-first"><strong>Review first:</strong> {links}</p>\n')
        parts += [_stage_heading(number, stage) + "\n", html_block(page, "".join(block))]
    if ex.hints:
        hints = "".join(_details("tip", f"Hint {n}", f"<p>{md_attr(h)}</p>\n") for n, h in enumerate(ex.hints, start=1))
        parts += [
            "## Hints { #hints }\n",
            html_block(page, "<p>Stuck? Open one hint at a time; they go from gentle to revealing.</p>\n" + hints),
        ]
    return "\n".join(parts)


RATINGS = (("missed", "Missed"), ("partial", "Partly covered"), ("covered", "Covered"))


def self_grade(study: Study, ex: Exercise, page: str = "") -> str:
    """One group of three radio buttons per stage; the practice scripts store the choice."""
    lines = [
        "<p>After reading the worked answer, rate how well your own answer covered each stage. "
        f"Ratings stay in this browser and feed the weakest stages on {_a(page, 'practice/index.md', 'your progress page')}.</p>",
        f'<form class="self-grade" data-exercise="{md_attr(ex.id)}">',
    ]
    for number, stage in enumerate(study.stages, start=1):
        name = f"grade-{ex.id}-{stage.id}"
        lines.append(f'<fieldset data-stage="{md_attr(stage.id)}"><legend>{number}. {md_attr(stage.title)}</legend>')
        for value, label in RATINGS:
            lines.append(f'<label><input type="radio" name="{name}" value="{value}"> {label}</label>')
        lines.append("</fieldset>")
    lines.append("</form>\n")
    return "## Rate your attempt { #self-grade }\n\n" + html_block(page, "\n".join(lines))


def weak_stages(study: Study, page: str) -> str:
    """Every stage with a link to its chapter; the practice scripts rank them by the reader's ratings."""
    items = "\n".join(
        f'<li data-stage="{md_attr(s.id)}" markdown>[{n}. {md_text(s.title)}]({rel(page, s.teaches)})'
        ' <span class="weak-stages__score"></span></li>'
        for n, s in enumerate(study.stages, start=1)
    )
    return f'<ol class="weak-stages" markdown>\n{items}\n</ol>\n'


def flashcards(cards, page: str) -> str:
    """The whole deck as a definition list; the review script shows it one card at a time."""
    rows = "\n".join(
        f'<div class="flashcard" data-card="{md_attr(c.id)}"><dt>{md_attr(c.front)}</dt><dd>{md_attr(c.back)}</dd></div>'
        for c in cards
    )
    return html_block(
        page, f'<div class="flashcard-review" hidden></div>\n<dl class="flashcard-deck" data-count="{len(cards)}">\n{rows}\n</dl>\n'
    )


def exercise_footer(study: Study, exercise_id: str, page: str) -> str:
    """The end of an exercise page: self-grading, follow-up questions, related case studies, previous and next."""
    ex = _exercise(study, exercise_id)
    index = study.exercises.index(ex)
    parts = [self_grade(study, ex, page)]
    if ex.follow_ups:
        folds = "".join(_details("question", fu.question, f"<p>{md_attr(fu.answer)}</p>\n") for fu in ex.follow_ups)
        parts += [
            "## Follow-up questions { #follow-ups }\n",
            html_block(page, "<p>What an interviewer might ask next. Answer aloud before opening each one.</p>\n" + folds),
        ]
    parts.append("## Related case studies { #related }\n")
    if ex.case_studies:
        items = "".join(
            f"<li>{_a(page, case_study_page(c), _case(study, c).title)} "
            f"({md_attr(_case(study, c).organisation)}, {_case(study, c).year})</li>\n"
            for c in ex.case_studies
        )
        parts.append(html_block(page, f"<ul>\n{items}</ul>\n"))
    else:
        parts.append(html_block(
            page,
            "<p>None of the case studies maps closely to this exercise; browse "
            f"{_a(page, 'case-studies/index.md', 'all case studies')}.</p>\n",
        ))
    nav = []
    if index > 0:
        prev = study.exercises[index - 1]
        nav.append(f"← Previous: {_a(page, exercise_page(prev.slug), f'{prev.number}. {prev.title}')}")
    nav.append(_a(page, "exercises/index.md", "All exercises"))
    if index + 1 < len(study.exercises):
        nxt = study.exercises[index + 1]
        nav.append(f"Next: {_a(page, exercise_page(nxt.slug), f'{nxt.number}. {nxt.title}')} →")
    parts.append("## More practice { #navigation }\n")
    parts.append(html_block(page, f"<p>{' · '.join(nav)}</p>\n"))
    return "\n".join(parts)


def difficulty_scale(study: Study) -> str:
    """The 3-level difficulty scale as a definition list."""
    return "\n".join(f"- **{md_text(d.label)}**: {md_text(d.description or '')}" for d in study.difficulties) + "\n"


# --------------------------------------------------------------------------
# Case studies
# --------------------------------------------------------------------------


def _stage_links(study: Study, stage_ids: list[str], page: str) -> str:
    numbers = {s.id: n for n, s in enumerate(study.stages, start=1)}
    return ", ".join(
        f"[{numbers[s]}. {md_text(_stage(study, s).title)}]({rel(page, _stage(study, s).teaches)})" for s in stage_ids
    )


def _slug(text: str) -> str:
    return "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())


def case_studies_index(study: Study, page: str) -> str:
    """The case studies as a table that readers can filter by stage, domain and organisation."""
    domains = _labels(study.domains)
    organisations = sorted({c.organisation for c in study.case_studies})
    used_domains = [d for d in study.domains if any(c.domain == d.id for c in study.case_studies)]
    controls = [
        ("stage", "Stage", [(s.id, f"{n}. {s.title}") for n, s in enumerate(study.stages, start=1)]),
        ("domain", "Domain", [(d.id, d.label) for d in used_domains]),
        ("organisation", "Organisation", [(_slug(o), o) for o in organisations]),
    ]
    rows = []
    for case in study.case_studies:
        data = (
            f'data-stage="{md_attr(" ".join(case.stages))}" data-domain="{md_attr(case.domain)}" '
            f'data-organisation="{md_attr(_slug(case.organisation))}"'
        )
        cells = [
            f'<td markdown>[{md_text(case.title)}]({rel(page, case_study_page(case.id))})</td>',
            f"<td>{md_attr(case.organisation)}</td>",
            f"<td>{case.year}</td>",
            f"<td>{md_attr(domains[case.domain])}</td>",
            f"<td markdown>{_stage_links(study, case.stages, page)}</td>",
        ]
        rows.append(f'<tr data-case-study="{md_attr(case.id)}" {data} markdown>{"".join(cells)}</tr>')
    return "\n".join(
        [
            _filters("case-study-table", controls),
            "",
            '<table id="case-study-table" class="filterable" markdown>',
            "<thead><tr><th>Case study</th><th>Organisation</th><th>Year</th><th>Domain</th><th>Stages it illustrates</th></tr></thead>",
            "<tbody markdown>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    ) + "\n"


def case_study_facts(study: Study, case_id: str, page: str) -> str:
    """The facts box at the top of a case-study page."""
    case = _case(study, case_id)
    related = [ex for ex in study.exercises if case.id in ex.case_studies]
    lines = [
        '!!! abstract "At a glance"\n',
        f"    - **Article:** [{md_text(case.title)}]({case.url}) ({md_text(case.author)}, {case.year})",
        f"    - **Archived copy:** [web.archive.org]({archive_url(case.url)})",
        f"    - **Organisation:** {md_text(case.organisation)}",
        f"    - **Stages it illustrates:** {_stage_links(study, case.stages, page)}",
    ]
    if related:
        links = ", ".join(f"[{ex.number}. {md_text(ex.title)}]({rel(page, exercise_page(ex.slug))})" for ex in related)
        lines.append(f"    - **Practise with:** {links}")
    checked = case.last_checked.isoformat() if case.last_checked else "not yet checked"
    lines.append(f"    - **Links last checked:** {checked}")
    return "\n".join(lines) + "\n"
