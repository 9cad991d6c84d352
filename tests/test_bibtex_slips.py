"""Every BibTeX slip or oddity is exactly one finding, with its file and line; the broken
entry alone is lost and the rest of its file still loads; nothing raises."""
import os

import pytest

from sitefactory import BIB, check, write_site

PATH = "bibliography/sources.bib"
FIRST = BIB.split("\n\n")[0] + "\n"  # memo-2019, lines 1-7
SECOND_KEY = "cn-2024-initiative-text"

SLIPS = {
    # name: (the broken file's text, the one error expected: code, line)
    "missing closing brace": (BIB.replace("{Consensus Memorandum},", "{Consensus Memorandum,"), "bib-syntax", 1),
    "extra closing brace": (BIB.replace("{Consensus Memorandum},", "{Consensus Memorandum}},"), "bib-syntax", 1),
    "field given twice": (BIB.replace("  year = {2020},", "  year = {2020},\n  Year = {2021},"),
                          "bib-duplicate-field", 5),
    "key again in other capitals": (BIB + "\n" + FIRST.replace("memo-2019", "Memo-2019"), "bib-duplicate-key", 17),
    "@string macro": ("@string{ncuscr = {National Committee}}\n\n" + BIB, "bib-macro", 1),
    "@preamble": ('@preamble{"\\newcommand{\\x}{y}"}\n\n' + BIB, "bib-macro", 1),
    "crossref to itself": (BIB.replace("  year = {2020},", "  year = {2020},\n  crossref = {memo-2019},"),
                           "bib-crossref", 5),
    "non-ASCII key": (BIB + "\n" + FIRST.replace("memo-2019", "mémo-2020"), "bib-key-format", 17),
    "NUL byte in a field": (BIB.replace("Consensus", "Con\x00sensus"), "bib-control-char", 3),
    "ESC byte in a field": (BIB.replace("Consensus", "Con\x1b[31msensus"), "bib-control-char", 3),
    "empty title": (BIB.replace("{Consensus Memorandum}", "{{ }}"), "bib-missing-field", 3),
    "script in a url": (BIB.replace("https://www.ncuscr.org/memo", 'https://www.ncuscr.org/"><script>x()</script>'),
                        "bib-bad-url", 5),
    "malformed escape in a url": (BIB.replace("https://www.ncuscr.org/memo", "https://www.ncuscr.org/a%zz"),
                                  "bib-bad-url", 5),
    "bare word value": (BIB.replace("year = {2020}", "year = twenty"), "bib-syntax", 4),
    "too many commas in a name": (BIB.replace("{{National Committee on U.S.-China Relations}}", "{A, B, C, D}"),
                                  "bib-syntax", 2),
    "text outside any entry": (BIB + "\nsee also memo@example.org\n", "bib-syntax", 17),
    "entry without a key": (BIB + "\n@online{\n  title = {A title},\n}\n", "bib-syntax", 17),
}


def errors_for(tmp_path, text):
    found = check(write_site(tmp_path, bibs={"sources.bib": text})).findings
    return [f for f in found if f.severity == "error"], found


@pytest.mark.parametrize("name", list(SLIPS))
def test_one_slip_is_one_finding_at_its_line(tmp_path, name):
    text, code, line = SLIPS[name]
    errors, _ = errors_for(tmp_path, text)
    assert [(f.code, f.path, f.line) for f in errors] == [(code, PATH, line)], [f.format() for f in errors]


def test_a_broken_entry_costs_that_entry_alone(tmp_path):
    text = BIB.replace("{Consensus Memorandum},", "{Consensus Memorandum,")  # memo-2019 never closed
    bib_check = check(write_site(tmp_path, bibs={"sources.bib": text}))
    assert SECOND_KEY in bib_check.bib.sources and "memo-2019" not in bib_check.bib.sources
    (finding,) = [f for f in bib_check.findings if f.severity == "error"]
    assert "'memo-2019'" in finding.message and "'}' is missing" in finding.message


def test_a_comment_entry_and_comment_lines_are_accepted(tmp_path):
    text = "% Sources; questions to editors@example.org\n@comment{an old note, with {braces}}\n\n" + BIB
    errors, found = errors_for(tmp_path, text)
    assert found == []


def test_an_entry_in_parentheses_is_accepted(tmp_path):
    text = BIB.replace("@online{memo-2019,", "@online(memo-2019,").replace("primary},\n}\n\n@online{cn",
                                                                          "primary},\n)\n\n@online{cn")
    assert errors_for(tmp_path, text)[1] == []


def test_http_url_with_a_stated_reason_is_not_warned_about(tmp_path):
    text = BIB.replace("https://www.ncuscr.org/memo",
                       "http://www.ncuscr.org/memo},\n  httponly = {the site does not answer over https")
    assert errors_for(tmp_path, text)[1] == []


@pytest.mark.parametrize("name, make, code", [
    ("empty.bib", lambda p: p.write_text(""), "bib-empty-file"),
    ("image.bib", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"), "bib-binary"),
    ("folder.bib", lambda p: p.mkdir(), "bib-not-a-file"),
    # the same walk as docs/ (files.walk), so the same findings
    ("outside.bib", lambda p: p.symlink_to("/etc/os-release"), "file-link-outside"),
    ("dangling.bib", lambda p: p.symlink_to(p.parent / "nothing-here.bib"), "file-link-broken"),
    ("loop.bib", lambda p: p.symlink_to(p), "file-link-broken"),
    ("linked-folder", lambda p: p.symlink_to(p.parent), "file-link-loop"),
    ("pipe.bib", lambda p: os.mkfifo(p), "file-not-regular"),
    ("CAPITALS.BIB", lambda p: p.write_text(FIRST.replace("memo-2019", "other-2019")), "bib-file-name"),
])
def test_file_system_oddity_is_a_finding_and_never_read(tmp_path, name, make, code):
    root = write_site(tmp_path)
    make(root / "bibliography" / name)
    found = check(root).findings
    assert [(f.code, f.path) for f in found] == [(code, f"bibliography/{name}")], [f.format() for f in found]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_finding(tmp_path):
    root = write_site(tmp_path, bibs={"locked.bib": FIRST.replace("memo-2019", "other-2019")})
    (root / "bibliography" / "locked.bib").chmod(0)
    found = check(root).findings
    assert [(f.code, f.path) for f in found] == [("bib-unreadable", "bibliography/locked.bib")]


def test_citing_a_broken_entry_is_not_reported_again_on_every_page(tmp_path):
    text = BIB.replace("  year = {2020},", "  year = {2020},\n  year = {2021},")  # memo-2019 is cited twice
    errors, _ = errors_for(tmp_path, text)
    assert [f.code for f in errors] == ["bib-duplicate-field"]
