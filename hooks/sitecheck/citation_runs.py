"""The site's citations cut into independent pandoc runs that can work side by side on
two cores, each giving exactly what one run over everything would give.

A citation's text depends on other entries only through disambiguation: two sources
whose citations would read alike ("White House 2024") get year suffixes or more names.
Those can only be sources with the same first author (or editor, or title where there is
neither) and the same year, so such sources stay in one run, and so do the sources of a
citation that names several ("[@a; @b]")."""
from __future__ import annotations

import re

from mkdocs_bibtex.citation import Citation, CitationBlock

_BRACES = re.compile(r"[{}]")


def _lead(entry) -> str:
    """Who or what a citation names first: the first author's family name, else the first
    editor's, else the title."""
    for role in ("author", "editor"):
        people = entry.persons.get(role)
        if people:
            person = people[0]
            return " ".join(person.last_names) or str(person)
    return entry.fields.get("title", "")


def _year(entry) -> str:
    return entry.fields.get("year") or entry.fields.get("date", "")[:4]


def disambiguation_group(entry) -> tuple[str, str]:
    return _BRACES.sub("", _lead(entry)).strip().lower(), _year(entry)


def partition(blocks: list[CitationBlock], uncited: list[str], entries, runs: int) -> list[list[CitationBlock]]:
    """`blocks` (the pages' citations) and the `uncited` keys (each must be formatted for
    the full bibliography) in at most `runs` parts that share no disambiguation group and
    no citation; parts of about equal numbers of sources, none empty."""
    parent: dict = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a, b):
        parent[root(a)] = root(b)

    keys_of = [[c.key for c in block.citations if c.key in entries] for block in blocks]
    for key in entries:
        join(key, ("group", *disambiguation_group(entries[key])))
    for keys in keys_of:
        for key in keys[1:]:
            join(keys[0], key)

    # Components, largest first, each to the part with the fewest sources so far.
    members: dict = {}
    for key in entries:
        members.setdefault(root(key), []).append(key)
    parts = [{"keys": set(), "blocks": []} for _ in range(max(1, runs))]
    for component in sorted(members.values(), key=lambda keys: (-len(keys), keys[0])):
        min(parts, key=lambda part: len(part["keys"]))["keys"].update(component)
    part_of = {key: index for index, part in enumerate(parts) for key in part["keys"]}
    for block, keys in zip(blocks, keys_of):
        parts[part_of[keys[0]] if keys else 0]["blocks"].append(block)
    for part in parts:
        left = [key for key in uncited if key in part["keys"]]
        if left:
            part["blocks"].append(CitationBlock(citations=[Citation(key=key) for key in left]))
    return [part["blocks"] for part in parts if part["blocks"]]
