"""The bibliography checks: syntax, duplicates, required fields, URLs, DOIs, kinds."""
import pytest

from sitefactory import BIB, check, codes, write_site


def findings_for(tmp_path, bib_text, name="sources.bib"):
    return check(write_site(tmp_path, bibs={name: bib_text})).findings


@pytest.mark.parametrize("old, new, code, line", [
    ("  title = {Consensus Memorandum},\n", "", "bib-missing-field", 1),
    ("  author = {{National Committee on U.S.-China Relations}},\n", "", "bib-missing-field", 1),
    ("  year = {2020},\n", "", "bib-missing-field", 1),
    ("  url = {https://www.ncuscr.org/memo},\n", "", "bib-missing-field", 1),
    ("url = {https://www.ncuscr.org/memo}", "url = {javascript:alert(1)}", "bib-bad-url", 5),
    ("url = {https://www.ncuscr.org/memo}", "url = {https://www.ncuscr.org/a memo}", "bib-bad-url", 5),
    ("url = {https://www.ncuscr.org/memo}", "url = {www.ncuscr.org/memo}", "bib-bad-url", 5),
    ("url = {https://www.ncuscr.org/memo}", "url = {https://www.ncuscr.org/memo?a=1\\&b=2}", "bib-bad-url", 5),
    ("url = {https://www.ncuscr.org/memo}", "url = {https://www.ncuscr.org/memo},\n  doi = {doi.org/10.1/x}",
     "bib-bad-doi", 6),
    ("year = {2020}", "date = {2020-02-30}", "bib-bad-date", 4),
    ("keywords = {primary}", "keywords = {official}", "bib-missing-kind", 6),
    ("@online{memo-2019,", "@online{Memo:2019,", "bib-key-format", 1),
])
def test_entry_defect_is_reported_at_its_line(tmp_path, old, new, code, line):
    found = codes(findings_for(tmp_path, BIB.replace(old, new, 1)))
    assert (code, "bibliography/sources.bib", line) in found, found


def test_http_url_is_a_warning_not_an_error(tmp_path):
    found = findings_for(tmp_path, BIB.replace("https://www.ncuscr.org/memo", "http://www.ncuscr.org/memo"))
    assert [(f.code, f.severity, f.line) for f in found] == [("bib-insecure-url", "warning", 5)]


def test_syntax_error_names_file_line_and_entry(tmp_path):
    broken = BIB.replace("  title = {Consensus Memorandum},", "  title = {Consensus Memorandum,")
    found = [f for f in findings_for(tmp_path, broken) if f.severity == "error"]
    assert [(f.code, f.path, f.line) for f in found] == [("bib-syntax", "bibliography/sources.bib", 1)]
    assert "entry 'memo-2019' is not closed" in found[0].message


def test_duplicate_key_in_one_file(tmp_path):
    found = codes(findings_for(tmp_path, BIB + BIB.split("\n\n")[0] + "\n"))
    assert ("bib-duplicate-key", "bibliography/sources.bib", 16) in found


def test_duplicate_key_across_files(tmp_path):
    found = check(write_site(tmp_path, bibs={"more.bib": BIB.split("\n\n")[0] + "\n"})).findings
    dupes = [f for f in found if f.code == "bib-duplicate-key"]
    assert [(f.path, f.line) for f in dupes] == [("bibliography/sources.bib", 1)]
    assert "already defined at bibliography/more.bib:1" in dupes[0].message


def test_unused_entry_is_a_warning(tmp_path):
    extra = BIB.split("\n\n")[0].replace("memo-2019", "never-cited") + "\n"
    found = check(write_site(tmp_path, bibs={"more.bib": extra})).findings
    assert [(f.code, f.severity, f.path, f.line) for f in found] == [
        ("bib-unused", "warning", "bibliography/more.bib", 1)]


def test_a_file_that_is_not_utf8_is_reported_not_crashed_on(tmp_path):
    root = write_site(tmp_path)
    (root / "bibliography" / "latin1.bib").write_bytes(b"@online{x-1,\n  title = {Caf\xe9},\n}\n")
    found = [f for f in check(root).findings if f.code == "bib-not-utf8"]
    assert [(f.path, f.line) for f in found] == [("bibliography/latin1.bib", 2)]


def test_the_real_tree_prints_no_findings_at_all():
    """Not even warnings: a contributor's own findings are never buried under old ones.
    Staleness alone is left out: it depends on the day the tests run (six months after
    the latest assessment it is due, and says so), not on the tree; fixtures test it."""
    from conftest import REPO

    assert [f.format() for f in check(REPO).findings if f.code != "assessment-stale"] == []
