"""What researchers get: a citation of each page in three formats, the open data with its
Data Package, head metadata, the Atom feed, and each page's last-change date."""
import csv
import datetime as dt
import json
import re
import subprocess
from html.parser import HTMLParser

import feedparser
import pytest
from frictionless import Package

from conftest import REPO
from sitecheck import changes, cite, opendata
from sitecheck.citations import pandoc_style
from sitecheck.run import check_site
from sitecheck.vocabulary import STATUSES
from sitefactory import REC, check, write_site

SAMPLE = cite.PageCitation("sanya-tracker-data-free-port", 'A "free data port" for commercial data',
                           dt.date(2026, 12, 6), "https://example.org/tracker/recommendations/data-free-port.html",
                           "Sanya Memorandum Tracker editors", "Sanya 2019: the memorandum, tracked")


def test_chicago_citation_is_pandocs_chicago_author_date_exactly():
    # Long ids and titles: pandoc must not wrap them out of the reader's reach.
    other = cite.PageCitation("sanya-tracker-" + "x" * 60, "Another page " * 12, dt.date(2026, 12, 6),
                              "https://example.org/" + "y" * 80 + ".html", SAMPLE.editors, SAMPLE.site)
    text = cite.chicago([SAMPLE, other], str(pandoc_style("default.csl")))
    assert text[other.key].startswith("Sanya Memorandum Tracker editors. 2026. “Another Page Another Page")
    # No "2026a": each citation stands alone although the run formats both at once.
    assert text[SAMPLE.key] == ("Sanya Memorandum Tracker editors. 2026. “A ‘Free Data Port’ for Commercial Data.” "
                                "Sanya 2019: The Memorandum, Tracked, December 6. "
                                "https://example.org/tracker/recommendations/data-free-port.html.")


def test_every_content_page_offers_its_citation(built_site, real):
    pages = [r.page.path for r in real.model.recommendations.values()] + \
            [d.page.path for d in real.model.developments.values()] + ["index.md"]
    for path in pages:
        html_text = (built_site / path.replace(".md", ".html")).read_text(encoding="utf-8")
        block = html_text[html_text.index("Cite this page"):]
        chicago = re.sub(r"<[^>]+>", "", block[block.index("<code"):block.index("</code>")])
        assert chicago.startswith("Sanya Memorandum Tracker editors. 20"), path
        assert "sanya-memorandum.github.io/tracker/" in chicago, path


def test_bibtex_and_ris_citations_exactly():
    assert cite.bibtex(SAMPLE) == (
        "@online{sanya-tracker-data-free-port,\n"
        "  author = {{Sanya Memorandum Tracker editors}},\n"
        '  title = {{A "free data port" for commercial data}},\n'
        "  organization = {Sanya 2019: the memorandum, tracked},\n"
        "  date = {2026-12-06},\n"
        "  url = {https://example.org/tracker/recommendations/data-free-port.html},\n"
        "}")
    assert cite.ris(SAMPLE) == (
        "TY  - ELEC\nAU  - Sanya Memorandum Tracker editors\nTI  - A \"free data port\" for commercial data\n"
        "T2  - Sanya 2019: the memorandum, tracked\nPY  - 2026\nDA  - 2026/12/06\n"
        "UR  - https://example.org/tracker/recommendations/data-free-port.html\nER  -")


def test_the_bibtex_citation_parses_as_bibtex():
    from pybtex.database import parse_string

    entry = parse_string(cite.bibtex(SAMPLE), "bibtex").entries["sanya-tracker-data-free-port"]
    assert entry.fields["url"] == SAMPLE.url and entry.fields["date"] == "2026-12-06"


@pytest.fixture(scope="module")
def real():
    return check_site(REPO, REPO / "docs", REPO / "bibliography")


def _csv(site, table):
    with open(site / "data" / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_data_package_validates_with_every_foreign_key(built_site):
    report = Package(str(built_site / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resources = json.loads((built_site / "data" / "datapackage.json").read_text())["resources"]
    assert sum(len(r["schema"]["foreignKeys"]) for r in resources) == sum(len(t.foreign_keys) for t in opendata.TABLES) > 0


def test_a_broken_foreign_key_is_caught(built_site, tmp_path):
    import shutil

    data = shutil.copytree(built_site / "data", tmp_path / "data")
    with open(data / "effects.csv", "a", encoding="utf-8") as f:
        f.write("cn-2024-big-fund-iii,no-such-recommendation,advances\n")
    report = Package(str(data / "datapackage.json")).validate()
    assert not report.valid
    rows = len(_csv(built_site, "effects"))
    assert report.flatten(["type", "rowNumber"]) == [["foreign-key", rows + 2]]  # header is row 1


def test_json_csv_and_model_agree(built_site, real):
    model = real.model
    for table, expected in (("recommendations", len(model.recommendations)),
                            ("developments", len(model.developments)),
                            ("effects", sum(len(d.effects) for d in model.developments.values())),
                            ("assessments", sum(len(r.assessments) for r in model.recommendations.values())),
                            ("sources", len(real.bib.sources))):
        rows = _csv(built_site, table)
        records = json.loads((built_site / "data" / f"{table}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(records) == expected, table
        assert [{k: str(v) for k, v in r.items()} for r in records] == rows, table
    rec = model.recommendations["data-free-port"]
    row = next(r for r in _csv(built_site, "recommendations") if r["id"] == "data-free-port")
    assert (row["number"], row["status"], row["status_as_of"]) == (str(rec.number), rec.status,
                                                                   rec.status_as_of.isoformat())
    assert row["url"].endswith("/recommendations/data-free-port.html")
    dev = model.developments["cn-2025-rare-earth-export-controls"]
    effects = {(r["recommendation_id"], r["effect"]) for r in _csv(built_site, "effects")
               if r["development_id"] == dev.id}
    assert effects == {(e.recommendation, e.effect) for e in dev.effects}


def test_codebook_on_the_data_page_lists_every_field(built_site):
    page = (built_site / "data.html").read_text(encoding="utf-8")
    for table in opendata.TABLES:
        assert f'href="data/{table.name}.csv"' in page
        for column in table.columns:
            assert f"<code>{column.name}</code>" in page
    assert page.count("<tr>") >= opendata.field_count() + len(opendata.TABLES)


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.ld, self._in_ld = {}, [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta.setdefault(a.get("name") or a.get("property"), a["content"])
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.ld.append(json.loads(data))
            self._in_ld = False


def test_a_page_head_carries_scholar_open_graph_and_json_ld(built_site, real):
    rec = real.model.recommendations["data-free-port"]
    head = _Head()
    head.feed((built_site / "recommendations" / "data-free-port.html").read_text(encoding="utf-8"))
    url = "https://sanya-memorandum.github.io/tracker/recommendations/data-free-port.html"
    assert head.meta["citation_title"] == head.meta["og:title"] == rec.title
    assert head.meta["citation_author"] == "Sanya Memorandum Tracker editors"
    assert head.meta["citation_public_url"] == head.meta["og:url"] == url
    assert head.meta["og:description"] == head.meta["twitter:description"] == rec.summary
    assert head.meta["twitter:card"] == "summary" and "og:image" not in head.meta
    assert dt.datetime.strptime(head.meta["citation_online_date"], "%Y/%m/%d").date() >= rec.status_as_of
    assert head.ld[0]["@type"] == "Article" and head.ld[0]["url"] == url
    data = _Head()
    data.feed((built_site / "data.html").read_text(encoding="utf-8"))
    assert data.ld[0]["@type"] == "Dataset"
    assert any(d["contentUrl"].endswith("data/datapackage.json") for d in data.ld[0]["distribution"])


def test_feed_is_valid_atom_newest_development_first(built_site, real):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    newest = max(real.model.developments.values(), key=lambda d: (d.date, d.id))
    first = next(e for e in feed.entries if e.title.startswith("New development"))
    assert first.title == f"New development: {newest.title}"
    assert first.link.endswith(f"/developments/{newest.id}.html")
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def _with_history(tmp_path, statuses):
    entries = ", ".join(f"{{as_of: {d}, status: {s}, evidence: [{'' if s == 'no-visible-action' else 'cn-2024-initiative'}], "
                        f"reason: Because.}}" for d, s in statuses)
    head, _, rest = REC.partition("assessments: [")
    page = head + f"assessments: [{entries}]\n" + rest[rest.index("---"):]
    return check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).model


def test_a_status_change_in_front_matter_reaches_the_feed_and_whats_new(tmp_path):
    model = _with_history(tmp_path, [("2019-12-10", "no-visible-action"), ("2024-12-31", "partial"),
                                     ("2025-12-31", "reversed")])
    items = changes.changes(model)
    status = [c for c in items if c.kind == "status"]
    assert [(c.date, c.title) for c in status] == [
        (dt.date(2025, 12, 31), "A free data port: partial to reversed"),
        (dt.date(2024, 12, 31), "A free data port: no visible action to partial")]
    page = changes.whats_new(items, lambda p: p)
    assert "- **31 December 2025**, status change: [A free data port: partial to reversed]" \
           "(recommendations/data-free-port.md)" in page
    assert all(s in STATUSES for s in ("partial", "reversed"))


def test_last_change_comes_from_git_with_a_fallback(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "a.md").write_text("a")
    (repo / "docs" / "b.md").write_text("b")
    assert changes.last_changed(repo) == {}  # no history (a source tarball)
    env = {"GIT_AUTHOR_DATE": "2025-03-04T12:00:00", "GIT_COMMITTER_DATE": "2025-03-04T12:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    for cmd in (["init", "-q"], ["add", "docs/a.md"], ["commit", "-q", "-m", "a"]):
        subprocess.run(["git", *cmd], cwd=repo, env=env, check=True)
    dates = changes.page_dates(repo, repo / "docs", ["a.md", "b.md"])
    assert dates["a.md"] == dt.date(2025, 3, 4)
    assert dates["b.md"] == dt.date.fromtimestamp((repo / "docs" / "b.md").stat().st_mtime)  # not committed yet


def test_the_site_as_a_whole_is_not_its_own_container():
    site = cite.PageCitation("sanya-tracker", SAMPLE.site, dt.date(2026, 12, 6), "https://example.org/tracker/",
                             SAMPLE.editors, SAMPLE.site)
    assert "organization" not in cite.bibtex(site) and "T2  -" not in cite.ris(site)
    assert cite.chicago([site], str(pandoc_style("default.csl")))["sanya-tracker"] == (
        "Sanya Memorandum Tracker editors. 2026. “Sanya 2019: The Memorandum, Tracked.” December 6. "
        "https://example.org/tracker/.")
