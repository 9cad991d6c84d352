"""The build and `make check` agree on BibTeX slips: the build reports the same findings
and stops before mkdocs-bibtex, pybtex or pandoc see the entry; what the checks accept,
mkdocs-bibtex builds from the checks' own parse."""
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitefactory import BIB, check, write_buildable_site
from test_bibtex_slips import SLIPS


def _build(root):
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))


@pytest.mark.parametrize("name", ["missing closing brace", "field given twice", "key again in other capitals",
                                  "crossref to itself"])
def test_build_reports_what_the_check_reports_and_stops(tmp_path, caplog, name):
    root = write_buildable_site(tmp_path, bibs={"sources.bib": SLIPS[name][0]})
    expected = sorted(f.format() for f in check(root).findings if f.severity == "error")
    with pytest.raises(Abort) as raised:
        _build(root)
    logged = sorted(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert logged == expected and len(expected) == 1
    assert str(raised.value).startswith(f"{len(expected)} error(s)")
    assert not (root / "site").exists()


def test_oddities_the_checks_accept_build(tmp_path):
    """pybtex alone rejects an '@' in a comment line; the build never hands it the files."""
    text = ("\ufeff% Questions: editors@example.org\n@comment{an old note}\n\n"
            + BIB.replace("https://www.ncuscr.org/memo",
                          "http://www.ncuscr.org/memo},\n  httponly = {the site answers over http only"))
    root = write_buildable_site(tmp_path, bibs={"sources.bib": text})
    _build(root)
    html = (root / "site" / "recommendations" / "data-free-port.html").read_text(encoding="utf-8")
    assert 'href="http://www.ncuscr.org/memo"' in html
