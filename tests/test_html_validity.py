"""Every page of the built site is valid HTML according to the Nu HTML Checker (vnu).

vnu runs once, in one JVM, over every HTML file of the session's strict build.
Errors that Material for MkDocs itself writes, and that are harmless, are listed
with their justification in tests/vnu-allowlist.txt; everything else fails the
test. An allow-list entry that no longer matches anything fails too, so the list
only ever shrinks to what the theme still needs.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT

ALLOWLIST = Path(__file__).with_name("vnu-allowlist.txt")
SEPARATOR = " :: "
SHOWN_PER_GROUP = 3  # occurrences listed for each cause in a failure
SHOWN_GROUPS = 60  # causes listed in a failure


# --- running the checker ---------------------------------------------------------


def java() -> str:
    path = os.environ.get("JAVA") or shutil.which("java")
    if not path:
        pytest.fail("No Java for the Nu HTML Checker: run the tests through `python3 scripts/dev.py test`, "
                    "which installs it and sets JAVA (Debian/Ubuntu: sudo apt-get install default-jre-headless)")
    return path


def vnu_jar() -> Path:
    node_modules = Path(os.environ.get("NODE_TOOLS") or ROOT / "scripts" / "node" / "test" / "node_modules")
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"No Nu HTML Checker at {jar}: run the tests through `python3 scripts/dev.py test`, "
                    "which installs scripts/node/test with npm ci and sets NODE_TOOLS")
    return jar


@dataclass(frozen=True)
class Message:
    path: str  # relative to the checked root, POSIX separators; "<vnu>" if vnu names no file
    line: int | None
    text: str
    extract: str
    kind: str

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def run_vnu(files: list[Path], root: Path) -> list[Message]:
    """Check ``files`` in one vnu run; every message vnu reports (errors only)."""
    result = subprocess.run(
        [java(), "-Xss8m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr; accept stdout too in case a release changes that.
    report = None
    for stream in (result.stderr, result.stdout):
        try:
            report = json.loads(stream)
            break
        except ValueError:
            continue
    if result.returncode != 0 or not isinstance(report, dict) or "messages" not in report:
        pytest.fail(f"vnu did not produce a JSON report (exit {result.returncode}):\n"
                    f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}")
    root = root.resolve()
    messages = []
    for raw in report["messages"]:
        url = raw.get("url")
        if url:
            file = Path(unquote(urlparse(url).path)).resolve()
            try:
                path = file.relative_to(root).as_posix()
            except ValueError:
                path = str(file)
        else:
            path = "<vnu>"
        messages.append(Message(path=path, line=raw.get("lastLine") or raw.get("firstLine"),
                                text=raw.get("message") or "", extract=raw.get("extract") or "",
                                kind=raw.get("type") or ""))
    return messages


# --- the allow-list ---------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    lineno: int
    source: str
    glob: str
    message: re.Pattern
    extract: re.Pattern | None
    reason: str

    def matches(self, m: Message) -> bool:
        return (fnmatch.fnmatchcase(m.path, self.glob)
                and self.message.search(m.text) is not None
                and (self.extract is None or self.extract.search(m.extract) is not None))


def load_allowlist(path: Path = ALLOWLIST) -> list[Entry]:
    """Parse the allow-list; fail on a malformed entry or one without a justifying comment."""
    entries, problems, comment = [], [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            comment = []
            continue
        if stripped.startswith("#"):
            comment.append(stripped.lstrip("#").strip())
            continue
        fields = stripped.split(SEPARATOR)
        if len(fields) not in (2, 3) or not all(f.strip() for f in fields):
            problems.append(f"line {lineno}: expected 'PATH-GLOB :: MESSAGE-REGEX [:: EXTRACT-REGEX]': {stripped}")
            continue
        reason = " ".join(c for c in comment if c)
        if not reason:
            problems.append(f"line {lineno}: no comment directly above it saying why it is justified: {stripped}")
        try:
            message = re.compile(fields[1].strip())
            extract = re.compile(fields[2].strip()) if len(fields) == 3 else None
        except re.error as exc:
            problems.append(f"line {lineno}: bad regular expression ({exc}): {stripped}")
            continue
        entries.append(Entry(lineno, stripped, fields[0].strip(), message, extract, reason))
        comment = []
    if problems:
        pytest.fail(f"{path.name} is malformed:\n" + "\n".join(problems))
    return entries


def partition(messages: list[Message], entries: list[Entry]) -> tuple[list[Message], dict[int, int]]:
    """Messages no entry allows, and how many messages each entry (by line number) allowed."""
    used = {e.lineno: 0 for e in entries}
    remaining = []
    for m in messages:
        hits = [e for e in entries if e.matches(m)]
        for e in hits:
            used[e.lineno] += 1
        if not hits:
            remaining.append(m)
    return remaining, used


def describe(messages: list[Message], checked: int) -> str:
    """A readable failure: one group per cause, with a few of the places it occurs.

    Messages group by their text with quoted names blanked out plus the source
    snippet vnu quotes, so one broken tag repeated on every page (which vnu reports
    as a dozen differently-worded errors per page) reads as one group.
    """
    groups: dict[tuple[str, str], list[Message]] = defaultdict(list)
    for m in messages:
        groups[(re.sub(r"“[^”]*”", "“…”", m.text), " ".join(m.extract.split()))].append(m)
    for group in groups.values():
        group.sort(key=lambda m: (m.path, m.line or 0, m.text))
    ordered = sorted(groups.values(), key=lambda g: (g[0].path, g[0].line or 0, g[0].text))
    files = {m.path for m in messages}
    out = [f"{len(messages)} HTML error(s) from {len(groups)} cause(s) in {len(files)} of {checked} files "
           f"(none covered by tests/{ALLOWLIST.name}):"]
    for group in ordered[:SHOWN_GROUPS]:
        out.append("")
        shown: list[Message] = []
        for m in group:  # list occurrences that add a new message or a new file
            if len(shown) == SHOWN_PER_GROUP:
                break
            if all(m.text != s.text or m.path != s.path for s in shown):
                shown.append(m)
        for m in shown:
            out.append(f"{m.where()}: {m.text}")
        rest = [m for m in group if not any(m is s for s in shown)]
        if rest:
            out.append(f"  ... and {len(rest)} more ({len({m.text for m in rest})} distinct message(s)) "
                       f"in {len({m.path for m in rest})} file(s)")
        if group[0].extract.strip():
            out.append(f"  source: {' '.join(group[0].extract.split())}")
    if len(ordered) > SHOWN_GROUPS:
        out.append(f"\n... and {len(ordered) - SHOWN_GROUPS} more cause(s)")
    return "\n".join(out)


# --- tests ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_report(served_site):
    """(number of HTML files checked, every vnu message for the built site)."""
    _, site_dir, _ = served_site
    files = sorted(site_dir.rglob("*.html"))
    assert files, f"no HTML files in {site_dir}"
    return len(files), run_vnu(files, site_dir)


def test_site_is_valid_html(site_report):
    checked, messages = site_report
    remaining, _ = partition(messages, load_allowlist())
    if remaining:
        pytest.fail(describe(remaining, checked), pytrace=False)


def test_allowlist_entries_are_all_still_needed(site_report):
    _, messages = site_report
    entries = load_allowlist()
    _, used = partition(messages, entries)
    stale = [e for e in entries if used[e.lineno] == 0]
    assert not stale, (f"tests/{ALLOWLIST.name} entries that match no vnu message any more; delete them:\n"
                       + "\n".join(f"line {e.lineno}: {e.source}" for e in stale))


def test_allowlist_is_documented():
    entries = load_allowlist()  # fails on a malformed or unexplained entry
    assert entries is not None


def test_checker_reports_invalid_html(tmp_path):
    """The gate is not vacuous: vnu, through the same code path and allow-list, flags broken
    markup and passes a clean page."""
    head = '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>t</title></head>\n'
    (tmp_path / "broken.html").write_text(
        head + '<body>\n<p id="x">one</p>\n<p id="x">two</p>\n<span><div>block in inline</div></span>\n'
        '</body>\n</html>\n', encoding="utf-8")
    (tmp_path / "clean.html").write_text(head + "<body>\n<p>fine</p>\n</body>\n</html>\n", encoding="utf-8")

    messages = run_vnu([tmp_path / "broken.html", tmp_path / "clean.html"], tmp_path)
    remaining, _ = partition(messages, load_allowlist())

    texts = [m.text for m in remaining if m.path == "broken.html"]
    assert any(t.startswith("Duplicate ID “x”") for t in texts), texts
    assert any("Element “div” not allowed as child of element “span”" in t for t in texts), texts
    assert all(m.line for m in remaining if m.path == "broken.html")
    assert not [m for m in messages if m.path == "clean.html"], describe(messages, 2)
    assert describe(remaining, 2).count("broken.html:") >= 2
