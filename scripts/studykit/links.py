"""Outbound link check: find every link to another site in a built site and report rot.

Not part of the test suite (it needs the network); run it with
``python3 scripts/dev.py links``. Every case-study page also links the
article's copy in the Internet Archive (``archive_url``), so a rotten
original still has a readable fallback.

``--record`` writes today's date into ``last_checked`` of each case study
whose article answered, editing only that line of the data file.
"""

from __future__ import annotations

import concurrent.futures
import datetime as _dt
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

USER_AGENT = "mlsd-guide-linkcheck/1.0 (+https://github.com/mlsd-guide/mlsd-guide)"


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # HTTP status, None when the host could not be reached
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400

    @property
    def verdict(self) -> str:
        if self.status is None:
            return "unreachable"
        if self.ok:
            return "ok"
        return "rot" if self.status in (404, 410) else "error"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and re.match(r"https?://", href):
            self.links.add(href)


def outbound_links(site_dir: Path, own_prefixes: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """Map every external link in the built site to the pages that use it."""
    found: dict[str, set[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site_dir).as_posix()
        for url in parser.links:
            if not url.startswith(own_prefixes):
                found.setdefault(url, set()).add(rel)
    return found


def fetch(url: str, timeout: float = 15.0) -> Result:
    """HEAD the URL, falling back to GET for servers that refuse HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Result(url, response.status)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return Result(url, exc.code, exc.reason if isinstance(exc.reason, str) else "")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return Result(url, None, str(reason))
    return Result(url, None, "no answer")


def check(urls: list[str], fetcher: Callable[[str], Result] = fetch, workers: int = 8) -> list[Result]:
    """Check ``urls`` concurrently; results in the order given."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fetcher, urls))


def record_last_checked(data_text: str, case_ids: set[str], today: _dt.date) -> str:
    """Set ``last_checked: <today>`` for the given case studies, touching nothing else."""
    lines = data_text.splitlines(keepends=True)
    current = None
    in_cases = False
    for i, line in enumerate(lines):
        if re.match(r"^case_studies:\s*$", line):
            in_cases = True
            continue
        if in_cases and re.match(r"^\S", line):
            in_cases = False
        if not in_cases:
            continue
        if m := re.match(r"^  - id: (\S+)\s*$", line):
            current = m.group(1)
        elif current in case_ids and (m := re.match(r"^(    last_checked: ).*?(\r?\n)?$", line)):
            lines[i] = f"{m.group(1)}{today.isoformat()}{m.group(2) or ''}"
    return "".join(lines)
