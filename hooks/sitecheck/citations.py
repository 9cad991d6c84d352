"""Citation formatting around mkdocs-bibtex: pandoc's own Chicago author-date style,
acronyms kept in capitals, and every citation formatted up front in a batch.

mkdocs-bibtex formats citations with pandoc and caches the results, but left alone it
calls pandoc once for every page that cites something new. Handing its registry every
citation block of the site at once fills that cache in one batch (two pandoc runs side
by side, see citation_runs); the plugin then finds
each page's citations already formatted and keeps producing its usual output."""
from __future__ import annotations

import math
import re
import subprocess
import tempfile
import threading
from pathlib import Path
from types import SimpleNamespace

import pypandoc
from mkdocs_bibtex.citation import Citation, CitationBlock
from mkdocs_bibtex.registry import PandocRegistry, SimpleRegistry

from . import citation_runs
from .check_citations import MAX_CITING_LINE

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


def bibtex_text(bib_data, keys=None) -> str:
    """The entries as BibTeX for pandoc, written as read: values keep their braces and URLs
    stay verbatim. (pybtex's own writer passes every character through latexcodec, a third
    of a second on this site, and escapes `_`, `&` and `%` in URLs that pandoc reads
    verbatim.) Only the entries of `keys`, if given."""
    parts = []
    for key, entry in bib_data.entries.items():
        if keys is not None and key not in keys:
            continue
        fields = [f"  {name} = {{{value}}}" for name, value in entry.fields.items()]
        fields += [f"  {role} = {{{' and '.join(str(person) for person in people)}}}"
                   for role, people in entry.persons.items()]
        parts.append(f"@{entry.type}{{{key},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(parts)


def install_registry(plugin, bib_data) -> None:
    """Give mkdocs-bibtex the bibliography the checks have already parsed, instead of
    letting it parse every file again (and crash on what the checks report as findings).

    The plugin builds its registry from the files in its own on_config unless no file is
    newer than `last_configured` (its rebuild shortcut): a registry made here from the
    checked data, with that mark set beyond any file's time, is the one it keeps."""
    config = plugin.config
    if config.csl_file:
        registry = PandocRegistry(bib_files=[], csl_file=config.csl_file,
                                  csl_file_encoding=config.csl_file_encoding,
                                  footnote_format=config.footnote_format)
    else:
        registry = SimpleRegistry(bib_files=[], footnote_format=config.footnote_format)
    registry.bib_data = bib_data
    plugin.registry = registry
    plugin.last_configured = math.inf


def prepare_registry(registry) -> None:
    """Before mkdocs-bibtex's first pandoc run: keep capitals in titles, and hand it the
    BibTeX text it sends to pandoc with URLs left verbatim (it caches that text in
    `bib_data_bibtex`, a cached property, so setting it is all it takes)."""
    for entry in registry.bib_data.entries.values():
        for name in TITLE_FIELDS:
            if name in entry.fields:
                entry.fields[name] = protect_capitals(entry.fields[name])
    registry.bib_data_bibtex = bibtex_text(registry.bib_data)


_PANDOC_SPAN = re.compile(r"\[([^\[\]<>]*)\]\{\.(?:nocase|smallcaps|underline|mark)\}")


def strip_pandoc_spans(html: str) -> str:
    """pandoc's Markdown writer marks protected text as `[iCourt]{.nocase}`, which
    Python-Markdown leaves as literal text; keep only the text."""
    return _PANDOC_SPAN.sub(r"\1", html)


def citation_blocks(markdown_texts, all_keys) -> tuple[list[CitationBlock], list[str]]:
    """Every distinct citation block the plugin will meet, and the keys no page cites (each
    must be formatted too: the full bibliography page lists them all). Read line by line,
    as the plugin's pattern does, leaving out the lines the checks refuse as too long for it."""
    blocks = {}
    for text in markdown_texts:
        for line in text.split("\n"):
            if len(line) > MAX_CITING_LINE:
                continue
            for block in CitationBlock.from_markdown(line):
                blocks.setdefault(str(block), block)
    cited = {citation.key for block in blocks.values() for citation in block.citations}
    return list(blocks.values()), [key for key in all_keys if key not in cited]


def ensure_formatted(registry, keys) -> None:
    """Format the entries whose reference text is not cached yet (the full bibliography
    page needs every entry, which page-by-page formatting never asks for)."""
    cache = getattr(registry, "_reference_cache", None)  # pandoc's results; the simple registry has none
    missing = [key for key in keys if cache is not None and key not in cache]
    if missing:
        registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)]) for key in missing])


class Batch:
    """Every citation of the site formatted before the first page needs one: in two
    pandoc runs (the project's machines have two cores; see citation_runs), each in a
    thread of its own, each given only its own sources. They start as soon as the
    bibliography is known to be sound and run beside the rest of the checks and MkDocs'
    setup; `wait` hands the results to the registry."""

    RUNS = 2

    def __init__(self, registry, markdown_texts, runs: int = RUNS):
        entries = registry.bib_data.entries
        blocks, uncited = citation_blocks(markdown_texts, entries)
        self.registry, self.parts = registry, citation_runs.partition(blocks, uncited, entries, runs)
        self._results: list = [None] * len(self.parts)
        self._threads = [threading.Thread(target=self._run, args=(i,), name=f"citations-{i}", daemon=True)
                         for i in range(len(self.parts))]
        for thread in self._threads:
            thread.start()

    def _run(self, index: int):
        blocks = self.parts[index]
        keys = {citation.key for block in blocks for citation in block.citations}
        # What the registry's own pandoc run reads, with this part's sources only.
        own = SimpleNamespace(csl_file=self.registry.csl_file,
                              bib_data_bibtex=bibtex_text(self.registry.bib_data, keys))
        try:
            self._results[index] = PandocRegistry._process_with_pandoc(own, blocks)
        except BaseException as exc:  # noqa: BLE001 - raised again in the build's own thread
            self._results[index] = exc

    def wait(self) -> int:
        """The number of citation blocks formatted."""
        for thread in self._threads:
            thread.join()
        for result in self._results:
            if isinstance(result, BaseException):
                raise result
            inline, references = result
            self.registry._inline_cache.update(inline)
            self.registry._reference_cache.update(references)
        return sum(len(blocks) for blocks in self.parts)
