"""Shared fixtures: the real repository, a built copy of the real site, and small
fixture sites written from text for the checks' unit tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(REPO / "hooks")}


def mkdocs_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
                          capture_output=True, text=True, env=BUILD_ENV, cwd=root)


def copy_repo(dest: Path) -> Path:
    """A copy of the site's sources (not its environments), to break on purpose."""
    for name in ("mkdocs.yml", "docs", "hooks", "bibliography"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    (dest / "node_modules").symlink_to(REPO / "node_modules")
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session in strict mode."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def site_copy(tmp_path) -> Path:
    return copy_repo(tmp_path)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session's reader tests; each test opens its own context."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}: run 'make test', which installs it")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def offline_context(browser, **options):
    """A browser context that may read file:// only; returns (context, blocked URLs, page errors)."""
    context = browser.new_context(**options)
    blocked, errors = [], []

    def gate(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    context.on("weberror", lambda e: errors.append(str(e.error)))
    return context, blocked, errors
