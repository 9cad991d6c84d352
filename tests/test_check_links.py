"""Internal links, anchors, reference links and footnotes."""
import pytest

from sitefactory import REC, check, codes, write_site

REC_PATH = "docs/recommendations/data-free-port.md"
LINK_LINE = 19  # the line 'See [the initiative](...)' in the fixture page
GOOD = "See [the initiative](../developments/cn-2024-initiative.md#what-it-is)."


@pytest.mark.parametrize("replacement, code", [
    ("See [the initiative](../developments/cn-2024-missing.md).", "link-target-missing"),
    ("See [the initiative](../developments/cn-2024-initiative.md#what-it-was).", "anchor-missing"),
    ("See [the initiative](#no-such-heading).", "anchor-missing"),
    ("See [the initiative]().", "link-empty"),
    ("See [the initiative](../../README.md).", "link-escapes-docs"),
    ("See [the initiative](/developments/cn-2024-initiative.md).", "link-absolute"),
    ("See ![a chart](../img/chart.png).", "link-target-missing"),
    ("See [the initiative][init].", "reference-undefined"),
    ("See the initiative[^note].", "footnote-undefined"),
    ("See [the text](htps://example.org/).", "link-bad-url"),
    ("See [the text](https://example/).", "link-bad-url"),
    ("See [the text](//cdn.example.org/x).", "link-bad-url"),
    ("See [us](mailto:nobody).", "link-bad-url"),
])
def test_link_defect_is_reported_at_its_line(tmp_path, replacement, code):
    page = REC.replace(GOOD, replacement)
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": page}))
    assert [(f.code, f.path, f.line) for f in checked.findings] == [(code, REC_PATH, LINK_LINE)]


@pytest.mark.parametrize("replacement", [
    "See [the\ninitiative](../developments/cn-2024-missing.md).",
    "See ![a\nchart](../img/chart.png).",
])
def test_a_link_whose_text_runs_over_a_line_break_is_checked(tmp_path, replacement):
    """Python-Markdown renders it as a link; the finding names the line of its target."""
    page = REC.replace(GOOD, replacement)
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": page}))
    assert [(f.code, f.path, f.line) for f in checked.findings] == [("link-target-missing", REC_PATH, LINK_LINE + 1)]


@pytest.mark.parametrize("replacement, extra_line", [
    ("See [the port](#what-it-asks).", ""),
    ("See [status](#status) and [sources](data-free-port.md#sources).", ""),
    ("See [custom](#custom-id).", "\n## A heading {#custom-id}\n"),
    ("See [item](#item).", "\nA paragraph.\n{: #item }\n"),
    ("See [dup](#what-it-asks_1).", "\n## What it asks\n"),
    ("See [the note][note].", "\n[note]: https://example.org/\n"),
    ("See the note[^n].", "\n[^n]: A note.\n"),
    ("See `[not a link](nowhere.md)` in code.", ""),
    ("See [the text](https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm?a=1&b=2#x).", ""),
    ("Write to [us](mailto:editors@example.org).", ""),
])
def test_valid_links_pass(tmp_path, replacement, extra_line):
    page = REC.replace(GOOD, replacement) + extra_line
    checked = check(write_site(tmp_path, {"recommendations/data-free-port.md": page}))
    assert checked.findings == []


def test_link_inside_fenced_code_is_ignored(tmp_path):
    page = REC.replace(GOOD, "```\n[x](missing.md)\n```")
    assert check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings == []


def test_every_defect_is_reported_not_only_the_first(tmp_path):
    page = REC.replace(GOOD, "[a](a.md) [b](b.md)\n[c](#c)")
    found = codes(check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings)
    assert found == [("anchor-missing", REC_PATH, 20), ("link-target-missing", REC_PATH, 19),
                     ("link-target-missing", REC_PATH, 19)]
