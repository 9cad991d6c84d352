"""Citation formatting around mkdocs-bibtex: pandoc's own Chicago author-date style,
acronyms kept in capitals, and one batched pandoc call per build.

mkdocs-bibtex formats citations with pandoc and caches the results, but left alone it
calls pandoc once for every page that cites something new. Handing its registry every
citation block of the site at once fills that cache in one call; the plugin then finds
each page's citations already formatted and keeps producing its usual output."""
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pypandoc
from mkdocs_bibtex.citation import Citation, CitationBlock

PANDOC_STYLE_PREFIX = "pandoc:"
TITLE_FIELDS = ("title", "titleaddon", "booktitle", "journaltitle", "maintitle", "shorttitle")
_TOKEN = re.compile(r"\{[^{}]*\}|[^\s{}]+|\s+|[{}]")
_EDGES = re.compile(r"^([(\[\"']*)(.*?)([)\]\"'.,:;!?]*)$", re.S)


def pandoc_style(name: str, cache_dir: Path | None = None) -> Path:
    """A data file that pandoc itself ships (e.g. default.csl, Chicago author-date),
    written once per pandoc version outside the working tree."""
    pandoc = pypandoc.get_pandoc_path()
    version = pypandoc.get_pandoc_version()
    cache_dir = cache_dir or Path(tempfile.gettempdir()) / "sanya-site-styles"
    target = cache_dir / f"pandoc-{version}-{name}"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        data = subprocess.run([pandoc, "--print-default-data-file", name], check=True, capture_output=True).stdout
        partial = target.with_suffix(".tmp")
        partial.write_bytes(data)
        partial.replace(target)  # atomic: a parallel build never reads half a file
    return target


def protect_capitals(title: str) -> str:
    """Brace every word with two or more capitals (U.S.-China, IPEF, 5G AI) so that the
    style's title casing cannot lower-case it; words already in braces are left alone."""
    out = []
    for token in _TOKEN.findall(title):
        if token.startswith("{") or token.isspace() or sum(c.isupper() for c in token) < 2:
            out.append(token)
            continue
        lead, word, trail = _EDGES.match(token).groups()
        out.append(f"{lead}{{{word}}}{trail}" if word else token)
    return "".join(out)


_VERBATIM_LINE = re.compile(r'^(\s*(?:url|doi|eprint)\s*=\s*")(.*)(",?)$', re.M)


def verbatim_urls(bibtex_text: str) -> str:
    """pybtex writes `_`, `&` and `%` in URLs as `\\_`, `\\&`, `\\%`, but pandoc reads url
    fields verbatim, which would leave the backslashes in every link; take them out."""
    return _VERBATIM_LINE.sub(lambda m: m.group(1) + re.sub(r"\\([_&%#$~])", r"\1", m.group(2)) + m.group(3),
                              bibtex_text)


def prepare_registry(registry) -> None:
    """Before mkdocs-bibtex's first pandoc run: keep capitals in titles, and hand it the
    BibTeX text it sends to pandoc with URLs left verbatim (it caches that text in
    `bib_data_bibtex`, a cached property, so setting it is all it takes)."""
    for entry in registry.bib_data.entries.values():
        for name in TITLE_FIELDS:
            if name in entry.fields:
                entry.fields[name] = protect_capitals(entry.fields[name])
    registry.bib_data_bibtex = verbatim_urls(registry.bib_data.to_string("bibtex"))


_PANDOC_SPAN = re.compile(r"\[([^\[\]<>]*)\]\{\.(?:nocase|smallcaps|underline|mark)\}")


def strip_pandoc_spans(html: str) -> str:
    """pandoc's Markdown writer marks protected text as `[iCourt]{.nocase}`, which
    Python-Markdown leaves as literal text; keep only the text."""
    return _PANDOC_SPAN.sub(r"\1", html)


def citation_blocks(markdown_texts, all_keys) -> list[CitationBlock]:
    """Every distinct citation block the plugin will meet, plus one per entry for the
    full bibliography page."""
    blocks = {}
    for text in markdown_texts:
        for block in CitationBlock.from_markdown(text):
            blocks.setdefault(str(block), block)
    for key in all_keys:
        block = CitationBlock(citations=[Citation(key=key)])
        blocks.setdefault(str(block), block)
    return list(blocks.values())


def prime(registry, markdown_texts) -> int:
    """Format every citation of the site in one pandoc run; returns the blocks formatted."""
    blocks = citation_blocks(markdown_texts, registry.bib_data.entries)
    registry.validate_citation_blocks(blocks)
    return len(blocks)
