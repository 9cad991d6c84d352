"""make linkcheck against a real HTTP server on loopback that the test starts."""
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitecheck.linkcheck import DEAD, OK, REDIRECT, TIMEOUT, UNREACHABLE, Checker, collect_urls
from sitefactory import REC, write_site


class Handler(BaseHTTPRequestHandler):
    hits = []

    def log_message(self, *args):
        pass

    def _answer(self):
        Handler.hits.append(self.path)
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        path = self.path.split("?")[0]
        status = {"/ok": 200, "/moved": 301, "/gone": 404, "/error": 500, "/slow": 200, "/no-head": 200}[path]
        if self.path == "/no-head" and self.command == "HEAD":
            status = 405
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def refused_url():
    with socket.socket() as s:  # a port nothing listens on once this socket closes
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_each_kind_of_answer_gets_its_verdict(server, tmp_path):
    urls = {f"{server}/ok": OK, f"{server}/moved": REDIRECT, f"{server}/gone": DEAD, f"{server}/error": DEAD,
            f"{server}/slow": TIMEOUT, refused_url(): UNREACHABLE, f"{server}/no-head": OK}
    checker = Checker(tmp_path / "cache.json", timeout=0.5, retries=1, backoff=0.05)
    results = checker.check(urls)
    assert {url: v.status for url, v in results.items()} == urls
    assert results[f"{server}/moved"].location == f"{server}/ok"
    assert results[f"{server}/gone"].code == 404 and results[f"{server}/error"].code == 500


def test_transient_failures_are_retried_and_permanent_ones_are_not(server, tmp_path):
    Handler.hits.clear()
    Checker(tmp_path / "c.json", timeout=0.5, retries=2, backoff=0.01).check([f"{server}/error", f"{server}/gone"])
    assert Handler.hits.count("/error") == 3  # first try + 2 retries
    assert Handler.hits.count("/gone") == 1


def test_cache_makes_a_second_run_fast_and_quiet(server, tmp_path):
    urls = [f"{server}/ok", f"{server}/moved", f"{server}/slow"]
    cache = tmp_path / "cache.json"
    start = time.perf_counter()
    Checker(cache, timeout=0.5, retries=0).check(urls)
    first = time.perf_counter() - start
    Handler.hits.clear()
    second_checker = Checker(cache, timeout=0.5, retries=0)
    start = time.perf_counter()
    results = second_checker.check(urls)
    second = time.perf_counter() - start
    # ok and redirect answers are fresh for a week; the timeout (a failure) too, for a day
    assert second_checker.requests_made == 0 and Handler.hits == []
    assert second < first / 5
    assert results[f"{server}/ok"].status == OK


def test_expired_cache_entries_are_checked_again(server, tmp_path):
    cache = tmp_path / "cache.json"
    Checker(cache, timeout=0.5).check([f"{server}/ok"])
    checker = Checker(cache, timeout=0.5, max_age_days=0)
    checker.check([f"{server}/ok"])
    assert checker.requests_made == 1


def test_per_host_limit_caps_concurrency(server, tmp_path):
    urls = [f"{server}/slow?{i}" for i in range(4)]
    start = time.perf_counter()
    Checker(tmp_path / "c.json", timeout=3, retries=0, per_host=2, workers=8).check(urls)
    elapsed = time.perf_counter() - start
    assert elapsed >= 2 * 1.5 * 0.9  # four 1.5 s answers, two at a time


def test_urls_are_collected_from_pages_and_bibliography(tmp_path):
    page = REC.replace("Stalled.", "Stalled; see [the text](https://example.org/text).")
    root = write_site(tmp_path, {"recommendations/data-free-port.md": page})
    places = collect_urls(root)
    assert places["https://example.org/text"] == ["docs/recommendations/data-free-port.md:25"]
    assert places["https://www.ncuscr.org/memo"] == ["bibliography/sources.bib:5"]
