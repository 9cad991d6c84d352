"""Front matter and cross-references: each defect gives exactly one finding, at its line."""
import pytest

from sitefactory import DEV, REC, check, codes, write_site

REC_PATH = "docs/recommendations/data-free-port.md"
DEV_PATH = "docs/developments/cn-2024-initiative.md"


@pytest.mark.parametrize("old, new, code, path, line", [
    # an enumerated field with a value outside its vocabulary
    ("status: stalled", "status: stuck", "front-matter-bad-value", REC_PATH, 8),
    ("effect: mixed", "effect: helps", "front-matter-bad-value", DEV_PATH, 11),
    ("actors: [china]", "actors: [china, mars]", "front-matter-bad-value", DEV_PATH, 6),
    ("type: initiative", "type: vibe", "front-matter-bad-value", DEV_PATH, 7),
    # an impossible calendar date
    ("date: 2024-11-20", "date: 2024-02-30", "front-matter-bad-date", DEV_PATH, 4),
    ("as_of: 2026-11-01", "as_of: soon", "front-matter-bad-date", REC_PATH, 8),
    # a field of the wrong type
    ("number: 5", "number: five", "front-matter-bad-type", REC_PATH, 3),
    ("sources: [cn-2024-initiative-text, memo-2019]", "sources: cn-2024-initiative-text", "front-matter-bad-type", DEV_PATH, 12),
    # a required field missing: reported above the closing "---", where it belongs
    ("summary: China published an initiative.\n", "", "front-matter-missing-field", DEV_PATH, 12),
    # an unknown field
    ("type: initiative", "type: initiative\nstatuss: x", "front-matter-unknown-field", DEV_PATH, 8),
    # a recommendation id that does not exist
    ("  - id: data-free-port", "  - id: data-free-prot", "unknown-recommendation", DEV_PATH, 10),
    # id and file name disagree
    ("id: cn-2024-initiative", "id: cn-2024-other", "id-file-mismatch", DEV_PATH, 2),
    # YAML that does not parse
    ("title: An initiative", "title: [unclosed", "front-matter-yaml", DEV_PATH, 4),
])
def test_front_matter_defect_is_reported_at_its_line(tmp_path, old, new, code, path, line):
    rec, dev = REC, DEV
    if path == REC_PATH:
        rec = REC.replace(old, new, 1)
    else:
        dev = DEV.replace(old, new, 1)
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": rec,
                                          "developments/cn-2024-initiative.md": dev}))
    assert (code, path, line) in codes(checked.findings), codes(checked.findings)
    assert all(f.path == path for f in checked.findings if f.code.startswith("front-matter")), checked.findings


def test_bad_value_suggests_the_nearest_allowed_value(tmp_path):
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": REC.replace("stalled", "staled")}))
    (finding,) = [f for f in checked.findings if f.code == "front-matter-bad-value"]
    assert "did you mean 'stalled'?" in finding.message


def test_duplicate_id_across_pages(tmp_path):
    other = DEV.replace("title: An initiative", "title: Another")
    checked = check(write_site(tmp_path, {"developments/copy.md": other}))
    found = codes(checked.findings)
    assert ("id-duplicate", "docs/developments/copy.md", 2) in found  # the second in path order
    assert ("id-file-mismatch", "docs/developments/copy.md", 2) in found
    assert not any(f[0] == "id-duplicate" and f[1] == DEV_PATH for f in found)


def test_a_development_may_not_take_a_year_pages_name(tmp_path):
    checked = check(write_site(tmp_path, {"developments/2024.md": DEV.replace("id: cn-2024-initiative", "id: \"2024\"")}))
    (finding,) = [f for f in checked.findings if f.code == "id-reserved"]
    assert (finding.path, finding.line) == ("docs/developments/2024.md", 2)
    assert "timeline's page for the year 2024" in finding.message


def test_no_visible_action_needs_no_development(tmp_path):
    rec = REC.replace("status: stalled", "status: no-visible-action").replace("[cn-2024-initiative]", "[]").replace(
        "See [the initiative](../developments/cn-2024-initiative.md#what-it-is).", "Nothing.")
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": None,
                                          "recommendations/data-free-port.md": rec},
                               {"sources.bib": None, "memo.bib": "@online{memo-2019, author={{NCUSCR}}, "
                                "title={Memo}, year={2020}, url={https://www.ncuscr.org/}, keywords={primary}}"}))
    assert checked.findings == []


def test_missing_marker_is_reported(tmp_path):
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": REC.replace("<!-- developments -->", "")}))
    assert ("marker-missing", REC_PATH, None) in codes(checked.findings)


def test_duplicate_number(tmp_path):
    other = REC.replace("id: data-free-port", "id: data-classification")
    checked = check(write_site(tmp_path, {"recommendations/data-classification.md": other}))
    assert any(f.code == "number-duplicate" for f in checked.findings)


def test_unclosed_front_matter(tmp_path):
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": DEV.replace("---\n\n# An", "\n# An")}))
    assert ("front-matter-unclosed", DEV_PATH, 1) in codes(checked.findings)


def test_page_that_is_not_utf8_is_reported(tmp_path):
    root = write_site(tmp_path)
    (root / "docs" / "developments" / "bad.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    assert ("page-not-utf8", "docs/developments/bad.md", None) in codes(check(root).findings)


def test_front_matter_that_is_a_list_is_reported(tmp_path):
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": "---\n- a\n- b\n---\n# X\n"}))
    assert ("front-matter-not-mapping", DEV_PATH, 2) in codes(checked.findings)


def test_recommendation_discussing_a_development_that_does_not_name_it_is_warned(tmp_path):
    other_rec = REC.replace("id: data-free-port", "id: data-classification").replace("number: 5", "number: 4") \
        .replace("See [the initiative](../developments/cn-2024-initiative.md#what-it-is).", "See below.")
    unrelated = DEV.replace("id: cn-2024-initiative", "id: cn-2024-unrelated").replace(
        "  - id: data-free-port", "  - id: data-classification").replace(
        "../recommendations/data-free-port.md", "../recommendations/data-classification.md")
    rec = REC.replace("<!-- developments -->", "And [another](../developments/cn-2024-unrelated.md).\n\n<!-- developments -->")
    checked = check(write_site(tmp_path, {"developments/cn-2024-unrelated.md": unrelated,
                                          "recommendations/data-classification.md": other_rec,
                                          "recommendations/data-free-port.md": rec}))
    found = [(f.code, f.severity, f.path, f.line) for f in checked.findings if f.code == "cross-reference-one-way"]
    assert found == [("cross-reference-one-way", "warning", REC_PATH, 21)]


def test_development_that_names_a_recommendation_without_explaining_it_is_warned(tmp_path):
    dev = DEV.replace("On [the port](../recommendations/data-free-port.md).", "On the port.")
    checked = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": dev}))
    found = [(f.code, f.severity, f.path, f.line) for f in checked.findings if f.code == "effect-unexplained"]
    assert found == [("effect-unexplained", "warning", DEV_PATH, 10)]
