"""Editorial invariants of the real site, beyond what the build enforces."""
import re

import pytest

from conftest import REPO
from sitecheck.run import check_site


@pytest.fixture(scope="module")
def site():
    return check_site(REPO, REPO / "docs", REPO / "bibliography")


def test_every_recommendation_of_the_checklist_has_a_page(site):
    assert sorted(r.number for r in site.model.recommendations.values()) == list(range(1, 20))


def test_every_recommendation_has_at_least_two_developments(site):
    thin = {rid: len(site.model.developments_for(rid)) for rid in site.model.recommendations
            if len(site.model.developments_for(rid)) < 2}
    assert thin == {}


def test_each_recommendation_hears_from_both_sides(site):
    """A U.S. and a Chinese development for each, or the page says none was found."""
    missing = []
    for rid, rec in site.model.recommendations.items():
        actors = {a for dev, _ in site.model.developments_for(rid) for a in dev.actors}
        for side in ("united-states", "china"):
            says_none = re.search(r"no (u\.s\.|american|chinese) development", rec.page.body, re.I)
            if side not in actors and not says_none:
                missing.append((rid, side))
    assert missing == []


def test_at_least_45_developments_each_with_a_primary_source_with_url(site):
    assert len(site.model.developments) >= 45
    for dev in site.model.developments.values():
        primaries = [site.bib.sources[k] for k in dev.sources if k in site.bib.sources and site.bib.sources[k].is_primary]
        assert any(s.url for s in primaries), dev.id


def test_every_status_is_dated_and_every_assessment_says_as_of(site):
    for rec in site.model.recommendations.values():
        assert "as of" in rec.page.body.lower(), rec.id
