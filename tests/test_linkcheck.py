"""make linkcheck against a real HTTP server on loopback that the test starts."""
import socket
import time

import pytest

from sitecheck.linkcheck import DEAD, OK, REDIRECT, TIMEOUT, UNREACHABLE, Checker, collect_urls
from loopback import serve
from sitefactory import BIB, REC, write_site


@pytest.fixture(scope="module")
def loop():
    with serve() as (base, hits):
        yield base, hits


@pytest.fixture
def server(loop):
    return loop[0]


@pytest.fixture
def hits(loop):
    loop[1].clear()
    return loop[1]


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


def test_transient_failures_are_retried_and_permanent_ones_are_not(server, hits, tmp_path):
    Checker(tmp_path / "c.json", timeout=0.5, retries=2, backoff=0.01).check([f"{server}/error", f"{server}/gone"])
    assert hits.count("/error") == 3  # first try + 2 retries
    assert hits.count("/gone") == 1


def test_cache_makes_a_second_run_fast_and_quiet(server, hits, tmp_path):
    urls = [f"{server}/ok", f"{server}/moved", f"{server}/slow"]
    cache = tmp_path / "cache.json"
    start = time.perf_counter()
    Checker(cache, timeout=0.5, retries=0).check(urls)
    first = time.perf_counter() - start
    hits.clear()
    second_checker = Checker(cache, timeout=0.5, retries=0)
    start = time.perf_counter()
    results = second_checker.check(urls)
    second = time.perf_counter() - start
    # ok and redirect answers are fresh for a week; the timeout (a failure) too, for a day
    assert second_checker.requests_made == 0 and hits == []
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


def test_command_reports_failures_with_where_they_are_used(server, tmp_path, capsys):
    from sitecheck.linkcheck import main

    page = REC.replace("Stalled.", f"Stalled; see [gone]({server}/gone) and [ok]({server}/ok).")
    bib = BIB.replace("https://www.ncuscr.org/memo", f"{server}/moved").replace(
        "https://www.cac.gov.cn/initiative.htm", f"{server}/ok?initiative")  # loopback only
    root = write_site(tmp_path, {"recommendations/data-free-port.md": page}, {"sources.bib": bib})
    status = main(["--root", str(root), "--timeout", "2"])
    out = capsys.readouterr().out
    assert status == 1
    assert f"DEAD         404 {server}/gone (Not Found)\n             used at docs/recommendations/data-free-port.md:25" in out
    assert f"REDIRECT     301 {server}/moved -> {server}/ok" in out
    assert "4 URLs, 1 failing" in out
    assert (root / ".cache" / "linkcheck.json").exists()
