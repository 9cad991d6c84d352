"""`make guide`: the parts of docs/contributing.md that the code knows, written between
marker lines so that the guide read on GitHub is complete: the allowed values of every
front-matter field (from the schema and the vocabularies), which .bib file a source goes
in, and the exact message each common slip produces (by running the checks on it).
A test regenerates them and compares, so the guide cannot drift from the checks."""
from __future__ import annotations

import argparse
import contextlib
import html
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import generate, scaffold
from . import model as schema
from . import vocabulary as vocab
from .model import build_model
from .pages import read_pages
from .run import check_site

GUIDE = Path("docs") / "contributing.md"
START, END = "<!-- generated: {} (make guide; do not edit by hand) -->", "<!-- end of generated: {} -->"
# The slips are run with this date as today, so that their messages do not change daily.
GUIDE_TODAY = "2026-12-06"
VOCABULARY_NAMES = {"SECTIONS": "Sections", "STATUSES": "Statuses", "EFFECTS": "Effects", "TYPES": "Types",
                    "ACTORS": "Actors", "DATE_KINDS": "Date kinds"}


def _vocabulary_name(values: dict) -> str:
    return next(title for name, title in VOCABULARY_NAMES.items() if getattr(vocab, name) is values)


def _kind(name: str, kind) -> str:
    if isinstance(kind, dict):
        return f"one value of *{_vocabulary_name(kind)}* below"
    if isinstance(kind, list):
        return f"a list of *{_vocabulary_name(kind[0])}* values: `[china]`, `[united-states, china]`"
    return {
        schema.TEXT: "text (put it in double quotes if it contains `: ` or `#`, or starts with a quote)",
        schema.INT: "a whole number",
        schema.DATE: "a real calendar day written `YYYY-MM-DD`; a month (`2023-07`) or a year alone is rejected",
        schema.KEYS: "a list of BibTeX keys, `[key-one, key-two]`: the sources the page cites",
        schema.IDS: "a list of development ids, `[id-one, id-two]`, or `[]`",
        "effects": "a list of items, each `- id:` (a recommendation id, see the table of files below) and "
                   "`effect:` (one value of *Effects*)",
        "assessments": "a list of entries, oldest first, each with the fields of the next table",
    }[kind]


def _field_table(fields: dict, notes: dict | None = None) -> str:
    rows = ["| Field | What it takes |", "| --- | --- |"]
    for name, kind in fields.items():
        rows.append(f"| `{name}` | {_kind(name, kind)}{(notes or {}).get(name, '')} |")
    return "\n".join(rows)


def fields_block() -> str:
    """Every field of the front matter, and every allowed value."""
    return "\n\n".join([
        "Every field is required. The build rejects anything not listed here.",
        "### Fields of a recommendation page",
        _field_table(schema.RECOMMENDATION_SCHEMA, {"id": "; equals the file name, never changes",
                                                    "number": ", its place in the memorandum, 1 to 19"}),
        "### Fields of each assessment entry",
        _field_table(schema.ASSESSMENT_SCHEMA, {"as_of": ", not after today; entries in date order",
                                                "evidence": ": developments dated on or before `as_of`"}),
        "### Fields of a development page",
        _field_table(schema.DEVELOPMENT_SCHEMA, {"id": "; equals the file name: `<actor>-<year>-<short-title>`",
                                                 "date": ", not after today"}),
        generate.all_vocabularies(),
    ])


def bib_files_block(model) -> str:
    """Which .bib file a new source goes in, by the section of its recommendation."""
    rows = ["| Section | Its recommendations | File |", "| --- | --- | --- |"]
    for section, file in vocab.BIB_FILES.items():
        ids = ", ".join(f"`{r.id}`" for r in model.ordered_recommendations() if r.section == section)
        rows.append(f"| {vocab.SECTIONS[section]} (`{section}`) | {ids} | `bibliography/{file}` |")
    rows.append(f"| the memorandum itself, the Track II dialogue, general background | | "
                f"`bibliography/{vocab.GENERAL_BIB_FILE}` |")
    return "\n".join(rows)


# The example every slip starts from: a complete development with one new source.
EXAMPLE_ID, EXAMPLE_KEY, EXAMPLE_REC = "us-2026-example-order", "whitehouse-2026-example-order", "data-free-port"
EXAMPLE_PAGE = f"docs/developments/{EXAMPLE_ID}.md"
_FILLED = [("date: YYYY-MM-DD", "date: 2026-11-30"), ("date_kind: TODO", "date_kind: issued"),
           ("actors: [TODO]", "actors: [united-states]"), ("type: TODO", "type: executive-order"),
           ("effect: TODO", "effect: context"), ("{TODO: the issuing body, or Last, First}", "{The White House}"),
           ("date = {YYYY-MM-DD}", "date = {2026-11-30}"),
           ("https://TODO.example/the-original-page", "https://www.whitehouse.gov/example-order/"),
           ("{TODO: primary or secondary}", "{primary}"), ("TODO: ", "")]

# (the slip, what the contributor wrote, the file, text before, text after); for a .bib
# file the change is made inside the example's entry; a None "before" adds the file.
SLIPS = [
    ("A value outside its list", "type: executive-ordr", EXAMPLE_PAGE,
     "type: executive-order", "type: executive-ordr"),
    ("A recommendation id mistyped", "- id: data-freeport", EXAMPLE_PAGE,
     f"  - id: {EXAMPLE_REC}", "  - id: data-freeport"),
    ("A required field left out", "no summary: line", EXAMPLE_PAGE,
     "summary: \"one sentence on what it is and does.\"\n", ""),
    ("A month instead of a day", "date: 2026-11", EXAMPLE_PAGE, "date: 2026-11-30", "date: 2026-11"),
    ("A date in the future", "date: 2031-01-15", EXAMPLE_PAGE, "date: 2026-11-30", "date: 2031-01-15"),
    ("A citation key mistyped", "[@whitehouse-2026-example-ordr]", EXAMPLE_PAGE,
     f"[@{EXAMPLE_KEY}]", "[@whitehouse-2026-example-ordr]"),
    ("A recommendation named in the front matter but never linked from the text", "no link to it", EXAMPLE_PAGE,
     f"[the official title](../recommendations/{EXAMPLE_REC}.md)", "the recommendation"),
    ("A TODO left from the template", "TODO: check the date.", EXAMPLE_PAGE,
     "## What it does\n\n", "## What it does\n\nTODO: check the date.\n\n"),
    ("A new page that is in no menu", "a new file docs/notes.md", "docs/notes.md", None, "# Notes\n"),
    ("A source without its kind", "no keywords = {primary}", "bibliography/data-governance.bib",
     "\n  keywords = {primary},", ""),
    ("A URL with an escaped underscore", "url = {https://www.whitehouse.gov/example\\_order/}",
     "bibliography/data-governance.bib", "example-order/", "example\\_order/"),
]


def _apply(text: str, rel: str, old: str, new: str) -> str:
    if not rel.endswith(".bib"):
        return text.replace(old, new, 1)
    start = text.index(f"{{{EXAMPLE_KEY},")
    end = text.index("\n}\n", start)
    return text[:start] + text[start:end].replace(old, new, 1) + text[end:]


@contextlib.contextmanager
def _today(day: str):
    before = os.environ.get("SITE_TODAY")
    os.environ["SITE_TODAY"] = day
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SITE_TODAY")
        else:
            os.environ["SITE_TODAY"] = before


def _example_site(repo_root: Path, work: Path) -> Path:
    """The real recommendations, bibliography and configuration, and the example (the
    other pages change no message about the example, and would only cost time)."""
    shutil.copytree(repo_root / "bibliography", work / "bibliography")
    shutil.copytree(repo_root / "docs" / "recommendations", work / "docs" / "recommendations")
    (work / "docs" / "developments").mkdir()
    shutil.copy(repo_root / "mkdocs.yml", work / "mkdocs.yml")
    # The example's source opens its file, so that the guide's line numbers do not move
    # whenever a source is added to the real one.
    target = scaffold.bib_file_for(work, EXAMPLE_REC)
    if target.exists():
        target.rename(target.with_name("existing-" + target.name))
    bib = scaffold.new_source(work, EXAMPLE_KEY, rec_id=EXAMPLE_REC)
    page = scaffold.new_development(work, EXAMPLE_ID, EXAMPLE_REC, EXAMPLE_KEY)
    for path in (bib, page):
        text = path.read_text(encoding="utf-8")
        for old, new in _FILLED:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    # The first mention of the recommendation links to it, as the example's wording.
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(f"[{_title(work)}](../recommendations/{EXAMPLE_REC}.md)",
                                 f"[the official title](../recommendations/{EXAMPLE_REC}.md)"), encoding="utf-8")
    return work


def _title(root: Path) -> str:
    pages, _ = read_pages(root / "docs", root)
    return build_model(pages)[0].recommendations[EXAMPLE_REC].title


def _findings_on_example(root: Path) -> list[str]:
    """The findings about the example page, its source or a page a slip adds."""
    findings = check_site(root, root / "docs", root / "bibliography").findings
    return [f.format() for f in sorted(set(findings), key=lambda f: f.sort_key)
            if f.path in (EXAMPLE_PAGE, "docs/notes.md") or f"'{EXAMPLE_KEY}'" in f.message]


def slip_messages(repo_root: Path) -> list[tuple[str, str, list[str]]]:
    """(slip, the change as the contributor made it, every finding it causes)."""
    results = []
    with tempfile.TemporaryDirectory() as tmp, _today(GUIDE_TODAY):
        root = _example_site(repo_root, Path(tmp))
        clean = _findings_on_example(root)
        if clean:
            raise RuntimeError("the guide's example is not clean:\n" + "\n".join(clean))
        for title, shown, rel, old, new in SLIPS:
            path = root / rel
            original = path.read_text(encoding="utf-8") if path.exists() else None
            changed = new if old is None else _apply(original, rel, old, new)
            if changed == original:
                raise RuntimeError(f"slip '{title}': '{old}' is not in the example's {rel}")
            path.write_text(changed, encoding="utf-8")
            results.append((title, shown, _findings_on_example(root)))
            if original is None:
                path.unlink()
            else:
                path.write_text(original, encoding="utf-8")
    return results


def _code(text: str) -> str:
    """Inline HTML, so the text reads the same on GitHub and on the site; '@' escaped
    because the citation processor reads every '[@' on a page, code included, and '\\'
    so that no Markdown escape is left in the page's source."""
    return html.escape(text, quote=False).replace("@", "&#64;").replace("\\", "&#92;")


def slips_block(messages) -> str:
    parts = []
    for title, change, found in messages:
        parts.append(f"**{title}** (<code>{_code(change)}</code> in the example):\n\n"
                     f"<pre><code>{_code(chr(10).join(found))}</code></pre>")
    return "\n\n".join(parts)


def example_block(messages) -> str:
    """The one message quoted at the top of the guide: the first slip's."""
    return f"<pre><code>{_code(messages[0][2][0])}</code></pre>"


def blocks(repo_root: Path) -> dict[str, str]:
    pages, _ = read_pages(repo_root / "docs", repo_root)
    model = build_model(pages)[0]
    messages = slip_messages(repo_root)
    return {"example": example_block(messages), "fields": fields_block(),
            "bib-files": bib_files_block(model), "slips": slips_block(messages)}


def rewrite(text: str, generated: dict[str, str]) -> str:
    for name, body in generated.items():
        start, end = START.format(name), END.format(name)
        if start not in text or end not in text:
            raise ValueError(f"{GUIDE} has no '{start}' ... '{end}' block")
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = f"{before}{start}\n\n{body}\n\n{end}{after}"
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitecheck.guide", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--check", action="store_true", help="only say whether the guide is up to date")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    path = root / GUIDE
    text = path.read_text(encoding="utf-8")
    new = rewrite(text, blocks(root))
    if args.check:
        if new != text:
            print(f"{GUIDE} is out of date: run make guide", file=sys.stderr)
            return 1
        return 0
    path.write_text(new, encoding="utf-8")
    print(f"wrote the generated parts of {GUIDE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
