"""Only the repository's own files: walk a folder the way MkDocs does (it follows
symbolic links), but never follow a link out of the repository or into a loop, and
never open anything that is not a regular file (a named pipe would block the build).

The bibliography check walks bibliography/ with it as the page check walks docs/."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding

# MkDocs renders a file as a page when its name ends with one of these
# (mkdocs.utils.markdown_extensions, compared case-sensitively by is_markdown_file).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


@dataclass(frozen=True)
class OwnFile:
    path: Path  # where to read it (inside the repository)
    rel: str  # posix path relative to the walked folder, as MkDocs names it


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def walk(folder: Path, repo_root: Path, file_suffixes: tuple = MARKDOWN_SUFFIXES,
         folder_code: str = "page-is-folder") -> tuple[list[OwnFile], list[Finding]]:
    """Every regular file under folder that belongs to the repository, and a finding for
    every link that leaves it, dangles or loops, every special file, and every folder
    named like the files the folder holds (file_suffixes; reported as folder_code)."""
    root = os.path.realpath(repo_root)
    files, findings = [], []

    def fail(path: str, code: str, message: str):
        findings.append(Finding(Path(os.path.relpath(path, repo_root)).as_posix(), None, code, message))

    def visit(directory: str, rel: str, seen: frozenset):
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            fail(directory, "file-unreadable", f"folder cannot be read ({exc.strerror}); fix its permissions")
            return
        for entry in entries:
            name = f"{rel}{entry.name}"
            target = entry.path
            if entry.is_symlink():
                try:
                    target = os.path.realpath(entry.path, strict=True)
                except (OSError, RuntimeError) as exc:
                    fail(entry.path, "file-link-broken", f"symbolic link that leads nowhere or loops "
                                                         f"({getattr(exc, 'strerror', None) or exc}); remove it")
                    continue
                if not _inside(target, root):
                    fail(entry.path, "file-link-outside", "symbolic link to a file outside the repository; the "
                                                          "site publishes only the repository's own files: "
                                                          "remove the link (copy the file in if it belongs)")
                    continue
            try:
                mode = os.stat(target).st_mode
            except OSError as exc:
                fail(entry.path, "file-unreadable", f"file cannot be read ({exc.strerror}); fix its permissions")
                continue
            if stat.S_ISDIR(mode):
                real = os.path.realpath(target)
                if real in seen:
                    fail(entry.path, "file-link-loop", "symbolic link to a folder that contains it: MkDocs "
                                                       "would walk it without end; remove it")
                    continue
                if entry.name.endswith(file_suffixes):
                    fail(entry.path, folder_code, f"a folder named '{entry.name}' looks like a file; rename it")
                    continue
                visit(target, name + "/", seen | {real})
            elif stat.S_ISREG(mode):
                files.append(OwnFile(Path(target) if target != entry.path else Path(entry.path), name))
            else:
                fail(entry.path, "file-not-regular", "not a regular file (a pipe, socket or device); the build "
                                                     "would block reading it: remove it")

    visit(str(folder), "", frozenset({os.path.realpath(folder)}))
    return files, findings
