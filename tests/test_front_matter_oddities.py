"""Front matter never crashes the checks: each oddity is one finding, at its line."""
import pytest

from sitefactory import DEV, REC, check, codes, write_site

REC_PATH = "docs/recommendations/data-free-port.md"
DEV_PATH = "docs/developments/cn-2024-initiative.md"


def _front_matter_findings(root, path):
    return [f for f in codes(check(root).findings) if f[1] == path and not f[0].startswith(("cross-", "effect-"))]


@pytest.mark.parametrize("old, new, expected", [
    ("title: An initiative", "title: &t An initiative\nsummary2: *t", [("front-matter-alias", 3), ("front-matter-alias", 4)]),
    ("title: An initiative", "title: &a [*a]", [("front-matter-alias", 3), ("front-matter-alias", 3)]),
    ("type: initiative", "type: initiative\ntype: law", [("front-matter-duplicate-key", 8)]),
    ("type: initiative", "type: initi\x0bative", [("front-matter-control-character", 7)]),
    ("type: initiative", "type: initi\x1bative", [("front-matter-control-character", 7)]),
    ("type: initiative", "type:\tinitiative", [("front-matter-tab", 7)]),
    ("type: initiative", "type: {law: 1}", [("front-matter-bad-value", 7)]),
    ("actors: [china]", "actors: [[china]]", [("front-matter-bad-value", 6)]),
    ("effect: mixed", "effect: {a: [1]}", [("front-matter-bad-value", 11)]),
    ("  - id: data-free-port", "  - id: {x: 1}", [("front-matter-bad-type", 10)]),
    ("title: An initiative", "title: {alpha: 1}", [("front-matter-bad-type", 3)]),
    ("type: initiative", "type: initiative\nsearch: 5", [("front-matter-bad-type", 8)]),
    ("type: initiative", "type: initiative\nsearch:\n  boost: high", [("front-matter-bad-type", 8)]),
    ("type: initiative", "type: initiative\ntemplate: [main.html]", [("front-matter-bad-type", 8)]),
    ("type: initiative", "type: initiative\nicon: 5", [("front-matter-bad-type", 8)]),
    ("type: initiative", "type: initiative\nhide: [navigation, sidebar]", [("front-matter-bad-value", 8)]),
    ("type: initiative", "type: initiative\ndescription: [a]", [("front-matter-bad-type", 8)]),
])
def test_front_matter_oddity_is_one_finding_at_its_line(tmp_path, old, new, expected):
    dev = DEV.replace(old, new, 1)
    root = write_site(tmp_path, {"developments/cn-2024-initiative.md": dev})
    assert _front_matter_findings(root, DEV_PATH) == sorted((c, DEV_PATH, n) for c, n in expected)


def test_theme_keys_are_checked_on_every_page(tmp_path):
    root = write_site(tmp_path, {"index.md": "---\ntitle: Home\nsearch: 5\nhide: navigation\nlayout: x\n---\n# Home\n"})
    assert _front_matter_findings(root, "docs/index.md") == [
        ("front-matter-bad-type", "docs/index.md", 3), ("front-matter-bad-type", "docs/index.md", 4),
        ("front-matter-unknown-field", "docs/index.md", 5)]


def test_valid_theme_keys_pass(tmp_path):
    page = "---\ntitle: Home\nhide: [navigation, toc]\nsearch:\n  boost: 2\ntemplate: main.html\nicon: material/bridge\n---\n"
    root = write_site(tmp_path, {"index.md": page + "# Home\n"})
    assert _front_matter_findings(root, "docs/index.md") == []


def test_a_byte_order_mark_is_named_and_the_page_still_read(tmp_path):
    root = write_site(tmp_path, {"developments/cn-2024-initiative.md": "\ufeff" + DEV})
    assert _front_matter_findings(root, DEV_PATH) == [("page-bom", DEV_PATH, 1)]


def test_crlf_line_endings_read_as_plain_newlines(tmp_path):
    root = write_site(tmp_path)
    page = root / "docs" / "developments" / "cn-2024-initiative.md"
    page.write_bytes(DEV.replace("\n", "\r\n").replace("type: initiative", "type: vibe").encode())
    assert _front_matter_findings(root, DEV_PATH) == [("front-matter-bad-value", DEV_PATH, 7)]


def test_broken_front_matter_gives_one_finding_not_one_per_field(tmp_path):
    root = write_site(tmp_path, {"recommendations/data-free-port.md": REC.replace("number: 5", "number: 5\n\tx: 1")})
    assert _front_matter_findings(root, REC_PATH) == [("front-matter-tab", REC_PATH, 4)]


@pytest.mark.parametrize("deep", [
    "x: " + "[" * 100_000 + "]" * 100_000,  # would crash the YAML library's C code
    "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 60)),
])
def test_deep_nesting_is_a_finding_not_a_crash(tmp_path, deep):
    root = write_site(tmp_path, {"recommendations/data-free-port.md": REC.replace("number: 5", deep)})
    found = _front_matter_findings(root, REC_PATH)
    assert [code for code, _, _ in found] == ["front-matter-too-deep"]
