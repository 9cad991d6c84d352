"""The real site: strict build, nothing external, no change to the tree, reproducible."""
import filecmp
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from conftest import REPO, mkdocs_build

# Attributes through which a page loads something (hyperlinks to sources are fine).
LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
           ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset")}


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in LOADING and value:
                if tag == "link" and attrs.get("rel") not in ("stylesheet", "icon", "preload", "modulepreload",
                                                             "manifest", "shortcut icon"):
                    continue
                self.urls.append((tag, value))
        style = attrs.get("style") or ""
        self.urls += [("style", u) for u in re.findall(r"url\(([^)]*)\)", style)]


def external(url: str) -> bool:
    return bool(re.match(r"^\s*([a-z][a-z0-9+.-]*:)?//", url, re.I)) or url.strip().startswith(("http:", "https:"))


def test_real_site_builds_strict(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "search" / "search_index.js").exists()  # offline search index
    assert (built_site / "assets" / "vendor" / "iframe-worker" / "shim.js").exists()


def test_no_page_loads_anything_from_outside(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [(page.relative_to(built_site).as_posix(), tag, url) for tag, url in parser.urls if external(url)]
    assert offenders == []
    for sheet in built_site.rglob("*.css"):  # fonts and images that stylesheets would pull in
        text = sheet.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"(@import\s+|url\(\s*)['\"]?(https?:)?//", text), sheet


def test_external_resource_detector_catches_a_cdn_script(tmp_path):
    parser = _Loads()
    parser.feed('<script src="https://unpkg.com/x"></script><link rel="stylesheet" href="//cdn/x.css">'
                '<a href="https://example.org">source</a><img src="assets/x.png">')
    assert [u for _, u in parser.urls if external(u)] == ["https://unpkg.com/x", "//cdn/x.css"]


def _tree_state():
    return subprocess.run(["git", "status", "--porcelain", "--ignored", "docs", "bibliography", "hooks"],
                          cwd=REPO, capture_output=True, text=True).stdout


def test_build_leaves_the_tree_unchanged_and_is_reproducible(tmp_path, built_site):
    before = _tree_state()
    second = tmp_path / "site"
    result = mkdocs_build(REPO, second)
    assert result.returncode == 0, result.stderr
    assert _tree_state() == before
    # Only the sitemap carries a build date; everything else must be identical.
    stamped = {"sitemap.xml", "sitemap.xml.gz"}
    diffs = []

    def walk(cmp, prefix=""):
        diffs.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only
                     if name not in stamped)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(built_site, second))
    assert diffs == []


def test_site_has_a_page_for_every_recommendation_and_development_and_year(built_site):
    """A page per source file, and one per year of developments (generated: see the timeline)."""
    for folder in ("recommendations", "developments"):
        sources = {p.stem for p in (REPO / "docs" / folder).glob("*.md")}
        built = {p.stem for p in (built_site / folder).glob("*.html")}
        years = {str(dev.date.year) for dev in _model().developments.values()} if folder == "developments" else set()
        assert built == sources | years
    assert len(years) >= 8


def test_no_unrendered_markup_reaches_a_reader(built_site):
    """Citation syntax, pandoc spans or Markdown left as literal text in a page."""
    leftovers = re.compile(r"\[@[\w-]|\]\{\.nocase\}|\\bibliography|\\_|<!-- (developments|timeline|recommendations|"
                           r"scorecard|bibliography|vocabulary|status-grid|report-card|schema)")
    found = [(page.relative_to(built_site).as_posix(), m.group(0)) for page in built_site.rglob("*.html")
             for m in leftovers.finditer(page.read_text(encoding="utf-8"))]
    assert found == []


def _model():
    from sitecheck.run import check_site

    return check_site(REPO, REPO / "docs", REPO / "bibliography").model


def test_navigation_shows_each_recommendations_status(built_site):
    from sitecheck import vocabulary

    model = _model()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for rec in model.recommendations.values():
        # The status is text a screen reader reads, not only a tooltip or a colour.
        assert (f'md-status--{rec.status} md-status--text"><span class="visually-hidden">Status: </span>'
                f'{vocabulary.label(rec.status)}</span>') in html
    assert html.count('class="md-status md-status--') == len(model.recommendations)
