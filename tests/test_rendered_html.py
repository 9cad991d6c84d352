"""The rendered page is the net: what Markdown produced is held to an allowlist, and a
build with violations on several pages fails once, naming them all."""
import subprocess
import sys

import pytest

from conftest import BUILD_ENV
from sitecheck.rendered_html import check_rendered
from sitefactory import REC, write_buildable_site
from test_markdown_page import _site_markdown

PATH = "docs/page.md"


def _rendered(body):
    html = _site_markdown().convert(body)
    return [(f.code, f.line) for f in check_rendered(html, body, PATH, 10)]


@pytest.mark.parametrize("body, expected", [
    ('## Heading {: onclick="alert(1)" }\n', [("html-event-handler", 10)]),
    ("Para\n{: onmouseover=\"x()\" }\n", [("html-event-handler", 11)]),
    # the decoded value is not in the source: the only 'href=' on the page gives the line
    ('Text\n\n<a href="java&#9;script:alert(1)">x</a>\n', [("html-unsafe-url", 12)]),
    ('<a href="&#106;avascript:alert(1)">x</a> <a href="#top">top</a>\n', [("html-unsafe-url", None)]),
    ('<a href=" data:text/html,x">x</a>\n', [("html-unsafe-url", 10)]),
    ("```\n<script>alert(1)</script>\n", [("html-element", 11)]),
    ("![pixel](https://tracker.example.org/p.gif)\n", [("html-external-resource", 10)]),
    ('<img src="//tracker.example.org/p.gif">\n', [("html-external-resource", 10)]),
    ('<img src="a.png" srcset="https://x.example.org/c.png 2x">\n', [("html-attribute", 10)]),
    ('<video src="https://x.example.org/v.mp4"></video>\n', [("html-element", 10)]),
    ('Text\n\n<span style="background: u\\72l(https://x.example.org/p)">x</span>\n', [("html-style-loads", 12)]),
    ('<span style="color: red">x</span> <p style="@import \'x.css\'">y</p>\n', [("html-style-loads", 10)]),
    ('<div data-md-component="search">x</div>\n', [("html-attribute", 10)]),
    ('<marquee>x</marquee>\n', [("html-element", 10)]),
    ('<form action="https://x.example.org/collect"><input type="password"></form>\n',
     [("html-attribute", 10), ("html-element", 10)]),
    ('<p><svg><use href="https://x.example.org/i.svg#a"/></svg></p>\n', [("html-external-resource", 10)]),
    ('<p><svg><use href="data:image/svg+xml,x#a"/></svg></p>\n', [("html-external-resource", 10)]),
    ('<p><svg><use xlink:href="i.svg#a"/></svg></p>\n', [("html-attribute", 10)]),
    ('<p><svg><image href="i.svg"/></svg></p>\n', [("html-element", 10)]),
    ('<p><svg><a href="javascript:alert(1)"><circle r="1"/></a></svg></p>\n', [("html-unsafe-url", 10)]),
    ('<p><svg><circle r="1" onload="alert(1)"/></svg></p>\n', [("html-event-handler", 10)]),
])
def test_rendered_violation_is_placed_in_the_source(body, expected):
    assert _rendered(body) == expected


@pytest.mark.parametrize("body", [
    "# Title\n\nText with [a link](https://example.org/a?b=1&c=2) and [mail](mailto:a@example.org).\n",
    "| a | b |\n|--:|:-:|\n| 1 | 2 |\n",
    "Note[^1].\n\n[^1]: The note.\n",
    "!!! note\n\n    Body.\n\n??? info \"More\"\n    Hidden.\n",
    "=== \"One\"\n    a\n\n=== \"Two\"\n    b\n",
    "![chart](../img/chart.png){ width=300 }\n\n*[HTML]: HyperText\n\nHTML.\n\nTerm\n:   Definition\n",
    "```python\nprint('<script>')\n```\n",
    '<p><span data-row data-year="2024">x</span></p>\n',
    '<p><svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="7" fill="currentColor"/></svg></p>\n',
    '<p><svg class="sanya-icon" aria-hidden="true"><use href="#sanya-icon-partial"/></svg></p>\n',
])
def test_ordinary_markdown_passes(body):
    assert _rendered(body) == []


def test_a_build_fails_once_with_every_rendered_violation(tmp_path):
    """Two pages whose markup the source checks let through; the build names both."""
    root = write_buildable_site(tmp_path, {
        "recommendations/data-free-port.md": REC.replace("## Status", "<marquee>Look</marquee>\n\n## Status"),
        "methodology.md": '# Methodology\n\n## Effects\n\n<a href="index.md" ping="https://t.example.org/">x</a>\n',
    })
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")],
                            capture_output=True, text=True, cwd=root, env=BUILD_ENV)
    assert result.returncode != 0
    assert "docs/methodology.md:5: error [html-attribute]" in result.stderr
    line = REC.split("\n").index("## Status") + 1
    assert f"docs/recommendations/data-free-port.md:{line}: error [html-element]" in result.stderr
    assert "2 error(s) in the rendered pages" in result.stdout + result.stderr
    assert not (root / "site" / "methodology.html").exists()
