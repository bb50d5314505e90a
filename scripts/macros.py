"""mkdocs-macros entry point (``module_name: scripts/macros`` in mkdocs.yml).

Each macro is a thin wrapper: it fetches the parsed data (parsed once per
build, see ``studykit.load_study_cached``) and the current page's source path,
and hands both to a function in ``studykit.render``. Only pages whose front
matter says ``render_macros: true`` are rendered by the plugin.
"""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from studykit import DATA_FILE, load_study_cached, render  # noqa: E402
from studykit.cards import deck_for  # noqa: E402
from studykit.headings import heading_titles  # noqa: E402
from studykit.stash import STASH  # noqa: E402


def deck(conf, study):
    """The flashcard deck from the data file and the abbreviation list."""
    return deck_for(study, pathlib.Path(conf["docs_dir"]) / "_snippets" / "abbreviations.md")


def define_env(env):
    """Register the site's macros with mkdocs-macros."""
    data_path = pathlib.Path(env.project_dir) / DATA_FILE

    def study():
        return load_study_cached(data_path, DATA_FILE)

    def page() -> render.PagePath:
        # The source path, plus the URL style, for links written as plain HTML.
        # Finished HTML blocks go to the stash; scripts/hooks.py puts them back.
        return render.PagePath(env.page.file.src_uri, env.conf["use_directory_urls"], STASH)

    titles: dict[str, str] = {}

    def section_titles() -> dict[str, str]:
        # Read once per build, on first use.
        if not titles:
            titles.update(heading_titles(pathlib.Path(env.conf["docs_dir"])))
        return titles

    @env.macro
    def stage_checklist(stage_id: str) -> str:
        """The checklist of one stage, items linking to the sections that teach them."""
        return render.stage_checklist(study(), stage_id, page())

    @env.macro
    def cheat_sheet() -> str:
        """Every stage with its time budget and checklist."""
        return render.cheat_sheet(study(), page())

    @env.macro
    def time_plan() -> str:
        """The per-stage minutes of the interview as a table."""
        return render.time_plan(study(), page())

    @env.macro
    def answer_template(exercise_id: str) -> str:
        """The answer-template page of one exercise."""
        return render.answer_template(study(), exercise_id, page(), section_titles())

    @env.macro
    def exercise_footer(exercise_id: str) -> str:
        """Follow-up questions, related case studies and previous/next links of one exercise."""
        return render.exercise_footer(study(), exercise_id, page())

    @env.macro
    def exercises_index() -> str:
        """The table of all exercises."""
        return render.exercises_index(study(), page())

    @env.macro
    def difficulty_scale() -> str:
        """The three difficulty levels and what they mean."""
        return render.difficulty_scale(study())

    @env.macro
    def tag_page(kind: str, tag_id: str) -> str:
        """The list of exercises carrying one tag (the pages scripts/hooks.py generates)."""
        return render.tag_page_content(study(), kind, tag_id, page())

    @env.macro
    def framework_diagram() -> str:
        """The seven stages as linked boxes."""
        return render.framework_diagram(study(), page())

    @env.macro
    def weak_stages() -> str:
        """The stages, ranked in the browser by the reader's self-ratings."""
        return render.weak_stages(study(), page())

    @env.macro
    def flashcards() -> str:
        """The flashcard deck (the same one scripts/hooks.py writes for Anki)."""
        return render.flashcards(deck(env.conf, study()), page())

    @env.macro
    def case_studies_index() -> str:
        """The table of all case studies."""
        return render.case_studies_index(study(), page())

    @env.macro
    def case_study_facts(case_id: str) -> str:
        """The facts box of one case study."""
        return render.case_study_facts(study(), case_id, page())
