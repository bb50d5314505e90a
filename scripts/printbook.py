"""The whole guide as one PDF, printed by the system Chromium.

Run through ``python3 scripts/dev.py pdf`` (which prepares .venv and finds
Chromium). It builds the site, serves it on localhost, walks the pages in
navigation order (following each page's "Next" footer link from the home
page), prints each with the site's print stylesheet (folds open, formulas
and diagrams drawn, link targets written out), and joins them into one PDF
with a bookmark per page. ``--png DIR`` also renders a few pages, as printed,
to PNG files for a quick look.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent

NEXT_LINK = re.compile(r'<a\s+href="([^"]+)"\s+class="md-footer__link md-footer__link--next"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
PNG_PAGES = {"cheat-sheet": "cheat-sheet/", "chapter": "data/labels/", "exercise": "exercises/fraud-detection/"}
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def page_file(site: Path, path: str) -> Path:
    path = path.split("#")[0]
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def reading_order(site: Path) -> list[tuple[str, str]]:
    """(path, title) of every page in navigation order, by following the 'Next' links."""
    order, seen, path = [], set(), ""
    while path not in seen:
        seen.add(path)
        html = page_file(site, path).read_text(encoding="utf-8")
        title = unescape(TITLE.search(html).group(1).strip()) if TITLE.search(html) else path
        order.append((path, title.split(" - ")[0]))
        match = NEXT_LINK.search(html)
        if not match:
            break
        path = urlparse(urljoin("http://x/" + path, match.group(1))).path.lstrip("/")
    return order


def prepare_for_print(page) -> None:
    """Print media, folds open, every formula and diagram drawn."""
    page.emulate_media(media="print", color_scheme="light")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))", timeout=30000
    )
    page.wait_for_function("() => document.querySelectorAll('pre.mermaid').length === 0", timeout=30000)
    page.wait_for_function("() => [...document.querySelectorAll('details')].every(d => d.open)", timeout=10000)


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(site: Path, base_url: str | None = None) -> None:
    env = {**os.environ, **({"SITE_URL": base_url} if base_url else {})}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def print_book(browser, base_url: str, pages: list[tuple[str, str]], output: Path, png_dir: Path | None) -> int:
    """Print ``pages`` (path, title) of the site at ``base_url`` into one PDF at ``output``."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    try:
        for number, (path, title) in enumerate(pages, start=1):
            page.goto(base_url + path, wait_until="networkidle")
            prepare_for_print(page)
            pdf = page.pdf(format="A4", print_background=True, outline=False,
                           margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
            start = len(writer.pages)
            writer.append(PdfReader(io.BytesIO(pdf)))
            writer.add_outline_item(title=title, page_number=start)
            print(f"[pdf] {number:3}/{len(pages)} {path or '(home)'}", flush=True)
        if png_dir:
            png_dir.mkdir(parents=True, exist_ok=True)
            for name, path in PNG_PAGES.items():
                page.goto(base_url + path, wait_until="networkidle")
                prepare_for_print(page)
                page.screenshot(path=str(png_dir / f"{name}.png"), full_page=True)
    finally:
        page.close()
    writer.add_metadata({"/Title": "ML Systems Design Interview Guide"})
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as fh:
        writer.write(fh)
    return len(pages)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=ROOT / "dist" / "mlsd-guide.pdf")
    parser.add_argument("--png", type=Path, help="also render the cheat sheet, a chapter and an exercise to PNG here")
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM_PATH") or "chromium"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server, base_url = serve(site)
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                count = print_book(browser, base_url, reading_order(site), args.output.resolve(), args.png)
                browser.close()
        finally:
            server.shutdown()
    size = args.output.stat().st_size / 1e6
    print(f"[pdf] {count} pages of the guide printed to {args.output} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
