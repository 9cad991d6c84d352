"""The bibliography: BibTeX files parsed with pybtex (the parser mkdocs-bibtex uses),
checked for syntax, duplicate keys, required fields and well-formed URLs and dates."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, InvalidNameString
from pybtex.database.input import bibtex
from pybtex.database.input.bibtex import DuplicateField, UndefinedMacro
from pybtex.scanner import PybtexSyntaxError

from . import bibtex_scan
from .bibtex_scan import RawEntry
from .files import walk
from .findings import WARNING, Finding

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A web address in the characters RFC 3986 allows (no quotes, angle brackets or spaces),
# every % starting an escape.
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?"
                 r"(?:[/?#](?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?$")
MAX_URL = 2000  # what browsers and servers reliably accept
# The field that keeps an http:// address on purpose, saying why https is not used.
HTTP_ONLY_FIELD = "httponly"
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


def bib_files(bib_dir: Path, repo_root: Path) -> tuple[list[Path], list[Finding]]:
    """Every regular file named *.bib under bib_dir that is the repository's own, walked
    as the pages are (files.walk: links out of the repository, dangling or looping links
    and special files are findings, never read)."""
    def rel(path) -> str:
        return Path(os.path.relpath(path, repo_root)).as_posix()

    if not bib_dir.is_dir():
        return [], [Finding(rel(bib_dir), None, "bib-empty",
                            "no bibliography folder; add the sources as BibTeX entries in bibliography/")]
    own, findings = walk(bib_dir, repo_root, (".bib",), "bib-not-a-file")
    files = []
    for file in own:
        name = file.rel.rsplit("/", 1)[-1]
        if name.endswith(".bib"):
            files.append(bib_dir / file.rel)
        elif name.lower().endswith(".bib"):
            findings.append(Finding(rel(bib_dir / file.rel), None, "bib-file-name",
                                    f"is not read: name it {name[:-4]}.bib, in lower case"))
    if not files and not findings:
        findings.append(Finding(rel(bib_dir), None, "bib-empty",
                                "no .bib file found; add the sources as BibTeX entries in bibliography/"))
    return files, findings


def read_text(path: Path, rel: str) -> tuple[str, Finding | None]:
    """A .bib file's text, or the finding that says why it cannot be read as BibTeX."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "", Finding(rel, None, "bib-not-a-file", "is not a regular file (a device or a pipe?); remove it")
        data = path.read_bytes()
    except OSError as exc:
        return "", Finding(rel, None, "bib-unreadable", f"cannot be read ({exc.strerror}); fix its permissions")
    try:
        return data.decode("utf-8-sig"), None  # a byte-order mark is harmless: dropped
    except UnicodeDecodeError as exc:
        if b"\x00" in data:
            return "", Finding(rel, None, "bib-binary",
                               "is a binary file (or UTF-16), not BibTeX text; save the entries as UTF-8 text")
        return "", Finding(rel, text_line(data, exc.start), "bib-not-utf8",
                           f"file is not UTF-8 ({exc.reason}); save it as UTF-8")


def text_line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


@dataclass
class Bibliography:
    sources: dict = field(default_factory=dict)  # key -> Source
    files: list = field(default_factory=list)  # repository-relative paths
    # Lower-case key -> "path:line" of an entry that could not be read: already reported,
    # so citing it is not reported again on every page.
    broken: dict = field(default_factory=dict)
    # pybtex's data for every readable entry: the one parse mkdocs-bibtex is handed too.
    data: BibliographyData = field(default_factory=BibliographyData)


# Characters that have no business in a source description: C0/C1 controls (NUL, ESC...)
# and the bidirectional overrides that make text display other than it reads.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Fields whose value points at another entry: pandoc never returns on a cycle of them.
_LINKING_FIELDS = ("crossref", "xdata")


def _parse_text(text: str):
    """pybtex's strict parse of BibTeX text, its complaints on stderr silenced."""
    pybtex.errors.set_strict_mode(True)
    with contextlib.redirect_stderr(io.StringIO()):
        return bibtex.Parser().parse_string(text)


def _error_line(entry: RawEntry, exc: Exception) -> int:
    """The line a pybtex error is about: its own line number, the repeated field, or the
    names field it could not read."""
    if getattr(exc, "lineno", None):
        return entry.line + exc.lineno - 1
    if isinstance(exc, DuplicateField):
        for name, line in entry.repeated_fields:
            if f" {name} field" in str(exc).lower():
                return line
    if isinstance(exc, InvalidNameString):
        for role in ("author", "editor"):
            if role in entry.field_lines and str(exc).split("'")[1:2] and \
                    str(exc).split("'")[1] in entry.text:
                return entry.field_lines[role]
    return entry.line


def _parse_entries(rel: str, entries: list[RawEntry]) -> tuple[dict, list[Finding]]:
    """key -> pybtex Entry for every entry pybtex reads. All at once when the file is
    sound (the usual case, and fast); entry by entry to find the ones that are not."""
    try:
        parsed = dict(_parse_text("\n\n".join(e.text for e in entries)).entries)
        if list(parsed) == [e.key for e in entries]:
            return parsed, []
    except Exception:  # noqa: BLE001 - any pybtex failure: find the entry that causes it
        pass
    parsed, findings = {}, []
    for entry in entries:
        try:
            read = dict(_parse_text(entry.text).entries)
            if list(read) != [entry.key]:
                raise ValueError(f"pybtex reads it as {', '.join(map(repr, read)) or 'no entry'}")
            parsed.update(read)
        except DuplicateField as exc:
            name = str(exc).rsplit(" ", 2)[-2]
            findings.append(Finding(rel, _error_line(entry, exc), "bib-duplicate-field",
                                    f"entry '{entry.key}' gives '{name}' twice; keep one"))
        except Exception as exc:  # noqa: BLE001 - whatever pybtex raises is a finding, never a crash
            problem = str(exc).split(": ", 1)[-1] if isinstance(exc, PybtexSyntaxError) else str(exc)
            if isinstance(exc, UndefinedMacro):
                problem = f"'{problem}' is a bare word (a BibTeX macro); put the value in braces: {{{problem}}}"
            findings.append(Finding(rel, _error_line(entry, exc), "bib-syntax",
                                    f"entry '{entry.key}' (line {entry.line}) cannot be read: {problem}; "
                                    "check its braces, quotes and commas"))
    return parsed, findings


def _sound_entries(rel: str, entries: list[RawEntry], bib: Bibliography, seen: dict) -> tuple[list, list]:
    """The entries worth handing to pybtex, and a finding for each of the others."""
    findings, sound = [], []

    def refuse(entry, line, code, message):
        findings.append(Finding(rel, line, code, message))
        if entry.key:
            bib.broken.setdefault(entry.key.lower(), f"{rel}:{entry.line}")

    for entry in entries:
        if entry.type == "comment":
            continue  # BibTeX's own comment: ignored, as everywhere
        if entry.type in ("string", "preamble"):
            refuse(entry, entry.line, "bib-macro",
                   f"@{entry.type} is not accepted: write the text out in each entry that needs it "
                   "(every entry must read the same wherever it is shown)")
            continue
        name = f"entry '{entry.key}'" if entry.key else f"the @{entry.type} entry at line {entry.line}"
        if entry.problem:
            refuse(entry, entry.line, "bib-syntax", f"{name} {entry.problem}")
            continue
        control = _CONTROL.search(entry.text)
        if control:
            line = entry.line + entry.text.count("\n", 0, control.start())
            refuse(entry, line, "bib-control-char",
                   f"{name} holds the invisible control character U+{ord(control.group()):04X}; delete it")
            continue
        linking = [f for f in _LINKING_FIELDS if f in entry.field_lines]
        if linking:
            refuse(entry, entry.field_lines[linking[0]], "bib-crossref",
                   f"{name} uses '{linking[0]}', which is not accepted (a loop of them stops the build); "
                   "copy the fields it needs into the entry itself")
            continue
        folded = entry.key.lower()
        if folded in seen:
            where = seen[folded]
            same = " (keys are the same whatever their capitals)" if not where.endswith(f"'{entry.key}'") else ""
            findings.append(Finding(rel, entry.line, "bib-duplicate-key",
                                    f"key '{entry.key}' is already defined at {where.split(' ')[0]}{same}; "
                                    "keep one entry and cite it from every place, or rename one"))
            continue
        seen[folded] = f"{rel}:{entry.line} '{entry.key}'"
        sound.append(entry)
    return sound, findings


def add_text(bib: Bibliography, rel: str, text: str, seen: dict) -> list[Finding]:
    """Read one file's BibTeX text into bib; the findings about it. `seen` maps the
    lower-case keys read so far to where they were first defined."""
    entries, strays = bibtex_scan.scan(text)
    findings = [Finding(rel, stray.line, "bib-syntax",
                        f"'{stray.text}' stands outside any entry; BibTeX would ignore it: "
                        "put it inside an entry, or start the line with % to make it a comment")
                for stray in strays]
    if not any(e.type != "comment" for e in entries):
        return findings + [Finding(rel, None, "bib-empty-file", "holds no BibTeX entry; add entries or delete the file")]
    sound, refused = _sound_entries(rel, entries, bib, seen)
    parsed, failed = _parse_entries(rel, sound)
    findings += refused + failed
    for entry in sound:
        data = parsed.get(entry.key)
        if data is None:
            bib.broken.setdefault(entry.key.lower(), f"{rel}:{entry.line}")
            continue
        bib.data.add_entry(entry.key, data)
        bib.sources[entry.key] = Source(
            key=entry.key, type=data.type.lower(),
            fields={k.lower(): str(v) for k, v in data.fields.items()},
            persons={role: [str(p) for p in people] for role, people in data.persons.items()},
            path=rel, line=entry.line, field_lines=entry.field_lines)
    return findings


def check_text(text: str, rel: str = "bibliography/sources.bib") -> tuple[Bibliography, list[Finding]]:
    """Every check of one file's BibTeX text, without the file system."""
    bib = Bibliography(files=[rel])
    findings = add_text(bib, rel, text, {})
    for source in bib.sources.values():
        findings += check_source(source)
    return bib, findings


def load(bib_dir: Path, repo_root: Path) -> tuple[Bibliography, list[Finding]]:
    bib = Bibliography()
    files, findings = bib_files(bib_dir, repo_root)
    seen: dict[str, str] = {}  # lower-case key -> "path:line 'Key'" of its first entry
    for file in files:
        rel = file.relative_to(repo_root).as_posix()
        bib.files.append(rel)
        text, problem = read_text(file, rel)
        if problem:
            findings.append(problem)
            continue
        findings += add_text(bib, rel, text, seen)
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
    if not re.sub(r"[{}\s]", "", f.get("title", "")):
        fail("title", "bib-missing-field", "has no 'title'; add title = {...}")
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
        elif len(url) > MAX_URL or re.match(r"^\s*(javascript|data|vbscript):", url, re.I) or not URL.match(url):
            fail("url", "bib-bad-url", f"url '{url}' is not a well-formed web address "
                                       "(https://host/path, no spaces); fix or remove it")
        elif url.startswith("http://") and not f.get(HTTP_ONLY_FIELD, "").strip():
            fail("url", "bib-insecure-url", f"url '{url}' uses http; use https:// if the site offers it, "
                                            f"or say why not in {HTTP_ONLY_FIELD} = {{...}}", WARNING)
    if f.get("doi") and not _DOI.match(f["doi"].strip()):
        fail("doi", "bib-bad-doi", f"doi '{f['doi']}' is not a DOI; write it as 10.xxxx/suffix, without https://doi.org/")
    kinds = _keywords(source) & set(KINDS)
    if len(kinds) != 1:
        fail("keywords", "bib-missing-kind", "keywords must say exactly one of 'primary' (the official text or "
                                             "announcement) or 'secondary' (analysis, reporting)")
    return findings
