"""pymdownx.snippets inclusions (`--8<-- "file"`): the included file must exist under
one of the extension's base paths, or the build fails; make check says so first."""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from .findings import Finding
from .pages import Page


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !!python/name:...); they do not
    matter here, so they read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def snippet_base_paths(repo_root: Path) -> list[Path]:
    """The snippets extension's base paths from mkdocs.yml (its default: the folder MkDocs runs in)."""
    try:
        config = yaml.load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        return [repo_root]
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict) and "pymdownx.snippets" in item:
            bases = (item["pymdownx.snippets"] or {}).get("base_path", ["."])
            return [repo_root / base for base in ([bases] if isinstance(bases, str) else bases)]
    return [repo_root]


def _exists_inside(base: Path, name: str) -> bool:
    target = os.path.realpath(base / name)
    root = os.path.realpath(base)
    return target.startswith(root + os.sep) and os.path.isfile(target)


def check_snippets(page: Page, bases: list[Path], repo_root: Path) -> list[Finding]:
    findings = []
    for snippet in page.structure.snippets:
        name = snippet.path.split(":")[0] if not snippet.path.startswith(("http:", "https:")) else snippet.path
        if not any(_exists_inside(base, name) for base in bases):
            where = ", ".join(Path(os.path.relpath(base, repo_root)).as_posix() + "/" for base in bases)
            findings.append(Finding(page.repo_path, snippet.line, "snippet-missing",
                                    f"'--8<--' includes '{snippet.path}', which is not a file in {where}; "
                                    "fix the name or add the file (the build would fail on it)"))
    return findings
