"""MkDocs hooks (``hooks:`` in mkdocs.yml): validate the data file and build the data-driven nav.

Each hook is a thin wrapper over ``studykit``. A ``studykit.DataError`` becomes
a ``PluginError``, so MkDocs stops with the one message (file, entry, field)
and no traceback. All checks run before MkDocs writes any page.
"""

from __future__ import annotations

import pathlib
import sys

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.plugins import event_priority

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import studykit  # noqa: E402
from studykit import pagetoc  # noqa: E402
from studykit.stash import STASH, StashError  # noqa: E402


def _study(config):
    path = pathlib.Path(config.config_file_path).parent / studykit.DATA_FILE
    try:
        return studykit.load_study_cached(path, studykit.DATA_FILE)
    except studykit.DataError as exc:
        raise PluginError(f"Invalid data file:\n{exc}") from None


def _fill_nav_section(nav, index_page, entries):
    """Append ``entries`` to the nav section whose first page is ``index_page``."""
    for item in nav or []:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    if value and value[0] == index_page:
                        value[1:] = entries
                        return True
                    if _fill_nav_section(value, index_page, entries):
                        return True
    return False


@event_priority(100)  # before mkdocs-macros, so a bad file fails here with a clean message
def on_config(config):
    """Validate the data file and list exercises and case studies in the nav in data order."""
    study = _study(config)
    exercises = [{f"{ex.number}. {ex.title}": studykit.exercise_page(ex.slug)} for ex in study.exercises]
    cases = [{f"{c.organisation}: {c.title}": studykit.case_study_page(c.id)} for c in study.case_studies]
    for index_page, entries in (("exercises/index.md", exercises), ("case-studies/index.md", cases)):
        if not _fill_nav_section(config.nav, index_page, entries):
            raise PluginError(f"mkdocs.yml: nav has no section starting with '{index_page}'")
    _bundle_modules(config)
    if config.plugins.get("material/offline") and config.plugins["material/offline"].config.enabled:
        # Instant navigation fetches pages, which browsers refuse on file://.
        features = config.theme["features"]
        features[:] = [f for f in features if f not in studykit.offline.ONLINE_ONLY_FEATURES]
        # Search from file:// runs in an iframe through the iframe-worker shim;
        # naming the vendored copy stops the offline plugin adding unpkg's.
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), studykit.offline.IFRAME_WORKER]
    return config


JS_DIR = "assets/javascripts/"
BUNDLE = JS_DIR + "site.js"


def _bundle_modules(config):
    """Replace the ES modules listed in ``extra_javascript`` by the one bundle built in ``on_files``."""
    modules = [s.path[len(JS_DIR):] for s in config.extra_javascript
               if s.type == "module" and s.path.startswith(JS_DIR)]
    if not modules:
        return
    config.extra_javascript[:] = [s for s in config.extra_javascript if s.path[len(JS_DIR):] not in modules]
    # Deferred: it only subscribes to Material's document$, so it need not
    # hold up the first paint.
    script = ExtraScriptValue(BUNDLE)
    script.defer = True
    config.extra_javascript.append(script)
    config["_studykit_bundle_entries"] = modules


def on_files(files, config):
    """Add one page per exercise tag and the Anki deck, then check every page the data names exists."""
    study = _study(config)
    for kind, tag_id in studykit.render.used_tags(study):
        content = f'---\nrender_macros: true\n---\n\n{{{{ tag_page("{kind}", "{tag_id}") }}}}\n'
        files.append(File.generated(config, studykit.render.tag_page(kind, tag_id), content=content))
    from studykit.bundle import BundleError, bundle
    from studykit.cards import anki_tsv, deck_for

    entries = config.get("_studykit_bundle_entries")
    if entries:
        try:
            script, modules = bundle(pathlib.Path(config.docs_dir) / JS_DIR, entries,
                                     banner=f"Built by scripts/hooks.py from docs/{JS_DIR}: {', '.join(entries)}")
        except BundleError as exc:
            raise PluginError(f"JavaScript bundle: {exc}") from None
        for module in modules:  # the modules ship inside the bundle only
            files.remove(files.get_file_from_path(JS_DIR + module))
        files.append(File.generated(config, BUNDLE, content=script))

    deck = deck_for(study, pathlib.Path(config.docs_dir) / "_snippets" / "abbreviations.md")
    files.append(File.generated(config, "practice/flashcards.tsv", content=anki_tsv(deck)))
    try:
        studykit.check_pages(study, (f.src_uri for f in files.documentation_pages()), studykit.DATA_FILE)
    except studykit.DataError as exc:
        raise PluginError(f"Invalid data file:\n{exc}") from None
    return files


def on_pre_build(config):
    """Start each build, including each live reload, with an empty HTML stash."""
    STASH.clear()


def on_page_content(html, page, config, files):
    """Swap the placeholders the macros left for their finished HTML blocks; prune the TOC.

    The blocks' element ids join the page's anchors, so MkDocs' anchor
    validation and ``on_env`` below see checklist items too. Headings inside
    a closed fold leave the page's table of contents (studykit/pagetoc.py).
    """
    try:
        html, ids = STASH.fill(page.file.src_uri, html)
    except StashError as exc:
        raise PluginError(str(exc)) from None
    page.present_anchor_ids.update(ids)
    pagetoc.prune_toc(page.toc.items, pagetoc.folded_heading_ids(html))
    return html


def on_post_page(output, page, config):
    """Repair the theme's markup: two accessibility gaps and its blocking script (studykit/themefix.py)."""
    from studykit.themefix import ThemeMarkupChanged, repair

    try:
        return repair(output, page.file.src_uri)
    except ThemeMarkupChanged as exc:
        raise PluginError(str(exc)) from None


def on_post_template(output_content, template_name, config):
    """The same repairs for the pages built from theme templates alone (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    from studykit.themefix import ThemeMarkupChanged, repair

    try:
        return repair(output_content, template_name)
    except ThemeMarkupChanged as exc:
        raise PluginError(str(exc)) from None


def on_env(env, config, files):
    """After every page is rendered and before any is written: every anchor the data names exists."""
    anchors = {f.src_uri: f.page.present_anchor_ids for f in files.documentation_pages() if f.page is not None}
    try:
        studykit.check_anchors(_study(config), anchors, studykit.DATA_FILE)
    except studykit.DataError as exc:
        raise PluginError(f"Invalid data file:\n{exc}") from None
    return env
