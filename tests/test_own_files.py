"""Only the repository's own files are read, every would-be page is seen or refused,
and nothing in docs/ can make the checks or the build hang."""
import os
import subprocess
import sys
import time

import pytest

from conftest import BUILD_ENV
from sitefactory import check, codes, write_buildable_site, write_site


def _finds(root):
    return [f for f in codes(check(root).findings) if not f[0].startswith(("bib-", "cross-reference"))]


@pytest.mark.parametrize("make, expected", [
    (lambda docs: (docs / "x.md").symlink_to("/etc/os-release"), ("file-link-outside", "docs/x.md", None)),
    (lambda docs: (docs / "x.md").symlink_to(docs / "nowhere.md"), ("file-link-broken", "docs/x.md", None)),
    (lambda docs: (docs / "x.md").symlink_to(docs / "x.md"), ("file-link-broken", "docs/x.md", None)),
    (lambda docs: (docs / "zz-loopdir").symlink_to("."), ("file-link-loop", "docs/zz-loopdir", None)),
    (lambda docs: (docs / "x.md").mkdir(), ("page-is-folder", "docs/x.md", None)),
    (lambda docs: os.mkfifo(docs / "pipe.md"), ("file-not-regular", "docs/pipe.md", None)),
    (lambda docs: (docs / "page.markdown").write_text("# x\n"), ("page-extension", "docs/page.markdown", None)),
    (lambda docs: (docs / "page.mkd").write_text("# x\n"), ("page-extension", "docs/page.mkd", None)),
    (lambda docs: (docs / "PAGE.MD").write_text("# x\n"), ("page-extension", "docs/PAGE.MD", None)),
])
def test_file_system_oddity_is_a_finding(tmp_path, make, expected):
    root = write_site(tmp_path)
    make(root / "docs")
    assert _finds(root) == [expected]


def test_a_link_inside_the_repository_is_followed(tmp_path):
    root = write_site(tmp_path)
    (root / "docs" / "home.md").symlink_to(root / "docs" / "index.md")
    assert _finds(root) == []


def test_an_unreadable_page_is_a_finding(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file; the permission case cannot be made here")
    root = write_site(tmp_path)
    (root / "docs" / "index.md").chmod(0)
    assert _finds(root) == [("file-unreadable", "docs/index.md", None)]


def test_a_looping_folder_link_stops_the_build_before_mkdocs_walks_it(tmp_path):
    root = write_buildable_site(tmp_path)
    (root / "docs" / "zz-loopdir").symlink_to(".")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")],
                            capture_output=True, text=True, cwd=root, env=BUILD_ENV, timeout=120)
    assert result.returncode != 0
    assert "docs/zz-loopdir: error [file-link-loop]" in result.stderr
    assert time.monotonic() - start < 60
