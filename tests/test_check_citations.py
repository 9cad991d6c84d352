"""Citation keys, as mkdocs-bibtex will read them."""
import pytest

from sitefactory import BIB, DEV, REC, check, codes, write_site

REC_PATH = "docs/recommendations/data-free-port.md"
DEV_PATH = "docs/developments/cn-2024-initiative.md"
CITE = '[@memo-2019, "Data Governance"]'


@pytest.mark.parametrize("citation, code", [
    ("[@memo-2091]", "citation-unknown-key"),
    ("[@memo-2019; @nobody-1999]", "citation-unknown-key"),
    ("[see @nobody-1999, p. 3]", "citation-unknown-key"),
    ("[@memo-2019:12]", "citation-key-truncated"),
    ("[@memo-2019;\n@memo-2019]", "citation-split"),
    ("[@memo-2019] (see `\\bibliography`)", "bibliography-command-inline"),
])
def test_citation_defect_is_reported_at_its_line(tmp_path, citation, code):
    page = REC.replace(CITE, citation)
    found = codes(check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings)
    assert (code, REC_PATH, 15) in found, found


def test_unknown_key_suggests_the_nearest(tmp_path):
    page = REC.replace(CITE, "[@memo-2091]")
    (finding,) = [f for f in check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings
                  if f.code == "citation-unknown-key"]
    assert "did you mean 'memo-2019'?" in finding.message


def test_citation_in_code_is_still_read_because_the_plugin_reads_it(tmp_path):
    page = REC.replace(CITE, "`[@nobody-1999]`")
    found = codes(check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings)
    assert ("citation-unknown-key", REC_PATH, 15) in found


def test_front_matter_source_must_exist(tmp_path):
    dev = DEV.replace("memo-2019]\n", "memo-2019, ghost-2024]\n")
    found = codes(check(write_site(tmp_path, {"developments/cn-2024-initiative.md": dev})).findings)
    assert ("citation-unknown-key", DEV_PATH, 12) in found


def test_development_needs_a_primary_source(tmp_path):
    secondary = BIB.replace("keywords = {primary},\n}\n", "keywords = {secondary},\n}\n")
    found = codes(check(write_site(tmp_path, bibs={"sources.bib": secondary})).findings)
    assert ("no-primary-source", DEV_PATH, 12) in found


def test_a_line_too_long_for_the_citation_reader_is_refused_quickly(tmp_path):
    page = REC.replace(CITE, "[@" * 50_000)  # mkdocs-bibtex would take a minute over it
    found = codes(check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings)
    assert ("citation-line-too-long", REC_PATH, 15) in found and "citation-unknown-key" not in str(found)


DEV_CITES = "A text [@cn-2024-initiative-text; @memo-2019]."


@pytest.mark.parametrize("old, new, expected", [
    (DEV_CITES, "A text without citations.", [("development-cites-nothing", DEV_PATH, 12)]),
    (DEV_CITES, "A text [@cn-2024-initiative-text].", [("source-not-cited", DEV_PATH, 12)]),
    ("memo-2019]\n", "]\n", [("citation-not-in-sources", DEV_PATH, 19)]),
    ("## Sources\n\n\\bibliography\n", "", [("bibliography-command-missing", DEV_PATH, 19),
                                           ("sources-section-missing", DEV_PATH, 19)]),
    ("\\bibliography\n", "", [("bibliography-command-missing", DEV_PATH, 19)]),
    ("## Sources\n", "", [("sources-section-missing", DEV_PATH, 19)]),
])
def test_development_sources_and_text_agree(tmp_path, old, new, expected):
    dev = DEV.replace(old, new)
    assert dev != DEV
    found = check(write_site(tmp_path, {"developments/cn-2024-initiative.md": dev})).findings
    assert codes(f for f in found if f.severity == "error") == expected


def test_any_page_that_cites_needs_its_reference_list(tmp_path):
    page = "# Methodology\n\nAs the memorandum says [@memo-2019].\n"
    found = codes(check(write_site(tmp_path, {"methodology.md": page})).findings)
    assert found == [("bibliography-command-missing", "docs/methodology.md", 3)]
