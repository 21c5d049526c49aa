"""Open data of the portal: every published table of a version as CSV and JSON, a Frictionless
Data Package (`datapackage.json`) per version, and a DCAT catalogue (`data.json`, the Project
Open Data v1.1 schema that CKAN, and so Satu Data Indonesia, harvest) of an agency's
publications. Each carries the licence of the deployment (`KINERJA_PORTAL_LICENCE`).

The rows come from the snapshot only. A withheld figure is an empty cell in CSV and null in
JSON, and the row's `suppressed` column says why (`small_group`, `protects_another`): never 0.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from kinerja.core.spreadsheets import csv_writer
from kinerja.portal.models import PublicationVersion


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: integer, number, string, date
    description: str


# The published tables in the order of the downloads, each with its columns: the Table Schema of
# the data package and the header row of the CSV.
TABLES: dict[str, tuple[Column, ...]] = {
    "indicators": (
        Column("id", "integer", "Stable id of the indicator"),
        Column("unit_id", "integer", "Id of the unit that reports it"),
        Column("goal_id", "integer", "Id of the goal it measures (empty: none)"),
        Column("name", "string", "Name of the indicator"),
        Column("unit_of_measure", "string", "Unit of measure (satuan)"),
        Column("polarity", "string", "Whether higher or lower is better"),
        Column("target", "number", "Target of the period"),
        Column("target_high", "number", "Upper end of a range target"),
        Column("realisation", "number", "Verified realisation of the period"),
        Column("capaian", "number", "Achievement against the target, per cent"),
    ),
    "goals": (
        Column("id", "integer", "Stable id of the goal"),
        Column("unit_id", "integer", "Id of the unit that owns it"),
        Column("name", "string", "Statement of the goal"),
        Column("capaian", "number", "Achievement of the goal, per cent"),
    ),
    "units": (
        Column("id", "integer", "Stable id of the unit"),
        Column("name", "string", "Name of the unit"),
        Column("parent_id", "integer", "Id of the unit above it (empty: the top)"),
        Column("is_service_unit", "boolean", "Whether it serves the public directly"),
        Column("head_office", "string", "The post of the unit's head (never a person)"),
        Column("capaian", "number", "Achievement of the unit, per cent"),
        Column("predikat", "string", "Organisation predikat, where the agency shows it"),
    ),
    "satisfaction": (
        Column("unit_id", "integer", "Id of the service unit"),
        Column("service_id", "integer", "Id of the service (empty: the whole unit)"),
        Column("service_name", "string", "Name of the service"),
        Column("respondents", "integer", "Number of respondents"),
        Column("ikm", "number", "Community satisfaction index, 25 to 100"),
        Column("grade", "string", "Grade of the index, A to D"),
        Column("weakest", "string", "The weakest survey elements, weakest first"),
        Column("suppressed", "string", "Why the figures are withheld (empty: shown)"),
    ),
    "complaints": (
        Column("unit_id", "integer", "Id of the unit (empty: the whole agency)"),
        Column("received", "integer", "Complaints received"),
        Column("answered", "integer", "Complaints answered"),
        Column("answered_on_time", "integer", "Complaints answered on time"),
        Column("median_days", "number", "Median working days to an answer"),
        Column("suppressed", "string", "Why the figures are withheld (empty: shown)"),
    ),
    "forums": (
        Column("unit_id", "integer", "Id of the unit"),
        Column("forums", "integer", "Public consultation forums held"),
        Column("commitments", "integer", "Commitments made in them"),
        Column("done", "integer", "Commitments done"),
        Column("done_on_time", "integer", "Commitments done on time"),
    ),
}
FORMATS = {"csv": "text/csv", "json": "application/json"}


def licence() -> dict:
    return {"name": settings.PORTAL_LICENCE, "path": settings.PORTAL_LICENCE_URL}


def rows(snapshot: dict, table: str) -> list[dict]:
    """The table's rows with exactly its columns, in the snapshot's order."""
    columns = TABLES[table]
    return [{c.name: row.get(c.name) for c in columns} for row in snapshot.get(table, [])]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def _csv_value(column: Column, value):
    """A number stays a number (a negative one is no formula); text that a spreadsheet would run
    as a formula is escaped by `csv_writer`."""
    if value is not None and column.type in {"number", "integer"}:
        return Decimal(str(value))
    return _cell(value)


def csv_text(snapshot: dict, table: str) -> str:
    """The table as CSV: a header row of the column names, then one line per row."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    columns = TABLES[table]
    writer.writerow([c.name for c in columns])
    for row in rows(snapshot, table):
        writer.writerow([_csv_value(c, row[c.name]) for c in columns])
    return out.getvalue()


def identity(version: PublicationVersion) -> dict:
    """What names a version in every download: the publication, its period and agency."""
    snapshot = version.snapshot
    return {
        "publication_id": version.publication_id,
        "version": version.version,
        "published_at": version.published_at.isoformat(),
        "agency": snapshot["agency"],
        "period": snapshot["period"],
    }


def json_document(version: PublicationVersion, table: str) -> dict:
    return {
        **identity(version),
        "table": table,
        "licence": licence(),
        "minimum_group": version.snapshot.get("minimum_group"),
        "rows": rows(version.snapshot, table),
    }


def _package_name(version: PublicationVersion) -> str:
    period = version.snapshot["period"]
    code = version.snapshot["agency"]["code"].lower()
    clean = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in code)
    return f"kinerja-{clean}-{period['year']}-{period['kind']}-{period['number']}"


def datapackage(version: PublicationVersion, *, title: str, csv_url) -> dict:
    """A Frictionless Data Package of the version: one CSV resource per table, at the address
    `csv_url(table)` gives, with its Table Schema."""
    snapshot = version.snapshot
    return {
        "profile": "tabular-data-package",
        "name": _package_name(version),
        "title": title,
        "version": str(version.version),
        "created": version.published_at.isoformat(),
        "licenses": [{**licence(), "title": settings.PORTAL_LICENCE}],
        "sources": [{"title": snapshot["agency"]["name"]}],
        "resources": [
            {
                "name": table,
                "path": csv_url(table),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "description": c.description}
                        for c in columns
                    ],
                    "missingValues": [""],
                },
            }
            for table, columns in TABLES.items()
        ],
    }


def dataset(version: PublicationVersion, *, title: str, landing_url: str, download_url) -> dict:
    """One entry of the DCAT catalogue: a publication in its current version."""
    snapshot = version.snapshot
    period = snapshot["period"]
    distributions = [
        {
            "@type": "dcat:Distribution",
            "title": f"{table}.{fmt}",
            "downloadURL": download_url(table, fmt),
            "mediaType": media,
            "format": fmt.upper(),
        }
        for table in TABLES
        for fmt, media in FORMATS.items()
    ]
    return {
        "@type": "dcat:Dataset",
        "identifier": landing_url,
        "title": title,
        "description": title,
        "keyword": ["kinerja", "IKU", "SKM", "IKM", "pengaduan"],
        "issued": version.published_at.date().isoformat(),
        "modified": version.published_at.isoformat(),
        "publisher": {"@type": "org:Organization", "name": snapshot["agency"]["name"]},
        "accessLevel": "public",
        "license": settings.PORTAL_LICENCE_URL,
        "rights": settings.PORTAL_LICENCE,
        "spatial": snapshot["agency"]["region_name"],
        "temporal": f"{period['start']}/{period['end']}",
        "landingPage": landing_url,
        "language": ["id"],
        "distribution": distributions,
    }


def catalogue(datasets: list[dict]) -> dict:
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "dataset": datasets,
    }
