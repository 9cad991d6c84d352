"""Property-based: whatever a contributor writes in front matter or a page body, the
checks return findings (or nothing) and never raise, in time linear in the input."""
import time

from hypothesis import HealthCheck, given, settings, strategies as st

from sitecheck.markdown_page import parse
from sitecheck.model import build_model
from sitecheck.pages import parse_page
from sitecheck.check_links import check_links
from sitecheck.check_markup import check_markup
from sitecheck.findings import Finding
from sitecheck.rendered_html import check_rendered

FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
PATH = "developments/x.md"

# Pieces that matter to a Markdown or YAML reader, so random text meets the hard cases.
MARKDOWN_PIECES = ["`", "```", "~~~", "[", "]", "(", ")", "[@", "@k", "![", "](", "<", ">", "<!--", "-->", "{:",
                   "}", "#", "## ", "\n", "\n\n", "    ", "\t", "*", "_", "\\", "<script>", "<a href=", '"', "'",
                   "javascript:", "&#9;", "[^1]", "[^1]: ", "--8<--", "=", "-", "|", "x", " ", "é", "\x00", "\x0b"]
YAML_PIECES = ["id", "title", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", "&a", "*a", "!!", "'", '"', "#",
               "\t", "\x0b", "\ufeff", "\r\n", "<<", "?", "|", ">", "2024-02-30", "5", "true", "null", "x", "é",
               "recommendations", "effect", "actors", "date", "sources", "hide", "search", "template"]


def _text(pieces, max_size):
    return st.lists(st.sampled_from(pieces) | st.text(max_size=3), max_size=max_size).map("".join)


def _all_findings(text):
    page, findings = parse_page(text, PATH, f"docs/{PATH}")
    _, model_findings = build_model({PATH: page})
    findings += model_findings + check_links({PATH: page}, {PATH}) + check_markup(page)
    return findings


@FAST
@given(_text(YAML_PIECES, 80), _text(MARKDOWN_PIECES, 80))
def test_any_page_gives_findings_never_an_exception(front_matter, body):
    findings = _all_findings(f"---\n{front_matter}\n---\n{body}")
    assert all(isinstance(f, Finding) and f.path == f"docs/{PATH}" for f in findings)


@FAST
@given(_text(MARKDOWN_PIECES, 120))
def test_any_rendered_body_gives_findings_never_an_exception(body):
    import markdown
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "footnotes", "tables"])
    assert all(isinstance(f, Finding) for f in check_rendered(html, body, "docs/x.md"))


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text(MARKDOWN_PIECES, 40))
def test_reading_time_is_linear_in_the_body(unit):
    """A body repeated 400 and 1,600 times: four times the text, never sixteen times the work."""
    def cost(n):
        body = unit * n
        start = time.process_time()
        parse(body)
        return time.process_time() - start

    small, large = cost(400), cost(1600)
    assert large < 8 * small + 0.05
