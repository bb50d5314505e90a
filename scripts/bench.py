"""Measure the site: build cost, macro overhead, live-reload time, transfer sizes.

Run through ``python3 scripts/dev.py bench`` (which prepares .venv). Prints a
table and writes JSON to .cache/bench/results.json. Nothing here asserts:
budgets are read by people (issue 7 states them), never by the test suite.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
PAGES = {"home": "index.html", "chapter": "data/labels/index.html", "exercise": "exercises/fraud-detection/index.html",
         "cheat sheet": "cheat-sheet/index.html"}
RUNS = 5


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def timed_build(config: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*MKDOCS, "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def median_build(config: Path, runs: int = RUNS) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        times = [timed_build(config, Path(tmp) / "site") for _ in range(runs)]
    return statistics.median(times), times


def without_macros() -> Path:
    """A config identical to mkdocs.yml except that the macros plugin is off."""
    path = ROOT / "mkdocs.bench-no-macros.yml"
    path.write_text("INHERIT: mkdocs.yml\nstrict: false\nplugins:\n  - search\n", encoding="utf-8")
    return path


def page_transfer(site: Path, rel: str) -> dict[str, int]:
    """gzip bytes of a page's HTML and the CSS, JS and fonts it loads on first view."""
    page = site / rel
    html = page.read_text(encoding="utf-8")
    sizes = {"html": gz(html.encode()), "css": 0, "js": 0, "fonts": 0}
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    seen = set()
    queue = [(page.parent / r).resolve() for r in refs if not r.startswith("http")]
    while queue:
        path = queue.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        data = path.read_bytes()
        kind = "css" if path.suffix == ".css" else "js" if path.suffix == ".js" else "fonts"
        sizes[kind] += gz(data)
        if path.suffix == ".js":  # ES module imports load on first view too
            for imp in re.findall(rb'^import\s+(?:[^"\']+from\s+)?["\'](\.[^"\']+)["\']', data, flags=re.M):
                queue.append((path.parent / imp.decode()).resolve())
    sizes["total"] = sum(sizes.values())
    return sizes


def theme_floor(site: Path) -> int:
    """The theme's own CSS and JS, which every page loads."""
    assets = site / "assets"
    files = [*assets.glob("stylesheets/main.*.min.css"), *assets.glob("stylesheets/palette.*.min.css"),
             *assets.glob("javascripts/bundle.*.min.js")]
    return sum(gz(f.read_bytes()) for f in files)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(proc, needles, timeout):
    """Read the server's log until a line contains one of ``needles``; False on timeout."""
    found = threading.Event()

    def reader():
        for line in proc.stderr:
            if any(n in line for n in needles):
                found.set()
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return found.wait(timeout)


def serve_rebuild_seconds() -> float:
    """Time from editing the data file to mkdocs serve finishing its rebuild."""
    data = ROOT / "docs" / "_data" / "study.yml"
    original = data.read_bytes()
    port = free_port()
    proc = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        if not _wait_for(proc, ["Serving on"], 120):
            return float("nan")
        time.sleep(2.0)
        start = time.perf_counter()
        data.write_bytes(original + b"\n# bench edit\n")
        done = _wait_for(proc, ["Reloading browsers", "Documentation built in"], 120)
        return time.perf_counter() - start if done else float("nan")
    finally:
        data.write_bytes(original)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    results: dict = {}
    config = ROOT / "mkdocs.yml"
    results["build_median_s"], results["build_runs_s"] = median_build(config)
    plain = without_macros()
    try:
        results["build_no_macros_median_s"], results["build_no_macros_runs_s"] = median_build(plain)
    finally:
        plain.unlink(missing_ok=True)
    results["macro_ratio"] = results["build_median_s"] / results["build_no_macros_median_s"]
    results["serve_rebuild_after_data_edit_s"] = serve_rebuild_seconds()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        timed_build(config, site)
        floor = theme_floor(site)
        results["theme_floor_gzip_bytes"] = floor
        results["pages"] = {}
        for name, rel in PAGES.items():
            sizes = page_transfer(site, rel)
            sizes["css_js_vs_floor"] = round((sizes["css"] + sizes["js"]) / floor, 3)
            results["pages"][name] = sizes
        results["site_bytes"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        results["search_index_bytes"] = (site / "search" / "search_index.json").stat().st_size
        results["search_index_gzip_bytes"] = gz((site / "search" / "search_index.json").read_bytes())
        results["html_pages"] = len(list(site.rglob("*.html")))
    out = ROOT / ".cache" / "bench" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")

    print(f"strict build, median of {RUNS}:      {results['build_median_s']:.2f} s")
    print(f"same build, macros plugin off:   {results['build_no_macros_median_s']:.2f} s")
    print(f"ratio (budget <= 1.2):           {results['macro_ratio']:.2f}")
    print(f"serve rebuild after data edit:   {results['serve_rebuild_after_data_edit_s']:.2f} s")
    print(f"theme CSS+JS floor (gzip):       {floor / 1024:.1f} KB")
    print(f"{'page':<12} {'html':>8} {'css':>8} {'js':>8} {'fonts':>7} {'total':>8} {'css+js/floor':>13}")
    for name, s in results["pages"].items():
        print(f"{name:<12} {s['html']:>8} {s['css']:>8} {s['js']:>8} {s['fonts']:>7} {s['total']:>8} {s['css_js_vs_floor']:>13}")
    print(f"site size: {results['site_bytes'] / 1e6:.1f} MB in {results['html_pages']} HTML pages; "
          f"search index {results['search_index_bytes'] / 1e6:.2f} MB ({results['search_index_gzip_bytes'] / 1e3:.0f} KB gzip)")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    if shutil.which("git") is None:
        print("note: git not found; results are still written", file=sys.stderr)
    main()
