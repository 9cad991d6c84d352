"""The navigation, checked as MkDocs checks it, so that `make check` and the build agree:
every page is in the menu (mkdocs.yml's `nav` with its generated parts) or matched by
`not_in_nav`, and every page the menu names exists. MkDocs only warns, but the build is
strict, so either slip fails it."""
from __future__ import annotations

from pathlib import Path

import pathspec
import yaml

from . import generate
from .findings import Finding
from .model import SiteModel

# Files MkDocs never treats as pages (its own default exclusions).
_DEFAULT_EXCLUDE = [".*", "/templates/"]


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: tags such as !ENV or !!python/name read as their plain value."""


def _untagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)


_ConfigLoader.add_multi_constructor("!", _untagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def load_config(repo_root: Path) -> dict:
    path = repo_root / "mkdocs.yml"
    if not path.exists():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _spec(lines) -> pathspec.GitIgnoreSpec:
    if isinstance(lines, str):
        lines = lines.splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines or [])


def nav_paths(nav) -> list[str]:
    """Every local page a nav names, in order (links to other sites are not pages)."""
    found = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_paths(value)
        elif isinstance(value, str) and "://" not in value:
            found.append(value)
    return found


def _line_in(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    return None


def check_nav(config: dict, model: SiteModel, config_text: str = "") -> list[Finding]:
    """`config` is mkdocs.yml as data; without a `nav` MkDocs lists every page itself."""
    if not config.get("nav"):
        return []
    named = nav_paths(generate.nav(config["nav"], model))
    findings = []
    pages = set(model.pages)
    for path in named:
        if path not in pages:
            findings.append(Finding("mkdocs.yml", _line_in(config_text, path), "nav-not-found",
                                    f"the navigation names '{path}', which is not a page in docs/; "
                                    "fix the path or remove the entry"))
    excluded = _spec(_DEFAULT_EXCLUDE + (config.get("exclude_docs") or "").splitlines())
    not_in_nav = _spec(config.get("not_in_nav") or "")
    listed = set(named)
    for path in sorted(pages - listed):
        if excluded.match_file(path) or not_in_nav.match_file(path):
            continue
        findings.append(Finding(f"docs/{path}", None, "nav-omitted",
                                "the page is in no menu: add it to 'nav' in mkdocs.yml (MkDocs' strict build "
                                "fails on a page left out), or move it to a folder whose list is generated"))
    return findings
