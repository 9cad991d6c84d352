"""What a page's <head> tells machines: Google Scholar's citation_* tags, Open Graph and
Twitter card tags, and schema.org JSON-LD (Article for pages, Dataset for the data).
Nothing here loads anything: no image, no script source."""
from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageFacts:
    title: str
    description: str
    url: str  # permanent address on the published site
    published: dt.date  # the date the page's subject is dated by (or its first version)
    modified: dt.date  # the version the reader sees
    site: str
    editors: str
    license_url: str
    dataset: dict = field(default_factory=dict)  # for the Data page: name, description, files


def _meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{name}" content="{html.escape(content, quote=True)}">'


def scholar(p: PageFacts) -> list[str]:
    return [_meta("name", "citation_title", p.title),
            _meta("name", "citation_author", p.editors),
            _meta("name", "citation_publication_date", p.published.strftime("%Y/%m/%d")),
            _meta("name", "citation_online_date", p.modified.strftime("%Y/%m/%d")),
            _meta("name", "citation_public_url", p.url),
            _meta("name", "citation_language", "en")]


def social(p: PageFacts) -> list[str]:
    return [_meta("property", "og:type", "article"),
            _meta("property", "og:title", p.title),
            _meta("property", "og:description", p.description),
            _meta("property", "og:url", p.url),
            _meta("property", "og:site_name", p.site),
            _meta("name", "twitter:card", "summary"),
            _meta("name", "twitter:title", p.title),
            _meta("name", "twitter:description", p.description)]


def json_ld(p: PageFacts) -> dict:
    editors = {"@type": "Organization", "name": p.editors}
    if p.dataset:
        return {"@context": "https://schema.org", "@type": "Dataset", "name": p.dataset["name"],
                "description": p.dataset["description"], "url": p.url, "license": p.license_url,
                "creator": editors, "dateModified": p.modified.isoformat(),
                "distribution": [{"@type": "DataDownload", "encodingFormat": kind, "contentUrl": url}
                                 for url, kind in p.dataset["files"]]}
    return {"@context": "https://schema.org", "@type": "Article", "headline": p.title, "description": p.description,
            "url": p.url, "mainEntityOfPage": p.url, "author": editors, "publisher": editors,
            "datePublished": p.published.isoformat(), "dateModified": p.modified.isoformat(),
            "license": p.license_url, "isPartOf": {"@type": "WebSite", "name": p.site}, "inLanguage": "en"}


def head(p: PageFacts, feed_href: str | None) -> str:
    """The tags to add before </head>. The JSON-LD is a data block, never executed; '<'
    is escaped so no text can close the script element. The feed's autodiscovery link
    only where the site is served: Material reads every rel=alternate link as a language
    version and fetches a sitemap beside it, which file:// forbids."""
    data = json.dumps(json_ld(p), ensure_ascii=False).replace("<", "\\u003c")
    feed = [f'<link rel="alternate" type="application/atom+xml" title="What\'s new" href="{html.escape(feed_href)}">'
            ] if feed_href else []
    return "\n".join([*scholar(p), *social(p), *feed,
                      f'<script type="application/ld+json">{data}</script>']) + "\n"


def insert_head(page_html: str, tags: str) -> str:
    at = page_html.find("</head>")
    return page_html if at < 0 else page_html[:at] + tags + page_html[at:]
