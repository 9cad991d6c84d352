"""The published build (SITE_PUBLISH=1, `make site-published`) takes its addresses from
extra.publication: canonical links, a sitemap and "edit this page" links. The offline
build has none of them."""
import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import BUILD_ENV, REPO
from sitefactory import write_buildable_site

DEV = "developments/cn-2024-initiative"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = write_buildable_site(tmp_path_factory.mktemp("published"))
    site = root / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            capture_output=True, text=True, cwd=root, env={**BUILD_ENV, "SITE_PUBLISH": "1"})
    assert result.returncode == 0, result.stderr
    publication = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["publication"]
    return site, publication


def test_published_page_has_its_canonical_address_and_edit_link(published):
    site, publication = published
    html = (site / f"{DEV}.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{publication["url"]}{DEV}.html">' in html
    edit = re.search(r'<a href="([^"]+)" title="Edit this page"', html)
    assert edit and edit.group(1) == f'{publication["repository"]}/edit/main/docs/{DEV}.md'


def test_published_page_loads_nothing_from_outside(published):
    """Canonical and edit addresses are links; no repository widget asks GitHub's API."""
    from test_site_build import _Loads, external

    site, _ = published
    for page in (site / "index.html", site / f"{DEV}.html"):
        html = page.read_text(encoding="utf-8")
        loads = _Loads()
        loads.feed(html)
        assert [url for _, url in loads.urls if external(url)] == []
        assert "md-source" not in html and "api.github.com" not in html


def test_published_sitemap_lists_absolute_addresses(published):
    site, publication = published
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert f'{publication["url"]}{DEV}.html' in locations
    assert all(loc.startswith(publication["url"]) for loc in locations)


def test_offline_build_has_no_canonical_or_edit_link(built_site):
    assert "SITE_PUBLISH" not in os.environ
    for page in (built_site / "index.html", built_site / "developments" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html and 'title="Edit this page"' not in html
    assert "https://" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
