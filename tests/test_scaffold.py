"""make new-development / make new-source: what they write passes the checks and the
strict build once its placeholders are filled; an id or key that exists is refused."""
import re

import pytest

from conftest import mkdocs_build
from sitefactory import check, write_buildable_site, write_site
from sitecheck import scaffold
from sitecheck.findings import errors

KEY, DEV_ID, REC = "whitehouse-2026-example-order", "us-2026-example-order", "data-free-port"


def fill_development(text: str) -> str:
    """What a contributor types in place of each placeholder."""
    for old, new in (("date: YYYY-MM-DD", "date: 2026-11-30"), ("date_kind: TODO", "date_kind: issued"),
                     ("actors: [TODO]", "actors: [united-states]"), ("type: TODO", "type: executive-order"),
                     ("effect: TODO", "effect: context")):
        text = text.replace(old, new)
    return re.sub(r"TODO: ", "", text)


def fill_source(text: str) -> str:
    for old, new in (("{TODO: the issuing body, or Last, First}", "{The White House}"),
                     ("date = {YYYY-MM-DD}", "date = {2026-11-30}"),
                     ("https://TODO.example/the-original-page", "https://www.whitehouse.gov/example-order/"),
                     ("{TODO: primary or secondary}", "{primary}")):
        text = text.replace(old, new)
    return re.sub(r"TODO: ", "", text)


@pytest.fixture
def scaffolded(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_TODAY", "2026-12-06")
    root = write_buildable_site(tmp_path)
    bib = scaffold.new_source(root, KEY, rec_id=REC)
    page = scaffold.new_development(root, DEV_ID, REC, KEY)
    return root, bib, page


def test_scaffolds_land_in_the_right_files_with_todays_access_date(scaffolded):
    root, bib, page = scaffolded
    assert bib == root / "bibliography" / "data-governance.bib"  # the section of data-free-port
    assert page == root / "docs" / "developments" / f"{DEV_ID}.md"
    assert "urldate = {2026-12-06}" in bib.read_text(encoding="utf-8")
    assert f"id: {DEV_ID}\n" in page.read_text(encoding="utf-8")


def test_unfilled_scaffold_fails_the_checks_at_each_placeholder(scaffolded):
    root, bib, page = scaffolded
    found = errors(check(root).findings)
    assert ("placeholder-left", f"docs/developments/{DEV_ID}.md", 3) in [(f.code, f.path, f.line) for f in found]
    assert ("front-matter-bad-date", f"docs/developments/{DEV_ID}.md", 4) in [(f.code, f.path, f.line) for f in found]
    assert any(f.path == "bibliography/data-governance.bib" and f.code == "bib-bad-date" for f in found)


def test_filled_scaffold_passes_the_checks_and_the_strict_build(scaffolded):
    root, bib, page = scaffolded
    page.write_text(fill_development(page.read_text(encoding="utf-8")), encoding="utf-8")
    bib.write_text(fill_source(bib.read_text(encoding="utf-8")), encoding="utf-8")
    findings = check(root).findings
    assert not errors(findings), findings
    assert not [f for f in findings if f.path in (f"docs/developments/{DEV_ID}.md", "bibliography/data-governance.bib")]
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "developments" / f"{DEV_ID}.html").exists()


def test_new_source_keeps_entries_in_key_order(tmp_path):
    root = write_site(tmp_path, bibs={"data-governance.bib": "@online{aaa-2020-a,\n  title = {A},\n}\n\n"
                                                             "@online{zzz-2020-z,\n  title = {Z},\n}\n"})
    scaffold.new_source(root, "mmm-2026-m", section="data-governance")
    keys = re.findall(r"@online\{([^,]+),", (root / "bibliography" / "data-governance.bib").read_text(encoding="utf-8"))
    assert keys == ["aaa-2020-a", "mmm-2026-m", "zzz-2020-z"]


def test_existing_id_or_key_is_refused(tmp_path):
    root = write_site(tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match="id 'cn-2024-initiative' already exists"):
        scaffold.new_development(root, "cn-2024-initiative", REC, KEY)
    with pytest.raises(scaffold.ScaffoldError, match=r"key 'memo-2019' already exists \(bibliography/sources.bib:1\)"):
        scaffold.new_source(root, "memo-2019", rec_id=REC)


def test_bad_arguments_are_refused_with_the_fix(tmp_path):
    root = write_site(tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match=r"\n  data-free-port +A free data port"):
        scaffold.new_development(root, DEV_ID, "data-free-prot", KEY)
    with pytest.raises(scaffold.ScaffoldError, match="not a development id"):
        scaffold.new_development(root, "Example Order", REC, KEY)
    with pytest.raises(scaffold.ScaffoldError, match="not a BibTeX key"):
        scaffold.new_source(root, "WhiteHouse_2026", rec_id=REC)


def test_command_line_reports_a_refusal_without_writing(tmp_path, capsys):
    root = write_site(tmp_path)
    before = sorted(p.name for p in (root / "docs" / "developments").iterdir())
    assert scaffold.main(["--root", str(root), "development", "--id", "cn-2024-initiative",
                          "--rec", REC, "--source", KEY]) == 2
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in (root / "docs" / "developments").iterdir()) == before
