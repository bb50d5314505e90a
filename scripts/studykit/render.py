"""Render Markdown from the validated data.

Every function returns a Markdown string for the page whose source path
(relative to ``docs/``) is ``page``; links are relative ``.md`` links so that
MkDocs validates each one. Text that comes from the data file goes through
``md_text`` so it is shown literally and can never inject HTML or Markdown.
"""

from __future__ import annotations

import html
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


def stage_checklist(study: Study, stage_id: str, page: str) -> str:
    """The checklist of one stage: one list item per item, each with its id and a link."""
    stage = _stage(study, stage_id)
    lines = [f'<ul class="checklist" data-stage="{md_attr(stage.id)}" markdown>']
    for item in stage.items:
        lines.append(
            f'<li class="checklist__item" id="{md_attr(item.id)}" data-item="{md_attr(item.id)}" markdown>'
            f"[{md_text(item.text)}]({rel(page, item.teaches)})</li>"
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
        parts += [_stage_heading(number, stage) + "\n", _stage_intro(stage, page), stage_checklist(study, stage.id, page)]
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


def exercise_tags(study: Study, ex: Exercise) -> str:
    domains, tasks, levels = _labels(study.domains), _labels(study.tasks), _labels(study.difficulties)
    return (
        f"**Domain:** {', '.join(md_text(domains[d]) for d in ex.tags.domain)} · "
        f"**Task:** {', '.join(md_text(tasks[t]) for t in ex.tags.task)} · "
        f"**Difficulty:** {md_text(levels[ex.tags.difficulty])}"
    )


def _indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def answer_template(study: Study, exercise_id: str, page: str) -> str:
    """The top of an exercise page: prompt, clarifying questions, the plan, every stage, hints.

    The worked answer (prose in the page itself) follows it, then ``exercise_footer``.
    """
    ex = _exercise(study, exercise_id)
    prompt = "\n".join("    " + md_text(line) if line.strip() else "" for line in ex.prompt.splitlines())
    parts = [
        f"# {ex.number}. {md_text(ex.title)} {{ #exercise }}\n",
        exercise_tags(study, ex) + "\n",
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
    ]
    for number, stage in enumerate(study.stages, start=1):
        parts += [_stage_heading(number, stage) + "\n", _stage_intro(stage, page), stage_checklist(study, stage.id, page)]
        prompts = ex.prompts.get(stage.id, [])
        if prompts:
            parts.append("**For this exercise:**\n")
            parts.append("\n".join(f"- {md_text(p)}" for p in prompts) + "\n")
    if ex.hints:
        parts.append("## Hints { #hints }\n")
        parts.append("Stuck? Open one hint at a time; they go from gentle to revealing.\n")
        for number, hint in enumerate(ex.hints, start=1):
            parts.append(f'??? tip "Hint {number}"\n\n    {md_text(hint)}\n')
    return "\n".join(parts)


def exercise_footer(study: Study, exercise_id: str, page: str) -> str:
    """The end of an exercise page: follow-up questions, related case studies, previous and next."""
    ex = _exercise(study, exercise_id)
    index = study.exercises.index(ex)
    parts = []
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


def exercises_index(study: Study, page: str) -> str:
    """A table of all exercises with their tags."""
    domains, tasks, levels = _labels(study.domains), _labels(study.tasks), _labels(study.difficulties)
    rows = ["| # | Exercise | Domain | Task | Difficulty |", "|---:|---|---|---|---|"]
    for ex in study.exercises:
        rows.append(
            f"| {ex.number} | [{md_text(ex.title)}]({rel(page, exercise_page(ex.slug))}) "
            f"| {', '.join(md_text(domains[d]) for d in ex.tags.domain)} "
            f"| {', '.join(md_text(tasks[t]) for t in ex.tags.task)} "
            f"| {md_text(levels[ex.tags.difficulty])} |"
        )
    return "\n".join(rows) + "\n"


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


def case_studies_index(study: Study, page: str) -> str:
    """A table of all case studies with organisation, year and stages."""
    domains = _labels(study.domains)
    rows = ["| Case study | Organisation | Year | Domain | Stages it illustrates |", "|---|---|---:|---|---|"]
    for case in study.case_studies:
        rows.append(
            f"| [{md_text(case.title)}]({rel(page, case_study_page(case.id))}) | {md_text(case.organisation)} "
            f"| {case.year} | {md_text(domains[case.domain])} | {_stage_links(study, case.stages, page)} |"
        )
    return "\n".join(rows) + "\n"


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
    if case.last_checked:
        lines.append(f"    - **Links last checked:** {case.last_checked.isoformat()}")
    return "\n".join(lines) + "\n"
