"""Shared fixtures: one strict build per test session, served over HTTP under
a sub-path the way GitHub project pages serve it, and one Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "docs" / "_data" / "study.yml"
SUBPATH = "mlsd-guide"  # stands in for the repository name in USER.github.io/REPO/


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run a strict ``mkdocs build`` of ``project`` into ``site_dir``."""
    env = {**os.environ}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the project's build inputs, for tests that break something."""
    ignore = shutil.ignore_patterns(".venv", "site", "__pycache__", ".git", ".pytest_cache")
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """Build once with --strict and serve it at http://127.0.0.1:PORT/mlsd-guide/.

    Yields (base_url, site_dir, build_output).
    """
    port = free_port()
    root = tmp_path_factory.mktemp("pages")
    site_dir = root / SUBPATH
    base_url = f"http://127.0.0.1:{port}/{SUBPATH}/"
    result = mkdocs_build(ROOT, site_dir, site_url=base_url)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url, site_dir, result.stdout + result.stderr
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def study():
    import studykit

    return studykit.load_study(DATA_FILE, studykit.DATA_FILE)


@pytest.fixture(scope="session")
def browser():
    """One system Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    from browserkit import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def context(browser):
    """A fresh light-palette browser context (its own storage) per test."""
    from browserkit import new_context

    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture()
def page(context):
    """A page whose console errors and requests are recorded in ``page.recorder``."""
    from browserkit import Recorder

    page = context.new_page()
    page.recorder = Recorder(page)
    return page
