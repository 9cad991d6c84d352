"""The slips a new contributor makes, each reported exactly; and `make check` and the
strict build agree on every one of them (one small fixture site, built once per slip)."""
import subprocess
import sys

import pytest
import yaml

from conftest import BUILD_ENV
from sitefactory import DEV, check, codes, write_buildable_site, write_site

DEV_PATH = "docs/developments/cn-2024-initiative.md"
NAV_CONFIG = """site_name: Fixture
nav:
  - Home: index.md
  - Recommendations: recommendations/
  - Developments: developments/
not_in_nav: |
  /developments/*.md
"""


def test_development_dated_in_the_future_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_TODAY", "2026-12-06")
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": DEV.replace(
        "date: 2024-11-20", "date: 2031-01-15")}))
    (finding,) = [f for f in checked.findings if f.code == "date-in-future"]
    assert (finding.path, finding.line) == (DEV_PATH, 4)
    assert finding.message.startswith("date 2031-01-15 is in the future (today is 2026-12-06)")


def test_development_dated_today_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_TODAY", "2024-11-20")
    checked = check(write_site(tmp_path))
    assert not [f for f in checked.findings if f.code == "date-in-future"]


def test_unknown_recommendation_lists_the_valid_ids(tmp_path):
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": DEV.replace(
        "  - id: data-free-port", "  - id: data-free-prot")}))
    (finding,) = [f for f in checked.findings if f.code == "unknown-recommendation"]
    assert finding.message == ("recommendation id 'data-free-prot' does not exist (did you mean 'data-free-port'?); "
                               "valid ids: data-free-port")


def test_missing_field_is_reported_above_the_closing_line(tmp_path):
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": DEV.replace("type: initiative\n", "")}))
    (finding,) = [f for f in checked.findings if f.code == "front-matter-missing-field"]
    assert (finding.path, finding.line) == (DEV_PATH, 12)
    assert finding.message == "required field 'type' is missing (add it above this line); see docs/contributing.md"


def test_page_outside_the_navigation_is_caught_by_the_checks(tmp_path):
    root = write_site(tmp_path, {"orphan.md": "# Orphan\n"})
    (root / "mkdocs.yml").write_text(NAV_CONFIG, encoding="utf-8")
    assert ("nav-omitted", "docs/orphan.md", None) in codes(check(root).findings)


def test_navigation_naming_a_missing_page_is_caught(tmp_path):
    root = write_site(tmp_path)
    (root / "mkdocs.yml").write_text(NAV_CONFIG.replace("  - Home: index.md\n", "  - Home: index.md\n  - Gone: gone.md\n"),
                                     encoding="utf-8")
    assert codes(check(root).findings) == [("nav-not-found", "mkdocs.yml", 4)]


def test_pages_in_not_in_nav_and_generated_lists_pass(tmp_path):
    root = write_site(tmp_path)
    (root / "mkdocs.yml").write_text(NAV_CONFIG, encoding="utf-8")
    assert not [f for f in check(root).findings if f.code.startswith("nav-")]


# Each slip: the pages it changes, and the finding both `make check` and the build must name.
SLIPS = {
    "clean": ({}, None),
    "future-date": ({"developments/cn-2024-initiative.md": DEV.replace("date: 2024-11-20", "date: 2031-01-15")},
                    "date-in-future"),
    "page-outside-nav": ({"orphan.md": "# Orphan\n"}, "nav-omitted"),
    "unknown-recommendation": ({"developments/cn-2024-initiative.md": DEV.replace(
        "  - id: data-free-port", "  - id: data-free-prot")}, "unknown-recommendation"),
    "missing-field": ({"developments/cn-2024-initiative.md": DEV.replace("type: initiative\n", "")},
                      "front-matter-missing-field"),
    "placeholder-left": ({"developments/cn-2024-initiative.md": DEV.replace(
        "A text [@", "TODO: what it is [@")}, "placeholder-left"),
}


@pytest.mark.parametrize("slip", list(SLIPS))
def test_check_and_build_agree(tmp_path, monkeypatch, slip):
    monkeypatch.setenv("SITE_TODAY", "2026-12-06")
    pages, code = SLIPS[slip]
    root = write_buildable_site(tmp_path, pages)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(yaml.safe_load(NAV_CONFIG.replace("site_name: Fixture\n", "")))
    config["nav"].append({"Methodology": "methodology.md"})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {**BUILD_ENV, "SITE_TODAY": "2026-12-06"}
    checked = subprocess.run([sys.executable, "-m", "sitecheck", "--root", str(root)],
                             capture_output=True, text=True, env=env)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")],
                           capture_output=True, text=True, env=env, cwd=root)
    assert (checked.returncode == 0) == (built.returncode == 0), (checked.stdout, built.stderr)
    if code is None:
        assert built.returncode == 0, built.stderr
    else:
        assert checked.returncode == 1 and f"[{code}]" in checked.stdout, checked.stdout
        assert f"[{code}]" in built.stdout + built.stderr, built.stderr
