"""`make linkcheck`: do the site's external URLs still answer?

Only on request (a normal build never touches the network). URLs come from the pages'
links and the bibliography's url fields. Requests run concurrently with a cap per host,
a timeout, retries with exponential backoff for transient failures, and a JSON cache
whose entries expire, so a second run only asks again about what is stale."""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

OK, REDIRECT, DEAD, TIMEOUT, UNREACHABLE = "ok", "redirect", "dead", "timeout", "unreachable"
TRANSIENT = {TIMEOUT, UNREACHABLE}
USER_AGENT = "Mozilla/5.0 (compatible; sanya-memorandum-linkcheck/1.0)"


@dataclass
class Verdict:
    url: str
    status: str  # ok | redirect | dead | timeout | unreachable
    code: int | None = None
    location: str | None = None  # where a redirect points
    detail: str = ""
    checked_at: float = 0.0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report redirects instead of following them


_OPENER = urllib.request.build_opener(_NoRedirect)


def probe(url: str, timeout: float) -> Verdict:
    """One request: HEAD, falling back to GET where servers refuse HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return Verdict(url, OK, response.status)
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:
                return Verdict(url, REDIRECT, exc.code, urljoin(url, exc.headers.get("Location", "")))
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return Verdict(url, DEAD, exc.code, detail=str(exc.reason))
        except (TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return Verdict(url, TIMEOUT, detail=f"no answer within {timeout:g} s")
            return Verdict(url, UNREACHABLE, detail=str(reason))
    raise AssertionError("unreachable")


class Checker:
    def __init__(self, cache_file: Path | None = None, timeout: float = 10.0, retries: int = 2,
                 backoff: float = 0.5, workers: int = 16, per_host: int = 2, max_age_days: float = 7.0):
        self.cache_file, self.timeout, self.retries, self.backoff = cache_file, timeout, retries, backoff
        self.workers, self.max_age = workers, max_age_days * 86400
        self._host_slots = defaultdict(lambda: threading.BoundedSemaphore(per_host))
        self._lock = threading.Lock()
        self.cache = self._load_cache()
        self.requests_made = 0

    def _load_cache(self) -> dict:
        if self.cache_file and self.cache_file.exists():
            try:
                return json.loads(self.cache_file.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, OSError):
                return {}  # a damaged cache only costs a re-check
        return {}

    def _save_cache(self):
        if self.cache_file:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.cache_file.with_suffix(".tmp")
            partial.write_text(json.dumps(self.cache, indent=1, sort_keys=True), encoding="utf-8")
            partial.replace(self.cache_file)

    def _fresh(self, url: str, now: float) -> Verdict | None:
        entry = self.cache.get(url)
        # Failures are re-checked sooner than successes: a site may be back tomorrow.
        max_age = self.max_age if entry and entry["status"] in (OK, REDIRECT) else self.max_age / 7
        if entry and now - entry["checked_at"] < max_age:
            return Verdict(**entry)
        return None

    def _check_one(self, url: str) -> Verdict:
        with self._host_slots[urlsplit(url).netloc]:
            for attempt in range(self.retries + 1):
                with self._lock:
                    self.requests_made += 1
                verdict = probe(url, self.timeout)
                transient = verdict.status in TRANSIENT or (verdict.code or 0) >= 500
                if not transient or attempt == self.retries:
                    break
                time.sleep(self.backoff * 2 ** attempt)
        verdict.checked_at = time.time()
        return verdict

    def check(self, urls) -> dict[str, Verdict]:
        now = time.time()
        results, todo = {}, []
        for url in dict.fromkeys(urls):
            cached = self._fresh(url, now)
            if cached:
                results[url] = cached
            else:
                todo.append(url)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for verdict in pool.map(self._check_one, todo):
                results[verdict.url] = verdict
                self.cache[verdict.url] = asdict(verdict)
        self._save_cache()
        return results


def collect_urls(root: Path) -> dict[str, list[str]]:
    """URL -> the places (file:line) that use it, from pages and the bibliography."""
    from .bibliography import load
    from .pages import read_pages

    places = defaultdict(list)
    pages, _ = read_pages(root / "docs", root)
    for page in pages.values():
        for link in page.structure.links:
            if link.target.startswith(("http://", "https://")):
                places[link.target].append(f"{page.repo_path}:{link.line}")
    bib, _ = load(root / "bibliography", root)
    for source in bib.sources.values():
        if source.url:
            places[source.url].append(f"{source.path}:{source.field_lines.get('url', source.line)}")
    return dict(places)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitecheck.linkcheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--max-age-days", type=float, default=7.0)
    args = parser.parse_args(argv)
    places = collect_urls(args.root)
    checker = Checker(args.root / ".cache" / "linkcheck.json", timeout=args.timeout, max_age_days=args.max_age_days)
    start = time.perf_counter()
    results = checker.check(places)
    bad = 0
    for url, verdict in sorted(results.items()):
        if verdict.status == OK:
            continue
        bad += verdict.status != REDIRECT
        where = ", ".join(places[url])
        extra = f" -> {verdict.location}" if verdict.location else f" ({verdict.detail})" if verdict.detail else ""
        print(f"{verdict.status.upper():12} {verdict.code or '-':>3} {url}{extra}\n             used at {where}")
    print(f"{len(results)} URLs, {bad} failing, {checker.requests_made} requests, {time.perf_counter() - start:.1f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
