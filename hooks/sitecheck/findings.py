"""A finding: one defect in one place, with a stable code and a message saying how to fix it."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the repository root, e.g. "docs/recommendations/data-free-port.md"
    line: int | None
    code: str  # stable, e.g. "link-target-missing"
    message: str
    severity: str = ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity} [{self.code}] {self.message}"

    @property
    def sort_key(self):
        return (self.severity != ERROR, self.path, self.line or 0, self.code, self.message)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def report(findings: list[Finding]) -> str:
    """All findings, errors first, then a one-line summary."""
    ordered = sorted(set(findings), key=lambda f: f.sort_key)
    lines = [f.format() for f in ordered]
    n_err = len(errors(ordered))
    lines.append(f"{n_err} error(s), {len(ordered) - n_err} warning(s)")
    return "\n".join(lines)
