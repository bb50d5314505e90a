"""Measure the site: build cost, macro overhead, live-reload time, transfer sizes,
and Lighthouse scores.

Run through ``python3 scripts/dev.py bench`` (which prepares .venv, the locked
Lighthouse in scripts/node/bench and Chromium, and passes them in NODE_TOOLS and
CHROMIUM_PATH). Prints tables and writes JSON to .cache/bench/results.json.
Nothing here asserts: budgets are read by people (the issues state them), never
by the test suite.

Lighthouse audits three pages with its default settings: mobile emulation
(Moto G Power-sized screen, simulated slow 4G and 4x CPU slowdown). The site is
served by a local server that answers like GitHub Pages: gzip for text types,
``Cache-Control: max-age=600``, ``/dir/`` -> ``/dir/index.html``, 404.html for
missing paths. The HTML and JSON reports are kept in .cache/bench/lighthouse/.

    bench.py                    everything
    bench.py --lighthouse-only  only build once and run Lighthouse
    bench.py --no-lighthouse    everything but Lighthouse
    bench.py --lighthouse-runs 3  audit each page 3 times, keep the median run
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import json
import mimetypes
import os
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
OUT = ROOT / ".cache" / "bench"
# Lighthouse: the pages it audits and the budgets (scores out of 100).
LIGHTHOUSE_PAGES = {"home": "index.html", "chapter": "data/labels/index.html",
                    "exercise": "exercises/fraud-detection/index.html"}
LIGHTHOUSE_BUDGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# No internet here: without these Chromium's own background connections are
# refused and end up in the console (errors-in-console).
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-default-apps --disable-extensions")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def timed_build(config: Path, site: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([*MKDOCS, "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def median_build(config: Path, runs: int = RUNS) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        times = [timed_build(config, Path(tmp) / "site") for _ in range(runs)]
    return statistics.median(times), times


_MACROS_ENTRY = re.compile(r"^  - macros:\n(?:(?: {4,}.*)?\n)*", re.M)


def without_macros() -> Path:
    """A copy of mkdocs.yml without the macros plugin's entry: every other plugin and hook stays.

    Strict mode is off in the copy only because the pages' raw ``{{ ... }}``
    calls are then left as text, and their links would warn.
    """
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, found = _MACROS_ENTRY.subn("", text)
    strict = re.compile(r"^strict: true$", re.M)
    if found != 1 or len(strict.findall(text)) != 1:
        raise SystemExit("bench: mkdocs.yml no longer has one '  - macros:' plugin entry and one 'strict: true'")
    path = ROOT / "mkdocs.bench-no-macros.yml"
    path.write_text(strict.sub("strict: false", text), encoding="utf-8")
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


# ---------------------------------------------------------------------------
# A static server that answers like GitHub Pages, and Lighthouse against it
# ---------------------------------------------------------------------------

GZIP_TYPES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Serve ``self.server.site`` the way GitHub Pages does, as far as a browser can tell.

    gzip for text types when the client accepts it (with ``Vary: Accept-Encoding``),
    ``Cache-Control: max-age=600``, ETag and Last-Modified (answering
    If-None-Match with 304), ``/dir`` redirected to ``/dir/``, ``/dir/`` served
    from ``/dir/index.html`` and the site's 404.html for anything missing.
    """

    protocol_version = "HTTP/1.1"
    server_version = "bench-pages"

    def log_message(self, format, *args):  # noqa: A002 - keep Lighthouse's output readable
        pass

    def do_GET(self):
        self._respond(body=True)

    def do_HEAD(self):
        self._respond(body=False)

    def _resolve(self) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect location) for the request path."""
        from urllib.parse import unquote, urlsplit

        path = unquote(urlsplit(self.path).path)
        site: Path = self.server.site
        target = (site / path.lstrip("/")).resolve()
        if site != target and site not in target.parents:
            return 404, site / "404.html", None
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None, path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, site / "404.html", None

    def _respond(self, body: bool) -> None:
        status, file, location = self._resolve()
        if location:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = file.read_bytes() if file and file.is_file() else b"Not found"
        suffix = file.suffix if file and file.is_file() else ".txt"
        ctype = mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
        if ctype.startswith("text/") or suffix in {".js", ".mjs", ".json", ".svg", ".xml", ".webmanifest"}:
            ctype += "; charset=utf-8"
        encoding = "gzip" if suffix in GZIP_TYPES and "gzip" in self.headers.get("Accept-Encoding", "") else None
        # A weak ETag for the gzipped form, as GitHub Pages sends, so the two forms never share one.
        mtime = int(file.stat().st_mtime) if file and file.is_file() else 0
        etag = f'{"W/" if encoding else ""}"{len(data):x}-{mtime:x}"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if encoding:
            data = self.server.gzipped(file, data)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if suffix in GZIP_TYPES:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if status == 200:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(file.stat().st_mtime, usegmt=True))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if body:
            self.wfile.write(data)


class PagesServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Path, port: int):
        super().__init__(("127.0.0.1", port), PagesHandler)
        self.site = site.resolve()
        self._gz: dict[Path, bytes] = {}
        self._lock = threading.Lock()

    def handle_error(self, request, client_address):
        """Chromium drops idle keep-alive connections; that is no error worth a traceback."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def gzipped(self, file: Path | None, data: bytes) -> bytes:
        if file is None:
            return gzip.compress(data, 6)
        with self._lock:
            if file not in self._gz:
                self._gz[file] = gzip.compress(data, 6, mtime=0)
            return self._gz[file]


def serve_site(site: Path, port: int) -> PagesServer:
    server = PagesServer(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def lighthouse_bin() -> Path:
    node_tools = os.environ.get("NODE_TOOLS")
    if not node_tools:
        raise SystemExit("NODE_TOOLS is not set: run Lighthouse through `python3 scripts/dev.py bench`.")
    cli = Path(node_tools) / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        raise SystemExit(f"Lighthouse not found at {cli}")
    return cli


def _item_summary(item: dict) -> str:
    """One line for a row of an audit's details table: the element, URL or text it names."""
    node = item.get("node") if isinstance(item.get("node"), dict) else None
    if node:
        line = node.get("selector") or node.get("snippet") or ""
        explanation = (node.get("explanation") or "").replace("Fix any of the following:", "")
        explanation = " / ".join(part.strip() for part in explanation.splitlines() if part.strip())
        return f"{line}: {explanation[:220]}" if explanation else line
    for key in ("url", "scriptUrl", "source", "description", "directive", "text", "label"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("value") or value.get("formattedDefault")
        if value:
            extra = next((f" ({item[k]:.0f} {unit})" for k, unit in
                          (("wastedMs", "ms"), ("wastedBytes", "bytes"), ("total", "ms")) if isinstance(item.get(k), (int, float))), "")
            return f"{value}{extra}"
    return ""


def _audit_items(audit: dict, limit: int = 6) -> list[str]:
    details = audit.get("details") or {}
    lines: list[str] = []
    for item in details.get("items") or []:
        line = _item_summary(item) if isinstance(item, dict) else ""
        if line and line not in lines:
            lines.append(line)
    return lines[:limit] + ([f"... {len(lines) - limit} more"] if len(lines) > limit else [])


def summarise_report(report: dict) -> dict:
    """Scores, core metrics and the audits that cost points, from a Lighthouse JSON report.

    ``failing_audits`` are the weighted audits scoring below 1 (what lowers a
    category score); ``diagnostics`` are the unweighted ones that flag something
    (performance opportunities explain the metrics; the others cost no points).
    """
    scores, failing, diagnostics = {}, [], []
    for cat_id in LIGHTHOUSE_BUDGETS:
        cat = report["categories"].get(cat_id)
        scores[cat_id] = None if cat is None or cat["score"] is None else round(cat["score"] * 100)
        for ref in (cat or {}).get("auditRefs", []):
            audit = report["audits"][ref["id"]]
            if audit.get("score") is None or audit["score"] >= 1 or audit.get("scoreDisplayMode") in ("manual", "informative"):
                continue
            entry = {"category": cat_id, "id": ref["id"], "score": audit["score"], "weight": ref.get("weight", 0),
                     "title": audit.get("title"), "display": audit.get("displayValue"), "items": _audit_items(audit)}
            (failing if ref.get("weight", 0) > 0 else diagnostics).append(entry)
    # Lighthouse 12 reports most opportunities twice (old audit and "-insight"); keep the old ids.
    diagnostics = [d for d in diagnostics if not d["id"].endswith("-insight")]
    metrics = {}
    for mid in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index"):
        audit = report["audits"].get(mid)
        if audit:
            metrics[mid] = {"value": audit.get("numericValue"), "display": audit.get("displayValue"),
                            "score": audit.get("score")}
    settings = report.get("configSettings", {})
    return {"scores": scores, "metrics": metrics, "failing_audits": failing, "diagnostics": diagnostics,
            "pass": all(scores[c] is not None and scores[c] >= b for c, b in LIGHTHOUSE_BUDGETS.items()),
            "runtime_error": (report.get("runtimeError") or {}).get("message"),
            "run_warnings": report.get("runWarnings", []),
            "lighthouse_version": report.get("lighthouseVersion"),
            "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
            "form_factor": settings.get("formFactor"), "throttling_method": settings.get("throttlingMethod"),
            "throttling": settings.get("throttling")}


def _lighthouse_once(cli: Path, chromium: str, url: str, base: Path) -> tuple[dict | None, str]:
    """One Lighthouse run writing ``<base>.report.json`` and ``.html``; (report, error text)."""
    with tempfile.TemporaryDirectory(prefix="bench-chrome-") as profile:
        cmd = ["node", str(cli), url, "--output=json", "--output=html", f"--output-path={base}",
               "--only-categories=" + ",".join(LIGHTHOUSE_BUDGETS),
               f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}", "--quiet"]
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "CHROME_PATH": chromium},
                              capture_output=True, text=True, timeout=300)
    report_json = base.with_name(f"{base.name}.report.json")
    if proc.returncode != 0 or not report_json.exists():
        return None, (proc.stderr or proc.stdout or f"exit code {proc.returncode}, no {report_json.name}")[-2000:]
    return json.loads(report_json.read_text(encoding="utf-8")), ""


def run_lighthouse(site: Path, port: int, runs: int = 1) -> dict:
    """Serve ``site`` on ``port`` and audit LIGHTHOUSE_PAGES; reports go to .cache/bench/lighthouse/.

    With ``runs`` > 1 each page is audited that many times and the run with the
    median performance score is kept (its reports, its audits); every run's
    scores are recorded.
    """
    cli = lighthouse_bin()
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "chromium"
    out_dir = OUT / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict = {"budgets": LIGHTHOUSE_BUDGETS, "emulation": "mobile (Lighthouse default)", "runs": runs,
                     "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None, "pages": {}}
    server = serve_site(site, port)
    try:
        for name, rel in LIGHTHOUSE_PAGES.items():
            url = f"http://127.0.0.1:{port}/{rel.removesuffix('index.html')}"
            print(f"lighthouse: {name} ({url}){f', {runs} runs' if runs > 1 else ''}", flush=True)
            done: list[tuple[dict, Path]] = []
            error = ""
            for i in range(runs):
                base = out_dir / (name if runs == 1 else f"{name}-run{i + 1}")
                report, error = _lighthouse_once(cli, chromium, url, base)
                if report is not None:
                    done.append((summarise_report(report), base))
            if not done:
                results["pages"][name] = {"url": url, "error": error, "pass": False}
                continue
            done.sort(key=lambda d: d[0]["scores"]["performance"] or 0)
            summary, base = done[len(done) // 2]
            if runs > 1:  # keep the median run's reports under the page's own name
                for suffix in ("json", "html"):
                    shutil.copyfile(base.with_name(f"{base.name}.report.{suffix}"), out_dir / f"{name}.report.{suffix}")
                for _, b in done:
                    for suffix in ("json", "html"):
                        b.with_name(f"{b.name}.report.{suffix}").unlink(missing_ok=True)
                summary["performance_runs"] = sorted(d[0]["scores"]["performance"] for d in done)
            summary.update(url=url, report_html=shown(out_dir / f"{name}.report.html"),
                           report_json=shown(out_dir / f"{name}.report.json"))
            results["pages"][name] = summary
    finally:
        server.shutdown()
        server.server_close()
    return results


def print_lighthouse(lh: dict) -> None:
    budgets = lh["budgets"]
    print(f"Lighthouse, {lh['emulation']}, served gzipped as GitHub Pages does; budgets: "
          + ", ".join(f"{c} >= {b}" for c, b in budgets.items()))
    print(f"{'page':<10} " + " ".join(f"{c:>14}" for c in budgets) + "  result")
    for name, page in lh["pages"].items():
        if "error" in page:
            lines = page["error"].strip().splitlines() or ["?"]
            print(f"{name:<10} lighthouse failed: {lines[-1]}")
            continue
        cells = []
        for cat, budget in budgets.items():
            score = page["scores"][cat]
            mark = "-" if score is None else ("ok" if score >= budget else "LOW")
            cells.append(f"{'-' if score is None else score:>10} {mark:>3}")
        print(f"{name:<10} " + " ".join(cells) + f"  {'pass' if page['pass'] else 'FAIL'}")
    pages = [p for p in lh["pages"].values() if "error" not in p]
    if pages:
        print(f"(Lighthouse {pages[0]['lighthouse_version']}, {pages[0]['form_factor']}, "
              f"{pages[0]['throttling_method']} throttling; CPU benchmark index "
              + ", ".join(str(round(p['benchmark_index'] or 0)) for p in pages)
              + f"; load average {lh['load_average']:.1f}: performance moves with machine load)")
    for name, page in lh["pages"].items():
        if "error" in page:
            continue
        if page.get("runtime_error"):
            print(f"  {name}: runtime error: {page['runtime_error']}")
        runs = f"; performance of each run {page['performance_runs']}" if page.get("performance_runs") else ""
        print(f"  {name}: " + ", ".join(f"{k.replace('-', ' ')} {v['display']} ({v['score']:.2f})"
                                        for k, v in page["metrics"].items())
              + f"{runs}  [{page['report_html']}]")
        shown = [a for a in page["failing_audits"] if a["id"] not in page["metrics"]
                 and page["scores"][a["category"]] is not None and page["scores"][a["category"]] < budgets[a["category"]]]
        perf_low = page["scores"]["performance"] is not None and page["scores"]["performance"] < budgets["performance"]
        shown += [a for a in page["diagnostics"] if a["category"] != "performance" or perf_low]
        for audit in shown:
            note = "" if audit["weight"] else (" diagnostic" if audit["category"] == "performance" else " (no weight)")
            value = f" ({audit['display']})" if audit["display"] else ""
            print(f"    {audit['category']}{note}: {audit['id']} score {audit['score']:.2f}{value}")
            for line in audit["items"][:4]:
                if not line.startswith("["):  # skip the audit's own markdown prose
                    print(f"      - {line}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--lighthouse-only", action="store_true", help="skip the build timings and page weights")
    which.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=1, metavar="N",
                        help="audit each page N times and keep the median performance run (default 1)")
    args = parser.parse_args(argv)
    out = OUT / "results.json"
    config = ROOT / "mkdocs.yml"
    port = free_port()
    # Canonical links and the sitemap name the server Lighthouse talks to.
    build_env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"}
    if args.lighthouse_only:
        # Keep the last full run's measurements; refresh only the Lighthouse part.
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            timed_build(config, site, build_env)
            results["lighthouse"] = run_lighthouse(site, port, args.lighthouse_runs)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print_lighthouse(results["lighthouse"])
        print(f"written to {shown(out)}")
        return

    results: dict = {}
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
        timed_build(config, site, build_env)
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
        if not args.no_lighthouse:
            results["lighthouse"] = run_lighthouse(site, port, args.lighthouse_runs)
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
    if "lighthouse" in results:
        print_lighthouse(results["lighthouse"])
    print(f"written to {shown(out)}")


if __name__ == "__main__":
    if shutil.which("git") is None:
        print("note: git not found; results are still written", file=sys.stderr)
    main()
