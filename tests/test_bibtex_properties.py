"""Property tests over BibTeX text: whatever a contributor writes, the bibliography checks
return findings (each with its file and a real line) and never raise, in time linear in
the size of the text."""
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitecheck.bibliography import check_text
from sitecheck.bibtex_scan import scan
from sitecheck.findings import Finding
from sitefactory import BIB

PATH = "bibliography/sources.bib"
FRAGMENTS = ["@online{", "@online(", "@string{", "@preamble{", "@comment{", "@", "key-1", "Key-1", "mémo", ",",
             " = ", "=", "{", "}", "(", ")", '"', "%", "\n", " ", "\t", "\r\n", "title", "author", "url", "year",
             "crossref", "xdata", "keywords", "primary", " and ", "\x00", "\x1b", "\u202e", "\ufeff", "#", "\\",
             "https://a.org/x", "http://a.org", '"><script>', "2020", "jan", "}}", "{{"]
bibtex_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map("".join)


def _well_formed(text, findings):
    lines = text.count("\n") + 1
    for finding in findings:
        assert isinstance(finding, Finding) and finding.path == PATH, finding
        assert finding.line is None or 1 <= finding.line <= lines, (finding, lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bibtex_like)
def test_any_text_gives_findings_never_an_exception(text):
    bib, findings = check_text(text, PATH)
    _well_formed(text, findings)
    assert set(bib.sources) == set(bib.data.entries)  # mkdocs-bibtex gets exactly what was checked


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_mutated_real_entry_gives_findings_never_an_exception(data):
    text = BIB
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        if data.draw(st.booleans()):
            text = text[:at] + data.draw(st.sampled_from(FRAGMENTS)) + text[at:]
        else:
            text = text[:at] + text[at + data.draw(st.integers(1, 8)):]
    bib, findings = check_text(text, PATH)
    _well_formed(text, findings)
    entries = [e for e in scan(text)[0] if e.type != "comment"]
    errors = [f for f in findings if f.severity == "error"]
    assert len(bib.sources) == len(entries) or errors  # an entry that is not loaded is always explained


PATHOLOGICAL = {
    "unclosed braces": lambda n: "@online{k," + "{" * n,
    "entry starts": lambda n: "@online{" * (n // 8),
    "at signs on one line": lambda n: "x@" * (n // 2),
    "at signs in comments": lambda n: "%@" * (n // 2),
    "one long url": lambda n: "@online{x, url={https://" + "a." * (n // 2) + "}}",
    "many small entries": lambda n: "".join(f"@a{{k{i},}}\n" for i in range(n // 12)),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_time_grows_linearly_with_the_text(name):
    def seconds(size):
        text = PATHOLOGICAL[name](size)
        start = time.process_time()
        check_text(text, PATH)
        return time.process_time() - start

    small, large = seconds(10_000), seconds(40_000)  # 4x the text: 4x the time, not 16x
    assert large <= 8 * small + 0.1, (small, large)
