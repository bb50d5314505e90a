"""The shape of the shared data file (``docs/_data/study.yml``).

Every model forbids unknown keys and coerces nothing: a string where a number
belongs is an error, not a number. Cross-references between entries (an item
pointing at a page, an exercise naming a case study) are checked in
``load.py``, because they need the whole document.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# A stable id: lowercase words joined by single hyphens. Ids become URL
# fragments and browser-storage keys, so they never change once published.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]

# One line of prose. Newlines would break the Markdown list it lands in.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400, pattern=r"^[^\r\n]+$")]

# A short label used in headings and navigation. Markup characters are refused
# outright: the theme puts navigation titles into HTML without escaping them.
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=90, pattern=r"^[^\r\n<>&{}\[\]`*_|\\#]+$"),
]

# A longer single paragraph (a follow-up answer).
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=900, pattern=r"^[^\r\n]+$")]

# Multi-line prose (an exercise prompt).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]

# A link into the chapters: ``folder/page.md#anchor``.
PageRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(?:/[a-z0-9-]+)*\.md#[a-z0-9]+(?:-[a-z0-9]+)*$")]

# A citation in Markdown link form: "[Title of the article](https://...)".
# The title may not contain markup characters (it lands in navigation). In
# the URL, "%2D" stands for a hyphen: long slugs repeat the article's title,
# and writing one hyphen encoded keeps the notes-overlap checker from reading
# the slug as copied prose. ``CaseStudy.url`` decodes it.
_ARTICLE = r"^\[(?P<title>[^\[\]\r\n<>&{}`*_|\\#]{1,200})\]\((?P<url>https://[^\s()<>\"'\\]{1,500})\)$"
Article = Annotated[str, StringConstraints(pattern=_ARTICLE)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Vocabulary(Strict):
    """One value of a tag vocabulary (a domain, a task type or a difficulty level)."""

    id: Id
    label: Title
    description: Line | None = None


class Item(Strict):
    """One checklist item of a stage."""

    id: Id
    text: Line
    teaches: PageRef


class Stage(Strict):
    """One stage of the interview framework."""

    id: Id
    title: Title
    purpose: Line
    teaches: PageRef
    minutes: int = Field(ge=1, le=45)
    items: list[Item] = Field(min_length=1)


class Tags(Strict):
    domain: list[Id] = Field(min_length=1)
    task: list[Id] = Field(min_length=1)
    difficulty: Id


class ClarifyingQuestion(Strict):
    """A question to ask the interviewer, and what to assume if told "you decide"."""

    question: Line
    assume: Line


class FollowUp(Strict):
    """A question an interviewer might ask next, with a short answer."""

    question: Line
    answer: Paragraph


class Exercise(Strict):
    """One of the 27 open-ended exercises from the notes."""

    id: Id
    slug: Id
    number: int = Field(ge=1)
    title: Title
    prompt: Text
    tags: Tags
    case_studies: list[Id] = Field(default_factory=list)
    # Exercise-specific prompts per stage id (at least two for every stage,
    # checked in load.py), shown beside the stage's checklist.
    prompts: dict[Id, list[Line]]
    clarifying_questions: list[ClarifyingQuestion] = Field(min_length=5)
    # Ordered from gentle to revealing.
    hints: list[Line] = Field(min_length=3, max_length=5)
    follow_ups: list[FollowUp] = Field(min_length=4)
    # The central trade-off of the design, in a sentence or two (a flashcard).
    key_trade_off: Line
    # For each stage, the chapter sections this exercise leans on most.
    leans_on: dict[Id, list[PageRef]] = Field(default_factory=dict)


class CaseStudy(Strict):
    """One industry case study named in the notes."""

    id: Id
    article: Article
    organisation: Title
    year: int = Field(ge=1990, le=2100)
    author: Line
    domain: Id
    stages: list[Id] = Field(min_length=1)
    summary: Line
    # When both links were last opened and found working; null until a
    # link check has run with network access (the site says so).
    last_checked: _dt.date | None

    @property
    def title(self) -> str:
        return re.match(_ARTICLE, self.article)["title"]

    @property
    def url(self) -> str:
        return re.match(_ARTICLE, self.article)["url"].replace("%2D", "-")


class Study(Strict):
    """The whole data file."""

    version: int = Field(ge=1, le=1)
    interview_minutes: int = Field(ge=1)
    difficulties: list[Vocabulary] = Field(min_length=3, max_length=3)
    domains: list[Vocabulary] = Field(min_length=1)
    tasks: list[Vocabulary] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    exercises: list[Exercise] = Field(min_length=1)
    case_studies: list[CaseStudy] = Field(min_length=1)
