"""The status history of a recommendation: each slip gives exactly one finding, at the
line of the entry or field that holds it."""
import pytest

from sitefactory import BLOCK_HISTORY, DEV, check, write_site
from sitefactory import REC as FLOW_REC

REC_PATH = "docs/recommendations/data-free-port.md"
TODAY = "2026-12-06"
# The fixture page with its history in block style, as real pages write it: the
# assessments start at line 7, the entries at lines 8 and 12.
_lines = FLOW_REC.split("\n")
REC = "\n".join(_lines[:6]) + "\n" + BLOCK_HISTORY + "\n".join(_lines[8:])
LATE_ENTRY = """  - as_of: 2026-10-01
    status: stalled
    evidence: [cn-2024-initiative]
    reason: Nothing has changed since the initiative was published.
"""


def history_findings(tmp_path, rec, pages=None):
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": rec, **(pages or {})}))
    return [(f.code, f.severity, f.path, f.line) for f in checked.findings if f.code.startswith(("assessment", "front"))]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("SITE_TODAY", TODAY)


@pytest.mark.parametrize("old, new, code, line", [
    # the first entry is not the 2019 baseline
    ("  - as_of: 2019-12-10", "  - as_of: 2020-01-01", "assessment-baseline", 8),
    # entries out of date order: a third entry dated before the second
    ("proposed since.\n", "proposed since.\n" + LATE_ENTRY, "assessment-order", 16),
    # an assessment dated after today
    ("  - as_of: 2026-11-01", "  - as_of: 2027-01-01", "assessment-future", 12),
    # evidence that is not a development
    ("evidence: [cn-2024-initiative]", "evidence: [cn-2024-initiatve]", "assessment-evidence-unknown", 14),
    # evidence dated after the entry that cites it
    ("evidence: []", "evidence: [cn-2024-initiative]", "assessment-evidence-later", 10),
    # a status other than no-visible-action without evidence
    ("evidence: [cn-2024-initiative]", "evidence: []", "assessment-without-evidence", 14),
    # a reason of two sentences, and a reason without a full stop
    ("no bilateral port has been proposed since.", "no port was proposed. Talks stopped.", "assessment-reason", 15),
    ("no government had acted on a free data port.", "no action", "assessment-reason", 11),
    # a status outside the scale, a missing field, an unknown field
    ("    status: stalled", "    status: stuck", "front-matter-bad-value", 13),
    ("    reason: China's", "    reasons: China's", "front-matter-unknown-field", 15),
    ("    evidence: [cn-2024-initiative]\n", "", "front-matter-missing-field", 12),
])
def test_history_slip_gives_one_finding_at_its_line(tmp_path, old, new, code, line):
    assert old in REC
    found = history_findings(tmp_path, REC.replace(old, new, 1))
    assert found == [(code, "error", REC_PATH, line)]


def test_the_finding_says_how_to_fix_it(tmp_path):
    rec = REC.replace("evidence: [cn-2024-initiative]", "evidence: [cn-2024-initiatve]")
    (finding,) = [f for f in check(write_site(tmp_path, {"recommendations/data-free-port.md": rec})).findings
                  if f.code == "assessment-evidence-unknown"]
    assert "did you mean 'cn-2024-initiative'?" in finding.message


def test_evidence_must_name_the_recommendation(tmp_path):
    other = REC.replace("id: data-free-port", "id: data-classification").replace("number: 5", "number: 4") \
        .replace("See [the initiative](../developments/cn-2024-initiative.md#what-it-is).", "")
    found = history_findings(tmp_path, REC, {"recommendations/data-classification.md": other})
    assert found == [("assessment-evidence-unrelated", "error", "docs/recommendations/data-classification.md", 14)]


def test_latest_assessment_older_than_six_months_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_TODAY", "2027-05-02")  # six months and a day after 2026-11-01
    assert history_findings(tmp_path, REC) == [("assessment-stale", "warning", REC_PATH, 12)]
    monkeypatch.setenv("SITE_TODAY", "2027-05-01")
    assert history_findings(tmp_path, REC) == []


def test_development_newer_than_the_latest_assessment_is_a_warning(tmp_path):
    rec = REC.replace("  - as_of: 2026-11-01", "  - as_of: 2024-11-20")
    newer = DEV.replace("id: cn-2024-initiative", "id: cn-2025-rules").replace("date: 2024-11-20", "date: 2025-03-01")
    found = history_findings(tmp_path, rec, {"developments/cn-2025-rules.md": newer})
    assert ("assessment-outdated", "warning", REC_PATH, 12) in found
    assert [f for f in found if f[1] == "error"] == []


def test_status_and_date_are_the_last_entry(tmp_path):
    rec = check(write_site(tmp_path, {"recommendations/data-free-port.md": REC})).model.recommendations["data-free-port"]
    assert [(a.as_of.isoformat(), a.status, a.line) for a in rec.assessments] == [
        ("2019-12-10", "no-visible-action", 8), ("2026-11-01", "stalled", 12)]
    assert (rec.status, rec.status_as_of.isoformat()) == ("stalled", "2026-11-01")
