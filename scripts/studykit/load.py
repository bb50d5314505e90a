"""Load and validate the shared data file.

``load_study`` reads YAML, checks it against the schema and then checks every
cross-reference. Any problem raises ``DataError``, whose message names the
file, the entry and the field, one problem per line. Nothing here imports
MkDocs, so it can be tested and reused on its own.
"""

from __future__ import annotations

import os
import pathlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import yaml
from pydantic import ValidationError

from .schema import Study

# Heading ids that the answer-template page uses for itself. A stage id equal
# to one of these would give a page two elements with the same id.
RESERVED_IDS = frozenset(
    {"exercise", "prompt", "plan", "related", "navigation", "checklist", "reference-answer", "hints", "follow-ups"}
)

# Singular names for the top-level lists, used in messages.
SECTION_NAMES = {
    "difficulties": "difficulty",
    "domains": "domain",
    "tasks": "task",
    "stages": "stage",
    "exercises": "exercise",
    "case_studies": "case study",
}


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: field '{self.field}': {self.message}"


class DataError(Exception):
    """The data file is invalid. ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------


# libyaml's parser when PyYAML was built with it (about 10 times faster).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses a key given twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {key_node.start_mark.line + 1})", key_node.start_mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: pathlib.Path, display: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Problem(display, "file", "-", f"cannot be read: {exc.strerror}")]) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError([Problem(display, where, "-", f"is not valid YAML: {problem}")]) from None


# --------------------------------------------------------------------------
# Schema errors, translated into file / entry / field
# --------------------------------------------------------------------------


def _entry_label(raw: Any, loc: tuple) -> tuple[str, tuple]:
    """Turn a pydantic location into ('exercise 'fraud'', remaining-loc)."""
    if len(loc) >= 2 and loc[0] in SECTION_NAMES and isinstance(loc[1], int):
        section, index = loc[0], loc[1]
        name = SECTION_NAMES[section]
        entry = raw.get(section)[index] if isinstance(raw, dict) and isinstance(raw.get(section), list) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        rest = loc[2:]
        label = f"{name} '{ident}'" if isinstance(ident, str) else f"{section}[{index}]"
        # Checklist items live inside stages: name the item too.
        if section == "stages" and len(rest) >= 2 and rest[0] == "items" and isinstance(rest[1], int):
            items = entry.get("items") if isinstance(entry, dict) else None
            item = items[rest[1]] if isinstance(items, list) and rest[1] < len(items) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            label += f", item '{item_id}'" if isinstance(item_id, str) else f", items[{rest[1]}]"
            rest = rest[2:]
        return label, rest
    return "top level", loc


def _field_name(loc: tuple) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in loc]
    return ".".join(parts).replace(".[", "[") or "-"


def _describe(error: dict) -> tuple[str, str]:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        return _field_name(loc), "unknown field (check the spelling; allowed fields are listed in scripts/studykit/schema.py)"
    if kind == "missing":
        return _field_name(loc), "missing required field"
    value = error.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return _field_name(loc), f"{error['msg']} (got {shown})"


def _schema_problems(raw: Any, display: str, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        entry, rest = _entry_label(raw, tuple(error["loc"]))
        field, message = _describe({**error, "loc": rest})
        problems.append(Problem(display, entry, field, message))
    return problems


# --------------------------------------------------------------------------
# Cross-references
# --------------------------------------------------------------------------


def _duplicates(values: Iterable[Any]) -> set[Any]:
    return {v for v, n in Counter(values).items() if n > 1}


def _reference_problems(study: Study, display: str) -> list[Problem]:
    out: list[Problem] = []

    def add(entry: str, field: str, message: str) -> None:
        out.append(Problem(display, entry, field, message))

    for section in ("difficulties", "domains", "tasks", "stages", "exercises", "case_studies"):
        for dup in sorted(_duplicates(e.id for e in getattr(study, section))):
            add(f"{SECTION_NAMES[section]} '{dup}'", "id", "duplicate id: every entry needs its own")
    for dup in sorted(_duplicates(e.slug for e in study.exercises)):
        add(f"exercise with slug '{dup}'", "slug", "duplicate slug: two exercises would share one page")

    domains = {d.id for d in study.domains}
    tasks = {t.id for t in study.tasks}
    levels = {d.id for d in study.difficulties}
    stages = {s.id for s in study.stages}
    cases = {c.id for c in study.case_studies}

    item_ids = [i.id for s in study.stages for i in s.items]
    for dup in sorted(_duplicates(item_ids)):
        stage = next(s.id for s in study.stages if any(i.id == dup for i in s.items))
        add(f"stage '{stage}', item '{dup}'", "id", "duplicate item id: item ids must be unique across all stages")

    for stage in study.stages:
        if stage.id in RESERVED_IDS:
            add(f"stage '{stage.id}'", "id", f"'{stage.id}' is reserved for the answer-template page; choose another id")
        for item in stage.items:
            if not item.id.startswith(stage.id + "-"):
                add(
                    f"stage '{stage.id}', item '{item.id}'",
                    "id",
                    f"item ids start with their stage id, e.g. '{stage.id}-{item.id}'",
                )
    total = sum(s.minutes for s in study.stages)
    if total != study.interview_minutes:
        add("stages", "minutes", f"stage minutes add up to {total}, but interview_minutes is {study.interview_minutes}")

    for position, ex in enumerate(study.exercises, start=1):
        entry = f"exercise '{ex.id}'"
        if ex.number != position:
            add(entry, "number", f"exercises are listed in order, so this one should be number {position}, not {ex.number}")
        for value in ex.tags.domain:
            if value not in domains:
                add(entry, "tags.domain", f"unknown domain '{value}' (known: {', '.join(sorted(domains))})")
        for value in ex.tags.task:
            if value not in tasks:
                add(entry, "tags.task", f"unknown task '{value}' (known: {', '.join(sorted(tasks))})")
        if ex.tags.difficulty not in levels:
            add(entry, "tags.difficulty", f"unknown difficulty '{ex.tags.difficulty}' (known: {', '.join(sorted(levels))})")
        for value in ex.case_studies:
            if value not in cases:
                add(entry, "case_studies", f"unknown case study '{value}'")
        for dup in sorted(_duplicates(ex.case_studies)):
            add(entry, "case_studies", f"case study '{dup}' is listed twice")
        for key in ex.prompts:
            if key not in stages:
                add(entry, f"prompts.{key}", f"unknown stage '{key}' (known: {', '.join(s.id for s in study.stages)})")
        for key in ex.leans_on:
            if key not in stages:
                add(entry, f"leans_on.{key}", f"unknown stage '{key}' (known: {', '.join(s.id for s in study.stages)})")
        for stage in study.stages:
            if stage.id in stages and len(ex.prompts.get(stage.id, [])) < 2:
                add(entry, f"prompts.{stage.id}", "needs at least 2 exercise-specific prompts for every stage")
            if not ex.leans_on.get(stage.id):
                add(entry, f"leans_on.{stage.id}", "needs at least one chapter section for every stage")

    for case in study.case_studies:
        entry = f"case study '{case.id}'"
        if case.domain not in domains:
            add(entry, "domain", f"unknown domain '{case.domain}'")
        for value in case.stages:
            if value not in stages:
                add(entry, "stages", f"unknown stage '{value}' (known: {', '.join(s.id for s in study.stages)})")
    return out


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def parse_study(raw: Any, display: str) -> Study:
    """Validate an already-parsed YAML document."""
    if not isinstance(raw, dict):
        raise DataError([Problem(display, "top level", "-", f"must be a mapping, got {type(raw).__name__}")])
    try:
        study = Study.model_validate(raw)
    except ValidationError as exc:
        raise DataError(_schema_problems(raw, display, exc)) from None
    problems = _reference_problems(study, display)
    if problems:
        raise DataError(problems)
    return study


def load_study(path: os.PathLike | str, display: str | None = None) -> Study:
    """Read, validate and cross-check the data file at ``path``."""
    path = pathlib.Path(path)
    display = display or path.as_posix()
    return parse_study(_read_yaml(path, display), display)


_cache: dict[tuple, Study] = {}


def load_study_cached(path: os.PathLike | str, display: str | None = None) -> Study:
    """``load_study`` parsed once per file version.

    MkDocs calls the macros module and the hooks separately on each build;
    both come here, so the file is parsed once. The key includes the file's
    modification time and size, so ``mkdocs serve`` picks up edits.
    """
    path = pathlib.Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_study(path, display)
    return _cache[key]


def _split(ref: str) -> tuple[str, str]:
    page, _, anchor = ref.partition("#")
    return page, anchor


def exercise_page(slug: str) -> str:
    return f"exercises/{slug}.md"


def case_study_page(case_id: str) -> str:
    return f"case-studies/{case_id}.md"


def _references(study: Study) -> Iterable[tuple[str, str, str]]:
    """Every (entry, field, page#anchor) that must resolve."""
    for stage in study.stages:
        yield f"stage '{stage.id}'", "teaches", stage.teaches
        for item in stage.items:
            yield f"stage '{stage.id}', item '{item.id}'", "teaches", item.teaches
    for ex in study.exercises:
        for stage_id, refs in ex.leans_on.items():
            for ref in refs:
                yield f"exercise '{ex.id}'", f"leans_on.{stage_id}", ref


def check_pages(study: Study, pages: Iterable[str], display: str) -> None:
    """Every page the data names exists, and no exercise page lacks data.

    ``pages`` is the set of Markdown source paths (relative to ``docs/``).
    """
    pages = set(pages)
    problems = []
    for entry, field, ref in _references(study):
        page, _ = _split(ref)
        if page not in pages:
            problems.append(Problem(display, entry, field, f"page '{page}' does not exist in docs/"))
    for ex in study.exercises:
        if exercise_page(ex.slug) not in pages:
            problems.append(
                Problem(display, f"exercise '{ex.id}'", "slug", f"page '{exercise_page(ex.slug)}' does not exist in docs/")
            )
    for case in study.case_studies:
        if case_study_page(case.id) not in pages:
            problems.append(
                Problem(display, f"case study '{case.id}'", "id", f"page '{case_study_page(case.id)}' does not exist in docs/")
            )
    slugs = {exercise_page(ex.slug) for ex in study.exercises}
    for page in sorted(pages):
        if page.startswith("exercises/") and page.count("/") == 1 and page != "exercises/index.md" and page not in slugs:
            problems.append(Problem(display, f"page '{page}'", "exercises", "has no exercise entry with this slug"))
    cases = {case_study_page(c.id) for c in study.case_studies}
    for page in sorted(pages):
        if page.startswith("case-studies/") and page.count("/") == 1 and page != "case-studies/index.md" and page not in cases:
            problems.append(Problem(display, f"page '{page}'", "case_studies", "has no case study entry with this id"))
    if problems:
        raise DataError(problems)


def check_anchors(study: Study, anchors: Mapping[str, set[str] | None], display: str) -> None:
    """Every ``page.md#anchor`` the data names is an id on the rendered page."""
    problems = []
    for entry, field, ref in _references(study):
        page, anchor = _split(ref)
        present = anchors.get(page)
        if present is None:
            problems.append(Problem(display, entry, field, f"page '{page}' was not rendered"))
        elif anchor not in present:
            problems.append(Problem(display, entry, field, f"no section '#{anchor}' on page '{page}'"))
    if problems:
        raise DataError(problems)
