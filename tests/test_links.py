"""studykit.links: the outbound link checker, against a local server (no internet needed)."""

from __future__ import annotations

import datetime
import http.server
import threading

import pytest

from studykit import links


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, head: bool):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/no-head" and head:
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_checker_tells_ok_rot_errors_and_unreachable_hosts(server):
    urls = [f"{server}/ok", f"{server}/gone", f"{server}/no-head", f"{server}/moved", f"{server}/boom",
            "http://127.0.0.1:9/closed"]
    results = links.check(urls, fetcher=lambda u: links.fetch(u, timeout=5))
    assert [r.url for r in results] == urls
    assert [r.verdict for r in results] == ["ok", "rot", "ok", "ok", "error", "unreachable"]
    assert results[1].status == 404 and results[5].status is None


def test_outbound_links_lists_other_sites_with_their_pages(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="https://example.org/x">x</a><a href="a/">in site</a>')
    (tmp_path / "a" / "index.html").write_text(
        '<a href="https://example.org/x">x</a><a href="https://web.archive.org/web/https://example.org/x">copy</a>'
    )
    found = links.outbound_links(tmp_path, own_prefixes=("https://web.archive.org/web/",))
    assert found == {"https://example.org/x": {"index.html", "a/index.html"}}


def test_record_last_checked_edits_only_the_named_case_studies():
    text = (
        "exercises:\n  - id: lyft-fraud\n    last_checked: null\n"
        "case_studies:\n"
        "  - id: lyft-fraud\n    article: \"[T](https://x.org/a)\"\n    last_checked: null\n\n"
        "  - id: uber-eta\n    article: \"[U](https://x.org/b)\"\n    last_checked: 2026-01-02\n"
    )
    out = links.record_last_checked(text, {"lyft-fraud"}, datetime.date(2026, 11, 22))
    assert out == text.replace(
        "  - id: lyft-fraud\n    article: \"[T](https://x.org/a)\"\n    last_checked: null",
        "  - id: lyft-fraud\n    article: \"[T](https://x.org/a)\"\n    last_checked: 2026-11-22",
    )
    assert out.startswith("exercises:\n  - id: lyft-fraud\n    last_checked: null\n")
