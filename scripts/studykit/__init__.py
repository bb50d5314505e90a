"""studykit: load, validate and render the study site's shared data file.

Plain Python with no MkDocs import, so that it can be unit-tested alone and
kept if the site ever moves to another generator. ``scripts/macros.py`` and
``scripts/hooks.py`` are the thin MkDocs wrappers around it.
"""

from .load import (
    DataError,
    Problem,
    case_study_page,
    check_anchors,
    check_pages,
    exercise_page,
    load_study,
    load_study_cached,
    parse_study,
)
from . import offline, render
from .schema import Study

DATA_FILE = "docs/_data/study.yml"

__all__ = [
    "DATA_FILE",
    "DataError",
    "Problem",
    "Study",
    "case_study_page",
    "render",
    "check_anchors",
    "check_pages",
    "exercise_page",
    "load_study",
    "load_study_cached",
    "parse_study",
]
