"""The bibliography: BibTeX files parsed with pybtex (the parser mkdocs-bibtex uses),
checked for syntax, duplicate keys, required fields and well-formed URLs and dates."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexError, PybtexSyntaxError

from .findings import WARNING, Finding

_ENTRY_START = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
_FIELD_START = re.compile(r"^\s*([A-Za-z_-]+)\s*=")
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s]*)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
KINDS = ("primary", "secondary")


@dataclass
class Source:
    key: str
    type: str
    fields: dict  # lower-case field name -> value (text)
    persons: dict  # role -> list of names
    path: str  # repository-relative .bib path
    line: int
    field_lines: dict = field(default_factory=dict)

    @property
    def url(self) -> str | None:
        return self.fields.get("url")

    @property
    def is_primary(self) -> bool:
        return "primary" in _keywords(self)


def _keywords(source: Source) -> set[str]:
    return {k.strip().lower() for k in source.fields.get("keywords", "").split(",") if k.strip()}


@dataclass
class Bibliography:
    sources: dict = field(default_factory=dict)  # key -> Source
    files: list = field(default_factory=list)  # repository-relative paths


def _entry_lines(text: str) -> list[tuple[str, int, dict]]:
    """(key, line, {field: line}) for every entry, in file order, read from the raw text."""
    lines = text.split("\n")
    starts = [(m.group(2), text.count("\n", 0, m.start()) + 1)
              for m in _ENTRY_START.finditer(text)]
    result = []
    for i, (key, line) in enumerate(starts):
        end = starts[i + 1][1] - 1 if i + 1 < len(starts) else len(lines)
        fields = {}
        for number in range(line + 1, end + 1):
            match = _FIELD_START.match(lines[number - 1])
            if match:
                fields.setdefault(match.group(1).lower(), number)
        result.append((key, line, fields))
    return result


def text_line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _parse(path: Path, strict: bool = True):
    """pybtex's data for one file. Strict: a syntax error or a repeated key raises.
    Lenient (after a repeated key, already reported): the first entry of a key wins,
    and pybtex's own message about it is silenced."""
    pybtex.errors.set_strict_mode(strict)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            return bibtex.Parser().parse_file(str(path))
    finally:
        pybtex.errors.set_strict_mode(True)


def load(bib_dir: Path, repo_root: Path) -> tuple[Bibliography, list[Finding]]:
    bib, findings = Bibliography(), []
    files = sorted(bib_dir.rglob("*.bib"))
    if not files:
        findings.append(Finding(bib_dir.relative_to(repo_root).as_posix(), None, "bib-empty",
                                "no .bib file found; add the sources as BibTeX entries in bibliography/"))
    for file in files:
        rel = file.relative_to(repo_root).as_posix()
        bib.files.append(rel)
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            findings.append(Finding(rel, text_line(file.read_bytes(), exc.start), "bib-not-utf8",
                                    f"file is not UTF-8 ({exc.reason}); save it as UTF-8"))
            continue
        raw_entries = _entry_lines(text)
        seen_here = {}
        for key, line, _ in raw_entries:
            if key in seen_here:
                findings.append(Finding(rel, line, "bib-duplicate-key",
                                        f"key '{key}' is already defined at line {seen_here[key]}; "
                                        "merge the two entries or rename one"))
            seen_here.setdefault(key, line)
        try:
            data = _parse(file)
        except PybtexSyntaxError as exc:
            before = [e for e in raw_entries if e[1] <= exc.lineno]
            where = f" in entry '{before[-1][0]}' (starts at line {before[-1][1]})" if before else ""
            if len(before) > 1:  # an unclosed brace is only noticed at the next entry
                where += f" or in the entry before it, '{before[-2][0]}' (line {before[-2][1]})"
            problem = str(exc).split(": ", 1)[-1]
            findings.append(Finding(rel, exc.lineno, "bib-syntax",
                                    f"BibTeX syntax error{where}: {problem}; check braces, quotes and commas"))
            continue
        except BibliographyDataError:
            data = _parse(file, strict=False)  # a repeated key, reported above with both lines
        except PybtexError as exc:
            findings.append(Finding(rel, None, "bib-syntax", f"BibTeX error: {exc}"))
            continue
        lines = {key: (line, fields) for key, line, fields in raw_entries}
        for key, entry in data.entries.items():
            line, field_lines = lines.get(key, (None, {}))
            if key in bib.sources:
                other = bib.sources[key]
                findings.append(Finding(rel, line, "bib-duplicate-key",
                                        f"key '{key}' is already defined in {other.path}:{other.line}; "
                                        "keep one entry and cite it from both places"))
                continue
            bib.sources[key] = Source(
                key=key, type=entry.type.lower(),
                fields={k.lower(): str(v) for k, v in entry.fields.items()},
                persons={role: [str(p) for p in people] for role, people in entry.persons.items()},
                path=rel, line=line or 1, field_lines=field_lines)
    for source in bib.sources.values():
        findings += check_source(source)
    return bib, findings


def _valid_date(value: str) -> bool:
    for part in value.split("/"):
        try:
            if re.fullmatch(r"\d{4}", part):
                continue
            if re.fullmatch(r"\d{4}-\d{2}", part):
                dt.date.fromisoformat(part + "-01")
                continue
            dt.date.fromisoformat(part)
        except ValueError:
            return False
    return True


def check_source(source: Source) -> list[Finding]:
    findings = []

    def fail(field_name, code, message, severity="error"):
        line = source.field_lines.get(field_name, source.line)
        findings.append(Finding(source.path, line, code, f"entry '{source.key}': {message}", severity))

    f = source.fields
    if not KEY_PATTERN.match(source.key):
        fail(None, "bib-key-format", "keys use lower-case letters, digits and single hyphens only "
                                     "(mkdocs-bibtex cuts a key at any other character), e.g. cac-2022-outbound-rules")
    if not f.get("title", "").strip():
        fail(None, "bib-missing-field", "has no 'title'; add title = {...}")
    if not (source.persons.get("author") or source.persons.get("editor")
            or f.get("organization") or f.get("institution")):
        fail(None, "bib-missing-field", "has no author or organisation; add author = {Last, First} "
                                        "or a corporate author in double braces: author = {{Ministry of Commerce}}")
    if not (f.get("date") or f.get("year")):
        fail(None, "bib-missing-field", "has no date or year; add date = {YYYY-MM-DD} (or year = {YYYY})")
    if f.get("date") and not _valid_date(f["date"]):
        fail("date", "bib-bad-date", f"date '{f['date']}' is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY")
    if f.get("year") and not re.fullmatch(r"\d{4}", f["year"]):
        fail("year", "bib-bad-date", f"year '{f['year']}' must be four digits")
    if not (f.get("url") or f.get("doi")):
        fail(None, "bib-missing-field", "has no url or doi; add url = {https://...} pointing at the original publication")
    if f.get("url"):
        url = f["url"]
        if "\\" in url:
            fail("url", "bib-bad-url", f"url '{url}' contains a backslash: URLs are verbatim in BibTeX, "
                                       "so write _ & % # without escaping them")
        elif re.match(r"^\s*(javascript|data|vbscript):", url, re.I) or not URL.match(url):
            fail("url", "bib-bad-url", f"url '{url}' is not a well-formed web address "
                                       "(https://host/path, no spaces); fix or remove it")
        elif url.startswith("http://"):
            fail("url", "bib-insecure-url", f"url '{url}' uses http; use https:// if the site offers it", WARNING)
    if f.get("doi") and not _DOI.match(f["doi"].strip()):
        fail("doi", "bib-bad-doi", f"doi '{f['doi']}' is not a DOI; write it as 10.xxxx/suffix, without https://doi.org/")
    kinds = _keywords(source) & set(KINDS)
    if len(kinds) != 1:
        fail("keywords", "bib-missing-kind", "keywords must say exactly one of 'primary' (the official text or "
                                             "announcement) or 'secondary' (analysis, reporting)")
    return findings
