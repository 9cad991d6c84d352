"""The MkDocs side of the site checks: gather inputs at the right build events, call
the plain functions in `sitecheck`, report findings, and fail before anything is written."""
from __future__ import annotations

import html
import logging
import os
import posixpath
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs_bibtex.citation import Citation

from sitecheck import (changes, citations, csp, generate, html_chinese, html_chrome, html_pinyin, html_print,
                       html_tables, metadata, opendata, search_scope, search_terms, status_views, timeline_rows,
                       vocabulary)
from sitecheck.publication import FEED, Publication, Site
from sitecheck.check_citations import citations_by_key
from sitecheck.findings import ERROR, errors, report
from sitecheck.rendered_html import check_rendered
from sitecheck.run import check_site

log = logging.getLogger("mkdocs.hooks.sitecheck")
SHIM = ("node_modules/iframe-worker/shim/index.js", "assets/vendor/iframe-worker/shim.js")
SHIM_LICENSE = ("node_modules/iframe-worker/LICENSE", "assets/vendor/iframe-worker/LICENSE.txt")
_state: dict = {}
# `make site-published` (SITE_PUBLISH=1): the build for the web, with canonical addresses,
# a sitemap and "edit this page" links. Without it the build is the offline one.
PUBLISH_SWITCH = "SITE_PUBLISH"
EDIT_URI = "edit/main/docs/"
# Under `mkdocs serve` (`make serve`) an error does not stop the preview: it shows one
# page with the findings until they are fixed. MkDocs reloads this module for every
# rebuild, so the switch lives in the environment; `make site` still fails.
PREVIEW_SWITCH = "SITE_PREVIEW"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command, dirty):
    if command == "serve":
        os.environ[PREVIEW_SWITCH] = "1"


@event_priority(100)  # before the plugins: the bibliography must be sound before mkdocs-bibtex sees it
def on_config(config):
    root = _root(config)
    if os.environ.get(PUBLISH_SWITCH) == "1":
        _publish(config)
    bibtex = config.plugins.get("bibtex")
    if bibtex and str(bibtex.config.csl_file or "").startswith(citations.PANDOC_STYLE_PREFIX):
        name = bibtex.config.csl_file[len(citations.PANDOC_STYLE_PREFIX):]
        bibtex.config.csl_file = str(citations.pandoc_style(name))
    _state.pop("citations", None)
    started = []

    def start_citations(bib, pages):
        """As soon as the bibliography is sound: hand mkdocs-bibtex the checks' parse of it
        (one parse, shared) and start formatting every citation beside the other checks."""
        if bibtex:
            citations.install_registry(bibtex, bib.data)
            citations.prepare_registry(bibtex.registry)
            started.append(bib)
            if os.environ.get("SITE_CITATION_BATCH") != "0":  # 0, for benchmarks: the plugin's pandoc run per page
                _state["citations"] = citations.Batch(bibtex.registry, [page.body for page in pages.values()])

    checked = check_site(root, Path(config.docs_dir), root / "bibliography", start_citations)
    findings = sorted(set(checked.findings), key=lambda f: f.sort_key)
    found = errors(findings)
    preview = bool(found) and os.environ.get(PREVIEW_SWITCH) == "1"
    for finding in findings:
        # Warnings are shown but do not fail the build; errors do (in the preview they
        # are shown on the page instead: logged as errors, strict mode would stop it).
        (log.error if finding.severity == ERROR and not preview else log.info)(finding.format())
    if found and not preview:
        raise Abort(f"{len(found)} error(s) in the site's content: fix them (file:line above) and build again")
    _state["model"], _state["bib"], _state["rendered"] = checked.model, checked.bib, []
    _state["preview"] = report(findings) if preview else None
    if bibtex and not started:  # the preview of a broken bibliography: its readable entries
        citations.install_registry(bibtex, checked.bib.data)
        citations.prepare_registry(bibtex.registry)
    _state["page_dates"] = changes.page_dates(root, Path(config.docs_dir), checked.model.pages)
    if preview:
        log.info(f"{len(found)} error(s) in the site's content: the preview shows them instead of the site")
        config.nav = [PREVIEW_PAGE]
        return config
    config.nav = generate.nav(config.nav, checked.model)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search and search.config.separator:
        search.config.separator = search_terms.separator(search.config.separator)
    # Material shows a page's `status` beside it in the navigation; give each a label.
    config.extra["status"] = {value: f"Status: {vocabulary.label(value).lower()}" for value in vocabulary.STATUSES}
    return config


PREVIEW_PAGE = "index.md"


def _preview_page(text: str) -> str:
    """The findings as a page; '@' escaped, as the citation processor reads every '[@'."""
    body = html.escape(text, quote=False).replace("@", "&#64;")
    return (f"# The site has errors\n\n`make serve` shows this page instead of the site until "
            f"they are fixed; it reloads by itself when you save a file.\n\n<pre><code>{body}</code></pre>\n")


def _publish(config):
    """Addresses from extra.publication, named once in mkdocs.yml."""
    publication = config.extra["publication"]
    config.site_url = publication["url"].rstrip("/") + "/"
    # No repo_url: with it, Material's header widget asks api.github.com for the
    # repository's stars, a request to outside the site. The edit links need only an
    # absolute edit_uri.
    config.edit_uri = publication["repository"].rstrip("/") + "/" + EDIT_URI
    features = config.theme["features"]
    if "content.action.edit" not in features:
        features.append("content.action.edit")


def _citations_ready():
    """The citation batch's results in mkdocs-bibtex's registry, before the first page."""
    batch = _state.pop("citations", None)
    if batch is not None:
        batch.wait()


def on_nav(nav, config, files):
    """Development pages and the year pages are not in the menu (see generate.nav):
    attach each to the timeline's section, so the Developments tab and the breadcrumbs
    show where the reader is, and to its older and newer neighbours, the footer's
    previous and next links.
    Material's blog plugin attaches its posts the same way."""
    def page(path):
        file = files.get_file_from_path(path) if path else None
        return file.page if file else None

    _state.pop("developments_section", None)
    if _state.get("preview"):
        return nav
    timeline = page(generate.TIMELINE)
    section = timeline.parent if timeline else None
    model = _state["model"]
    for older, path, newer in generate.development_sequence(model) + generate.year_sequence(model):
        attached = page(path)
        attached.parent = section
        attached.previous_page, attached.next_page = page(older), page(newer)
    if section is not None:
        _state["developments_section"] = (section, list(section.children))
    return nav


def on_page_context(context, page, config, nav):
    """While a development page is written, the menu's Developments section lists that
    page (with its contents) under the timeline, as any other page is listed in its
    section: a phone's menu opens there, not on an empty section. One page, never all."""
    if "developments_section" in _state:
        section, children = _state["developments_section"]
        section.children = children + ([page] if page.parent is section and page not in children else [])
    return context


def _publication(config) -> Publication:
    """Built once, after every plugin's on_config (the offline plugin sets the URL style)."""
    if "publication" not in _state:
        extra = config.extra["publication"]
        site = Site(config.site_name, config.site_description, extra["url"], extra["editors"],
                    "https://creativecommons.org/licenses/by/4.0/", config.use_directory_urls)
        bibtex = config.plugins.get("bibtex")  # absent only in the benchmark of a build without citations
        csl = bibtex.config.csl_file if bibtex else str(citations.pandoc_style("default.csl"))
        _state["publication"] = Publication(_state["model"], _state["bib"], site, _state["page_dates"], csl)
    return _state["publication"]


def on_files(files, config):
    root = _root(config)
    if _state.get("preview"):  # only the findings page, and the theme's own files
        files = Files([f for f in files if not f.is_documentation_page()])
        files.append(File.generated(config, PREVIEW_PAGE, content=_preview_page(_state["preview"])))
    else:
        _state.pop("publication", None)  # a new build (mkdocs serve) starts afresh
        _state.pop("published_addresses", None)
        publication = _publication(config)
        _state["year_pages"] = generate.year_pages(_state["model"])  # newest year first
        _state["timeline_rows"] = {}
        for dest, content in {**publication.data_files(), FEED: publication.feed(), **_state["year_pages"]}.items():
            files.append(File.generated(config, dest, content=content))
    for source, dest in (SHIM, SHIM_LICENSE):
        path = root / source
        if not path.exists():
            raise Abort(f"{source} is missing: run 'make site' (it installs the site's browser assets with npm ci)")
        files.append(File.generated(config, dest, abs_src_path=str(path)))
    return files


@event_priority(100)  # before mkdocs-bibtex, so generated parts are in place when it runs
def on_page_markdown(markdown, page, config, files):
    _citations_ready()
    if _state.get("preview"):
        return markdown
    rec = _state["model"].recommendations.get(page.file.src_uri[len("recommendations/"):-3]) \
        if page.file.src_uri.startswith("recommendations/") else None
    if rec:  # Material shows `status` beside the page in the navigation: the current assessment's
        page.meta["status"] = rec.status
    path, publication = page.file.src_uri, _publication(config)
    extra = {"<!-- bibliography -->": lambda: _full_bibliography(path, config),
             "<!-- codebook -->": lambda: opendata.codebook(),
             "<!-- whats-new -->": lambda: publication.whats_new(path)}
    markdown = generate.render_markers(markdown, path, _state["model"], extra)
    cite_block = publication.cite_block(path)
    return "\n\n".join(part for part in (markdown, cite_block and search_scope.block(cite_block),
                                          publication.last_changed_line(path)) if part)


def on_page_content(html, page, config, files):
    html = citations.strip_pandoc_spans(html)
    # The net under the source checks: what Markdown rendered, checked as a browser reads
    # it, before the site's own additions below.
    if not _state.get("preview"):
        source = _state["model"].pages.get(page.file.src_uri)
        body, first_line = (source.body, source.body_line) if source else (page.markdown or "", 1)
        _state["rendered"] += check_rendered(html, body, f"{_docs_prefix(config)}{page.file.src_uri}", first_line)
    html = status_views.with_icon_sprite(html_tables.label_cells(html_tables.lift_row_data(html)))
    html = html_print.add_print_addresses(html, page.url, _published_addresses(config, files).get)
    html = html_chinese.mark_chinese(html_pinyin.add_toneless_pinyin(search_scope.leave_out_addresses(html)))
    if "timeline_rows" in _state and page.file.src_uri in _state["year_pages"]:
        _state["timeline_rows"][page.file.src_uri] = timeline_rows.rows_of(html)
    return html


def on_env(env, config, files):
    """Every page is rendered, nothing is written yet: fail with all pages' findings at once."""
    findings = sorted(set(_state["rendered"]), key=lambda f: f.sort_key)
    preview = os.environ.get(PREVIEW_SWITCH) == "1"  # `make serve` shows them and keeps previewing
    for finding in findings:
        (log.info if preview else log.error)(finding.format())
    if findings and not preview:
        raise Abort(f"{len(findings)} error(s) in the rendered pages: fix them (file:line above) and build again")
    if "timeline_rows" in _state:
        files.append(File.generated(config, generate.ROWS_SCRIPT, content=_timeline_rows_script()))
    return env


def _timeline_rows_script() -> str:
    """The year pages' rendered rows, newest first, for the timeline's filters. A row
    short of the developments would hide a development from every filter: fail instead."""
    rendered = _state.pop("timeline_rows")
    rows = [row for path in _state["year_pages"] for row in rendered.get(path, [])]
    if len(rows) != len(_state["model"].developments):
        raise Abort(f"the year pages rendered {len(rows)} timeline rows for {len(_state['model'].developments)} "
                    "developments: the timeline's filters would miss some (a bug in the site's build)")
    return timeline_rows.script(rows)


def on_post_template(output_content, template_name, config):
    return csp.with_policy(output_content) if _published() and template_name.endswith(".html") else output_content


def _published() -> bool:
    """The build for the published address (SITE_PUBLISH=1), as opposed to the offline one."""
    return os.environ.get(PUBLISH_SWITCH) == "1"


def _docs_prefix(config) -> str:
    docs = Path(config.docs_dir).resolve().relative_to(_root(config)).as_posix()
    return f"{docs}/"


def _published_addresses(config, files) -> dict:
    """Each page's URL -> its published address; made once per build (per page, it would
    make the build quadratic in the number of pages)."""
    if "published_addresses" not in _state:
        site = _publication(config).site
        _state["published_addresses"] = {f.url: site.url_of(f.src_uri) for f in files.documentation_pages()}
    return _state["published_addresses"]


def on_post_page(output, page, config):
    """Scholar, Open Graph and JSON-LD metadata, and the feed's address, in every page's head;
    the theme's search dialog named and its navigation statuses spelled out."""
    if _state.get("preview"):
        return output
    output = html_chrome.name_search_dialog(output)
    output = html_chrome.status_as_text(output, {value: vocabulary.label(value) for value in vocabulary.STATUSES})
    base = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
    feed = posixpath.relpath(FEED, base or ".") if config.site_url else None  # offline: see metadata.head
    description = str(page.meta.get("summary") or page.meta.get("description") or "")
    tags = _publication(config).head(page.file.src_uri, description, feed, page.title or "")
    output = metadata.insert_head(output, tags)
    return csp.with_policy(output) if _published() else output  # last: it hashes the page's inline scripts


def _full_bibliography(path: str, config) -> str:
    bibtex = config.plugins.get("bibtex")
    model, bib = _state["model"], _state["bib"]
    if bibtex is None:  # a build without the citation plugin (the benchmark of what citations cost)
        references = {key: key for key in bib.sources}
    else:
        citations.ensure_formatted(bibtex.registry, list(bib.sources))
        references = {key: bibtex.registry.reference_text(Citation(key=key)) for key in bib.sources}
    citing = citations_by_key(model)

    def title(page_path):
        page = model.pages[page_path]
        return str(page.meta.get("title") or page_path)

    kinds = {key: "primary" if source.is_primary else "secondary" for key, source in bib.sources.items()}
    return generate.bibliography_list(references, citing, path, title, kinds)
