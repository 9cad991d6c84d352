"""The checks of each recommendation's status history (`assessments` in its front matter):
a dated, ordered record that starts at the memorandum and cites only what existed then."""
from __future__ import annotations

import datetime as dt
import difflib
import re

from . import clock
from .findings import WARNING, Finding
from .model import Recommendation, SiteModel

BASELINE = dt.date(2019, 12, 10)  # the memorandum's meeting in Sanya, 9-10 December 2019
NO_ACTION = "no-visible-action"
STALE_MONTHS = 6
# A sentence ends, and another begins: a lower-case letter, digit or closing mark, then
# . ! or ?, a space and a capital. "U.S. Commerce" does not match (capital before the dot).
_SENTENCE_BREAK = re.compile(r"[a-z0-9)\]'\"”’][.!?]\s+[A-Z“\"]")


def _months_before(date: dt.date, months: int) -> dt.date:
    year, month = divmod(date.year * 12 + date.month - 1 - months, 12)
    month += 1
    for day in (date.day, 30, 29, 28):  # the same day of the month, or its last day
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError(date)


def _day(date: dt.date) -> str:
    return date.isoformat()


def _reason_problem(reason: str) -> str | None:
    if not re.search(r"[.!?][\"'”’)]?$", reason):
        return "end it with a full stop"
    if "\n" in reason or _SENTENCE_BREAK.search(reason):
        return "keep to one sentence (join the clauses with a semicolon, or drop one)"
    if len(reason.split()) < 4:
        return "say why in a full sentence"
    return None


def check_recommendation_history(rec: Recommendation, model: SiteModel, today: dt.date) -> list[Finding]:
    findings = []
    path = rec.page.repo_path

    def at(i, field=None):
        return rec.page.line_of("assessments", i, *((field,) if field else ()))

    def add(i, field, code, message, severity="error"):
        findings.append(Finding(path, at(i, field), code, message, severity))

    first = rec.assessments[0]
    if first.as_of != BASELINE:
        add(0, "as_of", "assessment-baseline",
            f"the first assessment is dated {_day(first.as_of)}; the history starts with the baseline "
            f"as_of: {_day(BASELINE)} (the memorandum's meeting), the state of policy when it was agreed")
    for i, entry in enumerate(rec.assessments):
        if i and entry.as_of <= rec.assessments[i - 1].as_of:
            add(i, "as_of", "assessment-order",
                f"as_of {_day(entry.as_of)} is not after the entry before it ({_day(rec.assessments[i - 1].as_of)}); "
                "list assessments oldest first, one per date")
        if entry.as_of > today:
            add(i, "as_of", "assessment-future",
                f"as_of {_day(entry.as_of)} is in the future (today is {_day(today)}); date an assessment "
                "on the day it is made")
        for j, dev_id in enumerate(entry.evidence):
            line = rec.page.line_of("assessments", i, "evidence", j)
            dev = model.developments.get(dev_id)
            if dev is None:
                close = difflib.get_close_matches(dev_id, list(model.developments), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                findings.append(Finding(path, line, "assessment-evidence-unknown",
                                        f"evidence '{dev_id}' is not a development id{hint}; "
                                        "cite the file name of a page in docs/developments/"))
            elif dev.date > entry.as_of:
                findings.append(Finding(path, line, "assessment-evidence-later",
                                        f"evidence '{dev_id}' is dated {_day(dev.date)}, after this assessment "
                                        f"({_day(entry.as_of)}); cite it in a later entry"))
            elif rec.id not in {e.recommendation for e in dev.effects}:
                findings.append(Finding(path, line, "assessment-evidence-unrelated",
                                        f"evidence '{dev_id}' does not name '{rec.id}' in its front matter; "
                                        "add the recommendation there with its effect, or cite another development"))
        if entry.status != NO_ACTION and not entry.evidence:
            add(i, "evidence", "assessment-without-evidence",
                f"status '{entry.status}' needs at least one development as evidence; "
                f"list the ids that justify it, or use '{NO_ACTION}'")
        problem = _reason_problem(entry.reason)
        if problem:
            add(i, "reason", "assessment-reason", f"the reason must be one sentence in the site's own words: {problem}")
    findings += _staleness(rec, model, today)
    return findings


def _staleness(rec: Recommendation, model: SiteModel, today: dt.date) -> list[Finding]:
    """Warnings, not errors: the history is sound but the current status may no longer be."""
    latest, index = rec.current, len(rec.assessments) - 1
    line = rec.page.line_of("assessments", index, "as_of")
    findings = []
    if latest.as_of < _months_before(today, STALE_MONTHS):
        findings.append(Finding(rec.page.repo_path, line, "assessment-stale",
                                f"the latest assessment is dated {_day(latest.as_of)}, more than {STALE_MONTHS} "
                                "months ago; re-assess against the developments since and add an entry dated today",
                                WARNING))
    newer = [dev for dev, _ in model.developments_for(rec.id) if dev.date > latest.as_of]
    if newer:
        names = ", ".join(f"{d.id} ({_day(d.date)})" for d in newer)
        findings.append(Finding(rec.page.repo_path, line, "assessment-outdated",
                                f"developments newer than the latest assessment ({_day(latest.as_of)}) name this "
                                f"recommendation: {names}; add an entry that weighs them", WARNING))
    return findings


def check_histories(model: SiteModel, today: dt.date | None = None) -> list[Finding]:
    today = today or clock.today()
    findings = []
    for rec in model.ordered_recommendations():
        findings += check_recommendation_history(rec, model, today)
    return findings
