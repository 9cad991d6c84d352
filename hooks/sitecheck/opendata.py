"""The open data: the content model as tables (CSV and JSON), described by a Frictionless
Data Package whose Table Schemas, and the codebook on the Data page, come from one
schema below. Everything is derived from front matter and BibTeX at build time."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from . import vocabulary as vocab
from .bibliography import KINDS, Bibliography
from .model import SiteModel

DATA_DIR = "data"
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, date
    description: str
    values: tuple = ()  # allowed values, from a vocabulary
    required: bool = True
    pattern: str | None = None

    def schema(self) -> dict:
        spec = {"name": self.name, "type": self.type, "description": self.description}
        constraints = {"required": True} if self.required else {}
        if self.values:
            constraints["enum"] = list(self.values)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            spec["constraints"] = constraints
        return spec


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple
    primary_key: tuple
    foreign_keys: tuple = field(default=())  # ((columns), table, (columns))

    def schema(self) -> dict:
        return {
            "fields": [c.schema() for c in self.columns],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [{"fields": list(cols), "reference": {"resource": table, "fields": list(ref)}}
                            for cols, table, ref in self.foreign_keys],
        }


_ID = "lower-case words joined by hyphens; also the page's file name"
_URL = "the page's permanent address on the published site"
TABLES = (
    Table("recommendations", "The memorandum's recommendations, with their current status.", (
        Column("id", "string", f"Stable id of the recommendation ({_ID})."),
        Column("number", "integer", "Its place in the memorandum, counted from 1."),
        Column("title", "string", "Short title."),
        Column("section", "string", "The memorandum's section.", tuple(vocab.SECTIONS)),
        Column("summary", "string", "What it asks, in one sentence."),
        Column("status", "string", "Current status on the site's scale (the latest assessment).",
               tuple(vocab.STATUSES)),
        Column("status_as_of", "date", "Date of the latest assessment."),
        Column("url", "string", f"Recommendation page: {_URL}."),
    ), ("id",)),
    Table("assessments", "Every dated assessment of every recommendation, oldest first: the 2019 baseline, "
          "the end of each year, the current one.", (
        Column("recommendation_id", "string", "The recommendation assessed."),
        Column("as_of", "date", "The date the assessment speaks for."),
        Column("status", "string", "Status on the site's scale at that date.", tuple(vocab.STATUSES)),
        Column("reason", "string", "The site's one-sentence reasoning."),
    ), ("recommendation_id", "as_of"), ((("recommendation_id",), "recommendations", ("id",)),)),
    Table("assessment_evidence", "The developments each assessment rests on.", (
        Column("recommendation_id", "string", "The recommendation assessed."),
        Column("as_of", "date", "The assessment's date."),
        Column("development_id", "string", "A development dated on or before the assessment."),
    ), ("recommendation_id", "as_of", "development_id"), (
        (("recommendation_id", "as_of"), "assessments", ("recommendation_id", "as_of")),
        (("development_id",), "developments", ("id",)),
    )),
    Table("developments", "Later developments: laws, rules, orders, initiatives, dialogues, rulings.", (
        Column("id", "string", f"Stable id of the development ({_ID})."),
        Column("title", "string", "Title."),
        Column("date", "date", "The date the development is dated by."),
        Column("date_kind", "string", "What that date is.", tuple(vocab.DATE_KINDS)),
        Column("type", "string", "Kind of development.", tuple(vocab.TYPES)),
        Column("summary", "string", "What happened, in one or two sentences."),
        Column("url", "string", f"Development page: {_URL}."),
    ), ("id",)),
    Table("development_actors", "Who acted: one row per development and actor.", (
        Column("development_id", "string", "The development."),
        Column("actor", "string", "A government or body that acted.", tuple(vocab.ACTORS)),
    ), ("development_id", "actor"), ((("development_id",), "developments", ("id",)),)),
    Table("effects", "How each development bears on each recommendation it names.", (
        Column("development_id", "string", "The development."),
        Column("recommendation_id", "string", "The recommendation it bears on."),
        Column("effect", "string", "Its effect on the recommendation.", tuple(vocab.EFFECTS)),
    ), ("development_id", "recommendation_id"), (
        (("development_id",), "developments", ("id",)),
        (("recommendation_id",), "recommendations", ("id",)),
    )),
    Table("development_sources", "The sources each development page lists.", (
        Column("development_id", "string", "The development."),
        Column("source_key", "string", "A source's BibTeX key."),
    ), ("development_id", "source_key"), (
        (("development_id",), "developments", ("id",)),
        (("source_key",), "sources", ("key",)),
    )),
    Table("sources", "Every source in the bibliography.", (
        Column("key", "string", "BibTeX key, also the anchor of the entry on the Bibliography page."),
        Column("entry_type", "string", "BibTeX entry type (online, report, article, ...)."),
        Column("title", "string", "Title as in the BibTeX entry."),
        Column("authors", "string", "Authors, editors or issuing body, separated by '; '.", required=False),
        Column("date", "string", "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.", required=False,
               pattern=r"\d{4}(-\d{2}(-\d{2})?)?"),
        Column("url", "string", "Where the source is published.", required=False),
        Column("doi", "string", "DOI, where there is one.", required=False),
        Column("kind", "string", "primary: the official text or announcement; secondary: analysis or reporting.",
               KINDS),
        Column("bib_file", "string", "The file of the repository that holds the entry."),
    ), ("key",)),
)


def _authors(source) -> str:
    people = source.persons.get("author") or source.persons.get("editor") or []
    names = [str(p).replace("{", "").replace("}", "") for p in people]
    org = source.fields.get("organization") or source.fields.get("institution")
    return "; ".join(names or ([org] if org else []))


def rows(model: SiteModel, bib: Bibliography, url_of) -> dict[str, list[dict]]:
    """Every table's rows, in a stable order. url_of(docs path) -> permanent address."""
    recs, devs = model.ordered_recommendations(), sorted(model.developments.values(), key=lambda d: (d.date, d.id))
    out = {t.name: [] for t in TABLES}
    for rec in recs:
        out["recommendations"].append({
            "id": rec.id, "number": rec.number, "title": rec.title, "section": rec.section, "summary": rec.summary,
            "status": rec.status, "status_as_of": rec.status_as_of.isoformat(), "url": url_of(rec.page.path)})
        for entry in rec.assessments:
            out["assessments"].append({"recommendation_id": rec.id, "as_of": entry.as_of.isoformat(),
                                       "status": entry.status, "reason": entry.reason})
            out["assessment_evidence"] += [{"recommendation_id": rec.id, "as_of": entry.as_of.isoformat(),
                                            "development_id": dev_id} for dev_id in entry.evidence]
    for dev in devs:
        out["developments"].append({
            "id": dev.id, "title": dev.title, "date": dev.date.isoformat(), "date_kind": dev.date_kind,
            "type": dev.type, "summary": dev.summary, "url": url_of(dev.page.path)})
        out["development_actors"] += [{"development_id": dev.id, "actor": a} for a in dev.actors]
        out["effects"] += [{"development_id": dev.id, "recommendation_id": e.recommendation, "effect": e.effect}
                           for e in dev.effects]
        out["development_sources"] += [{"development_id": dev.id, "source_key": k} for k in dev.sources]
    for key, source in sorted(bib.sources.items()):
        f = source.fields
        out["sources"].append({
            "key": key, "entry_type": source.type, "title": f.get("title", ""), "authors": _authors(source),
            "date": f.get("date") or f.get("year") or "", "url": f.get("url", ""), "doi": f.get("doi", ""),
            "kind": "primary" if source.is_primary else "secondary", "bib_file": source.path})
    return out


def to_csv(table: Table, records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in table.columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def datapackage(site: dict, version: str) -> dict:
    """site: name, title, description, url (published address), editors."""
    return {
        "profile": "tabular-data-package",
        "name": site["name"],
        "title": site["title"],
        "description": site["description"],
        "version": version,
        "homepage": site["url"],
        "licenses": [LICENSE],
        "contributors": [{"title": site["editors"], "role": "author"}],
        "resources": [{
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": t.description, "schema": t.schema(),
        } for t in TABLES],
    }


def files(model: SiteModel, bib: Bibliography, url_of, site: dict, version: str) -> dict[str, str]:
    """Site-relative path -> content, for every file of the data package."""
    tables = rows(model, bib, url_of)
    out = {}
    for table in TABLES:
        out[f"{DATA_DIR}/{table.name}.csv"] = to_csv(table, tables[table.name])
        out[f"{DATA_DIR}/{table.name}.json"] = json.dumps(tables[table.name], ensure_ascii=False, indent=1) + "\n"
    out[f"{DATA_DIR}/datapackage.json"] = json.dumps(datapackage(site, version), ensure_ascii=False, indent=1) + "\n"
    return out


def codebook(from_dir: str = "") -> str:
    """The Data page's codebook: every table and field, written from the schema."""
    parts = []
    for table in TABLES:
        keys = ", ".join(f"`{k}`" for k in table.primary_key)
        links = f"[CSV]({from_dir}{DATA_DIR}/{table.name}.csv) · [JSON]({from_dir}{DATA_DIR}/{table.name}.json)"
        parts.append(f"### `{table.name}`\n\n{table.description} {links}. One row per {keys}.\n")
        parts.append("| Field | Type | Meaning | Allowed values |\n| --- | --- | --- | --- |")
        for col in table.columns:
            allowed = ", ".join(f"`{v}`" for v in col.values) or ("optional" if not col.required else "")
            parts.append(f"| `{col.name}` | {col.type} | {col.description} | {allowed} |")
        for cols, ref_table, ref_cols in table.foreign_keys:
            parts.append("")
            parts.append(f"`{', '.join(cols)}` refers to `{ref_table}` (`{', '.join(ref_cols)}`).")
        parts.append("")
    return "\n".join(parts)


def field_count() -> int:
    return sum(len(t.columns) for t in TABLES)
