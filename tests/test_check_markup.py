"""Unsafe contributed markup is an error, wherever it stands outside code."""
import pytest

from sitefactory import REC, check, codes, write_site

REC_PATH = "docs/recommendations/data-free-port.md"
LINE = 19
GOOD = "See [the initiative](../developments/cn-2024-initiative.md#what-it-is)."


@pytest.mark.parametrize("replacement, code", [
    ("<script>alert(1)</script>", "unsafe-tag"),
    ('<iframe src="https://example.org"></iframe>', "unsafe-tag"),
    ('<object data="x.swf"></object>', "unsafe-tag"),
    ('<img src="x.png" onerror="alert(1)">', "unsafe-event-handler"),
    ('<a href="#" onclick="steal()">x</a>', "unsafe-event-handler"),
    ("[click](javascript:alert(1))", "unsafe-url"),
    ("[data](data:text/html;base64,PHNjcmlwdD4=)", "unsafe-url"),
    ('<a href="javascript:alert(1)">x</a>', "unsafe-url"),
])
def test_unsafe_markup_is_an_error(tmp_path, replacement, code):
    page = REC.replace(GOOD, replacement)
    found = codes(check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings)
    assert (code, REC_PATH, LINE) in found
    assert all(f[0].startswith("unsafe") for f in found), found


def test_markup_inside_code_is_only_shown(tmp_path):
    page = REC.replace(GOOD, "Write `<script>` never.\n\n```html\n<script>alert(1)</script>\n```")
    assert check(write_site(tmp_path, {"recommendations/data-free-port.md": page})).findings == []
