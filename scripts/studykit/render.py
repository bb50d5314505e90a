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
    stage = _stage(study, stage_id)
    scope = scope or f"chapter:{stage.id}"
    lines = [f'<ul class="checklist" data-stage="{md_attr(stage.id)}" data-scope="{md_attr(scope)}" markdown>']
    for item in stage.items:
        lines.append(
            f'<li class="checklist__item" id="{md_attr(item.id)}" data-item="{md_attr(item.id)}" markdown>'
            f"[{md_text(item.text)}]({rel(page, item.teaches)})"
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


def _stage_intro(stage: Stage, page: str) -> str:
    return (
        f"**{stage.minutes} min** · {md_text(stage.purpose)} "
        f"[Study this stage]({rel(page, stage.teaches)})\n"
    )


def time_plan(study: Study, page: str) -> str:
    """A table of stages with their minutes and the running clock."""
    rows = ["| Stage | Minutes | Clock |", "|---|---:|---|"]
    clock = 0
    for number, stage in enumerate(study.stages, start=1):
        start, clock = clock, clock + stage.minutes
        rows.append(
            f"| [{number}. {md_text(stage.title)}]({rel(page, stage.teaches)}) | {stage.minutes} | {start}–{clock} |"
        )
    rows.append(f"| **Total** | **{study.interview_minutes}** | |")
    return "\n".join(rows) + "\n"


def cheat_sheet(study: Study, page: str) -> str:
    """Every stage with its time budget, purpose and checklist."""
    parts = [
        "## Time plan { #plan }\n",
        time_plan(study, page),
    ]
    for number, stage in enumerate(study.stages, start=1):
        parts += [
            _stage_heading(number, stage) + "\n",
            _stage_intro(stage, page),
            stage_checklist(study, stage.id, page, "cheat-sheet"),
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


def _tag_links(study: Study, ex: Exercise, kind: str, page: str) -> str:
    labels = _labels(_vocab(study, kind))
    return ", ".join(f"[{md_text(labels[v])}]({rel(page, tag_page(kind, v))})" for v in _tag_values(ex, kind))


def exercise_tags(study: Study, ex: Exercise, page: str) -> str:
    return " · ".join(f"**{TAG_KIND_LABELS[k]}:** {_tag_links(study, ex, k, page)}" for k in TAG_KINDS)


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
        cells = [f"<td>{ex.number}</td>", f'<td markdown>[{md_text(ex.title)}]({rel(page, exercise_page(ex.slug))})</td>']
        cells += [f"<td markdown>{_tag_links(study, ex, k, page)}</td>" for k in TAG_KINDS]
        total = sum(len(s.items) for s in study.stages)
        cells.append(f'<td class="progress-cell" data-scope="exercise:{md_attr(ex.id)}" data-total="{total}">–</td>')
        rows.append(f'<tr data-exercise="{md_attr(ex.id)}" {data} markdown>{"".join(cells)}</tr>')
    return "\n".join(
        [
            _filters("exercise-table", controls),
            "",
            '<table id="exercise-table" class="filterable" markdown>',
            "<thead><tr><th>#</th><th>Exercise</th><th>Domain</th><th>Task</th><th>Difficulty</th><th>Covered</th></tr></thead>",
            "<tbody markdown>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    ) + "\n"


def tag_page_content(study: Study, kind: str, tag_id: str, page: str) -> str:
    """The page listing every exercise with one tag."""
    vocab = {v.id: v for v in _vocab(study, kind)}
    tag = vocab[tag_id]
    matching = [ex for ex in study.exercises if tag_id in _tag_values(ex, kind)]
    parts = [f"# {TAG_KIND_LABELS[kind]}: {md_text(tag.label)} {{ #tag }}\n"]
    if tag.description:
        parts.append(md_text(tag.description) + "\n")
    parts.append(
        f"{len(matching)} of the {len(study.exercises)} exercises. "
        f"[All exercises, with filters]({rel(page, 'exercises/index.md')})\n"
    )
    parts.append(
        "\n".join(
            f"- [{ex.number}. {md_text(ex.title)}]({rel(page, exercise_page(ex.slug))}): {exercise_tags(study, ex, page)}"
            for ex in matching
        )
        + "\n"
    )
    others = [(k, i) for k, i in used_tags(study) if k == kind and i != tag_id]
    if others:
        labels = _labels(_vocab(study, kind))
        parts.append(f"## Other {TAG_KIND_LABELS[kind].lower()} tags {{ #other-tags }}\n")
        parts.append(" · ".join(f"[{md_text(labels[i])}]({rel(page, tag_page(k, i))})" for k, i in others) + "\n")
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
    Material re-runs the scripts of a page after instant navigation and drops
    their type, which would execute the JSON as JavaScript.
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


def _indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def answer_template(study: Study, exercise_id: str, page: str, titles: dict[str, str] | None = None) -> str:
    """The top of an exercise page: prompt, clarifying questions, the plan, every stage, hints.

    The worked answer (prose in the page itself) follows it, then ``exercise_footer``.
    """
    ex = _exercise(study, exercise_id)
    prompt = "\n".join("    " + md_text(line) if line.strip() else "" for line in ex.prompt.splitlines())
    parts = [
        f"# {ex.number}. {md_text(ex.title)} {{ #exercise }}\n",
        exercise_tags(study, ex, page) + "\n",
        f'!!! question "The prompt"\n\n{prompt}\n',
    ]
    if ex.clarifying_questions:
        items = "\n".join(
            f"1. **{md_text(q.question)}**  \n   *If you decide:* {md_text(q.assume)}" for q in ex.clarifying_questions
        )
        parts += [
            "## Clarifying questions { #clarifying-questions }\n",
            "Write your own questions first, then compare.\n",
            f'??? question "Questions worth asking, with the assumption to state if told \'you decide\'"\n\n{_indent(items)}\n',
        ]
    parts += [
        f"## Your {study.interview_minutes}-minute plan {{ #plan }}\n",
        "Work through the stages in order. Each item links to the section that teaches it; "
        "the minutes are a budget, not a rule.\n",
        time_plan(study, page),
        f'<div class="mock-timer" data-exercise="{md_attr(ex.id)}"></div>\n',
        f'<div class="practice-actions" data-exercise="{md_attr(ex.id)}"></div>\n',
        practice_data(study, ex),
    ]
    for number, stage in enumerate(study.stages, start=1):
        parts += [
            _stage_heading(number, stage) + "\n",
            _stage_intro(stage, page),
            stage_checklist(study, stage.id, page, f"exercise:{ex.id}"),
            f'<div class="stage-notes" data-exercise="{md_attr(ex.id)}" data-stage="{md_attr(stage.id)}"></div>\n',
        ]
        prompts = ex.prompts.get(stage.id, [])
        if prompts:
            parts.append("**For this exercise:**\n")
            parts.append("\n".join(f"- {md_text(p)}" for p in prompts) + "\n")
        leans = ex.leans_on.get(stage.id, [])
        if leans:
            links = ", ".join(f"[{md_text(_section_title(ref, titles))}]({rel(page, ref)})" for ref in leans)
            parts.append(f"**Review first:** {links}\n")
    if ex.hints:
        parts.append("## Hints { #hints }\n")
        parts.append("Stuck? Open one hint at a time; they go from gentle to revealing.\n")
        for number, hint in enumerate(ex.hints, start=1):
            parts.append(f'??? tip "Hint {number}"\n\n    {md_text(hint)}\n')
    return "\n".join(parts)


RATINGS = (("missed", "Missed"), ("partial", "Partly covered"), ("covered", "Covered"))


def self_grade(study: Study, ex: Exercise) -> str:
    """One group of three radio buttons per stage; the practice scripts store the choice."""
    lines = [
        "## Rate your attempt { #self-grade }\n",
        "After reading the worked answer, rate how well your own answer covered each stage. "
        "Ratings stay in this browser and feed the weakest stages on [your progress page](../practice/index.md).\n",
        f'<form class="self-grade" data-exercise="{md_attr(ex.id)}">',
    ]
    for number, stage in enumerate(study.stages, start=1):
        name = f"grade-{ex.id}-{stage.id}"
        lines.append(f'<fieldset data-stage="{md_attr(stage.id)}"><legend>{number}. {md_attr(stage.title)}</legend>')
        for value, label in RATINGS:
            lines.append(f'<label><input type="radio" name="{name}" value="{value}"> {label}</label>')
        lines.append("</fieldset>")
    lines.append("</form>\n")
    return "\n".join(lines)


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
    return f'<div class="flashcard-review" hidden></div>\n\n<dl class="flashcard-deck" data-count="{len(cards)}">\n{rows}\n</dl>\n'


def exercise_footer(study: Study, exercise_id: str, page: str) -> str:
    """The end of an exercise page: self-grading, follow-up questions, related case studies, previous and next."""
    ex = _exercise(study, exercise_id)
    index = study.exercises.index(ex)
    parts = [self_grade(study, ex)]
    if ex.follow_ups:
        parts.append("## Follow-up questions { #follow-ups }\n")
        parts.append("What an interviewer might ask next. Answer aloud before opening each one.\n")
        for fu in ex.follow_ups:
            parts.append(f'??? question "{md_text(fu.question)}"\n\n    {md_text(fu.answer)}\n')
    parts.append("## Related case studies { #related }\n")
    if ex.case_studies:
        parts.append(
            "\n".join(
                f"- [{md_text(_case(study, c).title)}]({rel(page, case_study_page(c))}) "
                f"({md_text(_case(study, c).organisation)}, {_case(study, c).year})"
                for c in ex.case_studies
            )
            + "\n"
        )
    else:
        parts.append(
            "None of the case studies maps closely to this exercise; browse "
            f"[all case studies]({rel(page, 'case-studies/index.md')}).\n"
        )
    nav = []
    if index > 0:
        prev = study.exercises[index - 1]
        nav.append(f"← Previous: [{prev.number}. {md_text(prev.title)}]({rel(page, exercise_page(prev.slug))})")
    nav.append(f"[All exercises]({rel(page, 'exercises/index.md')})")
    if index + 1 < len(study.exercises):
        nxt = study.exercises[index + 1]
        nav.append(f"Next: [{nxt.number}. {md_text(nxt.title)}]({rel(page, exercise_page(nxt.slug))}) →")
    parts.append("## More practice { #navigation }\n")
    parts.append(" · ".join(nav) + "\n")
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
