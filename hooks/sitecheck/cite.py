""""Cite this page": a citation of a page (or of the whole site) in Chicago author-date
(formatted by pandoc with its own Chicago style, as the site's sources are), BibTeX and
RIS, with the page's permanent address and the date of the version the reader sees."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypandoc


@dataclass(frozen=True)
class PageCitation:
    key: str  # BibTeX key and CSL id, e.g. "sanya-tracker-data-free-port"
    title: str
    version: dt.date  # the latest assessment, or the page's last change
    url: str  # permanent address on the published site
    editors: str  # the corporate author
    site: str  # the site's name


def csl_item(c: PageCitation) -> dict:
    item = {"id": c.key, "type": "webpage", "title": c.title, "author": [{"literal": c.editors}],
            "issued": {"date-parts": [[c.version.year, c.version.month, c.version.day]]}, "URL": c.url}
    if c.site != c.title:  # a page of the site; the site as a whole is not its own container
        item["container-title"] = c.site
    return item


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bibtex(c: PageCitation) -> str:
    fields = [("author", f"{{{_bibtex_escape(c.editors)}}}"), ("title", f"{{{_bibtex_escape(c.title)}}}")]
    if c.site != c.title:
        fields.append(("organization", _bibtex_escape(c.site)))
    fields += [("date", c.version.isoformat()), ("url", c.url)]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@online{{{c.key},\n{body}}}"


def ris(c: PageCitation) -> str:
    lines = [("TY", "ELEC"), ("AU", c.editors), ("TI", c.title)] + ([("T2", c.site)] if c.site != c.title else []) \
        + [("PY", str(c.version.year)), ("DA", c.version.strftime("%Y/%m/%d")), ("UR", c.url), ("ER", "")]
    return "\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines)


_ENTRY = re.compile(r'<div id="ref-([^"]+)"\s+class="csl-entry"[^>]*>\s*(.*?)\s*</div>', re.S)


def standalone_style(style: str) -> Path:
    """The style without year suffixes: all pages share author and year, and in one pandoc
    run the style would tell them apart as 2026a, 2026b; each citation stands alone."""
    text = Path(style).read_text(encoding="utf-8")
    target = Path(style).with_name(Path(style).stem + "-standalone.csl")
    if not target.exists() or target.read_text(encoding="utf-8") != text.replace(*_SUFFIX):
        partial = target.with_suffix(".tmp")
        partial.write_text(text.replace(*_SUFFIX), encoding="utf-8")
        partial.replace(target)  # atomic: a parallel build never reads half a file
    return target


_SUFFIX = ('disambiguate-add-year-suffix="true"', 'disambiguate-add-year-suffix="false"')


def chicago(citations: list[PageCitation], style: str) -> dict[str, str]:
    """key -> the reference as pandoc's Chicago author-date style writes it, in plain
    text; one pandoc run for all pages."""
    if not citations:
        return {}
    style = str(standalone_style(style))
    document = "---\nnocite: '@*'\nreferences: " + json.dumps([csl_item(c) for c in citations]) + "\n---\n"
    out = subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "html", "--wrap=none", "--citeproc", "--csl", style],
                         input=document, capture_output=True, text=True, check=True).stdout
    result = {}
    for key, body in _ENTRY.findall(out):
        text = re.sub(r"<[^>]+>", "", body)
        result[key] = " ".join(html.unescape(text).split())
    missing = sorted({c.key for c in citations} - set(result))
    if missing:  # never an empty citation box: say which ones pandoc did not write
        raise RuntimeError(f"pandoc wrote no Chicago citation for {', '.join(missing)}")
    return result


def block(c: PageCitation, chicago_text: str) -> str:
    """The collapsible "Cite this page" box, in Markdown: one tab per format, each a code
    block with Material's copy button (works offline)."""
    def tab(name, lang, text):
        body = "\n".join("        " + line for line in text.split("\n"))
        return f'    === "{name}"\n\n        ```{lang}\n{body}\n        ```\n'

    return ('??? quote "Cite this page"\n\n'
            f"    Version of {c.version.day} {c.version:%B %Y}; permanent address: <{c.url}>\n\n"
            + tab("Chicago", "text", chicago_text) + "\n" + tab("BibTeX", "bibtex", bibtex(c)) + "\n"
            + tab("RIS", "ris", ris(c)))
