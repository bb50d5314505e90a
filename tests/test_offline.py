"""The offline copy: built as `dev.py offline` builds it, zipped, unzipped, opened from file://."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browserkit import scroll_through
from studykit.offline import make_zip

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    """The zip as readers download it, unpacked into a fresh folder. Yields the file:// URL of its home page."""
    tmp = tmp_path_factory.mktemp("offline")
    site = tmp / "built"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env={**os.environ, "OFFLINE": "true"}, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"offline build failed:\n{result.stdout}\n{result.stderr}")
    archive = tmp / "mlsd-guide-offline.zip"
    count = make_zip(site, archive, "mlsd-guide")
    unpacked = tmp / "unpacked"
    with zipfile.ZipFile(archive) as zf:
        assert len(zf.namelist()) == count
        zf.extractall(unpacked)
    return (unpacked / "mlsd-guide" / "index.html").as_uri()


def test_zip_is_reproducible(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "a" / "b.html").write_text("<p>b</p>")
    make_zip(site, tmp_path / "one.zip", "copy")
    os.utime(site / "index.html", (0, 0))  # file times must not leak into the archive
    make_zip(site, tmp_path / "two.zip", "copy")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as zf:
        assert zf.namelist() == ["copy/a/b.html", "copy/index.html"]
    with pytest.raises(FileNotFoundError):
        make_zip(tmp_path / "empty", tmp_path / "three.zip", "copy")


def test_offline_copy_navigates_by_file_links(page, offline_copy):
    page.goto(offline_copy)
    expect(page.locator("h1").first).to_be_visible()
    # Links point at files, not folders, so a click opens the next page from disk.
    page.locator("a.md-tabs__link").filter(has_text="Exercises").first.click()
    page.wait_for_url(re.compile(r"/exercises/index\.html$"))
    page.locator("#exercise-table a", has_text="Credit-card fraud detection").click()
    page.wait_for_url(re.compile(r"/exercises/fraud-detection\.html$"))
    checklist_link = page.locator("li#data-labels a").first
    expect(checklist_link).to_have_attribute("href", re.compile(r"^\.\./data/labels\.html#"))
    checklist_link.click()
    page.wait_for_url(re.compile(r"/data/labels\.html#"))
    assert [u for u in page.recorder.requests if not u.startswith("file://")] == []
    assert page.recorder.errors == []


def test_offline_copy_search_works(page, offline_copy):
    page.goto(offline_copy)
    query = page.locator("input.md-search__input")
    query.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"), timeout=15000)
    query.press_sequentially("checkpointing", delay=20)
    result = page.locator(".md-search-result__item a").first
    expect(result).to_have_attribute("href", re.compile(r"modeling/scaling\.html"), timeout=15000)
    result.click()
    page.wait_for_url(re.compile(r"/modeling/scaling\.html"))
    expect(page.locator("h2#gradient-checkpointing")).to_be_attached()


def test_offline_copy_draws_diagrams_and_formulas(page, offline_copy):
    page.goto(offline_copy.replace("index.html", "data/index.html"))
    scroll_through(page)
    expect(page.locator(".mermaid svg").first).to_be_attached(timeout=15000)
    page.goto(offline_copy.replace("index.html", "evaluation/offline-metrics.html"))
    scroll_through(page)
    expect(page.locator(".arithmatex .katex").first).to_be_attached(timeout=15000)
    assert [u for u in page.recorder.requests if not u.startswith("file://")] == []
    assert page.recorder.errors == []


def test_offline_copy_practice_tools_remember_progress(page, offline_copy):
    page.goto(offline_copy.replace("index.html", "exercises/fraud-detection.html"))
    box = page.locator("li#data-labels input[type=checkbox]")
    expect(box).to_be_visible()
    box.check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.reload()
    expect(page.locator("li#data-labels input[type=checkbox]")).to_be_checked()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    assert page.recorder.errors == []
